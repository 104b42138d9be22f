# Native DeBERTa-v3 / PairRM (issue 15): the tests compare the native SentencePiece tokenizer
# with transformers' DebertaV2Tokenizer on fixtures made from scratch here (a unigram model
# trained with the `sentencepiece` package on development texts, reference ids of 1,000 other
# texts) and the native DeBERTa encoder with PyTorch's DebertaV2Model (random weights from
# PairRM's config shrunk to 2 layers x 256, last hidden states of real token ids), in a
# git-ignored folder (about 17 MB), and PairRM's pair logits (that model + a random head, inputs
# by upstream's tokenize_pair on 24 real triples), and the paper-era PairRanker layout made by
# llm-blender's own collator and ranker. The venv is requirements-encoder.txt plus
# requirements-pairrm.txt and requirements-llm-blender.txt (--no-deps), every package pinned
# with its sha256.
PAIRRM_VENV := .venv-parity-pairrm
PAIRRM_FIXTURES := .build-fixtures/pairrm

.PHONY: pairrm-fixtures parity-pairrm bench-pairrm

$(PAIRRM_VENV)/.installed: scripts/requirements-encoder.txt scripts/requirements-pairrm.txt scripts/requirements-llm-blender.txt
	python3 -m venv $(PAIRRM_VENV)
	$(PAIRRM_VENV)/bin/pip install -q --require-hashes -r scripts/requirements-encoder.txt -r scripts/requirements-pairrm.txt
	$(PAIRRM_VENV)/bin/pip install -q --require-hashes --no-deps -r scripts/requirements-llm-blender.txt
	touch $@

## pairrm-fixtures: the tokenizer and encoder fixtures of the DeBERTa/PairRM tests (into .build-fixtures/pairrm)
pairrm-fixtures: $(PAIRRM_FIXTURES)/.done

# The data comes first (`make test` fetches it with the test build, `make data` otherwise).
$(PAIRRM_FIXTURES)/.done: scripts/pairrm_fixtures.py $(PAIRRM_VENV)/.installed | data/alpaca_eval
	$(PAIRRM_VENV)/bin/python scripts/pairrm_fixtures.py --out $(PAIRRM_FIXTURES) --data data/alpaca_eval
	$(PAIRRM_VENV)/bin/python scripts/pairrm_fixtures.py --out $(PAIRRM_FIXTURES) --part encoder
	$(PAIRRM_VENV)/bin/python scripts/pairrm_fixtures.py --out $(PAIRRM_FIXTURES) --part pairs
	$(PAIRRM_VENV)/bin/python scripts/pairrm_fixtures.py --out $(PAIRRM_FIXTURES) --part ranker
	touch $@

# Full size (scripts/parity_pairrm.py): a random-weight PairRM of deberta-v3-large's shape (24 x 1024,
# about 1.2 GB f32 with the fixture's 4,005-id vocabulary) in the git-ignored .build-fixtures/pairrm-full,
# built once; `blendlab compare --ranker pair-rm` vs DebertaV2Model + the head on 8 real triples, fails
# unless every logit is within 1e-4, and times both sides (2 threads each, 3 interleaved runs, median).
## parity-pairrm: full-size PairRM logits native vs PyTorch (fails above 1e-4) and pairs/s; writes bench/parity-pairrm.md
parity-pairrm: build $(PAIRRM_FIXTURES)/.done
	$(PAIRRM_VENV)/bin/python scripts/parity_pairrm.py --binary $(BIN)

## bench-pairrm: the same run as parity-pairrm (its figures are the benchmark)
bench-pairrm: parity-pairrm

bench: bench-pairrm
