/* The speech stage: what a listener hears.  Every segment is audible, quotes
 * sound like someone other than the narrator (mean F0 measured here by
 * autocorrelation), pauses are silences of the scripted length, German is
 * read by a German voice, and the timeline says where each word is. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "briefcast/speech.h"

typedef struct pcm {
  int16_t *s;
  size_t n, cap;
  size_t stop_after; /* 0 = never stop */
} pcm;

static int collect(const int16_t *p, size_t n, void *user) {
  pcm *a = user;
  if (a->n + n > a->cap) {
    while (a->n + n > a->cap) a->cap = a->cap ? a->cap * 2 : 65536;
    a->s = realloc(a->s, a->cap * sizeof *a->s);
  }
  memcpy(a->s + a->n, p, n * sizeof *p);
  a->n += n;
  return a->stop_after && a->n >= a->stop_after;
}

static bc_segment *add(bc_script *s, bc_role role, const char *text, const char *voice,
                       unsigned pause_ms) {
  s->segments = realloc(s->segments, (s->n_segments + 1) * sizeof *s->segments);
  bc_segment *g = &s->segments[s->n_segments++];
  memset(g, 0, sizeof *g);
  g->role = role;
  g->text = text ? strdup(text) : NULL;
  g->voice = voice ? strdup(voice) : NULL;
  g->pause_ms = pause_ms;
  g->story = 1;
  return g;
}

static void script_done(bc_script *s) {
  for (size_t i = 0; i < s->n_segments; i++) {
    free(s->segments[i].text);
    free(s->segments[i].voice);
    free(s->segments[i].lang);
  }
  free(s->segments);
  memset(s, 0, sizeof *s);
}

static bc_voiceset *voices(void) {
  bc_voiceset *vs = NULL;
  bc_diag d = {{0}};
  if (bc_voiceset_load(BC_SOURCE_DIR "/voices", &vs, &d)) fail_msg("voices: %s", d.msg);
  return vs;
}

static double rms(const int16_t *s, size_t n) {
  double e = 0;
  for (size_t i = 0; i < n; i++) e += (double)s[i] * s[i];
  return n ? sqrt(e / n) : 0;
}

/* Mean fundamental frequency of the voiced frames of s[0..n): 40 ms frames
 * every 10 ms; a frame is voiced when loud enough and its normalized
 * autocorrelation peak over 60..400 Hz lags exceeds 0.6; the first lag
 * within 90% of the best peak is taken (avoids octave-down errors). */
static double mean_f0(const int16_t *s, size_t n, unsigned rate, size_t *voiced) {
  size_t frame = rate / 25, hop = rate / 100;
  size_t lag_lo = rate / 400, lag_hi = rate / 60;
  double sum = 0, loud = 0.1 * rms(s, n);
  size_t count = 0;
  double *r = malloc((lag_hi + 1) * sizeof *r);
  for (size_t at = 0; at + frame + lag_hi < n; at += hop) {
    const int16_t *x = s + at;
    if (rms(x, frame) < loud) continue;
    double best = 0;
    for (size_t lag = lag_lo; lag <= lag_hi; lag++) {
      double xy = 0, xx = 0, yy = 0;
      for (size_t i = 0; i < frame; i++) {
        xy += (double)x[i] * x[i + lag];
        xx += (double)x[i] * x[i];
        yy += (double)x[i + lag] * x[i + lag];
      }
      r[lag] = xx > 0 && yy > 0 ? xy / sqrt(xx * yy) : 0;
      if (r[lag] > best) best = r[lag];
    }
    if (best < 0.6) continue;
    for (size_t lag = lag_lo + 1; lag < lag_hi; lag++)
      if (r[lag] >= 0.9 * best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) {
        sum += (double)rate / lag;
        count++;
        break;
      }
  }
  free(r);
  if (voiced) *voiced = count;
  return count ? sum / count : 0;
}

/* Checks every timeline must pass: segments tile the output in order and
 * the total matches what the sink received. */
static void check_tiling(const bc_timeline *tl, const bc_script *s, const pcm *a) {
  assert_int_equal(tl->sample_rate, bc_speech_sample_rate());
  assert_int_equal(tl->n_segments, s->n_segments);
  assert_int_equal(tl->n_samples, a->n);
  size_t at = 0;
  for (size_t i = 0; i < tl->n_segments; i++) {
    const bc_segment_time *t = &tl->segments[i];
    assert_int_equal(t->start, at);
    assert_true(t->end >= t->start);
    assert_true(t->pause_end >= t->end);
    at = t->pause_end;
  }
  assert_int_equal(at, tl->n_samples);
  for (size_t i = 1; i < tl->n_words; i++) assert_true(tl->words[i].sample >= tl->words[i - 1].sample);
}

static const char *narration =
    "The Senate approved the measure on Tuesday after a long debate over the budget.";

/* The library never prints: not when espeak-ng starts (this test runs
 * first, so the engine initializes inside it), not for a language it lacks,
 * not for a voice that does not exist. */
static void test_engine_is_silent(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script s = {.lang = "en"};
  bc_segment *g = add(&s, BC_ROLE_NARRATOR, "Hello there.", NULL, 0);
  g->lang = strdup("qq-ZZ");
  add(&s, BC_ROLE_QUOTE, "Hello again.", "no-such-profile", 0);
  fflush(stdout);
  fflush(stderr);
  FILE *cap = tmpfile();
  assert_non_null(cap);
  int out = dup(1), err = dup(2);
  dup2(fileno(cap), 1);
  dup2(fileno(cap), 2);
  bc_rc rc = bc_speak(&s, vs, NULL, NULL, NULL, NULL, NULL);
  char *ph = NULL;
  bc_rc rc2 = bc_speech_phonemes("x", "zz-no-voice", &ph);
  fflush(stdout);
  fflush(stderr);
  dup2(out, 1);
  dup2(err, 2);
  close(out);
  close(err);
  struct stat st;
  assert_int_equal(fstat(fileno(cap), &st), 0);
  long printed = (long)st.st_size;
  fclose(cap);
  assert_int_equal(rc, BC_OK);
  assert_int_equal(rc2, BC_ERR_VOICE);
  assert_int_equal(printed, 0);
  script_done(&s);
  bc_voiceset_free(vs);
}

static void test_quote_voices_differ(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script s = {.lang = "en"};
  add(&s, BC_ROLE_NARRATOR, narration, NULL, 300);
  add(&s, BC_ROLE_QUOTE, "We are going to keep working on this until the job is done.",
      "quote-female-1", 300);
  add(&s, BC_ROLE_QUOTE, "We are going to keep working on this until the job is done.",
      "quote-male-1", 300);
  add(&s, BC_ROLE_QUOTE, "We are going to keep working on this until the job is done.",
      "quote-male-2", 300);
  add(&s, BC_ROLE_QUOTE, "We are going to keep working on this until the job is done.",
      "quote-female-2", 0);
  pcm a = {0};
  bc_timeline *tl = NULL;
  bc_diag d = {{0}};
  bc_rc rc = bc_speak(&s, vs, NULL, collect, &a, &tl, &d);
  if (rc) fail_msg("bc_speak: %s", d.msg);
  check_tiling(tl, &s, &a);
  double f0[5];
  for (size_t i = 0; i < 5; i++) {
    const bc_segment_time *t = &tl->segments[i];
    /* at least half a second of clearly audible speech */
    assert_true(t->end - t->start > tl->sample_rate / 2);
    assert_true(rms(a.s + t->start, t->end - t->start) > 300);
    size_t voiced = 0;
    f0[i] = mean_f0(a.s + t->start, t->end - t->start, tl->sample_rate, &voiced);
    assert_true(voiced > 20);
    print_message("segment %zu voice %-15s espeak %-10s mean F0 %.0f Hz (%zu frames)\n", i,
                  t->voice, t->espeak_voice, f0[i], voiced);
  }
  assert_string_equal(tl->segments[0].voice, "narrator");
  assert_string_equal(tl->segments[1].voice, "quote-female-1");
  /* female quote voices well above the narrator, male ones clearly apart */
  assert_true(f0[1] > 1.4 * f0[0]);
  assert_true(f0[4] > 1.4 * f0[0]);
  assert_true(fabs(f0[2] - f0[0]) > 0.15 * f0[0]);
  assert_true(fabs(f0[3] - f0[0]) > 0.15 * f0[0]);
  assert_true(fabs(f0[2] - f0[3]) > 0.15 * f0[0]);
  bc_timeline_free(tl);
  free(a.s);
  script_done(&s);
  bc_voiceset_free(vs);
}

static void test_pauses_are_silence_of_right_length(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script s = {.lang = "en"};
  add(&s, BC_ROLE_HEADLINE, "Storm closes schools", NULL, 700);
  add(&s, BC_ROLE_PAUSE, NULL, NULL, 1500);
  add(&s, BC_ROLE_NARRATOR, "Classes resume on Monday.", NULL, 250);
  pcm a = {0};
  bc_timeline *tl = NULL;
  assert_int_equal(bc_speak(&s, vs, NULL, collect, &a, &tl, NULL), BC_OK);
  check_tiling(tl, &s, &a);
  unsigned rate = tl->sample_rate;
  const unsigned want[3] = {700, 1500, 250};
  for (size_t i = 0; i < 3; i++) {
    const bc_segment_time *t = &tl->segments[i];
    assert_int_equal(t->pause_end - t->end, (size_t)want[i] * rate / 1000);
    for (size_t k = t->end; k < t->pause_end; k++) assert_int_equal(a.s[k], 0);
  }
  /* the pause segment says nothing */
  assert_int_equal(tl->segments[1].start, tl->segments[1].end);
  /* the silence a listener hears after the headline: from its last audible
   * sample to the next segment's first, at least the pause, and not much
   * more (espeak-ng's own tail is short) */
  size_t last = tl->segments[0].end;
  while (last > tl->segments[0].start && abs(a.s[last - 1]) < 50) last--;
  size_t next = tl->segments[2].start;
  while (next < tl->segments[2].end && abs(a.s[next]) < 50) next++;
  double gap_ms = 1000.0 * (next - last) / rate;
  print_message("silence between headline and narration: %.0f ms (script: 2200)\n", gap_ms);
  assert_true(gap_ms >= 2200);
  assert_true(gap_ms < 2200 + 600);
  bc_timeline_free(tl);
  free(a.s);
  script_done(&s);
  bc_voiceset_free(vs);
}

static void test_languages(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script s = {.lang = "en"};
  bc_segment *g = add(&s, BC_ROLE_NARRATOR, "Die Regierung hat am Dienstag entschieden.", NULL, 0);
  g->lang = strdup("de");
  g = add(&s, BC_ROLE_QUOTE, "Nous allons continuer.", "quote-female-1", 0);
  g->lang = strdup("fr-FR");
  g = add(&s, BC_ROLE_NARRATOR, "Gracias a todos.", NULL, 0);
  g->lang = strdup("es");
  g = add(&s, BC_ROLE_NARRATOR, "Unknown language, English voice.", NULL, 0);
  g->lang = strdup("qq");
  add(&s, BC_ROLE_NARRATOR, "Back to English.", NULL, 0);
  /* a tag espeak-ng knows only through a voice's language list: Norwegian
   * "no" is spoken by the Bokmål voice "nb" */
  g = add(&s, BC_ROLE_NARRATOR, "God morgen.", NULL, 0);
  g->lang = strdup("no");
  pcm a = {0};
  bc_timeline *tl = NULL;
  bc_diag d = {{0}};
  if (bc_speak(&s, vs, NULL, collect, &a, &tl, &d)) fail_msg("bc_speak: %s", d.msg);
  check_tiling(tl, &s, &a);
  for (size_t i = 0; i < s.n_segments; i++)
    print_message("segment %zu lang %-5s -> espeak %s\n", i,
                  s.segments[i].lang ? s.segments[i].lang : "-", tl->segments[i].espeak_voice);
  assert_string_equal(tl->segments[0].espeak_voice, "de");
  /* the French quote keeps its profile's female variant */
  assert_true(!strncmp(tl->segments[1].espeak_voice, "fr", 2));
  assert_non_null(strstr(tl->segments[1].espeak_voice, "+f3"));
  assert_string_equal(tl->segments[2].espeak_voice, "es");
  assert_string_equal(tl->segments[3].espeak_voice, "en-us"); /* fell back, did not fail */
  assert_string_equal(tl->segments[4].espeak_voice, "en-us");
  assert_string_equal(tl->segments[5].espeak_voice, "nb");
  for (size_t i = 0; i < s.n_segments; i++) {
    const bc_segment_time *t = &tl->segments[i];
    assert_true(rms(a.s + t->start, t->end - t->start) > 300);
  }
  /* German phonemes differ from English ones for the same letters */
  char *de = NULL, *en = NULL;
  assert_int_equal(bc_speech_phonemes("Regierung", "de", &de), BC_OK);
  assert_int_equal(bc_speech_phonemes("Regierung", "en-us", &en), BC_OK);
  assert_string_not_equal(de, en);
  bc_free(de);
  bc_free(en);
  bc_timeline_free(tl);
  free(a.s);
  script_done(&s);
  bc_voiceset_free(vs);
}

static void test_word_timeline(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script s = {.lang = "en"};
  add(&s, BC_ROLE_HEADLINE, "Markets rally", NULL, 500);
  add(&s, BC_ROLE_NARRATOR, "Stocks rose sharply on Friday, traders said.", NULL, 0);
  pcm a = {0};
  bc_timeline *tl = NULL;
  assert_int_equal(bc_speak(&s, vs, NULL, collect, &a, &tl, NULL), BC_OK);
  check_tiling(tl, &s, &a);
  const char *expect[] = {"Markets", "rally", "Stocks", "rose", "sharply",
                          "on",      "Friday", "traders", "said"};
  assert_int_equal(tl->n_words, 9);
  for (size_t i = 0; i < tl->n_words; i++) {
    const bc_word_time *w = &tl->words[i];
    const bc_segment_time *t = &tl->segments[w->segment];
    const char *text = s.segments[w->segment].text;
    assert_int_equal(w->segment, i < 2 ? 0 : 1);
    assert_true(w->sample >= t->start && w->sample < t->end);
    assert_int_equal(w->text_end - w->text_start, strlen(expect[i]));
    assert_memory_equal(text + w->text_start, expect[i], strlen(expect[i]));
    /* the word is audible within 150 ms of its event */
    double loud = 0;
    size_t win = tl->sample_rate * 15 / 100;
    if (w->sample + win <= t->end) loud = rms(a.s + w->sample, win);
    assert_true(loud > 200);
  }
  bc_timeline_free(tl);
  free(a.s);
  script_done(&s);
  bc_voiceset_free(vs);
}

static void test_words_per_minute(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script s = {.lang = "en"};
  add(&s, BC_ROLE_NARRATOR, narration, NULL, 0);
  add(&s, BC_ROLE_QUOTE, "We will keep working on this until the job is done.",
      "quote-male-1", 0);
  size_t len[2][2];
  const int wpm[2] = {120, 240};
  for (int k = 0; k < 2; k++) {
    bc_speak_options o = {.words_per_minute = wpm[k]};
    bc_timeline *tl = NULL;
    assert_int_equal(bc_speak(&s, vs, &o, NULL, NULL, &tl, NULL), BC_OK);
    for (int i = 0; i < 2; i++) len[k][i] = tl->segments[i].end - tl->segments[i].start;
    bc_timeline_free(tl);
  }
  print_message("narration: %.2f s at 120 wpm, %.2f s at 240 wpm\n", len[0][0] / 22050.0,
                len[1][0] / 22050.0);
  /* doubling the rate makes narration and quotes clearly shorter */
  for (int i = 0; i < 2; i++) assert_true(len[1][i] < 0.7 * len[0][i]);
  bc_speak_options bad = {.words_per_minute = 20};
  bc_diag d = {{0}};
  assert_int_equal(bc_speak(&s, vs, &bad, NULL, NULL, NULL, &d), BC_ERR_ARG);
  assert_non_null(strstr(d.msg, "words per minute"));
  script_done(&s);
  bc_voiceset_free(vs);
}

static void test_sink_can_stop(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script s = {.lang = "en"};
  add(&s, BC_ROLE_NARRATOR, narration, NULL, 0);
  add(&s, BC_ROLE_NARRATOR, narration, NULL, 0);
  pcm a = {.stop_after = 5000};
  bc_timeline *tl = (bc_timeline *)1;
  assert_int_equal(bc_speak(&s, vs, NULL, collect, &a, &tl, NULL), BC_ERR_INTERRUPTED);
  assert_null(tl);
  assert_true(a.n < 22050);
  /* and the engine still works afterwards */
  pcm b = {0};
  assert_int_equal(bc_speak(&s, vs, NULL, collect, &b, NULL, NULL), BC_OK);
  assert_true(b.n > 22050);
  free(a.s);
  free(b.s);
  script_done(&s);
  bc_voiceset_free(vs);
}

static void test_phonemes(void **state) {
  (void)state;
  char *a = NULL, *b = NULL;
  assert_int_equal(bc_speech_phonemes("Senator Paul", "en-us", &a), BC_OK);
  assert_int_equal(bc_speech_phonemes("Sen. Paul", "en-us", &b), BC_OK);
  assert_true(strlen(a) > 5);
  assert_string_not_equal(a, b); /* why the normalizer expands "Sen." */
  bc_free(a);
  bc_free(b);
  /* language tags that are not espeak-ng file names work too */
  assert_int_equal(bc_speech_phonemes("tomato", "en-gb", &a), BC_OK);
  assert_int_equal(bc_speech_phonemes("tomato", "en-us", &b), BC_OK);
  assert_string_not_equal(a, b);
  print_message("tomato: en-gb [%s], en-us [%s]\n", a, b);
  bc_free(a);
  bc_free(b);
  assert_int_equal(bc_speech_phonemes("x", "zz-no-voice", &a), BC_ERR_VOICE);
  assert_null(a);
}

/* Normalized text ("Senator", "forty-five dollars") is what is spoken, but
 * the timeline points at the words as written, for the transcript. */
static void test_normalized_words_map_to_source(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script s = {.lang = "en"};
  const char *text = "Sen. Paul said the 1990s cost $45 million.";
  add(&s, BC_ROLE_NARRATOR, text, NULL, 0);
  bc_timeline *tl = NULL;
  pcm a = {0};
  assert_int_equal(bc_speak(&s, vs, NULL, collect, &a, &tl, NULL), BC_OK);
  check_tiling(tl, &s, &a);
  char seen[256] = "";
  size_t prev_end = 0;
  for (size_t i = 0; i < tl->n_words; i++) {
    const bc_word_time *w = &tl->words[i];
    assert_true(w->text_start >= prev_end); /* in order, no overlap */
    assert_true(w->text_end > w->text_start && w->text_end <= strlen(text));
    prev_end = w->text_end;
    strcat(seen, "|");
    strncat(seen, text + w->text_start, w->text_end - w->text_start);
  }
  print_message("words as written: %s\n", seen);
  assert_non_null(strstr(seen, "|Sen.|Paul|said|"));
  assert_non_null(strstr(seen, "|1990s|"));
  assert_non_null(strstr(seen, "|$45"));
  /* for the report: the same text spoken as written */
  bc_timeline *raw = NULL;
  bc_speak_options o = {.no_normalize = 1};
  assert_int_equal(bc_speak(&s, vs, &o, NULL, NULL, &raw, NULL), BC_OK);
  print_message("normalized %.2f s, as written %.2f s\n",
                (double)tl->segments[0].end / tl->sample_rate,
                (double)raw->segments[0].end / raw->sample_rate);
  bc_timeline_free(raw);
  bc_timeline_free(tl);
  free(a.s);
  script_done(&s);
  bc_voiceset_free(vs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_engine_is_silent),
      cmocka_unit_test(test_quote_voices_differ),
      cmocka_unit_test(test_pauses_are_silence_of_right_length),
      cmocka_unit_test(test_languages),
      cmocka_unit_test(test_word_timeline),
      cmocka_unit_test(test_words_per_minute),
      cmocka_unit_test(test_sink_can_stop),
      cmocka_unit_test(test_phonemes),
      cmocka_unit_test(test_normalized_words_map_to_source),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
