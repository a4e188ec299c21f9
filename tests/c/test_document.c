/*
 * Documents: creation, text, positions, the syntax tree, edits (checked
 * against fresh parses after seeded random edits) and bad input.
 */
#include "check.h"
#include "internal.h"
#include "testutil.h"

#include <time.h>

static void test_version_and_errors(void) {
  CHECK_EQ_STR(gw_version(), "0.1.0", "gw_version");
  CHECK_EQ_STR(gw_version(), GW_VERSION_STRING, "gw_version matches the header");
  gw_status all[] = {GW_OK, GW_ERROR_NOMEM, GW_ERROR_ARGUMENT, GW_ERROR_ENCODING,
                     GW_ERROR_TOO_LARGE, GW_ERROR_PARSE, GW_ERROR_ABI, GW_ERROR_UNKNOWN_RULE};
  int distinct = 1;
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    const char *en = gw_strerror(all[i], GW_LANG_EN), *zh = gw_strerror(all[i], GW_LANG_ZH);
    if (!en || !zh || !*en || !*zh || strcmp(en, zh) == 0) distinct = 0;
    for (size_t j = 0; j < i; j++) {
      if (strcmp(en, gw_strerror(all[j], GW_LANG_EN)) == 0) distinct = 0;
    }
  }
  CHECK(distinct, "every status has its own English and Chinese message");
  CHECK_EQ_STR(gw_strerror(GW_ERROR_NOMEM, GW_LANG_ZH), "内存不足", "a Chinese message");
  CHECK(gw_strerror((gw_status)999, GW_LANG_EN) != NULL, "an unknown status still has a message");
  gw_string_free(NULL);
}

static void test_new_and_text(void) {
  gw_document *doc = (gw_document *)1;
  CHECK_EQ_INT(gw_document_new("x", 1, NULL), GW_ERROR_ARGUMENT, "no out pointer");
  CHECK_EQ_INT(gw_document_new(NULL, 3, &doc), GW_ERROR_ARGUMENT, "NULL text with a length");
  CHECK(doc == NULL, "*out is NULL on failure");
  CHECK_EQ_INT(gw_document_new(NULL, 0, &doc), GW_OK, "NULL text of length 0 is empty");
  size_t length = 99;
  CHECK(doc && strcmp(gw_document_text(doc, &length), "") == 0 && length == 0, "empty text");
  CHECK_EQ_INT(gw_outline_count(doc), 0, "an empty document has no outline");
  CHECK_EQ_INT(gw_pair_count(doc), 0, "and no pairs");
  gw_point p = gw_document_point_at(doc, 10);
  CHECK(p.byte == 0 && p.row == 0 && p.column == 0, "positions clamp to the empty text");
  gw_document_free(doc);
  gw_document_free(NULL);

  static const char with_nul[] = "一、总体情况\n第一段\0有 NUL。\n二、问题\n";
  CHECK_EQ_INT(gw_document_new(with_nul, sizeof with_nul - 1, &doc), GW_OK, "NUL bytes are text");
  const char *text = gw_document_text(doc, &length);
  CHECK(length == sizeof with_nul - 1 && memcmp(text, with_nul, length) == 0 && text[length] == 0,
        "the text is copied whole and NUL-terminated");
  CHECK_EQ_INT(gw_outline_count(doc), 2, "headings on both sides of a NUL");
  char *tree = gw_document_tree_string(doc);
  CHECK(tree && strncmp(tree, "(document", 9) == 0, "tree string: %.40s", tree ? tree : "");
  gw_string_free(tree);
  CHECK(gw_document_tree_string(NULL) == NULL, "no tree for no document");
  CHECK(gw_document_text(NULL, &length) == NULL && length == 0, "no text for no document");
  gw_document_free(doc);
}

static void test_positions(void) {
  /* Only \n starts a row: the \r of \r\n ends its row, a lone \r is a
   * character of its row. */
  static const char text[] = "ab\ncd\r\nef\rgh";
  gw_document *doc = NULL;
  gw_document_new(text, sizeof text - 1, &doc);
  struct {
    size_t byte;
    uint32_t row, column;
  } cases[] = {{0, 0, 0}, {2, 0, 2}, {3, 1, 0}, {5, 1, 2}, {6, 1, 3}, {7, 2, 0},
               {9, 2, 2}, {10, 2, 3}, {12, 2, 5}, {99, 2, 5}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    gw_point p = gw_document_point_at(doc, cases[i].byte);
    CHECK(p.row == cases[i].row && p.column == cases[i].column,
          "byte %zu is at %u:%u (got %u:%u)", cases[i].byte, cases[i].row, cases[i].column, p.row,
          p.column);
  }
  CHECK_EQ_INT(gw_document_byte_at(doc, 0, 1), 1, "row 0 column 1");
  CHECK_EQ_INT(gw_document_byte_at(doc, 0, 50), 2, "a column past the row's end clamps before \\n");
  CHECK_EQ_INT(gw_document_byte_at(doc, 1, 0), 3, "row 1 starts after \\n");
  CHECK_EQ_INT(gw_document_byte_at(doc, 1, 50), 5, "a column past the row's end clamps before \\r\\n");
  CHECK_EQ_INT(gw_document_byte_at(doc, 2, 0), 7, "row 2 starts after \\r\\n");
  CHECK_EQ_INT(gw_document_byte_at(doc, 2, 4), 11, "a lone \\r is a character of its row");
  CHECK_EQ_INT(gw_document_byte_at(doc, 2, 9), 12, "the last row ends at the end of the text");
  CHECK_EQ_INT(gw_document_byte_at(doc, 7, 0), 12, "a row past the last is the end of the text");
  int round_trip = 1;
  for (size_t b = 0; b <= sizeof text - 1; b++) {
    gw_point p = gw_document_point_at(doc, b);
    if (p.byte != b) round_trip = 0;
    /* The bytes of a line break are columns past the row's text. */
    bool in_break = text[b] == '\n' || (text[b] == '\r' && text[b + 1] == '\n');
    if (!in_break && gw_document_byte_at(doc, p.row, p.column) != b) round_trip = 0;
  }
  CHECK(round_trip, "byte → point → byte is the identity");
  gw_document_free(doc);
}

/* Whether two documents have the same outline, pairs and syntax tree. */
static bool same_analysis(const gw_document *a, const gw_document *b, char *why, size_t size) {
  /* Edits shift the row index instead of rebuilding it. */
  if (a->row_count != b->row_count ||
      memcmp(a->row_starts, b->row_starts, a->row_count * sizeof *a->row_starts) != 0) {
    snprintf(why, size, "row index differs (%zu vs %zu rows)", a->row_count, b->row_count);
    return false;
  }
  if (gw_outline_count(a) != gw_outline_count(b)) {
    snprintf(why, size, "outline %zu vs %zu entries", gw_outline_count(a), gw_outline_count(b));
    return false;
  }
  for (size_t i = 0; i < gw_outline_count(a); i++) {
    const gw_entry *x = gw_outline_entry(a, i), *y = gw_outline_entry(b, i);
    const gw_range *rx[] = {&x->marker, &x->number_range, &x->title, &x->body, &x->extent};
    const gw_range *ry[] = {&y->marker, &y->number_range, &y->title, &y->body, &y->extent};
    bool same = x->kind == y->kind && x->level == y->level && x->number == y->number &&
                x->delimiter == y->delimiter && x->open_width == y->open_width &&
                x->close_width == y->close_width && x->fullwidth_digits == y->fullwidth_digits &&
                x->roles == y->roles && x->parent == y->parent &&
                x->first_child == y->first_child && x->next_sibling == y->next_sibling &&
                x->prev_sibling == y->prev_sibling;
    for (int r = 0; r < 5 && same; r++) {
      same = memcmp(&rx[r]->start, &ry[r]->start, sizeof(gw_point)) == 0 &&
             memcmp(&rx[r]->end, &ry[r]->end, sizeof(gw_point)) == 0;
    }
    if (!same) {
      snprintf(why, size, "entry %zu differs", i);
      return false;
    }
  }
  if (gw_pair_count(a) != gw_pair_count(b)) {
    snprintf(why, size, "%zu vs %zu pairs", gw_pair_count(a), gw_pair_count(b));
    return false;
  }
  for (size_t i = 0; i < gw_pair_count(a); i++) {
    const gw_pair *x = gw_pair_get(a, i), *y = gw_pair_get(b, i);
    if (x->problem != y->problem || x->cause != y->cause || x->remedy != y->remedy ||
        x->score != y->score) {
      snprintf(why, size, "pair %zu differs", i);
      return false;
    }
  }
  for (size_t i = 0; i < gw_outline_count(a); i++) {
    if (gw_pair_of(a, (long)i) != gw_pair_of(b, (long)i)) {
      snprintf(why, size, "entry %zu is in another pair", i);
      return false;
    }
  }
  if (a->pair_block_count != b->pair_block_count ||
      (a->pair_block_count &&
       memcmp(a->pair_blocks, b->pair_blocks, a->pair_block_count * sizeof *a->pair_blocks))) {
    snprintf(why, size, "the lists paired differ");
    return false;
  }
  char *ta = gw_document_tree_string(a), *tb = gw_document_tree_string(b);
  bool same_tree = ta && tb && strcmp(ta, tb) == 0;
  gw_string_free(ta);
  gw_string_free(tb);
  if (!same_tree) snprintf(why, size, "syntax trees differ");
  return same_tree;
}

static uint64_t rng_state;
static uint32_t next_random(void) {
  /* xorshift64*: reproducible from the seed. */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (uint32_t)((rng_state * 2685821657736338717ull) >> 32);
}

/* Random edits through gw_document_edit must leave the same analysis as a
 * fresh parse of the same text. */
static void test_incremental_edits(const char *path, uint64_t seed, int rounds) {
  static const char *const snippets[] = {
      "一、", "（一）", "(二)", "1.", "（1）", "①", "一是", "二是", "三是", "。", "；", "\n",
      "\r\n", "\r", "二、存在的问题\n", "三、整改措施\n", "（一）加强学习\n", "2.落实责任。正文",
      "　　", " ", "一年来", "1.5万元", "存在问题", "下一步工作打算", "\xff", "\xe4\xb8",
      "特此报告。\n", "2025年12月30日\n", "扫一扫在手机打开当前页\n", "，",
  };
  size_t length;
  char *text = read_file(path, &length);
  CHECK(text != NULL, "read %s", path);
  if (!text) return;
  gw_document *doc = NULL;
  gw_document_new(text, length, &doc);
  free(text);
  rng_state = seed;
  int failures = 0;
  char why[128] = "";
  for (int round = 0; round < rounds && failures == 0; round++) {
    size_t n;
    gw_document_text(doc, &n);
    size_t start = n ? next_random() % (n + 1) : 0;
    size_t span = next_random() % 4 == 0 ? next_random() % 40 : 0;
    size_t end = start + span > n ? n : start + span;
    const char *insert = "";
    size_t insert_length = 0;
    char random_bytes[8];
    unsigned choice = next_random() % 10;
    if (choice < 7) {
      insert = snippets[next_random() % (sizeof snippets / sizeof snippets[0])];
      insert_length = strlen(insert);
    } else if (choice < 8) {
      insert_length = 1 + next_random() % sizeof random_bytes;
      for (size_t k = 0; k < insert_length; k++) random_bytes[k] = (char)next_random();
      insert = random_bytes;
    }
    if (gw_document_edit(doc, start, end, insert, insert_length) != GW_OK) {
      failures++;
      snprintf(why, sizeof why, "edit %d failed", round);
      break;
    }
    gw_document *fresh = NULL;
    const char *now = gw_document_text(doc, &n);
    gw_document_new(now, n, &fresh);
    if (!fresh || !same_analysis(doc, fresh, why, sizeof why)) {
      failures++;
      printf("# %s: round %d (seed %llu): %s\n", path, round, (unsigned long long)seed, why);
    }
    gw_document_free(fresh);
  }
  CHECK(failures == 0, "%s: %d random edits (seed %llu) give the analysis of a fresh parse %s",
        path, rounds, (unsigned long long)seed, why);
  gw_document_free(doc);
}

static void test_edit_contract(void) {
  gw_document *doc = parse_string("一、情况\n（一）学习\n");
  size_t before;
  gw_document_text(doc, &before);
  CHECK_EQ_INT(gw_document_edit(NULL, 0, 0, "", 0), GW_ERROR_ARGUMENT, "no document");
  CHECK_EQ_INT(gw_document_edit(doc, 5, 2, "", 0), GW_ERROR_ARGUMENT, "start after end");
  CHECK_EQ_INT(gw_document_edit(doc, 0, before + 1, "", 0), GW_ERROR_ARGUMENT, "end past the text");
  CHECK_EQ_INT(gw_document_edit(doc, 0, 0, NULL, 3), GW_ERROR_ARGUMENT, "NULL text with a length");
  size_t after;
  CHECK(strcmp(gw_document_text(doc, &after), "一、情况\n（一）学习\n") == 0 && after == before,
        "a failed edit leaves the text unchanged");
  CHECK_EQ_INT(gw_outline_count(doc), 2, "and the outline");
  /* Append a sibling, then turn 一、 into a paragraph. */
  CHECK_EQ_INT(gw_document_edit(doc, before, before, "（二）执法\n", strlen("（二）执法\n")), GW_OK,
               "append a heading");
  CHECK_EQ_INT(gw_outline_count(doc), 3, "three headings after the append");
  const gw_entry *second = gw_outline_entry(doc, 2);
  CHECK(second && second->number == 2 && second->parent == 0, "the new heading is （二） under 一、");
  CHECK_EQ_INT(gw_document_edit(doc, 0, strlen("一、"), "", 0), GW_OK, "delete the marker 一、");
  const gw_entry *first = gw_outline_entry(doc, 0);
  CHECK(gw_outline_count(doc) == 2 && first && first->level == 2 && first->parent == GW_NONE,
        "（一） is now at the top");
  CHECK_EQ_INT(gw_document_edit(doc, 0, 0, NULL, 0), GW_OK, "an empty edit is fine");
  gw_document_free(doc);
}

static double seconds_since(clock_t start) { return (double)(clock() - start) / CLOCKS_PER_SEC; }

/* Edits change the text in place: at its start and end, past its
 * buffer's capacity, with new bytes taken from the document's own text,
 * and failed edits that leave it as it was, each as a fresh parse reads. */
static void same_as_fresh(gw_document *doc, const char *what) {
  size_t length;
  const char *text = gw_document_text(doc, &length);
  gw_document *fresh = NULL;
  char why[256] = "";
  bool terminated = text[length] == '\0';
  bool same = gw_document_new(text, length, &fresh) == GW_OK &&
              same_analysis(doc, fresh, why, sizeof why);
  CHECK(terminated && same, "%s: a terminated text, analysed as a fresh parse %s", what, why);
  gw_document_free(fresh);
}

static void test_edits_in_place(void) {
  const char *start = "一、情况\n（一）学习\n一是学习，二是落实。\n";
  gw_document *doc = parse_string(start);
  size_t length;
  gw_document_text(doc, &length);
  CHECK_EQ_INT(gw_document_edit(doc, 0, 0, "二、问题\n", strlen("二、问题\n")), GW_OK,
               "insert at the start");
  same_as_fresh(doc, "insert at the start");
  gw_document_text(doc, &length);
  CHECK_EQ_INT(gw_document_edit(doc, length, length, "（二）整改\n", strlen("（二）整改\n")),
               GW_OK, "append at the end");
  same_as_fresh(doc, "append at the end");
  gw_document_text(doc, &length);
  CHECK_EQ_INT(gw_document_edit(doc, length - 1, length, "", 0), GW_OK, "delete the last byte");
  same_as_fresh(doc, "delete the last byte");
  CHECK_EQ_INT(gw_document_edit(doc, 0, strlen("二、问题\n"), "", 0), GW_OK,
               "delete the first line");
  same_as_fresh(doc, "delete the first line");

  /* New bytes from the document's own text, which the edit moves: the
   * whole text inserted at its start doubles it. */
  const char *own = gw_document_text(doc, &length);
  char *expected = malloc(2 * length + 1);
  if (expected) {
    memcpy(expected, own, length);
    memcpy(expected + length, own, length);
    expected[2 * length] = '\0';
  }
  CHECK_EQ_INT(gw_document_edit(doc, 0, 0, own, length), GW_OK, "insert the document's own text");
  CHECK(expected && strcmp(gw_document_text(doc, NULL), expected) == 0,
        "the text inserted is the text before the edit");
  free(expected);
  same_as_fresh(doc, "the document's own text inserted");

  /* Growing far past the buffer's capacity, one line and one block at a
   * time, then shrinking it back. */
  int grown = 0;
  for (int k = 0; k < 200; k++) {
    gw_document_text(doc, &length);
    const char *line = k % 2 ? "（三）落实，一是完善。\n" : "三、措施\n";
    grown += gw_document_edit(doc, length / 2, length / 2, line, strlen(line)) == GW_OK;
  }
  CHECK_EQ_INT(grown, 200, "200 lines inserted one at a time");
  same_as_fresh(doc, "200 lines inserted");
  size_t block = 1 << 20;
  char *big = malloc(block + 1);
  if (big) {
    for (size_t i = 0; i < block; i++) big[i] = "四、\n"[i % strlen("四、\n")];
    gw_document_text(doc, &length);
    CHECK_EQ_INT(gw_document_edit(doc, 3, 3, big, block), GW_OK, "grow by 1 MB at once");
    same_as_fresh(doc, "1 MB inserted");
    CHECK_EQ_INT(gw_document_edit(doc, 3, 3 + block, "", 0), GW_OK, "shrink back");
    same_as_fresh(doc, "1 MB deleted");
    free(big);
  }

  /* Failed edits leave the text as it was, terminated. */
  const char *now = gw_document_text(doc, &length);
  char *saved = malloc(length + 1);
  if (saved) memcpy(saved, now, length + 1);
  CHECK_EQ_INT(gw_document_edit(doc, length, length + 1, "x", 1), GW_ERROR_ARGUMENT,
               "an end past the text");
  CHECK_EQ_INT(gw_document_edit(doc, 2, 1, "x", 1), GW_ERROR_ARGUMENT, "start after end");
  CHECK_EQ_INT(gw_document_edit(doc, 0, 0, "x", GW_MAX_TEXT), GW_ERROR_TOO_LARGE, "too large");
  size_t after;
  const char *text = gw_document_text(doc, &after);
  CHECK(saved && after == length && memcmp(text, saved, length + 1) == 0,
        "failed edits leave the text unchanged");
  free(saved);
  same_as_fresh(doc, "after failed edits");
  gw_document_free(doc);
}

static void test_bad_input(void) {
  gw_document *doc = NULL;

  /* Random bytes, including invalid UTF-8 and NUL. */
  rng_state = 12345;
  int failures = 0;
  for (int round = 0; round < 200; round++) {
    char bytes[512];
    size_t n = next_random() % sizeof bytes;
    for (size_t i = 0; i < n; i++) {
      /* Mostly bytes that form markers and line breaks, to reach deep. */
      static const char pieces[] = "\n\r\xe4\xb8\x80\xe3\x80\x81(\xef\xbc\x88)1.\xe2\x91\xa0";
      bytes[i] = next_random() % 3 ? pieces[next_random() % (sizeof pieces - 1)]
                                   : (char)next_random();
    }
    if (gw_document_new(bytes, n, &doc) != GW_OK) {
      failures++;
      continue;
    }
    for (size_t i = 0; i < gw_outline_count(doc); i++) {
      const gw_entry *e = gw_outline_entry(doc, i);
      if (e->extent.end.byte > n || e->title.start.byte > e->title.end.byte) failures++;
    }
    gw_document_free(doc);
  }
  CHECK_EQ_INT(failures, 0, "random bytes parse to a sane outline");

  /* 100 000 headings. */
  {
    const char *block = "一、总体情况\n（一）加强学习\n1.制度。一是学习；二是落实。\n（1）细则\n①要求\n";
    size_t block_length = strlen(block), blocks = 20000;
    char *text = malloc(block_length * blocks + 1);
    for (size_t i = 0; i < blocks; i++) memcpy(text + i * block_length, block, block_length);
    clock_t start = clock();
    gw_status status = gw_document_new(text, block_length * blocks, &doc);
    size_t counts[6];
    if (status == GW_OK) count_headings(doc, counts);
    CHECK(status == GW_OK && counts[1] + counts[2] + counts[3] + counts[4] + counts[5] == 100000 &&
              gw_outline_count(doc) == 140000,
          "100 000 headings and 40 000 items (%.2f s)", seconds_since(start));
    if (status == GW_OK) {
      start = clock();
      long crumbs[8];
      size_t depth = gw_breadcrumb(doc, block_length * blocks - 2, crumbs, 8);
      CHECK(depth == 5, "the breadcrumb at the end is five deep");
      CHECK(gw_next_heading(doc, 0, GW_NAV_SAME_LEVEL) != GW_NONE, "next heading of the level");
      size_t mid = block_length * blocks / 2;
      CHECK(gw_document_edit(doc, mid, mid, "二、问题\n", strlen("二、问题\n")) == GW_OK,
            "an edit in the middle (%.2f s)", seconds_since(start));
      gw_document_free(doc);
    }
    free(text);
  }

  /* One 10 MB line, as a paragraph and as a heading title. */
  {
    size_t size = 10 * 1000 * 1000;
    char *text = malloc(size + 1);
    const char *unit = "法治建设，";
    size_t unit_length = strlen(unit);
    memcpy(text, "一、", strlen("一、"));
    for (size_t i = strlen("一、"); i + unit_length <= size; i += unit_length) {
      memcpy(text + i, unit, unit_length);
    }
    size_t length = size - (size - strlen("一、")) % unit_length;
    clock_t start = clock();
    gw_status status = gw_document_new(text, length, &doc);
    const gw_entry *e = status == GW_OK ? gw_outline_entry(doc, 0) : NULL;
    CHECK(e && gw_outline_count(doc) == 1 && e->title.start.byte == strlen("一、") && e->title.end.byte == length,
          "a 10 MB heading line (%.2f s)", seconds_since(start));
    CHECK(e && e->roles == 0, "a 10 MB title has no role");
    gw_document_free(doc);
    start = clock();
    status = gw_document_new(text + strlen("一、"), length - strlen("一、"), &doc);
    CHECK(status == GW_OK && gw_outline_count(doc) == 0, "a 10 MB paragraph line (%.2f s)",
          seconds_since(start));
    gw_document_free(doc);
    free(text);
  }

  /* 300 nested parentheses. */
  {
    char text[2048];
    size_t n = 0;
    for (int i = 0; i < 300; i++) text[n++] = '(';
    memcpy(text + n, "一", strlen("一"));
    n += strlen("一");
    for (int i = 0; i < 300; i++) text[n++] = ')';
    text[n++] = '\n';
    gw_status status = gw_document_new(text, n, &doc);
    CHECK(status == GW_OK, "300 nested parentheses parse");
    gw_document_free(doc);
  }
}

/* The roles of titles and the words of items are remembered by their text
 * across edits: an edit that changes a title or an item must give the roles
 * and pairs of a fresh parse, and the memos must forget the texts that are
 * gone. */
/* The memos are swept when a document is built, and when they outgrow its
 * outline (two texts per entry, and 64) by the next edit, which then builds
 * everything: an edit that keeps entries does not look up the kept texts.
 * The last edit may have added a text of its own. */
static bool memos_bounded(const gw_document *doc) {
  size_t bound = 2 * gw_outline_count(doc) + 64 + 1;
  return gw__memo_count(doc->title_roles) <= bound && gw__memo_count(doc->item_words) <= bound;
}

static void check_like_fresh(gw_document *doc, const char *what) {
  size_t n;
  const char *text = gw_document_text(doc, &n);
  gw_document *fresh = NULL;
  gw_document_new(text, n, &fresh);
  char why[128] = "";
  CHECK(fresh && same_analysis(doc, fresh, why, sizeof why), "%s: as a fresh parse %s", what, why);
  CHECK(memos_bounded(doc), "%s: memos hold at most two texts per entry and 64 (%zu, %zu for %zu entries)",
        what, gw__memo_count(doc->title_roles), gw__memo_count(doc->item_words),
        gw_outline_count(doc));
  gw_document_free(fresh);
}

static size_t offset_of(gw_document *doc, const char *needle) {
  const char *text = gw_document_text(doc, NULL);
  const char *at = strstr(text, needle);
  return at ? (size_t)(at - text) : 0;
}

static void test_memos_follow_edits(void) {
  gw_document *doc = parse_string("一、存在的问题\n（一）学习教育不深入\n（二）人才储备不足\n"
                                  "二、整改措施\n（一）建强人才队伍\n（二）深化学习教育\n");
  CHECK(doc != NULL, "parse a report with problems and remedies");
  if (!doc) return;
  CHECK_EQ_INT(gw_pair_count(doc), 2, "two pairs");
  const gw_pair *pair = gw_pair_get(doc, 0);
  CHECK(pair && pair->remedy == 5, "学习教育 pairs with 深化学习教育 by content");
  check_like_fresh(doc, "new");

  /* Same title text elsewhere, then the remedies title changed: roles must
   * come from the new text, not the remembered one. */
  size_t at = offset_of(doc, "整改措施");
  gw_document_edit(doc, at, at + strlen("整改措施"), "主要成效", strlen("主要成效"));
  CHECK(gw_outline_entry(doc, 3) && gw_outline_entry(doc, 3)->roles == GW_ROLE_ACHIEVEMENTS,
        "a retitled heading takes the roles of its new title");
  CHECK(gw_pair_get(doc, 0) && gw_pair_get(doc, 0)->remedy == GW_NONE,
        "and its items are no longer remedies");
  check_like_fresh(doc, "remedies retitled");
  gw_document_edit(doc, at, at + strlen("主要成效"), "整改措施", strlen("整改措施"));
  check_like_fresh(doc, "retitled back");

  /* Change the words of a remedy: the pairing must follow. */
  at = offset_of(doc, "深化学习教育");
  gw_document_edit(doc, at, at + strlen("深化学习教育"), "完善制度建设", strlen("完善制度建设"));
  check_like_fresh(doc, "a remedy reworded");
  at = offset_of(doc, "建强人才队伍");
  gw_document_edit(doc, at, at + strlen("建强人才队伍"), "深化学习教育", strlen("深化学习教育"));
  pair = gw_pair_get(doc, 0);
  CHECK(pair && pair->remedy == 4, "the reworded first remedy now pairs with the first problem");
  check_like_fresh(doc, "another remedy reworded");

  /* Retitled again and again: the memos stay bounded, and are swept. */
  bool bounded = true, swept = false;
  size_t most = 0;
  at = offset_of(doc, "整改措施");
  size_t title_length = strlen("整改措施");
  for (int i = 0; i < 300; i++) {
    char title[32];
    snprintf(title, sizeof title, "整改措施%03d", i);
    gw_document_edit(doc, at, at + title_length, title, strlen(title));
    title_length = strlen(title);
    bounded = bounded && memos_bounded(doc);
    size_t held = gw__memo_count(doc->title_roles);
    swept = swept || held < most;
    if (held > most) most = held;
  }
  CHECK(bounded && swept, "300 titles in turn: memos stay bounded (at most %zu) and are swept",
        most);
  gw_document_edit(doc, at, at + title_length, "整改措施", strlen("整改措施"));
  check_like_fresh(doc, "retitled 300 times and back");

  /* Delete everything, then type it back. */
  size_t n;
  const char *now = gw_document_text(doc, &n);
  char *saved = malloc(n + 1);
  if (saved) memcpy(saved, now, n + 1);
  gw_document_edit(doc, 0, n, "", 0);
  check_like_fresh(doc, "emptied");
  if (saved) gw_document_edit(doc, 0, 0, saved, strlen(saved));
  check_like_fresh(doc, "typed back");
  free(saved);
  gw_document_free(doc);
}

/* Two lists of problems, each with its remedies: an edit in one list's
 * items matches that list again and keeps the other's pairs, and both must
 * be those of a fresh parse. */
static void test_pairs_follow_edits(void) {
  gw_document *doc = parse_string("一、学习方面存在的问题\n（一）学习教育不深入\n（二）人才储备不足\n"
                                  "二、学习方面的整改措施\n（一）建强人才队伍\n（二）深化学习教育\n"
                                  "三、制度方面存在的问题\n（一）制度建设滞后\n（二）监督检查不严\n"
                                  "四、制度方面的整改措施\n（一）加强监督检查\n（二）完善制度建设\n");
  CHECK(doc != NULL, "parse a report with two lists of problems and remedies");
  if (!doc) return;
  CHECK_EQ_INT(gw_pair_count(doc), 4, "four pairs");
  const gw_pair *pair = gw_pair_get(doc, 2);
  CHECK(pair && pair->remedy == 11, "制度建设 pairs with 完善制度建设 by content");
  size_t at = offset_of(doc, "监督检查不严");
  gw_document_edit(doc, at, at + strlen("监督检查不严"), "制度执行不力", strlen("制度执行不力"));
  check_like_fresh(doc, "a problem of the second list reworded");
  at = offset_of(doc, "人才储备不足");
  gw_document_edit(doc, at, at, "青年", strlen("青年"));
  check_like_fresh(doc, "a problem of the first list lengthened");
  at = offset_of(doc, "（二）监督");
  gw_document_edit(doc, at, at, "（三）台账不全\n", strlen("（三）台账不全\n"));
  check_like_fresh(doc, "a problem added to the second list");
  at = offset_of(doc, "三、制度");
  gw_document_edit(doc, at, at + strlen("三、制度方面存在的问题"), "三、制度建设情况",
                   strlen("三、制度建设情况"));
  check_like_fresh(doc, "the second list of problems retitled away");
  gw_document_free(doc);
}

/* Edits that change the structure around them, in a report of several
 * sections, so that only some of it is read again: each must give the
 * analysis of a fresh parse, and gw_outline_last_change a range that keeps
 * the other sections' entries. */
static void test_structural_edits(void) {
  const size_t ALL = (size_t)-1;
  gw_document *doc = parse_string("关于工作情况的报告\n"
                                  "一、总体情况\n（一）组织领导\n正文一。\n（二）制度建设\n"
                                  "二、存在问题\n（一）学习不够\n一是学法不深；二是用法不够。\n"
                                  "三、原因分析\n（一）认识不足\n正文三。\n"
                                  "四、整改措施\n（一）加强学习\n正文四。\n"
                                  "五、下一步打算\n（一）健全制度\n正文五。\n"
                                  "六、其他事项\n正文六。\n");
  CHECK(doc != NULL, "parse a report of six sections");
  if (!doc) return;
  struct {
    const char *what, *find, *replace;
    size_t replaced; /* bytes of `find` replaced, from its start; ALL: all of it */
  } edits[] = {
      {"a level-1 heading made level 2 (its section joins the one before)", "二、存在", "（二）", 6},
      {"and back", "（二）存在", "二、", 9},
      {"a heading joined with the line after it", "（一）认识不足\n", "（一）认识不足", ALL},
      {"and split again", "（一）认识不足", "（一）认识不足\n", 21},
      {"a paragraph made a heading", "正文四。", "（二）正文四", 12},
      {"a whole section deleted", "五、下一步打算\n（一）健全制度\n正文五。\n", "", ALL},
      {"a heading typed at the start of a line", "正文六。", "七、", 0},
      {"two sections made one line", "（二）正文四\n六、", "（二）正文四", 19},
  };
  for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
    const char *text = gw_document_text(doc, NULL);
    const char *at = strstr(text, edits[i].find);
    CHECK(at != NULL, "%s: found %s", edits[i].what, edits[i].find);
    if (!at) break;
    size_t start = (size_t)(at - text);
    size_t count = gw_outline_count(doc);
    size_t replaced = edits[i].replaced == ALL ? strlen(edits[i].find) : edits[i].replaced;
    CHECK(gw_document_edit(doc, start, start + replaced, edits[i].replace,
                           strlen(edits[i].replace)) == GW_OK,
          "%s: edited", edits[i].what);
    check_like_fresh(doc, edits[i].what);
    size_t first = 0, removed = 0, added = 0;
    CHECK(gw_outline_last_change(doc, &first, &removed, &added) && removed < count &&
              added < gw_outline_count(doc),
          "%s: entries of other sections kept (%zu: %zu → %zu of %zu)", edits[i].what, first,
          removed, added, count);
  }
  gw_document_free(doc);
}

/* gw__point_near, which the outline uses, gives gw__point's answer whatever
 * the hint: positions in order, backwards, jumping, past the end. */
static void test_point_near(void) {
  gw_document *doc = parse_string("一、情况\n\n\r\n（一）学习\n正文\n\n\n\n\n末行");
  CHECK(doc != NULL, "parse a text of many short rows");
  if (!doc) return;
  size_t n;
  gw_document_text(doc, &n);
  int wrong = 0;
  size_t hint = 0;
  for (uint32_t byte = 0; byte <= n + 2; byte++) {
    gw_point p = gw__point_near(doc, byte, &hint), q = gw__point(doc, byte);
    wrong += memcmp(&p, &q, sizeof p) != 0;
  }
  for (uint32_t byte = (uint32_t)n + 2; byte-- > 0;) {
    gw_point p = gw__point_near(doc, byte, &hint), q = gw__point(doc, byte);
    wrong += memcmp(&p, &q, sizeof p) != 0;
  }
  rng_state = 7;
  for (int k = 0; k < 1000; k++) {
    uint32_t byte = next_random() % (uint32_t)(n + 3);
    if (next_random() % 8 == 0) hint = next_random() % 40; /* even a hint past the rows */
    gw_point p = gw__point_near(doc, byte, &hint), q = gw__point(doc, byte);
    wrong += memcmp(&p, &q, sizeof p) != 0;
  }
  CHECK_EQ_INT(wrong, 0, "gw__point_near agrees with gw__point");
  gw_document_free(doc);
}

int main(void) {
  test_version_and_errors();
  test_new_and_text();
  test_positions();
  test_edit_contract();
  test_edits_in_place();
  test_memos_follow_edits();
  test_pairs_follow_edits();
  test_structural_edits();
  test_point_near();
  test_incremental_edits("tests/fixtures/01-standard.txt", 1, 300);
  test_incremental_edits("tests/fixtures/08-combined-section.txt", 2, 300);
  test_incremental_edits("tests/fixtures/09-crlf-bom.txt", 3, 300);
  test_incremental_edits("tests/fixtures/04-pdf-copy.txt", 4, 200);
  test_bad_input();
  return CHECK_DONE();
}
