/*
 * Helpers of the robustness tests (tests/c/test_robust*.c): a seeded
 * generator for fuzz/edits.h's choices, and the texts of a directory.
 */
#ifndef GONGWEN_TESTS_ROBUST_H
#define GONGWEN_TESTS_ROBUST_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64*: reproducible from its seed (never 0); `context` is its
 * uint64_t state, as gw_choices wants. */
static inline uint32_t robust_random(void *context) {
  uint64_t *state = context;
  *state ^= *state >> 12;
  *state ^= *state << 25;
  *state ^= *state >> 27;
  return (uint32_t)((*state * 2685821657736338717ull) >> 32);
}

static inline int robust_by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The paths of the .txt files of `dir`, sorted, at most `capacity`, into
 * names (each to be freed); how many. */
static inline size_t robust_list_texts(const char *dir, char **names, size_t capacity) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  size_t count = 0;
  for (struct dirent *e; (e = readdir(d)) && count < capacity;) {
    size_t n = strlen(e->d_name);
    if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0) {
      names[count] = malloc(strlen(dir) + n + 2);
      if (!names[count]) break;
      sprintf(names[count], "%s/%s", dir, e->d_name);
      count++;
    }
  }
  closedir(d);
  qsort(names, count, sizeof *names, robust_by_name);
  return count;
}

#endif
