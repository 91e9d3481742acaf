/* From sources to a script with voices: the part of `brief` and `script`
 * that understands the news.  Each failed source is reported on stderr and
 * skipped; the briefing goes on with the rest. */
#include <stdlib.h>
#include <string.h>
#include "tool.h"

int tool_make_script(const char *const *inputs, size_t n, const tool_story_opts *o,
                     bc_script **script, bc_voiceset **voices) {
  bc_load_options lo = {0};
  bc_story_options so = {0};
  bc_script_options sco = {0};
  bc_item *items = NULL;
  size_t n_items = 0, i, n_stories = 0, failed = 0;
  bc_story **stories = NULL;
  bc_diag diag = {{0}};
  bc_rc rc;
  int status = EXIT_OK;

  *script = NULL;
  *voices = NULL;
  rc = bc_voiceset_load(o->voices_dir, voices, &diag);
  if (rc) {
    tool_error("voices %s: %s", o->voices_dir ? o->voices_dir : bc_voiceset_default_dir(),
               diag.msg[0] ? diag.msg : bc_strerror(rc));
    return EXIT_FAIL;
  }
  lo.jobs = o->jobs;
  lo.state_path = o->state;
  lo.opml = o->opml;
  lo.timeout_seconds = o->timeout;
  lo.on_progress = tool_progress;
  rc = bc_load_sources(inputs, n, &lo, &items, &n_items);
  tool_progress_done();
  if (rc) {
    tool_error("%s", bc_strerror(rc));
    bc_voiceset_free(*voices);
    *voices = NULL;
    return EXIT_FAIL;
  }
  so.story_seconds = o->story_seconds;
  so.words_per_minute = o->wpm;
  so.max_quotes = o->max_quotes;
  stories = calloc(n_items ? n_items : 1, sizeof *stories);
  for (i = 0; i < n_items; i++) {
    bc_story *st = NULL;
    if (items[i].rc) {
      tool_error("%s", items[i].error ? items[i].error : bc_strerror(items[i].rc));
      failed++;
      continue;
    }
    rc = bc_story_analyze(items[i].article, &so, &st);
    if (rc) {
      tool_error("%s: %s", items[i].input, bc_strerror(rc));
      failed++;
      continue;
    }
    stories[n_stories++] = st;
  }
  tool_progress_done();
  if (n_stories == 0) {
    tool_error("no article could be read (%zu source%s failed)", failed, failed == 1 ? "" : "s");
    status = EXIT_FAIL;
    goto out;
  }
  sco.date = o->date;
  sco.title = o->title;
  sco.lang = o->lang;
  sco.words_per_minute = o->wpm;
  sco.max_seconds = o->max_minutes * 60.0;
  rc = bc_script_build(stories, n_stories, &sco, script);
  if (!rc) rc = bc_voiceset_assign(*voices, *script);
  if (rc) {
    tool_error("building the script: %s", bc_strerror(rc));
    bc_script_free(*script);
    *script = NULL;
    status = EXIT_FAIL;
    goto out;
  }
  status = failed ? EXIT_PARTIAL : EXIT_OK;
out:
  for (i = 0; i < n_stories; i++) bc_story_free(stories[i]);
  free(stories);
  /* The script copied every string it needs: the articles can go. */
  bc_items_free(items, n_items);
  if (status == EXIT_FAIL) {
    bc_voiceset_free(*voices);
    *voices = NULL;
  }
  return status;
}
