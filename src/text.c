/*
 * UTF-8 decoding, the row index of a document, and positions.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past
 * U+10FFFF.  Anything else is one invalid byte. */
int32_t gw__decode(const char *text, size_t length, size_t *pos) {
  const unsigned char *s = (const unsigned char *)text + *pos;
  size_t left = length - *pos;
  unsigned char b = s[0];
  if (b < 0x80) {
    *pos += 1;
    return b;
  }
  int32_t cp;
  size_t need;
  int32_t min;
  if (b >= 0xC2 && b <= 0xDF) {
    cp = b & 0x1F;
    need = 1;
    min = 0x80;
  } else if (b >= 0xE0 && b <= 0xEF) {
    cp = b & 0x0F;
    need = 2;
    min = 0x800;
  } else if (b >= 0xF0 && b <= 0xF4) {
    cp = b & 0x07;
    need = 3;
    min = 0x10000;
  } else {
    *pos += 1;
    return -1;
  }
  if (left <= need) {
    *pos += 1;
    return -1;
  }
  for (size_t i = 1; i <= need; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *pos += 1;
      return -1;
    }
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos += 1;
    return -1;
  }
  *pos += need + 1;
  return cp;
}

int32_t gw__decode_before(const char *text, size_t *pos) {
  size_t end = *pos;
  /* A sequence is at most four bytes: try the starts from the nearest. */
  for (size_t back = 1; back <= 4 && back <= end; back++) {
    unsigned char b = (unsigned char)text[end - back];
    if ((b & 0xC0) == 0x80 && back < 4) continue; /* a continuation byte */
    size_t start = end - back;
    size_t at = start;
    int32_t cp = gw__decode(text, end, &at);
    if (cp >= 0 && at == end) {
      *pos = start;
      return cp;
    }
    break;
  }
  *pos = end - 1;
  return -1;
}

size_t gw__encode(int32_t cp, char out[4]) {
  if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Rows start after each `\n` only, as in tree-sitter and a Neovim buffer:
 * the `\r` of `\r\n` ends its row and a lone `\r` is a character. */
gw_status gw__index_rows(gw_document *doc) {
  const char *text = doc->text;
  size_t length = doc->length;
  /* One pass: the array grows as rows are found (a line is rarely shorter
   * than 32 bytes, so it seldom grows at all). */
  size_t capacity = length / 32 + 16, rows = 0;
  uint32_t *starts = malloc(capacity * sizeof *starts);
  if (!starts) return GW_ERROR_NOMEM;
  starts[rows++] = 0;
  for (const char *s = text, *end = text + length; (s = memchr(s, '\n', (size_t)(end - s)));) {
    s++;
    if (rows == capacity) {
      uint32_t *bigger = realloc(starts, 2 * capacity * sizeof *starts);
      if (!bigger) {
        free(starts);
        return GW_ERROR_NOMEM;
      }
      starts = bigger;
      capacity *= 2;
    }
    starts[rows++] = (uint32_t)(s - text);
  }
  free(doc->row_starts);
  doc->row_starts = starts;
  doc->row_count = rows;
  return GW_OK;
}

gw_status gw__shift_rows(const gw_document *doc, gw_document *next, size_t start_byte,
                         size_t old_end_byte, size_t new_length) {
  /* Row r starts after the `\n` at row_starts[r] - 1: rows starting at or
   * before start_byte keep theirs, rows starting in (start_byte,
   * old_end_byte] lose theirs to the edit, later rows move by the change in
   * length. */
  size_t before = 1; /* row 0 always stays */
  while (before < doc->row_count && doc->row_starts[before] <= start_byte) before++;
  size_t after = before;
  while (after < doc->row_count && doc->row_starts[after] <= old_end_byte) after++;
  const char *inserted = next->text + start_byte;
  size_t added = 0;
  for (const char *s = inserted, *end = inserted + new_length;
       (s = memchr(s, '\n', (size_t)(end - s)));) {
    added++;
    s++;
  }
  size_t rows = before + added + (doc->row_count - after);
  uint32_t *starts = malloc(rows * sizeof *starts);
  if (!starts) return GW_ERROR_NOMEM;
  memcpy(starts, doc->row_starts, before * sizeof *starts);
  size_t row = before;
  for (const char *s = inserted, *end = inserted + new_length;
       (s = memchr(s, '\n', (size_t)(end - s)));) {
    s++;
    starts[row++] = (uint32_t)(s - next->text);
  }
  /* Unsigned arithmetic: adding the difference works for shrinking too. */
  uint32_t shift = (uint32_t)(start_byte + new_length) - (uint32_t)old_end_byte;
  for (size_t r = after; r < doc->row_count; r++) starts[row++] = doc->row_starts[r] + shift;
  free(next->row_starts);
  next->row_starts = starts;
  next->row_count = rows;
  return GW_OK;
}

size_t gw__row_of(const gw_document *doc, uint32_t byte) {
  size_t lo = 0, hi = doc->row_count; /* answer in [lo, hi) */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (doc->row_starts[mid] <= byte) lo = mid;
    else hi = mid;
  }
  return lo;
}

gw_point gw__point(const gw_document *doc, uint32_t byte) {
  if (byte > doc->length) byte = (uint32_t)doc->length;
  size_t row = gw__row_of(doc, byte);
  gw_point p = {byte, (uint32_t)row, byte - doc->row_starts[row]};
  return p;
}

gw_range gw__range(const gw_document *doc, uint32_t start_byte, uint32_t end_byte) {
  gw_range r = {gw__point(doc, start_byte), gw__point(doc, end_byte)};
  return r;
}

gw_range gw__node_range(const gw_document *doc, TSNode node) {
  return gw__range(doc, ts_node_start_byte(node), ts_node_end_byte(node));
}

bool gw__text_before_equals(const gw__text_before *before, size_t at, const char *bytes,
                            size_t length) {
  size_t end = at + length;
  if (at < before->start) { /* before the edit: in place */
    size_t n = (end < before->start ? end : before->start) - at;
    if (memcmp(before->text + at, bytes, n) != 0) return false;
    at += n;
    bytes += n;
  }
  if (at < end && at < before->old_end) { /* the bytes the edit replaced */
    size_t n = (end < before->old_end ? end : before->old_end) - at;
    if (memcmp(before->replaced + (at - before->start), bytes, n) != 0) return false;
    at += n;
    bytes += n;
  }
  /* After the edit: moved by the change in length. */
  return at == end ||
         memcmp(before->text + before->new_end + (at - before->old_end), bytes, end - at) == 0;
}
