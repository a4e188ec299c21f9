/*
 * gw_lint: runs the checks and collects their findings into gw_diagnostics.
 *
 * While the checks run, the findings and their edits go to arrays that grow
 * by blocks, and messages and edit texts to chunks of text: what they hold
 * never moves, so that nothing is copied as they grow and a finding points
 * at its texts from the start.  The findings of a pass become a
 * gw__finding_set whose texts stay in those chunks (a gw__pool), shared by
 * reference count with the diagnostics and with the document's cache of
 * the last lint (lint_cache.c), which reuses them after an edit.
 */
#include "lint.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  gw__rule rule;
  uint32_t start, end;
  const char *message[2]; /* by gw_lang, NULL when not given */
  size_t first_edit, edit_count;
  uint32_t row_ref, row_at[2], row_digits[2]; /* see gw__finding */
} finding;

typedef struct {
  uint32_t start, end;
  const char *text;
  size_t length;
} pending_edit;

/* An array that grows by blocks of BLOCK_ITEMS elements: growing it moves
 * and copies none of the elements it holds. */
#define BLOCK_ITEMS 512
typedef struct {
  char **blocks;
  size_t block_count, block_capacity;
  size_t count;
} block_array;

/* The texts of a pass, in chunks that are never moved nor grown; a text
 * lies within one chunk.  Each chunk is twice the size of the one before,
 * up to TEXT_CHUNK_MAX: the texts outlive the pass as long as its findings
 * do, and an incremental pass has few. */
#define TEXT_CHUNK_FIRST 256
#define TEXT_CHUNK_MAX 65536
typedef struct text_chunk {
  struct text_chunk *previous;
  size_t used, size;
  char bytes[];
} text_chunk;

struct gw__linter {
  const gw_document *doc;
  gw_severity severity[GW__RULE_COUNT];
  block_array findings; /* of finding */
  block_array edits;    /* of pending_edit */
  finding *open_finding; /* the last one, while `open` */
  text_chunk *texts;    /* the newest chunk, which links to the others */
  size_t text_written;  /* bytes of the text being written, at the end of `texts` */
  gw__block *blocks; /* read on first use, unless `setup` gives them */
  size_t block_count;
  bool blocks_read;
  const gw__lint_setup *setup; /* NULL: the whole document */
  bool open;   /* a finding is open for messages and edits */
  bool failed; /* memory ran out: the whole run fails */
};

struct gw__pool {
  atomic_size_t references;
  text_chunk *chunks; /* the newest first */
};

/* Where the diagnostics of one run go, and whether they are made yet. */
enum { RUN_NOT_SHOWN, RUN_BEING_SHOWN, RUN_SHOWN };
typedef struct {
  size_t first_item, first_edit, first_text;
  atomic_int state;
} shown_run;

struct gw_diagnostics {
  gw__finding_run *runs; /* one reference to each run's store */
  size_t run_count;
  shown_run *shown; /* by run, and one more: the ends */
  size_t count;
  gw_severity severity[GW__RULE_COUNT];
  /* Room for every diagnostic, its edits and renumbered messages, filled a
   * run at a time by gw_diagnostics_get. */
  gw_diagnostic *items;
  gw_edit *edits;
  char *texts;
};

/* Grows *array (of `size`-byte elements) to hold at least `needed`. */
static bool reserve(void **array, size_t *capacity, size_t needed, size_t size) {
  if (needed <= *capacity) return true;
  size_t grown = *capacity ? *capacity : 16;
  while (grown < needed) {
    if (grown > SIZE_MAX / 2 / size) return false;
    grown *= 2;
  }
  void *bigger = realloc(*array, grown * size);
  if (!bigger) return false;
  *array = bigger;
  *capacity = grown;
  return true;
}

/* block_array_add when the last block is full (or there is none). */
static void *block_array_grow(block_array *a, size_t size) {
  if (!reserve((void **)&a->blocks, &a->block_capacity, a->block_count + 1, sizeof *a->blocks)) {
    return NULL;
  }
  char *block = malloc(BLOCK_ITEMS * size);
  if (!block) return NULL;
  a->blocks[a->block_count++] = block;
  a->count++;
  return block;
}

/* Room for one more element of `size` bytes at the end of `a`; NULL when
 * memory ran out. */
static inline void *block_array_add(block_array *a, size_t size) {
  if (a->count == a->block_count * BLOCK_ITEMS) return block_array_grow(a, size);
  void *item = a->blocks[a->count / BLOCK_ITEMS] + a->count % BLOCK_ITEMS * size;
  a->count++;
  return item;
}

static void *block_array_at(const block_array *a, size_t index, size_t size) {
  return a->blocks[index / BLOCK_ITEMS] + index % BLOCK_ITEMS * size;
}

static void block_array_free(block_array *a) {
  for (size_t b = 0; b < a->block_count; b++) free(a->blocks[b]);
  free(a->blocks);
  memset(a, 0, sizeof *a);
}

static void text_chunks_free(text_chunk *chunk) {
  while (chunk) {
    text_chunk *previous = chunk->previous;
    free(chunk);
    chunk = previous;
  }
}

/* Starts a text at the end of the newest chunk. */
static void text_begin(gw__linter *linter) { linter->text_written = 0; }

/* text_room when the newest chunk is full (or there is none): what is
 * written of the text moves to a new chunk, so that a text is never cut. */
static char *text_room_fresh(gw__linter *linter, size_t length) {
  text_chunk *chunk = linter->texts;
  size_t written = linter->text_written;
  if (length > SIZE_MAX / 2 - sizeof(text_chunk) - written) return NULL;
  size_t size = !chunk ? TEXT_CHUNK_FIRST
                : chunk->size < TEXT_CHUNK_MAX / 2 ? chunk->size * 2
                                                   : TEXT_CHUNK_MAX;
  if (size < written + length) size = written + length;
  text_chunk *fresh = malloc(sizeof *fresh + size);
  if (!fresh) return NULL;
  fresh->previous = chunk;
  fresh->size = size;
  fresh->used = written + length;
  if (written) {
    memcpy(fresh->bytes, chunk->bytes + chunk->used - written, written);
    chunk->used -= written;
  }
  linter->texts = fresh;
  linter->text_written = written + length;
  return fresh->bytes + written;
}

/* Room for `length` more bytes of the text being written: where they go,
 * or NULL when memory ran out. */
static inline char *text_room(gw__linter *linter, size_t length) {
  text_chunk *chunk = linter->texts;
  if (!chunk || chunk->size - chunk->used < length) return text_room_fresh(linter, length);
  char *room = chunk->bytes + chunk->used;
  chunk->used += length;
  linter->text_written += length;
  return room;
}

/* The text written since text_begin. */
static const char *text_written(const gw__linter *linter) {
  return linter->texts->bytes + linter->texts->used - linter->text_written;
}

/* Takes back the text written since text_begin. */
static void text_abandon(gw__linter *linter) {
  if (linter->texts) linter->texts->used -= linter->text_written;
  linter->text_written = 0;
}

bool gw__lint_enabled(const gw__linter *linter, gw__rule rule) {
  return (unsigned)rule < GW__RULE_COUNT && linter->severity[rule] != GW_SEVERITY_OFF &&
         !linter->failed;
}

const gw_document *gw__lint_document(const gw__linter *linter) { return linter->doc; }

void gw__lint_fail(gw__linter *linter) {
  linter->failed = true;
  linter->open = false;
}

size_t gw__lint_excerpt(const gw_document *doc, uint32_t start, uint32_t end, size_t max_chars,
                        char *buffer, size_t size) {
  size_t length = 0, chars = 0;
  if (size == 0) return 0;
  if (end > doc->length) end = (uint32_t)doc->length;
  const unsigned char *text = (const unsigned char *)doc->text;
  size_t pos = start;
  for (; pos < end && chars < max_chars && length + 8 <= size; chars++) {
    /* Printable ASCII and valid three-byte characters, nearly all there
     * is, are copied here byte by byte; a call to memcpy for one to three
     * bytes would cost more than the copy. */
    unsigned char lead = text[pos];
    if (lead >= 0x20 && lead < 0x80) {
      buffer[length++] = (char)lead;
      pos++;
      continue;
    }
    if ((lead & 0xF0) == 0xE0 && pos + 2 < end &&
        ((text[pos + 1] ^ 0x80u) | (text[pos + 2] ^ 0x80u)) < 0x40u) {
      int32_t cp = ((lead & 0x0F) << 12) | ((text[pos + 1] & 0x3F) << 6) | (text[pos + 2] & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        buffer[length++] = (char)lead;
        buffer[length++] = (char)text[pos + 1];
        buffer[length++] = (char)text[pos + 2];
        pos += 3;
        continue;
      }
    }
    size_t at = pos;
    int32_t cp = gw__decode(doc->text, end, &pos);
    if (cp > 0 && cp != '\n' && cp != '\r' && cp != '\t') {
      memcpy(buffer + length, doc->text + at, pos - at); /* valid UTF-8: as it is */
      length += pos - at;
    } else {
      length += gw__encode(cp < 0 || cp == 0 ? 0xFFFD : ' ', buffer + length);
    }
  }
  if (pos < end && length + 4 <= size) length += gw__encode(0x2026, buffer + length); /* … */
  buffer[length] = '\0';
  return length;
}

bool gw__lint_begin(gw__linter *linter, gw__rule rule, uint32_t start, uint32_t end) {
  linter->open = false;
  if (!gw__lint_enabled(linter, rule)) return false;
  finding *f = block_array_add(&linter->findings, sizeof *f);
  if (!f) {
    linter->failed = true;
    return false;
  }
  uint32_t length = (uint32_t)linter->doc->length;
  if (end > length) end = length;
  if (start > end) start = end;
  *f = (finding){rule,       start,  end,   {NULL, NULL}, linter->edits.count, 0,
                 GW__NO_ROW, {0, 0}, {0, 0}};
  linter->open_finding = f;
  linter->open = true;
  return true;
}

/* Appends `length` bytes to the text being written; false when memory ran
 * out. */
static inline bool text_append(gw__linter *linter, const char *text, size_t length) {
  char *room = text_room(linter, length);
  if (!room) return false;
  memcpy(room, text, length);
  return true;
}

/* The decimal digits of `magnitude`, after a minus sign if `negative`,
 * written backwards from buffer_end (21 bytes at most); returns where they
 * start. */
static char *decimal(unsigned long long magnitude, bool negative, char *buffer_end) {
  char *p = buffer_end;
  do {
    *--p = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude);
  if (negative) *--p = '-';
  return p;
}

typedef enum { FORMAT_OK, FORMAT_NOMEM, FORMAT_UNKNOWN } format_result;

/* Formats into the text being written, with its NUL.  Messages use %s %c
 * %d %u %zu and %% only, and there are many of them (a finding per stray
 * comma), so this is done here rather than by vsnprintf, which costs
 * several times as much.  *first_u_at receives where the first %u's digits
 * start in the text (NO_ROW_AT when there is none). */
#define NO_ROW_AT SIZE_MAX
static format_result format_text(gw__linter *linter, const char *format, va_list args,
                                 size_t *first_u_at, size_t *first_u_digits) {
  const char *p = format;
  while (*p) {
    /* The sentences are long and their conversions few: strchr finds them
     * several bytes at a time. */
    const char *percent = strchr(p, '%');
    size_t plain = percent ? (size_t)(percent - p) : strlen(p);
    if (plain && !text_append(linter, p, plain)) return FORMAT_NOMEM;
    p += plain;
    if (!*p) break;
    char number[32];
    char *number_end = number + sizeof number;
    const char *piece = number;
    size_t length = 0;
    switch (p[1]) {
    case 's':
      piece = va_arg(args, const char *);
      length = strlen(piece);
      p += 2;
      break;
    case 'c':
      number[0] = (char)va_arg(args, int);
      length = 1;
      p += 2;
      break;
    case 'd':
    {
      int value = va_arg(args, int);
      piece = decimal(value < 0 ? 0ull - (unsigned long long)value : (unsigned long long)value,
                      value < 0, number_end);
      length = (size_t)(number_end - piece);
      p += 2;
      break;
    }
    case 'u':
      piece = decimal(va_arg(args, unsigned), false, number_end);
      length = (size_t)(number_end - piece);
      p += 2;
      if (*first_u_at == NO_ROW_AT) {
        *first_u_at = linter->text_written;
        *first_u_digits = length;
      }
      break;
    case 'z':
      if (p[2] != 'u') return FORMAT_UNKNOWN;
      piece = decimal(va_arg(args, size_t), false, number_end);
      length = (size_t)(number_end - piece);
      p += 3;
      break;
    case '%':
      number[0] = '%';
      length = 1;
      p += 2;
      break;
    default:
      return FORMAT_UNKNOWN; /* a slip in a check */
    }
    if (!text_append(linter, piece, length)) return FORMAT_NOMEM;
  }
  return text_append(linter, "", 1) ? FORMAT_OK : FORMAT_NOMEM;
}

/* Formats a message of the open finding; with `row_byte` not GW__NO_ROW,
 * its first %u is that byte's row. */
static void lint_message(gw__linter *linter, gw_lang lang, uint32_t row_byte, const char *format,
                         va_list args) {
  if (!linter->open) return;
  size_t row_at = NO_ROW_AT, row_digits = 0;
  text_begin(linter);
  format_result result = format_text(linter, format, args, &row_at, &row_digits);
  if (result != FORMAT_OK) {
    text_abandon(linter);
    if (result == FORMAT_NOMEM) gw__lint_fail(linter);
    return;
  }
  finding *f = linter->open_finding;
  f->message[lang == GW_LANG_ZH] = text_written(linter);
  if (row_byte != GW__NO_ROW && row_at != NO_ROW_AT) {
    f->row_ref = row_byte;
    f->row_at[lang == GW_LANG_ZH] = (uint32_t)row_at;
    f->row_digits[lang == GW_LANG_ZH] = (uint32_t)row_digits;
  }
}

void gw__lint_message(gw__linter *linter, gw_lang lang, const char *format, ...) {
  va_list args;
  va_start(args, format);
  lint_message(linter, lang, GW__NO_ROW, format, args);
  va_end(args);
}

void gw__lint_message_row(gw__linter *linter, gw_lang lang, uint32_t row_byte, const char *format,
                          ...) {
  va_list args;
  va_start(args, format);
  lint_message(linter, lang, row_byte, format, args);
  va_end(args);
}

void gw__lint_message_static(gw__linter *linter, gw_lang lang, const char *sentence) {
  if (!linter->open) return;
  linter->open_finding->message[lang == GW_LANG_ZH] = sentence;
}

void gw__lint_message_pieces(gw__linter *linter, gw_lang lang, const gw__piece *pieces,
                             size_t count) {
  if (!linter->open) return;
  size_t length = 0;
  for (size_t i = 0; i < count; i++) length += pieces[i].length;
  text_begin(linter);
  char *out = text_room(linter, length + 1);
  if (!out) {
    gw__lint_fail(linter);
    return;
  }
  const char *message = out;
  for (size_t i = 0; i < count; i++) {
    if (!pieces[i].length) continue; /* an ellipsis not needed, say: no call for it */
    memcpy(out, pieces[i].text, pieces[i].length);
    out += pieces[i].length;
  }
  *out = '\0';
  linter->open_finding->message[lang == GW_LANG_ZH] = message;
}

/* Adds an edit to the open finding: bytes [start, end) become `length`
 * bytes of `text`, which stays where it is as long as the findings. */
static void add_edit(gw__linter *linter, uint32_t start, uint32_t end, const char *text,
                     size_t length) {
  pending_edit *e = block_array_add(&linter->edits, sizeof *e);
  if (!e) {
    gw__lint_fail(linter);
    return;
  }
  *e = (pending_edit){start, end, text, length};
  linter->open_finding->edit_count++;
}

/* Whether the open finding may take an edit of bytes [start, end). */
static bool edit_allowed(const gw__linter *linter, uint32_t start, uint32_t end) {
  return linter->open && start <= end && end <= linter->doc->length; /* else a check's slip */
}

void gw__lint_edit(gw__linter *linter, uint32_t start, uint32_t end, const char *text,
                   size_t length) {
  if (!edit_allowed(linter, start, end)) return;
  text_begin(linter);
  char *copy = text_room(linter, length + 1);
  if (!copy) {
    gw__lint_fail(linter);
    return;
  }
  if (length) memcpy(copy, text, length);
  copy[length] = '\0';
  add_edit(linter, start, end, copy, length);
}

void gw__lint_edit_static(gw__linter *linter, uint32_t start, uint32_t end, const char *text,
                          size_t length) {
  if (edit_allowed(linter, start, end)) add_edit(linter, start, end, text, length);
}

/* ------------------------------------------------------------------------ */
/* Blocks                                                                    */

static bool is_blank_or_break(int32_t cp) {
  switch (cp) {
  case ' ': case '\t': case '\v': case '\f': case '\n': case '\r':
  case 0x00A0: case 0x3000: case 0xFEFF: case 0x200B:
    return true;
  default:
    return false;
  }
}

void gw__trim(const char *text, uint32_t *start, uint32_t *end) {
  while (*start < *end) {
    size_t pos = *start;
    if (!is_blank_or_break(gw__decode(text, *end, &pos))) break;
    *start = (uint32_t)pos;
  }
  while (*end > *start) {
    size_t pos = *end;
    int32_t cp = gw__char_before(text, &pos);
    if (pos < *start || !is_blank_or_break(cp)) break;
    *end = (uint32_t)pos;
  }
}

gw_status gw__read_blocks(const gw_document *doc, uint32_t from, uint32_t to, gw__block **blocks,
                          size_t *count, size_t *capacity, gw__block *next, bool *has_next,
                          bool *straddles) {
  *has_next = false;
  *straddles = false;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(doc->tree));
  /* The visible children still to visit at each depth of the walk, the
   * cursor's included (UINT32_MAX: not known), so that tree-sitter is not
   * asked for a sibling past the last one: it would step through the hidden
   * nodes after it, which costs more than counting the children. */
  enum { TRACKED = 32 };
  uint32_t left[TRACKED] = {1};
  uint32_t depth = 0;
  /* Straight to the first child of the document that ends after `from`:
   * the loop below would visit those before it one by one. */
  if (from > 0 && ts_tree_cursor_goto_first_child_for_byte(&cursor, from) >= 0) {
    depth = 1;
    left[1] = UINT32_MAX;
  }
  gw_status status = GW_OK;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    gw__block_kind kind = gw__block_kind_of(&doc->grammar, ts_node_symbol(node));
    bool before = start < from && end <= from; /* nothing of it is asked for */
    if (before) {
      /* skip it, and what it holds */
    } else if (kind < GW__BLOCK_KINDS && start >= to) {
      *next = (gw__block){kind, start, end};
      *has_next = true;
      break;
    } else if (kind < GW__BLOCK_KINDS && start < from) {
      *straddles = true;
    } else if (kind < GW__BLOCK_KINDS) {
      if (!reserve((void **)blocks, capacity, *count + 1, sizeof(gw__block))) {
        status = GW_ERROR_NOMEM;
        break;
      }
      (*blocks)[(*count)++] = (gw__block){kind, start, end};
    } else {
      /* Sections, the signature, the document itself. */
      uint32_t children = ts_node_child_count(node);
      if (children > 0 && ts_tree_cursor_goto_first_child(&cursor)) {
        depth++;
        if (depth < TRACKED) left[depth] = children;
        continue;
      }
    }
    bool more = false;
    for (; depth > 0; depth--) {
      uint32_t *remaining = depth < TRACKED && left[depth] != UINT32_MAX ? &left[depth] : NULL;
      if (!remaining || *remaining > 1) {
        if (remaining) (*remaining)--;
        if (ts_tree_cursor_goto_next_sibling(&cursor)) {
          more = true;
          break;
        }
      }
      ts_tree_cursor_goto_parent(&cursor);
    }
    if (!more) break;
  }
  ts_tree_cursor_delete(&cursor);
  return status;
}

const gw__block *gw__lint_blocks(gw__linter *linter, size_t *count) {
  *count = 0;
  if (linter->failed) return NULL;
  if (linter->setup) {
    *count = linter->setup->block_count;
    return linter->setup->blocks;
  }
  if (linter->doc->blocks) { /* read with the outline */
    linter->block_count = linter->doc->block_count;
    *count = linter->block_count;
    return linter->doc->blocks;
  }
  if (!linter->blocks_read) {
    linter->blocks_read = true;
    size_t capacity = 0;
    gw__block next;
    bool has_next, straddles;
    if (!linter->doc->tree ||
        gw__read_blocks(linter->doc, 0, UINT32_MAX, &linter->blocks, &linter->block_count,
                        &capacity, &next, &has_next, &straddles) != GW_OK) {
      if (linter->doc->tree) gw__lint_fail(linter);
      linter->block_count = 0;
    }
  }
  *count = linter->block_count;
  return linter->blocks;
}

const gw__script_count *gw__lint_block_counts(const gw__linter *linter) {
  return linter->setup ? linter->setup->scripts : NULL;
}

void gw__lint_window(const gw__linter *linter, size_t *first, size_t *end) {
  if (linter->setup) {
    *first = linter->setup->window_first;
    *end = linter->setup->window_end;
  } else {
    *first = 0;
    *end = linter->block_count;
  }
}

const gw__outline_scope *gw__lint_outline_scope(const gw__linter *linter) {
  return linter->setup ? linter->setup->outline : NULL;
}

/* A finding's place in the order of diagnostics: position, then rule, then
 * the order of reporting (its index), packed into two words. */
typedef struct {
  uint64_t position; /* start << 32 | end */
  uint64_t tie;      /* rule << 40 | index */
} sort_key;

static bool key_before(const sort_key *a, const sort_key *b) {
  return a->position != b->position ? a->position < b->position : a->tie < b->tie;
}

/* Merges the sorted keys[left, middle) and keys[middle, right) in place,
 * through `buffer`.  The keys at either end that are already where they
 * belong are found by binary search and stay: a few findings of one block
 * merged into those of a whole check cost about as many steps as they are. */
static void merge_runs(sort_key *keys, size_t left, size_t middle, size_t right,
                       sort_key *buffer) {
  size_t low = left, high = middle;
  while (low < high) {
    size_t half = low + (high - low) / 2;
    if (key_before(&keys[middle], &keys[half])) high = half;
    else low = half + 1;
  }
  left = low;
  if (left == middle) return;
  low = middle;
  high = right;
  while (low < high) {
    size_t half = low + (high - low) / 2;
    if (key_before(&keys[half], &keys[middle - 1])) low = half + 1;
    else high = half;
  }
  right = low;
  size_t count = middle - left;
  memcpy(buffer, keys + left, count * sizeof *keys);
  size_t i = 0, j = middle, k = left;
  while (i < count && j < right) {
    keys[k++] = key_before(&keys[j], &buffer[i]) ? keys[j++] : buffer[i++];
  }
  while (i < count) keys[k++] = buffer[i++];
}

/* The findings' indices in the order of the diagnostics, in keys[i].tie's
 * low bits.  Each check reports in order of position, so the keys form
 * sorted runs.  They are merged as they end, while the run below on the
 * stack is not more than twice as long as the one above (so that the stack
 * stays short and a long run is merged rarely), and at the end. */
static sort_key *sort_findings(const block_array *findings) {
  size_t count = findings->count;
  sort_key *keys = malloc((count ? count : 1) * sizeof *keys);
  sort_key *buffer = malloc((count ? count : 1) * sizeof *buffer);
  size_t *runs = malloc((count + 1) * sizeof *runs); /* where each run on the stack starts */
  if (!keys || !buffer || !runs) {
    free(keys);
    free(buffer);
    free(runs);
    return NULL;
  }
  size_t depth = 0;
  for (size_t i = 0; i <= count; i++) {
    if (i < count) {
      const finding *f = block_array_at(findings, i, sizeof *f);
      keys[i] = (sort_key){(uint64_t)f->start << 32 | f->end, (uint64_t)f->rule << 40 | i};
      if (i > 0 && key_before(&keys[i - 1], &keys[i])) continue;
    }
    /* The run on top of the stack ends at i. */
    while (depth >= 2 &&
           (i == count || runs[depth - 1] - runs[depth - 2] <= 2 * (i - runs[depth - 1]))) {
      merge_runs(keys, runs[depth - 2], runs[depth - 1], i, buffer);
      depth--;
    }
    runs[depth++] = i;
  }
  free(buffer);
  free(runs);
  return keys;
}

static void linter_release(gw__linter *linter) {
  free(linter->blocks);
  block_array_free(&linter->findings);
  block_array_free(&linter->edits);
  text_chunks_free(linter->texts);
}

void gw__pool_retain(gw__pool *pool) {
  atomic_fetch_add_explicit(&pool->references, 1, memory_order_relaxed);
}

void gw__pool_release(gw__pool *pool) {
  if (!pool || atomic_fetch_sub_explicit(&pool->references, 1, memory_order_acq_rel) != 1) return;
  text_chunks_free(pool->chunks);
  free(pool);
}

void gw__finding_set_free(gw__finding_set *set) {
  free(set->findings);
  free(set->edits);
  memset(set, 0, sizeof *set);
}

bool gw__finding_set_reserve(gw__finding_set *set, size_t findings, size_t edits) {
  return reserve((void **)&set->findings, &set->capacity, findings, sizeof(gw__finding)) &&
         reserve((void **)&set->edits, &set->edit_capacity, edits, sizeof(gw_edit));
}

bool gw__finding_set_add(gw__finding_set *set, const gw__finding *f, const gw_edit *edits) {
  if (!reserve((void **)&set->findings, &set->capacity, set->count + 1, sizeof *f) ||
      !reserve((void **)&set->edits, &set->edit_capacity, set->edit_count + f->edit_count,
               sizeof *edits)) {
    return false;
  }
  gw__finding *added = &set->findings[set->count++];
  *added = *f;
  added->first_edit = set->edit_count;
  if (f->edit_count) memcpy(set->edits + set->edit_count, edits, f->edit_count * sizeof *edits);
  set->edit_count += f->edit_count;
  return true;
}

/* Turns the findings into `set`, sorted, their texts in a pool of their
 * own, which goes to *pool. */
static gw_status finish(gw__linter *linter, gw__finding_set *set, gw__pool **pool) {
  *pool = NULL;
  size_t count = linter->findings.count;
  sort_key *order = sort_findings(&linter->findings);
  /* The set's room at once: growing it as it fills would copy it over. */
  if (!order ||
      !gw__finding_set_reserve(set, set->count + count, set->edit_count + linter->edits.count)) {
    free(order);
    return GW_ERROR_NOMEM;
  }
  gw__pool *texts = NULL;
  if (linter->texts) {
    texts = malloc(sizeof *texts);
    if (!texts) {
      free(order);
      return GW_ERROR_NOMEM;
    }
    atomic_init(&texts->references, 1);
    texts->chunks = linter->texts;
    linter->texts = NULL;
  }
  static const char empty[] = "";
  size_t row_hint = 0;
  for (size_t i = 0; i < count; i++) {
    const finding *p = block_array_at(&linter->findings,
                                      order[i].tie & ((UINT64_C(1) << 40) - 1), sizeof *p);
    gw__finding *f = &set->findings[set->count++];
    f->rule = p->rule;
    f->start = p->start;
    f->end = p->end;
    f->range = gw__range_near(linter->doc, p->start, p->end, &row_hint);
    f->message[GW_LANG_EN] = p->message[GW_LANG_EN] ? p->message[GW_LANG_EN] : empty;
    f->message[GW_LANG_ZH] =
        p->message[GW_LANG_ZH] ? p->message[GW_LANG_ZH] : f->message[GW_LANG_EN];
    f->row_ref = p->row_ref;
    f->row_ref_row = p->row_ref != GW__NO_ROW ? gw__point(linter->doc, p->row_ref).row : 0;
    memcpy(f->row_at, p->row_at, sizeof f->row_at);
    memcpy(f->row_digits, p->row_digits, sizeof f->row_digits);
    f->pool = texts;
    gw_edit *edits = p->edit_count ? set->edits + set->edit_count : NULL;
    for (size_t k = 0; k < p->edit_count; k++) {
      const pending_edit *e = block_array_at(&linter->edits, p->first_edit + k, sizeof *e);
      edits[k] = (gw_edit){e->start, e->end, e->text, e->length};
    }
    f->first_edit = set->edit_count;
    f->edit_count = p->edit_count;
    if (p->edit_count > 1) {
      gw__edits_sort(edits, p->edit_count);
      /* A finding whose edits overlap gets no fix. */
      if (!gw__edits_ordered(edits, p->edit_count)) f->edit_count = 0;
    }
    set->edit_count += f->edit_count;
  }
  free(order);
  *pool = texts;
  return GW_OK;
}

gw_status gw__lint_run(const gw_document *doc, const gw_severity severity[GW__RULE_COUNT],
                       const gw__lint_setup *setup, gw__finding_set *set, gw__pool **pool) {
  *pool = NULL;
  gw__linter linter;
  memset(&linter, 0, sizeof linter);
  linter.doc = doc;
  linter.setup = setup;
  memcpy(linter.severity, severity, sizeof linter.severity);

  gw__check_numbering(&linter);
  gw__check_structure(&linter);
  gw__check_text(&linter);
  if (gw__lint_enabled(&linter, GW__RULE_TEXT_MIXED_SCRIPT)) {
    size_t count;
    const gw__block *blocks = gw__lint_blocks(&linter, &count);
    if (!setup) {
      gw__check_mixed_script(&linter, doc, blocks, count);
    } else if (setup->scripts_everywhere) {
      gw__report_mixed_script(&linter, doc, blocks, count, setup->scripts, setup->minority);
    } else {
      gw__report_mixed_script(&linter, doc, blocks + setup->window_first,
                              setup->window_end - setup->window_first,
                              setup->scripts + setup->window_first, setup->minority);
    }
  }

  gw_status status = linter.failed ? GW_ERROR_NOMEM : finish(&linter, set, pool);
  linter_release(&linter);
  return status;
}

/* --- stores and runs ------------------------------------------------------ */

gw__finding_store *gw__finding_store_new(gw__finding_set *set) {
  gw__finding_store *store = calloc(1, sizeof *store);
  if (!store) return NULL;
  size_t capacity = 0;
  const gw__pool *last = NULL;
  for (size_t i = 0; i < set->count; i++) {
    gw__pool *pool = set->findings[i].pool;
    if (!pool || pool == last) continue;
    last = pool;
    /* The findings come from few passes: the list stays short. */
    bool known = false;
    for (size_t k = store->pool_count; k-- > 0 && !known;) known = store->pools[k] == pool;
    if (known) continue;
    if (!reserve((void **)&store->pools, &capacity, store->pool_count + 1, sizeof pool)) {
      for (size_t k = 0; k < store->pool_count; k++) gw__pool_release(store->pools[k]);
      free(store->pools);
      free(store);
      return NULL;
    }
    gw__pool_retain(pool);
    store->pools[store->pool_count++] = pool;
  }
  atomic_init(&store->references, 1);
  store->set = *set;
  memset(set, 0, sizeof *set);
  return store;
}

static void store_retain(gw__finding_store *store) {
  atomic_fetch_add_explicit(&store->references, 1, memory_order_relaxed);
}

void gw__finding_store_release(gw__finding_store *store) {
  if (!store || atomic_fetch_sub_explicit(&store->references, 1, memory_order_acq_rel) != 1) {
    return;
  }
  for (size_t k = 0; k < store->pool_count; k++) gw__pool_release(store->pools[k]);
  free(store->pools);
  gw__finding_set_free(&store->set);
  free(store);
}

void gw__findings_free(gw__findings *findings) {
  for (size_t r = 0; r < findings->run_count; r++) {
    gw__finding_store_release(findings->runs[r].store);
  }
  free(findings->runs);
  memset(findings, 0, sizeof *findings);
}

/* The digits of the row number a message may need: a row is 32 bits. */
#define ROW_DIGITS 10

/* Counts position `byte` of a finding of `run` in its summary. */
static void include(gw__finding_run *run, uint32_t byte) {
  if (byte < run->split) {
    if (byte < run->before_min) run->before_min = byte;
    if (byte > run->before_max) run->before_max = byte;
  }
  if (byte > run->max_byte) run->max_byte = byte;
}

/* Counts the positions `start` and `end` of a finding or an edit of `run`
 * in its summary.  The start of a range that ends where it starts or
 * after, both from the split on, changes nothing that the end does not. */
static void include_range(gw__finding_run *run, uint32_t start, uint32_t end) {
  if (start < run->split || end < start) include(run, start);
  include(run, end);
}

/* Sums up what `run` holds (see gw__finding_run). */
static void summarise(gw__finding_run *run) {
  const gw_edit *edits = run->store->set.edits;
  run->split = gw__run_finding(run, 0)->start;
  run->before_min = run->min_row = UINT32_MAX;
  run->before_max = run->max_byte = 0;
  run->rules = 0;
  run->edit_count = run->text_bound = 0;
  for (size_t i = 0; i < run->count; i++) {
    const gw__finding *f = gw__run_finding(run, i);
    include_range(run, f->start, f->end);
    for (size_t k = 0; k < f->edit_count; k++) {
      include_range(run, edits[f->first_edit + k].start_byte, edits[f->first_edit + k].end_byte);
    }
    if (f->row_ref != GW__NO_ROW) {
      include(run, f->row_ref);
      for (int lang = 0; lang < 2; lang++) {
        if (f->row_digits[lang]) run->text_bound += strlen(f->message[lang]) + ROW_DIGITS + 1;
      }
    }
    if (f->range.start.row < run->min_row) run->min_row = f->range.start.row;
    run->rules |= UINT32_C(1) << f->rule;
    run->edit_count += f->edit_count;
  }
}

bool gw__findings_add_run(gw__findings *findings, const gw__finding_run *run) {
  if (!reserve((void **)&findings->runs, &findings->run_capacity, findings->run_count + 1,
               sizeof *run)) {
    return false;
  }
  store_retain(run->store);
  findings->runs[findings->run_count++] = *run;
  findings->count += run->count;
  return true;
}

bool gw__findings_add_stored(gw__findings *findings, gw__finding_store *store, size_t first,
                             size_t count) {
  for (size_t at = first, end = first + count; at < end;) {
    gw__finding_run run = {0};
    run.store = store;
    run.first = (uint32_t)at;
    run.count = (uint32_t)(end - at < GW__RUN_SIZE ? end - at : GW__RUN_SIZE);
    summarise(&run);
    if (!gw__findings_add_run(findings, &run)) return false;
    at += run.count;
  }
  return true;
}

/* --- diagnostics ------------------------------------------------------------ */

gw_status gw__diagnostics_from(const gw__findings *findings,
                               const gw_severity severity[GW__RULE_COUNT], gw_diagnostics **out) {
  *out = NULL;
  size_t runs = findings->run_count;
  gw_diagnostics *result = calloc(1, sizeof *result);
  if (!result) return GW_ERROR_NOMEM;
  result->runs = malloc((runs ? runs : 1) * sizeof *result->runs);
  result->shown = malloc((runs + 1) * sizeof *result->shown);
  if (!result->runs || !result->shown) {
    gw_diagnostics_free(result);
    return GW_ERROR_NOMEM;
  }
  size_t items = 0, edits = 0, texts = 0;
  for (size_t r = 0; r <= runs; r++) {
    shown_run *shown = &result->shown[r];
    shown->first_item = items;
    shown->first_edit = edits;
    shown->first_text = texts;
    atomic_init(&shown->state, RUN_NOT_SHOWN);
    if (r == runs) break;
    const gw__finding_run *run = &findings->runs[r];
    store_retain(run->store);
    result->runs[r] = *run;
    result->run_count++;
    items += run->count;
    edits += run->edit_count;
    texts += run->text_bound;
  }
  result->count = items;
  memcpy(result->severity, severity, sizeof result->severity);
  /* Not written before they are asked for: the pages of the runs never
   * read are never touched. */
  result->items = malloc((items ? items : 1) * sizeof *result->items);
  result->edits = malloc((edits ? edits : 1) * sizeof *result->edits);
  result->texts = malloc(texts ? texts : 1);
  if (!result->items || !result->edits || !result->texts) {
    gw_diagnostics_free(result);
    return GW_ERROR_NOMEM;
  }
  *out = result;
  return GW_OK;
}

/* Message `m` of `f` with the row number `row` where it names one, into
 * *texts (advanced past it) when the number changed. */
static const char *renumbered(const gw__finding *f, int lang, uint32_t row, char **texts) {
  const char *m = f->message[lang];
  if (f->row_ref == GW__NO_ROW || !f->row_digits[lang]) return m;
  char digits[ROW_DIGITS + 1];
  char *number = decimal(row, false, digits + sizeof digits);
  size_t length = (size_t)(digits + sizeof digits - number);
  size_t before = f->row_at[lang], after = before + f->row_digits[lang];
  if (length == f->row_digits[lang] && memcmp(m + before, number, length) == 0) return m;
  char *out = *texts;
  size_t rest = strlen(m + after);
  memcpy(out, m, before);
  memcpy(out + before, number, length);
  memcpy(out + before + length, m + after, rest + 1);
  *texts += before + length + rest + 1;
  return out;
}

/* Makes the diagnostics of run `r` in their room. */
static void show_run(const gw_diagnostics *diagnostics, size_t r) {
  const gw__finding_run *run = &diagnostics->runs[r];
  const shown_run *shown = &diagnostics->shown[r];
  const gw_edit *store_edits = run->store->set.edits;
  gw_diagnostic *item = diagnostics->items + shown->first_item;
  gw_edit *edits = diagnostics->edits + shown->first_edit;
  char *texts = diagnostics->texts + shown->first_text;
  for (size_t i = 0; i < run->count; i++, item++) {
    const gw__finding *f = gw__run_finding(run, i);
    for (size_t k = 0; k < f->edit_count; k++) {
      edits[k] = store_edits[f->first_edit + k];
      edits[k].start_byte = gw__run_byte(run, edits[k].start_byte);
      edits[k].end_byte = gw__run_byte(run, edits[k].end_byte);
    }
    uint32_t row = gw__run_row(run, f->row_ref, f->row_ref_row) + 1;
    *item = (gw_diagnostic){
        gw_rule_name(f->rule),
        diagnostics->severity[f->rule],
        gw__run_range(run, f),
        renumbered(f, GW_LANG_EN, row, &texts),
        renumbered(f, GW_LANG_ZH, row, &texts),
        f->edit_count ? edits : NULL,
        f->edit_count,
    };
    edits += f->edit_count;
  }
}

/* The run that holds diagnostic `index` (< count). */
static size_t run_of(const gw_diagnostics *diagnostics, size_t index) {
  size_t low = 0, high = diagnostics->run_count - 1;
  while (low < high) {
    size_t middle = low + (high - low + 1) / 2;
    if (diagnostics->shown[middle].first_item <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

gw_status gw__lint_with(const gw_document *doc, const gw_severity severity[GW__RULE_COUNT],
                        gw_diagnostics **out) {
  if (out) *out = NULL;
  if (!doc || !out) return GW_ERROR_ARGUMENT;
  gw__finding_set set = {0};
  gw__pool *pool = NULL;
  gw_status status = gw__lint_run(doc, severity, NULL, &set, &pool);
  gw__finding_store *store = status == GW_OK ? gw__finding_store_new(&set) : NULL;
  gw__findings findings = {0};
  if (status == GW_OK && !store) status = GW_ERROR_NOMEM;
  if (status == GW_OK && !gw__findings_add_stored(&findings, store, 0, store->set.count)) {
    status = GW_ERROR_NOMEM;
  }
  if (status == GW_OK) status = gw__diagnostics_from(&findings, severity, out);
  gw__findings_free(&findings);
  gw__finding_store_release(store);
  gw__finding_set_free(&set);
  gw__pool_release(pool);
  return status;
}

gw_status gw_lint(const gw_document *doc, const gw_options *options, gw_diagnostics **out) {
  gw_severity severity[GW__RULE_COUNT];
  for (size_t i = 0; i < GW__RULE_COUNT; i++) {
    severity[i] = gw__rule_severity(options, (gw__rule)i);
  }
  if (out) *out = NULL;
  if (!doc || !out) return GW_ERROR_ARGUMENT;
  if (doc->lint_cache) return gw__lint_cached(doc, doc->lint_cache, severity, out);
  return gw__lint_with(doc, severity, out);
}

void gw_diagnostics_free(gw_diagnostics *diagnostics) {
  if (!diagnostics) return;
  for (size_t r = 0; r < diagnostics->run_count; r++) {
    gw__finding_store_release(diagnostics->runs[r].store);
  }
  free(diagnostics->runs);
  free(diagnostics->shown);
  free(diagnostics->items);
  free(diagnostics->edits);
  free(diagnostics->texts);
  free(diagnostics);
}

size_t gw_diagnostics_count(const gw_diagnostics *diagnostics) {
  return diagnostics ? diagnostics->count : 0;
}

const gw_diagnostic *gw_diagnostics_get(const gw_diagnostics *diagnostics, size_t index) {
  if (!diagnostics || index >= diagnostics->count) return NULL;
  size_t r = run_of(diagnostics, index);
  /* The diagnostics are const to their users, who may read them from
   * several threads: the first to ask for a run makes it, the others wait
   * for it. */
  shown_run *shown = &diagnostics->shown[r];
  if (atomic_load_explicit(&shown->state, memory_order_acquire) != RUN_SHOWN) {
    int expected = RUN_NOT_SHOWN;
    if (atomic_compare_exchange_strong_explicit(&shown->state, &expected, RUN_BEING_SHOWN,
                                                memory_order_acquire, memory_order_acquire)) {
      show_run(diagnostics, r);
      atomic_store_explicit(&shown->state, RUN_SHOWN, memory_order_release);
    } else {
      while (atomic_load_explicit(&shown->state, memory_order_acquire) != RUN_SHOWN) {
      }
    }
  }
  return &diagnostics->items[index];
}

gw__rule gw__diagnostic_rule(const gw_diagnostics *diagnostics, size_t index) {
  if (!diagnostics || index >= diagnostics->count) return GW__RULE_COUNT;
  const gw__finding_run *run = &diagnostics->runs[run_of(diagnostics, index)];
  size_t first = diagnostics->shown[run - diagnostics->runs].first_item;
  return gw__run_finding(run, index - first)->rule;
}
