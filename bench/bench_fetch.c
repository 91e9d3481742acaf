/* Benchmark: downloading N articles from a server that answers each request
 * after a delay, all at once (bc_fetch_many's default concurrency) or one
 * by one (jobs = 1).
 *   bench_fetch BASE_URL N DELAY_MS JOBS  prints "n=N jobs=J seconds=S failed=F" */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "briefcast/fetch.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: bench_fetch BASE_URL N DELAY_MS JOBS\n");
    return 2;
  }
  int n = atoi(argv[2]), delay = atoi(argv[3]), jobs = atoi(argv[4]);
  char **urls = calloc((size_t)n, sizeof *urls);
  for (int i = 0; i < n; i++) {
    urls[i] = malloc(strlen(argv[1]) + 64);
    sprintf(urls[i], "%s/article/%d?delay=%d", argv[1], i, delay);
  }
  bc_fetch_options o;
  memset(&o, 0, sizeof o);
  o.jobs = jobs;
  bc_response *r = NULL;
  double t0 = now();
  bc_fetch_many((const char *const *)urls, (size_t)n, &o, &r);
  double t = now() - t0;
  int failed = 0;
  for (int i = 0; i < n; i++) failed += r[i].rc != BC_OK;
  printf("n=%d jobs=%d seconds=%.3f failed=%d\n", n, jobs ? jobs : BC_FETCH_DEFAULT_JOBS, t,
         failed);
  bc_responses_free(r, (size_t)n);
  for (int i = 0; i < n; i++) free(urls[i]);
  free(urls);
  return 0;
}
