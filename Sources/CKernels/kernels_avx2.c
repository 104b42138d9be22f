// The passes compiled for AVX2 + FMA (x86-64-v3); dispatch.c calls them only where the CPU has both.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define LEVEL_NAME(name) name##_avx2
#include "level_body.h"
#pragma clang attribute pop
#endif
