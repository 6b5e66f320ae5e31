// ===== lmech_nngp_tanh_critical_bias_inside float64
// nngp.tanh_critical_bias: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 C_W',
//     'bool out',
//     'out = (isfinite(C_W) && (1.0 <= C_W && C_W < INFINITY))',
//     name='lmech_nngp_tanh_critical_bias_inside', preamble=<the code above>)

// ===== lmech_nngp_tanh_critical_bias_inside float32
// nngp.tanh_critical_bias: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 C_W',
//     'bool out',
//     'out = (isfinite(C_W) && (1.0F <= C_W && C_W < INFINITY))',
//     name='lmech_nngp_tanh_critical_bias_inside', preamble=<the code above>)
