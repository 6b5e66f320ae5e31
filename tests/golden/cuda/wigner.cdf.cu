// ===== lmech_wigner_cdf float64
// wigner.cdf: semicircle CDF
// Wigner, Ann. Math. 62:548 (1955); Anderson-Guionnet-Zeitouni (2010) Thm 2.1.1, eq. 2.4.6; THEORY.md §2
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_wigner_cdf(double x, double sigma2) {
    const double tc0 = 2.0*sqrt(sigma2);
    if (x <= -tc0) {
        return 0.0;
    }
    else if (x < tc0) {
        const double tb1_0 = tc0 + x;
        const double tb1_1 = tc0 - x;
        return (2.0*atan2(sqrt(tb1_0), sqrt(tb1_1)) + (1.0/4.0)*x*sqrt(tb1_0*tb1_1)/sigma2)/3.14159265358979323846;
    }
    else {
        return 1.0;
    }
}

// cupy.ElementwiseKernel(
//     'float64 x, float64 sigma2',
//     'float64 out',
//     'out = lmech_wigner_cdf(x, sigma2)',
//     name='lmech_wigner_cdf', preamble=<the code above>)

// ===== lmech_wigner_cdf_inside float64
// wigner.cdf: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 x, float64 sigma2',
//     'bool out',
//     'out = (isfinite(x)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY))',
//     name='lmech_wigner_cdf_inside', preamble=<the code above>)

// ===== lmech_wigner_cdf float32
// wigner.cdf: semicircle CDF
// Wigner, Ann. Math. 62:548 (1955); Anderson-Guionnet-Zeitouni (2010) Thm 2.1.1, eq. 2.4.6; THEORY.md §2
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_wigner_cdf(float x, float sigma2) {
    const float tc0 = 2.0F*sqrtf(sigma2);
    if (x <= -tc0) {
        return 0.0F;
    }
    else if (x < tc0) {
        const float tb1_0 = tc0 + x;
        const float tb1_1 = tc0 - x;
        return (2.0F*atan2f(sqrtf(tb1_0), sqrtf(tb1_1)) + (1.0F/4.0F)*x*sqrtf(tb1_0*tb1_1)/sigma2)/3.14159265358979323846F;
    }
    else {
        return 1.0F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 x, float32 sigma2',
//     'float32 out',
//     'out = lmech_wigner_cdf(x, sigma2)',
//     name='lmech_wigner_cdf', preamble=<the code above>)

// ===== lmech_wigner_cdf_inside float32
// wigner.cdf: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 x, float32 sigma2',
//     'bool out',
//     'out = (isfinite(x)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY))',
//     name='lmech_wigner_cdf_inside', preamble=<the code above>)
