/* Transcripts and chapters of a spoken briefing: valid WebVTT and SRT, cues
 * of at most two lines starting with their first word, speakers named, one
 * chapter per story at its headline. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "briefcast/transcript.h"

static bc_segment *add(bc_script *s, bc_role role, const char *text, const char *speaker,
                       unsigned pause_ms, int story) {
  s->segments = realloc(s->segments, (s->n_segments + 1) * sizeof *s->segments);
  bc_segment *g = &s->segments[s->n_segments++];
  memset(g, 0, sizeof *g);
  g->role = role;
  g->text = text ? strdup(text) : NULL;
  g->speaker = speaker ? strdup(speaker) : NULL;
  g->pause_ms = pause_ms;
  g->story = story;
  return g;
}

static void script_done(bc_script *s) {
  for (size_t i = 0; i < s->n_segments; i++) {
    free(s->segments[i].text);
    free(s->segments[i].speaker);
    free(s->segments[i].voice);
    free(s->segments[i].story_title);
    free(s->segments[i].story_url);
  }
  free(s->segments);
  memset(s, 0, sizeof *s);
}

static const char *long_quote =
    "We agreed and we invited them to come to Washington, and I think that there is "
    "a great deal of interest in having a dialogue that goes beyond the usual talking "
    "points, because nobody gains from silence between our two countries.";

/* A two-story briefing, spoken. */
static void briefing(bc_script *s, bc_timeline **tl) {
  memset(s, 0, sizeof *s);
  s->lang = "en";
  add(s, BC_ROLE_INTRO, "Good morning. Here are two stories.", NULL, 400, 0);
  bc_segment *h = add(s, BC_ROLE_HEADLINE, "Paul invites Russian lawmakers", NULL, 600, 1);
  h->story_title = strdup("Rand Paul invites Russian lawmakers to Washington");
  h->story_url = strdup("https://example.com/paul?a=1&b=2");
  add(s, BC_ROLE_NARRATOR, "Sen. Rand Paul invited Russian lawmakers to Washington. "
      "Paul, a Kentucky Republican, said", NULL, 300, 1);
  add(s, BC_ROLE_QUOTE, long_quote, "Rand Paul", 800, 1);
  h = add(s, BC_ROLE_HEADLINE, "Profits > costs & more", NULL, 600, 2);
  h->story_title = strdup("Profits \"beat\" costs");
  add(s, BC_ROLE_QUOTE, "It was a good year.", "Ann Lee", 500, 2);
  add(s, BC_ROLE_OUTRO, "That is all for today.", NULL, 0, 0);
  bc_voiceset *vs = NULL;
  assert_int_equal(bc_voiceset_load(BC_SOURCE_DIR "/voices", &vs, NULL), BC_OK);
  bc_diag d = {{0}};
  if (bc_speak(s, vs, NULL, NULL, NULL, tl, &d)) fail_msg("bc_speak: %s", d.msg);
  bc_voiceset_free(vs);
}

typedef struct parsed_cue {
  double start, end;
  char text[512];      /* lines joined with ' ', tags removed */
  char voice[64];      /* WebVTT <v> name */
  int lines;
  size_t max_line;     /* characters, tags excluded */
} parsed_cue;

static double parse_time(const char *s, char sep) {
  unsigned h, m, sec, ms;
  char c;
  if (sscanf(s, "%u:%u:%u%c%u", &h, &m, &sec, &c, &ms) != 5 || c != sep) return -1;
  assert_true(m < 60 && sec < 60 && ms < 1000);
  assert_true(strlen(s) >= 12 && s[2] == ':' && s[5] == ':' && s[8] == sep);
  return h * 3600.0 + m * 60.0 + sec + ms / 1000.0;
}

/* Parse WebVTT (vtt = 1) or SRT text strictly enough to catch format bugs. */
static size_t parse(const char *doc, int vtt, parsed_cue *cues, size_t max) {
  char *copy = strdup(doc), *save = NULL;
  size_t n = 0;
  char sep = vtt ? '.' : ',';
  char *p = copy;
  if (vtt) {
    assert_memory_equal(p, "WEBVTT\n\n", 8);
    p += 8;
  }
  /* blocks separated by exactly one blank line */
  assert_null(strstr(p, "\n\n\n"));
  for (char *block = strtok_r(p, "\n", &save); block; ) {
    assert_true(n < max);
    parsed_cue *c = &cues[n];
    memset(c, 0, sizeof *c);
    if (!vtt) {
      assert_int_equal(atoi(block), (int)n + 1);
      block = strtok_r(NULL, "\n", &save);
      assert_non_null(block);
    }
    /* "start --> end" */
    char *arrow = strstr(block, " --> ");
    assert_non_null(arrow);
    *arrow = 0;
    c->start = parse_time(block, sep);
    c->end = parse_time(arrow + 5, sep);
    assert_true(c->start >= 0 && c->end > c->start);
    /* text lines up to the blank line */
    char *line;
    for (;;) {
      char *next = save;
      if (!next || !*next || *next == '\n') {
        if (next && *next == '\n') save = next + 1;
        break;
      }
      line = strtok_r(NULL, "\n", &save);
      if (!line) break;
      c->lines++;
      size_t chars = 0;
      for (char *q = line; *q;) {
        if (vtt && *q == '<') {
          if (!strncmp(q, "<v ", 3)) {
            char *e = strchr(q, '>');
            assert_non_null(e);
            snprintf(c->voice, sizeof c->voice, "%.*s", (int)(e - q - 3), q + 3);
            q = e + 1;
          } else {
            assert_int_equal(strncmp(q, "</v>", 4), 0);
            q += 4;
          }
          continue;
        }
        size_t len = strlen(c->text);
        if (len + 2 < sizeof c->text) {
          c->text[len] = *q;
          c->text[len + 1] = 0;
        }
        chars += ((unsigned char)*q & 0xC0) != 0x80;
        q++;
      }
      if (chars > c->max_line) c->max_line = chars;
      strcat(c->text, " ");
      if (!save || !*save) break;
    }
    c->text[strlen(c->text) - 1] = 0;
    assert_true(c->lines >= 1 && c->lines <= 2);
    n++;
    block = strtok_r(NULL, "\n", &save);
  }
  free(copy);
  return n;
}

/* Check the cues against the timeline: ordered, two lines of at most 42
 * characters, each starts within 50 ms of its first word's first sample. */
static void check_against_words(const parsed_cue *c, size_t n, const bc_script *s,
                                const bc_timeline *tl, double offset) {
  for (size_t i = 0; i < n; i++) {
    assert_true(c[i].max_line <= 42);
    if (i) assert_true(c[i].start >= c[i - 1].end - 0.0011);
    /* the word nearest to the cue start */
    size_t best = 0;
    double best_d = 1e9;
    for (size_t k = 0; k < tl->n_words; k++) {
      double t = (double)tl->words[k].sample / tl->sample_rate + offset;
      if (fabs(t - c[i].start) < best_d) {
        best_d = fabs(t - c[i].start);
        best = k;
      }
    }
    assert_true(best_d <= 0.050);
    /* ...and it is the first word of the cue text */
    const bc_word_time *w = &tl->words[best];
    const char *word = s->segments[w->segment].text + w->text_start;
    size_t wl = w->text_end - w->text_start;
    const char *t = c[i].text;
    const char *colon = strstr(t, ": "); /* SRT speaker prefix */
    if (colon && strncmp(t, word, wl)) t = colon + 2;
    while (*t == '"' || *t == '(') t++;
    if (strncmp(t, word, wl)) fail_msg("cue '%s' does not start with '%.*s'", c[i].text, (int)wl, word);
  }
}

static void test_vtt(void **state) {
  (void)state;
  bc_script s;
  bc_timeline *tl = NULL;
  briefing(&s, &tl);
  char *vtt = NULL;
  assert_int_equal(bc_transcript_vtt(&s, tl, NULL, &vtt), BC_OK);
  parsed_cue c[64];
  size_t n = parse(vtt, 1, c, 64);
  assert_true(n >= 8);
  check_against_words(c, n, &s, tl, 0);
  /* speakers as voice tags */
  int paul = 0, ann = 0;
  for (size_t i = 0; i < n; i++) {
    assert_true(c[i].voice[0]);
    paul += !strcmp(c[i].voice, "Rand Paul");
    ann += !strcmp(c[i].voice, "Ann Lee");
  }
  assert_true(paul >= 3); /* the long quote takes several cues */
  assert_int_equal(ann, 1);
  assert_string_equal(c[0].voice, "Host");
  assert_string_equal(c[0].text, "Good morning.");
  /* the long quote, cue by cue, is all there, in order */
  char all[1024] = "";
  for (size_t i = 0; i < n; i++)
    if (!strcmp(c[i].voice, "Rand Paul")) {
      if (*all) strcat(all, " ");
      strcat(all, c[i].text);
    }
  assert_string_equal(all, long_quote);
  /* markup characters escaped */
  assert_non_null(strstr(vtt, "Profits &gt; costs &amp; more"));
  /* the last cue ends with the speech */
  assert_true(fabs(c[n - 1].end - (double)tl->segments[s.n_segments - 1].end / tl->sample_rate) < 0.002);
  print_message("%zu WebVTT cues for %.1f s of audio\n", n, (double)tl->n_samples / tl->sample_rate);
  bc_free(vtt);

  /* an offset (a jingle before the speech) moves every cue */
  bc_transcript_options o = {.offset_seconds = 2.5};
  assert_int_equal(bc_transcript_vtt(&s, tl, &o, &vtt), BC_OK);
  parsed_cue d[64];
  assert_int_equal(parse(vtt, 1, d, 64), n);
  check_against_words(d, n, &s, tl, 2.5);
  assert_true(fabs(d[3].start - c[3].start - 2.5) < 0.0015);
  bc_free(vtt);
  bc_timeline_free(tl);
  script_done(&s);
}

static void test_srt(void **state) {
  (void)state;
  bc_script s;
  bc_timeline *tl = NULL;
  briefing(&s, &tl);
  char *srt = NULL, *vtt = NULL;
  assert_int_equal(bc_transcript_srt(&s, tl, NULL, &srt), BC_OK);
  assert_true(strncmp(srt, "1\n", 2) == 0); /* SRT opens with cue 1, no blank line */
  assert_int_equal(bc_transcript_vtt(&s, tl, NULL, &vtt), BC_OK);
  parsed_cue c[64], v[64];
  size_t n = parse(srt, 0, c, 64);
  assert_int_equal(parse(vtt, 1, v, 64), n);
  check_against_words(c, n, &s, tl, 0);
  int prefixed = 0;
  for (size_t i = 0; i < n; i++) {
    assert_true(fabs(c[i].start - v[i].start) < 1e-9); /* same cues */
    if (!strncmp(c[i].text, "Rand Paul: We agreed", 20)) prefixed++;
    if (!strncmp(c[i].text, "Ann Lee: It was", 15)) prefixed++;
  }
  assert_int_equal(prefixed, 2);
  assert_non_null(strstr(srt, "Profits > costs & more")); /* SRT text is plain */
  bc_free(srt);
  bc_free(vtt);
  bc_timeline_free(tl);
  script_done(&s);
}

static void test_chapters(void **state) {
  (void)state;
  bc_script s;
  bc_timeline *tl = NULL;
  briefing(&s, &tl);
  bc_chapter *ch = NULL;
  size_t n = 0;
  assert_int_equal(bc_chapters_build(&s, tl, 0, &ch, &n), BC_OK);
  assert_int_equal(n, 2);
  double rate = tl->sample_rate;
  assert_string_equal(ch[0].title, "Rand Paul invites Russian lawmakers to Washington");
  assert_string_equal(ch[0].url, "https://example.com/paul?a=1&b=2");
  assert_true(fabs(ch[0].start - tl->segments[1].start / rate) < 1e-9);
  assert_true(fabs(ch[1].start - tl->segments[4].start / rate) < 1e-9);
  assert_true(fabs(ch[0].end - ch[1].start) < 1e-9);
  assert_true(fabs(ch[1].end - tl->n_samples / rate) < 1e-9);
  assert_null(ch[1].url);
  char *json = NULL;
  assert_int_equal(bc_chapters_json(ch, n, &json), BC_OK);
  assert_non_null(strstr(json, "\"version\": \"1.2.0\""));
  assert_non_null(strstr(json, "\"title\": \"Profits \\\"beat\\\" costs\""));
  char want[64];
  snprintf(want, sizeof want, "\"startTime\": %.3f", ch[1].start);
  assert_non_null(strstr(json, want));
  bc_free(json);
  bc_chapters_free(ch, n);
  bc_chapters_free(NULL, 0);
  bc_timeline_free(tl);
  script_done(&s);
}

/* A timeline made by hand: a segment espeak-ng gave no word events for
 * still gets cues covering its text, spread over its time. */
static void test_segment_without_words(void **state) {
  (void)state;
  bc_script s = {.lang = "en"};
  add(&s, BC_ROLE_NARRATOR, "One two three four five six seven eight nine ten eleven "
      "twelve thirteen fourteen fifteen sixteen seventeen eighteen.", NULL, 0, 1);
  bc_segment_time seg = {.start = 22050, .end = 22050 * 7, .pause_end = 22050 * 7};
  bc_timeline tl = {.sample_rate = 22050, .n_samples = 22050 * 7, .segments = &seg,
                    .n_segments = 1};
  char *vtt = NULL;
  assert_int_equal(bc_transcript_vtt(&s, &tl, NULL, &vtt), BC_OK);
  parsed_cue c[16];
  size_t n = parse(vtt, 1, c, 16);
  assert_true(n >= 2);
  assert_true(fabs(c[0].start - 1.0) < 0.002);
  assert_true(fabs(c[n - 1].end - 7.0) < 0.002);
  assert_true(!strncmp(c[0].text, "One two", 7));
  for (size_t i = 0; i < n; i++) assert_true(c[i].max_line <= 42);
  bc_free(vtt);
  /* a timeline for another script is refused */
  tl.n_segments = 0;
  assert_int_equal(bc_transcript_srt(&s, &tl, NULL, &vtt), BC_ERR_ARG);
  script_done(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_vtt),
      cmocka_unit_test(test_srt),
      cmocka_unit_test(test_chapters),
      cmocka_unit_test(test_segment_without_words),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
