/* briefcast: the whole public API.  Read the stage headers in this order to
 * follow an article from source to sound. */
#ifndef BRIEFCAST_H
#define BRIEFCAST_H

#include "common.h"
#include "article.h"
#include "fetch.h"
#include "feed.h"
#include "state.h"
#include "source.h"
#include "story.h"
#include "script.h"
#include "normalize.h"
#include "voice.h"
#include "speech.h"
#include "parallel.h"
#include "transcript.h"
#include "master.h"
#include "encode.h"
#include "render.h"
#include "podcast.h"
#include "daily.h"

#endif
