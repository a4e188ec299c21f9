/*
 * text/mixed-script: traditional and simplified characters in one document.
 *
 * Which script a character belongs to is what ICU's transliterators say,
 * read from a table generated from them (src/script_table.h): opening a
 * transliterator at run time would cost every process ICU's whole registry.
 * One pass counts the characters of each script, and a second, only when
 * both occur, reports the characters of the minority.
 */
#include "lint.h"
#include "script_table.h"

#include <stdlib.h>
#include <string.h>

/* The script of character `cp`: GW__SCRIPT_* for a Han character, -1 for
 * any other. */
static inline int script_of_char(int32_t cp) {
  if (cp < GW__SCRIPT_FIRST || cp > GW__SCRIPT_LAST || !gw__is_han(cp)) return -1;
  return gw__script_of(cp);
}

/* The character at *pos, which it moves past, and its script (as
 * script_of_char).  Both passes read every character of their blocks,
 * nearly all three-byte characters of U+3000-U+9FFF: those are decoded
 * here, with one test for both continuation bytes, the others by
 * gw__decode. */
static inline int script_at(const char *text, size_t end, size_t *pos, int32_t *cp) {
  const unsigned char *s = (const unsigned char *)text + *pos;
  if (s[0] - 0xE3u <= 0xE9u - 0xE3u && *pos + 2 < end &&
      ((s[1] ^ 0x80u) | (s[2] ^ 0x80u)) < 0x40u) {
    *cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    *pos += 3;
  } else {
    /* A call, with a copy of the position whose address it takes: this
     * stays small enough to inline, and *pos in a register. */
    size_t next = *pos;
    *cp = gw__decode(text, end, &next);
    *pos = next;
  }
  return script_of_char(*cp);
}

/* The simplified form of traditional character `cp`, -1 when it has no
 * one-character form. */
static int32_t simplified_of(int32_t cp) {
  size_t low = 0, high = gw__traditional_count;
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    if (gw__traditional_chars[middle] < cp) low = middle + 1;
    else high = middle;
  }
  return low < gw__traditional_count && gw__traditional_chars[low] == cp
             ? gw__simplified_forms[low]
             : -1;
}

/* Pass 1 over one block: how many characters of each script it holds. */
static void count_block(const char *text, uint32_t start, uint32_t end, uint32_t counts[3]) {
  uint32_t simplified = 0, traditional = 0; /* in registers, not through `counts` */
  for (size_t pos = start; pos < end;) {
    if ((unsigned char)text[pos] < 0x80) { /* line breaks, digits, Latin */
      pos++;
      continue;
    }
    int32_t cp;
    int script = script_at(text, end, &pos, &cp);
    simplified += script == GW__SCRIPT_SIMPLIFIED;
    traditional += script == GW__SCRIPT_TRADITIONAL;
  }
  counts[GW__SCRIPT_SIMPLIFIED] += simplified;
  counts[GW__SCRIPT_TRADITIONAL] += traditional;
}

typedef struct {
  gw__linter *linter;
  const gw_document *doc;
  int minority;
  bool fixable;                /* minority traditional: converted to simplified */
  uint32_t run_start, run_end; /* the minority characters of the current run */
  uint32_t reach;              /* the end of its last character of any script */
} run_context;

static void flush_run(run_context *c) {
  if (c->run_end <= c->run_start) return;
  uint32_t start = c->run_start, end = c->run_end;
  c->run_start = c->run_end = c->reach = 0;
  if (!gw__lint_begin(c->linter, GW__RULE_TEXT_MIXED_SCRIPT, start, end)) return;
  char chars[128];
  gw__piece excerpt = {chars, gw__lint_excerpt(c->doc, start, end, 16, chars, sizeof chars)};
  bool traditional = c->minority == GW__SCRIPT_TRADITIONAL;
  gw__piece en[] = {traditional ? GW__PIECE("Traditional characters in “")
                                : GW__PIECE("Simplified characters in “"),
                    excerpt,
                    traditional ? GW__PIECE("”, in a text written in simplified ones.")
                                : GW__PIECE("”, in a text written in traditional ones.")};
  gw__piece zh[] = {traditional ? GW__PIECE("简体文本中夹杂繁体字：“")
                                : GW__PIECE("繁体文本中夹杂简体字：“"),
                    excerpt, GW__PIECE("”。")};
  gw__lint_message_pieces(c->linter, GW_LANG_EN, en, sizeof en / sizeof en[0]);
  gw__lint_message_pieces(c->linter, GW_LANG_ZH, zh, sizeof zh / sizeof zh[0]);
  if (!c->fixable) return;
  /* Only the characters of the minority change: those at home in both
   * scripts (著 in 显著) stay as they are. */
  char converted[512];
  size_t length = 0;
  for (size_t pos = start; pos < end && length + 8 < sizeof converted;) {
    size_t at = pos;
    int32_t cp;
    if (script_at(c->doc->text, end, &pos, &cp) == c->minority) {
      int32_t simplified = simplified_of(cp);
      if (simplified < 0) return; /* no one-to-one form: no fix */
      length += gw__encode(simplified, converted + length);
    } else {
      memcpy(converted + length, c->doc->text + at, pos - at);
      length += pos - at;
    }
  }
  gw__lint_edit(c->linter, start, end, converted, length);
}

/* Pass 2 over one block: runs of minority characters, with the characters
 * at home in both scripts between them (認真學習 is one finding); a run ends
 * at a character of the majority, at anything that is not Han, at 32
 * characters and at the end of the block (its line break). */
static void report_runs(run_context *c, uint32_t block_start, uint32_t block_end) {
  for (size_t pos = block_start; pos < block_end;) {
    uint32_t start = (uint32_t)pos;
    int32_t cp;
    int script = script_at(c->doc->text, block_end, &pos, &cp);
    uint32_t end = (uint32_t)pos;
    bool goes_on = c->run_end > c->run_start && c->reach == start && end - c->run_start <= 96;
    if (goes_on && script == GW__SCRIPT_NEUTRAL) {
      c->reach = end;
      continue;
    }
    if (goes_on && script == c->minority) {
      c->run_end = c->reach = end;
      continue;
    }
    flush_run(c);
    if (script == c->minority) {
      c->run_start = start;
      c->run_end = c->reach = end;
    }
  }
  flush_run(c);
}

void gw__count_scripts(const gw_document *doc, const gw__block *blocks, size_t count,
                       gw__script_count *counts) {
  for (size_t i = 0; i < count; i++) {
    uint32_t block[3] = {0, 0, 0};
    if (blocks[i].kind != GW__BLOCK_RESIDUE) {
      count_block(doc->text, blocks[i].start, blocks[i].end, block);
    }
    counts[i].simplified = block[GW__SCRIPT_SIMPLIFIED];
    counts[i].traditional = block[GW__SCRIPT_TRADITIONAL];
  }
}

int gw__script_minority(uint64_t simplified, uint64_t traditional) {
  if (!simplified || !traditional) return GW__MINORITY_NONE;
  /* The minority is the fault; on a tie, simplified is taken as the norm. */
  return simplified >= traditional ? GW__MINORITY_TRADITIONAL : GW__MINORITY_SIMPLIFIED;
}

void gw__report_mixed_script(gw__linter *linter, const gw_document *doc, const gw__block *blocks,
                             size_t count, const gw__script_count *counts, int minority) {
  if (minority == GW__MINORITY_NONE) return;
  /* Traditional → simplified is nearly one to one, the other way not
   * (发 → 發 or 髮), so only the first comes with a fix. */
  int script = minority == GW__MINORITY_TRADITIONAL ? GW__SCRIPT_TRADITIONAL : GW__SCRIPT_SIMPLIFIED;
  run_context c = {linter, doc, script, script == GW__SCRIPT_TRADITIONAL, 0, 0, 0};
  /* Pass 2 reads only the blocks that hold characters of the minority. */
  for (size_t i = 0; i < count; i++) {
    uint32_t held = script == GW__SCRIPT_TRADITIONAL ? counts[i].traditional : counts[i].simplified;
    if (held) report_runs(&c, blocks[i].start, blocks[i].end);
  }
}

void gw__check_mixed_script(gw__linter *linter, const gw_document *doc, const gw__block *blocks,
                            size_t count) {
  gw__script_count *counts = malloc((count ? count : 1) * sizeof *counts);
  if (!counts) {
    gw__lint_fail(linter);
    return;
  }
  gw__count_scripts(doc, blocks, count, counts);
  uint64_t simplified = 0, traditional = 0;
  for (size_t i = 0; i < count; i++) {
    simplified += counts[i].simplified;
    traditional += counts[i].traditional;
  }
  gw__report_mixed_script(linter, doc, blocks, count, counts,
                          gw__script_minority(simplified, traditional));
  free(counts);
}
