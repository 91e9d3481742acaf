/* daily: the documented config file reads as documented, mistakes name
 * file:line, and the choice of entries is newest first, balanced across
 * feeds, without what was used before. */
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
  return scratch_make(dir, sizeof dir, "daily");
}

static int teardown(void **state) {
  (void)state;
  return scratch_remove(dir);
}

static char *write_file(const char *name, const char *text) { return scratch_put(dir, name, text); }

static void test_example_config_reads_as_documented(void **state) {
  bc_daily_config *c = NULL;
  bc_diag d = {{0}};
  (void)state;
  assert_int_equal(bc_daily_config_load(BC_SOURCE_DIR "/doc/config.example", &c, &d), BC_OK);
  assert_int_equal(c->n_feeds, 2);
  assert_string_equal(c->feeds[0], "https://www.example.com/news/rss.xml");
  assert_int_equal(c->stories, 8);
  assert_true(c->max_minutes == 15);
  assert_true(c->max_age_days == 3);
  assert_string_equal(c->title, "Morning briefing");
  assert_string_equal(c->format, "mp3");
  assert_string_equal(c->output_dir, BC_SOURCE_DIR "/doc/episodes"); /* relative to the file */
  assert_int_equal(c->podcast, 0);
  assert_string_equal(c->podcast_title, "My morning briefing");
  assert_int_equal(c->podcast_keep, 30);
  bc_daily_config_free(c);
}

static void test_config_mistakes_name_the_line(void **state) {
  bc_daily_config *c = NULL;
  bc_diag d = {{0}};
  char *p;
  (void)state;
  p = write_file("typo.conf", "feed = http://a.example/rss\n\nstroies = 3\n");
  assert_int_equal(bc_daily_config_load(p, &c, &d), BC_ERR_PARSE);
  assert_non_null(strstr(d.msg, "typo.conf:3: unknown key 'stroies'"));
  free(p);
  p = write_file("bad.conf", "feed = http://a.example/rss\nstories = many\n");
  assert_int_equal(bc_daily_config_load(p, &c, &d), BC_ERR_PARSE);
  assert_non_null(strstr(d.msg, "bad.conf:2: bad value 'many' for stories"));
  free(p);
  p = write_file("empty.conf", "# nothing\n");
  assert_int_equal(bc_daily_config_load(p, &c, &d), BC_ERR_PARSE);
  assert_non_null(strstr(d.msg, "names no feed"));
  assert_null(c);
  free(p);
}

static const char *busy_feed =
    "<rss><channel><title>Busy</title>"
    "<item><title>B1</title><guid>b1</guid><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item>"
    "<item><title>B2</title><guid>b2</guid><pubDate>Mon, 06 May 2024 09:00:00 GMT</pubDate></item>"
    "<item><title>B3</title><guid>b3</guid><pubDate>Mon, 06 May 2024 08:00:00 GMT</pubDate></item>"
    "<item><title>B4</title><guid>b4</guid><pubDate>Mon, 06 May 2024 07:00:00 GMT</pubDate></item>"
    "</channel></rss>";
static const char *quiet_feed =
    "<feed xmlns='http://www.w3.org/2005/Atom'><title>Quiet</title>"
    "<entry><title>Q1</title><id>q1</id><updated>2024-05-05T12:00:00Z</updated></entry>"
    "<entry><title>Q2</title><id>q2</id><updated>2024-05-01T12:00:00Z</updated></entry>"
    "</feed>";

static void titles(const bc_daily_run *r, char *out, size_t n) {
  out[0] = '\0';
  for (size_t i = 0; i < r->n_picks; i++) {
    strncat(out, r->picks[i].entry->title, n - strlen(out) - 1);
    if (i + 1 < r->n_picks) strncat(out, " ", n - strlen(out) - 1);
  }
}

static void test_newest_first_balanced_and_remembered(void **state) {
  char *busy = write_file("busy.xml", busy_feed), *quiet = write_file("quiet.xml", quiet_feed);
  char conf_text[1024], got[256], db[128];
  bc_daily_config *c = NULL;
  bc_daily_run *r = NULL;
  bc_state *st = NULL;
  long long now = 1715000000; /* 2024-05-06T12:53:20Z */
  (void)state;
  snprintf(conf_text, sizeof conf_text, "feed = busy.xml\nfeed = %s\nstories = 4\nmax_age_days = 0\n",
           quiet);
  char *conf = write_file("d.conf", conf_text);
  snprintf(db, sizeof db, "%s/state.db", dir);
  assert_int_equal(bc_state_open(db, &st, NULL), BC_OK);
  assert_int_equal(bc_daily_config_load(conf, &c, NULL), BC_OK);

  /* Busy has the four newest entries, yet Quiet gets as many in: each
   * feed gives its newest before any gives its next. */
  assert_int_equal(bc_daily_collect(c, st, now, NULL, NULL, &r), BC_OK);
  assert_int_equal(r->n_errors, 0);
  titles(r, got, sizeof got);
  assert_string_equal(got, "B1 B2 Q1 Q2");
  assert_int_equal(bc_daily_record(st, r, NULL, "ep1", NULL), BC_OK);
  bc_daily_run_free(r);

  /* Next time: only what is left. */
  assert_int_equal(bc_daily_collect(c, st, now, NULL, NULL, &r), BC_OK);
  titles(r, got, sizeof got);
  assert_string_equal(got, "B3 B4");
  int used[2] = {1, 0}; /* say B4 did not fit in the episode */
  assert_int_equal(bc_daily_record(st, r, used, "ep2", NULL), BC_OK);
  bc_daily_run_free(r);
  assert_int_equal(bc_daily_collect(c, st, now, NULL, NULL, &r), BC_OK);
  titles(r, got, sizeof got);
  assert_string_equal(got, "B4");
  assert_int_equal(bc_daily_record(st, r, NULL, "ep3", NULL), BC_OK);
  bc_daily_run_free(r);

  /* Nothing new. */
  assert_int_equal(bc_daily_collect(c, st, now, NULL, NULL, &r), BC_OK);
  assert_int_equal(r->n_picks, 0);
  assert_int_equal(r->n_entries, 6);
  bc_daily_run_free(r);
  bc_daily_config_free(c);
  bc_state_close(st);
  free(busy);
  free(quiet);
  free(conf);
}

static void test_old_entries_and_missing_feeds(void **state) {
  char *busy = write_file("busy2.xml", busy_feed);
  bc_daily_config *c = NULL;
  bc_daily_run *r = NULL;
  char got[256];
  long long now = 1715000000; /* 2024-05-06T12:53:20Z */
  (void)state;
  char *conf = write_file("e.conf", "feed = busy2.xml\nfeed = nowhere.xml\nmax_age_days = 0.125\n");
  assert_int_equal(bc_daily_config_load(conf, &c, NULL), BC_OK);
  assert_int_equal(bc_daily_collect(c, NULL, now, NULL, NULL, &r), BC_OK);
  titles(r, got, sizeof got);
  assert_string_equal(got, "B1"); /* 3 hours back from 12:53: only 10:00 */
  assert_int_equal(r->n_errors, 1);
  assert_non_null(strstr(r->errors[0].error, "nowhere.xml: no such file"));
  bc_daily_run_free(r);
  bc_daily_config_free(c);
  free(busy);
  free(conf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_example_config_reads_as_documented),
      cmocka_unit_test(test_config_mistakes_name_the_line),
      cmocka_unit_test(test_newest_first_balanced_and_remembered),
      cmocka_unit_test(test_old_entries_and_missing_feeds),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
