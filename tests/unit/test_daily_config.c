/* daily config: inputs the config fuzzer (fuzz/fuzz_config.c) showed the
 * reader took without complaint although they break what
 * doc/config.example promises.  Each must now be an error naming
 * file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefcast/daily.h"
#include "scratch.h"

static char dir[64];

static int setup(void **state) {
  (void)state;
  return scratch_make(dir, sizeof dir, "daily-config");
}

static int teardown(void **state) {
  (void)state;
  return scratch_remove(dir);
}

static char *put_bytes(const char *name, const char *bytes, size_t n) {
  return scratch_put_bytes(dir, name, bytes, n);
}

/* "rate = nan" passed the 80-450 range check (every comparison with NaN is
 * false) and the tool then converted NaN to an int: undefined behaviour. */
static void test_not_a_number_is_a_bad_value(void **state) {
  static const char *const lines[] = {
      "rate = nan\n", "rate = NAN\n", "max_minutes = nan\n", "max_age_days = -nan\n",
      "max_minutes = nan(1)\n",
  };
  (void)state;
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    char text[128];
    bc_daily_config *c = NULL;
    bc_diag d = {{0}};
    int n = snprintf(text, sizeof text, "feed = http://a.example/rss\n%s", lines[i]);
    char *p = put_bytes("nan.conf", text, (size_t)n);
    assert_int_equal(bc_daily_config_load(p, &c, &d), BC_ERR_PARSE);
    assert_null(c);
    assert_non_null(strstr(d.msg, "nan.conf:2: bad value"));
    free(p);
  }
}

/* The infinities and the range ends still behave as documented. */
static void test_number_ranges_hold(void **state) {
  bc_daily_config *c = NULL;
  bc_diag d = {{0}};
  char *p;
  static const char ok[] = "feed = http://a.example/rss\nrate = 450\nmax_minutes = 0.5\n"
                           "max_age_days = 0\n";
  (void)state;
  p = put_bytes("ends.conf", ok, sizeof ok - 1);
  assert_int_equal(bc_daily_config_load(p, &c, &d), BC_OK);
  assert_true(c->rate == 450 && c->max_minutes == 0.5 && c->max_age_days == 0);
  bc_daily_config_free(c);
  free(p);
  static const char inf[] = "feed = http://a.example/rss\nmax_age_days = inf\n";
  p = put_bytes("inf.conf", inf, sizeof inf - 1);
  c = NULL;
  assert_int_equal(bc_daily_config_load(p, &c, &d), BC_ERR_PARSE);
  assert_non_null(strstr(d.msg, "inf.conf:2: bad value 'inf' for max_age_days"));
  free(p);
}

/* A NUL byte ended the reading silently: the lines after it, mistakes
 * included, were ignored and the config loaded. */
static void test_nul_byte_is_an_error_not_the_end(void **state) {
  static const char text[] = "feed = http://a.example/rss\n# note\0x\nstories = 500\n";
  bc_daily_config *c = NULL;
  bc_diag d = {{0}};
  char *p;
  (void)state;
  p = put_bytes("nul.conf", text, sizeof text - 1);
  assert_int_equal(bc_daily_config_load(p, &c, &d), BC_ERR_PARSE);
  assert_null(c);
  assert_non_null(strstr(d.msg, "nul.conf:2: "));
  assert_non_null(strstr(d.msg, "NUL"));
  free(p);
  /* Even as the very last byte. */
  static const char last[] = "feed = http://a.example/rss\n\0";
  p = put_bytes("nul-last.conf", last, sizeof last - 1);
  assert_int_equal(bc_daily_config_load(p, &c, &d), BC_ERR_PARSE);
  assert_non_null(strstr(d.msg, "nul-last.conf:2: "));
  free(p);
}

/* Found with the fuzzer, behaviour rather than crashes: a byte order mark
 * made the first key unknown; "~/" was taken as a folder named "~"; an
 * empty path silently meant the config's folder. */
static void test_bom_home_and_empty_paths(void **state) {
  bc_daily_config *c = NULL;
  bc_diag d = {{0}};
  static const char bom[] = "\xef\xbb\xbf" "feed = http://a.example/rss\n"
                            "output_dir = ~/episodes\n"
                            "state = ~\n"
                            "voices = v\n";
  char *p = put_bytes("bom.conf", bom, sizeof bom - 1), want[600];
  (void)state;
  setenv("HOME", "/home/listener", 1);
  assert_int_equal(bc_daily_config_load(p, &c, &d), BC_OK);
  assert_string_equal(c->feeds[0], "http://a.example/rss");
  assert_string_equal(c->output_dir, "/home/listener/episodes");
  assert_string_equal(c->state, "/home/listener");
  snprintf(want, sizeof want, "%s/v", dir);
  assert_string_equal(c->voices, want);
  bc_daily_config_free(c);
  free(p);
  static const char *const keys[] = {"opml", "output_dir", "state", "voices"};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    char text[128];
    int n = snprintf(text, sizeof text, "feed = http://a.example/rss\n%s =\n", keys[i]);
    c = NULL;
    p = put_bytes("empty.conf", text, (size_t)n);
    assert_int_equal(bc_daily_config_load(p, &c, &d), BC_ERR_PARSE);
    assert_null(c);
    assert_non_null(strstr(d.msg, "empty.conf:2: bad value"));
    free(p);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_not_a_number_is_a_bad_value),
      cmocka_unit_test(test_number_ranges_hold),
      cmocka_unit_test(test_nul_byte_is_an_error_not_the_end),
      cmocka_unit_test(test_bom_home_and_empty_paths),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
