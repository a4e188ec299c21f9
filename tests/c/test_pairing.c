/*
 * Problems paired with causes and remedies: fixtures and seeds from their
 * READMEs, content matching over shuffled lists, combined sections, and
 * the bound on work for long lists.
 */
#include "check.h"
#include "testutil.h"

#include <time.h>

/* An entry: a heading (number 0) or the item with that number on `line`. */
typedef struct {
  uint32_t line, number;
} place;

static long find(const gw_document *doc, place p) {
  for (size_t i = 0; i < gw_outline_count(doc); i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    if (e->marker.start.row + 1 != p.line) continue;
    if (p.number == 0 ? e->kind == GW_ENTRY_HEADING
                      : (e->kind == GW_ENTRY_ITEM && e->number == p.number)) {
      return (long)i;
    }
  }
  return GW_NONE;
}

static const char *describe(const gw_document *doc, long index) {
  /* One message shows four entries. */
  static char buffers[4][64];
  static int which;
  char *b = buffers[which++ % 4];
  if (index == GW_NONE) return "none";
  const gw_entry *e = gw_outline_entry(doc, (size_t)index);
  snprintf(b, 64, "line %u #%u", e->marker.start.row + 1, e->number);
  return b;
}

/* The problem at `problem` is paired with the remedy at `remedy` (line 0:
 * none) and, when `cause.line` is not 0, the cause there. */
static void expect_pair(const gw_document *doc, const char *name, place problem, place remedy,
                        place cause) {
  long p = find(doc, problem);
  long pair_index = p == GW_NONE ? GW_NONE : gw_pair_of(doc, p);
  const gw_pair *pair = pair_index == GW_NONE ? NULL : gw_pair_get(doc, (size_t)pair_index);
  long want_remedy = remedy.line ? find(doc, remedy) : GW_NONE;
  long want_cause = cause.line ? find(doc, cause) : GW_NONE;
  CHECK(pair && pair->problem == p && pair->remedy == want_remedy &&
            (cause.line == 0 || pair->cause == want_cause),
        "%s: problem line %u #%u → remedy %s (got %s), cause %s (got %s)", name, problem.line,
        problem.number, describe(doc, want_remedy), pair ? describe(doc, pair->remedy) : "no pair",
        describe(doc, want_cause), pair ? describe(doc, pair->cause) : "no pair");
  if (pair && pair->remedy != GW_NONE) {
    CHECK(gw_pair_of(doc, pair->remedy) == pair_index, "%s: the remedy knows its pair", name);
  }
  if (pair && pair->cause != GW_NONE) {
    CHECK(gw_pair_of(doc, pair->cause) == pair_index, "%s: the cause knows its pair", name);
  }
}

static void scores_in_range(const gw_document *doc, const char *name) {
  int bad = 0;
  for (size_t i = 0; i < gw_pair_count(doc); i++) {
    const gw_pair *p = gw_pair_get(doc, i);
    if (!(p->score >= 0 && p->score <= 1) || (p->remedy == GW_NONE && p->score != 0)) bad++;
    if (i > 0 && gw_pair_get(doc, i - 1)->problem >= p->problem) bad++;
  }
  CHECK(bad == 0, "%s: scores in 0..1, pairs in document order (%d wrong)", name, bad);
}

#define H(line) ((place){line, 0})
#define I(line, n) ((place){line, n})
#define NONE ((place){0, 0})

static gw_document *fixture(const char *name) {
  char path[256];
  snprintf(path, sizeof path, "tests/fixtures/%s", name);
  gw_document *doc = open_document(path);
  CHECK(doc != NULL, "open %s", path);
  return doc;
}

static void test_fixtures(void) {
  gw_document *doc = fixture("01-standard.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 3, "01: three pairs");
  expect_pair(doc, "01", H(35), H(45), I(42, 1));
  expect_pair(doc, "01", H(37), H(47), I(42, 2));
  expect_pair(doc, "01", H(39), H(49), I(42, 3));
  scores_in_range(doc, "01");
  CHECK(gw_pair_get(doc, 1)->score > 0.3, "01: 法治专业力量不足 and 充实法治专业力量 share words (%.2f)",
        gw_pair_get(doc, 1)->score);
  CHECK_EQ_INT(gw_pair_of(doc, find(doc, H(5))), GW_NONE, "01: 一、 is in no pair");
  CHECK_EQ_INT(gw_pair_of(doc, 99999), GW_NONE, "an index out of range");
  CHECK_EQ_INT(gw_pair_of(doc, -3), GW_NONE, "a negative index");
  CHECK(gw_pair_get(doc, 3) == NULL && gw_pair_get(NULL, 0) == NULL, "pair out of range");
  gw_document_free(doc);

  doc = fixture("02-messy-markers.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 3, "02: three pairs");
  expect_pair(doc, "02", H(27), H(35), NONE);
  expect_pair(doc, "02", H(29), H(37), NONE);
  expect_pair(doc, "02", H(31), H(39), NONE);
  gw_document_free(doc);

  doc = fixture("03-traditional.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 3, "03: three pairs (traditional)");
  expect_pair(doc, "03", H(22), H(29), NONE);
  expect_pair(doc, "03", H(24), H(31), NONE);
  expect_pair(doc, "03", H(26), H(33), NONE);
  gw_document_free(doc);

  doc = fixture("04-pdf-copy.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 3, "04: three pairs of items, one per paragraph");
  expect_pair(doc, "04", I(43, 1), I(54, 1), NONE);
  expect_pair(doc, "04", I(45, 2), I(56, 2), NONE);
  expect_pair(doc, "04", I(47, 3), I(58, 3), NONE);
  gw_document_free(doc);

  doc = fixture("05-numbering-faults.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 0,
               "05: a combined section whose children cannot be split has no pairs");
  gw_document_free(doc);

  doc = fixture("06-not-headings.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 2, "06: two pairs");
  expect_pair(doc, "06", H(27), H(33), NONE);
  expect_pair(doc, "06", H(29), H(35), NONE);
  gw_document_free(doc);

  doc = fixture("07-problems-remedies.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 4, "07: four problems");
  expect_pair(doc, "07", H(11), H(27), I(24, 1));
  expect_pair(doc, "07", H(14), H(33), I(24, 2));
  expect_pair(doc, "07", H(17), H(30), I(24, 3));
  expect_pair(doc, "07", H(20), NONE, I(24, 4));
  scores_in_range(doc, "07");
  gw_document_free(doc);

  doc = fixture("08-combined-section.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 3, "08: three problems in the combined section");
  expect_pair(doc, "08", I(32, 1), I(34, 1), NONE);
  expect_pair(doc, "08", I(32, 2), I(34, 2), NONE);
  expect_pair(doc, "08", I(32, 3), I(34, 3), NONE);
  CHECK_EQ_INT(gw_pair_of(doc, find(doc, I(34, 4))), GW_NONE, "08: the general 四是 answers no problem");
  gw_document_free(doc);
}

static void test_seeds(void) {
  const char *dir = seeds_dir();
  if (!dir) return;
  gw_document *doc = open_in(dir, "000_73f1662c96303f06.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 5, "seed 000: five problems");
  uint32_t problems[] = {24, 26, 28, 30, 32}, remedies[] = {35, 37, 39, 41, 43};
  for (int k = 0; k < 5; k++) expect_pair(doc, "seed 000", H(problems[k]), H(remedies[k]), NONE);
  long talent = gw_pair_of(doc, find(doc, H(26)));
  CHECK(talent != GW_NONE && gw_pair_get(doc, (size_t)talent)->score > 0.3,
        "seed 000: 人才储备不足 ↔ 强化人才培育 by shared words (score %.2f)",
        talent != GW_NONE ? gw_pair_get(doc, (size_t)talent)->score : -1.0);
  gw_document_free(doc);

  doc = open_in(dir, "001_97c7dc6967099372.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 3, "seed 001: three problems in 四、存在的問題及整改措施");
  for (uint32_t k = 1; k <= 3; k++) expect_pair(doc, "seed 001", I(18, k), I(19, k), NONE);
  CHECK_EQ_INT(gw_pair_of(doc, find(doc, I(19, 4))), GW_NONE, "seed 001: the fourth remedy is left");
  gw_document_free(doc);

  doc = open_in(dir, "002_ad3103f3cbc14973.txt");
  CHECK_EQ_INT(gw_pair_count(doc), 3, "seed 002: three problems");
  for (uint32_t k = 1; k <= 3; k++) {
    expect_pair(doc, "seed 002", I(16, k), I(20, k), I(18, k));
  }
  gw_document_free(doc);
}

static void test_cases(void) {
  /* Remedies in reverse order: content decides. */
  gw_document *doc = parse_string("一、存在的问题\n"
                                  "（一）档案管理制度执行不严\n"
                                  "（二）网格员业务培训覆盖面窄\n"
                                  "（三）矛盾纠纷调解台账缺失\n"
                                  "二、整改措施\n"
                                  "（一）建立矛盾纠纷调解台账\n"
                                  "（二）扩大网格员业务培训覆盖面\n"
                                  "（三）严格执行档案管理制度\n");
  expect_pair(doc, "reversed", H(2), H(8), NONE);
  expect_pair(doc, "reversed", H(3), H(7), NONE);
  expect_pair(doc, "reversed", H(4), H(6), NONE);
  scores_in_range(doc, "reversed");
  gw_document_free(doc);

  /* Nothing shared: by position; a surplus problem has no remedy. */
  doc = parse_string("二、存在的问题\n"
                     "一是甲乙丙丁。二是戊己庚辛。三是子丑寅卯。\n"
                     "三、下一步工作打算\n"
                     "一是东南西北。二是春夏秋冬。\n");
  CHECK_EQ_INT(gw_pair_count(doc), 3, "three problem items");
  expect_pair(doc, "by position", I(2, 1), I(4, 1), NONE);
  expect_pair(doc, "by position", I(2, 2), I(4, 2), NONE);
  expect_pair(doc, "by position", I(2, 3), NONE, NONE);
  gw_document_free(doc);

  /* Problems with no remedies section at all. */
  doc = parse_string("一、存在的不足\n（一）宣传不够深入\n（二）力量比较薄弱\n");
  CHECK_EQ_INT(gw_pair_count(doc), 2, "problems without remedies still pair");
  expect_pair(doc, "no remedies", H(2), NONE, NONE);
  gw_document_free(doc);

  /* A remedies section before the problems does not answer them. */
  doc = parse_string("一、整改措施\n（一）加强宣传\n二、存在问题\n（一）宣传不够\n");
  expect_pair(doc, "remedies first", H(4), NONE, NONE);
  gw_document_free(doc);

  /* A combined section of one list that cannot be split: no pairs. */
  doc = parse_string("四、存在问题及整改措施\n一是加强学习。二是完善制度。\n");
  CHECK_EQ_INT(gw_pair_count(doc), 0, "a single list under 问题及整改措施 is not guessed at");
  gw_document_free(doc);

  /* Problems and causes together (seed 003's form): the list is the
   * problems, the remedies follow. */
  doc = parse_string("二、存在的主要问题及原因剖析\n（一）学习不够深入\n（二）执法不够规范\n"
                     "三、下一步工作思路\n（一）深入学习\n（二）规范执法\n");
  CHECK_EQ_INT(gw_pair_count(doc), 2, "problems and causes: two problems");
  expect_pair(doc, "problems+causes", H(2), H(5), NONE);
  expect_pair(doc, "problems+causes", H(3), H(6), NONE);
  gw_document_free(doc);

  /* Headings whose titles hold role words inside an achievements section
   * are not role sections. */
  doc = parse_string("一、主要工作成效\n（一）解决群众反映的问题\n1.加强整改措施。一是甲。二是乙。\n");
  CHECK_EQ_INT(gw_pair_count(doc), 0, "role words under achievements make no pairs");
  gw_document_free(doc);
}

/* Long lists are paired by position without comparing every pair. */
static void test_long_lists(void) {
  size_t n = 1500; /* numbers from 1900 read as years */
  size_t capacity = n * 2 * 64 + 64;
  char *text = malloc(capacity);
  size_t o = 0;
  o += (size_t)snprintf(text + o, capacity - o, "一、存在的问题\n");
  for (size_t i = 1; i <= n; i++) {
    o += (size_t)snprintf(text + o, capacity - o, "%zu.执法力量不足问题%zu\n", i, i);
  }
  o += (size_t)snprintf(text + o, capacity - o, "二、整改措施\n");
  for (size_t i = 1; i <= n; i++) {
    o += (size_t)snprintf(text + o, capacity - o, "%zu.充实执法力量措施%zu\n", i, i);
  }
  clock_t start = clock();
  gw_document *doc = NULL;
  gw_status status = gw_document_new(text, o, &doc);
  double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  CHECK(status == GW_OK && gw_pair_count(doc) == n, "%zu problems pair (%.2f s)", n, seconds);
  bool by_position = status == GW_OK;
  for (size_t i = 0; by_position && i < gw_pair_count(doc); i++) {
    const gw_pair *p = gw_pair_get(doc, i);
    if (p->remedy != p->problem + (long)n + 1) by_position = false;
  }
  CHECK(by_position, "long lists pair by position");
  gw_document_free(doc);
  free(text);
}

int main(void) {
  test_fixtures();
  test_seeds();
  test_cases();
  test_long_lists();
  return CHECK_DONE();
}
