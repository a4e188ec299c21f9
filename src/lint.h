/*
 * Internals of the consistency checks (src/lint*.c, src/rules_*.c,
 * src/fix.c), shared with their tests.  Not part of the public API.
 *
 * A check reports a finding through a gw__linter: gw__lint_begin opens it,
 * gw__lint_message gives its sentences, gw__lint_edit adds the edits of its
 * fix.  gw_lint collects the findings of every enabled rule, sorts them and
 * turns them into gw_diagnostics.
 */
#ifndef GONGWEN_LINT_H
#define GONGWEN_LINT_H

#include "internal.h"

#include <stdatomic.h>

/* The rules, in the stable order of gw_rule_name.  When two fixes would
 * change the same characters, gw_fix_edits keeps the rule that comes first. */
typedef enum {
  GW__RULE_NUMBERING_SEQUENCE,
  GW__RULE_NUMBERING_LEVEL_SKIP,
  GW__RULE_NUMBERING_DELIMITER,
  GW__RULE_NUMBERING_WIDTH,
  GW__RULE_ENUMERATION_SEQUENCE,
  GW__RULE_HEADING_PUNCTUATION,
  GW__RULE_STRUCTURE_EMPTY_SECTION,
  GW__RULE_STRUCTURE_DUPLICATE_TITLE,
  GW__RULE_PAIRING_UNMATCHED,
  GW__RULE_TEXT_HALFWIDTH_PUNCTUATION,
  GW__RULE_TEXT_DIGIT_SPACING,
  GW__RULE_TEXT_BROKEN_LINE,
  GW__RULE_TEXT_RESIDUE,
  GW__RULE_TEXT_PINYIN,
  GW__RULE_TEXT_MIXED_SCRIPT,
  GW__RULE_DATE_FORMAT,
  GW__RULE_COUNT
} gw__rule;

/* --- lint_rules.c: the rule table and options ---------------------------- */

struct gw_options {
  gw_severity severity[GW__RULE_COUNT];
};

/* Calls `visit` for every rule that `pattern` names: a rule name, a group
 * ("numbering/" and "*") or "*".  Returns how many it named (0: none). */
size_t gw__rules_matching(const char *pattern, size_t pattern_length,
                          void (*visit)(gw__rule rule, void *context), void *context);

/* The severity `options` gives `rule`; the default when options is NULL. */
gw_severity gw__rule_severity(const gw_options *options, gw__rule rule);

/* --- lint.c: collecting findings ----------------------------------------- */

typedef struct gw__linter gw__linter;

/* Whether `rule` runs in this pass. */
bool gw__lint_enabled(const gw__linter *linter, gw__rule rule);

/* Opens a finding of `rule` over bytes [start, end); the calls below add to
 * it until the next gw__lint_begin.  Returns false when the rule is off or
 * memory ran out (the linter then fails as a whole), so that the caller can
 * skip composing messages and edits. */
bool gw__lint_begin(gw__linter *linter, gw__rule rule, uint32_t start, uint32_t end);

/* Sets the open finding's message in `lang`, printf-style with %s %c %d %u
 * %zu and %% only. */
#if defined(__GNUC__)
#define GW__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define GW__PRINTF(f, a)
#endif
void gw__lint_message(gw__linter *linter, gw_lang lang, const char *format, ...) GW__PRINTF(3, 4);

/* As gw__lint_message, for a message that names a line: its first %u is
 * the 1-based row of byte `row_byte`, which the caller passes there.  When
 * an edit moves that row, an incremental lint renumbers the message
 * without running the check again. */
void gw__lint_message_row(gw__linter *linter, gw_lang lang, uint32_t row_byte, const char *format,
                          ...) GW__PRINTF(4, 5);

/* Sets the open finding's message in `lang` to a sentence with static
 * storage, which is not copied. */
void gw__lint_message_static(gw__linter *linter, gw_lang lang, const char *sentence);

/* A piece of a message: `length` bytes of `text`. */
typedef struct {
  const char *text;
  size_t length;
} gw__piece;
#define GW__PIECE(literal) ((gw__piece){literal, sizeof(literal) - 1})

/* Sets the open finding's message in `lang` to pieces[0, count) one after
 * the other: for the findings that come by the thousand, a sentence and
 * an excerpt cost less put together than formatted. */
void gw__lint_message_pieces(gw__linter *linter, gw_lang lang, const gw__piece *pieces,
                             size_t count);

/* Adds an edit to the open finding's fix: bytes [start, end) become
 * `length` bytes of `text`.  The edits of one finding must not overlap; a
 * finding whose edits do, gets no fix. */
void gw__lint_edit(gw__linter *linter, uint32_t start, uint32_t end, const char *text,
                   size_t length);

/* As gw__lint_edit, for a `text` with static storage (ending in a NUL after
 * `length` bytes), which is not copied. */
void gw__lint_edit_static(gw__linter *linter, uint32_t start, uint32_t end, const char *text,
                          size_t length);

/* The document being checked. */
const gw_document *gw__lint_document(const gw__linter *linter);

/* Memory ran out in a check: gw_lint fails with GW_ERROR_NOMEM. */
void gw__lint_fail(gw__linter *linter);

/* Up to `max_chars` characters of doc's text [start, end) for a message,
 * into buffer (at least 4 * max_chars + 4 bytes): valid UTF-8 (U+FFFD for
 * bytes that are not), line breaks as spaces, `…` when cut.  Returns its
 * length (without the NUL it ends in). */
size_t gw__lint_excerpt(const gw_document *doc, uint32_t start, uint32_t end, size_t max_chars,
                        char *buffer, size_t size);

/* The simplified and traditional characters of a block (text/mixed-script),
 * and which of the two scripts is the fault in a document. */
typedef struct {
  uint32_t simplified, traditional;
  /* What the text scanners need in the whole block (GW__NEEDS_*, as
   * gw__scan_needs), read in the same pass. */
  unsigned text_needs;
} gw__script_count;
enum { GW__MINORITY_NONE, GW__MINORITY_SIMPLIFIED, GW__MINORITY_TRADITIONAL };

/* The blocks of the document; NULL (and *count 0) when memory ran out, which
 * also fails the run. */
const gw__block *gw__lint_blocks(gw__linter *linter, size_t *count);

/* Reads the blocks of doc's tree that start in [from, to), appending them
 * to *blocks (of *count, room for *capacity); *next receives the first
 * block that starts at or after `to` (*has_next: whether there is one), and
 * *straddles whether a block starts before `from` and ends after it. */
gw_status gw__read_blocks(const gw_document *doc, uint32_t from, uint32_t to, gw__block **blocks,
                          size_t *count, size_t *capacity, gw__block *next, bool *has_next,
                          bool *straddles);

/* The blocks whose text findings this pass reports: [*first, *end) of
 * gw__lint_blocks (all of them, but in an incremental lint). */
void gw__lint_window(const gw__linter *linter, size_t *first, size_t *end);

/* Each block's counts of gw__count_scripts, text_needs included, when the
 * pass was given them (an incremental lint); NULL when not. */
const gw__script_count *gw__lint_block_counts(const gw__linter *linter);

/* [start, end) without the blanks and line breaks at either end. */
void gw__trim(const char *text, uint32_t *start, uint32_t *end);

/* The rule of diagnostic `index` of `diagnostics`. */
gw__rule gw__diagnostic_rule(const gw_diagnostics *diagnostics, size_t index);

/* Runs the rules whose severity in `severity` is not off. */
gw_status gw__lint_with(const gw_document *doc, const gw_severity severity[GW__RULE_COUNT],
                        gw_diagnostics **out);

/* --- findings kept across lints (lint.c, lint_cache.c) -------------------- */

/* The texts of the findings of one pass, shared by reference count between
 * the diagnostics handed out and the document's cache. */
typedef struct gw__pool gw__pool;
void gw__pool_retain(gw__pool *pool);
void gw__pool_release(gw__pool *pool);

#define GW__NO_ROW UINT32_MAX

/* A finding as the diagnostics show it, with where its texts are. */
typedef struct {
  gw__rule rule;
  uint32_t start, end;
  gw_range range;
  const char *message[2]; /* by gw_lang */
  /* A message that names a line (gw__lint_message_row): the byte whose row
   * it names and that row, and where the number is in each message.  The
   * messages keep the number they were written with; the diagnostics write
   * the row's number now when it moved. */
  uint32_t row_ref, row_ref_row;
  uint32_t row_at[2], row_digits[2];
  size_t first_edit, edit_count; /* in the set's edits */
  gw__pool *pool;                /* holds its texts, but static ones; not owned */
} gw__finding;

/* Findings in the order of the diagnostics. */
typedef struct {
  gw__finding *findings;
  size_t count, capacity;
  gw_edit *edits;
  size_t edit_count, edit_capacity;
} gw__finding_set;

void gw__finding_set_free(gw__finding_set *set);
/* Makes room for `findings` findings and `edits` edits in all. */
bool gw__finding_set_reserve(gw__finding_set *set, size_t findings, size_t edits);
/* Appends `f` with its edits; false when out of memory. */
bool gw__finding_set_add(gw__finding_set *set, const gw__finding *f, const gw_edit *edits);

/* A finding set that no longer changes, shared by reference count between
 * the document's cache and the diagnostics handed out; it holds the pools
 * of its findings' texts. */
typedef struct gw__finding_store gw__finding_store;
struct gw__finding_store {
  atomic_size_t references;
  gw__finding_set set;
  gw__pool **pools;
  size_t pool_count;
};

/* A store of the findings of `set`, which it takes over (leaving `set`
 * empty); NULL when out of memory (`set` is then as it was). */
gw__finding_store *gw__finding_store_new(gw__finding_set *set);
void gw__finding_store_release(gw__finding_store *store);

/* Findings of a store, [first, first + count), read moved: a run is
 * shared as it is when an edit moves its findings as a whole.  Their
 * positions from `split` (the first finding's start) on move by `moved`
 * bytes and `moved_rows` rows; those before it (a row that a message names,
 * or an edit, before the finding and maybe far off) by `moved_before` and
 * `moved_rows_before`.  Columns stay: the points on the row where an edit
 * ends are never in a moved run.  What it holds is summed up for the
 * incremental lint, in the store's positions. */
#define GW__RUN_SIZE 128
typedef struct {
  gw__finding_store *store; /* one reference */
  uint32_t first, count;
  uint32_t split;
  int64_t moved, moved_rows, moved_before, moved_rows_before;
  uint32_t before_min, before_max; /* of the positions before split (min > max: none) */
  uint32_t max_byte;               /* of every position: start, end, row_ref, edits */
  uint32_t min_row;                /* of the ranges' starts */
  uint32_t rules;                  /* a bit per gw__rule */
  size_t edit_count;
  size_t text_bound; /* room for the messages that name a row, renumbered */
} gw__finding_run;

/* Position `byte` of a finding of `run` (in the store), moved. */
static inline uint32_t gw__run_byte(const gw__finding_run *run, uint32_t byte) {
  return (uint32_t)(byte + (byte < run->split ? run->moved_before : run->moved));
}
static inline uint32_t gw__run_row(const gw__finding_run *run, uint32_t byte, uint32_t row) {
  return (uint32_t)(row + (byte < run->split ? run->moved_rows_before : run->moved_rows));
}
/* The range of finding `f` of `run`, moved (it lies from the split on). */
static inline gw_range gw__run_range(const gw__finding_run *run, const gw__finding *f) {
  uint32_t moved = (uint32_t)run->moved, moved_rows = (uint32_t)run->moved_rows;
  gw_range range = f->range;
  range.start.byte += moved;
  range.end.byte += moved;
  range.start.row += moved_rows;
  range.end.row += moved_rows;
  return range;
}

/* The findings of a lint, in the order of the diagnostics, as runs. */
typedef struct {
  gw__finding_run *runs;
  size_t run_count, run_capacity;
  size_t count; /* findings in all */
} gw__findings;

void gw__findings_free(gw__findings *findings);
/* Appends the findings [first, first + count) of `store`, unmoved, in runs
 * of at most GW__RUN_SIZE; false when out of memory. */
bool gw__findings_add_stored(gw__findings *findings, gw__finding_store *store, size_t first,
                             size_t count);
/* Appends `run`, which a run of other findings moved or not. */
bool gw__findings_add_run(gw__findings *findings, const gw__finding_run *run);
/* Finding `index` of `run`, in the store's positions. */
static inline const gw__finding *gw__run_finding(const gw__finding_run *run, size_t index) {
  return &run->store->set.findings[run->first + index];
}

/* --- the outline rules over a part of the outline (rules_numbering.c,
 * rules_structure.c) ------------------------------------------------------ */

/* What the rules read of the outline as a whole, kept as sums over the
 * entries so that an incremental lint can take away the entries an edit
 * replaced and add those that replaced them. */
typedef struct {
  size_t half_brackets, full_brackets; /* in the markers of headings */
  size_t headings_of_level[6];         /* [1] … [5] */
} gw__outline_totals;

/* Adds entries [first, end) of `entries` to *totals, or takes them away. */
void gw__outline_totals_add(gw__outline_totals *totals, const gw_entry *entries, size_t first,
                            size_t end);
void gw__outline_totals_remove(gw__outline_totals *totals, const gw_entry *entries, size_t first,
                               size_t end);
/* The bracket width most markers have (numbering/width, and the brackets of
 * every standard marker the messages and fixes write); full when tied. */
gw_width gw__outline_width(const gw__outline_totals *totals);
/* The level of the document's highest headings (numbering/level-skip of the
 * entries without a parent); 5 when there is none. */
int gw__outline_top_level(const gw__outline_totals *totals);

/* The outline rules split by what a finding depends on:
 * - rules about one entry (numbering/delimiter, numbering/width,
 *   heading/punctuation, structure/empty-section): that entry (its marker,
 *   title, body, children and the text of its section) and the width;
 * - rules about one list of siblings, the children of one parent or the
 *   entries without a parent (numbering/sequence, numbering/level-skip,
 *   enumeration/sequence, structure/duplicate-title): the kind, level,
 *   number, marker, title and row of each member, the parent's level and
 *   marker, the width, and for the list without a parent the top level;
 *   each of their findings starts at the marker or title of a member (its
 *   anchor), its fix renumbers members only;
 * - pairing/unmatched: the pairs, which may join entries anywhere, and
 *   date/format: blocks, not entries.  Neither is part of a scope.
 *
 * A scope is entries [first, end) of the outline, whole top-level sections
 * (an entry without a parent and the entries up to the next one).  A run
 * over a scope reports, of what a run over the whole outline reports, the
 * findings of the rules about one entry for the entries in it, and those of
 * the rules about a list for the lists whose parent is in it: exactly the
 * findings that gw__outline_in_scope accepts.  It leaves out the list of
 * the entries without a parent, whose members lie outside the scope too;
 * the lint that keeps its findings checks that its members in the scope
 * did not change. */
typedef struct {
  size_t first, end;
  gw_width width; /* gw__outline_width of the whole outline */
} gw__outline_scope;

/* The bytes of scope [first, end) of `entries` (of `count`): from the
 * marker of its first entry to that of entries[end] (UINT32_MAX when none);
 * 0 and 0 for an empty scope. */
void gw__outline_scope_bytes(const gw_entry *entries, size_t count, size_t first, size_t end,
                             uint32_t *start, uint32_t *stop);

/* Whether a run over scope [first, end) of `entries` (of `count`) reports
 * a finding of `rule` that starts at `start` when a run over the whole
 * outline does: a rule about one entry that starts within the scope's
 * bytes, or a rule about a list whose anchor there (the last entry whose
 * marker starts at or before it) has a parent.  False for rules that are
 * not about entries and lists. */
bool gw__outline_in_scope(gw__rule rule, uint32_t start, const gw_entry *entries, size_t count,
                          size_t first, size_t end);

/* What an incremental pass gives the checks instead of reading it itself. */
typedef struct {
  const gw__block *blocks; /* every block of the document */
  size_t block_count;
  size_t window_first, window_end; /* the blocks whose text findings to report */
  /* text/mixed-script: each block's counts, the minority, and whether to
   * report in every block (the minority changed) or in the window only. */
  const gw__script_count *scripts;
  int minority;
  bool scripts_everywhere;
  /* The part of the outline the outline rules check; NULL: all of it. */
  const gw__outline_scope *outline;
} gw__lint_setup;

/* The part of the outline this pass checks with the outline rules; NULL
 * when it checks all of it. */
const gw__outline_scope *gw__lint_outline_scope(const gw__linter *linter);

/* Runs the rules that `severity` enables, as `setup` says (NULL: on the
 * whole document), into `set` (empty), whose texts go to *pool (NULL when
 * there are none). */
gw_status gw__lint_run(const gw_document *doc, const gw_severity severity[GW__RULE_COUNT],
                       const gw__lint_setup *setup, gw__finding_set *set, gw__pool **pool);

/* Diagnostics of `findings`, which share their runs.  A diagnostic is
 * made when it is first asked for, with the others of its run. */
gw_status gw__diagnostics_from(const gw__findings *findings,
                               const gw_severity severity[GW__RULE_COUNT], gw_diagnostics **out);

/* Whether finding `a` comes before `b` among the diagnostics (by position,
 * then rule; equal ones keep the order they came in). */
static inline bool gw__finding_before(const gw__finding *a, const gw__finding *b) {
  if (a->start != b->start) return a->start < b->start;
  if (a->end != b->end) return a->end < b->end;
  return a->rule < b->rule;
}

/* --- lint_cache.c: the incremental lint ---------------------------------- */

/* gw_lint with the document's cache. */
gw_status gw__lint_cached(const gw_document *doc, gw__lint_cache *cache,
                          const gw_severity severity[GW__RULE_COUNT], gw_diagnostics **out);

/* --- rules_*.c: the checks, one entry point per file --------------------- */

void gw__check_numbering(gw__linter *linter);
void gw__check_structure(gw__linter *linter);
void gw__check_text(gw__linter *linter);
void gw__check_mixed_script(gw__linter *linter, const gw_document *doc, const gw__block *blocks,
                            size_t count);

/* text/mixed-script in parts, for the incremental lint: the simplified and
 * traditional characters of each block (counts[i]), the script that is the
 * fault given the totals (GW__MINORITY_*), and the findings in
 * blocks[0, count) given the minority. */
void gw__count_scripts(const gw_document *doc, const gw__block *blocks, size_t count,
                       gw__script_count *counts);
int gw__script_minority(uint64_t simplified, uint64_t traditional);
void gw__report_mixed_script(gw__linter *linter, const gw_document *doc, const gw__block *blocks,
                             size_t count, const gw__script_count *counts, int minority);

/* Whether structure/empty-section reports heading `e`. */
bool gw__section_empty(const gw_document *doc, const gw_entry *e);

/* What date/format reads of the body of a block: a hash of the years
 * written in it (0 when none), so that an incremental lint can tell whether
 * an edit changed them. */
uint64_t gw__block_years(const gw_document *doc, const gw__block *block);

/* --- lint_text.c: scanning running text ---------------------------------- */

/* What the text scanners find: bytes [start, end) and what they should be
 * (`replacement`, with static storage; NULL when there is no fix). */
typedef struct {
  uint32_t start, end;
  const char *replacement;
  size_t replacement_length;
} gw__text_hit;

typedef void (*gw__text_hit_fn)(void *context, const gw__text_hit *hit);

/* Which of the scanners below text[start, end) needs, from one pass over
 * its bytes: GW__NEEDS_MARK when it holds a half-width `, : ; ( ) ?`,
 * GW__NEEDS_SPACE a space, tab or no-break space, GW__NEEDS_BRACKET `(`
 * or `（`.  Most paragraphs need none of them: the scanners, which read
 * every character, are for the ranges that do. */
enum { GW__NEEDS_MARK = 1, GW__NEEDS_SPACE = 2, GW__NEEDS_BRACKET = 4, GW__NEEDS_ALL = 7 };
unsigned gw__scan_needs(const char *text, size_t start, size_t end);

/* What a byte shows the scanners to look for.  0xEF leads `（` (EF BC 88)
 * but every other full-width form too: its GW__NEEDS_BRACKET holds only
 * where U+FF08 starts. */
extern const unsigned char gw__byte_needs[256];

/* Half-width `, : ; ( ) ?` in Chinese prose within text[start, end), with
 * their full-width forms; never in numbers (3,000 14:57), URLs, Latin
 * text, or pinyin annotations (text/pinyin removes those). */
void gw__scan_halfwidth_punctuation(const char *text, size_t start, size_t end,
                                    gw__text_hit_fn hit, void *context);

/* Spaces between an Arabic number and a Chinese character (`2023 年`,
 * `学习 4 次`), to be removed. */
void gw__scan_digit_spacing(const char *text, size_t start, size_t end, gw__text_hit_fn hit,
                            void *context);

/* Pinyin annotations after a Chinese character: `鎮(zhèn)`, `设（shè）`,
 * to be removed. */
void gw__scan_pinyin(const char *text, size_t start, size_t end, gw__text_hit_fn hit,
                     void *context);

/* Whether the paragraph text[start, end) (white space trimmed) ends in
 * mid-sentence: its last character is no sentence end, closing quote or
 * bracket. */
bool gw__ends_mid_sentence(const char *text, size_t start, size_t end);

/* gw__decode with the common cases inline: ASCII and valid three-byte
 * sequences (all of CJK), nearly every character of a report.  The checks
 * read the text several times, so this matters; it reads exactly what
 * gw__decode reads. */
static inline int32_t gw__next_char(const char *text, size_t end, size_t *pos) {
  const unsigned char *s = (const unsigned char *)text + *pos;
  if (s[0] < 0x80) {
    (*pos)++;
    return s[0];
  }
  if ((s[0] & 0xF0) == 0xE0 && *pos + 2 < end && (s[1] & 0xC0) == 0x80 &&
      (s[2] & 0xC0) == 0x80) {
    int32_t cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *pos += 3;
      return cp;
    }
  }
  return gw__decode(text, end, pos);
}

/* gw__decode_before with the common case inline: a valid three-byte
 * sequence before *pos (all of CJK); it reads exactly what
 * gw__decode_before reads. */
static inline int32_t gw__char_before(const char *text, size_t *pos) {
  const unsigned char *s = (const unsigned char *)text + *pos;
  if (*pos >= 3 && (s[-3] & 0xF0) == 0xE0 && ((s[-2] ^ 0x80u) | (s[-1] ^ 0x80u)) < 0x40u) {
    int32_t cp = ((s[-3] & 0x0F) << 12) | ((s[-2] & 0x3F) << 6) | (s[-1] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *pos -= 3;
      return cp;
    }
  }
  return gw__decode_before(text, pos);
}

/* Han ideographs (and 〇), what makes prose Chinese with CJK punctuation. */
static inline bool gw__is_han(int32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}
bool gw__is_cjk_punctuation(int32_t cp);

/* --- lint_edits.c: edits ------------------------------------------------- */

/* Whether edits[0..count) are sorted and do not overlap (an insertion may
 * sit at the start of the edit that follows it). */
bool gw__edits_ordered(const gw_edit *edits, size_t count);

/* Sorts edits by position (start, then end), keeping the order of equal ones. */
void gw__edits_sort(gw_edit *edits, size_t count);

#endif /* GONGWEN_LINT_H */
