# Two commands for a fresh machine with Python 3.11 and make:
#   make play   set up .venv if needed, then start the game
#   make test   set up .venv if needed, then run every check and test
# and, not part of `make test`:
#   make coverage   the test suite under coverage (the CLI's subprocesses included)
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: play test lint coverage schema clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

play: $(STAMP)
	$(BIN)/elbe-game play

lint: $(STAMP)
	$(BIN)/ruff check elbe_game tests
	$(BIN)/ruff format --check elbe_game tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(STAMP) lint
	$(BIN)/elbe-game check story
	$(BIN)/python -m pytest -q

coverage: $(STAMP)
	rm -f .coverage .coverage.*
	$(BIN)/coverage run -m pytest -q
	$(BIN)/coverage combine --quiet
	$(BIN)/coverage report

schema: $(STAMP)
	$(BIN)/elbe-game schema > schema/story.schema.json
	$(BIN)/python -m elbe_game.authoring.walkformat > schema/walkthrough.schema.json

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.* htmlcov
