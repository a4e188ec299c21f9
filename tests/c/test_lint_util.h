/*
 * Helpers of the lint and fix tests: linting with some rules only, finding
 * diagnostics by rule and line, fixing a text.
 */
#ifndef GONGWEN_TEST_LINT_UTIL_H
#define GONGWEN_TEST_LINT_UTIL_H

#include "testutil.h"

/* Options with only `rule` (a name or group) on, at its default severity;
 * every rule when `rule` is NULL. */
static inline gw_options *options_for(const char *rule) {
  gw_options *o = gw_options_new();
  if (o && rule) {
    gw_options_set_severity(o, "*", GW_SEVERITY_OFF);
    for (size_t i = 0; i < gw_rule_count(); i++) {
      const char *name = gw_rule_name(i);
      size_t n = strlen(rule);
      bool group = n > 0 && rule[n - 1] == '*';
      if (group ? strncmp(name, rule, n - 1) == 0 : strcmp(name, rule) == 0) {
        gw_options_set_severity(o, name, gw_rule_default_severity(i));
      }
    }
  }
  return o;
}

/* The diagnostics of `rule` (NULL: all rules at their defaults). */
static inline gw_diagnostics *lint_doc(const gw_document *doc, const char *rule) {
  gw_options *o = options_for(rule);
  gw_diagnostics *d = NULL;
  if (gw_lint(doc, o, &d) != GW_OK) d = NULL;
  gw_options_free(o);
  return d;
}

/* How many diagnostics of `rule` (NULL: any) start on 1-based `line` (0:
 * any line). */
static inline size_t count_at(const gw_diagnostics *d, const char *rule, uint32_t line) {
  size_t n = 0;
  for (size_t i = 0; i < gw_diagnostics_count(d); i++) {
    const gw_diagnostic *g = gw_diagnostics_get(d, i);
    if (rule && strcmp(g->rule, rule) != 0) continue;
    if (line && g->range.start.row + 1 != line) continue;
    n++;
  }
  return n;
}

/* "rule@line rule@line …" of the diagnostics, for messages.  Static. */
static inline const char *describe(const gw_diagnostics *d) {
  static char text[2048];
  size_t n = 0;
  text[0] = '\0';
  for (size_t i = 0; i < gw_diagnostics_count(d) && n + 64 < sizeof text; i++) {
    const gw_diagnostic *g = gw_diagnostics_get(d, i);
    n += (size_t)snprintf(text + n, sizeof text - n, "%s%s@%u", i ? " " : "", g->rule,
                          (unsigned)g->range.start.row + 1);
  }
  return text;
}

/* The text of `doc` after the fixes of `rule` (NULL: all rules enabled by
 * default); *edits (if not NULL) receives how many edits there were.
 * The caller frees the result; NULL on failure. */
static inline char *fixed_text(const gw_document *doc, const char *rule, size_t *edits) {
  gw_edit *list = NULL;
  size_t count = 0;
  if (edits) *edits = 0;
  if (gw_fix_edits(doc, NULL, rule, &list, &count) != GW_OK) return NULL;
  size_t length;
  const char *text = gw_document_text(doc, &length);
  char *out = NULL;
  size_t out_length;
  gw_status status = gw_apply_edits(text, length, list, count, &out, &out_length);
  gw_edits_free(list, count);
  if (edits) *edits = count;
  return status == GW_OK ? out : NULL;
}

/* The same for a string. */
static inline char *fix_string(const char *text, const char *rule) {
  gw_document *doc = parse_string(text);
  if (!doc) return NULL;
  char *out = fixed_text(doc, rule, NULL);
  gw_document_free(doc);
  return out;
}

/* The five seeds. */
static const char *const seed_names[] = {
    "000_73f1662c96303f06.txt", "001_97c7dc6967099372.txt", "002_ad3103f3cbc14973.txt",
    "003_39a5e75fde224abe.txt", "004_c3b9c402b1e66bfa.txt",
};

/* Calls `visit` with the name and text of each seed; false when GW_SEEDS
 * names no folder of seeds (seeds_dir says so).  Include check.h first. */
static inline bool for_each_seed(void (*visit)(const char *name, const char *text, size_t length)) {
  const char *dir = seeds_dir();
  if (!dir) return false;
  for (size_t i = 0; i < sizeof seed_names / sizeof seed_names[0]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, seed_names[i]);
    size_t length = 0;
    char *text = read_file(path, &length);
    CHECK(text != NULL, "read %s", path);
    if (text) visit(seed_names[i], text, length);
    free(text);
  }
  return true;
}

#endif
