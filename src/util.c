/* Private helpers: allocation that aborts on failure, growable strings,
 * whole-file reads, atomic writes, and UTF-8 checks.  Everything here is
 * small and dependency-free so every stage can use it. */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void oom(size_t n) {
  /* The one place the library writes to stderr: there is nobody left to
   * report to once memory is gone. */
  fprintf(stderr, "briefcast: out of memory (%zu bytes)\n", n);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) oom(n);
  return p;
}

void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) oom(n * size);
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) oom(n);
  return q;
}

char *xstrdup(const char *s) {
  return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *xasprintf(const char *fmt, ...) {
  bc_buf b;
  va_list ap;
  int n;
  buf_init(&b);
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return b.s;
  b.s = xrealloc(b.s, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(b.s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return b.s;
}

void buf_init(bc_buf *b) {
  b->cap = 64;
  b->len = 0;
  b->s = xmalloc(b->cap);
  b->s[0] = '\0';
}

static void buf_reserve(bc_buf *b, size_t more) {
  if (b->len + more + 1 <= b->cap) return;
  while (b->len + more + 1 > b->cap) b->cap *= 2;
  b->s = xrealloc(b->s, b->cap);
}

void buf_add(bc_buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void buf_adds(bc_buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_addc(bc_buf *b, char c) { buf_add(b, &c, 1); }

void buf_printf(bc_buf *b, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0) return;
  buf_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

char *buf_steal(bc_buf *b) {
  char *s = b->s;
  b->s = NULL;
  b->len = b->cap = 0;
  return s;
}

void buf_free(bc_buf *b) {
  free(b->s);
  b->s = NULL;
  b->len = b->cap = 0;
}

bc_rc util_read_file(const char *path, size_t max_bytes, char **out, size_t *len) {
  FILE *f;
  struct stat st;
  bc_buf b;
  char chunk[65536];
  size_t n;

  *out = NULL;
  *len = 0;
  f = fopen(path, "rb");
  if (!f) return errno == ENOENT ? BC_ERR_NOT_FOUND : BC_ERR_IO;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(f);
    return BC_ERR_IO;
  }
  buf_init(&b);
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (max_bytes && b.len + n > max_bytes) {
      fclose(f);
      buf_free(&b);
      return BC_ERR_TOO_LARGE;
    }
    buf_add(&b, chunk, n);
  }
  if (ferror(f)) {
    fclose(f);
    buf_free(&b);
    return BC_ERR_IO;
  }
  fclose(f);
  *len = b.len;
  *out = buf_steal(&b);
  return BC_OK;
}

char *util_temp_name(const char *path) {
  static unsigned counter;
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
  return xasprintf("%.*s.%s.tmp-%ld-%u", (int)dirlen, path, slash ? slash + 1 : path,
                   (long)getpid(), __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
}

bc_rc util_write_file_atomic(const char *path, const char *data, size_t len) {
  char *tmp = util_temp_name(path);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  size_t off = 0;
  bc_rc rc = BC_OK;

  if (fd < 0) {
    free(tmp);
    return BC_ERR_IO;
  }
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      rc = BC_ERR_IO;
      break;
    }
    off += (size_t)w;
  }
  if (!rc && fsync(fd) != 0) rc = BC_ERR_IO;
  if (close(fd) != 0 && !rc) rc = BC_ERR_IO;
  if (!rc && rename(tmp, path) != 0) rc = BC_ERR_IO;
  if (rc) unlink(tmp);
  free(tmp);
  return rc;
}

void util_diag(bc_diag *diag, const char *fmt, ...) {
  va_list ap;
  if (!diag) return;
  va_start(ap, fmt);
  vsnprintf(diag->msg, sizeof diag->msg, fmt, ap);
  va_end(ap);
}

size_t utf8_decode(const char *str, size_t len, int32_t *cp) {
  const unsigned char *s = (const unsigned char *)str;
  int32_t c;
  size_t n, i;
  if (len == 0) {
    *cp = 0;
    return 0;
  }
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  } else if ((s[0] & 0xE0) == 0xC0) {
    n = 2;
    c = s[0] & 0x1F;
  } else if ((s[0] & 0xF0) == 0xE0) {
    n = 3;
    c = s[0] & 0x0F;
  } else if ((s[0] & 0xF8) == 0xF0) {
    n = 4;
    c = s[0] & 0x07;
  } else {
    *cp = 0xFFFD;
    return 1;
  }
  if (n > len) {
    *cp = 0xFFFD;
    return 1;
  }
  for (i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    c = (c << 6) | (s[i] & 0x3F);
  }
  /* Overlong forms, surrogates and values past U+10FFFF are invalid. */
  if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
      (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = c;
  return n;
}

size_t utf8_encode(int32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  } else if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  } else if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

int utf8_valid(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    size_t n = utf8_decode(s + i, len - i, &cp);
    if (cp == 0xFFFD && n == 1 && (unsigned char)s[i] >= 0x80) return 0;
    i += n;
  }
  return 1;
}

char *utf8_sanitize(const char *s, size_t len, size_t *out_len) {
  bc_buf b;
  size_t i = 0;
  buf_init(&b);
  while (i < len) {
    int32_t cp;
    char enc[4];
    size_t n = utf8_decode(s + i, len - i, &cp);
    i += n;
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
      continue;
    buf_add(&b, enc, utf8_encode(cp, enc));
  }
  if (out_len) *out_len = b.len;
  return buf_steal(&b);
}

static size_t space_len(const char *s) {
  unsigned char c = (unsigned char)s[0];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && (unsigned char)s[1] == 0xA0) return 2;                 /* NBSP */
  if (c == 0xE2 && (unsigned char)s[1] == 0x80 &&
      ((unsigned char)s[2] >= 0x80 && (unsigned char)s[2] <= 0x8B))       /* U+2000..200B */
    return 3;
  if (c == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF) return 3;
  return 0;
}

char *util_squash_space(const char *s) {
  bc_buf b;
  int pending = 0;
  buf_init(&b);
  while (*s) {
    size_t n = space_len(s);
    if (n) {
      pending = b.len > 0;
      s += n;
      continue;
    }
    if (pending) buf_addc(&b, ' ');
    pending = 0;
    buf_addc(&b, *s++);
  }
  return buf_steal(&b);
}

int util_strcasecmp(const char *a, const char *b) {
  while (*a && *b) {
    int d = tolower((unsigned char)*a) - tolower((unsigned char)*b);
    if (d) return d;
    a++, b++;
  }
  return tolower((unsigned char)*a) - tolower((unsigned char)*b);
}

int util_has_suffix_ci(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && util_strcasecmp(s + n - m, suffix) == 0;
}

size_t util_count_words(const char *s) {
  size_t n = 0;
  int in = 0;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    int w = isalnum(c) || c >= 0x80 || c == '\'';
    if (w && !in) n++;
    in = w;
  }
  return n;
}

void util_today(char out[11]) {
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  time_t t = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
  struct tm tm;
  if (epoch && *epoch)
    gmtime_r(&t, &tm);
  else
    localtime_r(&t, &tm);
  strftime(out, 11, "%Y-%m-%d", &tm);
}
