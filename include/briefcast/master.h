/* briefcast: mastering, which makes speech sound like a finished episode:
 * resampling to the output rate, loudness normalization to a target with a
 * true-peak limiter (EBU R128 / ITU-R BS.1770 measurement), and optional
 * intro and outro jingles, loudness-matched and crossfaded.
 *
 * bc_render() drives it; these are its options and the loudness meter.
 *
 * Files are mastered in passes over a temporary file (memory stays ~20 MB
 * whatever the length), so loudness is exact: integrated within 0.5 LU of
 * the target and true peak under the ceiling, checked on the decoded file
 * for lossy formats.  A stream to stdout ("-o -") is mastered on the fly:
 * same limiter, loudness estimated (within about 1 LU), no jingles. */
#ifndef BRIEFCAST_MASTER_H
#define BRIEFCAST_MASTER_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_master_options {
  double target_lufs;       /* integrated loudness; 0 = -16 LUFS */
  double ceiling_dbtp;      /* true-peak ceiling; 0 = -1 dBTP */
  int no_loudness;          /* 1: keep the engine's level (resampling only) */
  const char *intro_audio;  /* jingle files (any format libsndfile reads); NULL = none */
  const char *outro_audio;
  double crossfade;         /* seconds the jingles overlap speech; 0 = 1.5, < 0 = none */
} bc_master_options;

/* Loudness presets: "podcast" (-16 LUFS, -1 dBTP), "broadcast" or "ebu"
 * (EBU R128: -23 LUFS, -1 dBTP), "alexa" (Alexa flash briefing: -14 LUFS,
 * -2 dBTP, MP3).  Sets o's target and ceiling, and *format (may be NULL) to
 * the preset's bc_format or -1 when it has none.  BC_ERR_ARG if unknown. */
BC_EXPORT bc_rc bc_master_preset(const char *name, bc_master_options *o, int *format);

typedef struct bc_loudness {
  double integrated;        /* LUFS (-HUGE_VAL for silence) */
  double true_peak;         /* dBTP, loudest channel */
  double range;             /* loudness range, LU */
  double seconds;
  unsigned sample_rate;
} bc_loudness;

/* Measure an audio file's loudness (ITU-R BS.1770-4, EBU Tech 3341/3342). */
BC_EXPORT bc_rc bc_loudness_measure(const char *path, bc_loudness *out, bc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
