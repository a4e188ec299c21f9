/*
 * The outline rules over a scope (lint.h, gw__outline_scope): a run over
 * whole top-level sections reports exactly the findings of a run over the
 * whole outline that gw__outline_in_scope accepts, field by field, on the
 * fixtures, the seeds, and the texts that random edits make of them.  An
 * incremental lint keeps the other findings; this is what makes that
 * equal to a fresh lint.
 */
#include "../../fuzz/edits.h"
#include "check.h"
#include "lint.h"
#include "robust.h"
#include "testutil.h"

/* The rules that a scope is about: the outline rules but pairing/unmatched
 * and date/format. */
static void scope_rules(gw_severity severity[GW__RULE_COUNT]) {
  for (int r = 0; r < GW__RULE_COUNT; r++) {
    bool outline = r <= GW__RULE_STRUCTURE_DUPLICATE_TITLE;
    severity[r] = outline ? gw__rule_severity(NULL, (gw__rule)r) : GW_SEVERITY_OFF;
  }
}

static bool same_finding(const gw__finding_set *a, size_t i, const gw__finding_set *b, size_t j) {
  const gw__finding *x = &a->findings[i], *y = &b->findings[j];
  if (x->rule != y->rule || x->start != y->start || x->end != y->end ||
      memcmp(&x->range, &y->range, sizeof x->range) != 0 || x->edit_count != y->edit_count ||
      strcmp(x->message[0], y->message[0]) != 0 || strcmp(x->message[1], y->message[1]) != 0) {
    return false;
  }
  for (size_t k = 0; k < x->edit_count; k++) {
    const gw_edit *p = &a->edits[x->first_edit + k], *q = &b->edits[y->first_edit + k];
    if (p->start_byte != q->start_byte || p->end_byte != q->end_byte ||
        p->text_length != q->text_length || memcmp(p->text, q->text, p->text_length) != 0) {
      return false;
    }
  }
  return true;
}

typedef struct {
  size_t scopes, compared, left_to_the_top_level;
} tally;

/* Runs over entries [first, end) and compares with `full`; NULL or why not. */
static const char *check_scope(const gw_document *doc, const gw_severity severity[GW__RULE_COUNT],
                               const gw__finding_set *full, size_t first, size_t end, tally *t) {
  static char why[256];
  gw__outline_totals totals = {0};
  gw__outline_totals_add(&totals, doc->entries, 0, doc->entry_count);
  gw__outline_scope scope = {first, end, gw__outline_width(&totals)};
  gw__lint_setup setup = {NULL, 0, 0, 0, NULL, GW__MINORITY_NONE, false, &scope};
  gw__finding_set part = {0};
  gw__pool *pool = NULL;
  if (gw__lint_run(doc, severity, &setup, &part, &pool) != GW_OK) return "the scoped run failed";
  const char *result = NULL;
  size_t j = 0;
  for (size_t i = 0; i < full->count && !result; i++) {
    const gw__finding *f = &full->findings[i];
    bool in = gw__outline_in_scope(f->rule, f->start, doc->entries, doc->entry_count, first, end);
    uint32_t from, to;
    gw__outline_scope_bytes(doc->entries, doc->entry_count, first, end, &from, &to);
    t->left_to_the_top_level += !in && f->start >= from && f->start < to;
    if (!in) continue;
    if (j >= part.count || !same_finding(full, i, &part, j)) {
      snprintf(why, sizeof why, "entries [%zu, %zu): %s at byte %u is not the scoped run's", first,
               end, gw_rule_name(f->rule), (unsigned)f->start);
      result = why;
    }
    j++;
    t->compared++;
  }
  if (!result && j != part.count) {
    snprintf(why, sizeof why, "entries [%zu, %zu): the scoped run has %zu findings more (%s)",
             first, end, part.count - j, gw_rule_name(part.findings[j].rule));
    result = why;
  }
  t->scopes++;
  gw__finding_set_free(&part);
  gw__pool_release(pool);
  return result;
}

/* Every top-level section as a scope, and every run of three. */
static const char *check_document(const gw_document *doc, tally *t) {
  gw_severity severity[GW__RULE_COUNT];
  scope_rules(severity);
  gw__finding_set full = {0};
  gw__pool *pool = NULL;
  if (gw__lint_run(doc, severity, NULL, &full, &pool) != GW_OK) return "the full run failed";
  const char *why = NULL;
  size_t n = doc->entry_count;
  for (size_t first = 0; first < n && !why; first++) {
    if (doc->entries[first].parent != GW_NONE) continue;
    size_t end = first + 1, sections = 0;
    for (; end <= n && !why; end++) {
      if (end < n && doc->entries[end].parent != GW_NONE) continue;
      why = check_scope(doc, severity, &full, first, end, t);
      if (++sections == 3) break;
    }
  }
  gw__finding_set_free(&full);
  gw__pool_release(pool);
  return why;
}

static void check_file(const char *path, unsigned long long seed, tally *t) {
  size_t length = 0;
  char *text = read_file(path, &length);
  CHECK(text != NULL, "read %s", path);
  if (!text) return;
  uint64_t state = seed;
  gw_choices choices = {robust_random, &state};
  gw_edit_session session;
  const char *why = gw_session_start(&session, text, length);
  if (!why) why = check_document(session.doc, t);
  /* Edits make texts the files do not have: markers broken and doubled,
   * sections joined and split. */
  for (size_t step = 0; step < 60 && !why; step++) {
    why = gw_session_step(&session, &choices, text, length);
    if (!why && step % 6 == 5) why = check_document(session.doc, t);
  }
  CHECK(why == NULL, "%s (seed %llu): runs over top-level sections report what a full run "
        "reports there%s%s", path, seed, why ? ": " : "", why ? why : "");
  gw_session_end(&session);
  free(text);
}

static void check_directory(const char *dir, unsigned long long seed, tally *t) {
  char *names[256];
  size_t count = robust_list_texts(dir, names, 256);
  CHECK(count > 0, "texts in %s (%zu)", dir, count);
  for (size_t i = 0; i < count; i++) {
    check_file(names[i], seed + i, t);
    free(names[i]);
  }
}

/* The findings of a run over entries [first, end) of `doc`, by rule, into
 * counts (the scope's width full). */
static void count_in_scope(const gw_document *doc, size_t first, size_t end,
                           size_t counts[GW__RULE_COUNT], size_t *at_second_marker) {
  gw_severity severity[GW__RULE_COUNT];
  scope_rules(severity);
  gw__outline_scope scope = {first, end, GW_WIDTH_FULL};
  gw__lint_setup setup = {NULL, 0, 0, 0, NULL, GW__MINORITY_NONE, false, &scope};
  gw__finding_set part = {0};
  gw__pool *pool = NULL;
  memset(counts, 0, GW__RULE_COUNT * sizeof *counts);
  *at_second_marker = 0;
  CHECK(gw__lint_run(doc, severity, &setup, &part, &pool) == GW_OK, "the run over [%zu, %zu)",
        first, end);
  for (size_t i = 0; i < part.count; i++) {
    counts[part.findings[i].rule]++;
    *at_second_marker += part.findings[i].start == doc->entries[1].marker.start.byte;
  }
  gw__finding_set_free(&part);
  gw__pool_release(pool);
}

/* Scopes of the second section, then of the second and third: their lists
 * and entries are checked, the list of the sections (一、 三、 四、) is not,
 * though 三、 does not follow 一、 and 四、 repeats the title of 三、. */
static void what_a_scope_holds(void) {
  const char *report = "关于工作情况的报告\n"
                       "一、总体情况\n"
                       "今年以来扎实推进各项工作。\n"
                       "三、主要做法。\n"
                       "（一）加强学习\n"
                       "内容。\n"
                       "（三）完善制度\n"
                       "内容。\n"
                       "四、主要做法\n"
                       "内容。\n";
  gw_document *doc = parse_string(report);
  CHECK(doc != NULL && doc->entry_count == 5, "the report parses into 5 entries");
  if (!doc || doc->entry_count != 5) {
    gw_document_free(doc);
    return;
  }
  size_t counts[GW__RULE_COUNT], at_second;
  count_in_scope(doc, 1, 4, counts, &at_second);
  CHECK(counts[GW__RULE_HEADING_PUNCTUATION] == 1, "the 。 after 三、主要做法 is reported");
  CHECK(counts[GW__RULE_NUMBERING_SEQUENCE] == 1 && at_second == 0,
        "（三） after （一） is reported, 三、 after 一、 is not");
  count_in_scope(doc, 1, 5, counts, &at_second);
  CHECK(counts[GW__RULE_HEADING_PUNCTUATION] == 1 && counts[GW__RULE_NUMBERING_SEQUENCE] == 1 &&
            counts[GW__RULE_STRUCTURE_DUPLICATE_TITLE] == 0,
        "with 四、 in the scope too, its title repeating that of 三、 is not reported");
  gw_document_free(doc);
}

int main(void) {
  what_a_scope_holds();
  tally t = {0};
  check_directory("tests/fixtures", 500, &t);
  const char *seeds = seeds_dir();
  if (seeds) check_directory(seeds, 600, &t);
  CHECK(t.compared > 1000 && t.left_to_the_top_level > 10,
        "%zu scopes compared %zu findings, left %zu to the list of top-level entries", t.scopes,
        t.compared, t.left_to_the_top_level);
  return CHECK_DONE();
}
