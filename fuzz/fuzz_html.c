/* Fuzz the HTML extractor: any bytes, any charset, must give an article or
 * an error, never a crash, a leak or undefined behaviour.  The first byte
 * picks a Content-Type header (none, UTF-8, Latin-1, a bogus charset). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "briefcast/article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *types[] = {NULL, "text/html; charset=utf-8", "text/html; charset=iso-8859-1",
                                "text/html; charset=x-nonsense"};
  const char *ct = size ? types[data[0] & 3] : NULL;
  bc_article *a = NULL;
  bc_diag d;
  if (bc_article_from_html((const char *)data, size, "https://news.example.com/a/b/story.html", ct,
                           &a, &d) == BC_OK) {
    /* the contract: valid offsets into text */
    for (size_t i = 0; i < a->n_blocks; i++)
      if (a->blocks[i].start > a->blocks[i].end || a->blocks[i].end > a->text_len)
        __builtin_trap();
    if (a->text && strlen(a->text) != a->text_len) __builtin_trap();
  }
  bc_article_free(a);
  return 0;
}
