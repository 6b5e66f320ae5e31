"""A stand-in for the slice of CuPy that ``numeric._cupy`` uses, built on nvcc and the host.

CI has nvcc but no GPU. This module compiles the exact strings that ``numeric._cupy``
hands to ``cupy.ElementwiseKernel`` (parameter lists, operation and preamble) as
``__host__ __device__`` code with nvcc, wraps each in a host loop, and calls it through
ctypes. So the CUDA text itself (printing, types, Piecewise, sums, the implicit solver,
complex arithmetic, the device-side domain kernel) is compiled and run against mpmath in
CI. What it cannot show is the device's own math library and NVRTC: the ``gpu``-marked
tests do that on a real device.

All kernels requested before the first call are compiled together in one nvcc run.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path

import numpy as np

HAVE_NVCC = shutil.which("nvcc") is not None

_CTYPES = {
    "float64": ("double", np.float64),
    "float32": ("float", np.float32),
    "complex128": ("thrust::complex<double>", np.complex128),
    "complex64": ("thrust::complex<float>", np.complex64),
    "bool": ("bool", np.bool_),
    "int32": ("int", np.int32),
    "int64": ("long long", np.int64),
}


def _params(text: str) -> list[tuple[str, str]]:
    """(type, name) per parameter; a ``raw`` one (a whole array, not an element) has type ``raw T``."""
    out = []
    for part in text.split(","):
        words = part.split()
        if words:
            out.append((" ".join(words[:-1]), words[-1]))
    return out


def _raw(t: str) -> bool:
    return t.startswith("raw ")


def loop_unit(symbol: str, preamble: str, in_params: str, out_params: str, operation: str, *, device: bool, complex_name: str = "thrust::complex") -> str:
    """One ElementwiseKernel as CUDA source: the preamble in its own namespace (two formulas'
    helpers never collide) and a loop that loads each input, runs ``operation`` and stores
    ``out``: an ``extern "C"`` host function (``device=False``) or a grid-stride
    ``__global__`` kernel, both named ``symbol``."""
    types = {k: v[0].replace("thrust::complex", complex_name) for k, v in _CTYPES.items()}
    ins = _params(in_params)
    ((out_type, out_name),) = _params(out_params)
    sig = ", ".join(f"{types[t[4:]]}* {n}" if _raw(t) else f"const {types[t]}* {n}_in" for t, n in ins)
    loads = "".join(f"        const {types[t]} {n} = {n}_in[i];\n" for t, n in ins if not _raw(t))
    head, loop = (
        (f'extern "C" void {symbol}', "for (long i = 0; i < size; ++i)")
        if not device
        else (f"__global__ void {symbol}", "for (long i = blockIdx.x * (long)blockDim.x + threadIdx.x; i < size; i += (long)blockDim.x * gridDim.x)")
    )
    return (
        f"namespace ns_{symbol} {{\n{preamble}\n}}\n"
        f"{head}({sig}, {types[out_type]}* {out_name}_out, long size) {{\n    using namespace ns_{symbol};\n"
        f"    {loop} {{\n{loads}        {types[out_type]} {out_name};\n        {operation};\n        {out_name}_out[i] = {out_name};\n    }}\n}}\n"
    )


class _Library:
    """Pending kernels, compiled into one shared object on first use."""

    def __init__(self) -> None:
        self.pending: dict[str, str] = {}
        self.loaded: dict[str, ctypes.CDLL] = {}  # symbol -> the library that defines it
        self.dir = Path(tempfile.mkdtemp(prefix="lmech_cuda_host_"))

    def add(self, symbol: str, source: str) -> None:
        if symbol not in self.loaded:
            self.pending[symbol] = source

    def function(self, symbol: str):
        if symbol not in self.loaded:
            units, self.pending = self.pending, {}
            digest = hashlib.sha1("".join(units.values()).encode()).hexdigest()[:12]
            src = self.dir / f"k{digest}.cu"
            src.write_text("#include <thrust/complex.h>\n#include <cmath>\n" + "\n".join(units.values()))
            so = src.with_suffix(".so")
            r = subprocess.run(["nvcc", "-shared", "-Xcompiler", "-fPIC", "-O2", str(src), "-o", str(so)], capture_output=True, text=True)
            if r.returncode:
                raise RuntimeError(f"nvcc failed:\n{r.stderr[-4000:]}")
            lib = ctypes.CDLL(str(so))
            self.loaded.update(dict.fromkeys(units, lib))
        return getattr(self.loaded[symbol], symbol)


_LIB = _Library()


class ElementwiseKernel:
    """``cupy.ElementwiseKernel`` for the host: same arguments, same broadcasting, numpy arrays."""

    def __init__(self, in_params: str, out_params: str, operation: str, name: str = "kernel", preamble: str = ""):
        self.ins = _params(in_params)
        ((out_type, out_name),) = _params(out_params)
        self.out_type = out_type
        key = hashlib.sha1("\x00".join([in_params, out_params, operation, preamble]).encode()).hexdigest()[:10]
        self.symbol = f"{name}_{key}"
        self.names = [n for _, n in self.ins]
        host_preamble = re.sub(r"__device__ ", "__host__ __device__ ", preamble)
        self.source = loop_unit(self.symbol, host_preamble, in_params, out_params, operation, device=False)
        _LIB.add(self.symbol, self.source)
        self._fn = None

    def __call__(self, *args):
        if self._fn is None:
            self._fn = _LIB.function(self.symbol)
        raw = [_raw(t) for t, _ in self.ins]
        for a, (t, n) in zip(args, self.ins):  # written in place: must already have the kernel's type
            if _raw(t) and not (isinstance(a, np.ndarray) and a.dtype == _CTYPES[t[4:]][1] and a.flags.c_contiguous):
                raise TypeError(f"raw parameter {n} needs a contiguous {t[4:]} array")
        arrays = np.broadcast_arrays(*(np.asarray(a) for a, r in zip(args, raw) if not r))
        shape = arrays[0].shape
        elems = iter(np.ascontiguousarray(a, dtype=_CTYPES[t][1]).reshape(-1) for (t, _), a in zip([p for p, r in zip(self.ins, raw) if not r], arrays))
        flat = [a if r else next(elems) for a, r in zip(args, raw)]
        out = np.empty(int(np.prod(shape)), dtype=_CTYPES[self.out_type][1])
        self._fn(*(a.ctypes.data_as(ctypes.c_void_p) for a in flat), out.ctypes.data_as(ctypes.c_void_p), ctypes.c_long(out.size))
        return out.reshape(shape)


class _FakeCupy(types.ModuleType):
    """Array functions fall through to numpy (the simulators' array code runs on the host)."""

    def __getattr__(self, name):
        return getattr(np, name)


def fake_cupy() -> types.ModuleType:
    """A module object with the names ``numeric._cupy`` and the GPU simulators reach for."""
    mod = _FakeCupy("cupy")
    mod.ElementwiseKernel = ElementwiseKernel
    mod.cuda = types.SimpleNamespace(runtime=types.SimpleNamespace(getDeviceCount=lambda: 1))
    mod.__lmech_host_emulation__ = True
    return mod


def install(monkeypatch) -> types.ModuleType:
    """Put the stand-in in ``sys.modules['cupy']`` for one test and reset lmech's memo of it."""
    from lmech import numeric
    from lmech.numeric import _cupy

    mod = fake_cupy()
    monkeypatch.setitem(sys.modules, "cupy", mod)
    _cupy.device.cache_clear()
    for key in [k for k in numeric._compile._MEMO if k[1] == "cupy"]:
        del numeric._compile._MEMO[key]
    return mod


# ------------------------------------------------------------------------------- NVRTC
def nvrtc_library() -> ctypes.CDLL | None:
    """libnvrtc from the ``nvidia-cuda-nvrtc-cu12`` wheel (a test dependency), or the CUDA toolkit."""
    import importlib.util

    spec = importlib.util.find_spec("nvidia.cuda_nvrtc")
    candidates = [Path(p) / "lib" for p in (spec.submodule_search_locations or [])] if spec else []
    candidates += [Path("/usr/local/cuda/lib64")]
    for d in candidates:
        for so in sorted(d.glob("libnvrtc.so*")):
            try:
                return ctypes.CDLL(str(so))
            except OSError:
                continue
    return None


def nvrtc_compile(lib: ctypes.CDLL, source: str, options: list[str]) -> tuple[int, str]:
    """(status, log) of compiling ``source`` to PTX; status 0 is success. Needs no GPU."""
    prog = ctypes.c_void_p()
    if lib.nvrtcCreateProgram(ctypes.byref(prog), source.encode(), b"lmech.cu", 0, None, None):
        raise RuntimeError("nvrtcCreateProgram failed")
    opts = (ctypes.c_char_p * len(options))(*[o.encode() for o in options])
    status = lib.nvrtcCompileProgram(prog, len(options), opts)
    size = ctypes.c_size_t()
    lib.nvrtcGetProgramLogSize(prog, ctypes.byref(size))
    log = ctypes.create_string_buffer(size.value)
    lib.nvrtcGetProgramLog(prog, log)
    lib.nvrtcDestroyProgram(ctypes.byref(prog))
    return int(status), log.value.decode(errors="replace")
