// ===== lmech_pacbayes_lambda_opt float64
// pacbayes.lambda_opt: the minimiser lam* = 2/(sqrt(2 n emp_risk/B + 1) + 1) of lambda_bound; lambda_bound(lam*) = quadratic
// Thiemann, Igel, Wintenberger & Seldin, ALT 2017, arXiv 1608.05610, Thm 3 and Eq. (8)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_pacbayes_lambda_opt(double emp_risk, double kl, double n, double delta) {
    return 2.0/(sqrt(4.0*emp_risk*n/(2.0*kl - 2.0*log(delta) + log(n) + 2.0*log(2.0)) + 1.0) + 1.0);
}

// cupy.ElementwiseKernel(
//     'float64 emp_risk, float64 kl, float64 n, float64 delta',
//     'float64 out',
//     'out = lmech_pacbayes_lambda_opt(emp_risk, kl, n, delta)',
//     name='lmech_pacbayes_lambda_opt', preamble=<the code above>)

// ===== lmech_pacbayes_lambda_opt_inside float64
// pacbayes.lambda_opt: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 emp_risk, float64 kl, float64 n, float64 delta',
//     'bool out',
//     'out = (isfinite(emp_risk) && (0.0 <= emp_risk && emp_risk <= 1.0)) && (isfinite(kl) && (0.0 <= kl && kl < INFINITY)) && (isfinite(n) && (n >= 1.0 && n < INFINITY) && n == rint(n)) && (isfinite(delta) && (0.0 < delta && delta < 1.0))',
//     name='lmech_pacbayes_lambda_opt_inside', preamble=<the code above>)

// ===== lmech_pacbayes_lambda_opt float32
// pacbayes.lambda_opt: the minimiser lam* = 2/(sqrt(2 n emp_risk/B + 1) + 1) of lambda_bound; lambda_bound(lam*) = quadratic
// Thiemann, Igel, Wintenberger & Seldin, ALT 2017, arXiv 1608.05610, Thm 3 and Eq. (8)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_pacbayes_lambda_opt(float emp_risk, float kl, float n, float delta) {
    return 2.0F/(sqrtf(4.0F*emp_risk*n/(2.0F*kl - 2.0F*logf(delta) + logf(n) + 2.0F*logf(2.0F)) + 1.0F) + 1.0F);
}

// cupy.ElementwiseKernel(
//     'float32 emp_risk, float32 kl, float32 n, float32 delta',
//     'float32 out',
//     'out = lmech_pacbayes_lambda_opt(emp_risk, kl, n, delta)',
//     name='lmech_pacbayes_lambda_opt', preamble=<the code above>)

// ===== lmech_pacbayes_lambda_opt_inside float32
// pacbayes.lambda_opt: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 emp_risk, float32 kl, float32 n, float32 delta',
//     'bool out',
//     'out = (isfinite(emp_risk) && (0.0F <= emp_risk && emp_risk <= 1.0F)) && (isfinite(kl) && (0.0F <= kl && kl < INFINITY)) && (isfinite(n) && (n >= 1.0F && n < INFINITY) && n == rint(n)) && (isfinite(delta) && (0.0F < delta && delta < 1.0F))',
//     name='lmech_pacbayes_lambda_opt_inside', preamble=<the code above>)
