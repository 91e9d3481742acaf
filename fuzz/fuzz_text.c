/* Fuzz the plain-text article reader. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "briefcast/article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  bc_article *a = NULL;
  bc_diag d;
  if (bc_article_from_text((const char *)data, size, "story.txt", &a, &d) == BC_OK) {
    for (size_t i = 0; i < a->n_blocks; i++)
      if (a->blocks[i].start > a->blocks[i].end || a->blocks[i].end > a->text_len)
        __builtin_trap();
    if (a->text && strlen(a->text) != a->text_len) __builtin_trap();
  }
  bc_article_free(a);
  return 0;
}
