#!/usr/bin/env bash
# Cached re-runs (issue 19): for each experiment, one run to fill the cache (cold the first time:
# main-table and rankers take many minutes), then three timed `blendlab run NAME` (process start to
# pages written, every stage from the cache), and `blendlab report NAME` (re-render only).
# Results go to a scratch directory, so results/ is untouched. Writes bench/cached-runs.md.
#   scripts/bench-cached-runs.sh [BIN] [NAME...]
# Default: the paper experiments and `rankers` (issue 19's targets: < 1 s each, rankers < 2 s).
# main-table, ranker-correlation and topk-sweep read the local LLM server when their cache is cold
# (`make llm-server`); cached, they call nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/blendlab}
shift || true
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(smoke fastchat-mini paper-columns main-table ranker-correlation topk-sweep aggregation efficiency rankers)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
now() { date +%s.%N; }
median() { python3 -c "import sys; v=sorted(map(float, sys.argv[1:])); print(f'{v[len(v)//2]:.2f}')" "$@"; }
rows=()
for name in "${names[@]}"; do
  "$bin" run "$name" --quiet --results "$out" > /dev/null
  runs=() reports=()
  for _ in 1 2 3; do
    t0=$(now); "$bin" run "$name" --quiet --results "$out" > /dev/null; t1=$(now)
    "$bin" report "$name" --results "$out" > /dev/null; t2=$(now)
    runs+=("$(python3 -c "print($t1 - $t0)")"); reports+=("$(python3 -c "print($t2 - $t1)")")
  done
  load=$(cut -d' ' -f1 /proc/loadavg)
  rows+=("| $name | $(median "${runs[@]}") | $(median "${reports[@]}") | $load |")
  echo "cached-runs: $name done" >&2
done
mkdir -p bench
{
  echo "# Cached re-runs"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores by \`scripts/bench-cached-runs.sh\`: wall time of"
  echo "\`blendlab run NAME\` with every stage in the cache (process start to pages written) and of"
  echo "\`blendlab report NAME\` (re-render from result.json), median of 3 each, run after run; the 1-minute load"
  echo "average after each experiment's runs. Targets (issue 19): every paper experiment < 1 s, rankers < 2 s."
  echo
  echo "| experiment | cached run (s) | report (s) | load average |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > bench/cached-runs.md
cat bench/cached-runs.md
