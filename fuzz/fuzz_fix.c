/*
 * libFuzzer target: lint and fixes on arbitrary bytes.  The diagnostics
 * must satisfy gw_check_diagnostics, and every fix gw_check_fix: edits in
 * order, inside the text and on character boundaries, every byte outside
 * them kept, fixing again gives nothing, and the fixed rule has nothing
 * left to fix.  Fixes are tried for every rule together, for one rule and
 * one group that the last bytes choose, and under options with severities
 * the last bytes choose.
 */
#include "invariants.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void require(const char *why, const char *what) {
  if (why) {
    fprintf(stderr, "fuzz_fix: %s: %s\n", what, why);
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 13) return 0;
  gw_document *doc = NULL;
  if (gw_document_new((const char *)data, size, &doc) != GW_OK) abort();
  uint8_t last = size ? data[size - 1] : 0, before = size > 1 ? data[size - 2] : 0;

  gw_diagnostics *diagnostics = NULL;
  require(gw_lint(doc, NULL, &diagnostics) == GW_OK ? NULL : "gw_lint failed", "lint");
  require(gw_check_diagnostics(doc, diagnostics, NULL), "lint");
  gw_diagnostics_free(diagnostics);

  require(gw_check_fix(doc, NULL, NULL, NULL), "every rule");
  const char *rule = gw_rule_name(last % gw_rule_count());
  require(gw_check_fix(doc, NULL, rule, NULL), rule);
  static const char *const groups[] = {"numbering/*", "enumeration/*", "heading/*",
                                       "structure/*", "text/*", "*"};
  const char *group = groups[before % (sizeof groups / sizeof groups[0])];
  require(gw_check_fix(doc, NULL, group, NULL), group);

  /* Severities from the bytes before: off for some rules, others raised. */
  gw_options *options = gw_options_new();
  if (!options) abort();
  for (size_t i = 0; i < gw_rule_count(); i++) {
    uint8_t b = size > 2 + i ? data[size - 3 - i] : (uint8_t)i;
    gw_options_set_severity(options, gw_rule_name(i), (gw_severity)(b % 5));
  }
  require(gw_lint(doc, options, &diagnostics) == GW_OK ? NULL : "gw_lint failed", "options");
  require(gw_check_diagnostics(doc, diagnostics, options), "lint with options");
  gw_diagnostics_free(diagnostics);
  require(gw_check_fix(doc, options, NULL, NULL), "options");
  gw_options_free(options);
  gw_document_free(doc);
  return 0;
}
