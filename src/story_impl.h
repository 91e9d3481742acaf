/* Private interface between the parts of the story stage: the sentence
 * splitter (sentence.c), the quote finder (quote.c), speaker attribution
 * (speaker.c), the summary (summarize.c) and the public API (story.c).
 * Not part of the public API. */
#ifndef BC_STORY_IMPL_H
#define BC_STORY_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include "briefcast/story.h"

/* ---- sentence.c ---- */

/* Split every block of the article into sentences (news-aware: titles,
 * abbreviations, initials, decimals, ellipses, sentences ending inside
 * quotes).  *out is a new array of *n sentences in text order. */
void sentence_split(const char *text, const bc_block *blocks, size_t n_blocks,
                    bc_sentence **out, size_t *n);

/* Where the sentence text really starts once a dateline ("WASHINGTON --",
 * "Moscow (CNN)", "LONDON, England (Reuters) -") is skipped.  Returns start
 * when there is none. */
size_t sentence_skip_dateline(const char *text, size_t start, size_t end);

/* 1 if the word w[0..n) (without its final '.') is an abbreviation that never
 * ends a sentence before a capitalised word (titles: "Sen", "Dr", "St"). */
int sentence_is_title_abbrev(const char *w, size_t n);

/* ---- text helpers (sentence.c) ---- */
int story_is_space_at(const char *s, size_t len, size_t i, size_t *adv);
int32_t story_cp_at(const char *s, size_t len, size_t i, size_t *adv);
int32_t story_cp_before(const char *s, size_t i, size_t *back);
int story_is_upper(int32_t c);
int story_is_lower(int32_t c);
int story_is_alpha(int32_t c);
int story_is_alnum(int32_t c);
int story_is_open_quote(int32_t c);
int story_is_close_quote(int32_t c);

/* A hash of the NUL-terminated string s, for the open-addressing tables of
 * the story stage (sentence.c). */
size_t story_hash(const char *s);

/* ---- word sets (sentence.c) ----
 * Up to 32 fixed, NULL-terminated word lists hashed into one table; each
 * word carries a bit per list that holds it.  Long pages look words up
 * millions of times, and a linear strcmp scan of a list of hundreds of
 * words was most of the analysis time. */
typedef struct story_words {
  const char **word;    /* slots, NULL = empty */
  uint32_t *lists;      /* per slot: bit k set when the word is in lists[k] */
  size_t n_slot;        /* a power of two */
} story_words;

/* Build ws from lists[0..n) (n <= 32).  Call once (pthread_once): the table
 * is read-only afterwards and lives as long as the process. */
void story_words_build(story_words *ws, const char *const *const *lists, size_t n);

/* The lists holding the NUL-terminated word w, as a mask (0 = none). */
uint32_t story_words_find(const story_words *ws, const char *w);

/* 1 if w[0..n) is a speech verb ("said", "told", "added"); speaker.c. */
int story_is_speech_verb(const char *w, size_t n);

/* ---- quote.c ---- */

/* One quotation-mark segment: the words between an opening mark and its
 * closing mark (or the end of the paragraph for a quote that continues in
 * the next paragraph). */
typedef struct quote_seg {
  size_t open, close;    /* offsets of the marks; close = end of block when open-ended */
  size_t start, end;     /* the inner words, trimmed of space */
  size_t block;
  int open_ended;        /* no closing mark in this paragraph: continues */
  int continues_prev;    /* this paragraph reopens a quote left open before */
  int words;             /* word count */
  int kind;              /* QUOTE_KIND_* */
  int single;            /* set off by single marks */
} quote_seg;

enum {
  QUOTE_KIND_DIRECT = 0, /* a quote to read */
  QUOTE_KIND_PARTIAL,    /* a fragment inside indirect speech */
  QUOTE_KIND_SCARE,      /* scare quotes, nicknames: not a quote */
  QUOTE_KIND_TITLE       /* the title of a work: not a quote */
};

/* Find the quotation-mark segments of every block.  *out is a new array. */
void quote_find(const char *text, const bc_block *blocks, size_t n_blocks,
                quote_seg **out, size_t *n);

/* ---- speaker.c ---- */

/* Fill speaker, speaker_title, gender and attribution of every quote of s,
 * using the sentences of s.  segs parallels s->quotes. */
void speaker_attribute(bc_story *s, const quote_seg *segs);

/* ---- summarize.c ---- */

/* Build s->summary: the lead sentences, then the selected quotes, within the
 * length bound of opts. */
void summary_build(bc_story *s, const bc_story_options *opts);

/* The cleaned text of sentence i for reading (dateline removed, space
 * squashed).  Caller frees. */
char *summary_sentence_text(const bc_story *s, size_t i);

#endif
