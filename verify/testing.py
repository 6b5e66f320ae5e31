"""A testing kit for formulas and checks, lmech's own and a user's.

Assertions:
    ``assert_matches_oracle``: every CPU backend against the 50-digit mpmath oracle at
        hypothesis points over the whole domain, within 1e-12 relative plus the
        condition-number term (the formula's documented ``Accuracy``).
    ``assert_derivation``: ``derive()`` against the stored form (and the printed form) to 30 digits.
    ``assert_check_passes``: the true formula passes its check.
    ``assert_check_has_teeth``: every wrong formula is rejected at the same size, on the same
        simulations (one run serves both assertions: results are cached per check and seed).

The pytest plugin (``lmech.verify.pytest_plugin``, a ``pytest11`` entry point) parametrizes the
test functions of this module over a user's formulas and checks once they are named with
``--lmech-module`` (or the ``lmech_modules`` ini option).
"""

from __future__ import annotations

import random

import mpmath
import numpy as np
import sympy as sp
from hypothesis import given, settings

from lmech.theory import Formula, ImplicitFormula

from . import strategies
from ._accuracy import compare_point
from ._check import Check
from ._run import Result, run

__all__ = [
    "assert_check_has_teeth",
    "assert_check_passes",
    "assert_derivation",
    "assert_matches_oracle",
    "check_result",
    "test_check_passes_and_has_teeth",
    "test_formula_derivation",
    "test_formula_matches_oracle",
]

CPU_BACKENDS = ("numba", "numpy")


def assert_matches_oracle(formula: Formula, backends=CPU_BACKENDS, max_examples: int = 40) -> None:
    """Each backend agrees with the mpmath oracle at hypothesis points (edges included).

    No NaN or inf inside the domain; the numpy baseline is held to finiteness only where it is known to
    lose digits (lambdify has no stability rewrites).
    """
    if formula.numeric:
        backends = ("numba",)
    for backend in backends:
        _oracle_test(formula, backend, max_examples if backend == "numba" else max(5, max_examples // 2))()


def _oracle_test(formula: Formula, backend: str, examples: int):
    @settings(max_examples=examples, deadline=None)
    @given(point=strategies.params(formula))
    def check(point):
        c = compare_point(formula, point, backend)
        if abs(c.reference) > np.finfo(np.float64).max:
            assert np.isinf(c.value), f"{formula.id}: a value beyond float64 range must overflow to inf at {point}"
            return
        assert np.isfinite(c.value), f"{formula.id} on {backend}: non-finite {c.value} inside the domain at {point}"
        if backend == "numba":
            assert c.ok, f"{formula.id} at {point}: |err|={c.error:.3g} > allowed {c.allowed:.3g} (kappa={c.kappa:.3g}, ref={c.reference})"

    return check


def _random_point(f: Formula, rnd: random.Random) -> list:
    point = []
    for p in f.params:
        dom = f.domain[p]
        if isinstance(dom, sp.FiniteSet):
            point.append(mpmath.mpf(rnd.choice(sorted(dom))))
        elif p.is_integer:
            point.append(rnd.randint(max(1, int(dom.inf) if dom.inf.is_finite else 1), 7))
        elif dom == sp.S.Complexes:
            point.append(mpmath.mpc(rnd.uniform(-3, 8), rnd.uniform(0.01, 2)))
        elif p.name == "x":
            point.append(mpmath.mpf(rnd.uniform(-0.5, 10)))
        elif isinstance(dom, sp.Interval) and dom.sup.is_finite:
            point.append(mpmath.mpf(rnd.uniform(float(dom.inf) + 1e-3, float(dom.sup))))
        elif isinstance(dom, sp.Interval) and dom.inf.is_finite and dom.inf > 0:  # [pi/4, oo), say: above the end
            point.append(mpmath.mpf(float(dom.inf) * rnd.choice([rnd.uniform(1.001, 1.5), rnd.uniform(1.5, 8)])))
        else:
            point.append(mpmath.mpf(rnd.choice([rnd.uniform(0.05, 0.95), rnd.uniform(1.05, 6)])))
    return point


def assert_derivation(formula: Formula, digits: int = 30, points: int = 12) -> None:
    """``derive()`` (first principles) equals the stored closed form.

    It also equals the literature's printed form when one is stored, at random points to
    ``digits`` digits.
    """
    if formula.derivation is None or isinstance(formula, ImplicitFormula):
        raise ValueError(f"{formula.id} has no closed-form derivation to compare")
    forms = [formula.expr, formula.derive()] + ([formula.printed] if formula.printed is not None else [])
    safe = {p: sp.Symbol(f"a{j}", **p.assumptions0) for j, p in enumerate(formula.params)}  # 'gamma' would shadow Gamma
    fns = [sp.lambdify([safe[p] for p in formula.params], e.xreplace(safe), "mpmath") for e in forms]
    rnd = random.Random(formula.id)
    inside = [sp.lambdify(formula.params, w, "mpmath") for w in formula.where]
    with mpmath.workdps(digits + 10):
        for _ in range(points):
            pt = _random_point(formula, rnd)
            for _retry in range(1000):  # the where relations hold too (q12^2 <= q1 q2, say)
                if all(bool(w(*pt)) for w in inside):
                    break
                pt = _random_point(formula, rnd)
            ref, *others = [fn(*pt) for fn in fns]
            for val in others:
                assert abs(val - ref) <= mpmath.mpf(10) ** -digits * max(1, abs(ref)), f"{formula.id} at {pt}: {val} != {ref}"


_RESULTS: dict[tuple[int, str, int], Result] = {}


def check_result(check: Check, seed: int = 1, size: str = "quick") -> Result:
    """One run of ``check`` per (check, size, seed) in this process, shared by the assertions."""
    key = (id(check), size, seed)
    if key not in _RESULTS:
        _RESULTS[key] = run(check, seed=seed, size=size, keep_observations=False)
    return _RESULTS[key]


def assert_check_passes(check: Check, seed: int = 1, size: str = "quick") -> Result:
    r = check_result(check, seed, size)
    assert r.ok, r.headline()
    return r


def assert_check_has_teeth(check: Check, seed: int = 1, size: str = "quick") -> Result:
    """Every wrong formula is rejected on the same simulations, hence at the same size."""
    r = check_result(check, seed, size)
    survivors = [v.summary() for v in r.wrong if v.ok]
    assert not survivors, f"{check.id}: wrong formulas not rejected at n={r.n}: {survivors}"
    return r


# ------------------------------------------------------------- tests for the pytest plugin
# pytest collects these where a test module imports them; the plugin parametrizes the
# lmech_formula and lmech_check arguments over the configured formulas and checks.
def test_formula_matches_oracle(lmech_formula: Formula) -> None:
    if lmech_formula.numeric:
        import pytest

        # a 50-digit evaluation of a numerical method (a Fredholm determinant) costs seconds a point;
        # such formulas pin their method to reference values in their own tests
        pytest.skip(f"{lmech_formula.id} is a numeric formula: its method is tested against its oracle separately")
    assert_matches_oracle(lmech_formula)


def test_formula_derivation(lmech_formula: Formula) -> None:
    if lmech_formula.derivation is None or isinstance(lmech_formula, ImplicitFormula):
        import pytest

        pytest.skip(f"{lmech_formula.id} has no closed-form derivation")
    assert_derivation(lmech_formula)


def test_check_passes_and_has_teeth(lmech_check: Check) -> None:
    """One run: the true formula passes and every wrong formula is rejected on the same draws."""
    assert_check_passes(lmech_check)
    assert_check_has_teeth(lmech_check)
