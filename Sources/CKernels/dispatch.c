// Chooses among the per-level copies of the passes (level_body.h) by the CPU's flags, read once.
#include "CKernels.h"
#include "kernels_internal.h"

#if defined(__x86_64__)
/// The copy of pass `name` for the caller's `isa` (as far as the CPU has it).
#define SELECT(name) \
    (usable(isa) == BLEND_ISA_AVX512 ? name##_avx512 : usable(isa) == BLEND_ISA_AVX2 ? name##_avx2 : name##_generic)
#else
#define SELECT(name) name##_generic
#endif

static blend_isa best = BLEND_ISA_GENERIC;

/// Read once when the library loads, before any thread can call in.
__attribute__((constructor)) static void find_best(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("fma"))
        best = BLEND_ISA_AVX512;
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        best = BLEND_ISA_AVX2;
#endif
}

/// A level above what the CPU has falls back to the best it has (never an illegal instruction).
static inline blend_isa usable(blend_isa isa) { return isa > best ? best : isa; }

blend_isa blend_isa_best(void) { return best; }

const char *blend_isa_name(blend_isa isa) {
    switch (isa) {
    case BLEND_ISA_AVX512: return "AVX-512";
    case BLEND_ISA_AVX2: return "AVX2";
    default: return "generic";
    }
}

void blend_softmax_rows(blend_isa isa, float *x, long rows, long cols, long stride) {
    SELECT(softmax)(x, rows, cols, stride);
}

void blend_gelu(blend_isa isa, float *x, long count) { SELECT(gelu)(x, count); }

void blend_add_layer_norm(blend_isa isa, float *x, const float *residual, long rows, long cols, const float *gamma,
                          const float *beta, float eps) {
    SELECT(layer_norm)(x, residual, rows, cols, gamma, beta, eps);
}

float blend_exp(blend_isa isa, float x) { return SELECT(exp)(x); }

float blend_erf(blend_isa isa, float x) { return SELECT(erf)(x); }
