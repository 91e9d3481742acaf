/* Feeds: read RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0/0.3 and JSON Feed
 * 1.0/1.1 into one bc_feed, and OPML lists into feed URLs.
 *
 * In: the feed's bytes, its URL and Content-Type.  Out: bc_feed with
 * absolute links, UTC ISO 8601 dates and UTF-8 text (feed.h).
 *
 * Real feeds are often not well-formed XML, so before libxml2 sees them the
 * bytes are decoded to UTF-8 (BOM, then the XML declaration, then the HTTP
 * charset, then a guess: charset.c) and HTML named entities that XML does
 * not know (&nbsp;, &eacute;...) become numeric references, a bare '&'
 * becomes &amp;.  libxml2 then parses in recover mode without the network
 * and without loading DTDs or expanding external entities.  Elements are
 * matched by namespace URI and local name, never by prefix.  Relative links
 * resolve against xml:base (RFC 3986 resolution via libxml2) and the feed's
 * URL.  Dates go through one tolerant parser (bc_date_normalize). */
#include "briefcast/feed.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charset.h"
#include "util.h"

/* ------------------------------------------------------------------ dates */

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};

static int month_of(const char *w, size_t n) {
  if (n < 3) return 0;
  for (int m = 0; m < 12; m++)
    if (strncasecmp(w, month_names[m], 3) == 0) return m + 1;
  /* German/French abbreviations seen in the wild ("Mär", "Mai", "Okt", "Dez"). */
  if (strncasecmp(w, "mai", 3) == 0) return 5;
  if (strncasecmp(w, "okt", 3) == 0) return 10;
  if (strncasecmp(w, "dez", 3) == 0) return 12;
  return 0;
}

/* Offset in minutes east of UTC for a zone name; 1 when known. */
static int zone_of(const char *w, size_t n, int *minutes) {
  static const struct {
    const char *name;
    int off;
  } zones[] = {{"UT", 0},      {"UTC", 0},     {"GMT", 0},     {"Z", 0},       {"Zulu", 0},
               {"EST", -300},  {"EDT", -240},  {"CST", -360},  {"CDT", -300},  {"MST", -420},
               {"MDT", -360},  {"PST", -480},  {"PDT", -420},  {"AKST", -540}, {"AKDT", -480},
               {"HST", -600},  {"CET", 60},    {"CEST", 120},  {"MEZ", 60},    {"MESZ", 120},
               {"EET", 120},   {"EEST", 180},  {"WET", 0},     {"WEST", 60},   {"BST", 60},
               {"IST", 330},   {"JST", 540},   {"KST", 540},   {"AEST", 600},  {"AEDT", 660},
               {"ACST", 570},  {"AWST", 480},  {"NZST", 720},  {"NZDT", 780},  {"MSK", 180}};
  for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
    if (strlen(zones[i].name) == n && strncasecmp(w, zones[i].name, n) == 0) {
      *minutes = zones[i].off;
      return 1;
    }
  return 0;
}

static char *format_utc(int y, int mo, int d, int h, int mi, int s, int off_min) {
  struct tm tm;
  time_t t;
  char out[32];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59 ||
      s < 0 || s > 60)
    return NULL;
  if (s == 60) s = 59; /* a leap second: close enough */
  memset(&tm, 0, sizeof tm);
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  t = timegm(&tm);
  if (t == (time_t)-1 && !(y == 1969 && mo == 12 && d == 31)) return NULL;
  t -= (time_t)off_min * 60;
  if (!gmtime_r(&t, &tm)) return NULL;
  strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return xstrdup(out);
}

/* Read n digits at *p; -1 when they are not all there. */
static int digits(const char **p, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (!isdigit((unsigned char)(*p)[i])) return -1;
    v = v * 10 + ((*p)[i] - '0');
  }
  *p += n;
  return v;
}

/* "+HH:MM", "+HHMM", "+HH", "Z", or a zone name; 1 when understood. */
static int parse_offset(const char *p, int *off) {
  while (*p == ' ') p++;
  if (!*p) {
    *off = 0;
    return 1;
  }
  if (*p == '+' || *p == '-') {
    int sign = *p == '-' ? -1 : 1, h, m = 0;
    p++;
    h = digits(&p, 2);
    if (h < 0) return 0;
    if (*p == ':') p++;
    if (isdigit((unsigned char)*p)) m = digits(&p, 2);
    if (m < 0) return 0;
    *off = sign * (h * 60 + m);
    return 1;
  }
  const char *w = p;
  while (isalpha((unsigned char)*p)) p++;
  if (zone_of(w, (size_t)(p - w), off)) {
    /* "GMT+01:00" */
    if (*p == '+' || *p == '-') {
      int extra;
      if (parse_offset(p, &extra)) *off += extra;
    }
    return 1;
  }
  return 0;
}

/* ISO 8601 / RFC 3339 / W3C-DTF, with a space for 'T', missing seconds,
 * fractions, basic format (20240501T120000Z), and no zone (UTC). */
static char *parse_iso(const char *s) {
  const char *p = s;
  int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, off = 0, basic = 0;
  y = digits(&p, 4);
  if (y < 0) return NULL;
  if (*p == '-' || *p == '/') {
    char sep = *p++;
    mo = digits(&p, 2);
    if (mo < 0) return NULL;
    if (*p == sep) {
      p++;
      d = digits(&p, 2);
      if (d < 0) {
        /* "2024-5-1": single digits */
        d = 0;
        for (; isdigit((unsigned char)*p); p++) /* saturate: no overflow on a digit flood */
          if (d < 1000) d = d * 10 + (*p - '0');
      }
    }
  } else if (isdigit((unsigned char)*p)) {
    mo = digits(&p, 2);
    d = digits(&p, 2);
    if (mo < 0 || d < 0) return NULL;
    basic = 1;
  }
  if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
    p++;
    h = digits(&p, 2);
    if (h < 0) return NULL;
    if (*p == ':') p++;
    else if (!basic && isdigit((unsigned char)*p)) return NULL;
    mi = digits(&p, 2);
    if (mi < 0) return NULL;
    if (*p == ':' || (basic && isdigit((unsigned char)*p))) {
      if (*p == ':') p++;
      sec = digits(&p, 2);
      if (sec < 0) return NULL;
    }
    if (*p == '.' || *p == ',')
      for (p++; isdigit((unsigned char)*p); p++) {
      }
  }
  if (!parse_offset(p, &off)) return NULL;
  return format_utc(y, mo, d, h, mi, sec, off);
}

/* Everything else, RFC 822 first in mind: a token scan that accepts the
 * parts in any reasonable order ("Mon, 2 Jan 06 15:04 EST", "January 2,
 * 2006", "Tue Jan  2 15:04:05 2006", "02-Jan-2006 15:04:05 +0100"). */
static char *parse_loose(const char *s) {
  const char *p = s;
  int y = -1, mo = 0, d = -1, h = 0, mi = 0, sec = 0, off = 0, have_time = 0, pm = -1;
  int numeric_zone = 0;
  char tail;
  /* "06.05.2024 18:15": day.month.year, as in German and Russian feeds */
  if (sscanf(s, "%2d.%2d.%4d%c", &d, &mo, &y, &tail) >= 3 && y >= 1000) {
    const char *t = strchr(s, ' ');
    if (t && sscanf(t, " %2d:%2d:%2d", &h, &mi, &sec) < 2) h = mi = sec = 0;
    int o = 0;
    if (t && (t = strchr(t + 1, ' ')) && !parse_offset(t, &o)) o = 0;
    return format_utc(y, mo, d, h, mi, sec, o);
  }
  y = -1, mo = 0, d = -1;
  while (*p) {
    if (isalpha((unsigned char)*p)) {
      const char *w = p;
      size_t n;
      int m, z;
      while (isalpha((unsigned char)*p) || *p == '.') p++;
      n = (size_t)(p - w);
      if (w[n - 1] == '.') n--;
      if (!mo && (m = month_of(w, n)) && n <= 9) {
        mo = m;
      } else if ((n == 2 && strncasecmp(w, "am", 2) == 0)) {
        pm = 0;
      } else if ((n == 2 && strncasecmp(w, "pm", 2) == 0)) {
        pm = 1;
      } else if (zone_of(w, n, &z)) {
        /* "+0100 GMT": the number is the offset, the name decoration */
        if (!numeric_zone) off = z;
        if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
          int extra;
          if (parse_offset(p, &extra)) off += extra;
          p++;
          while (isdigit((unsigned char)*p) || *p == ':') p++;
        }
      }
      /* weekday names and other words are ignored */
    } else if (isdigit((unsigned char)*p)) {
      const char *w = p;
      long v = 0;
      for (; isdigit((unsigned char)*p); p++) /* saturate: no overflow on a digit flood */
        if (v < 100000000L) v = v * 10 + (*p - '0');
      size_t n = (size_t)(p - w);
      if (*p == ':' && !have_time) {
        h = (int)v;
        p++;
        mi = digits(&p, 2);
        if (mi < 0) return NULL;
        if (*p == ':') {
          p++;
          sec = digits(&p, 2);
          if (sec < 0) return NULL;
        }
        if (*p == '.')
          for (p++; isdigit((unsigned char)*p); p++) {
          }
        have_time = 1;
      } else if (w > s && (w[-1] == '+' || w[-1] == '-') && have_time && (n == 4 || n == 2)) {
        /* "+0200", "+02:00", "+02" */
        if (!parse_offset(w - 1, &off)) return NULL;
        numeric_zone = 1;
        while (isdigit((unsigned char)*p) || *p == ':') p++;
      } else if (n == 4 && y < 0) {
        y = (int)v;
      } else if (n <= 2 && d < 0) {
        d = (int)v;
      } else if (n <= 2 && y < 0) {
        y = (int)v + (v < 50 ? 2000 : 1900);
      } else {
        return NULL;
      }
    } else {
      p++;
    }
  }
  if (y < 0 || !mo || d < 0) return NULL;
  if (pm == 1 && h < 12) h += 12;
  if (pm == 0 && h == 12) h = 0;
  return format_utc(y, mo, d, h, mi, sec, off);
}

char *bc_date_normalize(const char *s) {
  char *t, *out;
  if (!s) return NULL;
  t = util_squash_space(s);
  if (!t[0]) {
    free(t);
    return NULL;
  }
  out = isdigit((unsigned char)t[0]) && strlen(t) >= 4 && isdigit((unsigned char)t[3]) ? parse_iso(t)
                                                                                        : NULL;
  if (!out) out = parse_loose(t);
  free(t);
  return out;
}

/* ---------------------------------------------------------- preparation */

/* The length of the CDATA section or comment that starts at s[i] (to the
 * end of the input when it is never closed), or 0 when none starts there. */
static size_t verbatim_len(const char *s, size_t i, size_t len) {
  static const struct { const char *open, *close; } kinds[] = {{"<![CDATA[", "]]>"},
                                                               {"<!--", "-->"}};
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
    size_t ol = strlen(kinds[k].open);
    if (i + ol > len || memcmp(s + i, kinds[k].open, ol) != 0) continue;
    for (size_t j = i + ol; j + 3 <= len; j++)
      if (memcmp(s + j, kinds[k].close, 3) == 0) return j + 3 - i;
    return len - i;
  }
  return 0;
}

/* Replace HTML entities XML does not define with numeric references and
 * escape stray ampersands, outside CDATA sections and comments. */
static char *fix_entities(const char *s, size_t len, size_t *out_len) {
  bc_buf b;
  size_t i = 0;
  buf_init(&b);
  while (i < len) {
    size_t n = verbatim_len(s, i, len);
    if (n) { /* CDATA sections and comments pass through untouched */
      buf_add(&b, s + i, n);
      i += n;
      continue;
    }
    if (s[i] != '&') {
      size_t j = i;
      while (j < len && s[j] != '&' && s[j] != '<') j++;
      if (j == i) j++;
      buf_add(&b, s + i, j - i);
      i = j;
      continue;
    }
    /* s[i] == '&' */
    size_t j = i + 1;
    if (j < len && s[j] == '#') {
      j++;
      int hex = j < len && (s[j] == 'x' || s[j] == 'X');
      if (hex) j++;
      size_t k = j;
      while (k < len && (hex ? isxdigit((unsigned char)s[k]) : isdigit((unsigned char)s[k]))) k++;
      if (k > j && k < len && s[k] == ';') {
        buf_add(&b, s + i, k + 1 - i);
        i = k + 1;
      } else {
        buf_adds(&b, "&amp;");
        i++;
      }
      continue;
    }
    while (j < len && j - i < 33 && isalnum((unsigned char)s[j])) j++;
    if (j > i + 1 && j < len && s[j] == ';') {
      char name[40];
      size_t n = j - i - 1;
      memcpy(name, s + i + 1, n);
      name[n] = '\0';
      if (!strcmp(name, "amp") || !strcmp(name, "lt") || !strcmp(name, "gt") ||
          !strcmp(name, "quot") || !strcmp(name, "apos")) {
        buf_add(&b, s + i, j + 1 - i);
      } else {
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
        if (e)
          buf_printf(&b, "&#%u;", e->value);
        else
          buf_printf(&b, "&amp;%s;", name);
      }
      i = j + 1;
      continue;
    }
    buf_adds(&b, "&amp;");
    i++;
  }
  *out_len = b.len;
  return buf_steal(&b);
}

/* Elements whose content is text or escaped HTML.  Real feeds often put raw
 * HTML in them ("<br>", "a < b"), which as XML would swallow the rest of the
 * feed; such content is wrapped in a CDATA section before parsing. */
static const char *const text_elements[] = {"title",   "description", "content:encoded",
                                             "summary", "content",     "subtitle",
                                             "tagline", "itunes:summary", NULL};

/* The first occurrence of needle (nlen bytes) in s[0..n), or NULL.
 * (memmem() is a GNU extension.) */
static const char *find_bytes(const char *s, size_t n, const char *needle, size_t nlen) {
  if (nlen == 0 || n < nlen) return NULL;
  for (const char *p = s, *last = s + n - nlen; p <= last; p++) {
    p = memchr(p, needle[0], (size_t)(last - p) + 1);
    if (!p) return NULL;
    if (memcmp(p, needle, nlen) == 0) return p;
  }
  return NULL;
}

/* 1 when s[0..n) holds a '<' outside CDATA sections. */
static int has_raw_markup(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '<') continue;
    if (i + 9 <= n && memcmp(s + i, "<![CDATA[", 9) == 0) {
      const char *e = find_bytes(s + i + 9, n - i - 9, "]]>", 3);
      if (!e) return 1;
      i = (size_t)(e - s) + 2;
      continue;
    }
    return 1;
  }
  return 0;
}

/* Append s[0..n) as one CDATA section: existing CDATA markers dropped
 * (their content kept), "]]>" split so it cannot end the section. */
static void add_as_cdata(bc_buf *b, const char *s, size_t n) {
  buf_adds(b, "<![CDATA[");
  for (size_t i = 0; i < n;) {
    if (i + 9 <= n && memcmp(s + i, "<![CDATA[", 9) == 0) {
      i += 9;
      continue;
    }
    if (i + 3 <= n && memcmp(s + i, "]]>", 3) == 0) {
      /* the end of a CDATA section we opened above, or a literal "]]>" */
      i += 3;
      continue;
    }
    buf_addc(b, s[i++]);
  }
  buf_adds(b, "]]>");
}

static char *wrap_raw_markup(const char *s, size_t len, size_t *out_len) {
  bc_buf b;
  size_t i = 0;
  buf_init(&b);
  while (i < len) {
    const char *lt = memchr(s + i, '<', len - i);
    if (!lt) {
      buf_add(&b, s + i, len - i);
      break;
    }
    size_t at = (size_t)(lt - s);
    buf_add(&b, s + i, at - i);
    i = at;
    const char *skip_end = NULL;
    if (i + 9 <= len && memcmp(s + i, "<![CDATA[", 9) == 0)
      skip_end = find_bytes(s + i, len - i, "]]>", 3);
    else if (i + 4 <= len && memcmp(s + i, "<!--", 4) == 0)
      skip_end = find_bytes(s + i, len - i, "-->", 3);
    if (skip_end || (i + 1 < len && (s[i + 1] == '!' || s[i + 1] == '?'))) {
      size_t end = skip_end ? (size_t)(skip_end - s) + 3 : i + 2;
      buf_add(&b, s + i, end - i);
      i = end;
      continue;
    }
    /* an element start tag: its name */
    size_t k = i + 1;
    while (k < len && !isspace((unsigned char)s[k]) && s[k] != '>' && s[k] != '/' && s[k] != '<')
      k++;
    size_t name_len = k - i - 1;
    int wanted = 0;
    for (int t = 0; text_elements[t] && name_len; t++)
      if (strlen(text_elements[t]) == name_len && memcmp(s + i + 1, text_elements[t], name_len) == 0)
        wanted = 1;
    const char *gt = wanted ? memchr(s + k, '>', len - k) : NULL;
    if (!gt || gt[-1] == '/') {
      buf_addc(&b, '<');
      i++;
      continue;
    }
    size_t body = (size_t)(gt - s) + 1;
    char close[48];
    snprintf(close, sizeof close, "</%.*s>", (int)name_len, s + i + 1);
    const char *end = find_bytes(s + body, len - body, close, strlen(close));
    if (!end) {
      buf_addc(&b, '<');
      i++;
      continue;
    }
    size_t inner_len = (size_t)(end - (s + body));
    /* Markup that is meant as XML (Atom xhtml, Atom 0.3 mode="xml") stays. */
    char *attrs = xstrndup(s + k, body - k);
    int xml_content = strstr(attrs, "xhtml") || strstr(attrs, "\"xml\"") || strstr(attrs, "'xml'") ||
                      strstr(attrs, "+xml");
    free(attrs);
    buf_add(&b, s + i, body - i);
    if (!xml_content && has_raw_markup(s + body, inner_len))
      add_as_cdata(&b, s + body, inner_len);
    else
      buf_add(&b, s + body, inner_len);
    buf_adds(&b, close);
    i = (size_t)(end - s) + strlen(close);
  }
  *out_len = b.len;
  return buf_steal(&b);
}

/* 1 when the XML declaration names an encoding. */
static int declares_encoding(const char *s, size_t len) {
  if (len >= 3 && (unsigned char)s[0] == 0xEF) s += 3, len -= 3;
  if (len < 5 || memcmp(s, "<?xml", 5) != 0) return 0;
  const char *end = memchr(s, '>', len < 200 ? len : 200);
  if (!end) return 0;
  for (const char *p = s; p + 8 < end; p++)
    if (memcmp(p, "encoding", 8) == 0) return 1;
  return 0;
}

static xmlDoc *read_xml(const char *bytes, size_t len, const char *url, const char *content_type) {
  char cs[48];
  size_t ulen, flen, wlen;
  char *utf8, *fixed, *wrapped;
  xmlDoc *doc;
  const unsigned char *u = (const unsigned char *)bytes;
  int bom8 = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
  size_t skip = bom8 ? 3 : 0;
  /* White space (or a BOM) before the XML declaration is a common mistake
   * that makes the declaration an error: drop it. */
  while (skip < len && isspace(u[skip])) skip++;
  if (skip < len && bytes[skip] == '<') {
    bytes += skip;
    len -= skip;
  }
  /* The document's own declaration beats the server's header: servers
   * send a default charset far more often than feeds mislabel themselves. */
  if (bom8)
    snprintf(cs, sizeof cs, "UTF-8");
  else
    charset_detect(bytes, len, declares_encoding(bytes, len) ? NULL : content_type, 1, cs,
                   sizeof cs);
  utf8 = charset_to_utf8(bytes, len, cs, &ulen);
  wrapped = wrap_raw_markup(utf8, ulen, &wlen);
  free(utf8);
  fixed = fix_entities(wrapped, wlen, &flen);
  free(wrapped);
  doc = xmlReadMemory(fixed, (int)flen, url, "UTF-8",
                      XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                          XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
                          XML_PARSE_COMPACT);
  free(fixed);
  return doc;
}

/* ------------------------------------------------------------ sniffing */

bc_doc_kind bc_doc_sniff(const char *bytes, size_t len) {
  size_t i = 0, lim = len < 65536 ? len : 65536;
  if (lim >= 3 && (unsigned char)bytes[0] == 0xEF && (unsigned char)bytes[1] == 0xBB &&
      (unsigned char)bytes[2] == 0xBF)
    i = 3;
  while (i < lim && isspace((unsigned char)bytes[i])) i++;
  if (i < lim && bytes[i] == '{') {
    /* JSON Feed: "version": "https://jsonfeed.org/version/1.1" */
    const char *v = "jsonfeed.org/version";
    size_t vl = strlen(v);
    for (size_t j = i; j + vl <= lim; j++)
      if (memcmp(bytes + j, v, vl) == 0) return BC_DOC_FEED;
    return BC_DOC_OTHER;
  }
  while (i < lim) {
    if (bytes[i] != '<') {
      i++;
      continue;
    }
    if (i + 1 < lim && (bytes[i + 1] == '?' || bytes[i + 1] == '!')) {
      i++;
      continue;
    }
    size_t j = i + 1, k;
    k = j;
    while (k < lim && !isspace((unsigned char)bytes[k]) && bytes[k] != '>' && bytes[k] != '/') k++;
    /* strip a prefix ("rdf:RDF", "atom:feed") */
    for (size_t c = j; c < k; c++)
      if (bytes[c] == ':') j = c + 1;
    size_t n = k - j;
    if ((n == 3 && strncasecmp(bytes + j, "rss", 3) == 0) ||
        (n == 3 && strncmp(bytes + j, "RDF", 3) == 0) ||
        (n == 4 && strncmp(bytes + j, "feed", 4) == 0))
      return BC_DOC_FEED;
    if (n == 4 && strncasecmp(bytes + j, "opml", 4) == 0) return BC_DOC_OPML;
    return BC_DOC_OTHER;
  }
  return BC_DOC_OTHER;
}

/* ---------------------------------------------------------- XML helpers */

enum ns_kind { NS_CORE, NS_ATOM, NS_DC, NS_DCTERMS, NS_CONTENT, NS_RDF, NS_ITUNES, NS_OTHER };

static enum ns_kind ns_of(const xmlNode *n, int atom_default) {
  const char *h = n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
  if (!h || !h[0]) return atom_default ? NS_ATOM : NS_CORE;
  if (!strcmp(h, "http://www.w3.org/2005/Atom") || !strcmp(h, "http://purl.org/atom/ns#"))
    return NS_ATOM;
  if (!strcmp(h, "http://purl.org/rss/1.0/") ||
      !strcmp(h, "http://my.netscape.com/rdf/simple/0.9/") ||
      !strcmp(h, "http://backend.userland.com/rss2") ||
      !strcmp(h, "http://backend.userland.com/RSS2"))
    return atom_default ? NS_OTHER : NS_CORE;
  if (!strcmp(h, "http://purl.org/dc/elements/1.1/")) return NS_DC;
  if (!strcmp(h, "http://purl.org/dc/terms/")) return NS_DCTERMS;
  if (!strcmp(h, "http://purl.org/rss/1.0/modules/content/")) return NS_CONTENT;
  if (!strcmp(h, "http://www.w3.org/1999/02/22-rdf-syntax-ns#")) return NS_RDF;
  if (!strcmp(h, "http://www.itunes.com/dtds/podcast-1.0.dtd")) return NS_ITUNES;
  return NS_OTHER;
}

typedef struct parse_ctx {
  xmlDoc *doc;
  int atom;                 /* the root is Atom: unprefixed elements are Atom */
} parse_ctx;

/* Feeds that use a prefix without declaring it ("dc:creator" with no
 * xmlns:dc) leave libxml2 with the whole "prefix:name" as the name and no
 * namespace; the usual prefixes are taken to mean their usual namespaces. */
static int undeclared_prefix(const xmlNode *n, enum ns_kind k, const char *name) {
  static const struct {
    const char *prefix;
    enum ns_kind kind;
  } known[] = {{"dc", NS_DC},           {"dcterms", NS_DCTERMS}, {"content", NS_CONTENT},
               {"atom", NS_ATOM},       {"atom10", NS_ATOM},     {"a10", NS_ATOM},
               {"itunes", NS_ITUNES},   {"rdf", NS_RDF}};
  const char *qn = (const char *)n->name, *colon = strchr(qn, ':');
  if (n->ns || !colon || strcmp(colon + 1, name) != 0) return 0;
  for (size_t i = 0; i < sizeof known / sizeof *known; i++)
    if (known[i].kind == k && strlen(known[i].prefix) == (size_t)(colon - qn) &&
        !strncmp(qn, known[i].prefix, (size_t)(colon - qn)))
      return 1;
  return 0;
}

static int is_el(const parse_ctx *c, const xmlNode *n, enum ns_kind k, const char *name) {
  if (n->type != XML_ELEMENT_NODE) return 0;
  if (!strcmp((const char *)n->name, name)) return ns_of(n, c->atom) == k;
  return undeclared_prefix(n, k, name);
}

static char *attr(const xmlNode *n, const char *name) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  char *s = v ? xstrdup((const char *)v) : NULL;
  xmlFree(v);
  return s;
}

static char *trimmed(const char *s) {
  if (!s) return NULL;
  while (isspace((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) n--;
  return n ? xstrndup(s, n) : NULL;
}

static char *text_of(const xmlNode *n) {
  xmlChar *v = xmlNodeGetContent(n);
  char *s = trimmed((const char *)v);
  xmlFree(v);
  return s;
}

/* The markup inside n: its children serialized when it has elements (an
 * unescaped XHTML body), else its text. */
static char *inner_of(parse_ctx *c, const xmlNode *n) {
  int has_el = 0;
  for (xmlNode *k = n->children; k; k = k->next)
    if (k->type == XML_ELEMENT_NODE) has_el = 1;
  if (!has_el) return text_of(n);
  xmlBuffer *buf = xmlBufferCreate();
  for (xmlNode *k = n->children; k; k = k->next) xmlNodeDump(buf, c->doc, k, 0, 0);
  char *s = trimmed((const char *)xmlBufferContent(buf));
  xmlBufferFree(buf);
  return s;
}

/* HTML to plain text for titles: drop tags, decode entities, squash space. */
static char *html_to_text(const char *s) {
  bc_buf b;
  char *out;
  if (!s) return NULL;
  buf_init(&b);
  for (const char *p = s; *p;) {
    if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!')) {
      const char *e = strchr(p, '>');
      if (e) {
        p = e + 1;
        continue;
      }
    }
    if (*p == '&') {
      const char *q = p + 1;
      int32_t cp = -1;
      if (*q == '#') {
        q++;
        int hex = *q == 'x' || *q == 'X';
        if (hex) q++;
        char *end;
        long v = strtol(q, &end, hex ? 16 : 10);
        if (end > q && *end == ';' && v > 0 && v < 0x110000) {
          cp = (int32_t)v;
          q = end;
        }
      } else {
        char name[40];
        size_t n = 0;
        while (isalnum((unsigned char)q[n]) && n < 39) n++;
        if (n && q[n] == ';') {
          memcpy(name, q, n);
          name[n] = '\0';
          const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
          if (e) {
            cp = (int32_t)e->value;
            q += n;
          }
        }
      }
      if (cp > 0) {
        char u[4];
        buf_add(&b, u, utf8_encode(cp, u));
        p = q + 1;
        continue;
      }
    }
    buf_addc(&b, *p++);
  }
  out = util_squash_space(b.s);
  buf_free(&b);
  if (!out[0]) {
    free(out);
    return NULL;
  }
  return out;
}

/* An absolute URL for href as seen at node n (xml:base, then the feed URL). */
static char *resolve(parse_ctx *c, const xmlNode *n, const char *href) {
  char *h = trimmed(href);
  if (!h) return NULL;
  xmlChar *base = xmlNodeGetBase(c->doc, n);
  xmlChar *abs = base ? xmlBuildURI((const xmlChar *)h, base) : NULL;
  char *out = abs ? xstrdup((const char *)abs) : xstrdup(h);
  xmlFree(abs);
  xmlFree(base);
  free(h);
  return out;
}

static void set_once(char **field, char *value) {
  if (!*field && value)
    *field = value;
  else
    free(value);
}

static void set_date(char **field, const xmlNode *n) {
  if (*field) return;
  char *t = text_of(n);
  *field = bc_date_normalize(t);
  free(t);
}

static void add_category(bc_feed_entry *e, char *cat, size_t *cap) {
  if (!cat) return;
  for (size_t i = 0; i < e->n_categories; i++)
    if (!strcmp(e->categories[i], cat)) {
      free(cat);
      return;
    }
  BC_GROW(e->categories, e->n_categories, *cap);
  e->categories[e->n_categories++] = cat;
}

static void add_enclosure(bc_feed_entry *e, char *url, char *type, const char *length,
                          size_t *cap) {
  if (!url) {
    free(type);
    return;
  }
  BC_GROW(e->enclosures, e->n_enclosures, *cap);
  bc_enclosure *x = &e->enclosures[e->n_enclosures++];
  x->url = url;
  x->type = type;
  x->length = -1;
  if (length) {
    char *end;
    long long v = strtoll(length, &end, 10);
    if (end != length && v >= 0) x->length = v;
  }
}

static void append_author(char **field, char *name) {
  if (!name) return;
  if (!*field) {
    *field = name;
    return;
  }
  char *j = xasprintf("%s, %s", *field, name);
  free(*field);
  free(name);
  *field = j;
}

/* "jdoe@example.com (John Doe)" -> "John Doe", as RSS 2.0 <author> is meant to be. */
static char *rss_author(char *s) {
  if (!s) return NULL;
  char *open = strchr(s, '(');
  char *close = open ? strrchr(open, ')') : NULL;
  if (open && close && close > open + 1 && strchr(s, '@') && strchr(s, '@') < open) {
    char *inside = xstrndup(open + 1, (size_t)(close - open - 1));
    char *name = trimmed(inside);
    free(inside);
    if (name) {
      free(s);
      return name;
    }
  }
  return s;
}

/* ---------------------------------------------------------------- RSS */

static void rss_item(parse_ctx *c, xmlNode *item, bc_feed_entry *e) {
  size_t cat_cap = 0, enc_cap = 0;
  char *guid_link = NULL;
  if (ns_of(item, 0) == NS_CORE || ns_of(item, 0) == NS_OTHER) {
    char *about = (char *)xmlGetNsProp(item, (const xmlChar *)"about",
                                       (const xmlChar *)"http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    if (about) {
      e->id = trimmed(about);
      xmlFree(about);
    }
  }
  for (xmlNode *n = item->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_el(c, n, NS_CORE, "title")) {
      char *t = text_of(n);
      set_once(&e->title, html_to_text(t));
      free(t);
    } else if (is_el(c, n, NS_CORE, "link")) {
      char *t = text_of(n);
      if (t) set_once(&e->link, resolve(c, n, t));
      free(t);
    } else if (is_el(c, n, NS_ATOM, "link")) {
      char *rel = attr(n, "rel"), *href = attr(n, "href");
      if (href && (!rel || !strcmp(rel, "alternate"))) set_once(&e->link, resolve(c, n, href));
      free(rel);
      free(href);
    } else if (is_el(c, n, NS_CORE, "guid")) {
      char *t = text_of(n), *perma = attr(n, "isPermaLink");
      if (t) {
        free(e->id);
        e->id = xstrdup(t);
        if ((!perma || strcmp(perma, "false") != 0) &&
            (strncmp(t, "http://", 7) == 0 || strncmp(t, "https://", 8) == 0)) {
          free(guid_link); /* a second <guid>: the last one wins, as for the id */
          guid_link = resolve(c, n, t);
        }
      }
      free(t);
      free(perma);
    } else if (is_el(c, n, NS_CORE, "pubDate") || is_el(c, n, NS_DC, "date") ||
               is_el(c, n, NS_DCTERMS, "issued") || is_el(c, n, NS_DCTERMS, "created")) {
      set_date(&e->published, n);
    } else if (is_el(c, n, NS_ATOM, "updated") || is_el(c, n, NS_DCTERMS, "modified")) {
      set_date(&e->updated, n);
    } else if (is_el(c, n, NS_CORE, "description")) {
      set_once(&e->summary, inner_of(c, n));
    } else if (is_el(c, n, NS_CONTENT, "encoded")) {
      set_once(&e->content, inner_of(c, n));
    } else if (is_el(c, n, NS_CORE, "author") || is_el(c, n, NS_DC, "creator")) {
      append_author(&e->author, rss_author(text_of(n)));
    } else if (is_el(c, n, NS_CORE, "category") || is_el(c, n, NS_DC, "subject")) {
      add_category(e, text_of(n), &cat_cap);
    } else if (is_el(c, n, NS_CORE, "enclosure")) {
      char *url = attr(n, "url"), *len = attr(n, "length"), *type = attr(n, "type");
      add_enclosure(e, url ? resolve(c, n, url) : NULL, trimmed(type), len, &enc_cap);
      free(type);
      free(url);
      free(len);
    }
  }
  /* Podcast feeds: iTunes elements stand in for the missing RSS ones. */
  for (xmlNode *n = item->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (!e->author && is_el(c, n, NS_ITUNES, "author")) e->author = text_of(n);
    else if (!e->summary && is_el(c, n, NS_ITUNES, "summary")) e->summary = text_of(n);
  }
  if (!e->link && guid_link) {
    e->link = guid_link;
    guid_link = NULL;
  }
  free(guid_link);
}

static void rss_channel(parse_ctx *c, xmlNode *ch, bc_feed *f) {
  char *pub = NULL, *build = NULL, *dc = NULL;
  for (xmlNode *n = ch->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_el(c, n, NS_CORE, "title")) {
      char *t = text_of(n);
      set_once(&f->title, html_to_text(t));
      free(t);
    } else if (is_el(c, n, NS_CORE, "link")) {
      char *t = text_of(n);
      if (t) set_once(&f->link, resolve(c, n, t));
      free(t);
    } else if (is_el(c, n, NS_ATOM, "link") && !f->link) {
      char *rel = attr(n, "rel"), *href = attr(n, "href");
      if (href && (!rel || !strcmp(rel, "alternate"))) f->link = resolve(c, n, href);
      free(rel);
      free(href);
    } else if (is_el(c, n, NS_CORE, "description")) {
      set_once(&f->description, inner_of(c, n));
    } else if (is_el(c, n, NS_CORE, "language") || is_el(c, n, NS_DC, "language")) {
      set_once(&f->language, text_of(n));
    } else if (is_el(c, n, NS_CORE, "lastBuildDate")) {
      set_date(&build, n);
    } else if (is_el(c, n, NS_CORE, "pubDate")) {
      set_date(&pub, n);
    } else if (is_el(c, n, NS_DC, "date") || is_el(c, n, NS_ATOM, "updated")) {
      set_date(&dc, n);
    }
  }
  if (!f->language) {
    xmlChar *lang = xmlNodeGetLang(ch);
    if (lang) f->language = trimmed((const char *)lang);
    xmlFree(lang);
  }
  f->updated = build ? build : pub ? pub : dc;
  if (f->updated != build) free(build);
  if (f->updated != pub) free(pub);
  if (f->updated != dc) free(dc);
}

static void collect_items(parse_ctx *c, xmlNode *parent, bc_feed *f, size_t *cap) {
  for (xmlNode *n = parent->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "item") != 0) continue;
    enum ns_kind k = ns_of(n, 0);
    if (k != NS_CORE && k != NS_OTHER) continue;
    BC_GROW(f->entries, f->n_entries, *cap);
    bc_feed_entry *e = &f->entries[f->n_entries++];
    memset(e, 0, sizeof *e);
    rss_item(c, n, e);
  }
}

/* ---------------------------------------------------------------- Atom */

/* An Atom text construct (RFC 4287 section 3.1; Atom 0.3 "mode"). */
static char *atom_text(parse_ctx *c, const xmlNode *n, int plain) {
  char *type = attr(n, "type"), *mode = attr(n, "mode"), *s;
  int html = type && (strstr(type, "html") != NULL);
  int xhtml = type && (!strcmp(type, "xhtml") || !strcmp(type, "application/xhtml+xml"));
  if (xhtml || (mode && !strcmp(mode, "xml"))) {
    const xmlNode *div = NULL;
    for (xmlNode *k = n->children; k; k = k->next)
      if (k->type == XML_ELEMENT_NODE) {
        div = k;
        break;
      }
    s = div && !strcmp((const char *)div->name, "div") ? inner_of(c, div) : inner_of(c, n);
    html = 1;
  } else {
    s = text_of(n);
  }
  if (plain && (html || (mode && !strcmp(mode, "escaped")))) {
    char *t = html_to_text(s);
    free(s);
    s = t;
  } else if (plain && s) {
    char *t = util_squash_space(s);
    free(s);
    s = t[0] ? t : (free(t), NULL);
  }
  free(type);
  free(mode);
  return s;
}

static char *atom_person(parse_ctx *c, const xmlNode *n) {
  for (xmlNode *k = n->children; k; k = k->next)
    if (is_el(c, k, NS_ATOM, "name")) return text_of(k);
  return NULL;
}

static void atom_link(parse_ctx *c, xmlNode *n, char **link, bc_feed_entry *e, size_t *enc_cap) {
  char *rel = attr(n, "rel"), *href = attr(n, "href"), *type = attr(n, "type");
  if (href) {
    if (!rel || !strcmp(rel, "alternate") ||
        !strcmp(rel, "http://www.iana.org/assignments/relation/alternate")) {
      /* Prefer an HTML alternate over, say, a PDF one. */
      if (!*link || (type && strstr(type, "html"))) {
        if (*link && type && strstr(type, "html")) {
          free(*link);
          *link = NULL;
        }
        set_once(link, resolve(c, n, href));
      }
    } else if (e && !strcmp(rel, "enclosure")) {
      char *len = attr(n, "length");
      add_enclosure(e, resolve(c, n, href), trimmed(type), len, enc_cap);
      free(len);
    }
  }
  free(rel);
  free(href);
  free(type);
}

static void atom_entry(parse_ctx *c, xmlNode *entry, bc_feed_entry *e, const char *feed_author) {
  size_t cat_cap = 0, enc_cap = 0;
  for (xmlNode *n = entry->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_el(c, n, NS_ATOM, "title")) {
      set_once(&e->title, atom_text(c, n, 1));
    } else if (is_el(c, n, NS_ATOM, "link")) {
      atom_link(c, n, &e->link, e, &enc_cap);
    } else if (is_el(c, n, NS_ATOM, "id")) {
      set_once(&e->id, text_of(n));
    } else if (is_el(c, n, NS_ATOM, "published") || is_el(c, n, NS_ATOM, "issued") ||
               is_el(c, n, NS_ATOM, "created") || is_el(c, n, NS_DC, "date")) {
      set_date(&e->published, n);
    } else if (is_el(c, n, NS_ATOM, "updated") || is_el(c, n, NS_ATOM, "modified")) {
      set_date(&e->updated, n);
    } else if (is_el(c, n, NS_ATOM, "summary")) {
      set_once(&e->summary, atom_text(c, n, 0));
    } else if (is_el(c, n, NS_ATOM, "content")) {
      char *src = attr(n, "src");
      if (!src) set_once(&e->content, atom_text(c, n, 0));
      else if (!e->link) e->link = resolve(c, n, src);
      free(src);
    } else if (is_el(c, n, NS_CONTENT, "encoded")) {
      set_once(&e->content, inner_of(c, n));
    } else if (is_el(c, n, NS_ATOM, "author") || is_el(c, n, NS_ATOM, "contributor")) {
      if (!strcmp((const char *)n->name, "author")) append_author(&e->author, atom_person(c, n));
    } else if (is_el(c, n, NS_DC, "creator")) {
      append_author(&e->author, text_of(n));
    } else if (is_el(c, n, NS_ATOM, "category")) {
      char *term = attr(n, "term");
      if (!term) term = attr(n, "label");
      if (!term) term = text_of(n);
      add_category(e, trimmed(term), &cat_cap);
      free(term);
    } else if (is_el(c, n, NS_DC, "subject")) {
      add_category(e, text_of(n), &cat_cap);
    }
  }
  /* RFC 4287 4.2.1: an entry without an author takes the feed's. */
  if (!e->author && feed_author) e->author = xstrdup(feed_author);
}

static void atom_feed(parse_ctx *c, xmlNode *root, bc_feed *f) {
  size_t cap = 0;
  char *author = NULL;
  xmlChar *lang = xmlNodeGetLang(root);
  if (lang) f->language = trimmed((const char *)lang);
  xmlFree(lang);
  for (xmlNode *n = root->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_el(c, n, NS_ATOM, "title")) set_once(&f->title, atom_text(c, n, 1));
    else if (is_el(c, n, NS_ATOM, "subtitle") || is_el(c, n, NS_ATOM, "tagline"))
      set_once(&f->description, atom_text(c, n, 0));
    else if (is_el(c, n, NS_ATOM, "link"))
      atom_link(c, n, &f->link, NULL, NULL);
    else if (is_el(c, n, NS_ATOM, "updated") || is_el(c, n, NS_ATOM, "modified"))
      set_date(&f->updated, n);
    else if (is_el(c, n, NS_ATOM, "author"))
      append_author(&author, atom_person(c, n));
  }
  for (xmlNode *n = root->children; n; n = n->next) {
    if (!is_el(c, n, NS_ATOM, "entry")) continue;
    BC_GROW(f->entries, f->n_entries, cap);
    bc_feed_entry *e = &f->entries[f->n_entries++];
    memset(e, 0, sizeof *e);
    atom_entry(c, n, e, author);
  }
  free(author);
}

/* ----------------------------------------------------------- JSON Feed */

static char *jstr(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  if (json_is_string(v)) return trimmed(json_string_value(v));
  if (json_is_integer(v)) return xasprintf("%lld", (long long)json_integer_value(v));
  return NULL;
}

static char *jurl(const char *base, json_t *o, const char *key) {
  char *u = jstr(o, key);
  if (u && base) {
    xmlChar *abs = xmlBuildURI((const xmlChar *)u, (const xmlChar *)base);
    if (abs) {
      free(u);
      u = xstrdup((const char *)abs);
      xmlFree(abs);
    }
  }
  return u;
}

static char *jdate(json_t *o, const char *key) {
  char *s = jstr(o, key), *d = bc_date_normalize(s);
  free(s);
  return d;
}

static char *jauthors(json_t *o) {
  char *out = NULL;
  json_t *arr = json_object_get(o, "authors"), *v;
  size_t i;
  if (json_is_array(arr)) {
    json_array_foreach(arr, i, v) append_author(&out, jstr(v, "name"));
  }
  if (!out) {
    json_t *a = json_object_get(o, "author"); /* JSON Feed 1.0 */
    if (json_is_object(a)) out = jstr(a, "name");
  }
  return out;
}

static bc_rc parse_json_feed(const char *bytes, size_t len, const char *url, bc_feed *f,
                             bc_diag *diag) {
  json_error_t err;
  size_t clean_len, i;
  char *clean = utf8_sanitize(bytes, len, &clean_len);
  json_t *root = json_loadb(clean, clean_len, 0, &err), *items, *it;
  free(clean);
  if (!json_is_object(root)) {
    util_diag(diag, "JSON Feed: line %d: %s", err.line, err.text);
    json_decref(root);
    return BC_ERR_PARSE;
  }
  char *feed_url = jstr(root, "feed_url");
  const char *base = url ? url : feed_url;
  f->format = "json";
  f->title = jstr(root, "title");
  f->link = jurl(base, root, "home_page_url");
  f->description = jstr(root, "description");
  f->language = jstr(root, "language");
  char *feed_author = jauthors(root);
  items = json_object_get(root, "items");
  if (json_is_array(items)) {
    f->entries = xcalloc(json_array_size(items) + 1, sizeof *f->entries);
    json_array_foreach(items, i, it) {
      if (!json_is_object(it)) continue;
      bc_feed_entry *e = &f->entries[f->n_entries++];
      size_t cat_cap = 0, enc_cap = 0, k;
      json_t *tags = json_object_get(it, "tags"), *att = json_object_get(it, "attachments"), *v;
      char *t = jstr(it, "title");
      e->title = html_to_text(t);
      free(t);
      e->id = jstr(it, "id");
      e->link = jurl(base, it, "url");
      if (!e->link) e->link = jurl(base, it, "external_url");
      e->published = jdate(it, "date_published");
      e->updated = jdate(it, "date_modified");
      e->summary = jstr(it, "summary");
      e->content = jstr(it, "content_html");
      if (!e->content && (e->content = jstr(it, "content_text"))) e->content_is_text = 1;
      e->author = jauthors(it);
      if (!e->author && feed_author) e->author = xstrdup(feed_author);
      if (json_is_array(tags)) {
        json_array_foreach(tags, k, v) if (json_is_string(v))
            add_category(e, trimmed(json_string_value(v)), &cat_cap);
      }
      if (json_is_array(att)) {
        json_array_foreach(att, k, v) {
          if (!json_is_object(v)) continue;
          json_t *sz = json_object_get(v, "size_in_bytes");
          add_enclosure(e, jurl(base, v, "url"), jstr(v, "mime_type"), NULL, &enc_cap);
          if (e->n_enclosures && json_is_number(sz))
            e->enclosures[e->n_enclosures - 1].length = (long long)json_number_value(sz);
        }
      }
    }
  }
  free(feed_url);
  free(feed_author);
  json_decref(root);
  return BC_OK;
}

/* ---------------------------------------------------------------- API */

static void entry_clear(bc_feed_entry *e) {
  free(e->title);
  free(e->link);
  free(e->id);
  free(e->published);
  free(e->updated);
  free(e->summary);
  free(e->content);
  free(e->author);
  for (size_t i = 0; i < e->n_categories; i++) free(e->categories[i]);
  free(e->categories);
  for (size_t i = 0; i < e->n_enclosures; i++) {
    free(e->enclosures[i].url);
    free(e->enclosures[i].type);
  }
  free(e->enclosures);
}

void bc_feed_free(bc_feed *f) {
  if (!f) return;
  for (size_t i = 0; i < f->n_entries; i++) entry_clear(&f->entries[i]);
  free(f->entries);
  free(f->url);
  free(f->title);
  free(f->link);
  free(f->description);
  free(f->language);
  free(f->updated);
  free(f);
}

bc_rc bc_feed_parse(const char *bytes, size_t len, const char *url, const char *content_type,
                    bc_feed **out, bc_diag *diag) {
  bc_feed *f;
  bc_rc rc = BC_OK;
  xmlDoc *doc = NULL;
  xmlNode *root;
  parse_ctx c = {0};
  size_t cap = 0;

  *out = NULL;
  if (!bytes || len == 0) {
    util_diag(diag, "empty feed");
    return BC_ERR_EMPTY;
  }
  f = xcalloc(1, sizeof *f);
  f->url = xstrdup(url);
  size_t i = len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
  while (i < len && isspace((unsigned char)bytes[i])) i++;
  if (i < len && bytes[i] == '{') {
    rc = parse_json_feed(bytes + i, len - i, url, f, diag);
    goto out;
  }
  doc = read_xml(bytes, len, url, content_type);
  root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root) {
    util_diag(diag, "not XML or JSON");
    rc = BC_ERR_PARSE;
    goto out;
  }
  c.doc = doc;
  if (!strcmp((const char *)root->name, "feed")) {
    c.atom = 1;
    f->format = "atom";
    atom_feed(&c, root, f);
  } else if (!strcasecmp((const char *)root->name, "rss") ||
             !strcmp((const char *)root->name, "RDF")) {
    int rdf = !strcmp((const char *)root->name, "RDF");
    f->format = rdf ? "rdf" : "rss";
    for (xmlNode *n = root->children; n; n = n->next)
      if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "channel")) {
        rss_channel(&c, n, f);
        collect_items(&c, n, f, &cap);
        break;
      }
    collect_items(&c, root, f, &cap); /* RDF items, and stray RSS 0.9x ones */
  } else {
    util_diag(diag, "not a feed: the document is <%s>", (const char *)root->name);
    rc = BC_ERR_PARSE;
  }
out:
  xmlFreeDoc(doc);
  if (rc) {
    bc_feed_free(f);
    return rc;
  }
  *out = f;
  return BC_OK;
}

int bc_feed_entry_has_full_text(const bc_feed_entry *e) {
  /* A teaser is a sentence or two; an article runs to paragraphs.  Feeds
   * that carry the whole story put it in content:encoded / <content>, but
   * some put it in <description>; both are judged by length. */
  size_t words = 0;
  if (e->content) {
    char *t = html_to_text(e->content);
    words = t ? util_count_words(t) : 0;
    free(t);
    if (words >= 120) return 1;
  }
  if (e->summary) {
    char *t = html_to_text(e->summary);
    words = t ? util_count_words(t) : 0;
    free(t);
    if (words >= 200) return 1;
  }
  return 0;
}

static json_t *jnull_str(const char *s) { return s ? json_string(s) : json_null(); }

bc_rc bc_feed_to_json(const bc_feed *f, char **out) {
  json_t *o = json_object(), *entries = json_array();
  json_object_set_new(o, "title", jnull_str(f->title));
  json_object_set_new(o, "link", jnull_str(f->link));
  json_object_set_new(o, "description", jnull_str(f->description));
  json_object_set_new(o, "language", jnull_str(f->language));
  json_object_set_new(o, "updated", jnull_str(f->updated));
  for (size_t i = 0; i < f->n_entries; i++) {
    const bc_feed_entry *e = &f->entries[i];
    json_t *je = json_object(), *cats = json_array(), *encs = json_array();
    json_object_set_new(je, "title", jnull_str(e->title));
    json_object_set_new(je, "link", jnull_str(e->link));
    json_object_set_new(je, "id", jnull_str(e->id));
    json_object_set_new(je, "published", jnull_str(e->published));
    json_object_set_new(je, "updated", jnull_str(e->updated));
    json_object_set_new(je, "summary", jnull_str(e->summary));
    json_object_set_new(je, "content", jnull_str(e->content));
    json_object_set_new(je, "author", jnull_str(e->author));
    for (size_t k = 0; k < e->n_categories; k++)
      json_array_append_new(cats, json_string(e->categories[k]));
    for (size_t k = 0; k < e->n_enclosures; k++) {
      const bc_enclosure *x = &e->enclosures[k];
      json_t *jx = json_object();
      json_object_set_new(jx, "url", jnull_str(x->url));
      json_object_set_new(jx, "type", jnull_str(x->type));
      json_object_set_new(jx, "length", x->length >= 0 ? json_integer(x->length) : json_null());
      json_array_append_new(encs, jx);
    }
    json_object_set_new(je, "categories", cats);
    json_object_set_new(je, "enclosures", encs);
    json_array_append_new(entries, je);
  }
  json_object_set_new(o, "entries", entries);
  char *s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
  json_decref(o);
  if (!s) return BC_ERR_NOMEM;
  *out = xstrdup(s);
  free(s);
  return BC_OK;
}

/* ---------------------------------------------------------------- OPML */

static void opml_walk(parse_ctx *c, xmlNode *n, char ***urls, size_t *count, size_t *cap) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (!strcasecmp((const char *)n->name, "outline")) {
      char *u = attr(n, "xmlUrl");
      if (!u) u = attr(n, "xmlurl");
      if (!u) u = attr(n, "XMLURL");
      char *t = trimmed(u);
      if (t) {
        BC_GROW(*urls, *count, *cap);
        (*urls)[(*count)++] = resolve(c, n, t);
      }
      free(t);
      free(u);
    }
    opml_walk(c, n->children, urls, count, cap);
  }
}

bc_rc bc_opml_parse(const char *bytes, size_t len, const char *base_url, char ***urls, size_t *n,
                    bc_diag *diag) {
  xmlDoc *doc;
  xmlNode *root;
  parse_ctx c = {0};
  size_t cap = 0;
  *urls = NULL;
  *n = 0;
  doc = read_xml(bytes, len, base_url, NULL);
  root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root || strcasecmp((const char *)root->name, "opml") != 0) {
    util_diag(diag, "not an OPML document");
    xmlFreeDoc(doc);
    return BC_ERR_PARSE;
  }
  c.doc = doc;
  opml_walk(&c, root->children, urls, n, &cap);
  xmlFreeDoc(doc);
  if (*n == 0) {
    util_diag(diag, "the OPML list names no feed (no outline with xmlUrl)");
    return BC_ERR_EMPTY;
  }
  return BC_OK;
}

void bc_strings_free(char **v, size_t n) {
  if (!v) return;
  for (size_t i = 0; i < n; i++) free(v[i]);
  free(v);
}
