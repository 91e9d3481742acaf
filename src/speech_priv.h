/* Private: what the parallel speech stage asks of the speech stage. */
#ifndef BC_SPEECH_PRIV_H
#define BC_SPEECH_PRIV_H

#include "briefcast/script.h"
#include "briefcast/voice.h"

/* Find every espeak-ng voice the script will use, in this process, so that
 * workers forked afterwards inherit the answers instead of each asking
 * espeak-ng to list its voices (which reads every voice file). */
void speech_prepare_voices(const bc_script *s, const bc_voiceset *vs);

#endif
