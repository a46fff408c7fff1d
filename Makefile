# lumbar — the two commands a newcomer needs are `make run` and `make test`.
PY ?= python3
VENV := .venv
BENCH_VENV := .venv-bench
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint setup clean browser postgres compiler

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## Start the web app on the SQLite journal (a demo person when it is empty).
run: setup
	$(BIN)/lumbar serve --demo

## Debian's chromium drives the browser tests (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "could not install chromium: the browser tests will fail"; }

## Debian's postgresql: the store's tests start their own throwaway server from its initdb.
postgres:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing Debian's postgresql for the PostgreSQL tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	  || echo "could not install postgresql: the PostgreSQL tests will fail (LUMBAR_TEST_POSTGRES=0 skips them)"; }

## A C compiler: a test builds the package with its engine compiled by mypyc (setup.py).
compiler:
	@command -v cc >/dev/null 2>&1 || { \
	  echo "installing Debian's gcc for the compiled-engine test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc >/dev/null) \
	  || echo "could not install gcc: the compiled-engine test will fail"; }

## Set up and run every test.
test: setup browser postgres compiler
	$(BIN)/python -m pytest -n 2 -q

## Benchmarks: figures printed with the command that made them. They measure lumbar as
## `pip install` builds it (the engine compiled), in a virtualenv of their own.
bench: compiler
	test -x $(BENCH_VENV)/bin/python || $(PY) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	rm -rf build/bench-wheel
	$(BENCH_VENV)/bin/python -m pip wheel --quiet --no-deps -w build/bench-wheel .
	$(BENCH_VENV)/bin/python -m pip install --quiet --force-reinstall --no-deps build/bench-wheel/lumbar-*.whl
	$(BENCH_VENV)/bin/python -m pip install --quiet "$$(ls build/bench-wheel/lumbar-*.whl)[test,bench]"
	$(BENCH_VENV)/bin/python benchmarks/run_all.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(BENCH_VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
