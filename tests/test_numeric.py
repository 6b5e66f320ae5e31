"""numeric.compile: calling convention, broadcasting, domain errors, cache, implicit solver."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lmech import numeric, theory
from lmech.numeric import _cache

CPU = ["numba", "numpy"]


@pytest.mark.parametrize("backend", CPU)
def test_positional_keyword_and_broadcasting(backend):
    k = numeric.compile("mp.density", backend)
    x = np.linspace(0, 4, 5)[:, None]
    g = np.array([0.25, 0.5, 2.0])[None, :]
    a = k(x, g, 1.0)
    b = k(sigma2=1.0, gamma=g, x=x)
    assert a.shape == (5, 3) and np.array_equal(a, b)
    assert k(1.0, 0.5, 1.0).shape == ()


def test_numba_matches_numpy_baseline(rng):
    for fid in ["mp.density", "mp.cdf", "wigner.cdf", "wigner.density"]:
        f = theory.get(fid)
        x = rng.uniform(-3, 8, 2000)
        kw = {"x": x, "sigma2": 1.3} | ({"gamma": 0.7} if "gamma" in f.param_names else {})
        assert np.allclose(numeric.compile(f, "numba")(**kw), numeric.compile(f, "numpy")(**kw), rtol=1e-12, atol=1e-15)


def test_binding_errors():
    k = numeric.compile("mp.density")
    with pytest.raises(TypeError, match="missing"):
        k(1.0, 0.5)
    with pytest.raises(TypeError, match="no parameter 'beta'"):
        k(1.0, 0.5, 1.0, beta=2)
    with pytest.raises(ValueError, match="backend"):
        numeric.compile("mp.density", "fortran")


@pytest.mark.parametrize("backend", CPU + ["mpmath"])
def test_domain_errors_name_the_parameter(backend):
    k = numeric.compile("mp.density", backend)
    with pytest.raises(ValueError, match=r"gamma=-0\.5 is outside \(0, oo\) for mp\.density"):
        k(1.0, np.array([0.5, -0.5]), 1.0)
    with pytest.raises(ValueError, match="x=nan"):
        k(np.nan, 0.5, 1.0)
    with pytest.raises(ValueError, match="violates"):
        numeric.compile("mp.stieltjes", backend)(0j, 2.0, 1.0)
    with pytest.raises(ValueError, match="k=1.5 is outside integers >= 1"):
        numeric.compile("mp.moment", backend)(1.5, 2.0, 1.0)
    # check=False skips validation (hot paths) and then garbage in is the caller's business
    if backend != "mpmath":
        k(1.0, -0.5, 1.0, check=False)


def test_piecewise_compiles_on_numba():
    # where njit(lambdify(...)) fails: Piecewise lowers to branches inside the loop
    k = numeric.compile("mp.cdf", "numba")
    assert "if" in k.source and "np.select" not in k.source
    v = k(np.array([-1.0, 0.0, 0.1, 100.0]), 2.0, 1.0)
    assert v[0] == 0.0 and v[1] == 0.5 and v[2] == 0.5 and v[3] == 1.0


def test_implicit_quantile_inverts_cdf(rng):
    q = numeric.compile("mp.quantile")
    cdf = numeric.compile("mp.cdf")
    for g in (0.3, 1.0, 2.5):
        p = rng.uniform(0, 1, 500)
        x = q(p, g, 1.0)
        ref = numeric.compile("mp.quantile", "mpmath")(p[:5], g, 1.0).astype(float)
        assert np.allclose(x[:5], ref, rtol=1e-12, atol=1e-13)
        inside = p > max(0.0, 1 - 1 / g) + 1e-9
        assert np.allclose(cdf(x[inside], g, 1.0), p[inside], atol=1e-13)
    # atom: every q below 1 - 1/gamma maps to 0
    assert np.all(q(np.array([0.0, 0.1, 0.5]), 2.0, 1.0) == 0.0)


@given(st.floats(0, 1), st.floats(0.05, 20))
def test_quantile_is_monotone_and_in_bracket(qv, g):
    x = numeric.compile("mp.quantile")(np.array([qv, min(1.0, qv + 1e-3)]), g, 1.0)
    edge = (1 + g**0.5) ** 2
    # 1 - F(x) ~ c (edge - x)^{3/2} at the upper edge, so a double F resolves quantiles of q
    # within an ulp of 1 only to ~eps^{2/3} relative (q = 1 - 1e-16 vs q = 1 at gamma = 5: 2.5e-10)
    flat = 10 * np.finfo(float).eps ** (2 / 3) * edge
    assert x[0] <= x[1] + flat and x[1] <= edge * (1 + 1e-15)


def test_bisection_baseline_agrees():
    q = np.linspace(0, 1, 101)
    assert np.allclose(numeric.compile("mp.quantile", "numpy")(q, 0.5, 1.0), numeric.compile("mp.quantile")(q, 0.5, 1.0), atol=1e-9)


def test_cache_is_atomic_and_rebuilds_corrupt_entries(fresh_cache):
    src = "x = 1\n"
    path = _cache.load_or_write("entry", src)
    text = path.read_text()
    assert text.splitlines()[0].startswith("# lmech-sha256: ")
    path.write_text(text.replace("x = 1", "x = 2"))  # corrupted: hash no longer matches
    path2 = _cache.load_or_write("entry", src)
    assert path2.read_text() == text
    path.write_text(text[:20])  # truncated
    assert _cache.load_or_write("entry", src).read_text() == text
    assert not list(fresh_cache.glob(".*.tmp"))


def test_numba_source_is_cached_on_disk(fresh_cache):
    import sympy as sp

    f = theory.get("wigner.density")
    g = f.substitute({f.param("sigma2"): sp.Float(1.5) * f.param("sigma2")}, "cache-test")
    k = numeric.compile(g)
    assert any(fresh_cache.glob("lmech_wigner_density_cache_test_*.py"))
    assert np.isclose(k(0.0, 1.0), 1 / (np.pi * np.sqrt(1.5)))


def test_cupy_backend_error_without_gpu():
    try:
        import cupy  # noqa: F401
    except ImportError:
        with pytest.raises(RuntimeError, match=r"pip install 'lmech\[gpu\]'"):
            numeric.compile("mp.density", "cupy")
    else:
        pytest.skip("cupy is installed")


@pytest.mark.gpu
def test_cupy_matches_numba(rng):
    x = rng.uniform(-1, 6, 10000)
    for fid in ["mp.density", "mp.cdf", "wigner.cdf"]:
        f = theory.get(fid)
        kw = {"x": x, "sigma2": 1.0} | ({"gamma": 0.5} if "gamma" in f.param_names else {})
        out = numeric.compile(f, "cupy")(**kw).get()
        assert np.allclose(out, numeric.compile(f)(**kw), rtol=1e-12, atol=1e-15)


CLOSED = [i for i in theory.ids() if not theory.get(i).numeric]


def _mixed_points(f, rng, n=600) -> dict[str, np.ndarray]:
    """Points in and out of every domain: signs, zeros, integers, fractions, infinities, NaN."""
    pool = [-1.5, -0.0, 0.0, 0.3, 0.5, 1.0, 1.0, 2.0, 2.0, 3.0, 7.0, 0.999, 1e-300, np.inf, np.nan]
    vals = {}
    for p in f.params:
        base = rng.choice(pool, n)
        vals[p.name] = base + 1j * rng.choice([0.0, 1.0], n) if (f.complex_valued and not p.is_real) else base
    return vals


@pytest.mark.parametrize("fid", CLOSED)
def test_fused_domain_check_agrees_with_host(fid, rng):
    """The numba kernel's in-pass domain test accepts exactly the points numeric.DomainChecker
    accepts: the inside points evaluate without an error, and each outside point alone raises
    the host checker's message (parameter, value, domain)."""
    f = theory.get(fid)
    k = numeric.compile(fid, "numba")
    vals = _mixed_points(f, rng)
    want = numeric.DomainChecker(f).inside(vals)
    assert not want.all()
    if want.any():
        k(**{n: v[want] for n, v in vals.items()})
    for i in np.flatnonzero(~want)[:30]:
        point = {n: v[i : i + 1] for n, v in vals.items()}
        with pytest.raises(ValueError, match=r"outside|violates") as err:
            k(**point)
        with pytest.raises(ValueError) as host:
            numeric.DomainChecker(f)({n: np.asarray(v) for n, v in point.items()})
        assert str(err.value) == str(host.value)


def test_fused_check_costs_one_pass_and_keeps_out_buffers(rng):
    k = numeric.compile("mp.density", "numba")
    x = rng.uniform(-1, 4, 10_000)
    out = np.empty_like(x)
    assert k(x, 0.5, 1.0, out=out) is not None and np.array_equal(out, k(x, 0.5, 1.0, check=False))
    x[17] = np.nan
    with pytest.raises(ValueError, match="x=nan is outside"):
        k(x, 0.5, 1.0, out=out)


def test_result_buffers_are_reused_only_when_released(monkeypatch):
    """The pool hands a large buffer out again only after every array that sees it is gone."""
    from lmech.numeric import _pool

    monkeypatch.setenv("LMECH_POOL_MB", "64")
    numeric.release_buffers()
    k = numeric.compile("mp.density", "numba")
    x = np.linspace(-1, 4, 1_000_000)
    a = k(x, 0.5, 1.0)
    view = a[::3]
    del a
    b = k(x, 0.5, 1.0)
    assert not np.shares_memory(b, view)  # the view keeps the first buffer alive
    del view
    c = k(x, 2.0, 1.0)
    assert not np.shares_memory(b, c) and numeric.buffer_stats()["buffers"] == 2
    snapshot = b.copy()
    del c
    d = k(x, 0.25, 1.0)  # reuses c's buffer, never b's
    np.testing.assert_array_equal(b, snapshot)
    assert numeric.buffer_stats()["buffers"] == 2
    del b, d
    assert numeric.release_buffers() == 2 * x.nbytes and numeric.buffer_stats()["buffers"] == 0
    monkeypatch.setenv("LMECH_POOL_MB", "0")
    k(x, 0.5, 1.0)
    assert numeric.buffer_stats()["buffers"] == 0  # pool off: plain numpy allocations
    assert _pool.MIN_BYTES > 4096


def test_a_users_numeric_formula_compiles_on_every_cpu_backend():
    """No method registered: numpy and numba run the mpmath reference per point; once a float64
    method is registered, compile uses it (and no formula id is known to the compiler)."""
    import mpmath
    import scipy.special
    from conftest import user_numeric_formula

    f = user_numeric_formula("user.erf_squared", lambda v: mpmath.erf(v) ** 2, "erf(x)^2 by a numerical method")
    x = np.linspace(-5, 5, 41)
    want = scipy.special.erf(x) ** 2
    for backend in ("numpy", "numba", "cpu", "mpmath"):
        got = numeric.compile(f, backend)(x)
        np.testing.assert_allclose(np.asarray(got, dtype=float), want, rtol=1e-14, atol=1e-300)
    with pytest.raises(ValueError, match=r"x=6.0 is outside \[-5, 5\] for user.erf_squared"):
        numeric.compile(f, "numba")(6.0)
    calls = []

    def fast(v):
        calls.append(v.size)
        return scipy.special.erf(v) ** 2

    numeric.register_method("user.erf_squared", fast, note="scipy erf")
    try:
        np.testing.assert_allclose(numeric.compile(f, "numba")(x), want, rtol=1e-15)
        assert calls == [41] and numeric.method(f).note == "scipy erf"
        wrong = f.substitute({f.params[0]: 2 * f.params[0]}, "x2")  # a perturbed variant runs the same method
        np.testing.assert_allclose(numeric.compile(wrong, "numpy")(x / 2), want, rtol=1e-15)
    finally:
        from lmech.numeric import _methods

        _methods._METHODS.pop("user.erf_squared")
    with pytest.raises(ValueError, match="not callable"):
        numeric.register_method("user.x", 3.0)


def test_one_backend_vocabulary():
    assert numeric.backend("cpu").kernel == "numba" and numeric.backend("gpu").kernel == "cupy"
    assert numeric.backend("numpy").device == "cpu" and numeric.backend("cupy").device == "gpu"
    assert numeric.compile("mp.density", "cpu") is numeric.compile("mp.density", "numba")
    with pytest.raises(ValueError, match=r"backend='tpu' is not one of \('cpu', 'gpu', 'numpy'"):
        numeric.backend("tpu")
    from lmech.numeric import sim

    a = sim.wishart_eigenvalues(20, 40, np.random.default_rng(1), backend="numba")
    b = sim.wishart_eigenvalues(20, 40, np.random.default_rng(1), backend="cpu")
    np.testing.assert_array_equal(a, b)


def test_pool_makes_room_by_identity_and_never_drops_a_buffer_in_use(monkeypatch):
    """Eviction removes idle buffers by identity, past buffers still in use."""
    from lmech.numeric import _pool

    monkeypatch.setenv("LMECH_POOL_MB", "20")
    numeric.release_buffers()
    held = _pool.empty(1_000_000, np.float64)  # 8 MB in use
    idle = _pool.empty(1_250_000, np.float64)  # 10 MB, released below
    del idle
    fresh = _pool.empty(1_200_000, np.float64)  # 9.6 MB: only room once the idle 10 MB goes
    assert numeric.buffer_stats() == {"buffers": 2, "bytes": 8_000_000 + 9_600_000, "idle": 0}
    held[:] = 1.0
    assert not np.shares_memory(held, fresh)
    del held, fresh
    assert numeric.release_buffers() == 17_600_000
