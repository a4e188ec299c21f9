/*
 * libFuzzer target: the external scanner alone (grammar/src/scanner.c),
 * driven through a minimal TSLexer over arbitrary bytes with arbitrary sets
 * of valid symbols and arbitrary serialized states — including sets and
 * states that the parse table never produces, since the scanner must stay
 * memory-safe for anything tree-sitter may hand it.
 *
 * The input is text followed by a control block: its last CONTROL_BYTES
 * bytes (fewer for short inputs) choose the valid-symbol sets and the first
 * state, so that any plain text is a useful seed.
 *
 * Checked on every call of scan():
 * - a token is only returned for a symbol that was valid, and below the
 *   error sentinel; it ends at or after where it started;
 * - the scanner is a function of (serialized state, text, valid symbols):
 *   a fresh scanner given the serialized state scans the same token and
 *   reaches the same state (incremental parsing relies on it);
 * - look-ahead past the end of a token is bounded (a scan that read on to
 *   the end of the text every time would make parsing quadratic); white
 *   space is not counted, since tokens end before trailing blanks that are
 *   read once more by the next token only;
 * - serialize writes at most the buffer tree-sitter gives it, and
 *   deserializing what it wrote and serializing again gives the same bytes.
 */
#include "tree_sitter/parser.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *tree_sitter_gongwen_external_scanner_create(void);
void tree_sitter_gongwen_external_scanner_destroy(void *payload);
unsigned tree_sitter_gongwen_external_scanner_serialize(void *payload, char *buffer);
void tree_sitter_gongwen_external_scanner_deserialize(void *payload, const char *buffer,
                                                      unsigned length);
bool tree_sitter_gongwen_external_scanner_scan(void *payload, TSLexer *lexer,
                                               const bool *valid_symbols);
const TSLanguage *tree_sitter_gongwen(void);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Room for the external tokens of grammar.js: a control word of 32 bits
 * chooses the valid ones, its two top bits the error sentinel, the last
 * token.  How many there are is read from the generated parser, so that the
 * fuzzer cannot fall out of step with the grammar. */
#define MAX_SYMBOLS 30
#define CONTROL_BYTES 64
#define MAX_TEXT 1024
/* Non-blank code points a scan may read past the end of its token: a line
 * window of 160 and three look-aheads to following lines (256 blanks and a
 * window each) for titles and signatures, with room to spare. */
#define MAX_LOOKAHEAD 2048

typedef struct {
  TSLexer lexer;
  const uint8_t *text;
  size_t length;
  size_t position;      /* byte offset of the look-ahead character */
  size_t lookahead_len; /* its size in bytes, 0 at the end */
  size_t token_end;     /* where mark_end was last called */
  bool marked;
  size_t nonblank_read_since_mark;
} fake_lexer;

/* Decodes as tree-sitter's UTF-8 lexer does for the scanner's purposes: a
 * valid sequence gives its code point, anything else -1 for one byte, and
 * a NUL byte is the character 0. */
static void decode(fake_lexer *l) {
  if (l->position >= l->length) {
    l->lexer.lookahead = 0;
    l->lookahead_len = 0;
    return;
  }
  const uint8_t *s = l->text + l->position;
  size_t left = l->length - l->position;
  uint8_t b = s[0];
  int32_t cp = -1;
  size_t need = 0;
  int32_t min = 0;
  if (b < 0x80) {
    l->lexer.lookahead = b;
    l->lookahead_len = 1;
    return;
  } else if (b >= 0xC2 && b <= 0xDF) {
    cp = b & 0x1F, need = 1, min = 0x80;
  } else if (b >= 0xE0 && b <= 0xEF) {
    cp = b & 0x0F, need = 2, min = 0x800;
  } else if (b >= 0xF0 && b <= 0xF4) {
    cp = b & 0x07, need = 3, min = 0x10000;
  }
  bool valid = need > 0 && left > need;
  for (size_t i = 1; valid && i <= need; i++) {
    if ((s[i] & 0xC0) != 0x80) valid = false;
    else cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (valid && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) valid = false;
  l->lexer.lookahead = valid ? cp : -1;
  l->lookahead_len = valid ? need + 1 : 1;
}

static bool is_blank_or_newline(int32_t c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n' ||
         c == 0xA0 || c == 0x3000 || c == 0xFEFF || c == 0x200B;
}

static void lexer_advance(TSLexer *lexer, bool skip) {
  fake_lexer *l = (fake_lexer *)lexer;
  (void)skip;
  if (l->lookahead_len == 0) return; /* at the end: tree-sitter does nothing */
  if (!is_blank_or_newline(lexer->lookahead)) l->nonblank_read_since_mark++;
  l->position += l->lookahead_len;
  decode(l);
}

static void lexer_mark_end(TSLexer *lexer) {
  fake_lexer *l = (fake_lexer *)lexer;
  l->token_end = l->position;
  l->marked = true;
  l->nonblank_read_since_mark = 0;
}

static uint32_t lexer_get_column(TSLexer *lexer) {
  fake_lexer *l = (fake_lexer *)lexer;
  size_t start = l->position;
  while (start > 0 && l->text[start - 1] != '\n') start--;
  return (uint32_t)(l->position - start);
}

static bool lexer_is_at_included_range_start(const TSLexer *lexer) {
  (void)lexer;
  return false;
}

static bool lexer_eof(const TSLexer *lexer) {
  const fake_lexer *l = (const fake_lexer *)lexer;
  return l->position >= l->length;
}

static void lexer_reset(fake_lexer *l, const uint8_t *text, size_t length, size_t position) {
  memset(l, 0, sizeof *l);
  l->lexer.advance = lexer_advance;
  l->lexer.mark_end = lexer_mark_end;
  l->lexer.get_column = lexer_get_column;
  l->lexer.is_at_included_range_start = lexer_is_at_included_range_start;
  l->lexer.eof = lexer_eof;
  l->text = text;
  l->length = length;
  l->position = position;
  decode(l);
}

typedef struct {
  bool found;
  TSSymbol symbol;
  size_t end;
  size_t nonblank_past_end;
  unsigned state_length;
  char state[TREE_SITTER_SERIALIZATION_BUFFER_SIZE];
} scan_result;

static scan_result scan_at(void *scanner, const uint8_t *text, size_t length, size_t position,
                           const bool *valid) {
  fake_lexer l;
  lexer_reset(&l, text, length, position);
  l.lexer.result_symbol = 0xFFFF;
  scan_result r;
  memset(&r, 0, sizeof r);
  r.found = tree_sitter_gongwen_external_scanner_scan(scanner, &l.lexer, valid);
  r.symbol = l.lexer.result_symbol;
  /* Without mark_end, a token ends where the scanner stopped reading. */
  r.end = l.marked ? l.token_end : l.position;
  r.nonblank_past_end = l.marked ? l.nonblank_read_since_mark : 0;
  r.state_length = tree_sitter_gongwen_external_scanner_serialize(scanner, r.state);
  return r;
}

static void fail(const char *what, size_t position) {
  fprintf(stderr, "fuzz_scanner: %s (at byte %zu)\n", what, position);
  abort();
}

/* Whether a fresh scanner given the serialized state `state` scans what
 * `expected` says. */
static bool same_from_state(const char *state, unsigned state_length, const uint8_t *text,
                            size_t length, size_t position, const bool *valid,
                            const scan_result *expected) {
  void *replay = tree_sitter_gongwen_external_scanner_create();
  if (!replay) return true;
  tree_sitter_gongwen_external_scanner_deserialize(replay, state, state_length);
  scan_result again = scan_at(replay, text, length, position, valid);
  tree_sitter_gongwen_external_scanner_destroy(replay);
  return again.found == expected->found &&
         (!again.found || (again.symbol == expected->symbol && again.end == expected->end)) &&
         again.state_length == expected->state_length &&
         memcmp(again.state, expected->state, again.state_length) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 16) return 0;
  size_t control_length = size < 2 * CONTROL_BYTES ? size / 2 : CONTROL_BYTES;
  const uint8_t *control = data + size - control_length;
  size_t length = size - control_length;
  const uint8_t *text = data;
  /* Every byte offset is a start, and a scan reads up to MAX_LOOKAHEAD on:
   * longer texts only cost time (the look-ahead bound is checked anyway). */
  if (length > MAX_TEXT) length = MAX_TEXT;
  const unsigned symbol_count = tree_sitter_gongwen()->external_token_count;
  if (symbol_count == 0 || symbol_count > MAX_SYMBOLS) {
    fprintf(stderr, "fuzz_scanner: the grammar has %u external tokens; the control word holds %d\n",
            symbol_count, MAX_SYMBOLS);
    abort();
  }
  const TSSymbol error_sentinel = (TSSymbol)(symbol_count - 1);

  void *scanner = tree_sitter_gongwen_external_scanner_create();
  if (!scanner) return 0;
  /* The first state: two control bytes, any values (deserialize clamps). */
  if (control_length >= 2) {
    tree_sitter_gongwen_external_scanner_deserialize(scanner, (const char *)control, 2);
  }

  size_t position = 0;
  size_t call = 0, max_calls = 2 * length + 64;
  size_t control_at = 2;
  int stalled = 0; /* calls in a row that did not move on */
  while (call++ < max_calls && position <= length) {
    /* Four control bytes choose the valid symbols; the sentinel is on only
     * when the fourth byte says so, as in tree-sitter's error recovery. */
    bool valid[MAX_SYMBOLS];
    uint32_t bits = 0xFFFFFFFF;
    if (control_length >= 6) {
      bits = 0;
      for (int k = 0; k < 4; k++) {
        bits |= (uint32_t)control[control_at % control_length] << (8 * k);
        control_at++;
      }
    }
    for (unsigned k = 0; k < symbol_count; k++) valid[k] = (bits >> k) & 1;
    valid[error_sentinel] = (bits >> 31) & (bits >> 30) & 1;

    char before[TREE_SITTER_SERIALIZATION_BUFFER_SIZE];
    unsigned before_length = tree_sitter_gongwen_external_scanner_serialize(scanner, before);
    if (before_length > TREE_SITTER_SERIALIZATION_BUFFER_SIZE) fail("state too large", position);

    scan_result r = scan_at(scanner, text, length, position, valid);
    if (r.state_length > TREE_SITTER_SERIALIZATION_BUFFER_SIZE) {
      fail("state too large", position);
    }
    if (r.found) {
      if (r.symbol >= error_sentinel) fail("token of no external symbol", position);
      if (!valid[r.symbol]) fail("token of a symbol that was not valid", position);
      if (r.end < position) fail("token ends before it starts", position);
      if (r.nonblank_past_end > MAX_LOOKAHEAD) fail("unbounded look-ahead", position);
    }

    /* The same scan from the serialized state gives the same result
     * (checked on every fourth call: it doubles the cost). */
    if (call % 4 == 1 &&
        !same_from_state(before, before_length, text, length, position, valid, &r)) {
      fail("scan depends on more than the serialized state", position);
    }
    /* Tree-sitter restores the state after a scan that found nothing. */
    if (!r.found) {
      tree_sitter_gongwen_external_scanner_deserialize(scanner, before, before_length);
    }

    /* Deserializing what was serialized gives the same state. */
    void *copy = tree_sitter_gongwen_external_scanner_create();
    if (!copy) break;
    tree_sitter_gongwen_external_scanner_deserialize(copy, r.state, r.state_length);
    char round[TREE_SITTER_SERIALIZATION_BUFFER_SIZE];
    unsigned round_length = tree_sitter_gongwen_external_scanner_serialize(copy, round);
    tree_sitter_gongwen_external_scanner_destroy(copy);
    if (round_length != r.state_length || memcmp(round, r.state, round_length) != 0) {
      fail("serialize/deserialize does not round-trip", position);
    }

    /* Move on as a parser would: past a token, or (no token, or a
     * zero-width one) sometimes by one byte so that every offset, also
     * inside a character, is a start. */
    if (r.found && r.end > position) {
      position = r.end;
      stalled = 0;
    } else if (++stalled > 3 || control_length == 0 ||
               (control[control_at % control_length] & 3) == 0) {
      if (position == length) break;
      position++;
      stalled = 0;
    }
    control_at++;
  }
  tree_sitter_gongwen_external_scanner_destroy(scanner);
  return 0;
}
