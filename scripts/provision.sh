#!/usr/bin/env bash
# Fetches what experiment NAME needs beyond the AlpacaEval data: the encoder weights (sha256
# checked; already present weights are only checked) when a ranker or metric of the experiment
# reads a model directory, as `blendlab models NAME` lists them (the Makefile builds the binary
# first). Without a built binary, falls back to a guess from the component ids in the file.
set -euo pipefail
cd "$(dirname "$0")/.."
file="Experiments/$1.yaml"
[ -f "$file" ] || { echo "no experiment file $file; known: $(ls Experiments | sed 's/\.yaml$//' | tr '\n' ' ')" >&2; exit 2; }
bin=.build/release/blendlab
if [ -x "$bin" ]; then
  models=$("$bin" models "$1")
  [ -n "$models" ] || exit 0
  scripts/fetch-models.sh
  while IFS= read -r dir; do
    [ -f "$dir/config.json" ] || echo "provision: $1 reads $dir, which scripts/fetch-models.sh does not provide; put the model there" >&2
  done <<< "$models"
elif grep -Eq "models/|simcls|mbr-embedding|summareranker|pair-ranker|bertscore|metric-oracle|stack" "$file"; then
  scripts/fetch-models.sh
fi
