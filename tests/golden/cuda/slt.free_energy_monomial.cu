// ===== lmech_slt_free_energy_monomial_inside float64
// slt.free_energy_monomial: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 n, float64 k1, float64 k2, float64 h1, float64 h2',
//     'bool out',
//     'out = (isfinite(n) && (1.0 <= n && n < INFINITY)) && (isfinite(k1) && (k1 >= 1.0 && k1 < INFINITY) && k1 == rint(k1)) && (isfinite(k2) && (k2 >= 0.0 && k2 < INFINITY) && k2 == rint(k2)) && (isfinite(h1) && (-1.0 < h1 && h1 < INFINITY)) && (isfinite(h2) && (-1.0 < h2 && h2 < INFINITY))',
//     name='lmech_slt_free_energy_monomial_inside', preamble=<the code above>)

// ===== lmech_slt_free_energy_monomial_inside float32
// slt.free_energy_monomial: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 n, float32 k1, float32 k2, float32 h1, float32 h2',
//     'bool out',
//     'out = (isfinite(n) && (1.0F <= n && n < INFINITY)) && (isfinite(k1) && (k1 >= 1.0F && k1 < INFINITY) && k1 == rint(k1)) && (isfinite(k2) && (k2 >= 0.0F && k2 < INFINITY) && k2 == rint(k2)) && (isfinite(h1) && (-1.0F < h1 && h1 < INFINITY)) && (isfinite(h2) && (-1.0F < h2 && h2 < INFINITY))',
//     name='lmech_slt_free_energy_monomial_inside', preamble=<the code above>)
