/*
 * text/mixed-script: traditional and simplified characters in one document.
 *
 * ICU's transliterators say which script a character belongs to: one that
 * Hant-Hans changes is traditional, one that Hans-Hant changes simplified.
 * What they say of a character never changes, so it is kept for the life of
 * the process: a lint asks ICU only about characters no lint has met before
 * (all of them in one string, one per line).  In an editor that lints a
 * report after every change, that is nothing after the first time.  Then
 * one pass counts the characters of each script, and a second, only when
 * both occur, reports the characters of the minority.
 */
#include "lint.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* Characters at home in both scripts, though ICU's converters map them:
 * simplified forms that are traditional characters too (干 于 并 后 …, the
 * one-to-many cases such as 干/乾/幹), and traditional forms that simplified
 * text still writes (著 乾 瞭).  Without them a mainland site's traditional
 * page (領導干部, 發布) would read as mixed. */
static const char shared_characters[] =
    "干于并范筑征后采台里面余只准云周制冲松谷丑斗卷回划借了蒙朴舍万向叶郁愿岳注表才党几价据"
    "克么沈术症致占折游御扎吁凶咸困胡姜腊霉涂伙系历复尽获汇钟须庄佣"
    "著乾瞭藉覆";

#define HAN_FIRST 0x3400
#define HAN_LAST 0x2FFFF
#define HAN_SPAN (HAN_LAST - HAN_FIRST + 1)

/* SCRIPT_UNKNOWN: not asked yet. */
enum { SCRIPT_UNKNOWN = 0, SCRIPT_NEUTRAL, SCRIPT_SIMPLIFIED, SCRIPT_TRADITIONAL };

/* The process-wide memory of what ICU said, by code point - HAN_FIRST.
 * Lints on several threads may fill it at once: they write the same values,
 * the simplified form before the script (release), and read the script
 * first (acquire). */
static _Atomic uint8_t known_script[HAN_SPAN];
static _Atomic int32_t known_simplified[HAN_SPAN]; /* -1: not one character */

static inline bool counts_as_han(int32_t cp) {
  return cp >= HAN_FIRST && cp <= HAN_LAST && gw__is_han(cp);
}

static int script_of(int32_t cp) {
  return atomic_load_explicit(&known_script[cp - HAN_FIRST], memory_order_acquire);
}

static int32_t simplified_of(int32_t cp) {
  return atomic_load_explicit(&known_simplified[cp - HAN_FIRST], memory_order_relaxed);
}

/* The characters of the document that no lint has asked ICU about; the
 * arrays are allocated when the first one is met, which after the first lint
 * of a process is rarely. */
typedef struct {
  uint8_t *listed; /* a bit per code point - HAN_FIRST */
  int32_t *chars;
  size_t count, capacity;
  bool failed; /* out of memory */
} unknown_chars;

static void note_unknown(unknown_chars *unknown, int32_t cp) {
  if (unknown->failed) return;
  if (!unknown->listed && !(unknown->listed = calloc(HAN_SPAN / 8 + 1, 1))) {
    unknown->failed = true;
    return;
  }
  uint32_t bit = (uint32_t)(cp - HAN_FIRST);
  if (unknown->listed[bit / 8] & (1u << (bit % 8))) return;
  if (unknown->count == unknown->capacity) {
    size_t grown = unknown->capacity ? unknown->capacity * 2 : 256;
    int32_t *bigger = realloc(unknown->chars, grown * sizeof *bigger);
    if (!bigger) {
      unknown->failed = true;
      return;
    }
    unknown->chars = bigger;
    unknown->capacity = grown;
  }
  unknown->listed[bit / 8] |= (uint8_t)(1u << (bit % 8));
  unknown->chars[unknown->count++] = cp;
}

/* Pass 1 over one block: how many characters of each script it holds
 * (SCRIPT_UNKNOWN: not asked yet, listed in `unknown`). */
static void count_block(const char *text, uint32_t start, uint32_t end, uint32_t counts[4],
                        unknown_chars *unknown) {
  uint32_t local[4] = {0, 0, 0, 0}; /* in registers, not through `counts` */
  for (size_t pos = start; pos < end;) {
    const unsigned char *s = (const unsigned char *)text + pos;
    int32_t cp;
    if (s[0] < 0xE3 || s[0] > 0xE9 || pos + 2 >= end || (s[1] & 0xC0) != 0x80 ||
        (s[2] & 0xC0) != 0x80) {
      if (s[0] < 0x80) {
        pos++;
        continue;
      }
      cp = gw__next_char(text, end, &pos);
    } else {
      /* The common case, U+3000-U+9FFF: three bytes, decoded here. */
      cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
      pos += 3;
    }
    if (!counts_as_han(cp)) continue;
    int script = script_of(cp);
    local[script]++;
    if (script == SCRIPT_UNKNOWN) note_unknown(unknown, cp);
  }
  for (int s = 0; s < 4; s++) counts[s] += local[s];
}

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

/* Each of chars[0..count) through `t`: into converted[i] its result when
 * that is one character, else -1. */
static gw_status convert_all(UTransliterator *t, const int32_t *chars, size_t count,
                             int32_t *converted) {
  /* Each character is at most two units and a line break, and may grow. */
  size_t capacity = count * 6 + 16;
  UChar *buffer = malloc(capacity * sizeof *buffer);
  if (!buffer) return GW_ERROR_NOMEM;
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
    UChar32 cp = -1;
    if (pos < length && buffer[pos] != '\n') U16_NEXT(buffer, pos, length, cp);
    if (pos < length && buffer[pos] != '\n') cp = -1; /* more than one character */
    converted[i] = cp;
    while (pos < length && buffer[pos] != '\n') pos++;
    if (pos < length) pos++;
  }
  free(buffer);
  return ok ? GW_OK : GW_ERROR_ENCODING;
}

static bool is_shared(int32_t cp) {
  char key[5];
  key[gw__encode(cp, key)] = '\0';
  return strstr(shared_characters, key) != NULL;
}

/* Asks ICU about the unknown characters and remembers the answers;
 * GW_ERROR_ENCODING when ICU cannot transliterate. */
static gw_status classify(const unknown_chars *unknown) {
  UTransliterator *s2t = open_transliterator("Hans-Hant");
  UTransliterator *t2s = open_transliterator("Hant-Hans");
  int32_t *traditional = malloc(unknown->count * sizeof *traditional);
  int32_t *simplified = malloc(unknown->count * sizeof *simplified);
  gw_status status = !s2t || !t2s ? GW_ERROR_ENCODING
                     : traditional && simplified ? GW_OK
                                                 : GW_ERROR_NOMEM;
  if (status == GW_OK) status = convert_all(s2t, unknown->chars, unknown->count, traditional);
  if (status == GW_OK) status = convert_all(t2s, unknown->chars, unknown->count, simplified);
  for (size_t i = 0; status == GW_OK && i < unknown->count; i++) {
    int32_t cp = unknown->chars[i];
    uint8_t script = SCRIPT_NEUTRAL;
    if (is_shared(cp)) script = SCRIPT_NEUTRAL;
    else if (simplified[i] != cp) script = SCRIPT_TRADITIONAL;
    else if (traditional[i] != cp) script = SCRIPT_SIMPLIFIED;
    atomic_store_explicit(&known_simplified[cp - HAN_FIRST], simplified[i], memory_order_relaxed);
    atomic_store_explicit(&known_script[cp - HAN_FIRST], script, memory_order_release);
  }
  free(traditional);
  free(simplified);
  utrans_close(s2t);
  utrans_close(t2s);
  return status;
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
  gw__lint_excerpt(c->doc, start, end, 16, chars, sizeof chars);
  bool traditional = c->minority == SCRIPT_TRADITIONAL;
  gw__lint_message(c->linter, GW_LANG_EN, "%s characters in “%s”, in a text written in %s ones.",
                   traditional ? "Traditional" : "Simplified", chars,
                   traditional ? "simplified" : "traditional");
  gw__lint_message(c->linter, GW_LANG_ZH, "%s文本中夹杂%s字：“%s”。",
                   traditional ? "简体" : "繁体", traditional ? "繁体" : "简体", chars);
  if (!c->fixable) return;
  /* Only the characters of the minority change: those at home in both
   * scripts (著 in 显著) stay as they are. */
  char converted[512];
  size_t length = 0;
  for (size_t pos = start; pos < end && length + 8 < sizeof converted;) {
    size_t at = pos;
    int32_t cp = gw__next_char(c->doc->text, end, &pos);
    if (counts_as_han(cp) && script_of(cp) == c->minority) {
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
    int32_t cp = gw__next_char(c->doc->text, block_end, &pos);
    uint32_t end = (uint32_t)pos;
    int script = counts_as_han(cp) ? script_of(cp) : -1;
    bool goes_on = c->run_end > c->run_start && c->reach == start && end - c->run_start <= 96;
    if (goes_on && script == SCRIPT_NEUTRAL) {
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

gw_status gw__count_scripts(const gw_document *doc, const gw__block *blocks, size_t count,
                            gw__script_count *counts) {
  uint32_t(*all)[4] = calloc(count ? count : 1, sizeof *all);
  if (!all) return GW_ERROR_NOMEM;
  unknown_chars unknown = {NULL, NULL, 0, 0, false};
  for (size_t i = 0; i < count; i++) {
    if (blocks[i].kind != GW__BLOCK_RESIDUE) {
      count_block(doc->text, blocks[i].start, blocks[i].end, all[i], &unknown);
    }
  }
  gw_status status = unknown.failed ? GW_ERROR_NOMEM : GW_OK;
  if (status == GW_OK && unknown.count) {
    /* Characters met for the first time: count again once they are known. */
    status = classify(&unknown);
    for (size_t i = 0; status == GW_OK && i < count; i++) {
      memset(all[i], 0, sizeof all[i]);
      if (blocks[i].kind != GW__BLOCK_RESIDUE) {
        count_block(doc->text, blocks[i].start, blocks[i].end, all[i], &unknown);
      }
    }
  }
  free(unknown.listed);
  free(unknown.chars);
  for (size_t i = 0; i < count; i++) {
    counts[i].simplified = status == GW_OK ? all[i][SCRIPT_SIMPLIFIED] : 0;
    counts[i].traditional = status == GW_OK ? all[i][SCRIPT_TRADITIONAL] : 0;
  }
  free(all);
  return status;
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
  int script = minority == GW__MINORITY_TRADITIONAL ? SCRIPT_TRADITIONAL : SCRIPT_SIMPLIFIED;
  run_context c = {linter, doc, script, script == SCRIPT_TRADITIONAL, 0, 0, 0};
  /* Pass 2 reads only the blocks that hold characters of the minority. */
  for (size_t i = 0; i < count; i++) {
    uint32_t held = script == SCRIPT_TRADITIONAL ? counts[i].traditional : counts[i].simplified;
    if (held) report_runs(&c, blocks[i].start, blocks[i].end);
  }
}

void gw__check_mixed_script(gw__linter *linter, const gw_document *doc, const gw__block *blocks,
                            size_t count) {
  gw__script_count *counts = malloc((count ? count : 1) * sizeof *counts);
  gw_status status = counts ? gw__count_scripts(doc, blocks, count, counts) : GW_ERROR_NOMEM;
  /* Without ICU's transliteration data the rule cannot judge: it stays
   * silent rather than fail the other checks. */
  if (status == GW_ERROR_NOMEM) gw__lint_fail(linter);
  if (status == GW_OK) {
    uint64_t simplified = 0, traditional = 0;
    for (size_t i = 0; i < count; i++) {
      simplified += counts[i].simplified;
      traditional += counts[i].traditional;
    }
    gw__report_mixed_script(linter, doc, blocks, count, counts,
                            gw__script_minority(simplified, traditional));
  }
  free(counts);
}
