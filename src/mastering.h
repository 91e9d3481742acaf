/* Private: the mastering machinery bc_render() drives (master.c). */
#ifndef BC_MASTERING_H
#define BC_MASTERING_H

#include "briefcast/encode.h"
#include "briefcast/master.h"
#include "util.h"

/* Receives mastered samples at the output rate.  Returns BC_OK to go on. */
typedef bc_rc (*mst_sink)(const float *samples, size_t n, void *user);

/* Streaming (for -o -): resample, a fixed gain, the limiter; one pass, no
 * look at the whole episode, so the loudness is only approximate. */
typedef struct mst_stream mst_stream;
mst_stream *mst_stream_new(const bc_master_options *o, unsigned in_rate, unsigned out_rate,
                           mst_sink sink, void *user);
bc_rc mst_stream_push(mst_stream *s, const int16_t *pcm, size_t n);
bc_rc mst_stream_finish(mst_stream *s);
void mst_stream_free(mst_stream *s);

/* A whole episode in passes with bounded memory: speech is stored in an
 * unlinked temporary file as it arrives (pass 1; speech alone is also
 * limited and measured then, and kept, limited, in a second one);
 * mst_episode_prepare() finds the gain (for speech alone usually from that
 * measurement, else by mixing jingles, limiting and measuring without
 * writing), and mst_episode_run() streams the result to the sink. */
typedef struct mst_episode mst_episode;
/* headroom and aim: what mst_episode_prepare will most likely be given
 * (the format's), so the speech-time pass can aim there. */
bc_rc mst_episode_begin(const bc_master_options *o, unsigned in_rate, unsigned out_rate,
                        double headroom, double aim, mst_episode **out, bc_diag *diag);
bc_rc mst_episode_speech(mst_episode *e, const int16_t *pcm, size_t n);
/* Called about once per second of audio during the measuring passes of
 * mst_episode_prepare (done and total in output samples). */
void mst_episode_set_progress(mst_episode *e,
                              void (*fn)(uint64_t done, uint64_t total, void *user), void *user);
/* Where speech starts in the output, in output samples (after the intro). */
uint64_t mst_episode_speech_offset(const mst_episode *e);
/* Output length in samples (valid after all speech was given). */
uint64_t mst_episode_length(const mst_episode *e);
/* Pass 2: find the gains that bring the limited mix to the target loudness
 * plus aim_db (a codec's expected loss), by mixing, limiting (the ceiling
 * lowered by extra_headroom_db) and measuring without output; a few passes
 * when heavy limiting makes loudness follow gain slowly.  May run again. */
bc_rc mst_episode_prepare(mst_episode *e, double extra_headroom_db, double aim_db,
                          volatile int *cancel, bc_diag *diag);
/* Pass 3: the mastered episode into sink, the limiter's ceiling lowered by
 * extra_headroom_db (room for a lossy codec's overshoot); measures its true
 * peak too when measure_peak.  May run again. */
bc_rc mst_episode_run(mst_episode *e, double extra_headroom_db, int measure_peak, mst_sink sink,
                      void *user, volatile int *cancel, bc_diag *diag);
/* Loudness of what mst_episode_run() produced. */
void mst_episode_loudness(const mst_episode *e, double *lufs, double *dbtp);
void mst_episode_free(mst_episode *e);

/* Integrated loudness (LUFS) and true peak (dBTP) of a decoder's audio,
 * read to its end. */
bc_rc mst_measure(bc_decoder *d, unsigned rate, double *lufs, double *dbtp);

#endif
