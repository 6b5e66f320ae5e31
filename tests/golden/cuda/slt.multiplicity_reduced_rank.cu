// ===== lmech_slt_multiplicity_reduced_rank float64
// slt.multiplicity_reduced_rank: multiplicity m of the RLCT of reduced-rank regression: 2 in the central case with d_in + d_out + rank + true_rank odd, else 1
// Aoyagi & Watanabe, Neural Networks 18 (2005) 924-933, Main Theorem (reduced rank regression)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ double lmech_slt_multiplicity_reduced_rank(double d_in, double d_out, double rank, double true_rank) {
    if (d_in + d_out >= rank + true_rank && d_in + rank >= d_out + true_rank && d_in + true_rank <= d_out + rank) {
        return (1.0/2.0)*(3.0 - pow(-1.0, d_in + d_out + rank + true_rank));
    }
    else {
        return 1.0;
    }
}

// cupy.ElementwiseKernel(
//     'float64 d_in, float64 d_out, float64 rank, float64 true_rank',
//     'float64 out',
//     'out = lmech_slt_multiplicity_reduced_rank(d_in, d_out, rank, true_rank)',
//     name='lmech_slt_multiplicity_reduced_rank', preamble=<the code above>)

// ===== lmech_slt_multiplicity_reduced_rank_inside float64
// slt.multiplicity_reduced_rank: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float64 d_in, float64 d_out, float64 rank, float64 true_rank',
//     'bool out',
//     'out = (isfinite(d_in) && (d_in >= 1.0 && d_in < INFINITY) && d_in == rint(d_in)) && (isfinite(d_out) && (d_out >= 1.0 && d_out < INFINITY) && d_out == rint(d_out)) && (isfinite(rank) && (rank >= 1.0 && rank < INFINITY) && rank == rint(rank)) && (isfinite(true_rank) && (true_rank >= 0.0 && true_rank < INFINITY) && true_rank == rint(true_rank)) && ((true_rank <= rank)) && ((true_rank <= d_in)) && ((true_rank <= d_out))',
//     name='lmech_slt_multiplicity_reduced_rank_inside', preamble=<the code above>)

// ===== lmech_slt_multiplicity_reduced_rank float32
// slt.multiplicity_reduced_rank: multiplicity m of the RLCT of reduced-rank regression: 2 in the central case with d_in + d_out + rank + true_rank odd, else 1
// Aoyagi & Watanabe, Neural Networks 18 (2005) 924-933, Main Theorem (reduced rank regression)
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

__device__ float lmech_slt_multiplicity_reduced_rank(float d_in, float d_out, float rank, float true_rank) {
    if (d_in + d_out >= rank + true_rank && d_in + rank >= d_out + true_rank && d_in + true_rank <= d_out + rank) {
        return (1.0F/2.0F)*(3.0F - powf(-1.0F, d_in + d_out + rank + true_rank));
    }
    else {
        return 1.0F;
    }
}

// cupy.ElementwiseKernel(
//     'float32 d_in, float32 d_out, float32 rank, float32 true_rank',
//     'float32 out',
//     'out = lmech_slt_multiplicity_reduced_rank(d_in, d_out, rank, true_rank)',
//     name='lmech_slt_multiplicity_reduced_rank', preamble=<the code above>)

// ===== lmech_slt_multiplicity_reduced_rank_inside float32
// slt.multiplicity_reduced_rank: domain of every parameter and the where relations
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

// cupy.ElementwiseKernel(
//     'float32 d_in, float32 d_out, float32 rank, float32 true_rank',
//     'bool out',
//     'out = (isfinite(d_in) && (d_in >= 1.0F && d_in < INFINITY) && d_in == rint(d_in)) && (isfinite(d_out) && (d_out >= 1.0F && d_out < INFINITY) && d_out == rint(d_out)) && (isfinite(rank) && (rank >= 1.0F && rank < INFINITY) && rank == rint(rank)) && (isfinite(true_rank) && (true_rank >= 0.0F && true_rank < INFINITY) && true_rank == rint(true_rank)) && ((true_rank <= rank)) && ((true_rank <= d_in)) && ((true_rank <= d_out))',
//     name='lmech_slt_multiplicity_reduced_rank_inside', preamble=<the code above>)
