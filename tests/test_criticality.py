"""Criticality (nngp): ReLU's critical point derived from the registered expectations, the erf closed forms
against their defining equations, and the tanh quadrature kind against independent quadrature
(scipy, mpmath's tanh-sinh) and its own 30-digit reference on hypothesis-drawn points, edges included."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import scipy.integrate
import scipy.optimize
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lmech import numeric, theory
from lmech.theory import _criticality
from lmech.verify._accuracy import compare_point

TANH = ("tanh_chi_perp", "tanh_chi_parallel", "tanh_fixed_point", "tanh_critical_bias")


def test_relu_critical_point_from_the_expectations():
    """chi_par = d/dq (C_W E relu^2) and chi_perp = C_W E[relu'^2] on the diagonal are both C_W/2: critical at C_W = 2."""
    q, cw, cb = sp.Symbol("q", positive=True), sp.Symbol("C_W", positive=True), sp.Symbol("C_b", nonnegative=True)
    diag = {sp.Symbol("q1", positive=True): q, sp.Symbol("q2", positive=True): q, sp.Symbol("q12", real=True): q}
    e2 = sp.simplify(theory.get("nngp.relu_expectation").printed.subs(diag))
    d2 = sp.simplify(theory.get("nngp.relu_derivative_expectation").printed.subs(diag))
    chi_par, chi_perp = sp.simplify(cw * sp.diff(e2, q)), sp.simplify(cw * d2)
    assert chi_par == cw / 2 and chi_perp == cw / 2
    assert sp.solve(sp.Eq(chi_perp, 1), cw) == [2]
    # the fixed point q* = C_b/(1 - C_W/2) is finite at C_W = 2 only for C_b = 0
    (q_star,) = sp.solve(sp.Eq(q, cb + cw * e2), q)
    assert sp.limit(q_star.subs(cb, sp.Rational(1, 10)), cw, 2, "-") == sp.oo


def test_erf_closed_forms_solve_their_equations():
    fixed, perp, par = (numeric.compile(f"nngp.erf_{n}") for n in ("fixed_point", "chi_perp", "chi_parallel"))
    crit = numeric.compile("nngp.erf_critical_bias")
    e2 = numeric.compile("nngp.erf_expectation")
    for cw, cb in ((1.5, 0.1), (0.9, 0.0), (3.0, 2.0), (0.5, 0.0)):
        q = float(fixed(cw, cb))
        assert q == pytest.approx(cb + cw * float(e2(q, q, q)) if q > 0 else 0.0, rel=1e-13, abs=1e-300)
        if q > 0:
            assert float(par(q, cw)) < 1  # the root found is the stable fixed point
    assert float(fixed(math.pi / 4 * 0.999, 0.0)) == 0.0  # below C_W = pi/4, q* = 0 (chi_perp(0) = 4 C_W/pi)
    for cw in (0.8, 1.2, 2.5, 10.0):
        cb = float(crit(cw))
        q = float(fixed(cw, cb))
        assert q == pytest.approx(((4 * cw / math.pi) ** 2 - 1) / 4, rel=1e-11)
        assert float(perp(q, cw)) == pytest.approx(1.0, rel=1e-12)
    # ordered above the line, chaotic below
    cb = float(crit(2.0))
    assert float(perp(float(fixed(2.0, cb * 1.5)), 2.0)) < 1 < float(perp(float(fixed(2.0, cb / 1.5)), 2.0))


def test_depth_scale():
    xi = numeric.compile("nngp.depth_scale")
    assert float(xi(math.exp(-1 / 7))) == pytest.approx(7.0, rel=1e-14)


def _scipy_expectation(g, v):
    """E g(sqrt(v) z) by scipy's adaptive quadrature (QUADPACK): an independent method."""
    s = math.sqrt(v)
    return scipy.integrate.quad(lambda z: g(s * z) * math.exp(-z * z / 2) / math.sqrt(2 * math.pi), -40, 40, epsabs=0, epsrel=1e-13, limit=400, points=[0.0])[0]


def test_tanh_against_independent_quadrature():
    sech2 = lambda u: 1 / math.cosh(u) ** 2  # noqa: E731
    for cw, cb in ((1.5, 0.1), (2.5, 0.5), (1.1, 0.01)):
        q = scipy.optimize.brentq(lambda v, cw=cw, cb=cb: v - cb - cw * (1 - _scipy_expectation(sech2, v)), cb, cb + cw, xtol=1e-15, rtol=1e-14)
        assert float(numeric.compile("nngp.tanh_fixed_point")(cw, cb)) == pytest.approx(q, rel=1e-11)
        chi = cw * _scipy_expectation(lambda u: sech2(u) ** 2, q)
        assert float(numeric.compile("nngp.tanh_chi_perp")(q, cw)) == pytest.approx(chi, rel=1e-11)
        # chi_par by a central difference of C_W E tanh^2 in q
        h = 1e-5 * q
        slope = cw * (_scipy_expectation(lambda u: math.tanh(u) ** 2, q + h) - _scipy_expectation(lambda u: math.tanh(u) ** 2, q - h)) / (2 * h)
        assert float(numeric.compile("nngp.tanh_chi_parallel")(q, cw)) == pytest.approx(slope, rel=1e-7)
    # the edge of chaos: chi_perp(q*) = 1 at (C_W, critical C_b); C_W = 1 is the Gaussian point (C_b = 0)
    crit = numeric.compile("nngp.tanh_critical_bias")
    assert float(crit(1.0)) == 0.0
    for cw in (1.3, 2.0, 4.0):
        cb = float(crit(cw))
        q = float(numeric.compile("nngp.tanh_fixed_point")(cw, cb))
        assert float(numeric.compile("nngp.tanh_chi_perp")(q, cw)) == pytest.approx(1.0, rel=1e-10)
    # near C_W = 1 the line is C_b = (C_W - 1)^3/6 + ...: the series of q - C_W E tanh^2 at the root
    assert float(crit(1.0 + 1e-4)) == pytest.approx(1e-12 / 6, rel=1e-3)


def test_reference_quadrature_against_tanh_sinh():
    """The 30-digit composite Gauss-Legendre reference against mpmath's tanh-sinh on the same range."""
    with mpmath.workdps(30):
        for kind in _criticality.TANH_INTEGRANDS:
            for v in ("1e-7", "0.3", "1", "40"):
                if kind in ("tanh2", "edge") and float(v) > 1:
                    continue
                vv = mpmath.mpf(v)
                half, count = _criticality.panels(vv, kind)
                g = _criticality.TANH_INTEGRANDS[kind]
                ours = _criticality.tanh_expectation_mp(kind, vv)
                # tanh-sinh's error control is absolute: integrate the integrand scaled to an O(1) result
                scale = ours * mpmath.sqrt(2 * mpmath.pi * vv)
                ratio = mpmath.quad(lambda u, g=g, vv=vv, scale=scale: g(u) * mpmath.exp(-u * u / (2 * vv)) / scale, mpmath.linspace(-half, half, count + 1))
                assert abs(ratio - 1) <= mpmath.mpf(10) ** -26, (kind, v)


def test_edge_series_is_the_integration_by_parts_identity():
    series = _criticality.tanh_edge_series()
    assert series[:3] == (0, 0, 0) and series[3] == sp.Rational(4, 45)
    with mpmath.workdps(40):
        for v in ("1e-3", "0.5"):
            lhs = _criticality.tanh_expectation_mp("edge", v)
            rhs = mpmath.mpf(v) * _criticality.tanh_expectation_mp("sech4", v) - _criticality.tanh_expectation_mp("tanh2", v)
            assert abs(lhs - rhs) <= mpmath.mpf(10) ** -30 * abs(lhs) * 1e6  # rhs cancels to q^3: 1e-24 relative at most


_ARGS = {
    "tanh_chi_perp": {"q": st.one_of(st.just(0.0), st.floats(1e-12, 1e4)), "C_W": st.floats(1e-3, 1e3)},
    "tanh_chi_parallel": {"q": st.one_of(st.just(0.0), st.floats(1e-12, 1e4)), "C_W": st.floats(1e-3, 1e3)},
    "tanh_fixed_point": {"C_W": st.one_of(st.just(1.0), st.floats(1e-3, 50.0)), "C_b": st.one_of(st.just(0.0), st.floats(0.0, 50.0))},
    "tanh_critical_bias": {"C_W": st.one_of(st.just(1.0), st.just(1.0 + 2**-52), st.floats(1.0, 100.0))},
}


@pytest.mark.parametrize("name", TANH)
def test_tanh_methods_match_the_reference(name):
    f = theory.get(f"nngp.{name}")

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.fixed_dictionaries(_ARGS[name]))
    def check(point):
        c = compare_point(f, point)
        assert math.isfinite(c.value) and c.ok, (point, c)

    check()


def test_tanh_bad_input():
    with pytest.raises(ValueError, match="C_W"):
        numeric.compile("nngp.tanh_critical_bias")(0.5)
    with pytest.raises(ValueError, match="q"):
        numeric.compile("nngp.tanh_chi_perp")(-1.0, 1.0)


def test_vectorised_methods_broadcast():
    out = numeric.compile("nngp.tanh_fixed_point")(np.array([1.5, 2.0]), np.array([[0.1], [0.2]]))
    assert out.shape == (2, 2) and np.all(np.isfinite(out))


@pytest.mark.parametrize("cid", ["nngp.tanh_correlation", "nngp.erf_correlation"])
def test_contraction_checks_pass_and_reject_their_wrong_formulas(cid):
    from lmech import verify
    from lmech.verify import testing

    r = testing.check_result(verify.get_check(cid))  # the kit's run of this check (one per process)
    assert r.ok and r.teeth, r.error
    assert not any(v.ok for v in r.wrong)


WIDTH = [f"{a}_{k}" for a in ("erf", "tanh") for k in ("vertex", "mean_correction")]


@pytest.mark.parametrize("name", WIDTH)
def test_width_recursions_match_their_reference(name):
    f = theory.get(f"nngp.{name}")
    for point in ({"layer": 3, "q": 0.8, "C_W": 1.8, "C_b": 0.2}, {"layer": 1, "q": 2.0, "C_W": 1.0, "C_b": 0.0}):
        c = compare_point(f, point)
        assert math.isfinite(c.value) and c.ok, (point, c)


def test_width_integrands_are_the_derivatives():
    z = sp.Symbol("z", real=True)
    s2, s4, d1, d2 = theory.single_input_integrands("tanh")
    assert sp.simplify(s2 - sp.tanh(z) ** 2) == 0 and sp.simplify(s4 - sp.tanh(z) ** 4) == 0
    # f'(K) = E[(sigma^2)'']/2: against a central difference of E[tanh^2(sqrt(K) z)] in K
    from lmech.numeric import _gauss

    k, h = 0.9, 1e-5
    u, w = _gauss._gaussian_rule(k)
    g1 = sp.lambdify(z, d1, "numpy")
    up, wp = _gauss._gaussian_rule(k + h)
    um, wm = _gauss._gaussian_rule(k - h)
    slope = (float(wp @ np.tanh(up) ** 2) - float(wm @ np.tanh(um) ** 2)) / (2 * h)
    assert float(w @ g1(u)) == pytest.approx(slope, rel=1e-8)
    with pytest.raises(ValueError, match="activation"):
        theory.single_input_integrands("relu")


def test_mean_correction_against_wide_networks():
    """E G_l - K_l = K1_l/n + O(1/n^2): the width-extrapolated n (mean G_l - K_l) of many narrow erf networks against K1_l.

    The tolerance is the Monte-Carlo standard error (z < 4.5); K1 = 0 (no 1/n shift of the mean) is rejected at the same size."""
    from lmech.numeric import sim

    q, cw, cb, depth, seeds = 1.0, 1.8, 0.2, 6, 400000
    rng = np.random.default_rng(np.random.SeedSequence([17, 6]))
    k = numeric.compile("nngp.erf_vertex")  # compiles the shared recursion; K_l below from width_recursion
    from lmech.numeric import _gauss

    assert k(2, q, cw, cb) > 0
    shift = {}
    for width in (16, 32):
        g = np.concatenate([sim.mlp_pair(q, q, q, depth, width, cw, cb, "erf", seeds // 4, rng)["c11"][depth - 1] for _ in range(4)])
        kl = _gauss.width_recursion("erf", depth, q, cw, cb)[0]
        shift[width] = (width * (g.mean() - kl), width * g.std(ddof=1) / math.sqrt(seeds))
    estimate = 2 * shift[32][0] - shift[16][0]
    se = math.sqrt(4 * shift[32][1] ** 2 + shift[16][1] ** 2)
    predicted = float(numeric.compile("nngp.erf_mean_correction")(depth, q, cw, cb))
    assert abs(estimate - predicted) < 4.5 * se, (estimate, predicted, se)
    assert abs(estimate - 0.0) > 4.5 * se, (estimate, se)  # the infinite-width mean is off by K1/n, resolved here


@pytest.mark.parametrize("cid", ["nngp.erf_vertex", "nngp.tanh_vertex"])
def test_vertex_checks_pass_and_reject_their_wrong_formulas(cid):
    from lmech import verify
    from lmech.verify import testing

    r = testing.check_result(verify.get_check(cid))  # the kit's run of this check (one per process)
    assert r.ok and r.teeth, r.error
    assert not any(v.ok for v in r.wrong)
