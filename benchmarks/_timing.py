"""Timing shared by the benchmark scripts: medians of repeated runs (machines are noisy)."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np


def timed(fn: Callable, repeat: int, warmup: bool = False, sync: Callable[[], None] = lambda: None):
    """(median seconds over ``repeat`` calls, the last call's result); ``warmup`` runs it once
    first; ``sync`` (a device synchronisation) runs before each clock stop."""
    if warmup:
        fn()
        sync()
    runs, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        sync()
        runs.append(time.perf_counter() - t)
    return float(np.median(runs)), out


def median_time(fn: Callable, repeat: int, warmup: bool = False, sync: Callable[[], None] = lambda: None) -> float:
    return timed(fn, repeat, warmup, sync)[0]
