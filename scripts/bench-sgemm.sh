#!/usr/bin/env bash
# The encoder's ceiling: OpenBLAS's sgemm GFLOP/s on MiniLM-L6's dense shapes (scripts/bench_sgemm.c),
# with the OpenBLAS kernels blendlab chooses, written to bench/sgemm-ceiling.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/blendlab}
OUT=${OUT:-bench/sgemm-ceiling.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The Swift toolchain ships clang; a system cc works as well.
CC=${CC:-$(command -v clang || command -v cc)}
"$CC" -O2 -o "$work/sgemm" scripts/bench_sgemm.c $(pkg-config --cflags --libs openblas)
# The kernels blendlab's encoder runs (its embed line names them), so the ceiling is for the same code.
core=$(echo '{"id":"x","text":"probe"}' | "$BIN" embed --threads 1 2>&1 >/dev/null | sed -n 's/.*OpenBLAS \([A-Za-z0-9]*\) kernels.*/\1/p' | head -1)
{
    echo "# sgemm ceiling"
    echo
    echo "\`scripts/bench-sgemm.sh\` on $(date -u +%Y-%m-%dT%H:%MZ): OpenBLAS $(pkg-config --modversion openblas) with ${core:-its own} kernels"
    echo "(OPENBLAS_CORETYPE=${core:-unset}), a 5280-token batch (32 texts of 165 tokens, the bench's mean) through MiniLM-L6's four"
    echo "dense layers, best of 5 after a warm-up; load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    env ${core:+OPENBLAS_CORETYPE=$core} "$work/sgemm" 5280 | tee "$work/table"
    echo
    echo "One MiniLM-L6 pass costs 21.2 MFLOP per token in these layers (2 x 384 x (1152 + 384 + 1536 + 1536) x 6 layers),"
    echo "plus the attention products (4 x length x 384 per token per layer, 1.5 MFLOP per token at 165 tokens):"
    echo "3.75 GFLOP per 165-token text. Were every FLOP as fast as the four dense layers together, the encoder could"
    awk -F'|' '/all four/ { gsub(/ /, "", $3); gsub(/ /, "", $4); rate[$3] = $4 }
        END { printf "embed at most %.1f texts/s on 1 thread and %.1f on 2 (%.1f and %.1f GFLOP/s / 3.75 GFLOP).\n",
              rate[1] / 3.75, rate[2] / 3.75, rate[1], rate[2] }' "$work/table"
} > "$OUT"
cat "$OUT"
