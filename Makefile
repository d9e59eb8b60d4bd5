# newsprism: the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
NP     := $(VENV)/bin/newsprism
DEMO   := demo-out

.PHONY: demo test install install-test system-deps lint typecheck check docs screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# the package with its pinned dependencies; the spaCy pipelines pinned by hash
$(VENV)/.installed: pyproject.toml requirements/models.txt | $(PY)
	$(PIP) install -q --no-deps --require-hashes -r requirements/models.txt
	$(PIP) install -q -e '.[web]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -e '.[web,dask,postgres,test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(NP) ingest examples/ --db $(DEMO)/demo.db || [ $$? -eq 1 ]
	$(NP) stories --db $(DEMO)/demo.db
	$(NP) compare examples/ --html $(DEMO)/report.html -q || [ $$? -eq 1 ]
	@echo "HTML report (self-contained, works offline): $(DEMO)/report.html"
	@echo "Web UI on the demo store: $(NP) serve --db $(DEMO)/demo.db   then open http://127.0.0.1:8000/"

system-deps:
	bash scripts/install-system-deps.sh

test: install-test system-deps
	$(PY) -m pytest -q

lint:
	$(VENV)/bin/ruff check newsprism tests benchmarks scripts
	$(VENV)/bin/ruff format --check newsprism tests benchmarks scripts

typecheck:
	$(VENV)/bin/mypy

check: lint typecheck test

docs: install
	$(PY) scripts/cli_reference.py > docs/cli.md
	$(PY) scripts/settings_reference.py > docs/settings.md

# the README's picture, made by the browser tests
screenshots: install-test system-deps
	$(PY) -m pytest -q tests/test_web_demo.py
	mkdir -p docs/images && cp build/screenshots/story.png docs/images/story.png

clean:
	rm -rf $(DEMO) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
