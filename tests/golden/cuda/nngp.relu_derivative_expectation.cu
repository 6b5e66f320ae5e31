// ===== lmech_nngp_relu_derivative_expectation float64
// nngp.relu_derivative_expectation: E[relu'(u) relu'(v)] = P(u > 0, v > 0) = (pi - theta)/(2 pi)
// Cho & Saul, Kernel methods for deep learning, NIPS 2009, Eq. (6) and Sec. 2.1 (arc-cosine kernels k_0, k_1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_relu_derivative_expectation(double q1, double q2, double q12) {
    const double t0 = ((q1 == q2) ? (
   q1
)
: (
   sqrt(q1)*sqrt(q2)
));
    return (1.0/2.0)*atan2(sqrt(fmax(0.0, -(q12 - t0)*(q12 + t0))), -q12)/3.14159265358979323846;
}

// cupy.ElementwiseKernel(
//     'float64 q1, float64 q2, float64 q12',
//     'float64 out',
//     'out = lmech_nngp_relu_derivative_expectation(q1, q2, q12)',
//     name='lmech_nngp_relu_derivative_expectation', preamble=<the code above>)

// ===== lmech_nngp_relu_derivative_expectation_inside float64
// nngp.relu_derivative_expectation: domain of every parameter and the where relations
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
//     name='lmech_nngp_relu_derivative_expectation_inside', preamble=<the code above>)

// ===== lmech_nngp_relu_derivative_expectation float32
// nngp.relu_derivative_expectation: E[relu'(u) relu'(v)] = P(u > 0, v > 0) = (pi - theta)/(2 pi)
// Cho & Saul, Kernel methods for deep learning, NIPS 2009, Eq. (6) and Sec. 2.1 (arc-cosine kernels k_0, k_1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_relu_derivative_expectation(float q1, float q2, float q12) {
    const float t0 = ((q1 == q2) ? (
   q1
)
: (
   sqrtf(q1)*sqrtf(q2)
));
    return (1.0F/2.0F)*atan2f(sqrtf(fmaxf(0.0F, -(q12 - t0)*(q12 + t0))), -q12)/3.14159265358979323846F;
}

// cupy.ElementwiseKernel(
//     'float32 q1, float32 q2, float32 q12',
//     'float32 out',
//     'out = lmech_nngp_relu_derivative_expectation(q1, q2, q12)',
//     name='lmech_nngp_relu_derivative_expectation', preamble=<the code above>)

// ===== lmech_nngp_relu_derivative_expectation_inside float32
// nngp.relu_derivative_expectation: domain of every parameter and the where relations
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
//     name='lmech_nngp_relu_derivative_expectation_inside', preamble=<the code above>)
