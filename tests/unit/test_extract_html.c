/* The HTML extractor: the story and only the story (no navigation, ads,
 * share bars, captions, credits, newsletter boxes, related links or
 * comments), subheads marked, metadata from each source, and malformed
 * pages that must neither crash nor overflow the stack. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/article.h"
#include "extract.h"
#include "util.h"

static bc_article *fixture(const char *name) {
  char *path = xasprintf("%s/extract/%s", BC_TEST_DATA, name);
  bc_article *a = NULL;
  bc_diag d = {{0}};
  assert_int_equal(bc_article_from_file(path, &a, &d), BC_OK);
  free(path);
  assert_true(utf8_valid(a->text, a->text_len));
  return a;
}

static bc_article *page(const char *html) {
  bc_article *a = NULL;
  bc_diag d = {{0}};
  assert_int_equal(bc_article_from_html(html, strlen(html), NULL, NULL, &a, &d), BC_OK);
  return a;
}

static int has(const bc_article *a, const char *s) { return strstr(a->text, s) != NULL; }

static void story_without_boilerplate(void **state) {
  bc_article *a = fixture("news_article.html");
  size_t i, subheads = 0;
  (void)state;
  assert_true(strncmp(a->text, "Residents of the small harbour town of Westmere", 47) == 0);
  assert_true(has(a, "\"The ferry is the heart of this place,\" said Ellen Marsh"));
  assert_true(has(a, "Opponents of the bridge had argued"));
  /* navigation, cookie notice, byline and timestamp lines, share bar */
  assert_false(has(a, "Weather"));
  assert_false(has(a, "cookies"));
  assert_false(has(a, "By Mara Quill"));
  assert_false(has(a, "5:23 PM"));
  assert_false(has(a, "Share on Facebook"));
  assert_false(has(a, "Tweet"));
  /* caption and photo credit */
  assert_false(has(a, "leaves the quay"));
  assert_false(has(a, "Ana Lenz"));
  /* ad label, "Read more", "Click here", newsletter box */
  assert_false(has(a, "Advertisement"));
  assert_false(has(a, "Read more"));
  assert_false(has(a, "Click here"));
  assert_false(has(a, "Subscribe"));
  assert_false(has(a, "Get the Courier"));
  /* related links, comments, footer */
  assert_false(has(a, "Related stories"));
  assert_false(has(a, "Bridge plan divides"));
  assert_false(has(a, "12 comments"));
  assert_false(has(a, "working life"));
  assert_false(has(a, "Copyright"));
  /* the headline is the title, not the first paragraph */
  assert_false(has(a, "votes to keep its ferry"));
  for (i = 0; i < a->n_blocks; i++)
    if (a->blocks[i].kind == BC_BLOCK_SUBHEAD) {
      subheads++;
      assert_int_equal(a->blocks[i].end - a->blocks[i].start, strlen("A close vote"));
      assert_memory_equal(a->text + a->blocks[i].start, "A close vote", 12);
    }
  assert_int_equal(subheads, 1);
  assert_int_equal(a->n_blocks, 6);
  bc_article_free(a);
}

static void metadata_from_json_ld(void **state) {
  bc_article *a = fixture("news_article.html");
  (void)state;
  assert_string_equal(a->title, "Harbour town votes to keep its ferry");
  assert_string_equal(a->byline, "Mara Quill, Tomas Reed");
  assert_string_equal(a->published, "2024-03-05T09:30:00+00:00");
  assert_string_equal(a->site, "The Coastal Courier");
  assert_string_equal(a->language, "en-GB");
  bc_article_free(a);
}

static void metadata_from_opengraph_and_meta(void **state) {
  bc_article *a = fixture("meta_opengraph.html");
  (void)state;
  assert_string_equal(a->title, "Orchard owners count the cost of the late frost");
  assert_string_equal(a->byline, "Lena Berger");
  assert_string_equal(a->published, "2023-04-18T07:15:00+02:00");
  assert_string_equal(a->site, "Valley Gazette");
  assert_string_equal(a->language, "de-DE");  /* og:locale de_DE, no html lang */
  assert_int_equal(a->n_blocks, 3);
  bc_article_free(a);
}

static void metadata_from_visible_page(void **state) {
  bc_article *a = fixture("meta_visible.html");
  (void)state;
  assert_string_equal(a->title, "Le marché couvert rouvre ses portes");
  assert_string_equal(a->byline, "Claire Dumas");     /* "Par Claire Dumas" */
  assert_string_equal(a->published, "2022-11-02");    /* <time datetime> */
  assert_string_equal(a->language, "fr");
  assert_null(a->site);
  assert_false(has(a, "Par Claire"));
  assert_false(has(a, "2 novembre"));
  assert_int_equal(a->n_blocks, 3);
  bc_article_free(a);
}

static void json_ld_body_when_page_is_empty(void **state) {
  bc_article *a = fixture("jsonld_body.html");
  (void)state;
  assert_string_equal(a->title, "Library extends its opening hours");
  assert_string_equal(a->byline, "Sam Okafor");
  assert_string_equal(a->published, "2021-09-14");
  assert_string_equal(a->site, "Town Notes");
  assert_int_equal(a->n_blocks, 3);
  assert_true(strncmp(a->text, "The central library will stay open", 34) == 0);
  assert_false(has(a, "Loading"));
  bc_article_free(a);
}

static void dates_to_iso(void **state) {
  static const char *cases[][2] = {
    {"2017-08-03T10:49:24+00:00", "2017-08-03T10:49:24+00:00"},
    {"2017-08-03T10:49:24.123Z", "2017-08-03T10:49:24Z"},
    {"2017-08-03 10:49", "2017-08-03T10:49:00"},
    {"2017-08-03", "2017-08-03"},
    {"20170803", "2017-08-03"},
    {"03.08.2017", "2017-08-03"},
    {"3. August 2017", "2017-08-03"},
    {"August 3, 2017", "2017-08-03"},
    {"Aug 3, 2017 5:23 PM", "2017-08-03T05:23:00"},
    {"Thu, 03 Aug 2017 10:49:24 GMT", "2017-08-03T10:49:24"},
    {"2 novembre 2022", "2022-11-02"},
    {"5 de marzo de 2019", "2019-03-05"},
    {"12. März 2020", "2020-03-12"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *iso = extract_iso_date(cases[i][0]);
    assert_non_null(iso);
    if (strcmp(iso, cases[i][1]) != 0) fail_msg("%s -> %s, want %s", cases[i][0], iso, cases[i][1]);
    free(iso);
  }
  assert_null(extract_iso_date("yesterday"));
  assert_null(extract_iso_date("2017-13-45"));
  assert_null(extract_iso_date("31.02.2020"));
  assert_null(extract_iso_date("2020"));
}

static void unclosed_tags_and_nested_tables(void **state) {
  bc_article *a = page(
      "<html><body><table><tr><td><table><tr><td><div><p>Inside two tables and a div that "
      "never closes, this paragraph still belongs to the story of the day."
      "<p>A second paragraph follows without closing the first, as old pages often do, "
      "and it must come out as a paragraph of its own.<td><b>bold <i>italic</b> mixed</i>"
      "</table>");
  (void)state;
  assert_true(has(a, "Inside two tables"));
  assert_true(has(a, "\n\nA second paragraph follows"));
  assert_false(has(a, "<"));
  bc_article_free(a);
}

static void huge_attribute(void **state) {
  size_t n = 4 * 1024 * 1024;
  bc_buf b;
  bc_article *a;
  char *junk = xmalloc(n + 1);
  (void)state;
  memset(junk, 'x', n);
  junk[n] = 0;
  buf_init(&b);
  buf_printf(&b, "<html><body><div data-blob=\"%s\" class=\"%s\"><p>A paragraph after an "
                 "attribute of four megabytes, still extracted as the story text.</p></div>"
                 "</body></html>", junk, junk);
  a = page(b.s);
  assert_true(has(a, "A paragraph after an attribute of four megabytes"));
  bc_article_free(a);
  buf_free(&b);
  free(junk);
}

static void hundred_thousand_nested_divs(void **state) {
  size_t depth = 100000, i;
  bc_buf b;
  bc_article *a;
  (void)state;
  buf_init(&b);
  buf_adds(&b, "<html><body>");
  for (i = 0; i < depth; i++) buf_adds(&b, "<div class=\"wrap\">");
  buf_adds(&b, "<p>Deep inside a hundred thousand divs, this sentence must come out "
               "without the extractor running out of stack.</p>");
  for (i = 0; i < depth; i++) buf_adds(&b, "</div>");
  buf_adds(&b, "</body></html>");
  a = page(b.s);
  assert_true(has(a, "Deep inside a hundred thousand divs"));
  bc_article_free(a);
  /* and unclosed: every div left open */
  b.len = 0;
  buf_adds(&b, "<html><body>");
  for (i = 0; i < depth; i++) buf_adds(&b, "<div><span>");
  buf_adds(&b, "<p>Nothing is ever closed on this page, yet this text is found.</p>");
  a = page(b.s);
  assert_true(has(a, "Nothing is ever closed on this page"));
  bc_article_free(a);
  buf_free(&b);
}

static void page_without_text(void **state) {
  bc_article *a = NULL;
  bc_diag d = {{0}};
  const char *html = "<html><head><title>x</title></head><body><nav><a href=/>Home</a></nav>"
                     "<script>var a = 1;</script></body></html>";
  (void)state;
  assert_int_equal(bc_article_from_html(html, strlen(html), NULL, NULL, &a, &d), BC_ERR_EMPTY);
  assert_null(a);
  assert_true(strlen(d.msg) > 0);
  assert_int_equal(bc_article_from_html("", 0, NULL, NULL, &a, &d), BC_ERR_EMPTY);
}

static void hidden_and_script_text_dropped(void **state) {
  bc_article *a = page(
      "<html><body><div class=\"story\"><p>The visible story paragraph is long enough to be "
      "taken as the main text of this small page.</p>"
      "<p style=\"display: none\">Hidden by style.</p><p hidden>Hidden by attribute.</p>"
      "<span class=\"sr-only\">Screen reader only</span>"
      "<script>document.write('scripted')</script><noscript>Enable JavaScript</noscript>"
      "<p>And a second visible paragraph closes the story for the day.</p></div></body></html>");
  (void)state;
  assert_false(has(a, "Hidden"));
  assert_false(has(a, "Screen reader"));
  assert_false(has(a, "scripted"));
  assert_false(has(a, "JavaScript"));
  assert_true(has(a, "And a second visible paragraph"));
  bc_article_free(a);
}


static void lead_before_the_body(void **state) {
  bc_article *a = page(
      "<html><head><title>Dam opens after ten years - Valley News</title></head><body>"
      "<nav><a href=/>Home</a> <a href=/n>News</a></nav><article><header><h1>Dam opens after "
      "ten years</h1><p class=\"standfirst\">The reservoir will supply three towns with water "
      "from next spring, the regional authority said on Friday.</p></header>"
      "<div class=\"article-body\"><p>Construction began in 2014 and was halted twice, once "
      "by a court order and once by a flood that damaged the half-built wall.</p>"
      "<p>Engineers say the dam will also protect the lower valley from the spring floods that "
      "have hit it every few years.</p></div></article>"
      "<aside><h3>Most read</h3><ul><li><a href=/x>Another story about something else "
      "entirely</a></li></ul></aside></body></html>");
  (void)state;
  /* the lead first, then the body; the site's name is not the headline */
  assert_true(strncmp(a->text, "The reservoir will supply three towns", 37) == 0);
  assert_true(has(a, "Engineers say the dam"));
  assert_false(has(a, "Most read"));
  assert_string_equal(a->title, "Dam opens after ten years");
  bc_article_free(a);
}

static void description_when_page_is_drawn_by_script(void **state) {
  bc_article *a = page(
      "<html><head><title>Ferry timetable</title><meta property=\"og:description\" "
      "content=\"The winter timetable starts on Monday with two fewer crossings a day.\">"
      "</head><body><div id=\"root\"></div><script>render()</script></body></html>");
  (void)state;
  assert_string_equal(a->text, "The winter timetable starts on Monday with two fewer crossings a day.");
  bc_article_free(a);
}

static void captions_and_credits_set_as_text(void **state) {
  bc_article *a = page(
      "<html><body><div class=\"entry-content\">"
      "<p>The glacier lost more ice this summer than in any year since records began, the "
      "survey published on Tuesday shows.</p>"
      "<p>Abbildung 4: Vergleich der Schneehöhen auf dem Gletscher zwischen 2010 und 2020.</p>"
      "<p>Foto: Anna Berg / Alpenpost</p>"
      "<p>\xc2\xa9 Alpine Survey 2024</p>"
      "<p>Jane Doe</p>"
      "<p>Scientists measured the ice at forty points along the tongue of the glacier and found it "
      "thinner at every one of them.</p></div></body></html>");
  (void)state;
  assert_true(has(a, "The glacier lost more ice"));
  assert_true(has(a, "Scientists measured the ice"));
  assert_false(has(a, "Abbildung"));
  assert_false(has(a, "Anna Berg"));
  assert_false(has(a, "Alpine Survey"));
  bc_article_free(a);
}

static void visible_byline_cut_at_the_date(void **state) {
  bc_article *a = page(
      "<html><body><div class=\"post\"><h1>Haare</h1><div class=\"group-author\">Von "
      "<a href=/u/mm>Max Muster</a> am <span>Samstag, 19. Oktober 2019 um 11:14 Uhr</span></div>"
      "<p>The first paragraph of the post is long enough to be the story of this small page.</p>"
      "<p>A second paragraph follows, just as long as the first, to make the body clear.</p></div>"
      "<form><p class=\"comment-form-author\"><label>Name *</label><input name=a></p></form>"
      "</body></html>");
  (void)state;
  assert_string_equal(a->byline, "Max Muster");
  assert_false(has(a, "Max Muster"));
  bc_article_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(story_without_boilerplate),
    cmocka_unit_test(metadata_from_json_ld),
    cmocka_unit_test(metadata_from_opengraph_and_meta),
    cmocka_unit_test(metadata_from_visible_page),
    cmocka_unit_test(json_ld_body_when_page_is_empty),
    cmocka_unit_test(dates_to_iso),
    cmocka_unit_test(unclosed_tags_and_nested_tables),
    cmocka_unit_test(huge_attribute),
    cmocka_unit_test(hundred_thousand_nested_divs),
    cmocka_unit_test(page_without_text),
    cmocka_unit_test(hidden_and_script_text_dropped),
    cmocka_unit_test(lead_before_the_body),
    cmocka_unit_test(visible_byline_cut_at_the_date),
    cmocka_unit_test(captions_and_credits_set_as_text),
    cmocka_unit_test(description_when_page_is_drawn_by_script),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
