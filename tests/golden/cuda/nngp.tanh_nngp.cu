// ===== lmech_nngp_tanh_nngp_inside float64
// nngp.tanh_nngp: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 depth, float64 q1, float64 q2, float64 q12, float64 C_W, float64 C_b',
//     'bool out',
//     'out = (isfinite(depth) && (depth >= 0.0 && depth < INFINITY) && depth == rint(depth)) && (isfinite(q1) && (0.0 < q1 && q1 < INFINITY)) && (isfinite(q2) && (0.0 < q2 && q2 < INFINITY)) && (isfinite(q12)) && (isfinite(C_W) && (0.0 < C_W && C_W < INFINITY)) && (isfinite(C_b) && (0.0 <= C_b && C_b < INFINITY)) && ((pow(q12, 2.0) <= q1*q2))',
//     name='lmech_nngp_tanh_nngp_inside', preamble=<the code above>)

// ===== lmech_nngp_tanh_nngp_inside float32
// nngp.tanh_nngp: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 depth, float32 q1, float32 q2, float32 q12, float32 C_W, float32 C_b',
//     'bool out',
//     'out = (isfinite(depth) && (depth >= 0.0F && depth < INFINITY) && depth == rint(depth)) && (isfinite(q1) && (0.0F < q1 && q1 < INFINITY)) && (isfinite(q2) && (0.0F < q2 && q2 < INFINITY)) && (isfinite(q12)) && (isfinite(C_W) && (0.0F < C_W && C_W < INFINITY)) && (isfinite(C_b) && (0.0F <= C_b && C_b < INFINITY)) && ((powf(q12, 2.0F) <= q1*q2))',
//     name='lmech_nngp_tanh_nngp_inside', preamble=<the code above>)
