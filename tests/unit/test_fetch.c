/* fetch: every fault the test server can produce gives its documented
 * error or recovery, and the good URLs in the same batch still arrive. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "briefcast/fetch.h"
#include "test_fetch_server.h"

static int setup(void **state) {
  (void)state;
  return test_server_start();
}

static int teardown(void **state) {
  (void)state;
  test_server_stop();
  return 0;
}

static void test_page_arrives_with_user_agent(void **state) {
  bc_response r;
  (void)state;
  assert_int_equal(bc_fetch(srv("/article/1"), NULL, &r), BC_OK);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "Story 1: the river bridge"));
  assert_non_null(strstr(r.content_type, "text/html"));
  assert_true(server_logged("GET /article/1 200", "ua=briefcast/"));
  bc_response_clear(&r);
}

static void test_faults_each_get_their_error(void **state) {
  const char *urls[] = {srv("/hang"),        srv("/reset"),      srv("/endless"),
                        srv("/loop/a"),      srv("/to-file"),    srv("/to-ftp"),
                        srv("/missing"),     srv("/flaky/x"),    srv("/bomb"),
                        srv("/article/2"),   srv("/busy/x"),     "ftp://127.0.0.1/file"};
  enum { HANG, RESET, ENDLESS, LOOP, TOFILE, TOFTP, MISSING, FLAKY, BOMB, GOOD, BUSY, FTP, N };
  bc_fetch_options o = {0};
  bc_response *r = NULL;
  (void)state;
  o.timeout_seconds = 2;
  o.max_bytes = 4 * 1024 * 1024;
  assert_int_equal(bc_fetch_many(urls, N, &o, &r), BC_OK);

  assert_int_equal(r[HANG].rc, BC_ERR_TIMEOUT);
  assert_int_equal(r[HANG].attempts, 2); /* a timeout is retried once */
  assert_int_equal(r[RESET].rc, BC_ERR_FETCH);
  assert_int_equal(r[ENDLESS].rc, BC_ERR_TOO_LARGE);
  assert_int_equal(r[LOOP].rc, BC_ERR_FETCH);
  assert_non_null(strstr(r[LOOP].error, "redirect"));
  assert_int_equal(r[TOFILE].rc, BC_ERR_UNSUPPORTED);
  assert_non_null(strstr(r[TOFILE].error, "redirected"));
  assert_int_equal(r[TOFTP].rc, BC_ERR_UNSUPPORTED);
  assert_int_equal(r[MISSING].rc, BC_ERR_HTTP);
  assert_int_equal(r[MISSING].status, 404);
  assert_string_equal(r[MISSING].error, "HTTP 404");
  assert_int_equal(r[MISSING].attempts, 1); /* a 404 is not retried */
  assert_int_equal(r[FLAKY].rc, BC_OK);
  assert_int_equal(r[FLAKY].attempts, 2);
  assert_int_equal(r[BOMB].rc, BC_ERR_TOO_LARGE);
  assert_int_equal(r[GOOD].rc, BC_OK);
  assert_non_null(strstr(r[GOOD].body, "Story 2"));
  assert_int_equal(r[BUSY].rc, BC_OK);
  assert_int_equal(r[BUSY].attempts, 2);
  assert_int_equal(r[FTP].rc, BC_ERR_UNSUPPORTED);
  for (int i = 0; i < N; i++)
    if (r[i].rc) assert_non_null(r[i].error);
  /* /reset is retried (a dropped connection), then reported */
  assert_int_equal(r[RESET].attempts, 3);
  bc_responses_free(r, N);
}

static void test_gzip_bomb_stops_at_default_limit(void **state) {
  bc_response r;
  (void)state;
  /* 30 MB decompressed from ~30 KB on the wire: over the 20 MB default. */
  assert_int_equal(bc_fetch(srv("/bomb"), NULL, &r), BC_ERR_TOO_LARGE);
  assert_null(r.body);
  bc_response_clear(&r);
}

static void test_retries_can_be_turned_off(void **state) {
  bc_fetch_options o = {0};
  bc_response r;
  (void)state;
  o.retries = -1;
  assert_int_equal(bc_fetch(srv("/flaky/off"), &o, &r), BC_ERR_HTTP);
  assert_int_equal(r.status, 500);
  assert_int_equal(r.attempts, 1);
  bc_response_clear(&r);
}

static void test_long_retry_after_and_refused_connection(void **state) {
  const char *urls[] = {srv("/busy-long"), "http://127.0.0.1:1/nothing-listens-here"};
  bc_response *r = NULL;
  (void)state;
  assert_int_equal(bc_fetch_many(urls, 2, NULL, &r), BC_OK);
  /* a day's wait is not honoured: the source fails at once, saying why */
  assert_int_equal(r[0].rc, BC_ERR_HTTP);
  assert_int_equal(r[0].attempts, 1);
  assert_non_null(strstr(r[0].error, "server asked to retry after 86400 s"));
  assert_int_equal(r[1].rc, BC_ERR_FETCH);
  assert_int_equal(r[1].attempts, 1);
  bc_responses_free(r, 2);
}

static void test_conditional_request_reuses_cache(void **state) {
  char path[128];
  bc_state *st = NULL;
  bc_fetch_options o = {0};
  bc_response a, b;
  (void)state;
  snprintf(path, sizeof path, "%s/state.db", test_server_dir);
  assert_int_equal(bc_state_open(path, &st, NULL), BC_OK);
  o.state = st;
  assert_int_equal(bc_fetch(srv("/etag"), &o, &a), BC_OK);
  assert_int_equal(a.not_modified, 0);
  assert_int_equal(bc_fetch(srv("/etag"), &o, &b), BC_OK);
  assert_int_equal(b.status, 304);
  assert_int_equal(b.not_modified, 1);
  assert_int_equal(a.len, b.len);
  assert_memory_equal(a.body, b.body, a.len);
  assert_true(server_logged("GET /etag 304", "inm=\"v1\""));
  bc_response_clear(&a);
  bc_response_clear(&b);
  bc_state_close(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_page_arrives_with_user_agent),
      cmocka_unit_test(test_faults_each_get_their_error),
      cmocka_unit_test(test_gzip_bomb_stops_at_default_limit),
      cmocka_unit_test(test_retries_can_be_turned_off),
      cmocka_unit_test(test_long_retry_after_and_refused_connection),
      cmocka_unit_test(test_conditional_request_reuses_cache),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
