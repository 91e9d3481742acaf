/* briefcast: transcripts and chapters of a spoken briefing.
 *
 * In: the script and the timeline bc_speak() returned for it.  Out: WebVTT
 * and SRT subtitle text (cues of at most two lines, each starting at its
 * first word's first sample; speakers as WebVTT voice tags <v Name>), and
 * one chapter per story, starting at the story's headline.
 *
 * Times: the timeline counts samples at timeline->sample_rate (the engine
 * rate, 22 050 Hz).  Every time here is converted to seconds with that rate,
 * so transcripts and chapters stay right when the encoder resamples the
 * audio (to 44 100 or 48 000 Hz): seconds do not change.  If the encoder
 * puts anything before the speech (a jingle, lead-in silence), pass its
 * length as offset_seconds. */
#ifndef BRIEFCAST_TRANSCRIPT_H
#define BRIEFCAST_TRANSCRIPT_H

#include "encode.h"
#include "speech.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_transcript_options {
  unsigned max_line_chars;  /* characters per cue line; 0 = 42 */
  double max_cue_seconds;   /* longest cue; 0 = 6 */
  double offset_seconds;    /* added to every time (audio before the speech) */
} bc_transcript_options;

/* WebVTT text ("WEBVTT" header, cues "00:00:01.250 --> 00:00:03.900", text
 * as "<v Rand Paul>We agreed</v>"; narration is <v Narrator>, intro and
 * sign-off <v Host>).  opts may be NULL.  *out: free with bc_free(). */
BC_EXPORT bc_rc bc_transcript_vtt(const bc_script *script, const bc_timeline *tl,
                                  const bc_transcript_options *opts, char **out);

/* SubRip text (numbered cues, "00:00:01,250 --> 00:00:03,900"); a quote's
 * first cue starts with "Speaker Name: ".  Same cues and times as the
 * WebVTT.  opts may be NULL.  *out: free with bc_free(). */
BC_EXPORT bc_rc bc_transcript_srt(const bc_script *script, const bc_timeline *tl,
                                  const bc_transcript_options *opts, char **out);

/* One chapter per story (bc_chapter is the encoder's, encode.h), in order,
 * starting at the story's headline segment (its first segment when it has
 * no headline) and ending where the next begins or the audio ends.  Title:
 * the headline's story_title, else its text; url: story_url.  Times are
 * seconds (sample / tl->sample_rate + offset_seconds).  Title and url are
 * allocated: free the array with bc_chapters_free(*out, *n). */
BC_EXPORT bc_rc bc_chapters_build(const bc_script *script, const bc_timeline *tl,
                                  double offset_seconds, bc_chapter **out, size_t *n);

/* The chapters as Podcasting 2.0 JSON chapters ({"version":"1.2.0",
 * "chapters":[{"startTime":..,"title":..,"url":..}]}).  *out: free with
 * bc_free(). */
BC_EXPORT bc_rc bc_chapters_json(const bc_chapter *chapters, size_t n, char **out);

BC_EXPORT void bc_chapters_free(bc_chapter *chapters, size_t n);

#ifdef __cplusplus
}
#endif
#endif
