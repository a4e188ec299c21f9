/*
 * The rules about headings and sections as a whole: heading/punctuation,
 * structure/empty-section, structure/duplicate-title, pairing/unmatched and
 * date/format.
 */
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CP_IDEOGRAPHIC_STOP 0x3002 /* 。 */
#define CP_FW_COMMA 0xFF0C         /* ， */
#define CP_FW_COLON 0xFF1A         /* ： */
#define CP_FW_SEMICOLON 0xFF1B     /* ； */
#define CP_NIAN 0x5E74             /* 年 */
#define CP_YUE 0x6708              /* 月 */
#define CP_RI 0x65E5               /* 日 */

static bool is_blank(int32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x00A0;
}

/* Where the marker and title of entry `e` end. */
static uint32_t title_end(const gw_entry *e) {
  return e->title.end.byte > e->marker.end.byte ? e->title.end.byte : e->marker.end.byte;
}

/* The heading line of entry `e`, for messages: its marker and title. */
static void heading_text(const gw_document *doc, const gw_entry *e, char *buffer, size_t size) {
  gw__lint_excerpt(doc, e->marker.start.byte, title_end(e), 24, buffer, size);
}

/* ------------------------------------------------------------------------ */
/* heading/punctuation                                                       */

/* Whether a heading of `level` on a line of its own may not end with `cp`:
 * levels 1 and 2 are titles; levels 3 and 4 may be full sentences that end
 * with 。, and level 5 items are often clauses of a list (`①…；`). */
static bool ends_heading_badly(int32_t cp, int level) {
  bool sentence_end = cp == CP_IDEOGRAPHIC_STOP || cp == '.';
  bool clause_end = cp == CP_FW_COMMA || cp == ',' || cp == CP_FW_SEMICOLON || cp == ';';
  return (level <= 2 && (sentence_end || clause_end)) || (level <= 4 && clause_end);
}

static void check_heading_punctuation(gw__linter *linter, const gw_document *doc, size_t first,
                                      size_t end) {
  for (size_t i = first; i < end; i++) {
    const gw_entry *e = &doc->entries[i];
    if (e->kind != GW_ENTRY_HEADING || e->title.end.byte <= e->title.start.byte) continue;
    /* What ends the title: the `。` or `：` after it, else its last character. */
    uint32_t after_title = e->title.end.byte;
    size_t pos = after_title;
    int32_t after = 0;
    while (pos < doc->length) {
      size_t at = pos;
      int32_t cp = gw__decode(doc->text, doc->length, &pos);
      if (!is_blank(cp)) {
        after = cp;
        pos = at;
        break;
      }
    }
    bool run_in = e->body.end.byte > e->body.start.byte;
    char line[128]; /* the heading, written only for a finding */

    if (run_in) {
      if ((after == CP_FW_COLON || after == ':') &&
          gw__lint_begin(linter, GW__RULE_HEADING_PUNCTUATION, e->marker.start.byte,
                         (uint32_t)pos + (after == ':' ? 1 : 3))) {
        heading_text(doc, e, line, sizeof line);
        gw__lint_message(linter, GW_LANG_EN,
                         "The run-in heading %s ends its title with a colon; a run-in title "
                         "ends with 。 before the text.",
                         line);
        gw__lint_message(linter, GW_LANG_ZH, "段首标题“%s”以冒号结束，应以句号结束后接正文。",
                         line);
      }
      continue;
    }

    /* The marks to remove: a 。 after the title and the run of marks that
     * ends the title (blanks between them too), all that fixing one mark
     * at a time would remove, so that one fix is final. */
    uint32_t mark_start = after_title, mark_end = after_title;
    if (after == CP_IDEOGRAPHIC_STOP && ends_heading_badly(after, e->level)) {
      mark_end = (uint32_t)pos + 3;
      mark_start = (uint32_t)pos;
    }
    for (size_t at = after_title; at > e->title.start.byte;) {
      size_t before = at;
      int32_t cp = gw__decode_before(doc->text, &before);
      if (before < e->title.start.byte) break;
      if (ends_heading_badly(cp, e->level)) mark_start = (uint32_t)before;
      else if (!is_blank(cp)) break;
      at = before;
    }
    bool fault = mark_start < mark_end;
    if (fault && gw__lint_begin(linter, GW__RULE_HEADING_PUNCTUATION, mark_start, mark_end)) {
      heading_text(doc, e, line, sizeof line);
      gw__lint_message(linter, GW_LANG_EN,
                       "The heading %s stands on a line of its own and ends with punctuation.",
                       line);
      gw__lint_message(linter, GW_LANG_ZH, "单独成行的标题“%s”末尾不应加标点。", line);
      gw__lint_edit(linter, mark_start, mark_end, "", 0);
    }
  }
}

/* ------------------------------------------------------------------------ */
/* structure/empty-section                                                   */

static bool ends_with_punctuation(int32_t cp) {
  return cp == CP_IDEOGRAPHIC_STOP || cp == CP_FW_COMMA || cp == CP_FW_SEMICOLON ||
         cp == '.' || cp == ',' || cp == ';' || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
         cp == '?';
}

bool gw__section_empty(const gw_document *doc, const gw_entry *e) {
  if (e->kind != GW_ENTRY_HEADING || e->first_child != GW_NONE) return false;
  if (e->body.end.byte > e->body.start.byte) return false;
  /* A heading that is a sentence (`①…；`, `（三）…。`) is content itself. */
  if (e->title.end.byte > e->title.start.byte) {
    size_t pos = e->title.end.byte;
    int32_t last = gw__decode_before(doc->text, &pos);
    size_t after_pos = e->title.end.byte;
    int32_t after = after_pos < doc->length ? gw__decode(doc->text, doc->length, &after_pos) : 0;
    if (ends_with_punctuation(last) || ends_with_punctuation(after)) return false;
  }
  /* Anything in the section after the heading's line? */
  size_t next_line = gw_document_byte_at(doc, e->marker.start.row + 1, 0);
  uint32_t start = (uint32_t)next_line, end = e->extent.end.byte;
  if (start < end) gw__trim(doc->text, &start, &end);
  return start >= end;
}

static void check_empty_sections(gw__linter *linter, const gw_document *doc, size_t first,
                                 size_t end) {
  for (size_t i = first; i < end; i++) {
    const gw_entry *e = &doc->entries[i];
    if (!gw__section_empty(doc, e)) continue;
    if (!gw__lint_begin(linter, GW__RULE_STRUCTURE_EMPTY_SECTION, e->marker.start.byte,
                        title_end(e))) {
      return;
    }
    char line[128];
    heading_text(doc, e, line, sizeof line);
    gw__lint_message(linter, GW_LANG_EN, "Nothing stands under the heading %s.", line);
    gw__lint_message(linter, GW_LANG_ZH, "标题“%s”下没有任何内容。", line);
  }
}

/* ------------------------------------------------------------------------ */
/* structure/duplicate-title                                                 */

/* A title without the punctuation that may end it. */
static void title_bytes(const gw_document *doc, const gw_entry *e, uint32_t *start,
                        uint32_t *end) {
  *start = e->title.start.byte;
  *end = e->title.end.byte;
  const unsigned char *text = (const unsigned char *)doc->text;
  while (*end > *start) {
    /* The last character: read here when it is ASCII or three bytes, as
     * nearly all are (what gw__decode_before reads of them), else by it. */
    const unsigned char *p = text + *end;
    size_t pos = *end;
    int32_t cp;
    if (p[-1] < 0x80) {
      cp = p[-1];
      pos--;
    } else if (*end - *start >= 3 && (p[-3] & 0xF0) == 0xE0 && (p[-2] & 0xC0) == 0x80 &&
               (p[-1] & 0xC0) == 0x80) {
      cp = (p[-3] & 0x0F) << 12 | (p[-2] & 0x3F) << 6 | (p[-1] & 0x3F);
      pos -= 3;
    } else {
      cp = gw__decode_before(doc->text, &pos);
    }
    if (cp != CP_IDEOGRAPHIC_STOP && cp != CP_FW_COMMA && cp != CP_FW_SEMICOLON &&
        cp != CP_FW_COLON && cp != '.' && cp != ',' && cp != ';' && cp != ':') {
      break;
    }
    *end = (uint32_t)pos;
  }
}

static bool same_title(const gw_document *doc, const gw_entry *a, const gw_entry *b) {
  uint32_t as, ae, bs, be;
  title_bytes(doc, a, &as, &ae);
  title_bytes(doc, b, &bs, &be);
  return ae - as == be - bs && memcmp(doc->text + as, doc->text + bs, ae - as) == 0;
}

/* Headings go into a hash table keyed by parent and title, in document
 * order: a heading that meets its twin there repeats an earlier title.
 * Entries [first, end) are whole sections: the children of their headings
 * are among them; `top_level`: those without a parent too. */
static void check_duplicate_titles(gw__linter *linter, const gw_document *doc, size_t first,
                                   size_t end, bool top_level) {
  size_t capacity = 16;
  while (capacity < 2 * (end - first)) capacity *= 2;
  long *table = malloc(capacity * sizeof *table);
  if (!table) {
    gw__lint_fail(linter);
    return;
  }
  for (size_t i = 0; i < capacity; i++) table[i] = GW_NONE;
  for (size_t i = first; i < end; i++) {
    const gw_entry *e = &doc->entries[i];
    if (e->kind != GW_ENTRY_HEADING || (e->parent == GW_NONE && !top_level)) continue;
    uint32_t title_from, title_to;
    title_bytes(doc, e, &title_from, &title_to);
    if (title_to <= title_from) continue;
    uint64_t hash = 1469598103934665603ULL ^ (uint64_t)(e->parent + 1); /* FNV-1a */
    for (uint32_t k = title_from; k < title_to; k++) {
      hash = (hash ^ (unsigned char)doc->text[k]) * 1099511628211ULL;
    }
    size_t slot = (size_t)(hash ^ (hash >> 29)) & (capacity - 1);
    const gw_entry *original = NULL;
    for (; table[slot] != GW_NONE; slot = (slot + 1) & (capacity - 1)) {
      const gw_entry *other = &doc->entries[table[slot]];
      if (other->parent == e->parent && same_title(doc, other, e)) {
        original = other;
        break;
      }
    }
    if (!original) {
      table[slot] = (long)i;
      continue;
    }
    if (!gw__lint_begin(linter, GW__RULE_STRUCTURE_DUPLICATE_TITLE, e->title.start.byte,
                        e->title.end.byte)) {
      break;
    }
    char title[128], theirs[128];
    gw__lint_excerpt(doc, title_from, title_to, 24, title, sizeof title);
    heading_text(doc, original, theirs, sizeof theirs);
    uint32_t line_byte = original->marker.start.byte;
    gw__lint_message_row(linter, GW_LANG_EN, line_byte,
                         "The title “%s” repeats that of %s (line %u).", title, theirs,
                         (unsigned)original->marker.start.row + 1);
    gw__lint_message_row(linter, GW_LANG_ZH, line_byte, "标题“%s”与第%u行的“%s”重复。", title,
                         (unsigned)original->marker.start.row + 1, theirs);
  }
  free(table);
}

/* ------------------------------------------------------------------------ */
/* pairing/unmatched                                                         */

/* Whether entry `index` is the problem or cause of its pair. */
static bool is_problem_or_cause(const gw_document *doc, long index) {
  long p = gw_pair_of(doc, index);
  const gw_pair *pair = p == GW_NONE ? NULL : gw_pair_get(doc, (size_t)p);
  return pair && (pair->problem == index || pair->cause == index);
}

static void check_pairs(gw__linter *linter, const gw_document *doc) {
  size_t pairs = gw_pair_count(doc);
  for (size_t i = 0; i < pairs; i++) {
    const gw_pair *pair = gw_pair_get(doc, i);
    const gw_entry *problem = gw_outline_entry(doc, (size_t)pair->problem);
    if (!problem || pair->remedy != GW_NONE) continue;
    if (!gw__lint_begin(linter, GW__RULE_PAIRING_UNMATCHED, problem->marker.start.byte,
                        title_end(problem))) {
      return;
    }
    char line[128];
    heading_text(doc, problem, line, sizeof line);
    gw__lint_message(linter, GW_LANG_EN, "The problem %s has no matching remedy.", line);
    gw__lint_message(linter, GW_LANG_ZH, "问题“%s”没有对应的整改措施。", line);
  }

  /* Counts: the problems that share a parent, against the remedies that
   * share the parent of the first remedy matched to them. */
  for (size_t i = 0; i < pairs;) {
    const gw_pair *first = gw_pair_get(doc, i);
    long problem_parent = gw_outline_entry(doc, (size_t)first->problem)->parent;
    size_t j = i, problems = 0;
    long remedy = GW_NONE;
    for (; j < pairs; j++) {
      const gw_pair *pair = gw_pair_get(doc, j);
      if (gw_outline_entry(doc, (size_t)pair->problem)->parent != problem_parent) break;
      problems++;
      if (remedy == GW_NONE) remedy = pair->remedy;
    }
    i = j;
    if (remedy == GW_NONE) continue;
    const gw_entry *matched = gw_outline_entry(doc, (size_t)remedy);
    long remedy_parent = matched->parent;
    if (remedy_parent == GW_NONE) continue;
    const gw_entry *section = gw_outline_entry(doc, (size_t)remedy_parent);
    size_t remedies = 0;
    for (long c = section->first_child; c != GW_NONE; c = gw_outline_entry(doc, (size_t)c)->next_sibling) {
      const gw_entry *child = gw_outline_entry(doc, (size_t)c);
      if (child->kind == matched->kind && !is_problem_or_cause(doc, c)) remedies++;
    }
    if (remedies == problems) continue;
    if (!gw__lint_begin(linter, GW__RULE_PAIRING_UNMATCHED, section->marker.start.byte,
                        title_end(section))) {
      return;
    }
    char line[128];
    heading_text(doc, section, line, sizeof line);
    gw__lint_message(linter, GW_LANG_EN, "%s holds %zu remedies for %zu problems.", line,
                     remedies, problems);
    gw__lint_message(linter, GW_LANG_ZH, "“%s”列出整改措施%zu项，而问题有%zu项，数量不一致。",
                     line, remedies, problems);
  }
}

/* ------------------------------------------------------------------------ */
/* date/format                                                               */

/* Chinese digits of a year: 〇 零 一 … 九. */
static int chinese_digit(int32_t cp) {
  static const int32_t digits[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                   0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
  if (cp == 0x96F6) return 0; /* 零 */
  for (int i = 0; i < 10; i++) {
    if (digits[i] == cp) return i;
  }
  return -1;
}

typedef struct {
  uint32_t value;
  uint32_t start, end; /* the number's bytes */
  bool arabic, fullwidth, zero_padded;
} date_part;

/* Reads a number at *pos (Arabic digits of either width, or Chinese
 * numerals), then blanks, then `unit`. */
static bool read_part(const gw_document *doc, size_t *pos, uint32_t end, int32_t unit,
                      bool year, date_part *part) {
  memset(part, 0, sizeof *part);
  part->start = (uint32_t)*pos;
  size_t p = *pos, number_end = p;
  uint32_t value = 0;
  int digits = 0;
  bool chinese = false;
  while (p < end) {
    size_t at = p;
    int32_t cp = gw__decode(doc->text, end, &p);
    int digit = -1;
    if (cp >= '0' && cp <= '9') digit = cp - '0', part->arabic = true;
    else if (cp >= 0xFF10 && cp <= 0xFF19) digit = cp - 0xFF10, part->arabic = part->fullwidth = true;
    else if (year && chinese_digit(cp) >= 0) digit = chinese_digit(cp), chinese = true;
    else if (!year && (chinese_digit(cp) > 0 || cp == 0x5341)) chinese = true; /* 一 … 十 */
    else {
      p = at;
      break;
    }
    if (digit >= 0) {
      if (digits == 0 && digit == 0 && !year) part->zero_padded = true;
      value = value * 10 + (uint32_t)digit;
      if (value > 100000) return false;
    }
    digits++;
    number_end = p;
  }
  if (digits == 0 || (part->arabic && chinese)) return false;
  part->end = (uint32_t)number_end;
  if (chinese && !year) {
    if (!gw__number_value(doc->text + part->start, part->end - part->start, &value)) return false;
  }
  part->value = value;
  while (p < end) {
    size_t at = p;
    if (!is_blank(gw__decode(doc->text, end, &p))) {
      p = at;
      break;
    }
  }
  if (p >= end || gw__decode(doc->text, end, &p) != unit) return false;
  *pos = p;
  return true;
}

static void check_signature_date(gw__linter *linter, const gw_document *doc, const gw__block *b,
                                 uint32_t *year_out) {
  uint32_t start = b->start, end = b->end;
  gw__trim(doc->text, &start, &end);
  size_t pos = start;
  date_part parts[3];
  static const int32_t units[3] = {CP_NIAN, CP_YUE, CP_RI};
  for (int i = 0; i < 3; i++) {
    while (pos < end) {
      size_t at = pos;
      if (!is_blank(gw__decode(doc->text, end, &pos))) {
        pos = at;
        break;
      }
    }
    if (!read_part(doc, &pos, end, units[i], i == 0, &parts[i])) return;
  }
  *year_out = parts[0].value;
  bool chinese = !parts[0].arabic || !parts[1].arabic || !parts[2].arabic;
  bool fullwidth = parts[0].fullwidth || parts[1].fullwidth || parts[2].fullwidth;
  bool padded = parts[1].zero_padded || parts[2].zero_padded;
  if (!chinese && !fullwidth && !padded) return;
  if (parts[1].value < 1 || parts[1].value > 12 || parts[2].value < 1 || parts[2].value > 31) {
    return;
  }
  if (!gw__lint_begin(linter, GW__RULE_DATE_FORMAT, start, end)) return;
  char date[128], standard[64];
  gw__lint_excerpt(doc, start, end, 24, date, sizeof date);
  snprintf(standard, sizeof standard, "%u年%u月%u日", (unsigned)parts[0].value,
           (unsigned)parts[1].value, (unsigned)parts[2].value);
  if (chinese || fullwidth) {
    gw__lint_message(linter, GW_LANG_EN,
                     "The date %s is written in %s; GB/T 9704 writes it in Arabic numerals: %s.",
                     date, chinese ? "Chinese numerals" : "full-width digits", standard);
    gw__lint_message(linter, GW_LANG_ZH, "成文日期“%s”应按GB/T 9704用阿拉伯数字标注：“%s”。",
                     date, standard);
  } else {
    gw__lint_message(linter, GW_LANG_EN,
                     "The date %s pads month or day with a zero; GB/T 9704 writes %s.", date,
                     standard);
    gw__lint_message(linter, GW_LANG_ZH, "成文日期“%s”中月、日不编虚位，应为“%s”。", date,
                     standard);
  }
  for (int i = 0; i < 3; i++) {
    char number[16];
    int n = snprintf(number, sizeof number, "%u", (unsigned)parts[i].value);
    if (n <= 0) continue;
    if ((size_t)n == parts[i].end - parts[i].start &&
        memcmp(doc->text + parts[i].start, number, (size_t)n) == 0) {
      continue;
    }
    gw__lint_edit(linter, parts[i].start, parts[i].end, number, (size_t)n);
  }
}

/* Years written `2025年` (Arabic, 1900-2099) in text[start, end): calls
 * `found` for each, with its bytes. */
typedef void (*year_fn)(void *context, uint32_t year, uint32_t start, uint32_t end);

static bool is_digit_byte(char c) { return c >= '0' && c <= '9'; }

static void scan_years(const gw_document *doc, uint32_t start, uint32_t end, year_fn found,
                       void *context) {
  /* From each 年 (E5 B9 B4) back over blanks to four ASCII digits that no
   * other digit precedes.  memchr looks for the last byte, B4: few
   * characters of Chinese text end in it, where E5 leads one in six. */
  const char *text = doc->text;
  if (end < start + 3) return;
  for (uint32_t pos = start + 2; pos < end; pos++) {
    const char *last = memchr(text + pos, 0xB4, end - pos);
    if (!last) break;
    pos = (uint32_t)(last - text);
    if ((unsigned char)text[pos - 2] != 0xE5 || (unsigned char)text[pos - 1] != 0xB9) continue;
    uint32_t digits_end = pos - 2; /* where 年 starts */
    while (digits_end > start && (text[digits_end - 1] == ' ' || text[digits_end - 1] == '\t')) {
      digits_end--;
    }
    if (digits_end < start + 4) continue;
    uint32_t run = digits_end - 4, value = 0;
    bool four = !(run > start && is_digit_byte(text[run - 1]));
    for (uint32_t k = run; k < digits_end && four; k++) {
      four = is_digit_byte(text[k]);
      value = value * 10 + (uint32_t)(text[k] - '0');
    }
    if (four && value >= 1900 && value <= 2099) found(context, value, run, digits_end);
  }
}

static void hash_year(void *context, uint32_t year, uint32_t start, uint32_t end) {
  (void)start;
  (void)end;
  /* A sum of mixed values: the same years in any order give the same hash. */
  uint64_t x = year * 0x9E3779B97F4A7C15ULL;
  x ^= x >> 31;
  *(uint64_t *)context += x * 0xBF58476D1CE4E5B9ULL | 1;
}

uint64_t gw__block_years(const gw_document *doc, const gw__block *block) {
  uint64_t hash = 0;
  scan_years(doc, block->start, block->end, hash_year, &hash);
  return hash;
}

typedef struct {
  uint32_t years[64];
  size_t counts[64];
  size_t distinct;
  uint32_t first, first_start, first_end;
} year_tally;

static void tally_year(void *context, uint32_t year, uint32_t start, uint32_t end) {
  year_tally *t = context;
  if (!t->first) {
    t->first = year;
    t->first_start = start;
    t->first_end = end;
  }
  for (size_t i = 0; i < t->distinct; i++) {
    if (t->years[i] == year) {
      t->counts[i]++;
      return;
    }
  }
  if (t->distinct < 64) {
    t->years[t->distinct] = year;
    t->counts[t->distinct++] = 1;
  }
}

static size_t count_of(const year_tally *t, uint32_t year) {
  for (size_t i = 0; i < t->distinct; i++) {
    if (t->years[i] == year) return t->counts[i];
  }
  return 0;
}

static void check_dates(gw__linter *linter, const gw_document *doc) {
  size_t count;
  const gw__block *blocks = gw__lint_blocks(linter, &count);
  year_tally title = {0};
  uint32_t preamble_year = 0, signed_year = 0;
  bool seen_preamble = false, seen_heading = false;
  const gw__block *date_block = NULL;
  for (size_t i = 0; i < count; i++) {
    const gw__block *b = &blocks[i];
    if (b->kind == GW__BLOCK_TITLE) scan_years(doc, b->start, b->end, tally_year, &title);
    if (b->kind == GW__BLOCK_HEADING) seen_heading = true;
    /* The preamble names its year first: `2025年，…`, `2023 年以来…`. */
    if (b->kind == GW__BLOCK_PARAGRAPH && !seen_preamble && !seen_heading) {
      seen_preamble = true;
      year_tally here = {0};
      scan_years(doc, b->start, b->end, tally_year, &here);
      if (here.first && here.first_start == b->start) preamble_year = here.first;
    }
    if (b->kind == GW__BLOCK_DATE) {
      date_block = b;
      check_signature_date(linter, doc, b, &signed_year);
    }
  }
  if (!title.first) return;
  uint32_t reported = preamble_year;
  if (!reported) {
    /* Else the year the text names most, if it does so clearly. */
    year_tally body = {0};
    for (size_t i = 0; i < count; i++) {
      if (blocks[i].kind == GW__BLOCK_PARAGRAPH || blocks[i].kind == GW__BLOCK_HEADING) {
        scan_years(doc, blocks[i].start, blocks[i].end, tally_year, &body);
      }
    }
    size_t best = 0;
    for (size_t i = 0; i < body.distinct; i++) {
      if (body.counts[i] > best) {
        best = body.counts[i];
        reported = body.years[i];
      }
    }
    if (best < 2 || best <= count_of(&body, title.first)) reported = 0;
  }
  if (reported && reported != title.first &&
      gw__lint_begin(linter, GW__RULE_DATE_FORMAT, title.first_start, title.first_end)) {
    gw__lint_message(linter, GW_LANG_EN,
                     "The title names the year %u, but the text reports on %u.",
                     (unsigned)title.first, (unsigned)reported);
    gw__lint_message(linter, GW_LANG_ZH, "标题中的年份%u年与正文所述的%u年不一致。",
                     (unsigned)title.first, (unsigned)reported);
  }
  uint32_t year = reported ? reported : title.first;
  if (date_block && signed_year && (signed_year < year || signed_year > year + 1)) {
    uint32_t start = date_block->start, end = date_block->end;
    gw__trim(doc->text, &start, &end);
    if (gw__lint_begin(linter, GW__RULE_DATE_FORMAT, start, end)) {
      gw__lint_message(linter, GW_LANG_EN,
                       "The report on %u is dated %u.", (unsigned)year, (unsigned)signed_year);
      gw__lint_message(linter, GW_LANG_ZH, "%u年度的报告，成文日期却在%u年。", (unsigned)year,
                       (unsigned)signed_year);
    }
  }
}

void gw__check_structure(gw__linter *linter) {
  const gw_document *doc = gw__lint_document(linter);
  const gw__outline_scope *scope = gw__lint_outline_scope(linter);
  size_t first = scope ? scope->first : 0, end = scope ? scope->end : doc->entry_count;
  if (end > doc->entry_count || first > end) first = end = 0;
  if (gw__lint_enabled(linter, GW__RULE_HEADING_PUNCTUATION)) {
    check_heading_punctuation(linter, doc, first, end);
  }
  if (gw__lint_enabled(linter, GW__RULE_STRUCTURE_EMPTY_SECTION)) {
    check_empty_sections(linter, doc, first, end);
  }
  if (gw__lint_enabled(linter, GW__RULE_STRUCTURE_DUPLICATE_TITLE)) {
    check_duplicate_titles(linter, doc, first, end, !scope);
  }
  if (gw__lint_enabled(linter, GW__RULE_PAIRING_UNMATCHED)) check_pairs(linter, doc);
  if (gw__lint_enabled(linter, GW__RULE_DATE_FORMAT)) check_dates(linter, doc);
}
