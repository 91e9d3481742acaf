/* Parallel synthesis: a briefing spoken by several worker processes sounds
 * exactly like the same briefing spoken by one (same samples, same timeline),
 * its first part is bit-identical to bc_speak() in a fresh process, later
 * stories keep bc_speak()'s voices and words, and stopping or failing leaves
 * no worker behind.
 *
 * Order matters: the test process itself never synthesizes, so every worker
 * and every reference starts from a pristine engine. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include "briefcast/parallel.h"

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

static bc_voiceset *voices(void) {
  bc_voiceset *vs = NULL;
  bc_diag d = {{0}};
  if (bc_voiceset_load(BC_SOURCE_DIR "/voices", &vs, &d)) fail_msg("voices: %s", d.msg);
  return vs;
}

/* A briefing: intro, three stories with quotes of both genders, sign-off. */
static bc_script *briefing(int stories) {
  bc_script *s = bc_script_new("Test briefing", "2026-11-27", "en");
  bc_script_add(s, BC_ROLE_INTRO, "This is your news briefing for Friday, November 27.", NULL,
                BC_GENDER_UNKNOWN, 500, 0);
  static const char *heads[] = {"Glacier melt doubled in a decade.",
                                "Parliament passes the rail bill, 5-4.",
                                "Harbour seals return to the estuary."};
  for (int k = 0; k < stories; k++) {
    int st = k + 1;
    bc_script_add(s, BC_ROLE_HEADLINE, heads[k % 3], NULL, BC_GENDER_UNKNOWN, 600, st);
    bc_script_add(s, BC_ROLE_NARRATOR,
                  "Researchers said on Tuesday that the losses grew faster than expected.",
                  NULL, BC_GENDER_UNKNOWN, 250, st);
    bc_script_add(s, BC_ROLE_NARRATOR, "Amara Lindqvist said:", NULL, BC_GENDER_UNKNOWN, 200,
                  st);
    bc_script_add(s, BC_ROLE_QUOTE, "We expected the losses to grow, but not this quickly.",
                  "Amara Lindqvist", BC_GENDER_FEMALE, 400, st);
    bc_script_add(s, BC_ROLE_QUOTE, "It costs $1.5 billion a year.", "Tom Okafor",
                  BC_GENDER_MALE, 400, st);
    bc_script_add(s, BC_ROLE_PAUSE, NULL, NULL, BC_GENDER_UNKNOWN, 800, 0);
  }
  bc_script_add(s, BC_ROLE_OUTRO, "That was your briefing.", NULL, BC_GENDER_UNKNOWN, 0, 0);
  return s;
}

static void assert_same_timeline(const bc_timeline *a, const bc_timeline *b) {
  assert_int_equal(a->sample_rate, b->sample_rate);
  assert_int_equal(a->n_samples, b->n_samples);
  assert_int_equal(a->n_segments, b->n_segments);
  for (size_t i = 0; i < a->n_segments; i++) {
    assert_int_equal(a->segments[i].start, b->segments[i].start);
    assert_int_equal(a->segments[i].end, b->segments[i].end);
    assert_int_equal(a->segments[i].pause_end, b->segments[i].pause_end);
    assert_ptr_equal(a->segments[i].voice, b->segments[i].voice);
    if (a->segments[i].espeak_voice || b->segments[i].espeak_voice)
      assert_string_equal(a->segments[i].espeak_voice, b->segments[i].espeak_voice);
  }
  assert_int_equal(a->n_words, b->n_words);
  for (size_t i = 0; i < a->n_words; i++) {
    assert_int_equal(a->words[i].segment, b->words[i].segment);
    assert_int_equal(a->words[i].sample, b->words[i].sample);
    assert_int_equal(a->words[i].text_start, b->words[i].text_start);
    assert_int_equal(a->words[i].text_end, b->words[i].text_end);
  }
}

/* bc_speak() over the whole script in a fresh child process (so this
 * process stays pristine): its PCM, its segment ends, word segments. */
typedef struct reference {
  pcm audio;
  size_t n_segments, n_words;
  uint64_t *seg_end;          /* per segment: end sample */
  uint64_t *word_seg;         /* per word: segment */
  char voices[64][32];        /* espeak voice per segment (first 64) */
} reference;

static int write_all(int fd, const void *p, size_t n) {
  const char *s = p;
  while (n) {
    ssize_t k = write(fd, s, n);
    if (k <= 0) return -1;
    s += k;
    n -= (size_t)k;
  }
  return 0;
}

static int read_all(int fd, void *p, size_t n) {
  char *s = p;
  while (n) {
    ssize_t k = read(fd, s, n);
    if (k <= 0) return -1;
    s += k;
    n -= (size_t)k;
  }
  return 0;
}

static void speak_in_child(const bc_script *s, const bc_voiceset *vs, reference *ref) {
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    pcm a = {0};
    bc_timeline *tl = NULL;
    if (bc_speak(s, vs, NULL, collect, &a, &tl, NULL)) _exit(1);
    uint64_t n = a.n, ns = tl->n_segments, nw = tl->n_words;
    write_all(fds[1], &n, sizeof n);
    write_all(fds[1], a.s, a.n * sizeof *a.s);
    write_all(fds[1], &ns, sizeof ns);
    for (size_t i = 0; i < ns; i++) {
      uint64_t e = tl->segments[i].end;
      char v[32] = {0};
      if (tl->segments[i].espeak_voice) snprintf(v, sizeof v, "%s", tl->segments[i].espeak_voice);
      write_all(fds[1], &e, sizeof e);
      write_all(fds[1], v, sizeof v);
    }
    write_all(fds[1], &nw, sizeof nw);
    for (size_t i = 0; i < nw; i++) {
      uint64_t g = tl->words[i].segment;
      write_all(fds[1], &g, sizeof g);
    }
    _exit(0);
  }
  close(fds[1]);
  uint64_t n, ns, nw;
  memset(ref, 0, sizeof *ref);
  assert_int_equal(read_all(fds[0], &n, sizeof n), 0);
  ref->audio.s = malloc(n * sizeof *ref->audio.s + 1);
  ref->audio.n = n;
  assert_int_equal(read_all(fds[0], ref->audio.s, n * sizeof *ref->audio.s), 0);
  assert_int_equal(read_all(fds[0], &ns, sizeof ns), 0);
  ref->n_segments = ns;
  ref->seg_end = calloc(ns + 1, sizeof *ref->seg_end);
  for (size_t i = 0; i < ns; i++) {
    char v[32];
    assert_int_equal(read_all(fds[0], &ref->seg_end[i], sizeof *ref->seg_end), 0);
    assert_int_equal(read_all(fds[0], v, sizeof v), 0);
    if (i < 64) memcpy(ref->voices[i], v, sizeof v);
  }
  assert_int_equal(read_all(fds[0], &nw, sizeof nw), 0);
  ref->n_words = nw;
  ref->word_seg = calloc(nw + 1, sizeof *ref->word_seg);
  for (size_t i = 0; i < nw; i++)
    assert_int_equal(read_all(fds[0], &ref->word_seg[i], sizeof *ref->word_seg), 0);
  close(fds[0]);
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void reference_free(reference *r) {
  free(r->audio.s);
  free(r->seg_end);
  free(r->word_seg);
}

static void no_children_left(void) {
  errno = 0;
  assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
  assert_int_equal(errno, ECHILD);
}

/* Any number of jobs gives the same samples and the same timeline. */
static void test_jobs_do_not_change_the_output(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script *s = briefing(3);
  assert_int_equal(bc_voiceset_assign(vs, s), BC_OK);
  pcm a1 = {0}, a2 = {0}, a3 = {0};
  bc_timeline *t1 = NULL, *t2 = NULL, *t3 = NULL;
  bc_diag d = {{0}};
  assert_int_equal(bc_speak_parallel(s, vs, NULL, 1, collect, &a1, &t1, &d), BC_OK);
  assert_int_equal(bc_speak_parallel(s, vs, NULL, 2, collect, &a2, &t2, &d), BC_OK);
  assert_int_equal(bc_speak_parallel(s, vs, NULL, 3, collect, &a3, &t3, &d), BC_OK);
  assert_true(a1.n > 22050 * 10); /* a real briefing: well over ten seconds */
  assert_int_equal(a1.n, t1->n_samples);
  assert_int_equal(a1.n, a2.n);
  assert_int_equal(a1.n, a3.n);
  assert_memory_equal(a1.s, a2.s, a1.n * sizeof *a1.s);
  assert_memory_equal(a1.s, a3.s, a1.n * sizeof *a1.s);
  assert_same_timeline(t1, t2);
  assert_same_timeline(t1, t3);
  /* the timeline covers the audio, in order, every segment accounted for */
  assert_int_equal(t1->n_segments, s->n_segments);
  for (size_t i = 1; i < t1->n_segments; i++)
    assert_int_equal(t1->segments[i].start, t1->segments[i - 1].pause_end);
  assert_int_equal(t1->segments[t1->n_segments - 1].pause_end, a1.n);
  for (size_t i = 1; i < t1->n_words; i++)
    assert_true(t1->words[i].sample >= t1->words[i - 1].sample);
  no_children_left();
  bc_timeline_free(t1);
  bc_timeline_free(t2);
  bc_timeline_free(t3);
  free(a1.s);
  free(a2.s);
  free(a3.s);
  bc_script_free(s);
  bc_voiceset_free(vs);
}

/* Compared with one bc_speak() over the whole script: the first part is the
 * same, bit for bit; later stories have the same segments, voices and words,
 * and a length within half a percent (espeak-ng's carried phase). */
static void test_same_as_bc_speak(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script *s = briefing(2);
  assert_int_equal(bc_voiceset_assign(vs, s), BC_OK);
  reference ref;
  speak_in_child(s, vs, &ref);
  pcm a = {0};
  bc_timeline *t = NULL;
  assert_int_equal(bc_speak_parallel(s, vs, NULL, 2, collect, &a, &t, NULL), BC_OK);
  /* the intro is its own part: identical */
  assert_true(t->segments[0].pause_end > 0);
  assert_int_equal(ref.seg_end[0], t->segments[0].end);
  assert_memory_equal(ref.audio.s, a.s, t->segments[0].pause_end * sizeof *a.s);
  assert_int_equal(ref.n_segments, t->n_segments);
  for (size_t i = 0; i < t->n_segments && i < 64; i++)
    assert_string_equal(ref.voices[i], t->segments[i].espeak_voice ? t->segments[i].espeak_voice
                                                                   : "");
  assert_int_equal(ref.n_words, t->n_words);
  for (size_t i = 0; i < t->n_words; i++) assert_int_equal(ref.word_seg[i], t->words[i].segment);
  double ratio = (double)a.n / (double)ref.audio.n;
  assert_true(ratio > 0.995 && ratio < 1.005);
  /* a script with no story boundary is one part: identical to bc_speak */
  bc_script *one = bc_script_new("One", "2026-11-27", "en");
  bc_script_add(one, BC_ROLE_NARRATOR, "Only the narrator speaks in this one, twice over.", NULL,
                BC_GENDER_UNKNOWN, 300, 1);
  bc_script_add(one, BC_ROLE_HEADLINE, "And then a headline.", NULL, BC_GENDER_UNKNOWN, 0, 1);
  reference r1;
  speak_in_child(one, vs, &r1);
  pcm b = {0};
  bc_timeline *tb = NULL;
  assert_int_equal(bc_speak_parallel(one, vs, NULL, 2, collect, &b, &tb, NULL), BC_OK);
  assert_int_equal(r1.audio.n, b.n);
  assert_memory_equal(r1.audio.s, b.s, b.n * sizeof *b.s);
  assert_int_equal(r1.seg_end[1], tb->segments[1].end);
  no_children_left();
  reference_free(&r1);
  reference_free(&ref);
  bc_timeline_free(tb);
  bc_timeline_free(t);
  free(b.s);
  free(a.s);
  bc_script_free(one);
  bc_script_free(s);
  bc_voiceset_free(vs);
}

/* A sink that says stop ends every worker and reports the interruption. */
static void test_sink_stops_workers(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script *s = briefing(3);
  pcm a = {.stop_after = 1000};
  bc_timeline *t = NULL;
  bc_diag d = {{0}};
  assert_int_equal(bc_speak_parallel(s, vs, NULL, 2, collect, &a, &t, &d), BC_ERR_INTERRUPTED);
  assert_null(t);
  assert_true(strlen(d.msg) > 0);
  no_children_left();
  free(a.s);
  bc_script_free(s);
  bc_voiceset_free(vs);
}

/* A worker's error comes back with its message, and nothing else is said. */
static void test_errors_come_back(void **state) {
  (void)state;
  bc_voiceset *vs = voices();
  bc_script *s = briefing(2);
  bc_speak_options o = {.words_per_minute = 10};
  pcm a = {0};
  bc_diag d = {{0}};
  bc_timeline *t = NULL;
  assert_int_equal(bc_speak_parallel(s, vs, &o, 2, collect, &a, &t, &d), BC_ERR_ARG);
  assert_non_null(strstr(d.msg, "words per minute"));
  assert_int_equal(a.n, 0);
  assert_null(t);
  no_children_left();
  /* without a timeline wanted, the audio is the same */
  pcm b = {0}, c = {0};
  assert_int_equal(bc_speak_parallel(s, vs, NULL, 2, collect, &b, NULL, NULL), BC_OK);
  assert_int_equal(bc_speak_parallel(s, vs, NULL, 1, collect, &c, &t, NULL), BC_OK);
  assert_int_equal(b.n, c.n);
  assert_memory_equal(b.s, c.s, b.n * sizeof *b.s);
  assert_true(bc_speak_default_jobs() >= 1);
  bc_timeline_free(t);
  free(a.s);
  free(b.s);
  free(c.s);
  bc_script_free(s);
  bc_voiceset_free(vs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_jobs_do_not_change_the_output),
      cmocka_unit_test(test_same_as_bc_speak),
      cmocka_unit_test(test_sink_stops_workers),
      cmocka_unit_test(test_errors_come_back),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
