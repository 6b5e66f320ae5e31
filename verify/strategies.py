"""Hypothesis strategies built from a formula's domain (reusable in users' own tests).

``params(formula)`` draws a dict ``{name: value}`` inside the domain and ``where``
relations. Unbounded real parameters that appear in the formula's Piecewise conditions
(such as the spectral point ``x``) are drawn around the breakpoints those conditions
define, at relative offsets down to 1e-15, so edges are exercised rather than missed.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from lmech.theory import Formula, ImplicitFormula

__all__ = ["log_uniform", "params", "positive_floats"]


def log_uniform(*, min_value: float, max_value: float) -> st.SearchStrategy[float]:
    """Floats spread evenly in log scale over ``[min_value, max_value]``, both ends included."""
    if not (0 < min_value <= max_value):
        raise ValueError(f"need 0 < min_value <= max_value, got min_value={min_value} and max_value={max_value}")
    lo, hi = math.log(min_value), math.log(max_value)
    return st.one_of(
        st.sampled_from([min_value, max_value]),
        st.floats(min_value=lo, max_value=hi).map(lambda t: min(max(math.exp(t), min_value), max_value)),
    )


def positive_floats(*, min_value: float = 1e-6, max_value: float = 1e6) -> st.SearchStrategy[float]:
    """Positive floats over many decades plus the ordinary range around 1."""
    if min_value > max_value:
        raise ValueError(f"min_value={min_value} is larger than max_value={max_value}")
    return st.one_of(
        log_uniform(min_value=min_value, max_value=max_value),
        st.floats(min_value=max(min_value, 0.05), max_value=min(max_value, 20.0)),
        st.sampled_from([v for v in (0.5, 1.0, 2.0) if min_value <= v <= max_value]),
    )


def _set_strategy(s: sp.Set, bounds: dict) -> st.SearchStrategy:
    if isinstance(s, sp.FiniteSet):
        return st.sampled_from([float(v) for v in s])
    if isinstance(s, sp.Range):
        lo = int(s.inf)
        hi = int(s.sup) if s.sup.is_finite else bounds.get("max_int", 40)
        return st.integers(min_value=max(lo, bounds.get("min_int", lo)), max_value=min(hi, bounds.get("max_int", hi)))
    if isinstance(s, sp.Interval):
        a, b = float(s.start), float(s.end)
        if a == 0 and b == math.inf:
            return positive_floats(min_value=bounds.get("min_value", 1e-6), max_value=bounds.get("max_value", 1e6))
        if math.isfinite(a) and b == math.inf:  # [a, oo) or (a, oo): a plus the positive floats, the end itself when closed
            offsets = positive_floats(min_value=bounds.get("min_value", 1e-6), max_value=bounds.get("max_value", 1e6))
            above = offsets.map(lambda x: a + x).filter(lambda v: v > a)
            return st.one_of(st.just(a), above) if not s.left_open else above
        if math.isfinite(a) and math.isfinite(b):
            inner = st.floats(min_value=a, max_value=b, exclude_min=bool(s.left_open), exclude_max=bool(s.right_open))
            ends = [v for v, open_ in ((a, bool(s.left_open)), (b, bool(s.right_open))) if not open_]
            return st.one_of(st.sampled_from(ends), inner) if ends else inner
    raise ValueError(f"no default strategy for the set {s}; pass one for this parameter")


@functools.cache
def _breakpoints(formula: Formula, p: sp.Symbol):
    """Functions of the other parameters giving the values of ``p`` where a condition flips."""
    exprs = [formula.expr] + (list(formula.bracket) if isinstance(formula, ImplicitFormula) else [])
    rels = set()
    for e in [*exprs, *formula.where]:  # the where relations' edges too (q12 = +-sqrt(q1 q2), say)
        rels |= {r for r in e.atoms(sp.Rel) if r.has(p)} | ({e} if isinstance(e, sp.Rel) and e.has(p) else set())
    others = [q for q in formula.params if q != p]
    fns = []
    for r in rels:
        try:
            sols = sp.solve(sp.Eq(r.lhs, r.rhs), p)
        except NotImplementedError:  # a transcendental edge (atan2(...) = 1/10): drawn like any other point
            continue
        for sol in sols:
            if not sol.has(p):
                fns.append(sp.lambdify(others, sol, "math"))
    return others, fns


def _near(points: list[float]) -> st.SearchStrategy[float]:
    scale = max([abs(v) for v in points] + [1.0])
    offsets = st.one_of(
        st.just(0.0),
        st.floats(min_value=-15, max_value=0).map(lambda t: 10.0**t),
        st.floats(min_value=-15, max_value=0).map(lambda t: -(10.0**t)),
    )
    around = st.tuples(st.sampled_from(points), offsets).map(lambda t: t[0] + t[1] * max(abs(t[0]), 1e-300))
    return st.one_of(around, st.floats(min_value=min(points) - scale, max_value=max(points) + scale))


@st.composite
def _draw(draw, formula: Formula, overrides: dict, bounds: dict):
    values: dict = {}
    free_reals = [p for p in formula.params if formula.domain[p] == sp.S.Reals and p.name not in overrides]
    for p in formula.params:
        if p.name in overrides:
            values[p.name] = draw(overrides[p.name])
        elif p in free_reals:
            continue
        elif formula.domain[p] == sp.S.Complexes:
            re = draw(st.one_of(st.floats(min_value=-50, max_value=50), st.floats(min_value=-1e6, max_value=1e6)))
            im = draw(st.one_of(st.just(0.0), log_uniform(min_value=1e-8, max_value=1e6), log_uniform(min_value=1e-8, max_value=1e6).map(lambda v: -v)))
            values[p.name] = complex(re, im)
        else:
            values[p.name] = draw(_set_strategy(formula.domain[p], bounds))
    for p in free_reals:
        others, fns = _breakpoints(formula, p)
        pts = []
        for fn in fns:
            try:
                v = float(fn(*(values[o.name] for o in others)))
            except (ValueError, TypeError, ZeroDivisionError, KeyError):
                continue
            if np.isfinite(v):
                pts.append(v)
        values[p.name] = draw(_near(pts) if pts else st.floats(min_value=-1e6, max_value=1e6))
    return values


def params(formula: Formula, **overrides) -> st.SearchStrategy[dict]:
    """A strategy for parameter dicts of ``formula``.

    Keyword arguments either replace a parameter's strategy (``gamma=st.floats(...)``) or
    set bounds: ``min_value``/``max_value`` for positive reals, ``min_int``/``max_int`` for
    integers. Points violating the formula's ``where`` relations are filtered out.
    """
    bound_keys = {"min_value", "max_value", "min_int", "max_int"}
    bounds = {k: v for k, v in overrides.items() if k in bound_keys}
    per_param = {k: v for k, v in overrides.items() if k not in bound_keys}
    unknown = set(per_param) - set(formula.param_names)
    if unknown:
        raise ValueError(f"{formula.id} has no parameter(s) {sorted(unknown)}; parameters are {formula.param_names}")
    if "min_value" in bounds and "max_value" in bounds and bounds["min_value"] > bounds["max_value"]:
        raise ValueError(f"min_value={bounds['min_value']} is larger than max_value={bounds['max_value']}")
    strat = _draw(formula, per_param, bounds)
    if formula.where:
        checks = [sp.lambdify(formula.params, w, "math") for w in formula.where]

        def ok(v):
            return all(bool(c(*(v[n] for n in formula.param_names))) for c in checks)

        strat = strat.filter(ok)
    return strat
