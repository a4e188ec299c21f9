/*
 * gw_to_utf8: byte order marks, UTF-8, UTF-16 with and without a BOM,
 * GB18030/GBK and Big5 detected or named, bad names and bad bytes.
 * Inputs in other charsets are made from the fixtures with ICU.
 */
#include "check.h"
#include "internal.h"
#include "testutil.h"

#include <unicode/ucnv.h>

/* `text` converted from UTF-8 to `charset` by ICU; caller frees. */
static char *encode(const char *text, size_t length, const char *charset, size_t *out_length) {
  UErrorCode status = U_ZERO_ERROR;
  size_t capacity = length * 4 + 16;
  char *out = malloc(capacity);
  int32_t n = ucnv_convert(charset, "UTF-8", out, (int32_t)capacity, text, (int32_t)length, &status);
  if (U_FAILURE(status)) {
    free(out);
    return NULL;
  }
  *out_length = (size_t)n;
  return out;
}

static bool valid_utf8(const char *text, size_t length) {
  for (size_t pos = 0; pos < length;) {
    if (gw__decode(text, length, &pos) < 0) return false;
  }
  return true;
}

/* Converting `input` (named `encoding`, or detected when NULL) gives back
 * `expected`, reported as `name` (any name when NULL). */
static void round_trip(const char *what, const char *input, size_t length, const char *encoding,
                       const char *expected, size_t expected_length, const char *name) {
  char *out = NULL;
  size_t out_length = 0;
  const char *detected = NULL;
  gw_status status = gw_to_utf8(input, length, encoding, &out, &out_length, &detected);
  CHECK(status == GW_OK && out_length == expected_length &&
            memcmp(out, expected, expected_length) == 0 && out[out_length] == '\0',
        "%s: converts back to the text (status %d, %zu bytes, want %zu)", what, status, out_length,
        expected_length);
  if (name) {
    CHECK(detected && strcmp(detected, name) == 0, "%s: reported as %s (got %s)", what, name,
          detected ? detected : "(null)");
  } else {
    CHECK(detected != NULL, "%s: reports a charset (%s)", what, detected ? detected : "(null)");
  }
  gw_string_free(out);
}

static void test_fixture(const char *file) {
  char path[256];
  snprintf(path, sizeof path, "tests/fixtures/%s", file);
  size_t length;
  char *text = read_file(path, &length);
  CHECK(text != NULL, "read %s", path);
  if (!text) return;
  char what[128];

  snprintf(what, sizeof what, "%s as UTF-8", file);
  round_trip(what, text, length, NULL, text, length, "UTF-8");

  size_t n;
  static const struct {
    const char *charset, *label, *name;
    bool detect;
  } forms[] = {
      {"GB18030", "GB18030", "GB18030", true},
      {"GBK", "GBK", "GB18030", true},
      {"UTF-16LE", "UTF-16LE without a BOM", "UTF-16LE", true},
      {"UTF-16BE", "UTF-16BE without a BOM", "UTF-16BE", true},
      {"UTF-16", "UTF-16 with a BOM", NULL, true},
  };
  for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
    char *encoded = encode(text, length, forms[f].charset, &n);
    CHECK(encoded != NULL, "ICU encodes %s in %s", file, forms[f].charset);
    if (!encoded) continue;
    snprintf(what, sizeof what, "%s in %s, detected", file, forms[f].label);
    round_trip(what, encoded, n, NULL, text, length, forms[f].name);
    snprintf(what, sizeof what, "%s in %s, named", file, forms[f].label);
    round_trip(what, encoded, n, forms[f].charset, text, length, NULL);
    free(encoded);
  }
  free(text);
}

static void test_boms(void) {
  static const char utf8_bom[] = "\xef\xbb\xbf一、情况\n";
  round_trip("a UTF-8 BOM is dropped", utf8_bom, sizeof utf8_bom - 1, NULL, "一、情况\n",
             strlen("一、情况\n"), "UTF-8");
  static const char le[] = "\xff\xfe\x00\x4e\x01\x30"; /* BOM 一 、 */
  round_trip("UTF-16LE BOM", le, sizeof le - 1, NULL, "一、", strlen("一、"), "UTF-16LE");
  static const char be[] = "\xfe\xff\x4e\x00\x30\x01";
  round_trip("UTF-16BE BOM", be, sizeof be - 1, NULL, "一、", strlen("一、"), "UTF-16BE");
  static const char le32[] = "\xff\xfe\x00\x00\x00\x4e\x00\x00";
  round_trip("UTF-32LE BOM", le32, sizeof le32 - 1, NULL, "一", strlen("一"), "UTF-32LE");
}

static void test_errors(void) {
  char *out = (char *)1;
  size_t n = 99;
  const char *detected = "x";
  CHECK_EQ_INT(gw_to_utf8("a", 1, NULL, NULL, &n, NULL), GW_ERROR_ARGUMENT, "no out pointer");
  CHECK_EQ_INT(gw_to_utf8("a", 1, NULL, &out, NULL, NULL), GW_ERROR_ARGUMENT, "no length pointer");
  CHECK_EQ_INT(gw_to_utf8(NULL, 4, NULL, &out, &n, &detected), GW_ERROR_ARGUMENT,
               "NULL input with a length");
  CHECK(out == NULL && n == 0 && detected == NULL, "outputs cleared on failure");
  CHECK_EQ_INT(gw_to_utf8("abc", 3, "no-such-charset", &out, &n, &detected), GW_ERROR_ENCODING,
               "an unknown charset name");
  CHECK(out == NULL, "no output for an unknown charset");

  CHECK_EQ_INT(gw_to_utf8(NULL, 0, NULL, &out, &n, &detected), GW_OK, "empty input");
  CHECK(out && n == 0 && out[0] == '\0' && detected && strcmp(detected, "UTF-8") == 0,
        "empty input is empty UTF-8");
  gw_string_free(out);

  /* A named charset substitutes U+FFFD for what it cannot read. */
  static const char bad[] = "a\xff" "b";
  CHECK_EQ_INT(gw_to_utf8(bad, 3, "UTF-8", &out, &n, &detected), GW_OK, "invalid UTF-8, named");
  CHECK(out && n == 5 && memcmp(out, "a\xef\xbf\xbd" "b", 5) == 0, "the bad byte becomes U+FFFD");
  gw_string_free(out);

  /* Random bytes: a result that is valid UTF-8, or a clear error. */
  uint64_t state = 88172645463325252ull;
  int bad_results = 0;
  for (int round = 0; round < 300; round++) {
    char bytes[300];
    size_t length = (size_t)(round % 300);
    for (size_t i = 0; i < length; i++) {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      bytes[i] = (char)state;
    }
    gw_status status = gw_to_utf8(bytes, length, NULL, &out, &n, &detected);
    if (status == GW_OK) {
      if (!valid_utf8(out, n) || !detected) bad_results++;
      gw_string_free(out);
    } else if (status != GW_ERROR_ENCODING) {
      bad_results++;
    }
  }
  CHECK_EQ_INT(bad_results, 0, "random bytes: valid UTF-8 or GW_ERROR_ENCODING");
}

static void test_big5(void) {
  /* Big5 has no pinyin tone marks, so 03 is not used here. */
  const char *text = "關於2025年法治政府建設情況的報告\n"
                     "一、工作開展情況\n"
                     "（一）堅持黨的領導，統籌推進法治建設\n"
                     "全年組織集中學法四次，覆蓋全體幹部。\n"
                     "二、存在問題\n"
                     "（一）執法人員專業能力有待提升\n"
                     "三、整改措施\n"
                     "（一）提升執法人員專業能力\n";
  size_t length = strlen(text), n;
  char *big5 = encode(text, length, "Big5", &n);
  CHECK(big5 != NULL, "ICU encodes a traditional report in Big5");
  if (big5) {
    round_trip("Big5, named", big5, n, "Big5", text, length, NULL);
    /* Detected: whatever the guess, the result is UTF-8. */
    char *out = NULL;
    const char *detected = NULL;
    gw_status status = gw_to_utf8(big5, n, NULL, &out, &n, &detected);
    CHECK(status == GW_OK && valid_utf8(out, n), "Big5, detected as %s",
          detected ? detected : "(none)");
    gw_string_free(out);
  }
  free(big5);
}

/* A converted file parses to the same outline. */
static void test_parse_after_conversion(void) {
  size_t length, n;
  char *text = read_file("tests/fixtures/07-problems-remedies.txt", &length);
  char *gbk = text ? encode(text, length, "GBK", &n) : NULL;
  char *out = NULL;
  size_t out_length = 0;
  gw_document *doc = NULL;
  if (gbk && gw_to_utf8(gbk, n, NULL, &out, &out_length, NULL) == GW_OK) {
    gw_document_new(out, out_length, &doc);
  }
  CHECK(doc && gw_outline_count(doc) > 0 && gw_pair_count(doc) == 4,
        "07 read from GBK parses with its four problems");
  gw_document_free(doc);
  gw_string_free(out);
  free(gbk);
  free(text);
}

int main(void) {
  test_boms();
  test_errors();
  test_fixture("01-standard.txt");
  test_fixture("03-traditional.txt");
  test_fixture("08-combined-section.txt");
  test_big5();
  test_parse_after_conversion();
  return CHECK_DONE();
}
