/* briefcast: the state database, what briefcast remembers between runs.
 *
 * One SQLite file (by default $XDG_STATE_HOME/briefcast/state.db, else
 * ~/.local/state/briefcast/state.db) holds three things:
 *   - the HTTP cache: per URL, the ETag / Last-Modified validators and the
 *     last body, so a 304 Not Modified can reuse it;
 *   - the feed entries already put in a briefing, keyed by guid/id, else
 *     link, else title (see bc_entry_key());
 *   - the episodes made, newest first, for the podcast feed history.
 * The file is opened in WAL mode with a busy timeout, so two runs at once
 * wait for each other instead of failing, and every write is its own
 * transaction (or part of one opened with bc_state_begin()), so a crash
 * never loses what was already committed. */
#ifndef BRIEFCAST_STATE_H
#define BRIEFCAST_STATE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_state bc_state;

/* The default state file path: $XDG_STATE_HOME/briefcast/state.db, or
 * $HOME/.local/state/briefcast/state.db.  Free with bc_free().
 * BC_ERR_NOT_FOUND when neither variable is set. */
BC_EXPORT bc_rc bc_state_default_path(char **out);

/* Open (creating it and its folder if needed) the state file at path, or
 * the default path when path is NULL.  Close with bc_state_close(). */
BC_EXPORT bc_rc bc_state_open(const char *path, bc_state **out, bc_diag *diag);

/* Close the database.  bc_state_close(NULL) is a no-op. */
BC_EXPORT void bc_state_close(bc_state *st);

/* Group several writes into one transaction (marking a briefing's entries
 * and adding its episode, say): all of them land, or none. */
BC_EXPORT bc_rc bc_state_begin(bc_state *st);
BC_EXPORT bc_rc bc_state_commit(bc_state *st);
BC_EXPORT bc_rc bc_state_rollback(bc_state *st);

/* ---- HTTP cache ---- */

typedef struct bc_http_cache {
  char *etag;               /* ETag header as sent, or NULL */
  char *last_modified;      /* Last-Modified header as sent, or NULL */
  char *content_type;       /* Content-Type of the cached body, or NULL */
  char *final_url;          /* URL after redirects, or NULL */
  char *body;               /* the body last received, NUL-terminated */
  size_t len;
} bc_http_cache;

/* Look up url.  BC_ERR_NOT_FOUND when nothing is stored.  On success the
 * strings in *out are new; release them with bc_http_cache_clear(). */
BC_EXPORT bc_rc bc_state_cache_get(bc_state *st, const char *url, bc_http_cache *out);
/* Store (replace) the validators and body for url. */
BC_EXPORT bc_rc bc_state_cache_put(bc_state *st, const char *url, const bc_http_cache *c);
BC_EXPORT void bc_http_cache_clear(bc_http_cache *c);

/* ---- Entries already used ---- */

/* The key an entry is remembered by: "id:" + guid/id when present, else
 * "link:" + link, else "title:" + title; NULL when all three are empty.
 * Free with bc_free(). */
BC_EXPORT char *bc_entry_key(const char *id, const char *link, const char *title);

/* *seen = 1 when key was marked before. */
BC_EXPORT bc_rc bc_state_entry_seen(bc_state *st, const char *key, int *seen);
/* Remember key (feed, title and episode guid are kept for reference and
 * may be NULL).  Marking twice is harmless. */
BC_EXPORT bc_rc bc_state_entry_mark(bc_state *st, const char *key, const char *feed,
                                    const char *title, const char *episode_guid);

/* ---- Episodes ---- */

typedef struct bc_episode {
  char *guid;               /* unique id (the podcast <guid>); required */
  char *title;
  char *description;        /* show notes, plain text or HTML */
  char *published;          /* ISO 8601 UTC date-time */
  char *audio_path;         /* local path of the audio file */
  char *audio_url;          /* public URL, when published; else NULL */
  char *mime_type;          /* "audio/mpeg", ... */
  long long bytes;          /* audio file size */
  double seconds;           /* duration */
  char *chapters_path;      /* JSON chapters file, or NULL */
  char *transcript_path;    /* transcript file, or NULL */
} bc_episode;

/* Add an episode, or replace the one with the same guid. */
BC_EXPORT bc_rc bc_state_episode_add(bc_state *st, const bc_episode *ep);
/* The most recent episodes (by published, then insertion), newest first;
 * limit 0 = all.  Free with bc_episodes_free(). */
BC_EXPORT bc_rc bc_state_episodes_list(bc_state *st, size_t limit, bc_episode **out,
                                       size_t *n);
/* Forget one episode (for pruning old ones).  BC_ERR_NOT_FOUND if unknown. */
BC_EXPORT bc_rc bc_state_episode_remove(bc_state *st, const char *guid);
BC_EXPORT void bc_episodes_free(bc_episode *eps, size_t n);

#ifdef __cplusplus
}
#endif
#endif
