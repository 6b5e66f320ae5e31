"""Ensembles of finite multilayer perceptrons at initialisation, for the ``nngp`` family's checks.

The network (issue 17's conventions, the NTK parameterisation): ``depth`` hidden layers of width
``width`` and depth + 1 dense layers, z^1 = sqrt(C_W/d) W^1 x + sqrt(C_b) b^1,
z^(l+1) = sqrt(C_W/n) W^(l+1) phi(z^l) + sqrt(C_b) b^(l+1), the output f = z^(depth+1) (one unit),
every W, b standard normal.

- ``mlp_ntk``: explicit weights, batched over seeds (BLAS ``matmul`` on stacks of weight matrices),
  forward on the pair (x, x') and explicit backpropagation of df/dz^l; the empirical NTK is
  sum over layers of (delta^l . delta'^l)(C_W h^(l-1) . h'^(l-1)/n_(l-1) + C_b), which is
  sum over all parameters of df(x)/dtheta df(x')/dtheta.
- ``mlp_pair``: the same networks' forward pass on two inputs, sampled exactly in law without
  weight matrices: given the previous layer, the units of z^(l+1) at (x, x') are independent
  Gaussian pairs with covariance C_b + (C_W/n) G, G the Gram matrix of (phi(z^l), phi(z'^l)),
  so a layer costs O(width) per seed instead of O(width^2) and widths in the thousands with
  tens of thousands of seeds are cheap. Returns every layer's empirical Gram entries, and the
  output's conditional NNGP E[f f' | the last hidden layer] (the same mean as f f', less variance).

Every draw comes from the caller's ``Generator``.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from scipy.special import erf as _erf

from ._args import count, nonnegative, positive

__all__ = ["ACTIVATIONS", "mlp_ntk", "mlp_pair"]

_SQRT_PI = math.sqrt(math.pi)


def _relu(z):
    return np.maximum(z, 0.0)


def _leaky(z, slope):
    return np.where(z > 0, z, slope * z)


def _relu_d(z):
    return (z > 0).astype(z.dtype)


def _erf_d(z):
    return (2.0 / _SQRT_PI) * np.exp(-z * z)


def _tanh_d(z):
    return 1.0 / np.cosh(z) ** 2


def _identity(z):
    return z


def _one(z):
    return np.ones_like(z)


ACTIVATIONS = {"relu": (_relu, _relu_d), "erf": (_erf, _erf_d), "tanh": (np.tanh, _tanh_d), "identity": (_identity, _one)}


def _common(depth: int, width: int, C_W: float, C_b: float, activation: str, seeds: int) -> tuple:  # noqa: N803
    depth, width, seeds = count("depth", depth, 0), count("width", width), count("seeds", seeds)
    positive("C_W", C_W)
    nonnegative("C_b", C_b)
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation={activation!r} is not one of {sorted(ACTIVATIONS)}")
    return depth, width, seeds, ACTIVATIONS[activation]


def mlp_ntk(
    x1: np.ndarray,
    x2: np.ndarray,
    depth: int,
    width: int,
    C_W: float,  # noqa: N803 (the stable parameter names)
    C_b: float,  # noqa: N803
    activation: str,
    seeds: int,
    rng: np.random.Generator,
) -> dict:
    """Outputs and the empirical NTK of ``seeds`` independent finite networks on the pair (x1, x2).

    Returns:
        ``{"f1", "f2": outputs (seeds,), "ntk": Theta(x1, x2) (seeds,), "ntk11", "ntk22": the diagonal NTKs,
        "nngp": E[f1 f2 | last hidden layer] (seeds,)}``.

    Raises:
        ValueError: inputs that are not equal-length vectors, or a parameter outside its domain.
    """
    depth, width, seeds, (phi, dphi) = _common(depth, width, C_W, C_b, activation, seeds)
    x = np.stack([np.asarray(x1, dtype=float), np.asarray(x2, dtype=float)], axis=1)  # (d, 2)
    if x.ndim != 2 or not np.all(np.isfinite(x)):
        raise ValueError(f"x1 and x2 must be finite vectors of the same length, got shapes {np.shape(x1)} and {np.shape(x2)}")
    d = x.shape[0]
    fans = [d] + [width] * depth
    outs = [width] * depth + [1]
    chunk = max(1, 2**23 // max(1, sum(a * b for a, b in zip(fans, outs))))
    res = {k: np.empty(seeds) for k in ("f1", "f2", "ntk", "ntk11", "ntk22", "nngp")}
    for lo in range(0, seeds, chunk):
        s = min(chunk, seeds - lo)
        ws = [rng.standard_normal((s, o, i)) for i, o in zip(fans, outs)]
        bs = [rng.standard_normal((s, o, 1)) for o in outs]
        hs = [np.broadcast_to(x, (s, d, 2))]  # the inputs of each dense layer
        zs = []
        for k, (w, b) in enumerate(zip(ws, bs)):
            z = math.sqrt(C_W / fans[k]) * (w @ hs[-1]) + math.sqrt(C_b) * b
            zs.append(z)
            if k < depth:
                hs.append(phi(z))
        f = zs[-1][:, 0, :]  # (s, 2)
        # backpropagation: delta^(L+1) = 1; delta^l = phi'(z^l) (sqrt(C_W/n_l) W^(l+1)^T delta^(l+1))
        delta = np.ones((s, 1, 2))
        ntk = np.zeros((s, 2, 2))
        for k in range(depth, -1, -1):
            h = hs[k]
            gram = C_W / fans[k] * np.einsum("sia,sib->sab", h, h) + C_b
            dd = np.einsum("sia,sib->sab", delta, delta)
            ntk += dd * gram
            if k > 0:
                delta = dphi(zs[k - 1]) * (math.sqrt(C_W / fans[k]) * np.swapaxes(ws[k], 1, 2) @ delta)
        sl = slice(lo, lo + s)
        res["f1"][sl], res["f2"][sl] = f[:, 0], f[:, 1]
        res["ntk"][sl], res["ntk11"][sl], res["ntk22"][sl] = ntk[:, 0, 1], ntk[:, 0, 0], ntk[:, 1, 1]
        h = hs[depth]
        res["nngp"][sl] = C_W / fans[depth] * np.einsum("si,si->s", h[:, :, 0], h[:, :, 1]) + C_b
    return res


def mlp_pair(
    q1: float,
    q2: float,
    q12: float,
    depth: int,
    width: int,
    C_W: float,  # noqa: N803
    C_b: float,  # noqa: N803
    activation: str,
    seeds: int,
    rng: np.random.Generator,
    negative_slope: float = 0.0,
) -> dict:
    """The forward pass of ``seeds`` finite networks on inputs with second moments (q1, q2, q12), sampled exactly in law.

    ``negative_slope`` makes ``"relu"`` the leaky ReLU max(z, 0) + negative_slope min(z, 0). A single
    input (q1 = q2 = q12) draws one set of units per layer, not two.

    Returns:
        ``{"g11", "g22", "g12": (depth, seeds) the hidden preactivations' Gram entries (1/n) sum_i z_i z'_i,
        layer 1 first; "c11", "c22", "c12": (depth, seeds) the conditional covariance G_l of layer l's units at
        (x, x') given layer l - 1 (E z^4 = 3 E G_l^2 exactly, the low-variance route to the kurtosis); "m4": (depth, seeds)
        (1/n) sum_i z_i^4 at x; "nngp", "out11", "out22": (seeds,) the output's conditional covariances
        E[f f' | last hidden layer] = C_b + C_W phi(z^L) . phi(z'^L)/n (C_b + C_W q at depth 0)}``.

    Raises:
        ValueError: (q1, q2, q12) not a covariance, a parameter outside its domain, or a negative slope
            with another activation.
    """
    depth, width, seeds, (phi, _dphi) = _common(depth, width, C_W, C_b, activation, seeds)
    positive("q1", q1)
    positive("q2", q2)
    if not q12 * q12 <= q1 * q2:
        raise ValueError(f"q12={q12!r} is outside [-sqrt(q1 q2), sqrt(q1 q2)] = [{-math.sqrt(q1 * q2)}, {math.sqrt(q1 * q2)}]")
    if not math.isfinite(negative_slope) or (negative_slope != 0.0 and activation != "relu"):
        raise ValueError(f"negative_slope={negative_slope!r} must be finite, and 0 unless activation is 'relu' (got {activation!r})")
    if negative_slope != 0.0:
        phi = functools.partial(_leaky, slope=negative_slope)
    single = q1 == q2 == q12
    g = np.empty((3, depth, seeds))
    m4 = np.empty((depth, seeds))
    cond = np.empty((3, depth, seeds))
    # the first layer: z^1 = sqrt(C_W/d) W x + sqrt(C_b) b, units iid N(0, C_b + C_W q) jointly over (x, x')
    cov = np.broadcast_to(np.array([C_b + C_W * q1, C_b + C_W * q12, C_b + C_W * q2]), (seeds, 3)).copy()
    for layer in range(depth):
        a, c, b = cov[:, 0], cov[:, 1], cov[:, 2]
        la = np.sqrt(a)
        lc = np.where(la > 0, c / np.where(la > 0, la, 1.0), 0.0)
        cond[0, layer], cond[1, layer], cond[2, layer] = a, b, c
        e1 = rng.standard_normal((seeds, width))
        z1 = la[:, None] * e1
        if single:
            g[:, layer] = (z1 * z1).mean(1)
            h1 = phi(z1)
            cov = np.repeat(C_b + C_W / width * (h1 * h1).sum(1)[:, None], 3, axis=1)
        else:
            lb = np.sqrt(np.maximum(b - lc * lc, 0.0))
            z2 = lc[:, None] * e1 + lb[:, None] * rng.standard_normal((seeds, width))
            g[0, layer], g[1, layer], g[2, layer] = (z1 * z1).mean(1), (z2 * z2).mean(1), (z1 * z2).mean(1)
            h1, h2 = phi(z1), phi(z2)
            cov = C_b + C_W / width * np.stack([(h1 * h1).sum(1), (h1 * h2).sum(1), (h2 * h2).sum(1)], axis=1)
        m4[layer] = (z1**4).mean(1)
    gram = {"g11": g[0], "g22": g[1], "g12": g[2], "c11": cond[0], "c22": cond[1], "c12": cond[2], "m4": m4}
    return {**gram, "nngp": cov[:, 1], "out11": cov[:, 0], "out22": cov[:, 2]}
