# Native encoder (issue 4): the tests use the real all-MiniLM-L6-v2 weights; parity and the
# benchmark compare with the Python reference implementations in a pinned venv.
ENCODER_VENV := .venv-parity-encoder

.PHONY: parity-encoder bench-encoder bench-bertscore bench-sgemm

test: models

# Every package pinned with its sha256 (torch 2.13.0+cpu is the machine image's local wheel).
$(ENCODER_VENV)/.installed: scripts/requirements-encoder.txt
	python3 -m venv $(ENCODER_VENV)
	$(ENCODER_VENV)/bin/pip install -q --require-hashes -r scripts/requirements-encoder.txt
	touch $@

parity-encoder: build data models $(ENCODER_VENV)/.installed
	$(ENCODER_VENV)/bin/python scripts/parity_encoder.py --binary $(BIN)

# The throughput comparison (bench/encoder.md), then where the time goes (bench/encoder-profile.md, perf).
bench-encoder: build data models $(ENCODER_VENV)/.installed
	$(ENCODER_VENV)/bin/python scripts/bench_encoder.py --binary $(BIN)
	BIN=$(BIN) PY=$(ENCODER_VENV)/bin/python scripts/profile_encoder.sh

# BERTScore on 1,000 pairs against the bert-score package, side by side (bench/bertscore.md).
bench-bertscore: build data models $(ENCODER_VENV)/.installed
	$(ENCODER_VENV)/bin/python scripts/bench_bertscore.py --binary $(BIN)

# The ceiling both work under: OpenBLAS's sgemm GFLOP/s on MiniLM's dense shapes (bench/sgemm-ceiling.md).
bench-sgemm: build
	BIN=$(BIN) scripts/bench-sgemm.sh

bench: bench-encoder bench-bertscore bench-sgemm
