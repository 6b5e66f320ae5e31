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
    const double t0 = 2.0*sqrt(sigma2);
    const double t1 = t0 + x;
    const double t2 = t0 - x;
    return ((t0 <= -x) ? (
   0.0
)
: ((t0 > x) ? (
   (2.0*atan2(sqrt(t1), sqrt(t2)) + (1.0/4.0)*x*sqrt(t1*t2)/sigma2)/3.14159265358979323846
)
: (
   1.0
)));
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
    const float t0 = 2.0F*sqrtf(sigma2);
    const float t1 = t0 + x;
    const float t2 = t0 - x;
    return ((t0 <= -x) ? (
   0.0F
)
: ((t0 > x) ? (
   (2.0F*atan2f(sqrtf(t1), sqrtf(t2)) + (1.0F/4.0F)*x*sqrtf(t1*t2)/sigma2)/3.14159265358979323846F
)
: (
   1.0F
)));
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
