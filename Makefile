# The README's two commands: `make chat` (install + run the page) and `make test`.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip

.PHONY: install install-dev chromium chat test lint pytest eval

install:
	$(PIP) install -q -e .

install-dev:
	$(PIP) install -q -e '.[dev]'

# Debian's Chromium for the browser tests (never `playwright install`).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-color-emoji; }

chat: install
	qa-bot chat

lint:
	ruff check qa_bot tests
	ruff format --check qa_bot tests
	mypy

pytest:
	GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1 \
	  $(PYTHON) -m pytest -q

test: install-dev chromium lint pytest

eval: install
	qa-bot eval --json eval.json --plot eval.png
