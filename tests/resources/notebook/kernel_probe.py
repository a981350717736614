"""Drives the playground's Jupyter kernel with Jupyter's own client library (jupyter_client), as a
notebook front end does: a trivial cell's latency, an interrupt of a runaway loop (in Java, in a CUDA kernel on
the emulator, in a Java kernel on OpenCL), and a message with a bad HMAC signature that the kernel must drop
while it keeps serving. Prints one JSON line of findings.

Usage: python3 kernel_probe.py KERNEL_NAME  (with JUPYTER_DATA_DIR pointing at the installed kernelspec)
"""
import json
import statistics
import sys
import threading
import time

from jupyter_client.manager import start_new_kernel


def run(client, code, timeout=60):
    """Executes code; returns (status, outputs) with outputs the iopub messages of that request."""
    msg_id = client.execute(code)
    outputs = []
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        if kind in ("stream", "execute_result", "error", "display_data", "update_display_data"):
            outputs.append(msg)
    while True:
        reply = client.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"].get("status"), outputs


def main():
    name = sys.argv[1]
    found = {}
    km, kc = start_new_kernel(kernel_name=name, startup_timeout=120)
    try:
        status, outputs = run(kc, "int answer = 6 * 7;\nanswer")
        found["first_cell"] = status
        found["first_value"] = [o["content"].get("data", {}).get("text/plain") for o in outputs]

        latencies = []
        for i in range(40):
            start = time.perf_counter()
            status, _ = run(kc, "1 + %d" % i)
            latencies.append((time.perf_counter() - start) * 1000)
            assert status == "ok", status
        latencies.sort()
        found["trivial_cell_ms_p50"] = round(statistics.median(latencies), 2)
        found["trivial_cell_ms_p90"] = round(latencies[int(0.9 * len(latencies)) - 1], 2)

        status, outputs = run(kc, "int[] xs = {1, 2};\nint y = 3;\nxs[y] = 4;")
        found["exception_status"] = status
        found["exception_text"] = "\n".join(
            "\n".join(o["content"].get("traceback", [])) for o in outputs if o["msg_type"] == "error")

        status, outputs = run(kc, "int a = 1;\nint b = 2;\nString s = a + b;")
        found["compile_error_text"] = "\n".join(
            "\n".join(o["content"].get("traceback", [])) for o in outputs if o["msg_type"] == "error")

        # a sweep shows one progress line and updates it in place, then its table
        status, outputs = run(kc, 'Playground.use("jtp");\nPlayground.sweep("vector_add", new int[] {1001}, new int[] {2003}, new int[] {3005})')
        found["sweep_status"] = status
        found["sweep_messages"] = [o["msg_type"] for o in outputs]
        found["sweep_last_update"] = [o["content"]["data"].get("text/plain") for o in outputs
                                      if o["msg_type"] == "update_display_data"][-1:]

        # interrupt a runaway loop (interrupt_mode: message sends interrupt_request on the control channel)
        start = time.perf_counter()
        threading.Timer(2.0, km.interrupt_kernel).start()  # one request, as a learner presses once
        status, outputs = run(kc, "long n = 0;\nwhile (true) { n++; }", timeout=60)
        found["interrupt_status"] = status
        found["interrupt_seconds"] = round(time.perf_counter() - start, 2)
        status, outputs = run(kc, "answer + 1")
        found["after_interrupt"] = [o["content"].get("data", {}).get("text/plain") for o in outputs]

        # interrupt a CUDA kernel that loops forever on the emulator (a child process of the kernel)
        status, outputs = run(kc, "\n".join([
            "%%cuda",
            "// @kp kernel:  spin_forever",
            "// @kp teaches: nothing: it never ends",
            "// @kp check:   vector_add n",
            "// @kp args:    const float* a, const float* b, float* out, int n",
            "// @kp grid:    cdiv(n, 32), 1, 1",
            "// @kp block:   32, 1, 1",
            "// @kp smem:    0",
            "extern \"C\" __global__ void spin_forever(const float* a, const float* b, float* out, int n) {",
            "  volatile int k = 0; while (true) { k++; }",
            "}"]), timeout=120)
        found["cuda_cell"] = status
        start = time.perf_counter()
        threading.Timer(3.0, km.interrupt_kernel).start()
        status, outputs = run(kc, 'Playground.use("emulator");\nPlayground.cuda("spin_forever", 64)', timeout=60)
        found["cuda_interrupt_status"] = status
        found["cuda_interrupt_seconds"] = round(time.perf_counter() - start, 2)
        found["cuda_interrupt_text"] = "\n".join(
            "\n".join(o["content"].get("traceback", [])) for o in outputs if o["msg_type"] == "error")

        # a message signed with the wrong key: the kernel must drop it and keep answering
        session = kc.session
        real_key = session.key
        session.key = b"not-the-key"
        session.auth = None
        session.key = b"not-the-key"
        bad = session.msg("execute_request", {"code": "answer = -1;", "silent": False,
                                                "store_history": True, "user_expressions": {},
                                                "allow_stdin": False, "stop_on_error": True})
        session.send(kc.shell_channel.socket, bad)
        session.key = real_key
        time.sleep(1.0)
        status, outputs = run(kc, "answer", timeout=30)
        found["after_bad_hmac"] = [o["content"].get("data", {}).get("text/plain") for o in outputs]

        # interrupt a Java kernel that loops forever on OpenCL (PoCL: it spins on every core until the kernel
        # process ends, so this part runs last): the cell must end with words, and the kernel go on serving
        status, outputs = run(kc, "dev.kernelplayground.process.SignalChaining.loaded()")
        found["chained"] = [o["content"].get("data", {}).get("text/plain") for o in outputs]
        status, outputs = run(kc, "var cl = AparapiDeviceList.openCl().stream().findFirst();\ncl.isPresent()")
        found["opencl"] = [o["content"].get("data", {}).get("text/plain") for o in outputs]
        if found["opencl"] == ["true"]:
            run(kc, "\n".join([
                "public class Spin extends Kernel {",
                "  final float[] x;",
                "  Spin(float[] x) { this.x = x; }",
                "  @Override public void run() {",
                "    int i = getGlobalId();",
                "    float v = 0;",
                "    while (x[i] == x[i]) { v += 1; }",
                "    x[i] = v;",
                "  }",
                "}"]))
            start = time.perf_counter()
            threading.Timer(5.0, km.interrupt_kernel).start()
            status, outputs = run(kc, "AparapiRunner.run(new Spin(new float[256]), Grid.oneD(256, 64), cl.get())",
                                  timeout=60)
            found["opencl_interrupt_status"] = status
            found["opencl_interrupt_seconds"] = round(time.perf_counter() - start, 2)
            found["opencl_interrupt_text"] = "\n".join(
                "\n".join(o["content"].get("traceback", [])) for o in outputs if o["msg_type"] == "error")
            status, outputs = run(kc, "1 + 1", timeout=30)
            found["after_opencl_interrupt"] = [o["content"].get("data", {}).get("text/plain") for o in outputs]
            status, outputs = run(kc, "AparapiRunner.run(new Spin(new float[64]), Grid.oneD(64, 64), cl.get())",
                                  timeout=30)
            found["opencl_again_text"] = "\n".join(
                "\n".join(o["content"].get("traceback", [])) for o in outputs if o["msg_type"] == "error")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(found))


if __name__ == "__main__":
    main()
