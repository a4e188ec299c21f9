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
    options_between_lints(fixtures[i]);
  }
  messages_follow_their_lines();
  rows_of_several_blocks();
  return CHECK_DONE();
}
