/*
 * The `gongwen` command line: declarations shared by its source files.
 *
 *   gongwen.c  arguments, commands and their output formats
 *   input.c    reading files and standard input, encodings, .gongwenrc,
 *              writing a file back atomically
 *   text.c     UTF-8 decoding, character columns, JSON strings
 */
#ifndef GONGWEN_CLI_H
#define GONGWEN_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gongwen.h"

/* The language of messages, chosen once from --lang or the locale. */
extern gw_lang cli_lang;

/* The message in the chosen language. */
#define TR(english, chinese) (cli_lang == GW_LANG_ZH ? (chinese) : (english))

/* --- input.c ---------------------------------------------------------------- */

/* A report as read: the original bytes' encoding, and the text as UTF-8
 * without its byte order mark. */
typedef struct {
  char *text; /* UTF-8, NUL-terminated, without a BOM */
  size_t length;
  char *encoding; /* the charset read ("UTF-8", "GB18030" …) */
  bool had_bom;   /* the original began with a byte order mark */
} cli_input;

/* Reads `path` ("-" for standard input) and converts it to UTF-8;
 * `encoding` names the charset or is NULL to detect it.  Returns false
 * with a message in `error` (of `error_size` bytes) on failure. */
bool cli_input_read(cli_input *input, const char *path, const char *encoding, char *error,
                    size_t error_size);
void cli_input_free(cli_input *input);

/* `text` in the input's original encoding, with its BOM if it had one, so
 * that a file rewritten in place keeps its form.  On success *out is
 * malloc'd. */
bool cli_encode_like(const cli_input *input, const char *text, size_t length, char **out,
                     size_t *out_length, char *error, size_t error_size);

/* Replaces the file at `path` by `length` bytes of `data` atomically: the
 * data goes to a temporary file in the same directory, which then replaces
 * the file by rename(2), so the file is either untouched or complete.  The
 * file's permissions are kept; a symbolic link is followed. */
bool cli_write_atomically(const char *path, const char *data, size_t length, char *error,
                          size_t error_size);

/* The nearest `.gongwenrc` in the directory of `path` (the current
 * directory for NULL or "-") or one above it: a malloc'd path, or NULL. */
char *cli_find_config(const char *path);

/* The whole of file `path` into *out (malloc'd, NUL-terminated). */
bool cli_read_file(const char *path, char **out, size_t *length, char *error, size_t error_size);

/* --- text.c ------------------------------------------------------------------- */

/* The number of characters in text[start, end). */
size_t cli_count_chars(const char *text, size_t start, size_t end);

/* 1-based line and character column. */
typedef struct {
  unsigned long line;
  unsigned long column;
} cli_position;

/* Where the last position looked up lies, so that positions met in order
 * along a line are counted on from there: the cost stays linear in the text
 * rather than line length times findings.  Zero it to start. */
typedef struct {
  bool valid;
  size_t line_start; /* byte where the row of the last position starts */
  size_t byte;       /* the last position */
  size_t chars;      /* characters from line_start to byte */
} cli_column_cache;

/* The line and character column of `point` (a library position) in `text`. */
cli_position cli_position_of(cli_column_cache *cache, const char *text, size_t length,
                             gw_point point);

/* Writes `length` bytes of `text` as a JSON string (with quotes); invalid
 * UTF-8 becomes U+FFFD so that the output is always valid JSON. */
void cli_json_string(FILE *out, const char *text, size_t length);

/* Writes `length` bytes of `text` with invalid UTF-8 replaced by U+FFFD and
 * line breaks by spaces, for one line of plain output. */
void cli_print_line_text(FILE *out, const char *text, size_t length);

/* Writes `text` percent-encoded as a URI reference path (for SARIF). */
void cli_uri(FILE *out, const char *text);

#endif /* GONGWEN_CLI_H */
