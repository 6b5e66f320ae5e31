"""Compiled kernels against the 50-digit mpmath oracle, with the documented tolerance."""

from __future__ import annotations

from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from lmech import numeric
from lmech.theory import Formula

EPS = float(np.finfo(np.float64).eps)


def condition_number(formula: Formula, point: dict, reference) -> float:
    """Relative condition number sum_p |p df/dp| / |f| by a 50-digit central difference.

    Integer parameters are held fixed. Works through Piecewise, sums and implicit formulas
    alike (the oracle re-solves), and comes out huge exactly where f jumps or has an
    infinite slope, which is where no float64 code can promise relative accuracy.
    """
    oracle = numeric.compile(formula, "mpmath")
    h = mpmath.mpf("1e-20")
    total = mpmath.mpf(0)
    with mpmath.workdps(numeric.MP_DIGITS):
        for p in formula.params:
            v = point[p.name]
            if p.is_integer or v == 0:
                continue
            v = mpmath.mpmathify(v)
            # central difference, one-sided at a closed end of the domain (q = 1, say)
            dom = formula.domain[p]  # intervals only: a discrete set (beta in {1, 2}) is perturbed as before
            ends = [w for w in (v * (1 + h), v * (1 - h)) if not isinstance(dom, sp.Interval) or bool(dom.contains(sp.Float(w, numeric.MP_DIGITS)))]
            # none inside: v is on the domain's float side of an exact end (C_W = float(pi/4) < pi/4, say); difference around it anyway
            ends = ends or [v * (1 + h), v * (1 - h)]
            ends = ends if len(ends) == 2 else [ends[0], v]
            try:
                diff = oracle(**dict(point, **{p.name: ends[0]}), check=False).item() - oracle(**dict(point, **{p.name: ends[1]}), check=False).item()
            except (ZeroDivisionError, ValueError):
                return float("inf")
            total += abs(diff / (ends[0] - ends[1])) * abs(v)
        if reference == 0:
            return 0.0 if total == 0 else float("inf")
        return float(total / abs(reference))


@dataclass(frozen=True)
class Comparison:
    value: complex | float
    reference: complex | float
    error: float
    allowed: float
    kappa: float

    @property
    def ok(self) -> bool:
        return bool(np.isfinite(self.value)) and self.error <= self.allowed


def compare_point(formula: Formula, point: dict, backend: str = "numba", evaluate=None) -> Comparison:
    """Evaluate one point on ``backend`` (or with ``evaluate(point)``, an exported function, say) and on mpmath; return the error and the allowance."""
    ref_kern = numeric.compile(formula, "mpmath")
    value = numeric.compile(formula, backend)(**point).item() if evaluate is None else evaluate(point)
    ref = ref_kern(**point).item()
    acc = formula.accuracy
    kappa = condition_number(formula, point, ref) if acc.cond_ulps else 0.0
    with mpmath.workdps(numeric.MP_DIGITS):
        err = float(abs(mpmath.mpmathify(value) - ref))
        mag = float(abs(ref))
    allowed = acc.rtol * mag + acc.atol + acc.cond_ulps * EPS * kappa * mag
    if not np.isfinite(allowed):
        allowed = float("inf")
    return Comparison(value, complex(ref) if isinstance(value, complex) else float(ref), err, allowed, kappa)
