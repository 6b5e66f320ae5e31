// ===== lmech_nngp_erf_critical_bias float64
// nngp.erf_critical_bias: the edge of chaos of an erf network: the bias variance C_b at which chi_perp(q*) = 1 for weight variance C_W (q* = ((4 C_W/pi)^2 - 1)/4 there); ordered (chi_perp < 1) for larger C_b, chaotic for smaller
// Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, arXiv 1611.01232, Eqs. (3)-(9) (equation numbers unconfirmed); Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 5 (the edge of chaos chi_perp(q*) = 1); the erf expectation: Williams, NIPS 1997
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_erf_critical_bias(double C_W) {
    const double t0 = pow(3.14159265358979323846, 2.0);
    const double t1 = pow(C_W, 2.0);
    const double t2 = -1.0 + 16.0*t1/t0;
    const double t3 = 1.0/t1;
    const double t4 = pow(t2, 2.0);
    const double t5 = t0*t3*t4;
    const double t6 = 1.0/C_W;
    const double t7 = 3.14159265358979323846*t2*t6;
    return 2.0*C_W*((t7 < 4.0/5.0) ? (
   (1.0/2596148429267413814265248164610048.0)*pow(3.14159265358979323846, 3.0)*pow(t2, 3.0)*(-t5*(-t5*(-t5*(-t5*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(0.00040064102564102564*t0*t3*t4 - 0.027027027027027027) + 1.8285714285714286) - 124.12121212121212) + 8456.258064516129) - 578524.68965517241) + 39768215.703703704) - 2748779069.44) + 191219413526.26087) - 13403570319555.048) + 948126237341157.05) - 67818912035696881.0) + 4.9191317529892138e+18) - 3.6325896022074194e+20) + 2.747558680942339e+22) + 2.1492014570926741e+24) + 1.7684857704076861e+26) + 1.5845632502852868e+28) + 1.6902008003043059e+30)/pow(C_W, 3.0)
)
: (
   (1.0/8.0)*3.14159265358979323846*t2*t6 - atan((1.0/8.0)*t7)
))/3.14159265358979323846;
}

// cupy.ElementwiseKernel(
//     'float64 C_W',
//     'float64 out',
//     'out = lmech_nngp_erf_critical_bias(C_W)',
//     name='lmech_nngp_erf_critical_bias', preamble=<the code above>)

// ===== lmech_nngp_erf_critical_bias_inside float64
// nngp.erf_critical_bias: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 C_W',
//     'bool out',
//     'out = (isfinite(C_W) && ((1.0/4.0)*3.14159265358979323846 <= C_W && C_W < INFINITY))',
//     name='lmech_nngp_erf_critical_bias_inside', preamble=<the code above>)

// ===== lmech_nngp_erf_critical_bias float32
// nngp.erf_critical_bias: the edge of chaos of an erf network: the bias variance C_b at which chi_perp(q*) = 1 for weight variance C_W (q* = ((4 C_W/pi)^2 - 1)/4 there); ordered (chi_perp < 1) for larger C_b, chaotic for smaller
// Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, arXiv 1611.01232, Eqs. (3)-(9) (equation numbers unconfirmed); Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 5 (the edge of chaos chi_perp(q*) = 1); the erf expectation: Williams, NIPS 1997
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_erf_critical_bias(float C_W) {
    const float t0 = powf(3.14159265358979323846F, 2.0F);
    const float t1 = powf(C_W, 2.0F);
    const float t2 = -1.0F + 16.0F*t1/t0;
    const float t3 = 1.0F/t1;
    const float t4 = powf(t2, 2.0F);
    const float t5 = t0*t3*t4;
    const float t6 = 1.0F/C_W;
    const float t7 = 3.14159265358979323846F*t2*t6;
    return 2.0F*C_W*((t7 < 4.0F/5.0F) ? (
   (1.0F/2596148429267413814265248164610048.0F)*powf(3.14159265358979323846F, 3.0F)*powf(t2, 3.0F)*(-t5*(-t5*(-t5*(-t5*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(t0*t3*t4*(t5*(0.000400641026F*t0*t3*t4 - 0.027027027F) + 1.82857143F) - 124.121212F) + 8456.25806F) - 578524.69F) + 39768215.7F) - 2.74877907e+9F) + 1.91219414e+11F) - 1.34035703e+13F) + 9.48126237e+14F) - 6.7818912e+16F) + 4.91913175e+18F) - 3.6325896e+20F) + 2.74755868e+22F) + 2.14920146e+24F) + 1.76848577e+26F) + 1.58456325e+28F) + 1.6902008e+30F)/powf(C_W, 3.0F)
)
: (
   (1.0F/8.0F)*3.14159265358979323846F*t2*t6 - atanf((1.0F/8.0F)*t7)
))/3.14159265358979323846F;
}

// cupy.ElementwiseKernel(
//     'float32 C_W',
//     'float32 out',
//     'out = lmech_nngp_erf_critical_bias(C_W)',
//     name='lmech_nngp_erf_critical_bias', preamble=<the code above>)

// ===== lmech_nngp_erf_critical_bias_inside float32
// nngp.erf_critical_bias: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 C_W',
//     'bool out',
//     'out = (isfinite(C_W) && ((1.0F/4.0F)*3.14159265358979323846F <= C_W && C_W < INFINITY))',
//     name='lmech_nngp_erf_critical_bias_inside', preamble=<the code above>)
