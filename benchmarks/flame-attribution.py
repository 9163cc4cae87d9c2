# python3 benchmarks/flame-attribution.py PROFILE.collapsed CPU_US_PER_OP
# Attributes an async-profiler collapsed profile (dump,collapsed) of a signer service or BaselineServer
# to the components of docs/benchmarks.md's overhead table: the deepest frame matching a rule wins.
# Stacks no rule matches go by thread kind (GC, JIT compiler, netty/Vert.x, kernel).
import collections
import re
import sys

RULES = [
 ("engine (FROST sign)", r"SigningService\.lambda\$sign\$2|Secp256k1|Ed25519|bouncycastle/math|Poseidon|Signing\.(sign|commit)|SigningNonces|ScalarField"),
 ("engine: decode/encode elements", r"deserializeElement|serializeElement|serializeScalar|deserializeScalar|decodePoint"),
 ("Redis GET (client side)", r"RedisStore|io/vertx/redis"),
 ("request body: JSON parse", r"Json\.bodyObject|BodyHandlerImpl"),
 ("request validation (parseSign)", r"SigningRoutes\.parseSign"),
 ("answer: render tree", r"SigningRoutes\.render"),
 ("answer: JSON serialize", r"ObjectMapper\.writeValue|JsonGenerator"),
 ("access log (RequestLog, formatter)", r"RequestLog|JsonLogging|JsonLogFormatter|java/util/logging"),
 ("request journal", r"RequestJournal"),
 ("metrics (Micrometer)", r"micrometer|ops/Metrics"),
 ("tenants", r"auth/Tenants"),
 ("rate limiter", r"RateLimiter"),
 ("deadlines (SlowClients)", r"SlowClients"),
 ("path check", r"rejectInvalidPath|normalizedPath"),
 ("request scope/faults/decoration", r"SignerContext\.scope|FaultInjector|Faults|Decoration|RequestScope"),
 ("keys: cache, record", r"KeyService|StateRepository|KeyCache|KeyRecord|StateCodec|SecretBox"),
 ("signing service glue (nonces, package)", r"SigningService"),
 ("Vert.x routing", r"io/vertx/ext/web/impl/(RouterImpl|RouteState|RoutingContextImpl\.(next|doEnd|iterateNext))"),
 ("HTTP: response write (netty + kernel)", r"Http1xServerResponse\.end|Http1xServerConnection\.write"),
]
RULES = [(n, re.compile(p)) for n, p in RULES]
def classify(fr):
    best = None; bi = -1
    for i, f in enumerate(fr):
        for n, p in RULES:
            if p.search(f):
                if i >= bi: best, bi = n, i
                break
    if best: return best
    s = ";".join(fr)
    if "JsonLogging" in s: return "access log (RequestLog, formatter)"
    if re.search(r"GenCollect|GCTask|G1|SerialHeap|DefNew|VM_Operation", s): return "GC"
    if re.search(r"CompileBroker|C2Compiler|Compilation::", s): return "JIT compiler"
    if "io/netty" in s or "io/vertx" in s:
        if re.search(r"_\[k\]", fr[-1]): return "HTTP: netty + kernel (syscalls, loopback TCP)"
        return "HTTP: netty/vert.x core (Java)"
    if re.search(r"_\[k\]", fr[-1]): return "kernel other"
    return "other JVM"
tot = 0; c = collections.Counter()
for l in open(sys.argv[1]):
    st, _, n = l.rstrip().rpartition(' ')
    n = int(n); tot += n; c[classify(st.split(';'))] += n
us = float(sys.argv[2]) if len(sys.argv) > 2 else 0
for k, v in c.most_common():
    print(f"{k:45s} {v/tot*100:6.2f}%" + (f"  {v/tot*us:7.1f} us" if us else ""))
