# Rankers and aggregation rules: throughput of `blendlab aggregate` per rule on seeded random
# 14 x 14 comparison matrices (the AlpacaEval candidate count). Writes bench/rankers.md.

.PHONY: bench-rankers

## bench-rankers: comparisons read per second by each aggregation rule; writes bench/rankers.md
bench-rankers: build
	@scripts/bench-rankers.sh $(BIN)

bench: bench-rankers
