"""Timing shared by the benchmark scripts: medians of repeated runs (machines are noisy)."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np


def timed(fn: Callable, repeat: int, warmup: bool = False):
    """(median seconds over ``repeat`` calls, the last call's result); ``warmup`` runs it once first."""
    if warmup:
        fn()
    runs, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - t)
    return float(np.median(runs)), out


def median_time(fn: Callable, repeat: int, warmup: bool = False) -> float:
    return timed(fn, repeat, warmup)[0]
