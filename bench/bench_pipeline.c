/* Benchmark: the whole pipeline (read, extract, analyze, script, speak,
 * master, encode to WAV) on a set of article files, against espeak-ng alone
 * synthesizing the same final text: each segment's normalized text, in the
 * voice and at the rate the pipeline used, PCM discarded.  espeak-ng's speed
 * is the floor: the ratio says what everything else costs (or, with several
 * jobs, what the parallel workers win back).
 *
 * Then the stages every episode needs whatever the implementation (issue 7:
 * measure loudness with libebur128, resample to 44.1 kHz with libsoxr,
 * write with libsndfile), each timed alone on the same speech: together
 * with espeak-ng they are the least a briefing can cost.
 *
 *   bench_pipeline [--pin] [--jobs N]... [--repeat R] --out DIR FILE...
 * --pin keeps the process and its workers on one CPU.  Prints one line per
 * measurement, best of R runs each (wall seconds, CPU seconds of the
 * process and its workers): "pipeline jobs=N seconds=S cpu=C audio=A",
 * "espeak seconds=S cpu=C audio=A" and "stages meter=S resample=S
 * write=S". */
#define _GNU_SOURCE
#include <ebur128.h>
#include <espeak-ng/espeak_ng.h>
#include <sched.h>
#include <sndfile.h>
#include <soxr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "briefcast/briefcast.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* CPU seconds of this process and of its waited-for children. */
static double cpu(void) {
  struct rusage a, b;
  getrusage(RUSAGE_SELF, &a);
  getrusage(RUSAGE_CHILDREN, &b);
  return a.ru_utime.tv_sec + a.ru_utime.tv_usec / 1e6 + a.ru_stime.tv_sec +
         a.ru_stime.tv_usec / 1e6 + b.ru_utime.tv_sec + b.ru_utime.tv_usec / 1e6 +
         b.ru_stime.tv_sec + b.ru_stime.tv_usec / 1e6;
}

static void die(const char *what, bc_rc rc, const bc_diag *d) {
  fprintf(stderr, "bench_pipeline: %s: %s%s%s\n", what, bc_strerror(rc), d && d->msg[0] ? ": " : "",
          d ? d->msg : "");
  exit(1);
}

/* The whole pipeline, timed from the files to the WAV.  *script_out keeps
 * the script and *tl_out the timeline for the espeak-only run. */
static double run_pipeline(char **files, int n, int jobs, const char *out, bc_script **script_out,
                           bc_voiceset **vs_out, bc_timeline **tl_out, double *audio,
                           double *cpu_s) {
  double t0 = now(), c0 = cpu();
  bc_diag d = {{0}};
  bc_article **arts = calloc((size_t)n, sizeof *arts);
  bc_story **stories = calloc((size_t)n, sizeof *stories);
  int k = 0;
  for (int i = 0; i < n; i++) {
    bc_rc rc = bc_article_from_file(files[i], &arts[k], &d);
    if (rc) {
      fprintf(stderr, "bench_pipeline: skipping %s: %s\n", files[i], d.msg);
      continue;
    }
    rc = bc_story_analyze(arts[k], NULL, &stories[k]);
    if (rc) die("analyze", rc, NULL);
    k++;
  }
  bc_script_options so = {.date = "2026-11-27"};
  bc_script *script = NULL;
  bc_rc rc = bc_script_build(stories, (size_t)k, &so, &script);
  if (rc) die("script", rc, NULL);
  bc_voiceset *vs = NULL;
  rc = bc_voiceset_load(NULL, &vs, &d);
  if (rc) die("voices", rc, &d);
  rc = bc_voiceset_assign(vs, script);
  if (rc) die("assign voices", rc, NULL);
  bc_render_options ro;
  memset(&ro, 0, sizeof ro);
  ro.output = out;
  ro.format = -1;
  ro.jobs = jobs;
  bc_render_result res;
  rc = bc_render(script, vs, &ro, &res, &d);
  if (rc) die("render", rc, &d);
  double t = now() - t0;
  *cpu_s = cpu() - c0;
  *audio = res.seconds;
  if (tl_out) {
    *tl_out = res.timeline;
    res.timeline = NULL;
  }
  bc_render_result_clear(&res);
  for (int i = 0; i < k; i++) {
    bc_story_free(stories[i]);
    bc_article_free(arts[i]);
  }
  free(stories);
  free(arts);
  if (script_out) *script_out = script;
  else bc_script_free(script);
  if (vs_out) *vs_out = vs;
  else bc_voiceset_free(vs);
  return t;
}

static size_t discarded;
static short *kept; /* when not NULL: the speech is kept (for the stages) */
static size_t n_kept, cap_kept;
static int discard(short *wav, int n, espeak_EVENT *ev) {
  (void)ev;
  if (n <= 0) return 0;
  discarded += (size_t)n;
  if (kept) {
    if (n_kept + (size_t)n > cap_kept) {
      cap_kept = (n_kept + (size_t)n) * 2;
      kept = realloc(kept, cap_kept * sizeof *kept);
    }
    memcpy(kept + n_kept, wav, (size_t)n * sizeof *wav);
    n_kept += (size_t)n;
  }
  return 0;
}

/* The name espeak_SetVoiceByName accepts for the voice the timeline names
 * ("en-gb+m1" is the voice file gmw/en with variant m1), found before the
 * clock starts, as the speech stage finds it. */
static const char *voice_id(const char *label) {
  static char name[128];
  char base[64], *plus;
  if (espeak_SetVoiceByName(label) == EE_OK) return label;
  snprintf(base, sizeof base, "%s", label);
  plus = strchr(base, '+');
  if (plus) *plus++ = 0;
  espeak_VOICE spec;
  memset(&spec, 0, sizeof spec);
  spec.languages = base;
  const espeak_VOICE **list = espeak_ListVoices(&spec);
  for (size_t i = 0; list && list[i]; i++) {
    if (!list[i]->identifier || !strncmp(list[i]->identifier, "mb/", 3)) continue;
    snprintf(name, sizeof name, "%s%s%s", list[i]->identifier, plus ? "+" : "", plus ? plus : "");
    if (espeak_SetVoiceByName(name) == EE_OK) return name;
  }
  return label;
}

static float *to_float(const short *s, size_t n) {
  float *f = malloc(n * sizeof *f);
  for (size_t i = 0; i < n; i++) f[i] = s[i] / 32768.0f;
  return f;
}

/* The stages every episode needs, each alone on the same speech: loudness
 * (libebur128, integrated, at the engine's rate), resampling to 44.1 kHz
 * (libsoxr, the quality the pipeline uses), writing 16-bit WAV (libsndfile). */
static void time_stages(const short *pcm, size_t n, const char *dir, double *meter,
                        double *resample, double *write) {
  float *x = to_float(pcm, n), *y = malloc((2 * n + 4096) * sizeof *y);
  size_t ny = 0;
  double t0 = now();
  ebur128_state *st = ebur128_init(1, 22050, EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM);
  for (size_t i = 0; i < n; i += 4096) ebur128_add_frames_float(st, x + i, n - i < 4096 ? n - i : 4096);
  double v;
  ebur128_loudness_global(st, &v);
  ebur128_destroy(&st);
  *meter = now() - t0;
  t0 = now();
  soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
  soxr_error_t err = NULL;
  soxr_t rs = soxr_create(22050, 44100, 1, &err, &io, &q, NULL);
  for (size_t i = 0; i <= n; i += 4096) {
    size_t take = i < n ? (n - i < 4096 ? n - i : 4096) : 0, idone = 0, odone = 0;
    soxr_process(rs, i < n ? x + i : NULL, take, &idone, y + ny, 2 * n + 4096 - ny, &odone);
    ny += odone;
  }
  soxr_delete(rs);
  *resample = now() - t0;
  char path[4096];
  snprintf(path, sizeof path, "%s/bench-stages.wav", dir);
  t0 = now();
  SF_INFO info;
  memset(&info, 0, sizeof info);
  info.samplerate = 44100;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
  for (size_t i = 0; sf && i < ny; i += 4096) sf_writef_float(sf, y + i, ny - i < 4096 ? (sf_count_t)(ny - i) : 4096);
  if (sf) sf_close(sf);
  *write = now() - t0;
  unlink(path);
  free(x);
  free(y);
}

typedef struct said {
  char *text;
  const char *voice; /* espeak voice name (owned) */
  const bc_voice *profile;
} said;

/* espeak-ng alone on the same final text. */
static double run_espeak(const said *s, size_t n, double *cpu_s) {
  double t0 = now(), c0 = cpu();
  for (size_t i = 0; i < n; i++) {
    espeak_SetVoiceByName(s[i].voice);
    espeak_SetParameter(espeakRATE, s[i].profile->rate, 0);
    espeak_SetParameter(espeakPITCH, s[i].profile->pitch, 0);
    espeak_SetParameter(espeakRANGE, s[i].profile->range, 0);
    espeak_SetParameter(espeakVOLUME, s[i].profile->volume, 0);
    espeak_Synth(s[i].text, strlen(s[i].text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
                 NULL);
  }
  *cpu_s = cpu() - c0;
  return now() - t0;
}

int main(int argc, char **argv) {
  int jobs[8], n_jobs = 0, repeat = 1, pin = 0;
  const char *outdir = "/tmp";
  int i = 1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--jobs") && i + 1 < argc && n_jobs < 8) jobs[n_jobs++] = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--out") && i + 1 < argc) outdir = argv[++i];
    else if (!strcmp(argv[i], "--pin")) pin = 1;
    else break;
  }
  if (i >= argc) {
    fprintf(stderr, "usage: bench_pipeline [--pin] [--jobs N]... [--repeat R] --out DIR FILE...\n");
    return 2;
  }
  if (pin) { /* one CPU: the first this process may use */
    cpu_set_t set, one;
    CPU_ZERO(&one);
    if (sched_getaffinity(0, sizeof set, &set) == 0)
      for (int c = 0; c < CPU_SETSIZE; c++)
        if (CPU_ISSET(c, &set)) {
          CPU_SET(c, &one);
          break;
        }
    if (sched_setaffinity(0, sizeof one, &one)) {
      perror("bench_pipeline: sched_setaffinity");
      return 1;
    }
  }
  if (!n_jobs) jobs[n_jobs++] = 1;
  char out[4096];
  snprintf(out, sizeof out, "%s/bench-pipeline.wav", outdir);

  /* espeak-ng must not run in this process before the pipeline: the
   * pipeline's workers fork from it.  So the pipeline goes first. */
  bc_script *script = NULL;
  bc_voiceset *vs = NULL;
  bc_timeline *tl = NULL;
  double audio = 0;
  for (int j = 0; j < n_jobs; j++) {
    double best = 1e9, best_cpu = 1e9, c;
    for (int r = 0; r < repeat; r++) {
      double t = run_pipeline(argv + i, argc - i, jobs[j], out, script ? NULL : &script,
                              vs ? NULL : &vs, tl ? NULL : &tl, &audio, &c);
      if (t < best) best = t;
      if (c < best_cpu) best_cpu = c;
    }
    printf("pipeline jobs=%d seconds=%.3f cpu=%.3f audio=%.1f\n", jobs[j], best, best_cpu, audio);
    fflush(stdout);
  }

  /* The same final text: what the speech stage gave espeak-ng. */
  said *s = calloc(script->n_segments, sizeof *s);
  size_t n = 0;
  for (size_t g = 0; g < script->n_segments; g++) {
    const bc_segment *seg = &script->segments[g];
    const bc_segment_time *st = &tl->segments[g];
    if (seg->role == BC_ROLE_PAUSE || !seg->text || !st->espeak_voice) continue;
    bc_spoken *sp = NULL;
    if (bc_normalize(seg->text, strlen(seg->text), seg->lang ? seg->lang : script->lang, &sp))
      continue;
    s[n].text = strdup(sp->text);
    s[n].voice = strdup(st->espeak_voice);
    s[n].profile = bc_voiceset_find(vs, st->voice);
    if (!s[n].profile) s[n].profile = bc_voiceset_for_role(vs, seg->role);
    bc_spoken_free(sp);
    n++;
  }
  espeak_ng_InitializePath(NULL);
  if (espeak_ng_Initialize(NULL) != ENS_OK ||
      espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL) != ENS_OK) {
    fprintf(stderr, "bench_pipeline: espeak-ng does not start\n");
    return 1;
  }
  espeak_SetSynthCallback(discard);
  for (size_t k = 0; k < n; k++) {
    char *id = strdup(voice_id(s[k].voice));
    free((char *)s[k].voice);
    s[k].voice = id;
  }
  double best = 1e9, best_cpu = 1e9, c;
  for (int r = 0; r < repeat; r++) {
    discarded = 0;
    double t = run_espeak(s, n, &c);
    if (t < best) best = t;
    if (c < best_cpu) best_cpu = c;
  }
  printf("espeak seconds=%.3f cpu=%.3f audio=%.1f\n", best, best_cpu, discarded / 22050.0);
  fflush(stdout);
  /* once more, keeping the speech, for the stages */
  kept = malloc(1 << 20);
  cap_kept = (1 << 20) / sizeof *kept;
  run_espeak(s, n, &c);
  double m = 1e9, rs = 1e9, w = 1e9;
  for (int r = 0; r < repeat; r++) {
    double a, b, d;
    time_stages(kept, n_kept, outdir, &a, &b, &d);
    if (a < m) m = a;
    if (b < rs) rs = b;
    if (d < w) w = d;
  }
  printf("stages meter=%.3f resample=%.3f write=%.3f\n", m, rs, w);
  free(kept);
  for (size_t k = 0; k < n; k++) {
    free(s[k].text);
    free((char *)s[k].voice);
  }
  free(s);
  bc_timeline_free(tl);
  bc_script_free(script);
  bc_voiceset_free(vs);
  return 0;
}
