// ===== lmech_pacbayes_kl_bound float64
// pacbayes.kl_bound: Seeger/Maurer kl bound: L(Q) <= sup{p : kl(emp_risk||p) <= (KL + ln(2 sqrt(n)/delta))/n}
// Maurer, arXiv cs/0411099 (ln(2 sqrt(n)/delta)); Seeger, JMLR 3:233 (2002); Langford & Seeger (2001); Maurer Thm 5 (valid for n >= 8)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_pacbayes_kl_bound_residual(double p, double emp_risk, double kl, double n, double delta) {
    const double t0 = -p;
    const double t1 = emp_risk + t0;
    const double t2 = 2.0*p;
    const double t3 = 2.0*emp_risk;
    return ((emp_risk == 0.0) ? (
   0.0
)
: (
   emp_risk*((emp_risk <= t2 && p <= t3) ? (
      log1p(t1/p)
   )
   : (
      log(emp_risk) - log(p)
   ))
)) + ((emp_risk == 1.0) ? (
   0.0
)
: (
   -(emp_risk - 1.0)*((emp_risk >= t2 - 1.0 && p >= t3 - 1.0) ? (
      log1p(t1/(p - 1.0))
   )
   : (
      log1p(-emp_risk) - log1p(t0)
   ))
)) - 1.0/2.0*(2.0*kl - 2.0*log(delta) + log(n) + 2.0*log(2.0))/n;
}

__device__ double lmech_pacbayes_kl_bound_derivative(double p, double emp_risk, double kl, double n, double delta) {
    return (emp_risk - p)/(p*(p - 1.0));
}

__device__ double lmech_pacbayes_kl_bound_lo(double emp_risk, double kl, double n, double delta) {
    if (emp_risk == 1.0) {
        return 1.0;
    }
    else {
        const double tb1_0 = emp_risk - 1.0;
        const double tb1_1 = 1.0/n;
        const double tb1_2 = log(2.0);
        const double tb1_3 = log(delta);
        const double tb1_4 = log(n);
        const double tb1_5 = kl + tb1_2 - tb1_3 + (1.0/2.0)*tb1_4;
        const double tb1_6 = tb1_1*(2.0*kl + 2.0*tb1_2 - 2.0*tb1_3 + tb1_4);
        const double tb1_7 = (1.0/2.0)*tb1_6;
        return fmax(((emp_risk > 1.0 - 2.0*tb1_6) ? (
   emp_risk + tb1_0*expm1(tb1_1*tb1_5/tb1_0)
)
: (
   0.0
)), (1.0/2.0)*(2.0*emp_risk + tb1_7 + sqrt(-tb1_5*(4.0*emp_risk*tb1_0 - tb1_7))/sqrt(n))/(tb1_7 + 1.0));
    }
}

__device__ double lmech_pacbayes_kl_bound_hi(double emp_risk, double kl, double n, double delta) {
    if (emp_risk == 1.0) {
        return 1.0;
    }
    else {
        const double tb1_0 = log(2.0);
        const double tb1_1 = log(delta);
        const double tb1_2 = log(n);
        const double tb1_3 = kl + tb1_0 - tb1_1 + (1.0/2.0)*tb1_2;
        const double tb1_4 = pow(n, -1.0/2.0);
        const double tb1_5 = sqrt(2.0)*tb1_4;
        const double tb1_6 = emp_risk - 1.0;
        const double tb1_7 = (2.0*kl + 2.0*tb1_0 - 2.0*tb1_1 + tb1_2)/n;
        const double tb1_8 = (1.0/2.0)*tb1_7;
        return fmin(1.0, fmin(emp_risk + (1.0/2.0)*sqrt(tb1_3)*tb1_5, fmin(emp_risk + tb1_5*sqrt(-tb1_3*tb1_6), fmin(emp_risk + tb1_4*sqrt(tb1_3*(2.0*emp_risk + tb1_8)) + tb1_8, ((emp_risk > 1.0 - 2.0*tb1_7) ? (
   -expm1(-(-tb1_8 + ((emp_risk == 0.0) ? (
      0.0
   )
   : (
      emp_risk*log(emp_risk)
   )) + ((emp_risk == 1.0) ? (
      0.0
   )
   : (
      -tb1_6*log1p(-emp_risk)
   )))/tb1_6)
)
: (
   1.0
))))));
    }
}

__device__ double lmech_pacbayes_kl_bound(double emp_risk, double kl, double n, double delta) {
    double lo = lmech_pacbayes_kl_bound_lo(emp_risk, kl, n, delta);
    double hi = lmech_pacbayes_kl_bound_hi(emp_risk, kl, n, delta);
    if ((isnan(lo) || isnan(hi))) {
        return (double)NAN;
    }
    lo = fmin(lo, hi);
    double flo = (lmech_pacbayes_kl_bound_residual(lo, emp_risk, kl, n, delta));
    if ((flo >= (double)0.0)) {
        return lo;
    }
    double fhi = (lmech_pacbayes_kl_bound_residual(hi, emp_risk, kl, n, delta));
    if ((fhi < (double)0.0)) {
        return hi;
    }
    double u = (lo - (flo * ((hi - lo) / (fhi - flo))));
    if ((!((lo < u) && (u < hi)))) {
        u = (lo + ((double)0.5 * (hi - lo)));
    }
    double dx = (hi - lo);
    double dxold = dx;
    int newton = 0;
    double run = (double)0.0;
    for (int it = 0; it < 1100; ++it) {
        double f = (lmech_pacbayes_kl_bound_residual(u, emp_risk, kl, n, delta));
        if ((f == (double)0.0)) {
            return u;
        }
        if ((f > (double)0.0)) {
            hi = u;
            run = (fmin(run, (double)0.0) - (double)1.0);
        } else {
            lo = u;
            run = (fmax(run, (double)0.0) + (double)1.0);
        }
        double d = (lmech_pacbayes_kl_bound_derivative(u, emp_risk, kl, n, delta));
        double step = (((d > (double)0.0) && (d < (double)INFINITY)) ? (f / d) : (double)INFINITY);
        if ((fabs(step) <= (((double)2.0 * 2.220446049250313e-16) * fabs(u)))) {
            return u;
        }
        double un = (u - step);
        double mid = (lo + ((double)0.5 * (hi - lo)));
        if ((((hi - lo) <= (((double)4.0 * 2.220446049250313e-16) * fmax(fabs(lo), fabs(hi)))) || (mid == lo) || (mid == hi))) {
            return (((lo <= un) && (un <= hi)) ? un : hi);
        }
        if (((!((lo < un) && (un < hi))) || (fabs(step) > ((double)0.5 * fabs(dxold))))) {
            dxold = dx;
            dx = ((double)0.5 * (hi - lo));
            un = (((lo > (double)0.0) && (hi > ((double)4.0 * lo))) ? (sqrt(lo) * sqrt(hi)) : (lo + dx));
            if ((fabs(run) >= (double)3.0)) {
                double gap = fmin(sqrt(((((hi - lo) * (double)4.0) * 2.220446049250313e-16) * fmax(fabs(lo), fabs(hi)))), ((double)0.5 * (hi - lo)));
                un = ((run > (double)0.0) ? (hi - gap) : (lo + gap));
            }
            newton = 0;
        } else {
            if ((newton && (((fabs(step) * step) * step) <= (((((double)0.01 * 2.220446049250313e-16) * fabs(un)) * dx) * dx)))) {
                return un;
            }
            dxold = dx;
            dx = step;
            newton = 1;
        }
        u = un;
    }
    return (u);
}

// cupy.ElementwiseKernel(
//     'float64 emp_risk, float64 kl, float64 n, float64 delta',
//     'float64 out',
//     'out = lmech_pacbayes_kl_bound(emp_risk, kl, n, delta)',
//     name='lmech_pacbayes_kl_bound', preamble=<the code above>)

// ===== lmech_pacbayes_kl_bound_inside float64
// pacbayes.kl_bound: domain of every parameter and the where relations
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
//     name='lmech_pacbayes_kl_bound_inside', preamble=<the code above>)

// ===== lmech_pacbayes_kl_bound float32
// pacbayes.kl_bound: Seeger/Maurer kl bound: L(Q) <= sup{p : kl(emp_risk||p) <= (KL + ln(2 sqrt(n)/delta))/n}
// Maurer, arXiv cs/0411099 (ln(2 sqrt(n)/delta)); Seeger, JMLR 3:233 (2002); Langford & Seeger (2001); Maurer Thm 5 (valid for n >= 8)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_pacbayes_kl_bound_residual(float p, float emp_risk, float kl, float n, float delta) {
    const float t0 = -p;
    const float t1 = emp_risk + t0;
    const float t2 = 2.0F*p;
    const float t3 = 2.0F*emp_risk;
    return ((emp_risk == 0.0F) ? (
   0.0F
)
: (
   emp_risk*((emp_risk <= t2 && p <= t3) ? (
      log1pf(t1/p)
   )
   : (
      logf(emp_risk) - logf(p)
   ))
)) + ((emp_risk == 1.0F) ? (
   0.0F
)
: (
   -(emp_risk - 1.0F)*((emp_risk >= t2 - 1.0F && p >= t3 - 1.0F) ? (
      log1pf(t1/(p - 1.0F))
   )
   : (
      log1pf(-emp_risk) - log1pf(t0)
   ))
)) - 1.0F/2.0F*(2.0F*kl - 2.0F*logf(delta) + logf(n) + 2.0F*logf(2.0F))/n;
}

__device__ float lmech_pacbayes_kl_bound_derivative(float p, float emp_risk, float kl, float n, float delta) {
    return (emp_risk - p)/(p*(p - 1.0F));
}

__device__ float lmech_pacbayes_kl_bound_lo(float emp_risk, float kl, float n, float delta) {
    if (emp_risk == 1.0F) {
        return 1.0F;
    }
    else {
        const float tb1_0 = emp_risk - 1.0F;
        const float tb1_1 = 1.0F/n;
        const float tb1_2 = logf(2.0F);
        const float tb1_3 = logf(delta);
        const float tb1_4 = logf(n);
        const float tb1_5 = kl + tb1_2 - tb1_3 + (1.0F/2.0F)*tb1_4;
        const float tb1_6 = tb1_1*(2.0F*kl + 2.0F*tb1_2 - 2.0F*tb1_3 + tb1_4);
        const float tb1_7 = (1.0F/2.0F)*tb1_6;
        return fmaxf(((emp_risk > 1.0F - 2.0F*tb1_6) ? (
   emp_risk + tb1_0*expm1f(tb1_1*tb1_5/tb1_0)
)
: (
   0.0F
)), (1.0F/2.0F)*(2.0F*emp_risk + tb1_7 + sqrtf(-tb1_5*(4.0F*emp_risk*tb1_0 - tb1_7))/sqrtf(n))/(tb1_7 + 1.0F));
    }
}

__device__ float lmech_pacbayes_kl_bound_hi(float emp_risk, float kl, float n, float delta) {
    if (emp_risk == 1.0F) {
        return 1.0F;
    }
    else {
        const float tb1_0 = logf(2.0F);
        const float tb1_1 = logf(delta);
        const float tb1_2 = logf(n);
        const float tb1_3 = kl + tb1_0 - tb1_1 + (1.0F/2.0F)*tb1_2;
        const float tb1_4 = powf(n, -1.0F/2.0F);
        const float tb1_5 = sqrtf(2.0F)*tb1_4;
        const float tb1_6 = emp_risk - 1.0F;
        const float tb1_7 = (2.0F*kl + 2.0F*tb1_0 - 2.0F*tb1_1 + tb1_2)/n;
        const float tb1_8 = (1.0F/2.0F)*tb1_7;
        return fminf(1.0F, fminf(emp_risk + (1.0F/2.0F)*sqrtf(tb1_3)*tb1_5, fminf(emp_risk + tb1_5*sqrtf(-tb1_3*tb1_6), fminf(emp_risk + tb1_4*sqrtf(tb1_3*(2.0F*emp_risk + tb1_8)) + tb1_8, ((emp_risk > 1.0F - 2.0F*tb1_7) ? (
   -expm1f(-(-tb1_8 + ((emp_risk == 0.0F) ? (
      0.0F
   )
   : (
      emp_risk*logf(emp_risk)
   )) + ((emp_risk == 1.0F) ? (
      0.0F
   )
   : (
      -tb1_6*log1pf(-emp_risk)
   )))/tb1_6)
)
: (
   1.0F
))))));
    }
}

__device__ float lmech_pacbayes_kl_bound(float emp_risk, float kl, float n, float delta) {
    float lo = lmech_pacbayes_kl_bound_lo(emp_risk, kl, n, delta);
    float hi = lmech_pacbayes_kl_bound_hi(emp_risk, kl, n, delta);
    if ((isnan(lo) || isnan(hi))) {
        return (float)NAN;
    }
    lo = fminf(lo, hi);
    float flo = (lmech_pacbayes_kl_bound_residual(lo, emp_risk, kl, n, delta));
    if ((flo >= (float)0.0)) {
        return lo;
    }
    float fhi = (lmech_pacbayes_kl_bound_residual(hi, emp_risk, kl, n, delta));
    if ((fhi < (float)0.0)) {
        return hi;
    }
    float u = (lo - (flo * ((hi - lo) / (fhi - flo))));
    if ((!((lo < u) && (u < hi)))) {
        u = (lo + ((float)0.5 * (hi - lo)));
    }
    float dx = (hi - lo);
    float dxold = dx;
    int newton = 0;
    float run = (float)0.0;
    for (int it = 0; it < 1100; ++it) {
        float f = (lmech_pacbayes_kl_bound_residual(u, emp_risk, kl, n, delta));
        if ((f == (float)0.0)) {
            return u;
        }
        if ((f > (float)0.0)) {
            hi = u;
            run = (fminf(run, (float)0.0) - (float)1.0);
        } else {
            lo = u;
            run = (fmaxf(run, (float)0.0) + (float)1.0);
        }
        float d = (lmech_pacbayes_kl_bound_derivative(u, emp_risk, kl, n, delta));
        float step = (((d > (float)0.0) && (d < (float)INFINITY)) ? (f / d) : (float)INFINITY);
        if ((fabsf(step) <= (((float)2.0 * 1.1920929e-07F) * fabsf(u)))) {
            return u;
        }
        float un = (u - step);
        float mid = (lo + ((float)0.5 * (hi - lo)));
        if ((((hi - lo) <= (((float)4.0 * 1.1920929e-07F) * fmaxf(fabsf(lo), fabsf(hi)))) || (mid == lo) || (mid == hi))) {
            return (((lo <= un) && (un <= hi)) ? un : hi);
        }
        if (((!((lo < un) && (un < hi))) || (fabsf(step) > ((float)0.5 * fabsf(dxold))))) {
            dxold = dx;
            dx = ((float)0.5 * (hi - lo));
            un = (((lo > (float)0.0) && (hi > ((float)4.0 * lo))) ? (sqrtf(lo) * sqrtf(hi)) : (lo + dx));
            if ((fabsf(run) >= (float)3.0)) {
                float gap = fminf(sqrtf(((((hi - lo) * (float)4.0) * 1.1920929e-07F) * fmaxf(fabsf(lo), fabsf(hi)))), ((float)0.5 * (hi - lo)));
                un = ((run > (float)0.0) ? (hi - gap) : (lo + gap));
            }
            newton = 0;
        } else {
            if ((newton && (((fabsf(step) * step) * step) <= (((((float)0.01 * 1.1920929e-07F) * fabsf(un)) * dx) * dx)))) {
                return un;
            }
            dxold = dx;
            dx = step;
            newton = 1;
        }
        u = un;
    }
    return (u);
}

// cupy.ElementwiseKernel(
//     'float32 emp_risk, float32 kl, float32 n, float32 delta',
//     'float32 out',
//     'out = lmech_pacbayes_kl_bound(emp_risk, kl, n, delta)',
//     name='lmech_pacbayes_kl_bound', preamble=<the code above>)

// ===== lmech_pacbayes_kl_bound_inside float32
// pacbayes.kl_bound: domain of every parameter and the where relations
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
//     name='lmech_pacbayes_kl_bound_inside', preamble=<the code above>)
