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

  # The PairRanker end to end: train on the AlpacaEval train half, then the full 14 x 14 matrix of
  # the first LIMIT test examples (91 encoder passes each, both orders from one pass), cold (empty
  # cache) and again from the cache.
  LIMIT=40
  cat > "$TMP/pr.yaml" <<YAML
name: bench-pair-ranker
seed: 42
dataset: {source: alpaca-eval, path: data/alpaca_eval, on_missing: drop, split: {train: 0.5, test: 0.5}, evaluate: test, limit: $LIMIT}
rankers: [oracle, pair-ranker]
aggregation: [max-logits]
YAML
  "$BIN" run "$TMP/pr.yaml" --cache "$TMP/pr.sqlite" --results "$TMP/results" --quiet
  cp "$TMP/results/bench-pair-ranker/result.json" "$TMP/cold.json"
  "$BIN" run "$TMP/pr.yaml" --cache "$TMP/pr.sqlite" --results "$TMP/results" --quiet
  python3 - "$TMP/cold.json" "$TMP/results/bench-pair-ranker/result.json" "$LIMIT" <<'PY'
import json, sys
def stage(path, name):
    return next(s for s in json.load(open(path))["provenance"]["stages"] if s["stage"] == name)
cold_c, warm_c, train = stage(sys.argv[1], "compare"), stage(sys.argv[2], "compare"), stage(sys.argv[1], "train")
print()
print("## The PairRanker in a run")
print()
print(f"`pair-ranker` (frozen MiniLM-L6, source 24 / candidate 64 tokens, max-logits over the full matrix) on the first {sys.argv[3]}")
print("AlpacaEval test examples, after training on the train half; run.concurrency 2, one BLAS thread each.")
print()
print("| | seconds | comparisons | comparisons/s |")
print("|---|---|---|---|")
print(f"| train (encoder passes for the sampled pairs + head) | {train['seconds']:.1f} | – | – |")
n = cold_c["misses"] + cold_c["hits"]
print(f"| compare, cold (encoder passes) | {cold_c['seconds']:.1f} | {n} | {n / cold_c['seconds']:.0f} |")
n = warm_c["misses"] + warm_c["hits"]
print(f"| compare, cached | {warm_c['seconds']:.2f} | {n} | {n / warm_c['seconds']:.0f} |")
PY
} > bench/rankers.md
cat bench/rankers.md
