"""Float64 Tracy-Widom laws: Bornemann's Fredholm-determinant rule, batched through LAPACK.

The method, truncation and tails are documented in ``theory`` (module tracy_widom), which also
holds the mpmath reference. ``fredholm`` evaluates the rule directly: the kernel
matrices for a chunk of points are stacked into one (chunk, m, m) array and
``numpy.linalg.det`` runs LAPACK ``getrf`` on each. With m = 48-64 nodes the rule has
converged to round-off (absolute error ~3e-14 against the 40-digit oracle).

F_1 needs m^2 Airy evaluations per point (~4 ms), so ``cdf`` evaluates instead the
degree-160 Chebyshev interpolant of the rule on [INTERP, RIGHT], built once per beta from
161 determinants (0.7 s for F_1). F_beta is entire, its Chebyshev coefficients fall
below 1e-15 by degree 128, and the interpolant agrees with the direct rule to 2e-14 at
random points (tests/test_tracy_widom.py). A million points then cost one Clenshaw sweep.
Right of LOG_HI = -2 that interpolant is used (F >= 0.4 there, so its absolute error is a
relative one). On [LEFT, LOG_HI] = [-12, -2], where F falls to 1e-63 and an absolute error
would be a large relative one, ``cdf`` evaluates exp of the degree-48 Chebyshev series of
log F that ``theory`` computes from the 40-digit oracle (``TW_LOG_CHEBYSHEV``): no
determinant at call time, relative error ~1e-14. Beyond [LEFT, RIGHT] the tail asymptotics.
"""

from __future__ import annotations

import functools

import numpy as np
import scipy.special

from lmech.theory import TW_LEFT as LEFT
from lmech.theory import TW_LOG_CHEBYSHEV, TW_LOG_RANGE, solver_source
from lmech.theory import TW_NODES as NODES
from lmech.theory import TW_RIGHT as RIGHT

from ._methods import DeviceCode, register_method
from ._solve import bisect_inverse

__all__ = ["cdf", "fredholm", "mean", "quantile", "variance"]

_CHUNK = 256
_ZETA1 = -0.16542114370045092921  # zeta'(-1)


@functools.cache
def _rule(m: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(m)


def _left_tail(s: np.ndarray, b: int) -> np.ndarray:
    t = -s
    if b == 2:
        return 2 ** (1 / 24) * np.exp(_ZETA1) * t ** (-1 / 8) * np.exp(-(t**3) / 12)
    return 2 ** (-11 / 48) * np.exp(_ZETA1 / 2) * t ** (-1 / 16) * np.exp(-(t**3) / 24 - t**1.5 / (3 * np.sqrt(2)))


def _right_tail(s: np.ndarray, b: int) -> np.ndarray:
    if b == 2:
        return np.exp(-4 * s**1.5 / 3) / (16 * np.pi * s**1.5)
    return np.exp(-2 * s**1.5 / 3) / (4 * np.sqrt(np.pi) * s**0.75)


def _fredholm(s: np.ndarray, b: int) -> np.ndarray:
    """det(I - K) on [s_k, end_k] for each s_k (one chunk)."""
    t, w = _rule(NODES[b])
    m = t.size
    end = np.maximum(s, 0.0) + (12.0 if b == 2 else 16.0 + np.maximum(-s, 0.0))
    half = (end - s)[:, None] / 2
    nodes = s[:, None] + half * (t + 1)  # (k, m)
    sw = np.sqrt(half * w)
    if b == 2:
        ai, aip, _, _ = scipy.special.airy(nodes)
        num = ai[:, :, None] * aip[:, None, :] - aip[:, :, None] * ai[:, None, :]
        diff = nodes[:, :, None] - nodes[:, None, :]
        idx = np.arange(m)
        diff[:, idx, idx] = 1.0
        k = num / diff
        k[:, idx, idx] = aip**2 - nodes * ai**2
    else:
        k = 0.5 * scipy.special.airy((nodes[:, :, None] + nodes[:, None, :]) / 2)[0]
    a = np.eye(m) - sw[:, :, None] * k * sw[:, None, :]
    return np.linalg.det(a)


def fredholm(s, b: int) -> np.ndarray:
    """The quadrature rule evaluated directly at each point of ``s`` (any real s; slow for F_1)."""
    s = np.atleast_1d(np.asarray(s, dtype=float))
    out = np.empty(s.size)
    for c in range(0, s.size, _CHUNK):
        out[c : c + _CHUNK] = _fredholm(s[c : c + _CHUNK], b)
    return out


_DEGREE = 160
LOG_LO, LOG_HI = TW_LOG_RANGE
_LOG = {b: np.array(c) for b, c in TW_LOG_CHEBYSHEV.items()}
#: left end of the interpolated range: F_1(-7.5) ~ 4e-11, F_2(-6) ~ 1e-8
INTERP = {1: -7.5, 2: -6.0}


@functools.cache
def _chebyshev(b: int) -> np.ndarray:
    u = np.cos(np.pi * (np.arange(_DEGREE + 1) + 0.5) / (_DEGREE + 1))
    s = INTERP[b] + (RIGHT[b] - INTERP[b]) * (u + 1) / 2
    return np.polynomial.chebyshev.chebfit(u, fredholm(s, b), _DEGREE)


def cdf(x, beta) -> np.ndarray:
    """F_beta(x) for arrays ``x`` and ``beta`` in {1, 2} (broadcast)."""
    x, beta = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(beta, dtype=float))
    out = np.empty(x.shape)
    flat_x, flat_b, flat_o = x.reshape(-1), beta.reshape(-1), out.reshape(-1)
    for b in (1, 2):
        sel = flat_b == b
        if not sel.any():
            continue
        s = flat_x[sel]
        val = np.empty(s.size)
        lo, hi = s < LEFT[b], s > RIGHT[b]
        tail = ~lo & (s < LOG_HI)
        mid = ~(lo | hi | tail)
        with np.errstate(over="ignore", under="ignore"):
            val[lo] = _left_tail(s[lo], b)
            val[hi] = 1.0 - _right_tail(s[hi], b)
        # the left range: exp of the Chebyshev series of log F (relative accuracy where F is tiny)
        u = 2 * (s[tail] - LOG_LO) / (LOG_HI - LOG_LO) - 1
        val[tail] = np.exp(np.polynomial.chebyshev.chebval(u, _LOG[b]))
        u = 2 * (s[mid] - INTERP[b]) / (RIGHT[b] - INTERP[b]) - 1
        val[mid] = np.polynomial.chebyshev.chebval(u, _chebyshev(b))
        flat_o[sel] = np.clip(val, 0.0, 1.0)
    return out


def quantile(q, beta) -> np.ndarray:
    """F_beta^{-1}(q) = inf{x : F_beta(x) >= q}, by the project's vectorised bisection on the CDF."""
    q, beta = np.broadcast_arrays(np.asarray(q, dtype=float), np.asarray(beta, dtype=float))
    lo = np.where(beta == 1, LEFT[1], LEFT[2]) - 20.0
    hi = np.where(beta == 1, RIGHT[1], RIGHT[2]) + 20.0
    return bisect_inverse(lambda s: cdf(s, beta) - q, lo, hi)


@functools.cache
def _moments(b: int, nodes: int = 64) -> tuple[float, float]:
    t, w = _rule(nodes)
    m1 = m2 = 0.0
    for lo, hi, neg in ((LEFT[b] - 3.0, 0.0, True), (0.0, RIGHT[b] + 4.0, False)):
        half = (hi - lo) / 2
        s = lo + half * (t + 1)
        f = cdf(s, b)
        g = f if neg else 1.0 - f
        m1 += half * np.dot(w, -g if neg else g)
        m2 += half * np.dot(w, 2 * np.abs(s) * g)
    return m1, m2


def mean(beta) -> np.ndarray:
    beta = np.asarray(beta, dtype=float)
    return np.vectorize(lambda b: _moments(int(b))[0], otypes=[float])(beta)


def variance(beta) -> np.ndarray:
    beta = np.asarray(beta, dtype=float)
    return np.vectorize(lambda b: _moments(int(b))[1] - _moments(int(b))[0] ** 2, otypes=[float])(beta)


def _device(name: str):
    return lambda: DeviceCode(cuda_preamble(), name)


register_method("tracy_widom.cdf", cdf, device=_device("lmech_tracy_widom_cdf"), note="Chebyshev interpolant of Bornemann's rule; tails by asymptotics")
register_method("tracy_widom.quantile", quantile, device=_device("lmech_tracy_widom_quantile"), note="bisection on the CDF")
register_method("tracy_widom.mean", mean, note="Gauss-Legendre over the CDF")
register_method("tracy_widom.variance", variance, note="Gauss-Legendre over the CDF")


# --------------------------------------------------------------------------- device code
@functools.cache
def cuda_preamble() -> str:
    """CUDA device functions ``lmech_tracy_widom_cdf(x, beta)`` and ``lmech_tracy_widom_quantile(q, beta)``.

    They use the same Chebyshev interpolant (Clenshaw on the coefficients above, embedded as literals)
    and tail asymptotics as ``cdf``, the same exp of the log-F series on [LEFT, LOG_HI], and
    the same bisection as ``quantile``: complete device code, nothing left to the host.
    """
    from lmech.theory import CUDA_PRELUDE

    zeta = repr(_ZETA1)
    lines = ["// tracy_widom: Chebyshev interpolant of Bornemann's rule (numeric._tracy_widom), tails outside", CUDA_PRELUDE]
    for b in (1, 2):
        coeffs = ", ".join(repr(float(c)) for c in _chebyshev(b))
        log_coeffs = ", ".join(repr(float(c)) for c in _LOG[b])
        left = (
            f"pow(2.0, 1.0/24.0) * exp({zeta}) * pow(t, -1.0/8.0) * exp(-t*t*t/12.0)"
            if b == 2
            else f"pow(2.0, -11.0/48.0) * exp({zeta}/2.0) * pow(t, -1.0/16.0) * exp(-t*t*t/24.0 - pow(t, 1.5)/(3.0*sqrt(2.0)))"
        )
        right = (
            "exp(-4.0*pow(s, 1.5)/3.0) / (16.0*3.14159265358979323846*pow(s, 1.5))"
            if b == 2
            else "exp(-2.0*pow(s, 1.5)/3.0) / (4.0*sqrt(3.14159265358979323846)*pow(s, 0.75))"
        )
        lines.append(
            f"""
__device__ double lmech_tracy_widom_cdf{b}(double s) {{
    static const double c[{_DEGREE + 1}] = {{{coeffs}}};
    static const double lc[{_LOG[b].size}] = {{{log_coeffs}}};
    if (s < {LEFT[b]!r}) {{ const double t = -s; return {left}; }}
    if (s > {RIGHT[b]!r}) return 1.0 - {right};
    const bool logf = s < {LOG_HI!r};  /* the left range: the series of log F */
    const double* k0 = logf ? lc : c;
    const int n = logf ? {_LOG[b].size - 1} : {_DEGREE};
    const double u = logf ? 2.0 * (s - ({LOG_LO!r})) / ({LOG_HI!r} - ({LOG_LO!r})) - 1.0 : 2.0 * (s - ({INTERP[b]!r})) / ({RIGHT[b]!r} - ({INTERP[b]!r})) - 1.0;
    double b1 = 0.0, b2 = 0.0;
    for (int k = n; k >= 1; --k) {{ const double t = k0[k] + 2.0 * u * b1 - b2; b2 = b1; b1 = t; }}
    const double v = k0[0] + u * b1 - b2;
    return logf ? exp(v) : fmin(fmax(v, 0.0), 1.0);
}}
"""
        )
    lines.append(
        """
__device__ double lmech_tracy_widom_cdf(double x, double beta) {
    return beta == 1.0 ? lmech_tracy_widom_cdf1(x) : lmech_tracy_widom_cdf2(x);
}

"""
    )
    # the project's one solver (theory.solver_source) on the CDF, with no derivative: bisection,
    # the same generalised inverse inf{x : F(x) >= q} as ``quantile``
    lines.append(
        solver_source(
            "cuda",
            name="lmech_tracy_widom_quantile",
            params=["q", "beta"],
            lo=f"(beta == 1.0 ? {LEFT[1]!r} : {LEFT[2]!r}) - 20.0",
            hi=f"(beta == 1.0 ? {RIGHT[1]!r} : {RIGHT[2]!r}) + 20.0",
            residual=lambda at, limit: f"lmech_tracy_widom_cdf({at}, beta) - q",
            derivative=lambda at, limit: "(double)INFINITY",
            qualifier="__device__ ",
        )
    )
    return "\n".join(lines)
