#!/usr/bin/env bash
# Throughput of every aggregation rule through `blendlab aggregate`: 2000 seeded random 14 x 14
# matrices (the AlpacaEval candidate count), wall-clock seconds per rule, comparisons read per
# second and matrices per second. Writes bench/rankers.md. Usage: scripts/bench-rankers.sh BIN
set -euo pipefail
BIN=${1:-.build/release/blendlab}
N=14
COUNT=2000
TMP=$(mktemp -d /tmp/rk-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
python3 - "$N" "$COUNT" > "$TMP/m.jsonl" <<'PY'
import json, random, sys
n, count = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(42)
for k in range(count):
    m = [[None if i == j else round(rng.uniform(-3, 3), 6) for j in range(n)] for i in range(n)]
    print(json.dumps({"id": k, "matrix": m}))
PY
mkdir -p bench
{
  echo "# Aggregation rules: throughput"
  echo
  echo "\`blendlab aggregate\` on $COUNT seeded random ${N}x${N} matrices (one process per rule, JSON parsing included),"
  echo "$(nproc) cores, $(date -u +%Y-%m-%d). Comparisons = ordered matrix entries the rule read."
  echo
  echo "| rule | seconds | matrices/s | comparisons read | comparisons/s |"
  echo "|---|---|---|---|---|"
  for rule in max-logits max-wins bubble copeland borda bradley-terry elo full-sort; do
    start=$(date +%s.%N)
    "$BIN" aggregate --rule "$rule" --input "$TMP/m.jsonl" > "$TMP/out.jsonl"
    end=$(date +%s.%N)
    python3 - "$rule" "$start" "$end" "$TMP/out.jsonl" "$COUNT" <<'PY'
import json, sys
rule, start, end, path, count = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
reads = sum(json.loads(l)["comparisons"] for l in open(path))
s = end - start
print(f"| {rule} | {s:.2f} | {count / s:.0f} | {reads} | {reads / s:.0f} |")
PY
  done
} > bench/rankers.md
cat bench/rankers.md
