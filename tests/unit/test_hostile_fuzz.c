/* Regressions found by fuzzing (fuzz/, scripts/fuzz.sh): each test replays
 * an input that once crashed, leaked, hung or hit undefined behaviour, and
 * checks the behaviour a user gets instead.  Run under -DBC_SANITIZE=ON they
 * also prove the undefined behaviour is gone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "briefcast/feed.h"
#include "briefcast/script.h"
#include "util.h"

static char *fixture(const char *name, size_t *len) {
  char path[512], *data = NULL;
  snprintf(path, sizeof path, "%s/hostile/%s", BC_TEST_DATA, name);
  assert_int_equal(util_read_file(path, 0, &data, len), BC_OK);
  return data;
}

/* A "date" that is a flood of digits overflowed a long in the date reader
 * (feed.c, signed overflow).  It is not a date: NULL. */
static void test_date_digit_flood(void **state) {
  (void)state;
  assert_null(bc_date_normalize("33333333333333333333333333333333333333"));
  assert_null(bc_date_normalize("Fri, 99999999999999999999 Nov 2026 10:00:00 GMT"));
  /* the fuzzer's input, through the same path it took */
  size_t len;
  char *data = fixture("date-digit-flood.bin", &len);
  char s[257];
  size_t n = len < 256 ? len : 256;
  memcpy(s, data, n);
  s[n] = 0;
  bc_free(bc_date_normalize(s));
  bc_feed *f = NULL;
  (void)bc_feed_parse(data, len, NULL, NULL, &f, NULL);
  bc_feed_free(f);
  free(data);
  /* real dates still read */
  char *d = bc_date_normalize("Fri, 27 Nov 2026 10:00:00 GMT");
  assert_string_equal(d, "2026-11-27T10:00:00Z");
  bc_free(d);
}

/* An RSS item with two permalink <guid>s leaked the first one's link
 * (feed.c, found by fuzz_feed_xml under LeakSanitizer).  The item's link is
 * the last guid, like its id. */
static void test_rss_item_with_two_guids(void **state) {
  (void)state;
  static const char rss[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
      "<title>T</title><link>https://example.org/</link>"
      "<item><title>One</title><guid>https://example.org/a</guid>"
      "<guid>https://example.org/b</guid></item></channel></rss>";
  bc_feed *f = NULL;
  assert_int_equal(bc_feed_parse(rss, sizeof rss - 1, NULL, NULL, &f, NULL), BC_OK);
  assert_int_equal(f->n_entries, 1);
  assert_string_equal(f->entries[0].id, "https://example.org/b");
  assert_string_equal(f->entries[0].link, "https://example.org/b");
  bc_feed_free(f);
}

/* A script line holding only "\\" (an escaped empty line) added a space to
 * the segment's text, so a script written back and read again changed
 * ("Hello " then "Hello"): found by fuzz_script's round-trip check. */
static void test_script_escaped_empty_line(void **state) {
  (void)state;
  static const char text[] = "[intro]\nHello\n\\\n\n[outro]\n\\\nBye\n";
  bc_script *s = NULL, *s2 = NULL;
  bc_diag d = {{0}};
  assert_int_equal(bc_script_parse(text, sizeof text - 1, &s, &d), BC_OK);
  assert_int_equal(s->n_segments, 2);
  assert_string_equal(s->segments[0].text, "Hello");
  assert_string_equal(s->segments[1].text, "Bye");
  char *t1 = NULL, *t2 = NULL;
  assert_int_equal(bc_script_format(s, &t1), BC_OK);
  assert_int_equal(bc_script_parse(t1, strlen(t1), &s2, &d), BC_OK);
  assert_int_equal(bc_script_format(s2, &t2), BC_OK);
  assert_string_equal(t1, t2);
  bc_free(t1);
  bc_free(t2);
  bc_script_free(s);
  bc_script_free(s2);
  /* a segment whose text is empty ("\\" alone), or starts with a blank
   * ("\\  x"), is written so that it reads back the same */
  static const char odd[] = "[intro]\n\\\n[outro]\n\\  spaced out\n";
  assert_int_equal(bc_script_parse(odd, sizeof odd - 1, &s, &d), BC_OK);
  assert_string_equal(s->segments[0].text, "");
  assert_string_equal(s->segments[1].text, "  spaced out");
  assert_int_equal(bc_script_format(s, &t1), BC_OK);
  assert_int_equal(bc_script_parse(t1, strlen(t1), &s2, &d), BC_OK);
  assert_string_equal(s2->segments[0].text, "");
  assert_string_equal(s2->segments[1].text, "  spaced out");
  bc_free(t1);
  bc_script_free(s);
  bc_script_free(s2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_date_digit_flood),
      cmocka_unit_test(test_rss_item_with_two_guids),
      cmocka_unit_test(test_script_escaped_empty_line),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
