/* Normalization: news phrases read the way a newsreader says them
 * (tests/data/normalize/news_phrases.tsv), checked by text and, where the
 * spelling may differ, by espeak-ng's phonemes; the token map; and robustness
 * on hostile input (invalid UTF-8, a 10 MB line without spaces). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/normalize.h"
#include "briefcast/speech.h"
#include "util.h"

/* Collapse runs of white space so the data file need not be exact there. */
static void squash(const char *s, bc_buf *b) {
  int sp = 0;
  b->len = 0;
  buf_adds(b, "");
  for (; *s; s++) {
    if (*s == ' ' || *s == '\t') {
      sp = 1;
      continue;
    }
    if (sp && b->len) buf_addc(b, ' ');
    sp = 0;
    buf_addc(b, *s);
  }
}

static const char *espeak_voice(const char *lang) {
  if (!strcmp(lang, "en")) return "en-us";
  return lang;
}

/* Phonemes without stress marks, pauses and word gaps: what is heard. */
static char *sound_of(const char *text, const char *lang) {
  char *ph = NULL;
  if (bc_speech_phonemes(text, espeak_voice(lang), &ph) != BC_OK || !ph) return NULL;
  char *w = ph;
  for (char *r = ph; *r; r++)
    if (!strchr(" \t\n',%=_;|-", *r)) *w++ = *r;
  *w = 0;
  return ph;
}

static char *normalize_str(const char *text, const char *lang) {
  bc_spoken *sp = NULL;
  assert_int_equal(bc_normalize(text, strlen(text), lang, &sp), BC_OK);
  assert_non_null(sp);
  assert_int_equal(strlen(sp->text), sp->len);
  char *r = xstrdup(sp->text);
  bc_spoken_free(sp);
  return r;
}

static void test_news_phrases(void **state) {
  (void)state;
  char *data = NULL;
  size_t len = 0;
  assert_int_equal(util_read_file(BC_TEST_DATA "/normalize/news_phrases.tsv", 0, &data, &len), BC_OK);
  int cases = 0, by_sound = 0, failures = 0;
  bc_buf got, want;
  buf_init(&got);
  buf_init(&want);
  char *save = NULL;
  for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    if (!*line || line[0] == '#') continue;
    char *f[4] = {line, NULL, NULL, NULL};
    int nf = 1;
    for (char *p = line; *p && nf < 4; p++)
      if (*p == '\t') {
        *p = 0;
        f[nf++] = p + 1;
      }
    if (nf < 3) {
      print_error("malformed case: %s\n", line);
      failures++;
      continue;
    }
    cases++;
    char *out = normalize_str(f[1], f[0]);
    squash(out, &got);
    squash(f[2], &want);
    int ok = !strcmp(got.s, want.s);
    if (!ok && f[3] && f[3][0] == '~') {
      by_sound++;
      char *a = sound_of(got.s, f[0]), *b = sound_of(want.s, f[0]);
      ok = a && b && !strcmp(a, b);
      if (!ok) print_error("[%s] %s\n   said: %s  /%s/\n   want: %s  /%s/\n", f[0], f[1], got.s,
                           a ? a : "?", want.s, b ? b : "?");
      free(a);
      free(b);
    } else if (!ok) {
      print_error("[%s] %s\n   got:  %s\n   want: %s\n", f[0], f[1], got.s, want.s);
    }
    if (!ok) failures++;
    free(out);
  }
  print_message("%d news phrases, %d checked by sound, %d wrong\n", cases, by_sound, failures);
  assert_true(cases >= 150);
  assert_int_equal(failures, 0);
  buf_free(&got);
  buf_free(&want);
  free(data);
}

/* The spoken range of the first map entry whose word is w. */
static const bc_token_map *find_word(const bc_spoken *sp, const char *w) {
  for (size_t i = 0; i < sp->n_map; i++) {
    const bc_token_map *m = &sp->map[i];
    if (m->spoken_end - m->spoken_start == strlen(w) && !memcmp(sp->text + m->spoken_start, w, strlen(w)))
      return m;
  }
  return NULL;
}

static void assert_source(const char *src, const bc_token_map *m, const char *expect) {
  assert_non_null(m);
  size_t n = m->source_end - m->source_start;
  if (n != strlen(expect) || memcmp(src + m->source_start, expect, n))
    fail_msg("maps to '%.*s', expected '%s'", (int)n, src + m->source_start, expect);
}

static void test_token_map(void **state) {
  (void)state;
  const char *src = "WASHINGTON (AP) — Sen. Rand Paul, R-Ky., said $1.5 billion on Jan. 5.";
  bc_spoken *sp = NULL;
  assert_int_equal(bc_normalize(src, strlen(src), "en", &sp), BC_OK);
  assert_string_equal(sp->text, "Washington. Senator Rand Paul, Republican of Kentucky, said one point five "
                                "billion dollars on January fifth.");
  /* every spoken word is in the map, in order, inside the text */
  size_t words = 0, prev_end = 0;
  for (size_t i = 0; i < sp->n_map; i++) {
    const bc_token_map *m = &sp->map[i];
    assert_true(m->spoken_start >= prev_end);
    assert_true(m->spoken_end > m->spoken_start && m->spoken_end <= sp->len);
    assert_true(m->source_end >= m->source_start && m->source_end <= strlen(src));
    prev_end = m->spoken_end;
  }
  for (const char *p = sp->text; *p;) {
    while (*p == ' ') p++;
    if (*p) words++;
    while (*p && *p != ' ') p++;
  }
  assert_int_equal(sp->n_map, words);
  assert_source(src, find_word(sp, "Washington"), "WASHINGTON");
  assert_source(src, find_word(sp, "Senator"), "Sen.");
  assert_source(src, find_word(sp, "Paul"), "Paul");
  assert_source(src, find_word(sp, "Kentucky"), "Ky.");
  assert_source(src, find_word(sp, "dollars"), "$1.5 billion");
  assert_source(src, find_word(sp, "five"), "$1.5 billion");
  assert_source(src, find_word(sp, "January"), "Jan.");
  assert_source(src, find_word(sp, "fifth"), "5");
  /* offsets: inside a word, and in the gap before the next one */
  const bc_token_map *sen = find_word(sp, "Senator");
  assert_int_equal(bc_spoken_source_offset(sp, sen->spoken_start + 3), sen->source_start);
  assert_int_equal(bc_spoken_source_offset(sp, sen->spoken_end), (size_t)(strstr(src, "Rand") - src));
  assert_int_equal(bc_spoken_source_offset(sp, 0), 0);
  assert_true(bc_spoken_source_offset(sp, sp->len) <= strlen(src));
  bc_spoken_free(sp);
  bc_spoken_free(NULL);

  /* a number typeset with spaces is one source range; agency marker and
   * quotes leave no words behind */
  const char *fr = "PARIS (AFP) - « Il a payé 1 500 € », dit-il.";
  assert_int_equal(bc_normalize(fr, strlen(fr), "fr", &sp), BC_OK);
  assert_string_equal(sp->text, "Paris. Il a payé mille cinq cents euros, dit il.");
  assert_source(fr, find_word(sp, "Paris"), "PARIS");
  assert_source(fr, find_word(sp, "mille"), "1 500 €");
  assert_source(fr, find_word(sp, "euros"), "1 500 €");
  assert_source(fr, find_word(sp, "il"), "il");
  bc_spoken_free(sp);
}

static void test_empty_and_plain(void **state) {
  (void)state;
  bc_spoken *sp = NULL;
  assert_int_equal(bc_normalize("", 0, "en", &sp), BC_OK);
  assert_string_equal(sp->text, "");
  assert_int_equal(sp->n_map, 0);
  bc_spoken_free(sp);
  assert_int_equal(bc_normalize(NULL, 0, NULL, &sp), BC_OK);
  assert_string_equal(sp->text, "");
  bc_spoken_free(sp);
  assert_int_equal(bc_normalize("x", 1, "en", NULL), BC_ERR_ARG);
  char *t = normalize_str("The quick brown fox jumps over the lazy dog.", "en");
  assert_string_equal(t, "The quick brown fox jumps over the lazy dog.");
  free(t);
  /* a language tag with a region uses the language's rules */
  t = normalize_str("5 %", "de-AT");
  assert_string_equal(t, "fünf Prozent");
  free(t);
  t = normalize_str("Sen. Paul", "en-GB");
  assert_string_equal(t, "Senator Paul");
  free(t);
}

/* Any bytes: no crash, valid UTF-8 out, no control characters. */
static void test_hostile_bytes(void **state) {
  (void)state;
  uint32_t seed = 12345;
  static const char *const pieces[] = {"$", "1", "5", ".", ",", "-", "/", ":", "%", "'", "s", "Sen.",
                                       " ", " ", "\xE2\x80\x94", "\xC2\xA0", "\xFF", "\xC3", "(AP)",
                                       "III", "Jan.", "km", "#", "@", "a.m.", "R-Ky.", "\xE2\x82",
                                       "\xE2\x80\x93", "0", "9", "€", "£", "http://", "x", "\n", "\t",
                                       "º", "er", "e", "Q3", "1/2", "2020-21", "\x01", "\"", "(", ")",
                                       "401(k)", "3.10.", "n°", "XXe", "(CNN", "Business)", "Dr.",
                                       "St.", "I-", "II's", "1er", "21.", "Mio.", "'", "’", "\xC2\xA0"};
  const char *langs[] = {"en", "de", "fr", "es", "it"};
  bc_buf b;
  buf_init(&b);
  for (int round = 0; round < 6000; round++) {
    b.len = 0;
    buf_adds(&b, "");
    int n = 1 + round % 40;
    for (int i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      buf_adds(&b, pieces[(seed >> 8) % (sizeof pieces / sizeof *pieces)]);
    }
    if (round % 3 == 0 && b.len > 1) {
      seed = seed * 1103515245u + 12345u;
      b.s[(seed >> 8) % b.len] = '\0';  /* NUL bytes inside the text */
    }
    bc_spoken *sp = NULL;
    assert_int_equal(bc_normalize(b.s, b.len, langs[round % 5], &sp), BC_OK);
    assert_int_equal(strlen(sp->text), sp->len);
    assert_true(utf8_valid(sp->text, sp->len));
    for (size_t i = 0; i < sp->len; i++) assert_true((unsigned char)sp->text[i] >= 0x20);
    for (size_t i = 0; i < sp->n_map; i++) {
      assert_true(sp->map[i].spoken_end <= sp->len);
      assert_true(sp->map[i].source_start <= sp->map[i].source_end && sp->map[i].source_end <= b.len);
    }
    bc_spoken_free(sp);
  }
  /* every single byte value */
  for (int c = 0; c < 256; c++) {
    char s[3] = {(char)c, '5', 0};
    bc_spoken *sp = NULL;
    assert_int_equal(bc_normalize(s, 2, "en", &sp), BC_OK);
    assert_true(utf8_valid(sp->text, sp->len));
    bc_spoken_free(sp);
  }
  buf_free(&b);
}

/* A 10 MB line without spaces, and 10 MB of short tokens: both finish
 * (the stage is linear) and produce sane output. */
static void test_huge_lines(void **state) {
  (void)state;
  size_t n = 10u << 20;
  char *s = xmalloc(n + 1);
  for (size_t i = 0; i < n; i++) s[i] = "1-/$.a%"[i % 7];
  s[n] = 0;
  bc_spoken *sp = NULL;
  assert_int_equal(bc_normalize(s, n, "en", &sp), BC_OK);
  assert_true(sp->len <= n);
  bc_spoken_free(sp);
  static const char unit[] = "$1.5 billion, 5-4 Sen. R-Ky. 1990s ";
  for (size_t i = 0; i < n; i++) s[i] = unit[i % (sizeof unit - 1)];
  assert_int_equal(bc_normalize(s, n, "en", &sp), BC_OK);
  assert_non_null(strstr(sp->text, "one point five billion dollars, five to four Senator"));
  bc_spoken_free(sp);
  /* invalid UTF-8 only */
  memset(s, 0xFF, n);
  assert_int_equal(bc_normalize(s, n, "en", &sp), BC_OK);
  assert_int_equal(sp->len, 0);
  bc_spoken_free(sp);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_news_phrases),  cmocka_unit_test(test_token_map),
      cmocka_unit_test(test_empty_and_plain), cmocka_unit_test(test_hostile_bytes),
      cmocka_unit_test(test_huge_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
