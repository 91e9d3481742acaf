/* Extract, HTML: the article in a web page.
 *
 * In: page bytes in any charset.  Out: a bc_article (title, byline, date,
 * site, language, body paragraphs and subheads).
 *
 * The page is decoded to UTF-8 by charset.c and parsed by libxml2's HTML
 * parser in recovery mode.  Then one walk over the tree, in document order
 * and without recursion (a page may nest 100 000 elements), does the work:
 *   - subtrees that are never the story are skipped: scripts, forms
 *     controls, navigation, hidden elements, and elements whose class or id
 *     names boilerplate (comments, share bars, newsletter boxes, ads...);
 *   - the text is cut into blocks at block-level elements, each block
 *     remembering its length, how much of it is link text, and which element
 *     holds it.
 * Per-element totals are then summed bottom-up in one pass over the
 * elements in reverse document order.  The container of the story is the
 * element whose blocks add up to the most "content" (long blocks with few
 * links count for, link lists and scraps count against), nudged by semantic
 * markup (article, main, itemprop=articleBody) and class names.  The body is
 * every block inside it that survives a per-block filter (link-heavy lines,
 * "Read more", "Advertisement", timestamps, photo credits, bylines).
 * Fallbacks: the JSON-LD articleBody when the page body yields too little,
 * and the whole page's blocks when no container stands out. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
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
  {"noscript", T_SKIP}, {"object", T_SKIP}, {"ol", T_BLOCK}, {"optgroup", T_SKIP},
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

typedef struct elem {
  xmlNode *node;
  int parent;          /* index of the parent element, -1 at the top */
  int end;             /* one past the last descendant's index */
  int flags;           /* tag class */
  int weight;          /* class/id/semantic judgement, see class_weight() */
  int boiler;          /* 1: a boilerplate container (weak: kept if it holds the story) */
  int weak_parent;     /* nearest boilerplate ancestor, -1 if none */
  double content;      /* sum of block values in the subtree */
  size_t text, link;   /* characters of text / of link text in the subtree */
} elem;

typedef struct block {
  size_t off, len;     /* in the walk's text buffer */
  size_t link;         /* link text bytes in it */
  int owner;           /* element index that holds it */
  int flags;           /* tag class of the owner */
  int in_figure;
} block;

typedef struct walk {
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

static int has_word(const char *s, const char *w) {
  size_t wl = strlen(w);
  const char *p = s;
  while ((p = strstr(p, w)) != NULL) {
    int left = p == s || !isalnum((unsigned char)p[-1]);
    int right = !isalnum((unsigned char)p[wl]);
    if (left && right) return 1;
    p += wl;
  }
  return 0;
}

/* Lowercased class + id of n into buf; returns 0 if there is neither. */
static int class_id(const xmlNode *n, char *buf, size_t size) {
  const char *c = attr(n, "class"), *id = attr(n, "id");
  size_t k = 0, i;
  if (!c && !id) return 0;
  for (i = 0; c && c[i] && k + 2 < size; i++) buf[k++] = (char)tolower((unsigned char)c[i]);
  buf[k++] = ' ';
  for (i = 0; id && id[i] && k + 1 < size; i++) buf[k++] = (char)tolower((unsigned char)id[i]);
  buf[k] = 0;
  return 1;
}

/* Stems whose presence anywhere in a class or id marks boilerplate that is
 * never the story. */
static const char *strong_stems[] = {
  "comment", "disqus", "share", "sharing", "social", "newsletter", "subscribe", "subscription",
  "advert", "sponsor", "outbrain", "taboola", "cookie", "consent", "gdpr", "popup", "modal",
  "related", "recommend", "breadcrumb", "pagination", "paywall", "signup", "sign-up",
  "login", "print-only", "sr-only", "visually-hidden", "screen-reader", "skip-link",
  "skiplink", "caption", "credit", "byline", "author-bio", "authorbio", "most-popular",
  "mostpopular", "mostread", "most-read", "trending", "read-more", "readmore", "further-reading",
  "banner", "masthead", "toolbar", "dateline", "timestamp", "publish-date", "post-meta",
  "entry-meta", "article-meta", "tag-list", "taglist", "tags-list", "post-tags", "article-tags",
  "promo", "teaser-list", "widget", "sidebar", "footer", "navigation", "navbar", "menu",
  "cta", "sharebar", "follow-us", "donate", "rating", "pager", "prev-next", "nextprev",
};

/* Whole words (class tokens) that mark boilerplate. */
static const char *strong_words[] = {
  "ad", "ads", "adv", "advert", "nav", "tags", "tag", "meta", "date", "time", "print",
  "hidden", "hide", "author", "share", "social", "foot", "header", "top", "breadcrumbs",
  "copyright", "legal", "aside", "teaser", "teasers", "more", "pages", "toc",
};

/* Stems that mark the story's own container. */
static const char *good_stems[] = {
  "article", "content", "entry", "post", "story", "text", "body", "main", "blog", "news",
  "beitrag", "artikel", "inhalt", "column",
};

/* A class/id judgement: <0 boilerplate, >0 content.  Strong boilerplate
 * (-2) is skipped outright unless it also names the body of the story. */
static int class_weight(const xmlNode *n) {
  char buf[512];
  size_t i;
  int bad = 0, good = 0;
  if (!class_id(n, buf, sizeof buf)) return 0;
  for (i = 0; i < sizeof strong_stems / sizeof strong_stems[0]; i++)
    if (strstr(buf, strong_stems[i])) { bad = 1; break; }
  if (!bad)
    for (i = 0; i < sizeof strong_words / sizeof strong_words[0]; i++)
      if (has_word(buf, strong_words[i])) { bad = 1; break; }
  for (i = 0; i < sizeof good_stems / sizeof good_stems[0]; i++)
    if (strstr(buf, good_stems[i])) { good = 1; break; }
  if (strstr(buf, "articlebody") || strstr(buf, "article-body") || strstr(buf, "article_body") ||
      strstr(buf, "story-body") || strstr(buf, "storybody") || strstr(buf, "entry-content") ||
      strstr(buf, "post-content") || strstr(buf, "post-body") || strstr(buf, "article-content") ||
      strstr(buf, "article__body") || strstr(buf, "article-text") || strstr(buf, "story-content"))
    good = 2;
  if (bad && good == 2) return 1;
  if (bad && good) return -1;
  if (bad) return -2;
  return good;
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

/* ----------------------------------------------------------------- walk */

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

/* Enter an element: returns 0 if its subtree is to be skipped. */
static int enter(walk *w, xmlNode *n) {
  int flags = tag_flags(n), weight, idx;
  elem *e;
  if (flags & T_SKIP) return 0;
  if (hidden(n)) return 0;
  weight = class_weight(n);
  if (weight == -2 && !(flags & T_SEMANTIC) && strcmp((const char *)n->name, "body") != 0 &&
      strcmp((const char *)n->name, "html") != 0)
    return 0;
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
  e->node = n;
  e->parent = n->parent && n->parent->_private ? (int)(intptr_t)n->parent->_private - 1 : -1;
  e->flags = flags;
  e->weight = weight;
  e->boiler = (flags & T_BOILER) || weight < 0;
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
    }
    if (!n || n == root) break;
    n = n->next;
  }
  flush_block(w);
}

static void walk_free(walk *w) {
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
    e->content += block_value(w, b);
    e->text += b->len;
    e->link += b->link;
  }
  /* Reverse document order visits children before parents. */
  for (i = w->n_elems; i-- > 0;) {
    elem *e = &w->elems[i];
    if (e->parent >= 0) {
      elem *p = &w->elems[e->parent];
      p->content += e->content;
      p->text += e->text;
      p->link += e->link;
    }
  }
}

/* The element that holds the story. */
static int best_container(const walk *w) {
  size_t i;
  int best = -1;
  double best_score = 0;
  for (i = 0; i < w->n_elems; i++) {
    const elem *e = &w->elems[i];
    double s = e->content;
    if (s <= 0) continue;
    if (e->weight > 0) s *= 1.0 + 0.1 * e->weight;
    if (e->flags & T_SEMANTIC) s *= 1.1;
    {
      const char *ip = attr(e->node, "itemprop");
      if (ip && strstr(ip, "articleBody")) s *= 1.3;
    }
    if (s > best_score) {
      best_score = s;
      best = (int)i;
    }
  }
  return best;
}

/* ---------------------------------------------------------- block filter */

static int starts_ci(const char *s, const char *prefix) {
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
  };
  static const char *prefixes[] = {
    "read more", "click here", "subscribe to", "sign up for", "advertisement", "updated ",
    "published ", "posted ", "last updated", "photo:", "photo by", "photograph:", "image:",
    "picture:", "credit:", "foto:", "bild:", "(photo", "(image", "getty images", "© ",
    "copyright ", "all rights reserved", "follow us", "share on", "share this", "related:",
    "see also", "also read", "read also", "lesen sie auch", "mehr zum thema", "mehr dazu",
    "das könnte sie auch interessieren", "this article was", "this story was",
    "sign up to", "join our", "get our", "don't miss", "don’t miss", "download the",
    "watch:", "listen:", "video:", "audio:",
  };
  char low[160];
  size_t i, k = 0;
  if (chars > 120) return 0;
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
    if (!(x->content > 0 && x->content >= c->content * 0.5)) return 1;
    e = x->weak_parent;
  }
  return 0;
}

static void emit(const walk *w, int container, extract_body *body) {
  size_t i;
  int lo = container >= 0 ? container : 0;
  int hi = container >= 0 ? w->elems[container].end : (int)w->n_elems;
  for (i = 0; i < w->n_blocks; i++) {
    const block *b = &w->blocks[i];
    const char *s = w->text.s + b->off;
    size_t chars;
    char *clean;
    double ld;
    if (b->owner < lo || b->owner >= hi) continue;
    if (b->in_figure) continue;
    if (under_dropped_boiler(w, b, container)) continue;
    clean = xstrndup(s, b->len);
    {
      char *c = extract_clean(clean);
      free(clean);
      clean = c;
    }
    if (!clean) continue;
    chars = char_count(clean, strlen(clean));
    ld = b->len ? (double)b->link / (double)b->len : 0;
    if ((ld > 0.6 && chars < 200) || (ld > 0.8) || boilerplate_line(clean, chars)) {
      free(clean);
      continue;
    }
    extract_body_add(body, clean, strlen(clean),
                     (b->flags & T_HEADING) ? BC_BLOCK_SUBHEAD : BC_BLOCK_PARAGRAPH);
    free(clean);
  }
}

/* -------------------------------------------------------------- metadata */

typedef struct meta {
  char *title_tag, *og_title, *h1;
  char *language;
} meta;

static char *node_text(const xmlNode *n) {
  xmlChar *c = xmlNodeGetContent(n);
  char *s = extract_clean((const char *)c);
  xmlFree(c);
  return s;
}

static void collect_meta(xmlDoc *doc, meta *m) {
  xmlNode *root = xmlDocGetRootElement(doc), *n = root;
  if (!root) return;
  if (root->name && strcmp((const char *)root->name, "html") == 0) {
    const char *lang = attr(root, "lang");
    if (!lang) lang = attr(root, "xml:lang");
    if (lang && *lang) m->language = extract_clean(lang);
  }
  while (n) {
    int descend = 1;
    if (n->type == XML_ELEMENT_NODE && n->name) {
      const char *name = (const char *)n->name;
      if (strcmp(name, "title") == 0 && !m->title_tag) m->title_tag = node_text(n);
      else if (strcmp(name, "h1") == 0 && !m->h1) m->h1 = node_text(n);
      else if (strcmp(name, "meta") == 0) {
        const char *prop = attr(n, "property"), *content = attr(n, "content");
        if (prop && content && strcmp(prop, "og:title") == 0 && !m->og_title)
          m->og_title = extract_clean(content);
      }
      if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) descend = 0;
    }
    if (descend && n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    if (!n || n == root) break;
    n = n->next;
  }
}

static void meta_free(meta *m) {
  free(m->title_tag);
  free(m->og_title);
  free(m->h1);
  free(m->language);
}

/* ------------------------------------------------------------ entry point */

static xmlDoc *parse(const char *html, size_t len, const char *url) {
  int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
             HTML_PARSE_NONET | HTML_PARSE_COMPACT;
#ifdef HTML_PARSE_IGNORE_ENC
  opts |= HTML_PARSE_IGNORE_ENC;
#endif
  if (len > (size_t)INT32_MAX) len = (size_t)INT32_MAX;
  return htmlReadMemory(html, (int)len, url, "UTF-8", opts);
}

bc_rc extract_html_utf8(const char *html, size_t len, const char *url, bc_article **out,
                        bc_diag *diag) {
  xmlDoc *doc;
  xmlNode *root;
  walk w;
  meta m;
  extract_body body;
  bc_article *a;
  int container;

  *out = NULL;
  doc = parse(html, len, url);
  if (!doc || !(root = xmlDocGetRootElement(doc))) {
    if (doc) xmlFreeDoc(doc);
    util_diag(diag, "not an HTML page (nothing to parse)");
    return BC_ERR_PARSE;
  }
  memset(&m, 0, sizeof m);
  collect_meta(doc, &m);

  memset(&w, 0, sizeof w);
  buf_init(&w.text);
  walk_tree(&w, root);
  score(&w);
  container = best_container(&w);

  extract_body_init(&body);
  emit(&w, container, &body);

  a = xcalloc(1, sizeof *a);
  a->source = xstrdup(url);
  a->title = xstrdup(m.og_title ? m.og_title : m.h1 ? m.h1 : m.title_tag);
  a->language = xstrdup(m.language);
  extract_body_finish(&body, a);
  walk_free(&w);
  meta_free(&m);
  xmlFreeDoc(doc);
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
  bc_rc rc = extract_html_utf8(utf8, ulen, url, out, diag);
  free(utf8);
  return rc;
}
