/* The briefcast command-line tool: shared declarations.  The tool uses only
 * the public API (include/briefcast/), so whatever it does a program
 * embedding the library can do too. */
#ifndef BC_TOOL_H
#define BC_TOOL_H

#include <stdio.h>
#include "briefcast/briefcast.h"

/* Exit codes, documented in briefcast(1). */
enum {
  EXIT_OK = 0,
  EXIT_FAIL = 1,       /* nothing (useful) was produced */
  EXIT_USAGE = 2,      /* bad command line */
  EXIT_PARTIAL = 3     /* output made, but some sources failed */
};

/* One command: `briefcast NAME ...`. argv[0] is the command name. */
typedef int (*tool_command_fn)(int argc, char **argv);

int cmd_brief(int argc, char **argv);
int cmd_script(int argc, char **argv);
int cmd_speak(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_voices(int argc, char **argv);
int cmd_feed(int argc, char **argv);
int cmd_daily(int argc, char **argv);

/* "briefcast: " + message + newline on stderr. */
void tool_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, then "Try 'briefcast CMD --help'." and returns EXIT_USAGE. */
int tool_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Progress on stderr, only when it is a terminal and not quieted. */
extern int tool_quiet;
void tool_progress(const char *what, size_t done, size_t total, void *user);
void tool_progress_done(void);

/* Flush stdout and report a write error (disk full, closed pipe). */
int tool_finish_stdout(void);

/* Set by SIGINT/SIGTERM: long work checks it and stops cleanly. */
extern volatile int tool_interrupted;
void tool_install_signals(void);

/* Options shared by the commands that read articles (brief, script). */
typedef struct tool_story_opts {
  double story_seconds;
  double max_minutes;
  double wpm;
  int max_quotes;
  const char *lang;
  const char *date;
  const char *title;
  const char *voices_dir;
  const char *opml;
  int jobs;
  int timeout;
  const char *state;
} tool_story_opts;

/* Load sources, analyze and build the script (voices assigned).  Prints
 * each failed source on stderr.  Returns EXIT_OK, EXIT_PARTIAL or
 * EXIT_FAIL; on success *script and *voices are set. */
int tool_make_script(const char *const *inputs, size_t n, const tool_story_opts *o,
                     bc_script **script, bc_voiceset **voices);

/* brief, script and speak share their options: tool_run parses them and
 * does the command's work. */
enum { TOOL_BRIEF, TOOL_SCRIPT, TOOL_SPEAK };
int tool_run(int argc, char **argv, int mode);

/* Read and parse a script file ("-" = stdin) and load the voices, assigning
 * quote voices.  Prints errors; returns an exit code. */
int tool_load_script(const char *path, const char *voices_dir, bc_script **script,
                     bc_voiceset **voices);

/* Check an output path before any work: known format (by --format or the
 * extension), existing writable folder.  Returns 0 or an exit code (after
 * printing the error); *format receives the bc_format. */
int tool_check_output(const char *cmd, const char *path, const char *format_name, int *format);

/* Render a script to ro->output with progress and signal handling; prints
 * the outcome.  Returns an exit code. */
int tool_render_script(const bc_script *script, const bc_voiceset *voices,
                       bc_render_options *ro);

/* Write a file the user keeps: temporary name in the same folder, then
 * rename, so an interrupted run never leaves half a file.  0 or -1 (errno). */
int tool_write_file(const char *path, const char *data, size_t len);

/* Read a whole file, or standard input for "-".  0 or -1 (errno). */
int tool_read_file(const char *path, char **data, size_t *len);

#endif
