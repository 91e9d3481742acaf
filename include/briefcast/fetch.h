/* briefcast: fetching, which downloads many URLs at once.
 *
 * Only http and https are fetched (also after redirects, at most 10); every
 * request has a connect timeout and a total timeout; a body larger than the
 * limit is refused, and the limit also applies after decompression, so a
 * gzip bomb stops at the limit.  429, 5xx, timeouts and dropped connections
 * are retried with exponential backoff, honouring Retry-After.  With a state
 * database the ETag / Last-Modified validators are kept per URL and sent
 * back; a 304 Not Modified reuses the cached body.
 *
 * Errors (bc_response.rc):
 *   BC_ERR_TIMEOUT      no answer within the timeout (after the retries)
 *   BC_ERR_FETCH        connection refused or reset, DNS failure, too many
 *                       redirects, malformed response
 *   BC_ERR_UNSUPPORTED  a scheme other than http/https, also via redirect
 *   BC_ERR_HTTP         the final status was not 2xx ("HTTP 404")
 *   BC_ERR_TOO_LARGE    the body (declared or decompressed) exceeds max_bytes
 */
#ifndef BRIEFCAST_FETCH_H
#define BRIEFCAST_FETCH_H

#include "common.h"
#include "state.h"

#ifdef __cplusplus
extern "C" {
#endif

#define BC_FETCH_DEFAULT_JOBS 16
#define BC_FETCH_DEFAULT_MAX_BYTES (20LL * 1024 * 1024)
#define BC_FETCH_DEFAULT_TIMEOUT 30
#define BC_FETCH_DEFAULT_CONNECT_TIMEOUT 10
#define BC_FETCH_DEFAULT_RETRIES 2

/* A connection pool kept between calls of bc_fetch_many(), so a second
 * round of downloads (the pages of a feed's entries, say) reuses the
 * connections of the first.  Use from one thread at a time. */
typedef struct bc_fetcher bc_fetcher;
BC_EXPORT bc_fetcher *bc_fetcher_new(void);
/* bc_fetcher_free(NULL) is a no-op. */
BC_EXPORT void bc_fetcher_free(bc_fetcher *f);

typedef struct bc_fetch_options {
  int jobs;                 /* transfers at once; 0 = 8 */
  long long max_bytes;      /* largest body accepted; 0 = 20 MB */
  int timeout_seconds;      /* total time per attempt; 0 = 30 */
  int connect_timeout_seconds; /* 0 = 10 (never more than timeout_seconds) */
  int retries;              /* extra attempts after 429/5xx/timeouts; 0 = 2, -1 = none */
  int max_retry_wait;       /* longest Retry-After honoured, seconds; 0 = 30.
                               A server asking for longer fails the URL. */
  bc_state *state;          /* conditional requests and cached bodies; NULL = none */
  const char *user_agent;   /* NULL = "briefcast/VERSION (+https://...)" */
  /* Called on the calling thread after each URL is finished. */
  void (*on_progress)(const char *url, size_t done, size_t total, void *user);
  void *user;
  bc_fetcher *fetcher;      /* connections kept between calls; NULL = a fresh pool */
} bc_fetch_options;

typedef struct bc_response {
  char *url;                /* as requested */
  char *final_url;          /* after redirects (the cached one on a 304) */
  long status;              /* last HTTP status, 0 when there was none */
  char *content_type;       /* Content-Type header, or NULL */
  char *body;               /* NUL-terminated; NULL when rc != BC_OK */
  size_t len;
  int not_modified;         /* 1: the server said 304 and body is the cached copy */
  int attempts;             /* requests made */
  bc_rc rc;
  char *error;              /* one line naming the problem when rc != BC_OK */
} bc_response;

/* Fetch n URLs concurrently; (*out)[i] answers urls[i].  opts may be NULL.
 * Returns BC_OK even when some URLs failed (check each rc); free the array
 * with bc_responses_free(). */
BC_EXPORT bc_rc bc_fetch_many(const char *const *urls, size_t n, const bc_fetch_options *opts,
                              bc_response **out);

/* Fetch one URL.  Returns its rc; *out is filled either way; release it
 * with bc_response_clear(). */
BC_EXPORT bc_rc bc_fetch(const char *url, const bc_fetch_options *opts, bc_response *out);

BC_EXPORT void bc_response_clear(bc_response *r);
BC_EXPORT void bc_responses_free(bc_response *r, size_t n);

/* The User-Agent sent by default.  Static string. */
BC_EXPORT const char *bc_fetch_user_agent(void);

#ifdef __cplusplus
}
#endif
#endif
