/*
 * Random-edit equivalence: on every fixture (and the real reports when
 * GW_SEEDS has them), random edits and undos through gw_document_edit —
 * fragments of markers and line breaks, bytes cut out of the middle of
 * characters, deletions, replacements — must leave, after every step, the
 * tree, outline, pairs and diagnostics of a fresh parse of the same text
 * (fuzz/edits.h).
 *
 * Seeded and reproducible: each file's seed is printed; GW_SEED=N reruns
 * every file from seed N, GW_EDIT_STEPS=N changes the number of steps.
 */
#include "../../fuzz/edits.h"
#include "check.h"
#include "robust.h"
#include "testutil.h"

static unsigned long long chosen_seed(unsigned long long fallback) {
  const char *seed = getenv("GW_SEED");
  return seed && *seed ? strtoull(seed, NULL, 10) : fallback;
}

static size_t step_count(size_t fallback) {
  const char *steps = getenv("GW_EDIT_STEPS");
  return steps && *steps ? (size_t)strtoul(steps, NULL, 10) : fallback;
}

/* Edits after which the outline kept some entries (gw_outline_last_change):
 * the steps must exercise that path, not only the rebuild of everything. */
static size_t partial_changes;

/* `steps` random steps on the text of `path`, from `seed`. */
static void edit_file(const char *path, unsigned long long seed, size_t steps) {
  size_t length = 0;
  char *text = read_file(path, &length);
  CHECK(text != NULL, "read %s", path);
  if (!text) return;
  uint64_t state = seed ? seed : 1; /* xorshift has no zero state */
  gw_choices choices = {robust_random, &state};
  gw_edit_session session;
  const char *why = gw_session_start(&session, text, length);
  size_t done = 0, undos = 0;
  while (!why && done < steps) {
    size_t undo_before = session.undo_count;
    why = gw_session_step(&session, &choices, text, length);
    if (session.undo_count < undo_before) undos++;
    done++;
  }
  if (!why) why = gw_check_document(session.doc, 2048);
  CHECK(why == NULL, "%s: %zu random edits (%zu undos, seed %llu) each give a fresh parse%s%s",
        path, done, undos, seed, why ? ": " : "", why ? why : "");
  if (why) printf("# rerun with GW_SEED=%llu\n", seed);
  partial_changes += session.partial_changes;
  gw_session_end(&session);
  free(text);
}

/* The .txt files of `dir`, each edited with its own seed. */
static void edit_directory(const char *dir, unsigned long long first_seed, size_t steps) {
  char *names[256];
  size_t count = robust_list_texts(dir, names, 256);
  CHECK(count > 0, "texts in %s (%zu)", dir, count);
  for (size_t i = 0; i < count; i++) {
    edit_file(names[i], chosen_seed(first_seed + i), steps);
    free(names[i]);
  }
}

int main(void) {
  size_t steps = step_count(150);
  edit_directory("tests/fixtures", 1000, steps);
  const char *seeds = seeds_dir();
  if (seeds) edit_directory(seeds, 2000, steps);
  CHECK(steps == 0 || partial_changes > steps, "edits kept entries of the outline %zu times",
        partial_changes);

  /* Edits that build a report line by line from nothing, and take it apart
   * again byte by byte from the front, as typing and deleting do. */
  gw_edit_session session;
  const char *why = gw_session_start(&session, "", 0);
  static const char report[] =
      "关于2025年法治政府建设情况的报告\n青禾县人民政府：\n现将有关情况报告如下：\n"
      "一、存在的问题\n（一）学习不够。一是学法不深；二是用法不够。\n"
      "二、整改措施\n（一）加强学习。一是深入学法；二是用好法律。\n"
      "青禾县临川镇人民政府\n2025年12月30日\n";
  for (size_t i = 0; !why && i < sizeof report - 1; i++) {
    why = gw_session_edit(&session, i, i, report + i, 1, 0);
    if (!why) {
      gw_document *fresh = NULL;
      gw_document_new(session.model, session.model_length, &fresh);
      why = fresh ? gw_check_same(session.doc, fresh) : "fresh parse failed";
      gw_document_free(fresh);
    }
  }
  CHECK(why == NULL, "typing a report byte by byte gives a fresh parse at every byte%s%s",
        why ? ": " : "", why ? why : "");
  CHECK(session.doc && gw_outline_count(session.doc) >= 6, "  and ends with its outline");
  while (!why && session.model_length > 0) {
    why = gw_session_edit(&session, 0, 1, "", 0, 0);
    if (!why) {
      gw_document *fresh = NULL;
      gw_document_new(session.model, session.model_length, &fresh);
      why = fresh ? gw_check_same(session.doc, fresh) : "fresh parse failed";
      gw_document_free(fresh);
    }
  }
  CHECK(why == NULL, "deleting it byte by byte from the front likewise%s%s", why ? ": " : "",
        why ? why : "");
  gw_session_end(&session);
  return CHECK_DONE();
}
