// ===== lmech_pacbayes_catoni float64
// pacbayes.catoni: Catoni's bound at a fixed C > 0 (ln(1/delta), not ln(2 sqrt(n)/delta); use delta/k for a grid of k values of C)
// Catoni, Pac-Bayesian supervised classification (2007), arXiv 0712.0248, Thm 1.2.6
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_pacbayes_catoni(double emp_risk, double kl, double n, double delta, double C) {
    return expm1(-C*emp_risk - (kl - log(delta))/n)/expm1(-C);
}

// cupy.ElementwiseKernel(
//     'float64 emp_risk, float64 kl, float64 n, float64 delta, float64 C',
//     'float64 out',
//     'out = lmech_pacbayes_catoni(emp_risk, kl, n, delta, C)',
//     name='lmech_pacbayes_catoni', preamble=<the code above>)

// ===== lmech_pacbayes_catoni_inside float64
// pacbayes.catoni: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 emp_risk, float64 kl, float64 n, float64 delta, float64 C',
//     'bool out',
//     'out = (isfinite(emp_risk) && (0.0 <= emp_risk && emp_risk <= 1.0)) && (isfinite(kl) && (0.0 <= kl && kl < INFINITY)) && (isfinite(n) && (n >= 1.0 && n < INFINITY) && n == rint(n)) && (isfinite(delta) && (0.0 < delta && delta < 1.0)) && (isfinite(C) && (0.0 < C && C < INFINITY))',
//     name='lmech_pacbayes_catoni_inside', preamble=<the code above>)

// ===== lmech_pacbayes_catoni float32
// pacbayes.catoni: Catoni's bound at a fixed C > 0 (ln(1/delta), not ln(2 sqrt(n)/delta); use delta/k for a grid of k values of C)
// Catoni, Pac-Bayesian supervised classification (2007), arXiv 0712.0248, Thm 1.2.6
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_pacbayes_catoni(float emp_risk, float kl, float n, float delta, float C) {
    return expm1f(-C*emp_risk - (kl - logf(delta))/n)/expm1f(-C);
}

// cupy.ElementwiseKernel(
//     'float32 emp_risk, float32 kl, float32 n, float32 delta, float32 C',
//     'float32 out',
//     'out = lmech_pacbayes_catoni(emp_risk, kl, n, delta, C)',
//     name='lmech_pacbayes_catoni', preamble=<the code above>)

// ===== lmech_pacbayes_catoni_inside float32
// pacbayes.catoni: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 emp_risk, float32 kl, float32 n, float32 delta, float32 C',
//     'bool out',
//     'out = (isfinite(emp_risk) && (0.0F <= emp_risk && emp_risk <= 1.0F)) && (isfinite(kl) && (0.0F <= kl && kl < INFINITY)) && (isfinite(n) && (n >= 1.0F && n < INFINITY) && n == rint(n)) && (isfinite(delta) && (0.0F < delta && delta < 1.0F)) && (isfinite(C) && (0.0F < C && C < INFINITY))',
//     name='lmech_pacbayes_catoni_inside', preamble=<the code above>)
