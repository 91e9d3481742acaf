/* Podcast output: a script in, an episode in a podcast folder out: the
 * audio (bc_render), chapters in the Podcasting 2.0 JSON chapters format
 * (version 1.2.0), WebVTT and SRT transcripts (transcript.h), and feed.xml.
 *
 * The feed is RSS 2.0 with the itunes namespace (Apple Podcasts' required
 * tags: channel title, description, language, itunes:image,
 * itunes:category, itunes:explicit; item title, enclosure and guid; plus
 * the recommended itunes:author, itunes:owner, link, pubDate,
 * itunes:duration) and the podcast namespace (podcast:transcript,
 * podcast:chapters), per podcastindex.org's namespace documentation.
 *
 * It is rebuilt from the episode history in the state database on each
 * run, newest first, keeping the last N; older episodes' files are deleted
 * once the new feed is in place.  The guid is derived from the episode's
 * file name (date and title), so the same briefing made twice replaces
 * itself instead of appearing twice.
 *
 * Interruptions: the audio appears only when complete (bc_render), each
 * other file through a temporary name and rename, and the history changes
 * in one transaction committed after the feed is written.  If the run is
 * cancelled before the feed is renamed into place, the new episode's files
 * are removed again, so the folder shows the previous episode and feed. */
#include "briefcast/podcast.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "briefcast/transcript.h"
#include "util.h"

#define DEFAULT_KEEP 10

static int cancelled(const bc_render_options *o) { return o->cancel && *o->cancel; }

/* ---- small helpers ---------------------------------------------------- */

static const char *or_default(const char *s, const char *def) { return s && *s ? s : def; }

/* "2026-11-27-morning-briefing": date, then the title in lower-case ASCII
 * letters and digits joined by hyphens (at most 48 characters). */
static char *episode_slug(const char *date, const char *title) {
  bc_buf b;
  const char *p;
  int dash = 1;
  buf_init(&b);
  buf_add(&b, date, strlen(date) > 10 ? 10 : strlen(date));
  buf_addc(&b, '-');
  for (p = title; *p && b.len < 11 + 48; p++) {
    char c = *p;
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      buf_addc(&b, c);
      dash = 0;
    } else if (!dash) {
      buf_addc(&b, '-');
      dash = 1;
    }
  }
  while (b.len && b.s[b.len - 1] == '-') b.s[--b.len] = 0;
  if (b.len <= 10) buf_adds(&b, "-episode");
  return buf_steal(&b);
}

static void xml_escape(bc_buf *o, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '&': buf_adds(o, "&amp;"); break;
    case '<': buf_adds(o, "&lt;"); break;
    case '>': buf_adds(o, "&gt;"); break;
    case '"': buf_adds(o, "&quot;"); break;
    case '\'': buf_adds(o, "&apos;"); break;
    default:
      /* XML 1.0 forbids most control characters even escaped. */
      if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t') buf_addc(o, *s);
    }
  }
}

static void xml_elem(bc_buf *o, const char *indent, const char *name, const char *text) {
  if (!text || !*text) return;
  buf_printf(o, "%s<%s>", indent, name);
  xml_escape(o, text);
  buf_printf(o, "</%s>\n", name);
}

/* Percent-encode what is not safe in a URL path segment. */
static void url_add_name(bc_buf *o, const char *name) {
  static const char hex[] = "0123456789ABCDEF";
  for (; *name; name++) {
    unsigned char c = (unsigned char)*name;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '.' || c == '_' || c == '~') {
      buf_addc(o, (char)c);
    } else {
      buf_addc(o, '%');
      buf_addc(o, hex[c >> 4]);
      buf_addc(o, hex[c & 15]);
    }
  }
}

/* The public URL of a file in the folder. */
static char *file_url(const char *base_url, const char *abs_dir, const char *name) {
  bc_buf b;
  buf_init(&b);
  if (base_url && *base_url) {
    buf_adds(&b, base_url);
    if (b.s[b.len - 1] != '/') buf_addc(&b, '/');
  } else {
    buf_adds(&b, "file://");
    buf_adds(&b, abs_dir);
    buf_addc(&b, '/');
  }
  url_add_name(&b, name);
  return buf_steal(&b);
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static char *dir_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? xstrndup(path, (size_t)(s - path)) : xstrdup(".");
}

/* path with its extension replaced by ext (".srt"). */
static char *swap_ext(const char *path, const char *ext) {
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
  return xasprintf("%.*s%s", (int)n, path, ext);
}

bc_rc bc_rfc2822_date(const char *iso, char out[32]) {
  static const char *days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  struct tm tm;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  time_t t;
  if (!iso || sscanf(iso, "%d-%d-%d", &y, &mo, &d) != 3 || mo < 1 || mo > 12 || d < 1 || d > 31)
    return BC_ERR_PARSE;
  if (strlen(iso) > 10 && sscanf(iso + 10, "T%d:%d:%d", &h, &mi, &s) < 2) return BC_ERR_PARSE;
  memset(&tm, 0, sizeof tm);
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  t = timegm(&tm);
  gmtime_r(&t, &tm);
  if (tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0) return BC_ERR_PARSE;
  snprintf(out, 32, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7],
           tm.tm_mday % 100, months[tm.tm_mon % 12], (tm.tm_year + 1900) % 10000,
           tm.tm_hour % 100, tm.tm_min % 100, tm.tm_sec % 100);
  return BC_OK;
}

/* Now as ISO 8601 UTC ($SOURCE_DATE_EPOCH when set, for reproducible runs). */
static void now_iso(char out[32]) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static bc_rc write_file(const char *path, const char *data, size_t len, bc_diag *diag) {
  bc_rc rc = util_write_file_atomic(path, data, len);
  if (rc) util_diag(diag, "cannot write '%s': %s", path, strerror(errno));
  return rc;
}

/* ---- a plain cover image ------------------------------------------------ */

/* When no image is given and the folder has none, a 1400x1400 RGB PNG in
 * one colour (Apple's minimum size; Apple asks for RGB, not a palette), so
 * the feed's itunes:image resolves.  Each row is filter byte 0, one pixel
 * as literals, then length-258 matches at distance 3 repeating it, in one
 * fixed-Huffman deflate block (RFC 1951 3.2.6): about 50 KB. */
typedef struct bitw {
  bc_buf *b;
  unsigned acc, n;
} bitw;

static void bits_put(bitw *w, unsigned v, unsigned n) { /* LSB first */
  w->acc |= v << w->n;
  w->n += n;
  while (w->n >= 8) {
    buf_addc(w->b, (char)(w->acc & 0xff));
    w->acc >>= 8;
    w->n -= 8;
  }
}

static void huff_put(bitw *w, unsigned code, unsigned n) { /* MSB of the code first */
  unsigned i;
  for (i = 0; i < n; i++) bits_put(w, (code >> (n - 1 - i)) & 1, 1);
}

static uint32_t png_crc(const unsigned char *p, size_t n) {
  uint32_t c = 0xffffffffu;
  size_t i;
  int k;
  for (i = 0; i < n; i++) {
    c ^= p[i];
    for (k = 0; k < 8; k++) c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
  }
  return c ^ 0xffffffffu;
}

static void be32(bc_buf *b, uint32_t v) {
  char c[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
  buf_add(b, c, 4);
}

static void png_chunk(bc_buf *out, const char *type, const bc_buf *data) {
  bc_buf tmp;
  buf_init(&tmp);
  buf_add(&tmp, type, 4);
  if (data) buf_add(&tmp, data->s, data->len);
  be32(out, (uint32_t)(tmp.len - 4));
  buf_add(out, tmp.s, tmp.len);
  be32(out, png_crc((unsigned char *)tmp.s, tmp.len));
  buf_free(&tmp);
}

static void lit_put(bitw *w, unsigned v) { /* fixed-Huffman literal */
  if (v < 144) huff_put(w, 0x30 + v, 8);
  else huff_put(w, 0x190 + (v - 144), 9);
}

static void make_cover_png(bc_buf *out) {
  const uint32_t side = 1400;
  const unsigned char rgb[3] = {0x1f, 0x3a, 0x5c}; /* dark blue */
  const size_t row = 1 + (size_t)side * 3;
  bc_buf d;
  bitw w;
  uint32_t y, a = 1, b = 0;
  size_t left, i;

  buf_add(out, "\x89PNG\r\n\x1a\n", 8);
  buf_init(&d);
  be32(&d, side);
  be32(&d, side);
  buf_add(&d, "\x08\x02\x00\x00\x00", 5); /* 8-bit RGB, deflate, no filter, no interlace */
  png_chunk(out, "IHDR", &d);
  d.len = 0;
  buf_add(&d, "\x78\x01", 2); /* zlib header: deflate, 32K window, no dictionary */
  w.b = &d;
  w.acc = w.n = 0;
  bits_put(&w, 1, 1); /* BFINAL */
  bits_put(&w, 1, 2); /* BTYPE = fixed Huffman */
  for (y = 0; y < side; y++) {
    lit_put(&w, 0);
    for (i = 0; i < 3; i++) lit_put(&w, rgb[i]);
    for (left = row - 4; left >= 258; left -= 258) {
      huff_put(&w, 0xc0 + (285 - 280), 8); /* length 258 */
      huff_put(&w, 2, 5);                  /* distance code 2: distance 3 */
    }
    for (i = 0; i < left; i++) lit_put(&w, rgb[(row - left + i - 1) % 3]);
  }
  huff_put(&w, 0, 7); /* end of block */
  if (w.n) bits_put(&w, 0, 8 - w.n);
  /* Adler-32 of the raw rows */
  for (y = 0; y < side; y++)
    for (i = 0; i < row; i++) {
      a = (a + (i == 0 ? 0 : rgb[(i - 1) % 3])) % 65521;
      b = (b + a) % 65521;
    }
  be32(&d, (b << 16) | a);
  png_chunk(out, "IDAT", &d);
  png_chunk(out, "IEND", NULL);
  buf_free(&d);
}

/* ---- the feed ------------------------------------------------------------ */

static int in_dir(const bc_episode *ep, const char *abs_dir) {
  char *d;
  int same;
  if (!ep->audio_path) return 0;
  d = dir_name(ep->audio_path);
  same = !strcmp(d, abs_dir);
  free(d);
  return same;
}

static void hms(double seconds, char out[32]) {
  unsigned long s = seconds > 0 && seconds < 3.6e8 ? (unsigned long)(seconds + 0.5) : 0;
  snprintf(out, 32, "%02lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
}

typedef struct channel {
  const char *title, *description, *language, *author, *owner_email, *category, *subcategory;
  char *image_url, *link, *self_url;
  int explicit_content;
} channel;

static char *build_feed(const channel *ch, bc_episode *const *eps, size_t n, const char *base_url,
                        const char *abs_dir) {
  bc_buf o;
  char date[32], now[32];
  size_t i;

  buf_init(&o);
  now_iso(now);
  bc_rfc2822_date(now, date);
  buf_adds(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
               " xmlns:podcast=\"https://podcastindex.org/namespace/1.0\""
               " xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
  xml_elem(&o, "  ", "title", ch->title);
  xml_elem(&o, "  ", "link", ch->link);
  buf_adds(&o, "  <atom:link href=\"");
  xml_escape(&o, ch->self_url);
  buf_adds(&o, "\" rel=\"self\" type=\"application/rss+xml\"/>\n");
  xml_elem(&o, "  ", "description", ch->description);
  xml_elem(&o, "  ", "language", ch->language);
  xml_elem(&o, "  ", "lastBuildDate", date);
  buf_printf(&o, "  <generator>briefcast %s</generator>\n", bc_version());
  xml_elem(&o, "  ", "itunes:author", ch->author);
  buf_adds(&o, "  <itunes:owner>\n");
  xml_elem(&o, "    ", "itunes:name", ch->author);
  xml_elem(&o, "    ", "itunes:email", ch->owner_email);
  buf_adds(&o, "  </itunes:owner>\n");
  buf_adds(&o, "  <itunes:image href=\"");
  xml_escape(&o, ch->image_url);
  buf_adds(&o, "\"/>\n  <image>\n");
  xml_elem(&o, "    ", "url", ch->image_url);
  xml_elem(&o, "    ", "title", ch->title);
  xml_elem(&o, "    ", "link", ch->link);
  buf_adds(&o, "  </image>\n  <itunes:category text=\"");
  xml_escape(&o, ch->category);
  if (ch->subcategory && *ch->subcategory) {
    buf_adds(&o, "\">\n    <itunes:category text=\"");
    xml_escape(&o, ch->subcategory);
    buf_adds(&o, "\"/>\n  </itunes:category>\n");
  } else {
    buf_adds(&o, "\"/>\n");
  }
  buf_printf(&o, "  <itunes:explicit>%s</itunes:explicit>\n",
             ch->explicit_content ? "true" : "false");
  buf_adds(&o, "  <itunes:type>episodic</itunes:type>\n");

  for (i = 0; i < n; i++) {
    const bc_episode *ep = eps[i];
    char pub[32], dur[32], *url, *srt;
    buf_adds(&o, "  <item>\n");
    xml_elem(&o, "    ", "title", ep->title);
    xml_elem(&o, "    ", "description", ep->description);
    url = ep->audio_url ? xstrdup(ep->audio_url)
                        : file_url(base_url, abs_dir, base_name(ep->audio_path));
    buf_adds(&o, "    <enclosure url=\"");
    xml_escape(&o, url);
    buf_printf(&o, "\" length=\"%lld\" type=\"", ep->bytes);
    xml_escape(&o, or_default(ep->mime_type, "audio/mpeg"));
    buf_adds(&o, "\"/>\n    <guid isPermaLink=\"false\">");
    xml_escape(&o, ep->guid);
    buf_adds(&o, "</guid>\n");
    free(url);
    if (bc_rfc2822_date(ep->published, pub) == BC_OK) xml_elem(&o, "    ", "pubDate", pub);
    hms(ep->seconds, dur);
    xml_elem(&o, "    ", "itunes:duration", dur);
    xml_elem(&o, "    ", "itunes:author", ch->author);
    buf_adds(&o, "    <itunes:episodeType>full</itunes:episodeType>\n");
    buf_printf(&o, "    <itunes:explicit>%s</itunes:explicit>\n",
               ch->explicit_content ? "true" : "false");
    if (ep->transcript_path) {
      url = file_url(base_url, abs_dir, base_name(ep->transcript_path));
      buf_adds(&o, "    <podcast:transcript url=\"");
      xml_escape(&o, url);
      buf_adds(&o, "\" type=\"text/vtt\"/>\n");
      free(url);
      srt = swap_ext(ep->transcript_path, ".srt");
      if (access(srt, F_OK) == 0) {
        url = file_url(base_url, abs_dir, base_name(srt));
        buf_adds(&o, "    <podcast:transcript url=\"");
        xml_escape(&o, url);
        buf_adds(&o, "\" type=\"application/srt\"/>\n");
        free(url);
      }
      free(srt);
    }
    if (ep->chapters_path) {
      url = file_url(base_url, abs_dir, base_name(ep->chapters_path));
      buf_adds(&o, "    <podcast:chapters url=\"");
      xml_escape(&o, url);
      buf_adds(&o, "\" type=\"application/json+chapters\"/>\n");
      free(url);
    }
    buf_adds(&o, "  </item>\n");
  }
  buf_adds(&o, "</channel>\n</rss>\n");
  return buf_steal(&o);
}

/* Show notes: the episode, then each story linked to its source. */
static char *episode_description(const bc_script *s, const char *date) {
  bc_buf o;
  size_t i;
  int any = 0;
  buf_init(&o);
  buf_adds(&o, "<p>");
  xml_escape(&o, or_default(s->title, "News briefing"));
  if (date) {
    buf_adds(&o, ", ");
    xml_escape(&o, date);
  }
  buf_adds(&o, ".</p>\n");
  for (i = 0; i < s->n_segments; i++) {
    const bc_segment *g = &s->segments[i];
    const char *title;
    if (g->role != BC_ROLE_HEADLINE) continue;
    title = or_default(g->story_title, g->text);
    if (!title) continue;
    if (!any) buf_adds(&o, "<p>Stories:</p>\n<ul>\n");
    any = 1;
    buf_adds(&o, "<li>");
    if (g->story_url && *g->story_url) {
      buf_adds(&o, "<a href=\"");
      xml_escape(&o, g->story_url);
      buf_adds(&o, "\">");
      xml_escape(&o, title);
      buf_adds(&o, "</a>");
    } else {
      xml_escape(&o, title);
    }
    buf_adds(&o, "</li>\n");
  }
  if (any) buf_adds(&o, "</ul>\n");
  return buf_steal(&o);
}

static void remove_episode_files(const bc_episode *ep) {
  char *srt;
  if (ep->audio_path) unlink(ep->audio_path);
  if (ep->chapters_path) unlink(ep->chapters_path);
  if (ep->transcript_path) {
    unlink(ep->transcript_path);
    srt = swap_ext(ep->transcript_path, ".srt");
    unlink(srt);
    free(srt);
  }
}

static int file_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* Temporary files ("." NAME ".tmp-" PID "-" N, util_temp_name) whose writer
 * died (a crash, SIGKILL, power loss in the instant between write and
 * rename) are removed at the next run, so the folder ends up clean even
 * then.  A file of a live process is left alone. */
static void remove_stale_temporaries(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  if (!d) return;
  while ((e = readdir(d))) {
    const char *t = e->d_name[0] == '.' ? strstr(e->d_name, ".tmp-") : NULL;
    char *end;
    long pid;
    if (!t) continue;
    pid = strtol(t + 5, &end, 10);
    if (pid <= 0 || *end != '-') continue;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
    {
      char *path = xasprintf("%s/%s", dir, e->d_name);
      unlink(path);
      free(path);
    }
  }
  closedir(d);
}

bc_rc bc_podcast_publish(const bc_script *script, const bc_voiceset *vs,
                         const bc_render_options *ro_in, const bc_podcast_options *po,
                         bc_podcast_result *result, bc_diag *diag) {
  bc_render_options ro;
  bc_render_result rr;
  bc_state *st = NULL;
  int own_state = 0, format, in_tx = 0, feed_written = 0;
  int had[4] = {0, 0, 0, 0};
  char abs_dir[PATH_MAX], today[11], published[32], *slug = NULL, *guid = NULL;
  char *audio = NULL, *chapters = NULL, *vtt = NULL, *srt = NULL, *feed = NULL, *text = NULL;
  char *desc = NULL, *xml = NULL, *cover = NULL;
  bc_episode ep, *all = NULL;
  bc_episode **mine = NULL, **old = NULL;
  size_t n_all = 0, n_mine = 0, n_old = 0, keep, i;
  channel ch;
  struct stat sb;
  bc_rc rc = BC_OK;

  memset(&rr, 0, sizeof rr);
  memset(&ch, 0, sizeof ch);
  if (result) memset(result, 0, sizeof *result);
  if (!script || !ro_in || !po || !po->dir || !*po->dir) {
    util_diag(diag, "no podcast folder given");
    return BC_ERR_ARG;
  }
  if (stat(po->dir, &sb) != 0) {
    if (mkdir(po->dir, 0777) != 0) {
      util_diag(diag, "cannot create the podcast folder '%s': %s", po->dir, strerror(errno));
      return BC_ERR_IO;
    }
  } else if (!S_ISDIR(sb.st_mode)) {
    util_diag(diag, "'%s' is not a folder", po->dir);
    return BC_ERR_IO;
  }
  if (!realpath(po->dir, abs_dir) || access(abs_dir, W_OK | X_OK) != 0) {
    util_diag(diag, "cannot write to the podcast folder '%s': %s", po->dir, strerror(errno));
    return BC_ERR_IO;
  }
  keep = po->keep ? po->keep : DEFAULT_KEEP;
  remove_stale_temporaries(abs_dir);

  if (po->state) {
    st = po->state;
  } else {
    rc = bc_state_open(po->state_path, &st, diag);
    if (rc) return rc;
    own_state = 1;
  }

  ro = *ro_in;
  format = ro.format >= 0 ? ro.format : BC_FORMAT_MP3;
  if (format == BC_FORMAT_RAW) {
    util_diag(diag, "a podcast episode cannot be raw PCM");
    rc = BC_ERR_FORMAT;
    goto out;
  }
  ro.format = format;
  if (script->date && strlen(script->date) >= 10) {
    memcpy(today, script->date, 10);
    today[10] = 0;
  } else {
    util_today(today);
  }
  slug = episode_slug(today, or_default(script->title, "News briefing"));
  if (po->keep_same_day) {
    /* A second daily run on one day has other stories: give it its own
     * name and guid instead of replacing the first. */
    char *probe = xasprintf("%s/%s.%s", abs_dir, slug, bc_format_name((bc_format)format));
    int n = 1;
    while (file_exists(probe) && n < 1000) {
      free(probe);
      probe = xasprintf("%s/%s-%d.%s", abs_dir, slug, ++n, bc_format_name((bc_format)format));
    }
    free(probe);
    if (n > 1) {
      char *numbered = xasprintf("%s-%d", slug, n);
      free(slug);
      slug = numbered;
    }
  }
  guid = xasprintf("briefcast-%s", slug);
  audio = xasprintf("%s/%s.%s", abs_dir, slug, bc_format_name((bc_format)format));
  chapters = xasprintf("%s/%s.chapters.json", abs_dir, slug);
  vtt = xasprintf("%s/%s.vtt", abs_dir, slug);
  srt = xasprintf("%s/%s.srt", abs_dir, slug);
  feed = xasprintf("%s/feed.xml", abs_dir);
  had[0] = file_exists(audio);
  had[1] = file_exists(chapters);
  had[2] = file_exists(vtt);
  had[3] = file_exists(srt);

  /* 1. The audio: long, interruptible, appears only when complete. */
  ro.output = audio;
  if (!ro.podcast_name) ro.podcast_name = po->title;
  rc = bc_render(script, vs, &ro, &rr, diag);
  if (rc) goto out;

  /* 2. Chapters and transcripts (the timeline is already in output time). */
  rc = bc_chapters_json(rr.chapters, rr.n_chapters, &text);
  if (!rc) rc = write_file(chapters, text, strlen(text), diag);
  bc_free(text);
  text = NULL;
  if (!rc && rr.timeline) {
    rc = bc_transcript_vtt(script, rr.timeline, NULL, &text);
    if (!rc) rc = write_file(vtt, text, strlen(text), diag);
    bc_free(text);
    text = NULL;
    if (!rc) rc = bc_transcript_srt(script, rr.timeline, NULL, &text);
    if (!rc) rc = write_file(srt, text, strlen(text), diag);
    bc_free(text);
    text = NULL;
  }
  if (rc) goto out;
  if (cancelled(&ro)) {
    rc = BC_ERR_INTERRUPTED;
    util_diag(diag, "interrupted");
    goto out;
  }

  /* 3. The history, in one transaction with the feed. */
  now_iso(published);
  desc = episode_description(script, today);
  memset(&ep, 0, sizeof ep);
  ep.guid = guid;
  ep.title = (char *)or_default(script->title, "News briefing");
  ep.description = desc;
  ep.published = published;
  ep.audio_path = audio;
  ep.mime_type = (char *)bc_format_mime((bc_format)format);
  ep.bytes = stat(audio, &sb) == 0 ? (long long)sb.st_size : 0;
  ep.seconds = rr.seconds;
  ep.chapters_path = chapters;
  ep.transcript_path = rr.timeline ? vtt : NULL;
  if (po->base_url && *po->base_url) ep.audio_url = file_url(po->base_url, abs_dir, base_name(audio));

  if (bc_state_begin(st) != BC_OK) {
    util_diag(diag, "cannot update the episode history");
    rc = BC_ERR_STATE;
    goto out;
  }
  in_tx = 1;
  rc = bc_state_episode_add(st, &ep);
  free(ep.audio_url);
  if (!rc) rc = bc_state_episodes_list(st, 0, &all, &n_all);
  if (rc) {
    util_diag(diag, "cannot update the episode history");
    goto out;
  }
  mine = xcalloc(n_all + 1, sizeof *mine);
  old = xcalloc(n_all + 1, sizeof *old);
  for (i = 0; i < n_all; i++) {
    if (!in_dir(&all[i], abs_dir)) continue;
    if (n_mine < keep) mine[n_mine++] = &all[i];
    else old[n_old++] = &all[i];
  }
  for (i = 0; i < n_old; i++) {
    rc = bc_state_episode_remove(st, old[i]->guid);
    if (rc && rc != BC_ERR_NOT_FOUND) {
      util_diag(diag, "cannot update the episode history");
      goto out;
    }
    rc = BC_OK;
  }

  /* 4. The feed. */
  ch.title = or_default(po->title, or_default(ro_in->podcast_name, "News briefing"));
  ch.description = or_default(po->description,
                              "A spoken news briefing: the day's stories, their leads and "
                              "the words of the people in them.");
  ch.language = or_default(po->language, or_default(script->lang, "en"));
  ch.author = or_default(po->author, or_default(ro_in->author, "briefcast"));
  ch.owner_email = po->owner_email;
  ch.category = or_default(po->category, "News");
  ch.subcategory = po->subcategory ? po->subcategory
                   : !strcmp(ch.category, "News") ? "Daily News" : NULL;
  ch.explicit_content = po->explicit_content;
  ch.link = po->base_url && *po->base_url ? xstrdup(po->base_url) : xasprintf("file://%s/", abs_dir);
  ch.self_url = file_url(po->base_url, abs_dir, "feed.xml");
  if (po->image_url && *po->image_url) {
    ch.image_url = xstrdup(po->image_url);
  } else {
    char *jpg = xasprintf("%s/cover.jpg", abs_dir);
    if (file_exists(jpg)) {
      ch.image_url = file_url(po->base_url, abs_dir, "cover.jpg");
    } else {
      cover = xasprintf("%s/cover.png", abs_dir);
      if (!file_exists(cover)) {
        bc_buf png;
        buf_init(&png);
        make_cover_png(&png);
        rc = write_file(cover, png.s, png.len, diag);
        buf_free(&png);
        if (rc) {
          free(jpg);
          goto out;
        }
      }
      ch.image_url = file_url(po->base_url, abs_dir, "cover.png");
    }
    free(jpg);
  }
  xml = build_feed(&ch, mine, n_mine, po->base_url, abs_dir);
  if (cancelled(&ro)) {
    rc = BC_ERR_INTERRUPTED;
    util_diag(diag, "interrupted");
    goto out;
  }
  rc = write_file(feed, xml, strlen(xml), diag);
  if (rc) goto out;
  feed_written = 1;
  if (bc_state_commit(st) != BC_OK) {
    /* The feed is out; the next run rebuilds it from the history. */
    util_diag(diag, "cannot save the episode history");
    rc = BC_ERR_STATE;
    in_tx = 0;
    goto out;
  }
  in_tx = 0;
  /* 5. Episodes that left the feed. */
  for (i = 0; i < n_old; i++)
    if (strcmp(old[i]->audio_path, audio) != 0) remove_episode_files(old[i]);

out:
  if (in_tx) bc_state_rollback(st);
  if (rc && !feed_written) {
    /* Leave the folder as it was: no new episode without its feed. */
    if (!had[0] && audio) unlink(audio);
    if (!had[1] && chapters) unlink(chapters);
    if (!had[2] && vtt) unlink(vtt);
    if (!had[3] && srt) unlink(srt);
  }
  if (!rc && result) {
    result->render = rr;
    memset(&rr, 0, sizeof rr);
    result->audio_path = audio;
    result->guid = guid;
    result->feed_path = feed;
    result->n_episodes = n_mine;
    audio = guid = feed = NULL;
  }
  bc_render_result_clear(&rr);
  if (all) bc_episodes_free(all, n_all);
  free(mine);
  free(old);
  if (own_state) bc_state_close(st);
  free(slug);
  free(guid);
  free(audio);
  free(chapters);
  free(vtt);
  free(srt);
  free(feed);
  free(desc);
  free(xml);
  free(cover);
  free(ch.image_url);
  free(ch.link);
  free(ch.self_url);
  return rc;
}

void bc_podcast_result_clear(bc_podcast_result *r) {
  if (!r) return;
  bc_render_result_clear(&r->render);
  free(r->audio_path);
  free(r->guid);
  free(r->feed_path);
  memset(r, 0, sizeof *r);
}
