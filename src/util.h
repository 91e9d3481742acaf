/* Private helpers shared by every stage: allocation, growable strings,
 * growable arrays, files and UTF-8.  Not part of the public API. */
#ifndef BC_UTIL_H
#define BC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include "briefcast/common.h"

/* Allocation failure is handled here and only here: the process cannot do
 * anything useful without memory, so these report and abort (as Redis's
 * zmalloc does) instead of threading NOMEM through every caller. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);          /* NULL -> NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow an array `p` of `n` used and `*cap` allocated elements to fit one more. */
#define BC_GROW(p, n, cap)                                                   \
  do {                                                                       \
    if ((n) >= (cap)) {                                                      \
      (cap) = (cap) ? (cap) * 2 : 8;                                         \
      (p) = xrealloc((p), (cap) * sizeof *(p));                              \
    }                                                                        \
  } while (0)

/* A growable, always NUL-terminated byte string. */
typedef struct bc_buf {
  char *s;
  size_t len, cap;
} bc_buf;

void buf_init(bc_buf *b);
void buf_add(bc_buf *b, const char *s, size_t n);
void buf_adds(bc_buf *b, const char *s);
void buf_addc(bc_buf *b, char c);
void buf_printf(bc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *buf_steal(bc_buf *b);            /* returns the string, leaves b empty */
void buf_free(bc_buf *b);

/* Read a whole file.  Refuses files over max_bytes (0 = no limit) with
 * BC_ERR_TOO_LARGE.  *out is NUL-terminated; free it with free(). */
bc_rc util_read_file(const char *path, size_t max_bytes, char **out, size_t *len);

/* Write data to path atomically: a temporary file in the same folder, then
 * fsync and rename. */
bc_rc util_write_file_atomic(const char *path, const char *data, size_t len);

/* A temporary name next to `path` (same folder, hidden, unique). */
char *util_temp_name(const char *path);

/* Fill diag (if not NULL) printf-style. */
void util_diag(bc_diag *diag, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* UTF-8: 1 if s[0..len) is valid UTF-8. */
int utf8_valid(const char *s, size_t len);
/* Decode one code point at s (at most len bytes); returns its byte length
 * (>= 1) and sets *cp, or 1 with *cp = 0xFFFD for an invalid byte. */
size_t utf8_decode(const char *s, size_t len, int32_t *cp);
/* Encode cp into out (4 bytes room); returns bytes written. */
size_t utf8_encode(int32_t cp, char *out);
/* A copy of s with invalid sequences replaced by U+FFFD, control characters
 * other than \n and \t dropped. */
char *utf8_sanitize(const char *s, size_t len, size_t *out_len);

/* Collapse runs of white space (including NBSP) to one space and trim. */
char *util_squash_space(const char *s);
int util_strcasecmp(const char *a, const char *b);
int util_has_suffix_ci(const char *s, const char *suffix);
/* Count words (runs of letters/digits) in s. */
size_t util_count_words(const char *s);
/* Today's date as YYYY-MM-DD in local time (or $SOURCE_DATE_EPOCH when set,
 * for reproducible output). */
void util_today(char out[11]);

#endif
