# Cached re-runs (issue 19): the paper experiments and rankers, each run once to fill the cache
# (cold the first time: minutes each, rankers about an hour; the fusers need `make llm-server`),
# then timed cached runs and re-renders. Writes bench/cached-runs.md. CACHED_RUNS="smoke
# paper-columns" picks experiments.
.PHONY: bench-cached-runs

## bench-cached-runs: wall time of fully cached `blendlab run` and of `blendlab report` per experiment; writes bench/cached-runs.md
bench-cached-runs: build data
	@scripts/bench-cached-runs.sh $(BIN) $(CACHED_RUNS)

bench: bench-cached-runs
