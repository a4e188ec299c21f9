/*
 * The incremental lint: gw_lint keeps in the document the findings of its
 * last run, and gw_document_edit tells it which bytes changed since; the
 * next gw_lint with the same options re-checks only the blocks around them
 * and moves the other findings with the text.
 *
 * The edits since the last lint are one dirty range, [dirty_start,
 * dirty_end) of the text now and [dirty_start, dirty_old_end) of the text
 * then, widened by the bytes whose syntax changed (tree-sitter compared the
 * trees before and after each edit for the outline: gw_document's
 * syntax_start and syntax_end).  The window re-checked is the blocks that
 * range touches, with a neighbour on either side (a broken line is about
 * the next line), widened to the runs of broken lines that cross its ends.
 * The findings outside the window move by the change of length and rows,
 * in runs (gw__finding_run) shared with the diagnostics handed out, which
 * write the new number into the messages that name a row that moved.
 *
 * The rules about the outline are kept whole when the blocks touched are
 * paragraphs without enumeration items, the outline is the same but for
 * the shift (each edit's replaced entries are compared with those it
 * replaced when it is noted), the sections touched are as empty or not as
 * they were, and the years the body names are the same.  Else each group
 * of them (lint.h) runs again as far as the edits reach:
 * - the rules about one entry or one list of siblings, over the entries
 *   the edits replaced (whole top-level sections: gw_outline_last_change
 *   of each edit, composed while they fall within those of the first),
 *   when the width, the top level and the headings without a parent among
 *   them (what the list of those reads) are as they were; else over the
 *   whole outline;
 * - pairing/unmatched, on the whole document, when an edit changed the
 *   pairs or the kind, parent or quoted line of an entry it reads;
 * - date/format, on the whole document, unless the blocks touched are
 *   paragraphs and headings, the years the body names are the same and the
 *   preamble is untouched.
 * text/mixed-script runs on the whole document when the minority script
 * changes.
 *
 * Anything unexpected (a block across the window's edge, a kept finding in
 * the window) falls back on a full lint, which is always right.
 */
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An incremental pass cuts the runs it rebuilds where the window ends;
 * past this many runs for the findings, the next lint checks everything
 * again, into runs of full size. */
#define MAX_RUNS(findings) ((findings) / (GW__RUN_SIZE / 4) + 64)
/* How often a run of broken lines may push the window's end further. */
#define MAX_WIDENINGS 64

struct gw__lint_cache {
  bool valid; /* the fields below describe a lint of the text then */
  gw_severity severity[GW__RULE_COUNT];
  size_t length, row_count;

  bool edited;
  uint32_t dirty_start, dirty_end, dirty_old_end;
  /* Within it, the bytes the edits themselves replaced: the text outside
   * them is as it was, moved (syntax that changed around them is not). */
  uint32_t text_start, text_end, text_old_end;
  /* Every edit since replaced outline entries by the same ones, moved. */
  bool outline_same;
  /* The entries that the edits since replaced: [change_first, change_first
   * + change_removed) of the outline then, copied into `replaced` with the
   * entry after them (replaced_count of them), became [change_first,
   * change_first + change_added) of the outline now; unless replaced_known
   * is false (the edits replaced entries apart). */
  bool replaced_known;
  size_t change_first, change_removed, change_added;
  gw_entry *replaced;
  size_t replaced_count, replaced_capacity;
  bool pairs_touched; /* an edit changed what pairing/unmatched reads */
  gw__outline_totals totals, totals_then; /* of the outline now and then */

  gw__block *blocks;
  size_t block_count, block_capacity;
  gw__script_count *scripts; /* per block, when text/mixed-script ran */
  uint64_t *years;           /* per block, when date/format ran */
  int minority;
  uint64_t simplified, traditional;

  gw__findings findings;
};

gw__lint_cache *gw__lint_cache_new(void) { return calloc(1, sizeof(gw__lint_cache)); }

static void forget(gw__lint_cache *cache) {
  free(cache->blocks);
  free(cache->scripts);
  free(cache->years);
  cache->blocks = NULL;
  cache->scripts = NULL;
  cache->years = NULL;
  cache->block_count = cache->block_capacity = 0;
  free(cache->replaced);
  cache->replaced = NULL;
  cache->replaced_count = cache->replaced_capacity = 0;
  gw__findings_free(&cache->findings);
  cache->valid = false;
  cache->edited = false;
}

void gw__lint_cache_free(gw__lint_cache *cache) {
  if (!cache) return;
  forget(cache);
  free(cache);
}

static bool is_outline_rule(gw__rule rule) {
  return rule <= GW__RULE_PAIRING_UNMATCHED || rule == GW__RULE_DATE_FORMAT;
}

static bool any_outline_rule(const gw_severity severity[GW__RULE_COUNT]) {
  for (int r = 0; r < GW__RULE_COUNT; r++) {
    if (is_outline_rule((gw__rule)r) && severity[r] != GW_SEVERITY_OFF) return true;
  }
  return false;
}

/* Takes what describes the document now: its length and rows. */
static void remember_document(gw__lint_cache *cache, const gw_document *doc) {
  cache->length = doc->length;
  cache->row_count = doc->row_count;
  cache->edited = false;
  cache->outline_same = true;
  cache->pairs_touched = false;
  cache->totals_then = cache->totals;
}

/* Per-block data of `count` blocks: script counts when text/mixed-script
 * runs, the years of the body when date/format does. */
static void block_data(const gw_document *doc, const gw_severity severity[GW__RULE_COUNT],
                       const gw__block *blocks, size_t count, gw__script_count *scripts,
                       uint64_t *years) {
  if (severity[GW__RULE_TEXT_MIXED_SCRIPT] != GW_SEVERITY_OFF) {
    gw__count_scripts(doc, blocks, count, scripts);
  } else {
    memset(scripts, 0, count * sizeof *scripts);
    for (size_t i = 0; i < count; i++) {
      scripts[i].text_needs = gw__scan_needs(doc->text, blocks[i].start, blocks[i].end);
    }
  }
  for (size_t i = 0; i < count; i++) {
    bool body = blocks[i].kind == GW__BLOCK_PARAGRAPH || blocks[i].kind == GW__BLOCK_HEADING;
    years[i] = body && severity[GW__RULE_DATE_FORMAT] != GW_SEVERITY_OFF
                   ? gw__block_years(doc, &blocks[i])
                   : 0;
  }
}

static void script_totals(const gw__script_count *scripts, size_t count, uint64_t *simplified,
                          uint64_t *traditional) {
  for (size_t i = 0; i < count; i++) {
    *simplified += scripts[i].simplified;
    *traditional += scripts[i].traditional;
  }
}

/* Lints everything and keeps the findings. */
static gw_status lint_all(const gw_document *doc, gw__lint_cache *cache,
                          const gw_severity severity[GW__RULE_COUNT], gw_diagnostics **out) {
  forget(cache);
  if (!doc->tree) return gw__lint_with(doc, severity, out);
  gw__block next;
  bool has_next, straddles;
  gw_status status = GW_OK;
  if (doc->blocks) { /* read with the outline */
    cache->blocks = malloc((doc->block_count ? doc->block_count : 1) * sizeof *cache->blocks);
    if (cache->blocks) {
      memcpy(cache->blocks, doc->blocks, doc->block_count * sizeof *cache->blocks);
      cache->block_count = cache->block_capacity = doc->block_count;
    } else {
      status = GW_ERROR_NOMEM;
    }
  } else {
    status = gw__read_blocks(doc, 0, UINT32_MAX, &cache->blocks, &cache->block_count,
                             &cache->block_capacity, &next, &has_next, &straddles);
  }
  size_t count = cache->block_count;
  if (status == GW_OK) {
    cache->scripts = malloc((count ? count : 1) * sizeof *cache->scripts);
    cache->years = malloc((count ? count : 1) * sizeof *cache->years);
    if (!cache->scripts || !cache->years) status = GW_ERROR_NOMEM;
  }
  if (status == GW_OK) {
    block_data(doc, severity, cache->blocks, count, cache->scripts, cache->years);
    cache->simplified = cache->traditional = 0;
    script_totals(cache->scripts, count, &cache->simplified, &cache->traditional);
    cache->minority = gw__script_minority(cache->simplified, cache->traditional);
    gw__lint_setup setup = {cache->blocks,   count, 0, count, cache->scripts,
                            cache->minority, true,  NULL};
    gw__finding_set set = {0};
    gw__pool *pool = NULL;
    status = gw__lint_run(doc, severity, &setup, &set, &pool);
    gw__finding_store *store = status == GW_OK ? gw__finding_store_new(&set) : NULL;
    if (status == GW_OK &&
        (!store || !gw__findings_add_stored(&cache->findings, store, 0, store->set.count))) {
      status = GW_ERROR_NOMEM;
    }
    gw__finding_store_release(store); /* the cache's runs hold it now */
    gw__finding_set_free(&set);
    gw__pool_release(pool); /* and the store its pool */
  }
  if (status == GW_OK) status = gw__diagnostics_from(&cache->findings, severity, out);
  if (status == GW_OK) {
    memset(&cache->totals, 0, sizeof cache->totals);
    gw__outline_totals_add(&cache->totals, doc->entries, 0, doc->entry_count);
    remember_document(cache, doc);
    memcpy(cache->severity, severity, sizeof cache->severity);
    cache->valid = true;
  } else {
    forget(cache);
  }
  return status;
}

/* ------------------------------------------------------------------------ */
/* Moving positions from the text then to the text now                      */

/* Text before `start` is as it was, text from `old_end` on moved by
 * `moved` bytes and `moved_rows` rows; in between it changed. */
typedef struct {
  const gw_document *doc;
  uint32_t start, old_end;
  int64_t moved, moved_rows;
  uint32_t old_end_row; /* the row of old_end then */
  bool ok;              /* no position was in between */
} shift;

static uint32_t shift_byte(shift *s, uint32_t byte) {
  if (byte <= s->start) return byte;
  if (byte >= s->old_end) return (uint32_t)(byte + s->moved);
  s->ok = false;
  return byte;
}

static gw_point shift_point(shift *s, gw_point p) {
  if (p.byte <= s->start) return p;
  if (p.byte < s->old_end) {
    s->ok = false;
    return p;
  }
  uint32_t byte = (uint32_t)(p.byte + s->moved);
  /* On the row where the change ends, the column may change too. */
  if (p.row == s->old_end_row) return gw__point(s->doc, byte);
  p.byte = byte;
  p.row = (uint32_t)(p.row + s->moved_rows);
  return p;
}

static bool same_point(gw_point a, gw_point b) {
  return a.byte == b.byte && a.row == b.row && a.column == b.column;
}

static bool same_range(shift *s, gw_range then, gw_range now) {
  return same_point(shift_point(s, then.start), now.start) &&
         same_point(shift_point(s, then.end), now.end);
}

/* Whether outline entries `then` and `now` agree but for their positions. */
static bool same_links(const gw_entry *then, const gw_entry *now) {
  return then->kind == now->kind && then->level == now->level && then->number == now->number &&
         then->delimiter == now->delimiter && then->open_width == now->open_width &&
         then->close_width == now->close_width &&
         then->fullwidth_digits == now->fullwidth_digits && then->roles == now->roles &&
         then->parent == now->parent && then->first_child == now->first_child &&
         then->next_sibling == now->next_sibling && then->prev_sibling == now->prev_sibling;
}

/* Whether outline entry `then`, moved, is `now`. */
static bool same_entry(shift *s, const gw_entry *then, const gw_entry *now) {
  return same_links(then, now) && same_range(s, then->marker, now->marker) &&
         same_range(s, then->number_range, now->number_range) &&
         same_range(s, then->title, now->title) && same_range(s, then->body, now->body) &&
         same_range(s, then->extent, now->extent) && s->ok;
}

/* Whether bytes [start, stop) then are [start_now, stop_now) now, as they
 * were: wholly before the change or wholly after it, where shift_byte
 * moves them (a position at the change's start stays). */
static bool bytes_kept(const shift *s, uint32_t start, uint32_t stop, uint32_t start_now,
                       uint32_t stop_now) {
  if (stop <= s->start) return start_now == start && stop_now == stop;
  return start > s->start && start >= s->old_end && start_now == start + s->moved &&
         stop_now == stop + s->moved;
}

/* Where the marker and title of entry `e` end. */
static uint32_t line_end(const gw_entry *e) {
  return e->title.end.byte > e->marker.end.byte ? e->title.end.byte : e->marker.end.byte;
}

/* Whether the entries that edit `e` of `old` replaced in `now` are the
 * same, moved (the others are: gw_outline_last_change). */
static bool replaced_alike(const gw_document *old, const gw_document *now, const TSInputEdit *e) {
  size_t first, removed, added;
  if (!gw_outline_last_change(now, &first, &removed, &added) || removed != added) return false;
  shift s = {now,
             e->start_byte,
             e->old_end_byte,
             (int64_t)e->new_end_byte - e->old_end_byte,
             (int64_t)now->row_count - (int64_t)old->row_count,
             e->old_end_point.row,
             true};
  for (size_t i = first; i < first + removed; i++) {
    if (!same_entry(&s, &old->entries[i], &now->entries[i])) return false;
  }
  return true;
}

/* Whether the heading line of entry `index` (marker and title) is as it
 * was, moved by `s`: what a finding that quotes it shows, where it is. */
static bool line_kept(const shift *s, const gw_document *old, const gw_document *now,
                      long index) {
  const gw_entry *a = &old->entries[index], *b = &now->entries[index];
  return bytes_kept(s, a->marker.start.byte, line_end(a), b->marker.start.byte, line_end(b));
}

/* Whether pairing/unmatched reads the same of `now` as of `old`, whose
 * entries [first, first + removed) the edit (`s`) replaced: as many
 * entries, the same pairs, the replaced entries of the same kind and
 * parent, and the lines its findings quote of them unchanged (a problem
 * without a remedy; the section that holds a remedy).  The entries it
 * counts in a section are then the same. */
static bool pairing_alike(const gw_document *old, const gw_document *now, const shift *s) {
  size_t first = now->change_first, removed = now->change_removed;
  if (removed != now->change_added || old->pair_count != now->pair_count) return false;
  for (size_t i = first; i < first + removed; i++) {
    const gw_entry *a = &old->entries[i], *b = &now->entries[i];
    if (a->kind != b->kind || a->parent != b->parent) return false;
  }
  for (size_t i = 0; i < now->pair_count; i++) {
    const gw_pair *a = &old->pairs[i], *b = &now->pairs[i];
    if (a->problem != b->problem || a->cause != b->cause || a->remedy != b->remedy) return false;
    long quoted = a->remedy == GW_NONE ? a->problem : old->entries[a->remedy].parent;
    if (quoted != GW_NONE && (size_t)quoted >= first && (size_t)quoted < first + removed &&
        !line_kept(s, old, now, quoted)) {
      return false;
    }
  }
  return true;
}

/* Notes the entries that edit `now` of `old` replaced: composed with those
 * of the edits before while it falls within them, their copy from the
 * outline then kept; the totals of the outline updated.  False when out of
 * memory. */
static bool note_entries(gw__lint_cache *cache, const gw_document *old, const gw_document *now,
                         const shift *s) {
  size_t first = now->change_first, removed = now->change_removed, added = now->change_added;
  gw__outline_totals_remove(&cache->totals, old->entries, first, first + removed);
  gw__outline_totals_add(&cache->totals, now->entries, first, first + added);
  cache->pairs_touched = cache->pairs_touched || !pairing_alike(old, now, s);
  if (cache->edited) {
    cache->replaced_known = cache->replaced_known && first >= cache->change_first &&
                            first + removed <= cache->change_first + cache->change_added;
    cache->change_added = cache->change_added - removed + added;
    return true;
  }
  /* The first edit since the lint: old's outline is the outline then. */
  size_t count = first + removed < old->entry_count ? removed + 1 : removed;
  if (count > cache->replaced_capacity) {
    gw_entry *bigger = realloc(cache->replaced, count * sizeof *bigger);
    if (!bigger) return false;
    cache->replaced = bigger;
    cache->replaced_capacity = count;
  }
  if (count) memcpy(cache->replaced, old->entries + first, count * sizeof *cache->replaced);
  cache->replaced_count = count;
  cache->replaced_known = true;
  cache->change_first = first;
  cache->change_removed = removed;
  cache->change_added = added;
  return true;
}

/* Widens [*start, *end) of the text now, [*start, *old_end) of the text
 * then, by `edit`: text after its end is unchanged since the lint, shifted
 * by `moved`. */
static void compose(uint32_t *start, uint32_t *end, uint32_t *old_end, const gw__edit *edit) {
  int64_t moved = (int64_t)*end - *old_end;
  uint32_t edit_end = (uint32_t)edit->old_end;
  if (edit_end > *end) *old_end = (uint32_t)((int64_t)edit_end - moved);
  uint32_t last = edit_end > *end ? edit_end : *end;
  *end = (uint32_t)((int64_t)last + ((int64_t)edit->new_end - (int64_t)edit->old_end));
  if (edit->start < *start) *start = (uint32_t)edit->start;
}

void gw__lint_cache_note_edit(gw__lint_cache *cache, const gw_document *old,
                              const gw_document *now, const TSInputEdit *tree_edit,
                              const gw__edit *edit) {
  if (!cache || !cache->valid) return;
  /* Without the changed ranges, the next lint checks everything, as the
   * outline was read afresh. */
  shift s = {now,
             (uint32_t)edit->start,
             (uint32_t)edit->old_end,
             (int64_t)edit->new_end - (int64_t)edit->old_end,
             (int64_t)now->row_count - (int64_t)old->row_count,
             tree_edit->old_end_point.row,
             true};
  if (!now->syntax_known || !note_entries(cache, old, now, &s)) {
    forget(cache);
    return;
  }
  if (!cache->edited) {
    cache->edited = true;
    cache->dirty_start = cache->text_start = (uint32_t)edit->start;
    cache->dirty_end = cache->text_end = (uint32_t)edit->new_end;
    cache->dirty_old_end = cache->text_old_end = (uint32_t)edit->old_end;
  } else {
    compose(&cache->dirty_start, &cache->dirty_end, &cache->dirty_old_end, edit);
    compose(&cache->text_start, &cache->text_end, &cache->text_old_end, edit);
  }
  /* And the bytes whose syntax changed. */
  if (now->syntax_start < cache->dirty_start) cache->dirty_start = now->syntax_start;
  if (now->syntax_end > cache->dirty_end) {
    cache->dirty_old_end += now->syntax_end - cache->dirty_end;
    cache->dirty_end = now->syntax_end;
  }
  if (cache->outline_same) cache->outline_same = replaced_alike(old, now, tree_edit);
}

/* ------------------------------------------------------------------------ */
/* The window                                                                */

/* Where finding `index` of `run` starts, moved as the run says. */
static uint32_t run_start(const gw__finding_run *run, size_t index) {
  return gw__run_byte(run, gw__run_finding(run, index)->start);
}

/* Whether findings[0, count), in order and moved by `moved` bytes, hold one
 * of `rule` that starts in [from, to). */
static bool holds_finding(const gw__finding *findings, size_t count, int64_t moved,
                          gw__rule rule, uint32_t from, uint32_t to) {
  size_t low = 0, high = count;
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    if (findings[middle].start + moved < from) low = middle + 1;
    else high = middle;
  }
  for (size_t i = low; i < count && findings[i].start + moved < to; i++) {
    if (findings[i].rule == rule) return true;
  }
  return false;
}

/* Whether `findings` hold one of `rule` that starts in [from, to). */
static bool has_finding(const gw__findings *findings, gw__rule rule, uint32_t from, uint32_t to) {
  /* The first run whose last finding starts at or after `from`. */
  size_t low = 0, high = findings->run_count;
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    const gw__finding_run *run = &findings->runs[middle];
    if (run_start(run, run->count - 1) < from) low = middle + 1;
    else high = middle;
  }
  for (size_t r = low; r < findings->run_count; r++) {
    const gw__finding_run *run = &findings->runs[r];
    if (run_start(run, 0) >= to) break;
    /* (The starts lie from the split on.) */
    if ((run->rules & UINT32_C(1) << rule) &&
        holds_finding(gw__run_finding(run, 0), run->count, run->moved, rule, from, to)) {
      return true;
    }
  }
  return false;
}

static bool broken_in(const gw__findings *findings, const gw__block *b) {
  return has_finding(findings, GW__RULE_TEXT_BROKEN_LINE, b->start, b->end);
}

/* The first of blocks[0, count) whose end is at or after `byte` (`by_end`),
 * or that starts after `byte`. */
static size_t first_block(const gw__block *blocks, size_t count, uint32_t byte, bool by_end) {
  size_t low = 0, high = count;
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    bool before = by_end ? blocks[middle].end < byte : blocks[middle].start <= byte;
    if (before) low = middle + 1;
    else high = middle;
  }
  return low;
}

/* What one incremental pass works with. */
typedef struct {
  /* The dirty range: [start, end) now, [start, old_end) then. */
  uint32_t start, end, old_end;
  size_t first, after; /* the window: blocks [first, after) then */
  uint32_t window_start, window_old_end; /* its bytes then */
  shift shift;                           /* from the dirty range */
  /* The blocks now: those before the window, `fresh` (the window), those
   * after it, moved. */
  gw__block *blocks;
  size_t block_count, block_capacity, fresh_count;
  gw__script_count *scripts;
  uint64_t *years;
} window;

static void window_free(window *w) {
  free(w->blocks);
  free(w->scripts);
  free(w->years);
}

typedef enum { PASS_DONE, PASS_NOMEM, PASS_FULL, PASS_WIDEN } pass_result;

/* Reads the window's blocks now and builds the block arrays. */
static pass_result read_window(const gw_document *doc, const gw__lint_cache *cache,
                               const gw_severity severity[GW__RULE_COUNT], window *w) {
  const gw__block *then = cache->blocks;
  size_t count = cache->block_count;
  uint32_t from = w->window_start;
  uint32_t to = (uint32_t)(w->window_old_end + w->shift.moved);
  gw__block next;
  bool has_next, straddles;
  /* The blocks before the window first, then those the tree holds now. */
  w->block_capacity = count + 16;
  w->blocks = malloc(w->block_capacity * sizeof *w->blocks);
  if (!w->blocks) return PASS_NOMEM;
  if (w->first) memcpy(w->blocks, then, w->first * sizeof *then);
  w->block_count = w->first;
  if (gw__read_blocks(doc, from, w->after == count ? UINT32_MAX : to, &w->blocks,
                      &w->block_count, &w->block_capacity, &next, &has_next,
                      &straddles) != GW_OK) {
    return PASS_NOMEM;
  }
  w->fresh_count = w->block_count - w->first;
  if (straddles) return PASS_FULL;
  if (w->after < count) {
    /* The block after the window must be the one it was, moved. */
    const gw__block *b = &then[w->after];
    if (!has_next || next.kind != b->kind || next.start != b->start + w->shift.moved ||
        next.end != b->end + w->shift.moved) {
      return PASS_FULL;
    }
  } else if (has_next) {
    return PASS_FULL;
  }
  size_t total = w->block_count + (count - w->after);
  if (total > w->block_capacity) {
    gw__block *bigger = realloc(w->blocks, total * sizeof *bigger);
    if (!bigger) return PASS_NOMEM;
    w->blocks = bigger;
    w->block_capacity = total;
  }
  for (size_t i = w->after; i < count; i++) {
    gw__block b = then[i];
    b.start = (uint32_t)(b.start + w->shift.moved);
    b.end = (uint32_t)(b.end + w->shift.moved);
    w->blocks[w->block_count++] = b;
  }
  w->scripts = malloc((total ? total : 1) * sizeof *w->scripts);
  w->years = malloc((total ? total : 1) * sizeof *w->years);
  if (!w->scripts || !w->years) return PASS_NOMEM;
  if (w->first) {
    memcpy(w->scripts, cache->scripts, w->first * sizeof *w->scripts);
    memcpy(w->years, cache->years, w->first * sizeof *w->years);
  }
  if (count > w->after) {
    memcpy(w->scripts + w->first + w->fresh_count, cache->scripts + w->after,
           (count - w->after) * sizeof *w->scripts);
    memcpy(w->years + w->first + w->fresh_count, cache->years + w->after,
           (count - w->after) * sizeof *w->years);
  }
  block_data(doc, severity, w->blocks + w->first, w->fresh_count, w->scripts + w->first,
             w->years + w->first);
  return PASS_DONE;
}

/* Whether the block [start, end) lies in the dirty range [from, to]. */
static bool touched(uint32_t start, uint32_t end, uint32_t from, uint32_t to) {
  return end >= from && start <= to;
}

/* What this pass checks again of the rules about the outline (see the
 * comment at the top and lint.h). */
typedef struct {
  bool all;      /* every outline rule, on the whole outline */
  bool scoped;   /* the rules about entries and lists, over `scope` */
  bool pairs;    /* pairing/unmatched */
  bool dates;    /* date/format */
  gw__outline_scope scope; /* the entries the edits replaced, now */
  /* Those entries then: [0, then_end) of `then` (of then_count, the entry
   * after them too when there is one), at bytes [old_start, old_stop). */
  const gw_entry *then;
  size_t then_count, then_end;
  uint32_t old_start, old_stop;
} outline_pass;

static bool about_entries_or_lists(gw__rule rule) {
  return rule <= GW__RULE_STRUCTURE_DUPLICATE_TITLE;
}

/* Whether the findings of the rules about the outline may be kept whole,
 * moved: see the comment at the top. */
static bool outline_kept(const gw_document *doc, const gw__lint_cache *cache, window *w) {
  const gw_severity *severity = cache->severity;
  for (size_t i = w->first; i < w->after; i++) {
    const gw__block *b = &cache->blocks[i];
    if (touched(b->start, b->end, w->start, w->old_end) && b->kind != GW__BLOCK_PARAGRAPH) {
      return false;
    }
  }
  for (size_t i = w->first; i < w->first + w->fresh_count; i++) {
    const gw__block *b = &w->blocks[i];
    if (touched(b->start, b->end, w->start, w->end) && b->kind != GW__BLOCK_PARAGRAPH) {
      return false;
    }
  }
  if (!cache->outline_same) return false;
  /* The entries now, the window's end now. */
  uint32_t window_end = (uint32_t)(w->window_old_end + w->shift.moved);
  for (size_t i = 0; i < doc->entry_count; i++) {
    const gw_entry *e = &doc->entries[i];
    /* An item's words are its text, which a touched block may change, and
     * enumeration/sequence compares the rows of items: none in the window. */
    if (e->kind == GW_ENTRY_ITEM &&
        touched(e->marker.start.byte, e->extent.end.byte, w->window_start, window_end)) {
      return false;
    }
    if (severity[GW__RULE_STRUCTURE_EMPTY_SECTION] != GW_SEVERITY_OFF &&
        e->kind == GW_ENTRY_HEADING &&
        touched(e->extent.start.byte, e->extent.end.byte, w->start, w->end)) {
      /* Where its marker was at the last lint: a marker that starts in
       * the changed bytes was not there. */
      uint32_t marker = e->marker.start.byte;
      if (marker >= w->start && marker < w->end) return false;
      uint32_t then = marker < w->start ? marker : (uint32_t)(marker - w->shift.moved);
      if (gw__section_empty(doc, e) !=
          has_finding(&cache->findings, GW__RULE_STRUCTURE_EMPTY_SECTION, then, then + 1)) {
        return false;
      }
    }
  }
  return true;
}

/* Whether date/format finds what it found: the blocks touched are
 * paragraphs and headings, the years the body names are the same, and the
 * preamble (the text before the first heading, which names the year
 * reported on) is outside the window. */
static bool dates_kept(const gw__lint_cache *cache, const window *w) {
  for (size_t i = w->first; i < w->after; i++) {
    const gw__block *b = &cache->blocks[i];
    if (touched(b->start, b->end, w->start, w->old_end) && b->kind != GW__BLOCK_PARAGRAPH &&
        b->kind != GW__BLOCK_HEADING) {
      return false;
    }
  }
  for (size_t i = w->first; i < w->first + w->fresh_count; i++) {
    const gw__block *b = &w->blocks[i];
    if (touched(b->start, b->end, w->start, w->end) && b->kind != GW__BLOCK_PARAGRAPH &&
        b->kind != GW__BLOCK_HEADING) {
      return false;
    }
  }
  uint64_t then_years = 0, now_years = 0;
  for (size_t i = w->first; i < w->after; i++) then_years += cache->years[i];
  for (size_t i = w->first; i < w->first + w->fresh_count; i++) now_years += w->years[i];
  if (then_years != now_years) return false;
  for (size_t i = 0; i < w->block_count && w->blocks[i].kind != GW__BLOCK_HEADING; i++) {
    if (i >= w->first) return false;
  }
  return true;
}

/* Whether the entries without a parent among those the edits replaced are
 * as they were in all that the rules about their list read: headings all,
 * of the same level and number, their markers and titles unchanged. */
static bool top_level_kept(const gw_document *doc, const shift *s, const outline_pass *o) {
  size_t i = 0, j = o->scope.first;
  for (;; i++, j++) {
    while (i < o->then_end && o->then[i].parent != GW_NONE) i++;
    while (j < o->scope.end && doc->entries[j].parent != GW_NONE) j++;
    if (i == o->then_end || j == o->scope.end) return i == o->then_end && j == o->scope.end;
    const gw_entry *then = &o->then[i], *now = &doc->entries[j];
    if (then->kind != GW_ENTRY_HEADING || now->kind != GW_ENTRY_HEADING ||
        then->level != now->level || then->number != now->number ||
        !bytes_kept(s, then->marker.start.byte, line_end(then), now->marker.start.byte,
                    line_end(now)) ||
        !bytes_kept(s, then->marker.end.byte, then->title.start.byte, now->marker.end.byte,
                    now->title.start.byte) ||
        !bytes_kept(s, then->number_range.start.byte, then->number_range.end.byte,
                    now->number_range.start.byte, now->number_range.end.byte)) {
      return false;
    }
  }
}

/* Decides what this pass checks again of the rules about the outline. */
static void decide_outline(const gw_document *doc, const gw__lint_cache *cache, window *w,
                           outline_pass *o) {
  memset(o, 0, sizeof *o);
  const gw_severity *severity = cache->severity;
  if (!any_outline_rule(severity)) return;
  o->dates = severity[GW__RULE_DATE_FORMAT] != GW_SEVERITY_OFF && !dates_kept(cache, w);
  if (outline_kept(doc, cache, w)) return;
  w->shift.ok = true;
  o->then = cache->replaced;
  o->then_count = cache->replaced_count;
  o->then_end = cache->change_removed;
  o->scope.first = cache->change_first;
  o->scope.end = cache->change_first + cache->change_added;
  o->scope.width = gw__outline_width(&cache->totals);
  gw__outline_scope_bytes(o->then, o->then_count, 0, o->then_end, &o->old_start, &o->old_stop);
  o->pairs = severity[GW__RULE_PAIRING_UNMATCHED] != GW_SEVERITY_OFF && cache->pairs_touched;
  /* The findings kept are moved by shift_byte, which leaves a position at
   * the change's start where it is: none of them may start an entry
   * there. */
  bool moves_clear = o->then_end == o->then_count ||
                     o->then[o->then_end].marker.start.byte > w->shift.start;
  o->all = !cache->replaced_known || o->scope.end > doc->entry_count || !moves_clear ||
           o->scope.width != gw__outline_width(&cache->totals_then) ||
           gw__outline_top_level(&cache->totals) != gw__outline_top_level(&cache->totals_then) ||
           !top_level_kept(doc, &w->shift, o);
  o->scoped = !o->all;
  if (o->all) o->pairs = o->dates = true;
}

/* Whether a finding of `rule` that starts at `start` (in the last lint's
 * positions) is checked again in this pass. */
static bool rechecked(gw__rule rule, uint32_t start, const window *w, bool to_the_end,
                      const outline_pass *o, bool scripts_everywhere) {
  if (rule == GW__RULE_PAIRING_UNMATCHED) return o->pairs;
  if (rule == GW__RULE_DATE_FORMAT) return o->dates;
  if (about_entries_or_lists(rule)) {
    return o->all || (o->scoped && gw__outline_in_scope(rule, start, o->then, o->then_count, 0,
                                                        o->then_end));
  }
  if (rule == GW__RULE_TEXT_MIXED_SCRIPT && scripts_everywhere) return true;
  return start >= w->window_start && (to_the_end || start < w->window_old_end);
}

/* Whether any finding of `run` may be checked again: rechecked() for all
 * of them at once, erring on the side of yes. */
static bool run_rechecked(const gw__finding_run *run, const window *w, bool to_the_end,
                          const outline_pass *o, bool scripts_everywhere) {
  uint32_t entry_rules = 0;
  for (int r = 0; r < GW__RULE_COUNT; r++) {
    if (about_entries_or_lists((gw__rule)r)) entry_rules |= UINT32_C(1) << r;
  }
  uint32_t first = run_start(run, 0), last = run_start(run, run->count - 1);
  if (run->rules & entry_rules &&
      (o->all || (o->scoped && last >= o->old_start && first < o->old_stop))) {
    return true;
  }
  if (o->pairs && (run->rules & UINT32_C(1) << GW__RULE_PAIRING_UNMATCHED)) return true;
  if (o->dates && (run->rules & UINT32_C(1) << GW__RULE_DATE_FORMAT)) return true;
  if (scripts_everywhere && (run->rules & UINT32_C(1) << GW__RULE_TEXT_MIXED_SCRIPT)) return true;
  return last >= w->window_start && (to_the_end || first < w->window_old_end);
}

/* How the change moves the positions [low, high] (moved, on rows from
 * `min_row` on when `points`): by *moved bytes and *moved_rows rows alike,
 * without changing a column; false when not so. */
static bool moves_alike(const shift *s, int64_t low, int64_t high, int64_t min_row, bool points,
                        int64_t *moved, int64_t *moved_rows) {
  if (high <= s->start) {
    *moved = *moved_rows = 0;
    return true;
  }
  if (low > s->start && low >= s->old_end && (!points || min_row > s->old_end_row)) {
    *moved = s->moved;
    *moved_rows = s->moved_rows;
    return true;
  }
  return false;
}

/* `run`, moved by the change as a whole, into *out; false when the change
 * does not move it alike. */
static bool run_moved(const gw__finding_run *run, const shift *s, gw__finding_run *out) {
  int64_t moved, moved_rows, before = 0, rows_before = 0;
  if (!moves_alike(s, run->split + run->moved, run->max_byte + run->moved,
                   run->min_row + run->moved_rows, true, &moved, &moved_rows)) {
    return false;
  }
  /* The positions before the split are no points: rows only. */
  if (run->before_min <= run->before_max &&
      !moves_alike(s, run->before_min + run->moved_before, run->before_max + run->moved_before,
                   0, false, &before, &rows_before)) {
    return false;
  }
  *out = *run;
  out->moved += moved;
  out->moved_rows += moved_rows;
  out->moved_before += before;
  out->moved_rows_before += rows_before;
  return true;
}

/* The row of byte `byte` (at row `row` in the last lint), moved. */
static uint32_t shift_row(const shift *s, uint32_t byte, uint32_t row) {
  return byte <= s->start ? row : (uint32_t)(row + s->moved_rows);
}

/* Finding `index` of `run` (of the last lint), moved into `out`; its edits
 * into `edits`.  False when a position lies in the change. */
static bool move_finding(shift *s, const gw__finding_run *run, size_t index, gw__finding *out,
                         gw_edit *edits) {
  const gw__finding *f = gw__run_finding(run, index);
  gw_range range = gw__run_range(run, f);
  *out = *f;
  out->start = shift_byte(s, gw__run_byte(run, f->start));
  out->end = shift_byte(s, gw__run_byte(run, f->end));
  out->range.start = shift_point(s, range.start);
  out->range.end = shift_point(s, range.end);
  if (f->row_ref != GW__NO_ROW) {
    uint32_t row_ref = gw__run_byte(run, f->row_ref);
    out->row_ref = shift_byte(s, row_ref);
    out->row_ref_row = shift_row(s, row_ref, gw__run_row(run, f->row_ref, f->row_ref_row));
  }
  for (size_t k = 0; k < f->edit_count; k++) {
    edits[k] = run->store->set.edits[f->first_edit + k];
    edits[k].start_byte = shift_byte(s, gw__run_byte(run, edits[k].start_byte));
    edits[k].end_byte = shift_byte(s, gw__run_byte(run, edits[k].end_byte));
  }
  return s->ok;
}

/* The findings of this pass, as they are put together: pieces in order,
 * each a run of the last lint shared, moved as a whole, or findings rebuilt
 * (moved one by one, or fresh) into one new set. */
typedef struct {
  bool shared;
  gw__finding_run run; /* shared: the run, moved */
  size_t first, end;   /* else: findings [first, end) of the rebuilt set */
} piece;

typedef struct {
  shift *shift;
  const gw__finding_set *fresh;
  size_t next_fresh; /* the first fresh finding not yet taken */
  gw__finding_set rebuilt;
  size_t open; /* the rebuilt findings from here on are in no piece yet */
  piece *pieces;
  size_t piece_count, piece_capacity;
} merger;

static bool add_piece(merger *m, const piece *p) {
  if (m->piece_count == m->piece_capacity) {
    size_t grown = m->piece_capacity ? m->piece_capacity * 2 : 16;
    piece *bigger = realloc(m->pieces, grown * sizeof *bigger);
    if (!bigger) return false;
    m->pieces = bigger;
    m->piece_capacity = grown;
  }
  m->pieces[m->piece_count++] = *p;
  return true;
}

/* Ends the piece of the rebuilt findings not yet in one. */
static bool close_rebuilt(merger *m) {
  if (m->rebuilt.count == m->open) return true;
  piece p = {false, {0}, m->open, m->rebuilt.count};
  m->open = m->rebuilt.count;
  return add_piece(m, &p);
}

/* Takes the fresh findings that come before `key` (all of them when NULL):
 * a kept finding comes before a fresh one at the same place. */
static bool take_fresh(merger *m, const gw__finding *key) {
  const gw__finding_set *fresh = m->fresh;
  for (; m->next_fresh < fresh->count; m->next_fresh++) {
    const gw__finding *f = &fresh->findings[m->next_fresh];
    if (key && !gw__finding_before(f, key)) break;
    const gw_edit *edits = f->edit_count ? fresh->edits + f->first_edit : NULL;
    if (!gw__finding_set_add(&m->rebuilt, f, edits)) return false;
  }
  return true;
}

/* Rebuilds the findings of `run` that this pass does not check again,
 * moved one by one, with the fresh findings among them. */
static pass_result rebuild_run(merger *m, const gw__finding_run *run, const window *w,
                               bool to_the_end, const outline_pass *outline,
                               bool scripts_everywhere) {
  /* Room for the run and the fresh findings still to come. */
  const gw__finding_set *fresh = m->fresh;
  if (!gw__finding_set_reserve(&m->rebuilt, m->rebuilt.count + run->count + fresh->count -
                                                m->next_fresh,
                               m->rebuilt.edit_count + run->edit_count + fresh->edit_count)) {
    return PASS_NOMEM;
  }
  for (size_t i = 0; i < run->count; i++) {
    const gw__finding *f = gw__run_finding(run, i);
    if (rechecked(f->rule, run_start(run, i), w, to_the_end, outline, scripts_everywhere)) {
      continue;
    }
    gw__finding key = *f;
    key.start = shift_byte(m->shift, gw__run_byte(run, f->start));
    key.end = shift_byte(m->shift, gw__run_byte(run, f->end));
    if (m->next_fresh < fresh->count &&
        gw__finding_before(&fresh->findings[m->next_fresh], &key) && !take_fresh(m, &key)) {
      return PASS_NOMEM;
    }
    gw__finding *out = &m->rebuilt.findings[m->rebuilt.count];
    if (!move_finding(m->shift, run, i, out, m->rebuilt.edits + m->rebuilt.edit_count)) {
      return PASS_FULL;
    }
    out->first_edit = m->rebuilt.edit_count;
    m->rebuilt.edit_count += out->edit_count;
    m->rebuilt.count++;
  }
  return PASS_DONE;
}

/* The key of finding `index` of the moved run `run`. */
static gw__finding moved_key(const gw__finding_run *run, size_t index) {
  gw__finding key = *gw__run_finding(run, index);
  key.start = gw__run_byte(run, key.start);
  key.end = gw__run_byte(run, key.end);
  return key;
}

/* Takes `run` as it is, moved as a whole, when nothing of it is checked
 * again and no fresh finding goes among its findings; else rebuilds it. */
static pass_result take_run(merger *m, const gw__finding_run *run, const window *w,
                            bool to_the_end, const outline_pass *outline,
                            bool scripts_everywhere) {
  piece p = {true, {0}, 0, 0};
  if (run_rechecked(run, w, to_the_end, outline, scripts_everywhere) ||
      !run_moved(run, m->shift, &p.run)) {
    return rebuild_run(m, run, w, to_the_end, outline, scripts_everywhere);
  }
  gw__finding first = moved_key(&p.run, 0), last = moved_key(&p.run, p.run.count - 1);
  if (!take_fresh(m, &first)) return PASS_NOMEM;
  const gw__finding_set *fresh = m->fresh;
  bool among = m->next_fresh < fresh->count &&
               gw__finding_before(&fresh->findings[m->next_fresh], &last);
  /* A short run joins the rebuilt findings before it rather than leave two
   * short runs side by side. */
  size_t open = m->rebuilt.count - m->open;
  if (among || (open && open + run->count <= GW__RUN_SIZE)) {
    return rebuild_run(m, run, w, to_the_end, outline, scripts_everywhere);
  }
  return close_rebuilt(m) && add_piece(m, &p) ? PASS_DONE : PASS_NOMEM;
}

/* The findings kept from the last lint, moved, merged with those of this
 * pass (`fresh`), into the cache: the runs that the change leaves alone or
 * moves as a whole are shared, the others rebuilt.  On failure the cache's
 * findings are as they were, and the caller forgets the cache. */
static pass_result merge(gw__lint_cache *cache, window *w, bool to_the_end,
                         const outline_pass *outline, bool scripts_everywhere,
                         const gw__finding_set *fresh) {
  merger m;
  memset(&m, 0, sizeof m);
  m.shift = &w->shift;
  m.fresh = fresh;
  const gw__findings *then = &cache->findings;
  /* Room for what is rebuilt at once, as growing would copy it over: all
   * of it when rules run again on the whole document, else the window's. */
  bool everywhere = outline->all || outline->pairs || outline->dates || scripts_everywhere;
  size_t room = fresh->count + (everywhere ? then->count : 4 * GW__RUN_SIZE);
  pass_result result =
      gw__finding_set_reserve(&m.rebuilt, room, fresh->edit_count + room) ? PASS_DONE : PASS_NOMEM;
  for (size_t r = 0; r < then->run_count && result == PASS_DONE; r++) {
    result = take_run(&m, &then->runs[r], w, to_the_end, outline, scripts_everywhere);
  }
  if (result == PASS_DONE && (!take_fresh(&m, NULL) || !close_rebuilt(&m))) result = PASS_NOMEM;
  if (result == PASS_DONE && !w->shift.ok) result = PASS_FULL;

  gw__findings now = {0};
  gw__finding_store *store = NULL;
  if (result == PASS_DONE && m.rebuilt.count) {
    store = gw__finding_store_new(&m.rebuilt);
    if (!store) result = PASS_NOMEM;
  }
  for (size_t i = 0; i < m.piece_count && result == PASS_DONE; i++) {
    const piece *p = &m.pieces[i];
    bool added = p->shared ? gw__findings_add_run(&now, &p->run)
                           : gw__findings_add_stored(&now, store, p->first, p->end - p->first);
    if (!added) result = PASS_NOMEM;
  }
  if (result == PASS_DONE) {
    gw__findings_free(&cache->findings);
    cache->findings = now;
  } else {
    gw__findings_free(&now);
  }
  gw__finding_store_release(store); /* the runs hold it now */
  gw__finding_set_free(&m.rebuilt);
  free(m.pieces);
  return result;
}

/* One incremental pass over the window that ends `widen` blocks further
 * than the edits need. */
static pass_result lint_window(const gw_document *doc, gw__lint_cache *cache, size_t widen) {
  const gw__block *then = cache->blocks;
  size_t count = cache->block_count;
  window w;
  memset(&w, 0, sizeof w);
  w.start = cache->dirty_start;
  w.end = cache->dirty_end;
  w.old_end = cache->dirty_old_end;
  int64_t moved = (int64_t)doc->length - (int64_t)cache->length;
  if (w.start > w.end || w.start > w.old_end || w.old_end > cache->length ||
      w.end > doc->length || (int64_t)w.end - w.old_end != moved) {
    return PASS_FULL;
  }

  /* The blocks touched, a neighbour on either side, and the runs of broken
   * lines that cross the ends. */
  size_t first = first_block(then, count, w.start, true);
  first = first > 0 ? first - 1 : 0;
  size_t after = first_block(then, count, w.old_end, false) + 1 + widen;
  if (after > count) after = count;
  while (first > 0 && broken_in(&cache->findings, &then[first - 1])) first--;
  while (after < count && broken_in(&cache->findings, &then[after - 1])) after++;
  /* The checks read a block's row from its start (text/residue removes
   * whole rows, indentation counts for text/broken-line), and a lone \r
   * ends a block but not a row: the blocks on the row where the change
   * ends are re-checked too. */
  while (after < count) {
    uint32_t start = (uint32_t)(then[after].start + moved);
    if (start <= w.end || memchr(doc->text + w.end, '\n', start - w.end)) break;
    after++;
  }
  w.first = first;
  w.after = after;
  w.window_start = first == 0 ? 0 : then[first].start;
  w.window_old_end = after == count ? (uint32_t)cache->length : then[after].start;
  w.shift.doc = doc;
  w.shift.start = cache->text_start;
  w.shift.old_end = cache->text_old_end;
  w.shift.moved = moved;
  w.shift.moved_rows = (int64_t)doc->row_count - (int64_t)cache->row_count;
  w.shift.old_end_row =
      (uint32_t)((int64_t)gw__point(doc, cache->text_end).row - w.shift.moved_rows);
  w.shift.ok = true;
  bool to_the_end = after == count;

  pass_result result = read_window(doc, cache, cache->severity, &w);
  bool scripts_everywhere = false;
  outline_pass outline;
  memset(&outline, 0, sizeof outline);
  int minority = cache->minority;
  uint64_t simplified = cache->simplified, traditional = cache->traditional;
  if (result == PASS_DONE) {
    decide_outline(doc, cache, &w, &outline);
    w.shift.ok = true;
    for (size_t i = first; i < after; i++) {
      simplified -= cache->scripts[i].simplified;
      traditional -= cache->scripts[i].traditional;
    }
    script_totals(w.scripts + first, w.fresh_count, &simplified, &traditional);
    minority = gw__script_minority(simplified, traditional);
    scripts_everywhere = minority != cache->minority;
  }
  gw__finding_set fresh = {0};
  gw__pool *pool = NULL;
  if (result == PASS_DONE) {
    gw_severity severity[GW__RULE_COUNT];
    memcpy(severity, cache->severity, sizeof severity);
    for (int r = 0; r < GW__RULE_COUNT; r++) {
      bool again = r == GW__RULE_PAIRING_UNMATCHED ? outline.pairs
                   : r == GW__RULE_DATE_FORMAT     ? outline.dates
                                                   : outline.all || outline.scoped;
      if (is_outline_rule((gw__rule)r) && !again) severity[r] = GW_SEVERITY_OFF;
    }
    gw__lint_setup setup = {w.blocks,  w.block_count, first,
                            first + w.fresh_count, w.scripts, minority,
                            scripts_everywhere, outline.scoped ? &outline.scope : NULL};
    gw_status status = gw__lint_run(doc, severity, &setup, &fresh, &pool);
    if (status != GW_OK) result = PASS_NOMEM;
  }
  /* A run of broken lines that now goes on past the window changes how the
   * next block reads: widen the window. */
  size_t fresh_end = first + w.fresh_count;
  if (result == PASS_DONE && fresh_end < w.block_count && w.fresh_count &&
      holds_finding(fresh.findings, fresh.count, 0, GW__RULE_TEXT_BROKEN_LINE,
                    w.blocks[fresh_end - 1].start, w.blocks[fresh_end - 1].end)) {
    result = PASS_WIDEN;
  }
  if (result == PASS_DONE) {
    result = merge(cache, &w, to_the_end, &outline, scripts_everywhere, &fresh);
  }
  if (result == PASS_DONE) {
    free(cache->blocks);
    free(cache->scripts);
    free(cache->years);
    cache->blocks = w.blocks;
    cache->block_count = w.block_count;
    cache->block_capacity = w.block_capacity;
    cache->scripts = w.scripts;
    cache->years = w.years;
    w.blocks = NULL;
    w.scripts = NULL;
    w.years = NULL;
    cache->simplified = simplified;
    cache->traditional = traditional;
    cache->minority = minority;
    remember_document(cache, doc);
  }
  gw__finding_set_free(&fresh);
  gw__pool_release(pool);
  window_free(&w);
  return result;
}

gw_status gw__lint_cached(const gw_document *doc, gw__lint_cache *cache,
                          const gw_severity severity[GW__RULE_COUNT], gw_diagnostics **out) {
  if (!cache->valid || memcmp(cache->severity, severity, sizeof cache->severity) != 0 ||
      cache->findings.run_count > MAX_RUNS(cache->findings.count)) {
    return lint_all(doc, cache, severity, out);
  }
  if (cache->edited) {
    pass_result result = PASS_WIDEN;
    for (size_t widen = 0; result == PASS_WIDEN && widen <= MAX_WIDENINGS; widen++) {
      result = lint_window(doc, cache, widen);
    }
    if (result == PASS_NOMEM) {
      forget(cache);
      return GW_ERROR_NOMEM;
    }
    if (result != PASS_DONE) return lint_all(doc, cache, severity, out);
  }
  gw_status status = gw__diagnostics_from(&cache->findings, severity, out);
  if (status != GW_OK) forget(cache);
  return status;
}
