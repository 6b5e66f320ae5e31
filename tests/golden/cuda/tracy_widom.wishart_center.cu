// ===== lmech_tracy_widom_wishart_center float64
// tracy_widom.wishart_center: centring mu/n of the largest eigenvalue of S = X X^T/n (X p x n): (sqrt(n-1)+sqrt(p))^2/n for beta=1, n for beta=2
// Johnstone, Ann. Statist. 29:295 (2001), Thm 1.1 (real, n - 1); Johansson, Commun. Math. Phys. 209:437 (2000), arXiv math/9903134 (complex); El Karoui, arXiv math/0309355 (any p/n)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_tracy_widom_wishart_center(double p, double n, double beta) {
    return pow(sqrt(p) + ((beta == 1.0) ? (
   sqrt(n - 1.0)
)
: (
   sqrt(n)
)), 2.0)/n;
}

// cupy.ElementwiseKernel(
//     'float64 p, float64 n, float64 beta',
//     'float64 out',
//     'out = lmech_tracy_widom_wishart_center(p, n, beta)',
//     name='lmech_tracy_widom_wishart_center', preamble=<the code above>)

// ===== lmech_tracy_widom_wishart_center_inside float64
// tracy_widom.wishart_center: domain of every parameter and the where relations
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
//     name='lmech_tracy_widom_wishart_center_inside', preamble=<the code above>)

// ===== lmech_tracy_widom_wishart_center float32
// tracy_widom.wishart_center: centring mu/n of the largest eigenvalue of S = X X^T/n (X p x n): (sqrt(n-1)+sqrt(p))^2/n for beta=1, n for beta=2
// Johnstone, Ann. Statist. 29:295 (2001), Thm 1.1 (real, n - 1); Johansson, Commun. Math. Phys. 209:437 (2000), arXiv math/9903134 (complex); El Karoui, arXiv math/0309355 (any p/n)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_tracy_widom_wishart_center(float p, float n, float beta) {
    return powf(sqrtf(p) + ((beta == 1.0F) ? (
   sqrtf(n - 1.0F)
)
: (
   sqrtf(n)
)), 2.0F)/n;
}

// cupy.ElementwiseKernel(
//     'float32 p, float32 n, float32 beta',
//     'float32 out',
//     'out = lmech_tracy_widom_wishart_center(p, n, beta)',
//     name='lmech_tracy_widom_wishart_center', preamble=<the code above>)

// ===== lmech_tracy_widom_wishart_center_inside float32
// tracy_widom.wishart_center: domain of every parameter and the where relations
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
//     name='lmech_tracy_widom_wishart_center_inside', preamble=<the code above>)
