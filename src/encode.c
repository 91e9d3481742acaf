/* The encode stage: mono float samples in, an audio file out, through
 * libsndfile (the only file that includes sndfile.h).
 *
 * Formats: WAV and raw PCM (16-bit), FLAC (16-bit), Ogg Vorbis, Ogg Opus and
 * MP3 (libsndfile 1.2's LAME/mpg123 path).  A file is written under a
 * temporary name in its destination folder and only renamed into place by
 * bc_encoder_finish(), so a failure or an interruption never leaves half a
 * file under the real name.  On Linux the temporary file is an unnamed
 * O_TMPFILE, linked into the folder only when it is complete: even a crash
 * or SIGKILL leaves nothing behind.  Elsewhere it is a hidden ".NAME.tmp-PID-N"
 * file that bc_encoder_abort() removes.
 *
 * Tags that libsndfile cannot write correctly are written by hand after the
 * audio: MP3 gets an ID3v2.4 tag with chapters (id3.c) prepended while the
 * temporary file is copied; FLAC gets its VORBIS_COMMENT block replaced (with
 * CHAPTERnnn comments); Ogg Vorbis and Opus get their comment packet
 * replaced and the pages that follow renumbered (ogg_rewrite below).
 *
 * "-" writes to stdout.  WAV and raw PCM are written without libsndfile so
 * no seek is needed: the WAV header then says 0xFFFFFFFF bytes of data (the
 * usual convention for a WAV stream of unknown length; aplay, sox and
 * ffmpeg accept it).  Other formats go through sf_open_fd on the pipe (no
 * tags then; a piped FLAC does not state its length, a piped MP3 has no
 * Xing/LAME header, so players estimate its duration). */
#define _GNU_SOURCE /* O_TMPFILE */
#include "briefcast/encode.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "id3.h"
#include "util.h"

/* ---- formats ---------------------------------------------------------- */

static const struct {
  const char *name, *ext, *mime;
} formats[] = {
  [BC_FORMAT_WAV] = {"wav", ".wav", "audio/wav"},
  [BC_FORMAT_FLAC] = {"flac", ".flac", "audio/flac"},
  [BC_FORMAT_OGG] = {"ogg", ".ogg", "audio/ogg"},
  [BC_FORMAT_OPUS] = {"opus", ".opus", "audio/ogg"},
  [BC_FORMAT_MP3] = {"mp3", ".mp3", "audio/mpeg"},
  [BC_FORMAT_RAW] = {"raw", ".raw", "audio/L16"},
};
#define N_FORMATS (sizeof formats / sizeof formats[0])

int bc_format_parse(const char *name) {
  size_t i;
  if (!name) return -1;
  if (!util_strcasecmp(name, "vorbis") || !util_strcasecmp(name, "oga")) return BC_FORMAT_OGG;
  if (!util_strcasecmp(name, "pcm") || !util_strcasecmp(name, "s16le")) return BC_FORMAT_RAW;
  if (!util_strcasecmp(name, "wave")) return BC_FORMAT_WAV;
  for (i = 0; i < N_FORMATS; i++)
    if (!util_strcasecmp(name, formats[i].name)) return (int)i;
  return -1;
}

int bc_format_from_path(const char *path) {
  size_t i;
  if (!path) return -1;
  for (i = 0; i < N_FORMATS; i++)
    if (util_has_suffix_ci(path, formats[i].ext)) return (int)i;
  if (util_has_suffix_ci(path, ".oga")) return BC_FORMAT_OGG;
  if (util_has_suffix_ci(path, ".pcm")) return BC_FORMAT_RAW;
  return -1;
}

const char *bc_format_name(bc_format f) {
  return (unsigned)f < N_FORMATS ? formats[f].name : "unknown";
}

const char *bc_format_mime(bc_format f) {
  return (unsigned)f < N_FORMATS ? formats[f].mime : "application/octet-stream";
}

int bc_format_rate_ok(bc_format f, unsigned rate) {
  static const unsigned mpeg[] = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
  size_t i;
  switch (f) {
  case BC_FORMAT_OPUS:
    return rate == 8000 || rate == 12000 || rate == 16000 || rate == 24000 || rate == 48000;
  case BC_FORMAT_MP3:
    for (i = 0; i < sizeof mpeg / sizeof mpeg[0]; i++)
      if (rate == mpeg[i]) return 1;
    return 0;
  case BC_FORMAT_FLAC:
    return rate >= 1 && rate <= 655350;
  default:
    return rate >= 1000 && rate <= 384000;
  }
}

/* ---- temporary files in the destination folder ------------------------- */

typedef struct tmpout {
  int fd;
  char *name; /* NULL for an unnamed O_TMPFILE */
} tmpout;

static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return xstrdup(".");
  if (slash == path) return xstrdup("/");
  return xstrndup(path, (size_t)(slash - path));
}

static bc_rc tmp_create(const char *path, tmpout *t, bc_diag *diag) {
  char *dir = dir_of(path);
  t->name = NULL;
#ifdef O_TMPFILE
  t->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
  if (t->fd >= 0) {
    /* O_TMPFILE ignores the umask-applied mode on some file systems. */
    mode_t um = umask(0);
    umask(um);
    (void)fchmod(t->fd, 0666 & ~um);
    free(dir);
    return BC_OK;
  }
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
    util_diag(diag, "cannot write to folder '%s': %s", dir, strerror(errno));
    free(dir);
    return errno == ENOENT ? BC_ERR_NOT_FOUND : BC_ERR_IO;
  }
#endif
  t->name = util_temp_name(path);
  t->fd = open(t->name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (t->fd < 0) {
    int err = errno;
    util_diag(diag, "cannot write to folder '%s': %s", dir, strerror(err));
    free(t->name);
    t->name = NULL;
    free(dir);
    return err == ENOENT ? BC_ERR_NOT_FOUND : BC_ERR_IO;
  }
  free(dir);
  return BC_OK;
}

static void tmp_discard(tmpout *t) {
  if (t->fd >= 0) close(t->fd);
  if (t->name) unlink(t->name);
  free(t->name);
  t->fd = -1;
  t->name = NULL;
}

/* fsync, then give the file its real name.  Consumes t. */
static bc_rc tmp_publish(tmpout *t, const char *path, bc_diag *diag) {
  bc_rc rc = BC_OK;
  if (fsync(t->fd) != 0 && errno != EINVAL) {
    util_diag(diag, "cannot write '%s': %s", path, strerror(errno));
    tmp_discard(t);
    return BC_ERR_IO;
  }
  if (!t->name) {
    /* Link the unnamed file under a temporary name, then rename over the
     * destination (linkat cannot replace an existing file). */
    char proc[64];
    char *name = util_temp_name(path);
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", t->fd);
    if (linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) != 0) {
      util_diag(diag, "cannot create '%s': %s", path, strerror(errno));
      free(name);
      tmp_discard(t);
      return BC_ERR_IO;
    }
    t->name = name;
  }
  if (rename(t->name, path) != 0) {
    util_diag(diag, "cannot create '%s': %s", path, strerror(errno));
    rc = BC_ERR_IO;
  } else {
    free(t->name);
    t->name = NULL;
  }
  tmp_discard(t);
  return rc;
}

static int write_all(int fd, const void *data, size_t len) {
  const char *p = data;
  while (len) {
    ssize_t w = write(fd, p, len);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    len -= (size_t)w;
  }
  return 0;
}

/* Copy src from byte `from` to its end onto the end of dst. */
static int copy_rest(int src, off_t from, int dst) {
  char buf[65536];
  for (;;) {
    ssize_t r = pread(src, buf, sizeof buf, from);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (r == 0) return 0;
    if (write_all(dst, buf, (size_t)r)) return -1;
    from += r;
  }
}

static ssize_t pread_full(int fd, void *buf, size_t n, off_t off) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = pread(fd, (char *)buf + got, n - got, off + (off_t)got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (r == 0) break;
    got += (size_t)r;
  }
  return (ssize_t)got;
}

/* ---- tags ------------------------------------------------------------- */

typedef struct tagcopy {
  bc_tags t;
  bc_chapter *ch;
  int set;
} tagcopy;

static void tags_copy(tagcopy *dst, const bc_tags *src) {
  size_t i;
  memset(dst, 0, sizeof *dst);
  if (!src) return;
  dst->set = 1;
  dst->t.title = xstrdup(src->title);
  dst->t.artist = xstrdup(src->artist);
  dst->t.album = xstrdup(src->album);
  dst->t.date = xstrdup(src->date);
  dst->t.comment = xstrdup(src->comment);
  if (src->n_chapters) {
    dst->ch = xcalloc(src->n_chapters, sizeof *dst->ch);
    for (i = 0; i < src->n_chapters; i++) {
      dst->ch[i] = src->chapters[i];
      dst->ch[i].title = xstrdup(src->chapters[i].title);
      dst->ch[i].url = xstrdup(src->chapters[i].url);
    }
  }
  dst->t.chapters = dst->ch;
  dst->t.n_chapters = src->n_chapters;
}

static void tags_clear(tagcopy *c) {
  size_t i;
  free((char *)c->t.title);
  free((char *)c->t.artist);
  free((char *)c->t.album);
  free((char *)c->t.date);
  free((char *)c->t.comment);
  for (i = 0; i < c->t.n_chapters; i++) {
    free((char *)c->ch[i].title);
    free((char *)c->ch[i].url);
  }
  free(c->ch);
  memset(c, 0, sizeof *c);
}

static void put_le32(bc_buf *b, uint32_t v) {
  char c[4] = {(char)v, (char)(v >> 8), (char)(v >> 16), (char)(v >> 24)};
  buf_add(b, c, 4);
}

static void vc_add(bc_buf *list, uint32_t *n, const char *key, const char *value) {
  size_t kl, vl;
  if (!value || !*value) return;
  kl = strlen(key);
  vl = strlen(value);
  put_le32(list, (uint32_t)(kl + 1 + vl));
  buf_add(list, key, kl);
  buf_addc(list, '=');
  buf_add(list, value, vl);
  (*n)++;
}

/* The body of a Vorbis comment header (vendor, count, comments), as FLAC's
 * VORBIS_COMMENT block and the Vorbis/Opus comment packets carry it.
 * Chapters follow the Vorbis chapter extension used by players and by
 * ffmpeg: CHAPTER001=HH:MM:SS.mmm, CHAPTER001NAME=, CHAPTER001URL=. */
static void vc_build(const bc_tags *t, const char *vendor, bc_buf *out) {
  bc_buf list;
  uint32_t n = 0;
  size_t i;

  buf_init(&list);
  if (t) {
    vc_add(&list, &n, "TITLE", t->title);
    vc_add(&list, &n, "ARTIST", t->artist);
    vc_add(&list, &n, "ALBUM", t->album);
    vc_add(&list, &n, "DATE", t->date);
    vc_add(&list, &n, "COMMENT", t->comment);
    for (i = 0; i < t->n_chapters && i < 999; i++) {
      char key[32], stamp[32];
      double s = t->chapters[i].start < 0 ? 0 : t->chapters[i].start;
      long ms = lround(s * 1000.0);
      snprintf(key, sizeof key, "CHAPTER%03zu", i + 1);
      snprintf(stamp, sizeof stamp, "%02ld:%02ld:%02ld.%03ld", ms / 3600000, ms / 60000 % 60,
               ms / 1000 % 60, ms % 1000);
      vc_add(&list, &n, key, stamp);
      snprintf(key, sizeof key, "CHAPTER%03zuNAME", i + 1);
      vc_add(&list, &n, key, t->chapters[i].title);
      snprintf(key, sizeof key, "CHAPTER%03zuURL", i + 1);
      vc_add(&list, &n, key, t->chapters[i].url);
    }
  }
  if (!vendor) vendor = "briefcast";
  put_le32(out, (uint32_t)strlen(vendor));
  buf_adds(out, vendor);
  put_le32(out, n);
  buf_add(out, list.s, list.len);
  buf_free(&list);
}

static int has_tags(const bc_tags *t) {
  return t && ((t->title && *t->title) || (t->artist && *t->artist) ||
               (t->album && *t->album) || (t->date && *t->date) ||
               (t->comment && *t->comment) || t->n_chapters);
}

/* ---- the encoder ------------------------------------------------------ */

struct bc_encoder {
  bc_format format;
  unsigned rate;
  char *path;          /* destination; NULL for stdout */
  tmpout out;          /* the temporary file (fd 1 for stdout, not owned) */
  SNDFILE *sf;
  int own_writer;      /* WAV/RAW on stdout: written here, not by libsndfile */
  uint64_t samples;
  tagcopy tags;
  int completed;        /* bc_encoder_complete() done */
  int16_t *pcm;        /* conversion buffer for own_writer */
  size_t pcm_cap;
};

static int sf_major(bc_format f) {
  switch (f) {
  case BC_FORMAT_WAV: return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  case BC_FORMAT_FLAC: return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
  case BC_FORMAT_OGG: return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
  case BC_FORMAT_OPUS: return SF_FORMAT_OGG | SF_FORMAT_OPUS;
  case BC_FORMAT_MP3: return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  case BC_FORMAT_RAW: return SF_FORMAT_RAW | SF_FORMAT_PCM_16 | SF_ENDIAN_LITTLE;
  }
  return 0;
}

/* libsndfile sets a constant bitrate through SFC_SET_COMPRESSION_LEVEL,
 * where 0 is the highest bitrate of the codec's range and 1 the lowest. */
static double level_for_bitrate(bc_format f, unsigned rate, int kbps) {
  double lo, hi;
  if (f == BC_FORMAT_MP3) {
    if (rate >= 32000) lo = 32, hi = 320;      /* MPEG-1 */
    else if (rate >= 16000) lo = 8, hi = 160;  /* MPEG-2 */
    else lo = 8, hi = 64;                      /* MPEG-2.5 */
  } else {
    lo = 6, hi = 256;                          /* Opus, per channel */
  }
  if (kbps <= lo) return 1.0;
  if (kbps >= hi) return 0.0;
  return (hi - kbps) / (hi - lo);
}

static void apply_options(bc_encoder *e, const bc_encode_options *o) {
  double q;
  int mode;
  if (e->format != BC_FORMAT_OGG && e->format != BC_FORMAT_OPUS && e->format != BC_FORMAT_MP3) {
    if (e->format == BC_FORMAT_FLAC) {
      q = 0.6; /* flac -5: the usual size/speed balance */
      sf_command(e->sf, SFC_SET_COMPRESSION_LEVEL, &q, sizeof q);
    }
    return;
  }
  if (o && o->bitrate_kbps > 0 && e->format != BC_FORMAT_OGG) {
    mode = SF_BITRATE_MODE_CONSTANT;
    sf_command(e->sf, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
    q = level_for_bitrate(e->format, e->rate, o->bitrate_kbps);
    sf_command(e->sf, SFC_SET_COMPRESSION_LEVEL, &q, sizeof q);
    return;
  }
  if (o && o->quality > 0) {
    q = o->quality > 1 ? 1 : o->quality;
  } else if (e->format == BC_FORMAT_MP3 || e->format == BC_FORMAT_OPUS) {
    /* Defaults for mono speech: MP3 64 kbit/s constant (the common podcast
     * rate), Opus about 48 kbit/s variable. */
    mode = e->format == BC_FORMAT_MP3 ? SF_BITRATE_MODE_CONSTANT : SF_BITRATE_MODE_VARIABLE;
    sf_command(e->sf, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
    q = level_for_bitrate(e->format, e->rate, e->format == BC_FORMAT_MP3 ? 64 : 48);
    sf_command(e->sf, SFC_SET_COMPRESSION_LEVEL, &q, sizeof q);
    return;
  } else {
    q = 0.4;
  }
  if (e->format != BC_FORMAT_OGG) {
    mode = SF_BITRATE_MODE_VARIABLE;
    sf_command(e->sf, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
  }
  sf_command(e->sf, SFC_SET_VBR_ENCODING_QUALITY, &q, sizeof q);
}

static void put_le16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
}

static void put_le32b(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
  p[2] = (unsigned char)(v >> 16);
  p[3] = (unsigned char)(v >> 24);
}

/* A 44-byte PCM WAV header for a stream of unknown length. */
static int write_stream_wav_header(int fd, unsigned rate) {
  unsigned char h[44];
  memcpy(h, "RIFF", 4);
  put_le32b(h + 4, 0xffffffffu);
  memcpy(h + 8, "WAVEfmt ", 8);
  put_le32b(h + 16, 16);
  put_le16(h + 20, 1);          /* PCM */
  put_le16(h + 22, 1);          /* mono */
  put_le32b(h + 24, rate);
  put_le32b(h + 28, rate * 2);  /* bytes per second */
  put_le16(h + 32, 2);          /* block align */
  put_le16(h + 34, 16);
  memcpy(h + 36, "data", 4);
  put_le32b(h + 40, 0xffffffffu);
  return write_all(fd, h, sizeof h);
}

bc_rc bc_encoder_open(const char *path, bc_format format, unsigned rate,
                      const bc_encode_options *opts, bc_encoder **out, bc_diag *diag) {
  bc_encoder *e;
  SF_INFO info;
  bc_rc rc;

  *out = NULL;
  if (!path || !*path) {
    util_diag(diag, "no output file name");
    return BC_ERR_ARG;
  }
  if ((unsigned)format >= N_FORMATS) {
    util_diag(diag, "%s: unknown audio format", path);
    return BC_ERR_FORMAT;
  }
  if (!bc_format_rate_ok(format, rate)) {
    util_diag(diag, "%s: %s cannot be written at %u Hz", path, formats[format].name, rate);
    return BC_ERR_FORMAT;
  }
  e = xcalloc(1, sizeof *e);
  e->format = format;
  e->rate = rate;
  e->out.fd = -1;

  if (!strcmp(path, "-")) {
    e->out.fd = STDOUT_FILENO;
    if (format == BC_FORMAT_WAV || format == BC_FORMAT_RAW) {
      e->own_writer = 1;
      if (format == BC_FORMAT_WAV && write_stream_wav_header(e->out.fd, rate)) {
        util_diag(diag, "cannot write to standard output: %s", strerror(errno));
        free(e);
        return BC_ERR_IO;
      }
      *out = e;
      return BC_OK;
    }
  } else {
    e->path = xstrdup(path);
    rc = tmp_create(path, &e->out, diag);
    if (rc) {
      free(e->path);
      free(e);
      return rc;
    }
  }

  memset(&info, 0, sizeof info);
  info.samplerate = (int)rate;
  info.channels = 1;
  info.format = sf_major(format);
  e->sf = sf_open_fd(e->out.fd, SFM_WRITE, &info, 0);
  if (!e->sf) {
    if (!e->path)
      util_diag(diag, "cannot stream %s to standard output (%s); use wav or raw",
                formats[format].name, sf_strerror(NULL));
    else
      util_diag(diag, "%s: cannot encode %s: %s", path, formats[format].name, sf_strerror(NULL));
    rc = e->path ? BC_ERR_ENCODE : BC_ERR_UNSUPPORTED;
    if (e->path) tmp_discard(&e->out);
    free(e->path);
    free(e);
    return rc;
  }
  {
    int on = SF_TRUE;
    sf_command(e->sf, SFC_SET_CLIPPING, NULL, on);
  }
  apply_options(e, opts);
  *out = e;
  return BC_OK;
}

static void sf_apply_strings(bc_encoder *e, const bc_tags *t) {
  if (!e->sf || !t) return;
  if (t->title && *t->title) sf_set_string(e->sf, SF_STR_TITLE, t->title);
  if (t->artist && *t->artist) sf_set_string(e->sf, SF_STR_ARTIST, t->artist);
  if (t->album && *t->album) sf_set_string(e->sf, SF_STR_ALBUM, t->album);
  if (t->date && *t->date) sf_set_string(e->sf, SF_STR_DATE, t->date);
  if (t->comment && *t->comment) sf_set_string(e->sf, SF_STR_COMMENT, t->comment);
  sf_set_string(e->sf, SF_STR_SOFTWARE, "briefcast");
}

bc_rc bc_encoder_set_tags(bc_encoder *e, const bc_tags *tags) {
  if (!e) return BC_ERR_ARG;
  tags_clear(&e->tags);
  tags_copy(&e->tags, tags);
  return BC_OK;
}

uint64_t bc_encoder_samples(const bc_encoder *e) { return e ? e->samples : 0; }

bc_rc bc_encoder_write(bc_encoder *e, const float *samples, size_t n) {
  if (!e) return BC_ERR_ARG;
  if (!n) return BC_OK;
  if (e->own_writer) {
    size_t i;
    if (n > e->pcm_cap) {
      e->pcm_cap = n;
      e->pcm = xrealloc(e->pcm, n * sizeof *e->pcm);
    }
    for (i = 0; i < n; i++) {
      float v = samples[i] * 32767.0f;
      long s = lrintf(v > 32767.0f ? 32767.0f : v < -32768.0f ? -32768.0f : v);
      unsigned char *p = (unsigned char *)&e->pcm[i];
      p[0] = (unsigned char)(s & 0xff);
      p[1] = (unsigned char)((s >> 8) & 0xff);
    }
    if (write_all(e->out.fd, e->pcm, n * 2)) return BC_ERR_IO;
    e->samples += n;
    return BC_OK;
  }
  if (sf_writef_float(e->sf, samples, (sf_count_t)n) != (sf_count_t)n)
    return sf_error(e->sf) == SF_ERR_SYSTEM ? BC_ERR_IO : BC_ERR_ENCODE;
  e->samples += n;
  return BC_OK;
}

/* MP3: a new temporary file holding our ID3v2.4 tag and the audio without
 * whatever tag LAME wrote. */
static bc_rc finish_mp3(bc_encoder *e, const bc_tags *t, tmpout *dst, bc_diag *diag) {
  unsigned char head[10];
  ssize_t got = pread_full(e->out.fd, head, sizeof head, 0);
  off_t skip = 0;
  bc_buf tag;
  bc_rc rc;

  if (got < 0) goto io;
  skip = (off_t)id3_tag_length(head, (size_t)got);
  rc = tmp_create(e->path, dst, diag);
  if (rc) return rc;
  buf_init(&tag);
  id3_build(t, (uint32_t)llround((double)e->samples * 1000.0 / e->rate), &tag);
  if (write_all(dst->fd, tag.s, tag.len) || copy_rest(e->out.fd, skip, dst->fd)) {
    buf_free(&tag);
    tmp_discard(dst);
    goto io;
  }
  buf_free(&tag);
  return BC_OK;
io:
  util_diag(diag, "cannot write '%s': %s", e->path, strerror(errno));
  return BC_ERR_IO;
}

/* FLAC: copy the metadata blocks except VORBIS_COMMENT and PADDING, add our
 * VORBIS_COMMENT last, then the frames (FLAC format spec, "METADATA_BLOCK"). */
static bc_rc finish_flac(bc_encoder *e, const bc_tags *t, tmpout *dst, bc_diag *diag) {
  unsigned char h[4];
  off_t pos = 4;
  bc_buf meta, vc;
  char *vendor = NULL;
  bc_rc rc;
  int last = 0;

  if (pread_full(e->out.fd, h, 4, 0) != 4 || memcmp(h, "fLaC", 4)) {
    util_diag(diag, "%s: the FLAC encoder wrote no stream header", e->path);
    return BC_ERR_ENCODE;
  }
  buf_init(&meta);
  buf_add(&meta, "fLaC", 4);
  while (!last) {
    unsigned type;
    uint32_t len;
    if (pread_full(e->out.fd, h, 4, pos) != 4) goto bad;
    last = h[0] & 0x80;
    type = h[0] & 0x7f;
    len = ((uint32_t)h[1] << 16) | ((uint32_t)h[2] << 8) | h[3];
    if (type == 4 && !vendor && len >= 4) {
      unsigned char vl[4];
      uint32_t n;
      if (pread_full(e->out.fd, vl, 4, pos + 4) != 4) goto bad;
      n = vl[0] | ((uint32_t)vl[1] << 8) | ((uint32_t)vl[2] << 16) | ((uint32_t)vl[3] << 24);
      if (n <= len - 4) {
        vendor = xmalloc(n + 1);
        if (pread_full(e->out.fd, vendor, n, pos + 8) != (ssize_t)n) goto bad;
        vendor[n] = 0;
      }
    }
    if (type != 1 && type != 4) {
      size_t at = meta.len;
      char *blk = xmalloc(len + 4);
      if (pread_full(e->out.fd, blk + 4, len, pos + 4) != (ssize_t)len) {
        free(blk);
        goto bad;
      }
      memcpy(blk, h, 4);
      blk[0] = (char)(type); /* not last: our comment block follows */
      buf_add(&meta, blk, len + 4);
      free(blk);
      (void)at;
    }
    pos += 4 + (off_t)len;
  }
  buf_init(&vc);
  vc_build(t, vendor, &vc);
  h[0] = 0x80 | 4;
  h[1] = (unsigned char)(vc.len >> 16);
  h[2] = (unsigned char)(vc.len >> 8);
  h[3] = (unsigned char)vc.len;
  buf_add(&meta, (char *)h, 4);
  buf_add(&meta, vc.s, vc.len);
  buf_free(&vc);
  free(vendor);
  vendor = NULL;

  rc = tmp_create(e->path, dst, diag);
  if (rc) {
    buf_free(&meta);
    return rc;
  }
  if (write_all(dst->fd, meta.s, meta.len) || copy_rest(e->out.fd, pos, dst->fd)) {
    util_diag(diag, "cannot write '%s': %s", e->path, strerror(errno));
    tmp_discard(dst);
    buf_free(&meta);
    return BC_ERR_IO;
  }
  buf_free(&meta);
  return BC_OK;
bad:
  free(vendor);
  buf_free(&meta);
  util_diag(diag, "%s: cannot read back the FLAC metadata", e->path);
  return BC_ERR_ENCODE;
}

/* Ogg Vorbis and Opus: replace the comment packet (RFC 3533 pages; Vorbis I
 * spec section 5, RFC 7845 section 5.2).  The identification page is kept,
 * the comment packet (and Vorbis' setup packet) are paged anew, and the
 * audio pages that follow are copied with their sequence numbers shifted
 * and their CRC recomputed. */
static uint32_t ogg_crc_table[256];

static void ogg_crc_init(void) {
  uint32_t i, r;
  int k;
  if (ogg_crc_table[1]) return;
  for (i = 0; i < 256; i++) {
    r = i << 24;
    for (k = 0; k < 8; k++) r = r & 0x80000000u ? (r << 1) ^ 0x04c11db7u : r << 1;
    ogg_crc_table[i] = r;
  }
}

static uint32_t ogg_crc(const unsigned char *p, size_t n) {
  uint32_t crc = 0;
  size_t i;
  for (i = 0; i < n; i++) crc = (crc << 8) ^ ogg_crc_table[((crc >> 24) & 0xff) ^ p[i]];
  return crc;
}

typedef struct ogg_page {
  unsigned char buf[27 + 255 + 255 * 255];
  size_t hlen, blen; /* header (with lacing) and body lengths */
} ogg_page;

/* Read the page at *pos; 1 on success, 0 at the end, -1 on damage. */
static int ogg_read_page(int fd, off_t *pos, ogg_page *pg) {
  ssize_t r = pread_full(fd, pg->buf, 27, *pos);
  size_t i;
  if (r == 0) return 0;
  if (r != 27 || memcmp(pg->buf, "OggS", 4)) return -1;
  pg->hlen = 27 + pg->buf[26];
  if (pread_full(fd, pg->buf + 27, pg->buf[26], *pos + 27) != pg->buf[26]) return -1;
  pg->blen = 0;
  for (i = 27; i < pg->hlen; i++) pg->blen += pg->buf[i];
  if (pread_full(fd, pg->buf + pg->hlen, pg->blen, *pos + (off_t)pg->hlen) != (ssize_t)pg->blen)
    return -1;
  *pos += (off_t)(pg->hlen + pg->blen);
  return 1;
}

static void ogg_set_u32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
  p[2] = (unsigned char)(v >> 16);
  p[3] = (unsigned char)(v >> 24);
}

static int ogg_write_page(int fd, ogg_page *pg) {
  ogg_set_u32(pg->buf + 22, 0);
  ogg_set_u32(pg->buf + 22, ogg_crc(pg->buf, pg->hlen + pg->blen));
  return write_all(fd, pg->buf, pg->hlen + pg->blen);
}

/* Page the header packets (granule 0) starting at sequence number *seq. */
static int ogg_write_packets(int fd, const unsigned char *serial, uint32_t *seq, bc_buf *pk,
                             size_t npk) {
  ogg_page *pg = xmalloc(sizeof *pg);
  size_t p = 0, off = 0, nseg = 0;
  int cont = 0, ok = 0;
  bc_buf body;
  buf_init(&body);
  while (p < npk) {
    /* lacing for the rest of packet p */
    size_t left = pk[p].len - off;
    size_t take = left >= 255 ? 255 : left;
    pg->buf[27 + nseg++] = (unsigned char)take;
    buf_add(&body, pk[p].s + off, take);
    off += take;
    if (take < 255) { /* packet ends here */
      p++;
      off = 0;
    }
    if (nseg == 255 || p == npk) {
      int ends = take < 255;
      memcpy(pg->buf, "OggS", 4);
      pg->buf[4] = 0;
      pg->buf[5] = (unsigned char)(cont ? 1 : 0);
      memset(pg->buf + 6, ends ? 0x00 : 0xff, 8); /* granule 0, or -1: no packet ends */
      memcpy(pg->buf + 14, serial, 4);
      ogg_set_u32(pg->buf + 18, (*seq)++);
      pg->buf[26] = (unsigned char)nseg;
      pg->hlen = 27 + nseg;
      memcpy(pg->buf + pg->hlen, body.s, body.len);
      pg->blen = body.len;
      if (ogg_write_page(fd, pg)) goto out;
      cont = !ends;
      nseg = 0;
      body.len = 0;
    }
  }
  ok = 1;
out:
  buf_free(&body);
  free(pg);
  return ok ? 0 : -1;
}

static bc_rc finish_ogg(bc_encoder *e, const bc_tags *t, tmpout *dst, bc_diag *diag) {
  int opus = e->format == BC_FORMAT_OPUS;
  size_t need = opus ? 2 : 3, have = 0, i;
  bc_buf pk[3], cur;
  ogg_page *pg = xmalloc(sizeof *pg);
  off_t pos = 0;
  unsigned char serial[4];
  uint32_t seq = 0, old_seq = 0;
  int r, first = 1;
  bc_rc rc = BC_ERR_ENCODE;
  char *vendor = NULL;

  ogg_crc_init();
  for (i = 0; i < 3; i++) buf_init(&pk[i]);
  buf_init(&cur);
  /* Gather the header packets. */
  while (have < need) {
    size_t seg, boff = 0;
    r = ogg_read_page(e->out.fd, &pos, pg);
    if (r != 1) goto bad;
    if (first) {
      memcpy(serial, pg->buf + 14, 4);
      first = 0;
    }
    old_seq = pg->buf[18] | (uint32_t)pg->buf[19] << 8 | (uint32_t)pg->buf[20] << 16 |
              (uint32_t)pg->buf[21] << 24;
    for (seg = 27; seg < pg->hlen; seg++) {
      unsigned v = pg->buf[seg];
      if (have >= need) goto bad; /* audio shares a header page: leave it */
      buf_add(&cur, (char *)pg->buf + pg->hlen + boff, v);
      boff += v;
      if (v < 255) {
        buf_add(&pk[have], cur.s, cur.len);
        have++;
        cur.len = 0;
      }
    }
  }
  if (cur.len) goto bad;
  /* The new comment packet, keeping the encoder's vendor string. */
  {
    bc_buf *c = &pk[1];
    size_t skip = opus ? 8 : 7;
    if (c->len >= skip + 4) {
      const unsigned char *v = (const unsigned char *)c->s + skip;
      uint32_t n = v[0] | (uint32_t)v[1] << 8 | (uint32_t)v[2] << 16 | (uint32_t)v[3] << 24;
      if (n <= c->len - skip - 4) vendor = xstrndup((const char *)v + 4, n);
    }
    c->len = 0;
    if (opus) buf_add(c, "OpusTags", 8);
    else buf_add(c, "\x03vorbis", 7);
    vc_build(t, vendor, c);
    if (!opus) buf_addc(c, 1); /* framing bit */
  }
  rc = tmp_create(e->path, dst, diag);
  if (rc) goto out;
  rc = BC_ERR_IO;
  /* Page 0: the identification header alone, as both specs require. */
  {
    off_t p0 = 0;
    if (ogg_read_page(e->out.fd, &p0, pg) != 1 || write_all(dst->fd, pg->buf, pg->hlen + pg->blen))
      goto io;
  }
  seq = 1;
  if (ogg_write_packets(dst->fd, serial, &seq, pk + 1, need - 1)) goto io;
  /* The audio pages, renumbered. */
  while ((r = ogg_read_page(e->out.fd, &pos, pg)) == 1) {
    uint32_t s = pg->buf[18] | (uint32_t)pg->buf[19] << 8 | (uint32_t)pg->buf[20] << 16 |
                 (uint32_t)pg->buf[21] << 24;
    ogg_set_u32(pg->buf + 18, s - old_seq - 1 + seq);
    if (ogg_write_page(dst->fd, pg)) goto io;
  }
  if (r < 0) {
    tmp_discard(dst);
    goto bad;
  }
  rc = BC_OK;
  goto out;
io:
  util_diag(diag, "cannot write '%s': %s", e->path, strerror(errno));
  tmp_discard(dst);
  goto out;
bad:
  util_diag(diag, "%s: cannot read back the Ogg headers to tag them", e->path);
  rc = BC_ERR_ENCODE;
out:
  for (i = 0; i < 3; i++) buf_free(&pk[i]);
  buf_free(&cur);
  free(vendor);
  free(pg);
  return rc;
}

static void encoder_free(bc_encoder *e) {
  tags_clear(&e->tags);
  free(e->pcm);
  free(e->path);
  free(e);
}

bc_rc bc_encoder_complete(bc_encoder *e, const bc_tags *tags, bc_diag *diag) {
  bc_rc rc = BC_OK;
  const bc_tags *t;
  tmpout rewritten = {-1, NULL};

  if (!e) return BC_ERR_ARG;
  if (e->completed) return BC_OK;
  if (tags) bc_encoder_set_tags(e, tags);
  t = e->tags.set ? &e->tags.t : NULL;
  e->completed = 1;
  if (e->own_writer) return BC_OK; /* stdout: nothing to close */
  if (e->format == BC_FORMAT_WAV || e->format == BC_FORMAT_RAW) sf_apply_strings(e, t);
  if (sf_close(e->sf) != 0) {
    util_diag(diag, "%s: encoding failed: %s", e->path ? e->path : "stdout", sf_strerror(NULL));
    e->sf = NULL;
    return BC_ERR_ENCODE;
  }
  e->sf = NULL;
  if (!e->path) return BC_OK; /* streamed */

  if (e->format == BC_FORMAT_MP3) {
    rc = finish_mp3(e, t, &rewritten, diag);
  } else if (e->format == BC_FORMAT_FLAC && has_tags(t)) {
    rc = finish_flac(e, t, &rewritten, diag);
  } else if ((e->format == BC_FORMAT_OGG || e->format == BC_FORMAT_OPUS) && has_tags(t)) {
    rc = finish_ogg(e, t, &rewritten, diag);
  }
  if (rc) return rc;
  if (rewritten.fd >= 0) {
    tmp_discard(&e->out);
    e->out = rewritten;
  }
  return BC_OK;
}

bc_rc bc_encoder_publish(bc_encoder *e, bc_diag *diag) {
  bc_rc rc = BC_OK;
  if (!e) return BC_ERR_ARG;
  if (!e->completed) {
    bc_encoder_abort(e);
    return BC_ERR_ARG;
  }
  if (e->path) {
    rc = tmp_publish(&e->out, e->path, diag);
    e->out.fd = -1;
    tmp_discard(&e->out);
  }
  encoder_free(e);
  return rc;
}

bc_rc bc_encoder_finish(bc_encoder *e, const bc_tags *tags, bc_diag *diag) {
  bc_rc rc;
  if (!e) return BC_ERR_ARG;
  rc = bc_encoder_complete(e, tags, diag);
  if (rc) {
    bc_encoder_abort(e);
    return rc;
  }
  return bc_encoder_publish(e, diag);
}

void bc_encoder_abort(bc_encoder *e) {
  if (!e) return;
  if (e->sf) sf_close(e->sf);
  if (e->path) tmp_discard(&e->out);
  encoder_free(e);
}

/* ---- reading ---------------------------------------------------------- */

struct bc_decoder {
  SNDFILE *sf;
  int channels;
  float *frames;
  size_t cap;
};

bc_rc bc_decoder_open(const char *path, bc_decoder **out, unsigned *rate, uint64_t *frames,
                      bc_diag *diag) {
  SF_INFO info;
  bc_decoder *d;
  SNDFILE *sf;

  *out = NULL;
  memset(&info, 0, sizeof info);
  sf = sf_open(path, SFM_READ, &info);
  if (!sf) {
    int missing = access(path, F_OK) != 0;
    util_diag(diag, "%s: %s", path, missing ? "no such file" : sf_strerror(NULL));
    return missing ? BC_ERR_NOT_FOUND : BC_ERR_FORMAT;
  }
  if (info.channels < 1 || info.samplerate < 1) {
    util_diag(diag, "%s: no audio", path);
    sf_close(sf);
    return BC_ERR_FORMAT;
  }
  d = xcalloc(1, sizeof *d);
  d->sf = sf;
  d->channels = info.channels;
  if (rate) *rate = (unsigned)info.samplerate;
  if (frames) *frames = info.frames > 0 && info.frames != SF_COUNT_MAX ? (uint64_t)info.frames : 0;
  *out = d;
  return BC_OK;
}

size_t bc_decoder_read(bc_decoder *d, float *samples, size_t n) {
  sf_count_t got;
  size_t i;
  int c;
  if (!d || !n) return 0;
  if (d->channels == 1) {
    got = sf_readf_float(d->sf, samples, (sf_count_t)n);
    return got > 0 ? (size_t)got : 0;
  }
  if (n * (size_t)d->channels > d->cap) {
    d->cap = n * (size_t)d->channels;
    d->frames = xrealloc(d->frames, d->cap * sizeof *d->frames);
  }
  got = sf_readf_float(d->sf, d->frames, (sf_count_t)n);
  if (got <= 0) return 0;
  for (i = 0; i < (size_t)got; i++) {
    float s = 0;
    for (c = 0; c < d->channels; c++) s += d->frames[i * (size_t)d->channels + (size_t)c];
    samples[i] = s / (float)d->channels;
  }
  return (size_t)got;
}

void bc_decoder_close(bc_decoder *d) {
  if (!d) return;
  sf_close(d->sf);
  free(d->frames);
  free(d);
}

bc_rc bc_encoder_read_back(bc_encoder *e, bc_decoder **out, unsigned *rate, bc_diag *diag) {
  SF_INFO info;
  SNDFILE *sf;
  int fd;
  *out = NULL;
  if (!e || !e->completed || !e->path || e->out.fd < 0) {
    util_diag(diag, "nothing to read back");
    return BC_ERR_ARG;
  }
  fd = dup(e->out.fd);
  if (fd < 0 || lseek(fd, 0, SEEK_SET) < 0) {
    util_diag(diag, "%s: cannot read back: %s", e->path, strerror(errno));
    if (fd >= 0) close(fd);
    return BC_ERR_IO;
  }
  memset(&info, 0, sizeof info);
  if (e->format == BC_FORMAT_RAW) {
    info.samplerate = (int)e->rate;
    info.channels = 1;
    info.format = sf_major(BC_FORMAT_RAW);
  }
  sf = sf_open_fd(fd, SFM_READ, &info, 1);
  if (!sf) {
    util_diag(diag, "%s: cannot read back: %s", e->path, sf_strerror(NULL));
    close(fd);
    return BC_ERR_ENCODE;
  }
  *out = xcalloc(1, sizeof **out);
  (*out)->sf = sf;
  (*out)->channels = info.channels;
  if (rate) *rate = (unsigned)info.samplerate;
  return BC_OK;
}
