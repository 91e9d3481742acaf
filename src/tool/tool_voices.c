/* `briefcast voices [--voices DIR]`: list the voice profiles a briefing will
 * use, so a user can see which espeak-ng voice reads which role. */
#include <getopt.h>
#include <string.h>
#include "tool.h"

static const char help[] =
    "Usage: briefcast voices [--voices DIR]\n"
    "List the voice profiles: name, role, espeak-ng voice, rate, pitch, gender.\n\n"
    "      --voices DIR  voice profiles folder (default: the installed profiles)\n"
    "  -h, --help        show this help\n";

int cmd_voices(int argc, char **argv) {
  static const struct option opts[] = {{"voices", required_argument, NULL, 'v'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *dir = NULL;
  bc_voiceset *vs = NULL;
  bc_diag diag = {{0}};
  size_t i;
  int c;
  bc_rc rc;

  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
    case 'v': dir = optarg; break;
    case 'h': fputs(help, stdout); return tool_finish_stdout();
    default: return tool_usage_error(argv[0], "bad option");
    }
  }
  rc = bc_voiceset_load(dir, &vs, &diag);
  if (rc) {
    tool_error("voices %s: %s", dir ? dir : bc_voiceset_default_dir(),
               diag.msg[0] ? diag.msg : bc_strerror(rc));
    return EXIT_FAIL;
  }
  printf("%-16s %-9s %-12s %5s %5s %6s  %s\n", "NAME", "ROLE", "ESPEAK", "RATE", "PITCH",
         "GENDER", "DESCRIPTION");
  for (i = 0; i < vs->n_voices; i++) {
    const bc_voice *v = &vs->voices[i];
    char espeak[64];
    snprintf(espeak, sizeof espeak, "%s%s%s", v->espeak, v->variant ? "+" : "",
             v->variant ? v->variant : "");
    printf("%-16s %-9s %-12s %5d %5d %6s  %s\n", v->name, bc_role_name(v->role), espeak, v->rate,
           v->pitch, bc_gender_name(v->gender), v->description ? v->description : "");
  }
  bc_voiceset_free(vs);
  return tool_finish_stdout();
}
