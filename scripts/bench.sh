#!/usr/bin/env bash
# Times the smoke experiment cold (fresh cache) and from the cache with the release build, and
# writes the figures to bench/runner.md. Other benchmarks add their own make targets to `bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/blendlab
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
t0=$(now); "$bin" run smoke --quiet --cache "$tmp/cache.sqlite" --results "$tmp/results"; t1=$(now)
"$bin" run smoke --quiet --cache "$tmp/cache.sqlite" --results "$tmp/results"; t2=$(now)
"$bin" run smoke --quiet --cache "$tmp/cache.sqlite" --results "$tmp/results"; t3=$(now)
cold=$(python3 -c "print($t1 - $t0)"); warm=$(python3 -c "print(($t3 - $t1) / 2)")
mkdir -p bench
{
  echo "# Runner benchmark"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, release build, experiment \`smoke\` (405 examples, 14 models, 2 rankers)."
  echo
  echo "| run | wall time (s) |"
  echo "|---|---|"
  printf "| cold cache | %.2f |\n" "$cold"
  printf "| from the cache (mean of 2) | %.2f |\n" "$warm"
} > bench/runner.md
cat bench/runner.md
