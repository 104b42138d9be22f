#!/usr/bin/env bash
# Run an experiment as N shards on one machine, P processes at a time (xargs -P), merge the
# shards' caches and write the pages: the local equivalent of scripts/cluster/slurm-array.sh.
#
#   scripts/cluster/local.sh NAME [N] [P] [--set key=value]...
#
# NAME is an experiment (Experiments/NAME.yaml or a path), N the number of shards (default 4), P
# the processes at once (default N). Files go to $WORK (default .blendlab/shards/NAME):
# train.sqlite (weights of trained rankers), shard-I.sqlite, shard-I.log, and merged.sqlite, the
# cache the final run reads; pages to $RESULTS (default results)/NAME. $BLENDLAB is the binary
# (default .build/release/blendlab). Re-running resumes: every finished entry is reused.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 NAME [SHARDS] [PROCESSES] [--set key=value]..." >&2; exit 2; }
NAME=$1; shift
N=4; P=
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then N=$1; shift; fi
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then P=$1; shift; fi
P=${P:-$N}
BLENDLAB=${BLENDLAB:-.build/release/blendlab}
BASE=$(basename "$NAME" .yaml)
WORK=${WORK:-.blendlab/shards/$BASE}
RESULTS=${RESULTS:-results}
mkdir -p "$WORK"

# 1. Trained rankers: train once (a no-op without trained rankers or with stored weights) and
#    give every shard the weights.
"$BLENDLAB" train --experiment "$NAME" --cache "$WORK/train.sqlite" --quiet "$@" 2>"$WORK/train.log" \
  || grep -q "has no trained ranker" "$WORK/train.log" \
  || { cat "$WORK/train.log" >&2; exit 1; }
for ((i = 0; i < N; i++)); do
  if [ -f "$WORK/train.sqlite" ]; then "$BLENDLAB" cache merge "$WORK/train.sqlite" --into "$WORK/shard-$i.sqlite" >/dev/null; fi
done

# 2. The shards, P at a time; each computes its examples into its own cache and writes no pages.
export BLENDLAB NAME N WORK
seq 0 $((N - 1)) | xargs -P "$P" -I{} bash -c \
  '"$BLENDLAB" run "$NAME" --shard {}/"$N" --cache "$WORK/shard-{}.sqlite" "$@" 2>"$WORK/shard-{}.log" \
     || { echo "shard {}/$N failed (exit $?); last lines of $WORK/shard-{}.log:" >&2; tail -5 "$WORK/shard-{}.log" >&2; exit 1; }' _ "$@"

# 3. Merge (integrity-checked, conflicts listed) and render from the merged cache: computes nothing.
SHARDS=(); for ((i = 0; i < N; i++)); do SHARDS+=("$WORK/shard-$i.sqlite"); done
"$BLENDLAB" cache merge "${SHARDS[@]}" --into "$WORK/merged.sqlite"
"$BLENDLAB" run "$NAME" --cache "$WORK/merged.sqlite" --results "$RESULTS" "$@"
