// ===== lmech_pacbayes_quadratic float64
// pacbayes.quadratic: quadratic bound f_quad: L(Q) <= (sqrt(emp_risk + B/(2n)) + sqrt(B/(2n)))^2
// Rivasplata et al., arXiv 1908.07380; Perez-Ortiz, Rivasplata, Shawe-Taylor & Szepesvari, JMLR 22 (2021), arXiv 2007.12911, Eq. (11)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_pacbayes_quadratic(double emp_risk, double kl, double n, double delta) {
    const double t0 = 2.0*kl - 2.0*log(delta) + log(n) + 2.0*log(2.0);
    return (1.0/4.0)*pow(sqrt(t0) + sqrt(4.0*emp_risk*n + t0), 2.0)/n;
}

// cupy.ElementwiseKernel(
//     'float64 emp_risk, float64 kl, float64 n, float64 delta',
//     'float64 out',
//     'out = lmech_pacbayes_quadratic(emp_risk, kl, n, delta)',
//     name='lmech_pacbayes_quadratic', preamble=<the code above>)

// ===== lmech_pacbayes_quadratic_inside float64
// pacbayes.quadratic: domain of every parameter and the where relations
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
//     name='lmech_pacbayes_quadratic_inside', preamble=<the code above>)

// ===== lmech_pacbayes_quadratic float32
// pacbayes.quadratic: quadratic bound f_quad: L(Q) <= (sqrt(emp_risk + B/(2n)) + sqrt(B/(2n)))^2
// Rivasplata et al., arXiv 1908.07380; Perez-Ortiz, Rivasplata, Shawe-Taylor & Szepesvari, JMLR 22 (2021), arXiv 2007.12911, Eq. (11)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_pacbayes_quadratic(float emp_risk, float kl, float n, float delta) {
    const float t0 = 2.0F*kl - 2.0F*logf(delta) + logf(n) + 2.0F*logf(2.0F);
    return (1.0F/4.0F)*powf(sqrtf(t0) + sqrtf(4.0F*emp_risk*n + t0), 2.0F)/n;
}

// cupy.ElementwiseKernel(
//     'float32 emp_risk, float32 kl, float32 n, float32 delta',
//     'float32 out',
//     'out = lmech_pacbayes_quadratic(emp_risk, kl, n, delta)',
//     name='lmech_pacbayes_quadratic', preamble=<the code above>)

// ===== lmech_pacbayes_quadratic_inside float32
// pacbayes.quadratic: domain of every parameter and the where relations
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
//     name='lmech_pacbayes_quadratic_inside', preamble=<the code above>)
