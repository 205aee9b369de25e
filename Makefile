# One command each: `make run` starts the bot, `make test` runs the tests.
# Both create the virtual environment and install what they need on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@# The console's browser tests drive Debian's Chromium (never `playwright install`);
	@# without it they are skipped, so a failed install does not stop the set-up.
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
		|| echo "Chromium could not be installed: the browser tests will be skipped"; \
	fi
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot

test: $(STAMP)
	PY=$(PY) bash scripts/test.sh

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: $(STAMP)
	$(PY) bench/bench_foundation.py
	$(PY) bench/bench_review.py
	$(PY) bench/bench_scheduler.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
