// ===== lmech_mp_quantile float64
// mp.quantile: quantile inf{x : F(x) >= q} of the Marchenko-Pastur law (implicit: solved by Newton/bisection)
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; inverse of mp.cdf
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_mp_quantile_residual(double x, double q, double gamma, double sigma2) {
    const double t0 = 1.0/gamma;
    const double t1 = 1.0 - t0;
    const double t2 = x/sigma2;
    const double t3 = sqrt(gamma);
    const double t4 = t3 - 1.0;
    const double t5 = -t2;
    const double t6 = pow(t3 + 1.0, 2.0);
    const double t7 = t5 + t6;
    const double t8 = pow(t4, 2.0) + t5;
    const double t9 = sqrt(-t7*t8);
    const double t10 = fabs(gamma - 1.0);
    const double t11 = 2.0*atan2(t9, t10 + t5);
    const double t12 = gamma*t11;
    const double t13 = t10 + t2;
    const double t14 = t9/t13;
    const double t15 = -t8;
    const double t16 = t15*t7;
    const double t17 = atan(t14);
    const double t18 = (1.0/2.0)*t0/3.14159265358979323846;
    const double t19 = 2.0*t17;
    return -q + ((x < 0.0) ? (
   0.0
)
: ((t2 <= pow(t4, 2.0)) ? (
   ((gamma > 1.0) ? (
      t1
   )
   : (
      0.0
   ))
)
: ((t2 <= t6) ? (
   ((gamma <= 1.0/4.0) ? (
      t18*(t12 - t14*(gamma + t5 + 1.0) + 2.0*((t14 < 1.0/16.0) ? (
         (1.0/765765.0)*pow(t16, 3.0/2.0)*(255255.0 - 153153.0*t16/pow(t13, 2.0) + 109395.0*pow(t15, 2.0)*pow(t7, 2.0)/pow(t13, 4.0) - 85085.0*pow(t15, 3.0)*pow(t7, 3.0)/pow(t13, 6.0) + 69615.0*pow(t15, 4.0)*pow(t7, 4.0)/pow(t13, 8.0) - 58905.0*pow(t15, 5.0)*pow(t7, 5.0)/pow(t13, 10.0) + 51051.0*pow(t15, 6.0)*pow(t7, 6.0)/pow(t13, 12.0) - 45045.0*pow(t15, 7.0)*pow(t7, 7.0)/pow(t13, 14.0))/pow(t13, 3.0)
      )
      : (
         t14 - t17
      )))
   )
   : ((gamma <= 1.0) ? (
      t18*(t12 - t19 + t9)
   )
   : (
      t1 + t18*(-gamma*t19 + t11 + t9)
   )))
)
: (
   1.0
))));
}

__device__ double lmech_mp_quantile_derivative(double x, double q, double gamma, double sigma2) {
    const double tc0 = x/sigma2;
    const double tc1 = sqrt(gamma);
    if (tc0 <= pow(tc1 - 1.0, 2.0) || x < 0.0) {
        return 0.0;
    }
    else if (tc0 <= pow(tc1 + 1.0, 2.0)) {
        if (gamma <= 1.0/4.0) {
            const double tb1_b0_0 = gamma - 1.0;
            const double tb1_b0_1 = gamma >= 1.0;
            const double tb1_b0_2 = ((tb1_b0_1) ? (
   tb1_b0_0
)
: (
   -tb1_b0_0
));
            const double tb1_b0_3 = tb1_b0_2 + tc0;
            const double tb1_b0_4 = 1.0/tb1_b0_3;
            const double tb1_b0_5 = 1.0/sigma2;
            const double tb1_b0_6 = tc1 - 1.0;
            const double tb1_b0_7 = -pow(tb1_b0_6, 2.0) + tc0;
            const double tb1_b0_8 = pow(tc1 + 1.0, 2.0);
            const double tb1_b0_9 = tb1_b0_5*x;
            const double tb1_b0_10 = -tb1_b0_9;
            const double tb1_b0_11 = tb1_b0_10 + tb1_b0_8;
            const double tb1_b0_12 = tb1_b0_11*tb1_b0_7;
            const double tb1_b0_13 = sqrt(tb1_b0_12);
            const double tb1_b0_14 = tb1_b0_13*tb1_b0_5;
            const double tb1_b0_15 = tb1_b0_14*tb1_b0_4;
            const double tb1_b0_16 = pow(tb1_b0_3, -2.0);
            const double tb1_b0_17 = gamma - tc0 + 1.0;
            const double tb1_b0_18 = -tb1_b0_8 + tb1_b0_9;
            const double tb1_b0_19 = 1.0/tb1_b0_7;
            const double tb1_b0_20 = 1.0/tb1_b0_11;
            const double tb1_b0_21 = tb1_b0_19*tb1_b0_20;
            const double tb1_b0_22 = tb1_b0_10 + tb1_b0_2;
            const double tb1_b0_23 = tb1_b0_18 - pow(tb1_b0_6, 2.0) + tc0;
            const double tb1_b0_24 = pow(tb1_b0_3, -3.0);
            const double tb1_b0_25 = (1.0/2.0)*tb1_b0_23;
            const double tb1_b0_26 = pow(tb1_b0_11, 3.0)*pow(tb1_b0_7, 3.0);
            const double tb1_b0_27 = pow(tb1_b0_11, 5.0)*pow(tb1_b0_7, 5.0);
            const double tb1_b0_28 = pow(tb1_b0_11, 2.0)*pow(tb1_b0_7, 2.0);
            const double tb1_b0_29 = pow(tb1_b0_11, 4.0)*pow(tb1_b0_7, 4.0);
            const double tb1_b0_30 = pow(tb1_b0_11, 6.0)*pow(tb1_b0_7, 6.0);
            const double tb1_b0_31 = tb1_b0_21*tb1_b0_25;
            return (1.0/2.0)*(-gamma*tb1_b0_14*(tb1_b0_19*tb1_b0_20*tb1_b0_22*tb1_b0_23 - 2.0)/(tb1_b0_12 + pow(tb1_b0_22, 2.0)) + tb1_b0_14*tb1_b0_16*tb1_b0_17 + (1.0/2.0)*tb1_b0_15*tb1_b0_17*tb1_b0_21*(tb1_b0_18 + tb1_b0_7) + tb1_b0_15 + 2.0*((((tb1_b0_1) ? (
   tb1_b0_13/(tb1_b0_0 + tc0) < 1.0/16.0
)
: (
   tb1_b0_13/(-gamma + tc0 + 1.0) < 1.0/16.0
))) ? (
   pow(tb1_b0_12, 3.0/2.0)*tb1_b0_24*tb1_b0_5*(pow(tb1_b0_11, 7.0)*pow(tb1_b0_7, 7.0)/pow(tb1_b0_3, 15.0) + tb1_b0_12*tb1_b0_24 - tb1_b0_12*tb1_b0_25/pow(tb1_b0_3, 4.0) + tb1_b0_16*tb1_b0_25 - tb1_b0_25*tb1_b0_26/pow(tb1_b0_3, 8.0) - tb1_b0_25*tb1_b0_27/pow(tb1_b0_3, 12.0) + tb1_b0_25*tb1_b0_28/pow(tb1_b0_3, 6.0) + tb1_b0_25*tb1_b0_29/pow(tb1_b0_3, 10.0) + tb1_b0_25*tb1_b0_30/pow(tb1_b0_3, 14.0) + tb1_b0_26/pow(tb1_b0_3, 7.0) + tb1_b0_27/pow(tb1_b0_3, 11.0) - tb1_b0_28/pow(tb1_b0_3, 5.0) - tb1_b0_29/pow(tb1_b0_3, 9.0) - tb1_b0_31 - tb1_b0_4 - tb1_b0_30/pow(tb1_b0_3, 13.0))
)
: (
   tb1_b0_15*(-tb1_b0_31 - tb1_b0_4 + (1.0/2.0)*(tb1_b0_21*tb1_b0_23 + 2.0*tb1_b0_4)/(tb1_b0_12*tb1_b0_16 + 1.0))
)))/(3.14159265358979323846*gamma);
        }
        else if (gamma <= 1.0) {
            const double tb1_b1_0 = 1.0/sigma2;
            const double tb1_b1_1 = tc1 - 1.0;
            const double tb1_b1_2 = -pow(tb1_b1_1, 2.0) + tc0;
            const double tb1_b1_3 = pow(tc1 + 1.0, 2.0);
            const double tb1_b1_4 = tb1_b1_0*x;
            const double tb1_b1_5 = -tb1_b1_4;
            const double tb1_b1_6 = tb1_b1_3 + tb1_b1_5;
            const double tb1_b1_7 = tb1_b1_2*tb1_b1_6;
            const double tb1_b1_8 = 1.0/tb1_b1_2;
            const double tb1_b1_9 = 1.0/tb1_b1_6;
            const double tb1_b1_10 = -pow(tb1_b1_1, 2.0) - tb1_b1_3 + tb1_b1_4 + tc0;
            const double tb1_b1_11 = gamma - 1.0;
            const double tb1_b1_12 = ((gamma >= 1.0) ? (
   tb1_b1_11
)
: (
   -tb1_b1_11
));
            const double tb1_b1_13 = tb1_b1_12 + tb1_b1_5;
            const double tb1_b1_14 = tb1_b1_10*tb1_b1_8*tb1_b1_9;
            const double tb1_b1_15 = tb1_b1_12 + tc0;
            const double tb1_b1_16 = 1.0/tb1_b1_15;
            return -1.0/2.0*tb1_b1_0*sqrt(tb1_b1_7)*(-gamma*(-tb1_b1_13*tb1_b1_14 + 2.0)/(pow(tb1_b1_13, 2.0) + tb1_b1_7) + (1.0/2.0)*tb1_b1_10*tb1_b1_8*tb1_b1_9 - tb1_b1_16*(tb1_b1_14 + 2.0*tb1_b1_16)/(1.0 + tb1_b1_7/pow(tb1_b1_15, 2.0)))/(3.14159265358979323846*gamma);
        }
        else {
            const double tb1_b2_0 = 1.0/sigma2;
            const double tb1_b2_1 = tc1 - 1.0;
            const double tb1_b2_2 = -pow(tb1_b2_1, 2.0) + tc0;
            const double tb1_b2_3 = pow(tc1 + 1.0, 2.0);
            const double tb1_b2_4 = tb1_b2_0*x;
            const double tb1_b2_5 = -tb1_b2_4;
            const double tb1_b2_6 = tb1_b2_3 + tb1_b2_5;
            const double tb1_b2_7 = tb1_b2_2*tb1_b2_6;
            const double tb1_b2_8 = 1.0/tb1_b2_2;
            const double tb1_b2_9 = 1.0/tb1_b2_6;
            const double tb1_b2_10 = -pow(tb1_b2_1, 2.0) - tb1_b2_3 + tb1_b2_4 + tc0;
            const double tb1_b2_11 = gamma - 1.0;
            const double tb1_b2_12 = ((gamma >= 1.0) ? (
   tb1_b2_11
)
: (
   -tb1_b2_11
));
            const double tb1_b2_13 = tb1_b2_12 + tb1_b2_5;
            const double tb1_b2_14 = 1.0/(pow(tb1_b2_13, 2.0) + tb1_b2_7);
            const double tb1_b2_15 = tb1_b2_12 + tc0;
            const double tb1_b2_16 = 1.0/tb1_b2_15;
            return -1.0/2.0*tb1_b2_0*sqrt(tb1_b2_7)*(-gamma*tb1_b2_16*(tb1_b2_10*tb1_b2_8*tb1_b2_9 + 2.0*tb1_b2_16)/(1.0 + tb1_b2_7/pow(tb1_b2_15, 2.0)) + tb1_b2_10*tb1_b2_13*tb1_b2_14*tb1_b2_8*tb1_b2_9 + (1.0/2.0)*tb1_b2_10*tb1_b2_8*tb1_b2_9 - 2.0*tb1_b2_14)/(3.14159265358979323846*gamma);
        }
    }
    else {
        return 0.0;
    }
}

__device__ double lmech_mp_quantile_lo(double q, double gamma, double sigma2) {
    if (gamma > 1.0) {
        return 0.0;
    }
    else {
        return sigma2*pow(sqrt(gamma) - 1.0, 2.0);
    }
}

__device__ double lmech_mp_quantile_hi(double q, double gamma, double sigma2) {
    return sigma2*pow(sqrt(gamma) + 1.0, 2.0);
}

__device__ double lmech_mp_quantile(double q, double gamma, double sigma2) {
    double lo = lmech_mp_quantile_lo(q, gamma, sigma2);
    double hi = lmech_mp_quantile_hi(q, gamma, sigma2);
    if ((isnan(lo) || isnan(hi))) {
        return (double)NAN;
    }
    lo = fmin(lo, hi);
    double flo = (lmech_mp_quantile_residual(lo, q, gamma, sigma2));
    if ((flo >= (double)0.0)) {
        return lo;
    }
    double fhi = (lmech_mp_quantile_residual(hi, q, gamma, sigma2));
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
        double f = (lmech_mp_quantile_residual(u, q, gamma, sigma2));
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
        double d = (lmech_mp_quantile_derivative(u, q, gamma, sigma2));
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
//     'float64 q, float64 gamma, float64 sigma2',
//     'float64 out',
//     'out = lmech_mp_quantile(q, gamma, sigma2)',
//     name='lmech_mp_quantile', preamble=<the code above>)

// ===== lmech_mp_quantile_inside float64
// mp.quantile: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 q, float64 gamma, float64 sigma2',
//     'bool out',
//     'out = (isfinite(q) && (0.0 <= q && q <= 1.0)) && (isfinite(gamma) && (0.0 < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY))',
//     name='lmech_mp_quantile_inside', preamble=<the code above>)

// ===== lmech_mp_quantile float32
// mp.quantile: quantile inf{x : F(x) >= q} of the Marchenko-Pastur law (implicit: solved by Newton/bisection)
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; inverse of mp.cdf
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_mp_quantile_residual(float x, float q, float gamma, float sigma2) {
    const float t0 = 1.0F/gamma;
    const float t1 = 1.0F - t0;
    const float t2 = x/sigma2;
    const float t3 = sqrtf(gamma);
    const float t4 = t3 - 1.0F;
    const float t5 = -t2;
    const float t6 = powf(t3 + 1.0F, 2.0F);
    const float t7 = t5 + t6;
    const float t8 = powf(t4, 2.0F) + t5;
    const float t9 = sqrtf(-t7*t8);
    const float t10 = fabsf(gamma - 1.0F);
    const float t11 = 2.0F*atan2f(t9, t10 + t5);
    const float t12 = gamma*t11;
    const float t13 = t10 + t2;
    const float t14 = t9/t13;
    const float t15 = -t8;
    const float t16 = t15*t7;
    const float t17 = atanf(t14);
    const float t18 = (1.0F/2.0F)*t0/3.14159265358979323846F;
    const float t19 = 2.0F*t17;
    return -q + ((x < 0.0F) ? (
   0.0F
)
: ((t2 <= powf(t4, 2.0F)) ? (
   ((gamma > 1.0F) ? (
      t1
   )
   : (
      0.0F
   ))
)
: ((t2 <= t6) ? (
   ((gamma <= 1.0F/4.0F) ? (
      t18*(t12 - t14*(gamma + t5 + 1.0F) + 2.0F*((t14 < 1.0F/16.0F) ? (
         (1.0F/765765.0F)*powf(t16, 3.0F/2.0F)*(255255.0F - 153153.0F*t16/powf(t13, 2.0F) + 109395.0F*powf(t15, 2.0F)*powf(t7, 2.0F)/powf(t13, 4.0F) - 85085.0F*powf(t15, 3.0F)*powf(t7, 3.0F)/powf(t13, 6.0F) + 69615.0F*powf(t15, 4.0F)*powf(t7, 4.0F)/powf(t13, 8.0F) - 58905.0F*powf(t15, 5.0F)*powf(t7, 5.0F)/powf(t13, 10.0F) + 51051.0F*powf(t15, 6.0F)*powf(t7, 6.0F)/powf(t13, 12.0F) - 45045.0F*powf(t15, 7.0F)*powf(t7, 7.0F)/powf(t13, 14.0F))/powf(t13, 3.0F)
      )
      : (
         t14 - t17
      )))
   )
   : ((gamma <= 1.0F) ? (
      t18*(t12 - t19 + t9)
   )
   : (
      t1 + t18*(-gamma*t19 + t11 + t9)
   )))
)
: (
   1.0F
))));
}

__device__ float lmech_mp_quantile_derivative(float x, float q, float gamma, float sigma2) {
    const float tc0 = x/sigma2;
    const float tc1 = sqrtf(gamma);
    if (tc0 <= powf(tc1 - 1.0F, 2.0F) || x < 0.0F) {
        return 0.0F;
    }
    else if (tc0 <= powf(tc1 + 1.0F, 2.0F)) {
        if (gamma <= 1.0F/4.0F) {
            const float tb1_b0_0 = gamma - 1.0F;
            const float tb1_b0_1 = gamma >= 1.0F;
            const float tb1_b0_2 = ((tb1_b0_1) ? (
   tb1_b0_0
)
: (
   -tb1_b0_0
));
            const float tb1_b0_3 = tb1_b0_2 + tc0;
            const float tb1_b0_4 = 1.0F/tb1_b0_3;
            const float tb1_b0_5 = 1.0F/sigma2;
            const float tb1_b0_6 = tc1 - 1.0F;
            const float tb1_b0_7 = -powf(tb1_b0_6, 2.0F) + tc0;
            const float tb1_b0_8 = powf(tc1 + 1.0F, 2.0F);
            const float tb1_b0_9 = tb1_b0_5*x;
            const float tb1_b0_10 = -tb1_b0_9;
            const float tb1_b0_11 = tb1_b0_10 + tb1_b0_8;
            const float tb1_b0_12 = tb1_b0_11*tb1_b0_7;
            const float tb1_b0_13 = sqrtf(tb1_b0_12);
            const float tb1_b0_14 = tb1_b0_13*tb1_b0_5;
            const float tb1_b0_15 = tb1_b0_14*tb1_b0_4;
            const float tb1_b0_16 = powf(tb1_b0_3, -2.0F);
            const float tb1_b0_17 = gamma - tc0 + 1.0F;
            const float tb1_b0_18 = -tb1_b0_8 + tb1_b0_9;
            const float tb1_b0_19 = 1.0F/tb1_b0_7;
            const float tb1_b0_20 = 1.0F/tb1_b0_11;
            const float tb1_b0_21 = tb1_b0_19*tb1_b0_20;
            const float tb1_b0_22 = tb1_b0_10 + tb1_b0_2;
            const float tb1_b0_23 = tb1_b0_18 - powf(tb1_b0_6, 2.0F) + tc0;
            const float tb1_b0_24 = powf(tb1_b0_3, -3.0F);
            const float tb1_b0_25 = (1.0F/2.0F)*tb1_b0_23;
            const float tb1_b0_26 = powf(tb1_b0_11, 3.0F)*powf(tb1_b0_7, 3.0F);
            const float tb1_b0_27 = powf(tb1_b0_11, 5.0F)*powf(tb1_b0_7, 5.0F);
            const float tb1_b0_28 = powf(tb1_b0_11, 2.0F)*powf(tb1_b0_7, 2.0F);
            const float tb1_b0_29 = powf(tb1_b0_11, 4.0F)*powf(tb1_b0_7, 4.0F);
            const float tb1_b0_30 = powf(tb1_b0_11, 6.0F)*powf(tb1_b0_7, 6.0F);
            const float tb1_b0_31 = tb1_b0_21*tb1_b0_25;
            return (1.0F/2.0F)*(-gamma*tb1_b0_14*(tb1_b0_19*tb1_b0_20*tb1_b0_22*tb1_b0_23 - 2.0F)/(tb1_b0_12 + powf(tb1_b0_22, 2.0F)) + tb1_b0_14*tb1_b0_16*tb1_b0_17 + (1.0F/2.0F)*tb1_b0_15*tb1_b0_17*tb1_b0_21*(tb1_b0_18 + tb1_b0_7) + tb1_b0_15 + 2.0F*((((tb1_b0_1) ? (
   tb1_b0_13/(tb1_b0_0 + tc0) < 1.0F/16.0F
)
: (
   tb1_b0_13/(-gamma + tc0 + 1.0F) < 1.0F/16.0F
))) ? (
   powf(tb1_b0_12, 3.0F/2.0F)*tb1_b0_24*tb1_b0_5*(powf(tb1_b0_11, 7.0F)*powf(tb1_b0_7, 7.0F)/powf(tb1_b0_3, 15.0F) + tb1_b0_12*tb1_b0_24 - tb1_b0_12*tb1_b0_25/powf(tb1_b0_3, 4.0F) + tb1_b0_16*tb1_b0_25 - tb1_b0_25*tb1_b0_26/powf(tb1_b0_3, 8.0F) - tb1_b0_25*tb1_b0_27/powf(tb1_b0_3, 12.0F) + tb1_b0_25*tb1_b0_28/powf(tb1_b0_3, 6.0F) + tb1_b0_25*tb1_b0_29/powf(tb1_b0_3, 10.0F) + tb1_b0_25*tb1_b0_30/powf(tb1_b0_3, 14.0F) + tb1_b0_26/powf(tb1_b0_3, 7.0F) + tb1_b0_27/powf(tb1_b0_3, 11.0F) - tb1_b0_28/powf(tb1_b0_3, 5.0F) - tb1_b0_29/powf(tb1_b0_3, 9.0F) - tb1_b0_31 - tb1_b0_4 - tb1_b0_30/powf(tb1_b0_3, 13.0F))
)
: (
   tb1_b0_15*(-tb1_b0_31 - tb1_b0_4 + (1.0F/2.0F)*(tb1_b0_21*tb1_b0_23 + 2.0F*tb1_b0_4)/(tb1_b0_12*tb1_b0_16 + 1.0F))
)))/(3.14159265358979323846F*gamma);
        }
        else if (gamma <= 1.0F) {
            const float tb1_b1_0 = 1.0F/sigma2;
            const float tb1_b1_1 = tc1 - 1.0F;
            const float tb1_b1_2 = -powf(tb1_b1_1, 2.0F) + tc0;
            const float tb1_b1_3 = powf(tc1 + 1.0F, 2.0F);
            const float tb1_b1_4 = tb1_b1_0*x;
            const float tb1_b1_5 = -tb1_b1_4;
            const float tb1_b1_6 = tb1_b1_3 + tb1_b1_5;
            const float tb1_b1_7 = tb1_b1_2*tb1_b1_6;
            const float tb1_b1_8 = 1.0F/tb1_b1_2;
            const float tb1_b1_9 = 1.0F/tb1_b1_6;
            const float tb1_b1_10 = -powf(tb1_b1_1, 2.0F) - tb1_b1_3 + tb1_b1_4 + tc0;
            const float tb1_b1_11 = gamma - 1.0F;
            const float tb1_b1_12 = ((gamma >= 1.0F) ? (
   tb1_b1_11
)
: (
   -tb1_b1_11
));
            const float tb1_b1_13 = tb1_b1_12 + tb1_b1_5;
            const float tb1_b1_14 = tb1_b1_10*tb1_b1_8*tb1_b1_9;
            const float tb1_b1_15 = tb1_b1_12 + tc0;
            const float tb1_b1_16 = 1.0F/tb1_b1_15;
            return -1.0F/2.0F*tb1_b1_0*sqrtf(tb1_b1_7)*(-gamma*(-tb1_b1_13*tb1_b1_14 + 2.0F)/(powf(tb1_b1_13, 2.0F) + tb1_b1_7) + (1.0F/2.0F)*tb1_b1_10*tb1_b1_8*tb1_b1_9 - tb1_b1_16*(tb1_b1_14 + 2.0F*tb1_b1_16)/(1.0F + tb1_b1_7/powf(tb1_b1_15, 2.0F)))/(3.14159265358979323846F*gamma);
        }
        else {
            const float tb1_b2_0 = 1.0F/sigma2;
            const float tb1_b2_1 = tc1 - 1.0F;
            const float tb1_b2_2 = -powf(tb1_b2_1, 2.0F) + tc0;
            const float tb1_b2_3 = powf(tc1 + 1.0F, 2.0F);
            const float tb1_b2_4 = tb1_b2_0*x;
            const float tb1_b2_5 = -tb1_b2_4;
            const float tb1_b2_6 = tb1_b2_3 + tb1_b2_5;
            const float tb1_b2_7 = tb1_b2_2*tb1_b2_6;
            const float tb1_b2_8 = 1.0F/tb1_b2_2;
            const float tb1_b2_9 = 1.0F/tb1_b2_6;
            const float tb1_b2_10 = -powf(tb1_b2_1, 2.0F) - tb1_b2_3 + tb1_b2_4 + tc0;
            const float tb1_b2_11 = gamma - 1.0F;
            const float tb1_b2_12 = ((gamma >= 1.0F) ? (
   tb1_b2_11
)
: (
   -tb1_b2_11
));
            const float tb1_b2_13 = tb1_b2_12 + tb1_b2_5;
            const float tb1_b2_14 = 1.0F/(powf(tb1_b2_13, 2.0F) + tb1_b2_7);
            const float tb1_b2_15 = tb1_b2_12 + tc0;
            const float tb1_b2_16 = 1.0F/tb1_b2_15;
            return -1.0F/2.0F*tb1_b2_0*sqrtf(tb1_b2_7)*(-gamma*tb1_b2_16*(tb1_b2_10*tb1_b2_8*tb1_b2_9 + 2.0F*tb1_b2_16)/(1.0F + tb1_b2_7/powf(tb1_b2_15, 2.0F)) + tb1_b2_10*tb1_b2_13*tb1_b2_14*tb1_b2_8*tb1_b2_9 + (1.0F/2.0F)*tb1_b2_10*tb1_b2_8*tb1_b2_9 - 2.0F*tb1_b2_14)/(3.14159265358979323846F*gamma);
        }
    }
    else {
        return 0.0F;
    }
}

__device__ float lmech_mp_quantile_lo(float q, float gamma, float sigma2) {
    if (gamma > 1.0F) {
        return 0.0F;
    }
    else {
        return sigma2*powf(sqrtf(gamma) - 1.0F, 2.0F);
    }
}

__device__ float lmech_mp_quantile_hi(float q, float gamma, float sigma2) {
    return sigma2*powf(sqrtf(gamma) + 1.0F, 2.0F);
}

__device__ float lmech_mp_quantile(float q, float gamma, float sigma2) {
    float lo = lmech_mp_quantile_lo(q, gamma, sigma2);
    float hi = lmech_mp_quantile_hi(q, gamma, sigma2);
    if ((isnan(lo) || isnan(hi))) {
        return (float)NAN;
    }
    lo = fminf(lo, hi);
    float flo = (lmech_mp_quantile_residual(lo, q, gamma, sigma2));
    if ((flo >= (float)0.0)) {
        return lo;
    }
    float fhi = (lmech_mp_quantile_residual(hi, q, gamma, sigma2));
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
        float f = (lmech_mp_quantile_residual(u, q, gamma, sigma2));
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
        float d = (lmech_mp_quantile_derivative(u, q, gamma, sigma2));
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
//     'float32 q, float32 gamma, float32 sigma2',
//     'float32 out',
//     'out = lmech_mp_quantile(q, gamma, sigma2)',
//     name='lmech_mp_quantile', preamble=<the code above>)

// ===== lmech_mp_quantile_inside float32
// mp.quantile: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 q, float32 gamma, float32 sigma2',
//     'bool out',
//     'out = (isfinite(q) && (0.0F <= q && q <= 1.0F)) && (isfinite(gamma) && (0.0F < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY))',
//     name='lmech_mp_quantile_inside', preamble=<the code above>)
