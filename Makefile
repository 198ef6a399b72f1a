# Every target bootstraps what it needs: on a fresh machine `make serve` and `make test` are enough.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := node_modules/.package-lock.json
PROPERDOCS := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS)/.installed
ZENSICAL := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL)/.installed
export NO_MKDOCS_2_WARNING := 1

# The browser tests drive a Chromium-family browser, never downloaded: without one, `make test`
# stops here, before any setup, with one line saying how to get one (.ci/run installs one).
ifneq ($(filter test,$(MAKECMDGOALS)),)
NO_BROWSER := $(shell $(PYTHON) tests/browser/find_chromium.py 2>&1 >/dev/null)
ifneq ($(NO_BROWSER),)
$(error $(NO_BROWSER))
endif
endif

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

# ProperDocs, the maintained fork of MkDocs 1.x, in an environment of its own without MkDocs, so
# the suite can show the site builds when MkDocs no longer installs. Made once, kept until
# pyproject.toml changes. When PyPI cannot be reached, the reason is kept beside it and the
# test that needs it is skipped with that reason; any other failure to install stops here.
$(PROPERDOCS_STAMP): pyproject.toml
	rm -rf $(PROPERDOCS)
	$(PYTHON) -m venv $(PROPERDOCS)
	if $(PROPERDOCS)/bin/python -m pip install --quiet 'properdocs>=1.6.7,<2' -e . \
	    && $(PROPERDOCS)/bin/python -m pip uninstall --quiet --yes mkdocs; then \
	  touch $@; \
	elif $(PROPERDOCS)/bin/python -m pip download --quiet --no-deps --dest $(PROPERDOCS)/probe \
	    properdocs; then \
	  exit 1; \
	else \
	  echo "PyPI could not be reached when $(PROPERDOCS) was made" > $(PROPERDOCS)/.unavailable; \
	fi

# Zensical, Material's successor, in an environment of its own (Zensical alone): it ignores
# hooks:, so tests/test_zensical.py builds what `readinglist render` writes, with docs/. Pinned to
# 0.0.73, the last release whose dependencies the registry has (0.0.74 and 0.1.x need
# zensical-ui). Made once, kept until pyproject.toml changes; without PyPI, as for ProperDocs.
$(ZENSICAL_STAMP): pyproject.toml
	rm -rf $(ZENSICAL)
	$(PYTHON) -m venv $(ZENSICAL)
	if $(ZENSICAL)/bin/python -m pip install --quiet 'zensical==0.0.73'; then \
	  touch $@; \
	elif $(ZENSICAL)/bin/python -m pip download --quiet --no-deps --dest $(ZENSICAL)/probe \
	    zensical==0.0.73; then \
	  exit 1; \
	else \
	  echo "PyPI could not be reached when $(ZENSICAL) was made" > $(ZENSICAL)/.unavailable; \
	fi

setup: $(STAMP) $(ASSETS)

# --dirty: each save rebuilds only the pages it changed (scripts/readinglist/hooks/live.py).
serve: $(STAMP) $(ASSETS)
	$(BIN)/mkdocs serve --dirty

site: $(STAMP) $(ASSETS)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/readinglist check

test: $(STAMP) $(ASSETS) $(PROPERDOCS_STAMP) $(ZENSICAL_STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(PROPERDOCS) $(ZENSICAL) site node_modules .pytest_cache

# `make bench QUICK=1`: the small sizes only, for a quick look.
bench: $(STAMP) $(ASSETS)
	$(BIN)/python scripts/bench/run.py $(if $(QUICK),--quick)
