"""Drives the sandboxed kernel (kp notebook install --sandbox) with Jupyter's own client library, as a
learner's notebook on a shared server would: ordinary cells (Java, a Java kernel on OpenCL, %%cuda), then
cells that try to get out — write outside the notebook folder, read another learner's file, write a file
over the size limit, a fork bomb — and a restart after the bomb. Prints one JSON line of findings.

Usage: python3 sandbox_probe.py KERNEL_NAME NOTEBOOK_FOLDER OUTSIDE_FILE OTHER_LEARNERS_FILE FILE_LIMIT_BYTES
(with JUPYTER_DATA_DIR pointing at the installed kernelspec; the kernel starts in NOTEBOOK_FOLDER)
"""
import json
import os
import queue
import sys
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
        # a shell fork bomb: it never ends by itself, the process limit holds it; a restart ends it with the sandbox
        found["fork_bomb"] = run(kc, 'new ProcessBuilder("sh", "-c", "%s").start();\nThread.sleep(3000);\n"bombed"' % BOMB)
        # seen from outside (the same user): how many of the bomb's processes live, at most, over two seconds
        samples = []
        for _ in range(10):
            samples.append(bomb_processes())
            time.sleep(0.2)
        found["bomb_processes"] = max(samples)
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
