// The per-level copies of the passes (kernels_generic.c, kernels_avx2.c, kernels_avx512.c) that
// dispatch.c chooses among. Not part of the public header.
#ifndef BLENDLAB_KERNELS_INTERNAL_H
#define BLENDLAB_KERNELS_INTERNAL_H

#define DECLARE_LEVEL(suffix)                                                                          \
    void softmax_##suffix(float *x, long rows, long cols, long stride);                                \
    void gelu_##suffix(float *x, long count);                                                          \
    void layer_norm_##suffix(float *x, const float *residual, long rows, long cols, const float *gamma, \
                             const float *beta, float eps);                                            \
    float exp_##suffix(float x);                                                                       \
    float erf_##suffix(float x);

DECLARE_LEVEL(generic)
#if defined(__x86_64__)
DECLARE_LEVEL(avx2)
DECLARE_LEVEL(avx512)
#endif

#endif
