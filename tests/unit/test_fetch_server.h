/* Start and stop tests/server/server.py for the sources tests.  The server
 * picks a free port on 127.0.0.1 and writes it to a file; it also exits by
 * itself after two minutes, so a crashed test never leaves it running. */
#ifndef TEST_FETCH_SERVER_H
#define TEST_FETCH_SERVER_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t test_server_pid;
static char test_server_base[64];
static char test_server_dir[64];
static char test_server_log[128];

static int test_server_start(void) {
  char port_file[128];
  snprintf(test_server_dir, sizeof test_server_dir, "/tmp/bc-srv-XXXXXX");
  if (!mkdtemp(test_server_dir)) return -1;
  snprintf(port_file, sizeof port_file, "%s/port", test_server_dir);
  snprintf(test_server_log, sizeof test_server_log, "%s/log", test_server_dir);
  test_server_pid = fork();
  if (test_server_pid < 0) return -1;
  if (test_server_pid == 0) {
    execlp("python3", "python3", BC_SOURCE_DIR "/tests/server/server.py", "--port-file", port_file,
           "--log", test_server_log, "--lifetime", "120", (char *)NULL);
    _exit(127);
  }
  for (int i = 0; i < 200; i++) { /* up to 10 s */
    FILE *f = fopen(port_file, "r");
    int port = 0;
    if (f) {
      if (fscanf(f, "%d", &port) == 1 && port > 0) {
        fclose(f);
        snprintf(test_server_base, sizeof test_server_base, "http://127.0.0.1:%d", port);
        return 0;
      }
      fclose(f);
    }
    struct timespec ts = {0, 50000000L};
    nanosleep(&ts, NULL);
  }
  kill(test_server_pid, SIGKILL);
  waitpid(test_server_pid, NULL, 0);
  return -1;
}

static void test_server_stop(void) {
  char cmd[160];
  if (test_server_pid > 0) {
    kill(test_server_pid, SIGKILL);
    waitpid(test_server_pid, NULL, 0);
    test_server_pid = 0;
  }
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", test_server_dir);
  if (test_server_dir[0]) (void)system(cmd);
}

/* A URL on the test server (static buffer rotation: up to 16 at once). */
static const char *srv(const char *path) {
  static char bufs[16][256];
  static int k;
  char *b = bufs[k++ % 16];
  snprintf(b, 256, "%s%s", test_server_base, path);
  return b;
}

/* 1 when the server log holds a line containing both a and b. */
static int server_logged(const char *a, const char *b) {
  FILE *f = fopen(test_server_log, "r");
  char line[1024];
  int found = 0;
  if (!f) return 0;
  while (!found && fgets(line, sizeof line, f))
    if (strstr(line, a) && (!b || strstr(line, b))) found = 1;
  fclose(f);
  return found;
}

#endif
