/*
 * What must hold of any document, whatever its text, and what two
 * documents of the same text must share: used by the fuzz targets and the
 * robustness tests (tests/c/test_robust*.c).  Each check returns NULL when
 * it holds, else a sentence saying what does not (in a static buffer,
 * valid until the next check).
 *
 * The public API is used, so that the checks say what a caller may rely
 * on, except for the syntax tree, which is walked node by node (cheaper and
 * stricter than comparing S-expressions, which leave out positions).
 */
#ifndef GONGWEN_FUZZ_INVARIANTS_H
#define GONGWEN_FUZZ_INVARIANTS_H

#include "internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char gw_invariant_message[512];

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static inline const char *gw_invariant_fail(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(gw_invariant_message, sizeof gw_invariant_message, format, args);
  va_end(args);
  return gw_invariant_message;
}

/* Strict UTF-8 (RFC 3629), written out again here so as not to trust the
 * library's own decoder. */
static inline int gw_invariant_valid_utf8(const char *text, size_t length) {
  const unsigned char *s = (const unsigned char *)text;
  for (size_t i = 0; i < length;) {
    unsigned char b = s[i];
    size_t need;
    unsigned long cp, min;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      need = 1, cp = b & 0x1F, min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2, cp = b & 0x0F, min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3, cp = b & 0x07, min = 0x10000;
    } else {
      return 0;
    }
    if (length - i <= need) return 0;
    for (size_t k = 1; k <= need; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    i += need + 1;
  }
  return 1;
}

/* Whether `p` is the position of its byte in `doc`. */
static inline int gw_invariant_point_ok(const gw_document *doc, gw_point p) {
  gw_point q = gw_document_point_at(doc, p.byte);
  return q.byte == p.byte && q.row == p.row && q.column == p.column;
}

static inline int gw_invariant_range_ok(const gw_document *doc, gw_range r, size_t length) {
  return r.start.byte <= r.end.byte && r.end.byte <= length &&
         gw_invariant_point_ok(doc, r.start) && gw_invariant_point_ok(doc, r.end);
}

static inline int gw_invariant_within(gw_range inner, gw_range outer) {
  return outer.start.byte <= inner.start.byte && inner.end.byte <= outer.end.byte;
}

/* Positions: every byte's point, and back, for up to `samples` bytes spread
 * over the text (all of them when the text is short). */
static inline const char *gw_check_positions(const gw_document *doc, size_t samples) {
  size_t length = 0;
  const char *text = gw_document_text(doc, &length);
  size_t step = samples && length / samples > 1 ? length / samples : 1;
  for (size_t b = 0; b <= length; b += step) {
    gw_point p = gw_document_point_at(doc, b);
    if (p.byte != b) return gw_invariant_fail("point_at(%zu) gives byte %u", b, p.byte);
    if (p.column > b) return gw_invariant_fail("point_at(%zu): column %u", b, p.column);
    size_t row_start = b - p.column;
    if (row_start > 0 && text[row_start - 1] != '\n') {
      return gw_invariant_fail("point_at(%zu): row %u starts after no newline", b, p.row);
    }
    if (memchr(text + row_start, '\n', p.column)) {
      return gw_invariant_fail("point_at(%zu): a newline inside column %u", b, p.column);
    }
    if (gw_document_byte_at(doc, p.row, 0) != row_start) {
      return gw_invariant_fail("byte_at(%u, 0) is not where row %u starts", p.row, p.row);
    }
    /* Back from the point, except on a line's own `\n` or `\r\n`, which
     * byte_at leaves at the end of the line's text. */
    int in_line_end = b < length && (text[b] == '\n' ||
                                     (text[b] == '\r' && b + 1 < length && text[b + 1] == '\n'));
    size_t back = gw_document_byte_at(doc, p.row, p.column);
    if (!in_line_end && back != b) {
      return gw_invariant_fail("byte_at(point_at(%zu)) gives %zu", b, back);
    }
    if (b == length) break;
    if (b + step > length) b = length - step;
  }
  gw_point end = gw_document_point_at(doc, length + 100);
  if (end.byte != length) return gw_invariant_fail("point_at past the end is not clamped");
  return NULL;
}

/* The syntax tree: the grammar accepts any text, so no ERROR or MISSING. */
static inline const char *gw_check_tree(const gw_document *doc) {
  TSNode root = ts_tree_root_node(doc->tree);
  if (!ts_node_has_error(root)) return NULL;
  char *tree = ts_node_string(root);
  const char *bad = tree ? strstr(tree, "(ERROR") : NULL;
  if (tree && !bad) bad = strstr(tree, "(MISSING");
  gw_invariant_fail("the tree has %.60s", bad ? bad : "an error");
  free(tree);
  return gw_invariant_message;
}

static inline const char *gw_check_entry(const gw_document *doc, size_t i, size_t length) {
  const gw_entry *e = gw_outline_entry(doc, i);
  if (!e) return gw_invariant_fail("entry %zu of %zu is NULL", i, gw_outline_count(doc));
  if (e->kind == GW_ENTRY_HEADING) {
    if (e->level < 1 || e->level > 5) {
      return gw_invariant_fail("heading %zu: level %d", i, e->level);
    }
  } else if (e->kind == GW_ENTRY_ITEM) {
    if (e->level < 1 || e->level > 6) return gw_invariant_fail("item %zu: level %d", i, e->level);
  } else {
    return gw_invariant_fail("entry %zu: kind %d", i, (int)e->kind);
  }
  const gw_range *ranges[] = {&e->marker, &e->number_range, &e->title, &e->body, &e->extent};
  static const char *const names[] = {"marker", "number", "title", "body", "extent"};
  for (int k = 0; k < 5; k++) {
    if (!gw_invariant_range_ok(doc, *ranges[k], length)) {
      return gw_invariant_fail("entry %zu: bad %s range [%u, %u)", i, names[k],
                               ranges[k]->start.byte, ranges[k]->end.byte);
    }
    if (k != 4 && !gw_invariant_within(*ranges[k], e->extent)) {
      return gw_invariant_fail("entry %zu: %s [%u, %u) outside its extent [%u, %u)", i,
                               names[k], ranges[k]->start.byte, ranges[k]->end.byte,
                               e->extent.start.byte, e->extent.end.byte);
    }
  }
  if (!gw_invariant_within(e->number_range, e->marker)) {
    return gw_invariant_fail("entry %zu: number outside its marker", i);
  }
  if (e->marker.start.byte == e->marker.end.byte) {
    return gw_invariant_fail("entry %zu: empty marker", i);
  }
  if (e->delimiter > 0x10FFFF) return gw_invariant_fail("entry %zu: delimiter %u", i, e->delimiter);
  if ((unsigned)e->open_width > GW_WIDTH_FULL || (unsigned)e->close_width > GW_WIDTH_FULL) {
    return gw_invariant_fail("entry %zu: bracket widths %d %d", i, (int)e->open_width,
                             (int)e->close_width);
  }
  if (e->kind == GW_ENTRY_ITEM && e->roles) return gw_invariant_fail("item %zu has roles", i);
  size_t count = gw_outline_count(doc);
  long links[] = {e->parent, e->first_child, e->next_sibling, e->prev_sibling};
  for (int k = 0; k < 4; k++) {
    if (links[k] != GW_NONE && (links[k] < 0 || (size_t)links[k] >= count)) {
      return gw_invariant_fail("entry %zu: link %ld out of range", i, links[k]);
    }
  }
  if (e->parent != GW_NONE) {
    const gw_entry *p = gw_outline_entry(doc, (size_t)e->parent);
    if ((size_t)e->parent >= i) {
      return gw_invariant_fail("entry %zu: parent %ld after it", i, e->parent);
    }
    if (p->kind != GW_ENTRY_HEADING) return gw_invariant_fail("entry %zu: parent is an item", i);
    if (!gw_invariant_within(e->extent, p->extent)) {
      return gw_invariant_fail("entry %zu [%u, %u) outside its parent %ld [%u, %u)", i,
                               e->extent.start.byte, e->extent.end.byte, e->parent,
                               p->extent.start.byte, p->extent.end.byte);
    }
    if (e->kind == GW_ENTRY_HEADING && e->level <= p->level) {
      return gw_invariant_fail("heading %zu of level %d under level %d", i, e->level, p->level);
    }
    if (e->kind == GW_ENTRY_ITEM && e->level != p->level + 1) {
      return gw_invariant_fail("item %zu of level %d under level %d", i, e->level, p->level);
    }
  } else if (e->kind == GW_ENTRY_ITEM && e->level != 1) {
    return gw_invariant_fail("item %zu without a heading has level %d", i, e->level);
  }
  return NULL;
}

/* first_child and next_sibling: the entries whose parent an entry is, in
 * document order (entries without a parent are siblings of each other);
 * checked against links rebuilt from the parents in one pass. */
static inline const char *gw_check_links(const gw_document *doc) {
  size_t count = gw_outline_count(doc);
  long *last = malloc((count + 1) * sizeof *last);
  long *first = malloc((count + 1) * sizeof *first);
  long *next = malloc((count + 1) * sizeof *next);
  const char *why = NULL;
  if (!last || !first || !next) {
    why = gw_invariant_fail("out of memory");
    goto done;
  }
  for (size_t i = 0; i <= count; i++) last[i] = first[i] = next[i] = GW_NONE;
  for (size_t i = 0; i < count; i++) {
    long parent = gw_outline_entry(doc, i)->parent;
    size_t slot = parent == GW_NONE ? count : (size_t)parent;
    if (last[slot] == GW_NONE) first[slot] = (long)i;
    else next[last[slot]] = (long)i;
    last[slot] = (long)i;
  }
  for (size_t i = 0; i < count && !why; i++) {
    const gw_entry *e = gw_outline_entry(doc, i);
    if (e->first_child != first[i]) {
      why = gw_invariant_fail("entry %zu: first child %ld, expected %ld", i, e->first_child,
                              first[i]);
    } else if (e->next_sibling != next[i]) {
      why = gw_invariant_fail("entry %zu: next sibling %ld, expected %ld", i, e->next_sibling,
                              next[i]);
    }
  }
done:
  free(last);
  free(first);
  free(next);
  return why;
}

/* The outline: entries, their order and links, navigation, markers. */
static inline const char *gw_check_outline(const gw_document *doc) {
  size_t length = 0;
  gw_document_text(doc, &length);
  size_t count = gw_outline_count(doc);
  if (gw_outline_entry(doc, count)) return gw_invariant_fail("an entry past the end");
  const char *why;
  for (size_t i = 0; i < count; i++) {
    if ((why = gw_check_entry(doc, i, length))) return why;
    const gw_entry *e = gw_outline_entry(doc, i);
    if (i > 0) {
      const gw_entry *prev = gw_outline_entry(doc, i - 1);
      if (prev->extent.start.byte > e->extent.start.byte ||
          prev->marker.start.byte >= e->marker.start.byte) {
        return gw_invariant_fail("entries %zu and %zu out of document order", i - 1, i);
      }
    }
    if (e->next_sibling != GW_NONE &&
        gw_outline_entry(doc, (size_t)e->next_sibling)->prev_sibling != (long)i) {
      return gw_invariant_fail("entry %zu: its next sibling does not point back", i);
    }
    if (e->prev_sibling != GW_NONE &&
        gw_outline_entry(doc, (size_t)e->prev_sibling)->next_sibling != (long)i) {
      return gw_invariant_fail("entry %zu: its previous sibling does not point to it", i);
    }

    char small[4], big[64];
    size_t need = gw_entry_standard_marker(doc, i, NULL, 0);
    if (need == 0 || need >= sizeof big) {
      return gw_invariant_fail("entry %zu: standard marker of %zu bytes", i, need);
    }
    if (gw_entry_standard_marker(doc, i, small, sizeof small) != need ||
        strlen(small) >= sizeof small) {
      return gw_invariant_fail("entry %zu: standard marker into a small buffer", i);
    }
    if (gw_entry_standard_marker(doc, i, big, sizeof big) != need || strlen(big) != need) {
      return gw_invariant_fail("entry %zu: standard marker length", i);
    }

    if (e->kind == GW_ENTRY_HEADING) {
      long at = gw_heading_at(doc, e->marker.start.byte);
      if (at != (long)i) {
        return gw_invariant_fail("heading_at(marker of heading %zu) gives %ld", i, at);
      }
      long crumbs[8];
      size_t depth = gw_breadcrumb(doc, e->marker.start.byte, crumbs, 8);
      if (depth == 0 || depth > 5) {
        return gw_invariant_fail("heading %zu: breadcrumb of %zu", i, depth);
      }
      if (crumbs[depth - 1] != (long)i) return gw_invariant_fail("heading %zu: breadcrumb end", i);
      for (size_t k = 1; k < depth; k++) {
        if (gw_outline_entry(doc, (size_t)crumbs[k])->parent != crumbs[k - 1]) {
          return gw_invariant_fail("heading %zu: breadcrumb is not a chain of parents", i);
        }
      }
    }
  }
  if ((why = gw_check_links(doc))) return why;
  if (gw_entry_standard_marker(doc, count, NULL, 0) != 0) {
    return gw_invariant_fail("a standard marker past the end");
  }

  /* Navigation from a few places, every flag combination. */
  size_t places[] = {0, length / 3, length / 2, length};
  for (size_t k = 0; k < sizeof places / sizeof places[0]; k++) {
    long h = gw_heading_at(doc, places[k]);
    if (h != GW_NONE && ((size_t)h >= count || gw_outline_entry(doc, (size_t)h)->kind !=
                                                   GW_ENTRY_HEADING)) {
      return gw_invariant_fail("heading_at(%zu) gives %ld", places[k], h);
    }
    int level = h == GW_NONE ? 1 : gw_outline_entry(doc, (size_t)h)->level;
    for (unsigned flags = 0; flags < 4; flags++) {
      long found[2] = {gw_next_heading(doc, places[k], flags),
                       gw_prev_heading(doc, places[k], flags)};
      for (int d = 0; d < 2; d++) {
        if (found[d] == GW_NONE) continue;
        if (found[d] < 0 || (size_t)found[d] >= count) {
          return gw_invariant_fail("next/prev heading gives %ld", found[d]);
        }
        const gw_entry *e = gw_outline_entry(doc, (size_t)found[d]);
        if (e->kind != GW_ENTRY_HEADING || ((flags & GW_NAV_SAME_LEVEL) && e->level != level)) {
          return gw_invariant_fail("next/prev heading from %zu (flags %u) gives entry %ld",
                                   places[k], flags, found[d]);
        }
      }
    }
  }
  return NULL;
}

static inline const char *gw_check_pairs(const gw_document *doc) {
  size_t count = gw_outline_count(doc), pairs = gw_pair_count(doc);
  if (gw_pair_get(doc, pairs)) return gw_invariant_fail("a pair past the end");
  for (size_t i = 0; i < pairs; i++) {
    const gw_pair *p = gw_pair_get(doc, i);
    if (!p) return gw_invariant_fail("pair %zu is NULL", i);
    if (p->problem < 0 || (size_t)p->problem >= count) {
      return gw_invariant_fail("pair %zu: problem %ld", i, p->problem);
    }
    if ((p->cause != GW_NONE && (p->cause < 0 || (size_t)p->cause >= count)) ||
        (p->remedy != GW_NONE && (p->remedy < 0 || (size_t)p->remedy >= count))) {
      return gw_invariant_fail("pair %zu: cause %ld, remedy %ld", i, p->cause, p->remedy);
    }
    if (!(p->score >= 0 && p->score <= 1)) {
      return gw_invariant_fail("pair %zu: score %g", i, p->score);
    }
    if (gw_pair_of(doc, p->problem) != (long)i) {
      return gw_invariant_fail("pair_of(problem of pair %zu) gives %ld", i,
                               gw_pair_of(doc, p->problem));
    }
    if (i > 0 && gw_pair_get(doc, i - 1)->problem >= p->problem) {
      return gw_invariant_fail("pairs %zu and %zu out of document order", i - 1, i);
    }
  }
  if (gw_pair_of(doc, -1) != GW_NONE || gw_pair_of(doc, (long)count) != GW_NONE) {
    return gw_invariant_fail("pair_of out of range gives a pair");
  }
  for (size_t i = 0; i < count; i++) {
    long p = gw_pair_of(doc, (long)i);
    if (p != GW_NONE && (p < 0 || (size_t)p >= pairs)) {
      return gw_invariant_fail("pair_of(%zu) gives %ld", i, p);
    }
  }
  return NULL;
}

/* Everything above; positions sampled at up to `samples` bytes. */
static inline const char *gw_check_document(const gw_document *doc, size_t samples) {
  size_t length = 0;
  const char *text = gw_document_text(doc, &length);
  if (!text || text[length] != '\0') return gw_invariant_fail("text not NUL-terminated");
  const char *why;
  if ((why = gw_check_positions(doc, samples))) return why;
  if ((why = gw_check_tree(doc))) return why;
  if ((why = gw_check_outline(doc))) return why;
  return gw_check_pairs(doc);
}

static inline int gw_invariant_same_range(gw_range a, gw_range b) {
  return a.start.byte == b.start.byte && a.start.row == b.start.row &&
         a.start.column == b.start.column && a.end.byte == b.end.byte &&
         a.end.row == b.end.row && a.end.column == b.end.column;
}

static inline int gw_invariant_same_point(TSPoint a, TSPoint b) {
  return a.row == b.row && a.column == b.column;
}

/* Whether two syntax trees have the same nodes (visible ones, named or
 * not), with the same fields and positions, walked in step. */
static inline const char *gw_check_same_tree(const gw_document *a, const gw_document *b) {
  TSTreeCursor x = ts_tree_cursor_new(ts_tree_root_node(a->tree));
  TSTreeCursor y = ts_tree_cursor_new(ts_tree_root_node(b->tree));
  const char *why = NULL;
  for (;;) {
    TSNode m = ts_tree_cursor_current_node(&x), n = ts_tree_cursor_current_node(&y);
    if (ts_node_symbol(m) != ts_node_symbol(n) ||
        ts_tree_cursor_current_field_id(&x) != ts_tree_cursor_current_field_id(&y) ||
        ts_node_start_byte(m) != ts_node_start_byte(n) ||
        ts_node_end_byte(m) != ts_node_end_byte(n) ||
        !gw_invariant_same_point(ts_node_start_point(m), ts_node_start_point(n)) ||
        !gw_invariant_same_point(ts_node_end_point(m), ts_node_end_point(n)) ||
        ts_node_is_missing(m) != ts_node_is_missing(n)) {
      why = gw_invariant_fail("trees differ: edited (%s [%u, %u)) fresh (%s [%u, %u))",
                              ts_node_type(m), ts_node_start_byte(m), ts_node_end_byte(m),
                              ts_node_type(n), ts_node_start_byte(n), ts_node_end_byte(n));
      break;
    }
    bool down_x = ts_tree_cursor_goto_first_child(&x);
    bool down_y = ts_tree_cursor_goto_first_child(&y);
    if (down_x != down_y) {
      why = gw_invariant_fail("trees differ: %s [%u, %u) has children in one tree only",
                              ts_node_type(m), ts_node_start_byte(m), ts_node_end_byte(m));
      break;
    }
    if (down_x) continue;
    /* The next node: a sibling, else a sibling of the nearest ancestor. */
    int done = 0;
    while (!why && !done) {
      bool next_x = ts_tree_cursor_goto_next_sibling(&x);
      bool next_y = ts_tree_cursor_goto_next_sibling(&y);
      if (next_x != next_y) {
        why = gw_invariant_fail("trees differ: a node has more children in one tree");
      } else if (next_x) {
        break;
      } else {
        bool up_x = ts_tree_cursor_goto_parent(&x), up_y = ts_tree_cursor_goto_parent(&y);
        if (up_x != up_y) why = gw_invariant_fail("trees differ in depth");
        done = !up_x;
      }
    }
    if (why || done) break;
  }
  ts_tree_cursor_delete(&x);
  ts_tree_cursor_delete(&y);
  return why;
}

/* Whether two documents (an edited one and a fresh parse of its text) have
 * the same text, tree, outline and pairs. */
static inline const char *gw_check_same(const gw_document *edited, const gw_document *fresh) {
  size_t la = 0, lb = 0;
  const char *ta = gw_document_text(edited, &la), *tb = gw_document_text(fresh, &lb);
  if (la != lb || memcmp(ta, tb, la) != 0) return gw_invariant_fail("texts differ");
  const char *why = gw_check_same_tree(edited, fresh);
  if (why) return why;

  size_t count = gw_outline_count(edited);
  if (count != gw_outline_count(fresh)) {
    return gw_invariant_fail("outlines of %zu and %zu entries", count, gw_outline_count(fresh));
  }
  for (size_t i = 0; i < count; i++) {
    const gw_entry *a = gw_outline_entry(edited, i), *b = gw_outline_entry(fresh, i);
    if (a->kind != b->kind || a->level != b->level || a->number != b->number ||
        !gw_invariant_same_range(a->marker, b->marker) ||
        !gw_invariant_same_range(a->number_range, b->number_range) ||
        !gw_invariant_same_range(a->title, b->title) ||
        !gw_invariant_same_range(a->body, b->body) ||
        !gw_invariant_same_range(a->extent, b->extent) || a->delimiter != b->delimiter ||
        a->open_width != b->open_width || a->close_width != b->close_width ||
        a->fullwidth_digits != b->fullwidth_digits || a->roles != b->roles ||
        a->parent != b->parent || a->first_child != b->first_child ||
        a->next_sibling != b->next_sibling || a->prev_sibling != b->prev_sibling) {
      return gw_invariant_fail("outline entry %zu differs", i);
    }
  }
  size_t pairs = gw_pair_count(edited);
  if (pairs != gw_pair_count(fresh)) {
    return gw_invariant_fail("%zu and %zu pairs", pairs, gw_pair_count(fresh));
  }
  for (size_t i = 0; i < pairs; i++) {
    const gw_pair *a = gw_pair_get(edited, i), *b = gw_pair_get(fresh, i);
    if (a->problem != b->problem || a->cause != b->cause || a->remedy != b->remedy ||
        a->score != b->score) {
      return gw_invariant_fail("pair %zu differs", i);
    }
  }
  for (size_t i = 0; i < count; i++) {
    if (gw_pair_of(edited, (long)i) != gw_pair_of(fresh, (long)i)) {
      return gw_invariant_fail("entry %zu is in pair %ld, not %ld", i, gw_pair_of(edited, (long)i),
                               gw_pair_of(fresh, (long)i));
    }
  }
  /* Which lists the pairs came from, which later edits rely on. */
  if (edited->pair_block_count != fresh->pair_block_count) {
    return gw_invariant_fail("pairs from %zu and %zu lists", edited->pair_block_count,
                             fresh->pair_block_count);
  }
  for (size_t i = 0; i < edited->pair_block_count; i++) {
    const gw__pair_block *a = &edited->pair_blocks[i], *b = &fresh->pair_blocks[i];
    if (a->problems != b->problems || a->causes != b->causes || a->remedies != b->remedies ||
        a->first_pair != b->first_pair || a->pair_count != b->pair_count) {
      return gw_invariant_fail("list %zu of the pairs differs", i);
    }
  }
  return NULL;
}

/* Whether the bytes of two ranges are the same text. */
static inline int gw_invariant_same_text(const char *a_text, gw_range a, const char *b_text,
                                         gw_range b) {
  size_t n = a.end.byte - a.start.byte;
  return n == b.end.byte - b.start.byte && memcmp(a_text + a.start.byte, b_text + b.start.byte, n) == 0;
}

/* gw_outline_last_change's promise, given the `before_count` entries and
 * the text of the outline before the last edit of `after`: the entries
 * before the replaced ones are as they were, those after are the same
 * entries renumbered, positions aside.  Only sibling links between entries
 * without a parent may cross the replaced ones.  *partial (if not NULL)
 * receives whether fewer than all entries were replaced. */
static inline const char *gw_check_last_change(const gw_entry *before, size_t before_count,
                                               const char *before_text, const gw_document *after,
                                               int *partial) {
  size_t first = 0, removed = 0, added = 0;
  if (!gw_outline_last_change(after, &first, &removed, &added)) {
    return gw_invariant_fail("an edited document tells no last change");
  }
  size_t count = gw_outline_count(after);
  if (first + removed > before_count || first + added > count ||
      before_count - removed != count - added) {
    return gw_invariant_fail("last change [%zu, +%zu → +%zu) does not fit %zu → %zu entries",
                             first, removed, added, before_count, count);
  }
  if (partial) *partial = removed < before_count || added < count;
  const char *text = gw_document_text(after, NULL);
  for (size_t j = 0; j < before_count; j++) {
    if (j >= first && j < first + removed) continue;
    size_t i = j < first ? j : j - removed + added;
    const gw_entry *a = &before[j], *b = gw_outline_entry(after, i);
    if (a->kind != b->kind || a->level != b->level || a->number != b->number ||
        a->delimiter != b->delimiter || a->open_width != b->open_width ||
        a->close_width != b->close_width || a->fullwidth_digits != b->fullwidth_digits ||
        a->roles != b->roles || !gw_invariant_same_text(before_text, a->marker, text, b->marker) ||
        !gw_invariant_same_text(before_text, a->title, text, b->title) ||
        !gw_invariant_same_text(before_text, a->body, text, b->body)) {
      return gw_invariant_fail("entry %zu, kept by the last change as %zu, differs", j, i);
    }
    if (j < first && (!gw_invariant_same_range(a->marker, b->marker) ||
                      !gw_invariant_same_range(a->extent, b->extent))) {
      return gw_invariant_fail("entry %zu, before the last change, moved", j);
    }
    long links[4][2] = {{a->parent, b->parent},
                        {a->first_child, b->first_child},
                        {a->next_sibling, b->next_sibling},
                        {a->prev_sibling, b->prev_sibling}};
    for (int k = 0; k < 4; k++) {
      long old_link = links[k][0], renumbered = old_link;
      if (old_link != GW_NONE && (size_t)old_link >= first + removed) {
        renumbered = old_link - (long)removed + (long)added;
      }
      size_t low = old_link == GW_NONE ? j : (size_t)old_link < j ? (size_t)old_link : j;
      size_t high = old_link == GW_NONE ? j : (size_t)old_link > j ? (size_t)old_link : j;
      int crosses = old_link == GW_NONE || (low < first + removed && high >= first);
      if (k >= 2 && a->parent == GW_NONE && crosses) continue;
      if (renumbered != links[k][1]) {
        return gw_invariant_fail("entry %zu, kept by the last change as %zu: link %d is %ld, not %ld",
                                 j, i, k, links[k][1], renumbered);
      }
    }
  }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Diagnostics and fixes                                                     */

/* Whether `at` is not inside a character of `text`: no valid UTF-8
 * sequence starts before `at` and ends after it.  (Decoding from the start
 * with one unit per invalid byte reaches every lead byte of a valid
 * sequence, since continuation bytes are never lead bytes.) */
static inline int gw_invariant_boundary(const char *text, size_t length, size_t at) {
  const unsigned char *s = (const unsigned char *)text;
  for (size_t back = 1; back <= 3 && back <= at && at < length; back++) {
    unsigned char b = s[at - back];
    if (b >= 0x80 && b < 0xC0) continue; /* a continuation byte: look further back */
    size_t size = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return !(size > back && at - back + size <= length &&
             gw_invariant_valid_utf8(text + at - back, size));
  }
  return 1;
}

/* Whether edits[0..count) are sorted, apart (an insertion may touch a
 * neighbour), inside a text of `length` bytes, and with texts. */
static inline const char *gw_check_edits(const gw_edit *edits, size_t count, const char *text,
                                         size_t length, const char *what) {
  for (size_t i = 0; i < count; i++) {
    const gw_edit *e = &edits[i];
    if (e->start_byte > e->end_byte || e->end_byte > length) {
      return gw_invariant_fail("%s: edit %zu [%u, %u) outside the text of %zu bytes", what, i,
                               e->start_byte, e->end_byte, length);
    }
    if (!e->text || strlen(e->text) > e->text_length || e->text[e->text_length] != '\0') {
      return gw_invariant_fail("%s: edit %zu has no NUL-terminated text", what, i);
    }
    if (i > 0 && e->start_byte < edits[i - 1].end_byte) {
      return gw_invariant_fail("%s: edits %zu and %zu overlap or are out of order", what, i - 1,
                               i);
    }
    if (!gw_invariant_boundary(text, length, e->start_byte) ||
        !gw_invariant_boundary(text, length, e->end_byte)) {
      return gw_invariant_fail("%s: edit %zu [%u, %u) cuts a character", what, i, e->start_byte,
                               e->end_byte);
    }
    if (!gw_invariant_valid_utf8(e->text, e->text_length)) {
      return gw_invariant_fail("%s: edit %zu's text is not UTF-8", what, i);
    }
  }
  return NULL;
}

/* The diagnostics of `doc`: known rules, the severity `options` gives them,
 * sorted ranges inside the text, messages in both languages, fixes whose
 * edits are in order and inside the text. */
static inline const char *gw_check_diagnostics(const gw_document *doc,
                                               const gw_diagnostics *diagnostics,
                                               const gw_options *options) {
  size_t length = 0;
  const char *text = gw_document_text(doc, &length);
  size_t count = gw_diagnostics_count(diagnostics);
  if (gw_diagnostics_get(diagnostics, count)) return gw_invariant_fail("a diagnostic past the end");
  const char *why;
  for (size_t i = 0; i < count; i++) {
    const gw_diagnostic *d = gw_diagnostics_get(diagnostics, i);
    if (!d || !d->rule) return gw_invariant_fail("diagnostic %zu: none or no rule", i);
    size_t r = 0;
    while (r < gw_rule_count() && strcmp(gw_rule_name(r), d->rule) != 0) r++;
    if (r == gw_rule_count()) return gw_invariant_fail("diagnostic %zu: rule %s", i, d->rule);
    if (d->severity != gw_options_severity(options, d->rule) || d->severity == GW_SEVERITY_OFF) {
      return gw_invariant_fail("diagnostic %zu (%s): severity %d", i, d->rule, (int)d->severity);
    }
    if (!gw_invariant_range_ok(doc, d->range, length)) {
      return gw_invariant_fail("diagnostic %zu (%s): range [%u, %u)", i, d->rule,
                               d->range.start.byte, d->range.end.byte);
    }
    if (i > 0 && gw_diagnostics_get(diagnostics, i - 1)->range.start.byte > d->range.start.byte) {
      return gw_invariant_fail("diagnostics %zu and %zu out of order", i - 1, i);
    }
    if (!d->message_en || !d->message_zh || !*d->message_en || !*d->message_zh ||
        !gw_invariant_valid_utf8(d->message_en, strlen(d->message_en)) ||
        !gw_invariant_valid_utf8(d->message_zh, strlen(d->message_zh))) {
      return gw_invariant_fail("diagnostic %zu (%s): messages missing or not UTF-8", i, d->rule);
    }
    if (d->edit_count && !d->edits) return gw_invariant_fail("diagnostic %zu: no edits", i);
    char what[96];
    snprintf(what, sizeof what, "diagnostic %zu (%s)", i, d->rule);
    if ((why = gw_check_edits(d->edits, d->edit_count, text, length, what))) return why;
  }
  return NULL;
}

static inline size_t gw_invariant_gcd(size_t a, size_t b) {
  while (b) {
    size_t r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/* Whether two lists of diagnostics are the same. */
static inline const char *gw_check_same_diagnostics(const gw_diagnostics *a,
                                                    const gw_diagnostics *b) {
  size_t count = gw_diagnostics_count(a);
  if (count != gw_diagnostics_count(b)) {
    return gw_invariant_fail("%zu and %zu diagnostics", count, gw_diagnostics_count(b));
  }
  /* In an order that jumps about (the diagnostics are made a run at a
   * time, when first asked for): a step prime to the count visits each. */
  size_t step = count > 1 ? 7919 % count : 1;
  while (count > 1 && (step == 0 || gw_invariant_gcd(step, count) != 1)) step++;
  for (size_t visit = 0, i = 0; visit < count; visit++, i = (i + step) % count) {
    const gw_diagnostic *x = gw_diagnostics_get(a, i), *y = gw_diagnostics_get(b, i);
    int same = strcmp(x->rule, y->rule) == 0 && x->severity == y->severity &&
               gw_invariant_same_range(x->range, y->range) &&
               strcmp(x->message_en, y->message_en) == 0 &&
               strcmp(x->message_zh, y->message_zh) == 0 && x->edit_count == y->edit_count;
    for (size_t k = 0; same && k < x->edit_count; k++) {
      const gw_edit *e = &x->edits[k], *f = &y->edits[k];
      same = e->start_byte == f->start_byte && e->end_byte == f->end_byte &&
             e->text_length == f->text_length && memcmp(e->text, f->text, e->text_length) == 0;
    }
    if (!same) return gw_invariant_fail("diagnostic %zu (%s) differs", i, x->rule);
  }
  return NULL;
}

/* Lints both documents with `options` and compares. */
static inline const char *gw_check_same_lint(const gw_document *a, const gw_document *b,
                                             const gw_options *options) {
  gw_diagnostics *x = NULL, *y = NULL;
  const char *why = NULL;
  if (gw_lint(a, options, &x) != GW_OK || gw_lint(b, options, &y) != GW_OK) {
    why = gw_invariant_fail("gw_lint failed");
  } else {
    why = gw_check_same_diagnostics(x, y);
  }
  gw_diagnostics_free(x);
  gw_diagnostics_free(y);
  return why;
}

/* The findings of `rule` (a name, group or "*"; NULL: every rule that
 * `options` enables) that have a fix, in `doc`. */
static inline size_t gw_invariant_fixable(const gw_document *doc, const gw_options *options,
                                          const char *rule, const char **first) {
  gw_options *only = gw_options_new();
  size_t n = 0;
  *first = NULL;
  if (!only) return 0;
  if (rule) {
    gw_options_set_severity(only, "*", GW_SEVERITY_OFF);
    gw_options_set_severity(only, rule, GW_SEVERITY_WARNING);
  }
  gw_diagnostics *d = NULL;
  if (gw_lint(doc, rule ? only : options, &d) == GW_OK) {
    for (size_t i = 0; i < gw_diagnostics_count(d); i++) {
      const gw_diagnostic *g = gw_diagnostics_get(d, i);
      if (g->edit_count == 0) continue;
      if (n++ == 0) {
        snprintf(gw_invariant_message, sizeof gw_invariant_message, "%s at %u:%u: %s", g->rule,
                 g->range.start.row + 1, g->range.start.column, g->message_en);
        *first = gw_invariant_message;
      }
    }
  }
  gw_diagnostics_free(d);
  gw_options_free(only);
  return n;
}

/* The fix of `rule` (as for gw_fix_edits) applied to `doc`: its edits are
 * in order, inside the text and on character boundaries; the result keeps
 * every byte outside them; fixing the result again gives no edit; and the
 * rule then reports nothing it could fix.  On success *fixed (if not NULL)
 * receives the fixed text (release with gw_string_free). */
static inline const char *gw_check_fix(const gw_document *doc, const gw_options *options,
                                       const char *rule, char **fixed) {
  if (fixed) *fixed = NULL;
  size_t length = 0;
  const char *text = gw_document_text(doc, &length);
  const char *label = rule ? rule : "every rule";
  gw_edit *edits = NULL;
  size_t count = 0;
  gw_status status = gw_fix_edits(doc, options, rule, &edits, &count);
  if (status != GW_OK) {
    return gw_invariant_fail("fix %s: %s", label, gw_strerror(status, GW_LANG_EN));
  }
  char what[96];
  snprintf(what, sizeof what, "fix %s", label);
  const char *why = gw_check_edits(edits, count, text, length, what);
  char *out = NULL;
  size_t out_length = 0;
  if (!why && gw_apply_edits(text, length, edits, count, &out, &out_length) != GW_OK) {
    why = gw_invariant_fail("fix %s: gw_apply_edits refused its edits", label);
  }
  /* Every byte outside the edits is where the shifts put it. */
  size_t from = 0, to = 0;
  for (size_t i = 0; !why && i <= count; i++) {
    size_t gap_end = i < count ? edits[i].start_byte : length;
    if (to + (gap_end - from) > out_length ||
        memcmp(out + to, text + from, gap_end - from) != 0) {
      why = gw_invariant_fail("fix %s: bytes [%zu, %zu) outside the edits changed", label, from,
                              gap_end);
      break;
    }
    to += gap_end - from;
    if (i < count) {
      if (to + edits[i].text_length > out_length ||
          memcmp(out + to, edits[i].text, edits[i].text_length) != 0) {
        why = gw_invariant_fail("fix %s: edit %zu's text is not in the result", label, i);
        break;
      }
      to += edits[i].text_length;
      from = edits[i].end_byte;
    }
  }
  if (!why && to != out_length) why = gw_invariant_fail("fix %s: the result is too long", label);
  if (!why && gw_invariant_valid_utf8(text, length) && !gw_invariant_valid_utf8(out, out_length)) {
    why = gw_invariant_fail("fix %s: UTF-8 text became invalid", label);
  }
  gw_edits_free(edits, count);

  gw_document *after = NULL;
  if (!why && gw_document_new(out, out_length, &after) != GW_OK) {
    why = gw_invariant_fail("fix %s: the fixed text does not parse", label);
  }
  if (!why) {
    gw_edit *again = NULL;
    size_t again_count = 0;
    status = gw_fix_edits(after, options, rule, &again, &again_count);
    if (status != GW_OK) {
      why = gw_invariant_fail("fix %s again: %s", label, gw_strerror(status, GW_LANG_EN));
    } else if (again_count) {
      why = gw_invariant_fail("fix %s: fixing again gives %zu edits, the first [%u, %u) -> "
                              "\"%.40s\"", label, again_count, again[0].start_byte,
                              again[0].end_byte, again[0].text);
    }
    gw_edits_free(again, again_count);
  }
  if (!why) {
    const char *first = NULL;
    size_t left = gw_invariant_fixable(after, options, rule, &first);
    if (left) {
      static char message[640];
      snprintf(message, sizeof message, "fix %s: %zu fixable findings left, the first %s", label,
               left, first);
      why = message;
    }
  }
  gw_document_free(after);
  if (!why && fixed) *fixed = out;
  else gw_string_free(out);
  return why;
}

#endif
