"""The ``cupy`` backend: generated CUDA in a CuPy ``ElementwiseKernel``, imported lazily.

Every closed form (explicit, Piecewise, finite sums, complex-valued) and every implicit
formula (the device-side safeguarded Newton/bisection of ``theory.lower``) becomes one
``ElementwiseKernel`` named ``lmech_<family>_<name>``, in float64 or float32. Arguments
are validated on the device by a second generated kernel (``theory.cuda_inside``); only
when a point fails is that one point copied to the host, where the CPU domain check
words the error. A numeric formula has no closed form to print: it runs its registered
method's device code (``numeric.register_method(..., device=)``, e.g. Tracy-Widom's Chebyshev
interpolant), or its host method with the result copied to the device.

CuPy is the optional extra ``[gpu]``. Without it, or without a usable CUDA device,
``device()`` raises one ``RuntimeError`` that says how to get it; nothing else in lmech
imports CuPy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from lmech import theory
from lmech.theory import Formula

from ._domain import DomainChecker, Outside
from ._methods import host_function, method

__all__ = ["DeviceKernel", "available", "build", "device", "kernel", "to_host"]

INSTALL_HINT = "pip install 'lmech[gpu]'"
_CPU_HINT = "use the CPU: backend='numba', --backend cpu"


@functools.cache
def device() -> Any:
    """The ``cupy`` module, once a CUDA device has answered; a clear RuntimeError otherwise."""
    try:
        import cupy
    except ImportError as exc:
        raise RuntimeError(f"the GPU backend needs CuPy and a CUDA device: {INSTALL_HINT} (or {_CPU_HINT})") from exc
    try:
        count = cupy.cuda.runtime.getDeviceCount()
    except Exception as exc:  # CUDARuntimeError without a driver; its type lives in cupy
        raise RuntimeError(f"CuPy is installed but no CUDA device is usable ({exc}); {_CPU_HINT}") from exc
    if count < 1:
        raise RuntimeError(f"CuPy is installed but found no CUDA device; {_CPU_HINT}")
    return cupy


def available() -> bool:
    """Whether CuPy and a CUDA device are usable (never raises)."""
    try:
        device()
    except RuntimeError:
        return False
    return True


def to_host(a: Any) -> np.ndarray:
    """A numpy array from a CuPy or numpy array (or scalar)."""
    return a.get() if hasattr(a, "get") else np.asarray(a)


def _nvrtc(source: str) -> str:
    # CuPy's headers already define thrust::complex (cupy/complex.cuh); NVRTC has no thrust include path
    return source.replace("#include <thrust/complex.h>\n", "")


class DeviceDomainChecker:
    """The domain and ``where`` relations checked by a generated boolean kernel on the device."""

    def __init__(self, formula: Formula, dtype: str):
        self._cupy = device()
        self._kernel = kernel(theory.cuda_inside(formula, dtype))
        self._host = DomainChecker(formula)
        self.formula = formula

    def inside(self, values: dict[str, Any]) -> Any:
        """Boolean CuPy mask of the points inside every domain and relation."""
        return self._kernel(*(values[p.name] for p in self.formula.params))

    def __call__(self, values: dict[str, Any]) -> None:
        cupy = self._cupy
        mask = self.inside(values)
        if bool(mask.all()):
            return
        first = int(cupy.flatnonzero(~mask.ravel())[0])
        shape = mask.shape
        idx = np.unravel_index(first, shape) if shape else ()
        point = {k: to_host(cupy.broadcast_to(v, shape)[idx]) for k, v in values.items()}
        self._host(point)  # words the error: names the parameter and its domain
        raise ValueError(f"({', '.join(f'{k}={v}' for k, v in point.items())}) is outside the domain of {self.formula.id}")


class DeviceKernel(NamedTuple):
    """What ``numeric.compile(..., 'cupy')`` wraps.

    ``convert`` puts the bound arguments on the
    device in the kernel's dtypes, ``check`` validates them there, ``impl`` evaluates.
    """

    impl: Callable
    check: Callable[[dict], None]
    convert: Callable[[dict], dict]
    source: str


def kernel(src: theory.CudaSource) -> Any:
    """A CuPy ``ElementwiseKernel`` from an export's parts (the preamble adapted to NVRTC)."""
    return device().ElementwiseKernel(src.in_params, src.out_params, src.operation, name=src.name, preamble=_nvrtc(src.preamble))


def _converter(formula: Formula, src: theory.CudaSource) -> Callable[[dict], dict]:
    """Bound arguments as device arrays of the types in the kernel's parameter list."""
    cupy = device()
    types = [part.split()[0] for part in src.in_params.split(", ")]
    return lambda values: {p.name: cupy.asarray(values[p.name], dtype=t) for p, t in zip(formula.params, types)}


def _build_numeric(formula: Formula) -> DeviceKernel:
    """Build a numeric formula for the device.

    Its method's device code (``numeric.register_method(..., device=)``),
    one launch, with the points the device code leaves NaN (a range it does not cover) filled by
    the host method; without device code, or for a perturbed variant whose arguments are
    transformed, the host method with the result copied to the device.
    """
    cupy = device()
    host = host_function(formula)
    checker = DeviceDomainChecker(formula, "float64")
    convert = _converter(formula, theory.cuda_inside(formula, "float64"))
    m = method(formula)
    if m.device is None or formula.arguments() != tuple(formula.params):

        def impl_host(vals, out=None, check=False):
            return cupy.asarray(host([to_host(v) for v in vals]))

        return DeviceKernel(impl_host, checker, convert, f"# {formula.id}: host float64 method")
    code = m.device()
    in_params, operation = code.kernel(len(formula.params))
    kern = cupy.ElementwiseKernel(in_params, "float64 out", operation, name=code.function, preamble=code.preamble)

    def impl(vals, out=None, check=False):
        result = kern(*vals)
        flat = result.reshape(-1)
        todo = cupy.flatnonzero(cupy.isnan(flat))
        if todo.size:  # what the device code leaves out: a handful of points, done on the host
            picked = [to_host(cupy.broadcast_to(v, result.shape).reshape(-1)[todo]) for v in vals]
            flat[todo] = cupy.asarray(host(picked))
        return result

    return DeviceKernel(impl, checker, convert, code.preamble)


def build(formula: Formula, dtype: str) -> DeviceKernel:
    """The CuPy kernel, device domain check and argument conversion for ``formula``."""
    if formula.numeric and not formula.exports:  # a recursion runs its generated loop on the device
        return _build_numeric(formula)
    src = theory.cuda(formula, dtype)
    kern = kernel(src)
    checked = kernel(theory.cuda(formula, dtype, checked=True))
    cupy = device()
    checker = DeviceDomainChecker(formula, dtype)

    def impl(vals, out=None, check=False):
        if not check:
            return kern(*vals)
        bad = cupy.zeros(1, dtype=np.int32)
        result = checked(*vals, bad)
        if int(bad[0]):  # the one copy back: a flag
            raise Outside
        return result

    return DeviceKernel(impl, checker, _converter(formula, src), str(src))
