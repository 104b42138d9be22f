// The element-wise passes' bodies, included once per instruction-set level by kernels_<level>.c,
// which first defines LEVEL_NAME(name) (the suffixed function name) and, for x86-64 levels, puts
// the whole file under `#pragma clang attribute` target("..."), so every helper below, inlined
// or not, is compiled for that level and 64-byte vectors never cross a function of another level.
// Written on 16-float vectors (GCC/clang vector extensions): the compiler emits the same
// arithmetic as 4 SSE, 2 AVX2 or 1 AVX-512 register(s) per vector. exp and erf are
// polynomials (Cephes' e^r, Eigen's rational erf, as the earlier Swift loops had them): results agree across
// levels to a few float ulps (FMA contraction).
#include "CKernels.h"
#include "kernels_internal.h"

#include <math.h>
#include <string.h>

// Every helper taking or returning a 64-byte vector is always_inline and file-local, so no call
// that passes one in registers survives at any level; clang's warning about that ABI is moot here.
#pragma clang diagnostic ignored "-Wpsabi"

#define LANES 16
typedef float vf __attribute__((vector_size(LANES * sizeof(float))));
typedef int vi __attribute__((vector_size(LANES * sizeof(int))));
#define INLINE static inline __attribute__((always_inline))

INLINE vf load(const float *p) { vf v; memcpy(&v, p, sizeof v); return v; }
INLINE void store(float *p, vf v) { memcpy(p, &v, sizeof v); }
INLINE vf splat(float s) { return (vf){0} + s; }
INLINE vf vmax(vf a, vf b) { return __builtin_elementwise_max(a, b); }
INLINE vf vmin(vf a, vf b) { return __builtin_elementwise_min(a, b); }
INLINE float hsum(vf v) { float s = 0; for (int i = 0; i < LANES; i++) s += v[i]; return s; }
INLINE float hmax(vf v) { float m = v[0]; for (int i = 1; i < LANES; i++) m = m > v[i] ? m : v[i]; return m; }

/// e^x for x <= 0: x = n ln 2 + r with n rounded to nearest (the 1.5 * 2^23 trick, whose bit
/// pattern also yields n), e^r by Cephes' degree-6 polynomial, 2^n through the exponent bits.
/// Clamped to [-87, 0]; relative error about 2e-7.
INLINE vf vexp(vf input) {
    vf x = vmin(vmax(input, splat(-87.0f)), splat(0.0f));
    vf shifted = x * 1.44269504088896341f + 12582912.0f;
    vf n = shifted - 12582912.0f;
    vf r = x - n * 0.693359375f + n * 2.12194440e-4f;
    vf p = splat(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    vi scale = ((vi)shifted - 0x4B400000 + 127) << 23;
    return p * (vf)scale;
}

/// erf as Eigen's generic_fast_erf_float rational function on [-4, 4], clamped outside (where
/// float erf is +-1). Absolute error below 1e-6.
INLINE vf verf(vf input) {
    vf x = vmin(vmax(input, splat(-4.0f)), splat(4.0f));
    vf x2 = x * x;
    vf p = splat(-2.72614225801306e-10f);
    p = p * x2 + 2.77068142495902e-08f;
    p = p * x2 + -2.10102402082508e-06f;
    p = p * x2 + -5.69250639462346e-05f;
    p = p * x2 + -7.34990630326855e-04f;
    p = p * x2 + -2.95459980854025e-03f;
    p = p * x2 + -1.60960333262415e-02f;
    p = p * x;
    vf q = splat(-1.45660718464996e-05f);
    q = q * x2 + -2.13374055278905e-04f;
    q = q * x2 + -1.68282697438203e-03f;
    q = q * x2 + -7.37332916720468e-03f;
    q = q * x2 + -1.42647390514189e-02f;
    return p / q;
}

INLINE vf vgelu(vf v) { return 0.5f * v * (1.0f + verf(v * 0.70710678118654752f)); }

/// The last `n` < LANES values of a row as a vector, the other lanes `fill`.
INLINE vf load_tail(const float *p, long n, float fill) {
    float buf[LANES];
    for (int i = 0; i < LANES; i++) buf[i] = fill;
    memcpy(buf, p, (size_t)n * sizeof(float));
    return load(buf);
}

INLINE void store_tail(float *p, long n, vf v) {
    float buf[LANES];
    store(buf, v);
    memcpy(p, buf, (size_t)n * sizeof(float));
}

INLINE void softmax_body(float *x, long rows, long cols, long stride) {
    long whole = cols - cols % LANES, tail = cols - whole;
    for (long r = 0; r < rows; r++) {
        float *row = x + r * stride;
        vf m = splat(-INFINITY);
        for (long j = 0; j < whole; j += LANES) m = vmax(m, load(row + j));
        if (tail) m = vmax(m, load_tail(row + whole, tail, -INFINITY));
        vf top = splat(hmax(m)), s = splat(0.0f);
        for (long j = 0; j < whole; j += LANES) {
            vf e = vexp(load(row + j) - top);
            store(row + j, e);
            s += e;
        }
        float total = hsum(s);
        if (tail) {
            vf e = vexp(load_tail(row + whole, tail, 0.0f) - top);
            store_tail(row + whole, tail, e);
            for (long i = 0; i < tail; i++) total += e[i];
        }
        vf inv = splat(1.0f / total);
        for (long j = 0; j < whole; j += LANES) store(row + j, load(row + j) * inv);
        if (tail) store_tail(row + whole, tail, load_tail(row + whole, tail, 0.0f) * inv);
    }
}

INLINE void gelu_body(float *x, long count) {
    long whole = count - count % LANES;
    for (long j = 0; j < whole; j += LANES) store(x + j, vgelu(load(x + j)));
    if (count > whole) store_tail(x + whole, count - whole, vgelu(load_tail(x + whole, count - whole, 0.0f)));
}

INLINE void layer_norm_body(float *x, const float *residual, long rows, long cols, const float *gamma,
                            const float *beta, float eps) {
    long whole = cols - cols % LANES;
    for (long r = 0; r < rows; r++) {
        float *row = x + r * cols;
        if (residual) {
            const float *res = residual + r * cols;
            for (long j = 0; j < whole; j += LANES) store(row + j, load(row + j) + load(res + j));
            for (long j = whole; j < cols; j++) row[j] += res[j];
        }
        vf s = splat(0.0f);
        for (long j = 0; j < whole; j += LANES) s += load(row + j);
        float total = hsum(s);
        for (long j = whole; j < cols; j++) total += row[j];
        float mean = total / (float)cols;
        vf mv = splat(mean), d2 = splat(0.0f);
        for (long j = 0; j < whole; j += LANES) {
            vf d = load(row + j) - mv;
            d2 += d * d;
        }
        float squares = hsum(d2);
        for (long j = whole; j < cols; j++) squares += (row[j] - mean) * (row[j] - mean);
        float scale = 1.0f / sqrtf(squares / (float)cols + eps);
        vf sv = splat(scale);
        for (long j = 0; j < whole; j += LANES)
            store(row + j, (load(row + j) - mv) * sv * load(gamma + j) + load(beta + j));
        for (long j = whole; j < cols; j++) row[j] = (row[j] - mean) * scale * gamma[j] + beta[j];
    }
}

void LEVEL_NAME(softmax)(float *x, long rows, long cols, long stride) { softmax_body(x, rows, cols, stride); }

void LEVEL_NAME(gelu)(float *x, long count) { gelu_body(x, count); }

void LEVEL_NAME(layer_norm)(float *x, const float *residual, long rows, long cols, const float *gamma,
                            const float *beta, float eps) {
    layer_norm_body(x, residual, rows, cols, gamma, beta, eps);
}

float LEVEL_NAME(exp)(float x) {
    float buf[LANES];
    store(buf, vexp(splat(x)));
    return buf[0];
}

float LEVEL_NAME(erf)(float x) {
    float buf[LANES];
    store(buf, verf(splat(x)));
    return buf[0];
}
