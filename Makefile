# guichet - build, test, run.  `make` builds build/guichet; `make test` runs
# every test (plain build and again under AddressSanitizer + UBSan);
# `make deps` installs the Debian packages; `make clean` removes build/.
#
# Sources are found by wildcard: a new core/foo.c or tests/unit/test_foo.c
# is picked up without editing this file.

CC       ?= gcc
CSTD     := -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT      ?= -O2 -g
CFLAGS   += $(CSTD) $(WARN) $(OPT) -I.
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Debian packages the project builds, tests and runs with (see README).
DEBS := build-essential pkg-config gettext locales tmux sqlite3 strace \
        libncurses-dev libsqlite3-dev libcurl4-openssl-dev libiniparser-dev \
        libsodium-dev libjansson-dev libmicrohttpd-dev libcmocka-dev \
        zlib1g-dev openssl wrk

# iniparser ships no pkg-config file (see ../shared/notes/build.md).
LIBS_CLIENT := -liniparser $(shell pkg-config --libs sqlite3 libsodium 2>/dev/null || echo -lsqlite3 -lsodium)
# The screen: ncursesw (wide characters) - linked into build/guichet only, not the tests.
LIBS_SCREEN := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)
LIBS_TEST   := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

CORE_SRC := $(wildcard core/*.c)
DATA_SRC := $(wildcard data/*.c)
TUI_SRC  := $(wildcard tui/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)
BENCH_SRC := $(wildcard bench/*.c)
PO_FILES := $(wildcard po/*.po)

B  := build
BA := build/asan

CORE_OBJ   := $(CORE_SRC:%.c=$(B)/obj/%.o)
DATA_OBJ   := $(DATA_SRC:%.c=$(B)/obj/%.o)
TUI_OBJ    := $(TUI_SRC:%.c=$(B)/obj/%.o)
CORE_OBJ_A := $(CORE_SRC:%.c=$(BA)/obj/%.o)
DATA_OBJ_A := $(DATA_SRC:%.c=$(BA)/obj/%.o)
TUI_OBJ_A  := $(TUI_SRC:%.c=$(BA)/obj/%.o)
TESTS      := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
TESTS_A    := $(TEST_SRC:tests/unit/%.c=$(BA)/tests/%)
BENCHES    := $(BENCH_SRC:bench/%.c=$(B)/bench/%)
MO_FILES   := $(PO_FILES:po/%.po=$(B)/locale/%/LC_MESSAGES/guichet.mo)
MO_FILES_A := $(PO_FILES:po/%.po=$(BA)/locale/%/LC_MESSAGES/guichet.mo)

.PHONY: all test unit bench deps clean run pot check-layers

all: $(B)/guichet $(MO_FILES)

# ---- plain build -----------------------------------------------------------
$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/libcore.a: $(CORE_OBJ)
	@mkdir -p $(dir $@); rm -f $@; $(if $^,ar rcs $@ $^,printf "!<arch>\n" > $@)

$(B)/libdata.a: $(DATA_OBJ)
	@mkdir -p $(dir $@); rm -f $@; $(if $^,ar rcs $@ $^,printf "!<arch>\n" > $@)

$(B)/guichet: $(TUI_OBJ) $(B)/libdata.a $(B)/libcore.a
	$(CC) $(CFLAGS) -o $@ $(TUI_OBJ) $(B)/libdata.a $(B)/libcore.a $(LIBS_CLIENT) $(LIBS_SCREEN)

$(B)/tests/%: tests/unit/%.c $(B)/libdata.a $(B)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libdata.a $(B)/libcore.a $(LIBS_CLIENT) $(LIBS_TEST)

# ---- sanitizer build (AddressSanitizer + UBSan) -----------------------------
$(BA)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -MMD -MP -c $< -o $@

$(BA)/libcore.a: $(CORE_OBJ_A)
	@mkdir -p $(dir $@); rm -f $@; $(if $^,ar rcs $@ $^,printf "!<arch>\n" > $@)

$(BA)/libdata.a: $(DATA_OBJ_A)
	@mkdir -p $(dir $@); rm -f $@; $(if $^,ar rcs $@ $^,printf "!<arch>\n" > $@)

$(BA)/guichet: $(TUI_OBJ_A) $(BA)/libdata.a $(BA)/libcore.a
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $(TUI_OBJ_A) $(BA)/libdata.a $(BA)/libcore.a $(LIBS_CLIENT) $(LIBS_SCREEN)

$(BA)/tests/%: tests/unit/%.c $(BA)/libdata.a $(BA)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $< $(BA)/libdata.a $(BA)/libcore.a $(LIBS_CLIENT) $(LIBS_TEST)

# ---- sync: the sync agent build/guichet-sync (issue 6) -------------------------
# Its own program (DESIGN.md "Sync"): only it and the test_sync_* tests link
# libcurl and jansson; build/guichet never does.  sync_main.c is the entry
# point; the rest of sync/ is libsync.a, which the tests link too.
LIBS_SYNC   := $(shell pkg-config --libs libcurl jansson zlib 2>/dev/null || echo -lcurl -ljansson -lz)
CFLAGS_SYNC := $(shell pkg-config --cflags libcurl jansson zlib 2>/dev/null)
SYNC_SRC    := $(filter-out sync/sync_main.c,$(wildcard sync/*.c))
SYNC_OBJ    := $(SYNC_SRC:%.c=$(B)/obj/%.o)
SYNC_OBJ_A  := $(SYNC_SRC:%.c=$(BA)/obj/%.o)

$(B)/obj/sync/%.o $(BA)/obj/sync/%.o: CFLAGS += $(CFLAGS_SYNC)

$(B)/libsync.a: $(SYNC_OBJ)
	@mkdir -p $(dir $@); rm -f $@; $(if $^,ar rcs $@ $^,printf "!<arch>\n" > $@)

$(BA)/libsync.a: $(SYNC_OBJ_A)
	@mkdir -p $(dir $@); rm -f $@; $(if $^,ar rcs $@ $^,printf "!<arch>\n" > $@)

$(B)/guichet-sync: $(B)/obj/sync/sync_main.o $(B)/libsync.a $(B)/libdata.a $(B)/libcore.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS_CLIENT) $(LIBS_SYNC)

$(BA)/guichet-sync: $(BA)/obj/sync/sync_main.o $(BA)/libsync.a $(BA)/libdata.a $(BA)/libcore.a
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LIBS_CLIENT) $(LIBS_SYNC)

$(B)/tests/test_sync_%: tests/unit/test_sync_%.c $(B)/libsync.a $(B)/libdata.a $(B)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CFLAGS_SYNC) -pthread -o $@ $^ $(LIBS_CLIENT) $(LIBS_SYNC) $(LIBS_TEST)

$(BA)/tests/test_sync_%: tests/unit/test_sync_%.c $(BA)/libsync.a $(BA)/libdata.a $(BA)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) $(CFLAGS_SYNC) -pthread -o $@ $^ $(LIBS_CLIENT) $(LIBS_SYNC) $(LIBS_TEST)

# The end-to-end test runs the real guichetd in-process: it links libserver.a too
# (an explicit rule, so it wins over the test_sync_% pattern above).
$(B)/tests/test_sync_e2e: tests/unit/test_sync_e2e.c $(B)/libsync.a $(B)/libserver.a $(B)/libdata.a $(B)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CFLAGS_SYNC) $(CFLAGS_SERVER) -pthread -o $@ $^ $(LIBS_CLIENT) $(LIBS_SYNC) $(LIBS_SERVER) $(LIBS_TEST)

$(BA)/tests/test_sync_e2e: tests/unit/test_sync_e2e.c $(BA)/libsync.a $(BA)/libserver.a $(BA)/libdata.a $(BA)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) $(CFLAGS_SYNC) $(CFLAGS_SERVER) -pthread -o $@ $^ $(LIBS_CLIENT) $(LIBS_SYNC) $(LIBS_SERVER) $(LIBS_TEST)

all: $(B)/guichet-sync
test: $(B)/guichet-sync $(BA)/guichet-sync
# ---- end of sync ----------------------------------------------------------------
# ---- server: the central service build/guichetd (issue 6) -----------------------
# Its own program with its own SQLite store (server/srv_store*.c): it never links
# data/.  srv_main.c is the entry point; the rest of server/ is libserver.a, which
# the test_srv_* unit tests link (the other tests stay as they are).  It links
# libcore.a (pure: the PIN policy, dates, the calendar parser, UUIDv7), zlib
# (gzip request bodies) and iniparser (--config; no pkg-config file, like the client).
LIBS_SERVER    := -liniparser -lz $(shell pkg-config --libs libmicrohttpd jansson sqlite3 libsodium 2>/dev/null || echo -lmicrohttpd -ljansson -lsqlite3 -lsodium)
CFLAGS_SERVER  := $(shell pkg-config --cflags libmicrohttpd jansson 2>/dev/null)
SERVER_SRC     := $(wildcard server/*.c)
SERVER_LIB_SRC := $(filter-out server/srv_main.c,$(SERVER_SRC))
SERVER_OBJ     := $(SERVER_LIB_SRC:%.c=$(B)/obj/%.o)
SERVER_OBJ_A   := $(SERVER_LIB_SRC:%.c=$(BA)/obj/%.o)

$(B)/obj/server/%.o $(BA)/obj/server/%.o: CFLAGS += $(CFLAGS_SERVER)

$(B)/libserver.a: $(SERVER_OBJ)
	@mkdir -p $(dir $@); rm -f $@; $(if $^,ar rcs $@ $^,printf "!<arch>\n" > $@)
$(BA)/libserver.a: $(SERVER_OBJ_A)
	@mkdir -p $(dir $@); rm -f $@; $(if $^,ar rcs $@ $^,printf "!<arch>\n" > $@)

$(B)/guichetd: $(B)/obj/server/srv_main.o $(B)/libserver.a $(B)/libcore.a
	$(CC) $(CFLAGS) -pthread -o $@ $^ $(LIBS_SERVER)
$(BA)/guichetd: $(BA)/obj/server/srv_main.o $(BA)/libserver.a $(BA)/libcore.a
	$(CC) $(CFLAGS) $(SANFLAGS) -pthread -o $@ $^ $(LIBS_SERVER)

$(B)/tests/test_srv_%: tests/unit/test_srv_%.c $(B)/libserver.a $(B)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CFLAGS_SERVER) -pthread -o $@ $^ $(LIBS_SERVER) $(LIBS_TEST)
$(BA)/tests/test_srv_%: tests/unit/test_srv_%.c $(BA)/libserver.a $(BA)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) $(CFLAGS_SERVER) -pthread -o $@ $^ $(LIBS_SERVER) $(LIBS_TEST)

all: $(B)/guichetd
test: $(B)/guichetd $(BA)/guichetd
# ---- end of server --------------------------------------------------------------
# ---- sync faults and bench (issue 6) ---------------------------------------------
# test_sync_faults runs the real guichetd in-process behind a proxy thread, and
# bench_sync pushes through it: both link libsync.a and libserver.a (explicit
# rules, so they win over the test_sync_% and bench/% patterns).
# tests/cli/sync_faults.sh and bench/bench_sync.sh drive the real programs.
$(B)/tests/test_sync_faults: tests/unit/test_sync_faults.c $(B)/libsync.a $(B)/libserver.a $(B)/libdata.a $(B)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CFLAGS_SYNC) $(CFLAGS_SERVER) -pthread -o $@ $^ $(LIBS_CLIENT) $(LIBS_SYNC) $(LIBS_SERVER) $(LIBS_TEST)

$(BA)/tests/test_sync_faults: tests/unit/test_sync_faults.c $(BA)/libsync.a $(BA)/libserver.a $(BA)/libdata.a $(BA)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) $(CFLAGS_SYNC) $(CFLAGS_SERVER) -pthread -o $@ $^ $(LIBS_CLIENT) $(LIBS_SYNC) $(LIBS_SERVER) $(LIBS_TEST)

$(B)/bench/bench_sync: bench/bench_sync.c $(B)/libsync.a $(B)/libserver.a $(B)/libdata.a $(B)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CFLAGS_SYNC) $(CFLAGS_SERVER) -pthread -o $@ $^ $(LIBS_CLIENT) $(LIBS_SYNC) $(LIBS_SERVER)

# `make bench` runs build/bench/bench_sync with the others, and first
# bench/bench_sync.sh (wrk against a real guichetd on a free port).
.PHONY: bench-sync
bench: bench-sync
bench-sync: $(B)/guichetd
	@echo "== bench/bench_sync.sh"; sh bench/bench_sync.sh $(B)/guichetd
# ---- end of sync faults and bench ------------------------------------------------

# ---- translations ------------------------------------------------------------
$(B)/locale/%/LC_MESSAGES/guichet.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(BA)/locale/%/LC_MESSAGES/guichet.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -o po/guichet.pot $(CORE_SRC) $(DATA_SRC) $(TUI_SRC) $(wildcard sync/*.c)

# ---- tests --------------------------------------------------------------------
# Unit tests (plain and sanitized), then the command-line verbs against both
# binaries.  tests/run prints the closing "N passed, N failed" line.
test: check-layers $(TESTS) $(TESTS_A) $(B)/guichet $(BA)/guichet $(MO_FILES) $(MO_FILES_A)
	@sh tests/run $(TESTS) $(TESTS_A) -- $(B)/guichet $(BA)/guichet

# Only the unit tests (plain and sanitized).  Narrow it while a module is in
# progress:  make unit B=build-x BA=build-x/asan CORE_SRC="core/date.c core/x.c" \
#                 DATA_SRC= TEST_SRC=tests/unit/test_x.c
unit: $(TESTS) $(TESTS_A)
	@sh tests/run $(TESTS) $(TESTS_A) --

# core/ is pure: no I/O library headers; tui/ never talks SQL or HTTP itself.
check-layers:
	@! grep -rlE '#include *[<"](ncurses|curses|sqlite3|curl/|iniparser|stdio)' core/*.h || \
	  { echo "core/ header includes an I/O header"; exit 1; }
	@! grep -rlE '#include *[<"](ncurses|curses|sqlite3|curl/|iniparser)' core || \
	  { echo "core/ includes an I/O library header"; exit 1; }
	@! grep -rlE '#include *[<"](sqlite3|curl/)' tui || \
	  { echo "tui/ includes sqlite3.h or curl (go through data/)"; exit 1; }

# Benchmarks print figures (never asserted); see bench/README.md.
$(B)/bench/%: bench/%.c $(B)/libdata.a $(B)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libdata.a $(B)/libcore.a $(LIBS_CLIENT)
# bench_screen's bare reference mode draws with ncursesw (forkpty is in glibc >= 2.34's libc: no -lutil).
$(B)/bench/bench_screen: LIBS_CLIENT += $(LIBS_SCREEN)

bench: $(BENCHES) $(B)/guichet
	@for b in $(BENCHES); do echo "== $$b"; $$b || exit 1; done

# The screen on the demo data, in a per-user directory made on first use
# (demo catalogue, staff demo-a / 583914, demo-b / 729461, supervisor demo-s /
# 640275, A/B roster for a month, a few hundred cases).  Delete the directory
# to start again; its config.ini sends "printed" notices to printer.txt there.
RUN_DIR ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/guichet-demo
run: all
	@mkdir -p "$(RUN_DIR)" && chmod 700 "$(RUN_DIR)"
	@test -f "$(RUN_DIR)/config.ini" || printf '[paths]\nsave_dir = %s\n\n[centre]\nname = 演示乡便民服务中心\naddress = 演示乡政府一楼大厅\nphone = 0000-0000000\ncomplaint = 12345\nhours = 周一至周五 8:30-12:00 14:00-17:30\n\n[print]\ncommand = cat >> "%s/printer.txt"\n' "$(RUN_DIR)" "$(RUN_DIR)" > "$(RUN_DIR)/config.ini"
	@test -f "$(RUN_DIR)/guichet.db" || $(B)/guichet --db "$(RUN_DIR)/guichet.db" demo seed --cases 400
	@echo "Log in as demo-a, PIN 583914 (demo-b / 729461, supervisor demo-s / 640275, leader demo-l / 318275)."
	@$(B)/guichet --config "$(RUN_DIR)/config.ini" --db "$(RUN_DIR)/guichet.db"

deps:
	@if [ "$$(id -u)" = 0 ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(DEBS); \
	else \
	  echo "Run as root:"; echo "  apt-get update && apt-get install -y $(DEBS)"; \
	fi

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
