/*
 * UTF-8 for the command line: columns are counted in characters (what an
 * editor shows and what the encoding of the original file does not change),
 * and everything printed is valid UTF-8 even when the input was not.
 */
#include "cli.h"
/* gw__decode: the library's own reading of UTF-8, so that the CLI counts
 * characters exactly as the library does (an invalid byte is one). */
#include "internal.h"

#include <string.h>

size_t cli_count_chars(const char *text, size_t start, size_t end) {
  size_t count = 0;
  for (size_t pos = start; pos < end; count++) gw__decode(text, end, &pos);
  return count;
}

cli_position cli_position_of(cli_column_cache *cache, const char *text, size_t length,
                             gw_point point) {
  size_t byte = point.byte > length ? length : point.byte;
  size_t line_start = point.column > byte ? 0 : byte - point.column;
  size_t chars;
  if (cache->valid && cache->line_start == line_start && cache->byte <= byte) {
    chars = cache->chars + cli_count_chars(text, cache->byte, byte);
  } else {
    chars = cli_count_chars(text, line_start, byte);
  }
  cache->valid = true;
  cache->line_start = line_start;
  cache->byte = byte;
  cache->chars = chars;
  cli_position position = {(unsigned long)point.row + 1, (unsigned long)chars + 1};
  return position;
}

static void put_utf8(FILE *out, int32_t cp) {
  if (cp < 0x80) {
    fputc(cp, out);
  } else if (cp < 0x800) {
    fputc(0xC0 | (cp >> 6), out);
    fputc(0x80 | (cp & 0x3F), out);
  } else if (cp < 0x10000) {
    fputc(0xE0 | (cp >> 12), out);
    fputc(0x80 | ((cp >> 6) & 0x3F), out);
    fputc(0x80 | (cp & 0x3F), out);
  } else {
    fputc(0xF0 | (cp >> 18), out);
    fputc(0x80 | ((cp >> 12) & 0x3F), out);
    fputc(0x80 | ((cp >> 6) & 0x3F), out);
    fputc(0x80 | (cp & 0x3F), out);
  }
}

void cli_json_string(FILE *out, const char *text, size_t length) {
  fputc('"', out);
  for (size_t pos = 0; pos < length;) {
    size_t start = pos;
    int32_t cp = gw__decode(text, length, &pos);
    switch (cp) {
    case -1: put_utf8(out, 0xFFFD); break;
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\r': fputs("\\r", out); break;
    case '\t': fputs("\\t", out); break;
    default:
      if (cp < 0x20 || cp == 0x7F) {
        fprintf(out, "\\u%04x", (unsigned)cp);
      } else if (cp == 0x2028 || cp == 0x2029) {
        /* valid JSON, but not valid JavaScript in a string literal */
        fprintf(out, "\\u%04x", (unsigned)cp);
      } else {
        fwrite(text + start, 1, pos - start, out);
      }
    }
  }
  fputc('"', out);
}

void cli_print_line_text(FILE *out, const char *text, size_t length) {
  /* Characters printed as they are go out in runs, one fwrite each: a
   * report's lines are nearly all such characters, and an fwrite per
   * character was a third of `gongwen lint` on a large report. */
  size_t run_start = 0;
  for (size_t pos = 0; pos < length;) {
    size_t start = pos;
    int32_t cp = gw__decode(text, length, &pos);
    bool replaced = cp == -1 || cp < 0x20 || cp == 0x7F;
    if (!replaced) continue;
    fwrite(text + run_start, 1, start - run_start, out);
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      fputc(' ', out);
    } else {
      put_utf8(out, 0xFFFD);
    }
    run_start = pos;
  }
  fwrite(text + run_start, 1, length - run_start, out);
}

void cli_uri(FILE *out, const char *text) {
  static const char unreserved[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789-._~/";
  for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
    if (strchr(unreserved, *s)) {
      fputc(*s, out);
    } else {
      fprintf(out, "%%%02X", *s);
    }
  }
}
