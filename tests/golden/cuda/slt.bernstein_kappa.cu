// ===== lmech_slt_bernstein_kappa float64
// slt.bernstein_kappa: kappa = omega L (e^(omega b) - 1 - omega b)/(omega b)^2: the Bernstein factor of the Gibbs bounds (E r^2 <= L E r, |r| <= b)
// Bernstein's moment bound e^y <= 1 + y + y^2 g(c) for y <= c, g(c) = (e^c - 1 - c)/c^2 increasing (Boucheron, Lugosi & Massart, Concentration Inequalities, OUP 2013, Sec. 2.8); PAC-Bayes for Gibbs posteriors under a Bernstein condition: Catoni arXiv 0712.0248, Ch. 1; Alquier arXiv 2110.11216, Sec. 4.3
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_slt_bernstein_kappa(double omega, double L, double b) {
    const double t0 = b*omega;
    const double t1 = pow(b, 2.0);
    const double t2 = pow(omega, 2.0);
    return L*omega*((t0 < 1.0/100.0) ? (
   (1.0/5040.0)*pow(b, 5.0)*pow(omega, 5.0) + (1.0/720.0)*pow(b, 4.0)*pow(omega, 4.0) + (1.0/120.0)*pow(b, 3.0)*pow(omega, 3.0) + (1.0/6.0)*t0 + (1.0/24.0)*t1*t2 + 1.0/2.0
)
: (
   -(t0 - expm1(t0))/(t1*t2)
));
}

// cupy.ElementwiseKernel(
//     'float64 omega, float64 L, float64 b',
//     'float64 out',
//     'out = lmech_slt_bernstein_kappa(omega, L, b)',
//     name='lmech_slt_bernstein_kappa', preamble=<the code above>)

// ===== lmech_slt_bernstein_kappa_inside float64
// slt.bernstein_kappa: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 omega, float64 L, float64 b',
//     'bool out',
//     'out = (isfinite(omega) && (0.0 < omega && omega < INFINITY)) && (isfinite(L) && (0.0 < L && L < INFINITY)) && (isfinite(b) && (0.0 < b && b < INFINITY)) && ((b*omega + log(L) + log(omega) < 690.0))',
//     name='lmech_slt_bernstein_kappa_inside', preamble=<the code above>)

// ===== lmech_slt_bernstein_kappa float32
// slt.bernstein_kappa: kappa = omega L (e^(omega b) - 1 - omega b)/(omega b)^2: the Bernstein factor of the Gibbs bounds (E r^2 <= L E r, |r| <= b)
// Bernstein's moment bound e^y <= 1 + y + y^2 g(c) for y <= c, g(c) = (e^c - 1 - c)/c^2 increasing (Boucheron, Lugosi & Massart, Concentration Inequalities, OUP 2013, Sec. 2.8); PAC-Bayes for Gibbs posteriors under a Bernstein condition: Catoni arXiv 0712.0248, Ch. 1; Alquier arXiv 2110.11216, Sec. 4.3
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_slt_bernstein_kappa(float omega, float L, float b) {
    const float t0 = b*omega;
    const float t1 = powf(b, 2.0F);
    const float t2 = powf(omega, 2.0F);
    return L*omega*((t0 < 1.0F/100.0F) ? (
   (1.0F/5040.0F)*powf(b, 5.0F)*powf(omega, 5.0F) + (1.0F/720.0F)*powf(b, 4.0F)*powf(omega, 4.0F) + (1.0F/120.0F)*powf(b, 3.0F)*powf(omega, 3.0F) + (1.0F/6.0F)*t0 + (1.0F/24.0F)*t1*t2 + 1.0F/2.0F
)
: (
   -(t0 - expm1f(t0))/(t1*t2)
));
}

// cupy.ElementwiseKernel(
//     'float32 omega, float32 L, float32 b',
//     'float32 out',
//     'out = lmech_slt_bernstein_kappa(omega, L, b)',
//     name='lmech_slt_bernstein_kappa', preamble=<the code above>)

// ===== lmech_slt_bernstein_kappa_inside float32
// slt.bernstein_kappa: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 omega, float32 L, float32 b',
//     'bool out',
//     'out = (isfinite(omega) && (0.0F < omega && omega < INFINITY)) && (isfinite(L) && (0.0F < L && L < INFINITY)) && (isfinite(b) && (0.0F < b && b < INFINITY)) && ((b*omega + logf(L) + logf(omega) < 690.0F))',
//     name='lmech_slt_bernstein_kappa_inside', preamble=<the code above>)
