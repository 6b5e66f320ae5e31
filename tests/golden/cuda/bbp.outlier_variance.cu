// ===== lmech_bbp_outlier_variance float64
// bbp.outlier_variance: variance of sqrt(n)(lambda_1 - outlier) above threshold: (2/beta)(1+theta)^2(1 - gamma/theta^2)
// Baik-Ben Arous-Peche, arXiv math/0403022; Baik-Silverstein (2006); Paul, Statist. Sinica 17:1617 (2007); Paul Thm 3 (beta = 1), BBP (beta = 2)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_bbp_outlier_variance(double theta, double gamma, double beta) {
    const double t0 = sqrt(gamma);
    return -2.0*(t0 - theta)*(t0 + theta)*pow(theta + 1.0, 2.0)/(beta*pow(theta, 2.0));
}

// cupy.ElementwiseKernel(
//     'float64 theta, float64 gamma, float64 beta',
//     'float64 out',
//     'out = lmech_bbp_outlier_variance(theta, gamma, beta)',
//     name='lmech_bbp_outlier_variance', preamble=<the code above>)

// ===== lmech_bbp_outlier_variance_inside float64
// bbp.outlier_variance: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 theta, float64 gamma, float64 beta',
//     'bool out',
//     'out = (isfinite(theta) && (0.0 < theta && theta < INFINITY)) && (isfinite(gamma) && (0.0 < gamma && gamma < INFINITY)) && (isfinite(beta) && (beta == 1.0 || beta == 2.0)) && ((theta > sqrt(gamma)))',
//     name='lmech_bbp_outlier_variance_inside', preamble=<the code above>)

// ===== lmech_bbp_outlier_variance float32
// bbp.outlier_variance: variance of sqrt(n)(lambda_1 - outlier) above threshold: (2/beta)(1+theta)^2(1 - gamma/theta^2)
// Baik-Ben Arous-Peche, arXiv math/0403022; Baik-Silverstein (2006); Paul, Statist. Sinica 17:1617 (2007); Paul Thm 3 (beta = 1), BBP (beta = 2)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_bbp_outlier_variance(float theta, float gamma, float beta) {
    const float t0 = sqrtf(gamma);
    return -2.0F*(t0 - theta)*(t0 + theta)*powf(theta + 1.0F, 2.0F)/(beta*powf(theta, 2.0F));
}

// cupy.ElementwiseKernel(
//     'float32 theta, float32 gamma, float32 beta',
//     'float32 out',
//     'out = lmech_bbp_outlier_variance(theta, gamma, beta)',
//     name='lmech_bbp_outlier_variance', preamble=<the code above>)

// ===== lmech_bbp_outlier_variance_inside float32
// bbp.outlier_variance: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 theta, float32 gamma, float32 beta',
//     'bool out',
//     'out = (isfinite(theta) && (0.0F < theta && theta < INFINITY)) && (isfinite(gamma) && (0.0F < gamma && gamma < INFINITY)) && (isfinite(beta) && (beta == 1.0F || beta == 2.0F)) && ((theta > sqrtf(gamma)))',
//     name='lmech_bbp_outlier_variance_inside', preamble=<the code above>)
