/* briefcast: the article, and the extract stage that produces it.
 *
 * An article is what a page or a text file says once the boilerplate is gone:
 * metadata plus the body as paragraphs.  The body is one UTF-8 string with
 * paragraphs separated by "\n\n"; `blocks` says where each paragraph starts
 * and ends in it and whether it is a subhead.  Every later stage points into
 * `text` with byte offsets, so `text` never changes once extracted. */
#ifndef BRIEFCAST_ARTICLE_H
#define BRIEFCAST_ARTICLE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bc_block_kind {
  BC_BLOCK_PARAGRAPH = 0,
  BC_BLOCK_SUBHEAD          /* a heading inside the body */
} bc_block_kind;

typedef struct bc_block {
  bc_block_kind kind;
  size_t start, end;        /* byte offsets in bc_article.text, end exclusive */
} bc_block;

typedef struct bc_article {
  char *source;             /* the path or URL it came from */
  char *title;              /* headline; NULL when unknown */
  char *byline;             /* author names as printed, without "By"; NULL when unknown */
  char *published;          /* ISO 8601 date or date-time; NULL when unknown */
  char *site;               /* site or publication name; NULL when unknown */
  char *language;           /* BCP 47 tag such as "en" or "de-DE"; NULL when unknown */
  char *text;               /* body: valid UTF-8, paragraphs separated by "\n\n" */
  size_t text_len;
  bc_block *blocks;         /* one per paragraph or subhead, in order */
  size_t n_blocks;
} bc_article;

/* Extract the article from an HTML page.
 * bytes/len: the raw page in any charset.  url: where it came from (may be
 * NULL), used to resolve links and name the source.  content_type: the HTTP
 * Content-Type header if fetched, else NULL (its charset wins over the page's).
 * On success *out is a new article; free it with bc_article_free(). */
BC_EXPORT bc_rc bc_article_from_html(const char *bytes, size_t len, const char *url,
                                     const char *content_type, bc_article **out,
                                     bc_diag *diag);

/* Read an article from plain UTF-8 text: an optional title line (and an
 * optional headline line) separated by blank lines, then paragraphs, one per
 * line or separated by blank lines.  Binary or empty input is refused with
 * BC_ERR_BINARY / BC_ERR_EMPTY.  Free with bc_article_free(). */
BC_EXPORT bc_rc bc_article_from_text(const char *bytes, size_t len, const char *name,
                                     bc_article **out, bc_diag *diag);

/* Read a local file and extract it as HTML or text, by content (a leading
 * '<' with an html/doctype/head/body tag means HTML), whatever the extension. */
BC_EXPORT bc_rc bc_article_from_file(const char *path, bc_article **out, bc_diag *diag);

/* Build an article from parts already known (a feed entry with full content,
 * for instance).  Copies every string; text may be NULL-terminated HTML or
 * plain text as `is_html` says.  Free with bc_article_free(). */
BC_EXPORT bc_rc bc_article_from_parts(const char *source, const char *title,
                                      const char *byline, const char *published,
                                      const char *site, const char *language,
                                      const char *body, int is_html,
                                      bc_article **out, bc_diag *diag);

BC_EXPORT void bc_article_free(bc_article *a);

#ifdef __cplusplus
}
#endif
#endif
