"""The GPU backend without a GPU, and with one.

* ``host``: the exact strings handed to ``cupy.ElementwiseKernel`` are compiled by nvcc for
  the host (tests/cuda_host.py) and run against mpmath: every registered formula, both dtypes,
  the device-side domain check. Needs nvcc only, so it runs in CI.
* ``device``: the same tests on a real CuPy device (``gpu`` marker; skipped without one).
* GPU simulators: their array code runs with numpy standing in for CuPy (CI), and with CuPy
  against the CPU twins on a device.
"""

from __future__ import annotations

import re

import cuda_host
import numpy as np
import pytest
import scipy.stats
from hypothesis import HealthCheck, given, settings

from lmech import numeric, theory
from lmech.numeric import _cupy, sim
from lmech.verify import strategies
from lmech.verify._accuracy import EPS, compare_point

IDS = theory.ids()
CLOSED = [i for i in IDS if not theory.get(i).numeric]
SCALAR = [i for i in IDS if not isinstance(theory.get(i), theory.SelfConsistentFormula)]


@pytest.fixture(scope="module", params=["host", pytest.param("device", marks=pytest.mark.gpu)])
def cupy_like(request):
    """CuPy itself on a device, or the nvcc host stand-in; lmech's memo is reset around it."""
    _cupy.device.cache_clear()

    def reset():
        for key in [k for k in numeric._compile._MEMO if k[1] == "cupy"]:
            del numeric._compile._MEMO[key]
        _cupy.device.cache_clear()

    reset()
    if request.param == "device":
        yield _cupy.device()
        reset()
        return
    if not cuda_host.HAVE_NVCC:
        pytest.skip("nvcc not installed")
    with pytest.MonkeyPatch.context() as mp:
        mod = cuda_host.fake_cupy()
        mp.setitem(__import__("sys").modules, "cupy", mod)
        # every kernel is requested up front, so one nvcc run compiles them all
        for fid in IDS:
            for dtype in ("float64", "float32"):
                if not (theory.get(fid).numeric and dtype == "float32"):
                    numeric.compile(fid, "cupy", dtype)
        yield mod
        reset()


_host = _cupy.to_host


def test_every_formula_has_a_cupy_backend(cupy_like):
    for fid in IDS:
        k = numeric.compile(fid, "cupy")
        assert k.backend == "cupy"
        point = {p.name: v for p, v in zip(k.formula.params, _inside_point(k.formula))}
        got = _host(k(**point))
        if fid in INFINITE_BY_DEFINITION:  # +inf where the event never happens (issue 15); then the CPU agrees exactly
            assert not np.isnan(got).any() and np.array_equal(got, numeric.compile(fid)(**point)), fid
        else:
            assert np.isfinite(got).all(), fid


#: formulas whose value is +inf by definition at some points of the domain ("never")
INFINITE_BY_DEFINITION = ("transient_bbp.emergence_time", "transient_bbp.absorption_time")


def _inside_point(f):
    """One point inside the domain and the where relations (the benchmark's draws)."""
    from lmech.verify.cli import _bench_points

    pts = _bench_points(f, 1, np.random.default_rng(0))
    arrays = {a.name for a in getattr(f, "arrays", ())}  # array parameters stay whole
    return [pts[p.name] if p.name in arrays else pts[p.name][0] for p in f.params]


@pytest.mark.parametrize("fid", [i for i in IDS if theory.get(i).exports])
def test_cupy_kernel_matches_mpmath(cupy_like, fid):
    """float64: the documented accuracy of every formula (the same rule as the CPU kernels)."""
    formula = theory.get(fid)

    @settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(point=strategies.params(formula))
    def check(point):
        c = compare_point(formula, point, "cupy")
        if abs(c.reference) > np.finfo(np.float64).max:
            assert np.isinf(c.value)
            return
        assert np.isfinite(c.value), f"non-finite {c.value} inside the domain at {point}"
        assert c.ok, f"{fid} at {point}: |err|={c.error:.3g} > allowed {c.allowed:.3g} (kappa={c.kappa:.3g}, ref={c.reference})"

    check()


#: float32 kernels: within 64 float32 ulps of the float64 kernel at the same (float32) inputs,
#: times (1 + kappa), the formula's relative condition number there, for inputs of magnitude
#: in [1e-4, 1e4] (or 0). Wider inputs can push intermediates (gamma^k, sigma2^k in mp.moment,
#: say) out of float32's normal range, which no rewriting of the closed form avoids: use float64.
F32_ULPS = 64
F32_RANGE = (1e-4, 1e4)
#: mp.moment sums Narayana terms sigma2^k gamma^j: in float32 they must stay below ~1e38
F32_LIMITS = {"mp.moment": lambda p: p["k"] * (abs(np.log10(p["gamma"])) + abs(np.log10(p["sigma2"]))) <= 30}
F32_TINY, F32_MAX, F32_EPS = (float(v) for v in (np.finfo(np.float32).tiny, np.finfo(np.float32).max, np.finfo(np.float32).eps))


@pytest.mark.parametrize("fid", [i for i in CLOSED if not theory.get(i).complex_valued])
def test_cupy_float32_kernel(cupy_like, fid):
    from lmech.verify._accuracy import condition_number

    formula = theory.get(fid)
    k32, k64 = numeric.compile(fid, "cupy", "float32"), numeric.compile(fid, "numba")
    compared = []

    @settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(point=strategies.params(formula))
    def check(point):
        # the whole-domain draws, pulled into the float32 range and rounded to float32
        rounded = {
            k: v if isinstance(v, (int, np.integer)) else float(np.float32(np.copysign(np.clip(abs(v), *F32_RANGE), v) if v != 0 else 0.0))
            for k, v in point.items()
        }
        if not F32_LIMITS.get(fid, lambda p: True)(rounded):
            return
        if not k64._checker.inside({k: np.asarray(v) for k, v in rounded.items()}).all():
            return  # rounding to float32 left the domain (an open end, or a where relation)
        ref = float(k64(**rounded))
        if not (F32_TINY < abs(ref) < F32_MAX):
            return
        got = float(_host(k32(**rounded)))
        kappa = condition_number(formula, rounded, ref)
        allowed = F32_ULPS * F32_EPS * (1 + kappa) * abs(ref) + 64 * EPS * abs(ref)
        assert np.isfinite(got) and abs(got - ref) <= allowed, f"{fid} float32 at {rounded}: {got} vs {ref} (kappa={kappa:.3g})"
        compared.append(rounded)

    check()
    assert len(compared) >= 3, f"only {len(compared)} float32-representable points were drawn for {fid}"


def test_device_domain_errors_name_the_parameter(cupy_like):
    k = numeric.compile("mp.density", "cupy")
    x = np.linspace(0.1, 3.0, 1000)
    with pytest.raises(ValueError, match=r"gamma=-0.5 is outside \(0, oo\) for mp.density"):
        k(x, -0.5, 1.0)
    with pytest.raises(ValueError, match=r"x=nan is outside"):
        k(np.where(x > 2, np.nan, x), 0.5, 1.0)
    with pytest.raises(ValueError, match=r"n=1.5 is outside"):
        numeric.compile("pacbayes.mcallester", "cupy")(0.1, 1.0, 1.5, 0.05)
    with pytest.raises(ValueError, match=r"violates u0 < s for deeplinear.mode_deep"):
        numeric.compile("deeplinear.mode_deep", "cupy")(1.0, 1.0, np.array([0.5, 2.0]), 1.0, 3)


@pytest.mark.parametrize(
    "fid", ["mp.density", "pacbayes.kl_bound", "deeplinear.mode_deep", "tracy_widom.wishart_center", "tracy_widom.cdf", "mp.stieltjes", "pacbayes.lambda_bound"]
)
def test_device_domain_kernel_agrees_with_host(cupy_like, fid, rng):
    f = theory.get(fid)
    k = numeric.compile(fid, "cupy")
    vals = {}
    for p in f.params:
        base = rng.choice([-1.5, -0.0, 0.0, 0.5, 1.0, 1.0, 2.0, 3.0, 7.0, 0.999, np.inf, np.nan, 1e-300], 400)
        vals[p.name] = base + 1j * rng.choice([0.0, 1.0], 400) if (f.complex_valued and not p.is_real) else base
    from lmech.numeric._domain import DomainChecker

    want = DomainChecker(f).inside(vals)
    got = _host(_cupy.DeviceDomainChecker(f, "float64").inside(k._convert(vals)))
    assert want.any() and not want.all()
    np.testing.assert_array_equal(got, want)


def test_cli_gpu_backend(cupy_like, capsys, tmp_path):
    from lmech.verify.cli import main

    assert main(["eval", "mp.density", "x=0:3:4", "gamma=0.5", "sigma2=1", "--backend", "cupy"]) == 0
    assert "0.4210843993477923" in capsys.readouterr().out
    assert main(["check", "mp.upper_edge", "deeplinear.mode", "--backend", "gpu", "--report", str(tmp_path / "rep")]) == 0
    assert "2/2 checks passed" in capsys.readouterr().out


def test_gpu_sizes_up_the_dense_universality_check():
    from lmech import verify

    assert verify.get_check("mp.universality_t").size("quick", "gpu").n == 16384
    assert verify.get_check("mp.universality_t").size("quick", "cpu").n == 3000
    assert verify.get_check("mp.cdf").size("quick", "gpu") == verify.get_check("mp.cdf").size("quick", "cpu")


def test_tracy_widom_on_cupy(cupy_like, rng):
    """The device interpolant and bisection against the host method, the direct-determinant
    range filled on the host, and the host-only mean."""
    x = np.concatenate([rng.uniform(-14, 16, 2000), [-12.5, -8.0, -7.6, -6.5, -3.0, 0.0, 8.6, 14.5, 20.0]])
    for beta in (1, 2):
        got = _host(numeric.compile("tracy_widom.cdf", "cupy")(x, beta))
        want = numeric.compile("tracy_widom.cdf")(x, beta)
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15)
        q = np.concatenate([rng.uniform(0, 1, 300), [1e-12, 1e-9, 0.5, 1 - 1e-12]])
        got_q = _host(numeric.compile("tracy_widom.quantile", "cupy")(q, beta))
        want_q = numeric.compile("tracy_widom.quantile")(q, beta)
        # an ulp of F moves a quantile by eps/F'(x), which is large in the tails: compare in F
        cdf = numeric.compile("tracy_widom.cdf")
        np.testing.assert_allclose(cdf(got_q, beta), cdf(want_q, beta), rtol=1e-13, atol=1e-15)
        mid = (q > 1e-6) & (q < 1 - 1e-6)
        np.testing.assert_allclose(got_q[mid], want_q[mid], rtol=1e-11, atol=1e-12)
    two_d = _host(numeric.compile("tracy_widom.cdf", "cupy")(x[:6].reshape(2, 3), np.array([[1], [2]])))
    assert two_d.shape == (2, 3)
    assert abs(float(_host(numeric.compile("tracy_widom.mean", "cupy")(1))) + 1.2065335745820) < 1e-10
    with pytest.raises(ValueError, match="float64 only"):
        numeric.compile("tracy_widom.cdf", "cupy", "float32")
    with pytest.raises(ValueError, match=r"beta=3"):
        numeric.compile("tracy_widom.cdf", "cupy")(0.0, 3)


# ------------------------------------------------------------------------------ printers
GOLDEN = __import__("pathlib").Path(__file__).parent / "golden" / "cuda"


def _golden_text(fid: str) -> str:
    """Kernel and domain kernel in both dtypes; a numeric formula has a domain kernel only (its
    Tracy-Widom device code embeds computed coefficients and is tested by value instead)."""
    f = theory.get(fid)
    parts = []
    for dtype in ("float64", "float32"):
        for src in ([theory.cuda(f, dtype)] if f.exports else []) + [theory.cuda_inside(f, dtype)]:
            parts.append(f"// ===== {src.name} {dtype}\n{src}")
    return "\n".join(parts)


@pytest.mark.parametrize("fid", SCALAR)
def test_cuda_printer_strings(fid):
    """The generated CUDA of every formula, character for character. After an intended codegen
    change, regenerate with LMECH_UPDATE_GOLDEN=1 and review the diff."""
    import os

    path = GOLDEN / f"{fid}.cu"
    text = _golden_text(fid)
    if os.environ.get("LMECH_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    assert path.exists(), f"no golden file {path.name}: run with LMECH_UPDATE_GOLDEN=1"
    assert text == path.read_text()


@pytest.mark.parametrize("fid", [i for i in IDS if theory.get(i).exports])
def test_cuda_float32_source_stays_float32(fid):
    """No double literal, double function or double constant leaks into float32 code (each one
    would silently promote the arithmetic to float64, 32x slower on most GPUs)."""
    src = theory.cuda(theory.get(fid), "float32").preamble
    body = "\n".join(line for line in src.splitlines() if not line.lstrip().startswith(("//", "#")))
    body = re.sub(r"\(float\)\s*\d+\.\d*", "", body)  # explicit casts are float
    assert not re.findall(r"(?<![\w.])\d+\.\d*(?:[eE][-+]?\d+)?(?![\dFf\w])", body), fid
    assert not re.findall(r"(?<!::)\b(?:exp|log|sqrt|pow|log1p|expm1|fabs|fmin|fmax|atan2|sin|cos|atan|cbrt)\(", body), fid
    assert "double" not in body, fid


# ---------------------------------------------------------------------------- simulators
@pytest.fixture(params=["numpy-standin", pytest.param("device", marks=pytest.mark.gpu)])
def gpu_arrays(request, monkeypatch):
    """The GPU code path with numpy standing in for CuPy, or CuPy on a device."""
    if request.param == "device":
        _cupy.device.cache_clear()
        return _cupy.device()
    standin = _NumpyAsCupy("cupy_standin")
    monkeypatch.setattr(_cupy, "device", lambda: standin)
    return standin


class _NumpyAsCupy(__import__("types").ModuleType):
    """numpy under another name, so code that branches on ``xp is numpy`` takes its GPU branch."""

    def __getattr__(self, name):
        return getattr(np, name)


@pytest.mark.parametrize("dist", sim.DISTRIBUTIONS)
def test_gpu_dense_ensembles_match_cpu(gpu_arrays, dist, rng):
    """Batched GPU draws vs the CPU sampler: two-sample KS on the top eigenvalue and the trace."""
    reps = 300
    cpu = sim.wishart_eigenvalues(30, 60, rng, dist, 1.5, reps=reps)
    gpu = sim.wishart_eigenvalues(30, 60, rng, dist, 1.5, reps=reps, backend="gpu")
    assert gpu.shape == (reps, 30) and isinstance(gpu, np.ndarray)
    for stat in (lambda e: e[:, -1], lambda e: e.sum(axis=1)):
        assert scipy.stats.ks_2samp(stat(cpu), stat(gpu)).pvalue > 1e-4
    w_cpu = sim.wigner_eigenvalues(40, rng, dist, reps=reps)
    w_gpu = sim.wigner_eigenvalues(40, rng, dist, reps=reps, backend="gpu")
    assert scipy.stats.ks_2samp(w_cpu[:, -1], w_gpu[:, -1]).pvalue > 1e-4
    # one matrix (no batch) takes the same path
    assert sim.wishart_eigenvalues(20, 40, rng, dist, backend="gpu").shape == (20,)


def test_gpu_student_t_entries_have_unit_variance(gpu_arrays, rng):
    # E tr(S)/p = sigma2 exactly; its standard error from the t(5) fourth moment (kurtosis 9)
    p, n, reps = 20, 50, 1600
    e = sim.wishart_eigenvalues(p, n, rng, "student_t", 2.0, df=5.0, reps=reps, backend="gpu")
    tr = e.sum(axis=1) / p
    se = 2.0 * np.sqrt((9 - 1) / (p * n) / reps)
    assert abs(tr.mean() - 2.0) < 5 * se
    assert abs(tr.mean() * 1.02 - 2.0) > 5 * se  # a 2% wrong variance is visible at this size


def test_gpu_spiked_samplers_match_cpu(gpu_arrays, rng):
    reps = 150
    for fn, args in ((sim.spiked_wishart_top, (30, 60, 2.0)), (sim.spiked_wigner_top, (40, 2.0)), (sim.spiked_rect_top, (30, 50, 1.5))):
        cpu = np.array([fn(*args, rng) for _ in range(reps)])
        gpu = np.array([fn(*args, rng, backend="gpu") for _ in range(reps)])
        for j in range(cpu.shape[1]):
            assert scipy.stats.ks_2samp(cpu[:, j], gpu[:, j]).pvalue > 1e-4


def test_gpu_deep_linear_gd_matches_numba(gpu_arrays):
    """Same initial weights, same update: the batched GPU trainer agrees with numba to rounding."""
    for init, dims, kw in (("small", (5, 6, 4), {"scale": 1e-2}), ("aligned", (4, 5, 5, 4), {"u0": 1e-2})):
        a = sim.deep_linear_gd([3.0, 1.5], dims, 0.01, 3.0, np.random.default_rng(7), init=init, reps=3, **kw)
        b = sim.deep_linear_gd([3.0, 1.5], dims, 0.01, 3.0, np.random.default_rng(7), init=init, reps=3, backend="gpu", **kw)
        np.testing.assert_allclose(b.modes, a.modes, rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(b.loss, a.loss, rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(b.product, a.product, rtol=1e-10, atol=1e-13)


def test_gpu_llc_chains_match_numba(gpu_arrays):
    """The batched SGLD chains run the numba loop's chains (same increments and minibatch rows): full batch
    and minibatches, reduced-rank regression and a depth-3 linear network."""
    data = sim.reduced_rank_data(500, 3, 2, 1, np.random.default_rng(2))
    w2 = sim.reduced_rank_fit(data, 2)
    w3 = [w2[0], np.eye(2) + 0.1, w2[1]]
    for w in (w2, w3):
        for batch in (None, 16):
            a = sim.llc_sgld(data.x, data.y, w, np.random.default_rng(9), chains=3, steps=300, step=1e-3, gamma=5.0, batch=batch)
            b = sim.llc_sgld(data.x, data.y, w, np.random.default_rng(9), chains=3, steps=300, step=1e-3, gamma=5.0, batch=batch, backend="gpu")
            assert isinstance(b["llc"], np.ndarray) and isinstance(b["trace"], np.ndarray)
            np.testing.assert_allclose(b["trace"], a["trace"], rtol=1e-10)
            np.testing.assert_allclose(b["llc"], a["llc"], rtol=1e-8, atol=1e-10)
    with pytest.raises(ValueError, match="backend"):
        sim.llc_sgld(data.x, data.y, w2, np.random.default_rng(9), backend="tpu")


def test_gpu_threshold_draws_match_cpu(gpu_arrays, rng):
    a = sim.threshold_classifiers(200, 3000, rng, posterior="gibbs", beta=1.0)
    b = sim.threshold_classifiers(200, 3000, rng, posterior="gibbs", beta=1.0, backend="gpu", chunk=10_000)
    for x, y in ((a.emp_risk, b.emp_risk), (a.kl, b.kl), (a.true_risk, b.true_risk)):
        assert scipy.stats.ks_2samp(x, y).pvalue > 1e-4
    c = sim.threshold_classifiers(200, 3000, rng, posterior="erm")
    e = sim.threshold_classifiers(200, 3000, rng, posterior="erm", backend="gpu")
    assert scipy.stats.ks_2samp(c.emp_risk, e.emp_risk).pvalue > 1e-4


def test_gpu_gaussian_linear_draws_match_cpu(gpu_arrays, rng):
    a = sim.gaussian_linear(100, 600, rng, dim=6)
    b = sim.gaussian_linear(100, 600, rng, dim=6, backend="gpu")
    for x, y in ((a.emp_risk, b.emp_risk), (a.true_risk, b.true_risk)):
        assert scipy.stats.ks_2samp(x, y).pvalue > 1e-4
    assert np.all(a.kl == b.kl)  # the same closed form for every dataset


def test_unknown_backend_is_refused(rng):
    with pytest.raises(ValueError, match="backend='tpu'"):
        sim.wishart_eigenvalues(5, 5, rng, backend="tpu")
    with pytest.raises(ValueError, match="backend='tpu'"):
        sim.deep_linear_gd([1.0], (2, 2, 2), 0.1, 1.0, rng, backend="tpu")


def test_a_users_numeric_formula_on_cupy(cupy_like):
    """A user's numeric formula on the GPU backend: its host method copied to the device, then
    its own device code once registered (compiled and run through the stand-in or CuPy)."""
    import mpmath
    import scipy.special
    from conftest import user_numeric_formula

    f = user_numeric_formula("user.erfc_gpu", mpmath.erfc, "erfc by a numerical method")
    xs = np.linspace(-5, 5, 11)
    np.testing.assert_allclose(_host(numeric.compile(f, "cupy")(xs)), scipy.special.erfc(xs), rtol=1e-14)
    code = numeric.DeviceCode("__device__ double user_erfc(double x) { return x > 4.5 ? NAN : erfc(x); }\n", "user_erfc")
    numeric.register_method("user.erfc_gpu", scipy.special.erfc, device=lambda: code)
    try:
        k = numeric.compile(f, "gpu")
        assert "user_erfc" in k.source
        np.testing.assert_allclose(_host(k(xs)), scipy.special.erfc(xs), rtol=1e-14)  # x = 5: NaN on the device, filled on the host
        assert "user_erfc(a0)" in numeric.cuda_source(f)
    finally:
        from lmech.numeric import _methods

        _methods._METHODS.pop("user.erfc_gpu")
