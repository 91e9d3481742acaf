/* The daily briefing: read the config, read the feeds, choose what is new.
 *
 * In: a config file (doc/config.example) and the state database.  Out: the
 * entries for today's episode, in briefing order; after the episode is
 * made, the record of what it used.
 *
 * Choosing: every entry not yet used (by guid/id, else link, else title:
 * bc_entry_key) and not older than max_age_days is a candidate.  Each
 * feed's candidates are sorted newest first; then rounds take each feed's
 * next-newest candidate, the feeds with the newer entry first, until the
 * episode is full.  So one busy feed cannot crowd out the others, and
 * within that the news is as fresh as possible.  Entries without any date
 * rank after dated ones in their feed, in document order (feeds list newest
 * first). */
#include "briefcast/daily.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "briefcast/fetch.h"
#include "util.h"

/* ------------------------------------------------------------ config */

static char *trim(char *s) {
  while (isspace((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
  return s;
}

static int parse_int(const char *v, int lo, int hi, int *out) {
  char *end;
  long x;
  errno = 0;
  x = strtol(v, &end, 10);
  if (errno || end == v || *end || x < lo || x > hi) return 0;
  *out = (int)x;
  return 1;
}

static int parse_double(const char *v, double lo, double hi, double *out) {
  char *end;
  double x;
  errno = 0;
  x = strtod(v, &end);
  /* Written so that NaN ("nan" reads as a number) fails it too. */
  if (errno || end == v || *end || !(x >= lo && x <= hi)) return 0;
  *out = x;
  return 1;
}

static void set_str(char **field, const char *v) {
  free(*field);
  *field = xstrdup(v);
}

/* A path: not empty (an empty one would silently mean the config's folder). */
static int set_path(char **field, const char *v) {
  if (!*v) return 0;
  set_str(field, v);
  return 1;
}

/* "~" or "~/..." as the shell would read it, when $HOME is set. */
static void expand_home(char **p) {
  const char *home = getenv("HOME");
  if (!*p || (*p)[0] != '~' || ((*p)[1] && (*p)[1] != '/') || !home || !*home) return;
  char *x = xasprintf("%s%s", home, *p + 1);
  free(*p);
  *p = x;
}

bc_rc bc_daily_config_load(const char *path, bc_daily_config **out, bc_diag *diag) {
  char *data = NULL, *line, *next;
  size_t len, cap = 0;
  int lineno = 0;
  bc_rc rc;
  bc_daily_config *c;

  *out = NULL;
  rc = util_read_file(path, 1 << 20, &data, &len);
  if (rc) {
    util_diag(diag, "%s: %s", path, rc == BC_ERR_NOT_FOUND ? "no such file" : bc_strerror(rc));
    return rc;
  }
  /* The lines are C strings: a NUL byte would end one early and, before
   * its newline, the whole file, hiding what follows. */
  const char *nul = memchr(data, '\0', len);
  if (nul) {
    int at = 1;
    for (const char *p = data; p < nul; p++) at += *p == '\n';
    util_diag(diag, "%s:%d: NUL byte (not a text file?)", path, at);
    free(data);
    return BC_ERR_PARSE;
  }
  c = xcalloc(1, sizeof *c);
  c->stories = 8;
  c->max_minutes = 15;
  c->max_age_days = 3;
  c->podcast_keep = 30;
  c->path = xstrdup(path);
  /* A byte order mark, as some editors write, is not part of the first key. */
  line = len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? data + 3 : data;
  for (; line; line = next) {
    char *eq, *key, *val;
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    lineno++;
    key = trim(line);
    if (!*key || *key == '#' || *key == ';') continue;
    eq = strchr(key, '=');
    if (!eq) {
      util_diag(diag, "%s:%d: expected 'key = value'", path, lineno);
      rc = BC_ERR_PARSE;
      break;
    }
    *eq = '\0';
    key = trim(key);
    val = trim(eq + 1);
    if (strlen(val) >= 2 && (val[0] == '"' || val[0] == '\'') && val[strlen(val) - 1] == val[0]) {
      val[strlen(val) - 1] = '\0';
      val++;
    }
    int ok = 1;
    if (!strcmp(key, "feed")) {
      if (*val) {
        BC_GROW(c->feeds, c->n_feeds, cap);
        c->feeds[c->n_feeds++] = xstrdup(val);
      } else ok = 0;
    } else if (!strcmp(key, "opml")) ok = set_path(&c->opml, val);
    else if (!strcmp(key, "stories")) ok = parse_int(val, 1, 100, &c->stories);
    else if (!strcmp(key, "per_feed")) ok = parse_int(val, 0, 100, &c->per_feed);
    else if (!strcmp(key, "max_minutes")) ok = parse_double(val, 0.5, 600, &c->max_minutes);
    else if (!strcmp(key, "max_age_days")) ok = parse_double(val, 0, 3650, &c->max_age_days);
    else if (!strcmp(key, "title")) set_str(&c->title, val);
    else if (!strcmp(key, "lang")) set_str(&c->lang, val);
    else if (!strcmp(key, "voices")) ok = set_path(&c->voices, val);
    else if (!strcmp(key, "rate")) ok = parse_double(val, 80, 450, &c->rate);
    else if (!strcmp(key, "output_dir")) ok = set_path(&c->output_dir, val);
    else if (!strcmp(key, "format")) set_str(&c->format, val);
    else if (!strcmp(key, "name")) ok = *val && !strchr(val, '/') ? (set_str(&c->name, val), 1) : 0;
    else if (!strcmp(key, "state")) ok = set_path(&c->state, val);
    else if (!strcmp(key, "jobs")) ok = parse_int(val, 1, 64, &c->jobs);
    else if (!strcmp(key, "timeout")) ok = parse_int(val, 1, 3600, &c->timeout);
    else if (!strcmp(key, "podcast")) {
      if (!strcmp(val, "yes") || !strcmp(val, "true") || !strcmp(val, "1")) c->podcast = 1;
      else if (!strcmp(val, "no") || !strcmp(val, "false") || !strcmp(val, "0")) c->podcast = 0;
      else ok = 0;
    } else if (!strcmp(key, "podcast_title")) set_str(&c->podcast_title, val);
    else if (!strcmp(key, "podcast_author")) set_str(&c->podcast_author, val);
    else if (!strcmp(key, "podcast_base_url")) set_str(&c->podcast_base_url, val);
    else if (!strcmp(key, "podcast_keep")) ok = parse_int(val, 1, 10000, &c->podcast_keep);
    else {
      util_diag(diag, "%s:%d: unknown key '%s'", path, lineno, key);
      rc = BC_ERR_PARSE;
      break;
    }
    if (!ok) {
      util_diag(diag, "%s:%d: bad value '%s' for %s", path, lineno, val, key);
      rc = BC_ERR_PARSE;
      break;
    }
  }
  if (!rc && c->n_feeds == 0 && !c->opml) {
    util_diag(diag, "%s: names no feed (add 'feed = URL' lines or 'opml = FILE')", path);
    rc = BC_ERR_PARSE;
  }
  free(data);
  if (rc) {
    bc_daily_config_free(c);
    return rc;
  }
  if (!c->output_dir) c->output_dir = xstrdup(".");
  if (!c->format) c->format = xstrdup("mp3");
  if (!c->name) c->name = xstrdup("briefing-%Y-%m-%d");
  if (!c->title) c->title = xstrdup("News briefing");
  if (!c->podcast_title) c->podcast_title = xstrdup("briefcast");
  /* "~/" is the home folder; other relative paths in the config are
   * relative to the config's folder, so the same file works from cron
   * (which starts in $HOME) and by hand. */
  {
    char **home[] = {&c->output_dir, &c->voices, &c->state, &c->opml};
    for (size_t i = 0; i < sizeof home / sizeof *home; i++) expand_home(home[i]);
    for (size_t i = 0; i < c->n_feeds; i++) expand_home(&c->feeds[i]);
  }
  const char *slash = strrchr(path, '/');
  if (slash) {
    char *dir = xstrndup(path, (size_t)(slash - path + 1));
    char **rel[] = {&c->output_dir, &c->voices, &c->state, &c->opml};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
      char *p = *rel[i];
      if (p && p[0] != '/' && !strstr(p, "://")) {
        *rel[i] = xasprintf("%s%s", dir, p);
        free(p);
      }
    }
    for (size_t i = 0; i < c->n_feeds; i++) {
      char *p = c->feeds[i];
      if (p[0] != '/' && !strstr(p, "://")) {
        c->feeds[i] = xasprintf("%s%s", dir, p);
        free(p);
      }
    }
    free(dir);
  }
  *out = c;
  return BC_OK;
}

void bc_daily_config_free(bc_daily_config *c) {
  if (!c) return;
  bc_strings_free(c->feeds, c->n_feeds);
  free(c->opml);
  free(c->title);
  free(c->lang);
  free(c->voices);
  free(c->output_dir);
  free(c->format);
  free(c->name);
  free(c->state);
  free(c->podcast_title);
  free(c->podcast_author);
  free(c->podcast_base_url);
  free(c->path);
  free(c);
}

/* ------------------------------------------------------------ reading */

static int is_http(const char *s) {
  return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

static const char *local_path(const char *s) {
  if (strncasecmp(s, "file://", 7) == 0) return s + 7;
  return s;
}

static char *file_url(const char *path) {
  char *abs = realpath(path, NULL);
  char *u = xasprintf("file://%s", abs ? abs : path);
  free(abs);
  return u;
}

static void add_error(bc_daily_run *r, size_t *cap, const char *feed, bc_rc rc, const char *msg) {
  BC_GROW(r->errors, r->n_errors, *cap);
  bc_daily_feed_error *e = &r->errors[r->n_errors++];
  e->feed = xstrdup(feed);
  e->rc = rc;
  e->error = xasprintf("%s: %s", feed, msg && msg[0] ? msg : bc_strerror(rc));
}

/* Read a document named by URL or path into *bytes; *base is the URL to
 * resolve against.  For URLs, resp holds the download. */
static bc_rc read_local(const char *where, long long max, char **bytes, size_t *len, char **base,
                        char **err) {
  bc_rc rc = util_read_file(local_path(where), (size_t)max, bytes, len);
  if (rc) {
    *err = xstrdup(rc == BC_ERR_NOT_FOUND ? "no such file" : bc_strerror(rc));
    return rc;
  }
  *base = file_url(local_path(where));
  return BC_OK;
}

typedef struct cand {
  const bc_feed *feed;
  const bc_feed_entry *entry;
  char *key;
  const char *when;
  size_t order;             /* position in its feed */
} cand;

static int newer_first(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->when && y->when) {
    int c = strcmp(y->when, x->when); /* ISO 8601 UTC sorts as text */
    if (c) return c;
  } else if (x->when || y->when) {
    return x->when ? -1 : 1;
  }
  return x->order < y->order ? -1 : x->order > y->order;
}

bc_rc bc_daily_collect(const bc_daily_config *cfg, bc_state *st, long long now,
                       void (*progress)(const char *, size_t, size_t, void *), void *user,
                       bc_daily_run **out) {
  bc_daily_run *r = xcalloc(1, sizeof *r);
  size_t err_cap = 0, n_urls = 0, urls_cap = 0, i, j;
  char **urls = NULL;
  const char **remote = NULL;
  size_t n_remote = 0;
  bc_response *resp = NULL;
  bc_fetch_options fo = {0};
  long long max = BC_FETCH_DEFAULT_MAX_BYTES;

  *out = r;
  fo.jobs = cfg->jobs;
  fo.timeout_seconds = cfg->timeout;
  fo.state = st;
  fo.on_progress = progress;
  fo.user = user;

  for (i = 0; i < cfg->n_feeds; i++) {
    BC_GROW(urls, n_urls, urls_cap);
    urls[n_urls++] = xstrdup(cfg->feeds[i]);
  }
  if (cfg->opml) {
    char *bytes = NULL, *base = NULL, *err = NULL, **list = NULL;
    size_t len = 0, n = 0;
    bc_diag d = {{0}};
    bc_rc rc;
    if (is_http(cfg->opml)) {
      bc_response o;
      rc = bc_fetch(cfg->opml, &fo, &o);
      if (!rc) {
        bytes = o.body;
        len = o.len;
        base = o.final_url;
        o.body = o.final_url = NULL;
      } else {
        err = xstrdup(o.error);
      }
      bc_response_clear(&o);
    } else {
      rc = read_local(cfg->opml, max, &bytes, &len, &base, &err);
    }
    if (!rc) rc = bc_opml_parse(bytes, len, base, &list, &n, &d);
    if (rc) add_error(r, &err_cap, cfg->opml, rc, err ? err : d.msg);
    for (j = 0; j < n; j++) {
      /* an OPML list fetched from the web may not name local files */
      if (!is_http(list[j]) && is_http(cfg->opml)) continue;
      BC_GROW(urls, n_urls, urls_cap);
      urls[n_urls++] = xstrdup(list[j]);
    }
    bc_strings_free(list, n);
    free(bytes);
    free(base);
    free(err);
  }

  remote = xcalloc(n_urls + 1, sizeof *remote);
  for (i = 0; i < n_urls; i++)
    if (is_http(urls[i])) remote[n_remote++] = urls[i];
  bc_fetch_many(remote, n_remote, &fo, &resp);

  r->feeds = xcalloc(n_urls + 1, sizeof *r->feeds);
  for (i = 0, j = 0; i < n_urls; i++) {
    char *bytes = NULL, *base = NULL, *err = NULL;
    const char *ct = NULL;
    size_t len = 0;
    bc_diag d = {{0}};
    bc_rc rc;
    bc_feed *f = NULL;
    if (is_http(urls[i])) {
      bc_response *x = &resp[j++];
      rc = x->rc;
      if (!rc) {
        bytes = x->body;
        len = x->len;
        base = xstrdup(x->final_url);
        ct = x->content_type;
      } else {
        err = xstrdup(x->error);
      }
    } else {
      rc = read_local(urls[i], max, &bytes, &len, &base, &err);
    }
    if (!rc) rc = bc_feed_parse(bytes, len, base, ct, &f, &d);
    if (rc) {
      add_error(r, &err_cap, urls[i], rc, err ? err : d.msg);
    } else {
      free(f->url);
      f->url = xstrdup(base);
      r->feeds[r->n_feeds++] = f;
    }
    if (!is_http(urls[i])) free(bytes);
    free(base);
    free(err);
  }
  bc_responses_free(resp, n_remote);
  free(remote);
  bc_strings_free(urls, n_urls);

  /* Candidates per feed, newest first. */
  cand **per = xcalloc(r->n_feeds + 1, sizeof *per);
  size_t *count = xcalloc(r->n_feeds + 1, sizeof *count), total = 0;
  char cutoff[32] = "";
  if (cfg->max_age_days > 0) {
    time_t t = (time_t)(now - (long long)(cfg->max_age_days * 86400.0));
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(cutoff, sizeof cutoff, "%Y-%m-%dT%H:%M:%SZ", &tm);
  }
  for (i = 0; i < r->n_feeds; i++) {
    const bc_feed *f = r->feeds[i];
    per[i] = xcalloc(f->n_entries + 1, sizeof **per);
    for (j = 0; j < f->n_entries; j++) {
      const bc_feed_entry *e = &f->entries[j];
      const char *when = e->published ? e->published : e->updated;
      char *key = bc_entry_key(e->id, e->link, e->title);
      int seen = 0;
      r->n_entries++;
      if (!key) continue;
      if (st) bc_state_entry_seen(st, key, &seen);
      /* the same story in two feeds (or twice in one) is one candidate */
      for (size_t a = 0; !seen && a <= i; a++)
        for (size_t b = 0; b < count[a]; b++)
          if (!strcmp(per[a][b].key, key)) seen = 1;
      if (seen || (cutoff[0] && when && strcmp(when, cutoff) < 0)) {
        free(key);
        continue;
      }
      cand *c = &per[i][count[i]++];
      c->feed = f;
      c->entry = e;
      c->key = key;
      c->when = when;
      c->order = j;
    }
    qsort(per[i], count[i], sizeof **per, newer_first);
    total += count[i];
  }
  r->n_new = total;

  /* Rounds: each feed's next candidate, newer first, until full. */
  size_t want = (size_t)cfg->stories, round = 0;
  cand *chosen = xcalloc(want + 1, sizeof *chosen);
  size_t n_chosen = 0;
  cand *row = xcalloc(r->n_feeds + 1, sizeof *row);
  while (n_chosen < want) {
    size_t n_row = 0;
    for (i = 0; i < r->n_feeds; i++)
      if (round < count[i] && (cfg->per_feed <= 0 || round < (size_t)cfg->per_feed))
        row[n_row++] = per[i][round];
    if (!n_row) break;
    qsort(row, n_row, sizeof *row, newer_first);
    for (i = 0; i < n_row && n_chosen < want; i++) {
      chosen[n_chosen] = row[i];
      chosen[n_chosen].key = xstrdup(row[i].key);
      n_chosen++;
    }
    round++;
  }
  free(row);
  /* The briefing itself runs newest first. */
  qsort(chosen, n_chosen, sizeof *chosen, newer_first);
  r->picks = xcalloc(n_chosen + 1, sizeof *r->picks);
  for (i = 0; i < n_chosen; i++) {
    r->picks[i].feed = chosen[i].feed;
    r->picks[i].entry = chosen[i].entry;
    r->picks[i].key = chosen[i].key;
    r->picks[i].when = xstrdup(chosen[i].when);
  }
  r->n_picks = n_chosen;
  free(chosen);
  for (i = 0; i < r->n_feeds; i++) {
    for (j = 0; j < count[i]; j++) free(per[i][j].key);
    free(per[i]);
  }
  free(per);
  free(count);
  return BC_OK;
}

void bc_daily_run_free(bc_daily_run *r) {
  if (!r) return;
  for (size_t i = 0; i < r->n_feeds; i++) bc_feed_free(r->feeds[i]);
  free(r->feeds);
  for (size_t i = 0; i < r->n_errors; i++) {
    free(r->errors[i].feed);
    free(r->errors[i].error);
  }
  free(r->errors);
  for (size_t i = 0; i < r->n_picks; i++) {
    free(r->picks[i].key);
    free(r->picks[i].when);
  }
  free(r->picks);
  free(r);
}

bc_rc bc_daily_record(bc_state *st, const bc_daily_run *run, const int *used,
                      const char *episode_guid, const bc_episode *ep) {
  bc_rc rc;
  if (!st || !run) return BC_ERR_ARG;
  rc = bc_state_begin(st);
  if (rc) return rc;
  for (size_t i = 0; i < run->n_picks && !rc; i++) {
    const bc_daily_pick *p = &run->picks[i];
    if (used && !used[i]) continue;
    rc = bc_state_entry_mark(st, p->key, p->feed ? p->feed->url : NULL, p->entry->title,
                             episode_guid ? episode_guid : ep ? ep->guid : NULL);
  }
  if (!rc && ep) rc = bc_state_episode_add(st, ep);
  if (rc) {
    bc_state_rollback(st);
    return rc;
  }
  return bc_state_commit(st);
}
