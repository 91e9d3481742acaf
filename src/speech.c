/* The speech stage: a script in, PCM and a timeline out, through the
 * espeak-ng C library.
 *
 * Each segment is normalized (normalize.h) and spoken as its own espeak-ng
 * message, after selecting its voice with espeak_SetVoiceByName("en-us+f3")
 * and setting rate, pitch, range and volume with espeak_SetParameter.
 * Switching voices through the API, not SSML <voice>, is deliberate: in
 * espeak-ng 1.51 the voice after </voice> can fall back to British English.
 * After each segment comes pause_ms of silence that we make ourselves, so a
 * pause is exactly as long as the script says.
 *
 * espeak-ng runs in AUDIO_OUTPUT_SYNCHRONOUS mode: espeak_Synth returns
 * when the segment is spoken, and the synth callback has meanwhile handed
 * us PCM (mono, 16-bit, 22 050 Hz) and events.  Word events carry the
 * word's character offset in the spoken text and its sample offset from the
 * start of the message; adding the samples produced before the segment gives
 * the word's sample in the episode, and the normalizer's token map turns the
 * spoken offset back into the span of the script text it came from.
 *
 * espeak-ng is a process-wide singleton: it is initialized once (guarded by
 * a mutex, never re-initialized, never terminated: espeak_Terminate followed
 * by a new initialize is not reliable in 1.51) and every use holds the same
 * mutex.  It is initialized through espeak_ng_Initialize, which reports
 * failure as a status instead of printing and exiting as espeak_Initialize
 * does when its data is missing. */
#include <espeak-ng/espeak_ng.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "briefcast/normalize.h"
#include "briefcast/speech.h"
#include "speech_priv.h"
#include "util.h"

static pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;
static int engine_rate;          /* > 0 once initialized, < 0 when it failed */
static char engine_error[200];

/* The synthesis in progress (only touched with engine_lock held). */
typedef struct speak_run {
  bc_pcm_sink sink;
  void *user;
  size_t samples;                /* produced so far in the whole episode */
  size_t segment_start;          /* samples before the current segment */
  size_t segment;                /* index of the current segment */
  int stopped;                   /* the sink asked to stop */
  /* word events of the current segment, as espeak reports them */
  struct word_event { size_t sample; int char_pos, char_len; } *events;
  size_t n_events, cap_events;
} speak_run;

static speak_run *current_run;

static int synth_callback(short *wav, int n, espeak_EVENT *ev) {
  speak_run *run = current_run;
  if (!run) return 0;
  for (; ev && ev->type != espeakEVENT_LIST_TERMINATED; ev++) {
    if (ev->type != espeakEVENT_WORD) continue;
    BC_GROW(run->events, run->n_events, run->cap_events);
    run->events[run->n_events++] = (struct word_event){
        run->segment_start + (ev->sample > 0 ? (size_t)ev->sample : 0), ev->text_position,
        ev->length};
  }
  if (wav && n > 0) {
    if (run->sink && run->sink(wav, (size_t)n, run->user)) {
      run->stopped = 1;
      return 1;
    }
    run->samples += (size_t)n;
  }
  return 0;
}

/* Initialize espeak-ng once.  Call with engine_lock held. */
static bc_rc engine_start(bc_diag *diag) {
  if (engine_rate > 0) return BC_OK;
  if (engine_rate < 0) {
    util_diag(diag, "espeak-ng: %s", engine_error);
    return BC_ERR_SPEECH;
  }
  espeak_ng_InitializePath(NULL);
  espeak_ng_ERROR_CONTEXT ctx = NULL;
  espeak_ng_STATUS st = espeak_ng_Initialize(&ctx);
  if (st == ENS_OK) st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
  if (st != ENS_OK) {
    espeak_ng_GetStatusCodeMessage(st, engine_error, sizeof engine_error);
    espeak_ng_ClearErrorContext(&ctx);
    engine_rate = -1;
    util_diag(diag, "espeak-ng: %s", engine_error);
    return BC_ERR_SPEECH;
  }
  espeak_SetSynthCallback(synth_callback);
  int rate = espeak_ng_GetSampleRate();
  engine_rate = rate > 0 ? rate : 22050;
  return BC_OK;
}

unsigned bc_speech_sample_rate(void) {
  pthread_mutex_lock(&engine_lock);
  bc_rc rc = engine_start(NULL);
  unsigned rate = rc ? 22050 : (unsigned)engine_rate;
  pthread_mutex_unlock(&engine_lock);
  return rate;
}

/* ------------------------------------------------------------------ */
/* Voice choice                                                         */

/* The primary language subtag of s ("en" of "en-us"), lower case. */
static void primary_subtag(const char *s, char out[16]) {
  size_t i = 0;
  for (; s && s[i] && s[i] != '-' && s[i] != '_' && i < 15; i++)
    out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
  out[i] = 0;
}

/* A language tag as espeak-ng names voices: lower case, '-' separated,
 * letters/digits only (anything else ends it). */
static void espeak_lang(const char *s, char out[32]) {
  size_t i = 0;
  for (; s[i] && i < 31; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    else if (c == '_') c = '-';
    else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) break;
    out[i] = c;
  }
  out[i] = 0;
}

/* Find the espeak-ng voice for language tag `base` with `variant`: *name
 * gets what espeak_SetVoiceByName accepts, *used the name to report.
 * Leaves that voice selected.  Returns 0 when there is none. */
static int resolve_voice(const char *base, const char *variant, char name[96], char used[96]) {
  if (variant) snprintf(name, 96, "%s+%s", base, variant);
  else snprintf(name, 96, "%s", base);
  if (espeak_SetVoiceByName(name) == EE_OK) {
    snprintf(used, 96, "%s", name);
    return 1;
  }
  /* espeak_SetVoiceByName knows voice files ("gmw/en", "en-us", "de") but
   * not every language tag ("en-gb" is the file gmw/en).  Ask espeak-ng for
   * the best voice of that language, never an MBROLA one (it needs voices
   * that are rarely installed), and only one that really speaks it. */
  espeak_VOICE spec = {.languages = base};
  const espeak_VOICE **list = espeak_ListVoices(&spec);
  char want[16];
  primary_subtag(base, want);
  for (size_t i = 0; list && list[i]; i++) {
    const espeak_VOICE *ev = list[i];
    if (!ev->identifier || !ev->languages || !strncmp(ev->identifier, "mb/", 3) ||
        !strncmp(ev->identifier, "!v/", 3))
      continue;
    /* languages: (priority byte, name, NUL)... then an empty name */
    const char *lang = ev->languages + 1;
    int speaks = 0;
    for (const char *l = ev->languages; *l && l[1]; l += strlen(l + 1) + 2) {
      char have[16];
      primary_subtag(l + 1, have);
      if (!strcmp(want, have)) speaks = 1;
    }
    if (!speaks) continue;
    if (variant) snprintf(name, 96, "%s+%s", ev->identifier, variant);
    else snprintf(name, 96, "%s", ev->identifier);
    if (espeak_SetVoiceByName(name) != EE_OK) continue;
    if (variant) snprintf(used, 96, "%s+%s", lang, variant);
    else snprintf(used, 96, "%s", lang);
    return 1;
  }
  return 0;
}

/* Voices resolved so far in this process (espeak_ListVoices reads every
 * voice file, so a tag is looked up once), and the one selected now
 * (selecting a voice reloads its files: not again for the next segment in
 * the same voice).  Used under engine_lock. */
typedef struct voice_memo {
  char key[96], name[96], used[96]; /* name "" = espeak-ng has none */
} voice_memo;
#define MEMO_MAX 64
static voice_memo memo[MEMO_MAX];
static size_t n_memo;
static char selected[96];
/* set when looking up only: a voice not in the memo was asked for */
static int memo_missing;

static voice_memo *memo_find(const char *key) {
  size_t i;
  for (i = 0; i < n_memo; i++)
    if (!strcmp(memo[i].key, key)) return &memo[i];
  return NULL;
}

/* Select the voice for language tag `base` with `variant` (NULL: none);
 * `used` gets the name to report.  Returns 0 when espeak-ng has none.
 * With lookup_only, espeak-ng is not touched: a voice not in the memo sets
 * memo_missing (and counts as found). */
static int set_voice_(const char *base, const char *variant, char *used, size_t used_size,
                      int lookup_only) {
  char key[96];
  voice_memo m, *hit;
  snprintf(key, sizeof key, "%s+%s", base, variant ? variant : "");
  if ((hit = memo_find(key))) {
    m = *hit;
    if (!m.name[0]) return 0;
    if (!lookup_only && strcmp(selected, m.name)) {
      if (espeak_SetVoiceByName(m.name) != EE_OK) return 0;
      snprintf(selected, sizeof selected, "%s", m.name);
    }
  } else {
    if (lookup_only) {
      memo_missing = 1;
      return 1;
    }
    memset(&m, 0, sizeof m);
    snprintf(m.key, sizeof m.key, "%s", key);
    selected[0] = 0; /* a failed try may have changed it */
    if (resolve_voice(base, variant, m.name, m.used)) snprintf(selected, sizeof selected, "%s", m.name);
    else m.name[0] = 0;
    if (n_memo < MEMO_MAX) memo[n_memo++] = m;
    if (!m.name[0]) return 0;
  }
  snprintf(used, used_size, "%s", m.used);
  return 1;
}

static int set_voice(const char *base, const char *variant, char *used, size_t used_size) {
  return set_voice_(base, variant, used, used_size, 0);
}

/* Select the espeak-ng voice for profile v speaking language `lang`
 * (NULL = the profile's own).  Another language than the profile's is
 * spoken by that language's espeak-ng voice with the profile's variant; a
 * language espeak-ng lacks falls back to the profile's voice.  Writes the
 * name used to `used`.  Returns 0 when not even the profile's voice exists. */
static int select_voice_(const bc_voice *v, const char *lang, char *used, size_t used_size,
                         int lookup_only) {
  char want[16], have[16];
  primary_subtag(lang, want);
  primary_subtag(v->espeak, have);
  if (want[0] && strcmp(want, have)) {
    char tag[32];
    espeak_lang(lang, tag);
    if (tag[0] && set_voice_(tag, v->variant, used, used_size, lookup_only)) return 1;
    if (strcmp(tag, want) && set_voice_(want, v->variant, used, used_size, lookup_only)) return 1;
  }
  if (set_voice_(v->espeak, v->variant, used, used_size, lookup_only)) return 1;
  if (v->variant && set_voice_(v->espeak, NULL, used, used_size, lookup_only)) return 1;
  return set_voice_("en", NULL, used, used_size, lookup_only);
}

static int select_voice(const bc_voice *v, const char *lang, char *used, size_t used_size) {
  return select_voice_(v, lang, used, used_size, 0);
}

static int clamp(int x, int lo, int hi) { return x < lo ? lo : x > hi ? hi : x; }

/* The profile that speaks segment g. */
static const bc_voice *segment_voice(const bc_voiceset *vs, const bc_segment *g) {
  const bc_voice *v = g->voice ? bc_voiceset_find(vs, g->voice) : NULL;
  return v ? v : bc_voiceset_for_role(vs, g->role);
}

/* ------------------------------------------------------------------ */
/* Text preparation                                                     */

/* The spoken form of a segment: normalized text plus its token map.  With
 * normalization off the map is the identity (n_map = 0 means that). */
typedef struct spoken_text {
  bc_spoken *normalized;       /* from bc_normalize, or NULL */
  const char *text;
  size_t len;
} spoken_text;

static void prepare_text(const char *text, const char *lang, int normalize,
                         spoken_text *out) {
  memset(out, 0, sizeof *out);
  bc_spoken *sp = NULL;
  /* A normalizer failure is no reason to lose the segment: espeak-ng can
   * read the text as written, only less well. */
  if (normalize && bc_normalize(text, strlen(text), lang, &sp) == BC_OK && sp) {
    out->normalized = sp;
    out->text = sp->text;
    out->len = sp->len;
  } else {
    out->text = text;
    out->len = strlen(text);
  }
}

static void spoken_text_free(spoken_text *sp) { bc_spoken_free(sp->normalized); }

/* Map a spoken byte range back to the source text's byte range. */
static void source_range(const spoken_text *sp, size_t a, size_t b, size_t src_len,
                         size_t *start, size_t *end) {
  const bc_spoken *n = sp->normalized;
  if (!n) { /* spoken as written */
    *start = a < src_len ? a : src_len;
    *end = b < src_len ? b : src_len;
    return;
  }
  size_t lo = (size_t)-1, hi = 0;
  for (size_t i = 0; i < n->n_map; i++) {
    const bc_token_map *m = &n->map[i];
    if (m->spoken_end <= a || m->spoken_start >= b) continue;
    if (m->source_start < lo) lo = m->source_start;
    if (m->source_end > hi) hi = m->source_end;
  }
  if (lo == (size_t)-1) lo = hi = 0; /* a word the normalizer added: no source */
  if (lo > src_len) lo = src_len;
  if (hi > src_len) hi = src_len;
  if (hi < lo) hi = lo;
  *start = lo;
  *end = hi;
}

/* ------------------------------------------------------------------ */

void bc_timeline_free(bc_timeline *t) {
  if (!t) return;
  for (size_t i = 0; i < t->n_segments; i++) free(t->segments[i].espeak_voice);
  free(t->segments);
  free(t->words);
  free(t);
}

static bc_rc emit_silence(speak_run *run, size_t n) {
  static const int16_t zeros[1024];
  while (n) {
    size_t k = n < 1024 ? n : 1024;
    if (run->sink && run->sink(zeros, k, run->user)) {
      run->stopped = 1;
      return BC_ERR_INTERRUPTED;
    }
    run->samples += k;
    n -= k;
  }
  return BC_OK;
}

/* Turn the current segment's word events into timeline words. */
static void collect_words(speak_run *run, const spoken_text *sp, const char *src,
                          bc_timeline *tl, size_t *cap_words) {
  if (!run->n_events) return;
  /* character index -> byte offset in the spoken text */
  size_t n_chars = 0;
  for (size_t i = 0; i < sp->len; i++)
    if (((unsigned char)sp->text[i] & 0xC0) != 0x80) n_chars++;
  size_t *byte_of = xmalloc((n_chars + 1) * sizeof *byte_of);
  for (size_t i = 0, c = 0; i < sp->len; i++)
    if (((unsigned char)sp->text[i] & 0xC0) != 0x80) byte_of[c++] = i;
  byte_of[n_chars] = sp->len;
  size_t src_len = strlen(src);
  for (size_t i = 0; i < run->n_events; i++) {
    const struct word_event *e = &run->events[i];
    /* espeak-ng counts characters from 1 */
    size_t c0 = e->char_pos > 0 ? (size_t)e->char_pos - 1 : 0;
    size_t c1 = c0 + (e->char_len > 0 ? (size_t)e->char_len : 1);
    if (c0 >= n_chars) continue;
    if (c1 > n_chars) c1 = n_chars;
    bc_word_time w = {.segment = run->segment, .sample = e->sample};
    source_range(sp, byte_of[c0], byte_of[c1], src_len, &w.text_start, &w.text_end);
    /* trim white space espeak-ng sometimes counts into a word */
    while (w.text_start < w.text_end && strchr(" \t\r\n", src[w.text_start])) w.text_start++;
    while (w.text_end > w.text_start && strchr(" \t\r\n", src[w.text_end - 1])) w.text_end--;
    if (w.text_end <= w.text_start) continue; /* spoken words with no source (inserted) */
    /* Several spoken words from one written token ("$5" -> "five dollars",
     * or espeak-ng reading "2026" as two words, the second reported inside
     * the first) are one word of the transcript: keep the first. */
    if (tl->n_words) {
      bc_word_time *p = &tl->words[tl->n_words - 1];
      if (p->segment == w.segment && w.text_start < p->text_end) {
        if (w.text_end > p->text_end) p->text_end = w.text_end;
        continue;
      }
    }
    BC_GROW(tl->words, tl->n_words, *cap_words);
    tl->words[tl->n_words++] = w;
  }
  free(byte_of);
  run->n_events = 0;
}

/* Whether every voice the script needs is in the memo; with resolve, find
 * them (in this process's engine). */
static int script_voices(const bc_script *s, const bc_voiceset *vs, int resolve) {
  char used[96];
  size_t i;
  memo_missing = 0;
  for (i = 0; i < s->n_segments; i++) {
    const bc_segment *g = &s->segments[i];
    const bc_voice *v = g->role == BC_ROLE_PAUSE || !g->text ? NULL : segment_voice(vs, g);
    if (v) select_voice_(v, g->lang ? g->lang : s->lang, used, sizeof used, !resolve);
  }
  return !memo_missing;
}

/* The voices are found in a short-lived child process, and only the
 * answers come back: finding them changes espeak-ng's state (it loads voice
 * files and dictionaries), and every worker must start from the same state
 * however many ran before it, for the output not to depend on the number
 * of jobs. */
void speech_prepare_voices(const bc_script *s, const bc_voiceset *vs) {
  int fds[2];
  pid_t pid;
  pthread_mutex_lock(&engine_lock);
  if (engine_start(NULL) != BC_OK) {
    pthread_mutex_unlock(&engine_lock);
    return;
  }
  /* espeak_SetVoiceByName lists the voices (reading every voice file) the
   * first time a name is not a voice file's ("en-us" is gmw/en-US): once
   * here instead of once in every worker.  Listing loads no voice. */
  espeak_ListVoices(NULL);
  if (script_voices(s, vs, 0) || pipe(fds)) {
    pthread_mutex_unlock(&engine_lock);
    return;
  }
  pid = fork();
  if (pid == 0) {
    size_t off = 0, len;
    close(fds[0]);
    script_voices(s, vs, 1);
    len = n_memo * sizeof *memo;
    while (off < len) {
      ssize_t w = write(fds[1], (const char *)memo + off, len - off);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) break;
      off += (size_t)w;
    }
    _exit(0);
  }
  close(fds[1]);
  if (pid > 0) {
    voice_memo m;
    size_t got = 0;
    for (;;) {
      ssize_t r = read(fds[0], (char *)&m + got, sizeof m - got);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      got += (size_t)r;
      if (got < sizeof m) continue;
      got = 0;
      m.key[sizeof m.key - 1] = m.name[sizeof m.name - 1] = m.used[sizeof m.used - 1] = 0;
      if (!memo_find(m.key) && n_memo < MEMO_MAX) memo[n_memo++] = m;
    }
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
    }
  }
  close(fds[0]);
  pthread_mutex_unlock(&engine_lock);
}

bc_rc bc_speak(const bc_script *script, const bc_voiceset *vs, const bc_speak_options *opts,
               bc_pcm_sink sink, void *user, bc_timeline **timeline, bc_diag *diag) {
  if (timeline) *timeline = NULL;
  if (!script || !vs) return BC_ERR_ARG;
  const bc_voice *narrator = bc_voiceset_for_role(vs, BC_ROLE_NARRATOR);
  if (!narrator) {
    util_diag(diag, "no narrator voice profile");
    return BC_ERR_VOICE;
  }
  int wpm = opts ? opts->words_per_minute : 0;
  if (wpm && (wpm < 80 || wpm > 450)) {
    util_diag(diag, "words per minute must be from 80 to 450, got %d", wpm);
    return BC_ERR_ARG;
  }
  double rate_scale = wpm ? (double)wpm / narrator->rate : 1.0;
  int normalize = !(opts && opts->no_normalize);

  pthread_mutex_lock(&engine_lock);
  bc_rc rc = engine_start(diag);
  if (rc) {
    pthread_mutex_unlock(&engine_lock);
    return rc;
  }
  bc_timeline *tl = xcalloc(1, sizeof *tl);
  tl->sample_rate = (unsigned)engine_rate;
  tl->n_segments = script->n_segments;
  tl->segments = script->n_segments ? xcalloc(script->n_segments, sizeof *tl->segments) : NULL;
  size_t cap_words = 0;
  speak_run run = {.sink = sink, .user = user};
  current_run = &run;

  for (size_t i = 0; i < script->n_segments && !rc; i++) {
    const bc_segment *g = &script->segments[i];
    bc_segment_time *st = &tl->segments[i];
    run.segment = i;
    run.segment_start = run.samples;
    st->start = run.samples;
    const char *text = g->role == BC_ROLE_PAUSE ? NULL : g->text;
    if (text && *text) {
      const bc_voice *v = segment_voice(vs, g);
      const char *lang = g->lang ? g->lang : script->lang;
      spoken_text sp;
      prepare_text(text, lang, normalize, &sp);
      char used[96];
      if (!select_voice(v, lang, used, sizeof used)) {
        util_diag(diag, "segment %zu: espeak-ng has no voice '%s'", i + 1, v->espeak);
        spoken_text_free(&sp);
        rc = BC_ERR_VOICE;
        break;
      }
      st->voice = v->name;
      st->espeak_voice = xstrdup(used);
      /* The voice change resets nothing we rely on, but set every
       * parameter each time so no segment inherits the previous one's. */
      espeak_SetParameter(espeakRATE, clamp((int)(v->rate * rate_scale + 0.5), 80, 450), 0);
      espeak_SetParameter(espeakPITCH, v->pitch, 0);
      espeak_SetParameter(espeakRANGE, v->range, 0);
      espeak_SetParameter(espeakVOLUME, v->volume, 0);
      espeak_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
      espeak_SetParameter(espeakCAPITALS, 0, 0);
      if (sp.len) {
        char *z = xstrndup(sp.text, sp.len);
        espeak_ERROR er = espeak_Synth(z, sp.len + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                       NULL, NULL);
        free(z);
        if (run.stopped) rc = BC_ERR_INTERRUPTED;
        else if (er != EE_OK) {
          util_diag(diag, "segment %zu: espeak-ng could not synthesize it (error %d)", i + 1,
                    (int)er);
          rc = BC_ERR_SPEECH;
        }
      }
      if (!rc) collect_words(&run, &sp, text, tl, &cap_words);
      run.n_events = 0;
      spoken_text_free(&sp);
      if (rc) break;
    }
    st->end = run.samples;
    size_t pause = (size_t)((unsigned long long)g->pause_ms * (unsigned)engine_rate / 1000);
    rc = emit_silence(&run, pause);
    st->pause_end = run.samples;
  }
  current_run = NULL;
  free(run.events);
  tl->n_samples = run.samples;
  pthread_mutex_unlock(&engine_lock);
  if (rc == BC_ERR_INTERRUPTED) util_diag(diag, "speech stopped by the audio writer");
  if (rc || !timeline) bc_timeline_free(tl);
  else *timeline = tl;
  return rc;
}

bc_rc bc_speech_phonemes(const char *text, const char *espeak_voice, char **out) {
  *out = NULL;
  if (!text) return BC_ERR_ARG;
  pthread_mutex_lock(&engine_lock);
  bc_rc rc = engine_start(NULL);
  if (rc) goto out;
  char used[96];
  if (!set_voice(espeak_voice ? espeak_voice : "en-us", NULL, used, sizeof used)) {
    rc = BC_ERR_VOICE;
    goto out;
  }
  bc_buf b;
  buf_init(&b);
  const void *p = text;
  /* espeak_TextToPhonemes stops at each clause: call until it has eaten
   * the text, and join clauses with a space. */
  while (p && *(const char *)p) {
    const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0);
    if (!ph) break;
    while (*ph == ' ') ph++;
    if (!*ph) continue;
    if (b.len) buf_addc(&b, ' ');
    buf_adds(&b, ph);
  }
  *out = buf_steal(&b);
out:
  pthread_mutex_unlock(&engine_lock);
  return rc;
}
