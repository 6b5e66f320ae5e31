// ===== lmech_mp_density float64
// mp.density: Marchenko-Pastur density of the continuous part (the atom at 0 is mp.zero_mass)
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Thm 3.6 (eq. 3.1.1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_mp_density(double x, double gamma, double sigma2) {
    const double tc0 = sqrt(gamma);
    if (x > sigma2*pow(tc0 - 1.0, 2.0) && x < sigma2*pow(tc0 + 1.0, 2.0)) {
        const double tb0_0 = -x;
        return (1.0/2.0)*sqrt(-(sigma2*pow(tc0 - 1.0, 2.0) + tb0_0)*(sigma2*pow(tc0 + 1.0, 2.0) + tb0_0))/(3.14159265358979323846*gamma*sigma2*x);
    }
    else {
        return 0.0;
    }
}

// cupy.ElementwiseKernel(
//     'float64 x, float64 gamma, float64 sigma2',
//     'float64 out',
//     'out = lmech_mp_density(x, gamma, sigma2)',
//     name='lmech_mp_density', preamble=<the code above>)

// ===== lmech_mp_density_inside float64
// mp.density: domain of every parameter and the where relations
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
//     name='lmech_mp_density_inside', preamble=<the code above>)

// ===== lmech_mp_density float32
// mp.density: Marchenko-Pastur density of the continuous part (the atom at 0 is mp.zero_mass)
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Thm 3.6 (eq. 3.1.1)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_mp_density(float x, float gamma, float sigma2) {
    const float tc0 = sqrtf(gamma);
    if (x > sigma2*powf(tc0 - 1.0F, 2.0F) && x < sigma2*powf(tc0 + 1.0F, 2.0F)) {
        const float tb0_0 = -x;
        return (1.0F/2.0F)*sqrtf(-(sigma2*powf(tc0 - 1.0F, 2.0F) + tb0_0)*(sigma2*powf(tc0 + 1.0F, 2.0F) + tb0_0))/(3.14159265358979323846F*gamma*sigma2*x);
    }
    else {
        return 0.0F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 x, float32 gamma, float32 sigma2',
//     'float32 out',
//     'out = lmech_mp_density(x, gamma, sigma2)',
//     name='lmech_mp_density', preamble=<the code above>)

// ===== lmech_mp_density_inside float32
// mp.density: domain of every parameter and the where relations
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
//     name='lmech_mp_density_inside', preamble=<the code above>)
