// ===== lmech_spiked_wigner_outlier_variance float64
// spiked_wigner.outlier_variance: variance of sqrt(N)(lambda_1 - outlier) for GOE (beta=1) / GUE (beta=2) noise above threshold
// Capitaine, Donati-Martin & Feral, Ann. Probab. 37:1 (2009) (GOE/GUE; not universal for localised v)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_spiked_wigner_outlier_variance(double theta, double sigma2, double beta) {
    const double t0 = sqrt(sigma2);
    return -2.0*sigma2*(t0 - theta)*(t0 + theta)/(beta*pow(theta, 2.0));
}

// cupy.ElementwiseKernel(
//     'float64 theta, float64 sigma2, float64 beta',
//     'float64 out',
//     'out = lmech_spiked_wigner_outlier_variance(theta, sigma2, beta)',
//     name='lmech_spiked_wigner_outlier_variance', preamble=<the code above>)

// ===== lmech_spiked_wigner_outlier_variance_inside float64
// spiked_wigner.outlier_variance: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 theta, float64 sigma2, float64 beta',
//     'bool out',
//     'out = (isfinite(theta) && (0.0 < theta && theta < INFINITY)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY)) && (isfinite(beta) && (beta == 1.0 || beta == 2.0)) && ((theta > sqrt(sigma2)))',
//     name='lmech_spiked_wigner_outlier_variance_inside', preamble=<the code above>)

// ===== lmech_spiked_wigner_outlier_variance float32
// spiked_wigner.outlier_variance: variance of sqrt(N)(lambda_1 - outlier) for GOE (beta=1) / GUE (beta=2) noise above threshold
// Capitaine, Donati-Martin & Feral, Ann. Probab. 37:1 (2009) (GOE/GUE; not universal for localised v)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_spiked_wigner_outlier_variance(float theta, float sigma2, float beta) {
    const float t0 = sqrtf(sigma2);
    return -2.0F*sigma2*(t0 - theta)*(t0 + theta)/(beta*powf(theta, 2.0F));
}

// cupy.ElementwiseKernel(
//     'float32 theta, float32 sigma2, float32 beta',
//     'float32 out',
//     'out = lmech_spiked_wigner_outlier_variance(theta, sigma2, beta)',
//     name='lmech_spiked_wigner_outlier_variance', preamble=<the code above>)

// ===== lmech_spiked_wigner_outlier_variance_inside float32
// spiked_wigner.outlier_variance: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 theta, float32 sigma2, float32 beta',
//     'bool out',
//     'out = (isfinite(theta) && (0.0F < theta && theta < INFINITY)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY)) && (isfinite(beta) && (beta == 1.0F || beta == 2.0F)) && ((theta > sqrtf(sigma2)))',
//     name='lmech_spiked_wigner_outlier_variance_inside', preamble=<the code above>)
