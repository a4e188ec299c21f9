/*
 * Memos of what a document derives from short texts (a heading title's
 * roles, an item's words), keyed by the bytes of the text itself.  They
 * live as long as the document, so that an edit, which rebuilds the outline
 * and the pairs, only reads again the texts it changed.  A value depends on
 * nothing but the key's bytes, so a memo is never wrong, only incomplete;
 * gw__memo_sweep drops what the last build did not use, which keeps a memo
 * as large as the document's outline.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct gw__memo {
  gw__memo_entry **slots; /* open addressing, NULL where free */
  size_t capacity;        /* a power of two, or 0 */
  size_t count;
};

gw__memo *gw__memo_new(void) { return calloc(1, sizeof(gw__memo)); }

static void free_entry(gw__memo_entry *e) {
  free(e->words);
  free(e);
}

void gw__memo_free(gw__memo *memo) {
  if (!memo) return;
  for (size_t i = 0; i < memo->capacity; i++) {
    if (memo->slots[i]) free_entry(memo->slots[i]);
  }
  free(memo->slots);
  free(memo);
}

/* Eight bytes at a time, each word mixed in by a multiplication: the keys
 * are titles and item texts of up to some hundred bytes, hashed at every
 * build. */
static uint64_t hash_bytes(const char *bytes, size_t length) {
  const uint64_t prime = 0x9E3779B97F4A7C15ull;
  uint64_t h = length * prime;
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    memcpy(&word, bytes + i, 8);
    h = (h ^ word) * prime;
    h ^= h >> 32;
  }
  uint64_t last = 0;
  if (i < length) memcpy(&last, bytes + i, length - i);
  h = (h ^ last) * prime;
  return h ^ (h >> 29);
}

/* Puts `e` into the first free slot of its probe sequence in `slots`. */
static void place(gw__memo_entry **slots, size_t capacity, gw__memo_entry *e) {
  size_t i = (size_t)e->hash & (capacity - 1);
  while (slots[i]) i = (i + 1) & (capacity - 1);
  slots[i] = e;
}

/* Moves the entries into a table of `capacity` slots.  With `sweep`, the
 * entries not used since the last sweep are freed and the others start
 * unused again; without, every entry is kept as it is (a build in progress
 * may hold pointers to any of them). */
static bool rehash(gw__memo *memo, size_t capacity, bool sweep) {
  gw__memo_entry **slots = calloc(capacity, sizeof *slots);
  if (!slots) return false;
  size_t count = 0;
  for (size_t i = 0; i < memo->capacity; i++) {
    gw__memo_entry *e = memo->slots[i];
    if (!e) continue;
    if (sweep) {
      if (!e->used) {
        free_entry(e);
        continue;
      }
      e->used = false;
    }
    place(slots, capacity, e);
    count++;
  }
  free(memo->slots);
  memo->slots = slots;
  memo->capacity = capacity;
  memo->count = count;
  return true;
}

gw__memo_entry *gw__memo_get(gw__memo *memo, const char *bytes, size_t length) {
  if (!memo) return NULL;
  uint64_t h = hash_bytes(bytes, length);
  if (memo->capacity) {
    for (size_t i = (size_t)h & (memo->capacity - 1); memo->slots[i];
         i = (i + 1) & (memo->capacity - 1)) {
      gw__memo_entry *e = memo->slots[i];
      if (e->hash == h && e->length == length && memcmp(e->bytes, bytes, length) == 0) {
        e->used = true;
        return e;
      }
    }
  }
  /* At most half full, so that probe sequences stay short. */
  if (2 * (memo->count + 1) > memo->capacity &&
      !rehash(memo, memo->capacity ? 2 * memo->capacity : 64, false)) {
    return NULL;
  }
  gw__memo_entry *e = calloc(1, sizeof *e + length);
  if (!e) return NULL;
  e->hash = h;
  e->length = length;
  if (length) memcpy(e->bytes, bytes, length);
  e->used = true;
  place(memo->slots, memo->capacity, e);
  memo->count++;
  return e;
}

void gw__memo_sweep(gw__memo *memo) {
  if (!memo || !memo->capacity) return;
  size_t used = 0;
  for (size_t i = 0; i < memo->capacity; i++) {
    if (memo->slots[i] && memo->slots[i]->used) used++;
  }
  size_t capacity = 64;
  while (capacity < 2 * (used + 1)) capacity *= 2;
  /* Out of memory, the memo keeps its unused entries until the next sweep. */
  (void)rehash(memo, capacity, true);
}

size_t gw__memo_count(const gw__memo *memo) { return memo ? memo->count : 0; }
