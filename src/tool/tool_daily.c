/* `briefcast daily --config FILE`: today's episode from the feeds of a
 * config file (doc/config.example), made of the entries not used before.
 * With nothing new it says so and exits 0 without writing anything; the
 * entries are recorded as used only once the episode is safely written,
 * and only those that made it into the episode (the length budget may
 * leave some for tomorrow). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "briefcast/daily.h"
#include "briefcast/podcast.h"
#include "tool.h"

static const char help[] =
    "Usage: briefcast daily --config FILE [OPTIONS]\n"
    "Make an episode from the feed entries not yet in a briefing: newest first,\n"
    "balanced across feeds.  The config file is documented in doc/config.example.\n\n"
    "  -c, --config FILE  the daily config (required)\n"
    "      --state FILE   state database (overrides the config's)\n"
    "  -n, --dry-run      list the entries that would be used; write and record nothing\n"
    "  -q, --quiet        no progress and no \"nothing new\" message\n"
    "  -h, --help         show this help\n"
    "Exit status: 0 episode made (or nothing new), 1 failure, 2 usage,\n"
    "3 episode made but some feeds or articles failed.\n"
    "Run it from cron or a systemd timer: see doc/daily.md.\n";

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...) {
  va_list ap;
  int n;
  char *s;
  va_start(ap, f);
  n = vsnprintf(NULL, 0, f, ap);
  va_end(ap);
  s = malloc((size_t)n + 1);
  if (!s) abort();
  va_start(ap, f);
  vsnprintf(s, (size_t)n + 1, f, ap);
  va_end(ap);
  return s;
}

/* mkdir -p */
static int make_dirs(const char *dir) {
  char *d = fmt("%s", dir);
  int ok = 1;
  for (char *p = d + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(d, 0755) != 0 && errno != EEXIST) ok = 0;
    *p = '/';
  }
  if (mkdir(d, 0755) != 0 && errno != EEXIST) ok = 0;
  free(d);
  return ok;
}

/* The episode's file name: the config's strftime() pattern plus the
 * format's extension, with -2, -3... when that name is taken. */
static char *episode_path(const bc_daily_config *cfg, const char *ext, time_t now) {
  char stem[256];
  struct tm tm;
  localtime_r(&now, &tm);
  if (!strftime(stem, sizeof stem, cfg->name, &tm)) snprintf(stem, sizeof stem, "briefing");
  for (int k = 1; k < 1000; k++) {
    char *p = k == 1 ? fmt("%s/%s.%s", cfg->output_dir, stem, ext)
                     : fmt("%s/%s-%d.%s", cfg->output_dir, stem, k, ext);
    struct stat st;
    if (stat(p, &st) != 0) return p;
    free(p);
  }
  return NULL;
}

int cmd_daily(int argc, char **argv) {
  static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                       {"state", required_argument, NULL, 's'},
                                       {"dry-run", no_argument, NULL, 'n'},
                                       {"quiet", no_argument, NULL, 'q'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *config = NULL, *state_path = NULL;
  int c, dry = 0, status = EXIT_FAIL, failed = 0, format;
  bc_daily_config *cfg = NULL;
  bc_daily_run *run = NULL;
  bc_state *st = NULL;
  bc_diag diag = {{0}};
  bc_item *items = NULL;
  size_t n_items = 0, i, n_stories = 0, n_used = 0;
  bc_story **stories = NULL;
  size_t *story_pick = NULL;
  int *used = NULL;
  bc_script *script = NULL;
  bc_voiceset *voices = NULL;
  const bc_feed_entry **entries = NULL;
  const bc_feed **feeds = NULL;
  char *out_path = NULL, today[11], published[32];
  time_t now = time(NULL);
  struct tm tm;
  bc_rc rc;

  optind = 1;
  while ((c = getopt_long(argc, argv, "c:nqh", opts, NULL)) != -1) {
    switch (c) {
    case 'c': config = optarg; break;
    case 's': state_path = optarg; break;
    case 'n': dry = 1; break;
    case 'q': tool_quiet = 1; break;
    case 'h': fputs(help, stdout); return tool_finish_stdout();
    default: return tool_usage_error(argv[0], "bad option");
    }
  }
  if (!config) return tool_usage_error(argv[0], "no config file given (--config FILE)");
  if (optind != argc) return tool_usage_error(argv[0], "unexpected argument '%s'", argv[optind]);

  rc = bc_daily_config_load(config, &cfg, &diag);
  if (rc) {
    tool_error("%s", diag.msg[0] ? diag.msg : bc_strerror(rc));
    return rc == BC_ERR_PARSE ? EXIT_USAGE : EXIT_FAIL;
  }
  format = bc_format_parse(cfg->format);
  if (format < 0 || format == BC_FORMAT_RAW) {
    tool_error("%s: unknown format '%s' (mp3, ogg, opus, flac, wav)", config, cfg->format);
    status = EXIT_USAGE;
    goto out;
  }
  rc = bc_state_open(state_path ? state_path : cfg->state, &st, &diag);
  if (rc) {
    tool_error("%s", diag.msg[0] ? diag.msg : bc_strerror(rc));
    goto out;
  }

  /* 1. the feeds, and what is new in them */
  rc = bc_daily_collect(cfg, st, (long long)now, tool_progress, NULL, &run);
  tool_progress_done();
  if (rc) {
    tool_error("reading the feeds: %s", bc_strerror(rc));
    goto out;
  }
  for (i = 0; i < run->n_errors; i++) tool_error("%s", run->errors[i].error);
  failed += (int)run->n_errors;
  if (run->n_feeds == 0) {
    tool_error("no feed could be read");
    goto out;
  }
  if (run->n_picks == 0) {
    if (!tool_quiet)
      fprintf(stderr, "briefcast: nothing new in %zu feed%s; no episode written\n", run->n_feeds,
              run->n_feeds == 1 ? "" : "s");
    status = failed ? EXIT_PARTIAL : EXIT_OK;
    goto out;
  }
  if (dry) {
    for (i = 0; i < run->n_picks; i++) {
      const bc_daily_pick *p = &run->picks[i];
      printf("%-20s  %s\n     %s\n", p->when ? p->when : "-",
             p->entry->title ? p->entry->title : "(untitled)", p->entry->link ? p->entry->link : "");
    }
    status = tool_finish_stdout() ? EXIT_FAIL : failed ? EXIT_PARTIAL : EXIT_OK;
    goto out;
  }

  /* 2. their articles: full text from the feed, else the page */
  entries = calloc(run->n_picks, sizeof *entries);
  feeds = calloc(run->n_picks, sizeof *feeds);
  if (!entries || !feeds) abort();
  for (i = 0; i < run->n_picks; i++) {
    entries[i] = run->picks[i].entry;
    feeds[i] = run->picks[i].feed;
  }
  {
    bc_load_options lo = {0};
    lo.jobs = cfg->jobs;
    lo.timeout_seconds = cfg->timeout;
    lo.state = st;
    lo.on_progress = tool_progress;
    rc = bc_load_entries(entries, feeds, run->n_picks, &lo, &items, &n_items);
    tool_progress_done();
  }
  if (rc) {
    tool_error("reading the articles: %s", bc_strerror(rc));
    goto out;
  }

  /* 3. understand them */
  stories = calloc(n_items + 1, sizeof *stories);
  story_pick = calloc(n_items + 1, sizeof *story_pick);
  used = calloc(run->n_picks + 1, sizeof *used);
  if (!stories || !story_pick || !used) abort();
  for (i = 0; i < n_items; i++) {
    bc_story_options so = {0};
    bc_story *s = NULL;
    if (items[i].rc) {
      tool_error("%s", items[i].error ? items[i].error : bc_strerror(items[i].rc));
      failed++;
      /* A network failure may pass by tomorrow; a refused link, a 404 or a
       * page with no text will not, so it is not tried again. */
      if (items[i].rc != BC_ERR_FETCH && items[i].rc != BC_ERR_TIMEOUT) used[i] = 1;
      continue;
    }
    so.words_per_minute = cfg->rate;
    rc = bc_story_analyze(items[i].article, &so, &s);
    if (rc) {
      tool_error("%s: %s", items[i].link ? items[i].link : items[i].input, bc_strerror(rc));
      failed++;
      continue;
    }
    story_pick[n_stories] = i;
    stories[n_stories++] = s;
  }
  if (n_stories == 0) {
    tool_error("none of the %zu new entries could be read; no episode written", run->n_picks);
    goto out;
  }

  /* 4. the script */
  {
    bc_script_options sco = {0};
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    sco.date = today;
    sco.title = cfg->title;
    sco.lang = cfg->lang;
    sco.words_per_minute = cfg->rate;
    sco.max_seconds = cfg->max_minutes * 60.0;
    rc = bc_voiceset_load(cfg->voices, &voices, &diag);
    if (rc) {
      tool_error("voices %s: %s", cfg->voices ? cfg->voices : bc_voiceset_default_dir(),
                 diag.msg[0] ? diag.msg : bc_strerror(rc));
      goto out;
    }
    rc = bc_script_build(stories, n_stories, &sco, &script);
    if (!rc) rc = bc_voiceset_assign(voices, script);
    if (rc) {
      tool_error("building the script: %s", bc_strerror(rc));
      goto out;
    }
  }
  /* Which picks made it into the script (the budget may drop some). */
  for (size_t s = 0; s < n_stories; s++) {
    const bc_article *a = items[story_pick[s]].article;
    for (size_t k = 0; k < script->n_segments; k++) {
      const bc_segment *g = &script->segments[k];
      if (g->role == BC_ROLE_HEADLINE && g->story_url && a->source &&
          !strcmp(a->source, g->story_url)) {
        used[story_pick[s]] = 1;
        n_used++;
        break;
      }
    }
  }

  /* 5. the audio, then the record */
  if (!make_dirs(cfg->output_dir)) {
    tool_error("%s: cannot create the output folder: %s", cfg->output_dir, strerror(errno));
    goto out;
  }
  {
    bc_render_options ro;
    memset(&ro, 0, sizeof ro);
    ro.format = format;
    ro.speak.words_per_minute = (int)cfg->rate;
    ro.author = cfg->podcast_author;
    ro.podcast_name = cfg->podcast_title;
    ro.on_progress = tool_progress;
    tool_install_signals();
    if (cfg->podcast) {
      bc_podcast_options po;
      bc_podcast_result pr;
      memset(&po, 0, sizeof po);
      memset(&pr, 0, sizeof pr);
      po.dir = cfg->output_dir;
      po.base_url = cfg->podcast_base_url;
      po.title = cfg->podcast_title;
      po.author = cfg->podcast_author;
      po.keep = (size_t)cfg->podcast_keep;
      po.state = st;
      po.keep_same_day = 1;
      rc = bc_podcast_publish(script, voices, &ro, &po, &pr, &diag);
      tool_progress_done();
      if (rc) {
        tool_error("%s: %s", cfg->output_dir, diag.msg[0] ? diag.msg : bc_strerror(rc));
        goto out;
      }
      rc = bc_daily_record(st, run, used, pr.guid, NULL);
      if (!tool_quiet)
        fprintf(stderr, "briefcast: wrote %s (%.1f s, %zu %s)\n", pr.audio_path,
                pr.render.seconds, n_used, n_used == 1 ? "story" : "stories");
      bc_podcast_result_clear(&pr);
    } else {
      bc_render_result res = {0};
      bc_episode ep;
      struct stat sb;
      char *guid;
      out_path = episode_path(cfg, bc_format_name((bc_format)format), now);
      if (!out_path) {
        tool_error("%s: no free file name for today's episode", cfg->output_dir);
        goto out;
      }
      ro.output = out_path;
      rc = bc_render(script, voices, &ro, &res, &diag);
      tool_progress_done();
      if (rc) {
        tool_error("%s: %s", out_path, diag.msg[0] ? diag.msg : bc_strerror(rc));
        goto out;
      }
      gmtime_r(&now, &tm);
      strftime(published, sizeof published, "%Y-%m-%dT%H:%M:%SZ", &tm);
      /* The file name is unique in the folder; the time alone is not (two
       * runs can finish within one second). */
      {
        const char *base = strrchr(out_path, '/');
        guid = fmt("briefcast-%s-%s", published, base ? base + 1 : out_path);
      }
      memset(&ep, 0, sizeof ep);
      ep.guid = guid;
      ep.title = script->title;
      ep.published = published;
      ep.audio_path = out_path;
      ep.mime_type = (char *)bc_format_mime((bc_format)format);
      ep.bytes = stat(out_path, &sb) == 0 ? (long long)sb.st_size : 0;
      ep.seconds = res.seconds;
      rc = bc_daily_record(st, run, used, NULL, &ep);
      if (!tool_quiet)
        fprintf(stderr, "briefcast: wrote %s (%.1f s, %zu %s)\n", out_path, res.seconds, n_used,
                n_used == 1 ? "story" : "stories");
      free(guid);
      bc_render_result_clear(&res);
    }
    if (rc) {
      tool_error("the episode is written but could not be recorded: %s", bc_strerror(rc));
      goto out;
    }
  }
  status = failed ? EXIT_PARTIAL : EXIT_OK;
out:
  for (i = 0; i < n_stories; i++) bc_story_free(stories[i]);
  free(stories);
  free(story_pick);
  free(used);
  bc_script_free(script);
  bc_voiceset_free(voices);
  bc_items_free(items, n_items);
  free(entries);
  free(feeds);
  free(out_path);
  bc_daily_run_free(run);
  bc_state_close(st);
  bc_daily_config_free(cfg);
  return status;
}
