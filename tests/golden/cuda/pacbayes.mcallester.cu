// ===== lmech_pacbayes_mcallester float64
// pacbayes.mcallester: McAllester's bound L(Q) <= emp_risk + sqrt((KL + ln(2 sqrt(n)/delta))/(2n))
// McAllester, COLT 1999 and Mach. Learn. 51:5 (2003), Thm 1, with Maurer's constant (arXiv cs/0411099)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_pacbayes_mcallester(double emp_risk, double kl, double n, double delta) {
    return emp_risk + (1.0/2.0)*sqrt(2.0)*sqrt(kl - log(delta) + (1.0/2.0)*log(n) + log(2.0))/sqrt(n);
}

// cupy.ElementwiseKernel(
//     'float64 emp_risk, float64 kl, float64 n, float64 delta',
//     'float64 out',
//     'out = lmech_pacbayes_mcallester(emp_risk, kl, n, delta)',
//     name='lmech_pacbayes_mcallester', preamble=<the code above>)

// ===== lmech_pacbayes_mcallester_inside float64
// pacbayes.mcallester: domain of every parameter and the where relations
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
//     name='lmech_pacbayes_mcallester_inside', preamble=<the code above>)

// ===== lmech_pacbayes_mcallester float32
// pacbayes.mcallester: McAllester's bound L(Q) <= emp_risk + sqrt((KL + ln(2 sqrt(n)/delta))/(2n))
// McAllester, COLT 1999 and Mach. Learn. 51:5 (2003), Thm 1, with Maurer's constant (arXiv cs/0411099)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_pacbayes_mcallester(float emp_risk, float kl, float n, float delta) {
    return emp_risk + (1.0F/2.0F)*sqrtf(2.0F)*sqrtf(kl - logf(delta) + (1.0F/2.0F)*logf(n) + logf(2.0F))/sqrtf(n);
}

// cupy.ElementwiseKernel(
//     'float32 emp_risk, float32 kl, float32 n, float32 delta',
//     'float32 out',
//     'out = lmech_pacbayes_mcallester(emp_risk, kl, n, delta)',
//     name='lmech_pacbayes_mcallester', preamble=<the code above>)

// ===== lmech_pacbayes_mcallester_inside float32
// pacbayes.mcallester: domain of every parameter and the where relations
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
//     name='lmech_pacbayes_mcallester_inside', preamble=<the code above>)
