#!/usr/bin/env bash
# JMH (server-side one-round sign and its floor) and the @noble/curves FROST bench on the same
# machine, then the ratios against the targets.
#   mvn -B -q package -DskipTests && benchmarks/run-all.sh
#   JMH_ARGS="SigningBench|PrimitivesBench|ScalingBench" benchmarks/run-all.sh   # the full suite
#   JMH_OPTS="-wi 3 -i 8" ...                        # extra JMH options (iterations, forks)
#   ROUNDS=3 (default): after the main run, ROUNDS alternating pairs of a short JMH signOneRound
#   run and a noble run; the engine-vs-noble ratio is taken within each pair and the median pair
#   is reported. On a shared host whose speed drifts over minutes, a ratio of two figures taken
#   minutes apart is not a same-run ratio; one taken seconds apart is.
set -euo pipefail
cd "$(dirname "$0")"
OUT=${OUT:-results}
ROUNDS=${ROUNDS:-3}
mkdir -p "$OUT"
JMH_ARGS=${JMH_ARGS:-"SigningBench.(signOneRound|signOneRoundFromWire|unavoidableMultiplications|signRound1|signRound2)"}
java -jar target/benchmarks.jar "$JMH_ARGS" ${JMH_OPTS:-} -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt"
(cd node && [ -d node_modules ] || npm ci --no-audit --no-fund)
node node/frost-bench.mjs "${NODE_SECONDS:-15}" "$OUT/noble.json" | tee "$OUT/noble.txt"
for r in $(seq 1 "$ROUNDS"); do
  echo "== ratio round $r of $ROUNDS: JMH signOneRound, then noble, back to back"
  java -jar target/benchmarks.jar 'SigningBench.signOneRound$' -wi 5 -w 1 -i 5 -r 1 -f 1 -rf json -rff "$OUT/round$r-jmh.json" \
    | grep -E "^SigningBench" | tee "$OUT/round$r-jmh.txt"
  node node/frost-bench.mjs 9 "$OUT/round$r-noble.json" | tee "$OUT/round$r-noble.txt"
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, os, sys, statistics
out, rounds = sys.argv[1], int(sys.argv[2])
def scores(path):
    s = {}
    for r in json.load(open(path)):
        if ".SigningBench." in r["benchmark"]:  # ScalingBench has a signOneRound too (per n)
            s[(r["benchmark"].rsplit(".", 1)[1], r["params"]["suite"])] = r["primaryMetric"]["score"]
    return s
main = scores(os.path.join(out, "jmh.json"))
noble = json.load(open(os.path.join(out, "noble.json")))
print("\n== main run")
for suite in ("secp256k1", "poseidon", "taproot", "ed25519"):
    s = main.get(("signOneRound", suite))
    if s is None:
        continue
    line = f"{suite:10s} signOneRound {s:8.1f} us | vs libsecp256k1 FROST 127 us: {s/127:4.2f}x (target <= 2x, i.e. <= 254 us)"
    floor = main.get(("unavoidableMultiplications", suite))
    if floor:
        line += f" | vs its multiplications {floor:.1f} us: {s/floor:4.2f}x (target <= 1.5x)"
    ref = noble.get("secp256k1" if suite != "ed25519" else "ed25519")
    line += f" | noble {ref:.1f} us (minutes later): {ref/s:5.1f}x"
    print(line)
if rounds:
    print(f"\n== engine vs noble, {rounds} back-to-back pairs (target >= 15x); median pair")
    for suite in ("secp256k1", "poseidon", "taproot", "ed25519"):
        pairs = []
        for r in range(1, rounds + 1):
            s = scores(os.path.join(out, f"round{r}-jmh.json")).get(("signOneRound", suite))
            n = json.load(open(os.path.join(out, f"round{r}-noble.json"))).get("secp256k1" if suite != "ed25519" else "ed25519")
            pairs.append((n / s, s, n))
        pairs.sort()
        ratio, s, n = pairs[len(pairs) // 2]
        each = ", ".join(f"{p[0]:.1f}x ({p[1]:.0f}/{p[2]:.0f} us)" for p in sorted(pairs, key=lambda p: p[0]))
        print(f"{suite:10s} median {ratio:5.1f}x: signOneRound {s:.1f} us, noble {n:.1f} us | pairs: {each}")
PY
