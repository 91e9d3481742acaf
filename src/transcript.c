/* Transcripts and chapters: what was said, when, by whom.
 *
 * In: a script and the timeline the speech stage made for it (segment
 * sample ranges, and per spoken word its first sample and the byte range of
 * the script text it came from).  Out: WebVTT (W3C WebVTT) and SubRip
 * subtitles, and one chapter per story.
 *
 * Cues are cut from the script text, not from the normalized words, so a
 * subtitle reads "$1.5 billion" while the voice says "one point five billion
 * dollars".  A cue is a run of words of one segment that fits on two lines
 * of max_line_chars (the usual 42) and lasts at most max_cue_seconds; it
 * also ends at a sentence end, so a cue never straddles two sentences.  A
 * cue starts exactly at its first word's first sample (rounded down to the
 * millisecond) and ends when the next cue of the segment starts, or when
 * the segment's speech ends.  The same cues feed both formats.
 *
 * Segments for which espeak-ng reported no words (it happens for text it
 * reads as one symbol) still get cues: their text is cut by length and the
 * times spread over the segment in proportion. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/transcript.h"
#include "util.h"

typedef struct cue {
  size_t segment;
  size_t text_start, text_end;  /* in the segment's text */
  size_t start, end;            /* samples */
  const char *speaker;          /* <v> name */
  int first_of_segment;
} cue;

typedef struct cue_list {
  cue *v;
  size_t n, cap;
} cue_list;

static size_t n_chars(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
  return n;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The text of s[a..b) with white space runs made one space, trimmed. */
static char *flat(const char *s, size_t a, size_t b) {
  bc_buf o;
  buf_init(&o);
  int space = 0;
  for (size_t i = a; i < b; i++) {
    if (is_space(s[i])) {
      space = o.len > 0;
      continue;
    }
    if (space) buf_addc(&o, ' ');
    space = 0;
    buf_addc(&o, s[i]);
  }
  return buf_steal(&o);
}

/* Greedy wrap into lines of at most width characters (a longer single
 * word gets a line of its own).  Returns the number of lines; when `out` is
 * given, appends the lines separated by '\n'. */
static size_t wrap(const char *text, size_t width, bc_buf *out) {
  size_t lines = 0, line_chars = 0;
  const char *p = text;
  while (*p) {
    while (*p == ' ') p++;
    if (!*p) break;
    const char *q = p;
    while (*q && *q != ' ') q++;
    size_t w = n_chars(p, (size_t)(q - p));
    if (lines && line_chars + 1 + w <= width) {
      if (out) buf_addc(out, ' ');
      line_chars += 1 + w;
    } else {
      if (out && lines) buf_addc(out, '\n');
      lines++;
      line_chars = w;
    }
    if (out) buf_add(out, p, (size_t)(q - p));
    p = q;
  }
  return lines;
}

/* Lay text out as wrap() does, but when it takes two lines, break where
 * the lines come out most even (no one-word second line), and not before
 * byte `keep` (a speaker prefix stays whole on the first line). */
static void layout(const char *text, size_t width, size_t keep, bc_buf *out) {
  if (wrap(text, width, NULL) != 2) {
    wrap(text, width, out);
    return;
  }
  size_t len = strlen(text), total = n_chars(text, len), best = 0, best_long = (size_t)-1;
  for (size_t i = keep; i < len; i++) {
    if (text[i] != ' ') continue;
    size_t left = n_chars(text, i), right = total - left - 1;
    size_t longer = left > right ? left : right;
    if (left <= width && right <= width && longer < best_long) {
      best = i;
      best_long = longer;
    }
  }
  if (!best) {
    wrap(text, width, out);
    return;
  }
  buf_add(out, text, best);
  buf_addc(out, '\n');
  buf_adds(out, text + best + 1);
}

/* Widen a word range to the punctuation stuck to it: an opening quote or
 * bracket before, a comma, full stop or closing quote after. */
static void widen(const char *s, size_t len, size_t lo_limit, size_t *a, size_t *b) {
  while (*a > lo_limit && !is_space(s[*a - 1])) (*a)--;
  while (*b < len && !is_space(s[*b])) (*b)++;
}

/* Does the text before b end a sentence?  "Sen." and "U.S." do not: a full
 * stop after a short capitalized word or a single letter is taken for an
 * abbreviation (a cue break in the wrong place is harmless, a title torn
 * from its name reads badly). */
static int ends_sentence(const char *s, size_t b) {
  while (b > 0 && (s[b - 1] == '"' || s[b - 1] == '\'' || s[b - 1] == ')' ||
                   (unsigned char)s[b - 1] >= 0x80))
    b--; /* closing quotes, including curly ones */
  if (b == 0) return 0;
  char c = s[b - 1];
  if (c == '?' || c == '!' || c == ':') return 1;
  if (c != '.') return 0;
  size_t a = b - 1;
  while (a > 0 && !is_space(s[a - 1])) a--;
  size_t word = b - 1 - a;
  if (word <= 3 && s[a] >= 'A' && s[a] <= 'Z') return 0;   /* Sen. Dr. St. */
  if (word >= 2 && s[b - 3] == '.') return 0;              /* U.S. a.m. */
  return 1;
}

/* Past the first line, a comma, semicolon or dash is a good place to end a
 * cue: subtitles read best cut at clause boundaries. */
static int clause_break(const char *s, size_t a, size_t b, size_t width) {
  if (b <= a || n_chars(s + a, b - a) <= width) return 0;
  char c = s[b - 1];
  if (c == ',' || c == ';') return 1;
  return b >= 3 && !memcmp(s + b - 3, "\xe2\x80\x94", 3); /* em dash */
}

static const char *speaker_of(const bc_segment *g) {
  switch (g->role) {
  case BC_ROLE_QUOTE: return g->speaker && *g->speaker ? g->speaker : "Speaker";
  case BC_ROLE_INTRO:
  case BC_ROLE_OUTRO: return "Host";
  default: return "Narrator";
  }
}

/* Does the text [a,b) of segment g fit one cue?  The SRT speaker prefix of
 * a quote's first cue counts, so both formats keep to two lines. */
static int fits(const bc_segment *g, size_t a, size_t b, int first, size_t width) {
  char *t = flat(g->text, a, b);
  char *u = first && g->role == BC_ROLE_QUOTE ? xasprintf("%s: %s", speaker_of(g), t) : t;
  size_t lines = wrap(u, width, NULL);
  if (u != t) free(u);
  free(t);
  return lines <= 2;
}

static void push(cue_list *cl, const bc_segment *g, size_t seg, size_t a, size_t b,
                 size_t start, size_t end, int first) {
  BC_GROW(cl->v, cl->n, cl->cap);
  cl->v[cl->n++] = (cue){seg, a, b, start, end, speaker_of(g), first};
}

/* Cues for a segment with text but no word times: cut the text at spaces
 * by length, spread the times by characters. */
static void cues_without_words(cue_list *cl, const bc_segment *g, size_t seg,
                               const bc_segment_time *t, size_t width) {
  const char *s = g->text;
  size_t len = strlen(s), total = n_chars(s, len);
  size_t a = 0;
  while (a < len && is_space(s[a])) a++;
  int first = 1;
  while (a < len) {
    size_t b = a, best = 0;
    while (b < len) {
      size_t e = b;
      while (e < len && is_space(s[e])) e++;
      while (e < len && !is_space(s[e])) e++;
      if (best && !fits(g, a, e, first, width)) break;
      best = e;
      b = e;
    }
    size_t rest = best;
    while (rest < len && is_space(s[rest])) rest++;
    size_t c0 = n_chars(s, a), c1 = rest == len ? total : n_chars(s, best);
    size_t span = t->end - t->start;
    push(cl, g, seg, a, best, t->start + (size_t)((double)span * c0 / (total ? total : 1)),
         t->start + (size_t)((double)span * c1 / (total ? total : 1)), first);
    first = 0;
    a = best;
    while (a < len && is_space(s[a])) a++;
  }
}

static bc_rc make_cues(const bc_script *script, const bc_timeline *tl,
                       const bc_transcript_options *opts, cue_list *cl) {
  memset(cl, 0, sizeof *cl);
  if (!script || !tl || tl->n_segments != script->n_segments || !tl->sample_rate)
    return BC_ERR_ARG;
  size_t width = opts && opts->max_line_chars ? opts->max_line_chars : 42;
  double max_s = opts && opts->max_cue_seconds > 0 ? opts->max_cue_seconds : 6.0;
  size_t max_samples = (size_t)(max_s * tl->sample_rate);
  size_t w = 0;
  for (size_t seg = 0; seg < script->n_segments; seg++) {
    const bc_segment *g = &script->segments[seg];
    const bc_segment_time *t = &tl->segments[seg];
    while (w < tl->n_words && tl->words[w].segment < seg) w++;
    if (g->role == BC_ROLE_PAUSE || !g->text || !*g->text) continue;
    size_t w0 = w;
    while (w < tl->n_words && tl->words[w].segment == seg) w++;
    size_t w1 = w;
    if (w0 == w1) {
      cues_without_words(cl, g, seg, t, width);
      continue;
    }
    const char *s = g->text;
    size_t len = strlen(s), prev_end = 0;
    int first = 1;
    size_t i = w0;
    while (i < w1) {
      size_t a = tl->words[i].text_start, b = tl->words[i].text_end;
      widen(s, len, prev_end, &a, &b);
      size_t j = i + 1;
      while (j < w1 && !ends_sentence(s, b) && !clause_break(s, a, b, width)) {
        size_t nb = tl->words[j].text_end, na = tl->words[j].text_start;
        if (nb < b) nb = b; /* never go backwards in the text */
        size_t wa = na, wb = nb;
        widen(s, len, b, &wa, &wb);
        if (!fits(g, a, wb, first, width)) break;
        if (tl->words[j].sample - tl->words[i].sample >= max_samples) break;
        b = wb;
        j++;
      }
      size_t end = j < w1 ? tl->words[j].sample : t->end;
      if (end <= tl->words[i].sample) end = tl->words[i].sample + 1;
      push(cl, g, seg, a, b, tl->words[i].sample, end, first);
      first = 0;
      prev_end = b;
      i = j;
    }
  }
  return BC_OK;
}

/* HH:MM:SS.mmm, rounded down to the millisecond (so a cue never starts
 * after its first word). */
static void timestamp(bc_buf *o, size_t sample, unsigned rate, double offset, char sep) {
  double sec = (double)sample / rate + offset;
  if (sec < 0) sec = 0;
  unsigned long long ms = (unsigned long long)floor(sec * 1000.0 + 1e-6);
  buf_printf(o, "%02llu:%02llu:%02llu%c%03llu", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
             sep, ms % 1000);
}

/* WebVTT cue text and annotations: & < > as character references (WebVTT
 * section 4.2.2), which also keeps "-->" out of a cue. */
static void vtt_escape(bc_buf *o, const char *s) {
  for (; *s; s++) {
    if (*s == '&') buf_adds(o, "&amp;");
    else if (*s == '<') buf_adds(o, "&lt;");
    else if (*s == '>') buf_adds(o, "&gt;");
    else buf_addc(o, *s);
  }
}

static bc_rc write_cues(const bc_script *script, const bc_timeline *tl,
                        const bc_transcript_options *opts, int vtt, char **out) {
  *out = NULL;
  cue_list cl;
  bc_rc rc = make_cues(script, tl, opts, &cl);
  if (rc) return rc;
  size_t width = opts && opts->max_line_chars ? opts->max_line_chars : 42;
  double offset = opts ? opts->offset_seconds : 0;
  bc_buf o;
  buf_init(&o);
  if (vtt) buf_adds(&o, "WEBVTT\n");
  for (size_t i = 0; i < cl.n; i++) {
    const cue *c = &cl.v[i];
    const bc_segment *g = &script->segments[c->segment];
    /* A blank line separates cues (and the WEBVTT header); an SRT file
     * starts directly with its first cue number. */
    if (vtt || i > 0) buf_addc(&o, '\n');
    if (!vtt) buf_printf(&o, "%zu\n", i + 1);
    timestamp(&o, c->start, tl->sample_rate, offset, vtt ? '.' : ',');
    buf_adds(&o, " --> ");
    timestamp(&o, c->end, tl->sample_rate, offset, vtt ? '.' : ',');
    buf_addc(&o, '\n');
    char *text = flat(g->text, c->text_start, c->text_end);
    /* wrap with the SRT prefix in place so both formats break lines alike */
    int prefixed = c->first_of_segment && g->role == BC_ROLE_QUOTE;
    char *full = prefixed ? xasprintf("%s: %s", c->speaker, text) : xstrdup(text);
    bc_buf lines;
    buf_init(&lines);
    layout(full, width, prefixed ? strlen(c->speaker) + 2 : 0, &lines);
    if (vtt) {
      /* The prefix's place is taken by the voice tag. */
      const char *body = lines.s + (prefixed ? strlen(c->speaker) + 2 : 0);
      buf_adds(&o, "<v ");
      vtt_escape(&o, c->speaker);
      buf_addc(&o, '>');
      vtt_escape(&o, body);
      buf_adds(&o, "</v>\n");
    } else {
      buf_adds(&o, lines.s ? lines.s : "");
      buf_addc(&o, '\n');
    }
    buf_free(&lines);
    free(full);
    free(text);
  }
  free(cl.v);
  *out = buf_steal(&o);
  return BC_OK;
}

bc_rc bc_transcript_vtt(const bc_script *script, const bc_timeline *tl,
                        const bc_transcript_options *opts, char **out) {
  return write_cues(script, tl, opts, 1, out);
}

bc_rc bc_transcript_srt(const bc_script *script, const bc_timeline *tl,
                        const bc_transcript_options *opts, char **out) {
  return write_cues(script, tl, opts, 0, out);
}

void bc_chapters_free(bc_chapter *chapters, size_t n) {
  if (!chapters) return;
  for (size_t i = 0; i < n; i++) {
    free((char *)chapters[i].title);
    free((char *)chapters[i].url);
  }
  free(chapters);
}

bc_rc bc_chapters_build(const bc_script *script, const bc_timeline *tl, double offset,
                        bc_chapter **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!script || !tl || tl->n_segments != script->n_segments || !tl->sample_rate)
    return BC_ERR_ARG;
  bc_chapter *ch = NULL;
  int *story = NULL;
  size_t nch = 0, cap = 0, cap_story = 0;
  double rate = tl->sample_rate;
  for (size_t i = 0; i < script->n_segments; i++) {
    const bc_segment *g = &script->segments[i];
    if (g->story <= 0) continue;
    int seen = 0;
    for (size_t k = 0; k < nch; k++)
      if (story[k] == g->story) seen = 1;
    if (seen) continue;
    /* The story's first segment opens its chapter, at its headline when it
     * has one. */
    size_t at = i;
    for (size_t j = i; j < script->n_segments; j++)
      if (script->segments[j].story == g->story &&
          script->segments[j].role == BC_ROLE_HEADLINE) {
        at = j;
        break;
      }
    const bc_segment *h = &script->segments[at];
    const char *title = h->story_title && *h->story_title ? h->story_title
                        : h->text && *h->text           ? h->text
                                                        : NULL;
    BC_GROW(story, nch, cap_story);
    BC_GROW(ch, nch, cap);
    story[nch] = g->story;
    ch[nch].start = (double)tl->segments[at].start / rate + offset;
    ch[nch].title = title ? flat(title, 0, strlen(title)) : xasprintf("Story %d", g->story);
    ch[nch].url = h->story_url && *h->story_url ? xstrdup(h->story_url) : NULL;
    nch++;
  }
  free(story);
  double total = (double)tl->n_samples / rate + offset;
  for (size_t k = 0; k < nch; k++) ch[k].end = k + 1 < nch ? ch[k + 1].start : total;
  *out = ch;
  *n = nch;
  return BC_OK;
}

static void json_string(bc_buf *o, const char *s) {
  buf_addc(o, '"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      buf_addc(o, '\\');
      buf_addc(o, (char)c);
    } else if (c < 0x20) {
      buf_printf(o, "\\u%04x", c);
    } else {
      buf_addc(o, (char)c);
    }
  }
  buf_addc(o, '"');
}

bc_rc bc_chapters_json(const bc_chapter *chapters, size_t n, char **out) {
  bc_buf o;
  buf_init(&o);
  /* Podcasting 2.0 JSON chapters format, version 1.2.0 */
  buf_adds(&o, "{\n  \"version\": \"1.2.0\",\n  \"chapters\": [");
  for (size_t i = 0; i < n; i++) {
    const bc_chapter *c = &chapters[i];
    buf_printf(&o, "%s\n    {\"startTime\": %.3f, \"endTime\": %.3f, \"title\": ",
               i ? "," : "", c->start, c->end);
    json_string(&o, c->title ? c->title : "");
    if (c->url) {
      buf_adds(&o, ", \"url\": ");
      json_string(&o, c->url);
    }
    buf_addc(&o, '}');
  }
  buf_adds(&o, n ? "\n  ]\n}\n" : "]\n}\n");
  *out = buf_steal(&o);
  return BC_OK;
}
