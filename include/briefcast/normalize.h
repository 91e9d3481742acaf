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

typedef struct bc_token_map {
  size_t spoken_start, spoken_end;  /* byte range in the spoken text */
  size_t source_start, source_end;  /* byte range in the source text */
} bc_token_map;

typedef struct bc_spoken {
  char *text;               /* the speakable text, UTF-8 */
  size_t len;
  bc_token_map *map;        /* in spoken order */
  size_t n_map;
} bc_spoken;

/* Normalize `text` (UTF-8, len bytes) for language `lang` (NULL or "en" for
 * English).  Free with bc_spoken_free(). */
BC_EXPORT bc_rc bc_normalize(const char *text, size_t len, const char *lang, bc_spoken **out);

/* The source byte offset that spoken byte offset `pos` comes from. */
BC_EXPORT size_t bc_spoken_source_offset(const bc_spoken *sp, size_t pos);

BC_EXPORT void bc_spoken_free(bc_spoken *sp);

#ifdef __cplusplus
}
#endif
#endif
