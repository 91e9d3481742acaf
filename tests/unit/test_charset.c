/* Character sets: pages in windows-1251, ISO-8859-2, Shift_JIS, GB18030 and
 * windows-1252, declared or not, come out as the right UTF-8 text; the HTTP
 * header beats the page, a BOM beats both; invalid bytes never come out.
 * The fixtures were made from UTF-8 text with iconv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/article.h"
#include "charset.h"
#include "util.h"

static bc_article *load(const char *name, const char *content_type) {
  char *path = xasprintf("%s/extract/%s", BC_TEST_DATA, name), *bytes = NULL;
  size_t len = 0;
  bc_article *a = NULL;
  bc_diag d = {{0}};
  assert_int_equal(util_read_file(path, 0, &bytes, &len), BC_OK);
  assert_int_equal(bc_article_from_html(bytes, len, path, content_type, &a, &d), BC_OK);
  assert_true(utf8_valid(a->text, a->text_len));
  assert_true(utf8_valid(a->title, strlen(a->title)));
  free(bytes);
  free(path);
  return a;
}

static void expect(const char *file, const char *content_type, const char *title,
                   const char *text_start) {
  bc_article *a = load(file, content_type);
  assert_string_equal(a->title, title);
  if (strncmp(a->text, text_start, strlen(text_start)) != 0)
    fail_msg("%s: text starts \"%.60s\"", file, a->text);
  bc_article_free(a);
}

static const char ru_title[] = "Городской трамвай возвращается на улицы";
static const char ru_text[] = "Первый вагон нового трамвая прошёл по центральной улице";

static void windows_1251(void **state) {
  (void)state;
  expect("cp1251.html", NULL, ru_title, ru_text);
  expect("cp1251_undeclared.html", NULL, ru_title, ru_text);
  /* The page claims ISO-8859-1; the server's header says windows-1251 and wins. */
  expect("cp1251_wrong_meta.html", "text/html; charset=windows-1251", ru_title, ru_text);
  /* Without a header, a Latin-1 label on bytes that read as Cyrillic words
   * is a stale label: the bytes win. */
  expect("cp1251_wrong_meta.html", NULL, ru_title, ru_text);
}

static void iso_8859_2(void **state) {
  (void)state;
  expect("iso8859-2.html", NULL, "Nowy most łączy dwa brzegi Wisły",
         "Mieszkańcy obu dzielnic po raz pierwszy przeszli w sobotę");
}

static void shift_jis(void **state) {
  (void)state;
  expect("shift_jis.html", NULL, "港町の朝市が再開した", "三年ぶりに再開した朝市には");
  expect("shift_jis_undeclared.html", NULL, "港町の朝市が再開した", "三年ぶりに再開した朝市には");
}

static void gb18030(void **state) {
  (void)state;
  /* declared as gb2312, which is read as its superset GB18030 */
  expect("gb18030.html", NULL, "山区小学校迎来新图书馆", "这所山区小学的孩子们星期一");
  expect("gb18030_undeclared.html", NULL, "山区小学校迎来新图书馆", "这所山区小学的孩子们星期一");
}

static void windows_1252_guessed(void **state) {
  (void)state;
  expect("cp1252_undeclared.html", NULL, "Bäckerei am Marktplatz schließt nach hundert Jahren",
         "Die älteste Bäckerei der Stadt");
}

static void bom_beats_meta(void **state) {
  bc_article *a = load("bom_utf8.html", "text/html; charset=iso-8859-1");
  (void)state;
  assert_non_null(strstr(a->text, "its naïve meta declaration"));
  bc_article_free(a);
}

static void invalid_bytes_never_come_out(void **state) {
  bc_article *a = load("invalid_utf8.html", NULL);
  (void)state;
  assert_string_equal(a->title, "Café reopens");
  /* the Latin-1 é inside a word is repaired, the rest is dropped */
  assert_non_null(strstr(a->text, "The café on the corner reopened on Sunday after a long winter"));
  assert_non_null(strstr(a->text, "the first coffee of the morning"));
  assert_null(strstr(a->text, "\xef\xbf\xbd"));
  bc_article_free(a);
}

static void detection_order(void **state) {
  char name[48];
  const char meta[] = "<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8</body>";
  (void)state;
  charset_detect(meta, sizeof meta - 1, NULL, 1, name, sizeof name);
  assert_string_equal(name, "WINDOWS-1251");
  charset_detect(meta, sizeof meta - 1, "text/html; charset=\"KOI8-R\"", 1, name, sizeof name);
  assert_string_equal(name, "KOI8-R");
  charset_detect("\xef\xbb\xbfplain", 8, "text/html; charset=iso-8859-1", 1, name, sizeof name);
  assert_string_equal(name, "UTF-8");
  charset_detect("ascii only", 10, NULL, 1, name, sizeof name);
  assert_string_equal(name, "UTF-8");
  /* an unknown label falls through to the guess */
  charset_detect("<meta charset=\"x-unknown-thing\">caf\xe9s are open", 45, NULL, 1, name,
                 sizeof name);
  assert_string_equal(name, "WINDOWS-1252");
}

static void utf16_with_bom(void **state) {
  /* "<p>Hi</p>" is too short for a story; the conversion is what counts. */
  const char s[] = "\xff\xfe<\0p\0>\0H\0\xe9\0<\0/\0p\0>\0";
  size_t n;
  char *u = charset_decode(s, sizeof s - 1, NULL, 1, &n, NULL, 0);
  (void)state;
  assert_string_equal(u, "<p>Hé</p>");
  free(u);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(windows_1251),
    cmocka_unit_test(iso_8859_2),
    cmocka_unit_test(shift_jis),
    cmocka_unit_test(gb18030),
    cmocka_unit_test(windows_1252_guessed),
    cmocka_unit_test(bom_beats_meta),
    cmocka_unit_test(invalid_bytes_never_come_out),
    cmocka_unit_test(detection_order),
    cmocka_unit_test(utf16_with_bom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
