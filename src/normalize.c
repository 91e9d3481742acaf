/* The normalization stage: written news text in, the words a newsreader
 * says out ("Sen. Paul (R-Ky.) said $1.5 billion" -> "Senator Paul,
 * Republican of Kentucky, said one point five billion dollars"), as plain
 * text espeak-ng reads well (no SSML), plus a token map from each spoken word
 * back to the source bytes it came from.
 *
 * The text is cut into chunks at white space.  Each chunk has a core (the
 * chunk without surrounding quotes, brackets and sentence punctuation) and a
 * rule may look at the chunks around it or consume several (month + day,
 * "$10" + "million", "9:30" + "a.m.").  Within a core, a small scanner reads
 * numbers with their prefixes and suffixes (currency, %, ordinals, units,
 * ranges, times, fractions) and words (abbreviations, acronyms, roman
 * numerals), looking up the per-language tables in normalize_tables.c and
 * the number words in normalize_num.c.
 *
 * Any byte sequence is accepted: invalid UTF-8 and control characters are
 * dropped from the output.  Chunks longer than NZ_MAX_CHUNK bytes are copied
 * without analysis, so the work per byte is bounded and the whole pass is
 * linear in the input length. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/normalize.h"
#include "normalize_priv.h"

#define NZ_MAX_CHUNK 256

typedef struct chunk {
  size_t s, e;    /* the whole chunk */
  size_t cs, ce;  /* its core, without surrounding punctuation */
  int dot;        /* a '.' follows the core directly */
} chunk;

typedef struct nz {
  const char *src;
  size_t len;
  nz_lang L;
  chunk *ch;
  size_t n_ch, cap_ch;
  size_t k;              /* the chunk being spoken */
  bc_buf out;
  bc_token_map *map;
  size_t n_map, cap_map;
  size_t dateline_end;   /* chunks before this are an all-caps dateline */
  int caps_text;         /* the text is mostly capitals: no acronym spelling */
  int dot_used;          /* the current rule consumed the chunk's dot */
  int keep_dot;          /* ...but the sentence ends there */
  int punct_done;        /* the rule said the trailing punctuation itself */
  bc_buf tmp;
} nz;

/* ------------------------------------------------------------------ */
/* Output                                                               */

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }
/* c is one of the characters in set (never NUL: strchr would match the
 * terminator). */
static int in_set(const char *set, char c) { return c && strchr(set, c) != NULL; }
static int dig(char c) { return c >= '0' && c <= '9'; }

/* Copy s[0..n) to b, dropping invalid UTF-8 and control characters. */
static void add_clean(bc_buf *b, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    int32_t cp;
    size_t l = utf8_decode(s + i, n - i, &cp);
    if (cp == 0xFFFD && l == 1) { i++; continue; }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFD) {
      i += l;
      continue;
    }
    buf_add(b, s + i, l);
    i += l;
  }
}

/* One spoken word from source bytes [ss, se). */
static void out_word(nz *z, const char *w, size_t n, size_t ss, size_t se) {
  if (!n) return;
  size_t before = z->out.len;
  if (z->out.len && z->out.s[z->out.len - 1] != ' ') buf_addc(&z->out, ' ');
  size_t start = z->out.len;
  add_clean(&z->out, w, n);
  if (z->out.len == start) {
    z->out.len = before;
    z->out.s[before] = 0;
    return;
  }
  BC_GROW(z->map, z->n_map, z->cap_map);
  z->map[z->n_map++] = (bc_token_map){start, z->out.len, ss, se};
}

/* Several words (a phrase separated by spaces), all from [ss, se). */
static void out_words(nz *z, const char *p, size_t ss, size_t se) {
  while (*p) {
    while (*p == ' ') p++;
    const char *q = p;
    while (*q && *q != ' ') q++;
    if (q > p) out_word(z, p, (size_t)(q - p), ss, se);
    p = q;
  }
}

/* Punctuation attached to the previous word (a pause for espeak-ng). */
static void out_punct(nz *z, char c) {
  if (!z->out.len) return;
  char last = z->out.s[z->out.len - 1];
  if (last == ' ') return;
  if (in_set(",.;:!?", last)) {
    /* one mark per gap, the strongest: "(shown)." -> "shown." */
    int rl = last == ',' ? 1 : (last == ';' || last == ':') ? 2 : 3;
    int rc = c == ',' ? 1 : (c == ';' || c == ':') ? 2 : 3;
    if (last == '.' && c != '.' && z->out.len >= 2 && isupper((unsigned char)z->out.s[z->out.len - 2])) {
      buf_addc(&z->out, c);  /* the dot of "E.P.A." is not a sentence end: "E.P.A.," */
      return;
    }
    if (rc > rl) z->out.s[z->out.len - 1] = c;
    return;
  }
  buf_addc(&z->out, c);
}

/* Words from the scratch buffer. */
static void out_tmp(nz *z, size_t ss, size_t se) {
  out_words(z, z->tmp.s ? z->tmp.s : "", ss, se);
  z->tmp.len = 0;
  if (z->tmp.s) z->tmp.s[0] = 0;
}

/* ------------------------------------------------------------------ */
/* Chunks                                                               */

static size_t space_len(const char *s, size_t n) {
  unsigned char c = (unsigned char)s[0];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
  if (c == 0xC2 && n >= 2 && (unsigned char)s[1] == 0xA0) return 2;  /* NBSP */
  if (c == 0xE2 && n >= 3 && (unsigned char)s[1] == 0x80) {
    unsigned char d = (unsigned char)s[2];
    if ((d >= 0x80 && d <= 0x8A) || d == 0xAF || d == 0xA8 || d == 0xA9) return 3;
    if (d == 0x94 || d == 0x95) return 3;  /* em dash, bar: a pause, split there */
  }
  if (c == 0xE3 && n >= 3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) return 3;
  return 0;
}

static int is_lead_punct(const char *s, size_t n, size_t *l) {
  unsigned char c = (unsigned char)s[0];
  if (in_set("([{\"*_<", (char)c)) { *l = 1; return 1; }
  if (c == '\'' && !(n > 1 && isdigit((unsigned char)s[1]))) { *l = 1; return 1; }
  if (n >= 3 && c == 0xE2 && (unsigned char)s[1] == 0x80) {
    unsigned char d = (unsigned char)s[2];
    if (d == 0x9C || d == 0x9E || d == 0xB9) { *l = 3; return 1; }  /* “ „ ‹ */
    if (d == 0x98 && !(n > 3 && isdigit((unsigned char)s[3]))) { *l = 3; return 1; }  /* ‘ */
  }
  if (n >= 2 && c == 0xC2 && ((unsigned char)s[1] == 0xAB || (unsigned char)s[1] == 0xBF ||
                              (unsigned char)s[1] == 0xA1)) { *l = 2; return 1; }  /* « ¿ ¡ */
  return 0;
}

/* Length of a trailing punctuation character ending at s+n, or 0. */
static size_t trail_punct(const char *s, size_t n) {
  unsigned char c = (unsigned char)s[n - 1];
  if (c && strchr(")]}\",;:!?*_>'", c)) return 1;
  if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80) {
    unsigned char d = (unsigned char)s[n - 1];
    if (d == 0x9D || d == 0x99 || d == 0xA6 || d == 0xBA) return 3;  /* ” ’ … › */
  }
  if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && c == 0xBB) return 2;  /* » */
  return 0;
}

/* "1 500 000" typeset with spaces (French, also German and Spanish): one
 * chunk, so the number reads as one. */
static void merge_digit_groups(nz *z) {
  size_t w = 0;
  for (size_t k = 0; k < z->n_ch; k++) {
    if (w > 0) {
      chunk *cur = &z->ch[w - 1];
      const chunk *nx = &z->ch[k];
      size_t gap = nx->s - cur->e;
      int ok = cur->ce == cur->e && cur->cs < cur->ce && cur->e - cur->s <= 40 && nx->cs == nx->s &&
               gap >= 1 && gap <= 3 &&
               space_len(z->src + cur->e, gap) == gap && z->src[cur->e] != '\n' &&
               nx->ce - nx->cs >= 3 && dig(z->src[nx->cs]) && dig(z->src[nx->cs + 1]) &&
               dig(z->src[nx->cs + 2]) && (nx->ce - nx->cs == 3 || !dig(z->src[nx->cs + 3]));
      if (ok) {
        /* the current chunk must be digit groups only, the first of 1-3 digits */
        size_t run = 0, first = 0;
        for (size_t i = cur->cs; i < cur->ce && ok; i++) {
          if (dig(z->src[i])) {
            run++;
          } else {
            if (!first) first = run;
            run = 0;
            if (!space_len(z->src + i, cur->ce - i)) ok = 0;
            else i += space_len(z->src + i, cur->ce - i) - 1;
          }
        }
        if (!first) first = run;
        if (first > 3 || run > 3) ok = 0;
      }
      if (ok) {
        cur->e = nx->e;
        cur->ce = nx->ce;
        cur->dot = nx->dot;
        continue;
      }
    }
    z->ch[w++] = z->ch[k];
  }
  z->n_ch = w;
}

static void split_chunks(nz *z) {
  size_t i = 0;
  while (i < z->len) {
    size_t sl = space_len(z->src + i, z->len - i);
    if (sl) {
      /* an em dash is a chunk of its own (a pause) */
      if (sl == 3 && (unsigned char)z->src[i] == 0xE2 && (unsigned char)z->src[i + 2] >= 0x94 &&
          (unsigned char)z->src[i + 2] <= 0x95) {
        BC_GROW(z->ch, z->n_ch, z->cap_ch);
        z->ch[z->n_ch++] = (chunk){i, i + 3, i + 3, i + 3, 0};
      }
      i += sl;
      continue;
    }
    size_t s = i;
    while (i < z->len && !space_len(z->src + i, z->len - i)) i++;
    chunk c = {s, i, s, i, 0};
    if (i - s <= NZ_MAX_CHUNK) {
      size_t l;
      while (c.cs < c.ce && is_lead_punct(z->src + c.cs, c.ce - c.cs, &l)) c.cs += l;
      for (;;) {
        if (c.ce <= c.cs) break;
        size_t t = trail_punct(z->src + c.cs, c.ce - c.cs);
        if (t) { c.ce -= t; continue; }
        if (z->src[c.ce - 1] == '.') {
          /* the last '.' before the trailing punctuation belongs to the
           * core's abbreviation, if any; more dots are an ellipsis */
          c.ce--;
          if (c.ce > c.cs && z->src[c.ce - 1] != '.') c.dot = 1;
          continue;
        }
        break;
      }
      if (c.dot) {
        /* dot flag means src[ce] == '.' */
        if (z->src[c.ce] != '.') c.dot = 0;
      }
    }
    BC_GROW(z->ch, z->n_ch, z->cap_ch);
    z->ch[z->n_ch++] = c;
  }
  if (z->L != NZ_EN && z->L != NZ_OTHER) merge_digit_groups(z);
}

/* ------------------------------------------------------------------ */
/* Chunk helpers                                                        */

static const char *core(const nz *z, size_t k, size_t *n) {
  *n = z->ch[k].ce - z->ch[k].cs;
  return z->src + z->ch[k].cs;
}

/* Core plus its dot, as a NUL-terminated key (bounded copy). */
static size_t key_of(const nz *z, size_t k, char *key, size_t cap, int with_dot) {
  const chunk *c = &z->ch[k];
  size_t n = c->ce - c->cs + (with_dot && c->dot ? 1 : 0);
  if (n >= cap) n = cap - 1;
  memcpy(key, z->src + c->cs, n);
  key[n] = 0;
  return n;
}

static int is_upper_at(const char *s, size_t n) {
  if (!n) return 0;
  unsigned char c = (unsigned char)s[0];
  if (c >= 'A' && c <= 'Z') return 1;
  if (c >= 0xC3 && c <= 0xC3 && n > 1 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E)
    return 1;
  return 0;
}

static int is_lower_at(const char *s, size_t n) {
  if (!n) return 0;
  unsigned char c = (unsigned char)s[0];
  if (c >= 'a' && c <= 'z') return 1;
  if (c == 0xC3 && n > 1 && (unsigned char)s[1] >= 0x9F) return 1;
  return 0;
}

static int chunk_cap(const nz *z, size_t k) {
  if (k >= z->n_ch) return 0;
  size_t n;
  const char *c = core(z, k, &n);
  return is_upper_at(c, n);
}

/* Does a new sentence seem to start after chunk k (for an abbreviation's
 * dot)?  A capital follows, not inside brackets. */
static int sentence_next(const nz *z, size_t k) {
  if (k + 1 >= z->n_ch) return 1;
  if (z->src[z->ch[k + 1].s] == '(') return 0;
  size_t n;
  const char *c = core(z, k + 1, &n);
  if (!is_upper_at(c, n)) return 0;
  if (z->L != NZ_EN) return 1;
  /* English: a capital is often a name ("Apple Inc. CEO", "Wall St.
   * Journal"); only words that typically open a sentence end it */
  static const char *const starters[] = {
      "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At",
      "This", "That", "These", "Those", "There", "His", "Her", "Their", "Its", "Our", "After",
      "Before", "When", "While", "If", "As", "For", "Police", "Officials", "Authorities", "So",
      "Yet", "Still", "Meanwhile", "However", "Now", "Then", "Last", "Next", "Some", "Many", "Most",
      "No", "One", "Two", "Three", "According", "Earlier", "Later", "Since", "During", "By", "With",
      "What", "Why", "How", "Who", "Where", NULL};
  return nz_in_list(starters, c, n) || z->src[z->ch[k + 1].s] == '"' ||
         (unsigned char)z->src[z->ch[k + 1].s] == 0xE2;
}

static int chunk_lower(const nz *z, size_t k) {
  if (k >= z->n_ch) return 0;
  size_t n;
  const char *c = core(z, k, &n);
  return is_lower_at(c, n);
}

static int chunk_digit(const nz *z, size_t k) {
  if (k >= z->n_ch) return 0;
  size_t n;
  const char *c = core(z, k, &n);
  return n && isdigit((unsigned char)c[0]);
}

/* Does chunk k end with a comma (after its core)? */
static int chunk_comma(const nz *z, size_t k) {
  const chunk *c = &z->ch[k];
  for (size_t i = c->ce; i < c->e; i++)
    if (z->src[i] == ',') return 1;
  return 0;
}

/* Does anything (other than closing quotes/brackets) follow the core? */
static int chunk_has_trail(const nz *z, size_t k) {
  const chunk *c = &z->ch[k];
  for (size_t i = c->ce + (size_t)c->dot; i < c->e; i++)
    if (in_set(",.;:!?", z->src[i])) return 1;
  return 0;
}

static int core_is(const nz *z, size_t k, const char *w) {
  if (k >= z->n_ch) return 0;
  size_t n;
  const char *c = core(z, k, &n);
  return strlen(w) == n && !memcmp(c, w, n);
}

static int core_in(const nz *z, size_t k, const char *const *list) {
  if (k >= z->n_ch) return 0;
  size_t n;
  const char *c = core(z, k, &n);
  return nz_in_list(list, c, n);
}

static int all_upper(const char *s, size_t n) {
  int letters = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z') return 0;
    if (c >= 'A' && c <= 'Z') letters++;
  }
  return letters > 0;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                              */

typedef struct num {
  size_t len;          /* bytes consumed */
  uint64_t v;          /* integer part */
  int big;             /* integer part too long for v: read digits */
  const char *ip;      /* integer digits as written (with separators) */
  size_t ipn;
  const char *frac;    /* decimal digits, or NULL */
  size_t nfrac;
  int grouped;         /* had thousands separators */
  size_t ndig;         /* integer digits */
} num;

/* Length of a thousands separator at s[i] (followed by exactly three
 * digits), or 0.  English: ","; German, Spanish: "."; French and the others
 * also a space or (narrow) no-break space, as typeset. */
static size_t group_sep(const nz *z, const char *s, size_t i, size_t n) {
  size_t l = 0;
  if (i >= n) return 0;
  if (z->L == NZ_EN || z->L == NZ_OTHER) {
    if (s[i] == ',') l = 1;
  } else {
    if (s[i] == '.' || s[i] == ' ' || (s[i] == '\'' && z->L == NZ_DE)) l = 1;
    else if (i + 1 < n && !memcmp(s + i, "\xC2\xA0", 2)) l = 2;
    else if (i + 2 < n && (!memcmp(s + i, "\xE2\x80\xAF", 3) || !memcmp(s + i, "\xE2\x80\x89", 3))) l = 3;
  }
  if (!l) return 0;
  if (i + l + 3 > n || !dig(s[i + l]) || !dig(s[i + l + 1]) || !dig(s[i + l + 2])) return 0;
  if (i + l + 3 < n && dig(s[i + l + 3])) return 0;
  return l;
}

/* Read a number at s (digits, thousands separators, decimals). */
static int parse_number(const nz *z, const char *s, size_t n, num *out) {
  memset(out, 0, sizeof *out);
  if (!n || !dig(s[0])) return 0;
  char dec = (z->L == NZ_EN || z->L == NZ_OTHER) ? '.' : ',';
  size_t i = 0, nd = 0, first = 0;
  uint64_t v = 0;
  int big = 0;
  for (;;) {
    size_t run = 0;
    while (i < n && dig(s[i])) {
      if (v > (UINT64_MAX - 9) / 10) big = 1;
      else v = v * 10 + (uint64_t)(s[i] - '0');
      i++;
      nd++;
      run++;
    }
    if (!first) first = run;
    size_t g;
    /* groups: the first of 1-3 digits, then exactly three each */
    if (first <= 3 && (run == 3 || run == first) && (g = group_sep(z, s, i, n))) {
      i += g;
      out->grouped = 1;
      continue;
    }
    break;
  }
  out->ip = s;
  out->ipn = i;
  /* decimals; other languages also take a decimal point when it is not a
   * thousands separator ("1.5" in Latin American Spanish) */
  if (i + 1 < n && (s[i] == dec || (s[i] == '.' && z->L != NZ_EN && z->L != NZ_OTHER)) &&
      dig(s[i + 1])) {
    size_t j = i + 1;
    while (j < n && dig(s[j])) j++;
    out->frac = s + i + 1;
    out->nfrac = j - i - 1;
    i = j;
  }
  out->len = i;
  out->v = v;
  out->big = big || nd > 18;
  out->ndig = nd;
  return 1;
}

static int parse_num(const nz *z, const char *s, size_t n, num *out) {
  return parse_number(z, s, n, out);
}

/* Words for a number as a quantity: "one point five", "three thousand". */
static void say_num(nz *z, const num *m, int form) {
  bc_buf *b = &z->tmp;
  if (m->big || (m->ipn > 1 && m->ip[0] == '0' && !m->grouped)) {
    nz_digits(b, z->L, m->ip, m->ipn);
  } else {
    nz_cardinal(b, z->L, m->v, m->frac ? 0 : form);
  }
  if (m->frac) {
    buf_addc(b, ' ');
    buf_adds(b, nz_point_word(z->L));
    /* French and Spanish read short decimals as a number ("virgule
     * quatorze"); English and German read digits one by one. */
    if ((z->L == NZ_FR || z->L == NZ_ES) && m->nfrac <= 2 && m->frac[0] != '0') {
      uint64_t f = 0;
      for (size_t i = 0; i < m->nfrac; i++) f = f * 10 + (uint64_t)(m->frac[i] - '0');
      nz_cardinal(b, z->L, f, 0);
    } else {
      nz_digits(b, z->L, m->frac, m->nfrac);
    }
  }
}

static int num_is_one(const num *m) { return !m->big && !m->frac && m->v == 1; }

/* A count before a noun, agreeing with it where the language wants: de "ein
 * Kilometer", "eine Tonne", "ein Prozent"; es "un kilómetro", "una hora",
 * "doscientas toneladas"; fr "une heure". */
static void say_count(nz *z, const num *m, const char *noun) {
  if (m->frac || m->big || z->L == NZ_EN || z->L == NZ_OTHER) {
    say_num(z, m, 0);
    return;
  }
  size_t l = strlen(noun);
  const char *sp = strchr(noun, ' ');
  if (sp) l = (size_t)(sp - noun);  /* the first word: "kilómetros por hora" */
  int fem = 0;
  if (z->L == NZ_DE) fem = l && noun[l - 1] == 'e';
  else if (z->L == NZ_ES) fem = l && (noun[l - 1] == 'a' || (l > 1 && noun[l - 2] == 'a' && noun[l - 1] == 's'));
  else if (z->L == NZ_FR) {
    static const char *const fr_fem[] = {"heure", "heures", "tonne", "tonnes", "livre", "livres", "once",
                                         "onces", "minute", "minutes", "seconde", "secondes", NULL};
    fem = nz_in_list(fr_fem, noun, l);
  }
  if (z->L == NZ_DE && m->v == 1) {
    if (z->tmp.len && z->tmp.s[z->tmp.len - 1] != ' ') buf_addc(&z->tmp, ' ');
    buf_adds(&z->tmp, fem ? "eine" : "ein");
    return;
  }
  if (z->L == NZ_ES && !strncmp(noun, "por ciento", 10)) {
    say_num(z, m, 0);  /* "el uno por ciento" */
    return;
  }
  nz_cardinal(&z->tmp, z->L, m->v, fem ? NZ_FEMININE : NZ_BEFORE_NOUN);
}

/* Scale words after a number ("million", "bn", "Mrd."). */
static const char *scale_word(const nz *z, const char *w, size_t n) {
  static const nz_pair en[] = {
      {"thousand", "thousand"}, {"million", "million"}, {"billion", "billion"},
      {"trillion", "trillion"}, {"m", "million"}, {"mn", "million"}, {"mln", "million"},
      {"bn", "billion"}, {"b", "billion"}, {"tn", "trillion"}, {"trn", "trillion"},
      {"k", "thousand"}, {"K", "thousand"}, {"M", "million"}, {"B", "billion"},
      {"T", "trillion"}, {"millions", "million"}, {"billions", "billion"}, {NULL, NULL}};
  static const nz_pair de[] = {
      {"Tausend", "Tausend"}, {"Million", "Million"}, {"Millionen", "Millionen"},
      {"Milliarde", "Milliarde"}, {"Milliarden", "Milliarden"}, {"Mio.", "Millionen"},
      {"Mio", "Millionen"}, {"Mrd.", "Milliarden"}, {"Mrd", "Milliarden"},
      {"Billion", "Billion"}, {"Billionen", "Billionen"}, {"Tsd.", "Tausend"}, {NULL, NULL}};
  static const nz_pair fr[] = {
      {"mille", "mille"}, {"million", "million"}, {"millions", "millions"},
      {"milliard", "milliard"}, {"milliards", "milliards"}, {"Md", "milliards"},
      {"Mds", "milliards"}, {"M", "millions"}, {"Mrd", "milliards"}, {NULL, NULL}};
  static const nz_pair es[] = {
      {"mil", "mil"}, {"millón", "millón"}, {"millones", "millones"},
      {"billón", "billón"}, {"billones", "billones"}, {"M", "millones"},
      {"mill.", "millones"}, {NULL, NULL}};
  const nz_pair *t = z->L == NZ_DE ? de : z->L == NZ_FR ? fr : z->L == NZ_ES ? es : en;
  return nz_lookup(t, w, n);
}

/* The scale word adjusted to the number (de "eine Million" vs "1,5
 * Millionen"; es "un millón" vs "dos millones"). */
static const char *scale_agree(const nz *z, const char *sc, const num *m) {
  int one = num_is_one(m);
  if (z->L == NZ_DE) {
    if (!strcmp(sc, "Millionen") && one) return "Million";
    if (!strcmp(sc, "Million") && !one) return "Millionen";
    if (!strcmp(sc, "Milliarden") && one) return "Milliarde";
    if (!strcmp(sc, "Milliarde") && !one) return "Milliarden";
  } else if (z->L == NZ_FR) {
    if (!strcmp(sc, "millions") && one) return "million";
    if (!strcmp(sc, "million") && !one && !(m->v < 2 && m->frac)) return "millions";
    if (!strcmp(sc, "milliards") && one) return "milliard";
    if (!strcmp(sc, "milliard") && !one && !(m->v < 2 && m->frac)) return "milliards";
  } else if (z->L == NZ_ES) {
    if (!strcmp(sc, "millones") && one) return "millón";
    if (!strcmp(sc, "millón") && !one) return "millones";
  }
  return sc;
}

static const nz_currency *currency_at(const char *s, size_t n, size_t *len) {
  const nz_currency *best = NULL;
  size_t bl = 0;
  for (const nz_currency *c = nz_currencies; c->sym; c++) {
    size_t l = strlen(c->sym);
    if (l <= n && l > bl && !memcmp(s, c->sym, l)) {
      /* codes (EUR, USD) must not run into letters */
      if (isalpha((unsigned char)c->sym[l - 1]) && l < n && isalpha((unsigned char)s[l])) continue;
      best = c;
      bl = l;
    }
  }
  if (len) *len = bl;
  return best;
}

static const nz_currency *currency_exact(const char *s, size_t n) {
  size_t l;
  const nz_currency *c = currency_at(s, n, &l);
  return c && l == n ? c : NULL;
}

static const nz_unit *unit_exact(const char *s, size_t n) {
  for (const nz_unit *u = nz_units; u->sym; u++)
    if (strlen(u->sym) == n && !memcmp(u->sym, s, n)) return u;
  return NULL;
}

static int lang_ix(const nz *z) { return z->L == NZ_OTHER ? 0 : (int)z->L; }

/* Words that follow "$10 million" when it is not a modifier ("$10 million
 * in aid" vs "a $10 million project"). */
static const char *const not_noun[] = {
    "in", "to", "for", "of", "from", "on", "and", "or", "that", "this", "a", "an", "the",
    "by", "was", "is", "are", "were", "be", "been", "will", "would", "could", "should",
    "has", "have", "had", "over", "per", "each", "last", "as", "at", "with", "into",
    "annually", "more", "less", "than", "after", "before", "since", "so", "but", "if",
    "when", "while", "which", "who", "it", "its", "their", "his", "her", "our", "this",
    "these", "those", "worth", "apiece", "total", "overall", "up", "down", "off", "out",
    "now", "then", "too", "also", "already", "just", "only", "even", "still", "yet",
    "last", "next", "during", "through", "under", "above", "below", "between", "among",
    "without", "within", "against", "toward", "towards", "via", "plus", "minus", "versus",
    "million", "billion", "trillion", "thousand", "cents", "dollars", "a", "in", "this",
    "said", "says", "according", "including", "compared", "instead", "back", "away",
    "mostly", "not", "no", "yes", "ago", "later", "earlier", "or", "nor", "because",
    "where", "what", "how", "why", "whether", "than", "like", "about", "around", "almost",
    "nearly", "roughly", "some", "all", "both", "either", "neither", "any", "every", NULL};

static int next_is_noun(const nz *z, size_t k) {
  if (k >= z->n_ch || !chunk_lower(z, k)) return 0;
  size_t n;
  const char *c = core(z, k, &n);
  for (size_t i = 0; i < n; i++)
    if (!isalpha((unsigned char)c[i]) && c[i] != '-') return 0;
  return !nz_in_list(not_noun, c, n);
}

/* ------------------------------------------------------------------ */
/* Money                                                                */

/* Say an amount of currency `cur`.  `scale` may be NULL ("billion").
 * `modifier`: used before a noun ("a ten million dollar project"). */
static void say_money(nz *z, const nz_currency *cur, const num *m, const char *scale,
                      int modifier, int neg) {
  bc_buf *b = &z->tmp;
  int li = lang_ix(z);
  if (neg) {
    buf_adds(b, z->L == NZ_DE ? "minus " : z->L == NZ_FR ? "moins " : z->L == NZ_ES ? "menos " : "minus ");
  }
  if (scale) {
    say_num(z, m, 0);
    buf_addc(b, ' ');
    buf_adds(b, scale_agree(z, scale, m));
    buf_addc(b, ' ');
    if (z->L == NZ_FR) {
      const char *c = cur->many[li];
      buf_adds(b, strchr("aeiouAEIOU", c[0]) ? "d'" : "de ");
      buf_adds(b, c);
    } else if (z->L == NZ_ES) {
      buf_adds(b, "de ");
      buf_adds(b, cur->many[li]);
    } else {
      buf_adds(b, modifier ? cur->one[li] : cur->many[li]);
    }
    return;
  }
  int fem = 0;
  if (z->L == NZ_FR && (cur->one[li] && !strcmp(cur->one[li], "livre"))) fem = 1;
  if (z->L == NZ_ES && (cur->one[li] && !strcmp(cur->one[li], "libra"))) fem = 1;
  int form = fem ? NZ_FEMININE : NZ_BEFORE_NOUN;
  int cents = 0;
  if (m->frac && m->nfrac == 2) cents = (m->frac[0] - '0') * 10 + (m->frac[1] - '0');
  if (m->frac && m->nfrac == 1) cents = (m->frac[0] - '0') * 10;
  int whole_cents = m->frac && m->nfrac <= 2;
  if (m->frac && !whole_cents) {
    say_num(z, m, 0);
    buf_addc(b, ' ');
    buf_adds(b, cur->many[li]);
    return;
  }
  if (!m->big && m->v == 0 && whole_cents && cents) {
    nz_cardinal(b, z->L, (uint64_t)cents, NZ_BEFORE_NOUN);
    buf_addc(b, ' ');
    buf_adds(b, cents == 1 ? cur->cent_one[li] : cur->cent_many[li]);
    return;
  }
  num w = *m;
  w.frac = NULL;
  w.nfrac = 0;
  say_num(z, &w, form);
  buf_addc(b, ' ');
  buf_adds(b, (num_is_one(&w) || modifier) && z->L != NZ_DE ? cur->one[li] : cur->many[li]);
  if (whole_cents && cents) {
    buf_addc(b, ' ');
    if (z->L == NZ_EN || z->L == NZ_OTHER) {
      if (!strcmp(cur->sym, "£") || !strcmp(cur->sym, "GBP")) {
        nz_cardinal(b, z->L, (uint64_t)cents, 0);  /* "three pounds fifty" */
        return;
      }
      buf_adds(b, "and ");
    } else if (z->L == NZ_ES) {
      buf_adds(b, "con ");
    }
    nz_cardinal(b, z->L, (uint64_t)cents, z->L == NZ_DE ? 0 : NZ_BEFORE_NOUN);
    if (z->L == NZ_EN || z->L == NZ_OTHER) {
      buf_addc(b, ' ');
      buf_adds(b, cents == 1 ? cur->cent_one[li] : cur->cent_many[li]);
    }
  }
}

/* ------------------------------------------------------------------ */
/* Words                                                                */

static int roman_value(const char *s, size_t n, unsigned *v) {
  if (n < 1 || n > 9) return 0;
  unsigned total = 0, prev = 0;
  for (size_t i = n; i-- > 0;) {
    unsigned d;
    switch (s[i]) {
      case 'I': d = 1; break;
      case 'V': d = 5; break;
      case 'X': d = 10; break;
      case 'L': d = 50; break;
      case 'C': d = 100; break;
      default: return 0;
    }
    if (d < prev) total -= d;
    else { total += d; prev = d; }
  }
  /* check canonical form by re-encoding */
  static const struct { unsigned v; const char *s; } t[] = {
      {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
  char buf[32];
  size_t bl = 0;
  unsigned r = total;
  for (int i = 0; i < 9 && bl < 24; i++)
    while (r >= t[i].v && bl < 24) {
      size_t l = strlen(t[i].s);
      memcpy(buf + bl, t[i].s, l);
      bl += l;
      r -= t[i].v;
    }
  if (bl != n || memcmp(buf, s, n) || total == 0 || total > 199) return 0;
  *v = total;
  return 1;
}

/* Split a run of letters at camelCase humps ("MeToo" -> "Me Too"). */
static void say_camel(nz *z, const char *s, size_t n, size_t ss, size_t se) {
  size_t a = 0;
  for (size_t i = 1; i <= n; i++) {
    int cut = i == n;
    if (!cut) {
      unsigned char p = (unsigned char)s[i - 1], c = (unsigned char)s[i];
      if (c == '_' || c == '.' || c == '-') cut = 1;
      else if (islower(p) && isupper(c)) cut = 1;
      else if (isalpha(p) && isdigit(c)) cut = 1;
      else if (isdigit(p) && isalpha(c)) cut = 1;
    }
    if (cut) {
      size_t e = i;
      while (a < e && (s[a] == '_' || s[a] == '.' || s[a] == '-')) a++;
      if (e > a) {
        if (isdigit((unsigned char)s[a])) {
          num m;
          if (parse_num(z, s + a, e - a, &m) && !m.big) {
            nz_cardinal(&z->tmp, z->L, m.v, 0);
            out_tmp(z, ss, se);
          }
        } else {
          const char *acr = z->L == NZ_EN ? nz_lookup(nz_en_acronyms, s + a, e - a) : NULL;
          if (acr) out_words(z, acr, ss, se);
          else out_word(z, s + a, e - a, ss, se);
        }
      }
      a = i;
    }
  }
}

static const char *const tlds[] = {"com", "org", "net", "gov", "edu", "io", "co", "uk", "de",
                                   "fr", "es", "it", "ca", "au", "us", "info", "news", "tv",
                                   "ly", "me", "eu", "int", "mil", "ai", "app", "ch", "nl",
                                   "jp", "cn", "ru", "in", "be", "at", NULL};

/* A domain "nytimes.com" read as "nytimes dot com". */
static void say_domain(nz *z, const char *s, size_t n, size_t ss, size_t se) {
  if (n >= 4 && !memcmp(s, "www.", 4)) { s += 4; n -= 4; }
  size_t a = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i == n || s[i] == '.') {
      if (i > a) {
        if (a) out_words(z, z->L == NZ_DE ? "Punkt" : z->L == NZ_FR ? "point" : z->L == NZ_ES ? "punto" : "dot", ss, se);
        say_camel(z, s + a, i - a, ss, se);
      }
      a = i + 1;
    }
  }
}

/* URL, e-mail address, domain, @handle or #hashtag: 1 if handled. */
static int say_web(nz *z, const char *s, size_t n, size_t ss, size_t se) {
  size_t i = 0;
  if ((n > 7 && !memcmp(s, "http://", 7)) || (n > 8 && !memcmp(s, "https://", 8))) {
    i = s[4] == 's' ? 8 : 7;
    size_t e = i;
    while (e < n && s[e] != '/' && s[e] != '?' && s[e] != '#' && s[e] != ':') e++;
    say_domain(z, s + i, e - i, ss, se);
    return 1;
  }
  const char *at = memchr(s, '@', n);
  if (at && at > s && at < s + n - 3 && memchr(at, '.', (size_t)(s + n - at))) {
    say_camel(z, s, (size_t)(at - s), ss, se);
    out_words(z, z->L == NZ_DE || z->L == NZ_ES ? "at" : z->L == NZ_FR ? "arobase" : "at", ss, se);
    say_domain(z, at + 1, (size_t)(s + n - at - 1), ss, se);
    return 1;
  }
  if (n > 1 && s[0] == '@' && (isalnum((unsigned char)s[1]) || s[1] == '_')) {
    out_words(z, z->L == NZ_FR ? "arobase" : "at", ss, se);
    say_camel(z, s + 1, n - 1, ss, se);
    return 1;
  }
  if (n > 1 && s[0] == '#' && isalpha((unsigned char)s[1])) {
    out_words(z, "hashtag", ss, se);
    say_camel(z, s + 1, n - 1, ss, se);
    return 1;
  }
  /* bare domain: letters.tld or www. */
  if (n > 4 && !memcmp(s, "www.", 4)) {
    size_t e = 4;
    while (e < n && s[e] != '/') e++;
    say_domain(z, s, e, ss, se);
    return 1;
  }
  const char *dot = NULL;
  for (size_t j = 0; j < n; j++) {
    unsigned char c = (unsigned char)s[j];
    if (c == '/') { n = j; break; }
    if (c == '.') dot = s + j;
    else if (!isalnum(c) && c != '-') return 0;
  }
  if (dot && dot > s && dot < s + n - 1) {
    const char *tld = dot + 1;
    size_t tl = (size_t)(s + n - tld);
    for (size_t j = 0; j < tl; j++)
      if (!islower((unsigned char)tld[j])) return 0;
    /* at least one lower-case label before: not "U.S" */
    if (!nz_in_list(tlds, tld, tl)) return 0;
    for (const char *p = s; p < dot; p++)
      if (isupper((unsigned char)*p) && p + 1 < dot && p[1] == '.') return 0;
    say_domain(z, s, n, ss, se);
    return 1;
  }
  return 0;
}

/* An acronym or an all-caps word: 1 if handled. */
static int say_word(nz *z, const char *s, size_t n, size_t ss, size_t se, int titlecase) {
  if (z->L == NZ_EN) {
    const char *a = nz_lookup(nz_en_acronyms, s, n);
    if (a) {
      out_words(z, a, ss, se);
      return 1;
    }
    /* Letter acronyms: "EPA" -> "E.P.A.", "NGOs" -> "N.G.O's"; espeak-ng
     * reads many short capital words as syllables ("EPA" as "eppa").
     * Acronyms said as words (NASA) are listed; text in capitals throughout
     * (a shouted headline) is left alone. */
    size_t base = n, suf = 0;
    if (n > 2 && s[n - 1] == 's' && s[n - 2] == '\'') base = n - 2, suf = 2;
    else if (n > 4 && s[n - 1] == 's' && !memcmp(s + n - 4, "\xE2\x80\x99", 3)) base = n - 4, suf = 4;
    else if (n > 2 && s[n - 1] == 's') base = n - 1, suf = 1;
    unsigned rv;
    int caps = base >= 2 && base <= 5 && !titlecase && !z->caps_text;
    for (size_t i = 0; i < base && caps; i++)
      if (!isupper((unsigned char)s[i])) caps = 0;
    if (caps && (suf == 0 || suf == 1 || suf >= 2)) {
      a = nz_lookup(nz_en_acronyms, s, base);
      if (a) {
        bc_buf t;
        buf_init(&t);
        buf_adds(&t, a);
        if (suf) buf_adds(&t, "'s");
        out_word(z, t.s, t.len, ss, se);
        buf_free(&t);
        return 1;
      }
      size_t vowels = 0;
      for (size_t i = 0; i < base; i++) vowels += in_set("AEIOU", s[i]);
      if (base >= 4 && vowels > 1) caps = 0;  /* "TODAY", "LIVE": a word */
      if (base == 5 && vowels > 0) caps = 0;  /* "WORLD": a word; espeak-ng spells "NTSCB" itself */
      if (caps && base >= 3 && nz_in_list(nz_en_common_caps, s, base)) caps = 0;
      /* inside a phrase in capitals ("SCROLL DOWN FOR VIDEO") */
      for (int d = -1; d <= 1 && caps; d += 2) {
        size_t kk = z->k + (size_t)d;
        if ((d < 0 && z->k == 0) || kk >= z->n_ch) continue;
        size_t wn;
        const char *w = core(z, kk, &wn);
        size_t wv = 0;
        for (size_t q = 0; q < wn; q++) wv += in_set("AEIOU", w[q]);
        if (wn >= 3 && all_upper(w, wn) &&
            (wn >= 6 || nz_in_list(nz_en_common_caps, w, wn) ||
             (wn >= 4 && wv >= 1 && !nz_lookup(nz_en_acronyms, w, wn) && !nz_in_list(nz_en_acronym_words, w, wn))))
          caps = 0;
      }
      if (caps && !nz_in_list(nz_en_acronym_words, s, base) && !roman_value(s, base, &rv)) {
        bc_buf t;
        buf_init(&t);
        for (size_t i = 0; i < base; i++) {
          buf_addc(&t, s[i]);
          buf_addc(&t, '.');
        }
        if (suf) buf_adds(&t, "'s");
        out_word(z, t.s, t.len, ss, se);
        buf_free(&t);
        return 1;
      }
    }
  }
  if (titlecase && all_upper(s, n) && n > 1) {
    /* dateline "WASHINGTON" -> "Washington" */
    bc_buf t;
    buf_init(&t);
    buf_add(&t, s, n);
    for (size_t i = 1; i < n; i++)
      if (isupper((unsigned char)t.s[i]) && isalpha((unsigned char)t.s[i - 1])) t.s[i] = (char)tolower((unsigned char)t.s[i]);
    out_word(z, t.s, t.len, ss, se);
    buf_free(&t);
    return 1;
  }
  out_word(z, s, n, ss, se);
  return 1;
}

/* ------------------------------------------------------------------ */
/* The core scanner                                                     */

static const char *percent_word(const nz *z) {
  switch (z->L) {
    case NZ_DE: return "Prozent";
    case NZ_FR: return "pour cent";
    case NZ_ES: return "por ciento";
    default: return "percent";
  }
}

static int is_alpha_utf8(const char *s, size_t n) {
  unsigned char c = (unsigned char)s[0];
  if (isalpha(c)) return 1;
  if (c >= 0xC3 && c < 0xE0 && n > 1) return 1;  /* Latin-1 supplement and beyond: letters */
  return 0;
}

/* Say the ordinal n with the suffix it was written with. */
static int ordinal_suffix(const nz *z, const char *s, size_t n, uint64_t v, int *form) {
  *form = 0;
  if (z->L == NZ_EN || z->L == NZ_OTHER) {
    if (n == 2) {
      char a = (char)tolower((unsigned char)s[0]), b = (char)tolower((unsigned char)s[1]);
      if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
          (a == 't' && b == 'h'))
        return 1;
    }
    (void)v;
    return 0;
  }
  if (z->L == NZ_FR) {
    if ((n == 2 && !memcmp(s, "er", 2)) || (n == 1 && s[0] == 'e') ||
        (n == 4 && !memcmp(s, "ème", 4)) || (n == 2 && !memcmp(s, "ème", 2)))
      return 1;
    if ((n == 2 && !memcmp(s, "re", 2)) || (n == 4 && !memcmp(s, "ère", 4))) {
      *form = NZ_FEMININE;
      return 1;
    }
    return 0;
  }
  if (z->L == NZ_ES) {
    if ((n == 2 && !memcmp(s, "º", 2)) || (n == 3 && !memcmp(s, ".º", 3)) || (n == 2 && !memcmp(s, "°", 2)) ||
        (n == 1 && s[0] == 'o'))
      return 1;
    if ((n == 2 && !memcmp(s, "ª", 2)) || (n == 3 && !memcmp(s, ".ª", 3)) || (n == 1 && s[0] == 'a')) {
      *form = NZ_FEMININE;
      return 1;
    }
    return 0;
  }
  return 0;
}

/* An amount after a currency sign ("$1.5 billion", "$45", "£5m", "a
 * $10-million project"); m was read at s. */
static size_t say_currency_amount(nz *z, const char *s, size_t n, size_t base, int neg,
                                  const nz_currency *cur, size_t ss, const num *mp) {
  num m = *mp;
  size_t k = z->k;
  size_t i = m.len;
  const char *rest = s + i;
  size_t rn = n - i;
  size_t se = base + i;
  const char *scale = NULL;
  size_t used = i;
  /* attached scale: "5m", "3bn", "50k" */
  if (rn) {
    size_t l = 0;
    while (l < rn && isalpha((unsigned char)rest[l])) l++;
    if (l && (l == rn || !isalpha((unsigned char)rest[l]))) {
      scale = scale_word(z, rest, l);
      if (scale) used += l;
    }
  }
  int modifier = 0;
  if (!scale && used == n && k + 1 < z->n_ch && !chunk_has_trail(z, k)) {
    size_t wn;
    const char *w = core(z, k + 1, &wn);
    scale = scale_word(z, w, wn);
    if (scale && strlen(scale) > 1 && wn > 1) {
      z->k++;
      se = z->ch[k + 1].ce;
    } else {
      scale = NULL;
    }
  }
  /* "$10-million project" */
  if (!scale && used < n && s[used] == '-') {
    size_t l = 0;
    while (used + 1 + l < n && isalpha((unsigned char)s[used + 1 + l])) l++;
    const char *sc = l ? scale_word(z, s + used + 1, l) : NULL;
    if (sc && used + 1 + l == n) {
      scale = sc;
      used += 1 + l;
      modifier = 1;
    }
  }
  if (used == n && z->L == NZ_EN && !chunk_has_trail(z, z->k) && next_is_noun(z, z->k + 1))
    modifier = 1;
  if (used > i) se = base + used;
  say_money(z, cur, &m, scale, modifier, neg);
  out_tmp(z, ss, se);
  return used;
}

/* A number that ends its chunk's core: the next chunks may say what it
 * counts ("5 %", "10 km", "1,5 Mio. Euro", "3 1/2"), else it is a year or a
 * quantity.  "minus" is already in z->tmp for a negative number. */
static size_t say_number_alone(nz *z, size_t base, int neg, size_t ss, const num *mp) {
  num m = *mp;
  size_t k = z->k;
  size_t i = m.len;
  size_t se = base + i;
  bc_buf *b = &z->tmp;
  int li = lang_ix(z);
  size_t nk = k + 1;
  int trail = chunk_has_trail(z, k);
  if (nk < z->n_ch && !trail) {
    size_t wn;
    const char *w = core(z, nk, &wn);
    int nextdot = z->ch[nk].dot;
    const nz_currency *c2 = currency_exact(w, wn);
    const nz_unit *u = unit_exact(w, wn);
    const char *sc = scale_word(z, w, wn);
    if (z->L == NZ_DE && wn == 3 && !memcmp(w, "Uhr", 3) && m.frac && m.nfrac == 2 && !m.grouped && m.v <= 24) {
      /* "9.30 Uhr" */
      nz_cardinal(b, z->L, m.v, m.v == 1 ? NZ_BEFORE_NOUN : 0);
      buf_adds(b, " Uhr");
      unsigned mm = (unsigned)((m.frac[0] - '0') * 10 + (m.frac[1] - '0'));
      if (mm) nz_cardinal(b, z->L, mm, 0);
      z->k++;
      out_tmp(z, ss, z->ch[nk].ce);
      return i;
    }
    if (wn == 1 && w[0] == '%' ) {
      say_count(z, &m, percent_word(z));
      buf_addc(b, ' ');
      buf_adds(b, percent_word(z));
      z->k++;
      out_tmp(z, ss, z->ch[nk].ce);
      return i;
    }
    if (sc && wn > 1 && strlen(sc) > 1 && nk + 1 < z->n_ch && !chunk_has_trail(z, nk)) {
      /* "1,5 Mio. Euro", "5 million euros" */
      size_t w2n;
      const char *w2 = core(z, nk + 1, &w2n);
      const nz_currency *c3 = currency_exact(w2, w2n);
      if (c3) {
        say_money(z, c3, &m, sc, 0, 0);
        z->k += 2;
        out_tmp(z, ss, z->ch[nk + 1].ce);
        return i;
      }
    }
    if (c2) {
      say_money(z, c2, &m, NULL, 0, neg);
      z->k++;
      out_tmp(z, ss, z->ch[nk].ce);
      return i;
    }
    if (u && !(wn == 1 && (w[0] == 'x' || (w[0] == 'h' && z->L != NZ_FR) || w[0] == 'l' || w[0] == 't' || w[0] == 'g')) &&
        !(wn == 1 && w[0] == 'm' && z->L == NZ_EN && !nextdot)) {
      const char *word = num_is_one(&m) ? u->one[li] : u->many[li];
      say_count(z, &m, word);
      buf_addc(b, ' ');
      buf_adds(b, word);
      z->k++;
      if (nextdot && !sentence_next(z, nk)) z->dot_used = 1;  /* "3 lbs. of beef" */
      out_tmp(z, ss, z->ch[nk].ce + (size_t)z->dot_used);
      return i;
    }
    /* "9:30 a.m.", "9 a.m." handled by the caller for times; "3 1/2" */
    if (!m.frac && wn >= 3 && dig(w[0])) {
      const char *sl = memchr(w, '/', wn);
      if (sl) {
        num a, d;
        if (parse_num(z, w, (size_t)(sl - w), &a) && a.len == (size_t)(sl - w) &&
            parse_num(z, sl + 1, (size_t)(w + wn - sl - 1), &d) &&
            d.len == (size_t)(w + wn - sl - 1) && !a.big && !d.big && d.v >= 2 && d.v <= 16 &&
            a.v < d.v && a.v > 0) {
          say_num(z, &m, 0);
          if (z->L == NZ_EN) {
            if (a.v == 1 && d.v == 2) buf_adds(b, " and a half");
            else if (a.v == 1 && d.v == 4) buf_adds(b, " and a quarter");
            else {
              buf_adds(b, " and ");
              nz_fraction(b, z->L, a.v, d.v);
            }
          } else {
            buf_adds(b, z->L == NZ_DE ? " und " : z->L == NZ_FR ? " et " : " y ");
            nz_fraction(b, z->L, a.v, d.v);
          }
          z->k++;
          out_tmp(z, ss, z->ch[nk].ce);
          return i;
        }
      }
    }
  }
  /* before a scale word or (Spanish) a noun: "eine Million", "un millón",
   * "veintiún euros" */
  if (nk < z->n_ch && !trail && !m.frac && !m.big && !neg && z->L != NZ_EN) {
    size_t wn;
    const char *w = core(z, nk, &wn);
    const char *sc = scale_word(z, w, wn);
    static const char *const es_func[] = {"de", "del", "por", "y", "o", "a", "al", "en", "con", "que",
                                          "para", "hasta", "entre", "sobre", "se", "mil", "es", "fue",
                                          "son", "ha", "han", NULL};
    int form = 0;
    if (sc && wn > 1 && strlen(sc) > 1) form = NZ_BEFORE_NOUN;
    else if (z->L == NZ_ES && chunk_lower(z, nk) && !core_in(z, nk, es_func) &&
             !(m.ndig == 4 && m.v >= 1000 && m.v <= 2099)) {
      /* Spanish nouns in -a/-as are mostly feminine: "quinientas personas" */
      static const char *const masc_a[] = {"días", "día", "mapas", "problemas", "programas", "sistemas",
                                           "temas", "idiomas", "planetas", "climas", "dramas", "poemas",
                                           "millones", "euros", "dólares", NULL};
      static const char *const fem_e[] = {"mujeres", "veces", "calles", "noches", "muertes", "leyes",
                                          "partes", "clases", "madres", "redes", "sedes", "fuentes",
                                          "torres", "naves", NULL};
      int fem = wn >= 2 && (w[wn - 1] == 'a' || (w[wn - 2] == 'a' && w[wn - 1] == 's')) && !core_in(z, nk, masc_a);
      if (core_in(z, nk, fem_e)) fem = 1;
      static const char *const fem_suffix[] = {"ciones", "siones", "dades", "tades", "ción", "sión", "dad", NULL};
      for (int f = 0; fem_suffix[f] && !fem; f++) {
        size_t fl = strlen(fem_suffix[f]);
        if (wn > fl && !memcmp(w + wn - fl, fem_suffix[f], fl)) fem = 1;
      }
      form = fem ? NZ_FEMININE : NZ_BEFORE_NOUN;
    } else if (z->L == NZ_FR && chunk_lower(z, nk)) {
      static const char *const fr_fem[] = {"heures", "heure", "personnes", "fois", "années", "semaines",
                                           "tonnes", "victimes", "femmes", "entreprises", "voitures",
                                           "maisons", "villes", "minutes", "secondes", "livres", NULL};
      if (core_in(z, nk, fr_fem)) form = NZ_FEMININE;
    }
    if (form) {
      if (z->L == NZ_DE && m.v == 1) buf_adds(b, "eine");
      else nz_cardinal(b, z->L, m.v, form);
      out_tmp(z, ss, se);
      return i;
    }
  }
  /* "911": nine one one; Boeing 737: seven thirty-seven */
  if (z->L == NZ_EN && !m.frac && !m.grouped && m.ndig == 3 && m.v == 911) {
    buf_adds(b, "nine one one");
    out_tmp(z, ss, se);
    return i;
  }
  if (z->L == NZ_EN && !m.frac && !m.grouped && m.ndig == 3 && k > 0 &&
      (core_is(z, k - 1, "Boeing") || core_is(z, k - 1, "Boeing's")) && m.v % 100 >= 10) {
    nz_cardinal(b, z->L, m.v / 100, 0);
    nz_cardinal(b, z->L, m.v % 100, 0);
    out_tmp(z, ss, se);
    return i;
  }
  /* a plain number: year or quantity */
  if (!m.frac && !m.grouped && !m.big && m.ndig == 4 && m.v >= 1000 && m.v <= 2099 && !neg) {
    int year = 1;
    if (z->L == NZ_EN) {
      if (!(k > 0 && (core_in(z, k - 1, nz_en_year_before) ||
                      nz_lookup(nz_en_months, z->src + z->ch[k - 1].cs,
                                z->ch[k - 1].ce - z->ch[k - 1].cs + (size_t)z->ch[k - 1].dot))) &&
          !trail && next_is_noun(z, k + 1))
        year = 0;
    } else {
      /* German, French, Spanish: years are plain cardinals except the
       * German 1100-1999 form; quantities are rare without a separator */
      if (z->L == NZ_DE && k + 1 < z->n_ch && chunk_cap(z, k + 1) && !trail &&
          !core_is(z, k + 1, "Uhr"))
        year = 0;  /* German nouns are capitalized: "1500 Menschen" */
      if (z->L == NZ_DE && k > 0 && (nz_lookup(nz_de_months, z->src + z->ch[k - 1].cs,
                                               z->ch[k - 1].ce - z->ch[k - 1].cs) ||
                                     core_is(z, k - 1, "im") || core_is(z, k - 1, "Jahr") ||
                                     core_is(z, k - 1, "Jahres") || core_is(z, k - 1, "seit") ||
                                     core_is(z, k - 1, "bis") || core_is(z, k - 1, "von")))
        year = 1;
    }
    if (year) {
      nz_year(b, z->L, m.v);
      out_tmp(z, ss, se);
      return i;
    }
  }
  say_num(z, &m, 0);
  out_tmp(z, ss, se);
  return i;
}

/* Say a number found at s (inside chunk k's core, which ends at s+n),
 * with prefix and suffix.  Returns bytes consumed; may consume following
 * chunks (z->k advanced). */
static size_t say_number(nz *z, const char *s, size_t n, size_t base, int neg,
                         const nz_currency *cur, size_t cur_start) {
  num m;
  size_t k = z->k;
  size_t ss = cur_start, se;
  if (!parse_number(z, s, n, &m)) return 0;
  size_t i = m.len;
  const char *rest = s + i;
  size_t rn = n - i;
  se = base + i;
  bc_buf *b = &z->tmp;
  int li = lang_ix(z);
  const char *minus = z->L == NZ_DE ? "minus" : z->L == NZ_FR ? "moins" : z->L == NZ_ES ? "menos" : "minus";

  if (z->L == NZ_OTHER) {
    /* keep digits: espeak-ng reads them in the article's language */
    out_word(z, z->src + ss, base + i - ss, ss, se);
    return i;
  }

  if (cur) return say_currency_amount(z, s, n, base, neg, cur, ss, &m);

  if (neg) buf_adds(b, minus), buf_addc(b, ' ');
  if (!rn) return say_number_alone(z, base, neg, ss, &m);

  /* suffixes attached to the number */
  if (rn >= 1 && rest[0] == '%') {
    say_count(z, &m, percent_word(z));
    buf_addc(b, ' ');
    buf_adds(b, percent_word(z));
    out_tmp(z, ss, se + 1);
    return i + 1;
  }
  /* "50¢" */
  if (rn >= 2 && !memcmp(rest, "\xC2\xA2", 2) && !m.frac) {
    nz_cardinal(b, z->L, m.v, 0);
    buf_adds(b, m.v == 1 ? " cent" : " cents");
    out_tmp(z, ss, se + 2);
    return i + 2;
  }
  /* currency after: "5€", "5$" */
  {
    size_t cl;
    const nz_currency *c2 = currency_at(rest, rn, &cl);
    if (c2 && cl && !isalpha((unsigned char)rest[0])) {
      say_money(z, c2, &m, NULL, 0, neg);
      out_tmp(z, ss, se + cl);
      return i + cl;
    }
  }
  /* decades: 1990s, 1990's, '80s, 80s; German 1990er */
  if (!m.frac && !m.big && m.v % 10 == 0 &&
      ((rn >= 1 && rest[0] == 's' && (rn == 1 || !isalpha((unsigned char)rest[1]))) ||
       (rn >= 2 && rest[0] == '\'' && rest[1] == 's') ||
       (rn >= 4 && !memcmp(rest, "\xE2\x80\x99s", 4)) ||
       (z->L == NZ_DE && rn >= 2 && !memcmp(rest, "er", 2)))) {
    size_t l = rest[0] == 's' ? 1 : rest[0] == '\'' ? 2 : rest[0] == 'e' ? 2 : 4;
    if (z->L == NZ_DE && rn >= 3 && rest[0] == 'e') {
      /* 1990er, 1990ern, 1990erjahre: keep the inflection on the word */
      nz_decade(b, z->L, m.v);
      size_t r = 2;
      while (r < rn && is_alpha_utf8(rest + r, rn - r)) r++;
      buf_add(b, rest + 2, r - 2);
      out_tmp(z, ss, se + r);
      return i + r;
    }
    nz_decade(b, z->L, m.v);
    out_tmp(z, ss, se + l);
    return i + l;
  }
  /* possessive: "2024's", "the 5's" */
  if ((rn == 2 && rest[0] == '\'' && rest[1] == 's') || (rn == 4 && !memcmp(rest, "\xE2\x80\x99s", 4))) {
    if (!m.frac && !m.grouped && m.ndig == 4 && m.v >= 1000 && m.v <= 2099) nz_year(b, z->L, m.v);
    else say_num(z, &m, 0);
    buf_adds(b, "'s");
    out_tmp(z, ss, base + n);
    return n;
  }
  /* "the 49ers", "76ers" */
  if (z->L == NZ_EN && rn >= 3 && !memcmp(rest, "ers", 3) && (rn == 3 || !isalpha((unsigned char)rest[3])) &&
      !m.frac && !m.big) {
    nz_cardinal(b, z->L, m.v, 0);
    if (b->len && b->s[b->len - 1] == 'e') b->s[--b->len] = 0;  /* nine -> niners */
    if (b->len && b->s[b->len - 1] == 'x') buf_adds(b, "ers");
    else if (b->len >= 3 && !strcmp(b->s + b->len - 3, "nin")) buf_adds(b, "ers");
    else buf_adds(b, "ers");
    out_tmp(z, ss, se + 3);
    return i + 3;
  }
  /* ordinals: 1st, 21st, 1er, 2e, 1º */
  {
    size_t l = 0;
    while (l < rn && (isalpha((unsigned char)rest[l]) || (unsigned char)rest[l] >= 0x80 || rest[l] == '.')) {
      if ((unsigned char)rest[l] >= 0x80) {
        /* include whole UTF-8 sequences */
        l++;
        while (l < rn && is_cont((unsigned char)rest[l])) l++;
      } else {
        l++;
      }
    }
    int form;
    if (l && !m.frac && !m.big && ordinal_suffix(z, rest, l, m.v, &form)) {
      nz_ordinal(b, z->L, m.v, form);
      out_tmp(z, ss, se + l);
      return i + l;
    }
  }
  /* times: 9:30, 4:12, 9:30am; ratios 3:1 */
  if (rn >= 2 && rest[0] == ':' && !m.frac && !m.big) {
    size_t j = 1;
    while (j < rn && dig(rest[j])) j++;
    if (j == 3 && m.v <= 24) {
      unsigned mm = (unsigned)((rest[1] - '0') * 10 + (rest[2] - '0'));
      size_t used = i + 3;
      int ampm = 0;
      /* "9:30am" */
      if (rn >= 5 && (rest[3] == 'a' || rest[3] == 'p' || rest[3] == 'A' || rest[3] == 'P') &&
          (rest[4] == 'm' || rest[4] == 'M')) {
        ampm = tolower((unsigned char)rest[3]);
        used += 2;
        if (rn > 5 && rest[5] == '.') used++;
      }
      if (z->L == NZ_EN) {
        nz_cardinal(b, z->L, m.v, 0);
        if (mm == 0) {
          if (!ampm && !(k + 1 < z->n_ch && (core_is(z, k + 1, "a.m") || core_is(z, k + 1, "p.m") ||
                                             core_is(z, k + 1, "am") || core_is(z, k + 1, "pm") ||
                                             core_is(z, k + 1, "AM") || core_is(z, k + 1, "PM"))))
            buf_adds(b, " o'clock");
        } else if (mm < 10) {
          buf_adds(b, " oh ");
          nz_cardinal(b, z->L, mm, 0);
        } else {
          buf_addc(b, ' ');
          nz_cardinal(b, z->L, mm, 0);
        }
        if (ampm) buf_adds(b, ampm == 'a' ? " AM" : " PM");
      } else if (z->L == NZ_DE) {
        nz_cardinal(b, z->L, m.v, m.v == 1 ? NZ_BEFORE_NOUN : 0);
        buf_adds(b, " Uhr");
        if (mm) {
          buf_addc(b, ' ');
          nz_cardinal(b, z->L, mm, 0);
        }
        if (k + 1 < z->n_ch && core_is(z, k + 1, "Uhr")) {
          z->k++;
          se = z->ch[k + 1].ce;
        }
      } else if (z->L == NZ_FR) {
        nz_cardinal(b, z->L, m.v, NZ_FEMININE);
        buf_adds(b, m.v == 1 ? " heure" : " heures");
        if (mm) {
          buf_addc(b, ' ');
          nz_cardinal(b, z->L, mm, 0);
        }
      } else {
        nz_cardinal(b, z->L, m.v, NZ_FEMININE);
        if (mm) {
          buf_adds(b, " y ");
          nz_cardinal(b, z->L, mm, 0);
        }
      }
      out_tmp(z, ss, base + used);
      return used;
    }
    if (j > 1 && j <= 4 && rest[1] != '0') {
      /* ratio "3:1", score "2:1" */
      num r;
      parse_num(z, rest + 1, j - 1, &r);
      say_num(z, &m, 0);
      buf_adds(b, z->L == NZ_DE ? " zu " : z->L == NZ_FR ? " à " : z->L == NZ_ES ? " a " : " to ");
      nz_cardinal(b, z->L, r.v, 0);
      out_tmp(z, ss, base + i + j);
      return i + j;
    }
  }
  /* French "14h30", "14h" */
  if (z->L == NZ_FR && rn >= 1 && rest[0] == 'h' && !m.frac && m.v <= 24 &&
      (rn == 1 || dig(rest[1]))) {
    size_t j = 1;
    while (j < rn && dig(rest[j])) j++;
    nz_cardinal(b, z->L, m.v, NZ_FEMININE);
    buf_adds(b, m.v == 1 ? " heure" : " heures");
    if (j > 1) {
      num r;
      parse_num(z, rest + 1, j - 1, &r);
      buf_addc(b, ' ');
      nz_cardinal(b, z->L, r.v, 0);
    }
    out_tmp(z, ss, base + i + j);
    return i + j;
  }
  /* 9am, 10pm, 9a.m. */
  if (z->L == NZ_EN && rn >= 2 && (rest[0] == 'a' || rest[0] == 'p') &&
      (rest[1] == 'm' || (rn >= 3 && rest[1] == '.' && rest[2] == 'm')) && !m.frac) {
    size_t l = rest[1] == 'm' ? 2 : 3;
    if (l < rn && rest[l] == '.') l++;
    if (l == rn) {
      nz_cardinal(b, z->L, m.v, 0);
      buf_adds(b, rest[0] == 'a' ? " AM" : " PM");
      out_tmp(z, ss, base + n);
      return n;
    }
  }
  /* attached unit or scale: 10km, 45°F, 5m, 3bn, 5K */
  {
    size_t l = 0;
    while (l < rn && !dig(rest[l]) && rest[l] != '-' && rest[l] != '/' && rest[l] != ',') l++;
    /* "km/h" */
    if (l < rn && rest[l] == '/' && l + 2 <= rn && rest[l + 1] == 'h') l += 2;
    const nz_unit *u = l ? unit_exact(rest, l) : NULL;
    const char *sc = l ? scale_word(z, rest, l) : NULL;
    if (u && l == 1 && rest[0] == 'm' && z->L == NZ_EN) {
      /* "5m": metres in sport and size, otherwise million */
      static const char *const metre_ctx[] = {
          "tall", "high", "long", "deep", "wide", "away", "race", "sprint", "hurdles", "freestyle",
          "butterfly", "backstroke", "breaststroke", "relay", "final", "above", "below", "from",
          "world", "title", "dash", NULL};
      static const char *const million_ctx[] = {"people", "children", "users", "viewers", "customers",
                                                "subscribers", "jobs", "barrels", "tonnes", "tons",
                                                "homes", "households", "voters", "residents", "doses",
                                                "years", "copies", "downloads", "followers", "visitors",
                                                "passengers", "workers", "members", "deaths", "cases",
                                                "refugees", "units", "vehicles", "cars", NULL};
      if (!(k + 1 < z->n_ch && core_in(z, k + 1, metre_ctx)) && i + l == n && !chunk_has_trail(z, k) &&
          k + 1 < z->n_ch && (core_in(z, k + 1, million_ctx) || m.frac))
        u = NULL;
    }
    if (u && u->sym[0] == 'x') u = NULL;
    if (u) {
      int modifier = z->L == NZ_EN && i + l == n && !chunk_has_trail(z, k) && next_is_noun(z, k + 1);
      const char *word = num_is_one(&m) || modifier ? u->one[li] : u->many[li];
      say_count(z, &m, word);
      buf_addc(b, ' ');
      buf_adds(b, word);
      out_tmp(z, ss, se + l);
      return i + l;
    }
    if (sc && !(l == 1 && (rest[0] == 'K' || rest[0] == 'T' || rest[0] == 'B'))) {
      say_num(z, &m, 0);
      buf_addc(b, ' ');
      buf_adds(b, scale_agree(z, sc, &m));
      out_tmp(z, ss, se + l);
      return i + l;
    }
    if (l == 1 && rest[0] == 'K' && z->L == NZ_EN) {
      /* a 5K race, but 2.5K likes */
      static const char *const race[] = {"race", "run", "runs", "walk", "fun", "races", "in", NULL};
      say_num(z, &m, 0);
      buf_adds(b, k + 1 < z->n_ch && !core_in(z, k + 1, race) && i + l == n && (m.frac || m.v >= 20)
                      ? " thousand" : " K");
      out_tmp(z, ss, se + 1);
      return i + 1;
    }
    if (l == 1 && rest[0] == 'x') {
      say_num(z, &m, 0);
      if (i + 1 < n && dig(s[i + 1])) buf_adds(b, z->L == NZ_EN ? " by" : z->L == NZ_DE ? " mal" : z->L == NZ_FR ? " fois" : " por");
      else buf_adds(b, z->L == NZ_DE ? "-mal" : z->L == NZ_EN ? " times" : "");
      out_tmp(z, ss, se + 1);
      return i + 1;
    }
  }
  /* ranges, scores, seasons: 18-24, 5-4, 2020-21, 1990-2000; en dash too */
  {
    size_t dl = 0;
    if (rest[0] == '-') dl = 1;
    else if (rn >= 3 && !memcmp(rest, "\xE2\x80\x93", 3)) dl = 3;  /* en dash */
    if (dl && rn > dl && (dig(rest[dl]) || rest[dl] == '$' || (unsigned char)rest[dl] >= 0x80)) {
      num r;
      size_t cl = 0;
      const nz_currency *c2 = currency_at(rest + dl, rn - dl, &cl);
      if (c2 && !cl) c2 = NULL;
      if (parse_number(z, rest + dl + cl, rn - dl - cl, &r)) {
        size_t after = dl + cl + r.len;
        /* phone numbers and ISO dates: 555-1234, 2024-01-05 */
        if (!m.frac && !r.frac && r.ndig == 4 && m.ndig == 3 && !m.grouped) {
          nz_digits(b, z->L, s, i);
          buf_addc(b, ',');
          nz_digits(b, z->L, rest + dl, r.len);
          out_tmp(z, ss, base + i + after);
          return i + after;
        }
        int season = !m.frac && !r.frac && m.ndig == 4 && m.v >= 1100 && m.v <= 2099 &&
                     r.ndig == 2 && (m.v % 100 + 1) % 100 == r.v;
        int years = !m.frac && !r.frac && m.ndig == 4 && r.ndig == 4 && m.v >= 1100 &&
                    m.v <= 2099 && r.v >= 1100 && r.v <= 2099 && r.v > m.v;
        if (neg) { /* already said "minus" */ }
        if (z->L == NZ_EN && m.v == 50 && r.v == 50 && !m.frac && !r.frac) {
          buf_adds(b, "fifty-fifty");
          out_tmp(z, ss, base + i + after);
          return i + after;
        }
        if (z->L == NZ_EN && m.v == 9 && r.v == 1 && after + 2 == rn && rest[after] == '-' && rest[after + 1] == '1') {
          buf_adds(b, "nine one one");
          out_tmp(z, ss, base + n);
          return n;
        }
        if (season) {
          nz_year(b, z->L, m.v);
          buf_addc(b, ' ');
          if (z->L == NZ_EN && r.v < 10) buf_adds(b, "oh ");  /* 2000-01: two thousand oh one */
          nz_cardinal(b, z->L, r.v, 0);
        } else if (!m.frac && !r.frac && m.ndig == 4 && m.v >= 1100 && m.v <= 2099 && r.ndig == 2 &&
                   r.v > m.v % 100) {
          nz_year(b, z->L, m.v);
          buf_adds(b, z->L == NZ_DE ? " bis " : z->L == NZ_FR ? " à " : z->L == NZ_ES ? " a " : " to ");
          nz_cardinal(b, z->L, r.v, 0);
        } else if (years) {
          nz_year(b, z->L, m.v);
          buf_adds(b, z->L == NZ_DE ? " bis " : z->L == NZ_FR ? " à " : z->L == NZ_ES ? " a " : " to ");
          nz_year(b, z->L, r.v);
        } else {
          say_num(z, &m, 0);
          buf_adds(b, z->L == NZ_DE ? " bis " : z->L == NZ_FR ? " à " : z->L == NZ_ES ? " a " : " to ");
          if (c2) {
            out_tmp(z, ss, base + i);
            say_money(z, c2, &r, NULL, 0, 0);
            out_tmp(z, base + i, base + i + after);
            return i + after;
          }
          say_num(z, &r, 0);
          /* "5-10%", "0-60 mph" */
          if (after < rn && rest[after] == '%') {
            buf_addc(b, ' ');
            buf_adds(b, percent_word(z));
            after++;
          } else if (after == rn && z->k + 1 < z->n_ch && !chunk_has_trail(z, z->k)) {
            size_t wn;
            const char *w = core(z, z->k + 1, &wn);
            const nz_unit *u = unit_exact(w, wn);
            if ((wn == 1 && w[0] == '%') || (u && wn > 1)) {
              buf_addc(b, ' ');
              buf_adds(b, u ? u->many[li] : percent_word(z));
              z->k++;
              if (z->ch[z->k].dot && !sentence_next(z, z->k)) z->dot_used = 1;
              out_tmp(z, ss, z->ch[z->k].ce);
              return i + after;
            }
          }
        }
        out_tmp(z, ss, base + i + after);
        return i + after;
      }
    }
  }
  /* fractions and dates: 3/4, 9/11, 1/6/2021 */
  if (rest[0] == '/' && rn > 1 && dig(rest[1]) && !m.frac && !m.big) {
    num d;
    parse_num(z, rest + 1, rn - 1, &d);
    size_t after = 1 + d.len;
    if (after < rn && rest[after] == '/' && after + 1 < rn && dig(rest[after + 1])) {
      /* a full date: m/d/y (English) or d/m/y */
      num y;
      parse_num(z, rest + after + 1, rn - after - 1, &y);
      uint64_t mo = z->L == NZ_EN ? m.v : d.v, dy = z->L == NZ_EN ? d.v : m.v;
      if (mo >= 1 && mo <= 12 && dy >= 1 && dy <= 31 && !y.big) {
        static const char *const en_m[] = {"January", "February", "March", "April", "May", "June", "July",
                                           "August", "September", "October", "November", "December"};
        uint64_t yv = y.v;
        if (y.ndig == 2) yv += yv < 50 ? 2000 : 1900;
        if (z->L == NZ_EN) {
          buf_adds(b, en_m[mo - 1]);
          buf_addc(b, ' ');
          nz_ordinal(b, z->L, dy, 0);
          buf_addc(b, ',');
          buf_addc(b, ' ');
        } else {
          nz_cardinal(b, z->L, dy, 0);
          buf_addc(b, ' ');
          nz_cardinal(b, z->L, mo, 0);
          buf_addc(b, ' ');
        }
        nz_year(b, z->L, yv);
        size_t used = after + 1 + y.len;
        out_tmp(z, ss, base + i + used);
        return i + used;
      }
    }
    if (!d.frac && !d.big && d.len == rn - 1 && d.v > 0) {
      int special = (m.v == 24 && d.v == 7) || (m.v == 9 && d.v == 11) || (m.v == 50 && d.v == 50);
      if (!special && d.v >= 2 && d.v <= 10 && m.v < d.v) {
        nz_fraction(b, z->L, m.v, d.v);
      } else {
        nz_cardinal(b, z->L, m.v, 0);
        if (special && m.v == 50) buf_addc(b, '-'), buf_adds(b, "fifty");
        else {
          buf_addc(b, ' ');
          nz_cardinal(b, z->L, d.v, 0);
        }
      }
      out_tmp(z, ss, base + n);
      return n;
    }
  }
  /* nothing special follows: the number itself */
  say_num(z, &m, 0);
  out_tmp(z, ss, se);
  return i;
}

/* Scan one core (or part of one) [a, b) of chunk k. */
static void say_core(nz *z, size_t a, size_t e, int titlecase) {
  const char *src = z->src;
  size_t i = a;
  while (i < e) {
    unsigned char c = (unsigned char)src[i];
    const char *s = src + i;
    size_t n = e - i;
    /* negative numbers and signs */
    if ((c == '-' || c == '+' || (n >= 3 && !memcmp(s, "\xE2\x88\x92", 3))) && i == a) {
      size_t l = c == 0xE2 ? 3 : 1;
      if (l < n && (dig(s[l]) || (s[l] == '$' && l + 1 < n && dig(s[l + 1])))) {
        size_t cl = 0;
        const nz_currency *cur = s[l] == '$' ? currency_at(s + l, n - l, &cl) : NULL;
        if (c == '+') {
          out_words(z, z->L == NZ_DE ? "plus" : z->L == NZ_FR ? "plus" : z->L == NZ_ES ? "más" : "plus", i, i + 1);
          i += 1;
          continue;
        }
        size_t used = say_number(z, s + l + cl, n - l - cl, i + l + cl, 1, cur, i);
        if (used) {
          i += l + cl + used;
          continue;
        }
      }
    }
    /* ".5" */
    if (c == '.' && i == a && n >= 2 && dig(s[1]) && (z->L == NZ_EN)) {
      out_words(z, nz_point_word(z->L), i, i + 1);
      size_t j = 1;
      while (j < n && dig(s[j])) j++;
      nz_digits(&z->tmp, z->L, s + 1, j - 1);
      out_tmp(z, i + 1, i + j);
      i += j;
      continue;
    }
    /* French and Spanish "n° 5", "nº5" */
    if ((z->L == NZ_FR || z->L == NZ_ES) && (c == 'n' || c == 'N') && n >= 3 &&
        (!memcmp(s + 1, "\xC2\xB0", 2) || !memcmp(s + 1, "\xC2\xBA", 2))) {
      out_words(z, z->L == NZ_FR ? "numéro" : "número", i, i + 3);
      i += 3;
      continue;
    }
    /* currency prefix */
    if (!dig((char)c)) {
      size_t cl;
      const nz_currency *cur = currency_at(s, n, &cl);
      if (cur && cl < n && dig(s[cl])) {
        size_t used = say_number(z, s + cl, n - cl, i + cl, 0, cur, i);
        if (used) {
          i += cl + used;
          continue;
        }
      }
    }
    if (dig((char)c) || (c == '\'' && n > 2 && dig(s[1]) && dig(s[2])) ||
        (n > 4 && !memcmp(s, "\xE2\x80\x99", 3) && dig(s[3]) && dig(s[4]))) {
      /* '80s */
      if (!dig((char)c)) {
        size_t l = c == '\'' ? 1 : 3;
        if (l + 2 < n + 1 && l + 2 <= n && (l + 2 == n || s[l + 2] == 's' || s[l + 2] == '\'') && s[l + 1] == '0') {
          unsigned v = (unsigned)((s[l] - '0') * 10);
          size_t used = l + 2;
          if (used < n && s[used] == 's') used++;
          else if (used + 1 < n && s[used] == '\'' && s[used + 1] == 's') used += 2;
          if (used > l + 2) {
            nz_decade(&z->tmp, z->L, v);
            out_tmp(z, i, i + used);
            i += used;
            continue;
          }
        }
        /* '08 as a year: "class of '08" */
        if (l + 2 == n) {
          unsigned v = (unsigned)((s[l] - '0') * 10 + (s[l + 1] - '0'));
          if (z->L == NZ_EN && v < 10) buf_adds(&z->tmp, "oh "), nz_cardinal(&z->tmp, z->L, v, 0);
          else nz_cardinal(&z->tmp, z->L, v, 0);
          out_tmp(z, i, i + n);
          i += n;
          continue;
        }
        i += l;
        continue;
      }
      size_t used = say_number(z, s, n, i, 0, NULL, i);
      if (used) {
        i += used;
        continue;
      }
      i++;
      continue;
    }
    if (is_alpha_utf8(s, n)) {
      size_t j = i;
      while (j < e) {
        unsigned char d = (unsigned char)src[j];
        if (isalpha(d) || d == '\'' || (d >= 0x80 && d != 0xE2 && d != 0xC2)) j++;
        else if (d == 0xE2 && j + 2 < e && (unsigned char)src[j + 1] == 0x80 &&
                 (unsigned char)src[j + 2] == 0x99)
          j += 3;  /* ’ inside a word */
        else if (d == '.' && j + 1 < e && isalpha((unsigned char)src[j + 1]) && j > i &&
                 (isupper((unsigned char)src[j - 1]) || j - i == 1))
          j++;  /* U.S.-led */
        else if (d == '.' && j > i + 1 && src[j - 2] == '.' && isupper((unsigned char)src[j - 1]) &&
                 (j + 1 == e || src[j + 1] == '-')) {
          j++;
          break;
        }
        else if (d == '&' && j + 1 < e && isupper((unsigned char)src[j + 1]) && j > i &&
                 isupper((unsigned char)src[j - 1]) && z->L == NZ_EN)
          break;
        else
          break;
      }
      /* letter-digit glue: "Q3", "COVID-19" handled by the hyphen */
      if (j - i == 1 && (src[i] == 'Q' || src[i] == 'H') && j < e && dig(src[j]) &&
          (j + 1 == e || !isalnum((unsigned char)src[j + 1])) && z->L == NZ_EN) {
        unsigned q = (unsigned)(src[j] - '0');
        static const char *const preps[] = {"in", "during", "for", "of", "from", "by", "since", "through",
                                            "over", "until", "after", "before", "In", "During", "For", NULL};
        if (q >= 1 && q <= 4 && i == z->ch[z->k].cs && z->k > 0 && core_in(z, z->k - 1, preps))
          buf_adds(&z->tmp, "the ");
        if (q >= 1 && q <= 4) {
          nz_ordinal(&z->tmp, z->L, q, 0);
          buf_adds(&z->tmp, src[i] == 'Q' ? " quarter" : " half");
          if (j + 1 == e && !chunk_has_trail(z, z->k) && z->k + 1 < z->n_ch) {
            size_t yn;
            const char *y = core(z, z->k + 1, &yn);
            if (yn == 4 && (!memcmp(y, "19", 2) || !memcmp(y, "20", 2)) && dig(y[2]) && dig(y[3]))
              buf_adds(&z->tmp, " of");  /* "Q3 2024": the third quarter of 2024 */
          }
          out_tmp(z, i, j + 1);
          i = j + 1;
          /* "Q1-Q3": first quarter to third quarter */
          if (i + 2 < e && (src[i] == '-' || src[i] == '/') && src[i + 1] == 'Q' && dig(src[i + 2])) {
            out_words(z, "to", i, i + 1);
            i++;
          }
          continue;
        }
      }
      /* "Jan.-March", "a.m.-2": an abbreviation glued to a range */
      if (z->L == NZ_EN && j < e && src[j] == '.' && j + 1 < e &&
          (src[j + 1] == '-' || (j + 3 < e && !memcmp(src + j + 1, "\xE2\x80\x93", 3)))) {
        const char *mo = nz_lookup(nz_en_months, src + i, j - i + 1);
        if (!mo && ((j - i == 3 && (!memcmp(src + i, "a.m", 3) || !memcmp(src + i, "p.m", 3)))))
          mo = src[i] == 'a' ? "AM" : "PM";
        if (mo) {
          out_words(z, mo, i, j + 1);
          size_t dl = src[j + 1] == '-' ? 1 : 3;
          out_words(z, "to", j + 1, j + 1 + dl);
          i = j + 1 + dl;
          continue;
        }
      }
      if (z->L == NZ_EN && j < e && (src[j] == '-' || (j + 3 <= e && !memcmp(src + j, "\xE2\x80\x93", 3))) &&
          nz_lookup(nz_en_months, src + i, j - i)) {
        /* "March-April" */
        size_t dl = src[j] == '-' ? 1 : 3;
        size_t q = j + dl;
        while (q < e && isalpha((unsigned char)src[q])) q++;
        if (q > j + dl && nz_lookup(nz_en_months, src + j + dl, q - j - dl)) {
          out_words(z, nz_lookup(nz_en_months, src + i, j - i), i, j);
          out_words(z, "to", j, j + dl);
          i = j + dl;
          continue;
        }
      }
      /* "FY2024", "FY24" */
      if (j - i == 2 && src[i] == 'F' && src[i + 1] == 'Y' && j < e && dig(src[j]) && z->L == NZ_EN) {
        num m;
        parse_num(z, src + j, e - j, &m);
        buf_adds(&z->tmp, "fiscal ");
        if (m.ndig == 4) nz_year(&z->tmp, z->L, m.v);
        else nz_cardinal(&z->tmp, z->L, m.v, 0);
        out_tmp(z, i, j + m.len);
        i = j + m.len;
        continue;
      }
      say_word(z, src + i, j - i, i, j, titlecase);
      i = j;
      continue;
    }
    /* symbols */
    const char *word = NULL;
    size_t l = 1;
    switch (c) {
      case '&': word = z->L == NZ_DE ? "und" : z->L == NZ_FR ? "et" : z->L == NZ_ES ? "y" : "and"; break;
      case '+': word = z->L == NZ_ES ? "más" : "plus"; break;
      case '=': word = z->L == NZ_DE ? "gleich" : z->L == NZ_FR ? "égale" : z->L == NZ_ES ? "igual a" : "equals"; break;
      case '%': word = percent_word(z); break;
      case '@': word = z->L == NZ_FR ? "arobase" : "at"; break;
      case '#':
        if (i + 1 < e && dig(src[i + 1]))
          word = z->L == NZ_DE ? "Nummer" : z->L == NZ_FR ? "numéro" : z->L == NZ_ES ? "número" : "number";
        break;
      case '~': word = z->L == NZ_EN ? "about" : NULL; break;
      case '-':
        /* "5.25%-5.5%", "$5-$10" */
        if (i > a && (src[i - 1] == '%' || dig(src[i - 1])) && i + 1 < e && (dig(src[i + 1]) || src[i + 1] == '$'))
          word = z->L == NZ_DE ? "bis" : z->L == NZ_FR ? "à" : z->L == NZ_ES ? "a" : "to";
        break;
      case '/':
        /* "$25/hour", "5/kg": per */
        if (i > a && (dig(src[i - 1]) || src[i - 1] == '%') && i + 1 < e && isalpha((unsigned char)src[i + 1])) {
          static const nz_pair per_en[] = {{"hr", "hour"}, {"h", "hour"}, {"mo", "month"}, {"yr", "year"},
                                           {"wk", "week"}, {"d", "day"}, {"min", "minute"}, {"sec", "second"},
                                           {"gal", "gallon"}, {"lb", "pound"}, {"kg", "kilogram"},
                                           {"km", "kilometer"}, {"mi", "mile"}, {"oz", "ounce"},
                                           {"l", "liter"}, {"m", "meter"}, {"ft", "foot"}, {NULL, NULL}};
          static const nz_pair per_de[] = {{"h", "Stunde"}, {"Std", "Stunde"}, {"Monat", "Monat"}, {"kg", "Kilogramm"},
                                           {"km", "Kilometer"}, {"l", "Liter"}, {"Jahr", "Jahr"}, {NULL, NULL}};
          size_t j = i + 1;
          while (j < e && isalpha((unsigned char)src[j])) j++;
          const char *u = nz_lookup(z->L == NZ_DE ? per_de : per_en, src + i + 1, j - i - 1);
          out_words(z, z->L == NZ_DE ? "pro" : z->L == NZ_FR ? "par" : z->L == NZ_ES ? "por" : "per", i, i + 1);
          if (u && (z->L == NZ_EN || z->L == NZ_DE)) {
            out_words(z, u, i + 1, j);
            i = j;
            continue;
          }
        }
        break;
      default:
        if (c >= 0x80) {
          int32_t cp;
          l = utf8_decode(s, n, &cp);
          switch (cp) {
            case 0xB0: word = z->L == NZ_DE ? "Grad" : z->L == NZ_FR ? "degrés" : z->L == NZ_ES ? "grados" : "degrees"; break;
            case 0xD7: word = z->L == NZ_EN ? "by" : NULL; break;
            case 0xB1: word = z->L == NZ_EN ? "plus or minus" : NULL; break;
            case 0xA7: word = z->L == NZ_DE ? "Paragraf" : z->L == NZ_EN ? "section" : NULL; break;
            case 0x2116: word = z->L == NZ_EN ? "number" : NULL; break;
            case 0xBD: word = z->L == NZ_EN ? "one half" : NULL; break;
            case 0xBC: word = z->L == NZ_EN ? "one quarter" : NULL; break;
            case 0xBE: word = z->L == NZ_EN ? "three quarters" : NULL; break;
            case 0x2153: word = z->L == NZ_EN ? "one third" : NULL; break;
            case 0x2154: word = z->L == NZ_EN ? "two thirds" : NULL; break;
            case 0x215B: word = z->L == NZ_EN ? "one eighth" : NULL; break;
            case 0x2013: word = NULL; break;
            default: break;
          }
        }
        break;
    }
    if (word) out_words(z, word, i, i + l);
    i += l;
  }
}

/* ------------------------------------------------------------------ */
/* Chunk-level rules (English)                                          */

static const char *const agencies[] = {"AP", "CNN", "Reuters", "AFP", "UPI", "Bloomberg",
                                       "dpa", "Xinhua", "BBC", "NBC", "CBS", "ABC", "Fox",
                                       "NPR", "Axios", "CNBC", "TASS", "EFE", "ANSA", "Kyodo",
                                       "Yonhap", "KNA", "epd", "sda", "APA", "AFP/dpa",
                                       "Belga", "PA", "DPA", "CNN Business", "Sputnik", NULL};

static int is_dash_chunk(const nz *z, size_t k) {
  const chunk *c = &z->ch[k];
  const char *s = z->src + c->s;
  size_t n = c->e - c->s;
  return (n == 1 && s[0] == '-') || (n == 2 && !memcmp(s, "--", 2)) ||
         (n == 3 && (!memcmp(s, "\xE2\x80\x94", 3) || !memcmp(s, "\xE2\x80\x93", 3) ||
                     !memcmp(s, "\xE2\x80\x95", 3)));
}

/* Only dashes or a colon from s to e. */
static int only_dashes(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (s[i] == '-' || s[i] == ':') i++;
    else if (i + 3 <= n && (!memcmp(s + i, "\xE2\x80\x94", 3) || !memcmp(s + i, "\xE2\x80\x93", 3))) i += 3;
    else return 0;
  }
  return 1;
}

/* An agency marker: "(AP)", "(Reuters) -", "(CNN)", "(CNN Business) —",
 * "(Reuters)-".  Returns the chunks it covers (a dash chunk after it
 * included), 0 if chunk k does not start one. */
static size_t agency_marker(const nz *z, size_t k) {
  const chunk *c = &z->ch[k];
  const char *s = z->src + c->s;
  size_t n = c->e - c->s;
  if (n < 3 || s[0] != '(' || n > NZ_MAX_CHUNK) return 0;
  const char *close = memchr(s, ')', n);
  size_t used = 1;
  if (close) {
    if (!nz_in_list(agencies, s + 1, (size_t)(close - s - 1))) return 0;
    if (!only_dashes(close + 1, (size_t)(s + n - close - 1))) return 0;
  } else {
    /* "(CNN Business)": the agency, then one more word in the next chunk */
    if (!nz_in_list(agencies, s + 1, n - 1) || k + 1 >= z->n_ch) return 0;
    const chunk *d = &z->ch[k + 1];
    const char *t = z->src + d->s;
    size_t tn = d->e - d->s;
    close = memchr(t, ')', tn);
    if (!close || !only_dashes(close + 1, (size_t)(t + tn - close - 1)) || close == t) return 0;
    for (const char *p = t; p < close; p++)
      if (!isalpha((unsigned char)*p)) return 0;
    used = 2;
  }
  if (k + used < z->n_ch && is_dash_chunk(z, k + used)) used++;
  return used;
}

static void find_dateline(nz *z) {
  z->dateline_end = 0;
  for (size_t k = 0; k < z->n_ch && k < 8; k++) {
    if (agency_marker(z, k) || is_dash_chunk(z, k)) {
      z->dateline_end = k;
      return;
    }
    size_t n;
    const char *w = core(z, k, &n);
    char key[32];
    key_of(z, k, key, sizeof key, 1);
    if (!(all_upper(w, n) || nz_lookup(nz_en_states, key, strlen(key)) ||
          nz_lookup(nz_en_months, key, strlen(key)) || chunk_digit(z, k)))
      return;
  }
}

/* Returns chunks consumed (0: no rule). */
static size_t rule_en(nz *z) {
  size_t k = z->k;
  char key[40];
  size_t kl = key_of(z, k, key, sizeof key, 1);
  const chunk *c = &z->ch[k];

  /* "401(k)", "403(b)": retirement plans */
  {
    const char *w = z->src + c->cs;
    size_t n = c->e - c->cs;
    if (n >= 6 && dig(w[0]) && dig(w[1]) && dig(w[2]) && w[3] == '(' && isalpha((unsigned char)w[4]) && w[5] == ')') {
      nz_cardinal(&z->tmp, z->L, (uint64_t)(w[0] - '0'), 0);
      buf_adds(&z->tmp, w[1] == '0' ? " oh " : " ");
      nz_cardinal(&z->tmp, z->L, (uint64_t)(w[2] - '0'), 0);
      buf_addc(&z->tmp, ' ');
      buf_addc(&z->tmp, (char)toupper((unsigned char)w[4]));
      out_tmp(z, c->cs, c->cs + 6);
      for (size_t i = c->cs + 6; i < c->e; i++)
        if (in_set(",.;:!?", z->src[i])) out_punct(z, z->src[i]);
      z->punct_done = 1;
      return 1;
    }
  }
  /* "70 degrees F" */
  if (c->ce - c->cs == 1 && (key[0] == 'F' || key[0] == 'C') && k > 0 && (core_is(z, k - 1, "degrees") || core_is(z, k - 1, "degree"))) {
    out_words(z, key[0] == 'F' ? "Fahrenheit" : "Celsius", c->cs, c->ce);
    return 1;
  }
  /* "(R)", "(D)", "(I)" after a politician's name */
  if (kl == 1 && (key[0] == 'R' || key[0] == 'D' || key[0] == 'I') && c->cs > c->s &&
      z->src[c->s] == '(' && c->ce < c->e && z->src[c->ce] == ')' && k > 0 && chunk_cap(z, k - 1)) {
    out_words(z, key[0] == 'R' ? "Republican" : key[0] == 'D' ? "Democrat" : "independent", c->cs, c->ce);
    return 1;
  }
  /* "5 January", "25th December 2023": the fifth of January */
  if (chunk_digit(z, k) && k + 1 < z->n_ch && !chunk_has_trail(z, k)) {
    size_t n;
    const char *w = core(z, k, &n);
    num m;
    parse_num(z, w, n, &m);
    int f;
    char k2[40];
    size_t l2 = key_of(z, k + 1, k2, sizeof k2, 1);
    const char *mo = nz_lookup(nz_en_months, k2, l2);
    if (!mo) mo = nz_lookup(nz_en_months, k2, l2 - (size_t)z->ch[k + 1].dot);
    if (mo && !m.frac && m.ndig <= 2 && m.v >= 1 && m.v <= 31 &&
        (m.len == n || (n - m.len == 2 && ordinal_suffix(z, w + m.len, 2, m.v, &f)))) {
      buf_adds(&z->tmp, "the ");
      nz_ordinal(&z->tmp, z->L, m.v, 0);
      buf_adds(&z->tmp, " of");
      out_tmp(z, c->cs, c->ce);
      out_words(z, mo, z->ch[k + 1].cs, z->ch[k + 1].ce);
      if (z->ch[k + 1].dot && nz_lookup(nz_en_months, k2, l2)) {
        z->dot_used = 1;
        z->k = k + 1;
        if (sentence_next(z, k + 1) && !chunk_digit(z, k + 2)) z->keep_dot = 1;
        /* the dot belongs to the month chunk: handled by the caller */
      }
      return 2;
    }
  }
  /* British style, without the dot: "Ms Kanwisher", "Dr Smith" */
  if (!c->dot && kl <= 5 && k + 1 < z->n_ch && chunk_cap(z, k + 1) && !chunk_has_trail(z, k)) {
    static const nz_pair nodot[] = {{"Mr", "Mister"}, {"Mrs", "Missus"}, {"Ms", "Miz"}, {"Dr", "Doctor"},
                                    {"Mt", "Mount"}, {"Prof", "Professor"}, {"Sgt", "Sergeant"},
                                    {"Capt", "Captain"}, {"Lt", "Lieutenant"}, {"Rev", "Reverend"},
                                    {"Cllr", "Councillor"}, {"Supt", "Superintendent"},
                                    {"Insp", "Inspector"}, {"Det", "Detective"}, {"Col", "Colonel"},
                                    {"Gov", "Governor"}, {"Sen", "Senator"}, {NULL, NULL}};
    const char *t = nz_lookup(nodot, key, kl);
    if (!t && !strcmp(key, "St") && (k == 0 || !chunk_cap(z, k - 1) || chunk_has_trail(z, k - 1))) t = "Saint";
    if (t) {
      out_words(z, t, c->cs, c->ce);
      return 1;
    }
  }
  /* Titles: "Sen." before a name; "Lt. Gov.", "Atty. Gen." chain */
  if (kl > 7 && !strcmp(key + kl - 6, "-elect") && key[kl - 7] == '.') {
    const char *t = nz_lookup(nz_en_titles, key, kl - 6);
    if (t) {
      out_words(z, t, c->cs, c->cs + kl - 6);
      out_words(z, "elect", c->cs + kl - 5, c->ce);
      return 1;
    }
  }
  if (c->dot && !strcmp(key, "Dr.") && k > 0 && chunk_cap(z, k - 1) && !chunk_has_trail(z, k - 1) &&
      !sentence_next(z, k)) {
    out_words(z, "Drive", c->cs, c->ce + 1);
    z->dot_used = 1;
    return 1;
  }
  if (c->dot && !strcmp(key, "Dr.") && k > 0 && chunk_cap(z, k - 1) && !chunk_has_trail(z, k - 1) &&
      k + 1 >= z->n_ch) {
    out_words(z, "Drive", c->cs, c->ce + 1);
    z->dot_used = 1;
    z->keep_dot = 1;
    return 1;
  }
  if (c->dot) {
    const char *t = nz_lookup(nz_en_titles, key, kl);
    if (t && k + 1 < z->n_ch && (chunk_cap(z, k + 1) || chunk_digit(z, k + 1)) && !chunk_has_trail(z, k)) {
      if (!strcmp(key, "Dr.") && k > 0 && chunk_cap(z, k - 1) && !chunk_has_trail(z, k - 1) &&
          !core_in(z, k - 1, (const char *const[]){"The", "A", "By", "And", "With", "Said", NULL}))
        t = "Drive";
      out_words(z, t, c->cs, c->ce + 1);
      z->dot_used = 1;
      return 1;
    }
    if (t && !strcmp(key, "Mr.")) { out_words(z, t, c->cs, c->ce + 1); z->dot_used = 1; return 1; }
    /* Saint / Street */
    if (!strcmp(key, "St.")) {
      /* Street after a street name or number ("Main St.", "5th St.", "Wall
       * St. Journal"); Saint before a name elsewhere ("in St. Louis", "Mt.
       * St. Helens", "The St. Regis") */
      int prev_name = k > 0 && !chunk_has_trail(z, k - 1) && !z->ch[k - 1].dot &&
                      (chunk_cap(z, k - 1) || chunk_digit(z, k - 1)) && !core_is(z, k - 1, "The");
      int street = prev_name || !(k + 1 < z->n_ch && chunk_cap(z, k + 1));
      out_words(z, street ? "Street" : "Saint", c->cs, c->ce + 1);
      z->dot_used = 1;
      if (street && sentence_next(z, k)) z->keep_dot = 1;
      return 1;
    }
    if (!strcmp(key, "No.") && k + 1 < z->n_ch && chunk_digit(z, k + 1)) {
      out_words(z, "number", c->cs, c->ce + 1);
      z->dot_used = 1;
      return 1;
    }
  }
  /* Party tags: R-Ky., D-N.Y., I-Vt., R-Texas */
  if (kl >= 3 && (key[0] == 'R' || key[0] == 'D' || key[0] == 'I') && key[1] == '-') {
    const char *st = nz_lookup(nz_en_states, key + 2, kl - 2);
    if (!st) st = nz_lookup(nz_en_state_names, key + 2, kl - 2 - (size_t)c->dot);
    if (!st && !c->dot) st = nz_lookup(nz_en_postal, key + 2, kl - 2);
    if (!st && !c->dot) {
      /* "R-Ky" without the dot */
      char k2[40];
      snprintf(k2, sizeof k2, "%s.", key + 2);
      st = nz_lookup(nz_en_states, k2, strlen(k2));
    }
    if (st) {
      out_words(z, key[0] == 'R' ? "Republican of" : key[0] == 'D' ? "Democrat of" : "independent of",
                c->cs, c->cs + 2);
      out_words(z, st, c->cs + 2, c->ce + (size_t)c->dot);
      z->dot_used = c->dot;
      if (c->dot && sentence_next(z, k)) z->keep_dot = 1;
      return 1;
    }
  }
  /* A state after a city: "Louisville, Ky." */
  if (c->dot || strchr(key, '.')) {
    const char *st = nz_lookup(nz_en_states, key, kl);
    /* abbreviations that are no English word stand for the state anywhere
     * ("a Calif. law"); "Miss.", "Ill.", "Wash." only after a city */
    static const char *const anywhere[] = {"Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Fla.",
                                           "Ky.", "Md.", "Mich.", "Minn.", "Mont.", "Neb.", "Nev.",
                                           "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.",
                                           "R.I.", "S.C.", "S.D.", "Tenn.", "Tex.", "Vt.", "Wis.",
                                           "Wyo.", "W.Va.", NULL};
    int after_city = k > 0 && chunk_comma(z, k - 1) && chunk_cap(z, k - 1);
    if (st && (after_city || nz_in_list(anywhere, key, kl))) {
      out_words(z, st, c->cs, c->ce + (size_t)c->dot);
      z->dot_used = c->dot;
      if (k + 1 >= z->n_ch || (after_city && sentence_next(z, k) && k >= z->dateline_end)) z->keep_dot = 1;
      return 1;
    }
  }
  /* Dates: "Jan. 5", "Sept. 2023", "March 5, 2024" */
  {
    const char *mo = nz_lookup(nz_en_months, key, kl);
    if (!mo && !c->dot) mo = nz_lookup(nz_en_months, key, kl);
    if (mo && k + 1 < z->n_ch && chunk_digit(z, k + 1) && (c->dot || kl >= 3) &&
        !chunk_has_trail(z, k)) {
      size_t dn;
      const char *d = core(z, k + 1, &dn);
      num m;
      parse_num(z, d, dn, &m);
      size_t sfx = dn - m.len;
      int ordsfx = 0;
      if (sfx == 2) {
        int f;
        ordsfx = ordinal_suffix(z, d + m.len, 2, m.v, &f);
      }
      if (!m.frac && !m.grouped && (sfx == 0 || ordsfx)) {
        out_words(z, mo, c->cs, c->ce + (size_t)c->dot);
        if (m.v >= 1 && m.v <= 31 && m.ndig <= 2) {
          nz_ordinal(&z->tmp, z->L, m.v, 0);
          out_tmp(z, z->ch[k + 1].cs, z->ch[k + 1].ce);
          /* trailing punctuation of the day chunk */
          z->k = k + 1;
          return 2;
        }
        if (m.ndig == 4 && sfx == 0) {
          nz_year(&z->tmp, z->L, m.v);
          out_tmp(z, z->ch[k + 1].cs, z->ch[k + 1].ce);
          z->k = k + 1;
          return 2;
        }
        z->k = k;
        z->dot_used = c->dot;
        return 1;
      }
    }
  }
  /* Abbreviations */
  if (c->dot || strchr(key, '.')) {
    const char *a = nz_lookup(nz_en_abbrev, key, kl);
    if (!a) a = nz_lookup(nz_en_months, key, kl);
    if (!a && c->dot) a = nz_lookup(nz_en_titles, key, kl);
    if (a) {
      out_words(z, a, c->cs, c->ce + (size_t)c->dot);
      z->dot_used = c->dot;
      static const char *const no_end[] = {"vs.", "v.", "Dept.", "dept.", "e.g.", "i.e.", "Nos.",
                                           "no.", "approx.", "cf.", "ca.", NULL};
      if (c->dot && (k + 1 >= z->n_ch || (sentence_next(z, k) && !nz_in_list(no_end, key, kl))))
        z->keep_dot = 1;
      return 1;
    }
  }
  /* Roman numerals after a name: Charles III, World War II, Super Bowl LVIII */
  {
    size_t n;
    const char *w = core(z, k, &n);
    unsigned v;
    int poss = 0;
    if (n > 2 && w[n - 1] == 's' && w[n - 2] == '\'') n -= 2, poss = 1;
    else if (n > 4 && w[n - 1] == 's' && !memcmp(w + n - 4, "\xE2\x80\x99", 3)) n -= 4, poss = 1;
    if ((n >= 2 || (k > 0 && core_in(z, k - 1, nz_en_numbered) && (w[0] == 'I' || w[0] == 'V'))) &&
        k > 0 && roman_value(w, n, &v) && chunk_cap(z, k - 1) &&
        !chunk_has_trail(z, k - 1) && strcmp(key, "XL") && strcmp(key, "CC") && strcmp(key, "CV") &&
        strcmp(key, "LI")) {
      static const char *const royal[] = {"King", "Queen", "Pope", "Prince", "Princess", "Emperor",
                                          "Empress", "Tsar", "Czar", "Sultan", "Emir", "Shah", "Kaiser",
                                          "Duke", "Saint", "St.", "Pharaoh", "Patriarch", NULL};
      int person = !core_in(z, k - 1, nz_en_numbered) &&
                   (core_in(z, k - 1, nz_en_regnal) || (k >= 2 && (core_in(z, k - 2, royal))) ||
                    (k >= 3 && core_in(z, k - 3, royal)));
      if (!person) {
        nz_cardinal(&z->tmp, z->L, v, 0);
      } else {
        buf_adds(&z->tmp, "the ");
        nz_ordinal(&z->tmp, z->L, v, 0);
      }
      if (poss) buf_adds(&z->tmp, "'s");
      out_tmp(z, c->cs, c->ce);
      return 1;
    }
  }
  /* Times: "9:30 a.m.", "9 a.m." -> the number, then "AM" */
  if ((!util_strcasecmp(key, "a.m.") || !util_strcasecmp(key, "p.m.") || !util_strcasecmp(key, "a.m") ||
       !util_strcasecmp(key, "p.m")) && k > 0) {
    static const char *const zones[] = {"ET", "EST", "EDT", "PT", "PST", "PDT", "CT", "CST", "CDT",
                                        "MT", "MST", "MDT", "GMT", "UTC", "BST", "CET", "CEST", "local",
                                        "Eastern", "Pacific", "Central", "Mountain", NULL};
    out_words(z, (key[0] | 0x20) == 'a' ? "AM" : "PM", c->cs, c->ce + (size_t)c->dot);
    z->dot_used = c->dot;
    if (k + 1 >= z->n_ch || (sentence_next(z, k) && !core_in(z, k + 1, zones))) z->keep_dot = 1;
    return 1;
  }
  return 0;
}

/* Abbreviations in German, French, Spanish; German ordinals "3. Oktober". */
static size_t rule_other(nz *z) {
  size_t k = z->k;
  char key[40];
  size_t kl = key_of(z, k, key, sizeof key, 1);
  const chunk *c = &z->ch[k];
  const nz_pair *ab = z->L == NZ_DE ? nz_de_abbrev : z->L == NZ_FR ? nz_fr_abbrev : nz_es_abbrev;

  /* German ordinals are written "3." ("am 3. Oktober", "im 19.
   * Jahrhundert") and dates "3.10." or "3.10.2023". */
  if (z->L == NZ_DE && chunk_digit(z, k)) {
    size_t n;
    const char *w = core(z, k, &n);
    static const char *const dat[] = {"am", "vom", "zum", "im", "beim", "dem", "den", "des", "zur",
                                      "seinem", "seinen", "ihrem", "ihren", "bis", "ab", "seit",
                                      "unserem", "jedem", NULL};
    static const char *const nom[] = {"der", "die", "das", "ihr", "sein", "seine", "ihre", "jeder",
                                      "eine", "ein", NULL};
    char prev[16] = "";
    if (k > 0) {
      size_t pn;
      const char *p = core(z, k - 1, &pn);
      if (pn < sizeof prev) {
        for (size_t i = 0; i < pn; i++) prev[i] = (char)tolower((unsigned char)p[i]);
        prev[pn] = 0;
      }
    }
    int dative = nz_in_list(dat, prev, strlen(prev)), nominative = nz_in_list(nom, prev, strlen(prev));
    /* "3.10." / "3.10.2023" */
    size_t i = 0;
    unsigned d = 0, mo = 0;
    while (i < n && i < 2 && dig(w[i])) d = d * 10 + (unsigned)(w[i++] - '0');
    if (i && i < n && w[i] == '.') {
      size_t j = ++i;
      while (i < n && i - j < 2 && dig(w[i])) mo = mo * 10 + (unsigned)(w[i++] - '0');
      int with_year = i > j && i + 1 < n && w[i] == '.' && n - i - 1 == 4;
      if (i > j && d >= 1 && d <= 31 && mo >= 1 && mo <= 12 && ((i == n && c->dot) || with_year)) {
        for (size_t y = i + 1; with_year && y < n; y++)
          if (!dig(w[y])) with_year = 0;
        if (i == n || with_year) {
          nz_ordinal(&z->tmp, z->L, d, 0);
          buf_addc(&z->tmp, dative ? 'n' : 'r');
          buf_addc(&z->tmp, ' ');
          nz_ordinal(&z->tmp, z->L, mo, 0);
          buf_addc(&z->tmp, dative ? 'n' : 'r');
          if (with_year) {
            uint64_t yv = 0;
            for (size_t y = i + 1; y < n; y++) yv = yv * 10 + (uint64_t)(w[y] - '0');
            nz_year(&z->tmp, z->L, yv);
          }
          out_tmp(z, c->cs, c->ce + (size_t)c->dot);
          z->dot_used = i == n;
          return 1;
        }
      }
    }
    num m;
    parse_num(z, w, n, &m);
    if (c->dot && m.len == n && !m.frac && !m.grouped && m.ndig <= 3 && k + 1 < z->n_ch) {
      char k2[40];
      size_t l2 = key_of(z, k + 1, k2, sizeof k2, 1);
      int month = nz_lookup(nz_de_months, k2, l2) != NULL;
      /* an ordinal before a month, or after an article before a noun */
      if (month || ((dative || nominative) && (chunk_cap(z, k + 1) || chunk_digit(z, k + 1)))) {
        nz_ordinal(&z->tmp, z->L, m.v, 0);
        if (dative) buf_addc(&z->tmp, 'n');
        else if (month && !nominative) buf_addc(&z->tmp, 'r');
        out_tmp(z, c->cs, c->ce + 1);
        z->dot_used = 1;
        return 1;
      }
    }
  }
  /* French centuries: "XXe siècle", "IIIe République" */
  if (z->L == NZ_FR) {
    size_t n;
    const char *w = core(z, k, &n);
    size_t r = 0;
    while (r < n && in_set("IVXLC", w[r])) r++;
    unsigned v;
    int form;
    if (r && r < n && (r >= 2 || w[0] == 'I' || w[0] == 'V' || w[0] == 'X') && roman_value(w, r, &v) && ordinal_suffix(z, w + r, n - r, v, &form)) {
      nz_ordinal(&z->tmp, z->L, v, form);
      out_tmp(z, c->cs, c->ce);
      return 1;
    }
  }
  /* "z. B.", "d. h.": two chunks */
  if (c->dot && kl == 2 && k + 1 < z->n_ch && z->ch[k + 1].dot && z->ch[k + 1].ce - z->ch[k + 1].cs == 1) {
    char two[8];
    snprintf(two, sizeof two, "%c. %c.", key[0], z->src[z->ch[k + 1].cs]);
    const char *t = nz_lookup(ab, two, strlen(two));
    if (t) {
      out_words(z, t, c->cs, z->ch[k + 1].ce + 1);
      z->k = k + 1;
      z->dot_used = 1;
      if (k + 2 >= z->n_ch) z->keep_dot = 1;
      return 2;
    }
  }
  /* regnal numbers: "Louis XIV" -> "Louis quatorze", "Felipe VI" -> "Felipe sexto" */
  if ((z->L == NZ_FR || z->L == NZ_ES) && k > 0 && !chunk_has_trail(z, k - 1) &&
      (chunk_cap(z, k - 1) || core_is(z, k - 1, "siglo") || core_is(z, k - 1, "siglos"))) {
    size_t n;
    const char *w = core(z, k, &n);
    unsigned v;
    static const char *const names[] = {"Juan", "Carlos", "Felipe", "Luis", "Enrique", "Louis", "Henri",
                                        "François", "Charles", "Napoléon", "Alfonso", "Fernando",
                                        "Isabel", "Benoît", "Jean-Paul", "Pie", "Pío", NULL};
    if ((n >= 2 || core_in(z, k - 1, names)) && roman_value(w, n, &v) && strcmp(key, "CV")) {
      if (z->L == NZ_ES && (core_is(z, k - 1, "siglo") || core_is(z, k - 1, "siglos") || core_is(z, k - 1, "Siglo"))) {
        nz_cardinal(&z->tmp, z->L, v, 0);  /* "siglo XXI": siglo veintiuno */
      } else if (z->L == NZ_FR) {
        if (v == 1) buf_adds(&z->tmp, "premier");
        else nz_cardinal(&z->tmp, z->L, v, 0);
      } else {
        if (v <= 10) nz_ordinal(&z->tmp, z->L, v, 0);
        else nz_cardinal(&z->tmp, z->L, v, 0);
      }
      out_tmp(z, c->cs, c->ce);
      return 1;
    }
  }
  const char *a = nz_lookup(ab, key, kl);
  if (!a && c->dot) a = nz_lookup(ab, key, kl - 1);
  if (a && strcmp(a, key)) {
    size_t used = strlen(a) && nz_lookup(ab, key, kl) ? (size_t)c->dot : 0;
    out_words(z, a, c->cs, c->ce + used);
    z->dot_used = (int)used;
    if (used && (k + 1 >= z->n_ch || ((!strcmp(key, "etc.") || !strcmp(key, "usw.")) && chunk_cap(z, k + 1))))
      z->keep_dot = 1;
    return 1;
  }
  return 0;
}

/* ------------------------------------------------------------------ */

static void speak_chunk(nz *z) {
  size_t k = z->k;
  chunk *c = &z->ch[k];
  z->dot_used = 0;
  z->keep_dot = 0;
  z->punct_done = 0;
  if (c->e - c->s > NZ_MAX_CHUNK) {
    /* too long to analyse: a run without spaces (e.g. a pasted blob) */
    out_word(z, z->src + c->s, c->e - c->s, c->s, c->e);
    return;
  }
  if (is_dash_chunk(z, k)) {
    out_punct(z, ',');
    return;
  }
  {
    size_t am = agency_marker(z, k);
    if (am) {
      z->k += am - 1;
      if (z->out.len) out_punct(z, '.');
      return;
    }
  }
  if (c->cs >= c->ce) {
    /* punctuation only */
    for (size_t i = c->s; i < c->e; i++)
      if (in_set(",.;:!?", z->src[i])) out_punct(z, z->src[i]);
    return;
  }
  if (c->cs > c->s && z->src[c->s] == '(') out_punct(z, ',');
  size_t start_k = k;
  size_t consumed = 0;
  if (z->L == NZ_EN) consumed = rule_en(z);
  else if (z->L != NZ_OTHER) consumed = rule_other(z);
  if (!consumed) {
    if (say_web(z, z->src + c->cs, c->ce - c->cs, c->cs, c->ce)) {
      z->dot_used = 0;
    } else if (z->L == NZ_OTHER) {
      /* unknown language: espeak-ng reads digits and symbols in it */
      if (k < z->dateline_end && all_upper(z->src + c->cs, c->ce - c->cs))
        say_word(z, z->src + c->cs, c->ce - c->cs, c->cs, c->ce, 1);
      else
        out_word(z, z->src + c->cs, c->ce - c->cs, c->cs, c->ce);
    } else {
      say_core(z, c->cs, c->ce, k < z->dateline_end);
    }
  } else {
    z->k = start_k + consumed - 1;
  }
  /* trailing punctuation of the last chunk used */
  const chunk *last = &z->ch[z->k];
  size_t from = last->ce;
  if (z->dot_used && last->dot) from++;
  if (z->punct_done) from = last->e;
  if (z->keep_dot) out_punct(z, '.');
  if (z->L == NZ_EN && last == c && c->dot && !z->dot_used && c->ce - c->cs == 1 &&
      isupper((unsigned char)z->src[c->cs]) && k + 1 < z->n_ch && chunk_cap(z, k + 1) &&
      c->ce + 1 == c->e && k > 0 && chunk_cap(z, k - 1) && !chunk_has_trail(z, k - 1))
    from++;  /* a middle initial: "Michael J. Fox" */
  for (size_t i = from; i < last->e; i++) {
    char p = z->src[i];
    if (in_set(",;:!?", p)) out_punct(z, p);
    else if (p == '.') {
      /* a single '.' ends a sentence; "..." is a pause */
      out_punct(z, '.');
    } else if (p == ')') {
      /* "(R-Ky.)" -> a comma pause */
      out_punct(z, ',');
    }
  }
}

static void nz_free_parts(nz *z) {
  free(z->ch);
  free(z->map);
  buf_free(&z->out);
  buf_free(&z->tmp);
}

bc_rc bc_normalize(const char *text, size_t len, const char *lang, bc_spoken **out) {
  if (!out) return BC_ERR_ARG;
  *out = NULL;
  if (!text && len) return BC_ERR_ARG;
  nz z;
  memset(&z, 0, sizeof z);
  z.src = text ? text : "";
  z.len = text ? len : 0;
  z.L = nz_lang_parse(lang);
  buf_init(&z.out);
  buf_init(&z.tmp);
  buf_adds(&z.out, "");
  split_chunks(&z);
  find_dateline(&z);
  {
    size_t up = 0, low = 0;
    for (size_t i = 0; i < z.len; i++) {
      if (isupper((unsigned char)z.src[i])) up++;
      else if (islower((unsigned char)z.src[i])) low++;
    }
    z.caps_text = low * 4 < up;
  }
  for (z.k = 0; z.k < z.n_ch; z.k++) {
    size_t before = z.k;
    speak_chunk(&z);
    if (z.k < before) z.k = before;
  }
  /* trim a trailing space */
  while (z.out.len && z.out.s[z.out.len - 1] == ' ') z.out.s[--z.out.len] = 0;
  bc_spoken *sp = xcalloc(1, sizeof *sp);
  sp->len = z.out.len;
  sp->text = buf_steal(&z.out);
  sp->map = z.map;
  sp->n_map = z.n_map;
  z.map = NULL;
  nz_free_parts(&z);
  *out = sp;
  return BC_OK;
}

size_t bc_spoken_source_offset(const bc_spoken *sp, size_t pos) {
  if (!sp || !sp->n_map) return pos;
  /* the last entry starting at or before pos */
  size_t lo = 0, hi = sp->n_map;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (sp->map[mid].spoken_start <= pos) lo = mid;
    else hi = mid;
  }
  const bc_token_map *m = &sp->map[lo];
  if (pos < m->spoken_start) return m->source_start;
  if (pos < m->spoken_end) return m->source_start;
  /* between words: where the next word comes from, or the end of this one */
  if (lo + 1 < sp->n_map) return sp->map[lo + 1].source_start;
  return m->source_end;
}

void bc_spoken_free(bc_spoken *sp) {
  if (!sp) return;
  free(sp->text);
  free(sp->map);
  free(sp);
}
