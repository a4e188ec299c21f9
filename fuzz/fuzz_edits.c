/*
 * libFuzzer target: random edit sequences through gw_document_edit, each
 * step compared with a fresh parse of the same text (tree, outline, pairs,
 * diagnostics; see fuzz/edits.h).  The input is the starting text followed by a control
 * block (its last bytes) whose bytes choose the steps, so that any plain
 * text is a useful seed.
 */
#include "edits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CONTROL_BYTES 96
#define MAX_STEPS 8

typedef struct {
  const uint8_t *bytes;
  size_t length, at;
} control_stream;

/* Two bytes of the control block at a time, cyclically. */
static uint32_t next_choice(void *context) {
  control_stream *c = context;
  if (c->length == 0) return 0;
  uint32_t v = c->bytes[c->at % c->length];
  v = v << 8 | c->bytes[(c->at + 1) % c->length];
  c->at += 2;
  return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 2048 + CONTROL_BYTES) return 0;
  size_t control_length = size < 2 * CONTROL_BYTES ? size / 2 : CONTROL_BYTES;
  size_t length = size - control_length;
  control_stream stream = {data + length, control_length, 0};
  gw_choices choices = {next_choice, &stream};

  gw_edit_session session;
  const char *why = gw_session_start(&session, (const char *)data, length);
  size_t steps = control_length ? 1 + data[size - 1] % MAX_STEPS : 1;
  for (size_t i = 0; i < steps && !why; i++) {
    why = gw_session_step(&session, &choices, (const char *)data, length);
  }
  if (!why) why = gw_check_document(session.doc, 1024);
  if (why) {
    fprintf(stderr, "fuzz_edits: %s\n", why);
    abort();
  }
  gw_session_end(&session);
  return 0;
}
