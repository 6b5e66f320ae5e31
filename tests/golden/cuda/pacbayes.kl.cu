// ===== lmech_pacbayes_kl float64
// pacbayes.kl: binary relative entropy kl(q||p) = q ln(q/p) + (1-q) ln((1-q)/(1-p)), with 0 ln 0 = 0
// Langford, JMLR 6:273 (2005), Def. 3.2; THEORY.md §6
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_pacbayes_kl(double q, double p) {
    const double t0 = -q;
    const double t1 = p + t0;
    const double t2 = 2.0*q;
    const double t3 = 2.0*p;
    return ((q == 0.0) ? (
   0.0
)
: (
   q*((p <= t2 && q <= t3) ? (
      log1p(-t1/p)
   )
   : (
      -log(p) + log(q)
   ))
)) + ((q == 1.0) ? (
   0.0
)
: (
   -(q - 1.0)*((p >= t2 - 1.0 && q >= t3 - 1.0) ? (
      log1p(-t1/(p - 1.0))
   )
   : (
      -log1p(-p) + log1p(t0)
   ))
));
}

// cupy.ElementwiseKernel(
//     'float64 q, float64 p',
//     'float64 out',
//     'out = lmech_pacbayes_kl(q, p)',
//     name='lmech_pacbayes_kl', preamble=<the code above>)

// ===== lmech_pacbayes_kl_inside float64
// pacbayes.kl: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 q, float64 p',
//     'bool out',
//     'out = (isfinite(q) && (0.0 <= q && q <= 1.0)) && (isfinite(p) && (0.0 < p && p < 1.0))',
//     name='lmech_pacbayes_kl_inside', preamble=<the code above>)

// ===== lmech_pacbayes_kl float32
// pacbayes.kl: binary relative entropy kl(q||p) = q ln(q/p) + (1-q) ln((1-q)/(1-p)), with 0 ln 0 = 0
// Langford, JMLR 6:273 (2005), Def. 3.2; THEORY.md §6
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_pacbayes_kl(float q, float p) {
    const float t0 = -q;
    const float t1 = p + t0;
    const float t2 = 2.0F*q;
    const float t3 = 2.0F*p;
    return ((q == 0.0F) ? (
   0.0F
)
: (
   q*((p <= t2 && q <= t3) ? (
      log1pf(-t1/p)
   )
   : (
      -logf(p) + logf(q)
   ))
)) + ((q == 1.0F) ? (
   0.0F
)
: (
   -(q - 1.0F)*((p >= t2 - 1.0F && q >= t3 - 1.0F) ? (
      log1pf(-t1/(p - 1.0F))
   )
   : (
      -log1pf(-p) + log1pf(t0)
   ))
));
}

// cupy.ElementwiseKernel(
//     'float32 q, float32 p',
//     'float32 out',
//     'out = lmech_pacbayes_kl(q, p)',
//     name='lmech_pacbayes_kl', preamble=<the code above>)

// ===== lmech_pacbayes_kl_inside float32
// pacbayes.kl: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 q, float32 p',
//     'bool out',
//     'out = (isfinite(q) && (0.0F <= q && q <= 1.0F)) && (isfinite(p) && (0.0F < p && p < 1.0F))',
//     name='lmech_pacbayes_kl_inside', preamble=<the code above>)
