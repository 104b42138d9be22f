#!/usr/bin/env bash
# Builds the release blendlab binary of commit REV in a git worktree under DIR (which the caller
# removes with `git worktree remove --force DIR/baseline`) and prints the binary's path. For the
# benchmarks that run an older binary beside today's (bench-cold-runs, bench-http-client).
#   scripts/build-baseline.sh REV DIR
set -euo pipefail
cd "$(dirname "$0")/.."
rev=$1 work=$2
git worktree add --detach "$work/baseline" "$rev" > /dev/null
(cd "$work/baseline" && swift build -c release --product blendlab > "$work/build.log" 2>&1) \
  || { tail -20 "$work/build.log" >&2; exit 1; }
echo "$work/baseline/.build/release/blendlab"
