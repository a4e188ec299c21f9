/*
 * The rules about running text: text/halfwidth-punctuation,
 * text/digit-spacing, text/broken-line, text/residue, text/pinyin and
 * text/mixed-script.  They read the blocks of the document (lint.c) and scan
 * their text with the scanners of lint_text.c.
 */
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* The part of a block that is prose: a heading without its marker; bylines,
 * the signature's organisation and web residue are no prose. */
static bool prose_range(const gw__block *b, const gw_entry *heading, uint32_t *start,
                        uint32_t *end) {
  *start = b->start;
  *end = b->end;
  switch (b->kind) {
  case GW__BLOCK_TITLE:
  case GW__BLOCK_RECIPIENT:
  case GW__BLOCK_PARAGRAPH:
    return true;
  case GW__BLOCK_HEADING:
    if (!heading) return false;
    *start = heading->marker.end.byte;
    return *start <= *end;
  default:
    return false;
  }
}

/* Walks the heading entries alongside the heading blocks (both in document
 * order): the entry of the heading block `b`, or NULL. */
typedef struct {
  const gw_document *doc;
  size_t next;
} heading_walk;

static const gw_entry *heading_of(heading_walk *walk, const gw__block *b) {
  if (b->kind != GW__BLOCK_HEADING) return NULL;
  size_t n = gw_outline_count(walk->doc);
  for (; walk->next < n; walk->next++) {
    const gw_entry *e = gw_outline_entry(walk->doc, walk->next);
    if (e->kind != GW_ENTRY_HEADING || e->marker.start.byte < b->start) continue;
    if (e->marker.start.byte >= b->end) return NULL;
    walk->next++;
    return e;
  }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Scanned rules                                                             */

typedef struct {
  gw__linter *linter;
  const gw_document *doc;
} hit_context;

static void halfwidth_hit(void *context, const gw__text_hit *hit) {
  hit_context *c = context;
  if (!gw__lint_begin(c->linter, GW__RULE_TEXT_HALFWIDTH_PUNCTUATION, hit->start,
                      hit->start + 1)) {
    return;
  }
  char mark = c->doc->text[hit->start];
  gw__lint_message(c->linter, GW_LANG_EN, "Half-width “%c” in Chinese text: write “%s”.", mark,
                   hit->replacement);
  gw__lint_message(c->linter, GW_LANG_ZH, "中文中使用了半角“%c”，应为全角“%s”。", mark,
                   hit->replacement);
  gw__lint_edit(c->linter, hit->start, hit->end, hit->replacement, hit->replacement_length);
}

static void digit_spacing_hit(void *context, const gw__text_hit *hit) {
  hit_context *c = context;
  if (!gw__lint_begin(c->linter, GW__RULE_TEXT_DIGIT_SPACING, hit->start, hit->end)) return;
  /* A few characters either side, on the same line. */
  size_t from = hit->start, to = hit->end;
  for (int k = 0; k < 4 && from > 0; k++) {
    size_t at = from;
    int32_t cp = gw__decode_before(c->doc->text, &at);
    if (cp == '\n' || cp == '\r') break;
    from = at;
  }
  for (int k = 0; k < 4 && to < c->doc->length; k++) {
    size_t at = to;
    int32_t cp = gw__decode(c->doc->text, c->doc->length, &at);
    if (cp == '\n' || cp == '\r') break;
    to = at;
  }
  char around[96];
  gw__lint_excerpt(c->doc, (uint32_t)from, (uint32_t)to, 12, around, sizeof around);
  gw__lint_message(c->linter, GW_LANG_EN,
                   "Space between a number and a Chinese character in “%s”: official documents "
                   "write 2023年, not 2023 年.",
                   around);
  gw__lint_message(c->linter, GW_LANG_ZH, "“%s”中数字与汉字之间不应有空格（应写作“2023年”）。",
                   around);
  gw__lint_edit(c->linter, hit->start, hit->end, "", 0);
}

static void pinyin_hit(void *context, const gw__text_hit *hit) {
  hit_context *c = context;
  if (!gw__lint_begin(c->linter, GW__RULE_TEXT_PINYIN, hit->start, hit->end)) return;
  char annotation[128];
  gw__lint_excerpt(c->doc, hit->start, hit->end, 24, annotation, sizeof annotation);
  gw__lint_message(c->linter, GW_LANG_EN, "Pinyin annotation %s in the text.", annotation);
  gw__lint_message(c->linter, GW_LANG_ZH, "正文中夹带拼音注音“%s”。", annotation);
  gw__lint_edit(c->linter, hit->start, hit->end, "", 0);
}

static void check_scanned(gw__linter *linter, const gw_document *doc, const gw__block *blocks,
                          size_t count) {
  bool halfwidth = gw__lint_enabled(linter, GW__RULE_TEXT_HALFWIDTH_PUNCTUATION);
  bool spacing = gw__lint_enabled(linter, GW__RULE_TEXT_DIGIT_SPACING);
  bool pinyin = gw__lint_enabled(linter, GW__RULE_TEXT_PINYIN);
  if (!halfwidth && !spacing && !pinyin) return;
  hit_context context = {linter, doc};
  heading_walk walk = {doc, 0};
  for (size_t i = 0; i < count; i++) {
    const gw__block *b = &blocks[i];
    const gw_entry *heading = heading_of(&walk, b);
    uint32_t start, end;
    if (!prose_range(b, heading, &start, &end)) {
      /* Dates are no prose, but `2021年 12月` is still a spacing fault. */
      if (spacing && b->kind == GW__BLOCK_DATE) {
        gw__scan_digit_spacing(doc->text, b->start, b->end, digit_spacing_hit, &context);
      }
      continue;
    }
    if (halfwidth) {
      gw__scan_halfwidth_punctuation(doc->text, start, end, halfwidth_hit, &context);
    }
    if (spacing) gw__scan_digit_spacing(doc->text, start, end, digit_spacing_hit, &context);
    if (pinyin) gw__scan_pinyin(doc->text, start, end, pinyin_hit, &context);
  }
}

/* ------------------------------------------------------------------------ */
/* text/residue                                                              */

/* The start of the line that holds `byte`. */
static uint32_t line_start(const gw_document *doc, uint32_t byte) {
  gw_point point = gw_document_point_at(doc, byte);
  return point.byte - point.column;
}

static void check_residue(gw__linter *linter, const gw_document *doc, const gw__block *blocks,
                          size_t count) {
  for (size_t i = 0; i < count; i++) {
    const gw__block *b = &blocks[i];
    if (b->kind != GW__BLOCK_RESIDUE && b->kind != GW__BLOCK_BYLINE) continue;
    uint32_t start = b->start, end = b->end;
    gw__trim(doc->text, &start, &end);
    if (!gw__lint_begin(linter, GW__RULE_TEXT_RESIDUE, start, end)) return;
    char text[160];
    gw__lint_excerpt(doc, start, end, 30, text, sizeof text);
    if (b->kind == GW__BLOCK_BYLINE) {
      gw__lint_message(linter, GW_LANG_EN, "Publication line of a web page: %s", text);
      gw__lint_message(linter, GW_LANG_ZH, "网页发布信息：“%s”。", text);
    } else {
      gw__lint_message(linter, GW_LANG_EN, "Left over from a web page: %s", text);
      gw__lint_message(linter, GW_LANG_ZH, "网页残留内容：“%s”。", text);
    }
    /* Remove its lines whole.  At the end of a text without a final line
     * break, the line break before them goes instead. */
    uint32_t cut_start = line_start(doc, b->start), cut_end = b->end;
    bool last_line_open = cut_end == doc->length && doc->length > 0 &&
                          doc->text[doc->length - 1] != '\n' &&
                          doc->text[doc->length - 1] != '\r';
    if (last_line_open && cut_start > 0) {
      cut_start--;
      if (cut_start > 0 && doc->text[cut_start] == '\n' && doc->text[cut_start - 1] == '\r') {
        cut_start--;
      }
    }
    gw__lint_edit(linter, cut_start, cut_end, "", 0);
  }
}

/* ------------------------------------------------------------------------ */
/* text/broken-line                                                          */

#define MIN_BROKEN_CHARS 20

static size_t count_chars(const char *text, uint32_t start, uint32_t end) {
  size_t n = 0;
  for (size_t pos = start; pos < end; n++) gw__decode(text, end, &pos);
  return n;
}

static bool is_ascii_letter(int32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Whether an enumeration item starts at `byte` (items are in order). */
static bool item_starts_at(const gw_document *doc, size_t *next_item, uint32_t byte) {
  size_t n = gw_outline_count(doc);
  for (; *next_item < n; (*next_item)++) {
    const gw_entry *e = gw_outline_entry(doc, *next_item);
    if (e->kind != GW_ENTRY_ITEM || e->marker.start.byte < byte) continue;
    return e->marker.start.byte == byte;
  }
  return false;
}

/* A paragraph (or run-in heading) that ends in mid-sentence and goes on in
 * the next paragraph: copied from a PDF, whose lines were cut by width.  To
 * tell it from a short line that merely lacks its full stop, the first part
 * is long, or indented where the rest is not. */
static void check_broken_lines(gw__linter *linter, const gw_document *doc,
                               const gw__block *blocks, size_t count) {
  heading_walk walk = {doc, 0};
  size_t next_item = 0;
  for (size_t i = 0; i + 1 < count; i++) {
    const gw__block *b = &blocks[i], *next = &blocks[i + 1];
    const gw_entry *heading = heading_of(&walk, b);
    if (next->kind != GW__BLOCK_PARAGRAPH) continue;
    bool run_in = heading && heading->body.end.byte > heading->body.start.byte;
    if (b->kind != GW__BLOCK_PARAGRAPH && !run_in) continue;
    uint32_t start = b->start, end = b->end;
    gw__trim(doc->text, &start, &end);
    if (start >= end || !gw__ends_mid_sentence(doc->text, start, end)) continue;
    uint32_t next_start = next->start, next_end = next->end;
    gw__trim(doc->text, &next_start, &next_end);
    if (next_start >= next_end || item_starts_at(doc, &next_item, next_start)) continue;
    bool indented = line_start(doc, start) < start;
    bool next_indented = line_start(doc, next_start) < next_start;
    uint32_t text_start = run_in ? heading->marker.start.byte : start;
    if (count_chars(doc->text, text_start, end) < MIN_BROKEN_CHARS &&
        !(indented && !next_indented)) {
      continue;
    }
    size_t last = end, first = next_start;
    int32_t before = gw__decode_before(doc->text, &last);
    if (!gw__lint_begin(linter, GW__RULE_TEXT_BROKEN_LINE, (uint32_t)last, end)) return;
    int32_t after = gw__decode(doc->text, doc->length, &first);
    gw_point there = gw_document_point_at(doc, next_start);
    gw__lint_message(linter, GW_LANG_EN,
                     "The paragraph breaks off in mid-sentence and goes on at line %u.",
                     (unsigned)there.row + 1);
    gw__lint_message(linter, GW_LANG_ZH, "段落在句子中间断开，下文接续于第%u行。",
                     (unsigned)there.row + 1);
    /* Join: Latin words keep a space between them, Chinese text none. */
    const char *glue = is_ascii_letter(before) && is_ascii_letter(after) ? " " : "";
    gw__lint_edit(linter, end, next_start, glue, strlen(glue));
  }
}

/* ------------------------------------------------------------------------ */
/* text/mixed-script                                                         */

/* Characters that are at home in both scripts, though ICU's converters map
 * them: simplified forms that are traditional characters too (干 于 并 后 …,
 * the one-to-many cases of 干/乾/幹), and traditional forms that simplified
 * text still writes (著 乾 瞭).  Without them a mainland site's traditional
 * page (領導干部, 發布) would read as mixed. */
static const char shared_characters[] =
    "干于并范筑征后采台里面余只准云周制冲松谷丑斗卷回划借了蒙朴舍万向叶郁愿岳注表才党几价据"
    "克么沈术症致占折游御扎吁凶咸困胡姜腊霉涂伙系历复尽获汇钟须庄佣"
    "著乾瞭藉覆";

#define HAN_FIRST 0x3400
#define HAN_LAST 0x2FFFF
#define HAN_SPAN (HAN_LAST - HAN_FIRST + 1)

enum { SCRIPT_NEUTRAL = 0, SCRIPT_SIMPLIFIED = 1, SCRIPT_TRADITIONAL = 2 };

static UTransliterator *open_transliterator(const char *id) {
  UChar name[32];
  u_uastrcpy(name, id);
  UErrorCode error = U_ZERO_ERROR;
  UTransliterator *t = utrans_openU(name, -1, UTRANS_FORWARD, NULL, 0, NULL, &error);
  if (U_FAILURE(error)) {
    utrans_close(t);
    return NULL;
  }
  return t;
}

/* For each character in chars[0..count), whether `t` changes it.  The
 * characters go through as one string, one per line, so that the cost is one
 * call.  False when ICU fails. */
static bool changed_by(UTransliterator *t, const int32_t *chars, size_t count, bool *changed) {
  /* Each character is at most two units and a line break, and may grow. */
  size_t capacity = count * 6 + 16;
  UChar *buffer = malloc(capacity * sizeof *buffer);
  if (!buffer) return false;
  int32_t length = 0;
  for (size_t i = 0; i < count; i++) {
    U16_APPEND_UNSAFE(buffer, length, chars[i]);
    buffer[length++] = '\n';
  }
  int32_t limit = length;
  UErrorCode error = U_ZERO_ERROR;
  utrans_transUChars(t, buffer, &length, (int32_t)capacity, 0, &limit, &error);
  bool ok = U_SUCCESS(error);
  int32_t pos = 0;
  for (size_t i = 0; i < count && ok; i++) {
    UChar32 cp = 0;
    if (pos < length) U16_NEXT(buffer, pos, length, cp);
    changed[i] = cp != chars[i] || (pos < length && buffer[pos] != '\n');
    while (pos < length && buffer[pos] != '\n') pos++; /* the rest of a longer result */
    if (pos < length) pos++;
  }
  free(buffer);
  return ok;
}

typedef struct {
  uint8_t *script; /* SCRIPT_* by code point - HAN_FIRST */
  int32_t *chars;  /* the distinct Han characters of the document */
  size_t char_count;
} script_table;

static void for_each_han(const gw_document *doc, const gw__block *blocks, size_t count,
                         void (*visit)(void *context, int32_t cp, uint32_t start, uint32_t end),
                         void *context) {
  for (size_t i = 0; i < count; i++) {
    const gw__block *b = &blocks[i];
    if (b->kind == GW__BLOCK_RESIDUE) continue;
    for (size_t pos = b->start; pos < b->end;) {
      size_t at = pos;
      int32_t cp = gw__decode(doc->text, b->end, &pos);
      if (cp >= HAN_FIRST && cp <= HAN_LAST && gw__is_han(cp)) {
        visit(context, cp, (uint32_t)at, (uint32_t)pos);
      }
    }
  }
}

#define SEEN 0xFF /* a character met, its script not yet known */

static void note_char(void *context, int32_t cp, uint32_t start, uint32_t end) {
  (void)start;
  (void)end;
  script_table *table = context;
  uint8_t *script = &table->script[cp - HAN_FIRST];
  if (*script == SEEN) return;
  *script = SEEN;
  table->chars[table->char_count++] = cp;
}

typedef struct {
  const script_table *table;
  size_t counts[3]; /* by SCRIPT_* */
} script_count;

static void count_char(void *context, int32_t cp, uint32_t start, uint32_t end) {
  (void)start;
  (void)end;
  script_count *c = context;
  c->counts[c->table->script[cp - HAN_FIRST]]++;
}

typedef struct {
  gw__linter *linter;
  const gw_document *doc;
  const script_table *table;
  int minority;
  UTransliterator *to_majority; /* NULL: no fix */
  uint32_t run_start, run_end;  /* the minority characters of the current run */
  uint32_t reach;               /* the end of its last character of any script */
} run_context;

/* `cp` converted by `t`, as UTF-8 into out (at least 16 bytes); its length. */
static size_t convert_char(UTransliterator *t, int32_t cp, char *out) {
  UChar units[8];
  int32_t length = 0;
  U16_APPEND_UNSAFE(units, length, cp);
  int32_t limit = length;
  UErrorCode error = U_ZERO_ERROR;
  utrans_transUChars(t, units, &length, 8, 0, &limit, &error);
  int32_t written = 0;
  if (U_SUCCESS(error)) u_strToUTF8(out, 16, &written, units, length, &error);
  if (U_FAILURE(error) || written <= 0) written = (int32_t)gw__encode(cp, out);
  return (size_t)written;
}

static void flush_run(run_context *c) {
  if (c->run_end <= c->run_start) return;
  uint32_t start = c->run_start, end = c->run_end;
  c->run_start = c->run_end = c->reach = 0;
  if (!gw__lint_begin(c->linter, GW__RULE_TEXT_MIXED_SCRIPT, start, end)) return;
  char chars[128];
  gw__lint_excerpt(c->doc, start, end, 16, chars, sizeof chars);
  bool traditional = c->minority == SCRIPT_TRADITIONAL;
  gw__lint_message(c->linter, GW_LANG_EN, "%s characters in “%s”, in a text written in %s ones.",
                   traditional ? "Traditional" : "Simplified", chars,
                   traditional ? "simplified" : "traditional");
  gw__lint_message(c->linter, GW_LANG_ZH, "%s文本中夹杂%s字：“%s”。",
                   traditional ? "简体" : "繁体", traditional ? "繁体" : "简体", chars);
  if (!c->to_majority) return;
  /* Only the characters of the minority change: those at home in both
   * scripts (著 in 显著) stay as they are. */
  char converted[512];
  size_t length = 0;
  for (size_t pos = start; pos < end && length + 16 < sizeof converted;) {
    size_t at = pos;
    int32_t cp = gw__decode(c->doc->text, end, &pos);
    bool minority = cp >= HAN_FIRST && cp <= HAN_LAST &&
                    c->table->script[cp - HAN_FIRST] == c->minority;
    if (minority) {
      length += convert_char(c->to_majority, cp, converted + length);
    } else {
      memcpy(converted + length, c->doc->text + at, pos - at);
      length += pos - at;
    }
  }
  gw__lint_edit(c->linter, start, end, converted, length);
}

/* A run holds minority characters and the characters at home in both
 * scripts between them (認真學習 is one finding); it ends at a character of
 * the majority, at anything that is not Han, and at 32 characters. */
static void note_minority(void *context, int32_t cp, uint32_t start, uint32_t end) {
  run_context *c = context;
  int script = c->table->script[cp - HAN_FIRST];
  bool goes_on = c->run_end > c->run_start && c->reach == start && end - c->run_start <= 96;
  if (goes_on && script == SCRIPT_NEUTRAL) {
    c->reach = end;
    return;
  }
  if (goes_on && script == c->minority) {
    c->run_end = c->reach = end;
    return;
  }
  flush_run(c);
  if (script == c->minority) {
    c->run_start = start;
    c->run_end = c->reach = end;
  }
}

/* Classifies the document's characters with ICU's transliterators: a
 * character that Hant-Hans changes is traditional, one that Hans-Hant
 * changes simplified.  Returns false when memory ran out. */
static bool classify(script_table *table, UTransliterator *s2t, UTransliterator *t2s,
                     bool *known) {
  *known = false;
  bool *to_traditional = malloc(table->char_count * sizeof *to_traditional);
  bool *to_simplified = malloc(table->char_count * sizeof *to_simplified);
  bool ok = to_traditional && to_simplified;
  if (ok && changed_by(s2t, table->chars, table->char_count, to_traditional) &&
      changed_by(t2s, table->chars, table->char_count, to_simplified)) {
    *known = true;
    for (size_t i = 0; i < table->char_count; i++) {
      int32_t cp = table->chars[i];
      char key[5];
      key[gw__encode(cp, key)] = '\0';
      uint8_t script = SCRIPT_NEUTRAL;
      if (strstr(shared_characters, key)) script = SCRIPT_NEUTRAL;
      else if (to_simplified[i]) script = SCRIPT_TRADITIONAL;
      else if (to_traditional[i]) script = SCRIPT_SIMPLIFIED;
      table->script[cp - HAN_FIRST] = script;
    }
  }
  free(to_traditional);
  free(to_simplified);
  return ok;
}

static void check_mixed_script(gw__linter *linter, const gw_document *doc,
                               const gw__block *blocks, size_t count) {
  size_t bytes = 0;
  for (size_t i = 0; i < count; i++) bytes += blocks[i].end - blocks[i].start;
  script_table table = {calloc(HAN_SPAN, 1), malloc((bytes / 3 + 1) * sizeof(int32_t)), 0};
  if (!table.script || !table.chars) {
    gw__lint_fail(linter);
  } else {
    for_each_han(doc, blocks, count, note_char, &table);
  }
  /* Without ICU's transliteration data the rule cannot judge: it stays
   * silent rather than fail the other checks. */
  UTransliterator *s2t = NULL, *t2s = NULL;
  bool known = false;
  if (table.char_count > 0) {
    s2t = open_transliterator("Hans-Hant");
    t2s = open_transliterator("Hant-Hans");
    if (s2t && t2s && !classify(&table, s2t, t2s, &known)) gw__lint_fail(linter);
  }
  if (known) {
    script_count tally = {&table, {0, 0, 0}};
    for_each_han(doc, blocks, count, count_char, &tally);
    size_t simplified = tally.counts[SCRIPT_SIMPLIFIED];
    size_t traditional = tally.counts[SCRIPT_TRADITIONAL];
    if (simplified > 0 && traditional > 0) {
      /* The minority is the fault; on a tie, simplified is taken as the norm.
       * Traditional → simplified is nearly one to one, the other way not
       * (发 → 發 or 髮), so only the first comes with a fix. */
      int minority = simplified >= traditional ? SCRIPT_TRADITIONAL : SCRIPT_SIMPLIFIED;
      run_context c = {linter, doc, &table, minority,
                       minority == SCRIPT_TRADITIONAL ? t2s : NULL, 0, 0, 0};
      for_each_han(doc, blocks, count, note_minority, &c);
      flush_run(&c);
    }
  }
  utrans_close(s2t);
  utrans_close(t2s);
  free(table.chars);
  free(table.script);
}

void gw__check_text(gw__linter *linter) {
  const gw_document *doc = gw__lint_document(linter);
  size_t count;
  const gw__block *blocks = gw__lint_blocks(linter, &count);
  if (!blocks) return;
  check_scanned(linter, doc, blocks, count);
  if (gw__lint_enabled(linter, GW__RULE_TEXT_BROKEN_LINE)) {
    check_broken_lines(linter, doc, blocks, count);
  }
  if (gw__lint_enabled(linter, GW__RULE_TEXT_RESIDUE)) check_residue(linter, doc, blocks, count);
  if (gw__lint_enabled(linter, GW__RULE_TEXT_MIXED_SCRIPT)) {
    check_mixed_script(linter, doc, blocks, count);
  }
}
