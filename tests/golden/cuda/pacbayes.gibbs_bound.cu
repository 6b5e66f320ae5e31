// ===== lmech_pacbayes_gibbs_bound float64
// pacbayes.gibbs_bound: bound on the risk of the Gibbs posterior Q ~ P exp(-beta n emp_risk) from its free energy F = -ln E_P exp(-beta n emp_risk): (1 - exp(-(F + ln(1/delta))/n))/(1 - exp(-beta))
// Catoni, Pac-Bayesian supervised classification (2007), arXiv 0712.0248, Thm 1.2.6 at C = beta; Donsker-Varadhan; Alquier, arXiv 2110.11216, Thm 2.1 and Sec. 2.3 (THEORY.md §6.1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_pacbayes_gibbs_bound(double free_energy, double n, double delta, double beta) {
    return expm1(-(free_energy - log(delta))/n)/expm1(-beta);
}

// cupy.ElementwiseKernel(
//     'float64 free_energy, float64 n, float64 delta, float64 beta',
//     'float64 out',
//     'out = lmech_pacbayes_gibbs_bound(free_energy, n, delta, beta)',
//     name='lmech_pacbayes_gibbs_bound', preamble=<the code above>)

// ===== lmech_pacbayes_gibbs_bound_inside float64
// pacbayes.gibbs_bound: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 free_energy, float64 n, float64 delta, float64 beta',
//     'bool out',
//     'out = (isfinite(free_energy) && (0.0 <= free_energy && free_energy < INFINITY)) && (isfinite(n) && (n >= 1.0 && n < INFINITY) && n == rint(n)) && (isfinite(delta) && (0.0 < delta && delta < 1.0)) && (isfinite(beta) && (0.0 < beta && beta < INFINITY))',
//     name='lmech_pacbayes_gibbs_bound_inside', preamble=<the code above>)

// ===== lmech_pacbayes_gibbs_bound float32
// pacbayes.gibbs_bound: bound on the risk of the Gibbs posterior Q ~ P exp(-beta n emp_risk) from its free energy F = -ln E_P exp(-beta n emp_risk): (1 - exp(-(F + ln(1/delta))/n))/(1 - exp(-beta))
// Catoni, Pac-Bayesian supervised classification (2007), arXiv 0712.0248, Thm 1.2.6 at C = beta; Donsker-Varadhan; Alquier, arXiv 2110.11216, Thm 2.1 and Sec. 2.3 (THEORY.md §6.1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_pacbayes_gibbs_bound(float free_energy, float n, float delta, float beta) {
    return expm1f(-(free_energy - logf(delta))/n)/expm1f(-beta);
}

// cupy.ElementwiseKernel(
//     'float32 free_energy, float32 n, float32 delta, float32 beta',
//     'float32 out',
//     'out = lmech_pacbayes_gibbs_bound(free_energy, n, delta, beta)',
//     name='lmech_pacbayes_gibbs_bound', preamble=<the code above>)

// ===== lmech_pacbayes_gibbs_bound_inside float32
// pacbayes.gibbs_bound: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 free_energy, float32 n, float32 delta, float32 beta',
//     'bool out',
//     'out = (isfinite(free_energy) && (0.0F <= free_energy && free_energy < INFINITY)) && (isfinite(n) && (n >= 1.0F && n < INFINITY) && n == rint(n)) && (isfinite(delta) && (0.0F < delta && delta < 1.0F)) && (isfinite(beta) && (0.0F < beta && beta < INFINITY))',
//     name='lmech_pacbayes_gibbs_bound_inside', preamble=<the code above>)
