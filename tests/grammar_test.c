/*
 * Grammar tests, without the tree-sitter CLI.
 *
 *   grammar_test corpus FILE...      tree-sitter corpus files: each test's
 *                                    input must parse to its S-expression
 *   grammar_test counts EXPECTATIONS DIR
 *                                    each line `name l1 l2 l3 l4 l5 [kind...]`
 *                                    of EXPECTATIONS names a file in DIR that
 *                                    must parse with no ERROR or MISSING node,
 *                                    with that many headings per level, and
 *                                    with the given kinds of top-level node
 *                                    (title, byline, signature …) in that
 *                                    order, and with N enumeration items
 *                                    where a word `items=N` is given; a
 *                                    missing DIR skips the checks
 *   grammar_test queries FILE...     each query file must compile against
 *                                    the grammar (node types, fields)
 *   grammar_test parse FILE          prints FILE's syntax tree
 *
 * Prints a line per check and ends on `N passed, N failed`.
 */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_gongwen(void);

static int passed, failed;

static void report(bool ok, const char *what, const char *name) {
  if (ok) passed++;
  else failed++;
  printf("%s - %s: %s\n", ok ? "ok" : "not ok", what, name);
}

static char *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      char *bigger = realloc(buf, cap * 2);
      if (!bigger) { free(buf); buf = NULL; break; }
      buf = bigger;
      cap *= 2;
    }
  }
  fclose(f);
  if (buf) buf[len] = '\0';
  if (size) *size = len;
  return buf;
}

static TSTree *parse(TSParser *parser, const char *text, size_t len) {
  return ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
}

/* Collapses white space, and drops `field:` labels when `keep_fields` is
 * false, as `tree-sitter test` does for expectations written without them. */
static char *normalize(const char *sexp, bool keep_fields) {
  size_t len = strlen(sexp);
  char *out = malloc(len + 1);
  size_t o = 0;
  bool space = false;
  for (size_t i = 0; i < len; i++) {
    char c = sexp[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (!keep_fields && ((c >= 'a' && c <= 'z') || c == '_')) {
      size_t j = i;
      while (j < len && ((sexp[j] >= 'a' && sexp[j] <= 'z') || sexp[j] == '_')) j++;
      if (j < len && sexp[j] == ':') {
        i = j;
        while (i + 1 < len && sexp[i + 1] == ' ') i++;
        continue;
      }
    }
    if (space && o > 0 && out[o - 1] != '(' && c != ')') out[o++] = ' ';
    space = false;
    out[o++] = c;
  }
  out[o] = '\0';
  return out;
}

static bool has_field_labels(const char *sexp) {
  for (const char *p = strchr(sexp, ':'); p; p = strchr(p + 1, ':')) {
    if (p > sexp && ((p[-1] >= 'a' && p[-1] <= 'z') || p[-1] == '_')) return true;
  }
  return false;
}

/* A line made only of `=` (at least three), or of `-` when `c` is '-'. */
static bool is_rule_line(const char *line, size_t len, char c) {
  if (len < 3) return false;
  for (size_t i = 0; i < len; i++) {
    if (line[i] != c) return false;
  }
  return true;
}

static size_t line_length(const char *p) {
  const char *e = strchr(p, '\n');
  return e ? (size_t)(e - p) : strlen(p);
}

static const char *next_line(const char *p) {
  const char *e = strchr(p, '\n');
  return e ? e + 1 : p + strlen(p);
}

static void run_corpus_file(TSParser *parser, const char *path) {
  char *text = read_file(path, NULL);
  if (!text) {
    report(false, path, "cannot be read");
    return;
  }
  const char *p = text;
  while (*p) {
    /* Header: a rule line, the name, a rule line. */
    if (!is_rule_line(p, line_length(p), '=')) {
      p = next_line(p);
      continue;
    }
    p = next_line(p);
    char name[256];
    size_t name_len = line_length(p);
    if (name_len >= sizeof name) name_len = sizeof name - 1;
    memcpy(name, p, name_len);
    name[name_len] = '\0';
    p = next_line(next_line(p));

    /* Input up to the `---` line; tree-sitter drops the newline before it. */
    const char *input = p;
    while (*p && !is_rule_line(p, line_length(p), '-')) p = next_line(p);
    size_t input_len = (size_t)(p - input);
    if (input_len > 0 && input[input_len - 1] == '\n') input_len--;
    p = next_line(p);

    /* Expected tree up to the next header or the end. */
    const char *expected_start = p;
    while (*p && !is_rule_line(p, line_length(p), '=')) p = next_line(p);
    size_t expected_len = (size_t)(p - expected_start);
    char *expected = malloc(expected_len + 1);
    memcpy(expected, expected_start, expected_len);
    expected[expected_len] = '\0';

    TSTree *tree = parse(parser, input, input_len);
    char *actual = ts_node_string(ts_tree_root_node(tree));
    bool fields = has_field_labels(expected);
    char *want = normalize(expected, fields);
    char *got = normalize(actual, fields);
    bool ok = strcmp(want, got) == 0;
    report(ok, path, name);
    if (!ok) printf("  expected: %s\n  actual:   %s\n", want, got);
    free(want);
    free(got);
    free(actual);
    free(expected);
    ts_tree_delete(tree);
  }
  free(text);
}

static const char *query_error_name(TSQueryError error) {
  switch (error) {
  case TSQueryErrorSyntax: return "syntax error";
  case TSQueryErrorNodeType: return "unknown node type";
  case TSQueryErrorField: return "unknown field";
  case TSQueryErrorCapture: return "unknown capture";
  case TSQueryErrorStructure: return "impossible pattern";
  default: return "error";
  }
}

static void run_query_file(const char *path) {
  size_t len;
  char *source = read_file(path, &len);
  if (!source) {
    report(false, path, "cannot be read");
    return;
  }
  uint32_t offset = 0;
  TSQueryError error = TSQueryErrorNone;
  TSQuery *query = ts_query_new(tree_sitter_gongwen(), source, (uint32_t)len, &offset, &error);
  report(query != NULL, path, "compiles");
  if (!query) printf("  %s at byte %u: %.40s\n", query_error_name(error), offset, source + offset);
  ts_query_delete(query);
  free(source);
}

/* Counts headings per level (from the marker's node type) and faults. */
typedef struct {
  unsigned levels[6];
  unsigned items;
  unsigned errors;
} TreeCounts;

static void count_tree(TSNode root, TreeCounts *counts) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    const char *type = ts_node_type(node);
    if (strcmp(type, "ERROR") == 0 || ts_node_is_missing(node)) counts->errors++;
    if (type[0] == 'h' && type[1] >= '1' && type[1] <= '5' && strcmp(type + 2, "_marker") == 0) {
      counts->levels[type[1] - '0']++;
    }
    if (strcmp(type, "enumeration_item") == 0) counts->items++;
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return;
      }
    }
  }
}

/* Whether the document's children include nodes of the space-separated
 * `kinds`, in that order (other nodes may come between). */
static bool top_level_kinds_in_order(TSNode root, const char *kinds) {
  uint32_t count = ts_node_named_child_count(root);
  uint32_t child = 0;
  for (const char *p = kinds + strspn(kinds, " "); *p; p += strspn(p, " ")) {
    size_t len = strcspn(p, " ");
    bool found = false;
    while (!found && child < count) {
      const char *type = ts_node_type(ts_node_named_child(root, child++));
      found = strlen(type) == len && strncmp(type, p, len) == 0;
    }
    if (!found) return false;
    p += len;
  }
  return true;
}

static void run_counts(TSParser *parser, const char *expectations, const char *dir) {
  FILE *probe = fopen(dir, "r");
  if (!probe) {
    printf("skip - %s is absent\n", dir);
    return;
  }
  fclose(probe);
  char *spec = read_file(expectations, NULL);
  if (!spec) {
    report(false, expectations, "cannot be read");
    return;
  }
  for (char *line = strtok(spec, "\n"); line; line = strtok(NULL, "\n")) {
    char name[256];
    unsigned want[6] = {0};
    int consumed = 0;
    if (line[0] == '#' ||
        sscanf(line, "%255s %u %u %u %u %u%n", name, &want[1], &want[2], &want[3], &want[4],
               &want[5], &consumed) != 6) {
      continue;
    }
    char *kinds = line + consumed;
    char *items = strstr(kinds, "items=");
    long want_items = -1;
    if (items) {
      want_items = strtol(items + 6, NULL, 10);
      *items = '\0'; /* the kinds come before it */
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
      report(false, path, "cannot be read");
      continue;
    }
    TSTree *tree = parse(parser, text, len);
    TreeCounts counts = {{0}, 0, 0};
    count_tree(ts_tree_root_node(tree), &counts);
    report(counts.errors == 0, name, "no ERROR or MISSING node");
    bool same = memcmp(counts.levels + 1, want + 1, 5 * sizeof want[0]) == 0;
    report(same, name, "headings per level");
    if (!same) {
      printf("  expected %u/%u/%u/%u/%u, got %u/%u/%u/%u/%u\n", want[1], want[2], want[3],
             want[4], want[5], counts.levels[1], counts.levels[2], counts.levels[3],
             counts.levels[4], counts.levels[5]);
    }
    if (want_items >= 0) {
      report(counts.items == (unsigned long)want_items, name, "enumeration items");
      if (counts.items != (unsigned long)want_items) {
        printf("  expected %ld items, got %u\n", want_items, counts.items);
      }
    }
    if (strspn(kinds, " ") < strlen(kinds)) {
      bool in_order = top_level_kinds_in_order(ts_tree_root_node(tree), kinds);
      report(in_order, name, "top-level nodes");
      if (!in_order) printf("  expected in order:%s\n", kinds);
    }
    ts_tree_delete(tree);
    free(text);
  }
  free(spec);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s corpus FILE... | queries FILE... | counts EXPECTATIONS DIR | parse FILE\n", argv[0]);
    return 2;
  }
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_gongwen())) {
    fprintf(stderr, "the gongwen parser's ABI does not match this libtree-sitter\n");
    return 2;
  }
  if (strcmp(argv[1], "parse") == 0 && argc == 3) {
    size_t len;
    char *text = read_file(argv[2], &len);
    if (!text) {
      fprintf(stderr, "cannot read %s\n", argv[2]);
      return 2;
    }
    TSTree *tree = parse(parser, text, len);
    char *sexp = ts_node_string(ts_tree_root_node(tree));
    puts(sexp);
    free(sexp);
    ts_tree_delete(tree);
    free(text);
    ts_parser_delete(parser);
    return 0;
  }
  if (strcmp(argv[1], "corpus") == 0) {
    for (int i = 2; i < argc; i++) run_corpus_file(parser, argv[i]);
  } else if (strcmp(argv[1], "queries") == 0) {
    for (int i = 2; i < argc; i++) run_query_file(argv[i]);
  } else if (strcmp(argv[1], "counts") == 0 && argc == 4) {
    run_counts(parser, argv[2], argv[3]);
  } else {
    fprintf(stderr, "usage: %s corpus FILE... | queries FILE... | counts EXPECTATIONS DIR | parse FILE\n", argv[0]);
    return 2;
  }
  ts_parser_delete(parser);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
