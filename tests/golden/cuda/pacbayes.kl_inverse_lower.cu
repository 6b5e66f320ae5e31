// ===== lmech_pacbayes_kl_inverse_lower float64
// pacbayes.kl_inverse_lower: inf{p in [0, q] : kl(q||p) <= c}: saturates at 0 for huge c (implicit: Newton/bisection)
// Seeger, JMLR 3:233 (2002); Langford, JMLR 6:273 (2005); brackets from Pinsker and the chi-square bound kl <= chi^2
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_pacbayes_kl_inverse_lower_residual(double p, double q, double c) {
    const double t0 = -q;
    const double t1 = p + t0;
    const double t2 = 2.0*q;
    const double t3 = 2.0*p;
    return c - ((q == 0.0) ? (
   0.0
)
: (
   q*((p <= t2 && q <= t3) ? (
      log1p(-t1/p)
   )
   : (
      -log(p) + log(q)
   ))
)) - ((q == 1.0) ? (
   0.0
)
: (
   -(q - 1.0)*((p >= t2 - 1.0 && q >= t3 - 1.0) ? (
      log1p(-t1/(p - 1.0))
   )
   : (
      -log1p(-p) + log1p(t0)
   ))
));
}

__device__ double lmech_pacbayes_kl_inverse_lower_derivative(double p, double q, double c) {
    return (p - q)/(p*(p - 1.0));
}

__device__ double lmech_pacbayes_kl_inverse_lower_lo(double q, double c) {
    if (q == 0.0) {
        return 0.0;
    }
    else {
        const double tb1_0 = -q;
        const double tb1_1 = sqrt(2.0)*sqrt(c);
        return fmax(0.0, fmax(-tb1_0 - 1.0/2.0*tb1_1, fmax(-sqrt(q)*tb1_1 - tb1_0, ((c > (1.0/4.0)*q) ? (
   exp((-c + ((q == 0.0) ? (
      0.0
   )
   : (
      q*log(q)
   )) + ((q == 1.0) ? (
      0.0
   )
   : (
      -(q - 1.0)*log1p(tb1_0)
   )))/q)
)
: (
   0.0
)))));
    }
}

__device__ double lmech_pacbayes_kl_inverse_lower_hi(double q, double c) {
    if (q == 0.0) {
        return 0.0;
    }
    else {
        const double tb1_0 = 1.0/q;
        return fmin(((c > (1.0/4.0)*q) ? (
   q*exp(-c*tb1_0)
)
: (
   1.0
)), q/((1.0/2.0)*tb1_0*(sqrt(c)*sqrt(c - 4.0*q*(q - 1.0)) + c) + 1.0));
    }
}

__device__ double lmech_pacbayes_kl_inverse_lower(double q, double c) {
    double lo = lmech_pacbayes_kl_inverse_lower_lo(q, c);
    double hi = lmech_pacbayes_kl_inverse_lower_hi(q, c);
    if ((isnan(lo) || isnan(hi))) {
        return (double)NAN;
    }
    lo = fmin(lo, hi);
    double flo = (lmech_pacbayes_kl_inverse_lower_residual(lo, q, c));
    if ((flo >= (double)0.0)) {
        return lo;
    }
    double fhi = (lmech_pacbayes_kl_inverse_lower_residual(hi, q, c));
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
        double f = (lmech_pacbayes_kl_inverse_lower_residual(u, q, c));
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
        double d = (lmech_pacbayes_kl_inverse_lower_derivative(u, q, c));
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
//     'float64 q, float64 c',
//     'float64 out',
//     'out = lmech_pacbayes_kl_inverse_lower(q, c)',
//     name='lmech_pacbayes_kl_inverse_lower', preamble=<the code above>)

// ===== lmech_pacbayes_kl_inverse_lower_inside float64
// pacbayes.kl_inverse_lower: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 q, float64 c',
//     'bool out',
//     'out = (isfinite(q) && (0.0 <= q && q <= 1.0)) && (isfinite(c) && (0.0 <= c && c < INFINITY))',
//     name='lmech_pacbayes_kl_inverse_lower_inside', preamble=<the code above>)

// ===== lmech_pacbayes_kl_inverse_lower float32
// pacbayes.kl_inverse_lower: inf{p in [0, q] : kl(q||p) <= c}: saturates at 0 for huge c (implicit: Newton/bisection)
// Seeger, JMLR 3:233 (2002); Langford, JMLR 6:273 (2005); brackets from Pinsker and the chi-square bound kl <= chi^2
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_pacbayes_kl_inverse_lower_residual(float p, float q, float c) {
    const float t0 = -q;
    const float t1 = p + t0;
    const float t2 = 2.0F*q;
    const float t3 = 2.0F*p;
    return c - ((q == 0.0F) ? (
   0.0F
)
: (
   q*((p <= t2 && q <= t3) ? (
      log1pf(-t1/p)
   )
   : (
      -logf(p) + logf(q)
   ))
)) - ((q == 1.0F) ? (
   0.0F
)
: (
   -(q - 1.0F)*((p >= t2 - 1.0F && q >= t3 - 1.0F) ? (
      log1pf(-t1/(p - 1.0F))
   )
   : (
      -log1pf(-p) + log1pf(t0)
   ))
));
}

__device__ float lmech_pacbayes_kl_inverse_lower_derivative(float p, float q, float c) {
    return (p - q)/(p*(p - 1.0F));
}

__device__ float lmech_pacbayes_kl_inverse_lower_lo(float q, float c) {
    if (q == 0.0F) {
        return 0.0F;
    }
    else {
        const float tb1_0 = -q;
        const float tb1_1 = sqrtf(2.0F)*sqrtf(c);
        return fmaxf(0.0F, fmaxf(-tb1_0 - 1.0F/2.0F*tb1_1, fmaxf(-sqrtf(q)*tb1_1 - tb1_0, ((c > (1.0F/4.0F)*q) ? (
   expf((-c + ((q == 0.0F) ? (
      0.0F
   )
   : (
      q*logf(q)
   )) + ((q == 1.0F) ? (
      0.0F
   )
   : (
      -(q - 1.0F)*log1pf(tb1_0)
   )))/q)
)
: (
   0.0F
)))));
    }
}

__device__ float lmech_pacbayes_kl_inverse_lower_hi(float q, float c) {
    if (q == 0.0F) {
        return 0.0F;
    }
    else {
        const float tb1_0 = 1.0F/q;
        return fminf(((c > (1.0F/4.0F)*q) ? (
   q*expf(-c*tb1_0)
)
: (
   1.0F
)), q/((1.0F/2.0F)*tb1_0*(sqrtf(c)*sqrtf(c - 4.0F*q*(q - 1.0F)) + c) + 1.0F));
    }
}

__device__ float lmech_pacbayes_kl_inverse_lower(float q, float c) {
    float lo = lmech_pacbayes_kl_inverse_lower_lo(q, c);
    float hi = lmech_pacbayes_kl_inverse_lower_hi(q, c);
    if ((isnan(lo) || isnan(hi))) {
        return (float)NAN;
    }
    lo = fminf(lo, hi);
    float flo = (lmech_pacbayes_kl_inverse_lower_residual(lo, q, c));
    if ((flo >= (float)0.0)) {
        return lo;
    }
    float fhi = (lmech_pacbayes_kl_inverse_lower_residual(hi, q, c));
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
        float f = (lmech_pacbayes_kl_inverse_lower_residual(u, q, c));
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
        float d = (lmech_pacbayes_kl_inverse_lower_derivative(u, q, c));
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
//     'float32 q, float32 c',
//     'float32 out',
//     'out = lmech_pacbayes_kl_inverse_lower(q, c)',
//     name='lmech_pacbayes_kl_inverse_lower', preamble=<the code above>)

// ===== lmech_pacbayes_kl_inverse_lower_inside float32
// pacbayes.kl_inverse_lower: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 q, float32 c',
//     'bool out',
//     'out = (isfinite(q) && (0.0F <= q && q <= 1.0F)) && (isfinite(c) && (0.0F <= c && c < INFINITY))',
//     name='lmech_pacbayes_kl_inverse_lower_inside', preamble=<the code above>)
