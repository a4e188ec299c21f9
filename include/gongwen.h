/*
 * libgongwen: the structure and consistency of Chinese official reports.
 *
 * A report (法治政府建设年度报告, 工作总结, 自查报告, 整改报告 …) is parsed
 * with the tree-sitter grammar `gongwen` into sections that nest by the
 * GB/T 9704 numbering hierarchy 一、 → （一） → 1. → （1） → ①.  This library
 * answers what an editor asks of it: the outline, where a position is, which
 * sections hold problems and which their remedies, and what is inconsistent,
 * with fixes.
 *
 * Conventions
 * - Every name has the prefix gw_ / GW_.
 * - Text is UTF-8.  Bytes that are not valid UTF-8 are kept and read as one
 *   unknown character each; they never make a call fail.
 * - Positions are byte offsets from the start of the text.  A gw_point also
 *   gives the row (0-based line; only `\n` starts a new row, as in
 *   tree-sitter and in a Neovim buffer, so the `\r` of `\r\n` ends its row
 *   and a lone `\r` is a character of its row) and the column in bytes from
 *   the start of that row; this is Neovim's convention.
 * - Ownership is stated on every function.  "Borrowed" results stay valid
 *   until the object they come from is changed or freed; everything a
 *   function allocates for the caller is released with the matching _free.
 *   Every _free accepts NULL.
 * - Functions that can fail return a gw_status; gw_strerror names it.
 */
#ifndef GONGWEN_H
#define GONGWEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(GW_BUILDING_LIBRARY)
#define GW_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define GW_EXPORT __attribute__((visibility("default")))
#else
#define GW_EXPORT
#endif

#define GW_VERSION_MAJOR 0
#define GW_VERSION_MINOR 1
#define GW_VERSION_PATCH 0
#define GW_VERSION_STRING "0.1.0"

/* The library's version, "MAJOR.MINOR.PATCH".  Static string. */
GW_EXPORT const char *gw_version(void);

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */

typedef enum {
  GW_OK = 0,
  GW_ERROR_NOMEM,     /* out of memory */
  GW_ERROR_ARGUMENT,  /* a required pointer was NULL, or a value out of range */
  GW_ERROR_ENCODING,  /* the input's encoding could not be read or converted */
  GW_ERROR_TOO_LARGE, /* the input is larger than GW_MAX_TEXT */
  GW_ERROR_PARSE,     /* tree-sitter could not parse the text */
  GW_ERROR_ABI,       /* the grammar does not match the tree-sitter runtime */
  GW_ERROR_UNKNOWN_RULE, /* a rule name that no rule has */
} gw_status;

/* Languages of user-facing messages. */
typedef enum { GW_LANG_EN = 0, GW_LANG_ZH = 1 } gw_lang;

/* A sentence describing `status` in `lang`.  Static string, never NULL. */
GW_EXPORT const char *gw_strerror(gw_status status, gw_lang lang);

/* The largest text a document may hold (tree-sitter counts in 32 bits). */
#define GW_MAX_TEXT ((size_t)UINT32_MAX - 1)

/* ------------------------------------------------------------------------ */
/* Positions                                                                 */

typedef struct {
  uint32_t byte;   /* offset from the start of the text */
  uint32_t row;    /* 0-based line */
  uint32_t column; /* bytes from the start of the line */
} gw_point;

typedef struct {
  gw_point start;
  gw_point end; /* exclusive */
} gw_range;

/* ------------------------------------------------------------------------ */
/* Documents                                                                 */

typedef struct gw_document gw_document;

/* Parses `length` bytes of `text` (copied; NUL bytes are text too).
 * On success *out owns a new document, to be released with
 * gw_document_free.  On failure *out is NULL. */
GW_EXPORT gw_status gw_document_new(const char *text, size_t length, gw_document **out);

GW_EXPORT void gw_document_free(gw_document *doc);

/* Replaces bytes [start_byte, old_end_byte) with `new_length` bytes of
 * `new_text` (copied) and re-parses incrementally.  Every borrowed result
 * of `doc` is invalid afterwards.  On failure the document is unchanged. */
GW_EXPORT gw_status gw_document_edit(gw_document *doc, size_t start_byte, size_t old_end_byte,
                                     const char *new_text, size_t new_length);

/* The current text; *length (if not NULL) receives its size.  Borrowed;
 * NUL-terminated for convenience. */
GW_EXPORT const char *gw_document_text(const gw_document *doc, size_t *length);

/* The row and column of a byte offset (clamped to the text), and back.
 * gw_document_byte_at clamps a column past the end of a row to the row's
 * end, and a row past the last to the end of the text. */
GW_EXPORT gw_point gw_document_point_at(const gw_document *doc, size_t byte);
GW_EXPORT size_t gw_document_byte_at(const gw_document *doc, uint32_t row, uint32_t column);

/* The S-expression of the syntax tree, for debugging.  The caller owns the
 * string and releases it with gw_string_free. */
GW_EXPORT char *gw_document_tree_string(const gw_document *doc);
GW_EXPORT void gw_string_free(char *string);

/* ------------------------------------------------------------------------ */
/* Outline                                                                   */

typedef enum {
  GW_ENTRY_HEADING = 1, /* a heading, opening a section */
  GW_ENTRY_ITEM = 2,    /* an enumeration item: 一是…… */
} gw_entry_kind;

/* What a section is about, from its heading title; several may be set
 * (四、存在的问题及整改措施). */
enum {
  GW_ROLE_ACHIEVEMENTS = 1 << 0, /* 工作开展情况, 主要成效 … */
  GW_ROLE_PROBLEMS = 1 << 1,     /* 存在的问题, 不足, 短板 … */
  GW_ROLE_CAUSES = 1 << 2,       /* 原因分析, 原因剖析 … */
  GW_ROLE_REMEDIES = 1 << 3,     /* 整改措施, 下一步工作打算 … */
};

/* Width of a marker's brackets. */
typedef enum {
  GW_WIDTH_NONE = 0, /* no bracket */
  GW_WIDTH_HALF = 1, /* ( ) */
  GW_WIDTH_FULL = 2, /* （ ） */
} gw_width;

#define GW_NONE (-1)

typedef struct {
  gw_entry_kind kind;
  /* Headings: 1-5 for 一、 （一） 1. （1） ①.  Items: one deeper than the
   * heading whose section holds them (1 when no heading does). */
  int level;
  /* The value of the number: 一 → 1, 十二 → 12, １２ → 12, ⑤ → 5; 0 when it
   * cannot be read. */
  uint32_t number;
  gw_range marker; /* the marker as written: `（一）、`, `1．`, `一是` */
  gw_range number_range; /* the number within the marker */
  /* Heading title, without surrounding blanks; items: the item's text after
   * 是 up to its first 。 ； ; ！ or ？ (which it leaves out). */
  gw_range title;
  gw_range body;   /* run-in body after the title (empty when none); items: the text after 是 */
  gw_range extent; /* headings: the whole section; items: the whole item */
  /* The marker's form, for the checks of numbering/delimiter and width. */
  uint32_t delimiter; /* code point after the number or bracket, 0 when none */
  gw_width open_width;
  gw_width close_width;
  bool fullwidth_digits;
  unsigned roles; /* GW_ROLE_* bits, headings only */
  /* Indices into the outline, or GW_NONE.  Items are children of the heading
   * whose section holds them. */
  long parent, first_child, next_sibling, prev_sibling;
} gw_entry;

/* Headings and items in document order. */
GW_EXPORT size_t gw_outline_count(const gw_document *doc);

/* Entry `index`, or NULL when out of range.  Borrowed. */
GW_EXPORT const gw_entry *gw_outline_entry(const gw_document *doc, size_t index);

/* What the last gw_document_edit of `doc` changed in the outline, so that a
 * view of it can redraw only that: entries [*first, *first + *old_count)
 * of the outline before the edit were replaced by entries [*first, *first +
 * *new_count) after it.  The entries before *first are as they were; those
 * after the replaced ones are the same entries, *new_count - *old_count
 * places further (their parent, child and sibling indices renumbered
 * accordingly), with the same kind, level, number, marker form, roles and
 * texts, though their positions may have moved.  Only the sibling links
 * between entries without a parent may join across the replaced ones
 * (gw_entry.next_sibling of the last such entry before *first, and
 * prev_sibling of the first one after).  After an edit that made the
 * library read the whole document again, the range is the whole outline
 * (*first 0, *old_count and *new_count the sizes before and after).
 * Returns false, leaving the outputs alone, for a document not edited since
 * gw_document_new (or NULL); any output pointer may be NULL. */
GW_EXPORT bool gw_outline_last_change(const gw_document *doc, size_t *first, size_t *old_count,
                                      size_t *new_count);

/* The standard form of entry `index`'s marker (`（一）`, `1.`, `一是`) into
 * `buffer` of `size` bytes, NUL-terminated.  Returns the length it needs
 * without the NUL, as snprintf does; 0 for an index out of range. */
GW_EXPORT size_t gw_entry_standard_marker(const gw_document *doc, size_t index, char *buffer,
                                          size_t size);

/* ------------------------------------------------------------------------ */
/* Navigation                                                                */

/* The innermost heading whose section holds `byte`, or GW_NONE. */
GW_EXPORT long gw_heading_at(const gw_document *doc, size_t byte);

enum {
  GW_NAV_SAME_LEVEL = 1 << 0, /* only headings of the level of the current one */
  GW_NAV_WRAP = 1 << 1,       /* wrap around the ends of the document */
};

/* The first heading that starts after the line holding `byte`, or the last
 * that starts before it; GW_NONE when there is none.  With
 * GW_NAV_SAME_LEVEL, only headings of the level of gw_heading_at(byte)
 * (level 1 when there is none). */
GW_EXPORT long gw_next_heading(const gw_document *doc, size_t byte, unsigned flags);
GW_EXPORT long gw_prev_heading(const gw_document *doc, size_t byte, unsigned flags);

/* Headings from the outermost to the innermost that hold `byte`: writes at
 * most `capacity` indices to `out` and returns how many there are. */
GW_EXPORT size_t gw_breadcrumb(const gw_document *doc, size_t byte, long *out, size_t capacity);

/* ------------------------------------------------------------------------ */
/* Problems and remedies                                                     */

typedef struct {
  long problem; /* outline index of a problem (heading or item) */
  long cause;   /* the cause matched to it, or GW_NONE */
  long remedy;  /* the remedy matched to it, or GW_NONE */
  double score; /* 0-1: how well the remedy's words answer the problem's */
} gw_pair;

/* Pairs of every problem item in the document, in document order. */
GW_EXPORT size_t gw_pair_count(const gw_document *doc);

/* Pair `index`, or NULL when out of range.  Borrowed. */
GW_EXPORT const gw_pair *gw_pair_get(const gw_document *doc, size_t index);

/* The pair that an outline entry (problem, cause or remedy) belongs to, or
 * GW_NONE. */
GW_EXPORT long gw_pair_of(const gw_document *doc, long entry);

/* ------------------------------------------------------------------------ */
/* Consistency checks                                                        */

typedef enum {
  GW_SEVERITY_OFF = 0,
  GW_SEVERITY_ERROR = 1, /* the numbers follow vim.diagnostic.severity */
  GW_SEVERITY_WARNING = 2,
  GW_SEVERITY_INFO = 3,
  GW_SEVERITY_HINT = 4,
} gw_severity;

/* One replacement of bytes [start_byte, end_byte) by `text`. */
typedef struct {
  uint32_t start_byte;
  uint32_t end_byte;
  const char *text; /* NUL-terminated */
  size_t text_length;
} gw_edit;

typedef struct {
  const char *rule; /* stable name: "numbering/sequence"; static string */
  gw_severity severity;
  gw_range range;
  const char *message_en;
  const char *message_zh;
  /* The fix: edits that do not overlap, in order; none when not fixable.
   * The findings of one numbering run (numbering/sequence,
   * enumeration/sequence) share its renumbering: each renumbers from itself
   * to the next finding of the run, so that fixing all renumbers the run. */
  const gw_edit *edits;
  size_t edit_count;
} gw_diagnostic;

/* The rules, in a stable order. */
GW_EXPORT size_t gw_rule_count(void);
/* Rule `index`'s name, or NULL out of range.  Static string. */
GW_EXPORT const char *gw_rule_name(size_t index);
GW_EXPORT gw_severity gw_rule_default_severity(size_t index);
/* One sentence on what the rule checks.  Static string. */
GW_EXPORT const char *gw_rule_description(size_t index, gw_lang lang);

/* Which rules run and how severe their findings are. */
typedef struct gw_options gw_options;

/* Default options: every rule at its default severity.  The caller owns
 * the result and releases it with gw_options_free; NULL when out of memory. */
GW_EXPORT gw_options *gw_options_new(void);
GW_EXPORT void gw_options_free(gw_options *options);

/* Sets the severity of `rule`: a rule name, a group (the group's name, a
 * slash and an asterisk: "numbering/" "*") or "*" for every rule;
 * GW_SEVERITY_OFF switches it off.  GW_ERROR_UNKNOWN_RULE when `rule`
 * names no rule.  gw_options_severity gives the severity of one rule name
 * (GW_SEVERITY_OFF for a name that no rule has; the default severity when
 * `options` is NULL). */
GW_EXPORT gw_status gw_options_set_severity(gw_options *options, const char *rule,
                                            gw_severity severity);
GW_EXPORT gw_severity gw_options_severity(const gw_options *options, const char *rule);

/* Applies a configuration file (`.gongwenrc`) to `options`.  The format is
 * lines of `RULE = SEVERITY` (RULE as for gw_options_set_severity; SEVERITY
 * one of off, error, warning, info, hint, in any case, also warn and 0-4;
 * either may be quoted), optionally under a `[rules]` header; `#` starts a
 * comment; later lines override earlier ones.  On failure (GW_ERROR_ARGUMENT
 * for a line that is not of this form, GW_ERROR_UNKNOWN_RULE for a name no
 * rule has) *error_line (if not NULL) receives the 1-based line at fault and
 * `options` is unchanged. */
GW_EXPORT gw_status gw_options_parse(gw_options *options, const char *text, size_t length,
                                     size_t *error_line);

typedef struct gw_diagnostics gw_diagnostics;

/* Checks `doc`; `options` may be NULL for the defaults.  On success *out
 * owns the findings, sorted by position, to be released with
 * gw_diagnostics_free; they stay valid after `doc` changes.  The document
 * keeps the findings of its last lint (though `doc` is const), so that the
 * next gw_lint with the same options after gw_document_edit re-checks only
 * what the edits touched: a document is not to be used from two threads at
 * once, not even to lint it. */
GW_EXPORT gw_status gw_lint(const gw_document *doc, const gw_options *options,
                            gw_diagnostics **out);
GW_EXPORT void gw_diagnostics_free(gw_diagnostics *diagnostics);
GW_EXPORT size_t gw_diagnostics_count(const gw_diagnostics *diagnostics);
/* Finding `index`, or NULL when out of range.  Borrowed from `diagnostics`. */
GW_EXPORT const gw_diagnostic *gw_diagnostics_get(const gw_diagnostics *diagnostics,
                                                  size_t index);

/* ------------------------------------------------------------------------ */
/* Fixes                                                                     */

/* The edits that fix every fixable finding of `rule` (as for
 * gw_options_set_severity; the rules it names run even where `options`
 * switches them off), or with `rule` NULL of every rule that `options`
 * enables.  The fixes of the findings are merged, sorted by position, so
 * that none overlap: where two would change the same characters, the rule
 * that comes first in gw_rule_name's order is kept (and the other finding is
 * settled by it).  Where a fix changes how the rest reads (residue removed
 * from between two sections joins them), the result is checked again and
 * the rounds are composed into edits of the original text, so that applying
 * the edits and fixing again yields no edits.  On success *out owns them
 * (release with gw_edits_free, which frees their texts too) and *count
 * receives their number. */
GW_EXPORT gw_status gw_fix_edits(const gw_document *doc, const gw_options *options,
                                 const char *rule, gw_edit **out, size_t *count);
GW_EXPORT void gw_edits_free(gw_edit *edits, size_t count);

/* Applies edits sorted by position and not overlapping to `text`.  On
 * success *out owns the new text (NUL-terminated; release with
 * gw_string_free) and *out_length receives its size. */
GW_EXPORT gw_status gw_apply_edits(const char *text, size_t length, const gw_edit *edits,
                                   size_t count, char **out, size_t *out_length);

/* ------------------------------------------------------------------------ */
/* Encodings                                                                 */

/* Converts `length` bytes of `input` to UTF-8.  `encoding` names the input's
 * charset ("GB18030", "UTF-16LE" …) or is NULL to detect it (a BOM, valid
 * UTF-8, else ICU's detector).  On success *out owns the UTF-8 text (release
 * with gw_string_free), *out_length its size, and *detected (if not NULL)
 * borrows the name of the charset read, a static string. */
GW_EXPORT gw_status gw_to_utf8(const char *input, size_t length, const char *encoding,
                               char **out, size_t *out_length, const char **detected);

#ifdef __cplusplus
}
#endif

#endif /* GONGWEN_H */
