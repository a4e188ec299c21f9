# gongwen: tree-sitter grammar, C library, Lua bindings, command line and
# Neovim plugin for Chinese official reports.
#
#   make               build everything under build/
#   make test          run every test; ends on `N passed, N failed`
#   make install       install under $(DESTDIR)$(PREFIX)
#   make generate      regenerate grammar/src/parser.c (needs the tree-sitter CLI)
#   make nvim          open a sample report in Neovim with only this plugin loaded
#   make bench         benchmarks; writes bench/RESULTS.md (a few minutes)

VERSION = 0.1.0

PREFIX ?= /usr/local
DESTDIR ?=
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
BINDIR ?= $(PREFIX)/bin

CC ?= cc
PKG_CONFIG ?= pkg-config
OPTFLAGS ?= -O2 -g
WARNFLAGS = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wwrite-strings \
	-Wformat=2 -Wundef -Werror=implicit-function-declaration
# The generated parser is not ours to fix; it is built with fewer warnings.
PARSER_CFLAGS = -std=c11 $(OPTFLAGS) -fPIC -Igrammar/src
CFLAGS_ALL = -std=c11 $(OPTFLAGS) $(WARNFLAGS) -fPIC -Iinclude -Igrammar/src $(CFLAGS)

TS_CFLAGS := $(shell $(PKG_CONFIG) --cflags tree-sitter 2>/dev/null)
TS_LIBS := $(shell $(PKG_CONFIG) --libs tree-sitter 2>/dev/null || echo -ltree-sitter)

ICU_CFLAGS := $(shell $(PKG_CONFIG) --cflags icu-uc icu-i18n 2>/dev/null)
ICU_LIBS := $(shell $(PKG_CONFIG) --libs icu-uc icu-i18n 2>/dev/null || echo -licui18n -licuuc -licudata)

LUA54_CFLAGS := $(shell $(PKG_CONFIG) --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)
LUAJIT_CFLAGS := $(shell $(PKG_CONFIG) --cflags luajit 2>/dev/null || echo -I/usr/include/luajit-2.1)

BUILD = build
GRAMMAR_OBJ = $(BUILD)/grammar/parser.o $(BUILD)/grammar/scanner.o

# The library: every src/*.c.
LIB_SRC = $(sort $(wildcard src/*.c))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/src/%.o)
LIB_DEPS = $(TS_LIBS) $(ICU_LIBS)
SONAME = libgongwen.so.0

# C tests: each tests/c/test_*.c is a program linked with the library.
C_TESTS = $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/c/test_*.c)))

.PHONY: all lib lua cli test generate install install-lib uninstall install-bindings uninstall-bindings clean FORCE nvim bench

all: $(BUILD)/gongwen.so

# --- grammar ---------------------------------------------------------------

$(BUILD)/grammar/parser.o: grammar/src/parser.c grammar/src/tree_sitter/parser.h
	@mkdir -p $(@D)
	$(CC) $(PARSER_CFLAGS) -c $< -o $@

$(BUILD)/grammar/scanner.o: grammar/src/scanner.c grammar/src/tree_sitter/parser.h
	@mkdir -p $(@D)
	$(CC) -std=c11 $(OPTFLAGS) $(WARNFLAGS) -fPIC -Igrammar/src $(CFLAGS) -c $< -o $@

# The parser as Neovim loads it (vim.treesitter.language.add / require_language).
$(BUILD)/gongwen.so: $(GRAMMAR_OBJ)
	$(CC) -shared $(LDFLAGS) -o $@ $^

generate:
	@if command -v tree-sitter >/dev/null 2>&1; then \
		cd grammar && tree-sitter generate --abi 14; \
	else \
		echo "make generate: no tree-sitter command on PATH; the committed grammar/src/parser.c"; \
		echo "is used as it is. Install the tree-sitter CLI (0.22 or later) to regenerate it."; \
		exit 1; \
	fi

# --- library ---------------------------------------------------------------

ifneq ($(LIB_SRC),)
all: lib
endif
lib: $(BUILD)/libgongwen.so $(BUILD)/libgongwen.a $(BUILD)/gongwen.pc

$(BUILD)/src/%.o: src/%.c include/gongwen.h $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TS_CFLAGS) $(ICU_CFLAGS) -fvisibility=hidden -c $< -o $@

# The static archive holds the parser too, so that one -lgongwen is enough.
$(BUILD)/libgongwen.a: $(LIB_OBJ) $(GRAMMAR_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libgongwen.so: $(LIB_OBJ) $(GRAMMAR_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) -o $@ $^ $(LIB_DEPS)

# Rewritten whenever PREFIX, LIBDIR or INCLUDEDIR differ from the last build,
# so that `make install PREFIX=…` never installs a stale file.
$(BUILD)/gongwen.pc: gongwen.pc.in Makefile FORCE
	@mkdir -p $(@D)
	@sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' $< > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

FORCE:

# src/script_table.c, committed, is what ICU's transliterators say of each
# Han character (src/script_table.h); regenerate it after an ICU upgrade
# (tests/c/test_script_table.c fails when it no longer agrees).
.PHONY: script-table
script-table: $(BUILD)/tools/gen_script_table
	$(BUILD)/tools/gen_script_table > src/script_table.c.new
	mv -f src/script_table.c.new src/script_table.c

$(BUILD)/tools/gen_script_table: tools/gen_script_table.c src/script_table.h src/script_shared.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(ICU_CFLAGS) -Isrc -o $@ $< $(ICU_LIBS)

# --- Lua module and command line ---------------------------------------------

# One binding source, built for Lua 5.4 and for LuaJIT (Lua 5.1, as Neovim
# loads it).  Both link the static library, so the module needs no rpath;
# --exclude-libs keeps the library's symbols inside the module.
LUA_MODULES = $(BUILD)/lua5.4/gongwen.so $(BUILD)/luajit/gongwen.so
CLI_SRC = $(sort $(wildcard cli/*.c))
CLI_OBJ = $(CLI_SRC:cli/%.c=$(BUILD)/cli/%.o)
MODULE_LDFLAGS = -shared -Wl,--exclude-libs,ALL

ifneq ($(LIB_SRC),)
all: lua cli gongwen.so
endif
lua: $(LUA_MODULES)
cli: $(BUILD)/gongwen

$(BUILD)/lua5.4/gongwen.so: bindings/lua/gongwen.c include/gongwen.h $(BUILD)/libgongwen.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(LUA54_CFLAGS) -fvisibility=hidden $(MODULE_LDFLAGS) $(LDFLAGS) \
		-o $@ $< $(BUILD)/libgongwen.a $(LIB_DEPS)

$(BUILD)/luajit/gongwen.so: bindings/lua/gongwen.c include/gongwen.h $(BUILD)/libgongwen.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(LUAJIT_CFLAGS) -fvisibility=hidden $(MODULE_LDFLAGS) $(LDFLAGS) \
		-o $@ $< $(BUILD)/libgongwen.a $(LIB_DEPS)

# So that `lua5.4 -e 'print(require("gongwen").version())'` works in the
# repository after `make` (./?.so is on Lua's default cpath).
gongwen.so: $(BUILD)/lua5.4/gongwen.so
	ln -sf $< $@

$(BUILD)/cli/%.o: cli/%.c cli/cli.h include/gongwen.h src/internal.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TS_CFLAGS) $(ICU_CFLAGS) -Isrc -c $< -o $@

$(BUILD)/gongwen: $(CLI_OBJ) $(BUILD)/libgongwen.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libgongwen.a $(LIB_DEPS)

# --- tests -----------------------------------------------------------------

SEEDS ?= ../shared/corpus/seeds

$(BUILD)/tests/grammar_test: tests/grammar_test.c $(GRAMMAR_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TS_CFLAGS) -o $@ $^ $(TS_LIBS)

$(BUILD)/tests/test_%: tests/c/test_%.c $(wildcard tests/c/*.h) $(BUILD)/libgongwen.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TS_CFLAGS) $(ICU_CFLAGS) -Isrc -Itests/c -o $@ $< $(BUILD)/libgongwen.a $(LIB_DEPS)

# Each suite is a name and a command; tests/run-suites adds up their results.
TEST_SUITES = \
	"grammar corpus" "$(BUILD)/tests/grammar_test corpus grammar/test/corpus/*.txt" \
	"grammar queries" "$(BUILD)/tests/grammar_test queries grammar/queries/gongwen/*.scm" \
	"grammar fixtures" "$(BUILD)/tests/grammar_test counts tests/fixtures.expected tests/fixtures" \
	"grammar seeds" "$(BUILD)/tests/grammar_test counts tests/seeds.expected $(SEEDS)" \
	$(foreach t,$(C_TESTS),"$(notdir $(t))" "GW_SEEDS=$(SEEDS) $(t)") \
	"nvim plugin" "tests/nvim/run" \
	"lua5.4 busted" "$(LUA_SANITIZER_ENV) GW_SEEDS=$(SEEDS) tests/lua/run lua5.4 $(BUILD)/lua5.4" \
	"luajit busted" "$(LUA_SANITIZER_ENV) GW_SEEDS=$(SEEDS) tests/lua/run luajit $(BUILD)/luajit" \
	"cli" "$(LUA_SANITIZER_ENV) GW_SEEDS=$(SEEDS) tests/cli/run $(BUILD)/gongwen"

test: all lua cli gongwen.so $(BUILD)/tests/grammar_test $(C_TESTS)
	@tests/run-suites $(TEST_SUITES)

# --- sanitizers and valgrind ------------------------------------------------
# make test-asan: everything rebuilt with AddressSanitizer and UBSan under
# $(ASAN_BUILD)/, then the C, grammar, fuzz-replay, Lua and CLI suites.  The
# interpreters lua5.4 and luajit are not sanitized, so the runtime is
# preloaded for the Lua suites (leaks are the C suites' and valgrind's to
# find: the interpreters' own would drown them).  The Neovim suite loads the
# plugin's build/, not $(ASAN_BUILD)/, and is skipped there.
#
# make test-valgrind: the C tests, the fuzz replays and the CLI (through a
# wrapper, tests/valgrind-cli) under valgrind --leak-check=full; any error
# or leak fails.  Sizes of the robustness tests are divided by 16 there.

ASAN_BUILD ?= build-asan
SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
LUA_SANITIZER_ENV ?=
VALGRIND = valgrind --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect

.PHONY: test-asan test-valgrind
test-asan:
	GW_TIME_SCALE=8 ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
	UBSAN_OPTIONS=print_stacktrace=1 GW_SKIP_SUITES="nvim plugin" \
	GW_SKIP_REASON="Neovim loads build/, not $(ASAN_BUILD)/ (make test runs it)" \
	$(MAKE) --no-print-directory -o gongwen.so BUILD=$(ASAN_BUILD) OPTFLAGS="-O1 -g" \
		CFLAGS="$(SANITIZE)" LDFLAGS="$(SANITIZE)" FUZZ_IN_TEST=no \
		LUA_SANITIZER_ENV="LD_PRELOAD=$$($(CC) -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0" \
		test

test-valgrind: all $(C_TESTS) $(FUZZ_REPLAYS)
	@GW_TIME_SCALE=60 GW_SIZE_DIVISOR=16 GW_EDIT_STEPS=30 tests/run-suites \
		$(foreach t,$(C_TESTS),"valgrind $(notdir $(t))" "GW_SEEDS=$(SEEDS) $(VALGRIND) $(t)") \
		$(foreach n,$(FUZZ_NAMES),"valgrind fuzz $(n) (replay)" \
			"$(VALGRIND) $(BUILD)/fuzz/replay_$(n) fuzz_$(n) $(FUZZ_SEEDS) $(SEEDS)") \
		"valgrind cli" "GW_SEEDS=$(SEEDS) tests/valgrind-cli $(BUILD) '$(VALGRIND)'"

# --- fuzzing ---------------------------------------------------------------
# One libFuzzer target per fuzz/fuzz_*.c:
#   grammar    the parser alone, whole and after an edit, vs a fresh parse
#   scanner    the external scanner alone, through a minimal fake TSLexer
#   document   parse, outline, navigation, pairs, lint on arbitrary bytes
#   edits      random edit sequences through gw_document_edit vs fresh parses
#   fix        gw_fix_edits + gw_apply_edits, then fix and lint again
# Inputs are plain text: the targets that need choices take them from the
# last bytes.  Seeds: the fixtures, the grammar corpus, fuzz/seeds/ (every
# marker form, a .gongwenrc, mixed line ends), fuzz/regressions/ (every
# crash or hang found, kept for good) and the real reports in SEEDS.
#
#   make fuzz FUZZ_SECONDS=N   each target for N seconds (clang); corpora
#                              grow in $(BUILD)/fuzz/corpus-NAME, crashes
#                              land in fuzz/regressions/NAME-crash-…
#   make test                  each target without libFuzzer, built by $(CC),
#                              on every seed (fuzz/replay.c), and, when clang
#                              has libFuzzer, for FUZZ_RUNS executions from
#                              the seeds with a fixed random seed.

FUZZ_CC ?= clang
FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_FLAGS = -std=c11 -g -O1 -fno-omit-frame-pointer $(FUZZ_SANITIZE)
FUZZ_SECONDS ?= 60
# Executions per target in `make test` (FUZZ_RUNS_edits: for fuzz_edits),
# about ten seconds each.
FUZZ_RUNS ?= 1000
FUZZ_RUNS_edits ?= 500
FUZZ_RUNS_fix ?= 200
FUZZ_MAX_LEN ?= 4096
# libFuzzer runs in `make test`; make test-asan turns them off (they are
# sanitized already) and keeps the replays.
FUZZ_IN_TEST ?= yes
FUZZ_NAMES = $(patsubst fuzz/fuzz_%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
FUZZ_TARGETS = $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
FUZZ_REPLAYS = $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
FUZZ_SEEDS = tests/fixtures grammar/test/corpus fuzz/seeds fuzz/regressions
FUZZ_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/fuzz/obj/%.o) $(BUILD)/fuzz/obj/parser.o \
	$(BUILD)/fuzz/obj/scanner.o
FUZZ_HEADERS = $(wildcard fuzz/*.h) include/gongwen.h src/internal.h

$(BUILD)/fuzz/obj/%.o: src/%.c include/gongwen.h $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Iinclude -Igrammar/src \
		$(TS_CFLAGS) $(ICU_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/obj/%.o: grammar/src/%.c grammar/src/tree_sitter/parser.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Igrammar/src -c $< -o $@

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_HEADERS) $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -Iinclude -Isrc -Igrammar/src $(TS_CFLAGS) \
		-o $@ $< $(FUZZ_OBJ) $(LIB_DEPS) -lm

# The same targets with a main() that runs given files: any compiler, any
# sanitizer, valgrind.
$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c $(FUZZ_HEADERS) $(BUILD)/libgongwen.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TS_CFLAGS) -Isrc -o $@ $< fuzz/replay.c $(BUILD)/libgongwen.a \
		$(LIB_DEPS) -lm

# Whether $(FUZZ_CC) can build a libFuzzer target: `yes`, or why not.
.PHONY: fuzz fuzz-targets fuzz-if-available
fuzz-if-available:
	@mkdir -p $(BUILD)/fuzz
	@if [ "$(FUZZ_IN_TEST)" != yes ]; then \
		echo "libFuzzer runs are part of make test, not of this build" > $(BUILD)/fuzz/libfuzzer; \
	elif printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return d && n ? 0 : 0; }\n' \
		| $(FUZZ_CC) -fsanitize=fuzzer,address,undefined -x c - -o $(BUILD)/fuzz/probe \
		>/dev/null 2>&1; then \
		echo yes > $(BUILD)/fuzz/libfuzzer; \
		$(MAKE) --no-print-directory fuzz-targets; \
	else \
		echo "no $(FUZZ_CC) with libFuzzer (Debian: apt-get install clang libclang-rt-14-dev)" \
			> $(BUILD)/fuzz/libfuzzer; \
	fi
	@rm -f $(BUILD)/fuzz/probe

fuzz-targets: $(FUZZ_TARGETS)

# The robustness tests share the fuzz targets' invariants.
$(BUILD)/tests/test_robust%: $(FUZZ_HEADERS)

# Kept between builds, though only the targets name them.
.SECONDARY: $(FUZZ_OBJ)

test: $(FUZZ_REPLAYS) fuzz-if-available

TEST_SUITES += \
	$(foreach n,$(FUZZ_NAMES),"fuzz $(n) (replay)" \
		"$(BUILD)/fuzz/replay_$(n) fuzz_$(n) $(FUZZ_SEEDS) $(SEEDS)") \
	$(foreach n,$(FUZZ_NAMES),"fuzz $(n) (libFuzzer)" \
		"fuzz/run-libfuzzer $(BUILD)/fuzz fuzz_$(n) $(or $(FUZZ_RUNS_$(n)),$(FUZZ_RUNS)) \
		$(FUZZ_MAX_LEN) $(FUZZ_SEEDS) $(SEEDS)")

fuzz: $(FUZZ_TARGETS)
	@for n in $(FUZZ_NAMES); do \
		mkdir -p $(BUILD)/fuzz/corpus-$$n; \
		seeds=""; for d in $(FUZZ_SEEDS) $(SEEDS); do [ -d $$d ] && seeds="$$seeds $$d"; done; \
		echo "== fuzz_$$n for $(FUZZ_SECONDS) s"; \
		$(BUILD)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
			-timeout=20 -dict=fuzz/gongwen.dict -artifact_prefix=fuzz/regressions/$$n- \
			$(BUILD)/fuzz/corpus-$$n $$seeds || exit 1; \
	done

# --- Neovim ----------------------------------------------------------------

# A sample report in a Neovim with only this plugin loaded.
nvim: all
	nvim --clean --cmd "set runtimepath^=$(CURDIR)" tests/fixtures/01-standard.txt

# --- benchmarks ------------------------------------------------------------
# bench/run.sh builds large reports from the seeds (when present) and the
# fixtures into build/bench/, times each case (the library, the Neovim
# plugin headless, AutoCorrect and zhlint installed with npm under
# build/bench/node_modules) and writes bench/RESULTS.md.  Timing is never
# part of `make test`.

BENCH_CFLAGS = $(CFLAGS_ALL) $(TS_CFLAGS) $(ICU_CFLAGS) -Isrc -Itests/c

$(BUILD)/bench/%: bench/%.c $(wildcard tests/c/*.h) $(BUILD)/libgongwen.a
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(BUILD)/libgongwen.a $(LIB_DEPS)

# The command line, the Lua module and the parser are for the comparison
# with AutoCorrect and zhlint and for the Neovim plugin's cases.
bench: $(BUILD)/bench/gen_reports $(BUILD)/bench/bench $(BUILD)/gongwen $(BUILD)/luajit/gongwen.so \
		$(BUILD)/gongwen.so
	BUILD=$(BUILD) SEEDS=$(SEEDS) CC="$(CC)" OPTFLAGS="$(OPTFLAGS)" sh bench/run.sh

# --- install ---------------------------------------------------------------

install: all install-lib
	install -d $(DESTDIR)$(LIBDIR)/gongwen $(DESTDIR)$(DATADIR)/gongwen/queries/gongwen
	install -m 755 $(BUILD)/gongwen.so $(DESTDIR)$(LIBDIR)/gongwen/gongwen.so
	install -m 644 grammar/queries/gongwen/*.scm $(DESTDIR)$(DATADIR)/gongwen/queries/gongwen/

# libgongwen: the shared library with its soname links, the archive, the
# header and the pkg-config file.
install-lib: lib
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(BUILD)/libgongwen.so $(DESTDIR)$(LIBDIR)/libgongwen.so.$(VERSION)
	ln -sf libgongwen.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libgongwen.so
	install -m 644 $(BUILD)/libgongwen.a $(DESTDIR)$(LIBDIR)/libgongwen.a
	install -m 644 include/gongwen.h $(DESTDIR)$(INCLUDEDIR)/gongwen.h
	install -m 644 $(BUILD)/gongwen.pc $(DESTDIR)$(LIBDIR)/pkgconfig/gongwen.pc

# The Lua modules (where lua5.4 and LuaJIT look: LIBDIR/lua/5.4 and 5.1), the
# command line and its manual page.
ifneq ($(LIB_SRC),)
install: install-bindings
uninstall: uninstall-bindings
endif

install-bindings: lua cli
	install -d $(DESTDIR)$(LIBDIR)/lua/5.4 $(DESTDIR)$(LIBDIR)/lua/5.1 $(DESTDIR)$(BINDIR) \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/lua5.4/gongwen.so $(DESTDIR)$(LIBDIR)/lua/5.4/gongwen.so
	install -m 755 $(BUILD)/luajit/gongwen.so $(DESTDIR)$(LIBDIR)/lua/5.1/gongwen.so
	install -m 755 $(BUILD)/gongwen $(DESTDIR)$(BINDIR)/gongwen
	install -m 644 doc/gongwen.1 $(DESTDIR)$(MANDIR)/man1/gongwen.1

uninstall-bindings:
	rm -f $(DESTDIR)$(LIBDIR)/lua/5.4/gongwen.so $(DESTDIR)$(LIBDIR)/lua/5.1/gongwen.so
	rm -f $(DESTDIR)$(BINDIR)/gongwen $(DESTDIR)$(MANDIR)/man1/gongwen.1

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/gongwen/gongwen.so
	rm -f $(DESTDIR)$(LIBDIR)/libgongwen.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
		$(DESTDIR)$(LIBDIR)/libgongwen.so $(DESTDIR)$(LIBDIR)/libgongwen.a \
		$(DESTDIR)$(INCLUDEDIR)/gongwen.h $(DESTDIR)$(LIBDIR)/pkgconfig/gongwen.pc
	rm -rf $(DESTDIR)$(DATADIR)/gongwen/queries
	-rmdir $(DESTDIR)$(LIBDIR)/gongwen $(DESTDIR)$(DATADIR)/gongwen 2>/dev/null

clean:
	rm -rf $(BUILD) gongwen.so
