/* Extract, metadata: title, byline, date, site and language of a page.
 *
 * Sources, strongest first, as publishers fill them: JSON-LD (schema.org
 * NewsArticle and friends, also inside @graph), OpenGraph and article:*
 * properties, <meta name=author/date/...> (Dublin Core, parsely, sailthru,
 * citation_*), itemprop microdata, <time datetime>, <html lang>, and last
 * the visible byline ("By Jane Doe").  One non-recursive walk collects every
 * candidate; the choice is made at the end.  Dates are normalized to ISO
 * 8601 (a date, or a date-time when the page gives the time). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <libxml/tree.h>
#include "extract.h"
#include "util.h"

/* ------------------------------------------------------------------ dates */

static int month_number(const char *s, size_t n) {
  static const struct { const char *name; int m; } months[] = {
    {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"may", 5}, {"jun", 6}, {"jul", 7},
    {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"mai", 5},
    {"juni", 6}, {"juli", 7}, {"okt", 10}, {"dez", 12},
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
    {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
    {"novembre", 11}, {"décembre", 12},
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12},
  };
  size_t i;
  char low[16];
  if (n < 3 || n >= sizeof low) return 0;
  for (i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)s[i]);
  low[n] = 0;
  if (n > 1 && low[n - 1] == '.') low[--n] = 0;
  for (i = 0; i < sizeof months / sizeof months[0]; i++) {
    size_t ml = strlen(months[i].name);
    /* full names, and English abbreviations or prefixes of full names */
    if (strcmp(low, months[i].name) == 0) return months[i].m;
    if (ml == 3 && strncmp(low, months[i].name, 3) == 0) return months[i].m;
  }
  return 0;
}

static int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[m - 1];
}

static int valid_date(int y, int m, int d) {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

/* Parse hh:mm[:ss] at s; returns characters used or 0. */
static size_t parse_time(const char *s, int *h, int *mi, int *se) {
  const char *p = s;
  int a, b, c = 0;
  if (!isdigit((unsigned char)p[0])) return 0;
  a = atoi(p);
  while (isdigit((unsigned char)*p)) p++;
  if (*p != ':' || !isdigit((unsigned char)p[1])) return 0;
  b = atoi(++p);
  while (isdigit((unsigned char)*p)) p++;
  if (*p == ':' && isdigit((unsigned char)p[1])) {
    c = atoi(++p);
    while (isdigit((unsigned char)*p)) p++;
  }
  if (a > 23 || b > 59 || c > 60) return 0;
  *h = a;
  *mi = b;
  *se = c;
  return (size_t)(p - s);
}

char *extract_iso_date(const char *in) {
  int y = 0, m = 0, d = 0, h = -1, mi = 0, se = 0;
  const char *p, *rest = NULL;
  char zone[24] = "";
  char *s;
  if (!in) return NULL;
  s = extract_clean(in);
  if (!s) return NULL;
  p = s;
  /* ISO 8601: 2017-08-03, 2017-08-03T10:49:24+02:00, 2017/08/03, 20170803 */
  if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
      isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3])) {
    if ((p[4] == '-' || p[4] == '/' || p[4] == '.') && isdigit((unsigned char)p[5])) {
      char sep = p[4];
      char *e;
      y = (int)strtol(p, &e, 10);
      m = (int)strtol(e + 1, &e, 10);
      if (*e == sep) {
        d = (int)strtol(e + 1, &e, 10);
        rest = e;
      } else {
        d = 1;
        rest = NULL;
        if (!valid_date(y, m, d)) goto fail;
        free(s);
        return xasprintf("%04d-%02d", y, m);
      }
    } else if (strlen(p) >= 8 && isdigit((unsigned char)p[4]) && isdigit((unsigned char)p[5]) &&
               isdigit((unsigned char)p[6]) && isdigit((unsigned char)p[7]) &&
               !isdigit((unsigned char)p[8])) {
      y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
      m = (p[4] - '0') * 10 + (p[5] - '0');
      d = (p[6] - '0') * 10 + (p[7] - '0');
      rest = p + 8;
    } else if (!p[4] || p[4] == ' ') {
      goto fail;  /* a bare year is not a date */
    }
  }
  if (!y) {
    /* Numbers and month names in any order: "03.08.2017", "3. August 2017",
     * "August 3, 2017", "Thu, 03 Aug 2017 10:49:24 GMT", "8/3/2017". */
    int nums[3], n_nums = 0, month = 0, slash = 0;
    const char *q = p;
    while (*q && n_nums < 3) {
      if (isdigit((unsigned char)*q)) {
        const char *e = q;
        int time_h, time_m, time_s;
        size_t tl = parse_time(q, &time_h, &time_m, &time_s);
        if (tl && (month || n_nums >= 2)) {
          h = time_h;
          mi = time_m;
          se = time_s;
          q += tl;
          continue;
        }
        while (isdigit((unsigned char)*e)) e++;
        nums[n_nums++] = atoi(q);
        if (*e == '/') slash = 1;
        q = e;
      } else if (isalpha((unsigned char)*q) || (unsigned char)*q >= 0x80) {
        const char *e = q;
        while (isalpha((unsigned char)*e) || (unsigned char)*e >= 0x80) e++;
        if (!month) month = month_number(q, (size_t)(e - q));
        q = e;
      } else {
        q++;
      }
    }
    if (month && n_nums >= 2) {
      int a = nums[0], b = nums[1];
      m = month;
      if (a > 31) { y = a; d = b; }
      else { d = a; y = b; }
      if (y < 100) y += 2000;
    } else if (!month && n_nums == 3) {
      if (nums[0] > 31) { y = nums[0]; m = nums[1]; d = nums[2]; }
      else if (slash && nums[1] <= 31 && nums[0] <= 12) {  /* US 8/3/2017 */
        m = nums[0]; d = nums[1]; y = nums[2];
      } else { d = nums[0]; m = nums[1]; y = nums[2]; }
      if (y < 100) y += 2000;
    }
    if (h >= 0) {
      free(s);
      if (!valid_date(y, m, d)) return NULL;
      return xasprintf("%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, h, mi, se);
    }
  } else if (rest && (*rest == 'T' || *rest == ' ') && parse_time(rest + 1, &h, &mi, &se)) {
    const char *z = rest + 1 + parse_time(rest + 1, &h, &mi, &se);
    if (*z == '.') {  /* fractions of a second */
      z++;
      while (isdigit((unsigned char)*z)) z++;
    }
    while (*z == ' ') z++;
    if (*z == 'Z' || *z == 'z') snprintf(zone, sizeof zone, "Z");
    else if ((*z == '+' || *z == '-') && isdigit((unsigned char)z[1]) && isdigit((unsigned char)z[2])) {
      int zh = (z[1] - '0') * 10 + (z[2] - '0'), zm = 0;
      const char *zz = z + 3;
      if (*zz == ':') zz++;
      if (isdigit((unsigned char)zz[0]) && isdigit((unsigned char)zz[1]))
        zm = (zz[0] - '0') * 10 + (zz[1] - '0');
      if (zh <= 14 && zm < 60) snprintf(zone, sizeof zone, "%c%02d:%02d", *z, zh, zm);
    }
  }
  if (!valid_date(y, m, d)) goto fail;
  free(s);
  if (h >= 0) return xasprintf("%04d-%02d-%02dT%02d:%02d:%02d%s", y, m, d, h, mi, se, zone);
  return xasprintf("%04d-%02d-%02d", y, m, d);
fail:
  free(s);
  return NULL;
}

/* -------------------------------------------------------------- candidates */

/* Each field keeps the candidate of the best rank seen so far. */
typedef struct field {
  char *value;
  int rank;   /* higher wins; ties keep the first */
} field;

static void offer(field *f, const char *value, int rank) {
  char *v;
  if (!value || rank <= f->rank) return;
  v = extract_clean(value);
  if (!v) return;
  free(f->value);
  f->value = v;
  f->rank = rank;
}

static void offer_date(field *f, const char *value, int rank) {
  char *iso;
  if (!value || rank <= f->rank) return;
  iso = extract_iso_date(value);
  if (!iso) return;
  free(f->value);
  f->value = iso;
  f->rank = rank;
}

/* A name, not a profile URL or an e-mail. */
static int plausible_name(const char *s) {
  size_t n;
  if (!s) return 0;
  while (isspace((unsigned char)*s)) s++;
  n = strlen(s);
  if (n < 2 || n > 120) return 0;
  if (strncmp(s, "http", 4) == 0 || strchr(s, '@') || strchr(s, '/') || strchr(s, '{')) return 0;
  return 1;
}

/* "By Jane Doe", "Von Max Muster | 3. Mai": the names. */
static char *byline_names(const char *text) {
  static const char *prefixes[] = {"by ", "von ", "par ", "por ", "di ", "door ", "autor:",
                                   "author:", "autorin:", "text:", "written by ", "posted by "};
  char *s = extract_clean(text), *p, *cut;
  size_t i;
  if (!s) return NULL;
  p = s;
  for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
    if (strncasecmp(p, prefixes[i], strlen(prefixes[i])) == 0) {
      p += strlen(prefixes[i]);
      while (*p == ' ') p++;
      break;
    }
  /* The name ends where a date, a separator or a job title begins. */
  for (cut = p; *cut; cut++) {
    static const char *joins[] = {" am ", " on ", " at ", " um ", " le ", " el ", " il ",
                                  " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 "};
    size_t j;
    int stop = *cut == '|' || *cut == '\n' || *cut == '(' || *cut == ';' || *cut == '*' ||
               (cut[0] == ' ' && (cut[1] == '-' || cut[1] == '/') && cut[2] == ' ') ||
               (isdigit((unsigned char)*cut) && cut > p);
    for (j = 0; !stop && j < sizeof joins / sizeof joins[0]; j++)
      if (cut > p && strncasecmp(cut, joins[j], strlen(joins[j])) == 0) stop = 1;
    if (stop) {
      *cut = 0;
      break;
    }
  }
  {
    char *clean = extract_clean(p);
    free(s);
    if (clean) {
      size_t n = strlen(clean);
      while (n && (clean[n - 1] == ',' || clean[n - 1] == ' ' || clean[n - 1] == ':')) clean[--n] = 0;
      if (!n || util_count_words(clean) > 8 || !plausible_name(clean)) {
        free(clean);
        return NULL;
      }
    }
    return clean;
  }
}

typedef struct gather {
  field title, byline, published, site, language, body, description;
  char *title_tag, *h1;
} gather;

/* --------------------------------------------------------------- JSON-LD */

static int article_type(json_t *type) {
  static const char *types[] = {"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle",
                                "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting",
                                "TechArticle", "ScholarlyArticle", "Report", "SocialMediaPosting",
                                "BackgroundNewsArticle", "ReviewNewsArticle", "Review", "Recipe",
                                "HowTo", "Posting", "DiscussionForumPosting"};
  size_t i, k;
  if (json_is_array(type)) {
    json_t *v;
    json_array_foreach(type, k, v) if (article_type(v)) return 1;
    return 0;
  }
  if (!json_is_string(type)) return 0;
  for (i = 0; i < sizeof types / sizeof types[0]; i++)
    if (strcmp(json_string_value(type), types[i]) == 0) return 1;
  return 0;
}

static const char *jstr(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  if (json_is_string(v)) return json_string_value(v);
  if (json_is_array(v) && json_array_size(v) && json_is_string(json_array_get(v, 0)))
    return json_string_value(json_array_get(v, 0));
  if (json_is_object(v)) {
    json_t *name = json_object_get(v, "name");
    if (json_is_string(name)) return json_string_value(name);
  }
  return NULL;
}

static void ld_authors(json_t *author, bc_buf *out) {
  size_t k;
  json_t *v;
  if (json_is_array(author)) {
    json_array_foreach(author, k, v) ld_authors(v, out);
    return;
  }
  {
    const char *name = json_is_string(author) ? json_string_value(author)
                       : json_is_object(author) ? jstr(author, "name") : NULL;
    if (name && plausible_name(name)) {
      char *c = extract_clean(name);
      if (c && !strstr(out->s ? out->s : "", c)) {
        if (out->len) buf_adds(out, ", ");
        buf_adds(out, c);
      }
      free(c);
    }
  }
}

static void ld_object(json_t *o, gather *g, int depth) {
  json_t *graph;
  if (!json_is_object(o) || depth > 8) return;
  graph = json_object_get(o, "@graph");
  if (json_is_array(graph)) {
    size_t k;
    json_t *v;
    json_array_foreach(graph, k, v) ld_object(v, g, depth + 1);
  }
  if (article_type(json_object_get(o, "@type"))) {
    bc_buf authors;
    json_t *pub = json_object_get(o, "publisher");
    offer(&g->title, jstr(o, "headline"), 50);
    offer(&g->title, jstr(o, "name"), 45);
    offer_date(&g->published, jstr(o, "datePublished"), 50);
    offer_date(&g->published, jstr(o, "dateCreated"), 45);
    if (json_is_object(pub)) offer(&g->site, jstr(pub, "name"), 40);
    offer(&g->language, jstr(o, "inLanguage"), 20);
    if (json_is_string(json_object_get(o, "description")) && g->description.rank < 50) {
      free(g->description.value);
      g->description.value = xstrdup(json_string_value(json_object_get(o, "description")));
      g->description.rank = 50;
    }
    buf_init(&authors);
    ld_authors(json_object_get(o, "author"), &authors);
    if (authors.len) offer(&g->byline, authors.s, 50);
    buf_free(&authors);
    {
      json_t *body = json_object_get(o, "articleBody");
      if (json_is_string(body) && (!g->body.value ||
                                   strlen(json_string_value(body)) > strlen(g->body.value))) {
        free(g->body.value);
        g->body.value = xstrdup(json_string_value(body));  /* keep line breaks */
        g->body.rank = 50;
      }
    }
  } else {
    const char *type = jstr(o, "@type");
    if (type && (strcmp(type, "WebSite") == 0 || strcmp(type, "Organization") == 0 ||
                 strcmp(type, "NewsMediaOrganization") == 0))
      offer(&g->site, jstr(o, "name"), 30);
    if (type && strcmp(type, "WebPage") == 0) {
      offer_date(&g->published, jstr(o, "datePublished"), 25);
      offer(&g->language, jstr(o, "inLanguage"), 15);
    }
  }
}

static void json_ld(const char *text, gather *g) {
  json_error_t err;
  json_t *root;
  if (!text) return;
  root = json_loads(text, JSON_DECODE_ANY, &err);
  if (!root) return;
  if (json_is_array(root)) {
    size_t k;
    json_t *v;
    json_array_foreach(root, k, v) ld_object(v, g, 0);
  } else {
    ld_object(root, g, 0);
  }
  json_decref(root);
}

/* ------------------------------------------------------------- meta tags */

static const char *attr_of(const xmlNode *n, const char *name);

static void meta_tag(const xmlNode *n, gather *g) {
  const char *key = attr_of(n, "property"), *content = attr_of(n, "content");
  char low[64];
  size_t i;
  if (!key) key = attr_of(n, "name");
  if (!key) key = attr_of(n, "itemprop");
  if (!key) {
    const char *he = attr_of(n, "http-equiv");
    if (he && strcasecmp(he, "content-language") == 0 && content) {
      char *c = extract_clean(content), *comma = c ? strchr(c, ',') : NULL;
      if (comma) *comma = 0;
      offer(&g->language, c, 8);
      free(c);
    }
    return;
  }
  if (!content) return;
  for (i = 0; key[i] && i + 1 < sizeof low; i++) low[i] = (char)tolower((unsigned char)key[i]);
  low[i] = 0;
  if (strcmp(low, "og:title") == 0) offer(&g->title, content, 40);
  else if (strcmp(low, "twitter:title") == 0 || strcmp(low, "dc.title") == 0) offer(&g->title, content, 30);
  else if (strcmp(low, "headline") == 0) offer(&g->title, content, 45);
  else if (strcmp(low, "og:site_name") == 0) offer(&g->site, content, 50);
  else if (strcmp(low, "og:description") == 0) offer(&g->description, content, 40);
  else if (strcmp(low, "description") == 0 || strcmp(low, "twitter:description") == 0)
    offer(&g->description, content, 30);
  else if (strcmp(low, "application-name") == 0 || strcmp(low, "publisher") == 0 ||
           strcmp(low, "dc.publisher") == 0)
    offer(&g->site, content, 20);
  else if (strcmp(low, "og:locale") == 0) {
    char *c = extract_clean(content);
    if (c) {
      char *u;
      for (u = c; *u; u++) if (*u == '_') *u = '-';
      offer(&g->language, c, 12);
      free(c);
    }
  } else if (strcmp(low, "language") == 0 || strcmp(low, "dc.language") == 0 ||
             strcmp(low, "content-language") == 0)
    offer(&g->language, content, 10);
  else if (strcmp(low, "article:published_time") == 0 || strcmp(low, "datepublished") == 0 ||
           strcmp(low, "og:published_time") == 0)
    offer_date(&g->published, content, 45);
  else if (strcmp(low, "date") == 0 || strcmp(low, "pubdate") == 0 ||
           strcmp(low, "publishdate") == 0 || strcmp(low, "publish-date") == 0 ||
           strcmp(low, "publish_date") == 0 || strcmp(low, "dc.date") == 0 ||
           strcmp(low, "dc.date.issued") == 0 || strcmp(low, "dcterms.date") == 0 ||
           strcmp(low, "dcterms.created") == 0 || strcmp(low, "dcterms.issued") == 0 ||
           strcmp(low, "article.published") == 0 || strcmp(low, "sailthru.date") == 0 ||
           strcmp(low, "parsely-pub-date") == 0 || strcmp(low, "citation_publication_date") == 0 ||
           strcmp(low, "citation_date") == 0 || strcmp(low, "originalpublicationdate") == 0 ||
           strcmp(low, "datecreated") == 0 || strcmp(low, "date.created") == 0 ||
           strcmp(low, "og:article:published_time") == 0 || strcmp(low, "release_date") == 0)
    offer_date(&g->published, content, 35);
  else if (strcmp(low, "article:modified_time") == 0 || strcmp(low, "last-modified") == 0 ||
           strcmp(low, "datemodified") == 0 || strcmp(low, "og:updated_time") == 0)
    offer_date(&g->published, content, 5);
  else if (strcmp(low, "author") == 0 || strcmp(low, "dc.creator") == 0 ||
           strcmp(low, "citation_author") == 0 || strcmp(low, "sailthru.author") == 0 ||
           strcmp(low, "parsely-author") == 0 || strcmp(low, "article:author") == 0 ||
           strcmp(low, "byl") == 0 || strcmp(low, "twitter:creator") == 0) {
    if (plausible_name(content) && content[0] != '@') {
      char *names = byline_names(content);
      offer(&g->byline, names, strcmp(low, "twitter:creator") == 0 ? 10 : 40);
      free(names);
    }
  }
}

/* ------------------------------------------------------------------ walk */

static const char *attr_of(const xmlNode *n, const char *name) {
  const xmlAttr *a;
  for (a = n->properties; a; a = a->next)
    if (a->name && strcasecmp((const char *)a->name, name) == 0)
      return a->children && a->children->content ? (const char *)a->children->content : "";
  return NULL;
}

static char *text_of(const xmlNode *n) {
  xmlChar *c = xmlNodeGetContent(n);
  char *s = extract_clean((const char *)c);
  xmlFree(c);
  return s;
}

static int class_has(const xmlNode *n, const char *word) {
  const char *c = attr_of(n, "class");
  char low[256];
  size_t i;
  if (!c) return 0;
  for (i = 0; c[i] && i + 1 < sizeof low; i++) low[i] = (char)tolower((unsigned char)c[i]);
  low[i] = 0;
  return strstr(low, word) != NULL;
}

static void element(xmlNode *n, gather *g) {
  const char *name = (const char *)n->name;
  const char *ip = attr_of(n, "itemprop");
  if (strcmp(name, "meta") == 0) {
    meta_tag(n, g);
    return;
  }
  if (strcmp(name, "title") == 0 && !g->title_tag) g->title_tag = text_of(n);
  else if (strcmp(name, "h1") == 0 && !g->h1) g->h1 = text_of(n);
  else if (strcmp(name, "script") == 0) {
    const char *type = attr_of(n, "type");
    if (type && strcasecmp(type, "application/ld+json") == 0) {
      xmlChar *c = xmlNodeGetContent(n);
      json_ld((const char *)c, g);
      xmlFree(c);
    }
  } else if (strcmp(name, "time") == 0) {
    const char *dt = attr_of(n, "datetime");
    int pub = (ip && strcasecmp(ip, "datePublished") == 0) || class_has(n, "publish") ||
              attr_of(n, "pubdate") != NULL;
    if (dt) offer_date(&g->published, dt, pub ? 33 : 15);
    else if (pub) {
      char *t = text_of(n);
      offer_date(&g->published, t, 14);
      free(t);
    }
  }
  if (ip && strcmp(name, "meta") != 0) {
    if (strcasecmp(ip, "datePublished") == 0) {
      const char *v = attr_of(n, "content");
      if (!v) v = attr_of(n, "datetime");
      if (v) offer_date(&g->published, v, 34);
      else {
        char *t = text_of(n);
        offer_date(&g->published, t, 30);
        free(t);
      }
    } else if (strcasecmp(ip, "author") == 0 || strcasecmp(ip, "creator") == 0) {
      char *t = text_of(n), *names = byline_names(t);
      offer(&g->byline, names, 30);
      free(t);
      free(names);
    } else if (strcasecmp(ip, "headline") == 0) {
      char *t = text_of(n);
      offer(&g->title, t, 42);
      free(t);
    }
  }
  {
    const char *rel = attr_of(n, "rel");
    int cls = class_has(n, "byline") ? 20 : (class_has(n, "author") && !class_has(n, "bio") &&
                                             !class_has(n, "box") && !class_has(n, "avatar"))
                                            ? 12 : 0;
    /* comment forms label their "Name *" field with author classes */
    if (class_has(n, "comment") || class_has(n, "form") || class_has(n, "reply")) cls = 0;
    if (rel && strcasecmp(rel, "author") == 0) cls = 22;
    if (cls && cls > g->byline.rank) {
      char *t = text_of(n), *names = t && strlen(t) < 200 ? byline_names(t) : NULL;
      offer(&g->byline, names, cls);
      free(t);
      free(names);
    }
  }
}

static int walk_skip(const xmlNode *n) {
  const char *name = (const char *)n->name;
  return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
         strcmp(name, "noscript") == 0 || strcmp(name, "svg") == 0;
}

/* "Headline - Site" / "Site | Headline": the headline part. */
static char *strip_site(const char *title, const char *site) {
  static const char *seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » "};
  size_t k;
  char *best = xstrdup(title);
  for (k = 0; k < sizeof seps / sizeof seps[0]; k++) {
    const char *last = NULL, *p = best;
    while ((p = strstr(p, seps[k])) != NULL) { last = p; p += strlen(seps[k]); }
    if (last) {
      const char *tail = last + strlen(seps[k]);
      size_t head_len = (size_t)(last - best);
      if ((site && strcasecmp(tail, site) == 0) ||
          (util_count_words(tail) <= 4 && head_len > strlen(tail) * 2)) {
        char *h = xstrndup(best, head_len);
        free(best);
        best = h;
        continue;
      }
      /* "Site | Headline" */
      {
        const char *first = strstr(best, seps[k]);
        char *head = xstrndup(best, (size_t)(first - best));
        if (site && strcasecmp(head, site) == 0) {
          char *h = xstrdup(first + strlen(seps[k]));
          free(best);
          best = h;
        }
        free(head);
      }
    }
  }
  return best;
}

void extract_meta_collect(xmlDoc *doc, const char *url, extract_meta *out) {
  xmlNode *root = xmlDocGetRootElement(doc), *n;
  gather g;
  memset(&g, 0, sizeof g);
  memset(out, 0, sizeof *out);
  if (!root) return;
  if (root->name && strcmp((const char *)root->name, "html") == 0) {
    const char *lang = attr_of(root, "lang");
    if (!lang || !*lang) lang = attr_of(root, "xml:lang");
    offer(&g.language, lang, 30);
  }
  n = root;
  while (n) {
    int descend = 0;
    if (n->type == XML_ELEMENT_NODE && n->name) {
      element(n, &g);
      descend = !walk_skip(n);
    }
    if (descend && n->children) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    if (!n || n == root) break;
    n = n->next;
  }
  /* Title: the publisher's headline, else the page's h1 when the <title>
   * agrees with it, else the <title> without its site part. */
  offer(&g.title, g.h1, 20);
  offer(&g.title, g.title_tag, 10);
  if (g.title.value) {
    out->title = strip_site(g.title.value, g.site.value);
    if (g.h1 && g.title.rank < 40 && strstr(g.title.value, g.h1) && strlen(g.h1) > 10) {
      free(out->title);
      out->title = xstrdup(g.h1);
    }
    free(g.title.value);
  }
  if (!g.site.value && url && (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0)) {
    const char *h = strstr(url, "//") + 2;
    size_t len = strcspn(h, "/:?#");
    if (strncmp(h, "www.", 4) == 0 && len > 4) { h += 4; len -= 4; }
    if (len) g.site.value = xstrndup(h, len);
  }
  if (g.language.value) {
    char *c;
    for (c = g.language.value; *c; c++) if (*c == '_') *c = '-';
    /* "de-DE,en" or "de de": the first tag; "x-default" or junk: none */
    c = g.language.value + strcspn(g.language.value, ", ;");
    *c = 0;
    if (strlen(g.language.value) < 2 || strlen(g.language.value) > 35 ||
        !isalpha((unsigned char)g.language.value[0])) {
      free(g.language.value);
      g.language.value = NULL;
    }
  }
  out->byline = g.byline.value;
  out->published = g.published.value;
  out->site = g.site.value;
  out->language = g.language.value;
  out->article_body = g.body.value;
  out->description = g.description.value;
  free(g.title_tag);
  free(g.h1);
}

void extract_meta_free(extract_meta *m) {
  free(m->title);
  free(m->byline);
  free(m->published);
  free(m->site);
  free(m->language);
  free(m->article_body);
  free(m->description);
  memset(m, 0, sizeof *m);
}
