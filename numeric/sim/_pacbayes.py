"""PAC-Bayes coverage simulators: many datasets at once, each with an exactly known true risk.

Both settings return a :class:`PosteriorSample`: for each of ``datasets`` independent training
sets of size ``n``, the posterior's empirical risk, KL(Q||P) to the data-free prior, true risk
and (for Gibbs posteriors) the free energy. A bound is then judged by how often
``true_risk > bound(emp_risk, kl, n, delta)`` over the datasets (THEORY.md §6).

* :func:`threshold_classifiers`: h_t(x) = 1{x > t} on a finite grid of thresholds, x ~ U[0, 1],
  labels 1{x > target} flipped with probability ``noise``. The true risk is exact:
  L(t) = noise + (1 - 2 noise)|t - target|. Posteriors: the Gibbs posterior
  Q ~ P exp(-beta n L^) at a temperature fixed in advance, or a point mass on the ERM.
* :func:`gaussian_linear`: x ~ N(0, I_d), labels sign(x_1) flipped with probability ``noise``;
  the stochastic linear classifier sign(w.x) with w ~ Q = N(mu, sigma^2 I), prior N(0, sigma0^2 I),
  mu along the data's sum_i y_i x_i with a fixed norm. KL is in closed form, the empirical risk
  is exact (mean of Phi(-y mu.x/(sigma |x|))) and the true risk
  noise + (1 - 2 noise) E_w[angle(w, e_1)]/pi is a two-dimensional quadrature whose error,
  estimated per dataset against a half-order rule, is ``true_risk_error`` (~1e-8 at dim 10).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from ._args import count, positive
from ._xp import array_backend, host

__all__ = ["PosteriorSample", "gaussian_linear", "threshold_classifiers"]

POSTERIORS = ("gibbs", "erm")


@dataclass(frozen=True)
class PosteriorSample:
    """One posterior rule on ``datasets`` independent training sets (arrays have that length).

    ``true_risk_error`` bounds |computed - exact| true risk (0 for exact settings); a coverage
    count treats ``true_risk + true_risk_error > bound`` as a violation, so numerical error can
    only make a valid bound look worse.
    """

    emp_risk: np.ndarray
    kl: np.ndarray
    true_risk: np.ndarray
    n: int
    free_energy: np.ndarray | None = None
    beta: float | None = None
    true_risk_error: float | np.ndarray = 0.0
    setting: str = ""

    @property
    def datasets(self) -> int:
        return int(self.emp_risk.size)

    def violations(self, bound: np.ndarray) -> np.ndarray:
        """Per dataset: whether the true risk may exceed ``bound``."""
        return self.true_risk + self.true_risk_error > np.asarray(bound)


def _probability(name: str, value: float, hi: float = 1.0) -> float:
    if not (0.0 <= value < hi):
        raise ValueError(f"{name}={value!r} is outside [0, {hi})")
    return float(value)


def threshold_classifiers(
    n: int,
    datasets: int,
    rng: np.random.Generator,
    *,
    noise: float = 0.05,
    target: float = 0.0,
    grid: np.ndarray | None = None,
    posterior: str = "gibbs",
    beta: float = 1.0,
    prior: np.ndarray | None = None,
    chunk: int = 2_000_000,
    backend: str = "cpu",
) -> PosteriorSample:
    """Threshold classifiers on [0, 1] with label noise: exact true risks, batched over datasets.

    ``grid`` (default: 50 thresholds on [0, 0.5], so with ``target=0`` the risks span
    [noise, noise + (1 - 2 noise)/2], the nested family of THEORY.md §6) are the hypotheses;
    ``prior`` their data-free weights (default uniform). ``posterior`` is 'gibbs'
    (Q ~ P exp(-beta n L^), beta fixed in advance) or 'erm' (a point mass on the first
    minimiser of the empirical risk; KL = -ln P(ERM)).

    ``backend='gpu'`` draws the data and counts the empirical risks on the device (CuPy:
    the same searchsorted/bincount/cumsum pass, in chunks 8x larger); the posterior
    arithmetic on the (datasets, grid) risk table runs on the host either way.
    """
    n = count("n", n)
    datasets = count("datasets", datasets)
    noise = _probability("noise", noise, 0.5)
    if not 0.0 <= target <= 1.0:
        raise ValueError(f"target={target!r} is outside [0, 1]")
    if posterior not in POSTERIORS:
        raise ValueError(f"posterior={posterior!r} is not one of {POSTERIORS}")
    positive("beta", beta)
    grid = np.linspace(0.0, 0.5, 50) if grid is None else np.sort(np.asarray(grid, dtype=float))
    if grid.ndim != 1 or grid.size < 1 or grid[0] < 0 or grid[-1] > 1:
        raise ValueError("grid must be a non-empty 1-d array of thresholds in [0, 1]")
    k = grid.size
    log_prior = np.full(k, -math.log(k)) if prior is None else _log_weights(prior, k)
    risk = noise + (1 - 2 * noise) * np.abs(grid - target)

    xp, gen = array_backend(backend, rng)
    grid_x = xp.asarray(grid)
    emp = np.empty((datasets, k))
    per = max(1, (chunk if xp is np else 8 * chunk) // n)  # datasets per chunk: bounded memory at any n
    for start in range(0, datasets, per):
        m = min(per, datasets - start)
        x = gen.random((m, n))
        y = (x > target) ^ (gen.random((m, n)) < noise)
        cell = xp.searchsorted(grid_x, x, side="left")  # x <= grid[j] exactly when j >= cell
        flat = (cell + (k + 1) * xp.arange(m)[:, None]).ravel()
        ones = xp.bincount(flat, weights=y.ravel().astype(float), minlength=m * (k + 1)).reshape(m, k + 1)
        total = xp.bincount(flat, minlength=m * (k + 1)).reshape(m, k + 1)
        ones_le = xp.cumsum(ones, axis=1)[:, :k]  # label 1 predicted 0 (x <= t)
        zeros_gt = (total - ones).sum(axis=1, keepdims=True) - xp.cumsum(total - ones, axis=1)[:, :k]  # label 0 predicted 1
        emp[start : start + m] = host((ones_le + zeros_gt) / n)

    if posterior == "erm":
        j = np.argmin(emp, axis=1)
        return PosteriorSample(emp[np.arange(datasets), j], -log_prior[j], risk[j], n, setting="threshold/erm")
    logw = log_prior - beta * n * emp
    log_z = special.logsumexp(logw, axis=1)
    q = np.exp(logw - log_z[:, None])
    with np.errstate(divide="ignore", invalid="ignore"):
        kl = np.sum(np.where(q > 0, q * (logw - log_z[:, None] - log_prior), 0.0), axis=1)
    return PosteriorSample(np.einsum("mk,mk->m", q, emp), np.maximum(kl, 0.0), q @ risk, n, -log_z, float(beta), setting="threshold/gibbs")


def _log_weights(prior, k: int) -> np.ndarray:
    prior = np.asarray(prior, dtype=float)
    if prior.shape != (k,) or np.any(prior < 0) or not prior.sum() > 0:
        raise ValueError(f"prior must be {k} non-negative weights with a positive sum")
    with np.errstate(divide="ignore"):
        return np.log(prior / prior.sum())


# ---------------------------------------------------------------------- Gaussian linear
_GL_NODES, _GH_NODES = 96, 48


def gaussian_linear(
    n: int,
    datasets: int,
    rng: np.random.Generator,
    *,
    dim: int = 10,
    noise: float = 0.1,
    norm: float = 3.0,
    sigma: float = 1.0,
    prior_sigma: float = 1.0,
    backend: str = "cpu",
) -> PosteriorSample:
    """Gaussian posterior N(mu, sigma^2 I) over linear classifiers on synthetic Gaussian data.

    mu = norm * v/|v| with v = sum_i y_i x_i (a data-dependent direction, fixed length); the
    prior N(0, prior_sigma^2 I) is data-free, so
    KL = (d sigma^2/s0^2 + |mu|^2/s0^2 - d + d ln(s0^2/sigma^2))/2 is the same for every dataset.

    ``backend='gpu'`` draws the data and computes mu and the empirical risks on the device;
    the true-risk quadrature (a few numbers per dataset) runs on the host either way.
    """
    n = count("n", n)
    datasets = count("datasets", datasets)
    dim = count("dim", dim, 2)
    noise = _probability("noise", noise, 0.5)
    for name, v in (("norm", norm), ("sigma", sigma), ("prior_sigma", prior_sigma)):
        positive(name, v)
    if norm / sigma > 1e4:
        raise ValueError(f"norm/sigma={norm / sigma:.3g} must be <= 1e4 (the true-risk quadrature needs a noncentral chi density scipy can evaluate)")
    xp, gen = array_backend(backend, rng)
    ndtr = _ndtr(xp)
    emp = np.empty(datasets)
    mus = np.empty((datasets, dim))
    per = max(1, (4_000_000 if xp is np else 32_000_000) // (n * dim))
    for start in range(0, datasets, per):
        m = min(per, datasets - start)
        x = gen.standard_normal((m, n, dim))
        y = xp.where(x[..., 0] > 0, 1.0, -1.0) * xp.where(gen.random((m, n)) < noise, -1.0, 1.0)
        v = xp.einsum("mn,mnd->md", y, x)
        mu = norm * v / xp.linalg.norm(v, axis=1, keepdims=True)
        margin = y * xp.einsum("mnd,md->mn", x, mu) / (sigma * xp.linalg.norm(x, axis=2))
        emp[start : start + m] = host(ndtr(-margin).mean(axis=1))
        mus[start : start + m] = host(mu)
    s2 = (sigma / prior_sigma) ** 2
    kl = 0.5 * (dim * s2 + norm**2 / prior_sigma**2 - dim - dim * math.log(s2))
    par, perp = mus[:, 0], np.linalg.norm(mus[:, 1:], axis=1)
    fine = gaussian_angle_mean(par, perp, sigma, dim)
    coarse = gaussian_angle_mean(par, perp, sigma, dim, (_GL_NODES // 2, _GH_NODES // 2))
    scale = (1 - 2 * noise) / math.pi
    # a posteriori error: the half-order rule's difference, which bounds the fine rule's error
    return PosteriorSample(emp, np.full(datasets, kl), noise + scale * fine, n, true_risk_error=scale * np.abs(fine - coarse), setting="gaussian/linear")


def _ndtr(xp):
    """The normal CDF for the array namespace: cupyx's on a device, scipy's otherwise."""
    if xp is not np:
        try:
            from cupyx.scipy.special import ndtr

            return ndtr
        except ImportError:  # numpy standing in for CuPy (tests)
            pass
    return special.ndtr


def gaussian_angle_mean(mu_par: np.ndarray, mu_perp: np.ndarray, sigma: float, dim: int, nodes: tuple[int, int] = (_GL_NODES, _GH_NODES)) -> np.ndarray:
    """E angle(w, e_1) for w ~ N(mu, sigma^2 I_dim), given mu_1 and |mu_perp|.

    angle = atan2(|w_perp|, w_1) with w_1 ~ N(mu_1, sigma^2) independent of |w_perp|/sigma, a
    noncentral chi with dim - 1 degrees of freedom: Gauss-Hermite in w_1 times Gauss-Legendre
    over the chi density (smooth: an integer power at 0) up to 40 standard deviations.
    """
    mu_par, mu_perp = np.atleast_1d(np.asarray(mu_par, dtype=float)), np.atleast_1d(np.asarray(mu_perp, dtype=float))
    if mu_par.size > 256:  # bounded memory: nodes[0] * nodes[1] values per dataset
        return np.concatenate([gaussian_angle_mean(mu_par[i : i + 256], mu_perp[i : i + 256], sigma, dim, nodes) for i in range(0, mu_par.size, 256)])
    lam = (mu_perp / sigma) ** 2
    mu_par = mu_par[:, None, None]
    dof = dim - 1
    # the noncentral chi has mean ~ sqrt(lam + dof) and standard deviation below 1: a window of
    # +-14 holds all but ~1e-40 of it (chi-square tails) and keeps the nodes dense at any lam
    centre = np.sqrt(lam + dof)
    lo, hi = np.maximum(centre - 14.0, 0.0), centre + 14.0
    t, wt = np.polynomial.legendre.leggauss(nodes[0])
    g = lo[:, None] + 0.5 * (hi - lo)[:, None] * (t + 1.0)
    dens = 2.0 * g * stats.ncx2.pdf(g**2, dof, np.maximum(lam, 1e-300)[:, None]) * 0.5 * (hi - lo)[:, None] * wt
    h, wh = special.roots_hermitenorm(nodes[1])
    w1 = mu_par + sigma * h[None, None, :]
    ang = np.arctan2(sigma * g[:, :, None], w1)
    return np.einsum("mi,mij,j->m", dens, ang, wh / math.sqrt(2.0 * math.pi))
