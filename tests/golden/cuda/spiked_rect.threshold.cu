// ===== lmech_spiked_rect_threshold float64
// spiked_rect.threshold: rectangular spike threshold theta_c = c^(1/4), c = gamma = n/m
// Benaych-Georges & Nadakuditi, J. Multivariate Anal. 111:120 (2012), arXiv 1103.2221, Sec. 3.1; Gavish-Donoho arXiv 1405.7511; BGN Thm 2.8, Sec. 3.1
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_spiked_rect_threshold(double gamma) {
    return pow(gamma, 1.0/4.0);
}

// cupy.ElementwiseKernel(
//     'float64 gamma',
//     'float64 out',
//     'out = lmech_spiked_rect_threshold(gamma)',
//     name='lmech_spiked_rect_threshold', preamble=<the code above>)

// ===== lmech_spiked_rect_threshold_inside float64
// spiked_rect.threshold: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 gamma',
//     'bool out',
//     'out = (isfinite(gamma) && (gamma <= 1.0 && 0.0 < gamma))',
//     name='lmech_spiked_rect_threshold_inside', preamble=<the code above>)

// ===== lmech_spiked_rect_threshold float32
// spiked_rect.threshold: rectangular spike threshold theta_c = c^(1/4), c = gamma = n/m
// Benaych-Georges & Nadakuditi, J. Multivariate Anal. 111:120 (2012), arXiv 1103.2221, Sec. 3.1; Gavish-Donoho arXiv 1405.7511; BGN Thm 2.8, Sec. 3.1
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_spiked_rect_threshold(float gamma) {
    return powf(gamma, 1.0F/4.0F);
}

// cupy.ElementwiseKernel(
//     'float32 gamma',
//     'float32 out',
//     'out = lmech_spiked_rect_threshold(gamma)',
//     name='lmech_spiked_rect_threshold', preamble=<the code above>)

// ===== lmech_spiked_rect_threshold_inside float32
// spiked_rect.threshold: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 gamma',
//     'bool out',
//     'out = (isfinite(gamma) && (gamma <= 1.0F && 0.0F < gamma))',
//     name='lmech_spiked_rect_threshold_inside', preamble=<the code above>)
