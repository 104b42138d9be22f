// The passes compiled for AVX-512 F/BW/DQ/VL + FMA (x86-64-v4); dispatch.c calls them only where
// the CPU has all of them.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma"))), apply_to = function)
#define LEVEL_NAME(name) name##_avx512
#include "level_body.h"
#pragma clang attribute pop
#endif
