/*
 * gw_fix_edits: the edits that fix a document, merged from the fixes of its
 * diagnostics.
 *
 * A diagnostic's fix is taken whole or not at all.  Rules are taken in the
 * order of the rule table; a fix that would change characters that an
 * earlier fix already changes is left out, except that an edit identical to
 * one already taken is simply shared.  The rules are
 * written so that the fixes that survive also settle the findings whose fixes
 * were left out: numbering/sequence rewrites a number in half-width digits,
 * which is also what numbering/width asks.
 */
#include "lint.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  gw_edit *items;
  size_t count, capacity;
} edit_set; /* sorted, no two conflicting */

static bool same_edit(const gw_edit *a, const gw_edit *b) {
  return a->start_byte == b->start_byte && a->end_byte == b->end_byte &&
         a->text_length == b->text_length &&
         (a->text_length == 0 || memcmp(a->text, b->text, a->text_length) == 0);
}

/* Whether two different edits cannot both be applied. */
static bool conflict(const gw_edit *a, const gw_edit *b) {
  uint32_t low = a->start_byte > b->start_byte ? a->start_byte : b->start_byte;
  uint32_t high = a->end_byte < b->end_byte ? a->end_byte : b->end_byte;
  if (low < high) return true; /* they share characters */
  bool a_inserts = a->start_byte == a->end_byte, b_inserts = b->start_byte == b->end_byte;
  if (a_inserts && b_inserts) return a->start_byte == b->start_byte;
  if (a_inserts) return a->start_byte > b->start_byte && a->start_byte < b->end_byte;
  if (b_inserts) return b->start_byte > a->start_byte && b->start_byte < a->end_byte;
  return false;
}

/* Index of the first edit of `set` that starts at or after `start`. */
static size_t lower_bound(const edit_set *set, uint32_t start) {
  size_t low = 0, high = set->count;
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    if (set->items[middle].start_byte < start) low = middle + 1;
    else high = middle;
  }
  return low;
}

typedef enum { EDIT_NEW, EDIT_PRESENT, EDIT_CONFLICT } edit_fit;

static edit_fit fit(const edit_set *set, const gw_edit *edit) {
  size_t i = lower_bound(set, edit->start_byte);
  /* Of the edits that start before, only the last can reach this one. */
  if (i > 0 && conflict(&set->items[i - 1], edit)) return EDIT_CONFLICT;
  edit_fit result = EDIT_NEW;
  for (; i < set->count; i++) {
    const gw_edit *other = &set->items[i];
    if (other->start_byte > edit->end_byte) break;
    if (same_edit(other, edit)) result = EDIT_PRESENT;
    else if (conflict(other, edit)) return EDIT_CONFLICT;
  }
  return result;
}

static bool insert(edit_set *set, const gw_edit *edit) {
  if (set->count == set->capacity) {
    size_t grown = set->capacity ? set->capacity * 2 : 64;
    gw_edit *bigger = realloc(set->items, grown * sizeof *bigger);
    if (!bigger) return false;
    set->items = bigger;
    set->capacity = grown;
  }
  /* Findings come in order of position, so this is nearly always the end. */
  size_t i = set->count;
  while (i > 0 && (set->items[i - 1].start_byte > edit->start_byte ||
                   (set->items[i - 1].start_byte == edit->start_byte &&
                    set->items[i - 1].end_byte > edit->end_byte))) {
    i--;
  }
  memmove(set->items + i + 1, set->items + i, (set->count - i) * sizeof *edit);
  set->items[i] = *edit;
  set->count++;
  return true;
}

/* Moves the edits of `from` into `into`, keeping the order; empties `from`. */
static bool merge(edit_set *into, edit_set *from) {
  size_t total = into->count + from->count;
  gw_edit *merged = malloc((total ? total : 1) * sizeof *merged);
  if (!merged) return false;
  size_t i = 0, j = 0, k = 0;
  while (i < into->count && j < from->count) {
    const gw_edit *a = &into->items[i], *b = &from->items[j];
    bool b_first = b->start_byte < a->start_byte ||
                   (b->start_byte == a->start_byte && b->end_byte < a->end_byte);
    merged[k++] = b_first ? from->items[j++] : into->items[i++];
  }
  while (i < into->count) merged[k++] = into->items[i++];
  while (j < from->count) merged[k++] = from->items[j++];
  free(into->items);
  into->items = merged;
  into->count = into->capacity = total;
  from->count = 0;
  return true;
}

static void choose_rule(gw__rule rule, void *context) {
  bool *chosen = context;
  chosen[rule] = true;
}

/* Copies the edits and their texts into one block, owned by the caller. */
static gw_status hand_over(const edit_set *set, gw_edit **out, size_t *count) {
  size_t text_bytes = 0;
  for (size_t i = 0; i < set->count; i++) text_bytes += set->items[i].text_length + 1;
  size_t header = (set->count ? set->count : 1) * sizeof(gw_edit);
  gw_edit *block = malloc(header + text_bytes);
  if (!block) return GW_ERROR_NOMEM;
  char *texts = (char *)block + header;
  for (size_t i = 0; i < set->count; i++) {
    const gw_edit *edit = &set->items[i];
    if (edit->text_length) memcpy(texts, edit->text, edit->text_length);
    texts[edit->text_length] = '\0';
    block[i] = (gw_edit){edit->start_byte, edit->end_byte, texts, edit->text_length};
    texts += edit->text_length + 1;
  }
  *out = block;
  *count = set->count;
  return GW_OK;
}

/* One round: the merged fixes of the findings of `doc`. */
static gw_status fix_round(const gw_document *doc, const gw_severity severity[GW__RULE_COUNT],
                           gw_edit **out, size_t *count) {
  gw_diagnostics *diagnostics;
  gw_status status = gw__lint_with(doc, severity, &diagnostics);
  if (status != GW_OK) return status;

  edit_set taken = {0}, rule_taken = {0};
  size_t total = gw_diagnostics_count(diagnostics);
  for (int r = 0; r < GW__RULE_COUNT && status == GW_OK; r++) {
    for (size_t i = 0; i < total && status == GW_OK; i++) {
      if (gw__diagnostic_rule(diagnostics, i) != (gw__rule)r) continue;
      const gw_diagnostic *d = gw_diagnostics_get(diagnostics, i);
      bool fits = true;
      for (size_t k = 0; k < d->edit_count && fits; k++) {
        fits = fit(&taken, &d->edits[k]) != EDIT_CONFLICT &&
               fit(&rule_taken, &d->edits[k]) != EDIT_CONFLICT;
      }
      for (size_t k = 0; k < d->edit_count && fits; k++) {
        if (fit(&taken, &d->edits[k]) == EDIT_NEW && fit(&rule_taken, &d->edits[k]) == EDIT_NEW &&
            !insert(&rule_taken, &d->edits[k])) {
          status = GW_ERROR_NOMEM;
        }
      }
    }
    if (status == GW_OK && !merge(&taken, &rule_taken)) status = GW_ERROR_NOMEM;
  }
  if (status == GW_OK) status = hand_over(&taken, out, count);
  free(taken.items);
  free(rule_taken.items);
  gw_diagnostics_free(diagnostics);
  return status;
}

/* A growing text, for the replacements of composed edits. */
typedef struct {
  char *bytes;
  size_t length, capacity;
} buffer;

static bool append(buffer *b, const char *bytes, size_t length) {
  if (b->length + length + 1 > b->capacity) {
    size_t grown = b->capacity ? b->capacity * 2 : 256;
    while (grown < b->length + length + 1) grown *= 2;
    char *bigger = realloc(b->bytes, grown);
    if (!bigger) return false;
    b->bytes = bigger;
    b->capacity = grown;
  }
  if (length) memcpy(b->bytes + b->length, bytes, length);
  b->length += length;
  return true;
}

/* Edits `first` turn T0 into T1 (`middle`), edits `second` T1 into T2; the
 * edits that turn T0 into T2.  Where edits of the two rounds touch, they
 * become one edit over the characters of both. */
static gw_status compose(const gw_edit *first, size_t first_count, const char *middle,
                         const gw_edit *second, size_t second_count, gw_edit **out,
                         size_t *count) {
  edit_set result = {0};
  buffer texts = {0};
  size_t *offsets = malloc((first_count + second_count + 1) * sizeof *offsets);
  if (!offsets) return GW_ERROR_NOMEM;
  bool ok = true;
  long long shift = 0; /* T1 position minus T0 position, before the cluster */
  size_t i = 0, j = 0;
  /* T1 ranges of the first round's edits are their new texts. */
  long long first_shift = 0;
  uint32_t *first_t1 = malloc((first_count + 1) * sizeof *first_t1);
  if (!first_t1) {
    free(offsets);
    return GW_ERROR_NOMEM;
  }
  for (size_t k = 0; k < first_count; k++) {
    first_t1[k] = (uint32_t)((long long)first[k].start_byte + first_shift);
    first_shift += (long long)first[k].text_length -
                   (long long)(first[k].end_byte - first[k].start_byte);
  }
  while (ok && (i < first_count || j < second_count)) {
    /* A cluster: edits of either round whose T1 ranges touch. */
    uint32_t c1, c2;
    bool takes_first = j == second_count ||
                       (i < first_count && first_t1[i] <= second[j].start_byte);
    if (takes_first) {
      c1 = first_t1[i];
      c2 = c1 + (uint32_t)first[i].text_length;
    } else {
      c1 = second[j].start_byte;
      c2 = second[j].end_byte;
    }
    size_t i0 = i, j0 = j;
    long long cluster_shift = 0;
    for (;;) {
      if (i < first_count && first_t1[i] <= c2 && first_t1[i] + first[i].text_length >= c1) {
        uint32_t end = first_t1[i] + (uint32_t)first[i].text_length;
        if (end > c2) c2 = end;
        cluster_shift += (long long)first[i].text_length -
                         (long long)(first[i].end_byte - first[i].start_byte);
        i++;
      } else if (j < second_count && second[j].start_byte <= c2 && second[j].end_byte >= c1) {
        if (second[j].end_byte > c2) c2 = second[j].end_byte;
        j++;
      } else {
        break;
      }
    }
    if (j == j0) {
      /* Only first-round edits: they stand as they are. */
      for (size_t k = i0; k < i; k++) {
        offsets[result.count] = texts.length;
        ok = ok && append(&texts, first[k].text, first[k].text_length) &&
             append(&texts, "", 1) && insert(&result, &first[k]);
      }
    } else {
      /* T1[c1, c2) with the second round's edits applied replaces the
       * T0 characters it came from. */
      gw_edit combined = {(uint32_t)((long long)c1 - shift),
                          (uint32_t)((long long)c2 - shift - cluster_shift), NULL, 0};
      offsets[result.count] = texts.length;
      uint32_t at = c1;
      for (size_t k = j0; k < j && ok; k++) {
        ok = append(&texts, middle + at, second[k].start_byte - at) &&
             append(&texts, second[k].text, second[k].text_length);
        at = second[k].end_byte;
      }
      ok = ok && append(&texts, middle + at, c2 - at);
      combined.text_length = texts.length - offsets[result.count];
      ok = ok && append(&texts, "", 1) && insert(&result, &combined);
    }
    shift += cluster_shift;
  }
  /* Texts moved as the buffer grew: point the edits at them now. */
  for (size_t k = 0; ok && k < result.count; k++) result.items[k].text = texts.bytes + offsets[k];
  gw_status status = ok ? hand_over(&result, out, count) : GW_ERROR_NOMEM;
  free(result.items);
  free(texts.bytes);
  free(offsets);
  free(first_t1);
  return status;
}

/* Fixing can change how the rest reads: removing residue from the middle of
 * a report joins the sections around it, so their numbering is judged
 * anew.  The fixes are therefore applied, the result checked again, and the
 * rounds composed, until a round finds nothing to fix. */
#define MAX_FIX_ROUNDS 4

gw_status gw_fix_edits(const gw_document *doc, const gw_options *options, const char *rule,
                       gw_edit **out, size_t *count) {
  if (out) *out = NULL;
  if (count) *count = 0;
  if (!doc || !out || !count) return GW_ERROR_ARGUMENT;

  /* Without `rule`, the rules that `options` enables; with it, the rules it
   * names, even those that `options` switches off: they were asked for. */
  bool chosen[GW__RULE_COUNT] = {false};
  if (rule && gw__rules_matching(rule, strlen(rule), choose_rule, chosen) == 0) {
    return GW_ERROR_UNKNOWN_RULE;
  }
  gw_severity severity[GW__RULE_COUNT];
  for (size_t i = 0; i < GW__RULE_COUNT; i++) {
    severity[i] = gw__rule_severity(options, (gw__rule)i);
    if (rule && !chosen[i]) severity[i] = GW_SEVERITY_OFF;
    if (rule && chosen[i] && severity[i] == GW_SEVERITY_OFF) severity[i] = GW_SEVERITY_WARNING;
  }

  gw_edit *edits = NULL;
  size_t edit_count = 0;
  gw_status status = fix_round(doc, severity, &edits, &edit_count);
  for (int round = 1; status == GW_OK && edit_count > 0 && round < MAX_FIX_ROUNDS; round++) {
    char *text = NULL;
    size_t length = 0;
    status = gw_apply_edits(doc->text, doc->length, edits, edit_count, &text, &length);
    gw_document *next = NULL;
    if (status == GW_OK) status = gw_document_new(text, length, &next);
    gw_edit *more = NULL;
    size_t more_count = 0;
    if (status == GW_OK) status = fix_round(next, severity, &more, &more_count);
    if (status == GW_OK && more_count > 0) {
      gw_edit *composed = NULL;
      size_t composed_count = 0;
      status = compose(edits, edit_count, text, more, more_count, &composed, &composed_count);
      if (status == GW_OK) {
        gw_edits_free(edits, edit_count);
        edits = composed;
        edit_count = composed_count;
      }
    }
    gw_edits_free(more, more_count);
    gw_document_free(next);
    free(text);
    if (status == GW_OK && more_count == 0) break;
  }
  if (status != GW_OK) {
    gw_edits_free(edits, edit_count);
    return status;
  }
  *out = edits;
  *count = edit_count;
  return GW_OK;
}
