/*
 * Documents: the text, its syntax tree and everything derived from it.
 * An edit changes the text in place (undone if a later step fails), re-parses
 * incrementally and derives the rest into a staging copy first, so that a
 * failed edit leaves the document unchanged; what it derives again is only
 * what the edit reaches (gw__update_outline).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Frees what `doc` derives from its tree, leaving the text, parser and tree. */
static void free_derived(gw_document *doc) {
  free(doc->row_starts);
  free(doc->entries);
  free(doc->pairs);
  free(doc->entry_pair);
  free(doc->pair_blocks);
  free(doc->blocks);
  doc->row_starts = NULL;
  doc->row_count = 0;
  doc->entries = NULL;
  doc->entry_count = 0;
  doc->pairs = NULL;
  doc->pair_count = 0;
  doc->entry_pair = NULL;
  doc->pair_blocks = NULL;
  doc->pair_block_count = 0;
  doc->blocks = NULL;
  doc->block_count = 0;
}

/* Builds outline and pairs into `doc`, whose rows are indexed and whose
 * other derived fields are empty; then lets the memos forget the texts that
 * are gone. */
static gw_status build_derived(gw_document *doc) {
  gw_status status = gw__build_outline(doc);
  if (status == GW_OK) status = gw__build_pairs(doc);
  if (status != GW_OK) {
    free_derived(doc);
    return status;
  }
  gw__memo_sweep(doc->title_roles);
  gw__memo_sweep(doc->item_words);
  return GW_OK;
}

/* Whether the memos hold many more texts than the outline: an edit that
 * keeps entries does not sweep them (the kept entries' texts, not looked up,
 * would be forgotten), so every so many edits rebuild all and sweep. */
static bool memos_outgrown(const gw_document *doc) {
  size_t bound = 2 * doc->entry_count + 64;
  return gw__memo_count(doc->title_roles) > bound || gw__memo_count(doc->item_words) > bound;
}

/* Builds the outline and pairs of `next`, the document `doc` after `edit`,
 * whose rows are indexed: from doc's where the edit leaves them (see
 * gw__update_outline), else afresh. */
static gw_status update_derived(const gw_document *doc, gw_document *next,
                                const TSTree *old_edited, const gw__edit *edit,
                                const gw__text_before *before) {
  if (memos_outgrown(doc)) {
    /* A sweep forgets what was not looked up since the one before; the
     * build then looks up what it needs, and its sweep forgets the rest. */
    gw__memo_sweep(next->title_roles);
    gw__memo_sweep(next->item_words);
    gw_status status = build_derived(next);
    next->edited = true;
    next->change_first = 0;
    next->change_removed = doc->entry_count;
    next->change_added = next->entry_count;
    return status;
  }
  bool partial = false;
  gw_status status = gw__update_outline(doc, next, old_edited, edit, &partial);
  if (status == GW_OK) status = partial ? gw__update_pairs(doc, next, before) : gw__build_pairs(next);
  if (status != GW_OK) {
    free_derived(next);
    return status;
  }
  if (!partial) {
    gw__memo_sweep(next->title_roles);
    gw__memo_sweep(next->item_words);
  }
  return GW_OK;
}

/* The bytes to allocate for a text of `length`: room to grow by an eighth,
 * so that typing into it rarely moves it (edits change it in place). */
static size_t text_capacity(size_t length) {
  size_t room = length / 8 + 64;
  return length + 1 + (room < GW_MAX_TEXT - length ? room : 0);
}

static char *copy_text(const char *text, size_t length, size_t capacity) {
  char *copy = malloc(capacity);
  if (!copy) return NULL;
  if (length) memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

gw_status gw_document_new(const char *text, size_t length, gw_document **out) {
  if (!out) return GW_ERROR_ARGUMENT;
  *out = NULL;
  if (!text && length > 0) return GW_ERROR_ARGUMENT;
  if (length > GW_MAX_TEXT) return GW_ERROR_TOO_LARGE;

  gw_document *doc = calloc(1, sizeof *doc);
  if (!doc) return GW_ERROR_NOMEM;
  gw_status status = GW_ERROR_NOMEM;
  doc->text_capacity = text_capacity(length);
  doc->text = copy_text(text, length, doc->text_capacity);
  doc->length = length;
  if (!doc->text) goto fail;
  doc->parser = ts_parser_new();
  if (!doc->parser) goto fail;
  if (!ts_parser_set_language(doc->parser, tree_sitter_gongwen())) {
    status = GW_ERROR_ABI;
    goto fail;
  }
  gw__grammar_init(&doc->grammar);
  doc->tree = ts_parser_parse_string(doc->parser, NULL, doc->text, (uint32_t)length);
  if (!doc->tree) {
    status = GW_ERROR_PARSE;
    goto fail;
  }
  /* Without memory for the memos, everything is derived afresh. */
  doc->title_roles = gw__memo_new();
  doc->item_words = gw__memo_new();
  doc->lint_cache = gw__lint_cache_new();
  status = gw__index_rows(doc);
  if (status == GW_OK) status = build_derived(doc);
  if (status != GW_OK) goto fail;
  *out = doc;
  return GW_OK;

fail:
  gw_document_free(doc);
  return status;
}

void gw_document_free(gw_document *doc) {
  if (!doc) return;
  free_derived(doc);
  gw__memo_free(doc->title_roles);
  gw__memo_free(doc->item_words);
  gw__lint_cache_free(doc->lint_cache);
  if (doc->tree) ts_tree_delete(doc->tree);
  if (doc->parser) ts_parser_delete(doc->parser);
  free(doc->text);
  free(doc);
}

/* The position of `byte` in `text`, counting on from `from`, the position
 * of `from_byte` (at or before `byte`). */
static TSPoint point_after(const char *text, uint32_t from_byte, TSPoint from, uint32_t byte) {
  TSPoint p = from;
  uint32_t line_start = from_byte - from.column;
  for (const char *s = text + from_byte, *end = text + byte; s < end;) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl) break;
    p.row++;
    line_start = (uint32_t)(nl - text) + 1;
    s = nl + 1;
  }
  p.column = byte - line_start;
  return p;
}

/* A position of the document in tree-sitter's terms, which are ours: rows
 * start after `\n`, columns count bytes. */
static TSPoint ts_point(const gw_document *doc, size_t byte) {
  gw_point p = gw__point(doc, (uint32_t)byte);
  TSPoint point = {p.row, p.column};
  return point;
}

/* Replaces bytes [start, old_end) of the NUL-terminated `length` bytes at
 * `text`, which has room for the result, by the `new_length` at `bytes`. */
static void replace_bytes(char *text, size_t length, size_t start, size_t old_end,
                          const char *bytes, size_t new_length) {
  memmove(text + start + new_length, text + old_end, length - old_end + 1);
  if (new_length) memcpy(text + start, bytes, new_length);
}

gw_status gw_document_edit(gw_document *doc, size_t start_byte, size_t old_end_byte,
                           const char *new_text, size_t new_length) {
  if (!doc || start_byte > old_end_byte || old_end_byte > doc->length ||
      (!new_text && new_length > 0)) {
    return GW_ERROR_ARGUMENT;
  }
  size_t removed = old_end_byte - start_byte;
  size_t kept = doc->length - removed;
  if (new_length > GW_MAX_TEXT || kept > GW_MAX_TEXT - new_length) return GW_ERROR_TOO_LARGE;
  size_t length = kept + new_length;

  /* The new bytes may be the document's own (gw_document_text), which the
   * edit moves: then a copy. */
  char *own_copy = NULL;
  uintptr_t at = (uintptr_t)new_text, own = (uintptr_t)doc->text;
  if (new_length && at >= own && at - own < doc->text_capacity) {
    own_copy = malloc(new_length);
    if (!own_copy) return GW_ERROR_NOMEM;
    memcpy(own_copy, new_text, new_length);
    new_text = own_copy;
  }
  /* The replaced bytes, kept to undo the edit and to read the text before
   * it (gw__update_pairs). */
  char small[64];
  char *replaced = removed <= sizeof small ? small : malloc(removed);
  if (!replaced) {
    free(own_copy);
    return GW_ERROR_NOMEM;
  }
  if (length >= doc->text_capacity) {
    size_t capacity = text_capacity(length);
    char *bigger = realloc(doc->text, capacity);
    if (!bigger) {
      if (replaced != small) free(replaced);
      free(own_copy);
      return GW_ERROR_NOMEM;
    }
    doc->text = bigger;
    doc->text_capacity = capacity;
  }
  char *text = doc->text;
  if (removed) memcpy(replaced, text + start_byte, removed);
  replace_bytes(text, doc->length, start_byte, old_end_byte, new_text, new_length);
  free(own_copy);

  /* Tree-sitter takes a token to depend on one byte past its end, not on
   * the whole character there, unless the scanner read that character; an
   * edit inside it (an edit at any byte offset may split one) could leave
   * the token in place.  The edit is described as starting up to three
   * bytes earlier, which replaces those bytes by themselves and costs
   * nothing when the scanner already covers the case. */
  size_t edit_start = start_byte >= 3 ? start_byte - 3 : 0;
  TSPoint start_point = ts_point(doc, edit_start);
  TSInputEdit edit = {
      .start_byte = (uint32_t)edit_start,
      .old_end_byte = (uint32_t)old_end_byte,
      .new_end_byte = (uint32_t)(start_byte + new_length),
      .start_point = start_point,
      .old_end_point = ts_point(doc, old_end_byte),
      .new_end_point = point_after(text, (uint32_t)edit_start, start_point,
                                   (uint32_t)(start_byte + new_length)),
  };
  /* Edit a copy, so that the document keeps its tree if anything fails. */
  TSTree *old_tree = ts_tree_copy(doc->tree);
  ts_tree_edit(old_tree, &edit);
  TSTree *tree = ts_parser_parse_string(doc->parser, old_tree, text, (uint32_t)length);
  gw_status status = tree ? GW_OK : GW_ERROR_PARSE;

  gw_document next = *doc;
  next.length = length;
  next.tree = tree;
  next.row_starts = NULL;
  next.entries = NULL;
  next.pairs = NULL;
  next.entry_pair = NULL;
  next.pair_blocks = NULL;
  next.blocks = NULL;
  next.block_count = 0;
  next.syntax_known = false;
  gw__edit change = {start_byte, old_end_byte, start_byte + new_length};
  gw__text_before before = {text, start_byte, old_end_byte, start_byte + new_length, replaced};
  if (status == GW_OK) status = gw__shift_rows(doc, &next, start_byte, old_end_byte, new_length);
  if (status == GW_OK) status = update_derived(doc, &next, old_tree, &change, &before);
  ts_tree_delete(old_tree);
  if (status != GW_OK) {
    if (tree) ts_tree_delete(tree);
    replace_bytes(text, length, start_byte, start_byte + new_length, replaced, removed);
    if (replaced != small) free(replaced);
    return status;
  }
  if (replaced != small) free(replaced);
  gw__lint_cache_note_edit(doc->lint_cache, doc, &next, &edit, &change);
  free_derived(doc);
  ts_tree_delete(doc->tree);
  *doc = next;
  return GW_OK;
}

const char *gw_document_text(const gw_document *doc, size_t *length) {
  if (length) *length = doc ? doc->length : 0;
  return doc ? doc->text : NULL;
}

gw_point gw_document_point_at(const gw_document *doc, size_t byte) {
  if (!doc) {
    gw_point none = {0, 0, 0};
    return none;
  }
  if (byte > doc->length) byte = doc->length;
  return gw__point(doc, (uint32_t)byte);
}

size_t gw_document_byte_at(const gw_document *doc, uint32_t row, uint32_t column) {
  if (!doc) return 0;
  if (row >= doc->row_count) return doc->length;
  size_t start = doc->row_starts[row];
  size_t end = doc->length;
  if ((size_t)row + 1 < doc->row_count) {
    end = doc->row_starts[row + 1];
    /* Back over the line break, `\n` or `\r\n`. */
    end -= (end >= 2 && doc->text[end - 2] == '\r') ? 2 : 1;
  }
  return column > end - start ? end : start + column;
}

char *gw_document_tree_string(const gw_document *doc) {
  /* ts_node_string allocates with malloc, as gw_string_free expects. */
  return doc ? ts_node_string(ts_tree_root_node(doc->tree)) : NULL;
}
