# blendlab: two commands set a fresh machine up (`make setup`, `make data`), one runs an
# experiment (`make experiment NAME=smoke`), one runs the tests (`make test`).
SHELL := /bin/bash
.DEFAULT_GOAL := help
SWIFT ?= swift
BIN := .build/release/blendlab
NAME ?= smoke
# The local data mirror beside the checkout, when there is one; else data comes from upstream.
ifneq ($(wildcard ../shared/data/alpaca_eval),)
export BLENDLAB_DATA_MIRROR ?= $(abspath ../shared/data)
endif

.PHONY: help setup build data models experiment notebook test bench publish clean

help:
	@echo "make setup                 install system packages (apt) the build needs"
	@echo "make data                  fetch the AlpacaEval development data into data/"
	@echo "make models                fetch model weights into models/ (sha256-checked): the encoder and the local LLM server's GGUFs"
	@echo "make experiment NAME=smoke build, provision and run Experiments/NAME.yaml"
	@echo "make notebook NAME=llm-blender  render Notebooks/NAME.md to results/notebooks/NAME/ (from committed results when their spec matches)"
	@echo "make test                  run every test"
	@echo "make test-reliability      crash/resume, concurrent runs, broken input, disk faults"
	@echo "make bench                 run the benchmarks; figures go to bench/"
	@echo "make publish               rebuild results/index.html (a static site) from every results/*/result.json"

setup:
	@scripts/setup.sh

# The command-line binary carries the Swift runtime and Foundation inside it (--static-swift-stdlib):
# start-up drops from 41.5 to 21.9 ms of CPU (ld.so's symbol lookup over 55 shared libraries was
# half of it), which every scripting verb and cached run pays. Linking it needs libcurl.so
# (libcurl4-openssl-dev, make/packages.txt) for FoundationNetworking.
build: setup
	$(SWIFT) build -c release --product blendlab --static-swift-stdlib

data: build
	$(BIN) data fetch alpaca-eval

models:
	@scripts/fetch-models.sh
	@scripts/fetch-llm-models.sh

experiment: build data
	@scripts/provision.sh "$(NAME)"
	$(BIN) run "$(NAME)"
	@echo "pages: results/$(NAME)/index.html, report.md, examples.html, tables/*.tex|csv (result.json and examples.json beside them)"

# A notebook renders from the committed result files when their spec matches; other cells run through the cache.
notebook: build
	$(BIN) notebook "$(NAME)"

# Tests run optimised (the statistics and the encoder are slow unoptimised) with testability on.
TEST_FLAGS := -c release -Xswiftc -enable-testing
test: setup
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	.build/release/blendlab data fetch alpaca-eval
	$(MAKE) pairrm-fixtures
	$(SWIFT) test $(TEST_FLAGS) --skip-build

bench: build data
	@scripts/bench.sh

publish: build
	$(BIN) publish

clean:
	rm -rf .build .blendlab

-include make/*.mk
