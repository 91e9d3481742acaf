/* Sources: turn what the user names into articles.
 *
 * In: the inputs as given on the command line (local files, file:// URLs,
 * http(s) URLs, an OPML list).  Out: one bc_item per article, each holding
 * the article or the one-line reason it failed, so one broken source never
 * sinks a briefing.
 *
 * Every input is a "slot" in an ordered list.  A slot is read (local files
 * at once, URLs in a round of concurrent downloads through fetch.c), then
 * recognized by its content: a feed or an OPML list is replaced in place by
 * slots for its entries or its feeds, anything else becomes an article.
 * Rounds repeat until nothing is left to download (inputs, then the feeds of
 * an OPML list, then the pages of feed entries), so all downloads of one
 * depth run together while the output keeps the order the user gave.
 * Expansion is at most three levels deep (OPML -> feed -> page), so a
 * document cannot make us recurse. */
#include <ctype.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "briefcast/fetch.h"
#include "briefcast/source.h"
#include "util.h"

enum want { W_ANY, W_OPML, W_ARTICLE };
enum slot_state { S_FETCH, S_BYTES, S_DONE, S_EXPANDED };

typedef struct slot {
  struct slot *next;
  char *input;              /* as the user gave it (entries: the feed input) */
  char *link;               /* the path or URL read */
  char *feed;               /* feed URL or path for entries */
  int depth;
  int local;                /* read from the file system */
  int local_links_ok;       /* may expand to file:// links (came from a local file) */
  enum want want;
  enum slot_state state;
  char *bytes;
  size_t len;
  char *content_type;
  char *base;               /* URL to resolve relative links against */
  const bc_feed_entry *entry;  /* entries whose page is fetched: metadata to fill in */
  const bc_feed *from_feed;
  bc_article *article;
  bc_rc rc;
  char *error;
} slot;

typedef struct loader {
  slot *head;
  const bc_load_options *opts;
  bc_state *state;
  long long max_bytes;
  bc_fetcher *fetcher;      /* connections kept from one round to the next */
  bc_feed **feeds;          /* parsed feeds, kept until the end (entries point in) */
  size_t n_feeds, feeds_cap;
} loader;

#define MAX_DEPTH 3

static int is_http(const char *s) {
  return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

static int is_file_url(const char *s) { return strncasecmp(s, "file://", 7) == 0; }

/* file:///path or file://localhost/path -> /path, percent-decoded; NULL for
 * a remote host. */
static char *file_url_path(const char *s) {
  const char *p = s + 7;
  bc_buf b;
  if (strncasecmp(p, "localhost/", 10) == 0) p += 9;
  if (*p != '/') return NULL;
  buf_init(&b);
  for (; *p && *p != '?' && *p != '#'; p++) {
    if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
      char hex[3] = {p[1], p[2], 0};
      buf_addc(&b, (char)strtol(hex, NULL, 16));
      p += 2;
    } else {
      buf_addc(&b, *p);
    }
  }
  return buf_steal(&b);
}

/* An absolute path as a file:// URL, so relative links in a local feed resolve. */
static char *path_to_file_url(const char *path) {
  char *abs = realpath(path, NULL);
  bc_buf b;
  if (!abs) return NULL;
  buf_init(&b);
  buf_adds(&b, "file://");
  for (const char *p = abs; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (isalnum(c) || strchr("/-._~", c))
      buf_addc(&b, (char)c);
    else
      buf_printf(&b, "%%%02X", c);
  }
  free(abs);
  return buf_steal(&b);
}

static void slot_fail(slot *s, bc_rc rc, const char *what, const char *detail) {
  s->rc = rc;
  free(s->error);
  s->error = xasprintf("%s: %s", what, detail && detail[0] ? detail : bc_strerror(rc));
  s->state = S_DONE;
}

static slot *slot_new(const char *input, const char *link, enum want want, int depth) {
  slot *s = xcalloc(1, sizeof *s);
  s->input = xstrdup(input);
  s->link = xstrdup(link);
  s->want = want;
  s->depth = depth;
  s->state = S_FETCH;
  return s;
}

/* Point a new slot at `where`: a URL to download, or a file read now. */
static void slot_target(loader *L, slot *s, const char *where, int local_links_ok) {
  char *path = NULL;
  bc_rc rc;
  if (is_http(where)) {
    s->state = S_FETCH;
    return;
  }
  if (is_file_url(where)) {
    if (!local_links_ok) {
      slot_fail(s, BC_ERR_UNSUPPORTED, where, "a remote document may not point at local files");
      return;
    }
    path = file_url_path(where);
    if (!path) {
      slot_fail(s, BC_ERR_UNSUPPORTED, where, "only local file:// URLs are supported");
      return;
    }
  } else if (strstr(where, "://")) {
    slot_fail(s, BC_ERR_UNSUPPORTED, where, "only http, https and file URLs are supported");
    return;
  } else if (!local_links_ok) {
    slot_fail(s, BC_ERR_UNSUPPORTED, where, "a remote document may not point at local files");
    return;
  }
  s->local = 1;
  s->local_links_ok = 1;
  free(s->link);
  s->link = path ? path : xstrdup(where);
  rc = util_read_file(s->link, (size_t)L->max_bytes, &s->bytes, &s->len);
  if (rc) {
    struct stat st;
    int err = errno;
    const char *why = rc == BC_ERR_NOT_FOUND ? "no such file"
                      : rc == BC_ERR_TOO_LARGE ? "file larger than the size limit"
                      : stat(s->link, &st) == 0 && S_ISDIR(st.st_mode) ? "is a folder, not a file"
                      : NULL;
    if (why) {
      slot_fail(s, rc, s->input, why);
    } else {
      char *msg = xasprintf("cannot read the file: %s", strerror(err));
      slot_fail(s, rc, s->input, msg);
      free(msg);
    }
    return;
  }
  s->base = path_to_file_url(s->link);
  s->state = S_BYTES;
}

/* Fill what the page did not say from the feed entry. */
static void fill_from_entry(bc_article *a, const bc_feed_entry *e, const bc_feed *f) {
  if (!a || !e) return;
  if (!a->title && e->title) a->title = xstrdup(e->title);
  if (!a->published && (e->published || e->updated))
    a->published = xstrdup(e->published ? e->published : e->updated);
  if (!a->byline && e->author) a->byline = xstrdup(e->author);
  if (f && !a->site && f->title) a->site = xstrdup(f->title);
  if (f && !a->language && f->language) a->language = xstrdup(f->language);
}

/* An article from the entry's own text (the whole story, or all there is). */
static bc_rc entry_article(const bc_feed_entry *e, const bc_feed *f, const char *source,
                           bc_article **out, bc_diag *diag) {
  const char *body = e->content && (!e->summary || bc_feed_entry_has_full_text(e) ||
                                    strlen(e->content) >= strlen(e->summary))
                         ? e->content
                         : e->summary;
  int is_html = !(body == e->content && e->content_is_text);
  if (!body) {
    util_diag(diag, "the entry has no link and no text");
    return BC_ERR_EMPTY;
  }
  return bc_article_from_parts(source, e->title, e->author, e->published ? e->published : e->updated,
                               f ? f->title : NULL, f ? f->language : NULL, body, is_html, out, diag);
}

/* Set up slot s for one feed entry. */
static void entry_slot(loader *L, slot *s, const bc_feed_entry *e, const bc_feed *f,
                       int local_links_ok) {
  bc_diag diag = {{0}};
  s->entry = e;
  s->from_feed = f;
  free(s->link);
  s->link = xstrdup(e->link);
  if (bc_feed_entry_has_full_text(e) || !e->link) {
    const char *name = e->link ? e->link : e->id ? e->id : e->title ? e->title : s->input;
    s->rc = entry_article(e, f, name, &s->article, &diag);
    if (s->rc) slot_fail(s, s->rc, name, diag.msg);
    s->state = S_DONE;
    return;
  }
  slot_target(L, s, e->link, local_links_ok);
}

static int looks_like_html(const char *b, size_t len) {
  size_t n = len < 4096 ? len : 4096;
  for (size_t i = 0; i + 5 < n; i++)
    if (b[i] == '<' && (strncasecmp(b + i + 1, "html", 4) == 0 ||
                        strncasecmp(b + i + 1, "!doctype", 8) == 0 ||
                        strncasecmp(b + i + 1, "head", 4) == 0 ||
                        strncasecmp(b + i + 1, "body", 4) == 0 || strncasecmp(b + i + 1, "p>", 2) == 0))
      return 1;
  return 0;
}

static void make_article(slot *s) {
  bc_diag diag = {{0}};
  const char *ct = s->content_type;
  if (s->local) {
    s->rc = bc_article_from_file(s->link, &s->article, &diag);
  } else if (ct && strncasecmp(ct, "text/plain", 10) == 0 && !looks_like_html(s->bytes, s->len)) {
    s->rc = bc_article_from_text(s->bytes, s->len, s->link, &s->article, &diag);
  } else if ((ct && strstr(ct, "html")) || looks_like_html(s->bytes, s->len)) {
    s->rc = bc_article_from_html(s->bytes, s->len, s->base ? s->base : s->link, ct, &s->article,
                                 &diag);
  } else {
    s->rc = bc_article_from_text(s->bytes, s->len, s->link, &s->article, &diag);
  }
  if (s->rc) {
    slot_fail(s, s->rc, s->link, diag.msg);
    return;
  }
  if (!s->local && s->base && s->article->source && strcmp(s->article->source, s->base) != 0) {
    /* name the article by where it ended up after redirects */
    free(s->article->source);
    s->article->source = xstrdup(s->base);
  }
  fill_from_entry(s->article, s->entry, s->from_feed);
  s->state = S_DONE;
}

/* Insert the slots `first..last` after s (they keep their order). */
static void insert_after(slot *s, slot *first, slot *last) {
  if (!first) return;
  last->next = s->next;
  s->next = first;
}

static void expand_feed(loader *L, slot *s) {
  bc_feed *f = NULL;
  bc_diag diag = {{0}};
  bc_rc rc = bc_feed_parse(s->bytes, s->len, s->base, s->content_type, &f, &diag);
  slot *first = NULL, *last = NULL;
  if (rc) {
    slot_fail(s, rc, s->link, diag.msg);
    return;
  }
  if (f->n_entries == 0) {
    bc_feed_free(f);
    slot_fail(s, BC_ERR_EMPTY, s->link, "the feed has no entries");
    return;
  }
  BC_GROW(L->feeds, L->n_feeds, L->feeds_cap);
  L->feeds[L->n_feeds++] = f;
  for (size_t i = 0; i < f->n_entries; i++) {
    slot *k = slot_new(s->input, f->entries[i].link, W_ARTICLE, s->depth + 1);
    k->feed = xstrdup(s->link);
    entry_slot(L, k, &f->entries[i], f, s->local_links_ok);
    if (!first) first = k;
    else last->next = k;
    last = k;
  }
  insert_after(s, first, last);
  s->state = S_EXPANDED;
}

static void expand_opml(loader *L, slot *s) {
  char **urls = NULL;
  size_t n = 0;
  bc_diag diag = {{0}};
  slot *first = NULL, *last = NULL;
  bc_rc rc = bc_opml_parse(s->bytes, s->len, s->base, &urls, &n, &diag);
  if (rc) {
    slot_fail(s, rc, s->link, diag.msg);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    slot *k = slot_new(urls[i], urls[i], W_ANY, s->depth + 1);
    slot_target(L, k, urls[i], s->local_links_ok);
    if (!first) first = k;
    else last->next = k;
    last = k;
  }
  bc_strings_free(urls, n);
  insert_after(s, first, last);
  s->state = S_EXPANDED;
}

static void process(loader *L, slot *s) {
  bc_doc_kind kind = bc_doc_sniff(s->bytes, s->len);
  if (s->want == W_OPML && kind != BC_DOC_OPML) {
    slot_fail(s, BC_ERR_PARSE, s->link, "not an OPML list");
  } else if (s->want != W_ARTICLE && kind == BC_DOC_FEED && s->depth < MAX_DEPTH) {
    expand_feed(L, s);
  } else if (s->want != W_ARTICLE && kind == BC_DOC_OPML && s->depth < MAX_DEPTH - 1) {
    expand_opml(L, s);
  } else {
    make_article(s);
  }
  free(s->bytes);
  s->bytes = NULL;
  s->len = 0;
}

static void on_fetched(const char *url, size_t done, size_t total, void *user) {
  const bc_load_options *o = user;
  if (o && o->on_progress) o->on_progress(url, done, total, o->user);
}

/* One round: download every slot waiting for a URL, concurrently. */
static void fetch_round(loader *L) {
  const char **urls = NULL;
  slot **who = NULL;
  size_t n = 0, cap = 0, wcap = 0, nw = 0;
  bc_fetch_options fo = {0};
  bc_response *resp = NULL;
  const bc_load_options *o = L->opts;

  for (slot *s = L->head; s; s = s->next) {
    if (s->state != S_FETCH) continue;
    BC_GROW(who, nw, wcap);
    who[nw++] = s;
    size_t i;
    for (i = 0; i < n && strcmp(urls[i], s->link) != 0; i++) {
    }
    if (i == n) {
      BC_GROW(urls, n, cap);
      urls[n++] = s->link;
    }
  }
  if (!n) {
    free(who);
    return;
  }
  if (o) {
    fo.jobs = o->jobs;
    fo.max_bytes = o->max_bytes;
    fo.timeout_seconds = o->timeout_seconds;
    fo.connect_timeout_seconds = o->connect_timeout_seconds;
    fo.retries = o->retries;
    fo.on_progress = on_fetched;
    fo.user = (void *)o;
  }
  fo.state = L->state;
  if (!L->fetcher) L->fetcher = bc_fetcher_new();
  fo.fetcher = L->fetcher;
  bc_fetch_many(urls, n, &fo, &resp);
  for (size_t k = 0; k < nw; k++) {
    slot *s = who[k];
    size_t i;
    for (i = 0; i < n && strcmp(urls[i], s->link) != 0; i++) {
    }
    bc_response *r = &resp[i];
    if (r->rc) {
      slot_fail(s, r->rc, s->link, r->error);
      continue;
    }
    s->bytes = xmalloc(r->len + 1);
    memcpy(s->bytes, r->body, r->len);
    s->bytes[r->len] = '\0';
    s->len = r->len;
    s->content_type = xstrdup(r->content_type);
    s->base = xstrdup(r->final_url ? r->final_url : s->link);
    s->state = S_BYTES;
  }
  bc_responses_free(resp, n);
  free(urls);
  free(who);
}

static void run(loader *L) {
  for (;;) {
    int again = 1, waiting = 0;
    while (again) {
      again = 0;
      for (slot *s = L->head; s; s = s->next)
        if (s->state == S_BYTES) {
          process(L, s);
          again = 1;
        }
    }
    for (slot *s = L->head; s; s = s->next)
      if (s->state == S_FETCH) waiting = 1;
    if (!waiting) break;
    fetch_round(L);
  }
}

static bc_rc loader_init(loader *L, const bc_load_options *opts, bc_state **owned) {
  memset(L, 0, sizeof *L);
  *owned = NULL;
  L->opts = opts;
  L->max_bytes = opts && opts->max_bytes > 0 ? opts->max_bytes : BC_FETCH_DEFAULT_MAX_BYTES;
  if (opts && opts->state) {
    L->state = opts->state;
  } else if (opts && opts->state_path) {
    bc_rc rc = bc_state_open(opts->state_path, owned, NULL);
    if (rc) return rc;
    L->state = *owned;
  }
  return BC_OK;
}

/* Collect finished slots into items and free the list. */
static void loader_finish(loader *L, bc_item **items, size_t *n_items) {
  size_t n = 0, cap = 0;
  bc_item *out = NULL;
  slot *s = L->head, *next;
  for (; s; s = next) {
    next = s->next;
    if (s->state == S_DONE) {
      BC_GROW(out, n, cap);
      bc_item *it = &out[n++];
      memset(it, 0, sizeof *it);
      it->input = s->input;
      it->link = s->link ? s->link : xstrdup(s->input);
      it->feed = s->feed;
      it->article = s->article;
      it->rc = s->rc;
      it->error = s->error;
      s->input = s->link = s->feed = s->error = NULL;
      s->article = NULL;
    }
    free(s->input);
    free(s->link);
    free(s->feed);
    free(s->error);
    free(s->bytes);
    free(s->content_type);
    free(s->base);
    bc_article_free(s->article);
    free(s);
  }
  for (size_t i = 0; i < L->n_feeds; i++) bc_feed_free(L->feeds[i]);
  free(L->feeds);
  bc_fetcher_free(L->fetcher);
  *items = out ? out : xcalloc(1, sizeof *out);
  *n_items = n;
}

bc_rc bc_load_sources(const char *const *inputs, size_t n_inputs, const bc_load_options *opts,
                      bc_item **items, size_t *n_items) {
  loader L;
  bc_state *owned = NULL;
  slot *tail = NULL;
  bc_rc rc;

  *items = NULL;
  *n_items = 0;
  rc = loader_init(&L, opts, &owned);
  if (rc) return rc;
  for (size_t i = 0; i <= n_inputs; i++) {
    const char *in = i < n_inputs ? inputs[i] : opts ? opts->opml : NULL;
    if (!in) continue;
    slot *s = slot_new(in, in, i < n_inputs ? W_ANY : W_OPML, 0);
    /* What the user names may be local; what documents name may not. */
    slot_target(&L, s, in, 1);
    if (s->local) s->local_links_ok = 1;
    if (tail) tail->next = s;
    else L.head = s;
    tail = s;
  }
  run(&L);
  loader_finish(&L, items, n_items);
  bc_state_close(owned);
  return BC_OK;
}

bc_rc bc_load_entries(const bc_feed_entry *const *entries, const bc_feed *const *feeds, size_t n,
                      const bc_load_options *opts, bc_item **items, size_t *n_items) {
  loader L;
  bc_state *owned = NULL;
  slot *tail = NULL;
  bc_rc rc;

  *items = NULL;
  *n_items = 0;
  rc = loader_init(&L, opts, &owned);
  if (rc) return rc;
  for (size_t i = 0; i < n; i++) {
    const bc_feed *f = feeds ? feeds[i] : NULL;
    const char *name = f && f->url ? f->url : "feed";
    slot *s = slot_new(name, entries[i]->link, W_ARTICLE, 1);
    s->feed = xstrdup(f ? f->url : NULL);
    /* Entries of a local feed may name local files. */
    entry_slot(&L, s, entries[i], f, f && f->url && is_file_url(f->url));
    if (tail) tail->next = s;
    else L.head = s;
    tail = s;
  }
  run(&L);
  loader_finish(&L, items, n_items);
  bc_state_close(owned);
  return BC_OK;
}

void bc_items_free(bc_item *items, size_t n) {
  size_t i;
  if (!items) return;
  for (i = 0; i < n; i++) {
    free(items[i].input);
    free(items[i].link);
    free(items[i].feed);
    free(items[i].error);
    bc_article_free(items[i].article);
  }
  free(items);
}
