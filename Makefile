# Two commands for a new user: `make run` and `make test`. Both bootstrap everything they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
DEMO_PASSWORD ?= demo
# Development: debug on (the settings default to off, for a server started without its environment).
export DJANGO_DEBUG ?= true

# bench/ runs from a venv of its own: the app's dependencies and Locust and matplotlib, from their
# own lock (requirements/bench.txt), so that .venv stays exactly requirements/dev.txt.
BENCH_VENV := .venv-bench
BENCH_BIN  := $(BENCH_VENV)/bin
CHECK_PYTHON := $(PYTHON) -c 'import sys; sys.exit("Python 3.11 is required, found " + sys.version.split()[0]) if sys.version_info[:2] != (3, 11) else None'

.PHONY: run test lint audit lock bench bench-install broadcast install migrate seed worker beat clean

$(BIN)/python:
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $(VENV)

# Every install comes from the lock file, each file checked against its hash; re-installs only
# when the lock changes. The project itself is run from this folder, never installed.
$(STAMP): requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo --password '$(DEMO_PASSWORD)'

run: seed
	@echo "Portal: http://127.0.0.1:$(PORT)/  (admin: /admin/, users admin / coordinator / sponsor, password '$(DEMO_PASSWORD)')"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# One test database, live server port and Redis database per core (pytest-xdist).
# One file or one test: make test PYTEST_ARGS='tests/test_calls.py::test_name' PYTEST_WORKERS=0
PYTEST_WORKERS ?= auto
test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Known vulnerabilities in every locked package; asks PyPI's advisory data over the network.
audit: install
	$(BIN)/pip-audit --strict --disable-pip --require-hashes -r requirements/dev.txt

# Refresh the lock files after changing pyproject.toml (or to take new releases: LOCK_ARGS=--upgrade).
LOCK := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
        --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet 'pip-tools>=7.4,<8'
	$(LOCK) -o requirements/runtime.txt pyproject.toml
	$(LOCK) --extra test --extra lint -c requirements/runtime.txt -o requirements/dev.txt pyproject.toml
	$(LOCK) --extra bench -c requirements/dev.txt -o requirements/bench.txt pyproject.toml

$(BENCH_BIN)/python:
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $(BENCH_VENV)

$(BENCH_VENV)/.installed: requirements/bench.txt | $(BENCH_BIN)/python
	$(BENCH_BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/bench.txt
	touch $@

bench-install: $(BENCH_VENV)/.installed

# By hand, never in `make test`: needs PostgreSQL, Redis, wrk and valgrind on this machine (see bench/README.md).
bench: bench-install
	@command -v wrk >/dev/null || { echo "bench needs wrk: apt-get install wrk"; exit 1; }
	@command -v valgrind >/dev/null || { echo "bench needs valgrind: apt-get install valgrind"; exit 1; }
	@# The drills run even when a figure misses its target; the exit status reports both.
	$(BENCH_BIN)/python bench/run.py $(BENCH_ARGS); figures=$$?; $(BENCH_BIN)/python bench/drills.py && exit $$figures

# The broadcast-night load test (Locust), by hand: a search over increasing rates, about 20 minutes
# after the data set (BROADCAST_ARGS="--rate 8" for one run; see bench/README.md).
broadcast: bench-install
	$(BENCH_BIN)/python bench/broadcast.py $(BROADCAST_ARGS)

worker: install
	$(BIN)/celery -A config worker --loglevel=info

beat: install
	$(BIN)/celery -A config beat --loglevel=info

clean:
	rm -rf $(VENV) $(BENCH_VENV) db.sqlite3 staticfiles
