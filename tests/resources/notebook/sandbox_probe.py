"""Drives the sandboxed kernel (kp notebook install --sandbox) with Jupyter's own client library, as a
learner's notebook on a shared server would: ordinary cells (Java, a Java kernel on OpenCL, %%cuda), then
cells that try to get out — write outside the notebook folder, read another learner's file, write a file
over the size limit, a fork bomb — and a restart after the bomb. Prints one JSON line of findings.

Usage: python3 sandbox_probe.py KERNEL_NAME NOTEBOOK_FOLDER OUTSIDE_FILE OTHER_LEARNERS_FILE FILE_LIMIT_BYTES
(with JUPYTER_DATA_DIR pointing at the installed kernelspec; the kernel starts in NOTEBOOK_FOLDER)
"""
import glob
import json
import os
import queue
import sys
import threading
import time

from jupyter_client.manager import start_new_kernel


def run(client, code, timeout=120):
    """Executes code; returns (status, text) with text everything the cell showed (values, output, errors)."""
    msg_id = client.execute(code)
    texts = []
    deadline = time.monotonic() + timeout
    while True:
        try:
            msg = client.get_iopub_msg(timeout=max(1, deadline - time.monotonic()))
        except queue.Empty:
            return "no answer in %d s" % timeout, "\n".join(texts)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            break
        if kind == "stream":
            texts.append(content["text"])
        elif kind in ("execute_result", "display_data"):
            texts.append(content.get("data", {}).get("text/plain", ""))
        elif kind == "error":
            texts.append("\n".join(content.get("traceback", [])))
    while True:
        try:
            reply = client.get_shell_msg(timeout=max(1, deadline - time.monotonic()))
        except queue.Empty:
            return "no reply in %d s" % timeout, "\n".join(texts)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"].get("status"), "\n".join(texts)


BOMB = "b() { b | b & }; b"


def bomb_processes():
    """The processes on this machine whose command line is the fork bomb's."""
    count = 0
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                count += BOMB.encode() in f.read()
        except (OSError, ValueError):
            pass
    return count


def sandbox_pids(name):
    """Summed over the sandboxes' pids cgroups (where the sandbox limits processes with one, as root): pids.current,
    or the times pids.events says a fork was refused at the limit; None without such a cgroup."""
    folders = glob.glob("/sys/fs/cgroup/pids/kp-sandbox-*") + glob.glob("/sys/fs/cgroup/kp-sandbox-*")
    total = None
    for folder in folders:
        try:
            with open(os.path.join(folder, name)) as f:
                text = f.read()
        except OSError:
            continue
        value = int(text) if name == "pids.current" else sum(
            int(line.split()[1]) for line in text.splitlines() if line.startswith("max "))
        total = (total or 0) + value
    return total


def main():
    name, folder, outside, other, file_limit = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    found = {}
    km, kc = start_new_kernel(kernel_name=name, startup_timeout=120, cwd=folder)
    try:
        found["banner"] = kc.kernel_info(reply=True, timeout=30)["content"].get("banner", "")
        found["java"] = run(kc, "int answer = 6 * 7;\nanswer")
        found["write_here"] = run(kc, 'java.nio.file.Files.writeString(java.nio.file.Path.of("mine.txt"), "ok").toString()')
        found["chained"] = run(kc, "dev.kernelplayground.process.SignalChaining.loaded()")
        found["opencl"] = run(kc, 'Playground.use("opencl:0");\nPlayground.run("vector_add", 100_003).passed()')
        found["cuda"] = run(kc, "\n".join([
            "%%cuda",
            "// @kp kernel:  add_one",
            "// @kp teaches: that the emulator's compiler runs inside the sandbox",
            "// @kp check:   vector_add n",
            "// @kp args:    const float* a, const float* b, float* out, int n",
            "// @kp grid:    cdiv(n, 32), 1, 1",
            "// @kp block:   32, 1, 1",
            "// @kp smem:    0",
            'extern "C" __global__ void add_one(const float* a, const float* b, float* out, int n) {',
            "  int i = blockIdx.x * blockDim.x + threadIdx.x;",
            "  if (i < n) out[i] = a[i] + b[i];",
            "}"]))
        found["cuda_run"] = run(kc, 'Playground.use("emulator");\nPlayground.cuda("add_one", 1003).passed()')
        found["write_outside"] = run(kc, 'java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "escaped")' % outside)
        found["write_system"] = run(kc, 'java.nio.file.Files.writeString(java.nio.file.Path.of("/usr/kp-escaped"), "escaped")')
        found["read_other"] = run(kc, 'java.nio.file.Files.readString(java.nio.file.Path.of("%s"))' % other)
        found["network"] = run(kc, 'new java.net.Socket("1.1.1.1", 80)', timeout=60)
        found["too_large"] = run(kc, 'java.nio.file.Files.write(java.nio.file.Path.of("big.bin"), new byte[%d]); "written"' % (file_limit + 4096))
        found["after_walls"] = run(kc, "answer + 1")
        # a shell fork bomb: the process limit holds it; a restart ends it with the sandbox. Its processes are counted
        # from outside (the same user) while its cell runs and for two seconds after, and the most seen is kept: at
        # the limit every fork fails and each sh exits, so the bomb can die out by itself before its cell ends
        samples = []
        cell_done = threading.Event()

        def count_bombs():
            deadline = None
            while deadline is None or time.monotonic() < deadline:
                samples.append(bomb_processes())
                if deadline is None and cell_done.is_set():
                    deadline = time.monotonic() + 2
                time.sleep(0.02)

        found["pids_before_bomb"] = sandbox_pids("pids.current")
        counter = threading.Thread(target=count_bombs)
        counter.start()
        found["fork_bomb"] = run(kc, 'new ProcessBuilder("sh", "-c", "%s").start();\nThread.sleep(3000);\n"bombed"' % BOMB)
        cell_done.set()
        counter.join()
        found["bomb_processes"] = max(samples)
        found["forks_refused"] = sandbox_pids("pids.events")
        start = time.perf_counter()
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=120)
        found["restart_seconds"] = round(time.perf_counter() - start, 2)
        found["after_restart"] = run(kc, "int answer = 6 * 7;\nanswer")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    print(json.dumps(found))


if __name__ == "__main__":
    main()
