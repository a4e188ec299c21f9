/*
 * gw_lint: every rule on small texts (what must fire, where, and what must
 * not), the diagnostics of the fixtures and of the five seeds, mutations
 * that inject each numbering fault into real reports, and bad input.
 */
#include "check.h"
#include "test_lint_util.h"

#include <time.h>

/* ------------------------------------------------------------------------ */
/* Rules on small texts                                                      */

static void fires(const char *text, const char *rule, uint32_t line, const char *what) {
  gw_document *doc = parse_string(text);
  gw_diagnostics *d = doc ? lint_doc(doc, rule) : NULL;
  CHECK(d && count_at(d, rule, line) == 1, "%s fires at line %u: %s (got: %s)", rule,
        (unsigned)line, what, d ? describe(d) : "no diagnostics");
  gw_diagnostics_free(d);
  gw_document_free(doc);
}

static void silent(const char *text, const char *rule, const char *what) {
  gw_document *doc = parse_string(text);
  gw_diagnostics *d = doc ? lint_doc(doc, rule) : NULL;
  CHECK(d && gw_diagnostics_count(d) == 0, "%s is silent: %s (got: %s)", rule, what,
        d ? describe(d) : "no diagnostics");
  gw_diagnostics_free(d);
  gw_document_free(doc);
}

static void fixes(const char *text, const char *rule, const char *expected, const char *what) {
  char *out = fix_string(text, rule);
  bool same = out && strcmp(out, expected) == 0;
  CHECK(same, "%s fixes %s", rule, what);
  if (!same) printf("#   expected %s\n#   got      %s\n", expected, out ? out : "(failed)");
  /* A fix applied once leaves nothing for the rule to fix. */
  char *again = out ? fix_string(out, rule) : NULL;
  CHECK(again && strcmp(again, out) == 0, "%s: fixing %s twice equals fixing once", rule, what);
  free(again);
  free(out);
}

static void test_numbering_sequence(void) {
  const char *rule = "numbering/sequence";
  const char *gap = "一、甲\n（一）乙\n内容。\n（二）丙\n内容。\n（四）丁\n内容。\n（五）戊\n";
  fires(gap, rule, 6, "（四） after （二）");
  fixes(gap, rule, "一、甲\n（一）乙\n内容。\n（二）丙\n内容。\n（三）丁\n内容。\n（四）戊\n",
        "a gap, renumbering the rest of the group");
  const char *duplicate = "一、甲\n（一）乙\n1.子。内容。\n2.丑。内容。\n2.寅。内容。\n3.卯。内容。\n";
  fires(duplicate, rule, 5, "a second 2.");
  fixes(duplicate, rule,
        "一、甲\n（一）乙\n1.子。内容。\n2.丑。内容。\n3.寅。内容。\n4.卯。内容。\n", "a duplicate");
  fires("一、甲\n（二）乙\n内容。\n（三）丙\n内容。\n", rule, 2, "a group that starts at （二）");
  fires("一、甲\n（一）乙\n内容。\n（三）丙\n内容。\n（二）丁\n内容。\n", rule, 6,
        "numbers that go back");
  fires("一、甲\n（1）乙。内容。\n（一）丙\n内容。\n（二）丁\n内容。\n", rule, 3,
        "（一） after its sibling （1）");
  fires("一、甲\n②乙。\n③丙。\n", rule, 2, "circled numbers");
  fixes("一、甲\n②乙。\n③丙。\n", rule, "一、甲\n①乙。\n②丙。\n", "circled numbers");
  fixes("一、甲\n二、乙\n内容。\n四、丙\n内容。\n十一、丁\n内容。\n", rule,
        "一、甲\n二、乙\n内容。\n三、丙\n内容。\n四、丁\n内容。\n", "Chinese numerals");
  silent("一、甲\n（一）乙\n内容。\n（二）丙\n内容。\n二、丁\n（一）戊\n内容。\n", rule,
         "numbering restarts under a new parent");
  silent("一、甲\n内容。\n二、乙\n内容。\n三、丙\n内容。\n四、丁\n内容。\n五、戊\n内容。\n六、己\n"
         "内容。\n七、庚\n内容。\n八、辛\n内容。\n九、壬\n内容。\n十、癸\n内容。\n十一、子\n内容。\n",
         rule, "一 to 十一");
}

static void test_level_skip(void) {
  const char *rule = "numbering/level-skip";
  const char *skip = "一、甲\n1.乙。内容。\n2.丙。内容。\n3.丁。内容。\n";
  fires(skip, rule, 2, "1. under 一、, once for its group");
  gw_document *doc = parse_string(skip);
  gw_diagnostics *d = lint_doc(doc, rule);
  CHECK_EQ_INT(gw_diagnostics_count(d), 1, "a skipping group is one fault");
  CHECK(d && gw_diagnostics_get(d, 0)->edit_count == 0, "a skipped level has no fix");
  CHECK(d && strstr(gw_diagnostics_get(d, 0)->message_zh, "二级") != NULL,
        "the message names the level skipped");
  gw_diagnostics_free(d);
  gw_document_free(doc);
  fires("一、甲\n（1）乙。内容。\n", rule, 2, "（1） under 一、 skips two levels");
  fires("一、甲\n内容。\n1.乙。内容。\n二、丙\n内容。\n", rule, 3,
        "no: 1. under 一、 even after a paragraph");
  silent("一、甲\n（一）乙\n1.丙。内容。\n（1）丁。内容。\n①戊。\n", rule, "every level in turn");
  silent("（一）甲\n内容。\n（二）乙\n内容。\n1.丙。内容。\n", rule,
         "a short document that starts at level 2");
}

static void test_delimiter(void) {
  const char *rule = "numbering/delimiter";
  fires("一.甲\n内容。\n", rule, 1, "一.");
  fixes("一.甲\n内容。\n二，乙\n内容。\n", rule, "一、甲\n内容。\n二、乙\n内容。\n", "一. and 二，");
  fixes("一、甲\n（一）乙\n1、丙。内容。\n2．丁。内容。\n", rule,
        "一、甲\n（一）乙\n1.丙。内容。\n2.丁。内容。\n", "1、 and 2．");
  fixes("一、甲\n（一）、乙\n内容。\n（二）、丙\n内容。\n", rule,
        "一、甲\n（一）乙\n内容。\n（二）丙\n内容。\n", "（一）、");
  fixes("一、甲\n（一）乙\n1.丙。\n（1）丁。内容。\n①、戊。\n②、己。\n", rule,
        "一、甲\n（一）乙\n1.丙。\n（1）丁。内容。\n①戊。\n②己。\n", "①、");
  fixes("一、甲\n（一）乙\n内容。\n二）丙\n内容。\n", rule,
        "一、甲\n（一）乙\n内容。\n（二）丙\n内容。\n", "a missing opening bracket");
  fixes("一、 甲\n（一） 乙\n内容。\n", rule, "一、甲\n（一）乙\n内容。\n", "spaces after markers");
  silent("一、甲\n（一）乙\n1.丙。内容。\n（1）丁。内容。\n①戊。\n", rule, "standard markers");
  silent("一、甲\n(一)乙\n内容。\n(二)丙\n内容。\n", rule, "half-width brackets are no delimiter");
}

static void test_width(void) {
  const char *rule = "numbering/width";
  const char *mixed = "一、甲\n（一）乙\n内容。\n(二)丙\n内容。\n（三）丁\n内容。\n";
  fires(mixed, rule, 4, "(二) among （一） （三）");
  fixes(mixed, rule, "一、甲\n（一）乙\n内容。\n（二）丙\n内容。\n（三）丁\n内容。\n",
        "half-width brackets in a full-width document");
  fixes("一、甲\n(一)乙\n内容。\n(二）丙\n内容。\n(三)丁\n内容。\n", rule,
        "一、甲\n(一)乙\n内容。\n(二)丙\n内容。\n(三)丁\n内容。\n",
        "a mixed marker in a half-width document");
  fires("一、甲\n（一）乙\n１.丙。内容。\n", rule, 3, "full-width digits");
  fixes("一、甲\n（一）乙\n１.丙。内容。\n（２）丁。内容。\n", rule,
        "一、甲\n（一）乙\n1.丙。内容。\n（2）丁。内容。\n", "full-width digits");
  silent("一、甲\n(一)乙\n内容。\n(二)丙\n内容。\n", rule, "half-width brackets throughout");
  silent("一、甲\n（一）乙\n1.丙。内容。\n（1）丁。内容。\n", rule, "full-width throughout");
}

static void test_enumeration(void) {
  const char *rule = "enumeration/sequence";
  fires("一、甲\n内容：一是学习。三是落实。\n", rule, 2, "一是…三是");
  fixes("一、甲\n内容：一是学习。三是落实。\n", rule, "一、甲\n内容：一是学习。二是落实。\n",
        "a gap");
  fires("一、甲\n内容。一是学习。\n", rule, 2, "a lone 一是");
  fires("一、甲\n二是学习。三是落实。\n", rule, 2, "a list that starts at 二是");
  fires("一、甲\n一是学习。二是落实。二是检查。\n", rule, 2, "a repeated 二是");
  fires("一、甲\n一是学习。二是落实。一是检查。二是督促。\n", rule, 2,
        "一是 again in the same paragraph");
  silent("一、甲\n一是学习；二是落实；三是检查。\n", rule, "一是 二是 三是");
  silent("一、甲\n一是学习。\n二是落实。\n三是检查。\n", rule, "one item per paragraph");
  silent("一、甲\n问题：一是人少。二是钱少。\n措施：一是增人。二是增钱。\n", rule,
         "problems, then remedies, in two paragraphs");
  silent("一、甲\n一年来，工作有成效。一些问题仍在。\n", rule, "一年来 and 一些 are no items");
}

static void test_heading_punctuation(void) {
  const char *rule = "heading/punctuation";
  const char *stop = "一、甲\n（一）乙\n内容。\n（二）自觉接受执法监督。\n内容。\n";
  fires(stop, rule, 4, "a stand-alone heading ending in 。");
  fixes(stop, rule, "一、甲\n（一）乙\n内容。\n（二）自觉接受执法监督\n内容。\n", "a final 。");
  fires("一、加强领导，\n内容。\n", rule, 1, "a heading ending in ，");
  fires("一、甲\n（一）乙\n1.主要做法：内容如下。\n", rule, 3, "a run-in title ending in ：");
  silent("一、甲\n（一）乙\n1.风险评估。重点关注两个方面：\n", rule, "a run-in heading");
  silent("一、甲\n（一）乙\n1.丙。\n（1）丁。内容。\n①执法主体是否合法；\n②程序是否合法。\n", rule,
         "levels 3 to 5 may be sentences");
  silent("一、甲\n（一）乙\n内容。\n", rule, "titles without punctuation");
}

static void test_structure(void) {
  fires("一、甲\n二、乙\n内容。\n", "structure/empty-section", 1, "一、 with nothing under it");
  fires("一、甲\n（一）乙\n（二）丙\n内容。\n", "structure/empty-section", 2,
        "（一） followed by its sibling");
  silent("一、甲\n（一）乙\n内容。\n", "structure/empty-section", "a section with text");
  silent("一、甲\n（一）乙。内容。\n", "structure/empty-section", "a run-in body");
  silent("一、甲\n①执法主体是否合法；\n②程序是否合法。\n", "structure/empty-section",
         "headings that are sentences");

  fires("一、加强领导\n内容。\n二、加强领导\n内容。\n", "structure/duplicate-title", 3,
        "the same title twice");
  silent("一、甲\n（一）加强领导\n内容。\n二、乙\n（一）加强领导\n内容。\n",
         "structure/duplicate-title", "the same title under different parents");
}

static void test_pairing(void) {
  const char *text = "一、工作情况\n内容。\n二、存在的问题\n（一）法治人才不足\n内容。\n"
                     "（二）普法形式单一\n内容。\n三、整改措施\n（一）加强法治人才培养\n内容。\n";
  gw_document *doc = parse_string(text);
  gw_diagnostics *d = lint_doc(doc, "pairing/unmatched");
  CHECK_EQ_INT(count_at(d, "pairing/unmatched", 6), 1, "the problem with no remedy");
  CHECK_EQ_INT(count_at(d, "pairing/unmatched", 8), 1, "one remedy for two problems");
  CHECK(d && gw_diagnostics_count(d) > 0 &&
            gw_diagnostics_get(d, 0)->severity == GW_SEVERITY_INFO,
        "pairing/unmatched is an info");
  gw_diagnostics_free(d);
  gw_document_free(doc);
  silent("一、工作情况\n内容。\n二、存在的问题\n（一）法治人才不足\n内容。\n三、整改措施\n"
         "（一）加强法治人才培养\n内容。\n",
         "pairing/unmatched", "one problem, one remedy");
}

static void test_text_rules(void) {
  const char *rule = "text/halfwidth-punctuation";
  fires("一、甲\n根据要求,我镇开展工作。\n", rule, 2, "a comma in a paragraph");
  fixes("一、甲(试行)\n根据要求, 我镇开展工作:一是学习。\n", rule,
        "一、甲（试行）\n根据要求，我镇开展工作：一是学习。\n", "heading titles and paragraphs");
  silent("一、甲\n(一)乙\n内容。\n", rule, "brackets of markers");
  silent("标题\n湘潭县人民政府门户网站 发布时间:2026-02-02 14:57\n一、甲\n内容。\n", rule,
         "a byline (residue, not prose)");

  rule = "text/digit-spacing";
  fixes("一、甲\n2023 年，我镇学法 4 次。\n", rule, "一、甲\n2023年，我镇学法4次。\n", "spaces");
  fires("一、甲\n内容。\n某镇人民政府\n2021年 12月30日\n", rule, 4, "a date");
  silent("一、甲\n2023年，我镇使用 Windows 10 系统。\n", rule, "Latin text") ;

  rule = "text/pinyin";
  fixes("石鼓鎮(zhèn)報(bào)告\n一、甲\n內容。\n", rule, "石鼓鎮報告\n一、甲\n內容。\n",
        "annotations in the title");
  silent("一、甲\n村(社区)网格员。\n", rule, "brackets of Chinese");

  rule = "text/residue";
  const char *residue = "标题\n一、甲\n内容。\n- 全部留言\n- /\n- 评论\n- 有用()\n";
  fires(residue, rule, 4, "web page residue");
  fixes(residue, rule, "标题\n一、甲\n内容。\n", "residue lines removed whole");
  fixes("标题\n一、甲\n内容。\n扫一扫在手机打开当前页", rule, "标题\n一、甲\n内容。",
        "residue on a last line without a line break");
  silent("一、甲\n扫一扫二维码即可办理的事项已有四十余项，群众普遍反映办事更加方便快捷，满意度持续提升。\n",
         rule, "a paragraph that mentions 扫一扫");

  rule = "text/broken-line";
  const char *broken = "一、甲\n镇党委理论学习中心组每季度学法常态化，参与率达到百分之百。镇机\n\n"
                       "关全体干部日常学法常态化。\n";
  fires(broken, rule, 2, "a paragraph broken inside a word");
  fixes(broken, rule,
        "一、甲\n镇党委理论学习中心组每季度学法常态化，参与率达到百分之百。镇机"
        "关全体干部日常学法常态化。\n",
        "joined");
  fixes("一、甲\n　　三是考核\n督促机制不完善。\n", rule, "一、甲\n　　三是考核督促机制不完善。\n",
        "a short indented line and an unindented rest");
  silent("一、甲\n　　主要表现在：\n　　一是人少。\n", rule, "a colon ends the line");
  silent("一、甲\n存在不足\n人员少。\n", rule, "a short line, not indented");
  silent("一、甲\n镇党委理论学习中心组每季度学法常态化，参与率达到百分之百\n（一）乙\n内容。\n",
         rule, "a heading follows");

  rule = "text/mixed-script";
  const char *mixed = "一、加强组织领导\n镇党委全面加强组织领导，認真學習，落实责任，推进工作。\n";
  fires(mixed, rule, 2, "traditional characters in simplified text");
  fixes(mixed, rule, "一、加强组织领导\n镇党委全面加强组织领导，认真学习，落实责任，推进工作。\n",
        "converted to simplified");
  silent("一、堅持黨的領導\n鎮黨委把領導干部學法納入計劃，並于年底考核。\n", rule,
         "a mainland site's traditional text (干, 于)");
  silent("一、甲\n内容。\n", rule, "simplified only");
}

/* The text/mixed-script findings of `text`, one a line: both messages and
 * the fix.  Static. */
static const char *mixed_script_findings(const char *text) {
  static char out[8192];
  size_t n = 0;
  out[0] = '\0';
  gw_document *doc = parse_string(text);
  gw_diagnostics *d = doc ? lint_doc(doc, "text/mixed-script") : NULL;
  for (size_t i = 0; d && i < gw_diagnostics_count(d) && n + 512 < sizeof out; i++) {
    const gw_diagnostic *g = gw_diagnostics_get(d, i);
    n += (size_t)snprintf(out + n, sizeof out - n, "%u-%u %s | %s | %s\n",
                          (unsigned)g->range.start.byte, (unsigned)g->range.end.byte,
                          g->message_en, g->message_zh, g->edit_count ? g->edits[0].text : "-");
  }
  gw_diagnostics_free(d);
  gw_document_free(doc);
  return out;
}

#define SIMPLIFIED_SENTENCE "镇党委全面加强组织领导落实责任推进工作。"
#define SIMPLIFIED_LINE                                                                      \
  SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE           \
      SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE       \
          SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE   \
              SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE SIMPLIFIED_SENTENCE

/* What a finding of text/mixed-script says and fixes, as its run grows: a
 * run takes in the characters at home in both scripts (真, 的), its excerpt
 * is cut after 16 characters, it ends at 96 bytes, at an invalid byte and
 * at the end of a text without a final line break. */
static void test_mixed_script_runs(void) {
  const char *text = "一、加强组织领导\n" SIMPLIFIED_LINE SIMPLIFIED_LINE "\n"
                     "我们認真學習貫徹黨的會議精神，落实。\n"
                     "甲會議議會議會議會議會議會議會議會乙\n"
                     "甲會議議會議會議會議會議會議會議會議乙\n"
                     "甲會議議會議會議會議會議會議會議會議會議會議會議會議會議會議會議會議會議會議會議乙\n"
                     "顯著\xff學習\n"
                     "結尾學習";
  const char *expected =
      "1952-1982 Traditional characters in “認真學習貫徹黨的會議”, in a text written in "
      "simplified ones. | 简体文本中夹杂繁体字：“認真學習貫徹黨的會議”。 | 认真学习贯彻党的会议\n"
      "2004-2052 Traditional characters in “會議議會議會議會議會議會議會議會”, in a text written "
      "in simplified ones. | 简体文本中夹杂繁体字：“會議議會議會議會議會議會議會議會”。 | "
      "会议议会议会议会议会议会议会议会\n"
      "2059-2110 Traditional characters in “會議議會議會議會議會議會議會議會…”, in a text "
      "written in simplified ones. | 简体文本中夹杂繁体字：“會議議會議會議會議會議會議會議會…”。 | "
      "会议议会议会议会议会议会议会议会议\n"
      "2117-2213 Traditional characters in “會議議會議會議會議會議會議會議會…”, in a text "
      "written in simplified ones. | 简体文本中夹杂繁体字：“會議議會議會議會議會議會議會議會…”。 | "
      "会议议会议会议会议会议会议会议会议会议会议会议会议会议会议会议会\n"
      "2213-2234 Traditional characters in “議會議會議會議”, in a text written in simplified "
      "ones. | 简体文本中夹杂繁体字：“議會議會議會議”。 | 议会议会议会议\n"
      "2238-2241 Traditional characters in “顯”, in a text written in simplified ones. | "
      "简体文本中夹杂繁体字：“顯”。 | 显\n"
      "2245-2251 Traditional characters in “學習”, in a text written in simplified ones. | "
      "简体文本中夹杂繁体字：“學習”。 | 学习\n"
      "2252-2264 Traditional characters in “結尾學習”, in a text written in simplified ones. | "
      "简体文本中夹杂繁体字：“結尾學習”。 | 结尾学习\n";
  CHECK_EQ_STR(mixed_script_findings(text), expected, "runs of traditional characters");
  /* Simplified characters in traditional text come without a fix. */
  CHECK_EQ_STR(mixed_script_findings("一、堅持黨的領導\n鎮黨委把學法納入計劃並於年底考核黨委領導學習會議"
                                     "發展經濟鞏固成果總結經驗，組织。\n"),
               "139-142 Simplified characters in “织”, in a text written in traditional ones. | "
               "繁体文本中夹杂简体字：“织”。 | -\n",
               "a simplified character in traditional text");
}

static void test_dates(void) {
  const char *rule = "date/format";
  const char *padded = "一、甲\n内容。\n某镇人民政府\n2021年01月05日\n";
  fires(padded, rule, 4, "zero padding");
  fixes(padded, rule, "一、甲\n内容。\n某镇人民政府\n2021年1月5日\n", "zero padding");
  fixes("一、甲\n内容。\n某镇人民政府\n二〇二五年十二月二十日\n", rule,
        "一、甲\n内容。\n某镇人民政府\n2025年12月20日\n", "Chinese numerals");
  fires("某镇2024年法治政府建设工作报告\n2025年，我镇扎实推进法治建设。\n一、甲\n内容。\n", rule,
        1, "a title year that disagrees with the preamble");
  silent("某镇2025年法治政府建设工作报告\n2025年，我镇扎实推进法治建设。\n一、甲\n内容。\n"
         "某镇人民政府\n2026年1月8日\n",
         rule, "a report signed early the next year");
  fires("某镇2025年法治政府建设工作报告\n2025年，我镇扎实推进法治建设。\n一、甲\n内容。\n"
        "某镇人民政府\n2024年12月8日\n",
        rule, 6, "a report dated before its year");
}

/* ------------------------------------------------------------------------ */
/* Options, messages, bad input                                              */

static void test_options_apply(void) {
  gw_document *doc = parse_string("一、甲\n（一）乙\n内容。\n（三）丙\n内容。\n");
  gw_options *o = gw_options_new();
  gw_diagnostics *d = NULL;
  CHECK_EQ_INT(gw_lint(doc, o, &d), GW_OK, "lint with options");
  CHECK_EQ_INT(count_at(d, "numbering/sequence", 4), 1, "the fault at its default");
  CHECK(d && gw_diagnostics_get(d, 0)->severity == GW_SEVERITY_ERROR, "as an error");
  gw_diagnostics_free(d);
  gw_options_set_severity(o, "numbering/sequence", GW_SEVERITY_HINT);
  gw_lint(doc, o, &d);
  CHECK(d && gw_diagnostics_count(d) == 1 && gw_diagnostics_get(d, 0)->severity == GW_SEVERITY_HINT,
        "re-graded to a hint");
  gw_diagnostics_free(d);
  gw_options_set_severity(o, "numbering/*", GW_SEVERITY_OFF);
  gw_lint(doc, o, &d);
  CHECK_EQ_INT(gw_diagnostics_count(d), 0, "switched off with its group");
  gw_diagnostics_free(d);

  /* gw_fix_edits: a rule named runs even when the options switch it off. */
  gw_edit *edits = NULL;
  size_t count = 0;
  CHECK_EQ_INT(gw_fix_edits(doc, o, "numbering/sequence", &edits, &count), GW_OK,
               "fix a rule that is off");
  CHECK_EQ_INT(count, 1, "its edit");
  gw_edits_free(edits, count);
  CHECK_EQ_INT(gw_fix_edits(doc, o, NULL, &edits, &count), GW_OK, "fix what the options enable");
  CHECK_EQ_INT(count, 0, "nothing: the rule is off");
  gw_edits_free(edits, count);
  CHECK_EQ_INT(gw_fix_edits(doc, o, "no/such", &edits, &count), GW_ERROR_UNKNOWN_RULE,
               "an unknown rule");
  CHECK_EQ_INT(gw_fix_edits(NULL, o, NULL, &edits, &count), GW_ERROR_ARGUMENT, "no document");
  CHECK_EQ_INT(gw_lint(NULL, o, &d), GW_ERROR_ARGUMENT, "lint without a document");
  CHECK_EQ_INT(gw_lint(doc, o, NULL), GW_ERROR_ARGUMENT, "lint without a place for results");
  gw_options_free(o);

  /* Diagnostics outlive their document; they are sorted by position. */
  gw_diagnostics *all = lint_doc(doc, NULL);
  gw_document_edit(doc, 0, 0, "标题\n", strlen("标题\n"));
  gw_document_free(doc);
  CHECK(all && gw_diagnostics_count(all) >= 1, "diagnostics after the document is gone");
  const gw_diagnostic *g = gw_diagnostics_get(all, 0);
  CHECK(g && strcmp(g->rule, "numbering/sequence") == 0 && strstr(g->message_en, "（三）") &&
            strstr(g->message_zh, "（二）"),
        "messages name the markers in both languages: %s / %s", g ? g->message_en : "",
        g ? g->message_zh : "");
  CHECK(g && g->range.start.row == 3 && g->range.start.column == 0 &&
            g->range.end.byte - g->range.start.byte == strlen("（三）"),
        "the range covers the marker");
  CHECK(gw_diagnostics_get(all, gw_diagnostics_count(all)) == NULL, "none past the end");
  gw_diagnostics_free(all);
  gw_diagnostics_free(NULL);
  CHECK_EQ_INT(gw_diagnostics_count(NULL), 0, "no diagnostics in NULL");
}

static void test_bad_input(void) {
  static const struct {
    const char *text;
    size_t length;
  } cases[] = {
      {"", 0},
      {"\n\n\n", 3},
      {"一、", 6},
      {"（", 3},
      {"一、甲\0（二）乙\n", 19},
      {"\xff\xfe一、\x80甲\n（二)\xc3\n\xe4\xb8", 22},
      {"(一)(二)(三)\n,,,,((((\n一是一是一是\n", 41},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    gw_document *doc = NULL;
    if (gw_document_new(cases[i].text, cases[i].length, &doc) != GW_OK) continue;
    gw_diagnostics *d = NULL;
    CHECK_EQ_INT(gw_lint(doc, NULL, &d), GW_OK, "lint odd input");
    bool sane = true;
    for (size_t k = 0; k < gw_diagnostics_count(d); k++) {
      const gw_diagnostic *g = gw_diagnostics_get(d, k);
      sane = sane && g->range.end.byte <= cases[i].length &&
             g->range.start.byte <= g->range.end.byte && g->message_en && g->message_zh;
    }
    CHECK(sane, "ranges inside the text, messages present");
    gw_diagnostics_free(d);
    size_t edits = 0;
    char *out = fixed_text(doc, NULL, &edits);
    CHECK(out != NULL, "fix odd input");
    free(out);
    gw_document_free(doc);
  }

  /* Random bytes drawn from the characters the rules look at. */
  static const char *const pieces[] = {
      "一、", "（一）", "(二)", "1.", "（1）", "①", "一是", "三是", "\n", "。", "，", ",", ":",
      "(", ")", "2023 年", "镇", "鎮", "(zhèn)", "- 全部留言\n", "\xff", "\r\n", "　　", "。\n",
  };
  unsigned long seed = 99;
  int crashes_would_abort = 0;
  for (int round = 0; round < 300; round++) {
    char text[1024] = "";
    size_t n = 1 + round % 40;
    for (size_t i = 0; i < n; i++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      strcat(text, pieces[(seed >> 33) % (sizeof pieces / sizeof pieces[0])]);
    }
    gw_document *doc = parse_string(text);
    gw_diagnostics *d = NULL;
    if (!doc || gw_lint(doc, NULL, &d) != GW_OK) crashes_would_abort++;
    gw_diagnostics_free(d);
    gw_document_free(doc);
  }
  CHECK_EQ_INT(crashes_would_abort, 0, "300 random documents lint");
}

/* A long run with many faults: each number is rewritten by one finding
 * only, so that the edits grow with the run, not with its square.  (Fewer
 * than 1900 headings: the grammar reads （1900） … （2099） as years.) */
static void test_many_faults(void) {
  size_t headings = 1800, length = 0;
  char *text = malloc(headings * 64);
  for (size_t i = 0; i < headings; i++) {
    length += (size_t)sprintf(text + length, "（%zu）标题。内容。\n", i % 7 + 1);
  }
  gw_document *doc = NULL;
  gw_document_new(text, length, &doc);
  gw_diagnostics *d = lint_doc(doc, "numbering/sequence");
  size_t edits = 0;
  for (size_t i = 0; i < gw_diagnostics_count(d); i++) edits += gw_diagnostics_get(d, i)->edit_count;
  CHECK(gw_diagnostics_count(d) > 250 && edits < headings,
        "%zu findings carry %zu edits for %zu headings", gw_diagnostics_count(d), edits, headings);
  char *out = fixed_text(doc, "numbering/sequence", NULL);
  CHECK(out && strstr(out, "（1800）标题") != NULL, "renumbered to the end");
  free(out);
  gw_diagnostics_free(d);
  gw_document_free(doc);
  free(text);
}

/* Options with every rule on (`only` NULL), or `only` alone. */
static gw_options *options_on(const char *only) {
  gw_options *o = gw_options_new();
  gw_options_set_severity(o, "*", only ? GW_SEVERITY_OFF : GW_SEVERITY_HINT);
  if (only) gw_options_set_severity(o, only, GW_SEVERITY_HINT);
  return o;
}

static bool same_diagnostic(const gw_diagnostic *a, const gw_diagnostic *b) {
  if (strcmp(a->rule, b->rule) != 0 || memcmp(&a->range, &b->range, sizeof a->range) != 0 ||
      strcmp(a->message_en, b->message_en) != 0 || strcmp(a->message_zh, b->message_zh) != 0 ||
      a->edit_count != b->edit_count) {
    return false;
  }
  for (size_t k = 0; k < a->edit_count; k++) {
    const gw_edit *x = &a->edits[k], *y = &b->edits[k];
    if (x->start_byte != y->start_byte || x->end_byte != y->end_byte ||
        x->text_length != y->text_length || strcmp(x->text, y->text) != 0) {
      return false;
    }
  }
  return true;
}

static size_t rule_index(const char *name) {
  size_t i = 0;
  while (i < gw_rule_count() && strcmp(gw_rule_name(i), name) != 0) i++;
  return i;
}

/* With every rule on, the diagnostics are those of each rule alone (the
 * same ranges, messages and edits, in the same order), merged by position,
 * then rule.  The checks report in runs of their own that interleave (the
 * text scanners block by block, text/mixed-script after them all), and
 * thousands of findings and their texts fill many of the blocks and chunks
 * that collect them. */
static void test_rules_merged(void) {
  static const char *const lines[] = {
      "臺灣的情况,需要加强(jiā qiáng)学习 3 次,做到 2023 年底完成。\n",
      "会议要求:一是认真學習;二是做好(zuò hǎo)工作,确保 100 个项目落实\n",
      "我们在工作中发现的问题还有很多\n",
      "第 5 次会议(2024年)听取了汇報,指出存在的不足?\n",
  };
  size_t paragraphs = 6000, length = 0;
  char *text = malloc(paragraphs * 160 + 64);
  length += (size_t)sprintf(text, "关于工作情况的报告\n一、总体情况\n");
  for (size_t i = 0; i < paragraphs; i++) {
    length += (size_t)sprintf(text + length, "%s", lines[(i * 7 + i / 5) % 4]);
  }
  gw_document *doc = NULL;
  gw_document_new(text, length, &doc);
  gw_options *every = options_on(NULL);
  gw_diagnostics *all = NULL;
  CHECK_EQ_INT(gw_lint(doc, every, &all), GW_OK, "lint with every rule");
  size_t total = gw_diagnostics_count(all), rules = gw_rule_count();
  size_t *next = calloc(rules, sizeof *next);
  gw_diagnostics **alone = calloc(rules, sizeof *alone);
  size_t alone_total = 0, rules_found = 0;
  for (size_t r = 0; r < rules; r++) {
    gw_options *o = options_on(gw_rule_name(r));
    if (gw_lint(doc, o, &alone[r]) != GW_OK) alone[r] = NULL;
    alone_total += gw_diagnostics_count(alone[r]);
    rules_found += gw_diagnostics_count(alone[r]) > 0;
    gw_options_free(o);
  }
  CHECK(total > 20000 && rules_found >= 5, "%zu findings of %zu rules", total, rules_found);
  CHECK_EQ_INT(total, alone_total, "as many findings as the rules find alone");
  bool merged = true, ordered = true;
  const gw_diagnostic *previous = NULL, *g = NULL;
  size_t i = 0;
  for (; i < total && merged && ordered; i++) {
    g = gw_diagnostics_get(all, i);
    size_t r = rule_index(g->rule);
    const gw_diagnostic *own = r < rules ? gw_diagnostics_get(alone[r], next[r]++) : NULL;
    merged = own && same_diagnostic(g, own);
    if (previous) {
      uint32_t a = previous->range.start.byte, b = g->range.start.byte;
      uint32_t a_end = previous->range.end.byte, b_end = g->range.end.byte;
      ordered = a < b || (a == b && (a_end < b_end ||
                                     (a_end == b_end && rule_index(previous->rule) <= r)));
    }
    previous = g;
  }
  CHECK(merged && ordered, "each diagnostic is the next of its rule, in order (%zu: %s at byte %u)",
        i - 1, g ? g->rule : "-", g ? (unsigned)g->range.start.byte : 0);
  for (size_t r = 0; r < rules; r++) gw_diagnostics_free(alone[r]);
  free(alone);
  free(next);
  gw_diagnostics_free(all);
  gw_options_free(every);
  gw_document_free(doc);
  free(text);
}

/* Lint time grows with the text, not with its square. */
static void test_linear(void) {
  char *seed_text = read_file("tests/fixtures/08-combined-section.txt", NULL);
  if (!seed_text) {
    CHECK(0, "fixture 08 readable");
    return;
  }
  size_t unit = strlen(seed_text);
  double seconds[2];
  for (int k = 0; k < 2; k++) {
    size_t copies = k ? 64 : 16;
    char *big = malloc(unit * copies + 1);
    for (size_t c = 0; c < copies; c++) memcpy(big + c * unit, seed_text, unit);
    big[unit * copies] = '\0';
    gw_document *doc = NULL;
    gw_document_new(big, unit * copies, &doc);
    double best = 1e9;
    for (int attempt = 0; attempt < 3; attempt++) {
      clock_t start = clock();
      gw_diagnostics *d = NULL;
      gw_lint(doc, NULL, &d);
      double t = (double)(clock() - start) / CLOCKS_PER_SEC;
      if (t < best) best = t;
      gw_diagnostics_free(d);
    }
    seconds[k] = best;
    gw_document_free(doc);
    free(big);
  }
  CHECK(seconds[1] < 12 * seconds[0] + 0.05,
        "four times the text takes about four times as long (%.3fs, %.3fs)", seconds[0],
        seconds[1]);
  free(seed_text);
}

/* ------------------------------------------------------------------------ */
/* Fixtures and seeds                                                        */

typedef struct {
  const char *rule;
  uint32_t line; /* 0: anywhere */
  size_t count;  /* how many at that line (or in all) */
} expectation;

/* The rules whose findings are listed in full for each file; the others
 * (halfwidth punctuation, pinyin) by count. */
static const char *const listed_rules[] = {
    "numbering/sequence",  "numbering/level-skip",     "numbering/delimiter",
    "numbering/width",     "enumeration/sequence",     "heading/punctuation",
    "structure/empty-section", "structure/duplicate-title", "pairing/unmatched",
    "text/broken-line",    "text/residue",             "text/mixed-script",
    "date/format",         NULL,
};

static void check_file(const gw_document *doc, const char *name, const expectation *expected) {
  gw_diagnostics *d = lint_doc(doc, NULL);
  CHECK(d != NULL, "%s: lint", name);
  if (!d) return;
  size_t listed_expected = 0;
  for (const expectation *e = expected; e->rule; e++) {
    CHECK(count_at(d, e->rule, e->line) == e->count, "%s: %zu × %s at line %u (got %zu)", name,
          e->count, e->rule, (unsigned)e->line, count_at(d, e->rule, e->line));
    for (const char *const *r = listed_rules; *r; r++) {
      if (strcmp(*r, e->rule) == 0 && e->line) listed_expected += e->count;
    }
  }
  size_t listed_found = 0;
  for (const char *const *r = listed_rules; *r; r++) listed_found += count_at(d, *r, 0);
  CHECK(listed_found == listed_expected, "%s: no other structural findings (%zu, expected %zu): %s",
        name, listed_found, listed_expected, describe(d));
  gw_diagnostics_free(d);
}

static void test_fixtures(void) {
  static const struct {
    const char *file;
    expectation expected[40];
  } files[] = {
      {"01-standard.txt", {{NULL, 0, 0}}},
      {"02-messy-markers.txt",
       {{"numbering/delimiter", 3, 1}, {"numbering/delimiter", 4, 1},
        {"numbering/width", 4, 1},     {"numbering/delimiter", 5, 1},
        {"numbering/delimiter", 6, 1}, {"numbering/delimiter", 7, 1},
        {"numbering/width", 8, 1},     {"numbering/delimiter", 9, 1},
        {"numbering/delimiter", 10, 1}, {"numbering/delimiter", 11, 1},
        {"numbering/width", 12, 1},    {"numbering/delimiter", 13, 1},
        {"numbering/width", 13, 1},    {"numbering/width", 14, 1},
        {"numbering/width", 15, 1},    {"numbering/width", 16, 1},
        {"numbering/delimiter", 17, 1}, {"numbering/delimiter", 18, 1},
        {"numbering/delimiter", 19, 1}, {"numbering/delimiter", 20, 1},
        {"numbering/width", 20, 1},    {"numbering/width", 21, 1},
        {"numbering/width", 23, 1},    {"numbering/delimiter", 23, 1},
        {"numbering/delimiter", 25, 1}, {"numbering/delimiter", 27, 1},
        {"numbering/delimiter", 29, 1}, {"numbering/delimiter", 31, 1},
        {"numbering/width", 35, 1},    {"numbering/width", 37, 1},
        {"numbering/width", 39, 1},    {NULL, 0, 0}}},
      {"03-traditional.txt",
       {{"text/pinyin", 0, 8},
        {"text/pinyin", 1, 2},
        {"text/pinyin", 5, 1},
        {"text/pinyin", 21, 1},
        {"text/residue", 2, 1},
        {"text/residue", 40, 1},
        {"text/halfwidth-punctuation", 19, 3},
        {"text/halfwidth-punctuation", 30, 5},
        {NULL, 0, 0}}},
      {"04-pdf-copy.txt",
       {{"text/broken-line", 13, 1},
        {"text/broken-line", 23, 1},
        {"text/broken-line", 47, 1},
        {"text/digit-spacing", 5, 2},
        {"text/digit-spacing", 25, 1},
        {"date/format", 62, 1},
        {NULL, 0, 0}}},
      {"05-numbering-faults.txt",
       {{"numbering/level-skip", 6, 1},
        {"numbering/sequence", 15, 1},
        {"numbering/sequence", 21, 1},
        {"enumeration/sequence", 23, 1},
        {"heading/punctuation", 24, 1},
        {"enumeration/sequence", 25, 1},
        {"numbering/level-skip", 35, 1},
        {"numbering/sequence", 36, 1},
        {NULL, 0, 0}}},
      {"06-not-headings.txt", {{"text/halfwidth-punctuation", 17, 2}, {NULL, 0, 0}}},
      {"07-problems-remedies.txt",
       {{"pairing/unmatched", 20, 1}, {"pairing/unmatched", 25, 1}, {NULL, 0, 0}}},
      {"08-combined-section.txt",
       {{"pairing/unmatched", 31, 1},
        {"text/residue", 39, 1},
        {"text/halfwidth-punctuation", 10, 5},
        {NULL, 0, 0}}},
      {"09-crlf-bom.txt", {{NULL, 0, 0}}},
  };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[256];
    snprintf(path, sizeof path, "tests/fixtures/%s", files[i].file);
    gw_document *doc = open_document(path);
    CHECK(doc != NULL, "read %s", path);
    if (!doc) continue;
    check_file(doc, files[i].file, files[i].expected);
    gw_document_free(doc);
  }

  /* 01 is the model report: not a single warning or error. */
  gw_document *doc = open_document("tests/fixtures/01-standard.txt");
  gw_diagnostics *d = doc ? lint_doc(doc, NULL) : NULL;
  size_t serious = 0;
  for (size_t i = 0; i < gw_diagnostics_count(d); i++) {
    serious += gw_diagnostics_get(d, i)->severity <= GW_SEVERITY_WARNING;
  }
  CHECK(d && serious == 0, "01-standard.txt: no warning or error (%s)", describe(d));
  gw_diagnostics_free(d);
  gw_document_free(doc);
}

static void test_seeds(void) {
  const char *dir = seeds_dir();
  if (!dir) return;
  static const struct {
    const char *file;
    expectation expected[24];
  } seeds[] = {
      {"000_73f1662c96303f06.txt",
       {{"text/halfwidth-punctuation", 3, 5}, /* 要求, 重點, 情況, 自糾, 如下: */
        {"text/halfwidth-punctuation", 0, 111},
        {"text/digit-spacing", 12, 1},
        {"text/residue", 2, 1},
        {"text/residue", 45, 1},
        {NULL, 0, 0}}},
      {"001_97c7dc6967099372.txt",
       {{"text/pinyin", 1, 3}, /* 鎮(zhèn) 設(shè) 報(bào) in the title */
        {"text/pinyin", 0, 328},
        {"text/residue", 2, 1},
        {"text/residue", 22, 1},
        {"text/mixed-script", 15, 1}, /* 显 in mis-decoded text */
        {"pairing/unmatched", 17, 1},
        {NULL, 0, 0}}},
      {"002_ad3103f3cbc14973.txt",
       {{"text/halfwidth-punctuation", 0, 128}, {"text/residue", 23, 1}, {NULL, 0, 0}}},
      {"003_39a5e75fde224abe.txt",
       {{"heading/punctuation", 18, 1},
        {"text/digit-spacing", 1, 1},
        {"text/residue", 31, 1},
        {"text/halfwidth-punctuation", 0, 93},
        {NULL, 0, 0}}},
      {"004_c3b9c402b1e66bfa.txt",
       {{"numbering/width", 11, 1},     /* (一) among （二）…（十） */
        {"numbering/delimiter", 11, 1}, /* `(一) 强化` */
        {"text/digit-spacing", 5, 1},
        {"text/digit-spacing", 0, 12},
        {"text/broken-line", 13, 1}, /* 镇机 / 关全体干部 */
        {"text/broken-line", 59, 1},
        {"text/broken-line", 73, 1},
        {"pairing/unmatched", 65, 1},
        {NULL, 0, 0}}},
  };
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    gw_document *doc = open_in(dir, seeds[i].file);
    CHECK(doc != NULL, "read seed %s", seeds[i].file);
    if (!doc) continue;
    check_file(doc, seeds[i].file, seeds[i].expected);
    gw_document_free(doc);
  }
}

/* ------------------------------------------------------------------------ */
/* Mutations: each numbering fault injected into real reports                */

/* The text with bytes [start, end) replaced by `with`; the caller frees. */
static char *splice(const char *text, size_t start, size_t end, const char *with) {
  size_t length = strlen(text), w = strlen(with);
  char *out = malloc(length - (end - start) + w + 1);
  memcpy(out, text, start);
  memcpy(out + start, with, w);
  memcpy(out + start + w, text + end, length - end + 1);
  return out;
}

typedef struct {
  int tried, caught;
} mutation_score;

/* Parses `mutated` and checks that `rule` fires on 1-based `line`. */
static void expect_caught(const char *mutated, const char *rule, uint32_t line, const char *name,
                          const char *what, mutation_score *score) {
  gw_document *doc = parse_string(mutated);
  gw_diagnostics *d = doc ? lint_doc(doc, rule) : NULL;
  bool caught = d && count_at(d, rule, line) >= 1;
  score->tried++;
  score->caught += caught;
  if (!caught) printf("# %s: %s at line %u not caught (%s)\n", name, what, (unsigned)line, d ? describe(d) : "");
  gw_diagnostics_free(d);
  gw_document_free(doc);
}

static void mutate(const char *name, const char *text) {
  gw_document *doc = parse_string(text);
  if (!doc) {
    CHECK(0, "%s parses", name);
    return;
  }
  mutation_score sequence = {0, 0}, delimiter = {0, 0}, width = {0, 0}, skip = {0, 0},
                 items = {0, 0}, digits = {0, 0};
  size_t n = gw_outline_count(doc);
  for (size_t i = 0; i < n; i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    uint32_t line = e->marker.start.row + 1;
    uint32_t ns = e->number_range.start.byte, ne = e->number_range.end.byte;
    char number[32];
    bool chinese = e->kind == GW_ENTRY_ITEM || e->level <= 2;
    /* A number one too high: a gap (or a duplicate of the next). */
    if (e->number >= 1 && e->number < 9 && (e->kind == GW_ENTRY_ITEM || e->level <= 4)) {
      static const char *const cn[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
      snprintf(number, sizeof number, "%s", chinese ? cn[e->number + 1] : "");
      if (!chinese) snprintf(number, sizeof number, "%u", (unsigned)e->number + 1);
      char *m = splice(text, ns, ne, number);
      if (e->kind == GW_ENTRY_ITEM) expect_caught(m, "enumeration/sequence", line, name, "item number", &items);
      else expect_caught(m, "numbering/sequence", line, name, "heading number", &sequence);
      free(m);
    }
    if (e->kind != GW_ENTRY_HEADING) continue;
    uint32_t ms = e->marker.start.byte, me = e->marker.end.byte;
    /* The wrong delimiter. */
    /* (Not before a digit: `一.2025年` is no heading.) */
    bool digit_follows = me < strlen(text) && text[me] >= '0' && text[me] <= '9';
    if (((e->level == 1 && e->delimiter == 0x3001) || (e->level == 3 && e->delimiter == '.')) &&
        !digit_follows) {
      char *m = splice(text, me - (e->level == 1 ? 3 : 1), me, e->level == 1 ? "." : "、");
      expect_caught(m, "numbering/delimiter", line, name, "delimiter", &delimiter);
      free(m);
    }
    /* One bracket of the other width. */
    if (e->close_width != GW_WIDTH_NONE) {
      bool half = e->close_width == GW_WIDTH_HALF;
      uint32_t close_end = ne + (half ? 1 : 3);
      char *m = splice(text, ne, close_end, half ? "）" : ")");
      expect_caught(m, "numbering/width", line, name, "bracket width", &width);
      free(m);
    }
    /* Full-width digits. */
    if ((e->level == 3 || e->level == 4) && !e->fullwidth_digits) {
      char wide[64] = "";
      for (uint32_t k = ns; k < ne; k++) {
        char one[4] = {(char)0xEF, (char)0xBC, (char)(0x90 + (text[k] - '0')), 0};
        strcat(wide, one);
      }
      char *m = splice(text, ns, ne, wide);
      expect_caught(m, "numbering/width", line, name, "full-width digits", &digits);
      free(m);
    }
    /* A level-2 heading written as level 3 (（一） → 1.) under a level 1
     * heading: its group now skips a level. */
    if (e->level == 2 && e->number == 1 && e->parent != GW_NONE &&
        gw_outline_entry(doc, (size_t)e->parent)->level == 1) {
      char *m = splice(text, ms, me, "1.");
      expect_caught(m, "numbering/level-skip", line, name, "level skipped", &skip);
      free(m);
    }
  }
  mutation_score *scores[] = {&sequence, &delimiter, &width, &skip, &items, &digits};
  const char *names[] = {"sequence", "delimiter", "bracket width", "level skip",
                         "enumeration", "full-width digits"};
  for (int k = 0; k < 6; k++) {
    if (scores[k]->tried == 0) continue;
    CHECK(scores[k]->caught == scores[k]->tried, "%s: %d of %d %s mutations caught at their line",
          name, scores[k]->caught, scores[k]->tried, names[k]);
  }
  gw_document_free(doc);
}

static void mutate_seed(const char *name, const char *text, size_t length) {
  (void)length;
  mutate(name, text);
}

static void test_mutations(void) {
  char *standard = read_file("tests/fixtures/01-standard.txt", NULL);
  CHECK(standard != NULL, "read fixture 01");
  if (standard) mutate("01-standard.txt", standard);
  free(standard);
  for_each_seed(mutate_seed);
}

int main(void) {
  test_numbering_sequence();
  test_level_skip();
  test_delimiter();
  test_width();
  test_enumeration();
  test_heading_punctuation();
  test_structure();
  test_pairing();
  test_text_rules();
  test_mixed_script_runs();
  test_dates();
  test_options_apply();
  test_bad_input();
  test_many_faults();
  test_rules_merged();
  test_linear();
  test_fixtures();
  test_seeds();
  test_mutations();
  return CHECK_DONE();
}
