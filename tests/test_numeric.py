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
