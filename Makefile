# jiance — build, test, install.  `make run` and `make check` are the two
# commands README.md promises; both start with `make deps`.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
SYSCONF ?= /etc/jiance
# A county server (README "Deploying"): the group that owns the database and
# its folder, which the installed program is setgid to; officers are not in it.
GROUP   ?= jiance
DATADIR ?= /var/lib/jiance

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wshadow -Wmissing-prototypes -Wformat=2 -Werror -D_GNU_SOURCE
PKGS     = ncursesw sqlite3 libconfig pangocairo pangoft2 harfbuzz-subset fontconfig icu-uc icu-i18n xlsxwriter \
           libzip expat freexl libpq
TESTPKGS = cmocka vterm

# Debian packages the project needs; `make deps` installs the missing ones.
DEB_PKGS = gcc make pkg-config libncurses-dev libsqlite3-dev libconfig-dev \
	libcmocka-dev libvterm-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk \
	libcsv-dev libxlsxwriter-dev libicu-dev libzip-dev libexpat1-dev libfreexl-dev \
	poppler-utils tmux time unzip sqlite3 clang libclang-rt-14-dev \
	lrzsz openssh-server openssh-client openssh-sftp-server libpq-dev postgresql-15

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm
TEST_CFLAGS = $(shell pkg-config --cflags $(TESTPKGS) 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs $(TESTPKGS) 2>/dev/null) -lutil

SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC     = $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
SCREENS = $(wildcard screens/*.c screens/kit/*.c)
SQL     = $(sort $(wildcard db/*.sql))
PGSQL   = $(sort $(wildcard db/pg/[0-9]*.sql))
TESTS   = $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))
TESTLIB = $(filter-out $(wildcard tests/test_*.c) tests/bench.c tests/soak.c,$(wildcard tests/*.c))
KIT     = $(wildcard screens/kit/*.c)

# Three build trees: B=build (developer's: ./jiance, make test),
# B=build/san (sanitizers, make test-san) and B=build/release (make install).
# The first two are debug builds: -DJIANCE_DEBUG makes a misuse found at run
# time (a bind format that does not fit its statement, a transaction left
# open after a key) stop the program where it happened, so a test fails
# there; the installed program logs it and carries on safely instead.
B ?= build
EXTRA ?=
DEBUG ?= -DJIANCE_DEBUG
ALLCFLAGS = $(WARN) $(CFLAGS) $(DEBUG) $(EXTRA) $(PKG_CFLAGS) -Isrc -Iscreens -I$(B)

OBJ     = $(patsubst %.c,$(B)/%.o,$(SRC)) $(B)/schema_sql.o
SOBJ    = $(patsubst %.c,$(B)/%.o,$(SCREENS))
TOBJ    = $(patsubst %.c,$(B)/%.o,$(TESTLIB))

.PHONY: all deps run check check-pg test test-san lint bench soak fuzz install install-files uninstall clean
all: jiance

jiance: $(B)/jiance
	@# rename, not overwrite: a running console keeps its old binary
	@if [ "$(B)" = build ]; then cp $(B)/jiance jiance.new && mv -f jiance.new jiance; fi

$(B)/jiance: $(B)/src/cli/main.o $(SOBJ) $(B)/libjiance.a
	@echo "  LD    $@"
	@$(CC) $(WARN) $(CFLAGS) $(EXTRA) -o $@ $^ $(PKG_LIBS)

$(B)/libjiance.a: $(OBJ)
	@rm -f $@; ar rcs $@ $^

# Each object depends on the headers it includes, as the compiler lists
# them (-MMD -MP writes $(B)/X.d beside $(B)/X.o).
$(B)/%.o: %.c | $(B)/schema_sql.c
	@mkdir -p $(dir $@)
	@echo "  CC    $@"
	@$(CC) $(ALLCFLAGS) $(if $(filter tests/%,$<),$(TEST_CFLAGS)) -MMD -MP -c -o $@ $<

$(B)/schema_sql.o: $(B)/schema_sql.c
	@$(CC) $(ALLCFLAGS) -c -o $@ $<

# Migrations are compiled in: the Nth file of db/*.sql (by name) brings a
# database from version N-1 to N; db/pg/*.sql are the same migrations in
# PostgreSQL's dialect, file for file.  Each array ends with { 0, 0 }.
define migration_array
	echo 'const struct migration $(1)[] = {'; \
	for f in $(2); do \
	  printf '  { "%s",\n' "$$(basename $$f)"; \
	  sed -e 's/\\/\\\\/g' -e 's/\r/\\r/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$$/\\n"/' $$f; \
	  echo '  },'; \
	done; \
	echo '  { 0, 0 }'; \
	echo '};'; \
	echo 'const int $(3) = sizeof $(1) / sizeof $(1)[0] - 1;';
endef

$(B)/schema_sql.c: $(SQL) $(PGSQL) Makefile
	@mkdir -p $(B)
	@{ echo '/* generated from db/NNN_name.sql and db/pg/ by the Makefile; do not edit */'; \
	  echo '#include "store/schema.h"'; \
	  $(call migration_array,schema_migrations,$(SQL),schema_version) \
	  $(call migration_array,schema_pg_migrations,$(PGSQL),schema_pg_version) \
	} > $@

$(B)/tests/%: $(B)/tests/%.o $(TOBJ) $(B)/libjiance.a
	@echo "  LD    $@"
	@$(CC) $(WARN) $(CFLAGS) $(EXTRA) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

# The unit tests of the console's kit (tests/test_kit_*.c) link the kit too.
$(B)/tests/test_kit_%: $(B)/tests/test_kit_%.o $(TOBJ) $(patsubst %.c,$(B)/%.o,$(KIT)) $(B)/libjiance.a
	@echo "  LD    $@"
	@$(CC) $(WARN) $(CFLAGS) $(EXTRA) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

deps:
	@missing=$$(for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing missing Debian packages: $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; echo "make deps: not root, using sudo"; fi; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi

tests-built: $(addprefix $(B)/tests/,$(TESTS)) $(B)/jiance

# Runs every test binary; each prints cmocka's summary.  JIANCE_BIN is the
# program the end-to-end tests start on a pty.
test: deps
	@$(MAKE) --no-print-directory B=$(B) EXTRA="$(EXTRA)" tests-built jiance
	@fail=0; for t in $(TESTS); do \
	  echo "== $(B)/tests/$$t"; \
	  JIANCE_BIN=$(CURDIR)/$(B)/jiance JIANCE_SRC=$(CURDIR) $(B)/tests/$$t || fail=1; \
	done; exit $$fail

test-san:
	@$(MAKE) --no-print-directory test B=build/san EXTRA="$(SAN)" \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

# The layers of README "Layout": each src/ folder uses only those below it,
# no curses in src/, SQLite only in the store, no store in screens/.
lint:
	@sh tests/lint.sh

check: deps
	@$(MAKE) --no-print-directory lint
	@sh tests/test_lint.sh
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory test-san
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=3
	@echo "make check: all tests passed (plain, ASan+UBSan, and a few seconds of each fuzz target)"

# The whole suite again on PostgreSQL (issue 17): a throwaway cluster
# (tests/pg/cluster.sh, as nobody when run by root) in which each test's
# database is a database of its own (tests/testdb.c, JIANCE_TEST_PG).
# Tests of what only an SQLite file has (its side files, its modes) skip.
check-pg: deps
	@$(MAKE) --no-print-directory tests-built jiance
	@sh tests/pg/schema_test.sh
	@dir=$$(mktemp -d /tmp/jiance-pg.XXXXXX) && url=$$(sh tests/pg/cluster.sh start $$dir) || exit 1; \
	  trap 'sh tests/pg/cluster.sh stop '$$dir'' EXIT INT TERM; \
	  fail=0; for t in $(TESTS); do \
	    echo "== $(B)/tests/$$t (PostgreSQL)"; \
	    JIANCE_TEST_PG="$$url" JIANCE_BIN=$(CURDIR)/$(B)/jiance JIANCE_SRC=$(CURDIR) $(B)/tests/$$t || fail=1; \
	  done; exit $$fail

DEMO_DB ?= $(HOME)/.local/share/jiance/demo.db
run: deps jiance
	@if [ ! -f "$(DEMO_DB)" ]; then mkdir -p "$(dir $(DEMO_DB))"; \
	  echo "make run: creating the demo database $(DEMO_DB)"; \
	  ./jiance --db "$(DEMO_DB)" demo --households 2000 --seed 1 || exit 1; fi
	./jiance --db "$(DEMO_DB)" --as demo_county

# PG=1: also on PostgreSQL, the county moved into a throwaway cluster
bench: deps
	@$(MAKE) --no-print-directory jiance build/tests/bench
	@if [ "$(PG)" = 1 ]; then \
	  dir=$$(mktemp -d /tmp/jiance-pg.XXXXXX) && url=$$(sh tests/pg/cluster.sh start $$dir) || exit 1; \
	  trap 'sh tests/pg/cluster.sh stop '$$dir'' EXIT INT TERM; \
	  psql "$$url" -qc "CREATE DATABASE bench" || exit 1; \
	  BENCH_PG_URL="$$(echo "$$url" | sed 's|///postgres?|///bench?|')" \
	    JIANCE_BIN=$(CURDIR)/jiance build/tests/bench; \
	else JIANCE_BIN=$(CURDIR)/jiance build/tests/bench; fi

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# make fuzz: libFuzzer (clang, from Debian) on the CSV reader and its
# encoding detection, the ID validator, date and money parsing and the
# configuration loader, FUZZ_SECONDS each, from the seed corpora in
# tests/fuzz/corpus/ (what it finds new is kept in build/fuzz/corpus/).
# make check runs each for a few seconds.
FUZZ_TARGETS = $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
fuzz: deps
	@$(MAKE) --no-print-directory B=build/fuzz CC=clang EXTRA="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	  $(addprefix build/fuzz/tests/fuzz/,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t; \
	  echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
	  build/fuzz/tests/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	    -artifact_prefix=build/fuzz/$$t- \
	    -print_final_stats=1 build/fuzz/corpus/$$t tests/fuzz/corpus/$$t 2>build/fuzz/$$t.log \
	    | tail -3; \
	  grep -E 'stat::number_of_executed_units|cov:.*DONE' build/fuzz/$$t.log | tail -2; \
	  if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|deadly signal' build/fuzz/$$t.log; then \
	    grep -E -A30 'ERROR|runtime error|deadly' build/fuzz/$$t.log | head -60; exit 1; fi; \
	done

build/fuzz/tests/fuzz/%: build/fuzz/tests/fuzz/%.o build/fuzz/libjiance.a
	@echo "  LD    $@"
	@clang $(WARN) $(CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

# make soak N=8 MINUTES=10: officers saving, exporting and backing up
# while county imports run, then kill -9 crash tests and hang-ups with a
# form typed during imports (tests/soak.c).
N ?= 8
MINUTES ?= 2
IMPORT_ROWS ?= 100000
CRASHES ?= 20
HANGUPS ?= 20
soak: deps
	@$(MAKE) --no-print-directory jiance build/tests/soak
	@JIANCE_BIN=$(CURDIR)/build/jiance SOAK_N=$(N) SOAK_MINUTES=$(MINUTES) \
	  SOAK_IMPORT_ROWS=$(IMPORT_ROWS) SOAK_CRASHES=$(CRASHES) SOAK_HANGUPS=$(HANGUPS) build/tests/soak

build/tests/soak: build/tests/soak.o $(patsubst %.c,build/%.o,$(TESTLIB)) build/libjiance.a
	$(CC) $(WARN) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

build/tests/bench: build/tests/bench.o $(patsubst %.c,build/%.o,$(TESTLIB)) build/libjiance.a
	$(CC) $(WARN) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

# As root: the program root:$(GROUP) 2755 (setgid: the only way officers
# reach the database), the group made if missing.  Otherwise a plain
# 0755 copy, with a notice.  An existing configuration is kept (upgrades);
# a new one names the database in $(DATADIR).  install-files installs
# INSTALL_BIN as it is (the deployment test installs the binary it tests).
INSTALL_BIN ?= build/release/jiance
install:
	@$(MAKE) --no-print-directory B=build/release DEBUG= build/release/jiance
	@$(MAKE) --no-print-directory install-files INSTALL_BIN=build/release/jiance

install-files:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(SYSCONF)
	@if [ "$$(id -u)" = 0 ]; then \
	  getent group $(GROUP) >/dev/null || groupadd --system $(GROUP) || exit 1; \
	  echo "install -o root -g $(GROUP) -m 2755 $(INSTALL_BIN) $(DESTDIR)$(BINDIR)/jiance"; \
	  install -o root -g $(GROUP) -m 2755 $(INSTALL_BIN) $(DESTDIR)$(BINDIR)/jiance; \
	else \
	  echo "make install: not root, so jiance is installed without the $(GROUP) group (README: Deploying)"; \
	  install -m 755 $(INSTALL_BIN) $(DESTDIR)$(BINDIR)/jiance; \
	fi
	install -m 644 man/jiance.1 $(DESTDIR)$(MANDIR)/man1/jiance.1
	install -m 644 man/jiance.conf.5 $(DESTDIR)$(MANDIR)/man5/jiance.conf.5
	@if [ -e $(DESTDIR)$(SYSCONF)/jiance.conf ]; then \
	  echo "make install: keeping $(DESTDIR)$(SYSCONF)/jiance.conf; the new default is jiance.conf.dist"; \
	  sed 's|^\(  path = \)"jiance.db";|\1"$(DATADIR)/jiance.db";|' etc/jiance.conf > $(DESTDIR)$(SYSCONF)/jiance.conf.dist; \
	else \
	  sed 's|^\(  path = \)"jiance.db";|\1"$(DATADIR)/jiance.db";|' etc/jiance.conf > $(DESTDIR)$(SYSCONF)/jiance.conf; \
	  chmod 644 $(DESTDIR)$(SYSCONF)/jiance.conf; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/jiance $(DESTDIR)$(MANDIR)/man1/jiance.1 \
	  $(DESTDIR)$(MANDIR)/man5/jiance.conf.5 $(DESTDIR)$(SYSCONF)/jiance.conf

clean:
	rm -rf build jiance
