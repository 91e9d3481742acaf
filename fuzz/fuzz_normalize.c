/* Fuzz the normalizer: the first byte picks the language; the token map must
 * stay inside the spoken and source texts. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "briefcast/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *langs[] = {NULL, "en", "de", "fr", "es", "en-GB", "xx", "de-AT"};
  if (!size) return 0;
  const char *lang = langs[data[0] & 7];
  const char *text = (const char *)data + 1;
  size_t len = size - 1;
  bc_spoken *sp = NULL;
  if (bc_normalize(text, len, lang, &sp) == BC_OK) {
    for (size_t i = 0; i < sp->n_map; i++) {
      const bc_token_map *m = &sp->map[i];
      if (m->spoken_start > m->spoken_end || m->spoken_end > sp->len) __builtin_trap();
      if (m->source_start > m->source_end || m->source_end > len) __builtin_trap();
    }
    for (size_t pos = 0; pos <= sp->len; pos += 1 + sp->len / 16)
      if (bc_spoken_source_offset(sp, pos) > len) __builtin_trap();
  }
  bc_spoken_free(sp);
  return 0;
}
