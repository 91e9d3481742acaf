/* Private: ID3v2.4 tags for MP3 episodes (id3.c). */
#ifndef BC_ID3_H
#define BC_ID3_H

#include "briefcast/encode.h"
#include "util.h"

/* Append to out a complete ID3v2.4 tag (header included, UTF-8 text) holding
 * tags' title, artist, album, date and comment, and a CTOC frame with one
 * CHAP frame per chapter.  duration_ms ends the last chapter when its end is
 * unknown (<= start). */
void id3_build(const bc_tags *tags, uint32_t duration_ms, bc_buf *out);

/* Length of an ID3v2 tag at the start of data (header, footer included), or
 * 0 if data does not start with one. */
size_t id3_tag_length(const unsigned char *data, size_t len);

#endif
