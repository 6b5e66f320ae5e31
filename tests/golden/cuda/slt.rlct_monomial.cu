// ===== lmech_slt_rlct_monomial float64
// slt.rlct_monomial: RLCT of K = w1^(2 k1) w2^(2 k2) with prior density prop. to w1^h1 w2^h2 on [0, 1]^2 (k2 = 0: one coordinate)
// Watanabe (CUP 2009), Thm 6.1 and Example 6.2 (normal crossing: the zeta function of a monomial)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_slt_rlct_monomial(double k1, double k2, double h1, double h2) {
    if (k2 == 0.0) {
        return (1.0/2.0)*(h1 + 1.0)/k1;
    }
    else {
        return fmin((1.0/2.0)*(h1 + 1.0)/k1, (1.0/2.0)*(h2 + 1.0)/k2);
    }
}

// cupy.ElementwiseKernel(
//     'float64 k1, float64 k2, float64 h1, float64 h2',
//     'float64 out',
//     'out = lmech_slt_rlct_monomial(k1, k2, h1, h2)',
//     name='lmech_slt_rlct_monomial', preamble=<the code above>)

// ===== lmech_slt_rlct_monomial_inside float64
// slt.rlct_monomial: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 k1, float64 k2, float64 h1, float64 h2',
//     'bool out',
//     'out = (isfinite(k1) && (k1 >= 1.0 && k1 < INFINITY) && k1 == rint(k1)) && (isfinite(k2) && (k2 >= 0.0 && k2 < INFINITY) && k2 == rint(k2)) && (isfinite(h1) && (-1.0 < h1 && h1 < INFINITY)) && (isfinite(h2) && (-1.0 < h2 && h2 < INFINITY))',
//     name='lmech_slt_rlct_monomial_inside', preamble=<the code above>)

// ===== lmech_slt_rlct_monomial float32
// slt.rlct_monomial: RLCT of K = w1^(2 k1) w2^(2 k2) with prior density prop. to w1^h1 w2^h2 on [0, 1]^2 (k2 = 0: one coordinate)
// Watanabe (CUP 2009), Thm 6.1 and Example 6.2 (normal crossing: the zeta function of a monomial)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_slt_rlct_monomial(float k1, float k2, float h1, float h2) {
    if (k2 == 0.0F) {
        return (1.0F/2.0F)*(h1 + 1.0F)/k1;
    }
    else {
        return fminf((1.0F/2.0F)*(h1 + 1.0F)/k1, (1.0F/2.0F)*(h2 + 1.0F)/k2);
    }
}

// cupy.ElementwiseKernel(
//     'float32 k1, float32 k2, float32 h1, float32 h2',
//     'float32 out',
//     'out = lmech_slt_rlct_monomial(k1, k2, h1, h2)',
//     name='lmech_slt_rlct_monomial', preamble=<the code above>)

// ===== lmech_slt_rlct_monomial_inside float32
// slt.rlct_monomial: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 k1, float32 k2, float32 h1, float32 h2',
//     'bool out',
//     'out = (isfinite(k1) && (k1 >= 1.0F && k1 < INFINITY) && k1 == rint(k1)) && (isfinite(k2) && (k2 >= 0.0F && k2 < INFINITY) && k2 == rint(k2)) && (isfinite(h1) && (-1.0F < h1 && h1 < INFINITY)) && (isfinite(h2) && (-1.0F < h2 && h2 < INFINITY))',
//     name='lmech_slt_rlct_monomial_inside', preamble=<the code above>)
