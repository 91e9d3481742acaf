/* Parallel synthesis: a script in, the same PCM and timeline as the speech
 * stage out, made by several worker processes at once.
 *
 * The script is cut into parts at story boundaries (a part starts where a
 * segment names a story other than the current part's; story-0 segments
 * such as pauses and the sign-off stay with the part before them).  Each
 * part is spoken by bc_speak() in a child process forked from the caller:
 * espeak-ng is a process-wide singleton that is neither thread-safe nor
 * resettable, so processes are the unit of parallelism.  A child writes its
 * PCM and then its serialized timeline to an unlinked temporary file and,
 * last, a fixed-size result record to a pipe; the pipe closing tells the
 * parent the child is done (or died).  The parent keeps at most `jobs`
 * children running, and emits finished parts strictly in script order: it
 * streams the part's samples to the sink and appends its timeline shifted by
 * the samples already emitted.
 *
 * Why every part runs in a child, even with one job: espeak-ng's wave
 * generator carries state (pitch phase) from one message to the next, so a
 * story's samples depend on everything the process said before.  Starting
 * every part from the caller's engine state is what makes the result
 * independent of the number of jobs and of scheduling. */
#include "briefcast/parallel.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "speech_priv.h"
#include "util.h"

/* What a child reports through its pipe when it is done. */
typedef struct part_result {
  int32_t rc;
  uint32_t has_timeline;
  uint64_t n_samples;       /* PCM samples at the start of the file */
  uint64_t timeline_bytes;  /* serialized timeline right after them */
  char msg[sizeof(((bc_diag *)0)->msg)];
} part_result;

typedef enum part_state { PART_WAITING = 0, PART_RUNNING, PART_DONE, PART_EMITTED } part_state;

typedef struct part {
  size_t first, n;          /* segments */
  part_state state;
  pid_t pid;
  int file_fd;              /* PCM + timeline, unlinked */
  int note_fd;              /* read end of the result pipe */
  part_result res;
  size_t res_got;           /* bytes of res read so far */
} part;

int bc_speak_default_jobs(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)(n > 64 ? 64 : n) : 1;
}

/* ------------------------------------------------------------------ */
/* Small I/O helpers (retrying on EINTR and short counts)              */

static int write_all(int fd, const void *p, size_t n) {
  const char *s = p;
  while (n) {
    ssize_t k = write(fd, s, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    s += k;
    n -= (size_t)k;
  }
  return 0;
}

static int pread_all(int fd, void *p, size_t n, off_t off) {
  char *s = p;
  while (n) {
    ssize_t k = pread(fd, s, n, off);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    s += k;
    n -= (size_t)k;
    off += k;
  }
  return 0;
}

static int temp_fd(void) {
  const char *dir = getenv("TMPDIR");
  char *path = xasprintf("%s/briefcast-speak-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0 && dir && *dir) {
    free(path);
    path = xstrdup("/tmp/briefcast-speak-XXXXXX");
    fd = mkstemp(path);
  }
  if (fd >= 0) unlink(path);
  free(path);
  return fd;
}

/* ------------------------------------------------------------------ */
/* The child: speak one part into a file                               */

typedef struct child_out {
  int fd;
  char buf[1 << 16];
  size_t len;
  int failed;
} child_out;

static void child_flush(child_out *o) {
  if (o->len && !o->failed && write_all(o->fd, o->buf, o->len)) o->failed = 1;
  o->len = 0;
}

static void child_put(child_out *o, const void *p, size_t n) {
  const char *s = p;
  while (n) {
    size_t k = sizeof o->buf - o->len;
    if (k > n) k = n;
    memcpy(o->buf + o->len, s, k);
    o->len += k;
    s += k;
    n -= k;
    if (o->len == sizeof o->buf) child_flush(o);
  }
}

static void put_u64(child_out *o, uint64_t v) { child_put(o, &v, sizeof v); }

static int child_sink(const int16_t *pcm, size_t n, void *user) {
  child_out *o = user;
  child_put(o, pcm, n * sizeof *pcm);
  return o->failed;
}

/* The timeline, relative to the part: per segment start, end, pause_end,
 * voice (index in the voice set, or -1), espeak voice (length or -1, bytes);
 * then per word segment, sample, text_start, text_end. */
static void put_timeline(child_out *o, const bc_timeline *tl, const bc_voiceset *vs) {
  put_u64(o, tl->n_samples);
  put_u64(o, tl->n_segments);
  put_u64(o, tl->n_words);
  for (size_t i = 0; i < tl->n_segments; i++) {
    const bc_segment_time *st = &tl->segments[i];
    uint64_t voice = UINT64_MAX;
    for (size_t v = 0; st->voice && v < vs->n_voices; v++)
      if (vs->voices[v].name == st->voice) voice = v;
    put_u64(o, st->start);
    put_u64(o, st->end);
    put_u64(o, st->pause_end);
    put_u64(o, voice);
    put_u64(o, st->espeak_voice ? strlen(st->espeak_voice) : UINT64_MAX);
    if (st->espeak_voice) child_put(o, st->espeak_voice, strlen(st->espeak_voice));
  }
  for (size_t i = 0; i < tl->n_words; i++) {
    put_u64(o, tl->words[i].segment);
    put_u64(o, tl->words[i].sample);
    put_u64(o, tl->words[i].text_start);
    put_u64(o, tl->words[i].text_end);
  }
}

static void child_main(const bc_script *script, const bc_voiceset *vs,
                       const bc_speak_options *opts, const part *p, int note_fd,
                       int want_timeline) {
  /* A Ctrl-C meant for the tool ends the workers too; the tool's handler,
   * inherited, would only set a flag nobody here reads. */
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGPIPE, SIG_DFL);
  bc_script sub = *script;
  sub.segments = script->segments + p->first;
  sub.n_segments = p->n;
  static child_out out; /* static: 64 kB is a lot for a stack */
  out.fd = p->file_fd;
  out.len = 0;
  out.failed = 0;
  bc_diag diag = {{0}};
  bc_timeline *tl = NULL;
  part_result res;
  memset(&res, 0, sizeof res);
  bc_rc rc = bc_speak(&sub, vs, opts, child_sink, &out, want_timeline ? &tl : NULL, &diag);
  child_flush(&out);
  if (out.failed && (rc == BC_OK || rc == BC_ERR_INTERRUPTED)) {
    rc = BC_ERR_IO;
    snprintf(diag.msg, sizeof diag.msg, "cannot write the speech of a worker to a temporary file");
  }
  res.rc = (int32_t)rc;
  memcpy(res.msg, diag.msg, sizeof res.msg);
  if (!rc) {
    res.n_samples = tl ? tl->n_samples : 0;
    if (tl) {
      /* n_samples without a timeline is not known here: count from the file */
      off_t pcm_end = lseek(out.fd, 0, SEEK_CUR);
      put_timeline(&out, tl, vs);
      child_flush(&out);
      res.timeline_bytes = (uint64_t)(lseek(out.fd, 0, SEEK_CUR) - pcm_end);
      res.has_timeline = 1;
      if (out.failed) {
        res.rc = BC_ERR_IO;
        snprintf(res.msg, sizeof res.msg, "cannot write a worker's timeline to a temporary file");
      }
    } else {
      res.n_samples = (uint64_t)lseek(out.fd, 0, SEEK_CUR) / sizeof(int16_t);
    }
  }
  write_all(note_fd, &res, sizeof res);
  _exit(0); /* no atexit handlers, no flushing of the parent's stdio buffers */
}

/* ------------------------------------------------------------------ */
/* The parent                                                           */

/* Cut the script into parts at story boundaries. */
static part *split_parts(const bc_script *s, size_t *n_parts) {
  part *parts = NULL;
  size_t n = 0, cap = 0;
  int story = -1;
  for (size_t i = 0; i < s->n_segments; i++) {
    int st = s->segments[i].story;
    if (n == 0 || (st != 0 && st != story)) {
      BC_GROW(parts, n, cap);
      memset(&parts[n], 0, sizeof parts[n]);
      parts[n].first = i;
      parts[n].file_fd = parts[n].note_fd = -1;
      n++;
      story = st;
    }
    parts[n - 1].n++;
  }
  *n_parts = n;
  return parts;
}

static bc_rc start_part(const bc_script *script, const bc_voiceset *vs,
                        const bc_speak_options *opts, part *p, int want_timeline,
                        bc_diag *diag) {
  int fds[2];
  p->file_fd = temp_fd();
  if (p->file_fd < 0) {
    util_diag(diag, "cannot create a temporary file for speech: %s", strerror(errno));
    return BC_ERR_IO;
  }
  if (pipe(fds)) {
    util_diag(diag, "cannot create a pipe for a speech worker: %s", strerror(errno));
    return BC_ERR_IO;
  }
  pid_t pid = fork();
  if (pid < 0) {
    util_diag(diag, "cannot start a speech worker: %s", strerror(errno));
    close(fds[0]);
    close(fds[1]);
    return BC_ERR_SPEECH;
  }
  if (pid == 0) {
    close(fds[0]);
    child_main(script, vs, opts, p, fds[1], want_timeline);
  }
  close(fds[1]);
  p->note_fd = fds[0];
  p->pid = pid;
  p->state = PART_RUNNING;
  p->res_got = 0;
  return BC_OK;
}

/* Read what is there of p's result; on end of file reap the child. */
static void drain_part(part *p) {
  char *dst = (char *)&p->res;
  ssize_t k;
  for (;;) {
    if (p->res_got < sizeof p->res) {
      k = read(p->note_fd, dst + p->res_got, sizeof p->res - p->res_got);
    } else {
      char junk[64];
      k = read(p->note_fd, junk, sizeof junk);
    }
    if (k < 0 && errno == EINTR) continue;
    if (k > 0) {
      if (p->res_got < sizeof p->res) p->res_got += (size_t)k;
      continue;
    }
    break; /* 0: end of file; < 0: treat as the end as well */
  }
  close(p->note_fd);
  p->note_fd = -1;
  int status = 0;
  while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR) {
  }
  p->pid = 0;
  p->state = PART_DONE;
  if (p->res_got != sizeof p->res) {
    memset(&p->res, 0, sizeof p->res);
    p->res.rc = BC_ERR_SPEECH;
    if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGTERM ||
                                WTERMSIG(status) == SIGHUP)) {
      /* Ctrl-C reaches the whole process group: the caller is being
       * interrupted too, and says so through its sink or cancel flag. */
      p->res.rc = BC_ERR_INTERRUPTED;
      snprintf(p->res.msg, sizeof p->res.msg, "interrupted");
    } else if (WIFSIGNALED(status))
      snprintf(p->res.msg, sizeof p->res.msg, "a speech worker was killed by signal %d",
               WTERMSIG(status));
    else
      snprintf(p->res.msg, sizeof p->res.msg, "a speech worker ended without a result");
  }
}

/* Wait until at least one running part is done (timeout_ms 0: only reap
 * those already done). */
static void wait_any(part *parts, size_t n, int timeout_ms) {
  struct pollfd *pf = xcalloc(n, sizeof *pf);
  size_t *who = xcalloc(n, sizeof *who);
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (parts[i].state == PART_RUNNING) {
      pf[m].fd = parts[i].note_fd;
      pf[m].events = POLLIN;
      who[m++] = i;
    }
  if (m) {
    int r;
    do r = poll(pf, m, timeout_ms);
    while (r < 0 && errno == EINTR);
    for (size_t j = 0; j < m; j++) {
      if (!(pf[j].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) continue;
      part *p = &parts[who[j]];
      /* A result record is written in one go before the child exits, so
       * reading until end of file blocks at most until that exit. */
      drain_part(p);
    }
  }
  free(pf);
  free(who);
}

static void kill_parts(part *parts, size_t n) {
  for (size_t i = 0; i < n; i++) {
    part *p = &parts[i];
    if (p->state == PART_RUNNING) {
      kill(p->pid, SIGKILL);
      while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR) {
      }
      close(p->note_fd);
      p->note_fd = -1;
      p->state = PART_DONE;
    }
  }
}

static int get_u64(const unsigned char **c, const unsigned char *end, uint64_t *v) {
  if ((size_t)(end - *c) < sizeof *v) return -1;
  memcpy(v, *c, sizeof *v);
  *c += sizeof *v;
  return 0;
}

/* Append part p's timeline (bytes from the child) to tl, shifted by base
 * samples and p->first segments. */
static bc_rc merge_timeline(bc_timeline *tl, size_t *cap_words, const part *p,
                            const unsigned char *b, size_t len, size_t base,
                            const bc_voiceset *vs) {
  const unsigned char *c = b, *end = b + len;
  uint64_t n_samples, n_seg, n_words;
  if (get_u64(&c, end, &n_samples) || get_u64(&c, end, &n_seg) || get_u64(&c, end, &n_words) ||
      n_seg != p->n)
    return BC_ERR_SPEECH;
  for (size_t i = 0; i < n_seg; i++) {
    bc_segment_time *st = &tl->segments[p->first + i];
    uint64_t a, e, pe, voice, vlen;
    if (get_u64(&c, end, &a) || get_u64(&c, end, &e) || get_u64(&c, end, &pe) ||
        get_u64(&c, end, &voice) || get_u64(&c, end, &vlen))
      return BC_ERR_SPEECH;
    st->start = base + a;
    st->end = base + e;
    st->pause_end = base + pe;
    st->voice = voice < vs->n_voices ? vs->voices[voice].name : NULL;
    if (vlen != UINT64_MAX) {
      if ((uint64_t)(end - c) < vlen) return BC_ERR_SPEECH;
      st->espeak_voice = xstrndup((const char *)c, (size_t)vlen);
      c += vlen;
    }
  }
  for (size_t i = 0; i < n_words; i++) {
    uint64_t g, s, ts, te;
    if (get_u64(&c, end, &g) || get_u64(&c, end, &s) || get_u64(&c, end, &ts) ||
        get_u64(&c, end, &te))
      return BC_ERR_SPEECH;
    BC_GROW(tl->words, tl->n_words, *cap_words);
    tl->words[tl->n_words++] =
        (bc_word_time){.segment = p->first + g, .sample = base + s, .text_start = ts,
                       .text_end = te};
  }
  return BC_OK;
}

/* The parts and what the workers need to start more. */
typedef struct sched {
  const bc_script *script;
  const bc_voiceset *vs;
  const bc_speak_options *opts;
  part *parts;
  size_t n_parts, next_start;
  int jobs, want_timeline;
} sched;

/* Start parts until `jobs` run (or none is left to start). */
static bc_rc top_up(sched *s, bc_diag *diag) {
  size_t running = 0, i;
  for (i = 0; i < s->n_parts; i++) running += s->parts[i].state == PART_RUNNING;
  while (running < (size_t)s->jobs && s->next_start < s->n_parts) {
    bc_rc rc = start_part(s->script, s->vs, s->opts, &s->parts[s->next_start], s->want_timeline,
                          diag);
    if (rc) return rc;
    s->next_start++;
    running++;
  }
  return BC_OK;
}

/* Stream part p's samples to the sink and merge its timeline.  Between
 * blocks, workers that finished are replaced, so that they keep speaking
 * while the sink works. */
static bc_rc emit_part(sched *sc, part *p, bc_pcm_sink sink, void *user, bc_timeline *tl,
                       size_t *cap_words, size_t *base, bc_diag *diag) {
  enum { BLOCK = 1 << 15 };
  int16_t *block = xmalloc(BLOCK * sizeof *block);
  uint64_t left = p->res.n_samples;
  off_t off = 0;
  bc_rc rc = BC_OK;
  while (left && !rc) {
    size_t k = left < BLOCK ? (size_t)left : BLOCK;
    if (pread_all(p->file_fd, block, k * sizeof *block, off)) {
      util_diag(diag, "cannot read back a speech worker's audio");
      rc = BC_ERR_IO;
    } else if (sink && sink(block, k, user)) {
      util_diag(diag, "speech stopped by the audio writer");
      rc = BC_ERR_INTERRUPTED;
    }
    off += (off_t)(k * sizeof *block);
    left -= k;
    if (!rc && sc->next_start < sc->n_parts) {
      wait_any(sc->parts, sc->n_parts, 0);
      rc = top_up(sc, diag);
    }
  }
  free(block);
  if (rc) return rc;
  if (tl && p->res.has_timeline) {
    size_t len = (size_t)p->res.timeline_bytes;
    unsigned char *b = xmalloc(len ? len : 1);
    rc = pread_all(p->file_fd, b, len, off) ? BC_ERR_IO
                                                  : merge_timeline(tl, cap_words, p, b, len,
                                                                   *base, sc->vs);
    free(b);
    if (rc) {
      util_diag(diag, "a speech worker's timeline is unreadable");
      return rc;
    }
  }
  *base += (size_t)p->res.n_samples;
  return BC_OK;
}

bc_rc bc_speak_parallel(const bc_script *script, const bc_voiceset *vs,
                        const bc_speak_options *opts, int jobs, bc_pcm_sink sink, void *user,
                        bc_timeline **timeline, bc_diag *diag) {
  if (timeline) *timeline = NULL;
  if (!script || !vs) return BC_ERR_ARG;
  if (jobs <= 0) jobs = bc_speak_default_jobs();
  size_t n_parts = 0;
  part *parts = split_parts(script, &n_parts);
  if (n_parts == 0) {
    free(parts);
    return bc_speak(script, vs, opts, sink, user, timeline, diag);
  }
  /* Load espeak-ng's data and find the voices once here, so that every
   * worker inherits them. */
  unsigned rate = bc_speech_sample_rate();
  speech_prepare_voices(script, vs);

  bc_timeline *tl = xcalloc(1, sizeof *tl);
  tl->sample_rate = rate;
  tl->n_segments = script->n_segments;
  tl->segments = xcalloc(script->n_segments, sizeof *tl->segments);
  size_t cap_words = 0, base = 0;
  sched sc = {script, vs, opts, parts, n_parts, 0, jobs, timeline != NULL};
  bc_rc rc = BC_OK;
  for (size_t next_emit = 0; next_emit < n_parts && !rc;) {
    rc = top_up(&sc, diag);
    if (rc) break;
    part *p = &parts[next_emit];
    if (p->state != PART_DONE) {
      wait_any(parts, n_parts, -1);
      continue;
    }
    if (p->res.rc) {
      rc = (bc_rc)p->res.rc;
      p->res.msg[sizeof p->res.msg - 1] = 0;
      if (diag) {
        /* bc_speak numbers segments within the part: say which story */
        int story = script->segments[p->first].story;
        if (story > 0) util_diag(diag, "story %d: %s", story, p->res.msg);
        else util_diag(diag, "%s", p->res.msg);
      }
      break;
    }
    rc = emit_part(&sc, p, sink, user, timeline ? tl : NULL, &cap_words, &base, diag);
    p->state = PART_EMITTED;
    close(p->file_fd);
    p->file_fd = -1;
    next_emit++;
  }
  kill_parts(parts, n_parts);
  for (size_t i = 0; i < n_parts; i++)
    if (parts[i].file_fd >= 0) close(parts[i].file_fd);
  free(parts);
  tl->n_samples = base;
  if (rc || !timeline) bc_timeline_free(tl);
  else *timeline = tl;
  return rc;
}
