# bench.mk: `make bench` (convenor against curl, msmtp, PyYAML and cp, as ratios measured in one run) and
# `make soak` (kill -9, SMTP faults, header injection, config mistakes). Neither is part of `make test`.
# The Makefile includes this file; Benchmarks/README.md explains the figures.

BENCH_RUNS ?= 3

.PHONY: bench soak bench-deps bench-build

# The references the benchmark compares against: curl and msmtp (one process per message, as a cron job does),
# PyYAML, and wrk to load the web. The SMTP server, openssl and Python's email come with test-deps.
bench-deps: test-deps
	@command -v curl >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl)
	@command -v msmtp >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq msmtp)
	@# Row 6 loads the chair's page and the directory with 50 concurrent clients.
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	@$(PYTHON) -c 'import yaml' 2>/dev/null || $(PYTHON) -m pip install --quiet pyyaml

# Figures come from release builds; the first one takes several minutes (GRDB), later ones are incremental.
bench-build: deps
	$(SWIFT) build -c release --product convenor
	$(SWIFT) build -c release --product convenor-bench

bench: bench-deps bench-build
	BENCH_RUNS=$(BENCH_RUNS) $(PYTHON) Benchmarks/bench.py

soak: bench-deps bench-build
	$(PYTHON) Benchmarks/soak.py
