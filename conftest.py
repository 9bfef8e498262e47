"""The suite's fixtures and hooks (tests/fixtures.py) for every test: those in tests/ and those in
each condition's app (recruitment/conditions/<condition>/tests)."""

pytest_plugins = ["tests.fixtures", "tests.browser.fixtures"]
