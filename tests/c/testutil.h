/*
 * Helpers shared by the C tests of libgongwen: reading files, the seeds
 * directory, and looking entries up by line.
 */
#ifndef GONGWEN_TESTUTIL_H
#define GONGWEN_TESTUTIL_H

#include "gongwen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file, NUL-terminated, or NULL; *length receives its size. */
static inline char *read_file(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t capacity = 1 << 16, n = 0, got;
  char *buffer = malloc(capacity);
  while (buffer && (got = fread(buffer + n, 1, capacity - n - 1, f)) > 0) {
    n += got;
    if (capacity - n < 2) {
      char *bigger = realloc(buffer, capacity * 2);
      if (!bigger) {
        free(buffer);
        buffer = NULL;
        break;
      }
      buffer = bigger;
      capacity *= 2;
    }
  }
  fclose(f);
  if (buffer) buffer[n] = '\0';
  if (length) *length = n;
  return buffer;
}

/* A document parsed from a file, or NULL. */
static inline gw_document *open_document(const char *path) {
  size_t length;
  char *text = read_file(path, &length);
  if (!text) return NULL;
  gw_document *doc = NULL;
  gw_status status = gw_document_new(text, length, &doc);
  free(text);
  return status == GW_OK ? doc : NULL;
}

static inline gw_document *parse_string(const char *text) {
  gw_document *doc = NULL;
  return gw_document_new(text, strlen(text), &doc) == GW_OK ? doc : NULL;
}

/* $GW_SEEDS when it names a readable directory of seeds, else NULL after
 * saying that the seeds are skipped. */
static inline const char *seeds_dir(void) {
  const char *dir = getenv("GW_SEEDS");
  FILE *f = NULL;
  if (dir && *dir) {
    char probe[4096];
    snprintf(probe, sizeof probe, "%s/000_73f1662c96303f06.txt", dir);
    f = fopen(probe, "rb");
  }
  if (!f) {
    printf("# GW_SEEDS not set or absent: seeds skipped\n");
    return NULL;
  }
  fclose(f);
  return dir;
}

static inline gw_document *open_in(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return open_document(path);
}

/* Whether the text of `range` equals `expected`. */
static inline int range_is(const gw_document *doc, gw_range range, const char *expected) {
  const char *text = gw_document_text(doc, NULL);
  size_t n = range.end.byte - range.start.byte;
  return n == strlen(expected) && memcmp(text + range.start.byte, expected, n) == 0;
}

/* The text of `range` in a static buffer (truncated), for messages. */
static inline const char *range_text(const gw_document *doc, gw_range range) {
  static char buffer[256];
  const char *text = gw_document_text(doc, NULL);
  size_t n = range.end.byte - range.start.byte;
  if (n >= sizeof buffer) n = sizeof buffer - 1;
  memcpy(buffer, text + range.start.byte, n);
  buffer[n] = '\0';
  return buffer;
}

/* The first entry of `kind` whose marker is on 1-based `line`, or GW_NONE. */
static inline long entry_on_line(const gw_document *doc, gw_entry_kind kind, uint32_t line) {
  for (size_t i = 0; i < gw_outline_count(doc); i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    if (e->kind == kind && e->marker.start.row + 1 == line) return (long)i;
  }
  return GW_NONE;
}

/* Headings per level 1-5 into counts[1..5]. */
static inline void count_headings(const gw_document *doc, size_t counts[6]) {
  for (int l = 0; l < 6; l++) counts[l] = 0;
  for (size_t i = 0; i < gw_outline_count(doc); i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    if (e->kind == GW_ENTRY_HEADING && e->level >= 1 && e->level <= 5) counts[e->level]++;
  }
}

#endif
