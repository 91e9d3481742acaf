/* The script: what a briefing says, in which role, and the editable text
 * format a user changes before `briefcast speak`. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/briefcast.h"

/* A hand-made story: one lead sentence and two quotes. */
typedef struct fixture {
  bc_article article;
  bc_story story;
  bc_quote quotes[2];
  bc_summary_item items[3];
} fixture;

static void make_story(fixture *f, const char *lang) {
  memset(f, 0, sizeof *f);
  f->article.title = "Rand Paul, in Moscow, invites Russian lawmakers to Washington";
  f->article.source = "seed.txt";
  f->article.language = (char *)lang;
  f->article.text = "x";
  f->quotes[0].speaker = "Rand Paul";
  f->quotes[0].attribution = "Paul, a Kentucky Republican, said";
  f->quotes[0].gender = BC_GENDER_MALE;
  f->quotes[1].speaker = "Leonid Slutsky";
  f->quotes[1].attribution = "Slutsky said";
  f->quotes[1].gender = BC_GENDER_MALE;
  f->items[0] = (bc_summary_item){BC_SUMMARY_LEAD, 0,
                                  "Sen. Rand Paul on Monday invited Russian lawmakers to Washington."};
  f->items[1] = (bc_summary_item){BC_SUMMARY_QUOTE, 0, "We agreed and we invited members."};
  f->items[2] = (bc_summary_item){BC_SUMMARY_QUOTE, 1, "We are interested in non-proliferation."};
  f->story.article = &f->article;
  f->story.quotes = f->quotes;
  f->story.n_quotes = 2;
  f->story.summary = f->items;
  f->story.n_summary = 3;
}

/* The library's own estimate/trim work on real stories; these fixtures are
 * built by hand, so give the script builder what it needs from them. */
static size_t find(const bc_script *s, bc_role role, const char *needle) {
  size_t i;
  for (i = 0; i < s->n_segments; i++)
    if (s->segments[i].role == role && s->segments[i].text &&
        strstr(s->segments[i].text, needle))
      return i;
  return (size_t)-1;
}

static void briefing_has_intro_headline_attribution_quote_outro(void **state) {
  fixture f;
  bc_story *stories[1];
  bc_script_options o = {0};
  bc_script *s = NULL;
  size_t intro, head, lead, attr, quote, outro;
  (void)state;
  make_story(&f, "en");
  stories[0] = &f.story;
  o.date = "2026-11-27";
  assert_int_equal(bc_script_build(stories, 1, &o, &s), BC_OK);
  intro = find(s, BC_ROLE_INTRO, "Friday, November 27, 2026");
  head = find(s, BC_ROLE_HEADLINE, "invites Russian lawmakers");
  lead = find(s, BC_ROLE_NARRATOR, "on Monday invited");
  attr = find(s, BC_ROLE_NARRATOR, "Paul, a Kentucky Republican, said:");
  quote = find(s, BC_ROLE_QUOTE, "We agreed");
  outro = find(s, BC_ROLE_OUTRO, "");
  assert_true(intro < head && head < lead && lead < attr && attr + 1 == quote && quote < outro);
  assert_true(find(s, BC_ROLE_INTRO, "One story") != (size_t)-1);
  assert_string_equal(s->segments[quote].speaker, "Rand Paul");
  assert_int_equal(s->segments[quote].gender, BC_GENDER_MALE);
  assert_true(s->segments[head].pause_ms >= 500);
  assert_string_equal(s->segments[head].story_title, f.article.title);
  assert_int_equal(s->segments[quote].story, 1);
  bc_script_free(s);
}

static void german_story_uses_german_phrases(void **state) {
  fixture f;
  bc_story *stories[1];
  bc_script_options o = {0};
  bc_script *s = NULL;
  (void)state;
  make_story(&f, "de-DE");
  stories[0] = &f.story;
  o.date = "2026-11-27";
  assert_int_equal(bc_script_build(stories, 1, &o, &s), BC_OK);
  assert_true(find(s, BC_ROLE_INTRO, "Freitag, 27. November 2026") != (size_t)-1);
  assert_true(find(s, BC_ROLE_NARRATOR, "Paul sagte:") != (size_t)-1);
  assert_string_equal(s->lang, "de-DE");
  bc_script_free(s);
}

static void format_then_parse_gives_the_same_script(void **state) {
  fixture f;
  bc_story *stories[1];
  bc_script_options o = {0};
  bc_script *s = NULL, *back = NULL;
  char *text = NULL, *again = NULL;
  size_t i;
  (void)state;
  make_story(&f, "en");
  stories[0] = &f.story;
  o.date = "2026-11-27";
  o.title = "Morning \"news\"";
  assert_int_equal(bc_script_build(stories, 1, &o, &s), BC_OK);
  bc_script_add(s, BC_ROLE_PAUSE, NULL, NULL, BC_GENDER_UNKNOWN, 800, 0);
  bc_script_add(s, BC_ROLE_NARRATOR, "#hashtag [not a header]", NULL, BC_GENDER_UNKNOWN, 0, 0);
  assert_int_equal(bc_script_format(s, &text), BC_OK);
  assert_int_equal(bc_script_parse(text, strlen(text), &back, NULL), BC_OK);
  assert_int_equal(back->n_segments, s->n_segments);
  assert_string_equal(back->title, "Morning \"news\"");
  for (i = 0; i < s->n_segments; i++) {
    assert_int_equal(back->segments[i].role, s->segments[i].role);
    assert_int_equal(back->segments[i].pause_ms, s->segments[i].pause_ms);
    if (s->segments[i].text) assert_string_equal(back->segments[i].text, s->segments[i].text);
  }
  assert_int_equal(bc_script_format(back, &again), BC_OK);
  assert_string_equal(text, again);
  bc_free(text);
  bc_free(again);
  bc_script_free(s);
  bc_script_free(back);
}

static void hand_edits_are_read(void **state) {
  const char *text = "# my edit\n"
                     "[narrator]\nThe Senate met\non Monday.\n\n"
                     "[quote speaker=\"Ann Lee\" gender=female pause=300]\nWe will vote.\n"
                     "[pause 1500]\n";
  bc_script *s = NULL;
  (void)state;
  assert_int_equal(bc_script_parse(text, strlen(text), &s, NULL), BC_OK);
  assert_int_equal(s->n_segments, 3);
  assert_string_equal(s->segments[0].text, "The Senate met on Monday.");
  assert_string_equal(s->segments[1].speaker, "Ann Lee");
  assert_int_equal(s->segments[1].gender, BC_GENDER_FEMALE);
  assert_int_equal(s->segments[1].pause_ms, 300);
  assert_int_equal(s->segments[2].role, BC_ROLE_PAUSE);
  assert_int_equal(s->segments[2].pause_ms, 1500);
  bc_script_free(s);
}

static void errors_name_the_line(void **state) {
  static const struct { const char *text, *msg; } cases[] = {
      {"[narator]\nHello.\n", "line 1: unknown role 'narator'"},
      {"[narrator]\nHi.\n[quote speaker=\"Ann]\nX\n", "line 3: unterminated"},
      {"Hello.\n", "line 1: text outside a segment"},
      {"[narrator pause=soon]\nHi.\n", "line 1: bad attribute pause=soon"},
      {"[narrator]\n\n[quote]\nfine\n", "segment 1 (narrator) has no text"},
      {"# nothing\n", "no segments"},
      {"[narrator\nHi.\n", "line 1: header has no closing ']'"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    bc_diag d = {{0}};
    bc_script *s = NULL;
    assert_int_not_equal(bc_script_parse(cases[i].text, strlen(cases[i].text), &s, &d), BC_OK);
    assert_null(s);
    if (!strstr(d.msg, cases[i].msg)) fail_msg("case %zu: got '%s'", i, d.msg);
  }
}

static void binary_script_is_refused(void **state) {
  const char bytes[] = "[narrator]\nabc\0def\n";
  bc_script *s = NULL;
  bc_diag d = {{0}};
  (void)state;
  assert_int_equal(bc_script_parse(bytes, sizeof bytes - 1, &s, &d), BC_ERR_BINARY);
  assert_null(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(briefing_has_intro_headline_attribution_quote_outro),
      cmocka_unit_test(german_story_uses_german_phrases),
      cmocka_unit_test(format_then_parse_gives_the_same_script),
      cmocka_unit_test(hand_edits_are_read),
      cmocka_unit_test(errors_name_the_line),
      cmocka_unit_test(binary_script_is_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
