#!/usr/bin/env python3
"""The issue-20 verdicts of one MODE=target run, from the load tool's JSON results in OUT.

    benchmarks/targets.py OUT [ENGINE_US] [SUITE]

(a) compares the service's CPU per sign at 16 clients with the engine and BaselineServer, (b) the
service's p99 at half of peak with BaselineServer's at the same rate. A run counts only when the
host was quiet in the windows it compares: steal (the hypervisor running someone else on our
CPUs) over QUIET_STEAL_MS per 20 s of window (default 250 ms) in one of them marks that verdict
"not counted", whatever its figures; on this host a window with seconds of steal has p99s of
100 ms on either server.
"""
import json
import os
import sys


def steal_ms(result):
    return result.get("hiccups", {}).get("steal", {}).get("totalMs", 0.0)


def noisy(results, names, limit):
    """The windows among names whose steal was over limit (ms per 20 s), as 'name steal ms' texts."""
    return [f"{n} {steal_ms(results[n]):.0f} ms in {results[n]['seconds']:.0f} s" for n in names
            if n in results and steal_ms(results[n]) > limit * results[n]["seconds"] / 20]


def counted(verdict, windows):
    if not windows:
        return verdict
    return f"{verdict}, not counted (host not quiet, steal over the limit: {', '.join(windows)})"


def main(out, engine, suite):
    limit = float(os.environ.get("QUIET_STEAL_MS", "250"))
    r = {k: json.load(open(f"{out}/{k}.json")) for k in ("sign-c16", "baseline-peak", "sign-half", "baseline-half")}
    if os.path.exists(f"{out}/engine-floor-half.json"):
        r["engine-floor-half"] = json.load(open(f"{out}/engine-floor-half.json"))
    svc = r["sign-c16"]["process"]["cpuMicrosPerOp"]
    floor = r["baseline-peak"]["process"]["cpuMicrosPerOp"]
    print(f"== targets of {suite}")
    a_noise = noisy(r, ("sign-c16", "baseline-peak"), limit)
    if engine:
        e = float(engine)
        right = 1.25 * (e + floor)
        verdict = counted("met" if svc <= right else "missed", a_noise)
        print(f"(a) service CPU/op at 16 clients {svc:.1f} us  <=  1.25 x (engine from wire {e:.1f} + BaselineServer {floor:.1f} at {r['baseline-peak']['throughput']:.0f}/s) = {right:.1f} us: "
              f"{verdict}; above engine + floor: {svc - e - floor:.1f} us (allowed {0.25 * (e + floor):.1f})")
    else:
        print(f"(a) service CPU/op at 16 clients {svc:.1f} us, BaselineServer {floor:.1f} us at the same rate (no engine figure: set ENGINE_US or build benchmarks.jar)")
    sp, bp = r["sign-half"]["p99Ms"], r["baseline-half"]["p99Ms"]
    errs = r["sign-half"]["errors"] + r["baseline-half"]["errors"]
    verdict = counted("met" if sp <= 2 * bp and errs == 0 else "missed", noisy(r, ("sign-half", "baseline-half"), limit))
    print(f"(b) service p99 at {r['sign-half']['throughput']:.0f}/s {sp:.1f} ms  <=  2 x BaselineServer p99 {bp:.1f} ms = {2 * bp:.1f} ms, errors {errs}: "
          f"{verdict} (ratio {sp / bp if bp else float('nan'):.2f})")
    if "engine-floor-half" in r:
        ef = r["engine-floor-half"]
        ep = ef["p99Ms"]
        print(f"    the engine floor (BaselineServer + the engine's sign) at the same rate: p99 {ep:.1f} ms, errors {ef['errors']}; "
              f"ratios: engine floor / BaselineServer {ep / bp if bp else float('nan'):.2f}, service / engine floor {sp / ep if ep else float('nan'):.2f}")
    print("    steal in the windows (ms, limit %.0f per 20 s): %s" % (limit, ", ".join(f"{k} {steal_ms(v):.0f}" for k, v in r.items())))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "", sys.argv[3] if len(sys.argv) > 3 else "")
