/* briefcast: feeds, which list articles.
 *
 * RSS 0.9x and 2.0, RSS 1.0 (RDF), Atom 1.0 and 0.3 and JSON Feed 1.0/1.1
 * are read into one shape, bc_feed.  Links are absolute (resolved against
 * xml:base or the feed's own URL), dates are ISO 8601 in UTC
 * ("2024-05-01T12:00:00Z"), text fields are valid UTF-8.  summary and
 * content keep the feed's markup (HTML); titles are plain text.  OPML
 * subscription lists are read here too. */
#ifndef BRIEFCAST_FEED_H
#define BRIEFCAST_FEED_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_enclosure {
  char *url;
  char *type;               /* MIME type, or NULL */
  long long length;         /* bytes, or -1 when unknown */
} bc_enclosure;

typedef struct bc_feed_entry {
  char *title;              /* plain text, or NULL */
  char *link;               /* absolute URL of the article, or NULL */
  char *id;                 /* guid / id, or NULL */
  char *published;          /* ISO 8601 UTC, or NULL */
  char *updated;            /* ISO 8601 UTC, or NULL */
  char *summary;            /* HTML (or text), or NULL */
  char *content;            /* full content as HTML (or text), or NULL */
  int content_is_text;      /* 1: content is plain text (JSON Feed content_text) */
  char *author;             /* names, comma separated, or NULL */
  char **categories;
  size_t n_categories;
  bc_enclosure *enclosures;
  size_t n_enclosures;
} bc_feed_entry;

typedef struct bc_feed {
  char *url;                /* where it was read from, or NULL */
  const char *format;       /* "rss", "rdf", "atom", "json" (static) */
  char *title, *link, *description, *language, *updated;
  bc_feed_entry *entries;
  size_t n_entries;
} bc_feed;

typedef enum bc_doc_kind {
  BC_DOC_OTHER = 0,         /* a page or text: an article */
  BC_DOC_FEED,              /* RSS, RDF, Atom or JSON Feed */
  BC_DOC_OPML               /* an OPML subscription list */
} bc_doc_kind;

/* What a document is, by its content (not its name or Content-Type). */
BC_EXPORT bc_doc_kind bc_doc_sniff(const char *bytes, size_t len);

/* Parse a feed.  url (may be NULL) is where it came from, used for
 * relative links; content_type (may be NULL) is the HTTP header, whose
 * charset is used when the document does not declare one.  Errors:
 * BC_ERR_PARSE (not a feed), BC_ERR_EMPTY.  Free with bc_feed_free(). */
BC_EXPORT bc_rc bc_feed_parse(const char *bytes, size_t len, const char *url,
                              const char *content_type, bc_feed **out, bc_diag *diag);

BC_EXPORT void bc_feed_free(bc_feed *f);

/* The feed as one JSON object: title, link, description, language,
 * updated, entries[] with title, link, id, published, updated, summary,
 * content, author, categories[], enclosures[] (url, type, length); absent
 * values are null.  Free *out with bc_free(). */
BC_EXPORT bc_rc bc_feed_to_json(const bc_feed *f, char **out);

/* Entry text good enough to stand for the article (full content, not a
 * teaser): 1 or 0. */
BC_EXPORT int bc_feed_entry_has_full_text(const bc_feed_entry *e);

/* Normalize a date in RFC 822 / RFC 1123 / ISO 8601 form (and their usual
 * mistakes: missing weekday or seconds, two-digit years, named time zones,
 * "+0000" offsets, a space for 'T') to "YYYY-MM-DDTHH:MM:SSZ".  A date
 * without a time is midnight UTC; without a zone, UTC.  NULL when it cannot
 * be read.  Free with bc_free(). */
BC_EXPORT char *bc_date_normalize(const char *s);

/* The feed URLs (xmlUrl) of an OPML list, in document order, resolved
 * against base_url (may be NULL).  Free with bc_strings_free(). */
BC_EXPORT bc_rc bc_opml_parse(const char *bytes, size_t len, const char *base_url, char ***urls,
                              size_t *n, bc_diag *diag);

BC_EXPORT void bc_strings_free(char **v, size_t n);

#ifdef __cplusplus
}
#endif
#endif
