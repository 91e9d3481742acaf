/* File helpers for the tool: whole-file reads (stdin for "-") and atomic
 * writes for the files users keep.  The library has its own (src/util.c),
 * but the tool uses only the public API, so that anything it does an
 * embedding program can do too; these few lines are the price. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tool.h"

int tool_write_file(const char *path, const char *data, size_t len) {
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
  size_t n = strlen(path) + 32;
  char *tmp = malloc(n);
  int fd, saved;
  size_t off = 0;

  if (!tmp) return -1;
  snprintf(tmp, n, "%.*s.%s.tmp-%ld", (int)dirlen, path, slash ? slash + 1 : path,
           (long)getpid());
  fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) goto fail;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      close(fd);
      goto fail_unlink;
    }
    off += (size_t)w;
  }
  if (fsync(fd) != 0 || close(fd) != 0) goto fail_unlink;
  if (rename(tmp, path) != 0) goto fail_unlink;
  free(tmp);
  return 0;
fail_unlink:
  saved = errno;
  unlink(tmp);
  errno = saved;
fail:
  saved = errno;
  free(tmp);
  errno = saved;
  return -1;
}

int tool_read_file(const char *path, char **data, size_t *len) {
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  char *buf = NULL;
  size_t cap = 0, n = 0, r;
  if (!f) return -1;
  for (;;) {
    if (n + 65536 + 1 > cap) {
      char *nb;
      cap = cap ? cap * 2 : 131072;
      nb = realloc(buf, cap);
      if (!nb) {
        free(buf);
        if (f != stdin) fclose(f);
        errno = ENOMEM;
        return -1;
      }
      buf = nb;
    }
    r = fread(buf + n, 1, 65536, f);
    n += r;
    if (r == 0) break;
  }
  if (ferror(f)) {
    int saved = errno ? errno : EIO;
    free(buf);
    if (f != stdin) fclose(f);
    errno = saved;
    return -1;
  }
  if (f != stdin) fclose(f);
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return 0;
}
