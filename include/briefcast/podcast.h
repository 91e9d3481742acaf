/* briefcast: podcast output, which turns a script into an episode in a
 * podcast folder: the audio, its chapters (Podcasting 2.0 JSON chapters),
 * its transcripts (WebVTT and SRT), and feed.xml, an RSS 2.0 feed with the
 * itunes and podcast namespaces carrying the last N episodes.
 *
 * Files of an episode are named after its date and title
 * ("2026-11-27-morning-briefing.mp3", ".chapters.json", ".vtt", ".srt"), so
 * several episodes live side by side.  The episode history is kept in the
 * state database (state.h), each episode under its audio file's absolute
 * path, so one database serves several podcast folders.  Every file is
 * written under a temporary name and renamed into place; an interrupted run
 * leaves the previous episodes and feed as they were. */
#ifndef BRIEFCAST_PODCAST_H
#define BRIEFCAST_PODCAST_H

#include "render.h"
#include "state.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_podcast_options {
  const char *dir;          /* the podcast folder (created if missing) */
  const char *base_url;     /* public URL of the folder ("https://example.com/pod");
                               NULL = file:// URLs of the local files */
  const char *title;        /* channel title; NULL = the render options'
                               podcast_name, else "News briefing" */
  const char *description;  /* channel description; NULL = a generic one */
  const char *language;     /* channel language; NULL = the script's, else "en" */
  const char *author;       /* itunes:author; NULL = render options' author, else "briefcast" */
  const char *owner_email;  /* itunes:owner email; NULL = none */
  const char *image_url;    /* itunes:image (1400-3000 px square); NULL = base_url/cover.png,
                               which is created (a plain cover) when the folder has none */
  const char *category;     /* itunes:category; NULL = "News" */
  const char *subcategory;  /* NULL = "Daily News" when category is News */
  int explicit_content;     /* itunes:explicit */
  size_t keep;              /* episodes in the feed; 0 = 10.  Older ones are deleted. */
  bc_state *state;          /* episode history; NULL = open state_path */
  const char *state_path;   /* NULL = the default state file */
  int keep_same_day;        /* 1: an episode never replaces one of the same date
                               and title; it is named "...-2", "-3", ... instead
                               (daily runs: each run's stories are new) */
} bc_podcast_options;

typedef struct bc_podcast_result {
  bc_render_result render;  /* duration, loudness, chapters, timeline */
  char *audio_path;         /* the episode's audio file */
  char *guid;
  char *feed_path;
  size_t n_episodes;        /* items in the feed */
} bc_podcast_result;

/* Render `script` into po->dir as a new episode (format: ro->format, or MP3
 * when -1; ro->output is ignored), write its chapters and transcripts,
 * record it in the history and rewrite feed.xml with the newest po->keep
 * episodes.  An episode with the same date and title replaces the earlier
 * one (same guid), unless po->keep_same_day.  result may be NULL; clear it with
 * bc_podcast_result_clear(). */
BC_EXPORT bc_rc bc_podcast_publish(const bc_script *script, const bc_voiceset *vs,
                                   const bc_render_options *ro, const bc_podcast_options *po,
                                   bc_podcast_result *result, bc_diag *diag);

BC_EXPORT void bc_podcast_result_clear(bc_podcast_result *r);

/* "Fri, 27 Nov 2026 15:10:00 +0000" (RFC 2822) for an ISO 8601 UTC time
 * ("2026-11-27T15:10:00Z" or "2026-11-27").  out needs 32 bytes. */
BC_EXPORT bc_rc bc_rfc2822_date(const char *iso, char out[32]);

#ifdef __cplusplus
}
#endif
#endif
