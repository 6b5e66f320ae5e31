"""Dense Wishart and Wigner samplers on the CPU (LAPACK) or the GPU (CuPy, cuSOLVER).

Entries are Gaussian, Rademacher or Student-t (heavy-tailed, scaled to unit variance; ``df``
degrees of freedom, df > 2). Dense non-Gaussian ensembles have no tridiagonal model, which
is where a GPU pays: ``backend="gpu"`` draws the matrix on the device and calls
``cupy.linalg.eigvalsh`` (batched over ``reps`` when given). Results always come back as
numpy arrays.

The spiked samplers put the spike along a uniformly random unit vector, not e_1, so they
cross-validate the tridiagonal models (which rely on invariance to move it to e_1).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import scipy.linalg

from ._args import count, positive
from ._xp import array_backend, host

__all__ = [
    "DISTRIBUTIONS",
    "anisotropic_wishart_eigenvalues",
    "block_wigner_eigenvalues",
    "multiplicities",
    "spiked_rect_top",
    "spiked_wigner_top",
    "spiked_wishart_top",
    "wigner_eigenvalues",
    "wishart_eigenvalues",
]

DISTRIBUTIONS = ("gaussian", "rademacher", "student_t")


def _check(dist: str, df: float) -> None:
    if dist not in DISTRIBUTIONS:
        raise ValueError(f"dist={dist!r} is not one of {DISTRIBUTIONS}")
    if dist == "student_t" and not (np.isfinite(df) and df > 2):
        raise ValueError(f"df={df!r} is outside (2, oo): Student-t entries need a finite variance")


def _entries(xp: Any, gen: Any, shape: tuple[int, ...], dist: str, df: float = 5.0) -> Any:
    """I.i.d. mean-0, variance-1 entries."""
    _check(dist, df)
    if dist == "gaussian":
        return gen.standard_normal(shape)
    if dist == "rademacher":
        if xp is np:
            return gen.integers(0, 2, size=shape, dtype=np.int8).astype(np.float64) * 2.0 - 1.0
        return xp.where(gen.random(shape) < 0.5, 1.0, -1.0)
    # t = z / sqrt(chi2_df / df) has variance df / (df - 2)
    return gen.standard_normal(shape) * xp.sqrt((df - 2.0) / gen.chisquare(df, shape))


def _eigvalsh(xp: Any, a: Any) -> np.ndarray:
    if xp is np and a.ndim == 2:
        return scipy.linalg.eigvalsh(a, driver="evd", overwrite_a=True, check_finite=False)
    return host(xp.linalg.eigvalsh(a))  # numpy: stacked LAPACK; CuPy: cuSOLVER (batched syevj for stacks)


def _shape(reps: int | None, *dims: int) -> tuple[int, ...]:
    return dims if reps is None else (count("reps", reps), *dims)


def wishart_eigenvalues(
    p: int,
    n: int,
    rng: np.random.Generator,
    dist: str = "gaussian",
    sigma2: float = 1.0,
    *,
    df: float = 5.0,
    reps: int | None = None,
    backend: str = "cpu",
) -> np.ndarray:
    """Eigenvalues of S = X X^T/n, X p x n with i.i.d. mean-0, variance-``sigma2`` entries (sorted).

    With ``reps``, a (reps, p) array from that many independent matrices in one batched call.
    """
    p, n = count("p", p), count("n", n)
    positive("sigma2", sigma2)
    _check(dist, df)
    xp, gen = array_backend(backend, rng)
    x = _entries(xp, gen, _shape(reps, p, n), dist, df) * math.sqrt(sigma2)
    return _eigvalsh(xp, x @ xp.swapaxes(x, -1, -2) / n)


def wigner_eigenvalues(
    N: int,
    rng: np.random.Generator,
    dist: str = "gaussian",
    sigma2: float = 1.0,
    *,
    df: float = 5.0,
    reps: int | None = None,
    backend: str = "cpu",
) -> np.ndarray:
    """Eigenvalues of a symmetric N x N matrix with off-diagonal variance ``sigma2/N`` (sorted)."""
    N = count("N", N)
    positive("sigma2", sigma2)
    _check(dist, df)
    xp, gen = array_backend(backend, rng)
    a = xp.triu(_entries(xp, gen, _shape(reps, N, N), dist, df))
    h = (a + xp.swapaxes(xp.triu(a, 1), -1, -2)) * math.sqrt(sigma2 / N)
    return _eigvalsh(xp, h)


def _positive_vector(name: str, values) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    if v.ndim != 1 or v.size < 1 or np.any(~np.isfinite(v)) or np.any(v <= 0):
        raise ValueError(f"{name}={v.tolist()} must be a 1-D array of positive numbers")
    return v


def multiplicities(total: int, weights) -> np.ndarray:
    """Integer counts summing to ``total`` in proportion to ``weights`` (largest remainder).

    The finite-size spectrum a simulator realises is ``counts / total``: checks judge the law
    at those realised weights, as the MP checks judge it at the realised ratio p/n.
    """
    total = count("total", total)
    w = _positive_vector("weights", weights)
    share = w / w.sum() * total
    counts = np.floor(share).astype(int)
    counts[np.argsort(counts - share, kind="stable")[: total - counts.sum()]] += 1
    return counts


def anisotropic_wishart_eigenvalues(
    p: int,
    n: int,
    atoms,
    weights,
    rng: np.random.Generator,
    dist: str = "gaussian",
    *,
    df: float = 5.0,
    reps: int | None = None,
    backend: str = "cpu",
) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues of S = Sigma^{1/2} X X^T Sigma^{1/2}/n, X p x n with i.i.d. mean-0, unit-variance entries.

    Sigma is diagonal with ``atoms[i]`` repeated ``multiplicities(p, weights)[i]`` times (for
    Gaussian X any Sigma with that spectrum gives the same law; other entries are universal).

    Returns:
        ``(eigenvalues, realised_weights)``: sorted eigenvalues (``(reps, p)`` with ``reps``) and
        the weights p_i/p of the spectrum actually simulated.
    """
    p, n = count("p", p), count("n", n)
    t = _positive_vector("atoms", atoms)
    counts = multiplicities(p, weights)
    if counts.size != t.size:
        raise ValueError(f"weights has length {counts.size} but atoms has length {t.size}")
    _check(dist, df)
    xp, gen = array_backend(backend, rng)
    scale = xp.asarray(np.repeat(np.sqrt(t), counts))
    y = _entries(xp, gen, _shape(reps, p, n), dist, df) * scale[:, None]
    return _eigvalsh(xp, y @ xp.swapaxes(y, -1, -2) / n), counts / p


def block_wigner_eigenvalues(
    N: int,
    alpha,
    S,
    rng: np.random.Generator,
    dist: str = "gaussian",
    *,
    df: float = 5.0,
    reps: int | None = None,
    backend: str = "cpu",
) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues of a symmetric N x N matrix with E H_ij^2 = S_ab/N for i in block a, j in block b.

    Block a holds ``multiplicities(N, alpha)[a]`` indices; the diagonal has the same variance
    profile (it does not change the limit).

    Returns:
        ``(eigenvalues, realised_alpha)``: sorted eigenvalues (``(reps, N)`` with ``reps``) and the
        block fractions actually simulated.
    """
    N = count("N", N)
    s = np.asarray(S, dtype=float)
    counts = multiplicities(N, alpha)
    K = counts.size
    if s.shape != (K, K) or np.any(~np.isfinite(s)) or np.any(s < 0) or not np.allclose(s, s.T, rtol=1e-12, atol=0):
        raise ValueError(f"S={s.tolist()} must be a symmetric {K} x {K} matrix of non-negative numbers")
    _check(dist, df)
    xp, gen = array_backend(backend, rng)
    block = np.repeat(np.arange(K), counts)
    sd = xp.asarray(np.sqrt(s[np.ix_(block, block)] / N))
    a = xp.triu(_entries(xp, gen, _shape(reps, N, N), dist, df))
    h = (a + xp.swapaxes(xp.triu(a, 1), -1, -2)) * sd
    return _eigvalsh(xp, h), counts / N


def _unit(rng: np.random.Generator, dim: int) -> np.ndarray:
    v = rng.standard_normal(dim)
    return v / np.linalg.norm(v)


def _top_pair(xp: Any, a: Any, v: Any) -> tuple[float, float]:
    """Top eigenvalue of symmetric ``a`` and the squared overlap of its eigenvector with ``v``."""
    if xp is np:
        w, u = scipy.linalg.eigh(a, subset_by_index=(a.shape[0] - 1, a.shape[0] - 1), driver="evr")
        return float(w[0]), float((u[:, 0] @ v) ** 2)
    w, u = xp.linalg.eigh(a)
    return float(w[-1]), float((u[:, -1] @ v) ** 2)


def spiked_wishart_top(
    p: int, n: int, theta: float, rng: np.random.Generator, *, dist: str = "gaussian", df: float = 5.0, backend: str = "cpu"
) -> tuple[float, float]:
    """Top eigenvalue of S = Sigma^{1/2} X X^T Sigma^{1/2}/n, Sigma = I + theta v v^T, and <u_1, v>^2 (real)."""
    p, n = count("p", p), count("n", n)
    positive("theta", theta)
    v_host = _unit(rng, p)
    xp, gen = array_backend(backend, rng)
    v = xp.asarray(v_host)
    x = _entries(xp, gen, (p, n), dist, df)
    x += xp.outer(v, (math.sqrt(1.0 + theta) - 1.0) * (v @ x))  # Sigma^{1/2} X
    return _top_pair(xp, x @ x.T / n, v)


def spiked_wigner_top(
    N: int, theta: float, rng: np.random.Generator, sigma2: float = 1.0, *, dist: str = "gaussian", df: float = 5.0, backend: str = "cpu"
) -> tuple[float, float]:
    """Top eigenvalue of theta v v^T + H (Wigner, off-diagonal variance sigma2/N) and <u_1, v>^2."""
    N = count("N", N)
    positive("theta", theta)
    positive("sigma2", sigma2)
    v_host = _unit(rng, N)
    xp, gen = array_backend(backend, rng)
    v = xp.asarray(v_host)
    a = _entries(xp, gen, (N, N), dist, df)
    h = (a + a.T) * math.sqrt(sigma2 / (2 * N)) + theta * xp.outer(v, v)
    return _top_pair(xp, h, v)


def spiked_rect_top(
    n: int, m: int, theta: float, rng: np.random.Generator, *, dist: str = "gaussian", df: float = 5.0, backend: str = "cpu"
) -> tuple[float, float, float]:
    """Top singular value of theta u v^T + X (X n x m, i.i.d. entries of variance 1/m) and its left/right squared overlaps."""
    n, m = count("n", n), count("m", m)
    positive("theta", theta)
    u_host, v_host = _unit(rng, n), _unit(rng, m)
    xp, gen = array_backend(backend, rng)
    u, v = xp.asarray(u_host), xp.asarray(v_host)
    x = _entries(xp, gen, (n, m), dist, df) / math.sqrt(m) + theta * xp.outer(u, v)
    if xp is np:
        left, s, right_t = scipy.linalg.svd(x, full_matrices=False, lapack_driver="gesdd")
    else:
        left, s, right_t = xp.linalg.svd(x, full_matrices=False)
    return float(s[0]), float((left[:, 0] @ u) ** 2), float((right_t[0] @ v) ** 2)
