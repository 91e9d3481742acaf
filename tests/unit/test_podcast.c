/* podcast: publishing episodes into a folder gives a feed a podcast app
 * accepts (parsed back with libxml2: every tag Apple Podcasts requires, the
 * enclosure matching the file, transcripts and chapters linked), JSON
 * chapters in the Podcasting 2.0 format, transcripts, the last N episodes
 * only, and a guid that stays the same when an episode is made again. */
#define _GNU_SOURCE /* strptime */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <math.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "briefcast/podcast.h"
#include "briefcast/script.h"
#include "briefcast/voice.h"
#include "util.h"

static char tmpdir[256], poddir[300], statepath[300];
static bc_voiceset *voices;

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/bc-test-podcast-XXXXXX");
  if (!mkdtemp(tmpdir)) return -1;
  snprintf(poddir, sizeof poddir, "%s/pod", tmpdir);
  snprintf(statepath, sizeof statepath, "%s/state.db", tmpdir);
  return bc_voiceset_load(BC_SOURCE_DIR "/voices", &voices, NULL) == BC_OK ? 0 : -1;
}

static int teardown(void **state) {
  char cmd[300];
  (void)state;
  bc_voiceset_free(voices);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd);
}

static bc_script *episode_script(const char *title, const char *date) {
  bc_script *s = bc_script_new(title, date, "en");
  size_t i;
  bc_script_add(s, BC_ROLE_INTRO, "Good morning.", NULL, 0, 300, 0);
  bc_script_add(s, BC_ROLE_HEADLINE, "Harbor bridge reopens & traffic eases", NULL, 0, 400, 1);
  bc_script_add(s, BC_ROLE_NARRATOR, "The harbor bridge reopened on Tuesday.", NULL, 0, 300, 1);
  bc_script_add(s, BC_ROLE_HEADLINE, "Rail strike ends", NULL, 0, 400, 2);
  bc_script_add(s, BC_ROLE_NARRATOR, "Train drivers returned to work.", NULL, 0, 300, 2);
  bc_script_add(s, BC_ROLE_OUTRO, "Goodbye.", NULL, 0, 0, 0);
  for (i = 0; i < s->n_segments; i++)
    if (s->segments[i].role == BC_ROLE_HEADLINE) {
      s->segments[i].story_title = strdup(s->segments[i].text);
      s->segments[i].story_url =
          strdup(s->segments[i].story == 1 ? "https://news.example/bridge?a=1&b=2"
                                           : "https://news.example/rail");
    }
  assert_int_equal(bc_voiceset_assign(voices, s), BC_OK);
  return s;
}

static int keep_same_day;

static void publish(const char *title, const char *date, size_t keep, bc_podcast_result *res) {
  bc_script *s = episode_script(title, date);
  bc_render_options ro;
  bc_podcast_options po;
  bc_diag diag = {{0}};
  memset(&ro, 0, sizeof ro);
  memset(&po, 0, sizeof po);
  ro.format = -1;
  ro.author = "Jane Host";
  po.dir = poddir;
  po.base_url = "https://pod.example.com/daily/";
  po.title = "The Daily Brief";
  po.keep = keep;
  po.state_path = statepath;
  po.owner_email = "host@example.com";
  po.keep_same_day = keep_same_day;
  assert_int_equal(bc_podcast_publish(s, voices, &ro, &po, res, &diag), BC_OK);
  bc_script_free(s);
}

static xmlXPathContextPtr feed_xpath(xmlDocPtr *doc) {
  char path[400];
  xmlXPathContextPtr x;
  snprintf(path, sizeof path, "%s/feed.xml", poddir);
  *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
  assert_non_null(*doc);
  x = xmlXPathNewContext(*doc);
  xmlXPathRegisterNs(x, BAD_CAST "itunes", BAD_CAST "http://www.itunes.com/dtds/podcast-1.0.dtd");
  xmlXPathRegisterNs(x, BAD_CAST "podcast", BAD_CAST "https://podcastindex.org/namespace/1.0");
  return x;
}

static int count(xmlXPathContextPtr x, const char *expr) {
  xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, x);
  int n;
  assert_non_null(o);
  n = o->nodesetval ? o->nodesetval->nodeNr : 0;
  xmlXPathFreeObject(o);
  return n;
}

/* The string value of an XPath expression; free with xmlFree. */
static char *str(xmlXPathContextPtr x, const char *expr) {
  xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, x);
  char *s;
  assert_non_null(o);
  s = (char *)xmlXPathCastToString(o);
  xmlXPathFreeObject(o);
  return s;
}

static void assert_str(xmlXPathContextPtr x, const char *expr, const char *want) {
  char *s = str(x, expr);
  if (strcmp(s, want)) fail_msg("%s: '%s', want '%s'", expr, s, want);
  xmlFree(s);
}

static void test_feed_has_required_tags(void **state) {
  bc_podcast_result res;
  xmlDocPtr doc;
  xmlXPathContextPtr x;
  struct stat st;
  char *s, want[64];
  struct tm tm;
  (void)state;
  publish("Morning briefing", "2026-11-26", 5, &res);
  assert_int_equal(res.n_episodes, 1);
  assert_string_equal(res.guid, "briefcast-2026-11-26-morning-briefing");
  x = feed_xpath(&doc);
  assert_str(x, "/rss/@version", "2.0");
  /* channel: Apple Podcasts' required tags */
  assert_str(x, "/rss/channel/title", "The Daily Brief");
  assert_int_equal(count(x, "/rss/channel/description[string-length(.) > 0]"), 1);
  assert_str(x, "/rss/channel/language", "en");
  assert_str(x, "/rss/channel/itunes:image/@href", "https://pod.example.com/daily/cover.png");
  assert_str(x, "/rss/channel/itunes:category/@text", "News");
  assert_str(x, "/rss/channel/itunes:category/itunes:category/@text", "Daily News");
  assert_str(x, "/rss/channel/itunes:explicit", "false");
  assert_str(x, "/rss/channel/itunes:author", "Jane Host");
  assert_str(x, "/rss/channel/itunes:owner/itunes:email", "host@example.com");
  assert_str(x, "/rss/channel/link", "https://pod.example.com/daily/");
  /* the cover it points to exists and is a PNG */
  {
    char path[400], *data = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/cover.png", poddir);
    assert_int_equal(util_read_file(path, 0, &data, &len), BC_OK);
    assert_memory_equal(data, "\x89PNG", 4);
    assert_memory_equal(data + 16, "\x00\x00\x05\x78\x00\x00\x05\x78", 8); /* 1400 x 1400 */
    assert_int_equal(data[25], 2);                                           /* RGB */
    free(data);
  }
  /* the item */
  assert_int_equal(count(x, "/rss/channel/item"), 1);
  assert_str(x, "/rss/channel/item/title", "Morning briefing");
  assert_str(x, "/rss/channel/item/guid", res.guid);
  assert_str(x, "/rss/channel/item/guid/@isPermaLink", "false");
  assert_str(x, "/rss/channel/item/enclosure/@url",
             "https://pod.example.com/daily/2026-11-26-morning-briefing.mp3");
  assert_str(x, "/rss/channel/item/enclosure/@type", "audio/mpeg");
  assert_int_equal(stat(res.audio_path, &st), 0);
  snprintf(want, sizeof want, "%lld", (long long)st.st_size);
  assert_str(x, "/rss/channel/item/enclosure/@length", want);
  /* pubDate: RFC 2822 */
  s = str(x, "/rss/channel/item/pubDate");
  memset(&tm, 0, sizeof tm);
  assert_non_null(strptime(s, "%a, %d %b %Y %H:%M:%S +0000", &tm));
  xmlFree(s);
  /* duration as HH:MM:SS, matching the audio */
  s = str(x, "/rss/channel/item/itunes:duration");
  {
    int h, m, sec;
    assert_int_equal(sscanf(s, "%d:%d:%d", &h, &m, &sec), 3);
    assert_true(fabs(h * 3600 + m * 60 + sec - res.render.seconds) <= 1.0);
  }
  xmlFree(s);
  /* show notes list the stories with links to their sources */
  s = str(x, "/rss/channel/item/description");
  assert_non_null(strstr(s, "<a href=\"https://news.example/bridge?a=1&amp;b=2\">"
                            "Harbor bridge reopens &amp; traffic eases</a>"));
  assert_non_null(strstr(s, "https://news.example/rail"));
  xmlFree(s);
  assert_str(x, "/rss/channel/item/podcast:transcript[@type='text/vtt']/@url",
             "https://pod.example.com/daily/2026-11-26-morning-briefing.vtt");
  assert_str(x, "/rss/channel/item/podcast:transcript[@type='application/srt']/@url",
             "https://pod.example.com/daily/2026-11-26-morning-briefing.srt");
  assert_str(x, "/rss/channel/item/podcast:chapters/@url",
             "https://pod.example.com/daily/2026-11-26-morning-briefing.chapters.json");
  assert_str(x, "/rss/channel/item/podcast:chapters/@type", "application/json+chapters");
  xmlXPathFreeContext(x);
  xmlFreeDoc(doc);
  bc_podcast_result_clear(&res);
}

static void test_chapters_json_and_transcripts(void **state) {
  char path[400], *data = NULL;
  size_t len = 0, i;
  json_t *root, *chs;
  json_error_t err;
  double prev = -1;
  (void)state;
  snprintf(path, sizeof path, "%s/2026-11-26-morning-briefing.chapters.json", poddir);
  root = json_load_file(path, 0, &err);
  assert_non_null(root);
  assert_string_equal(json_string_value(json_object_get(root, "version")), "1.2.0");
  chs = json_object_get(root, "chapters");
  assert_true(json_array_size(chs) >= 2);
  for (i = 0; i < json_array_size(chs); i++) {
    json_t *c = json_array_get(chs, i);
    double t = json_number_value(json_object_get(c, "startTime"));
    assert_true(t > prev);
    assert_non_null(json_string_value(json_object_get(c, "title")));
    prev = t;
  }
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(chs, json_array_size(chs) - 1), "url")),
      "https://news.example/rail");
  json_decref(root);

  snprintf(path, sizeof path, "%s/2026-11-26-morning-briefing.vtt", poddir);
  assert_int_equal(util_read_file(path, 0, &data, &len), BC_OK);
  assert_memory_equal(data, "WEBVTT", 6);
  assert_non_null(strstr(data, "harbor bridge reopened"));
  free(data);
  snprintf(path, sizeof path, "%s/2026-11-26-morning-briefing.srt", poddir);
  assert_int_equal(util_read_file(path, 0, &data, &len), BC_OK);
  {
    const char *p = data;
    while (*p == '\n') p++; /* tolerated: a blank line before the first cue */
    assert_memory_equal(p, "1\n00:00:00,", 11);
  }
  free(data);
}

static int exists(const char *name) {
  char path[400];
  snprintf(path, sizeof path, "%s/%s", poddir, name);
  return access(path, F_OK) == 0;
}

static void test_keeps_last_n_and_stable_guid(void **state) {
  bc_podcast_result res;
  xmlDocPtr doc;
  xmlXPathContextPtr x;
  (void)state;
  /* the same episode again: replaced, not added */
  publish("Morning briefing", "2026-11-26", 2, &res);
  assert_string_equal(res.guid, "briefcast-2026-11-26-morning-briefing");
  assert_int_equal(res.n_episodes, 1);
  bc_podcast_result_clear(&res);
  publish("Evening briefing", "2026-11-26", 2, &res);
  assert_int_equal(res.n_episodes, 2);
  bc_podcast_result_clear(&res);
  publish("Morning briefing", "2026-11-27", 2, &res);
  assert_int_equal(res.n_episodes, 2);
  bc_podcast_result_clear(&res);

  x = feed_xpath(&doc);
  assert_int_equal(count(x, "/rss/channel/item"), 2);
  /* newest first */
  assert_str(x, "/rss/channel/item[1]/guid", "briefcast-2026-11-27-morning-briefing");
  assert_str(x, "/rss/channel/item[2]/guid", "briefcast-2026-11-26-evening-briefing");
  xmlXPathFreeContext(x);
  xmlFreeDoc(doc);
  /* the oldest episode's files are gone, the kept ones are there */
  assert_false(exists("2026-11-26-morning-briefing.mp3"));
  assert_false(exists("2026-11-26-morning-briefing.vtt"));
  assert_false(exists("2026-11-26-morning-briefing.srt"));
  assert_false(exists("2026-11-26-morning-briefing.chapters.json"));
  assert_true(exists("2026-11-26-evening-briefing.mp3"));
  assert_true(exists("2026-11-27-morning-briefing.mp3"));
  assert_true(exists("2026-11-27-morning-briefing.chapters.json"));
}

/* Daily runs: a second episode on one day has other stories and must not
 * replace the first. */
static void test_second_daily_run_adds_an_episode(void **state) {
  bc_podcast_result res;
  (void)state;
  keep_same_day = 1;
  publish("Noon briefing", "2026-11-28", 5, &res);
  bc_podcast_result_clear(&res);
  publish("Noon briefing", "2026-11-28", 5, &res);
  keep_same_day = 0;
  assert_string_equal(res.guid, "briefcast-2026-11-28-noon-briefing-2");
  bc_podcast_result_clear(&res);
  assert_true(exists("2026-11-28-noon-briefing.mp3"));
  assert_true(exists("2026-11-28-noon-briefing-2.mp3"));
}

/* A crash can leave a temporary file behind; the next run removes it, but
 * not the file of a run still going. */
static void test_stale_temporaries_removed(void **state) {
  char dead[400], live[400];
  bc_podcast_result res;
  pid_t pid = fork();
  (void)state;
  if (pid == 0) _exit(0);
  assert_true(pid > 0);
  waitpid(pid, NULL, 0);
  snprintf(dead, sizeof dead, "%s/.feed.xml.tmp-%ld-3", poddir, (long)pid);
  snprintf(live, sizeof live, "%s/.feed.xml.tmp-%ld-4", poddir, (long)getpid());
  assert_int_equal(util_write_file_atomic(dead, "<rss", 4), BC_OK);
  assert_int_equal(util_write_file_atomic(live, "<rss", 4), BC_OK);
  publish("Morning briefing", "2026-11-27", 2, &res);
  bc_podcast_result_clear(&res);
  assert_int_equal(access(dead, F_OK), -1);
  assert_int_equal(access(live, F_OK), 0);
  unlink(live);
}

/* No temporary files are left in the folder after any of this. */
static void test_no_temporary_files(void **state) {
  DIR *d = opendir(poddir);
  struct dirent *e;
  (void)state;
  assert_non_null(d);
  while ((e = readdir(d))) assert_null(strstr(e->d_name, ".tmp"));
  closedir(d);
}

static void test_rfc2822(void **state) {
  char out[32];
  (void)state;
  assert_int_equal(bc_rfc2822_date("2026-11-27T15:10:05Z", out), BC_OK);
  assert_string_equal(out, "Fri, 27 Nov 2026 15:10:05 +0000");
  assert_int_equal(bc_rfc2822_date("2024-02-29", out), BC_OK);
  assert_string_equal(out, "Thu, 29 Feb 2024 00:00:00 +0000");
  assert_int_equal(bc_rfc2822_date("yesterday", out), BC_ERR_PARSE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rfc2822),
      cmocka_unit_test(test_feed_has_required_tags),
      cmocka_unit_test(test_chapters_json_and_transcripts),
      cmocka_unit_test(test_keeps_last_n_and_stable_guid),
      cmocka_unit_test(test_stale_temporaries_removed),
      cmocka_unit_test(test_second_daily_run_adds_an_episode),
      cmocka_unit_test(test_no_temporary_files),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
