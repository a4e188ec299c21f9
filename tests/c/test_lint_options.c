/*
 * The rule table, gw_options and the `.gongwenrc` reader.
 */
#include "check.h"
#include "gongwen.h"

#include <stdlib.h>

static const char *const expected_rules[] = {
    "numbering/sequence",         "numbering/level-skip", "numbering/delimiter",
    "numbering/width",            "enumeration/sequence", "heading/punctuation",
    "structure/empty-section",    "structure/duplicate-title", "pairing/unmatched",
    "text/halfwidth-punctuation", "text/digit-spacing",   "text/broken-line",
    "text/residue",               "text/pinyin",          "text/mixed-script",
    "date/format",
};
#define RULES (sizeof expected_rules / sizeof expected_rules[0])

static size_t rule_index(const char *name) {
  for (size_t i = 0; i < gw_rule_count(); i++) {
    if (strcmp(gw_rule_name(i), name) == 0) return i;
  }
  return (size_t)-1;
}

static void test_table(void) {
  CHECK_EQ_INT(gw_rule_count(), RULES, "the number of rules");
  for (size_t i = 0; i < RULES && i < gw_rule_count(); i++) {
    CHECK_EQ_STR(gw_rule_name(i), expected_rules[i], "rule name in its stable place");
    gw_severity s = gw_rule_default_severity(i);
    CHECK(s >= GW_SEVERITY_ERROR && s <= GW_SEVERITY_HINT, "%s is on by default",
          expected_rules[i]);
    const char *en = gw_rule_description(i, GW_LANG_EN);
    const char *zh = gw_rule_description(i, GW_LANG_ZH);
    CHECK(en && zh && strlen(en) > 20 && strlen(zh) > 20 && strcmp(en, zh) != 0,
          "%s is described in English and Chinese", expected_rules[i]);
    /* Chinese descriptions hold Chinese: a byte of a 3-byte sequence. */
    CHECK(zh && (unsigned char)zh[0] >= 0xE0, "%s: the Chinese description is Chinese",
          expected_rules[i]);
  }
  CHECK(gw_rule_name(RULES) == NULL, "no name past the end");
  CHECK(gw_rule_description(RULES, GW_LANG_EN) == NULL, "no description past the end");
  CHECK_EQ_INT(gw_rule_default_severity(RULES), GW_SEVERITY_OFF, "no severity past the end");
  CHECK_EQ_INT(gw_rule_default_severity(rule_index("numbering/sequence")), GW_SEVERITY_ERROR,
               "numbering/sequence is an error");
  CHECK_EQ_INT(gw_rule_default_severity(rule_index("numbering/level-skip")),
               GW_SEVERITY_WARNING, "numbering/level-skip is a warning");
  CHECK_EQ_INT(gw_rule_default_severity(rule_index("pairing/unmatched")), GW_SEVERITY_INFO,
               "pairing/unmatched is an info");
}

static void test_severities(void) {
  gw_options *o = gw_options_new();
  CHECK(o != NULL, "gw_options_new");
  for (size_t i = 0; i < gw_rule_count(); i++) {
    CHECK(gw_options_severity(o, gw_rule_name(i)) == gw_rule_default_severity(i),
          "%s starts at its default", gw_rule_name(i));
  }
  CHECK_EQ_INT(gw_options_severity(NULL, "numbering/sequence"), GW_SEVERITY_ERROR,
               "NULL options give the default");
  CHECK_EQ_INT(gw_options_severity(o, "no/such-rule"), GW_SEVERITY_OFF,
               "an unknown rule is off");

  CHECK_EQ_INT(gw_options_set_severity(o, "numbering/width", GW_SEVERITY_ERROR), GW_OK,
               "set one rule");
  CHECK_EQ_INT(gw_options_severity(o, "numbering/width"), GW_SEVERITY_ERROR, "it took");
  CHECK_EQ_INT(gw_options_severity(o, "numbering/delimiter"), GW_SEVERITY_WARNING,
               "its neighbour did not change");

  CHECK_EQ_INT(gw_options_set_severity(o, "text/*", GW_SEVERITY_OFF), GW_OK, "set a group");
  CHECK_EQ_INT(gw_options_severity(o, "text/pinyin"), GW_SEVERITY_OFF, "group member off");
  CHECK_EQ_INT(gw_options_severity(o, "text/residue"), GW_SEVERITY_OFF, "another one off");
  CHECK_EQ_INT(gw_options_severity(o, "date/format"), GW_SEVERITY_WARNING,
               "outside the group unchanged");

  CHECK_EQ_INT(gw_options_set_severity(o, "*", GW_SEVERITY_HINT), GW_OK, "set every rule");
  for (size_t i = 0; i < gw_rule_count(); i++) {
    CHECK(gw_options_severity(o, gw_rule_name(i)) == GW_SEVERITY_HINT, "%s is a hint",
          gw_rule_name(i));
  }

  CHECK_EQ_INT(gw_options_set_severity(o, "numbering/nope", GW_SEVERITY_OFF),
               GW_ERROR_UNKNOWN_RULE, "an unknown rule is refused");
  CHECK_EQ_INT(gw_options_set_severity(o, "nope/*", GW_SEVERITY_OFF), GW_ERROR_UNKNOWN_RULE,
               "an unknown group is refused");
  CHECK_EQ_INT(gw_options_set_severity(o, "numbering", GW_SEVERITY_OFF),
               GW_ERROR_UNKNOWN_RULE, "a group without /* is no rule");
  CHECK_EQ_INT(gw_options_set_severity(o, "numbering/sequence*", GW_SEVERITY_OFF),
               GW_ERROR_UNKNOWN_RULE, "a star only after a slash");
  CHECK_EQ_INT(gw_options_set_severity(o, "numbering/sequence", (gw_severity)7),
               GW_ERROR_ARGUMENT, "a severity out of range is refused");
  CHECK_EQ_INT(gw_options_set_severity(NULL, "*", GW_SEVERITY_OFF), GW_ERROR_ARGUMENT,
               "NULL options are refused");
  CHECK_EQ_INT(gw_options_set_severity(o, NULL, GW_SEVERITY_OFF), GW_ERROR_ARGUMENT,
               "a NULL rule is refused");
  CHECK_EQ_INT(gw_options_severity(o, "numbering/sequence"), GW_SEVERITY_HINT,
               "refused calls changed nothing");
  gw_options_free(o);
  gw_options_free(NULL);
}

static gw_status parse(gw_options *o, const char *text, size_t *line) {
  return gw_options_parse(o, text, strlen(text), line);
}

static void test_config(void) {
  gw_options *o = gw_options_new();
  size_t line = 99;
  const char *rc = "\xEF\xBB\xBF# gongwen settings\n"
                   "[rules]\r\n"
                   "numbering/level-skip = off   # short reports skip levels\n"
                   "  text/*=info\n"
                   "\n"
                   "\"date/format\" = 'ERROR'\r"
                   "text/pinyin = warn\n"
                   "structure/empty-section = 4";
  CHECK_EQ_INT(parse(o, rc, &line), GW_OK, "a configuration with every form");
  CHECK_EQ_INT(line, 0, "no line at fault");
  CHECK_EQ_INT(gw_options_severity(o, "numbering/level-skip"), GW_SEVERITY_OFF, "off");
  CHECK_EQ_INT(gw_options_severity(o, "text/residue"), GW_SEVERITY_INFO, "group to info");
  CHECK_EQ_INT(gw_options_severity(o, "text/pinyin"), GW_SEVERITY_WARNING,
               "a later line overrides the group");
  CHECK_EQ_INT(gw_options_severity(o, "date/format"), GW_SEVERITY_ERROR,
               "quoted key and value, any case, after a lone CR");
  CHECK_EQ_INT(gw_options_severity(o, "structure/empty-section"), GW_SEVERITY_HINT,
               "a number, on a last line without a line break");
  CHECK_EQ_INT(gw_options_severity(o, "numbering/sequence"), GW_SEVERITY_ERROR,
               "rules not named keep their severity");

  CHECK_EQ_INT(parse(o, "", &line), GW_OK, "an empty file");
  CHECK_EQ_INT(gw_options_parse(o, NULL, 0, &line), GW_OK, "no text at all");

  static const struct {
    const char *text;
    gw_status status;
    size_t line;
    const char *what;
  } bad[] = {
      {"numbering/sequence = off\nnumbering/width = loud\n", GW_ERROR_ARGUMENT, 2,
       "an unknown severity"},
      {"# c\n\nnumbering/nope = off\n", GW_ERROR_UNKNOWN_RULE, 3, "an unknown rule"},
      {"numbering/sequence off\n", GW_ERROR_ARGUMENT, 1, "no equals sign"},
      {"= off\n", GW_ERROR_ARGUMENT, 1, "no rule"},
      {"numbering/sequence =\n", GW_ERROR_ARGUMENT, 1, "no severity"},
      {"[other]\nnumbering/sequence = off\n", GW_ERROR_ARGUMENT, 1, "an unknown section"},
      {"a\r\nb\rnumbering/sequence = off\n", GW_ERROR_ARGUMENT, 1, "a bare word"},
      {"x = 1\r\n\r\n\rtext/* = 9", GW_ERROR_UNKNOWN_RULE, 1, "x is no rule"},
      {"text/pinyin = off\r\n\r\n\rtext/* = 9", GW_ERROR_ARGUMENT, 4,
       "CRLF, CRLF, CR: the fourth line"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    gw_options *fresh = gw_options_new();
    line = 0;
    CHECK_EQ_INT(parse(fresh, bad[i].text, &line), bad[i].status, bad[i].what);
    CHECK_EQ_INT(line, bad[i].line, "the line at fault");
    CHECK_EQ_INT(gw_options_severity(fresh, "numbering/sequence"), GW_SEVERITY_ERROR,
                 "a failed parse changes nothing");
    CHECK_EQ_INT(gw_options_severity(fresh, "text/pinyin"), GW_SEVERITY_WARNING,
                 "not even lines before the fault");
    gw_options_free(fresh);
  }
  CHECK_EQ_INT(gw_options_parse(NULL, "x", 1, NULL), GW_ERROR_ARGUMENT, "NULL options");
  CHECK_EQ_INT(gw_options_parse(o, NULL, 3, NULL), GW_ERROR_ARGUMENT, "NULL text, length 3");

  /* Bytes of every kind never crash the reader. */
  unsigned long seed = 7;
  for (int round = 0; round < 2000; round++) {
    char junk[64];
    for (size_t i = 0; i < sizeof junk; i++) {
      seed = seed * 6364136223846793005UL + 1442695040888963407UL;
      junk[i] = "=#[]\n\r *\"'/ab\0\xff"[(seed >> 33) % 16];
    }
    gw_options_parse(o, junk, sizeof junk, &line);
  }
  bool sane = true;
  for (size_t i = 0; i < gw_rule_count(); i++) {
    gw_severity s = gw_options_severity(o, gw_rule_name(i));
    sane = sane && s >= GW_SEVERITY_OFF && s <= GW_SEVERITY_HINT;
  }
  CHECK(sane, "after random bytes every severity is still a severity");
  gw_options_free(o);
}

int main(void) {
  test_table();
  test_severities();
  test_config();
  return CHECK_DONE();
}
