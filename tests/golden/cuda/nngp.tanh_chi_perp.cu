// ===== lmech_nngp_tanh_chi_perp_inside float64
// nngp.tanh_chi_perp: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 q, float64 C_W',
//     'bool out',
//     'out = (isfinite(q) && (0.0 <= q && q < INFINITY)) && (isfinite(C_W) && (0.0 < C_W && C_W < INFINITY))',
//     name='lmech_nngp_tanh_chi_perp_inside', preamble=<the code above>)

// ===== lmech_nngp_tanh_chi_perp_inside float32
// nngp.tanh_chi_perp: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 q, float32 C_W',
//     'bool out',
//     'out = (isfinite(q) && (0.0F <= q && q < INFINITY)) && (isfinite(C_W) && (0.0F < C_W && C_W < INFINITY))',
//     name='lmech_nngp_tanh_chi_perp_inside', preamble=<the code above>)
