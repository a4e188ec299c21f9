/*
 * libFuzzer target: the gongwen parser and its external scanner on arbitrary
 * bytes, parsed whole and then re-parsed after an edit that the input's
 * first bytes choose, so that the scanner's serialize/deserialize path and
 * incremental reuse are exercised too.  Every tree must be free of ERROR
 * nodes: the grammar accepts any sequence of lines.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_gongwen(void);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static TSPoint point_of(const char *text, uint32_t byte) {
  TSPoint p = {0, 0};
  for (uint32_t i = 0; i < byte; i++) {
    if (text[i] == '\n') {
      p.row++;
      p.column = 0;
    } else {
      p.column++;
    }
  }
  return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2 || size > 1 << 16) return 0;
  /* The first two bytes choose an edit: delete data[0] % 8 bytes at a
   * position data[1] / 256 of the way into the text. */
  uint32_t delete_len = data[0] % 8;
  const char *text = (const char *)data + 2;
  uint32_t len = (uint32_t)(size - 2);
  uint32_t at = (uint32_t)((uint64_t)len * data[1] / 256);
  if (at + delete_len > len) delete_len = len - at;

  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_gongwen());
  TSTree *tree = ts_parser_parse_string(parser, NULL, text, len);
  if (ts_node_has_error(ts_tree_root_node(tree))) {
    char *sexp = ts_node_string(ts_tree_root_node(tree));
    fprintf(stderr, "ERROR in tree: %s\n", sexp);
    abort();
  }

  char *edited = malloc(len - delete_len + 1);
  memcpy(edited, text, at);
  memcpy(edited + at, text + at + delete_len, len - at - delete_len);
  TSInputEdit edit = {
      .start_byte = at,
      .old_end_byte = at + delete_len,
      .new_end_byte = at,
      .start_point = point_of(text, at),
      .old_end_point = point_of(text, at + delete_len),
      .new_end_point = point_of(text, at),
  };
  ts_tree_edit(tree, &edit);
  TSTree *reparsed = ts_parser_parse_string(parser, tree, edited, len - delete_len);
  TSTree *fresh = ts_parser_parse_string(parser, NULL, edited, len - delete_len);
  char *a = ts_node_string(ts_tree_root_node(reparsed));
  char *b = ts_node_string(ts_tree_root_node(fresh));
  /* Incremental parsing must give the tree a fresh parse gives. */
  if (strcmp(a, b) != 0) {
    fprintf(stderr, "incremental:\n%s\nfresh:\n%s\n", a, b);
    abort();
  }
  free(a);
  free(b);
  ts_tree_delete(fresh);
  ts_tree_delete(reparsed);
  ts_tree_delete(tree);
  free(edited);
  ts_parser_delete(parser);
  return 0;
}
