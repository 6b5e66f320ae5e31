// ===== lmech_deeplinear_mode_deep float64
// deeplinear.mode_deep: balanced aligned mode of a depth-D linear network (D weight matrices): solves t(u) = t, tau u' = D u^(2-2/D)(s - u)
// Saxe, McClelland & Ganguli, ICLR 2014, arXiv 1312.6120, Eq. (13) (Saxe: (N_l - 1) u^(2 - 2/(N_l - 1))(s - u)); THEORY.md §5.4
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_deeplinear_mode_deep_sum0(double depth, double s, double u, double u0) {
    double acc = 0;
    for (long j_ = (long)(1.0); j_ <= (long)(depth - 1.0); ++j_) {
        const double j = (double)j_;
        const double lmech_deeplinear_mode_deep_sum0_t0 = 1.0/depth;
        const double lmech_deeplinear_mode_deep_sum0_t1 = 3.14159265358979323846*j*lmech_deeplinear_mode_deep_sum0_t0;
        const double lmech_deeplinear_mode_deep_sum0_t2 = 4.0*lmech_deeplinear_mode_deep_sum0_t1;
        const double lmech_deeplinear_mode_deep_sum0_t3 = sin(lmech_deeplinear_mode_deep_sum0_t2);
        const double lmech_deeplinear_mode_deep_sum0_t4 = lmech_deeplinear_mode_deep_sum0_t0*log(s);
        const double lmech_deeplinear_mode_deep_sum0_t5 = exp(lmech_deeplinear_mode_deep_sum0_t4);
        const double lmech_deeplinear_mode_deep_sum0_t6 = 2.0*lmech_deeplinear_mode_deep_sum0_t1;
        const double lmech_deeplinear_mode_deep_sum0_t7 = sin(lmech_deeplinear_mode_deep_sum0_t6);
        const double lmech_deeplinear_mode_deep_sum0_t8 = -lmech_deeplinear_mode_deep_sum0_t5*lmech_deeplinear_mode_deep_sum0_t7;
        const double lmech_deeplinear_mode_deep_sum0_t9 = lmech_deeplinear_mode_deep_sum0_t0*log(u0);
        const double lmech_deeplinear_mode_deep_sum0_t10 = exp(lmech_deeplinear_mode_deep_sum0_t9);
        const double lmech_deeplinear_mode_deep_sum0_t11 = cos(lmech_deeplinear_mode_deep_sum0_t6);
        const double lmech_deeplinear_mode_deep_sum0_t12 = lmech_deeplinear_mode_deep_sum0_t11*lmech_deeplinear_mode_deep_sum0_t5;
        const double lmech_deeplinear_mode_deep_sum0_t13 = lmech_deeplinear_mode_deep_sum0_t0*log(u);
        const double lmech_deeplinear_mode_deep_sum0_t14 = exp(lmech_deeplinear_mode_deep_sum0_t13);
        const double lmech_deeplinear_mode_deep_sum0_t15 = 2.0*lmech_deeplinear_mode_deep_sum0_t12;
        const double lmech_deeplinear_mode_deep_sum0_t16 = exp(2.0*lmech_deeplinear_mode_deep_sum0_t4);
        const double lmech_deeplinear_mode_deep_sum0_t17 = pow(lmech_deeplinear_mode_deep_sum0_t11, 2.0)*lmech_deeplinear_mode_deep_sum0_t16 + lmech_deeplinear_mode_deep_sum0_t16*pow(lmech_deeplinear_mode_deep_sum0_t7, 2.0);
        const double lmech_deeplinear_mode_deep_sum0_t18 = (1.0/2.0)*cos(lmech_deeplinear_mode_deep_sum0_t2);
        acc += -lmech_deeplinear_mode_deep_sum0_t18*log(-lmech_deeplinear_mode_deep_sum0_t10*lmech_deeplinear_mode_deep_sum0_t15 + lmech_deeplinear_mode_deep_sum0_t17 + exp(2.0*lmech_deeplinear_mode_deep_sum0_t9)) + lmech_deeplinear_mode_deep_sum0_t18*log(-lmech_deeplinear_mode_deep_sum0_t14*lmech_deeplinear_mode_deep_sum0_t15 + lmech_deeplinear_mode_deep_sum0_t17 + exp(2.0*lmech_deeplinear_mode_deep_sum0_t13)) + lmech_deeplinear_mode_deep_sum0_t3*atan2(lmech_deeplinear_mode_deep_sum0_t8, lmech_deeplinear_mode_deep_sum0_t10 - lmech_deeplinear_mode_deep_sum0_t12) - lmech_deeplinear_mode_deep_sum0_t3*atan2(lmech_deeplinear_mode_deep_sum0_t8, -lmech_deeplinear_mode_deep_sum0_t12 + lmech_deeplinear_mode_deep_sum0_t14);
    }
    return acc;
}

__device__ double lmech_deeplinear_mode_deep_residual(double u, double t, double s, double u0, double tau, double depth) {
    const double t0 = 1.0/s;
    const double t1 = log(u);
    const double t2 = log(u0);
    const double t3 = depth - 2.0;
    const double t4 = 1.0/depth;
    const double t5 = t3*t4;
    return -t + t0*tau*(-t0*t4*(lmech_deeplinear_mode_deep_sum0(depth, s, u, u0) + log(-expm1(t4*log1p(t0*u - 1.0))) - log(-expm1(t4*log1p(t0*u0 - 1.0))))*exp(2.0*t4*log(s)) + ((depth == 2.0) ? (
   (1.0/2.0)*t1 - 1.0/2.0*t2
)
: (
   -(-exp(-t2*t5) + exp(-t1*t5))/t3
)));
}

__device__ double lmech_deeplinear_mode_deep_derivative(double u, double t, double s, double u0, double tau, double depth) {
    const double t0 = 1.0/depth;
    return t0*tau*pow(u, 2.0*t0 - 2.0)/(s - u);
}

__device__ double lmech_deeplinear_mode_deep_lo(double t, double s, double u0, double tau, double depth) {
    return u0;
}

__device__ double lmech_deeplinear_mode_deep_hi(double t, double s, double u0, double tau, double depth) {
    return s;
}

__device__ double lmech_deeplinear_mode_deep(double t, double s, double u0, double tau, double depth) {
    double lo = lmech_deeplinear_mode_deep_lo(t, s, u0, tau, depth);
    double hi = lmech_deeplinear_mode_deep_hi(t, s, u0, tau, depth);
    if ((isnan(lo) || isnan(hi))) {
        return (double)NAN;
    }
    lo = fmin(lo, hi);
    double flo = (lmech_deeplinear_mode_deep_residual(lo, t, s, u0, tau, depth));
    if ((flo >= (double)0.0)) {
        return lo;
    }
    double fhi = (lmech_deeplinear_mode_deep_residual(hi, t, s, u0, tau, depth));
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
        double f = (lmech_deeplinear_mode_deep_residual(u, t, s, u0, tau, depth));
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
        double d = (lmech_deeplinear_mode_deep_derivative(u, t, s, u0, tau, depth));
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
//     'float64 t, float64 s, float64 u0, float64 tau, float64 depth',
//     'float64 out',
//     'out = lmech_deeplinear_mode_deep(t, s, u0, tau, depth)',
//     name='lmech_deeplinear_mode_deep', preamble=<the code above>)

// ===== lmech_deeplinear_mode_deep_inside float64
// deeplinear.mode_deep: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 t, float64 s, float64 u0, float64 tau, float64 depth',
//     'bool out',
//     'out = (isfinite(t) && (0.0 <= t && t < INFINITY)) && (isfinite(s) && (0.0 < s && s < INFINITY)) && (isfinite(u0) && (0.0 < u0 && u0 < INFINITY)) && (isfinite(tau) && (0.0 < tau && tau < INFINITY)) && (isfinite(depth) && (depth >= 2.0 && depth < INFINITY) && depth == rint(depth)) && ((u0 < s))',
//     name='lmech_deeplinear_mode_deep_inside', preamble=<the code above>)

// ===== lmech_deeplinear_mode_deep float32
// deeplinear.mode_deep: balanced aligned mode of a depth-D linear network (D weight matrices): solves t(u) = t, tau u' = D u^(2-2/D)(s - u)
// Saxe, McClelland & Ganguli, ICLR 2014, arXiv 1312.6120, Eq. (13) (Saxe: (N_l - 1) u^(2 - 2/(N_l - 1))(s - u)); THEORY.md §5.4
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_deeplinear_mode_deep_sum0(float depth, float s, float u, float u0) {
    float acc = 0;
    for (long j_ = (long)(1.0F); j_ <= (long)(depth - 1.0F); ++j_) {
        const float j = (float)j_;
        const float lmech_deeplinear_mode_deep_sum0_t0 = 1.0F/depth;
        const float lmech_deeplinear_mode_deep_sum0_t1 = 3.14159265358979323846F*j*lmech_deeplinear_mode_deep_sum0_t0;
        const float lmech_deeplinear_mode_deep_sum0_t2 = 4.0F*lmech_deeplinear_mode_deep_sum0_t1;
        const float lmech_deeplinear_mode_deep_sum0_t3 = sinf(lmech_deeplinear_mode_deep_sum0_t2);
        const float lmech_deeplinear_mode_deep_sum0_t4 = lmech_deeplinear_mode_deep_sum0_t0*logf(s);
        const float lmech_deeplinear_mode_deep_sum0_t5 = expf(lmech_deeplinear_mode_deep_sum0_t4);
        const float lmech_deeplinear_mode_deep_sum0_t6 = 2.0F*lmech_deeplinear_mode_deep_sum0_t1;
        const float lmech_deeplinear_mode_deep_sum0_t7 = sinf(lmech_deeplinear_mode_deep_sum0_t6);
        const float lmech_deeplinear_mode_deep_sum0_t8 = -lmech_deeplinear_mode_deep_sum0_t5*lmech_deeplinear_mode_deep_sum0_t7;
        const float lmech_deeplinear_mode_deep_sum0_t9 = lmech_deeplinear_mode_deep_sum0_t0*logf(u0);
        const float lmech_deeplinear_mode_deep_sum0_t10 = expf(lmech_deeplinear_mode_deep_sum0_t9);
        const float lmech_deeplinear_mode_deep_sum0_t11 = cosf(lmech_deeplinear_mode_deep_sum0_t6);
        const float lmech_deeplinear_mode_deep_sum0_t12 = lmech_deeplinear_mode_deep_sum0_t11*lmech_deeplinear_mode_deep_sum0_t5;
        const float lmech_deeplinear_mode_deep_sum0_t13 = lmech_deeplinear_mode_deep_sum0_t0*logf(u);
        const float lmech_deeplinear_mode_deep_sum0_t14 = expf(lmech_deeplinear_mode_deep_sum0_t13);
        const float lmech_deeplinear_mode_deep_sum0_t15 = 2.0F*lmech_deeplinear_mode_deep_sum0_t12;
        const float lmech_deeplinear_mode_deep_sum0_t16 = expf(2.0F*lmech_deeplinear_mode_deep_sum0_t4);
        const float lmech_deeplinear_mode_deep_sum0_t17 = powf(lmech_deeplinear_mode_deep_sum0_t11, 2.0F)*lmech_deeplinear_mode_deep_sum0_t16 + lmech_deeplinear_mode_deep_sum0_t16*powf(lmech_deeplinear_mode_deep_sum0_t7, 2.0F);
        const float lmech_deeplinear_mode_deep_sum0_t18 = (1.0F/2.0F)*cosf(lmech_deeplinear_mode_deep_sum0_t2);
        acc += -lmech_deeplinear_mode_deep_sum0_t18*logf(-lmech_deeplinear_mode_deep_sum0_t10*lmech_deeplinear_mode_deep_sum0_t15 + lmech_deeplinear_mode_deep_sum0_t17 + expf(2.0F*lmech_deeplinear_mode_deep_sum0_t9)) + lmech_deeplinear_mode_deep_sum0_t18*logf(-lmech_deeplinear_mode_deep_sum0_t14*lmech_deeplinear_mode_deep_sum0_t15 + lmech_deeplinear_mode_deep_sum0_t17 + expf(2.0F*lmech_deeplinear_mode_deep_sum0_t13)) + lmech_deeplinear_mode_deep_sum0_t3*atan2f(lmech_deeplinear_mode_deep_sum0_t8, lmech_deeplinear_mode_deep_sum0_t10 - lmech_deeplinear_mode_deep_sum0_t12) - lmech_deeplinear_mode_deep_sum0_t3*atan2f(lmech_deeplinear_mode_deep_sum0_t8, -lmech_deeplinear_mode_deep_sum0_t12 + lmech_deeplinear_mode_deep_sum0_t14);
    }
    return acc;
}

__device__ float lmech_deeplinear_mode_deep_residual(float u, float t, float s, float u0, float tau, float depth) {
    const float t0 = 1.0F/s;
    const float t1 = logf(u);
    const float t2 = logf(u0);
    const float t3 = depth - 2.0F;
    const float t4 = 1.0F/depth;
    const float t5 = t3*t4;
    return -t + t0*tau*(-t0*t4*(lmech_deeplinear_mode_deep_sum0(depth, s, u, u0) + logf(-expm1f(t4*log1pf(t0*u - 1.0F))) - logf(-expm1f(t4*log1pf(t0*u0 - 1.0F))))*expf(2.0F*t4*logf(s)) + ((depth == 2.0F) ? (
   (1.0F/2.0F)*t1 - 1.0F/2.0F*t2
)
: (
   -(-expf(-t2*t5) + expf(-t1*t5))/t3
)));
}

__device__ float lmech_deeplinear_mode_deep_derivative(float u, float t, float s, float u0, float tau, float depth) {
    const float t0 = 1.0F/depth;
    return t0*tau*powf(u, 2.0F*t0 - 2.0F)/(s - u);
}

__device__ float lmech_deeplinear_mode_deep_lo(float t, float s, float u0, float tau, float depth) {
    return u0;
}

__device__ float lmech_deeplinear_mode_deep_hi(float t, float s, float u0, float tau, float depth) {
    return s;
}

__device__ float lmech_deeplinear_mode_deep(float t, float s, float u0, float tau, float depth) {
    float lo = lmech_deeplinear_mode_deep_lo(t, s, u0, tau, depth);
    float hi = lmech_deeplinear_mode_deep_hi(t, s, u0, tau, depth);
    if ((isnan(lo) || isnan(hi))) {
        return (float)NAN;
    }
    lo = fminf(lo, hi);
    float flo = (lmech_deeplinear_mode_deep_residual(lo, t, s, u0, tau, depth));
    if ((flo >= (float)0.0)) {
        return lo;
    }
    float fhi = (lmech_deeplinear_mode_deep_residual(hi, t, s, u0, tau, depth));
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
        float f = (lmech_deeplinear_mode_deep_residual(u, t, s, u0, tau, depth));
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
        float d = (lmech_deeplinear_mode_deep_derivative(u, t, s, u0, tau, depth));
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
//     'float32 t, float32 s, float32 u0, float32 tau, float32 depth',
//     'float32 out',
//     'out = lmech_deeplinear_mode_deep(t, s, u0, tau, depth)',
//     name='lmech_deeplinear_mode_deep', preamble=<the code above>)

// ===== lmech_deeplinear_mode_deep_inside float32
// deeplinear.mode_deep: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 t, float32 s, float32 u0, float32 tau, float32 depth',
//     'bool out',
//     'out = (isfinite(t) && (0.0F <= t && t < INFINITY)) && (isfinite(s) && (0.0F < s && s < INFINITY)) && (isfinite(u0) && (0.0F < u0 && u0 < INFINITY)) && (isfinite(tau) && (0.0F < tau && tau < INFINITY)) && (isfinite(depth) && (depth >= 2.0F && depth < INFINITY) && depth == rint(depth)) && ((u0 < s))',
//     name='lmech_deeplinear_mode_deep_inside', preamble=<the code above>)
