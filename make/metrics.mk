# Lexical metrics: parity with the reference implementations and throughput against them.
# The reference packages live in a hash-pinned virtual environment, .venv-parity/ (git-ignored).
PARITY_VENV := .venv-parity-metrics
PARITY_PY := $(PARITY_VENV)/bin/python

.PHONY: parity-metrics bench-metrics

$(PARITY_VENV)/.installed: scripts/requirements-parity.txt scripts/requirements-parity-build.txt
	rm -rf $(PARITY_VENV)
	python3 -m venv $(PARITY_VENV)
	$(PARITY_VENV)/bin/pip install -q --require-hashes -r scripts/requirements-parity-build.txt
	$(PARITY_VENV)/bin/pip install -q --require-hashes --no-build-isolation -r scripts/requirements-parity.txt
	touch $@

## parity-metrics: blendlab score == sacrebleu / rouge-score on every development pair (within 1e-9 relative)
parity-metrics: build data $(PARITY_VENV)/.installed
	$(PARITY_PY) scripts/parity_metrics.py --blendlab $(BIN)

## bench-metrics: pairs/s of blendlab score vs sacrebleu and rouge-score; writes bench/metrics.md
bench-metrics: build data $(PARITY_VENV)/.installed
	$(PARITY_PY) scripts/bench_metrics.py --blendlab $(BIN)

bench: bench-metrics
