/* Charsets: page bytes in whatever encoding they came in, out as UTF-8.
 *
 * The decision follows the order the HTML standard gives a browser: a byte
 * order mark wins, then the charset of the HTTP Content-Type header, then a
 * <meta charset> / http-equiv declaration (or an XML declaration) near the
 * top of the page, and when nothing is declared a guess from the bytes.
 * Declared names go through the WHATWG aliasing (ISO-8859-1 and ASCII mean
 * windows-1252, GB2312 and GBK mean GB18030, ...).  The guess: valid UTF-8
 * is UTF-8; otherwise each plausible legacy charset is tried and the one whose
 * decoded words look most like words (letters of one script, CJK text from a
 * multi-byte decoder that met no errors) wins.  Conversion is glibc iconv.
 * Bytes a charset does not define are dropped, never passed on; in text
 * declared as UTF-8, a stray invalid byte is read as windows-1252 (the usual
 * mistake: a Latin-1 fragment pasted into a UTF-8 page). */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "charset.h"
#include "util.h"

/* windows-1252 0x80..0x9F; 0 = undefined. */
static const uint16_t cp1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
  0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
  0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0};

static int32_t cp1252(unsigned char c) {
  if (c >= 0x80 && c < 0xA0) return cp1252_high[c - 0x80];
  return c;
}

/* Length of a valid UTF-8 sequence at s, or 0 if invalid (strict: no
 * overlongs, no surrogates, nothing above U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t len, int32_t *cp) {
  unsigned char c = s[0];
  if (c < 0x80) { *cp = c; return 1; }
  if (c >= 0xC2 && c <= 0xDF) {
    if (len < 2 || (s[1] & 0xC0) != 0x80) return 0;
    *cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0;
    if (c == 0xED && s[1] >= 0xA0) return 0;
    *cp = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && s[1] < 0x90) return 0;
    if (c == 0xF4 && s[1] >= 0x90) return 0;
    *cp = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
  }
  return 0;
}

static void add_cp(bc_buf *b, int32_t cp) {
  char enc[4];
  /* Controls other than tab and newline never reach the text; CR becomes LF. */
  if (cp == '\r') cp = '\n';
  if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
      cp == 0xFEFF || cp == 0xFFFD || (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF)
    return;
  buf_add(b, enc, utf8_encode(cp, enc));
}

/* Clean UTF-8 input: invalid bytes read as windows-1252. */
static char *utf8_repair(const char *bytes, size_t len, size_t *out_len) {
  bc_buf b;
  const unsigned char *s = (const unsigned char *)bytes;
  size_t i = 0;
  buf_init(&b);
  if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3;
  while (i < len) {
    int32_t cp;
    size_t n;
    if (s[i] < 0x80) {  /* fast path for ASCII runs */
      size_t j = i;
      while (j < len && s[j] >= 0x20 && s[j] < 0x7F) j++;
      if (j > i) { buf_add(&b, bytes + i, j - i); i = j; continue; }
    }
    if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') { i++; continue; }  /* CRLF */
    n = utf8_seq(s + i, len - i, &cp);
    if (n == 0) {
      /* A stray byte: a Latin-1 letter inside a word ("caf\xe9") is read as
       * windows-1252; anything else (a truncated sequence, 0xFF) is dropped. */
      int letter_near = (i > 0 && isalpha(s[i - 1])) || (i + 1 < len && isalpha(s[i + 1]));
      utf8proc_category_t cat;
      cp = cp1252(s[i]);
      cat = utf8proc_category(cp);
      n = 1;
      if (!(cp >= 0xA0 && letter_near && cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)) {
        i++;
        continue;
      }
    }
    add_cp(&b, cp);
    i += n;
  }
  if (out_len) *out_len = b.len;
  return buf_steal(&b);
}

/* ------------------------------------------------------------------ names */

/* Canonical iconv name for a declared charset label, or NULL if unknown. */
static const char *canonical(const char *label, size_t n) {
  static const struct { const char *label, *name; } alias[] = {
    {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
    /* A page cannot really be UTF-16 if its meta tag was readable as ASCII. */
    {"utf-16", "UTF-8"}, {"utf-16le", "UTF-8"}, {"utf-16be", "UTF-8"},
    {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
    {"windows-1252", "WINDOWS-1252"}, {"cp1252", "WINDOWS-1252"},
    {"x-cp1252", "WINDOWS-1252"}, {"iso_8859-1", "WINDOWS-1252"}, {"cp819", "WINDOWS-1252"},
    {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"}, {"windows-1254", "WINDOWS-1254"},
    {"iso-8859-11", "WINDOWS-874"}, {"tis-620", "WINDOWS-874"}, {"windows-874", "WINDOWS-874"},
    {"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"}, {"gb18030", "GB18030"},
    {"cp936", "GB18030"}, {"chinese", "GB18030"}, {"euc-cn", "GB18030"},
    {"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"},
    {"ms_kanji", "CP932"}, {"windows-31j", "CP932"}, {"cp932", "CP932"},
    {"euc-jp", "EUC-JP"}, {"x-euc-jp", "EUC-JP"}, {"iso-2022-jp", "ISO-2022-JP"},
    {"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"}, {"windows-949", "CP949"},
    {"big5", "BIG5-HKSCS"}, {"big5-hkscs", "BIG5-HKSCS"}, {"x-x-big5", "BIG5-HKSCS"},
    {"koi8-r", "KOI8-R"}, {"koi8-u", "KOI8-U"}, {"koi8-ru", "KOI8-U"},
    {"x-mac-roman", "MACINTOSH"}, {"macintosh", "MACINTOSH"}, {"mac", "MACINTOSH"},
  };
  char low[48];
  size_t i, k = 0;
  while (n && (isspace((unsigned char)*label) || *label == '"' || *label == '\'')) label++, n--;
  while (n && (isspace((unsigned char)label[n - 1]) || label[n - 1] == '"' ||
               label[n - 1] == '\'' || label[n - 1] == ';'))
    n--;
  if (n == 0 || n >= sizeof low) return NULL;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)label[i];
    if (!(isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':')) return NULL;
    low[k++] = (char)tolower(c);
  }
  low[k] = 0;
  for (i = 0; i < sizeof alias / sizeof alias[0]; i++)
    if (strcmp(low, alias[i].label) == 0) return alias[i].name;
  /* windows-125x, iso-8859-x and friends: iconv knows them by name. */
  {
    iconv_t cd = iconv_open("UTF-8", low);
    if (cd == (iconv_t)-1) return NULL;
    iconv_close(cd);
    if (strncmp(low, "windows-", 8) == 0 || strncmp(low, "cp", 2) == 0) {
      static const char *win[] = {"WINDOWS-1250", "WINDOWS-1251", "WINDOWS-1252",
                                  "WINDOWS-1253", "WINDOWS-1254", "WINDOWS-1255",
                                  "WINDOWS-1256", "WINDOWS-1257", "WINDOWS-1258"};
      const char *d = low + (low[0] == 'w' ? 8 : 2);
      if (strlen(d) == 4 && strncmp(d, "125", 3) == 0 && d[3] >= '0' && d[3] <= '8')
        return win[d[3] - '0'];
    }
    if (strncmp(low, "iso-8859-", 9) == 0 || strncmp(low, "iso8859-", 8) == 0 ||
        strncmp(low, "iso_8859-", 9) == 0) {
      static const char *iso[] = {NULL, NULL, "ISO-8859-2", "ISO-8859-3", "ISO-8859-4",
                                  "ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8",
                                  NULL, "ISO-8859-10", NULL, NULL, "ISO-8859-13",
                                  "ISO-8859-14", "ISO-8859-15", "ISO-8859-16"};
      const char *d = strrchr(low, '-') + 1;
      int v = atoi(d);
      if (v > 0 && v <= 16 && iso[v]) return iso[v];
    }
    return NULL;
  }
}

/* Find `charset=` in s[0..n) and return the canonical name it declares. */
static const char *charset_param(const char *s, size_t n) {
  size_t i;
  for (i = 0; i + 8 <= n; i++) {
    if (strncasecmp(s + i, "charset", 7) == 0) {
      size_t j = i + 7, k;
      while (j < n && isspace((unsigned char)s[j])) j++;
      if (j >= n || s[j] != '=') continue;
      j++;
      while (j < n && (isspace((unsigned char)s[j]) || s[j] == '"' || s[j] == '\'')) j++;
      k = j;
      while (k < n && !isspace((unsigned char)s[k]) && s[k] != '"' && s[k] != '\'' &&
             s[k] != ';' && s[k] != '>' && s[k] != '/')
        k++;
      return canonical(s + j, k - j);
    }
  }
  return NULL;
}

/* Look for <meta charset=...>, <meta http-equiv=content-type content=...>
 * or <?xml encoding=...?> in the top of the page. */
static const char *declared_in_page(const char *bytes, size_t len) {
  size_t n = len < 32768 ? len : 32768, i;
  if (n > 5 && strncmp(bytes, "<?xml", 5) == 0) {
    const char *end = memchr(bytes, '>', n);
    if (end) {
      size_t m = (size_t)(end - bytes);
      size_t j;
      for (j = 0; j + 9 < m; j++)
        if (strncmp(bytes + j, "encoding", 8) == 0) {
          size_t k = j + 8;
          const char *name;
          while (k < m && (bytes[k] == '=' || bytes[k] == ' ' || bytes[k] == '"' || bytes[k] == '\'')) k++;
          j = k;
          while (k < m && bytes[k] != '"' && bytes[k] != '\'' && bytes[k] != ' ' && bytes[k] != '?') k++;
          name = canonical(bytes + j, k - j);
          if (name) return name;
          break;
        }
    }
  }
  for (i = 0; i + 5 < n; i++) {
    if (bytes[i] != '<') continue;
    if (strncasecmp(bytes + i + 1, "meta", 4) == 0 &&
        (isspace((unsigned char)bytes[i + 5]) || bytes[i + 5] == '/')) {
      const char *end = memchr(bytes + i, '>', n - i);
      const char *name;
      size_t m;
      if (!end) break;
      m = (size_t)(end - (bytes + i));
      name = charset_param(bytes + i, m);
      if (name) return name;
      i += m;
    } else if (strncasecmp(bytes + i + 1, "body", 4) == 0) {
      break;
    }
  }
  return NULL;
}

/* ------------------------------------------------------------- conversion */

/* Convert with iconv; invalid bytes are skipped (counted in *errors). */
static char *iconv_convert(const char *bytes, size_t len, const char *charset,
                           size_t *out_len, size_t *errors) {
  iconv_t cd = iconv_open("UTF-8", charset);
  bc_buf b;
  char *in = (char *)bytes;
  size_t inleft = len, errs = 0;
  if (cd == (iconv_t)-1) return NULL;
  buf_init(&b);
  while (inleft > 0) {
    char chunk[8192];
    char *out = chunk;
    size_t outleft = sizeof chunk;
    size_t r = iconv(cd, &in, &inleft, &out, &outleft);
    buf_add(&b, chunk, sizeof chunk - outleft);
    if (r == (size_t)-1) {
      if (errno == E2BIG) continue;
      if (errno == EILSEQ) { in++; inleft--; errs++; iconv(cd, NULL, NULL, NULL, NULL); continue; }
      errs++;  /* EINVAL: a truncated sequence at the end */
      break;
    }
  }
  iconv_close(cd);
  if (errors) *errors = errs;
  if (out_len) *out_len = b.len;
  return buf_steal(&b);
}

/* ----------------------------------------------------------------- guess */

static int is_cjk(int32_t c) {
  return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x3400 && c <= 0x4DBF);
}

static int is_kana(int32_t c) { return c >= 0x3040 && c <= 0x30FF; }

/* How word-like the non-ASCII letters of a decoded text are: +1 for each
 * word with non-ASCII letters that is all of one script and not mostly
 * accented, -1 for each that mixes scripts or holds symbols. */
static long word_score(const char *s, size_t len) {
  long score = 0;
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    size_t n = utf8_decode(s + i, len - i, &cp);
    int cyr = 0, lat_ascii = 0, lat_acc = 0, sym = 0, greek = 0;
    size_t word_start = i;
    if (!(cp >= 0x80 || isalpha((int)cp))) { i += n; continue; }
    /* a word: letters and non-ASCII characters up to a space/punct */
    while (i < len) {
      n = utf8_decode(s + i, len - i, &cp);
      if (cp < 0x80) {
        if (!isalpha((int)cp)) break;
        lat_ascii++;
      } else {
        utf8proc_category_t cat = utf8proc_category(cp);
        int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        if (cp >= 0x2000 && cp <= 0x206F) break;  /* general punctuation ends a word */
        if (cp == 0xA0 || cp == 0xAB || cp == 0xBB) break;
        if (!letter) sym++;
        else if (cp >= 0x400 && cp <= 0x4FF) cyr++;
        else if (cp >= 0x370 && cp <= 0x3FF) greek++;
        else lat_acc++;
      }
      i += n;
    }
    if (i == word_start) { i += n; continue; }  /* a lone word breaker */
    if (cyr + greek + lat_acc + sym == 0) continue;
    if (sym) score -= 2;
    else if ((cyr && (lat_ascii || lat_acc || greek)) || (greek && (lat_ascii || lat_acc))) score -= 2;
    else if (lat_acc && lat_acc * 2 > lat_acc + lat_ascii && lat_acc + lat_ascii >= 3) score -= 1;
    else score += 1;
  }
  return score;
}

static const char *guess(const char *bytes, size_t len) {
  const unsigned char *s = (const unsigned char *)bytes;
  size_t i, mb = 0, bad = 0, high = 0, runs = 0;
  for (i = 0; i < len;) {
    int32_t cp;
    size_t n;
    if (s[i] < 0x80) { i++; continue; }
    n = utf8_seq(s + i, len - i, &cp);
    if (n) { mb++; i += n; } else { bad++; i++; }
  }
  /* Legacy text almost never forms valid multi-byte sequences by chance. */
  if (bad == 0 || mb * 2 >= bad) return "UTF-8";
  for (i = 0; i < len; i++)
    if (s[i] >= 0x80) {
      high++;
      if (i + 1 < len && s[i + 1] >= 0x80) runs++;
    }
  /* Multi-byte CJK charsets: mostly pairs of high bytes, and the decoder
   * meets (almost) no errors. */
  if (runs * 2 >= high) {
    static const char *cjk[] = {"CP932", "EUC-JP", "GB18030", "CP949", "BIG5-HKSCS"};
    const char *best = NULL;
    double best_score = 0;
    size_t k;
    for (k = 0; k < sizeof cjk / sizeof cjk[0]; k++) {
      size_t olen, errs, n_cjk = 0, n_kana = 0, n_high = 0, j = 0;
      char *u = iconv_convert(bytes, len, cjk[k], &olen, &errs);
      double score;
      if (!u) continue;
      if (errs * 100 > high) { free(u); continue; }
      while (j < olen) {
        int32_t cp;
        j += utf8_decode(u + j, olen - j, &cp);
        if (cp < 0x80) continue;
        n_high++;
        if (is_cjk(cp)) n_cjk++;
        if (is_kana(cp)) n_kana++;
      }
      free(u);
      if (!n_high) continue;
      score = (double)n_cjk / (double)n_high - (double)errs / (double)high;
      /* Kana are common in Japanese and rare elsewhere; GB2312 has them at
       * the same codes as EUC-JP, so prefer a Japanese decoder that finds many. */
      if ((k == 0 || k == 1) && n_kana * 10 > n_high) score += 0.2;
      if (score > best_score + 0.01) { best_score = score; best = cjk[k]; }
    }
    if (best && best_score > 0.8) return best;
  }
  {
    static const char *single[] = {"WINDOWS-1252", "WINDOWS-1250", "WINDOWS-1251",
                                   "ISO-8859-2", "WINDOWS-1253", "KOI8-R"};
    const char *best = "WINDOWS-1252";
    long best_score = -1000000000L;
    size_t k;
    for (k = 0; k < sizeof single / sizeof single[0]; k++) {
      size_t olen;
      char *u = iconv_convert(bytes, len, single[k], &olen, NULL);
      long sc;
      if (!u) continue;
      sc = word_score(u, olen);
      free(u);
      if (sc > best_score) { best_score = sc; best = single[k]; }
    }
    return best;
  }
}

void charset_detect(const char *bytes, size_t len, const char *content_type, int is_html,
                    char *out, size_t n) {
  const unsigned char *s = (const unsigned char *)bytes;
  const char *name = NULL;
  if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) name = "UTF-8";
  else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) name = "UTF-16LE";
  else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) name = "UTF-16BE";
  if (!name && content_type) name = charset_param(content_type, strlen(content_type));
  if (!name && is_html) name = declared_in_page(bytes, len);
  /* A declaration of a single-byte charset on a page that is valid UTF-8
   * with non-ASCII text is almost always a stale template: trust the bytes. */
  if (name && strcmp(name, "UTF-8") != 0 && strncmp(name, "UTF-16", 6) != 0 &&
      strcmp(name, "ISO-2022-JP") != 0) {
    size_t i, mb = 0, bad = 0;
    for (i = 0; i < len;) {
      int32_t cp;
      size_t k;
      if (s[i] < 0x80) { i++; continue; }
      k = utf8_seq(s + i, len - i, &cp);
      if (k) { mb++; i += k; } else { bad++; i++; }
    }
    if (bad == 0 && mb >= 4) name = "UTF-8";
  }
  /* Old pages often declare ISO-8859-1 whatever they hold: when the bytes
   * read as words of another script far better, believe the bytes. */
  if (name && strcmp(name, "WINDOWS-1252") == 0 && !content_type) {
    const char *g = guess(bytes, len);
    if (strcmp(g, "UTF-8") != 0 && strcmp(g, "WINDOWS-1252") != 0 &&
        strcmp(g, "WINDOWS-1250") != 0 && strcmp(g, "ISO-8859-2") != 0)
      name = g;
  }
  if (!name) name = guess(bytes, len);
  snprintf(out, n, "%s", name);
}

char *charset_to_utf8(const char *bytes, size_t len, const char *charset, size_t *out_len) {
  const unsigned char *s = (const unsigned char *)bytes;
  char *conv, *clean;
  size_t clen;
  if (!charset || strcmp(charset, "UTF-8") == 0) return utf8_repair(bytes, len, out_len);
  if (strncmp(charset, "UTF-16", 6) == 0 && len >= 2 &&
      ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
    bytes += 2;
    len -= 2;
  }
  conv = iconv_convert(bytes, len, charset, &clen, NULL);
  if (!conv) conv = iconv_convert(bytes, len, "WINDOWS-1252", &clen, NULL);
  if (!conv) return utf8_repair(bytes, len, out_len);
  clean = utf8_repair(conv, clen, out_len);  /* drops controls and a BOM */
  free(conv);
  return clean;
}

char *charset_decode(const char *bytes, size_t len, const char *content_type, int is_html,
                     size_t *out_len, char *used, size_t n) {
  char name[48];
  charset_detect(bytes, len, content_type, is_html, name, sizeof name);
  if (used && n) snprintf(used, n, "%s", name);
  return charset_to_utf8(bytes, len, name, out_len);
}
