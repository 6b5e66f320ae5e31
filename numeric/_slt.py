"""Float64 method of ``slt.free_energy_monomial``: one QUADPACK integral per point.

With a1 <= a2 (a_j = (h_j + 1)/(2 k_j)) and the one-coordinate Z1(a; x) = a x^(-a) gamma(a, x)
= Gamma(a + 1) x^(-a) P(a, x) (``scipy.special.gammainc``, exact), integrating the coordinate
with the larger exponent first gives Z(n) = int_0^oo a1 e^(-a1 s) Z1(a2; n e^(-s)) ds, the
same representation as theory's 50-digit reference. Its integrand is smooth (no endpoint
singularity, whatever a1 and a2 - a1), evaluated in logarithms and scaled by n^a1 (its size at
s = log n), and integrated by ``scipy.integrate.quad`` on [0, log n] and [log n, oo). Where
Z > 1/2 (F_n < log 2, as small as it likes), the integral of Z1 - 1 gives F_n through log1p.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.integrate
import scipy.special

from ._methods import register_method

__all__ = ["free_energy_monomial"]

_TOL = dict(epsabs=0.0, epsrel=2e-14, limit=400)


def _log_z1(b: float, log_x: float) -> float:
    """Log of b x^(-b) gamma(b, x) at x = e^log_x (the one-coordinate marginal likelihood).

    For x <= 1 the series log1p(b sum_{k>=1} (-x)^k / (k! (b + k))) (x^b cancelled, so no underflow
    as x -> 0, and no loss where the value is near 0; 20 terms leave x^20/20! < 1e-18 of it), else
    log(Gamma(b + 1) x^(-b) P(b, x)).
    """
    if log_x <= 0.0:
        x = math.exp(log_x)
        term, total = 1.0, 0.0
        for k in range(1, 21):
            term *= -x / k
            total += term / (b + k)
        return math.log1p(b * total)
    return scipy.special.gammaln(b + 1) - b * log_x + math.log(scipy.special.gammainc(b, math.exp(log_x)))


def _one(n: float, k1: float, k2: float, h1: float, h2: float) -> float:
    a = sorted([(h1 + 1) / (2 * k1)] + ([] if k2 == 0 else [(h2 + 1) / (2 * k2)]))
    ln_n = math.log(n)
    if len(a) == 1:
        return -_log_z1(a[0], ln_n)
    a1, a2 = a

    # Z - 1 = int a1 e^(-a1 s) (Z1 - 1) ds, an integrand in (-1, 0]: where Z > 1/2 (F < log 2),
    # F = -log1p(Z - 1) loses nothing however small F is
    def g(s: float) -> float:
        return a1 * math.exp(-a1 * s) * math.expm1(_log_z1(a2, ln_n - s))

    cuts = [0.0, ln_n, math.inf] if ln_n > 0 else [0.0, math.inf]
    z_minus_1 = sum(scipy.integrate.quad(g, lo, hi, **_TOL)[0] for lo, hi in zip(cuts, cuts[1:]))
    if z_minus_1 > -0.5:
        return -math.log1p(z_minus_1)

    def f(s: float) -> float:
        return a1 * math.exp(a1 * (ln_n - s) + _log_z1(a2, ln_n - s))

    head = scipy.integrate.quad(f, 0.0, ln_n, **_TOL)[0]
    tail = scipy.integrate.quad(f, ln_n, math.inf, **_TOL)[0]
    return a1 * ln_n - math.log(head + tail)


def free_energy_monomial(n, k1, k2, h1, h2) -> np.ndarray:
    """Exact F_n of the normal-crossing model at broadcast arrays (float64, one quadrature per point)."""
    args = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (n, k1, k2, h1, h2)))
    out = np.empty(args[0].shape)
    for idx in np.ndindex(out.shape):
        out[idx] = _one(*(float(x[idx]) for x in args))
    return out


register_method("slt.free_energy_monomial", free_energy_monomial, note="QUADPACK of one smooth integral in s = -log u1 (gammainc inside)")
