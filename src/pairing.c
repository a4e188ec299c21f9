/*
 * Problems paired with their causes and remedies.
 *
 * 1. Role sections.  Headings are classified by their titles (roles.c).
 *    Walking down from the top, a heading without a role is looked into;
 *    a heading with several roles whose child headings carry at least two
 *    different roles (二、存在的不足、原因及整改情况 → （一）存在不足
 *    （二）原因分析 （三）整改情况) is looked into too; any other heading with
 *    a problems, causes or remedies role is a role section.
 * 2. Items.  A role section's items are its child headings, or when it has
 *    none its enumeration items (一是…).  A section with several roles
 *    (四、存在的问题及整改措施) holds one list per role, in the order
 *    problems, causes, remedies; a list ends where the numbering restarts.
 * 3. Partners.  The causes and remedies of a problems list are those of its
 *    own section, else of the first section after it (before the next
 *    problems section) that has them.
 * 4. Matching.  Items are compared by the Chinese words of their titles
 *    (ICU's word break iterator), each shared word weighted by how few items
 *    use it; the best-scoring pairs are taken first, a small bonus going to
 *    items at the same position, and problems left over take the item at
 *    their own position if it is free.  Lists longer than MAX_COMPARED are
 *    paired by position only, so the cost stays linear.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#define CONTENT_ROLES (GW_ROLE_PROBLEMS | GW_ROLE_CAUSES | GW_ROLE_REMEDIES)

enum { LIST_PROBLEMS, LIST_CAUSES, LIST_REMEDIES, LIST_KINDS };

static const unsigned list_role[LIST_KINDS] = {GW_ROLE_PROBLEMS, GW_ROLE_CAUSES,
                                               GW_ROLE_REMEDIES};

/* Lists longer than this are paired by position only. */
#define MAX_COMPARED 64
/* Bytes of an item's title that are broken into words. */
#define MAX_TEXT_BYTES 512
/* Words of one item that are kept. */
#define MAX_WORDS 48
/* A pair found by content needs at least this score. */
#define MIN_CONTENT_SCORE 0.2
/* Added to the score of two items at the same position. */
#define SAME_POSITION_BONUS 0.05

typedef struct {
  size_t start, count; /* a slice of the item pool */
} item_list;

typedef struct {
  long heading;
  unsigned roles;
  item_list lists[LIST_KINDS];
} role_section;

static int popcount(unsigned bits) {
  int n = 0;
  for (; bits; bits &= bits - 1) n++;
  return n;
}

/* ------------------------------------------------------------------------ */
/* Words                                                                     */

/* Words that every problem or remedy may use: they say nothing about which
 * problem a remedy answers. */
static const char *const stop_words[] = {
    "不足", "不够", "不夠", "不高", "不强", "不強", "不到位", "有待", "较为", "較為",
    "比较", "比較", "还不", "還不", "存在", "问题", "問題", "方面", "工作", "进一步",
    "進一步", "加强", "加強", "强化", "強化", "提升", "提高", "推进", "推進", "推动",
    "推動", "持续", "持續", "深化", "健全", "完善", "落实", "落實", "不断", "不斷",
    "切实", "切實", "全面", "积极", "積極", "有效", "有力", "不充分", "充分",
};

typedef struct {
  uint64_t *hashes; /* sorted, unique */
  size_t count;
  bool owned; /* hashes is the holder's to free, not the memo's */
} word_set;

static uint64_t hash_units(const UChar *s, int32_t n) {
  uint64_t h = 1469598103934665603ull;
  for (int32_t i = 0; i < n; i++) {
    h ^= (uint64_t)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

static uint64_t hash_utf8(const char *word) {
  UChar units[16];
  int32_t n = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8(units, 16, &n, word, -1, &status);
  return U_SUCCESS(status) ? hash_units(units, n) : 0;
}

/* Sorts `n` hashes ascending: a shell sort (Ciura's gaps, extended), which
 * on the at most 2 * MAX_COMPARED * MAX_WORDS hashes of two lists costs a
 * third of qsort's calls through a comparison function. */
static void sort_hashes(uint64_t *hashes, size_t n) {
  static const size_t gaps[] = {3937, 1750, 701, 301, 132, 57, 23, 10, 4, 1};
  for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
    size_t gap = gaps[g];
    for (size_t i = gap; i < n; i++) {
      uint64_t h = hashes[i];
      size_t j = i;
      for (; j >= gap && hashes[j - gap] > h; j -= gap) hashes[j] = hashes[j - gap];
      hashes[j] = h;
    }
  }
}

typedef struct {
  bool opened;           /* the word break iterator was asked for */
  UBreakIterator *words; /* NULL when ICU could not open one */
  uint64_t stop[sizeof stop_words / sizeof stop_words[0]];
} word_context;

static bool is_stop_word(const word_context *ctx, uint64_t h) {
  for (size_t i = 0; i < sizeof ctx->stop / sizeof ctx->stop[0]; i++) {
    if (ctx->stop[i] == h) return true;
  }
  return false;
}

/* The words of the `length` bytes at `text`: ideographic words of two
 * characters or more, stop words left out, as sorted unique hashes. */
static gw_status segment_words(word_context *ctx, const char *text, size_t length,
                               word_set *out) {
  out->hashes = NULL;
  out->count = 0;
  UChar units[MAX_TEXT_BYTES];
  int32_t n = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(units, MAX_TEXT_BYTES, &n, text, (int32_t)length, 0xFFFD, NULL, &status);
  if (U_FAILURE(status)) return GW_OK;
  ubrk_setText(ctx->words, units, n, &status);
  if (U_FAILURE(status)) return GW_OK;

  uint64_t *hashes = malloc(MAX_WORDS * sizeof *hashes);
  if (!hashes) return GW_ERROR_NOMEM;
  size_t count = 0;
  int32_t start = ubrk_first(ctx->words);
  for (int32_t end = ubrk_next(ctx->words); end != UBRK_DONE && count < MAX_WORDS;
       start = end, end = ubrk_next(ctx->words)) {
    int32_t kind = ubrk_getRuleStatus(ctx->words);
    if (kind < UBRK_WORD_IDEO || kind >= UBRK_WORD_IDEO_LIMIT || end - start < 2) continue;
    uint64_t h = hash_units(units + start, end - start);
    if (!is_stop_word(ctx, h)) hashes[count++] = h;
  }
  sort_hashes(hashes, count);
  size_t unique = 0;
  for (size_t i = 0; i < count; i++) {
    if (unique == 0 || hashes[unique - 1] != hashes[i]) hashes[unique++] = hashes[i];
  }
  out->hashes = hashes;
  out->count = unique;
  return GW_OK;
}

/* The words of entry `index`'s title (its body when the title is empty),
 * from the document's memo when it has them.  out->owned says whether the
 * caller frees out->hashes (when the memo could not take them). */
static gw_status words_of(const gw_document *doc, word_context *ctx, long index, word_set *out) {
  out->hashes = NULL;
  out->count = 0;
  out->owned = false;
  if (!ctx->words) return GW_OK;
  const gw_entry *e = &doc->entries[index];
  gw_range r = e->title.end.byte > e->title.start.byte ? e->title : e->body;
  size_t length = r.end.byte - r.start.byte;
  if (length > MAX_TEXT_BYTES) length = MAX_TEXT_BYTES;
  const char *text = doc->text + r.start.byte;
  gw__memo_entry *memo = gw__memo_get(doc->item_words, text, length);
  if (memo && memo->ready) {
    out->hashes = memo->words;
    out->count = memo->word_count;
    return GW_OK;
  }
  gw_status status = segment_words(ctx, text, length, out);
  if (status != GW_OK) return status;
  if (memo) {
    memo->words = out->hashes;
    memo->word_count = out->count;
    memo->ready = true;
  } else {
    out->owned = true;
  }
  return GW_OK;
}

/* How many of the compared items use each word. */
typedef struct {
  uint64_t *hashes; /* sorted */
  size_t *uses;
  size_t count;
} word_counts;

static gw_status count_words(const word_set *sets, size_t n, word_counts *out) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += sets[i].count;
  out->hashes = malloc((total ? total : 1) * sizeof *out->hashes);
  out->uses = malloc((total ? total : 1) * sizeof *out->uses);
  out->count = 0;
  if (!out->hashes || !out->uses) return GW_ERROR_NOMEM;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    memcpy(out->hashes + k, sets[i].hashes, sets[i].count * sizeof *out->hashes);
    k += sets[i].count;
  }
  sort_hashes(out->hashes, total);
  /* Each set holds a word once, so a run of equal hashes counts its items. */
  for (size_t i = 0; i < total;) {
    size_t j = i;
    while (j < total && out->hashes[j] == out->hashes[i]) j++;
    out->hashes[out->count] = out->hashes[i];
    out->uses[out->count++] = j - i;
    i = j;
  }
  return GW_OK;
}

static double weight(const word_counts *counts, uint64_t h) {
  size_t lo = 0, hi = counts->count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (counts->hashes[mid] < h) lo = mid + 1;
    else hi = mid;
  }
  return lo < counts->count && counts->hashes[lo] == h ? 1.0 / (double)counts->uses[lo] : 0;
}

/* The weight of every word of the compared sets, looked up once: the
 * similarity of each pair of items adds them up again. */
typedef struct {
  double *of_word; /* the weights of set k's words from of_word + start[k] */
  size_t start[2 * MAX_COMPARED];
  double sum[2 * MAX_COMPARED]; /* of each set's weights, in its order */
} set_weights;

static gw_status weigh_sets(const word_counts *counts, const word_set *sets, size_t n,
                            set_weights *out) {
  size_t total = 0;
  for (size_t k = 0; k < n; k++) {
    out->start[k] = total;
    total += sets[k].count;
  }
  out->of_word = malloc((total ? total : 1) * sizeof *out->of_word);
  if (!out->of_word) return GW_ERROR_NOMEM;
  for (size_t k = 0; k < n; k++) {
    double *w = out->of_word + out->start[k];
    double sum = 0;
    for (size_t i = 0; i < sets[k].count; i++) {
      w[i] = weight(counts, sets[k].hashes[i]);
      sum += w[i];
    }
    out->sum[k] = sum;
  }
  return GW_OK;
}

/* Weighted Dice coefficient of sets `a` and `b` (indices into `sets` and
 * `weights`): 0 (nothing shared) to 1. */
static double similarity(const word_set *sets, const set_weights *weights, size_t a, size_t b) {
  const word_set *x = &sets[a], *y = &sets[b];
  const double *wx = weights->of_word + weights->start[a];
  const double *wy = weights->of_word + weights->start[b];
  double shared = 0, total = weights->sum[a];
  for (size_t j = 0; j < y->count; j++) total += wy[j];
  for (size_t i = 0, j = 0; i < x->count && j < y->count;) {
    if (x->hashes[i] < y->hashes[j]) i++;
    else if (x->hashes[i] > y->hashes[j]) j++;
    else {
      shared += 2 * wx[i];
      i++;
      j++;
    }
  }
  if (total <= 0) return 0;
  /* The two sums add the same weights in different orders: identical sets
   * may come out a rounding error above 1. */
  double score = shared / total;
  return score < 1 ? score : 1;
}

/* ------------------------------------------------------------------------ */
/* Matching two lists                                                        */

typedef struct {
  double key;
  size_t i, j;
} candidate;

static int by_key_descending(const void *a, const void *b) {
  const candidate *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? 1 : -1;
  if (x->i != y->i) return x->i < y->i ? -1 : 1;
  return x->j < y->j ? -1 : x->j > y->j;
}

/* For each of the n problems, the index of its partner among the m items
 * (or GW_NONE) into match[], and the score into score[]. */
static gw_status match_lists(const gw_document *doc, word_context *ctx, const long *problems,
                             size_t n, const long *partners, size_t m, long *match,
                             double *score) {
  for (size_t i = 0; i < n; i++) {
    match[i] = GW_NONE;
    score[i] = 0;
  }
  if (m == 0) return GW_OK;
  if (n > MAX_COMPARED || m > MAX_COMPARED || !ctx->words) {
    for (size_t i = 0; i < n && i < m; i++) match[i] = (long)i;
    return GW_OK;
  }

  gw_status status = GW_OK;
  word_set sets[2 * MAX_COMPARED];
  memset(sets, 0, sizeof sets);
  word_counts counts = {0};
  set_weights weights;
  weights.of_word = NULL;
  double *s = malloc(n * m * sizeof *s);
  candidate *candidates = malloc(n * m * sizeof *candidates);
  bool taken[MAX_COMPARED] = {false};
  if (!s || !candidates) status = GW_ERROR_NOMEM;
  for (size_t k = 0; k < n + m && status == GW_OK; k++) {
    status = words_of(doc, ctx, k < n ? problems[k] : partners[k - n], &sets[k]);
  }
  if (status == GW_OK) status = count_words(sets, n + m, &counts);
  if (status == GW_OK) status = weigh_sets(&counts, sets, n + m, &weights);
  if (status == GW_OK) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) {
      for (size_t j = 0; j < m; j++) {
        s[i * m + j] = similarity(sets, &weights, i, n + j);
        if (s[i * m + j] >= MIN_CONTENT_SCORE) {
          candidate cand = {s[i * m + j] + (i == j ? SAME_POSITION_BONUS : 0), i, j};
          candidates[c++] = cand;
        }
      }
    }
    qsort(candidates, c, sizeof *candidates, by_key_descending);
    for (size_t k = 0; k < c; k++) {
      if (match[candidates[k].i] != GW_NONE || taken[candidates[k].j]) continue;
      match[candidates[k].i] = (long)candidates[k].j;
      taken[candidates[k].j] = true;
    }
    for (size_t i = 0; i < n && i < m; i++) {
      if (match[i] == GW_NONE && !taken[i]) {
        match[i] = (long)i;
        taken[i] = true;
      }
    }
    for (size_t i = 0; i < n; i++) {
      if (match[i] != GW_NONE) score[i] = s[i * m + (size_t)match[i]];
    }
  }
  for (size_t k = 0; k < n + m; k++) {
    if (sets[k].owned) free(sets[k].hashes);
  }
  free(counts.hashes);
  free(counts.uses);
  free(weights.of_word);
  free(s);
  free(candidates);
  return status;
}

/* ------------------------------------------------------------------------ */
/* Role sections and their lists                                             */

/* Splits the items of a section with several roles into one list per role,
 * in the order problems, causes, remedies; a list ends where the numbering
 * restarts.  Runs beyond the roles join the last.  A single run is the
 * problems of a section of problems and causes (its remedies come later);
 * in a section that also holds remedies it cannot be told apart, and no
 * list is made. */
static void split_lists(const gw_document *doc, const long *pool, size_t start, size_t count,
                        role_section *section) {
  int kinds[LIST_KINDS], kind_count = 0;
  for (int k = 0; k < LIST_KINDS; k++) {
    if (section->roles & list_role[k]) kinds[kind_count++] = k;
  }
  item_list runs[LIST_KINDS];
  int run_count = 0;
  size_t run_start = start;
  for (size_t i = start + 1; i <= start + count; i++) {
    bool ends = i == start + count;
    if (!ends && run_count + 1 < kind_count) {
      const gw_entry *prev = &doc->entries[pool[i - 1]], *e = &doc->entries[pool[i]];
      ends = e->level == prev->level && e->number && prev->number && e->number <= prev->number;
    }
    if (ends) {
      runs[run_count++] = (item_list){run_start, i - run_start};
      run_start = i;
    }
  }
  if (run_count == 0) return;
  if (run_count == 1 && (section->roles & GW_ROLE_REMEDIES)) return;
  for (int r = 0; r < run_count; r++) section->lists[kinds[r]] = runs[r];
}

/* The items of role section `heading` appended to pool: its child headings,
 * or its enumeration items when it has no child heading. */
static size_t collect_items(const gw_document *doc, long heading, long *pool, size_t at) {
  size_t count = 0;
  for (int pass = 0; pass < 2 && count == 0; pass++) {
    gw_entry_kind kind = pass == 0 ? GW_ENTRY_HEADING : GW_ENTRY_ITEM;
    for (long c = doc->entries[heading].first_child; c != GW_NONE;
         c = doc->entries[c].next_sibling) {
      if (doc->entries[c].kind == kind) pool[at + count++] = c;
    }
  }
  return count;
}

/* Finds the role sections in document order (step 1 above). */
static gw_status find_role_sections(const gw_document *doc, role_section **out, size_t *count,
                                    long **pool_out) {
  size_t n = doc->entry_count;
  *out = NULL;
  *count = 0;
  *pool_out = NULL;
  unsigned *child_roles = calloc(n ? n : 1, sizeof *child_roles);
  bool *looked_into = calloc(n ? n : 1, sizeof *looked_into);
  bool *reached = calloc(n ? n : 1, sizeof *reached);
  role_section *sections = malloc((n ? n : 1) * sizeof *sections);
  long *pool = malloc((n ? n : 1) * sizeof *pool);
  gw_status status = GW_OK;
  if (!child_roles || !looked_into || !reached || !sections || !pool) {
    status = GW_ERROR_NOMEM;
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    const gw_entry *e = &doc->entries[i];
    if (e->kind == GW_ENTRY_HEADING && e->parent != GW_NONE) {
      child_roles[e->parent] |= e->roles & CONTENT_ROLES;
    }
  }
  size_t found = 0, used = 0;
  for (size_t i = 0; i < n; i++) {
    const gw_entry *e = &doc->entries[i];
    if (e->kind != GW_ENTRY_HEADING) continue;
    reached[i] = e->parent == GW_NONE || (reached[e->parent] && looked_into[e->parent]);
    unsigned roles = e->roles & CONTENT_ROLES;
    looked_into[i] = (roles == 0 && !(e->roles & GW_ROLE_ACHIEVEMENTS)) ||
                     (popcount(roles) >= 2 && popcount(child_roles[i]) >= 2);
    if (!reached[i] || roles == 0 || looked_into[i]) continue;

    role_section *section = &sections[found++];
    memset(section, 0, sizeof *section);
    section->heading = (long)i;
    section->roles = roles;
    size_t items = collect_items(doc, (long)i, pool, used);
    if (popcount(roles) == 1) {
      for (int k = 0; k < LIST_KINDS; k++) {
        if (roles == list_role[k]) section->lists[k] = (item_list){used, items};
      }
    } else {
      split_lists(doc, pool, used, items, section);
    }
    used += items;
  }
  *out = sections;
  *count = found;
  *pool_out = pool;
  sections = NULL;
  pool = NULL;
done:
  free(child_roles);
  free(looked_into);
  free(reached);
  free(sections);
  free(pool);
  return status;
}

/* The list of kind `kind` for the problems of section `p`: its own when it
 * has one, else that of the first later section, before the next problems
 * section, with that role; *heading receives its section's heading. */
static const item_list *partner_list(const role_section *sections, size_t count, size_t p,
                                     int kind, long *heading) {
  *heading = GW_NONE;
  for (size_t k = p; k < count; k++) {
    if (k > p && (sections[k].roles & GW_ROLE_PROBLEMS)) break;
    if (k == p ? sections[k].lists[kind].count > 0 : (sections[k].roles & list_role[kind]) != 0) {
      *heading = sections[k].heading;
      return &sections[k].lists[kind];
    }
  }
  return NULL;
}

/* Renumbers the three entries of a pair or of a list of pairs after entries
 * [first, first + removed) were replaced by `removed + moved_by` others. */
static void renumber(long *a, long *b, long *c, size_t first, size_t removed, long moved_by) {
  long *entries[3] = {a, b, c};
  for (int k = 0; k < 3; k++) {
    long e = *entries[k];
    if (e != GW_NONE && (size_t)e >= first + removed) *entries[k] = e + moved_by;
  }
}

/* Appends `pair` to pairs[*count] and notes it for its entries. */
static void add_pair(gw_pair *pairs, size_t *count, long *entry_pair, gw_pair pair) {
  pairs[*count] = pair;
  entry_pair[pair.problem] = (long)*count;
  if (pair.remedy != GW_NONE) entry_pair[pair.remedy] = (long)*count;
  if (pair.cause != GW_NONE) entry_pair[pair.cause] = (long)*count;
  (*count)++;
}

/* An entry of `next` as numbered in `old`, after the change that
 * gw__update_outline recorded in next; GW_NONE for an entry that replaced
 * others (and for GW_NONE). */
static long old_index(const gw_document *next, long entry) {
  if (entry == GW_NONE || (size_t)entry < next->change_first) return entry;
  if ((size_t)entry < next->change_first + next->change_added) return GW_NONE;
  return entry - (long)next->change_added + (long)next->change_removed;
}

/* The pairs that `old` matched for the same lists as `block` (numbered in
 * next), or NULL: a list is the same when its section's heading is not
 * among the entries the edit replaced, since the entries of the section are
 * then kept with their texts. */
static const gw__pair_block *same_block(const gw_document *old, const gw_document *next,
                                        const gw__pair_block *block) {
  if (!old) return NULL;
  long problems = old_index(next, block->problems);
  long causes = old_index(next, block->causes), remedies = old_index(next, block->remedies);
  if (problems == GW_NONE || (causes == GW_NONE) != (block->causes == GW_NONE) ||
      (remedies == GW_NONE) != (block->remedies == GW_NONE)) {
    return NULL;
  }
  size_t lo = 0, hi = old->pair_block_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (old->pair_blocks[mid].problems < problems) lo = mid + 1;
    else hi = mid;
  }
  if (lo == old->pair_block_count) return NULL;
  const gw__pair_block *found = &old->pair_blocks[lo];
  return found->problems == problems && found->causes == causes && found->remedies == remedies
             ? found
             : NULL;
}

/* Builds doc's pairs; with `old` (the document before an edit that
 * gw__update_outline recorded in doc), the pairs of lists the edit left
 * alone are taken from it rather than matched again. */
static gw_status build_pairs(gw_document *doc, const gw_document *old) {
  role_section *sections = NULL;
  long *pool = NULL;
  size_t section_count = 0;
  gw_status status = find_role_sections(doc, &sections, &section_count, &pool);
  size_t n = doc->entry_count;
  gw_pair *pairs = NULL;
  size_t pair_count = 0;
  long *entry_pair = malloc((n ? n : 1) * sizeof *entry_pair);
  gw__pair_block *blocks = NULL;
  size_t block_count = 0;
  word_context ctx = {0};
  long match_remedy[MAX_COMPARED], match_cause[MAX_COMPARED];
  double score_remedy[MAX_COMPARED], score_cause[MAX_COMPARED];
  if (status == GW_OK && !entry_pair) status = GW_ERROR_NOMEM;
  if (status != GW_OK) goto done;
  for (size_t i = 0; i < n; i++) entry_pair[i] = GW_NONE;

  size_t problem_total = 0;
  for (size_t s = 0; s < section_count; s++) {
    problem_total += sections[s].lists[LIST_PROBLEMS].count;
  }
  pairs = malloc((problem_total ? problem_total : 1) * sizeof *pairs);
  blocks = malloc((section_count ? section_count : 1) * sizeof *blocks);
  if (!pairs || !blocks) {
    status = GW_ERROR_NOMEM;
    goto done;
  }

  for (size_t s = 0; s < section_count && status == GW_OK; s++) {
    const item_list *problems = &sections[s].lists[LIST_PROBLEMS];
    if (problems->count == 0) continue;
    gw__pair_block *block = &blocks[block_count++];
    block->problems = sections[s].heading;
    const item_list *remedies =
        partner_list(sections, section_count, s, LIST_REMEDIES, &block->remedies);
    const item_list *causes = partner_list(sections, section_count, s, LIST_CAUSES, &block->causes);
    block->first_pair = pair_count;
    block->pair_count = problems->count;
    const gw__pair_block *kept = same_block(old, doc, block);
    if (kept && kept->pair_count == problems->count) {
      long moved_by = (long)doc->change_added - (long)doc->change_removed;
      for (size_t k = 0; k < kept->pair_count; k++) {
        gw_pair pair = old->pairs[kept->first_pair + k];
        renumber(&pair.problem, &pair.cause, &pair.remedy, doc->change_first,
                 doc->change_removed, moved_by);
        add_pair(pairs, &pair_count, entry_pair, pair);
      }
      continue;
    }
    if (!ctx.words && !ctx.opened) {
      ctx.opened = true;
      UErrorCode icu = U_ZERO_ERROR;
      ctx.words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &icu);
      if (U_FAILURE(icu)) ctx.words = NULL; /* pair by position only */
      for (size_t k = 0; k < sizeof stop_words / sizeof stop_words[0]; k++) {
        ctx.stop[k] = hash_utf8(stop_words[k]);
      }
    }
    const long *p = pool + problems->start;
    /* Long lists are matched by position in blocks, never compared. */
    bool by_position = problems->count > MAX_COMPARED;
    for (size_t i = 0; i < problems->count && status == GW_OK;) {
      size_t chunk = by_position ? problems->count - i : problems->count;
      if (chunk > MAX_COMPARED) chunk = MAX_COMPARED;
      if (by_position) {
        for (size_t k = 0; k < chunk; k++) {
          size_t at = i + k;
          match_remedy[k] = remedies && at < remedies->count ? (long)at : GW_NONE;
          match_cause[k] = causes && at < causes->count ? (long)at : GW_NONE;
          score_remedy[k] = score_cause[k] = 0;
        }
      } else {
        status = match_lists(doc, &ctx, p, chunk, remedies ? pool + remedies->start : NULL,
                             remedies ? remedies->count : 0, match_remedy, score_remedy);
        if (status == GW_OK) {
          status = match_lists(doc, &ctx, p, chunk, causes ? pool + causes->start : NULL,
                               causes ? causes->count : 0, match_cause, score_cause);
        }
      }
      for (size_t k = 0; k < chunk && status == GW_OK; k++) {
        gw_pair pair;
        pair.problem = p[i + k];
        pair.remedy = match_remedy[k] == GW_NONE ? GW_NONE : pool[remedies->start + (size_t)match_remedy[k]];
        pair.cause = match_cause[k] == GW_NONE ? GW_NONE : pool[causes->start + (size_t)match_cause[k]];
        pair.score = pair.remedy == GW_NONE ? 0 : score_remedy[k];
        add_pair(pairs, &pair_count, entry_pair, pair);
      }
      i += chunk;
    }
  }

done:
  if (ctx.words) ubrk_close(ctx.words);
  free(sections);
  free(pool);
  if (status != GW_OK) {
    free(pairs);
    free(entry_pair);
    free(blocks);
    return status;
  }
  free(doc->pairs);
  free(doc->entry_pair);
  free(doc->pair_blocks);
  doc->pairs = pairs;
  doc->pair_count = pair_count;
  doc->entry_pair = entry_pair;
  doc->pair_blocks = blocks;
  doc->pair_block_count = block_count;
  return GW_OK;
}

gw_status gw__build_pairs(gw_document *doc) { return build_pairs(doc, NULL); }

/* Whether pairing reads the same from entries [first, first + removed) of
 * `old` as from [first, first + added) of `next`, the entries that replaced
 * them: when neither holds a heading with the role of problems, causes or
 * remedies, they are in no role section (the entries of a child of the root
 * are whole subtrees of the outline, and the rest of the outline is as it
 * was), else when both read alike in all that steps 1-4 read. */
static bool pairing_reads_alike(const gw_document *old, const gw_document *next,
                                const gw__text_before *before, size_t first, size_t removed,
                                size_t added) {
  bool roles = false;
  for (size_t k = 0; k < removed && !roles; k++) {
    roles = old->entries[first + k].roles & CONTENT_ROLES;
  }
  for (size_t k = 0; k < added && !roles; k++) {
    roles = next->entries[first + k].roles & CONTENT_ROLES;
  }
  if (!roles) return true;
  if (removed != added) return false;
  for (size_t k = first; k < first + added; k++) {
    const gw_entry *a = &old->entries[k], *b = &next->entries[k];
    if (a->kind != b->kind || a->level != b->level || a->number != b->number ||
        a->roles != b->roles || a->parent != b->parent) {
      return false;
    }
    /* What words_of reads. */
    gw_range ra = a->title.end.byte > a->title.start.byte ? a->title : a->body;
    gw_range rb = b->title.end.byte > b->title.start.byte ? b->title : b->body;
    size_t la = ra.end.byte - ra.start.byte, lb = rb.end.byte - rb.start.byte;
    if (la > MAX_TEXT_BYTES) la = MAX_TEXT_BYTES;
    if (lb > MAX_TEXT_BYTES) lb = MAX_TEXT_BYTES;
    if (la != lb || !gw__text_before_equals(before, ra.start.byte, next->text + rb.start.byte, la)) {
      return false;
    }
  }
  return true;
}

gw_status gw__update_pairs(const gw_document *old, gw_document *next,
                           const gw__text_before *before) {
  size_t first = next->change_first, removed = next->change_removed, added = next->change_added;
  if (!pairing_reads_alike(old, next, before, first, removed, added)) {
    return build_pairs(next, old);
  }
  size_t n = next->entry_count;
  gw_pair *pairs = malloc((old->pair_count ? old->pair_count : 1) * sizeof *pairs);
  long *entry_pair = malloc((n ? n : 1) * sizeof *entry_pair);
  gw__pair_block *blocks =
      malloc((old->pair_block_count ? old->pair_block_count : 1) * sizeof *blocks);
  if (!pairs || !entry_pair || !blocks) {
    free(pairs);
    free(entry_pair);
    free(blocks);
    return GW_ERROR_NOMEM;
  }
  long moved_by = (long)added - (long)removed;
  for (size_t i = 0; i < old->pair_count; i++) {
    pairs[i] = old->pairs[i];
    renumber(&pairs[i].problem, &pairs[i].cause, &pairs[i].remedy, first, removed, moved_by);
  }
  for (size_t i = 0; i < old->pair_block_count; i++) {
    blocks[i] = old->pair_blocks[i];
    renumber(&blocks[i].problems, &blocks[i].causes, &blocks[i].remedies, first, removed,
             moved_by);
  }
  /* The replaced entries keep their pairs when they read alike, and are in
   * none otherwise. */
  if (first) memcpy(entry_pair, old->entry_pair, first * sizeof *entry_pair);
  for (size_t k = 0; k < added; k++) {
    entry_pair[first + k] = removed == added ? old->entry_pair[first + k] : GW_NONE;
  }
  size_t tail = n - first - added;
  if (tail) {
    memcpy(entry_pair + first + added, old->entry_pair + first + removed,
           tail * sizeof *entry_pair);
  }
  free(next->pairs);
  free(next->entry_pair);
  free(next->pair_blocks);
  next->pairs = pairs;
  next->pair_count = old->pair_count;
  next->entry_pair = entry_pair;
  next->pair_blocks = blocks;
  next->pair_block_count = old->pair_block_count;
  return GW_OK;
}

size_t gw_pair_count(const gw_document *doc) { return doc ? doc->pair_count : 0; }

const gw_pair *gw_pair_get(const gw_document *doc, size_t index) {
  if (!doc || index >= doc->pair_count) return NULL;
  return &doc->pairs[index];
}

long gw_pair_of(const gw_document *doc, long entry) {
  if (!doc || entry < 0 || (size_t)entry >= doc->entry_count) return GW_NONE;
  return doc->entry_pair[entry];
}
