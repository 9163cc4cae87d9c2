#!/usr/bin/env python3
"""Which other processes used CPU during a run (http-bench.sh prints it under every half-rate run).

    benchmarks/other-cpu.py snapshot > BEFORE      # every process: pid:start|comm|CPU ticks
    benchmarks/other-cpu.py diff BEFORE AFTER [PID ...]

diff names the processes, except the PIDs given, that used 50 ms or more between the two snapshots,
most first. A process's ticks include those of its children it has reaped, so one that started
and ended in between shows in its parent (one that started before and ended in between brings
its whole life's CPU; orphans end in pid 1's) (tenth session: an idle RabbitMQ booted an Erlang VM
every 60 s, about 0.2 s of one CPU, under its server's erl_child_setup).
"""
import glob
import os
import sys


def snapshot():
    for f in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(f, "rb") as fh:
                s = fh.read().decode("utf-8", "replace")
        except OSError:
            continue
        # comm is in parentheses and may hold spaces, ')' or '|': the fields follow the last ')'
        i = s.rfind(")")
        v = s[i + 2:].split()
        if i < 0 or len(v) < 20:
            continue  # a process caught as it ended
        # one row per process: line breaks in a name would split it
        comm = s[s.index("(") + 1:i].replace("\n", " ").replace("\r", " ")
        # the pid with its start time (field 22), so that a pid used again is another process;
        # utime, stime, cutime, cstime: fields 14 to 17
        print(f"{f.split(os.sep)[2]}:{v[19]}|{comm}|{sum(int(x) for x in v[11:15])}")


def read(path):
    rows = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            key, _, rest = line.rstrip("\n").partition("|")
            comm, _, ticks = rest.rpartition("|")
            if ticks.isdigit():
                rows[key] = (comm, int(ticks))
    return rows


def diff(before, after, skip):
    a, b = read(before), read(after)
    tick = os.sysconf("SC_CLK_TCK")
    used = sorted(((t - a.get(k, ("", 0))[1], comm, k.split(":")[0])
                   for k, (comm, t) in b.items() if k.split(":")[0] not in skip), reverse=True)
    named = [f"{comm} ({pid}) {t / tick:.2f} s" for t, comm, pid in used if t / tick >= 0.05]
    print("  other processes' CPU in the run (50 ms or more, with their reaped children): "
          + (", ".join(named) or "none"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["snapshot"]:
        snapshot()
    elif sys.argv[1:2] == ["diff"] and len(sys.argv) >= 4:
        diff(sys.argv[2], sys.argv[3], set(sys.argv[4:]))
    else:
        sys.exit(__doc__)
