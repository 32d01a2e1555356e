# Everything a fresh machine with Python 3.11+ needs: `make run` opens the app, `make test` runs the gates
# (`make lint`: ruff lint and format, mypy, import contracts) and then the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run lint format test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/mlprep-tui

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py
	$(BIN)/python benchmarks/bench_app.py
	$(BIN)/python benchmarks/bench_extremes.py
	$(BIN)/python benchmarks/bench_export.py
	$(BIN)/python benchmarks/bench_exercises.py

clean:
	rm -rf $(VENV) dist build
