/*
 * The scanners behind the text rules, on small strings: what must be found,
 * what must not, and that applying what they find is stable.
 */
#include "check.h"
#include "lint.h"

#include <stdlib.h>

typedef void (*scanner)(const char *, size_t, size_t, gw__text_hit_fn, void *);

typedef struct {
  gw_edit edits[256];
  size_t count;
  bool ordered;
} hits;

static void collect(void *context, const gw__text_hit *hit) {
  hits *h = context;
  if (h->count > 0 && hit->start < h->edits[h->count - 1].end_byte) h->ordered = false;
  if (h->count < 256) {
    h->edits[h->count++] = (gw_edit){hit->start, hit->end, hit->replacement,
                                     hit->replacement_length};
  }
}

/* The text with every hit of `scan` replaced; *count gets their number.
 * Returns a static buffer. */
static const char *fixed(scanner scan, const char *text, size_t *count) {
  static char result[4096];
  hits h = {.ordered = true};
  scan(text, 0, strlen(text), collect, &h);
  if (count) *count = h.count;
  char *out = NULL;
  size_t length = 0;
  if (!h.ordered || gw_apply_edits(text, strlen(text), h.edits, h.count, &out, &length) != GW_OK) {
    return "(edits out of order)";
  }
  snprintf(result, sizeof result, "%s", out);
  free(out);
  return result;
}

#define EXPECT_FIX(scan, input, expected)                                       \
  CHECK_EQ_STR(fixed(scan, input, NULL), expected, #scan ": " input)

#define EXPECT_NONE(scan, input)                                                \
  do {                                                                          \
    size_t n_;                                                                  \
    fixed(scan, input, &n_);                                                    \
    CHECK_EQ_INT(n_, 0, #scan " finds nothing in: " input);                     \
  } while (0)

static void test_halfwidth_punctuation(void) {
  scanner s = gw__scan_halfwidth_punctuation;
  EXPECT_FIX(s, "根据要求,我镇紧扣督察重点", "根据要求，我镇紧扣督察重点");
  EXPECT_FIX(s, "现将情况报告如下:", "现将情况报告如下：");
  EXPECT_FIX(s, "一是加强学习;二是强化落实", "一是加强学习；二是强化落实");
  EXPECT_FIX(s, "纲要(2021—2025年)和部署", "纲要（2021—2025年）和部署");
  EXPECT_FIX(s, "程序是否合法?", "程序是否合法？");
  EXPECT_FIX(s, "要求, 我镇", "要求，我镇");
  EXPECT_FIX(s, "村(社区)网格员", "村（社区）网格员");
  EXPECT_FIX(s, "发挥(AI)作用", "发挥（AI）作用");
  EXPECT_FIX(s, "（2021—2025年),我镇", "（2021—2025年），我镇");
  EXPECT_FIX(s, "我镇 , 他镇", "我镇 ，他镇");
  EXPECT_FIX(s, "发布时间:14:57", "发布时间：14:57");
  EXPECT_FIX(s, "见http://www.gov.cn/a?b=1,谢谢", "见http://www.gov.cn/a?b=1，谢谢");
  EXPECT_FIX(s, "鎮(zhèn)政府,堅持", "鎮(zhèn)政府，堅持");
  EXPECT_FIX(s, "“三项制度”,全面", "“三项制度”，全面");
  EXPECT_FIX(s, "了,,,吗??", "了，，，吗？？");
  EXPECT_FIX(s, "(2025年)枫林镇", "（2025年）枫林镇");
  EXPECT_FIX(s, "(x)(y中)", "(x)（y中）");
  EXPECT_FIX(s, "公开(含English text)", "公开（含English text）");
  EXPECT_FIX(s, "年）,我", "年），我");
  EXPECT_FIX(s, "(2025年）", "（2025年）");
  /* A pair holds Chinese when a Han character lies between its brackets,
   * however far before the closing one, across characters of other
   * scripts written with the same lead bytes (U+1200, U+CC10, U+D7FF). */
  EXPECT_FIX(s, "(a年b)", "（a年b）");
  EXPECT_FIX(s, "(a中华人民共和国国务院办公厅关于b)", "（a中华人民共和国国务院办公厅关于b）");
  EXPECT_FIX(s, "(a中ሀሀሀሀሀሀሀሀሀ찐찐찐찐찐찐찐찐b)", "（a中ሀሀሀሀሀሀሀሀሀ찐찐찐찐찐찐찐찐b）");
  EXPECT_FIX(s, "(a中\xed\x9f\xbf\xed\x9f\xbf" "b)", "（a中\xed\x9f\xbf\xed\x9f\xbf" "b）");

  EXPECT_NONE(s, "发布于14:57");
  EXPECT_NONE(s, "共计3,000元");
  EXPECT_NONE(s, "比例为1:2");
  EXPECT_NONE(s, "Hello, world (see Smith, 2020): yes; no?");
  EXPECT_NONE(s, "a，,b");
  EXPECT_NONE(s, "(1)(2)");
  EXPECT_NONE(s, "网址https://www.example.com/a?b=1&c=(2)");
  EXPECT_NONE(s, "石鼓鎮(zhèn)政府");
  EXPECT_NONE(s, "全角，标点：没有；问题（是）？");
  EXPECT_NONE(s, "");
  EXPECT_NONE(s, "(ab)");
  EXPECT_NONE(s, "(a、、、、、、、、、、、、b)");
  EXPECT_NONE(s, "(aሀሀሀሀሀሀሀሀሀ찐찐찐찐찐찐찐찐b)");
  EXPECT_NONE(s, "(a\xed\x9f\xbf\xe0\xa0\x80\xee\x80\x80" "b)");
}

/* The half-width scan passes over Chinese text eight characters at a
 * time: what it finds does not depend on where those groups fall.  Random
 * strings, rich in characters next to the bounds of the groups (lead
 * bytes E0, E1, EC, ED, EE, EF; Han outside U+1000-U+CFFF; broken
 * characters), are scanned as they are and with 1 to 8 characters ሀ
 * (U+1200, no Han, no mark) put at the start of each Chinese text after a
 * line break, a letter or a digit: the last character of that text and
 * its Han characters stay as they were, so what is found only moves. */
static void test_halfwidth_alignment(void) {
  static const char *const alphabet[] = {
      ",", "(", ")", "a", " ", "中", "华人民共和国", "、", "。", "ሀ", "찐", "\xed\x9f\xbf",
      "\xe0\xa0\x80", "\xee\x80\x80", "，", "（", "）", "\xf0\xa0\x80\x80", "\xef\xa4\x80",
      "\xe4\xb8", "1", "年", "\n", "鎮(zhèn)", "\n", "a", "1",
  };
  const size_t letters = sizeof alphabet / sizeof alphabet[0];
  unsigned long seed = 777;
  int differ = 0, found = 0, moved_texts = 0;
  for (int round = 0; round < 2000; round++) {
    const char *chosen[64];
    size_t pieces = 1 + round % 60;
    for (size_t i = 0; i < pieces; i++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      chosen[i] = alphabet[(seed >> 33) % letters];
    }
    char text[1024] = "";
    for (size_t i = 0; i < pieces; i++) strcat(text, chosen[i]);
    hits plain = {.ordered = true};
    gw__scan_halfwidth_punctuation(text, 0, strlen(text), collect, &plain);
    found += plain.count > 0;
    for (size_t k = 1; k <= 8; k++) {
      char shifted[4096] = "";
      uint32_t at[64]; /* where in `text` the characters were put */
      size_t insertions = 0, length = 0;
      for (size_t i = 0; i < pieces; i++) {
        unsigned char first = (unsigned char)chosen[i][0];
        bool chinese = first >= 0xE1 && first <= 0xEC && strlen(chosen[i]) >= 3;
        bool after_plain = i > 0 && strchr("\na1", chosen[i - 1][0]) && chosen[i - 1][1] == '\0';
        if (chinese && after_plain) {
          at[insertions++] = (uint32_t)length;
          for (size_t c = 0; c < k; c++) strcat(shifted, "ሀ");
        }
        strcat(shifted, chosen[i]);
        length += strlen(chosen[i]);
      }
      moved_texts += insertions > 0;
      hits moved = {.ordered = true};
      gw__scan_halfwidth_punctuation(shifted, 0, strlen(shifted), collect, &moved);
      bool same = moved.count == plain.count;
      for (size_t i = 0; i < plain.count && same; i++) {
        uint32_t start = plain.edits[i].start_byte, end = plain.edits[i].end_byte;
        uint32_t start_shift = 0, end_shift = 0;
        for (size_t n = 0; n < insertions; n++) {
          start_shift += at[n] <= start ? (uint32_t)(3 * k) : 0;
          end_shift += at[n] < end ? (uint32_t)(3 * k) : 0;
        }
        same = moved.edits[i].start_byte == start + start_shift &&
               moved.edits[i].end_byte == end + end_shift &&
               strcmp(moved.edits[i].text, plain.edits[i].text) == 0;
      }
      if (!same && differ++ < 5) printf("# with %zu more characters: \"%s\"\n", k, text);
    }
  }
  CHECK(found > 500 && moved_texts > 5000, "random strings hold marks to fix (%d) and Chinese "
        "text to move (%d)", found, moved_texts);
  CHECK_EQ_INT(differ, 0, "what the scan finds does not depend on where the groups fall");
}

static void test_digit_spacing(void) {
  scanner s = gw__scan_digit_spacing;
  EXPECT_FIX(s, "2023 年荆竹铺镇", "2023年荆竹铺镇");
  EXPECT_FIX(s, "安排学习 4 次", "安排学习4次");
  EXPECT_FIX(s, "审查事项 1件", "审查事项1件");
  EXPECT_FIX(s, "参与率 100%。", "参与率100%。");
  EXPECT_FIX(s, "达到100% 的水平", "达到100%的水平");
  EXPECT_FIX(s, "我镇  2023\t年", "我镇2023年");
  EXPECT_FIX(s, "人民政府 2025年", "人民政府2025年");

  EXPECT_NONE(s, "Windows 10 and 11");
  EXPECT_NONE(s, "使用Windows 10 系统");
  EXPECT_NONE(s, "容量 10 GB");
  EXPECT_NONE(s, "容量 1.5 TB");
  EXPECT_NONE(s, "第一 第二");
  EXPECT_NONE(s, "2023 - 2025");
  EXPECT_NONE(s, "1. 规范");
  EXPECT_NONE(s, "2023年 ");
  EXPECT_NONE(s, " 2023年");
  EXPECT_NONE(s, "二〇二三年　十二月");
}

static void test_pinyin(void) {
  scanner s = gw__scan_pinyin;
  EXPECT_FIX(s, "石鼓鎮(zhèn)政府", "石鼓鎮政府");
  EXPECT_FIX(s, "建設（shè）工作", "建設工作");
  EXPECT_FIX(s, "報(bào)告,領(lǐng)導(dǎo)", "報告,領導");
  EXPECT_FIX(s, "镇(zhen4)长", "镇长");
  EXPECT_FIX(s, "绿(lǜ)色", "绿色");
  EXPECT_FIX(s, "法治(fǎ zhì)", "法治");

  EXPECT_NONE(s, "村(社区)网格员");
  EXPECT_NONE(s, "发挥(AI)作用");
  EXPECT_NONE(s, "镇(de)");
  EXPECT_NONE(s, "第1(zhèn)");
  EXPECT_NONE(s, "镇(zhèn");
  EXPECT_NONE(s, "纲要(2021—2025年)");
  /* The annotation at every offset of the words that the scan passes over,
   * and at the end of the text. */
  int missed = 0;
  for (size_t k = 0; k < 20; k++) {
    for (int width = 0; width < 2; width++) {
      char text[96], expected[96];
      snprintf(text, sizeof text, "%.*s镇%s", (int)k, "abcdefghijklmnopqrstuvwxyz",
               width ? "（zhèn）" : "(zhèn)");
      snprintf(expected, sizeof expected, "%.*s镇", (int)k, "abcdefghijklmnopqrstuvwxyz");
      if (strcmp(fixed(s, text, NULL), expected) != 0 && missed++ < 5) {
        printf("# missed the annotation in \"%s\"\n", text);
      }
    }
  }
  CHECK_EQ_INT(missed, 0, "an annotation is found wherever it starts");
}

static void test_sentence_ends(void) {
  static const struct {
    const char *text;
    bool mid;
  } cases[] = {
      {"执法人员的服装、", true},
      {"镇机", true},
      {"参与化解涉法纠纷", true},
      {"全年达到100%", true},
      {"三是法治建设考核　", true},
      {"一是加强学习。", false},
      {"主要表现在：", false},
      {"实现“最多跑一次”", false},
      {"切实做到“有件必备”。  \n", false},
      {"（社区）", false},
      {"", false},
      {"　　\r\n", false},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *t = cases[i].text;
    CHECK(gw__ends_mid_sentence(t, 0, strlen(t)) == cases[i].mid, "ends %s: \"%s\"",
          cases[i].mid ? "mid-sentence" : "a sentence", t);
  }
}

/* Random strings over an alphabet rich in the characters the scanners look
 * at: what they find comes in order, and a second pass finds nothing. */
static void test_stable(void) {
  static const char *const alphabet[] = {
      ",", ":", ";", "(", ")", "?", " ", "中", "年", "a", "Z", "1", "9", "%", "（", "）",
      "，", "è", "zh", "。", "\n", "www.", "http://", "\xff", "镇(zhèn)", "“", "、",
  };
  const size_t letters = sizeof alphabet / sizeof alphabet[0];
  static const scanner scanners[] = {gw__scan_halfwidth_punctuation, gw__scan_digit_spacing,
                                     gw__scan_pinyin};
  unsigned long seed = 12345;
  int unstable = 0, disordered = 0;
  for (int round = 0; round < 3000; round++) {
    char text[512] = "";
    size_t pieces = 1 + round % 24;
    for (size_t i = 0; i < pieces; i++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      strcat(text, alphabet[(seed >> 33) % letters]);
    }
    for (size_t k = 0; k < 3; k++) {
      char once[4096];
      snprintf(once, sizeof once, "%s", fixed(scanners[k], text, NULL));
      if (strcmp(once, "(edits out of order)") == 0) {
        disordered++;
        continue;
      }
      size_t again;
      fixed(scanners[k], once, &again);
      if (again != 0) {
        if (unstable++ < 5) printf("# unstable (scanner %zu): \"%s\" -> \"%s\"\n", k, text, once);
      }
    }
  }
  CHECK_EQ_INT(disordered, 0, "hits come sorted and apart");
  CHECK_EQ_INT(unstable, 0, "a second pass over fixed text finds nothing");
}

/* What gw__scan_needs must say of text[start, end), read byte by byte. */
static unsigned needs_by_bytes(const char *text, size_t start, size_t end) {
  unsigned needs = 0;
  for (size_t pos = start; pos < end; pos++) {
    unsigned char c = (unsigned char)text[pos];
    if (c && strchr(",:;()?", c)) needs |= GW__NEEDS_MARK;
    if (c == ' ' || c == '\t' || c == 0xC2) needs |= GW__NEEDS_SPACE;
    if (c == '(' || (c == 0xEF && pos + 2 < end && (unsigned char)text[pos + 1] == 0xBC &&
                     (unsigned char)text[pos + 2] == 0x88)) {
      needs |= GW__NEEDS_BRACKET;
    }
  }
  return needs;
}

/* gw__scan_needs passes over eight bytes at a time: a byte it looks for is
 * found wherever it sits in those words, at the ends of the range too, and
 * line breaks, digits, NUL and invalid bytes are no reason to scan. */
static void test_scan_needs(void) {
  CHECK_EQ_INT(gw__scan_needs("", 0, 0), 0, "an empty range needs nothing");
  const char *han = "中华人民共和国国务院办公厅关于";
  CHECK_EQ_INT(gw__scan_needs(han, 0, strlen(han)), 0, "Chinese text needs nothing");
  static const char plain[] = "2025年\n\r\0中\xff\xe4\xb8文1.";
  CHECK_EQ_INT(gw__scan_needs(plain, 0, sizeof plain - 1), 0,
               "digits, line breaks, NUL, invalid bytes");
  /* Each mark at every offset of a run of Chinese text, and at its end. */
  static const struct {
    const char *mark;
    unsigned needs;
  } marks[] = {{",", GW__NEEDS_MARK}, {"?", GW__NEEDS_MARK},
               {"(", GW__NEEDS_MARK | GW__NEEDS_BRACKET}, {" ", GW__NEEDS_SPACE},
               {"\t", GW__NEEDS_SPACE}, {"\xc2\xa0", GW__NEEDS_SPACE}, {"（", GW__NEEDS_BRACKET}};
  int missed = 0, extra = 0;
  for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
    for (size_t at = 0; at <= 30; at += 3) {
      char text[64];
      snprintf(text, sizeof text, "%.*s%s%s", (int)at, han, marks[m].mark, han + at);
      for (size_t start = 0; start < 3; start++) {
        unsigned expected = start <= at ? marks[m].needs : 0;
        if (gw__scan_needs(text, start, strlen(text)) != expected && missed++ < 5) {
          printf("# mark %zu at byte %zu, scanned from %zu: missed\n", m, at, start);
        }
      }
      if (gw__scan_needs(text, 0, at) != 0) extra++; /* the range ends before the mark */
    }
  }
  CHECK_EQ_INT(missed, 0, "a mark anywhere in Chinese text is found");
  CHECK_EQ_INT(extra, 0, "nothing is found after the end of the range");
  /* `（` is three bytes: cut by the end of the range, it is not one. */
  const char *bracket = "中文中文（";
  CHECK_EQ_INT(gw__scan_needs(bracket, 0, strlen(bracket)), GW__NEEDS_BRACKET, "（ at the end");
  CHECK_EQ_INT(gw__scan_needs(bracket, 0, strlen(bracket) - 1), 0, "（ cut by the end");
  /* Random bytes, random ranges: as read byte by byte. */
  static const unsigned char bytes[] = {0x00, '\n', '1', ',', ' ', '\t', '(', '?', 'a', 0xC2,
                                        0xA0, 0xEF, 0xBC, 0x88, 0xE4, 0xB8, 0xAD, 0x80, 0xFF};
  unsigned long seed = 99;
  int wrong = 0;
  for (int round = 0; round < 20000; round++) {
    char text[48];
    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
    size_t length = (seed >> 33) % sizeof text;
    for (size_t i = 0; i < length; i++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      /* Mostly Chinese continuation and lead bytes, as in a report. */
      size_t pick = (seed >> 33) % (3 * sizeof bytes);
      text[i] = (char)(pick < sizeof bytes ? bytes[pick] : pick % 2 ? 0xE4 : 0xAD);
    }
    size_t start = length ? (seed >> 40) % (length + 1) : 0;
    size_t end = start + (length - start ? (seed >> 20) % (length - start + 1) : 0);
    if (gw__scan_needs(text, start, end) != needs_by_bytes(text, start, end) && wrong++ < 5) {
      printf("# gw__scan_needs differs in round %d\n", round);
    }
  }
  CHECK_EQ_INT(wrong, 0, "gw__scan_needs reads as a byte-by-byte pass");
}

/* A random document of `count` of the `kinds` pieces (a piece "" is one
 * NUL byte), into text (room for count times the longest piece); returns
 * its length.  *seed advances. */
static size_t random_text(const char *const *pieces, size_t kinds, int count,
                          unsigned long *seed, char *text) {
  size_t length = 0;
  for (int i = 0; i < count; i++) {
    *seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
    const char *piece = pieces[(*seed >> 33) % kinds];
    size_t n = piece[0] ? strlen(piece) : 1;
    memcpy(text + length, piece, n);
    length += n;
  }
  return length;
}

/* gw__count_scripts reads what the text scanners need along with the
 * scripts: for every block of random documents, what gw__scan_needs says. */
static void test_needs_with_scripts(void) {
  static const char *const pieces[] = {
      "一、", "（一）", "内容", "學習", ",", ":", "(", ")", "?", "（", "）", "，", " ", "\t",
      "\xc2\xa0", "\xc2", "\xef\xbc", "\xef", "\xff", "\xe4\xb8", "\n", "\r\n", "2025",
      "镇(zhèn)", "\0", "a"};
  const size_t kinds = sizeof pieces / sizeof pieces[0];
  unsigned long seed = 2024;
  int wrong = 0, blocks_seen = 0;
  for (int round = 0; round < 300; round++) {
    char text[2048];
    size_t length = random_text(pieces, kinds, 60, &seed, text);
    gw_document *doc = NULL;
    if (gw_document_new(text, length, &doc) != GW_OK) continue;
    gw__block *blocks = NULL, next;
    size_t count = 0, capacity = 0;
    bool has_next, straddles;
    if (gw__read_blocks(doc, 0, UINT32_MAX, &blocks, &count, &capacity, &next, &has_next,
                        &straddles) == GW_OK) {
      gw__script_count *counts = calloc(count ? count : 1, sizeof *counts);
      if (counts) {
        gw__count_scripts(doc, blocks, count, counts);
        for (size_t i = 0; i < count; i++, blocks_seen++) {
          unsigned expected = gw__scan_needs(text, blocks[i].start, blocks[i].end);
          if (counts[i].text_needs != expected && wrong++ < 5) {
            printf("# round %d, block %zu: %u, gw__scan_needs %u\n", round, i,
                   counts[i].text_needs, expected);
          }
        }
      }
      free(counts);
    }
    free(blocks);
    gw_document_free(doc);
  }
  CHECK(blocks_seen > 1000, "random documents have blocks (%d)", blocks_seen);
  CHECK_EQ_INT(wrong, 0, "gw__count_scripts reads the needs as gw__scan_needs does");
}

/* gw__char_before reads what gw__decode_before reads, at every position
 * of random bytes rich in lead and continuation bytes and of valid text. */
static void test_char_before(void) {
  static const unsigned char bytes[] = {0xE4, 0xB8, 0xAD, 0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF,
                                        0xED, 0xA0, 0x80, 0xEF, 0xBC, 0x88, 0xF0, 0x9F, 0x98,
                                        0x80, 0xC2, 0xA0, 'a', 0x80, 0xBF, 0xFF, 0x00, 0xE0};
  unsigned long seed = 99;
  int differ = 0;
  for (int round = 0; round < 3000; round++) {
    char text[64];
    for (size_t i = 0; i < sizeof text; i++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      text[i] = (char)bytes[(seed >> 33) % sizeof bytes];
    }
    if (round % 2) snprintf(text, sizeof text, "中(zhōng)，“華”%d、ü", round);
    for (size_t pos = 1; pos <= sizeof text; pos++) {
      size_t fast = pos, slow = pos;
      int32_t a = gw__char_before(text, &fast), b = gw__decode_before(text, &slow);
      if ((a != b || fast != slow) && differ++ < 5) {
        printf("# at %zu: %ld at %zu, gw__decode_before: %ld at %zu\n", pos, (long)a, fast,
               (long)b, slow);
      }
    }
  }
  CHECK_EQ_INT(differ, 0, "gw__char_before reads as gw__decode_before does");
}

/* Whether doc->blocks, read with the outline, are the blocks that
 * gw__read_blocks reads from the tree (or absent, after an edit that
 * updated the outline in part). */
static bool blocks_as_read(const gw_document *doc, int *seen) {
  if (!doc->blocks) return true;
  gw__block *blocks = NULL, next;
  size_t count = 0, capacity = 0;
  bool has_next, straddles;
  bool same = gw__read_blocks(doc, 0, UINT32_MAX, &blocks, &count, &capacity, &next, &has_next,
                              &straddles) == GW_OK &&
              count == doc->block_count;
  for (size_t i = 0; i < count && same; i++) {
    same = blocks[i].kind == doc->blocks[i].kind && blocks[i].start == doc->blocks[i].start &&
           blocks[i].end == doc->blocks[i].end;
  }
  *seen += (int)count;
  free(blocks);
  return same;
}

/* The walk that builds the outline reads the blocks too: random documents
 * of every kind of line (headings holding items, signatures, residue, a
 * title), fresh and after edits. */
static void test_blocks_with_outline(void) {
  static const char *const pieces[] = {
      "关于工作的报告\n", "一、", "（一）", "1.", "（1）", "①", "内容", "一是", "二是", "是",
      "县人民政府\n", "2025年1月1日\n", "发布时间：2025-01-01 来源：本站\n", "责任编辑：张三\n",
      "各乡镇：\n", "。", "，", "\n", "\r\n", "　　", " ", "問題", "原因", "措施", "\xff", "\0"};
  const size_t kinds = sizeof pieces / sizeof pieces[0];
  unsigned long seed = 4242;
  int wrong = 0, seen = 0, kept = 0;
  for (int round = 0; round < 400; round++) {
    char text[4096];
    size_t length = random_text(pieces, kinds, 80, &seed, text);
    gw_document *doc = NULL;
    if (gw_document_new(text, length, &doc) != GW_OK) continue;
    if (!doc->blocks || !blocks_as_read(doc, &seen)) {
      if (wrong++ < 5) printf("# round %d: blocks of a fresh document\n", round);
    }
    for (int e = 0; e < 6; e++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      size_t now;
      gw_document_text(doc, &now);
      size_t at = now ? (seed >> 33) % now : 0, removed = (seed >> 20) % 8;
      if (removed > now - at) removed = now - at;
      const char *piece = pieces[(seed >> 40) % kinds];
      gw_document_edit(doc, at, at + removed, piece, strlen(piece));
      kept += doc->blocks != NULL;
      if (!blocks_as_read(doc, &seen) && wrong++ < 5) {
        printf("# round %d, edit %d: blocks after an edit\n", round, e);
      }
    }
    gw_document_free(doc);
  }
  CHECK(seen > 20000 && kept > 100, "random documents have blocks (%d), some kept over an edit "
        "that read the outline whole (%d)", seen, kept);
  CHECK_EQ_INT(wrong, 0, "the blocks read with the outline are those read from the tree");
}

int main(void) {
  test_char_before();
  test_blocks_with_outline();
  test_scan_needs();
  test_needs_with_scripts();
  test_halfwidth_punctuation();
  test_halfwidth_alignment();
  test_digit_spacing();
  test_pinyin();
  test_sentence_ends();
  test_stable();
  return CHECK_DONE();
}
