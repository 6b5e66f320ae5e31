// ===== lmech_spiked_wigner_outlier float64
// spiked_wigner.outlier: limit of the top eigenvalue of theta v v^T + H: theta + sigma2/theta above threshold, 2 sigma below
// Feral-Peche, arXiv math/0605624; Benaych-Georges & Nadakuditi, arXiv 0910.2120; BGN Thm 2.1, Example 3.1
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_spiked_wigner_outlier(double theta, double sigma2) {
    if (theta > sqrt(sigma2)) {
        return sigma2/theta + theta;
    }
    else {
        return 2.0*sqrt(sigma2);
    }
}

// cupy.ElementwiseKernel(
//     'float64 theta, float64 sigma2',
//     'float64 out',
//     'out = lmech_spiked_wigner_outlier(theta, sigma2)',
//     name='lmech_spiked_wigner_outlier', preamble=<the code above>)

// ===== lmech_spiked_wigner_outlier_inside float64
// spiked_wigner.outlier: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 theta, float64 sigma2',
//     'bool out',
//     'out = (isfinite(theta) && (0.0 < theta && theta < INFINITY)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY))',
//     name='lmech_spiked_wigner_outlier_inside', preamble=<the code above>)

// ===== lmech_spiked_wigner_outlier float32
// spiked_wigner.outlier: limit of the top eigenvalue of theta v v^T + H: theta + sigma2/theta above threshold, 2 sigma below
// Feral-Peche, arXiv math/0605624; Benaych-Georges & Nadakuditi, arXiv 0910.2120; BGN Thm 2.1, Example 3.1
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_spiked_wigner_outlier(float theta, float sigma2) {
    if (theta > sqrtf(sigma2)) {
        return sigma2/theta + theta;
    }
    else {
        return 2.0F*sqrtf(sigma2);
    }
}

// cupy.ElementwiseKernel(
//     'float32 theta, float32 sigma2',
//     'float32 out',
//     'out = lmech_spiked_wigner_outlier(theta, sigma2)',
//     name='lmech_spiked_wigner_outlier', preamble=<the code above>)

// ===== lmech_spiked_wigner_outlier_inside float32
// spiked_wigner.outlier: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 theta, float32 sigma2',
//     'bool out',
//     'out = (isfinite(theta) && (0.0F < theta && theta < INFINITY)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY))',
//     name='lmech_spiked_wigner_outlier_inside', preamble=<the code above>)
