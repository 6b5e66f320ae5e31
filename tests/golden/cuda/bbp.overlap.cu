// ===== lmech_bbp_overlap float64
// bbp.overlap: limit of the squared overlap <u_1, v>^2 of the top sample eigenvector with the spike
// Baik-Ben Arous-Peche, arXiv math/0403022; Baik-Silverstein (2006); Paul, Statist. Sinica 17:1617 (2007); Paul Thm 4
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_bbp_overlap(double theta, double gamma) {
    if (theta > sqrt(gamma)) {
        const double tb0_0 = sqrt(gamma);
        return -(tb0_0 - theta)*(tb0_0 + theta)/(theta*(gamma + theta));
    }
    else {
        return 0.0;
    }
}

// cupy.ElementwiseKernel(
//     'float64 theta, float64 gamma',
//     'float64 out',
//     'out = lmech_bbp_overlap(theta, gamma)',
//     name='lmech_bbp_overlap', preamble=<the code above>)

// ===== lmech_bbp_overlap_inside float64
// bbp.overlap: domain of every parameter and the where relations
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
//     name='lmech_bbp_overlap_inside', preamble=<the code above>)

// ===== lmech_bbp_overlap float32
// bbp.overlap: limit of the squared overlap <u_1, v>^2 of the top sample eigenvector with the spike
// Baik-Ben Arous-Peche, arXiv math/0403022; Baik-Silverstein (2006); Paul, Statist. Sinica 17:1617 (2007); Paul Thm 4
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_bbp_overlap(float theta, float gamma) {
    if (theta > sqrtf(gamma)) {
        const float tb0_0 = sqrtf(gamma);
        return -(tb0_0 - theta)*(tb0_0 + theta)/(theta*(gamma + theta));
    }
    else {
        return 0.0F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 theta, float32 gamma',
//     'float32 out',
//     'out = lmech_bbp_overlap(theta, gamma)',
//     name='lmech_bbp_overlap', preamble=<the code above>)

// ===== lmech_bbp_overlap_inside float32
// bbp.overlap: domain of every parameter and the where relations
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
//     name='lmech_bbp_overlap_inside', preamble=<the code above>)
