# Every target bootstraps what it needs: on a fresh machine `make serve` and `make test` are enough.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := node_modules/.package-lock.json
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve site check test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# KaTeX, pinned in package-lock.json, served by the site itself (no CDN).
$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(ASSETS)

setup: $(STAMP) $(ASSETS)

serve: $(STAMP) $(ASSETS)
	$(BIN)/mkdocs serve

site: $(STAMP) $(ASSETS)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/readinglist check

test: $(STAMP) $(ASSETS)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) site node_modules .pytest_cache

# `make bench QUICK=1`: the small sizes only, for a quick look.
bench: $(STAMP) $(ASSETS)
	$(BIN)/python scripts/bench/run.py $(if $(QUICK),--quick)
