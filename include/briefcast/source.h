/* briefcast: sources, which turn what the user names (local files, and in
 * time URLs, feeds and OPML lists) into articles.
 *
 * Each input becomes one or more items; an item holds either an article or
 * the reason it could not be read, so one broken source never sinks a
 * briefing. */
#ifndef BRIEFCAST_SOURCE_H
#define BRIEFCAST_SOURCE_H

#include "article.h"
#include "feed.h"
#include "state.h"

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
  /* called after each source is loaded; NULL = no progress reports */
  void (*on_progress)(const char *what, size_t done, size_t total, void *user);
  void *user;
  const char *opml;         /* an OPML list (file or URL) whose feeds are read
                               after the inputs; NULL = none */
  bc_state *state;          /* an open state database (wins over state_path) */
  int retries;              /* per URL after 429/5xx/timeouts; 0 = 2, -1 = none */
  int connect_timeout_seconds; /* 0 = 10 */
} bc_load_options;

/* Load every input, in the order given.  An input is a local file, a
 * file:// URL or an http(s) URL; each is read and recognized by content: a
 * feed (RSS, RDF, Atom, JSON Feed) expands to its entries, an OPML list to
 * its feeds, anything else is one article (HTML or text).  A feed entry
 * that carries the full text becomes an article directly; otherwise its
 * link is fetched.  Remote feeds may only link to http(s) pages, never to
 * local files.  All downloads of one round run concurrently (opts->jobs).  *items receives one entry per
 * article (a feed expands to its entries); free with bc_items_free().
 * Returns BC_OK even when some items failed: check each item's rc. */
BC_EXPORT bc_rc bc_load_sources(const char *const *inputs, size_t n_inputs,
                                const bc_load_options *opts, bc_item **items,
                                size_t *n_items);

/* Load the articles of chosen feed entries: (*items)[i] answers entries[i]
 * (full text from the entry, else the fetched link; the feed's metadata
 * fills what the page lacks).  feeds[i] is the feed entries[i] came from.
 * Free with bc_items_free(). */
BC_EXPORT bc_rc bc_load_entries(const bc_feed_entry *const *entries, const bc_feed *const *feeds,
                                size_t n, const bc_load_options *opts, bc_item **items,
                                size_t *n_items);

BC_EXPORT void bc_items_free(bc_item *items, size_t n);

#ifdef __cplusplus
}
#endif
#endif
