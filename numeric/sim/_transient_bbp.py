"""Simulators of the transient-BBP model (``transient_bbp``).

The gradient-flow weights in closed form, and full-batch gradient descent on an explicit data matrix.

Closed form (exact in distribution, O(N^2) to sample, no ODE): in the eigenbasis U of C = X X^T,
U^T A(t) U = G diag(d) + W0' diag(e^{-t lam}) + theta v (c * v)^T with G_ij ~ N(0, sigma2/N) and
W0'_ij ~ N(0, sigma2_init/N) independent (Z X^T C^{-1} = Z W diag(1/sqrt(lam)) U^T, and Z W is
i.i.d. Gaussian for orthonormal W), c = 1 - e^{-t lam}, d = c / sqrt(lam); so column j of the
noise is i.i.d. N(0, v_j/N). The block weights of v are fixed exactly (|v_a|^2 = N_a/N, a uniform
direction within each block), which removes their O(N^{-1/2}) fluctuation from the outlier.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import scipy.linalg
import scipy.sparse.linalg

from ._args import count, nonnegative, positive
from ._dense import _eigvalsh, multiplicities
from ._xp import array_backend, host

__all__ = ["transient_bbp_eigenvalues", "transient_bbp_gd", "transient_bbp_overlap"]


def _model(N: int, t: float, theta: float, alpha: float, lam_plus: float, lam_minus: float, sigma2: float, sigma2_init: float):
    N = count("N", N)
    t, theta, sigma2_init = nonnegative("t", t), nonnegative("theta", theta), nonnegative("sigma2_init", sigma2_init)
    if not 0 < float(alpha) < 1:
        raise ValueError(f"alpha={alpha!r} is outside (0, 1)")
    for name, value in (("lam_plus", lam_plus), ("lam_minus", lam_minus), ("sigma2", sigma2)):
        positive(name, value)
    lam_plus, lam_minus, sigma2 = float(lam_plus), float(lam_minus), float(sigma2)
    counts = multiplicities(N, [float(alpha), 1.0 - float(alpha)])
    lam = np.repeat([lam_plus, lam_minus], counts)
    c = -np.expm1(-t * lam)
    v = sigma2 * c * c / lam + sigma2_init * np.exp(-2 * t * lam)
    return N, counts, lam, c, v


def _spike_direction(rng: np.random.Generator, counts: np.ndarray) -> np.ndarray:
    """A unit vector, uniform within each block, with |v_a|^2 = N_a / N exactly."""
    parts = []
    for n_a in counts:
        g = rng.standard_normal(int(n_a))
        parts.append(g / np.linalg.norm(g) * math.sqrt(n_a / counts.sum()) if n_a else g)
    return np.concatenate(parts)


def transient_bbp_eigenvalues(
    N: int,
    t: float,
    theta: float,
    alpha: float,
    lam_plus: float,
    lam_minus: float,
    sigma2: float,
    sigma2_init: float,
    rng: np.random.Generator,
    *,
    top: int | None = None,
    reps: int | None = None,
    backend: str = "cpu",
) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues of H(t) = (A + A^T)/2 for the gradient-flow weights A(t), sampled in closed form.

    Args:
        N: the dimension.
        t: training time.
        theta: the teacher's strength (``theta = 0`` gives the bulk alone).
        alpha: fraction of directions with eigenvalue ``lam_plus`` of C = X X^T.
        lam_plus: C's eigenvalue on the first block.
        lam_minus: C's eigenvalue on the second block.
        sigma2: label-noise variance (Z_ij ~ N(0, sigma2/N)).
        sigma2_init: initial weights' variance (W0_ij ~ N(0, sigma2_init/N)).
        rng: the generator (a CuPy generator is seeded from it on the GPU).
        top: only the ``top`` largest eigenvalues, else all. On the CPU, up to 8 of them come from
            Lanczos (ARPACK ``eigsh``, to machine precision, started from a vector drawn from ``rng``):
            O(N^2) per iteration instead of LAPACK's O(N^3).
        reps: a batch of independent matrices (a leading axis).
        backend: ``cpu`` or ``gpu``.

    Returns:
        ``(eigenvalues, realised_alpha)``: ascending, shape ``(N,)`` or ``(top,)`` (with ``reps``
        a leading axis), and the realised block fractions ``(N_+/N, N_-/N)``.

    Raises:
        ValueError: a parameter outside its domain.
    """
    N, counts, lam, c, v = _model(N, t, theta, alpha, lam_plus, lam_minus, sigma2, sigma2_init)
    if top is not None and not 1 <= int(top) <= N:
        raise ValueError(f"top={top!r} is outside [1, N={N}]")
    xp, gen = array_backend(backend, rng)
    n_mats = 1 if reps is None else count("reps", reps)
    out = []
    for _ in range(n_mats):
        h, _spike = _weights(xp, gen, rng, theta, counts, c, v)
        if top is not None and xp is np and int(top) <= 8 and N > 64:
            # Lanczos (ARPACK) to machine precision: O(N^2) per step instead of O(N^3); a seeded start
            vals = scipy.sparse.linalg.eigsh(h, k=int(top), which="LA", v0=rng.standard_normal(N), return_eigenvectors=False)
            out.append(np.sort(vals))
        elif top is not None and xp is np:
            out.append(scipy.linalg.eigvalsh(h, subset_by_index=(N - int(top), N - 1), driver="evr", overwrite_a=True, check_finite=False))
        else:
            e = _eigvalsh(xp, h)
            out.append(e if top is None else e[N - int(top) :])
    eigs = np.stack([host(e) for e in out])
    return (eigs[0] if reps is None else eigs), counts / N


def _weights(xp, gen, rng: np.random.Generator, theta: float, counts: np.ndarray, c: np.ndarray, v: np.ndarray, spike: bool = False):
    """(H, v): one draw of H(t) in C's eigenbasis (noise columns of variance v_j/N, the rank-two signal), and the spike.

    The spike is drawn where theta > 0 (or ``spike``), else None: a bulk-only draw takes nothing else from ``rng``.
    """
    N = int(counts.sum())
    a = gen.standard_normal((N, N)) * xp.asarray(np.sqrt(v / N))[None, :]
    h = (a + a.T) / 2
    u = _spike_direction(rng, counts) if theta > 0 or spike else None
    if theta > 0:
        s = xp.asarray(u)
        w = xp.asarray(c * u)
        h += (theta / 2) * (xp.outer(s, w) + xp.outer(w, s))
    return h, u


def transient_bbp_overlap(
    N: int,
    t: float,
    theta: float,
    alpha: float,
    lam_plus: float,
    lam_minus: float,
    sigma2: float,
    sigma2_init: float,
    rng: np.random.Generator,
    *,
    reps: int = 1,
    backend: str = "cpu",
) -> dict:
    """The top eigenvalue of H(t) and the squared overlap |<u, v>|^2 of its eigenvector with the spike, per replicate.

    The same closed-form draw as ``transient_bbp_eigenvalues`` (exact block weights of v); the
    top eigenpair by Lanczos (ARPACK ``eigsh``, seeded start) on the CPU, ``eigh`` on the GPU.

    Args:
        N: the dimension.
        t: training time.
        theta: the teacher's strength.
        alpha: fraction of directions with eigenvalue ``lam_plus`` of C = X X^T.
        lam_plus: C's eigenvalue on the first block.
        lam_minus: C's eigenvalue on the second block.
        sigma2: label-noise variance.
        sigma2_init: initial weights' variance.
        rng: the generator.
        reps: independent matrices.
        backend: ``cpu`` or ``gpu``.

    Returns:
        ``{"top": (reps,), "overlap": (reps,), "alpha": realised block fractions}``.

    Raises:
        ValueError: a parameter outside its domain.
    """
    N, counts, lam, c, v = _model(N, t, theta, alpha, lam_plus, lam_minus, sigma2, sigma2_init)
    xp, gen = array_backend(backend, rng)
    tops, overlaps = [], []
    for _ in range(count("reps", reps)):
        h, spike = _weights(xp, gen, rng, theta, counts, c, v, spike=True)
        if xp is np:
            vals, vecs = scipy.sparse.linalg.eigsh(h, k=1, which="LA", v0=rng.standard_normal(N))
            val, vec = float(vals[-1]), vecs[:, -1]
        else:
            vals, vecs = xp.linalg.eigh(h)
            val, vec = float(vals[-1]), host(vecs[:, -1])
        tops.append(val)
        overlaps.append(float(np.dot(vec, spike)) ** 2)
    return {"top": np.asarray(tops), "overlap": np.asarray(overlaps), "alpha": counts / N}


def transient_bbp_gd(
    N: int,
    M: int,
    t: float,
    etas: Any,
    theta: float,
    alpha: float,
    lam_plus: float,
    lam_minus: float,
    sigma2: float,
    sigma2_init: float,
    rng: np.random.Generator,
    *,
    top: int = 2,
    first_order: bool = True,
    backend: str = "cpu",
) -> dict:
    """Full-batch gradient descent on (1/2)|Y - A X|_F^2 with an explicit X, next to gradient flow.

    X = U diag(sqrt(lam)) W^T (N x M, M >= N) with U and W random orthogonal factors (Haar, by QR
    with the sign fix), so C = X X^T has ``lam_plus`` on ``multiplicities(N, (alpha, 1 - alpha))[0]``
    directions and ``lam_minus`` on the rest; Y = theta v v^T X + Z, with v = U u and u uniform
    within each block at the exact block weights |u_a|^2 = N_a/N (as ``transient_bbp_eigenvalues``).
    From A(0) = W0, each step is A <- A + eta (Y - A X) X^T, run for round(t/eta) steps (t is
    rounded to a multiple of eta); gradient flow at the same time is
    A(t) = Y X^T C^{-1}(I - e^{-tC}) + W0 e^{-tC}, evaluated in U's basis. Both use the same X, Z,
    W0 and v.

    Args:
        N: the weights are N x N.
        M: the number of samples (X is N x M).
        t: training time.
        etas: the steps (each with eta * max(lam) < 1).
        theta: the teacher's strength.
        alpha: fraction of directions with eigenvalue ``lam_plus`` of C = X X^T.
        lam_plus: C's eigenvalue on the first block.
        lam_minus: C's eigenvalue on the second block.
        sigma2: label-noise variance (Z_ij ~ N(0, sigma2/N)).
        sigma2_init: initial weights' variance (W0_ij ~ N(0, sigma2_init/N)).
        rng: the generator (a CuPy generator is seeded from it on the GPU).
        top: how many of H's largest eigenvalues to return.
        first_order: also compute ``first_order`` (it needs the flow's eigenvectors); else NaN.
        backend: ``cpu`` or ``gpu`` (the matrix products, QR and eigensolvers on CuPy).

    Returns:
        ``{"eta": etas, "time": the times k eta, "gd": top eigenvalues of H per eta (ascending),
        "flow": those of gradient flow at each time, "first_order": the per-eta first-order
        prediction of gd - flow for the top eigenvalue}``. Per mode, (1 - eta lam)^k differs from
        e^{-lam k eta} by -(eta lam^2 k eta / 2) e^{-lam k eta} + O(eta^2); its effect on the top
        eigenvalue is u^T sym(dA) u (first-order perturbation, u the top eigenvector of gradient
        flow's H), so gd - flow = eta * first_order + O(eta^2).

    Raises:
        ValueError: a parameter outside its domain, M < N, or an eta with eta * max(lam) >= 1
            (the scheme oscillates or diverges).
    """
    N, counts, lam, c, v = _model(N, t, theta, alpha, lam_plus, lam_minus, sigma2, sigma2_init)
    M = count("M", M)
    if M < N:
        raise ValueError(f"M={M} must be >= N={N}")
    if not 1 <= int(top) <= N:
        raise ValueError(f"top={top!r} is outside [1, N={N}]")
    etas = np.atleast_1d(np.asarray(etas, dtype=float))
    if np.any(~(etas > 0)) or np.any(etas * lam.max() >= 1):
        raise ValueError(f"etas={etas.tolist()} must lie in (0, 1/max(lam) = {1 / lam.max():g})")
    xp, gen = array_backend(backend, rng)
    u_mat = _haar(xp, gen, N, N)
    w_mat = _haar(xp, gen, M, N)
    lam_d = xp.asarray(lam)
    x = (u_mat * xp.sqrt(lam_d)) @ w_mat.T
    spike = u_mat @ xp.asarray(_spike_direction(rng, counts))
    z = gen.standard_normal((N, M)) * math.sqrt(sigma2 / N)
    w0 = gen.standard_normal((N, N)) * math.sqrt(sigma2_init / N)
    y = theta * xp.outer(spike, spike @ x) + z
    yx = y @ x.T
    cmat = x @ x.T
    b = yx @ u_mat  # Y X^T U; A(t) U = (Y X^T U) diag((1 - e)/lam) + W0 U diag(e)
    w0u = w0 @ u_mat
    gd, flow, first, times = [], [], [], []
    for eta in etas:
        k = int(round(t / eta))
        tk = k * eta
        a = w0.copy()
        for _ in range(k):
            a += eta * (yx - a @ cmat)
        gd.append(_top(xp, (a + a.T) / 2, top))
        decay = xp.asarray(np.exp(-tk * lam))
        af = (b * xp.asarray(-np.expm1(-tk * lam) / lam) + w0u * decay) @ u_mat.T
        if not first_order:
            flow.append(_top(xp, (af + af.T) / 2, top))
            first.append(math.nan)
            times.append(tk)
            continue
        vals, vecs = xp.linalg.eigh((af + af.T) / 2)
        flow.append(host(vals[N - top :]))
        # d/d eta of the discrete modes at eta -> 0: e^{-lam t} -> e^{-lam t} (1 - eta lam^2 t / 2)
        dd = -(lam_d * lam_d * tk / 2) * decay
        da = (-b / lam_d * dd + w0u * dd) @ u_mat.T
        top_vec = vecs[:, -1]
        first.append(float(top_vec @ ((da + da.T) / 2) @ top_vec))
        times.append(tk)
    return {"eta": etas, "time": np.asarray(times), "gd": np.asarray(gd), "flow": np.asarray(flow), "first_order": np.asarray(first)}


def _top(xp, h, k: int) -> np.ndarray:
    """The k largest eigenvalues of the symmetric h, ascending, on the host (LAPACK's subset driver on the CPU)."""
    n = h.shape[0]
    if xp is np:
        return scipy.linalg.eigvalsh(h, subset_by_index=(n - k, n - 1), driver="evr", overwrite_a=True, check_finite=False)
    return host(xp.linalg.eigvalsh(h)[n - k :])


def _haar(xp, gen, rows: int, cols: int):
    """A rows x cols matrix with orthonormal columns, Haar-distributed (QR of a Gaussian, R's diagonal made positive)."""
    q, r = xp.linalg.qr(gen.standard_normal((rows, cols)))
    return q * xp.sign(xp.diagonal(r))[None, :]
