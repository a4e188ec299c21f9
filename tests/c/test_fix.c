/*
 * Edits and fixes: gw_apply_edits, gw_fix_edits, gw_edits_free, and the
 * properties of fixes on every fixture and seed: they change nothing but
 * the characters they name, fixing twice equals fixing once, and after
 * fixing all the numbering rules report nothing they could fix.
 */
#include "check.h"
#include "test_lint_util.h"
#include "internal.h"

#include <stdlib.h>

static gw_edit edit(uint32_t start, uint32_t end, const char *text) {
  return (gw_edit){start, end, text, text ? strlen(text) : 0};
}

/* The text after `edits`, or "(status N)" when gw_apply_edits fails. */
static const char *applied(const char *text, const gw_edit *edits, size_t count) {
  static char result[1024];
  char *out = NULL;
  size_t length = 12345;
  gw_status status = gw_apply_edits(text, strlen(text), edits, count, &out, &length);
  if (status != GW_OK) {
    snprintf(result, sizeof result, "(status %d)", (int)status);
    if (out != NULL || length != 0) snprintf(result, sizeof result, "(failed but gave output)");
    return result;
  }
  if (length != strlen(out)) snprintf(result, sizeof result, "(wrong length)");
  else snprintf(result, sizeof result, "%s", out);
  free(out);
  return result;
}

static void test_apply(void) {
  const char *t = "0123456789";
  CHECK_EQ_STR(applied(t, NULL, 0), "0123456789", "no edits copy the text");
  gw_edit one[] = {edit(2, 4, "ab")};
  CHECK_EQ_STR(applied(t, one, 1), "01ab456789", "a replacement");
  gw_edit several[] = {edit(0, 0, "<"), edit(0, 1, "A"), edit(3, 3, "+"), edit(5, 7, ""),
                       edit(7, 8, "long text"), edit(10, 10, ">")};
  CHECK_EQ_STR(applied(t, several, 6), "<A12+34long text89>",
               "insertions, deletions, replacements, at both ends");
  gw_edit delete_all[] = {edit(0, 10, NULL)};
  CHECK_EQ_STR(applied(t, delete_all, 1), "", "deleting everything");

  gw_edit overlapping[] = {edit(2, 5, "x"), edit(4, 6, "y")};
  CHECK_EQ_STR(applied(t, overlapping, 2), "(status 2)", "overlapping edits are refused");
  gw_edit unsorted[] = {edit(5, 6, "x"), edit(1, 2, "y")};
  CHECK_EQ_STR(applied(t, unsorted, 2), "(status 2)", "unsorted edits are refused");
  gw_edit past_end[] = {edit(9, 11, "x")};
  CHECK_EQ_STR(applied(t, past_end, 1), "(status 2)", "an edit past the end is refused");
  gw_edit backwards[] = {edit(5, 4, "x")};
  CHECK_EQ_STR(applied(t, backwards, 1), "(status 2)", "an edit that ends before it starts");
  gw_edit two_insertions[] = {edit(3, 3, "a"), edit(3, 3, "b")};
  CHECK_EQ_STR(applied(t, two_insertions, 2), "(status 2)",
               "two insertions at one place have no order");
  gw_edit no_text[] = {{1, 2, NULL, 3}};
  CHECK_EQ_STR(applied(t, no_text, 1), "(status 2)", "a length without a text is refused");

  char *out = (char *)1;
  size_t length;
  CHECK_EQ_INT(gw_apply_edits(NULL, 0, NULL, 0, &out, &length), GW_OK, "empty text, no edits");
  CHECK(out && out[0] == '\0' && length == 0, "gives an empty string");
  free(out);
  CHECK_EQ_INT(gw_apply_edits(NULL, 5, NULL, 0, &out, &length), GW_ERROR_ARGUMENT,
               "NULL text with a length");
  CHECK_EQ_INT(gw_apply_edits("abc", 3, NULL, 1, &out, &length), GW_ERROR_ARGUMENT,
               "NULL edits with a count");
  CHECK_EQ_INT(gw_apply_edits("abc", 3, NULL, 0, NULL, &length), GW_ERROR_ARGUMENT,
               "nowhere to put the result");

  /* NUL bytes and invalid UTF-8 are text like any other. */
  const char binary[] = {'a', '\0', '\xff', 'b'};
  gw_edit middle[] = {edit(1, 3, "--")};
  CHECK_EQ_INT(gw_apply_edits(binary, 4, middle, 1, &out, &length), GW_OK, "binary text");
  CHECK(length == 4 && memcmp(out, "a--b", 4) == 0, "NUL and 0xFF replaced");
  free(out);
  gw_edits_free(NULL, 0);
}

/* ------------------------------------------------------------------------ */
/* gw_fix_edits                                                              */

static void test_merge(void) {
  /* Two rules at one marker: numbering/sequence rewrites the full-width
   * number in half-width digits, which also settles numbering/width. */
  gw_document *doc = parse_string("一、甲\n（一）乙\n1.丙。内容。\n３.丁。内容。\n");
  gw_edit *edits = NULL;
  size_t count = 0;
  CHECK_EQ_INT(gw_fix_edits(doc, NULL, NULL, &edits, &count), GW_OK, "fix all");
  CHECK(count == 1 && edits && strcmp(edits[0].text, "2") == 0,
        "one edit where sequence and width both want the number (%zu edits)", count);
  gw_edits_free(edits, count);
  char *out = fixed_text(doc, NULL, NULL);
  CHECK(out && strstr(out, "\n2.丁") != NULL, "3 in full width becomes 2");
  free(out);
  gw_document_free(doc);

  /* Every finding of a group carries the renumbering of the group; merged,
   * it is applied once. */
  doc = parse_string("一、甲\n（一）乙\n1.子。内容。\n3.丑。内容。\n3.寅。内容。\n3.卯。内容。\n");
  gw_diagnostics *d = lint_doc(doc, "numbering/sequence");
  CHECK_EQ_INT(gw_diagnostics_count(d), 3, "three findings in one group");
  gw_diagnostics_free(d);
  CHECK_EQ_INT(gw_fix_edits(doc, NULL, "numbering/*", &edits, &count), GW_OK, "fix the group");
  CHECK_EQ_INT(count, 2, "two numbers change: 3 → 2, the last 3 → 4");
  gw_edits_free(edits, count);
  out = fixed_text(doc, "numbering/sequence", NULL);
  CHECK(out && strcmp(out, "一、甲\n（一）乙\n1.子。内容。\n2.丑。内容。\n3.寅。内容。\n4.卯。内容。\n") == 0,
        "renumbered 1 2 3 4");
  free(out);
  gw_document_free(doc);

  /* Residue and punctuation never compete; fixes of other rules neither. */
  doc = parse_string("标题\n一、甲\n根据要求,我镇 2023 年开展工作(试行)。\n- 全部留言\n- 有用()\n");
  out = fixed_text(doc, NULL, &count);
  CHECK(out && strcmp(out, "标题\n一、甲\n根据要求，我镇2023年开展工作（试行）。\n") == 0,
        "punctuation, spacing and residue fixed together");
  free(out);
  gw_document_free(doc);

  /* Residue in the middle cuts a section in two; once it is gone, （三）
   * belongs to 一、 and is its second child.  The rounds of fixing are
   * composed into edits of the original text. */
  doc = parse_string("一、甲\n（一）乙\n内容。\n- 全部留言\n（三）丙\n内容。\n");
  out = fixed_text(doc, NULL, &count);
  CHECK(out && strcmp(out, "一、甲\n（一）乙\n内容。\n（二）丙\n内容。\n") == 0,
        "a fix that changes the structure is followed through (%zu edits)", count);
  gw_document *again = out ? parse_string(out) : NULL;
  size_t more = 99;
  char *twice = again ? fixed_text(again, NULL, &more) : NULL;
  CHECK(more == 0, "and leaves nothing to fix");
  free(twice);
  gw_document_free(again);
  free(out);
  gw_document_free(doc);
}

/* The characters that no fix but those of residue, pinyin and script may
 * change: Han characters other than numerals, and Latin letters. */
static size_t project(const char *text, size_t length, int32_t *out) {
  size_t n = 0;
  for (size_t pos = 0; pos < length;) {
    int32_t cp = gw__decode(text, length, &pos);
    bool han = cp >= 0x4E00 && cp <= 0x9FFF;
    bool numeral = false;
    char utf8[5] = {0};
    if (han) {
      utf8[gw__encode(cp, utf8)] = '\0';
      numeral = strstr("〇一二三四五六七八九十", utf8) != NULL;
    }
    bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if ((han && !numeral) || letter) out[n++] = cp;
  }
  return n;
}

/* Options for the fixes that keep every Han character and letter. */
static gw_options *keeping_options(void) {
  gw_options *o = gw_options_new();
  gw_options_set_severity(o, "text/residue", GW_SEVERITY_OFF);
  gw_options_set_severity(o, "text/pinyin", GW_SEVERITY_OFF);
  gw_options_set_severity(o, "text/mixed-script", GW_SEVERITY_OFF);
  return o;
}

/* What a rule that fixes numbering may still report after fixing all: the
 * findings without a fix (a skipped level, a lone 一是, levels out of order). */
static size_t fixable_left(const gw_diagnostics *d) {
  size_t n = 0;
  for (size_t i = 0; i < gw_diagnostics_count(d); i++) n += gw_diagnostics_get(d, i)->edit_count > 0;
  return n;
}

static void check_fix_properties(const char *name, const char *text, size_t length) {
  gw_document *doc = NULL;
  if (gw_document_new(text, length, &doc) != GW_OK) {
    CHECK(0, "%s parses", name);
    return;
  }
  /* The merged edits are sorted and apart. */
  gw_edit *edits = NULL;
  size_t count = 0;
  CHECK(gw_fix_edits(doc, NULL, NULL, &edits, &count) == GW_OK, "%s: fix all", name);
  bool ordered = true;
  for (size_t i = 1; i < count; i++) ordered = ordered && edits[i].start_byte >= edits[i - 1].end_byte;
  CHECK(ordered, "%s: %zu edits sorted and apart", name, count);
  gw_edits_free(edits, count);

  /* Fixing twice equals fixing once. */
  size_t once_length = 0;
  char *once = fixed_text(doc, NULL, NULL);
  gw_document *fixed = NULL;
  if (once) gw_document_new(once, once_length = strlen(once), &fixed);
  size_t again = 99;
  char *twice = fixed ? fixed_text(fixed, NULL, &again) : NULL;
  CHECK(twice && again == 0 && strcmp(twice, once) == 0, "%s: a second fix changes nothing (%zu edits)",
        name, again);
  if (twice && again) {
    gw_diagnostics *d = lint_doc(fixed, NULL);
    for (size_t i = 0, shown = 0; i < gw_diagnostics_count(d) && shown < 5; i++) {
      const gw_diagnostic *g = gw_diagnostics_get(d, i);
      if (g->edit_count) {
        printf("#   still: %s@%u %s\n", g->rule, (unsigned)g->range.start.row + 1, g->message_en);
        shown++;
      }
    }
    gw_diagnostics_free(d);
  }
  free(twice);

  /* After fixing all, the numbering rules have nothing left to fix, and
   * delimiters and widths are all right. */
  gw_diagnostics *numbering = fixed ? lint_doc(fixed, "numbering/*") : NULL;
  CHECK(numbering && fixable_left(numbering) == 0 && count_at(numbering, "numbering/delimiter", 0) == 0 &&
            count_at(numbering, "numbering/width", 0) == 0,
        "%s: after fixing, numbering reports nothing fixable (%s)", name,
        numbering ? describe(numbering) : "");
  gw_diagnostics_free(numbering);
  gw_diagnostics *items = fixed ? lint_doc(fixed, "enumeration/sequence") : NULL;
  CHECK(items && fixable_left(items) == 0, "%s: after fixing, enumerations have nothing fixable",
        name);
  gw_diagnostics_free(items);
  gw_document_free(fixed);
  free(once);

  /* Fixes other than those that remove residue, pinyin or convert script
   * change no Han character and no letter. */
  gw_options *keep = keeping_options();
  edits = NULL;
  count = 0;
  gw_fix_edits(doc, keep, NULL, &edits, &count);
  char *kept = NULL;
  size_t kept_length = 0;
  gw_apply_edits(text, length, edits, count, &kept, &kept_length);
  int32_t *before = malloc((length + 1) * sizeof *before);
  int32_t *after = malloc((kept_length + 1) * sizeof *after);
  size_t nb = project(text, length, before), na = kept ? project(kept, kept_length, after) : 0;
  CHECK(kept && nb == na && memcmp(before, after, nb * sizeof *before) == 0,
        "%s: %zu edits keep every Han character and letter (%zu, %zu)", name, count, nb, na);
  free(before);
  free(after);
  free(kept);
  gw_edits_free(edits, count);
  gw_options_free(keep);

  /* Each rule's fix alone changes only inside its findings. */
  gw_diagnostics *all = lint_doc(doc, NULL);
  bool inside = true;
  for (size_t i = 0; i < gw_diagnostics_count(all); i++) {
    const gw_diagnostic *g = gw_diagnostics_get(all, i);
    for (size_t k = 0; k < g->edit_count; k++) {
      const gw_edit *e = &g->edits[k];
      inside = inside && e->end_byte <= length && e->start_byte <= e->end_byte;
      /* A removal or replacement never spans a line it does not name. */
      if (strcmp(g->rule, "numbering/sequence") && strcmp(g->rule, "enumeration/sequence") &&
          strcmp(g->rule, "text/residue") && strcmp(g->rule, "text/broken-line")) {
        inside = inside && e->start_byte >= g->range.start.byte && e->end_byte <= g->range.end.byte + 8;
      }
    }
  }
  CHECK(inside, "%s: every edit lies where its finding is", name);
  gw_diagnostics_free(all);
  gw_document_free(doc);
}

static void test_properties(void) {
  static const char *const fixtures[] = {
      "01-standard.txt",      "02-messy-markers.txt",     "03-traditional.txt",
      "04-pdf-copy.txt",      "05-numbering-faults.txt",  "06-not-headings.txt",
      "07-problems-remedies.txt", "08-combined-section.txt", "09-crlf-bom.txt",
  };
  for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
    char path[256];
    snprintf(path, sizeof path, "tests/fixtures/%s", fixtures[i]);
    size_t length = 0;
    char *text = read_file(path, &length);
    CHECK(text != NULL, "read %s", path);
    if (text) check_fix_properties(fixtures[i], text, length);
    free(text);
  }
  for_each_seed(check_fix_properties);
}

/* Documents assembled at random from lines with every kind of fault: the
 * properties hold for them too. */
static void test_random_documents(void) {
  static const char *const lines[] = {
      "一、甲\n", "二.乙\n", "四、丙\n", "（一）子\n", "(二)丑\n", "(三）寅\n", "（五）、卯\n",
      "1.规范。内容。\n", "3、规范。内容。\n", "１．规范。内容。\n", "（1）规范。内容。\n",
      "（３）规范。\n", "①甲。\n", "③、乙。\n", "一是学习。三是落实。\n", "一是学习。\n",
      "二是落实。\n", "根据要求,我镇 2023 年开展工作(试行)。\n", "镇机\n",
      "关全体干部日常学法常态化，全部通过普法考试，进一步增强了法律素质\n",
      "（三）自觉接受监督。\n", "- 全部留言\n", "石鼓鎮(zhèn)政府\n", "认真學習。\n", "\n",
      "二〇二五年一月五日\n",
  };
  unsigned long seed = 2026;
  for (int round = 0; round < 200; round++) {
    char text[4096] = "";
    size_t n = 4 + round % 20;
    for (size_t i = 0; i < n; i++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      strcat(text, lines[(seed >> 33) % (sizeof lines / sizeof lines[0])]);
    }
    char name[32];
    snprintf(name, sizeof name, "random document %d", round);
    check_fix_properties(name, text, strlen(text));
  }
}

int main(void) {
  test_apply();
  test_merge();
  test_properties();
  test_random_documents();
  return CHECK_DONE();
}
