"""Exact Gibbs posteriors of models with one to three parameters, by tensor-product quadrature.

A Gibbs posterior rho(w) prop. to pi(w) exp(-E(w)) on a box, with E = omega n L_n the tempered empirical
risk, is summarised by its free energy -log int exp(-E) dpi and by posterior means of observables (the
population risk, say). ``prior_grid`` lays Gauss-Legendre panels over each coordinate of the box (panels
split at the given break points, where a singular model's posterior piles up: at w_j = 0 for
reduced-rank regression), weights them by a uniform prior, and ``gibbs_average`` evaluates both for many
datasets at once from an energy matrix (datasets x grid points) by log-sum-exp, so nothing under- or
overflows at large n. Gauss-Legendre is exact for polynomials of degree 2 nodes - 1 per panel and
converges geometrically for the entire integrands of polynomial models; the tests hold it to 1e-10
against adaptive quadrature.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp

from ._args import count

__all__ = ["PriorGrid", "gibbs_average", "prior_grid"]


@dataclass(frozen=True)
class PriorGrid:
    """Quadrature nodes ``points`` (one (G,) array per coordinate) and ``log_weights`` (G,) of a uniform prior (they sum to 1)."""

    points: tuple[np.ndarray, ...]
    log_weights: np.ndarray


def _axis(lo: float, hi: float, breaks: tuple[float, ...], nodes: int) -> tuple[np.ndarray, np.ndarray]:
    x, w = np.polynomial.legendre.leggauss(nodes)
    cuts = [lo, *sorted(v for v in breaks if lo < v < hi), hi]
    xs, ws = [], []
    for a, b in zip(cuts[:-1], cuts[1:]):
        xs.append((a + b) / 2 + (b - a) / 2 * x)
        ws.append((b - a) / 2 * w)
    xs_, ws_ = np.concatenate(xs), np.concatenate(ws)
    return xs_, ws_ / (hi - lo)


def prior_grid(box: list[tuple[float, float]], *, nodes: int = 64, breaks: tuple[float, ...] = (0.0,)) -> PriorGrid:
    """The uniform prior on ``box`` (one (lo, hi) per parameter, 1 to 3 of them) as a tensor Gauss-Legendre grid.

    Args:
        box: the parameter ranges.
        nodes: Gauss-Legendre nodes per panel.
        breaks: points where each coordinate's range is split into panels (outside points are ignored).

    Raises:
        ValueError: an empty box, more than three parameters, a range with lo >= hi or a non-finite end.
    """
    if not 1 <= len(box) <= 3:
        raise ValueError(f"box has {len(box)} parameters; the grid takes 1 to 3")
    nodes = count("nodes", nodes, 2)
    axes = []
    for j, (lo, hi) in enumerate(box):
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise ValueError(f"box[{j}]=({lo!r}, {hi!r}) must be a finite range with lo < hi")
        axes.append(_axis(float(lo), float(hi), tuple(breaks), nodes))
    mesh = np.meshgrid(*(a[0] for a in axes), indexing="ij")
    wmesh = np.meshgrid(*(a[1] for a in axes), indexing="ij")
    log_w = np.sum([np.log(w.ravel()) for w in wmesh], axis=0)
    return PriorGrid(tuple(m.ravel() for m in mesh), log_w)


def gibbs_average(grid: PriorGrid, energy: np.ndarray, observables: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Free energies -log int exp(-E) dpi and posterior means of ``observables`` under pi exp(-E).

    Args:
        grid: from ``prior_grid``.
        energy: E at the grid's points, shape (G,) or (D, G) for D datasets.
        observables: shape (G,) or (K, G): functions of the parameter to average.

    Returns:
        (F, means): F of shape () or (D,); means of shape (D, K) (or (K,), or (D,)/() for a (G,) observable),
        None when no observables are given.

    Raises:
        ValueError: shapes that do not match the grid, or a non-finite energy.
    """
    e = np.asarray(energy, dtype=float)
    g = grid.log_weights.size
    if e.shape[-1] != g or e.ndim > 2:
        raise ValueError(f"energy has shape {e.shape}; expected ({g},) or (datasets, {g})")
    if not np.all(np.isfinite(e)):
        raise ValueError("energy has non-finite entries")
    logp = grid.log_weights - e
    log_z = logsumexp(logp, axis=-1)
    if observables is None:
        return -log_z, None
    obs = np.asarray(observables, dtype=float)
    if obs.shape[-1] != g or obs.ndim > 2:
        raise ValueError(f"observables have shape {obs.shape}; expected ({g},) or (K, {g})")
    post = np.exp(logp - log_z[..., None])  # the posterior's weights, summing to 1 per dataset
    means = post @ obs.T
    return -log_z, means
