# Genoptræningsguiden. `make run` starts the assistant, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export TF_CPP_MIN_LOG_LEVEL ?= 2

.PHONY: install test lint types validate-kb clean help

help:
	@echo "make run      start the assistant (installs and trains first when needed)"
	@echo "make test     run every test (installs first when needed)"
	@echo "make install  create .venv from a Python 3.10 and install the project"
	@echo "make lint     ruff;  make types  mypy"

install: $(STAMP)

# Reinstall only when the project's dependencies change.
$(STAMP): pyproject.toml scripts/find-python310.sh
	@py=$$(scripts/find-python310.sh) || exit 1; \
	if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
		echo "Creating $(VENV) with $$py"; rm -rf $(VENV); "$$py" -m venv $(VENV) || exit 1; \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip wheel
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

lint: $(STAMP)
	$(BIN)/ruff check .

types: $(STAMP)
	$(BIN)/mypy genoptraening $(wildcard actions/*.py api/*.py api/*/*.py)

validate-kb: $(STAMP)
	$(BIN)/genoptraening kb validate

test: $(STAMP)
	$(BIN)/genoptraening kb validate
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
