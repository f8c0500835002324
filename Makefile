# `make run` starts the app, `make test` runs every check, `make check` the quick ones (no browser, under a
# minute). All set up .venv first.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
PORT ?= 8501

.PHONY: run serve test check setup browser lint bench clean

$(STAMP): requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

# PROCESSES app processes behind nginx on PORT (README, "Deployment"); NAMES: the site's public host names.
PROCESSES ?= 2
NAMES ?= localhost 127.0.0.1
serve: $(STAMP)
	$(PY) -m deploy.cluster --processes $(PROCESSES) --port $(PORT) $(foreach n,$(NAMES),--name $(n))

# The end-to-end tests drive Debian's Chromium (a browser download never works here), render page 1 of each
# PDF with poppler's pdftoppm, put nginx in front of several app processes and keep the register in a
# throwaway PostgreSQL cluster. The tests start and stop nginx and PostgreSQL themselves.
DEBIAN_PACKAGES := chromium fonts-noto-cjk poppler-utils nginx-light postgresql-15
browser:
	@{ command -v chromium && command -v pdftoppm && test -x /usr/sbin/nginx \
	  && test -x /usr/lib/postgresql/15/bin/initdb; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; \
	  else echo "the tests need Debian's packages: sudo apt-get install $(DEBIAN_PACKAGES)" >&2; exit 1; fi; }

# mypy --strict checks the files pyproject.toml names: sonpo/, ui/, views/, app.py, serving/, serve.py.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# The check to run before a commit: lint, then the unit and page tests on two workers (the browser tests in
# tests/e2e and the tests marked slow, twenty processes issuing at once, are left to `make test`).
check: lint
	$(VENV)/bin/pytest -n 2 -m "not slow" tests/unit tests/pages

# SONPO_CASES: how many random cases the one-case-every-view property test tries (25, as in `make check`: new
# ones every run).
# Two workers, each file (and its server) on one worker; files are handed out in the order collected (the
# long browser files first, the quick unit files to even out the end), not those with the most tests first.
test: $(STAMP) browser lint
	SONPO_CASES=25 $(VENV)/bin/pytest -n 2 --dist loadfile --no-loadscope-reorder

bench: $(STAMP)
	$(PY) bench/domain.py
	$(PY) bench/pages.py
	$(PY) bench/bulk.py
	$(PY) bench/server.py
	$(PY) bench/documents.py
	$(PY) bench/register.py
	$(PY) bench/paint.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis artifacts
