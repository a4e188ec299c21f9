/*
 * libFuzzer target: the library on arbitrary bytes.  The input is parsed
 * as it is (any bytes are text: invalid UTF-8, NUL) and, converted by
 * gw_to_utf8 with its encoding detection, once more; each document must
 * satisfy every invariant of fuzz/invariants.h: positions, a tree without
 * ERROR nodes, a consistent outline with working navigation, pairs, and
 * diagnostics (fixes are fuzz_fix's).  The bytes are read as a .gongwenrc
 * too.
 */
#include "invariants.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *text, size_t length, const char *what) {
  gw_document *doc = NULL;
  gw_status status = gw_document_new(text, length, &doc);
  if (status != GW_OK || !doc) {
    fprintf(stderr, "fuzz_document: %s: gw_document_new failed: %s\n", what,
            gw_strerror(status, GW_LANG_EN));
    abort();
  }
  const char *why = gw_check_document(doc, 512);
  gw_diagnostics *diagnostics = NULL;
  if (!why && gw_lint(doc, NULL, &diagnostics) != GW_OK) why = "gw_lint failed";
  if (!why) why = gw_check_diagnostics(doc, diagnostics, NULL);
  gw_diagnostics_free(diagnostics);
  if (why) {
    fprintf(stderr, "fuzz_document: %s: %s\n", what, why);
    abort();
  }
  /* Edits out of range are refused and change nothing. */
  if (gw_document_edit(doc, length + 1, length + 1, "x", 1) != GW_ERROR_ARGUMENT ||
      gw_document_edit(doc, 1, 0, "x", 1) != GW_ERROR_ARGUMENT ||
      gw_document_edit(doc, 0, 0, NULL, 1) != GW_ERROR_ARGUMENT) {
    fprintf(stderr, "fuzz_document: %s: an edit out of range was not refused\n", what);
    abort();
  }
  size_t now = 0;
  gw_document_text(doc, &now);
  if (now != length) {
    fprintf(stderr, "fuzz_document: %s: a refused edit changed the text\n", what);
    abort();
  }
  gw_document_free(doc);
}

/* The bytes as a .gongwenrc: accepted, or refused naming a line of them,
 * the options unchanged. */
static void check_config(const char *text, size_t length) {
  gw_options *options = gw_options_new();
  if (!options) return;
  /* Its lines end at \n, \r\n or a lone \r. */
  size_t lines = 1;
  for (size_t i = 0; i < length; i++) {
    lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == length || text[i + 1] != '\n'));
  }
  size_t error_line = 0;
  gw_status status = gw_options_parse(options, text, length, &error_line);
  if (status != GW_OK) {
    bool unchanged = true;
    for (size_t r = 0; r < gw_rule_count(); r++) {
      const char *name = gw_rule_name(r);
      unchanged = unchanged && gw_options_severity(options, name) == gw_rule_default_severity(r);
    }
    if ((status != GW_ERROR_ARGUMENT && status != GW_ERROR_UNKNOWN_RULE) || error_line < 1 ||
        error_line > lines || !unchanged) {
      fprintf(stderr, "fuzz_document: gw_options_parse: status %d, line %zu of %zu%s\n",
              (int)status, error_line, lines, unchanged ? "" : ", options changed");
      abort();
    }
  }
  for (size_t r = 0; r < gw_rule_count(); r++) {
    gw_severity severity = gw_options_severity(options, gw_rule_name(r));
    if ((unsigned)severity > GW_SEVERITY_HINT) {
      fprintf(stderr, "fuzz_document: gw_options_parse set severity %d\n", (int)severity);
      abort();
    }
  }
  gw_options_free(options);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 16) return 0;
  check((const char *)data, size, "as given");
  check_config((const char *)data, size);

  /* Detected, and as two named encodings: U+FFFD for what they cannot read. */
  static const char *const encodings[] = {NULL, "GB18030", "UTF-16LE"};
  for (size_t k = 0; k < sizeof encodings / sizeof encodings[0]; k++) {
    char *utf8 = NULL;
    size_t utf8_length = 0;
    const char *detected = NULL;
    gw_status status =
        gw_to_utf8((const char *)data, size, encodings[k], &utf8, &utf8_length, &detected);
    if (status == GW_OK) {
      if (!utf8 || utf8[utf8_length] != '\0' || !detected) {
        fprintf(stderr, "fuzz_document: gw_to_utf8 gave no text or no encoding\n");
        abort();
      }
      if (!gw_invariant_valid_utf8(utf8, utf8_length)) {
        fprintf(stderr, "fuzz_document: gw_to_utf8 (%s) gave invalid UTF-8\n", detected);
        abort();
      }
      check(utf8, utf8_length, detected);
    } else if (utf8) {
      fprintf(stderr, "fuzz_document: gw_to_utf8 failed but gave text\n");
      abort();
    } else if (encodings[k]) {
      fprintf(stderr, "fuzz_document: gw_to_utf8 failed for a named encoding: %s\n",
              gw_strerror(status, GW_LANG_EN));
      abort();
    }
    gw_string_free(utf8);
  }
  return 0;
}
