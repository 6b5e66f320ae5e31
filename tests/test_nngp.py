"""The nngp family: the Gaussian expectations derived in SymPy against Cho & Saul's and Williams' printed
forms, their stability at correlation +-1, and the depth recursions' float64 loop against the 50-digit
reference on hypothesis-drawn points (depth up to 100, correlations at +-1 included)."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lmech import numeric, theory
from lmech.numeric import sim
from lmech.theory import _nngp
from lmech.verify._accuracy import compare_point

PAIRS = ("relu_expectation", "relu_derivative_expectation", "erf_expectation", "erf_derivative_expectation")
RECURSIONS = ("relu_nngp", "relu_ntk", "erf_nngp", "erf_ntk")
FINITE_WIDTH = ("vertex_coefficient", "kurtosis", "kurtosis_exact")
CRITICALITY = (
    ("depth_scale", "erf_chi_perp", "erf_chi_parallel", "erf_fixed_point", "erf_critical_bias")
    + tuple(f"tanh_{n}" for n in ("chi_perp", "chi_parallel", "fixed_point", "critical_bias"))
    + tuple(f"{a}_{k}" for a in ("erf", "tanh") for k in ("vertex", "mean_correction"))
)
Q1, Q2, Q12 = sp.Symbol("q1", positive=True), sp.Symbol("q2", positive=True), sp.Symbol("q12", real=True)


def test_family_is_registered():
    assert sorted(f.id for f in theory.family("nngp")) == sorted(f"nngp.{n}" for n in PAIRS + RECURSIONS + FINITE_WIDTH + CRITICALITY + tuple(QUADRATURE))
    assert theory.get("nngp.relu_ntk").param_names == ("depth", "q1", "q2", "q12", "C_W", "C_b")


@pytest.mark.parametrize("name", PAIRS)
def test_derivations_are_the_printed_forms(name):
    f = theory.get(f"nngp.{name}")
    derived = f.derive()
    for vals in ((1.5, 2 / 3.0, -1 / 3.0), (2.0, 0.5, 0.999), (1.0, 1.0, -0.9999), (3.0, 0.7, 0.0)):
        at = dict(zip((Q1, Q2, Q12), (sp.nsimplify(v) for v in vals)))
        want = sp.N(f.printed.subs(at), 40)
        assert abs(sp.N(derived.subs(at), 40) - want) < 1e-35
        assert abs(sp.N(f.expr.subs(at), 40) - want) < 1e-30 * max(1, abs(want))  # the stable form (series part: 1e-19 relative)


def test_printed_forms_by_their_sources():
    # Cho & Saul's k_1 = (1/pi)|x||y| J_1(theta) with J_1 = sin + (pi - theta) cos; E[relu relu] is half of it
    th = sp.Symbol("theta")
    j1 = sp.sin(th) + (sp.pi - th) * sp.cos(th)
    relu = _nngp.derive_relu()
    assert sp.simplify(relu - sp.sqrt(Q1 * Q2) / (2 * sp.pi) * j1.subs(th, sp.Symbol("theta", nonnegative=True))) == 0
    # relu' expectation: J_0 = pi - theta, k_0/2
    assert sp.simplify(_nngp.derive_relu_derivative() - (sp.pi - sp.Symbol("theta", nonnegative=True)) / (2 * sp.pi)) == 0
    # limits: equal inputs give E relu(u)^2 = q/2 and E 1{u > 0} = 1/2; independent ones give q/(2 pi) and 1/4
    at1 = {sp.Symbol("theta", nonnegative=True): 0}
    assert sp.simplify(relu.subs(at1).subs(Q2, Q1) - Q1 / 2) == 0
    assert sp.simplify(relu.subs({sp.Symbol("theta", nonnegative=True): sp.pi / 2}).subs(Q2, Q1) - Q1 / (2 * sp.pi)) == 0
    # Price's theorem: d/dq12 of the erf expectation is the derivative expectation
    erf, d_erf = theory.get("nngp.erf_expectation").printed, theory.get("nngp.erf_derivative_expectation").printed
    assert sp.simplify(sp.diff(erf, Q12) - d_erf) == 0


def test_gaussian_expectations_against_quadrature():
    """The closed forms against 2-D Gauss-Hermite quadrature of the defining expectations (erf: smooth, 1e-12)."""
    x, w = np.polynomial.hermite_e.hermegauss(120)
    w = w / w.sum()
    z1, z2 = np.meshgrid(x, x, indexing="ij")
    ww = np.outer(w, w)
    for a, b, c in ((1.0, 1.0, 0.3), (2.0, 0.5, -0.7), (0.3, 4.0, 1.0)):
        rho = c / math.sqrt(a * b)
        u = math.sqrt(a) * z1
        v = math.sqrt(b) * (rho * z1 + math.sqrt(max(1 - rho * rho, 0.0)) * z2)
        erf = np.vectorize(math.erf)
        got = numeric.compile("nngp.erf_expectation")(q1=a, q2=b, q12=c)
        assert float(got) == pytest.approx(float(np.sum(ww * erf(u) * erf(v))), rel=1e-10)
        d = (2 / math.sqrt(math.pi)) ** 2 * np.exp(-(u**2) - v**2)
        assert float(numeric.compile("nngp.erf_derivative_expectation")(q1=a, q2=b, q12=c)) == pytest.approx(float(np.sum(ww * d)), rel=1e-10)


def test_stable_at_correlation_plus_and_minus_one():
    relu = numeric.compile("nngp.relu_expectation")
    ref = theory.get("nngp.relu_expectation")
    # rho = -1 + 1e-12: the value is ~ e^3 with e ~ 1.4e-6; the naive form loses every digit
    for c in (-1 + 1e-12, -1 + 1e-8, -1.0, 1.0, 1 - 1e-14):
        got = float(relu(q1=1.0, q2=1.0, q12=c))
        with mpmath.workdps(60):
            want = float(sp.N(ref.expr.subs({Q1: 1, Q2: 1, Q12: sp.Float(c, 60)}), 50))
        assert math.isfinite(got) and got >= 0
        assert got == pytest.approx(want, rel=1e-12, abs=1e-300)
    assert float(relu(q1=1.0, q2=1.0, q12=-1.0)) == 0.0 and float(relu(q1=2.0, q2=2.0, q12=2.0)) == 1.0
    with pytest.raises(ValueError, match="q12"):
        relu(q1=1.0, q2=1.0, q12=1.5)  # not a covariance


_point = st.fixed_dictionaries(
    {
        "depth": st.one_of(st.just(0), st.just(100), st.integers(0, 100)),
        "q1": st.one_of(st.just(1.0), st.floats(1e-3, 1e3)),
        "q2": st.one_of(st.just(1.0), st.floats(1e-3, 1e3)),
        "rho": st.one_of(st.just(1.0), st.just(-1.0), st.just(0.0), st.floats(-1.0, 1.0)),
        "C_W": st.one_of(st.just(2.0), st.just(1.0), st.floats(0.1, 4.0)),
        "C_b": st.one_of(st.just(0.0), st.floats(0.0, 2.0)),
    }
)


@pytest.mark.parametrize("name", RECURSIONS)
def test_recursions_match_the_50_digit_reference(name):
    f = theory.get(f"nngp.{name}")

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_point)
    def check(p):
        q12 = p["rho"] * math.sqrt(p["q1"] * p["q2"])
        if q12 * q12 > p["q1"] * p["q2"]:  # rounding at rho = +-1
            q12 = math.copysign(math.sqrt(p["q1"]) * math.sqrt(p["q2"]), q12) * (1 - 1e-16)
            if q12 * q12 > p["q1"] * p["q2"]:
                return
        point = {"depth": p["depth"], "q1": p["q1"], "q2": p["q2"], "q12": q12, "C_W": p["C_W"], "C_b": p["C_b"]}
        c = compare_point(f, point)
        assert math.isfinite(c.value) and c.ok, (point, c)

    check()


def test_relu_criticality_and_linear_depth_of_the_ntk():
    """At (C_W, C_b) = (2, 0) the diagonal kernel is preserved exactly and the diagonal NTK grows as (depth + 1) q."""
    k = numeric.compile("nngp.relu_nngp")
    t = numeric.compile("nngp.relu_ntk")
    d = np.arange(0, 101)
    np.testing.assert_allclose(k(depth=d, q1=1.7, q2=1.7, q12=1.7, C_W=2.0, C_b=0.0), 2 * 1.7, rtol=1e-13)
    np.testing.assert_allclose(t(depth=d, q1=1.7, q2=1.7, q12=1.7, C_W=2.0, C_b=0.0), 2 * 1.7 * (d + 1), rtol=1e-12)
    # off criticality the diagonal kernel scales by (C_W/2)^depth
    np.testing.assert_allclose(k(depth=d, q1=1.0, q2=1.0, q12=1.0, C_W=1.8, C_b=0.0), 1.8 * 0.9**d, rtol=1e-12)
    # perfectly correlated inputs stay exactly so through 100 layers (no sqrt(ulp) drift at rho = 1)
    np.testing.assert_allclose(t(depth=100, q1=1.0, q2=1.0, q12=1.0, C_W=1.0, C_b=1.0), 4.0, rtol=1e-14)
    # deep: the correlation tends to 1 and nothing is NaN
    deep = k(depth=100, q1=1.0, q2=1.0, q12=-1.0, C_W=2.0, C_b=0.0)
    assert np.isfinite(deep) and 0 < float(deep) <= 2.0


# ------------------------------------------------------------------------ finite networks
def _finite_difference_ntk(x1, x2, depth, width, cw, cb, seed):
    """The NTK of one network drawn in ``sim.mlp_ntk``'s order, by central differences over every parameter."""
    rng = np.random.default_rng(seed)
    d = x1.size
    fans, outs = [d] + [width] * depth, [width] * depth + [1]
    ws = [rng.standard_normal((1, o, i))[0] for i, o in zip(fans, outs)]
    bs = [rng.standard_normal((1, o, 1))[0, :, 0] for o in outs]
    theta = np.concatenate([p.ravel() for p in ws + bs])

    def f(th, x):
        k, params = 0, []
        for p in ws + bs:
            params.append(th[k : k + p.size].reshape(p.shape))
            k += p.size
        h = x
        for layer in range(depth + 1):
            z = math.sqrt(cw / fans[layer]) * params[layer] @ h + math.sqrt(cb) * params[depth + 1 + layer]
            h = np.maximum(z, 0.0) if layer < depth else z
        return float(h[0])

    eps = 1e-6
    grads = []
    for x in (x1, x2):
        g = np.empty(theta.size)
        for j in range(theta.size):
            up, dn = theta.copy(), theta.copy()
            up[j] += eps
            dn[j] -= eps
            g[j] = (f(up, x) - f(dn, x)) / (2 * eps)
        grads.append(g)
    return float(grads[0] @ grads[1]), f(theta, x1), f(theta, x2)


def test_empirical_ntk_is_the_gradient_inner_product():
    from lmech.numeric import sim

    rng = np.random.default_rng(0)
    x1, x2 = rng.standard_normal(3), rng.standard_normal(3)
    for depth, cw, cb in ((2, 2.0, 0.1), (1, 1.3, 0.0), (0, 1.0, 0.5)):
        r = sim.mlp_ntk(x1, x2, depth, 4, cw, cb, "relu", 1, np.random.default_rng(11))
        ntk, f1, f2 = _finite_difference_ntk(x1, x2, depth, 4, cw, cb, 11)
        assert float(r["f1"][0]) == pytest.approx(f1, rel=1e-12) and float(r["f2"][0]) == pytest.approx(f2, rel=1e-12)
        assert float(r["ntk"][0]) == pytest.approx(ntk, rel=1e-6)
    # depth 0 is a linear model: its NTK is C_W x.x'/d + C_b for every draw
    r = sim.mlp_ntk(x1, x2, 0, 7, 1.5, 0.2, "erf", 5, rng)
    np.testing.assert_allclose(r["ntk"], 1.5 * (x1 @ x2) / 3 + 0.2, rtol=1e-13)


def test_exact_in_law_pair_sampler():
    from lmech.numeric import sim

    r = sim.mlp_pair(1.0, 2.0, 0.5, 0, 10, 2.0, 0.1, "relu", 3, np.random.default_rng(0))
    np.testing.assert_allclose(r["nngp"], 0.1 + 2.0 * 0.5)  # depth 0: the first layer's covariance
    a = sim.mlp_pair(1.0, 2.0, 0.5, 3, 64, 2.0, 0.1, "erf", 50, np.random.default_rng(np.random.SeedSequence(4)))
    b = sim.mlp_pair(1.0, 2.0, 0.5, 3, 64, 2.0, 0.1, "erf", 50, np.random.default_rng(np.random.SeedSequence(4)))
    np.testing.assert_array_equal(a["nngp"], b["nngp"])
    assert a["g11"].shape == (3, 50) and np.all(a["g12"] ** 2 <= a["g11"] * a["g22"] * (1 + 1e-12))  # Gram matrices
    with pytest.raises(ValueError, match="q12"):
        sim.mlp_pair(1.0, 1.0, 1.5, 2, 8, 2.0, 0.0, "relu", 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match="activation"):
        sim.mlp_pair(1.0, 1.0, 0.5, 2, 8, 2.0, 0.0, "gelu", 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match="width"):
        sim.mlp_ntk(np.ones(3), np.ones(3), 2, 0, 2.0, 0.0, "relu", 2, np.random.default_rng(0))


@pytest.mark.parametrize("name", FINITE_WIDTH)
def test_finite_width_derivations_are_the_printed_forms(name):
    f = theory.get(f"nngp.{name}")
    derived = f.derive()
    if name != "kurtosis_exact":  # rsolve's geometric solution C r^layer does not simplify to r^(layer - 1) symbolically
        assert sp.simplify(derived - f.printed) == 0
    for layer, width, slope in ((1, 1, 0), (2, 64, 0), (10, 64, 0), (7, 3, sp.Rational(1, 2)), (40, 1000, -2)):
        at = {p: v for p, v in zip(f.params, (layer, width, slope)[-len(f.params) :])}
        want = sp.N(f.printed.subs(at), 40)
        assert abs(sp.N(derived.subs(at), 40) - want) <= 1e-35 * max(1, abs(want))
        assert abs(sp.N(f.expr.subs(at), 40) - want) <= 1e-35 * max(1, abs(want))  # expm1/log1p form


def test_vertex_coefficient_and_kurtosis_limits():
    c = theory.get("nngp.vertex_coefficient")
    slope = c.params[0]
    # the book's 3 A_4/A_2^2 - 1: 5 for ReLU, 2 for a linear network (slope 1) and for |z| (slope -1)
    assert [c.expr.subs(slope, v) for v in (0, 1, -1)] == [5, 2, 2]
    assert sp.minimum(c.expr, slope, sp.Reals) == 2
    lead, exact = theory.get("nngp.kurtosis"), theory.get("nngp.kurtosis_exact")
    layer, width, _s = exact.params
    eps = sp.Symbol("eps", positive=True)
    series = sp.series(exact.printed.subs(width, 1 / eps), eps, 0, 2).removeO()
    assert sp.simplify(series - lead.expr.subs(width, 1 / eps)) == 0  # leading order in 1/width
    # the first hidden layer is Gaussian at every width
    assert exact.expr.subs(layer, 1) == 0 and lead.expr.subs(layer, 1) == 0
    k = numeric.compile("nngp.kurtosis_exact")
    assert float(k(layer=2, width=10**9, slope=0.0)) == pytest.approx(15e-9, rel=1e-15)  # no cancellation
    with pytest.raises(ValueError, match="layer"):
        k(layer=0, width=10, slope=0.0)


def test_leaky_sampler_and_conditional_variances():
    rng = np.random.default_rng(5)
    r = sim.mlp_pair(1.0, 1.0, 1.0, 3, 4000, 2.0, 0.0, "relu", 200, rng, negative_slope=0.5)
    assert np.all(r["c11"][0] == 2.0)  # layer 1 is N(0, C_W q) exactly
    # <sigma^2>_K = K (1 + slope^2)/2: E G_2 = 2 (1.25/2) 2 = 2.5 against the mean over 200 x 4000 units
    assert r["c11"][1].mean() == pytest.approx(2.5, rel=5e-3)
    assert np.allclose(r["g11"], r["g12"]) and np.allclose(r["g11"], r["g22"])  # one input: one set of units
    with pytest.raises(ValueError, match="negative_slope"):
        sim.mlp_pair(1.0, 1.0, 1.0, 2, 8, 2.0, 0.0, "erf", 2, rng, negative_slope=0.1)


def test_delta_method_decision():
    from lmech.verify import decisions

    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 4000)) + np.array([[2.0], [5.0]])
    ev = decisions.delta_method(x, lambda m: m[1] / m[0], lambda m: np.array([-m[1] / m[0] ** 2, 1 / m[0]]), 2.5)
    # independent unit-variance rows: Var(m1/m0) = (1 + 2.5^2)/(2^2 S), se = 0.02129
    assert ev.test == "delta_method" and ev.details["se"] == pytest.approx(math.sqrt(7.25 / 16000), rel=0.05) and ev.pvalue > 1e-3
    assert decisions.delta_method(x, lambda m: m[1] / m[0], lambda m: np.array([-m[1] / m[0] ** 2, 1 / m[0]]), 2.7).pvalue < 1e-10
    with pytest.raises(ValueError, match="replicates"):
        decisions.delta_method(x[:, :2], lambda m: m[0], lambda m: np.ones(1), 0.0)


@pytest.mark.parametrize("cid", ["nngp.kernel", "nngp.erf_kernel", "nngp.tanh_kernel", "nngp.ntk", "nngp.criticality", "nngp.kurtosis"])
def test_checks_pass_and_reject_their_wrong_formulas(cid):
    from lmech import verify
    from lmech.verify import testing

    r = testing.check_result(verify.get_check(cid))  # the kit's run of this check (one per process)
    assert r.ok and r.teeth, r.error
    assert not any(v.ok for v in r.wrong)


def test_a_users_recursion_compiles_exports_and_has_a_reference(tmp_path):
    """A recursion declared as a user would (unregistered): numba compiles its generated loop, its default
    50-digit reference is the same loop in mpmath, and its Python and C exports run; all against the closed
    form of a linear network's variance, q_L = C_W^L q + C_b (C_W^L - 1)/(C_W - 1)."""
    import ctypes
    import shutil
    import subprocess

    d, q, cw, cb, x = sp.Symbol("depth", integer=True, nonnegative=True), *sp.symbols("q C_W C_b", positive=True), sp.Symbol("x", real=True)
    f = theory.RecursionFormula(
        id="user.linear_variance",
        params=(d, q, cw, cb),
        domain={d: sp.Range(0, sp.oo), q: sp.Interval.open(0, sp.oo), cw: sp.Interval.open(0, sp.oo), cb: sp.Interval.open(0, sp.oo)},
        expr=sp.Function("LinearVariance")(d, q, cw, cb),
        reference="identity activation: q_(l+1) = C_b + C_W q_l",
        description="a linear network's preactivation variance after `depth` layers",
        state=(x,),
        initial=(q,),
        step=(cb + cw * x,),
        output=x,
        count=d,
    )
    closed = lambda L, q_, w, b: w**L * q_ + b * (w**L - 1) / (w - 1)  # noqa: E731
    depths = np.arange(0, 30)
    got = numeric.compile(f)(depths, 0.7, 1.3, 0.2)
    assert np.allclose(got, closed(depths, 0.7, 1.3, 0.2), rtol=1e-13, atol=0)
    with mpmath.workdps(50):
        point = (mpmath.mpf("0.7"), mpmath.mpf("1.3"), mpmath.mpf("0.2"))
        assert abs(f.mp(12, *point) - closed(12, *point)) < 1e-45
    for module in ("math", "mpmath", "numpy"):
        ns: dict = {}
        exec(compile(theory.python(f, module), "<user>", "exec"), ns)  # our generated source
        assert float(ns["lmech_user_linear_variance"](12, 0.7, 1.3, 0.2)) == pytest.approx(closed(12, 0.7, 1.3, 0.2), rel=1e-13)
    assert "for (long lmech_l = 0; lmech_l < (long)depth; ++lmech_l)" in theory.c(f) and "__device__" in theory.cuda(f).preamble
    if shutil.which("gcc"):
        src = tmp_path / "user.c"
        src.write_text(theory.c(f))
        subprocess.run(["gcc", "-std=c99", "-Wall", "-Werror", "-shared", "-fPIC", str(src), "-o", str(tmp_path / "user.so"), "-lm"], check=True)
        fn = ctypes.CDLL(str(tmp_path / "user.so")).lmech_user_linear_variance
        fn.restype, fn.argtypes = ctypes.c_double, [ctypes.c_double] * 4
        assert fn(12.0, 0.7, 1.3, 0.2) == pytest.approx(closed(12, 0.7, 1.3, 0.2), rel=1e-13)
    with pytest.raises(ValueError, match="count"):
        fields = ("id", "params", "domain", "expr", "reference", "description", "state", "initial", "step", "output")
        theory.RecursionFormula(**{k: getattr(f, k) for k in fields}, count=q)


def test_nngp_recursions_generated_loop_matches_the_fused_method():
    """The generated numba loop (what an unregistered copy compiles to) against the hand-fused prange method."""
    import dataclasses

    for name in RECURSIONS:
        f = theory.get(f"nngp.{name}")
        copy = dataclasses.replace(f, id=f"user.{name}")
        args = (np.array([0, 1, 3, 10, 60]), 1.3, 0.8, 0.999 * math.sqrt(1.3 * 0.8), 1.9, 0.1)
        assert np.allclose(numeric.compile(copy)(*args), numeric.compile(f)(*args), rtol=1e-12, atol=0), name


def test_gram_is_the_pairwise_loop_bit_for_bit():
    """``numeric.nngp_gram`` (diagonals once per input, half the pairs, ReLU rows vectorised) gives the
    same bits as ``nngp_kernels`` on the broadcast pairs: everywhere for ReLU, on the upper triangle
    for erf. Antipodal and identical inputs put correlations at -1 and +1 (the series branch of the
    vectorised rows), scaled copies make K11 != K22 with C_b > 0 (the gap's excess term)."""
    rng = np.random.default_rng(5)
    x = rng.standard_normal((40, 6))
    x = np.concatenate([x, -x[:8], 3.0 * x[:8], x[:4], -1e-3 * x[:4]])
    q = x @ x.T / 6
    q = (q + q.T) / 2  # exactly symmetric: the Gram reads the upper triangle
    d = np.diag(q).copy()
    upper = np.triu_indices(len(q))
    for act, cw in (("relu", 2.0), ("relu", 1.7), ("erf", 1.5)):
        for depth in (0, 1, 3, 17):
            for cb in (0.0, 0.4):
                k1, t1 = numeric.nngp_kernels(act, depth, d[:, None], d[None, :], q, cw, cb)
                k2, t2 = numeric.nngp_gram(act, depth, q, cw, cb)
                if act == "relu":
                    assert np.array_equal(k1, k2) and np.array_equal(t1, t2), (act, depth, cb)
                else:
                    assert np.array_equal(k1[upper], k2[upper]) and np.array_equal(t1[upper], t2[upper]), (act, depth, cb)
                    np.testing.assert_allclose(k2, k1, rtol=1e-14, atol=1e-14 * np.abs(k1).max())
                assert np.array_equal(k2, k2.T) and np.array_equal(t2, t2.T)
    # the formula API agrees (it checks the domain, then runs the same loop)
    # (on the 40 independent inputs: a scaled copy's q12^2 <= q1 q2 fails by an ulp, which the formula's domain check refuses)
    s = slice(0, 40)
    k = numeric.compile("nngp.relu_nngp")(5, d[s, None], d[None, s], q[s, s], 2.0, 0.1)
    assert np.array_equal(k, numeric.nngp_gram("relu", 5, q[s, s], 2.0, 0.1)[0])
    with pytest.raises(ValueError, match="square"):
        numeric.nngp_gram("relu", 2, q[:3], 2.0, 0.0)
    with pytest.raises(ValueError, match="depth=-1"):
        numeric.nngp_gram("relu", -1, q, 2.0, 0.0)
    with pytest.raises(ValueError, match="C_W=0.0"):
        numeric.nngp_gram("relu", 2, q, 0.0, 0.0)
    with pytest.raises(ValueError, match="C_b=-1.0"):
        numeric.nngp_gram("erf", 2, q, 1.0, -1.0)
    with pytest.raises(ValueError, match="activation='tanh'"):
        numeric.nngp_gram("tanh", 2, q, 1.0, 0.0)
    with pytest.raises(ValueError, match="non-negative diagonal"):
        numeric.nngp_gram("relu", 2, -q, 2.0, 0.0)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    depth=st.integers(0, 40),
    cw=st.floats(0.5, 3.0),
    cb=st.sampled_from([0.0, 1e-3, 0.7]),
    relu=st.booleans(),
)
def test_gram_entries_match_the_50_digit_oracle(seed, depth, cw, cb, relu):
    """Every entry of ``nngp_gram`` on hypothesis-drawn inputs (one pair antipodal) against the mpmath
    reference within the formula's documented accuracy (1e-12 plus the condition-number term)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((3, 4)) * rng.uniform(0.1, 3.0, (3, 1))
    x[2] = -x[0]
    q = x @ x.T / 4
    q = (q + q.T) / 2
    act = "relu" if relu else "erf"
    k, t = numeric.nngp_gram(act, depth, q, cw, cb)
    for kind, values in (("nngp", k), ("ntk", t)):
        f = theory.get(f"nngp.{act}_{kind}")
        for i, j in zip(*np.triu_indices(3)):
            if q[i, j] ** 2 > q[i, i] * q[j, j]:  # Cauchy-Schwarz broken by rounding: outside the formula's domain
                continue
            point = {"depth": depth, "q1": q[i, i], "q2": q[j, j], "q12": q[i, j], "C_W": cw, "C_b": cb}
            cmp = compare_point(f, point, evaluate=lambda p, v=values[i, j]: v)
            assert cmp.ok, (act, kind, i, j, point, cmp)


def test_against_neural_tangents_own_values():
    """neural-tangents 0.6.5's stax kernel_fn in float64 (recorded by benchmarks/neural_tangents_reference.py,
    ReLU and erf, depths 1-10, antipodal, parallel and nearly identical inputs): within 1e-12 relative.
    The one exception is the pair 1e-7 apart (1 - rho = 2.7e-15), whose ReLU NTK is ill-conditioned:
    there lmech meets the 50-digit oracle within the condition-number rule at the same float64 inputs,
    and the two libraries' difference is within the sum of both allowances."""
    import json
    import pathlib

    ref = json.loads((pathlib.Path(__file__).parent / "golden" / "neural_tangents_0.6.5.json").read_text())
    x = np.array(ref["x"])
    q = x @ x.T / x.shape[1]
    q = (q + q.T) / 2
    near = (2, 5)
    checked = 0
    for entry in ref["kernels"]:
        act, cw, cb, depth = entry["activation"], entry["C_W"], entry["C_b"], entry["depth"]
        k, t = numeric.nngp_gram(act, depth, q, cw, cb)
        for kind, ours in (("nngp", k), ("ntk", t)):
            theirs = np.array(entry[kind])
            for i, j in zip(*np.triu_indices(len(x))):
                if (i, j) == near and act == "relu" and kind == "ntk":
                    f = theory.get(f"nngp.{act}_{kind}")
                    point = {"depth": depth, "q1": q[i, i], "q2": q[j, j], "q12": q[i, j], "C_W": cw, "C_b": cb}
                    mine = compare_point(f, point)
                    nt = compare_point(f, point, evaluate=lambda p, v=theirs[i, j]: v)
                    assert mine.ok, (entry, mine)
                    assert abs(ours[i, j] - theirs[i, j]) <= mine.allowed + nt.allowed + 1e-12 * abs(theirs[i, j]), (entry, mine, nt)
                    continue
                assert abs(ours[i, j] - theirs[i, j]) <= 1e-12 * abs(theirs[i, j]), (act, cw, cb, depth, kind, i, j)
                checked += 1
    assert checked == 4 * 10 * 2 * 21 - 20


# ------------------------------------------------------------------------- any activation by quadrature
QUADRATURE = [f"{a}_{k}" for a in ("tanh", "gelu", "silu") for k in ("nngp", "ntk")]
_PAIR_POINTS = [(1.0, 1.0, 0.5), (1.3, 0.7, -0.3), (1e-3, 5.0, 0.99), (100.0, 0.01, -0.999), (2.0, 2.0, 1.0), (3.0, 0.5, 1 - 1e-12), (3.0, 0.5, -1 + 1e-12)]
_PAIR_POINTS += [(1e4, 1e4, 0.3), (1e-6, 1e-6, 0.2)]


def test_quadrature_rule_meets_the_closed_forms():
    """The graded Gauss-Legendre rule against the ReLU (kinked) and erf (entire) closed forms, up to correlation +-(1 - 1e-12)."""
    from lmech.numeric import _gauss

    for act in ("relu", "erf"):
        value, slope = numeric.compile(f"nngp.{act}_expectation"), numeric.compile(f"nngp.{act}_derivative_expectation")
        for a, b, rho in _PAIR_POINTS:
            c = rho * math.sqrt(a * b)
            got = _gauss.expectations(act, a, b, c)
            for g, want in zip(got, (float(value(a, b, c)), float(slope(a, b, c)))):
                assert g == pytest.approx(want, rel=1e-14, abs=1e-300), (act, a, b, rho)


def test_quadrature_recursion_meets_the_closed_form_recursions():
    from lmech.numeric import _gauss

    for act in ("relu", "erf"):
        for depth, q2, rho, cw, cb in ((1, 1.5, 0.4, 2.0, 0.0), (5, 0.7, -0.8, 1.6, 0.3), (20, 1.0, 0.999, 2.0, 0.1)):
            args = (depth, 1.0, q2, rho * math.sqrt(q2), cw, cb)
            k, t = _gauss.kernel_pair(act, *args)
            assert k == pytest.approx(float(numeric.compile(f"nngp.{act}_nngp")(*args)), rel=1e-12)
            assert t == pytest.approx(float(numeric.compile(f"nngp.{act}_ntk")(*args)), rel=1e-12)


def test_tanh_pair_against_its_reference():
    """The float64 rule against the same rule in mpmath (rounding only: the truncation is checked against the closed forms)."""
    from lmech.numeric import _gauss

    with mpmath.workdps(20):
        ref = _nngp.quadrature_pair_mp("tanh", mpmath.mpf("1.6"), mpmath.mpf("1.9"), mpmath.mpf("0.9"))
    for r, g in zip(ref, _gauss.expectations("tanh", 1.6, 1.9, 0.9)):
        assert g == pytest.approx(float(r), rel=1e-14)


def test_gelu_and_silu_against_scipy():
    """GELU and SiLU pair expectations against scipy's adaptive 2-D quadrature (an independent method, 1e-9)."""
    import scipy.integrate
    import scipy.special

    from lmech.numeric import _gauss

    acts = {
        "gelu": lambda z: z * scipy.special.ndtr(z),
        "silu": lambda z: z * scipy.special.expit(z),
    }
    a, b, c = 1.2, 0.8, 0.5
    la, m, s = math.sqrt(a), c / math.sqrt(a), math.sqrt(b - c * c / a)
    for act, f in acts.items():
        want = scipy.integrate.dblquad(
            lambda y, x, f=f: f(la * x) * f(m * x + s * y) * math.exp(-(x * x + y * y) / 2) / (2 * math.pi), -12, 12, -12, 12, epsabs=1e-13, epsrel=1e-12
        )[0]
        assert _gauss.expectations(act, a, b, c)[0] == pytest.approx(want, rel=1e-9)


def test_quadrature_kernels_compile_and_check_input():
    k = numeric.compile("nngp.tanh_ntk")
    out = k(np.array([0, 1, 4]), 1.0, 1.5, 0.6, 1.5, 0.1)
    assert out.shape == (3,) and np.all(np.isfinite(out)) and out[0] == pytest.approx(0.1 + 1.5 * 0.6)
    assert sorted(n for n in QUADRATURE) == sorted(f.id.split(".")[1] for f in theory.family("nngp") if f.id.split(".")[1] in QUADRATURE)
    with pytest.raises(ValueError, match="q12"):
        k(1, 1.0, 1.0, 2.0, 1.5, 0.1)
