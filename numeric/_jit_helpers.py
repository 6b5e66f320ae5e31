"""Helpers imported by generated numba modules and the domain checker."""

from __future__ import annotations

import numpy as np
from numba import njit, prange, types
from numba.extending import overload


def at(a, i):
    """``a[i]`` for an array argument, ``a`` itself for a scalar (specialised at compile time)."""
    raise NotImplementedError  # only the numba overload below is ever called


@overload(at, inline="always")
def _at_overload(a, i):
    if isinstance(a, types.Array):
        return lambda a, i: a[i]
    return lambda a, i: a


@njit(parallel=True, cache=True)
def _count_nonfinite(a):
    bad = 0
    for i in prange(a.size):
        if not np.isfinite(a[i]):
            bad += 1
    return bad


def all_finite(a: np.ndarray) -> bool:
    """Parallel finiteness test without a temporary boolean array (fast path of the domain check)."""
    if a.dtype.kind == "f" and a.size > 4096:
        return _count_nonfinite(np.ascontiguousarray(a).reshape(-1)) == 0
    return bool(np.all(np.isfinite(a)))
