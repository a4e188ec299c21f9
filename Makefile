# gongwen: tree-sitter grammar, C library, Lua bindings, command line and
# Neovim plugin for Chinese official reports.
#
#   make               build everything under build/
#   make test          run every test; ends on `N passed, N failed`
#   make install       install under $(DESTDIR)$(PREFIX)
#   make generate      regenerate grammar/src/parser.c (needs the tree-sitter CLI)

VERSION = 0.1.0

PREFIX ?= /usr/local
DESTDIR ?=
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share

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

BUILD = build
GRAMMAR_SRC = grammar/src/parser.c grammar/src/scanner.c
GRAMMAR_OBJ = $(BUILD)/grammar/parser.o $(BUILD)/grammar/scanner.o

.PHONY: all test test-grammar generate install uninstall clean

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

# --- tests -----------------------------------------------------------------

SEEDS ?= ../shared/corpus/seeds

$(BUILD)/tests/grammar_test: tests/grammar_test.c $(GRAMMAR_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TS_CFLAGS) -o $@ $^ $(TS_LIBS)

test: $(BUILD)/tests/grammar_test
	@tests/run-suites \
		"grammar corpus" "$(BUILD)/tests/grammar_test corpus grammar/test/corpus/*.txt" \
		"grammar fixtures" "$(BUILD)/tests/grammar_test counts tests/fixtures.expected tests/fixtures" \
		"grammar seeds" "$(BUILD)/tests/grammar_test counts tests/seeds.expected $(SEEDS)"

# --- install ---------------------------------------------------------------

install: all
	install -d $(DESTDIR)$(LIBDIR)/gongwen $(DESTDIR)$(DATADIR)/gongwen/queries/gongwen
	install -m 755 $(BUILD)/gongwen.so $(DESTDIR)$(LIBDIR)/gongwen/gongwen.so
	install -m 644 grammar/queries/gongwen/*.scm $(DESTDIR)$(DATADIR)/gongwen/queries/gongwen/

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/gongwen/gongwen.so
	rm -rf $(DESTDIR)$(DATADIR)/gongwen/queries
	-rmdir $(DESTDIR)$(LIBDIR)/gongwen $(DESTDIR)$(DATADIR)/gongwen 2>/dev/null

clean:
	rm -rf $(BUILD)
