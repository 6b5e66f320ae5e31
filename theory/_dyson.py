"""Wigner-type matrices with a block variance profile (``dyson``): the vector Dyson equation.

Model: H is symmetric N x N with independent centred entries (up to symmetry), E H_ij^2 =
S_ab / N for i in block a and j in block b; block a holds a fraction ``alpha_a`` of the indices.
The resolvent's diagonal on block a tends to g_a(z), the solution of the vector Dyson (quadratic
vector) equation

    -1/g_a = z + sum_b alpha_b S_ab g_b

with Im g_a > 0 for Im z > 0 (Ajanki, Erdős & Krüger, *Quadratic vector equations on complex
upper half-plane*, Mem. AMS 261 (2019), arXiv 1506.05095, eq. (1.1)), and the limiting
spectral density is (1/pi) Im sum_a alpha_a g_a(x + i0). A constant profile S = s gives the
semicircle of variance s (the ``wigner`` family).
"""

from __future__ import annotations

import sympy as sp

from ._formula import Accuracy
from ._selfconsistent import ArrayParam, SelfConsistentSystem, declarer
from ._symbols import REALS, x, z

__all__ = ["ALPHA", "SYSTEM", "VARIANCES"]

_REF = "Ajanki, Erdős & Krüger, Mem. AMS 261 (2019), arXiv 1506.05095, eq. (1.1) (the vector Dyson equation)"
_len = sp.Symbol("len_alpha", integer=True, positive=True)
ALPHA = ArrayParam("alpha", 1, _len, sp.Interval.open(0, sp.oo), simplex=True)
VARIANCES = ArrayParam("S", 2, _len, sp.Interval(0, sp.oo), symmetric=True, row_positive=True)
_a = sp.Symbol("a", integer=True, nonnegative=True)
_b = sp.Symbol("b", integer=True, nonnegative=True)
_g = sp.IndexedBase("g")
_al, _S = ALPHA.base, VARIANCES.base
_inner = sp.Sum(_al[_b] * _S[_a, _b] * _g[_b], (_b, 0, _len - 1))

SYSTEM = SelfConsistentSystem(
    name="dyson",
    z=z,
    unknown=_g,
    index=_a,
    count=_len,
    # 1 + g_a (z + sum_b alpha_b S_ab g_b) = 0: the equation times g_a, polynomial in g
    equation=1 + _g[_a] * (z + _inner),
    scalars=(),
    arrays=(ALPHA, VARIANCES),
    stieltjes=sp.Sum(_al[_a] * _g[_a], (_a, 0, _len - 1)),
    # ||H|| -> at most 2 sqrt(max_a sum_b alpha_b S_ab) <= 2 sqrt(sum over all a, b)
    scale=2 * sp.sqrt(sp.Sum(sp.Sum(_al[_b] * _S[_a, _b], (_b, 0, _len - 1)), (_a, 0, _len - 1))),
    start=-1 / z,
    # -1/g_a = z + Phi_a(g), Phi_a = sum_b alpha_b S_ab g_b: B = diag(g^2) S diag(alpha) (AEK 2019, the stability operator)
    stability=_g[_a] ** 2 * _al[sp.Symbol("c_", integer=True, nonnegative=True)] * _S[_a, sp.Symbol("c_", integer=True, nonnegative=True)],
    reference=_REF,
)

_LAW = r"-\frac{1}{g_a(z)} = z + \sum_b \alpha_b S_{ab}\, g_b(z)"
_ACC = Accuracy(rtol=1e-10, note="Newton on the vector Dyson equation to convergence; the issue's bound is 1e-10 relative")


_declare = declarer(SYSTEM, reference=_REF, accuracy=_ACC)


stieltjes = _declare(
    "stieltjes",
    (z,),
    {z: sp.S.Complexes - sp.FiniteSet(0)},
    "Stieltjes transform (1/N) tr (H - z)^{-1} of a Wigner-type matrix with a block variance profile",
    rf"m(z) = \sum_a \alpha_a g_a(z), \quad {_LAW}",
    complex_valued=True,
)
density = _declare(
    "density",
    (x,),
    {x: REALS},
    "limiting spectral density of a Wigner-type matrix with a block variance profile",
    rf"\rho(x) = \frac{{1}}{{\pi}} \operatorname{{Im}} \sum_a \alpha_a g_a(x + i0), \quad {_LAW}",
)
upper_edge = _declare(
    "upper_edge",
    (),
    {},
    "largest edge of the support: where the real solution's stability operator reaches spectral radius 1",
    r"\sup \operatorname{supp} \rho = \inf\{x : \text{real } g(x),\ \rho(\operatorname{diag}(g^2) S \operatorname{diag}(\alpha)) < 1\}",
)
lower_edge = _declare(
    "lower_edge",
    (),
    {},
    "smallest edge of the support (-upper_edge: the equation is invariant under z -> -z, g -> -g)",
    r"\inf \operatorname{supp} \rho = -\sup \operatorname{supp} \rho",
)
