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

.PHONY: help install bytecode graph test browser lint bench soak clean

help: ## Show this help
	@colour=; plain=; if [ -t 1 ]; then colour=$$(printf '\033[36m'); plain=$$(printf '\033[0m'); fi; \
	awk -v c="$$colour" -v p="$$plain" 'BEGIN {FS = ":.*## "; printf "Targets:\n"} /^[a-zA-Z_-]+:.*## / {printf "  %s%-9s%s %s\n", c, $$1, p, $$2}' $(MAKEFILE_LIST)
	@printf "\nOn a fresh machine run 'make graph' (builds graphs/seeds/) and 'make test'.\n"

install: $(STAMP) ## Create .venv and install the project with its dev extras (quick when nothing changed)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the project into $(VENV) (first time takes a minute)..."
	@# pip's noise: unreachable local indexes, and jusText's "lxml[html_clean]" extra that lxml 6 dropped
	@# (its cleaner, lxml_html_clean, is a dependency of this project)
	@set -o pipefail; $(PIP) install -e ".[dev]" 2>&1 | \
	  { grep -vE "^WARNING: (Location|lxml .* does not provide the extra 'html_clean')" || true; }
	@$(BIN)/python -c "import pipeline, spacy, networkx, pandas, pyvis, typer" || { echo "install failed"; exit 1; }
	@$(MAKE) --no-print-directory bytecode
	@touch $(STAMP)

# An editable install compiles nothing, and with PYTHONDONTWRITEBYTECODE set (as in many containers)
# every `kg` would compile the package again: 0.08 s of a 0.3 s warm re-run. Stale files are ignored.
bytecode: ## Compile the package's bytecode (done by install and bench; quick when nothing changed)
	@$(BIN)/python -m compileall -q pipeline

graph: install ## Build the seed graph into graphs/seeds/ (OUT=dir to change, ARGS=... for kg run options)
	$(BIN)/kg run seeds --out $(OUT) $(ARGS)

test: install browser ## Run the test suite
	$(BIN)/python -m pytest $(ARGS)

# The browser tests drive Debian's chromium (Playwright's own browser download needs a CDN). Quick and
# silent when it is there; a failed install stops here with a message rather than skipping tests.
CHROMIUM := /usr/bin/chromium
browser: ## Install Debian's chromium for the browser tests (only when /usr/bin/chromium is missing)
	@test -x $(CHROMIUM) && exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "error: $(CHROMIUM) is missing and installing it needs root (no sudo here). As root run:"; \
	  echo "  apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver"; \
	  echo "or run the other tests only: $(BIN)/python -m pytest -m 'not browser'"; exit 1; fi; \
	command -v apt-get >/dev/null 2>&1 || { echo "error: $(CHROMIUM) is missing and there is no apt-get:" \
	  "install Chromium at $(CHROMIUM), or run: $(BIN)/python -m pytest -m 'not browser'"; exit 1; }; \
	echo "Installing Debian's chromium for the browser tests (apt-get, first time only)..."; \
	$$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	  chromium chromium-driver >/dev/null && test -x $(CHROMIUM) || \
	  { echo "error: could not install chromium with apt-get (see above); the browser tests need it."; \
	    echo "Run the other tests only with: $(BIN)/python -m pytest -m 'not browser'"; exit 1; }; \
	echo "chromium installed: $$($(CHROMIUM) --version 2>/dev/null)"

bench: install ## Speed and memory vs bare spaCy on gum-dev, Lee (when present) and generated text (BENCH_ONLY=real|generated|long, BENCH_REPEATS=3, BENCH_LEE=file, BENCH_CORPUS=dir, BENCH_N=2000, BENCH_SKIP_4N=1, BENCH_PROFILE=1)
	@$(MAKE) --no-print-directory bytecode
	$(BIN)/python bench/run.py

soak: install ## kg run over gum-dev (../shared) + generated awkward inputs; every input accounted for
	$(BIN)/python bench/soak.py

lint: install ## Check style with ruff and types with mypy
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests
	$(BIN)/mypy

clean: ## Remove generated graphs (keeps graphs/README.md) and caches
	find graphs -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .mypy_cache
