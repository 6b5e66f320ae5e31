// ===== lmech_nngp_vertex_coefficient float64
// nngp.vertex_coefficient: the growth per layer of the normalised four-point vertex V^(l)/K_l^2 of a leaky ReLU network (sigma(z) = max(z, 0) + slope min(z, 0)) at C_b = 0: 3 A_4/A_2^2 - 1, A_p = (1 + slope^p)/2; 5 for ReLU, 2 for linear
// Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (the four-point vertex) and Sec. 5.4 (scale-invariant activations; equation numbers unconfirmed)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_vertex_coefficient(double slope) {
    const double t0 = pow(slope, 2.0);
    return (5.0*pow(slope, 4.0) - 2.0*t0 + 5.0)/pow(t0 + 1.0, 2.0);
}

// cupy.ElementwiseKernel(
//     'float64 slope',
//     'float64 out',
//     'out = lmech_nngp_vertex_coefficient(slope)',
//     name='lmech_nngp_vertex_coefficient', preamble=<the code above>)

// ===== lmech_nngp_vertex_coefficient_inside float64
// nngp.vertex_coefficient: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 slope',
//     'bool out',
//     'out = (isfinite(slope))',
//     name='lmech_nngp_vertex_coefficient_inside', preamble=<the code above>)

// ===== lmech_nngp_vertex_coefficient float32
// nngp.vertex_coefficient: the growth per layer of the normalised four-point vertex V^(l)/K_l^2 of a leaky ReLU network (sigma(z) = max(z, 0) + slope min(z, 0)) at C_b = 0: 3 A_4/A_2^2 - 1, A_p = (1 + slope^p)/2; 5 for ReLU, 2 for linear
// Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (the four-point vertex) and Sec. 5.4 (scale-invariant activations; equation numbers unconfirmed)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_vertex_coefficient(float slope) {
    const float t0 = powf(slope, 2.0F);
    return (5.0F*powf(slope, 4.0F) - 2.0F*t0 + 5.0F)/powf(t0 + 1.0F, 2.0F);
}

// cupy.ElementwiseKernel(
//     'float32 slope',
//     'float32 out',
//     'out = lmech_nngp_vertex_coefficient(slope)',
//     name='lmech_nngp_vertex_coefficient', preamble=<the code above>)

// ===== lmech_nngp_vertex_coefficient_inside float32
// nngp.vertex_coefficient: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 slope',
//     'bool out',
//     'out = (isfinite(slope))',
//     name='lmech_nngp_vertex_coefficient_inside', preamble=<the code above>)
