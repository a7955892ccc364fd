# convenor: `make install` and `make uninstall`, included from the Makefile. Walk-through: docs/OPERATOR.md.
#
#   make release                 # as yourself: the optimised build (several minutes: GRDB is large)
#   sudo make install            # binary, unit, templates, docs, example /etc/convenor
#   sudo make install PREFIX=/opt/convenor
#   make install DESTDIR=/tmp/stage   # staged install for packaging: nothing outside /tmp/stage is touched
#
# What lands where (DESTDIR is prepended to every path):
#   $(PREFIX)/bin/convenor
#   /etc/systemd/system/convenor.service        from systemd/convenor.service.in, @PREFIX@ replaced
#   $(PREFIX)/share/convenor/templates/         the repository's templates/, replaced on every install
#   $(PREFIX)/share/convenor/examples/          convenor.yaml and groups/, replaced on every install
#   $(PREFIX)/share/doc/convenor/OPERATOR.md
#   /etc/convenor/convenor.yaml                 from systemd/convenor.yaml.example, only if absent
#   /etc/convenor/groups/*.yaml                 the repository's config/groups/, only if groups/ is absent
#   /etc/convenor/smtp-password                 empty, mode 600, only if absent (LoadCredential needs it)
# /etc/convenor and the ledger in /var/lib/convenor are the operator's: install never overwrites them and
# uninstall never removes them.

SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL ?= install
CONVENOR_SYSCONFDIR := /etc/convenor
CONVENOR_UNITDIR := /etc/systemd/system
CONVENOR_RELEASE_BIN := .build/release/convenor
CONVENOR_SHARE := $(PREFIX)/share/convenor
CONVENOR_EXAMPLE_GROUPS := config/groups
CONVENOR_TEMPLATES := templates
# systemctl only when installing onto this machine's running systemd, never into a DESTDIR.
CONVENOR_LIVE_SYSTEMD := $(if $(DESTDIR),,$(shell [ -d /run/systemd/system ] && command -v systemctl))

.PHONY: release install uninstall

# Rebuilt only when a source is newer than the binary, so `sudo make install` after `make release` does not
# run swift as root (nor need it on root's PATH). The service reads /etc/convenor as another user, so every
# file installed there is world-readable whatever root's umask (except smtp-password).
CONVENOR_SOURCES := Package.swift $(shell find Sources -type f 2>/dev/null)
$(CONVENOR_RELEASE_BIN): $(CONVENOR_SOURCES) | deps
	$(SWIFT) build -c release --product convenor
	@touch $@

release: deps $(CONVENOR_RELEASE_BIN)

install: $(CONVENOR_RELEASE_BIN)
	@test -d $(CONVENOR_TEMPLATES) || { echo "install: $(CONVENOR_TEMPLATES)/ is missing" >&2; exit 1; }
	@test -d $(CONVENOR_EXAMPLE_GROUPS) || { echo "install: $(CONVENOR_EXAMPLE_GROUPS)/ is missing" >&2; exit 1; }
	$(INSTALL) -d -m 755 $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(CONVENOR_UNITDIR) $(DESTDIR)$(CONVENOR_SHARE)/examples \
	    $(DESTDIR)$(PREFIX)/share/doc/convenor $(DESTDIR)$(CONVENOR_SYSCONFDIR)
	$(INSTALL) -m 755 $(CONVENOR_RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/convenor
	sed 's|@PREFIX@|$(PREFIX)|g' systemd/convenor.service.in > $(DESTDIR)$(CONVENOR_UNITDIR)/convenor.service
	chmod 644 $(DESTDIR)$(CONVENOR_UNITDIR)/convenor.service
	rm -rf $(DESTDIR)$(CONVENOR_SHARE)/templates $(DESTDIR)$(CONVENOR_SHARE)/examples/groups
	cp -R $(CONVENOR_TEMPLATES) $(DESTDIR)$(CONVENOR_SHARE)/templates
	cp -R $(CONVENOR_EXAMPLE_GROUPS) $(DESTDIR)$(CONVENOR_SHARE)/examples/groups
	sed 's|@PREFIX@|$(PREFIX)|g' systemd/convenor.yaml.example > $(DESTDIR)$(CONVENOR_SHARE)/examples/convenor.yaml
	chmod -R u=rwX,go=rX $(DESTDIR)$(CONVENOR_SHARE)
	$(INSTALL) -m 644 docs/OPERATOR.md $(DESTDIR)$(PREFIX)/share/doc/convenor/OPERATOR.md
	@if [ -e $(DESTDIR)$(CONVENOR_SYSCONFDIR)/convenor.yaml ]; then \
	  echo "kept $(DESTDIR)$(CONVENOR_SYSCONFDIR)/convenor.yaml; compare $(CONVENOR_SHARE)/examples/convenor.yaml"; \
	else \
	  echo "$(INSTALL) -m 644 .../examples/convenor.yaml $(DESTDIR)$(CONVENOR_SYSCONFDIR)/convenor.yaml"; \
	  $(INSTALL) -m 644 $(DESTDIR)$(CONVENOR_SHARE)/examples/convenor.yaml \
	      $(DESTDIR)$(CONVENOR_SYSCONFDIR)/convenor.yaml; \
	fi
	@if [ -e $(DESTDIR)$(CONVENOR_SYSCONFDIR)/groups ]; then \
	  echo "kept $(DESTDIR)$(CONVENOR_SYSCONFDIR)/groups/"; \
	else \
	  echo "cp -R .../examples/groups $(DESTDIR)$(CONVENOR_SYSCONFDIR)/groups"; \
	  cp -R $(DESTDIR)$(CONVENOR_SHARE)/examples/groups $(DESTDIR)$(CONVENOR_SYSCONFDIR)/groups; \
	  chmod -R u=rwX,go=rX $(DESTDIR)$(CONVENOR_SYSCONFDIR)/groups; \
	fi
	@# LoadCredential= fails the start when its file is missing; an empty one is fine for the outbox transport.
	@if [ ! -e $(DESTDIR)$(CONVENOR_SYSCONFDIR)/smtp-password ]; then \
	  echo "$(INSTALL) -m 600 /dev/null $(DESTDIR)$(CONVENOR_SYSCONFDIR)/smtp-password"; \
	  $(INSTALL) -m 600 /dev/null $(DESTDIR)$(CONVENOR_SYSCONFDIR)/smtp-password; \
	fi
ifneq ($(CONVENOR_LIVE_SYSTEMD),)
	systemctl daemon-reload
endif
	@echo "installed; next: edit $(CONVENOR_SYSCONFDIR), then systemctl enable --now convenor (docs/OPERATOR.md)"

uninstall:
ifneq ($(CONVENOR_LIVE_SYSTEMD),)
	-systemctl disable --now convenor.service
endif
	rm -f $(DESTDIR)$(PREFIX)/bin/convenor $(DESTDIR)$(CONVENOR_UNITDIR)/convenor.service
	rm -rf $(DESTDIR)$(CONVENOR_SHARE) $(DESTDIR)$(PREFIX)/share/doc/convenor
ifneq ($(CONVENOR_LIVE_SYSTEMD),)
	systemctl daemon-reload
endif
	@echo "kept $(DESTDIR)$(CONVENOR_SYSCONFDIR) (config, smtp-password) and /var/lib/convenor (the ledger)"
