# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv when missing.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# durable_rules compiles its C core at install time and its setup.py drops CFLAGS; -O2 via CPPFLAGS makes it faster.
INSTALL_ENV := CPPFLAGS="-O2"

.PHONY: demo test test-quick spec bench lint schema matrix matrix-screenshot screenshots samples clean help

help:
	@echo "make demo   set up .venv and answer a sample case"
	@echo "make test   set up .venv with the test extras, check the layering (lint-imports) and run the whole suite"
	@echo "make test-quick  the suite without the tests marked slow (pytest -m 'not slow'), for while you work"
	@echo "make spec   for policy staff: check the rules (allocator check --strict), run the Gherkin"
	@echo "            specification in seconds (allocator spec: features/) and show how far it covers"
	@echo "            the rules (allocator coverage)"
	@echo "make fmt    put the rule files and the feature files in their canonical layout (allocator fmt;"
	@echo "            allocator fmt --check writes nothing and fails when a file would change)"
	@echo "make bench  run the benchmark (bench/run.py): one table, and bench/results.json"
	@echo "make lint   ruff, mypy (strict, on the code, the tests and the steps) and the import contracts (lint-imports; dev extras)"
	@echo "make schema regenerate schema/*.json from the models and the vocabulary"
	@echo "make readme regenerate schema/ (make schema), then rewrite the output of every console example"
	@echo "            of README.md from the tool (scripts/update_readme_examples.py); read the diff"
	@echo "make matrix write out/matrix.html, the competence matrix for a policy meeting"
	@echo "make matrix-screenshot  render it in headless Chromium to out/matrix.png (apt-get install chromium)"
	@echo "make screenshots  run the browser tests (tests/test_browser.py) and write docs/matrix.png and"
	@echo "                  docs/matrix-competence.png (apt-get install chromium chromium-driver)"
	@echo "make translations  extract the message keys into the template, add new ones to every .po,"
	@echo "                  compile each .po into its .mo (src/allocator/i18n/locale; Babel, dev extras)"
	@echo "make samples  write docs/samples/{en,nl,fr}.md for a native reader: every message filled in,"
	@echo "              and decisions explained in every template (scripts/render_samples.py)"

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

test-quick: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow"

# The specification as policy staff read it: the rules are sound, every scenario holds (run
# in-process by `allocator spec`, in seconds, with the sentences pytest runs), and which rules and
# regions the scenarios reach.
spec: $(VENV)/.installed-base
	$(BIN)/allocator check --strict
	$(BIN)/allocator spec
	$(BIN)/allocator coverage

# The canonical layout of rules/*.yaml and features/*.feature (comments and meaning kept).
.PHONY: fmt
fmt: $(VENV)/.installed-base
	$(BIN)/allocator fmt

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests features scripts bench conftest.py
	$(BIN)/ruff format --check src tests features scripts bench conftest.py
	$(BIN)/mypy src tests features conftest.py
	$(BIN)/lint-imports

# From this checkout's rules/, whatever $ALLOCATOR_RULES names (`allocator check` compares them).
schema: $(VENV)/.installed-base
	@mkdir -p schema
	$(BIN)/allocator schema --rules rules --kind rules --output schema/rules.schema.json
	$(BIN)/allocator schema --rules rules --kind vocabulary --output schema/vocabulary.schema.json

# The README's console examples rewritten from the tool, run in this checkout with its rules/ in
# force (`allocator check` warns, README.md:LINE, when one has drifted; tests/test_readme.py
# fails). After `make schema`: the example of `allocator check` shows the schemas up to date.
.PHONY: readme
readme: schema
	$(BIN)/python scripts/update_readme_examples.py
	@echo "README.md rewritten from the tool's output: read the diff (git diff README.md) and commit it"

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

# The browser tests in Chromium through Selenium, keeping their screenshots of the lead and competence views
# of the matrix and of the duty-desk page of `allocator serve` in French and in Dutch.
screenshots: $(VENV)/.installed-test
	ALLOCATOR_SCREENSHOTS=1 ALLOCATOR_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/test_browser.py tests/test_browser_page.py -q -p no:cacheprovider
	@echo "wrote docs/matrix.png, docs/matrix-competence.png, docs/serve-page-fr.png and docs/serve-page-nl.png"

# The message catalogues (README, Translations): the keys of the code into the template
# allocator.pot, new keys into every language's allocator.po (empty, to translate), then each .po
# compiled into the allocator.mo that allocator reads. Keys are msgids; msgid_plural is the key too.
LOCALES := src/allocator/i18n/locale
.PHONY: translations
translations: $(VENV)/.installed-dev
	$(BIN)/pybabel extract --no-default-keywords -k t -k tn:1,1 -k N_ -k N_plural:1,1 \
	  -F babel.cfg --add-comments=TRANSLATORS: --add-location=file --omit-header --sort-output \
	  --no-wrap -o $(LOCALES)/allocator.pot .
	$(BIN)/pybabel update -D allocator -i $(LOCALES)/allocator.pot -d $(LOCALES) \
	  --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --no-wrap
	$(BIN)/pybabel compile -D allocator -d $(LOCALES) --statistics

# Every text of the tool in each language, for a native reader to review (tests/test_samples.py
# keeps them up to date): every message filled in, decisions explained in every template.
samples: $(VENV)/.installed-test
	$(BIN)/python scripts/render_samples.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache
