"""Checks: a formula, a simulator and a statistical decision whose tolerance comes from theory.

Every check is a property over the formula's domain: parameters are drawn by hypothesis
(``verify.strategies``), a bounded number of examples per size, each example judged at
the Bonferroni share of a family-wise false-alarm rate of 1e-6. ``run(..., formula=F)``
judges another formula (for example a deliberately wrong one) with the same simulation,
which is how the sensitivity tests show that a check has teeth.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np
import sympy as sp
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hseed
from hypothesis import strategies as st

import numeric
import theory
from numeric import sim
from numeric._cupy import to_host
from theory import Formula

from . import _stats
from .strategies import log_uniform

__all__ = ["CHECKS", "Check", "Example", "Result", "perturbed", "run"]

SIZES = ("quick", "full")


@dataclass
class Example:
    """One simulated parameter point."""

    params: dict
    statistic: float
    tolerance: float
    predicted: float
    observed: float
    ok: bool
    plot: dict = field(default_factory=dict, repr=False)


@dataclass
class Result:
    """Outcome of ``verify.run``: the worst example decides the headline numbers."""

    check_id: str
    formula_id: str
    ok: bool
    predicted: float
    observed: float
    tolerance: float
    statistic: float
    n: int
    seed: int
    wall: float
    verdict: str
    backend: str
    examples: list[Example]

    def to_json(self) -> dict:
        d = asdict(self)
        for ex in d["examples"]:
            ex.pop("plot", None)
        return d


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    statistic: str
    sizes: dict[str, dict]
    strategy: Callable[[], st.SearchStrategy]
    simulate: Callable  # (formula, params, n, rng, backend, alpha, extra) -> Example
    perturb: str  # parameter scaled by 1.02 for the sensitivity test
    formula_id: str = ""  # the formula judged; defaults to the check id
    wrong: Callable[[Formula], Formula] | None = None  # the sensitivity test's wrong formula, if not a 2% scaling

    @property
    def formula(self) -> Formula:
        return theory.get(self.formula_id or self.id)

    def wrong_formula(self) -> Formula:
        """The deliberately wrong formula that the sensitivity test must see rejected."""
        return self.wrong(self.formula) if self.wrong else perturbed(self.formula, self.perturb)


CHECKS: dict[str, Check] = {}


def _register(check: Check) -> Check:
    CHECKS[check.id] = check
    return check


def perturbed(formula: Formula, param: str, factor: float = 1.02) -> Formula:
    """``formula`` with one parameter scaled by ``factor`` inside the expression (a wrong formula)."""
    p = formula.param(param)
    return formula.substitute({p: sp.Float(factor) * p}, f"{param}*{factor:g}")


def _kernel(formula: Formula, backend: str):
    if backend == "gpu":
        return numeric.compile(formula, "cupy")
    if backend == "cpu":
        return numeric.compile(formula, "numba")
    raise ValueError(f"backend={backend!r} is not 'cpu' or 'gpu'")


def _eval(formula: Formula, backend: str, **kw) -> np.ndarray:
    return to_host(_kernel(formula, backend)(**kw))


def _gammas() -> st.SearchStrategy[float]:
    return st.one_of(log_uniform(min_value=0.05, max_value=0.7), log_uniform(min_value=1.5, max_value=20.0), st.just(0.5), st.just(2.0))


def _sigma2s() -> st.SearchStrategy[float]:
    return st.one_of(st.just(1.0), log_uniform(min_value=0.25, max_value=4.0))


def _betas() -> st.SearchStrategy[float]:
    return st.one_of(st.sampled_from([1.0, 2.0, 4.0]), st.floats(min_value=0.5, max_value=8.0))


def _dims(n: int, gamma: float) -> tuple[int, int]:
    """p = n rows and round(p/gamma) samples; the prediction uses the exact ratio p/n."""
    return n, max(1, round(n / gamma))


# ----------------------------------------------------------------------------- ESD (Sturm)
# Four checks share one shape: sample a tridiagonal model, take its ECDF on a grid by Sturm
# counts, and compare with the law given either as a CDF or as a density integrated
# numerically (plus the atom at 0). Only the model and the grid differ between families.


def _integrated_cdf(density: np.ndarray, grid: np.ndarray) -> np.ndarray:
    import scipy.integrate

    # Simpson on 400001 points: error O(h^1.5) at the square-root edges, below 1e-7 here
    return scipy.integrate.cumulative_simpson(density, x=grid, initial=0.0)


def _law_on_grid(formula, backend, grid, integrate, support, atom, **kw):
    if not integrate:
        return _eval(formula, backend, x=grid, **kw), {}
    fine = np.linspace(support[0], support[1], 400001)
    dens = _eval(formula, backend, x=fine, **kw)
    return np.interp(grid, fine, atom + _integrated_cdf(dens, fine)), {"x_fine": fine, "density": dens}


def _esd_example(params, t, grid, th, n_eff, beta, plot) -> Example:
    emp = sim.ecdf(t, grid)
    dev = np.abs(emp - th)
    tol = _stats.esd_kolmogorov_tolerance(n_eff, t.size, beta)
    i = int(np.argmax(dev))
    plot = {"kind": "density" if plot else "cdf", "x": grid, "theory": th, "empirical": emp, **plot}
    return Example(params, float(dev[i]), tol, float(th[i]), float(emp[i]), bool(dev[i] <= tol), plot)


def _esd_mp(integrate: bool):
    def simulate(formula, prm, n, rng, backend, alpha, extra):
        p, m = _dims(n, prm["gamma"])
        g, s2 = p / m, prm["sigma2"]
        t = sim.laguerre(p, m, prm["beta"], rng, s2)
        # look at the quantiles of the true law: the implicit kernel mp.quantile (Newton/bisection)
        q = (np.arange(extra["points"]) + 0.5) / extra["points"]
        grid = numeric.compile("mp.quantile")(q, g, s2)
        grid = np.unique(np.concatenate([grid, [grid[-1] * 1.001]]))
        top = 1.2 * float(numeric.compile("mp.upper_edge")(g, s2))
        atom = float(numeric.compile("mp.zero_mass")(g))
        th, plot = _law_on_grid(formula, backend, grid, integrate, (0.0, top), atom, gamma=g, sigma2=s2)
        return _esd_example(dict(prm, p=p, n=m), t, grid, th, min(p, m), prm["beta"], plot)

    return simulate


def _esd_wigner(integrate: bool):
    def simulate(formula, prm, n, rng, backend, alpha, extra):
        s2 = prm["sigma2"]
        t = sim.hermite(n, prm["beta"], rng, s2)
        s = math.sqrt(s2)
        grid = 2 * s * np.cos(np.pi * (np.arange(extra["points"])[::-1] + 0.5) / extra["points"])  # denser at the edges
        th, plot = _law_on_grid(formula, backend, grid, integrate, (-2.4 * s, 2.4 * s), 0.0, sigma2=s2)
        return _esd_example(dict(prm, N=n), t, grid, th, n, prm["beta"], plot)

    return simulate


_ESD_SIZES = {"quick": {"n": 10**6, "examples": 3, "points": 256}, "full": {"n": 10**7, "examples": 5, "points": 512}}
_DENSITY_SIZES = {"quick": {"n": 10**6, "examples": 2, "points": 256}, "full": {"n": 10**7, "examples": 4, "points": 512}}


def _mp_params() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({"gamma": _gammas(), "sigma2": _sigma2s(), "beta": _betas()})


def _wigner_params() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({"sigma2": _sigma2s(), "beta": _betas()})


for _fid, _title, _stat, _sizes, _strategy, _sim, _perturb in (
    ("mp.cdf", "MP ESD vs closed-form CDF (tridiagonal beta-Laguerre, Sturm counts)", "quantile", _ESD_SIZES, _mp_params, _esd_mp(False), "gamma"),
    (
        "wigner.cdf",
        "Semicircle ESD vs closed-form CDF (tridiagonal beta-Hermite, Sturm counts)",
        "Chebyshev",
        _ESD_SIZES,
        _wigner_params,
        _esd_wigner(False),
        "sigma2",
    ),
    (
        "mp.density",
        "MP ESD vs the integrated density plus the atom (tridiagonal beta-Laguerre, Sturm counts)",
        "quantile",
        _DENSITY_SIZES,
        _mp_params,
        _esd_mp(True),
        "gamma",
    ),
    (
        "wigner.density",
        "Semicircle ESD vs the integrated density (tridiagonal beta-Hermite, Sturm counts)",
        "Chebyshev",
        _DENSITY_SIZES,
        _wigner_params,
        _esd_wigner(True),
        "sigma2",
    ),
):
    _register(Check(id=_fid, title=_title, statistic=f"Kolmogorov distance on {_stat} grid", sizes=_sizes, strategy=_strategy, simulate=_sim, perturb=_perturb))


# ----------------------------------------------------------------------------------- edges
def _edge(upper: bool):
    def simulate(formula, prm, n, rng, backend, alpha, extra):
        p, m = _dims(n, prm["gamma"])
        g = p / m
        t = sim.laguerre(p, m, prm["beta"], rng, prm["sigma2"])
        lam = float(sim.extreme_eigenvalues(t, "largest" if upper else "smallest")[0])
        edge = float(_eval(formula, backend, gamma=g, sigma2=prm["sigma2"]))
        scale = prm["sigma2"] * _stats.soft_edge_scale(p, m, upper)
        z = (lam - edge) / scale if upper else (edge - lam) / scale  # ~ TW_beta in both cases
        lo, hi = _stats.tracy_widom_band(prm["beta"], alpha)
        stat = z / hi if z >= 0 else z / -lo  # in units of the band: |stat| <= 1 passes
        return Example(
            dict(prm, p=p, n=m, z=z, band=(lo, hi)),
            float(abs(stat)),
            1.0,
            edge,
            lam,
            bool(lo <= z <= hi),
            {"kind": "edge", "z": z, "band": (lo, hi), "beta": prm["beta"]},
        )

    return simulate


for _upper, _name in ((True, "upper"), (False, "lower")):
    _register(
        Check(
            id=f"mp.{_name}_edge",
            title=f"MP {_name} edge vs the {'largest' if _upper else 'smallest nonzero'} eigenvalue (stebz), Tracy-Widom scale",
            statistic="(lambda - edge)/sigma_TW inside the TW_beta band",
            sizes={"quick": {"n": 10**6, "examples": 3}, "full": {"n": 10**7, "examples": 5}},
            strategy=(lambda: st.fixed_dictionaries({"gamma": _gammas(), "sigma2": _sigma2s(), "beta": st.sampled_from([1.0, 2.0, 4.0])}))
            if _upper
            else (
                lambda: st.fixed_dictionaries(
                    {
                        "gamma": st.one_of(log_uniform(min_value=0.05, max_value=0.4), log_uniform(min_value=2.5, max_value=20.0)),
                        "sigma2": _sigma2s(),
                        "beta": st.sampled_from([1.0, 2.0, 4.0]),
                    }
                )
            ),
            simulate=_edge(_upper),
            perturb="gamma",
        )
    )


# --------------------------------------------------------------------------------- moments
def _moments(formula, prm, n, rng, backend, alpha, extra):
    kmax, reps = extra["kmax"], extra["replicates"]
    p, m = _dims(n, prm["gamma"])
    g = p / m
    # beta = 2: the LUE moment expansion has only even powers of 1/n, so the finite-n bias
    # (~ k^4/n^2) is far below the Monte-Carlo standard error; beta = 1 has an O(1/n) bias.
    samples = np.array([sim.trace_moments(sim.laguerre(p, m, 2.0, rng, prm["sigma2"]), kmax)[1:] for _ in range(reps)])
    mean = samples.mean(axis=0)
    se = samples.std(axis=0, ddof=1) / math.sqrt(reps)
    ks = np.arange(1, kmax + 1)
    th = _eval(formula, backend, k=ks, gamma=g, sigma2=prm["sigma2"])
    tstat = np.abs(mean - th) / np.maximum(se, 1e-300)
    crit = _stats.t_critical(reps - 1, alpha / kmax)
    i = int(np.argmax(tstat))
    return Example(
        dict(prm, p=p, n=m, k=int(ks[i])),
        float(tstat[i]),
        crit,
        float(th[i]),
        float(mean[i]),
        bool(tstat.max() <= crit),
        {"kind": "moments", "k": ks, "theory": th, "mean": mean, "se": se},
    )


_register(
    Check(
        id="mp.moment",
        title="Narayana moments vs (1/p) tr S^k over replicates (beta = 2 tridiagonal)",
        statistic="max_k |mean - m_k| / standard error (Student t)",
        sizes={"quick": {"n": 10**5, "examples": 3, "kmax": 6, "replicates": 32}, "full": {"n": 10**6, "examples": 5, "kmax": 8, "replicates": 64}},
        strategy=lambda: st.fixed_dictionaries({"gamma": _gammas(), "sigma2": st.one_of(st.just(1.0), log_uniform(min_value=0.5, max_value=2.0))}),
        simulate=_moments,
        perturb="gamma",
    )
)


# ------------------------------------------------------------------------ spiked models
# Outliers are judged on the CLT scale sqrt(outlier_variance/n) (one draw each); overlaps and
# rectangular singular values, which have no variance formula here, by the Monte-Carlo
# standard error of a mean over replicates. Finite-n biases are O(1/n): THEORY.md §3.1
# measures ~ -5/n for the outlier, ~1e-3 standard deviations at n >= 1e6, so they are left
# out of the tolerances.
def _clt_example(prm, observed, pred, var, n, alpha) -> Example:
    import scipy.stats

    z = (observed - pred) / math.sqrt(var / n)
    crit = float(scipy.stats.norm.isf(alpha / 2))
    return Example(
        dict(prm, z=z, band=(-crit, crit)),
        abs(z),
        crit,
        pred,
        observed,
        bool(abs(z) <= crit),
        {"kind": "edge", "z": z, "band": (-crit, crit), "beta": prm["beta"]},
    )


def _mean_example(prm, values: np.ndarray, pred: float, alpha: float) -> Example:
    se = values.std(ddof=1) / math.sqrt(values.size)
    tstat = abs(values.mean() - pred) / se
    crit = _stats.t_critical(values.size - 1, alpha)
    mean = float(values.mean())
    plot = {"kind": "moments", "k": np.array([1]), "theory": np.array([pred]), "mean": np.array([mean]), "se": np.array([se])}
    return Example(prm, float(tstat), crit, pred, mean, bool(tstat <= crit), plot)


def _spiked_laguerre(prm, n, rng, reps=None):
    """Spiked beta-Laguerre (only the first chi variable carries l = 1 + theta), theta = ratio sqrt(gamma)."""
    p, m = _dims(n, prm["gamma"])
    g = p / m
    theta = prm["ratio"] * math.sqrt(g)
    return dict(prm, theta=theta, p=p, n=m), g, theta, sim.laguerre(p, m, prm["beta"], rng, spike=1.0 + theta, reps=reps)


def _phase_sweep(g: float, beta: float, rng, n: int = 20000) -> dict:
    """Top eigenvalue across theta/sqrt(gamma) in [0.2, 3] at fixed gamma: the phase-diagram row."""
    ratios = np.linspace(0.2, 3.0, 15)
    p, m = _dims(n, g)
    lam = [float(sim.top_eigenvalue(sim.laguerre(p, m, beta, rng, spike=1.0 + r * math.sqrt(p / m)))) for r in ratios]
    return {"theta": ratios * math.sqrt(p / m), "lambda": np.array(lam), "gamma": p / m}


def _bbp_outlier(formula, prm, n, rng, backend, alpha, extra):
    info, g, theta, t = _spiked_laguerre(prm, n, rng)
    lam = float(sim.top_eigenvalue(t))
    pred = float(_eval(formula, backend, theta=theta, gamma=g))
    var = float(numeric.compile("bbp.outlier_variance")(theta, g, prm["beta"]))
    ex = _clt_example(info, lam, pred, var, info["n"], alpha)
    ex.plot = {"kind": "phase", "sweep": _phase_sweep(g, prm["beta"], rng), "theta": theta, "lambda": lam, "formula": formula}
    return ex


def _bbp_overlap(formula, prm, n, rng, backend, alpha, extra):
    info, g, theta, t = _spiked_laguerre(prm, n, rng, extra["replicates"])
    lam = sim.top_eigenvalue(t)
    overlaps = sim.eigenvector_first_component(t, lam, rng=rng)  # e_1 is the spike
    return _mean_example(info, overlaps, float(_eval(formula, backend, theta=theta, gamma=g)), alpha)


_ABOVE = {"quick": {"n": 10**6, "examples": 3}, "full": {"n": 10**7, "examples": 5}}
_OVERLAP = {"quick": {"n": 5 * 10**4, "examples": 2, "replicates": 24}, "full": {"n": 10**6, "examples": 4, "replicates": 64}}


def _bbp_params(lo: float, hi: float):
    # theta = ratio * sqrt(gamma): far enough above threshold that the Gaussian CLT (not the BBP
    # window) applies and that a 2% error is visible, yet the overlap still moves with theta
    return lambda: st.fixed_dictionaries({"gamma": log_uniform(min_value=0.05, max_value=1.0), "ratio": st.floats(lo, hi), "beta": st.sampled_from([1.0, 2.0])})


def _spiked_hermite(prm, n, rng, reps=None):
    s2 = prm["sigma2"]
    theta = prm["ratio"] * math.sqrt(s2)
    return dict(prm, theta=theta, N=n), s2, theta, sim.hermite(n, prm["beta"], rng, s2, spike=theta, reps=reps)


def _sw_outlier(formula, prm, n, rng, backend, alpha, extra):
    info, s2, theta, t = _spiked_hermite(prm, n, rng)
    lam = float(sim.top_eigenvalue(t))
    pred = float(_eval(formula, backend, theta=theta, sigma2=s2))
    var = float(numeric.compile("spiked_wigner.outlier_variance")(theta, s2, prm["beta"]))
    return _clt_example(info, lam, pred, var, n, alpha)


def _sw_overlap(formula, prm, n, rng, backend, alpha, extra):
    info, s2, theta, t = _spiked_hermite(prm, n, rng, extra["replicates"])
    lam = sim.top_eigenvalue(t)
    overlaps = sim.eigenvector_first_component(t, lam, rng=rng)
    return _mean_example(info, overlaps, float(_eval(formula, backend, theta=theta, sigma2=s2)), alpha)


def _sw_params(lo: float, hi: float):
    return lambda: st.fixed_dictionaries({"sigma2": _sigma2s(), "ratio": st.floats(lo, hi), "beta": st.sampled_from([1.0, 2.0])})


# outlier (CLT, one draw) and overlap (t-test over replicates) for each additive/multiplicative spike
for _fam, _model, _outlier, _overlap, _params, _stat in (
    ("bbp", "the O(N) spiked beta-Laguerre model", _bbp_outlier, _bbp_overlap, _bbp_params, "|lambda_1 - psi| / sqrt(outlier_variance/n)"),
    (
        "spiked_wigner",
        "beta-Hermite + theta e_1 e_1^T",
        _sw_outlier,
        _sw_overlap,
        _sw_params,
        "|lambda_1 - (theta + sigma2/theta)| / sqrt(outlier_variance/N)",
    ),
):
    _register(
        Check(
            id=f"{_fam}.outlier",
            title=f"{_fam} outlier vs the top eigenvalue of {_model} (multisection), CLT scale",
            statistic=_stat,
            sizes=_ABOVE,
            strategy=_params(2.0, 4.0),
            simulate=_outlier,
            perturb="theta",
        )
    )
    _register(
        Check(
            id=f"{_fam}.overlap",
            title=f"{_fam} squared overlap vs the first eigenvector component of {_model} (inverse iteration)",
            statistic="|mean overlap - formula| / standard error (Student t)",
            sizes=_OVERLAP,
            strategy=_params(1.5, 2.5),
            simulate=_overlap,
            perturb="theta",
        )
    )


def _rect(side: str, what: str):
    def simulate(formula, prm, n, rng, backend, alpha, extra):
        m = max(n, round(n / prm["gamma"]))
        c = n / m
        theta = prm["ratio"] * c**0.25
        t = sim.rectangular(n, m, 1.0, rng, theta, side, reps=extra["replicates"])
        lam = sim.top_eigenvalue(t)
        if what == "value":
            values = np.sqrt(lam)
        else:
            values = sim.eigenvector_first_component(t, lam, rng=rng)
        return _mean_example(dict(prm, theta=theta, n=n, m=m), values, float(_eval(formula, backend, theta=theta, gamma=c)), alpha)

    return simulate


for _fid, _side, _what, _title in (
    ("spiked_rect.singular_value", "left", "value", "top singular value (square root of the top eigenvalue)"),
    ("spiked_rect.overlap_left", "left", "overlap", "left squared overlap (first component, left bidiagonalisation)"),
    ("spiked_rect.overlap_right", "right", "overlap", "right squared overlap (first component, right bidiagonalisation)"),
):
    _register(
        Check(
            id=_fid,
            title=f"Rectangular spike theta u v^T + X: {_title}, O(N) bidiagonal model",
            statistic="|mean - formula| / standard error (Student t)",
            sizes={"quick": {"n": 2 * 10**4, "examples": 2, "replicates": 24}, "full": {"n": 2 * 10**5, "examples": 4, "replicates": 64}},
            strategy=lambda: st.fixed_dictionaries({"gamma": st.one_of(st.just(1.0), st.floats(0.1, 1.0)), "ratio": st.floats(1.5, 2.5)}),
            simulate=_rect(_side, _what),
            perturb="theta",
        )
    )


# ------------------------------------------------------------------------ Tracy-Widom edge
def _ks_tw(formula, z: np.ndarray, beta: float, backend: str, alpha: float, prm: dict) -> Example:
    """Kolmogorov-Smirnov distance of standardised edge draws from F_beta, exact critical value."""
    import scipy.stats

    z = np.sort(z)
    f = _eval(formula, backend, x=z, beta=np.full(z.size, beta))
    i = np.arange(1, z.size + 1)
    dev = np.maximum(i / z.size - f, f - (i - 1) / z.size)
    j = int(np.argmax(dev))
    crit = float(scipy.stats.kstwo.isf(alpha, z.size))
    return Example(
        dict(prm, reps=z.size, mean_z=float(z.mean()), var_z=float(z.var(ddof=1))),
        float(dev[j]),
        crit,
        float(f[j]),
        float(j / z.size),
        bool(dev[j] <= crit),
        {"kind": "tw", "z": z, "beta": beta, "formula": formula},
    )


def _tw_wigner(formula, prm, n, rng, backend, alpha, extra):
    # Gaussian beta-Hermite on [-2 sigma, 2 sigma]: N^{2/3} (lambda_max/sigma - 2) -> TW_beta (THEORY.md §3.4)
    t = sim.hermite(n, prm["beta"], rng, prm["sigma2"], reps=extra["replicates"])
    z = n ** (2 / 3) * (sim.top_eigenvalue(t) / math.sqrt(prm["sigma2"]) - 2.0)
    return _ks_tw(formula, z, prm["beta"], backend, alpha, dict(prm, N=n))


def _bbp_subcritical(formula, prm, n, rng, backend, alpha, extra):
    # below the threshold the spike leaves no outlier: Johnstone's standardisation gives TW_beta
    info, g, theta, t = _spiked_laguerre(prm, n, rng, extra["replicates"])
    p, m, b = info["p"], info["n"], prm["beta"]
    mu = float(numeric.compile("tracy_widom.wishart_center")(p, m, b))
    sd = float(numeric.compile("tracy_widom.wishart_scale")(p, m, b))
    return _ks_tw(formula, (sim.top_eigenvalue(t) - mu) / sd, b, backend, alpha, info)


def _swap_beta(f: Formula) -> Formula:
    """TW_2 where TW_1 belongs and vice versa: the wrong law for the sensitivity test."""
    b = f.param("beta")
    return f.substitute({b: 3 - b}, "beta->3-beta")


_KS = {"quick": {"n": 2000, "examples": 2, "replicates": 800}, "full": {"n": 10**4, "examples": 4, "replicates": 2000}}
_register(
    Check(
        id="tracy_widom.cdf",
        title="Tracy-Widom F_beta vs the largest eigenvalue of Gaussian beta-Hermite replicates (batched bisection), KS test",
        statistic="Kolmogorov-Smirnov distance of N^{2/3}(lambda_max/sigma - 2) from F_beta",
        sizes=_KS,
        strategy=lambda: st.fixed_dictionaries({"sigma2": _sigma2s(), "beta": st.sampled_from([1.0, 2.0])}),
        simulate=_tw_wigner,
        perturb="x",
        wrong=_swap_beta,
    )
)
_register(
    Check(
        id="bbp.subcritical",
        formula_id="tracy_widom.cdf",
        title="Below the BBP threshold: Johnstone-standardised top eigenvalue of the spiked model vs TW_beta, KS test",
        statistic="Kolmogorov-Smirnov distance of (lambda_1 - mu_np)/sigma_np from F_beta",
        sizes=_KS,
        strategy=lambda: st.fixed_dictionaries(
            {"gamma": log_uniform(min_value=0.1, max_value=1.0), "ratio": st.one_of(st.just(0.0), st.floats(0.0, 0.5)), "beta": st.sampled_from([1.0, 2.0])}
        ),
        simulate=_bbp_subcritical,
        perturb="x",
        wrong=_swap_beta,
    )
)


# ------------------------------------------------------------------- dense universality
def _universality(formula, prm, n, rng, backend, alpha, extra):
    p, m = _dims(n, prm["gamma"])
    g = p / m
    dist, df = extra.get("dist", "rademacher"), extra.get("df", 5.0)
    eigs = sim.wishart_eigenvalues(p, m, rng, dist, prm["sigma2"], df=df, backend=backend)
    zeros = max(p - m, 0)  # the p - n exact zeros are the atom, which F has too
    pos = eigs[zeros:]
    f_at = _eval(formula, backend, x=pos, gamma=g, sigma2=prm["sigma2"])
    i = np.arange(pos.size) + zeros
    dev = np.maximum(np.abs((i + 1) / p - f_at), np.abs(i / p - f_at))  # exact sup for continuous F
    j = int(np.argmax(dev))
    # real non-Gaussian entries: the same log-correlated counting fluctuations as beta = 1
    # (universality). Student-t(5) entries (kurtosis 9) measured KS * N / log N = 0.40-0.66
    # at N = 2000-3000 against 0.39-0.61 for Gaussian; the tolerance allows 1.15-1.19.
    tol = _stats.esd_kolmogorov_tolerance(min(p, m), p, 1.0)
    return Example(
        dict(prm, p=p, n=m),
        float(dev[j]),
        tol,
        float(f_at[j]),
        float((i[j] + 1) / p),
        bool(dev[j] <= tol),
        {"kind": "cdf", "x": pos, "theory": f_at, "empirical": (i + 1) / p},
    )


_register(
    Check(
        id="mp.universality",
        formula_id="mp.cdf",
        title="Universality: dense Rademacher Wishart ESD vs the MP CDF",
        statistic="Kolmogorov distance at every eigenvalue",
        sizes={"quick": {"n": 4000, "examples": 2}, "full": {"n": 6000, "examples": 3}},
        strategy=lambda: st.fixed_dictionaries({"gamma": st.one_of(st.just(0.5), st.floats(0.5, 0.9), st.floats(1.5, 3.0)), "sigma2": _sigma2s()}),
        simulate=_universality,
        perturb="gamma",
    )
)

# Heavy tails, where no tridiagonal model exists: a dense N = 16384 matrix is a GPU job
# (cupy.linalg.eigvalsh); the CPU runs the same check at N = 3000-6000.
_register(
    Check(
        id="mp.universality_t",
        formula_id="mp.cdf",
        title="Universality with heavy tails: dense Student-t (df = 5) Wishart ESD vs the MP CDF",
        statistic="Kolmogorov distance at every eigenvalue",
        sizes={
            "quick": {"n": 3000, "examples": 2, "dist": "student_t", "df": 5.0},
            "full": {"n": 6000, "examples": 3, "dist": "student_t", "df": 5.0},
            "quick/gpu": {"n": 16384, "examples": 1, "dist": "student_t", "df": 5.0},
            "full/gpu": {"n": 16384, "examples": 3, "dist": "student_t", "df": 5.0},
        },
        strategy=lambda: st.fixed_dictionaries({"gamma": st.one_of(st.just(0.5), st.floats(0.5, 0.9), st.floats(1.5, 3.0)), "sigma2": _sigma2s()}),
        simulate=_universality,
        perturb="gamma",
    )
)


# --------------------------------------------------------------------- PAC-Bayes coverage
# A valid bound fails at most a fraction delta of the datasets; the violation count over M
# independent datasets is then stochastically below Binomial(M, delta), so the exact test
# rejects when P(Binomial(M, delta) >= count) < alpha (the count exceeds binom.isf(alpha)).
# Each posterior setting gets its own test at alpha / (number of settings).
PB_SETTINGS = ("threshold/gibbs", "threshold/erm", "gaussian/linear")
PB_SWEEP = (50, 100, 200, 400, 800, 1600)


def _pb_sample(setting: str, prm: dict, n: int, datasets: int, rng, backend: str = "cpu"):
    if setting == "gaussian/linear":  # data and empirical risks on the device; true risks are host quadratures
        return sim.gaussian_linear(n, datasets, rng, noise=prm["noise"], backend=backend)
    return sim.threshold_classifiers(n, datasets, rng, noise=prm["noise"], posterior=setting.split("/")[1], beta=prm["beta"], backend=backend)


def pb_bound(formula: Formula, sample, prm: dict, backend: str = "cpu") -> np.ndarray:
    """A PAC-Bayes bound evaluated on every dataset of a ``sim.PosteriorSample``."""
    values = {
        "emp_risk": sample.emp_risk,
        "kl": sample.kl,
        "n": sample.n,
        "delta": prm["delta"],
        "C": prm.get("C"),
        "lam": prm.get("lam"),
        "free_energy": sample.free_energy,
        "beta": sample.beta,
    }
    missing = [p for p in formula.param_names if values.get(p) is None]
    if missing:
        raise ValueError(f"{formula.id} needs {missing}, which the {sample.setting} setting does not provide")
    return _eval(formula, backend, **{p: values[p] for p in formula.param_names})


def _pb_sweep(formula: Formula, prm: dict, rng, datasets: int = 200) -> dict:
    """Mean bound and mean true risk over n (Gibbs posterior on thresholds): the report's plot."""
    names = ("mcallester", "kl_bound", "quadratic", "catoni", "gibbs_bound")
    curves: dict[str, list] = {k: [] for k in ("true", "emp", "judged", *names)}
    for n in PB_SWEEP:
        smp = sim.threshold_classifiers(n, datasets, rng, noise=prm["noise"], beta=prm["beta"])
        curves["true"].append(float(smp.true_risk.mean()))
        curves["emp"].append(float(smp.emp_risk.mean()))
        curves["judged"].append(float(pb_bound(formula, smp, prm).mean()))
        for name in names:
            point = dict(prm, C=prm["beta"]) if name == "catoni" else prm  # Catoni at C = beta matches the Gibbs bound
            curves[name].append(float(pb_bound(theory.get(f"pacbayes.{name}"), smp, point).mean()))
    return {"kind": "pacbayes", "n": np.array(PB_SWEEP), "curves": {k: np.array(v) for k, v in curves.items()}, "formula": formula.id}


def _coverage(settings: tuple[str, ...]):
    def simulate(formula, prm, n, rng, backend, alpha, extra):
        import scipy.stats

        m, delta = extra["datasets"], prm["delta"]
        crit = int(scipy.stats.binom.isf(alpha / len(settings), m, delta))
        rows = []
        for setting in settings:
            smp = _pb_sample(setting, prm, n, m, rng, backend)
            bound = pb_bound(formula, smp, prm, backend)
            count = int(smp.violations(bound).sum())
            rows.append((setting, count, float(np.mean(bound - smp.true_risk)), float(scipy.stats.binom.sf(count - 1, m, delta))))
        setting, count, _, pval = max(rows, key=lambda r: r[1])
        info = dict(prm, n=n, datasets=m, setting=setting, p_value=pval)
        info["violation_rate"] = {r[0]: r[1] / m for r in rows}
        info["tightness"] = {r[0]: r[2] for r in rows}  # mean bound - true risk
        ok = all(r[1] <= crit for r in rows)
        return Example(info, float(count), float(crit), delta * m, float(count), ok, _pb_sweep(formula, prm, rng))

    return simulate


def shrunk_slack(formula: Formula) -> Formula:
    """An invalid bound for the sensitivity tests: the slack over the empirical risk divided by 10
    (the kl bound: its complexity B/n divided by 100, the same thing to first order; the Gibbs
    bound, which has no empirical-risk argument: its free energy divided by 10)."""
    names = formula.param_names
    if formula.implicit:
        n = formula.param("n")
        return formula.substitute({n: 100 * n}, "complexity/100")
    if "emp_risk" not in names:
        f = formula.param("free_energy")
        return formula.substitute({f: f / 10}, "free_energy/10")
    emp = formula.param("emp_risk")
    return theory.Formula(
        id=f"{formula.id}~slack/10",
        params=formula.params,
        domain=formula.domain,
        expr=emp + (formula.expr - emp) / 10,
        reference=formula.reference,
        description=f"{formula.description} [perturbed: slack/10]",
    )


def _pb_params() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {
            "delta": st.sampled_from([0.05, 0.1, 0.025]),
            "noise": st.sampled_from([0.05, 0.15]),
            "beta": st.sampled_from([0.5, 1.0, 2.0]),  # Gibbs inverse temperature, fixed before the data
            "C": st.sampled_from([0.5, 1.0, 2.0, 4.0]),
            "lam": st.floats(0.2, 1.5),
        }
    )


_PB_SIZES = {"quick": {"n": 200, "examples": 2, "datasets": 4000}, "full": {"n": 1000, "examples": 4, "datasets": 20000}}
for _name, _settings in (
    ("mcallester", PB_SETTINGS),
    ("kl_bound", PB_SETTINGS),
    ("quadratic", PB_SETTINGS),
    ("lambda_bound", PB_SETTINGS),
    ("catoni", PB_SETTINGS),
    ("gibbs_bound", ("threshold/gibbs",)),
):
    _register(
        Check(
            id=f"pacbayes.{_name}",
            title=f"Coverage of pacbayes.{_name}: violations over M datasets ({', '.join(_settings)}) vs Binomial(M, delta)",
            statistic="violations of the bound by the exact true risk over M datasets (exact binomial critical count)",
            sizes=_PB_SIZES,
            strategy=_pb_params,
            simulate=_coverage(_settings),
            perturb="kl",
            wrong=shrunk_slack,
        )
    )


# ---------------------------------------------------------------------- deep linear networks
# Aligned initialisations: gradient descent with step eta is exactly Euler's method for the
# mode ODE tau u' = f(u) (tau = 1, t = k eta), so the largest deviation from the exact curve is
# e(eta) = eta e1 + eta^2 e2 + ...; its observed order p = log2(e(eta)/e(eta/2)) is 1 up to
# log2((1 + eta L)/(1 - eta L)) with L = max|f'| on [0, s] (the relative size of the next term).
# A wrong formula leaves an eta-independent deviation, so p falls to ~0: that is the teeth.
def _euler_order(formula, prm, rng, backend, extra, lipschitz: float, t_max: float, dims: tuple[int, ...], **init):
    """Aligned GD at eta0, eta0/2 and eta0/4 (eta0 = eta_l/L), recorded on eta0's grid (~400
    records), judged by the observed order of the max deviation from ``formula``."""
    s = np.array(prm["s"])
    eta0 = extra["eta_l"] / lipschitz
    every = eta0 * max(1, math.ceil(t_max / (400 * eta0)))
    devs = []
    for k in range(3):
        tr = sim.deep_linear_gd(s, dims, eta0 / 2**k, t_max, np.random.default_rng(rng.integers(2**32)), record_every=every, backend=backend, **init)
        pred = _eval(formula, backend, **_mode_args(formula, tr, prm))
        devs.append(float(np.max(np.abs(tr.modes[0] - pred))))
    order = math.log2(devs[1] / devs[2])
    tol = math.log2((1 + eta0 / 2 * lipschitz) / (1 - eta0 / 2 * lipschitz))
    info = dict(prm, eta=eta0, deviations=devs, order_coarse=math.log2(devs[0] / devs[1]), order=order)
    plot = {"kind": "deeplinear", "times": tr.times, "sim": tr.modes[0], "theory": pred, "s": s, "formula": formula.id}
    return Example(info, abs(order - 1.0), tol, 1.0, order, bool(abs(order - 1.0) <= tol), plot)


def _mode_args(formula, tr, prm) -> dict:
    values = {"t": tr.times[:, None], "s": tr.s[None, :], "u0": tr.u0[0][None, :], "tau": 1.0, "depth": prm.get("depth", 2), "c": prm.get("c", 0.0)}
    return {p: values[p] for p in formula.param_names}


def _dl_aligned(formula, prm, n, rng, backend, alpha, extra):
    depth = prm.get("depth", 2)
    lipschitz = 3.0 * depth * max(prm["s"]) ** (2 - 2 / depth)  # bounds |f'| for f = D u^(2-2/D)(s - u) on [0, s]
    # the slowest mode's escape from u0: ln(1/u0)/(2s) at depth 2, u0^(2/D-1)/(s(D-2)) deeper
    s_min, u0 = min(prm["s"]), prm["u0"]
    escape = math.log(1 / u0) / (2 * s_min) if depth == 2 else u0 ** (2 / depth - 1) / (s_min * (depth - 2))
    return _euler_order(formula, prm, rng, backend, extra, lipschitz, escape + extra["horizon"] / s_min, (n,) * (depth + 1), u0=u0)


def _dl_unbalanced(formula, prm, n, rng, backend, alpha, extra):
    s_max = max(prm["s"])
    a0, b0 = math.sqrt(prm["u0"] * prm["ratio"]), math.sqrt(prm["u0"] / prm["ratio"])
    prm = dict(prm, c=a0**2 - b0**2)
    lipschitz = 2.0 * s_max + 2.0 * math.sqrt(prm["c"] ** 2 + 4 * s_max**2)  # |d/du (s-u) sqrt(c^2+4u^2)| on [0, s]
    t_max = (math.log(1 / prm["u0"]) / 2 + extra["horizon"]) / min(prm["s"])
    strengths = np.tile([[a0], [b0]], (1, len(prm["s"])))
    return _euler_order(formula, prm, rng, backend, extra, lipschitz, t_max, (n, n, n), strengths=strengths)


def _half_times(tr) -> np.ndarray:
    """(reps, modes) times at which u_a first reaches s_a/2, linearly interpolated."""
    out = np.empty(tr.modes.shape[::2])
    for r in range(tr.modes.shape[0]):
        for a, s_a in enumerate(tr.s):
            u = tr.modes[r, :, a]
            k = int(np.argmax(u >= s_a / 2))
            if k == 0:
                raise RuntimeError("a mode did not reach s/2 within the run; lengthen the horizon")
            out[r, a] = tr.times[k - 1] + (s_a / 2 - u[k - 1]) / (u[k] - u[k - 1]) * (tr.times[k] - tr.times[k - 1])
    return out


def _effective_u0(tr) -> np.ndarray:
    """u0 of the balanced mode that small random weights grow into: in the linear phase the
    hidden vectors a = W1 v, b = W2^T u grow along a + b at rate s while a - b decays, so
    u(t) ~ |(a0 + b0)/2|^2 e^{2st} (Saxe et al. 2014; Braun et al. 2022)."""
    (u_t, v_t), (w1, w2) = tr.teacher, tr.initial
    a0, b0 = np.einsum("rhi,ia->rha", w1, v_t), np.einsum("roh,oa->rha", w2, u_t)
    return (((a0 + b0) / 2) ** 2).sum(axis=1)


def _dl_small(formula, prm, n, rng, backend, alpha, extra):
    """Small random initialisation at two scales eps1 > eps2 from the same random directions.
    The alignment transient costs the same O(1/s) time at both scales, so the difference of the
    half-learning times is the formula's ln(u0_1/u0_2) part alone; GD's per-step growth
    (1 + eta s) instead of e^{eta s} changes it by the relative amount eta s/2, so the tolerance
    is a small multiple of eta s_max. Also recorded: the absolute relative error, which shrinks like 1/ln(1/eps)."""
    s = np.array(prm["s"])
    eta = extra["eta_s"] / s.max()
    seed = int(rng.integers(2**32))
    runs = []
    for eps in (prm["eps1"], prm["eps2"]):
        t_max = 1.3 * math.log(2 * s.max() / eps**2) / (2 * s.min()) + 4 / s.min()
        tr = sim.deep_linear_gd(
            s, (n, n + 2, n), eta, t_max, np.random.default_rng(seed), init="small", scale=eps, reps=extra["replicates"], record_every=eta, backend=backend
        )
        half = _half_times(tr)
        pred = _eval(formula, backend, s=s[None, :], u0=_effective_u0(tr), uf=s[None, :] / 2, tau=1.0)
        runs.append((half, pred, tr))
    (h1, p1, _), (h2, p2, tr) = runs
    rel = np.abs((h2 - h1) - (p2 - p1)) / np.abs(p2 - p1)
    # leading term eta s/2 for the fastest mode; twice it for interpolating the crossing on the
    # eta grid, and twice again for the O((eta s)^2) rest and the O(eps1^2) linear-phase error
    stat, tol = float(rel.max()), float(2 * eta * s.max())
    order_ok = bool(np.all(np.argsort(h2.mean(axis=0)) == np.argsort(-s)))  # stronger modes first
    info = dict(
        prm,
        eta=eta,
        order_by_strength=order_ok,
        s_times_dt=(s * (h2 - h1).mean(axis=0)).tolist(),  # t ~ 1/s: equal across modes
        abs_rel_error=[float(np.abs(h1 / p1 - 1).max()), float(np.abs(h2 / p2 - 1).max())],
    )
    plot = {"kind": "deeplinear", "times": tr.times, "sim": tr.modes[0], "theory": None, "s": s, "formula": formula.id, "half": h2[0], "half_pred": p2[0]}
    return Example(info, stat, tol, float(np.mean(p2 - p1)), float(np.mean(h2 - h1)), stat <= tol and order_ok, plot)


def _wrong_depth(f: Formula) -> Formula:
    d = f.param("depth")
    return f.substitute({d: d + 1}, "depth+1")


def _s_values(count: int = 3) -> st.SearchStrategy[list]:
    return (
        st.lists(st.floats(0.5, 4.0), min_size=count, max_size=count, unique=True)
        .filter(lambda v: min(abs(a - b) for a in v for b in v if a != b) > 0.2)
        .map(lambda v: sorted(v, reverse=True))
    )


_DL_ORDER = {"quick": {"n": 6, "examples": 2, "eta_l": 0.05, "horizon": 8.0}, "full": {"n": 12, "examples": 4, "eta_l": 0.05, "horizon": 10.0}}
for _fid, _sim, _strategy, _perturb, _wrong, _title in (
    (
        "deeplinear.mode",
        _dl_aligned,
        lambda: st.fixed_dictionaries({"s": _s_values(), "u0": log_uniform(min_value=1e-4, max_value=0.1)}),
        "t",
        lambda f: perturbed(f, "t", 1.05),  # exponent 2.1 s t/tau instead of 2 s t/tau
        "balanced aligned two-layer network",
    ),
    (
        "deeplinear.mode_deep",
        _dl_aligned,
        lambda: st.fixed_dictionaries({"s": _s_values(), "u0": log_uniform(min_value=1e-3, max_value=0.1), "depth": st.sampled_from([3, 4])}),
        "t",
        _wrong_depth,
        "balanced aligned network of depth 3-4",
    ),
    (
        "deeplinear.mode_unbalanced",
        _dl_unbalanced,
        lambda: st.fixed_dictionaries(
            {"s": _s_values(), "u0": log_uniform(min_value=1e-4, max_value=0.1), "ratio": log_uniform(min_value=4.0, max_value=100.0)}
        ),
        "c",
        lambda f: perturbed(f, "c", 1.5),
        "aligned two-layer network with a0 != b0",
    ),
):
    _register(
        Check(
            id=_fid,
            title=f"{_fid} vs batched gradient descent on a {_title}: first-order (Euler) convergence in eta",
            statistic="|observed order log2(dev(eta/2)/dev(eta/4)) - 1| of the max deviation from the formula",
            sizes=_DL_ORDER,
            strategy=_strategy,
            simulate=_sim,
            perturb=_perturb,
            wrong=_wrong,
        )
    )
_register(
    Check(
        id="deeplinear.learning_time",
        title="learning_time vs gradient descent from small random weights: half-learning-time shift between two init scales",
        statistic="max relative error of t_1/2(eps2) - t_1/2(eps1) against the formula (tolerance 2 eta s_max)",
        sizes={"quick": {"n": 5, "examples": 2, "eta_s": 0.004, "replicates": 8}, "full": {"n": 10, "examples": 4, "eta_s": 0.002, "replicates": 32}},
        strategy=lambda: st.fixed_dictionaries({"s": _s_values(), "eps1": st.sampled_from([1e-3, 1e-4]), "eps2": st.sampled_from([1e-8, 1e-12])}),
        simulate=_dl_small,
        perturb="tau",
    )
)


# ------------------------------------------------------------------------------------- run
def _draw_params(check: Check, count: int, seed: int) -> list[dict]:
    drawn: list[dict] = []

    @hseed(seed)
    @settings(
        max_examples=count, phases=[Phase.explicit, Phase.generate], database=None, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False
    )
    @given(check.strategy())
    def collect(prm):
        if len(drawn) < count and prm not in drawn:
            drawn.append(prm)

    collect()
    return drawn


def check_ids() -> list[str]:
    return sorted(CHECKS)


def resolve(selectors: list[str] | None) -> list[str]:
    """Expand ids and family names into check ids; raise KeyError for an unknown one."""
    if not selectors:
        return check_ids()
    out: list[str] = []
    for s in selectors:
        if s in CHECKS:
            out.append(s)
        elif any(c.startswith(s + ".") for c in CHECKS):
            out += [c for c in check_ids() if c.startswith(s + ".")]
        else:
            raise KeyError(f"no check {s!r}; checks are {', '.join(check_ids())} (or a family: {', '.join(sorted({c.split('.')[0] for c in CHECKS}))})")
    return list(dict.fromkeys(out))


def config(check_id: str, size: str = "quick", backend: str = "cpu") -> dict:
    """The size settings of a check; a check may size itself up where the GPU makes it cheap
    (``"quick/gpu"``: mp.universality_t's dense N = 16384 matrix)."""
    sizes = CHECKS[check_id].sizes
    return dict(sizes.get(f"{size}/gpu", sizes[size]) if backend == "gpu" else sizes[size])


def run(
    check_id: str, n: int | None = None, seed: int = 0, backend: str = "cpu", size: str = "quick", examples: int | None = None, formula: Formula | None = None
) -> Result:
    """Run one check. ``n`` overrides the size's matrix dimension; ``formula`` replaces the
    registered formula (a perturbed one, say) while the simulation stays the same."""
    if check_id not in CHECKS:
        raise KeyError(f"no check {check_id!r}; checks are {', '.join(check_ids())}")
    if size not in SIZES:
        raise ValueError(f"size={size!r} is not one of {SIZES}")
    if backend not in ("cpu", "gpu"):
        raise ValueError(f"backend={backend!r} is not 'cpu' or 'gpu'")
    if n is not None and (int(n) != n or n < 2):
        raise ValueError(f"n={n!r} must be an integer >= 2")
    check = CHECKS[check_id]
    cfg = config(check_id, size, backend)
    n = int(n) if n is not None else cfg.pop("n")
    cfg.pop("n", None)
    count = int(examples) if examples is not None else cfg.pop("examples")
    cfg.pop("examples", None)
    formula = formula or check.formula
    t0 = time.perf_counter()
    params = _draw_params(check, count, seed)
    alpha = _stats.FAMILY_ALPHA / len(params)
    results = [check.simulate(formula, prm, n, np.random.default_rng([seed, i]), backend, alpha, cfg) for i, prm in enumerate(params)]
    wall = time.perf_counter() - t0
    worst = max(results, key=lambda e: e.statistic / e.tolerance)
    ok = all(e.ok for e in results)
    verdict = (
        f"{'PASS' if ok else 'FAIL'} {formula.id}: worst {check.statistic} = {worst.statistic:.3g} "
        f"{'<=' if worst.ok else '>'} {worst.tolerance:.3g} over {len(results)} draws at n={n}"
    )
    return Result(check_id, formula.id, ok, worst.predicted, worst.observed, worst.tolerance, worst.statistic, n, seed, wall, verdict, backend, results)
