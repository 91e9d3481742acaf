/* A private scratch folder for the harnesses whose parser reads files
 * (voice profiles, the daily config): made on the first input, emptied and
 * removed when the fuzzer exits.
 *
 * libFuzzer ends a -max_total_time or -runs session with exit(0), so an
 * atexit() handler removes the folder.  A crash, leak report or timeout
 * ends with _Exit() and skips it; the folder is therefore made under
 * $BC_FUZZ_TMP when set (scripts/fuzz.sh points it into its work folder and
 * clears it before each run), so such leftovers never pile up in /tmp.
 * Only plain files are put in the folder. */
#ifndef BC_FUZZ_SCRATCH_H
#define BC_FUZZ_SCRATCH_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_scratch[1024];

static void fuzz_scratch_remove(void) {
  DIR *d = opendir(fuzz_scratch);
  struct dirent *e;
  char path[sizeof fuzz_scratch + 256];
  if (!d) return;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    snprintf(path, sizeof path, "%s/%s", fuzz_scratch, e->d_name);
    unlink(path);
  }
  closedir(d);
  rmdir(fuzz_scratch);
}

/* The folder's path ("BASE/bc-fuzz-TAG-XXXXXX"), made on the first call. */
static const char *fuzz_scratch_dir(const char *tag) {
  if (!fuzz_scratch[0]) {
    const char *base = getenv("BC_FUZZ_TMP");
    if (!base || !*base) base = "/tmp";
    if ((size_t)snprintf(fuzz_scratch, sizeof fuzz_scratch, "%s/bc-fuzz-%s-XXXXXX", base, tag) >=
            sizeof fuzz_scratch - 64 ||
        !mkdtemp(fuzz_scratch))
      abort();
    atexit(fuzz_scratch_remove);
  }
  return fuzz_scratch;
}

/* DIR/NAME, in a static buffer. */
static const char *fuzz_scratch_path(const char *name) {
  static char path[sizeof fuzz_scratch + 64];
  snprintf(path, sizeof path, "%s/%s", fuzz_scratch, name);
  return path;
}

/* Write p[0..n) to DIR/NAME; returns fuzz_scratch_path(name). */
static const char *fuzz_scratch_put(const char *name, const uint8_t *p, size_t n) {
  const char *path = fuzz_scratch_path(name);
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (n && fwrite(p, 1, n, f) != n) abort();
  if (fclose(f)) abort();
  return path;
}

#endif
