// ===== lmech_nngp_erf_expectation float64
// nngp.erf_expectation: E[erf(u) erf(v)] = (2/pi) arcsin(2 q12/sqrt((1 + 2 q1)(1 + 2 q2)))
// Williams, Computing with infinite networks, NIPS 1997 (the erf network's kernel; equation number unconfirmed)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_erf_expectation(double q1, double q2, double q12) {
    const double t0 = ((q1 == q2) ? (
   q1
)
: (
   sqrt(q1)*sqrt(q2)
));
    return 2.0*atan(2.0*q12/sqrt(2.0*q1 + 2.0*q2 + 4.0*fmax(0.0, -(q12 - t0)*(q12 + t0)) + 1.0))/3.14159265358979323846;
}

// cupy.ElementwiseKernel(
//     'float64 q1, float64 q2, float64 q12',
//     'float64 out',
//     'out = lmech_nngp_erf_expectation(q1, q2, q12)',
//     name='lmech_nngp_erf_expectation', preamble=<the code above>)

// ===== lmech_nngp_erf_expectation_inside float64
// nngp.erf_expectation: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 q1, float64 q2, float64 q12',
//     'bool out',
//     'out = (isfinite(q1) && (0.0 < q1 && q1 < INFINITY)) && (isfinite(q2) && (0.0 < q2 && q2 < INFINITY)) && (isfinite(q12)) && ((pow(q12, 2.0) <= q1*q2))',
//     name='lmech_nngp_erf_expectation_inside', preamble=<the code above>)

// ===== lmech_nngp_erf_expectation float32
// nngp.erf_expectation: E[erf(u) erf(v)] = (2/pi) arcsin(2 q12/sqrt((1 + 2 q1)(1 + 2 q2)))
// Williams, Computing with infinite networks, NIPS 1997 (the erf network's kernel; equation number unconfirmed)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_erf_expectation(float q1, float q2, float q12) {
    const float t0 = ((q1 == q2) ? (
   q1
)
: (
   sqrtf(q1)*sqrtf(q2)
));
    return 2.0F*atanf(2.0F*q12/sqrtf(2.0F*q1 + 2.0F*q2 + 4.0F*fmaxf(0.0F, -(q12 - t0)*(q12 + t0)) + 1.0F))/3.14159265358979323846F;
}

// cupy.ElementwiseKernel(
//     'float32 q1, float32 q2, float32 q12',
//     'float32 out',
//     'out = lmech_nngp_erf_expectation(q1, q2, q12)',
//     name='lmech_nngp_erf_expectation', preamble=<the code above>)

// ===== lmech_nngp_erf_expectation_inside float32
// nngp.erf_expectation: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 q1, float32 q2, float32 q12',
//     'bool out',
//     'out = (isfinite(q1) && (0.0F < q1 && q1 < INFINITY)) && (isfinite(q2) && (0.0F < q2 && q2 < INFINITY)) && (isfinite(q12)) && ((powf(q12, 2.0F) <= q1*q2))',
//     name='lmech_nngp_erf_expectation_inside', preamble=<the code above>)
