# kg: news articles -> knowledge graph.  `make graph` and `make test` are all a fresh machine needs.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
OUT    ?= graphs/seeds
ARGS   ?=

.PHONY: help install graph test lint bench clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "; printf "Targets:\n"} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-9s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@printf "\nOn a fresh machine run 'make graph' (builds graphs/seeds/) and 'make test'.\n"

install: $(STAMP) ## Create .venv and install the project with its dev extras (quick when nothing changed)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the project into $(VENV) (first time takes a minute)..."
	@set -o pipefail; $(PIP) install -e ".[dev]" 2>&1 | { grep -v "^WARNING: Location" || true; }
	@$(BIN)/python -c "import pipeline, spacy, networkx, pandas, pyvis, typer" || { echo "install failed"; exit 1; }
	@touch $(STAMP)

graph: install ## Build the seed graph into graphs/seeds/ (OUT=dir to change, ARGS=... for kg run options)
	$(BIN)/kg run seeds --out $(OUT) $(ARGS)

test: install ## Run the test suite
	$(BIN)/python -m pytest $(ARGS)

lint: install ## Check style with ruff
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests

clean: ## Remove generated graphs (keeps graphs/README.md) and caches
	find graphs -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache
