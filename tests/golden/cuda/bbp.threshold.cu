// ===== lmech_bbp_threshold float64
// bbp.threshold: BBP threshold theta_c = sqrt(gamma) on the spike strength (population eigenvalue 1 + theta)
// Baik-Ben Arous-Peche, arXiv math/0403022; Baik-Silverstein (2006); Paul, Statist. Sinica 17:1617 (2007); BBP Thm 1.1 (threshold l_c = 1 + sqrt(gamma))
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_bbp_threshold(double gamma) {
    return sqrt(gamma);
}

// cupy.ElementwiseKernel(
//     'float64 gamma',
//     'float64 out',
//     'out = lmech_bbp_threshold(gamma)',
//     name='lmech_bbp_threshold', preamble=<the code above>)

// ===== lmech_bbp_threshold_inside float64
// bbp.threshold: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 gamma',
//     'bool out',
//     'out = (isfinite(gamma) && (0.0 < gamma && gamma < INFINITY))',
//     name='lmech_bbp_threshold_inside', preamble=<the code above>)

// ===== lmech_bbp_threshold float32
// bbp.threshold: BBP threshold theta_c = sqrt(gamma) on the spike strength (population eigenvalue 1 + theta)
// Baik-Ben Arous-Peche, arXiv math/0403022; Baik-Silverstein (2006); Paul, Statist. Sinica 17:1617 (2007); BBP Thm 1.1 (threshold l_c = 1 + sqrt(gamma))
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_bbp_threshold(float gamma) {
    return sqrtf(gamma);
}

// cupy.ElementwiseKernel(
//     'float32 gamma',
//     'float32 out',
//     'out = lmech_bbp_threshold(gamma)',
//     name='lmech_bbp_threshold', preamble=<the code above>)

// ===== lmech_bbp_threshold_inside float32
// bbp.threshold: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 gamma',
//     'bool out',
//     'out = (isfinite(gamma) && (0.0F < gamma && gamma < INFINITY))',
//     name='lmech_bbp_threshold_inside', preamble=<the code above>)
