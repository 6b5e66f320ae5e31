// ===== lmech_nngp_erf_vertex_inside float64
// nngp.erf_vertex: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 layer, float64 q, float64 C_W, float64 C_b',
//     'bool out',
//     'out = (isfinite(layer) && (layer >= 1.0 && layer < INFINITY) && layer == rint(layer)) && (isfinite(q) && (0.0 < q && q < INFINITY)) && (isfinite(C_W) && (0.0 < C_W && C_W < INFINITY)) && (isfinite(C_b) && (0.0 <= C_b && C_b < INFINITY))',
//     name='lmech_nngp_erf_vertex_inside', preamble=<the code above>)

// ===== lmech_nngp_erf_vertex_inside float32
// nngp.erf_vertex: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 layer, float32 q, float32 C_W, float32 C_b',
//     'bool out',
//     'out = (isfinite(layer) && (layer >= 1.0F && layer < INFINITY) && layer == rint(layer)) && (isfinite(q) && (0.0F < q && q < INFINITY)) && (isfinite(C_W) && (0.0F < C_W && C_W < INFINITY)) && (isfinite(C_b) && (0.0F <= C_b && C_b < INFINITY))',
//     name='lmech_nngp_erf_vertex_inside', preamble=<the code above>)
