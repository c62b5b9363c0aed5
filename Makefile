# Two commands set everything up on a fresh machine with python3 and make:
#   make demo   — bootstrap .venv, ingest the bundled sample site, print the rollups
#   make test   — bootstrap .venv, run the whole test suite
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
# The parser compiled to C (tasks/parse/compiled.py), rebuilt when its sources change.
COMPILED := build/parser/SOURCES.sha256

# Nothing any Prefect process of ours starts may phone home.
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	# A new venv's pip skips lxml's html_clean extra that trafilatura needs: upgrade first.
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Without a C compiler the build fails and the parser runs as Python: the same records, slower.
$(COMPILED): $(STAMP) $(wildcard tasks/parse/*.py)
	$(PY) -c 'import tasks.parse.compiled as c; c.main()' \
		|| true

demo: $(COMPILED)
	$(VENV)/bin/baocao demo

test: $(COMPILED)
	$(PY) -m pytest -q

# Every stage, 2,000 pages and (for memory in N) 20,000 pages: about half an hour.
# Quicker: .venv/bin/python bench/run.py [--pages 500] (no 20,000-page run).
bench: $(COMPILED)
	$(PY) bench/run.py --full

clean:
	rm -rf $(VENV) data build .mypy_cache .pytest_cache
