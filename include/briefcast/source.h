/* briefcast: sources, which turn what the user names (local files, and in
 * time URLs, feeds and OPML lists) into articles.
 *
 * Each input becomes one or more items; an item holds either an article or
 * the reason it could not be read, so one broken source never sinks a
 * briefing. */
#ifndef BRIEFCAST_SOURCE_H
#define BRIEFCAST_SOURCE_H

#include "article.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_item {
  char *input;              /* the source as the user gave it */
  char *link;               /* the article's own path or URL */
  char *feed;               /* the feed it came from, or NULL */
  bc_article *article;      /* NULL when rc != BC_OK */
  bc_rc rc;
  char *error;              /* one line naming the problem when rc != BC_OK */
} bc_item;

typedef struct bc_load_options {
  int jobs;                 /* concurrent downloads; 0 = 8 */
  long long max_bytes;      /* largest body accepted; 0 = 20 MB */
  int timeout_seconds;      /* per request; 0 = 30 */
  const char *state_path;   /* SQLite state file for HTTP caching; NULL = none */
  int progress;             /* 1: report progress through the callback */
  void (*on_progress)(const char *what, size_t done, size_t total, void *user);
  void *user;
} bc_load_options;

/* Load every input, in the order given.  *items receives one entry per
 * article (a feed expands to its entries); free with bc_items_free().
 * Returns BC_OK even when some items failed: check each item's rc. */
BC_EXPORT bc_rc bc_load_sources(const char *const *inputs, size_t n_inputs,
                                const bc_load_options *opts, bc_item **items,
                                size_t *n_items);

BC_EXPORT void bc_items_free(bc_item *items, size_t n);

#ifdef __cplusplus
}
#endif
#endif
