/*
 * The rule table, gw_options and the `.gongwenrc` reader.
 *
 * Rule names are stable: configuration files and editors refer to them.  The
 * order of the table is the order of gw_rule_name and the priority of fixes
 * that compete for the same characters (see gw_fix_edits).
 */
#include "lint.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *name;
  gw_severity severity;
  const char *description_en;
  const char *description_zh;
} rule_info;

static const rule_info rules[GW__RULE_COUNT] = {
    [GW__RULE_NUMBERING_SEQUENCE] =
        {"numbering/sequence", GW_SEVERITY_ERROR,
         "Sibling headings are numbered 1, 2, 3 … with no gap, duplicate or restart, and the "
         "headings of a section go from the higher level to the lower.",
         "同级标题序号应连续（一、二、三……），不得跳号、重号或重新起号，"
         "同一节内不得先出现下级标题再出现上级标题。"},
    [GW__RULE_NUMBERING_LEVEL_SKIP] =
        {"numbering/level-skip", GW_SEVERITY_WARNING,
         "Each heading is one level below its parent (一、 → （一） → 1. → （1） → ①); no "
         "level is skipped.",
         "标题层级应逐级递进（一、→（一）→1.→（1）→①），不得越级。"},
    [GW__RULE_NUMBERING_DELIMITER] =
        {"numbering/delimiter", GW_SEVERITY_WARNING,
         "Markers take the punctuation of GB/T 15834 B.3: 一、 1. （一）, and nothing after a "
         "bracketed or circled number.",
         "序号标点应符合GB/T 15834附录B.3：“一、”“1.”“（一）”，括号序号和圈码序号后不加标点。"},
    [GW__RULE_NUMBERING_WIDTH] =
        {"numbering/width", GW_SEVERITY_WARNING,
         "Marker brackets have one width throughout the document and within each marker; "
         "digits in markers are half-width.",
         "序号括号全文统一且同一序号内一致，不得全角半角混用；序号中的数字用半角。"},
    [GW__RULE_ENUMERATION_SEQUENCE] =
        {"enumeration/sequence", GW_SEVERITY_WARNING,
         "Enumerations 一是、二是 … run on without a gap, duplicate or restart, and a 一是 is "
         "followed by a 二是.",
         "“一是、二是……”应依次排列，不得缺号、重号或重新起号，有“一是”必有“二是”。"},
    [GW__RULE_HEADING_PUNCTUATION] =
        {"heading/punctuation", GW_SEVERITY_WARNING,
         "A heading on a line of its own ends without 。，；, and a run-in heading ends its "
         "title with 。 before the text that follows.",
         "单独成行的标题末尾不加“。”“，”“；”；与正文同段的标题以“。”结束。"},
    [GW__RULE_STRUCTURE_EMPTY_SECTION] =
        {"structure/empty-section", GW_SEVERITY_WARNING,
         "Every heading has text or subsections under it.",
         "每个标题下都应有正文或下级标题。"},
    [GW__RULE_STRUCTURE_DUPLICATE_TITLE] =
        {"structure/duplicate-title", GW_SEVERITY_WARNING,
         "Headings under the same parent have different titles.",
         "同一上级标题下的各标题不应重复。"},
    [GW__RULE_PAIRING_UNMATCHED] =
        {"pairing/unmatched", GW_SEVERITY_INFO,
         "Every problem has a remedy, and there are as many remedies as problems.",
         "每个问题都应有对应的整改措施，问题与措施数量一致。"},
    [GW__RULE_TEXT_HALFWIDTH_PUNCTUATION] =
        {"text/halfwidth-punctuation", GW_SEVERITY_WARNING,
         "Chinese prose takes full-width punctuation （，：；（）？）, not half-width , : ; ( ) ?.",
         "中文行文应使用全角标点（，：；（）？），不用半角的 , : ; ( ) ?。"},
    [GW__RULE_TEXT_DIGIT_SPACING] =
        {"text/digit-spacing", GW_SEVERITY_WARNING,
         "No space between an Arabic number and a Chinese character (2023年, not 2023 年).",
         "阿拉伯数字与汉字之间不加空格（写作“2023年”，不写“2023 年”）。"},
    [GW__RULE_TEXT_BROKEN_LINE] =
        {"text/broken-line", GW_SEVERITY_WARNING,
         "A paragraph is not broken in the middle of a sentence, as copying from a PDF leaves "
         "it.",
         "段落不应在句子中间断开（从PDF复制文本时常见）。"},
    [GW__RULE_TEXT_RESIDUE] =
        {"text/residue", GW_SEVERITY_WARNING,
         "No leftovers of the web page the report was copied from: publication lines, share "
         "and print links, comment counters, images.",
         "不应残留所复制网页的内容：发布信息、分享打印链接、留言计数、图片等。"},
    [GW__RULE_TEXT_PINYIN] =
        {"text/pinyin", GW_SEVERITY_WARNING,
         "No pinyin annotations after characters, such as 镇(zhèn).",
         "正文不应夹带拼音注音，如“镇(zhèn)”。"},
    [GW__RULE_TEXT_MIXED_SCRIPT] =
        {"text/mixed-script", GW_SEVERITY_WARNING,
         "Traditional and simplified characters are not mixed in one document.",
         "同一文档中不应繁体字与简体字混用。"},
    [GW__RULE_DATE_FORMAT] =
        {"date/format", GW_SEVERITY_WARNING,
         "The date is written as GB/T 9704 asks (2021年12月30日: Arabic numerals, no leading "
         "zeros), and the year in the title agrees with the reporting period in the text.",
         "成文日期按GB/T 9704用阿拉伯数字标全年、月、日，月、日不编虚位（如2021年12月30日）；"
         "标题中的年份应与正文所述年度一致。"},
};

size_t gw_rule_count(void) { return GW__RULE_COUNT; }

const char *gw_rule_name(size_t index) {
  return index < GW__RULE_COUNT ? rules[index].name : NULL;
}

gw_severity gw_rule_default_severity(size_t index) {
  return index < GW__RULE_COUNT ? rules[index].severity : GW_SEVERITY_OFF;
}

const char *gw_rule_description(size_t index, gw_lang lang) {
  if (index >= GW__RULE_COUNT) return NULL;
  return lang == GW_LANG_ZH ? rules[index].description_zh : rules[index].description_en;
}

size_t gw__rules_matching(const char *pattern, size_t pattern_length,
                          void (*visit)(gw__rule rule, void *context), void *context) {
  if (!pattern) return 0;
  /* `*` names every rule; `group/` and `*` the rules whose names start `group/`. */
  size_t prefix = pattern_length;
  bool group = pattern_length > 0 && pattern[pattern_length - 1] == '*' &&
               (pattern_length == 1 || pattern[pattern_length - 2] == '/');
  if (group) prefix = pattern_length - 1;
  size_t matched = 0;
  for (size_t i = 0; i < GW__RULE_COUNT; i++) {
    const char *name = rules[i].name;
    size_t name_length = strlen(name);
    bool match = group ? name_length > prefix && memcmp(name, pattern, prefix) == 0
                       : name_length == pattern_length && memcmp(name, pattern, prefix) == 0;
    if (match) {
      matched++;
      if (visit) visit((gw__rule)i, context);
    }
  }
  return matched;
}

gw_severity gw__rule_severity(const gw_options *options, gw__rule rule) {
  if ((unsigned)rule >= GW__RULE_COUNT) return GW_SEVERITY_OFF;
  return options ? options->severity[rule] : rules[rule].severity;
}

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

gw_options *gw_options_new(void) {
  gw_options *options = malloc(sizeof *options);
  if (!options) return NULL;
  for (size_t i = 0; i < GW__RULE_COUNT; i++) options->severity[i] = rules[i].severity;
  return options;
}

void gw_options_free(gw_options *options) { free(options); }

typedef struct {
  gw_options *options;
  gw_severity severity;
} set_context;

static void set_one(gw__rule rule, void *context) {
  set_context *set = context;
  set->options->severity[rule] = set->severity;
}

static bool valid_severity(gw_severity severity) {
  return severity >= GW_SEVERITY_OFF && severity <= GW_SEVERITY_HINT;
}

gw_status gw_options_set_severity(gw_options *options, const char *rule, gw_severity severity) {
  if (!options || !rule || !valid_severity(severity)) return GW_ERROR_ARGUMENT;
  /* Check first, so that an unknown name changes nothing. */
  size_t length = strlen(rule);
  if (gw__rules_matching(rule, length, NULL, NULL) == 0) return GW_ERROR_UNKNOWN_RULE;
  set_context set = {options, severity};
  gw__rules_matching(rule, length, set_one, &set);
  return GW_OK;
}

gw_severity gw_options_severity(const gw_options *options, const char *rule) {
  if (!rule) return GW_SEVERITY_OFF;
  for (size_t i = 0; i < GW__RULE_COUNT; i++) {
    if (strcmp(rules[i].name, rule) == 0) return gw__rule_severity(options, (gw__rule)i);
  }
  return GW_SEVERITY_OFF;
}

/* ------------------------------------------------------------------------ */
/* .gongwenrc                                                                */

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

static void trim(const char **start, const char **end) {
  while (*start < *end && is_space(**start)) (*start)++;
  while (*end > *start && is_space((*end)[-1])) (*end)--;
}

/* Drops one pair of matching quotes around a key or value. */
static void unquote(const char **start, const char **end) {
  if (*end - *start >= 2 && (**start == '"' || **start == '\'') && (*end)[-1] == **start) {
    (*start)++;
    (*end)--;
  }
}

static bool equals_ignoring_case(const char *start, const char *end, const char *word) {
  size_t length = (size_t)(end - start);
  if (strlen(word) != length) return false;
  for (size_t i = 0; i < length; i++) {
    char c = start[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

static bool parse_severity(const char *start, const char *end, gw_severity *out) {
  static const struct {
    const char *word;
    gw_severity severity;
  } words[] = {
      {"off", GW_SEVERITY_OFF},         {"none", GW_SEVERITY_OFF},
      {"false", GW_SEVERITY_OFF},       {"0", GW_SEVERITY_OFF},
      {"error", GW_SEVERITY_ERROR},     {"1", GW_SEVERITY_ERROR},
      {"warning", GW_SEVERITY_WARNING}, {"warn", GW_SEVERITY_WARNING},
      {"2", GW_SEVERITY_WARNING},       {"info", GW_SEVERITY_INFO},
      {"information", GW_SEVERITY_INFO}, {"3", GW_SEVERITY_INFO},
      {"hint", GW_SEVERITY_HINT},       {"4", GW_SEVERITY_HINT},
  };
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    if (equals_ignoring_case(start, end, words[i].word)) {
      *out = words[i].severity;
      return true;
    }
  }
  return false;
}

/* Applies one line; returns GW_OK for blank lines, comments and headers. */
static gw_status parse_line(gw_options *options, const char *start, const char *end) {
  /* `#` starts a comment anywhere: neither rule names nor severities hold one. */
  const char *hash = memchr(start, '#', (size_t)(end - start));
  if (hash) end = hash;
  trim(&start, &end);
  if (start == end) return GW_OK;
  if (*start == '[') {
    /* The one section there is: `[rules]`. */
    if (end[-1] != ']') return GW_ERROR_ARGUMENT;
    const char *name_start = start + 1, *name_end = end - 1;
    trim(&name_start, &name_end);
    return equals_ignoring_case(name_start, name_end, "rules") ? GW_OK : GW_ERROR_ARGUMENT;
  }
  const char *equals = memchr(start, '=', (size_t)(end - start));
  if (!equals) return GW_ERROR_ARGUMENT;
  const char *key_start = start, *key_end = equals;
  const char *value_start = equals + 1, *value_end = end;
  trim(&key_start, &key_end);
  trim(&value_start, &value_end);
  unquote(&key_start, &key_end);
  unquote(&value_start, &value_end);
  gw_severity severity;
  if (key_start == key_end || !parse_severity(value_start, value_end, &severity)) {
    return GW_ERROR_ARGUMENT;
  }
  size_t key_length = (size_t)(key_end - key_start);
  if (gw__rules_matching(key_start, key_length, NULL, NULL) == 0) return GW_ERROR_UNKNOWN_RULE;
  set_context set = {options, severity};
  gw__rules_matching(key_start, key_length, set_one, &set);
  return GW_OK;
}

gw_status gw_options_parse(gw_options *options, const char *text, size_t length,
                           size_t *error_line) {
  if (error_line) *error_line = 0;
  if (!options || (!text && length > 0)) return GW_ERROR_ARGUMENT;
  /* Work on a copy so that a fault on any line leaves `options` unchanged. */
  gw_options staged = *options;
  const char *end = text + length;
  const char *line = text;
  if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) line += 3; /* BOM */
  for (size_t number = 1; line < end; number++) {
    const char *line_end = line;
    while (line_end < end && *line_end != '\n' && *line_end != '\r') line_end++;
    gw_status status = parse_line(&staged, line, line_end);
    if (status != GW_OK) {
      if (error_line) *error_line = number;
      return status;
    }
    /* One line break: \n, \r\n or a lone \r. */
    line = line_end;
    if (line < end && *line == '\r') line++;
    if (line < end && *line == '\n') line++;
  }
  *options = staged;
  return GW_OK;
}
