/* Fuzz the voice profile reader: the input is written as a profile file in
 * a private folder (a second profile after a "\n%%\n" line, if any) and the
 * folder loaded. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "briefcast/voice.h"
#include "fuzz_scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *dir = fuzz_scratch_dir("voice");
  const uint8_t *cut = NULL;
  for (size_t i = 0; i + 4 <= size; i++)
    if (!memcmp(data + i, "\n%%\n", 4)) {
      cut = data + i;
      break;
    }
  if (cut) {
    fuzz_scratch_put("narrator.voice", data, (size_t)(cut - data));
    fuzz_scratch_put("quote-x.voice", cut + 4, size - (size_t)(cut - data) - 4);
  } else {
    fuzz_scratch_put("narrator.voice", data, size);
    unlink(fuzz_scratch_path("quote-x.voice"));
  }
  bc_voiceset *vs = NULL;
  bc_diag d;
  if (bc_voiceset_load(dir, &vs, &d) == BC_OK) {
    bc_script *s = bc_script_new("t", "2026-01-01", "en");
    bc_script_add(s, BC_ROLE_QUOTE, "Hello.", "A B", BC_GENDER_FEMALE, 0, 1);
    bc_script_add(s, BC_ROLE_QUOTE, "Bye.", "C D", BC_GENDER_MALE, 0, 1);
    (void)bc_voiceset_assign(vs, s);
    (void)bc_voiceset_for_role(vs, BC_ROLE_HEADLINE);
    bc_script_free(s);
  }
  bc_voiceset_free(vs);
  return 0;
}
