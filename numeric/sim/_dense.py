"""Dense Wishart and Wigner samplers (Gaussian or Rademacher entries), LAPACK eigensolvers."""

from __future__ import annotations

import numpy as np
import scipy.linalg

__all__ = ["DISTRIBUTIONS", "wigner_eigenvalues", "wishart_eigenvalues"]

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
