/* briefcast: voice profiles, which map a script role to an espeak-ng voice.
 *
 * A voice set is read from a folder of *.voice files (format in README.md,
 * "Voice profiles").  Each profile names a role (narrator, headline, intro,
 * outro, quote), an espeak-ng voice and variant, rate, pitch, range, volume and
 * the gender it presents.  Quote segments are given a quote profile per
 * speaker: one voice per speaker within a story, matching the speaker's gender
 * when known. */
#ifndef BRIEFCAST_VOICE_H
#define BRIEFCAST_VOICE_H

#include "script.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bc_voice {
  char *name;               /* profile name: the file name without ".voice" */
  bc_role role;             /* role it serves */
  char *espeak;             /* espeak-ng voice/language name, e.g. "en-us" */
  char *variant;            /* espeak-ng variant, e.g. "f3"; NULL for none */
  int rate;                 /* words per minute, 80..450 */
  int pitch;                /* 0..100 */
  int range;                /* pitch range 0..100 */
  int volume;               /* 0..200, 100 = normal */
  bc_gender gender;
  char *description;        /* one line for --list-voices; may be NULL */
} bc_voice;

typedef struct bc_voiceset {
  bc_voice *voices;
  size_t n_voices;
} bc_voiceset;

/* Load every *.voice file in dir (NULL: the installed default folder, or the
 * source tree's voices/ when running from a build).  Needs at least a
 * narrator profile.  Free with bc_voiceset_free(). */
BC_EXPORT bc_rc bc_voiceset_load(const char *dir, bc_voiceset **out, bc_diag *diag);

/* The default voices folder the library looks in. Static string. */
BC_EXPORT const char *bc_voiceset_default_dir(void);

/* The profile named `name`, or NULL. */
BC_EXPORT const bc_voice *bc_voiceset_find(const bc_voiceset *vs, const char *name);

/* The first profile serving `role`, falling back to the narrator. */
BC_EXPORT const bc_voice *bc_voiceset_for_role(const bc_voiceset *vs, bc_role role);

/* Fill in segment->voice for every quote segment that has none: within a
 * story each distinct speaker keeps one voice, different speakers get
 * different voices while enough exist, and the gender matches when known. */
BC_EXPORT bc_rc bc_voiceset_assign(const bc_voiceset *vs, bc_script *script);

BC_EXPORT void bc_voiceset_free(bc_voiceset *vs);

#ifdef __cplusplus
}
#endif
#endif
