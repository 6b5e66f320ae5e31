"""A small pool of host result buffers, so that repeated large evaluations skip the page faults.

A fresh 80 MB ``numpy.empty`` is not free: the kernel maps and zeroes every page at first
touch, which costs as much as the evaluation itself for a simple closed form (mp.density at
1e7 points: ~6 ms of ~12 ms on 2 cores). The compiled kernels therefore take their large
result buffers from this pool. It keeps a reference to each buffer it has handed out; a buffer
is reused only when that reference is the last one left (every array and view made from it is
gone), so a result is never overwritten while anything can still see it.

The pool is bounded (``LMECH_POOL_MB``, default 512; ``0`` turns it off) and only serves
buffers of at least ``MIN_BYTES``; ``release()`` drops every idle buffer.
"""

from __future__ import annotations

import os
import sys
import threading

import numpy as np

__all__ = ["MIN_BYTES", "empty", "release", "stats"]

MIN_BYTES = 1 << 22  # 4 MiB: below this, malloc is cheaper than a search
_LOCK = threading.Lock()
_BUFFERS: list[np.ndarray] = []
#: references to an idle buffer seen from ``_idle``: the pool's list entry, the caller's loop
#: variable, ``_idle``'s parameter and getrefcount's argument
_IDLE_REFS = 4


def _idle(raw: np.ndarray) -> bool:
    return sys.getrefcount(raw) <= _IDLE_REFS


def _find_idle(nbytes: int) -> np.ndarray | None:
    # a function of its own, so that no loop variable outlives the search and pins a buffer
    for raw in _BUFFERS:
        if raw.nbytes == nbytes and _idle(raw):
            return raw
    return None


def _drop(buffers: list[np.ndarray]) -> None:
    """Remove these buffers from the pool, by identity (``list.remove`` would compare arrays by value)."""
    gone = {id(b) for b in buffers}
    _BUFFERS[:] = [b for b in _BUFFERS if id(b) not in gone]


def _limit() -> int:
    try:
        return int(float(os.environ.get("LMECH_POOL_MB", "512")) * (1 << 20))
    except ValueError:
        return 0


def empty(size: int, dtype: np.dtype) -> np.ndarray:
    """A 1-d array of ``size`` elements of ``dtype``, uninitialised, from the pool when one fits."""
    dtype = np.dtype(dtype)
    nbytes = size * dtype.itemsize
    limit = _limit()
    if nbytes < MIN_BYTES or nbytes > limit:
        return np.empty(size, dtype=dtype)
    with _LOCK:
        found = _find_idle(nbytes)
        if found is not None:
            return found.view(dtype)
        held = sum(b.nbytes for b in _BUFFERS)
        if held + nbytes > limit:  # make room by dropping idle buffers, oldest first
            idle = [b for b in _BUFFERS if _idle(b)]
            drop = []
            while idle and held + nbytes > limit:
                held -= idle[0].nbytes
                drop.append(idle.pop(0))
            _drop(drop)
            del idle, drop
            if held + nbytes > limit:
                return np.empty(size, dtype=dtype)  # what is held is in use: do not grow
        raw = np.empty(nbytes, dtype=np.uint8)
        _BUFFERS.append(raw)
        return raw.view(dtype)


def release() -> int:
    """Drop every idle buffer; returns the bytes given back."""
    with _LOCK:
        idle = [b for b in _BUFFERS if _idle(b)]
        _drop(idle)
        return sum(b.nbytes for b in idle)


def stats() -> dict[str, int]:
    """``{"buffers": n, "bytes": held, "idle": idle bytes}``."""
    with _LOCK:
        idle = sum(b.nbytes for b in _BUFFERS if _idle(b))
        return {"buffers": len(_BUFFERS), "bytes": sum(b.nbytes for b in _BUFFERS), "idle": idle}
