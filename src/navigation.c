/*
 * Navigation by byte offset.  The entries are in document order, so a
 * binary search finds the last entry starting at or before a position, and
 * the innermost heading holding it is that entry or one of its ancestors
 * (sections nest): O(log n + depth).  Next/previous with a level filter
 * scan, O(n) at worst.
 */
#include "internal.h"

/* Whether entry `e`'s section holds `byte`; the end of the text belongs to
 * a section that reaches it. */
static bool holds(const gw_document *doc, const gw_entry *e, size_t byte) {
  size_t start = e->extent.start.byte, end = e->extent.end.byte;
  return start <= byte && (byte < end || (byte == end && end == doc->length));
}

size_t gw__entries_before(const gw_document *doc, size_t byte) {
  size_t lo = 0, hi = doc->entry_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (doc->entries[mid].extent.start.byte < byte) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

long gw_heading_at(const gw_document *doc, size_t byte) {
  if (!doc) return GW_NONE;
  if (byte > doc->length) byte = doc->length;
  size_t after = gw__entries_before(doc, byte + 1); /* entries starting at or before byte */
  if (after == 0) return GW_NONE;
  long i = (long)after - 1;
  while (i != GW_NONE) {
    const gw_entry *e = &doc->entries[i];
    if (e->kind == GW_ENTRY_HEADING && holds(doc, e, byte)) return i;
    i = e->parent;
  }
  return GW_NONE;
}

/* The bytes where the line holding `byte` starts and where the next begins. */
static void line_bounds(const gw_document *doc, size_t byte, size_t *start, size_t *next) {
  gw_point p = gw__point(doc, (uint32_t)(byte > doc->length ? doc->length : byte));
  *start = doc->row_starts[p.row];
  *next = (size_t)p.row + 1 < doc->row_count ? doc->row_starts[p.row + 1] : doc->length + 1;
}

static int wanted_level(const gw_document *doc, size_t byte, unsigned flags) {
  if (!(flags & GW_NAV_SAME_LEVEL)) return 0;
  long current = gw_heading_at(doc, byte);
  return current == GW_NONE ? 1 : doc->entries[current].level;
}

static bool matches(const gw_entry *e, int level) {
  return e->kind == GW_ENTRY_HEADING && (level == 0 || e->level == level);
}

long gw_next_heading(const gw_document *doc, size_t byte, unsigned flags) {
  if (!doc) return GW_NONE;
  size_t line_start, next_line;
  line_bounds(doc, byte, &line_start, &next_line);
  int level = wanted_level(doc, byte, flags);
  size_t first = gw__entries_before(doc, next_line);
  for (size_t i = first; i < doc->entry_count; i++) {
    if (matches(&doc->entries[i], level)) return (long)i;
  }
  if (flags & GW_NAV_WRAP) {
    for (size_t i = 0; i < first && i < doc->entry_count; i++) {
      if (matches(&doc->entries[i], level)) return (long)i;
    }
  }
  return GW_NONE;
}

long gw_prev_heading(const gw_document *doc, size_t byte, unsigned flags) {
  if (!doc) return GW_NONE;
  size_t line_start, next_line;
  line_bounds(doc, byte, &line_start, &next_line);
  int level = wanted_level(doc, byte, flags);
  size_t before = gw__entries_before(doc, line_start);
  for (size_t i = before; i > 0; i--) {
    if (matches(&doc->entries[i - 1], level)) return (long)(i - 1);
  }
  if (flags & GW_NAV_WRAP) {
    for (size_t i = doc->entry_count; i > before; i--) {
      if (matches(&doc->entries[i - 1], level)) return (long)(i - 1);
    }
  }
  return GW_NONE;
}

size_t gw_breadcrumb(const gw_document *doc, size_t byte, long *out, size_t capacity) {
  if (!doc || (!out && capacity > 0)) return 0;
  size_t depth = 0;
  for (long i = gw_heading_at(doc, byte); i != GW_NONE; i = doc->entries[i].parent) depth++;
  /* Walk again, writing each heading at its place from the outermost. */
  size_t place = depth;
  for (long i = gw_heading_at(doc, byte); i != GW_NONE; i = doc->entries[i].parent) {
    place--;
    if (place < capacity) out[place] = i;
  }
  return depth;
}
