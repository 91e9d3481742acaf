/* encode: every format reads back (with libsndfile, the way a player would)
 * at the right rate and length, with its tags in UTF-8 and its chapters;
 * files appear only when finished; bad destinations fail with the path in
 * the message and leave nothing. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefcast/encode.h"
#include "util.h"
#include "scratch.h"

static char tmpdir[256];

static int setup(void **state) {
  (void)state;
  return scratch_make(tmpdir, sizeof tmpdir, "test-encode");
}

static int teardown(void **state) {
  (void)state;
  return scratch_remove(tmpdir);
}

static size_t count_entries(const char *dir) { return scratch_count(dir); }

static const bc_chapter chapters[] = {
    {0.0, 1.0, "Premi\xc3\xa8re histoire", "https://example.com/one"},
    {1.0, 2.0, "Zweite Geschichte \xc3\xbc", NULL},
};
static const bc_tags tags = {"Morning briefing \xe2\x80\x94 caf\xc3\xa9", "Jos\xc3\xa9 Author",
                             "The Daily Brief", "2026-11-27", "Made by briefcast",
                             chapters, 2};

/* 2 s of a 440 Hz tone at half scale. */
static void write_tone(bc_encoder *e, unsigned rate, double seconds) {
  float buf[1000];
  size_t total = (size_t)(seconds * rate), done = 0, i;
  while (done < total) {
    size_t n = total - done < 1000 ? total - done : 1000;
    for (i = 0; i < n; i++) buf[i] = 0.5f * (float)sin(2 * M_PI * 440.0 * (double)(done + i) / rate);
    assert_int_equal(bc_encoder_write(e, buf, n), BC_OK);
    done += n;
  }
}

static unsigned char *slurp(const char *path, size_t *len) {
  char *data = NULL;
  assert_int_equal(util_read_file(path, 0, &data, len), BC_OK);
  return (unsigned char *)data;
}

static uint32_t le32(const unsigned char *p) {
  return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The Vorbis comments of a FLAC, Ogg Vorbis or Opus file, as one
 * "KEY=value\n" string: found after the comment header's magic. */
static char *vorbis_comments(const char *path) {
  size_t len, off = 0;
  unsigned char *d = slurp(path, &len);
  bc_buf out;
  uint32_t n, k;
  buf_init(&out);
  if (len > 4 && !memcmp(d, "fLaC", 4)) {
    size_t pos = 4;
    for (;;) {
      unsigned type = d[pos] & 0x7f, last = d[pos] & 0x80;
      uint32_t blen = (uint32_t)d[pos + 1] << 16 | (uint32_t)d[pos + 2] << 8 | d[pos + 3];
      if (type == 4) {
        off = pos + 4;
        break;
      }
      pos += 4 + blen;
      assert_true(pos < len);
      assert_false(last);
    }
  } else {
    /* Ogg: reassemble the second packet from the pages' segments. */
    bc_buf pkt;
    size_t pos = 0, packet = 0;
    buf_init(&pkt);
    while (packet < 2) {
      size_t nseg, body, s;
      assert_true(pos + 27 < len);
      assert_memory_equal(d + pos, "OggS", 4);
      nseg = d[pos + 26];
      body = pos + 27 + nseg;
      for (s = 0; s < nseg && packet < 2; s++) {
        unsigned v = d[pos + 27 + s];
        if (packet == 1) buf_add(&pkt, (char *)d + body, v);
        body += v;
        if (v < 255) packet++;
      }
      pos = body; /* the next page (when this one ended before packet 2 did) */
    }
    free(d);
    d = (unsigned char *)pkt.s;
    len = pkt.len;
    if (!memcmp(d, "\x03vorbis", 7)) off = 7;
    else if (!memcmp(d, "OpusTags", 8)) off = 8;
    assert_true(off > 0);
  }
  off += 4 + le32(d + off); /* vendor */
  n = le32(d + off);
  off += 4;
  for (k = 0; k < n; k++) {
    uint32_t l = le32(d + off);
    buf_add(&out, (char *)d + off + 4, l);
    buf_addc(&out, '\n');
    off += 4 + l;
  }
  free(d);
  return buf_steal(&out);
}

static uint32_t syncsafe(const unsigned char *p) {
  return (uint32_t)p[0] << 21 | (uint32_t)p[1] << 14 | (uint32_t)p[2] << 7 | p[3];
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Checks the ID3v2.4 tag at the start of an MP3: version, UTF-8 title,
 * CTOC listing two chapters, CHAP frames with times and titles. */
static void check_id3(const char *path) {
  size_t len, pos, end;
  unsigned char *d = slurp(path, &len);
  int chaps = 0, toc = 0, title = 0;
  assert_memory_equal(d, "ID3\x04", 4);
  end = 10 + syncsafe(d + 6);
  assert_true(end < len);
  /* the audio follows the tag directly: an MPEG frame sync */
  assert_int_equal(d[end], 0xff);
  assert_int_equal(d[end + 1] & 0xe0, 0xe0);
  for (pos = 10; pos + 10 <= end && d[pos]; pos += 10 + syncsafe(d + pos + 4)) {
    const unsigned char *f = d + pos, *b = f + 10;
    uint32_t size = syncsafe(f + 4);
    if (!memcmp(f, "TIT2", 4)) {
      assert_int_equal(b[0], 3); /* UTF-8 */
      assert_memory_equal(b + 1, tags.title, strlen(tags.title));
      title = 1;
    } else if (!memcmp(f, "CTOC", 4)) {
      assert_string_equal((const char *)b, "toc");
      assert_int_equal(b[4] & 0x03, 0x03); /* top level, ordered */
      assert_int_equal(b[5], 2);
      toc = 1;
    } else if (!memcmp(f, "CHAP", 4)) {
      size_t idl = strlen((const char *)b) + 1;
      const unsigned char *t = b + idl;
      const unsigned char *sub = t + 16;
      assert_int_equal(be32(t), chaps == 0 ? 0 : 1000);
      assert_int_equal(be32(t + 4), chaps == 0 ? 1000 : 2000);
      assert_memory_equal(sub, "TIT2", 4);
      assert_int_equal(sub[10], 3);
      assert_memory_equal(sub + 11, chapters[chaps].title, strlen(chapters[chaps].title));
      if (chaps == 0) assert_non_null(memmem(b, size, "https://example.com/one", 23));
      chaps++;
    }
  }
  assert_true(title);
  assert_true(toc);
  assert_int_equal(chaps, 2);
  free(d);
}

static void check_format(bc_format f, const char *ext, unsigned rate) {
  char path[512];
  bc_encoder *e = NULL;
  bc_diag diag = {{0}};
  SF_INFO info;
  SNDFILE *sf;
  float *pcm;
  double rms = 0;
  sf_count_t i, got;
  const double seconds = 2.0;

  snprintf(path, sizeof path, "%s/episode.%s", tmpdir, ext);
  assert_int_equal(bc_format_from_path(path), (int)f);
  assert_int_equal(bc_encoder_open(path, f, rate, NULL, &e, &diag), BC_OK);
  write_tone(e, rate, seconds);
  /* nothing under the real name (or any name) until finished */
  assert_int_equal(access(path, F_OK), -1);
  assert_int_equal(bc_encoder_samples(e), (uint64_t)(seconds * rate));
  assert_int_equal(bc_encoder_finish(e, &tags, &diag), BC_OK);
  assert_int_equal(count_entries(tmpdir), 1);

  memset(&info, 0, sizeof info);
  sf = sf_open(path, SFM_READ, &info);
  assert_non_null(sf);
  assert_int_equal(info.samplerate, (int)rate);
  assert_int_equal(info.channels, 1);
  /* lossy codecs may pad to a frame: within 50 ms */
  assert_true(fabs((double)info.frames / rate - seconds) < 0.05);
  assert_string_equal(sf_get_string(sf, SF_STR_TITLE), tags.title);
  assert_string_equal(sf_get_string(sf, SF_STR_ARTIST), tags.artist);
  assert_string_equal(sf_get_string(sf, SF_STR_ALBUM), tags.album);
  assert_string_equal(sf_get_string(sf, SF_STR_DATE), tags.date);
  /* not silent: a half-scale sine has RMS 0.35 */
  pcm = malloc((size_t)info.frames * sizeof *pcm);
  got = sf_readf_float(sf, pcm, info.frames);
  assert_true(got > info.frames / 2);
  for (i = 0; i < got; i++) rms += pcm[i] * pcm[i];
  rms = sqrt(rms / (double)got);
  assert_true(rms > 0.3 && rms < 0.4);
  free(pcm);
  sf_close(sf);

  if (f == BC_FORMAT_MP3) {
    check_id3(path);
  } else if (f != BC_FORMAT_WAV) {
    char *c = vorbis_comments(path);
    assert_non_null(strstr(c, "TITLE=Morning briefing \xe2\x80\x94 caf\xc3\xa9\n"));
    assert_non_null(strstr(c, "CHAPTER001=00:00:00.000\n"));
    assert_non_null(strstr(c, "CHAPTER001NAME=Premi\xc3\xa8re histoire\n"));
    assert_non_null(strstr(c, "CHAPTER001URL=https://example.com/one\n"));
    assert_non_null(strstr(c, "CHAPTER002=00:00:01.000\n"));
    assert_non_null(strstr(c, "CHAPTER002NAME=Zweite Geschichte \xc3\xbc\n"));
    assert_null(strstr(c, "CHAPTER002URL"));
    free(c);
  }
  unlink(path);
}

static void test_wav(void **state) { (void)state; check_format(BC_FORMAT_WAV, "wav", 44100); }
static void test_flac(void **state) { (void)state; check_format(BC_FORMAT_FLAC, "flac", 44100); }
static void test_ogg(void **state) { (void)state; check_format(BC_FORMAT_OGG, "ogg", 44100); }
static void test_opus(void **state) { (void)state; check_format(BC_FORMAT_OPUS, "opus", 48000); }
static void test_mp3(void **state) { (void)state; check_format(BC_FORMAT_MP3, "mp3", 44100); }

/* A long Ogg comment packet (600 chapters) spans several pages and the
 * stream still decodes to the end. */
static void test_ogg_many_chapters(void **state) {
  char path[512], *c;
  bc_chapter many[600];
  char titles[600][64];
  bc_tags t = tags;
  bc_encoder *e = NULL;
  SF_INFO info;
  SNDFILE *sf;
  int i;
  (void)state;
  for (i = 0; i < 600; i++) {
    snprintf(titles[i], sizeof titles[i], "Story number %d with a fairly long title", i + 1);
    many[i].start = i * 0.01;
    many[i].end = (i + 1) * 0.01;
    many[i].title = titles[i];
    many[i].url = "https://example.com/a/rather/long/link/to/the/source/article.html";
  }
  t.chapters = many;
  t.n_chapters = 600;
  snprintf(path, sizeof path, "%s/many.ogg", tmpdir);
  assert_int_equal(bc_encoder_open(path, BC_FORMAT_OGG, 44100, NULL, &e, NULL), BC_OK);
  write_tone(e, 44100, 3.0);
  assert_int_equal(bc_encoder_finish(e, &t, NULL), BC_OK);
  c = vorbis_comments(path);
  /* ~80 KB of comments: more than one Ogg page holds */
  assert_true(strlen(c) > 65025);
  assert_non_null(strstr(c, "CHAPTER300NAME=Story number 300 with a fairly long title\n"));
  assert_non_null(strstr(c, "CHAPTER600=00:00:05.990\n"));
  free(c);
  memset(&info, 0, sizeof info);
  sf = sf_open(path, SFM_READ, &info);
  assert_non_null(sf);
  assert_int_equal(info.frames, 3 * 44100);
  sf_close(sf);
  unlink(path);
}

static void test_abort_leaves_nothing(void **state) {
  char path[512];
  bc_encoder *e = NULL;
  int f;
  (void)state;
  for (f = BC_FORMAT_WAV; f <= BC_FORMAT_MP3; f++) {
    snprintf(path, sizeof path, "%s/aborted.%s", tmpdir, bc_format_name((bc_format)f));
    assert_int_equal(
        bc_encoder_open(path, (bc_format)f, f == BC_FORMAT_OPUS ? 48000 : 44100, NULL, &e, NULL),
        BC_OK);
    write_tone(e, 44100, 0.5);
    bc_encoder_abort(e);
    assert_int_equal(count_entries(tmpdir), 0);
  }
  bc_encoder_abort(NULL);
}

static void test_replaces_existing_file_whole(void **state) {
  char path[512];
  bc_encoder *e = NULL;
  SF_INFO info;
  SNDFILE *sf;
  (void)state;
  snprintf(path, sizeof path, "%s/again.wav", tmpdir);
  assert_int_equal(util_write_file_atomic(path, "old", 3), BC_OK);
  assert_int_equal(bc_encoder_open(path, BC_FORMAT_WAV, 22050, NULL, &e, NULL), BC_OK);
  write_tone(e, 22050, 1.0);
  /* the old file is still there, whole, while the new one is written */
  {
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(util_read_file(path, 0, &data, &len), BC_OK);
    assert_int_equal(len, 3);
    free(data);
  }
  assert_int_equal(bc_encoder_finish(e, NULL, NULL), BC_OK);
  memset(&info, 0, sizeof info);
  sf = sf_open(path, SFM_READ, &info);
  assert_non_null(sf);
  assert_int_equal(info.frames, 22050);
  sf_close(sf);
  assert_int_equal(count_entries(tmpdir), 1);
  unlink(path);
}

static void test_bad_destinations(void **state) {
  char path[512], file[512];
  bc_encoder *e = NULL;
  bc_diag diag = {{0}};
  (void)state;
  snprintf(path, sizeof path, "%s/no/such/folder/out.wav", tmpdir);
  assert_int_not_equal(bc_encoder_open(path, BC_FORMAT_WAV, 44100, NULL, &e, &diag), BC_OK);
  assert_null(e);
  assert_non_null(strstr(diag.msg, "no/such/folder"));

  /* a "folder" that is a file */
  snprintf(file, sizeof file, "%s/plainfile", tmpdir);
  assert_int_equal(util_write_file_atomic(file, "x", 1), BC_OK);
  snprintf(path, sizeof path, "%.400s/out.mp3", file);
  memset(&diag, 0, sizeof diag);
  assert_int_equal(bc_encoder_open(path, BC_FORMAT_MP3, 44100, NULL, &e, &diag), BC_ERR_IO);
  assert_non_null(strstr(diag.msg, "plainfile"));
  unlink(file);

  /* Opus has no 44.1 kHz mode */
  snprintf(path, sizeof path, "%s/out.opus", tmpdir);
  memset(&diag, 0, sizeof diag);
  assert_int_equal(bc_encoder_open(path, BC_FORMAT_OPUS, 44100, NULL, &e, &diag), BC_ERR_FORMAT);
  assert_non_null(strstr(diag.msg, "44100"));
  assert_int_equal(count_entries(tmpdir), 0);
}

static void test_format_names(void **state) {
  (void)state;
  assert_int_equal(bc_format_parse("MP3"), BC_FORMAT_MP3);
  assert_int_equal(bc_format_parse("vorbis"), BC_FORMAT_OGG);
  assert_int_equal(bc_format_parse("opus"), BC_FORMAT_OPUS);
  assert_int_equal(bc_format_parse("aac"), -1);
  assert_int_equal(bc_format_from_path("a/b.FLAC"), BC_FORMAT_FLAC);
  assert_int_equal(bc_format_from_path("briefing.m4a"), -1);
  assert_int_equal(bc_format_from_path("noext"), -1);
  assert_string_equal(bc_format_mime(BC_FORMAT_MP3), "audio/mpeg");
  assert_string_equal(bc_format_mime(BC_FORMAT_OPUS), "audio/ogg");
  assert_string_equal(bc_format_name(BC_FORMAT_OGG), "ogg");
  assert_true(bc_format_rate_ok(BC_FORMAT_OPUS, 48000));
  assert_false(bc_format_rate_ok(BC_FORMAT_OPUS, 44100));
  assert_false(bc_format_rate_ok(BC_FORMAT_MP3, 96000));
}

/* --bitrate reaches the encoder: 32 and 128 kbit/s MP3 files differ in
 * size by about four. */
static void test_mp3_bitrate(void **state) {
  char path[512];
  struct stat st;
  off_t size[2];
  int k, rates[2] = {32, 128};
  (void)state;
  for (k = 0; k < 2; k++) {
    bc_encode_options o = {0, rates[k]};
    bc_encoder *e = NULL;
    snprintf(path, sizeof path, "%s/rate%d.mp3", tmpdir, rates[k]);
    assert_int_equal(bc_encoder_open(path, BC_FORMAT_MP3, 44100, &o, &e, NULL), BC_OK);
    write_tone(e, 44100, 4.0);
    assert_int_equal(bc_encoder_finish(e, NULL, NULL), BC_OK);
    assert_int_equal(stat(path, &st), 0);
    size[k] = st.st_size;
    /* within 10% of bitrate * duration */
    assert_true(fabs((double)st.st_size * 8 / 4.0 / 1000 - rates[k]) < rates[k] * 0.1 + 2);
    unlink(path);
  }
  assert_true(size[1] > 3 * size[0]);
}

static void test_decoder_mixes_down(void **state) {
  char path[512];
  SF_INFO info;
  SNDFILE *sf;
  float st[2000], mono[1000];
  bc_decoder *d = NULL;
  unsigned rate = 0;
  uint64_t frames = 0;
  int i;
  (void)state;
  snprintf(path, sizeof path, "%s/stereo.wav", tmpdir);
  memset(&info, 0, sizeof info);
  info.samplerate = 32000;
  info.channels = 2;
  info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
  sf = sf_open(path, SFM_WRITE, &info);
  for (i = 0; i < 1000; i++) {
    st[2 * i] = 0.5f;
    st[2 * i + 1] = -0.25f;
  }
  sf_writef_float(sf, st, 1000);
  sf_close(sf);
  assert_int_equal(bc_decoder_open(path, &d, &rate, &frames, NULL), BC_OK);
  assert_int_equal(rate, 32000);
  assert_int_equal(frames, 1000);
  assert_int_equal(bc_decoder_read(d, mono, 1000), 1000);
  assert_float_equal(mono[10], 0.125f, 1e-6);
  assert_int_equal(bc_decoder_read(d, mono, 1000), 0);
  bc_decoder_close(d);
  unlink(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format_names),
      cmocka_unit_test(test_wav),
      cmocka_unit_test(test_flac),
      cmocka_unit_test(test_ogg),
      cmocka_unit_test(test_opus),
      cmocka_unit_test(test_mp3),
      cmocka_unit_test(test_ogg_many_chapters),
      cmocka_unit_test(test_abort_leaves_nothing),
      cmocka_unit_test(test_replaces_existing_file_whole),
      cmocka_unit_test(test_bad_destinations),
      cmocka_unit_test(test_mp3_bitrate),
      cmocka_unit_test(test_decoder_mixes_down),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
