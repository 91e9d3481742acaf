/* briefcast: shared definitions for every stage.
 *
 * Every public function returns a bc_rc (BC_OK = 0) and writes its results
 * through out-parameters.  Functions that can fail for a reason worth telling
 * the user also take an optional bc_diag, filled with one line of detail
 * ("line 12: unknown role 'narator'").  The library never prints and never
 * exits. */
#ifndef BRIEFCAST_COMMON_H
#define BRIEFCAST_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define BC_EXPORT __attribute__((visibility("default")))
#else
#define BC_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes.  Append only: the numbers are part of the API. */
typedef enum bc_rc {
  BC_OK = 0,
  BC_ERR_NOMEM,        /* out of memory */
  BC_ERR_IO,           /* reading or writing a file failed */
  BC_ERR_NOT_FOUND,    /* a file or resource does not exist */
  BC_ERR_EMPTY,        /* the input holds nothing usable */
  BC_ERR_BINARY,       /* the input is not text */
  BC_ERR_PARSE,        /* the input is malformed */
  BC_ERR_FORMAT,       /* unknown or unsupported output format */
  BC_ERR_SPEECH,       /* the speech engine failed */
  BC_ERR_ENCODE,       /* the audio encoder failed */
  BC_ERR_FETCH,        /* a download failed (network level) */
  BC_ERR_HTTP,         /* the server answered with an error status */
  BC_ERR_TOO_LARGE,    /* the input exceeds a configured limit */
  BC_ERR_TIMEOUT,      /* an operation took longer than allowed */
  BC_ERR_STATE,        /* the state database failed */
  BC_ERR_ARG,          /* a bad argument or option value */
  BC_ERR_UNSUPPORTED,  /* a valid request this build cannot do */
  BC_ERR_INTERRUPTED,  /* stopped by a signal */
  BC_ERR_VOICE,        /* a voice profile is missing or malformed */
  BC_ERR_NOTHING_NEW   /* nothing new to put in a briefing (not a failure) */
} bc_rc;

/* A short, static, human-readable description of rc.  Never NULL. */
BC_EXPORT const char *bc_strerror(bc_rc rc);

/* One line of detail about a failure, filled by functions that take it.
 * Pass NULL when you do not want it. */
typedef struct bc_diag {
  char msg[512];
} bc_diag;

/* The library version, "MAJOR.MINOR.PATCH".  Static string. */
BC_EXPORT const char *bc_version(void);

/* The gender a speaker or a voice presents, when the text shows it. */
typedef enum bc_gender {
  BC_GENDER_UNKNOWN = 0,
  BC_GENDER_FEMALE,
  BC_GENDER_MALE
} bc_gender;

/* "female", "male" or "unknown"; and the reverse (unknown for anything else). */
BC_EXPORT const char *bc_gender_name(bc_gender g);
BC_EXPORT bc_gender bc_gender_parse(const char *s);

/* Frees memory the library handed to the caller as a plain string or array
 * (each function says when to use this).  bc_free(NULL) is a no-op. */
BC_EXPORT void bc_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
