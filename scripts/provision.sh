#!/usr/bin/env bash
# Fetches what experiment NAME needs beyond the AlpacaEval data: the encoder weights (sha256
# checked; already present weights are only checked) when the experiment uses a component that
# encodes text (simcls, mbr-embedding, summareranker, pair-ranker, bertscore, metric-oracle, or
# any model directory under models/).
set -euo pipefail
file="Experiments/$1.yaml"
[ -f "$file" ] || { echo "no experiment file $file; known: $(ls Experiments | sed 's/\.yaml$//' | tr '\n' ' ')" >&2; exit 2; }
if grep -Eq "models/|simcls|mbr-embedding|summareranker|pair-ranker|bertscore|metric-oracle" "$file"; then scripts/fetch-models.sh; fi
