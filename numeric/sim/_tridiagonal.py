"""Dumitriu-Edelman tridiagonal beta-ensembles: O(N) memory, O(N) sampling.

Reference: I. Dumitriu and A. Edelman, "Matrix models for beta ensembles",
J. Math. Phys. 43:5830 (2002), arXiv math-ph/0206043, Theorems 2.12 (Hermite) and
2.14 (Laguerre).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

__all__ = ["Tridiagonal", "eigenvector_first_component", "extreme_eigenvalues", "hermite", "laguerre"]


@dataclass(frozen=True)
class Tridiagonal:
    """A symmetric tridiagonal matrix plus ``zeros`` extra exact-zero eigenvalues.

    ``zeros`` carries the atom of a Wishart matrix with more rows than samples
    (p > n): the p x p matrix has the n nonzero eigenvalues of ``(d, e)`` and p - n zeros.
    """

    d: np.ndarray
    e: np.ndarray
    zeros: int = 0

    @property
    def size(self) -> int:
        """Dimension of the full matrix (tridiagonal part plus the zero block)."""
        return self.d.size + self.zeros


def _chi(rng: np.random.Generator, dof: np.ndarray) -> np.ndarray:
    return np.sqrt(rng.chisquare(dof))


def _positive(name: str, value: float) -> None:
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name}={value!r} is outside (0, oo)")


def hermite(N: int, beta: float, rng: np.random.Generator, sigma2: float = 1.0) -> Tridiagonal:
    """beta-Hermite matrix scaled so that its ESD tends to the semicircle on [-2 sigma, 2 sigma].

    Diagonal N(0, 2)/sqrt(2); off-diagonal chi_{beta(N-1)}, ..., chi_beta over sqrt(2);
    then times sigma*sqrt(2/(beta N)) (THEORY.md §4.1). For beta = 1 this is the GOE.
    """
    if int(N) != N or N < 1:
        raise ValueError(f"N={N!r} must be a positive integer")
    _positive("beta", beta)
    _positive("sigma2", sigma2)
    scale = np.sqrt(sigma2) * np.sqrt(2.0 / (beta * N))
    d = rng.standard_normal(N) * scale
    e = _chi(rng, beta * np.arange(N - 1, 0, -1, dtype=float)) * (scale / np.sqrt(2.0))
    return Tridiagonal(d, e)


def laguerre(p: int, n: int, beta: float, rng: np.random.Generator, sigma2: float = 1.0, spike: float = 1.0) -> Tridiagonal:
    """beta-Laguerre (Wishart) matrix scaled to S = X X^T / n with entry variance ``sigma2``.

    B is lower bidiagonal with diagonal chi_{beta n}, chi_{beta(n-1)}, ... and
    sub-diagonal chi_{beta(m-1)}, ..., chi_beta; T = B B^T/(beta n) has the MP law with
    gamma = p/n for every beta (THEORY.md §4.2). If p > n the nonzero spectrum is that
    of the n x n matrix with p degrees of freedom, plus p - n zeros. ``spike`` = l
    multiplies the first diagonal variable by sqrt(l): the rank-one spiked model with
    population covariance diag(l, 1, ..., 1) (Bloemendal-Virag, arXiv 1011.1877; p <= n only).
    """
    for name, v in (("p", p), ("n", n)):
        if int(v) != v or v < 1:
            raise ValueError(f"{name}={v!r} must be a positive integer")
    _positive("beta", beta)
    _positive("sigma2", sigma2)
    _positive("spike", spike)
    m, dof, zeros = (p, n, 0) if p <= n else (n, p, p - n)
    if spike != 1.0 and zeros:
        raise ValueError(f"spike={spike} needs p <= n (got p={p}, n={n})")
    diag = _chi(rng, beta * (dof - np.arange(m, dtype=float)))
    diag[0] *= np.sqrt(spike)
    sub = _chi(rng, beta * np.arange(m - 1, 0, -1, dtype=float))
    scale = sigma2 / (beta * n)
    d = diag**2
    d[1:] += sub**2
    return Tridiagonal(d * scale, diag[:-1] * sub * scale, zeros)


def extreme_eigenvalues(t: Tridiagonal, which: str = "largest", k: int = 1) -> np.ndarray:
    """The ``k`` largest or smallest eigenvalues of the tridiagonal part, by LAPACK ``stebz``
    bisection (O(N) each). The zero block is not included."""
    N = t.d.size
    if which not in ("largest", "smallest"):
        raise ValueError(f"which={which!r} is not 'largest' or 'smallest'")
    if not 1 <= k <= N:
        raise ValueError(f"k={k} is outside [1, {N}]")
    rng = (N - k, N - 1) if which == "largest" else (0, k - 1)
    return scipy.linalg.eigvalsh_tridiagonal(t.d, t.e, select="i", select_range=rng, lapack_driver="stebz")


def eigenvector_first_component(t: Tridiagonal, eigenvalue: float, iterations: int = 3, rng: np.random.Generator | None = None) -> float:
    """Squared first component of the unit eigenvector for an isolated ``eigenvalue``.

    Inverse iteration with LAPACK ``gtsv`` (O(N) per solve). The shift is nudged off the
    eigenvalue by a few ulps so the tridiagonal system stays solvable; for an outlier
    separated from the bulk by O(1), each iteration gains ~15 digits. In the spiked models
    e_1 is the spike direction, so this is the squared overlap <u, v>^2 (THEORY.md §4.3).
    """
    n = t.d.size
    rng = rng or np.random.default_rng(0)
    shift = eigenvalue * (1 + 8 * np.finfo(float).eps) + 8 * np.finfo(float).tiny
    x = rng.standard_normal(n)
    for _ in range(iterations):
        _, _, _, x, info = scipy.linalg.lapack.dgtsv(t.e, t.d - shift, t.e, x)
        if info != 0:
            raise np.linalg.LinAlgError(f"gtsv failed with info={info}")
        x /= np.linalg.norm(x)
    return float(x[0] ** 2)
