// The passes compiled for the build's own target (baseline x86-64: SSE2; or any other architecture).
#define LEVEL_NAME(name) name##_generic
#include "level_body.h"
