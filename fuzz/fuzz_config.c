/* Fuzz the daily config reader: the input is written as a config file in a
 * private folder and loaded from there (so relative paths are joined to the
 * folder).  A config that loads must keep the promises of
 * include/briefcast/daily.h and doc/config.example: every number inside its
 * documented range (NaN is not inside any), the defaults filled in, at
 * least one feed or an OPML list, no empty feed, a file name pattern
 * without '/', and no byte left unread (a NUL byte must not end the file
 * early, hiding the lines after it).  A broken promise aborts, so libFuzzer keeps the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/daily.h"
#include "fuzz_scratch.h"

static void need(int ok) {
  if (!ok) abort();
}

static int in(double x, double lo, double hi) {
  return x >= lo && x <= hi;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  (void)fuzz_scratch_dir("config");
  const char *path = fuzz_scratch_put("briefcast.conf", data, size);
  bc_daily_config *c = NULL;
  bc_diag d;
  if (bc_daily_config_load(path, &c, &d) != BC_OK) {
    need(c == NULL);
    return 0;
  }
  need(c != NULL);
  need(!memchr(data, 0, size));
  need(c->n_feeds > 0 || c->opml);
  for (size_t i = 0; i < c->n_feeds; i++)
    need(c->feeds[i] && c->feeds[i][0] && (c->feeds[i][0] == '/' || strstr(c->feeds[i], "://")));
  need(in(c->stories, 1, 100));
  need(in(c->per_feed, 0, 100));
  need(in(c->max_minutes, 0.5, 600));
  need(in(c->max_age_days, 0, 3650));
  need(c->rate == 0 || in(c->rate, 80, 450));
  need(c->jobs == 0 || in(c->jobs, 1, 64));
  need(c->timeout == 0 || in(c->timeout, 1, 3600));
  need(c->podcast == 0 || c->podcast == 1);
  need(in(c->podcast_keep, 1, 10000));
  need(c->title && c->podcast_title && c->format);
  need(c->name && c->name[0] && !strchr(c->name, '/'));
  /* Relative paths now point into the config's folder. */
  need(c->output_dir && (c->output_dir[0] == '/' || c->output_dir[0] == '~' ||
                         strstr(c->output_dir, "://")));
  need(!c->state || c->state[0] == '/' || c->state[0] == '~' || strstr(c->state, "://"));
  need(c->path && !strcmp(c->path, path));
  bc_daily_config_free(c);
  return 0;
}
