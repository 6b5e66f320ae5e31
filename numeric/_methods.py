"""Float64 methods for ``NumericFormula`` (results with no closed form), by formula id.

A numeric formula declares its mpmath reference in ``theory``; its fast float64 method lives
here, registered with ``register_method``. ``compile`` looks the method up for the numpy and
numba backends (the same vectorised code serves both) and for cupy (its device code when the
method has one, else the host method with the result copied to the device). A formula with
no registered method still compiles: every point runs its mpmath reference at float64
precision (50 digits), rounded to a float, which is slow but as exact as the reference.

Nothing here knows a formula id: the Tracy-Widom methods register themselves
(``numeric._tracy_widom``), as a user's own would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from lmech.theory import NumericFormula, RecursionFormula, kernel_name, python

from ._backend import MP_DIGITS

__all__ = ["DeviceCode", "Method", "host_function", "method", "register_method", "registered"]


@dataclass(frozen=True)
class DeviceCode:
    """CUDA device code for a numeric method: ``preamble`` defines ``function(args...)``, a ``__device__ double`` of one ``double`` per parameter.

    A point where it returns NaN is evaluated by the host method instead (a range the device code leaves
    out).
    """

    preamble: str
    function: str

    def kernel(self, arity: int) -> tuple[str, str]:
        """``(in_params, operation)`` of the ElementwiseKernel that launches ``function`` on ``arity`` float64 arguments ``a0, a1, ...`` into ``out``."""
        names = [f"a{j}" for j in range(arity)]
        return ", ".join(f"float64 {n}" for n in names), f"out = {self.function}({', '.join(names)})"


@dataclass(frozen=True)
class Method:
    """A float64 method: ``host(*arrays)`` broadcasts numpy arrays; ``device`` is its CUDA code, built on first use (or None)."""

    host: Callable[..., np.ndarray]
    device: Callable[[], DeviceCode] | None = None
    note: str = ""


_LOCK = threading.Lock()
_METHODS: dict[str, Method] = {}


def register_method(formula_id: str, host: Callable[..., np.ndarray], *, device: Callable[[], DeviceCode] | None = None, note: str = "") -> Method:
    """Register the float64 method of the numeric formula ``formula_id``.

    Args:
        formula_id: the formula's id (its base id for perturbed variants).
        host: a vectorised function of numpy arrays, one per parameter, in order; broadcasts.
        device: a callable returning the method's ``DeviceCode`` for the cupy backend.
        note: one line on the method (shown by ``lmech info``).

    Returns:
        The registered ``Method``; registering an id again replaces it.
    """
    if not callable(host):
        raise ValueError(f"host={host!r} is not callable")
    m = Method(host, device, note)
    with _LOCK:
        _METHODS[formula_id] = m
    return m


def registered(formula: NumericFormula) -> Method | None:
    """The method registered for the formula's base id, or None (the reference fallback runs)."""
    with _LOCK:
        return _METHODS.get(formula.base_id)


def method(formula: NumericFormula) -> Method:
    """The registered method of a numeric formula; for a recursion without one, its loop compiled by numba; else the mpmath-reference fallback."""
    m = registered(formula)
    if m is not None:
        return m
    if isinstance(formula, RecursionFormula):
        return Method(_recursion_method(formula), None, "the recursion's generated loop, compiled by numba")
    return Method(_reference_method(formula), None, "the mpmath reference per point (no fast method registered)")


def _recursion_method(formula: RecursionFormula) -> Callable[..., np.ndarray]:
    """The generated scalar loop (``theory.python(formula, "math")``) compiled by numba, applied per point."""
    import numba

    namespace: dict = {}
    exec(compile(python(formula, "math"), f"<{formula.id}:math>", "exec"), namespace)  # generated source, not user text
    scalar = numba.njit(error_model="numpy")(namespace[kernel_name(formula.id)])
    ints = [bool(p.is_integer) for p in formula.params]

    def host(*vals):
        vals = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in vals))
        out = np.empty(vals[0].shape)
        for idx in np.ndindex(out.shape):
            out[idx] = scalar(*(int(v[idx]) if i else float(v[idx]) for v, i in zip(vals, ints)))
        return out

    return host


def _reference_method(formula: NumericFormula) -> Callable[..., np.ndarray]:
    if formula.mp is None:
        raise ValueError(f"{formula.id} has neither a registered float64 method nor an mpmath reference (mp=)")
    ints = [bool(p.is_integer) for p in formula.params]

    def host(*vals):
        vals = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in vals))
        out = np.empty(vals[0].shape)
        with mpmath.workdps(MP_DIGITS):
            for idx in np.ndindex(out.shape):
                out[idx] = float(formula.mp(*(int(v[idx]) if i else float(v[idx]) for v, i in zip(vals, ints))))
        return out

    return host


def host_function(formula: NumericFormula) -> Callable[[list], np.ndarray]:
    """``f(values)`` for a list of broadcastable arrays.

    The method at the formula's (possibly
    transformed) arguments, as a float64 array of the broadcast shape.
    """
    m = method(formula)
    args = formula.arguments()
    identity = args == tuple(formula.params)
    mapped = [sp.lambdify(formula.params, a, "numpy") for a in args] if not identity else []

    def evaluate(vals):
        vals = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in vals))
        point = vals if identity else [np.broadcast_to(f(*vals), vals[0].shape) for f in mapped]
        return np.asarray(m.host(*point), dtype=float).reshape(vals[0].shape)

    return evaluate
