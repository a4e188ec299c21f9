/*
 * The script table (src/script_table.c) against ICU itself: for every code
 * point of U+3400..U+2FFFF, what Hant-Hans and Hans-Hant make of it alone.
 * The generator converts all of them in one string, one per line; here each
 * is converted on its own, so that a table out of step with the installed
 * ICU (after an upgrade: run `make script-table`) or a fault in either way
 * of reading ICU fails.  This test pays the transliterators' cost that the
 * library no longer does.
 */
#include "check.h"
#include "lint.h"
#include "script_shared.h"
#include "script_table.h"

#include <unicode/ustring.h>
#include <unicode/utrans.h>

static UTransliterator *open_transliterator(const char *id) {
  UChar name[32];
  u_uastrcpy(name, id);
  UErrorCode error = U_ZERO_ERROR;
  UTransliterator *t = utrans_openU(name, -1, UTRANS_FORWARD, NULL, 0, NULL, &error);
  CHECK(U_SUCCESS(error), "ICU opens %s (%s)", id, u_errorName(error));
  return U_SUCCESS(error) ? t : NULL;
}

/* What `t` makes of cp: one character, or -1 for none or several. */
static int32_t convert(UTransliterator *t, int32_t cp) {
  UChar buffer[16];
  int32_t length = 0;
  U16_APPEND_UNSAFE(buffer, length, cp);
  int32_t limit = length;
  UErrorCode error = U_ZERO_ERROR;
  utrans_transUChars(t, buffer, &length, (int32_t)(sizeof buffer / sizeof *buffer), 0, &limit,
                     &error);
  if (U_FAILURE(error) || length == 0) return -1;
  int32_t pos = 0;
  UChar32 result;
  U16_NEXT(buffer, pos, length, result);
  return pos == length ? result : -1;
}

/* The index of cp in gw__traditional_chars, or -1. */
static long traditional_index(int32_t cp) {
  for (size_t i = 0; i < gw__traditional_count; i++) {
    if (gw__traditional_chars[i] == cp) return (long)i;
  }
  return -1;
}

int main(void) {
  UTransliterator *to_simplified = open_transliterator("Hant-Hans");
  UTransliterator *to_traditional = open_transliterator("Hans-Hant");
  if (!to_simplified || !to_traditional) {
    utrans_close(to_simplified);
    utrans_close(to_traditional);
    return CHECK_DONE();
  }
  size_t wrong_script = 0, traditional = 0, simplified = 0;
  for (int32_t cp = GW__SCRIPT_FIRST; cp <= GW__SCRIPT_LAST; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue; /* no character, never Han */
    int expected = GW__SCRIPT_NEUTRAL;
    if (gw__is_shared_character(cp)) expected = GW__SCRIPT_NEUTRAL;
    else if (convert(to_simplified, cp) != cp) expected = GW__SCRIPT_TRADITIONAL;
    else if (convert(to_traditional, cp) != cp) expected = GW__SCRIPT_SIMPLIFIED;
    traditional += expected == GW__SCRIPT_TRADITIONAL;
    simplified += expected == GW__SCRIPT_SIMPLIFIED;
    if (gw__script_of(cp) != expected && wrong_script++ < 10) {
      printf("# U+%04X: table %d, ICU %d\n", (unsigned)cp, gw__script_of(cp), expected);
    }
  }
  CHECK(wrong_script == 0, "the table gives every code point ICU's script (%zu differ)",
        wrong_script);
  /* text/mixed-script counts the characters of each script by the table
   * alone, and tells a Han character apart only when it reports them. */
  size_t not_han = 0;
  for (int32_t cp = GW__SCRIPT_FIRST; cp <= GW__SCRIPT_LAST; cp++) {
    if (gw__script_of(cp) != GW__SCRIPT_NEUTRAL && !gw__is_han(cp) && not_han++ < 10) {
      printf("# U+%04X has a script but is no Han character\n", (unsigned)cp);
    }
  }
  CHECK_EQ_INT(not_han, 0, "only Han characters have a script");
  /* Thousands of each, or a broken ICU (or table) could agree on nothing. */
  CHECK(traditional > 2000 && simplified > 2000, "ICU knows %zu traditional, %zu simplified",
        traditional, simplified);
  CHECK_EQ_INT(gw__traditional_count, traditional, "one simplified form per traditional one");

  size_t unordered = 0, wrong_form = 0;
  for (size_t i = 0; i < gw__traditional_count; i++) {
    int32_t cp = gw__traditional_chars[i];
    if (i && gw__traditional_chars[i - 1] >= cp) unordered++;
    int32_t form = convert(to_simplified, cp);
    if (gw__simplified_forms[i] != form && wrong_form++ < 10) {
      printf("# U+%04X: table U+%04X, ICU U+%04X\n", (unsigned)cp,
             (unsigned)gw__simplified_forms[i], (unsigned)form);
    }
  }
  CHECK(unordered == 0, "traditional characters ascending (binary search)");
  CHECK(wrong_form == 0, "the simplified forms are ICU's (%zu differ)", wrong_form);
  /* Spot checks that say what the table means. */
  CHECK(gw__script_of(0x5B78) == GW__SCRIPT_TRADITIONAL, "學 is traditional");
  CHECK(gw__script_of(0x5B66) == GW__SCRIPT_SIMPLIFIED, "学 is simplified");
  CHECK(gw__script_of(0x4EBA) == GW__SCRIPT_NEUTRAL, "人 is neutral");
  CHECK(gw__script_of(0x5E72) == GW__SCRIPT_NEUTRAL, "干 is shared, neutral");
  long at = traditional_index(0x5B78);
  CHECK(at >= 0 && gw__simplified_forms[at] == 0x5B66, "學 simplifies to 学");

  utrans_close(to_simplified);
  utrans_close(to_traditional);
  return CHECK_DONE();
}
