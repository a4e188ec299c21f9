/*
 * The outline: every heading and enumeration item of a document, read from
 * its syntax tree in one depth-first walk, with the links between them.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static TSSymbol symbol(const TSLanguage *language, const char *name) {
  return ts_language_symbol_for_name(language, name, (uint32_t)strlen(name), true);
}

static TSFieldId field(const TSLanguage *language, const char *name) {
  return ts_language_field_id_for_name(language, name, (uint32_t)strlen(name));
}

void gw__grammar_init(gw__grammar *ids) {
  const TSLanguage *language = tree_sitter_gongwen();
  ids->section = symbol(language, "section");
  ids->heading = symbol(language, "heading");
  ids->item = symbol(language, "enumeration_item");
  ids->heading_title = symbol(language, "heading_title");
  ids->run_in_body = symbol(language, "run_in_body");
  static const char *const markers[5] = {"h1_marker", "h2_marker", "h3_marker", "h4_marker",
                                         "h5_marker"};
  for (int i = 0; i < 5; i++) ids->marker_of_level[i] = symbol(language, markers[i]);
  static const char *const blocks[GW__BLOCK_KINDS] = {
      "title", "byline", "recipient", "paragraph", "heading", "organization", "date", "residue"};
  for (int i = 0; i < GW__BLOCK_KINDS; i++) ids->block[i] = symbol(language, blocks[i]);
  ids->marker = field(language, "marker");
  ids->title = field(language, "title");
  ids->body = field(language, "body");
  ids->number = field(language, "number");
  ids->open = field(language, "open");
  ids->close = field(language, "close");
  ids->delimiter = field(language, "delimiter");
}

gw__block_kind gw__block_kind_of(const gw__grammar *ids, TSSymbol symbol) {
  int kind = 0;
  while (kind < GW__BLOCK_KINDS && ids->block[kind] != symbol) kind++;
  return (gw__block_kind)kind;
}

/* White space that pads a title: ASCII blanks, U+3000, NBSP, BOM, ZWSP. */
static bool is_blank(int32_t c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == 0x3000 || c == 0xA0 ||
         c == 0xFEFF || c == 0x200B;
}

/* Whether a byte may begin, or end, the UTF-8 form of a blank: most
 * characters are told from blanks by one byte, without decoding. */
static bool may_begin_blank(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == 0xC2 || b == 0xE2 || b == 0xE3 ||
         b == 0xEF;
}

static bool may_end_blank(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == 0x80 || b == 0x8B || b == 0xA0 ||
         b == 0xBF;
}

/* Narrows [*start, *end) to exclude blanks at either end. */
static void trim(const char *text, uint32_t *start, uint32_t *end) {
  while (*start < *end && may_begin_blank((unsigned char)text[*start])) {
    size_t pos = *start;
    if (!is_blank(gw__decode(text, *end, &pos))) break;
    *start = (uint32_t)pos;
  }
  while (*end > *start && may_end_blank((unsigned char)text[*end - 1])) {
    size_t pos = *end;
    if (!is_blank(gw__decode_before(text, &pos)) || pos < *start) break;
    *end = (uint32_t)pos;
  }
}

/* Whether [start, end) holds one of ０ … ９ (U+FF10-FF19, EF BC 90-99):
 * only a lead byte EF can begin one, and no UTF-8 sequence holds a lead
 * byte inside it. */
static bool has_fullwidth_digit(const char *text, uint32_t start, uint32_t end) {
  for (uint32_t i = start; i < end; i++) {
    if ((unsigned char)text[i] != 0xEF) continue;
    size_t pos = i;
    int32_t c = gw__decode(text, end, &pos);
    if (c >= 0xFF10 && c <= 0xFF19) return true;
  }
  return false;
}

static uint32_t number_of(const gw_document *doc, uint32_t start, uint32_t end) {
  uint32_t value = 0;
  if (!gw__number_value(doc->text + start, end - start, &value)) value = 0;
  return value;
}

/* Growing arrays of entries and of the sections open during the walk. */
typedef struct {
  uint32_t depth;      /* depth of the section node in the walk */
  uint32_t start, end; /* its bytes */
  long heading;        /* the entry of its heading, GW_NONE until seen */
} open_section;

typedef struct {
  gw_entry *entries;
  size_t count, capacity;
  open_section *sections;
  size_t section_count, section_capacity;
  size_t row_hint; /* for gw__range_near: the walk reads positions in order */
  /* When the walk reads the blocks too (a walk of the whole tree): the
   * blocks, which the lint reads (doc->blocks), and the depth of the one the
   * walk is in (UINT32_MAX: none), since a block's nodes hold no other. */
  bool read_blocks;
  gw__block *blocks;
  size_t block_count, block_capacity;
  uint32_t block_depth;
} builder;

static bool grow(void **array, size_t *capacity, size_t needed, size_t element) {
  if (needed <= *capacity) return true;
  size_t wanted = *capacity ? *capacity * 2 : 64;
  if (wanted < needed) wanted = needed;
  if (wanted > SIZE_MAX / element) return false;
  void *bigger = realloc(*array, wanted * element);
  if (!bigger) return false;
  *array = bigger;
  *capacity = wanted;
  return true;
}

static gw_entry *new_entry(builder *b) {
  if (!grow((void **)&b->entries, &b->capacity, b->count + 1, sizeof *b->entries)) return NULL;
  gw_entry *e = &b->entries[b->count++];
  memset(e, 0, sizeof *e);
  e->parent = e->first_child = e->next_sibling = e->prev_sibling = GW_NONE;
  return e;
}

/* The heading of the innermost open section, ignoring the `skip_top`
 * innermost ones. */
static long enclosing_heading(const builder *b, size_t skip_top) {
  for (size_t i = b->section_count; i > skip_top; i--) {
    long heading = b->sections[i - 1 - skip_top].heading;
    if (heading != GW_NONE) return heading;
  }
  return GW_NONE;
}

/* gw__title_roles of the title at [start, end), remembered by its bytes. */
static unsigned title_roles(const gw_document *doc, uint32_t start, uint32_t end) {
  const char *title = doc->text + start;
  gw__memo_entry *memo = gw__memo_get(doc->title_roles, title, end - start);
  if (memo && memo->ready) return memo->roles;
  unsigned roles = gw__title_roles(title, end - start);
  if (memo) {
    memo->roles = roles;
    memo->ready = true;
  }
  return roles;
}

/* Moves the cursor to the next sibling when `*left` (the visible children
 * still to visit, the cursor's included) says there is one: asking
 * tree-sitter past the last one would have it step through the hidden
 * nodes after it. */
static bool next_child(TSTreeCursor *cursor, uint32_t *left) {
  if (*left <= 1) return false;
  (*left)--;
  return ts_tree_cursor_goto_next_sibling(cursor);
}

/* The pieces of a marker, as byte offsets; an absent piece is empty. */
typedef struct {
  uint32_t open, number_start, number_end, close, delimiter, delimiter_end;
} marker_pieces;

/* Splits the marker [start, end) of a level-`level` heading into its pieces
 * from its text rather than from its child nodes, which tree-sitter hands
 * out at some hundred instructions each.  The grammar makes a marker of one
 * number token and tokens of one character each: h1/h3 `number delimiter`,
 * h5 `number delimiter?`, h2/h4 `open? number close delimiter?`, where a
 * paren is never a delimiter and an optional delimiter may follow blanks
 * (tests/c/test_outline.c checks this against the tree's fields). */
static marker_pieces split_marker(const char *text, uint32_t start, uint32_t end, int level) {
  marker_pieces m = {start, start, end, end, end, end};
  if (start == end) return m;
  size_t last = end;
  int32_t c = gw__decode_before(text, &last);
  if (level == 1 || level == 3) {
    m.number_end = m.close = m.delimiter = (uint32_t)last;
    return m;
  }
  if (level == 5) {
    size_t pos = start;
    gw__decode(text, end, &pos);
    m.number_end = m.close = (uint32_t)pos;
    if (pos < end) m.delimiter = (uint32_t)last;
    return m;
  }
  if (c != ')' && c != 0xFF09) { /* a delimiter after the close paren */
    m.delimiter = (uint32_t)last;
    while (last > start && c != ')' && c != 0xFF09) c = gw__decode_before(text, &last);
  }
  m.close = m.number_end = (uint32_t)last;
  size_t after_open = start;
  int32_t first = gw__decode(text, end, &after_open);
  if ((first == '(' || first == 0xFF08) && after_open <= last) m.number_start = (uint32_t)after_open;
  return m;
}

static gw_width paren_width(const char *text, uint32_t start, uint32_t end) {
  if (start == end) return GW_WIDTH_NONE;
  return (unsigned char)text[start] < 0x80 ? GW_WIDTH_HALF : GW_WIDTH_FULL;
}

static gw_status walk(const gw_document *doc, builder *b, TSTreeCursor *cursor, uint32_t depth);

/* Adds the entry of `heading` (at `depth` in the walk) with its `marker`,
 * `title` and `body` (null nodes when absent); returns its index in
 * *index, GW_NONE when it is no entry (a marker of no known level). */
static gw_status add_heading(const gw_document *doc, builder *b, TSNode node, TSNode marker,
                             TSNode title, TSNode body, uint32_t depth) {
  const gw__grammar *ids = &doc->grammar;
  if (ts_node_is_null(marker)) return GW_OK;
  int level = 0;
  TSSymbol marker_symbol = ts_node_symbol(marker);
  for (int i = 0; i < 5; i++) {
    if (marker_symbol == ids->marker_of_level[i]) level = i + 1;
  }
  if (!level) return GW_OK;

  /* The heading opens the section it is the first child of. */
  open_section *own = NULL;
  uint32_t start = ts_node_start_byte(node);
  if (b->section_count) {
    open_section *top = &b->sections[b->section_count - 1];
    if (top->heading == GW_NONE && top->depth + 1 == depth && top->start == start) own = top;
  }
  long parent = enclosing_heading(b, own ? 1 : 0);
  long index = (long)b->count;
  gw_entry *e = new_entry(b);
  if (!e) return GW_ERROR_NOMEM;
  e->kind = GW_ENTRY_HEADING;
  e->level = level;
  e->parent = parent;

  const char *text = doc->text;
  uint32_t ms = ts_node_start_byte(marker), me = ts_node_end_byte(marker);
  marker_pieces pieces = split_marker(text, ms, me, level);
  e->marker = gw__range_near(doc, ms, me, &b->row_hint);
  uint32_t ns = pieces.number_start, ne = pieces.number_end;
  e->number_range = gw__range_near(doc, ns, ne, &b->row_hint);
  if (ns < ne) {
    e->number = number_of(doc, ns, ne);
    e->fullwidth_digits = has_fullwidth_digit(text, ns, ne);
  }
  if (pieces.delimiter < pieces.delimiter_end) {
    size_t pos = pieces.delimiter;
    int32_t c = gw__decode(text, pieces.delimiter_end, &pos);
    e->delimiter = c > 0 ? (uint32_t)c : 0;
  }
  if (level == 2 || level == 4) {
    e->open_width = paren_width(text, pieces.open, pieces.number_start);
    e->close_width = paren_width(text, pieces.close, pieces.delimiter);
  }

  uint32_t ts = me, te = me;
  if (!ts_node_is_null(title)) {
    ts = ts_node_start_byte(title);
    te = ts_node_end_byte(title);
    trim(text, &ts, &te);
  }
  e->title = gw__range_near(doc, ts, te, &b->row_hint);
  e->roles = title_roles(doc, ts, te);

  uint32_t bs = te, be = te;
  if (!ts_node_is_null(body)) {
    bs = ts_node_start_byte(body);
    be = ts_node_end_byte(body);
    trim(text, &bs, &be);
  }
  e->body = gw__range_near(doc, bs, be, &b->row_hint);

  if (own) {
    e->extent = gw__range_near(doc, own->start, own->end, &b->row_hint);
    own->heading = index;
  } else {
    e->extent = gw__range_near(doc, start, ts_node_end_byte(node), &b->row_hint);
  }
  return GW_OK;
}

/* Adds the entry of the heading at the cursor (at `depth` in the walk) and
 * those of the items in its run-in body, in one pass over its children,
 * told apart by their symbols (the marker, the title and the body are of a
 * symbol each); leaves the cursor there.  No other child of a heading holds
 * an entry (any text parses, so there is no ERROR node to hold one). */
static gw_status visit_heading(const gw_document *doc, builder *b, TSTreeCursor *cursor,
                               TSNode node, uint32_t depth) {
  const gw__grammar *ids = &doc->grammar;
  TSNode marker, title, body;
  memset(&marker, 0, sizeof marker);
  title = body = marker;
  bool added = false;
  gw_status status = GW_OK;
  uint32_t left = ts_node_child_count(node);
  if (ts_tree_cursor_goto_first_child(cursor)) {
    do {
      TSNode child = ts_tree_cursor_current_node(cursor);
      TSSymbol sym = ts_node_symbol(child);
      if (sym == ids->heading_title) {
        if (ts_node_is_null(title)) title = child;
      } else if (sym == ids->run_in_body) {
        if (!ts_node_is_null(body)) continue;
        /* The body comes last: the heading's entry goes before its items. */
        body = child;
        status = add_heading(doc, b, node, marker, title, body, depth);
        added = true;
        if (status == GW_OK && ts_node_child_count(body) > 0) {
          status = walk(doc, b, cursor, depth + 1);
        }
      } else if (ts_node_is_null(marker)) {
        for (int level = 0; level < 5; level++) {
          if (sym == ids->marker_of_level[level]) marker = child;
        }
      }
    } while (status == GW_OK && next_child(cursor, &left));
    ts_tree_cursor_goto_parent(cursor);
  }
  if (!added && status == GW_OK) status = add_heading(doc, b, node, marker, title, body, depth);
  return status;
}

/* `一是…`: the item's title ends at the first of these. */
static bool ends_item_title(int32_t c) {
  return c == 0x3002 || c == 0xFF1B || c == ';' || c == 0xFF01 || c == '!' || c == 0xFF1F ||
         c == '?';
}

/* Where an item's title in [start, end) ends: at the first character that
 * ends it, else at `end`.  Those characters are ASCII or begin with the
 * lead byte E3 or EF, and no UTF-8 sequence holds a lead byte inside it,
 * so only those bytes are decoded; the others are passed by a table. */
static uint32_t item_title_end(const char *text, uint32_t start, uint32_t end) {
  static const bool may_end[256] = {[';'] = true, ['!'] = true, ['?'] = true,
                                    [0xE3] = true, [0xEF] = true};
  const unsigned char *bytes = (const unsigned char *)text;
  for (uint32_t i = start; i < end; i++) {
    if (!may_end[bytes[i]]) continue;
    size_t pos = i;
    if (bytes[i] < 0x80 || ends_item_title(gw__decode(text, end, &pos))) return i;
  }
  return end;
}

/* Adds the entry of enumeration item `node`, whose first child is its
 * number. */
static gw_status add_item(const gw_document *doc, builder *b, TSNode node) {
  if (ts_node_child_count(node) == 0) return GW_OK;
  TSNode number = ts_node_child(node, 0);
  if (ts_node_is_null(number)) return GW_OK;
  long parent = enclosing_heading(b, 0);
  gw_entry *e = new_entry(b);
  if (!e) return GW_ERROR_NOMEM;
  e->kind = GW_ENTRY_ITEM;
  e->parent = parent;
  e->level = parent == GW_NONE ? 1 : b->entries[parent].level + 1;

  uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  uint32_t ns = ts_node_start_byte(number), ne = ts_node_end_byte(number);
  e->number_range = gw__range_near(doc, ns, ne, &b->row_hint);
  e->number = number_of(doc, ns, ne);
  /* The marker runs to the end of `是`. */
  uint32_t marker_end = ne;
  if (ne < end) {
    size_t pos = ne;
    if (gw__decode(doc->text, end, &pos) == 0x662F) marker_end = (uint32_t)pos;
  }
  e->marker = gw__range_near(doc, start, marker_end, &b->row_hint);

  uint32_t bs = marker_end, be = end;
  trim(doc->text, &bs, &be);
  e->body = gw__range_near(doc, bs, be, &b->row_hint);
  uint32_t te = item_title_end(doc->text, bs, be);
  uint32_t ts = bs;
  trim(doc->text, &ts, &te);
  e->title = gw__range_near(doc, ts, te, &b->row_hint);
  e->extent = gw__range_near(doc, start, end, &b->row_hint);
  return GW_OK;
}

/* Sets first_child, next_sibling and prev_sibling from the parents; entries
 * with no parent are siblings of each other. */
static gw_status link_children(gw_entry *entries, size_t count) {
  long *last_child = malloc((count + 1) * sizeof *last_child);
  if (!last_child) return GW_ERROR_NOMEM;
  for (size_t i = 0; i <= count; i++) last_child[i] = GW_NONE;
  for (size_t i = 0; i < count; i++) {
    long parent = entries[i].parent;
    size_t slot = parent == GW_NONE ? count : (size_t)parent;
    long previous = last_child[slot];
    if (previous == GW_NONE) {
      if (parent != GW_NONE) entries[parent].first_child = (long)i;
    } else {
      entries[previous].next_sibling = (long)i;
      entries[i].prev_sibling = previous;
    }
    last_child[slot] = (long)i;
  }
  free(last_child);
  return GW_OK;
}

/* Appends the entries of the subtree at the cursor (at `depth` in the walk)
 * in one depth-first walk; returns with the cursor where it started.
 * Entries are in document order, each heading before what its section
 * holds, so that a parent always precedes its children. */
static gw_status walk(const gw_document *doc, builder *b, TSTreeCursor *cursor, uint32_t depth) {
  const gw__grammar *ids = &doc->grammar;
  uint32_t top = depth;
  /* The visible children still to visit at each depth below `top` (the
   * grammar nests a few levels; deeper, tree-sitter is asked each time). */
  enum { TRACKED = 32 };
  uint32_t left[TRACKED];
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(cursor);
    while (b->section_count && b->sections[b->section_count - 1].depth >= depth) {
      b->section_count--;
    }
    TSSymbol sym = ts_node_symbol(node);
    if (b->read_blocks && depth <= b->block_depth) {
      b->block_depth = UINT32_MAX;
      gw__block_kind kind = gw__block_kind_of(ids, sym);
      if (kind < GW__BLOCK_KINDS) {
        if (!grow((void **)&b->blocks, &b->block_capacity, b->block_count + 1,
                  sizeof *b->blocks)) {
          return GW_ERROR_NOMEM;
        }
        b->blocks[b->block_count++] =
            (gw__block){kind, ts_node_start_byte(node), ts_node_end_byte(node)};
        b->block_depth = depth;
      }
    }
    /* A node without named or anonymous visible children (a paragraph of
     * plain text: its tokens are hidden) holds no entry; telling so costs
     * nothing, while the cursor would step through every hidden token. */
    uint32_t children = ts_node_child_count(node);
    bool descend = children > 0;
    gw_status status = GW_OK;
    if (sym == ids->section) {
      if (!grow((void **)&b->sections, &b->section_capacity, b->section_count + 1,
                sizeof *b->sections)) {
        return GW_ERROR_NOMEM;
      }
      open_section s = {depth, ts_node_start_byte(node), ts_node_end_byte(node), GW_NONE};
      b->sections[b->section_count++] = s;
    } else if (sym == ids->heading) {
      status = visit_heading(doc, b, cursor, node, depth);
      descend = false;
    } else if (sym == ids->item) {
      status = add_item(doc, b, node);
      descend = false;
    }
    if (status != GW_OK) return status;
    if (descend && ts_tree_cursor_goto_first_child(cursor)) {
      depth++;
      if (depth - top < TRACKED) left[depth - top] = children;
      continue;
    }
    for (;;) {
      if (depth == top) return GW_OK;
      uint32_t unknown = UINT32_MAX;
      if (next_child(cursor, depth - top < TRACKED ? &left[depth - top] : &unknown)) break;
      ts_tree_cursor_goto_parent(cursor);
      depth--;
    }
  }
}

/* Replaces doc->entries by the builder's, linked. */
static gw_status finish(gw_document *doc, builder *b) {
  free(b->sections);
  gw_status status = link_children(b->entries, b->count);
  if (status != GW_OK) {
    free(b->entries);
    free(b->blocks);
    return status;
  }
  free(doc->entries);
  doc->entries = b->entries;
  doc->entry_count = b->count;
  free(doc->blocks);
  doc->blocks = b->blocks;
  doc->block_count = b->block_count;
  return GW_OK;
}

gw_status gw__build_outline(gw_document *doc) {
  builder b = {0};
  /* Room for about an entry a line, up to one per 128 bytes: growing the
   * array from small would copy it a dozen times. */
  size_t expected = doc->row_count < doc->length / 128 ? doc->row_count : doc->length / 128;
  if (!grow((void **)&b.entries, &b.capacity, expected, sizeof *b.entries)) return GW_ERROR_NOMEM;
  /* A block is a line or more. */
  b.read_blocks = true;
  b.block_depth = UINT32_MAX;
  if (!grow((void **)&b.blocks, &b.block_capacity, doc->row_count + 1, sizeof *b.blocks)) {
    free(b.entries);
    return GW_ERROR_NOMEM;
  }
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(doc->tree));
  gw_status status = walk(doc, &b, &cursor, 0);
  ts_tree_cursor_delete(&cursor);
  if (status != GW_OK) {
    free(b.sections);
    free(b.entries);
    free(b.blocks);
    return status;
  }
  return finish(doc, &b);
}

/* --- after an edit ----------------------------------------------------------
 *
 * The walk's state is empty at every child of the root (the open sections
 * are those of the child), so the entries of a child depend on that child
 * alone, and their parents and children are within it.  An edit re-reads
 * the children that hold it or tree-sitter's changed ranges; those before
 * keep their entries as they are, those after keep theirs shifted. */

/* Whether a child of `root` starts before `byte` and ends after it, and
 * then its bytes: the bounds of what is re-read must not cut one. */
static bool straddles(TSNode root, uint32_t byte, uint32_t *start, uint32_t *end) {
  TSNode child = ts_node_first_child_for_byte(root, byte);
  if (ts_node_is_null(child) || ts_node_start_byte(child) >= byte) return false;
  *start = ts_node_start_byte(child);
  *end = ts_node_end_byte(child);
  return true;
}

/* The bytes [*start, *end) of next's text to re-read: bounds between
 * children of the root in the new tree and, at the same places of the old
 * text, in the old tree; holding the edit and the changed ranges. */
static void changed_region(const gw_document *old, gw_document *next,
                           const TSTree *old_edited, const gw__edit *edit, uint32_t *start,
                           uint32_t *end) {
  /* gw_document_edit tells tree-sitter the edit starts up to three bytes
   * early (a character cut by it may read differently): so here too. */
  uint32_t lo = (uint32_t)(edit->start >= 3 ? edit->start - 3 : 0);
  uint32_t hi = (uint32_t)edit->new_end;
  uint32_t count = 0;
  TSRange *ranges = ts_tree_get_changed_ranges(old_edited, next->tree, &count);
  for (uint32_t i = 0; i < count; i++) {
    if (ranges[i].start_byte < lo) lo = ranges[i].start_byte;
    if (ranges[i].end_byte > hi) hi = ranges[i].end_byte;
  }
  free(ranges);
  next->syntax_known = true;
  next->syntax_start = lo;
  next->syntax_end = hi;
  /* A byte more on either side: the child that ends where the edit starts
   * or starts where it ends is re-read too. */
  uint32_t a = lo ? lo - 1 : 0;
  uint32_t b = (size_t)hi + 1 <= next->length ? hi + 1 : (uint32_t)next->length;
  /* Bytes from the edit's end on are old_end - new_end further in the old
   * text; b is past the edit's end. */
  uint32_t to_old = (uint32_t)edit->old_end - (uint32_t)edit->new_end;
  TSNode new_root = ts_tree_root_node(next->tree), old_root = ts_tree_root_node(old->tree);
  for (bool moved = true; moved;) {
    uint32_t s, e;
    moved = false;
    if (straddles(new_root, a, &s, &e) || straddles(old_root, a, &s, &e)) {
      a = s;
      moved = true;
    }
    if (straddles(new_root, b, &s, &e)) {
      b = e;
      moved = true;
    } else if (straddles(old_root, b + to_old, &s, &e)) {
      b = e - to_old;
      moved = true;
    }
  }
  *start = a;
  *end = b;
}

/* Whether entry `index` (if any) is where one child's entries end and the
 * next child's begin at `byte`: a first entry, with no parent, that cannot
 * be an empty entry at the very end of the child before. */
static bool starts_child(const gw_document *doc, size_t index, uint32_t byte) {
  if (index >= doc->entry_count) return true;
  const gw_entry *e = &doc->entries[index];
  return e->parent == GW_NONE && !(e->extent.start.byte == byte && e->extent.end.byte == byte);
}

static void offset_links(gw_entry *e, long offset) {
  if (e->parent != GW_NONE) e->parent += offset;
  if (e->first_child != GW_NONE) e->first_child += offset;
  if (e->next_sibling != GW_NONE) e->next_sibling += offset;
  if (e->prev_sibling != GW_NONE) e->prev_sibling += offset;
}

/* How the points after an edit move: by `bytes` and `rows` (modulo 2^32),
 * and those on a row that starts at or before `old_end` (the edit's end in
 * the old text) to a new column in `row_starts`, the new text's. */
typedef struct {
  uint32_t bytes, rows, old_end;
  const uint32_t *row_starts;
} point_shift;

static inline void shift_point(const point_shift *shift, gw_point *p) {
  uint32_t old_row_start = p->byte - p->column;
  p->byte += shift->bytes;
  p->row += shift->rows;
  /* A row that starts after the edit moved as a whole. */
  if (old_row_start <= shift->old_end) p->column = p->byte - shift->row_starts[p->row];
}

/* Moves the positions of an entry after the edit. */
static void shift_entry(const point_shift *shift, gw_entry *e) {
  gw_range *ranges[5] = {&e->marker, &e->number_range, &e->title, &e->body, &e->extent};
  for (int k = 0; k < 5; k++) {
    shift_point(shift, &ranges[k]->start);
    shift_point(shift, &ranges[k]->end);
  }
}

/* The last entry without a parent among the first `count`, or GW_NONE:
 * the outermost ancestor of the last one. */
static long last_top_entry(const gw_entry *entries, size_t count) {
  if (count == 0) return GW_NONE;
  long i = (long)count - 1;
  while (entries[i].parent != GW_NONE) i = entries[i].parent;
  return i;
}

/* Entries without a parent are siblings across children of the root: joins
 * `left` (GW_NONE, or the last before the re-read ones), the re-read ones
 * without a parent, from `first` to `last` (GW_NONE when none), and `right`
 * (GW_NONE, or the first after). */
static void join_top_entries(gw_entry *entries, long left, long first, long last, long right) {
  if (first == GW_NONE) first = last = right;
  if (left != GW_NONE) entries[left].next_sibling = first;
  if (first != GW_NONE) entries[first].prev_sibling = left;
  if (last != GW_NONE && last != right) entries[last].next_sibling = right;
  if (right != GW_NONE && last != right) entries[right].prev_sibling = last;
}

/* Re-reads the children of next's root in [start, end) into the builder. */
static gw_status read_children(const gw_document *next, builder *b, uint32_t start, uint32_t end) {
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(next->tree));
  /* From the child that ends at `start` at the earliest, which may be an
   * empty child at `start`. */
  bool more = start == 0 ? ts_tree_cursor_goto_first_child(&cursor)
                         : ts_tree_cursor_goto_first_child_for_byte(&cursor, start - 1) >= 0;
  gw_status status = GW_OK;
  for (; more && status == GW_OK; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    uint32_t at = ts_node_start_byte(ts_tree_cursor_current_node(&cursor));
    if (at >= end) break;
    if (at >= start) status = walk(next, b, &cursor, 1);
  }
  ts_tree_cursor_delete(&cursor);
  return status;
}

static bool holds_entries_itself(const gw__grammar *ids, TSNode root) {
  TSSymbol sym = ts_node_symbol(root);
  return sym == ids->section || sym == ids->heading || sym == ids->item;
}

gw_status gw__update_outline(const gw_document *old, gw_document *next, const TSTree *old_edited,
                             const gw__edit *edit, bool *partial) {
  *partial = false;
  next->edited = true;
  uint32_t start = 0, end = 0;
  if (!holds_entries_itself(&next->grammar, ts_tree_root_node(old->tree)) &&
      !holds_entries_itself(&next->grammar, ts_tree_root_node(next->tree))) {
    changed_region(old, next, old_edited, edit, &start, &end);
  }
  uint32_t old_end = end + (uint32_t)edit->old_end - (uint32_t)edit->new_end;
  size_t first = gw__entries_before(old, start);
  size_t old_stop = gw__entries_before(old, old_end);
  /* Re-reading most of the document is done as a whole, more simply. */
  if (end == 0 || (size_t)(end - start) > next->length / 2 || !starts_child(old, first, start) ||
      !starts_child(old, old_stop, old_end)) {
    gw_status status = gw__build_outline(next);
    next->change_first = 0;
    next->change_removed = old->entry_count;
    next->change_added = next->entry_count;
    return status;
  }

  builder b = {0};
  gw_status status = read_children(next, &b, start, end);
  free(b.sections);
  if (status == GW_OK) status = link_children(b.entries, b.count);
  size_t added = b.count, tail = old->entry_count - old_stop;
  size_t count = first + added + tail;
  gw_entry *entries = status == GW_OK ? malloc((count ? count : 1) * sizeof *entries) : NULL;
  if (!entries) {
    free(b.entries);
    return status == GW_OK ? GW_ERROR_NOMEM : status;
  }
  if (first) memcpy(entries, old->entries, first * sizeof *entries);
  long first_top = GW_NONE;
  for (size_t k = 0; k < added; k++) {
    gw_entry *e = &entries[first + k];
    *e = b.entries[k];
    offset_links(e, (long)first);
    if (first_top == GW_NONE && e->parent == GW_NONE) first_top = (long)(first + k);
  }
  free(b.entries);
  point_shift shift = {(uint32_t)edit->new_end - (uint32_t)edit->old_end,
                       (uint32_t)next->row_count - (uint32_t)old->row_count,
                       (uint32_t)edit->old_end, next->row_starts};
  long moved_by = (long)(first + added) - (long)old_stop;
  for (size_t k = 0; k < tail; k++) {
    gw_entry *e = &entries[first + added + k];
    *e = old->entries[old_stop + k];
    offset_links(e, moved_by);
    shift_entry(&shift, e);
  }
  long last_top = first_top == GW_NONE ? GW_NONE : last_top_entry(entries, first + added);
  join_top_entries(entries, last_top_entry(entries, first), first_top, last_top,
                   tail ? (long)(first + added) : GW_NONE);

  free(next->entries);
  next->entries = entries;
  next->entry_count = count;
  next->change_first = first;
  next->change_removed = old_stop - first;
  next->change_added = added;
  *partial = true;
  return GW_OK;
}

bool gw_outline_last_change(const gw_document *doc, size_t *first, size_t *old_count,
                            size_t *new_count) {
  if (!doc || !doc->edited) return false;
  if (first) *first = doc->change_first;
  if (old_count) *old_count = doc->change_removed;
  if (new_count) *new_count = doc->change_added;
  return true;
}

size_t gw_outline_count(const gw_document *doc) { return doc ? doc->entry_count : 0; }

const gw_entry *gw_outline_entry(const gw_document *doc, size_t index) {
  if (!doc || index >= doc->entry_count) return NULL;
  return &doc->entries[index];
}

TSNode gw__entry_node(const gw_document *doc, size_t index) {
  TSNode none;
  memset(&none, 0, sizeof none);
  if (!doc || index >= doc->entry_count) return none;
  const gw_entry *e = &doc->entries[index];
  TSSymbol wanted = e->kind == GW_ENTRY_HEADING ? doc->grammar.heading : doc->grammar.item;
  uint32_t at = e->marker.start.byte;
  TSNode node = ts_node_descendant_for_byte_range(ts_tree_root_node(doc->tree), at, at);
  while (!ts_node_is_null(node)) {
    if (ts_node_symbol(node) == wanted && ts_node_start_byte(node) == at) return node;
    node = ts_node_parent(node);
  }
  return none;
}

/* Appends `length` bytes to buffer `out` of `size`, counting what is needed. */
static void append(char *out, size_t size, size_t *n, const char *text, size_t length) {
  for (size_t i = 0; i < length; i++, (*n)++) {
    if (*n + 1 < size) out[*n] = text[i];
  }
}

static void append_str(char *out, size_t size, size_t *n, const char *text) {
  append(out, size, n, text, strlen(text));
}

size_t gw_entry_standard_marker(const gw_document *doc, size_t index, char *buffer,
                                size_t size) {
  const gw_entry *e = gw_outline_entry(doc, index);
  if (!e || (!buffer && size > 0)) return 0;
  size_t n = 0;
  /* The number in standard form; as written when it cannot be read. */
  char number[64];
  size_t number_length = 0;
  bool chinese = e->kind == GW_ENTRY_ITEM || e->level == 1 || e->level == 2;
  bool circled = e->kind == GW_ENTRY_HEADING && e->level == 5;
  if (e->number == 0 || (chinese && e->number > 9999) || (circled && e->number > 50)) {
    number_length = e->number_range.end.byte - e->number_range.start.byte;
    if (number_length >= sizeof number) number_length = sizeof number - 1;
    memcpy(number, doc->text + e->number_range.start.byte, number_length);
  } else if (chinese) {
    number_length = gw__cn_numeral(e->number, number, sizeof number);
  } else if (circled) {
    uint32_t v = e->number;
    int32_t cp = v <= 20 ? 0x2460 + (int32_t)v - 1
               : v <= 35 ? 0x3251 + (int32_t)v - 21 : 0x32B1 + (int32_t)v - 36;
    number_length = gw__encode(cp, number);
  } else {
    int written = snprintf(number, sizeof number, "%u", (unsigned)e->number);
    number_length = written > 0 ? (size_t)written : 0;
  }

  if (e->kind == GW_ENTRY_ITEM) {
    append(buffer, size, &n, number, number_length);
    append_str(buffer, size, &n, "是");
  } else {
    switch (e->level) {
    case 1:
      append(buffer, size, &n, number, number_length);
      append_str(buffer, size, &n, "、");
      break;
    case 3:
      append(buffer, size, &n, number, number_length);
      append_str(buffer, size, &n, ".");
      break;
    case 2:
    case 4:
      append_str(buffer, size, &n, "（");
      append(buffer, size, &n, number, number_length);
      append_str(buffer, size, &n, "）");
      break;
    default:
      append(buffer, size, &n, number, number_length);
      break;
    }
  }
  if (size > 0) buffer[n < size ? n : size - 1] = '\0';
  return n;
}
