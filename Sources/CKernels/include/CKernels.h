// The encoders' element-wise passes (softmax, GELU, residual + LayerNorm) in C, compiled once per
// x86-64 instruction-set level and chosen at run time: Swift code is built for baseline x86-64
// (SSE2, 4 lanes, no FMA), which left these loops at a quarter of what AVX-512 machines do.
#ifndef BLENDLAB_CKERNELS_H
#define BLENDLAB_CKERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// The instruction-set levels the passes are compiled for (x86-64 only; elsewhere only generic).
typedef enum {
    BLEND_ISA_GENERIC = 0, ///< the build's own target (baseline x86-64: SSE2)
    BLEND_ISA_AVX2 = 1,    ///< AVX2 + FMA (x86-64-v3)
    BLEND_ISA_AVX512 = 2,  ///< AVX-512 F/BW/DQ/VL + FMA (x86-64-v4)
} blend_isa;

/// The best level this CPU (and its operating system's register saving) supports.
blend_isa blend_isa_best(void);

/// A short name of the level ("generic", "AVX2", "AVX-512").
const char *blend_isa_name(blend_isa isa);

/// Softmax over each of `rows` rows of `x` (row stride `stride`), over the first `cols` columns.
void blend_softmax_rows(blend_isa isa, float *x, long rows, long cols, long stride);

/// x <- GELU(x) = x * 1/2 (1 + erf(x / sqrt 2)) (BERT's exact, erf form).
void blend_gelu(blend_isa isa, float *x, long count);

/// x <- LayerNorm(x + residual) * gamma + beta per row of `cols` (residual may be NULL; biased
/// variance, eps inside the square root, as PyTorch).
void blend_add_layer_norm(blend_isa isa, float *x, const float *residual, long rows, long cols,
                          const float *gamma, const float *beta, float eps);

/// The vector code's e^x (x clamped to [-87, 0]) and erf(x), one value at a time, for tests.
float blend_exp(blend_isa isa, float x);
float blend_erf(blend_isa isa, float x);

#ifdef __cplusplus
}
#endif

#endif
