"""The transient_bbp family: derivations against the printed forms, the limits the issue names,
THEORY.md §7.2-7.3's tables, and the numba methods against the 50-digit run of the same
equations on hypothesis-drawn points across the domain, edges included."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lmech import numeric, theory
from lmech.theory import _transient_bbp as tb

EDGE = numeric.compile("transient_bbp.edge")
OUTLIER = numeric.compile("transient_bbp.outlier")
RANK_ONE = numeric.compile("transient_bbp.outlier_rank_one")
BASE = dict(alpha=0.5, lam_plus=1.0, lam_minus=0.05, sigma2=1.0)


def test_family_is_registered_with_the_issue_s_parameters():
    fam = [f.id for f in theory.family("transient_bbp")]
    names = ("edge", "outlier", "outlier_rank_one", "regime", "emergence_time", "absorption_time", "gd_edge", "gd_outlier", "overlap")
    assert sorted(fam) == sorted(f"transient_bbp.{n}" for n in names)
    assert theory.get("transient_bbp.gd_outlier").param_names == ("t", "eta", "theta", "alpha", "lam_plus", "lam_minus", "sigma2", "sigma2_init")
    assert theory.get("transient_bbp.outlier").param_names == ("t", "theta", "alpha", "lam_plus", "lam_minus", "sigma2", "sigma2_init")
    assert theory.get("transient_bbp.regime").param_names == ("theta", "alpha", "lam_plus", "lam_minus", "sigma2", "sigma2_init")
    for f in theory.family("transient_bbp"):
        assert "2604.18450" in f.reference and theory.latex(f)


# ------------------------------------------------------------------------------ derivations
def test_mode_and_profile_derive_the_printed_forms():
    s, lam, b, a0 = sp.symbols("s lam b a0", positive=True)
    assert sp.simplify(tb.derive_mode() - (b + (a0 - b) * sp.exp(-lam * s))) == 0
    v, variance = tb.derive_profile()
    t, s2, s20 = tb.t, tb.sigma2, tb.sigma2_init
    d = (1 - sp.exp(-t * lam)) / sp.sqrt(lam)  # THEORY.md §7.3 and the issue: v_a = sigma2 d_a^2 + sigma2_init e^{-2 t lam_a}
    assert sp.simplify(v - (s2 * d**2 + s20 * sp.exp(-2 * t * lam))) == 0
    va, vb = sp.symbols("v_a v_b", nonnegative=True)
    assert sp.simplify(variance - (va + vb) / 4) == 0


def test_outlier_condition_is_the_rank_two_determinant_and_rank_one_late():
    m00, m01, m11, m = sp.symbols("m00 m01 m11 m")
    th = theory.get("transient_bbp.outlier").param("theta")
    printed = (1 + th / 2 * m01) ** 2 - th**2 / 4 * m00 * m11
    assert sp.expand(tb.derive_outlier_condition() - printed) == 0
    assert sp.simplify(tb.derive_outlier_condition(late=True) - (1 + th * m)) == 0


def test_gradient_descent_mode_by_rsolve_and_its_first_order_series():
    """a_k = b + (a0 - b)(1 - eta lam)^k; at k = t/eta the decay factor is e^{-t lam}(1 - eta t lam^2/2) + O(eta^2)."""
    k = sp.Symbol("k", integer=True, nonnegative=True)
    lam, b, a0, eta = sp.symbols("lam b a0 eta", positive=True)
    sol, first = tb.derive_gd_mode()
    assert sp.simplify(sol - (b + (a0 - b) * (1 - eta * lam) ** k)) == 0
    assert sp.simplify(first - (-tb.t * lam**2 * sp.exp(-lam * tb.t) / 2)) == 0
    # the eta -> 0 limit is the flow's mode (dsolve), the coefficient of a0 in both
    flow_decay = sp.diff(tb.derive_mode(), a0).subs(sp.Symbol("s", positive=True), tb.t)
    assert sp.simplify(sp.limit(sp.diff(sol, a0).subs(k, tb.t / eta), eta, 0) - flow_decay) == 0


def test_gd_formulas_are_the_flow_at_eta_0_and_first_order_in_eta():
    gd_out, gd_edge = numeric.compile("transient_bbp.gd_outlier"), numeric.compile("transient_bbp.gd_edge")
    args = dict(alpha=0.4, lam_plus=1.0, lam_minus=0.1, sigma2=1.0, sigma2_init=0.5)
    assert gd_out(t=2.0, eta=0.0, theta=3.0, **args) == OUTLIER(t=2.0, theta=3.0, **args)
    assert gd_edge(t=2.0, eta=0.0, **args) == EDGE(t=2.0, **args)
    flow = float(OUTLIER(t=2.0, theta=3.0, **args))
    gaps = [float(gd_out(t=2.0, eta=h, theta=3.0, **args)) - flow for h in (0.04, 0.02, 0.01)]
    assert gaps[0] > 0
    # order 1: the ratio of gaps at eta and eta/2 tends to 2, its error halving with eta
    assert abs(gaps[1] / gaps[2] - 2) < 0.6 * abs(gaps[0] / gaps[1] - 2) and abs(gaps[1] / gaps[2] - 2) < 0.02
    with pytest.raises(ValueError, match=r"violates eta\*lam_plus < 1"):
        gd_out(t=2.0, eta=1.0, theta=3.0, **args)


def test_isotropic_gd_is_the_flow_at_a_stretched_time():
    """lam_minus = lam_plus = lam: (1 - eta lam)^(t/eta) = e^{-lam t'} with t' = -t log(1 - eta lam)/(eta lam),
    exactly, so descent is the flow at t' for every eta."""
    gd_out = numeric.compile("transient_bbp.gd_outlier")
    for t, eta, lam, s20 in [(2.0, 0.3, 1.0, 0.0), (0.5, 0.9, 1.0, 0.5), (5.0, 1.0, 0.5, 1.0)]:
        stretched = -t * math.log1p(-eta * lam) / (eta * lam)
        args = dict(theta=2.5, alpha=0.3, lam_plus=lam, lam_minus=lam, sigma2=1.0, sigma2_init=s20)
        assert float(gd_out(t=t, eta=eta, **args)) == pytest.approx(float(OUTLIER(t=stretched, **args)), rel=1e-12)


# ------------------------------------------------------------------------------ the limits
def test_isotropic_covariance_is_the_spiked_wigner_model():
    """lam_minus = lam_plus: S is constant, v/2, and the signal is rank one of strength theta c."""
    sw = numeric.compile("spiked_wigner.outlier")
    for t, th, lam, s20 in [(0.7, 1.5, 1.0, 0.0), (3.0, 2.5, 0.3, 0.4), (0.2, 4.0, 2.0, 1.0)]:
        c = -math.expm1(-t * lam)
        v = c * c / lam + s20 * math.exp(-2 * t * lam)
        args = dict(alpha=0.3, lam_plus=lam, lam_minus=lam, sigma2=1.0, sigma2_init=s20)
        assert float(EDGE(t=t, **args)) == pytest.approx(2 * math.sqrt(v / 2), rel=1e-13)
        assert float(OUTLIER(t=t, theta=th, **args)) == pytest.approx(float(sw(theta=th * c, sigma2=v / 2)), rel=1e-13)


def test_isotropic_overlap_is_the_spiked_wigner_overlap():
    """lam_minus = lam_plus: the rank-two formula's eigenvector overlap is spiked Wigner's 1 - sigma^2/theta'^2."""
    ov, sw = numeric.compile("transient_bbp.overlap"), numeric.compile("spiked_wigner.overlap")
    for t, th, lam, s20 in [(0.7, 1.5, 1.0, 0.0), (3.0, 2.5, 0.3, 0.4), (0.2, 4.0, 2.0, 1.0), (1.0, 0.5, 1.0, 0.0)]:
        c = -math.expm1(-t * lam)
        v = c * c / lam + s20 * math.exp(-2 * t * lam)
        got = float(ov(t=t, theta=th, alpha=0.3, lam_plus=lam, lam_minus=lam, sigma2=1.0, sigma2_init=s20))
        assert got == pytest.approx(float(sw(theta=th * c, sigma2=v / 2)), rel=1e-12, abs=1e-300)
    # no outlier, no overlap; a strong spike aligns the eigenvector
    args = dict(alpha=0.5, lam_plus=1.0, lam_minus=0.05, sigma2=1.0, sigma2_init=0.5)
    assert float(ov(t=2.0, theta=0.1, **args)) == 0.0 and 0.9 < float(ov(t=20.0, theta=50.0, **args)) < 1.0


def test_at_t0_the_bulk_is_a_semicircle_of_radius_sqrt_2_sigma2_init_with_no_outlier():
    for s20 in (0.5, 2.0):
        args = dict(BASE, sigma2_init=s20)
        assert float(EDGE(t=0.0, **args)) == pytest.approx(math.sqrt(2 * s20), rel=1e-14)
        assert float(OUTLIER(t=0.0, theta=10.0, **args)) == float(EDGE(t=0.0, **args))
    assert float(EDGE(t=0.0, **BASE, sigma2_init=0.0)) == 0.0  # H(0) = 0


def test_late_time_is_rank_one_bbp_on_the_least_squares_bulk():
    """t -> oo: c_a -> 1, the rank-two and rank-one conditions agree; at finite t they differ."""
    args = dict(BASE, sigma2_init=0.3)
    late = float(OUTLIER(t=2000.0, theta=6.0, **args))
    assert late == pytest.approx(float(RANK_ONE(t=2000.0, theta=6.0, **args)), rel=1e-13)
    assert float(OUTLIER(t=2.0, theta=6.0, **args)) != pytest.approx(float(RANK_ONE(t=2.0, theta=6.0, **args)), rel=1e-3)


# ------------------------------------------------------------------------- THEORY.md tables
@pytest.mark.parametrize(
    "theta, t, edge, outlier",
    [(1.2, 0.5, 0.454, 0.471), (1.2, 2, 1.028, 1.066), (1.2, 8, 1.833, None), (1.2, 60, 4.888, None), (6, 2, None, 3.369), (6, 60, None, 6.703)],
)
def test_theory_7_2_table(theta, t, edge, outlier):
    """Printed to three decimals (truncated or rounded: within 1.5e-3); "none" is no outlier."""
    e = float(EDGE(t=t, **BASE, sigma2_init=0.0))
    o = float(OUTLIER(t=t, theta=theta, **BASE, sigma2_init=0.0))
    if edge is not None:
        assert abs(e - edge) < 1.5e-3
    if outlier is None:
        assert o == e
    else:
        assert abs(o - outlier) < 1.5e-3 and o > e


@pytest.mark.parametrize("t, edge, outlier", [(0.2, 0.9321, None), (1, 0.9838, 1.0933), (4, 1.3987, 1.6662), (20, 3.3057, None)])
def test_theory_7_3_table(t, edge, outlier):
    """sigma2_init = 0.5, theta = 2, printed to four decimals."""
    e = float(EDGE(t=t, **BASE, sigma2_init=0.5))
    o = float(OUTLIER(t=t, theta=2.0, **BASE, sigma2_init=0.5))
    assert abs(e - edge) <= 5.01e-5
    assert o == e if outlier is None else abs(o - outlier) <= 5.01e-5


def test_regimes_and_window_of_the_tables():
    """sigma2_init = 0: present from 0+ (transient at theta = 1.2, persistent at 6), never at 0.3;
    sigma2_init = 0.5, theta = 2: emerges between t = 0.2 and 1, reabsorbed between 4 and 20."""
    r, t1, t2 = numeric.transient_bbp_phase(np.array([1.2, 6.0, 0.3]), 0.5, 1.0, 0.05, 1.0, 0.0)
    assert r.tolist() == [2, 1, 0] and t1.tolist()[:2] == [0, 0] and math.isinf(t1[2]) and math.isinf(t2[1]) and math.isinf(t2[2])
    assert 8 > t2[0] > 2  # the table: an outlier at t = 2, none at t = 8
    r, t1, t2 = numeric.transient_bbp_phase(2.0, 0.5, 1.0, 0.05, 1.0, 0.5)
    assert r == 2 and 0.2 < t1 < 1 and 4 < t2 < 20
    # the window is exactly where the outlier separates
    for t, inside in [(0.99 * t1, False), (1.01 * t1, True), (0.99 * t2, True), (1.01 * t2, False)]:
        o, e = float(OUTLIER(t=t, theta=2.0, **BASE, sigma2_init=0.5)), float(EDGE(t=t, **BASE, sigma2_init=0.5))
        assert (o > e) == inside, t
    # the three formulas agree with the combined scan
    assert float(numeric.compile("transient_bbp.absorption_time")(2.0, 0.5, 1.0, 0.05, 1.0, 0.5)) == t2
    assert float(numeric.compile("transient_bbp.regime")(2.0, 0.5, 1.0, 0.05, 1.0, 0.5)) == 2.0


def test_times_against_the_50_digit_run():
    ns = theory.transient_bbp_core()
    with mpmath.workdps(50):
        ns["TOL"] = mpmath.mp.eps ** mpmath.mpf(0.75)
        regime, t1, t2 = ns["times"](1, *(mpmath.mpf(v) for v in (2.0, 0.5, 1.0, 0.05, 1.0, 0.5)))
    r, e1, e2 = numeric.transient_bbp_phase(2.0, 0.5, 1.0, 0.05, 1.0, 0.5)
    assert r == regime == 2
    assert float(abs(e1 - t1) / t1) < 1e-8 and float(abs(e2 - t2) / t2) < 1e-8


# ------------------------------------------------------------------------ the 50-digit oracle
_pos = st.floats(1e-3, 1e3)
_point = st.fixed_dictionaries(
    {
        "t": st.one_of(st.just(0.0), st.floats(1e-4, 1e4)),
        "theta": st.floats(1e-3, 1e2),
        "alpha": st.one_of(st.sampled_from([1e-6, 0.5, 1 - 1e-6]), st.floats(1e-6, 1 - 1e-6)),
        "lam_plus": _pos,
        "lam_minus": _pos,
        "sigma2": _pos,
        "sigma2_init": st.one_of(st.just(0.0), _pos),
    }
)


def _oracle(fid: str, point: dict) -> float:
    f = theory.get(fid)
    with mpmath.workdps(50):
        return f.mp(*(point[p] for p in f.param_names))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_point)
def test_edge_and_outlier_match_the_50_digit_solve(point):
    for fid in ("transient_bbp.edge", "transient_bbp.outlier", "transient_bbp.overlap"):
        f = theory.get(fid)
        got = float(numeric.compile(fid)(**{p: point[p] for p in f.param_names}))
        want = _oracle(fid, point)
        assert math.isfinite(got), (fid, point)
        assert abs(got - want) <= 1e-10 * abs(want) + (0.0 if want else 0.0), (fid, point, got, float(want))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_point, st.one_of(st.just(0.0), st.floats(1e-6, 1 - 1e-6)))
def test_gd_edge_and_outlier_match_the_50_digit_solve(point, fraction):
    """Descent's formulas on the same points, eta a fraction of its stable range [0, 1/max(lam))."""
    point = {**point, "eta": fraction / max(point["lam_plus"], point["lam_minus"])}
    for fid in ("transient_bbp.gd_edge", "transient_bbp.gd_outlier"):
        f = theory.get(fid)
        got = float(numeric.compile(fid)(**{p: point[p] for p in f.param_names}))
        want = _oracle(fid, point)
        assert math.isfinite(got), (fid, point)
        assert abs(got - want) <= 1e-10 * abs(want), (fid, point, got, float(want))


def test_out_of_domain_is_a_value_error_naming_the_parameter():
    with pytest.raises(ValueError, match=r"alpha=1\.5 is outside \(0, 1\) for transient_bbp.edge"):
        EDGE(t=1.0, alpha=1.5, lam_plus=1.0, lam_minus=0.1, sigma2=1.0, sigma2_init=0.0)
    with pytest.raises(ValueError, match=r"t=-1\.0 is outside"):
        OUTLIER(t=-1.0, theta=1.0, **BASE, sigma2_init=0.0)
    with pytest.raises(ValueError, match="sigma2_init"):
        numeric.transient_bbp_phase(1.0, 0.5, 1.0, 0.1, 1.0, -0.5)


# ------------------------------------------------------------------------------ simulators
def test_closed_form_sampler_agrees_with_the_outlier_and_rejects_a_wrong_one():
    """Replicates of the top eigenvalue at a separated outlier: the formula within its Student t,
    theta x 1.05 rejected at the same size; the realised block fractions are returned."""
    from lmech.numeric import sim
    from lmech.verify import decisions

    rng = np.random.default_rng(5)
    eigs, alpha = sim.transient_bbp_eigenvalues(600, 2.0, 6.0, 0.5, 1.0, 0.05, 1.0, 0.0, rng, top=2, reps=12)
    assert eigs.shape == (12, 2) and alpha.tolist() == [0.5, 0.5] and (eigs[:, 1] > eigs[:, 0]).all()
    args = dict(t=2.0, alpha=0.5, lam_plus=1.0, lam_minus=0.05, sigma2=1.0, sigma2_init=0.0)
    assert decisions.student_t(eigs[:, 1], float(OUTLIER(theta=6.0, **args))).pvalue > 1e-4
    assert decisions.student_t(eigs[:, 1], float(OUTLIER(theta=6.3, **args))).pvalue < 1e-6
    full, _ = sim.transient_bbp_eigenvalues(300, 1.0, 0.0, 0.3, 1.0, 0.2, 1.0, 0.5, np.random.default_rng(0))
    assert full.shape == (300,) and np.all(np.diff(full) >= 0)
    with pytest.raises(ValueError, match="alpha=1.0 is outside"):
        sim.transient_bbp_eigenvalues(10, 1.0, 1.0, 1.0, 1.0, 0.2, 1.0, 0.0, rng)
    with pytest.raises(ValueError, match="sigma2_init=-1.0"):
        sim.transient_bbp_eigenvalues(10, 1.0, 1.0, 0.5, 1.0, 0.2, 1.0, -1.0, rng)


def test_gradient_descent_converges_to_the_flow_at_first_order_in_eta():
    """GD on an explicit X (random orthogonal factors) against the closed-form flow with the same
    X, Z, W0: the top eigenvalue's gap is eta times the first-order coefficient (per mode,
    (1 - eta lam)^k = e^{-lam t}(1 - eta lam^2 t/2) + O(eta^2)), so halving eta halves it."""
    from lmech.numeric import sim

    out = sim.transient_bbp_gd(80, 160, 3.0, [0.04, 0.02, 0.01], 3.0, 0.5, 1.0, 0.1, 1.0, 0.5, np.random.default_rng(2))
    gap = out["gd"][:, -1] - out["flow"][:, -1]
    predicted = out["eta"] * out["first_order"]
    assert np.all(np.abs(gap - predicted) <= 0.1 * np.abs(predicted))
    assert 1.8 < gap[0] / gap[1] < 2.2 and 1.9 < gap[1] / gap[2] < 2.1
    # the residual is second order: it quarters when eta halves
    resid = gap - predicted
    assert 3.0 < resid[1] / resid[2] < 5.0
    with pytest.raises(ValueError, match="must lie in"):
        sim.transient_bbp_gd(10, 20, 1.0, [1.5], 1.0, 0.5, 1.0, 0.1, 1.0, 0.0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="M=5 must be >= N=10"):
        sim.transient_bbp_gd(10, 5, 1.0, [0.1], 1.0, 0.5, 1.0, 0.1, 1.0, 0.0, np.random.default_rng(0))


def test_profile_is_the_dyson_law_of_the_bulk():
    law = numeric.transient_bbp_profile(2.0, 0.5, 1.0, 0.05, 1.0, 0.0)
    edge = float(numeric.compile("dyson.upper_edge")(alpha=np.array(law["alpha"]), S=np.array(law["S"])))
    assert edge == pytest.approx(float(EDGE(t=2.0, **BASE, sigma2_init=0.0)), rel=1e-9)
    c = -math.expm1(-2.0 * 0.05)
    assert law["c"][1] == pytest.approx(c, rel=1e-15) and law["S"][1][1] == pytest.approx(c * c / 0.05 / 2, rel=1e-14)


def test_gd_check_passes_and_rejects_its_wrong_formulas():
    """The real-training check at its quick size, one draw: the formula holds, and gradient flow
    (no gap), eta x 1.1 and the isotropic covariance are rejected on the same observations."""
    from lmech import verify

    r = verify.run("transient_bbp.gd", draws=1)
    assert r.ok and r.teeth, r.summary()
    obs = r.draws[0].observation
    gap = obs["gd"] - obs["flow"][:, None]
    out = numeric.compile("transient_bbp.gd_outlier")
    predicted = float(out(**obs["args"])) - float(out(**{**obs["args"], "eta": 0.0}))
    # descent runs ahead of the flow (each mode decays by (1 - eta lam)^(t/eta) < e^{-t lam}): every replicate's gap has the formula's sign
    assert abs(predicted) > 0 and (np.sign(gap) == np.sign(predicted)).all()


def test_overlap_sampler_agrees_with_the_formula():
    """The top eigenvector's squared overlap with v over replicates: the formula within its Student t, theta x 1.1 rejected."""
    from lmech.numeric import sim
    from lmech.verify import decisions

    model = dict(t=2.0, theta=3.0, alpha=0.5, lam_plus=1.0, lam_minus=0.1, sigma2=1.0, sigma2_init=0.5)
    out = sim.transient_bbp_overlap(600, *model.values(), np.random.default_rng(3), reps=16)
    assert out["overlap"].shape == (16,) and ((0 < out["overlap"]) & (out["overlap"] < 1)).all()
    ov = numeric.compile("transient_bbp.overlap")
    assert decisions.student_t(out["overlap"], float(ov(**model))).pvalue > 1e-4
    assert decisions.student_t(out["overlap"], float(ov(**{**model, "theta": 3.3}))).pvalue < 1e-6
    assert decisions.student_t(out["top"], float(OUTLIER(**model))).pvalue > 1e-4
