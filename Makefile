# The two commands: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test venv lint typecheck schema schema-check stop fetch bench clean

run: $(STAMP)
	$(BIN)/graph-api run

test: $(STAMP)
	$(BIN)/graph-api test

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Regenerate the lock file after changing pyproject.toml (needs network access to PyPI).
lock:
	$(PYTHON) -m venv .local/lockvenv && .local/lockvenv/bin/pip install --quiet uv==0.13.8
	.local/lockvenv/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

lint: $(STAMP)
	$(BIN)/ruff check graph_api tests
	$(BIN)/mypy graph_api

schema: $(STAMP)
	$(BIN)/graph-api schema

schema-check: $(STAMP)
	$(BIN)/graph-api schema --check

fetch: $(STAMP)
	$(BIN)/graph-api servers fetch

# Stops servers left behind by a killed `make run` (the test servers stop by themselves).
stop: $(STAMP)
	$(BIN)/graph-api servers stop

clean:
	rm -rf .local/dev .local/test

# The benchmark (bench/README.md): own servers per scale (1, 10, 100), results under
# bench/results/<time>/. BENCH_ARGS passes options, e.g. BENCH_ARGS="--scales 1,10".
.PHONY: bench-smoke
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

# A few requests per operation at scale 1 against servers that already run (NEO4J_URI,
# MEILI_URL, ... from the environment, or those of `make run`); well under a minute.
bench-smoke: $(STAMP)
	$(BIN)/python -m bench --smoke $(BENCH_ARGS)
