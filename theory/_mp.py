"""Marchenko-Pastur family (``mp``).

Convention (THEORY.md §1): X is p x n with i.i.d. entries of mean 0 and variance
``sigma2``; S = X X^T / n; ``gamma = p/n``. For ``gamma > 1`` the law has an atom of
mass ``1 - 1/gamma`` at 0. Stieltjes transform ``m(z) = int dmu(x)/(x - z)``.

References: V. A. Marchenko and L. A. Pastur, Math. USSR-Sb. 1:457 (1967);
Z. Bai and J. W. Silverstein, *Spectral Analysis of Large Dimensional Random
Matrices* (2010), Ch. 3, Thm 3.6 (density), Thm 3.10 (Stieltjes transform),
Lemma 3.1 (moments).
"""

from __future__ import annotations

import functools

import sympy as sp

from ._formula import Accuracy, Formula, ImplicitFormula
from ._registry import register
from ._spectral import density_from_stieltjes, stieltjes_root
from ._symbols import POSITIVE, REALS, UNIT, gamma, k, q, sigma2, x, z

_REF = "Marchenko & Pastur, Math. USSR-Sb. 1:457 (1967); Bai & Silverstein (2010) Ch. 3"
_m = sp.Symbol("m")
_sqg = sp.sqrt(gamma)

# Edges written once; the derivations below recover them from the discriminant.
LOWER = sigma2 * (1 - _sqg) ** 2
UPPER = sigma2 * (1 + _sqg) ** 2
ZERO_MASS = sp.Piecewise((1 - 1 / gamma, gamma > 1), (0, True))

#: gamma*sigma2*z*m^2 + (z - sigma2*(1 - gamma))*m + 1 = 0  (Bai & Silverstein eq. 3.1.7 form)
QUADRATIC = gamma * sigma2 * z * _m**2 + (z - sigma2 * (1 - gamma)) * _m + 1


def _derived_stieltjes() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    return stieltjes_root(QUADRATIC, _m, z)


# ---------------------------------------------------------------------------- density
_DENSITY_PRINTED = sp.sqrt((UPPER - x) * (x - LOWER)) / (2 * sp.pi * sigma2 * gamma * x)


def _derive_density() -> sp.Expr:
    m, a, b = _derived_stieltjes()
    return density_from_stieltjes(m, z, x, a, b)


density = register(
    Formula(
        id="mp.density",
        params=(x, gamma, sigma2),
        domain={x: REALS, gamma: POSITIVE, sigma2: POSITIVE},
        expr=sp.Piecewise((_DENSITY_PRINTED, (x > LOWER) & (x < UPPER)), (0, True)),
        reference=f"{_REF}; Bai & Silverstein Thm 3.6 (eq. 3.1.1)",
        description="Marchenko-Pastur density of the continuous part (the atom at 0 is mp.zero_mass)",
        derivation=_derive_density,
    )
)

# ------------------------------------------------------------------------- stieltjes
_STIELTJES_PRINTED = (sigma2 * (1 - gamma) - z + sp.sqrt(z - LOWER) * sp.sqrt(z - UPPER)) / (2 * gamma * sigma2 * z)


# Vieta: with N = sigma2(1-g) - z + root and D = sigma2(1-g) - z - root, N*D = 4 g sigma2 z,
# so m = N/(2 g sigma2 z) = 2/D. Each form cancels where the other does not (N at large |z|,
# D at the pole z -> 0 when gamma > 1), and since |N||D| is fixed the larger one is the
# accurate one: pick it per point.
_root = sp.sqrt(z - LOWER) * sp.sqrt(z - UPPER)
_N = sigma2 * (1 - gamma) - z + _root
_D = sigma2 * (1 - gamma) - z - _root
_STIELTJES_STABLE = sp.Piecewise((_N / (2 * gamma * sigma2 * z), sp.Abs(_N) > sp.Abs(_D)), (2 / _D, True))


def _derive_stieltjes() -> sp.Expr:
    m, _, _ = _derived_stieltjes()
    return m


stieltjes = register(
    Formula(
        id="mp.stieltjes",
        params=(z, gamma, sigma2),
        domain={z: sp.S.Complexes, gamma: POSITIVE, sigma2: POSITIVE},
        expr=_STIELTJES_STABLE,
        reference=f"{_REF}; Bai & Silverstein Lemma 3.11 (eq. 3.3.1)",
        description="Stieltjes transform m(z)=int dmu/(x-z); on the cut it is the boundary value m(x+i0)",
        where=(sp.Or(sp.Ne(z, 0), gamma < 1),),
        derivation=_derive_stieltjes,
        printed=_STIELTJES_PRINTED,
        complex_valued=True,
    )
)

# ----------------------------------------------------------------------------- edges


def _derive_edge(which: int) -> sp.Expr:
    """Edge ``which`` (0 lower, 1 upper) from the discriminant of the Stieltjes quadratic."""
    _, a, b = _derived_stieltjes()
    return sp.factor((a, b)[which])


lower_edge = register(
    Formula(
        id="mp.lower_edge",
        params=(gamma, sigma2),
        domain={gamma: POSITIVE, sigma2: POSITIVE},
        expr=LOWER,
        reference=f"{_REF}; Bai & Silverstein Thm 3.6",
        description="lower edge a = sigma2 (1 - sqrt(gamma))^2 of the continuous support",
        derivation=functools.partial(_derive_edge, 0),
    )
)

upper_edge = register(
    Formula(
        id="mp.upper_edge",
        params=(gamma, sigma2),
        domain={gamma: POSITIVE, sigma2: POSITIVE},
        expr=UPPER,
        reference=f"{_REF}; Bai & Silverstein Thm 3.6; Bai-Yin (1993) for the largest eigenvalue",
        description="upper edge b = sigma2 (1 + sqrt(gamma))^2 of the support",
        derivation=functools.partial(_derive_edge, 1),
    )
)

# ------------------------------------------------------------------------- zero mass


def _derive_zero_mass() -> sp.Expr:
    # The atom at 0 is -Res_{z=0} m(z); take the limit with sqrt(gamma) = 1 + g or 1/(1 + g).
    m, _, _ = _derived_stieltjes()
    g = sp.Symbol("g", positive=True)
    above = sp.simplify(-sp.limit(z * m.subs(gamma, (1 + g) ** 2), z, 0)).subs(g, _sqg - 1)
    below = sp.simplify(-sp.limit(z * m.subs(gamma, (1 + g) ** -2), z, 0)).subs(g, 1 / _sqg - 1)
    return sp.Piecewise((sp.simplify(above), gamma > 1), (sp.simplify(below), True))


zero_mass = register(
    Formula(
        id="mp.zero_mass",
        params=(gamma,),
        domain={gamma: POSITIVE},
        expr=ZERO_MASS,
        reference=f"{_REF}; Bai & Silverstein Thm 3.6",
        description="mass of the atom at 0, 1 - 1/gamma when gamma > 1",
        derivation=_derive_zero_mass,
    )
)

# ------------------------------------------------------------------------------- cdf
_y = x / sigma2
_a0, _b0 = (1 - _sqg) ** 2, (1 + _sqg) ** 2
_R = sp.sqrt((_b0 - _y) * (_y - _a0))
# THEORY.md §1.2 form, sigma2 = 1 then scaled: C + [R + (1+g) asin(u) - |1-g| asin(v)]/(2 pi g).
_CDF_BULK_PRINTED = sp.Piecewise((sp.Rational(1, 2), gamma <= 1), (1 - 1 / (2 * gamma), True)) + (
    _R + (1 + gamma) * sp.asin((_y - (1 + gamma)) / (2 * _sqg)) - sp.Abs(1 - gamma) * sp.asin(((1 + gamma) * _y - (1 - gamma) ** 2) / (2 * _sqg * _y))
) / (2 * sp.pi * gamma)
# Stable form, with one square root and two arctangents a point. The printed arcsines are
# th1 = asin(sqrt(s)) = atan2(p, q) and th2 = atan2(sqrt(b0) p, sqrt(a0) q), where
# p = sqrt(y - a0), q = sqrt(b0 - y), s = (y - a0)/(4 sqrt(g)); in this form both are exact at
# the edges, where asin of an argument rounded near 1 loses half the digits. The atan2
# addition rule, with sqrt(a0) + sqrt(b0) = 2 and sqrt(a0 b0) = 1 - g for g <= 1
# (2 sqrt(g) and g - 1 for g > 1), merges them into
#   th1 - th2 = -atan(R / (|1 - g| + y)),   th1 + th2 = atan2(R, |1 - g| - y),
# and the bulk numerator R + 2(1 + g) th1 - 2|1 - g| th2 into
#   g <= 1: R - 2 atan(R/w) + 2 g atan2(R, |1 - g| - y),
#   g > 1:  R + 2 atan2(R, |1 - g| - y) - 2 g atan(R/w),   w = |1 - g| + y.
# w > 0 on the bulk, so no branch of the arctangent is crossed. |1 - g| is written as one
# term so that it is formed first: at g = 1 a sum ordered (y - g) + 1 would lose y entirely.
_g1 = sp.Abs(1 - gamma)
_w = _g1 + _y
_u = _R / _w
_SUM_ANGLE = sp.atan2(_R, _g1 - _y)
# For small gamma, R - 2 atan(R/w) nearly cancels and loses digits like eps/gamma. Written
# out, it is R (y - 1 - g)/w + 2 (u - atan u) with u = R/w, and u - atan u by its Taylor
# series for u < 1/16 (8 terms: remainder below 1e-17 relative) keeps F accurate to ~1e-16
# down to gamma = 1e-6. Used for gamma <= 1/4, where w >= 1.
_U_MINUS_ATAN = sp.Piecewise(
    (sum((-1) ** (n + 1) * _u ** (2 * n + 1) / (2 * n + 1) for n in range(1, 9)), _u < sp.Rational(1, 16)),
    (_u - sp.atan(_u), True),
)
_CDF_BULK = sp.Piecewise(
    ((_R * (_y - 1 - gamma) / _w + 2 * _U_MINUS_ATAN + 2 * gamma * _SUM_ANGLE) / (2 * sp.pi * gamma), gamma <= sp.Rational(1, 4)),
    ((_R - 2 * sp.atan(_u) + 2 * gamma * _SUM_ANGLE) / (2 * sp.pi * gamma), gamma <= 1),
    (1 - 1 / gamma + (_R + 2 * _SUM_ANGLE - 2 * gamma * sp.atan(_u)) / (2 * sp.pi * gamma), True),
)


def _cdf_pieces(bulk: sp.Expr) -> sp.Expr:
    return sp.Piecewise((0, x < 0), (ZERO_MASS, _y <= _a0), (bulk, _y <= _b0), (1, True))


def _derive_cdf() -> sp.Expr:
    """Antiderivative checked by differentiation; constant fixed by total mass F(b) = 1.

    SymPy cannot integrate sqrt((b-y)(y-a))/y in closed form with symbolic edges, so the
    candidate antiderivative (THEORY.md §1.2, arcsine form) is differentiated and compared
    with the density at random points of the bulk to 40 digits, for gamma on both sides of 1.
    """
    dens = _DENSITY_PRINTED.subs(sigma2, 1).subs(x, _y) / sigma2
    antider = _CDF_BULK_PRINTED - _CDF_BULK_PRINTED.as_independent(x)[0]  # drop the printed constant
    residual = sp.diff(antider, x) - dens
    for gv, s2v, frac in ((0.3, 1.0, 0.2), (0.8, 2.5, 0.7), (2.0, 0.5, 0.4), (7.0, 1.3, 0.9)):
        gv, s2v = sp.Float(gv, 50), sp.Float(s2v, 50)
        xv = s2v * ((1 - sp.sqrt(gv)) ** 2 + frac * 4 * sp.sqrt(gv))
        r = residual.subs({gamma: gv, sigma2: s2v, x: xv}).evalf(50)
        if abs(r) > sp.Float(10) ** -40:
            raise ArithmeticError(f"antiderivative does not differentiate to the density (residual {r})")
    const = sp.Symbol("C")
    pieces = []
    for cond in (gamma <= 1, True):
        # asin(+-1) at the edges is exact, so F(b) = 1 fixes C symbolically on each side of gamma = 1
        branch = antider.subs(sp.Abs(1 - gamma), (1 - gamma) if cond is not True else (gamma - 1))
        at_b = sp.simplify(branch.subs(x, sigma2 * _b0).subs(sp.sqrt(gamma), sp.Symbol("s", positive=True)))
        c = sp.simplify(sp.solve(sp.Eq(at_b + const, 1), const)[0].subs(sp.Symbol("s", positive=True), sp.sqrt(gamma)))
        pieces.append((branch + c, cond))
    return _cdf_pieces(sp.Piecewise(*pieces))


cdf = register(
    Formula(
        id="mp.cdf",
        params=(x, gamma, sigma2),
        domain={x: REALS, gamma: POSITIVE, sigma2: POSITIVE},
        expr=_cdf_pieces(_CDF_BULK),
        reference=f"{_REF}; closed form from the antiderivative of Bai & Silverstein eq. 3.1.1 (THEORY.md §1.2)",
        description="Marchenko-Pastur CDF including the atom 1 - 1/gamma at 0",
        derivation=_derive_cdf,
        printed=_cdf_pieces(_CDF_BULK_PRINTED),
        accuracy=Accuracy(
            atol=1e-15,
            note="near the lower edge F ~ (x-a)^{3/2} is a sum of O(sqrt(x-a)) terms: absolute error ~1e-16, not relative",
        ),
    )
)

# ---------------------------------------------------------------------------- moment
_r = sp.Symbol("r", integer=True, nonnegative=True)
_NARAYANA = sigma2**k * sp.Sum(gamma**_r / (_r + 1) * sp.binomial(k, _r) * sp.binomial(k - 1, _r), (_r, 0, k - 1))


def _derive_moment() -> sp.Expr:
    """Lagrange inversion of the moment generating function.

    With z = 1/t and m = -t h(t), h = sum_k m_k t^k; the Stieltjes quadratic becomes a
    quadratic in h, and u = h - 1 solves u = t*phi(u) with phi(u) = s(1 + u)(1 + gamma u).
    Lagrange: [t^k] u = (1/k) [u^{k-1}] phi(u)^k, a Cauchy product of two binomials.
    """
    t, u, h = sp.symbols("t u h")
    phi = sigma2 * (1 + u) * (1 + gamma * u)
    in_h = sp.numer(sp.together(QUADRATIC.subs(_m, -t * h).subs(z, 1 / t)))
    fixed_point = sp.numer(sp.together((u - t * phi).subs(u, h - 1)))
    if sp.simplify(sp.expand(in_h) + sp.expand(fixed_point)) != 0 and sp.simplify(sp.expand(in_h) - sp.expand(fixed_point)) != 0:
        raise ArithmeticError("moment generating function is not of Lagrange form")
    j = _r
    coeff = sp.binomial(k, j) * gamma**j * sp.binomial(k, k - 1 - j)  # [u^{k-1}] (1+u)^k (1+gamma u)^k
    return sigma2**k * sp.Sum(coeff / k, (j, 0, k - 1))


moment = register(
    Formula(
        id="mp.moment",
        params=(k, gamma, sigma2),
        domain={k: sp.Range(1, sp.oo), gamma: POSITIVE, sigma2: POSITIVE},
        expr=_NARAYANA,
        reference=f"{_REF}; Bai & Silverstein Lemma 3.1 (Narayana polynomials)",
        description="k-th moment lim E (1/p) tr S^k = sigma2^k * Narayana_k(gamma)",
        derivation=_derive_moment,
    )
)

# -------------------------------------------------------------------------- quantile
quantile = register(
    ImplicitFormula(
        id="mp.quantile",
        params=(q, gamma, sigma2),
        domain={q: UNIT, gamma: POSITIVE, sigma2: POSITIVE},
        expr=_cdf_pieces(_CDF_BULK) - q,
        unknown=x,
        bracket=(sp.Piecewise((0, gamma > 1), (LOWER, True)), UPPER),
        reference=f"{_REF}; inverse of mp.cdf",
        description="quantile inf{x : F(x) >= q} of the Marchenko-Pastur law (implicit: solved by Newton/bisection)",
        accuracy=Accuracy(
            atol=1e-14,
            note="at the edges dF/dx -> 0, so the root is ill-conditioned; error ~ eps/f(x) in x",
        ),
    )
)
