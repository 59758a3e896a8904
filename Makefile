# Two commands: `make run` (dashboard on data/cleanprod.duckdb with sample data) and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/cleanprod.duckdb
PORT ?= 8501

.PHONY: run test setup system-deps lint bench

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

setup: system-deps $(VENV)/.installed

system-deps:
	@bash scripts/system-deps.sh

run: setup
	$(PY) manage.py --db $(DB) init
	$(PY) manage.py --db $(DB) load-sample --if-empty
	$(PY) manage.py ensure-admin
	CLEANPROD_DB=$(DB) $(PY) -m streamlit run server.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

test: setup lint
	$(PY) -m pytest -q -n 2 --dist loadfile

bench: setup
	$(PY) -m benchmarks
