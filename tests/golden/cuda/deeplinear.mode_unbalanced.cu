// ===== lmech_deeplinear_mode_unbalanced float64
// deeplinear.mode_unbalanced: aligned unbalanced two-layer mode u(t) with c = a0^2 - b0^2: solves t(u) = t, tau u' = (s - u) sqrt(c^2 + 4u^2)
// Saxe, McClelland & Ganguli, ICLR 2014, arXiv 1312.6120; THEORY.md §5.3 (aligned, unbalanced: c = a0^2 - b0^2 is conserved)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_deeplinear_mode_unbalanced_residual(double u, double t, double s, double u0, double c, double tau) {
    const double t0 = pow(c, 2.0);
    const double t1 = sqrt(4.0*pow(s, 2.0) + t0);
    const double t2 = u - u0;
    const double t3 = sqrt(t0 + 4.0*pow(u0, 2.0));
    return -t + tau*(log1p(t2/(s - u)) + log1p(4.0*t2*(s + t1*(u + u0)/(t3 + sqrt(t0 + 4.0*pow(u, 2.0))))/(4.0*s*u0 + t0 + t1*t3)))/t1;
}

__device__ double lmech_deeplinear_mode_unbalanced_derivative(double u, double t, double s, double u0, double c, double tau) {
    return tau/(sqrt(pow(c, 2.0) + 4.0*pow(u, 2.0))*(s - u));
}

__device__ double lmech_deeplinear_mode_unbalanced_lo(double t, double s, double u0, double c, double tau) {
    return u0;
}

__device__ double lmech_deeplinear_mode_unbalanced_hi(double t, double s, double u0, double c, double tau) {
    return s;
}

__device__ double lmech_deeplinear_mode_unbalanced(double t, double s, double u0, double c, double tau) {
    double lo = lmech_deeplinear_mode_unbalanced_lo(t, s, u0, c, tau);
    double hi = lmech_deeplinear_mode_unbalanced_hi(t, s, u0, c, tau);
    if ((isnan(lo) || isnan(hi))) {
        return (double)NAN;
    }
    lo = fmin(lo, hi);
    double flo = (lmech_deeplinear_mode_unbalanced_residual(lo, t, s, u0, c, tau));
    if ((flo >= (double)0.0)) {
        return lo;
    }
    double fhi = (lmech_deeplinear_mode_unbalanced_residual(hi, t, s, u0, c, tau));
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
        double f = (lmech_deeplinear_mode_unbalanced_residual(u, t, s, u0, c, tau));
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
        double d = (lmech_deeplinear_mode_unbalanced_derivative(u, t, s, u0, c, tau));
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
//     'float64 t, float64 s, float64 u0, float64 c, float64 tau',
//     'float64 out',
//     'out = lmech_deeplinear_mode_unbalanced(t, s, u0, c, tau)',
//     name='lmech_deeplinear_mode_unbalanced', preamble=<the code above>)

// ===== lmech_deeplinear_mode_unbalanced_inside float64
// deeplinear.mode_unbalanced: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 t, float64 s, float64 u0, float64 c, float64 tau',
//     'bool out',
//     'out = (isfinite(t) && (0.0 <= t && t < INFINITY)) && (isfinite(s) && (0.0 < s && s < INFINITY)) && (isfinite(u0) && (0.0 < u0 && u0 < INFINITY)) && (isfinite(c)) && (isfinite(tau) && (0.0 < tau && tau < INFINITY)) && ((u0 < s))',
//     name='lmech_deeplinear_mode_unbalanced_inside', preamble=<the code above>)

// ===== lmech_deeplinear_mode_unbalanced float32
// deeplinear.mode_unbalanced: aligned unbalanced two-layer mode u(t) with c = a0^2 - b0^2: solves t(u) = t, tau u' = (s - u) sqrt(c^2 + 4u^2)
// Saxe, McClelland & Ganguli, ICLR 2014, arXiv 1312.6120; THEORY.md §5.3 (aligned, unbalanced: c = a0^2 - b0^2 is conserved)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_deeplinear_mode_unbalanced_residual(float u, float t, float s, float u0, float c, float tau) {
    const float t0 = powf(c, 2.0F);
    const float t1 = sqrtf(4.0F*powf(s, 2.0F) + t0);
    const float t2 = u - u0;
    const float t3 = sqrtf(t0 + 4.0F*powf(u0, 2.0F));
    return -t + tau*(log1pf(t2/(s - u)) + log1pf(4.0F*t2*(s + t1*(u + u0)/(t3 + sqrtf(t0 + 4.0F*powf(u, 2.0F))))/(4.0F*s*u0 + t0 + t1*t3)))/t1;
}

__device__ float lmech_deeplinear_mode_unbalanced_derivative(float u, float t, float s, float u0, float c, float tau) {
    return tau/(sqrtf(powf(c, 2.0F) + 4.0F*powf(u, 2.0F))*(s - u));
}

__device__ float lmech_deeplinear_mode_unbalanced_lo(float t, float s, float u0, float c, float tau) {
    return u0;
}

__device__ float lmech_deeplinear_mode_unbalanced_hi(float t, float s, float u0, float c, float tau) {
    return s;
}

__device__ float lmech_deeplinear_mode_unbalanced(float t, float s, float u0, float c, float tau) {
    float lo = lmech_deeplinear_mode_unbalanced_lo(t, s, u0, c, tau);
    float hi = lmech_deeplinear_mode_unbalanced_hi(t, s, u0, c, tau);
    if ((isnan(lo) || isnan(hi))) {
        return (float)NAN;
    }
    lo = fminf(lo, hi);
    float flo = (lmech_deeplinear_mode_unbalanced_residual(lo, t, s, u0, c, tau));
    if ((flo >= (float)0.0)) {
        return lo;
    }
    float fhi = (lmech_deeplinear_mode_unbalanced_residual(hi, t, s, u0, c, tau));
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
        float f = (lmech_deeplinear_mode_unbalanced_residual(u, t, s, u0, c, tau));
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
        float d = (lmech_deeplinear_mode_unbalanced_derivative(u, t, s, u0, c, tau));
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
//     'float32 t, float32 s, float32 u0, float32 c, float32 tau',
//     'float32 out',
//     'out = lmech_deeplinear_mode_unbalanced(t, s, u0, c, tau)',
//     name='lmech_deeplinear_mode_unbalanced', preamble=<the code above>)

// ===== lmech_deeplinear_mode_unbalanced_inside float32
// deeplinear.mode_unbalanced: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 t, float32 s, float32 u0, float32 c, float32 tau',
//     'bool out',
//     'out = (isfinite(t) && (0.0F <= t && t < INFINITY)) && (isfinite(s) && (0.0F < s && s < INFINITY)) && (isfinite(u0) && (0.0F < u0 && u0 < INFINITY)) && (isfinite(c)) && (isfinite(tau) && (0.0F < tau && tau < INFINITY)) && ((u0 < s))',
//     name='lmech_deeplinear_mode_unbalanced_inside', preamble=<the code above>)
