/* `briefcast normalize [--lang LANG] [--map]`: each line of stdin as it will
 * be spoken, one output line per input line (an empty line stays empty).
 * With --map, each output line is followed by the token map: one line per
 * spoken word, "<TAB>word<TAB>start-end<TAB>source text", where start-end are
 * the source bytes within that input line. */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

static const char help[] =
    "Usage: briefcast normalize [--lang LANG] [--map] < TEXT\n"
    "Print each input line as briefcast will speak it: titles, dates, money,\n"
    "numbers, units and symbols written out (\"Sen.\" -> \"Senator\").\n\n"
    "  -l, --lang LANG  language rules to use: en, de, fr, es (a region such as\n"
    "                   en-GB is allowed; default en).  Other languages keep\n"
    "                   digits and symbols for espeak-ng to read in that language\n"
    "  -m, --map        after each line, list each spoken word with the source\n"
    "                   bytes it comes from\n"
    "  -h, --help       show this help\n"
    "Example: echo 'Sen. Paul (R-Ky.) said $1.5 billion' | briefcast normalize\n";

/* A BCP 47-ish tag: 2-3 letters, then optional -subtags of letters/digits. */
static int lang_ok(const char *s) {
  size_t i = 0;
  while (isalpha((unsigned char)s[i])) i++;
  if (i < 2 || i > 3) return 0;
  while (s[i]) {
    if (s[i] != '-' && s[i] != '_') return 0;
    size_t j = ++i;
    while (isalnum((unsigned char)s[i])) i++;
    if (i == j || i - j > 8) return 0;
  }
  return 1;
}

static void print_map(const bc_spoken *sp, const char *src) {
  for (size_t i = 0; i < sp->n_map; i++) {
    const bc_token_map *m = &sp->map[i];
    printf("\t%.*s\t%zu-%zu\t", (int)(m->spoken_end - m->spoken_start), sp->text + m->spoken_start,
           m->source_start, m->source_end);
    for (size_t j = m->source_start; j < m->source_end; j++) {
      unsigned char c = (unsigned char)src[j];
      putchar(c < 0x20 ? ' ' : c);
    }
    putchar('\n');
  }
}

int cmd_normalize(int argc, char **argv) {
  static const struct option opts[] = {{"lang", required_argument, NULL, 'l'},
                                       {"map", no_argument, NULL, 'm'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *lang = "en";
  int map = 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int c;

  optind = 1;
  while ((c = getopt_long(argc, argv, "l:mh", opts, NULL)) != -1) {
    switch (c) {
    case 'l': lang = optarg; break;
    case 'm': map = 1; break;
    case 'h': fputs(help, stdout); return tool_finish_stdout();
    default: return tool_usage_error(argv[0], "bad option");
    }
  }
  if (optind < argc) return tool_usage_error(argv[0], "reads standard input; no arguments");
  if (!lang_ok(lang)) return tool_usage_error(argv[0], "'%s' is not a language tag (like en, de, fr-CA)", lang);
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
    if (map) print_map(sp, line);
    bc_spoken_free(sp);
    if (ferror(stdout)) break;
  }
  free(line);
  if (ferror(stdin)) {
    tool_error("normalize: reading standard input failed");
    return EXIT_FAIL;
  }
  return tool_finish_stdout();
}
