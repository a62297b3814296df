# Genoptræningsguiden. `make run` starts the assistant, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RASA := $(BIN)/python -m genoptraening.rasa_ext.launch
RASA_DATA := --config bot/config.yml --domain bot/domain --data data
export TF_CPP_MIN_LOG_LEVEL ?= 2
export RASA_TELEMETRY_ENABLED ?= false
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1

.PHONY: help install run train test test-unit test-rasa test-e2e browser-deps system-deps lint types validate evaluate bench bench-load clean

help:
	@echo "make run       start the assistant (installs and trains first when needed)"
	@echo "make test      run every test (installs and trains first when needed)"
	@echo "make install   create .venv from a Python 3.10 and install the project"
	@echo "make train     train the assistant when its data or config changed"
	@echo "make evaluate  NLU, retrieval and conversation figures on held-out sets -> docs/nlu-evaluation.md"
	@echo "make lint      ruff and the import contracts;  make types  mypy"

install: $(STAMP)

# Reinstall only when the project's dependencies change.
$(STAMP): pyproject.toml scripts/find-python310.sh
	@py=$$(scripts/find-python310.sh) || exit 1; \
	if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
		echo "Creating $(VENV) with $$py"; rm -rf $(VENV); "$$py" -m venv $(VENV) || exit 1; \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip wheel
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -c 'from genoptraening.rasa_ext.spacy_da import build_local_pipeline; build_local_pipeline()'
	@touch $@

# make run REPLICAS=3: three Rasa servers sharing PostgreSQL and Redis (see README, Operation).
run: $(STAMP)
	$(BIN)/genoptraening run $(if $(REPLICAS),--replicas $(REPLICAS))

train: $(STAMP)
	$(BIN)/genoptraening train

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy genoptraening api actions

validate: $(STAMP)
	$(BIN)/genoptraening kb validate
	$(RASA) data validate $(RASA_DATA)

# The order of rasa-demo: validate -> unit tests -> train -> conversation tests -> end to end.
test: validate test-unit test-rasa test-e2e

test-unit: $(STAMP)
	$(BIN)/pytest --ignore=tests/e2e

test-rasa: train
	$(RASA) test core --model models --stories tests/stories --fail-on-prediction-errors --out results/core
	$(BIN)/genoptraening nlu evaluate --min-accuracy 0.85
	$(BIN)/genoptraening retrieval evaluate --min-recall3 0.75

AXE := tests/e2e/browser_deps/node_modules/axe-core/axe.min.js

# What the browser tests need besides Python: Debian's chromium and axe-core from npm.
browser-deps: system-deps $(AXE)

# Debian's chromium and npm when missing: installed as root with apt-get, else the script
# prints the one command to run.
system-deps:
	@scripts/install-system-deps.sh

$(AXE): tests/e2e/browser_deps/package.json tests/e2e/browser_deps/package-lock.json | system-deps
	npm ci --prefix tests/e2e/browser_deps --no-audit --no-fund
	@touch $@

test-e2e: train browser-deps
	$(BIN)/pytest tests/e2e

evaluate: train
	$(BIN)/genoptraening nlu evaluate --write-report
	$(BIN)/genoptraening retrieval evaluate --answers --write-report
	$(BIN)/genoptraening conversations evaluate --write-report
	$(BIN)/genoptraening facts evaluate --write-report

# Benchmarks are measurements, not tests: figures go to docs/benchmarks.md.
bench: $(STAMP)
	$(BIN)/genoptraening bench

# 20 concurrent conversations through the web API for 60 s; four Rasa servers on PostgreSQL
# and Redis (a scratch database on the local PostgreSQL unless GENOPTRAENING_DATABASE_URL).
bench-load: $(STAMP)
	$(BIN)/genoptraening bench-load $(BENCH_LOAD_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache results var
