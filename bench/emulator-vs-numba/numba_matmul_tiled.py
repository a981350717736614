"""The 16x16 tiled matmul of tests/resources/emulator/matmul_tiled.cu, line for line, on Numba's CUDA simulator.

Run with Debian's Python and Numba (apt-get install python3-numba):
    NUMBA_ENABLE_CUDASIM=1 /usr/bin/python3 numba_matmul_tiled.py 128
Prints one line: NUMBA size=128 wall=<s> cpu=<s> max_abs_error=<e>.
"""
import os
import sys
import time

os.environ.setdefault("NUMBA_ENABLE_CUDASIM", "1")

import numpy as np  # noqa: E402
from numba import cuda, float32  # noqa: E402

TILE = 16


@cuda.jit
def matmul_tiled(A, B, C, m, n, k):
    # Two shared arrays on two lines: Numba 0.56's simulator mixes them up when they share a line.
    As = cuda.shared.array((TILE, TILE), float32)
    Bs = cuda.shared.array((TILE, TILE), float32)
    tx = cuda.threadIdx.x
    ty = cuda.threadIdx.y
    row = cuda.blockIdx.y * TILE + ty
    col = cuda.blockIdx.x * TILE + tx
    acc = float32(0.0)
    for t in range(0, k, TILE):
        As[ty, tx] = A[row, t + tx] if (row < m and t + tx < k) else float32(0.0)
        Bs[ty, tx] = B[t + ty, col] if (col < n and t + ty < k) else float32(0.0)
        cuda.syncthreads()
        for i in range(TILE):
            acc += As[ty, i] * Bs[i, tx]
        cuda.syncthreads()
    if row < m and col < n:
        C[row, col] = acc


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 128
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (size, size)).astype(np.float32)
    b = rng.uniform(-1, 1, (size, size)).astype(np.float32)
    c = np.zeros((size, size), dtype=np.float32)
    grid = ((size + TILE - 1) // TILE, (size + TILE - 1) // TILE)
    wall = time.perf_counter()
    cpu = time.process_time()
    matmul_tiled[grid, (TILE, TILE)](a, b, c, size, size, size)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    error = float(np.max(np.abs(c.astype(np.float64) - a.astype(np.float64) @ b.astype(np.float64))))
    print(f"NUMBA size={size} wall={wall:.3f} cpu={cpu:.3f} max_abs_error={error:.3g}", flush=True)


if __name__ == "__main__":
    main()
