/*
 * Navigation: the heading at a position, next and previous heading, the
 * breadcrumb; checked on cases and against a plain scan at every byte.
 */
#include "check.h"
#include "testutil.h"

/* The innermost heading holding `byte`, by scanning every entry. */
static long naive_heading_at(const gw_document *doc, size_t byte) {
  size_t length;
  gw_document_text(doc, &length);
  long best = GW_NONE;
  for (size_t i = 0; i < gw_outline_count(doc); i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    if (e->kind != GW_ENTRY_HEADING) continue;
    bool holds = e->extent.start.byte <= byte &&
                 (byte < e->extent.end.byte || (byte == length && e->extent.end.byte == length));
    if (holds) best = (long)i; /* later holders are nested deeper */
  }
  return best;
}

static long naive_next(const gw_document *doc, size_t byte, int level) {
  gw_point p = gw_document_point_at(doc, byte);
  for (size_t i = 0; i < gw_outline_count(doc); i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    if (e->kind == GW_ENTRY_HEADING && e->marker.start.row > p.row &&
        (level == 0 || e->level == level)) {
      return (long)i;
    }
  }
  return GW_NONE;
}

static long naive_prev(const gw_document *doc, size_t byte, int level) {
  gw_point p = gw_document_point_at(doc, byte);
  long found = GW_NONE;
  for (size_t i = 0; i < gw_outline_count(doc); i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    if (e->kind == GW_ENTRY_HEADING && e->marker.start.row < p.row &&
        (level == 0 || e->level == level)) {
      found = (long)i;
    }
  }
  return found;
}

static void cross_check(const char *path) {
  gw_document *doc = open_document(path);
  CHECK(doc != NULL, "open %s", path);
  if (!doc) return;
  size_t length;
  gw_document_text(doc, &length);
  int wrong_at = 0, wrong_next = 0, wrong_prev = 0, wrong_crumb = 0;
  for (size_t b = 0; b <= length; b++) {
    long at = gw_heading_at(doc, b);
    if (at != naive_heading_at(doc, b)) wrong_at++;
    int level = at == GW_NONE ? 1 : gw_outline_entry(doc, (size_t)at)->level;
    if (gw_next_heading(doc, b, 0) != naive_next(doc, b, 0)) wrong_next++;
    if (gw_next_heading(doc, b, GW_NAV_SAME_LEVEL) != naive_next(doc, b, level)) wrong_next++;
    if (gw_prev_heading(doc, b, 0) != naive_prev(doc, b, 0)) wrong_prev++;
    if (gw_prev_heading(doc, b, GW_NAV_SAME_LEVEL) != naive_prev(doc, b, level)) wrong_prev++;
    long crumbs[8];
    size_t depth = gw_breadcrumb(doc, b, crumbs, 8);
    if (depth > 0 && crumbs[depth - 1] != at) wrong_crumb++;
    for (size_t k = 1; k < depth && k < 8; k++) {
      if (gw_outline_entry(doc, (size_t)crumbs[k])->parent != crumbs[k - 1]) wrong_crumb++;
    }
    if (depth > 0 && gw_outline_entry(doc, (size_t)crumbs[0])->parent != GW_NONE) wrong_crumb++;
    if (depth == 0 && at != GW_NONE) wrong_crumb++;
  }
  CHECK_EQ_INT(wrong_at, 0, "gw_heading_at agrees with a scan at every byte");
  CHECK_EQ_INT(wrong_next, 0, "gw_next_heading agrees with a scan at every byte");
  CHECK_EQ_INT(wrong_prev, 0, "gw_prev_heading agrees with a scan at every byte");
  CHECK_EQ_INT(wrong_crumb, 0, "breadcrumbs run from the top to the heading at every byte");
  gw_document_free(doc);
}

static size_t at(const gw_document *doc, uint32_t line, uint32_t column) {
  return gw_document_byte_at(doc, line - 1, column);
}

static void test_cases(void) {
  const char *text = "标题\n"          /* 1 */
                     "前言。\n"        /* 2 */
                     "一、情况\n"      /* 3 */
                     "（一）学习\n"    /* 4 */
                     "1.制度。正文。\n" /* 5 */
                     "\n"              /* 6 */
                     "（二）落实\n"    /* 7 */
                     "二、问题\n"      /* 8 */
                     "一是不足。\n"    /* 9 */
                     "三、措施\n"      /* 10 */
                     "结尾段落。";     /* 11 */
  gw_document *doc = parse_string(text);
  /* Entries: 0 一、 1 （一） 2 1. 3 （二） 4 二、 5 一是 6 三、 */
  CHECK_EQ_INT(gw_heading_at(doc, at(doc, 1, 0)), GW_NONE, "the title is in no section");
  CHECK_EQ_INT(gw_heading_at(doc, at(doc, 2, 3)), GW_NONE, "nor the preamble");
  CHECK_EQ_INT(gw_heading_at(doc, at(doc, 3, 0)), 0, "on 一、");
  CHECK_EQ_INT(gw_heading_at(doc, at(doc, 4, 3)), 1, "inside （一）'s marker");
  CHECK_EQ_INT(gw_heading_at(doc, at(doc, 5, 10)), 2, "in 1.'s body");
  CHECK_EQ_INT(gw_heading_at(doc, at(doc, 6, 0)), 0, "a blank line between sections belongs to 一、");
  CHECK_EQ_INT(gw_heading_at(doc, at(doc, 9, 3)), 4, "an item's line: its heading 二、, not the item");
  CHECK_EQ_INT(gw_heading_at(doc, strlen(text)), 6, "the end of the text is in the last section");
  CHECK_EQ_INT(gw_heading_at(doc, strlen(text) + 100), 6, "past the end clamps");
  CHECK_EQ_INT(gw_heading_at(NULL, 0), GW_NONE, "no document");

  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 1, 0), 0), 0, "next from the title: 一、");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 3, 2), 0), 1, "next from 一、's line: （一）");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 5, 0), 0), 3, "next from 1.: （二）");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 8, 0), 0), 6, "next skips items: 三、");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 10, 0), 0), GW_NONE, "none after the last");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 10, 0), GW_NAV_WRAP), 0, "wrap to the first");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 4, 0), GW_NAV_SAME_LEVEL), 3, "same level: （二）");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 5, 0), GW_NAV_SAME_LEVEL), GW_NONE,
               "no level-3 heading after 1.");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 5, 0), GW_NAV_SAME_LEVEL | GW_NAV_WRAP), 2,
               "wrap back to 1. itself");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 1, 0), GW_NAV_SAME_LEVEL), 0,
               "outside any section, same level means level 1");
  CHECK_EQ_INT(gw_next_heading(doc, at(doc, 3, 0), GW_NAV_SAME_LEVEL), 4, "一、 → 二、");

  CHECK_EQ_INT(gw_prev_heading(doc, at(doc, 3, 0), 0), GW_NONE, "none before 一、");
  CHECK_EQ_INT(gw_prev_heading(doc, at(doc, 3, 0), GW_NAV_WRAP), 6, "wrap to the last");
  CHECK_EQ_INT(gw_prev_heading(doc, at(doc, 7, 2), 0), 2, "prev from （二）: 1.");
  CHECK_EQ_INT(gw_prev_heading(doc, at(doc, 7, 2), GW_NAV_SAME_LEVEL), 1, "same level: （一）");
  CHECK_EQ_INT(gw_prev_heading(doc, at(doc, 11, 2), GW_NAV_SAME_LEVEL), 6,
               "from the body of 三、: 三、 itself");
  CHECK_EQ_INT(gw_prev_heading(doc, at(doc, 10, 2), GW_NAV_SAME_LEVEL), 4, "from 三、's line: 二、");

  long crumbs[4];
  size_t depth = gw_breadcrumb(doc, at(doc, 5, 8), crumbs, 4);
  CHECK(depth == 3 && crumbs[0] == 0 && crumbs[1] == 1 && crumbs[2] == 2, "breadcrumb 一、 （一） 1.");
  long one[1] = {-7};
  CHECK(gw_breadcrumb(doc, at(doc, 5, 8), one, 1) == 3 && one[0] == 0,
        "a short buffer gets the outermost and the full depth");
  CHECK_EQ_INT(gw_breadcrumb(doc, at(doc, 5, 8), NULL, 0), 3, "capacity 0 only counts");
  CHECK_EQ_INT(gw_breadcrumb(doc, 0, crumbs, 4), 0, "no breadcrumb in the title");
  gw_document_free(doc);
}

int main(void) {
  test_cases();
  cross_check("tests/fixtures/01-standard.txt");
  cross_check("tests/fixtures/05-numbering-faults.txt");
  cross_check("tests/fixtures/09-crlf-bom.txt");
  cross_check("tests/fixtures/04-pdf-copy.txt");
  return CHECK_DONE();
}
