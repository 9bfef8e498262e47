# Two commands for a new user: `make run` and `make test`. Both bootstrap everything they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
DEMO_PASSWORD ?= demo

.PHONY: run test bench install migrate seed worker beat clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 is required, found " + sys.version.split()[0]) if sys.version_info[:2] != (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# Re-installs only when the declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo --password '$(DEMO_PASSWORD)'

run: seed
	@echo "Portal: http://127.0.0.1:$(PORT)/  (admin: /admin/, users admin / coordinator / sponsor, password '$(DEMO_PASSWORD)')"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# By hand, never in `make test`: needs PostgreSQL, Redis, wrk and valgrind on this machine (see bench/README.md).
bench: install
	@command -v wrk >/dev/null || { echo "bench needs wrk: apt-get install wrk"; exit 1; }
	@command -v valgrind >/dev/null || { echo "bench needs valgrind: apt-get install valgrind"; exit 1; }
	@# The drills run even when a figure misses its target; the exit status reports both.
	$(BIN)/python bench/run.py $(BENCH_ARGS); figures=$$?; $(BIN)/python bench/drills.py && exit $$figures

worker: install
	$(BIN)/celery -A config worker --loglevel=info

beat: install
	$(BIN)/celery -A config beat --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
