"""Deep linear networks: derivations, closed forms against THEORY.md §5, and the GD simulator."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp
from sympy.codegen.cfunctions import expm1

from lmech import numeric, theory
from lmech.numeric import sim
from lmech.theory import _deeplinear as dl


def test_mode_ode_comes_from_the_per_mode_equations():
    # tau a' = b(s - ab), tau b' = a(s - ab) at a = b = sqrt(u): tau u' = 2u(s - u), the factor 2
    assert sp.simplify(dl._balanced_ode() - 2 * dl.u * (dl.s - dl.u)) == 0


def test_mode_is_the_dsolve_solution_and_the_printed_logistic():
    f = theory.get("deeplinear.mode")
    t, s, u0, tau = f.params
    derived = f.derive()
    assert sp.simplify(derived - f.printed) == 0
    (pw,) = f.expr.atoms(sp.Piecewise)
    for branch in pw.args:  # each branch of the stable form is the same function
        plain = f.expr.subs(pw, branch.expr).replace(expm1, lambda a: sp.exp(a) - 1)
        assert sp.simplify(tau * sp.diff(plain, t) - 2 * plain * (s - plain)) == 0  # solves the ODE
        assert sp.simplify(plain - f.printed) == 0  # and is the printed logistic
    assert sp.simplify(f.expr.subs(t, 0) - u0) == 0


def test_learning_time_inverts_mode():
    lt, mode = numeric.compile("deeplinear.learning_time"), numeric.compile("deeplinear.mode")
    s, u0, uf, tau = 2.0, 1e-3, 0.9 * 2.0, 1.0
    t = float(lt(s, u0, uf, tau))
    assert abs(float(mode(t, s, u0, tau)) - uf) < 1e-13
    # THEORY.md §5.2: u0 = 1e-3 -> 0.9 s takes 1.70054 at s = 2? (the sheet's example uses s from (3, 2, 1, 0.5))
    assert abs(float(lt(s, u0, uf, tau)) - np.log(uf * (s - u0) / (u0 * (s - uf))) / (2 * s)) < 1e-14


def test_mode_has_no_overflow_at_extremes():
    mode = numeric.compile("deeplinear.mode")
    assert abs(float(mode(1e6, 5.0, 1e-300, 1.0)) - 5.0) < 4e-15
    assert float(mode(0.0, 5.0, 1e-300, 1.0)) == 1e-300
    assert float(mode(1e-3, 1e-300, 1e300, 1.0)) > 0
    assert np.all(np.isfinite(mode(np.logspace(-10, 10, 50), 3.0, 1e-12, 0.5)))


def test_deep_time_matches_theory_table_hypergeometric_and_sympy_integral():
    f = theory.get("deeplinear.mode_deep")
    args = (f.unknown, *f.params)
    closed = sp.lambdify(args, f.residual + f.params[0], "mpmath")  # t(u)
    hyper = sp.lambdify(args, dl.deep_time_hypergeometric(), "mpmath")
    integral = sp.lambdify(args, dl.deep_time_integral(), "mpmath")
    with mpmath.workdps(30):
        for depth, table in ((3, "1.97755858"), (5, "2.60610290"), (10, "2.51573300")):
            # the closed form sums over j < D (an int); the others take D as an mpf, so 2/D is exact
            values = [
                fn(mpmath.mpf(1), 0, 2, mpmath.mpf("0.01"), 1, d) for fn, d in ((closed, depth), (hyper, mpmath.mpf(depth)), (integral, mpmath.mpf(depth)))
            ]
            assert abs(values[0] - mpmath.mpf(table)) < 5e-9
            assert abs(values[0] - values[1]) < 1e-20 and abs(values[0] - values[2]) < 1e-20
        # depth 2: the log formula of learning_time
        assert abs(closed(1, 0, 2, mpmath.mpf("0.01"), 1, 2) - mpmath.log(1 * (2 - mpmath.mpf("0.01")) / (mpmath.mpf("0.01") * 1)) / 4) < 1e-25


def test_implicit_slopes_are_the_odes():
    for fid, ode in (
        ("deeplinear.mode_deep", lambda u, p: p["depth"] * u ** (2 - 2 / p["depth"]) * (p["s"] - u)),
        ("deeplinear.mode_unbalanced", lambda u, p: (p["s"] - u) * mpmath.sqrt(p["c"] ** 2 + 4 * u**2)),
    ):
        f = theory.get(fid)
        d_closed = sp.lambdify((f.unknown, *f.params), sp.diff(f.residual, f.unknown), "mpmath")
        slope = sp.lambdify((f.unknown, *f.params), f.derivative, "mpmath")
        p = {"t": 0, "s": mpmath.mpf(2), "u0": mpmath.mpf("0.01"), "tau": mpmath.mpf("1.5"), "depth": 4, "c": mpmath.mpf("0.3")}
        vals = [p[x.name] for x in f.params]
        with mpmath.workdps(30):
            for u in (mpmath.mpf("0.02"), mpmath.mpf("0.7"), mpmath.mpf("1.9")):
                assert abs(d_closed(u, *vals) - slope(u, *vals)) < 1e-25
                assert abs(slope(u, *vals) - p["tau"] / ode(u, p)) < 1e-25  # dt/du = tau / (tau u')


def test_unbalanced_reduces_to_balanced_and_matches_theory():
    mu, mode = numeric.compile("deeplinear.mode_unbalanced"), numeric.compile("deeplinear.mode")
    t = np.linspace(0, 5, 41)
    np.testing.assert_allclose(mu(t, 2.0, 0.01, 0.0, 1.0), mode(t, 2.0, 0.01, 1.0), rtol=1e-12)
    # THEORY.md §5.3: (a0, b0, s) = (0.5, 0.01, 2): t(u(t)) = t, against the printed t(u)
    a0, b0 = 0.5, 0.01
    c, u0 = a0**2 - b0**2, a0 * b0
    printed = sp.lambdify((dl.u, dl.s, dl.u0, dl.c, dl.tau), dl._unbalanced_time_printed(dl.u), "mpmath")
    for tt in (0.5, 1.0, 3.0):
        u = float(mu(tt, 2.0, u0, c, 1.0))
        with mpmath.workdps(30):
            assert abs(printed(mpmath.mpf(u), 2, mpmath.mpf(u0), mpmath.mpf(c), 1) - tt) < 1e-8


# ------------------------------------------------------------------------------ simulator
def test_gd_padding_and_mode_readout(rng):
    s = np.array([2.0, 1.0])
    a = sim.deep_linear_gd(s, (3, 5, 4), 0.01, 2.0, np.random.default_rng(0), u0=0.01, record_every=0.5)
    assert a.modes.shape == (1, 5, 2) and a.product.shape == (1, 5, 4, 3) and a.dims == (3, 5, 4)
    u_t, v_t = a.teacher
    np.testing.assert_allclose(np.einsum("oa,rtoi,ia->rta", u_t, a.product, v_t), a.modes, atol=1e-13)
    np.testing.assert_allclose(a.u0, 0.01)
    # the loss above its minimum is (1/2)|Sigma - W|^2 and decreases
    assert np.all(np.diff(a.loss[0]) < 0)


def test_gd_unbalanced_follows_mode_unbalanced():
    s, (a0, b0) = np.array([2.0]), (0.5, 0.01)
    pred = numeric.compile("deeplinear.mode_unbalanced")
    devs = []
    for eta in (0.002, 0.001):
        tr = sim.deep_linear_gd(s, (1, 1, 1), eta, 3.0, np.random.default_rng(1), strengths=np.array([[a0], [b0]]), record_every=0.1)
        devs.append(np.abs(tr.modes[0, :, 0] - pred(tr.times, 2.0, a0 * b0, a0**2 - b0**2, 1.0)).max())
    assert devs[0] < 0.02 and 1.8 < devs[0] / devs[1] < 2.2  # O(eta): c = a^2 - b^2 is conserved by the flow


def test_zero_balanced_training_matches_network_function():
    s = np.array([3.0, 1.5, 0.7])
    devs = []
    for eta in (0.004, 0.002, 0.001):
        tr = sim.deep_linear_gd(s, (5, 4, 6), eta, 4.0, np.random.default_rng(3), init="zero_balanced", scale=0.05, record_every=0.2)
        w1, w2 = (w[0] for w in tr.initial)
        u_t, v_t = tr.teacher
        pred = sim.network_function(tr.times, w1, w2, u_t @ np.diag(s) @ v_t.T)
        devs.append(np.abs(tr.product[0] - pred).max())
    order = np.log2(devs[1] / devs[2])
    assert abs(order - 1) < 0.1, devs  # Euler: the deviation halves with eta
    # the closed form has teeth: the same comparison with time scaled by 1.05 does not converge
    wrong = sim.network_function(tr.times * 1.05, w1, w2, u_t @ np.diag(s) @ v_t.T)
    assert np.abs(tr.product[0] - wrong).max() > 20 * devs[2]
    with pytest.raises(ValueError, match="not zero-balanced"):
        sim.network_function(1.0, w1, 2 * w2, u_t @ np.diag(s) @ v_t.T)


def test_gd_validates_input(rng):
    with pytest.raises(ValueError, match="depth >= 2"):
        sim.deep_linear_gd([1.0], (2, 2), 0.01, 1.0, rng)
    with pytest.raises(ValueError, match="must be >= the number of modes"):
        sim.deep_linear_gd([1.0, 2.0, 3.0], (2, 4, 4), 0.01, 1.0, rng)
    with pytest.raises(ValueError, match="init='xavier' is not one of"):
        sim.deep_linear_gd([1.0], (2, 2, 2), 0.01, 1.0, rng, init="xavier")
    with pytest.raises(ValueError, match="eta=0 is outside"):
        sim.deep_linear_gd([1.0], (2, 2, 2), 0, 1.0, rng)
    with pytest.raises(ValueError, match="zero_balanced"):
        sim.deep_linear_gd([1.0], (2, 2, 2, 2), 0.01, 1.0, rng, init="zero_balanced")
