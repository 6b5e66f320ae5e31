"""Generalised Marchenko-Pastur family (``gmp``): any population spectrum of atoms.

Model (THEORY.md §1.5): S_n = Sigma^{1/2} X X^T Sigma^{1/2} / n, X p x n with i.i.d. mean-0,
unit-variance entries, ``gamma = p/n``, and the spectrum of Sigma is sum_i w_i delta_{t_i}
(``atoms`` t, ``weights`` w). The companion Stieltjes transform u = m_(z) of the n x n matrix
X^T Sigma X / n solves the Silverstein equation

    z = -1/u + gamma sum_i w_i t_i / (1 + t_i u)

(Silverstein, J. Multivariate Anal. 55:331 (1995), eq. (1.4); Bai & Silverstein (2010) eq.
(4.1.2)) on the Herglotz branch, and the p x p transform is m(z) = (u + (1 - gamma)/z)/gamma.
The edges are the values of x(u) = -1/u + gamma sum_i w_i t_i/(1 + t_i u) at its real critical
points (Silverstein & Choi, J. Multivariate Anal. 54:295 (1995), Thm 4.1-4.2); the Tracy-Widom
scale of the largest eigenvalue is El Karoui's, Ann. Probab. 35:663 (2007), arXiv
math/0503109, Thm 1 and eq. (3)-(4), which is (x''(u*)/2)^{1/3} at the upper critical point.
"""

from __future__ import annotations

import sympy as sp

from ._formula import Accuracy
from ._selfconsistent import ArrayParam, SelfConsistentSystem, declarer
from ._symbols import POSITIVE, REALS, gamma, x, z

__all__ = ["ATOMS", "SYSTEM", "WEIGHTS"]

_REF = "Silverstein, J. Multivariate Anal. 55:331 (1995) eq. (1.4); Silverstein & Choi, J. Multivariate Anal. 54:295 (1995) Thm 4.1-4.2"
_len = sp.Symbol("len_atoms", integer=True, positive=True)
ATOMS = ArrayParam("atoms", 1, _len, POSITIVE)
WEIGHTS = ArrayParam("weights", 1, _len, POSITIVE, simplex=True)
_i = sp.Symbol("i", integer=True, nonnegative=True)
_t, _w = ATOMS.base, WEIGHTS.base
_u = sp.Symbol("u")

SYSTEM = SelfConsistentSystem(
    name="gmp",
    z=z,
    unknown=_u,
    equation=z + 1 / _u - gamma * sp.Sum(_w[_i] * _t[_i] / (1 + _t[_i] * _u), (_i, 0, _len - 1)),
    scalars=(gamma,),
    arrays=(ATOMS, WEIGHTS),
    stieltjes=(_u + (1 - gamma) / z) / gamma,
    # every atom is below their sum, and the largest eigenvalue below t_max (1 + sqrt(gamma))^2
    scale=(1 + sp.sqrt(gamma)) ** 2 * sp.Sum(_t[_i], (_i, 0, _len - 1)),
    start=-1 / z,
    # -1/u = z + Phi(u), Phi = -gamma sum w t/(1 + t u): B = u^2 Phi'(u) (Silverstein & Choi: gaps where B < 1)
    stability=_u**2 * gamma * sp.Sum(_w[_i] * _t[_i] ** 2 / (1 + _t[_i] * _u) ** 2, (_i, 0, _len - 1)),
    reference=_REF,
)

_LAW = r"\underline{m}(z) = \Bigl(-z + \gamma \sum_i \frac{w_i t_i}{1 + t_i \underline{m}(z)}\Bigr)^{-1}"
_ACC = Accuracy(rtol=1e-10, note="Newton on the Silverstein equation to convergence; the issue's bound is 1e-10 relative by the kappa rule")


_declare = declarer(SYSTEM, reference=_REF, accuracy=_ACC, domain={gamma: POSITIVE})


stieltjes = _declare(
    "stieltjes",
    (z,),
    {z: sp.S.Complexes - sp.FiniteSet(0)},
    "Stieltjes transform (1/p) tr (S_n - z)^{-1} of the generalised MP law (z + i0 on the real axis; conjugate below it)",
    rf"m(z) = \frac{{\underline{{m}}(z) + (1-\gamma)/z}}{{\gamma}}, \quad {_LAW}",
    complex_valued=True,
)
density = _declare(
    "density",
    (x,),
    {x: REALS},
    "density of the continuous part of the generalised MP law (the atom 1 - 1/gamma at 0 is not included)",
    rf"\rho(x) = \frac{{1}}{{\pi\gamma}} \operatorname{{Im}} \underline{{m}}(x + i0), \quad {_LAW}",
)
cdf = _declare(
    "cdf",
    (x,),
    {x: REALS},
    "CDF of the generalised MP law, including the atom 1 - 1/gamma at 0 when gamma > 1",
    r"F(x) = 1 + \frac{\operatorname{Im} G(\underline{m}(x+i0)) - \pi}{\pi\gamma}, \quad "
    r"G(u) = \log u - \gamma \sum_i w_i \Bigl(\log(1 + t_i u) + \frac{1}{1 + t_i u}\Bigr) \quad (x > 0)",
)
upper_edge = _declare(
    "upper_edge",
    (),
    {},
    "largest edge of the support: x(u*) at the critical point u* in (-1/max t, 0)",
    r"x(u^*),\ x(u) = -\frac{1}{u} + \gamma \sum_i \frac{w_i t_i}{1 + t_i u},\ x'(u^*) = 0,\ u^* \in (-1/t_{\max}, 0)",
)
lower_edge = _declare(
    "lower_edge",
    (),
    {},
    "smallest edge of the support of the continuous part (0 when gamma = 1)",
    r"x(u^\circ),\ x'(u^\circ) = 0,\ 1/u^\circ \in (-t_{\min}, \infty)",
)
_j = sp.Symbol("j", integer=True, nonnegative=True)
edge = _declare(
    "edge",
    (_j,),
    {_j: sp.Range(0, sp.oo)},
    "the j-th edge of the support, increasing (2 per band; j must be below twice the number of bands)",
    r"\text{the } j\text{-th smallest of } \{x(u): x'(u) = 0,\ u \in \mathbb{R}\} \text{ bounding the support}",
)
edge_scale = _declare(
    "edge_scale",
    (),
    {},
    "Tracy-Widom scale sigma of the largest eigenvalue: n^{2/3} (lambda_max - upper_edge)/sigma -> TW_1 (real entries)",
    r"\sigma = \bigl(x''(u^*)/2\bigr)^{1/3} = \frac{1}{c}\Bigl(1 + \gamma \sum_i w_i \bigl(\tfrac{t_i c}{1 - t_i c}\bigr)^3\Bigr)^{1/3},\ c = -u^*",
    reference="El Karoui, Ann. Probab. 35:663 (2007), arXiv math/0503109, Thm 1, eqs. (3)-(4)",
)
