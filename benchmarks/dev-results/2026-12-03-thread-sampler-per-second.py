# per second of 2026-12-03-thread-sampler.py's samples: CPU ms (on), ms runnable but waiting for a CPU (wq), samples in state R
import collections, datetime, sys
agg = collections.defaultdict(lambda: [0,0,0,collections.Counter()])
for l in open(sys.argv[1]):
    p = l.split()
    ts, kind = p[0], p[1]; state, on, wait = p[-3], p[-2], p[-1]; c = ' '.join(p[2:-4])
    sec = datetime.datetime.utcfromtimestamp(float(ts)).strftime('%H:%M:%S')
    key = (sec, kind, 'EL' if c.startswith('vert.x') else c[:2])
    a = agg[key]; a[0]+=int(on); a[1]+=int(wait); a[2]+=1; a[3][state]+=1
secs = sorted(set(k[0] for k in agg))
for s in secs:
    if not (sys.argv[2] <= s <= sys.argv[3]): continue
    row = []
    for kind, c in [('svc','EL'),('load','EL'),('redis','re'),('svc','C2'),('load','C2'),('svc','VM')]:
        a = agg.get((s,kind,c))
        if a: row.append(f"{kind}/{c} on={a[0]//1000:4d} wq={a[1]//1000:4d} R{a[3]['R']}")
    print(s, ' | '.join(row))
