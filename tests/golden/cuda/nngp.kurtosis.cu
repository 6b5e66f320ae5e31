// ===== lmech_nngp_kurtosis float64
// nngp.kurtosis: the excess kurtosis E z^4/(E z^2)^2 - 3 of a preactivation in hidden layer `layer` of a leaky ReLU network of hidden width `width` at C_b = 0, to leading order in 1/width: 3 V^(l)/(n K^2) = 3 c (l - 1)/n, c = nngp.vertex_coefficient
// Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (the four-point vertex) and Sec. 5.4 (scale-invariant activations; equation numbers unconfirmed)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_kurtosis(double layer, double width, double slope) {
    const double t0 = pow(slope, 2.0);
    return 3.0*(layer - 1.0)*(5.0*pow(slope, 4.0) - 2.0*t0 + 5.0)/(width*pow(t0 + 1.0, 2.0));
}

// cupy.ElementwiseKernel(
//     'float64 layer, float64 width, float64 slope',
//     'float64 out',
//     'out = lmech_nngp_kurtosis(layer, width, slope)',
//     name='lmech_nngp_kurtosis', preamble=<the code above>)

// ===== lmech_nngp_kurtosis_inside float64
// nngp.kurtosis: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 layer, float64 width, float64 slope',
//     'bool out',
//     'out = (isfinite(layer) && (layer >= 1.0 && layer < INFINITY) && layer == rint(layer)) && (isfinite(width) && (width >= 1.0 && width < INFINITY) && width == rint(width)) && (isfinite(slope))',
//     name='lmech_nngp_kurtosis_inside', preamble=<the code above>)

// ===== lmech_nngp_kurtosis float32
// nngp.kurtosis: the excess kurtosis E z^4/(E z^2)^2 - 3 of a preactivation in hidden layer `layer` of a leaky ReLU network of hidden width `width` at C_b = 0, to leading order in 1/width: 3 V^(l)/(n K^2) = 3 c (l - 1)/n, c = nngp.vertex_coefficient
// Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (the four-point vertex) and Sec. 5.4 (scale-invariant activations; equation numbers unconfirmed)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_kurtosis(float layer, float width, float slope) {
    const float t0 = powf(slope, 2.0F);
    return 3.0F*(layer - 1.0F)*(5.0F*powf(slope, 4.0F) - 2.0F*t0 + 5.0F)/(width*powf(t0 + 1.0F, 2.0F));
}

// cupy.ElementwiseKernel(
//     'float32 layer, float32 width, float32 slope',
//     'float32 out',
//     'out = lmech_nngp_kurtosis(layer, width, slope)',
//     name='lmech_nngp_kurtosis', preamble=<the code above>)

// ===== lmech_nngp_kurtosis_inside float32
// nngp.kurtosis: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 layer, float32 width, float32 slope',
//     'bool out',
//     'out = (isfinite(layer) && (layer >= 1.0F && layer < INFINITY) && layer == rint(layer)) && (isfinite(width) && (width >= 1.0F && width < INFINITY) && width == rint(width)) && (isfinite(slope))',
//     name='lmech_nngp_kurtosis_inside', preamble=<the code above>)
