/* Number words for the normalization stage: cardinals, ordinals, years,
 * decades, digit strings and fractions in English, German, French and
 * Spanish.  Everything is appended to a bc_buf as plain words that espeak-ng
 * reads as written.  English follows American newsreader usage ("one hundred
 * twenty-three", years in pairs: "nineteen ninety-eight", "twenty
 * twenty-four", but "two thousand five").  German writes numbers below a
 * million as one word ("dreiundzwanzig"), as the Duden does; French follows
 * the traditional (pre-1990) hyphenation; Spanish uses apocope before nouns
 * ("veintiún euros"). */
#include <string.h>
#include "normalize_priv.h"

nz_lang nz_lang_parse(const char *lang) {
  if (!lang || !*lang) return NZ_EN;
  char p[3] = {0};
  for (int i = 0; i < 2 && lang[i]; i++) p[i] = (char)(lang[i] | 0x20);
  if (lang[1] && lang[2] && lang[2] != '-' && lang[2] != '_') return NZ_OTHER;
  if (!strcmp(p, "en")) return NZ_EN;
  if (!strcmp(p, "de")) return NZ_DE;
  if (!strcmp(p, "fr")) return NZ_FR;
  if (!strcmp(p, "es")) return NZ_ES;
  return NZ_OTHER;
}

static void sep(bc_buf *b) {
  if (b->len && b->s[b->len - 1] != ' ' && b->s[b->len - 1] != '-') buf_addc(b, ' ');
}

/* ---------------- English ---------------- */

static const char *const en_ones[20] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen"};
static const char *const en_tens[10] = {"", "", "twenty", "thirty", "forty", "fifty",
                                        "sixty", "seventy", "eighty", "ninety"};
static const char *const en_scale[7] = {"", "thousand", "million", "billion",
                                        "trillion", "quadrillion", "quintillion"};

static void en_below100(bc_buf *b, unsigned n) {
  sep(b);
  if (n < 20) {
    buf_adds(b, en_ones[n]);
    return;
  }
  buf_adds(b, en_tens[n / 10]);
  if (n % 10) {
    buf_addc(b, '-');
    buf_adds(b, en_ones[n % 10]);
  }
}

static void en_below1000(bc_buf *b, unsigned n) {
  if (n >= 100) {
    sep(b);
    buf_adds(b, en_ones[n / 100]);
    buf_adds(b, " hundred");
    n %= 100;
    if (!n) return;
  }
  en_below100(b, n);
}

static void en_cardinal(bc_buf *b, uint64_t n) {
  if (n == 0) {
    sep(b);
    buf_adds(b, "zero");
    return;
  }
  unsigned groups[7];
  int ng = 0;
  while (n) {
    groups[ng++] = (unsigned)(n % 1000);
    n /= 1000;
  }
  for (int g = ng - 1; g >= 0; g--) {
    if (!groups[g]) continue;
    en_below1000(b, groups[g]);
    if (g) {
      buf_addc(b, ' ');
      buf_adds(b, en_scale[g]);
    }
  }
}

/* Turn the last word of an English cardinal into its ordinal. */
static void en_ordinalize(bc_buf *b, size_t from) {
  size_t w = b->len;
  while (w > from && b->s[w - 1] != ' ' && b->s[w - 1] != '-') w--;
  const char *last = b->s + w;
  static const struct { const char *c, *o; } irr[] = {
      {"one", "first"}, {"two", "second"}, {"three", "third"}, {"five", "fifth"},
      {"eight", "eighth"}, {"nine", "ninth"}, {"twelve", "twelfth"}, {NULL, NULL}};
  for (int i = 0; irr[i].c; i++)
    if (!strcmp(last, irr[i].c)) {
      b->len = w;
      b->s[w] = 0;
      buf_adds(b, irr[i].o);
      return;
    }
  if (b->len > w && b->s[b->len - 1] == 'y') {
    b->len--;
    b->s[b->len] = 0;
    buf_adds(b, "ieth");
    return;
  }
  buf_adds(b, "th");
}

static void en_year(bc_buf *b, uint64_t n) {
  unsigned hi = (unsigned)(n / 100), lo = (unsigned)(n % 100);
  if (n < 1000 || n >= 10000 || n % 1000 == 0 || (n >= 2000 && n < 2010)) {
    en_cardinal(b, n);
    return;
  }
  en_below100(b, hi);
  if (lo == 0) {
    buf_adds(b, " hundred");
  } else if (lo < 10) {
    buf_adds(b, " oh ");
    buf_adds(b, en_ones[lo]);
  } else {
    en_below100(b, lo);
  }
}

/* ---------------- German ---------------- */

static const char *const de_ones[20] = {
    "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
    "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn",
    "neunzehn"};
static const char *const de_tens[10] = {"", "", "zwanzig", "dreißig", "vierzig", "fünfzig",
                                        "sechzig", "siebzig", "achtzig", "neunzig"};

/* One word below 1000; `final` says whether 1 stands alone ("eins") or
 * inside a compound ("ein"). */
static void de_below1000(bc_buf *b, unsigned n, int final) {
  if (n >= 100) {
    if (n / 100 > 1) buf_adds(b, de_ones[n / 100]);
    buf_adds(b, "hundert");
    n %= 100;
    if (!n) return;
  }
  if (n < 20) {
    if (n == 1 && !final) buf_adds(b, "ein");
    else buf_adds(b, de_ones[n]);
    return;
  }
  if (n % 10) {
    buf_adds(b, n % 10 == 1 ? "ein" : de_ones[n % 10]);
    buf_adds(b, "und");
  }
  buf_adds(b, de_tens[n / 10]);
}

static void de_cardinal(bc_buf *b, uint64_t n, int form) {
  sep(b);
  if (n == 0) {
    buf_adds(b, "null");
    return;
  }
  static const char *const big1[] = {"", "", "Million", "Milliarde", "Billion", "Billiarde", "Trillion"};
  static const char *const bigN[] = {"", "", "Millionen", "Milliarden", "Billionen", "Billiarden", "Trillionen"};
  unsigned groups[7];
  int ng = 0;
  while (n) {
    groups[ng++] = (unsigned)(n % 1000);
    n /= 1000;
  }
  for (int g = ng - 1; g >= 2; g--) {
    if (!groups[g]) continue;
    sep(b);
    if (groups[g] == 1) buf_adds(b, "eine");
    else de_below1000(b, groups[g], 1);
    buf_addc(b, ' ');
    buf_adds(b, groups[g] == 1 ? big1[g] : bigN[g]);
  }
  unsigned low = ng > 1 ? groups[1] * 1000 + groups[0] : groups[0];
  if (!low) return;
  sep(b);
  if (low >= 1000) {
    if (low / 1000 > 1) de_below1000(b, low / 1000, 0);
    buf_adds(b, "tausend");
    low %= 1000;
    if (!low) return;
  }
  de_below1000(b, low, form != NZ_BEFORE_NOUN);  /* "ein Euro" before a noun */
}

static void de_ordinal(bc_buf *b, uint64_t n) {
  if (n == 1) { sep(b); buf_adds(b, "erste"); return; }
  if (n == 3) { sep(b); buf_adds(b, "dritte"); return; }
  if (n == 7) { sep(b); buf_adds(b, "siebte"); return; }
  if (n == 8) { sep(b); buf_adds(b, "achte"); return; }
  de_cardinal(b, n, NZ_PLAIN);
  /* compounds ending in 1/3/7/8 below 20 */
  unsigned r = (unsigned)(n % 100);
  if (b->len >= 4 && r < 20 && r != 0 && n > 100) {
    if (r == 1 && !strcmp(b->s + b->len - 4, "eins")) { b->len -= 4; buf_adds(b, "erste"); return; }
    if (r == 3 && !strcmp(b->s + b->len - 4, "drei")) { b->len -= 4; buf_adds(b, "dritte"); return; }
    if (r == 7 && b->len >= 6 && !strcmp(b->s + b->len - 6, "sieben")) { b->len -= 6; buf_adds(b, "siebte"); return; }
  }
  buf_adds(b, (r >= 1 && r < 20) ? "te" : "ste");
}

static void de_year(bc_buf *b, uint64_t n) {
  if (n >= 1100 && n < 2000) {
    sep(b);
    de_below1000(b, (unsigned)(n / 100), 0);
    buf_adds(b, "hundert");
    if (n % 100) de_below1000(b, (unsigned)(n % 100), 1);
    return;
  }
  de_cardinal(b, n, NZ_PLAIN);
}

/* ---------------- French ---------------- */

static const char *const fr_ones[20] = {
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
    "dix-neuf"};
static const char *const fr_tens[10] = {"", "", "vingt", "trente", "quarante", "cinquante",
                                        "soixante", "soixante", "quatre-vingt", "quatre-vingt"};

static void fr_below100(bc_buf *b, unsigned n, int fem, int final) {
  if (n < 20) {
    buf_adds(b, (n == 1 && fem) ? "une" : fr_ones[n]);
    return;
  }
  unsigned t = n / 10, u = n % 10;
  if (t == 7 || t == 9) u += 10;  /* soixante-dix, quatre-vingt-dix */
  buf_adds(b, fr_tens[t]);
  if (u == 0) {
    if (t == 8 && final) buf_addc(b, 's');
    return;
  }
  if ((u == 1 || u == 11) && t != 8 && t != 9) buf_adds(b, " et ");
  else buf_addc(b, '-');
  buf_adds(b, (u == 1 && fem) ? "une" : fr_ones[u]);
}

static void fr_below1000(bc_buf *b, unsigned n, int fem, int final) {
  sep(b);
  if (n >= 100) {
    if (n / 100 > 1) {
      buf_adds(b, fr_ones[n / 100]);
      buf_addc(b, ' ');
    }
    buf_adds(b, "cent");
    n %= 100;
    if (!n) {
      if (final && b->len > 4 && b->s[b->len - 5] == ' ') buf_addc(b, 's');
      return;
    }
    buf_addc(b, ' ');
  }
  fr_below100(b, n, fem, final);
}

static void fr_cardinal(bc_buf *b, uint64_t n, int form) {
  if (n == 0) {
    sep(b);
    buf_adds(b, "zéro");
    return;
  }
  static const char *const big[] = {"", "", "million", "milliard", "billion", "billiard", "trillion"};
  unsigned groups[7];
  int ng = 0;
  while (n) {
    groups[ng++] = (unsigned)(n % 1000);
    n /= 1000;
  }
  for (int g = ng - 1; g >= 0; g--) {
    if (!groups[g]) continue;
    if (g >= 2) {
      fr_below1000(b, groups[g], 0, 0);
      buf_addc(b, ' ');
      buf_adds(b, big[g]);
      if (groups[g] > 1) buf_addc(b, 's');
    } else if (g == 1) {
      if (groups[g] > 1) fr_below1000(b, groups[g], 0, 0);
      sep(b);
      buf_adds(b, "mille");
    } else {
      fr_below1000(b, groups[g], form == NZ_FEMININE, 1);
    }
  }
}

static void fr_ordinal(bc_buf *b, uint64_t n, int form) {
  if (n == 1) {
    sep(b);
    buf_adds(b, form == NZ_FEMININE ? "première" : "premier");
    return;
  }
  fr_cardinal(b, n, NZ_PLAIN);
  if (b->len && b->s[b->len - 1] == 's' && b->len >= 5 &&
      (!strcmp(b->s + b->len - 5, "cents") || !strcmp(b->s + b->len - 5, "vingts")))
    b->s[--b->len] = 0;
  if (b->len && b->s[b->len - 1] == 'e') b->s[--b->len] = 0;
  else if (b->len >= 4 && !strcmp(b->s + b->len - 4, "cinq")) buf_addc(b, 'u');
  else if (b->len >= 4 && !strcmp(b->s + b->len - 4, "neuf")) b->s[b->len - 1] = 'v';
  buf_adds(b, "ième");
}

/* ---------------- Spanish ---------------- */

static const char *const es_ones[30] = {
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro",
    "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"};
static const char *const es_tens[10] = {"", "", "", "treinta", "cuarenta", "cincuenta",
                                        "sesenta", "setenta", "ochenta", "noventa"};
static const char *const es_hundreds[10] = {"", "ciento", "doscientos", "trescientos",
                                            "cuatrocientos", "quinientos", "seiscientos",
                                            "setecientos", "ochocientos", "novecientos"};

/* `apoc`: "uno" -> "un" (before a noun or "mil"), `fem`: "una", "doscientas". */
static void es_below1000(bc_buf *b, unsigned n, int apoc, int fem) {
  sep(b);
  if (n == 100) {
    buf_adds(b, "cien");
    return;
  }
  if (n >= 100) {
    const char *h = es_hundreds[n / 100];
    if (fem && n / 100 > 1) {
      buf_add(b, h, strlen(h) - 2);
      buf_adds(b, "as");
    } else {
      buf_adds(b, h);
    }
    n %= 100;
    if (!n) return;
    buf_addc(b, ' ');
  }
  if (n < 30) {
    if (n == 1) buf_adds(b, fem ? "una" : apoc ? "un" : "uno");
    else if (n == 21) buf_adds(b, fem ? "veintiuna" : apoc ? "veintiún" : "veintiuno");
    else buf_adds(b, es_ones[n]);
    return;
  }
  buf_adds(b, es_tens[n / 10]);
  if (n % 10) {
    buf_adds(b, " y ");
    unsigned u = n % 10;
    if (u == 1) buf_adds(b, fem ? "una" : apoc ? "un" : "uno");
    else buf_adds(b, es_ones[u]);
  }
}

static void es_cardinal(bc_buf *b, uint64_t n, int form) {
  if (n == 0) {
    sep(b);
    buf_adds(b, "cero");
    return;
  }
  /* Long scale: millón 10^6, billón 10^12, trillón 10^18. */
  uint64_t tri = n / 1000000000000000000ull;
  uint64_t bil = (n / 1000000000000ull) % 1000000;
  uint64_t mil = (n / 1000000) % 1000000;
  unsigned low = (unsigned)(n % 1000000);
  struct { uint64_t v; const char *one, *many; } parts[3] = {
      {tri, "trillón", "trillones"}, {bil, "billón", "billones"}, {mil, "millón", "millones"}};
  for (int i = 0; i < 3; i++) {
    uint64_t v = parts[i].v;
    if (!v) continue;
    if (v == 1) {
      sep(b);
      buf_adds(b, "un ");
      buf_adds(b, parts[i].one);
      continue;
    }
    if (v >= 1000) {
      if (v / 1000 > 1) es_below1000(b, (unsigned)(v / 1000), 1, 0);
      sep(b);
      buf_adds(b, "mil");
    }
    if (v % 1000) es_below1000(b, (unsigned)(v % 1000), 1, 0);
    buf_addc(b, ' ');
    buf_adds(b, parts[i].many);
  }
  if (!low) return;
  int fem = form == NZ_FEMININE;
  if (low >= 1000) {
    if (low / 1000 > 1) es_below1000(b, low / 1000, 1, fem);
    sep(b);
    buf_adds(b, "mil");
    low %= 1000;
    if (!low) return;
  }
  es_below1000(b, low, form == NZ_BEFORE_NOUN, fem);
}

static void es_ordinal(bc_buf *b, uint64_t n, int form) {
  static const char *const o[11] = {"", "primer", "segund", "tercer", "cuart", "quint",
                                    "sext", "séptim", "octav", "noven", "décim"};
  if (n >= 1 && n <= 10) {
    sep(b);
    buf_adds(b, o[n]);
    if (form == NZ_FEMININE) buf_addc(b, 'a');
    else if (form != NZ_BEFORE_NOUN || (n != 1 && n != 3)) buf_addc(b, 'o');
    return;
  }
  es_cardinal(b, n, form);
}

/* ---------------- dispatch ---------------- */

void nz_cardinal(bc_buf *b, nz_lang L, uint64_t n, int form) {
  switch (L) {
    case NZ_DE: de_cardinal(b, n, form); break;
    case NZ_FR: fr_cardinal(b, n, form); break;
    case NZ_ES: es_cardinal(b, n, form); break;
    default: en_cardinal(b, n); break;
  }
}

void nz_ordinal(bc_buf *b, nz_lang L, uint64_t n, int form) {
  switch (L) {
    case NZ_DE: de_ordinal(b, n); break;
    case NZ_FR: fr_ordinal(b, n, form); break;
    case NZ_ES: es_ordinal(b, n, form); break;
    default: {
      sep(b);
      size_t from = b->len;
      en_cardinal(b, n);
      en_ordinalize(b, from);
    } break;
  }
}

void nz_year(bc_buf *b, nz_lang L, uint64_t n) {
  switch (L) {
    case NZ_DE: de_year(b, n); break;
    case NZ_EN: case NZ_OTHER: en_year(b, n); break;
    default: nz_cardinal(b, L, n, NZ_PLAIN); break;
  }
}

void nz_decade(bc_buf *b, nz_lang L, uint64_t n) {
  if (L == NZ_DE) {
    de_year(b, n);  /* "neunzehnhundertneunzig" + "er" */
    buf_adds(b, "er");
    return;
  }
  if (L != NZ_EN && L != NZ_OTHER) {
    nz_cardinal(b, L, n, NZ_PLAIN);
    return;
  }
  if (n < 100) {
    sep(b);
    en_cardinal(b, n);
  } else if (n % 100 == 0) {
    if (n % 1000 == 0) en_cardinal(b, n);       /* "two thousands" */
    else en_year(b, n);                         /* "nineteen hundreds" */
    buf_addc(b, 's');
    return;
  } else {
    en_year(b, n);
  }
  /* "ninety" -> "nineties", "ten" -> "tens" */
  if (b->len && b->s[b->len - 1] == 'y') {
    b->s[--b->len] = 0;
    buf_adds(b, "ies");
  } else {
    buf_addc(b, 's');
  }
}

void nz_digits(bc_buf *b, nz_lang L, const char *d, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (d[i] >= '0' && d[i] <= '9') {
      nz_cardinal(b, L, (uint64_t)(d[i] - '0'), NZ_PLAIN);
    }
}

const char *nz_point_word(nz_lang L) {
  switch (L) {
    case NZ_DE: return "Komma";
    case NZ_FR: return "virgule";
    case NZ_ES: return "coma";
    default: return "point";
  }
}

void nz_fraction(bc_buf *b, nz_lang L, uint64_t num, uint64_t den) {
  if (L == NZ_EN || L == NZ_OTHER) {
    if (den == 2) {
      nz_cardinal(b, NZ_EN, num, 0);
      buf_adds(b, num == 1 ? " half" : " halves");
      return;
    }
    nz_cardinal(b, NZ_EN, num, 0);
    if (den == 4) {
      buf_adds(b, num == 1 ? " quarter" : " quarters");
      return;
    }
    buf_addc(b, ' ');
    size_t from = b->len;
    en_cardinal(b, den);
    en_ordinalize(b, from);
    if (num != 1) buf_addc(b, 's');
    return;
  }
  if (L == NZ_DE) {
    sep(b);
    if (den == 2 && num == 1) { buf_adds(b, "ein halb"); return; }
    de_cardinal(b, num, num == 1 ? NZ_BEFORE_NOUN : NZ_PLAIN);
    buf_addc(b, ' ');
    if (den == 2) { buf_adds(b, "halbe"); return; }
    size_t from = b->len;
    de_ordinal(b, den);
    /* Viertel, Drittel: ordinal stem + "l" */
    if (b->len > from && b->s[b->len - 1] == 'e') b->s[--b->len] = 0;
    if (den == 3) { b->len = from; buf_adds(b, "Drittel"); return; }
    buf_addc(b, 'l');
    if (b->s[from] >= 'a' && b->s[from] <= 'z') b->s[from] = (char)(b->s[from] - 32);
    return;
  }
  if (L == NZ_FR) {
    nz_cardinal(b, L, num, 0);
    buf_addc(b, ' ');
    if (den == 2) buf_adds(b, num == 1 ? "demi" : "demis");
    else if (den == 3) buf_adds(b, num == 1 ? "tiers" : "tiers");
    else if (den == 4) buf_adds(b, num == 1 ? "quart" : "quarts");
    else {
      fr_ordinal(b, den, 0);
      if (num != 1) buf_addc(b, 's');
    }
    return;
  }
  /* Spanish */
  nz_cardinal(b, L, num, num == 1 ? NZ_BEFORE_NOUN : 0);
  buf_addc(b, ' ');
  if (den == 2) buf_adds(b, num == 1 ? "medio" : "medios");
  else if (den == 3) buf_adds(b, num == 1 ? "tercio" : "tercios");
  else if (den <= 10) {
    es_ordinal(b, den, 0);
    if (num != 1) buf_addc(b, 's');
  } else {
    nz_cardinal(b, L, den, 0);
    buf_adds(b, "avos");
  }
}
