/*
 * The numbering rules: numbering/sequence, numbering/level-skip,
 * numbering/delimiter, numbering/width and enumeration/sequence.
 *
 * All of them read the outline only.  A list of siblings is read through
 * the outline's sibling links, so the cost is linear in the number of
 * entries; a run over a scope (lint.h, gw__outline_scope) reads the
 * entries of the scope only.
 */
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CP_IDEOGRAPHIC_COMMA 0x3001 /* 、 */
#define CP_FW_LPAREN 0xFF08         /* （ */
#define CP_FW_RPAREN 0xFF09         /* ） */

/* ------------------------------------------------------------------------ */
/* Writing numbers and markers                                               */

typedef enum { STYLE_CHINESE, STYLE_ITEM, STYLE_ARABIC, STYLE_CIRCLED } number_style;

static number_style style_of(const gw_entry *e) {
  if (e->kind == GW_ENTRY_ITEM) return STYLE_ITEM;
  if (e->level <= 2) return STYLE_CHINESE;
  return e->level == 5 ? STYLE_CIRCLED : STYLE_ARABIC;
}

/* `value` in decimal digits into buffer, NUL-terminated; its length, 0
 * when it does not fit. */
static size_t decimal(uint32_t value, char *buffer, size_t size) {
  char digits[10];
  size_t n = 0;
  do {
    digits[n++] = (char)('0' + value % 10);
    value /= 10;
  } while (value);
  if (n >= size) return 0;
  for (size_t i = 0; i < n; i++) buffer[i] = digits[n - 1 - i];
  buffer[n] = '\0';
  return n;
}

/* `value` in `style` into buffer (at least 32 bytes); returns its length,
 * 0 when the style cannot write it as the grammar reads a marker (so that
 * a fix never turns a marker into text): items are written with 一 … 十
 * (up to 九十九), Arabic numbers have at most four digits and are no year
 * (1900-2099), circled ones go to ㊿. */
static size_t write_number(number_style style, uint32_t value, char *buffer, size_t size) {
  buffer[0] = '\0';
  if (value == 0) return 0;
  switch (style) {
  case STYLE_CHINESE:
  case STYLE_ITEM: {
    size_t n = value <= (style == STYLE_ITEM ? 99 : 9999) ? gw__cn_numeral(value, buffer, size) : 0;
    return n < size ? n : 0;
  }
  case STYLE_ARABIC: {
    if (value > 9999 || (value >= 1900 && value <= 2099)) return 0;
    return decimal(value, buffer, size);
  }
  case STYLE_CIRCLED: {
    if (value > 50 || size < 5) return 0;
    /* ① … ⑳, ㉑ … ㉟, ㊱ … ㊿ */
    int32_t cp = value <= 20 ? 0x2460 + (int32_t)value - 1
                 : value <= 35 ? 0x3251 + (int32_t)value - 21
                               : 0x32B1 + (int32_t)value - 36;
    size_t n = gw__encode(cp, buffer);
    buffer[n] = '\0';
    return n;
  }
  }
  return 0;
}

/* The standard marker of an entry like `e` numbered `value`, with brackets
 * of `width` (GW_WIDTH_FULL unless the document uses half-width ones). */
static void standard_marker(const gw_entry *e, uint32_t value, gw_width width, char *buffer,
                            size_t size) {
  char number[32];
  if (!write_number(style_of(e), value, number, sizeof number)) {
    decimal(value, number, sizeof number);
  }
  bool half = width == GW_WIDTH_HALF;
  const char *open = "", *close = "";
  if (e->kind == GW_ENTRY_ITEM) {
    close = "是";
  } else if (e->level == 1) {
    close = "、";
  } else if (e->level == 3) {
    close = ".";
  } else if (e->level == 2 || e->level == 4) {
    open = half ? "(" : "（";
    close = half ? ")" : "）";
  }
  /* As snprintf would write them, cut to fit: a marker is short. */
  size_t length = 0;
  const char *pieces[3] = {open, number, close};
  for (int k = 0; k < 3; k++) {
    for (const char *c = pieces[k]; *c && length + 1 < size; c++) buffer[length++] = *c;
  }
  if (size) buffer[length] = '\0';
}

/* The marker as written, for messages. */
static void written(const gw_document *doc, const gw_entry *e, char *buffer, size_t size) {
  gw__lint_excerpt(doc, e->marker.start.byte, e->marker.end.byte, 12, buffer, size);
}

/* ------------------------------------------------------------------------ */
/* numbering/sequence and enumeration/sequence                               */

/* Adds to the open finding the edits that renumber members[from..to) as
 * from + 1, from + 2 … (each written in the style of its marker). */
static void renumber(gw__linter *linter, const gw_document *doc, const size_t *members,
                     size_t from, size_t to) {
  for (size_t i = from; i < to; i++) {
    const gw_entry *e = &doc->entries[members[i]];
    char number[32];
    size_t length = write_number(style_of(e), (uint32_t)(i + 1), number, sizeof number);
    if (length == 0) continue;
    uint32_t start = e->number_range.start.byte, end = e->number_range.end.byte;
    /* Rewrite what is not already the number in standard form. */
    if (e->number == i + 1 && end - start == length &&
        memcmp(doc->text + start, number, length) == 0) {
      continue;
    }
    gw__lint_edit(linter, start, end, number, length);
  }
}

/* Whether members[i] breaks the run: its number is not one more than the
 * number before it (1 for the first).  Unreadable numbers break nothing. */
static bool breaks_run(const gw_document *doc, const size_t *members, size_t i) {
  const gw_entry *e = &doc->entries[members[i]];
  const gw_entry *before = i ? &doc->entries[members[i - 1]] : NULL;
  if (e->number == 0 || (before && before->number == 0)) return false;
  return e->number != (before ? before->number + 1 : 1);
}

/* Checks that members[0..count), sibling headings of one level or the items
 * of one enumeration, run 1, 2, 3 ….  The fix renumbers the run by position;
 * each finding carries the renumbering from itself to the next finding, so
 * that together they renumber the whole run, each number once. */
static void check_run(gw__linter *linter, const gw_document *doc, gw__rule rule,
                      const size_t *members, size_t count, gw_width width) {
  size_t next = 0; /* the next member that breaks the run */
  while (next < count && !breaks_run(doc, members, next)) next++;
  while (next < count) {
    size_t i = next;
    for (next = i + 1; next < count && !breaks_run(doc, members, next);) next++;
    const gw_entry *e = &doc->entries[members[i]];
    const gw_entry *before = i ? &doc->entries[members[i - 1]] : NULL;
    uint32_t expected = before ? before->number + 1 : 1;
    if (!gw__lint_begin(linter, rule, e->marker.start.byte, e->marker.end.byte)) return;
    char mine[64], theirs[64] = "", missing[64];
    written(doc, e, mine, sizeof mine);
    if (before) written(doc, before, theirs, sizeof theirs);
    standard_marker(e, expected, width, missing, sizeof missing);
    bool item = e->kind == GW_ENTRY_ITEM;
    if (!before) {
      gw__lint_message(linter, GW_LANG_EN, "%s starts at %s; it should start at %s.",
                       item ? "The enumeration" : "The numbering of this level", mine, missing);
      gw__lint_message(linter, GW_LANG_ZH, item ? "列举应从“%s”开始，此处为“%s”。"
                                               : "本级标题应从“%s”开始编号，此处为“%s”。",
                       missing, mine);
    } else if (e->number > expected) {
      gw__lint_message(linter, GW_LANG_EN, "%s follows %s: %s is missing.", mine, theirs,
                       missing);
      gw__lint_message(linter, GW_LANG_ZH, "“%s”之前缺少“%s”，序号不连续。", mine, missing);
    } else if (e->number == before->number) {
      gw__lint_message(linter, GW_LANG_EN, "%s repeats the number of the %s before it.", mine,
                       item ? "item" : "heading");
      gw__lint_message(linter, GW_LANG_ZH, "“%s”与上一%s重号。", mine,
                       item ? "项" : "个同级标题");
    } else {
      gw__lint_message(linter, GW_LANG_EN, "%s follows %s: the numbers go back.", mine,
                       theirs);
      gw__lint_message(linter, GW_LANG_ZH, "“%s”排在“%s”之后，序号倒退。", mine, theirs);
    }
    renumber(linter, doc, members, i, next);
  }
}

static const char *const level_names_zh[] = {"", "一级", "二级", "三级", "四级", "五级"};

/* A heading of a higher level after a sibling of a lower one: `（一）` after
 * `（1）` under the same `五、`. */
static void check_level_order(gw__linter *linter, const gw_document *doc, const size_t *children,
                              size_t count) {
  const gw_entry *deeper = NULL;
  for (size_t i = 0; i < count; i++) {
    const gw_entry *e = &doc->entries[children[i]];
    if (e->kind != GW_ENTRY_HEADING) continue;
    if (deeper && e->level < deeper->level &&
        gw__lint_begin(linter, GW__RULE_NUMBERING_SEQUENCE, e->marker.start.byte,
                       e->marker.end.byte)) {
      char mine[64], theirs[64];
      written(doc, e, mine, sizeof mine);
      written(doc, deeper, theirs, sizeof theirs);
      gw__lint_message(linter, GW_LANG_EN,
                       "%s (level %d) follows %s (level %d) under the same heading: a higher "
                       "level comes after a lower one.",
                       mine, e->level, theirs, deeper->level);
      gw__lint_message(linter, GW_LANG_ZH,
                       "“%s”（%s标题）排在同一上级标题下的“%s”（%s标题）之后，层级顺序颠倒。",
                       mine, level_names_zh[e->level], theirs, level_names_zh[deeper->level]);
    }
    deeper = e;
  }
}

/* The first of a run of siblings that sits more than one level below its
 * parent (the whole run is one fault). */
static void check_level_skip(gw__linter *linter, const gw_document *doc, const gw_entry *parent,
                             const gw_entry *first, int top_level) {
  int expected = parent ? parent->level + 1 : top_level;
  if (first->level <= expected) return;
  if (!gw__lint_begin(linter, GW__RULE_NUMBERING_LEVEL_SKIP, first->marker.start.byte,
                      first->marker.end.byte)) {
    return;
  }
  char mine[64], theirs[64];
  written(doc, first, mine, sizeof mine);
  if (parent) {
    written(doc, parent, theirs, sizeof theirs);
    char skipped_en[64], skipped_zh[64];
    if (first->level == expected + 1) {
      snprintf(skipped_en, sizeof skipped_en, "level %d is", expected);
      snprintf(skipped_zh, sizeof skipped_zh, "%s", level_names_zh[expected]);
    } else {
      snprintf(skipped_en, sizeof skipped_en, "levels %d to %d are", expected, first->level - 1);
      snprintf(skipped_zh, sizeof skipped_zh, "%s至%s", level_names_zh[expected],
               level_names_zh[first->level - 1]);
    }
    gw__lint_message(linter, GW_LANG_EN,
                     "%s (level %d) stands directly under %s (level %d): %s skipped.", mine,
                     first->level, theirs, parent->level, skipped_en);
    gw__lint_message(linter, GW_LANG_ZH, "“%s”（%s标题）直接位于“%s”（%s标题）之下，越过了%s标题。",
                     mine, level_names_zh[first->level], theirs, level_names_zh[parent->level],
                     skipped_zh);
  } else {
    gw__lint_message(linter, GW_LANG_EN,
                     "%s (level %d) is a top-level heading, but the document's top level is %d.",
                     mine, first->level, expected);
    gw__lint_message(linter, GW_LANG_ZH, "“%s”（%s标题）不属于任何上级标题，而全文最高为%s标题。",
                     mine, level_names_zh[first->level], level_names_zh[expected]);
  }
}

/* The headings of one list of siblings, the children of `parent` (NULL:
 * the entries without a parent), by level: each level's members run
 * 1, 2, 3 … on their own.  `levels` has room for `count`. */
static void check_heading_list(gw__linter *linter, const gw_document *doc, const gw_entry *parent,
                               const size_t *children, size_t count, gw_width width,
                               int top_level, size_t *levels) {
  check_level_order(linter, doc, children, count);
  /* The members of each level in order: counted, then placed. */
  size_t start[7] = {0};
  for (size_t i = 0; i < count; i++) {
    const gw_entry *e = &doc->entries[children[i]];
    if (e->kind == GW_ENTRY_HEADING && e->level >= 1 && e->level <= 5) start[e->level + 1]++;
  }
  for (int level = 1; level <= 5; level++) start[level + 1] += start[level];
  size_t fill[6];
  memcpy(fill, start, sizeof fill);
  for (size_t i = 0; i < count; i++) {
    const gw_entry *e = &doc->entries[children[i]];
    if (e->kind == GW_ENTRY_HEADING && e->level >= 1 && e->level <= 5) {
      levels[fill[e->level]++] = children[i];
    }
  }
  for (int level = 1; level <= 5; level++) {
    const size_t *members = levels + start[level];
    size_t member_count = start[level + 1] - start[level];
    if (member_count == 0) continue;
    check_level_skip(linter, doc, parent, &doc->entries[members[0]], top_level);
    check_run(linter, doc, GW__RULE_NUMBERING_SEQUENCE, members, member_count, width);
  }
}

/* One enumeration list is done: a lone 一是, or the run checks. */
static void finish_list(gw__linter *linter, const gw_document *doc, const size_t *members,
                        size_t count) {
  if (count == 0) return;
  const gw_entry *first = &doc->entries[members[0]];
  if (count == 1 && first->number == 1) {
    if (gw__lint_begin(linter, GW__RULE_ENUMERATION_SEQUENCE, first->marker.start.byte,
                       first->marker.end.byte)) {
      gw__lint_message(linter, GW_LANG_EN,
                       "一是 is not followed by 二是: a single point needs no number.");
      gw__lint_message(linter, GW_LANG_ZH, "有“一是”而无“二是”：只有一项时不必编号。");
    }
    return;
  }
  check_run(linter, doc, GW__RULE_ENUMERATION_SEQUENCE, members, count, GW_WIDTH_FULL);
}

/* Items: the items of one heading (or those without a parent), in order,
 * form lists; a list starts at each 一是.  A 一是 in the paragraph of an
 * unfinished list restarts it, which is a fault; in a new paragraph it
 * starts the next list (problems, then remedies, in one section).
 * `members` has room for `count`. */
static void check_item_list(gw__linter *linter, const gw_document *doc, const size_t *children,
                            size_t count, size_t *members) {
  size_t member_count = 0;
  for (size_t i = 0; i < count; i++) {
    const gw_entry *e = &doc->entries[children[i]];
    if (e->kind != GW_ENTRY_ITEM) continue;
    if (e->number == 1 && member_count > 0) {
      const gw_entry *last = &doc->entries[members[member_count - 1]];
      if (last->marker.start.row == e->marker.start.row &&
          gw__lint_begin(linter, GW__RULE_ENUMERATION_SEQUENCE, e->marker.start.byte,
                         e->marker.end.byte)) {
        char theirs[64];
        written(doc, last, theirs, sizeof theirs);
        gw__lint_message(linter, GW_LANG_EN,
                         "一是 starts the enumeration again in the same paragraph, after %s.",
                         theirs);
        gw__lint_message(linter, GW_LANG_ZH, "同一段中“%s”之后又从“一是”重新编号。", theirs);
      }
      finish_list(linter, doc, members, member_count);
      member_count = 0;
    }
    members[member_count++] = children[i];
  }
  finish_list(linter, doc, members, member_count);
}

/* ------------------------------------------------------------------------ */
/* numbering/delimiter and numbering/width                                   */

static void count_entries(gw__outline_totals *totals, const gw_entry *entries, size_t first,
                          size_t end, bool add) {
  for (size_t i = first; i < end; i++) {
    const gw_entry *e = &entries[i];
    if (e->kind != GW_ENTRY_HEADING) continue;
    size_t half = (e->open_width == GW_WIDTH_HALF) + (e->close_width == GW_WIDTH_HALF);
    size_t full = (e->open_width == GW_WIDTH_FULL) + (e->close_width == GW_WIDTH_FULL);
    size_t level = e->level >= 1 && e->level <= 5 ? (size_t)e->level : 0;
    if (add) {
      totals->half_brackets += half;
      totals->full_brackets += full;
      totals->headings_of_level[level]++;
    } else {
      totals->half_brackets -= half;
      totals->full_brackets -= full;
      totals->headings_of_level[level]--;
    }
  }
}

void gw__outline_totals_add(gw__outline_totals *totals, const gw_entry *entries, size_t first,
                            size_t end) {
  count_entries(totals, entries, first, end, true);
}

void gw__outline_totals_remove(gw__outline_totals *totals, const gw_entry *entries, size_t first,
                               size_t end) {
  count_entries(totals, entries, first, end, false);
}

/* Full-width when there are as many of each, as GB/T 9704 writes them. */
gw_width gw__outline_width(const gw__outline_totals *totals) {
  return totals->half_brackets > totals->full_brackets ? GW_WIDTH_HALF : GW_WIDTH_FULL;
}

int gw__outline_top_level(const gw__outline_totals *totals) {
  for (int level = 1; level < 5; level++) {
    if (totals->headings_of_level[level]) return level;
  }
  return 5;
}

static const char *bracket(gw_width width, bool open) {
  if (width == GW_WIDTH_HALF) return open ? "(" : ")";
  return open ? "（" : "）";
}

/* Where a marker's pieces are: its opening bracket, its closing bracket and
 * its delimiter, as [start, end) byte ranges (empty when absent). */
typedef struct {
  uint32_t open_start, open_end;
  uint32_t close_start, close_end;
  uint32_t delimiter_start, delimiter_end;
} marker_parts;

static bool is_bracket(int32_t cp) {
  return cp == '(' || cp == ')' || cp == CP_FW_LPAREN || cp == CP_FW_RPAREN;
}

static bool locate_parts(const gw_document *doc, const gw_entry *e, marker_parts *parts) {
  uint32_t start = e->marker.start.byte, end = e->marker.end.byte;
  uint32_t number_end = e->number_range.end.byte;
  if (number_end < start || number_end > end) return false;
  memset(parts, 0, sizeof *parts);
  parts->open_start = parts->open_end = start;
  parts->close_start = parts->close_end = number_end;
  parts->delimiter_start = parts->delimiter_end = end;
  size_t pos = start;
  if (e->open_width != GW_WIDTH_NONE) {
    if (!is_bracket(gw__decode(doc->text, end, &pos))) return false;
    parts->open_end = (uint32_t)pos;
  }
  pos = number_end;
  if (e->close_width != GW_WIDTH_NONE) {
    if (pos >= end || !is_bracket(gw__decode(doc->text, end, &pos))) return false;
    parts->close_end = (uint32_t)pos;
  }
  if (e->delimiter) {
    parts->delimiter_start = (uint32_t)pos;
    if (pos >= end || gw__decode(doc->text, end, &pos) != (int32_t)e->delimiter) return false;
    parts->delimiter_end = (uint32_t)pos;
  }
  return true;
}

static void check_delimiter(gw__linter *linter, const gw_document *doc, const gw_entry *e,
                            const marker_parts *parts, gw_width width) {
  uint32_t start = e->marker.start.byte, end = e->marker.end.byte;
  bool bracketed = e->level == 2 || e->level == 4;
  bool missing_open = bracketed && e->open_width == GW_WIDTH_NONE &&
                      e->close_width != GW_WIDTH_NONE;
  uint32_t d = e->delimiter;
  const char *wanted = NULL; /* the delimiter the level takes; "" for none */
  switch (e->level) {
  case 1: wanted = d == CP_IDEOGRAPHIC_COMMA ? NULL : "、"; break;
  case 3: wanted = d == '.' ? NULL : "."; break;
  default: wanted = d ? "" : NULL; break;
  }
  uint32_t title = e->title.start.byte;
  bool space_after = title > end && e->title.end.byte > title &&
                     e->title.start.row == e->marker.end.row;
  if (!missing_open && !(wanted && d) && !space_after) return;

  char mine[64], standard[64];
  written(doc, e, mine, sizeof mine);
  standard_marker(e, e->number, width, standard, sizeof standard);
  if (missing_open && gw__lint_begin(linter, GW__RULE_NUMBERING_DELIMITER, start, end)) {
    gw__lint_message(linter, GW_LANG_EN, "%s lacks its opening bracket: %s.", mine, standard);
    gw__lint_message(linter, GW_LANG_ZH, "序号“%s”缺少前括号，应为“%s”。", mine, standard);
    const char *open = bracket(width, true);
    gw__lint_edit(linter, start, start, open, strlen(open));
  }

  if (wanted && d && gw__lint_begin(linter, GW__RULE_NUMBERING_DELIMITER, start, end)) {
    if (e->level == 1) {
      gw__lint_message(linter, GW_LANG_EN, "%s: a Chinese numeral takes 、 after it: %s.", mine,
                       standard);
      gw__lint_message(linter, GW_LANG_ZH, "汉字序号后用顿号，应为“%s”，此处为“%s”。", standard,
                       mine);
    } else if (e->level == 3) {
      gw__lint_message(linter, GW_LANG_EN, "%s: an Arabic number takes a full stop after it: %s.",
                       mine, standard);
      gw__lint_message(linter, GW_LANG_ZH, "阿拉伯数字序号后用下脚点，应为“%s”，此处为“%s”。",
                       standard, mine);
    } else {
      gw__lint_message(linter, GW_LANG_EN, "%s: nothing follows a %s number: %s.", mine,
                       bracketed ? "bracketed" : "circled", standard);
      gw__lint_message(linter, GW_LANG_ZH, "%s序号后不加标点，应为“%s”，此处为“%s”。",
                       bracketed ? "括号" : "圈码", standard, mine);
    }
    gw__lint_edit(linter, parts->delimiter_start, parts->delimiter_end, wanted, strlen(wanted));
  }

  /* Nothing between the marker and the title: `(一) 加强` → `(一)加强`. */
  if (space_after && gw__lint_begin(linter, GW__RULE_NUMBERING_DELIMITER, end, title)) {
    gw__lint_message(linter, GW_LANG_EN, "No space after the marker %s.", mine);
    gw__lint_message(linter, GW_LANG_ZH, "序号“%s”后不应有空格。", mine);
    gw__lint_edit(linter, end, title, "", 0);
  }
}

static void check_width(gw__linter *linter, const gw_document *doc, const gw_entry *e,
                        const marker_parts *parts, gw_width width) {
  uint32_t start = e->marker.start.byte, end = e->marker.end.byte;
  bool open_off = e->open_width != GW_WIDTH_NONE && e->open_width != width;
  bool close_off = e->close_width != GW_WIDTH_NONE && e->close_width != width;
  if (!open_off && !close_off && !e->fullwidth_digits) return;
  char mine[64];
  written(doc, e, mine, sizeof mine);
  if ((open_off || close_off) && gw__lint_begin(linter, GW__RULE_NUMBERING_WIDTH, start, end)) {
    bool mixed = e->open_width != GW_WIDTH_NONE && e->close_width != GW_WIDTH_NONE &&
                 e->open_width != e->close_width;
    if (mixed) {
      gw__lint_message(linter, GW_LANG_EN, "%s mixes half-width and full-width brackets.", mine);
      gw__lint_message(linter, GW_LANG_ZH, "序号“%s”中半角与全角括号混用。", mine);
    } else {
      gw__lint_message(linter, GW_LANG_EN,
                       "%s has %s brackets; the other markers of the document have %s ones.",
                       mine, width == GW_WIDTH_FULL ? "half-width" : "full-width",
                       width == GW_WIDTH_FULL ? "full-width" : "half-width");
      gw__lint_message(linter, GW_LANG_ZH, "序号“%s”用%s括号，与全文其他序号的%s括号不一致。",
                       mine, width == GW_WIDTH_FULL ? "半角" : "全角",
                       width == GW_WIDTH_FULL ? "全角" : "半角");
    }
    const char *open = bracket(width, true), *close = bracket(width, false);
    if (open_off) gw__lint_edit(linter, parts->open_start, parts->open_end, open, strlen(open));
    if (close_off) {
      gw__lint_edit(linter, parts->close_start, parts->close_end, close, strlen(close));
    }
  }
  if (e->fullwidth_digits && gw__lint_begin(linter, GW__RULE_NUMBERING_WIDTH, start, end)) {
    gw__lint_message(linter, GW_LANG_EN, "%s has full-width digits; marker digits are half-width.",
                     mine);
    gw__lint_message(linter, GW_LANG_ZH, "序号“%s”中的数字应为半角。", mine);
    char digits[64];
    size_t length = 0;
    uint32_t ns = e->number_range.start.byte, ne = e->number_range.end.byte;
    for (size_t pos = ns; pos < ne && length + 4 < sizeof digits;) {
      int32_t cp = gw__decode(doc->text, ne, &pos);
      if (cp >= 0xFF10 && cp <= 0xFF19) cp = '0' + (cp - 0xFF10);
      length += gw__encode(cp < 0 ? 0xFFFD : cp, digits + length);
    }
    gw__lint_edit(linter, ns, ne, digits, length);
  }
}

static void check_markers(gw__linter *linter, const gw_document *doc, size_t first, size_t end,
                          gw_width width) {
  for (size_t i = first; i < end; i++) {
    const gw_entry *e = &doc->entries[i];
    if (e->kind != GW_ENTRY_HEADING) continue;
    marker_parts parts;
    if (!locate_parts(doc, e, &parts)) continue;
    if (gw__lint_enabled(linter, GW__RULE_NUMBERING_DELIMITER)) {
      check_delimiter(linter, doc, e, &parts, width);
    }
    if (gw__lint_enabled(linter, GW__RULE_NUMBERING_WIDTH)) {
      check_width(linter, doc, e, &parts, width);
    }
  }
}

/* ------------------------------------------------------------------------ */
/* The scope of a run                                                        */

static bool about_one_entry(gw__rule rule) {
  return rule == GW__RULE_NUMBERING_DELIMITER || rule == GW__RULE_NUMBERING_WIDTH ||
         rule == GW__RULE_HEADING_PUNCTUATION || rule == GW__RULE_STRUCTURE_EMPTY_SECTION;
}

static bool about_a_list(gw__rule rule) {
  return rule == GW__RULE_NUMBERING_SEQUENCE || rule == GW__RULE_NUMBERING_LEVEL_SKIP ||
         rule == GW__RULE_ENUMERATION_SEQUENCE || rule == GW__RULE_STRUCTURE_DUPLICATE_TITLE;
}

void gw__outline_scope_bytes(const gw_entry *entries, size_t count, size_t first, size_t end,
                             uint32_t *start, uint32_t *stop) {
  *start = *stop = 0;
  if (first >= end || end > count) return;
  *start = entries[first].marker.start.byte;
  *stop = end < count ? entries[end].marker.start.byte : UINT32_MAX;
}

/* A finding of a rule about one entry starts on its entry's line, from its
 * marker on, and one about a list at its anchor's marker or title: within
 * the scope's bytes exactly when its entry is in the scope, since entries
 * are in the order of their markers and a scope's entries are whole
 * sections. */
bool gw__outline_in_scope(gw__rule rule, uint32_t start, const gw_entry *entries, size_t count,
                          size_t first, size_t end) {
  bool list = about_a_list(rule);
  if (!list && !about_one_entry(rule)) return false;
  uint32_t from, to;
  gw__outline_scope_bytes(entries, count, first, end, &from, &to);
  if (start < from || start >= to) return false;
  if (!list) return true;
  /* The anchor: the last entry whose marker starts at or before the
   * finding. */
  size_t low = first + 1, high = end;
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    if (entries[middle].marker.start.byte <= start) low = middle + 1;
    else high = middle;
  }
  return entries[low - 1].parent != GW_NONE;
}

/* ------------------------------------------------------------------------ */

/* The children of `parent` (GW_NONE: the entries without a parent, whose
 * first is the first entry) into `out`, in order; returns how many. */
static size_t children_of(const gw_document *doc, long parent, size_t *out) {
  long child = parent != GW_NONE ? doc->entries[parent].first_child
               : doc->entry_count ? 0
                                  : GW_NONE;
  size_t count = 0;
  for (; child != GW_NONE; child = doc->entries[child].next_sibling) out[count++] = (size_t)child;
  return count;
}

/* The checks of one list of siblings, the children of `parent`. */
static void check_list(gw__linter *linter, const gw_document *doc, long parent, gw_width width,
                       int top_level, size_t *children, size_t *scratch) {
  size_t count = children_of(doc, parent, children);
  if (count == 0) return;
  if (gw__lint_enabled(linter, GW__RULE_NUMBERING_SEQUENCE) ||
      gw__lint_enabled(linter, GW__RULE_NUMBERING_LEVEL_SKIP)) {
    check_heading_list(linter, doc, parent == GW_NONE ? NULL : &doc->entries[parent], children,
                       count, width, top_level, scratch);
  }
  if (gw__lint_enabled(linter, GW__RULE_ENUMERATION_SEQUENCE)) {
    check_item_list(linter, doc, children, count, scratch);
  }
}

void gw__check_numbering(gw__linter *linter) {
  const gw_document *doc = gw__lint_document(linter);
  const gw__outline_scope *scope = gw__lint_outline_scope(linter);
  size_t n = doc->entry_count;
  size_t first = scope ? scope->first : 0, end = scope ? scope->end : n;
  bool markers = gw__lint_enabled(linter, GW__RULE_NUMBERING_DELIMITER) ||
                 gw__lint_enabled(linter, GW__RULE_NUMBERING_WIDTH);
  bool lists = gw__lint_enabled(linter, GW__RULE_NUMBERING_SEQUENCE) ||
               gw__lint_enabled(linter, GW__RULE_NUMBERING_LEVEL_SKIP) ||
               gw__lint_enabled(linter, GW__RULE_ENUMERATION_SEQUENCE);
  if (end > n || first > end || (!markers && !lists)) return;
  gw__outline_totals totals = {0};
  if (!scope) gw__outline_totals_add(&totals, doc->entries, 0, n);
  gw_width width = scope ? scope->width : gw__outline_width(&totals);
  if (markers) check_markers(linter, doc, first, end, width);
  if (!lists) return;
  /* Every list within a scope of whole sections has its members there. */
  size_t room = end - first ? end - first : 1;
  size_t *children = malloc(2 * room * sizeof *children);
  if (!children) {
    gw__lint_fail(linter);
    return;
  }
  int top_level = gw__outline_top_level(&totals);
  if (!scope) check_list(linter, doc, GW_NONE, width, top_level, children, children + room);
  for (size_t i = first; i < end; i++) {
    if (doc->entries[i].first_child != GW_NONE) {
      check_list(linter, doc, (long)i, width, top_level, children, children + room);
    }
  }
  free(children);
}
