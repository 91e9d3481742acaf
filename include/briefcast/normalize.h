/* briefcast: normalization, which turns written news text into the words a
 * newsreader says ("Sen." -> "Senator", "$1.5 billion" -> "one point five
 * billion dollars", "5-4" -> "five to four").
 *
 * Table-driven, per language where rules differ.  The result keeps a token
 * map so each spoken word traces back to the span of source text it came
 * from (used for transcripts). */
#ifndef BRIEFCAST_NORMALIZE_H
#define BRIEFCAST_NORMALIZE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One spoken word and the source it was said for.  Several words can share
 * a source range ("$1.5" -> "one point five ... dollars"); a word's spoken
 * range excludes the punctuation after it. */
typedef struct bc_token_map {
  size_t spoken_start, spoken_end;  /* byte range in the spoken text */
  size_t source_start, source_end;  /* byte range in the source text */
} bc_token_map;

typedef struct bc_spoken {
  char *text;               /* the speakable text, UTF-8, NUL-terminated */
  size_t len;
  bc_token_map *map;        /* one entry per spoken word, in spoken order */
  size_t n_map;
} bc_spoken;

/* Normalize `text` (UTF-8, len bytes; NULL with len 0 is empty) for language
 * `lang`: a tag such as "en", "en-us", "de", "fr-CA", "es" (NULL means
 * English).  English, German, French and Spanish have their own rules; any
 * other language keeps digits and symbols for espeak-ng to read in that
 * language and only removes agency markers and shortens URLs.  Any bytes
 * are accepted (invalid UTF-8 and control characters are dropped) and the
 * time taken is linear in len.  Returns BC_ERR_ARG when out is NULL.
 * On success *out is the caller's: free it with bc_spoken_free(). */
BC_EXPORT bc_rc bc_normalize(const char *text, size_t len, const char *lang, bc_spoken **out);

/* The source byte offset that spoken byte offset `pos` comes from: the start
 * of the word's source inside a word, the next word's source between words,
 * the end of the last source after the last word.  With no map, pos. */
BC_EXPORT size_t bc_spoken_source_offset(const bc_spoken *sp, size_t pos);

/* Frees a result of bc_normalize().  NULL is a no-op. */
BC_EXPORT void bc_spoken_free(bc_spoken *sp);

#ifdef __cplusplus
}
#endif
#endif
