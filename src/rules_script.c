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

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* The scripts of U+3400-U+9FFF, where nearly every character of a report
 * is, a byte each: read with one load, where gw__script_of takes ten
 * operations; and the simplified form of each traditional one
 * (FLAT_NO_FORM: none of one character; 0: not known here, ask
 * simplified_of), where simplified_of searches.  Filled from the tables at
 * the first lint of the process (27 K characters); a lint that runs while
 * another thread fills them reads the tables themselves. */
#define FLAT_LAST 0x9FFF
#define FLAT_NO_FORM 0xFFFF /* a noncharacter: no simplified form */
static uint8_t flat_scripts[FLAT_LAST - GW__SCRIPT_FIRST + 1];
static uint16_t flat_simplified[FLAT_LAST - GW__SCRIPT_FIRST + 1];
static atomic_int flat_state; /* 0: empty, 1: being filled, 2: filled */

static const uint8_t *flat_table(void) {
  if (atomic_load_explicit(&flat_state, memory_order_acquire) == 2) return flat_scripts;
  int empty = 0;
  if (!atomic_compare_exchange_strong_explicit(&flat_state, &empty, 1, memory_order_acquire,
                                               memory_order_relaxed)) {
    return NULL;
  }
  for (int32_t cp = GW__SCRIPT_FIRST; cp <= FLAT_LAST; cp++) {
    flat_scripts[cp - GW__SCRIPT_FIRST] = (uint8_t)gw__script_of(cp);
  }
  for (size_t i = 0; i < gw__traditional_count && gw__traditional_chars[i] <= FLAT_LAST; i++) {
    int32_t form = gw__simplified_forms[i];
    if (gw__traditional_chars[i] < GW__SCRIPT_FIRST || form > 0xFFFF) continue;
    flat_simplified[gw__traditional_chars[i] - GW__SCRIPT_FIRST] =
        form < 0 ? FLAT_NO_FORM : (uint16_t)form;
  }
  atomic_store_explicit(&flat_state, 2, memory_order_release);
  return flat_scripts;
}

/* gw__script_of(cp), from `flat` (flat_table, or NULL) where it can. */
static inline int script_in(const uint8_t *flat, int32_t cp) {
  return flat && cp <= FLAT_LAST ? flat[cp - GW__SCRIPT_FIRST] : gw__script_of(cp);
}

/* The script of character `cp`: GW__SCRIPT_* for a Han character, -1 for
 * any other. */
static inline int script_of_char(const uint8_t *flat, int32_t cp) {
  if (cp < GW__SCRIPT_FIRST || cp > GW__SCRIPT_LAST || !gw__is_han(cp)) return -1;
  return script_in(flat, cp);
}

/* Whether a valid three-byte character of U+3000-U+9FFF is at `pos` (<
 * end), and which (*cp).  Its lead byte is read first: most others are
 * told from it alone. */
static inline bool cjk_char_at(const char *text, size_t end, size_t pos, int32_t *cp) {
  const unsigned char *s = (const unsigned char *)text + pos;
  if (s[0] - 0xE3u > 0xE9u - 0xE3u || pos + 2 >= end ||
      ((s[1] ^ 0x80u) | (s[2] ^ 0x80u)) >= 0x40u) {
    return false;
  }
  *cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  return true;
}

/* The character at *pos, which it moves past.  Both passes read every
 * character of their blocks, nearly all three-byte characters of
 * U+3000-U+9FFF: those are decoded here, with one test for both
 * continuation bytes, the others by gw__next_char. */
static inline int32_t char_at(const char *text, size_t end, size_t *pos) {
  int32_t cp;
  if (cjk_char_at(text, end, *pos, &cp)) {
    *pos += 3;
    return cp;
  }
  /* Full-width marks and quotes (U+2000-U+2FFF, U+FF00-U+FFEF) are
   * frequent too: gw__next_char decodes them inline. */
  size_t next = *pos;
  cp = gw__next_char(text, end, &next);
  *pos = next;
  return cp;
}

/* The character at *pos, which it moves past, and its script (as
 * script_of_char). */
static inline int script_at(const uint8_t *flat, const char *text, size_t end, size_t *pos,
                            int32_t *cp) {
  *cp = char_at(text, end, pos);
  return script_of_char(flat, *cp);
}

/* Where the traditional characters of each block of 256 code points start
 * among gw__traditional_chars: from[b] is the first at or after
 * GW__SCRIPT_FIRST + 256 * b, so that a search for the simplified form of
 * a character reads only its block's few. */
#define SCRIPT_BLOCKS ((GW__SCRIPT_LAST - GW__SCRIPT_FIRST) / 256 + 1)
typedef struct {
  uint32_t from[SCRIPT_BLOCKS + 1];
} traditional_index;

static void index_traditional(traditional_index *index) {
  size_t i = 0;
  for (size_t b = 0; b <= SCRIPT_BLOCKS; b++) {
    int32_t block_start = GW__SCRIPT_FIRST + (int32_t)(b * 256);
    while (i < gw__traditional_count && gw__traditional_chars[i] < block_start) i++;
    index->from[b] = (uint32_t)i;
  }
}

/* The simplified form of traditional character `cp` (in the table's
 * range), -1 when it has no one-character form. */
static int32_t simplified_of(const traditional_index *index, int32_t cp) {
  size_t block = (size_t)(cp - GW__SCRIPT_FIRST) / 256;
  size_t low = index->from[block], high = index->from[block + 1];
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    if (gw__traditional_chars[middle] < cp) low = middle + 1;
    else high = middle;
  }
  return low < index->from[block + 1] && gw__traditional_chars[low] == cp
             ? gw__simplified_forms[low]
             : -1;
}

/* Pass 1 over one block: how many characters of each script it holds, and
 * what the text scanners need in it (as gw__scan_needs: every byte that
 * it looks at starts a character). */
static void count_block(const uint8_t *flat, const char *text, uint32_t start, uint32_t end,
                        gw__script_count *counts) {
  /* Both counts in one word, so that a character costs one addition and
   * no branch: the table gives a script to Han characters only (see
   * script_table.h), which need no test of their own here. */
  static const uint64_t one[4] = {[GW__SCRIPT_SIMPLIFIED] = 1,
                                  [GW__SCRIPT_TRADITIONAL] = (uint64_t)1 << 32};
  uint64_t tally = 0;
  unsigned needs = 0;
  for (size_t pos = start; pos < end;) {
    /* The characters of U+3000-U+9FFF one after the other, nearly all of
     * a report: none is a byte the text scanners look for, and flat holds
     * the script of each from U+3400 on. */
    int32_t cp;
    while (flat && pos < end && cjk_char_at(text, end, pos, &cp)) {
      if (cp >= GW__SCRIPT_FIRST) tally += one[flat[cp - GW__SCRIPT_FIRST]];
      pos += 3;
    }
    if (pos >= end) break;
    unsigned char lead = (unsigned char)text[pos];
    if (lead < 0x80) { /* line breaks, digits, Latin, half-width marks */
      needs |= gw__byte_needs[lead];
      pos++;
      continue;
    }
    cp = char_at(text, end, &pos);
    if (lead == 0xC2) needs |= GW__NEEDS_SPACE;
    else if (cp == 0xFF08) needs |= GW__NEEDS_BRACKET; /* （ */
    if ((uint32_t)(cp - GW__SCRIPT_FIRST) <= GW__SCRIPT_LAST - GW__SCRIPT_FIRST) {
      tally += one[script_in(flat, cp)];
    }
  }
  counts->simplified = (uint32_t)tally;
  counts->traditional = (uint32_t)(tally >> 32);
  counts->text_needs = needs;
}

#define EXCERPT_CHARS 16

/* A run of minority characters, read once: what the finding shows and the
 * fix writes are put together as the run grows. */
typedef struct {
  gw__linter *linter;
  const gw_document *doc;
  const uint8_t *flat; /* flat_table() */
  int minority;
  bool fixable;                /* minority traditional: converted to simplified */
  traditional_index *index;    /* when fixable, filled at the first conversion */
  bool indexed;
  uint32_t run_start, run_end; /* the minority characters of the current run */
  uint32_t reach;              /* the end of its last character of any script */
  /* Every character of a run is a Han character (valid UTF-8, no line
   * break), so that the excerpt of its message is the text itself, cut
   * after EXCERPT_CHARS characters: `cut` is where (0 until then). */
  uint32_t chars, cut;
  /* The fix: [run_start, reach) converted, of which [0, converted_end)
   * covers the run; no_fix when a character of the minority has no
   * one-character simplified form.  A run is at most 96 bytes and 32
   * characters, each converted to at most 4 bytes. */
  char converted[192];
  size_t converted_length, converted_end;
  bool no_fix;
} run_context;

static bool run_open(const run_context *c) { return c->run_end > c->run_start; }

/* Reports the open run. */
static void flush_run(run_context *c) {
  uint32_t start = c->run_start, end = c->run_end;
  c->run_start = c->run_end = c->reach = 0;
  if (!gw__lint_begin(c->linter, GW__RULE_TEXT_MIXED_SCRIPT, start, end)) return;
  bool cut = c->cut && c->cut < end;
  gw__piece excerpt = {c->doc->text + start, (cut ? c->cut : end) - start};
  gw__piece ellipsis = cut ? GW__PIECE("…") : GW__PIECE("");
  bool traditional = c->minority == GW__SCRIPT_TRADITIONAL;
  gw__piece en[] = {traditional ? GW__PIECE("Traditional characters in “")
                                : GW__PIECE("Simplified characters in “"),
                    excerpt, ellipsis,
                    traditional ? GW__PIECE("”, in a text written in simplified ones.")
                                : GW__PIECE("”, in a text written in traditional ones.")};
  gw__piece zh[] = {traditional ? GW__PIECE("简体文本中夹杂繁体字：“")
                                : GW__PIECE("繁体文本中夹杂简体字：“"),
                    excerpt, ellipsis, GW__PIECE("”。")};
  gw__lint_message_pieces(c->linter, GW_LANG_EN, en, sizeof en / sizeof en[0]);
  gw__lint_message_pieces(c->linter, GW_LANG_ZH, zh, sizeof zh / sizeof zh[0]);
  if (c->fixable && !c->no_fix) {
    gw__lint_edit(c->linter, start, end, c->converted, c->converted_end);
  }
}

/* Adds the character text[start, end) of `script` to the open run. */
static void grow_run(run_context *c, uint32_t start, uint32_t end, int32_t cp, int script) {
  if (++c->chars == EXCERPT_CHARS) c->cut = end;
  c->reach = end;
  if (script == c->minority) c->run_end = end;
  if (!c->fixable || c->no_fix) return;
  /* Only the characters of the minority change: those at home in both
   * scripts (著 in 显著) stay as they are. */
  if (script == c->minority) {
    uint16_t known = c->flat && cp <= FLAT_LAST ? flat_simplified[cp - GW__SCRIPT_FIRST] : 0;
    int32_t simplified = known == FLAT_NO_FORM ? -1 : known;
    if (!known) {
      if (!c->indexed) {
        index_traditional(c->index);
        c->indexed = true;
      }
      simplified = simplified_of(c->index, cp);
    }
    if (simplified < 0) {
      c->no_fix = true; /* no one-to-one form: no fix */
      return;
    }
    char *out = c->converted + c->converted_length;
    if (simplified >= 0x800 && simplified <= 0xFFFF &&
        (simplified < 0xD800 || simplified > 0xDFFF)) {
      /* Three bytes, as gw__encode writes them, without the call. */
      out[0] = (char)(0xE0 | (simplified >> 12));
      out[1] = (char)(0x80 | ((simplified >> 6) & 0x3F));
      out[2] = (char)(0x80 | (simplified & 0x3F));
      c->converted_length += 3;
    } else {
      c->converted_length += gw__encode(simplified, out);
    }
    c->converted_end = c->converted_length;
  } else {
    /* Three or four bytes: copied without a call to memcpy. */
    char *out = c->converted + c->converted_length;
    const char *in = c->doc->text + start;
    if (end - start == 3) {
      memcpy(out, in, 2);
      out[2] = in[2];
    } else {
      for (uint32_t at = 0; at < end - start; at++) out[at] = in[at];
    }
    c->converted_length += end - start;
  }
}

/* Pass 2 over one block: runs of minority characters, with the characters
 * at home in both scripts between them (認真學習 is one finding); a run ends
 * at a character of the majority, at anything that is not Han, at 32
 * characters and at the end of the block (its line break). */
static void report_runs(run_context *c, uint32_t block_start, uint32_t block_end) {
  for (size_t pos = block_start; pos < block_end;) {
    uint32_t start = (uint32_t)pos;
    int32_t cp;
    int script = script_at(c->flat, c->doc->text, block_end, &pos, &cp);
    uint32_t end = (uint32_t)pos;
    bool goes_on = run_open(c) && c->reach == start && end - c->run_start <= 96;
    if (goes_on && (script == GW__SCRIPT_NEUTRAL || script == c->minority)) {
      grow_run(c, start, end, cp, script);
      continue;
    }
    if (run_open(c)) flush_run(c);
    if (script == c->minority) {
      c->run_start = start;
      c->chars = c->cut = 0;
      c->converted_length = c->converted_end = 0;
      c->no_fix = false;
      grow_run(c, start, end, cp, script);
    }
  }
  if (run_open(c)) flush_run(c);
}

void gw__count_scripts(const gw_document *doc, const gw__block *blocks, size_t count,
                       gw__script_count *counts) {
  const uint8_t *flat = flat_table();
  for (size_t i = 0; i < count; i++) {
    count_block(flat, doc->text, blocks[i].start, blocks[i].end, &counts[i]);
    /* Web residue is no text of the document's: its script is not counted. */
    if (blocks[i].kind == GW__BLOCK_RESIDUE) counts[i].simplified = counts[i].traditional = 0;
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
  traditional_index index;
  bool fixable = script == GW__SCRIPT_TRADITIONAL;
  run_context c = {.linter = linter, .doc = doc, .flat = flat_table(), .minority = script,
                   .fixable = fixable, .index = &index};
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
