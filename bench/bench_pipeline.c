/* Benchmark: the whole pipeline (read, extract, analyze, script, speak,
 * master, encode to WAV) on a set of article files, against espeak-ng alone
 * synthesizing the same final text: each segment's normalized text, in the
 * voice and at the rate the pipeline used, PCM discarded.  espeak-ng's speed
 * is the floor: the ratio says what everything else costs (or, with several
 * jobs, what the parallel workers win back).
 *
 *   bench_pipeline [--jobs N]... [--repeat R] --out DIR FILE...
 * prints one line per measurement: "pipeline jobs=N seconds=S audio=A" and
 * "espeak seconds=S", best of R runs each. */
#include <espeak-ng/espeak_ng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "briefcast/briefcast.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(const char *what, bc_rc rc, const bc_diag *d) {
  fprintf(stderr, "bench_pipeline: %s: %s%s%s\n", what, bc_strerror(rc), d && d->msg[0] ? ": " : "",
          d ? d->msg : "");
  exit(1);
}

/* The whole pipeline, timed from the files to the WAV.  *script_out keeps
 * the script and *tl_out the timeline for the espeak-only run. */
static double run_pipeline(char **files, int n, int jobs, const char *out, bc_script **script_out,
                           bc_voiceset **vs_out, bc_timeline **tl_out, double *audio) {
  double t0 = now();
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
static int discard(short *wav, int n, espeak_EVENT *ev) {
  (void)wav;
  (void)ev;
  if (n > 0) discarded += (size_t)n;
  return 0;
}

typedef struct said {
  char *text;
  const char *voice; /* espeak voice name */
  const bc_voice *profile;
} said;

/* espeak-ng alone on the same final text. */
static double run_espeak(const said *s, size_t n) {
  double t0 = now();
  for (size_t i = 0; i < n; i++) {
    espeak_SetVoiceByName(s[i].voice);
    espeak_SetParameter(espeakRATE, s[i].profile->rate, 0);
    espeak_SetParameter(espeakPITCH, s[i].profile->pitch, 0);
    espeak_SetParameter(espeakRANGE, s[i].profile->range, 0);
    espeak_SetParameter(espeakVOLUME, s[i].profile->volume, 0);
    espeak_Synth(s[i].text, strlen(s[i].text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
                 NULL);
  }
  return now() - t0;
}

int main(int argc, char **argv) {
  int jobs[8], n_jobs = 0, repeat = 1;
  const char *outdir = "/tmp";
  int i = 1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--jobs") && i + 1 < argc && n_jobs < 8) jobs[n_jobs++] = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--out") && i + 1 < argc) outdir = argv[++i];
    else break;
  }
  if (i >= argc) {
    fprintf(stderr, "usage: bench_pipeline [--jobs N]... [--repeat R] --out DIR FILE...\n");
    return 2;
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
    double best = 1e9;
    for (int r = 0; r < repeat; r++) {
      double t = run_pipeline(argv + i, argc - i, jobs[j], out, script ? NULL : &script,
                              vs ? NULL : &vs, tl ? NULL : &tl, &audio);
      if (t < best) best = t;
    }
    printf("pipeline jobs=%d seconds=%.3f audio=%.1f\n", jobs[j], best, audio);
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
    s[n].voice = st->espeak_voice;
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
  double best = 1e9;
  for (int r = 0; r < repeat; r++) {
    discarded = 0;
    double t = run_espeak(s, n);
    if (t < best) best = t;
  }
  printf("espeak seconds=%.3f audio=%.1f\n", best, discarded / 22050.0);
  for (size_t k = 0; k < n; k++) free(s[k].text);
  free(s);
  bc_timeline_free(tl);
  bc_script_free(script);
  bc_voiceset_free(vs);
  return 0;
}
