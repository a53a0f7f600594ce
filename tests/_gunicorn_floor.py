"""gunicorn CPU per request on loopback (docs/scaling-floor.md). Not collected by the suite; run
it on its own: `python tests/_gunicorn_floor.py PORT N CONCURRENCY URL` with the production env
(DJANGO_DEBUG=0 …). Starts config/gunicorn.py, sends N keep-alive GETs from CONCURRENCY client
threads and divides the CPU of the gunicorn processes it started (by pid) by N."""
import http.client
import os
import signal
import subprocess
import sys
import threading
import time

port, n, conc = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
url = sys.argv[4]
env = dict(os.environ)
tick = os.sysconf("SC_CLK_TCK")

def cpu(pids):
    t = 0
    for p in pids:
        try:
            f = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
            t += int(f[11]) + int(f[12]) + int(f[13]) + int(f[14])
        except OSError:
            pass
    return t / tick

proc = subprocess.Popen([".venv/bin/python", "-m", "gunicorn", "-c", "config/gunicorn.py",
                         "config.wsgi:application"], env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                        stdout=open("var/gunicorn.out", "w"), stderr=subprocess.STDOUT,
                        start_new_session=True)
for _ in range(240):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", url)
        if c.getresponse().status == 200:
            break
    except OSError:
        pass
    time.sleep(0.5)
time.sleep(3)
kids = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
pids = [proc.pid, *map(int, kids)]
cookie = env.get("COOKIE", "")
def run(k):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(k):
        c.request("GET", url, headers={"Cookie": cookie} if cookie else {})
        r = c.getresponse()
        r.read()
        assert r.status == 200, r.status
for _ in range(2):
    run(50)
before, w = cpu(pids), time.perf_counter()
ts = [threading.Thread(target=run, args=(n // conc,)) for _ in range(conc)]
for t in ts:
    t.start()
for t in ts:
    t.join()
after, w = cpu(pids), time.perf_counter() - w
print(f"{url} conc={conc} workers/threads={env.get('GUNICORN_WORKERS','default')}/{env.get('GUNICORN_THREADS','4')} "
      f"accesslog={env.get('GUNICORN_ACCESSLOG','-')!r}: {(after-before)/n*1000:.2f} ms CPU/request, {n/w:.0f} req/s")
os.killpg(proc.pid, signal.SIGTERM)
proc.wait()
