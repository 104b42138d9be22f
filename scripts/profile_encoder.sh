#!/usr/bin/env bash
# Where the native encoder's time goes: `perf record` of `blendlab embed` on the first N bench
# texts (the selection bench_encoder.py uses), each symbol's share of the samples, written to
# bench/encoder-profile.md. Needs perf (Debian: linux-perf) and the encoder bench venv (for
# the text selection only).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/blendlab}
COUNT=${COUNT:-300}
OUT=${OUT:-bench/encoder-profile.md}
PY=${PY:-.venv-parity-encoder/bin/python}
if ! command -v perf >/dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y -q linux-perf >/dev/null; else
        echo "profile: perf is not installed; run: sudo apt-get install -y linux-perf" >&2; exit 1; fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PY" - "$work/texts.jsonl" "$COUNT" <<'PYEOF'
import json, sys
sys.path.insert(0, "scripts")
from bench_encoder import select
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for k, t in select("data/alpaca_eval", int(sys.argv[2])):
        f.write(json.dumps({"id": k, "text": t}, ensure_ascii=False) + "\n")
PYEOF
profile() {  # $1: label, rest: env assignments
    local label=$1; shift
    env "$@" perf record -q -o "$work/perf.data" "$BIN" embed --input "$work/texts.jsonl" --threads 2 >/dev/null 2>"$work/err"
    echo "### $label"
    echo
    echo "\`$(grep '^embed:' "$work/err")\`"
    echo
    echo "| share of samples | where | symbol |"
    echo "|---|---|---|"
    perf report -i "$work/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null > "$work/report"
    awk '/^ +[0-9.]+%/ { pct=$1; dso=$2; sym=$4; print pct "\t" dso "\t" sym }' "$work/report" > "$work/rows"
    sed -n 1,12p "$work/rows" | while IFS=$'\t' read -r pct dso sym; do
        case $sym in '$s'* | '_$s'*) sym=$(swift demangle --simplified --compact "$sym" 2>/dev/null | sed 's/|/\\|/g' | cut -c1-110) ;; esac
        echo "| $pct | $dso | $sym |"
    done
    echo
}
{
    echo "# Native encoder profile"
    echo
    echo "\`scripts/profile_encoder.sh\` on $(date -u +%Y-%m-%dT%H:%MZ): \`perf record\` (cycles) of \`blendlab embed\` on the first $COUNT bench texts,"
    echo "2 threads, all-MiniLM-L6-v2; load average before: $(cut -d' ' -f1-3 /proc/loadavg). Each symbol's share of all samples, kernel included."
    echo
    if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
        profile "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE (as this machine's environment sets it)" OPENBLAS_CORETYPE="$OPENBLAS_CORETYPE"
        profile "OPENBLAS_CORETYPE unset (blendlab runs the kernels it chooses for the CPU)" -u OPENBLAS_CORETYPE
    else
        profile "OPENBLAS_CORETYPE unset: the kernels blendlab chooses for the CPU" -u OPENBLAS_CORETYPE
    fi
} > "$OUT"
cat "$OUT"
