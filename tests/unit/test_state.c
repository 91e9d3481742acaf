/* state: what one run remembers is there for the next, and two runs
 * writing at once both land without corrupting the file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "briefcast/state.h"

static char dir[64];
static char db[128];

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/bc-state-XXXXXX");
  if (!mkdtemp(dir)) return -1;
  snprintf(db, sizeof db, "%s/sub/folder/state.db", dir); /* folders are created */
  return 0;
}

static int teardown(void **state) {
  char cmd[128];
  (void)state;
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static void test_default_path_follows_xdg(void **state) {
  char *p = NULL;
  (void)state;
  setenv("XDG_STATE_HOME", "/x/state", 1);
  assert_int_equal(bc_state_default_path(&p), BC_OK);
  assert_string_equal(p, "/x/state/briefcast/state.db");
  bc_free(p);
  setenv("XDG_STATE_HOME", "relative/ignored", 1);
  setenv("HOME", "/home/u", 1);
  assert_int_equal(bc_state_default_path(&p), BC_OK);
  assert_string_equal(p, "/home/u/.local/state/briefcast/state.db");
  bc_free(p);
}

static void test_cache_survives_reopen(void **state) {
  bc_state *st = NULL;
  bc_http_cache c = {"\"e1\"", "Mon, 06 May 2024 10:00:00 GMT", "text/html", "http://x/final",
                     "body\0with nul", 13};
  bc_http_cache got;
  (void)state;
  assert_int_equal(bc_state_open(db, &st, NULL), BC_OK);
  assert_int_equal(bc_state_cache_get(st, "http://x/", &got), BC_ERR_NOT_FOUND);
  assert_int_equal(bc_state_cache_put(st, "http://x/", &c), BC_OK);
  bc_state_close(st);
  assert_int_equal(bc_state_open(db, &st, NULL), BC_OK);
  assert_int_equal(bc_state_cache_get(st, "http://x/", &got), BC_OK);
  assert_string_equal(got.etag, "\"e1\"");
  assert_string_equal(got.final_url, "http://x/final");
  assert_int_equal(got.len, 13);
  assert_memory_equal(got.body, "body\0with nul", 13);
  bc_http_cache_clear(&got);
  bc_state_close(st);
}

static void test_entries_keyed_by_id_link_title(void **state) {
  bc_state *st = NULL;
  char *k;
  int seen = -1;
  (void)state;
  k = bc_entry_key("guid-1", "http://l", "T");
  assert_string_equal(k, "id:guid-1");
  bc_free(k);
  k = bc_entry_key("", "http://l", "T");
  assert_string_equal(k, "link:http://l");
  bc_free(k);
  k = bc_entry_key(NULL, NULL, "T");
  assert_string_equal(k, "title:T");
  bc_free(k);
  assert_null(bc_entry_key(NULL, "", NULL));

  assert_int_equal(bc_state_open(db, &st, NULL), BC_OK);
  assert_int_equal(bc_state_entry_seen(st, "id:guid-1", &seen), BC_OK);
  assert_int_equal(seen, 0);
  assert_int_equal(bc_state_entry_mark(st, "id:guid-1", "http://feed", "T", "ep-1"), BC_OK);
  assert_int_equal(bc_state_entry_mark(st, "id:guid-1", NULL, NULL, NULL), BC_OK);
  assert_int_equal(bc_state_entry_seen(st, "id:guid-1", &seen), BC_OK);
  assert_int_equal(seen, 1);
  bc_state_close(st);
}

static void test_rollback_forgets(void **state) {
  bc_state *st = NULL;
  int seen = -1;
  (void)state;
  assert_int_equal(bc_state_open(db, &st, NULL), BC_OK);
  assert_int_equal(bc_state_begin(st), BC_OK);
  assert_int_equal(bc_state_entry_mark(st, "id:gone", NULL, NULL, NULL), BC_OK);
  assert_int_equal(bc_state_rollback(st), BC_OK);
  assert_int_equal(bc_state_entry_seen(st, "id:gone", &seen), BC_OK);
  assert_int_equal(seen, 0);
  bc_state_close(st);
}

static void test_episodes_newest_first(void **state) {
  bc_state *st = NULL;
  bc_episode a = {0}, b = {0}, c = {0}, *list = NULL;
  size_t n = 0;
  (void)state;
  a.guid = "a";
  a.title = "Monday";
  a.published = "2024-05-06T06:00:00Z";
  a.audio_path = "/tmp/a.mp3";
  a.bytes = 1000;
  a.seconds = 61.5;
  b = a;
  b.guid = "b";
  b.title = "Tuesday";
  b.published = "2024-05-07T06:00:00Z";
  c = a;
  c.title = "Monday (again)";
  assert_int_equal(bc_state_open(db, &st, NULL), BC_OK);
  assert_int_equal(bc_state_episode_add(st, &a), BC_OK);
  assert_int_equal(bc_state_episode_add(st, &b), BC_OK);
  assert_int_equal(bc_state_episode_add(st, &c), BC_OK); /* same guid: replaces */
  assert_int_equal(bc_state_episodes_list(st, 0, &list, &n), BC_OK);
  assert_int_equal(n, 2);
  assert_string_equal(list[0].title, "Tuesday");
  assert_string_equal(list[1].title, "Monday (again)");
  assert_true(list[1].seconds > 61.4 && list[1].seconds < 61.6);
  assert_int_equal(list[1].bytes, 1000);
  assert_null(list[1].audio_url);
  bc_episodes_free(list, n);
  assert_int_equal(bc_state_episodes_list(st, 1, &list, &n), BC_OK);
  assert_int_equal(n, 1);
  bc_episodes_free(list, n);
  assert_int_equal(bc_state_episode_remove(st, "a"), BC_OK);
  assert_int_equal(bc_state_episode_remove(st, "a"), BC_ERR_NOT_FOUND);
  bc_state_close(st);
}

/* Two processes mark 300 entries each, one transaction per entry, at the
 * same time: all 600 are there afterwards. */
static void test_two_writers_at_once(void **state) {
  pid_t kids[2];
  bc_state *st = NULL;
  (void)state;
  for (int w = 0; w < 2; w++) {
    kids[w] = fork();
    assert_true(kids[w] >= 0);
    if (kids[w] == 0) {
      bc_state *s = NULL;
      char key[32];
      if (bc_state_open(db, &s, NULL)) _exit(2);
      for (int i = 0; i < 300; i++) {
        snprintf(key, sizeof key, "id:w%d-%d", w, i);
        if (bc_state_begin(s) || bc_state_entry_mark(s, key, NULL, NULL, NULL) ||
            bc_state_commit(s))
          _exit(3);
      }
      bc_state_close(s);
      _exit(0);
    }
  }
  for (int w = 0; w < 2; w++) {
    int status = 0;
    waitpid(kids[w], &status, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
  }
  assert_int_equal(bc_state_open(db, &st, NULL), BC_OK);
  for (int w = 0; w < 2; w++)
    for (int i = 0; i < 300; i += 37) {
      char key[32];
      int seen = 0;
      snprintf(key, sizeof key, "id:w%d-%d", w, i);
      assert_int_equal(bc_state_entry_seen(st, key, &seen), BC_OK);
      assert_int_equal(seen, 1);
    }
  bc_state_close(st);
}

static void test_unwritable_location_is_reported(void **state) {
  bc_state *st = NULL;
  bc_diag d = {{0}};
  (void)state;
  assert_int_equal(bc_state_open("/proc/forbidden/state.db", &st, &d), BC_ERR_STATE);
  assert_null(st);
  assert_non_null(strstr(d.msg, "/proc/forbidden"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_path_follows_xdg),
      cmocka_unit_test(test_cache_survives_reopen),
      cmocka_unit_test(test_entries_keyed_by_id_link_title),
      cmocka_unit_test(test_rollback_forgets),
      cmocka_unit_test(test_episodes_newest_first),
      cmocka_unit_test(test_two_writers_at_once),
      cmocka_unit_test(test_unwritable_location_is_reported),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
