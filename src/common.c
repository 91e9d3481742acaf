/* Error strings, version and the few helpers every caller of the public API
 * needs. */
#include <stdlib.h>
#include <string.h>
#include "util.h"

const char *bc_strerror(bc_rc rc) {
  switch (rc) {
  case BC_OK: return "no error";
  case BC_ERR_NOMEM: return "out of memory";
  case BC_ERR_IO: return "input/output error";
  case BC_ERR_NOT_FOUND: return "no such file";
  case BC_ERR_EMPTY: return "empty input";
  case BC_ERR_BINARY: return "not a text or HTML document";
  case BC_ERR_PARSE: return "malformed input";
  case BC_ERR_FORMAT: return "unknown or unsupported audio format";
  case BC_ERR_SPEECH: return "speech synthesis failed";
  case BC_ERR_ENCODE: return "audio encoding failed";
  case BC_ERR_FETCH: return "download failed";
  case BC_ERR_HTTP: return "server returned an error";
  case BC_ERR_TOO_LARGE: return "input too large";
  case BC_ERR_TIMEOUT: return "timed out";
  case BC_ERR_STATE: return "state database error";
  case BC_ERR_ARG: return "invalid argument";
  case BC_ERR_UNSUPPORTED: return "not supported";
  case BC_ERR_INTERRUPTED: return "interrupted";
  case BC_ERR_VOICE: return "voice profile error";
  case BC_ERR_NOTHING_NEW: return "nothing new";
  }
  return "unknown error";
}

const char *bc_version(void) { return BC_VERSION; }

const char *bc_gender_name(bc_gender g) {
  switch (g) {
  case BC_GENDER_FEMALE: return "female";
  case BC_GENDER_MALE: return "male";
  default: return "unknown";
  }
}

bc_gender bc_gender_parse(const char *s) {
  if (!s) return BC_GENDER_UNKNOWN;
  if (!util_strcasecmp(s, "female") || !util_strcasecmp(s, "f")) return BC_GENDER_FEMALE;
  if (!util_strcasecmp(s, "male") || !util_strcasecmp(s, "m")) return BC_GENDER_MALE;
  return BC_GENDER_UNKNOWN;
}

void bc_free(void *p) { free(p); }
