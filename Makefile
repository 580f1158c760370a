# SmartConsult acceptance & contract suite.
#   make run    the whole suite against the embedded reference; writes the reports, prints their paths
#   make test   the project's own tests + the suite (Playwright and Appium) + the fault kill matrix
# Both install what they need first (Debian chromium/chromium-driver, a venv, npm packages).

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON      ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
PYTEST      := $(PY) -m pytest
export APPIUM_HOME := $(CURDIR)/.appium
export PYTHONDONTWRITEBYTECODE := 1
WORKERS     ?= 2
REPORTS     := reports
ALLURE_RESULTS := $(REPORTS)/allure-results
CHROMIUM_DRIVER_PKG := appium-chromium-driver@3.1.1

.PHONY: setup run test unit suite suite-appium kill-matrix reports benchmark clean help

help:
	@echo "make run | make test | make setup | make benchmark | make clean"

# ---- set-up (idempotent; each step is skipped when already done) ------------------------------
setup: .work/system.stamp $(VENV)/.stamp node_modules/.stamp $(APPIUM_HOME)/.stamp

.work/system.stamp:
	@mkdir -p .work
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" != 0 ]; then echo "Chromium is missing: run 'sudo apt-get install chromium chromium-driver'"; exit 1; fi; \
	  echo "Installing Debian chromium + chromium-driver"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi
	@touch $@

$(VENV)/.stamp: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

node_modules/.stamp: package.json package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(APPIUM_HOME)/.stamp: node_modules/.stamp
	@mkdir -p $(APPIUM_HOME) .work
	@if ! node node_modules/appium/index.js driver list --installed --json 2>/dev/null | grep -q '"chromium"'; then \
	  node node_modules/appium/index.js driver install --source=npm $(CHROMIUM_DRIVER_PKG) > .work/appium-driver.log 2>&1 \
	  || { cat .work/appium-driver.log; echo "Appium's Chromium driver could not be installed"; exit 1; }; fi
	@touch $@

# ---- the main job ----------------------------------------------------------------------------
run: setup
	@rm -rf $(REPORTS) && mkdir -p $(REPORTS)/results
	@status=0; \
	$(PYTEST) -n $(WORKERS) --alluredir=$(ALLURE_RESULTS) --junitxml=$(REPORTS)/junit.xml \
	  --sc-results=$(REPORTS)/results/main.json --sc-run-name=main $(ARGS) || status=$$?; \
	$(MAKE) --no-print-directory reports; exit $$status

reports:
	@$(PY) -m fixtures.living_spec --results $(REPORTS)/results --catalog features/requirements.yaml \
	  --out $(REPORTS) --contract contracts/smartconsult.openapi.yaml --notes contracts/SPEC_NOTES.md
	@node_modules/.bin/allure generate --config allure.yml $(ALLURE_RESULTS) >/dev/null 2>&1 \
	  && $(PY) -m tools.allure_offline $(REPORTS)/allure/index.html \
	  && echo "Allure report:      $(CURDIR)/$(REPORTS)/allure/index.html" \
	  || echo "Allure report could not be generated (node_modules/.bin/allure generate --config allure.yml $(ALLURE_RESULTS))"
	@echo "Living spec:        $(CURDIR)/$(REPORTS)/living-spec.html"
	@echo "Requirements JSON:  $(CURDIR)/$(REPORTS)/requirements.json"
	@echo "JUnit XML:          $(CURDIR)/$(REPORTS)/junit.xml"

# ---- the project's own tests (what CI runs) --------------------------------------------------
test: setup unit suite suite-appium kill-matrix reports
	@echo "make test: all green"

unit:
	@rm -rf $(REPORTS) && mkdir -p $(REPORTS)/results
	$(PYTEST) tests -m "not killmatrix" -n $(WORKERS) -q

suite:
	$(PYTEST) -n $(WORKERS) --alluredir=$(ALLURE_RESULTS) --junitxml=$(REPORTS)/junit.xml \
	  --sc-results=$(REPORTS)/results/playwright.json --sc-run-name=playwright -q

suite-appium:
	$(PYTEST) -m "ui and (REQ-1 or REQ-1.1 or REQ-1.2 or REQ-1.3)" --driver appium --alluredir=$(ALLURE_RESULTS) \
	  --junitxml=$(REPORTS)/junit-appium.xml --sc-results=$(REPORTS)/results/appium.json --sc-run-name=appium -q

kill-matrix:
	@rm -rf $(REPORTS)/faults $(REPORTS)/faults.json
	$(PYTEST) tests/test_kill_matrix.py -m killmatrix -n $(WORKERS) -q

benchmark: setup
	$(PY) -m tools.benchmark

clean:
	rm -rf $(REPORTS) .work .pytest_cache
