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
    const double tc0 = x/sigma2;
    const double tc1 = sqrt(gamma);
    if (x < 0.0) {
        return 0.0;
    }
    else if (tc0 <= pow(tc1 - 1.0, 2.0)) {
        if (gamma > 1.0) {
            return 1.0 - 1.0/gamma;
        }
        else {
            return 0.0;
        }
    }
    else if (tc0 <= pow(tc1 + 1.0, 2.0)) {
        if (gamma <= 1.0/4.0) {
            const double tb2_b0_0 = tc0 - pow(tc1 - 1.0, 2.0);
            const double tb2_b0_1 = -x/sigma2;
            const double tb2_b0_2 = tb2_b0_1 + pow(tc1 + 1.0, 2.0);
            const double tb2_b0_3 = tb2_b0_0*tb2_b0_2;
            const double tb2_b0_4 = sqrt(tb2_b0_3);
            const double tb2_b0_5 = fabs(gamma - 1.0);
            const double tb2_b0_6 = tb2_b0_5 + tc0;
            const double tb2_b0_7 = tb2_b0_4/tb2_b0_6;
            return (1.0/2.0)*(2.0*gamma*atan2(tb2_b0_4, tb2_b0_1 + tb2_b0_5) - tb2_b0_7*(gamma - tc0 + 1.0) + 2.0*((tb2_b0_7 < 1.0/16.0) ? (
   (1.0/765765.0)*pow(tb2_b0_3, 3.0/2.0)*(-45045.0*pow(tb2_b0_0, 7.0)*pow(tb2_b0_2, 7.0)/pow(tb2_b0_6, 14.0) + 51051.0*pow(tb2_b0_0, 6.0)*pow(tb2_b0_2, 6.0)/pow(tb2_b0_6, 12.0) - 58905.0*pow(tb2_b0_0, 5.0)*pow(tb2_b0_2, 5.0)/pow(tb2_b0_6, 10.0) + 69615.0*pow(tb2_b0_0, 4.0)*pow(tb2_b0_2, 4.0)/pow(tb2_b0_6, 8.0) - 85085.0*pow(tb2_b0_0, 3.0)*pow(tb2_b0_2, 3.0)/pow(tb2_b0_6, 6.0) + 109395.0*pow(tb2_b0_0, 2.0)*pow(tb2_b0_2, 2.0)/pow(tb2_b0_6, 4.0) - 153153.0*tb2_b0_3/pow(tb2_b0_6, 2.0) + 255255.0)/pow(tb2_b0_6, 3.0)
)
: (
   tb2_b0_7 - atan(tb2_b0_7)
)))/(3.14159265358979323846*gamma);
        }
        else if (gamma <= 1.0) {
            const double tb2_b1_0 = -x/sigma2;
            const double tb2_b1_1 = sqrt((tb2_b1_0 + pow(tc1 + 1.0, 2.0))*(tc0 - pow(tc1 - 1.0, 2.0)));
            const double tb2_b1_2 = fabs(gamma - 1.0);
            return (1.0/2.0)*(2.0*gamma*atan2(tb2_b1_1, tb2_b1_0 + tb2_b1_2) + tb2_b1_1 - 2.0*atan(tb2_b1_1/(tb2_b1_2 + tc0)))/(3.14159265358979323846*gamma);
        }
        else {
            const double tb2_b2_0 = 1.0/gamma;
            const double tb2_b2_1 = -x/sigma2;
            const double tb2_b2_2 = sqrt((tb2_b2_1 + pow(tc1 + 1.0, 2.0))*(tc0 - pow(tc1 - 1.0, 2.0)));
            const double tb2_b2_3 = fabs(gamma - 1.0);
            return (1.0/2.0)*tb2_b2_0*(-2.0*gamma*atan(tb2_b2_2/(tb2_b2_3 + tc0)) + tb2_b2_2 + 2.0*atan2(tb2_b2_2, tb2_b2_1 + tb2_b2_3))/3.14159265358979323846 - tb2_b2_0 + 1.0;
        }
    }
    else {
        return 1.0;
    }
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
    const float tc0 = x/sigma2;
    const float tc1 = sqrtf(gamma);
    if (x < 0.0F) {
        return 0.0F;
    }
    else if (tc0 <= powf(tc1 - 1.0F, 2.0F)) {
        if (gamma > 1.0F) {
            return 1.0F - 1.0F/gamma;
        }
        else {
            return 0.0F;
        }
    }
    else if (tc0 <= powf(tc1 + 1.0F, 2.0F)) {
        if (gamma <= 1.0F/4.0F) {
            const float tb2_b0_0 = tc0 - powf(tc1 - 1.0F, 2.0F);
            const float tb2_b0_1 = -x/sigma2;
            const float tb2_b0_2 = tb2_b0_1 + powf(tc1 + 1.0F, 2.0F);
            const float tb2_b0_3 = tb2_b0_0*tb2_b0_2;
            const float tb2_b0_4 = sqrtf(tb2_b0_3);
            const float tb2_b0_5 = fabsf(gamma - 1.0F);
            const float tb2_b0_6 = tb2_b0_5 + tc0;
            const float tb2_b0_7 = tb2_b0_4/tb2_b0_6;
            return (1.0F/2.0F)*(2.0F*gamma*atan2f(tb2_b0_4, tb2_b0_1 + tb2_b0_5) - tb2_b0_7*(gamma - tc0 + 1.0F) + 2.0F*((tb2_b0_7 < 1.0F/16.0F) ? (
   (1.0F/765765.0F)*powf(tb2_b0_3, 3.0F/2.0F)*(-45045.0F*powf(tb2_b0_0, 7.0F)*powf(tb2_b0_2, 7.0F)/powf(tb2_b0_6, 14.0F) + 51051.0F*powf(tb2_b0_0, 6.0F)*powf(tb2_b0_2, 6.0F)/powf(tb2_b0_6, 12.0F) - 58905.0F*powf(tb2_b0_0, 5.0F)*powf(tb2_b0_2, 5.0F)/powf(tb2_b0_6, 10.0F) + 69615.0F*powf(tb2_b0_0, 4.0F)*powf(tb2_b0_2, 4.0F)/powf(tb2_b0_6, 8.0F) - 85085.0F*powf(tb2_b0_0, 3.0F)*powf(tb2_b0_2, 3.0F)/powf(tb2_b0_6, 6.0F) + 109395.0F*powf(tb2_b0_0, 2.0F)*powf(tb2_b0_2, 2.0F)/powf(tb2_b0_6, 4.0F) - 153153.0F*tb2_b0_3/powf(tb2_b0_6, 2.0F) + 255255.0F)/powf(tb2_b0_6, 3.0F)
)
: (
   tb2_b0_7 - atanf(tb2_b0_7)
)))/(3.14159265358979323846F*gamma);
        }
        else if (gamma <= 1.0F) {
            const float tb2_b1_0 = -x/sigma2;
            const float tb2_b1_1 = sqrtf((tb2_b1_0 + powf(tc1 + 1.0F, 2.0F))*(tc0 - powf(tc1 - 1.0F, 2.0F)));
            const float tb2_b1_2 = fabsf(gamma - 1.0F);
            return (1.0F/2.0F)*(2.0F*gamma*atan2f(tb2_b1_1, tb2_b1_0 + tb2_b1_2) + tb2_b1_1 - 2.0F*atanf(tb2_b1_1/(tb2_b1_2 + tc0)))/(3.14159265358979323846F*gamma);
        }
        else {
            const float tb2_b2_0 = 1.0F/gamma;
            const float tb2_b2_1 = -x/sigma2;
            const float tb2_b2_2 = sqrtf((tb2_b2_1 + powf(tc1 + 1.0F, 2.0F))*(tc0 - powf(tc1 - 1.0F, 2.0F)));
            const float tb2_b2_3 = fabsf(gamma - 1.0F);
            return (1.0F/2.0F)*tb2_b2_0*(-2.0F*gamma*atanf(tb2_b2_2/(tb2_b2_3 + tc0)) + tb2_b2_2 + 2.0F*atan2f(tb2_b2_2, tb2_b2_1 + tb2_b2_3))/3.14159265358979323846F - tb2_b2_0 + 1.0F;
        }
    }
    else {
        return 1.0F;
    }
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
