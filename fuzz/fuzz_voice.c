/* Fuzz the voice profile reader: the input is written as a profile file in
 * a private folder (a second profile after a "\n%%\n" line, if any) and the
 * folder loaded. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "briefcast/voice.h"

static char dir[64];

static void put(const char *name, const uint8_t *p, size_t n) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (n && fwrite(p, 1, n, f) != n) abort();
  fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!dir[0]) {
    snprintf(dir, sizeof dir, "/tmp/bc-fuzz-voice-XXXXXX");
    if (!mkdtemp(dir)) abort();
  }
  const uint8_t *cut = NULL;
  for (size_t i = 0; i + 4 <= size; i++)
    if (!memcmp(data + i, "\n%%\n", 4)) {
      cut = data + i;
      break;
    }
  char second[128];
  snprintf(second, sizeof second, "%s/quote-x.voice", dir);
  unlink(second);
  if (cut) {
    put("narrator.voice", data, (size_t)(cut - data));
    put("quote-x.voice", cut + 4, size - (size_t)(cut - data) - 4);
  } else {
    put("narrator.voice", data, size);
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
