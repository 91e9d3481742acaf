/* Private to the normalization stage (normalize*.c): the languages it knows,
 * number-to-words per language and the word tables. */
#ifndef BC_NORMALIZE_PRIV_H
#define BC_NORMALIZE_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

typedef enum nz_lang {
  NZ_EN = 0,
  NZ_DE,
  NZ_FR,
  NZ_ES,
  NZ_OTHER  /* unknown: English rules for symbols, digits left to espeak */
} nz_lang;

nz_lang nz_lang_parse(const char *lang);

/* Grammatical form for words that agree with a noun (es "un euro", fr "une"). */
enum { NZ_PLAIN = 0, NZ_BEFORE_NOUN = 1, NZ_FEMININE = 2 };

/* Number words, appended to b (space separated; no leading space). */
void nz_cardinal(bc_buf *b, nz_lang L, uint64_t n, int form);
void nz_ordinal(bc_buf *b, nz_lang L, uint64_t n, int form);
void nz_year(bc_buf *b, nz_lang L, uint64_t n);
/* "1990s" -> "nineteen nineties" (English); other languages: the German
 * "1990er" form or plain cardinal. */
void nz_decade(bc_buf *b, nz_lang L, uint64_t n);
/* Digits one by one ("five five five"). */
void nz_digits(bc_buf *b, nz_lang L, const char *d, size_t n);
/* The decimal marker word: "point", "Komma", "virgule", "coma". */
const char *nz_point_word(nz_lang L);
/* Fraction: numerator/denominator as words ("three quarters"). */
void nz_fraction(bc_buf *b, nz_lang L, uint64_t num, uint64_t den);

/* A table entry: written form -> spoken form. */
typedef struct nz_pair {
  const char *from, *to;
} nz_pair;

const char *nz_lookup(const nz_pair *t, const char *w, size_t n);
const char *nz_lookup_ci(const nz_pair *t, const char *w, size_t n);

/* Tables (normalize_tables.c).  Keys are exact case unless noted. */
extern const nz_pair nz_en_titles[];      /* before a name: "Sen." */
extern const nz_pair nz_en_abbrev[];      /* anywhere: "vs.", "Dept." */
extern const nz_pair nz_en_states[];      /* AP style: "Ky.", "N.Y." */
extern const nz_pair nz_en_postal[];      /* "KY" */
extern const nz_pair nz_en_state_names[]; /* full names allowed in party tags */
extern const nz_pair nz_en_months[];      /* "Jan." "January" -> "January" */
extern const nz_pair nz_en_acronyms[];    /* "GOP" -> "G.O.P." */
extern const char *const nz_en_acronym_words[]; /* said as words: "NASA" */
extern const char *const nz_en_common_caps[];   /* "WELL", "MAY": shouted words, not acronyms */
extern const nz_pair nz_de_abbrev[];
extern const nz_pair nz_fr_abbrev[];
extern const nz_pair nz_es_abbrev[];
extern const nz_pair nz_de_months[];
extern const nz_pair nz_fr_months[];
extern const nz_pair nz_es_months[];
extern const char *const nz_en_regnal[];  /* names followed by "the third" */
extern const char *const nz_en_numbered[];/* "World War II" -> "two" */
extern const char *const nz_en_year_before[]; /* words before a year */

/* Units after a number: singular and plural per language. */
typedef struct nz_unit {
  const char *sym;
  const char *one[4], *many[4];  /* indexed by nz_lang (EN..ES) */
} nz_unit;
extern const nz_unit nz_units[];

/* Currencies: symbol or code. */
typedef struct nz_currency {
  const char *sym;
  const char *one[4], *many[4];
  const char *cent_one[4], *cent_many[4];
} nz_currency;
extern const nz_currency nz_currencies[];

int nz_in_list(const char *const *list, const char *w, size_t n);

#endif
