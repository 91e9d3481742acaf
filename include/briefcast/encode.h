/* briefcast: the encode stage, which writes audio files with libsndfile.
 *
 * Formats: WAV, FLAC, Ogg Vorbis, Opus, MP3, and raw PCM for streaming.  The
 * encoder writes to a temporary file in the destination folder and renames
 * it into place only in bc_encoder_finish(), so a failure or an interruption
 * never leaves half a file under the real name.  "-" writes to stdout. */
#ifndef BRIEFCAST_ENCODE_H
#define BRIEFCAST_ENCODE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bc_format {
  BC_FORMAT_WAV = 0,
  BC_FORMAT_FLAC,
  BC_FORMAT_OGG,            /* Ogg Vorbis */
  BC_FORMAT_OPUS,           /* Ogg Opus */
  BC_FORMAT_MP3,
  BC_FORMAT_RAW             /* headerless signed 16-bit little-endian PCM */
} bc_format;

/* Format by name ("wav", "flac", "ogg", "vorbis", "opus", "mp3", "raw"), case
 * insensitive; -1 if unknown. */
BC_EXPORT int bc_format_parse(const char *name);
/* Format by the file name's extension; -1 if unknown or none. */
BC_EXPORT int bc_format_from_path(const char *path);
/* "wav", "flac", ... */
BC_EXPORT const char *bc_format_name(bc_format f);
/* MIME type for feeds: "audio/mpeg", "audio/ogg", ... */
BC_EXPORT const char *bc_format_mime(bc_format f);

typedef struct bc_chapter {
  double start;             /* seconds */
  double end;
  const char *title;
  const char *url;          /* may be NULL */
} bc_chapter;

typedef struct bc_tags {
  const char *title;
  const char *artist;       /* author */
  const char *album;        /* podcast name */
  const char *date;         /* ISO 8601 */
  const char *comment;
  const bc_chapter *chapters;
  size_t n_chapters;
} bc_tags;

typedef struct bc_encode_options {
  double quality;           /* 0..1 VBR quality for lossy formats; < 0 = default */
  int bitrate_kbps;         /* constant bitrate for MP3/Opus; 0 = use quality */
} bc_encode_options;

typedef struct bc_encoder bc_encoder;

/* Open `path` for `format` at `rate` Hz, mono.  opts may be NULL.  The file
 * appears under its name only after bc_encoder_finish(). */
BC_EXPORT bc_rc bc_encoder_open(const char *path, bc_format format, unsigned rate,
                                const bc_encode_options *opts, bc_encoder **out,
                                bc_diag *diag);

/* Write n mono samples in [-1, 1]. */
BC_EXPORT bc_rc bc_encoder_write(bc_encoder *e, const float *samples, size_t n);

/* Write tags, close, and rename into place.  Frees e whatever the outcome;
 * on failure nothing is left under the destination name. */
BC_EXPORT bc_rc bc_encoder_finish(bc_encoder *e, const bc_tags *tags, bc_diag *diag);

/* Close and remove the temporary file.  Frees e.  NULL is a no-op. */
BC_EXPORT void bc_encoder_abort(bc_encoder *e);

#ifdef __cplusplus
}
#endif
#endif
