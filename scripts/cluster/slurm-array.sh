#!/usr/bin/env bash
# Run an experiment on a Slurm cluster as a job array of N shards, then merge and report:
#
#   scripts/cluster/slurm-array.sh NAME N [--set key=value]...
#
# submits, from the checkout on a shared file system, three jobs:
#   blendlab-train-NAME   train the trained rankers once (weights in $WORK/train.sqlite; a no-op
#                         without trained rankers)
#   blendlab-shard-NAME   sbatch --array=0-(N-1), after the training: task I gives its cache
#                         the weights and runs `blendlab run NAME --shard I/N` into $WORK/shard-I.sqlite
#   blendlab-merge-NAME   after every task succeeded: `blendlab cache merge` into $WORK/merged.sqlite
#                         and `blendlab run NAME` on it, which computes nothing and writes results/NAME/
# Environment: BLENDLAB (binary, default .build/release/blendlab), WORK (default
# .blendlab/shards/NAME), RESULTS (default results), SBATCH_ARGS (extra sbatch options for every
# job, e.g. "--partition=cpu --time=04:00:00 --cpus-per-task=4"); sbatch's own SBATCH_* variables
# apply too. A failed task leaves the merge job pending (DependencyNeverSatisfied): re-submit that
# task with `sbatch --array=I ...` or run the command in its log by hand; finished work is reused.
set -euo pipefail

role=submit
if [ "${1:-}" = "--role" ]; then role=$2; shift 2; fi
[ $# -ge 2 ] || { echo "usage: $0 NAME SHARDS [--set key=value]..." >&2; exit 2; }
NAME=$1 N=$2; shift 2
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "$0: SHARDS must be a positive number, got '$N'" >&2; exit 2; }
cd "${SLURM_SUBMIT_DIR:-.}"
BLENDLAB=${BLENDLAB:-.build/release/blendlab}
BASE=$(basename "$NAME" .yaml)
WORK=${WORK:-.blendlab/shards/$BASE}
RESULTS=${RESULTS:-results}
export BLENDLAB WORK RESULTS

case "$role" in
  submit)
    mkdir -p "$WORK/logs"
    script=$(realpath "$0")
    # shellcheck disable=SC2086  # SBATCH_ARGS is a list of options
    train=$(sbatch --parsable ${SBATCH_ARGS:-} --job-name="blendlab-train-$BASE" --output="$WORK/logs/train.log" \
      "$script" --role train "$NAME" "$N" "$@")
    # shellcheck disable=SC2086
    shards=$(sbatch --parsable ${SBATCH_ARGS:-} --job-name="blendlab-shard-$BASE" --array="0-$((N - 1))" \
      --dependency="afterok:$train" --output="$WORK/logs/shard-%a.log" "$script" --role shard "$NAME" "$N" "$@")
    # shellcheck disable=SC2086
    merge=$(sbatch --parsable ${SBATCH_ARGS:-} --job-name="blendlab-merge-$BASE" --dependency="afterok:$shards" \
      --output="$WORK/logs/merge.log" "$script" --role merge "$NAME" "$N" "$@")
    echo "submitted: train $train, shards $shards (array 0-$((N - 1))), merge and report $merge; logs in $WORK/logs/"
    ;;
  train)
    "$BLENDLAB" train --experiment "$NAME" --cache "$WORK/train.sqlite" "$@" 2>"$WORK/train.err" \
      || grep -q "has no trained ranker" "$WORK/train.err" \
      || { cat "$WORK/train.err" >&2; exit 1; }
    ;;
  shard)
    i=${SLURM_ARRAY_TASK_ID:?"the shard role runs as a task of the job array"}
    if [ -f "$WORK/train.sqlite" ]; then "$BLENDLAB" cache merge "$WORK/train.sqlite" --into "$WORK/shard-$i.sqlite"; fi
    "$BLENDLAB" run "$NAME" --shard "$i/$N" --cache "$WORK/shard-$i.sqlite" "$@"
    ;;
  merge)
    sources=(); for ((i = 0; i < N; i++)); do sources+=("$WORK/shard-$i.sqlite"); done
    "$BLENDLAB" cache merge "${sources[@]}" --into "$WORK/merged.sqlite"
    "$BLENDLAB" run "$NAME" --cache "$WORK/merged.sqlite" --results "$RESULTS" "$@"
    ;;
  *) echo "$0: unknown role '$role'" >&2; exit 2 ;;
esac
