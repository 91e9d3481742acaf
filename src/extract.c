/* Extract: the article in a file, a text or a page, as metadata plus body
 * paragraphs (include/briefcast/article.h).
 *
 * This file holds the public entry points, the body builder every extractor
 * shares, and the plain-text reader; extract_html.c reads web pages.
 *
 * A text file is refused when it is empty or binary (NUL bytes, control
 * characters, or bytes that are neither UTF-8 nor plausibly a legacy
 * charset); otherwise it is decoded through charset.c, so invalid bytes are
 * repaired or dropped and never reach a later stage.  Its layout: an optional
 * page-title line and an optional headline line, each followed by a blank
 * line, then paragraphs one per line or separated by blank lines (a
 * hard-wrapped file, short lines grouped by blank lines, is joined back). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "briefcast/article.h"
#include "charset.h"
#include "extract.h"
#include "util.h"

#define EXTRACT_MAX_FILE (64u * 1024u * 1024u)

/* ------------------------------------------------------------ body builder */

void extract_body_init(extract_body *b) {
  memset(b, 0, sizeof *b);
  buf_init(&b->text);
}

static size_t space_at(const unsigned char *s, size_t left) {
  if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f' || s[0] == '\v')
    return 1;
  if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;                   /* NBSP */
  if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
      ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
    return 3;                                                /* U+2000..200A, 2028/9, 202F */
  if (left >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;  /* ideographic */
  if (left >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) return 3;  /* U+205F */
  return 0;
}

/* Zero-width characters and U+FFFD: dropped from the text. */
static size_t invisible_at(const unsigned char *s, size_t left) {
  if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] >= 0x8B && s[2] <= 0x8F)) return 3;
  if (left >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0) return 3;  /* word joiner */
  if (left >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) return 3;  /* BOM */
  if (left >= 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] == 0xBD) return 3;  /* U+FFFD */
  if (left >= 2 && s[0] == 0xC2 && s[1] == 0xAD) return 2;                  /* soft hyphen */
  return 0;
}

/* Append s[0..n) to out with white space collapsed and trimmed. */
static void add_squashed(bc_buf *out, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, start = out->len;
  int pending = 0;
  while (i < n) {
    size_t k = space_at(u + i, n - i);
    if (k) { pending = out->len > start; i += k; continue; }
    k = invisible_at(u + i, n - i);
    if (k) { i += k; continue; }
    if (u[i] < 0x20 || u[i] == 0x7F) { i++; continue; }
    if (pending) buf_addc(out, ' ');
    pending = 0;
    {
      size_t j = i + 1;
      while (j < n && u[j] > 0x20 && u[j] < 0x7F) j++;
      buf_add(out, s + i, j - i);
      i = j;
    }
  }
}

int extract_body_add(extract_body *b, const char *s, size_t n, bc_block_kind kind) {
  size_t mark = b->text.len, start;
  if (b->n_blocks) buf_add(&b->text, "\n\n", 2);
  start = b->text.len;
  add_squashed(&b->text, s, n);
  if (b->text.len == start) {  /* nothing printable: take the separator back */
    b->text.len = mark;
    b->text.s[mark] = 0;
    return 0;
  }
  BC_GROW(b->blocks, b->n_blocks, b->cap);
  b->blocks[b->n_blocks].kind = kind;
  b->blocks[b->n_blocks].start = start;
  b->blocks[b->n_blocks].end = b->text.len;
  b->n_blocks++;
  return 1;
}

void extract_body_finish(extract_body *b, bc_article *a) {
  a->text_len = b->text.len;
  a->text = buf_steal(&b->text);
  a->blocks = b->blocks;
  a->n_blocks = b->n_blocks;
  b->blocks = NULL;
  b->n_blocks = b->cap = 0;
}

void extract_body_free(extract_body *b) {
  buf_free(&b->text);
  free(b->blocks);
  b->blocks = NULL;
  b->n_blocks = b->cap = 0;
}

char *extract_clean(const char *s) {
  bc_buf b;
  if (!s) return NULL;
  buf_init(&b);
  add_squashed(&b, s, strlen(s));
  if (b.len == 0) {
    buf_free(&b);
    return NULL;
  }
  return buf_steal(&b);
}

void bc_article_free(bc_article *a) {
  if (!a) return;
  free(a->source);
  free(a->title);
  free(a->byline);
  free(a->published);
  free(a->site);
  free(a->language);
  free(a->text);
  free(a->blocks);
  free(a);
}

/* ------------------------------------------------------------- text files */

/* Binary: NUL bytes, more than a few control characters, or mostly bytes
 * that are not UTF-8 and sit in runs no legacy text would have. */
static int looks_binary(const unsigned char *s, size_t len) {
  size_t i, ctrl = 0, bad = 0, high = 0;
  if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
    return 0;  /* UTF-16 with a BOM: text, decoded by charset.c */
  for (i = 0; i < len; i++) {
    unsigned char c = s[i];
    if (c == 0) return 1;
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) || c == 0x7F)
      ctrl++;
  }
  if (ctrl * 100 > len + 100) return 1;
  for (i = 0; i < len;) {
    int32_t cp;
    size_t n;
    if (s[i] < 0x80) { i++; continue; }
    high++;
    n = utf8_decode((const char *)s + i, len - i, &cp);
    if (cp == 0xFFFD && n == 1) bad++;
    i += n;
  }
  /* Legacy 8-bit text has some high bytes between mostly ASCII ones;
   * compressed or encoded data is high bytes throughout. */
  return bad * 10 > len * 3;
}

typedef struct line {
  const char *s;
  size_t n;       /* trimmed */
} line;

static int is_blank(const line *l) { return l->n == 0; }

/* A short line that reads like a title: at most ~25 words, not ending as
 * a sentence does (a headline may end in '?' or '!'). */
static int title_like(const line *l) {
  char last;
  size_t words;
  char *tmp;
  if (l->n == 0 || l->n > 250) return 0;
  last = l->s[l->n - 1];
  if (last == '.' || last == ',' || last == ';' || last == ':') {
    if (!(l->n >= 3 && l->s[l->n - 2] == '.' && l->s[l->n - 3] == '.')) return 0;
  }
  tmp = xstrndup(l->s, l->n);
  words = util_count_words(tmp);
  free(tmp);
  return words >= 1 && words <= 25;
}

/* "Headline - Site" / "Headline | Site": the site part, if short. */
static char *site_from_page_title(const line *l) {
  static const char *seps[] = {" - ", " | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: "};
  size_t k, best = 0;
  for (k = 0; k < sizeof seps / sizeof seps[0]; k++) {
    size_t sl = strlen(seps[k]), i;
    for (i = 0; i + sl <= l->n; i++)
      if (memcmp(l->s + i, seps[k], sl) == 0 && i + sl > best) best = i + sl;
  }
  if (best && best < l->n) {
    char *site = xstrndup(l->s + best, l->n - best);
    if (util_count_words(site) <= 4) {
      char *c = extract_clean(site);
      free(site);
      return c;
    }
    free(site);
  }
  return NULL;
}

static bc_rc text_to_article(const char *text, size_t len, int find_title, bc_article *a) {
  line *lines = NULL;
  size_t n_lines = 0, cap = 0, i, first = 0, max_len = 0, grouped = 0, nonblank = 0;
  const char *p = text, *end = text + len;
  extract_body body;
  int wrapped = 0;

  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    const char *b = p;
    while (b < e && space_at((const unsigned char *)b, (size_t)(e - b)))
      b += space_at((const unsigned char *)b, (size_t)(e - b));
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
    BC_GROW(lines, n_lines, cap);
    lines[n_lines].s = b;
    lines[n_lines].n = (size_t)(e - b);
    n_lines++;
    p = nl ? nl + 1 : end;
  }

  while (first < n_lines && is_blank(&lines[first])) first++;
  /* Title line, then maybe a headline line, each followed by a blank line. */
  if (find_title && first + 2 < n_lines && title_like(&lines[first]) &&
      is_blank(&lines[first + 1])) {
    size_t next = first + 2;
    while (next < n_lines && is_blank(&lines[next])) next++;
    if (next + 1 < n_lines && title_like(&lines[next]) && is_blank(&lines[next + 1])) {
      a->title = xstrndup(lines[next].s, lines[next].n);
      a->site = site_from_page_title(&lines[first]);
      first = next + 1;
    } else {
      a->title = xstrndup(lines[first].s, lines[first].n);
      first = first + 1;
    }
    {
      char *t = extract_clean(a->title);
      free(a->title);
      a->title = t;
    }
  }

  /* Hard-wrapped text: every line short and most lines continue a group. */
  for (i = first; i < n_lines; i++) {
    if (is_blank(&lines[i])) continue;
    nonblank++;
    if (lines[i].n > max_len) max_len = lines[i].n;
    if (i + 1 < n_lines && !is_blank(&lines[i + 1])) grouped++;
  }
  wrapped = nonblank >= 4 && max_len <= 100 && grouped * 2 >= nonblank;

  extract_body_init(&body);
  for (i = first; i < n_lines;) {
    if (is_blank(&lines[i])) { i++; continue; }
    if (wrapped) {
      size_t j = i;
      bc_buf para;
      buf_init(&para);
      while (j < n_lines && !is_blank(&lines[j])) {
        if (para.len) buf_addc(&para, ' ');
        buf_add(&para, lines[j].s, lines[j].n);
        j++;
      }
      extract_body_add(&body, para.s, para.len, BC_BLOCK_PARAGRAPH);
      buf_free(&para);
      i = j;
    } else {
      extract_body_add(&body, lines[i].s, lines[i].n, BC_BLOCK_PARAGRAPH);
      i++;
    }
  }
  free(lines);
  if (body.n_blocks == 0 && a->title) {  /* a file holding only one line */
    extract_body_add(&body, a->title, strlen(a->title), BC_BLOCK_PARAGRAPH);
    free(a->title);
    a->title = NULL;
  }
  extract_body_finish(&body, a);
  return BC_OK;
}

static int all_space(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    size_t k = space_at((const unsigned char *)s + i, len - i);
    if (!k) k = invisible_at((const unsigned char *)s + i, len - i);
    if (!k) return 0;
    i += k;
  }
  return 1;
}

static bc_rc text_article(const char *bytes, size_t len, const char *name, int find_title,
                          bc_article **out, bc_diag *diag) {
  bc_article *a;
  char *text;
  size_t text_len;
  *out = NULL;
  if (!bytes || len == 0) {
    util_diag(diag, "empty file (no text)");
    return BC_ERR_EMPTY;
  }
  if (looks_binary((const unsigned char *)bytes, len)) {
    util_diag(diag, "not a text or HTML document (binary data)");
    return BC_ERR_BINARY;
  }
  text = charset_decode(bytes, len, NULL, 0, &text_len, NULL, 0);
  if (all_space(text, text_len)) {
    free(text);
    util_diag(diag, "no text (only white space)");
    return BC_ERR_EMPTY;
  }
  a = xcalloc(1, sizeof *a);
  a->source = xstrdup(name);
  text_to_article(text, text_len, find_title, a);
  free(text);
  if (a->n_blocks == 0) {
    bc_article_free(a);
    util_diag(diag, "no text (only white space)");
    return BC_ERR_EMPTY;
  }
  *out = a;
  return BC_OK;
}

bc_rc bc_article_from_text(const char *bytes, size_t len, const char *name, bc_article **out,
                           bc_diag *diag) {
  return text_article(bytes, len, name, 1, out, diag);
}

/* -------------------------------------------------------------- dispatch */

/* HTML by content: after a BOM and white space, '<' opening a tag or a
 * comment, and somewhere near the top (pages may start with long style or
 * script blocks) an html, doctype, head, body, meta, title, p or div tag. */
static int looks_html(const char *bytes, size_t len) {
  const unsigned char *s = (const unsigned char *)bytes;
  size_t i = 0, n, j;
  static const char *tags[] = {"<html", "<!doctype html", "<head", "<body", "<meta", "<title",
                               "<p", "<div", "<br", "<table", "<span", "<a"};
  if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3;
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f'))
    i++;
  if (i + 1 >= len || s[i] != '<' || !(isalpha(s[i + 1]) || s[i + 1] == '!' || s[i + 1] == '?'))
    return 0;
  n = len - i < 1048576 ? len - i : 1048576;
  for (j = 0; j < n; j++) {
    size_t k;
    if (s[i + j] != '<') continue;
    for (k = 0; k < sizeof tags / sizeof tags[0]; k++) {
      size_t tl = strlen(tags[k]);
      if (j + tl <= n && strncasecmp((const char *)s + i + j, tags[k], tl) == 0) {
        unsigned char after = j + tl < n ? s[i + j + tl] : ' ';
        if (after == '>' || after == ' ' || after == '\t' || after == '\n' || after == '\r' ||
            after == '/')
          return 1;
      }
    }
  }
  return 0;
}

/* UTF-16 with a BOM: decode to UTF-8 before looking at the content. */
static int utf16_bom(const char *bytes, size_t len) {
  const unsigned char *s = (const unsigned char *)bytes;
  return len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
}

bc_rc bc_article_from_file(const char *path, bc_article **out, bc_diag *diag) {
  char *bytes = NULL, *dec = NULL;
  size_t len = 0;
  struct stat st;
  bc_rc rc;
  *out = NULL;
  if (!path) {
    util_diag(diag, "no file name");
    return BC_ERR_ARG;
  }
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    util_diag(diag, "is a directory, not a file");
    return BC_ERR_IO;
  }
  rc = util_read_file(path, EXTRACT_MAX_FILE, &bytes, &len);
  if (rc) {
    int err = errno;
    if (rc == BC_ERR_NOT_FOUND) util_diag(diag, "no such file");
    else if (rc == BC_ERR_TOO_LARGE)
      util_diag(diag, "file too large (over %u MB)", EXTRACT_MAX_FILE / (1024u * 1024u));
    else util_diag(diag, "cannot read: %s", strerror(err));
    return rc;
  }
  if (utf16_bom(bytes, len)) {
    size_t dlen;
    dec = charset_to_utf8(bytes, len, (unsigned char)bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE",
                          &dlen);
    free(bytes);
    bytes = dec;
    len = dlen;
    if (looks_html(bytes, len)) rc = extract_html_utf8(bytes, len, path, out, diag);
    else rc = bc_article_from_text(bytes, len, path, out, diag);
  } else if (looks_html(bytes, len)) {
    rc = extract_html(bytes, len, path, NULL, out, diag);
  } else {
    rc = bc_article_from_text(bytes, len, path, out, diag);
  }
  free(bytes);
  if (rc == BC_OK && *out) {
    free((*out)->source);
    (*out)->source = xstrdup(path);
  }
  return rc;
}

bc_rc bc_article_from_html(const char *bytes, size_t len, const char *url,
                           const char *content_type, bc_article **out, bc_diag *diag) {
  *out = NULL;
  if (!bytes || len == 0 || all_space(bytes, len)) {
    util_diag(diag, "empty page");
    return BC_ERR_EMPTY;
  }
  /* A stray NUL happens in real pages (and is dropped); many mean binary. */
  if (!utf16_bom(bytes, len)) {
    size_t i, nul = 0;
    for (i = 0; i < len; i++) nul += bytes[i] == 0;
    if (nul * 100 > len) {
      util_diag(diag, "not a text or HTML document (binary data)");
      return BC_ERR_BINARY;
    }
  }
  return extract_html(bytes, len, url, content_type, out, diag);
}

bc_rc bc_article_from_parts(const char *source, const char *title, const char *byline,
                            const char *published, const char *site, const char *language,
                            const char *body, int is_html, bc_article **out, bc_diag *diag) {
  bc_article *a = NULL;
  bc_rc rc;
  *out = NULL;
  if (!body || all_space(body, strlen(body))) {
    util_diag(diag, "no article text");
    return BC_ERR_EMPTY;
  }
  if (is_html) rc = extract_html_utf8(body, strlen(body), source, &a, diag);
  else rc = text_article(body, strlen(body), source, 0, &a, diag);  /* title is given */
  if (rc) return rc;
  /* What the caller knows wins over what the body says. */
#define SET_PART(field, value)               \
  do {                                       \
    char *v_ = extract_clean(value);         \
    if (v_) {                                \
      free(a->field);                        \
      a->field = v_;                         \
    }                                        \
  } while (0)
  SET_PART(title, title);
  SET_PART(byline, byline);
  SET_PART(published, published);
  SET_PART(site, site);
  SET_PART(language, language);
#undef SET_PART
  free(a->source);
  a->source = xstrdup(source);
  *out = a;
  return BC_OK;
}
