# Промтуризм.Академия — the two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# What WeasyPrint needs (Pango, HarfBuzz) and fonts with Cyrillic glyphs; gettext for translations.
APT_APP := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
	fonts-dejavu-core fonts-liberation2 shared-mime-info gettext
# What the tests need on top: Debian's Chromium for the browser tests.
APT_TEST := chromium

COMPILE_MESSAGES := [ ! -f locale/en/LC_MESSAGES/django.po ] || \
	$(PY) manage.py compilemessages -l en -v 0 --ignore '.venv'

.PHONY: demo test bench screenshots lint system-deps test-system-deps serve messages clean

define apt_ensure
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

system-deps:
	$(call apt_ensure,$(APT_APP))

test-system-deps: system-deps
	$(call apt_ensure,$(APT_TEST))
	@# npm installs axe-core and the credential verifier for the tests (at test time, into .cache/).
	@command -v npm >/dev/null || { $(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends npm; }

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel

$(VENV)/.installed-app: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q -e '.[test]'
	touch $@ $(VENV)/.installed-app

# A secret key of its own for the demo; SQLite and in-process Celery are the defaults. DEBUG is
# off, as in production: our own 404 and 500 pages, static files from WhiteNoise (collected
# below), public media through the app's own view (SERVE_MEDIA).
.demo.env:
	@printf 'DEBUG=false\nALLOWED_HOSTS=127.0.0.1,localhost\nSERVE_MEDIA=true\nSECRET_KEY=%s\nCERTIFICATE_SIGNING_KEY=%s\n' \
		"$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		"$$(python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')" > $@

demo: system-deps $(VENV)/.installed-app .demo.env
	$(COMPILE_MESSAGES)
	set -a; . ./.demo.env; set +a; \
	$(PY) manage.py migrate --noinput -v 0 && \
	$(PY) manage.py collectstatic --noinput -v 0 && \
	$(PY) manage.py load_demo && \
	echo "Промтуризм.Академия: http://127.0.0.1:8000  (logins: see README.md)" && \
	$(PY) manage.py runserver 127.0.0.1:8000

test: test-system-deps $(VENV)/.installed-test
	$(COMPILE_MESSAGES)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	scripts/run-tests

# Figures, not tests: printed and written to bench/results/latest.md.
bench: test-system-deps $(VENV)/.installed-test
	$(call apt_ensure,wrk)
	scripts/bench

# Every main page as each role at 1366 and 375 px into docs/screenshots/ (demo/tour.py lists
# them), from a demo built afresh in .cache/screenshots/ and served on 127.0.0.1:8102.
screenshots: test-system-deps $(VENV)/.installed-test
	$(COMPILE_MESSAGES)
	$(PY) scripts/screenshots

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages:
	$(PY) manage.py makemessages -l en --ignore '.venv/*' --ignore 'tests/*'

clean:
	rm -rf $(VENV) db.sqlite3* media staticfiles .demo.env
