/* briefcast: the daily briefing, which turns a list of feeds into one
 * episode of what is new since the last one.
 *
 * The config file (documented in doc/config.example) names the feeds and
 * the episode's limits.  bc_daily_collect() reads the feeds (concurrently,
 * with conditional requests) and picks the entries not yet in an episode:
 * newest first, balanced across feeds (each feed gives its newest entry
 * before any feed gives its second).  After the episode is made,
 * bc_daily_record() marks the picked entries and adds the episode in one
 * transaction, so a failed run records nothing. */
#ifndef BRIEFCAST_DAILY_H
#define BRIEFCAST_DAILY_H

#include "feed.h"
#include "state.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_daily_config {
  char **feeds;             /* "feed = URL or path" lines, in order */
  size_t n_feeds;
  char *opml;               /* "opml = FILE or URL", or NULL */
  int stories;              /* "stories": most stories in an episode; default 8 */
  int per_feed;             /* "per_feed": most stories from one feed; 0 = no limit */
  double max_minutes;       /* "max_minutes": episode length budget; default 15 */
  double max_age_days;      /* "max_age_days": skip older entries; default 3, 0 = no limit */
  char *title;              /* "title": spoken episode title; default "News briefing" */
  char *lang;               /* "lang": force a language; NULL = per article */
  char *voices;             /* "voices": voice profile folder; NULL = installed ones */
  double rate;              /* "rate": narrator words per minute; 0 = voice default */
  char *output_dir;         /* "output_dir": where episodes go; default "." (the
                               config's folder when relative) */
  char *format;             /* "format": mp3, ogg, opus, flac, wav; default mp3 */
  char *name;               /* "name": file name pattern, strftime() codes; default
                               "briefing-%Y-%m-%d" (the extension is added) */
  char *state;              /* "state": state file; NULL = default location */
  int jobs;                 /* "jobs": concurrent downloads; 0 = 8 */
  int timeout;              /* "timeout": seconds per request; 0 = 30 */
  /* podcast options */
  int podcast;              /* "podcast = yes": publish output_dir as a podcast
                               (audio, chapters, transcript, feed.xml) */
  char *podcast_title;      /* "podcast_title"; default "briefcast" */
  char *podcast_author;     /* "podcast_author" */
  char *podcast_base_url;   /* "podcast_base_url": public URL of output_dir */
  int podcast_keep;         /* "podcast_keep": episodes listed in the podcast feed; default 30 */
  char *path;               /* the config file itself */
} bc_daily_config;

/* Read a config file: "key = value" lines, '#' comments, "feed" repeated.
 * Unknown keys and bad values are errors naming file:line.  Free with
 * bc_daily_config_free(). */
BC_EXPORT bc_rc bc_daily_config_load(const char *path, bc_daily_config **out, bc_diag *diag);
BC_EXPORT void bc_daily_config_free(bc_daily_config *c);

typedef struct bc_daily_pick {
  const bc_feed *feed;      /* borrowed from the bc_daily_run */
  const bc_feed_entry *entry;
  char *key;                /* bc_entry_key() of the entry */
  char *when;               /* published, else updated, else NULL */
} bc_daily_pick;

typedef struct bc_daily_feed_error {
  char *feed;               /* URL or path */
  bc_rc rc;
  char *error;              /* one line */
} bc_daily_feed_error;

typedef struct bc_daily_run {
  bc_feed **feeds;          /* the feeds read, in config order */
  size_t n_feeds;
  bc_daily_feed_error *errors;  /* the feeds that could not be read */
  size_t n_errors;
  bc_daily_pick *picks;     /* the entries chosen, in briefing order (newest first) */
  size_t n_picks;
  size_t n_entries;         /* entries seen in all feeds */
  size_t n_new;             /* of those, not yet used and recent enough */
} bc_daily_run;

/* Read every feed of the config and choose the entries for the episode.
 * now: the current time (seconds since the epoch) for max_age_days.
 * progress (may be NULL) is called as each feed arrives.  Free the run
 * with bc_daily_run_free().  BC_OK even when feeds failed (see errors);
 * n_picks == 0 means nothing new. */
BC_EXPORT bc_rc bc_daily_collect(const bc_daily_config *cfg, bc_state *st, long long now,
                                 void (*progress)(const char *, size_t, size_t, void *),
                                 void *user, bc_daily_run **out);
BC_EXPORT void bc_daily_run_free(bc_daily_run *r);

/* Mark picks[i] as used in episode_guid for every i with used[i] != 0
 * (used may be NULL: all) and add the episode ep (may be NULL when it was
 * recorded already, by bc_podcast_publish for instance), in one transaction. */
BC_EXPORT bc_rc bc_daily_record(bc_state *st, const bc_daily_run *run, const int *used,
                                const char *episode_guid, const bc_episode *ep);

#ifdef __cplusplus
}
#endif
#endif
