# The README's two commands: `make chat` (install + run the page) and `make test`.
# Both work in the active virtual environment, else in ./.venv (created on first use).
VENV ?= .venv
ifdef VIRTUAL_ENV
PYTHON ?= python
else
PYTHON ?= $(VENV)/bin/python
endif
PIP ?= $(PYTHON) -m pip
CONSTRAINTS ?= constraints.txt

.PHONY: venv install install-dev chromium chat test lint pytest eval

venv:
	@[ -n "$$VIRTUAL_ENV" ] || [ -x "$(VENV)/bin/python" ] || python3 -m venv "$(VENV)"

install: venv
	$(PIP) install -q -c $(CONSTRAINTS) -e .

install-dev: venv
	$(PIP) install -q -c $(CONSTRAINTS) -e '.[dev]'

# Debian's Chromium and the emoji font for the browser tests (never `playwright install`);
# each is installed when it is missing.
chromium:
	@missing=; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing="$$missing fonts-noto-color-emoji"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "installing$$missing"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

chat: install
	$(PYTHON) -m qa_bot chat

lint:
	$(PYTHON) -m ruff check qa_bot tests
	$(PYTHON) -m ruff format --check qa_bot tests
	$(PYTHON) -m mypy

pytest:
	GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1 \
	  $(PYTHON) -m pytest -q

test: install-dev chromium lint pytest

eval: install
	$(PYTHON) -m qa_bot eval --all-sets --no-misses
