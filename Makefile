# convenor: `make run` and `make test` are the two set-up commands the README promises on a fresh Debian 12
# machine with the Swift toolchain. Each installs what it needs first, and only what is missing.

SWIFT ?= swift
CONFIG ?= config
PYTHON ?= python3
BIN := .build/debug/convenor
# apt needs root; use sudo only when we are not root already.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps build run test check schedule preview clean format lint

# libcurl's header is the one system piece the build needs (libsqlite3-dev and pkg-config ship with the image).
deps:
	@if [ ! -f /usr/include/curl/curl.h ] && [ ! -f /usr/include/x86_64-linux-gnu/curl/curl.h ] \
	    && [ ! -f /usr/include/aarch64-linux-gnu/curl/curl.h ]; then \
	  echo "Installing libcurl4-openssl-dev (the curl header is missing)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcurl4-openssl-dev; \
	fi

# The test suite checks convenor's output with independent tools: a real SMTP server (aiosmtpd),
# Python's email package and icalendar, and openssl for the test certificates.
test-deps: deps
	@# pip first; a Debian system Python refuses pip (PEP 668), so fall back to Debian's own packages there.
	@$(PYTHON) -c 'import aiosmtpd, icalendar' 2>/dev/null || $(PYTHON) -m pip install --quiet aiosmtpd icalendar \
	  || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd python3-icalendar)
	@command -v openssl >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq openssl)
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@# The chairs' web is tested in a real browser: headless Chromium through chromedriver and Selenium (Debian's
	@# python3-selenium, visible to /usr/bin/python3, which the browser test runs).
	@command -v chromedriver >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-driver)
	@/usr/bin/python3 -c 'import selenium' 2>/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-selenium)
	@command -v systemd-analyze >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq systemd)
	@# The returns mailbox (issue 18) is tested against a real IMAP server: Dovecot, started as the test user on
	@# 127.0.0.1 by Tests/Support/dovecot_returns.sh (the package's own service is not used).
	@test -x /usr/sbin/dovecot || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd)
	@# The list cases of issue 18 run against a real GNU Mailman 3 core (Debian's mailman3 and its Python packages,
	@# python3-aiosmtpd among them), started as the test user in a temporary folder on 127.0.0.1 by
	@# Tests/Support/mailman_lists.sh; the package's own service is not used (where policy-rc.d allows, the package
	@# starts it on its default ports, which the tests never touch).
	@test -x /usr/lib/mailman3/bin/master || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mailman3)
	@# The shared ledger (issue 20) is tested against a real PostgreSQL: Debian's server binaries, run by
	@# Tests/Support/postgres_server.sh as an unprivileged user in a temporary folder on 127.0.0.1 (never the
	@# package's own cluster or service).
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql)

build: deps
	$(SWIFT) build

# Only the convenor product: the benchmark helper is not needed to try convenor out. One pass over the example
# config with the outbox transport (the example's outbox_dir is outbox/), then what it did and what comes next.
OUTBOX ?= outbox
run: deps
	$(SWIFT) build --product convenor
	@echo "convenor is $(abspath $(BIN)) (or 'make install' puts it on your PATH)"
	@echo "outbox mode: nothing is emailed to anyone; each mail is written as an .eml file to $(OUTBOX)/"
	@before=$$(ls $(OUTBOX) 2>/dev/null | wc -l); \
	  $(BIN) run --once --config $(CONFIG) || exit $$?; \
	  after=$$(ls $(OUTBOX) 2>/dev/null | wc -l); \
	  echo "wrote $$((after - before)) file(s) to $(OUTBOX)/ ($$after there in all)"
	@echo "due next (all of it: $(BIN) schedule --config $(CONFIG)):"
	@$(BIN) schedule --config $(CONFIG) | head -6
	@echo "the daemon also serves the web pages on http://127.0.0.1:8080/ (the web: block of $(CONFIG)/convenor.yaml):"
	@echo "  sign in as a chair at http://127.0.0.1:8080/signin with c.townson@example.ac.uk; the outbox transport writes"
	@echo "  the link mail to $(OUTBOX)/ (open the newest *convenor-sign-in*.eml and follow its link)"
	@echo "to keep it running as the daemon does: $(BIN) run --config $(CONFIG) (Ctrl-C stops it)"

test: test-deps
	$(SWIFT) build --build-tests
	# Serial: many tests run the built binary, Python or Chromium and wait for them; in parallel those waits
	# would hold every thread of the 2-core cooperative pool and starve the tests that measure time.
	$(SWIFT) test --skip-build --no-parallel

# swift-format with the settings in .swift-format (swift-service-lifecycle's: 4 spaces, 120 columns). `format`
# rewrites the files in place; `lint` changes nothing and fails when any file differs from what `format` would write.
SWIFT_FORMAT ?= $(shell command -v swift-format 2>/dev/null || echo /opt/swift/usr/bin/swift-format)
FORMAT_PATHS := Package.swift Sources Tests Benchmarks/Sources

format:
	$(SWIFT_FORMAT) format --configuration .swift-format --parallel --recursive --in-place $(FORMAT_PATHS)

lint:
	$(SWIFT_FORMAT) lint --configuration .swift-format --parallel --recursive --strict $(FORMAT_PATHS)

check: build
	$(BIN) check --config $(CONFIG)

# install, uninstall and release live in install.mk (docs/OPERATOR.md walks through them).
include install.mk
# bench, soak, bench-deps and bench-build live in bench.mk (Benchmarks/README.md says what they measure).
include bench.mk

clean:
	rm -rf .build outbox state
