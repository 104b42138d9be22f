#!/usr/bin/env bash
# Fetches what experiment NAME needs beyond the AlpacaEval data: model weights when the
# experiment file names a model directory under models/.
set -euo pipefail
file="Experiments/$1.yaml"
[ -f "$file" ] || { echo "no experiment file $file; known: $(ls Experiments | sed 's/\.yaml$//' | tr '\n' ' ')" >&2; exit 2; }
if grep -q "models/" "$file"; then scripts/fetch-models.sh; fi
