# The README's commands. Everything is installed from this repository's own files into .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.news-workbook-installed
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup report test lab benchmark benchmark-scale clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/python -m analysis run

test: $(STAMP)
	$(BIN)/python -m pytest -q tests --nbval-lax notebooks --nbval-sanitize-with notebooks/nbval_sanitize.cfg

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/annotate_speed.py

benchmark-scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py

clean:
	rm -rf reports .cache .pytest_cache
