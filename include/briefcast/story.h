/* briefcast: understanding one article (sentences, quotes, speakers) and
 * choosing what the listener hears (the summary).
 *
 * Input: a bc_article.  Output: a bc_story holding the sentence boundaries,
 * every direct quote with its resolved speaker, and the summary: the lead
 * sentences, then the selected quotes, each with the attribution the narrator
 * reads before it.  All offsets are UTF-8 byte offsets in article->text. */
#ifndef BRIEFCAST_STORY_H
#define BRIEFCAST_STORY_H

#include "article.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_sentence {
  size_t start, end;        /* byte offsets in the article text, end exclusive */
  size_t block;             /* index of the article block it is in */
} bc_sentence;

typedef struct bc_quote {
  size_t start, end;        /* the quoted words, marks excluded, end exclusive */
  char *text;               /* copy of those words */
  char *speaker;            /* resolved full name ("Rand Paul"); NULL if unknown */
  char *speaker_title;      /* title stripped from the name ("Sen."); NULL if none */
  char *attribution;        /* what the narrator says before it, e.g.
                               "Paul, a Kentucky Republican, said"; NULL if none */
  bc_gender gender;         /* of the speaker, when the text shows it */
  size_t block;             /* block the quote starts in */
  int partial;              /* 1 when a fragment inside indirect speech */
  int single_marks;         /* 1 when set off by single marks (the British
                               'quote' style or the archive ''quote'' style):
                               read in the briefing, but not listed by
                               bc_story_to_json, whose quotes are the
                               double-mark quotes of the evaluation contract */
} bc_quote;

typedef enum bc_summary_kind {
  BC_SUMMARY_LEAD = 0,      /* a lead sentence, read by the narrator */
  BC_SUMMARY_QUOTE          /* a quote: attribution by the narrator, then the quote */
} bc_summary_kind;

typedef struct bc_summary_item {
  bc_summary_kind kind;
  size_t index;             /* into sentences (LEAD) or quotes (QUOTE) */
  char *text;               /* the text to say: the cleaned sentence, or the quote */
} bc_summary_item;

typedef struct bc_story_options {
  double story_seconds;     /* bound on the story's spoken length; 0 = default */
  double words_per_minute;  /* narrator's rate used to estimate length; 0 = 170 */
  int max_quotes;           /* 0 = default (3) */
} bc_story_options;

typedef struct bc_story {
  const bc_article *article;  /* borrowed: must outlive the story */
  bc_sentence *sentences;
  size_t n_sentences;
  bc_quote *quotes;         /* every direct quote found, in text order */
  size_t n_quotes;
  bc_summary_item *summary; /* what the briefing says, in order */
  size_t n_summary;
} bc_story;

/* Analyze an article and summarize it.  opts may be NULL for defaults.
 * *out borrows `article`; free it with bc_story_free() before the article. */
BC_EXPORT bc_rc bc_story_analyze(const bc_article *article, const bc_story_options *opts,
                                 bc_story **out);

/* Estimated spoken seconds of the summary at words_per_minute (0 = 170). */
BC_EXPORT double bc_story_estimate_seconds(const bc_story *s, double words_per_minute);

/* Drop the last quote (or, with no quote left, the last lead sentence but
 * one) from the summary.  Returns 0 when nothing more can be dropped. */
BC_EXPORT int bc_story_trim(bc_story *s);

/* The analysis as one compact JSON object on one line (the contract of
 * `briefcast analyze --json`: title, byline, published, site, language,
 * text, quotes[], summary.sentences[]).  Free *out with bc_free(). */
BC_EXPORT bc_rc bc_story_to_json(const bc_story *s, char **out);

BC_EXPORT void bc_story_free(bc_story *s);

/* The story as the JSON object of `briefcast analyze --json` (contract in
 * ../shared/eval/README.md): title, byline, published, site, language, text,
 * quotes (text, speaker, start, end: UTF-8 byte offsets in text) and
 * summary.sentences (what the briefing says, attributions included).
 * *out is a new NUL-terminated string; free it with bc_free(). */
BC_EXPORT bc_rc bc_story_to_json(const bc_story *s, char **out);

#ifdef __cplusplus
}
#endif
#endif
