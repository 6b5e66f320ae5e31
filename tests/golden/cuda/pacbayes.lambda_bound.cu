// ===== lmech_pacbayes_lambda_bound float64
// pacbayes.lambda_bound: Thiemann et al. lambda-bound, for all lam in (0, 2) at once: emp_risk/(1-lam/2) + B/(lam(1-lam/2)n)
// Thiemann, Igel, Wintenberger & Seldin, ALT 2017, arXiv 1608.05610, Thm 3 and Eq. (8)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_pacbayes_lambda_bound(double emp_risk, double kl, double n, double delta, double lam) {
    return -(2.0*emp_risk + (2.0*kl - 2.0*log(delta) + log(n) + 2.0*log(2.0))/(lam*n))/(lam - 2.0);
}

// cupy.ElementwiseKernel(
//     'float64 emp_risk, float64 kl, float64 n, float64 delta, float64 lam',
//     'float64 out',
//     'out = lmech_pacbayes_lambda_bound(emp_risk, kl, n, delta, lam)',
//     name='lmech_pacbayes_lambda_bound', preamble=<the code above>)

// ===== lmech_pacbayes_lambda_bound_inside float64
// pacbayes.lambda_bound: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 emp_risk, float64 kl, float64 n, float64 delta, float64 lam',
//     'bool out',
//     'out = (isfinite(emp_risk) && (0.0 <= emp_risk && emp_risk <= 1.0)) && (isfinite(kl) && (0.0 <= kl && kl < INFINITY)) && (isfinite(n) && (n >= 1.0 && n < INFINITY) && n == rint(n)) && (isfinite(delta) && (0.0 < delta && delta < 1.0)) && (isfinite(lam) && (0.0 < lam && lam < 2.0))',
//     name='lmech_pacbayes_lambda_bound_inside', preamble=<the code above>)

// ===== lmech_pacbayes_lambda_bound float32
// pacbayes.lambda_bound: Thiemann et al. lambda-bound, for all lam in (0, 2) at once: emp_risk/(1-lam/2) + B/(lam(1-lam/2)n)
// Thiemann, Igel, Wintenberger & Seldin, ALT 2017, arXiv 1608.05610, Thm 3 and Eq. (8)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_pacbayes_lambda_bound(float emp_risk, float kl, float n, float delta, float lam) {
    return -(2.0F*emp_risk + (2.0F*kl - 2.0F*logf(delta) + logf(n) + 2.0F*logf(2.0F))/(lam*n))/(lam - 2.0F);
}

// cupy.ElementwiseKernel(
//     'float32 emp_risk, float32 kl, float32 n, float32 delta, float32 lam',
//     'float32 out',
//     'out = lmech_pacbayes_lambda_bound(emp_risk, kl, n, delta, lam)',
//     name='lmech_pacbayes_lambda_bound', preamble=<the code above>)

// ===== lmech_pacbayes_lambda_bound_inside float32
// pacbayes.lambda_bound: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 emp_risk, float32 kl, float32 n, float32 delta, float32 lam',
//     'bool out',
//     'out = (isfinite(emp_risk) && (0.0F <= emp_risk && emp_risk <= 1.0F)) && (isfinite(kl) && (0.0F <= kl && kl < INFINITY)) && (isfinite(n) && (n >= 1.0F && n < INFINITY) && n == rint(n)) && (isfinite(delta) && (0.0F < delta && delta < 1.0F)) && (isfinite(lam) && (0.0F < lam && lam < 2.0F))',
//     name='lmech_pacbayes_lambda_bound_inside', preamble=<the code above>)
