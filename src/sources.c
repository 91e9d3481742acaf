/* Sources: turn what the user names into articles.
 *
 * In: the inputs as given on the command line.  Out: one bc_item per
 * article, each holding the article or the one-line reason it failed, so one
 * broken source never sinks a briefing.  This first version reads local
 * files (HTML or text, decided by content); URLs and feeds slot in here. */
#include <stdlib.h>
#include <string.h>
#include "briefcast/source.h"
#include "util.h"

static void load_file(const char *path, bc_item *it) {
  bc_diag diag = {{0}};
  it->rc = bc_article_from_file(path, &it->article, &diag);
  if (it->rc)
    it->error = xasprintf("%s: %s", path, diag.msg[0] ? diag.msg : bc_strerror(it->rc));
}

bc_rc bc_load_sources(const char *const *inputs, size_t n_inputs, const bc_load_options *opts,
                      bc_item **items, size_t *n_items) {
  bc_item *out = xcalloc(n_inputs ? n_inputs : 1, sizeof *out);
  size_t i;
  for (i = 0; i < n_inputs; i++) {
    out[i].input = xstrdup(inputs[i]);
    out[i].link = xstrdup(inputs[i]);
    load_file(inputs[i], &out[i]);
    if (opts && opts->on_progress) opts->on_progress(inputs[i], i + 1, n_inputs, opts->user);
  }
  *items = out;
  *n_items = n_inputs;
  return BC_OK;
}

void bc_items_free(bc_item *items, size_t n) {
  size_t i;
  if (!items) return;
  for (i = 0; i < n; i++) {
    free(items[i].input);
    free(items[i].link);
    free(items[i].feed);
    free(items[i].error);
    bc_article_free(items[i].article);
  }
  free(items);
}
