"""Gaussian expectations of any activation by graded composite Gauss-Legendre quadrature (numba).

For (u, v) Gaussian with variances a, b and covariance c: u = sqrt(a) x, v = m x + s y with
m = c/sqrt(a), s^2 = (a b - c^2)/a, x and y standard normal. The outer integral runs over x, the inner
one over y for each outer node (once, s = 0, when the pair is degenerate: the diagonal).

The panels are graded around an anchor: x = 0 outside (where u = 0 and v = 0), y = -m x/s inside
(where v = 0). Every activation here has its kink (ReLU) on that line or its complex singularities
on the imaginary axis through it (tanh's poles at i pi (k + 1/2), SiLU's at i pi (2k + 1); erf and
GELU are entire), so a panel of half-width h whose near end lies at distance d from the anchor sees
them no closer than max(d, pi/2 in u or v units). Panel widths are w0 = min(1, 1/scale)/2 next to the
anchor (scale: the units' stretch, sqrt(a), |m| or s; outside also at most s/(2|m|), the x-width over
which the inner expectation smooths a kink of v's, as ReLU's step) and grow as a third of the distance, capped at
2, out to |x|, |y| = 14 (the Gaussian mass beyond is below 1e-44): each panel's Bernstein ellipse
parameter is at least 3.7, so 24 (outer) and 16 (inner) nodes bound each panel's error by about
3.7^-32 = 1e-18 of its size, times the Gaussian factor's growth in the ellipse (at most e^8 on the
2-wide panels, where the Gaussian weight itself is below e^-18). ReLU's derivative is a step at the
anchor, a panel end, so nothing is lost there either.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from numba import njit

from lmech.theory import single_input_integrands

from ._methods import register_method

__all__ = ["ACTIVATION_CODES", "pair_expectations"]

#: activation name -> the code the compiled loops dispatch on
ACTIVATION_CODES = {"relu": 0, "erf": 1, "tanh": 2, "gelu": 3, "silu": 4}
_OUTER_X, _OUTER_W = np.polynomial.legendre.leggauss(24)
_INNER_X, _INNER_W = np.polynomial.legendre.leggauss(16)
_BOX = 14.0
_MAX_EDGES = 400
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_INV_SQRT_2 = 1.0 / math.sqrt(2.0)


@njit(cache=True, error_model="numpy")
def phi(code, z):
    """The activation and its derivative at z."""
    if code == 0:
        return (z if z > 0.0 else 0.0), (1.0 if z > 0.0 else 0.0)
    if code == 1:
        return math.erf(z), 2.0 / math.sqrt(math.pi) * math.exp(-z * z)
    if code == 2:
        t = math.tanh(z)
        return t, 1.0 - t * t if abs(z) < 1.0 else 1.0 / math.cosh(z) ** 2
    if code == 3:
        cdf = 0.5 * math.erfc(-z * _INV_SQRT_2)
        return z * cdf, cdf + z * math.exp(-0.5 * z * z) * _INV_SQRT_2PI
    # SiLU: z sigma(z), sigma(z) + z sigma(z)(1 - sigma(z)), sigma from the side where exp does not overflow
    if z >= 0.0:
        e = math.exp(-z)
        sig, one_minus = 1.0 / (1.0 + e), e / (1.0 + e)
    else:
        e = math.exp(z)
        sig, one_minus = e / (1.0 + e), 1.0 / (1.0 + e)
    return z * sig, sig + z * sig * one_minus


@njit(cache=True, error_model="numpy")
def _edges(anchor, w0, lo, hi, out):
    """Panel edges on [lo, hi], graded away from ``anchor``: width min(2, max(w0, distance/3)). Returns the count."""
    n = 0
    if anchor > lo:  # from min(anchor, hi) down to lo
        e = min(anchor, hi)
        left = np.empty(_MAX_EDGES)
        k = 0
        left[k] = e
        k += 1
        while e > lo and k < _MAX_EDGES - 1:
            e = max(lo, e - min(2.0, max(w0, (anchor - e) / 3.0)))
            left[k] = e
            k += 1
        for i in range(k - 1, -1, -1):
            out[n] = left[i]
            n += 1
    if anchor < hi:  # from max(anchor, lo) up to hi
        e = max(anchor, lo)
        if n == 0:
            out[n] = e
            n += 1
        while e < hi and n < _MAX_EDGES:
            e = min(hi, e + min(2.0, max(w0, (e - anchor) / 3.0)))
            out[n] = e
            n += 1
    return n


@njit(cache=True, error_model="numpy")
def pair_expectations(code, a, b, c, ox, ow, ix, iw):
    """(E[phi(u) phi(v)], E[phi'(u) phi'(v)]) for (u, v) Gaussian with variances a, b and covariance c (a, b > 0)."""
    la = math.sqrt(a)
    root = a if a == b else la * math.sqrt(b)
    s2 = (root - c) * (root + c) / a
    s = math.sqrt(s2) if s2 > 0.0 else 0.0
    m = c / la
    scale = max(1.0, la, abs(m))
    outer = np.empty(_MAX_EDGES)
    inner = np.empty(_MAX_EDGES)
    w0x = 0.5 / scale
    if s > 0.0 and m != 0.0:  # the inner expectation smooths a kink of v's over x-widths s/|m|: resolve it at x = 0
        w0x = min(w0x, 0.5 * s / abs(m))
    n_out = _edges(0.0, w0x, -_BOX, _BOX, outer)
    w0y = 0.5 / max(1.0, s)
    e_pp, e_dd = 0.0, 0.0
    for p in range(n_out - 1):
        half, mid = 0.5 * (outer[p + 1] - outer[p]), 0.5 * (outer[p + 1] + outer[p])
        for j in range(ox.size):
            x = mid + half * ox[j]
            wx = half * ow[j] * math.exp(-0.5 * x * x) * _INV_SQRT_2PI
            fu, du = phi(code, la * x)
            if s == 0.0:
                fv, dv = phi(code, m * x)
            else:
                anchor = -m * x / s
                n_in = _edges(anchor, w0y, -_BOX, _BOX, inner)
                fv, dv = 0.0, 0.0
                for q in range(n_in - 1):
                    h2, m2 = 0.5 * (inner[q + 1] - inner[q]), 0.5 * (inner[q + 1] + inner[q])
                    for k in range(ix.size):
                        y = m2 + h2 * ix[k]
                        wy = h2 * iw[k] * math.exp(-0.5 * y * y) * _INV_SQRT_2PI
                        f, d = phi(code, m * x + s * y)
                        fv += wy * f
                        dv += wy * d
            e_pp += wx * fu * fv
            e_dd += wx * du * dv
    return e_pp, e_dd


@njit(cache=True, error_model="numpy")
def kernels(code, depth, q1, q2, q12, cw, cb, ox, ow, ix, iw):
    """(K, Theta) of the output layer: the NNGP/NTK recursion with every expectation by quadrature."""
    a, b, c = cb + cw * q1, cb + cw * q2, cb + cw * q12
    theta = c
    for _ in range(depth):
        e11 = pair_expectations(code, a, a, a, ox, ow, ix, iw)[0]
        e22 = e11 if (a == b) else pair_expectations(code, b, b, b, ox, ow, ix, iw)[0]
        e12, d12 = pair_expectations(code, a, b, c, ox, ow, ix, iw)
        a, b, c = cb + cw * e11, cb + cw * e22, cb + cw * e12
        theta = c + cw * d12 * theta
    return c, theta


def expectations(activation: str, a: float, b: float, c: float) -> tuple[float, float]:
    """``pair_expectations`` by activation name, with the module's rules."""
    return pair_expectations(ACTIVATION_CODES[activation], float(a), float(b), float(c), _OUTER_X, _OUTER_W, _INNER_X, _INNER_W)


def kernel_pair(activation: str, depth: int, q1: float, q2: float, q12: float, cw: float, cb: float) -> tuple[float, float]:
    """(K, Theta) by activation name."""
    return kernels(ACTIVATION_CODES[activation], int(depth), float(q1), float(q2), float(q12), float(cw), float(cb), _OUTER_X, _OUTER_W, _INNER_X, _INNER_W)


def _method(activation: str, which: int):
    code = ACTIVATION_CODES[activation]

    def host(depth, q1, q2, q12, C_W, C_b) -> np.ndarray:  # noqa: N803 (the stable parameter names)
        arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (depth, q1, q2, q12, C_W, C_b)))
        out = np.empty(arrays[0].shape)
        for idx in np.ndindex(out.shape):
            d, a, b, c, w, bias = (v[idx] for v in arrays)
            out[idx] = kernels(code, int(d), a, b, c, w, bias, _OUTER_X, _OUTER_W, _INNER_X, _INNER_W)[which]
        return out

    return host


for _act in ("tanh", "gelu", "silu"):
    for _which, _kind in enumerate(("nngp", "ntk")):
        register_method(f"nngp.{_act}_{_kind}", _method(_act, _which), note="graded composite Gauss-Legendre quadrature in numba, per pair")


# ------------------------------------------------------------------ finite width, single input
@functools.lru_cache(maxsize=4)
def _single_integrands(activation: str):
    import scipy.special
    import sympy as sp

    z = sp.Symbol("z", real=True)
    return [sp.lambdify(z, e, [{"erf": scipy.special.erf}, "numpy"]) for e in single_input_integrands(activation)]


def _gaussian_rule(v: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes u = sqrt(v) x and weights of E g(u), u ~ N(0, v): the graded outer rule of ``pair_expectations`` (anchor 0)."""
    sv = math.sqrt(v)
    edges = np.empty(_MAX_EDGES)
    n = _edges(0.0, 0.5 / max(1.0, sv), -_BOX, _BOX, edges)
    half, mid = 0.5 * np.diff(edges[:n]), 0.5 * (edges[1:n] + edges[: n - 1])
    x = (mid[:, None] + half[:, None] * _OUTER_X[None, :]).ravel()
    w = (half[:, None] * _OUTER_W[None, :]).ravel() * np.exp(-0.5 * x * x) * _INV_SQRT_2PI
    return sv * x, w


def width_recursion(activation: str, layer: int, q: float, cw: float, cb: float) -> tuple[float, float, float]:
    """(K_l, V_l, K1_l): the single-input kernel, four-point vertex and 1/n mean shift at hidden layer ``layer`` (theory's recursions)."""
    gs = _single_integrands(activation)
    k, vertex, shift = cb + cw * q, 0.0, 0.0
    for _ in range(int(layer) - 1):
        u, w = _gaussian_rule(k)
        f, f4, f1, f2 = (float(w @ g(u)) for g in gs)
        k, vertex, shift = cb + cw * f, cw * cw * (f4 - f * f) + (cw * f1) ** 2 * vertex, cw * f1 * shift + 0.5 * cw * f2 * vertex
    return k, vertex, shift


def _width_method(activation: str, which: int):
    def host(layer, q, C_W, C_b) -> np.ndarray:  # noqa: N803 (the stable parameter names)
        arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (layer, q, C_W, C_b)))
        out = np.empty(arrays[0].shape)
        for idx in np.ndindex(out.shape):
            out[idx] = width_recursion(activation, int(arrays[0][idx]), *(float(v[idx]) for v in arrays[1:]))[which]
        return out

    return host


for _act in ("erf", "tanh"):
    register_method(f"nngp.{_act}_vertex", _width_method(_act, 1), note="the single-input recursions, expectations by graded Gauss-Legendre")
    register_method(f"nngp.{_act}_mean_correction", _width_method(_act, 2), note="the single-input recursions, expectations by graded Gauss-Legendre")
