/* render and master: a script becomes a finished file whose loudness a
 * listener's player would measure at the target (EBU R128 integrated within
 * 1 LU, true peak under the ceiling) in every format and preset; chapters
 * fall on the headlines; jingles lengthen the episode and shift the
 * chapters; an interrupted render leaves nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <ebur128.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefcast/render.h"
#include "briefcast/script.h"
#include "briefcast/voice.h"
#include "scratch.h"

static char tmpdir[256];
static bc_voiceset *voices;

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/bc-test-render-XXXXXX");
  if (!mkdtemp(tmpdir)) return -1;
  return bc_voiceset_load(BC_SOURCE_DIR "/voices", &voices, NULL) == BC_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  bc_voiceset_free(voices);
  return scratch_remove(tmpdir);
}

static size_t count_entries(const char *dir) { return scratch_count(dir); }

/* Two stories, a quote: about 20 seconds. */
static bc_script *small_script(void) {
  bc_script *s = bc_script_new("Test briefing", "2026-11-27", "en");
  size_t i;
  bc_script_add(s, BC_ROLE_INTRO, "Good morning. Here are two stories.", NULL, 0, 500, 0);
  bc_script_add(s, BC_ROLE_HEADLINE, "Senator invites Russian lawmakers", NULL, 0, 600, 1);
  bc_script_add(s, BC_ROLE_NARRATOR,
                "Senator Rand Paul invited Russian lawmakers to Washington on Monday. "
                "Paul, a Kentucky Republican, said",
                NULL, 0, 300, 1);
  bc_script_add(s, BC_ROLE_QUOTE, "We agreed and we invited them to come to Washington.",
                "Rand Paul", BC_GENDER_MALE, 600, 1);
  bc_script_add(s, BC_ROLE_HEADLINE, "Council approves bike lanes", NULL, 0, 600, 2);
  bc_script_add(s, BC_ROLE_NARRATOR,
                "The city council voted seven to two to build forty kilometres of protected "
                "bike lanes.",
                NULL, 0, 500, 2);
  bc_script_add(s, BC_ROLE_OUTRO, "That is all for today.", NULL, 0, 0, 0);
  for (i = 0; i < s->n_segments; i++)
    if (s->segments[i].role == BC_ROLE_HEADLINE) {
      s->segments[i].story_title = strdup(s->segments[i].text);
      s->segments[i].story_url = strdup("https://example.com/story");
    }
  assert_int_equal(bc_voiceset_assign(voices, s), BC_OK);
  return s;
}

typedef struct measured {
  double lufs, tp, seconds;
  int rate;
} measured;

/* Decode with libsndfile and measure with libebur128, independently of
 * the library's own meter. */
static measured measure(const char *path) {
  SF_INFO info;
  SNDFILE *sf;
  ebur128_state *st;
  float buf[4096];
  sf_count_t got, total = 0;
  measured m;
  memset(&info, 0, sizeof info);
  sf = sf_open(path, SFM_READ, &info);
  assert_non_null(sf);
  assert_int_equal(info.channels, 1);
  st = ebur128_init(1, (unsigned long)info.samplerate, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
  while ((got = sf_readf_float(sf, buf, 4096)) > 0) {
    ebur128_add_frames_float(st, buf, (size_t)got);
    total += got;
  }
  ebur128_loudness_global(st, &m.lufs);
  ebur128_true_peak(st, 0, &m.tp);
  m.tp = 20 * log10(m.tp);
  m.seconds = (double)total / info.samplerate;
  m.rate = info.samplerate;
  ebur128_destroy(&st);
  sf_close(sf);
  return m;
}

/* Render small_script() to DIR/TAG.EXT with a preset (NULL: default) and,
 * when volume > 0, every voice at that volume; measure the file.  *path
 * gets the file's name (unlink it); *res what bc_render reported. */
static measured render_file(const char *ext, const char *preset, int volume, const char *tag,
                            char path[512], bc_render_result *res) {
  bc_script *s = small_script();
  bc_render_options ro;
  bc_diag diag = {{0}};
  size_t i;
  int *saved = calloc(voices->n_voices, sizeof *saved);
  for (i = 0; i < voices->n_voices; i++) {
    saved[i] = voices->voices[i].volume;
    if (volume > 0) voices->voices[i].volume = volume;
  }
  memset(&ro, 0, sizeof ro);
  snprintf(path, 512, "%s/%s.%s", tmpdir, tag, ext);
  ro.output = path;
  ro.format = -1;
  if (preset) assert_int_equal(bc_master_preset(preset, &ro.master, NULL), BC_OK);
  assert_int_equal(bc_render(s, voices, &ro, res, &diag), BC_OK);
  for (i = 0; i < voices->n_voices; i++) voices->voices[i].volume = saved[i];
  free(saved);
  bc_script_free(s);
  return measure(path);
}

static void render_and_check(const char *ext, const char *preset, double target, double ceiling,
                             int want_rate) {
  char path[512], tag[64];
  bc_render_result res;
  measured m;

  snprintf(tag, sizeof tag, "loud-%s", preset ? preset : "default");
  m = render_file(ext, preset, 0, tag, path, &res);
  print_message("%s %s: %.2f LUFS, %.2f dBTP, %.2f s\n", ext, preset ? preset : "default",
                m.lufs, m.tp, m.seconds);
  assert_int_equal(m.rate, want_rate);
  assert_true(fabs(m.lufs - target) <= 1.0);
  assert_true(m.tp <= ceiling);
  /* the result reports what the file holds */
  assert_true(fabs(res.seconds - m.seconds) < 0.1);
  assert_true(fabs(res.loudness - m.lufs) < 0.2);
  assert_true(m.seconds > 8 && m.seconds < 40);
  bc_render_result_clear(&res);
  unlink(path);
}

static void test_loudness_wav_default(void **state) {
  (void)state;
  render_and_check("wav", NULL, -16, -1, 44100);
}
static void test_loudness_mp3_podcast(void **state) {
  (void)state;
  render_and_check("mp3", "podcast", -16, -1, 44100);
}
static void test_loudness_opus(void **state) {
  (void)state;
  render_and_check("opus", NULL, -16, -1, 48000);
}
static void test_loudness_ogg_broadcast(void **state) {
  (void)state;
  render_and_check("ogg", "broadcast", -23, -1, 44100);
}
static void test_loudness_flac_broadcast(void **state) {
  (void)state;
  render_and_check("flac", "ebu", -23, -1, 44100);
}
static void test_loudness_mp3_alexa(void **state) {
  (void)state;
  render_and_check("mp3", "alexa", -14, -2, 44100);
}

/* Voices much quieter or louder than espeak-ng's default amplitude: the
 * speech-time drive misses by 10 dB either way, and the episode must still
 * land on the target with its peaks under the ceiling (through the gain
 * search when the quick way cannot). */
static void render_at_volume(int volume, const char *ext) {
  char path[512], tag[64];
  bc_render_result res;
  measured m;
  snprintf(tag, sizeof tag, "volume-%d", volume);
  m = render_file(ext, NULL, volume, tag, path, &res);
  print_message("volume %d %s: %.2f LUFS, %.2f dBTP\n", volume, ext, m.lufs, m.tp);
  assert_true(fabs(m.lufs + 16) <= 0.5);
  assert_true(m.tp <= -1);
  assert_true(fabs(res.loudness - m.lufs) < 0.2);
  bc_render_result_clear(&res);
  unlink(path);
}

static void test_loudness_quiet_voices(void **state) {
  (void)state;
  render_at_volume(30, "wav");
  render_at_volume(30, "mp3");
}

static void test_loudness_loud_voices(void **state) {
  (void)state;
  render_at_volume(200, "flac");
  render_at_volume(200, "opus");
}

static void test_presets(void **state) {
  bc_master_options o;
  int f = 0;
  (void)state;
  memset(&o, 0, sizeof o);
  assert_int_equal(bc_master_preset("alexa", &o, &f), BC_OK);
  assert_true(o.target_lufs == -14 && o.ceiling_dbtp == -2 && f == BC_FORMAT_MP3);
  assert_int_equal(bc_master_preset("broadcast", &o, &f), BC_OK);
  assert_true(o.target_lufs == -23 && f == -1);
  assert_int_equal(bc_master_preset("loud", &o, &f), BC_ERR_ARG);
}

static void test_chapters_on_headlines(void **state) {
  char path[512];
  bc_script *s = small_script();
  bc_render_options ro;
  bc_render_result res;
  (void)state;
  memset(&ro, 0, sizeof ro);
  snprintf(path, sizeof path, "%s/chapters.flac", tmpdir);
  ro.output = path;
  ro.format = -1;
  assert_int_equal(bc_render(s, voices, &ro, &res, NULL), BC_OK);
  /* intro chapter, then one per story starting at its headline */
  assert_int_equal(res.n_chapters, 3);
  assert_true(res.chapters[0].start == 0.0);
  assert_string_equal(res.chapters[1].title, "Senator invites Russian lawmakers");
  assert_string_equal(res.chapters[1].url, "https://example.com/story");
  assert_true(fabs(res.chapters[1].start -
                   (double)res.timeline->segments[1].start / res.timeline->sample_rate) < 0.01);
  assert_true(res.chapters[2].start > res.chapters[1].start);
  assert_true(fabs(res.chapters[2].end - res.seconds) < 0.01);
  /* tags a player shows: title, date, and the stories as the comment */
  {
    SF_INFO info;
    SNDFILE *sf;
    memset(&info, 0, sizeof info);
    sf = sf_open(path, SFM_READ, &info);
    assert_non_null(sf);
    assert_string_equal(sf_get_string(sf, SF_STR_TITLE), "Test briefing");
    assert_string_equal(sf_get_string(sf, SF_STR_DATE), "2026-11-27");
    assert_string_equal(sf_get_string(sf, SF_STR_COMMENT),
                        "Stories: Senator invites Russian lawmakers; Council approves bike lanes");
    sf_close(sf);
  }
  bc_render_result_clear(&res);
  bc_script_free(s);
  unlink(path);
}

/* A stereo 48 kHz jingle of `seconds`, a loud tone. */
static void write_jingle(const char *path, double seconds, float amp) {
  SF_INFO info;
  SNDFILE *sf;
  float buf[2 * 4800];
  int k, i;
  memset(&info, 0, sizeof info);
  info.samplerate = 48000;
  info.channels = 2;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  sf = sf_open(path, SFM_WRITE, &info);
  assert_non_null(sf);
  for (k = 0; k < (int)(seconds * 10); k++) {
    for (i = 0; i < 4800; i++) {
      float v = amp * (float)sin(2 * M_PI * 330.0 * (k * 4800 + i) / 48000.0);
      buf[2 * i] = buf[2 * i + 1] = v;
    }
    sf_writef_float(sf, buf, 4800);
  }
  sf_close(sf);
}

static void test_jingles(void **state) {
  char path[512], plain[512], intro[512], outro[512];
  bc_script *s = small_script();
  bc_render_options ro;
  bc_render_result res, base;
  measured m;
  (void)state;
  snprintf(intro, sizeof intro, "%s/intro.wav", tmpdir);
  snprintf(outro, sizeof outro, "%s/outro.wav", tmpdir);
  write_jingle(intro, 4.0, 0.9f);  /* far louder than speech: must be matched */
  write_jingle(outro, 3.0, 0.05f); /* far quieter */
  memset(&ro, 0, sizeof ro);
  snprintf(plain, sizeof plain, "%s/plain.wav", tmpdir);
  ro.output = plain;
  ro.format = -1;
  assert_int_equal(bc_render(s, voices, &ro, &base, NULL), BC_OK);
  snprintf(path, sizeof path, "%s/jingles.wav", tmpdir);
  ro.output = path;
  ro.master.intro_audio = intro;
  ro.master.outro_audio = outro;
  ro.master.crossfade = 1.0;
  assert_int_equal(bc_render(s, voices, &ro, &res, NULL), BC_OK);
  m = measure(path);
  /* 4 s intro + speech + 3 s outro, overlapping 1 s at each joint */
  assert_true(fabs(m.seconds - (base.seconds + 4.0 + 3.0 - 2.0)) < 0.1);
  assert_true(fabs(m.lufs + 16) <= 1.0);
  assert_true(m.tp <= -1.0);
  /* speech starts 3 s later: so do the chapters */
  assert_int_equal(res.n_chapters, base.n_chapters);
  assert_true(fabs(res.chapters[1].start - base.chapters[1].start - 3.0) < 0.01);
  /* the intro is loudness-matched: its first second is near the target,
   * not 20 dB above it */
  {
    SF_INFO info;
    SNDFILE *sf;
    float buf[44100];
    double e = 0;
    int i;
    memset(&info, 0, sizeof info);
    sf = sf_open(path, SFM_READ, &info);
    sf_readf_float(sf, buf, 44100);
    sf_close(sf);
    for (i = 0; i < 44100; i++) e += buf[i] * buf[i];
    e = 10 * log10(e / 44100); /* RMS of a tone ~ its loudness (+/- a few dB) */
    assert_true(e > -26 && e < -8);
  }
  bc_render_result_clear(&res);
  bc_render_result_clear(&base);
  bc_script_free(s);
  unlink(path);
  unlink(plain);
  unlink(intro);
  unlink(outro);
}

static void test_missing_jingle(void **state) {
  char path[512];
  bc_script *s = small_script();
  bc_render_options ro;
  bc_diag diag = {{0}};
  (void)state;
  memset(&ro, 0, sizeof ro);
  snprintf(path, sizeof path, "%s/nojingle.mp3", tmpdir);
  ro.output = path;
  ro.format = -1;
  ro.master.intro_audio = "/nonexistent/intro.wav";
  assert_int_equal(bc_render(s, voices, &ro, NULL, &diag), BC_ERR_NOT_FOUND);
  assert_non_null(strstr(diag.msg, "/nonexistent/intro.wav"));
  assert_int_equal(count_entries(tmpdir), 0);
  bc_script_free(s);
}

/* The tool's signal handler sets the cancel flag: the render stops and the
 * folder holds what it held before. */
typedef struct cancel_after {
  volatile int flag;
  const char *when;
  size_t calls;
} cancel_after;

static void progress(const char *what, size_t done, size_t total, void *user) {
  cancel_after *c = user;
  (void)done;
  (void)total;
  if (!strcmp(what, c->when) && ++c->calls == 2) c->flag = 1;
}

static void check_cancel(const char *when, const char *ext) {
  char path[512];
  bc_script *s = small_script();
  bc_render_options ro;
  bc_diag diag = {{0}};
  cancel_after c = {0, when, 0};
  memset(&ro, 0, sizeof ro);
  snprintf(path, sizeof path, "%s/cancelled.%s", tmpdir, ext);
  ro.output = path;
  ro.format = -1;
  ro.cancel = &c.flag;
  ro.on_progress = progress;
  ro.user = &c;
  assert_int_equal(bc_render(s, voices, &ro, NULL, &diag), BC_ERR_INTERRUPTED);
  assert_int_equal(count_entries(tmpdir), 0);
  bc_script_free(s);
}

static void test_cancel_while_speaking(void **state) {
  (void)state;
  check_cancel("speaking", "mp3");
}

static void test_cancel_while_encoding(void **state) {
  (void)state;
  check_cancel("encoding", "ogg");
}

static void test_unknown_extension(void **state) {
  char path[512];
  bc_script *s = small_script();
  bc_render_options ro;
  bc_diag diag = {{0}};
  (void)state;
  memset(&ro, 0, sizeof ro);
  snprintf(path, sizeof path, "%s/briefing.m4a", tmpdir);
  ro.output = path;
  ro.format = -1;
  assert_int_equal(bc_render(s, voices, &ro, NULL, &diag), BC_ERR_FORMAT);
  assert_non_null(strstr(diag.msg, ".m4a"));
  assert_int_equal(count_entries(tmpdir), 0);
  bc_script_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_presets),
      cmocka_unit_test(test_loudness_wav_default),
      cmocka_unit_test(test_loudness_mp3_podcast),
      cmocka_unit_test(test_loudness_opus),
      cmocka_unit_test(test_loudness_ogg_broadcast),
      cmocka_unit_test(test_loudness_flac_broadcast),
      cmocka_unit_test(test_loudness_mp3_alexa),
      cmocka_unit_test(test_loudness_quiet_voices),
      cmocka_unit_test(test_loudness_loud_voices),
      cmocka_unit_test(test_chapters_on_headlines),
      cmocka_unit_test(test_jingles),
      cmocka_unit_test(test_missing_jingle),
      cmocka_unit_test(test_cancel_while_speaking),
      cmocka_unit_test(test_cancel_while_encoding),
      cmocka_unit_test(test_unknown_extension),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
