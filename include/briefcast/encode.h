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
  double quality;           /* (0, 1] VBR quality for lossy formats; <= 0 = default
                               (Vorbis 0.4, Opus ~48 kbit/s, MP3 64 kbit/s CBR) */
  int bitrate_kbps;         /* constant bitrate for MP3/Opus; 0 = use quality */
} bc_encode_options;

typedef struct bc_encoder bc_encoder;
typedef struct bc_decoder bc_decoder;   /* reading audio: see below */

/* Open `path` for `format` at `rate` Hz, mono.  opts may be NULL.  The file
 * appears under its name only after bc_encoder_finish(). */
BC_EXPORT bc_rc bc_encoder_open(const char *path, bc_format format, unsigned rate,
                                const bc_encode_options *opts, bc_encoder **out,
                                bc_diag *diag);

/* Write n mono samples in [-1, 1]. */
BC_EXPORT bc_rc bc_encoder_write(bc_encoder *e, const float *samples, size_t n);

/* Give the tags early (copied); bc_encoder_finish() with NULL tags then
 * uses them.  WAV gets a LIST/INFO chunk, FLAC/Ogg Vorbis/Opus Vorbis
 * comments with CHAPTERnnn=HH:MM:SS.mmm / CHAPTERnnnNAME / CHAPTERnnnURL,
 * MP3 an ID3v2.4 tag (UTF-8) with CTOC/CHAP frames.  Raw PCM and stdout
 * streams carry no tags. */
BC_EXPORT bc_rc bc_encoder_set_tags(bc_encoder *e, const bc_tags *tags);

/* Samples written so far. */
BC_EXPORT uint64_t bc_encoder_samples(const bc_encoder *e);

/* Write tags (tags may be NULL: those given to bc_encoder_set_tags()), close,
 * and rename into place.  Frees e whatever the outcome;
 * on failure nothing is left under the destination name. */
BC_EXPORT bc_rc bc_encoder_finish(bc_encoder *e, const bc_tags *tags, bc_diag *diag);

/* bc_encoder_finish() in two steps, to check the file before it appears:
 * bc_encoder_complete() writes the tags and closes the audio stream (the
 * file is complete under its temporary name; *e stays valid);
 * bc_encoder_read_back() opens it for reading (close the decoder before
 * publishing); bc_encoder_publish() renames it into place and frees e
 * whatever the outcome.  bc_encoder_abort() still discards it. */
BC_EXPORT bc_rc bc_encoder_complete(bc_encoder *e, const bc_tags *tags, bc_diag *diag);
BC_EXPORT bc_rc bc_encoder_read_back(bc_encoder *e, bc_decoder **out, unsigned *rate,
                                     bc_diag *diag);
BC_EXPORT bc_rc bc_encoder_publish(bc_encoder *e, bc_diag *diag);

/* Close and remove the temporary file.  Frees e.  NULL is a no-op. */
BC_EXPORT void bc_encoder_abort(bc_encoder *e);


/* Reading audio back (intro/outro jingles, tests): any format libsndfile
 * reads, mixed down to mono floats.  Free with bc_decoder_close(). */

/* Open `path`; *rate gets its sample rate, *frames (may be NULL) its length
 * in frames when known (0 if not). */
BC_EXPORT bc_rc bc_decoder_open(const char *path, bc_decoder **out, unsigned *rate,
                                uint64_t *frames, bc_diag *diag);
/* Read up to n mono samples into samples (room for n: libsndfile may clear
 * all of it); returns how many were read (0 at the end). */
BC_EXPORT size_t bc_decoder_read(bc_decoder *d, float *samples, size_t n);
/* NULL is a no-op. */
BC_EXPORT void bc_decoder_close(bc_decoder *d);

/* 1 if `format` can be written at `rate` Hz (Opus: 8, 12, 16, 24 or 48 kHz). */
BC_EXPORT int bc_format_rate_ok(bc_format format, unsigned rate);

#ifdef __cplusplus
}
#endif
#endif
