/* Benchmark: article extraction speed.  Reads every page given into memory
 * first, then times bc_article_from_html over all of them (parsing
 * included, file reading not), as the Readability runs do.
 *   bench_extract FILE...     prints "pages=N bytes=B seconds=S" */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "briefcast/article.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  int n = argc - 1;
  char **data = calloc((size_t)n + 1, sizeof *data);
  size_t *len = calloc((size_t)n + 1, sizeof *len), total = 0;
  for (int i = 0; i < n; i++) {
    FILE *f = fopen(argv[i + 1], "rb");
    if (!f) {
      perror(argv[i + 1]);
      return 1;
    }
    fseek(f, 0, SEEK_END);
    len[i] = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    data[i] = malloc(len[i] + 1);
    if (fread(data[i], 1, len[i], f) != len[i]) return 1;
    fclose(f);
    total += len[i];
  }
  int ok = 0;
  double t0 = now();
  for (int i = 0; i < n; i++) {
    bc_article *a = NULL;
    if (bc_article_from_html(data[i], len[i], "https://example.com/article.html", NULL, &a,
                             NULL) == BC_OK)
      ok++;
    bc_article_free(a);
  }
  double t = now() - t0;
  printf("pages=%d bytes=%zu seconds=%.3f ok=%d\n", n, total, t, ok);
  for (int i = 0; i < n; i++) free(data[i]);
  free(data);
  free(len);
  return 0;
}
