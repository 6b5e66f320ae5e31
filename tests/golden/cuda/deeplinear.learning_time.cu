// ===== lmech_deeplinear_learning_time float64
// deeplinear.learning_time: time for a balanced mode to grow from u0 to uf < s: (tau/2s) ln(uf (s - u0)/(u0 (s - uf)))
// Saxe, McClelland & Ganguli, ICLR 2014, arXiv 1312.6120, Eq. (7); THEORY.md §5.2
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_deeplinear_learning_time(double s, double u0, double uf, double tau) {
    const double t0 = -uf;
    const double t1 = t0 + u0;
    return (1.0/2.0)*tau*(log1p(-t1/u0) + log1p(-t1/(s + t0)))/s;
}

// cupy.ElementwiseKernel(
//     'float64 s, float64 u0, float64 uf, float64 tau',
//     'float64 out',
//     'out = lmech_deeplinear_learning_time(s, u0, uf, tau)',
//     name='lmech_deeplinear_learning_time', preamble=<the code above>)

// ===== lmech_deeplinear_learning_time_inside float64
// deeplinear.learning_time: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 s, float64 u0, float64 uf, float64 tau',
//     'bool out',
//     'out = (isfinite(s) && (0.0 < s && s < INFINITY)) && (isfinite(u0) && (0.0 < u0 && u0 < INFINITY)) && (isfinite(uf) && (0.0 < uf && uf < INFINITY)) && (isfinite(tau) && (0.0 < tau && tau < INFINITY)) && ((u0 <= uf)) && ((uf < s))',
//     name='lmech_deeplinear_learning_time_inside', preamble=<the code above>)

// ===== lmech_deeplinear_learning_time float32
// deeplinear.learning_time: time for a balanced mode to grow from u0 to uf < s: (tau/2s) ln(uf (s - u0)/(u0 (s - uf)))
// Saxe, McClelland & Ganguli, ICLR 2014, arXiv 1312.6120, Eq. (7); THEORY.md §5.2
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_deeplinear_learning_time(float s, float u0, float uf, float tau) {
    const float t0 = -uf;
    const float t1 = t0 + u0;
    return (1.0F/2.0F)*tau*(log1pf(-t1/u0) + log1pf(-t1/(s + t0)))/s;
}

// cupy.ElementwiseKernel(
//     'float32 s, float32 u0, float32 uf, float32 tau',
//     'float32 out',
//     'out = lmech_deeplinear_learning_time(s, u0, uf, tau)',
//     name='lmech_deeplinear_learning_time', preamble=<the code above>)

// ===== lmech_deeplinear_learning_time_inside float32
// deeplinear.learning_time: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 s, float32 u0, float32 uf, float32 tau',
//     'bool out',
//     'out = (isfinite(s) && (0.0F < s && s < INFINITY)) && (isfinite(u0) && (0.0F < u0 && u0 < INFINITY)) && (isfinite(uf) && (0.0F < uf && uf < INFINITY)) && (isfinite(tau) && (0.0F < tau && tau < INFINITY)) && ((u0 <= uf)) && ((uf < s))',
//     name='lmech_deeplinear_learning_time_inside', preamble=<the code above>)
