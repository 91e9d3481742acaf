/* The news sentence splitter: where a listener hears a sentence end, and
 * which dateline words are never read into the lead. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/briefcast.h"
#include "story_impl.h"
#include "util.h"

/* Split one paragraph; returns the sentences as strings in *out. */
static size_t split(const char *text, char ***out) {
  bc_block b = {BC_BLOCK_PARAGRAPH, 0, strlen(text)};
  bc_sentence *s = NULL;
  size_t n = 0;
  sentence_split(text, &b, 1, &s, &n);
  *out = xcalloc(n + 1, sizeof **out);
  for (size_t i = 0; i < n; i++) (*out)[i] = xstrndup(text + s[i].start, s[i].end - s[i].start);
  free(s);
  return n;
}

static void free_split(char **v) {
  for (char **p = v; *p; p++) free(*p);
  free(v);
}

static void expect(const char *text, size_t n_expected, const char *first) {
  char **v;
  size_t n = split(text, &v);
  if (n != n_expected) fail_msg("\"%s\": %zu sentences, expected %zu", text, n, n_expected);
  if (first) assert_string_equal(v[0], first);
  free_split(v);
}

static void test_titles_and_abbreviations(void **state) {
  (void)state;
  expect("Sen. Rand Paul met Gov. Jerry Brown and Rep. Ann Lee. They talked.", 2,
         "Sen. Rand Paul met Gov. Jerry Brown and Rep. Ann Lee.");
  expect("Dr. Ruth Ames of St. Louis climbed Mt. Hood on Jan. 5 with Mr. Cole. It snowed.", 2, NULL);
  expect("He is ranked No. 3 in the world. Fans cheered.", 2, "He is ranked No. 3 in the world.");
  expect("Martin Luther King Jr. was born in Atlanta. He was a pastor.", 2, NULL);
  expect("The meeting began at 10 a.m. Tuesday and ended at 2 p.m. with a vote.", 1, NULL);
  expect("The U.S. economy grew. Officials in the U.S. Treasury were pleased.", 2, NULL);
}

static void test_abbreviation_at_sentence_end(void **state) {
  (void)state;
  expect("She works for Acme Inc. The company makes anvils.", 2, "She works for Acme Inc.");
  expect("The talks ended at 5 p.m. The next round is Monday.", 2, "The talks ended at 5 p.m.");
  expect("Troops returned to the U.S. They landed in Texas.", 2, "Troops returned to the U.S.");
}

static void test_initials_and_decimals(void **state) {
  (void)state;
  expect("John F. Kennedy and J.K. Rowling never met. That is certain.", 2, NULL);
  expect("Prices rose 2.5 percent in May. Wages rose 3.1 percent.", 2, "Prices rose 2.5 percent in May.");
}

static void test_ellipses(void **state) {
  (void)state;
  expect("He paused... Then he spoke again.", 2, "He paused...");
  expect("It was ... fine, he said.", 1, NULL);
  expect("She waited\xE2\x80\xA6 Nobody came.", 2, NULL);
}

static void test_sentences_ending_inside_quotes(void **state) {
  (void)state;
  expect("\"We won.\" The crowd cheered.", 2, "\"We won.\"");
  expect("\xE2\x80\x9C" "Did we win?\xE2\x80\x9D she asked. Nobody answered.", 2,
         "\xE2\x80\x9C" "Did we win?\xE2\x80\x9D she asked.");
  /* an attribution after a quote that ends with its own mark stays with it */
  expect("\"How many times must we see this?\" Clinton said. \"It is unbearable.\"", 2,
         "\"How many times must we see this?\" Clinton said.");
}

static void test_datelines(void **state) {
  (void)state;
  struct {
    const char *text, *lead;
  } cases[] = {
      {"WASHINGTON \xE2\x80\x94 The Senate voted on Tuesday.", "The Senate voted on Tuesday."},
      {"MOSCOW (CNN) \xE2\x80\x94 Talks began on Monday.", "Talks began on Monday."},
      {"Moscow (CNN)Sen. Rand Paul on Monday invited Russian lawmakers.",
       "Sen. Rand Paul on Monday invited Russian lawmakers."},
      {"LONDON, England (Reuters) - Markets fell sharply.", "Markets fell sharply."},
      {"NEW YORK -- Stocks rose.", "Stocks rose."},
      {"LOS ANGELES, Calif. \xE2\x80\x94 Fires spread.", "Fires spread."},
      /* not datelines */
      {"The President (CNN reported) spoke.", "The President (CNN reported) spoke."},
      {"NASA launched a rocket.", "NASA launched a rocket."},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const char *t = cases[i].text;
    size_t k = sentence_skip_dateline(t, 0, strlen(t));
    assert_string_equal(t + k, cases[i].lead);
  }
}

static void test_blocks_are_never_crossed(void **state) {
  (void)state;
  const char *t = "First paragraph without a stop\n\nSecond one.";
  bc_block b[2] = {{BC_BLOCK_PARAGRAPH, 0, 30}, {BC_BLOCK_PARAGRAPH, 32, strlen(t)}};
  bc_sentence *s = NULL;
  size_t n = 0;
  sentence_split(t, b, 2, &s, &n);
  assert_int_equal(n, 2);
  assert_int_equal(s[0].end, 30);
  assert_int_equal(s[1].block, 1);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_titles_and_abbreviations),
      cmocka_unit_test(test_abbreviation_at_sentence_end),
      cmocka_unit_test(test_initials_and_decimals),
      cmocka_unit_test(test_ellipses),
      cmocka_unit_test(test_sentences_ending_inside_quotes),
      cmocka_unit_test(test_datelines),
      cmocka_unit_test(test_blocks_are_never_crossed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
