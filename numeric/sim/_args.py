"""Argument checks shared by the simulators: one message format for every sampler."""

from __future__ import annotations

import numpy as np


def positive(name: str, value: float) -> None:
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name}={value!r} is outside (0, oo)")


def nonnegative(name: str, value: float) -> float:
    """``value`` as a float, or a ValueError naming ``name`` unless it is finite and >= 0."""
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(f"{name}={float(value)!r} is outside [0, oo)")
    return float(value)


def count(name: str, value, minimum: int = 1) -> int:
    """``value`` as an int, or a ValueError naming ``name`` unless it is an integer >= ``minimum``."""
    if int(value) != value or value < minimum:
        raise ValueError(f"{name}={value!r} must be an integer >= {minimum}")
    return int(value)
