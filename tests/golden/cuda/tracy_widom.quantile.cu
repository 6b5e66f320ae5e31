// ===== lmech_tracy_widom_quantile_inside float64
// tracy_widom.quantile: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 q, float64 beta',
//     'bool out',
//     'out = (isfinite(q) && (0.0 < q && q < 1.0)) && (isfinite(beta) && (beta == 1.0 || beta == 2.0))',
//     name='lmech_tracy_widom_quantile_inside', preamble=<the code above>)

// ===== lmech_tracy_widom_quantile_inside float32
// tracy_widom.quantile: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 q, float32 beta',
//     'bool out',
//     'out = (isfinite(q) && (0.0F < q && q < 1.0F)) && (isfinite(beta) && (beta == 1.0F || beta == 2.0F))',
//     name='lmech_tracy_widom_quantile_inside', preamble=<the code above>)
