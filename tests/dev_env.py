"""Loaded by pytest before Django (pyproject's addopts: -p tests.dev_env): the suite runs in
development mode, as `make test` does, when started by hand without the environment. The settings
default to production (DEBUG off, a secret key required)."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
