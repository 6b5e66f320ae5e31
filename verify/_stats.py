"""Tolerances from fluctuation theory.

Each function returns a bound for a statistic whose size is known from random-matrix
theory, at a stated false-alarm rate ``alpha`` where a tail law is known.
"""

from __future__ import annotations

import math

import scipy.stats

#: family-wise false-alarm rate of one check (Bonferroni over its examples and statistics)
FAMILY_ALPHA = 1e-6


def esd_kolmogorov_tolerance(n_eff: int, size: int, beta: float) -> float:
    """Bound on sup_x |F_N(x) - F(x)| for an ESD of ``n_eff`` nonzero eigenvalues in ``size``.

    The eigenvalue counting function of a beta-ensemble fluctuates like a log-correlated
    Gaussian field with variance log(N)/(beta pi^2) at each point (Gustavsson 2005 for GUE;
    Bourgade-Mody-Pain 2022 for beta-ensembles), so its maximum over the spectrum is about
    sqrt(2)/(pi sqrt(beta)) log N = 0.45 log N / sqrt(beta) counts (Arguin-Belius-Bourgade
    2017 for the analogous CUE maximum). Measured here (100 draws each, N = 3000,
    beta in {0.5, 1, 2, 4, 8}, Hermite and Laguerre, dense Rademacher Wigner at N = 2000):
    KS * N * sqrt(beta) / log N has median 0.43-0.61 and maximum 0.75, with a spread of
    ~0.05 log N. We allow twice the predicted maximum plus two counts for the
    discreteness of the ECDF at large beta:
        tol = (2 sqrt(2)/(pi sqrt(beta)) log N + 2) / size,
    about ten spreads above the typical maximum at N = 1e6, so a false alarm is far rarer
    than the 1e-6 family budget.
    """
    counts = 2.0 * math.sqrt(2.0) / (math.pi * math.sqrt(beta)) * math.log(max(n_eff, 3)) + 2.0
    return counts / size


def tracy_widom_band(beta: float, alpha: float) -> tuple[float, float]:
    """(lower, upper) TW_beta quantiles at total tail mass ``alpha`` from the tail asymptotics.

    Left tail log P(TW < -s) ~ -beta s^3/24, right tail log P(TW > s) ~ -(2 beta/3) s^{3/2}
    (Tracy-Widom 1994/1996; Ramirez-Rider-Virag, arXiv math/0607331, for general beta).
    A factor 1.15 on each end covers the subleading prefactors, which only make the
    tails thinner than the leading exponential for these alpha.
    """
    a = math.log(2.0 / alpha)
    left = (24.0 * a / beta) ** (1.0 / 3.0)
    right = (1.5 * a / beta) ** (2.0 / 3.0)
    return -1.15 * left, 1.15 * right


def soft_edge_scale(p: int, n: int, upper: bool) -> float:
    """N^{-2/3}-order TW scale of the extreme eigenvalues of X X^T/n (Johnstone 2001;
    Feldheim-Sodin 2010 and Ma 2012 for the smallest): (sqrt n +- sqrt p)(1/sqrt p +- 1/sqrt n)^{1/3}/n."""
    sn, sp_ = math.sqrt(n), math.sqrt(p)
    if upper:
        return (sn + sp_) * (1 / sn + 1 / sp_) ** (1 / 3) / n
    return abs(sn - sp_) * abs(1 / sp_ - 1 / sn) ** (1 / 3) / n


def t_critical(dof: int, alpha: float) -> float:
    """Two-sided Student-t critical value."""
    return float(scipy.stats.t.isf(alpha / 2.0, dof))
