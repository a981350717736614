#!/usr/bin/python3
"""Where a cell's time goes, through a real Jupyter client: kernel_info (transport only), an empty cell (the
kernel's execute path without JShell) and "1 + 1" (one JShell snippet), 30 each, p50. Needs the kernelspec
(./kp notebook install) and Debian's jupyter-client. Another kernel's name as the argument measures it the same
way (python3: Debian's ipykernel, for comparison)."""
import sys,time,statistics
from jupyter_client.manager import start_new_kernel
km,kc=start_new_kernel(kernel_name=sys.argv[1] if len(sys.argv) > 1 else "kernel-playground",startup_timeout=120)
try:
    def t_info():
        s=time.perf_counter(); kc.kernel_info(reply=True, timeout=30); return (time.perf_counter()-s)*1000
    def t_exec(code):
        s=time.perf_counter(); kc.execute(code, reply=True, timeout=60); return (time.perf_counter()-s)*1000
    for i in range(5): t_info(); t_exec("1")
    a=sorted(t_info() for _ in range(30)); b=sorted(t_exec("1 + 1") for _ in range(30)); c=sorted(t_exec("") for _ in range(30))
    print("kernel_info p50 %.1f ms; execute '1 + 1' reply p50 %.1f ms; empty cell p50 %.1f ms" % (statistics.median(a), statistics.median(b), statistics.median(c)))
finally:
    kc.stop_channels(); km.shutdown_kernel(now=True)
    del kc  # its zmq context goes now, not at interpreter exit (jupyter_client 7.4 then logs a traceback)
