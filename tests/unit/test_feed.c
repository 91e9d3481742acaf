/* feed: each supported format reads into the same entries a reader would
 * see: absolute links, UTC dates, decoded text; OPML lists give feed URLs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "briefcast/feed.h"
#include "util.h"

static bc_feed *load(const char *name, const char *url) {
  char path[512], *data = NULL;
  size_t len = 0;
  bc_feed *f = NULL;
  bc_diag diag = {{0}};
  snprintf(path, sizeof path, "%s/feeds/%s", BC_TEST_DATA, name);
  assert_int_equal(util_read_file(path, 0, &data, &len), BC_OK);
  assert_int_equal(bc_doc_sniff(data, len), BC_DOC_FEED);
  assert_int_equal(bc_feed_parse(data, len, url, NULL, &f, &diag), BC_OK);
  free(data);
  return f;
}

static void test_rss2_entities_cdata_namespaces_and_base(void **state) {
  bc_feed *f = load("rss2.xml", NULL);
  (void)state;
  assert_string_equal(f->format, "rss");
  assert_string_equal(f->title, "Example News & Views"); /* &nbsp; squashed to a space */
  assert_string_equal(f->language, "en-us");
  assert_string_equal(f->updated, "2024-05-07T07:30:00Z"); /* +0200 -> UTC */
  assert_int_equal(f->n_entries, 3);
  bc_feed_entry *e = &f->entries[0];
  assert_string_equal(e->title, "Caf\xc3\xa9 owners & the new tax");
  assert_string_equal(e->link, "https://news.example.com/section/stories/cafe-tax.html");
  assert_string_equal(e->id, "tag:news.example.com,2024:1001");
  assert_string_equal(e->published, "2024-05-06T23:15:00Z"); /* EST is -5 */
  assert_string_equal(e->author, "Jane Roe");
  assert_int_equal(e->n_categories, 2);
  assert_string_equal(e->categories[1], "Local");
  assert_non_null(strstr(e->summary, "<b>caf\xc3\xa9s</b>"));
  assert_non_null(strstr(e->content, "Second paragraph."));
  assert_int_equal(e->n_enclosures, 1);
  assert_string_equal(e->enclosures[0].url, "https://news.example.com/media/cafe.mp3");
  assert_string_equal(e->enclosures[0].type, "audio/mpeg");
  assert_int_equal(e->enclosures[0].length, 123456);
  /* bare '&' survives; permalink guid becomes the link; "mail (Name)" author */
  e = &f->entries[1];
  assert_string_equal(e->title, "AT&T and R&D walk into a bar");
  assert_string_equal(e->link, "https://news.example.com/2024/05/att");
  assert_string_equal(e->published, "2024-05-06T07:00:00Z");
  assert_string_equal(e->author, "Sam Editor");
  assert_non_null(strstr(e->summary, "\xc2\xa9 sign"));
  assert_null(f->entries[2].published);
  bc_feed_free(f);
}

static void test_rss091_and_latin1(void **state) {
  bc_feed *f = load("rss091.xml", NULL);
  (void)state;
  assert_string_equal(f->entries[0].title, "R\xc3\xa9sum\xc3\xa9 of the week");
  bc_feed_free(f);
  f = load("latin1.xml", NULL);
  assert_string_equal(f->title, "Z\xc3\xbcrich Zeitung");
  assert_string_equal(f->entries[0].title, "Gr\xc3\xbc\xc3\x9f" "e aus Z\xc3\xbcrich");
  bc_feed_free(f);
}

static void test_rdf(void **state) {
  bc_feed *f = load("rdf.xml", NULL);
  (void)state;
  assert_string_equal(f->format, "rdf");
  assert_string_equal(f->language, "de");
  assert_string_equal(f->updated, "2024-05-01T06:00:00Z");
  assert_int_equal(f->n_entries, 1);
  assert_string_equal(f->entries[0].id, "http://rdf.example.net/a");
  assert_string_equal(f->entries[0].author, "R. D. Fuller");
  assert_string_equal(f->entries[0].categories[0], "Science");
  assert_string_equal(f->entries[0].published, "2024-05-01T05:59:59Z");
  bc_feed_free(f);
}

static void test_atom10_xml_base_xhtml_and_authors(void **state) {
  bc_feed *f = load("atom.xml", NULL);
  (void)state;
  assert_string_equal(f->format, "atom");
  assert_string_equal(f->title, "Atom Weekly");
  assert_string_equal(f->link, "https://atom.example.org/blog/");
  assert_string_equal(f->language, "en-GB");
  assert_string_equal(f->updated, "2024-05-02T14:00:00Z");
  bc_feed_entry *e = &f->entries[0];
  assert_string_equal(e->link, "https://atom.example.org/blog/posts/hello");
  assert_string_equal(e->published, "2024-05-01T22:00:00Z");
  assert_string_equal(e->content, "<p>Hello <strong>world</strong>.</p>");
  assert_string_equal(e->author, "Feed Author"); /* inherited, RFC 4287 4.2.1 */
  assert_string_equal(e->categories[0], "greetings");
  assert_int_equal(e->enclosures[0].length, 999);
  e = &f->entries[1];
  assert_string_equal(e->title, "Second post");
  assert_string_equal(e->link, "https://elsewhere.example.com/x/second.html");
  assert_string_equal(e->content, "<p>Escaped &amp; HTML</p>");
  assert_string_equal(e->author, "Guest One, Guest Two");
  assert_null(e->published);
  bc_feed_free(f);
}

static void test_atom03(void **state) {
  bc_feed *f = load("atom03.xml", NULL);
  (void)state;
  assert_string_equal(f->description, "From 2005");
  assert_string_equal(f->entries[0].published, "2005-07-31T12:29:29Z");
  assert_string_equal(f->entries[0].content, "<p>Escaped content</p>");
  bc_feed_free(f);
}

static void test_json_feed(void **state) {
  bc_feed *f = load("feed.json", NULL);
  (void)state;
  assert_string_equal(f->format, "json");
  assert_int_equal(f->n_entries, 2);
  assert_string_equal(f->entries[0].link, "https://json.example.com/posts/2"); /* vs feed_url */
  assert_string_equal(f->entries[0].published, "2024-05-04T08:00:00Z");
  assert_int_equal(f->entries[0].enclosures[0].length, 5000);
  assert_string_equal(f->entries[1].id, "1");
  assert_string_equal(f->entries[1].link, "https://elsewhere.example.com/1");
  assert_true(f->entries[1].content_is_text);
  assert_string_equal(f->entries[1].author, "Jay Son");
  bc_feed_free(f);
}

/* Raw HTML where escaped text belongs ("<br>", "5 < 6", an unclosed <p>)
 * must not swallow the entries after it. */
static void test_illformed_feed_keeps_every_entry(void **state) {
  char path[512], *data = NULL;
  size_t len = 0;
  bc_feed *f = NULL;
  (void)state;
  snprintf(path, sizeof path, "%s/feeds/illformed.xml", BC_TEST_DATA);
  assert_int_equal(util_read_file(path, 0, &data, &len), BC_OK);
  assert_int_equal(bc_feed_parse(data, len, NULL, NULL, &f, NULL), BC_OK);
  assert_int_equal(f->n_entries, 5);
  assert_string_equal(f->entries[0].title, "5 < 6 & true");
  assert_string_equal(f->entries[0].summary, "line<br>break <img src=\"x\"> done");
  assert_string_equal(f->entries[1].title, "Second");
  assert_string_equal(f->entries[2].title, "Third &unknownentity; here");
  assert_string_equal(f->entries[3].summary, "<p>unclosed para");
  assert_string_equal(f->entries[4].link, "http://x/5");
  bc_feed_free(f);
  free(data);
}

static void test_undeclared_prefixes(void **state) {
  const char *rss = "<rss version='2.0'><channel><title>T</title><item><title>A</title>"
                    "<dc:creator>Undeclared Prefix</dc:creator>"
                    "<content:encoded><![CDATA[<p>full</p>]]></content:encoded>"
                    "<dc:date>2024-05-01T10:00:00+02:00</dc:date></item></channel></rss>";
  bc_feed *f = NULL;
  (void)state;
  assert_int_equal(bc_feed_parse(rss, strlen(rss), NULL, NULL, &f, NULL), BC_OK);
  assert_string_equal(f->entries[0].author, "Undeclared Prefix");
  assert_string_equal(f->entries[0].content, "<p>full</p>");
  assert_string_equal(f->entries[0].published, "2024-05-01T08:00:00Z");
  bc_feed_free(f);
}

/* HTML entities and stray '&' are repaired in the markup, but the bytes of
 * CDATA sections and comments pass through as written, even unclosed. */
static void test_entity_repair_spares_cdata_and_comments(void **state) {
  const char *rss = "<rss version='2.0'><channel><title>Fish &amp; Chips &nbsp;News</title>"
                    "<!-- a & b --><item><title>Q&A</title>"
                    "<description><![CDATA[Salt & vinegar &nbsp;]]></description></item>"
                    "<item><title>Last</title><description><![CDATA[open & never closed";
  bc_feed *f = NULL;
  (void)state;
  assert_int_equal(bc_feed_parse(rss, strlen(rss), NULL, NULL, &f, NULL), BC_OK);
  assert_non_null(strstr(f->title, "Fish & Chips"));
  assert_string_equal(f->entries[0].title, "Q&A");
  assert_string_equal(f->entries[0].summary, "Salt & vinegar &nbsp;");
  bc_feed_free(f);
}

static void test_json_feed_with_bom(void **state) {
  const char *j = "\xEF\xBB\xBF {\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"B\","
                  "\"items\":[{\"id\":\"1\",\"title\":\"x\"}]}";
  bc_feed *f = NULL;
  (void)state;
  assert_int_equal(bc_doc_sniff(j, strlen(j)), BC_DOC_FEED);
  assert_int_equal(bc_feed_parse(j, strlen(j), NULL, NULL, &f, NULL), BC_OK);
  assert_string_equal(f->title, "B");
  assert_int_equal(f->n_entries, 1);
  bc_feed_free(f);
}

static void test_relative_links_use_feed_url(void **state) {
  const char *rss = "<rss><channel><title>t</title><link>/</link>"
                    "<item><title>a</title><link>../a.html</link></item></channel></rss>";
  bc_feed *f = NULL;
  (void)state;
  assert_int_equal(bc_feed_parse(rss, strlen(rss), "http://h.example/news/feed/rss", NULL, &f, NULL),
                   BC_OK);
  assert_string_equal(f->link, "http://h.example/");
  assert_string_equal(f->entries[0].link, "http://h.example/news/a.html");
  bc_feed_free(f);
}

static void test_json_output_shape(void **state) {
  bc_feed *f = load("rss2.xml", NULL);
  char *j = NULL;
  (void)state;
  assert_int_equal(bc_feed_to_json(f, &j), BC_OK);
  assert_non_null(strstr(j, "\"entries\":[{\"title\":\"Caf"));
  assert_non_null(strstr(j, "\"updated\":null"));
  assert_non_null(strstr(j, "\"enclosures\":[{\"url\":\"https://news.example.com/media/cafe.mp3\","
                            "\"type\":\"audio/mpeg\",\"length\":123456}]"));
  bc_free(j);
  bc_feed_free(f);
}

static void test_not_a_feed(void **state) {
  const char *html = "<!DOCTYPE html><html><body><p>hi</p></body></html>";
  bc_feed *f = NULL;
  bc_diag d = {{0}};
  (void)state;
  assert_int_equal(bc_doc_sniff(html, strlen(html)), BC_DOC_OTHER);
  assert_int_equal(bc_feed_parse(html, strlen(html), NULL, NULL, &f, &d), BC_ERR_PARSE);
  assert_null(f);
  assert_non_null(strstr(d.msg, "not a feed"));
}

static void test_dates(void **state) {
  static const char *const cases[][2] = {
      {"Mon, 06 May 2024 18:15:00 GMT", "2024-05-06T18:15:00Z"},
      {"Mon, 6 May 2024 18:15:00 +0200", "2024-05-06T16:15:00Z"},
      {"Mon, 06 May 2024 18:15 PDT", "2024-05-07T01:15:00Z"},
      {"06 May 24 18:15:00 Z", "2024-05-06T18:15:00Z"},
      {"Monday, 06-May-2024 18:15:00 UTC", "2024-05-06T18:15:00Z"},
      {"Tue, 31 Dec 2024 23:30:00 -0100", "2025-01-01T00:30:00Z"},
      {"Sun, 05 May 2024 23:30:00 +00:00", "2024-05-05T23:30:00Z"},
      {"Wed, 8 May 2024 10:00:00 GMT+0200", "2024-05-08T08:00:00Z"},
      {"May 6, 2024 6:15 PM", "2024-05-06T18:15:00Z"},
      {"Tue May  7 08:00:00 2024", "2024-05-07T08:00:00Z"},
      {"2024-05-06T18:15:00Z", "2024-05-06T18:15:00Z"},
      {"2024-05-06T18:15:00.123456+05:30", "2024-05-06T12:45:00Z"},
      {"2024-05-06 18:15:00", "2024-05-06T18:15:00Z"},
      {"2024-05-06T18:15-0400", "2024-05-06T22:15:00Z"},
      {"2024-05-06", "2024-05-06T00:00:00Z"},
      {"20240506T181500Z", "2024-05-06T18:15:00Z"},
      {"2024/05/06 18:15", "2024-05-06T18:15:00Z"},
      {"Mon, 06 May 2024 18:15:00 +0000 (UTC)", "2024-05-06T18:15:00Z"},
      {"May 6th, 2024", "2024-05-06T00:00:00Z"},
      {"Thu, 01 Jan 1970 00:00:00 GMT", "1970-01-01T00:00:00Z"},
      {"Sat, 13 Dec 2003 18:30:02 +0100 GMT", "2003-12-13T17:30:02Z"},
      {"06.05.2024 18:15", "2024-05-06T18:15:00Z"},
      {"06.05.2024", "2024-05-06T00:00:00Z"},
      {"  2024-05-06T18:15:00z ", "2024-05-06T18:15:00Z"},
  };
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *d = bc_date_normalize(cases[i][0]);
    if (!d || strcmp(d, cases[i][1]) != 0)
      fail_msg("'%s' -> '%s', expected '%s'", cases[i][0], d ? d : "(null)", cases[i][1]);
    bc_free(d);
  }
  assert_null(bc_date_normalize("yesterday"));
  assert_null(bc_date_normalize("2024-05-99999999999999999999999999"));
  assert_null(bc_date_normalize("2024-13-45"));
  assert_null(bc_date_normalize(""));
}

static void test_opml(void **state) {
  const char *opml = "<?xml version='1.0'?><opml version='2.0'><body>"
                     "<outline text='a'><outline xmlUrl='http://a.example/rss'/></outline>"
                     "<outline text='folder only'/>"
                     "<outline xmlUrl='feeds/b.xml'/></body></opml>";
  char **urls = NULL;
  size_t n = 0;
  (void)state;
  assert_int_equal(bc_doc_sniff(opml, strlen(opml)), BC_DOC_OPML);
  assert_int_equal(bc_opml_parse(opml, strlen(opml), "http://me.example/list.opml", &urls, &n, NULL),
                   BC_OK);
  assert_int_equal(n, 2);
  assert_string_equal(urls[0], "http://a.example/rss");
  assert_string_equal(urls[1], "http://me.example/feeds/b.xml");
  bc_strings_free(urls, n);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rss2_entities_cdata_namespaces_and_base),
      cmocka_unit_test(test_rss091_and_latin1),
      cmocka_unit_test(test_rdf),
      cmocka_unit_test(test_atom10_xml_base_xhtml_and_authors),
      cmocka_unit_test(test_atom03),
      cmocka_unit_test(test_json_feed),
      cmocka_unit_test(test_illformed_feed_keeps_every_entry),
      cmocka_unit_test(test_undeclared_prefixes),
      cmocka_unit_test(test_entity_repair_spares_cdata_and_comments),
      cmocka_unit_test(test_json_feed_with_bom),
      cmocka_unit_test(test_relative_links_use_feed_url),
      cmocka_unit_test(test_json_output_shape),
      cmocka_unit_test(test_not_a_feed),
      cmocka_unit_test(test_dates),
      cmocka_unit_test(test_opml),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
