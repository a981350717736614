#!/usr/bin/python3
"""Cell latency through a real Jupyter client: trivial cells ("1 + i") sent to the Kernel Playground kernel one
after another, each timed from execute_request to its reply. Prints the first five cells and p50/p90 of the
next N.

The kernel warms its Java compiler up on a background thread when it starts (a cold javac makes the first
cells slow); --idle SECONDS waits that long after the start, as a learner reading the notebook would.

Needs the kernelspec (./kp notebook install) and Debian's jupyter-client.
--after K runs K trivial cells first, unmeasured: a long session (JShell keeps every snippet it was given).

--tail M also prints the M slowest of the measured cells and the median one, each with what the kernel did meanwhile,
read from /proc (Linux): the CPU time of the thread that runs cells (jjava-jupyter's Shell-0), its time waiting for a
core, its page faults, and the CPU time of the kernel's other threads with the busiest named (a JIT compiler thread,
the collector).

Usage: bench/cell-latency/run.py [--idle SECONDS] [--after K] [--tail M] [N]   (defaults: 0 s, 0 cells, 0, 40 cells)
"""
import argparse
import statistics
import time

from jupyter_client.manager import start_new_kernel

import kernel_threads

parser = argparse.ArgumentParser()
parser.add_argument("--idle", type=float, default=0)
parser.add_argument("--after", type=int, default=0)
parser.add_argument("--tail", type=int, default=0)
parser.add_argument("n", type=int, nargs="?", default=40)
args = parser.parse_args()
km, kc = start_new_kernel(kernel_name="kernel-playground", startup_timeout=120)
try:
    time.sleep(args.idle)

    def run(code):
        start = time.perf_counter()
        kc.execute(code, reply=True, timeout=60)
        return (time.perf_counter() - start) * 1000

    first = [run(f"{i} + 1") for i in range(5)]
    for i in range(args.after):
        run(f"2 + {i}")
    pid = km.provisioner.process.pid
    cells = []
    for i in range(args.n):
        before = kernel_threads.threads(pid) if args.tail else None
        wall = run(f"1 + {i}")
        if args.tail:
            after = kernel_threads.threads(pid)
            spent = {k: tuple(a - b for a, b in zip(after[k], before.get(k, (0, 0, 0)))) for k in after}
            cell = next(k for k in spent if k.startswith("Shell-0:"))
            others = {k.split(":")[0]: v[0] for k, v in spent.items() if k != cell}
            busiest = max(others, key=others.get)
            cells.append((wall, *spent[cell], sum(others.values()), busiest, others[busiest], i))
        else:
            cells.append((wall,))
    cells.sort()
    times = [c[0] for c in cells]
    if args.tail:
        print("cell #  wall ms  cell thread: CPU ms  waiting ms  page faults  other threads: CPU ms  busiest")
        for c in cells[-args.tail:] + [cells[len(cells) // 2]]:
            print(f"{c[7]:6d}  {c[0]:7.1f}  {c[1]:19.1f}  {c[2]:10.1f}  {c[3]:11d}  {c[4]:21.1f}  {c[5]} {c[6]:.1f}"
                  + ("   (the median cell)" if c is cells[len(cells) // 2] else ""))
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"after {args.idle:.0f} s idle and {args.after} cells: first 5 cells {', '.join('%.0f' % t for t in first)} ms; "
          f"next {args.n}: p50 {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, max {times[-1]:.1f} ms")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    del kc  # its zmq context goes now, not at interpreter exit (jupyter_client 7.4 then logs a traceback)
