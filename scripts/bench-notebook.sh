#!/usr/bin/env bash
# Times `blendlab notebook llm-blender` with nothing changed: one render to warm the file cache,
# then five timed renders (every cell from the committed result files). Writes bench/notebook.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/blendlab}
now() { date +%s.%N; }
"$bin" notebook llm-blender --quiet
times=()
for _ in 1 2 3 4 5; do t0=$(now); "$bin" notebook llm-blender --quiet; t1=$(now); times+=("$(python3 -c "print($t1 - $t0)")"); done
stats=$(python3 -c "import sys; v=sorted(map(float, sys.argv[1:])); print(f'{v[len(v)//2]:.2f} {v[0]:.2f} {v[-1]:.2f}')" "${times[@]}")
read -r median low high <<< "$stats"
mkdir -p bench
{
  echo "# Notebook benchmark"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, release build: \`blendlab notebook llm-blender\` with nothing"
  echo "changed (10 cells and 28 inline values over 7 experiments, every result read from results/*/result.json,"
  echo "pages, README and 12 SVG plots written). Five renders after one warm-up."
  echo
  echo "| render | wall time (s) |"
  echo "|---|---|"
  echo "| median of 5 | $median |"
  echo "| fastest / slowest | $low / $high |"
} > bench/notebook.md
cat bench/notebook.md
