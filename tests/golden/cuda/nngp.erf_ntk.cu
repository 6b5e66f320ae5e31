// ===== lmech_nngp_erf_ntk float64
// nngp.erf_ntk: the output layer's NTK Theta of a erf MLP with `depth` hidden layers (NTK parameterisation: weights C_W/fan_in, biases C_b) on inputs with q1 = x.x/d, q2 = x'.x'/d, q12 = x.x'/d
// Jacot, Gabriel & Hongler, arXiv 1806.07572, Thm 1; Arora et al., arXiv 1904.11955, Eqs. (9)-(10) (NTK parameterisation); the expectations: Williams, Computing with infinite networks, NIPS 1997 (the erf network's kernel; equation number unconfirmed)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_erf_ntk(double depth, double q1, double q2, double q12, double C_W, double C_b) {
    const double ti0 = C_W*q12 + C_b;
    double K11 = C_W*q1 + C_b;
    double K22 = C_W*q2 + C_b;
    double K12 = ti0;
    double Theta = ti0;
    for (long lmech_l = 0; lmech_l < (long)depth; ++lmech_l) {
        const double ts0 = 2.0*K11;
        const double ts1 = C_W/3.14159265358979323846;
        const double ts2 = 2.0*ts1;
        const double ts3 = 2.0*K22;
        const double ts4 = ((K11 == K22) ? (
   K11
)
: (
   sqrt(K11)*sqrt(K22)
));
        const double ts5 = sqrt(ts0 + ts3 + 4.0*fmax(0.0, -(K12 - ts4)*(K12 + ts4)) + 1.0);
        const double ts6 = C_b + ts2*atan2(2.0*K12, ts5);
        const double K11_next = C_b + ts2*atan2(ts0, sqrt(4.0*K11 + 1.0));
        const double K22_next = C_b + ts2*atan2(ts3, sqrt(4.0*K22 + 1.0));
        const double K12_next = ts6;
        const double Theta_next = 4.0*Theta*ts1/ts5 + ts6;
        K11 = K11_next;
        K22 = K22_next;
        K12 = K12_next;
        Theta = Theta_next;
    }
    return Theta;
}

// cupy.ElementwiseKernel(
//     'float64 depth, float64 q1, float64 q2, float64 q12, float64 C_W, float64 C_b',
//     'float64 out',
//     'out = lmech_nngp_erf_ntk(depth, q1, q2, q12, C_W, C_b)',
//     name='lmech_nngp_erf_ntk', preamble=<the code above>)

// ===== lmech_nngp_erf_ntk_inside float64
// nngp.erf_ntk: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 depth, float64 q1, float64 q2, float64 q12, float64 C_W, float64 C_b',
//     'bool out',
//     'out = (isfinite(depth) && (depth >= 0.0 && depth < INFINITY) && depth == rint(depth)) && (isfinite(q1) && (0.0 < q1 && q1 < INFINITY)) && (isfinite(q2) && (0.0 < q2 && q2 < INFINITY)) && (isfinite(q12)) && (isfinite(C_W) && (0.0 < C_W && C_W < INFINITY)) && (isfinite(C_b) && (0.0 <= C_b && C_b < INFINITY)) && ((pow(q12, 2.0) <= q1*q2))',
//     name='lmech_nngp_erf_ntk_inside', preamble=<the code above>)

// ===== lmech_nngp_erf_ntk float32
// nngp.erf_ntk: the output layer's NTK Theta of a erf MLP with `depth` hidden layers (NTK parameterisation: weights C_W/fan_in, biases C_b) on inputs with q1 = x.x/d, q2 = x'.x'/d, q12 = x.x'/d
// Jacot, Gabriel & Hongler, arXiv 1806.07572, Thm 1; Arora et al., arXiv 1904.11955, Eqs. (9)-(10) (NTK parameterisation); the expectations: Williams, Computing with infinite networks, NIPS 1997 (the erf network's kernel; equation number unconfirmed)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_erf_ntk(float depth, float q1, float q2, float q12, float C_W, float C_b) {
    const float ti0 = C_W*q12 + C_b;
    float K11 = C_W*q1 + C_b;
    float K22 = C_W*q2 + C_b;
    float K12 = ti0;
    float Theta = ti0;
    for (long lmech_l = 0; lmech_l < (long)depth; ++lmech_l) {
        const float ts0 = 2.0F*K11;
        const float ts1 = C_W/3.14159265358979323846F;
        const float ts2 = 2.0F*ts1;
        const float ts3 = 2.0F*K22;
        const float ts4 = ((K11 == K22) ? (
   K11
)
: (
   sqrtf(K11)*sqrtf(K22)
));
        const float ts5 = sqrtf(ts0 + ts3 + 4.0F*fmaxf(0.0F, -(K12 - ts4)*(K12 + ts4)) + 1.0F);
        const float ts6 = C_b + ts2*atan2f(2.0F*K12, ts5);
        const float K11_next = C_b + ts2*atan2f(ts0, sqrtf(4.0F*K11 + 1.0F));
        const float K22_next = C_b + ts2*atan2f(ts3, sqrtf(4.0F*K22 + 1.0F));
        const float K12_next = ts6;
        const float Theta_next = 4.0F*Theta*ts1/ts5 + ts6;
        K11 = K11_next;
        K22 = K22_next;
        K12 = K12_next;
        Theta = Theta_next;
    }
    return Theta;
}

// cupy.ElementwiseKernel(
//     'float32 depth, float32 q1, float32 q2, float32 q12, float32 C_W, float32 C_b',
//     'float32 out',
//     'out = lmech_nngp_erf_ntk(depth, q1, q2, q12, C_W, C_b)',
//     name='lmech_nngp_erf_ntk', preamble=<the code above>)

// ===== lmech_nngp_erf_ntk_inside float32
// nngp.erf_ntk: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 depth, float32 q1, float32 q2, float32 q12, float32 C_W, float32 C_b',
//     'bool out',
//     'out = (isfinite(depth) && (depth >= 0.0F && depth < INFINITY) && depth == rint(depth)) && (isfinite(q1) && (0.0F < q1 && q1 < INFINITY)) && (isfinite(q2) && (0.0F < q2 && q2 < INFINITY)) && (isfinite(q12)) && (isfinite(C_W) && (0.0F < C_W && C_W < INFINITY)) && (isfinite(C_b) && (0.0F <= C_b && C_b < INFINITY)) && ((powf(q12, 2.0F) <= q1*q2))',
//     name='lmech_nngp_erf_ntk_inside', preamble=<the code above>)
