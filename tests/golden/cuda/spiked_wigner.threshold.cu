// ===== lmech_spiked_wigner_threshold float64
// spiked_wigner.threshold: spiked Wigner threshold theta_c = sigma
// Feral-Peche, arXiv math/0605624; Benaych-Georges & Nadakuditi, arXiv 0910.2120; BGN Thm 2.1
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_spiked_wigner_threshold(double sigma2) {
    return sqrt(sigma2);
}

// cupy.ElementwiseKernel(
//     'float64 sigma2',
//     'float64 out',
//     'out = lmech_spiked_wigner_threshold(sigma2)',
//     name='lmech_spiked_wigner_threshold', preamble=<the code above>)

// ===== lmech_spiked_wigner_threshold_inside float64
// spiked_wigner.threshold: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 sigma2',
//     'bool out',
//     'out = (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY))',
//     name='lmech_spiked_wigner_threshold_inside', preamble=<the code above>)

// ===== lmech_spiked_wigner_threshold float32
// spiked_wigner.threshold: spiked Wigner threshold theta_c = sigma
// Feral-Peche, arXiv math/0605624; Benaych-Georges & Nadakuditi, arXiv 0910.2120; BGN Thm 2.1
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_spiked_wigner_threshold(float sigma2) {
    return sqrtf(sigma2);
}

// cupy.ElementwiseKernel(
//     'float32 sigma2',
//     'float32 out',
//     'out = lmech_spiked_wigner_threshold(sigma2)',
//     name='lmech_spiked_wigner_threshold', preamble=<the code above>)

// ===== lmech_spiked_wigner_threshold_inside float32
// spiked_wigner.threshold: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 sigma2',
//     'bool out',
//     'out = (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY))',
//     name='lmech_spiked_wigner_threshold_inside', preamble=<the code above>)
