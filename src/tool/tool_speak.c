/* `briefcast speak SCRIPT -o OUT`: a script, edited or not, into audio.
 * The options are brief's (tool_brief.c); this file reads the script. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

int tool_load_script(const char *path, const char *voices_dir, bc_script **script,
                     bc_voiceset **voices) {
  bc_diag diag = {{0}};
  char *text = NULL;
  size_t len;
  bc_rc rc;

  *script = NULL;
  *voices = NULL;
  if (tool_read_file(path, &text, &len) != 0) {
    tool_error("%s: %s", path, errno == ENOENT ? "no such file" : strerror(errno));
    return EXIT_FAIL;
  }
  rc = bc_script_parse(text, len, script, &diag);
  free(text);
  if (rc) {
    tool_error("%s: %s", path, diag.msg[0] ? diag.msg : bc_strerror(rc));
    return EXIT_FAIL;
  }
  rc = bc_voiceset_load(voices_dir, voices, &diag);
  if (!rc) rc = bc_voiceset_assign(*voices, *script);
  if (rc) {
    tool_error("voices %s: %s", voices_dir ? voices_dir : bc_voiceset_default_dir(),
               diag.msg[0] ? diag.msg : bc_strerror(rc));
    bc_script_free(*script);
    bc_voiceset_free(*voices);
    *script = NULL;
    *voices = NULL;
    return EXIT_FAIL;
  }
  return EXIT_OK;
}

int cmd_speak(int argc, char **argv) { return tool_run(argc, argv, TOOL_SPEAK); }
