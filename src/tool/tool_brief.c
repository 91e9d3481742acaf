/* `briefcast brief` (articles -> audio file) and `briefcast script`
 * (articles -> editable script).  Both share the story options; brief also
 * takes the audio options and renders. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tool.h"
#include "briefcast/podcast.h"

enum {
  OPT_VOICES = 256, OPT_RATE, OPT_STORY_SECONDS, OPT_MAX_MINUTES, OPT_MAX_QUOTES, OPT_LANG,
  OPT_DATE, OPT_TITLE, OPT_JOBS, OPT_STATE, OPT_OPML, OPT_AUTHOR, OPT_PODCAST_NAME,
  /* audio and podcast options (issue 7) */
  OPT_PODCAST, OPT_BASE_URL, OPT_PRESET, OPT_SAMPLE_RATE, OPT_BITRATE, OPT_QUALITY,
  OPT_INTRO_AUDIO, OPT_OUTRO_AUDIO, OPT_KEEP, OPT_TIMEOUT, OPT_SPEECH_JOBS
};

static const char brief_help[] =
    "Usage: briefcast brief ARTICLE... -o OUTPUT [OPTIONS]\n"
    "Make a spoken briefing: for each article its headline, lead and best quotes,\n"
    "the narration in one voice and each quoted speaker in another.\n"
    "ARTICLE is an HTML or plain-text file, an http(s) or file:// URL, or a feed\n"
    "(RSS, Atom, JSON Feed: its entries become the stories).\n\n"
    "Output:\n"
    "  -o, --output FILE     audio file to write (.wav .flac .ogg .opus .mp3), '-' for stdout\n"
    "  -f, --format NAME     wav, flac, ogg, opus, mp3 (or raw for stdout); default: by extension\n"
    "      --title TEXT      episode title (default \"News briefing\")\n"
    "      --date YYYY-MM-DD date to announce (default today)\n"
    "      --author NAME     author tag\n"
    "      --podcast-name N  podcast (album) tag\n"
    "Sound:\n"
    "      --preset NAME     loudness: podcast (-16 LUFS, -1 dBTP, the default),\n"
    "                        broadcast (EBU R128, -23 LUFS), alexa (-14 LUFS, -2 dBTP, MP3)\n"
    "      --sample-rate HZ  output rate (default 44100; Opus 48000)\n"
    "      --bitrate KBPS    constant bitrate for MP3 and Opus (MP3 default 64)\n"
    "      --quality Q       VBR quality 0..1 for Ogg Vorbis, Opus, MP3\n"
    "      --intro-audio F   jingle before the briefing (loudness-matched, crossfaded)\n"
    "      --outro-audio F   jingle after it\n"
    "Podcast:\n"
    "      --podcast DIR     write an episode into DIR instead of -o: audio, chapters\n"
    "                        (.chapters.json), transcripts (.vtt, .srt) and feed.xml\n"
    "      --base-url URL    public URL of DIR, for the feed's links\n"
    "      --keep N          episodes kept in the feed (default 10; older ones deleted)\n"
    "Stories:\n"
    "      --story-seconds N bound each story to about N seconds (default 60)\n"
    "      --max-minutes N   bound the whole briefing (0 = no limit): quotes go first,\n"
    "                        then whole stories, never part of a sentence\n"
    "      --max-quotes N    quotes per story at most (default 3)\n"
    "      --lang LANG       read every story as language LANG (default: the article's)\n"
    "Voices:\n"
    "      --voices DIR      voice profiles folder (default: the installed profiles)\n"
    "      --rate WPM        narrator's speed in words per minute (others scale alike)\n"
    "      --speech-jobs N   stories spoken in parallel worker processes (default: cores)\n"
    "Sources:\n"
    "      --jobs N          concurrent downloads (default 16)\n"
    "      --state FILE      state database (HTTP cache, entries read)\n"
    "      --opml FILE       also read every feed of an OPML subscription list\n"
    "      --timeout S       give up on a download after S seconds (default 30)\n"
    "  -q, --quiet           no progress messages\n"
    "  -h, --help            show this help\n\n"
    "Exit status: 0 ok, 1 failure (no output), 2 usage, 3 made but some sources failed.\n"
    "Example: briefcast brief examples/*.html examples/*.txt -o briefing.mp3\n";

static const char script_help[] =
    "Usage: briefcast script ARTICLE... [-o FILE] [OPTIONS]\n"
    "Print the briefing script instead of audio: one segment per header line\n"
    "([narrator], [quote speaker=\"...\"], ...), followed by its text.  Edit it\n"
    "(fix a pronunciation, drop a quote) and turn it into audio with\n"
    "'briefcast speak FILE -o OUT'.\n\n"
    "  -o, --output FILE     write the script to FILE instead of stdout\n"
    "      --title, --date, --story-seconds, --max-minutes, --max-quotes, --lang,\n"
    "      --voices, --rate, --jobs, --state, --opml, --timeout: as for 'briefcast brief'\n"
    "  -q, --quiet           no progress messages\n"
    "  -h, --help            show this help\n";

static const struct option long_opts[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"voices", required_argument, NULL, OPT_VOICES},
    {"rate", required_argument, NULL, OPT_RATE},
    {"story-seconds", required_argument, NULL, OPT_STORY_SECONDS},
    {"max-minutes", required_argument, NULL, OPT_MAX_MINUTES},
    {"max-quotes", required_argument, NULL, OPT_MAX_QUOTES},
    {"lang", required_argument, NULL, OPT_LANG},
    {"date", required_argument, NULL, OPT_DATE},
    {"title", required_argument, NULL, OPT_TITLE},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"state", required_argument, NULL, OPT_STATE},
    {"opml", required_argument, NULL, OPT_OPML},
    {"author", required_argument, NULL, OPT_AUTHOR},
    {"podcast-name", required_argument, NULL, OPT_PODCAST_NAME},
    {"podcast", required_argument, NULL, OPT_PODCAST},
    {"base-url", required_argument, NULL, OPT_BASE_URL},
    {"preset", required_argument, NULL, OPT_PRESET},
    {"sample-rate", required_argument, NULL, OPT_SAMPLE_RATE},
    {"bitrate", required_argument, NULL, OPT_BITRATE},
    {"quality", required_argument, NULL, OPT_QUALITY},
    {"intro-audio", required_argument, NULL, OPT_INTRO_AUDIO},
    {"outro-audio", required_argument, NULL, OPT_OUTRO_AUDIO},
    {"keep", required_argument, NULL, OPT_KEEP},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"speech-jobs", required_argument, NULL, OPT_SPEECH_JOBS},
    {NULL, 0, NULL, 0}};

static int parse_number(const char *cmd, const char *opt, const char *v, double lo, double hi,
                        double *out) {
  char *end;
  double d = 0;
  errno = 0;
  d = strtod(v, &end);
  if (errno || end == v || *end || d < lo || d > hi)
    return tool_usage_error(cmd, "--%s: '%s' is not a number from %g to %g", opt, v, lo, hi);
  *out = d;
  return 0;
}

static int valid_date(const char *s) {
  int y, m, d;
  char tail;
  return sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && strlen(s) == 10 && m >= 1 &&
         m <= 12 && d >= 1 && d <= 31;
}

int tool_check_output(const char *cmd, const char *path, const char *format_name, int *format) {
  char *dir, *slash;
  struct stat st;
  int f;
  if (format_name) {
    f = bc_format_parse(format_name);
    if (f < 0)
      return tool_usage_error(cmd, "--format: unknown format '%s' (wav, flac, ogg, opus, mp3, raw)",
                              format_name);
  } else if (!strcmp(path, "-")) {
    f = BC_FORMAT_WAV;
  } else {
    f = bc_format_from_path(path);
    if (f < 0) {
      const char *dot = strrchr(path, '.');
      if (dot && !strchr(dot, '/'))
        tool_error("%s: unknown output extension '%s' (use .wav, .flac, .ogg, .opus or .mp3, "
                   "or --format)", path, dot);
      else
        tool_error("%s: no extension to choose the audio format from (use --format)", path);
      return EXIT_USAGE;
    }
  }
  if (f == BC_FORMAT_RAW && strcmp(path, "-") != 0)
    return tool_usage_error(cmd, "raw PCM is only written to standard output (-o -)");
  *format = f;
  if (!strcmp(path, "-")) return 0;
  /* Fail before any work when the output cannot be written at all. */
  dir = strdup(path);
  slash = dir ? strrchr(dir, '/') : NULL;
  if (slash) *slash = '\0';
  if (dir && stat(slash ? (*dir ? dir : "/") : ".", &st) != 0) {
    tool_error("%s: output folder '%s' does not exist", path, slash ? dir : ".");
    free(dir);
    return EXIT_FAIL;
  }
  if (dir && (!S_ISDIR(st.st_mode) || access(slash ? (*dir ? dir : "/") : ".", W_OK | X_OK) != 0)) {
    tool_error("%s: output folder '%s' is not a writable folder", path, slash ? dir : ".");
    free(dir);
    return EXIT_FAIL;
  }
  free(dir);
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    tool_error("%s: is a folder, not a file name", path);
    return EXIT_FAIL;
  }
  return 0;
}

int tool_render_script(const bc_script *script, const bc_voiceset *voices,
                       bc_render_options *ro) {
  bc_render_result res = {0};
  bc_diag diag = {{0}};
  bc_rc rc;
  ro->on_progress = tool_progress;
  ro->cancel = &tool_interrupted;
  tool_install_signals();
  rc = bc_render(script, voices, ro, &res, &diag);
  tool_progress_done();
  if (rc) {
    tool_error("%s: %s", ro->output, diag.msg[0] ? diag.msg : bc_strerror(rc));
    return EXIT_FAIL;
  }
  if (!tool_quiet && strcmp(ro->output, "-") != 0)
    fprintf(stderr, "briefcast: wrote %s (%.1f s)\n", ro->output, res.seconds);
  bc_render_result_clear(&res);
  return EXIT_OK;
}

/* --podcast DIR: the episode, its chapters, transcripts and the feed. */
static int tool_publish_episode(const bc_script *script, const bc_voiceset *voices,
                                bc_render_options *ro, const bc_podcast_options *po) {
  bc_podcast_result res;
  bc_diag diag = {{0}};
  bc_rc rc;
  ro->on_progress = tool_progress;
  ro->cancel = &tool_interrupted;
  tool_install_signals();
  rc = bc_podcast_publish(script, voices, ro, po, &res, &diag);
  tool_progress_done();
  if (rc) {
    tool_error("%s: %s", po->dir, diag.msg[0] ? diag.msg : bc_strerror(rc));
    return EXIT_FAIL;
  }
  if (!tool_quiet)
    fprintf(stderr, "briefcast: wrote %s (%.1f s, %.1f LUFS) and %s (%zu episodes)\n",
            res.audio_path, res.render.seconds, res.render.loudness, res.feed_path,
            res.n_episodes);
  bc_podcast_result_clear(&res);
  return EXIT_OK;
}

static const char speak_help[] =
    "Usage: briefcast speak SCRIPT -o OUTPUT [OPTIONS]\n"
    "Speak a script written by 'briefcast script' (or by hand; '-' reads stdin).\n\n"
    "  -o, --output FILE     audio file to write (.wav .flac .ogg .opus .mp3), '-' for stdout\n"
    "  -f, --format NAME     wav, flac, ogg, opus, mp3, raw; default: by extension\n"
    "      --podcast DIR     publish as an episode into DIR instead of -o (see brief)\n"
    "      --preset, --sample-rate, --bitrate, --quality, --intro-audio, --outro-audio,\n"
    "      --author, --podcast-name, --base-url, --keep: as for 'briefcast brief'\n"
    "      --voices DIR      voice profiles folder\n"
    "      --rate WPM        narrator's speed in words per minute\n"
    "      --speech-jobs N   stories spoken in parallel worker processes (default: cores)\n"
    "  -q, --quiet           no progress messages\n"
    "  -h, --help            show this help\n"
    "Example: briefcast script examples/*.txt > brief.txt; $EDITOR brief.txt;\n"
    "         briefcast speak brief.txt -o brief.ogg\n";

int tool_run(int argc, char **argv, int mode) {
  int want_audio = mode != TOOL_SCRIPT;
  const char *cmd = argv[0];
  tool_story_opts so = {0};
  bc_render_options ro;
  const char *output = NULL, *format_name = NULL;
  bc_script *script = NULL;
  bc_voiceset *voices = NULL;
  int c, status, format = -1, rc, preset_format = -1;
  double d = 0;
  bc_podcast_options po;

  memset(&ro, 0, sizeof ro);
  memset(&po, 0, sizeof po);
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:f:qh", long_opts, NULL)) != -1) {
    switch (c) {
    case 'o': output = optarg; break;
    case 'f': format_name = optarg; break;
    case 'q': tool_quiet = 1; break;
    case 'h':
      fputs(mode == TOOL_BRIEF ? brief_help : mode == TOOL_SPEAK ? speak_help : script_help,
            stdout);
      return tool_finish_stdout();
    case OPT_VOICES: so.voices_dir = optarg; break;
    case OPT_RATE:
      if ((rc = parse_number(cmd, "rate", optarg, 80, 450, &so.wpm))) return rc;
      break;
    case OPT_STORY_SECONDS:
      if ((rc = parse_number(cmd, "story-seconds", optarg, 5, 3600, &so.story_seconds))) return rc;
      break;
    case OPT_MAX_MINUTES:
      if ((rc = parse_number(cmd, "max-minutes", optarg, 0, 1440, &so.max_minutes))) return rc;
      break;
    case OPT_MAX_QUOTES:
      if ((rc = parse_number(cmd, "max-quotes", optarg, 0, 50, &d))) return rc;
      so.max_quotes = d == 0 ? -1 : (int)d;
      break;
    case OPT_JOBS:
      if ((rc = parse_number(cmd, "jobs", optarg, 1, 64, &d))) return rc;
      so.jobs = (int)d;
      break;
    case OPT_LANG: so.lang = optarg; break;
    case OPT_DATE:
      if (!valid_date(optarg))
        return tool_usage_error(cmd, "--date: '%s' is not a date like 2026-11-27", optarg);
      so.date = optarg;
      break;
    case OPT_TITLE: so.title = optarg; break;
    case OPT_STATE: so.state = optarg; break;
    case OPT_OPML: so.opml = optarg; break;
    case OPT_SPEECH_JOBS:
      if ((rc = parse_number(cmd, "speech-jobs", optarg, 1, 64, &d))) return rc;
      ro.jobs = (int)d;
      break;
    case OPT_TIMEOUT:
      if ((rc = parse_number(cmd, "timeout", optarg, 1, 3600, &d))) return rc;
      so.timeout = (int)d;
      break;
    case OPT_AUTHOR: ro.author = optarg; break;
    case OPT_PODCAST_NAME: ro.podcast_name = optarg; break;
    case OPT_PODCAST: po.dir = optarg; break;
    case OPT_BASE_URL: po.base_url = optarg; break;
    case OPT_PRESET:
      if (bc_master_preset(optarg, &ro.master, &preset_format))
        return tool_usage_error(cmd, "--preset: unknown preset '%s' (podcast, broadcast, alexa)",
                                optarg);
      break;
    case OPT_SAMPLE_RATE:
      if ((rc = parse_number(cmd, "sample-rate", optarg, 8000, 192000, &d))) return rc;
      ro.sample_rate = (unsigned)d;
      break;
    case OPT_BITRATE:
      if ((rc = parse_number(cmd, "bitrate", optarg, 8, 320, &d))) return rc;
      ro.encode.bitrate_kbps = (int)d;
      break;
    case OPT_QUALITY:
      if ((rc = parse_number(cmd, "quality", optarg, 0.01, 1, &ro.encode.quality))) return rc;
      break;
    case OPT_INTRO_AUDIO: ro.master.intro_audio = optarg; break;
    case OPT_OUTRO_AUDIO: ro.master.outro_audio = optarg; break;
    case OPT_KEEP:
      if ((rc = parse_number(cmd, "keep", optarg, 1, 10000, &d))) return rc;
      po.keep = (size_t)d;
      break;
    default: return tool_usage_error(cmd, "bad option");
    }
  }
  if (mode == TOOL_SPEAK && optind != argc - 1)
    return tool_usage_error(cmd, "give exactly one script file");
  if (optind >= argc && !so.opml) return tool_usage_error(cmd, "no articles given");
  if (want_audio && po.dir) {
    if (output) return tool_usage_error(cmd, "--podcast DIR and -o FILE: give one of them");
    format = format_name ? bc_format_parse(format_name) : preset_format;
    if (format_name && (format < 0 || format == BC_FORMAT_RAW))
      return tool_usage_error(cmd, "--format: '%s' is not an episode format (mp3, ogg, opus, "
                              "flac, wav)", format_name);
  } else if (want_audio) {
    if (!output) return tool_usage_error(cmd, "no output file given (-o FILE)");
    if (preset_format >= 0 && !format_name && bc_format_from_path(output) < 0 &&
        strcmp(output, "-") != 0)
      format_name = bc_format_name((bc_format)preset_format);
    if ((rc = tool_check_output(cmd, output, format_name, &format))) return rc;
  }
  if (mode == TOOL_SPEAK)
    status = tool_load_script(argv[optind], so.voices_dir, &script, &voices);
  else
    status = tool_make_script((const char *const *)argv + optind, (size_t)(argc - optind), &so,
                              &script, &voices);
  if (status == EXIT_FAIL) return status;
  if (want_audio && po.dir) {
    ro.format = format;
    ro.speak.words_per_minute = (int)so.wpm;
    po.state_path = so.state;
    rc = tool_publish_episode(script, voices, &ro, &po);
    if (rc) status = rc;
  } else if (want_audio) {
    ro.output = output;
    ro.format = format;
    ro.speak.words_per_minute = (int)so.wpm;
    rc = tool_render_script(script, voices, &ro);
    if (rc) status = rc;
  } else {
    char *text = NULL;
    bc_script_format(script, &text);
    if (output && strcmp(output, "-") != 0) {
      if (tool_write_file(output, text, strlen(text))) {
        tool_error("%s: cannot write the script: %s", output, strerror(errno));
        status = EXIT_FAIL;
      }
    } else {
      fputs(text, stdout);
      if (tool_finish_stdout()) status = EXIT_FAIL;
    }
    bc_free(text);
  }
  bc_script_free(script);
  bc_voiceset_free(voices);
  return status;
}

int cmd_brief(int argc, char **argv) { return tool_run(argc, argv, TOOL_BRIEF); }
int cmd_script(int argc, char **argv) { return tool_run(argc, argv, TOOL_SCRIPT); }
