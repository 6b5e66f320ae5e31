// ===== lmech_nngp_erf_chi_perp float64
// nngp.erf_chi_perp: chi_perp = C_W E[erf'(sqrt(q) z)^2] = 4 C_W/(pi sqrt(1 + 4q)): the correlation map's slope at c = 1 for preactivation variance q
// Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, arXiv 1611.01232, Eqs. (3)-(9) (equation numbers unconfirmed); Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 5; the erf expectation: Williams, NIPS 1997
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_erf_chi_perp(double q, double C_W) {
    return 4.0*C_W/(3.14159265358979323846*sqrt(4.0*q + 1.0));
}

// cupy.ElementwiseKernel(
//     'float64 q, float64 C_W',
//     'float64 out',
//     'out = lmech_nngp_erf_chi_perp(q, C_W)',
//     name='lmech_nngp_erf_chi_perp', preamble=<the code above>)

// ===== lmech_nngp_erf_chi_perp_inside float64
// nngp.erf_chi_perp: domain of every parameter and the where relations
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
//     name='lmech_nngp_erf_chi_perp_inside', preamble=<the code above>)

// ===== lmech_nngp_erf_chi_perp float32
// nngp.erf_chi_perp: chi_perp = C_W E[erf'(sqrt(q) z)^2] = 4 C_W/(pi sqrt(1 + 4q)): the correlation map's slope at c = 1 for preactivation variance q
// Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, arXiv 1611.01232, Eqs. (3)-(9) (equation numbers unconfirmed); Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 5; the erf expectation: Williams, NIPS 1997
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_erf_chi_perp(float q, float C_W) {
    return 4.0F*C_W/(3.14159265358979323846F*sqrtf(4.0F*q + 1.0F));
}

// cupy.ElementwiseKernel(
//     'float32 q, float32 C_W',
//     'float32 out',
//     'out = lmech_nngp_erf_chi_perp(q, C_W)',
//     name='lmech_nngp_erf_chi_perp', preamble=<the code above>)

// ===== lmech_nngp_erf_chi_perp_inside float32
// nngp.erf_chi_perp: domain of every parameter and the where relations
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
//     name='lmech_nngp_erf_chi_perp_inside', preamble=<the code above>)
