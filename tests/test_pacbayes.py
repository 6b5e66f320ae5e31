"""PAC-Bayes family: worked values, derivations, relations between the bounds and the kl inverses."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from lmech import numeric, theory
from lmech.verify.strategies import log_uniform

BOUNDS = ("mcallester", "kl_bound", "quadratic", "lambda_opt", "catoni")
# THEORY.md §6 worked values (Catoni at C = 2): (emp_risk, KL, n, delta) -> (a), (b), (d)=(e), lambda*, (c)
TABLE = [
    ((0.1, 5, 1000, 0.05), (0.17792, 0.15311, 0.16290, 0.3861, 0.21718)),
    ((0.02, 50, 60000, 0.025), (0.04234, 0.02691, 0.02739, 0.2699, 0.04634)),
    ((0.3, 20, 500, 0.05), (0.4637, 0.46026, 0.54075, 0.4452, 0.55034)),
]


def k(name: str, backend: str = "numba"):
    return numeric.compile(f"pacbayes.{name}", backend)


@pytest.mark.parametrize(("point", "expected"), TABLE)
def test_worked_values(point, expected):
    a, b, e, lam, c = expected
    got = {name: float(k(name)(*point, *((2.0,) if name == "catoni" else ()))) for name in BOUNDS}
    digits = {v: len(str(v).split(".")[1]) for v in expected}
    for name, want in zip(("mcallester", "kl_bound", "quadratic", "lambda_opt", "catoni"), (a, b, e, lam, c)):
        assert abs(got[name] - want) <= 0.51 * 10 ** -digits[want], (name, got[name], want)
    assert abs(float(k("lambda_bound")(*point, got["lambda_opt"])) - got["quadratic"]) < 1e-15


def test_quadratic_is_lambda_bound_at_lambda_opt_symbolically():
    lb, lo, quad = (theory.get(f"pacbayes.{n}") for n in ("lambda_bound", "lambda_opt", "quadratic"))
    emp, kl, n, delta, lam = lb.params
    b = sp.Symbol("b", positive=True)  # B/n: the bounds depend on (KL, n, delta) through it only
    B = theory._pacbayes.complexity()

    def in_b(e):
        return sp.simplify(e.subs(B, b * n))

    assert in_b(lb.expr.subs(lam, lo.expr) - quad.expr) == 0
    assert in_b(sp.diff(lb.expr, lam).subs(lam, lo.expr)) == 0  # stationary, and the printed form is the solve() root
    assert in_b(lo.derive() - lo.expr) == 0


def test_relaxations_are_derived_from_pinsker_inequalities():
    for name in ("mcallester", "quadratic"):
        f = theory.get(f"pacbayes.{name}")
        assert sp.simplify(sp.expand(f.derive() - f.expr)) == 0 or _close(f.derive(), f.expr, f.params)


def _close(e1, e2, params) -> bool:
    fns = [sp.lambdify(params, e, "mpmath") for e in (e1, e2)]
    pts = [(0.1, 5, 1000, 0.05), (0.0, 0.0, 1, 0.5), (0.9, 100.0, 7, 1e-9)]
    with mpmath.workdps(40):
        return all(abs(fns[0](*p) - fns[1](*p)) < mpmath.mpf(10) ** -30 for p in pts)


def test_gibbs_bound_is_catoni_at_the_gibbs_posterior():
    # Donsker-Varadhan: KL(Q_beta||P) = F - beta n emp_risk; then Catoni at C = beta
    emp, F, n, delta, beta = 0.07, 60.0, 400, 0.05, 1.7
    kl = F - beta * n * emp
    assert kl >= 0
    assert abs(float(k("gibbs_bound")(F, n, delta, beta)) - float(k("catoni")(emp, kl, n, delta, beta))) < 1e-15


def test_kl_inverse_slope_is_sympy_derivative():
    for name in ("kl_inverse_upper", "kl_inverse_lower", "kl_bound"):
        f = theory.get(f"pacbayes.{name}")
        diff = sp.diff(f.residual, f.unknown)
        fns = [sp.lambdify((f.unknown, *f.params), e, "mpmath") for e in (diff, f.derivative)]
        rnd = np.random.default_rng(1)
        with mpmath.workdps(30):
            for _ in range(20):
                pt = [mpmath.mpf(v) for v in (rnd.uniform(0.01, 0.99), rnd.uniform(0.01, 0.99))]
                args = [pt[0]] + ([pt[1], mpmath.mpf(rnd.uniform(0, 3))] if name != "kl_bound" else [pt[1], 2.0, 100, 0.05])[: len(f.params)]
                a, b = (fn(*args) for fn in fns)
                assert abs(a - b) <= 1e-25 * max(1, abs(a))
    _, _, slope = (None, None, theory.get("pacbayes.kl_inverse_upper").derivative)
    q, p = sp.Symbol("q", real=True), sp.Symbol("p", real=True)
    assert sp.simplify(slope - (p - q) / (p * (1 - p))) == 0


@settings(max_examples=80)
@given(q=st.one_of(st.sampled_from([0.0, 1.0, 1e-300, 1 - 1e-16]), st.floats(0, 1)), c=st.one_of(st.just(0.0), log_uniform(min_value=1e-300, max_value=1e300)))
def test_brackets_enclose_the_root(q, c):
    """Analytic brackets: the inner end satisfies kl <= c and the outer end kl >= c (50 digits)."""
    for name, sign in (("kl_inverse_upper", 1), ("kl_inverse_lower", -1)):
        f = theory.get(f"pacbayes.{name}")
        lo, hi = (sp.lambdify(f.params, b, "mpmath") for b in f.bracket)
        res = sp.lambdify((f.unknown, *f.params), f.residual, "mpmath")
        # the ends sit near e^{-c/q} (lower) or 1 - e^{-c/(1-q)} (upper), and ln p ~ -c/q must cancel
        # against c: evaluate with as many extra digits as those exponents have
        m = min(q, 1 - q) if 0 < q < 1 else 1.0
        extra = int(min(c / m, 3000.0) / 2.3 + max(0.0, math.log10(c + 1) - math.log10(m)))
        with mpmath.workdps(60 + extra):
            q, c = mpmath.mpf(q), mpmath.mpf(c)  # floats would be combined in double precision first
            a, b = lo(q, c), hi(q, c)
            assert a <= b
            ends = (a, b) if sign > 0 else (a, b)
            # residual is non-decreasing: non-positive at lo unless the root is lo itself, non-negative at hi unless it saturates
            assert res(ends[0], q, c) <= 1e-40 or a == b
            assert res(ends[1], q, c) >= -1e-40 or b in (0, 1)


def _kl_mp(q, p):
    q, p = mpmath.mpf(q), mpmath.mpf(p)
    if (p == 0 and q > 0) or (p == 1 and q < 1):
        return mpmath.inf
    t1 = 0 if q == 0 else q * mpmath.log(q / p)
    t2 = 0 if q == 1 else (1 - q) * mpmath.log((1 - q) / (1 - p))
    return t1 + t2


@settings(max_examples=150)
@given(
    q=st.one_of(st.sampled_from([0.0, 1.0, 0.5, 1 - 1e-12, 1e-12]), st.floats(0, 1)),
    c=st.one_of(st.sampled_from([0.0, 1e-12, 1e6, 1e300]), log_uniform(min_value=1e-15, max_value=1e3)),
)
def test_kl_of_the_inverse_is_c(q, c):
    """kl(q || kl_inverse(q, c)) = c to 1e-12, or to the change caused by rounding p to a double;
    results at 0 or 1 are saturated: the exact root lies within one double of the end."""
    up = float(k("kl_inverse_upper")(q, c))
    lo = float(k("kl_inverse_lower")(q, c))
    assert lo <= q <= up and 0 <= lo and up <= 1
    with mpmath.workdps(50):
        for p_ in (up, lo):
            if p_ in (0.0, 1.0):
                # saturated: the exact inverse lies beyond the last double before the end
                nxt = np.nextafter(p_, 0.5)
                assert _kl_mp(q, p_) <= c or _kl_mp(q, nxt) <= c * (1 + 1e-12), (q, c, p_)
                continue
            got = _kl_mp(q, p_)
            # the kernel returns p within a few doubles of the root (spacing eps p, coarser if subnormal);
            # each moves kl by spacing * kl'(p)
            allowed = 1e-12 * c + 8 * float(np.spacing(p_)) * abs(p_ - q) / (p_ * (1 - p_)) + 1e-300
            assert abs(got - c) <= allowed, (q, c, p_, float(got))


def test_kl_inverse_saturates_and_edges():
    up, lo = k("kl_inverse_upper"), k("kl_inverse_lower")
    assert up(0.3, 1e6) == 1.0 and up(0.999999, 1e3) == 1.0 and up(1.0, 5.0) == 1.0
    assert lo(0.3, 1e6) == 0.0 and lo(0.0, 5.0) == 0.0
    assert up(0.4, 0.0) == 0.4 and lo(0.4, 0.0) == 0.4
    assert abs(float(up(0.0, 1.0)) - (1 - math.exp(-1))) < 1e-16  # kl(0||p) = -ln(1-p)
    assert abs(float(lo(1.0, 1.0)) - math.exp(-1)) < 1e-16  # kl(1||p) = -ln p
    assert float(up(0.0, 1e-300)) == 1e-300


def test_lower_inverse_mirrors_upper():
    rng = np.random.default_rng(3)
    q, c = rng.random(10_000), rng.exponential(0.1, 10_000)
    np.testing.assert_allclose(k("kl_inverse_lower")(q, c), 1 - k("kl_inverse_upper")(1 - q, c), rtol=0, atol=2e-15)  # the mirror rounds 1 - q and 1 - p


def test_kl_inverse_agrees_with_brentq():
    from scipy.optimize import brentq

    rng = np.random.default_rng(4)
    q, c = rng.random(2000), rng.exponential(0.05, 2000)
    ours = k("kl_inverse_upper")(q, c)

    def kl(qi, p):
        return (qi * math.log(qi / p) if qi > 0 else 0.0) + ((1 - qi) * math.log((1 - qi) / (1 - p)) if qi < 1 else 0.0)

    ref = np.array([1.0 if kl(a, 1 - 1e-16) <= b else brentq(lambda p, a=a, b=b: kl(a, p) - b, a, 1 - 1e-16, xtol=1e-300, rtol=1e-15) for a, b in zip(q, c)])
    np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=0)


def test_kl_bound_is_the_inverse_at_b_over_n():
    emp, kl, n, delta = 0.1, 5.0, 1000, 0.05
    c = (kl + math.log(2 * math.sqrt(n) / delta)) / n
    assert float(k("kl_bound")(emp, kl, n, delta)) == float(k("kl_inverse")(emp, c)) == float(k("kl_inverse_upper")(emp, c))


_points = st.fixed_dictionaries(
    {
        "emp_risk": st.one_of(st.just(0.0), st.floats(0, 1)),
        "kl": st.one_of(st.just(0.0), log_uniform(min_value=1e-6, max_value=1e4)),
        "n": st.one_of(st.integers(1, 100), st.integers(100, 10**9)),
        "delta": st.one_of(st.sampled_from([0.05, 0.01]), log_uniform(min_value=1e-12, max_value=0.99)),
    }
)


@settings(max_examples=120)
@given(pt=_points)
def test_kl_bound_is_tightest(pt):
    kb = float(k("kl_bound")(**pt))
    mc, qd = float(k("mcallester")(**pt)), float(k("quadratic")(**pt))
    lam = float(k("lambda_opt")(**pt))
    lb = float(k("lambda_bound")(**pt, lam=lam))
    slack = 1e-13 * max(1.0, qd)
    assert kb <= mc * (1 + 1e-14) + 1e-15  # Pinsker
    assert kb <= qd + slack  # refined Pinsker
    assert abs(lb - qd) <= 1e-12 * qd
    assert pt["emp_risk"] <= kb


@settings(max_examples=60)
@given(pt=_points, C=log_uniform(min_value=0.01, max_value=50))
def test_bounds_are_monotone(pt, C):
    """Each bound grows with KL and shrinks with delta and (for n beyond a few) with n."""
    for name in ("mcallester", "kl_bound", "quadratic", "catoni"):
        extra = {"C": C} if name == "catoni" else {}
        f = k(name)
        base = float(f(**pt, **extra))
        more_kl = float(f(**dict(pt, kl=pt["kl"] * 2 + 1), **extra))
        more_delta = float(f(**dict(pt, delta=min(0.999, pt["delta"] * 2)), **extra))
        more_n = float(f(**dict(pt, n=pt["n"] * 4), **extra))
        tol = 1e-13 * max(1.0, abs(base))
        assert more_kl >= base - tol, name
        assert more_delta <= base + tol, name
        if name != "catoni" or True:
            assert more_n <= base + tol, (name, pt, base, more_n)


def test_domain_errors_name_the_parameter():
    with pytest.raises(ValueError, match=r"delta=1\.0 is outside \(0, 1\) for pacbayes\.mcallester"):
        k("mcallester")(0.1, 5.0, 100, 1.0)
    with pytest.raises(ValueError, match=r"emp_risk=1\.5 is outside \[0, 1\]"):
        k("kl_bound")(1.5, 5.0, 100, 0.05)
    with pytest.raises(ValueError, match=r"n=2\.5 is outside integers >= 1"):
        k("quadratic")(0.1, 5.0, 2.5, 0.05)
    with pytest.raises(ValueError, match=r"lam=2\.0 is outside \(0, 2\)"):
        k("lambda_bound")(0.1, 5.0, 100, 0.05, 2.0)
    with pytest.raises(ValueError, match=r"c=-1\.0 is outside \[0, oo\)"):
        k("kl_inverse_upper")(0.1, -1.0)
    with pytest.raises(ValueError, match=r"C=0\.0 is outside \(0, oo\)"):
        k("catoni")(0.1, 5.0, 100, 0.05, 0.0)
