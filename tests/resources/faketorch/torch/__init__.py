"""A stand-in for PyTorch that records, on stderr, the calls torch_mm.py makes: no GPU, no numbers.

TorchBaselineTest puts it first on PYTHONPATH to prove the timing sequence of torch_mm.py without a GPU:
each line of stderr is one call ("fill 0", "record start", "mm tf32=False fp32", "record stop", ...).
Events are named by creation order: torch_mm.py creates the start event first, then the stop event.
elapsed_time returns 1, 2, 3, ... ms, one more per call, so the medians are known.
FAKE_TORCH_CUDA=0 makes torch.cuda.is_available() False; FAKE_TORCH_ERROR=x makes every .item() x (the
error of the check), so a wrong result can be planted.
"""

import os
import sys
import types

__version__ = "0.0-fake"


def log(line):
    print(line, file=sys.stderr, flush=True)


class dtype:
    def __init__(self, name):
        self.name = name


float32, float16, float64, uint8 = dtype("fp32"), dtype("fp16"), dtype("fp64"), dtype("uint8")


class Tensor:
    def __init__(self, dt):
        self.dtype = dt

    def to(self, dt):
        return Tensor(dt)

    def double(self):
        return Tensor(float64)

    def fill_(self, value):
        log(f"fill {value}")
        return self

    def abs(self):
        return self

    def max(self):
        return self

    def item(self):
        return float(os.environ.get("FAKE_TORCH_ERROR", "1e-7"))

    def __mul__(self, other):
        return self

    __sub__ = __truediv__ = __rsub__ = __mul__


def empty(shape, dtype=float32, device=None):
    return Tensor(dtype)


def rand(shape, generator=None, device=None):
    return Tensor(float32)


class Generator:
    def __init__(self, device=None):
        pass

    def manual_seed(self, seed):
        log(f"seed {seed}")
        return self


def mm(a, b, out=None):
    if out is None:
        log(f"mm reference {a.dtype.name}")
        return Tensor(a.dtype)
    log(f"mm tf32={backends.cuda.matmul.allow_tf32} {out.dtype.name}")
    return out


class Event:
    created = 0
    elapsed_calls = 0

    def __init__(self, enable_timing=False):
        self.name = "start" if Event.created % 2 == 0 else "stop"
        Event.created += 1

    def record(self):
        log(f"record {self.name}")

    def synchronize(self):
        log(f"synchronize {self.name}")

    def elapsed_time(self, other):
        Event.elapsed_calls += 1
        log("elapsed")
        return float(Event.elapsed_calls)


cuda = types.SimpleNamespace(
    is_available=lambda: os.environ.get("FAKE_TORCH_CUDA", "1") == "1",
    _sleep=lambda cycles: log(f"hold {cycles} cycles"),
    get_device_name=lambda: "Fake GPU",
    Event=Event,
)
backends = types.SimpleNamespace(
    cuda=types.SimpleNamespace(
        matmul=types.SimpleNamespace(allow_tf32=True, allow_fp16_reduced_precision_reduction=True)))
