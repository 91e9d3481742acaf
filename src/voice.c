/* Voice profiles: which espeak-ng voice says which part of a briefing.
 *
 * In: a folder of *.voice files, each a few `key = value` lines (format in
 * voices/README and README.md, "Voice profiles").  Out: a bc_voiceset, and,
 * for a script, the quote voice of every quoted speaker.
 *
 * Files are read in name order so the same folder always gives the same
 * set, and "the first profile for a role" is predictable (narrator.voice
 * beats narrator-2.voice).  Errors name the file and the line, the way a
 * compiler does, because the people editing these files are users.
 *
 * Assignment keeps one voice per speaker within a story (a listener learns
 * "the low male voice is the senator"), gives different speakers different
 * voices while there are enough, and never crosses a known gender: when the
 * female voices run out, a third woman shares one rather than getting a male
 * voice. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "briefcast/voice.h"
#include "util.h"

/* Role names as in the script format.  Kept here (not bc_role_parse) so
 * voice profiles load without the script stage. */
static const char *const role_names[] = {"intro", "headline", "narrator", "quote",
                                         "outro", "pause", "subhead"};

static int role_from_name(const char *s) {
  for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
    if (!util_strcasecmp(s, role_names[i])) return (int)i;
  return -1;
}

static void voice_clear(bc_voice *v) {
  free(v->name);
  free(v->espeak);
  free(v->variant);
  free(v->description);
  memset(v, 0, sizeof *v);
}

void bc_voiceset_free(bc_voiceset *vs) {
  if (!vs) return;
  for (size_t i = 0; i < vs->n_voices; i++) voice_clear(&vs->voices[i]);
  free(vs->voices);
  free(vs);
}

const char *bc_voiceset_default_dir(void) {
  struct stat st;
  if (stat(BC_VOICES_DIR, &st) == 0 && S_ISDIR(st.st_mode)) return BC_VOICES_DIR;
  return BC_SOURCE_VOICES_DIR;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = 0;
  return s;
}

/* A whole decimal integer in [lo, hi]. */
static int parse_int(const char *s, int lo, int hi, int *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (end == s || *end || errno || v < lo || v > hi) return -1;
  *out = (int)v;
  return 0;
}

/* espeak-ng voice and variant names: letters, digits, '-', '_' only, so a
 * profile cannot smuggle "+variant" or a path into the engine. */
static int valid_espeak_name(const char *s) {
  if (!*s || strlen(s) > 40) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
          (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
      return 0;
  return 1;
}

/* Parse one profile.  `label` is the path used in messages. */
static bc_rc parse_profile(const char *label, const char *name, char *text, bc_voice *v,
                           bc_diag *diag) {
  memset(v, 0, sizeof *v);
  v->role = (bc_role)-1;
  v->rate = 170;
  v->pitch = 50;
  v->range = 50;
  v->volume = 100;
  v->gender = BC_GENDER_UNKNOWN;
  unsigned seen = 0;
  static const char *const keys[] = {"role",  "espeak", "variant", "rate",  "pitch",
                                     "range", "volume", "gender",  "description"};
  int lineno = 0;
  char *line = text;
  while (line) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = 0;
    lineno++;
    char *s = trim(line);
    line = nl ? nl + 1 : NULL;
    if (!*s || *s == '#') continue;
    char *eq = strchr(s, '=');
    if (!eq) {
      util_diag(diag, "%s:%d: expected 'key = value', got '%.60s'", label, lineno, s);
      goto bad;
    }
    *eq = 0;
    char *key = trim(s), *val = eq + 1;
    /* A '#' after white space starts a comment ("rate = 165  # brisk"),
     * except in a description, which is free text. */
    if (util_strcasecmp(key, "description"))
      for (char *h = strchr(val, '#'); h; h = strchr(h + 1, '#'))
        if (h == val || h[-1] == ' ' || h[-1] == '\t') {
          *h = 0;
          break;
        }
    val = trim(val);
    int k = -1;
    for (int i = 0; i < (int)(sizeof keys / sizeof keys[0]); i++)
      if (!util_strcasecmp(key, keys[i])) k = i;
    if (k < 0 && !util_strcasecmp(key, "voice")) k = 1; /* alias */
    if (k < 0) {
      util_diag(diag, "%s:%d: unknown key '%.40s' (known: role, espeak, variant, rate, "
                "pitch, range, volume, gender, description)", label, lineno, key);
      goto bad;
    }
    if (seen & (1u << k)) {
      util_diag(diag, "%s:%d: '%s' given twice", label, lineno, keys[k]);
      goto bad;
    }
    seen |= 1u << k;
    if (!*val && k != 2 && k != 8) {
      util_diag(diag, "%s:%d: '%s' needs a value", label, lineno, keys[k]);
      goto bad;
    }
    switch (k) {
    case 0: {
      int r = role_from_name(val);
      if (r < 0 || r == BC_ROLE_PAUSE) {
        util_diag(diag, "%s:%d: unknown role '%.40s' (use narrator, headline, intro, "
                  "outro, quote or subhead)", label, lineno, val);
        goto bad;
      }
      v->role = (bc_role)r;
      break;
    }
    case 1:
      if (!valid_espeak_name(val)) {
        util_diag(diag, "%s:%d: bad espeak-ng voice name '%.40s'", label, lineno, val);
        goto bad;
      }
      v->espeak = xstrdup(val);
      break;
    case 2:
      if (!*val || !util_strcasecmp(val, "none")) break;
      if (!valid_espeak_name(val)) {
        util_diag(diag, "%s:%d: bad espeak-ng variant name '%.40s'", label, lineno, val);
        goto bad;
      }
      v->variant = xstrdup(val);
      break;
    case 3:
      if (parse_int(val, 80, 450, &v->rate)) {
        util_diag(diag, "%s:%d: rate must be a whole number of words per minute from 80 "
                  "to 450, got '%.40s'", label, lineno, val);
        goto bad;
      }
      break;
    case 4:
    case 5:
      if (parse_int(val, 0, 100, k == 4 ? &v->pitch : &v->range)) {
        util_diag(diag, "%s:%d: %s must be a whole number from 0 to 100, got '%.40s'",
                  label, lineno, keys[k], val);
        goto bad;
      }
      break;
    case 6:
      if (parse_int(val, 0, 200, &v->volume)) {
        util_diag(diag, "%s:%d: volume must be a whole number from 0 to 200, got '%.40s'",
                  label, lineno, val);
        goto bad;
      }
      break;
    case 7:
      if (!util_strcasecmp(val, "female")) v->gender = BC_GENDER_FEMALE;
      else if (!util_strcasecmp(val, "male")) v->gender = BC_GENDER_MALE;
      else if (!util_strcasecmp(val, "unknown") || !util_strcasecmp(val, "neutral"))
        v->gender = BC_GENDER_UNKNOWN;
      else {
        util_diag(diag, "%s:%d: gender must be female, male or neutral, got '%.40s'",
                  label, lineno, val);
        goto bad;
      }
      break;
    case 8:
      v->description = *val ? xstrdup(val) : NULL;
      break;
    }
  }
  if ((int)v->role < 0) {
    util_diag(diag, "%s: no 'role' line (e.g. 'role = narrator')", label);
    goto bad;
  }
  if (!v->espeak) {
    util_diag(diag, "%s: no 'espeak' line (e.g. 'espeak = en-us')", label);
    goto bad;
  }
  v->name = xstrdup(name);
  return BC_OK;
bad:
  voice_clear(v);
  return BC_ERR_VOICE;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

bc_rc bc_voiceset_load(const char *dir, bc_voiceset **out, bc_diag *diag) {
  *out = NULL;
  if (!dir) dir = bc_voiceset_default_dir();
  DIR *d = opendir(dir);
  if (!d) {
    util_diag(diag, "%s: cannot open voices folder: %s", dir, strerror(errno));
    return errno == ENOENT ? BC_ERR_NOT_FOUND : BC_ERR_IO;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (e->d_name[0] == '.' || len <= 6 || strcmp(e->d_name + len - 6, ".voice")) continue;
    BC_GROW(names, n, cap);
    names[n++] = xstrdup(e->d_name);
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, cmp_str);

  bc_rc rc = BC_OK;
  bc_voiceset *vs = xcalloc(1, sizeof *vs);
  vs->voices = n ? xcalloc(n, sizeof *vs->voices) : NULL;
  for (size_t i = 0; i < n; i++) {
    char *path = xasprintf("%s/%s", dir, names[i]);
    char *text = NULL;
    size_t len = 0;
    rc = util_read_file(path, 64 * 1024, &text, &len);
    if (rc) {
      util_diag(diag, "%s: cannot read voice profile: %s", path, bc_strerror(rc));
      free(path);
      rc = rc == BC_ERR_TOO_LARGE ? BC_ERR_VOICE : rc;
      goto out;
    }
    if (memchr(text, 0, len) || !utf8_valid(text, len)) {
      util_diag(diag, "%s: not a text file", path);
      free(text);
      free(path);
      rc = BC_ERR_VOICE;
      goto out;
    }
    names[i][strlen(names[i]) - 6] = 0; /* profile name: file name less ".voice" */
    rc = parse_profile(path, names[i], text, &vs->voices[vs->n_voices], diag);
    free(text);
    free(path);
    if (rc) goto out;
    vs->n_voices++;
  }
  {
    int has_narrator = 0;
    for (size_t i = 0; i < vs->n_voices; i++)
      if (vs->voices[i].role == BC_ROLE_NARRATOR) has_narrator = 1;
    if (!has_narrator) {
      util_diag(diag, "%s: no narrator profile (a *.voice file with 'role = narrator')", dir);
      rc = BC_ERR_VOICE;
    }
  }
out:
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  if (rc) {
    bc_voiceset_free(vs);
    return rc;
  }
  *out = vs;
  return BC_OK;
}

const bc_voice *bc_voiceset_find(const bc_voiceset *vs, const char *name) {
  if (!vs || !name) return NULL;
  for (size_t i = 0; i < vs->n_voices; i++)
    if (!strcmp(vs->voices[i].name, name)) return &vs->voices[i];
  return NULL;
}

const bc_voice *bc_voiceset_for_role(const bc_voiceset *vs, bc_role role) {
  if (!vs) return NULL;
  const bc_voice *narrator = NULL;
  for (size_t i = 0; i < vs->n_voices; i++) {
    if (vs->voices[i].role == role) return &vs->voices[i];
    if (!narrator && vs->voices[i].role == BC_ROLE_NARRATOR) narrator = &vs->voices[i];
  }
  /* A subhead is a small headline: prefer the headline voice to the narrator. */
  if (role == BC_ROLE_SUBHEAD)
    for (size_t i = 0; i < vs->n_voices; i++)
      if (vs->voices[i].role == BC_ROLE_HEADLINE) return &vs->voices[i];
  return narrator;
}

/* One speaker's voice within one story. */
typedef struct speaker_voice {
  int story;
  const char *speaker;   /* borrowed from the script; "" for an unnamed speaker */
  size_t voice;          /* index in the voice set */
} speaker_voice;

static const char *speaker_key(const bc_segment *g) {
  return g->speaker && *g->speaker ? g->speaker : "";
}

static long find_speaker(const speaker_voice *sv, size_t n, int story, const char *speaker) {
  for (size_t i = 0; i < n; i++)
    if (sv[i].story == story && !util_strcasecmp(sv[i].speaker, speaker)) return (long)i;
  return -1;
}

bc_rc bc_voiceset_assign(const bc_voiceset *vs, bc_script *script) {
  if (!vs || !script) return BC_ERR_ARG;
  size_t nv = vs->n_voices;
  speaker_voice *sv = NULL;
  size_t n_sv = 0, cap_sv = 0;
  /* Uses of each voice in the whole briefing, so that stories do not all
   * start with the same quote voice. */
  size_t *total_uses = nv ? xcalloc(nv, sizeof *total_uses) : NULL;

  /* First pass: voices the script already names (an edited script) bind
   * their speaker for the rest of the story. */
  for (size_t i = 0; i < script->n_segments; i++) {
    bc_segment *g = &script->segments[i];
    if (g->role != BC_ROLE_QUOTE || !g->voice) continue;
    const bc_voice *v = bc_voiceset_find(vs, g->voice);
    if (!v || find_speaker(sv, n_sv, g->story, speaker_key(g)) >= 0) continue;
    BC_GROW(sv, n_sv, cap_sv);
    sv[n_sv++] = (speaker_voice){g->story, speaker_key(g), (size_t)(v - vs->voices)};
    total_uses[v - vs->voices]++;
  }

  for (size_t i = 0; i < script->n_segments; i++) {
    bc_segment *g = &script->segments[i];
    if (g->role != BC_ROLE_QUOTE || g->voice) continue;
    const char *who = speaker_key(g);
    long k = find_speaker(sv, n_sv, g->story, who);
    if (k >= 0) {
      g->voice = xstrdup(vs->voices[sv[k].voice].name);
      continue;
    }
    /* Candidates: quote voices of the speaker's gender when it is known and
     * such voices exist, else every quote voice. */
    int gender_ok = 0;
    if (g->gender != BC_GENDER_UNKNOWN)
      for (size_t j = 0; j < nv; j++)
        if (vs->voices[j].role == BC_ROLE_QUOTE && vs->voices[j].gender == g->gender)
          gender_ok = 1;
    long best = -1;
    size_t best_story_uses = 0, best_total = 0;
    for (size_t j = 0; j < nv; j++) {
      const bc_voice *v = &vs->voices[j];
      if (v->role != BC_ROLE_QUOTE) continue;
      if (gender_ok && v->gender != g->gender) continue;
      size_t story_uses = 0;
      for (size_t s = 0; s < n_sv; s++)
        if (sv[s].story == g->story && sv[s].voice == j) story_uses++;
      /* Fewest speakers in this story first (different speakers, different
       * voices), then least used in the briefing, then file order. */
      if (best < 0 || story_uses < best_story_uses ||
          (story_uses == best_story_uses && total_uses[j] < best_total)) {
        best = (long)j;
        best_story_uses = story_uses;
        best_total = total_uses[j];
      }
    }
    if (best < 0) continue; /* no quote profiles: the speech stage uses the narrator */
    BC_GROW(sv, n_sv, cap_sv);
    sv[n_sv++] = (speaker_voice){g->story, who, (size_t)best};
    total_uses[best]++;
    g->voice = xstrdup(vs->voices[best].name);
  }
  free(sv);
  free(total_uses);
  return BC_OK;
}
