/*
 * Numerals: reading marker numbers and writing Chinese numerals, checked
 * against ICU's rule-based spell-out for `zh` over 1..200.
 */
#include "check.h"
#include "internal.h"

#include <unicode/unum.h>
#include <unicode/ustring.h>

static void value_is(const char *text, uint32_t expected) {
  uint32_t value = 0;
  bool ok = gw__number_value(text, strlen(text), &value);
  CHECK(ok && value == expected, "%s reads as %u (ok=%d, got %u)", text, expected, ok, value);
}

static void not_a_number(const char *text, size_t length) {
  uint32_t value = 12345;
  CHECK(!gw__number_value(text, length, &value), "\"%.*s\" is not one number", (int)length, text);
}

static void numeral_is(uint32_t value, const char *expected) {
  char buffer[64];
  size_t n = gw__cn_numeral(value, buffer, sizeof buffer);
  CHECK(n == strlen(expected) && strcmp(buffer, expected) == 0, "%u is written %s (got %s)",
        value, expected, buffer);
}

/* ICU writes 〇 inside numbers (一百〇五); official documents write 零. */
static void zero_to_ling(const char *in, char *out, size_t size) {
  size_t o = 0;
  for (const char *p = in; *p && o + 4 < size;) {
    if (strncmp(p, "〇", strlen("〇")) == 0 && p != in) {
      memcpy(out + o, "零", strlen("零"));
      o += strlen("零");
      p += strlen("〇");
    } else {
      out[o++] = *p++;
    }
  }
  out[o] = '\0';
}

static void against_icu(void) {
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format = unum_open(UNUM_SPELLOUT, NULL, 0, "zh", NULL, &status);
  CHECK(U_SUCCESS(status), "ICU opens the zh spell-out format (%s)", u_errorName(status));
  if (U_FAILURE(status)) return;
  int read_wrong = 0, written_wrong = 0;
  for (int32_t v = 1; v <= 200; v++) {
    UChar units[64];
    char icu[128], expected[128], ours[128];
    status = U_ZERO_ERROR;
    int32_t n = unum_format(format, v, units, 64, NULL, &status);
    u_strToUTF8(icu, sizeof icu, NULL, units, n, &status);
    if (U_FAILURE(status)) {
      read_wrong++;
      continue;
    }
    uint32_t value = 0;
    if (!gw__number_value(icu, strlen(icu), &value) || value != (uint32_t)v) {
      read_wrong++;
      printf("# ICU's %s read as %u, not %d\n", icu, value, v);
    }
    zero_to_ling(icu, expected, sizeof expected);
    gw__cn_numeral((uint32_t)v, ours, sizeof ours);
    if (strcmp(ours, expected) != 0) {
      written_wrong++;
      printf("# %d: ours %s, ICU %s\n", v, ours, icu);
    }
  }
  CHECK_EQ_INT(read_wrong, 0, "ICU's spell-out of 1..200 reads back to the same numbers");
  CHECK_EQ_INT(written_wrong, 0, "1..200 are written as ICU spells them (with 零 for 〇)");
  unum_close(format);
}

int main(void) {
  /* Chinese numerals, common forms. */
  value_is("一", 1);
  value_is("十", 10);
  value_is("十一", 11);
  value_is("二十", 20);
  value_is("二十三", 23);
  value_is("九十九", 99);
  value_is("一百", 100);
  value_is("一百零五", 105);
  value_is("一百〇五", 105);
  value_is("一百一十", 110);
  value_is("一千零一", 1001);
  value_is("〇", 0);
  value_is("两", 2);
  value_is("一百五", 150);
  value_is("一万二千", 12000);
  /* Formal and traditional forms. */
  value_is("壹", 1);
  value_is("贰拾", 20);
  value_is("貳", 2);
  value_is("參", 3);
  value_is("叁拾陆", 36);
  value_is("陸", 6);
  value_is("兩", 2);
  value_is("玖佰玖拾玖", 999);
  /* Digits written one by one, as in years. */
  value_is("二〇二五", 2025);
  /* Arabic digits, half and full width. */
  value_is("7", 7);
  value_is("12", 12);
  value_is("１２", 12);
  value_is("０３", 3);
  /* Circled numbers. */
  value_is("①", 1);
  value_is("⑳", 20);
  value_is("㉑", 21);
  value_is("㉟", 35);
  value_is("㊱", 36);
  value_is("㊿", 50);

  not_a_number("", 0);
  not_a_number("十十", strlen("十十"));
  not_a_number("十百", strlen("十百")); /* units must fall */
  not_a_number("一二十", strlen("一二十"));
  not_a_number("零十", strlen("零十"));
  not_a_number("是", strlen("是"));
  not_a_number("1.5", 3);
  not_a_number("①②", strlen("①②"));
  not_a_number("1一", strlen("1一"));
  not_a_number("\xff", 1);
  not_a_number("\xe4\xb8", 2); /* a cut-off 一 */
  not_a_number("1234567890", 10);
  not_a_number("一二三四五六七八九十一二三四五六七", strlen("一二三四五六七八九十一二三四五六七"));

  numeral_is(0, "〇");
  numeral_is(1, "一");
  numeral_is(10, "十");
  numeral_is(11, "十一");
  numeral_is(20, "二十");
  numeral_is(105, "一百零五");
  numeral_is(110, "一百一十");
  numeral_is(1010, "一千零一十");
  numeral_is(9999, "九千九百九十九");
  {
    char small[4];
    size_t n = gw__cn_numeral(105, small, sizeof small);
    CHECK(n == strlen("一百零五") && strcmp(small, "一") == 0,
          "a short buffer gets what fits and the length needed (%zu)", n);
    CHECK_EQ_INT(gw__cn_numeral(105, NULL, 0), strlen("一百零五"), "size 0 only measures");
    char buffer[8] = "x";
    CHECK(gw__cn_numeral(10000, buffer, sizeof buffer) == 0 && buffer[0] == '\0',
          "values past 9999 are not written");
  }
  /* Round trip over the whole range that is written. */
  {
    int wrong = 0;
    for (uint32_t v = 0; v <= 9999; v++) {
      char buffer[64];
      uint32_t back = 0;
      size_t n = gw__cn_numeral(v, buffer, sizeof buffer);
      if (!gw__number_value(buffer, n, &back) || back != v) wrong++;
    }
    CHECK_EQ_INT(wrong, 0, "0..9999 written and read back give the same number");
  }
  against_icu();
  return CHECK_DONE();
}
