/* Rendering: a script in, a finished audio file out.  Drives the sound
 * stages in order: speech (bc_speak_parallel: stories in worker processes,
 * 16-bit PCM at the engine's rate) ->
 * mastering (resampling, loudness, limiter, jingles; master.c) -> encoding
 * (encode.c).
 *
 * A file is mastered in passes (see master.c) so its loudness is measured
 * before anything is written; the encoder writes under a temporary name, so
 * on any failure or interruption no file is left under the output name.
 * "-" streams instead: each chunk of speech is mastered and written to
 * stdout as soon as espeak-ng makes it, so playback starts at once (the
 * loudness is then an estimate, peaks still limited).
 *
 * Chapters come from the script's headline segments: each story is a
 * chapter from the start of its headline, plus an opening chapter for the
 * intro when it is not empty. */
#include "briefcast/render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "briefcast/parallel.h"
#include "briefcast/transcript.h"
#include "mastering.h"
#include "util.h"

/* Room below the ceiling left for a lossy codec's overshoot, dB. */
#define LOSSY_HEADROOM_DB 1.0
/* Encodings of a lossy file at most, and how far from the target its
 * decoded loudness may be before it is encoded again (LU). */
#define MAX_ATTEMPTS 3
#define LOUDNESS_TOLERANCE 0.5

typedef struct render_ctx {
  const bc_render_options *opts;
  bc_encoder *enc;
  mst_stream *stream;
  mst_episode *episode;
  uint64_t made, expected;   /* speech samples so far, estimate of the total */
  uint64_t written, total;   /* output samples written, expected */
  unsigned in_rate, out_rate;
  bc_rc err;
} render_ctx;

static int cancelled(const bc_render_options *o) { return o->cancel && *o->cancel; }

/* Progress in seconds of audio: done of (about) total. */
static void progress(render_ctx *c, const char *what, uint64_t done, uint64_t total,
                     unsigned rate) {
  if (c->opts->on_progress)
    c->opts->on_progress(what, (size_t)(done / rate),
                         (size_t)((total > done ? total : done) / rate), c->opts->user);
}

static bc_rc to_encoder(const float *s, size_t n, void *user) {
  render_ctx *c = user;
  bc_rc rc;
  if (cancelled(c->opts)) return BC_ERR_INTERRUPTED;
  rc = bc_encoder_write(c->enc, s, n);
  c->written += n;
  if (c->episode && (c->written / c->out_rate) != ((c->written - n) / c->out_rate))
    progress(c, "encoding", c->written, c->total, c->out_rate);
  return rc;
}

static void mastering_progress(uint64_t done, uint64_t total, void *user) {
  render_ctx *c = user;
  progress(c, "measuring loudness", done, total, c->out_rate);
}

/* The bc_pcm_sink for bc_speak: stop (return non-zero) on error or signal. */
static int speech_sink(const int16_t *pcm, size_t n, void *user) {
  render_ctx *c = user;
  if (cancelled(c->opts)) {
    c->err = BC_ERR_INTERRUPTED;
    return 1;
  }
  c->err = c->stream ? mst_stream_push(c->stream, pcm, n) : mst_episode_speech(c->episode, pcm, n);
  if ((c->made + n) / c->in_rate != c->made / c->in_rate)
    progress(c, "speaking", c->made + n, c->expected, c->in_rate);
  c->made += n;
  return c->err != BC_OK;
}

static void timeline_shift(bc_timeline *t, size_t by) {
  size_t i;
  if (!t || !by) return;
  for (i = 0; i < t->n_segments; i++) {
    t->segments[i].start += by;
    t->segments[i].end += by;
    t->segments[i].pause_end += by;
  }
  for (i = 0; i < t->n_words; i++) t->words[i].sample += by;
  t->n_samples += by;
}

/* Chapters: one per story (transcript.h), plus an opening chapter for the
 * intro when the first story starts more than a second in, so a listener's
 * chapter list covers the whole episode.  Times in seconds of output (the
 * timeline is already shifted past any intro jingle). */
static void make_chapters(const bc_script *s, const bc_timeline *t, double seconds,
                          bc_render_result *r) {
  bc_chapter *ch = NULL;
  size_t n = 0;
  if (!t || bc_chapters_build(s, t, 0.0, &ch, &n) != BC_OK) return;
  if (n && ch[0].start > 1.0) {
    ch = xrealloc(ch, (n + 1) * sizeof *ch);
    memmove(ch + 1, ch, n * sizeof *ch);
    memset(&ch[0], 0, sizeof ch[0]);
    ch[0].title = xstrdup(s->title && *s->title ? s->title : "Introduction");
    ch[0].end = ch[1].start;
    n++;
  }
  if (n) ch[n - 1].end = seconds;
  r->chapters = ch;
  r->n_chapters = n;
}

/* The default comment tag: the stories' titles, "; "-separated. */
static char *story_list(const bc_script *s) {
  bc_buf b;
  size_t i;
  buf_init(&b);
  for (i = 0; i < s->n_segments; i++) {
    const bc_segment *g = &s->segments[i];
    const char *t = g->story_title && *g->story_title ? g->story_title : g->text;
    if (g->role != BC_ROLE_HEADLINE || !t || !*t) continue;
    buf_adds(&b, b.len ? "; " : "Stories: ");
    buf_adds(&b, t);
  }
  if (!b.len) {
    buf_free(&b);
    return NULL;
  }
  return buf_steal(&b);
}

static unsigned pick_rate(const bc_render_options *o, int format, unsigned engine) {
  (void)engine;
  if (o->sample_rate) return o->sample_rate;
  return format == BC_FORMAT_OPUS ? 48000 : 44100;
}

bc_rc bc_render(const bc_script *script, const bc_voiceset *vs, const bc_render_options *opts,
                bc_render_result *result, bc_diag *diag) {
  render_ctx c;
  bc_render_result r;
  bc_timeline *tl = NULL;
  bc_tags tags;
  unsigned in_rate = bc_speech_sample_rate(), out_rate;
  int format, streaming, lossy, attempt;
  int check;
  char *default_comment = NULL;
  double codec_loss = 0, loudness_cut = 0;
  double headroom, ceiling = opts && opts->master.ceiling_dbtp < 0 ? opts->master.ceiling_dbtp : -1.0;
  double target = opts && opts->master.target_lufs < 0 ? opts->master.target_lufs : -16.0;
  bc_rc rc;

  memset(&c, 0, sizeof c);
  memset(&r, 0, sizeof r);
  if (result) memset(result, 0, sizeof *result);
  if (!script || !opts || !opts->output || !*opts->output) {
    util_diag(diag, "no output file given");
    return BC_ERR_ARG;
  }
  c.opts = opts;
  streaming = !strcmp(opts->output, "-");
  format = opts->format >= 0 ? opts->format : bc_format_from_path(opts->output);
  if (format < 0 && streaming) format = BC_FORMAT_WAV;
  if (format < 0) {
    const char *dot = strrchr(opts->output, '.');
    util_diag(diag, "%s: unknown output extension '%s' (use .wav, .flac, .ogg, .opus or .mp3)",
              opts->output, dot && !strchr(dot, '/') ? dot : "");
    return BC_ERR_FORMAT;
  }
  out_rate = pick_rate(opts, format, in_rate);
  if (!bc_format_rate_ok((bc_format)format, out_rate)) {
    util_diag(diag, "%s: %s cannot be written at %u Hz", opts->output,
              bc_format_name((bc_format)format), out_rate);
    return BC_ERR_FORMAT;
  }
  c.in_rate = in_rate;
  c.out_rate = out_rate;
  c.expected = (uint64_t)(bc_script_estimate_seconds(script, opts->speak.words_per_minute > 0
                                                                  ? opts->speak.words_per_minute
                                                                  : 160) *
                          in_rate);

  memset(&tags, 0, sizeof tags);
  tags.title = script->title;
  tags.date = script->date;
  tags.artist = opts->author;
  tags.album = opts->podcast_name;
  tags.comment = opts->comment ? opts->comment : (default_comment = story_list(script));

  if (streaming) {
    rc = bc_encoder_open("-", (bc_format)format, out_rate, &opts->encode, &c.enc, diag);
    if (rc) goto out;
    c.stream = mst_stream_new(&opts->master, in_rate, out_rate, to_encoder, &c);
    rc = bc_speak_parallel(script, vs, &opts->speak, opts->jobs, speech_sink, &c, &tl, diag);
    if (rc == BC_ERR_INTERRUPTED && c.err) rc = c.err;
    if (!rc) rc = mst_stream_finish(c.stream);
    if (rc) {
      if (rc == BC_ERR_INTERRUPTED) util_diag(diag, "interrupted");
      else if (rc == BC_ERR_IO) util_diag(diag, "cannot write to standard output");
      bc_encoder_abort(c.enc);
      goto out;
    }
    r.seconds = (double)c.written / out_rate;
    make_chapters(script, tl, r.seconds, &r);
    rc = bc_encoder_finish(c.enc, &tags, diag);
    goto out;
  }

  lossy = format == BC_FORMAT_OGG || format == BC_FORMAT_OPUS || format == BC_FORMAT_MP3;
  check = lossy && !opts->master.no_loudness;
  /* A lossy codec's output overshoots the limiter's peaks (its filtering
   * rings) and loses a little loudness (its low-pass).  Start with room for
   * the usual overshoot, check the decoded file before it appears, and
   * encode again, corrected, when it misses the ceiling or the target. */
  headroom = check ? LOSSY_HEADROOM_DB : 0.0;
  /* The loudness each codec usually loses at its default rate (measured on
   * espeak-ng speech), so the first encoding is usually the last. */
  codec_loss = !check ? 0.0 : format == BC_FORMAT_MP3 ? 0.4 : format == BC_FORMAT_OPUS ? 0.25 : 0.1;
  rc = mst_episode_begin(&opts->master, in_rate, out_rate, headroom, codec_loss, &c.episode,
                         diag);
  if (rc) goto out;
  mst_episode_set_progress(c.episode, mastering_progress, &c);
  rc = bc_speak_parallel(script, vs, &opts->speak, opts->jobs, speech_sink, &c, &tl, diag);
  if (rc == BC_ERR_INTERRUPTED && c.err) rc = c.err;
  if (rc) {
    if (rc == BC_ERR_INTERRUPTED) util_diag(diag, "interrupted");
    goto out;
  }
  if (cancelled(opts)) {
    rc = BC_ERR_INTERRUPTED;
    util_diag(diag, "interrupted");
    goto out;
  }
  c.total = mst_episode_length(c.episode);
  r.seconds = (double)c.total / out_rate;
  if (tl)
    timeline_shift(tl, (size_t)llround((double)mst_episode_speech_offset(c.episode) * in_rate /
                                       out_rate));
  make_chapters(script, tl, r.seconds, &r);
  tags.chapters = r.chapters;
  tags.n_chapters = r.n_chapters;

  rc = mst_episode_prepare(c.episode, headroom, codec_loss, opts->cancel, diag);
  for (attempt = 0; !rc; attempt++) {
    double pcm_lufs, pcm_tp, lufs, tp;
    bc_decoder *dec = NULL;
    unsigned rate = 0;
    rc = bc_encoder_open(opts->output, (bc_format)format, out_rate, &opts->encode, &c.enc, diag);
    if (rc) goto out;
    bc_encoder_set_tags(c.enc, &tags);
    c.written = 0;
    rc = mst_episode_run(c.episode, headroom, !check, to_encoder, &c, opts->cancel, diag);
    if (!rc) rc = bc_encoder_complete(c.enc, NULL, diag);
    if (rc) break;
    mst_episode_loudness(c.episode, &pcm_lufs, &pcm_tp);
    r.loudness = pcm_lufs;
    r.true_peak = pcm_tp;
    if (!check) {
      /* The gain may come from a prediction (see master.c): when the
       * measured result misses, search it again, measuring. */
      if (opts->master.no_loudness || !isfinite(pcm_lufs) ||
          fabs(pcm_lufs - target) <= LOUDNESS_TOLERANCE || attempt == MAX_ATTEMPTS - 1)
        break;
      bc_encoder_abort(c.enc);
      c.enc = NULL;
      rc = mst_episode_prepare(c.episode, headroom, codec_loss, opts->cancel, diag);
      continue;
    }
    if (bc_encoder_read_back(c.enc, &dec, &rate, NULL) || mst_measure(dec, rate, &lufs, &tp)) {
      bc_decoder_close(dec);
      break;
    }
    bc_decoder_close(dec);
    r.loudness = lufs;
    r.true_peak = tp;
    if ((tp <= ceiling && fabs(lufs - target) <= LOUDNESS_TOLERANCE) ||
        attempt == MAX_ATTEMPTS - 1)
      break;
    bc_encoder_abort(c.enc);
    c.enc = NULL;
    if (tp > ceiling) headroom += tp - ceiling + 0.2;
    /* Missed the ceiling twice: more room alone does not do it (the gain
     * search drives the limiter harder to keep the loudness, and the codec
     * overshoots the denser signal more).  The ceiling is the hard limit:
     * give up as much loudness too. */
    if (tp > ceiling && attempt > 0) loudness_cut += tp - ceiling + 0.2;
    /* Aim the mastered signal above the target by what the codec lost. */
    codec_loss = pcm_lufs - lufs;
    if (codec_loss < 0) codec_loss = 0;
    rc = mst_episode_prepare(c.episode, headroom, codec_loss - loudness_cut, opts->cancel, diag);
  }
  if (rc) {
    if (rc == BC_ERR_INTERRUPTED) util_diag(diag, "interrupted");
    bc_encoder_abort(c.enc);
    goto out;
  }
  r.seconds = (double)c.written / out_rate;
  rc = bc_encoder_publish(c.enc, diag);

out:
  free(default_comment);
  mst_stream_free(c.stream);
  mst_episode_free(c.episode);
  if (rc) {
    bc_timeline_free(tl);
    r.timeline = NULL;
    bc_render_result_clear(&r);
    return rc;
  }
  r.sample_rate = out_rate;
  r.format = format;
  r.timeline = tl;
  if (result) *result = r;
  else bc_render_result_clear(&r);
  return BC_OK;
}

void bc_render_result_clear(bc_render_result *r) {
  size_t i;
  if (!r) return;
  bc_timeline_free(r->timeline);
  for (i = 0; i < r->n_chapters; i++) {
    free((char *)r->chapters[i].title);
    free((char *)r->chapters[i].url);
  }
  free(r->chapters);
  memset(r, 0, sizeof *r);
}
