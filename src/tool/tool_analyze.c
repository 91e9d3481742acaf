/* `briefcast analyze [--json] SOURCE...`: what briefcast understands of each
 * article.  With --json, one JSON object per article per line (JSON Lines,
 * contract in shared/eval/README.md and briefcast(1)); stdout holds only
 * that.  A source that fails prints nothing on stdout and one line on
 * stderr. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

static const char help[] =
    "Usage: briefcast analyze [--json] SOURCE...\n"
    "SOURCE is an HTML or text file, an http(s) or file:// URL, or a feed.\n"
    "Show each article as briefcast understands it: metadata, the direct quotes with\n"
    "their speakers, and what the briefing will say.\n\n"
    "  -j, --json        one JSON object per article per line (JSON Lines)\n"
    "      --jobs N      concurrent downloads (default 16)\n"
    "      --state FILE  state database (HTTP cache)\n"
    "      --opml FILE   also read every feed of an OPML subscription list\n"
    "      --timeout S   give up on a download after S seconds (default 30)\n"
    "  -q, --quiet       no progress messages\n"
    "  -h, --help        show this help\n"
    "Exit status: 0 ok, 1 nothing could be read, 3 some sources failed.\n";

static void print_text(const bc_story *st) {
  const bc_article *a = st->article;
  size_t i;
  printf("Title:     %s\n", a->title ? a->title : "(none)");
  if (a->byline) printf("Byline:    %s\n", a->byline);
  if (a->published) printf("Published: %s\n", a->published);
  if (a->site) printf("Site:      %s\n", a->site);
  if (a->language) printf("Language:  %s\n", a->language);
  printf("Text:      %zu paragraphs, %zu sentences\n", a->n_blocks, st->n_sentences);
  printf("Quotes (%zu):\n", st->n_quotes);
  for (i = 0; i < st->n_quotes; i++)
    printf("  - %s: \"%s\"\n", st->quotes[i].speaker ? st->quotes[i].speaker : "(unknown)",
           st->quotes[i].text);
  printf("Summary:\n");
  for (i = 0; i < st->n_summary; i++) {
    const bc_summary_item *it = &st->summary[i];
    if (it->kind == BC_SUMMARY_QUOTE && it->index < st->n_quotes &&
        st->quotes[it->index].attribution)
      printf("  %s: \"%s\"\n", st->quotes[it->index].attribution, it->text);
    else
      printf("  %s\n", it->text);
  }
}

int cmd_analyze(int argc, char **argv) {
  static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                       {"jobs", required_argument, NULL, 'J'},
                                       {"state", required_argument, NULL, 's'},
                                       {"opml", required_argument, NULL, 'O'},
                                       {"timeout", required_argument, NULL, 'T'},
                                       {"quiet", no_argument, NULL, 'q'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  bc_load_options lo = {0};
  bc_item *items = NULL;
  size_t n_items = 0, i, ok = 0, failed = 0;
  int c, json = 0;
  char *end;
  bc_rc rc;

  optind = 1;
  while ((c = getopt_long(argc, argv, "jqh", opts, NULL)) != -1) {
    switch (c) {
    case 'j': json = 1; break;
    case 'J':
      lo.jobs = (int)strtol(optarg, &end, 10);
      if (*end || lo.jobs < 1 || lo.jobs > 64)
        return tool_usage_error(argv[0], "--jobs: '%s' is not a number from 1 to 64", optarg);
      break;
    case 's': lo.state_path = optarg; break;
    case 'O': lo.opml = optarg; break;
    case 'T':
      lo.timeout_seconds = (int)strtol(optarg, &end, 10);
      if (*end || lo.timeout_seconds < 1 || lo.timeout_seconds > 3600)
        return tool_usage_error(argv[0], "--timeout: '%s' is not a number from 1 to 3600", optarg);
      break;
    case 'q': tool_quiet = 1; break;
    case 'h': fputs(help, stdout); return tool_finish_stdout();
    default: return tool_usage_error(argv[0], "bad option");
    }
  }
  if (optind >= argc && !lo.opml) return tool_usage_error(argv[0], "no sources given");
  lo.on_progress = tool_progress;
  rc = bc_load_sources((const char *const *)argv + optind, (size_t)(argc - optind), &lo, &items,
                       &n_items);
  tool_progress_done();
  if (rc) {
    tool_error("%s", bc_strerror(rc));
    return EXIT_FAIL;
  }
  for (i = 0; i < n_items; i++) {
    bc_story *st = NULL;
    char *out = NULL;
    if (items[i].rc) {
      tool_error("%s", items[i].error ? items[i].error : bc_strerror(items[i].rc));
      failed++;
      continue;
    }
    rc = bc_story_analyze(items[i].article, NULL, &st);
    if (!rc && json) rc = bc_story_to_json(st, &out);
    if (rc) {
      tool_error("%s: %s", items[i].input, bc_strerror(rc));
      bc_story_free(st);
      failed++;
      continue;
    }
    if (json) {
      fputs(out, stdout);
      fputc('\n', stdout);
      bc_free(out);
    } else {
      if (ok) fputc('\n', stdout);
      print_text(st);
    }
    bc_story_free(st);
    ok++;
  }
  bc_items_free(items, n_items);
  if (tool_finish_stdout()) return EXIT_FAIL;
  return ok == 0 ? EXIT_FAIL : failed ? EXIT_PARTIAL : EXIT_OK;
}
