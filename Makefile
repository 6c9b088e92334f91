# klassenmap — build, test, demo, benchmark and install.
#   make          build build/klassenmap
#   make demo     build and open the program on a generated demo school
#   make check    build and run every test (unit, sanitizer, command line, concurrency, TUI)
#   make bench    benchmarks on the large demo school (not part of check)
#   make install  PREFIX=/usr/local DESTDIR=
# Missing build dependencies are installed by tools/install-deps (apt-get; sudo when not root).

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/klassenmap
SYSCONFDIR ?= /etc
DESTDIR ?=

CC      ?= cc
VERSION := 0.1.0
PKGS    := ncursesw sqlite3 libsodium libcurl inih libxml-2.0
B       := build

WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes \
        -Wmissing-prototypes -Wmissing-declarations -Wold-style-definition -Wpointer-arith \
        -Wcast-align -Wwrite-strings -Wundef -Wvla -Wimplicit-fallthrough -Wredundant-decls \
        -Wnull-dereference -Wdouble-promotion
BASE_CFLAGS := -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DKM_VERSION='"$(VERSION)"' \
        -DKM_DATADIR='"$(DATADIR)"' -DKM_SYSCONFDIR='"$(SYSCONFDIR)"' -Isrc $(WARN)
OPT_CFLAGS ?= -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
OPT_LDFLAGS ?= -pie -Wl,-z,relro,-z,now
SAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# pkg-config flags are cached in build/config.mk, made after the dependencies are present.
ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
-include $(B)/config.mk
endif

CORE_SRC := $(sort $(wildcard src/core/*.c))
SYNC_SRC := $(sort $(wildcard src/sync/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TUI_SRC  := $(sort $(wildcard src/tui/*.c))
LIB_SRC  := $(CORE_SRC) $(SYNC_SRC)
APP_SRC  := $(LIB_SRC) $(CLI_SRC) $(TUI_SRC) src/main.c
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
# Unit tests link everything but main.c, so TUI helpers (text drawing, keymap) are testable too.
UNIT_LINK_SRC := $(LIB_SRC) $(CLI_SRC) $(TUI_SRC)

OBJ      = $(patsubst %.c,$(B)/obj/%.o,$(APP_SRC))
UNIT_OBJ = $(patsubst %.c,$(B)/obj/%.o,$(UNIT_LINK_SRC) $(UNIT_SRC))
ASAN_OBJ = $(patsubst %.c,$(B)/asan/%.o,$(UNIT_LINK_SRC) $(UNIT_SRC))
CFLAGS_ALL  = $(BASE_CFLAGS) $(OPT_CFLAGS) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL  = $(PKG_LIBS) -lm

.PHONY: all po deps FORCE check unit asan clitest tuitest conctest demo demo-large bench install uninstall clean distclean format

all: $(B)/klassenmap $(B)/locale/en/LC_MESSAGES/klassenmap.mo

# English: po/en.po compiled beside the binary (and installed under DATADIR/locale).
$(B)/locale/en/LC_MESSAGES/klassenmap.mo: po/en.po | $(B)/config.mk
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	@msgfmt --check -o $@ $<

# For translators: refresh the template and merge it into en.po.
po:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --add-comments=TRANSLATORS -o po/klassenmap.pot \
	    $(sort $(wildcard src/tui/*.c src/tui/*.h))
	msgmerge --quiet --update --backup=none po/en.po po/klassenmap.pot

$(B)/config.mk: tools/install-deps Makefile
	@sh tools/install-deps build
	@mkdir -p $(B)
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS) | sed 's/-D_XOPEN_SOURCE=[0-9]*//; s/-D_DEFAULT_SOURCE//g')"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; } > $@

deps:
	@sh tools/install-deps build test

$(B)/obj/%.o: %.c | $(B)/config.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(B)/asan/%.o: %.c | $(B)/config.mk
	@mkdir -p $(dir $@)
	@echo "  CC-SAN  $<"
	@$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) -Itests/unit -I$(B) -MMD -MP -c $< -o $@

$(B)/obj/tests/unit/%.o: CFLAGS += -Itests/unit -I$(B)
$(B)/obj/tests/unit/main.o $(B)/asan/tests/unit/main.o: $(B)/unit_tests.inc

# The unit-test registry: every TEST(name) in tests/unit/*.c, found by grep so a new test needs no list.
# Made on every run but replaced only when it changed, so a deleted test file leaves no stale entry behind.
$(B)/unit_tests.inc: FORCE
	@mkdir -p $(B)
	@grep -ho '^TEST([a-z0-9_]*)' $(UNIT_SRC) | sed 's/^TEST(\(.*\))/X(\1)/' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

FORCE:

$(B)/klassenmap: $(OBJ)
	@echo "  LINK    $@"
	@$(CC) $(OPT_LDFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS_ALL)

$(B)/unit: $(UNIT_OBJ)
	@echo "  LINK    $@"
	@$(CC) $(OPT_LDFLAGS) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(LDLIBS_ALL)

$(B)/unit-asan: $(ASAN_OBJ)
	@echo "  LINK    $@"
	@$(CC) -fsanitize=address,undefined -o $@ $(ASAN_OBJ) $(LDLIBS_ALL)

$(B)/conctest: tests/concurrency.c $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC))
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) -o $@ tests/concurrency.c $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC)) $(LDLIBS_ALL)

$(B)/bench: tests/bench.c $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC))
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) -o $@ tests/bench.c $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC)) $(LDLIBS_ALL)

check: all $(B)/unit $(B)/unit-asan $(B)/conctest
	@sh tools/install-deps test
	@sh tests/run-all $(B)

demo: all
	@sh tools/demo $(B)

bench: $(B)/klassenmap $(B)/bench
	@sh tools/install-deps bench
	@sh tests/bench.sh $(B)

# Where sshd and systemd look; conf/ names /usr/local/bin, /usr/local/share/klassenmap and /etc/klassenmap,
# which are rewritten to this installation's paths on the way.
SSHDCONFDIR ?= $(SYSCONFDIR)/ssh/sshd_config.d
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
UNITS = $(wildcard conf/*.service conf/*.timer)
FIX_PATHS = sed -e 's|/usr/local/bin/klassenmap|$(BINDIR)/klassenmap|g' -e 's|/usr/local/share/klassenmap|$(DATADIR)|g' \
        -e 's|/etc/klassenmap|$(SYSCONFDIR)/klassenmap|g'

# Configuration that already exists (klassenmap.ini, the sshd snippet) is never overwritten: it is the school's.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/themes \
	        $(DESTDIR)$(SYSCONFDIR)/klassenmap $(DESTDIR)$(SSHDCONFDIR)
	install -m 0755 $(B)/klassenmap $(DESTDIR)$(BINDIR)/klassenmap
	install -m 0644 doc/klassenmap.1 $(DESTDIR)$(MANDIR)/man1/klassenmap.1
	for t in themes/*.theme; do [ -e "$$t" ] && install -m 0644 "$$t" $(DESTDIR)$(DATADIR)/themes/; done; true
	install -d $(DESTDIR)$(DATADIR)/locale/en/LC_MESSAGES
	install -m 0644 $(B)/locale/en/LC_MESSAGES/klassenmap.mo $(DESTDIR)$(DATADIR)/locale/en/LC_MESSAGES/
	install -m 0644 conf/klassenmap.ini $(DESTDIR)$(DATADIR)/klassenmap.ini.example
	[ -e $(DESTDIR)$(SYSCONFDIR)/klassenmap/klassenmap.ini ] || \
	    install -m 0640 conf/klassenmap.ini $(DESTDIR)$(SYSCONFDIR)/klassenmap/klassenmap.ini
	install -m 0644 doc/deploy.md $(DESTDIR)$(DATADIR)/deploy.md
	$(FIX_PATHS) conf/authorized_keys.example > $(B)/authorized_keys.example
	install -m 0644 $(B)/authorized_keys.example $(DESTDIR)$(DATADIR)/authorized_keys.example
	$(FIX_PATHS) conf/sshd_config.d/klassenmap.conf > $(B)/sshd-klassenmap.conf
	install -m 0644 $(B)/sshd-klassenmap.conf $(DESTDIR)$(DATADIR)/sshd-klassenmap.conf
	[ -e $(DESTDIR)$(SSHDCONFDIR)/klassenmap.conf ] || \
	    install -m 0644 $(B)/sshd-klassenmap.conf $(DESTDIR)$(SSHDCONFDIR)/klassenmap.conf
	for u in $(UNITS); do \
	    install -d $(DESTDIR)$(SYSTEMDUNITDIR) && $(FIX_PATHS) "$$u" > $(B)/unit.tmp && \
	    install -m 0644 $(B)/unit.tmp $(DESTDIR)$(SYSTEMDUNITDIR)/$$(basename "$$u") || exit 1; \
	done; rm -f $(B)/unit.tmp
	for c in $(wildcard conf/*.cron); do \
	    $(FIX_PATHS) "$$c" > $(B)/cron.tmp && install -m 0644 $(B)/cron.tmp $(DESTDIR)$(DATADIR)/$$(basename "$$c") || exit 1; \
	done; rm -f $(B)/cron.tmp

# The school's klassenmap.ini and database stay. The sshd snippet goes too, except while the account exists on
# this machine: without the Match block sshd would give that account an ordinary shell.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/klassenmap $(DESTDIR)$(MANDIR)/man1/klassenmap.1
	for u in $(UNITS); do rm -f $(DESTDIR)$(SYSTEMDUNITDIR)/$$(basename "$$u"); done
	rm -rf $(DESTDIR)$(DATADIR)
	@if [ -z "$(DESTDIR)" ] && getent passwd klassenmap >/dev/null 2>&1; then \
	    echo "$(SSHDCONFDIR)/klassenmap.conf blijft staan zolang het account klassenmap bestaat (userdel klassenmap)."; \
	else rm -f $(DESTDIR)$(SSHDCONFDIR)/klassenmap.conf; fi

format:
	clang-format -i src/*.c src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf $(B)

distclean: clean

-include $(shell find $(B) -name '*.d' 2>/dev/null)
