/*
 * The outline: headings and enumeration items with their numbers, markers,
 * ranges and links; roles from titles; fixtures and seeds.
 */
#include "check.h"
#include "internal.h"
#include "testutil.h"

static const gw_entry *entry(const gw_document *doc, size_t i) {
  static const gw_entry none = {0};
  const gw_entry *e = gw_outline_entry(doc, i);
  return e ? e : &none;
}

static void marker_is(const gw_document *doc, size_t i, const char *written, const char *standard) {
  char buffer[64];
  gw_entry_standard_marker(doc, i, buffer, sizeof buffer);
  CHECK(range_is(doc, entry(doc, i)->marker, written) && strcmp(buffer, standard) == 0,
        "entry %zu: marker %s (got %s), standard %s (got %s)", i, written,
        range_text(doc, entry(doc, i)->marker), standard, buffer);
}

static void title_is(const gw_document *doc, size_t i, const char *title, const char *body) {
  CHECK(range_is(doc, entry(doc, i)->title, title), "entry %zu: title \"%s\" (got \"%s\")", i,
        title, range_text(doc, entry(doc, i)->title));
  CHECK(range_is(doc, entry(doc, i)->body, body), "entry %zu: body \"%s\" (got \"%s\")", i, body,
        range_text(doc, entry(doc, i)->body));
}

static void test_structure(void) {
  const char *text = "报告标题\n"
                     "一、总体情况\n"
                     "（一）加强学习\n"
                     "1.制度建设。正文内容；一是学习；二是落实。\n"
                     "（1）细则\n"
                     "①要求\n"
                     "2.队伍建设\n"
                     "二、存在的问题\n"
                     "一是意识不强。二是能力不足。\n";
  gw_document *doc = parse_string(text);
  CHECK_EQ_INT(gw_outline_count(doc), 11, "seven headings and four items");
  struct {
    gw_entry_kind kind;
    int level;
    uint32_t number;
    long parent;
  } expected[] = {
      {GW_ENTRY_HEADING, 1, 1, GW_NONE}, {GW_ENTRY_HEADING, 2, 1, 0}, {GW_ENTRY_HEADING, 3, 1, 1},
      {GW_ENTRY_ITEM, 4, 1, 2},          {GW_ENTRY_ITEM, 4, 2, 2},    {GW_ENTRY_HEADING, 4, 1, 2},
      {GW_ENTRY_HEADING, 5, 1, 5},       {GW_ENTRY_HEADING, 3, 2, 1}, {GW_ENTRY_HEADING, 1, 2, GW_NONE},
      {GW_ENTRY_ITEM, 2, 1, 8},          {GW_ENTRY_ITEM, 2, 2, 8},
  };
  for (size_t i = 0; i < sizeof expected / sizeof expected[0] && i < gw_outline_count(doc); i++) {
    const gw_entry *e = entry(doc, i);
    CHECK(e->kind == expected[i].kind && e->level == expected[i].level &&
              e->number == expected[i].number && e->parent == expected[i].parent,
          "entry %zu: kind %d level %d number %u parent %ld (got %d %d %u %ld)", i,
          expected[i].kind, expected[i].level, expected[i].number, expected[i].parent, e->kind,
          e->level, e->number, e->parent);
  }
  marker_is(doc, 0, "一、", "一、");
  marker_is(doc, 1, "（一）", "（一）");
  marker_is(doc, 2, "1.", "1.");
  marker_is(doc, 3, "一是", "一是");
  marker_is(doc, 5, "（1）", "（1）");
  marker_is(doc, 6, "①", "①");
  title_is(doc, 0, "总体情况", "");
  title_is(doc, 2, "制度建设", "正文内容；一是学习；二是落实。");
  title_is(doc, 3, "学习", "学习；");
  title_is(doc, 4, "落实", "落实。");
  title_is(doc, 9, "意识不强", "意识不强。");

  const char *t = gw_document_text(doc, NULL);
  const char *second = strstr(t, "二、");
  CHECK(entry(doc, 0)->extent.start.byte == (uint32_t)(strstr(t, "一、") - t) &&
            entry(doc, 0)->extent.end.byte == (uint32_t)(second - t),
        "一、's section runs to 二、");
  CHECK(entry(doc, 8)->extent.end.byte == strlen(text), "二、's section runs to the end");
  CHECK(entry(doc, 3)->extent.start.byte == entry(doc, 3)->marker.start.byte &&
            range_is(doc, entry(doc, 3)->extent, "一是学习；"),
        "an item's extent is the item (got \"%s\")", range_text(doc, entry(doc, 3)->extent));
  CHECK(entry(doc, 0)->marker.start.row == 1 && entry(doc, 0)->marker.start.column == 0,
        "一、 is at row 1 column 0");
  CHECK(range_is(doc, entry(doc, 1)->number_range, "一"), "number range of （一）");

  /* Links. */
  CHECK(entry(doc, 0)->first_child == 1 && entry(doc, 1)->first_child == 2 &&
            entry(doc, 2)->first_child == 3,
        "first children");
  CHECK(entry(doc, 3)->next_sibling == 4 && entry(doc, 4)->next_sibling == 5 &&
            entry(doc, 5)->prev_sibling == 4 && entry(doc, 2)->next_sibling == 7 &&
            entry(doc, 7)->prev_sibling == 2 && entry(doc, 7)->next_sibling == GW_NONE,
        "siblings, items before sub-headings in document order");
  CHECK(entry(doc, 0)->next_sibling == 8 && entry(doc, 8)->prev_sibling == 0 &&
            entry(doc, 0)->prev_sibling == GW_NONE,
        "top-level headings are siblings");
  CHECK(entry(doc, 9)->parent == 8 && entry(doc, 8)->first_child == 9,
        "items attach to their section's heading");
  CHECK(entry(doc, 8)->roles == GW_ROLE_PROBLEMS && entry(doc, 0)->roles == 0 &&
            entry(doc, 9)->roles == 0,
        "roles: headings only");
  CHECK(gw_outline_entry(doc, 999) == NULL && gw_outline_entry(NULL, 0) == NULL,
        "out of range is NULL");
  CHECK(gw_outline_count(NULL) == 0, "no document, no outline");

  /* The node of an entry. */
  TSNode heading = gw__entry_node(doc, 2);
  TSNode item = gw__entry_node(doc, 3);
  CHECK(!ts_node_is_null(heading) && strcmp(ts_node_type(heading), "heading") == 0 &&
            ts_node_start_byte(heading) == entry(doc, 2)->marker.start.byte,
        "gw__entry_node of a heading");
  CHECK(!ts_node_is_null(item) && strcmp(ts_node_type(item), "enumeration_item") == 0,
        "gw__entry_node of an item");
  CHECK(ts_node_is_null(gw__entry_node(doc, 999)), "gw__entry_node out of range");
  gw_document_free(doc);
}

static void test_marker_forms(void) {
  const char *text = "一.主要工作\n"
                     "(一) 加强领导\n"
                     "(二）完善制度\n"
                     "（三)规范执法\n"
                     "（四）、深化普法\n"
                     "１．推进建设。正文。\n"
                     "（２）统一文书\n"
                     "②、执法主体\n"
                     "1、健全机制\n"
                     "十二，其他事项\n"
                     "貳、繁体\n";
  gw_document *doc = parse_string(text);
  CHECK_EQ_INT(gw_outline_count(doc), 11, "eleven messy headings");
  const gw_entry *e = entry(doc, 0);
  CHECK(e->delimiter == '.' && e->open_width == GW_WIDTH_NONE, "一. has delimiter '.'");
  marker_is(doc, 0, "一.", "一、");
  e = entry(doc, 1);
  CHECK(e->open_width == GW_WIDTH_HALF && e->close_width == GW_WIDTH_HALF && e->delimiter == 0,
        "(一) is half width, no delimiter");
  title_is(doc, 1, "加强领导", "");
  marker_is(doc, 1, "(一)", "（一）");
  e = entry(doc, 2);
  CHECK(e->open_width == GW_WIDTH_HALF && e->close_width == GW_WIDTH_FULL, "(二） mixes widths");
  e = entry(doc, 3);
  CHECK(e->open_width == GW_WIDTH_FULL && e->close_width == GW_WIDTH_HALF, "（三) mixes widths");
  e = entry(doc, 4);
  CHECK(e->delimiter == 0x3001 && e->number == 4, "（四）、 has delimiter 、");
  marker_is(doc, 4, "（四）、", "（四）");
  e = entry(doc, 5);
  CHECK(e->fullwidth_digits && e->delimiter == 0xFF0E && e->number == 1 && e->level == 3,
        "１． has full-width digits and delimiter ．");
  marker_is(doc, 5, "１．", "1.");
  e = entry(doc, 6);
  CHECK(e->fullwidth_digits && e->level == 4 && e->number == 2, "（２） is level 4, number 2");
  marker_is(doc, 6, "（２）", "（2）");
  e = entry(doc, 7);
  CHECK(e->level == 5 && e->number == 2 && e->delimiter == 0x3001, "②、");
  marker_is(doc, 7, "②、", "②");
  e = entry(doc, 8);
  CHECK(e->level == 3 && e->delimiter == 0x3001 && !e->fullwidth_digits, "1、 is level 3");
  e = entry(doc, 9);
  CHECK(e->level == 1 && e->number == 12 && e->delimiter == 0xFF0C, "十二， is 12");
  marker_is(doc, 9, "十二，", "十二、");
  e = entry(doc, 10);
  CHECK(e->number == 2, "貳 is 2");
  marker_is(doc, 10, "貳、", "二、");

  char small[4];
  size_t need = gw_entry_standard_marker(doc, 4, small, sizeof small);
  CHECK(need == strlen("（四）") && strlen(small) < sizeof small,
        "a short buffer: the length needed (%zu) and a terminated prefix", need);
  CHECK_EQ_INT(gw_entry_standard_marker(doc, 4, NULL, 0), strlen("（四）"), "size 0 only measures");
  CHECK_EQ_INT(gw_entry_standard_marker(doc, 99, small, sizeof small), 0, "out of range");
  gw_document_free(doc);
}

static void test_not_entries(void) {
  const char *text = "一、工作情况\n"
                     "1.5万元用于保障。\n"
                     "2025年，全面推进。\n"
                     "2025.12.30，召开会议。\n"
                     "(2025年)安排部署。\n"
                     "一年来，我们坚持学习。\n"
                     "十分重视，一些问题是否解决。\n"
                     "一方面加强，另一方面落实。\n"
                     "核查是否一是否二。\n";
  gw_document *doc = parse_string(text);
  CHECK_EQ_INT(gw_outline_count(doc), 1, "numbers, years and 一是否 make no entries");
  gw_document_free(doc);
}

static void test_roles(void) {
  struct {
    const char *title;
    unsigned roles;
  } cases[] = {
      {"存在的问题", GW_ROLE_PROBLEMS},
      {"存在問題", GW_ROLE_PROBLEMS},
      {"存在的主要問題", GW_ROLE_PROBLEMS},
      {"存在不足", GW_ROLE_PROBLEMS},
      {"短板弱项", GW_ROLE_PROBLEMS},
      {"薄弱环节", GW_ROLE_PROBLEMS},
      {"薄弱環節", GW_ROLE_PROBLEMS},
      {"原因分析", GW_ROLE_CAUSES},
      {"原因剖析", GW_ROLE_CAUSES},
      {"整改措施", GW_ROLE_REMEDIES},
      {"整改情况", GW_ROLE_REMEDIES},
      {"整改情況", GW_ROLE_REMEDIES},
      {"下一步工作打算", GW_ROLE_REMEDIES},
      {"下步工作建议及打算", GW_ROLE_REMEDIES},
      {"工作思路", GW_ROLE_REMEDIES},
      {"改进措施", GW_ROLE_REMEDIES},
      {"改進措施", GW_ROLE_REMEDIES},
      {"努力方向", GW_ROLE_REMEDIES},
      {"意见建议", GW_ROLE_REMEDIES},
      {"意見建議", GW_ROLE_REMEDIES},
      {"整改建議與措施", GW_ROLE_REMEDIES},
      {"工作开展情况", GW_ROLE_ACHIEVEMENTS},
      {"工作開展情況", GW_ROLE_ACHIEVEMENTS},
      {"主要成效", GW_ROLE_ACHIEVEMENTS},
      {"主要开展工作及成效", GW_ROLE_ACHIEVEMENTS},
      {"存在的问题及整改措施", GW_ROLE_PROBLEMS | GW_ROLE_REMEDIES},
      {"存在的問題及整改措施", GW_ROLE_PROBLEMS | GW_ROLE_REMEDIES},
      {"存在的不足、原因及整改情况", GW_ROLE_PROBLEMS | GW_ROLE_CAUSES | GW_ROLE_REMEDIES},
      {"存在的主要问题及原因剖析", GW_ROLE_PROBLEMS | GW_ROLE_CAUSES},
      /* Must not. */
      {"加强组织领导，压实法治建设责任", 0},
      {"整改工作总体情况", 0},
      {"深化普法宣传", 0},
      {"", 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    unsigned roles = gw__title_roles(cases[i].title, strlen(cases[i].title));
    CHECK(roles == cases[i].roles, "roles of \"%s\": %#x (got %#x)", cases[i].title,
          cases[i].roles, roles);
  }
  CHECK_EQ_INT(gw__title_roles("\xff\xfe问题", 8), GW_ROLE_PROBLEMS, "invalid bytes are skipped");
  CHECK_EQ_INT(gw__title_roles(NULL, 5), 0, "no title, no role");
}

/* Invariants that every outline keeps. */
static void check_invariants(const gw_document *doc, const char *name) {
  int bad = 0;
  size_t n = gw_outline_count(doc);
  for (size_t i = 0; i < n; i++) {
    const gw_entry *e = entry(doc, i);
    bool ok = e->marker.start.byte < e->marker.end.byte &&
              e->marker.end.byte <= e->title.start.byte &&
              e->title.start.byte <= e->title.end.byte && e->title.end.byte <= e->extent.end.byte &&
              e->body.start.byte <= e->body.end.byte && e->body.end.byte <= e->extent.end.byte &&
              e->extent.start.byte == e->marker.start.byte;
    if (e->kind == GW_ENTRY_HEADING) ok = ok && e->title.end.byte > e->title.start.byte;
    if (e->parent != GW_NONE) {
      const gw_entry *p = entry(doc, (size_t)e->parent);
      ok = ok && e->parent < (long)i && p->kind == GW_ENTRY_HEADING &&
           p->extent.start.byte <= e->extent.start.byte &&
           e->extent.end.byte <= p->extent.end.byte &&
           (e->kind == GW_ENTRY_ITEM ? e->level == p->level + 1 : e->level > p->level);
    }
    if (e->next_sibling != GW_NONE) {
      ok = ok && e->next_sibling > (long)i && entry(doc, (size_t)e->next_sibling)->prev_sibling == (long)i &&
           entry(doc, (size_t)e->next_sibling)->parent == e->parent;
    }
    if (e->first_child != GW_NONE) ok = ok && entry(doc, (size_t)e->first_child)->parent == (long)i;
    if (i > 0) ok = ok && entry(doc, i - 1)->marker.start.byte < e->marker.start.byte;
    if (!ok) {
      bad++;
      printf("# %s: entry %zu (%s) breaks an invariant\n", name, i, range_text(doc, e->marker));
    }
  }
  CHECK_EQ_INT(bad, 0, "outline invariants hold");
}

/* The outline reads a heading marker's pieces from its text (split_marker
 * in outline.c), not from its child nodes: they must be what the tree's
 * fields say. */
static TSNode marker_field(TSNode node, const char *name) {
  return ts_node_child_by_field_name(node, name, (uint32_t)strlen(name));
}

static bool piece_is(TSNode piece, gw_range range) {
  if (ts_node_is_null(piece)) return range.start.byte == range.end.byte;
  return ts_node_start_byte(piece) == range.start.byte && ts_node_end_byte(piece) == range.end.byte;
}

static gw_width width_of(const gw_document *doc, TSNode paren) {
  if (ts_node_is_null(paren)) return GW_WIDTH_NONE;
  return (unsigned char)doc->text[ts_node_start_byte(paren)] < 0x80 ? GW_WIDTH_HALF
                                                                     : GW_WIDTH_FULL;
}

static void check_markers_against_tree(const gw_document *doc, const char *name) {
  for (size_t i = 0; i < gw_outline_count(doc); i++) {
    const gw_entry *e = entry(doc, i);
    if (e->kind != GW_ENTRY_HEADING) continue;
    TSNode marker = marker_field(gw__entry_node(doc, i), "marker");
    TSNode number = marker_field(marker, "number"), delimiter = marker_field(marker, "delimiter");
    size_t at = ts_node_is_null(delimiter) ? 0 : ts_node_start_byte(delimiter);
    int32_t c = ts_node_is_null(delimiter) ? 0 : gw__decode(doc->text, doc->length, &at);
    bool parens = e->level == 2 || e->level == 4;
    CHECK(piece_is(marker, e->marker) && piece_is(number, e->number_range) &&
              e->delimiter == (uint32_t)c &&
              e->open_width == (parens ? width_of(doc, marker_field(marker, "open")) : 0) &&
              e->close_width == (parens ? width_of(doc, marker_field(marker, "close")) : 0),
          "%s: entry %zu (%s): marker pieces as the tree's fields", name, i,
          range_text(doc, e->marker));
  }
}

static void test_marker_pieces(void) {
  const char *text = "一、甲\n"
                     "二 、乙\n"
                     "（一） 、丙\n"
                     "(二)\t，丁\n"
                     "（三）\n"
                     "三）戊\n"
                     "1.己\n"
                     "１２．庚\n"
                     "（1）　、辛\n"
                     "（２）壬\n"
                     "①癸\n"
                     "②　、子\n"
                     "⑳.丑\n"
                     "四、五、寅\n";
  gw_document *doc = parse_string(text);
  CHECK(doc && gw_outline_count(doc) > 10, "odd markers make headings");
  if (doc) check_markers_against_tree(doc, "odd markers");
  gw_document_free(doc);
}

static void check_counts(const char *dir, const char *expectations, bool must_exist) {
  char path[4096];
  snprintf(path, sizeof path, "%s", expectations);
  FILE *f = fopen(path, "r");
  CHECK(f != NULL, "read %s", expectations);
  if (!f) return;
  char line[512];
  int files = 0;
  while (fgets(line, sizeof line, f)) {
    char name[256];
    size_t want[6] = {0};
    if (line[0] == '#' || sscanf(line, "%255s %zu %zu %zu %zu %zu", name, &want[1], &want[2],
                                 &want[3], &want[4], &want[5]) != 6) {
      continue;
    }
    gw_document *doc = open_in(dir, name);
    if (!doc) {
      CHECK(!must_exist, "open %s/%s", dir, name);
      continue;
    }
    files++;
    size_t got[6];
    count_headings(doc, got);
    CHECK(memcmp(got + 1, want + 1, 5 * sizeof got[0]) == 0,
          "%s: headings per level %zu %zu %zu %zu %zu (got %zu %zu %zu %zu %zu)", name, want[1],
          want[2], want[3], want[4], want[5], got[1], got[2], got[3], got[4], got[5]);
    check_invariants(doc, name);
    check_markers_against_tree(doc, name);
    gw_document_free(doc);
  }
  fclose(f);
  CHECK(files > 0, "%s: some files checked", expectations);
}

/* Items per line, from the enumeration table of tests/fixtures/README.md. */
static void items_on_line(const char *file, uint32_t line, const uint32_t *numbers, size_t count) {
  char path[512];
  snprintf(path, sizeof path, "tests/fixtures/%s", file);
  gw_document *doc = open_document(path);
  size_t found = 0;
  bool in_order = true;
  for (size_t i = 0; doc && i < gw_outline_count(doc); i++) {
    const gw_entry *e = entry(doc, i);
    if (e->kind != GW_ENTRY_ITEM || e->marker.start.row + 1 != line) continue;
    if (found < count && e->number != numbers[found]) in_order = false;
    found++;
  }
  CHECK(found == count && in_order, "%s line %u: %zu items (got %zu)", file, line, count, found);
  gw_document_free(doc);
}

static void test_fixtures(void) {
  check_counts("tests/fixtures", "tests/fixtures.expected", true);
  static const uint32_t one_two_three[] = {1, 2, 3}, one_three[] = {1, 3}, one[] = {1},
                        one_to_four[] = {1, 2, 3, 4}, one_two[] = {1, 2};
  items_on_line("01-standard.txt", 8, one_two_three, 3);
  items_on_line("01-standard.txt", 23, one_two_three, 3);
  items_on_line("01-standard.txt", 50, one_two_three, 3);
  items_on_line("05-numbering-faults.txt", 23, one_three, 2);
  items_on_line("05-numbering-faults.txt", 25, one, 1);
  items_on_line("05-numbering-faults.txt", 34, NULL, 0); /* 一年来 */
  items_on_line("06-not-headings.txt", 20, one_two_three, 3);
  items_on_line("06-not-headings.txt", 22, NULL, 0); /* 一些 */
  items_on_line("07-problems-remedies.txt", 24, one_to_four, 4);
  items_on_line("08-combined-section.txt", 32, one_two_three, 3);
  items_on_line("08-combined-section.txt", 34, one_to_four, 4);
  items_on_line("08-combined-section.txt", 39, NULL, 0); /* 扫一扫 */
  items_on_line("03-traditional.txt", 30, one_two, 2);
  items_on_line("04-pdf-copy.txt", 43, one, 1);

  /* Spot checks from the README. */
  gw_document *doc = open_document("tests/fixtures/01-standard.txt");
  long h = entry_on_line(doc, GW_ENTRY_HEADING, 33);
  CHECK(h != GW_NONE && range_is(doc, entry(doc, (size_t)h)->title, "存在的问题") &&
            entry(doc, (size_t)h)->roles == GW_ROLE_PROBLEMS,
        "01 line 33: 二、存在的问题, a problems section");
  h = entry_on_line(doc, GW_ENTRY_HEADING, 43);
  CHECK(h != GW_NONE && entry(doc, (size_t)h)->roles == GW_ROLE_REMEDIES, "01 line 43: remedies");
  h = entry_on_line(doc, GW_ENTRY_HEADING, 14);
  CHECK(h != GW_NONE && entry(doc, (size_t)h)->level == 5 &&
            range_is(doc, entry(doc, (size_t)h)->title, "商户安置"),
        "01 line 14: ①商户安置");
  gw_document_free(doc);

  doc = open_document("tests/fixtures/04-pdf-copy.txt");
  h = entry_on_line(doc, GW_ENTRY_HEADING, 11);
  CHECK(h != GW_NONE && entry(doc, (size_t)h)->marker.start.column == strlen("　　") &&
            range_is(doc, entry(doc, (size_t)h)->title, "强化法治学习教育"),
        "04 line 11: an indented （一）; the marker starts after the indentation");
  gw_document_free(doc);

  doc = open_document("tests/fixtures/09-crlf-bom.txt");
  h = entry_on_line(doc, GW_ENTRY_HEADING, 6);
  CHECK(h != GW_NONE && range_is(doc, entry(doc, (size_t)h)->title, "规范行政执法"),
        "09: rows count LF only, so （二） is on LF line 6");
  h = entry_on_line(doc, GW_ENTRY_HEADING, 3);
  CHECK(h != GW_NONE && range_is(doc, entry(doc, (size_t)h)->title, "主要工作"),
        "09: title without its CR");
  gw_document_free(doc);
}

static void test_seeds(void) {
  const char *dir = seeds_dir();
  if (!dir) return;
  check_counts(dir, "tests/seeds.expected", true);
  gw_document *doc = open_in(dir, "001_97c7dc6967099372.txt");
  long h = entry_on_line(doc, GW_ENTRY_HEADING, 17);
  CHECK(h != GW_NONE && entry(doc, (size_t)h)->roles == (GW_ROLE_PROBLEMS | GW_ROLE_REMEDIES),
        "seed 001: 四、存在的問題及整改措施 is problems and remedies");
  gw_document_free(doc);
}

int main(void) {
  test_structure();
  test_marker_forms();
  test_marker_pieces();
  test_not_entries();
  test_roles();
  test_fixtures();
  test_seeds();
  return CHECK_DONE();
}
