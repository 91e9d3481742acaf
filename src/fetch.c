/* Fetching: download many URLs at once with libcurl's multi interface.
 *
 * In: a list of URLs and limits.  Out: one bc_response per URL (body, final
 * URL, Content-Type, or the reason it failed).  This is the only file that
 * includes curl/curl.h.
 *
 * One multi handle drives every transfer from the calling thread, so no
 * locking is needed and the state database is only touched here between
 * transfers.  At most `jobs` transfers run at once; the multi handle's
 * connection cache gives keep-alive across them, and HTTP/2 multiplexing is
 * used where a server offers it.  A transfer that fails in a way worth
 * retrying (429, 5xx, timeout, dropped connection) goes back in the queue
 * with a "not before" time: exponential backoff from 0.5 s, or the server's
 * Retry-After (RFC 9110 section 10.2.3) when that is longer.  The size limit
 * is checked in the write callback, which sees the decompressed bytes, so it
 * holds for compressed bodies too. */
#include "briefcast/fetch.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

#define FETCH_MAX_REDIRECTS 10L
#define FETCH_BACKOFF_BASE 0.5

#ifndef BC_VERSION
#define BC_VERSION "0"
#endif
/* Servers see who is asking.  A build that has a public page for the project
 * can name it with -DBC_HOMEPAGE="https://..."; we have none to name yet. */
#ifdef BC_HOMEPAGE
#define FETCH_USER_AGENT "briefcast/" BC_VERSION " (+" BC_HOMEPAGE ")"
#else
#define FETCH_USER_AGENT "briefcast/" BC_VERSION
#endif

enum { T_QUEUED, T_ACTIVE, T_DONE };

typedef struct transfer {
  const char *url;
  bc_response *resp;
  CURL *easy;
  struct curl_slist *headers;
  char *body;
  size_t len, cap;
  size_t limit;                 /* largest body accepted */
  int too_large;
  char *etag, *last_modified;
  long retry_after;             /* seconds, -1 when the server gave none */
  bc_http_cache cache;
  int have_cache;
  int state;
  int timeouts;                 /* attempts that timed out */
  double not_before;            /* monotonic seconds */
  char errbuf[CURL_ERROR_SIZE];
} transfer;

typedef struct fetch_run {
  CURLM *multi;
  transfer *t;
  size_t n;
  long long max_bytes;
  int timeout, connect_timeout, retries, max_retry_wait, jobs;
  const bc_fetch_options *opts;
  const char *user_agent;
} fetch_run;

struct bc_fetcher {
  CURLM *multi;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void init_curl(void) { curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT); }

const char *bc_fetch_user_agent(void) { return FETCH_USER_AGENT; }

static CURLM *new_multi(int jobs) {
  CURLM *m = curl_multi_init();
  if (!m) return NULL;
  curl_multi_setopt(m, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
  /* Idle connections kept for reuse: enough for every job, and some hosts more. */
  curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, (long)(jobs > 16 ? jobs * 2 : 32));
  return m;
}

bc_fetcher *bc_fetcher_new(void) {
  bc_fetcher *f;
  pthread_once(&curl_once, init_curl);
  if (curl_init_rc != CURLE_OK) return NULL;
  f = xcalloc(1, sizeof *f);
  f->multi = new_multi(BC_FETCH_DEFAULT_JOBS);
  if (!f->multi) {
    free(f);
    return NULL;
  }
  return f;
}

void bc_fetcher_free(bc_fetcher *f) {
  if (!f) return;
  curl_multi_cleanup(f->multi);
  free(f);
}

static double now_mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *user) {
  transfer *t = user;
  size_t n = size * nmemb;
  /* This sees decompressed bytes, so the limit also stops a gzip bomb. */
  if (t->len + n > t->limit) {
    t->too_large = 1;
    return 0; /* CURLE_WRITE_ERROR: stop the transfer now */
  }
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 16384;
    while (cap < t->len + n + 1) cap *= 2;
    t->body = xrealloc(t->body, cap);
    t->cap = cap;
  }
  memcpy(t->body + t->len, data, n);
  t->len += n;
  t->body[t->len] = '\0';
  return n;
}

/* Header value after "Name:", trimmed, or NULL when the line is another header. */
static char *header_value(const char *line, size_t n, const char *name) {
  size_t k = strlen(name);
  if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':') return NULL;
  const char *v = line + k + 1, *end = line + n;
  while (v < end && (*v == ' ' || *v == '\t')) v++;
  while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ')) end--;
  return xstrndup(v, (size_t)(end - v));
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *user) {
  transfer *t = user;
  size_t n = size * nmemb;
  char *v;
  if (n >= 5 && memcmp(data, "HTTP/", 5) == 0) {
    /* A new response (after a redirect or a 100 Continue): forget the last one's headers. */
    free(t->etag);
    free(t->last_modified);
    t->etag = t->last_modified = NULL;
    t->retry_after = -1;
    return n;
  }
  if ((v = header_value(data, n, "ETag"))) {
    free(t->etag);
    t->etag = v;
  } else if ((v = header_value(data, n, "Last-Modified"))) {
    free(t->last_modified);
    t->last_modified = v;
  } else if ((v = header_value(data, n, "Retry-After"))) {
    char *end;
    long secs = strtol(v, &end, 10);
    if (end != v && *end == '\0' && secs >= 0) {
      t->retry_after = secs;
    } else {
      time_t when = curl_getdate(v, NULL);
      time_t now = time(NULL);
      if (when != -1) t->retry_after = when > now ? (long)(when - now) : 0;
    }
    free(v);
  }
  return n;
}

static void set_protocols(CURL *e) {
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
}

static void start(fetch_run *run, transfer *t) {
  CURL *e = curl_easy_init();
  t->easy = e;
  t->len = 0;
  t->too_large = 0;
  t->retry_after = -1;
  t->errbuf[0] = '\0';
  t->resp->attempts++;
  t->limit = (size_t)run->max_bytes;

  curl_easy_setopt(e, CURLOPT_URL, t->url);
  curl_easy_setopt(e, CURLOPT_PRIVATE, t);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(e, CURLOPT_USERAGENT, run->user_agent);
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(e, CURLOPT_MAXREDIRS, FETCH_MAX_REDIRECTS);
  set_protocols(e);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding this libcurl decodes */
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)run->connect_timeout);
  curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)run->timeout);
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)run->max_bytes);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);

  if (t->headers) {
    curl_slist_free_all(t->headers);
    t->headers = NULL;
  }
  /* Pages and feeds first; some servers answer a bare client with an error. */
  t->headers = curl_slist_append(t->headers,
                                 "Accept: text/html,application/xhtml+xml,application/rss+xml,"
                                 "application/atom+xml,application/feed+json,application/xml;q=0.9,"
                                 "text/*;q=0.8,*/*;q=0.5");
  if (run->opts && run->opts->state && !t->have_cache &&
      bc_state_cache_get(run->opts->state, t->url, &t->cache) == BC_OK)
    t->have_cache = 1;
  if (t->have_cache) {
    char *h;
    if (t->cache.etag) {
      h = xasprintf("If-None-Match: %s", t->cache.etag);
      t->headers = curl_slist_append(t->headers, h);
      free(h);
    }
    if (t->cache.last_modified) {
      h = xasprintf("If-Modified-Since: %s", t->cache.last_modified);
      t->headers = curl_slist_append(t->headers, h);
      free(h);
    }
  }
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  curl_multi_add_handle(run->multi, e);
  t->state = T_ACTIVE;
}

static void fail(transfer *t, bc_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(transfer *t, bc_rc rc, const char *fmt, ...) {
  bc_response *r = t->resp;
  va_list ap;
  char line[1024];
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  r->rc = rc;
  free(r->error);
  r->error = xstrdup(line);
  free(r->body);
  r->body = NULL;
  r->len = 0;
}

/* When to retry after this attempt, or a negative number for "do not retry". */
static double retry_delay(fetch_run *run, transfer *t) {
  int done = t->resp->attempts;
  if (done > run->retries) return -1;
  double d = FETCH_BACKOFF_BASE * (double)(1 << (done - 1 < 10 ? done - 1 : 10));
  if (t->retry_after >= 0) {
    if (t->retry_after > run->max_retry_wait) return -1;
    if ((double)t->retry_after > d) d = (double)t->retry_after;
  }
  return d;
}

/* A transfer ended: fill its response, or put it back in the queue for a retry. */
static int finish(fetch_run *run, transfer *t, CURLcode res) {
  bc_response *r = t->resp;
  long status = 0;
  char *ct = NULL, *eff = NULL;
  long redirects = 0;
  int retry = 0;

  curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
  curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
  curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_COUNT, &redirects);
  r->status = status;
  r->rc = BC_OK;
  free(r->final_url);
  r->final_url = xstrdup(eff ? eff : t->url);
  free(r->content_type);
  r->content_type = xstrdup(ct);

  if (res == CURLE_OK) {
    if (status == 304 && t->have_cache) {
      r->not_modified = 1;
      free(t->body);
      t->body = t->cache.body;
      t->len = t->cache.len;
      t->cache.body = NULL;
      free(r->content_type);
      r->content_type = xstrdup(t->cache.content_type);
      if (t->cache.final_url) {
        free(r->final_url);
        r->final_url = xstrdup(t->cache.final_url);
      }
    } else if (status >= 200 && status < 300) {
      if (run->opts && run->opts->state && (t->etag || t->last_modified)) {
        bc_http_cache c = {t->etag, t->last_modified, r->content_type, r->final_url, t->body,
                           t->len};
        /* A cache that cannot be written only costs a full download next time. */
        (void)bc_state_cache_put(run->opts->state, t->url, &c);
      }
    } else {
      fail(t, BC_ERR_HTTP, "HTTP %ld", status);
      retry = status == 429 || (status >= 500 && status < 600);
    }
  } else if (t->too_large || res == CURLE_FILESIZE_EXCEEDED) {
    fail(t, BC_ERR_TOO_LARGE, "body larger than %lld bytes (after decompression)", run->max_bytes);
  } else if (res == CURLE_OPERATION_TIMEDOUT) {
    fail(t, BC_ERR_TIMEOUT, "no complete answer in time: %s", t->errbuf);
    /* A server that hangs once usually hangs again: retry a timeout only once. */
    retry = ++t->timeouts <= 1;
  } else if (res == CURLE_UNSUPPORTED_PROTOCOL) {
    fail(t, BC_ERR_UNSUPPORTED, "%s",
         redirects > 0 ? "redirected to a scheme other than http/https"
                       : "only http and https URLs can be fetched");
  } else if (res == CURLE_TOO_MANY_REDIRECTS) {
    fail(t, BC_ERR_FETCH, "more than %ld redirects (a redirect loop?)", FETCH_MAX_REDIRECTS);
  } else if (res == CURLE_RECV_ERROR || res == CURLE_SEND_ERROR || res == CURLE_GOT_NOTHING ||
             res == CURLE_PARTIAL_FILE) {
    fail(t, BC_ERR_FETCH, "connection dropped: %s",
         t->errbuf[0] ? t->errbuf : curl_easy_strerror(res));
    retry = 1;
  } else if (res == CURLE_BAD_CONTENT_ENCODING) {
    fail(t, BC_ERR_FETCH, "damaged compressed body: %s", t->errbuf);
  } else {
    fail(t, BC_ERR_FETCH, "%s", t->errbuf[0] ? t->errbuf : curl_easy_strerror(res));
  }

  curl_multi_remove_handle(run->multi, t->easy);
  curl_easy_cleanup(t->easy);
  t->easy = NULL;

  if (r->rc == BC_OK) {
    r->body = t->body ? t->body : xstrdup("");
    r->len = t->len;
    t->body = NULL;
    t->cap = t->len = 0;
  } else if (retry) {
    double d = retry_delay(run, t);
    if (d >= 0) {
      t->not_before = now_mono() + d;
      t->state = T_QUEUED;
      return 0;
    }
    if (t->retry_after > run->max_retry_wait) {
      char *e = xasprintf("%s (server asked to retry after %ld s)", r->error, t->retry_after);
      free(r->error);
      r->error = e;
    }
  }
  t->state = T_DONE;
  bc_http_cache_clear(&t->cache);
  t->have_cache = 0;
  return 1;
}

static void run_options(fetch_run *run, const bc_fetch_options *o) {
  run->opts = o;
  run->jobs = o && o->jobs > 0 ? o->jobs : BC_FETCH_DEFAULT_JOBS;
  run->max_bytes = o && o->max_bytes > 0 ? o->max_bytes : BC_FETCH_DEFAULT_MAX_BYTES;
  run->timeout = o && o->timeout_seconds > 0 ? o->timeout_seconds : BC_FETCH_DEFAULT_TIMEOUT;
  run->connect_timeout = o && o->connect_timeout_seconds > 0 ? o->connect_timeout_seconds
                                                             : BC_FETCH_DEFAULT_CONNECT_TIMEOUT;
  if (run->connect_timeout > run->timeout) run->connect_timeout = run->timeout;
  run->retries = !o || o->retries == 0 ? BC_FETCH_DEFAULT_RETRIES : o->retries < 0 ? 0 : o->retries;
  run->max_retry_wait = o && o->max_retry_wait > 0 ? o->max_retry_wait : 30;
  run->user_agent = o && o->user_agent ? o->user_agent : FETCH_USER_AGENT;
}

static int is_http_url(const char *u) {
  return strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0;
}

bc_rc bc_fetch_many(const char *const *urls, size_t n, const bc_fetch_options *opts,
                    bc_response **out) {
  fetch_run run;
  size_t done = 0, active = 0, i;
  bc_response *resp = xcalloc(n ? n : 1, sizeof *resp);

  *out = resp;
  memset(&run, 0, sizeof run);
  run_options(&run, opts);
  pthread_once(&curl_once, init_curl);
  run.multi = curl_init_rc != CURLE_OK ? NULL
              : opts && opts->fetcher ? opts->fetcher->multi : new_multi(run.jobs);
  if (!run.multi) {
    for (i = 0; i < n; i++) {
      resp[i].url = xstrdup(urls[i]);
      resp[i].rc = BC_ERR_FETCH;
      resp[i].error = xstrdup("libcurl could not be initialized");
    }
    return BC_OK;
  }
  run.t = xcalloc(n ? n : 1, sizeof *run.t);
  run.n = n;

  for (i = 0; i < n; i++) {
    transfer *t = &run.t[i];
    t->url = urls[i];
    t->resp = &resp[i];
    resp[i].url = xstrdup(urls[i]);
    t->state = T_QUEUED;
    if (!is_http_url(urls[i])) {
      resp[i].rc = BC_ERR_UNSUPPORTED;
      resp[i].error = xstrdup("only http and https URLs can be fetched");
      t->state = T_DONE;
      done++;
      if (opts && opts->on_progress) opts->on_progress(urls[i], done, n, opts->user);
    }
  }

  while (done < n) {
    double now = now_mono(), next = -1;
    int running = 0, left = 0;
    CURLMsg *msg;

    for (i = 0; i < n && (int)active < run.jobs; i++) {
      transfer *t = &run.t[i];
      if (t->state != T_QUEUED) continue;
      if (t->not_before <= now) {
        start(&run, t);
        active++;
      }
    }
    for (i = 0; i < n; i++)
      if (run.t[i].state == T_QUEUED && (next < 0 || run.t[i].not_before < next))
        next = run.t[i].not_before;

    curl_multi_perform(run.multi, &running);
    while ((msg = curl_multi_info_read(run.multi, &left))) {
      transfer *t = NULL;
      if (msg->msg != CURLMSG_DONE) continue;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
      active--;
      if (finish(&run, t, msg->data.result)) {
        done++;
        if (opts && opts->on_progress) opts->on_progress(t->url, done, n, opts->user);
      }
    }
    if (done >= n) break;
    /* Sleep until there is socket activity, or the next retry is due. */
    int wait_ms = 1000;
    if (next >= 0 && (int)active < run.jobs) {
      double d = (next - now_mono()) * 1000.0;
      wait_ms = d < 0 ? 0 : d > 1000 ? 1000 : (int)d;
    }
    if (running || active) {
      curl_multi_poll(run.multi, NULL, 0, wait_ms, NULL);
    } else if (wait_ms > 0) {
      struct timespec ts = {wait_ms / 1000, (long)(wait_ms % 1000) * 1000000L};
      nanosleep(&ts, NULL);
    }
  }

  for (i = 0; i < n; i++) {
    transfer *t = &run.t[i];
    if (t->easy) {
      curl_multi_remove_handle(run.multi, t->easy);
      curl_easy_cleanup(t->easy);
    }
    curl_slist_free_all(t->headers);
    free(t->body);
    free(t->etag);
    free(t->last_modified);
    bc_http_cache_clear(&t->cache);
  }
  free(run.t);
  if (!(opts && opts->fetcher)) curl_multi_cleanup(run.multi);
  return BC_OK;
}

bc_rc bc_fetch(const char *url, const bc_fetch_options *opts, bc_response *out) {
  bc_response *r = NULL;
  bc_fetch_many(&url, 1, opts, &r);
  *out = r[0];
  free(r);
  return out->rc;
}

void bc_response_clear(bc_response *r) {
  if (!r) return;
  free(r->url);
  free(r->final_url);
  free(r->content_type);
  free(r->body);
  free(r->error);
  memset(r, 0, sizeof *r);
}

void bc_responses_free(bc_response *r, size_t n) {
  if (!r) return;
  for (size_t i = 0; i < n; i++) bc_response_clear(&r[i]);
  free(r);
}
