// ===== lmech_nngp_depth_scale float64
// nngp.depth_scale: the depth scale xi = -1/log chi over which a deviation that contracts by chi per layer decays by e (xi_q from chi_par, xi_c from chi_perp)
// Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, arXiv 1611.01232, Eqs. (3)-(9) (equation numbers unconfirmed); Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 5 (xi_q = -1/log chi_par, xi_c = -1/log chi_perp)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_depth_scale(double chi) {
    return -1.0/log(chi);
}

// cupy.ElementwiseKernel(
//     'float64 chi',
//     'float64 out',
//     'out = lmech_nngp_depth_scale(chi)',
//     name='lmech_nngp_depth_scale', preamble=<the code above>)

// ===== lmech_nngp_depth_scale_inside float64
// nngp.depth_scale: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 chi',
//     'bool out',
//     'out = (isfinite(chi) && (0.0 < chi && chi < 1.0))',
//     name='lmech_nngp_depth_scale_inside', preamble=<the code above>)

// ===== lmech_nngp_depth_scale float32
// nngp.depth_scale: the depth scale xi = -1/log chi over which a deviation that contracts by chi per layer decays by e (xi_q from chi_par, xi_c from chi_perp)
// Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, arXiv 1611.01232, Eqs. (3)-(9) (equation numbers unconfirmed); Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 5 (xi_q = -1/log chi_par, xi_c = -1/log chi_perp)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_depth_scale(float chi) {
    return -1.0F/logf(chi);
}

// cupy.ElementwiseKernel(
//     'float32 chi',
//     'float32 out',
//     'out = lmech_nngp_depth_scale(chi)',
//     name='lmech_nngp_depth_scale', preamble=<the code above>)

// ===== lmech_nngp_depth_scale_inside float32
// nngp.depth_scale: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 chi',
//     'bool out',
//     'out = (isfinite(chi) && (0.0F < chi && chi < 1.0F))',
//     name='lmech_nngp_depth_scale_inside', preamble=<the code above>)
