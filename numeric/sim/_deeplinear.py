"""Batched full-batch gradient descent on deep linear networks (THEORY.md §5).

Network y^ = W_D ... W_1 x with layer sizes ``dims = (N_in, N_1, ..., N_out)``, whitened
inputs (Sigma_xx = I) and a teacher Sigma_yx = U diag(s) V^T with random orthonormal U, V.
On whitened inputs the full-batch gradient of L = (1/2) E|y - y^|^2 depends on the data only
through Sigma_yx, so one step is W_l <- W_l + eta W_{>l}^T (Sigma_yx - W_D...W_1) W_{<l}^T:
real weight matrices, many seeds at once. With t = k eta this is Euler's method for the
gradient flow with tau = 1, so the analytic curves are evaluated at tau = 1.

All matrices are zero-padded to the widest layer: the padding stays exactly zero under the
update (its gradient rows and columns vanish), so every product is a fixed-size matmul and
one numba ``prange`` over seeds runs the whole trajectory. ``backend="gpu"`` runs the same
update as batched matmuls over all seeds at once on the device (CuPy/cuBLAS), which pays
for thousands of seeds or wide layers; ``_train_batched`` with numpy is its CPU twin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit, prange

from ._args import count, positive
from ._xp import host, resolve_backend

__all__ = ["INITS", "Trajectory", "deep_linear_gd", "network_function"]

INITS = ("aligned", "small", "zero_balanced")


@dataclass(frozen=True)
class Trajectory:
    """Recorded training run: ``modes[r, k, a]`` = u_a^T W(t_k) v_a for seed r, time t_k, mode a."""

    times: np.ndarray  # (T,) continuous time t = step * eta (tau = 1)
    modes: np.ndarray  # (reps, T, n_modes)
    loss: np.ndarray  # (reps, T): (1/2)|Sigma_yx - W|_F^2, the loss above its minimum
    s: np.ndarray
    eta: float
    dims: tuple[int, ...]
    product: np.ndarray  # (reps, T, N_out, N_in): the network function W_D...W_1 at each time
    teacher: tuple[np.ndarray, np.ndarray]  # U (N_out x m), V (N_in x m)
    initial: tuple[np.ndarray, ...]  # per layer l: (reps, N_{l+1}, N_l), the weights at t = 0

    @property
    def u0(self) -> np.ndarray:
        """(reps, n_modes): the initial mode strengths."""
        return self.modes[:, 0, :]


@njit(parallel=True, cache=True)
def _train(weights, sigma, eta, steps, stride, u_vecs, v_vecs, modes, loss, product):
    reps, depth, m, _ = weights.shape
    n_modes = u_vecs.shape[1]
    for r in prange(reps):
        w = weights[r].copy()
        pre = np.zeros((depth + 1, m, m))  # pre[0] and suf[depth] stay the identity
        suf = np.zeros((depth + 1, m, m))
        for i in range(m):
            pre[0, i, i] = 1.0
            suf[depth, i, i] = 1.0
        rec = 0
        for k in range(steps + 1):
            for layer in range(depth):
                pre[layer + 1] = w[layer] @ pre[layer]
            err = sigma - pre[depth]
            if k % stride == 0:
                product[r, rec] = pre[depth]
                proj = u_vecs.T @ pre[depth] @ v_vecs  # (modes x modes); its diagonal is u_a^T W v_a
                for a in range(n_modes):
                    modes[r, rec, a] = proj[a, a]
                loss[r, rec] = 0.5 * np.sum(err * err)
                rec += 1
            if k == steps:
                break
            for layer in range(depth - 1, -1, -1):
                suf[layer] = suf[layer + 1] @ w[layer]
            for layer in range(depth):
                w[layer] += eta * (suf[layer + 1].T @ err @ pre[layer].T)


def _train_batched(xp, weights, sigma, eta, steps, stride, u_vecs, v_vecs):
    """The update of ``_train`` as (reps, m, m) batched matmuls; returns (modes, loss, product)."""
    reps, depth, m, _ = weights.shape
    w = [weights[:, layer].copy() for layer in range(depth)]
    eye = xp.broadcast_to(xp.eye(m), (reps, m, m))
    n_rec = steps // stride + 1
    modes = xp.empty((reps, n_rec, u_vecs.shape[1]))
    loss = xp.empty((reps, n_rec))
    product = xp.empty((reps, n_rec, m, m))
    rec = 0
    for k in range(steps + 1):
        pre = [eye]
        for layer in range(depth):
            pre.append(w[layer] @ pre[layer])
        err = sigma - pre[depth]
        if k % stride == 0:
            product[:, rec] = pre[depth]
            modes[:, rec] = xp.einsum("ia,rij,ja->ra", u_vecs, pre[depth], v_vecs)
            loss[:, rec] = 0.5 * xp.sum(err * err, axis=(1, 2))
            rec += 1
        if k == steps:
            break
        suf = [None] * depth + [eye]
        for layer in range(depth - 1, -1, -1):
            suf[layer] = suf[layer + 1] @ w[layer]
        for layer in range(depth):
            w[layer] = w[layer] + eta * (xp.swapaxes(suf[layer + 1], 1, 2) @ err @ xp.swapaxes(pre[layer], 1, 2))
    return modes, loss, product


def _orthonormal(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((rows, cols)))
    return q * np.sign(np.diag(r))


def _pad(mat: np.ndarray, m: int) -> np.ndarray:
    out = np.zeros((m, m))
    out[: mat.shape[0], : mat.shape[1]] = mat
    return out


def deep_linear_gd(
    s,
    dims,
    eta: float,
    t_max: float,
    rng: np.random.Generator,
    *,
    init: str = "aligned",
    u0=1e-3,
    strengths=None,
    scale: float = 1e-3,
    reps: int = 1,
    record_every: float | None = None,
    backend: str = "cpu",
) -> Trajectory:
    """Train ``reps`` independent networks by full-batch gradient descent and record the modes.

    Args:
        s: teacher singular values (m of them, m <= every layer width).
        dims: layer sizes (N_in, hidden..., N_out); depth D = len(dims) - 1 >= 2.
        eta: learning rate; the run takes round(t_max/eta) steps.
        t_max: the training time.
        rng: the seeded generator every draw comes from.
        init: 'aligned' (W_l = R_l A_l R_{l-1}^T with R_0 = V, R_D = U and random orthonormal
            hidden frames; A_l = u0^(1/D) per mode, or ``strengths[l, a]`` per layer and mode),
            'small' (i.i.d. N(0, scale^2/N_in) entries), or 'zero_balanced' (D = 2:
            W_1 = R L Vt^T, W_2 = Ut L R^T with random frames unrelated to the teacher, so
            W_1 W_1^T = W_2^T W_2 but the modes are not aligned; L = scale * diag(U(0.5, 1.5))).
        u0: the initial mode strength of the 'aligned' start.
        strengths: per-layer, per-mode strengths of the 'aligned' start (overrides ``u0``).
        scale: the entry scale of the 'small' and 'zero_balanced' starts.
        reps: the number of independent networks.
        record_every: time between recordings (default: 200 records over the run); it is
            rounded to a whole number of steps.
        backend: 'cpu' (numba, parallel over seeds) or 'gpu' (CuPy batched matmuls over
            seeds). The initial weights come from ``rng`` on the host either way, so both
            backends train the same networks and agree to rounding.
    """
    s = np.atleast_1d(np.asarray(s, dtype=float))
    dims = tuple(int(d) for d in dims)
    depth = len(dims) - 1
    if depth < 2:
        raise ValueError(f"dims={dims} must have at least 3 entries (depth >= 2)")
    if s.ndim != 1 or s.size < 1 or np.any(s <= 0) or not np.all(np.isfinite(s)):
        raise ValueError(f"s={s} must be positive teacher singular values")
    if min(dims) < s.size:
        raise ValueError(f"every layer width in dims={dims} must be >= the number of modes {s.size}")
    positive("eta", eta)
    positive("t_max", t_max)
    if init not in INITS:
        raise ValueError(f"init={init!r} is not one of {INITS}")
    reps = count("reps", reps)
    resolve_backend(backend)  # ValueError naming the choices
    if init == "zero_balanced" and depth != 2:
        raise ValueError("init='zero_balanced' needs depth 2 (dims of length 3)")
    steps = max(1, round(t_max / eta))
    stride = max(1, round((record_every if record_every is not None else t_max / 200) / eta))
    m_modes, width = s.size, max(dims)
    u_t, v_t = _orthonormal(rng, dims[-1], m_modes), _orthonormal(rng, dims[0], m_modes)
    sigma = _pad(u_t @ np.diag(s) @ v_t.T, width)

    weights = np.zeros((reps, depth, width, width))
    for r in range(reps):
        for layer, w in enumerate(_initial(init, dims, s, u_t, v_t, rng, u0, strengths, scale)):
            weights[r, layer] = _pad(w, width)
    n_rec = steps // stride + 1
    modes = np.empty((reps, n_rec, m_modes))
    loss = np.empty((reps, n_rec))
    product = np.empty((reps, n_rec, width, width))
    u_pad, v_pad = np.zeros((width, m_modes)), np.zeros((width, m_modes))
    u_pad[: dims[-1]], v_pad[: dims[0]] = u_t, v_t
    initial = tuple(weights[:, layer, : dims[layer + 1], : dims[layer]].copy() for layer in range(depth))
    if resolve_backend(backend).gpu:
        from .._cupy import device

        cupy = device()
        modes, loss, product = (
            host(a)
            for a in _train_batched(cupy, cupy.asarray(weights), cupy.asarray(sigma), float(eta), steps, stride, cupy.asarray(u_pad), cupy.asarray(v_pad))
        )
    else:
        _train(weights, sigma, float(eta), steps, stride, np.ascontiguousarray(u_pad), np.ascontiguousarray(v_pad), modes, loss, product)
    times = np.arange(n_rec) * stride * eta
    return Trajectory(times, modes, loss, s, float(eta), dims, product[:, :, : dims[-1], : dims[0]], (u_t, v_t), initial)


def _initial(init, dims, s, u_t, v_t, rng, u0, strengths, scale):
    depth, m_modes = len(dims) - 1, s.size
    if init == "aligned":
        if strengths is None:
            u0 = np.broadcast_to(np.asarray(u0, dtype=float), (m_modes,))
            if np.any(u0 <= 0):
                raise ValueError("u0 must be positive for an aligned initialisation")
            strengths = np.tile(u0 ** (1.0 / depth), (depth, 1))
        strengths = np.asarray(strengths, dtype=float)
        if strengths.shape != (depth, m_modes):
            raise ValueError(f"strengths must have shape (depth, modes) = {(depth, m_modes)}")
        frames = [v_t] + [_orthonormal(rng, d, m_modes) for d in dims[1:-1]] + [u_t]
        return [frames[layer + 1] @ np.diag(strengths[layer]) @ frames[layer].T for layer in range(depth)]
    if init == "small":
        return [scale * rng.standard_normal((dims[layer + 1], dims[layer])) / math.sqrt(dims[0]) for layer in range(depth)]
    hidden = dims[1]
    lam = scale * np.diag(rng.uniform(0.5, 1.5, hidden))
    frame = _orthonormal(rng, hidden, hidden)
    vt, ut = _orthonormal(rng, dims[0], hidden), _orthonormal(rng, dims[2], hidden)
    return [frame @ lam @ vt.T, ut @ lam @ frame.T]


def network_function(t, w1, w2, sigma_yx, tau: float = 1.0) -> np.ndarray:
    """W_2 W_1 at time(s) ``t`` for zero-balanced initial weights (W_1 W_1^T = W_2^T W_2).

    By the matrix Riccati solution (Fukumizu 1998; Braun, Domine, Fitzgerald & Saxe, NeurIPS 2022;
    THEORY.md §5.5): with Q = [W_1^T; W_2] and F = [[0, Sigma^T], [Sigma, 0]],
    QQ^T(t) = e^{Ft/tau} Q0 [I + (1/2) Q0^T F^{-1}(e^{2Ft/tau} - I) Q0]^{-1} Q0^T e^{Ft/tau},
    evaluated through the eigendecomposition of the symmetric F (the factor F^{-1}(e^{2Ft/tau} - I)
    is 2t/tau on zero eigenvalues, expm1 elsewhere). Returns the lower-left block of QQ^T.
    """
    w1, w2, sig = (np.asarray(a, dtype=float) for a in (w1, w2, sigma_yx))
    n_in, n_out = w1.shape[1], w2.shape[0]
    if sig.shape != (n_out, n_in):
        raise ValueError(f"sigma_yx has shape {sig.shape}, expected {(n_out, n_in)}")
    gap = np.abs(w1 @ w1.T - w2.T @ w2).max()
    if gap > 1e-8 * max(1.0, np.abs(w1).max() ** 2):
        raise ValueError(f"the initial weights are not zero-balanced: max |W1 W1^T - W2^T W2| = {gap:.3g}")
    f = np.zeros((n_in + n_out, n_in + n_out))
    f[:n_in, n_in:] = sig.T
    f[n_in:, :n_in] = sig
    lam, vec = np.linalg.eigh(f)
    q0 = np.vstack([w1.T, w2])
    proj = vec.T @ q0
    out = []
    for tt in np.atleast_1d(np.asarray(t, dtype=float)):
        x = lam * tt / tau
        grow = np.where(lam != 0, np.expm1(2 * x) / np.where(lam != 0, lam, 1.0), 2 * tt / tau)
        inner = np.eye(q0.shape[1]) + 0.5 * proj.T @ (grow[:, None] * proj)
        left = vec @ (np.exp(x)[:, None] * proj)  # e^{Ft/tau} Q0
        qqt = left @ np.linalg.solve(inner, left.T)
        out.append(qqt[n_in:, :n_in])
    return np.array(out)
