/*
 * Scanning running text for the rules of the text group.  Each scanner reads a byte
 * range once, front to back, and reports what it finds through a callback,
 * so that it can be tested on plain strings and costs time linear in the
 * range.
 */
#include "lint.h"

#include <stdlib.h>
#include <string.h>

bool gw__is_cjk_punctuation(int32_t cp) {
  if (cp >= 0x3000 && cp <= 0x303F) return cp != 0x3007; /* 、。《》「」【】〔〕 … */
  if (cp >= 0xFF01 && cp <= 0xFF65) {                    /* full-width forms */
    return !(cp >= 0xFF10 && cp <= 0xFF19) && !(cp >= 0xFF21 && cp <= 0xFF3A) &&
           !(cp >= 0xFF41 && cp <= 0xFF5A);
  }
  switch (cp) {
  case 0x2014: case 0x2026: case 0x201C: case 0x201D: case 0x2018: case 0x2019:
  case 0x00B7: case 0xFE30: case 0xFE31:
    return true;
  default:
    return false;
  }
}

/* What makes the text around a punctuation mark Chinese. */
static bool is_chinese(int32_t cp) {
  return gw__is_han(cp) || gw__is_cjk_punctuation(cp) || (cp >= 0xFF10 && cp <= 0xFF5A);
}

static bool is_ascii_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }
static bool is_ascii_letter(int32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Spaces inside a line (not line breaks, not the ideographic space that
 * indents paragraphs). */
static bool is_inline_space(int32_t cp) { return cp == ' ' || cp == '\t' || cp == 0x00A0; }

static int32_t decode_at(const char *text, size_t end, size_t pos, size_t *next) {
  size_t p = pos;
  int32_t cp = gw__next_char(text, end, &p);
  if (next) *next = p;
  return cp;
}

/* ------------------------------------------------------------------------ */
/* What a range needs scanned                                                */

const unsigned char gw__byte_needs[256] = {
    [','] = GW__NEEDS_MARK,   [':'] = GW__NEEDS_MARK, [';'] = GW__NEEDS_MARK,
    [')'] = GW__NEEDS_MARK,   ['?'] = GW__NEEDS_MARK, ['('] = GW__NEEDS_MARK | GW__NEEDS_BRACKET,
    [' '] = GW__NEEDS_SPACE,  ['\t'] = GW__NEEDS_SPACE,
    [0xC2] = GW__NEEDS_SPACE,   /* the no-break space is C2 A0 */
    [0xEF] = GW__NEEDS_BRACKET, /* （ is EF BC 88; checked below */
};

/* What the byte at `pos` of text[start, end) shows a scanner to look for. */
static unsigned needs_at(const char *text, size_t pos, size_t end) {
  unsigned k = gw__byte_needs[(unsigned char)text[pos]];
  if (k == GW__NEEDS_BRACKET && !(pos + 2 < end && (unsigned char)text[pos + 1] == 0xBC &&
                                  (unsigned char)text[pos + 2] == 0x88)) {
    return 0;
  }
  return k;
}

/* The high bit of some byte of `word` set when one of its bytes is below
 * `n` (at most 0x80), or, for has_byte, equal to `byte`: the exact "some
 * byte is below n" trick (which byte it marks may be wrong, whether one
 * does is not). */
static inline uint64_t has_below(uint64_t word, unsigned char n) {
  const uint64_t ones = 0x0101010101010101u;
  return (word - ones * n) & ~word & (ones * 0x80);
}
static inline uint64_t has_byte(uint64_t word, unsigned char byte) {
  return has_below(word ^ (0x0101010101010101u * byte), 1);
}

/* Whether any of the 8 bytes of `word` is one that needs_at may take for
 * something: below 0x40 (the ASCII ones, along with digits and line
 * breaks), 0xC2 or 0xEF.  Chinese text is mostly bytes 0x80-0xBF and
 * 0xE4-0xE9, so that most words of it are passed over whole. */
static inline bool may_need(uint64_t word) {
  return has_below(word, 0x40) | has_byte(word, 0xC2) | has_byte(word, 0xEF);
}

unsigned gw__scan_needs(const char *text, size_t start, size_t end) {
  unsigned found = 0;
  size_t pos = start;
  while (pos < end && found != GW__NEEDS_ALL) {
    size_t stop = end - pos < 8 ? end : pos + 8;
    if (stop - pos == 8) {
      uint64_t word;
      memcpy(&word, text + pos, 8);
      if (!may_need(word)) {
        pos = stop;
        continue;
      }
    }
    for (; pos < stop; pos++) found |= needs_at(text, pos, end);
  }
  return found;
}

/* ------------------------------------------------------------------------ */
/* Pinyin annotations                                                        */

static bool is_tone_vowel(int32_t cp) {
  switch (cp) {
  case 0x0101: case 0x00E1: case 0x01CE: case 0x00E0: /* ā á ǎ à */
  case 0x0113: case 0x00E9: case 0x011B: case 0x00E8: /* ē é ě è */
  case 0x012B: case 0x00ED: case 0x01D0: case 0x00EC: /* ī í ǐ ì */
  case 0x014D: case 0x00F3: case 0x01D2: case 0x00F2: /* ō ó ǒ ò */
  case 0x016B: case 0x00FA: case 0x01D4: case 0x00F9: /* ū ú ǔ ù */
  case 0x01D6: case 0x01D8: case 0x01DA: case 0x01DC: /* ǖ ǘ ǚ ǜ */
  case 0x0144: case 0x0148: case 0x01F9: case 0x1E3F: /* ń ň ǹ ḿ */
    return true;
  default:
    return false;
  }
}

#define MAX_PINYIN_BYTES 48

/* If a pinyin annotation `(zhèn)` (either bracket width) starts at `pos`,
 * its end; else 0.  Pinyin is lowercase letters, ü, tone-marked vowels and
 * spaces between syllables, and carries at least one tone: a marked vowel
 * or a digit 1-5 after a syllable (`zhen4`). */
static size_t pinyin_end(const char *text, size_t end, size_t pos) {
  size_t p;
  int32_t open = decode_at(text, end, pos, &p);
  if (open != '(' && open != 0xFF08) return 0;
  bool tone = false, letters = false;
  while (p < end && p - pos <= MAX_PINYIN_BYTES) {
    size_t next;
    int32_t cp = decode_at(text, end, p, &next);
    if (cp == ')' || cp == 0xFF09) return tone && letters ? next : 0;
    if (cp >= 'a' && cp <= 'z') letters = true;
    else if (is_tone_vowel(cp)) letters = tone = true;
    else if (cp == 0x00FC) letters = true; /* ü */
    else if (cp >= '1' && cp <= '5' && letters) tone = true;
    else if (cp != ' ' && cp != '\'') return 0;
    p = next;
  }
  return 0;
}

/* Whether the bytes at `pos` are `（` (U+FF08). */
static bool full_width_open_at(const char *text, size_t end, size_t pos) {
  return pos + 2 < end && (unsigned char)text[pos] == 0xEF &&
         (unsigned char)text[pos + 1] == 0xBC && (unsigned char)text[pos + 2] == 0x88;
}

/* From `pos` on, past the words of eight bytes that hold neither `(` nor
 * EF, the first byte of `（`: where one may start (or where fewer than
 * eight bytes are left). */
static size_t skip_to_bracket(const char *text, size_t pos, size_t end) {
  while (end - pos >= 8) {
    uint64_t word;
    memcpy(&word, text + pos, 8);
    if (has_byte(word, '(') | has_byte(word, 0xEF)) break;
    pos += 8;
  }
  return pos;
}

void gw__scan_pinyin(const char *text, size_t start, size_t end, gw__text_hit_fn hit,
                     void *context) {
  /* Brackets are few: go from one to the next. */
  for (size_t pos = start; pos < end; pos++) {
    pos = skip_to_bracket(text, pos, end);
    if (pos >= end) break;
    if (text[pos] != '(' && !full_width_open_at(text, end, pos)) continue;
    size_t before = pos;
    if (pos == start || !gw__is_han(gw__char_before(text, &before)) || before < start) {
      continue;
    }
    size_t annotation_end = pinyin_end(text, end, pos);
    if (annotation_end) {
      gw__text_hit found = {(uint32_t)pos, (uint32_t)annotation_end, "", 0};
      hit(context, &found);
      pos = annotation_end - 1;
    }
  }
}

/* ------------------------------------------------------------------------ */
/* Half-width punctuation                                                    */

static const char *full_width_of(int32_t cp) {
  switch (cp) {
  case ',': return "\xEF\xBC\x8C";  /* ， */
  case ':': return "\xEF\xBC\x9A";  /* ： */
  case ';': return "\xEF\xBC\x9B";  /* ； */
  case '(': return "\xEF\xBC\x88";  /* （ */
  case ')': return "\xEF\xBC\x89";  /* ） */
  case '?': return "\xEF\xBC\x9F";  /* ？ */
  default: return NULL;
  }
}

static bool starts_with_ignoring_case(const char *text, size_t end, size_t pos,
                                      const char *word) {
  size_t n = strlen(word);
  if (end - pos < n) return false;
  for (size_t i = 0; i < n; i++) {
    char c = text[pos + i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

/* If a URL starts at `pos`, its end (trailing punctuation excluded); else 0. */
static size_t url_end(const char *text, size_t end, size_t pos) {
  static const char *const starts[] = {"http://", "https://", "ftp://", "www.", NULL};
  bool url = false;
  for (const char *const *s = starts; *s && !url; s++) {
    url = starts_with_ignoring_case(text, end, pos, *s);
  }
  if (!url) return 0;
  size_t p = pos;
  while (p < end) {
    unsigned char c = (unsigned char)text[p];
    if (c <= ' ' || c >= 0x80 || c == '"' || c == '<' || c == '>') break;
    p++;
  }
  while (p > pos && strchr(",.;:?!)", text[p - 1])) p--;
  return p;
}

/* The full-width forms of the marks: like the marks themselves, they are
 * transparent when the neighbours of a mark are sought, so that converting
 * one mark never changes how another is judged. */
static bool is_full_width_mark(int32_t cp) {
  return cp == 0xFF0C || cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF08 || cp == 0xFF09 ||
         cp == 0xFF1F;
}

static bool is_open_paren(int32_t cp) { return cp == '(' || cp == 0xFF08; }
static bool is_close_paren(int32_t cp) { return cp == ')' || cp == 0xFF09; }

typedef struct {
  uint32_t start, end; /* the half-width mark */
  uint32_t run;        /* index of its run */
  bool forced;         /* its bracket pair is Chinese */
} mark;

typedef struct {
  uint32_t end;     /* where the run stops */
  int32_t after;    /* the character after it, 0 at the end of the range */
  bool chinese;     /* the characters around it are Chinese */
} mark_run;

typedef struct {
  uint32_t run;
  uint32_t at;           /* where the bracket is */
  uint32_t han_end;      /* the end of the last Han character before it (0: none) */
  long mark;             /* its index in the marks, -1 when full-width */
  bool open;
} bracket_info;

/* Room in the scan itself for the marks, runs and brackets of a paragraph
 * that holds few: most do, and allocating for them costs more than
 * scanning them. */
#define SCAN_INLINE 16

typedef struct {
  mark *marks;
  size_t mark_count, mark_capacity;
  mark_run *runs;
  size_t run_count, run_capacity;
  bracket_info *brackets;
  size_t bracket_count, bracket_capacity;
  bool failed;
  mark marks_inline[SCAN_INLINE];
  mark_run runs_inline[SCAN_INLINE];
  bracket_info brackets_inline[SCAN_INLINE];
} mark_scan;

/* Grows *array (of `size`-byte elements, first held in `inline_room`) to
 * hold `needed`. */
static bool grow_array(void **array, size_t *capacity, size_t needed, size_t size,
                       void *inline_room) {
  size_t grown = *capacity * 2;
  if (grown < needed || grown > SIZE_MAX / size) return false;
  void *bigger = *array == inline_room ? malloc(grown * size) : realloc(*array, grown * size);
  if (!bigger) return false;
  if (*array == inline_room) memcpy(bigger, inline_room, *capacity * size);
  *array = bigger;
  *capacity = grown;
  return true;
}

/* Whether *array has room for `needed` elements, grown if not. */
static inline bool room_for(void **array, size_t *capacity, size_t needed, size_t size,
                            void *inline_room) {
  return needed <= *capacity || grow_array(array, capacity, needed, size, inline_room);
}

/* Eight bytes of text, the first in the lowest bits whatever the machine. */
static inline uint64_t load_little_endian(const unsigned char *bytes) {
  uint64_t word;
  memcpy(&word, bytes, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  word = __builtin_bswap64(word);
#endif
  return word;
}

/* Whether the eight bytes of `word` are characters of U+1000-U+CFFF as
 * skip_chinese takes them, or parts of them, with their lead bytes where
 * `leads` has 0xFF: each lead byte E1-EC, each other byte 80-BF. */
static inline bool chinese_word(uint64_t word, uint64_t leads) {
  const uint64_t ones = 0x0101010101010101u;
  uint64_t follows = ~leads;
  uint64_t high_bits = (leads & ones * 0xF0) | (follows & ones * 0xC0);
  uint64_t expected = (leads & ones * 0xE0) | (follows & ones * 0x80);
  uint64_t low = word & leads & ones * 0x0F, signs = leads & ones * 0x80;
  /* A lead's low half is 1-C: 0x73 carries into the sign from D on, 0x7F
   * from 1 on; no byte carries into the next. */
  return (word & high_bits) == expected && ((low + (leads & ones * 0x73)) & signs) == 0 &&
         ((low + (leads & ones * 0x7F)) & signs) == signs;
}

/* Past the valid three-byte characters of U+1000-U+CFFF (lead bytes E1-EC,
 * none of them overlong or a surrogate) from `pos` on: where they stop.
 * That is Chinese text and its punctuation (。、“”), nearly all of a
 * report, and none of it is transparent: the marks and their full-width
 * forms are ASCII or U+FFxx.  Eight characters (24 bytes, three words)
 * are passed over at a time.  find_runs needs the last character (*last)
 * and the end of the last Han character (*han_end) among them, both
 * unchanged when there is none. */
static size_t skip_chinese(const char *text, size_t end, size_t pos, uint32_t *han_end,
                           int32_t *last) {
  const unsigned char *s = (const unsigned char *)text;
  size_t from = pos;
  while (end - pos >= 24 && chinese_word(load_little_endian(s + pos), 0x00FF0000FF0000FFu) &&
         chinese_word(load_little_endian(s + pos + 8), 0xFF0000FF0000FF00u) &&
         chinese_word(load_little_endian(s + pos + 16), 0x0000FF0000FF0000u)) {
    pos += 24;
  }
  while (pos + 2 < end && s[pos] - 0xE1u <= 0xECu - 0xE1u &&
         ((s[pos + 1] ^ 0x80u) | (s[pos + 2] ^ 0x80u)) < 0x40u) {
    pos += 3;
  }
  for (size_t at = pos; at > from; at -= 3) {
    int32_t cp = ((s[at - 3] & 0x0F) << 12) | ((s[at - 2] & 0x3F) << 6) | (s[at - 1] & 0x3F);
    if (at == pos) *last = cp;
    if (gw__is_han(cp)) {
      *han_end = (uint32_t)at;
      break;
    }
  }
  return pos;
}

/* Pass 1: the runs of transparent characters (marks of either width,
 * spaces, pinyin annotations) and what surrounds them; the marks and the
 * brackets in them. */
static void find_runs(const char *text, size_t start, size_t end, mark_scan *scan) {
  int32_t before = 0;   /* the last non-transparent character */
  int32_t previous = 0; /* the character right before pos */
  uint32_t han_end = 0; /* of the last Han character */
  bool in_run = false;
  size_t pos = start;
  while (pos < end && !scan->failed) {
    if (!in_run) {
      pos = skip_chinese(text, end, pos, &han_end, &previous);
      before = previous;
      if (pos == end) break;
    }
    size_t next;
    int32_t cp = decode_at(text, end, pos, &next);
    size_t annotation = is_open_paren(cp) && gw__is_han(previous) ? pinyin_end(text, end, pos) : 0;
    size_t url = !annotation && is_ascii_letter(cp) ? url_end(text, end, pos) : 0;
    bool transparent = annotation || (!url && (full_width_of(cp) || is_full_width_mark(cp) ||
                                                is_inline_space(cp)));
    if (transparent && !in_run) {
      if (!room_for((void **)&scan->runs, &scan->run_capacity, scan->run_count + 1,
                    sizeof(mark_run), scan->runs_inline)) {
        scan->failed = true;
        break;
      }
      scan->runs[scan->run_count++] = (mark_run){0, 0, is_chinese(before)};
      in_run = true;
    }
    if (!transparent) {
      if (in_run) {
        mark_run *run = &scan->runs[scan->run_count - 1];
        run->end = (uint32_t)pos;
        run->after = url ? 'a' : cp;
        run->chinese = run->chinese || is_chinese(run->after);
        in_run = false;
      }
      if (gw__is_han(cp)) han_end = (uint32_t)next;
      before = previous = url ? 'a' : cp;
      pos = url ? url : next;
      continue;
    }
    uint32_t run = (uint32_t)scan->run_count - 1;
    if (annotation) {
      previous = ')';
      pos = annotation;
      continue;
    }
    long mark_index = -1;
    if (full_width_of(cp)) {
      if (!room_for((void **)&scan->marks, &scan->mark_capacity, scan->mark_count + 1,
                    sizeof(mark), scan->marks_inline)) {
        scan->failed = true;
        break;
      }
      mark_index = (long)scan->mark_count;
      scan->marks[scan->mark_count++] = (mark){(uint32_t)pos, (uint32_t)next, run, false};
    }
    if (is_open_paren(cp) || is_close_paren(cp)) {
      if (!room_for((void **)&scan->brackets, &scan->bracket_capacity, scan->bracket_count + 1,
                    sizeof(bracket_info), scan->brackets_inline)) {
        scan->failed = true;
        break;
      }
      scan->brackets[scan->bracket_count++] =
          (bracket_info){run, (uint32_t)pos, han_end, mark_index, is_open_paren(cp)};
    }
    previous = cp;
    pos = next;
  }
  if (in_run && !scan->failed) {
    mark_run *run = &scan->runs[scan->run_count - 1];
    run->end = (uint32_t)end;
    run->after = 0;
  }
}

/* Pass 2: a bracket pair is Chinese when either bracket's run is, or when
 * it holds Chinese: `(2025年)` at the start of a line.  Both brackets of such
 * a pair are fixed.  Pairs are matched whatever their width, so that the
 * matching does not change as brackets are fixed. */
static void judge_pairs(mark_scan *scan) {
  size_t stack_inline[SCAN_INLINE];
  size_t *stack = scan->bracket_count <= SCAN_INLINE
                      ? stack_inline
                      : malloc(scan->bracket_count * sizeof *stack);
  if (!stack) {
    scan->failed = true;
    return;
  }
  size_t depth = 0;
  for (size_t i = 0; i < scan->bracket_count; i++) {
    const bracket_info *b = &scan->brackets[i];
    if (b->open) {
      stack[depth++] = i;
      continue;
    }
    if (depth == 0) continue;
    const bracket_info *open = &scan->brackets[stack[--depth]];
    bool chinese = scan->runs[open->run].chinese || scan->runs[b->run].chinese ||
                   b->han_end > open->at;
    if (!chinese) continue;
    if (open->mark >= 0) scan->marks[open->mark].forced = true;
    if (b->mark >= 0) scan->marks[b->mark].forced = true;
  }
  if (stack != stack_inline) free(stack);
}

static bool fixed_mark(const mark_scan *scan, size_t i) {
  return scan->marks[i].forced || scan->runs[scan->marks[i].run].chinese;
}

void gw__scan_halfwidth_punctuation(const char *text, size_t start, size_t end,
                                    gw__text_hit_fn hit, void *context) {
  mark_scan scan;
  scan.marks = scan.marks_inline;
  scan.runs = scan.runs_inline;
  scan.brackets = scan.brackets_inline;
  scan.mark_count = scan.run_count = scan.bracket_count = 0;
  scan.mark_capacity = scan.run_capacity = scan.bracket_capacity = SCAN_INLINE;
  scan.failed = false;
  find_runs(text, start, end, &scan);
  if (!scan.failed) judge_pairs(&scan);
  /* Pass 3: report, in order.  Spaces after a mark go with it when another
   * fixed mark or Chinese text follows them: `要求, 我镇` → `要求，我镇`. */
  for (size_t i = 0; i < scan.mark_count && !scan.failed; i++) {
    if (!fixed_mark(&scan, i)) continue;
    const mark *m = &scan.marks[i];
    const mark_run *run = &scan.runs[m->run];
    size_t p = m->end;
    while (p < run->end && (text[p] == ' ' || text[p] == '\t')) p++;
    bool next_fixed = i + 1 < scan.mark_count && scan.marks[i + 1].start == p &&
                      fixed_mark(&scan, i + 1);
    bool chinese_follows = p == run->end && is_chinese(run->after);
    uint32_t hit_end = next_fixed || chinese_follows ? (uint32_t)p : m->end;
    const char *full = full_width_of((unsigned char)text[m->start]);
    gw__text_hit found = {m->start, hit_end, full, strlen(full)};
    hit(context, &found);
  }
  if (scan.marks != scan.marks_inline) free(scan.marks);
  if (scan.runs != scan.runs_inline) free(scan.runs);
  if (scan.brackets != scan.brackets_inline) free(scan.brackets);
}

/* ------------------------------------------------------------------------ */
/* Digit spacing                                                             */

static bool is_number_part(int32_t cp) {
  return is_ascii_digit(cp) || cp == '.' || cp == ',' || cp == '%';
}

/* Whether Latin text follows the number at `pos`: `10 GB`, `Windows 10`
 * are Latin text, where spaces are right. */
static bool latin_after_number(const char *text, size_t end, size_t pos) {
  int32_t cp = 0;
  while (pos < end && is_number_part(cp = decode_at(text, end, pos, &pos))) {}
  while (pos < end && is_inline_space(cp)) cp = decode_at(text, end, pos, &pos);
  return is_ascii_letter(cp);
}

void gw__scan_digit_spacing(const char *text, size_t start, size_t end, gw__text_hit_fn hit,
                            void *context) {
  int32_t previous = 0, last_visible = 0;
  bool number_after_latin = false; /* the last number followed Latin text */
  size_t pos = start;
  while (pos < end) {
    size_t next;
    int32_t cp = decode_at(text, end, pos, &next);
    if (!is_inline_space(cp)) {
      if (is_ascii_digit(cp) && !is_number_part(previous)) {
        number_after_latin = is_ascii_letter(last_visible);
      }
      previous = last_visible = cp;
      pos = next;
      continue;
    }
    size_t spaces = pos;
    while (pos < end && is_inline_space(cp = decode_at(text, end, pos, &next))) pos = next;
    if (pos >= end) break;
    bool number_before = is_ascii_digit(previous) || previous == '%';
    bool fault = (number_before && gw__is_han(cp) && !number_after_latin) ||
                 (gw__is_han(previous) && is_ascii_digit(cp) && !latin_after_number(text, end, pos));
    if (fault) {
      gw__text_hit found = {(uint32_t)spaces, (uint32_t)pos, "", 0};
      hit(context, &found);
    }
    previous = ' ';
  }
}

/* ------------------------------------------------------------------------ */
/* Sentence ends                                                             */

static bool ends_sentence(int32_t cp) {
  switch (cp) {
  case 0x3002: case 0xFF0E: case '.': case 0xFF01: case '!': case 0xFF1F: case '?':
  case 0xFF1B: case ';': case 0xFF1A: case ':': case 0x2026:           /* 。．.！!？?；;：:… */
  case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xFF09: case ')':
  case 0x300B: case 0x3009: case 0x3011: case ']': case 0x3015:        /* ”’」』）)》〉】]〕 */
    return true;
  default:
    return false;
  }
}

static bool is_trailing_space(int32_t cp) {
  return is_inline_space(cp) || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xFEFF ||
         cp == 0x200B || cp == '\v' || cp == '\f';
}

bool gw__ends_mid_sentence(const char *text, size_t start, size_t end) {
  size_t pos = end;
  while (pos > start) {
    size_t p = pos;
    int32_t cp = gw__char_before(text, &p);
    if (p < start) return false;
    if (!is_trailing_space(cp)) return !ends_sentence(cp);
    pos = p;
  }
  return false; /* nothing but white space */
}
