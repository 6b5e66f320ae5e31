"""Dumitriu-Edelman tridiagonal beta-ensembles: O(N) memory, O(N) sampling.

Reference: I. Dumitriu and A. Edelman, "Matrix models for beta ensembles",
J. Math. Phys. 43:5830 (2002), arXiv math-ph/0206043, Theorems 2.12 (Hermite) and
2.14 (Laguerre).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from ._args import count, positive

__all__ = ["Tridiagonal", "eigenvector_first_component", "extreme_eigenvalues", "hermite", "laguerre", "rectangular"]


@dataclass(frozen=True)
class Tridiagonal:
    """A symmetric tridiagonal matrix plus ``zeros`` extra exact-zero eigenvalues.

    ``zeros`` carries the atom of a Wishart matrix with more rows than samples
    (p > n): the p x p matrix has the n nonzero eigenvalues of ``(d, e)`` and p - n zeros.
    A batch of independent replicates has ``d`` of shape (reps, N) and ``e`` (reps, N - 1).
    """

    d: np.ndarray
    e: np.ndarray
    zeros: int = 0

    @property
    def size(self) -> int:
        """Dimension of the full matrix (tridiagonal part plus the zero block)."""
        return self.d.shape[-1] + self.zeros

    @property
    def batched(self) -> bool:
        return self.d.ndim == 2

    def __getitem__(self, r: int) -> Tridiagonal:
        """Replicate ``r`` of a batch."""
        if not self.batched:
            raise TypeError("only a batch of replicates can be indexed")
        return Tridiagonal(self.d[r], self.e[r], self.zeros)


def _chi(rng: np.random.Generator, dof: np.ndarray, reps: int | None) -> np.ndarray:
    shape = np.shape(dof) if reps is None else (reps, *np.shape(dof))
    return np.sqrt(rng.chisquare(np.broadcast_to(dof, shape)))


def _reps(reps: int | None) -> None:
    if reps is not None:
        count("reps", reps)


def hermite(N: int, beta: float, rng: np.random.Generator, sigma2: float = 1.0, spike: float = 0.0, reps: int | None = None) -> Tridiagonal:
    """beta-Hermite matrix scaled so that its ESD tends to the semicircle on [-2 sigma, 2 sigma].

    Diagonal N(0, 2)/sqrt(2); off-diagonal chi_{beta(N-1)}, ..., chi_beta over sqrt(2);
    then times sigma*sqrt(2/(beta N)) (THEORY.md §4.1). For beta = 1 this is the GOE.
    ``spike`` = theta adds theta e_1 e_1^T: Householder tridiagonalisation fixes e_1, so this
    is the spiked Wigner matrix theta v v^T + H in law, with e_1 the spike direction
    (THEORY.md §4.1). ``reps`` draws that many independent replicates as one batch.
    """
    count("N", N)
    positive("beta", beta)
    positive("sigma2", sigma2)
    if not (np.isfinite(spike) and spike >= 0):
        raise ValueError(f"spike={spike!r} is outside [0, oo)")
    _reps(reps)
    scale = np.sqrt(sigma2) * np.sqrt(2.0 / (beta * N))
    d = rng.standard_normal(N if reps is None else (reps, N)) * scale
    d[..., 0] += spike
    e = _chi(rng, beta * np.arange(N - 1, 0, -1, dtype=float), reps) * (scale / np.sqrt(2.0))
    return Tridiagonal(d, e)


def _first_row(rng, beta: float, dof: float, spike: float, shift: float, n: int, reps: int | None) -> np.ndarray:
    """Norm of the first data row: sqrt(spike) chi_{beta dof}, or noncentral when ``shift`` != 0."""
    size = None if reps is None else reps
    if shift:
        # row = shift sqrt(beta n) e_1 + beta-Gaussian row: squared norm is noncentral chi^2
        return np.sqrt(rng.noncentral_chisquare(beta * dof, beta * n * shift**2, size=size))
    return np.sqrt(spike * rng.chisquare(beta * dof, size=size))


def laguerre(
    p: int, n: int, beta: float, rng: np.random.Generator, sigma2: float = 1.0, spike: float = 1.0, shift: float = 0.0, reps: int | None = None
) -> Tridiagonal:
    """beta-Laguerre (Wishart) matrix scaled to S = X X^T / n with entry variance ``sigma2``.

    B is lower bidiagonal with diagonal chi_{beta n}, chi_{beta(n-1)}, ... and
    sub-diagonal chi_{beta(m-1)}, ..., chi_beta; T = B B^T/(beta n) has the MP law with
    gamma = p/n for every beta (THEORY.md §4.2). If p > n the nonzero spectrum is that
    of the n x n matrix with p degrees of freedom, plus p - n zeros.

    Rank-one perturbations of the first row of X (p <= n only; Golub-Kahan bidiagonalisation
    starting with a right reflection of row 1 leaves e_1 fixed on the left, so e_1 stays the
    spike direction and the squared first eigenvector component is the overlap):

    * ``spike`` = l: population covariance diag(l, 1, ..., 1); only the first chi variable
      is scaled by sqrt(l) (Bloemendal-Virag, arXiv 1011.1877; THEORY.md §4.3).
    * ``shift`` = theta: the information-plus-noise matrix theta u v^T + X/sqrt(n) of BGN
      (THEORY.md §3.3), u = e_1; the first variable becomes a noncentral chi with
      noncentrality beta n theta^2. The eigenvalues of T are its squared singular values.
    """
    count("p", p)
    count("n", n)
    positive("beta", beta)
    positive("sigma2", sigma2)
    positive("spike", spike)
    _reps(reps)
    m, dof, zeros = (p, n, 0) if p <= n else (n, p, p - n)
    if (spike != 1.0 or shift) and zeros:
        raise ValueError(f"spike/shift need p <= n (got p={p}, n={n})")
    diag = _chi(rng, beta * (dof - np.arange(1, m, dtype=float)), reps)
    diag = np.concatenate([np.asarray(_first_row(rng, beta, dof, spike, shift, n, reps))[..., None], diag], axis=-1)
    sub = _chi(rng, beta * np.arange(m - 1, 0, -1, dtype=float), reps)
    return _bidiagonal_product(diag, sub, sigma2 / (beta * n), zeros)


def _bidiagonal_product(diag: np.ndarray, sub: np.ndarray, scale: float, zeros: int = 0) -> Tridiagonal:
    """T = B B^T * scale for B lower bidiagonal (diagonal ``diag``, sub-diagonal ``sub``); ``sub`` may be as long as ``diag`` (a tall B), which adds one row."""
    k = diag.shape[-1]
    size = k + (sub.shape[-1] == k)
    d = np.zeros((*diag.shape[:-1], size))
    d[..., :k] = diag**2
    d[..., 1:] += sub**2
    e = diag[..., : size - 1] * sub[..., : size - 1]
    return Tridiagonal(d * scale, e * scale, zeros)


def rectangular(n: int, m: int, beta: float, rng: np.random.Generator, theta: float, side: str = "left", reps: int | None = None) -> Tridiagonal:
    """X~ X~^T (side='left', n x n) or X~^T X~ (side='right', nonzero part) of X~ = theta u v^T + X.

    X is n x m (n <= m) with i.i.d. entries of variance 1/m (THEORY.md §3.3). The eigenvalues
    are the squared singular values. Bidiagonalising from the side of the spike direction
    keeps it at e_1 (see ``laguerre``), so the squared first component of the top eigenvector
    is the left overlap <u~, u>^2 (side='left') or the right overlap <v~, v>^2 (side='right').
    Right: the m x n matrix X~^T, first row theta sqrt(beta m) e_1 plus a Gaussian n-vector;
    B is m x n lower bidiagonal with diagonal chi_{beta n}, ..., chi_beta and sub-diagonal
    chi_{beta(m-1)}, ..., chi_{beta(m-n)}, so T = B B^T is (n+1) x (n+1) with one extra zero.
    """
    count("n", n)
    count("m", m)
    if n > m:
        raise ValueError(f"n={n} must be <= m={m} (c = n/m in (0, 1])")
    if not (np.isfinite(theta) and theta >= 0):
        raise ValueError(f"theta={theta!r} is outside [0, oo)")
    if side == "left":
        return laguerre(n, m, beta, rng, shift=theta, reps=reps)
    if side != "right":
        raise ValueError(f"side={side!r} is not 'left' or 'right'")
    positive("beta", beta)
    _reps(reps)
    diag = _chi(rng, beta * (n - np.arange(1, n, dtype=float)), reps)
    first = np.sqrt(rng.noncentral_chisquare(beta * n, beta * m * theta**2, size=reps))
    diag = np.concatenate([np.asarray(first)[..., None], diag], axis=-1)
    sub = _chi(rng, beta * (m - np.arange(1, n + (m > n), dtype=float)), reps)  # chi_0 = 0 is dropped when m = n
    return _bidiagonal_product(diag, sub, 1.0 / (beta * m))


def extreme_eigenvalues(t: Tridiagonal, which: str = "largest", k: int = 1) -> np.ndarray:
    """The ``k`` largest or smallest eigenvalues of the tridiagonal part, by LAPACK ``stebz`` bisection (O(N) each). The zero block is not included."""
    N = t.d.size
    if which not in ("largest", "smallest"):
        raise ValueError(f"which={which!r} is not 'largest' or 'smallest'")
    if not 1 <= k <= N:
        raise ValueError(f"k={k} is outside [1, {N}]")
    rng = (N - k, N - 1) if which == "largest" else (0, k - 1)
    return scipy.linalg.eigvalsh_tridiagonal(t.d, t.e, select="i", select_range=rng, lapack_driver="stebz")


def eigenvector_first_component(
    t: Tridiagonal, eigenvalue: float | np.ndarray, iterations: int = 2, rng: np.random.Generator | None = None
) -> float | np.ndarray:
    """Squared first component of the unit eigenvector for an isolated ``eigenvalue``.

    Inverse iteration with LAPACK ``gtsv`` (O(N) per solve). The shift is nudged off the
    eigenvalue by a few ulps so the tridiagonal system stays solvable; for an outlier
    separated from the bulk by O(1), each iteration gains ~15 digits, so two suffice. In the
    spiked models e_1 is the spike direction, so this is the squared overlap <u, v>^2
    (THEORY.md §4.3). For a batch, pass one eigenvalue per replicate; an array comes back.
    """
    rng = rng or np.random.default_rng(0)
    if t.batched:
        eigenvalue = np.asarray(eigenvalue, dtype=float)
        return np.array([eigenvector_first_component(t[r], eigenvalue[r], iterations, rng) for r in range(t.d.shape[0])])
    shift = eigenvalue * (1 + 8 * np.finfo(float).eps) + 8 * np.finfo(float).tiny
    x = rng.standard_normal(t.d.size)
    for _ in range(iterations):
        _, _, _, x, info = scipy.linalg.lapack.dgtsv(t.e, t.d - shift, t.e, x)
        if info != 0:
            raise np.linalg.LinAlgError(f"gtsv failed with info={info}")
        x /= np.linalg.norm(x)
    return float(x[0] ** 2)
