/* briefcast: the command-line entry point.  Dispatches to one function per
 * command (tool_*.c) and prints the top-level help. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include "tool.h"

int tool_quiet;
volatile int tool_interrupted;
static int progress_shown;

/* feed and daily arrive with the sources stage; until then the build still
 * links and the commands say they are not available. */
int cmd_feed(int argc, char **argv) __attribute__((weak));
int cmd_daily(int argc, char **argv) __attribute__((weak));

static const struct {
  const char *name;
  tool_command_fn fn;
  const char *summary;
} commands[] = {
    {"brief", cmd_brief, "make a spoken briefing from articles"},
    {"script", cmd_script, "print the briefing script instead of audio"},
    {"speak", cmd_speak, "turn a script (edited or not) into audio"},
    {"analyze", cmd_analyze, "show what briefcast understands of articles (--json)"},
    {"normalize", cmd_normalize, "print text as it will be spoken"},
    {"voices", cmd_voices, "list the voice profiles"},
    {"feed", cmd_feed, "parse a feed and print it as JSON"},
    {"daily", cmd_daily, "make today's episode from the feeds in a config file"},
};

static void usage(FILE *f) {
  size_t i;
  fprintf(f, "Usage: briefcast COMMAND [OPTIONS] [ARGS]\n\n"
             "Turn news articles into a spoken briefing, offline, with espeak-ng.\n\n"
             "Commands:\n");
  for (i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(f, "\nOptions:\n"
             "  -h, --help     show this help\n"
             "  -V, --version  show the version\n\n"
             "Run 'briefcast COMMAND --help' for a command's options; man briefcast for all.\n"
             "Example: briefcast brief examples/*.html -o briefing.mp3\n");
}

void tool_error(const char *fmt, ...) {
  va_list ap;
  tool_progress_done();
  fputs("briefcast: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

int tool_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fputs("briefcast: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'briefcast %s --help'.\n", cmd);
  return EXIT_USAGE;
}

void tool_progress(const char *what, size_t done, size_t total, void *user) {
  (void)user;
  if (tool_quiet || !isatty(STDERR_FILENO)) return;
  if (total)
    fprintf(stderr, "\r\033[K[%zu/%zu] %.70s", done, total, what);
  else
    fprintf(stderr, "\r\033[K%.76s", what);
  fflush(stderr);
  progress_shown = 1;
}

void tool_progress_done(void) {
  if (progress_shown) fputs("\r\033[K", stderr);
  progress_shown = 0;
}

int tool_finish_stdout(void) {
  if (fflush(stdout) != 0 || ferror(stdout)) {
    tool_error("error writing to standard output");
    return EXIT_FAIL;
  }
  return EXIT_OK;
}

static void on_signal(int sig) {
  (void)sig;
  tool_interrupted = 1;
}

void tool_install_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
}

int main(int argc, char **argv) {
  size_t i;
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
    usage(stdout);
    return tool_finish_stdout();
  }
  if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
    printf("briefcast %s\n", bc_version());
    return tool_finish_stdout();
  }
  for (i = 0; i < sizeof commands / sizeof *commands; i++)
    if (!strcmp(argv[1], commands[i].name)) {
      if (!commands[i].fn) {
        tool_error("'%s' is not available in this build", argv[1]);
        return EXIT_FAIL;
      }
      return commands[i].fn(argc - 1, argv + 1);
    }
  tool_error("unknown command '%s'", argv[1]);
  fprintf(stderr, "Try 'briefcast --help'.\n");
  return EXIT_USAGE;
}
