// ===== lmech_spiked_rect_singular_value float64
// spiked_rect.singular_value: limit of the top singular value of theta u v^T + X: sqrt((1+theta^2)(c+theta^2))/theta above threshold, 1+sqrt(c) below
// Benaych-Georges & Nadakuditi, J. Multivariate Anal. 111:120 (2012), arXiv 1103.2221, Sec. 3.1; Gavish-Donoho arXiv 1405.7511; BGN Sec. 3.1 eq. (8)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_spiked_rect_singular_value(double theta, double gamma) {
    if (theta > pow(gamma, 1.0/4.0)) {
        const double tb0_0 = pow(theta, 2.0);
        return sqrt(gamma + tb0_0)*sqrt(tb0_0 + 1.0)/theta;
    }
    else {
        return sqrt(gamma) + 1.0;
    }
}

// cupy.ElementwiseKernel(
//     'float64 theta, float64 gamma',
//     'float64 out',
//     'out = lmech_spiked_rect_singular_value(theta, gamma)',
//     name='lmech_spiked_rect_singular_value', preamble=<the code above>)

// ===== lmech_spiked_rect_singular_value_inside float64
// spiked_rect.singular_value: domain of every parameter and the where relations
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
//     name='lmech_spiked_rect_singular_value_inside', preamble=<the code above>)

// ===== lmech_spiked_rect_singular_value float32
// spiked_rect.singular_value: limit of the top singular value of theta u v^T + X: sqrt((1+theta^2)(c+theta^2))/theta above threshold, 1+sqrt(c) below
// Benaych-Georges & Nadakuditi, J. Multivariate Anal. 111:120 (2012), arXiv 1103.2221, Sec. 3.1; Gavish-Donoho arXiv 1405.7511; BGN Sec. 3.1 eq. (8)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_spiked_rect_singular_value(float theta, float gamma) {
    if (theta > powf(gamma, 1.0F/4.0F)) {
        const float tb0_0 = powf(theta, 2.0F);
        return sqrtf(gamma + tb0_0)*sqrtf(tb0_0 + 1.0F)/theta;
    }
    else {
        return sqrtf(gamma) + 1.0F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 theta, float32 gamma',
//     'float32 out',
//     'out = lmech_spiked_rect_singular_value(theta, gamma)',
//     name='lmech_spiked_rect_singular_value', preamble=<the code above>)

// ===== lmech_spiked_rect_singular_value_inside float32
// spiked_rect.singular_value: domain of every parameter and the where relations
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
//     name='lmech_spiked_rect_singular_value_inside', preamble=<the code above>)
