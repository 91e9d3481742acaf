/* The story stage: understanding one article and choosing what is read.
 *
 * bc_story_analyze runs the parts in order: sentences (sentence.c), quotes
 * (quote.c), their speakers (speaker.c), then the summary (summarize.c),
 * which is finally trimmed to the spoken-length bound.  Scare quotes and
 * titles of works are found but not kept as quotes.  bc_story_to_json writes
 * the `briefcast analyze --json` object with jansson. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "story_impl.h"
#include "util.h"

#define DEFAULT_WPM 170.0
#define DEFAULT_STORY_SECONDS 90.0
#define ITEM_PAUSE_SECONDS 0.5
#ifndef SCARE_MAX_WORDS
#define SCARE_MAX_WORDS 6
#endif

bc_rc bc_story_analyze(const bc_article *article, const bc_story_options *opts, bc_story **out) {
  if (!article || !out) return BC_ERR_ARG;
  *out = NULL;
  bc_story *s = xcalloc(1, sizeof *s);
  s->article = article;
  const char *t = article->text ? article->text : "";
  bc_block whole = {BC_BLOCK_PARAGRAPH, 0, article->text ? article->text_len : 0};
  const bc_block *blocks = article->blocks;
  size_t nb = article->n_blocks;
  bc_article view;
  if (!blocks || !nb) {
    /* no blocks: the whole text is one paragraph */
    view = *article;
    view.text = (char *)t;
    view.blocks = &whole;
    view.n_blocks = 1;
    blocks = &whole;
    nb = 1;
    s->article = &view;
  }
  sentence_split(t, blocks, nb, &s->sentences, &s->n_sentences);

  quote_seg *all = NULL, *keep = NULL;
  size_t n_all = 0, n_keep = 0;
  quote_find(t, blocks, nb, &all, &n_all);
  keep = xcalloc(n_all ? n_all : 1, sizeof *keep);
  for (size_t i = 0; i < n_all; i++)
    if (all[i].kind == QUOTE_KIND_DIRECT || all[i].kind == QUOTE_KIND_PARTIAL) keep[n_keep++] = all[i];
  free(all);
  s->quotes = xcalloc(n_keep ? n_keep : 1, sizeof *s->quotes);
  s->n_quotes = n_keep;
  for (size_t i = 0; i < n_keep; i++) {
    bc_quote *q = &s->quotes[i];
    size_t a = keep[i].start, e = keep[i].end;
    q->start = a;
    q->end = e;
    q->text = xstrndup(t + a, e - a);
    q->block = keep[i].block;
    q->partial = keep[i].kind == QUOTE_KIND_PARTIAL;
    q->single_marks = keep[i].single;
  }
  speaker_attribute(s, keep);
  free(keep);
  /* a fragment inside a sentence that nobody is said to have said is a
   * term set off, not a quote */
  size_t w = 0;
  for (size_t i = 0; i < s->n_quotes; i++) {
    bc_quote *q = &s->quotes[i];
    if (q->partial && !q->speaker && util_count_words(q->text) < SCARE_MAX_WORDS) {
      free(q->text);
      free(q->speaker_title);
      free(q->attribution);
      continue;
    }
    s->quotes[w++] = *q;
  }
  s->n_quotes = w;

  summary_build(s, opts);
  double wpm = opts && opts->words_per_minute > 0 ? opts->words_per_minute : DEFAULT_WPM;
  double bound = opts && opts->story_seconds > 0 ? opts->story_seconds : DEFAULT_STORY_SECONDS;
  while (bc_story_estimate_seconds(s, wpm) > bound && bc_story_trim(s)) {
  }
  s->article = article;
  *out = s;
  return BC_OK;
}

double bc_story_estimate_seconds(const bc_story *s, double words_per_minute) {
  if (!s) return 0;
  double wpm = words_per_minute > 0 ? words_per_minute : DEFAULT_WPM;
  size_t words = 0;
  for (size_t i = 0; i < s->n_summary; i++) {
    const bc_summary_item *it = &s->summary[i];
    words += util_count_words(it->text ? it->text : "");
    if (it->kind == BC_SUMMARY_QUOTE && s->quotes[it->index].attribution)
      words += util_count_words(s->quotes[it->index].attribution);
  }
  return (double)words * 60.0 / wpm + ITEM_PAUSE_SECONDS * (double)s->n_summary;
}

int bc_story_trim(bc_story *s) {
  if (!s || !s->n_summary) return 0;
  size_t n_lead = 0;
  for (size_t i = s->n_summary; i-- > 0;) {
    if (s->summary[i].kind == BC_SUMMARY_QUOTE) {
      free(s->summary[i].text);
      memmove(&s->summary[i], &s->summary[i + 1], (s->n_summary - i - 1) * sizeof *s->summary);
      s->n_summary--;
      return 1;
    }
    n_lead++;
  }
  if (n_lead <= 1) return 0;
  free(s->summary[s->n_summary - 1].text);
  s->n_summary--;
  return 1;
}

void bc_story_free(bc_story *s) {
  if (!s) return;
  for (size_t i = 0; i < s->n_quotes; i++) {
    free(s->quotes[i].text);
    free(s->quotes[i].speaker);
    free(s->quotes[i].speaker_title);
    free(s->quotes[i].attribution);
  }
  for (size_t i = 0; i < s->n_summary; i++) free(s->summary[i].text);
  free(s->quotes);
  free(s->summary);
  free(s->sentences);
  free(s);
}

static json_t *str_or_null(const char *x) { return x ? json_string(x) : json_null(); }

/* What the briefing says for a summary item, as one line of text. */
static char *item_line(const bc_story *s, const bc_summary_item *it) {
  if (it->kind == BC_SUMMARY_LEAD || it->index >= s->n_quotes) return xstrdup(it->text);
  const bc_quote *q = &s->quotes[it->index];
  if (!q->attribution) return xasprintf("\"%s\"", it->text);
  if (q->partial) return xasprintf("%s \"%s\"", q->attribution, it->text);
  return xasprintf("%s: \"%s\"", q->attribution, it->text);
}

bc_rc bc_story_to_json(const bc_story *s, char **out) {
  if (!s || !out) return BC_ERR_ARG;
  *out = NULL;
  const bc_article *a = s->article;
  json_t *o = json_object();
  json_object_set_new(o, "title", str_or_null(a->title));
  json_object_set_new(o, "byline", str_or_null(a->byline));
  json_object_set_new(o, "published", str_or_null(a->published));
  json_object_set_new(o, "site", str_or_null(a->site));
  json_object_set_new(o, "language", str_or_null(a->language));
  json_object_set_new(o, "text", json_stringn(a->text ? a->text : "", a->text ? a->text_len : 0));
  json_t *qs = json_array();
  for (size_t i = 0; i < s->n_quotes; i++) {
    const bc_quote *q = &s->quotes[i];
    if (q->single_marks) continue;
    json_t *jq = json_object();
    json_object_set_new(jq, "text", json_string(q->text));
    json_object_set_new(jq, "speaker", str_or_null(q->speaker));
    json_object_set_new(jq, "start", json_integer((json_int_t)q->start));
    json_object_set_new(jq, "end", json_integer((json_int_t)q->end));
    json_array_append_new(qs, jq);
  }
  json_object_set_new(o, "quotes", qs);
  json_t *sum = json_object(), *sents = json_array();
  for (size_t i = 0; i < s->n_summary; i++) {
    char *line = item_line(s, &s->summary[i]);
    json_array_append_new(sents, json_string(line));
    free(line);
  }
  json_object_set_new(sum, "sentences", sents);
  json_object_set_new(o, "summary", sum);
  char *dump = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
  json_decref(o);
  if (!dump) return BC_ERR_NOMEM;
  *out = xstrdup(dump);
  free(dump);
  return BC_OK;
}
