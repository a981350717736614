#!/usr/bin/python3
"""N learners on a running JupyterHub, all at once, through the hub's REST API and each learner's server.

Started by bench/jupyterhub/run.sh (which starts the hub on loopback and stops it afterwards); run alone it
needs a hub at HUB_URL with a service token TOKEN that may create users, start their servers and reach them.
For each learner, at the same moment: create the user, start the server (timed to "ready"), start a Kernel
Playground kernel through the server's kernels API (timed to its first kernel_info_reply), run every code cell of
the notebook through the kernel's websocket (the same messages a browser sends), then — once every learner is
there — trivial cells one after another while all the others do the same. Then memory per learner: the RSS,
peak RSS and PSS of each kernel JVM and the RSS of each learner's server, read from /proc.

Usage: learners.py HUB_URL TOKEN N NOTEBOOK [TRIVIAL_CELLS]
Needs Debian's python3-requests and python3-websocket. Every wait is bounded.
"""
import datetime
import json
import os
import statistics
import sys
import threading
import time
import uuid

import requests
import websocket

HUB, TOKEN, N, NOTEBOOK = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3]), sys.argv[4]
TRIVIAL = int(sys.argv[5]) if len(sys.argv) > 5 else 40
WARMUP = 5
AUTH = {"Authorization": f"token {TOKEN}"}
SERVER_TIMEOUT, KERNEL_TIMEOUT, CELL_TIMEOUT = 300, 180, 300


def api(method, path, **kw):
    r = requests.request(method, HUB + path, headers=AUTH, timeout=60, **kw)
    if r.status_code >= 400:
        raise RuntimeError(f"{method} {path}: HTTP {r.status_code} {r.text[:300]}")
    return r.json() if r.text else None


def code_cells(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


class Kernel:
    """One kernel reached the way a browser reaches it: the kernels API and the channels websocket."""

    def __init__(self, base, name):
        self.base, self.session = base, uuid.uuid4().hex
        start = time.perf_counter()
        self.id = api("POST", f"{base}/api/kernels", json={"name": name})["id"]
        ws_url = HUB.replace("http", "ws", 1) + f"{base}/api/kernels/{self.id}/channels"
        deadline = time.monotonic() + KERNEL_TIMEOUT
        while True:  # the websocket opens once the kernel's ports are up
            try:
                self.ws = websocket.create_connection(ws_url, header=[f"Authorization: token {TOKEN}"], timeout=10)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        while True:  # kernel_info until the kernel answers: the JVM is up and serving
            try:
                self.request("kernel_info_request", {}, timeout=5, until="reply")
                break
            except TimeoutError:
                if time.monotonic() > deadline:
                    raise
        self.start_seconds = time.perf_counter() - start

    def request(self, msg_type, content, timeout, until="idle"):
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "learner", "session": self.session, "msg_type": msg_type,
                       "version": "5.3", "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": []}))
        deadline = time.monotonic() + timeout
        status, idle, reply = None, False, False
        while not (reply if until == "reply" else idle and reply):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{msg_type} took over {timeout} s")
            self.ws.settimeout(left)
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                raise TimeoutError(f"{msg_type} took over {timeout} s")
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif msg["msg_type"].endswith("_reply"):
                reply, status = True, msg["content"].get("status")
        return status

    def execute(self, code, timeout=CELL_TIMEOUT):
        start = time.perf_counter()
        status = self.request("execute_request", {"code": code, "silent": False, "store_history": True,
                                                  "user_expressions": {}, "allow_stdin": False,
                                                  "stop_on_error": True}, timeout)
        return status, time.perf_counter() - start

    def close(self):
        try:
            self.ws.close()
        finally:
            requests.delete(HUB + f"{self.base}/api/kernels/{self.id}", headers=AUTH, timeout=30)


def proc_status(pid):
    fields = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    fields["Pss"] = line.split(":")[1].strip()
    except OSError:
        pass
    return fields


def kib(fields, key):
    value = fields.get(key, "0 kB").split()[0]
    return int(value) / 1024  # MiB


def kernel_pid(kernel_id):
    """The kernel JVM: the process whose command line names the kernel's connection file."""
    needle = f"kernel-{kernel_id}.json".encode()
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if needle in f.read():
                        return int(pid)
            except OSError:
                pass
    return None


cells = code_cells(NOTEBOOK)
barrier = threading.Barrier(N, timeout=CELL_TIMEOUT * len(cells) + SERVER_TIMEOUT + KERNEL_TIMEOUT)
results = [dict(name=f"learner{i + 1}") for i in range(N)]


def learner(r):
    name = r["name"]
    kernel = None
    try:
        api("POST", f"/hub/api/users/{name}")
        start = time.perf_counter()
        api("POST", f"/hub/api/users/{name}/server")
        deadline = time.monotonic() + SERVER_TIMEOUT
        while not (api("GET", f"/hub/api/users/{name}").get("servers", {}).get("", {}).get("ready")):
            if time.monotonic() > deadline:
                raise TimeoutError(f"server not ready after {SERVER_TIMEOUT} s")
            time.sleep(0.2)
        r["server_s"] = time.perf_counter() - start
        kernel = Kernel(f"/user/{name}", "kernel-playground")
        r["kernel_s"] = kernel.start_seconds
        r["pid"] = kernel_pid(kernel.id)
        r["idle"] = kib(proc_status(r["pid"]), "VmRSS") if r["pid"] else 0  # a started kernel, before any cell
        start, failed = time.perf_counter(), []
        for i, code in enumerate(cells):
            status, _ = kernel.execute(code)
            if status != "ok":
                failed.append(i + 1)
        r["lesson_s"], r["failed"] = time.perf_counter() - start, failed
        barrier.wait()  # every learner here: trivial cells with N learners active
        for i in range(WARMUP):
            kernel.execute(f"{i} + 1", 60)
        r["trivial_ms"] = [kernel.execute(f"1 + {i}", 60)[1] * 1000 for i in range(TRIVIAL)]
        barrier.wait()  # memory once every learner is done, kernels still alive
        fields = proc_status(r["pid"]) if r["pid"] else {}
        r["rss"], r["hwm"], r["pss"] = kib(fields, "VmRSS"), kib(fields, "VmHWM"), kib(fields, "Pss")
        server = int(fields.get("PPid", "0"))
        r["server_rss"] = kib(proc_status(server), "VmRSS") if server else 0
        barrier.wait()
    except Exception as e:  # noqa: BLE001 — reported per learner, the others carry on
        r["error"] = f"{type(e).__name__}: {e}"
        barrier.abort()
    finally:
        if kernel:
            try:
                kernel.close()
            except Exception:  # noqa: BLE001
                pass
        try:
            requests.delete(HUB + f"/hub/api/users/{name}/server", headers=AUTH, timeout=60)
        except Exception:  # noqa: BLE001
            pass


def pct(values, q):
    values = sorted(values)
    return values[int(q * (len(values) - 1))]


threads = [threading.Thread(target=learner, args=(r,), daemon=True) for r in results]
for t in threads:
    t.start()
for t in threads:
    t.join(SERVER_TIMEOUT + KERNEL_TIMEOUT + CELL_TIMEOUT * (len(cells) + 2))

print(f"{'learner':<10} {'server s':>8} {'kernel s':>8} {'lesson s':>8} {'cells':>7} {'trivial p50/p90 ms':>19}"
      f" {'idle RSS':>8} {'kernel RSS':>10} {'peak':>6} {'PSS':>6} {'server RSS':>10}")
for r in results:
    if "error" in r and "rss" not in r:
        print(f"{r['name']:<10} FAILED: {r['error']}")
        continue
    t = r["trivial_ms"]
    cells_ok = f"{len(cells) - len(r['failed'])}/{len(cells)}"
    print(f"{r['name']:<10} {r['server_s']:8.1f} {r['kernel_s']:8.1f} {r['lesson_s']:8.1f} {cells_ok:>7}"
          f" {statistics.median(t):9.0f}/{pct(t, 0.9):<9.0f} {r['idle']:4.0f} MiB {r['rss']:7.0f} MiB {r['hwm']:6.0f} {r['pss']:6.0f}"
          f" {r['server_rss']:6.0f} MiB")
ok = [r for r in results if "rss" in r]
if len(ok) < N:
    print(f"{N - len(ok)} of {N} learners failed")
    sys.exit(1)
trivial = [x for r in ok for x in r["trivial_ms"]]
failed = sum(len(r["failed"]) for r in ok)
print(f"N={N}: start a learner: server {statistics.median(r['server_s'] for r in ok):.1f} s median "
      f"(max {max(r['server_s'] for r in ok):.1f}), kernel {statistics.median(r['kernel_s'] for r in ok):.1f} s "
      f"(max {max(r['kernel_s'] for r in ok):.1f}); lesson 1 {statistics.median(r['lesson_s'] for r in ok):.1f} s "
      f"(max {max(r['lesson_s'] for r in ok):.1f}), {failed} failing cells; trivial cells with {N} active: "
      f"p50 {statistics.median(trivial):.0f} ms, p90 {pct(trivial, 0.9):.0f} ms; per learner: kernel JVM RSS "
      f"{statistics.mean(r['idle'] for r in ok):.0f} MiB started, after lesson 1 "
      f"{statistics.mean(r['rss'] for r in ok):.0f} MiB (peak {max(r['hwm'] for r in ok):.0f}, PSS "
      f"{statistics.mean(r['pss'] for r in ok):.0f}), server RSS {statistics.mean(r['server_rss'] for r in ok):.0f} MiB")
sys.exit(1 if failed else 0)
