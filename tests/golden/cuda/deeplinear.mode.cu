// ===== lmech_deeplinear_mode float64
// deeplinear.mode: mode strength u(t) of a balanced aligned two-layer linear network: s e^{2st/tau}/(e^{2st/tau} - 1 + s/u0)
// Saxe, McClelland & Ganguli, ICLR 2014, arXiv 1312.6120, Eq. (6) (balanced aligned mode; the factor 2 as in THEORY.md §5.2)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_deeplinear_mode(double t, double s, double u0, double tau) {
    const double t0 = s - u0;
    const double t1 = s*t/tau;
    const double t2 = -2.0*t1;
    return s*u0*((t1 < 1.0/2.0) ? (
   1.0/(s + t0*expm1(t2))
)
: (
   1.0/(t0*exp(t2) + u0)
));
}

// cupy.ElementwiseKernel(
//     'float64 t, float64 s, float64 u0, float64 tau',
//     'float64 out',
//     'out = lmech_deeplinear_mode(t, s, u0, tau)',
//     name='lmech_deeplinear_mode', preamble=<the code above>)

// ===== lmech_deeplinear_mode_inside float64
// deeplinear.mode: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 t, float64 s, float64 u0, float64 tau',
//     'bool out',
//     'out = (isfinite(t) && (0.0 <= t && t < INFINITY)) && (isfinite(s) && (0.0 < s && s < INFINITY)) && (isfinite(u0) && (0.0 < u0 && u0 < INFINITY)) && (isfinite(tau) && (0.0 < tau && tau < INFINITY))',
//     name='lmech_deeplinear_mode_inside', preamble=<the code above>)

// ===== lmech_deeplinear_mode float32
// deeplinear.mode: mode strength u(t) of a balanced aligned two-layer linear network: s e^{2st/tau}/(e^{2st/tau} - 1 + s/u0)
// Saxe, McClelland & Ganguli, ICLR 2014, arXiv 1312.6120, Eq. (6) (balanced aligned mode; the factor 2 as in THEORY.md §5.2)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_deeplinear_mode(float t, float s, float u0, float tau) {
    const float t0 = s - u0;
    const float t1 = s*t/tau;
    const float t2 = -2.0F*t1;
    return s*u0*((t1 < 1.0F/2.0F) ? (
   1.0F/(s + t0*expm1f(t2))
)
: (
   1.0F/(t0*expf(t2) + u0)
));
}

// cupy.ElementwiseKernel(
//     'float32 t, float32 s, float32 u0, float32 tau',
//     'float32 out',
//     'out = lmech_deeplinear_mode(t, s, u0, tau)',
//     name='lmech_deeplinear_mode', preamble=<the code above>)

// ===== lmech_deeplinear_mode_inside float32
// deeplinear.mode: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 t, float32 s, float32 u0, float32 tau',
//     'bool out',
//     'out = (isfinite(t) && (0.0F <= t && t < INFINITY)) && (isfinite(s) && (0.0F < s && s < INFINITY)) && (isfinite(u0) && (0.0F < u0 && u0 < INFINITY)) && (isfinite(tau) && (0.0F < tau && tau < INFINITY))',
//     name='lmech_deeplinear_mode_inside', preamble=<the code above>)
