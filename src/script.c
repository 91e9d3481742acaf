/* The script: the contract between understanding the news and making sound.
 *
 * In: analyzed stories (story.h).  Out: a bc_script, an ordered list of
 * segments with roles, and its editable text format (parse and format).
 * Building a script is where the briefing gets its shape: an intro with the
 * date and the number of stories, each story's headline with pauses around
 * it, the lead read by the narrator, each selected quote introduced by the
 * narrator and spoken in the speaker's role, and a sign-off.  The fixed
 * phrases come from a per-language table; the length budget (max_seconds)
 * drops whole quotes first, then whole stories, never part of a sentence.
 *
 * Text format (documented in README.md and briefcast(1)):
 *   # comment
 *   [briefing title="Morning news" date=2026-11-27 lang=en]
 *   [headline story=1 pause=700 title="..." url="..."]
 *   Rand Paul, in Moscow, invites Russian lawmakers to Washington
 *   [quote story=1 speaker="Rand Paul" gender=male]
 *   I am pleased to announce ...
 *   [pause 800]
 * A header line in square brackets opens a segment; the text lines after it,
 * up to the next header, are its text (joined with spaces).  A text line
 * that would start with '[', '#' or '\' is written with a leading '\'. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "briefcast/script.h"
#include "util.h"

#define DEFAULT_HEADLINE_PAUSE 700
#define DEFAULT_STORY_PAUSE 1200
#define DEFAULT_ATTRIBUTION_PAUSE 250
#define QUOTE_PAUSE 450
#define LEAD_PAUSE 400
#define INTRO_PAUSE 900

static const char *role_names[] = {"intro", "headline", "narrator", "quote",
                                   "outro", "pause",    "subhead"};

const char *bc_role_name(bc_role r) {
  return (unsigned)r < sizeof role_names / sizeof *role_names ? role_names[r] : "narrator";
}

int bc_role_parse(const char *name) {
  size_t i;
  for (i = 0; i < sizeof role_names / sizeof *role_names; i++)
    if (!util_strcasecmp(name, role_names[i])) return (int)i;
  return -1;
}

/* ---- fixed phrases, per language ---------------------------------------- */

typedef struct phrases {
  const char *lang;
  const char *days[7];
  const char *months[12];
  const char *intro;        /* %s = date in words */
  const char *one_story;
  const char *n_stories;    /* %zu */
  const char *said;         /* %s = speaker */
  const char *outro;
  const char *date_fmt;     /* order: 'D' day-of-week, 'd' day, 'M' month, 'Y' year */
} phrases;

static const phrases phrase_table[] = {
    {"en",
     {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"},
     "This is your news briefing for %s.", "One story today.", "%zu stories today.",
     "%s said:", "That's the briefing. Thanks for listening.", "D, M d, Y"},
    {"de",
     {"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
     {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
      "Oktober", "November", "Dezember"},
     "Ihre Nachrichten für %s.", "Heute eine Meldung.", "Heute %zu Meldungen.",
     "%s sagte:", "Das waren die Nachrichten. Danke fürs Zuhören.", "D, d. M Y"},
    {"fr",
     {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
     {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
      "octobre", "novembre", "décembre"},
     "Voici votre journal du %s.", "Une information aujourd'hui.",
     "%zu informations aujourd'hui.", "%s a déclaré :",
     "C'était votre journal. Merci de votre écoute.", "D d M Y"},
    {"es",
     {"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
     {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
      "octubre", "noviembre", "diciembre"},
     "Este es su resumen de noticias del %s.", "Hoy, una noticia.", "Hoy, %zu noticias.",
     "%s dijo:", "Eso es todo. Gracias por escuchar.", "D d de M de Y"},
};

/* The phrase table for a BCP 47 tag: its primary subtag, else English. */
static const phrases *phrases_for(const char *lang) {
  size_t i;
  if (lang)
    for (i = 0; i < sizeof phrase_table / sizeof *phrase_table; i++) {
      size_t n = strlen(phrase_table[i].lang);
      if (!strncasecmp(lang, phrase_table[i].lang, n) && (lang[n] == '\0' || lang[n] == '-' ||
                                                          lang[n] == '_'))
        return &phrase_table[i];
    }
  return &phrase_table[0];
}

/* "Friday, November 27, 2026" from "2026-11-27", in the table's language. */
static char *date_in_words(const phrases *p, const char *iso) {
  struct tm tm;
  bc_buf b;
  const char *f;
  memset(&tm, 0, sizeof tm);
  if (!iso || sscanf(iso, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3 ||
      tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31)
    return xstrdup(iso ? iso : "");
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_hour = 12;
  timegm(&tm); /* fills tm_wday */
  buf_init(&b);
  for (f = p->date_fmt; *f; f++) {
    switch (*f) {
    case 'D': buf_adds(&b, p->days[tm.tm_wday]); break;
    case 'd': buf_printf(&b, "%d", tm.tm_mday); break;
    case 'M': buf_adds(&b, p->months[tm.tm_mon]); break;
    case 'Y': buf_printf(&b, "%d", tm.tm_year + 1900); break;
    default: buf_addc(&b, *f);
    }
  }
  return buf_steal(&b);
}

/* ---- building ------------------------------------------------------------ */

bc_script *bc_script_new(const char *title, const char *date, const char *lang) {
  bc_script *s = xcalloc(1, sizeof *s);
  char today[11];
  if (!date) {
    util_today(today);
    date = today;
  }
  s->title = xstrdup(title ? title : "News briefing");
  s->date = xstrdup(date);
  s->lang = xstrdup(lang ? lang : "en");
  return s;
}

static bc_segment *add_segment(bc_script *s) {
  bc_segment *seg;
  /* Segments grow one at a time; doubling keeps appends amortized O(1)
   * without storing a capacity in the public struct. */
  if ((s->n_segments & (s->n_segments - 1)) == 0)
    s->segments = xrealloc(s->segments, (s->n_segments ? s->n_segments * 2 : 1) * sizeof *seg);
  seg = &s->segments[s->n_segments++];
  memset(seg, 0, sizeof *seg);
  return seg;
}

bc_rc bc_script_add(bc_script *s, bc_role role, const char *text, const char *speaker,
                    bc_gender gender, unsigned pause_ms, int story) {
  bc_segment *seg = add_segment(s);
  seg->role = role;
  seg->text = role == BC_ROLE_PAUSE ? NULL : xstrdup(text ? text : "");
  seg->speaker = xstrdup(speaker);
  seg->gender = gender;
  seg->pause_ms = pause_ms;
  seg->story = story;
  return BC_OK;
}

static int has_quotes(const bc_story *st) {
  size_t i;
  for (i = 0; i < st->n_summary; i++)
    if (st->summary[i].kind == BC_SUMMARY_QUOTE) return 1;
  return 0;
}

static double seconds_of(bc_story *const *stories, const int *keep, size_t n, double wpm) {
  double t = 0;
  size_t i;
  for (i = 0; i < n; i++)
    if (keep[i]) t += bc_story_estimate_seconds(stories[i], wpm) + 3.0; /* headline + pauses */
  return t + 8.0;                                                       /* intro + outro */
}

/* Fit the briefing into max_seconds: drop the last quote of the longest
 * story with quotes, until none is left; then drop whole stories from the
 * end.  Never the first story: an empty briefing helps nobody. */
static void fit_budget(bc_story *const *stories, int *keep, size_t n, double max_seconds,
                       double wpm) {
  while (seconds_of(stories, keep, n, wpm) > max_seconds) {
    size_t i, best = n;
    double best_len = -1;
    for (i = 0; i < n; i++) {
      double len;
      if (!keep[i] || !has_quotes(stories[i])) continue;
      len = bc_story_estimate_seconds(stories[i], wpm);
      if (len > best_len) best_len = len, best = i;
    }
    if (best < n) {
      if (!bc_story_trim(stories[best])) break;
      continue;
    }
    for (i = n; i-- > 1;)
      if (keep[i]) break;
    if (i == 0) break;
    keep[i] = 0;
  }
}

/* "Paul, a Kentucky Republican, said:" — the story's own attribution in
 * English; the language table's "X said:" elsewhere. */
static char *attribution_for(const phrases *p, const bc_quote *q) {
  const char *name = q->speaker;
  const char *sp;
  if (!strcmp(p->lang, "en") && q->attribution && *q->attribution) {
    size_t n = strlen(q->attribution);
    while (n && (q->attribution[n - 1] == ' ' || q->attribution[n - 1] == ':' ||
                 q->attribution[n - 1] == ',' || q->attribution[n - 1] == '.'))
      n--;
    return xasprintf("%.*s:", (int)n, q->attribution);
  }
  if (!name) return NULL;
  /* Elsewhere the surname alone reads like a newsreader would ("Merkel sagte"). */
  sp = strrchr(name, ' ');
  return xasprintf(p->said, sp && q->attribution ? sp + 1 : name);
}

bc_rc bc_script_build(bc_story *const *stories, size_t n_stories, const bc_script_options *opts,
                      bc_script **out) {
  bc_script_options o = {0};
  const char *blang;
  const phrases *bp;
  bc_script *s;
  int *keep;
  size_t i, j, kept = 0;
  char *when, *line;
  double wpm;

  if (opts) o = *opts;
  if (!o.headline_pause_ms) o.headline_pause_ms = DEFAULT_HEADLINE_PAUSE;
  if (!o.story_pause_ms) o.story_pause_ms = DEFAULT_STORY_PAUSE;
  if (!o.attribution_pause_ms) o.attribution_pause_ms = DEFAULT_ATTRIBUTION_PAUSE;
  wpm = o.words_per_minute > 0 ? o.words_per_minute : 170;
  *out = NULL;

  blang = o.lang;
  if (!blang && n_stories && stories[0]->article->language) blang = stories[0]->article->language;
  bp = phrases_for(blang);
  s = bc_script_new(o.title, o.date, blang ? blang : "en");

  keep = xmalloc((n_stories ? n_stories : 1) * sizeof *keep);
  for (i = 0; i < n_stories; i++) keep[i] = 1;
  if (o.max_seconds > 0) fit_budget(stories, keep, n_stories, o.max_seconds, wpm);
  for (i = 0; i < n_stories; i++) kept += keep[i] != 0;

  when = date_in_words(bp, s->date);
  line = xasprintf(bp->intro, when);
  free(when);
  bc_script_add(s, BC_ROLE_INTRO, line, NULL, BC_GENDER_UNKNOWN, 0, 0);
  free(line);
  line = kept == 1 ? xstrdup(bp->one_story) : xasprintf(bp->n_stories, kept);
  bc_script_add(s, BC_ROLE_INTRO, line, NULL, BC_GENDER_UNKNOWN, INTRO_PAUSE, 0);
  free(line);

  for (i = 0, j = 0; i < n_stories; i++) {
    const bc_story *st = stories[i];
    const bc_article *a = st->article;
    const char *slang = o.lang ? o.lang : a->language;
    const phrases *sp = phrases_for(slang);
    int num;
    size_t k;
    bc_buf lead;
    bc_segment *seg;

    if (!keep[i]) continue;
    num = (int)++j;
    if (a->title && *a->title) {
      bc_script_add(s, BC_ROLE_HEADLINE, a->title, NULL, BC_GENDER_UNKNOWN,
                    o.headline_pause_ms, num);
      seg = &s->segments[s->n_segments - 1];
      seg->story_title = xstrdup(a->title);
      seg->story_url = xstrdup(a->source);
    }
    buf_init(&lead);
    for (k = 0; k <= st->n_summary; k++) {
      const bc_summary_item *it = k < st->n_summary ? &st->summary[k] : NULL;
      if (it && it->kind == BC_SUMMARY_LEAD) {
        if (lead.len) buf_addc(&lead, ' ');
        buf_adds(&lead, it->text);
        continue;
      }
      if (lead.len) {
        bc_script_add(s, BC_ROLE_NARRATOR, lead.s, NULL, BC_GENDER_UNKNOWN, LEAD_PAUSE, num);
        lead.len = 0;
        lead.s[0] = '\0';
      }
      if (it && it->kind == BC_SUMMARY_QUOTE && it->index < st->n_quotes) {
        const bc_quote *q = &st->quotes[it->index];
        char *attr = attribution_for(sp, q);
        if (!attr) continue; /* an unattributed quote is not read as a quote */
        bc_script_add(s, BC_ROLE_NARRATOR, attr, NULL, BC_GENDER_UNKNOWN,
                      o.attribution_pause_ms, num);
        free(attr);
        bc_script_add(s, BC_ROLE_QUOTE, it->text, q->speaker, q->gender, QUOTE_PAUSE, num);
      }
    }
    buf_free(&lead);
    /* The headline of a story with nothing else to say is still worth
     * hearing; the pause between stories follows the story's last segment. */
    if (s->n_segments) s->segments[s->n_segments - 1].pause_ms = o.story_pause_ms;
    for (k = 0; k < s->n_segments; k++)
      if (s->segments[k].story == num && slang && strcmp(slang, s->lang) != 0 && !s->segments[k].lang)
        s->segments[k].lang = xstrdup(slang);
  }
  bc_script_add(s, BC_ROLE_OUTRO, bp->outro, NULL, BC_GENDER_UNKNOWN, 0, 0);
  free(keep);
  *out = s;
  return BC_OK;
}

double bc_script_estimate_seconds(const bc_script *s, double wpm) {
  double t = 0;
  size_t i;
  if (wpm <= 0) wpm = 170;
  for (i = 0; i < s->n_segments; i++) {
    if (s->segments[i].text) t += util_count_words(s->segments[i].text) * 60.0 / wpm;
    t += s->segments[i].pause_ms / 1000.0;
  }
  return t;
}

void bc_script_free(bc_script *s) {
  size_t i;
  if (!s) return;
  for (i = 0; i < s->n_segments; i++) {
    bc_segment *g = &s->segments[i];
    free(g->text);
    free(g->speaker);
    free(g->voice);
    free(g->lang);
    free(g->story_title);
    free(g->story_url);
  }
  free(s->segments);
  free(s->title);
  free(s->date);
  free(s->lang);
  free(s);
}

/* ---- text format: writing ------------------------------------------------ */

static void put_value(bc_buf *b, const char *key, const char *v) {
  const char *p;
  int plain = *v != '\0';
  for (p = v; *p; p++)
    if (isspace((unsigned char)*p) || *p == '"' || *p == ']' || *p == '\\' || *p == '=') plain = 0;
  buf_printf(b, " %s=", key);
  if (plain) {
    buf_adds(b, v);
    return;
  }
  buf_addc(b, '"');
  for (p = v; *p; p++) {
    if (*p == '"' || *p == '\\') buf_addc(b, '\\');
    if (*p == '\n')
      buf_addc(b, ' ');
    else
      buf_addc(b, *p);
  }
  buf_addc(b, '"');
}

bc_rc bc_script_format(const bc_script *s, char **out) {
  bc_buf b;
  size_t i;
  buf_init(&b);
  buf_adds(&b, "# briefcast script: edit the text, drop or reorder segments, then\n"
               "# run 'briefcast speak FILE -o OUT'.  Format: see briefcast(1).\n");
  buf_adds(&b, "[briefing");
  if (s->title) put_value(&b, "title", s->title);
  if (s->date) put_value(&b, "date", s->date);
  if (s->lang) put_value(&b, "lang", s->lang);
  buf_adds(&b, "]\n");
  for (i = 0; i < s->n_segments; i++) {
    const bc_segment *g = &s->segments[i];
    buf_addc(&b, '\n');
    if (g->role == BC_ROLE_PAUSE) {
      buf_printf(&b, "[pause %u", g->pause_ms);
      if (g->story) buf_printf(&b, " story=%d", g->story);
      buf_adds(&b, "]\n");
      continue;
    }
    buf_printf(&b, "[%s", bc_role_name(g->role));
    if (g->story) buf_printf(&b, " story=%d", g->story);
    if (g->speaker) put_value(&b, "speaker", g->speaker);
    if (g->gender != BC_GENDER_UNKNOWN) put_value(&b, "gender", bc_gender_name(g->gender));
    if (g->voice) put_value(&b, "voice", g->voice);
    if (g->lang) put_value(&b, "lang", g->lang);
    if (g->pause_ms) buf_printf(&b, " pause=%u", g->pause_ms);
    if (g->story_title) put_value(&b, "title", g->story_title);
    if (g->story_url) put_value(&b, "url", g->story_url);
    buf_adds(&b, "]\n");
    if (g->text) {
      const char *t = g->text;
      /* escape what the reader would take otherwise: a header, a comment,
       * a leading blank (trimmed) or an empty line (skipped) */
      if (!*t || *t == '[' || *t == '#' || *t == '\\' || *t == ' ' || *t == '\t')
        buf_addc(&b, '\\');
      for (; *t; t++) buf_addc(&b, *t == '\n' ? ' ' : *t);
      buf_addc(&b, '\n');
    }
  }
  *out = buf_steal(&b);
  return BC_OK;
}

/* ---- text format: parsing ------------------------------------------------ */

/* Read one key=value (or a bare word) from *p.  Returns 0 at the end of the
 * header, -1 on a syntax error. */
static int next_attr(const char **p, char **key, char **val) {
  const char *s = *p;
  bc_buf b;
  while (*s == ' ' || *s == '\t') s++;
  if (*s == '\0') return 0;
  *key = NULL;
  *val = NULL;
  buf_init(&b);
  while (*s && *s != '=' && *s != ' ' && *s != '\t') buf_addc(&b, *s++);
  if (*s != '=') { /* a bare word, such as the 600 in [pause 600] */
    *val = buf_steal(&b);
    *p = s;
    return 1;
  }
  *key = buf_steal(&b);
  s++;
  buf_init(&b);
  if (*s == '"') {
    s++;
    while (*s && *s != '"') {
      if (*s == '\\' && s[1]) s++;
      buf_addc(&b, *s++);
    }
    if (*s != '"') {
      buf_free(&b);
      free(*key);
      *key = NULL;
      return -1;
    }
    s++;
  } else {
    while (*s && *s != ' ' && *s != '\t') buf_addc(&b, *s++);
  }
  *val = buf_steal(&b);
  *p = s;
  return 1;
}

static int parse_uint(const char *v, unsigned long max, unsigned long *out) {
  char *end;
  unsigned long n;
  if (!v || !isdigit((unsigned char)*v)) return -1;
  n = strtoul(v, &end, 10);
  if (*end || n > max) return -1;
  *out = n;
  return 0;
}

/* Apply one header line to a new segment (or the briefing). */
static bc_rc parse_header(bc_script *s, char *line, size_t lineno, bc_segment **cur,
                          bc_diag *diag) {
  char *end = strrchr(line, ']');
  const char *p;
  char word[32];
  size_t n = 0;
  int role, r;
  char *key, *val;
  bc_segment *g = NULL;

  if (!end) {
    util_diag(diag, "line %zu: header has no closing ']'", lineno);
    return BC_ERR_PARSE;
  }
  *end = '\0';
  p = line + 1;
  while (*p && *p != ' ' && *p != '\t' && n < sizeof word - 1) word[n++] = *p++;
  word[n] = '\0';
  if (!strcmp(word, "briefing")) {
    role = -2;
  } else if ((role = bc_role_parse(word)) < 0) {
    util_diag(diag, "line %zu: unknown role '%s' (intro, headline, narrator, quote, "
                    "subhead, outro, pause)", lineno, word);
    return BC_ERR_PARSE;
  } else {
    g = add_segment(s);
    g->role = (bc_role)role;
  }
  while ((r = next_attr(&p, &key, &val)) > 0) {
    unsigned long num;
    bc_rc bad = BC_OK;
    if (!key) {
      if (g && g->role == BC_ROLE_PAUSE && parse_uint(val, 600000, &num) == 0)
        g->pause_ms = (unsigned)num;
      else
        bad = BC_ERR_PARSE;
    } else if (role == -2) {
      char **dst = !strcmp(key, "title") ? &s->title : !strcmp(key, "date") ? &s->date
                 : !strcmp(key, "lang") ? &s->lang : NULL;
      if (dst) {
        free(*dst);
        *dst = val;
        val = NULL;
      } else
        bad = BC_ERR_PARSE;
    } else if (!strcmp(key, "story")) {
      if (parse_uint(val, 100000, &num) == 0) g->story = (int)num; else bad = BC_ERR_PARSE;
    } else if (!strcmp(key, "pause")) {
      if (parse_uint(val, 600000, &num) == 0) g->pause_ms = (unsigned)num; else bad = BC_ERR_PARSE;
    } else if (!strcmp(key, "gender")) {
      g->gender = bc_gender_parse(val);
      if (g->gender == BC_GENDER_UNKNOWN && util_strcasecmp(val, "unknown")) bad = BC_ERR_PARSE;
    } else {
      char **dst = !strcmp(key, "speaker") ? &g->speaker : !strcmp(key, "voice") ? &g->voice
                 : !strcmp(key, "lang") ? &g->lang : !strcmp(key, "title") ? &g->story_title
                 : !strcmp(key, "url") ? &g->story_url : NULL;
      if (dst) {
        free(*dst);
        *dst = val;
        val = NULL;
      } else
        bad = BC_ERR_PARSE;
    }
    if (bad) {
      if (key)
        util_diag(diag, "line %zu: bad attribute %s=%s", lineno, key, val ? val : "");
      else
        util_diag(diag, "line %zu: unexpected '%s' in header", lineno, val ? val : "");
      free(key);
      free(val);
      return BC_ERR_PARSE;
    }
    free(key);
    free(val);
  }
  if (r < 0) {
    util_diag(diag, "line %zu: unterminated quoted value", lineno);
    return BC_ERR_PARSE;
  }
  *cur = g;
  return BC_OK;
}

bc_rc bc_script_parse(const char *text, size_t len, bc_script **out, bc_diag *diag) {
  bc_script *s;
  bc_segment *cur = NULL;
  size_t pos = 0, lineno = 0, i;
  bc_rc rc = BC_OK;

  *out = NULL;
  if (memchr(text, '\0', len)) {
    util_diag(diag, "not a script (binary data)");
    return BC_ERR_BINARY;
  }
  if (!utf8_valid(text, len)) {
    util_diag(diag, "not a script (invalid UTF-8)");
    return BC_ERR_PARSE;
  }
  s = xcalloc(1, sizeof *s);
  while (pos < len && !rc) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
    char *line = xstrndup(text + pos, n), *t = line;
    pos += n + (nl != NULL);
    lineno++;
    while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) line[--n] = 0;
    while (*t == ' ' || *t == '\t') t++;
    if (*t == '\0' || *t == '#') {
      free(line);
      continue;
    }
    if (*t == '[') {
      rc = parse_header(s, t, lineno, &cur, diag);
    } else if (!cur || cur->role == BC_ROLE_PAUSE) {
      util_diag(diag, "line %zu: text outside a segment (start one with a header such as "
                      "[narrator])", lineno);
      rc = BC_ERR_PARSE;
    } else {
      if (*t == '\\') t++;
      if (cur->text && *cur->text && *t) {
        char *joined = xasprintf("%s %s", cur->text, t);
        free(cur->text);
        cur->text = joined;
      } else if (!cur->text || *t) {
        /* an escaped empty line ("\\") adds no space: text round-trips */
        free(cur->text);
        cur->text = xstrdup(t);
      }
    }
    free(line);
  }
  for (i = 0; !rc && i < s->n_segments; i++) {
    if (s->segments[i].role != BC_ROLE_PAUSE && !s->segments[i].text) {
      util_diag(diag, "segment %zu (%s) has no text", i + 1, bc_role_name(s->segments[i].role));
      rc = BC_ERR_PARSE;
    }
  }
  if (!rc && s->n_segments == 0) {
    util_diag(diag, "no segments");
    rc = BC_ERR_EMPTY;
  }
  if (rc) {
    bc_script_free(s);
    return rc;
  }
  if (!s->lang) s->lang = xstrdup("en");
  if (!s->title) s->title = xstrdup("News briefing");
  if (!s->date) {
    char today[11];
    util_today(today);
    s->date = xstrdup(today);
  }
  *out = s;
  return BC_OK;
}
