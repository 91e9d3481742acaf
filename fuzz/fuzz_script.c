/* Fuzz the script parser.  What parses must format, and the formatted text
 * must parse again to the same text (the editable format round-trips). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "briefcast/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  bc_script *s = NULL;
  bc_diag d;
  if (bc_script_parse((const char *)data, size, &s, &d) == BC_OK) {
    char *t1 = NULL, *t2 = NULL;
    bc_script *s2 = NULL;
    (void)bc_script_estimate_seconds(s, 0);
    if (bc_script_format(s, &t1) != BC_OK) __builtin_trap();
    if (bc_script_parse(t1, strlen(t1), &s2, &d) != BC_OK) __builtin_trap();
    if (bc_script_format(s2, &t2) != BC_OK) __builtin_trap();
    if (strcmp(t1, t2)) __builtin_trap();
    bc_free(t1);
    bc_free(t2);
    bc_script_free(s2);
  }
  bc_script_free(s);
  return 0;
}
