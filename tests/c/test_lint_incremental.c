/*
 * The incremental lint (src/lint_cache.c): after edits, gw_lint on the
 * edited document gives what it gives on a fresh parse of the same text,
 * field by field; diagnostics handed out stay valid while the document and
 * its cache change; messages that name a line follow the line.  The random
 * edit sequences of test_robust_edits.c (fuzz/edits.h) compare the same way
 * after every few steps, with options that change now and then.
 */
#include "../../fuzz/edits.h"
#include "check.h"
#include "lint.h"
#include "robust.h"
#include "testutil.h"

/* Lints `doc` and a fresh parse of its text with `options`; the same? */
static const char *same_as_fresh(const gw_document *doc, const gw_options *options) {
  size_t length;
  const char *text = gw_document_text(doc, &length);
  gw_document *fresh = NULL;
  if (gw_document_new(text, length, &fresh) != GW_OK) return "fresh parse failed";
  const char *why = gw_check_same_lint(doc, fresh, options);
  gw_document_free(fresh);
  return why;
}

/* A copy of every message of `d`, joined, to compare later. */
static char *messages_of(const gw_diagnostics *d) {
  size_t size = 1;
  for (size_t i = 0; i < gw_diagnostics_count(d); i++) {
    const gw_diagnostic *x = gw_diagnostics_get(d, i);
    size += strlen(x->message_en) + strlen(x->message_zh) + 2;
    for (size_t k = 0; k < x->edit_count; k++) size += x->edits[k].text_length + 1;
  }
  char *all = malloc(size), *p = all;
  if (!all) return NULL;
  for (size_t i = 0; i < gw_diagnostics_count(d); i++) {
    const gw_diagnostic *x = gw_diagnostics_get(d, i);
    p += sprintf(p, "%s\n%s\n", x->message_en, x->message_zh);
    for (size_t k = 0; k < x->edit_count; k++) {
      memcpy(p, x->edits[k].text, x->edits[k].text_length);
      p += x->edits[k].text_length;
      *p++ = '\n';
    }
  }
  *p = '\0';
  return all;
}

/* Typing a character into each paragraph line of a fixture in turn, and
 * taking it out again, linting after each. */
static void type_into_lines(const char *path) {
  size_t length = 0;
  char *text = read_file(path, &length);
  CHECK(text != NULL, "read %s", path);
  if (!text) return;
  gw_document *doc = NULL;
  CHECK(gw_document_new(text, length, &doc) == GW_OK, "parse %s", path);
  gw_diagnostics *first = NULL;
  CHECK(gw_lint(doc, NULL, &first) == GW_OK, "lint %s", path);
  char *before = messages_of(first);
  const char *why = NULL;
  size_t steps = 0;
  for (size_t at = 0; at < length && !why; at++) {
    if (at > 0 && text[at - 1] != '\n') continue;
    /* After the line's first character (the text is restored each time). */
    size_t into = at + 1;
    while (into < length && (text[into] & 0xC0) == 0x80) into++;
    if (into > length) break;
    if (gw_document_edit(doc, into, into, "的", 3) != GW_OK) why = "edit failed";
    if (!why) why = same_as_fresh(doc, NULL);
    if (!why && gw_document_edit(doc, into, into + 3, "", 0) != GW_OK) why = "undo failed";
    if (!why) why = same_as_fresh(doc, NULL);
    steps++;
  }
  CHECK(why == NULL, "%s: typing into each of %zu lines and back lints as a fresh parse%s%s",
        path, steps, why ? ": " : "", why ? why : "");
  /* The first diagnostics outlived all of that unchanged. */
  char *after = messages_of(first);
  CHECK(before && after && strcmp(before, after) == 0,
        "%s: diagnostics from before the edits are unchanged", path);
  free(before);
  free(after);
  gw_diagnostics_free(first);
  gw_document_free(doc);
  free(text);
}

/* An edit of a marker or title: bytes [start, end) become `text`. */
typedef struct {
  size_t start, end;
  char text[1024];
} entry_edit;

/* The edits tried on entry `e` of `doc`: another number, another level,
 * another delimiter, a character typed into the title, the title of the
 * sibling before it; *count receives how many. */
static void edits_of(const gw_document *doc, const gw_entry *e, entry_edit out[5], size_t *count) {
  size_t length;
  const char *text = gw_document_text(doc, &length);
  *count = 0;
  uint32_t ns = e->number_range.start.byte, ne = e->number_range.end.byte;
  bool nine = ne - ns == 3 && memcmp(text + ns, "九", 3) == 0;
  static const char *const numbers[] = {"", "九", "九", "9", "9", "⑨"};
  const char *number = e->kind == GW_ENTRY_ITEM ? "九" : numbers[e->level];
  if (ne > ns) {
    entry_edit x = {ns, ne, ""};
    snprintf(x.text, sizeof x.text, "%s", nine ? "八" : number);
    out[(*count)++] = x;
  }
  static const char *const other_level[] = {"", "（一）", "一、", "（1）", "1.", "（1）"};
  if (e->kind == GW_ENTRY_HEADING) {
    entry_edit x = {e->marker.start.byte, e->marker.end.byte, ""};
    snprintf(x.text, sizeof x.text, "%s", other_level[e->level]);
    out[(*count)++] = x;
    /* The delimiter: 、 for ． or the other way, or one added. */
    uint32_t me = e->marker.end.byte;
    bool comma = me >= 3 && memcmp(text + me - 3, "、", 3) == 0;
    entry_edit d = {comma ? me - 3 : me, me, ""};
    snprintf(d.text, sizeof d.text, "%s", comma ? "．" : "、");
    out[(*count)++] = d;
  }
  uint32_t ts = e->title.start.byte, te = e->title.end.byte;
  if (te > ts) {
    size_t into = ts;
    gw__decode(text, length, &into);
    entry_edit x = {into, into, "的"};
    out[(*count)++] = x;
  }
  if (e->prev_sibling != GW_NONE && te > ts) {
    const gw_entry *before = gw_outline_entry(doc, (size_t)e->prev_sibling);
    uint32_t bs = before->title.start.byte, be = before->title.end.byte;
    if (be > bs && be - bs < sizeof out[0].text) {
      entry_edit x = {ts, te, ""};
      memcpy(x.text, text + bs, be - bs);
      x.text[be - bs] = '\0';
      out[(*count)++] = x;
    }
  }
}

/* Replaces [start, end) of doc by `text`, keeping what was there in *undo
 * (which `text` may be). */
static const char *apply(gw_document *doc, size_t start, size_t end, const char *text,
                         entry_edit *undo) {
  const char *now = gw_document_text(doc, NULL);
  entry_edit inverse = {start, start + strlen(text), ""};
  if (end - start >= sizeof inverse.text) return "an edit too long to undo";
  memcpy(inverse.text, now + start, end - start);
  inverse.text[end - start] = '\0';
  if (gw_document_edit(doc, start, end, text, strlen(text)) != GW_OK) return "edit failed";
  *undo = inverse;
  return NULL;
}

/* Edits the markers and titles of every entry of a fixture, each edit
 * linted and undone; every third entry's edits are made two at a time
 * before a lint.  A heading's number, level or delimiter changes its own
 * findings and those of its list, a title may repeat a sibling's. */
static void edit_markers_and_titles(const char *path) {
  size_t length = 0;
  char *text = read_file(path, &length);
  gw_document *doc = NULL;
  if (!text || gw_document_new(text, length, &doc) != GW_OK) {
    CHECK(false, "read and parse %s", path);
    free(text);
    return;
  }
  gw_diagnostics *first = NULL;
  gw_lint(doc, NULL, &first);
  gw_diagnostics_free(first);
  const char *why = NULL;
  size_t tried = 0;
  for (size_t i = 0; i < gw_outline_count(doc) && !why; i++) {
    entry_edit edits[5];
    size_t count;
    edits_of(doc, gw_outline_entry(doc, i), edits, &count);
    bool paired = i % 3 == 0;
    for (size_t k = 0; k < count && !why; k++) {
      entry_edit undo, second_undo = {0, 0, ""};
      why = apply(doc, edits[k].start, edits[k].end, edits[k].text, &undo);
      /* A second edit before the lint, after the first: in the entry's
       * title when it has one, which the first did not move. */
      bool second = !why && paired && k + 1 < count && edits[k + 1].start >= undo.end &&
                    edits[k].end <= edits[k + 1].start;
      if (second) {
        size_t moved = undo.end - edits[k].end;
        why = apply(doc, edits[k + 1].start + moved, edits[k + 1].end + moved,
                    edits[k + 1].text, &second_undo);
      }
      if (!why) why = same_as_fresh(doc, NULL);
      if (!why && second) {
        why = apply(doc, second_undo.start, second_undo.end, second_undo.text, &second_undo);
      }
      if (!why) why = apply(doc, undo.start, undo.end, undo.text, &undo);
      if (!why) why = same_as_fresh(doc, NULL);
      if (!why && strcmp(gw_document_text(doc, NULL), text) != 0) why = "undo failed";
      tried++;
      if (why) {
        static char at[600];
        snprintf(at, sizeof at, "entry %zu, edit [%zu, %zu) -> \"%s\": %s", i, edits[k].start,
                 edits[k].end, edits[k].text, why);
        why = at;
      }
    }
  }
  CHECK(why == NULL && tried > 0,
        "%s: %zu edits of markers and titles (numbers, levels, delimiters, titles) and their "
        "undoing lint as a fresh parse%s%s", path, tried, why ? ": " : "", why ? why : "");
  gw_document_free(doc);
  free(text);
}

/* A line break at the top moves every line: the messages that name one
 * (structure/duplicate-title, text/broken-line) follow. */
static void messages_follow_their_lines(void) {
  const char *report =
      "关于2025年工作情况的报告\n"
      "一、总体情况\n"
      "今年以来我们认真贯彻落实各项决策部署，扎实推进各项工作取得了\n"
      "明显成效。\n"
      "二、总体情况\n"
      "全年完成各项任务。\n"
      "三、下一步打算\n"
      "继续努力。\n";
  gw_document *doc = NULL;
  CHECK(gw_document_new(report, strlen(report), &doc) == GW_OK, "parse the report");
  gw_diagnostics *d = NULL;
  CHECK(gw_lint(doc, NULL, &d) == GW_OK, "lint the report");
  size_t named = 0;
  for (size_t i = 0; i < gw_diagnostics_count(d); i++) {
    const char *rule = gw_diagnostics_get(d, i)->rule;
    named += strcmp(rule, "structure/duplicate-title") == 0 ||
             strcmp(rule, "text/broken-line") == 0;
  }
  CHECK(named == 2, "a duplicate title and a broken line (%zu findings that name a line)", named);
  gw_diagnostics_free(d);
  const char *why = NULL;
  for (int k = 0; k < 3 && !why; k++) {
    if (gw_document_edit(doc, 0, 0, "\n", 1) != GW_OK) why = "edit failed";
    if (!why) why = same_as_fresh(doc, NULL);
  }
  CHECK(why == NULL, "after line breaks at the top, the same as a fresh parse%s%s",
        why ? ": " : "", why ? why : "");
  /* And a line break before the duplicate only, after the original. */
  size_t length;
  const char *text = gw_document_text(doc, &length);
  const char *second = strstr(text, "二、");
  if (!why && second) {
    size_t at = (size_t)(second - text);
    if (gw_document_edit(doc, at, at, "\n\n", 2) != GW_OK) why = "edit failed";
    if (!why) why = same_as_fresh(doc, NULL);
  }
  CHECK(why == NULL && second, "after line breaks between the two titles, likewise%s%s",
        why ? ": " : "", why ? why : "");
  gw_document_free(doc);
}

/* A lone \r ends a block but not a row, and text/residue removes the rows
 * of web residue whole, from the start of the row: typing at the start of a
 * row changes the findings of the blocks after the \r.  The random edits of
 * test_robust_edits.c found it with this seed; replayed here. */
static void rows_of_several_blocks(void) {
  size_t length = 0;
  char *text = read_file("tests/fixtures/09-crlf-bom.txt", &length);
  CHECK(text != NULL, "read the CRLF fixture");
  if (!text) return;
  uint64_t state = 31;
  gw_choices choices = {robust_random, &state};
  gw_edit_session session;
  const char *why = gw_session_start(&session, text, length);
  for (size_t step = 0; step < 300 && !why; step++) {
    why = gw_session_step(&session, &choices, text, length);
  }
  CHECK(why == NULL, "the edits of seed 31 on the CRLF fixture lint as a fresh parse%s%s",
        why ? ": " : "", why ? why : "");
  gw_session_end(&session);
  free(text);
}

/* The same document linted with other options in between. */
static void options_between_lints(const char *path) {
  size_t length = 0;
  char *text = read_file(path, &length);
  if (!text) return;
  gw_document *doc = NULL;
  gw_document_new(text, length, &doc);
  const char *why = doc ? NULL : "parse failed";
  size_t at = length / 2;
  for (uint32_t kind = 0; kind < 2 * GW_SESSION_OPTION_KINDS && !why; kind++) {
    gw_options *options = gw_session_options(kind % GW_SESSION_OPTION_KINDS);
    while (at > 0 && (text[at] & 0xC0) == 0x80) at--;
    if (gw_document_edit(doc, at, at, "，", 3) != GW_OK) why = "edit failed";
    if (!why) why = same_as_fresh(doc, options);
    if (!why) why = same_as_fresh(doc, options); /* twice: nothing changed */
    gw_options_free(options);
    at = (at * 7 + 13) % (length + 1);
  }
  CHECK(why == NULL, "%s: edits linted with changing options, as a fresh parse%s%s", path,
        why ? ": " : "", why ? why : "");
  gw_document_free(doc);
  free(text);
}

/* The fixtures one after another, `times` times: a report with findings
 * for many runs (gw__finding_run), most of which an edit leaves alone. */
static char *long_report(int times, size_t *length) {
  static const char *const parts[] = {
      "tests/fixtures/01-standard.txt",       "tests/fixtures/02-messy-markers.txt",
      "tests/fixtures/03-traditional.txt",    "tests/fixtures/04-pdf-copy.txt",
      "tests/fixtures/05-numbering-faults.txt", "tests/fixtures/06-not-headings.txt",
      "tests/fixtures/07-problems-remedies.txt", "tests/fixtures/08-combined-section.txt",
  };
  char *all = NULL;
  *length = 0;
  for (int t = 0; t < times; t++) {
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
      size_t part_length = 0;
      char *part = read_file(parts[i], &part_length);
      char *bigger = part ? realloc(all, *length + part_length + 1) : NULL;
      if (!bigger) {
        free(part);
        free(all);
        return NULL;
      }
      all = bigger;
      memcpy(all + *length, part, part_length);
      *length += part_length;
      all[*length] = '\0';
      free(part);
    }
  }
  return all;
}

/* Several random edits between lints of a long report, each lint the same
 * as a fresh parse's; some diagnostics are kept, not read, while the
 * document is edited further and freed, and only then compared with those
 * of the fresh parse of their time. */
static void edits_between_lints(uint64_t seed) {
  size_t length = 0;
  char *text = long_report(3, &length);
  CHECK(text != NULL, "read the fixtures");
  if (!text) return;
  enum { KEPT = 6 };
  gw_diagnostics *kept[KEPT], *kept_fresh[KEPT];
  size_t kept_count = 0, findings = 0;
  uint64_t state = seed;
  gw_choices choices = {robust_random, &state};
  gw_edit_session session;
  const char *why = gw_session_start(&session, text, length);
  gw_diagnostics *first = NULL;
  if (!why && gw_lint(session.doc, NULL, &first) != GW_OK) why = "lint failed";
  findings = gw_diagnostics_count(first);
  gw_diagnostics_free(first);
  size_t nfragments = sizeof gw_edit_fragments / sizeof gw_edit_fragments[0];
  for (int round = 0; round < 30 && !why; round++) {
    for (uint32_t e = gw_choose(&choices, 4); e < 4 && !why; e++) {
      size_t start = gw_choose_offset(&session, &choices), end = start;
      const char *put = gw_edit_fragments[gw_choose(&choices, (uint32_t)nfragments)];
      size_t put_length = strlen(put);
      if (gw_choose(&choices, 3) == 0) {
        end = start + gw_choose(&choices, 12);
        if (end > session.model_length) end = session.model_length;
        if (gw_choose(&choices, 2)) put_length = 0;
      }
      why = gw_session_edit(&session, start, end, put, put_length, 0);
    }
    gw_diagnostics *incremental = NULL, *fresh = NULL;
    gw_document *fresh_doc = NULL;
    if (!why && (gw_lint(session.doc, NULL, &incremental) != GW_OK ||
                 gw_document_new(session.model, session.model_length, &fresh_doc) != GW_OK ||
                 gw_lint(fresh_doc, NULL, &fresh) != GW_OK)) {
      why = "lint failed";
    }
    gw_document_free(fresh_doc);
    if (!why && round % 5 == 4 && kept_count < KEPT) {
      kept[kept_count] = incremental;
      kept_fresh[kept_count++] = fresh;
      continue;
    }
    if (!why) why = gw_check_same_diagnostics(incremental, fresh);
    gw_diagnostics_free(incremental);
    gw_diagnostics_free(fresh);
  }
  CHECK(findings > 4 * GW__RUN_SIZE, "the long report has findings for many runs (%zu)",
        findings);
  CHECK(why == NULL, "seed %llu: rounds of several edits lint as a fresh parse%s%s",
        (unsigned long long)seed, why ? ": " : "", why ? why : "");
  gw_session_end(&session);
  why = NULL;
  for (size_t i = 0; i < kept_count; i++) {
    if (!why) why = gw_check_same_diagnostics(kept[i], kept_fresh[i]);
    gw_diagnostics_free(kept[i]);
    gw_diagnostics_free(kept_fresh[i]);
  }
  CHECK(why == NULL && kept_count == KEPT,
        "seed %llu: %zu diagnostics first read after their document was edited and freed are "
        "those of a fresh parse%s%s",
        (unsigned long long)seed, kept_count, why ? ": " : "", why ? why : "");
  free(text);
}

/* A line of `doc`, from byte `from` on, that holds no heading or item
 * marker and is long enough to type into: a paragraph's. */
static size_t paragraph_line(const gw_document *doc, size_t from) {
  size_t length;
  const char *text = gw_document_text(doc, &length);
  for (const char *s = memchr(text + from, '\n', length - from); s;
       s = memchr(s + 1, '\n', (size_t)(text + length - s - 1))) {
    size_t start = (size_t)(s - text) + 1;
    const char *nl = memchr(text + start, '\n', length - start);
    size_t end = nl ? (size_t)(nl - text) : length;
    bool marked = end - start < 60;
    for (size_t i = 0; i < gw_outline_count(doc) && !marked; i++) {
      uint32_t m = gw_outline_entry(doc, i)->marker.start.byte;
      marked = m >= start && m < end;
    }
    if (!marked) return start;
  }
  return length;
}

/* A line break typed into a paragraph early in a long report moves the
 * findings after it by a row, the titles repeated later on and the rows
 * that their messages name alike: runs of findings move as a whole. */
static void line_break_early_on(void) {
  size_t length = 0;
  char *text = long_report(3, &length);
  CHECK(text != NULL, "read the fixtures");
  if (!text) return;
  gw_document *doc = NULL;
  const char *why = gw_document_new(text, length, &doc) == GW_OK ? NULL : "parse failed";
  gw_diagnostics *before = NULL;
  if (!why && gw_lint(doc, NULL, &before) != GW_OK) why = "lint failed";
  size_t duplicates = 0;
  for (size_t i = 0; i < gw_diagnostics_count(before); i++) {
    duplicates += strcmp(gw_diagnostics_get(before, i)->rule, "structure/duplicate-title") == 0;
  }
  gw_diagnostics_free(before);
  size_t at = why ? length : paragraph_line(doc, length / 8) + 9;
  for (int k = 0; k < 2 && !why && at < length; k++) {
    if (gw_document_edit(doc, at, at, "\n", 1) != GW_OK) why = "edit failed";
    if (!why) why = same_as_fresh(doc, NULL);
  }
  CHECK(duplicates > 10, "titles repeated later name the line of the first (%zu)", duplicates);
  CHECK(why == NULL && at < length, "after line breaks in a paragraph, the same as a fresh parse%s%s",
        why ? ": " : "", why ? why : "");
  gw_document_free(doc);
  free(text);
}

/* Typing into a heading's title, linting after each character: every so
 * many edits the outline is read afresh (its memo of titles outgrown),
 * without tree-sitter's changed ranges, and the next lint checks
 * everything.  (The half-width commas are findings after the title.) */
static void typing_a_title(void) {
  static const char *const numbers[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
  char report[1024] = "关于工作情况的报告\n";
  for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
    size_t used = strlen(report);
    snprintf(report + used, sizeof report - used, "%s、第%s项工作\n推进顺利,成效明显。\n",
             numbers[i], numbers[i]);
  }
  gw_document *doc = NULL;
  const char *why = gw_document_new(report, strlen(report), &doc) == GW_OK ? NULL : "parse";
  size_t at = (size_t)(strstr(report, "第三项工作") - report) + strlen("第三项");
  int typed = 0;
  for (; typed < 160 && !why; typed++) {
    char character[4] = {(char)0xE4, (char)(0xB8 + typed % 4), (char)(0x80 + typed % 60), 0};
    if (gw_document_edit(doc, at, at, character, 3) != GW_OK) why = "edit failed";
    at += 3;
    if (!why) why = same_as_fresh(doc, NULL);
  }
  CHECK(why == NULL, "typing %d characters into a title, linting after each, as a fresh parse%s%s",
        typed, why ? ": " : "", why ? why : "");
  gw_document_free(doc);
}

int main(void) {
  static const char *const fixtures[] = {
      "tests/fixtures/01-standard.txt",       "tests/fixtures/02-messy-markers.txt",
      "tests/fixtures/03-traditional.txt",    "tests/fixtures/04-pdf-copy.txt",
      "tests/fixtures/05-numbering-faults.txt", "tests/fixtures/06-not-headings.txt",
      "tests/fixtures/07-problems-remedies.txt", "tests/fixtures/08-combined-section.txt",
      "tests/fixtures/09-crlf-bom.txt",
  };
  for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
    type_into_lines(fixtures[i]);
    edit_markers_and_titles(fixtures[i]);
    options_between_lints(fixtures[i]);
  }
  messages_follow_their_lines();
  rows_of_several_blocks();
  line_break_early_on();
  typing_a_title();
  for (uint64_t seed = 1; seed <= 4; seed++) edits_between_lints(seed);
  return CHECK_DONE();
}
