# 2026-12-03: samples every 5 ms the CPU and run-queue wait (/proc/<pid>/task/<tid>/schedstat) of the
# service's event loops, JIT and VM threads, the load tool's and Redis's; run beside benchmarks/http-bench.sh:
#   python3 2026-12-03-thread-sampler.py /tmp/samples.txt & ... ; kill %1
# then 2026-12-03-thread-sampler-per-second.py /tmp/samples.txt HH:MM:SS HH:MM:SS
import os, sys, time
out = open(sys.argv[1], 'w')
def threads():
    res = []
    for p in os.listdir('/proc'):
        if not p.isdigit(): continue
        try: cmd = open(f'/proc/{p}/cmdline','rb').read()
        except: continue
        kind = None
        if b'signer-' in cmd and b'.jar' in cmd and b'load-tool' not in cmd: kind='svc'
        elif cmd.startswith(b'redis-server'): kind='redis'
        elif b'load-tool.jar' in cmd: kind='load'
        if not kind: continue
        for t in os.listdir(f'/proc/{p}/task'):
            try: c = open(f'/proc/{p}/task/{t}/comm').read().strip()
            except: continue
            if kind=='redis' and c!='redis-server': continue
            if kind!='redis' and not (c.startswith('vert.x-eventloo') or c.startswith('json-log') or c=='VM Thread' or c.startswith('C2') or c.startswith('C1')): continue
            res.append((kind, c, p, t))
    return res
ths = threads(); last_scan = time.time(); prev = {}
while True:
    now = time.time()
    if now - last_scan > 1: ths = threads(); last_scan = now
    for kind, c, p, t in ths:
        try:
            ss = open(f'/proc/{p}/task/{t}/schedstat').read().split()
            st = open(f'/proc/{p}/task/{t}/stat').read()
        except: continue
        state = st[st.rindex(')')+2]
        on, wait = int(ss[0]), int(ss[1])
        k = (p,t)
        if k in prev:
            don, dwait = on-prev[k][0], wait-prev[k][1]
            out.write(f'{now:.4f} {kind} {c} {t} {state} {don//1000} {dwait//1000}\n')
        prev[k] = (on, wait)
    time.sleep(0.005)
