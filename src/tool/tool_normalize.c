/* `briefcast normalize [--lang LANG]`: each line of stdin as it will be
 * spoken, one output line per input line. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

static const char help[] =
    "Usage: briefcast normalize [--lang LANG] < TEXT\n"
    "Print each input line as briefcast will speak it: titles, dates, money,\n"
    "numbers, units and symbols written out (\"Sen.\" -> \"Senator\").\n\n"
    "  -l, --lang LANG  language rules to use (en, de, fr, es; default en)\n"
    "  -h, --help       show this help\n"
    "Example: echo 'Sen. Paul (R-Ky.) said $1.5 billion' | briefcast normalize\n";

int cmd_normalize(int argc, char **argv) {
  static const struct option opts[] = {{"lang", required_argument, NULL, 'l'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *lang = "en";
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int c;

  optind = 1;
  while ((c = getopt_long(argc, argv, "l:h", opts, NULL)) != -1) {
    switch (c) {
    case 'l': lang = optarg; break;
    case 'h': fputs(help, stdout); return tool_finish_stdout();
    default: return tool_usage_error(argv[0], "bad option");
    }
  }
  if (optind < argc) return tool_usage_error(argv[0], "reads standard input; no arguments");
  while ((n = getline(&line, &cap, stdin)) >= 0) {
    bc_spoken *sp = NULL;
    bc_rc rc;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    rc = bc_normalize(line, (size_t)n, lang, &sp);
    if (rc) {
      tool_error("normalize: %s", bc_strerror(rc));
      free(line);
      return EXIT_FAIL;
    }
    fwrite(sp->text, 1, sp->len, stdout);
    fputc('\n', stdout);
    bc_spoken_free(sp);
  }
  free(line);
  return tool_finish_stdout();
}
