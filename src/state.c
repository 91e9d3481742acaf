/* The state database: one SQLite file with the HTTP cache, the feed entries
 * already used and the episodes made (see include/briefcast/state.h).
 *
 * This is the only file that talks to SQLite.  The file is put in WAL mode
 * (readers never block the writer) with a busy timeout, so a cron run and a
 * manual run at the same moment wait for each other rather than fail.  With
 * synchronous=FULL every commit is on disk before it returns, so neither a
 * process crash nor a power cut loses a committed transaction (a run writes
 * a few rows: the extra fsyncs cost nothing that matters).  The schema
 * carries a user_version so later releases can migrate. */
#include "briefcast/state.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

#define STATE_SCHEMA_VERSION 1
#define STATE_BUSY_MS 10000
#define STATE_CACHE_SECONDS "(30 * 86400)"

struct bc_state {
  sqlite3 *db;
};

static const char *const schema_sql =
    "CREATE TABLE IF NOT EXISTS http_cache ("
    " url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, content_type TEXT,"
    " final_url TEXT, body BLOB, stored_at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS entries ("
    " key TEXT PRIMARY KEY, feed TEXT, title TEXT, episode TEXT,"
    " used_at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS episodes ("
    " guid TEXT PRIMARY KEY, title TEXT, description TEXT, published TEXT,"
    " audio_path TEXT, audio_url TEXT, mime_type TEXT, bytes INTEGER,"
    " seconds REAL, chapters_path TEXT, transcript_path TEXT,"
    " added INTEGER NOT NULL);";

bc_rc bc_state_default_path(char **out) {
  const char *xdg = getenv("XDG_STATE_HOME");
  const char *home = getenv("HOME");
  *out = NULL;
  /* The XDG Base Directory spec says relative values are to be ignored. */
  if (xdg && xdg[0] == '/')
    *out = xasprintf("%s/briefcast/state.db", xdg);
  else if (home && home[0])
    *out = xasprintf("%s/.local/state/briefcast/state.db", home);
  else
    return BC_ERR_NOT_FOUND;
  return BC_OK;
}

/* mkdir -p for the folder holding path. */
static int make_parent_dirs(const char *path) {
  char *dir = xstrdup(path);
  char *slash = strrchr(dir, '/');
  int ok = 1;
  if (slash && slash != dir) {
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
      if (*p != '/') continue;
      *p = '\0';
      if (mkdir(dir, 0700) != 0 && errno != EEXIST) ok = 0;
      *p = '/';
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) ok = 0;
  }
  free(dir);
  return ok;
}

static bc_rc exec_sql(bc_state *st, const char *sql, bc_diag *diag) {
  char *err = NULL;
  if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
    util_diag(diag, "state database: %s", err ? err : "error");
    sqlite3_free(err);
    return BC_ERR_STATE;
  }
  return BC_OK;
}

bc_rc bc_state_open(const char *path, bc_state **out, bc_diag *diag) {
  char *def = NULL;
  bc_state *st = NULL;
  bc_rc rc = BC_OK;
  sqlite3_stmt *q = NULL;
  int version = 0;

  *out = NULL;
  if (!path) {
    if (bc_state_default_path(&def) != BC_OK) {
      util_diag(diag, "no state file: neither XDG_STATE_HOME nor HOME is set");
      return BC_ERR_STATE;
    }
    path = def;
  }
  if (!make_parent_dirs(path)) {
    util_diag(diag, "%s: cannot create its folder: %s", path, strerror(errno));
    rc = BC_ERR_STATE;
    goto out;
  }
  st = xcalloc(1, sizeof *st);
  if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      NULL) != SQLITE_OK) {
    util_diag(diag, "%s: %s", path, st->db ? sqlite3_errmsg(st->db) : "cannot open");
    rc = BC_ERR_STATE;
    goto out;
  }
  sqlite3_busy_timeout(st->db, STATE_BUSY_MS);
  rc = exec_sql(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", diag);
  if (rc) goto out;
  if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW)
    version = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  if (version > STATE_SCHEMA_VERSION) {
    util_diag(diag, "%s: made by a newer briefcast (schema %d)", path, version);
    rc = BC_ERR_STATE;
    goto out;
  }
  /* IMMEDIATE: two first runs at once must not both try to create tables. */
  rc = exec_sql(st, "BEGIN IMMEDIATE;", diag);
  if (rc) goto out;
  rc = exec_sql(st, schema_sql, diag);
  if (!rc) rc = exec_sql(st, "PRAGMA user_version=1;", diag);
  /* Cached bodies only save a download; after STATE_CACHE_DAYS the page
   * has most likely changed or been forgotten, so the file stays small. */
  if (!rc)
    rc = exec_sql(st,
                  "DELETE FROM http_cache WHERE stored_at < strftime('%s','now') - "
                  STATE_CACHE_SECONDS ";",
                  diag);
  if (rc) {
    exec_sql(st, "ROLLBACK;", NULL);
    goto out;
  }
  rc = exec_sql(st, "COMMIT;", diag);
out:
  if (rc) {
    bc_state_close(st);
    st = NULL;
  }
  free(def);
  *out = st;
  return rc;
}

void bc_state_close(bc_state *st) {
  if (!st) return;
  sqlite3_close(st->db);
  free(st);
}

bc_rc bc_state_begin(bc_state *st) { return exec_sql(st, "BEGIN IMMEDIATE;", NULL); }
bc_rc bc_state_commit(bc_state *st) { return exec_sql(st, "COMMIT;", NULL); }
bc_rc bc_state_rollback(bc_state *st) { return exec_sql(st, "ROLLBACK;", NULL); }

static void bind_text(sqlite3_stmt *q, int i, const char *s) {
  if (s)
    sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(q, i);
}

static char *column_text(sqlite3_stmt *q, int i) {
  const unsigned char *s = sqlite3_column_text(q, i);
  return s ? xstrdup((const char *)s) : NULL;
}

/* Run a prepared write to completion. */
static bc_rc step_done(sqlite3_stmt *q) {
  int r = sqlite3_step(q);
  sqlite3_finalize(q);
  return r == SQLITE_DONE ? BC_OK : BC_ERR_STATE;
}

/* ---- HTTP cache ---- */

bc_rc bc_state_cache_get(bc_state *st, const char *url, bc_http_cache *out) {
  sqlite3_stmt *q = NULL;
  bc_rc rc = BC_ERR_NOT_FOUND;
  memset(out, 0, sizeof *out);
  if (!st || !url) return BC_ERR_ARG;
  if (sqlite3_prepare_v2(st->db,
                         "SELECT etag, last_modified, content_type, final_url, body "
                         "FROM http_cache WHERE url = ?",
                         -1, &q, NULL) != SQLITE_OK)
    return BC_ERR_STATE;
  bind_text(q, 1, url);
  int r = sqlite3_step(q);
  if (r == SQLITE_ROW) {
    const void *body = sqlite3_column_blob(q, 4);
    size_t len = (size_t)sqlite3_column_bytes(q, 4);
    out->etag = column_text(q, 0);
    out->last_modified = column_text(q, 1);
    out->content_type = column_text(q, 2);
    out->final_url = column_text(q, 3);
    out->body = xmalloc(len + 1);
    if (len) memcpy(out->body, body, len);
    out->body[len] = '\0';
    out->len = len;
    rc = BC_OK;
  } else if (r != SQLITE_DONE) {
    rc = BC_ERR_STATE;
  }
  sqlite3_finalize(q);
  return rc;
}

bc_rc bc_state_cache_put(bc_state *st, const char *url, const bc_http_cache *c) {
  sqlite3_stmt *q = NULL;
  if (!st || !url || !c) return BC_ERR_ARG;
  if (sqlite3_prepare_v2(st->db,
                         "INSERT OR REPLACE INTO http_cache (url, etag, last_modified,"
                         " content_type, final_url, body, stored_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, strftime('%s','now'))",
                         -1, &q, NULL) != SQLITE_OK)
    return BC_ERR_STATE;
  bind_text(q, 1, url);
  bind_text(q, 2, c->etag);
  bind_text(q, 3, c->last_modified);
  bind_text(q, 4, c->content_type);
  bind_text(q, 5, c->final_url);
  sqlite3_bind_blob64(q, 6, c->body ? c->body : "", c->len, SQLITE_TRANSIENT);
  return step_done(q);
}

void bc_http_cache_clear(bc_http_cache *c) {
  if (!c) return;
  free(c->etag);
  free(c->last_modified);
  free(c->content_type);
  free(c->final_url);
  free(c->body);
  memset(c, 0, sizeof *c);
}

/* ---- Entries ---- */

char *bc_entry_key(const char *id, const char *link, const char *title) {
  if (id && id[0]) return xasprintf("id:%s", id);
  if (link && link[0]) return xasprintf("link:%s", link);
  if (title && title[0]) return xasprintf("title:%s", title);
  return NULL;
}

bc_rc bc_state_entry_seen(bc_state *st, const char *key, int *seen) {
  sqlite3_stmt *q = NULL;
  int r;
  *seen = 0;
  if (!st || !key) return BC_ERR_ARG;
  if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM entries WHERE key = ?", -1, &q, NULL) !=
      SQLITE_OK)
    return BC_ERR_STATE;
  bind_text(q, 1, key);
  r = sqlite3_step(q);
  sqlite3_finalize(q);
  if (r == SQLITE_ROW) *seen = 1;
  return r == SQLITE_ROW || r == SQLITE_DONE ? BC_OK : BC_ERR_STATE;
}

bc_rc bc_state_entry_mark(bc_state *st, const char *key, const char *feed,
                          const char *title, const char *episode_guid) {
  sqlite3_stmt *q = NULL;
  if (!st || !key) return BC_ERR_ARG;
  if (sqlite3_prepare_v2(st->db,
                         "INSERT OR REPLACE INTO entries (key, feed, title, episode, used_at)"
                         " VALUES (?, ?, ?, ?, strftime('%s','now'))",
                         -1, &q, NULL) != SQLITE_OK)
    return BC_ERR_STATE;
  bind_text(q, 1, key);
  bind_text(q, 2, feed);
  bind_text(q, 3, title);
  bind_text(q, 4, episode_guid);
  return step_done(q);
}

/* ---- Episodes ---- */

bc_rc bc_state_episode_add(bc_state *st, const bc_episode *ep) {
  sqlite3_stmt *q = NULL;
  if (!st || !ep || !ep->guid || !ep->guid[0]) return BC_ERR_ARG;
  if (sqlite3_prepare_v2(st->db,
                         "INSERT OR REPLACE INTO episodes (guid, title, description, published,"
                         " audio_path, audio_url, mime_type, bytes, seconds, chapters_path,"
                         " transcript_path, added)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                         " (SELECT COALESCE(MAX(added), 0) + 1 FROM episodes))",
                         -1, &q, NULL) != SQLITE_OK)
    return BC_ERR_STATE;
  bind_text(q, 1, ep->guid);
  bind_text(q, 2, ep->title);
  bind_text(q, 3, ep->description);
  bind_text(q, 4, ep->published);
  bind_text(q, 5, ep->audio_path);
  bind_text(q, 6, ep->audio_url);
  bind_text(q, 7, ep->mime_type);
  sqlite3_bind_int64(q, 8, ep->bytes);
  sqlite3_bind_double(q, 9, ep->seconds);
  bind_text(q, 10, ep->chapters_path);
  bind_text(q, 11, ep->transcript_path);
  return step_done(q);
}

bc_rc bc_state_episodes_list(bc_state *st, size_t limit, bc_episode **out, size_t *n) {
  sqlite3_stmt *q = NULL;
  bc_episode *eps = NULL;
  size_t cnt = 0, cap = 0;
  int r;
  *out = NULL;
  *n = 0;
  if (!st) return BC_ERR_ARG;
  /* "added" breaks ties between episodes published the same second. */
  if (sqlite3_prepare_v2(st->db,
                         "SELECT guid, title, description, published, audio_path, audio_url,"
                         " mime_type, bytes, seconds, chapters_path, transcript_path"
                         " FROM episodes ORDER BY published DESC, added DESC LIMIT ?",
                         -1, &q, NULL) != SQLITE_OK)
    return BC_ERR_STATE;
  sqlite3_bind_int64(q, 1, limit ? (sqlite3_int64)limit : -1);
  while ((r = sqlite3_step(q)) == SQLITE_ROW) {
    BC_GROW(eps, cnt, cap);
    bc_episode *e = &eps[cnt++];
    memset(e, 0, sizeof *e);
    e->guid = column_text(q, 0);
    e->title = column_text(q, 1);
    e->description = column_text(q, 2);
    e->published = column_text(q, 3);
    e->audio_path = column_text(q, 4);
    e->audio_url = column_text(q, 5);
    e->mime_type = column_text(q, 6);
    e->bytes = sqlite3_column_int64(q, 7);
    e->seconds = sqlite3_column_double(q, 8);
    e->chapters_path = column_text(q, 9);
    e->transcript_path = column_text(q, 10);
  }
  sqlite3_finalize(q);
  if (r != SQLITE_DONE) {
    bc_episodes_free(eps, cnt);
    return BC_ERR_STATE;
  }
  *out = eps;
  *n = cnt;
  return BC_OK;
}

bc_rc bc_state_episode_remove(bc_state *st, const char *guid) {
  sqlite3_stmt *q = NULL;
  bc_rc rc;
  if (!st || !guid) return BC_ERR_ARG;
  if (sqlite3_prepare_v2(st->db, "DELETE FROM episodes WHERE guid = ?", -1, &q, NULL) !=
      SQLITE_OK)
    return BC_ERR_STATE;
  bind_text(q, 1, guid);
  rc = step_done(q);
  if (!rc && sqlite3_changes(st->db) == 0) rc = BC_ERR_NOT_FOUND;
  return rc;
}

void bc_episodes_free(bc_episode *eps, size_t n) {
  if (!eps) return;
  for (size_t i = 0; i < n; i++) {
    free(eps[i].guid);
    free(eps[i].title);
    free(eps[i].description);
    free(eps[i].published);
    free(eps[i].audio_path);
    free(eps[i].audio_url);
    free(eps[i].mime_type);
    free(eps[i].chapters_path);
    free(eps[i].transcript_path);
  }
  free(eps);
}
