// ===== lmech_spiked_rect_overlap_left float64
// spiked_rect.overlap_left: squared overlap <u~, u>^2 of the left singular vector (dimension n, the smaller one)
// Benaych-Georges & Nadakuditi, J. Multivariate Anal. 111:120 (2012), arXiv 1103.2221, Sec. 3.1; Gavish-Donoho arXiv 1405.7511; BGN Sec. 3.1 eq. (9)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_spiked_rect_overlap_left(double theta, double gamma) {
    if (theta > pow(gamma, 1.0/4.0)) {
        const double tb0_0 = pow(theta, 2.0);
        const double tb0_1 = sqrt(gamma);
        return -(-tb0_0 + tb0_1)*(tb0_0 + tb0_1)/(tb0_0*(gamma + tb0_0));
    }
    else {
        return 0.0;
    }
}

// cupy.ElementwiseKernel(
//     'float64 theta, float64 gamma',
//     'float64 out',
//     'out = lmech_spiked_rect_overlap_left(theta, gamma)',
//     name='lmech_spiked_rect_overlap_left', preamble=<the code above>)

// ===== lmech_spiked_rect_overlap_left_inside float64
// spiked_rect.overlap_left: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 theta, float64 gamma',
//     'bool out',
//     'out = (isfinite(theta) && (0.0 < theta && theta < INFINITY)) && (isfinite(gamma) && (gamma <= 1.0 && 0.0 < gamma))',
//     name='lmech_spiked_rect_overlap_left_inside', preamble=<the code above>)

// ===== lmech_spiked_rect_overlap_left float32
// spiked_rect.overlap_left: squared overlap <u~, u>^2 of the left singular vector (dimension n, the smaller one)
// Benaych-Georges & Nadakuditi, J. Multivariate Anal. 111:120 (2012), arXiv 1103.2221, Sec. 3.1; Gavish-Donoho arXiv 1405.7511; BGN Sec. 3.1 eq. (9)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_spiked_rect_overlap_left(float theta, float gamma) {
    if (theta > powf(gamma, 1.0F/4.0F)) {
        const float tb0_0 = powf(theta, 2.0F);
        const float tb0_1 = sqrtf(gamma);
        return -(-tb0_0 + tb0_1)*(tb0_0 + tb0_1)/(tb0_0*(gamma + tb0_0));
    }
    else {
        return 0.0F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 theta, float32 gamma',
//     'float32 out',
//     'out = lmech_spiked_rect_overlap_left(theta, gamma)',
//     name='lmech_spiked_rect_overlap_left', preamble=<the code above>)

// ===== lmech_spiked_rect_overlap_left_inside float32
// spiked_rect.overlap_left: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 theta, float32 gamma',
//     'bool out',
//     'out = (isfinite(theta) && (0.0F < theta && theta < INFINITY)) && (isfinite(gamma) && (gamma <= 1.0F && 0.0F < gamma))',
//     name='lmech_spiked_rect_overlap_left_inside', preamble=<the code above>)
