# which event loop (epoll instance) of PID holds which established connection to PORT, and the bytes
# each connection received: two snapshots DT seconds apart
import os, re, subprocess, sys, time
pid, port, dt = sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 10
def snap():
    fd2ino, epolls = {}, []
    for fd in os.listdir(f'/proc/{pid}/fd'):
        try: l = os.readlink(f'/proc/{pid}/fd/{fd}')
        except OSError: continue
        if l.startswith('socket:['): fd2ino[fd] = l[8:-1]
        elif l == 'anon_inode:[eventpoll]': epolls.append(fd)
    out = subprocess.run(['ss', '-tinHe', 'state', 'established', f'( sport = :{port} )'], capture_output=True, text=True).stdout
    ino2bytes, cur = {}, None
    for line in out.splitlines():
        m = re.search(r'ino:(\d+)', line)
        if m: cur = m.group(1)
        b = re.search(r'bytes_received:(\d+)', line)
        if b and cur: ino2bytes[cur] = int(b.group(1))
    loops = {}
    for ep in epolls:
        try: info = open(f'/proc/{pid}/fdinfo/{ep}').read()
        except OSError: continue
        tfds = re.findall(r'tfd:\s+(\d+)', info)
        loops[ep] = {fd2ino[t]: ino2bytes[fd2ino[t]] for t in tfds if t in fd2ino and fd2ino[t] in ino2bytes}
    return loops
a = snap(); time.sleep(dt); b = snap()
tot = 0; rows = []
for ep in b:
    conns = b[ep]
    if not conns: continue
    d = {i: conns[i] - a.get(ep, {}).get(i, 0) for i in conns}
    s = sum(d.values()); tot += s
    top = sorted(d.values(), reverse=True)
    rows.append((ep, len(conns), s, sum(1 for v in top if v > 0), top[:6]))
for ep, n, s, active, top in rows:
    print(f"epoll fd {ep}: {n} connections, {active} active in the {dt:.0f} s, {s/1e6:.2f} MB received ({s/max(tot,1)*100:.0f} %), busiest {[round(v/1e3) for v in top]} kB")
