// ===== lmech_nngp_kurtosis_exact float64
// nngp.kurtosis_exact: the excess kurtosis of a preactivation in hidden layer `layer` of a leaky ReLU network at C_b = 0, exactly at every width: 3 ((1 + c/n)^(l - 1) - 1), which is nngp.kurtosis to first order in 1/n
// Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (the four-point vertex) and Sec. 5.4 (scale-invariant activations; equation numbers unconfirmed); at every width: the conditional-Gaussian recursion of E G_l^2 solved exactly (lmech's derivation; Hanin & Nica, arXiv 1812.05994, give the ReLU case as exp(5 sum 1/n_l) asymptotically)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_kurtosis_exact(double layer, double width, double slope) {
    const double t0 = pow(slope, 2.0);
    return 3.0*expm1((layer - 1.0)*log1p((5.0*pow(slope, 4.0) - 2.0*t0 + 5.0)/(width*pow(t0 + 1.0, 2.0))));
}

// cupy.ElementwiseKernel(
//     'float64 layer, float64 width, float64 slope',
//     'float64 out',
//     'out = lmech_nngp_kurtosis_exact(layer, width, slope)',
//     name='lmech_nngp_kurtosis_exact', preamble=<the code above>)

// ===== lmech_nngp_kurtosis_exact_inside float64
// nngp.kurtosis_exact: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 layer, float64 width, float64 slope',
//     'bool out',
//     'out = (isfinite(layer) && (layer >= 1.0 && layer < INFINITY) && layer == rint(layer)) && (isfinite(width) && (width >= 1.0 && width < INFINITY) && width == rint(width)) && (isfinite(slope)) && (((layer - 1.0)*log(1.0 + (5.0*pow(slope, 4.0) - 2.0*pow(slope, 2.0) + 5.0)/(width*pow(pow(slope, 2.0) + 1.0, 2.0))) < 690.0))',
//     name='lmech_nngp_kurtosis_exact_inside', preamble=<the code above>)

// ===== lmech_nngp_kurtosis_exact float32
// nngp.kurtosis_exact: the excess kurtosis of a preactivation in hidden layer `layer` of a leaky ReLU network at C_b = 0, exactly at every width: 3 ((1 + c/n)^(l - 1) - 1), which is nngp.kurtosis to first order in 1/n
// Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (the four-point vertex) and Sec. 5.4 (scale-invariant activations; equation numbers unconfirmed); at every width: the conditional-Gaussian recursion of E G_l^2 solved exactly (lmech's derivation; Hanin & Nica, arXiv 1812.05994, give the ReLU case as exp(5 sum 1/n_l) asymptotically)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_kurtosis_exact(float layer, float width, float slope) {
    const float t0 = powf(slope, 2.0F);
    return 3.0F*expm1f((layer - 1.0F)*log1pf((5.0F*powf(slope, 4.0F) - 2.0F*t0 + 5.0F)/(width*powf(t0 + 1.0F, 2.0F))));
}

// cupy.ElementwiseKernel(
//     'float32 layer, float32 width, float32 slope',
//     'float32 out',
//     'out = lmech_nngp_kurtosis_exact(layer, width, slope)',
//     name='lmech_nngp_kurtosis_exact', preamble=<the code above>)

// ===== lmech_nngp_kurtosis_exact_inside float32
// nngp.kurtosis_exact: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 layer, float32 width, float32 slope',
//     'bool out',
//     'out = (isfinite(layer) && (layer >= 1.0F && layer < INFINITY) && layer == rint(layer)) && (isfinite(width) && (width >= 1.0F && width < INFINITY) && width == rint(width)) && (isfinite(slope)) && (((layer - 1.0F)*logf(1.0F + (5.0F*powf(slope, 4.0F) - 2.0F*powf(slope, 2.0F) + 5.0F)/(width*powf(powf(slope, 2.0F) + 1.0F, 2.0F))) < 690.0F))',
//     name='lmech_nngp_kurtosis_exact_inside', preamble=<the code above>)
