/*
 * External scanner for the gongwen grammar.
 *
 * Every token of the grammar comes from here.  When a line starts, the
 * scanner reads (a bounded window of) the line, decides what kind of line it
 * is and returns a token naming that kind: zero-width, except that a
 * paragraph's goes on over the text it read (scan_paragraph_start).  The
 * calls that follow cut the line into its pieces: the parts of a heading
 * marker, the heading title, running text and enumeration items.  Because the kind is decided
 * here, most changes to what counts as a heading, a title or residue need no
 * regeneration of the parser.
 *
 * Rules this file keeps:
 * - code points are classified by explicit tables, never by <ctype.h>, which
 *   is undefined for values outside unsigned char;
 * - no recursion, and every look-ahead is bounded, so the cost of a scan is
 *   linear in what it consumes plus a constant;
 * - the serialized state is two bytes.
 */

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Must match the order of `externals` in grammar.js. */
enum TokenType {
  EOL,
  PARAGRAPH_START,
  H1_START,
  H2_START,
  H3_START,
  H4_START,
  H5_START,
  TITLE_START,
  BYLINE_START,
  RECIPIENT_START,
  ORGANIZATION_START,
  DATE_START,
  RESIDUE_START,
  RESIDUE_MORE_START,
  LINE,
  PARAGRAPH_LINE,
  PARAGRAPH_TEXT,
  PAREN,
  CN_NUMBER,
  ARABIC_NUMBER,
  CIRCLED_NUMBER,
  DELIMITER,
  HEADING_TITLE,
  TITLE_END,
  TEXT,
  ITEM_NUMBER,
  ITEM_SUFFIX,
  ERROR_SENTINEL,
};

/* Where in the document the scanner is; only moves forward. */
enum Phase {
  PHASE_START,    /* nothing but blank lines so far */
  PHASE_FRONT,    /* after the title: bylines and a recipient may follow */
  PHASE_PREAMBLE, /* after the first paragraph */
  PHASE_BODY,     /* after the first heading */
};

typedef struct {
  uint8_t phase;
  uint8_t title_lines_left; /* title lines still to come, decided on the first */
} Scanner;

/* ------------------------------------------------------------------------ */
/* Code points                                                               */

#define CP_IDEOGRAPHIC_COMMA 0x3001 /* 、 */
#define CP_IDEOGRAPHIC_STOP 0x3002  /* 。 */
#define CP_FW_COMMA 0xFF0C          /* ， */
#define CP_FW_PERIOD 0xFF0E         /* ． */
#define CP_FW_COLON 0xFF1A          /* ： */
#define CP_FW_SEMICOLON 0xFF1B      /* ； */
#define CP_FW_LPAREN 0xFF08         /* （ */
#define CP_FW_RPAREN 0xFF09         /* ） */
#define CP_FW_EXCLAMATION 0xFF01    /* ！ */
#define CP_FW_QUESTION 0xFF1F       /* ？ */
#define CP_SHI 0x662F               /* 是 */
#define CP_FOU 0x5426               /* 否 */
#define CP_NIAN 0x5E74              /* 年 */
#define CP_YUE 0x6708               /* 月 */
#define CP_RI 0x65E5                /* 日 */
#define CP_EM_DASH 0x2014           /* — */

static bool is_newline(int32_t c) { return c == '\n' || c == '\r'; }

/* White space that may indent a line or pad it; a line of nothing else is
 * blank.  U+FEFF is a byte order mark, U+200B a zero-width space left by
 * web pages. */
static bool is_blank(int32_t c) {
  switch (c) {
  case ' ': case '\t': case '\v': case '\f':
  case 0x00A0: case 0x3000: case 0xFEFF: case 0x200B:
    return true;
  default:
    return false;
  }
}

static bool is_ascii_digit(int32_t c) { return c >= '0' && c <= '9'; }

/* 0-9 and the full-width ０-９. */
static bool is_arabic_digit(int32_t c) {
  return is_ascii_digit(c) || (c >= 0xFF10 && c <= 0xFF19);
}

/* The digits of an enumeration item: 一 … 十. */
static bool is_item_digit(int32_t c) {
  switch (c) {
  case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一二三四五 */
  case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六七八九十 */
    return true;
  default:
    return false;
  }
}

/* Chinese numerals of heading markers, common and formal, simplified and
 * traditional. */
static bool is_cn_digit(int32_t c) {
  if (is_item_digit(c)) return true;
  switch (c) {
  case 0x3007: case 0x96F6:                              /* 〇零 */
  case 0x767E: case 0x5343: case 0x4E24: case 0x5169:    /* 百千两兩 */
  case 0x58F9: case 0x8D30: case 0x8CB3: case 0x53C1:    /* 壹贰貳叁 */
  case 0x53C3: case 0x8086: case 0x4F0D: case 0x9646:    /* 參肆伍陆 */
  case 0x9678: case 0x67D2: case 0x634C: case 0x7396:    /* 陸柒捌玖 */
  case 0x62FE: case 0x4F70:                              /* 拾佰 */
    return true;
  default:
    return false;
  }
}

/* Digits that may spell a year in a date: 〇 零 一 … 九. */
static bool is_cn_year_digit(int32_t c) {
  return c == 0x3007 || c == 0x96F6 || (is_item_digit(c) && c != 0x5341);
}

/* ① … ⑳, ㉑ … ㉟, ㊱ … ㊿. */
static bool is_circled(int32_t c) {
  return (c >= 0x2460 && c <= 0x2473) || (c >= 0x3251 && c <= 0x325F) ||
         (c >= 0x32B1 && c <= 0x32BF);
}

static bool is_open_paren(int32_t c) { return c == '(' || c == CP_FW_LPAREN; }
static bool is_close_paren(int32_t c) { return c == ')' || c == CP_FW_RPAREN; }

/* What may follow the number of a marker: the standard `、` and `.`, and
 * the look-alikes that real documents use instead. */
static bool is_delimiter(int32_t c) {
  return c == CP_IDEOGRAPHIC_COMMA || c == '.' || c == CP_FW_PERIOD ||
         c == ',' || c == CP_FW_COMMA;
}

/* After these, running text is cut so that an enumeration item may start. */
static bool is_clause_end(int32_t c) {
  return c == CP_IDEOGRAPHIC_STOP || c == CP_FW_SEMICOLON || c == CP_FW_COLON ||
         c == ';' || c == ':';
}

/* Punctuation that a title, an organisation or a date line never holds. */
static bool is_sentence_punct(int32_t c) {
  return is_clause_end(c) || c == CP_FW_COMMA || c == ',' ||
         c == CP_FW_EXCLAMATION || c == CP_FW_QUESTION || c == '!' || c == '?';
}

/* ------------------------------------------------------------------------ */
/* Reading a line into a window                                              */

/* Enough for any title, byline, signature or residue line; longer lines are
 * paragraphs, so nothing past the window is needed to classify them. */
#define LINE_WINDOW 160

/* After the front matter only signature and residue lines remain to be told
 * from paragraphs, and those are at most 40 characters: reading less of each
 * line saves reading most paragraphs twice. */
#define BODY_LINE_WINDOW 48

/* How much blank text a look-ahead to the next line may cross. */
#define BLANK_BUDGET 256

typedef struct {
  int32_t cp[LINE_WINDOW];
  uint32_t len;  /* code points in cp */
  bool complete; /* the line ended within the window */
} Line;

/* The look-ahead is 0 at the end of the input; asking eof() only then saves
 * a call per character. */
static bool at_line_end(TSLexer *lexer) {
  int32_t c = lexer->lookahead;
  return is_newline(c) || (c == 0 && lexer->eof(lexer));
}

static void start_line(Line *line) {
  line->len = 0;
  line->complete = false;
}

/* Reads on into the window until the line ends or the window holds `window`
 * code points, so that a line is read only as far as its kind needs. */
static void read_line(TSLexer *lexer, Line *line, uint32_t window) {
  while (!line->complete) {
    if (at_line_end(lexer)) {
      line->complete = true;
    } else {
      if (line->len >= window) return;
      line->cp[line->len++] = lexer->lookahead;
      lexer->advance(lexer, false);
    }
  }
}

/* From the end of a complete line, move to the first non-blank character of
 * the next non-blank line, crossing at most BLANK_BUDGET characters. */
static bool advance_to_next_line(TSLexer *lexer) {
  for (unsigned budget = BLANK_BUDGET; budget > 0; budget--) {
    if (lexer->eof(lexer)) return false;
    int32_t c = lexer->lookahead;
    if (!is_newline(c) && !is_blank(c)) return true;
    lexer->advance(lexer, false);
  }
  return false;
}

static int32_t line_at(const Line *line, uint32_t i) {
  if (i < line->len) return line->cp[i];
  return line->complete ? '\n' : 0;
}

/* Length without trailing blanks. */
static uint32_t trimmed_len(const Line *line) {
  uint32_t n = line->len;
  while (n > 0 && is_blank(line->cp[n - 1])) n--;
  return n;
}

static int32_t last_char(const Line *line) {
  uint32_t n = trimmed_len(line);
  return n > 0 ? line->cp[n - 1] : 0;
}

/* Decodes one code point of a UTF-8 literal in this file. */
static int32_t decode_utf8(const char **s) {
  const unsigned char *p = (const unsigned char *)*s;
  int32_t c;
  int extra;
  if (p[0] < 0x80) { c = p[0]; extra = 0; }
  else if (p[0] < 0xE0) { c = p[0] & 0x1F; extra = 1; }
  else if (p[0] < 0xF0) { c = p[0] & 0x0F; extra = 2; }
  else { c = p[0] & 0x07; extra = 3; }
  for (int i = 1; i <= extra; i++) c = (c << 6) | (p[i] & 0x3F);
  *s += 1 + extra;
  return c;
}

static bool matches_at(const Line *line, uint32_t at, const char *word) {
  const char *s = word;
  for (uint32_t i = at; *s; i++) {
    if (i >= line->len || line->cp[i] != decode_utf8(&s)) return false;
  }
  return true;
}

static bool contains_any(const Line *line, const char *const *words) {
  for (; *words; words++) {
    const char *rest = *words;
    int32_t first = decode_utf8(&rest);
    for (uint32_t at = 0; at < line->len; at++) {
      if (line->cp[at] == first && matches_at(line, at, *words)) return true;
    }
  }
  return false;
}

static bool ends_with_any(const Line *line, const char *const *words) {
  uint32_t n = trimmed_len(line);
  for (; *words; words++) {
    const char *s = *words;
    uint32_t k = 0;
    while (*s) { decode_utf8(&s); k++; }
    if (k <= n && matches_at(line, n - k, *words)) return true;
  }
  return false;
}

static bool has_sentence_punct(const Line *line) {
  for (uint32_t i = 0; i < line->len; i++) {
    if (is_sentence_punct(line->cp[i])) return true;
  }
  return false;
}

static bool contains_char(const Line *line, int32_t c) {
  for (uint32_t i = 0; i < line->len; i++) {
    if (line->cp[i] == c) return true;
  }
  return false;
}

/* ------------------------------------------------------------------------ */
/* Line classification                                                       */

static uint32_t count_run(const Line *line, uint32_t i, bool (*in_run)(int32_t)) {
  uint32_t start = i;
  while (i < line->len && in_run(line->cp[i])) i++;
  return i - start;
}

/* Value of a run of Arabic digits (full-width too), saturating. */
static uint32_t arabic_value(const Line *line, uint32_t i, uint32_t n) {
  uint32_t v = 0;
  for (uint32_t k = 0; k < n; k++) {
    int32_t c = line->cp[i + k];
    v = v * 10 + (uint32_t)(is_ascii_digit(c) ? c - '0' : c - 0xFF10);
    if (v > 100000) return v;
  }
  return v;
}

#define MAX_CN_DIGITS 8
#define MAX_ARABIC_DIGITS 4

/* A heading number of Arabic digits: at most four of them, and not a year,
 * so that `2025.`, `（2025）` stay text. */
static bool plausible_arabic_number(const Line *line, uint32_t i, uint32_t n) {
  if (n == 0 || n > MAX_ARABIC_DIGITS) return false;
  uint32_t v = arabic_value(line, i, n);
  return !(n == 4 && v >= 1900 && v <= 2099);
}

/*
 * The level (1-5) of the heading marker that starts the line, or 0.
 *   1  一、   also 一. 一． 一， 一,
 *   2  （一） also (一) (一） 一）, optionally followed by a delimiter
 *   3  1.    also 1． 1、; never 1.5 or 1、2
 *   4  （1）  like level 2 with Arabic digits
 *   5  ①     optionally followed by a delimiter
 */
static int marker_level(const Line *line) {
  int32_t c = line_at(line, 0);
  if (is_circled(c)) return 5;

  uint32_t i = is_open_paren(c) ? 1 : 0;
  uint32_t cn = count_run(line, i, is_cn_digit);
  uint32_t ar = cn ? 0 : count_run(line, i, is_arabic_digit);
  if (cn > MAX_CN_DIGITS) return 0;
  if (ar && !plausible_arabic_number(line, i, ar)) return 0;
  if (!cn && !ar) return 0;
  uint32_t after = i + cn + ar;
  int32_t next = line_at(line, after);

  if (is_close_paren(next)) return cn ? 2 : 4;
  if (i == 1 || !is_delimiter(next)) return 0;

  /* Unbracketed: the delimiter must not join two numbers (1.5, 1、2, 3,000). */
  bool number_follows = is_arabic_digit(line_at(line, after + 1));
  if (cn) {
    return (next == CP_IDEOGRAPHIC_COMMA || !number_follows) ? 1 : 0;
  }
  bool dot_or_comma = next == '.' || next == CP_FW_PERIOD || next == CP_IDEOGRAPHIC_COMMA;
  return (dot_or_comma && !number_follows) ? 3 : 0;
}

/* Reads as much of the line as marker_level looks at: an opening bracket,
 * the numerals (more than MAX_CN_DIGITS make no marker), the character after
 * them and, after a delimiter, one more.  Most lines of a report's body are
 * headings, told from these few characters; the heading's tokens read them
 * again, so reading no further saves reading its title twice. */
static void read_marker(TSLexer *lexer, Line *line) {
  read_line(lexer, line, 1);
  int32_t first = line_at(line, 0);
  uint32_t start = is_open_paren(first) ? 1 : 0;
  if (start == 0 && !is_cn_digit(first) && !is_arabic_digit(first)) return;
  uint32_t end = start;
  for (;;) {
    read_line(lexer, line, end + 1);
    int32_t c = line_at(line, end);
    if (end - start > MAX_CN_DIGITS || !(is_cn_digit(c) || is_arabic_digit(c))) break;
    end++;
  }
  if (is_delimiter(line_at(line, end))) read_line(lexer, line, end + 2);
}

/* `2021年12月30日`, `二〇二一年十二月三十日`, with spaces allowed between the
 * parts and nothing else on the line. */
static bool is_date_line(const Line *line) {
  if (!line->complete) return false;
  uint32_t n = trimmed_len(line);
  uint32_t i = 0;
  static const int32_t units[3] = {CP_NIAN, CP_YUE, CP_RI};
  for (int part = 0; part < 3; part++) {
    while (i < n && is_blank(line->cp[i])) i++;
    uint32_t digits;
    if (part == 0) {
      digits = count_run(line, i, is_arabic_digit);
      if (digits == 0) digits = count_run(line, i, is_cn_year_digit);
      if (digits != 4) return false;
    } else {
      digits = count_run(line, i, is_arabic_digit);
      if (digits == 0) digits = count_run(line, i, is_item_digit);
      if (digits == 0 || digits > 3) return false;
    }
    i += digits;
    while (i < n && is_blank(line->cp[i])) i++;
    if (i >= n || line->cp[i] != units[part]) return false;
    i++;
  }
  return i == n;
}

/* A publication line under the title of a web page. */
static bool is_byline(const Line *line) {
  static const char *const words[] = {
      "发布时间", "發布時間", "发布日期", "發布日期", "来源：", "來源：",
      "来源:", "來源:", "信息来源", "資訊來源", "门户网站", "門戶網站",
      "浏览次数", "瀏覽次數", "点击数", "點擊數", "字号", "字號", NULL,
  };
  if (!line->complete || contains_char(line, CP_IDEOGRAPHIC_STOP)) return false;
  if (contains_any(line, words) || is_date_line(line)) return true;
  /* A timestamp: 2026-02-02 or 2026/02/02. */
  for (uint32_t i = 0; i + 4 < line->len; i++) {
    if (count_run(line, i, is_ascii_digit) == 4 &&
        (line->cp[i + 4] == '-' || line->cp[i + 4] == '/') &&
        is_ascii_digit(line_at(line, i + 5))) {
      return true;
    }
  }
  return false;
}

/* `青禾县人民政府：` on a line of its own, before the preamble. */
static bool is_recipient(const Line *line) {
  static const char *const not_recipient[] = {"如下", "以下", "下列", NULL};
  if (!line->complete || trimmed_len(line) > 40) return false;
  int32_t last = last_char(line);
  if (last != CP_FW_COLON && last != ':') return false;
  for (uint32_t i = 0; i + 1 < trimmed_len(line); i++) {
    if (is_sentence_punct(line->cp[i])) return false;
  }
  return !contains_any(line, not_recipient);
}

/* Web-page residue that no report holds: a line of it starts a residue block. */
static bool is_residue(const Line *line) {
  static const char *const words[] = {
      "扫一扫", "掃一掃", "全部留言", "打印本页", "打印本頁", "关闭窗口",
      "關閉窗口", "【打印】", "【关闭】", "【關閉】", "分享到", "相关链接",
      "相關鏈接", "上一篇", "下一篇", "返回顶部", "返回頂部", "网站地图",
      "網站地圖", "有用()", NULL,
  };
  if (matches_at(line, 0, "![") ) return true;
  return line->complete && trimmed_len(line) <= 40 && contains_any(line, words);
}

/* Short lines that are residue when they follow residue: `- /`, `- 評論`. */
static bool is_residue_continuation(const Line *line) {
  if (!line->complete || trimmed_len(line) > 24) return false;
  int32_t first = line_at(line, 0);
  if (first == '-' || first == '*' || first == '/' || first == '|' || first == '>') {
    return true;
  }
  return ends_with_any(line, (const char *const[]){"()", "（）", NULL});
}

/* Words that end the title of a report. */
static bool ends_like_title(const Line *line) {
  static const char *const words[] = {
      "报告", "報告", "总结", "總結", "情况", "情況", "汇报", "匯報", "彙報",
      "方案", "计划", "計劃", "要点", "要點", "意见", "意見", "通知", "说明",
      "說明", "清单", "清單", "通报", "通報", "讲话", "講話", NULL,
  };
  int32_t last = last_char(line);
  return is_close_paren(last) || ends_with_any(line, words);
}

/* The first line of a document is its title unless it reads as prose. */
static bool is_title_line(const Line *line) {
  if (!line->complete || trimmed_len(line) > 80) return false;
  int32_t last = last_char(line);
  return !contains_char(line, CP_IDEOGRAPHIC_STOP) && !is_clause_end(last) &&
         last != CP_FW_COMMA && last != ',';
}

/* Whether `next` continues the title whose last line so far is `prev`: an
 * organisation line is followed by the title proper, and any title may be
 * followed by a bracketed or dashed subtitle. */
static bool continues_title(const Line *prev, const Line *next) {
  if (!next->complete || trimmed_len(next) > 60) return false;
  if (has_sentence_punct(next) || marker_level(next) || is_byline(next)) return false;
  int32_t first = line_at(next, 0);
  bool subtitle = is_open_paren(first) || first == CP_EM_DASH;
  return subtitle || !ends_like_title(prev);
}

/* A line of a signature's organisation: short, no punctuation. */
static bool is_organization_line(const Line *line) {
  if (!line->complete || trimmed_len(line) == 0 || trimmed_len(line) > 40) return false;
  return !has_sentence_punct(line) && !marker_level(line) && !is_date_line(line);
}

#define MAX_ORGANIZATION_LINES 3

/* With the lexer at the end of a complete organisation line: is a date line
 * reached after at most MAX_ORGANIZATION_LINES - 1 more organisation lines? */
static bool date_follows(TSLexer *lexer) {
  Line next;
  for (int k = 1; k <= MAX_ORGANIZATION_LINES; k++) {
    if (!advance_to_next_line(lexer)) return false;
    start_line(&next);
    read_line(lexer, &next, BODY_LINE_WINDOW);
    if (is_date_line(&next)) return true;
    if (k == MAX_ORGANIZATION_LINES || !is_organization_line(&next)) return false;
  }
  return false;
}

#define MAX_TITLE_LINES 3

/* With the lexer at the end of the first title line: how many of the lines
 * that follow continue the title. */
static uint8_t count_title_continuations(TSLexer *lexer, const Line *first) {
  Line lines[2];
  const Line *prev = first;
  uint8_t count = 0;
  while (count < MAX_TITLE_LINES - 1) {
    Line *next = &lines[count % 2];
    if (!advance_to_next_line(lexer)) break;
    start_line(next);
    read_line(lexer, next, LINE_WINDOW);
    if (!continues_title(prev, next)) break;
    count++;
    prev = next;
  }
  return count;
}

/* Every token marks its end explicitly: the scanner reads on past it. */
static bool accept(TSLexer *lexer, enum TokenType type) {
  lexer->result_symbol = type;
  return true;
}

static bool accept_here(TSLexer *lexer, enum TokenType type) {
  lexer->mark_end(lexer);
  return accept(lexer, type);
}

/* ------------------------------------------------------------------------ */
/* Running text and enumeration items                                        */

#define MAX_ITEM_DIGITS 3

/* Reads a run of item numerals, at most one more than an item's number may
 * hold, and returns how many it read. */
static int read_item_digits(TSLexer *lexer) {
  int digits = 0;
  while (digits <= MAX_ITEM_DIGITS && is_item_digit(lexer->lookahead)) {
    lexer->advance(lexer, false);
    digits++;
  }
  return digits;
}

/* After the numerals that read_item_digits read: reads the 是 that makes
 * them the number of an enumeration item (`一是`, `十一是`; not `一是否`) and
 * returns whether it does. */
static bool read_item_suffix(TSLexer *lexer, int digits) {
  if (digits == 0 || digits > MAX_ITEM_DIGITS || lexer->lookahead != CP_SHI) return false;
  lexer->advance(lexer, false);
  return lexer->lookahead != CP_FOU;
}

/*
 * Reads running text up to the end of the line or up to an enumeration item,
 * which may start after a clause end (`。一是`, also after blanks: `。 一是`),
 * and marks the end of the text after its last non-blank character.  Returns
 * whether an item follows; *any is set when a non-blank character was read.
 * The text is one token however many clauses it holds: tokens cost the
 * parser more than characters cost the scanner.
 */
static bool scan_text_run(TSLexer *lexer, bool *any) {
  bool unmarked = false; /* non-blank characters read since the last mark_end */
  for (;;) {
    int32_t c = lexer->lookahead;
    /* Most of the text: no ideograph ends a line or a clause or is blank. */
    if (c >= 0x4E00 && c <= 0x9FFF) {
      lexer->advance(lexer, false);
      unmarked = true;
      *any = true;
      continue;
    }
    if (at_line_end(lexer)) break;
    if (is_blank(c)) {
      /* The text may end before these blanks. */
      if (unmarked) lexer->mark_end(lexer);
      unmarked = false;
      lexer->advance(lexer, false);
      continue;
    }
    lexer->advance(lexer, false);
    *any = true;
    if (!is_clause_end(c)) {
      unmarked = true;
      continue;
    }
    lexer->mark_end(lexer);
    unmarked = false;
    while (is_blank(lexer->lookahead)) lexer->advance(lexer, false);
    int digits = read_item_digits(lexer);
    if (read_item_suffix(lexer, digits)) return true;
    /* No item: what was read after the blanks is text. */
    unmarked = digits > 0;
  }
  if (unmarked) lexer->mark_end(lexer);
  return false;
}

enum ItemStart { NO_ITEM, ITEM, ITEM_UNKNOWN };

/* Whether scan_text_run would find an enumeration item at position i of the
 * window (after blanks); ITEM_UNKNOWN when the window ends too soon to say. */
static enum ItemStart item_start_at(const Line *line, uint32_t i) {
  while (i < line->len && is_blank(line->cp[i])) i++;
  uint32_t digits = 0;
  while (i < line->len && digits <= MAX_ITEM_DIGITS && is_item_digit(line->cp[i])) {
    i++;
    digits++;
  }
  if (digits > MAX_ITEM_DIGITS) return NO_ITEM;
  if (i == line->len) return line->complete ? NO_ITEM : ITEM_UNKNOWN;
  if (digits == 0 || line->cp[i] != CP_SHI) return NO_ITEM;
  i++;
  if (i == line->len) return line->complete ? ITEM : ITEM_UNKNOWN;
  return line->cp[i] != CP_FOU ? ITEM : NO_ITEM;
}

/* Whether an enumeration item may start within the window: at the start of
 * the line or after a clause end. */
static bool window_may_hold_item(const Line *line) {
  if (item_start_at(line, 0) != NO_ITEM) return true;
  for (uint32_t i = 0; i < line->len; i++) {
    if (is_clause_end(line->cp[i]) && item_start_at(line, i + 1) != NO_ITEM) return true;
  }
  return false;
}

/* Reads the end of a line (`\n`, `\r\n`, a lone `\r`, or nothing at the end
 * of the input) and marks the end of the token after it. */
static void consume_line_end(TSLexer *lexer) {
  if (lexer->lookahead == '\r') {
    lexer->advance(lexer, false);
    if (lexer->lookahead == '\n') lexer->advance(lexer, false);
  } else if (lexer->lookahead == '\n') {
    lexer->advance(lexer, false);
  }
  lexer->mark_end(lexer);
}

/*
 * A paragraph line whose first characters are in the window, the lexer just
 * after them.  The token that opens it is zero-width only when an item may
 * start within the window (a token cannot end at a place already read past);
 * else it takes the text on to the first item, or the whole line with its end
 * when no item starts on it, so that the line's characters are read once.
 */
static bool scan_paragraph_start(TSLexer *lexer, const Line *line, const bool *valid) {
  if (!valid[PARAGRAPH_LINE] || !valid[PARAGRAPH_TEXT] || window_may_hold_item(line)) {
    return accept(lexer, PARAGRAPH_START);
  }
  bool any = false;
  if (scan_text_run(lexer, &any)) return accept(lexer, PARAGRAPH_TEXT);
  consume_line_end(lexer);
  return accept(lexer, PARAGRAPH_LINE);
}

/* At the start of a line: skip blank lines and indentation, then name the
 * kind of the line with a token that starts it. */
static bool scan_line_start(Scanner *s, TSLexer *lexer, const bool *valid) {
  for (;;) {
    if (lexer->eof(lexer)) return false;
    int32_t c = lexer->lookahead;
    if (!is_blank(c) && !is_newline(c)) break;
    lexer->advance(lexer, true);
  }
  lexer->mark_end(lexer);

  Line line;
  start_line(&line);
  read_marker(lexer, &line);
  int level = marker_level(&line);
  if (level && valid[H1_START + level - 1]) {
    s->phase = PHASE_BODY;
    return accept(lexer, (enum TokenType)(H1_START + level - 1));
  }

  bool front_matter = s->phase <= PHASE_FRONT || valid[TITLE_START];
  read_line(lexer, &line, front_matter ? LINE_WINDOW : BODY_LINE_WINDOW);

  if (valid[TITLE_START]) {
    if (s->title_lines_left > 0) {
      s->title_lines_left--;
      return accept(lexer, TITLE_START);
    }
    if (s->phase == PHASE_START && is_title_line(&line) && !is_byline(&line)) {
      s->phase = PHASE_FRONT;
      s->title_lines_left = count_title_continuations(lexer, &line);
      return accept(lexer, TITLE_START);
    }
  }

  if (s->phase <= PHASE_FRONT) {
    if (valid[BYLINE_START] && is_byline(&line)) {
      s->phase = PHASE_FRONT;
      return accept(lexer, BYLINE_START);
    }
    if (valid[RECIPIENT_START] && is_recipient(&line)) {
      s->phase = PHASE_FRONT;
      return accept(lexer, RECIPIENT_START);
    }
  }

  if (valid[RESIDUE_START] && is_residue(&line)) return accept(lexer, RESIDUE_START);
  if (valid[RESIDUE_MORE_START] && is_residue_continuation(&line)) {
    return accept(lexer, RESIDUE_MORE_START);
  }

  if (valid[DATE_START] && is_date_line(&line)) return accept(lexer, DATE_START);
  /* date_follows reads the lines below: the lexer is then past this one. */
  bool read_past_line = false;
  if (valid[ORGANIZATION_START] && is_organization_line(&line)) {
    if (date_follows(lexer)) return accept(lexer, ORGANIZATION_START);
    read_past_line = true;
  }

  if (valid[PARAGRAPH_START]) {
    if (s->phase < PHASE_PREAMBLE) s->phase = PHASE_PREAMBLE;
    if (read_past_line) return accept(lexer, PARAGRAPH_START);
    return scan_paragraph_start(lexer, &line, valid);
  }
  return false;
}

/* ------------------------------------------------------------------------ */
/* Pieces of a line                                                          */

static void consume_run(TSLexer *lexer, bool (*in_run)(int32_t)) {
  while (!lexer->eof(lexer) && in_run(lexer->lookahead)) lexer->advance(lexer, false);
}

/* The rest of the line, ending at its last non-blank character. */
static bool scan_rest_of_line(TSLexer *lexer) {
  bool any = false;
  while (!at_line_end(lexer)) {
    bool blank = is_blank(lexer->lookahead);
    lexer->advance(lexer, false);
    if (!blank) {
      lexer->mark_end(lexer);
      any = true;
    }
  }
  return any && accept(lexer, LINE);
}

/* A colon between two digits is part of a time (14:57), not a title end. */
static bool ends_title(int32_t c) {
  return c == CP_IDEOGRAPHIC_STOP || c == CP_FW_COLON || c == ':';
}

/* The heading title: up to `。` or `：` or the end of the line. */
static bool scan_heading_title(TSLexer *lexer) {
  int32_t prev = 0;
  bool any = false;
  bool unmarked = false; /* non-blank characters read since the last mark_end */
  while (!at_line_end(lexer)) {
    int32_t c = lexer->lookahead;
    /* The title may end before this character. */
    if (unmarked && (is_blank(c) || ends_title(c))) {
      lexer->mark_end(lexer);
      unmarked = false;
    }
    if (ends_title(c)) {
      if (c != ':' || !is_ascii_digit(prev)) break;
      lexer->advance(lexer, false);
      if (!is_ascii_digit(lexer->lookahead)) break; /* title ends before ':' */
      continue;
    }
    lexer->advance(lexer, false);
    if (!is_blank(c)) {
      unmarked = true;
      any = true;
    }
    prev = c;
  }
  if (unmarked) lexer->mark_end(lexer);
  return any && accept(lexer, HEADING_TITLE);
}

/* Running text or, where one starts, the number of an enumeration item. */
static bool scan_text_or_item(TSLexer *lexer, const bool *valid) {
  bool any = false;
  if (valid[ITEM_NUMBER] && is_item_digit(lexer->lookahead)) {
    int digits = read_item_digits(lexer);
    lexer->mark_end(lexer);
    if (read_item_suffix(lexer, digits)) return accept(lexer, ITEM_NUMBER);
    /* Not an item: the numerals read so far begin the text, which goes on
     * from wherever the look-ahead stopped. */
    any = true;
  }
  if (!valid[TEXT]) return false;
  scan_text_run(lexer, &any);
  return any && accept(lexer, TEXT);
}

static bool scan_piece(TSLexer *lexer, const bool *valid) {
  /* Blanks before the end of a line, or before an item after a clause end
   * (scan_text_run), belong to neither the text nor the item. */
  if (valid[EOL] || valid[ITEM_NUMBER]) {
    while (is_blank(lexer->lookahead)) lexer->advance(lexer, true);
  }
  if (valid[EOL] && at_line_end(lexer)) {
    consume_line_end(lexer);
    return accept(lexer, EOL);
  }
  if (at_line_end(lexer)) return false;

  if (valid[LINE]) return scan_rest_of_line(lexer);

  int32_t c = lexer->lookahead;
  if (valid[PAREN] && (is_open_paren(c) || is_close_paren(c))) {
    lexer->advance(lexer, false);
    return accept_here(lexer, PAREN);
  }
  if (valid[CN_NUMBER] && is_cn_digit(c)) {
    consume_run(lexer, is_cn_digit);
    return accept_here(lexer, CN_NUMBER);
  }
  if (valid[ARABIC_NUMBER] && is_arabic_digit(c)) {
    consume_run(lexer, is_arabic_digit);
    return accept_here(lexer, ARABIC_NUMBER);
  }
  if (valid[CIRCLED_NUMBER] && is_circled(c)) {
    lexer->advance(lexer, false);
    return accept_here(lexer, CIRCLED_NUMBER);
  }
  if (valid[DELIMITER] && is_delimiter(c)) {
    lexer->advance(lexer, false);
    return accept_here(lexer, DELIMITER);
  }
  if (valid[ITEM_SUFFIX] && c == CP_SHI) {
    lexer->advance(lexer, false);
    return accept_here(lexer, ITEM_SUFFIX);
  }
  if (valid[TITLE_END] && ends_title(c)) {
    lexer->advance(lexer, false);
    return accept_here(lexer, TITLE_END);
  }
  if (valid[HEADING_TITLE]) return scan_heading_title(lexer);
  if (valid[TEXT] || valid[ITEM_NUMBER]) return scan_text_or_item(lexer, valid);
  return false;
}

static bool at_line_start(const bool *valid) {
  return valid[PARAGRAPH_START] || valid[ORGANIZATION_START] || valid[DATE_START];
}

/* ------------------------------------------------------------------------ */
/* Tree-sitter entry points                                                  */

void *tree_sitter_gongwen_external_scanner_create(void);
void tree_sitter_gongwen_external_scanner_destroy(void *payload);
unsigned tree_sitter_gongwen_external_scanner_serialize(void *payload, char *buffer);
void tree_sitter_gongwen_external_scanner_deserialize(void *payload, const char *buffer,
                                                      unsigned length);
bool tree_sitter_gongwen_external_scanner_scan(void *payload, TSLexer *lexer,
                                               const bool *valid_symbols);

void *tree_sitter_gongwen_external_scanner_create(void) {
  static const Scanner initial = {PHASE_START, 0};
  Scanner *s = malloc(sizeof *s);
  if (s) *s = initial;
  return s;
}

void tree_sitter_gongwen_external_scanner_destroy(void *payload) { free(payload); }

unsigned tree_sitter_gongwen_external_scanner_serialize(void *payload, char *buffer) {
  const Scanner *s = payload;
  buffer[0] = (char)s->phase;
  buffer[1] = (char)s->title_lines_left;
  return 2;
}

void tree_sitter_gongwen_external_scanner_deserialize(void *payload, const char *buffer,
                                                      unsigned length) {
  Scanner *s = payload;
  s->phase = PHASE_START;
  s->title_lines_left = 0;
  if (length >= 2) {
    s->phase = (uint8_t)buffer[0] <= PHASE_BODY ? (uint8_t)buffer[0] : PHASE_BODY;
    s->title_lines_left = (uint8_t)buffer[1] < MAX_TITLE_LINES ? (uint8_t)buffer[1] : 0;
  }
}

bool tree_sitter_gongwen_external_scanner_scan(void *payload, TSLexer *lexer,
                                               const bool *valid_symbols) {
  Scanner *s = payload;
  if (valid_symbols[ERROR_SENTINEL]) return false;
  bool found = at_line_start(valid_symbols) ? scan_line_start(s, lexer, valid_symbols)
                                            : scan_piece(lexer, valid_symbols);
  /* Tree-sitter re-lexes a token after an edit only if the edit touches the
   * token or the first byte after what the scanner read.  Most tokens end on
   * a character that was only looked at, and that character may be several
   * bytes long: read it, so that an edit to any of its bytes counts.  An
   * ASCII character (the `\n` after most tokens) is its first byte alone. */
  int32_t next = lexer->lookahead;
  if (found && (next < 0 || next >= 0x80)) lexer->advance(lexer, false);
  return found;
}
