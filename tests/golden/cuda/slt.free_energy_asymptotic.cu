// ===== lmech_slt_free_energy_asymptotic float64
// slt.free_energy_asymptotic: lambda log n - (m - 1) log log n: the growing part of the Bayes free energy of a realisable model
// Watanabe, Algebraic Geometry and Statistical Learning Theory (CUP 2009), Thm 6.7 and Main Formula II
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_slt_free_energy_asymptotic(double n, double lam, double m) {
    const double t0 = log(n);
    return lam*t0 - (m - 1.0)*log(t0);
}

// cupy.ElementwiseKernel(
//     'float64 n, float64 lam, float64 m',
//     'float64 out',
//     'out = lmech_slt_free_energy_asymptotic(n, lam, m)',
//     name='lmech_slt_free_energy_asymptotic', preamble=<the code above>)

// ===== lmech_slt_free_energy_asymptotic_inside float64
// slt.free_energy_asymptotic: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 n, float64 lam, float64 m',
//     'bool out',
//     'out = (isfinite(n) && (1.0 < n && n < INFINITY)) && (isfinite(lam) && (0.0 < lam && lam < INFINITY)) && (isfinite(m) && (m >= 1.0 && m < INFINITY) && m == rint(m))',
//     name='lmech_slt_free_energy_asymptotic_inside', preamble=<the code above>)

// ===== lmech_slt_free_energy_asymptotic float32
// slt.free_energy_asymptotic: lambda log n - (m - 1) log log n: the growing part of the Bayes free energy of a realisable model
// Watanabe, Algebraic Geometry and Statistical Learning Theory (CUP 2009), Thm 6.7 and Main Formula II
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_slt_free_energy_asymptotic(float n, float lam, float m) {
    const float t0 = logf(n);
    return lam*t0 - (m - 1.0F)*logf(t0);
}

// cupy.ElementwiseKernel(
//     'float32 n, float32 lam, float32 m',
//     'float32 out',
//     'out = lmech_slt_free_energy_asymptotic(n, lam, m)',
//     name='lmech_slt_free_energy_asymptotic', preamble=<the code above>)

// ===== lmech_slt_free_energy_asymptotic_inside float32
// slt.free_energy_asymptotic: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 n, float32 lam, float32 m',
//     'bool out',
//     'out = (isfinite(n) && (1.0F < n && n < INFINITY)) && (isfinite(lam) && (0.0F < lam && lam < INFINITY)) && (isfinite(m) && (m >= 1.0F && m < INFINITY) && m == rint(m))',
//     name='lmech_slt_free_energy_asymptotic_inside', preamble=<the code above>)
