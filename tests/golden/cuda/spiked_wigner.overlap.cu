// ===== lmech_spiked_wigner_overlap float64
// spiked_wigner.overlap: limit of the squared overlap of the top eigenvector with v: 1 - sigma2/theta^2 above threshold
// Feral-Peche, arXiv math/0605624; Benaych-Georges & Nadakuditi, arXiv 0910.2120; BGN Thm 2.3, Example 3.1
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_spiked_wigner_overlap(double theta, double sigma2) {
    if (theta > sqrt(sigma2)) {
        const double tb0_0 = sqrt(sigma2);
        return -(tb0_0 - theta)*(tb0_0 + theta)/pow(theta, 2.0);
    }
    else {
        return 0.0;
    }
}

// cupy.ElementwiseKernel(
//     'float64 theta, float64 sigma2',
//     'float64 out',
//     'out = lmech_spiked_wigner_overlap(theta, sigma2)',
//     name='lmech_spiked_wigner_overlap', preamble=<the code above>)

// ===== lmech_spiked_wigner_overlap_inside float64
// spiked_wigner.overlap: domain of every parameter and the where relations
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
//     name='lmech_spiked_wigner_overlap_inside', preamble=<the code above>)

// ===== lmech_spiked_wigner_overlap float32
// spiked_wigner.overlap: limit of the squared overlap of the top eigenvector with v: 1 - sigma2/theta^2 above threshold
// Feral-Peche, arXiv math/0605624; Benaych-Georges & Nadakuditi, arXiv 0910.2120; BGN Thm 2.3, Example 3.1
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_spiked_wigner_overlap(float theta, float sigma2) {
    if (theta > sqrtf(sigma2)) {
        const float tb0_0 = sqrtf(sigma2);
        return -(tb0_0 - theta)*(tb0_0 + theta)/powf(theta, 2.0F);
    }
    else {
        return 0.0F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 theta, float32 sigma2',
//     'float32 out',
//     'out = lmech_spiked_wigner_overlap(theta, sigma2)',
//     name='lmech_spiked_wigner_overlap', preamble=<the code above>)

// ===== lmech_spiked_wigner_overlap_inside float32
// spiked_wigner.overlap: domain of every parameter and the where relations
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
//     name='lmech_spiked_wigner_overlap_inside', preamble=<the code above>)
