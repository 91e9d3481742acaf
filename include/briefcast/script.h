/* briefcast: the script, the contract between understanding the news and
 * making sound.
 *
 * A script is an ordered list of segments; each has a role (narrator, a
 * quoted speaker, a headline...) and the text to say, as written.  Speech
 * normalization happens later, in the speech stage, so a script stays
 * readable and editable.  The text format is documented in README.md
 * ("Script format") and in briefcast(1). */
#ifndef BRIEFCAST_SCRIPT_H
#define BRIEFCAST_SCRIPT_H

#include "story.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bc_role {
  BC_ROLE_INTRO = 0,        /* opening words of the briefing */
  BC_ROLE_HEADLINE,         /* a story's headline */
  BC_ROLE_NARRATOR,         /* narration: lead sentences, attributions */
  BC_ROLE_QUOTE,            /* a quoted speaker's words */
  BC_ROLE_OUTRO,            /* the sign-off */
  BC_ROLE_PAUSE,            /* silence only: pause_ms, no text */
  BC_ROLE_SUBHEAD           /* a subhead read inside a story */
} bc_role;

/* "intro", "headline", "narrator", "quote", "outro", "pause", "subhead";
 * bc_role_parse returns -1 for an unknown name. */
BC_EXPORT const char *bc_role_name(bc_role r);
BC_EXPORT int bc_role_parse(const char *name);

typedef struct bc_segment {
  bc_role role;
  char *text;               /* what is said, as written; NULL for a pause */
  char *speaker;            /* quotes: the speaker's full name; else NULL */
  bc_gender gender;         /* quotes: the speaker's gender when known */
  char *voice;              /* voice profile name, or NULL for the role's default */
  char *lang;               /* language tag, or NULL for the script's language */
  unsigned pause_ms;        /* silence after this segment */
  int story;                /* 1-based story number, 0 outside stories */
  char *story_title;        /* headline segments: the chapter title; else NULL */
  char *story_url;          /* headline segments: the source link; else NULL */
} bc_segment;

typedef struct bc_script {
  char *title;              /* episode title */
  char *date;               /* ISO 8601 date of the briefing */
  char *lang;               /* default language tag ("en") */
  bc_segment *segments;
  size_t n_segments;
} bc_script;

typedef struct bc_script_options {
  const char *date;         /* ISO 8601 date to announce; NULL = today */
  const char *title;        /* episode title; NULL = "News briefing" */
  const char *lang;         /* force a language for every story; NULL = per article */
  unsigned headline_pause_ms;   /* 0 = default */
  unsigned story_pause_ms;      /* 0 = default */
  unsigned attribution_pause_ms;/* 0 = default */
  double max_seconds;       /* whole-briefing budget; 0 = no limit.  Whole quotes
                               are dropped first, then whole stories */
  double words_per_minute;  /* rate used to estimate lengths; 0 = 170 */
} bc_script_options;

/* Build a briefing script from analyzed stories: intro (date, number of
 * stories), each story's headline, lead and quotes (attribution by the
 * narrator, then the quote in the speaker's role), then the sign-off.
 * opts may be NULL.  Free with bc_script_free(). */
BC_EXPORT bc_rc bc_script_build(bc_story *const *stories, size_t n_stories,
                                const bc_script_options *opts, bc_script **out);

/* Write a script in the text format.  Returns the text in *out (free with
 * bc_free()). */
BC_EXPORT bc_rc bc_script_format(const bc_script *s, char **out);

/* Parse the text format.  Errors name the line in diag.  Free with bc_script_free(). */
BC_EXPORT bc_rc bc_script_parse(const char *text, size_t len, bc_script **out, bc_diag *diag);

/* Append a segment (copies every string).  Returns BC_OK or BC_ERR_NOMEM. */
BC_EXPORT bc_rc bc_script_add(bc_script *s, bc_role role, const char *text,
                              const char *speaker, bc_gender gender, unsigned pause_ms,
                              int story);

/* Estimated spoken seconds at words_per_minute, pauses included. */
BC_EXPORT double bc_script_estimate_seconds(const bc_script *s, double words_per_minute);

/* A new empty script (title/date/lang copied; NULLs allowed). */
BC_EXPORT bc_script *bc_script_new(const char *title, const char *date, const char *lang);

BC_EXPORT void bc_script_free(bc_script *s);

#ifdef __cplusplus
}
#endif
#endif
