# klassenmap — build, test, demo, benchmark and install.
#   make          build build/klassenmap (never installs anything: says which packages are missing)
#   make deps     install the packages klassenmap needs to build, test and benchmark (apt-get; sudo when not root)
#   make demo     install what is missing, build, and open the program on a generated demo school
#   make check    install what is missing, build and run every test (unit, sanitizer, command line, TUI, SSH)
#   make check-valgrind  the unit and command-line suites with the program under valgrind: 0 errors
#   make screens  rewrite the golden screen files (tests/tui/screens/) after a deliberate change
#   make bench    benchmarks on the large demo school and the xl one, side by side (not part of check)
#   make bench-burst  200 SSH logins at once against a private sshd on loopback (root; BURST=N for another count)
#   make fuzz     libFuzzer harnesses (clang, ASan/UBSan), each run FUZZ_SECONDS=60; make fuzz-ci: FUZZ_RUNS each
#   make analyze  clang --analyze and gcc -fanalyzer over src/: 0 findings
#   make install  PREFIX=/usr/local DESTDIR= (and BINDIR, MANDIR, DATADIR, LOCALEDIR, SYSCONFDIR, ...)
# CFLAGS, CPPFLAGS and LDFLAGS from the environment or the command line are used as given (dpkg-buildflags);
# without them the defaults below apply. CC=clang works as well as gcc; B=DIR builds in another directory.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/klassenmap
LOCALEDIR ?= $(PREFIX)/share/locale
# The plugins (klassenmap-mail.so, klassenmap-sync.so), loaded when mail or the ParnasSys sync runs.
PKGLIBDIR ?= $(PREFIX)/lib/klassenmap
SYSCONFDIR ?= /etc
DESTDIR ?=

CC      ?= cc
VERSION := 0.1.0
# The program links APP_PKGS; libcurl and libxml2 (with ICU) only the plugins that need them.
APP_PKGS := ncursesw sqlite3 libsodium inih
MAIL_PKGS := libcurl libsodium
SYNC_PKGS := libcurl libxml-2.0 libsodium sqlite3
PKGS    := $(APP_PKGS) libcurl libxml-2.0
B       := build

WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes \
        -Wmissing-prototypes -Wmissing-declarations -Wold-style-definition -Wpointer-arith \
        -Wcast-align -Wwrite-strings -Wundef -Wvla -Wimplicit-fallthrough -Wredundant-decls \
        -Wnull-dereference -Wdouble-promotion
# What the program needs, whatever the environment sets: the language, the build-time paths (build/buildconf.h),
# position-independent code.
BASE_CFLAGS := -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Isrc -I$(B) -fPIE $(WARN)
BASE_LDFLAGS := -pie
# The defaults, hardened; the environment's replace them (Debian: dpkg-buildflags puts _FORTIFY_SOURCE in
# CPPFLAGS). Fortify lives with -O2 here, so CFLAGS="-O0 -g" alone builds (it needs optimisation).
CFLAGS   ?= -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
CPPFLAGS ?=
LDFLAGS  ?= -Wl,-z,relro,-z,now
SAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# pkg-config flags are cached in build/config.mk, made after the dependencies are present.
ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
-include $(B)/config.mk
endif

CORE_SRC := $(sort $(wildcard src/core/*.c))
SYNC_SRC := $(sort $(wildcard src/sync/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TUI_SRC  := $(sort $(wildcard src/tui/*.c))
# What only mail and the sync run is not in the program but in two plugins (core/plugin.h), so a screen session
# never maps libcurl, libxml2 and ICU. The program has stand-ins of the same names that load them (*_plugin.c).
MAIL_PLUGIN_SRC := src/core/mail.c
SYNC_PLUGIN_SRC := src/sync/edex.c src/sync/uwlr.c src/sync/uwlr_answer.c src/sync/xmlerr.c
PLUGIN_STANDIN_SRC := src/core/mail_plugin.c src/sync/sync_plugin.c
# Everything real, for the tests' programs (unit, unit-asan, conctest, bench), which link it directly.
LIB_SRC  := $(filter-out $(PLUGIN_STANDIN_SRC),$(CORE_SRC) $(SYNC_SRC))
APP_SRC  := $(filter-out $(MAIL_PLUGIN_SRC) $(SYNC_PLUGIN_SRC),$(CORE_SRC) $(SYNC_SRC)) $(CLI_SRC) $(TUI_SRC) src/main.c
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
# Unit tests link everything but main.c, so TUI helpers (text drawing, keymap) are testable too.
UNIT_LINK_SRC := $(LIB_SRC) $(CLI_SRC) $(TUI_SRC)

OBJ      = $(patsubst %.c,$(B)/obj/%.o,$(APP_SRC))
# Plugins are position-independent code (-fPIC), each with src/plugin_id.c (the build id the loader checks).
MAIL_PLUGIN_OBJ = $(patsubst %.c,$(B)/pic/%.o,$(MAIL_PLUGIN_SRC) src/plugin_id.c)
SYNC_PLUGIN_OBJ = $(patsubst %.c,$(B)/pic/%.o,$(SYNC_PLUGIN_SRC) src/plugin_id.c)
PLUGIN_SO = $(B)/klassenmap-mail.so $(B)/klassenmap-sync.so
UNIT_OBJ = $(patsubst %.c,$(B)/obj/%.o,$(UNIT_LINK_SRC) $(UNIT_SRC))
ASAN_OBJ = $(patsubst %.c,$(B)/asan/%.o,$(UNIT_LINK_SRC) $(UNIT_SRC))
CFLAGS_ALL  = $(BASE_CFLAGS) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(BASE_LDFLAGS) $(LDFLAGS)
LDLIBS_ALL  = $(PKG_LIBS) -lm
APP_LDLIBS  = $(APP_LIBS) -lm

.PHONY: all po deps FORCE check unit asan clitest tuitest conctest demo demo-large bench keys-doc install uninstall clean \
        distclean format format-check screens check-valgrind bench-burst

all: $(B)/klassenmap $(PLUGIN_SO) $(B)/locale/en/LC_MESSAGES/klassenmap.mo

# English: po/en.po compiled beside the binary (and installed under LOCALEDIR).
$(B)/locale/en/LC_MESSAGES/klassenmap.mo: po/en.po | $(B)/config.mk
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	@msgfmt --check -o $@ $<

# For translators: refresh the template (every layer: core, sync, the command line, the screens) and merge it
# into en.po.
po:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --add-comments=TRANSLATORS -o po/klassenmap.pot \
	    $(sort $(wildcard src/core/*.c src/core/*.h src/sync/*.c src/cli/*.c src/tui/*.c src/tui/*.h)) src/main.c
	msgmerge --quiet --update --backup=none po/en.po po/klassenmap.pot

# A building make never installs packages: tools/install-deps only checks and names what is missing, except for
# `make deps` and the README's two commands, `make demo` and `make check`, which install it (and say so).
DEPS_MODE := $(if $(filter deps demo check,$(MAKECMDGOALS)),,--check)

$(B)/config.mk: tools/install-deps Makefile
	@sh tools/install-deps $(DEPS_MODE) build
	@mkdir -p $(B)
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS) | sed 's/-D_XOPEN_SOURCE=[0-9]*//; s/-D_DEFAULT_SOURCE//g')"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; \
	   echo "APP_LIBS := $$(pkg-config --libs $(APP_PKGS))"; \
	   echo "MAIL_LIBS := $$(pkg-config --libs $(MAIL_PKGS))"; \
	   echo "SYNC_LIBS := $$(pkg-config --libs $(SYNC_PKGS))"; \
	   echo "BARE_LIBS := $$(pkg-config --libs ncursesw sqlite3)"; } > $@

deps:
	@sh tools/install-deps build test bench

# Paths and the version baked into the program, as a header that only the files using them include. Rewritten
# only when it changes, so a new PREFIX (or DATADIR, ...) rebuilds exactly those files, and nothing else.
$(B)/buildconf.h: FORCE
	@mkdir -p $(B)
	@{ echo '/* Made by the Makefile: the version and the installation paths of this build. */'; \
	   echo '#define KM_VERSION "$(VERSION)"'; \
	   echo '#define KM_BINDIR "$(BINDIR)"'; \
	   echo '#define KM_DATADIR "$(DATADIR)"'; \
	   echo '#define KM_LOCALEDIR "$(LOCALEDIR)"'; \
	   echo '#define KM_PKGLIBDIR "$(PKGLIBDIR)"'; \
	   echo '#define KM_SYSCONFDIR "$(SYSCONFDIR)"'; } > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# What the program and its plugins must agree on: the version, the headers of core and sync (the structures and
# functions they pass each other), the compiler and its flags. A plugin with another id is refused (core/plugin.c):
# a session still open after `make install` or an upgrade never calls into a plugin built from other headers.
$(B)/plugin_abi.h: $(sort $(wildcard src/core/*.h src/sync/*.h)) $(B)/flags
	@{ echo '/* Made by the Makefile: the id a plugin must carry to be loaded by this program (core/plugin.h). */'; \
	   echo "#define KM_PLUGIN_ABI \"$(VERSION) $$(cat $^ | sha256sum | cut -c1-16)\""; } > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# The compiler and its flags: another CC, CFLAGS, CPPFLAGS or LDFLAGS rebuilds everything (no objects of two
# compilers or two flag sets mixed in one binary).
$(B)/flags: FORCE
	@mkdir -p $(B)
	@printf '%s\n' "$(CC) $(CFLAGS_ALL) | $(LDFLAGS_ALL)" > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(B)/obj/%.o: %.c $(B)/flags | $(B)/config.mk $(B)/buildconf.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(LAYER_INC) $(CFLAGS_ALL) $(TEST_INC) -MMD -MP -c $< -o $@

$(B)/pic/%.o: %.c $(B)/flags | $(B)/config.mk $(B)/buildconf.h
	@mkdir -p $(dir $@)
	@echo "  CC-PIC  $<"
	@$(CC) $(LAYER_INC) $(CFLAGS_ALL) -fPIC -MMD -MP -c $< -o $@

$(B)/asan/%.o: %.c $(B)/flags | $(B)/config.mk $(B)/buildconf.h
	@mkdir -p $(dir $@)
	@echo "  CC-SAN  $<"
	@$(CC) $(LAYER_INC) $(BASE_CFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) -Itests/unit -MMD -MP -c $< -o $@

# The layers, kept by the compiler (src/guard/README.md): a folder first on a layer's include path whose sqlite3.h
# or curses.h stops the build. The screens and the command line see no SQL; core, sync and the command line no curses.
NO_SQLITE := -Isrc/guard/no_sqlite
NO_CURSES := -Isrc/guard/no_curses
$(foreach d,obj asan pic fuzz/obj,$(eval $(B)/$(d)/src/tui/%.o: LAYER_INC := $(NO_SQLITE)))
$(foreach d,obj asan pic fuzz/obj,$(eval $(B)/$(d)/src/cli/%.o: LAYER_INC := $(NO_SQLITE) $(NO_CURSES)))
$(foreach d,obj asan pic fuzz/obj,$(eval $(B)/$(d)/src/core/%.o: LAYER_INC := $(NO_CURSES)))
$(foreach d,obj asan pic fuzz/obj,$(eval $(B)/$(d)/src/sync/%.o: LAYER_INC := $(NO_CURSES)))
$(foreach d,obj asan pic fuzz/obj,$(eval $(B)/$(d)/src/%.o: LAYER_INC := $(NO_SQLITE)))

$(B)/obj/src/core/plugin.o $(B)/asan/src/core/plugin.o $(B)/pic/src/plugin_id.o $(B)/fuzz/obj/src/core/plugin.o: $(B)/plugin_abi.h
$(B)/obj/tests/unit/%.o: TEST_INC := -Itests/unit
$(B)/obj/tests/unit/main.o $(B)/asan/tests/unit/main.o: $(B)/unit_tests.inc

# The unit-test registry: every TEST(name) in tests/unit/*.c, found by grep so a new test needs no list.
# Made on every run but replaced only when it changed, so a deleted test file leaves no stale entry behind.
$(B)/unit_tests.inc: FORCE
	@mkdir -p $(B)
	@grep -ho '^TEST([a-z0-9_]*)' $(UNIT_SRC) | sed 's/^TEST(\(.*\))/X(\1)/' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

FORCE:

# The program exports to the plugins exactly what they leave undefined (of that, only its own functions count),
# nothing more: no library loaded later can bind to the program's other functions.
$(B)/plugin-exports.list: $(PLUGIN_SO)
	@{ echo '{'; nm -D --undefined-only $^ | awk 'NF == 2 { sub(/@.*/, "", $$2); print "  " $$2 ";" }' | sort -u; \
	   echo '};'; } > $@

$(B)/klassenmap: $(OBJ) $(B)/flags $(B)/plugin-exports.list
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -Wl,--dynamic-list=$(B)/plugin-exports.list -o $@ $(OBJ) $(APP_LDLIBS)

# -Bsymbolic: a plugin's calls among its own functions stay inside it (the program has stand-ins of the same names).
# Not writable by group or others: the loader refuses a plugin anyone but its owner could change.
plugin_link = $(CC) $(CFLAGS_ALL) -fPIC -shared $(LDFLAGS) -Wl,-Bsymbolic -o $@ $(1) $(2) && chmod go-w $@
$(B)/klassenmap-mail.so: $(MAIL_PLUGIN_OBJ) $(B)/flags
	@echo "  LINK    $@"
	@$(call plugin_link,$(MAIL_PLUGIN_OBJ),$(MAIL_LIBS))

$(B)/klassenmap-sync.so: $(SYNC_PLUGIN_OBJ) $(B)/flags
	@echo "  LINK    $@"
	@$(call plugin_link,$(SYNC_PLUGIN_OBJ),$(SYNC_LIBS))

$(B)/unit: $(UNIT_OBJ) $(B)/flags
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $(UNIT_OBJ) $(LDLIBS_ALL)

$(B)/unit-asan: $(ASAN_OBJ)
	@echo "  LINK    $@"
	@$(CC) -fsanitize=address,undefined -o $@ $(ASAN_OBJ) $(LDLIBS_ALL)

$(B)/conctest: tests/concurrency.c $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/flags
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ tests/concurrency.c $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC)) $(LDLIBS_ALL)

$(B)/bench: tests/bench.c $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/flags
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ tests/bench.c $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC)) $(LDLIBS_ALL)

check: all $(B)/unit $(B)/unit-asan $(B)/conctest
	@sh tools/install-deps test
	@sh tests/run-all $(B)

# The unit suite and the command-line suites with the program under valgrind: 0 errors (tests/valgrind/run.sh;
# suppressions, library noise only, in tests/valgrind/km.supp). JOBS=N suites at a time (default 2).
check-valgrind: all $(B)/unit
	@sh tools/install-deps test
	@sh tests/valgrind/run.sh $(B)

demo: all
	@sh tools/demo $(B)

# The golden screens, written anew from the program as it is now: review them with git diff.
screens: all
	@sh tools/install-deps test
	@KM=$(CURDIR)/$(B)/klassenmap python3 tests/tui/screens.py --update

# doc/keys.md's table of default keys, from the keymap (klassenmap --print-keys); tests/cli/test_keys_doc.sh checks it.
keys-doc: all
	@sh tools/keys_doc.sh $(B)/klassenmap doc/keys.md

# The bare ncurses + SQLite program that klassenmap's start is measured against.
$(B)/bench-bare: tests/bench_bare.c $(B)/flags
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ tests/bench_bare.c $(BARE_LIBS)

bench: all $(B)/bench $(B)/bench-bare
	@sh tools/install-deps --check bench
	@sh tests/bench.sh $(B)

# Fuzzing (tests/fuzz, doc/hacking.md "Fuzzing"): one libFuzzer harness per input format, always built with clang
# (libFuzzer is clang's) under ASan and UBSan, in $(B)/fuzz/. `make fuzz` runs each for FUZZ_SECONDS (its corpus
# kept in $(B)/fuzz/corpus/ from run to run); `make fuzz-ci` runs each for FUZZ_RUNS inputs from the seeds, with a
# fixed seed, as CI does. A crash, leak, sanitizer report or timeout is written to $(B)/fuzz/findings/.
FUZZ_CC := clang
FUZZ_HARNESSES := edex uwlr_answer template_csv curriculum_csv parents_csv config theme keymap
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?= 20000
FUZZ_CFLAGS = $(BASE_CFLAGS) -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
        $(PKG_CFLAGS) -Itests/fuzz
FUZZ_OBJ = $(patsubst %.c,$(B)/fuzz/obj/%.o,$(UNIT_LINK_SRC) tests/fuzz/fuzz.c)
FUZZ_BINS = $(patsubst %,$(B)/fuzz/fuzz_%,$(FUZZ_HARNESSES))
.PHONY: fuzz fuzz-build fuzz-ci

$(B)/fuzz/obj/%.o: %.c | $(B)/config.mk $(B)/buildconf.h
	@mkdir -p $(dir $@)
	@echo "  CC-FUZZ $<"
	@$(FUZZ_CC) $(LAYER_INC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	@echo "  LINK    $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS_ALL)

fuzz-build: $(FUZZ_OBJ) $(FUZZ_BINS)

fuzz: fuzz-build
	@sh tests/fuzz/run $(B) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_HARNESSES)

fuzz-ci: fuzz-build
	@sh tests/fuzz/run $(B) -runs=$(FUZZ_RUNS) $(FUZZ_HARNESSES)

# Static analysis (doc/hacking.md "Static analysis"): clang --analyze and gcc -fanalyzer over every file of the
# program, without -Werror's warnings (the build checks those) but with its defines and include paths.
ANALYZE_FLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Isrc -I$(B) $(PKG_CFLAGS)
.PHONY: analyze
# Every source of the program and of its plugins.
ANALYZE_SRC = $(sort $(CORE_SRC) $(SYNC_SRC) $(CLI_SRC) $(TUI_SRC) $(wildcard src/*.c))
analyze: | $(B)/config.mk $(B)/buildconf.h $(B)/plugin_abi.h
	@ANALYZE_FLAGS='$(ANALYZE_FLAGS)' sh tools/analyze $(ANALYZE_SRC)
BURST ?= 200
bench-burst: $(B)/klassenmap
	@sh tools/install-deps --check test
	@[ -f $(B)/bench-large.db ] || { printf '[general]\ndatabase = %s\n' $(B)/bench-large.db > $(B)/bench.ini && \
	    $(B)/klassenmap --config $(B)/bench.ini --db $(B)/bench-large.db demo --size large >/dev/null; }
	@sh tests/ssh/bench_burst.sh $(B) $(B)/bench-large.db $(BURST)

# Where sshd and systemd look; conf/ and the man page name /usr/local/bin, /usr/local/share/klassenmap,
# /usr/local/lib/klassenmap and /etc/klassenmap, which are rewritten to this installation's paths on the way.
SSHDCONFDIR ?= $(SYSCONFDIR)/ssh/sshd_config.d
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
UNITS = $(wildcard conf/*.service conf/*.timer)
FIX_PATHS = sed -e 's|/usr/local/bin/klassenmap|$(BINDIR)/klassenmap|g' -e 's|/usr/local/share/klassenmap|$(DATADIR)|g' \
        -e 's|/usr/local/lib/klassenmap|$(PKGLIBDIR)|g' \
        -e 's|/etc/klassenmap|$(SYSCONFDIR)/klassenmap|g'
# install_fixed SRC MODE DEST: SRC with the paths rewritten, installed as DEST.
install_fixed = { $(FIX_PATHS) $(1) > $(B)/fixed.$(notdir $(3)).tmp && \
        install -m $(2) $(B)/fixed.$(notdir $(3)).tmp $(3) && rm -f $(B)/fixed.$(notdir $(3)).tmp; }
# Files built elsewhere in this Makefile that are loaded at run time from PKGLIBDIR.
PLUGINS ?= $(PLUGIN_SO)

# `make install` is these parts, each on its own: a new kind of file is one more part (and a line in uninstall).
INSTALL_PARTS := install-program install-plugins install-data install-config install-sshd install-systemd
install: $(INSTALL_PARTS)
.PHONY: $(INSTALL_PARTS)

install-program: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(LOCALEDIR)/en/LC_MESSAGES
	install -m 0755 $(B)/klassenmap $(DESTDIR)$(BINDIR)/klassenmap
	$(call install_fixed,doc/klassenmap.1,0644,$(DESTDIR)$(MANDIR)/man1/klassenmap.1)
	install -m 0644 $(B)/locale/en/LC_MESSAGES/klassenmap.mo $(DESTDIR)$(LOCALEDIR)/en/LC_MESSAGES/klassenmap.mo

install-plugins: all
	$(if $(strip $(PLUGINS)),install -d $(DESTDIR)$(PKGLIBDIR) && install -m 0644 $(PLUGINS) $(DESTDIR)$(PKGLIBDIR)/,@:)

install-data: all
	install -d $(DESTDIR)$(DATADIR)/themes
	install -m 0644 themes/*.theme $(DESTDIR)$(DATADIR)/themes/
	install -m 0644 conf/klassenmap.ini $(DESTDIR)$(DATADIR)/klassenmap.ini.example
	install -m 0644 doc/deploy.md $(DESTDIR)$(DATADIR)/deploy.md
	$(call install_fixed,conf/authorized_keys.example,0644,$(DESTDIR)$(DATADIR)/authorized_keys.example)
	$(call install_fixed,conf/sshd_config.d/klassenmap.conf,0644,$(DESTDIR)$(DATADIR)/sshd-klassenmap.conf)
	for c in $(wildcard conf/*.cron); do \
	    $(call install_fixed,"$$c",0644,$(DESTDIR)$(DATADIR)/$$(basename "$$c")) || exit 1; \
	done

# Configuration that already exists (klassenmap.ini, the sshd snippet) is never overwritten: it is the school's.
install-config: all
	install -d $(DESTDIR)$(SYSCONFDIR)/klassenmap
	[ -e $(DESTDIR)$(SYSCONFDIR)/klassenmap/klassenmap.ini ] || \
	    install -m 0640 conf/klassenmap.ini $(DESTDIR)$(SYSCONFDIR)/klassenmap/klassenmap.ini

install-sshd: all
	install -d $(DESTDIR)$(SSHDCONFDIR)
	[ -e $(DESTDIR)$(SSHDCONFDIR)/klassenmap.conf ] || \
	    $(call install_fixed,conf/sshd_config.d/klassenmap.conf,0644,$(DESTDIR)$(SSHDCONFDIR)/klassenmap.conf)

install-systemd: all
	install -d $(DESTDIR)$(SYSTEMDUNITDIR)
	for u in $(UNITS); do \
	    $(call install_fixed,"$$u",0644,$(DESTDIR)$(SYSTEMDUNITDIR)/$$(basename "$$u")) || exit 1; \
	done

# The school's klassenmap.ini and database stay. The sshd snippet goes too, except while the account exists on
# this machine: without the Match block sshd would give that account an ordinary shell.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/klassenmap $(DESTDIR)$(MANDIR)/man1/klassenmap.1 \
	    $(DESTDIR)$(LOCALEDIR)/en/LC_MESSAGES/klassenmap.mo
	for u in $(UNITS); do rm -f $(DESTDIR)$(SYSTEMDUNITDIR)/$$(basename "$$u"); done
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(PKGLIBDIR)
	@if [ -z "$(DESTDIR)" ] && getent passwd klassenmap >/dev/null 2>&1; then \
	    echo "$(SSHDCONFDIR)/klassenmap.conf blijft staan zolang het account klassenmap bestaat (userdel klassenmap)."; \
	else rm -f $(DESTDIR)$(SSHDCONFDIR)/klassenmap.conf; fi

# The house style (.clang-format) over every C file of the tree; CI runs format-check.
FORMAT_FILES = $(sort $(wildcard src/*.c src/*/*.c src/*/*.h tests/*.c tests/unit/*.c tests/unit/*.h tests/fuzz/*.c \
                                 tests/fuzz/*.h))
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format: $(words $(FORMAT_FILES)) passed, 0 failed" || \
	    { echo "format: 0 passed, 1 failed (make format rewrites the files)"; exit 1; }

clean:
	rm -rf $(B)

distclean: clean

-include $(shell find $(B) -name '*.d' 2>/dev/null)
