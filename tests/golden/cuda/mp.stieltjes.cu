// ===== lmech_mp_stieltjes float64
// mp.stieltjes: Stieltjes transform m(z)=int dmu/(x-z); on the cut it is the boundary value m(x+i0)
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Lemma 3.11 (eq. 3.3.1)
#include <thrust/complex.h>
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ thrust::complex<double> lmech_mp_stieltjes(thrust::complex<double> z, double gamma, double sigma2) {
    const thrust::complex<double> tc0 = -z;
    const double tc1 = sqrt(gamma);
    const thrust::complex<double> tc2 = thrust::sqrt(thrust::complex<double>(-sigma2*pow(1.0 - tc1, 2.0) - tc0))*thrust::sqrt(thrust::complex<double>(-sigma2*pow(tc1 + 1.0, 2.0) - tc0));
    const thrust::complex<double> tc3 = sigma2*(gamma - 1.0) + z;
    if (thrust::abs(thrust::complex<double>(tc2 + tc3)) < thrust::abs(thrust::complex<double>(tc2 - tc3))) {
        const thrust::complex<double> tb0_0 = -z;
        return (1.0/2.0)*(-sigma2*(gamma - 1.0) + tc0 + thrust::sqrt(thrust::complex<double>(-sigma2*pow(1.0 - tc1, 2.0) - tb0_0))*thrust::sqrt(thrust::complex<double>(-sigma2*pow(tc1 + 1.0, 2.0) - tb0_0)))/(gamma*sigma2*z);
    }
    else {
        const thrust::complex<double> tb1_0 = -z;
        return -2.0/(sigma2*(gamma - 1.0) - tc0 + thrust::sqrt(thrust::complex<double>(-sigma2*pow(1.0 - tc1, 2.0) - tb1_0))*thrust::sqrt(thrust::complex<double>(-sigma2*pow(tc1 + 1.0, 2.0) - tb1_0)));
    }
}

// cupy.ElementwiseKernel(
//     'complex128 z, float64 gamma, float64 sigma2',
//     'complex128 out',
//     'out = lmech_mp_stieltjes(z, gamma, sigma2)',
//     name='lmech_mp_stieltjes', preamble=<the code above>)

// ===== lmech_mp_stieltjes_inside float64
// mp.stieltjes: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'complex128 z, float64 gamma, float64 sigma2',
//     'bool out',
//     'out = (isfinite(z.real()) && isfinite(z.imag())) && (isfinite(gamma) && (0.0 < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY)) && ((gamma < 1.0 || z != 0.0))',
//     name='lmech_mp_stieltjes_inside', preamble=<the code above>)

// ===== lmech_mp_stieltjes float32
// mp.stieltjes: Stieltjes transform m(z)=int dmu/(x-z); on the cut it is the boundary value m(x+i0)
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Lemma 3.11 (eq. 3.3.1)
#include <thrust/complex.h>
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ thrust::complex<float> lmech_mp_stieltjes(thrust::complex<float> z, float gamma, float sigma2) {
    const thrust::complex<float> tc0 = -z;
    const float tc1 = sqrtf(gamma);
    const thrust::complex<float> tc2 = thrust::sqrt(thrust::complex<float>(-sigma2*powf(1.0F - tc1, 2.0F) - tc0))*thrust::sqrt(thrust::complex<float>(-sigma2*powf(tc1 + 1.0F, 2.0F) - tc0));
    const thrust::complex<float> tc3 = sigma2*(gamma - 1.0F) + z;
    if (thrust::abs(thrust::complex<float>(tc2 + tc3)) < thrust::abs(thrust::complex<float>(tc2 - tc3))) {
        const thrust::complex<float> tb0_0 = -z;
        return (1.0F/2.0F)*(-sigma2*(gamma - 1.0F) + tc0 + thrust::sqrt(thrust::complex<float>(-sigma2*powf(1.0F - tc1, 2.0F) - tb0_0))*thrust::sqrt(thrust::complex<float>(-sigma2*powf(tc1 + 1.0F, 2.0F) - tb0_0)))/(gamma*sigma2*z);
    }
    else {
        const thrust::complex<float> tb1_0 = -z;
        return -2.0F/(sigma2*(gamma - 1.0F) - tc0 + thrust::sqrt(thrust::complex<float>(-sigma2*powf(1.0F - tc1, 2.0F) - tb1_0))*thrust::sqrt(thrust::complex<float>(-sigma2*powf(tc1 + 1.0F, 2.0F) - tb1_0)));
    }
}

// cupy.ElementwiseKernel(
//     'complex64 z, float32 gamma, float32 sigma2',
//     'complex64 out',
//     'out = lmech_mp_stieltjes(z, gamma, sigma2)',
//     name='lmech_mp_stieltjes', preamble=<the code above>)

// ===== lmech_mp_stieltjes_inside float32
// mp.stieltjes: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'complex64 z, float32 gamma, float32 sigma2',
//     'bool out',
//     'out = (isfinite(z.real()) && isfinite(z.imag())) && (isfinite(gamma) && (0.0F < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY)) && ((gamma < 1.0F || z != 0.0F))',
//     name='lmech_mp_stieltjes_inside', preamble=<the code above>)
