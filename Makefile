# Two commands for a fresh machine with Python 3.11 and make:
#   make play   set up .venv with what playing needs, then start the game
#   make test   set up .venv with the development tools too, then run every check and test
# and, not part of `make test`:
#   make coverage   the test suite under coverage (the CLI's subprocesses included)
#   make dist       build the wheel and the sdist into dist/ and run `twine check` on them
#   make lock       pin the versions in constraints.txt anew (from a fresh venv)
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
# Both set-ups install the versions the tests were made with (constraints.txt).
PLAYING := $(VENV)/.installed-play
TESTING := $(VENV)/.installed-test

.PHONY: play test lint browser-note coverage schema dist lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(PLAYING): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install --quiet -c constraints.txt -e .
	@touch $(PLAYING)

$(TESTING): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install --quiet -c constraints.txt -e '.[dev,web]'
	@touch $(TESTING) $(PLAYING)

play: $(PLAYING)
	$(BIN)/elbe-game play

lint: $(TESTING)
	$(BIN)/ruff check elbe_game tests
	$(BIN)/ruff format --check elbe_game tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# The browser test needs Chromium (Debian: apt-get install chromium); without it the
# test is skipped, and said so here and in pytest's summary. CI installs it (and zsh,
# for the zsh completion check) and sets ELBE_GAME_TEST_TOOLS=required, so that there
# a missing tool fails the run.
browser-note:
	@command -v $${ELBE_GAME_CHROMIUM:-chromium} >/dev/null 2>&1 || \
	  echo "NOTE: Chromium is not installed: the browser test (tests/web/test_browser.py) will be SKIPPED. Install it with: apt-get install chromium"

test: $(TESTING) lint browser-note
	$(BIN)/elbe-game check story
	$(BIN)/python -m pytest -q

coverage: $(TESTING)
	rm -f .coverage .coverage.*
	$(BIN)/coverage run -m pytest -q
	$(BIN)/coverage combine --quiet
	$(BIN)/coverage report

schema: $(PLAYING)
	$(BIN)/elbe-game schema > schema/story.schema.json
	$(BIN)/python -m elbe_game.authoring.walkformat > schema/walkthrough.schema.json

dist: $(TESTING)
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/twine check --strict dist/*

lock: | $(BIN)/python
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet --disable-pip-version-check '.[dev,web]'
	{ grep '^#' constraints.txt; \
	  build/lock-venv/bin/python -m pip freeze --disable-pip-version-check --exclude elbe-game; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf build/lock-venv

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.* htmlcov
