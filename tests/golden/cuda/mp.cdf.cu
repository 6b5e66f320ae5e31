// ===== lmech_mp_cdf float64
// mp.cdf: Marchenko-Pastur CDF including the atom 1 - 1/gamma at 0
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; closed form from the antiderivative of Bai & Silverstein eq. 3.1.1 (THEORY.md §1.2)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_mp_cdf(double x, double gamma, double sigma2) {
    const double t0 = 1.0/gamma;
    const double t1 = 1.0 - t0;
    const double t2 = x/sigma2;
    const double t3 = sqrt(gamma);
    const double t4 = t3 - 1.0;
    const double t5 = pow(t4, 2.0);
    const double t6 = -t2;
    const double t7 = gamma + 1.0;
    const double t8 = -gamma + t2 + 1.0;
    const double t9 = t3 + 1.0;
    const double t10 = pow(t9, 2.0);
    const double t11 = t10 + t6;
    const double t12 = sqrt(-t11*(t5 + t6));
    const double t13 = t12/t8;
    const double t14 = pow(t4, 2.0) + t6;
    const double t15 = sqrt(-t14);
    const double t16 = sqrt(t11);
    const double t17 = atan2(t15, t16);
    const double t18 = atan2(t15*t9, t16*fabs(t4));
    const double t19 = t11*t14;
    const double t20 = (1.0/2.0)*t0/3.14159265358979323846;
    const double t21 = 2.0*t18*(gamma - 1.0);
    const double t22 = t12 + 2.0*t17*t7;
    return ((x < 0.0) ? (
   0.0
)
: ((t2 <= t5) ? (
   ((gamma > 1.0) ? (
      t1
   )
   : (
      0.0
   ))
)
: ((t10 >= t2) ? (
   ((gamma <= 1.0/4.0) ? (
      t20*(2.0*gamma*(t17 + t18) - t13*(t6 + t7) + 2.0*((t13 < 1.0/16.0) ? (
         (1.0/765765.0)*pow(-t19, 3.0/2.0)*(45045.0*pow(t11, 7.0)*pow(t14, 7.0)/pow(t8, 14.0) + 51051.0*pow(t11, 6.0)*pow(t14, 6.0)/pow(t8, 12.0) + 58905.0*pow(t11, 5.0)*pow(t14, 5.0)/pow(t8, 10.0) + 69615.0*pow(t11, 4.0)*pow(t14, 4.0)/pow(t8, 8.0) + 85085.0*pow(t11, 3.0)*pow(t14, 3.0)/pow(t8, 6.0) + 109395.0*pow(t11, 2.0)*pow(t14, 2.0)/pow(t8, 4.0) + 153153.0*t19/pow(t8, 2.0) + 255255.0)/pow(t8, 3.0)
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

// cupy.ElementwiseKernel(
//     'float64 x, float64 gamma, float64 sigma2',
//     'float64 out',
//     'out = lmech_mp_cdf(x, gamma, sigma2)',
//     name='lmech_mp_cdf', preamble=<the code above>)

// ===== lmech_mp_cdf_inside float64
// mp.cdf: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 x, float64 gamma, float64 sigma2',
//     'bool out',
//     'out = (isfinite(x)) && (isfinite(gamma) && (0.0 < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY))',
//     name='lmech_mp_cdf_inside', preamble=<the code above>)

// ===== lmech_mp_cdf float32
// mp.cdf: Marchenko-Pastur CDF including the atom 1 - 1/gamma at 0
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; closed form from the antiderivative of Bai & Silverstein eq. 3.1.1 (THEORY.md §1.2)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_mp_cdf(float x, float gamma, float sigma2) {
    const float t0 = 1.0F/gamma;
    const float t1 = 1.0F - t0;
    const float t2 = x/sigma2;
    const float t3 = sqrtf(gamma);
    const float t4 = t3 - 1.0F;
    const float t5 = powf(t4, 2.0F);
    const float t6 = -t2;
    const float t7 = gamma + 1.0F;
    const float t8 = -gamma + t2 + 1.0F;
    const float t9 = t3 + 1.0F;
    const float t10 = powf(t9, 2.0F);
    const float t11 = t10 + t6;
    const float t12 = sqrtf(-t11*(t5 + t6));
    const float t13 = t12/t8;
    const float t14 = powf(t4, 2.0F) + t6;
    const float t15 = sqrtf(-t14);
    const float t16 = sqrtf(t11);
    const float t17 = atan2f(t15, t16);
    const float t18 = atan2f(t15*t9, t16*fabsf(t4));
    const float t19 = t11*t14;
    const float t20 = (1.0F/2.0F)*t0/3.14159265358979323846F;
    const float t21 = 2.0F*t18*(gamma - 1.0F);
    const float t22 = t12 + 2.0F*t17*t7;
    return ((x < 0.0F) ? (
   0.0F
)
: ((t2 <= t5) ? (
   ((gamma > 1.0F) ? (
      t1
   )
   : (
      0.0F
   ))
)
: ((t10 >= t2) ? (
   ((gamma <= 1.0F/4.0F) ? (
      t20*(2.0F*gamma*(t17 + t18) - t13*(t6 + t7) + 2.0F*((t13 < 1.0F/16.0F) ? (
         (1.0F/765765.0F)*powf(-t19, 3.0F/2.0F)*(45045.0F*powf(t11, 7.0F)*powf(t14, 7.0F)/powf(t8, 14.0F) + 51051.0F*powf(t11, 6.0F)*powf(t14, 6.0F)/powf(t8, 12.0F) + 58905.0F*powf(t11, 5.0F)*powf(t14, 5.0F)/powf(t8, 10.0F) + 69615.0F*powf(t11, 4.0F)*powf(t14, 4.0F)/powf(t8, 8.0F) + 85085.0F*powf(t11, 3.0F)*powf(t14, 3.0F)/powf(t8, 6.0F) + 109395.0F*powf(t11, 2.0F)*powf(t14, 2.0F)/powf(t8, 4.0F) + 153153.0F*t19/powf(t8, 2.0F) + 255255.0F)/powf(t8, 3.0F)
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

// cupy.ElementwiseKernel(
//     'float32 x, float32 gamma, float32 sigma2',
//     'float32 out',
//     'out = lmech_mp_cdf(x, gamma, sigma2)',
//     name='lmech_mp_cdf', preamble=<the code above>)

// ===== lmech_mp_cdf_inside float32
// mp.cdf: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 x, float32 gamma, float32 sigma2',
//     'bool out',
//     'out = (isfinite(x)) && (isfinite(gamma) && (0.0F < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY))',
//     name='lmech_mp_cdf_inside', preamble=<the code above>)
