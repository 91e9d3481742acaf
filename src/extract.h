/* Private: pieces the extract stage shares between its files
 * (extract.c: text files and the public entry points; extract_html.c: pages). */
#ifndef BC_EXTRACT_H
#define BC_EXTRACT_H

#include "briefcast/article.h"
#include "util.h"

/* The body of an article as it is being assembled. */
typedef struct extract_body {
  bc_buf text;
  bc_block *blocks;
  size_t n_blocks, cap;
} extract_body;

void extract_body_init(extract_body *b);
/* Append one paragraph or subhead: white space is collapsed, the ends are
 * trimmed, U+FFFD and controls dropped; an empty block is ignored.
 * Returns 1 if a block was added. */
int extract_body_add(extract_body *b, const char *s, size_t n, bc_block_kind kind);
/* Move the body into the article (text, text_len, blocks). */
void extract_body_finish(extract_body *b, bc_article *a);
void extract_body_free(extract_body *b);

/* Collapse white space and trim; NULL or empty -> NULL. */
char *extract_clean(const char *s);

/* Page metadata (extract_meta.c), each field NULL when the page does not
 * say; article_body is the JSON-LD articleBody, raw. */
struct _xmlDoc;
typedef struct extract_meta {
  char *title, *byline, *published, *site, *language, *article_body;
  char *description;  /* og:/meta/JSON-LD description, raw (may hold HTML) */
} extract_meta;
void extract_meta_collect(struct _xmlDoc *doc, const char *url, extract_meta *out);
void extract_meta_free(extract_meta *m);
/* A date in any common notation ("3. August 2017", "Aug 3, 2017 5:23 PM",
 * "2017-08-03T10:49:24Z", "03.08.2017") as ISO 8601, or NULL. */
char *extract_iso_date(const char *s);

/* The HTML extractor (extract_html.c). bytes are raw, any charset. */
bc_rc extract_html(const char *bytes, size_t len, const char *url, const char *content_type,
                   bc_article **out, bc_diag *diag);
/* Same, on text already in UTF-8 (feed content, for instance). */
bc_rc extract_html_utf8(const char *html, size_t len, const char *url, bc_article **out,
                        bc_diag *diag);

#endif
