/* briefcast: the speech stage, which speaks a script through espeak-ng.
 *
 * Each segment is normalized (normalize.h) and synthesized with the voice
 * profile its role or speaker was given, switching voices through
 * espeak-ng's API between segments (not SSML).  PCM goes to a sink as it is
 * made: mono signed 16-bit at the engine's rate (22 050 Hz).  The timeline
 * says which samples belong to which segment and where each word starts, for
 * transcripts and chapters.  espeak-ng keeps global state: one synthesis at a
 * time per process. */
#ifndef BRIEFCAST_SPEECH_H
#define BRIEFCAST_SPEECH_H

#include "voice.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_word_time {
  size_t segment;           /* index in the script */
  size_t sample;            /* first sample of the word, from the start of the output */
  size_t text_start, text_end;  /* the word's byte range in the segment's text as
                                   written (not the normalized text): "$1.5 billion"
                                   is one word here though four are spoken */
} bc_word_time;

typedef struct bc_segment_time {
  size_t start, end;        /* samples of speech, end exclusive (the pause follows) */
  size_t pause_end;         /* end of the silence after it */
  const char *voice;        /* profile name used (points into the voice set) */
  char *espeak_voice;       /* espeak-ng voice actually used, e.g. "en-us+f3", or "de+f3"
                               for a German segment; NULL for a pause.  Owned by the
                               timeline. */
} bc_segment_time;

typedef struct bc_timeline {
  unsigned sample_rate;
  size_t n_samples;         /* total samples produced */
  bc_segment_time *segments;/* one per script segment */
  size_t n_segments;
  bc_word_time *words;
  size_t n_words;
} bc_timeline;

/* Receives PCM as it is synthesized.  Return 0 to go on, non-zero to stop
 * (bc_speak then returns BC_ERR_INTERRUPTED). */
typedef int (*bc_pcm_sink)(const int16_t *pcm, size_t n_samples, void *user);

typedef struct bc_speak_options {
  int words_per_minute;     /* 0 = each profile's rate; else overrides the narrator's
                               rate and scales the others alike */
  int no_normalize;         /* 1: speak the text as written */
} bc_speak_options;

/* Speak `script` with voice set `vs`.  opts may be NULL; sink may be NULL
 * (timings only).  A segment's voice is its `voice` profile, else its role's
 * (bc_voiceset_for_role); a segment whose language (segment->lang, else
 * script->lang) differs from the profile's is spoken by espeak-ng's voice
 * for that language with the profile's variant, pitch and rate, and by the
 * profile's own voice when espeak-ng lacks the language (never an error).
 * On success *timeline (if not NULL) receives the timings; free with
 * bc_timeline_free().  On failure *timeline is NULL. */
BC_EXPORT bc_rc bc_speak(const bc_script *script, const bc_voiceset *vs,
                         const bc_speak_options *opts, bc_pcm_sink sink, void *user,
                         bc_timeline **timeline, bc_diag *diag);

/* The engine's output rate (22 050 for espeak-ng's standard voices). */
BC_EXPORT unsigned bc_speech_sample_rate(void);

/* espeak-ng's phonemes (its ASCII phoneme names, clauses joined by a space)
 * for text in voice `espeak_voice` ("en-us", "de"; NULL = "en-us").  For
 * tests of normalization by sound.  BC_ERR_VOICE for an unknown voice.
 * Free *out with bc_free(). */
BC_EXPORT bc_rc bc_speech_phonemes(const char *text, const char *espeak_voice, char **out);

BC_EXPORT void bc_timeline_free(bc_timeline *t);

#ifdef __cplusplus
}
#endif
#endif
