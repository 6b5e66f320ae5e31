// ===== lmech_tracy_widom_wishart_scale float64
// tracy_widom.wishart_scale: scale sigma/n: (lambda_1(S) - center)/scale -> TW_beta; (sqrt(n-1)+sqrt(p))(1/sqrt(n-1)+1/sqrt(p))^(1/3)/n for beta=1
// Johnstone, Ann. Statist. 29:295 (2001), Thm 1.1 (real, n - 1); Johansson, Commun. Math. Phys. 209:437 (2000), arXiv math/9903134 (complex); El Karoui, arXiv math/0309355 (any p/n)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_tracy_widom_wishart_scale(double p, double n, double beta) {
    const double t0 = sqrt(p);
    const double t1 = sqrt(n - 1.0);
    const double t2 = beta == 1.0;
    const double t3 = sqrt(n);
    return (t0 + ((t2) ? (
   t1
)
: (
   t3
)))*cbrt(((t2) ? (
   1.0/t1
)
: (
   1.0/t3
)) + 1.0/t0)/n;
}

// cupy.ElementwiseKernel(
//     'float64 p, float64 n, float64 beta',
//     'float64 out',
//     'out = lmech_tracy_widom_wishart_scale(p, n, beta)',
//     name='lmech_tracy_widom_wishart_scale', preamble=<the code above>)

// ===== lmech_tracy_widom_wishart_scale_inside float64
// tracy_widom.wishart_scale: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 p, float64 n, float64 beta',
//     'bool out',
//     'out = (isfinite(p) && (p >= 1.0 && p < INFINITY) && p == rint(p)) && (isfinite(n) && (n >= 2.0 && n < INFINITY) && n == rint(n)) && (isfinite(beta) && (beta == 1.0 || beta == 2.0))',
//     name='lmech_tracy_widom_wishart_scale_inside', preamble=<the code above>)

// ===== lmech_tracy_widom_wishart_scale float32
// tracy_widom.wishart_scale: scale sigma/n: (lambda_1(S) - center)/scale -> TW_beta; (sqrt(n-1)+sqrt(p))(1/sqrt(n-1)+1/sqrt(p))^(1/3)/n for beta=1
// Johnstone, Ann. Statist. 29:295 (2001), Thm 1.1 (real, n - 1); Johansson, Commun. Math. Phys. 209:437 (2000), arXiv math/9903134 (complex); El Karoui, arXiv math/0309355 (any p/n)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_tracy_widom_wishart_scale(float p, float n, float beta) {
    const float t0 = sqrtf(p);
    const float t1 = sqrtf(n - 1.0F);
    const float t2 = beta == 1.0F;
    const float t3 = sqrtf(n);
    return (t0 + ((t2) ? (
   t1
)
: (
   t3
)))*cbrtf(((t2) ? (
   1.0F/t1
)
: (
   1.0F/t3
)) + 1.0F/t0)/n;
}

// cupy.ElementwiseKernel(
//     'float32 p, float32 n, float32 beta',
//     'float32 out',
//     'out = lmech_tracy_widom_wishart_scale(p, n, beta)',
//     name='lmech_tracy_widom_wishart_scale', preamble=<the code above>)

// ===== lmech_tracy_widom_wishart_scale_inside float32
// tracy_widom.wishart_scale: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 p, float32 n, float32 beta',
//     'bool out',
//     'out = (isfinite(p) && (p >= 1.0F && p < INFINITY) && p == rint(p)) && (isfinite(n) && (n >= 2.0F && n < INFINITY) && n == rint(n)) && (isfinite(beta) && (beta == 1.0F || beta == 2.0F))',
//     name='lmech_tracy_widom_wishart_scale_inside', preamble=<the code above>)
