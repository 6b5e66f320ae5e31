"""Dense Wishart and Wigner samplers (Gaussian or Rademacher entries), LAPACK eigensolvers.

The spiked samplers put the spike along a uniformly random unit vector, not e_1, so they
cross-validate the tridiagonal models (which rely on invariance to move it to e_1).
"""

from __future__ import annotations

import numpy as np
import scipy.linalg

__all__ = ["DISTRIBUTIONS", "spiked_rect_top", "spiked_wigner_top", "spiked_wishart_top", "wigner_eigenvalues", "wishart_eigenvalues"]

DISTRIBUTIONS = ("gaussian", "rademacher")


def _entries(rng: np.random.Generator, shape: tuple[int, ...], dist: str) -> np.ndarray:
    if dist == "gaussian":
        return rng.standard_normal(shape)
    if dist == "rademacher":
        return rng.integers(0, 2, size=shape, dtype=np.int8).astype(np.float64) * 2.0 - 1.0
    raise ValueError(f"dist={dist!r} is not one of {DISTRIBUTIONS}")


def wishart_eigenvalues(p: int, n: int, rng: np.random.Generator, dist: str = "gaussian", sigma2: float = 1.0) -> np.ndarray:
    """Eigenvalues of S = X X^T/n, X p x n with i.i.d. mean-0, variance-``sigma2`` entries (sorted)."""
    x = _entries(rng, (p, n), dist) * np.sqrt(sigma2)
    s = x @ x.T / n
    return scipy.linalg.eigvalsh(s, driver="evd", overwrite_a=True, check_finite=False)


def wigner_eigenvalues(N: int, rng: np.random.Generator, dist: str = "gaussian", sigma2: float = 1.0) -> np.ndarray:
    """Eigenvalues of a symmetric N x N matrix with off-diagonal variance ``sigma2/N`` (sorted)."""
    a = np.triu(_entries(rng, (N, N), dist))
    h = (a + np.triu(a, 1).T) * np.sqrt(sigma2 / N)
    return scipy.linalg.eigvalsh(h, driver="evd", overwrite_a=True, check_finite=False)


def _unit(rng: np.random.Generator, dim: int) -> np.ndarray:
    v = rng.standard_normal(dim)
    return v / np.linalg.norm(v)


def spiked_wishart_top(p: int, n: int, theta: float, rng: np.random.Generator) -> tuple[float, float]:
    """Top eigenvalue of S = Sigma^{1/2} X X^T Sigma^{1/2}/n, Sigma = I + theta v v^T, and <u_1, v>^2 (real)."""
    v = _unit(rng, p)
    x = rng.standard_normal((p, n))
    x += np.outer(v, (np.sqrt(1.0 + theta) - 1.0) * (v @ x))  # Sigma^{1/2} X
    w, u = scipy.linalg.eigh(x @ x.T / n, subset_by_index=(p - 1, p - 1), driver="evr")
    return float(w[0]), float((u[:, 0] @ v) ** 2)


def spiked_wigner_top(N: int, theta: float, rng: np.random.Generator, sigma2: float = 1.0) -> tuple[float, float]:
    """Top eigenvalue of theta v v^T + H (GOE, off-diagonal variance sigma2/N) and <u_1, v>^2."""
    v = _unit(rng, N)
    a = rng.standard_normal((N, N))
    h = (a + a.T) * np.sqrt(sigma2 / (2 * N)) + theta * np.outer(v, v)
    w, u = scipy.linalg.eigh(h, subset_by_index=(N - 1, N - 1), driver="evr")
    return float(w[0]), float((u[:, 0] @ v) ** 2)


def spiked_rect_top(n: int, m: int, theta: float, rng: np.random.Generator) -> tuple[float, float, float]:
    """Top singular value of theta u v^T + X (X n x m, entries N(0, 1/m)) and its left/right squared overlaps."""
    u, v = _unit(rng, n), _unit(rng, m)
    x = rng.standard_normal((n, m)) / np.sqrt(m) + theta * np.outer(u, v)
    left, s, right_t = scipy.linalg.svd(x, full_matrices=False, lapack_driver="gesdd")
    return float(s[0]), float((left[:, 0] @ u) ** 2), float((right_t[0] @ v) ** 2)
