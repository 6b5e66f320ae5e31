// ===== lmech_wigner_stieltjes float64
// wigner.stieltjes: Stieltjes transform m(z)=int dmu/(x-z); on the cut it is the boundary value m(x+i0)
// Wigner, Ann. Math. 62:548 (1955); Anderson-Guionnet-Zeitouni (2010) Thm 2.1.1, eq. 2.4.6
#include <thrust/complex.h>
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ thrust::complex<double> lmech_wigner_stieltjes(thrust::complex<double> z, double sigma2) {
    const double t0 = 2.0*sqrt(sigma2);
    return -2.0/(z + thrust::sqrt(thrust::complex<double>(-t0 + z))*thrust::sqrt(thrust::complex<double>(t0 + z)));
}

// cupy.ElementwiseKernel(
//     'complex128 z, float64 sigma2',
//     'complex128 out',
//     'out = lmech_wigner_stieltjes(z, sigma2)',
//     name='lmech_wigner_stieltjes', preamble=<the code above>)

// ===== lmech_wigner_stieltjes_inside float64
// wigner.stieltjes: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'complex128 z, float64 sigma2',
//     'bool out',
//     'out = (isfinite(z.real()) && isfinite(z.imag())) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY))',
//     name='lmech_wigner_stieltjes_inside', preamble=<the code above>)

// ===== lmech_wigner_stieltjes float32
// wigner.stieltjes: Stieltjes transform m(z)=int dmu/(x-z); on the cut it is the boundary value m(x+i0)
// Wigner, Ann. Math. 62:548 (1955); Anderson-Guionnet-Zeitouni (2010) Thm 2.1.1, eq. 2.4.6
#include <thrust/complex.h>
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ thrust::complex<float> lmech_wigner_stieltjes(thrust::complex<float> z, float sigma2) {
    const float t0 = 2.0F*sqrtf(sigma2);
    return -2.0F/(z + thrust::sqrt(thrust::complex<float>(-t0 + z))*thrust::sqrt(thrust::complex<float>(t0 + z)));
}

// cupy.ElementwiseKernel(
//     'complex64 z, float32 sigma2',
//     'complex64 out',
//     'out = lmech_wigner_stieltjes(z, sigma2)',
//     name='lmech_wigner_stieltjes', preamble=<the code above>)

// ===== lmech_wigner_stieltjes_inside float32
// wigner.stieltjes: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'complex64 z, float32 sigma2',
//     'bool out',
//     'out = (isfinite(z.real()) && isfinite(z.imag())) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY))',
//     name='lmech_wigner_stieltjes_inside', preamble=<the code above>)
