#!/usr/bin/python3
"""Cell latency through a real Jupyter client: N trivial cells ("1 + i") sent to the Kernel Playground kernel
one after another, each timed from execute_request to the idle status that ends it. Prints p50, p90, max.

Needs the kernelspec (./kp notebook install) and Debian's jupyter-client (python3-jupyter-client).
Usage: bench/cell-latency/run.py [N]   (default 40; the first 5 cells warm the JVM and are not counted)
"""
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
km, kc = start_new_kernel(kernel_name="kernel-playground", startup_timeout=120)
try:
    def run(code):
        start = time.perf_counter()
        msg_id = kc.execute(code)
        while True:
            msg = kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                    and msg["content"]["execution_state"] == "idle":
                return time.perf_counter() - start

    for i in range(5):
        run(f"{i} + 1")
    times = sorted(run(f"1 + {i}") * 1000 for i in range(n))
    p50 = statistics.median(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"{n} trivial cells: p50 {p50:.1f} ms, p90 {p90:.1f} ms, max {times[-1]:.1f} ms")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
