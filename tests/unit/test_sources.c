/* sources: local inputs of every kind, recognized by content, in order;
 * one item per article, failures as items with a one-line reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefcast/source.h"
#include "scratch.h"

static char dir[64];

static int setup(void **state) {
  (void)state;
  return scratch_make(dir, sizeof dir, "src");
}

static int teardown(void **state) {
  (void)state;
  return scratch_remove(dir);
}

static char *put(const char *name, const char *text) { return scratch_put(dir, name, text); }

#define PARA "The harbour authority said on Friday that the new ferry line will start in June " \
             "and carry up to four hundred passengers a day between the two islands. "

static void test_feed_by_content_file_urls_and_opml(void **state) {
  char body[4096] = "";
  for (int i = 0; i < 6; i++) strcat(body, "&lt;p&gt;" PARA PARA "&lt;/p&gt;");
  char feed[8192];
  snprintf(feed, sizeof feed,
           "<rss version='2.0'><channel><title>Island News</title><language>en</language>"
           "<item><title>Ferry line opens</title><guid>f1</guid>"
           "<pubDate>Fri, 10 May 2024 09:00:00 GMT</pubDate><description>%s</description></item>"
           "<item><title>Local teaser</title><link>page%%20one.html</link><guid>f2</guid>"
           "<description>short</description></item>"
           "</channel></rss>", body);
  /* a feed whose name says text, and a page with a space in its name */
  char *feed_path = put("notes.txt", feed);
  char *page = put("page one.html", "<html><head><title>Page one</title></head><body><h1>Page one</h1><p>"
                   PARA "</p><p>" PARA "</p></body></html>");
  char opml[512];
  snprintf(opml, sizeof opml, "<opml version='2.0'><body><outline xmlUrl='notes.txt'/></body></opml>");
  char *opml_path = put("list.opml", opml);
  char url[300];
  snprintf(url, sizeof url, "file://%s/page%%20one.html", dir);
  const char *inputs[] = {feed_path, url, "/nonexistent/briefcast-test.html"};
  bc_load_options o = {0};
  bc_item *items = NULL;
  size_t n = 0;
  (void)state;
  o.opml = opml_path;
  assert_int_equal(bc_load_sources(inputs, 3, &o, &items, &n), BC_OK);
  /* feed: 2 entries; page; missing file; OPML -> the feed again: 2 entries */
  assert_int_equal(n, 6);
  assert_int_equal(items[0].rc, BC_OK);
  assert_string_equal(items[0].article->title, "Ferry line opens");
  assert_string_equal(items[0].article->published, "2024-05-10T09:00:00Z");
  assert_string_equal(items[0].article->site, "Island News");
  assert_non_null(strstr(items[0].article->text, "ferry line will start in June"));
  assert_non_null(items[0].feed);
  /* the teaser's relative link was resolved against the feed file and read */
  assert_int_equal(items[1].rc, BC_OK);
  assert_string_equal(items[1].article->title, "Page one");
  assert_int_equal(items[2].rc, BC_OK);
  assert_string_equal(items[2].article->title, "Page one");
  assert_int_equal(items[3].rc, BC_ERR_NOT_FOUND);
  assert_non_null(strstr(items[3].error, "/nonexistent/briefcast-test.html: no such file"));
  assert_null(items[3].article);
  assert_string_equal(items[4].article->title, "Ferry line opens");
  assert_string_equal(items[5].article->title, "Page one");
  bc_items_free(items, n);
  free(feed_path);
  free(page);
  free(opml_path);
}

static void test_not_opml_and_bad_schemes(void **state) {
  char *page = put("plain.txt", "Title line\n\n" PARA "\n");
  const char *inputs[] = {"ftp://example.com/x", "gopher://h/1"};
  bc_load_options o = {0};
  bc_item *items = NULL;
  size_t n = 0;
  (void)state;
  o.opml = page;
  assert_int_equal(bc_load_sources(inputs, 2, &o, &items, &n), BC_OK);
  assert_int_equal(n, 3);
  assert_int_equal(items[0].rc, BC_ERR_UNSUPPORTED);
  assert_int_equal(items[1].rc, BC_ERR_UNSUPPORTED);
  assert_int_equal(items[2].rc, BC_ERR_PARSE);
  assert_non_null(strstr(items[2].error, "not an OPML list"));
  bc_items_free(items, n);
  free(page);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_feed_by_content_file_urls_and_opml),
      cmocka_unit_test(test_not_opml_and_bad_schemes),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
