# Rankers and aggregation rules: throughput of `blendlab aggregate` per rule on seeded random
# 14 x 14 comparison matrices (the AlpacaEval candidate count), and the PairRanker's pairwise
# comparisons per second in a run (cold and cached). Writes bench/rankers.md.

.PHONY: bench-rankers

## bench-rankers: comparisons per second of each aggregation rule and of the PairRanker; writes bench/rankers.md
bench-rankers: build data models
	@scripts/bench-rankers.sh $(BIN)

bench: bench-rankers
