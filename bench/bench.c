/*
 * Wall-clock benchmarks of libgongwen against libtree-sitter alone.
 *
 *   bench throughput FILE...   per file: tree-sitter's parse alone, then the
 *                              library's full work (document: parse, rows,
 *                              outline, pairs; then lint), in MB/s
 *   bench edit FILE            one-character edits in FILE: incremental
 *                              tree-sitter parse alone, gw_document_edit,
 *                              then gw_lint
 *   bench full FILE            the full work alone: `median min max` in ms
 *   bench count EDIT_FILE FILE...
 *                              each step once, for callgrind's instruction
 *                              counts (see count() below); BENCH_EDIT=
 *                              paragraph|enter|heading picks the edit
 *
 * Each case runs once to warm up, then repeatedly (at least BENCH_MIN_REPS
 * rounds and BENCH_MIN_SECONDS in all); it prints the median with the
 * minimum and maximum, as Markdown tables on stdout.  Times are from
 * clock_gettime(CLOCK_MONOTONIC); 1 MB is 2^20 bytes.
 */
#define _POSIX_C_SOURCE 200809L

#include "internal.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MB (1024.0 * 1024.0)

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void fail(const char *what) {
  fprintf(stderr, "bench: %s\n", what);
  exit(1);
}

/* --- samples -------------------------------------------------------------- */

typedef struct {
  double *ms;
  size_t count, capacity;
} samples;

static void add_sample(samples *s, double ms) {
  if (s->count == s->capacity) {
    s->capacity = s->capacity ? s->capacity * 2 : 64;
    s->ms = realloc(s->ms, s->capacity * sizeof *s->ms);
    if (!s->ms) fail("out of memory");
  }
  s->ms[s->count++] = ms;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

typedef struct {
  double median, min, max;
  size_t count;
} summary;

static summary summarize(samples *s) {
  summary r = {0, 0, 0, s->count};
  if (!s->count) return r;
  qsort(s->ms, s->count, sizeof *s->ms, compare_doubles);
  size_t n = s->count;
  r.median = n % 2 ? s->ms[n / 2] : (s->ms[n / 2 - 1] + s->ms[n / 2]) / 2;
  r.min = s->ms[0];
  r.max = s->ms[n - 1];
  return r;
}

/* "1.23 ms (1.20–1.31)" or in µs below 1 ms. */
static const char *format_time(summary s) {
  static char buffers[8][96];
  static int next;
  char *b = buffers[next++ % 8];
  if (s.median < 1.0)
    snprintf(b, 96, "%.1f µs (%.1f–%.1f)", s.median * 1e3, s.min * 1e3, s.max * 1e3);
  else
    snprintf(b, 96, "%.2f ms (%.2f–%.2f)", s.median, s.min, s.max);
  return b;
}

static double env_number(const char *name, double fallback) {
  const char *v = getenv(name);
  return v && *v ? atof(v) : fallback;
}

/* A case: runs once and returns the time it measured, in ms. */
typedef double (*timed_fn)(void *context);

/* --- throughput -------------------------------------------------------------- */

typedef struct {
  char *text;
  size_t length;
  TSParser *parser;
  size_t entries, pairs, diagnostics; /* of the last run, to print */
} input;

static double run_tree_sitter(void *context) {
  input *in = context;
  double t0 = now_ms();
  TSTree *tree = ts_parser_parse_string(in->parser, NULL, in->text, (uint32_t)in->length);
  double t1 = now_ms();
  if (!tree) fail("tree-sitter could not parse");
  ts_tree_delete(tree);
  return t1 - t0;
}

static double run_document(void *context) {
  input *in = context;
  gw_document *doc = NULL;
  double t0 = now_ms();
  if (gw_document_new(in->text, in->length, &doc) != GW_OK) fail("gw_document_new failed");
  in->entries = gw_outline_count(doc);
  in->pairs = gw_pair_count(doc);
  double t1 = now_ms();
  gw_document_free(doc);
  return t1 - t0;
}

/* The lint of a document not linted before: a document remembers its last
 * lint and answers a second one from it, which is not what this measures. */
static double run_lint(void *context) {
  input *in = context;
  gw_document *doc = NULL;
  gw_diagnostics *diagnostics = NULL;
  if (gw_document_new(in->text, in->length, &doc) != GW_OK) fail("gw_document_new failed");
  double t0 = now_ms();
  if (gw_lint(doc, NULL, &diagnostics) != GW_OK) fail("gw_lint failed");
  in->diagnostics = gw_diagnostics_count(diagnostics);
  double t1 = now_ms();
  gw_diagnostics_free(diagnostics);
  gw_document_free(doc);
  return t1 - t0;
}

static double run_full(void *context) {
  input *in = context;
  gw_document *doc = NULL;
  gw_diagnostics *diagnostics = NULL;
  double t0 = now_ms();
  if (gw_document_new(in->text, in->length, &doc) != GW_OK) fail("gw_document_new failed");
  if (gw_lint(doc, NULL, &diagnostics) != GW_OK) fail("gw_lint failed");
  in->entries = gw_outline_count(doc);
  in->pairs = gw_pair_count(doc);
  in->diagnostics = gw_diagnostics_count(diagnostics);
  double t1 = now_ms();
  gw_diagnostics_free(diagnostics);
  gw_document_free(doc);
  return t1 - t0;
}

static const char *size_label(size_t bytes) {
  static char b[4][32];
  static int next;
  char *s = b[next++ % 4];
  if (bytes >= (size_t)MB / 2) snprintf(s, 32, "%.1f MB", bytes / MB);
  else snprintf(s, 32, "%.0f KB", bytes / 1024.0);
  return s;
}

static double mb_per_s(size_t bytes, double ms) { return bytes / MB / (ms / 1e3); }

/* The cases of one round, in order; each round runs every case once, so
 * that a burst of load from other processes falls on all of them alike. */
enum { CASE_TREE_SITTER, CASE_DOCUMENT, CASE_LINT, CASE_FULL, CASE_COUNT };

typedef struct {
  summary time[CASE_COUNT];
  summary ratio; /* full / tree-sitter, round by round */
  size_t rounds;
} measured;

static measured measure(input *in) {
  static const timed_fn runs[CASE_COUNT] = {run_tree_sitter, run_document, run_lint, run_full};
  /* Fewer rounds of the largest reports keep `make bench` to a few minutes. */
  size_t min_rounds = (size_t)env_number("BENCH_MIN_REPS", in->length > 4 * MB ? 3 : 5);
  double min_ms = env_number("BENCH_MIN_SECONDS", 1) * 1e3;
  samples s[CASE_COUNT] = {{0}}, ratio = {0};
  double total = 0;
  for (size_t round = 0; round <= min_rounds || (total < min_ms && round <= 1000); round++) {
    double ms[CASE_COUNT] = {0};
    for (int c = 0; c < CASE_COUNT; c++) {
      ms[c] = runs[c](in);
      total += ms[c];
    }
    if (round == 0) continue; /* warm-up */
    for (int c = 0; c < CASE_COUNT; c++) add_sample(&s[c], ms[c]);
    add_sample(&ratio, ms[CASE_FULL] / ms[CASE_TREE_SITTER]);
  }
  measured m;
  for (int c = 0; c < CASE_COUNT; c++) {
    m.time[c] = summarize(&s[c]);
    free(s[c].ms);
  }
  m.rounds = ratio.count;
  m.ratio = summarize(&ratio);
  free(ratio.ms);
  return m;
}

static int throughput(int count, char **paths) {
  input *inputs = calloc((size_t)count, sizeof *inputs);
  measured *m = calloc((size_t)count, sizeof *m);
  if (!inputs || !m) fail("out of memory");
  printf("### Throughput: tree-sitter alone vs the whole library\n\n");
  printf("`tree-sitter` is `ts_parser_parse_string` with the gongwen grammar; `document` is\n"
         "`gw_document_new` (parse, row index, outline, problem/remedy pairs); `lint` is the first\n"
         "`gw_lint` of a new document, with the default rules; `full` is `document` + `lint` timed together.\n"
         "Each round runs every case once; median (min–max) over the rounds, and the median of\n"
         "the rounds' ratios `full / tree-sitter`.\n\n");
  printf("| report | rounds | tree-sitter | document | lint | full | full MB/s | full / tree-sitter |\n");
  printf("|---|---|---|---|---|---|---|---|\n");
  for (int i = 0; i < count; i++) {
    input *in = &inputs[i];
    in->text = read_file(paths[i], &in->length);
    if (!in->text) fail("cannot read an input");
    in->parser = ts_parser_new();
    ts_parser_set_language(in->parser, tree_sitter_gongwen());
    fprintf(stderr, "bench: throughput %s\n", paths[i]);
    m[i] = measure(in);
    const summary *t = m[i].time;
    const char *lint_text = format_time(t[CASE_LINT]);
    printf("| %s (%zu bytes, %zu entries, %zu pairs", size_label(in->length), in->length,
           in->entries, in->pairs);
    printf(", %zu findings", in->diagnostics);
    printf(") | %zu | %s | %s | %s | %s | %.1f | %.2f× (%.2f–%.2f) |\n", m[i].rounds,
           format_time(t[CASE_TREE_SITTER]), format_time(t[CASE_DOCUMENT]), lint_text,
           format_time(t[CASE_FULL]), mb_per_s(in->length, t[CASE_FULL].median),
           m[i].ratio.median, m[i].ratio.min, m[i].ratio.max);
    fflush(stdout);
    ts_parser_delete(in->parser);
  }

  if (count > 1) {
    printf("\n### Growth\n\nMedian time relative to the smallest report, against the size "
           "ratio (linear growth: the columns agree).\n\n");
    printf("| report | size × | tree-sitter time × | full time × | full ms per MB |\n");
    printf("|---|---|---|---|---|\n");
    for (int i = 0; i < count; i++) {
      printf("| %s | %.1f | %.1f | %.1f | %.2f |\n", size_label(inputs[i].length),
             (double)inputs[i].length / inputs[0].length,
             m[i].time[CASE_TREE_SITTER].median / m[0].time[CASE_TREE_SITTER].median,
             m[i].time[CASE_FULL].median / m[0].time[CASE_FULL].median,
             m[i].time[CASE_FULL].median / (inputs[i].length / MB));
    }
  }

  printf("\n### Against the targets\n\n");
  for (int i = 0; i < count; i++) {
    if (inputs[i].length < 100 * 1024 - 4096) continue;
    double rate = mb_per_s(inputs[i].length, m[i].time[CASE_FULL].median);
    double best = mb_per_s(inputs[i].length, m[i].time[CASE_FULL].min);
    double ratio = m[i].ratio.median;
    printf("- %s: full %.1f MB/s (best round %.1f; target ≥ 50, aim 100): **%s**; %.2f× "
           "tree-sitter alone (target ≤ 1.5×): **%s**\n",
           size_label(inputs[i].length), rate, best, rate >= 50 ? "met" : "not met", ratio,
           ratio <= 1.5 ? "met" : "not met");
  }
  /* Linear growth: no larger report costs more per byte than a smaller one
   * (up to 1.5×, the noise of a shared machine).  From the smallest report,
   * and from the second, since the smallest holds only the first sections of
   * the mix of sources while the others hold all of them. */
  for (int from = 0; from < 2 && from + 1 < count; from++) {
    double worst = 0, worst_best = 0;
    double base = m[from].time[CASE_FULL].median / inputs[from].length;
    double base_best = m[from].time[CASE_FULL].min / inputs[from].length;
    for (int i = from + 1; i < count; i++) {
      double per_byte = m[i].time[CASE_FULL].median / inputs[i].length;
      double per_byte_best = m[i].time[CASE_FULL].min / inputs[i].length;
      if (per_byte / base > worst) worst = per_byte / base;
      if (per_byte_best / base_best > worst_best) worst_best = per_byte_best / base_best;
    }
    printf("- growth from %s to %s: the cost per byte is at most %.2f× that of the %s report "
           "(%.2f× in the best rounds; linear: about 1, up to 1.5×): **%s**\n",
           size_label(inputs[from].length), size_label(inputs[count - 1].length), worst,
           size_label(inputs[from].length), worst_best, worst <= 1.5 ? "met" : "not met");
  }
  for (int i = 0; i < count; i++) free(inputs[i].text);
  free(inputs);
  free(m);
  return 0;
}

/* --- edits ------------------------------------------------------------------- */

/* The same text and tree, edited through tree-sitter alone. */
typedef struct {
  char *text;
  size_t length, capacity;
  TSParser *parser;
  TSTree *tree;
} plain_tree;

static TSPoint point_of(const char *text, size_t byte) {
  TSPoint p = {0, 0};
  size_t line_start = 0;
  for (const char *s = text, *end = text + byte; s < end;) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl) break;
    p.row++;
    line_start = (size_t)(nl - text) + 1;
    s = nl + 1;
  }
  p.column = (uint32_t)(byte - line_start);
  return p;
}

/* Replaces [start, old_end) by new_text and re-parses; returns the time of
 * ts_tree_edit and the parse.  The points are worked out before timing (an
 * editor knows them). */
static double plain_edit(plain_tree *p, size_t start, size_t old_end, const char *new_text,
                         size_t new_length) {
  size_t length = p->length - (old_end - start) + new_length;
  if (length + 1 > p->capacity) fail("edit too large");
  TSInputEdit edit = {(uint32_t)start, (uint32_t)old_end, (uint32_t)(start + new_length),
                      point_of(p->text, start), point_of(p->text, old_end), {0, 0}};
  memmove(p->text + start + new_length, p->text + old_end, p->length - old_end + 1);
  memcpy(p->text + start, new_text, new_length);
  p->length = length;
  edit.new_end_point = point_of(p->text, start + new_length);
  double t0 = now_ms();
  ts_tree_edit(p->tree, &edit);
  TSTree *tree = ts_parser_parse_string(p->parser, p->tree, p->text, (uint32_t)p->length);
  double t1 = now_ms();
  if (!tree) fail("tree-sitter could not re-parse");
  ts_tree_delete(p->tree);
  p->tree = tree;
  return t1 - t0;
}

/* An edit and the edit that undoes it. */
typedef struct {
  char name[128];
  size_t start;
  char old_text[16], new_text[16];
} edit_case;

/* The start of a line near the middle of the document that holds no
 * heading or item marker and is long enough to type into. */
static size_t paragraph_near_middle(const gw_document *doc) {
  size_t length;
  const char *text = gw_document_text(doc, &length);
  size_t count = gw_outline_count(doc);
  for (const char *s = memchr(text + length / 2, '\n', length / 2); s && s < text + length;
       s = memchr(s + 1, '\n', (size_t)(text + length - s - 1))) {
    size_t start = (size_t)(s - text) + 1;
    const char *nl = memchr(text + start, '\n', length - start);
    size_t end = nl ? (size_t)(nl - text) : length;
    if (end - start < 90) continue;
    bool marked = false;
    for (size_t i = 0; i < count && !marked; i++) {
      uint32_t m = gw_outline_entry(doc, i)->marker.start.byte;
      marked = m >= start && m < end;
    }
    if (!marked) return start;
  }
  fail("no paragraph in the second half of the document");
  return 0;
}

/* Whether the three bytes at `s` are one of the Chinese digits 一 to 九. */
static bool is_cn_digit_at(const char *s) {
  static const char digits[] = "一二三四五六七八九";
  for (size_t i = 0; i + 3 <= sizeof digits - 1; i += 3) {
    if (memcmp(s, digits + i, 3) == 0) return true;
  }
  return false;
}

/* A heading of `level` near the middle whose number ends in a Chinese digit
 * (level-1 numbers of the generated reports run into the hundreds). */
static const gw_entry *heading_near_middle(const gw_document *doc, int level) {
  size_t length;
  const char *text = gw_document_text(doc, &length);
  for (size_t i = 0; i < gw_outline_count(doc); i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    if (e->kind == GW_ENTRY_HEADING && e->level == level && e->marker.start.byte > length / 2 &&
        e->number_range.end.byte - e->number_range.start.byte >= 3 &&
        is_cn_digit_at(text + e->number_range.end.byte - 3))
      return e;
  }
  fail("no heading of the level asked for in the second half of the document");
  return NULL;
}

/* Changes the last digit of the number of `heading` to 九 (八 if it is 九). */
static void number_edit(edit_case *number, const char *text, const gw_entry *heading) {
  number->start = heading->number_range.end.byte - 3;
  memcpy(number->old_text, text + number->start, 3);
  number->old_text[3] = '\0';
  strcpy(number->new_text, strcmp(number->old_text, "九") == 0 ? "八" : "九");
  snprintf(number->name, sizeof number->name,
           "change a level-%d heading's number (last digit %s → %s and back)", heading->level,
           number->old_text, number->new_text);
}

/* The one-character edits measured, by EDIT_* (`bench count` picks one by
 * the name in BENCH_EDIT). */
enum { EDIT_PARAGRAPH, EDIT_ENTER, EDIT_HEADING, EDIT_TOP_HEADING, EDIT_CASES };
static const char *const edit_case_names[EDIT_CASES] = {"paragraph", "enter", "heading", "top"};

static void make_edit_cases(const gw_document *doc, edit_case cases[EDIT_CASES]) {
  size_t length;
  const char *text = gw_document_text(doc, &length);
  /* Ten characters into a paragraph line. */
  size_t at = paragraph_near_middle(doc);
  for (int k = 0; k < 10; k++) gw__decode(text, length, &at);
  memset(cases, 0, EDIT_CASES * sizeof *cases);
  cases[EDIT_PARAGRAPH] = (edit_case){"type a character in a paragraph (insert 的, then delete it)",
                                      at, "", "的"};
  cases[EDIT_ENTER] = (edit_case){"Enter in a paragraph (split the line, then join it)", at, "",
                                  "\n"};
  number_edit(&cases[EDIT_HEADING], text, heading_near_middle(doc, 2));
  number_edit(&cases[EDIT_TOP_HEADING], text, heading_near_middle(doc, 1));
}

static int edits(const char *path) {
  size_t length;
  char *text = read_file(path, &length);
  if (!text) fail("cannot read the input");
  gw_document *doc = NULL;
  if (gw_document_new(text, length, &doc) != GW_OK) fail("gw_document_new failed");

  plain_tree plain = {0};
  plain.capacity = length + 64;
  plain.text = malloc(plain.capacity);
  if (!plain.text) fail("out of memory");
  memcpy(plain.text, text, length + 1);
  plain.length = length;
  plain.parser = ts_parser_new();
  ts_parser_set_language(plain.parser, tree_sitter_gongwen());
  plain.tree = ts_parser_parse_string(plain.parser, NULL, plain.text, (uint32_t)length);

  edit_case cases[EDIT_CASES];
  make_edit_cases(doc, cases);

  printf("### One-character edits in a %s report\n\n", size_label(length));
  int reps = (int)env_number("BENCH_EDIT_REPS", 20);
  printf("Each edit is made and undone alternately (%d runs each); `tree-sitter` is `ts_tree_edit`\n"
         "and an incremental `ts_parser_parse_string` alone; `gw_document_edit` gives a fresh tree,\n"
         "outline and pairs; `gw_lint` then gives the diagnostics. Target: edit + lint under 1 ms.\n\n",
         reps);
  printf("| edit | tree-sitter | gw_document_edit | gw_lint | edit + lint | target < 1 ms |\n");
  printf("|---|---|---|---|---|---|\n");
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
    edit_case *e = &cases[c];
    fprintf(stderr, "bench: edit: %s\n", e->name);
    samples ts = {0}, edit = {0}, lint = {0}, total = {0};
    size_t old_length = strlen(e->old_text), new_length = strlen(e->new_text);
    for (int r = 0; r < reps + 2; r++) {
      bool undo = r % 2;
      const char *put = undo ? e->old_text : e->new_text;
      size_t put_length = undo ? old_length : new_length;
      size_t end = e->start + (undo ? new_length : old_length);
      double t_ts = plain_edit(&plain, e->start, end, put, put_length);
      double t0 = now_ms();
      if (gw_document_edit(doc, e->start, end, put, put_length) != GW_OK) fail("edit failed");
      double t1 = now_ms();
      double t2 = t1;
      gw_diagnostics *diagnostics = NULL;
      if (gw_lint(doc, NULL, &diagnostics) != GW_OK) fail("gw_lint failed");
      t2 = now_ms();
      gw_diagnostics_free(diagnostics);
      if (r < 2) continue; /* warm-up */
      add_sample(&ts, t_ts);
      add_sample(&edit, t1 - t0);
      add_sample(&lint, t2 - t1);
      add_sample(&total, t2 - t0);
    }
    summary s_ts = summarize(&ts), s_edit = summarize(&edit), s_total = summarize(&total);
    const char *lint_text = format_time(summarize(&lint));
    printf("| %s | %s | %s | %s | %s | **%s** (%.1f ms) |\n", e->name, format_time(s_ts),
           format_time(s_edit), lint_text, format_time(s_total),
           s_total.median < 1.0 ? "met" : "not met", s_total.median);
    fflush(stdout);
    free(ts.ms);
    free(edit.ms);
    free(lint.ms);
    free(total.ms);
  }
  if (strcmp(gw_document_text(doc, NULL), text) != 0) fail("the edits did not restore the text");
  ts_tree_delete(plain.tree);
  ts_parser_delete(plain.parser);
  free(plain.text);
  gw_document_free(doc);
  free(text);
  return 0;
}

/* --- instruction counts -------------------------------------------------------- */

/* The steps that `bench count` runs once each, for callgrind: run with
 * --toggle-collect='bench_count_*' --dump-after='bench_count_*', each dump
 * holds the instructions of one step.  They are called through volatile
 * pointers so that the compiler keeps each one whole and under its name. */
TSTree *bench_count_tree_sitter(input *in);
void bench_count_document(input *in, gw_document **doc);
void bench_count_edit(gw_document *doc, const edit_case *e);
void bench_count_tree_sitter_edit(plain_tree *plain, const edit_case *e);
void bench_count_lint(gw_document *doc);

TSTree *bench_count_tree_sitter(input *in) {
  return ts_parser_parse_string(in->parser, NULL, in->text, (uint32_t)in->length);
}

void bench_count_document(input *in, gw_document **doc) {
  if (gw_document_new(in->text, in->length, doc) != GW_OK) fail("gw_document_new failed");
}

void bench_count_edit(gw_document *doc, const edit_case *e) {
  if (gw_document_edit(doc, e->start, e->start + strlen(e->old_text), e->new_text,
                       strlen(e->new_text)) != GW_OK) {
    fail("edit failed");
  }
}

void bench_count_tree_sitter_edit(plain_tree *plain, const edit_case *e) {
  plain_edit(plain, e->start, e->start + strlen(e->old_text), e->new_text, strlen(e->new_text));
}

void bench_count_lint(gw_document *doc) {
  gw_diagnostics *diagnostics = NULL;
  if (gw_lint(doc, NULL, &diagnostics) != GW_OK) fail("gw_lint failed");
  gw_diagnostics_free(diagnostics);
}

/* Parses, builds and lints each FILE once; then makes one of the edits of
 * `bench edit` in EDIT_FILE (tree-sitter alone, then the library) and
 * lints: BENCH_EDIT=paragraph (the default: types a character into a
 * paragraph), enter, heading (a level-2 heading's number) or top (a
 * level-1 heading's number). */
static int count(const char *edit_file, int file_count, char **files) {
  TSTree *(*volatile count_tree_sitter)(input *) = bench_count_tree_sitter;
  void (*volatile count_document)(input *, gw_document **) = bench_count_document;
  void (*volatile count_edit)(gw_document *, const edit_case *) = bench_count_edit;
  void (*volatile count_tree_sitter_edit)(plain_tree *, const edit_case *) =
      bench_count_tree_sitter_edit;
  const char *edit_name = getenv("BENCH_EDIT");
  size_t chosen = 0;
  while (chosen < EDIT_CASES && edit_name && strcmp(edit_name, edit_case_names[chosen]) != 0) {
    chosen++;
  }
  if (chosen == EDIT_CASES) fail("BENCH_EDIT is not paragraph, enter, heading or top");
  void (*volatile count_lint)(gw_document *) = bench_count_lint;
  input in = {0};
  in.parser = ts_parser_new();
  ts_parser_set_language(in.parser, tree_sitter_gongwen());
  gw_document *doc = NULL;
  /* Each file once outside the counts: what the first calls set up and
   * remember for the process (ICU's dictionaries, the lint's per-character
   * verdicts) is not the cost of a document, as in an editor's session. */
  for (int i = 0; i < file_count; i++) {
    in.text = read_file(files[i], &in.length);
    if (!in.text) fail("cannot read an input");
    if (gw_document_new(in.text, in.length, &doc) != GW_OK) fail("gw_document_new failed");
    gw_diagnostics *diagnostics = NULL;
    if (gw_lint(doc, NULL, &diagnostics) != GW_OK) fail("gw_lint failed");
    gw_diagnostics_free(diagnostics);
    gw_document_free(doc);
    free(in.text);
  }
  for (int i = 0; i < file_count; i++) {
    in.text = read_file(files[i], &in.length);
    if (!in.text) fail("cannot read an input");
    ts_tree_delete(count_tree_sitter(&in));
    count_document(&in, &doc);
    count_lint(doc);
    gw_document_free(doc);
    free(in.text);
  }

  in.text = read_file(edit_file, &in.length);
  if (!in.text) fail("cannot read the input");
  if (gw_document_new(in.text, in.length, &doc) != GW_OK) fail("gw_document_new failed");
  plain_tree plain = {0};
  plain.capacity = in.length + 64;
  plain.text = malloc(plain.capacity);
  if (!plain.text) fail("out of memory");
  memcpy(plain.text, in.text, in.length + 1);
  plain.length = in.length;
  plain.parser = in.parser;
  plain.tree = ts_parser_parse_string(plain.parser, NULL, plain.text, (uint32_t)plain.length);
  edit_case cases[EDIT_CASES];
  make_edit_cases(doc, cases);
  /* An editor has linted the text before the edit: the lint after it
   * re-checks what the edit changed. */
  gw_diagnostics *before = NULL;
  if (gw_lint(doc, NULL, &before) != GW_OK) fail("gw_lint failed");
  gw_diagnostics_free(before);
  count_tree_sitter_edit(&plain, &cases[chosen]);
  count_edit(doc, &cases[chosen]);
  count_lint(doc);
  ts_tree_delete(plain.tree);
  free(plain.text);
  ts_parser_delete(in.parser);
  gw_document_free(doc);
  free(in.text);
  return 0;
}

/* --- full, alone ---------------------------------------------------------------- */

/* The library's full work on FILE, timed as in `throughput` and printed as
 * `median min max` in ms: for a comparison made at the same moment as
 * another tool's timing (bench/peers.mjs), on a machine whose load varies. */
static int full_only(const char *path) {
  input in = {0};
  in.text = read_file(path, &in.length);
  if (!in.text) fail("cannot read the input");
  size_t min_rounds = (size_t)env_number("BENCH_MIN_REPS", 5);
  double min_ms = env_number("BENCH_MIN_SECONDS", 1) * 1e3, total = 0;
  samples s = {0};
  run_full(&in); /* warm-up */
  while (s.count < min_rounds || (total < min_ms && s.count < 1000)) {
    double ms = run_full(&in);
    add_sample(&s, ms);
    total += ms;
  }
  summary r = summarize(&s);
  printf("%.3f %.3f %.3f\n", r.median, r.min, r.max);
  free(s.ms);
  free(in.text);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "throughput") == 0) return throughput(argc - 2, argv + 2);
  if (argc == 3 && strcmp(argv[1], "edit") == 0) return edits(argv[2]);
  if (argc >= 3 && strcmp(argv[1], "count") == 0) return count(argv[2], argc - 3, argv + 3);
  if (argc == 3 && strcmp(argv[1], "full") == 0) return full_only(argv[2]);
  fprintf(stderr, "usage: bench throughput FILE... | bench edit FILE | bench count EDIT_FILE FILE... "
                  "| bench full FILE\n");
  return 2;
}
