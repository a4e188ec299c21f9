/*
 * Random edit sequences through the incremental API, checked against a
 * fresh parse after every step (as `tree-sitter fuzz` does: tree, outline,
 * pairs, and here diagnostics too): shared by the
 * fuzz target fuzz_edits.c, which draws the choices from its input, and by
 * tests/c/test_robust_edits.c, which draws them from a seeded generator.
 *
 * A step inserts a fragment of a report (markers, delimiters, line breaks,
 * parts of characters), deletes or replaces a few bytes, or undoes an
 * earlier step by the inverse edit.  Offsets are any byte, also inside a
 * character, as an editor's may be.
 */
#ifndef GONGWEN_FUZZ_EDITS_H
#define GONGWEN_FUZZ_EDITS_H

#include "invariants.h"

#include <stdint.h>

/* Where the choices come from: next(context) gives a number 0..2^32-1. */
typedef struct {
  uint32_t (*next)(void *context);
  void *context;
} gw_choices;

static inline uint32_t gw_choose(const gw_choices *c, uint32_t below) {
  return below ? c->next(c->context) % below : 0;
}

/* Fragments that change what a line is. */
static const char *const gw_edit_fragments[] = {
    "一、", "（一）", "(二)", "（三)", "1.", "2、", "１．", "（1）", "(2)", "①", "②、",
    "一是", "二是", "三是", "十一是", "是否", "。", "；", "：", ":", "，", "！",
    "\n", "\r\n", "\r", "\n\n", " ", "\t", "\xe3\x80\x80", "\xef\xbb\xbf", "\xe2\x80\x8b",
    "存在的问题", "整改措施", "原因分析", "工作开展情况", "下一步工作打算",
    "青禾县人民政府", "2025年12月30日", "二〇二五年十二月三十日", "报告", "关于",
    "扫一扫在手机打开当前页", "- 全部留言", "![]()", "（2025）", "1.5万元",
    "\xe4", "\xb8\x80", "\x80", "\xff", "\0", "\xe4\xb8", "（", "）", "(", ")",
};

typedef struct {
  size_t start;   /* the inverse edit replaces [start, start + new_length) */
  size_t new_length;
  char *old_text; /* by these bytes */
  size_t old_length;
} gw_undo;

#define GW_EDIT_MAX_UNDO 64

typedef struct {
  gw_document *doc;
  char *model; /* the text as the edits so far make it, kept apart */
  size_t model_length;
  gw_undo undo[GW_EDIT_MAX_UNDO];
  size_t undo_count;
  char description[160]; /* the last step, for messages */
  size_t partial_changes; /* edits after which gw_outline_last_change kept entries */
  /* Which options the steps lint with (gw_session_options); changed now
   * and then, so that the document's lint cache meets other options. */
  uint32_t options_kind;
} gw_edit_session;

#define GW_SESSION_OPTION_KINDS 5

/* Options of kind `kind`: the defaults (NULL), or some groups switched off
 * or on, or every rule at another severity.  The caller frees them. */
static inline gw_options *gw_session_options(uint32_t kind) {
  static const char *const off[GW_SESSION_OPTION_KINDS] = {
      NULL, "numbering/*", "text/*", "text/mixed-script", NULL};
  if (kind == 0 || kind >= GW_SESSION_OPTION_KINDS) return NULL;
  gw_options *options = gw_options_new();
  if (!options) return NULL;
  if (off[kind]) gw_options_set_severity(options, off[kind], GW_SEVERITY_OFF);
  else gw_options_set_severity(options, "*", GW_SEVERITY_HINT);
  return options;
}

/* Applies one edit to the document and the model; on failure of the
 * library, a message. */
static inline const char *gw_session_edit(gw_edit_session *s, size_t start, size_t end,
                                   const char *text, size_t length, int remember) {
  char *old = NULL;
  if (remember) {
    old = malloc(end - start + 1);
    if (!old) return gw_invariant_fail("out of memory");
    memcpy(old, s->model + start, end - start);
  }
  size_t before_count = gw_outline_count(s->doc);
  gw_entry *before = malloc((before_count ? before_count : 1) * sizeof *before);
  if (!before) {
    free(old);
    return gw_invariant_fail("out of memory");
  }
  for (size_t i = 0; i < before_count; i++) before[i] = *gw_outline_entry(s->doc, i);
  gw_status status = gw_document_edit(s->doc, start, end, text, length);
  if (status != GW_OK) {
    free(old);
    free(before);
    return gw_invariant_fail("gw_document_edit(%zu, %zu, %zu bytes): %s", start, end, length,
                             gw_strerror(status, GW_LANG_EN));
  }
  int partial = 0;
  const char *why = gw_check_last_change(before, before_count, s->model, s->doc, &partial);
  free(before);
  if (why) {
    free(old);
    return why;
  }
  s->partial_changes += (size_t)partial;
  char *model = malloc(s->model_length - (end - start) + length + 1);
  if (!model) {
    free(old);
    return gw_invariant_fail("out of memory");
  }
  memcpy(model, s->model, start);
  if (length) memcpy(model + start, text, length);
  memcpy(model + start + length, s->model + end, s->model_length - end);
  s->model_length = s->model_length - (end - start) + length;
  model[s->model_length] = '\0';
  free(s->model);
  s->model = model;
  if (remember) {
    if (s->undo_count == GW_EDIT_MAX_UNDO) {
      free(s->undo[0].old_text);
      memmove(s->undo, s->undo + 1, (GW_EDIT_MAX_UNDO - 1) * sizeof s->undo[0]);
      s->undo_count--;
    }
    gw_undo u = {start, length, old, end - start};
    s->undo[s->undo_count++] = u;
  }
  return NULL;
}

static inline const char *gw_session_start(gw_edit_session *s, const char *text, size_t length) {
  memset(s, 0, sizeof *s);
  s->model = malloc(length + 1);
  if (!s->model) return gw_invariant_fail("out of memory");
  if (length) memcpy(s->model, text, length);
  s->model[length] = '\0';
  s->model_length = length;
  gw_status status = gw_document_new(text, length, &s->doc);
  if (status != GW_OK) {
    return gw_invariant_fail("gw_document_new: %s", gw_strerror(status, GW_LANG_EN));
  }
  return NULL;
}

static inline void gw_session_end(gw_edit_session *s) {
  gw_document_free(s->doc);
  free(s->model);
  for (size_t i = 0; i < s->undo_count; i++) free(s->undo[i].old_text);
  memset(s, 0, sizeof *s);
}

/* A byte offset: anywhere, or more often at the start or end of a line. */
static inline size_t gw_choose_offset(const gw_edit_session *s, const gw_choices *c) {
  size_t at = gw_choose(c, (uint32_t)s->model_length + 1);
  if (gw_choose(c, 3) == 0) {
    while (at > 0 && s->model[at - 1] != '\n') at--;
  }
  return at;
}

/* One random step; then the document must equal a fresh parse of the
 * model.  `source` (may be empty) gives bytes to copy in. */
static inline const char *gw_session_step(gw_edit_session *s, const gw_choices *c,
                                          const char *source, size_t source_length) {
  size_t nfragments = sizeof gw_edit_fragments / sizeof gw_edit_fragments[0];
  uint32_t kind = gw_choose(c, 10);
  const char *why = NULL;
  if (kind == 9 && s->undo_count > 0) {
    gw_undo u = s->undo[--s->undo_count];
    snprintf(s->description, sizeof s->description, "undo: [%zu, %zu) back to %zu bytes",
             u.start, u.start + u.new_length, u.old_length);
    why = gw_session_edit(s, u.start, u.start + u.new_length, u.old_text, u.old_length, 0);
    free(u.old_text);
  } else {
    size_t start = gw_choose_offset(s, c);
    size_t end = start;
    const char *text = "";
    size_t length = 0;
    if (kind <= 3 || kind == 9) { /* insert a fragment */
      text = gw_edit_fragments[gw_choose(c, (uint32_t)nfragments)];
      length = text[0] ? strlen(text) : (kind & 1); /* "\0": a NUL byte */
    } else if (kind == 4 && source_length > 0) { /* insert bytes of the source */
      size_t from = gw_choose(c, (uint32_t)source_length);
      length = 1 + gw_choose(c, 48);
      if (length > source_length - from) length = source_length - from;
      text = source + from;
    } else if (kind <= 6) { /* delete */
      end = start + gw_choose(c, kind == 5 ? 4 : 24);
    } else { /* replace */
      end = start + gw_choose(c, 8);
      text = gw_edit_fragments[gw_choose(c, (uint32_t)nfragments)];
      length = strlen(text);
    }
    if (end > s->model_length) end = s->model_length;
    snprintf(s->description, sizeof s->description, "edit [%zu, %zu) of %zu bytes -> %zu bytes",
             start, end, s->model_length, length);
    why = gw_session_edit(s, start, end, text, length, 1);
  }
  if (why) return why;

  size_t length = 0;
  const char *text = gw_document_text(s->doc, &length);
  if (length != s->model_length || memcmp(text, s->model, length) != 0) {
    return gw_invariant_fail("after %s: the document's text is not the edited text",
                             s->description);
  }
  gw_document *fresh = NULL;
  gw_status status = gw_document_new(s->model, s->model_length, &fresh);
  if (status != GW_OK) return gw_invariant_fail("fresh parse: %s", gw_strerror(status, GW_LANG_EN));
  why = gw_check_same(s->doc, fresh);
  if (gw_choose(c, 8) == 0) s->options_kind = gw_choose(c, GW_SESSION_OPTION_KINDS);
  /* Not after every step: the lint then meets the edits of several. */
  if (!why && gw_choose(c, 3) != 0) {
    gw_options *options = gw_session_options(s->options_kind);
    why = gw_check_same_lint(s->doc, fresh, options);
    gw_options_free(options);
  }
  gw_document_free(fresh);
  if (why) {
    static char message[700];
    snprintf(message, sizeof message, "after %s (options %u): %s", s->description,
             (unsigned)s->options_kind, why);
    return message;
  }
  return NULL;
}

#endif
