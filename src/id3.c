/* ID3v2.4 tags for MP3 episodes, written by hand.
 *
 * libsndfile's LAME path marks UTF-8 text as Latin-1, and it has no way to
 * write chapters, so the encoder writes MP3 audio without a tag and prepends
 * the tag built here.  Follows the ID3v2.4.0 structure and frames documents
 * (id3.org) and the ID3v2 Chapter Frame Addendum 1.0 (CHAP, CTOC): text
 * frames use encoding 3 (UTF-8), sizes are synchsafe integers, and each
 * chapter carries a TIT2 sub-frame for its title and a WXXX for its link. */
#include "id3.h"

#include <string.h>

static void put_u32be(bc_buf *b, uint32_t v) {
  char c[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
  buf_add(b, c, 4);
}

static void put_synchsafe(bc_buf *b, uint32_t v) {
  char c[4] = {(char)((v >> 21) & 0x7f), (char)((v >> 14) & 0x7f), (char)((v >> 7) & 0x7f),
               (char)(v & 0x7f)};
  buf_add(b, c, 4);
}

/* One frame: id, synchsafe size, no flags, body. */
static void put_frame(bc_buf *out, const char *id, const bc_buf *body) {
  buf_add(out, id, 4);
  put_synchsafe(out, (uint32_t)body->len);
  buf_add(out, "\0\0", 2);
  buf_add(out, body->s, body->len);
}

static void put_text_frame(bc_buf *out, const char *id, const char *text) {
  bc_buf body;
  if (!text || !*text) return;
  buf_init(&body);
  buf_addc(&body, 3); /* UTF-8 */
  buf_adds(&body, text);
  put_frame(out, id, &body);
  buf_free(&body);
}

static void put_comment_frame(bc_buf *out, const char *text) {
  bc_buf body;
  if (!text || !*text) return;
  buf_init(&body);
  buf_addc(&body, 3);
  buf_add(&body, "eng", 3);
  buf_addc(&body, 0); /* empty short description */
  buf_adds(&body, text);
  put_frame(out, "COMM", &body);
  buf_free(&body);
}

static void put_url_frame(bc_buf *out, const char *url) {
  bc_buf body;
  if (!url || !*url) return;
  buf_init(&body);
  buf_addc(&body, 3);
  buf_addc(&body, 0); /* empty description */
  buf_adds(&body, url); /* URLs are ISO-8859-1 by the spec; links are ASCII */
  put_frame(out, "WXXX", &body);
  buf_free(&body);
}

static uint32_t to_ms(double s) {
  if (s <= 0) return 0;
  if (s > 4000000.0) return 4000000000u;
  return (uint32_t)(s * 1000.0 + 0.5);
}

void id3_build(const bc_tags *tags, uint32_t duration_ms, bc_buf *out) {
  bc_buf frames;
  size_t i;

  buf_init(&frames);
  if (tags) {
    put_text_frame(&frames, "TIT2", tags->title);
    put_text_frame(&frames, "TPE1", tags->artist);
    put_text_frame(&frames, "TALB", tags->album);
    put_text_frame(&frames, "TDRC", tags->date);
    put_comment_frame(&frames, tags->comment);
    if (tags->n_chapters) {
      bc_buf body;
      buf_init(&body);
      /* CTOC: element id, flags (top level | ordered), entry count, children. */
      buf_add(&body, "toc", 4);
      buf_addc(&body, 0x03);
      buf_addc(&body, (char)(tags->n_chapters > 255 ? 255 : tags->n_chapters));
      for (i = 0; i < tags->n_chapters && i < 255; i++) {
        char id[16];
        snprintf(id, sizeof id, "chp%zu", i);
        buf_add(&body, id, strlen(id) + 1);
      }
      put_frame(&frames, "CTOC", &body);
      for (i = 0; i < tags->n_chapters && i < 255; i++) {
        const bc_chapter *c = &tags->chapters[i];
        char id[16];
        uint32_t start = to_ms(c->start), end = to_ms(c->end);
        if (end <= start) end = i + 1 < tags->n_chapters ? to_ms(tags->chapters[i + 1].start)
                                                         : duration_ms;
        if (end < start) end = start;
        body.len = 0;
        snprintf(id, sizeof id, "chp%zu", i);
        buf_add(&body, id, strlen(id) + 1);
        put_u32be(&body, start);
        put_u32be(&body, end);
        put_u32be(&body, 0xffffffffu); /* byte offsets unknown: use times */
        put_u32be(&body, 0xffffffffu);
        put_text_frame(&body, "TIT2", c->title);
        put_url_frame(&body, c->url);
        put_frame(&frames, "CHAP", &body);
      }
      buf_free(&body);
    }
  }
  /* Some padding so a tag editor can grow the tag in place. */
  buf_add(out, "ID3\x04\x00\x00", 6);
  put_synchsafe(out, (uint32_t)(frames.len + 256));
  buf_add(out, frames.s, frames.len);
  for (i = 0; i < 256; i++) buf_addc(out, 0);
  buf_free(&frames);
}

size_t id3_tag_length(const unsigned char *d, size_t len) {
  size_t n;
  if (len < 10 || memcmp(d, "ID3", 3) || d[3] == 0xff || d[4] == 0xff) return 0;
  if ((d[6] | d[7] | d[8] | d[9]) & 0x80) return 0;
  n = ((size_t)d[6] << 21) | ((size_t)d[7] << 14) | ((size_t)d[8] << 7) | d[9];
  n += 10;
  if (d[5] & 0x10) n += 10; /* footer */
  return n;
}
