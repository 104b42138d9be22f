# Native DeBERTa-v3 / PairRM (issue 15): the tests compare the native SentencePiece tokenizer
# with transformers' DebertaV2Tokenizer on fixtures made from scratch here (a unigram model
# trained with the `sentencepiece` package on development texts, reference ids of 1,000 other
# texts) and the native DeBERTa encoder with PyTorch's DebertaV2Model (random weights from
# PairRM's config shrunk to 2 layers x 256, last hidden states of real token ids), in a
# git-ignored folder (about 17 MB), and PairRM's pair logits (that model + a random head, inputs
# by upstream's tokenize_pair on 24 real triples). The venv is requirements-encoder.txt plus
# requirements-pairrm.txt, every package pinned with its sha256.
PAIRRM_VENV := .venv-parity-pairrm
PAIRRM_FIXTURES := .build-fixtures/pairrm

.PHONY: pairrm-fixtures

$(PAIRRM_VENV)/.installed: scripts/requirements-encoder.txt scripts/requirements-pairrm.txt
	python3 -m venv $(PAIRRM_VENV)
	$(PAIRRM_VENV)/bin/pip install -q --require-hashes -r scripts/requirements-encoder.txt -r scripts/requirements-pairrm.txt
	touch $@

## pairrm-fixtures: the tokenizer and encoder fixtures of the DeBERTa/PairRM tests (into .build-fixtures/pairrm)
pairrm-fixtures: $(PAIRRM_FIXTURES)/.done

# The data comes first (`make test` fetches it with the test build, `make data` otherwise).
$(PAIRRM_FIXTURES)/.done: scripts/pairrm_fixtures.py $(PAIRRM_VENV)/.installed | data/alpaca_eval
	$(PAIRRM_VENV)/bin/python scripts/pairrm_fixtures.py --out $(PAIRRM_FIXTURES) --data data/alpaca_eval
	$(PAIRRM_VENV)/bin/python scripts/pairrm_fixtures.py --out $(PAIRRM_FIXTURES) --part encoder
	$(PAIRRM_VENV)/bin/python scripts/pairrm_fixtures.py --out $(PAIRRM_FIXTURES) --part pairs
	touch $@
