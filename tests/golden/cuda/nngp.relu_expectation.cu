// ===== lmech_nngp_relu_expectation float64
// nngp.relu_expectation: E[relu(u) relu(v)] for a Gaussian pair with variances q1, q2 and covariance q12: (sqrt(q1 q2 - q12^2) + (pi - theta) q12)/(2 pi)
// Cho & Saul, Kernel methods for deep learning, NIPS 2009, Eq. (6) and Sec. 2.1 (arc-cosine kernels k_0, k_1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_relu_expectation(double q1, double q2, double q12) {
    const double tc0 = -q12;
    const double tc1 = sqrt(q1)*sqrt(q2);
    if (((q1 == q2) ? (
   atan2(sqrt(fmax(0.0, (q1 + q12)*(q1 + tc0))), tc0) < 1.0/10.0
)
: (
   atan2(sqrt(fmax(0.0, (q12 + tc1)*(tc0 + tc1))), tc0) < 1.0/10.0
))) {
        const double tb0_0 = ((q1 == q2) ? (
   q1
)
: (
   tc1
));
        const double tb0_1 = atan2(sqrt(fmax(0.0, (q12 + tb0_0)*(tb0_0 + tc0))), tc0);
        return (1.0/186810624000.0)*sqrt(q1)*sqrt(q2)*pow(tb0_1, 3.0)*(pow(tb0_1, 12.0) - 180.0*pow(tb0_1, 10.0) + 23400.0*pow(tb0_1, 8.0) - 2059200.0*pow(tb0_1, 6.0) + 111196800.0*pow(tb0_1, 4.0) - 3113510400.0*pow(tb0_1, 2.0) + 31135104000.0)/3.14159265358979323846;
    }
    else {
        const double tb1_0 = ((q1 == q2) ? (
   q1
)
: (
   tc1
));
        const double tb1_1 = sqrt(fmax(0.0, (q12 + tb1_0)*(tb1_0 + tc0)));
        return (1.0/2.0)*(q12*atan2(tb1_1, tc0) + tb1_1)/3.14159265358979323846;
    }
}

// cupy.ElementwiseKernel(
//     'float64 q1, float64 q2, float64 q12',
//     'float64 out',
//     'out = lmech_nngp_relu_expectation(q1, q2, q12)',
//     name='lmech_nngp_relu_expectation', preamble=<the code above>)

// ===== lmech_nngp_relu_expectation_inside float64
// nngp.relu_expectation: domain of every parameter and the where relations
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
//     name='lmech_nngp_relu_expectation_inside', preamble=<the code above>)

// ===== lmech_nngp_relu_expectation float32
// nngp.relu_expectation: E[relu(u) relu(v)] for a Gaussian pair with variances q1, q2 and covariance q12: (sqrt(q1 q2 - q12^2) + (pi - theta) q12)/(2 pi)
// Cho & Saul, Kernel methods for deep learning, NIPS 2009, Eq. (6) and Sec. 2.1 (arc-cosine kernels k_0, k_1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_relu_expectation(float q1, float q2, float q12) {
    const float tc0 = -q12;
    const float tc1 = sqrtf(q1)*sqrtf(q2);
    if (((q1 == q2) ? (
   atan2f(sqrtf(fmaxf(0.0F, (q1 + q12)*(q1 + tc0))), tc0) < 1.0F/10.0F
)
: (
   atan2f(sqrtf(fmaxf(0.0F, (q12 + tc1)*(tc0 + tc1))), tc0) < 1.0F/10.0F
))) {
        const float tb0_0 = ((q1 == q2) ? (
   q1
)
: (
   tc1
));
        const float tb0_1 = atan2f(sqrtf(fmaxf(0.0F, (q12 + tb0_0)*(tb0_0 + tc0))), tc0);
        return (1.0F/186810624000.0F)*sqrtf(q1)*sqrtf(q2)*powf(tb0_1, 3.0F)*(powf(tb0_1, 12.0F) - 180.0F*powf(tb0_1, 10.0F) + 23400.0F*powf(tb0_1, 8.0F) - 2059200.0F*powf(tb0_1, 6.0F) + 111196800.0F*powf(tb0_1, 4.0F) - 3.1135104e+9F*powf(tb0_1, 2.0F) + 3.1135104e+10F)/3.14159265358979323846F;
    }
    else {
        const float tb1_0 = ((q1 == q2) ? (
   q1
)
: (
   tc1
));
        const float tb1_1 = sqrtf(fmaxf(0.0F, (q12 + tb1_0)*(tb1_0 + tc0)));
        return (1.0F/2.0F)*(q12*atan2f(tb1_1, tc0) + tb1_1)/3.14159265358979323846F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 q1, float32 q2, float32 q12',
//     'float32 out',
//     'out = lmech_nngp_relu_expectation(q1, q2, q12)',
//     name='lmech_nngp_relu_expectation', preamble=<the code above>)

// ===== lmech_nngp_relu_expectation_inside float32
// nngp.relu_expectation: domain of every parameter and the where relations
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
//     name='lmech_nngp_relu_expectation_inside', preamble=<the code above>)
