/*
 * Builds the large reports that `make bench` measures, from real and sample
 * reports: one title, recipient and preamble, then the level-1 sections of
 * every source in turn, renumbered 一、二、… so that the numbering stays
 * continuous however long the report grows, then one signature.
 *
 *   gen_reports OUT_DIR SOURCE...
 *
 * writes OUT_DIR/report-10k.txt, -100k, -1m and -10m (1k = 1024 bytes),
 * each at most its nominal size and as close to it as whole sections allow.
 * The sections come from the project's own parser (the outline's level-1
 * headings and their extents), so any report it reads can be a source.
 * Sources in which it finds no level-1 heading are skipped.
 */
#include "internal.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *text; /* the source's text */
  uint32_t start, end;              /* the section */
  uint32_t number_start, number_end; /* its heading's number */
} section;

typedef struct {
  char *data;
  size_t length, capacity;
} buffer;

static void append(buffer *b, const char *data, size_t length) {
  if (b->length + length + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 1 << 16;
    while (capacity < b->length + length + 1) capacity *= 2;
    char *bigger = realloc(b->data, capacity);
    if (!bigger) {
      fprintf(stderr, "gen_reports: out of memory\n");
      exit(1);
    }
    b->data = bigger;
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, data, length);
  b->length += length;
  b->data[b->length] = '\0';
}

/* The section's text with its number replaced by `number`, ending on a line break. */
static void append_section(buffer *b, const section *s, uint32_t number) {
  char numeral[64];
  gw__cn_numeral(number, numeral, sizeof numeral);
  append(b, s->text + s->start, s->number_start - s->start);
  append(b, numeral, strlen(numeral));
  append(b, s->text + s->number_end, s->end - s->number_end);
  if (s->end > s->start && s->text[s->end - 1] != '\n') append(b, "\n", 1);
}

static size_t section_size(const section *s) {
  /* The longest numeral below 10000 (九千九百九十九) is 21 bytes. */
  return (s->end - s->start) + 21 + 1;
}

static void write_file(const char *path, const buffer *b) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(b->data, 1, b->length, f) != b->length || fclose(f) != 0) {
    fprintf(stderr, "gen_reports: cannot write %s\n", path);
    exit(1);
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: gen_reports OUT_DIR SOURCE...\n");
    return 2;
  }
  const char *out_dir = argv[1];
  section *sections = NULL;
  size_t section_count = 0;
  const char *front = NULL, *back = NULL; /* preamble and signature of the first source */
  size_t front_length = 0, back_length = 0;
  int used = 0;

  for (int i = 2; i < argc; i++) {
    size_t length;
    char *text = read_file(argv[i], &length);
    if (!text) {
      fprintf(stderr, "gen_reports: cannot read %s\n", argv[i]);
      return 1;
    }
    /* A byte-order mark belongs at the start of a file only. */
    char *body = text;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
      body += 3;
      length -= 3;
    }
    gw_document *doc = NULL;
    if (gw_document_new(body, length, &doc) != GW_OK) {
      fprintf(stderr, "gen_reports: cannot parse %s\n", argv[i]);
      return 1;
    }
    /* The document keeps its own copy of the text, which the sections borrow. */
    const char *kept = gw_document_text(doc, NULL);
    size_t first = section_count;
    for (size_t e = 0; e < gw_outline_count(doc); e++) {
      const gw_entry *entry = gw_outline_entry(doc, e);
      if (entry->kind != GW_ENTRY_HEADING || entry->level != 1) continue;
      section *bigger = realloc(sections, (section_count + 1) * sizeof *sections);
      if (!bigger) return 1;
      sections = bigger;
      sections[section_count++] = (section){kept, entry->extent.start.byte,
                                            entry->extent.end.byte,
                                            entry->number_range.start.byte,
                                            entry->number_range.end.byte};
    }
    free(text);
    if (section_count == first) {
      fprintf(stderr, "gen_reports: %s has no level-1 heading; skipped\n", argv[i]);
      gw_document_free(doc);
      continue;
    }
    used++;
    if (!front) {
      front = kept;
      front_length = sections[first].start;
      back = kept + sections[section_count - 1].end;
      back_length = length - sections[section_count - 1].end;
    }
    /* The documents live until the program ends: the sections point into them. */
  }
  if (!section_count) {
    fprintf(stderr, "gen_reports: no source has a level-1 heading\n");
    return 1;
  }

  static const struct {
    const char *name;
    size_t size;
  } sizes[] = {{"10k", 10 << 10}, {"100k", 100 << 10}, {"1m", 1 << 20}, {"10m", 10 << 20}};
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    buffer b = {0};
    append(&b, front, front_length);
    uint32_t number = 1;
    /* Round-robin over all sections; each round starts one section later, so
     * that neighbouring sections vary from round to round. */
    for (size_t round = 0;; round++) {
      bool added = false;
      for (size_t j = 0; j < section_count; j++) {
        const section *s = &sections[(round + j) % section_count];
        if (b.length + section_size(s) + back_length > sizes[k].size && number > 1) break;
        append_section(&b, s, number++);
        added = true;
      }
      if (!added || b.length + back_length >= sizes[k].size * 99 / 100) break;
    }
    append(&b, back, back_length);
    char path[4096];
    snprintf(path, sizeof path, "%s/report-%s.txt", out_dir, sizes[k].name);
    write_file(path, &b);
    printf("%s: %zu bytes, %u level-1 sections from %d sources\n", path, b.length, number - 1,
           used);
    free(b.data);
  }
  return 0;
}
