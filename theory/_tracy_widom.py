"""Tracy-Widom laws F_1 and F_2 (numeric) and Johnstone's Wishart centring and scaling.

F_beta has no closed form. It is the Fredholm determinant (THEORY.md §3.4)

    F_2(x) = det(I - K_Ai) on L^2(x, oo),  K_Ai(u, v) = (Ai(u) Ai'(v) - Ai'(u) Ai(v))/(u - v),
    F_1(x) = det(I - K_1)  on L^2(x, oo),  K_1(u, v) = Ai((u + v)/2)/2

(Tracy & Widom, Commun. Math. Phys. 159:151 (1994), arXiv hep-th/9211141, and 177:727
(1996), arXiv solv-int/9509007; F_1 in this form: Ferrari & Spohn, J. Phys. A 38:L557
(2005), arXiv cond-mat/0505038, eq. (6)). It is evaluated by Bornemann's method (Math.
Comp. 79:871 (2010), arXiv 0804.2543, §4-5): an m-point Gauss-Legendre rule on a
truncated interval [x, b] turns the operator into the m x m matrix
I - w^{1/2} K(x_i, x_j) w^{1/2}, whose determinant converges exponentially in m.

Truncation: the Airy kernel decays like exp(-(2/3) u^{3/2}), so for F_2 the interval
ends at b = max(x, 0) + 12 (the neglected trace is below 1e-25). K_1 has the argument
halved, and the entry coupling the left end x with u needs (x + u)/2 large too, so for
F_1 b = max(x, 0) + 16 + max(-x, 0) (THEORY.md warns that [x, x + 16] is ~10% wrong at
x = -6). Outside [LEFT, RIGHT] the value is within 1e-17 of 0 or 1 and the tail
asymptotics are used instead (Baik, Buckingham & DiFranco, Commun. Math. Phys. 280:463
(2008), arXiv 0704.3636, Thm 1 for the left tails with the constants
tau_2 = 2^{1/24} e^{zeta'(-1)}, tau_1 = 2^{-11/48} e^{zeta'(-1)/2}; the right tails
follow from the first term of the Fredholm series).

This module is the mpmath reference (``mp``); ``numeric`` evaluates the same rule in
float64, batched through LAPACK. Accuracy of the float64 kernel: 1e-12 absolute on the
CDF relative to F on [-12, 14] (measured ~3e-14), the left range included.
"""

from __future__ import annotations

import functools

import mpmath
import sympy as sp

from ._formula import Accuracy, Formula, NumericFormula
from ._registry import register
from ._symbols import BETAS, REALS, beta, q, x

__all__ = ["LEFT", "NODES", "RIGHT", "cdf_mp", "det_mp", "interval", "left_tail", "right_tail"]

#: quadrature nodes used by the float64 kernel (converged to round-off at 40)
NODES = {1: 64, 2: 48}
#: below LEFT / above RIGHT the tail asymptotics apply (the float64 method and the oracle alike); in
#: between, the determinant. F_2(-12) = 1.9e-63: the promised relative accuracy covers [-12, 14].
LEFT = {1: -12.0, 2: -12.0}
RIGHT = {1: 14.0, 2: 8.5}
_MP_NODES = 72
_MP_DIGITS = 40

_REF = (
    "Tracy-Widom, arXiv hep-th/9211141 (F2), arXiv solv-int/9509007 (F1); Ferrari-Spohn arXiv cond-mat/0505038 eq. (6); "
    "Bornemann, Math. Comp. 79:871 (2010), arXiv 0804.2543 (quadrature)"
)
_DEF = {
    1: r"F_1(x) = \det\left(I - K_1\right)_{L^2(x,\infty)},\ K_1(u,v) = \tfrac12 \operatorname{Ai}\left(\tfrac{u+v}{2}\right)",
    2: r"F_2(x) = \det\left(I - K_{\mathrm{Ai}}\right)_{L^2(x,\infty)},\ "
    r"K_{\mathrm{Ai}}(u,v) = \frac{\operatorname{Ai}(u)\operatorname{Ai}'(v) - \operatorname{Ai}'(u)\operatorname{Ai}(v)}{u - v}",
}


def _beta(b) -> int:
    b = int(b)
    if b not in (1, 2):
        raise ValueError(f"beta={b} is outside {{1, 2}}")
    return b


def interval(s: float, b: int) -> tuple[float, float]:
    """The truncated integration interval [s, end] for F_b at s (see the module docstring)."""
    if b == 2:
        return s, max(s, 0.0) + 12.0
    return s, max(s, 0.0) + 16.0 + max(-s, 0.0)


def left_tail(s, b: int):
    """Leading left-tail asymptotics of F_b(s) as s -> -oo (BBD 2008, Thm 1), in mpmath."""
    t = -mpmath.mpf(s)
    zeta1 = mpmath.zeta(-1, derivative=1)
    if b == 2:
        return mpmath.power(2, mpmath.mpf(1) / 24) * mpmath.exp(zeta1) * t ** (-mpmath.mpf(1) / 8) * mpmath.exp(-(t**3) / 12)
    return (
        mpmath.power(2, -mpmath.mpf(11) / 48)
        * mpmath.exp(zeta1 / 2)
        * t ** (-mpmath.mpf(1) / 16)
        * mpmath.exp(-(t**3) / 24 - t ** mpmath.mpf(1.5) / (3 * mpmath.sqrt(2)))
    )


def right_tail(s, b: int):
    """Leading right-tail asymptotics of 1 - F_b(s) as s -> oo (trace of the kernel), in mpmath."""
    s = mpmath.mpf(s)
    if b == 2:
        return mpmath.exp(-4 * s**1.5 / 3) / (16 * mpmath.pi * s**1.5)
    return mpmath.exp(-2 * s**1.5 / 3) / (4 * mpmath.sqrt(mpmath.pi) * s**0.75)


@functools.cache
def _mp_rule(m: int, dps: int):
    with mpmath.workdps(dps):
        return mpmath.gauss_quadrature(m, "legendre")


def cdf_mp(s, b) -> mpmath.mpf:
    """F_b(s) by Bornemann's rule in mpmath (72 nodes; 40 digits left of -6, 30 elsewhere): the reference oracle."""
    b = _beta(b)
    s = mpmath.mpf(s)
    if s < LEFT[b]:
        return left_tail(s, b)
    if s > RIGHT[b]:
        return 1 - right_tail(s, b)
    # 30 digits are plenty where F is not small; the far left gets 40 (F_2(-12) = 1.9e-63)
    return det_mp(s, b, dps=_MP_DIGITS if s < -6 else 30)


def det_mp(s, b: int, points: int = _MP_NODES, dps: int = _MP_DIGITS) -> mpmath.mpf:
    """det(I - K) of the m-point rule on the truncated interval, at ``dps`` digits.

    The determinant keeps its *relative* accuracy deep in the left tail: it is a product of
    LU pivots, not a cancelling sum. F_2(-12) = 1.8510160902936432572e-63 and F_1(-12) =
    2.0088152631325844655e-36 agree to all 20 printed digits between (72 nodes, 40 digits),
    (72, 90) and (100, 90).
    """
    s = mpmath.mpf(s)
    with mpmath.workdps(dps):
        t, w = _mp_rule(points, dps)
        lo, hi = s, mpmath.mpf(interval(float(s), b)[1])
        half = (hi - lo) / 2
        nodes = [lo + half * (ti + 1) for ti in t]
        sw = [mpmath.sqrt(half * wi) for wi in w]
        m = len(nodes)
        a = mpmath.eye(m)
        if b == 2:
            ai = [mpmath.airyai(u) for u in nodes]
            aip = [mpmath.airyai(u, derivative=1) for u in nodes]
            for i in range(m):
                for j in range(m):
                    if i == j:
                        k = aip[i] ** 2 - nodes[i] * ai[i] ** 2
                    else:
                        k = (ai[i] * aip[j] - aip[i] * ai[j]) / (nodes[i] - nodes[j])
                    a[i, j] -= sw[i] * k * sw[j]
        else:
            for i in range(m):
                for j in range(i, m):
                    k = sw[i] * mpmath.airyai((nodes[i] + nodes[j]) / 2) * sw[j] / 2
                    a[i, j] -= k
                    if j != i:
                        a[j, i] -= k
        return +mpmath.det(a)


def _quantile_mp(qv, b):
    b = _beta(b)
    qv = mpmath.mpf(qv)
    lo, hi = mpmath.mpf(LEFT[b] - 20), mpmath.mpf(RIGHT[b] + 20)
    # bisection: the CDF is monotone and the oracle need not be fast
    for _ in range(80):
        mid = (lo + hi) / 2
        if cdf_mp(mid, b) >= qv:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


@functools.cache
def _moments_mp(b, nodes: int = 40):
    """(mean, second moment) by integrating the tails of F_b: E X = int_0^oo (1-F) - int_-oo^0 F."""
    b = _beta(b)
    with mpmath.workdps(20):
        t, w = _mp_rule(nodes, 20)
        m1 = m2 = mpmath.mpf(0)
        for lo, hi, neg in ((LEFT[b] - 3, 0, True), (0, RIGHT[b] + 4, False)):
            half = mpmath.mpf(hi - lo) / 2
            for ti, wi in zip(t, w):
                s = lo + half * (ti + 1)
                f = cdf_mp(s, b)
                g = f if neg else 1 - f
                m1 += half * wi * (-g if neg else g)
                m2 += half * wi * 2 * abs(s) * g
        return m1, m2


_X = sp.Function("TracyWidomF")
_Q = sp.Function("TracyWidomQuantile")
_M = sp.Function("TracyWidomMean")
_V = sp.Function("TracyWidomVariance")


def _mean_mp(b):
    return _moments_mp(int(b))[0]


def _variance_mp(b):
    m1, m2 = _moments_mp(int(b))
    return m2 - m1**2


_TW_BETAS = {beta: BETAS}

register(
    NumericFormula(
        id="tracy_widom.cdf",
        params=(x, beta),
        domain={x: REALS, **_TW_BETAS},
        expr=_X(x, beta),
        reference=_REF,
        description="Tracy-Widom CDF F_beta(x), beta in {1, 2}, by Fredholm-determinant quadrature",
        mp=cdf_mp,
        definition=_DEF[1] + r",\quad " + _DEF[2],
        accuracy=Accuracy(
            rtol=1e-12,
            atol=0.0,
            cond_ulps=0.0,
            note="relative 1e-12 on [-12, 14] (~3e-14 measured): exp of a log-F series fitted to the 40-digit determinant on [-12, -2], "
            "a Chebyshev interpolant of the float64 determinant above; beyond, the tail asymptotics (as in the oracle)",
        ),
    )
)

register(
    NumericFormula(
        id="tracy_widom.quantile",
        params=(q, beta),
        domain={q: sp.Interval.open(0, 1), **_TW_BETAS},
        expr=_Q(q, beta),
        reference=_REF,
        description="Tracy-Widom quantile F_beta^{-1}(q) (safeguarded inversion of the CDF)",
        mp=_quantile_mp,
        definition=r"F_\beta^{-1}(q) = \inf\{x : F_\beta(x) \geq q\}",
        accuracy=Accuracy(rtol=0.0, atol=1e-9, cond_ulps=0.0, note="CDF error / density: ~1e-12 in the body; beyond 1e-17 in either tail, tail asymptotics"),
    )
)

for _name, _fn, _value, _desc, _definition in (
    (
        "mean",
        _M,
        _mean_mp,
        "mean of TW_beta: int_0^oo (1 - F) dx - int_-oo^0 F dx",
        r"\mathbb{E}\,\mathrm{TW}_\beta = \int_0^\infty (1 - F_\beta)\,dx - \int_{-\infty}^0 F_\beta\,dx",
    ),
    (
        "variance",
        _V,
        _variance_mp,
        "variance of TW_beta: 2 int |x| (tail) dx - mean^2",
        r"\operatorname{Var}\mathrm{TW}_\beta = \mathbb{E}X^2 - (\mathbb{E}X)^2",
    ),
):
    register(
        NumericFormula(
            id=f"tracy_widom.{_name}",
            params=(beta,),
            domain=_TW_BETAS,
            expr=_fn(beta),
            reference=_REF + "; Bornemann (2010) Table 5 for the values",
            description=_desc,
            mp=_value,
            definition=_definition,
            accuracy=Accuracy(rtol=0.0, atol=1e-10, cond_ulps=0.0, note="Gauss-Legendre over the CDF; agrees with published values to 1e-11"),
        )
    )

# ---------------------------------------------------------------------- Johnstone (2001)
p_dim = sp.Symbol("p", integer=True, positive=True)
n_dim = sp.Symbol("n", integer=True, positive=True)
_sn = sp.Piecewise((sp.sqrt(n_dim - 1), sp.Eq(beta, 1)), (sp.sqrt(n_dim), True))
_sp = sp.sqrt(p_dim)
_J_REF = (
    "Johnstone, Ann. Statist. 29:295 (2001), Thm 1.1 (real, n - 1); Johansson, Commun. Math. Phys. 209:437 (2000), "
    "arXiv math/9903134 (complex); El Karoui, arXiv math/0309355 (any p/n)"
)
_J_DOMAIN = {p_dim: sp.Range(1, sp.oo), n_dim: sp.Range(2, sp.oo), beta: BETAS}

register(
    Formula(
        id="tracy_widom.wishart_center",
        params=(p_dim, n_dim, beta),
        domain=_J_DOMAIN,
        expr=(_sn + _sp) ** 2 / n_dim,
        reference=_J_REF,
        description="centring mu/n of the largest eigenvalue of S = X X^T/n (X p x n): (sqrt(n-1)+sqrt(p))^2/n for beta=1, n for beta=2",
    )
)

register(
    Formula(
        id="tracy_widom.wishart_scale",
        params=(p_dim, n_dim, beta),
        domain=_J_DOMAIN,
        expr=(_sn + _sp) * (1 / _sn + 1 / _sp) ** sp.Rational(1, 3) / n_dim,
        reference=_J_REF,
        description="scale sigma/n: (lambda_1(S) - center)/scale -> TW_beta; (sqrt(n-1)+sqrt(p))(1/sqrt(n-1)+1/sqrt(p))^(1/3)/n for beta=1",
    )
)
