# Cold runs, old binary against new (issue 19): builds BASELINE's binary (default bfe02e2, the last
# commit before issue 19's work) in a temporary worktree and runs each experiment cold with both,
# interleaved; writes bench/cold-runs.md. About an hour on 2 cores, so not part of `make bench`;
# main-table's fuser needs `make llm-server`. COLD_RUNS picks the experiments (default main-table
# and bench/specs/rankers-50-50.yaml, the 50/50 configuration of `rankers` before it moved to
# 5-fold; NAME:N for N rounds), COLD_ROUNDS the rounds per binary (default 1), COLD_RESUME=1
# keeps the runs bench/cold-runs.json already holds.
.PHONY: bench-cold-runs cold-runs-help
help: cold-runs-help
cold-runs-help:
	@echo "make bench-cold-runs       cold main-table and rankers (50/50), today's binary against bfe02e2's, interleaved (~1 h); writes bench/cold-runs.md"
	@echo "make bench-cores           cold main-table (12 examples) on one core and on all, interleaved (~15 min); writes bench/cores.md"

## bench-cold-runs: cold runs, old binary against new; writes bench/cold-runs.md
bench-cold-runs: build data
	@scripts/bench-cold-runs.sh $(BIN) $${BASELINE:-bfe02e2} $${COLD_ROUNDS:-1} $(COLD_RUNS)

# One core against all (issue 19): the same binary runs main-table cold on its first 12 test
# examples (training still uses the whole train half) under `taskset -c 0` with run.concurrency=1,
# and on every core, interleaved; writes bench/cores.md with each stage's time on both. About a
# quarter of an hour on 2 cores. CORES_RUNS and CORES_SET override the experiment and its --set.
.PHONY: bench-cores
bench-cores: build data
	@python3 scripts/bench_cold_runs.py --cores $(BIN) \
	  --set $${CORES_SET:-dataset.limit=12} --out bench/cores.md $${CORES_RUNS:-main-table}
