/*
 * Pathological inputs: each is parsed and analysed (outline, navigation,
 * pairs, lint) within a generous time bound checked here, must satisfy
 * every invariant of fuzz/invariants.h, and must survive edits that give
 * what a fresh parse gives (diagnostics included).
 *
 * GW_TIME_SCALE multiplies the time bounds (sanitizers, valgrind);
 * GW_SIZE_DIVISOR divides the sizes (valgrind, where 1 MB takes minutes).
 */
#define _POSIX_C_SOURCE 200809L
#include "../../fuzz/invariants.h"
#include "check.h"
#include "robust.h"
#include "testutil.h"

#include <stdint.h>
#include <time.h>

/* Processor time of this process: what the library costs, whatever else
 * the machine is doing (the library runs on one thread). */
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double env_number(const char *name, double fallback) {
  const char *value = getenv(name);
  double v = value ? strtod(value, NULL) : 0;
  return v >= 1 ? v : fallback;
}

static double time_scale;
static size_t size_divisor;

/* `n` scaled down by GW_SIZE_DIVISOR, at least `floor`. */
static size_t scaled(size_t n, size_t floor) {
  size_t s = n / size_divisor;
  return s < floor ? floor : s;
}

/* A growing byte buffer. */
typedef struct {
  char *data;
  size_t length, capacity;
} buffer;

static void append(buffer *b, const char *bytes, size_t n) {
  if (b->length + n + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 1024;
    while (capacity < b->length + n + 1) capacity *= 2;
    char *bigger = realloc(b->data, capacity);
    if (!bigger) abort();
    b->data = bigger;
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, bytes, n);
  b->length += n;
  b->data[b->length] = '\0';
}

static void append_str(buffer *b, const char *s) { append(b, s, strlen(s)); }

static void repeat(buffer *b, const char *s, size_t times) {
  for (size_t i = 0; i < times; i++) append_str(b, s);
}

/* The random generator's state: the seed, printed where it is used. */
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_random(void) { return robust_random(&rng); }

/* What the library does for an editor on opening a file or after an edit:
 * outline, navigation from a few places, pairs, lint; the diagnostics go to
 * *out when it is not NULL. */
static void analyse(const gw_document *doc, gw_diagnostics **out) {
  size_t length = 0;
  gw_document_text(doc, &length);
  size_t places[] = {0, length / 2, length};
  for (int k = 0; k < 3; k++) {
    long crumbs[8];
    gw_breadcrumb(doc, places[k], crumbs, 8);
    gw_next_heading(doc, places[k], GW_NAV_SAME_LEVEL | GW_NAV_WRAP);
    gw_prev_heading(doc, places[k], GW_NAV_WRAP);
  }
  for (size_t i = 0; i < gw_pair_count(doc); i++) gw_pair_get(doc, i);
  gw_diagnostics *diagnostics = NULL;
  if (gw_lint(doc, NULL, &diagnostics) != GW_OK) diagnostics = NULL;
  if (out) *out = diagnostics;
  else gw_diagnostics_free(diagnostics);
}

/* Parses `text` and analyses it within `seconds` (scaled), checks the
 * invariants, and returns the document (NULL on failure, reported). */
static gw_document *parse_case(const char *name, const char *text, size_t length,
                               double seconds) {
  double limit = seconds * time_scale;
  double start = now();
  gw_document *doc = NULL;
  gw_diagnostics *diagnostics = NULL;
  gw_status status = gw_document_new(text, length, &doc);
  if (status == GW_OK) analyse(doc, &diagnostics);
  double took = now() - start;
  CHECK(status == GW_OK && diagnostics, "%s: parsed and linted (%zu bytes)", name, length);
  if (status != GW_OK) return NULL;
  CHECK(took <= limit, "%s: parsed and analysed in %.3f s (bound %.1f s)", name, took, limit);
  const char *why = gw_check_document(doc, 2048);
  if (!why && diagnostics) why = gw_check_diagnostics(doc, diagnostics, NULL);
  CHECK(why == NULL, "%s: invariants hold%s%s", name, why ? ": " : "", why ? why : "");
  gw_diagnostics_free(diagnostics);
  return doc;
}

/* Edits in the middle and, for documents under a megabyte, at the start
 * and the end, each within `seconds` (scaled); then the document must be
 * what a fresh parse gives.  Frees `doc`. */
static void edit_case(const char *name, gw_document *doc, double seconds) {
  if (!doc) return;
  double limit = seconds * time_scale;
  static const char *const inserts[] = {"\n（一）", "一、问题\n", "\xe4\xb8"};
  size_t length = 0;
  gw_document_text(doc, &length);
  int edits = length < (1 << 20) / size_divisor ? 3 : 1;
  double slowest = 0;
  const char *why = NULL;
  for (int k = 0; k < edits && !why; k++) {
    gw_document_text(doc, &length);
    size_t at = k == 0 ? length / 2 : k == 1 ? 0 : length;
    double start = now();
    gw_status status = gw_document_edit(doc, at, at, inserts[k], strlen(inserts[k]));
    if (status == GW_OK) analyse(doc, NULL);
    double took = now() - start;
    if (took > slowest) slowest = took;
    if (status != GW_OK) why = "an edit failed";
  }
  if (!why) {
    const char *text = gw_document_text(doc, &length);
    gw_document *fresh = NULL;
    if (gw_document_new(text, length, &fresh) != GW_OK) why = "a fresh parse failed";
    else why = gw_check_same(doc, fresh);
    if (!why) why = gw_check_same_lint(doc, fresh, NULL);
    gw_document_free(fresh);
  }
  CHECK(why == NULL, "%s: %d edits give a fresh parse's analysis%s%s", name, edits,
        why ? ": " : "", why ? why : "");
  CHECK(slowest <= limit, "%s: each edit re-analysed in %.3f s at most (bound %.1f s)", name,
        slowest, limit);
  gw_document_free(doc);
}

static size_t headings_of_level(const gw_document *doc, int level) {
  size_t counts[6];
  count_headings(doc, counts);
  return counts[level];
}

static void test_long_lines(void) {
  size_t megabyte = scaled(1 << 20, 4096);
  buffer b = {0};
  /* Prose without a newline or any punctuation. */
  while (b.length < megabyte) append_str(&b, "推进法治政府建设");
  gw_document *doc = parse_case("1 MB without a newline or punctuation", b.data, b.length, 10);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), 0, "  which is no heading");
  edit_case("1 MB without a newline", doc, 10);

  /* The same as a heading title, with clauses and enumeration items. */
  b.length = 0;
  append_str(&b, "一、");
  while (b.length < megabyte) append_str(&b, "一是加强学习；二是落实责任。");
  doc = parse_case("a 1 MB heading line with items", b.data, b.length, 10);
  if (doc) CHECK_EQ_INT(headings_of_level(doc, 1), 1, "  which is one heading");
  edit_case("a 1 MB heading line", doc, 10);

  /* One byte, repeated. */
  b.length = 0;
  while (b.length < megabyte) append_str(&b, "aaaaaaaaaaaaaaaa");
  edit_case("1 MB of `a`", parse_case("1 MB of `a`", b.data, b.length, 10), 10);

  /* Blanks only, and blanks ending a line of text. */
  b.length = 0;
  append_str(&b, "一、标题");
  while (b.length < megabyte) append_str(&b, "                \xe3\x80\x80");
  append_str(&b, "\n（一）下级\n");
  doc = parse_case("a title followed by 1 MB of blanks", b.data, b.length, 10);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), 2, "  two headings");
  edit_case("1 MB of blanks", doc, 10);
  free(b.data);
}

static void test_many_headings(void) {
  size_t count = scaled(100000, 1000);
  buffer b = {0};
  for (size_t i = 0; i < count; i++) append_str(&b, "一、总体情况\n");
  gw_document *doc = parse_case("100 000 headings of level 1", b.data, b.length, 15);
  if (doc) CHECK_EQ_INT(headings_of_level(doc, 1), count, "  all of them headings");
  edit_case("100 000 headings", doc, 5);

  /* Each level in turn: five deep, 20 000 times. */
  b.length = 0;
  for (size_t i = 0; i < count / 5; i++) {
    append_str(&b, "一、情况\n（一）学习\n1.制度\n（1）细则\n①要求\n");
  }
  doc = parse_case("100 000 headings, five levels deep", b.data, b.length, 15);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), count / 5 * 5, "  all of them headings");
  edit_case("100 000 nested headings", doc, 5);

  /* Problems and remedies with thousands of items each, which pairing
   * must match by position rather than compare all with all. */
  b.length = 0;
  append_str(&b, "一、存在的问题\n");
  for (size_t i = 0; i < count / 4; i++) append_str(&b, "一是学习不够深入；二是制度落实不到位。\n");
  append_str(&b, "二、整改措施\n");
  for (size_t i = 0; i < count / 4; i++) append_str(&b, "一是加强学习；二是狠抓制度落实。\n");
  doc = parse_case("100 000 problem and remedy items", b.data, b.length, 15);
  if (doc) CHECK_EQ_INT(gw_pair_count(doc), count / 4 * 2, "  every problem paired");
  edit_case("100 000 items", doc, 10);
  free(b.data);
}

static void test_unclosed_brackets(void) {
  size_t count = scaled(100000, 1000);
  buffer b = {0};
  repeat(&b, "（", count);
  gw_document *doc = parse_case("100 000 `（` on one line", b.data, b.length, 10);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), 0, "  no heading");
  edit_case("100 000 `（` on one line", doc, 10);

  b.length = 0;
  repeat(&b, "（\n", count);
  edit_case("100 000 lines of `（`", parse_case("100 000 lines of `（`", b.data, b.length, 10), 10);

  b.length = 0;
  repeat(&b, "（一\n(1\n（１\n", count / 3);
  doc = parse_case("100 000 markers without `）`", b.data, b.length, 10);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), 0, "  none of them a heading");
  edit_case("100 000 markers without `）`", doc, 10);

  b.length = 0;
  repeat(&b, "一、标题（未完", count / 4);
  append_str(&b, "\n");
  edit_case("unclosed `（` in a long title",
            parse_case("unclosed `（` in a long title", b.data, b.length, 10), 10);
  free(b.data);
}

static void test_deep_nesting(void) {
  buffer b = {0};
  /* 300 brackets deep around a number, full and half width. */
  repeat(&b, "（", 300);
  append_str(&b, "一");
  repeat(&b, "）", 300);
  append_str(&b, "标题\n");
  repeat(&b, "(", 300);
  append_str(&b, "1");
  repeat(&b, ")", 300);
  append_str(&b, "\n");
  gw_document *doc = parse_case("300-deep brackets", b.data, b.length, 2);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), 0, "  no heading");
  edit_case("300-deep brackets", doc, 2);

  /* 300 markers in a row at a line's start, and 300 levels of headings
   * that each go one level deeper (the hierarchy has five: they nest as far
   * as it goes, then start over). */
  b.length = 0;
  repeat(&b, "一、（一）1.（1）①", 60);
  append_str(&b, "标题\n");
  for (int i = 0; i < 60; i++) append_str(&b, "一、甲\n（一）乙\n1.丙\n（1）丁\n①戊\n");
  doc = parse_case("300 markers in a row, 300 levels down", b.data, b.length, 2);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), 301, "  301 headings");
  edit_case("300 levels down", doc, 2);

  /* 300 enumeration items in one paragraph, and item numbers 300 long. */
  b.length = 0;
  append_str(&b, "（一）工作。");
  for (int i = 0; i < 300; i++) append_str(&b, i % 2 ? "二是落实；" : "一是学习；");
  append_str(&b, "\n");
  repeat(&b, "一", 300);
  append_str(&b, "是\n");
  doc = parse_case("300 items in a paragraph", b.data, b.length, 2);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), 301, "  one heading and 300 items");
  edit_case("300 items in a paragraph", doc, 2);
  free(b.data);
}

/* Every form a marker takes, as the first thing on a line and then as a
 * line of its own, each many times. */
static void test_marker_variants(void) {
  static const char *const variants[] = {
      "一、", "一.", "一．", "一，", "一,", "（一）", "(一)", "(一）", "（一)", "一）", "（一）、",
      "十一、", "二十、", "一百零五、", "〇、", "壹、", "貳、", "（拾）", "1.", "1．", "1、",
      "１．", "１２、", "9999.", "（1）", "(1)", "（１）", "(12)", "1）", "（1）.", "①", "⑳",
      "㉑", "㊿", "①、", "②.", "一是", "十一是", "一是否", "2025.", "（2025）", "1.5", "1、2",
      "一、二", "（）", "()", "、", ".", "（一", "一）（", "①①①",
  };
  size_t n = sizeof variants / sizeof variants[0];
  size_t times = scaled(1000, 10);
  buffer b = {0};
  for (size_t t = 0; t < times; t++) {
    for (size_t i = 0; i < n; i++) {
      append_str(&b, variants[i]);
      append_str(&b, "标题\n");
    }
  }
  gw_document *doc = parse_case("every marker variant, each 1000 times", b.data, b.length, 15);
  size_t per_round = 0;
  if (doc) {
    per_round = gw_outline_count(doc) / times;
    CHECK(gw_outline_count(doc) % times == 0 && per_round > n / 2,
          "  the same entries in every round (%zu of %zu variants)", per_round, n);
  }
  edit_case("every marker variant", doc, 10);

  b.length = 0;
  for (size_t t = 0; t < times; t++) {
    for (size_t i = 0; i < n; i++) append_str(&b, variants[i]);
  }
  edit_case("every marker variant on one line",
            parse_case("every marker variant on one line", b.data, b.length, 10), 10);

  b.length = 0;
  for (size_t t = 0; t < times; t++) {
    for (size_t i = 0; i < n; i++) {
      append_str(&b, variants[i]);
      append_str(&b, "\n");
    }
  }
  edit_case("every marker variant alone on its line",
            parse_case("every marker variant alone on its line", b.data, b.length, 10), 10);
  free(b.data);
}

static void test_random_bytes(void) {
  size_t size = scaled(1 << 20, 4096);
  printf("# random bytes from seed %llu\n", (unsigned long long)rng);
  buffer b = {0};
  for (size_t i = 0; i < size; i++) {
    char c = (char)next_random();
    append(&b, &c, 1);
  }
  edit_case("1 MB of random bytes", parse_case("1 MB of random bytes", b.data, b.length, 10), 10);

  /* Random pieces of reports: reach deeper than random bytes. */
  static const char *const pieces[] = {
      "一、", "（一）", "(二)", "1.", "（1）", "①", "一是", "。", "；", "：", "\n", "\r\n", "\r",
      "存在的问题", "整改措施", "原因", "报告", "2025年12月30日", "\xe4", "\xff", "", "　",
      "扫一扫", "- ", "（", "）", "人民政府", "：\n", "发布时间：",
  };
  b.length = 0;
  while (b.length < size) {
    size_t k = next_random() % (sizeof pieces / sizeof pieces[0]);
    if (pieces[k][0]) append_str(&b, pieces[k]);
    else append(&b, "", 1); /* a NUL byte */
  }
  edit_case("1 MB of random report pieces",
            parse_case("1 MB of random report pieces", b.data, b.length, 10), 10);
  free(b.data);
}

/* A document from a literal with explicit length (NUL bytes inside). */
#define PARSE_LITERAL(name, literal, seconds) parse_case(name, literal, sizeof literal - 1, seconds)

static void test_encodings_and_odd_characters(void) {
  /* Truncated UTF-8 at the end of the file: after a marker, in a title, in
   * a paragraph, alone. */
  static const char *const truncated[] = {
      "一、标题\n\xe4\xb8", "一、标\xe9", "（一\xef\xbc", "正文\xf0\x9f\x98", "\xe4", "①\xe2\x91",
  };
  for (size_t i = 0; i < sizeof truncated / sizeof truncated[0]; i++) {
    char name[64];
    snprintf(name, sizeof name, "truncated UTF-8 at the end (%zu)", i + 1);
    edit_case(name, parse_case(name, truncated[i], strlen(truncated[i]), 1), 1);
  }
  gw_document *doc = PARSE_LITERAL("a heading ending in a cut character", "一、标题\xe4\xb8", 1);
  const gw_entry *e = doc ? gw_outline_entry(doc, 0) : NULL;
  CHECK(e && e->level == 1 && e->title.end.byte <= strlen("一、标题\xe4\xb8"),
        "  is a heading whose title stays inside the text");
  gw_document_free(doc);

  /* NUL bytes: in a marker, in a title, alone, a megabyte of them. */
  doc = PARSE_LITERAL("NUL bytes", "一、\0标题\n（\0一）\n\0\n二、问题\0\n\0", 1);
  if (doc) CHECK_EQ_INT(headings_of_level(doc, 1), 2, "  headings around NUL bytes");
  edit_case("NUL bytes", doc, 1);
  size_t size = scaled(1 << 20, 4096);
  char *zeros = calloc(size, 1);
  edit_case("1 MB of NUL bytes", parse_case("1 MB of NUL bytes", zeros, size, 10), 10);
  free(zeros);

  /* A BOM at the start, and one in the middle of the text. */
  doc = PARSE_LITERAL("a BOM", "\xef\xbb\xbf一、总体情况\n（一）学习\xef\xbb\xbf情况\n", 1);
  if (doc) {
    CHECK_EQ_INT(gw_outline_count(doc), 2, "  two headings after a BOM");
    e = gw_outline_entry(doc, 0);
    CHECK(e && range_is(doc, e->marker, "一、") && range_is(doc, e->title, "总体情况"),
          "  the BOM is in neither marker nor title");
  }
  edit_case("a BOM", doc, 1);

  /* CRLF, lone CR, and both mixed. */
  doc = PARSE_LITERAL("CRLF", "一、总体情况\r\n（一）学习\r\n正文。\r\n", 1);
  if (doc) {
    e = gw_outline_entry(doc, 1);
    CHECK(e && e->marker.start.row == 1 && range_is(doc, e->title, "学习"),
          "  the second heading on row 1, no CR in its title");
  }
  edit_case("CRLF", doc, 1);
  doc = PARSE_LITERAL("lone CR", "一、总体情况\r（一）学习\r正文。\r", 1);
  if (doc) {
    CHECK_EQ_INT(gw_outline_count(doc), 2, "  a lone CR ends a line for the grammar");
    e = gw_outline_entry(doc, 1);
    CHECK(e && e->marker.start.row == 0 && range_is(doc, e->title, "学习"),
          "  and is a character of its row for positions");
  }
  edit_case("lone CR", doc, 1);
  doc = PARSE_LITERAL("mixed line ends", "一、甲\r\n\r（一）乙\n\r\n\r\r1.丙\r\n\n", 1);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), 3, "  three headings");
  edit_case("mixed line ends", doc, 1);

  /* Zero-width space and BOM inside text, markers and titles. */
  doc = PARSE_LITERAL("U+200B and U+FEFF inside text",
                      "\xe2\x80\x8b一、总体\xe2\x80\x8b情况\xef\xbb\xbf\n"
                      "（\xe2\x80\x8b一）学习\n正\xef\xbb\xbf文。一是\xe2\x80\x8b学习；\n", 1);
  if (doc) {
    e = gw_outline_entry(doc, 0);
    CHECK(e && e->level == 1 && range_is(doc, e->title, "总体\xe2\x80\x8b情况"),
          "  a zero-width space before a marker is blank; trailing U+FEFF is trimmed");
  }
  edit_case("U+200B and U+FEFF", doc, 1);

  /* Full-width digits. */
  doc = PARSE_LITERAL("full-width digits", "１．甲\n（１２）乙\n１２３４．丙\n２０２５．丁\n", 1);
  if (doc) {
    CHECK_EQ_INT(gw_outline_count(doc), 3, "  three headings (２０２５． is a year)");
    e = gw_outline_entry(doc, 1);
    CHECK(e && e->level == 4 && e->number == 12 && e->fullwidth_digits,
          "  （１２） is level 4, number 12, full-width");
  }
  edit_case("full-width digits", doc, 1);

  /* GB18030 bytes read as UTF-8: invalid, kept, no crash; converted, a
   * report. */
  static const char gb[] = "\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6\n"  /* 一、总体情况 */
                           "\xa3\xa8\xd2\xbb\xa3\xa9\xd1\xa7\xcf\xb0\n";       /* （一）学习 */
  doc = PARSE_LITERAL("GB18030 bytes given as UTF-8", gb, 1);
  if (doc) CHECK_EQ_INT(gw_outline_count(doc), 0, "  no heading in bytes that are not UTF-8");
  edit_case("GB18030 bytes as UTF-8", doc, 1);
  buffer b = {0};
  while (b.length < scaled(1 << 20, 4096)) append(&b, gb, sizeof gb - 1);
  edit_case("1 MB of GB18030 as UTF-8",
            parse_case("1 MB of GB18030 as UTF-8", b.data, b.length, 10), 10);
  char *utf8 = NULL;
  size_t utf8_length = 0;
  const char *detected = NULL;
  gw_status status = gw_to_utf8(gb, sizeof gb - 1, NULL, &utf8, &utf8_length, &detected);
  CHECK(status == GW_OK && detected && strcmp(detected, "GB18030") == 0,
        "  gw_to_utf8 detects GB18030 (%s)", detected ? detected : "none");
  if (status == GW_OK) {
    doc = parse_case("GB18030 converted", utf8, utf8_length, 1);
    if (doc) CHECK_EQ_INT(gw_outline_count(doc), 2, "  two headings once converted");
    gw_document_free(doc);
  }
  gw_string_free(utf8);

  /* A UTF-8 BOM followed by bytes that are not UTF-8: the conversion's
   * result is UTF-8 all the same (found by fuzz_document). */
  static const char bom_then_bad[] = "\xef\xbb\xbf一、\xe5\xe6\x9f\xa5\n\xff";
  status = gw_to_utf8(bom_then_bad, sizeof bom_then_bad - 1, NULL, &utf8, &utf8_length, &detected);
  CHECK(status == GW_OK && gw_invariant_valid_utf8(utf8, utf8_length),
        "gw_to_utf8 after a UTF-8 BOM gives UTF-8 even when the rest is not");
  CHECK(status == GW_OK && strncmp(utf8, "一、\xef\xbf\xbd", strlen("一、\xef\xbf\xbd")) == 0,
        "  what is not UTF-8 becomes U+FFFD");
  gw_string_free(utf8);
  free(b.data);
}

/* Sizes past what a document may hold are refused before anything is
 * read (the pointers given hold a few bytes only). */
static void test_sizes_past_the_limit(void) {
  gw_document *doc = NULL;
  CHECK_EQ_INT(gw_document_new("x", GW_MAX_TEXT + 1, &doc), GW_ERROR_TOO_LARGE,
               "gw_document_new past GW_MAX_TEXT");
  CHECK(doc == NULL, "  gives no document");
  doc = parse_string("一、甲\n");
  CHECK_EQ_INT(gw_document_edit(doc, 0, 0, "x", GW_MAX_TEXT + 1), GW_ERROR_TOO_LARGE,
               "an edit inserting more than GW_MAX_TEXT");
  CHECK_EQ_INT(gw_document_edit(doc, 0, 0, "x", GW_MAX_TEXT), GW_ERROR_TOO_LARGE,
               "an edit that would make the text longer than GW_MAX_TEXT");
  /* 10 bytes, 1 replaced by GW_MAX_TEXT - 8: one byte too many. */
  CHECK_EQ_INT(gw_document_edit(doc, 0, 1, "x", GW_MAX_TEXT - 8), GW_ERROR_TOO_LARGE,
               "  by one byte");
  size_t length = 0;
  CHECK(doc && strcmp(gw_document_text(doc, &length), "一、甲\n") == 0 &&
            gw_outline_count(doc) == 1,
        "  and leave the document as it was");
  gw_document_free(doc);
  char *out = NULL;
  size_t out_length = 0;
  CHECK_EQ_INT(gw_to_utf8("x", GW_MAX_TEXT + 1, NULL, &out, &out_length, NULL),
               GW_ERROR_TOO_LARGE, "gw_to_utf8 past GW_MAX_TEXT");
  CHECK(out == NULL, "  gives no text");
}

int main(void) {
  time_scale = env_number("GW_TIME_SCALE", 1);
  size_divisor = (size_t)env_number("GW_SIZE_DIVISOR", 1);
  printf("# time bounds x%g, sizes / %zu\n", time_scale, size_divisor);
  static void (*const tests[])(void) = {
      test_long_lines,  test_many_headings, test_unclosed_brackets,
      test_deep_nesting, test_marker_variants, test_random_bytes,
      test_encodings_and_odd_characters, test_sizes_past_the_limit,
  };
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
    double start = now();
    tests[i]();
    printf("# %.2f s\n", now() - start);
  }
  return CHECK_DONE();
}
