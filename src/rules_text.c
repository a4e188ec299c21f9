/*
 * The rules about running text: text/halfwidth-punctuation,
 * text/digit-spacing, text/broken-line, text/residue and text/pinyin
 * (text/mixed-script is in rules_script.c).  They read the blocks of the
 * document (lint.c) and scan their text with the scanners of lint_text.c.
 */
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The first entry whose marker starts at or after `byte`: where the walks
 * over a window of blocks begin. */
static size_t first_entry_from(const gw_document *doc, uint32_t byte) {
  size_t low = 0, high = gw_outline_count(doc);
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    if (gw_outline_entry(doc, middle)->marker.start.byte < byte) low = middle + 1;
    else high = middle;
  }
  return low;
}

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
  /* The most frequent finding of copied text: its sentences are static. */
  static const struct {
    char mark;
    const char *en, *zh;
  } sentences[] = {
      {',', "Half-width “,” in Chinese text: write “，”.", "中文中使用了半角“,”，应为全角“，”。"},
      {':', "Half-width “:” in Chinese text: write “：”.", "中文中使用了半角“:”，应为全角“：”。"},
      {';', "Half-width “;” in Chinese text: write “；”.", "中文中使用了半角“;”，应为全角“；”。"},
      {'(', "Half-width “(” in Chinese text: write “（”.", "中文中使用了半角“(”，应为全角“（”。"},
      {')', "Half-width “)” in Chinese text: write “）”.", "中文中使用了半角“)”，应为全角“）”。"},
      {'?', "Half-width “?” in Chinese text: write “？”.", "中文中使用了半角“?”，应为全角“？”。"},
  };
  hit_context *c = context;
  if (!gw__lint_begin(c->linter, GW__RULE_TEXT_HALFWIDTH_PUNCTUATION, hit->start,
                      hit->start + 1)) {
    return;
  }
  char mark = c->doc->text[hit->start];
  for (size_t i = 0; i < sizeof sentences / sizeof sentences[0]; i++) {
    if (sentences[i].mark != mark) continue;
    gw__lint_message_static(c->linter, GW_LANG_EN, sentences[i].en);
    gw__lint_message_static(c->linter, GW_LANG_ZH, sentences[i].zh);
    break;
  }
  gw__lint_edit_static(c->linter, hit->start, hit->end, hit->replacement,
                       hit->replacement_length);
}

static void digit_spacing_hit(void *context, const gw__text_hit *hit) {
  hit_context *c = context;
  if (!gw__lint_begin(c->linter, GW__RULE_TEXT_DIGIT_SPACING, hit->start, hit->end)) return;
  /* A few characters either side, on the same line. */
  size_t from = hit->start, to = hit->end;
  for (int k = 0; k < 4 && from > 0; k++) {
    size_t at = from;
    int32_t cp = gw__char_before(c->doc->text, &at);
    if (cp == '\n' || cp == '\r') break;
    from = at;
  }
  for (int k = 0; k < 4 && to < c->doc->length; k++) {
    size_t at = to;
    int32_t cp = gw__decode(c->doc->text, c->doc->length, &at);
    if (cp == '\n' || cp == '\r') break;
    to = at;
  }
  char buffer[96];
  gw__piece around = {buffer, gw__lint_excerpt(c->doc, (uint32_t)from, (uint32_t)to, 12, buffer,
                                               sizeof buffer)};
  gw__piece en[] = {GW__PIECE("Space between a number and a Chinese character in “"), around,
                    GW__PIECE("”: official documents write 2023年, not 2023 年.")};
  gw__piece zh[] = {GW__PIECE("“"), around,
                    GW__PIECE("”中数字与汉字之间不应有空格（应写作“2023年”）。")};
  gw__lint_message_pieces(c->linter, GW_LANG_EN, en, sizeof en / sizeof en[0]);
  gw__lint_message_pieces(c->linter, GW_LANG_ZH, zh, sizeof zh / sizeof zh[0]);
  gw__lint_edit_static(c->linter, hit->start, hit->end, "", 0);
}

static void pinyin_hit(void *context, const gw__text_hit *hit) {
  hit_context *c = context;
  if (!gw__lint_begin(c->linter, GW__RULE_TEXT_PINYIN, hit->start, hit->end)) return;
  char buffer[128];
  gw__piece annotation = {buffer, gw__lint_excerpt(c->doc, hit->start, hit->end, 24, buffer,
                                                   sizeof buffer)};
  gw__piece en[] = {GW__PIECE("Pinyin annotation "), annotation, GW__PIECE(" in the text.")};
  gw__piece zh[] = {GW__PIECE("正文中夹带拼音注音“"), annotation, GW__PIECE("”。")};
  gw__lint_message_pieces(c->linter, GW_LANG_EN, en, sizeof en / sizeof en[0]);
  gw__lint_message_pieces(c->linter, GW_LANG_ZH, zh, sizeof zh / sizeof zh[0]);
  gw__lint_edit_static(c->linter, hit->start, hit->end, "", 0);
}

/* What the text scanners need in block `b`: read with its scripts when
 * the pass was given them (`counts`), else now. */
static unsigned block_needs(const gw_document *doc, const gw__block *b,
                            const gw__script_count *counts) {
  return counts ? counts->text_needs : gw__scan_needs(doc->text, b->start, b->end);
}

static void check_scanned(gw__linter *linter, const gw_document *doc, const gw__block *blocks,
                          const gw__script_count *counts, size_t count) {
  bool halfwidth = gw__lint_enabled(linter, GW__RULE_TEXT_HALFWIDTH_PUNCTUATION);
  bool spacing = gw__lint_enabled(linter, GW__RULE_TEXT_DIGIT_SPACING);
  bool pinyin = gw__lint_enabled(linter, GW__RULE_TEXT_PINYIN);
  if (!halfwidth && !spacing && !pinyin) return;
  hit_context context = {linter, doc};
  heading_walk walk = {doc, count ? first_entry_from(doc, blocks[0].start) : 0};
  for (size_t i = 0; i < count; i++) {
    const gw__block *b = &blocks[i];
    const gw_entry *heading = heading_of(&walk, b);
    uint32_t start, end;
    if (!prose_range(b, heading, &start, &end)) {
      /* Dates are no prose, but `2021年 12月` is still a spacing fault. */
      if (spacing && b->kind == GW__BLOCK_DATE &&
          (block_needs(doc, b, counts ? &counts[i] : NULL) & GW__NEEDS_SPACE)) {
        gw__scan_digit_spacing(doc->text, b->start, b->end, digit_spacing_hit, &context);
      }
      continue;
    }
    /* Most paragraphs hold nothing that the scanners look for: they are
     * passed over.  What the whole block needs may be more than its prose
     * does (a heading's marker `(一)`): the scanners then find nothing. */
    unsigned needs = block_needs(doc, b, counts ? &counts[i] : NULL);
    if (halfwidth && (needs & GW__NEEDS_MARK)) {
      gw__scan_halfwidth_punctuation(doc->text, start, end, halfwidth_hit, &context);
    }
    if (spacing && (needs & GW__NEEDS_SPACE)) {
      gw__scan_digit_spacing(doc->text, start, end, digit_spacing_hit, &context);
    }
    if (pinyin && (needs & GW__NEEDS_BRACKET)) {
      gw__scan_pinyin(doc->text, start, end, pinyin_hit, &context);
    }
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
    gw__lint_edit_static(linter, cut_start, cut_end, "", 0);
  }
}

/* ------------------------------------------------------------------------ */
/* text/broken-line                                                          */

#define MIN_BROKEN_CHARS 20

static size_t count_chars(const char *text, uint32_t start, uint32_t end) {
  size_t n = 0;
  for (size_t pos = start; pos < end; n++) gw__next_char(text, end, &pos);
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
  heading_walk walk = {doc, count ? first_entry_from(doc, blocks[0].start) : 0};
  size_t next_item = walk.next;
  /* Joins chain: a paragraph joined to the one before is judged as the
   * joined text, as fixing and checking again would, so that one fix joins
   * a whole run of short broken lines.  `chain_block` is the block the last
   * join runs into; the joined text before it has `chain_chars` characters
   * (glue included) and starts indented or not. */
  size_t chain_block = SIZE_MAX, chain_chars = 0;
  bool chain_indented = false;
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
    bool chained = chain_block == i;
    bool indented = chained ? chain_indented : line_start(doc, start) < start;
    bool next_indented = line_start(doc, next_start) < next_start;
    uint32_t text_start = run_in && !chained ? heading->marker.start.byte : start;
    size_t chars = (chained ? chain_chars : 0) + count_chars(doc->text, text_start, end);
    if (chars < MIN_BROKEN_CHARS && !(indented && !next_indented)) continue;
    size_t last = end, first = next_start;
    int32_t before = gw__char_before(doc->text, &last);
    if (!gw__lint_begin(linter, GW__RULE_TEXT_BROKEN_LINE, (uint32_t)last, end)) return;
    int32_t after = gw__decode(doc->text, doc->length, &first);
    gw_point there = gw_document_point_at(doc, next_start);
    gw__lint_message_row(linter, GW_LANG_EN, next_start,
                         "The paragraph breaks off in mid-sentence and goes on at line %u.",
                         (unsigned)there.row + 1);
    gw__lint_message_row(linter, GW_LANG_ZH, next_start, "段落在句子中间断开，下文接续于第%u行。",
                         (unsigned)there.row + 1);
    /* Join: Latin words keep a space between them, Chinese text none. */
    const char *glue = is_ascii_letter(before) && is_ascii_letter(after) ? " " : "";
    gw__lint_edit_static(linter, end, next_start, glue, strlen(glue));
    chain_block = i + 1;
    chain_chars = chars + strlen(glue);
    chain_indented = indented;
  }
}

void gw__check_text(gw__linter *linter) {
  const gw_document *doc = gw__lint_document(linter);
  size_t count, first, end;
  const gw__block *blocks = gw__lint_blocks(linter, &count);
  if (!blocks) return;
  gw__lint_window(linter, &first, &end);
  const gw__script_count *counts = gw__lint_block_counts(linter);
  check_scanned(linter, doc, blocks + first, counts ? counts + first : NULL, end - first);
  if (gw__lint_enabled(linter, GW__RULE_TEXT_BROKEN_LINE)) {
    /* With the block after the window: a finding of the window's last block
     * is about how the next one goes on. */
    check_broken_lines(linter, doc, blocks + first, (end < count ? end + 1 : end) - first);
  }
  if (gw__lint_enabled(linter, GW__RULE_TEXT_RESIDUE)) {
    check_residue(linter, doc, blocks + first, end - first);
  }
}
