/* Extract, HTML: the article in a web page.
 *
 * In: page bytes in any charset.  Out: a bc_article (title, byline, date,
 * site, language, body paragraphs and subheads).
 *
 * The page is decoded to UTF-8 by charset.c and parsed by libxml2's HTML
 * parser in recovery mode.  Nothing below recurses: a page may nest 100 000
 * elements.  Three passes over the tree:
 *   1. measure: raw text and <p> text ("prose") under each element, so that
 *      no class name can throw away most of the page or of its prose;
 *   2. walk, in document order: subtrees that are never the story are
 *      skipped (scripts, form controls, hidden elements, and classes/ids of
 *      strong boilerplate: comments, share bars, ads, newsletter boxes,
 *      cookie dialogs, captions and credits); the text is cut into blocks
 *      at block-level elements, each remembering its length, its link text
 *      and the element that holds it; weak boilerplate (nav, aside, footer,
 *      menus, meta lines, tags) is marked but kept for now;
 *   3. score, bottom-up in reverse document order: each block is worth its
 *      length when it is prose and a penalty when it is a link list or a
 *      scrap, and each element sums its subtree (weak boilerplate does not
 *      lend its positive content to its ancestors).
 * The story's container is the best-scoring element (prose, not teaser
 * lists), unless the page marks its body (entry-content, article-body,
 * itemprop=articleBody) and that body holds a fair share: then the marked
 * body wins, with any twins of the same markup.  Siblings of the container
 * with prose of their own join it, and so does the lead just before it
 * (an intro/standfirst/deck, or a prose paragraph right above the body).
 * Every block inside survives unless a filter drops it: weak boilerplate
 * holding little of the story, link lists and their headings, furniture
 * lines ("Read more", "Advertisement", "Subscribe", bylines, "Updated 5:23
 * PM ET", credits, footers), subheads heading nothing, short trailing
 * signatures.  Fallbacks: the whole page when no container stands out, and
 * the JSON-LD articleBody or the description when the page yields little
 * or nothing (a page drawn by script). */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include "charset.h"
#include "extract.h"
#include "util.h"

/* ------------------------------------------------------------ tag classes */

enum {
  T_BLOCK = 1 << 0,    /* starts and ends a block of text */
  T_SKIP = 1 << 1,     /* never part of the story, with everything inside */
  T_HEADING = 1 << 2,
  T_LINK = 1 << 3,
  T_LIST = 1 << 4,     /* li, dt, dd */
  T_CELL = 1 << 5,     /* td, th */
  T_PARA = 1 << 6,     /* p, pre, blockquote: paragraph by nature */
  T_BR = 1 << 7,
  T_BOILER = 1 << 8,   /* nav, aside, footer...: skipped unless it holds the story */
  T_SEMANTIC = 1 << 9, /* article, main */
  T_FIGURE = 1 << 10,  /* figure, figcaption: captions and credits */
  T_NOSCRIPT = 1 << 11,
};

typedef struct tag_class {
  const char *name;
  int flags;
} tag_class;

/* Sorted by name for bsearch. */
static const tag_class tags[] = {
  {"address", T_BLOCK}, {"applet", T_SKIP}, {"area", T_SKIP}, {"article", T_BLOCK | T_SEMANTIC},
  {"aside", T_BLOCK | T_BOILER}, {"audio", T_SKIP}, {"blockquote", T_BLOCK | T_PARA},
  {"body", T_BLOCK}, {"br", T_BR}, {"button", T_SKIP}, {"canvas", T_SKIP},
  {"caption", T_BLOCK}, {"center", T_BLOCK}, {"dd", T_BLOCK | T_LIST},
  {"details", T_BLOCK}, {"dialog", T_SKIP}, {"dir", T_BLOCK}, {"div", T_BLOCK},
  {"dl", T_BLOCK}, {"dt", T_BLOCK | T_LIST}, {"embed", T_SKIP}, {"fieldset", T_BLOCK},
  {"figcaption", T_BLOCK | T_FIGURE}, {"figure", T_BLOCK | T_FIGURE},
  {"footer", T_BLOCK | T_BOILER}, {"form", T_BLOCK}, {"frame", T_SKIP},
  {"frameset", T_SKIP}, {"h1", T_BLOCK | T_HEADING}, {"h2", T_BLOCK | T_HEADING},
  {"h3", T_BLOCK | T_HEADING}, {"h4", T_BLOCK | T_HEADING}, {"h5", T_BLOCK | T_HEADING},
  {"h6", T_BLOCK | T_HEADING}, {"head", T_SKIP}, {"header", T_BLOCK | T_BOILER},
  {"hgroup", T_BLOCK}, {"hr", T_BLOCK}, {"html", T_BLOCK}, {"iframe", T_SKIP},
  {"img", T_SKIP}, {"input", T_SKIP}, {"label", T_SKIP}, {"legend", T_BLOCK}, {"li", T_BLOCK | T_LIST},
  {"link", T_SKIP}, {"main", T_BLOCK | T_SEMANTIC}, {"map", T_SKIP}, {"math", T_SKIP},
  {"menu", T_BLOCK | T_BOILER}, {"meta", T_SKIP}, {"nav", T_BLOCK | T_BOILER},
  {"noscript", T_BLOCK | T_NOSCRIPT}, {"object", T_SKIP}, {"ol", T_BLOCK}, {"optgroup", T_SKIP},
  {"option", T_SKIP}, {"p", T_BLOCK | T_PARA}, {"picture", T_SKIP}, {"pre", T_BLOCK | T_PARA},
  {"script", T_SKIP}, {"section", T_BLOCK}, {"select", T_SKIP}, {"source", T_SKIP},
  {"style", T_SKIP}, {"summary", T_BLOCK}, {"svg", T_SKIP}, {"table", T_BLOCK},
  {"tbody", T_BLOCK}, {"td", T_BLOCK | T_CELL}, {"template", T_SKIP}, {"textarea", T_SKIP},
  {"tfoot", T_BLOCK}, {"th", T_BLOCK | T_CELL}, {"thead", T_BLOCK}, {"title", T_SKIP},
  {"tr", T_BLOCK}, {"track", T_SKIP}, {"ul", T_BLOCK}, {"video", T_SKIP},
};

static int tag_cmp(const void *key, const void *elem) {
  return strcmp((const char *)key, ((const tag_class *)elem)->name);
}

static int tag_flags(const xmlNode *n) {
  const tag_class *t;
  if (!n->name) return 0;
  if (n->name[0] == 'a' && n->name[1] == 0) return T_LINK;
  t = bsearch(n->name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
  return t ? t->flags : 0;
}

/* An attribute's value without copying it (NULL if absent). */
static const char *attr(const xmlNode *n, const char *name) {
  const xmlAttr *a;
  for (a = n->properties; a; a = a->next)
    if (a->name && strcasecmp((const char *)a->name, name) == 0) {
      if (a->children && a->children->content) return (const char *)a->children->content;
      return "";
    }
  return NULL;
}

/* ---------------------------------------------------- the walk's records */

/* The tree is freed as the walk leaves it (it is several times the size of
 * the page), so an element keeps what the later passes ask of it: its tag
 * name, class and id (interned by the walk) and what its microdata says. */
typedef struct elem {
  const char *name, *cls, *id;  /* cls, id: NULL when absent */
  unsigned char body_prop;      /* itemprop articleBody or text */
  unsigned char article_type;   /* itemtype of an Article, BlogPosting or Report */
  int parent;          /* index of the parent element, -1 at the top */
  int end;             /* one past the last descendant's index */
  int flags;           /* tag class */
  int weight;          /* class/id judgement, see weight_of() */
  int boiler;          /* 1: a boilerplate container (weak: kept if it holds the story) */
  int weak_parent;     /* nearest boilerplate ancestor, -1 if none */
  double content;      /* sum of block values in the subtree */
  double vote;         /* the same without what boilerplate descendants hold */
  size_t text, link;   /* characters of text / of link text in the subtree */
} elem;

typedef struct block {
  size_t off, len;     /* in the walk's text buffer */
  size_t link;         /* link text bytes in it */
  int owner;           /* element index that holds it */
  int flags;           /* tag class of the owner */
  int in_figure;
} block;

/* Class attributes repeat across a page ("menu-item", "comment"): their
 * judgement is looked up in a small open-addressing table per page. */
#define NAME_CACHE 2048
typedef struct name_cache {
  char *key[NAME_CACHE];
  unsigned char mask[NAME_CACHE];
  size_t used;
} name_cache;

typedef struct walk {
  name_cache *names;
  char **strs;         /* interned names and attributes (open addressing) */
  size_t n_strs, cap_strs;
  size_t page_text;    /* raw text bytes of the whole page */
  size_t page_prose;   /* of which inside <p> */
  elem *elems;
  size_t n_elems, cap_elems;
  block *blocks;
  size_t n_blocks, cap_blocks;
  bc_buf text;         /* all block text, back to back */
  size_t cur_start;    /* start of the block being gathered */
  size_t cur_link;
  int link_depth, figure_depth;
  int *owner_stack;    /* block-level elements open */
  size_t n_owner, cap_owner;
  int *weak_stack;
  size_t n_weak, cap_weak;
} walk;

/* ------------------------------------------------- class and id judgement */

/* Lowercased class + id of n into buf, without the parts that describe a
 * state rather than what the element is: BEM modifiers ("section--has-ads")
 * and "has-"/"with-"/"no-" classes.  Returns 0 if there is neither. */
static size_t clean_names(const char *c, char *buf, size_t size, size_t k) {
  while (c && *c) {
    const char *e;
    size_t len, i;
    while (*c && isspace((unsigned char)*c)) c++;
    e = c;
    while (*e && !isspace((unsigned char)*e)) e++;
    len = (size_t)(e - c);
    for (i = 0; i + 1 < len; i++)
      if (c[i] == '-' && c[i + 1] == '-') { len = i; break; }
    if (len && !(strncasecmp(c, "has-", 4) == 0 || strncasecmp(c, "with-", 5) == 0 ||
                 strncasecmp(c, "no-", 3) == 0 || strncasecmp(c, "js-", 3) == 0)) {
      for (i = 0; i < len && k + 2 < size; i++) buf[k++] = (char)tolower((unsigned char)c[i]);
      if (k + 1 < size) buf[k++] = ' ';
    }
    c = e;
  }
  buf[k] = 0;
  return k;
}

static int class_id_of(const char *cls, const char *id, char *buf, size_t size) {
  if (!cls && !id) return 0;
  clean_names(id, buf, size, clean_names(cls, buf, size, 0));
  return 1;
}

static int class_id(const xmlNode *n, char *buf, size_t size) {
  return class_id_of(attr(n, "class"), attr(n, "id"), buf, size);
}

/* Class and id judgement.  Strong boilerplate is skipped with its subtree
 * while walking (comments, share bars, ads...: they may hold long text that
 * must never win the content vote); weak boilerplate (menus, sidebars,
 * headers, meta lines, tags) is kept in the vote but left out of the body
 * unless it holds most of the story. */

/* Stems: anywhere in the class or id. */
static const char *strong_stems[] = {
  "comment", "disqus", "share", "sharing", "social", "newsletter", "subscribe", "subscription",
  "advert", "sponsor", "outbrain", "taboola", "plista", "cookie", "consent", "gdpr", "popup",
  "modal", "related", "recommend", "breadcrumb", "pagination", "signup", "sign-up",
  "login", "print-only", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader",
  "skip-link", "skiplink", "caption", "credit", "byline", "author-bio", "authorbio",
  "most-popular", "mostpopular", "mostread", "most-read", "trending", "further-reading",
  "sharebar", "follow-us", "prev-next", "nextprev", "newsticker", "privacy", "datapolicy",
  "dataprotection", "datenschutz", "authorbox", "author-box", "author_box", "author-info",
  "author-description", "about-author", "about-the-author", "author-details",
  "author-profile",
};
static const char *weak_stems[] = {
  "banner", "masthead", "toolbar", "dateline", "timestamp", "publish-date", "post-meta",
  "entry-meta", "article-meta", "tag-list", "taglist", "tags-list", "post-tags", "article-tags",
  "promo", "teaser-list", "widget_", "widget-area", "widgets", "sidebar", "footer",
  "navigation", "navbar", "menu",
  "donate", "rating", "infobox", "breaking", "paywall",
};

/* Words: whole pieces of a class or id between spaces, '-' and '_'. */
static const char *strong_words[] = {
  "ad", "ads", "adv", "advert", "adsense", "share", "social", "sharing", "byline", "credits",
  "comments", "shariff", "addthis", "pager",
};
static const char *weak_words[] = {
  "nav", "tags", "tag", "meta", "date", "time", "print", "author", "foot", "header",
  "breadcrumbs", "copyright", "legal", "aside", "teaser", "teasers", "toc", "dateline", "cta",
  "info", "links", "topbar", "subnav", "top", "bottom",
};

/* Whole class names that hide an element. */
static const char *hidden_names[] = {
  "hidden", "hide", "invisible", "d-none", "is-hidden", "visuallyhidden", "offscreen",
  "screenreader", "sr-only", "element-invisible",
};

/* Stems that mark the story's own container. */
static const char *good_stems[] = {
  "article", "content", "entry", "post", "story", "text", "body", "main", "blog", "news",
  "beitrag", "artikel", "inhalt", "column", "recipe", "rezept",
};
static const char *best_stems[] = {
  "articlebody", "article-body", "article_body", "article__body", "story-body", "storybody",
  "entry-content", "post-content", "post-body", "postbody", "article-content",
  "article__content", "article-text", "articletext", "story-content", "storycontent",
  "post-entry", "entry-body", "main-content", "maincontent", "body-text", "bodytext",
  "text-content", "article-main", "news-text", "artikeltext", "beitragstext",
};

/* Is w one of the pieces of s, split at spaces, '-' and '_'? (whole=1:
 * split at spaces only) */
static int has_piece(const char *s, const char *w, int whole) {
  size_t wl = strlen(w);
  const char *p = s;
  while ((p = strstr(p, w)) != NULL) {
    char l = p == s ? ' ' : p[-1], r = p[wl];
    int left = whole ? l == ' ' : (l == ' ' || l == '-' || l == '_');
    int right = whole ? (r == ' ' || r == 0) : (r == ' ' || r == '-' || r == '_' || r == 0);
    if (left && right) return 1;
    p += wl;
  }
  return 0;
}

static int any_stem(const char *buf, const char *const *list, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (strstr(buf, list[i])) return 1;
  return 0;
}

static int any_piece(const char *buf, const char *const *list, size_t n, int whole) {
  size_t i;
  for (i = 0; i < n; i++)
    if (has_piece(buf, list[i], whole)) return 1;
  return 0;
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

enum { W_STRONG = -2, W_WEAK = -1, W_NONE = 0, W_GOOD = 1, W_BEST = 2 };

/* What the names in one class or id attribute say, as bits. */
enum { M_BEST = 1, M_GOOD = 2, M_STRONG = 4, M_WEAK_STEM = 8, M_WEAK_WORD = 16 };

static unsigned name_mask(const char *raw) {
  char buf[512];
  unsigned m = 0;
  if (!raw || !*raw) return 0;
  clean_names(raw, buf, sizeof buf, 0);
  if (!buf[0]) return 0;
  if (any_stem(buf, best_stems, N_OF(best_stems))) m |= M_BEST;
  if (any_stem(buf, good_stems, N_OF(good_stems))) m |= M_GOOD;
  if (any_stem(buf, strong_stems, N_OF(strong_stems)) ||
      any_piece(buf, strong_words, N_OF(strong_words), 0) ||
      any_piece(buf, hidden_names, N_OF(hidden_names), 1))
    m |= M_STRONG;
  if (any_stem(buf, weak_stems, N_OF(weak_stems))) m |= M_WEAK_STEM;
  if (any_piece(buf, weak_words, N_OF(weak_words), 0)) m |= M_WEAK_WORD;
  return m;
}

static int weight_of(unsigned m) {
  if (m & M_STRONG) return W_STRONG;
  if (m & M_BEST) return W_BEST;
  if (m & M_WEAK_STEM) return W_WEAK;
  /* WordPress and friends tag posts with "tag-foo category-bar": short
   * words only count when nothing says "content". */
  if ((m & M_WEAK_WORD) && !(m & M_GOOD)) return W_WEAK;
  return (m & M_GOOD) ? W_GOOD : W_NONE;
}


static int hidden(const xmlNode *n) {
  const char *v;
  if (attr(n, "hidden")) return 1;
  v = attr(n, "aria-hidden");
  if (v && strcasecmp(v, "true") == 0) return 1;
  v = attr(n, "style");
  if (v) {
    char low[128];
    size_t i, k = 0;
    for (i = 0; v[i] && k + 1 < sizeof low; i++)
      if (!isspace((unsigned char)v[i])) low[k++] = (char)tolower((unsigned char)v[i]);
    low[k] = 0;
    if (strstr(low, "display:none") || strstr(low, "visibility:hidden")) return 1;
  }
  return 0;
}

/* Tuning, measured on the trafilatura evaluation pages (see the report in
 * the commit history): below LOW_VOTE content points no container stands
 * out; a block is a link list above link density LINK_DENSE (short blocks)
 * or LINK_DENSER (any); after the story, lines under TRAIL_SHORT characters
 * without a sentence end are signatures and labels. */
#define LOW_VOTE 200
#define LINK_DENSE 0.6
#define LINK_DENSER 0.8
#define TRAIL_SHORT 40u

/* ----------------------------------------------------------------- walk */

/* Before the walk, each element's psvi field (unused by the HTML parser)
 * receives two counts: the raw text bytes under it, and the part of them
 * inside <p> elements ("prose").  The walk asks them before letting a class
 * name throw a subtree away.  On 64-bit hosts both fit in the pointer; on
 * others prose is taken to be all the text. */
#define MEASURE_SPLIT (sizeof(uintptr_t) >= 8)
static size_t raw_text(const xmlNode *n) {
  uintptr_t v = (uintptr_t)n->psvi;
  return MEASURE_SPLIT ? (size_t)(v & 0xFFFFFFFFu) : (size_t)v;
}
static size_t prose_text(const xmlNode *n) {
  uintptr_t v = (uintptr_t)n->psvi;
  return MEASURE_SPLIT ? (size_t)((uint64_t)v >> 32) : (size_t)v;
}
static void set_counts(xmlNode *n, size_t raw, size_t prose) {
  if (raw > 0xFFFFFFFFu) raw = 0xFFFFFFFFu;
  if (prose > 0xFFFFFFFFu) prose = 0xFFFFFFFFu;
  if (MEASURE_SPLIT) n->psvi = (void *)(uintptr_t)(((uint64_t)prose << 32) | (uint64_t)raw);
  else n->psvi = (void *)(uintptr_t)raw;
}

static int raw_skip(const xmlNode *n) {
  const char *name = (const char *)n->name;
  return name && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
                  strcmp(name, "template") == 0 || strcmp(name, "head") == 0);
}

static void measure_leave(xmlNode *n, xmlNode *root) {
  size_t prose;
  if (n == root || n->type != XML_ELEMENT_NODE || !n->parent ||
      n->parent->type != XML_ELEMENT_NODE)
    return;
  prose = (n->name && strcmp((const char *)n->name, "p") == 0) ? raw_text(n) : prose_text(n);
  set_counts(n->parent, raw_text(n->parent) + raw_text(n), prose_text(n->parent) + prose);
}

/* Returns the page's raw text; *prose gets its prose. */
static size_t measure(xmlNode *root, size_t *prose) {
  xmlNode *n = root;
  while (n) {
    int descend = n->type == XML_ELEMENT_NODE && !raw_skip(n);
    if (n->type == XML_ELEMENT_NODE) n->psvi = NULL;
    else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
             n->parent && n->parent->type == XML_ELEMENT_NODE)
      set_counts(n->parent, raw_text(n->parent) + strlen((const char *)n->content),
                 prose_text(n->parent));
    if (descend && n->children) {
      n = n->children;
      continue;
    }
    measure_leave(n, root);
    while (n != root && !n->next) {
      n = n->parent;
      if (!n) break;
      measure_leave(n, root);
    }
    if (!n || n == root) break;
    n = n->next;
  }
  *prose = prose_text(root);
  return raw_text(root);
}

static void flush_block(walk *w) {
  size_t len = w->text.len - w->cur_start;
  const char *s = w->text.s + w->cur_start;
  size_t i;
  int has_text = 0;
  for (i = 0; i < len; i++)
    if (!isspace((unsigned char)s[i])) { has_text = 1; break; }
  if (has_text && w->n_owner) {
    block *b;
    BC_GROW(w->blocks, w->n_blocks, w->cap_blocks);
    b = &w->blocks[w->n_blocks++];
    b->off = w->cur_start;
    b->len = len;
    b->link = w->cur_link;
    b->owner = w->owner_stack[w->n_owner - 1];
    b->flags = w->elems[b->owner].flags;
    b->in_figure = w->figure_depth > 0;
  } else {
    w->text.len = w->cur_start;
    w->text.s[w->text.len] = 0;
  }
  w->cur_start = w->text.len;
  w->cur_link = 0;
}

static void add_text(walk *w, const char *s) {
  size_t n = strlen(s);
  if (!n) return;
  buf_add(&w->text, s, n);
  if (w->link_depth) w->cur_link += n;
}

/* FNV-1a, for the string tables of the walk and of the block filter. */
static uint32_t str_hash(const char *s) {
  uint32_t h = 2166136261u;
  const unsigned char *p;
  for (p = (const unsigned char *)s; *p; p++) h = (h ^ *p) * 16777619u;
  return h;
}

/* One copy of s per page, owned by the walk (NULL stays NULL). */
static const char *intern(walk *w, const char *s) {
  size_t i;
  if (!s) return NULL;
  if (w->n_strs * 2 >= w->cap_strs) {  /* keep the table at most half full */
    size_t cap = w->cap_strs ? w->cap_strs * 2 : 256, k;
    char **t = xcalloc(cap, sizeof *t);
    for (k = 0; k < w->cap_strs; k++) {
      if (!w->strs[k]) continue;
      for (i = str_hash(w->strs[k]) & (cap - 1); t[i]; i = (i + 1) & (cap - 1)) {}
      t[i] = w->strs[k];
    }
    free(w->strs);
    w->strs = t;
    w->cap_strs = cap;
  }
  for (i = str_hash(s) & (w->cap_strs - 1); w->strs[i]; i = (i + 1) & (w->cap_strs - 1))
    if (strcmp(w->strs[i], s) == 0) return w->strs[i];
  w->strs[i] = xstrdup(s);
  w->n_strs++;
  return w->strs[i];
}

/* name_mask(cls) through the page's name_cache. */
static unsigned cached_mask(walk *w, const char *cls) {
  size_t i;
  if (!cls || !*cls) return 0;
  if (!w->names) w->names = xcalloc(1, sizeof *w->names);
  for (i = str_hash(cls) & (NAME_CACHE - 1);; i = (i + 1) & (NAME_CACHE - 1)) {
    if (!w->names->key[i]) {
      unsigned m = name_mask(cls);
      if (w->names->used * 4 < NAME_CACHE * 3) {
        w->names->key[i] = xstrdup(cls);
        w->names->mask[i] = (unsigned char)m;
        w->names->used++;
      }
      return m;
    }
    if (strcmp(w->names->key[i], cls) == 0) return w->names->mask[i];
  }
}

/* Is e (being entered) inside an <article> or <main>? */
static int inside_article(const walk *w, const elem *e) {
  int p = e->parent, steps = 0;
  while (p >= 0 && steps++ < 40) {
    if (w->elems[p].flags & T_SEMANTIC) return 1;
    p = w->elems[p].parent;
  }
  return 0;
}

/* Comments hold prose too, and are never the story. */
static int comment_like(const xmlNode *n) {
  char buf[512];
  if (!class_id(n, buf, sizeof buf)) return 0;
  return strstr(buf, "comment") || strstr(buf, "disqus") || strstr(buf, "reply") ||
         strstr(buf, "respond") || strstr(buf, "discussion");
}

/* Enter an element: returns 0 if its subtree is to be skipped. */
static int enter(walk *w, xmlNode *n) {
  int flags = tag_flags(n), weight, idx;
  elem *e;
  if (flags & T_SKIP) return 0;
  /* <noscript> says "enable JavaScript"; but an unclosed tag inside it
   * ("<noscript><div></noscript>") makes the parser put the page in it. */
  if ((flags & T_NOSCRIPT) && raw_text(n) * 2 <= w->page_text &&
      !(prose_text(n) >= 400 && prose_text(n) * 5 > w->page_prose * 2))
    return 0;
  if (hidden(n)) return 0;
  weight = weight_of(cached_mask(w, attr(n, "class")) | name_mask(attr(n, "id")));
  if (weight == W_STRONG && ((flags & T_SEMANTIC) || strcmp((const char *)n->name, "body") == 0 ||
                             strcmp((const char *)n->name, "html") == 0 ||
                             raw_text(n) * 2 > w->page_text ||
                             (prose_text(n) >= 400 && prose_text(n) * 5 > w->page_prose * 2 &&
                              !comment_like(n))))
    weight = W_WEAK;  /* a class name cannot throw away most of the page or its prose */
  if (weight == W_STRONG) {
    return 0;
  }
  if (flags & T_BR) {
    /* Two line breaks in a row end a paragraph; one is a space. */
    const xmlNode *prev = n->prev;
    while (prev && prev->type == XML_TEXT_NODE && prev->content) {
      const char *c = (const char *)prev->content;
      while (*c && isspace((unsigned char)*c)) c++;
      if (*c) break;
      prev = prev->prev;
    }
    if (prev && prev->type == XML_ELEMENT_NODE && prev->name && strcmp((const char *)prev->name, "br") == 0)
      flush_block(w);
    else
      add_text(w, " ");
    return 0;
  }
  if (flags & T_BLOCK) flush_block(w);
  BC_GROW(w->elems, w->n_elems, w->cap_elems);
  idx = (int)w->n_elems++;
  e = &w->elems[idx];
  memset(e, 0, sizeof *e);
  e->name = intern(w, (const char *)n->name);
  e->cls = intern(w, attr(n, "class"));
  e->id = intern(w, attr(n, "id"));
  {
    const char *ip = attr(n, "itemprop"), *type = attr(n, "itemtype");
    e->body_prop = ip && (strstr(ip, "articleBody") || strcmp(ip, "text") == 0);
    e->article_type =
        type && (strstr(type, "Article") || strstr(type, "BlogPosting") || strstr(type, "Report"));
  }
  e->parent = n->parent && n->parent->_private ? (int)(intptr_t)n->parent->_private - 1 : -1;
  e->flags = flags;
  e->weight = weight;
  e->boiler = (flags & T_BOILER) || (weight < 0 && !(flags & T_SEMANTIC));
  if (strcmp((const char *)n->name, "body") == 0 || strcmp((const char *)n->name, "html") == 0)
    e->boiler = 0;  /* body classes describe the whole page */
  /* An article's own <header> holds its lead as often as its byline. */
  if (e->boiler && weight >= 0 && strcmp((const char *)n->name, "header") == 0 &&
      prose_text(n) >= 80 && inside_article(w, e))
    e->boiler = 0;
  e->weak_parent = w->n_weak ? w->weak_stack[w->n_weak - 1] : -1;
  n->_private = (void *)(intptr_t)(idx + 1);
  if (flags & T_BLOCK) {
    BC_GROW(w->owner_stack, w->n_owner, w->cap_owner);
    w->owner_stack[w->n_owner++] = idx;
  }
  if (e->boiler) {
    BC_GROW(w->weak_stack, w->n_weak, w->cap_weak);
    w->weak_stack[w->n_weak++] = idx;
  }
  if (flags & T_LINK) w->link_depth++;
  if (flags & T_FIGURE) w->figure_depth++;
  return 1;
}

static void leave(walk *w, xmlNode *n) {
  int idx = n->_private ? (int)(intptr_t)n->_private - 1 : -1;
  elem *e;
  if (idx < 0) return;
  e = &w->elems[idx];
  e->end = (int)w->n_elems;
  if (e->flags & T_BLOCK) {
    flush_block(w);
    if (w->n_owner) w->n_owner--;
  }
  if (e->boiler && w->n_weak) w->n_weak--;
  if ((e->flags & T_LINK) && w->link_depth) w->link_depth--;
  if ((e->flags & T_FIGURE) && w->figure_depth) w->figure_depth--;
  /* Inline elements end words: <span>a</span><span>b</span> stays "ab"
   * as a browser shows it, so nothing is added here. */
}

/* A subtree the walk has left is never read again: free it at once, so the
 * tree (several times the size of the page) shrinks as the walk's records
 * grow instead of both being held at their largest. */
static void drop_children(xmlNode *n) {
  if (n->type != XML_ELEMENT_NODE || !n->children) return;
  xmlFreeNodeList(n->children);
  n->children = n->last = NULL;
}

static void walk_tree(walk *w, xmlNode *root) {
  xmlNode *n = root;
  while (n) {
    int descend = 0;
    if (n->type == XML_ELEMENT_NODE) descend = enter(w, n);
    else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
      add_text(w, (const char *)n->content);
    if (descend && n->children) {
      n = n->children;
      continue;
    }
    if (descend) leave(w, n);
    /* climb until a node has a next sibling */
    while (n && n != root && !n->next) {
      n = n->parent;
      if (n && n->type == XML_ELEMENT_NODE && n->_private) leave(w, n);
      if (n && n != root) drop_children(n);
    }
    if (!n || n == root) break;
    n = n->next;
  }
  flush_block(w);
}

static void walk_free(walk *w) {
  size_t k;
  for (k = 0; k < w->cap_strs; k++) free(w->strs[k]);
  free(w->strs);
  if (w->names) {
    size_t i;
    for (i = 0; i < NAME_CACHE; i++) free(w->names->key[i]);
    free(w->names);
  }
  free(w->elems);
  free(w->blocks);
  free(w->owner_stack);
  free(w->weak_stack);
  buf_free(&w->text);
}

/* --------------------------------------------------------------- scoring */

/* Characters (not bytes) in s[0..n), for length thresholds that do not
 * punish non-Latin scripts. */
static size_t char_count(const char *s, size_t n) {
  size_t i, c = 0;
  for (i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
  return c;
}

/* A block's contribution to its containers: long text with few links
 * counts for, link lists and scraps count against. */
static double block_value(const walk *w, const block *b) {
  size_t chars = char_count(w->text.s + b->off, b->len);
  double ld = b->len ? (double)b->link / (double)b->len : 0;
  double plain = (double)chars * (1.0 - ld);
  if (b->in_figure) return -5;
  if (ld > 0.5) return -(double)chars * ld * 0.5 - 5;
  if (chars >= 80) return plain;
  if (chars >= 30) return plain * 0.5;
  return -3;
}

static void score(walk *w) {
  size_t i;
  for (i = 0; i < w->n_blocks; i++) {
    block *b = &w->blocks[i];
    elem *e = &w->elems[b->owner];
    double v = block_value(w, b);
    e->content += v;
    e->vote += v;
    e->text += b->len;
    e->link += b->link;
  }
  /* Reverse document order visits children before parents. */
  for (i = w->n_elems; i-- > 0;) {
    elem *e = &w->elems[i];
    if (e->parent >= 0) {
      elem *p = &w->elems[e->parent];
      p->content += e->content;
      p->vote += e->boiler ? (e->content < 0 ? e->content : 0) : e->vote;
      p->text += e->text;
      p->link += e->link;
    }
  }
}

/* The element that holds the story. */
/* Markup that names the story's body: a class such as "entry-content" or
 * "article-body", itemprop=articleBody, or the page's only <article>. */
static int marked_body(const walk *w, const elem *e) {
  (void)w;
  if (e->boiler) return 0;
  if (e->weight == W_BEST) return 1;
  if (e->body_prop) return 1;
  return 0;
}

static double container_score(const elem *e) {
  double s = e->vote;
  const char *name = e->name;
  if (s <= 0) return 0;
  if (e->weight > 0) s *= 1.0 + 0.1 * e->weight;
  if (e->flags & T_SEMANTIC) s *= 1.1;
  if (e->boiler) s *= 0.3;
  /* A container is prose: link-heavy lists of teasers are not. */
  if (e->text) {
    double ld = (double)e->link / (double)e->text;
    s *= (1.0 - ld) * (1.0 - ld);
  }
  if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0 || strcmp(name, "dl") == 0) s *= 0.6;
  if (e->article_type) s *= 1.2;
  return s;
}

/* The element that holds the story: the best content score, unless the
 * page marks its body and that body holds a fair share of the content
 * (a short post must not lose to a long sidebar). */
static int best_container(const walk *w) {
  size_t i;
  int best = -1, marked = -1;
  double best_score = 0, marked_score = 0;
  for (i = 0; i < w->n_elems; i++) {
    const elem *e = &w->elems[i];
    double s = container_score(e);
    if (s > best_score) {
      best_score = s;
      best = (int)i;
    }
    if (s > marked_score && marked_body(w, e)) {
      marked_score = s;
      marked = (int)i;
    }
  }
  if (marked >= 0 && marked != best && marked_score >= best_score * 0.2 &&
      w->elems[marked].vote >= 50)
    return marked;
  return best;
}

/* ---------------------------------------------------------- block filter */

static int starts_ci(const char *s, const char *prefix) {
  /* the first letter first: every block is tried against long lists */
  if (prefix[0] && tolower((unsigned char)s[0]) != tolower((unsigned char)prefix[0])) return 0;
  return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Short lines that are furniture, not story. */
static int boilerplate_line(const char *s, size_t chars) {
  static const char *exact[] = {
    "advertisement", "anzeige", "werbung", "publicité", "publicidad", "share", "share this",
    "share this article", "tweet", "print", "email", "e-mail", "comments", "comment",
    "read more", "more", "subscribe", "sign up", "log in", "login", "close", "menu",
    "skip to content", "skip to main content", "back to top", "top", "related", "related articles",
    "weiterlesen", "mehr", "mehr zum thema", "teilen", "drucken", "leer más", "lire la suite",
    "continue reading", "click here", "advertisement - continue reading below", "loading...",
    "loading", "follow us", "like", "facebook", "twitter", "whatsapp", "linkedin", "pinterest",
    "reddit", "image", "photo", "video", "zurück", "next", "previous", "back",
    "kontakt", "contact", "follow", "downloads", "download", "links", "weblinks", "quellen",
    "empfehlungen", "spenden", "donate", "unterstützen", "sources", "source",
  };
  static const char *prefixes[] = {
    "read more", "click here", "subscribe to", "sign up for", "advertisement", "updated ",
    "published ", "posted ", "last updated", "photo:", "photo by", "photograph:", "image:",
    "picture:", "credit:", "foto:", "bild:", "(photo", "(image", "getty images", "© ",
    "copyright ", "all rights reserved", "follow us", "share on", "share this", "related:",
    "see also", "also read", "read also", "lesen sie auch", "mehr zum thema", "mehr dazu",
    "das könnte sie auch interessieren", "this article was", "this story was",
    "sign up to", "join our", "get our", "don't miss", "don’t miss", "download the",
    "watch:", "listen:", "video:", "audio:", "you might also like", "you may also like",
    "auch interessant", "ähnliche beiträge", "ähnliche artikel", "das könnte dich auch",
    "das könnte sie auch", "tagged", "tags:", "schlagworte", "schlagwörter", "letzte änderung",
    "weiterlesen", "en savoir plus", "lire aussi", "lade weitere", "war der artikel",
    "war dieser artikel", "wie bewerten sie", "möchten sie den artikel", "dieser eintrag wurde",
    "this entry was posted", "filed under", "posted in", "kategorie:", "kategorien:",
    "categories:", "category:", "vielen dank für ihre bewertung", "bitte bewerten",
    "teile diesen", "teilen sie", "diesen artikel teilen", "artikel teilen", "jetzt teilen",
    "more from", "more stories", "recommended", "empfohlen", "lesen sie mehr", "leggi anche",
    "ver también", "lee también", "newsletter", "abonnieren", "jetzt abonnieren",
    "grafik:", "screenshot", "erstellt am",
    "der beitrag wurde", "dieser beitrag wurde", "dieser text wurde", "dieser artikel wurde",
    "this post was", "this article first appeared", "originally published",
    "story continues below", "article continues below", "continue reading below",
    "scroll to continue", "the article continues", "weiter nach der anzeige",
    "artikel wird unter", "lesen sie weiter", "mehr lesen", "image caption", "media caption",
    "listen to this article", "artikel anhören", "reading time", "lesezeit",
    "contact us", "explore further", "schon gelesen", "zum weiterlesen",
    "quellenangaben", "externer inhalt", "unsere partner",
    "síguenos", "siguenos", "gefällt dir", "support us",
    "rezept drucken", "print recipe", "werden sie mitglied", "jetzt mitglied",
    "ansprechpartner", "pressekontakt", "zusatzinformationen", "weitere informationen",
    "more information", "further information",
    "share this:", "like this:", "gefällt mir:", "related posts", "verwandte artikel",
  };
  char low[1280];  /* 300 characters of up to 4 bytes */
  size_t i, k = 0;
  if (chars > 300) return 0;
  for (i = 0; s[i] && k + 1 < sizeof low; i++) low[k++] = (char)tolower((unsigned char)s[i]);
  low[k] = 0;
  while (k && (low[k - 1] == ' ' || low[k - 1] == ':' || low[k - 1] == '.' ||
               (unsigned char)low[k - 1] == 0xBB || low[k - 1] == '>'))
    low[--k] = 0;
  for (i = 0; i < sizeof exact / sizeof exact[0]; i++)
    if (strcmp(low, exact[i]) == 0) return 1;
  if (chars <= 80)
    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
      if (starts_ci(low, prefixes[i])) return 1;
  /* Figure captions set as text: "Abbildung 4: ...", "Fig. 2 ...", "Foto: ...". */
  if (chars <= 300) {
    static const char *cap[] = {"abbildung", "abb.", "figure", "fig.", "foto", "photo", "bild",
                                "image", "grafik", "graphic", "chart"};
    size_t j;
    for (j = 0; j < sizeof cap / sizeof cap[0]; j++) {
      size_t cl = strlen(cap[j]);
      if (strncmp(low, cap[j], cl) == 0) {
        const char *r = low + cl;
        while (*r == ' ') r++;
        while (isdigit((unsigned char)*r)) r++;
        if (*r == ':' || (r > low + cl && isdigit((unsigned char)r[-1]) && (*r == ' ' || *r == '.')))
          return 1;
      }
    }
  }
  /* Footer and credit lines, in whatever place of the line. */
  if (chars <= 160) {
    static const char *inside[] = {
      "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
      "todos los derechos reservados", "wszelkie prawa zastrzeżone", "impressum",
      "datenschutzerklärung", "privacy policy", "cookie policy", "titelbild:", "beitragsbild",
      "bildquelle", "fotos:", "foto:", "crédits photos", "crédit photo", "źródło:", "quelle:",
      "photo credit", "image credit", "image source", "letzte änderung", "publiziert:",
      "erstellt am", "zurück nach oben", "back to top", "nach oben", "loading...",
      "newsletter", "abonnieren", "subscribe", "sign up", "anmelden", "log in", "einloggen",
      "nicht eingeloggt", "not logged in", "keine kommentare", "no comments", "kommentare",
      "comments", "leave a reply", "leave a comment", "schreibe einen kommentar",
      "affiliate", "advertisers", "enthält werbung", "*werbung", "werbung:", "anzeige:",
      "sponsored", "gesponsert", "\xc2\xa9", "photo:", "(credit", "credit:", "(photo",
      "(foto", "pixelio", "getty images", "shutterstock", "istock", "dpa-infocom",
      "min read", "minute read", "minuten lesezeit", "min. lesezeit",
    };
    size_t j;
    for (j = 0; j < sizeof inside / sizeof inside[0]; j++)
      if (strstr(low, inside[j])) return 1;
  }
  /* "By Jane Doe" alone on a line: the byline, already in the metadata. */
  if (chars <= 60 && (starts_ci(low, "by ") || starts_ci(low, "von "))) {
    size_t words = 0;
    const char *p = low;
    while (*p) {
      while (*p == ' ') p++;
      if (*p) words++;
      while (*p && *p != ' ') p++;
    }
    if (words <= 6 && !strchr(low, '.')) return 1;
  }
  return 0;
}

/* Does a boilerplate ancestor inside the container rule this block out? */
static int under_dropped_boiler(const walk *w, const block *b, int container) {
  int e = w->elems[b->owner].boiler ? b->owner : w->elems[b->owner].weak_parent;
  int steps = 0;
  while (e > container && steps++ < 64) {
    const elem *x = &w->elems[e];
    /* A boilerplate-looking element that holds most of the container's
     * content is the story after all (a site whose body sits in <header>,
     * or a class name that happens to contain "menu"). */
    const elem *c = &w->elems[container];
    /* A paragraph is a paragraph, whatever its class says. */
    if ((x->flags & T_PARA) && x->content > 0) {
      e = x->weak_parent;
      continue;
    }
    if (!(x->content > 0 && x->content >= c->content * 0.5)) {
      return 1;
    }
    e = x->weak_parent;
  }
  return 0;
}

/* A line that is only a date or a time ("23.10.2018", "3:59 PM",
 * "Updated 5:23 PM ET", "Montag, 5. März 2018"). */
static int date_only(const char *s, size_t chars) {
  static const char *words[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "januar", "februar", "märz", "mai", "juni", "juli", "okt", "oktober",
    "dez", "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril", "mayo",
    "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch", "donnerstag",
    "freitag", "samstag", "sonntag", "am", "pm", "a.m", "p.m", "uhr", "et", "est", "edt", "pt",
    "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "mez", "mesz", "updated", "update",
    "published", "posted", "aktualisiert", "veröffentlicht", "stand", "on", "at", "um", "de",
    "le", "el", "of", "the", "last", "modified", "zuletzt", "vom", "den", "h", "pubblicato",
    "il", "ultima", "modifica", "veröffentlichung", "publié", "publicado", "actualizado",
    "mis", "à", "jour", "opublikowano", "aktualizacja", "datum", "date", "by", "von",
  };
  const char *p = s;
  int digits = 0, unknown = 0, months = 0, numbers = 0;
  if (chars > 60) return 0;
  while (*p) {
    const char *e;
    size_t len, i;
    int known = 0;
    while (*p && (isspace((unsigned char)*p) || strchr(",.:/-|()[]", *p))) p++;
    if (!*p) break;
    e = p;
    while (*e && !isspace((unsigned char)*e) && !strchr(",:/|()[]", *e)) e++;
    len = (size_t)(e - p);
    while (len && p[len - 1] == '.') len--;
    if (len && isdigit((unsigned char)p[0])) {
      for (i = 0; i < len; i++)
        if (!(isdigit((unsigned char)p[i]) || p[i] == '.' || p[i] == '-' ||
              (i + 2 >= len && isalpha((unsigned char)p[i])))) break;  /* 5th, 3pm */
      if (i == len) { digits = 1; known = 1; numbers++; }
    }
    for (i = 0; !known && i < sizeof words / sizeof words[0]; i++)
      if (tolower((unsigned char)p[0]) == tolower((unsigned char)words[i][0]) &&
          strlen(words[i]) == len && strncasecmp(p, words[i], len) == 0) {
        known = 1;
        if (i < 57) months++;  /* the first 57 words are months */
      }
    if (!known && ++unknown > 2) return 0;
    p = e;
  }
  /* A full date with a word or two of label or place ("24. März 2004,
   * 19:49 | Genesis") is still a date line. */
  if (unknown) return (months ? numbers >= 1 : numbers >= 3) && chars <= 50;
  return digits;
}

/* Headings and lead-ins of what follows a story: "Related articles",
 * "You might also like:", "Tags:". */
static int lead_in(const char *s, size_t chars, int heading) {
  size_t n = strlen(s);
  char last = n ? s[n - 1] : 0;
  if (chars > 80) return 0;
  if (heading || last == ':') return 1;
  return chars < 40 && last != '.' && last != '!' && last != '?' && last != '"';
}

/* Is s the headline (or the headline the page title with its site)? */
static int contains_ci(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; *hay; hay++)
    if (strncasecmp(hay, needle, n) == 0) return 1;
  return 0;
}

static int same_headline(const char *s, const char *title) {
  size_t a = strlen(s), b = strlen(title);
  if (util_strcasecmp(s, title) == 0) return 1;
  if (a < 12 || b < 12 || (a < b ? a * 10 < b * 6 : b * 10 < a * 6)) return 0;
  return contains_ci(title, s) || contains_ci(s, title);
}

/* The byline again, as a line of its own ("Jane Doe", "By Jane Doe |
 * Reporter"): the metadata already has it. */
static int is_byline(const char *s, const char *byline) {
  size_t n;
  if (!byline || !*byline) return 0;
  n = strlen(byline);
  if (strlen(s) > n + 40) return 0;
  if (strncasecmp(s, "by ", 3) == 0 || strncasecmp(s, "von ", 4) == 0) s = strchr(s, ' ') + 1;
  return strncasecmp(s, byline, n) == 0 &&
         (s[n] == 0 || s[n] == ' ' || s[n] == ',' || s[n] == '|');
}

typedef struct cand {
  char *text;       /* cleaned; NULL once dropped */
  size_t chars;
  int heading;
  int linky;        /* dropped as a link list */
} cand;

/* Which selected subtree holds element e: its root, or -1. */
static int selected_root(const walk *w, const int *roots, size_t n_roots, int e) {
  size_t k;
  for (k = 0; k < n_roots; k++)
    if (e >= roots[k] && e < w->elems[roots[k]].end) return roots[k];
  return -1;
}

/* The container, plus its siblings that hold story too (a lead in one
 * wrapper and the rest in the next, as Readability also allows for). */
static size_t select_roots(const walk *w, int container, int *roots) {
  size_t n = 0;
  const elem *c = &w->elems[container];
  int parent = c->parent;
  roots[n++] = container;
  if (parent >= 0) {
    int i;
    for (i = parent + 1; i < w->elems[parent].end; i = w->elems[i].end) {
      const elem *s = &w->elems[i];
      if (i == container || s->boiler || n >= 64) continue;
      if (s->vote >= 80 && s->vote >= c->vote * 0.15 &&
          s->link * 4 < s->text)
        roots[n++] = i;
    }
  }
  /* A body the page marks may come in parts with the same markup (text
   * sections between pictures, a question and its answers): take them all. */
  if (marked_body(w, c)) {
    const char *cls = c->cls;
    int i;
    for (i = 0; cls && *cls && i < (int)w->n_elems && n < 64; i++) {
      const elem *s = &w->elems[i];
      const char *sc;
      if (i >= container && i < c->end) continue;          /* inside the container */
      if (container >= i && container < s->end) continue;  /* around it */
      if (s->vote <= 0 || strcmp(s->name, c->name) != 0)
        continue;
      sc = s->cls;
      if (!sc || strcmp(sc, cls) != 0) continue;
      roots[n++] = i;
      i = s->end - 1;  /* skip its subtree */
    }
  }
  return n;
}

/* Does e or one of its near ancestors name itself the story's lead
 * ("intro", "standfirst", "deck", "teaser"...)? */
static int lead_marked(const walk *w, int e, int stop) {
  static const char *stems[] = {"intro", "lead", "deck", "standfirst", "summary", "excerpt",
                                "epigraph", "abstract", "chapo", "teaser", "subline",
                                "subtitle", "sub-title", "description", "bajada",
                                "entradilla", "copete", "kicker", "vorspann", "anriss"};
  int steps = 0;
  while (e >= 0 && e != stop && steps++ < 4) {
    char buf[512];
    size_t k;
    if (w->elems[e].weight == W_STRONG) return 0;
    if (class_id_of(w->elems[e].cls, w->elems[e].id, buf, sizeof buf))
      for (k = 0; k < sizeof stems / sizeof stems[0]; k++)
        if (strstr(buf, stems[k])) return 1;
    e = w->elems[e].parent;
  }
  return 0;
}

static void emit(const walk *w, int container, const char *title, const char *byline,
                 extract_body *body) {
  size_t i, n = 0, n_roots = 0;
  int roots[64];
  cand *c = xcalloc(w->n_blocks ? w->n_blocks : 1, sizeof *c);
  int lead_area = container;
  size_t first_in = w->n_blocks;  /* the container's first block */
  if (container >= 0) {
    int k;
    n_roots = select_roots(w, container, roots);
    for (k = 0; k < 3 && lead_area >= 0 && w->elems[lead_area].parent >= 0; k++)
      lead_area = w->elems[lead_area].parent;
    for (i = 0; i < w->n_blocks; i++)
      if (w->blocks[i].owner >= container && w->blocks[i].owner < w->elems[container].end) {
        first_in = i;
        break;
      }
  }
  for (i = 0; i < w->n_blocks; i++) {
    const block *b = &w->blocks[i];
    char *raw, *clean;
    double ld;
    cand *x;
    int root = container >= 0 ? selected_root(w, roots, n_roots, b->owner) : 0;
    int lead = 0;
    /* The lead often sits in the article's header, just before the body. */
    if (root < 0 && b->owner < container && b->owner > lead_area &&
        b->len >= 60 && b->link * 4 < b->len &&
        (lead_marked(w, b->owner, lead_area) ||
         (i + 2 >= first_in && b->len >= 150 && b->link * 10 < b->len &&
          !w->elems[b->owner].boiler && w->elems[b->owner].weak_parent <= lead_area))) {
      root = b->owner;
      lead = 1;
    }
    if (root < 0) continue;
    if (b->in_figure) continue;
    if (under_dropped_boiler(w, b, root)) continue;
    raw = xstrndup(w->text.s + b->off, b->len);
    clean = extract_clean(raw);
    free(raw);
    if (!clean) continue;
    x = &c[n++];
    x->text = clean;
    x->chars = char_count(clean, strlen(clean));
    x->heading = (b->flags & T_HEADING) != 0 && !lead;
    ld = b->len ? (double)b->link / (double)b->len : 0;
    if ((ld > LINK_DENSE && x->chars < 200) || ld > LINK_DENSER) {
      x->linky = 1;

      free(x->text);
      x->text = NULL;
    } else if (boilerplate_line(clean, x->chars) || date_only(clean, x->chars) ||
               is_byline(clean, byline)) {

      free(x->text);
      x->text = NULL;
    }
  }
  /* A lead-in right before a link list belongs to the list. */
  for (i = 0; i + 1 < n; i++)
    if (c[i].text && c[i + 1].linky && lead_in(c[i].text, c[i].chars, c[i].heading)) {

      free(c[i].text);
      c[i].text = NULL;
    }
  /* A subhead with no paragraph after it heads something that is gone;
   * the headline itself is the title, not part of the body. */
  for (i = 0; i < n; i++) {
    size_t j;
    if (!c[i].text || !c[i].heading) continue;
    for (j = i + 1; j < n && !c[j].text; j++) {}
    if (j == n || c[j].heading ||
        (title && i < 3 && same_headline(c[i].text, title))) {

      free(c[i].text);
      c[i].text = NULL;
    }
  }
  /* After the last paragraph, short lines without a sentence in them are
   * signatures, labels and agency codes ("aja/PAP", "Angebote"). */
  {
    size_t last_long = n, j;
    for (j = n; j-- > 0;)
      if (c[j].text && c[j].chars >= 100) { last_long = j; break; }
    size_t trailing = 0;
    for (j = last_long + 1; last_long < n && j < n; j++)
      if (c[j].text) trailing++;
    /* more than a few: a list that ends the story (ingredients, dates) */
    for (j = last_long + 1; last_long < n && trailing <= 4 && j < n; j++) {
      size_t len;
      char end;
      if (!c[j].text) continue;
      len = strlen(c[j].text);
      end = c[j].text[len - 1];
      if (c[j].chars < TRAIL_SHORT && !strchr(".!?\"\xe2)", end)) {  /* \xe2: a closing curly quote */

        free(c[j].text);
        c[j].text = NULL;
      }
    }
  }
  /* A paragraph said twice (a lead repeated as the body's first line, a
   * pull quote) is said once: a hash set of what was kept. */
  {
    size_t cap = 64, k;
    const char **seen;
    while (cap < n * 2) cap *= 2;
    seen = xcalloc(cap, sizeof *seen);
    for (i = 0; i < n; i++) {
      if (!c[i].text) continue;
      for (k = str_hash(c[i].text) & (cap - 1); seen[k]; k = (k + 1) & (cap - 1))
        if (strcmp(seen[k], c[i].text) == 0) break;
      if (seen[k] && c[i].chars >= 20) continue;  /* short lines may repeat ("Step 1") */
      seen[k] = c[i].text;
      extract_body_add(body, c[i].text, strlen(c[i].text),
                       c[i].heading ? BC_BLOCK_SUBHEAD : BC_BLOCK_PARAGRAPH);
    }
    free(seen);
  }
  for (i = 0; i < n; i++) free(c[i].text);
  free(c);
}

/* -------------------------------------------------------------- metadata */

/* ------------------------------------------------------------ entry point */

static int parse_options(void) {
  /* XML_PARSE_HUGE lifts libxml2's nesting limit of 256, past which it
   * would stop parsing; the walks below never recurse, so depth is safe. */
  int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
             HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
#ifdef HTML_PARSE_IGNORE_ENC
  opts |= HTML_PARSE_IGNORE_ENC;
#endif
  return opts;
}

static xmlDoc *parse(const char *html, size_t len, const char *url) {
  if (len > (size_t)INT32_MAX) len = (size_t)INT32_MAX;
  return htmlReadMemory(html, (int)len, url, "UTF-8", parse_options());
}

/* parse() for a page of our own: htmlReadMemory of libxml2 2.9 done step by
 * step, so that the page can be freed as soon as the parser has its copy
 * (one copy of the page fewer while the tree is built).  Frees html. */
static xmlDoc *parse_owned(char *html, size_t len, const char *url) {
  xmlParserCtxtPtr ctxt;
  xmlCharEncodingHandlerPtr utf8;
  xmlDoc *doc;
  if (len > (size_t)INT32_MAX) len = (size_t)INT32_MAX;
  xmlInitParser();
  ctxt = xmlCreateMemoryParserCtxt(html, (int)len);
  free(html);
  if (!ctxt) return NULL;
  htmlDefaultSAXHandlerInit();
  if (ctxt->sax) memcpy(ctxt->sax, &htmlDefaultSAXHandler, sizeof(xmlSAXHandlerV1));
  htmlCtxtUseOptions(ctxt, parse_options());
  ctxt->html = 1;
  utf8 = xmlFindCharEncodingHandler("UTF-8");
  if (utf8) {
    xmlSwitchToEncoding(ctxt, utf8);
    if (ctxt->input->encoding) xmlFree((xmlChar *)ctxt->input->encoding);
    ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
  }
  if (url && ctxt->input && !ctxt->input->filename)
    ctxt->input->filename = (char *)xmlStrdup((const xmlChar *)url);
  htmlParseDocument(ctxt);
  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;
  if (ctxt->dictNames && doc && doc->dict == ctxt->dict) ctxt->dict = NULL;  /* the tree's now */
  xmlFreeParserCtxt(ctxt);
  return doc;
}

/* The JSON-LD articleBody as paragraphs (one per line). */
static void body_from_text(const char *text, extract_body *body) {
  const char *p = text;
  while (*p) {
    size_t n = strcspn(p, "\n");
    extract_body_add(body, p, n, BC_BLOCK_PARAGRAPH);
    p += n;
    if (*p) p++;
  }
}

static bc_rc extract_doc(xmlDoc *doc, const char *url, bc_article **out, bc_diag *diag,
                         int depth);

bc_rc extract_html_utf8(const char *html, size_t len, const char *url, bc_article **out,
                        bc_diag *diag) {
  return extract_doc(parse(html, len, url), url, out, diag, 0);
}

/* The article in a parsed page; frees doc.  depth: 0 for a page, 1 for HTML
 * found inside its metadata. */
static bc_rc extract_doc(xmlDoc *doc, const char *url, bc_article **out, bc_diag *diag,
                         int depth) {
  xmlNode *root;
  walk w;
  extract_meta m;
  extract_body body;
  bc_article *a;
  int container;

  *out = NULL;
  if (!doc || !(root = xmlDocGetRootElement(doc))) {
    if (doc) xmlFreeDoc(doc);
    util_diag(diag, "not an HTML page (nothing to parse)");
    return BC_ERR_PARSE;
  }
  extract_meta_collect(doc, url, &m);

  memset(&w, 0, sizeof w);
  buf_init(&w.text);
  w.page_text = measure(root, &w.page_prose);
  walk_tree(&w, root);
  xmlFreeDoc(doc);  /* the walk's records hold all that is asked from here on */
  doc = NULL;
  score(&w);
  container = best_container(&w);
  /* No container stands out (a page of short lines, a photo list): take
   * the whole page through the block filter. */
  if (container >= 0 && w.elems[container].vote < LOW_VOTE) container = 0;

  extract_body_init(&body);
  emit(&w, container, m.title, m.byline, &body);
  /* The publisher's own copy of the body, when the page yields much less
   * (a body filled in by script, or split beyond recognition). */
  if (m.article_body) {
    size_t ld_chars = char_count(m.article_body, strlen(m.article_body));
    size_t got = char_count(body.text.s, body.text.len);
    if (ld_chars >= 300 && got * 2 < ld_chars && !strchr(m.article_body, '<')) {
      extract_body_free(&body);
      extract_body_init(&body);
      body_from_text(m.article_body, &body);
    }
  }

  /* Nothing in the page itself (a page drawn by script): the publisher's
   * body or description, which may be HTML of its own, is better than
   * nothing to say. */
  if (body.n_blocks == 0 && depth == 0) {
    const char *alt = m.article_body ? m.article_body : m.description;
    if (alt && strchr(alt, '<')) {
      bc_article *inner = NULL;
      if (extract_doc(parse(alt, strlen(alt), url), url, &inner, NULL, 1) == BC_OK) {
        size_t k;
        for (k = 0; k < inner->n_blocks; k++)
          extract_body_add(&body, inner->text + inner->blocks[k].start,
                           inner->blocks[k].end - inner->blocks[k].start, inner->blocks[k].kind);
      }
      bc_article_free(inner);
    } else if (alt) {
      body_from_text(alt, &body);
    }
  }

  a = xcalloc(1, sizeof *a);
  a->source = xstrdup(url);
  a->title = m.title;
  a->byline = m.byline;
  a->published = m.published;
  a->site = m.site;
  a->language = m.language;
  m.title = m.byline = m.published = m.site = m.language = NULL;
  extract_body_finish(&body, a);
  walk_free(&w);
  extract_meta_free(&m);
  if (a->n_blocks == 0) {
    bc_article_free(a);
    util_diag(diag, "no article text found in the page");
    return BC_ERR_EMPTY;
  }
  *out = a;
  return BC_OK;
}

bc_rc extract_html(const char *bytes, size_t len, const char *url, const char *content_type,
                   bc_article **out, bc_diag *diag) {
  size_t ulen;
  char *utf8 = charset_decode(bytes, len, content_type, 1, &ulen, NULL, 0);
  return extract_doc(parse_owned(utf8, ulen, url), url, out, diag, 0);
}
