/* Scratch folders for unit tests: make one, put files in it, count what is
 * left in it, remove it.  Include after <cmocka.h>. */
#ifndef BC_TEST_SCRATCH_H
#define BC_TEST_SCRATCH_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* mkdtemp() a folder /tmp/bc-TAG-XXXXXX into dir.  0 or -1. */
static inline int scratch_make(char *dir, size_t size, const char *tag) {
  snprintf(dir, size, "/tmp/bc-%s-XXXXXX", tag);
  return mkdtemp(dir) ? 0 : -1;
}

/* Remove the folder and everything in it.  0 or -1. */
static inline int scratch_remove(const char *dir) {
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

/* Write n bytes (NUL bytes included) to DIR/NAME; returns the path (free it). */
static inline char *scratch_put_bytes(const char *dir, const char *name, const char *bytes,
                                      size_t n) {
  char *path = malloc(512);
  FILE *f;
  snprintf(path, 512, "%s/%s", dir, name);
  f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(bytes, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
  return path;
}

/* Write text to DIR/NAME; returns the path (free it). */
static inline char *scratch_put(const char *dir, const char *name, const char *text) {
  return scratch_put_bytes(dir, name, text, strlen(text));
}

/* How many entries the folder holds (temporary files included). */
static inline size_t scratch_count(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  size_t n = 0;
  assert_non_null(d);
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n;
}

#endif
