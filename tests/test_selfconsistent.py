"""Self-consistent formulas (gmp, dyson): derivations against the printed forms, reductions to
mp and wigner, the polyroots oracle for atom spectra, the 50-digit solve for profiles, branch
certificates, argument validation and the array calling convention."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from lmech import numeric, theory
from lmech.numeric import _selfconsistent

GMP = theory.get("gmp.density").system
DYSON = theory.get("dyson.density").system
_i = sp.Symbol("i", integer=True, nonnegative=True)
_n = sp.Symbol("len_atoms", integer=True, positive=True)
_t, _w = sp.IndexedBase("atoms", real=True), sp.IndexedBase("weights", real=True)
_gamma = sp.Symbol("gamma", positive=True)


def _at(expr, t, w):
    """An expression with Sum over atoms at explicit atoms and weights."""
    e = expr.xreplace({_n: len(t)}).doit()
    return e.xreplace({_t[j]: t[j] for j in range(len(t))} | {_w[j]: w[j] for j in range(len(t))})


# --------------------------------------------------------------------------- derivations
def test_gmp_inverse_is_silverstein_choi():
    """solve(F, z) recovers x(u) = -1/u + gamma sum w t/(1 + t u) (Silverstein & Choi 1995, eq. 1.6)."""
    u = GMP.unknown
    printed = -1 / u + _gamma * sp.Sum(_w[_i] * _t[_i] / (1 + _t[_i] * u), (_i, 0, _n - 1))
    t, w = [sp.Rational(1, 2), 3, 7], [sp.Rational(1, 5), sp.Rational(1, 2), sp.Rational(3, 10)]
    assert sp.simplify(_at(GMP.inverse() - printed, t, w)) == 0


def test_gmp_critical_function_is_el_karoui_edge_equation():
    """h(s) = gamma sum w t^2/(s + t)^2: with c = -1/s, h = 1 is El Karoui's int (lambda c/(1 - lambda c))^2 dH = 1/gamma."""
    s = sp.Symbol("s", real=True)
    c = sp.Symbol("c", positive=True)
    h = theory.critical_function(GMP)
    t, w = [sp.Rational(1, 2), 3], [sp.Rational(1, 4), sp.Rational(3, 4)]
    printed = _gamma * sum(wj * (tj * c / (1 - tj * c)) ** 2 for tj, wj in zip(t, w))
    assert sp.simplify(_at(h, t, w).xreplace({s: -1 / c}) - printed) == 0


def test_gmp_cdf_antiderivative_is_log_form():
    """G(u) = integral of u x'(u) du = log u - gamma sum w (log(1 + t u) + 1/(1 + t u)), and dG/du = u x'(u)."""
    u = sp.Symbol("u")
    g = theory.cdf_antiderivative(GMP)
    t, w = [sp.Rational(1, 2), 3], [sp.Rational(1, 4), sp.Rational(3, 4)]
    printed = sp.log(u) - _gamma * sum(wj * (sp.log(1 + tj * u) + 1 / (1 + tj * u)) for tj, wj in zip(t, w))
    assert sp.simplify(_at(g, t, w) - printed) == 0
    x = _at(GMP.inverse(), t, w).xreplace({GMP.unknown: u})
    assert sp.simplify(sp.diff(_at(g, t, w), u) - u * sp.diff(x, u)) == 0


def test_dyson_jacobian_is_derived():
    """dF_a/dg_c = delta_ac (z + sum_b alpha_b S_ab g_b) + g_a alpha_c S_ac, from SymPy's diff."""
    a, c = DYSON.index, DYSON.column
    g, al, S = DYSON.unknown, sp.IndexedBase("alpha", real=True), sp.IndexedBase("S", real=True)
    b = sp.Symbol("b", integer=True, nonnegative=True)
    K = DYSON.count
    printed = sp.KroneckerDelta(a, c) * (DYSON.z + sp.Sum(al[b] * S[a, b] * g[b], (b, 0, K - 1))) + g[a] * al[c] * S[a, c]
    for av in range(3):
        for cv in range(3):
            diff = (DYSON.jacobian() - printed).xreplace({a: av, c: cv, K: 3}).doit()
            assert sp.simplify(diff) == 0


def test_generated_source_comes_from_the_declaration():
    src = theory.system_source(GMP)
    for name in ("def fj(", "def form(", "def stab(", "def xs(", "def h(", "def dh(", "def d2h(", "def x2(", "def img("):
        assert name in src
    assert "def xs(" not in theory.system_source(DYSON) and "for c_ in range(S.shape[0])" in theory.system_source(DYSON)


# ---------------------------------------------------------------------------- reductions
@pytest.mark.parametrize("gamma", [0.05, 0.5, 1.0, 2.0, 15.0])
def test_gmp_reduces_to_mp(gamma):
    """One atom at sigma2 is the MP law: density, CDF (atom included), Stieltjes, edges and the
    El Karoui scale (Johnstone's (1 + sqrt g)(1 + 1/sqrt g)^{1/3} sigma2 at sigma2 = 1)."""
    s2 = 1.7
    hi = s2 * (1 + math.sqrt(gamma)) ** 2
    x = np.concatenate([np.linspace(-0.5, 1.2 * hi, 301), [0.0]])
    args = (gamma, [s2], [1.0])
    np.testing.assert_allclose(numeric.compile("gmp.density")(x, *args), numeric.compile("mp.density")(x, gamma, s2), rtol=1e-11, atol=1e-13)
    np.testing.assert_allclose(numeric.compile("gmp.cdf")(x, *args), numeric.compile("mp.cdf")(x, gamma, s2), rtol=1e-11, atol=1e-13)
    # on an edge itself (infinite condition number) each side's rounding of the edge decides: sqrt(ulp)
    edges = np.array([hi, s2 * (1 - math.sqrt(gamma)) ** 2])
    assert np.all(numeric.compile("gmp.density")(edges, *args) <= 1e-7)
    z = np.array([1 + 1j, 0.3 + 1e-3j, -2 - 0.5j, hi + 1.0, 4j])
    np.testing.assert_allclose(numeric.compile("gmp.stieltjes")(z, *args), numeric.compile("mp.stieltjes")(z, gamma, s2), rtol=1e-11)
    assert float(numeric.compile("gmp.upper_edge")(*args)) == pytest.approx(hi, rel=1e-13)
    assert float(numeric.compile("gmp.lower_edge")(*args)) == pytest.approx(s2 * (1 - math.sqrt(gamma)) ** 2, rel=1e-9, abs=1e-15)
    johnstone = s2 * (1 + math.sqrt(gamma)) * (1 + 1 / math.sqrt(gamma)) ** (1 / 3)
    assert float(numeric.compile("gmp.edge_scale")(*args)) == pytest.approx(johnstone, rel=1e-12)


def test_dyson_reduces_to_wigner():
    """A constant profile S = s on any blocks is the semicircle of variance s."""
    s = 2.5
    x = np.linspace(-4, 4, 161)
    for alpha, S in (([1.0], [[s]]), ([0.3, 0.7], [[s, s], [s, s]]), ([0.2, 0.3, 0.5], np.full((3, 3), s))):
        np.testing.assert_allclose(numeric.compile("dyson.density")(x, alpha, S), numeric.compile("wigner.density")(x, s), rtol=1e-11, atol=1e-13)
        assert float(numeric.compile("dyson.upper_edge")(alpha, S)) == pytest.approx(2 * math.sqrt(s), rel=1e-12)
        assert float(numeric.compile("dyson.lower_edge")(alpha, S)) == pytest.approx(-2 * math.sqrt(s), rel=1e-12)
    z = np.array([1 + 1j, 0.5 + 1e-4j, -3 - 2j])
    np.testing.assert_allclose(numeric.compile("dyson.stieltjes")(z, [0.4, 0.6], [[s, s], [s, s]]), numeric.compile("wigner.stieltjes")(z, s), rtol=1e-12)


# ------------------------------------------------------------------ the polyroots oracle
def _polyroots_density(x, gamma, t, w) -> mpmath.mpf:
    """Independent oracle: the Silverstein equation times u prod(1 + t_i u) is a polynomial of
    degree k + 1 in u; at a real x its only root off the real line in the upper half plane is
    the companion transform, and the density is Im u / (pi gamma)."""
    u = sp.Symbol("u")
    prod = sp.prod([1 + sp.Float(ti, 60) * u for ti in t])
    poly = (sp.Float(mpmath.mpf(x), 60) * u + 1) * prod - sp.Float(gamma, 60) * u * sum(
        sp.Float(wi, 60) * sp.Float(ti, 60) * sp.prod([1 + sp.Float(tj, 60) * u for j, tj in enumerate(t) if j != i]) for i, (ti, wi) in enumerate(zip(t, w))
    )
    coeffs = [mpmath.mpf(str(c)) for c in sp.Poly(sp.expand(poly), u).all_coeffs()]
    roots = mpmath.polyroots(coeffs, maxsteps=200, extraprec=120)
    upper = [r for r in roots if mpmath.im(r) > mpmath.mpf(10) ** -30]
    assert len(upper) <= 1, f"more than one root in the upper half plane at x={x}"
    return mpmath.im(upper[0]) / (mpmath.pi * gamma) if upper else mpmath.mpf(0)


@st.composite
def spectra(draw, max_atoms: int = 16):
    k = draw(st.integers(1, max_atoms))
    t = sorted({round(math.exp(draw(st.floats(math.log(0.1), math.log(10.0)))), 12) for _ in range(k)})
    raw = np.array([draw(st.floats(0.05, 1.0)) for _ in t])
    w = raw / raw.sum()
    gamma = math.exp(draw(st.floats(math.log(0.05), math.log(20.0))))
    return gamma, np.array(t), w


@settings(max_examples=12, deadline=None)
@given(spec=spectra(), frac=st.lists(st.floats(0.0, 1.0), min_size=6, max_size=6))
def test_gmp_density_matches_polyroots_oracle(spec, frac):
    """<= 1e-10 relative (plus the condition-number term near the edges) against the polyroots
    oracle on drawn spectra (k <= 16, gamma in [0.05, 20]), edges and their neighbours included;
    a point inside the support never gets a value from a root off the upper half plane."""
    gamma, t, w = spec
    bands = _selfconsistent.support_intervals("gmp.density", gamma=gamma, atoms=t, weights=w)
    edges = [e for b in bands for e in b]
    xs = [lo + f * (hi - lo) for (lo, hi), f in zip(bands * 6, frac)] + [e * (1 + d) for e in edges[:4] for d in (-1e-9, 1e-9)] + edges[:2]
    # within 1e-12 of the spectrum's scale from 0, a gamma next to 1 leaves no float64 digits: the
    # equation's 1/u and gamma/u cancel to (1 - gamma)/u there, and the kernel raises (uncertified)
    xs = np.array([x for x in xs if x > 1e-12 * bands[-1][1]])
    _assert_matches_polyroots(xs, {"numba": numeric.compile("gmp.density")(xs, gamma, t, w)}, gamma, t, w)


def _assert_matches_polyroots(xs, results: dict, gamma, t, w) -> None:
    """Each result against the polyroots oracle: 1e-10 relative plus the kappa rule in its finite
    form, what moving x by 64 ulps changes (the edges' square roots included)."""
    eps = np.finfo(float).eps
    with mpmath.workdps(50):
        for i, x in enumerate(xs):
            ref = _polyroots_density(float(x), gamma, t, w)
            spread = max(abs(_polyroots_density(mpmath.mpf(x) * (1 + sign * 64 * eps), gamma, t, w) - ref) for sign in (-1, 1))
            allowed = 1e-10 * float(ref) + float(spread)
            for target, got in results.items():
                v = got[i]
                assert abs(v - float(ref)) <= allowed, f"{target} at x={x}: {v} vs {ref} (allowed {allowed})"


def test_gmp_split_support_has_exact_band_masses():
    """Two well-separated atoms split the support in two bands, each holding its atom's weight
    (exact separation): the CDF in the gap is the weight, and the CDF integrates the density."""
    g, t, w = 0.05, [1.0, 10.0], [0.3, 0.7]
    bands = _selfconsistent.support_intervals("gmp.cdf", gamma=g, atoms=t, weights=w)
    assert len(bands) == 2 and bands[0][1] < bands[1][0]
    gap = 0.5 * (bands[0][1] + bands[1][0])
    assert float(numeric.compile("gmp.cdf")(gap, g, t, w)) == pytest.approx(0.3, abs=1e-13)
    import scipy.integrate

    dens = numeric.compile("gmp.density")
    for x in (bands[0][0] + 0.3 * (bands[0][1] - bands[0][0]), bands[1][0] + 0.6 * (bands[1][1] - bands[1][0])):
        mass, _ = scipy.integrate.quad(lambda s: float(dens(s, g, t, w)), 0.0, x, points=[b for band in bands for b in band if b < x], limit=200, epsabs=1e-13)
        assert float(numeric.compile("gmp.cdf")(x, g, t, w)) == pytest.approx(mass, abs=1e-9)
    edges = numeric.compile("gmp.edge")(np.arange(4), g, t, w)
    np.testing.assert_allclose(edges, [bands[0][0], bands[0][1], bands[1][0], bands[1][1]])
    with pytest.raises(ValueError, match=r"j=4 is outside integers in \[0, 3\]"):
        numeric.compile("gmp.edge")(4, g, t, w)


def test_gmp_mpmath_backend_is_a_50_digit_solve():
    g, t, w = 0.3, np.array([0.5, 2.0, 4.0]), np.array([0.2, 0.5, 0.3])
    xs = np.array([0.4, 1.0, 2.5, 6.0])
    mp = numeric.compile("gmp.density", "mpmath")(xs, g, t, w)
    with mpmath.workdps(50):
        for x, v in zip(xs, mp):
            assert abs(v - _polyroots_density(float(x), g, t, w)) < mpmath.mpf(10) ** -40
    np.testing.assert_allclose(numeric.compile("gmp.density")(xs, g, t, w), np.array(mp, dtype=float), rtol=1e-12)
    for q in ("upper_edge", "lower_edge", "edge_scale"):
        assert float(numeric.compile(f"gmp.{q}")(g, t, w)) == pytest.approx(float(numeric.compile(f"gmp.{q}", "mpmath")(g, t, w)), rel=1e-12)
    cdf_x = np.array([0.4, 1.0, 3.0, 9.0])
    np.testing.assert_allclose(
        numeric.compile("gmp.cdf")(cdf_x, g, t, w), np.array(numeric.compile("gmp.cdf", "mpmath")(cdf_x, g, t, w), dtype=float), rtol=1e-11, atol=1e-14
    )


@pytest.mark.parametrize(
    "alpha, S",
    [([0.3, 0.7], [[1.0, 0.2], [0.2, 3.0]]), ([0.5, 0.5], [[0.1, 2.0], [2.0, 0.5]]), ([0.2, 0.3, 0.5], [[1.0, 0.5, 0.1], [0.5, 2.0, 0.3], [0.1, 0.3, 4.0]])],
)
def test_dyson_matches_the_50_digit_solve(alpha, S):
    """<= 1e-10 relative against the mpmath backend for 2- and 3-block profiles, edges included."""
    edge = float(numeric.compile("dyson.upper_edge")(alpha, S))
    assert edge == pytest.approx(float(numeric.compile("dyson.upper_edge", "mpmath")(alpha, S)), rel=1e-12)
    xs = np.array([0.0, 0.1 * edge, -0.5 * edge, 0.9 * edge, edge * (1 - 1e-6), 1.5 * edge])
    ref = np.array(numeric.compile("dyson.density", "mpmath")(xs, alpha, S), dtype=float)
    got = numeric.compile("dyson.density")(xs, alpha, S)
    np.testing.assert_allclose(got[:-2], ref[:-2], rtol=1e-10)
    assert abs(got[-2] - ref[-2]) <= 1e-6 * ref[-2] and got[-1] == 0.0  # near the edge kappa ~ 1/(2 * 1e-6)
    z = np.array([0.3 + 0.2j, -1.0 + 1e-3j, 2 * edge - 1j])
    np.testing.assert_allclose(
        numeric.compile("dyson.stieltjes")(z, alpha, S), np.array(numeric.compile("dyson.stieltjes", "mpmath")(z, alpha, S), dtype=complex), rtol=1e-11
    )


# --------------------------------------------------------------------------- certificates
def test_wrong_branches_are_rejected_by_the_certificates():
    """The certificates that guard every point: on the axis, the non-Herglotz root of the MP
    quadratic (Im u < 0 inside the support, a real root with stability radius > 1 outside) is
    classified uncertified (-1); the physical roots pass."""
    m = _selfconsistent._module(theory.get("gmp.density")).module
    gamma, t, w = 0.5, np.array([1.0]), np.array([1.0])
    B = np.empty((1, 1), np.complex128)
    for x, inside in ((1.5, True), (4.0, False)):
        # companion quadratic: x u^2 + (x + 1 - gamma) u + 1 = 0 at t = 1, gamma... (u + 1 = 0 pole cleared)
        roots = np.roots([x, x + 1 - gamma, 1.0])
        verdicts = sorted(m.real_or_upper(np.array([r + 0j]), complex(x, 0.0), gamma, t, w, B, inside) for r in roots)
        assert verdicts == [-1, 1 if inside else 0], (x, roots, verdicts)


# ----------------------------------------------------------------------------- arguments
@pytest.mark.parametrize(
    "fid, kwargs, match",
    [
        ("gmp.density", dict(x=1.0, gamma=0.5, atoms=[1.0, 2.0], weights=[0.5, 0.4]), r"weights=.* must sum to 1 within 1e-12"),
        ("gmp.density", dict(x=1.0, gamma=0.5, atoms=[1.0, -2.0], weights=[0.5, 0.5]), r"atoms=-2.0 is outside \(0, oo\)"),
        ("gmp.density", dict(x=1.0, gamma=0.5, atoms=[1.0, 2.0, 3.0], weights=[0.5, 0.5]), "weights has length 2 but atoms has length 3"),
        ("gmp.density", dict(x=1.0, gamma=-0.5, atoms=[1.0], weights=[1.0]), r"gamma=-0.5 is outside \(0, oo\)"),
        ("gmp.density", dict(x=float("nan"), gamma=0.5, atoms=[1.0], weights=[1.0]), r"x=nan is outside"),
        ("gmp.stieltjes", dict(z=0.0, gamma=0.5, atoms=[1.0], weights=[1.0]), r"z=0(\.0|j)? is outside the complex plane without 0"),
        ("dyson.density", dict(x=0.5, alpha=[0.5, 0.5], S=[[1.0, 0.2], [0.3, 1.0]]), "S=.* must be symmetric"),
        ("dyson.density", dict(x=0.5, alpha=[0.5, 0.5], S=[[1.0, -0.2], [-0.2, 1.0]]), r"S=-0.2 is outside \[0, oo\)"),
        ("dyson.density", dict(x=0.5, alpha=[0.5, 0.5], S=[[0.0, 0.0], [0.0, 1.0]]), "row of zeros"),
        ("dyson.density", dict(x=0.5, alpha=[0.6, 0.6], S=[[1.0, 1.0], [1.0, 1.0]]), r"alpha=.* must sum to 1"),
        ("dyson.density", dict(x=0.5, alpha=[0.5, 0.5], S=[[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]), "must be a symmetric square matrix"),
    ],
)
def test_bad_arguments_name_the_parameter(fid, kwargs, match):
    with pytest.raises(ValueError, match=match):
        numeric.compile(fid)(**kwargs)


def test_arrays_on_the_last_axis_and_scalars_broadcast():
    """Three spectra (atoms of shape (3, 2)) with three gammas, against x of shape (5, 1): a
    (5, 3) result equal to one call per spectrum."""
    atoms = np.array([[1.0, 2.0], [0.5, 4.0], [1.0, 9.0]])
    weights = np.array([[0.5, 0.5], [0.2, 0.8], [0.9, 0.1]])
    gammas = np.array([0.2, 1.5, 0.05])
    x = np.linspace(0.1, 8.0, 5)[:, None]
    f = numeric.compile("gmp.density")
    got = f(x, gammas, atoms, weights)
    assert got.shape == (5, 3)
    for j in range(3):
        np.testing.assert_array_equal(got[:, j], f(x[:, 0], gammas[j], atoms[j], weights[j]))
    edges = numeric.compile("gmp.upper_edge")(gammas, atoms, weights)
    assert edges.shape == (3,) and edges[2] == float(numeric.compile("gmp.upper_edge")(0.05, atoms[2], weights[2]))


# ------------------------------------------------------------------------------- exports
def _export_python(fid: str):
    ns: dict = {}
    exec(compile(theory.python(theory.get(fid)), f"<{fid}>", "exec"), ns)  # our generated source
    return ns[theory.kernel_name(fid)]


POINTWISE = [f"{fam}.{q}" for fam in ("gmp", "dyson") for q in theory.POINTWISE]


@pytest.fixture(scope="module")
def c_exports(tmp_path_factory):
    """The C export of every pointwise quantity, compiled with gcc -std=c99 -Wall -Werror into one
    library, each with a loop wrapper ``<name>_many(points..., n, params..., out...)``."""
    import ctypes
    import shutil

    from c_host import gcc_library

    if shutil.which("gcc") is None:
        pytest.skip("gcc not installed")
    units = {}
    for fid in POINTWISE:
        f = theory.get(fid)
        name = theory.kernel_name(fid)
        system = f.system
        lengths = list(dict.fromkeys(a.length.name for a in system.arrays))
        decl = [f"double {p.name}" for p in system.scalars] + [f"const double *{a.name}" for a in system.arrays] + [f"long {n}" for n in lengths]
        args = [p.name for p in system.scalars] + [a.name for a in system.arrays] + lengths
        if f.complex_valued:
            wrapper = (
                f"void {name}_many(const double *re, const double *im, long n, {', '.join(decl)}, double *ore, double *oim) {{\n"
                f"    for (long i = 0; i < n; ++i) {{\n        double complex v = {name}(re[i] + im[i] * I, {', '.join(args)});\n"
                "        ore[i] = creal(v);\n        oim[i] = cimag(v);\n    }\n}\n"
            )
        else:
            wrapper = (
                f"void {name}_many(const double *x, long n, {', '.join(decl)}, double *out) {{\n"
                f"    for (long i = 0; i < n; ++i) out[i] = {name}(x[i], {', '.join(args)});\n}}\n"
            )
        units[name] = theory.c(f) + "\n" + wrapper
    lib = gcc_library(tmp_path_factory.mktemp("scexport"), units, "sc")

    def function(fid: str):
        f = theory.get(fid)
        fn = getattr(lib, f"{theory.kernel_name(fid)}_many")

        def call(points, *params):
            pts = np.ascontiguousarray(np.ravel(points), dtype=complex if f.complex_valued else float)
            ptr = lambda a: a.ctypes.data_as(ctypes.c_void_p)  # noqa: E731
            scal = [ctypes.c_double(float(v)) for v in params[: len(f.system.scalars)]]
            arrs = [np.ascontiguousarray(v, dtype=float) for v in params[len(f.system.scalars) :]]
            lens = [ctypes.c_long(len(arrs[[a.length.name for a in f.system.arrays].index(n)])) for n in dict.fromkeys(a.length.name for a in f.system.arrays)]
            n = ctypes.c_long(pts.size)
            if f.complex_valued:
                re, im = np.ascontiguousarray(pts.real), np.ascontiguousarray(pts.imag)
                ore, oim = np.empty(pts.size), np.empty(pts.size)
                fn(ptr(re), ptr(im), n, *scal, *(ptr(a) for a in arrs), *lens, ptr(ore), ptr(oim))
                return ore + 1j * oim
            out = np.empty(pts.size)
            fn(ptr(pts), n, *scal, *(ptr(a) for a in arrs), *lens, ptr(out))
            return out

        return call

    return function


@pytest.fixture(scope="module")
def host_cupy():
    """The nvcc host stand-in for CuPy (tests/cuda_host.py): runs the CUDA export's exact strings."""
    import cuda_host

    from lmech.numeric import _cupy

    if not cuda_host.HAVE_NVCC:
        pytest.skip("nvcc not installed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(__import__("sys").modules, "cupy", cuda_host.fake_cupy())
        _cupy.device.cache_clear()
        for fid in POINTWISE:  # every kernel requested up front: one nvcc run
            numeric.compile(fid, "cupy")
        yield
        for key in [k for k in numeric._compile._MEMO if k[1] == "cupy"]:
            del numeric._compile._MEMO[key]
        _cupy.device.cache_clear()


@settings(max_examples=5, deadline=None)
@given(spec=spectra(max_atoms=8), frac=st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3))
def test_gmp_density_exports_match_polyroots_oracle(c_exports, host_cupy, spec, frac):
    """The Python, C and CUDA (nvcc, host stand-in; the cupy backend's device path) exports
    against the polyroots oracle on drawn spectra: inside the bands, next to and on the edges, in
    the gaps and outside the support, by the same rule as the numba kernel."""
    gamma, t, w = spec
    bands = _selfconsistent.support_intervals("gmp.density", gamma=gamma, atoms=t, weights=w)
    edges = [e for b in bands for e in b]
    xs = [lo + f * (hi - lo) for (lo, hi), f in zip(bands * 3, frac)] + [e * (1 + d) for e in edges[:3] for d in (-1e-9, 1e-9)] + edges[:2]
    xs += [0.5 * (edges[1] + edges[2]) if len(edges) > 2 else 0.5 * edges[0], 1.5 * edges[-1], -1.0]
    # below 1e-8 of the spectrum's scale only a gamma next to 1 has density, and there the
    # equation's 1/u and gamma/u cancel to (1 - gamma)/u: the continuation and the band solver both
    # lose digits to it (the numba test above covers down to 1e-12 with the band solver)
    xs = np.array([x for x in xs if abs(x) > 1e-8 * bands[-1][1]])
    results = {
        "python": _export_python("gmp.density")(xs, gamma, t, w),
        "c": c_exports("gmp.density")(xs, gamma, t, w),
        "cuda": np.asarray(numeric.compile("gmp.density", "cupy")(xs, gamma, t, w)),
    }
    for target, got in results.items():
        assert np.isfinite(got).all(), f"{target}: NaN at {xs[~np.isfinite(got)]}"
    _assert_matches_polyroots(xs, results, gamma, t, w)


@pytest.mark.parametrize(
    "alpha, S",
    [([0.3, 0.7], [[1.0, 0.2], [0.2, 3.0]]), ([0.2, 0.3, 0.5], [[1.0, 0.5, 0.1], [0.5, 2.0, 0.3], [0.1, 0.3, 4.0]])],
)
def test_dyson_exports_match_the_50_digit_solve(c_exports, host_cupy, alpha, S):
    """dyson density and Stieltjes transform from the Python, C and CUDA exports against the
    mpmath backend: 1e-10 relative inside the support, 0 outside, and the edge's neighbourhood by
    the kappa rule."""
    edge = float(numeric.compile("dyson.upper_edge")(alpha, S))
    xs = np.array([0.0, 0.1 * edge, -0.5 * edge, 0.9 * edge, -0.999 * edge, 1.5 * edge, -3.0 * edge])
    ref = np.array(numeric.compile("dyson.density", "mpmath")(xs, alpha, S), dtype=float)
    z = np.array([0.3 + 0.2j, -1.0 + 1e-3j, 2 * edge - 1j, 0.5 * edge, 1.5 * edge])
    zref = np.array(numeric.compile("dyson.stieltjes", "mpmath")(z, alpha, S), dtype=complex)
    for target, dens, stj in (
        ("python", _export_python("dyson.density"), _export_python("dyson.stieltjes")),
        ("c", c_exports("dyson.density"), c_exports("dyson.stieltjes")),
        ("cuda", numeric.compile("dyson.density", "cupy"), numeric.compile("dyson.stieltjes", "cupy")),
    ):
        np.testing.assert_allclose(np.asarray(dens(xs, alpha, S)), ref, rtol=1e-10, atol=0, err_msg=target)
        np.testing.assert_allclose(np.asarray(stj(z, alpha, S)), zref, rtol=1e-10, err_msg=target)


def test_gmp_stieltjes_exports_match_numba(c_exports, host_cupy):
    """Off the axis, on it inside and outside the support, and below it (the conjugate)."""
    g, t, w = 0.3, np.array([0.5, 2.0, 4.0]), np.array([0.2, 0.5, 0.3])
    z = np.array([1 + 1j, 2 - 0.5j, 3.0, 10.0, -1.0, 0.05 + 1e-8j, 1e3 + 1e3j])
    ref = np.array(numeric.compile("gmp.stieltjes", "mpmath")(z, g, t, w), dtype=complex)
    for target, fn in (("python", _export_python("gmp.stieltjes")), ("c", c_exports("gmp.stieltjes")), ("cuda", numeric.compile("gmp.stieltjes", "cupy"))):
        np.testing.assert_allclose(np.asarray(fn(z, g, t, w)), ref, rtol=1e-12, err_msg=target)


def test_cupy_backend_solves_rows_on_the_device_and_validates(host_cupy):
    """The device path: parameter rows broadcast like the CPU backend, the point checked on the
    device, the arrays on the host, and uncertified points (on an edge) re-solved by the host's
    band solver, so the result equals numba's."""
    atoms = np.array([[1.0, 2.0], [0.5, 4.0], [1.0, 9.0]])
    weights = np.array([[0.5, 0.5], [0.2, 0.8], [0.9, 0.1]])
    gammas = np.array([0.2, 1.5, 0.05])
    x = np.linspace(0.1, 8.0, 5)[:, None]
    dev = numeric.compile("gmp.density", "cupy")
    np.testing.assert_allclose(np.asarray(dev(x, gammas, atoms, weights)), numeric.compile("gmp.density")(x, gammas, atoms, weights), rtol=1e-12, atol=1e-300)
    with pytest.raises(ValueError, match="x=nan is outside"):
        dev(np.array([1.0, np.nan]), 0.3, [1.0], [1.0])
    with pytest.raises(ValueError, match="must sum to 1"):
        dev(1.0, 0.3, [1.0, 2.0], [0.5, 0.6])
    with pytest.raises(ValueError, match=r"z=0j is outside"):
        numeric.compile("gmp.stieltjes", "cupy")(np.array([1j, 0j]), 0.3, [1.0], [1.0])


def test_cuda_export_compiles_under_nvrtc():
    """What CuPy does at the first call: NVRTC, plain and checked kernels. Without CuPy's headers,
    thrust::complex is stood in by libcu++'s cuda::std::complex (nvidia-cuda-cccl-cu12), which
    NVRTC compiles."""
    import importlib.util
    from pathlib import Path

    from cuda_host import loop_unit, nvrtc_compile, nvrtc_library

    from lmech.numeric._cupy import _nvrtc

    lib = nvrtc_library()
    if lib is None:
        pytest.skip("libnvrtc not found (pip install nvidia-cuda-nvrtc-cu12)")
    try:
        cupy = importlib.util.find_spec("cupy")
    except ValueError:  # the host stand-in is installed as a module without a spec
        cupy = None
    cccl = importlib.util.find_spec("nvidia.cuda_cccl")
    if cupy is not None and cupy.origin is not None:
        include = Path(cupy.origin).parent / "_core" / "include"
        head, options, complex_name = "#include <cupy/complex.cuh>\n", [f"-I{include}", f"-I{include}/cupy/_cuda/cuda-12"], "complex"
    elif cccl is not None:
        include = Path(next(iter(cccl.submodule_search_locations))) / "include"
        head = (
            "#include <cuda/std/complex>\n"
            "namespace thrust { template <class T> using complex = cuda::std::complex<T>; using cuda::std::abs; using cuda::std::conj; }\n"
        )
        options, complex_name = [f"-I{include}"], "thrust::complex"
    else:
        pytest.skip("no complex header for NVRTC (pip install nvidia-cuda-cccl-cu12)")
    parts = []
    for fid in POINTWISE:
        for checked in (False, True):
            cu = theory.cuda(theory.get(fid), checked=checked)
            parts.append(loop_unit(cu.name, _nvrtc(cu.preamble), cu.in_params, cu.out_params, cu.operation, device=True, complex_name=complex_name))
    status, log = nvrtc_compile(lib, head + "\n".join(parts), ["--std=c++17", "-arch=compute_70", *options])
    assert status == 0, "\n".join(line for line in log.splitlines() if "error" in line)[:3000]


def test_checked_cuda_export_flags_uncertified_points(host_cupy):
    """The checked kernel raises the flag exactly where the solver returns NaN."""
    import cuda_host

    f = theory.get("gmp.density")
    cu = theory.cuda(f, checked=True)
    k = cuda_host.ElementwiseKernel(cu.in_params, cu.out_params, cu.operation, name=cu.name, preamble=cu.preamble)
    t, w = np.array([1.0, 3.0]), np.array([0.5, 0.5])
    for x, flagged in ((np.array([0.5, 2.0]), 0), (np.array([2.0, np.nan]), 1)):
        bad = np.zeros(1, np.int32)
        out = k(x, 0.4, 0, t, w, 2, bad)
        assert int(bad[0]) == flagged and np.isnan(out).any() == bool(flagged)
