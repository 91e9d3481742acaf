/* `briefcast speak SCRIPT -o OUT`: a script, edited or not, into audio. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

static const char help[] =
    "Usage: briefcast speak SCRIPT -o OUTPUT [OPTIONS]\n"
    "Speak a script written by 'briefcast script' (or by hand; '-' reads stdin).\n\n"
    "  -o, --output FILE   audio file to write (.wav .flac .ogg .opus .mp3), '-' for stdout\n"
    "  -f, --format NAME   wav, flac, ogg, opus, mp3, raw; default: by extension\n"
    "      --voices DIR    voice profiles folder\n"
    "      --rate WPM      narrator's speed in words per minute\n"
    "  -q, --quiet         no progress messages\n"
    "  -h, --help          show this help\n"
    "Example: briefcast script examples/*.txt > brief.txt; $EDITOR brief.txt;\n"
    "         briefcast speak brief.txt -o brief.ogg\n";

int cmd_speak(int argc, char **argv) {
  static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                       {"format", required_argument, NULL, 'f'},
                                       {"voices", required_argument, NULL, 'v'},
                                       {"rate", required_argument, NULL, 'r'},
                                       {"quiet", no_argument, NULL, 'q'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *output = NULL, *format_name = NULL, *voices_dir = NULL;
  bc_render_options ro;
  bc_script *script = NULL;
  bc_voiceset *voices = NULL;
  bc_diag diag = {{0}};
  char *text = NULL, *end;
  size_t len;
  int c, format, status;
  long wpm = 0;
  bc_rc rc;

  memset(&ro, 0, sizeof ro);
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:f:qh", opts, NULL)) != -1) {
    switch (c) {
    case 'o': output = optarg; break;
    case 'f': format_name = optarg; break;
    case 'v': voices_dir = optarg; break;
    case 'r':
      wpm = strtol(optarg, &end, 10);
      if (*end || wpm < 80 || wpm > 450)
        return tool_usage_error(argv[0], "--rate: '%s' is not a number from 80 to 450", optarg);
      break;
    case 'q': tool_quiet = 1; break;
    case 'h': fputs(help, stdout); return tool_finish_stdout();
    default: return tool_usage_error(argv[0], "bad option");
    }
  }
  if (optind != argc - 1) return tool_usage_error(argv[0], "give exactly one script file");
  if (!output) return tool_usage_error(argv[0], "no output file given (-o FILE)");
  if ((status = tool_check_output(argv[0], output, format_name, &format))) return status;
  if (tool_read_file(argv[optind], &text, &len) != 0) {
    tool_error("%s: %s", argv[optind], strerror(errno));
    return EXIT_FAIL;
  }
  rc = bc_script_parse(text, len, &script, &diag);
  free(text);
  if (rc) {
    tool_error("%s: %s", argv[optind], diag.msg[0] ? diag.msg : bc_strerror(rc));
    return EXIT_FAIL;
  }
  rc = bc_voiceset_load(voices_dir, &voices, &diag);
  if (!rc) rc = bc_voiceset_assign(voices, script);
  if (rc) {
    tool_error("voices %s: %s", voices_dir ? voices_dir : bc_voiceset_default_dir(),
               diag.msg[0] ? diag.msg : bc_strerror(rc));
    bc_script_free(script);
    bc_voiceset_free(voices);
    return EXIT_FAIL;
  }
  ro.output = output;
  ro.format = format;
  ro.speak.words_per_minute = (int)wpm;
  status = tool_render_script(script, voices, &ro);
  bc_script_free(script);
  bc_voiceset_free(voices);
  return status;
}
