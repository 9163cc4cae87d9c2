// Injected stalls of the whole machine, for the issue-20 experiment on how a host's stall shows in
// each server's p99 (docs/benchmarks.md, tenth session): at random times (gaps drawn evenly from
// EVERY_MS / 2 to 3 * EVERY_MS / 2, so a window of W ms holds about W / EVERY_MS of them; the same
// sequence for every run with the same SEED) one thread per CPU, pinned and
// SCHED_FIFO, spins for MS milliseconds, so nothing else runs on any CPU meanwhile: what a
// hypervisor's stall of the guest does, on demand. Runs until killed (SIGTERM, SIGINT) or until
// its parent ends, then prints how many stalls it made and how late they began (the mean over the
// CPUs and the worst). MS is at most 100 and EVERY_MS at most 60000.
//
//   gcc -O2 -o stall benchmarks/stall.c && sudo ./stall 10 500 1   # needs root (SCHED_FIFO)
//
// Each stall is followed by at least as long idle (gaps of at least 2 * MS), so it takes at most
// half of each CPU even where the kernel's RT throttling is off (sched_rt_runtime_us -1); a stall
// of 10 ms every 500 ms on average takes 2 %.
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig) {
  (void)sig;
  stop = 1;
}

// wakes the parent's sigsuspend when a spinner ends before it was told to
static void on_child(int sig) {
  (void)sig;
}

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

// xorshift64*: the same gaps on every CPU and in every run with the same seed
static uint64_t next(uint64_t *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717ULL;
}

// from stall start to stall start; at least 2 * MS, so a stall is always followed by as long idle
static int64_t gap_ns(uint64_t *s, double every_ms, double ms) {
  double u = (next(s) >> 11) / 9007199254740992.0; // [0, 1)
  double gap = (0.5 + u) * every_ms;
  return (int64_t)((gap < 2 * ms ? 2 * ms : gap) * 1e6);
}

// One CPU's spinner: writes its stalls' count and total lateness (ns) to the pipe when stopped.
static void spin_on(int cpu, pid_t parent, int64_t start, double ms, double every_ms, uint64_t seed,
                    int out) {
  // never outlive the parent, even if it died before the prctl took effect
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(1);
  mlockall(MCL_CURRENT | MCL_FUTURE); // locks are not inherited across fork
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  struct sched_param p = {.sched_priority = 50};
  if (sched_setaffinity(0, sizeof set, &set) || sched_setscheduler(0, SCHED_FIFO, &p)) {
    fprintf(stderr, "stall: cpu %d: %s (SCHED_FIFO needs root)\n", cpu, strerror(errno));
    _exit(2);
  }
  int64_t at = start, n = 0, late = 0, worst = 0;
  while (!stop) {
    at += gap_ns(&seed, every_ms, ms);
    struct timespec t = {.tv_sec = at / 1000000000, .tv_nsec = at % 1000000000};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR && !stop) {
    }
    if (stop) break;
    int64_t began = now_ns(), end = at + (int64_t)(ms * 1e6);
    late += began - at;
    if (began - at > worst) worst = began - at;
    n++;
    while (now_ns() < end) {
    }
  }
  int64_t r[3] = {n, late, worst};
  if (write(out, r, sizeof r) != sizeof r) _exit(1);
  _exit(0);
}

static int number(const char *s, double max, double *out) {
  char *end;
  errno = 0;
  *out = strtod(s, &end);
  return errno == 0 && end != s && *end == 0 && *out > 0 && *out <= max;
}

int main(int argc, char **argv) {
  double ms, every_ms;
  char *end = NULL;
  unsigned long long seed = argc > 3 ? strtoull(argv[3], &end, 10) : 1;
  if (argc < 3 || argc > 4 || !number(argv[1], 100, &ms) || !number(argv[2], 60000, &every_ms) ||
      every_ms <= 2 * ms || seed == 0 || seed == ULLONG_MAX || (end && *end) ||
      (argc > 3 && argv[3][0] == '-')) {
    fprintf(stderr, "usage: stall MS EVERY_MS [SEED]: 0 < MS <= 100, 2 * MS < EVERY_MS <= 60000, "
                    "SEED > 0\n");
    return 2;
  }
  // end with the caller (http-bench's trap does not run when it is SIGKILLed)
  pid_t caller = getppid();
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != caller) return 1;
  // refuse at once, not after the run, when real-time priority is not ours to take
  struct sched_param rt = {.sched_priority = 50}, normal = {.sched_priority = 0};
  if (sched_setscheduler(0, SCHED_FIFO, &rt) || sched_setscheduler(0, SCHED_OTHER, &normal)) {
    fprintf(stderr, "stall: %s (SCHED_FIFO needs root)\n", strerror(errno));
    return 2;
  }
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed)) return 1;
  // SIGTERM, SIGINT and SIGCHLD are only taken inside sigsuspend below: none is lost before it waits
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGCHLD);
  sigprocmask(SIG_BLOCK, &block, &old);
  struct sigaction sa = {.sa_handler = on_signal}, sc = {.sa_handler = on_child};
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGCHLD, &sc, NULL);
  int fd[2];
  if (pipe(fd)) return 1;
  int64_t start = now_ns() + 50000000;
  pid_t self = getpid(), kids[CPU_SETSIZE];
  int n_kids = 0;
  for (int c = 0; c < CPU_SETSIZE; c++) {
    if (!CPU_ISSET(c, &allowed)) continue;
    pid_t k = fork();
    if (k < 0) {
      perror("stall: fork");
      for (int i = 0; i < n_kids; i++) kill(kids[i], SIGKILL);
      return 1;
    }
    if (k == 0) {
      close(fd[0]);
      sigprocmask(SIG_SETMASK, &old, NULL);
      spin_on(c, self, start, ms, every_ms, seed, fd[1]);
    }
    kids[n_kids++] = k;
  }
  close(fd[1]);
  printf("stall: %.1f ms on all %d CPUs at gaps of %.0f ms +- 50 %% (seed %llu)\n", ms, n_kids,
         every_ms, seed);
  fflush(stdout);
  // wait for a signal, or for a spinner that ended early (SIGCHLD); the pipe is read after stopping
  while (!stop) {
    sigsuspend(&old);
    if (waitpid(-1, NULL, WNOHANG) > 0) {
      fprintf(stderr, "stall: a spinner ended early\n");
      for (int i = 0; i < n_kids; i++) kill(kids[i], SIGKILL);
      return 1;
    }
  }
  int64_t n = 0, late = 0, worst = 0;
  for (int i = 0; i < n_kids; i++) kill(kids[i], SIGTERM);
  int64_t r[3];
  while (read(fd[0], r, sizeof r) == sizeof r) {
    if (r[0] > n) n = r[0];
    late += r[1];
    if (r[2] > worst) worst = r[2];
  }
  for (int i = 0; i < n_kids; i++) waitpid(kids[i], NULL, 0);
  printf("stall: %lld stalls; began late by %.3f ms on average, at most %.3f ms\n", (long long)n,
         n ? late / 1e6 / n / n_kids : 0.0, worst / 1e6);
  return 0;
}
