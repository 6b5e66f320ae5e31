// ===== lmech_transient_bbp_overlap_inside float64
// transient_bbp.overlap: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 t, float64 theta, float64 alpha, float64 lam_plus, float64 lam_minus, float64 sigma2, float64 sigma2_init',
//     'bool out',
//     'out = (isfinite(t) && (0.0 <= t && t < INFINITY)) && (isfinite(theta) && (0.0 < theta && theta < INFINITY)) && (isfinite(alpha) && (0.0 < alpha && alpha < 1.0)) && (isfinite(lam_plus) && (0.0 < lam_plus && lam_plus < INFINITY)) && (isfinite(lam_minus) && (0.0 < lam_minus && lam_minus < INFINITY)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY)) && (isfinite(sigma2_init) && (0.0 <= sigma2_init && sigma2_init < INFINITY))',
//     name='lmech_transient_bbp_overlap_inside', preamble=<the code above>)

// ===== lmech_transient_bbp_overlap_inside float32
// transient_bbp.overlap: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 t, float32 theta, float32 alpha, float32 lam_plus, float32 lam_minus, float32 sigma2, float32 sigma2_init',
//     'bool out',
//     'out = (isfinite(t) && (0.0F <= t && t < INFINITY)) && (isfinite(theta) && (0.0F < theta && theta < INFINITY)) && (isfinite(alpha) && (0.0F < alpha && alpha < 1.0F)) && (isfinite(lam_plus) && (0.0F < lam_plus && lam_plus < INFINITY)) && (isfinite(lam_minus) && (0.0F < lam_minus && lam_minus < INFINITY)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY)) && (isfinite(sigma2_init) && (0.0F <= sigma2_init && sigma2_init < INFINITY))',
//     name='lmech_transient_bbp_overlap_inside', preamble=<the code above>)
