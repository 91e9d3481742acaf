/* Mastering: speech PCM in (16-bit at the engine's 22 050 Hz), a finished
 * signal out (float at the output rate, loudness-normalized, peaks limited).
 * The only user of libsoxr and libebur128.
 *
 * Loudness follows ITU-R BS.1770-4 / EBU R128 as libebur128 measures it.
 * espeak-ng's speech has a peak-to-loudness ratio near 21 dB, so plain gain
 * to -16 LUFS would put peaks near +5 dBTP: a look-ahead true-peak limiter
 * follows the gain.  The limiter estimates inter-sample peaks by 4x
 * oversampling (a windowed-sinc interpolator, as BS.1770-4 Annex 2
 * describes), turns each into the gain that keeps it under the ceiling,
 * takes the minimum over the look-ahead window, lets it recover with an
 * exponential release, and smooths it with a moving average as long as the
 * window.  Every smoothed value is at most the minimum over a window holding
 * the sample it scales, so the gain is reached before the peak arrives,
 * without clicks.
 *
 * A whole episode is mastered in passes over an unlinked temporary file so
 * memory does not grow with length: pass 1 stores the speech and measures
 * it; measuring passes mix, apply gain and limiter and measure the result
 * without keeping it (limiting lowers loudness a little) until the gain
 * hits the target; the last pass does the same into the encoder.
 *
 * Cost: speech alone (no jingles) is limited once.  While it arrives it
 * is driven by the gain expected to land it near the target (drive_curve),
 * limited and measured at the engine's rate, and kept, limited, in a
 * second temporary file.  The limiter scales with its input, so a plain
 * gain then brings the kept speech to the target exactly, as long as its
 * peaks stay under the ceiling (the usual case); the last pass only scales,
 * resamples (the limiter bounds the band-limited peak, which resampling
 * keeps) and encodes.  Otherwise (or with jingles) the passes above run,
 * from the speech-time measurement.
 * The limiter skips interpolation where no sample comes near the ceiling
 * and its gain stage where it rests. */
#include "mastering.h"

#include <ebur128.h>
#include <errno.h>
#include <math.h>
#include <soxr.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefcast/encode.h"

#define DEFAULT_TARGET (-16.0)
#define DEFAULT_CEILING (-1.0)
#define DEFAULT_CROSSFADE 1.5
/* The limiter aims a little under the ceiling: its oversampled estimate and
 * the gain's slow change leave a small error, and lossy encoders add some. */
#define CEILING_MARGIN_DB 0.5
#define MAX_GAIN_DB 40.0
#define BLOCK 4096

static double db_to_lin(double db) { return pow(10.0, db / 20.0); }

bc_rc bc_master_preset(const char *name, bc_master_options *o, int *format) {
  int f = -1;
  if (!name) return BC_ERR_ARG;
  if (!util_strcasecmp(name, "podcast")) {
    o->target_lufs = -16;
    o->ceiling_dbtp = -1;
  } else if (!util_strcasecmp(name, "broadcast") || !util_strcasecmp(name, "ebu") ||
             !util_strcasecmp(name, "r128")) {
    o->target_lufs = -23;
    o->ceiling_dbtp = -1;
  } else if (!util_strcasecmp(name, "alexa")) {
    o->target_lufs = -14;
    o->ceiling_dbtp = -2;
    f = BC_FORMAT_MP3;
  } else {
    return BC_ERR_ARG;
  }
  if (format) *format = f;
  return BC_OK;
}

static double opt_target(const bc_master_options *o) {
  return o && o->target_lufs < 0 ? o->target_lufs : DEFAULT_TARGET;
}

static double opt_ceiling(const bc_master_options *o) {
  return o && o->ceiling_dbtp < 0 ? o->ceiling_dbtp : DEFAULT_CEILING;
}

/* ---- resampler (libsoxr) ---------------------------------------------- */

typedef struct resampler {
  soxr_t soxr;       /* NULL when the rates are equal */
  float *out;
  size_t cap;
  double ratio;
} resampler;

static void rs_init(resampler *r, unsigned in, unsigned out) {
  memset(r, 0, sizeof *r);
  r->ratio = (double)out / in;
  if (in != out) {
    soxr_error_t err = NULL;
    soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    r->soxr = soxr_create(in, out, 1, &err, &io, &q, NULL);
    if (err) r->soxr = NULL; /* cannot happen for sane rates; falls back to no resampling */
  }
  r->cap = (size_t)(BLOCK * (r->ratio > 1 ? r->ratio : 1)) + 64;
  r->out = xmalloc(r->cap * sizeof *r->out);
}

/* Resample n samples (in == NULL: flush), handing the output to fn. */
static bc_rc rs_process(resampler *r, const float *in, size_t n, mst_sink fn, void *user) {
  bc_rc rc;
  if (!r->soxr) return in && n ? fn(in, n, user) : BC_OK;
  if (!in) {
    for (;;) {
      size_t odone = 0;
      soxr_process(r->soxr, NULL, 0, NULL, r->out, r->cap, &odone);
      if (!odone) return BC_OK;
      if ((rc = fn(r->out, odone, user))) return rc;
    }
  }
  while (n) {
    size_t take = n > BLOCK ? BLOCK : n, idone = 0, odone = 0;
    soxr_process(r->soxr, in, take, &idone, r->out, r->cap, &odone);
    if (odone && (rc = fn(r->out, odone, user))) return rc;
    in += idone;
    n -= idone;
    if (!idone && !odone) break;
  }
  return BC_OK;
}

static void rs_free(resampler *r) {
  if (r->soxr) soxr_delete(r->soxr);
  free(r->out);
  memset(r, 0, sizeof *r);
}

/* ---- true-peak limiter ------------------------------------------------ */

#define LIM_K 8        /* interpolator half width: 16 taps per phase */
#define LIM_PHASES 3   /* fractions 1/4, 2/4, 3/4 between two samples */
#define LIM_TAIL (2 * LIM_K - 1)

typedef struct limiter {
  double ceiling;    /* linear */
  double release;    /* per-sample recovery coefficient */
  size_t L;          /* look-ahead in samples */
  float coef[LIM_PHASES][2 * LIM_K];
  float *x;          /* input history ring (power of two) */
  float *pk;         /* the stretches' peaks, same ring */
  size_t xmask;
  uint64_t n_in, n_out;
  uint64_t *dq_i;    /* sliding-minimum deque of (index, gain), power of two */
  float *dq_v;
  size_t dq_head, dq_len, dq_mask;
  double env;
  float *ring;       /* the last L+1 envelope values, for the moving average */
  size_t rpos;       /* where the next one goes */
  size_t nonunit;    /* how many of them are below 1 */
  double sum;
  float *out;        /* BLOCK samples */
  float lin[2 * LIM_K - 1 + BLOCK];  /* the block with the samples before it */
  float peaks[BLOCK];
  float ctop[BLOCK / 32];  /* per LIM_CHUNK of peaks */
  float coef_abs;    /* largest sum of |coef| over the phases */
  double min_gain;   /* smallest gain applied, for reports */
  double inv_len;    /* 1 / (L + 1) */
  double out_peak;   /* largest output peak (interpolated where it mattered) */
} limiter;

static void lim_init(limiter *l, unsigned rate, double ceiling_db) {
  size_t size = 1, i;
  int p, k;
  memset(l, 0, sizeof *l);
  l->ceiling = db_to_lin(ceiling_db - CEILING_MARGIN_DB);
  l->release = 1.0 - exp(-1.0 / (0.080 * rate));
  l->L = (size_t)(rate * 0.005) + 1; /* 5 ms */
  l->inv_len = 1.0 / (double)(l->L + 1);
  for (p = 0; p < LIM_PHASES; p++) {
    double f = (p + 1) / (double)(LIM_PHASES + 1), sum = 0;
    for (k = 0; k < 2 * LIM_K; k++) {
      /* tap k multiplies x[m - K + 1 + k]; t is the distance to m + f */
      double t = f - (k - LIM_K + 1);
      double s = fabs(t) < 1e-9 ? 1.0 : sin(M_PI * t) / (M_PI * t);
      double w = fabs(t) < LIM_K ? 0.5 * (1.0 + cos(M_PI * t / LIM_K)) : 0.0;
      l->coef[p][k] = (float)(s * w);
      sum += s * w;
    }
    for (k = 0; k < 2 * LIM_K; k++) l->coef[p][k] = (float)(l->coef[p][k] / sum);
  }
  for (p = 0; p < LIM_PHASES; p++) {
    float a = 0;
    for (k = 0; k < 2 * LIM_K; k++) a += fabsf(l->coef[p][k]);
    if (a > l->coef_abs) l->coef_abs = a;
  }
  if (l->coef_abs < 1) l->coef_abs = 1;
  while (size < 2 * LIM_K + l->L + 4) size <<= 1;
  l->x = xcalloc(size, sizeof *l->x);
  l->xmask = size - 1;
  l->pk = xcalloc(size, sizeof *l->pk);
  for (size = 1; size < l->L + 4; size <<= 1) {
  }
  l->dq_mask = size - 1;
  l->dq_i = xmalloc(size * sizeof *l->dq_i);
  l->dq_v = xmalloc(size * sizeof *l->dq_v);
  l->env = 1.0;
  l->ring = xmalloc((l->L + 1) * sizeof *l->ring);
  for (i = 0; i <= l->L; i++) l->ring[i] = 1.0f;
  l->sum = (double)(l->L + 1);
  l->out = xmalloc(BLOCK * sizeof *l->out);
  l->min_gain = 1.0;
}

static void lim_free(limiter *l) {
  free(l->x);
  free(l->pk);
  free(l->dq_i);
  free(l->dq_v);
  free(l->ring);
  free(l->out);
  memset(l, 0, sizeof *l);
}

/* The gain stage for stretch m (peak known); returns 1 and sets *y when the
 * sample L behind it is ready. */
static inline int lim_gain_step(limiter *l, int64_t m, float peak, float *y) {
  float g = peak > l->ceiling ? (float)(l->ceiling / peak) : 1.0f, minf, r;
  size_t q;
  int64_t j;
  double gain;
  /* Sliding minimum over the last L+1 stretches (monotonic deque). */
  while (l->dq_len && l->dq_v[(l->dq_head + l->dq_len - 1) & l->dq_mask] >= g) l->dq_len--;
  q = (l->dq_head + l->dq_len) & l->dq_mask;
  l->dq_i[q] = (uint64_t)m;
  l->dq_v[q] = g;
  l->dq_len++;
  if ((int64_t)l->dq_i[l->dq_head] < m - (int64_t)l->L) {
    l->dq_head = (l->dq_head + 1) & l->dq_mask;
    l->dq_len--;
  }
  minf = l->dq_v[l->dq_head];
  l->env += (1.0 - l->env) * l->release;
  /* Recovered to within 0.01 dB: rest at 1, which lets the idle path take
   * over (the ceiling's margin covers the difference). */
  if (l->env > 1.0 - 1e-3) l->env = 1.0;
  if (l->env > minf) l->env = minf;
  r = (float)l->env;
  l->nonunit += (r < 1.0f) - (l->ring[l->rpos] < 1.0f);
  l->sum += r - l->ring[l->rpos];
  l->ring[l->rpos] = r;
  if (++l->rpos > l->L) l->rpos = 0;
  if (!l->nonunit) l->sum = (double)(l->L + 1); /* no rounding drift */
  l->pk[(uint64_t)m & l->xmask] = peak;
  j = m - (int64_t)l->L;
  if (j < 0) return 0;
  gain = l->sum * l->inv_len;
  if (gain > 1.0) gain = 1.0;
  if (gain < l->min_gain) l->min_gain = gain;
  {
    float v = l->x[(uint64_t)j & l->xmask], p = l->pk[(uint64_t)j & l->xmask];
    double o = fabsf(v) > p ? fabsf(v) : p;
    double yy = v * gain;
    *y = (float)yy;
    if (o * gain > l->out_peak) l->out_peak = o * gain;

  }
  return 1;
}

/* Whether the gain stage rests at 1: nothing to limit in its window. */
static int lim_idle(const limiter *l) {
  return l->env == 1.0 && !l->nonunit && (!l->dq_len || l->dq_v[l->dq_head] >= 1.0f);
}

#define LIM_CHUNK 32

/* Peaks of the stretches starting at lin[K-1+i], i in [0, n): the larger
 * end point and the interpolated values between.  lin holds the TAIL
 * samples before the block, then the block.  ctop[c] is the largest peak
 * of chunk c (LIM_CHUNK stretches); 0 where nothing can reach the ceiling.
 * The loops run across samples so that they vectorize. */
static void lim_detect(const limiter *l, const float *lin, size_t n, float *peaks, float *ctop) {
  size_t i, i0;
  int p, k;
  for (i0 = 0; i0 < n; i0 += LIM_CHUNK) {
    size_t cnt = n - i0 < LIM_CHUNK ? n - i0 : LIM_CHUNK;
    const float *w0 = lin + i0;
    float mx = 0, acc[LIM_CHUNK], *pk = peaks + i0;
    for (i = 0; i < LIM_CHUNK + 2 * LIM_K - 1; i++) { /* fixed length, vectorized */
      float a = fabsf(w0[i]);
      mx = a > mx ? a : mx;
    }
    if (mx * l->coef_abs < l->ceiling) { /* nothing here can reach the ceiling */
      memset(pk, 0, cnt * sizeof *pk);
      ctop[i0 / LIM_CHUNK] = 0;
      continue;
    }
    /* Whole chunks even at the end of a short block (lin and peaks have
     * room; the extra values are not used), so the loops have a fixed
     * length. */
    for (i = 0; i < LIM_CHUNK; i++) {
      float a = fabsf(w0[i + LIM_K - 1]), e = fabsf(w0[i + LIM_K]);
      pk[i] = e > a ? e : a;
    }
    for (p = 0; p < LIM_PHASES; p++) {
      for (i = 0; i < LIM_CHUNK; i++) acc[i] = 0;
      for (k = 0; k < 2 * LIM_K; k++) {
        const float c = l->coef[p][k], *w = w0 + k;
        for (i = 0; i < LIM_CHUNK; i++) acc[i] += c * w[i];
      }
      for (i = 0; i < LIM_CHUNK; i++) {
        float a = fabsf(acc[i]);
        pk[i] = a > pk[i] ? a : pk[i];
      }
    }
    mx = 0;
    for (i = 0; i < cnt; i++) mx = pk[i] > mx ? pk[i] : mx;
    ctop[i0 / LIM_CHUNK] = mx;
  }
}

/* Stretches i0..i1 of the block when the gain rests at 1 and nothing there
 * reaches the ceiling: samples only pass through the delay. */
static size_t lim_idle_run(limiter *l, const float *in, size_t i0, size_t i1, size_t k) {
  int64_t last = -1;
  float sp = (float)l->out_peak;
  size_t i;
  for (i = i0; i < i1; i++) {
    uint64_t s = l->n_in + i;
    int64_t m = (int64_t)s - LIM_K, j = m - (int64_t)l->L;
    l->x[s & l->xmask] = in[i];
    if (m < 0) continue;
    l->pk[(uint64_t)m & l->xmask] = l->peaks[i];
    last = m;
    if (j < 0) continue;
    {
      float v = l->x[(uint64_t)j & l->xmask], p = l->pk[(uint64_t)j & l->xmask];
      float a = fabsf(v) > p ? fabsf(v) : p;
      if (a > sp) sp = a;
      l->out[k++] = v;
    }
  }
  l->out_peak = sp;
  if (last >= 0) { /* the deque would hold just the newest stretch, at 1 */
    l->dq_head = 0;
    l->dq_len = 1;
    l->dq_i[0] = (uint64_t)last;
    l->dq_v[0] = 1.0f;
  }
  return k;
}

static bc_rc lim_process(limiter *l, const float *in, size_t n, mst_sink fn, void *user) {
  bc_rc rc;
  while (n) {
    size_t take = n > BLOCK ? BLOCK : n, i, i0, k = 0;
    memcpy(l->lin + LIM_TAIL, in, take * sizeof *in);
    lim_detect(l, l->lin, take, l->peaks, l->ctop);
    for (i0 = 0; i0 < take; i0 += LIM_CHUNK) {
      size_t i1 = take - i0 < LIM_CHUNK ? take : i0 + LIM_CHUNK;
      if (l->ctop[i0 / LIM_CHUNK] <= l->ceiling && lim_idle(l)) {
        k = lim_idle_run(l, in, i0, i1, k);
        continue;
      }
      for (i = i0; i < i1; i++) {
        uint64_t s = l->n_in + i;
        int64_t m = (int64_t)s - LIM_K;
        l->x[s & l->xmask] = in[i];
        if (m >= 0 && lim_gain_step(l, m, l->peaks[i], &l->out[k])) k++;
      }
    }
    l->n_in += take;
    memmove(l->lin, l->lin + take, LIM_TAIL * sizeof *l->lin);
    l->n_out += k;
    if (k && (rc = fn(l->out, k, user))) return rc;
    in += take;
    n -= take;
  }
  return BC_OK;
}

/* Push silence through until every real sample came out: each sample past
 * the delay (K + L) releases one. */
static bc_rc lim_flush(limiter *l, mst_sink fn, void *user) {
  size_t left = LIM_K + l->L;
  float zeros[256] = {0};
  bc_rc rc;
  while (left) {
    size_t take = left > 256 ? 256 : left;
    if ((rc = lim_process(l, zeros, take, fn, user))) return rc;
    left -= take;
  }
  return BC_OK;
}

/* ---- streaming -------------------------------------------------------- */

/* Before a measurement gives the secant, the slope of loudness against
 * drive that espeak-ng's speech shows at the podcast target (LU per dB). */
#define FIRST_SLOPE 0.6
/* The kept speech's final gain may lift it until its peaks come within
 * FAST_ROOM dB of the ceiling, and lower it by FAST_MAX_CUT dB at most
 * below the headroom's cut (further, the speech was limited much harder
 * than the target needs, and the gain search limits it again). */
#define FAST_ROOM 0.1
#define FAST_MAX_CUT 3.0

/* Loudness of espeak-ng's speech (its voices at their default amplitude,
 * 22 050 Hz) after the limiter, against the drive (gain before it), both
 * relative to the limiter's ceiling, in dB: measured on twelve articles.
 * Loudness follows drive 1:1 until the limiter works, then ever more
 * slowly (0.23 LU per dB at the top). */
static const double drive_curve[][2] = {
    {-2.5, -23.09}, {-0.5, -21.09}, {1.5, -19.09},  {3.5, -17.19},  {5.5, -15.63}, {7.5, -14.46},
    {9.5, -13.61},  {11.5, -12.94}, {13.5, -12.37}, {15.5, -11.87}, {17.5, -11.41}};

/* The curve's speech without limiting (its straight part at drive 0). */
#define SPEECH_LUFS (-20.6)

/* The drive (dB) expected to bring the limited speech to `lufs` under a
 * limiter whose ceiling is `ceiling` dB; *slope (if not NULL) is how fast
 * loudness follows drive there (LU per dB). */
static double drive_for(double lufs, double ceiling, double *slope) {
  size_t n = sizeof drive_curve / sizeof drive_curve[0], i;
  double y = lufs - ceiling, x;
  for (i = 1; i < n - 1 && drive_curve[i][1] < y; i++) {
  }
  x = drive_curve[i - 1][0] + (y - drive_curve[i - 1][1]) *
                                  (drive_curve[i][0] - drive_curve[i - 1][0]) /
                                  (drive_curve[i][1] - drive_curve[i - 1][1]);
  x += ceiling;
  if (slope)
    *slope = (drive_curve[i][1] - drive_curve[i - 1][1]) / (drive_curve[i][0] - drive_curve[i - 1][0]);
  return x > MAX_GAIN_DB ? MAX_GAIN_DB : x < -MAX_GAIN_DB ? -MAX_GAIN_DB : x;
}

struct mst_stream {
  resampler rs;
  limiter lim;
  int limit;
  float gain;
  float *buf;
  mst_sink sink;
  void *user;
};

static bc_rc stream_to_limiter(const float *s, size_t n, void *user) {
  mst_stream *st = user;
  return st->limit ? lim_process(&st->lim, s, n, st->sink, st->user) : st->sink(s, n, st->user);
}

mst_stream *mst_stream_new(const bc_master_options *o, unsigned in_rate, unsigned out_rate,
                           mst_sink sink, void *user) {
  mst_stream *s = xcalloc(1, sizeof *s);
  rs_init(&s->rs, in_rate, out_rate);
  s->limit = !(o && o->no_loudness);
  /* Streaming cannot look ahead: the drive espeak-ng's speech usually needs. */
  s->gain = s->limit ? (float)db_to_lin(drive_for(opt_target(o), opt_ceiling(o) - CEILING_MARGIN_DB, NULL))
                     : 1.0f;
  if (s->limit) lim_init(&s->lim, out_rate, opt_ceiling(o));
  s->buf = xmalloc(BLOCK * sizeof *s->buf);
  s->sink = sink;
  s->user = user;
  return s;
}

bc_rc mst_stream_push(mst_stream *s, const int16_t *pcm, size_t n) {
  bc_rc rc;
  while (n) {
    size_t take = n > BLOCK ? BLOCK : n, i;
    for (i = 0; i < take; i++) s->buf[i] = pcm[i] * (s->gain / 32768.0f);
    if ((rc = rs_process(&s->rs, s->buf, take, stream_to_limiter, s))) return rc;
    pcm += take;
    n -= take;
  }
  return BC_OK;
}

bc_rc mst_stream_finish(mst_stream *s) {
  bc_rc rc = rs_process(&s->rs, NULL, 0, stream_to_limiter, s);
  if (!rc && s->limit) rc = lim_flush(&s->lim, s->sink, s->user);
  return rc;
}

void mst_stream_free(mst_stream *s) {
  if (!s) return;
  rs_free(&s->rs);
  if (s->limit) lim_free(&s->lim);
  free(s->buf);
  free(s);
}

/* ---- loudness meter --------------------------------------------------- */

bc_rc bc_loudness_measure(const char *path, bc_loudness *out, bc_diag *diag) {
  bc_decoder *d = NULL;
  unsigned rate = 0;
  uint64_t total = 0;
  ebur128_state *st;
  float *buf;
  size_t got;
  double v;
  bc_rc rc;

  memset(out, 0, sizeof *out);
  rc = bc_decoder_open(path, &d, &rate, NULL, diag);
  if (rc) return rc;
  st = ebur128_init(1, rate, EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK |
                                 EBUR128_MODE_HISTOGRAM);
  if (!st) {
    bc_decoder_close(d);
    util_diag(diag, "%s: cannot measure loudness at %u Hz", path, rate);
    return BC_ERR_UNSUPPORTED;
  }
  buf = xmalloc(BLOCK * sizeof *buf);
  while ((got = bc_decoder_read(d, buf, BLOCK)) > 0) {
    ebur128_add_frames_float(st, buf, got);
    total += got;
  }
  out->integrated = ebur128_loudness_global(st, &v) == EBUR128_SUCCESS ? v : -HUGE_VAL;
  out->true_peak = ebur128_true_peak(st, 0, &v) == EBUR128_SUCCESS && v > 0 ? 20 * log10(v)
                                                                            : -HUGE_VAL;
  out->range = ebur128_loudness_range(st, &v) == EBUR128_SUCCESS ? v : 0;
  out->seconds = (double)total / rate;
  out->sample_rate = rate;
  ebur128_destroy(&st);
  free(buf);
  bc_decoder_close(d);
  return BC_OK;
}

/* ---- episodes: two passes over a temporary file ------------------------ */

/* One input of the mix (speech from the temporary file, or a jingle),
 * resampled to the output rate and pulled a block at a time. */
typedef struct source {
  int fd;               /* speech: 16-bit PCM file; -1 for a jingle */
  off_t pos;
  bc_decoder *dec;      /* jingle */
  resampler rs;
  float *fifo;
  size_t start, len, cap;
  int done;
  float *in;
  int16_t *pcm;
} source;

static bc_rc fifo_add(const float *s, size_t n, void *user) {
  source *src = user;
  if (src->start && src->start + src->len + n > src->cap) {
    memmove(src->fifo, src->fifo + src->start, src->len * sizeof *src->fifo);
    src->start = 0;
  }
  if (src->start + src->len + n > src->cap) {
    src->cap = (src->start + src->len + n) * 2;
    src->fifo = xrealloc(src->fifo, src->cap * sizeof *src->fifo);
  }
  memcpy(src->fifo + src->start + src->len, s, n * sizeof *s);
  src->len += n;
  return BC_OK;
}

static void src_init(source *s, int fd, bc_decoder *dec, unsigned in_rate, unsigned out_rate) {
  memset(s, 0, sizeof *s);
  s->fd = fd;
  s->dec = dec;
  rs_init(&s->rs, in_rate, out_rate);
  s->in = xmalloc(BLOCK * sizeof *s->in);
  s->pcm = xmalloc(BLOCK * sizeof *s->pcm);
}

static void src_free(source *s) {
  rs_free(&s->rs);
  bc_decoder_close(s->dec);
  free(s->fifo);
  free(s->in);
  free(s->pcm);
  memset(s, 0, sizeof *s);
  s->fd = -1;
}

/* Fill out[0..n) with the next samples, silence after the end. */
static bc_rc src_pull(source *s, float *out, size_t n) {
  size_t k;
  while (s->len < n && !s->done) {
    size_t got = 0, i;
    if (s->dec) {
      got = bc_decoder_read(s->dec, s->in, BLOCK);
    } else {
      ssize_t r = pread(s->fd, s->pcm, BLOCK * sizeof *s->pcm, s->pos);
      if (r < 0) {
        if (errno == EINTR) continue;
        return BC_ERR_IO;
      }
      got = (size_t)r / sizeof *s->pcm;
      s->pos += (off_t)(got * sizeof *s->pcm);
      for (i = 0; i < got; i++) s->in[i] = s->pcm[i] / 32768.0f;
    }
    if (got) {
      rs_process(&s->rs, s->in, got, fifo_add, s);
    } else {
      rs_process(&s->rs, NULL, 0, fifo_add, s);
      s->done = 1;
    }
  }
  k = s->len < n ? s->len : n;
  memcpy(out, s->fifo + s->start, k * sizeof *out);
  s->start += k;
  s->len -= k;
  if (!s->len) s->start = 0;
  for (; k < n; k++) out[k] = 0;
  return BC_OK;
}

typedef struct jingle {
  char *path;
  unsigned rate;
  double lufs;
  uint64_t len;         /* in output samples */
} jingle;

struct mst_episode {
  bc_master_options o;
  unsigned in_rate, out_rate;
  int fd;
  uint64_t n_speech;
  ebur128_state *meter;
  jingle intro, outro;
  uint64_t xf;          /* crossfade, output samples */
  double gain[3];       /* dB for speech, intro, outro (mst_episode_prepare) */
  void (*progress)(uint64_t done, uint64_t total, void *user);
  void *progress_user;
  double out_lufs, out_tp;
  /* Speech-only episodes: while speech arrives it is also driven by
   * pre_gain, limited and measured, and the limited speech is kept (kept_fd:
   * float at the engine's rate).  The limiter scales with its input: x*g
   * limited under c, then times a, is x*g*a limited under c*a.  So when the
   * kept speech's loudness is near the target and its peaks leave room, a
   * plain gain finishes it: one limiter pass in all (see mst_episode_prepare). */
  int pre;              /* 1 running, 2 finished */
  double pre_gain;      /* dB */
  double pre_lufs;      /* the limited speech's loudness */
  double pre_peak;      /* and its (true) peak, dB */
  limiter pre_lim;
  ebur128_state *pre_meter;
  int kept_fd;
  bc_rc kept_rc;
  int fast;             /* mst_episode_run: the kept speech times fast_gain (dB) */
  double fast_gain, fast_headroom;
  int measured;         /* the last measuring pass, for mst_episode_run */
  double measured_gain[3], measured_headroom, measured_lufs;
};

/* Measure a jingle and count its samples (decoding it once). */
static bc_rc jingle_open(jingle *j, const char *path, unsigned out_rate, bc_diag *diag) {
  bc_decoder *d = NULL;
  ebur128_state *st;
  uint64_t n = 0;
  float *buf;
  size_t got;
  double v;
  bc_rc rc = bc_decoder_open(path, &d, &j->rate, NULL, diag);
  if (rc) return rc;
  st = ebur128_init(1, j->rate, EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM);
  if (!st) {
    bc_decoder_close(d);
    util_diag(diag, "%s: cannot measure loudness at %u Hz", path, j->rate);
    return BC_ERR_UNSUPPORTED;
  }
  buf = xmalloc(BLOCK * sizeof *buf);
  while ((got = bc_decoder_read(d, buf, BLOCK)) > 0) {
    ebur128_add_frames_float(st, buf, got);
    n += got;
  }
  free(buf);
  bc_decoder_close(d);
  j->lufs = ebur128_loudness_global(st, &v) == EBUR128_SUCCESS && isfinite(v) ? v : -HUGE_VAL;
  ebur128_destroy(&st);
  if (!n) {
    util_diag(diag, "%s: no audio in the file", path);
    return BC_ERR_EMPTY;
  }
  j->path = xstrdup(path);
  j->len = (uint64_t)llround((double)n * out_rate / j->rate);
  return BC_OK;
}

static int open_spool(void) {
  const char *dir = getenv("TMPDIR");
  char *name;
  int fd;
  if (!dir || !*dir) dir = "/tmp";
  name = xasprintf("%s/briefcast-speech-XXXXXX", dir);
  fd = mkstemp(name);
  if (fd >= 0) unlink(name); /* nothing to clean up, even after a crash */
  free(name);
  return fd;
}

bc_rc mst_episode_begin(const bc_master_options *o, unsigned in_rate, unsigned out_rate,
                        double headroom, double aim, mst_episode **out, bc_diag *diag) {
  mst_episode *e = xcalloc(1, sizeof *e);
  bc_rc rc = BC_OK;
  double xf;

  *out = NULL;
  e->kept_fd = -1;
  if (o) e->o = *o;
  e->o.intro_audio = e->o.outro_audio = NULL;
  e->in_rate = in_rate;
  e->out_rate = out_rate;
  e->fd = open_spool();
  if (e->fd < 0) {
    util_diag(diag, "cannot create a temporary file in %s: %s",
              getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", strerror(errno));
    free(e);
    return BC_ERR_IO;
  }
  if (!(o && ((o->intro_audio && *o->intro_audio) || (o->outro_audio && *o->outro_audio) ||
              o->no_loudness))) {
    /* Aim the limited speech where its final gain will be the headroom's
     * cut: its peaks then sit at the limiter's margin under the room. */
    double want = opt_target(o) + aim + headroom;
    e->pre = 1;
    e->kept_fd = open_spool();
    e->pre_gain = drive_for(want, opt_ceiling(o) - CEILING_MARGIN_DB, NULL);
    lim_init(&e->pre_lim, in_rate, opt_ceiling(o));
    e->pre_meter = ebur128_init(1, in_rate, EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM);
    if (!e->pre_meter || e->kept_fd < 0) e->pre = 0;
  }
  /* The plain speech's loudness: the gain search's start when the
   * speech-time measurements are not there. */
  if (!e->pre) e->meter = ebur128_init(1, in_rate, EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM);
  if (o && o->intro_audio && *o->intro_audio)
    rc = jingle_open(&e->intro, o->intro_audio, out_rate, diag);
  if (!rc && o && o->outro_audio && *o->outro_audio)
    rc = jingle_open(&e->outro, o->outro_audio, out_rate, diag);
  if (rc) {
    mst_episode_free(e);
    return rc;
  }
  xf = o && o->crossfade != 0 ? o->crossfade : DEFAULT_CROSSFADE;
  e->xf = xf > 0 ? (uint64_t)(xf * out_rate) : 0;
  *out = e;
  return BC_OK;
}

/* The limiter's output while speech arrives: measured and kept.  A write
 * error is remembered (kept_rc) and the kept speech not used. */
static bc_rc keep(const float *s, size_t n, void *user) {
  mst_episode *e = user;
  size_t off = 0, len = n * sizeof *s;
  ebur128_add_frames_float(e->pre_meter, s, n);
  while (!e->kept_rc && off < len) {
    ssize_t w = write(e->kept_fd, (const char *)s + off, len - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) e->kept_rc = BC_ERR_IO;
    else off += (size_t)w;
  }
  return BC_OK;
}

bc_rc mst_episode_speech(mst_episode *e, const int16_t *pcm, size_t n) {
  size_t i, off = 0;
  float buf[1024];
  while (off < n * sizeof *pcm) {
    ssize_t w = write(e->fd, (const char *)pcm + off, n * sizeof *pcm - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      return BC_ERR_IO;
    }
    off += (size_t)w;
  }
  for (off = 0; off < n; off += i) {
    for (i = 0; i < 1024 && off + i < n; i++) buf[i] = pcm[off + i] / 32768.0f;
    if (e->meter) ebur128_add_frames_float(e->meter, buf, i);
    if (e->pre == 1) {
      float g = (float)db_to_lin(e->pre_gain);
      size_t j;
      for (j = 0; j < i; j++) buf[j] *= g; /* as episode_pass mixes */
      lim_process(&e->pre_lim, buf, i, keep, e);
    }
  }
  e->n_speech += n;
  return BC_OK;
}

static uint64_t speech_out_len(const mst_episode *e) {
  return (uint64_t)llround((double)e->n_speech * e->out_rate / e->in_rate);
}

void mst_episode_set_progress(mst_episode *e,
                              void (*fn)(uint64_t done, uint64_t total, void *user), void *user) {
  e->progress = fn;
  e->progress_user = user;
}

uint64_t mst_episode_speech_offset(const mst_episode *e) {
  if (!e->intro.path) return 0;
  return e->intro.len > e->xf ? e->intro.len - e->xf : 0;
}

static uint64_t outro_start(const mst_episode *e) {
  uint64_t end = mst_episode_speech_offset(e) + speech_out_len(e);
  if (e->intro.path && e->intro.len > end) end = e->intro.len;
  if (!e->outro.path) return end;
  return end > e->xf + mst_episode_speech_offset(e) ? end - e->xf : mst_episode_speech_offset(e);
}

uint64_t mst_episode_length(const mst_episode *e) {
  uint64_t os = outro_start(e);
  return e->outro.path ? os + e->outro.len : os;
}

typedef struct run_ctx {
  ebur128_state *meter; /* NULL: already measured */
  resampler *rs;        /* to the output rate after the limiter, or NULL */
  uint64_t left;        /* samples the sink still takes (exact length) */
  mst_sink sink;
  void *user;
} run_ctx;

static bc_rc run_deliver(const float *s, size_t n, void *user) {
  run_ctx *r = user;
  if (n > r->left) n = (size_t)r->left;
  r->left -= n;
  return n ? r->sink(s, n, r->user) : BC_OK;
}

static bc_rc run_out(const float *s, size_t n, void *user) {
  run_ctx *r = user;
  if (r->meter) ebur128_add_frames_float(r->meter, s, n);
  if (!r->sink) return BC_OK;
  return r->rs ? rs_process(r->rs, s, n, run_deliver, r) : run_deliver(s, n, r);
}

/* After the last sample: what the resampler holds, then silence up to the
 * promised length. */
static bc_rc run_end(run_ctx *r) {
  static const float zeros[256];
  bc_rc rc = BC_OK;
  if (!r->sink) return BC_OK;
  if (r->rs) rc = rs_process(r->rs, NULL, 0, run_deliver, r);
  while (!rc && r->left) rc = run_deliver(zeros, r->left > 256 ? 256 : (size_t)r->left, r);
  return rc;
}

/* One mixing pass with the given gains (dB).  sink NULL = measure only.
 * meter 0: the same pass was measured before, no need to again. */
static bc_rc episode_pass(mst_episode *e, const double gain_db[3], double headroom,
                          mst_sink sink, void *user, int meter, volatile int *cancel,
                          double *lufs, double *tp) {
  source sp, in, ou;
  limiter lim;
  resampler post;
  run_ctx rc_ = {0};
  uint64_t total = mst_episode_length(e), pos, s0 = mst_episode_speech_offset(e);
  uint64_t s1 = s0 + speech_out_len(e), o0 = outro_start(e);
  /* Speech alone is limited and measured at the engine's rate, for half the
   * samples, and resampled after the limiter: the limiter bounds the true
   * (band-limited) peak, which resampling keeps, and loudness does not
   * change with the rate.  Jingles come at their own rates: mixed at the
   * output rate.  So are lossy formats (headroom > 0): their codecs'
   * overshoot was tuned on peaks limited at the output rate. */
  int native = !e->intro.path && !e->outro.path && !e->o.no_loudness && headroom <= 0;
  unsigned rate = native ? e->in_rate : e->out_rate;
  float *mix = xmalloc(BLOCK * sizeof *mix), *tmp = xmalloc(BLOCK * sizeof *tmp);
  float g[3];
  int limit = !e->o.no_loudness;
  bc_rc rc = BC_OK;
  double v;
  size_t i, k;
  bc_diag ignored;

  for (i = 0; i < 3; i++) g[i] = (float)db_to_lin(gain_db[i]);
  if (native) total = s1 = e->n_speech;
  src_init(&sp, e->fd, NULL, e->in_rate, rate);
  src_init(&in, -1, NULL, e->out_rate, e->out_rate);
  src_init(&ou, -1, NULL, e->out_rate, e->out_rate);
  if (e->intro.path) {
    rs_free(&in.rs);
    rc = bc_decoder_open(e->intro.path, &in.dec, NULL, NULL, &ignored);
    rs_init(&in.rs, e->intro.rate, e->out_rate);
  }
  if (!rc && e->outro.path) {
    rs_free(&ou.rs);
    rc = bc_decoder_open(e->outro.path, &ou.dec, NULL, NULL, &ignored);
    rs_init(&ou.rs, e->outro.rate, e->out_rate);
  }
  /* True-peak metering oversamples and costs as much as the limiter: only
   * when asked, and only without the limiter (which knows its peaks). */
  if (meter)
    rc_.meter = ebur128_init(1, rate,
                             EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM |
                                 (tp && !limit ? EBUR128_MODE_TRUE_PEAK : 0));
  rc_.sink = sink;
  rc_.user = user;
  rc_.left = mst_episode_length(e);
  if (native && sink && rate != e->out_rate) {
    rs_init(&post, rate, e->out_rate);
    rc_.rs = &post;
  }
  if (limit) lim_init(&lim, rate, opt_ceiling(&e->o) - headroom);

  for (pos = 0; !rc && pos < total; pos += k) {
    k = total - pos > BLOCK ? BLOCK : (size_t)(total - pos);
    if (cancel && *cancel) {
      rc = BC_ERR_INTERRUPTED;
      break;
    }
    if (!sink && e->progress && pos / rate != (pos + k) / rate)
      e->progress((pos + k) * e->out_rate / rate, total * e->out_rate / rate, e->progress_user);
    memset(mix, 0, k * sizeof *mix);
    if (e->intro.path && pos < e->intro.len) {
      size_t n = e->intro.len - pos < k ? (size_t)(e->intro.len - pos) : k;
      uint64_t fade0 = e->intro.len > e->xf ? e->intro.len - e->xf : 0;
      if ((rc = src_pull(&in, tmp, n))) break;
      for (i = 0; i < n; i++) {
        uint64_t t = pos + i;
        float w = g[1];
        if (t >= fade0 && e->xf)
          w *= (float)cos(M_PI / 2 * (double)(t - fade0) / (double)e->xf);
        mix[i] += tmp[i] * w;
      }
    }
    if (pos + k > s0 && pos < s1) {
      size_t a = pos < s0 ? (size_t)(s0 - pos) : 0;
      size_t b = pos + k < s1 ? k : (size_t)(s1 - pos);
      if ((rc = src_pull(&sp, tmp, b - a))) break;
      for (i = a; i < b; i++) mix[i] += tmp[i - a] * g[0];
    }
    if (e->outro.path && pos + k > o0) {
      size_t a = pos < o0 ? (size_t)(o0 - pos) : 0;
      if ((rc = src_pull(&ou, tmp, k - a))) break;
      for (i = a; i < k; i++) {
        uint64_t t = pos + i - o0;
        float w = g[2];
        if (t < e->xf) w *= (float)sin(M_PI / 2 * (double)t / (double)e->xf);
        mix[i] += tmp[i - a] * w;
      }
    }
    rc = limit ? lim_process(&lim, mix, k, run_out, &rc_) : run_out(mix, k, &rc_);
  }
  if (!rc && limit) rc = lim_flush(&lim, run_out, &rc_);
  if (!rc) rc = run_end(&rc_);
  if (!rc && rc_.meter)
    *lufs = ebur128_loudness_global(rc_.meter, &v) == EBUR128_SUCCESS ? v : -HUGE_VAL;
  if (!rc) {
    if (tp && limit)
      *tp = lim.out_peak > 0 ? 20 * log10(lim.out_peak) : -HUGE_VAL;
    else if (tp && rc_.meter)
      *tp = ebur128_true_peak(rc_.meter, 0, &v) == EBUR128_SUCCESS && v > 0 ? 20 * log10(v)
                                                                            : -HUGE_VAL;
  }
  if (limit) lim_free(&lim);
  if (rc_.rs) rs_free(rc_.rs);
  if (rc_.meter) ebur128_destroy(&rc_.meter);
  src_free(&sp);
  src_free(&in);
  src_free(&ou);
  free(mix);
  free(tmp);
  return rc;
}

static double clamp_gain(double db) {
  return db > MAX_GAIN_DB ? MAX_GAIN_DB : db < -MAX_GAIN_DB ? -MAX_GAIN_DB : db;
}

/* Passes of mst_episode_prepare at most, and how close (LU) is close enough. */
#define PREPARE_PASSES 4
#define PREPARE_TOLERANCE 0.15

bc_rc mst_episode_prepare(mst_episode *e, double headroom, double aim, volatile int *cancel,
                          bc_diag *diag) {
  double target = opt_target(&e->o) + aim, lufs = 0, v, level, base[3];
  double g_prev = 0, l_prev = 0, g, step, first_slope = FIRST_SLOPE;
  int pass;
  bc_rc rc = BC_OK;

  e->gain[0] = e->gain[1] = e->gain[2] = 0;
  if (e->o.no_loudness) return BC_OK;
  e->fast = 0;
  if (e->pre == 1) {
    e->pre = 2;
    lim_flush(&e->pre_lim, keep, e);
    e->pre_lufs = ebur128_loudness_global(e->pre_meter, &v) == EBUR128_SUCCESS ? v : -HUGE_VAL;
    e->pre_peak = e->pre_lim.out_peak > 0 ? 20 * log10(e->pre_lim.out_peak) : -HUGE_VAL;
  }
  if (e->pre == 2 && isfinite(e->pre_lufs)) {
    double a = target - e->pre_lufs, room = opt_ceiling(&e->o) - headroom - FAST_ROOM;

    if (!e->kept_rc && e->pre_peak + a <= room && a >= -headroom - FAST_MAX_CUT) {
      /* The kept speech, times a: limited once, at the target. */
      e->fast = 1;
      e->fast_gain = a;
      e->fast_headroom = headroom;
      e->out_lufs = e->pre_lufs + a;
      e->out_tp = e->pre_peak + a;
      return BC_OK;
    }
  }
  /* Where the search starts: the drive the curve gives for the target,
   * corrected by how much louder this speech is than the curve's. */
  if (e->meter)
    level = ebur128_loudness_global(e->meter, &v) == EBUR128_SUCCESS && isfinite(v)
                ? v - SPEECH_LUFS
                : 0;
  else
    level = isfinite(e->pre_lufs)
                ? drive_for(e->pre_lufs, opt_ceiling(&e->o) - CEILING_MARGIN_DB, NULL) - e->pre_gain
                : 0;
  /* Jingles are matched to the same loudness as speech. */
  base[0] = drive_for(target, opt_ceiling(&e->o) - CEILING_MARGIN_DB - headroom, &first_slope) - level;
  base[1] = isfinite(e->intro.lufs) ? target - e->intro.lufs : 0;
  base[2] = isfinite(e->outro.lufs) ? target - e->outro.lufs : 0;
  g = 0; /* offset added to every base gain */
  for (pass = 0; pass < PREPARE_PASSES; pass++) {
    int i;
    for (i = 0; i < 3; i++) e->gain[i] = clamp_gain(base[i] + g);
    rc = episode_pass(e, e->gain, headroom, NULL, NULL, 1, cancel, &lufs, NULL);
    e->measured = !rc;
    e->measured_lufs = lufs;
    e->measured_headroom = headroom;
    memcpy(e->measured_gain, e->gain, sizeof e->gain);
    if (rc || !isfinite(lufs) || fabs(target - lufs) <= PREPARE_TOLERANCE) break;
    /* Loudness rises more slowly than gain once the limiter works hard:
     * step by the measured slope (secant), never by less than the miss. */
    step = target - lufs;
    {
      /* Before two points give the secant, the curve's slope. */
      double slope = first_slope;
      if (pass > 0 && fabs(g - g_prev) > 1e-6) slope = (lufs - l_prev) / (g - g_prev);
      if (slope < 0.2) slope = 0.2;
      if (slope > 1.0) slope = 1.0;
      step /= slope;
    }
    if (step > 12) step = 12;
    if (step < -12) step = -12;
    g_prev = g;
    l_prev = lufs;
    g += step;
    if (pass == PREPARE_PASSES - 1) { /* out of passes: keep the last step */
      for (i = 0; i < 3; i++) e->gain[i] = clamp_gain(base[i] + g);
    }
  }
  if (rc == BC_ERR_IO) util_diag(diag, "cannot read back the temporary speech file");
  return rc;
}

/* The kept speech times the fast gain, resampled, into the sink. */
static bc_rc kept_pass(mst_episode *e, mst_sink sink, void *user, volatile int *cancel) {
  resampler rs;
  run_ctx r = {0};
  float *buf = xmalloc(BLOCK * sizeof *buf);
  float g = (float)db_to_lin(e->fast_gain);
  off_t pos = 0;
  bc_rc rc = BC_OK;
  rs_init(&rs, e->in_rate, e->out_rate);
  r.rs = e->in_rate != e->out_rate ? &rs : NULL;
  r.sink = sink;
  r.user = user;
  r.left = mst_episode_length(e);
  for (;;) {
    ssize_t got = pread(e->kept_fd, buf, BLOCK * sizeof *buf, pos);
    size_t n, i;
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      rc = BC_ERR_IO;
      break;
    }
    if (cancel && *cancel) {
      rc = BC_ERR_INTERRUPTED;
      break;
    }
    n = (size_t)got / sizeof *buf;
    if (!n) break;
    pos += (off_t)(n * sizeof *buf);
    for (i = 0; i < n; i++) buf[i] *= g;
    if ((rc = run_out(buf, n, &r))) break;
  }
  if (!rc) rc = run_end(&r);
  rs_free(&rs);
  free(buf);
  return rc;
}

bc_rc mst_episode_run(mst_episode *e, double extra_headroom_db, int measure_peak, mst_sink sink,
                      void *user, volatile int *cancel, bc_diag *diag) {
  bc_rc rc;
  if (e->fast && e->fast_headroom == extra_headroom_db) {
    (void)measure_peak; /* known: the kept speech's peak times the gain */
    rc = kept_pass(e, sink, user, cancel);
    if (rc == BC_ERR_IO) util_diag(diag, "cannot read back the temporary speech file");
    return rc;
  }
  e->out_tp = 0;
  /* The pass the gain search ended with is exactly this one, measured. */
  int known = e->measured && e->measured_headroom == extra_headroom_db &&
              !memcmp(e->measured_gain, e->gain, sizeof e->gain);
  if (known) e->out_lufs = e->measured_lufs;
  rc = episode_pass(e, e->gain, extra_headroom_db, sink, user, !known, cancel, &e->out_lufs,
                    measure_peak ? &e->out_tp : NULL);
  if (rc == BC_ERR_IO) util_diag(diag, "cannot read back the temporary speech file");
  return rc;
}

bc_rc mst_measure(bc_decoder *d, unsigned rate, double *lufs, double *dbtp) {
  ebur128_state *st = ebur128_init(1, rate, EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM |
                                                EBUR128_MODE_TRUE_PEAK);
  float *buf;
  size_t got;
  double v;
  if (!st) return BC_ERR_UNSUPPORTED;
  buf = xmalloc(BLOCK * sizeof *buf);
  while ((got = bc_decoder_read(d, buf, BLOCK)) > 0) ebur128_add_frames_float(st, buf, got);
  *lufs = ebur128_loudness_global(st, &v) == EBUR128_SUCCESS ? v : -HUGE_VAL;
  *dbtp = ebur128_true_peak(st, 0, &v) == EBUR128_SUCCESS && v > 0 ? 20 * log10(v) : -HUGE_VAL;
  ebur128_destroy(&st);
  free(buf);
  return BC_OK;
}

void mst_episode_loudness(const mst_episode *e, double *lufs, double *dbtp) {
  if (lufs) *lufs = e->out_lufs;
  if (dbtp) *dbtp = e->out_tp;
}

void mst_episode_free(mst_episode *e) {
  if (!e) return;
  if (e->fd >= 0) close(e->fd);
  if (e->meter) ebur128_destroy(&e->meter);
  if (e->kept_fd >= 0) close(e->kept_fd);
  if (e->pre_lim.x) lim_free(&e->pre_lim);
  if (e->pre_meter) ebur128_destroy(&e->pre_meter);
  free(e->intro.path);
  free(e->outro.path);
  free(e);
}
