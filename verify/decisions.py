"""Decisions: observation and prediction in, ``Evidence`` out.

Each function returns ``Evidence`` with a p-value (the runner splits the family-wise alpha
over every p-value of a check with Holm's procedure), or, where no tail law is known, a
deterministic bound labelled as one (``pvalue is None``) that carries its derivation.
Like ``scipy.stats`` tests, the result is a small record, not a bare float.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import scipy.stats

__all__ = [
    "ESD_BOUND_DERIVATION",
    "Evidence",
    "binomial_coverage",
    "clt_z",
    "convergence_order",
    "delta_method",
    "esd_at_eigenvalues",
    "esd_kolmogorov",
    "esd_kolmogorov_bound",
    "ks_one_sample",
    "ks_two_sample",
    "student_t",
    "student_t_within",
    "tracy_widom_edge",
    "two_sided_from_cdf",
]


@dataclass(frozen=True)
class Evidence:
    """One statistical test of a prediction against an observation.

    Attributes:
        test: the procedure (``"student_t"``, ``"clt_z"``, ``"ks"``, ...).
        statistic: the test statistic.
        pvalue: the p-value under the null "the formula is right", or None for a bound.
        bound: for a deterministic bound, the largest ``statistic`` that passes.
        predicted: the formula's value at the most telling point.
        observed: the simulated value there.
        label: which sub-test (``"k=3"``, a posterior setting, ...).
        derivation: for a bound, where it comes from.
        details: further numbers worth reporting (scalars).
    """

    test: str
    statistic: float
    pvalue: float | None
    predicted: float
    observed: float
    bound: float | None = None
    label: str = ""
    derivation: str = ""
    details: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.pvalue is None) == (self.bound is None):
            raise ValueError(f"{self.test}: give exactly one of pvalue and bound")

    @property
    def kind(self) -> str:
        return "p-value" if self.pvalue is not None else "bound"

    @property
    def holds(self) -> bool:
        """For a bound: whether the statistic is within it (p-values are judged by the runner)."""
        return self.bound is not None and bool(self.statistic <= self.bound)


def student_t(values, predicted: float, *, label: str = "") -> Evidence:
    """Two-sided one-sample Student t test of mean(``values``) = ``predicted`` (replicate means)."""
    v = np.asarray(values, dtype=float).ravel()
    if v.size < 2:
        raise ValueError(f"student_t needs at least 2 replicates, got {v.size}")
    mean = float(v.mean())
    se = float(v.std(ddof=1)) / math.sqrt(v.size)
    if se == 0.0:
        t = 0.0 if mean == predicted else math.inf
    else:
        t = (mean - predicted) / se
    p = float(2.0 * scipy.stats.t.sf(abs(t), v.size - 1))
    return Evidence("student_t", float(t), p, float(predicted), mean, label=label, details={"se": se, "replicates": int(v.size)})


def student_t_within(values, predicted: float, allowance: float, *, label: str = "", derivation: str = "") -> Evidence:
    """Student t of the interval null |E values - predicted| <= ``allowance`` (a stated bias allowance).

    The statistic is t = (|mean - predicted| - allowance)/se; at the null's worst case (the mean on an
    edge of the interval) P(reject) is at most the one-sided tail beyond t plus the far edge's, so
    p = min(1, 2 P(T > t)) is valid (conservative by at most the far edge's tail). ``allowance = 0``
    is ``student_t``.

    Raises:
        ValueError: fewer than 2 replicates, or a negative or non-finite allowance.
    """
    if not (math.isfinite(allowance) and allowance >= 0):
        raise ValueError(f"allowance={allowance!r} is outside [0, oo)")
    base = student_t(values, predicted, label=label)
    se, dof = base.details["se"], base.details["replicates"] - 1
    excess = abs(base.observed - predicted) - allowance
    if se == 0.0:
        t = 0.0 if excess <= 0 else math.inf
    else:
        t = excess / se
    p = min(1.0, float(2.0 * scipy.stats.t.sf(t, dof)))
    details = {**base.details, "allowance": float(allowance), "t_plain": base.statistic}
    return Evidence("student_t_within", float(t), p, float(predicted), base.observed, label=label, derivation=derivation, details=details)


def clt_z(observed: float, predicted: float, variance: float, n: float, *, label: str = "") -> Evidence:
    """Two-sided z test: sqrt(n)(observed - predicted) -> N(0, variance) (a CLT with a variance formula)."""
    if not variance > 0:
        raise ValueError(f"variance={variance} must be > 0")
    z = (observed - predicted) / math.sqrt(variance / n)
    return Evidence(
        "clt_z", float(z), float(2.0 * scipy.stats.norm.sf(abs(z))), float(predicted), float(observed), label=label, details={"sd": math.sqrt(variance / n)}
    )


def delta_method(samples, function, gradient, predicted: float, *, label: str = "") -> Evidence:
    """Two-sided z test of a smooth function of means, g(mean of each row of ``samples``) = ``predicted``.

    The standard error is the delta method's: sqrt(grad g(m)^T Cov grad g(m)/S), with the rows'
    sample covariance over the S replicates (columns); the statistic is asymptotically normal
    as S grows (a ratio of means, a kurtosis from second and fourth moments).

    Args:
        samples: a (k, S) array, k per-replicate quantities over S independent replicates.
        function: g, from the k means to the estimate (a top-level function, so checks pickle).
        gradient: its gradient, k partial derivatives at the means.
        predicted: the formula's value of g at the population means.
        label: which sub-test.

    Raises:
        ValueError: fewer than 3 replicates, or a non-finite estimate or standard error.
    """
    x = np.asarray(samples, dtype=float)
    x = x.reshape(1, -1) if x.ndim == 1 else x
    if x.ndim != 2 or x.shape[1] < 3:
        raise ValueError(f"samples must be (k, S) with S >= 3 replicates, got shape {np.shape(samples)}")
    m = x.mean(axis=1)
    estimate = float(function(m))
    g = np.asarray(gradient(m), dtype=float).reshape(-1)
    cov = np.atleast_2d(np.cov(x, ddof=1))
    se = math.sqrt(max(float(g @ cov @ g), 0.0) / x.shape[1])
    if not (math.isfinite(estimate) and math.isfinite(se)):
        raise ValueError(f"delta_method: estimate {estimate} and standard error {se} must be finite")
    z = 0.0 if estimate == predicted else (math.inf if se == 0.0 else (estimate - predicted) / se)
    p = float(2.0 * scipy.stats.norm.sf(abs(z)))
    return Evidence("delta_method", float(z), p, float(predicted), estimate, label=label, details={"se": se, "replicates": int(x.shape[1])})


def two_sided_from_cdf(statistic: float, cdf_value: float, predicted: float, observed: float, *, test: str, label: str = "", details=None) -> Evidence:
    """Two-sided p-value 2 min(F, 1 - F) of a statistic whose null CDF at the observation is ``cdf_value``."""
    p = float(min(1.0, 2.0 * min(cdf_value, 1.0 - cdf_value)))
    return Evidence(test, float(statistic), p, float(predicted), float(observed), label=label, details=dict(details or {}))


def tracy_widom_edge(observed: float, edge: float, scale: float, beta: float = 1.0, *, upper: bool = True) -> Evidence:
    """An extreme eigenvalue against its edge: (lambda - edge)/scale ~ TW_beta (mirrored at a lower edge).

    The two-sided p-value 2 min(F, 1 - F) from ``tracy_widom.cdf``; ``scale`` is the edge's
    Tracy-Widom scale at the simulated size (the N^-2/3 law times the edge's own constant).
    """
    from lmech import numeric

    z = (observed - edge) / scale if upper else (edge - observed) / scale
    f = float(numeric.compile("tracy_widom.cdf")(z, beta))
    return two_sided_from_cdf(z, f, edge, observed, test="tracy_widom", details={"scale": scale})


def ks_one_sample(sample, cdf_values=None, *, cdf=None, label: str = "") -> Evidence:
    """Exact one-sample Kolmogorov-Smirnov test (``scipy.stats.kstwo``).

    Give either ``cdf_values`` (the null CDF at the *sorted* sample) or ``cdf`` (a callable).
    """
    z = np.sort(np.asarray(sample, dtype=float))
    f = np.asarray(cdf(z) if cdf is not None else cdf_values, dtype=float)
    if f.shape != z.shape:
        raise ValueError(f"cdf values have shape {f.shape}, the sample {z.shape}")
    i = np.arange(1, z.size + 1)
    dev = np.maximum(i / z.size - f, f - (i - 1) / z.size)
    j = int(np.argmax(dev))
    d = float(dev[j])
    return Evidence(
        "ks", d, float(scipy.stats.kstwo.sf(d, z.size)), float(f[j]), float(j / z.size), label=label, details={"size": int(z.size), "at": float(z[j])}
    )


def ks_two_sample(a, b, *, label: str = "") -> Evidence:
    """Two-sample Kolmogorov-Smirnov test (exact where scipy can, asymptotic beyond)."""
    r = scipy.stats.ks_2samp(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    return Evidence("ks2", float(r.statistic), float(r.pvalue), 0.0, float(r.statistic), label=label)


def binomial_coverage(violations: int, trials: int, delta: float, *, label: str = "") -> Evidence:
    """Exact one-sided binomial test of a bound's coverage.

    A bound holding with probability >= 1 - ``delta`` fails no more often than Binomial(trials, delta): p = P(Binomial >= violations).
    """
    if not (0 < delta < 1):
        raise ValueError(f"delta={delta} is outside (0, 1)")
    p = float(scipy.stats.binom.sf(int(violations) - 1, int(trials), delta))
    return Evidence(
        "binomial", float(violations), p, float(delta * trials), float(violations), label=label, details={"trials": int(trials), "rate": violations / trials}
    )


ESD_BOUND_DERIVATION = (
    "The eigenvalue counting function of a beta-ensemble fluctuates like a log-correlated Gaussian field "
    "with variance log(N)/(beta pi^2) at each point (Gustavsson 2005 for GUE; Bourgade-Mody-Pain 2022 for "
    "beta-ensembles), so its maximum is about sqrt(2)/(pi sqrt(beta)) log N counts (Arguin-Belius-Bourgade "
    "2017 for the analogous CUE maximum). The bound allows twice that plus two counts for the ECDF's "
    "discreteness: (2 sqrt(2)/(pi sqrt(beta)) log N + 2)/size. Calibration (tests, slow): over many draws "
    "the largest KS * N sqrt(beta)/log N stays below 0.75 of the bound's 0.90 for beta in {0.5, 1, 4}."
)


def esd_kolmogorov_bound(n_eff: int, size: int, beta: float) -> float:
    """(2 sqrt(2)/(pi sqrt(beta)) log n_eff + 2)/size: see ``ESD_BOUND_DERIVATION``."""
    return (2.0 * math.sqrt(2.0) / (math.pi * math.sqrt(beta)) * math.log(max(n_eff, 3)) + 2.0) / size


def esd_kolmogorov(theory, empirical, *, n_eff: int, size: int, beta: float, empirical_left=None, label: str = "") -> Evidence:
    """Kolmogorov distance between an ESD and a law on a grid, against the log N / N bound.

    ``empirical_left`` (the ECDF just left of each point) makes the distance the exact sup
    when the grid is the eigenvalues themselves.
    """
    th = np.asarray(theory, dtype=float)
    emp = np.asarray(empirical, dtype=float)
    dev = np.abs(emp - th)
    if empirical_left is not None:
        dev = np.maximum(dev, np.abs(np.asarray(empirical_left, dtype=float) - th))
    i = int(np.argmax(dev))
    return Evidence(
        "esd_kolmogorov",
        float(dev[i]),
        None,
        float(th[i]),
        float(emp[i]),
        bound=esd_kolmogorov_bound(n_eff, size, beta),
        label=label,
        derivation=ESD_BOUND_DERIVATION,
        details={"n_eff": int(n_eff), "size": int(size), "beta": float(beta)},
    )


def esd_at_eigenvalues(cdf_values, *, size: int, zeros: int = 0, n_eff: int | None = None, beta: float = 1.0, label: str = "") -> Evidence:
    """The exact Kolmogorov distance of a dense ESD, the law's CDF given at its sorted eigenvalues.

    ``zeros`` exact zero eigenvalues were left out (the law's atom at 0 accounts for them), so
    the i-th value given is the (zeros + i)-th of ``size``; the ECDF jumps there from
    (zeros + i)/size to (zeros + i + 1)/size, and both sides are compared. Judged against the
    log N / N bound with ``n_eff`` (default ``size``) as N.
    """
    f = np.asarray(cdf_values, dtype=float)
    i = np.arange(f.size) + zeros
    return esd_kolmogorov(f, (i + 1) / size, empirical_left=i / size, n_eff=size if n_eff is None else n_eff, size=size, beta=beta, label=label)


def convergence_order(deviations, *, expected: float, bound: float, derivation: str, label: str = "") -> Evidence:
    """Observed order log2(e(h/2)/e(h/4)) of a discretisation's deviations at h, h/2, h/4.

    It is judged against the order a right formula gives, within a derived ``bound`` on |order - expected|.
    """
    e = [float(v) for v in deviations]
    if len(e) != 3 or min(e) <= 0:
        raise ValueError(f"need three positive deviations at h, h/2, h/4, got {e}")
    order = math.log2(e[1] / e[2])
    return Evidence(
        "convergence_order",
        abs(order - expected),
        None,
        float(expected),
        order,
        bound=float(bound),
        label=label,
        derivation=derivation,
        details={"order_coarse": math.log2(e[0] / e[1]), "deviation_h": e[0], "deviation_h2": e[1], "deviation_h4": e[2]},
    )
