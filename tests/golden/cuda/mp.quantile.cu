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
    const double t6 = gamma + 1.0;
    const double t7 = -gamma + t2 + 1.0;
    const double t8 = t3 + 1.0;
    const double t9 = pow(t8, 2.0);
    const double t10 = t5 + t9;
    const double t11 = pow(t4, 2.0) + t5;
    const double t12 = sqrt(-t10*t11);
    const double t13 = t12/t7;
    const double t14 = -t11;
    const double t15 = sqrt(t14);
    const double t16 = sqrt(t10);
    const double t17 = atan2(t15, t16);
    const double t18 = atan2(t15*t8, t16*fabs(t4));
    const double t19 = t10*t14;
    const double t20 = (1.0/2.0)*t0/3.14159265358979323846;
    const double t21 = 2.0*t18*(gamma - 1.0);
    const double t22 = t12 + 2.0*t17*t6;
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
: ((t2 <= t9) ? (
   ((gamma <= 1.0/4.0) ? (
      t20*(2.0*gamma*(t17 + t18) - t13*(t5 + t6) + 2.0*((t13 < 1.0/16.0) ? (
         (1.0/765765.0)*pow(t19, 3.0/2.0)*(-45045.0*pow(t10, 7.0)*pow(t14, 7.0)/pow(t7, 14.0) + 51051.0*pow(t10, 6.0)*pow(t14, 6.0)/pow(t7, 12.0) - 58905.0*pow(t10, 5.0)*pow(t14, 5.0)/pow(t7, 10.0) + 69615.0*pow(t10, 4.0)*pow(t14, 4.0)/pow(t7, 8.0) - 85085.0*pow(t10, 3.0)*pow(t14, 3.0)/pow(t7, 6.0) + 109395.0*pow(t10, 2.0)*pow(t14, 2.0)/pow(t7, 4.0) - 153153.0*t19/pow(t7, 2.0) + 255255.0)/pow(t7, 3.0)
      )
      : (
         t13 - atan(t13)
      )))
   )
   : ((gamma <= 1.0) ? (
      t20*(t21 + t22)
   )
   : (
      t1 + t20*(-t21 + t22)
   )))
)
: (
   1.0
))));
}

__device__ double lmech_mp_quantile_derivative(double x, double q, double gamma, double sigma2) {
    const double t0 = 1.0/sigma2;
    const double t1 = t0*x;
    const double t2 = sqrt(gamma);
    const double t3 = t2 - 1.0;
    const double t4 = pow(t3, 2.0);
    const double t5 = -gamma + t1 + 1.0;
    const double t6 = 1.0/t5;
    const double t7 = -t1;
    const double t8 = t4 + t7;
    const double t9 = t2 + 1.0;
    const double t10 = pow(t9, 2.0);
    const double t11 = t10 + t7;
    const double t12 = sqrt(-t11*t8);
    const double t13 = t12*t6;
    const double t14 = t0*t13;
    const double t15 = gamma + 1.0;
    const double t16 = t15 + t7;
    const double t17 = pow(t5, -2.0);
    const double t18 = 1.0/t11;
    const double t19 = -t3;
    const double t20 = pow(t19, 2.0);
    const double t21 = -2.0*t0*x + t10 + t20;
    const double t22 = (1.0/2.0)*t18*t21/t8;
    const double t23 = -t10;
    const double t24 = 1.0/(t23 + t4);
    const double t25 = sqrt(t11);
    const double t26 = t20 + t7;
    const double t27 = sqrt(-t26);
    const double t28 = t25/t27;
    const double t29 = t27/t25;
    const double t30 = 1.0/(-t10*t8 + t11*t4);
    const double t31 = ((t2 >= 1.0) ? (
   t3
)
: (
   t19
));
    const double t32 = t30*t31*t9;
    const double t33 = pow(t5, -3.0);
    const double t34 = t11*t26;
    const double t35 = -t34;
    const double t36 = -t21;
    const double t37 = pow(t11, 2.0);
    const double t38 = pow(t26, 2.0);
    const double t39 = pow(t11, 3.0);
    const double t40 = pow(t26, 3.0);
    const double t41 = pow(t11, 4.0);
    const double t42 = pow(t26, 4.0);
    const double t43 = pow(t11, 5.0);
    const double t44 = pow(t26, 5.0);
    const double t45 = pow(t11, 6.0);
    const double t46 = pow(t26, 6.0);
    const double t47 = 1.0/t26;
    const double t48 = -1.0/2.0*t18*t36*t47 + t6;
    const double t49 = (1.0/2.0)/(3.14159265358979323846*gamma);
    const double t50 = gamma - 1.0;
    const double t51 = t28 + t29;
    const double t52 = t12*t22 + t15*t51/(t20 + t23);
    const double t53 = t0*t49;
    return ((t1 <= t4 || x < 0.0) ? (
   0.0
)
: ((t1 <= t10) ? (
   ((gamma <= 1.0/4.0) ? (
      t49*(gamma*t0*(-t24*t28 - t24*t29 + t28*t32 + t29*t32) + t0*t12*t16*t17 + t14*t16*t22 + t14 + 2.0*((t13 < 1.0/16.0) ? (
         t0*t33*pow(t35, 3.0/2.0)*(-pow(t11, 7.0)*pow(t26, 7.0)/pow(t5, 15.0) + (1.0/2.0)*t11*t26*t36/pow(t5, 4.0) + (1.0/2.0)*t17*t36 - t33*t34 + (1.0/2.0)*t36*t37*t38/pow(t5, 6.0) + (1.0/2.0)*t36*t39*t40/pow(t5, 8.0) + (1.0/2.0)*t36*t41*t42/pow(t5, 10.0) + (1.0/2.0)*t36*t43*t44/pow(t5, 12.0) + (1.0/2.0)*t36*t45*t46/pow(t5, 14.0) - t37*t38/pow(t5, 5.0) - t39*t40/pow(t5, 7.0) - t41*t42/pow(t5, 9.0) - t43*t44/pow(t5, 11.0) - t45*t46/pow(t5, 13.0) - t48)
      )
      : (
         t0*sqrt(t35)*t6*(-t48 - 1.0/2.0*(t18*t36*t47 - 2.0*t6)/(-t17*t34 + 1.0))
      )))
   )
   : ((gamma <= 1.0) ? (
      t53*(t30*t31*t50*t51*t9 - t52)
   )
   : (
      -t53*(t32*t50*t51 + t52)
   )))
)
: (
   0.0
)));
}

__device__ double lmech_mp_quantile_lo(double q, double gamma, double sigma2) {
    return ((gamma > 1.0) ? (
   0.0
)
: (
   sigma2*pow(sqrt(gamma) - 1.0, 2.0)
));
}

__device__ double lmech_mp_quantile_hi(double q, double gamma, double sigma2) {
    return sigma2*pow(sqrt(gamma) + 1.0, 2.0);
}

__device__ double lmech_mp_quantile(double q, double gamma, double sigma2) {
    double lo = lmech_mp_quantile_lo(q, gamma, sigma2);
    double hi = lmech_mp_quantile_hi(q, gamma, sigma2);
    if (lo != lo || hi != hi) return NAN;
    if (lo > hi) lo = hi; /* ends computed by different roundings of one bound may cross by an ulp */
    double flo = lmech_mp_quantile_residual(lo, q, gamma, sigma2);
    if (flo >= 0) return lo;
    double fhi = lmech_mp_quantile_residual(hi, q, gamma, sigma2);
    if (fhi < 0) return hi;
    double u = lo - flo * ((hi - lo) / (fhi - flo));
    if (!(lo < u && u < hi)) u = lo + (double)0.5 * (hi - lo);
    double dx = hi - lo, dxold = hi - lo;
    int newton = 0;
    for (int it = 0; it < 1100; ++it) {
        double f = lmech_mp_quantile_residual(u, q, gamma, sigma2);
        if (f == 0) return u;
        if (f > 0) hi = u; else lo = u;
        double d = lmech_mp_quantile_derivative(u, q, gamma, sigma2);
        double step = (d > 0 && d < (double)INFINITY) ? f / d : (double)INFINITY;
        if (fabs(step) <= 2 * 2.220446049250313e-16 * fabs(u)) return u;
        double un = u - step;
        double mid = lo + (double)0.5 * (hi - lo);
        if (hi - lo <= 4 * 2.220446049250313e-16 * fmax(fabs(lo), fabs(hi)) || mid == lo || mid == hi) return (lo <= un && un <= hi) ? un : hi;
        if (!(lo < un && un < hi) || fabs(step) > (double)0.5 * fabs(dxold)) {
            dxold = dx;
            dx = (double)0.5 * (hi - lo);
            un = (lo > 0 && hi > 4 * lo) ? sqrt(lo) * sqrt(hi) : lo + dx;
            newton = 0;
        } else {
            /* quadratic convergence: the next correction is ~ step^3/previous^2 */
            if (newton && fabs(step) * step * step <= (double)0.01 * 2.220446049250313e-16 * fabs(un) * dx * dx) return un;
            dxold = dx;
            dx = step;
            newton = 1;
        }
        u = un;
    }
    return u;
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
    const float t6 = gamma + 1.0F;
    const float t7 = -gamma + t2 + 1.0F;
    const float t8 = t3 + 1.0F;
    const float t9 = powf(t8, 2.0F);
    const float t10 = t5 + t9;
    const float t11 = powf(t4, 2.0F) + t5;
    const float t12 = sqrtf(-t10*t11);
    const float t13 = t12/t7;
    const float t14 = -t11;
    const float t15 = sqrtf(t14);
    const float t16 = sqrtf(t10);
    const float t17 = atan2f(t15, t16);
    const float t18 = atan2f(t15*t8, t16*fabsf(t4));
    const float t19 = t10*t14;
    const float t20 = (1.0F/2.0F)*t0/3.14159265358979323846F;
    const float t21 = 2.0F*t18*(gamma - 1.0F);
    const float t22 = t12 + 2.0F*t17*t6;
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
: ((t2 <= t9) ? (
   ((gamma <= 1.0F/4.0F) ? (
      t20*(2.0F*gamma*(t17 + t18) - t13*(t5 + t6) + 2.0F*((t13 < 1.0F/16.0F) ? (
         (1.0F/765765.0F)*powf(t19, 3.0F/2.0F)*(-45045.0F*powf(t10, 7.0F)*powf(t14, 7.0F)/powf(t7, 14.0F) + 51051.0F*powf(t10, 6.0F)*powf(t14, 6.0F)/powf(t7, 12.0F) - 58905.0F*powf(t10, 5.0F)*powf(t14, 5.0F)/powf(t7, 10.0F) + 69615.0F*powf(t10, 4.0F)*powf(t14, 4.0F)/powf(t7, 8.0F) - 85085.0F*powf(t10, 3.0F)*powf(t14, 3.0F)/powf(t7, 6.0F) + 109395.0F*powf(t10, 2.0F)*powf(t14, 2.0F)/powf(t7, 4.0F) - 153153.0F*t19/powf(t7, 2.0F) + 255255.0F)/powf(t7, 3.0F)
      )
      : (
         t13 - atanf(t13)
      )))
   )
   : ((gamma <= 1.0F) ? (
      t20*(t21 + t22)
   )
   : (
      t1 + t20*(-t21 + t22)
   )))
)
: (
   1.0F
))));
}

__device__ float lmech_mp_quantile_derivative(float x, float q, float gamma, float sigma2) {
    const float t0 = 1.0F/sigma2;
    const float t1 = t0*x;
    const float t2 = sqrtf(gamma);
    const float t3 = t2 - 1.0F;
    const float t4 = powf(t3, 2.0F);
    const float t5 = -gamma + t1 + 1.0F;
    const float t6 = 1.0F/t5;
    const float t7 = -t1;
    const float t8 = t4 + t7;
    const float t9 = t2 + 1.0F;
    const float t10 = powf(t9, 2.0F);
    const float t11 = t10 + t7;
    const float t12 = sqrtf(-t11*t8);
    const float t13 = t12*t6;
    const float t14 = t0*t13;
    const float t15 = gamma + 1.0F;
    const float t16 = t15 + t7;
    const float t17 = powf(t5, -2.0F);
    const float t18 = 1.0F/t11;
    const float t19 = -t3;
    const float t20 = powf(t19, 2.0F);
    const float t21 = -2.0F*t0*x + t10 + t20;
    const float t22 = (1.0F/2.0F)*t18*t21/t8;
    const float t23 = -t10;
    const float t24 = 1.0F/(t23 + t4);
    const float t25 = sqrtf(t11);
    const float t26 = t20 + t7;
    const float t27 = sqrtf(-t26);
    const float t28 = t25/t27;
    const float t29 = t27/t25;
    const float t30 = 1.0F/(-t10*t8 + t11*t4);
    const float t31 = ((t2 >= 1.0F) ? (
   t3
)
: (
   t19
));
    const float t32 = t30*t31*t9;
    const float t33 = powf(t5, -3.0F);
    const float t34 = t11*t26;
    const float t35 = -t34;
    const float t36 = -t21;
    const float t37 = powf(t11, 2.0F);
    const float t38 = powf(t26, 2.0F);
    const float t39 = powf(t11, 3.0F);
    const float t40 = powf(t26, 3.0F);
    const float t41 = powf(t11, 4.0F);
    const float t42 = powf(t26, 4.0F);
    const float t43 = powf(t11, 5.0F);
    const float t44 = powf(t26, 5.0F);
    const float t45 = powf(t11, 6.0F);
    const float t46 = powf(t26, 6.0F);
    const float t47 = 1.0F/t26;
    const float t48 = -1.0F/2.0F*t18*t36*t47 + t6;
    const float t49 = (1.0F/2.0F)/(3.14159265358979323846F*gamma);
    const float t50 = gamma - 1.0F;
    const float t51 = t28 + t29;
    const float t52 = t12*t22 + t15*t51/(t20 + t23);
    const float t53 = t0*t49;
    return ((t1 <= t4 || x < 0.0F) ? (
   0.0F
)
: ((t1 <= t10) ? (
   ((gamma <= 1.0F/4.0F) ? (
      t49*(gamma*t0*(-t24*t28 - t24*t29 + t28*t32 + t29*t32) + t0*t12*t16*t17 + t14*t16*t22 + t14 + 2.0F*((t13 < 1.0F/16.0F) ? (
         t0*t33*powf(t35, 3.0F/2.0F)*(-powf(t11, 7.0F)*powf(t26, 7.0F)/powf(t5, 15.0F) + (1.0F/2.0F)*t11*t26*t36/powf(t5, 4.0F) + (1.0F/2.0F)*t17*t36 - t33*t34 + (1.0F/2.0F)*t36*t37*t38/powf(t5, 6.0F) + (1.0F/2.0F)*t36*t39*t40/powf(t5, 8.0F) + (1.0F/2.0F)*t36*t41*t42/powf(t5, 10.0F) + (1.0F/2.0F)*t36*t43*t44/powf(t5, 12.0F) + (1.0F/2.0F)*t36*t45*t46/powf(t5, 14.0F) - t37*t38/powf(t5, 5.0F) - t39*t40/powf(t5, 7.0F) - t41*t42/powf(t5, 9.0F) - t43*t44/powf(t5, 11.0F) - t45*t46/powf(t5, 13.0F) - t48)
      )
      : (
         t0*sqrtf(t35)*t6*(-t48 - 1.0F/2.0F*(t18*t36*t47 - 2.0F*t6)/(-t17*t34 + 1.0F))
      )))
   )
   : ((gamma <= 1.0F) ? (
      t53*(t30*t31*t50*t51*t9 - t52)
   )
   : (
      -t53*(t32*t50*t51 + t52)
   )))
)
: (
   0.0F
)));
}

__device__ float lmech_mp_quantile_lo(float q, float gamma, float sigma2) {
    return ((gamma > 1.0F) ? (
   0.0F
)
: (
   sigma2*powf(sqrtf(gamma) - 1.0F, 2.0F)
));
}

__device__ float lmech_mp_quantile_hi(float q, float gamma, float sigma2) {
    return sigma2*powf(sqrtf(gamma) + 1.0F, 2.0F);
}

__device__ float lmech_mp_quantile(float q, float gamma, float sigma2) {
    float lo = lmech_mp_quantile_lo(q, gamma, sigma2);
    float hi = lmech_mp_quantile_hi(q, gamma, sigma2);
    if (lo != lo || hi != hi) return NAN;
    if (lo > hi) lo = hi; /* ends computed by different roundings of one bound may cross by an ulp */
    float flo = lmech_mp_quantile_residual(lo, q, gamma, sigma2);
    if (flo >= 0) return lo;
    float fhi = lmech_mp_quantile_residual(hi, q, gamma, sigma2);
    if (fhi < 0) return hi;
    float u = lo - flo * ((hi - lo) / (fhi - flo));
    if (!(lo < u && u < hi)) u = lo + (float)0.5 * (hi - lo);
    float dx = hi - lo, dxold = hi - lo;
    int newton = 0;
    for (int it = 0; it < 1100; ++it) {
        float f = lmech_mp_quantile_residual(u, q, gamma, sigma2);
        if (f == 0) return u;
        if (f > 0) hi = u; else lo = u;
        float d = lmech_mp_quantile_derivative(u, q, gamma, sigma2);
        float step = (d > 0 && d < (float)INFINITY) ? f / d : (float)INFINITY;
        if (fabsf(step) <= 2 * 1.1920929e-07F * fabsf(u)) return u;
        float un = u - step;
        float mid = lo + (float)0.5 * (hi - lo);
        if (hi - lo <= 4 * 1.1920929e-07F * fmaxf(fabsf(lo), fabsf(hi)) || mid == lo || mid == hi) return (lo <= un && un <= hi) ? un : hi;
        if (!(lo < un && un < hi) || fabsf(step) > (float)0.5 * fabsf(dxold)) {
            dxold = dx;
            dx = (float)0.5 * (hi - lo);
            un = (lo > 0 && hi > 4 * lo) ? sqrtf(lo) * sqrtf(hi) : lo + dx;
            newton = 0;
        } else {
            /* quadratic convergence: the next correction is ~ step^3/previous^2 */
            if (newton && fabsf(step) * step * step <= (float)0.01 * 1.1920929e-07F * fabsf(un) * dx * dx) return un;
            dxold = dx;
            dx = step;
            newton = 1;
        }
        u = un;
    }
    return u;
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
