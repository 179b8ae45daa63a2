# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app forum
PORT ?= 5000
PYTEST_WORKERS ?= 2

.PHONY: run test test-fast install translations extract-messages migrate demo bench lint clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed

# The demo environment with a random SECRET_KEY, written once (a new key would void the demo cards).
instance/config.py: | forum/demo/instance_config.py.in $(VENV)/.installed
	mkdir -p instance
	sed "s/@SECRET_KEY@/$$($(PY) -c 'import secrets; print(secrets.token_hex(32))')/" forum/demo/instance_config.py.in > $@

translations: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --use-fuzzy -d forum/translations

extract-messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o forum/translations/messages.pot .
	$(VENV)/bin/pybabel update -i forum/translations/messages.pot -d forum/translations --no-fuzzy-matching

migrate: instance/config.py
	$(FLASK) db upgrade

demo: migrate translations
	$(FLASK) seed-demo --if-empty

run: demo
	@echo ""
	@echo "Tiếng nói trẻ em is running on http://127.0.0.1:$(PORT)"
	@echo "  Staff (password tre-em-111): admin, teacher, moderator, policy"
	@echo "  Children's card codes:       instance/demo-cards.csv"
	@echo ""
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: $(VENV)/.dev-installed node_modules/.installed translations lint
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

bench: $(VENV)/.dev-installed translations
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check forum tests bench
	$(PY) -m ruff format --check --quiet forum tests bench

clean:
	rm -rf $(VENV) node_modules .pytest_cache test-results
