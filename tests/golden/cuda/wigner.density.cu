// ===== lmech_wigner_density float64
// wigner.density: semicircle density sqrt(4 sigma2 - x^2)/(2 pi sigma2)
// Wigner, Ann. Math. 62:548 (1955); Anderson-Guionnet-Zeitouni (2010) Thm 2.1.1, eq. 2.4.6
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_wigner_density(double x, double sigma2) {
    if (fabs(x) < 2.0*sqrt(sigma2)) {
        const double tb0_0 = 2.0*sqrt(sigma2);
        return (1.0/2.0)*sqrt((tb0_0 - x)*(tb0_0 + x))/(3.14159265358979323846*sigma2);
    }
    else {
        return 0.0;
    }
}

// cupy.ElementwiseKernel(
//     'float64 x, float64 sigma2',
//     'float64 out',
//     'out = lmech_wigner_density(x, sigma2)',
//     name='lmech_wigner_density', preamble=<the code above>)

// ===== lmech_wigner_density_inside float64
// wigner.density: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 x, float64 sigma2',
//     'bool out',
//     'out = (isfinite(x)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY))',
//     name='lmech_wigner_density_inside', preamble=<the code above>)

// ===== lmech_wigner_density float32
// wigner.density: semicircle density sqrt(4 sigma2 - x^2)/(2 pi sigma2)
// Wigner, Ann. Math. 62:548 (1955); Anderson-Guionnet-Zeitouni (2010) Thm 2.1.1, eq. 2.4.6
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_wigner_density(float x, float sigma2) {
    if (fabsf(x) < 2.0F*sqrtf(sigma2)) {
        const float tb0_0 = 2.0F*sqrtf(sigma2);
        return (1.0F/2.0F)*sqrtf((tb0_0 - x)*(tb0_0 + x))/(3.14159265358979323846F*sigma2);
    }
    else {
        return 0.0F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 x, float32 sigma2',
//     'float32 out',
//     'out = lmech_wigner_density(x, sigma2)',
//     name='lmech_wigner_density', preamble=<the code above>)

// ===== lmech_wigner_density_inside float32
// wigner.density: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 x, float32 sigma2',
//     'bool out',
//     'out = (isfinite(x)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY))',
//     name='lmech_wigner_density_inside', preamble=<the code above>)
