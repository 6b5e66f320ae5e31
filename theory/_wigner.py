"""Wigner semicircle family (``wigner``).

Convention (THEORY.md §2): H symmetric N x N, off-diagonal entries of variance
``sigma2/N``; the limit law is the semicircle on [-2 sigma, 2 sigma].

References: E. P. Wigner, Ann. Math. 62:548 (1955) and 67:325 (1958); Anderson,
Guionnet & Zeitouni, *An Introduction to Random Matrices* (2010), Thm 2.1.1 and
§2.4 (Stieltjes transform, eq. 2.4.6).
"""

from __future__ import annotations

import sympy as sp

from ._formula import Accuracy, Formula
from ._registry import register
from ._spectral import density_from_stieltjes, stieltjes_root
from ._symbols import POSITIVE, REALS, sigma2, x, z

_REF = "Wigner, Ann. Math. 62:548 (1955); Anderson-Guionnet-Zeitouni (2010) Thm 2.1.1, eq. 2.4.6"
_m = sp.Symbol("m")
_s = sp.sqrt(sigma2)

#: sigma2*m^2 + z*m + 1 = 0 (AGZ eq. 2.4.6 with the math sign convention)
QUADRATIC = sigma2 * _m**2 + z * _m + 1


def _derived():
    return stieltjes_root(QUADRATIC, _m, z)


def _derive_density() -> sp.Expr:
    m, a, b = _derived()
    return density_from_stieltjes(m, z, x, a, b)


density = register(
    Formula(
        id="wigner.density",
        params=(x, sigma2),
        domain={x: REALS, sigma2: POSITIVE},
        # (2s - x)(2s + x) rather than 4 s^2 - x^2: no cancellation at the edges.
        expr=sp.Piecewise((sp.sqrt((2 * _s - x) * (2 * _s + x)) / (2 * sp.pi * sigma2), sp.Abs(x) < 2 * _s), (0, True)),
        reference=f"{_REF}",
        description="semicircle density sqrt(4 sigma2 - x^2)/(2 pi sigma2)",
        derivation=_derive_density,
        printed=sp.Piecewise((sp.sqrt(4 * sigma2 - x**2) / (2 * sp.pi * sigma2), sp.Abs(x) < 2 * _s), (0, True)),
    )
)


def _derive_stieltjes() -> sp.Expr:
    return _derived()[0]


stieltjes = register(
    Formula(
        id="wigner.stieltjes",
        params=(z, sigma2),
        domain={z: sp.S.Complexes, sigma2: POSITIVE},
        # Vieta (m+ m- = 1/sigma2) gives -2/(z + root), which never cancels at large |z|.
        expr=-2 / (z + sp.sqrt(z - 2 * _s) * sp.sqrt(z + 2 * _s)),
        reference=f"{_REF}",
        description="Stieltjes transform m(z)=int dmu/(x-z); on the cut it is the boundary value m(x+i0)",
        derivation=_derive_stieltjes,
        printed=(-z + sp.sqrt(z - 2 * _s) * sp.sqrt(z + 2 * _s)) / (2 * sigma2),
        complex_valued=True,
    )
)

_CDF_PRINTED = sp.Rational(1, 2) + x * sp.sqrt(4 * sigma2 - x**2) / (4 * sp.pi * sigma2) + sp.asin(x / (2 * _s)) / sp.pi
# 1/2 + asin(y)/pi = (2/pi) atan2(sqrt(2s + x), sqrt(2s - x)): vanishes at the lower edge
# without cancelling 1/2, and is exact at the upper edge where asin(1 - eps) loses half the digits.
_CDF_BULK = (2 * sp.atan2(sp.sqrt(2 * _s + x), sp.sqrt(2 * _s - x)) + x * sp.sqrt((2 * _s - x) * (2 * _s + x)) / (4 * sigma2)) / sp.pi


def _cdf_pieces(bulk: sp.Expr) -> sp.Expr:
    return sp.Piecewise((0, x <= -2 * _s), (bulk, x < 2 * _s), (1, True))


def _derive_cdf() -> sp.Expr:
    """Integrate the derived density from the lower edge (SymPy does this one exactly)."""
    t = sp.Symbol("t", real=True)
    dens = _derive_density().args[0][0].subs(x, t)
    s = sp.Symbol("s", positive=True)
    bulk = sp.integrate(dens.subs(sigma2, s**2), (t, -2 * s, x)).subs(s, _s)
    return _cdf_pieces(sp.simplify(bulk))


cdf = register(
    Formula(
        id="wigner.cdf",
        params=(x, sigma2),
        domain={x: REALS, sigma2: POSITIVE},
        expr=_cdf_pieces(_CDF_BULK),
        reference=f"{_REF}; THEORY.md §2",
        description="semicircle CDF",
        derivation=_derive_cdf,
        printed=_cdf_pieces(_CDF_PRINTED),
        accuracy=Accuracy(
            atol=1e-15,
            note="near -2 sigma, F ~ (x+2 sigma)^{3/2} is a sum of O(sqrt(x+2 sigma)) terms; absolute error ~1e-16",
        ),
    )
)
