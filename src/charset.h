/* Private: turning page bytes in any charset into UTF-8 (charset.c). */
#ifndef BC_CHARSET_H
#define BC_CHARSET_H

#include <stddef.h>

/* Which charset a page is in: the byte order mark first, then the charset
 * parameter of content_type (may be NULL), then a <meta charset> or
 * http-equiv declaration (or an XML declaration) near the top, and when
 * nothing is declared a guess from the bytes.  Writes a canonical iconv
 * name into out (size n), e.g. "UTF-8", "WINDOWS-1251". */
void charset_detect(const char *bytes, size_t len, const char *content_type, int is_html,
                    char *out, size_t n);

/* Convert bytes in `charset` to valid UTF-8 without a BOM.  Bytes that are
 * invalid in that charset never pass on: in UTF-8 text a stray byte is read
 * as windows-1252 (the usual cause) and anything else is dropped; control characters
 * other than tab and newline are dropped too.  Never fails: an unknown
 * charset falls back to windows-1252.  Free the result with free(). */
char *charset_to_utf8(const char *bytes, size_t len, const char *charset, size_t *out_len);

/* Both at once: detect, then convert.  `used` (may be NULL, size n) receives
 * the charset chosen. */
char *charset_decode(const char *bytes, size_t len, const char *content_type, int is_html,
                     size_t *out_len, char *used, size_t n);

#endif
