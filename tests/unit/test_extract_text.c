/* Text files and file handling of the extract stage: the seed article's
 * title and headline, one-line CNN/DailyMail files, empty and binary input,
 * invalid UTF-8, and telling HTML from text by content. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "briefcast/article.h"
#include "util.h"

static bc_article *from_text(const char *s) {
  bc_article *a = NULL;
  bc_diag d = {{0}};
  assert_int_equal(bc_article_from_text(s, strlen(s), "t.txt", &a, &d), BC_OK);
  assert_non_null(a);
  return a;
}

static char *write_temp(const char *bytes, size_t len) {
  char *path = xstrdup("/tmp/bc_extract_testXXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, bytes, len), (ssize_t)len);
  close(fd);
  return path;
}

static void seed_article(void **state) {
  bc_article *a = NULL;
  bc_diag d = {{0}};
  size_t i;
  (void)state;
  assert_int_equal(bc_article_from_file(BC_SOURCE_DIR "/../shared/data/seed/rand-paul-moscow.txt",
                                        &a, &d), BC_OK);
  /* The headline, not the page title above it. */
  assert_string_equal(a->title, "Rand Paul, in Moscow, invites Russian lawmakers to Washington");
  assert_string_equal(a->site, "CNNPolitics");
  /* The lead is the first paragraph, the dateline included as written. */
  assert_true(strncmp(a->text, "Moscow (CNN)Sen. Rand Paul on Monday invited Russian lawmakers",
                      62) == 0);
  assert_null(strstr(a->text, "CNNPolitics"));
  /* Indented lines are paragraphs of their own, trimmed. */
  assert_non_null(strstr(a->text, "\n\nPaul is also expected to meet"));
  assert_null(strstr(a->text, "\n "));
  assert_true(a->n_blocks >= 10);
  for (i = 0; i < a->n_blocks; i++) {
    assert_true(a->blocks[i].end > a->blocks[i].start);
    assert_true(a->blocks[i].end <= a->text_len);
    assert_true(a->text[a->blocks[i].start] != ' ');
    if (i) assert_memory_equal(a->text + a->blocks[i - 1].end, "\n\n", 2);
  }
  assert_int_equal(a->blocks[a->n_blocks - 1].end, a->text_len);
  assert_true(utf8_valid(a->text, a->text_len));
  bc_article_free(a);
}

static void one_long_line_has_no_title(void **state) {
  const char *s = "You might have seen fantastic images of the sun before, or even clips showing "
                  "its activity - but you've never seen anything like this. An incredible video "
                  "has stitched together footage from a Nasa spacecraft.\n";
  bc_article *a = from_text(s);
  (void)state;
  assert_null(a->title);
  assert_int_equal(a->n_blocks, 1);
  assert_true(strncmp(a->text, "You might have seen", 19) == 0);
  bc_article_free(a);
}

static void lone_title_then_blank_line(void **state) {
  bc_article *a = from_text("Town hall to close for repairs\n\nThe town hall will close for two "
                            "months from June.\nServices move to the library.\n");
  (void)state;
  assert_string_equal(a->title, "Town hall to close for repairs");
  assert_int_equal(a->n_blocks, 2);
  assert_string_equal(a->text, "The town hall will close for two months from June.\n\n"
                               "Services move to the library.");
  bc_article_free(a);
}

static void blank_line_paragraphs_and_hard_wraps(void **state) {
  bc_article *a = from_text("The river rose two metres overnight and the\n"
                            "old bridge was closed at dawn by the police.\n\n"
                            "Shops along the quay moved their stock to the\n"
                            "upper floors before the water reached them.\n\n"
                            "The flood is expected to peak on Thursday\n"
                            "evening, the weather service said in a note.\n");
  (void)state;
  assert_null(a->title);
  assert_int_equal(a->n_blocks, 3);
  assert_non_null(strstr(a->text, "and the old bridge was closed"));
  bc_article_free(a);
}

static void empty_and_blank_refused(void **state) {
  bc_article *a = NULL;
  bc_diag d = {{0}};
  (void)state;
  assert_int_equal(bc_article_from_text("", 0, "e.txt", &a, &d), BC_ERR_EMPTY);
  assert_null(a);
  assert_true(strlen(d.msg) > 0);
  assert_int_equal(bc_article_from_text(" \n\t\n  \r\n", 8, "e.txt", &a, &d), BC_ERR_EMPTY);
  assert_null(a);
  assert_non_null(strstr(d.msg, "no text"));
}

static void binary_refused(void **state) {
  unsigned char bytes[4096];
  bc_article *a = NULL;
  bc_diag d = {{0}};
  size_t i;
  uint32_t x = 12345;
  char *path;
  (void)state;
  for (i = 0; i < sizeof bytes; i++) {
    x = x * 1103515245u + 12345u;
    bytes[i] = (unsigned char)(x >> 24);
  }
  assert_int_equal(bc_article_from_text((const char *)bytes, sizeof bytes, "b", &a, &d),
                   BC_ERR_BINARY);
  assert_null(a);
  assert_non_null(strstr(d.msg, "binary"));
  /* A PNG header: NUL bytes after a text-looking start. */
  {
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    path = write_temp(png, sizeof png - 1);
  }
  assert_int_equal(bc_article_from_file(path, &a, &d), BC_ERR_BINARY);
  assert_string_equal(d.msg, "not a text or HTML document (binary data)");
  unlink(path);
  free(path);
}

static void invalid_utf8_repaired(void **state) {
  /* Mostly UTF-8 (so not a legacy charset), with a Latin-1 letter inside a
   * word, stray bytes and a truncated sequence. */
  const char s[] = "Caf\xc3\xa9 owners in Montr\xc3\xa9" "al say trade is back \xe2\x80\x94 "
                   "na\xc3\xafvely, the caf\xe9 says.\n"
                   "Bad bytes \xff\xfe and a cut \xe2\x82 sequence go away.\n";
  bc_article *a = NULL;
  bc_diag d = {{0}};
  (void)state;
  assert_int_equal(bc_article_from_text(s, sizeof s - 1, "x.txt", &a, &d), BC_OK);
  assert_true(utf8_valid(a->text, a->text_len));
  assert_null(strstr(a->text, "\xef\xbf\xbd"));  /* no U+FFFD either */
  assert_non_null(strstr(a->text, "Bad bytes and a cut sequence go away."));
  assert_non_null(strstr(a->text, "the caf\xc3\xa9 says"));
  bc_article_free(a);
}

static void file_dispatch_by_content(void **state) {
  const char *html = "\n  <!DOCTYPE html><html><head><title>Dispatch</title></head><body>"
                     "<p>This paragraph comes from an HTML page that was saved with a .txt "
                     "extension, and it must be read as HTML all the same.</p></body></html>";
  const char *text = "<3 is a heart, not a tag.\n\nThis file only starts with a less-than sign.\n";
  char *p1 = write_temp(html, strlen(html)), *p2 = write_temp(text, strlen(text));
  bc_article *a = NULL;
  bc_diag d = {{0}};
  (void)state;
  assert_int_equal(bc_article_from_file(p1, &a, &d), BC_OK);
  assert_null(strstr(a->text, "<p>"));
  assert_string_equal(a->title, "Dispatch");
  assert_string_equal(a->source, p1);
  bc_article_free(a);
  assert_int_equal(bc_article_from_file(p2, &a, &d), BC_OK);
  assert_non_null(strstr(a->text, "This file only starts"));
  bc_article_free(a);
  unlink(p1);
  unlink(p2);
  free(p1);
  free(p2);
}

static void missing_file_and_directory(void **state) {
  bc_article *a = NULL;
  bc_diag d = {{0}};
  (void)state;
  assert_int_equal(bc_article_from_file("/nonexistent/briefcast/article.txt", &a, &d),
                   BC_ERR_NOT_FOUND);
  assert_null(a);
  assert_string_equal(d.msg, "no such file");
  assert_int_not_equal(bc_article_from_file("/tmp", &a, &d), BC_OK);
  assert_null(a);
  assert_non_null(strstr(d.msg, "directory"));
}

static void parts_copy_and_override(void **state) {
  bc_article *a = NULL;
  bc_diag d = {{0}};
  const char *html = "<p>First paragraph of a feed entry that carries its full content.</p>"
                     "<p>Second paragraph of the same entry.</p>";
  (void)state;
  assert_int_equal(bc_article_from_parts("https://example.org/a", "Feed title", "Ann Lee",
                                         "2024-01-02", "Example", "en", html, 1, &a, &d),
                   BC_OK);
  assert_string_equal(a->title, "Feed title");
  assert_string_equal(a->byline, "Ann Lee");
  assert_string_equal(a->source, "https://example.org/a");
  assert_int_equal(a->n_blocks, 2);
  assert_string_equal(a->text, "First paragraph of a feed entry that carries its full content."
                               "\n\nSecond paragraph of the same entry.");
  bc_article_free(a);
  /* Plain text: a short first line is not taken for a title when one is given. */
  assert_int_equal(bc_article_from_parts("x", "T", NULL, NULL, NULL, NULL,
                                         "Short line\n\nAnother line.", 0, &a, &d), BC_OK);
  assert_string_equal(a->title, "T");
  assert_string_equal(a->text, "Short line\n\nAnother line.");
  bc_article_free(a);
  assert_int_equal(bc_article_from_parts("x", "T", NULL, NULL, NULL, NULL, "  ", 0, &a, &d),
                   BC_ERR_EMPTY);
  bc_article_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(seed_article),
    cmocka_unit_test(one_long_line_has_no_title),
    cmocka_unit_test(lone_title_then_blank_line),
    cmocka_unit_test(blank_line_paragraphs_and_hard_wraps),
    cmocka_unit_test(empty_and_blank_refused),
    cmocka_unit_test(binary_refused),
    cmocka_unit_test(invalid_utf8_repaired),
    cmocka_unit_test(file_dispatch_by_content),
    cmocka_unit_test(missing_file_and_directory),
    cmocka_unit_test(parts_copy_and_override),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
