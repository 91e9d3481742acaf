/* The summary: what the listener hears about a story.
 *
 * In: an analysed story (sentences, quotes with speakers).  Out: the summary
 * items, in the order they are read: the lead sentences (datelines, bylines,
 * captions and editor's notes skipped), then the selected quotes, each with
 * the attribution the narrator reads before it.
 *
 * A quote is worth hearing when a named person said it, it is a direct
 * quote of speakable length, and it does not repeat the lead.  Segments of
 * one quote that the attribution splits ("We agreed," Paul said, "and we
 * invited ...") are read as one.  Different speakers come first. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "story_impl.h"
#include "util.h"

char *summary_sentence_text(const bc_story *s, size_t i) {
  const char *t = s->article->text;
  size_t a = s->sentences[i].start, e = s->sentences[i].end;
  a = sentence_skip_dateline(t, a, e);
  char *raw = xstrndup(t + a, e - a);
  char *sq = util_squash_space(raw);
  free(raw);
  return sq;
}

/* Sentences that are not part of the story's prose. */
static int is_junk(const char *x) {
  static const char *const PREFIX[] = {"By ", "PUBLISHED:", "UPDATED:", "Published:", "Updated:",
                                       "Last updated", "Editor's note", "Editor’s note",
                                       "EDITOR'S NOTE", "Follow ", "Click here", "CLICK HERE",
                                       "SCROLL DOWN", "Scroll down", "Read more", "READ MORE",
                                       "Photo:", "Image:", "Video:", "Watch:", "WATCH:",
                                       "Sign up", "Subscribe", "Advertisement", "(CNN)", NULL};
  for (const char *const *p = PREFIX; *p; p++)
    if (!strncmp(x, *p, strlen(*p))) return 1;
  size_t words = util_count_words(x);
  if (words < 4) return 1;
  /* shouted captions: mostly capitals */
  size_t up = 0, low = 0;
  for (const char *p = x; *p; p++) {
    if (*p >= 'A' && *p <= 'Z') up++;
    else if (*p >= 'a' && *p <= 'z') low++;
  }
  if (up > 8 && up > 2 * low) return 1;
  return 0;
}

typedef struct unit {
  size_t first, last;   /* quotes merged into this unit */
  char *text;
  size_t words;
  double score;
  int chosen;
} unit;

/* Lower-cased words of s, for overlap checks. */
static size_t overlap_words(const char *q, const char *lead) {
  size_t hit = 0, n = 0;
  const char *p = q;
  while (*p) {
    while (*p && !isalnum((unsigned char)*p)) p++;
    const char *w = p;
    while (*p && isalnum((unsigned char)*p)) p++;
    size_t L = (size_t)(p - w);
    if (L < 4) continue;
    n++;
    /* search case-insensitively in lead */
    for (const char *l = lead; *l; l++) {
      if (strncasecmp(l, w, L) == 0 && (l == lead || !isalnum((unsigned char)l[-1])) &&
          !isalnum((unsigned char)l[L])) {
        hit++;
        break;
      }
    }
  }
  return n ? hit * 100 / n : 0;
}

static void add_item(bc_story *s, size_t *cap, bc_summary_kind k, size_t idx, char *text) {
  BC_GROW(s->summary, s->n_summary, *cap);
  s->summary[s->n_summary].kind = k;
  s->summary[s->n_summary].index = idx;
  s->summary[s->n_summary].text = text;
  s->n_summary++;
}

/* The quote text to read: trailing commas of a split quote dropped. */
static void add_quote_text(bc_buf *b, const char *q) {
  size_t n = strlen(q);
  while (n && (q[n - 1] == ',' || q[n - 1] == ' ' || q[n - 1] == ';' || q[n - 1] == ':')) n--;
  if (b->len) buf_addc(b, ' ');
  buf_add(b, q, n);
}

static int is_named(const bc_quote *q) {
  if (!q->speaker) return 0;
  return isupper((unsigned char)q->speaker[0]) || ((unsigned char)q->speaker[0] >= 0xC0);
}

void summary_build(bc_story *s, const bc_story_options *o) {
  size_t cap = 0;
  int max_quotes = o && o->max_quotes > 0 ? o->max_quotes : 3;
  int lead_max = 3;
  size_t lead_words_target = 45;
  /* ---- lead ---- */
  bc_buf lead;
  buf_init(&lead);
  size_t lead_words = 0, n_lead = 0, last_lead = 0;
  for (size_t i = 0; i < s->n_sentences && n_lead < (size_t)lead_max; i++) {
    if (s->article->blocks[s->sentences[i].block].kind == BC_BLOCK_SUBHEAD) continue;
    char *x = summary_sentence_text(s, i);
    if (is_junk(x)) {
      free(x);
      continue;
    }
    size_t w = util_count_words(x);
    if (n_lead > 0 && lead_words + w > lead_words_target + 25) {
      free(x);
      break;
    }
    buf_adds(&lead, x);
    buf_addc(&lead, ' ');
    add_item(s, &cap, BC_SUMMARY_LEAD, i, x);
    lead_words += w;
    n_lead++;
    last_lead = s->sentences[i].end;
    if (lead_words >= lead_words_target) break;
  }
  /* ---- quote units ---- */
  unit *u = NULL;
  size_t nu = 0, ucap = 0;
  for (size_t i = 0; i < s->n_quotes;) {
    size_t j = i;
    while (j + 1 < s->n_quotes && s->quotes[j + 1].block == s->quotes[i].block &&
           s->quotes[j + 1].speaker && s->quotes[i].speaker &&
           !strcmp(s->quotes[j + 1].speaker, s->quotes[i].speaker) && !s->quotes[j + 1].partial &&
           !s->quotes[i].partial)
      j++;
    BC_GROW(u, nu, ucap);
    unit *x = &u[nu++];
    memset(x, 0, sizeof *x);
    x->first = i;
    x->last = j;
    bc_buf b;
    buf_init(&b);
    for (size_t k = i; k <= j; k++) add_quote_text(&b, s->quotes[k].text);
    x->text = buf_steal(&b);
    x->words = util_count_words(x->text);
    i = j + 1;
  }
  for (size_t k = 0; k < nu; k++) {
    unit *x = &u[k];
    const bc_quote *q = &s->quotes[x->first];
    x->score = -1;
    if (!is_named(q) || !q->attribution) continue;
    if (x->words < 6 || x->words > 70) continue;
    if (q->start < last_lead) continue;
    if (overlap_words(x->text, lead.s ? lead.s : "") > 60) continue;
    x->score = 1.0 - (double)k / (double)(nu + 1);
    if (q->partial) x->score -= 0.3;
    if (x->words >= 12 && x->words <= 45) x->score += 0.3;
  }
  /* choose: best first, one per speaker, then allow repeats */
  int chosen = 0;
  for (int pass = 0; pass < 2 && chosen < max_quotes; pass++) {
    for (;;) {
      if (chosen >= max_quotes) break;
      int best = -1;
      for (size_t k = 0; k < nu; k++) {
        if (u[k].chosen || u[k].score < 0) continue;
        if (pass == 0) {
          int dup = 0;
          for (size_t m = 0; m < nu; m++)
            if (u[m].chosen && !strcmp(s->quotes[u[m].first].speaker, s->quotes[u[k].first].speaker)) dup = 1;
          if (dup) continue;
        }
        if (best < 0 || u[k].score > u[best].score) best = (int)k;
      }
      if (best < 0) break;
      u[best].chosen = 1;
      chosen++;
    }
  }
  for (size_t k = 0; k < nu; k++) {
    if (u[k].chosen) {
      add_item(s, &cap, BC_SUMMARY_QUOTE, u[k].first, u[k].text);
      u[k].text = NULL;
    }
    free(u[k].text);
  }
  free(u);
  buf_free(&lead);
}
