#!/usr/bin/python3
"""Two builds of the kernel side by side: trivial cells ("1 + i") taking turns between two kernels running at once,
so both see the same machine (on a shared machine, runs one after the other differ by more than most changes).
Each kernel is the installed kernel-playground kernelspec with its kp.jar replaced by the one given. Prints, per
build, p50/p90 of the cell's time through the Jupyter client and of the CPU time of the kernel thread that runs
cells (jjava-jupyter's Shell-0, from /proc: time waiting for a core is not in it).

--idle SECONDS waits after the start (the kernels' javac warm-up); --after K runs K trivial cells in each first,
unmeasured (a long session); --cell CODE measures another cell, {i} standing for the cell's number (e.g. '"x" + {i}',
an expression whose value is an object).

Needs the kernelspec (./kp notebook install) and Debian's jupyter-client; Linux (/proc).

Usage: bench/cell-latency/versus.py [--idle SECONDS] [--after K] [--cell CODE] A.jar B.jar [N]   (defaults: 25 s, 300 cells, 200)
"""
import argparse
import json
import os
import statistics
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

import kernel_threads

parser = argparse.ArgumentParser()
parser.add_argument("--idle", type=float, default=25)
parser.add_argument("--after", type=int, default=300)
parser.add_argument("--cell", default="1 + {i}")
parser.add_argument("jars", nargs=2)
parser.add_argument("n", type=int, nargs="?", default=200)
args = parser.parse_args()

installed = KernelSpecManager().get_kernel_spec("kernel-playground")
jar_at = installed.argv.index("-jar") + 1
work = tempfile.mkdtemp(prefix="kp-versus-")
kernels = []
for index, jar in enumerate(args.jars):
    spec = installed.to_dict()
    spec["argv"] = installed.argv[:jar_at] + [os.path.abspath(jar)] + installed.argv[jar_at + 1:]
    os.makedirs(os.path.join(work, f"build{index}"))
    with open(os.path.join(work, f"build{index}", "kernel.json"), "w") as f:
        json.dump(spec, f)
    km = KernelManager(kernel_name=f"build{index}", kernel_spec_manager=KernelSpecManager(kernel_dirs=[work]))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kernels.append((km, kc))


def run(kc, code):
    start = time.perf_counter()
    kc.execute(code, reply=True, timeout=60)
    return (time.perf_counter() - start) * 1000


try:
    for _, kc in kernels:
        kc.wait_for_ready(timeout=120)
    time.sleep(args.idle)
    pids = [km.provisioner.process.pid for km, _ in kernels]
    threads = [kernel_threads.cell_thread(pid) for pid in pids]
    for i in range(args.after):
        for _, kc in kernels:
            run(kc, f"2 + {i}")
    walls, cpus = [[], []], [[], []]
    for i in range(args.n):
        for k, (_, kc) in enumerate(kernels):
            before = kernel_threads.times(pids[k], threads[k])[0]
            walls[k].append(run(kc, args.cell.replace("{i}", str(i))))
            cpus[k].append(kernel_threads.times(pids[k], threads[k])[0] - before)
    for k, jar in enumerate(args.jars):
        wall, cpu = sorted(walls[k]), sorted(cpus[k])
        p90 = int(0.9 * (args.n - 1))
        print(f"{jar}: {args.n} cells after {args.after}: p50 {statistics.median(wall):.1f} ms, p90 {wall[p90]:.1f} ms; "
              f"cell thread CPU p50 {statistics.median(cpu):.1f} ms, p90 {cpu[p90]:.1f} ms")
finally:
    for km, kc in kernels:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    del kc, kernels[:]  # while logging still works: jupyter_client's client logs from its finaliser
