/* briefcast: rendering, which turns a script into finished audio files:
 * speech -> mastering -> encoding, plus the files that go with an episode.
 *
 * This is the one place that drives the sound-making stages in order; the
 * command-line tool and programs embedding the library call it. */
#ifndef BRIEFCAST_RENDER_H
#define BRIEFCAST_RENDER_H

#include "speech.h"
#include "encode.h"
#include "master.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_render_options {
  const char *output;       /* file path, or "-" for stdout */
  int format;               /* bc_format, or -1 to follow the extension */
  unsigned sample_rate;     /* output rate; 0 = the engine's rate */
  bc_speak_options speak;
  bc_encode_options encode;
  const char *author;       /* tags */
  const char *podcast_name;
  void (*on_progress)(const char *what, size_t done, size_t total, void *user);
  void *user;
  /* Added for mastering and interruption (issue 7): */
  bc_master_options master;  /* loudness target, ceiling, jingles */
  volatile int *cancel;      /* when it becomes non-zero (a signal handler in the
                                tool sets it), rendering stops, removes its
                                temporary files and returns BC_ERR_INTERRUPTED */
  const char *comment;       /* comment tag; NULL = the stories' titles */
  /* Added for parallel synthesis (issue 8, parallel.h): */
  int jobs;                  /* speech worker processes; 0 = the number of cores.
                                The audio is the same whatever the number. */
} bc_render_options;

typedef struct bc_render_result {
  double seconds;           /* duration of the output */
  unsigned sample_rate;
  bc_timeline *timeline;    /* owned by the result; sample positions are in
                               timeline->sample_rate units from the start of the
                               output (shifted past an intro jingle) */
  double loudness;          /* integrated loudness of the output, LUFS (0 if not measured) */
  double true_peak;         /* dBTP (0 if not measured) */
  int format;               /* bc_format written */
  bc_chapter *chapters;     /* one per story (plus the intro), owned by the result */
  size_t n_chapters;
} bc_render_result;

/* Speak, master and encode `script` into opts->output.  On failure no file
 * is left under the output name.  *result (may be NULL) is filled on success;
 * release it with bc_render_result_clear(). */
BC_EXPORT bc_rc bc_render(const bc_script *script, const bc_voiceset *vs,
                          const bc_render_options *opts, bc_render_result *result,
                          bc_diag *diag);

BC_EXPORT void bc_render_result_clear(bc_render_result *r);

#ifdef __cplusplus
}
#endif
#endif
