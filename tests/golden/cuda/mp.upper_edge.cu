// ===== lmech_mp_upper_edge float64
// mp.upper_edge: upper edge b = sigma2 (1 + sqrt(gamma))^2 of the support
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Thm 3.6; Bai-Yin (1993) for the largest eigenvalue
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_mp_upper_edge(double gamma, double sigma2) {
    return sigma2*pow(sqrt(gamma) + 1.0, 2.0);
}

// cupy.ElementwiseKernel(
//     'float64 gamma, float64 sigma2',
//     'float64 out',
//     'out = lmech_mp_upper_edge(gamma, sigma2)',
//     name='lmech_mp_upper_edge', preamble=<the code above>)

// ===== lmech_mp_upper_edge_inside float64
// mp.upper_edge: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 gamma, float64 sigma2',
//     'bool out',
//     'out = (isfinite(gamma) && (0.0 < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY))',
//     name='lmech_mp_upper_edge_inside', preamble=<the code above>)

// ===== lmech_mp_upper_edge float32
// mp.upper_edge: upper edge b = sigma2 (1 + sqrt(gamma))^2 of the support
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Thm 3.6; Bai-Yin (1993) for the largest eigenvalue
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_mp_upper_edge(float gamma, float sigma2) {
    return sigma2*powf(sqrtf(gamma) + 1.0F, 2.0F);
}

// cupy.ElementwiseKernel(
//     'float32 gamma, float32 sigma2',
//     'float32 out',
//     'out = lmech_mp_upper_edge(gamma, sigma2)',
//     name='lmech_mp_upper_edge', preamble=<the code above>)

// ===== lmech_mp_upper_edge_inside float32
// mp.upper_edge: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 gamma, float32 sigma2',
//     'bool out',
//     'out = (isfinite(gamma) && (0.0F < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY))',
//     name='lmech_mp_upper_edge_inside', preamble=<the code above>)
