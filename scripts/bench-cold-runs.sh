#!/usr/bin/env bash
# Cold runs, old against new (issue 19): builds the blendlab binary of BASELINE (a commit; default
# bfe02e2, the last before issue 19's work) in a temporary worktree, then runs each experiment
# file cold with both binaries, interleaved, and writes bench/cold-runs.md. Takes about an hour
# on 2 cores; main-table needs the local LLM server (`make llm-server`).
# SPEC:N runs that experiment N rounds; COLD_RESUME=1 keeps the runs bench/cold-runs.json holds
# and runs only the missing ones.
#   scripts/bench-cold-runs.sh [BIN] [BASELINE] [ROUNDS] [SPEC[:N]...]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/blendlab}
baseline=${2:-bfe02e2}
rounds=${3:-1}
shift 3 || shift $#
specs=("$@")
[ ${#specs[@]} -eq 0 ] && specs=(main-table bench/specs/rankers-50-50.yaml)
work=$(mktemp -d)
trap 'git worktree remove --force "$work/baseline" 2>/dev/null || true; rm -rf "$work"' EXIT
old=$(scripts/build-baseline.sh "$baseline" "$work")
mkdir -p bench
python3 scripts/bench_cold_runs.py --old "$old" --old-rev "$baseline" --new "$bin" \
  --rounds "$rounds" --out bench/cold-runs.md ${COLD_RESUME:+--resume} "${specs[@]}"
