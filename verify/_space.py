"""Parameter spaces of checks.

A reproducible design (corners, every level, scrambled Sobol)
and, for property tests, the same space as a hypothesis strategy.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import scipy.stats.qmc
from hypothesis import strategies as st

__all__ = ["Choice", "Real", "Space"]


@dataclass(frozen=True, init=False)
class Real:
    """A real parameter on one interval or a union of intervals, linear or logarithmic.

    ``Real(0.5, 2.5)`` is the interval [0.5, 2.5]; ``Real((0.05, 0.7), (1.5, 20.0), log=True)``
    is the union of two intervals, spread evenly in log scale (a design coordinate u in [0, 1]
    is mapped onto the union in proportion to each interval's (log-)length).
    """

    intervals: tuple[tuple[float, float], ...]
    log: bool

    def __init__(self, *bounds, log: bool = False):
        if len(bounds) == 2 and not isinstance(bounds[0], tuple):
            bounds = (tuple(bounds),)
        intervals = tuple((float(a), float(b)) for a, b in bounds)
        if not intervals:
            raise ValueError("Real needs at least one interval (lo, hi)")
        for a, b in intervals:
            if not (math.isfinite(a) and math.isfinite(b)) or a > b:
                raise ValueError(f"Real interval ({a}, {b}) must be finite with lo <= hi")
            if log and a <= 0:
                raise ValueError(f"Real(log=True) needs positive bounds, got lo={a}")
        ends = [v for ab in intervals for v in ab]
        if ends != sorted(ends):
            raise ValueError(f"Real intervals {intervals} must be increasing and disjoint")
        object.__setattr__(self, "intervals", intervals)
        object.__setattr__(self, "log", bool(log))

    def _warp(self, v: float) -> float:
        return math.log(v) if self.log else v

    def _unwarp(self, v: float) -> float:
        return math.exp(v) if self.log else v

    def at(self, u: float) -> float:
        """The value at design coordinate ``u`` in [0, 1]: 0 is the lowest end, 1 the highest."""
        lengths = [self._warp(b) - self._warp(a) for a, b in self.intervals]
        total = sum(lengths)
        if total == 0:
            return self.intervals[0][0]
        target = min(max(u, 0.0), 1.0) * total
        for (a, b), length in zip(self.intervals, lengths):
            if target <= length or (a, b) == self.intervals[-1]:
                if target <= 0:
                    return a
                if target >= length:
                    return b  # the ends exactly, not exp(log(end))
                return min(max(self._unwarp(self._warp(a) + target), a), b)
            target -= length
        raise AssertionError("unreachable")

    def strategy(self) -> st.SearchStrategy[float]:
        parts = []
        for a, b in self.intervals:
            if self.log:
                la, lb = math.log(a), math.log(b)
                parts.append(st.floats(la, lb).map(lambda t, a=a, b=b: min(max(math.exp(t), a), b)))
            else:
                parts.append(st.floats(a, b))
        return st.one_of(*parts)


@dataclass(frozen=True, init=False)
class Choice:
    """A categorical parameter: every level appears across consecutive draws and seeds."""

    levels: tuple

    def __init__(self, *levels):
        if not levels:
            raise ValueError("Choice needs at least one level")
        object.__setattr__(self, "levels", tuple(levels))

    def strategy(self) -> st.SearchStrategy:
        return st.sampled_from(self.levels)


@dataclass(frozen=True)
class Space:
    """The parameters a check draws, by name, and an optional ``transform``.

    ``transform`` (a top-level function, so the space pickles) maps a drawn point to the point
    the simulator sees, for parameters built from others (three mode strengths from gaps).

    ``points(count, seed, key)`` is the design: a pure function of its arguments, independent
    of hypothesis and of the test runner. Draw 0 is a corner of the real box (the corner
    rotates with the seed), the rest are scrambled Sobol points; categorical levels rotate
    with ``seed * count + draw``, so consecutive seeds cover every level.
    """

    params: Mapping[str, Real | Choice]
    transform: Callable[[dict], dict] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for name, dim in self.params.items():
            if not isinstance(dim, Real | Choice):
                raise TypeError(f"parameter {name!r}: expected Real or Choice, got {type(dim).__name__}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.params)

    def points(self, count: int, seed: int, key: str = "") -> list[dict]:
        """``count`` points for ``seed``; ``key`` (the check id and size) decorrelates checks."""
        if count < 1:
            raise ValueError(f"count={count} must be >= 1")
        reals = [n for n, d in self.params.items() if isinstance(d, Real)]
        cats = [n for n, d in self.params.items() if isinstance(d, Choice)]
        sobol = np.empty((0, len(reals)))
        if reals and count > 1:
            ss = np.random.SeedSequence(entropy=int(seed), spawn_key=(zlib.crc32(key.encode()), 0))
            engine = scipy.stats.qmc.Sobol(len(reals), scramble=True, seed=np.random.default_rng(ss))
            sobol = engine.random_base2(max(0, math.ceil(math.log2(count - 1))))
        out = []
        for i in range(count):
            point: dict = {}
            if not reals:
                u = []  # a space of choices only: the levels' rotation below is the design
            elif i == 0:
                corner = int(seed) % (2 ** len(reals))
                u = [float((corner >> j) & 1) for j in range(len(reals))]
            else:
                u = list(sobol[i - 1])
            for name, uj in zip(reals, u):
                point[name] = self.params[name].at(uj)
            g = int(seed) * count + i
            for k, name in enumerate(cats):
                levels = self.params[name].levels
                point[name] = levels[(g + k * (g // len(levels))) % len(levels)]
            point = {name: point[name] for name in self.params}
            out.append(self.transform(point) if self.transform else point)
        return out

    def strategy(self) -> st.SearchStrategy[dict]:
        """The same space for hypothesis property tests (with shrinking)."""
        strat = st.fixed_dictionaries({name: dim.strategy() for name, dim in self.params.items()})
        return strat.map(self.transform) if self.transform else strat
