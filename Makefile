# The two commands of the README: `make run` and `make test`. Both set up everything on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test test-fast notebooks bench sample templates clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -c "import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()['purelib'], 'opsdesk.pth').write_text('$(CURDIR)\\n')"
	$(PY) -m ipykernel install --prefix $(VENV) --name python3 >/dev/null
	touch $@

# The tests also run the marts and page queries on Apache Spark (tests/scaleout): pyspark, kept out of the app's
# own install (`make run`); Spark needs a Java runtime too (Debian: openjdk-17-jre-headless, as .ci/run installs).
$(VENV)/.scaleout: $(VENV)/.installed requirements-scaleout.txt
	$(PY) -m pip install --quiet -r requirements-scaleout.txt
	touch $@

venv: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) -m lib seed
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.installed $(VENV)/.scaleout
	$(PY) -m pytest -p no:nbmake -q --durations=30 tests
	$(PY) -m pytest -q --nbmake notebooks

test-fast: $(VENV)/.installed
	$(PY) -m pytest -p no:nbmake -q -m "not browser" tests

notebooks: $(VENV)/.installed
	$(PY) -m lib seed
	$(VENV)/bin/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(VENV)/.installed
	$(PY) bench/ingest.py

sample: $(VENV)/.installed
	$(PY) -m lib sample --out sample_data

templates: $(VENV)/.installed
	$(PY) -m lib templates --out templates

clean:
	rm -rf workspace .pytest_cache
