// ===== lmech_nngp_erf_fixed_point float64
// nngp.erf_fixed_point: the stable fixed point q* = C_b + C_W E[erf(sqrt(q*) z)^2] of a single input's preactivation variance (0 when C_b = 0 and C_W <= pi/4)
// Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, arXiv 1611.01232, Eqs. (3)-(9) (equation numbers unconfirmed); Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 5; the erf expectation: Williams, NIPS 1997
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_nngp_erf_fixed_point_residual(double q, double C_W, double C_b) {
    if (q <= 0.0) {
        return -C_W + (1.0/4.0)*3.14159265358979323846;
    }
    else {
        return -C_W - 1.0/2.0*3.14159265358979323846*(C_b - q)/atan(2.0*q/sqrt(4.0*q + 1.0));
    }
}

__device__ double lmech_nngp_erf_fixed_point_derivative(double q, double C_W, double C_b) {
    if (q <= 0.0) {
        return 0.0;
    }
    else {
        const double tb1_0 = 4.0*q + 1.0;
        const double tb1_1 = pow(tb1_0, -1.0/2.0);
        const double tb1_2 = 2.0*q;
        const double tb1_3 = 1.0/atan(tb1_1*tb1_2);
        const double tb1_4 = 1.0/tb1_0;
        return 3.14159265358979323846*tb1_3*(-tb1_1*tb1_3*(C_b - q)*(tb1_2*tb1_4 - 1.0)/(4.0*pow(q, 2.0)*tb1_4 + 1.0) + 1.0/2.0);
    }
}

__device__ double lmech_nngp_erf_fixed_point_lo(double C_W, double C_b) {
    return C_b;
}

__device__ double lmech_nngp_erf_fixed_point_hi(double C_W, double C_b) {
    return C_W + C_b;
}

__device__ double lmech_nngp_erf_fixed_point(double C_W, double C_b) {
    double lo = lmech_nngp_erf_fixed_point_lo(C_W, C_b);
    double hi = lmech_nngp_erf_fixed_point_hi(C_W, C_b);
    if ((isnan(lo) || isnan(hi))) {
        return (double)NAN;
    }
    lo = fmin(lo, hi);
    double flo = (lmech_nngp_erf_fixed_point_residual(lo, C_W, C_b));
    if ((flo >= (double)0.0)) {
        return lo;
    }
    double fhi = (lmech_nngp_erf_fixed_point_residual(hi, C_W, C_b));
    if ((fhi < (double)0.0)) {
        return hi;
    }
    double u = (lo - (flo * ((hi - lo) / (fhi - flo))));
    if ((!((lo < u) && (u < hi)))) {
        u = (lo + ((double)0.5 * (hi - lo)));
    }
    double dx = (hi - lo);
    double dxold = dx;
    int newton = 0;
    double run = (double)0.0;
    for (int it = 0; it < 1100; ++it) {
        double f = (lmech_nngp_erf_fixed_point_residual(u, C_W, C_b));
        if ((f == (double)0.0)) {
            return u;
        }
        if ((f > (double)0.0)) {
            hi = u;
            run = (fmin(run, (double)0.0) - (double)1.0);
        } else {
            lo = u;
            run = (fmax(run, (double)0.0) + (double)1.0);
        }
        double d = (lmech_nngp_erf_fixed_point_derivative(u, C_W, C_b));
        double step = (((d > (double)0.0) && (d < (double)INFINITY)) ? (f / d) : (double)INFINITY);
        if ((fabs(step) <= (((double)2.0 * 2.220446049250313e-16) * fabs(u)))) {
            return u;
        }
        double un = (u - step);
        double mid = (lo + ((double)0.5 * (hi - lo)));
        if ((((hi - lo) <= (((double)4.0 * 2.220446049250313e-16) * fmax(fabs(lo), fabs(hi)))) || (mid == lo) || (mid == hi))) {
            return (((lo <= un) && (un <= hi)) ? un : hi);
        }
        if (((!((lo < un) && (un < hi))) || (fabs(step) > ((double)0.5 * fabs(dxold))))) {
            dxold = dx;
            dx = ((double)0.5 * (hi - lo));
            un = (((lo > (double)0.0) && (hi > ((double)4.0 * lo))) ? (sqrt(lo) * sqrt(hi)) : (lo + dx));
            if ((fabs(run) >= (double)3.0)) {
                double gap = fmin(sqrt(((((hi - lo) * (double)4.0) * 2.220446049250313e-16) * fmax(fabs(lo), fabs(hi)))), ((double)0.5 * (hi - lo)));
                un = ((run > (double)0.0) ? (hi - gap) : (lo + gap));
            }
            newton = 0;
        } else {
            if ((newton && (((fabs(step) * step) * step) <= (((((double)0.01 * 2.220446049250313e-16) * fabs(un)) * dx) * dx)))) {
                return un;
            }
            dxold = dx;
            dx = step;
            newton = 1;
        }
        u = un;
    }
    return (u);
}

// cupy.ElementwiseKernel(
//     'float64 C_W, float64 C_b',
//     'float64 out',
//     'out = lmech_nngp_erf_fixed_point(C_W, C_b)',
//     name='lmech_nngp_erf_fixed_point', preamble=<the code above>)

// ===== lmech_nngp_erf_fixed_point_inside float64
// nngp.erf_fixed_point: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 C_W, float64 C_b',
//     'bool out',
//     'out = (isfinite(C_W) && (0.0 < C_W && C_W < INFINITY)) && (isfinite(C_b) && (0.0 <= C_b && C_b < INFINITY))',
//     name='lmech_nngp_erf_fixed_point_inside', preamble=<the code above>)

// ===== lmech_nngp_erf_fixed_point float32
// nngp.erf_fixed_point: the stable fixed point q* = C_b + C_W E[erf(sqrt(q*) z)^2] of a single input's preactivation variance (0 when C_b = 0 and C_W <= pi/4)
// Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, arXiv 1611.01232, Eqs. (3)-(9) (equation numbers unconfirmed); Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 5; the erf expectation: Williams, NIPS 1997
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_nngp_erf_fixed_point_residual(float q, float C_W, float C_b) {
    if (q <= 0.0F) {
        return -C_W + (1.0F/4.0F)*3.14159265358979323846F;
    }
    else {
        return -C_W - 1.0F/2.0F*3.14159265358979323846F*(C_b - q)/atanf(2.0F*q/sqrtf(4.0F*q + 1.0F));
    }
}

__device__ float lmech_nngp_erf_fixed_point_derivative(float q, float C_W, float C_b) {
    if (q <= 0.0F) {
        return 0.0F;
    }
    else {
        const float tb1_0 = 4.0F*q + 1.0F;
        const float tb1_1 = powf(tb1_0, -1.0F/2.0F);
        const float tb1_2 = 2.0F*q;
        const float tb1_3 = 1.0F/atanf(tb1_1*tb1_2);
        const float tb1_4 = 1.0F/tb1_0;
        return 3.14159265358979323846F*tb1_3*(-tb1_1*tb1_3*(C_b - q)*(tb1_2*tb1_4 - 1.0F)/(4.0F*powf(q, 2.0F)*tb1_4 + 1.0F) + 1.0F/2.0F);
    }
}

__device__ float lmech_nngp_erf_fixed_point_lo(float C_W, float C_b) {
    return C_b;
}

__device__ float lmech_nngp_erf_fixed_point_hi(float C_W, float C_b) {
    return C_W + C_b;
}

__device__ float lmech_nngp_erf_fixed_point(float C_W, float C_b) {
    float lo = lmech_nngp_erf_fixed_point_lo(C_W, C_b);
    float hi = lmech_nngp_erf_fixed_point_hi(C_W, C_b);
    if ((isnan(lo) || isnan(hi))) {
        return (float)NAN;
    }
    lo = fminf(lo, hi);
    float flo = (lmech_nngp_erf_fixed_point_residual(lo, C_W, C_b));
    if ((flo >= (float)0.0)) {
        return lo;
    }
    float fhi = (lmech_nngp_erf_fixed_point_residual(hi, C_W, C_b));
    if ((fhi < (float)0.0)) {
        return hi;
    }
    float u = (lo - (flo * ((hi - lo) / (fhi - flo))));
    if ((!((lo < u) && (u < hi)))) {
        u = (lo + ((float)0.5 * (hi - lo)));
    }
    float dx = (hi - lo);
    float dxold = dx;
    int newton = 0;
    float run = (float)0.0;
    for (int it = 0; it < 1100; ++it) {
        float f = (lmech_nngp_erf_fixed_point_residual(u, C_W, C_b));
        if ((f == (float)0.0)) {
            return u;
        }
        if ((f > (float)0.0)) {
            hi = u;
            run = (fminf(run, (float)0.0) - (float)1.0);
        } else {
            lo = u;
            run = (fmaxf(run, (float)0.0) + (float)1.0);
        }
        float d = (lmech_nngp_erf_fixed_point_derivative(u, C_W, C_b));
        float step = (((d > (float)0.0) && (d < (float)INFINITY)) ? (f / d) : (float)INFINITY);
        if ((fabsf(step) <= (((float)2.0 * 1.1920929e-07F) * fabsf(u)))) {
            return u;
        }
        float un = (u - step);
        float mid = (lo + ((float)0.5 * (hi - lo)));
        if ((((hi - lo) <= (((float)4.0 * 1.1920929e-07F) * fmaxf(fabsf(lo), fabsf(hi)))) || (mid == lo) || (mid == hi))) {
            return (((lo <= un) && (un <= hi)) ? un : hi);
        }
        if (((!((lo < un) && (un < hi))) || (fabsf(step) > ((float)0.5 * fabsf(dxold))))) {
            dxold = dx;
            dx = ((float)0.5 * (hi - lo));
            un = (((lo > (float)0.0) && (hi > ((float)4.0 * lo))) ? (sqrtf(lo) * sqrtf(hi)) : (lo + dx));
            if ((fabsf(run) >= (float)3.0)) {
                float gap = fminf(sqrtf(((((hi - lo) * (float)4.0) * 1.1920929e-07F) * fmaxf(fabsf(lo), fabsf(hi)))), ((float)0.5 * (hi - lo)));
                un = ((run > (float)0.0) ? (hi - gap) : (lo + gap));
            }
            newton = 0;
        } else {
            if ((newton && (((fabsf(step) * step) * step) <= (((((float)0.01 * 1.1920929e-07F) * fabsf(un)) * dx) * dx)))) {
                return un;
            }
            dxold = dx;
            dx = step;
            newton = 1;
        }
        u = un;
    }
    return (u);
}

// cupy.ElementwiseKernel(
//     'float32 C_W, float32 C_b',
//     'float32 out',
//     'out = lmech_nngp_erf_fixed_point(C_W, C_b)',
//     name='lmech_nngp_erf_fixed_point', preamble=<the code above>)

// ===== lmech_nngp_erf_fixed_point_inside float32
// nngp.erf_fixed_point: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 C_W, float32 C_b',
//     'bool out',
//     'out = (isfinite(C_W) && (0.0F < C_W && C_W < INFINITY)) && (isfinite(C_b) && (0.0F <= C_b && C_b < INFINITY))',
//     name='lmech_nngp_erf_fixed_point_inside', preamble=<the code above>)
