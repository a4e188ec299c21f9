/*
 * Edits: gw_apply_edits and gw_edits_free.
 */
#include "check.h"
#include "gongwen.h"

#include <stdlib.h>

static gw_edit edit(uint32_t start, uint32_t end, const char *text) {
  return (gw_edit){start, end, text, text ? strlen(text) : 0};
}

/* The text after `edits`, or "(status N)" when gw_apply_edits fails. */
static const char *applied(const char *text, const gw_edit *edits, size_t count) {
  static char result[1024];
  char *out = NULL;
  size_t length = 12345;
  gw_status status = gw_apply_edits(text, strlen(text), edits, count, &out, &length);
  if (status != GW_OK) {
    snprintf(result, sizeof result, "(status %d)", (int)status);
    if (out != NULL || length != 0) snprintf(result, sizeof result, "(failed but gave output)");
    return result;
  }
  if (length != strlen(out)) snprintf(result, sizeof result, "(wrong length)");
  else snprintf(result, sizeof result, "%s", out);
  free(out);
  return result;
}

static void test_apply(void) {
  const char *t = "0123456789";
  CHECK_EQ_STR(applied(t, NULL, 0), "0123456789", "no edits copy the text");
  gw_edit one[] = {edit(2, 4, "ab")};
  CHECK_EQ_STR(applied(t, one, 1), "01ab456789", "a replacement");
  gw_edit several[] = {edit(0, 0, "<"), edit(0, 1, "A"), edit(3, 3, "+"), edit(5, 7, ""),
                       edit(7, 8, "long text"), edit(10, 10, ">")};
  CHECK_EQ_STR(applied(t, several, 6), "<A12+34long text89>",
               "insertions, deletions, replacements, at both ends");
  gw_edit delete_all[] = {edit(0, 10, NULL)};
  CHECK_EQ_STR(applied(t, delete_all, 1), "", "deleting everything");

  gw_edit overlapping[] = {edit(2, 5, "x"), edit(4, 6, "y")};
  CHECK_EQ_STR(applied(t, overlapping, 2), "(status 2)", "overlapping edits are refused");
  gw_edit unsorted[] = {edit(5, 6, "x"), edit(1, 2, "y")};
  CHECK_EQ_STR(applied(t, unsorted, 2), "(status 2)", "unsorted edits are refused");
  gw_edit past_end[] = {edit(9, 11, "x")};
  CHECK_EQ_STR(applied(t, past_end, 1), "(status 2)", "an edit past the end is refused");
  gw_edit backwards[] = {edit(5, 4, "x")};
  CHECK_EQ_STR(applied(t, backwards, 1), "(status 2)", "an edit that ends before it starts");
  gw_edit two_insertions[] = {edit(3, 3, "a"), edit(3, 3, "b")};
  CHECK_EQ_STR(applied(t, two_insertions, 2), "(status 2)",
               "two insertions at one place have no order");
  gw_edit no_text[] = {{1, 2, NULL, 3}};
  CHECK_EQ_STR(applied(t, no_text, 1), "(status 2)", "a length without a text is refused");

  char *out = (char *)1;
  size_t length;
  CHECK_EQ_INT(gw_apply_edits(NULL, 0, NULL, 0, &out, &length), GW_OK, "empty text, no edits");
  CHECK(out && out[0] == '\0' && length == 0, "gives an empty string");
  free(out);
  CHECK_EQ_INT(gw_apply_edits(NULL, 5, NULL, 0, &out, &length), GW_ERROR_ARGUMENT,
               "NULL text with a length");
  CHECK_EQ_INT(gw_apply_edits("abc", 3, NULL, 1, &out, &length), GW_ERROR_ARGUMENT,
               "NULL edits with a count");
  CHECK_EQ_INT(gw_apply_edits("abc", 3, NULL, 0, NULL, &length), GW_ERROR_ARGUMENT,
               "nowhere to put the result");

  /* NUL bytes and invalid UTF-8 are text like any other. */
  const char binary[] = {'a', '\0', '\xff', 'b'};
  gw_edit middle[] = {edit(1, 3, "--")};
  CHECK_EQ_INT(gw_apply_edits(binary, 4, middle, 1, &out, &length), GW_OK, "binary text");
  CHECK(length == 4 && memcmp(out, "a--b", 4) == 0, "NUL and 0xFF replaced");
  free(out);
  gw_edits_free(NULL, 0);
}

int main(void) {
  test_apply();
  return CHECK_DONE();
}
