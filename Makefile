# Briefing reader: every task a developer or CI needs, from a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
VPY := $(VENV)/bin/python
# Qt's shared libraries (Debian package names), needed by PySide6 even when headless.
QT_DEBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
QT_LIBS := libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 libglib-2.0.so.0
# What the window needs on an X11 desktop (Qt's xcb platform plugin).
XCB_DEBS := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-shape0 libxkbcommon-x11-0
XCB_LIBS := libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-image.so.0 \
	libxcb-render-util.so.0 libxcb-shape.so.0 libxkbcommon-x11.so.0
LDCONFIG := $(shell command -v ldconfig || echo /sbin/ldconfig)
# PostgreSQL's server programs, from Debian's packages (the team-library tests start one).
PG_INITDB := /usr/lib/postgresql/*/bin/initdb

.PHONY: run test lint unit bench corpus screenshots system-deps gui-deps xvfb-deps x11-deps pg-deps wheel \
	clean

run: system-deps gui-deps $(VENV)/.installed
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No display found (DISPLAY and WAYLAND_DISPLAY are empty): the window needs a desktop."; \
	  echo "Run it from a desktop session, or without one: xvfb-run -a make run"; \
	  echo "(the command line works anywhere: $(VENV)/bin/briefing-app --help)"; \
	  exit 1; \
	fi
	$(VENV)/bin/briefing-app

test: system-deps pg-deps gui-deps x11-deps $(VENV)/.installed-test lint unit

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

unit: $(VENV)/.installed-test
	$(VPY) -m pytest -q

bench: system-deps $(VENV)/.installed-test
	$(VPY) -m benchmarks.run

corpus: $(VENV)/.installed-test
	$(VPY) -m benchmarks.corpus 1000 100000 1000000

screenshots: system-deps gui-deps xvfb-deps $(VENV)/.installed
	xvfb-run -a -s "-screen 0 1600x1000x24" $(VPY) -m scripts.screenshots docs/screenshots
	$(VPY) -m scripts.report_screenshots docs/screenshots

wheel: $(VENV)/.installed
	$(VPY) -m pip wheel --no-deps -w dist .

# Installs missing Debian packages when root; otherwise prints the exact line to run.
system-deps:
	@missing=""; \
	for lib in $(QT_LIBS); do $(LDCONFIG) -p | grep -q "$$lib" || missing="yes"; done; \
	$(PYTHON) -c "import ensurepip" 2>/dev/null || missing="yes"; \
	if [ -n "$$missing" ]; then \
	  pkgs="$(QT_DEBS) python3-venv"; \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Qt's system libraries: $$pkgs"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pkgs; \
	  else \
	    echo "Missing system libraries. Run as root:"; \
	    echo "  apt-get install -y $$pkgs"; exit 1; \
	  fi; \
	fi

gui-deps:
	@missing=""; \
	for lib in $(XCB_LIBS); do $(LDCONFIG) -p | grep -q "$$lib" || missing="yes"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Qt's desktop libraries: $(XCB_DEBS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(XCB_DEBS); \
	  else \
	    echo "Missing Qt's desktop libraries. Run as root:"; \
	    echo "  apt-get install -y $(XCB_DEBS)"; exit 1; \
	  fi; \
	fi

# PostgreSQL for the team-library tests. They run their own throwaway server (tests/pg_server.py:
# initdb and pg_ctl in a temporary folder, a socket there and no TCP port), so the cluster that
# the Debian package may create and start is never used by them, and does not disturb them.
pg-deps:
	@if ! ls $(PG_INITDB) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing PostgreSQL for the team-library tests: postgresql"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	  else \
	    echo "Missing PostgreSQL (no $(PG_INITDB)); the tests start a server of their own. Run:"; \
	    echo "  sudo apt-get install -y postgresql"; exit 1; \
	  fi; \
	fi

# An X server for the one test that needs real X11 key bindings (tests/ui/test_search_box_x11.py).
x11-deps:
	@if ! command -v xvfb-run >/dev/null || ! command -v xauth >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Xvfb for the X11 test: xvfb xauth"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth; \
	  else \
	    echo "Missing Xvfb (the X11 test starts one). Run as root:"; \
	    echo "  apt-get install -y xvfb xauth"; exit 1; \
	  fi; \
	fi

# Xvfb for the window; Chromium and poppler's pdftoppm to look at the reports.
xvfb-deps:
	@if ! command -v xvfb-run >/dev/null || ! command -v xauth >/dev/null \
	    || ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      xvfb xauth chromium poppler-utils; \
	  else \
	    echo "Missing Xvfb, Chromium or pdftoppm. Run as root:"; \
	    echo "  apt-get install -y xvfb xauth chromium poppler-utils"; exit 1; \
	  fi; \
	fi

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(VPY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(VPY) -m pip install -q -e ".[test]"
	touch $@

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
