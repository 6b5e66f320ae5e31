"""Vectorised root finding shared by the numpy baseline and the numeric methods (a leaf module)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["bisect_inverse"]


def bisect_inverse(residual: Callable, lo: np.ndarray, hi: np.ndarray, max_iter: int = 1100) -> np.ndarray:
    """Vectorised bisection for ``inf{u in [lo, hi] : residual(u) >= 0}`` to full float64 resolution."""
    lo = np.array(lo, dtype=float, copy=True)
    hi = np.array(hi, dtype=float, copy=True)
    with np.errstate(all="ignore"):
        done = residual(lo) >= 0
        hi = np.where(done, lo, hi)
        for _ in range(max_iter):
            mid = lo + 0.5 * (hi - lo)
            active = (hi - lo) > 4 * np.finfo(float).eps * np.maximum(np.abs(lo), np.abs(hi))
            if not active.any():
                break
            up = residual(mid) >= 0
            hi = np.where(active & up, mid, hi)
            lo = np.where(active & ~up, mid, lo)
    return hi
