// ===== lmech_bbp_outlier float64
// bbp.outlier: limit of the top sample eigenvalue: (1+theta)(1+gamma/theta) above threshold, the MP edge below
// Baik-Ben Arous-Peche, arXiv math/0403022; Baik-Silverstein (2006); Paul, Statist. Sinica 17:1617 (2007); Baik-Silverstein Thm 1.1; Paul Thm 2
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_bbp_outlier(double theta, double gamma) {
    if (theta > sqrt(gamma)) {
        return (theta + 1.0)*(gamma/theta + 1.0);
    }
    else {
        return pow(sqrt(gamma) + 1.0, 2.0);
    }
}

// cupy.ElementwiseKernel(
//     'float64 theta, float64 gamma',
//     'float64 out',
//     'out = lmech_bbp_outlier(theta, gamma)',
//     name='lmech_bbp_outlier', preamble=<the code above>)

// ===== lmech_bbp_outlier_inside float64
// bbp.outlier: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 theta, float64 gamma',
//     'bool out',
//     'out = (isfinite(theta) && (0.0 < theta && theta < INFINITY)) && (isfinite(gamma) && (0.0 < gamma && gamma < INFINITY))',
//     name='lmech_bbp_outlier_inside', preamble=<the code above>)

// ===== lmech_bbp_outlier float32
// bbp.outlier: limit of the top sample eigenvalue: (1+theta)(1+gamma/theta) above threshold, the MP edge below
// Baik-Ben Arous-Peche, arXiv math/0403022; Baik-Silverstein (2006); Paul, Statist. Sinica 17:1617 (2007); Baik-Silverstein Thm 1.1; Paul Thm 2
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_bbp_outlier(float theta, float gamma) {
    if (theta > sqrtf(gamma)) {
        return (theta + 1.0F)*(gamma/theta + 1.0F);
    }
    else {
        return powf(sqrtf(gamma) + 1.0F, 2.0F);
    }
}

// cupy.ElementwiseKernel(
//     'float32 theta, float32 gamma',
//     'float32 out',
//     'out = lmech_bbp_outlier(theta, gamma)',
//     name='lmech_bbp_outlier', preamble=<the code above>)

// ===== lmech_bbp_outlier_inside float32
// bbp.outlier: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 theta, float32 gamma',
//     'bool out',
//     'out = (isfinite(theta) && (0.0F < theta && theta < INFINITY)) && (isfinite(gamma) && (0.0F < gamma && gamma < INFINITY))',
//     name='lmech_bbp_outlier_inside', preamble=<the code above>)
