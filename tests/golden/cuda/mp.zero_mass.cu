// ===== lmech_mp_zero_mass float64
// mp.zero_mass: mass of the atom at 0, 1 - 1/gamma when gamma > 1
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Thm 3.6
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_mp_zero_mass(double gamma) {
    if (gamma > 1.0) {
        return 1.0 - 1.0/gamma;
    }
    else {
        return 0.0;
    }
}

// cupy.ElementwiseKernel(
//     'float64 gamma',
//     'float64 out',
//     'out = lmech_mp_zero_mass(gamma)',
//     name='lmech_mp_zero_mass', preamble=<the code above>)

// ===== lmech_mp_zero_mass_inside float64
// mp.zero_mass: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 gamma',
//     'bool out',
//     'out = (isfinite(gamma) && (0.0 < gamma && gamma < INFINITY))',
//     name='lmech_mp_zero_mass_inside', preamble=<the code above>)

// ===== lmech_mp_zero_mass float32
// mp.zero_mass: mass of the atom at 0, 1 - 1/gamma when gamma > 1
// Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3; Bai & Silverstein Thm 3.6
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_mp_zero_mass(float gamma) {
    if (gamma > 1.0F) {
        return 1.0F - 1.0F/gamma;
    }
    else {
        return 0.0F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 gamma',
//     'float32 out',
//     'out = lmech_mp_zero_mass(gamma)',
//     name='lmech_mp_zero_mass', preamble=<the code above>)

// ===== lmech_mp_zero_mass_inside float32
// mp.zero_mass: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 gamma',
//     'bool out',
//     'out = (isfinite(gamma) && (0.0F < gamma && gamma < INFINITY))',
//     name='lmech_mp_zero_mass_inside', preamble=<the code above>)
