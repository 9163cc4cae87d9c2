// Injected stalls of the whole machine, for the issue-20 experiment on how a host's stall shows in
// each server's p99 (docs/benchmarks.md, tenth session): at random times (gaps drawn evenly from
// EVERY_MS / 2 to 3 * EVERY_MS / 2, so a window of W ms holds about W / EVERY_MS of them; the same
// sequence for every run with the same SEED) one thread per CPU, pinned and
// SCHED_FIFO, spins for MS milliseconds, so nothing else runs on any CPU meanwhile: what a
// hypervisor's stall of the guest does, on demand. Runs until killed (SIGTERM, SIGINT), then
// prints how many stalls it made and how late the latest-starting CPU began them.
//
//   gcc -O2 -o stall benchmarks/stall.c && sudo ./stall 10 500 1   # needs root (SCHED_FIFO)
//
// The kernel's RT throttling (sched_rt_runtime_us, 95 % of each second by default) bounds it; a
// stall of 10 ms every 500 ms on average takes 2 % of each CPU.
#define _GNU_SOURCE
#include <errno.h>
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

static int64_t gap_ns(uint64_t *s, double every_ms) {
  double u = (next(s) >> 11) / 9007199254740992.0; // [0, 1)
  return (int64_t)((0.5 + u) * every_ms * 1e6);
}

// One CPU's spinner: writes its stalls' count and total lateness (ns) to the pipe when stopped.
static void spin_on(int cpu, int64_t start, double ms, double every_ms, uint64_t seed, int out) {
  prctl(PR_SET_PDEATHSIG, SIGTERM);
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
    at += gap_ns(&seed, every_ms);
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

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: stall MS EVERY_MS [SEED]\n");
    return 2;
  }
  double ms = atof(argv[1]), every_ms = atof(argv[2]);
  uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
  if (!(ms > 0) || !(every_ms > 2 * ms) || seed == 0) {
    fprintf(stderr, "stall: need MS > 0, EVERY_MS > 2 * MS and SEED > 0\n");
    return 2;
  }
  mlockall(MCL_CURRENT | MCL_FUTURE);
  struct sigaction sa = {.sa_handler = on_signal};
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  int cpus = (int)sysconf(_SC_NPROCESSORS_ONLN), fd[2];
  if (pipe(fd)) return 1;
  int64_t start = now_ns() + 50000000;
  pid_t kids[256];
  for (int c = 0; c < cpus && c < 256; c++) {
    kids[c] = fork();
    if (kids[c] == 0) spin_on(c, start, ms, every_ms, seed, fd[1]);
  }
  printf("stall: %.1f ms on all %d CPUs at gaps of %.0f ms +- 50 %% (seed %llu)\n", ms,
         cpus, every_ms, (unsigned long long)seed);
  fflush(stdout);
  while (!stop) pause();
  int64_t n = 0, late = 0, worst = 0;
  for (int c = 0; c < cpus && c < 256; c++) {
    kill(kids[c], SIGTERM);
    int64_t r[3];
    if (read(fd[0], r, sizeof r) == sizeof r) {
      if (r[0] > n) n = r[0];
      late += r[1];
      if (r[2] > worst) worst = r[2];
    }
    waitpid(kids[c], NULL, 0);
  }
  printf("stall: %lld stalls; began late by %.3f ms on average, at most %.3f ms\n", (long long)n,
         n ? late / 1e6 / n / cpus : 0.0, worst / 1e6);
  return 0;
}
