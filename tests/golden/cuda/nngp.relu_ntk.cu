// ===== lmech_nngp_relu_ntk float64
// nngp.relu_ntk: the output layer's NTK Theta of a relu MLP with `depth` hidden layers (NTK parameterisation: weights C_W/fan_in, biases C_b) on inputs with q1 = x.x/d, q2 = x'.x'/d, q12 = x.x'/d
// Jacot, Gabriel & Hongler, arXiv 1806.07572, Thm 1; Arora et al., arXiv 1904.11955, Eqs. (9)-(10) (NTK parameterisation); the expectations: Cho & Saul, Kernel methods for deep learning, NIPS 2009, Eq. (6) and Sec. 2.1 (arc-cosine kernels k_0, k_1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_relu_ntk(double depth, double q1, double q2, double q12, double C_W, double C_b) {
    const double ti0 = C_W*q1 + C_b;
    const double ti1 = C_W*q2 + C_b;
    const double ti2 = q1 == q2;
    const double ti3 = sqrt(q1);
    const double ti4 = sqrt(q2);
    const double ti5 = ((ti2) ? (
   q1
)
: (
   ti3*ti4
));
    const double ti6 = C_W*q12 + C_b;
    double K11 = ti0;
    double K22 = ti1;
    double gap = -C_W*(q12 - ti5) + ((ti2) ? (
   0.0
)
: (
   C_W*C_b*pow(ti3 - ti4, 2.0)/(C_W*ti5 + C_b + ((ti0 == ti1) ? (
      ti0
   )
   : (
      sqrt(ti0)*sqrt(ti1)
   )))
));
    double K12 = ti6;
    double Theta = ti6;
    for (long lmech_l = 0; lmech_l < (long)depth; ++lmech_l) {
        const double ts0 = (1.0/2.0)*C_W;
        const double ts1 = C_b + K11*ts0;
        const double ts2 = C_b + K22*ts0;
        const double ts3 = K11 == K22;
        const double ts4 = sqrt(K11);
        const double ts5 = sqrt(K22);
        const double ts6 = ((ts3) ? (
   K11
)
: (
   ts4*ts5
));
        const double ts7 = C_W*ts6;
        const double ts8 = 1.0/3.14159265358979323846;
        const double ts9 = 1.0/K11;
        const double ts10 = 1.0/(ts4*ts5);
        const double ts11 = (1.0/2.0)*gap;
        const double ts12 = fmax(0.0, fmin(1.0, ts11*((ts3) ? (
   ts9
)
: (
   ts10
))));
        const double ts13 = sqrt(ts12);
        const double ts14 = sqrt(1.0 - ts12);
        const double ts15 = ts13*ts14;
        const double ts16 = atan2(ts13, ts14);
        const double ts17 = -3.14159265358979323846;
        const double ts18 = 2.0*ts16 + ts17;
        const double ts19 = fmax(0.0, fmin(1.0, ts11*ts9));
        const double ts20 = fmax(0.0, fmin(1.0, ts10*ts11));
        const double ts21 = C_W*((((ts3) ? (
   ts17 + 2.0*atan2(sqrt(ts19), sqrt(1.0 - ts19)) > -1.0/10.0
)
: (
   ts17 + 2.0*atan2(sqrt(ts20), sqrt(1.0 - ts20)) > -1.0/10.0
))) ? (
   -1.0/44460928512000.0*pow(ts18, 3.0)*ts6*ts8*(-pow(ts18, 14.0) + 238.0*pow(ts18, 12.0) - 42840.0*pow(ts18, 10.0) + 5569200.0*pow(ts18, 8.0) - 490089600.0*pow(ts18, 6.0) + 26464838400.0*pow(ts18, 4.0) - 741015475200.0*pow(ts18, 2.0) + 7410154752000.0)
)
: (
   -1.0/2.0*ts8*(K12*ts18 - 2.0*ts15*ts6)
)) + C_b;
        const double K11_next = ts1;
        const double K22_next = ts2;
        const double gap_next = -ts7*ts8*(-3.14159265358979323846*ts12 + ts15 + ts16*(2.0*ts12 - 1.0)) + ((ts3) ? (
   0.0
)
: (
   C_W*C_b*pow(ts4 - ts5, 2.0)/(2.0*C_b + ts7 + 2.0*((ts1 == ts2) ? (
      ts1
   )
   : (
      sqrt(ts1)*sqrt(ts2)
   )))
));
        const double K12_next = ts21;
        const double Theta_next = -Theta*ts0*ts18*ts8 + ts21;
        K11 = K11_next;
        K22 = K22_next;
        gap = gap_next;
        K12 = K12_next;
        Theta = Theta_next;
    }
    return Theta;
}

// cupy.ElementwiseKernel(
//     'float64 depth, float64 q1, float64 q2, float64 q12, float64 C_W, float64 C_b',
//     'float64 out',
//     'out = lmech_nngp_relu_ntk(depth, q1, q2, q12, C_W, C_b)',
//     name='lmech_nngp_relu_ntk', preamble=<the code above>)

// ===== lmech_nngp_relu_ntk_inside float64
// nngp.relu_ntk: domain of every parameter and the where relations
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
//     name='lmech_nngp_relu_ntk_inside', preamble=<the code above>)

// ===== lmech_nngp_relu_ntk float32
// nngp.relu_ntk: the output layer's NTK Theta of a relu MLP with `depth` hidden layers (NTK parameterisation: weights C_W/fan_in, biases C_b) on inputs with q1 = x.x/d, q2 = x'.x'/d, q12 = x.x'/d
// Jacot, Gabriel & Hongler, arXiv 1806.07572, Thm 1; Arora et al., arXiv 1904.11955, Eqs. (9)-(10) (NTK parameterisation); the expectations: Cho & Saul, Kernel methods for deep learning, NIPS 2009, Eq. (6) and Sec. 2.1 (arc-cosine kernels k_0, k_1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_relu_ntk(float depth, float q1, float q2, float q12, float C_W, float C_b) {
    const float ti0 = C_W*q1 + C_b;
    const float ti1 = C_W*q2 + C_b;
    const float ti2 = q1 == q2;
    const float ti3 = sqrtf(q1);
    const float ti4 = sqrtf(q2);
    const float ti5 = ((ti2) ? (
   q1
)
: (
   ti3*ti4
));
    const float ti6 = C_W*q12 + C_b;
    float K11 = ti0;
    float K22 = ti1;
    float gap = -C_W*(q12 - ti5) + ((ti2) ? (
   0.0F
)
: (
   C_W*C_b*powf(ti3 - ti4, 2.0F)/(C_W*ti5 + C_b + ((ti0 == ti1) ? (
      ti0
   )
   : (
      sqrtf(ti0)*sqrtf(ti1)
   )))
));
    float K12 = ti6;
    float Theta = ti6;
    for (long lmech_l = 0; lmech_l < (long)depth; ++lmech_l) {
        const float ts0 = (1.0F/2.0F)*C_W;
        const float ts1 = C_b + K11*ts0;
        const float ts2 = C_b + K22*ts0;
        const float ts3 = K11 == K22;
        const float ts4 = sqrtf(K11);
        const float ts5 = sqrtf(K22);
        const float ts6 = ((ts3) ? (
   K11
)
: (
   ts4*ts5
));
        const float ts7 = C_W*ts6;
        const float ts8 = 1.0F/3.14159265358979323846F;
        const float ts9 = 1.0F/K11;
        const float ts10 = 1.0F/(ts4*ts5);
        const float ts11 = (1.0F/2.0F)*gap;
        const float ts12 = fmaxf(0.0F, fminf(1.0F, ts11*((ts3) ? (
   ts9
)
: (
   ts10
))));
        const float ts13 = sqrtf(ts12);
        const float ts14 = sqrtf(1.0F - ts12);
        const float ts15 = ts13*ts14;
        const float ts16 = atan2f(ts13, ts14);
        const float ts17 = -3.14159265358979323846F;
        const float ts18 = 2.0F*ts16 + ts17;
        const float ts19 = fmaxf(0.0F, fminf(1.0F, ts11*ts9));
        const float ts20 = fmaxf(0.0F, fminf(1.0F, ts10*ts11));
        const float ts21 = C_W*((((ts3) ? (
   ts17 + 2.0F*atan2f(sqrtf(ts19), sqrtf(1.0F - ts19)) > -1.0F/10.0F
)
: (
   ts17 + 2.0F*atan2f(sqrtf(ts20), sqrtf(1.0F - ts20)) > -1.0F/10.0F
))) ? (
   -1.0F/44460928512000.0F*powf(ts18, 3.0F)*ts6*ts8*(-powf(ts18, 14.0F) + 238.0F*powf(ts18, 12.0F) - 42840.0F*powf(ts18, 10.0F) + 5569200.0F*powf(ts18, 8.0F) - 490089600.0F*powf(ts18, 6.0F) + 2.64648384e+10F*powf(ts18, 4.0F) - 7.41015475e+11F*powf(ts18, 2.0F) + 7.41015475e+12F)
)
: (
   -1.0F/2.0F*ts8*(K12*ts18 - 2.0F*ts15*ts6)
)) + C_b;
        const float K11_next = ts1;
        const float K22_next = ts2;
        const float gap_next = -ts7*ts8*(-3.14159265358979323846F*ts12 + ts15 + ts16*(2.0F*ts12 - 1.0F)) + ((ts3) ? (
   0.0F
)
: (
   C_W*C_b*powf(ts4 - ts5, 2.0F)/(2.0F*C_b + ts7 + 2.0F*((ts1 == ts2) ? (
      ts1
   )
   : (
      sqrtf(ts1)*sqrtf(ts2)
   )))
));
        const float K12_next = ts21;
        const float Theta_next = -Theta*ts0*ts18*ts8 + ts21;
        K11 = K11_next;
        K22 = K22_next;
        gap = gap_next;
        K12 = K12_next;
        Theta = Theta_next;
    }
    return Theta;
}

// cupy.ElementwiseKernel(
//     'float32 depth, float32 q1, float32 q2, float32 q12, float32 C_W, float32 C_b',
//     'float32 out',
//     'out = lmech_nngp_relu_ntk(depth, q1, q2, q12, C_W, C_b)',
//     name='lmech_nngp_relu_ntk', preamble=<the code above>)

// ===== lmech_nngp_relu_ntk_inside float32
// nngp.relu_ntk: domain of every parameter and the where relations
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
//     name='lmech_nngp_relu_ntk_inside', preamble=<the code above>)
