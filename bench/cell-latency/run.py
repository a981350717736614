#!/usr/bin/python3
"""Cell latency through a real Jupyter client: trivial cells ("1 + i") sent to the Kernel Playground kernel one
after another, each timed from execute_request to its reply. Prints the first five cells and p50/p90 of the
next N.

The kernel warms its Java compiler up on a background thread when it starts (a cold javac makes the first
cells slow); --idle SECONDS waits that long after the start, as a learner reading the notebook would.

Needs the kernelspec (./kp notebook install) and Debian's jupyter-client.
--after K runs K trivial cells first, unmeasured: a long session (JShell keeps every snippet it was given).

Usage: bench/cell-latency/run.py [--idle SECONDS] [--after K] [N]   (defaults: 0 s, 0 cells, 40 cells)
"""
import argparse
import statistics
import time

from jupyter_client.manager import start_new_kernel

parser = argparse.ArgumentParser()
parser.add_argument("--idle", type=float, default=0)
parser.add_argument("--after", type=int, default=0)
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
    times = sorted(run(f"1 + {i}") for i in range(args.n))
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"after {args.idle:.0f} s idle and {args.after} cells: first 5 cells {', '.join('%.0f' % t for t in first)} ms; "
          f"next {args.n}: p50 {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, max {times[-1]:.1f} ms")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
