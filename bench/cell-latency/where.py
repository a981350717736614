#!/usr/bin/python3
"""Where a trivial cell's time goes inside the kernel, through a real Jupyter client: the installed
kernel-playground kernelspec started with Java Flight Recorder on, --idle seconds for its javac warm-up, then N
trivial cells ("1 + i"); JFR's CPU samples of the thread that runs cells, taken while those cells ran, are
sorted into JShell's phases by the frames on their stacks. A sample is a statistic (one every ~10-20 ms of CPU),
not a timing: read shares, over a few hundred cells.

Needs the kernelspec (./kp notebook install), Debian's jupyter-client and the JDK's jcmd and jfr next to the
kernel's java.

--after K runs K trivial cells first, unrecorded (a long session), as run.py does. --leaves M also prints the M methods
the cell thread's samples most often ended in (where a phase's time goes).

Usage: bench/cell-latency/where.py [--idle SECONDS] [--after K] [--leaves M] [N]   (defaults: 20 s, 0, 0, 300 cells)
"""
import argparse
import collections
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

# First match wins, innermost phase first: a compile started by the expression's typing counts as typing.
PHASES = [
    ("JShell: typing the expression (javac, attribution only)", "jdk.jshell.ExpressionToTypeInfo"),
    ("JShell: compiling and loading the snippet (javac)", "jdk.jshell.Eval.compileAndLoad"),
    ("JShell: parsing the snippet", "jdk.jshell.TaskFactory.parse"),
    ("JShell: splitting the cell (analyzeCompletion)", "jdk.jshell.SourceCodeAnalysisImpl.analyzeCompletion"),
    ("running the snippet", "jdk.jshell.execution."),
    ("JShell: the rest of eval", "jdk.jshell."),
    ("the playground's cell code", "dev.kernelplayground."),
    ("Jupyter messaging and the shell loop's polling (jjava-jupyter)", "org.dflib.jjava"),
]

parser = argparse.ArgumentParser()
parser.add_argument("--idle", type=float, default=20)
parser.add_argument("--after", type=int, default=0)
parser.add_argument("--leaves", type=int, default=0)
parser.add_argument("n", type=int, nargs="?", default=300)
args = parser.parse_args()

spec = KernelSpecManager().get_kernel_spec("kernel-playground")
java = spec.argv[0]
jdk_bin = os.path.dirname(os.path.realpath(java))
work = tempfile.mkdtemp(prefix="kp-where-")
recording = os.path.join(work, "cells.jfr")
spec.argv = [java, "-XX:FlightRecorderOptions:stackdepth=256",
             f"-XX:StartFlightRecording=settings=profile,filename={recording}"] + spec.argv[1:]
os.makedirs(os.path.join(work, "kp-where"))
with open(os.path.join(work, "kp-where", "kernel.json"), "w") as f:
    json.dump(spec.to_dict(), f)  # the installed kernelspec with the recorder switched on
km = KernelManager(kernel_name="kp-where", kernel_spec_manager=KernelSpecManager(kernel_dirs=[work]))
km.start_kernel(stdout=subprocess.DEVNULL)  # the recorder's start-up lines
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)
try:
    time.sleep(args.idle)
    for i in range(args.after):
        kc.execute(f"2 + {i}", reply=True, timeout=60)
    start = datetime.datetime.now(datetime.timezone.utc)
    times = []
    for i in range(args.n):
        t0 = time.perf_counter()
        kc.execute(f"1 + {i}", reply=True, timeout=60)
        times.append((time.perf_counter() - t0) * 1000)
    end = datetime.datetime.now(datetime.timezone.utc)
    subprocess.run([os.path.join(jdk_bin, "jcmd"), str(km.provisioner.process.pid), "JFR.dump", f"filename={recording}"],
                   check=True, stdout=subprocess.DEVNULL)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    del kc  # its zmq context goes now, not at interpreter exit (jupyter_client 7.4 then logs a traceback)
    del kc  # while logging still works: jupyter_client's client logs from its finaliser

printed = subprocess.run([os.path.join(jdk_bin, "jfr"), "print", "--json", "--stack-depth", "256",
                          "--events", "jdk.ExecutionSample", recording], check=True, capture_output=True, text=True).stdout
events = json.loads(printed)["recording"]["events"]
phases = collections.Counter()
leaves = collections.Counter()
for e in events:
    values = e["values"]
    at = datetime.datetime.fromisoformat(values["startTime"])
    if not (start <= at <= end) or not values["sampledThread"]["javaName"].startswith("Shell-"):
        continue
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in values["stackTrace"]["frames"]]
    phase = next((name for name, prefix in PHASES if any(f.startswith(prefix) for f in frames)), "other (JDK, GC, class loading)")
    phases[phase] += 1
    if frames:
        leaves[frames[0]] += 1
times.sort()
total = sum(phases.values())
if total == 0:
    sys.exit(f"where.py: no CPU samples of a Shell-* thread (jjava-jupyter's, which runs cells) while the cells ran; "
             f"the recording: {recording}")
print(f"{args.n} cells '1 + i' after {args.idle:.0f} s idle and {args.after} cells: p50 {times[len(times) // 2]:.1f} ms, "
      f"p90 {times[int(0.9 * (len(times) - 1))]:.1f} ms; {total} CPU samples of the cell thread:")
for name, count in phases.most_common():
    print(f"  {100 * count / total:5.1f}%  {name}")
if args.leaves:
    print("the methods its samples ended in most often:")
    for name, count in leaves.most_common(args.leaves):
        print(f"  {100 * count / total:5.1f}%  {name}")
print(f"the recording (JDK Mission Control opens it): {recording}")
