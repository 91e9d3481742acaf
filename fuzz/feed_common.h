/* Shared body of the feed harnesses: sniff, parse, serialize, and the OPML
 * and date readers on the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/common.h"
#include "briefcast/feed.h"

static void fuzz_feed_bytes(const uint8_t *data, size_t size) {
  bc_feed *f = NULL;
  bc_diag d;
  (void)bc_doc_sniff((const char *)data, size);
  if (bc_feed_parse((const char *)data, size, "https://feeds.example.org/news/rss.xml",
                    size && (data[0] & 1) ? "application/rss+xml; charset=iso-8859-1" : NULL, &f,
                    &d) == BC_OK) {
    char *json = NULL;
    if (bc_feed_to_json(f, &json) == BC_OK) bc_free(json);
    for (size_t i = 0; i < f->n_entries; i++) (void)bc_feed_entry_has_full_text(&f->entries[i]);
  }
  bc_feed_free(f);
  char **urls = NULL;
  size_t n = 0;
  if (bc_opml_parse((const char *)data, size, "https://example.org/", &urls, &n, &d) == BC_OK)
    bc_strings_free(urls, n);
  if (size < 256) {
    char s[257];
    memcpy(s, data, size);
    s[size] = 0;
    bc_free(bc_date_normalize(s));
  }
}
