# The README's commands. Everything is installed from this repository's own files into .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.news-workbook-installed
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup report check-report test lab evaluate benchmark benchmark-scale benchmark-report benchmark-long clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/python -m analysis run

# Opens index.html and every notebook page in headless Chromium (skipped, with a message, without one):
# every image loads, no console message; screenshots go to reports/<study>/screenshots/.
check-report: $(STAMP)
	$(BIN)/python -m analysis.report.check $(REPORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q tests --nbval-lax notebooks --nbval-sanitize-with notebooks/nbval_sanitize.cfg

# Jupyter refuses to run as root unless told; a container often runs as root.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks $$(if [ "$$(id -u)" = 0 ]; then echo --allow-root; fi)

benchmark: $(STAMP)
	$(BIN)/python benchmarks/annotate_speed.py

benchmark-scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py

benchmark-report: $(STAMP)
	$(BIN)/python benchmarks/report_speed.py

# Issue 16.2: a 50 MB article and a 100,000-line article; seconds and peak memory (target < 1,500 MB).
benchmark-long: $(STAMP)
	$(BIN)/python benchmarks/long_articles.py

# Scores against gold: the embedded study and the development studies of ../shared/devset (if present).
DEVSET ?= ../shared/devset
EMBEDDED := data/umerov-seoul-2024

evaluate: $(STAMP)
	@if [ -d "$(DEVSET)" ]; then \
		set -- --study $(EMBEDDED); \
		for d in "$(DEVSET)"/*/; do if [ -d "$$d/gold" ]; then set -- "$$@" --study "$${d%/}"; fi; done; \
		$(BIN)/python -m analysis evaluate "$$@"; \
	else \
		echo "note: $(DEVSET) not found; evaluating the embedded study only"; \
		$(BIN)/python -m analysis evaluate --study $(EMBEDDED); \
	fi

clean:
	rm -rf reports .cache .pytest_cache
