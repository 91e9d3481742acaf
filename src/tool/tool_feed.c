/* `briefcast feed [--json] FEED`: parse one feed (a file, a file:// URL or
 * an http(s) URL) and print it.  With --json, one JSON object (contract in
 * include/briefcast/feed.h and briefcast(1)); without, a short listing. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/fetch.h"
#include "briefcast/feed.h"
#include "tool.h"

static const char help[] =
    "Usage: briefcast feed [--json] FEED\n"
    "Read an RSS, RSS 1.0, Atom or JSON Feed (file, file:// or http(s) URL) and print\n"
    "its entries.\n\n"
    "  -j, --json          one JSON object: title, link, description, language, updated,\n"
    "                      entries[] (title, link, id, published, updated, summary,\n"
    "                      content, author, categories[], enclosures[])\n"
    "      --timeout SECS  per request (default 30)\n"
    "      --state FILE    state database (HTTP cache)\n"
    "  -h, --help          show this help\n"
    "Exit status: 0 ok, 1 the feed could not be read, 2 usage.\n";

static int is_url(const char *s) {
  return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

/* file:///path (or file://localhost/path) -> /path, percent-decoded. */
static char *file_url_path(const char *s) {
  const char *p = s + 7;
  if (strncasecmp(p, "localhost/", 10) == 0) p += 9;
  if (*p != '/') return NULL;
  char *out = malloc(strlen(p) + 1), *o = out;
  if (!out) return NULL;
  for (; *p; p++) {
    if (*p == '%' && p[1] && p[2]) {
      char hex[3] = {p[1], p[2], 0};
      char *end;
      long v = strtol(hex, &end, 16);
      if (!*end) {
        *o++ = (char)v;
        p += 2;
        continue;
      }
    }
    *o++ = *p;
  }
  *o = '\0';
  return out;
}

int cmd_feed(int argc, char **argv) {
  static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                       {"timeout", required_argument, NULL, 't'},
                                       {"state", required_argument, NULL, 's'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  bc_fetch_options fo = {0};
  bc_response resp = {0};
  bc_state *state = NULL;
  bc_feed *feed = NULL;
  bc_diag diag = {{0}};
  const char *src, *state_path = NULL;
  char *data = NULL, *path = NULL, *end;
  size_t len = 0;
  int c, json = 0, status = EXIT_FAIL;
  bc_rc rc;

  optind = 1;
  while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
    switch (c) {
    case 'j': json = 1; break;
    case 't':
      fo.timeout_seconds = (int)strtol(optarg, &end, 10);
      if (*end || fo.timeout_seconds < 1)
        return tool_usage_error(argv[0], "--timeout: '%s' is not a number of seconds", optarg);
      break;
    case 's': state_path = optarg; break;
    case 'h': fputs(help, stdout); return tool_finish_stdout();
    default: return tool_usage_error(argv[0], "bad option");
    }
  }
  if (optind != argc - 1) return tool_usage_error(argv[0], "give exactly one feed");
  src = argv[optind];

  if (is_url(src)) {
    if (state_path) {
      rc = bc_state_open(state_path, &state, &diag);
      if (rc) {
        tool_error("%s", diag.msg[0] ? diag.msg : bc_strerror(rc));
        return EXIT_FAIL;
      }
      fo.state = state;
    }
    rc = bc_fetch(src, &fo, &resp);
    if (rc) {
      tool_error("%s: %s", src, resp.error ? resp.error : bc_strerror(rc));
      goto out;
    }
    rc = bc_feed_parse(resp.body, resp.len, resp.final_url, resp.content_type, &feed, &diag);
  } else {
    if (strncasecmp(src, "file://", 7) == 0) {
      path = file_url_path(src);
      if (!path) {
        tool_error("%s: only local file:// URLs are supported", src);
        goto out;
      }
    }
    if (tool_read_file(path ? path : src, &data, &len) != 0) {
      tool_error("%s: cannot read: %s", src, strerror(errno));
      goto out;
    }
    rc = bc_feed_parse(data, len, NULL, NULL, &feed, &diag);
  }
  if (rc) {
    tool_error("%s: %s", src, diag.msg[0] ? diag.msg : bc_strerror(rc));
    goto out;
  }
  if (json) {
    char *s = NULL;
    if (bc_feed_to_json(feed, &s) == BC_OK) {
      fputs(s, stdout);
      fputc('\n', stdout);
      bc_free(s);
    }
  } else {
    size_t i;
    printf("%s\n", feed->title ? feed->title : "(untitled feed)");
    for (i = 0; i < feed->n_entries; i++) {
      const bc_feed_entry *e = &feed->entries[i];
      const char *when = e->published ? e->published : e->updated;
      printf("%-20s  %s\n     %s\n", when ? when : "-", e->title ? e->title : "(untitled)",
             e->link ? e->link : "");
    }
  }
  status = tool_finish_stdout() ? EXIT_FAIL : EXIT_OK;
out:
  bc_feed_free(feed);
  bc_response_clear(&resp);
  bc_state_close(state);
  free(data);
  free(path);
  return status;
}
