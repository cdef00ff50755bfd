# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv when missing.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# durable_rules compiles its C core at install time and its setup.py drops CFLAGS; -O2 via CPPFLAGS makes it faster.
INSTALL_ENV := CPPFLAGS="-O2"

.PHONY: demo test bench lint schema matrix matrix-screenshot screenshots clean help

help:
	@echo "make demo   set up .venv and answer a sample case"
	@echo "make test   set up .venv with the test extras, check the layering (lint-imports) and run the whole suite"
	@echo "make bench  run the benchmark (bench/run.py): one table, and bench/results.json"
	@echo "make lint   ruff, mypy and the import contracts of pyproject.toml (lint-imports; dev extras)"
	@echo "make schema regenerate schema/*.json from the models and the vocabulary"
	@echo "make matrix write out/matrix.html, the competence matrix for a policy meeting"
	@echo "make matrix-screenshot  render it in headless Chromium to out/matrix.png (apt-get install chromium)"
	@echo "make screenshots  run the browser tests (tests/test_browser.py) and write docs/matrix.png and"
	@echo "                  docs/matrix-competence.png (apt-get install chromium chromium-driver)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "allocator needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(INSTALL_ENV) $(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(INSTALL_ENV) $(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-base

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(INSTALL_ENV) $(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-base

demo: $(VENV)/.installed-base
	@echo "\$$ allocator decide --topic terrorism --location military-site --actor belgian-military"
	@$(BIN)/allocator decide --topic terrorism --location military-site --actor belgian-military
	@echo
	@echo "Next, with your own case (add --format json for scripts, allocator decide --help for every option):"
	@echo "  . $(BIN)/activate"
	@echo "  allocator decide --topic espionage --location belgium --actor foreign-intelligence-service --target government"

test: $(VENV)/.installed-test
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests features scripts bench
	$(BIN)/ruff format --check src tests features scripts bench
	$(BIN)/mypy src
	$(BIN)/lint-imports

schema: $(VENV)/.installed-base
	@mkdir -p schema
	$(BIN)/allocator schema --kind rules --output schema/rules.schema.json
	$(BIN)/allocator schema --kind vocabulary --output schema/vocabulary.schema.json

matrix: $(VENV)/.installed-base
	@mkdir -p out
	$(BIN)/allocator matrix --format html --output out/matrix.html
	@echo "open out/matrix.html in a browser"

CHROMIUM ?= chromium
matrix-screenshot: matrix
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	  --disable-background-networking --disable-component-update --disable-sync \
	  --user-data-dir=$$(mktemp -d) --window-size=1500,1100 \
	  --screenshot=out/matrix.png file://$(CURDIR)/out/matrix.html 2>/dev/null
	@echo "wrote out/matrix.png"

# The browser tests in Chromium through Selenium, keeping their screenshots of the lead and competence views.
screenshots: $(VENV)/.installed-test
	ALLOCATOR_SCREENSHOTS=1 ALLOCATOR_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/test_browser.py -q -p no:cacheprovider
	@echo "wrote docs/matrix.png and docs/matrix-competence.png"

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache
