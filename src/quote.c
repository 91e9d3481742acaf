/* Finding quotations: the segments between quotation marks.
 *
 * In: the article text and blocks.  Out: one quote_seg per quotation-mark
 * segment, in text order, classified as a direct quote, a partial quote (a
 * fragment inside indirect speech), scare quotes or the title of a work.
 *
 * Marks: straight and curly double quotes, „ “ (German), « » (French) and
 * 「 」 (CJK).  A quote split by its attribution ("We agreed," Paul said, "and
 * we invited") is two segments; speaker.c gives them the same speaker.  A
 * quote left open at the end of a paragraph runs to the end of it, and the
 * next paragraph's opening mark continues it (the multi-paragraph style).
 * Single quotes are nested quotes inside double ones; only when a document
 * uses no double marks at all (British style) are they the outer marks, and
 * then an apostrophe inside a word ("don't") is never a mark. */
#include <stdlib.h>
#include <string.h>

#include "story_impl.h"
#include "util.h"

static int is_double_open(int32_t c) { return c == 0x201C || c == 0x201E || c == 0x00AB || c == 0x300C; }
static int is_double_close(int32_t c) { return c == 0x201D || c == 0x00BB || c == 0x300D; }

static int count_words(const char *t, size_t s, size_t e) {
  int n = 0, in = 0;
  size_t adv;
  for (size_t i = s; i < e; i += adv) {
    int32_t c = story_cp_at(t, e, i, &adv);
    int w = story_is_alnum(c) || ((c == '\'' || c == 0x2019 || c == '-') && in);
    if (w && !in) n++;
    in = w;
  }
  return n;
}

/* Does the document quote with double marks? */
static int uses_double(const char *t, size_t len) {
  size_t adv;
  int n = 0;
  for (size_t i = 0; i < len; i += adv) {
    int32_t c = story_cp_at(t, len, i, &adv);
    if (c == '"' || is_double_open(c) || is_double_close(c)) n++;
  }
  return n >= 2;
}

static void push_seg(quote_seg **out, size_t *n, size_t *cap, const char *t, size_t open,
                     size_t open_len, size_t close, size_t block, int open_ended) {
  size_t s = open + open_len, e = close, adv;
  while (s < e && story_is_space_at(t, e, s, &adv)) s += adv;
  while (e > s) {
    size_t b;
    int32_t c = story_cp_before(t, e, &b);
    if (c == ' ' || c == '\n' || c == '\t' || c == 0xA0 || c == '\r') e -= b;
    else break;
  }
  if (e <= s) return;
  BC_GROW(*out, *n, *cap);
  quote_seg *q = &(*out)[*n];
  memset(q, 0, sizeof *q);
  q->open = open;
  q->close = close;
  q->start = s;
  q->end = e;
  q->block = block;
  q->open_ended = open_ended;
  q->words = count_words(t, s, e);
  (*n)++;
}

/* Scan one block with double marks as the outer marks. */
static void scan_double(const char *t, size_t bs, size_t be, size_t bi, quote_seg **out,
                        size_t *n, size_t *cap) {
  size_t open = (size_t)-1, open_len = 0, adv;
  int32_t opener = 0;
  for (size_t i = bs; i < be; i += adv) {
    int32_t c = story_cp_at(t, be, i, &adv);
    if (open == (size_t)-1) {
      if (is_double_open(c) || (c == '"' && (i == bs || !story_is_alnum(story_cp_before(t, i, NULL))))) {
        open = i;
        open_len = adv;
        opener = c;
      }
      continue;
    }
    int closes;
    if (opener == 0x201E) closes = c == 0x201C || c == 0x201D || c == '"';
    else if (opener == 0x00AB) closes = c == 0x00BB;
    else if (opener == 0x300C) closes = c == 0x300D;
    else closes = c == 0x201D || c == '"';
    if (closes) {
      push_seg(out, n, cap, t, open, open_len, i, bi, 0);
      open = (size_t)-1;
    } else if (c == 0x201C && opener == 0x201C && i > open + adv &&
               !story_is_space_at(t, be, i - 1, NULL) &&
               (i + adv >= be || story_is_space_at(t, be, i + adv, NULL))) {
      /* a misprinted closing mark: "It's unusual,“ said Noble */
      push_seg(out, n, cap, t, open, open_len, i, bi, 0);
      open = (size_t)-1;
    } else if (c == 0x201C && opener == 0x201C) {
      /* a new opening mark while one is open: the closing mark is missing */
      push_seg(out, n, cap, t, open, open_len, i, bi, 1);
      open = i;
      open_len = adv;
    } else if (c == '\n' && i + 1 < be && t[i + 1] == '\n') {
      push_seg(out, n, cap, t, open, open_len, i, bi, 1);
      open = (size_t)-1;
    }
  }
  if (open != (size_t)-1) push_seg(out, n, cap, t, open, open_len, be, bi, 1);
}

/* Scan one block with single marks as the outer marks (British style). */
static void scan_single(const char *t, size_t bs, size_t be, size_t bi, quote_seg **out,
                        size_t *n, size_t *cap) {
  size_t open = (size_t)-1, open_len = 0, adv;
  for (size_t i = bs; i < be; i += adv) {
    int32_t c = story_cp_at(t, be, i, &adv);
    if (c != '\'' && c != 0x2018 && c != 0x2019) continue;
    int32_t prev = i > bs ? story_cp_before(t, i, NULL) : ' ';
    /* the archive style doubles the mark: ''like this'' */
    size_t mark = adv;
    if (c == '\'' && i + 1 < be && t[i + 1] == '\'') mark = 2;
    int32_t next = story_cp_at(t, be, i + mark, NULL);
    if (open == (size_t)-1) {
      if ((c == '\'' || c == 0x2018) && !story_is_alnum(prev) && next != ' ' && next != 0 &&
          next != '\n' && !(next == 's' && !story_is_alnum(story_cp_at(t, be, i + mark + 1, NULL)))) {
        open = i;
        open_len = mark;
      }
      adv = mark;
      continue;
    }
    if ((c == '\'' || c == 0x2019) && !story_is_alnum(next) && prev != ' ') {
      push_seg(out, n, cap, t, open, open_len, i, bi, 0);
      open = (size_t)-1;
    }
    adv = mark;
  }
  if (open != (size_t)-1) push_seg(out, n, cap, t, open, open_len, be, bi, 1);
}

/* Words that may stay lower-case in a title. */
static int small_word(const char *w, size_t n) {
  static const char *const SMALL[] = {"a", "an", "the", "of", "and", "or", "in", "on", "at",
                                      "to", "for", "with", "from", "by", "vs", "is", "as",
                                      "de", "la", "le", "nor", "but", NULL};
  for (const char *const *p = SMALL; *p; p++)
    if (strlen(*p) == n && strncmp(*p, w, n) == 0) return 1;
  return 0;
}

/* A title of a work: every word capitalised but the small ones, no sentence
 * punctuation. */
static int looks_like_title(const char *t, size_t s, size_t e) {
  size_t i = s, adv;
  int words = 0;
  while (i < e) {
    int32_t c = story_cp_at(t, e, i, &adv);
    if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';') {
      /* a final "?" or "!" is part of many titles; other punctuation is prose */
      if (!((c == '!' || c == '?') && i + adv >= e)) return 0;
    }
    if (story_is_alpha(c)) {
      size_t ws = i;
      while (i < e && (story_is_alnum(story_cp_at(t, e, i, &adv)) || t[i] == '\'' || t[i] == '-')) {
        story_cp_at(t, e, i, &adv);
        i += adv;
      }
      words++;
      if (!story_is_upper(c) && !(words > 1 && small_word(t + ws, i - ws))) return 0;
      continue;
    }
    i += adv;
  }
  return words >= 2;
}

/* Classify a segment by the words around it. */
static void classify(const char *t, size_t bs, quote_seg *q) {
  /* 「 」 quote speech in CJK text, where words are not spaced */
  if (story_cp_at(t, q->start, q->open, NULL) == 0x300C) {
    q->kind = QUOTE_KIND_DIRECT;
    return;
  }
  /* what comes right before the opening mark */
  size_t i = q->open, b;
  while (i > bs) {
    int32_t c = story_cp_before(t, i, &b);
    if (c == ' ' || c == 0xA0 || c == '\n') i -= b;
    else break;
  }
  int32_t before = i > bs ? story_cp_before(t, i, NULL) : 0;
  int at_start = i == bs || before == '.' || before == ':' || before == ',' || before == '?' ||
                 before == '!' || before == 0x2014 || before == 0x2013 || before == '(' ||
                 before == '"' || before == 0x201D || before == ';' || before == '-';
  int32_t last = story_cp_before(t, q->end, NULL);
  int ends_sentence = last == '.' || last == '?' || last == '!' || last == ',' || last == 0x2026;
  int32_t lastc = last;
  size_t title_end = q->end;
  if (lastc == '.' || lastc == ',') title_end--;
  if (!at_start && q->words >= 2 && q->words <= 10 && looks_like_title(t, q->start, title_end)) {
    q->kind = QUOTE_KIND_TITLE;
    return;
  }
  if (q->words <= 3 && !ends_sentence) {
    q->kind = QUOTE_KIND_SCARE;
    return;
  }
  if (q->words < 4 && !at_start) {
    q->kind = QUOTE_KIND_SCARE;
    return;
  }
  q->kind = at_start ? QUOTE_KIND_DIRECT : QUOTE_KIND_PARTIAL;
}

void quote_find(const char *text, const bc_block *blocks, size_t n_blocks, quote_seg **out,
                size_t *n) {
  size_t cap = 0;
  *out = NULL;
  *n = 0;
  size_t len = n_blocks ? blocks[n_blocks - 1].end : 0;
  int dbl = uses_double(text, len);
  for (size_t b = 0; b < n_blocks; b++) {
    size_t first = *n;
    if (dbl) {
      scan_double(text, blocks[b].start, blocks[b].end, b, out, n, &cap);
    } else {
      scan_single(text, blocks[b].start, blocks[b].end, b, out, n, &cap);
      for (size_t k = first; k < *n; k++) (*out)[k].single = 1;
    }
    for (size_t k = first; k < *n; k++) classify(text, blocks[b].start, &(*out)[k]);
    /* a paragraph opening with a mark continues a quote left open before */
    if (*n > first && first > 0) {
      quote_seg *q = &(*out)[first], *p = &(*out)[first - 1];
      size_t i = blocks[b].start, adv;
      while (i < q->open && story_is_space_at(text, q->open, i, &adv)) i += adv;
      if (i == q->open && p->open_ended && p->block + 1 == b) {
        q->continues_prev = 1;
        q->kind = p->kind == QUOTE_KIND_PARTIAL ? QUOTE_KIND_DIRECT : p->kind;
        if (q->kind != QUOTE_KIND_DIRECT && q->words >= 4) q->kind = QUOTE_KIND_DIRECT;
      }
    }
  }
}
