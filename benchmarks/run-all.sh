#!/usr/bin/env bash
# JMH (server-side one-round sign and its floor) and the @noble/curves FROST bench, back to back
# on the same machine, then the ratios against the targets.
#   mvn -B -q package -DskipTests && benchmarks/run-all.sh
#   JMH_ARGS="SigningBench|PrimitivesBench|ScalingBench" benchmarks/run-all.sh   # the full suite
#   JMH_OPTS="-wi 3 -i 8" ...                        # extra JMH options (iterations, forks)
set -euo pipefail
cd "$(dirname "$0")"
OUT=${OUT:-results}
mkdir -p "$OUT"
JMH_ARGS=${JMH_ARGS:-"SigningBench.(signOneRound|unavoidableMultiplications|signRound1|signRound2)"}
java -jar target/benchmarks.jar "$JMH_ARGS" ${JMH_OPTS:-} -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt"
(cd node && [ -d node_modules ] || npm ci --no-audit --no-fund)
node node/frost-bench.mjs "${NODE_SECONDS:-15}" "$OUT/noble.json" | tee "$OUT/noble.txt"
python3 - "$OUT/jmh.json" "$OUT/noble.json" <<'PY'
import json, sys
jmh = json.load(open(sys.argv[1])); noble = json.load(open(sys.argv[2]))
score = {}
for r in jmh:
    if ".SigningBench." not in r["benchmark"]:
        continue  # ScalingBench has a signOneRound too (per n)
    name = r["benchmark"].rsplit(".", 1)[1]
    score[(name, r["params"]["suite"])] = r["primaryMetric"]["score"]
print("\n== ratios (same run)")
for suite in ("secp256k1", "poseidon", "ed25519"):
    s = score.get(("signOneRound", suite))
    if s is None:
        continue
    line = f"{suite:10s} signOneRound {s:8.1f} us | vs libsecp256k1 FROST 127 us: {s/127:4.2f}x (target <= 2x, i.e. <= 254 us)"
    floor = score.get(("unavoidableMultiplications", suite))
    if floor:
        line += f" | vs its multiplications {floor:.1f} us: {s/floor:4.2f}x (target <= 1.5x)"
    ref = noble.get("secp256k1" if suite != "ed25519" else "ed25519")
    line += f" | noble FROST {ref:.1f} us is {ref/s:5.1f}x slower (target >= 15x)"
    print(line)
PY
