/*
 * Internals of libgongwen, shared between its source files and its tests.
 * Nothing here is part of the public API; names carry the prefix gw__.
 */
#ifndef GONGWEN_INTERNAL_H
#define GONGWEN_INTERNAL_H

#include "gongwen.h"

#include <tree_sitter/api.h>

typedef struct gw__memo gw__memo;
typedef struct gw__lint_cache gw__lint_cache;

/* The lines of the document by kind, in document order, read once from the
 * syntax tree and shared by the checks (lint.h).  A block's range is its
 * node's: from its first non-blank character to the end of its last line
 * break. */
typedef enum {
  GW__BLOCK_TITLE,
  GW__BLOCK_BYLINE,
  GW__BLOCK_RECIPIENT,
  GW__BLOCK_PARAGRAPH,
  GW__BLOCK_HEADING,
  GW__BLOCK_ORGANIZATION,
  GW__BLOCK_DATE,
  GW__BLOCK_RESIDUE,
} gw__block_kind;
#define GW__BLOCK_KINDS 8

typedef struct {
  gw__block_kind kind;
  uint32_t start, end;
} gw__block;

/* Symbols and fields of the grammar that the outline and the lint read,
 * looked up once per document (gw__grammar_init in outline.c). */
typedef struct {
  TSSymbol section, heading, item, heading_title, run_in_body;
  TSSymbol marker_of_level[5]; /* h1_marker … h5_marker */
  TSSymbol block[GW__BLOCK_KINDS]; /* the nodes of the blocks, by gw__block_kind */
  TSFieldId marker, title, body, number, open, close, delimiter;
} gw__grammar;

/* The grammar, from grammar/src/parser.c. */
const TSLanguage *tree_sitter_gongwen(void);

struct gw_document {
  char *text; /* NUL-terminated copy of the text */
  size_t length;
  size_t text_capacity; /* bytes allocated at `text`: edits change it in place */
  TSParser *parser;
  TSTree *tree;
  gw__grammar grammar;

  /* Byte offset at which each row starts; row_starts[0] == 0. */
  uint32_t *row_starts;
  size_t row_count;

  /* The outline: headings and items in document order. */
  gw_entry *entries;
  size_t entry_count;
  /* What the last edit did to the outline (gw_outline_last_change):
   * entries [change_first, change_first + change_removed) of the outline
   * before it became [change_first, change_first + change_added). */
  bool edited;
  size_t change_first, change_removed, change_added;
  /* The bytes [syntax_start, syntax_end) of the text after the last edit
   * hold it and tree-sitter's changed ranges, when the outline asked
   * tree-sitter for them (syntax_known): the lint re-checks them. */
  bool syntax_known;
  uint32_t syntax_start, syntax_end;

  /* The blocks of the text, read by the walk that builds the outline whole
   * (gw__build_outline); NULL when an edit updated the outline in part. */
  gw__block *blocks;
  size_t block_count;

  /* Problem/cause/remedy pairs, and for each entry the pair it belongs to. */
  gw_pair *pairs;
  size_t pair_count;
  long *entry_pair; /* entry_count elements, GW_NONE where none */
  /* Which lists the pairs came from, so that an edit matches again only
   * the lists it changed (pairing.c). */
  struct gw__pair_block *pair_blocks;
  size_t pair_block_count;

  /* What the outline and the pairs read from heading titles and item texts,
   * kept across edits (memo.c); NULL when there was no memory for them. */
  gw__memo *title_roles;
  gw__memo *item_words;

  /* The findings of the last gw_lint and the edits made since, so that the
   * next one re-checks only what the edits touched (lint_cache.c); NULL
   * when there was no memory for it. */
  gw__lint_cache *lint_cache;
};

/* --- text.c: UTF-8 and positions ---------------------------------------- */

/* The code point at text[*pos] (pos < length), advancing *pos past it.
 * A byte that does not start a valid UTF-8 sequence yields -1 and advances
 * by one byte. */
int32_t gw__decode(const char *text, size_t length, size_t *pos);

/* The code point that ends just before `pos`, moving *pos to its start;
 * -1 for an invalid byte.  Requires *pos > 0. */
int32_t gw__decode_before(const char *text, size_t *pos);

/* Writes the UTF-8 form of `cp` to out (4 bytes at most); returns its size. */
size_t gw__encode(int32_t cp, char out[4]);

/* Rebuilds doc->row_starts from doc->text. */
gw_status gw__index_rows(gw_document *doc);

gw_point gw__point(const gw_document *doc, uint32_t byte);
gw_range gw__range(const gw_document *doc, uint32_t start_byte, uint32_t end_byte);
gw_range gw__node_range(const gw_document *doc, TSNode node);
/* The row holding `byte`: the last row that starts at or before it. */
size_t gw__row_of(const gw_document *doc, uint32_t byte);

/* As gw__point and gw__range, faster for positions read in document order:
 * *hint (a row, 0 at first) is where the last position was.  Inline: the
 * outline and the lint ask for many. */
static inline gw_point gw__point_near(const gw_document *doc, uint32_t byte, size_t *hint) {
  if (byte > doc->length) byte = (uint32_t)doc->length;
  size_t row = *hint < doc->row_count ? *hint : 0;
  /* The row of the last position, or one of the next two; else search. */
  for (int step = 0;; step++) {
    if (doc->row_starts[row] > byte || step == 3) {
      row = gw__row_of(doc, byte);
      break;
    }
    if (row + 1 == doc->row_count || doc->row_starts[row + 1] > byte) break;
    row++;
  }
  *hint = row;
  gw_point p = {byte, (uint32_t)row, byte - doc->row_starts[row]};
  return p;
}

static inline gw_range gw__range_near(const gw_document *doc, uint32_t start_byte, uint32_t end_byte,
                        size_t *hint) {
  gw_range r;
  r.start = gw__point_near(doc, start_byte, hint);
  /* The end may be far (a section's): it does not move the hint. */
  size_t end_hint = *hint;
  r.end = gw__point_near(doc, end_byte, &end_hint);
  return r;
}


/* Rows of `doc`, whose text became `next`'s by replacing bytes
 * [start_byte, old_end_byte) with `new_length` bytes: the rows before the
 * edit kept, those after it shifted, those of the new bytes found, into
 * next->row_starts and next->row_count. */
gw_status gw__shift_rows(const gw_document *doc, gw_document *next, size_t start_byte,
                         size_t old_end_byte, size_t new_length);

/* --- memo.c: values derived from short texts, keyed by their bytes ------- */

typedef struct {
  uint64_t hash;
  size_t length;
  bool used;  /* looked up since the last sweep */
  bool ready; /* the value below is set (the caller sets it) */
  unsigned roles;
  uint64_t *words; /* malloc'd, freed with the entry */
  size_t word_count;
  char bytes[]; /* the key */
} gw__memo_entry;

gw__memo *gw__memo_new(void);
void gw__memo_free(gw__memo *memo);
/* The entry for the `length` bytes at `bytes`, added (not ready) if new;
 * NULL when `memo` is NULL or out of memory.  Entries stay in place until
 * gw__memo_sweep. */
gw__memo_entry *gw__memo_get(gw__memo *memo, const char *bytes, size_t length);
/* Frees the entries not looked up since the last sweep. */
void gw__memo_sweep(gw__memo *memo);
size_t gw__memo_count(const gw__memo *memo);

/* --- lint_cache.c: what gw_document_* tell the incremental lint --------- */

/* An edit as gw_document_edit made it: bytes [start, old_end) of the old
 * text became [start, new_end) of the new one. */
typedef struct gw__edit {
  size_t start, old_end, new_end;
} gw__edit;

gw__lint_cache *gw__lint_cache_new(void);
void gw__lint_cache_free(gw__lint_cache *cache);
/* The document `old` became `now` by `edit`, told to tree-sitter as
 * `tree_edit` (which may start a little earlier); called while old's
 * outline still exists. */
void gw__lint_cache_note_edit(gw__lint_cache *cache, const gw_document *old,
                              const gw_document *now, const TSInputEdit *tree_edit,
                              const gw__edit *edit);

/* --- numerals.c --------------------------------------------------------- */

/* Reads a marker or item number: Chinese numerals (一 十一 二十 一百零五 〇,
 * formal 壹 贰 拾, traditional 貳 參 陸), Arabic digits (half or full
 * width) or a circled number (① … ㊿).  Returns false when `text` is not
 * one number. */
bool gw__number_value(const char *text, size_t length, uint32_t *value);

/* Writes `value` (1-9999) in Chinese numerals (十一, 二十, 一百零五) to buffer,
 * NUL-terminated; returns the length needed, as snprintf does. */
size_t gw__cn_numeral(uint32_t value, char *buffer, size_t size);

/* --- roles.c ------------------------------------------------------------ */

/* GW_ROLE_* bits that a heading title announces, simplified or traditional. */
unsigned gw__title_roles(const char *title, size_t length);

/* --- outline.c, pairing.c ----------------------------------------------- */

void gw__grammar_init(gw__grammar *ids);
/* The kind of block whose node has `symbol`; GW__BLOCK_KINDS for none. */
gw__block_kind gw__block_kind_of(const gw__grammar *ids, TSSymbol symbol);

/* Rebuild doc->entries and doc->pairs from doc->tree. */
gw_status gw__build_outline(gw_document *doc);
gw_status gw__build_pairs(gw_document *doc);

/* The outline of `next`, the document `old` after `edit`, whose tree
 * `old_edited` (old's, passed through ts_tree_edit) was re-parsed into
 * next->tree and whose rows are indexed: re-read from the tree only where
 * the edit or tree-sitter's changed ranges reach, whole top-level blocks at
 * a time, the rest of old's entries kept and shifted; everything re-read
 * when that is most of the document.  Sets next's change_* fields and
 * *partial (whether old's entries were kept). */
gw_status gw__update_outline(const gw_document *old, gw_document *next, const TSTree *old_edited,
                             const gw__edit *edit, bool *partial);

/* The pairs matched for one list of problems: pairs [first_pair,
 * first_pair + pair_count), from the problems of section `problems` and the
 * causes and remedies of sections `causes` and `remedies` (GW_NONE: none),
 * each given by its heading's entry. */
typedef struct gw__pair_block {
  long problems, causes, remedies;
  size_t first_pair, pair_count;
} gw__pair_block;

/* The text of a document before an edit that changed it in place: bytes
 * before `start` are where they were, those from `old_end` on are at
 * `new_end` on in `text` (the text after the edit), and those of [start,
 * old_end) in `replaced`. */
typedef struct {
  const char *text;
  size_t start, old_end, new_end;
  const char *replaced;
} gw__text_before;

/* Whether the `length` bytes at `at` of the text before the edit are the
 * `length` bytes at `bytes`. */
bool gw__text_before_equals(const gw__text_before *before, size_t at, const char *bytes,
                            size_t length);

/* The pairs of `next`, whose outline gw__update_outline made from `old`'s
 * with entries kept: old's pairs renumbered when the entries that replaced
 * others cannot change them, else built again, matching only the lists
 * that hold replaced entries.  old's text is `before` (the buffer now holds
 * next's). */
gw_status gw__update_pairs(const gw_document *old, gw_document *next,
                           const gw__text_before *before);

/* navigation.c: the number of entries that start before `byte` (entries
 * are in document order). */
size_t gw__entries_before(const gw_document *doc, size_t byte);

/* The tree node of a heading entry (its `heading` node) or item entry (its
 * `enumeration_item` node), found from the entry's marker position. */
TSNode gw__entry_node(const gw_document *doc, size_t index);

#endif /* GONGWEN_INTERNAL_H */
