"""Float64 methods of the tanh criticality formulas (``nngp.tanh_*``): composite Gauss-Legendre quadrature.

Every expectation E[g(sqrt(q) z)] is an integral over u = sqrt(q) z of g(u) times the Gaussian density
of variance q, on |u| <= min(22, 14 sqrt q) (14 sqrt q for tanh^2, used only for q <= 1) in equal panels
no wider than 1 or sqrt q, 24 Gauss-Legendre nodes each: the integrands (sech^2, sech^4, tanh^2,
u tanh sech^2, u tanh sech^4, all non-negative) are analytic in the Bernstein ellipse of parameter 6.4
around each panel, so the rule's error is below 1e-37 relative, far below float64 rounding; what remains
is the summation's rounding, 1e-15 relative. The roots (q* and the edge of chaos) are bracketed (the
residuals are monotone), found by bisection and the Illinois false position, and polished by Newton.
"""

from __future__ import annotations

import math

import numpy as np

from lmech.theory import tanh_edge_series

from ._methods import register_method

__all__: list[str] = []

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(24)
_BOX = 22.0


def _edge(u: np.ndarray) -> np.ndarray:
    """g(u) = u tanh u (1 - tanh^2 u/3) - tanh^2 u (theory's ``tanh_edge_series``), from its series below |u| = 1/4."""
    th = np.tanh(u)
    direct = u * th * (1.0 - th * th / 3.0) - th * th
    u2, series = u * u, np.zeros_like(u)
    for c in reversed(tanh_edge_series()[:16]):  # to u^30: (2 u/pi)^26 < 1e-20 relative at |u| = 1/4
        series = series * u2 + float(c)
    return np.where(np.abs(u) < 0.25, series, direct)


def _integrand(kind: str, u: np.ndarray) -> np.ndarray:
    if kind == "tanh2":
        return np.tanh(u) ** 2
    if kind == "edge":
        return _edge(u)
    sech2 = 1.0 / np.cosh(u) ** 2
    if kind == "sech2":
        return sech2
    if kind == "sech4":
        return sech2 * sech2
    if kind == "u_tanh_sech2":
        return u * np.tanh(u) * sech2
    return u * np.tanh(u) * sech2 * sech2  # u_tanh_sech4


def expectation(kind: str, v: float) -> float:
    """E[g(sqrt(v) z)], z ~ N(0, 1), for the integrand ``kind`` (theory's ``TANH_INTEGRANDS``), v >= 0."""
    if v == 0.0:
        return 0.0 if kind.startswith("u_") or kind in ("tanh2", "edge") else 1.0
    s = math.sqrt(v)
    half = 14.0 * s if kind in ("tanh2", "edge") else min(_BOX, 14.0 * s)
    count = max(2, math.ceil(2.0 * half / min(1.0, s)))
    width = 2.0 * half / count
    centres = -half + (np.arange(count) + 0.5) * width
    u = (centres[:, None] + _NODES[None, :] * (width / 2.0)).ravel()
    values = _integrand(kind, u) * np.exp(-u * u / (2.0 * v))
    return float(np.tile(_WEIGHTS, count) @ values) * (width / 2.0) / math.sqrt(2.0 * math.pi * v)


def _square(v: float) -> float:
    """E tanh^2: directly for v <= 1 (where 1 - E sech^2 cancels), else 1 - E sech^2 (nothing cancels)."""
    return expectation("tanh2", v) if v <= 1.0 else 1.0 - expectation("sech2", v)


def _root(residual, lo: float, hi: float) -> float:
    """The root of an increasing residual on [lo, hi]: bisection, then the Illinois false position to 4e-16 relative."""
    fa = residual(lo)
    if fa >= 0.0:
        return lo
    a, b, fb = lo, hi, residual(hi)
    for _ in range(6):
        mid = 0.5 * (a + b)
        fm = residual(mid)
        a, b, fa, fb = (mid, b, fm, fb) if fm < 0.0 else (a, mid, fa, fm)
    side = 0
    for _ in range(100):
        if b - a <= 4e-16 * max(abs(a), abs(b)) or fb == fa:
            break
        x = min(max(b - fb * (b - a) / (fb - fa), a), b)
        fx = residual(x)
        if fx == 0.0:
            return x
        if fx < 0.0:
            a, fa = x, fx
            fb, side = (0.5 * fb if side == -1 else fb), -1
        else:
            b, fb = x, fx
            fa, side = (0.5 * fa if side == 1 else fa), 1
    return a if abs(fa) <= abs(fb) else b


def _chi_perp(v: float, cw: float) -> float:
    return cw * expectation("sech4", v)


def _chi_parallel(v: float, cw: float) -> float:
    return cw if v == 0.0 else cw * expectation("u_tanh_sech2", v) / v


def _fixed_point(cw: float, cb: float) -> float:
    def residual(v: float) -> float:
        return 1.0 - cw if v <= 0.0 else (v - cb) / _square(v) - cw

    return _root(residual, cb, cb + cw)


def _critical_bias(cw: float) -> float:
    v = _root(lambda x: 1.0 - cw * expectation("sech4", x), 0.0, cw * cw)
    # v - C_W E tanh^2 = C_W E[g] at the root (g >= 0): no cancellation as v -> 0; above v = 1 nothing cancels
    return cw * expectation("edge", v) if v <= 1.0 else v - cw * _square(v)


def _vectorised(scalar):
    vec = np.vectorize(scalar, otypes=[float])

    def host(*arrays):
        return vec(*(np.asarray(a, dtype=float) for a in arrays))

    return host


_NOTE = "composite 24-point Gauss-Legendre over the Gaussian's reach (panels <= 1 and <= sqrt q); roots by bisection and Illinois"
for _id, _fn in (
    ("nngp.tanh_chi_perp", _chi_perp),
    ("nngp.tanh_chi_parallel", _chi_parallel),
    ("nngp.tanh_fixed_point", _fixed_point),
    ("nngp.tanh_critical_bias", _critical_bias),
):
    register_method(_id, _vectorised(_fn), note=_NOTE)
