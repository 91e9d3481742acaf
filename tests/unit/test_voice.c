/* Voice profiles: loading, errors a user can act on, and which voice each
 * quoted speaker gets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "briefcast/voice.h"

#define VOICES BC_TEST_DATA "/voices"

/* Scripts are built by hand so this test does not depend on the script
 * stage; free with script_done(). */
static bc_segment *add(bc_script *s, bc_role role, const char *text, const char *speaker,
                       bc_gender gender, int story) {
  s->segments = realloc(s->segments, (s->n_segments + 1) * sizeof *s->segments);
  bc_segment *g = &s->segments[s->n_segments++];
  memset(g, 0, sizeof *g);
  g->role = role;
  g->text = text ? strdup(text) : NULL;
  g->speaker = speaker ? strdup(speaker) : NULL;
  g->gender = gender;
  g->story = story;
  return g;
}

static void script_done(bc_script *s) {
  for (size_t i = 0; i < s->n_segments; i++) {
    free(s->segments[i].text);
    free(s->segments[i].speaker);
    free(s->segments[i].voice);
  }
  free(s->segments);
  memset(s, 0, sizeof *s);
}

static bc_voiceset *load_defaults(void) {
  bc_voiceset *vs = NULL;
  bc_diag d = {{0}};
  bc_rc rc = bc_voiceset_load(BC_SOURCE_DIR "/voices", &vs, &d);
  if (rc) fail_msg("loading voices/: %s", d.msg);
  return vs;
}

static void test_default_profiles(void **state) {
  (void)state;
  bc_voiceset *vs = load_defaults();
  int female = 0, male = 0;
  const bc_voice *narrator = bc_voiceset_for_role(vs, BC_ROLE_NARRATOR);
  assert_non_null(narrator);
  assert_string_equal(narrator->name, "narrator");
  for (size_t i = 0; i < vs->n_voices; i++) {
    const bc_voice *v = &vs->voices[i];
    if (v->role != BC_ROLE_QUOTE) continue;
    female += v->gender == BC_GENDER_FEMALE;
    male += v->gender == BC_GENDER_MALE;
    /* a quote voice is never the narrator's voice at the narrator's pitch */
    assert_true(strcmp(v->espeak, narrator->espeak) || v->variant ||
                abs(v->pitch - narrator->pitch) >= 20);
  }
  assert_true(female >= 2);
  assert_true(male >= 2);
  for (int r = BC_ROLE_INTRO; r <= BC_ROLE_OUTRO; r++) {
    const bc_voice *v = bc_voiceset_for_role(vs, (bc_role)r);
    assert_non_null(v);
    assert_int_equal(v->role, r);
  }
  assert_non_null(bc_voiceset_find(vs, "quote-female-1"));
  assert_null(bc_voiceset_find(vs, "nobody"));
  bc_voiceset_free(vs);
}

static void test_load_fields_and_fallback(void **state) {
  (void)state;
  bc_voiceset *vs = NULL;
  assert_int_equal(bc_voiceset_load(VOICES "/good", &vs, NULL), BC_OK);
  assert_int_equal(vs->n_voices, 3); /* notes.txt is not a profile */
  const bc_voice *f = bc_voiceset_find(vs, "q-f");
  assert_non_null(f);
  assert_int_equal(f->role, BC_ROLE_QUOTE);
  assert_string_equal(f->espeak, "en-us");
  assert_string_equal(f->variant, "f3");
  assert_int_equal(f->gender, BC_GENDER_FEMALE);
  assert_int_equal(f->pitch, 50); /* default */
  const bc_voice *m = bc_voiceset_find(vs, "q-m");
  assert_string_equal(m->variant, "m1");  /* trailing comment dropped */
  assert_int_equal(m->role, BC_ROLE_QUOTE);
  assert_string_equal(m->description, "Quote voice #2: deep # kept, a description is free text");
  const bc_voice *n = bc_voiceset_find(vs, "narrator");
  assert_int_equal(n->rate, 170);
  assert_null(n->variant);
  /* no headline profile here: the narrator reads headlines */
  assert_ptr_equal(bc_voiceset_for_role(vs, BC_ROLE_HEADLINE), n);
  bc_voiceset_free(vs);
  bc_voiceset_free(NULL);
}

static void expect_error(const char *dir, const char *want) {
  bc_voiceset *vs = (bc_voiceset *)1;
  bc_diag d = {{0}};
  bc_rc rc = bc_voiceset_load(dir, &vs, &d);
  assert_int_not_equal(rc, BC_OK);
  assert_null(vs);
  if (!strstr(d.msg, want)) fail_msg("diag '%s' lacks '%s'", d.msg, want);
}

static void test_bad_files_name_file_and_line(void **state) {
  (void)state;
  expect_error(VOICES "/bad-key", "bad-key/quote.voice:4: unknown key 'pich'");
  expect_error(VOICES "/bad-pitch", "bad-pitch/quote.voice:4: pitch must be");
  expect_error(VOICES "/no-equals", "no-equals/narrator.voice:2: expected 'key = value'");
  expect_error(VOICES "/no-role", "no-role/narrator.voice: no 'role' line");
  expect_error(VOICES "/no-narrator", "no narrator profile");
  expect_error(VOICES "/does-not-exist", "does-not-exist: cannot open voices folder");
}

static void test_default_dir_exists(void **state) {
  (void)state;
  const char *dir = bc_voiceset_default_dir();
  assert_non_null(dir);
  bc_voiceset *vs = NULL;
  assert_int_equal(bc_voiceset_load(NULL, &vs, NULL), BC_OK);
  assert_non_null(bc_voiceset_for_role(vs, BC_ROLE_NARRATOR));
  bc_voiceset_free(vs);
}

static const bc_voice *voice_of(const bc_voiceset *vs, const bc_segment *g) {
  assert_non_null(g->voice);
  const bc_voice *v = bc_voiceset_find(vs, g->voice);
  assert_non_null(v);
  assert_int_equal(v->role, BC_ROLE_QUOTE);
  return v;
}

static void test_assign_speakers(void **state) {
  (void)state;
  bc_voiceset *vs = load_defaults();
  bc_script s = {0};
  add(&s, BC_ROLE_HEADLINE, "Senate passes bill", NULL, 0, 1);
  add(&s, BC_ROLE_NARRATOR, "Paul said", NULL, 0, 1);
  size_t paul1 = s.n_segments;
  add(&s, BC_ROLE_QUOTE, "We agreed.", "Rand Paul", BC_GENDER_MALE, 1);
  size_t warren = s.n_segments;
  add(&s, BC_ROLE_QUOTE, "No.", "Elizabeth Warren", BC_GENDER_FEMALE, 1);
  size_t slutsky = s.n_segments;
  add(&s, BC_ROLE_QUOTE, "We are interested.", "Leonid Slutsky", BC_GENDER_MALE, 1);
  size_t paul2 = s.n_segments;
  add(&s, BC_ROLE_QUOTE, "And we invited them.", "Rand Paul", BC_GENDER_MALE, 1);
  size_t collins = s.n_segments;
  add(&s, BC_ROLE_QUOTE, "Maybe.", "Susan Collins", BC_GENDER_FEMALE, 1);
  size_t anon = s.n_segments;
  add(&s, BC_ROLE_QUOTE, "It is late.", "A spokesperson", BC_GENDER_UNKNOWN, 1);
  size_t third_man = s.n_segments;
  add(&s, BC_ROLE_QUOTE, "Third.", "Konstantin Kosachev", BC_GENDER_MALE, 1);

  assert_int_equal(bc_voiceset_assign(vs, &s), BC_OK);
  assert_null(s.segments[0].voice); /* only quotes get voices */
  assert_null(s.segments[1].voice);
  /* the same speaker keeps one voice */
  assert_string_equal(s.segments[paul1].voice, s.segments[paul2].voice);
  /* different speakers, different voices (two male voices exist) */
  assert_string_not_equal(s.segments[paul1].voice, s.segments[slutsky].voice);
  assert_string_not_equal(s.segments[warren].voice, s.segments[collins].voice);
  /* gender respected */
  assert_int_equal(voice_of(vs, &s.segments[paul1])->gender, BC_GENDER_MALE);
  assert_int_equal(voice_of(vs, &s.segments[slutsky])->gender, BC_GENDER_MALE);
  assert_int_equal(voice_of(vs, &s.segments[warren])->gender, BC_GENDER_FEMALE);
  assert_int_equal(voice_of(vs, &s.segments[collins])->gender, BC_GENDER_FEMALE);
  /* a third man shares a male voice rather than getting a female one */
  assert_int_equal(voice_of(vs, &s.segments[third_man])->gender, BC_GENDER_MALE);
  /* an unnamed speaker gets some quote voice */
  voice_of(vs, &s.segments[anon]);
  script_done(&s);
  bc_voiceset_free(vs);
}

static void test_assign_per_story_and_explicit(void **state) {
  (void)state;
  bc_voiceset *vs = load_defaults();
  bc_script s = {0};
  bc_segment *g = add(&s, BC_ROLE_QUOTE, "One.", "Ann Lee", BC_GENDER_FEMALE, 1);
  g->voice = strdup("quote-female-2"); /* chosen by the user in an edited script */
  add(&s, BC_ROLE_QUOTE, "Two.", "Ann Lee", BC_GENDER_FEMALE, 1);
  add(&s, BC_ROLE_QUOTE, "Three.", "Bea Ray", BC_GENDER_FEMALE, 1);
  add(&s, BC_ROLE_QUOTE, "Four.", "Cal Fox", BC_GENDER_MALE, 2);
  add(&s, BC_ROLE_QUOTE, "Five.", "Dan Ode", BC_GENDER_MALE, 2);
  assert_int_equal(bc_voiceset_assign(vs, &s), BC_OK);
  assert_string_equal(s.segments[1].voice, "quote-female-2");
  assert_string_equal(s.segments[2].voice, "quote-female-1");
  assert_string_not_equal(s.segments[3].voice, s.segments[4].voice);
  script_done(&s);
  bc_voiceset_free(vs);
}

static void test_assign_without_gendered_voices(void **state) {
  (void)state;
  /* a folder whose only quote voices are one female and one male: a woman
   * still gets the female one even when a man took nothing yet */
  bc_voiceset *vs = NULL;
  assert_int_equal(bc_voiceset_load(VOICES "/good", &vs, NULL), BC_OK);
  bc_script s = {0};
  add(&s, BC_ROLE_QUOTE, "A.", "X", BC_GENDER_FEMALE, 1);
  add(&s, BC_ROLE_QUOTE, "B.", "Y", BC_GENDER_FEMALE, 1);
  add(&s, BC_ROLE_QUOTE, "C.", "Z", BC_GENDER_UNKNOWN, 1);
  assert_int_equal(bc_voiceset_assign(vs, &s), BC_OK);
  assert_string_equal(s.segments[0].voice, "q-f");
  assert_string_equal(s.segments[1].voice, "q-f");
  assert_string_equal(s.segments[2].voice, "q-m"); /* the unused one */
  script_done(&s);
  bc_voiceset_free(vs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_profiles),
      cmocka_unit_test(test_load_fields_and_fallback),
      cmocka_unit_test(test_bad_files_name_file_and_line),
      cmocka_unit_test(test_default_dir_exists),
      cmocka_unit_test(test_assign_speakers),
      cmocka_unit_test(test_assign_per_story_and_explicit),
      cmocka_unit_test(test_assign_without_gendered_voices),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
