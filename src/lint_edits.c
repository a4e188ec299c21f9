/*
 * Edits: applying them to a text, ordering them, releasing them.
 */
#include "lint.h"

#include <stdlib.h>
#include <string.h>

bool gw__edits_ordered(const gw_edit *edits, size_t count) {
  for (size_t i = 0; i < count; i++) {
    if (edits[i].start_byte > edits[i].end_byte) return false;
    if (i > 0 && edits[i].start_byte < edits[i - 1].end_byte) return false;
    /* Two edits at one point would leave their order to chance. */
    if (i > 0 && edits[i].start_byte == edits[i - 1].start_byte &&
        edits[i - 1].start_byte == edits[i - 1].end_byte &&
        edits[i].start_byte == edits[i].end_byte) {
      return false;
    }
  }
  return true;
}

static bool edit_before(const gw_edit *a, const gw_edit *b) {
  if (a->start_byte != b->start_byte) return a->start_byte < b->start_byte;
  return a->end_byte < b->end_byte;
}

/* Stable merge sort; insertion sort on short runs.  The edits of one fix
 * are few, those of a whole document many, hence not insertion sort alone. */
void gw__edits_sort(gw_edit *edits, size_t count) {
  enum { RUN = 16 };
  for (size_t start = 0; start < count; start += RUN) {
    size_t end = start + RUN < count ? start + RUN : count;
    for (size_t i = start + 1; i < end; i++) {
      gw_edit moving = edits[i];
      size_t j = i;
      while (j > start && edit_before(&moving, &edits[j - 1])) {
        edits[j] = edits[j - 1];
        j--;
      }
      edits[j] = moving;
    }
  }
  if (count <= RUN) return;
  gw_edit *buffer = malloc(count * sizeof *buffer);
  if (!buffer) {
    /* No memory for merging: finish with insertion sort, slower but sound. */
    for (size_t i = 1; i < count; i++) {
      gw_edit moving = edits[i];
      size_t j = i;
      while (j > 0 && edit_before(&moving, &edits[j - 1])) {
        edits[j] = edits[j - 1];
        j--;
      }
      edits[j] = moving;
    }
    return;
  }
  for (size_t width = RUN; width < count; width *= 2) {
    for (size_t left = 0; left < count; left += 2 * width) {
      size_t middle = left + width < count ? left + width : count;
      size_t right = middle + width < count ? middle + width : count;
      size_t i = left, j = middle, k = left;
      while (i < middle && j < right) {
        buffer[k++] = edit_before(&edits[j], &edits[i]) ? edits[j++] : edits[i++];
      }
      while (i < middle) buffer[k++] = edits[i++];
      while (j < right) buffer[k++] = edits[j++];
    }
    memcpy(edits, buffer, count * sizeof *edits);
  }
  free(buffer);
}

void gw_edits_free(gw_edit *edits, size_t count) {
  /* gw_fix_edits allocates the edits and their texts as one block. */
  (void)count;
  free(edits);
}

gw_status gw_apply_edits(const char *text, size_t length, const gw_edit *edits, size_t count,
                         char **out, size_t *out_length) {
  if (out) *out = NULL;
  if (out_length) *out_length = 0;
  if (!out || (!text && length > 0) || (!edits && count > 0)) return GW_ERROR_ARGUMENT;
  if (!gw__edits_ordered(edits, count)) return GW_ERROR_ARGUMENT;

  size_t new_length = length;
  for (size_t i = 0; i < count; i++) {
    const gw_edit *edit = &edits[i];
    if (edit->end_byte > length) return GW_ERROR_ARGUMENT;
    if (edit->text_length > 0 && !edit->text) return GW_ERROR_ARGUMENT;
    size_t removed = edit->end_byte - edit->start_byte;
    new_length -= removed; /* never below 0: the edits lie in the text, apart */
    if (edit->text_length > SIZE_MAX - 1 - new_length) return GW_ERROR_TOO_LARGE;
    new_length += edit->text_length;
  }

  char *result = malloc(new_length + 1);
  if (!result) return GW_ERROR_NOMEM;
  size_t from = 0, to = 0;
  for (size_t i = 0; i < count; i++) {
    const gw_edit *edit = &edits[i];
    memcpy(result + to, text + from, edit->start_byte - from);
    to += edit->start_byte - from;
    if (edit->text_length > 0) memcpy(result + to, edit->text, edit->text_length);
    to += edit->text_length;
    from = edit->end_byte;
  }
  if (length > from) memcpy(result + to, text + from, length - from);
  to += length - from;
  result[to] = '\0';
  *out = result;
  if (out_length) *out_length = to;
  return GW_OK;
}
