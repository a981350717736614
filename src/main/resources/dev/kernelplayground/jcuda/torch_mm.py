"""torch.mm timed the way `kp gpu-verify` times cuBLAS, as a cross-check of the cuBLAS rows.

For each precision (fp32 with TF32 off; fp16) and each size: random inputs in [-1, 1) from the seed, then
the same loop as the Java side (bench.Benchmark with jcuda.L2Flush and jcuda.EventTimer):
  warm-ups:  record start, torch.mm, record stop, wait for stop, elapsed time
  repeats:   fill the flush buffer and hold the GPU about 1 ms (enqueued, no host wait; the Java side's
             HoldKernel), then the same as a warm-up
and the median of the repeats. The last output is compared with torch.mm of the same inputs in float64.

Usage: python3 torch_mm.py --sizes 1024x1024x1024,2048x2048x2048 --warmups 2 --repeats 10
                           --flush-bytes 268435456 --seed 42
Prints one JSON object per line: first {"torch": version, "device": name}, then one per precision and size.
Exit status: 0 rows printed; 3 not run (the reason is the one line printed); anything else: it failed.
"""

import argparse
import json
import statistics
import sys

NOT_RUN = 3
# about 1 ms of GPU clock cycles at 2 GHz, as the Java side's HoldKernel holds the stream after the flush
HOLD_CYCLES = 2_000_000
# max |out - reference| / max |reference|: TF32 (10-bit mantissa) would miss the fp32 bound by far
TOLERANCE = {"fp32": 1e-4, "fp16": 2e-3}


def parse_args():
    p = argparse.ArgumentParser(description="Time torch.mm like kp gpu-verify times cuBLAS.")
    p.add_argument("--sizes", required=True, help="m x n x k, comma-separated, e.g. 1024x1024x1024")
    p.add_argument("--warmups", type=int, required=True)
    p.add_argument("--repeats", type=int, required=True)
    p.add_argument("--flush-bytes", type=int, required=True, help="bytes written before each repeat")
    p.add_argument("--seed", type=int, required=True)
    args = p.parse_args()
    args.sizes = [tuple(int(x) for x in s.split("x")) for s in args.sizes.split(",")]
    return args


def time_mm(torch, a, b, out, flush, warmups, repeats):
    """Milliseconds of each timed repeat, by CUDA events around torch.mm alone."""
    start = torch.cuda.Event(enable_timing=True)
    stop = torch.cuda.Event(enable_timing=True)

    def timed():
        start.record()
        torch.mm(a, b, out=out)
        stop.record()
        stop.synchronize()  # the one host wait, after the stop event
        return start.elapsed_time(stop)

    for _ in range(warmups):
        timed()
    ms = []
    for i in range(repeats):
        flush.fill_(i % 256)  # a new value each time; enqueued on the stream before the start event
        torch.cuda._sleep(HOLD_CYCLES)  # the GPU stays busy while the host records the start event and calls mm
        ms.append(timed())
    return ms


def run(torch, precision, dtype, size, args, flush):
    m, n, k = size
    g = torch.Generator(device="cuda")
    g.manual_seed(args.seed)
    a = (torch.rand((m, k), generator=g, device="cuda") * 2 - 1).to(dtype)
    b = (torch.rand((k, n), generator=g, device="cuda") * 2 - 1).to(dtype)
    out = torch.empty((m, n), device="cuda", dtype=dtype)
    ms = time_mm(torch, a, b, out, flush, args.warmups, args.repeats)
    reference = torch.mm(a.double(), b.double())
    error = ((out.double() - reference).abs().max() / reference.abs().max()).item()
    return {"precision": precision, "m": m, "n": n, "k": k, "seed": args.seed,
            "median_ms": statistics.median(ms), "ms": ms,
            "max_rel_error": error, "tolerance": TOLERANCE[precision]}


def main():
    args = parse_args()
    try:
        import torch
    except ImportError:
        print("no torch on this machine")
        return NOT_RUN
    if not torch.cuda.is_available():
        print(f"torch {torch.__version__} sees no CUDA GPU (torch.cuda.is_available() is False)")
        return NOT_RUN
    torch.backends.cuda.matmul.allow_tf32 = False
    # fp16: accumulate in fp32 all the way, as cublasGemmEx with CUBLAS_COMPUTE_32F does
    torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = False
    print(json.dumps({"torch": torch.__version__, "device": torch.cuda.get_device_name()}), flush=True)
    flush = torch.empty(args.flush_bytes, dtype=torch.uint8, device="cuda")
    for precision, dtype in (("fp32", torch.float32), ("fp16", torch.float16)):
        for size in args.sizes:
            print(json.dumps(run(torch, precision, dtype, size, args, flush)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
