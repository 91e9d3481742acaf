/* briefcast: parallel synthesis, which speaks the stories of a script in
 * worker processes and puts their audio back together in order.
 *
 * espeak-ng keeps its state in process globals and is not thread-safe, so
 * the parallelism is in processes: the script is split at story boundaries
 * (the intro goes with nothing before it, pauses and the outro stay with the
 * story they follow), each part is spoken by bc_speak() in a child forked
 * from the caller, and the parent streams the parts to the sink in script
 * order, shifting each part's timeline by the samples before it.
 *
 * espeak-ng's output also depends on what the process synthesized before (its
 * wave generator keeps phase from one message to the next), so every part,
 * also with jobs = 1, starts from the engine state of the calling process:
 * the PCM and timeline are the same, bit for bit, whatever the number of
 * jobs.  Compared with one bc_speak() over the whole script in one process,
 * each story after the first can differ by a few samples of phase. */
#ifndef BRIEFCAST_PARALLEL_H
#define BRIEFCAST_PARALLEL_H

#include "speech.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The number of workers used for jobs <= 0: the cores online (at least 1). */
BC_EXPORT int bc_speak_default_jobs(void);

/* Speak `script` like bc_speak(), with up to `jobs` worker processes
 * (<= 0: bc_speak_default_jobs()).  The sink is called in the calling
 * process only, in order; returning non-zero from it stops every worker
 * (BC_ERR_INTERRUPTED).  Workers write their audio to unlinked temporary
 * files in $TMPDIR (else /tmp), about 44 kB per second of speech, removed
 * whatever the outcome.  On success *timeline (if not NULL) receives the
 * timings of the whole script; free with bc_timeline_free(). */
BC_EXPORT bc_rc bc_speak_parallel(const bc_script *script, const bc_voiceset *vs,
                                  const bc_speak_options *opts, int jobs, bc_pcm_sink sink,
                                  void *user, bc_timeline **timeline, bc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
