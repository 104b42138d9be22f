// The ceiling the encoder works under: OpenBLAS's sgemm GFLOP/s on MiniLM-L6's four dense shapes
// (tokens x 384 times the PyTorch-layout weight, transposed, as Blas.linear calls it), 1 and 2
// threads, best of 5 after a warm-up. Built and run by scripts/bench-sgemm.sh.
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    int tokens = argc > 1 ? atoi(argv[1]) : 5280;
    struct { const char *name; int n, k; } shapes[] = {
        {"qkv (384 -> 1152)", 1152, 384}, {"attention output (384 -> 384)", 384, 384},
        {"intermediate (384 -> 1536)", 1536, 384}, {"output (1536 -> 384)", 384, 1536}};
    float *a = malloc(sizeof(float) * tokens * 1536), *b = malloc(sizeof(float) * 1536 * 1536),
          *c = malloc(sizeof(float) * tokens * 1536);
    for (long i = 0; i < (long)tokens * 1536; i++) a[i] = (float)(i % 89) * 0.01f - 0.4f;
    for (long i = 0; i < 1536L * 1536; i++) b[i] = (float)(i % 83) * 0.01f - 0.4f;
    printf("| shape | threads | GFLOP/s |\n|---|---|---|\n");
    for (int threads = 1; threads <= 2; threads++) {
        openblas_set_num_threads(threads);
        double flops = 0, seconds = 0;
        for (int s = 0; s < 4; s++) {
            int n = shapes[s].n, k = shapes[s].k;
            double best = 1e30;
            for (int r = 0; r < 6; r++) {
                double t = now();
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, tokens, n, k, 1, a, k, b, k, 0, c, n);
                t = now() - t;
                if (r > 0 && t < best) best = t;
            }
            double f = 2.0 * tokens * n * k;
            flops += f, seconds += best;
            printf("| %s | %d | %.1f |\n", shapes[s].name, threads, f / best * 1e-9);
        }
        printf("| all four, as one layer runs them | %d | %.1f |\n", threads, flops / seconds * 1e-9);
    }
    return 0;
}
