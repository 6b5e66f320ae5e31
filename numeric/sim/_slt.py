"""Singular-learning-theory samplers: reduced-rank regression data and the local learning coefficient.

``llc_sgld`` is the estimator of Lau, Furman, Wang, Murfet & Wei, *The Local Learning Coefficient:
A Singularity-Aware Complexity Measure*, arXiv 2308.12108 (their eq. for lambda-hat and the
localised SGLD sampler): chains of stochastic-gradient Langevin dynamics at inverse temperature
beta* = 1/log n on the localised tempered posterior
p(w) prop. to exp(-n beta* L_n(w) - (gamma/2)|w - w*|^2), and
lambda-hat = n beta* (E_w L_n(w) - L_n(w*)). The model is a deep linear network
f(x) = W_L ... W_1 x (``dims`` = (d_in, h_1, ..., d_out); depth 2 is reduced-rank regression)
with the Gaussian log-loss L_n(w) = (1/2n) sum_i |y_i - f(x_i)|^2 (noise variance 1), so
L_n depends on the data only through Sxx = X^T X/n, Syx = Y^T X/n and tr(Y^T Y)/n: with
``batch=None`` each step's gradient is the full-batch one at O(d^3) cost whatever n (Langevin
dynamics, the sampler's minibatch noise set to zero); with ``batch=m`` each chain draws m rows
per step (SGLD proper). Chains run in parallel in numba; the Gaussian increments and minibatch
indices come from the caller's Generator, so a run is a pure function of its seed.
``wbic`` is Watanabe's WBIC (arXiv 1208.6338, eq. (5)): E_w^{beta*}[n L_n(w)] at gamma = 0.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import scipy.integrate
import scipy.special
from numba import njit, prange

from ._args import count, positive
from ._gibbs import PriorGrid, gibbs_average, prior_grid
from ._xp import host, resolve_backend

__all__ = [
    "ReducedRankData",
    "bounded_gibbs_risk",
    "bounded_gibbs_risk_two_input",
    "two_input_population_free_energy",
    "llc_reduced_rank",
    "llc_sgld",
    "reduced_rank_data",
    "reduced_rank_fit",
    "reduced_rank_free_energy",
]


@dataclass(frozen=True)
class ReducedRankData:
    """Data y = M x + noise: ``x`` (n, d_in), ``y`` (n, d_out), the true ``m_star`` (d_out, d_in) and its rank."""

    x: np.ndarray
    y: np.ndarray
    m_star: np.ndarray
    true_rank: int


def reduced_rank_data(n: int, d_in: int, d_out: int, true_rank: int, rng: np.random.Generator, *, scale: float = 1.0) -> ReducedRankData:
    """N(0, I) inputs, a true matrix of rank ``true_rank`` with singular values ``scale``, unit Gaussian noise.

    Raises:
        ValueError: a non-integer or negative size, or ``true_rank > min(d_in, d_out)``.
    """
    n, d_in, d_out = count("n", n), count("d_in", d_in), count("d_out", d_out)
    true_rank = count("true_rank", true_rank, 0)
    positive("scale", scale)
    if true_rank > min(d_in, d_out):
        raise ValueError(f"true_rank={true_rank} is outside [0, min(d_in, d_out) = {min(d_in, d_out)}]")
    u = np.linalg.qr(rng.standard_normal((d_out, d_out)))[0][:, :true_rank]
    v = np.linalg.qr(rng.standard_normal((d_in, d_in)))[0][:, :true_rank]
    m_star = scale * u @ v.T
    x = rng.standard_normal((n, d_in))
    y = x @ m_star.T + rng.standard_normal((n, d_out))
    return ReducedRankData(x, y, m_star, true_rank)


def reduced_rank_fit(data: ReducedRankData, rank: int) -> list[np.ndarray]:
    """w*: the empirical minimiser of L_n over rank-``rank`` matrices, factored as [A, B] (M = B A).

    Reduced-rank least squares: the OLS fit M_ols, whitened by Sxx^{1/2}, truncated to its top
    ``rank`` singular directions (Eckart-Young in the Sxx metric), split evenly as B = U S^{1/2},
    A = S^{1/2} V^T Sxx^{-1/2}.
    """
    rank = count("rank", rank)
    sxx = data.x.T @ data.x / len(data.x)
    syx = data.y.T @ data.x / len(data.x)
    evals, evecs = np.linalg.eigh(sxx)
    inv_half = evecs @ np.diag(1 / np.sqrt(evals)) @ evecs.T
    u, s, vt = np.linalg.svd(syx @ inv_half)  # M_ols Sxx^{1/2} = Syx Sxx^{-1/2}
    k = min(rank, len(s))
    root = np.sqrt(s[:k])
    b = np.zeros((data.y.shape[1], rank))
    a = np.zeros((rank, data.x.shape[1]))
    b[:, :k] = u[:, :k] * root
    a[:k] = (root[:, None] * vt[:k]) @ inv_half
    return [a, b]


@njit(cache=True)
def _loss(ws, offs, dims, sxx, syx, syy):
    """L_n(w) = (1/2)(tr(Syy) - 2 tr(M Syx^T) + tr(M Sxx M^T)) for M = W_L ... W_1, and M."""
    depth = len(dims) - 1
    m = ws[offs[0] : offs[1]].reshape(dims[1], dims[0]).copy()
    for layer in range(1, depth):
        w = ws[offs[layer] : offs[layer + 1]].reshape(dims[layer + 1], dims[layer])
        m = w @ m
    return 0.5 * (syy - 2.0 * np.sum(m * syx) + np.sum((m @ sxx) * m)), m


@njit(cache=True)
def _grad(ws, offs, dims, gm, out):
    """Gradient of L with respect to every layer given G = dL/dM (the chain rule through the product)."""
    depth = len(dims) - 1
    for layer in range(depth):
        left = np.eye(dims[depth])  # W_L ... W_{l+1}
        for k in range(depth - 1, layer, -1):
            left = left @ ws[offs[k] : offs[k + 1]].reshape(dims[k + 1], dims[k])
        right = np.eye(dims[0])  # W_{l-1} ... W_1
        for k in range(layer):
            right = ws[offs[k] : offs[k + 1]].reshape(dims[k + 1], dims[k]) @ right
        g = left.T @ gm @ right.T
        out[offs[layer] : offs[layer + 1]] = g.ravel()


@njit(parallel=True, cache=True)
def _chains(w0, wstar, offs, dims, sxx, syx, syy, x, y, idx, noise, step, nbeta, gamma, burn):
    """Run every chain; returns (mean L_n after ``burn`` steps, per chain; L_n at every step, per chain)."""
    chains, steps, dim = noise.shape
    means = np.empty(chains)
    trace = np.empty((chains, steps))
    batched = idx.shape[2] > 0
    for c in prange(chains):
        w = w0.copy()
        grad = np.empty(dim)
        total = 0.0
        for s in range(steps):
            loss, m = _loss(w, offs, dims, sxx, syx, syy)
            trace[c, s] = loss
            if s >= burn:
                total += loss
            if batched:  # dL/dM on the minibatch: -(1/m) sum_r (y_r - M x_r) x_r^T, no temporaries
                bsz = idx.shape[2]
                d_out, d_in = m.shape
                gm = np.zeros((d_out, d_in))
                for j in range(bsz):
                    r = idx[c, s, j]
                    for o in range(d_out):
                        res = y[r, o]
                        for i in range(d_in):
                            res -= m[o, i] * x[r, i]
                        for i in range(d_in):
                            gm[o, i] -= res * x[r, i] / bsz
            else:
                gm = m @ sxx - syx
            _grad(w, offs, dims, gm, grad)
            for i in range(dim):
                w[i] += -0.5 * step * (nbeta * grad[i] + gamma * (w[i] - wstar[i])) + math.sqrt(step) * noise[c, s, i]
        means[c] = total / (steps - burn)
    return means, trace


def _chains_batched(xp, wstar, offs, dims, sxx, syx, syy, x, y, idx, noise, step, nbeta, gamma, burn):
    """``_chains`` with the chains as a batch of matrices in the array namespace ``xp`` (CuPy on the GPU).

    The same update as the numba loop, from the same Gaussian increments and minibatch rows, so the
    two agree to rounding; each step is a handful of batched matmuls over all chains.
    """
    chains, steps = noise.shape[:2]
    depth = len(dims) - 1
    shapes = [(dims[k + 1], dims[k]) for k in range(depth)]
    star = [xp.asarray(wstar[offs[k] : offs[k + 1]].reshape(shapes[k])) for k in range(depth)]
    ws = [xp.repeat(w[None], chains, axis=0) for w in star]
    sxx, syx = xp.asarray(sxx), xp.asarray(syx)
    batched = idx.shape[2] > 0
    if batched:
        x, y, idx = xp.asarray(x), xp.asarray(y), xp.asarray(idx)
    trace = xp.empty((chains, steps))
    total = xp.zeros(chains)
    root = math.sqrt(step)
    eye_out, eye_in = xp.eye(dims[depth])[None], xp.eye(dims[0])[None]
    block = max(1, (1 << 24) // max(1, chains * noise.shape[2]))  # steps of increments per transfer (~128 MB)
    for s in range(steps):
        if s % block == 0:
            increments = xp.asarray(noise[:, s : s + block])
        m = ws[0]
        for k in range(1, depth):
            m = ws[k] @ m
        loss = 0.5 * (syy - 2.0 * xp.sum(m * syx, axis=(1, 2)) + xp.sum((m @ sxx) * m, axis=(1, 2)))
        trace[:, s] = loss
        if s >= burn:
            total += loss
        if batched:
            xb, yb = x[idx[:, s]], y[idx[:, s]]  # (chains, batch, d)
            res = yb - xb @ xp.swapaxes(m, 1, 2)
            gm = -(xp.swapaxes(res, 1, 2) @ xb) / idx.shape[2]
        else:
            gm = m @ sxx - syx
        xi = increments[:, s % block]
        new = []
        for k in range(depth):
            left = eye_out
            for j in range(depth - 1, k, -1):
                left = left @ ws[j]
            right = eye_in
            for j in range(k):
                right = ws[j] @ right
            grad = xp.swapaxes(left, 1, 2) @ gm @ xp.swapaxes(right, 1, 2)
            inc = xi[:, offs[k] : offs[k + 1]].reshape((chains, *shapes[k]))
            new.append(ws[k] - 0.5 * step * (nbeta * grad + gamma * (ws[k] - star[k])) + root * inc)
        ws = new
    return total / (steps - burn), trace


def llc_sgld(
    x: np.ndarray,
    y: np.ndarray,
    w_star: list[np.ndarray],
    rng: np.random.Generator,
    *,
    chains: int = 8,
    steps: int = 10_000,
    step: float = 1e-4,
    gamma: float = 100.0,
    beta: float | None = None,
    batch: int | None = None,
    burn: float = 0.1,
    backend: str = "cpu",
) -> dict:
    """The local learning coefficient at ``w_star`` by localised SGLD, chains in parallel (numba, or CuPy).

    Args:
        x: inputs, shape (n, d_in).
        y: outputs, shape (n, d_out).
        w_star: the layers [W_1, ..., W_L] of the point (W_1 is (h_1, d_in), W_L is (d_out, h_{L-1})).
        rng: the generator: each chain's Gaussian increments (and minibatch rows) are drawn from it.
        chains: independent chains from ``w_star``.
        steps: steps per chain.
        step: the SGLD step epsilon (w += -(eps/2) grad U + sqrt(eps) xi).
        gamma: the localisation strength (0 for none: then the chains sample the tempered posterior, and
            n * mean L_n is WBIC).
        beta: the inverse temperature; default 1/log n.
        batch: rows per minibatch; None for the full-batch gradient (from sufficient statistics).
        burn: the fraction of each chain discarded.
        backend: 'cpu' (numba, chains in parallel) or 'gpu' (CuPy, the chains as batched matmuls).
            The increments and minibatch rows come from ``rng`` on the host either way, so both
            backends run the same chains and agree to rounding.

    Returns:
        ``{"llc": per-chain lambda-hat, "llc_mean", "llc_se" (over chains), "wbic": n E L_n per chain,
        "trace": L_n at every step (chains, steps), "loss_star": L_n(w*), "beta": beta}``.

    Raises:
        ValueError: inconsistent shapes or a parameter outside its domain.
    """
    x, y = np.ascontiguousarray(x, dtype=float), np.ascontiguousarray(y, dtype=float)
    if x.ndim != 2 or y.ndim != 2 or len(x) != len(y):
        raise ValueError(f"x and y must be (n, d_in) and (n, d_out) with the same n, got {x.shape} and {y.shape}")
    n = len(x)
    if n < 2:
        raise ValueError(f"n={n} must be >= 2 (beta = 1/log n)")
    chains, steps = count("chains", chains), count("steps", steps, 2)
    positive("step", step)
    resolve_backend(backend)  # ValueError naming the choices
    if not (np.isfinite(gamma) and gamma >= 0):
        raise ValueError(f"gamma={gamma!r} is outside [0, oo)")
    if not 0 <= burn < 1:
        raise ValueError(f"burn={burn!r} is outside [0, 1)")
    beta = 1 / math.log(n) if beta is None else float(beta)
    positive("beta", beta)
    dims = [w_star[0].shape[1]] + [w.shape[0] for w in w_star]
    for k, w in enumerate(w_star):
        if w.shape != (dims[k + 1], dims[k]):
            raise ValueError(f"layer {k} has shape {w.shape}, expected {(dims[k + 1], dims[k])}")
    if dims[0] != x.shape[1] or dims[-1] != y.shape[1]:
        raise ValueError(f"the layers map {dims[0]} -> {dims[-1]}, the data {x.shape[1]} -> {y.shape[1]}")
    sxx, syx = x.T @ x / n, y.T @ x / n
    syy = float(np.sum(y * y) / n)
    offs = np.cumsum([0] + [w.size for w in w_star]).astype(np.int64)
    wstar = np.concatenate([np.asarray(w, dtype=float).ravel() for w in w_star])
    noise = rng.standard_normal((chains, steps, wstar.size))
    idx = rng.integers(0, n, size=(chains, steps, count("batch", batch))) if batch is not None else np.zeros((chains, steps, 0), dtype=np.int64)
    burn_steps = int(burn * steps)
    args = (wstar, offs, np.asarray(dims, dtype=np.int64), sxx, syx, syy, x, y, idx, noise, float(step), n * beta, float(gamma), burn_steps)
    if resolve_backend(backend).gpu:
        from .._cupy import device

        means, trace = (host(a) for a in _chains_batched(device(), *args))
    else:
        means, trace = _chains(wstar, *args)
    loss_star = float(_loss(wstar, offs, np.asarray(dims, dtype=np.int64), sxx, syx, syy)[0])
    llc = n * beta * (means - loss_star)
    return {
        "llc": llc,
        "llc_mean": float(llc.mean()),
        "llc_se": float(llc.std(ddof=1) / math.sqrt(chains)) if chains > 1 else math.nan,
        "wbic": n * means,
        "trace": trace,
        "loss_star": loss_star,
        "beta": beta,
    }


def llc_reduced_rank(
    n: int,
    d_in: int,
    d_out: int,
    rank: int,
    true_rank: int,
    datasets: int,
    rng: np.random.Generator,
    *,
    chains: int = 2,
    steps: int = 40_000,
    step_scale: float = 0.04,
    gamma: float = 1.0,
    burn: float = 0.25,
    richardson: bool = True,
    backend: str = "cpu",
) -> dict:
    """lambda-hat (``llc_sgld``, full batch, beta = 1/log n) on independent reduced-rank datasets.

    Each dataset is ``reduced_rank_data(n, d_in, d_out, true_rank)`` (unit singular values, unit
    noise); the chains start at its rank-``rank`` least-squares point (``reduced_rank_fit``) with
    step ``step_scale``/(n beta). The defaults are the settings whose bias
    ``benchmarks/calibrate_llc.py`` measures: the slowest (quartic) directions of a singular loss
    spread over t^(-1/4) with t = n beta, so their mixing time in steps grows as t^(1/2)/step_scale;
    40 000 steps at 0.04/t mix at n = 10^4 (a quarter of that left lambda-hat 4-12% low).

    The unadjusted Langevin chain's stationary averages carry a bias linear in the step,
    E_eps[f] = E[f] + c eps + O(eps^2) (Talay & Tubaro, Stoch. Anal. Appl. 8 (1990) 483, the
    expansion of the Euler scheme's error for ergodic averages; on a quadratic loss it is the exact
    1/(1 - eps p/4) of ``llc_sgld``'s test). With ``richardson`` each dataset's chains also run at
    2 eps for half the steps (the same time) and lambda-hat is 2 lambda-hat(eps) - lambda-hat(2 eps),
    which removes the c eps term: measured +3.0% at eps = 0.04/t, +1.5% at 0.02/t on the
    (5, 5, 3, 3) model, whose lambda-hat tends to lambda as eps -> 0. ``backend`` is
    ``llc_sgld``'s ('gpu': the chains as CuPy batches).

    Returns:
        ``{"llc": lambda-hat per dataset (mean over its chains), "chains": (datasets, chains), "t": n beta}``;
        with ``richardson``, "chains" are the extrapolated per-chain values and "single" the step-eps ones.

    Raises:
        ValueError: a size or rank outside its domain.
    """
    n, datasets, rank = count("n", n, 2), count("datasets", datasets), count("rank", rank)
    positive("step_scale", step_scale)
    if true_rank > rank:
        raise ValueError(f"true_rank={true_rank!r} is outside [0, rank = {rank}]")
    t = n / math.log(n)
    steps = count("steps", steps, 4)
    per = np.empty((datasets, count("chains", chains)))
    single = np.empty_like(per)
    for k in range(datasets):
        data = reduced_rank_data(n, d_in, d_out, true_rank, rng)
        w_star = reduced_rank_fit(data, rank)
        run = functools.partial(llc_sgld, data.x, data.y, w_star, rng, chains=chains, gamma=gamma, burn=burn, backend=backend)
        single[k] = run(steps=steps, step=step_scale / t)["llc"]
        per[k] = 2.0 * single[k] - run(steps=steps // 2, step=2.0 * step_scale / t)["llc"] if richardson else single[k]
    return {"llc": per.mean(axis=1), "chains": per, "single": single, "t": t}


def _log_evidence(s: float, sxy: float, u0: float) -> float:
    """F = -log int_{-1}^{1} exp(-n K_n(u)) f(u) du for y = u x + noise, u = ab with a, b ~ U[-1, 1] (f(u) = -log|u|/2).

    n K_n(u) = (s/2)(u^2 - u0^2) - sxy (u - u0) with s = sum x^2, sxy = sum x y. With u_hat = sxy/s and
    v = sqrt(s)(u - u_hat) the integral is s^(-1/2) int e^(-v^2/2) (-log|u_hat + v/sqrt(s)|/2) dv over
    |v| <= 40 inside the prior's range (e^(-800) beyond), by QUADPACK with the log singularity at
    v = -sqrt(s) u_hat as a break point.
    """
    root = math.sqrt(s)
    u_hat = sxy / s
    lo, hi = max(-40.0, root * (-1 - u_hat)), min(40.0, root * (1 - u_hat))
    sing = -root * u_hat

    def f(v: float) -> float:
        w = abs(u_hat + v / root)
        return 0.0 if w == 0.0 else math.exp(-0.5 * v * v) * (-0.5 * math.log(w))

    points = [sing] if lo < sing < hi else None
    integral = scipy.integrate.quad(f, lo, hi, points=points, limit=400, epsabs=0.0, epsrel=1e-12)[0]
    shift = 0.5 * s * u_hat * u_hat + 0.5 * s * u0 * u0 - sxy * u0  # -n K_n at u_hat
    return -(shift - 0.5 * math.log(s) + math.log(integral))


def reduced_rank_free_energy(n1: int, n2: int, u0: float, datasets: int, rng: np.random.Generator) -> dict:
    """The exact Bayes free energy of the 1-1-1 reduced-rank model y = b a x + noise at two nested sample sizes.

    Inputs x ~ N(0, 1), unit Gaussian noise, true product ``u0`` (0: singular, lambda = 1/2, m = 2;
    else lambda = 1/2, m = 1), prior a, b ~ U[-1, 1]. The data enter only through s = sum x_i^2
    and sum x_i y_i, so each dataset's first n1 and all n2 samples are drawn exactly in
    distribution through them (s1 ~ chi2(n1), s2 = s1 + chi2(n2 - n1), sum x eps | s ~ N(0, s)),
    and F_n - n L_n(w0) = -log int exp(-n K_n) phi is one quadrature (``_log_evidence``).

    Returns:
        ``{"F1": (datasets,), "F2": (datasets,)}``.

    Raises:
        ValueError: sizes that are not integers with 2 <= n1 < n2, or u0 outside [-1, 1].
    """
    n1, n2, datasets = count("n1", n1, 2), count("n2", n2, 3), count("datasets", datasets)
    if n2 <= n1:
        raise ValueError(f"n2={n2} must exceed n1={n1}")
    if not -1 <= u0 <= 1:
        raise ValueError(f"u0={u0!r} is outside [-1, 1] (the prior's range)")
    s1 = rng.chisquare(n1, datasets)
    s2 = s1 + rng.chisquare(n2 - n1, datasets)
    e1 = rng.standard_normal(datasets) * np.sqrt(s1)
    e2 = e1 + rng.standard_normal(datasets) * np.sqrt(s2 - s1)
    f1 = np.array([_log_evidence(float(a), float(u0 * a + e), u0) for a, e in zip(s1, e1)])
    f2 = np.array([_log_evidence(float(a), float(u0 * a + e), u0) for a, e in zip(s2, e2)])
    return {"F1": f1, "F2": f2}


def bounded_gibbs_risk(n: int, sigma: float, omega: float, datasets: int, rng: np.random.Generator, *, nodes: int | None = None) -> dict:
    """Gibbs posteriors of the 1-1-1 model with bounded data, and their exact excess risks, over many datasets.

    The model y = a b x + noise with x = +-1 and noise = +-sigma (fair signs), true product 0, prior
    a, b ~ U[-1, 1]. The excess squared loss of u = ab on one sample is r = u^2 - 2 u x y, so its mean
    is the population excess risk R(u) = u^2 and |r| <= 1 + 2 sigma, E r^2 = u^4 + 4 sigma^2 u^2 <= (1 + 4 sigma^2) R.
    A dataset enters only through s = (1/n) sum x_i y_i = sigma (2 B/n - 1), B ~ Binomial(n, 1/2),
    drawn exactly; the Gibbs posterior prop. to pi exp(-omega n r_n) with r_n(u) = u^2 - 2 u s is
    integrated on a tensor Gauss-Legendre grid over (a, b) (``prior_grid``, ``gibbs_average``). The
    posterior's ridge ab = s has width 1/sqrt(omega n), so ``nodes`` (per half-axis) defaults to
    max(64, 3 sqrt(omega n)): measured against adaptive quadrature of the one-dimensional law of ab,
    free energies to 6e-14 and risks to 3e-12 relative for omega n from 10 to 10^4.

    Returns:
        ``{"s": (datasets,), "risk": E_rho R per dataset, "free_energy": -log int exp(-omega n r_n) dpi}``.

    Raises:
        ValueError: a non-integer size, sigma or omega not positive.
    """
    n, datasets = count("n", n), count("datasets", datasets)
    positive("sigma", sigma)
    positive("omega", omega)
    s = sigma * (2.0 * rng.binomial(n, 0.5, datasets) / n - 1.0)
    t = omega * n
    grid = prior_grid([(-1.0, 1.0), (-1.0, 1.0)], nodes=max(64, math.ceil(3 * math.sqrt(t))) if nodes is None else nodes)
    u = grid.points[0] * grid.points[1]
    free, risk = _chunked_gibbs(grid, datasets, lambda sl: t * (u[None, :] ** 2 - 2.0 * s[sl, None] * u[None, :]), u**2)
    return {"s": s, "risk": risk, "free_energy": free}


_CELLS = 2**22


def _chunked_gibbs(grid: PriorGrid, datasets: int, energy, observable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``gibbs_average`` over ``datasets`` energies ``energy(slice)`` (rows of the slice x grid), ~32 MB of energies at a time."""
    free, mean = np.empty(datasets), np.empty(datasets)
    chunk = max(1, _CELLS // observable.size)
    for lo in range(0, datasets, chunk):
        sl = slice(lo, lo + chunk)
        free[sl], mean[sl] = gibbs_average(grid, energy(sl), observable)
    return free, mean


# ------------------------------------------------------------ the rank-deficient two-input model
_PATTERNS = np.array([[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]], dtype=float)  # (x1 x2, x1 y/sigma, x2 y/sigma)


def _two_input_grid(t: float, nodes: int) -> PriorGrid:
    """The prior of u = b a (a in [-1, 1]^2, b in [-1, 1], uniform) on a quadrature grid of u in [-1, 1]^2.

    Its density is p(u) = (1/m - 1)/4 with m = max(|u1|, |u2|) (the law of b a: |b| >= m, Jacobian
    1/b^2). In "square polar" coordinates u = m theta, theta on the square's boundary (four sides
    v -> (1, v), (v, 1), (-1, v), (v, -1), v in [-1, 1], 8 in length), du = m dm dtheta and the prior
    weight is (1 - m)/4 dm dtheta: smooth, the 1/m singularity absorbed. Composite Gauss-Legendre with
    ``nodes`` points on panels of width <= 2/sqrt(t) in m and in v resolves the posterior's width
    ~ 1/sqrt(t (1 - |c|)): with 12 nodes, free energies and risks within 6e-13 relative of a grid
    with four times the panels and 12 nodes (t = 50 to 300, |c| <= 0.2, |s| ~ 0.3).
    """
    panels = max(4, math.ceil(math.sqrt(t) / 2))
    x, w = np.polynomial.legendre.leggauss(nodes)
    edges = np.linspace(0.0, 1.0, panels + 1)
    m = ((edges[:-1, None] + edges[1:, None]) / 2 + np.diff(edges)[:, None] / 2 * x).ravel()
    wm = (np.diff(edges)[:, None] / 2 * w).ravel()
    edges = np.linspace(-1.0, 1.0, 2 * panels + 1)
    v = ((edges[:-1, None] + edges[1:, None]) / 2 + np.diff(edges)[:, None] / 2 * x).ravel()
    wv = (np.diff(edges)[:, None] / 2 * w).ravel()
    one = np.ones_like(v)
    sides = [(one, v), (v, one), (-one, v), (v, -one)]
    th1 = np.concatenate([a for a, _ in sides])
    th2 = np.concatenate([b for _, b in sides])
    wth = np.tile(wv, 4)
    u1 = (m[:, None] * th1[None, :]).ravel()
    u2 = (m[:, None] * th2[None, :]).ravel()
    log_w = (np.log((1 - m) / 4 * wm)[:, None] + np.log(wth)[None, :]).ravel()
    return PriorGrid((u1, u2), log_w)


def two_input_population_free_energy(t: float) -> float:
    """F(t) = -log int exp(-t b^2 |a|^2) dpi of the two-input model (a in [-1, 1]^2, b in [-1, 1], uniform).

    The a-integrals are Gaussian: int_{-1}^{1} e^(-t b^2 a^2) da/2 = sqrt(pi) erf(sqrt(t) b)/(2 sqrt(t) b),
    so F = -log int_0^1 (sqrt(pi) erf(sqrt(t) b)/(2 sqrt(t) b))^2 db, one smooth quadrature (QUADPACK,
    relative 1e-13). F = (1/2) log t + O(1): lambda = 1/2, m = 1 (Aoyagi's (2, 1, 1, 0)).

    Raises:
        ValueError: t not positive.
    """
    positive("t", t)
    r = math.sqrt(t)

    def f(b: float) -> float:
        z = r * b
        return 1.0 if z == 0.0 else (math.sqrt(math.pi) * math.erf(z) / (2 * z)) ** 2

    points = [min(0.5, 1 / r)] if 1 / r < 1 else None
    return -math.log(scipy.integrate.quad(f, 0.0, 1.0, points=points, epsabs=0.0, epsrel=1e-13, limit=400)[0])


def bounded_gibbs_risk_two_input(n: int, sigma: float, omega: float, datasets: int, rng: np.random.Generator, *, nodes: int = 12) -> dict:
    """Gibbs posteriors of the rank-deficient model y = b (a1 x1 + a2 x2) + noise and their exact excess risks.

    Reduced-rank regression with d_in = 2, d_out = 1, rank 1 at the true matrix 0 (Aoyagi's
    lambda = 1/2, m = 1; three parameters, d/2 = 3/2), bounded data: x1, x2 and the noise's sign fair
    and independent, noise = +-sigma, prior a1, a2, b ~ U[-1, 1]. With u = b a, the excess squared loss
    of one sample is r = (u.x)^2 - 2 (u.x) y, so R(u) = |u|^2, |r| <= 4 + 4 sigma and
    E r^2 <= (4 + 4 sigma^2) R. A dataset enters through c = mean x1 x2 and s = mean x y, which are
    sums over the four equally likely patterns (x1 x2, x1 y/sigma, x2 y/sigma) in {(1, 1, 1), (1, -1, -1),
    (-1, 1, -1), (-1, -1, 1)}: one multinomial draw each. The empirical excess risk is
    r_n(u) = |u|^2 + 2 c u1 u2 - 2 s.u, and the Gibbs posterior prop. to pi exp(-omega n r_n) is integrated
    over u with the law of b a as prior (``_two_input_grid``); tested against a tensor grid over
    (a1, a2, b) and against ``two_input_population_free_energy``.

    Returns:
        ``{"c": (datasets,), "s": (datasets, 2), "risk": E_rho |u|^2, "free_energy": -log int exp(-omega n r_n) dpi}``.

    Raises:
        ValueError: a non-integer size, sigma or omega not positive.
    """
    n, datasets = count("n", n), count("datasets", datasets)
    positive("sigma", sigma)
    positive("omega", omega)
    k = rng.multinomial(n, [0.25] * 4, size=datasets)
    stats = k @ _PATTERNS / n
    c, s = stats[:, 0], sigma * stats[:, 1:]
    t = omega * n
    grid = _two_input_grid(t, count("nodes", nodes, 2))
    u1, u2 = grid.points
    base, cross = u1**2 + u2**2, 2.0 * u1 * u2

    def energy(sl: slice) -> np.ndarray:
        return t * (base[None, :] + c[sl, None] * cross[None, :] - 2.0 * (s[sl, 0, None] * u1[None, :] + s[sl, 1, None] * u2[None, :]))

    free, risk = _chunked_gibbs(grid, datasets, energy, base)
    return {"c": c, "s": s, "risk": risk, "free_energy": free}
