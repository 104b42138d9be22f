#!/usr/bin/env bash
# The HTTP client's cost while the local LLM server generates (issue 19): builds the blendlab
# binary of BASELINE (default 826e261, the last on URLSession) in a temporary worktree and runs
# scripts/bench_http_client.py with it beside BIN; writes bench/http-client.md. Needs
# `make llm-server`; about a quarter of an hour on 2 cores with the build.
#   scripts/bench-http-client.sh [BIN] [BASELINE] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/blendlab}
baseline=${2:-826e261}
rounds=${3:-5}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/baseline" 2>/dev/null || true; rm -rf "$work"' EXIT
old=$(scripts/build-baseline.sh "$baseline" "$work")
mkdir -p bench
python3 scripts/bench_http_client.py --old "$old" --old-rev "$baseline" --new "$bin" --rounds "$rounds" --out bench/http-client.md
