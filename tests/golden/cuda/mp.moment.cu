// ===== lmech_mp_moment float64
// mp.moment: k-th moment lim E (1/p) tr S^k = sigma2^k * Narayana_k(gamma)
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Lemma 3.1 (Narayana polynomials)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_binom(double n, double k) {
    if (n - k < k) k = n - k;
    if (k < 0) return 0;
    double acc = 1;
    for (long i = 0; i < (long)k; ++i) acc = acc * (n - i) / (i + 1);
    return acc;
}

__device__ double lmech_mp_moment_sum0(double gamma, double k) {
    double acc = 0;
    for (long r_ = (long)(0.0); r_ <= (long)(k - 1.0); ++r_) {
        const double r = (double)r_;
        acc += pow(gamma, r)*lmech_binom(k, r)*lmech_binom(k - 1.0, r)/(r + 1.0);
    }
    return acc;
}

__device__ double lmech_mp_moment(double k, double gamma, double sigma2) {
    return pow(sigma2, k)*lmech_mp_moment_sum0(gamma, k);
}

// cupy.ElementwiseKernel(
//     'float64 k, float64 gamma, float64 sigma2',
//     'float64 out',
//     'out = lmech_mp_moment(k, gamma, sigma2)',
//     name='lmech_mp_moment', preamble=<the code above>)

// ===== lmech_mp_moment_inside float64
// mp.moment: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 k, float64 gamma, float64 sigma2',
//     'bool out',
//     'out = (isfinite(k) && (k >= 1.0 && k < INFINITY) && k == rint(k)) && (isfinite(gamma) && (0.0 < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0 < sigma2 && sigma2 < INFINITY))',
//     name='lmech_mp_moment_inside', preamble=<the code above>)

// ===== lmech_mp_moment float32
// mp.moment: k-th moment lim E (1/p) tr S^k = sigma2^k * Narayana_k(gamma)
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Lemma 3.1 (Narayana polynomials)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_binom(float n, float k) {
    if (n - k < k) k = n - k;
    if (k < 0) return 0;
    float acc = 1;
    for (long i = 0; i < (long)k; ++i) acc = acc * (n - i) / (i + 1);
    return acc;
}

__device__ float lmech_mp_moment_sum0(float gamma, float k) {
    float acc = 0;
    for (long r_ = (long)(0.0F); r_ <= (long)(k - 1.0F); ++r_) {
        const float r = (float)r_;
        acc += powf(gamma, r)*lmech_binom(k, r)*lmech_binom(k - 1.0F, r)/(r + 1.0F);
    }
    return acc;
}

__device__ float lmech_mp_moment(float k, float gamma, float sigma2) {
    return powf(sigma2, k)*lmech_mp_moment_sum0(gamma, k);
}

// cupy.ElementwiseKernel(
//     'float32 k, float32 gamma, float32 sigma2',
//     'float32 out',
//     'out = lmech_mp_moment(k, gamma, sigma2)',
//     name='lmech_mp_moment', preamble=<the code above>)

// ===== lmech_mp_moment_inside float32
// mp.moment: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 k, float32 gamma, float32 sigma2',
//     'bool out',
//     'out = (isfinite(k) && (k >= 1.0F && k < INFINITY) && k == rint(k)) && (isfinite(gamma) && (0.0F < gamma && gamma < INFINITY)) && (isfinite(sigma2) && (0.0F < sigma2 && sigma2 < INFINITY))',
//     name='lmech_mp_moment_inside', preamble=<the code above>)
