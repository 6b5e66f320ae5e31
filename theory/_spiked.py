"""Spiked models: BBP outliers of spiked covariance and spiked Wigner matrices.

``bbp`` (THEORY.md §3.1): Sigma = I + theta v v^T, so the population spike is
l = 1 + theta; S = Sigma^{1/2} X X^T Sigma^{1/2}/n, gamma = p/n. The sample outlier is
psi(l) = l (1 + gamma/(l - 1)); the threshold is the critical point psi'(l) = 0, and the
squared overlap is l psi'(l)/psi(l). References: Baik, Ben Arous & Peche, Ann. Probab.
33:1643 (2005), arXiv math/0403022; Baik & Silverstein, J. Multivariate Anal. 97:1382
(2006); Paul, Statistica Sinica 17:1617 (2007), Theorems 2 and 4.

``spiked_wigner`` (THEORY.md §3.2): M = theta v v^T + H with H the semicircle matrix of
variance sigma2. The outlier solves 1 + theta m(lambda) = 0 with the semicircle
Stieltjes transform m; the squared overlap is 1/(theta^2 m'(lambda)). References:
Feral & Peche, arXiv math/0605624; Benaych-Georges & Nadakuditi, Adv. Math. 227:494
(2011), arXiv 0910.2120, Theorems 2.1 and 2.3; Capitaine, Donati-Martin & Feral,
Ann. Probab. 37:1 (2009) for the fluctuations.
"""

from __future__ import annotations

import functools

import sympy as sp

from ._formula import Formula
from ._registry import register
from ._symbols import BETAS, POSITIVE, beta, gamma, sigma2, theta

_ell = sp.Symbol("ell", positive=True)
_PSI = _ell * (1 + gamma / (_ell - 1))
_sqg = sp.sqrt(gamma)
_BBP_REF = "Baik-Ben Arous-Peche, arXiv math/0403022; Baik-Silverstein (2006); Paul, Statist. Sinica 17:1617 (2007)"


def _bbp_critical() -> sp.Expr:
    """The spike l > 1 where psi'(l) = 0 (the BBP threshold, as a population eigenvalue)."""
    roots = [r for r in sp.solve(sp.diff(_PSI, _ell), _ell) if sp.simplify(r - 1).is_positive]
    (crit,) = roots
    return crit


def _derive_bbp_threshold() -> sp.Expr:
    return sp.simplify(_bbp_critical() - 1)


def _derive_bbp_outlier() -> sp.Expr:
    crit = _bbp_critical()
    return sp.Piecewise((_PSI.subs(_ell, 1 + theta), theta > crit - 1), (sp.factor(sp.simplify(_PSI.subs(_ell, crit))), True))


def _derive_bbp_overlap() -> sp.Expr:
    crit = _bbp_critical()
    return sp.Piecewise((sp.simplify((_ell * sp.diff(_PSI, _ell) / _PSI).subs(_ell, 1 + theta)), theta > crit - 1), (0, True))


def _derive_bbp_variance() -> sp.Expr:
    # Paul (2007) states the real-case limit variance as 2 l^2 (1 - gamma/(l-1)^2) = 2 l^2 psi'(l);
    # the complex case halves it (BBP 2005): (2/beta) l^2 psi'(l).
    return (2 / beta) * (_ell**2 * sp.diff(_PSI, _ell)).subs(_ell, 1 + theta)


register(
    Formula(
        id="bbp.threshold",
        params=(gamma,),
        domain={gamma: POSITIVE},
        expr=_sqg,
        reference=f"{_BBP_REF}; BBP Thm 1.1 (threshold l_c = 1 + sqrt(gamma))",
        description="BBP threshold theta_c = sqrt(gamma) on the spike strength (population eigenvalue 1 + theta)",
        derivation=_derive_bbp_threshold,
    )
)

register(
    Formula(
        id="bbp.outlier",
        params=(theta, gamma),
        domain={theta: POSITIVE, gamma: POSITIVE},
        expr=sp.Piecewise(((1 + theta) * (1 + gamma / theta), theta > _sqg), ((1 + _sqg) ** 2, True)),
        reference=f"{_BBP_REF}; Baik-Silverstein Thm 1.1; Paul Thm 2",
        description="limit of the top sample eigenvalue: (1+theta)(1+gamma/theta) above threshold, the MP edge below",
        derivation=_derive_bbp_outlier,
    )
)

register(
    Formula(
        id="bbp.overlap",
        params=(theta, gamma),
        domain={theta: POSITIVE, gamma: POSITIVE},
        # 1 - gamma/theta^2 factored as (theta - sqrt g)(theta + sqrt g)/theta^2: no cancellation at threshold
        expr=sp.Piecewise(((theta - _sqg) * (theta + _sqg) / (theta * (theta + gamma)), theta > _sqg), (0, True)),
        reference=f"{_BBP_REF}; Paul Thm 4",
        description="limit of the squared overlap <u_1, v>^2 of the top sample eigenvector with the spike",
        derivation=_derive_bbp_overlap,
        printed=sp.Piecewise(((1 - gamma / theta**2) / (1 + gamma / theta), theta > _sqg), (0, True)),
    )
)

register(
    Formula(
        id="bbp.outlier_variance",
        params=(theta, gamma, beta),
        domain={theta: POSITIVE, gamma: POSITIVE, beta: BETAS},
        where=(theta > _sqg,),
        expr=(2 / beta) * (1 + theta) ** 2 * (theta - _sqg) * (theta + _sqg) / theta**2,
        reference=f"{_BBP_REF}; Paul Thm 3 (beta = 1), BBP (beta = 2)",
        description="variance of sqrt(n)(lambda_1 - outlier) above threshold: (2/beta)(1+theta)^2(1 - gamma/theta^2)",
        derivation=_derive_bbp_variance,
        printed=(2 / beta) * (1 + theta) ** 2 * (1 - gamma / theta**2),
    )
)

# ------------------------------------------------------------------------- spiked Wigner
_lam, _m = sp.symbols("lambda m")
_SEMICIRCLE = sigma2 * _m**2 + _lam * _m + 1  # wigner.stieltjes quadratic at z = lambda
_s = sp.sqrt(sigma2)
_W_REF = "Feral-Peche, arXiv math/0605624; Benaych-Georges & Nadakuditi, arXiv 0910.2120"


def _wigner_outlier_map() -> sp.Expr:
    """lambda(theta) from 1 + theta m(lambda) = 0, i.e. m = -1/theta in the quadratic."""
    (sol,) = sp.solve(_SEMICIRCLE.subs(_m, -1 / theta), _lam)
    return sp.simplify(sol)


def _wigner_critical() -> sp.Expr:
    # m(lambda) on (2 sigma, oo) covers (-1/sigma, 0): the map is valid while d lambda/d theta > 0
    (crit,) = [r for r in sp.solve(sp.diff(_wigner_outlier_map(), theta), theta) if r.is_positive]
    return crit


def _derive_sw_outlier() -> sp.Expr:
    rho, crit = _wigner_outlier_map(), _wigner_critical()
    return sp.Piecewise((rho, theta > crit), (sp.simplify(rho.subs(theta, crit)), True))


def _derive_sw_overlap() -> sp.Expr:
    # m'(lambda) by implicit differentiation of the quadratic, at m = -1/theta, lambda = rho
    rho = _wigner_outlier_map()
    dm = -sp.diff(_SEMICIRCLE, _lam) / sp.diff(_SEMICIRCLE, _m)
    dm = dm.subs({_m: -1 / theta, _lam: rho})
    return sp.Piecewise((sp.simplify(1 / (theta**2 * dm)), theta > _wigner_critical()), (0, True))


def _derive_sw_variance() -> sp.Expr:
    # CDF (2009), GOE/GUE: sqrt(N)(lambda_1 - rho) -> N(0, (2/beta) sigma2 rho'(theta)); rho' = 1 - sigma2/theta^2
    return (2 / beta) * sigma2 * sp.diff(_wigner_outlier_map(), theta)


register(
    Formula(
        id="spiked_wigner.threshold",
        params=(sigma2,),
        domain={sigma2: POSITIVE},
        expr=_s,
        reference=f"{_W_REF}; BGN Thm 2.1",
        description="spiked Wigner threshold theta_c = sigma",
        derivation=_wigner_critical,
    )
)

register(
    Formula(
        id="spiked_wigner.outlier",
        params=(theta, sigma2),
        domain={theta: POSITIVE, sigma2: POSITIVE},
        expr=sp.Piecewise((theta + sigma2 / theta, theta > _s), (2 * _s, True)),
        reference=f"{_W_REF}; BGN Thm 2.1, Example 3.1",
        description="limit of the top eigenvalue of theta v v^T + H: theta + sigma2/theta above threshold, 2 sigma below",
        derivation=_derive_sw_outlier,
    )
)

register(
    Formula(
        id="spiked_wigner.overlap",
        params=(theta, sigma2),
        domain={theta: POSITIVE, sigma2: POSITIVE},
        expr=sp.Piecewise(((theta - _s) * (theta + _s) / theta**2, theta > _s), (0, True)),
        reference=f"{_W_REF}; BGN Thm 2.3, Example 3.1",
        description="limit of the squared overlap of the top eigenvector with v: 1 - sigma2/theta^2 above threshold",
        derivation=_derive_sw_overlap,
        printed=sp.Piecewise((1 - sigma2 / theta**2, theta > _s), (0, True)),
    )
)

register(
    Formula(
        id="spiked_wigner.outlier_variance",
        params=(theta, sigma2, beta),
        domain={theta: POSITIVE, sigma2: POSITIVE, beta: BETAS},
        where=(theta > _s,),
        expr=(2 / beta) * sigma2 * (theta - _s) * (theta + _s) / theta**2,
        reference="Capitaine, Donati-Martin & Feral, Ann. Probab. 37:1 (2009) (GOE/GUE; not universal for localised v)",
        description="variance of sqrt(N)(lambda_1 - outlier) for GOE (beta=1) / GUE (beta=2) noise above threshold",
        derivation=_derive_sw_variance,
        printed=(2 / beta) * sigma2 * (1 - sigma2 / theta**2),
    )
)

# ------------------------------------------------------------------- spiked rectangular
# X~ = theta u v^T + X, X n x m with N(0, 1/m) entries, c = gamma = n/m in (0, 1].
# Benaych-Georges & Nadakuditi, J. Multivariate Anal. 111:120 (2012), arXiv 1103.2221:
# with phi(z) = int z/(z^2 - t^2) dmu(t) over the singular-value law mu of X and the
# D-transform D(z) = phi(z) (c phi(z) + (1 - c)/z) (Def. 2.5), the top singular value
# solves D(rho) = 1/theta^2 above theta_c = D(b+)^{-1/2} (Thm 2.8), and the overlaps are
# <u~,u>^2 -> -2 phi(rho)/(theta^2 D'(rho)), <v~,v>^2 -> -2 (c phi + (1-c)/rho)/(theta^2 D'(rho)) (Thm 2.9).
# mu^2 is MP(c, 1), so phi(z) = -z m(z^2) with m the mp.stieltjes quadratic.
_c = gamma
_zz = sp.Symbol("z", positive=True)
_mm = sp.Symbol("m")
_MP_C = _c * _zz**2 * _mm**2 + (_zz**2 - 1 + _c) * _mm + 1  # MP(c, 1) Stieltjes quadratic at w = z^2
_PHI = -_zz * _mm
_D = _PHI * (_c * _PHI + (1 - _c) / _zz)
_R_REF = "Benaych-Georges & Nadakuditi, J. Multivariate Anal. 111:120 (2012), arXiv 1103.2221, Sec. 3.1; Gavish-Donoho arXiv 1405.7511"
_RECT = {theta: POSITIVE, gamma: sp.Interval.Lopen(0, 1)}


@functools.cache
def _rect_m_of_theta() -> sp.Expr:
    """m(rho^2) on the outlier: D = -1 - w m reduces D(rho) = 1/theta^2 to a linear equation in m."""
    d_reduced = sp.expand(_D - sp.expand(_MP_C))  # eliminate c w^2 m^2 with the quadratic: D = -1 - w m
    (m_sol,) = sp.solve(sp.Eq(d_reduced, 1 / theta**2), _mm)
    return m_sol


@functools.cache
def _rect_rho2() -> sp.Expr:
    """rho^2 from substituting m(theta) into the MP quadratic (the root that is not 0)."""
    m_sol = _rect_m_of_theta()
    sols = [s for s in sp.solve(sp.numer(sp.together(_MP_C.subs(_mm, m_sol))), _zz) if s.is_positive is not False]
    (rho,) = [s for s in sols if sp.simplify(s.subs({theta: 2, gamma: sp.Rational(1, 2)})).is_positive]
    return sp.factor(sp.simplify(rho**2))


@functools.cache
def _rect_critical() -> sp.Expr:
    # rho(theta) is valid while it increases: the threshold is where d rho^2/d theta = 0
    (crit,) = [r for r in sp.solve(sp.diff(_rect_rho2(), theta), theta) if r.is_positive]
    return crit


@functools.cache
def _rect_overlaps() -> tuple[sp.Expr, sp.Expr]:
    """(left, right) from BGN Thm 2.9 with D'(rho) by implicit differentiation of the quadratic."""
    dm_dz = -sp.diff(_MP_C, _zz) / sp.diff(_MP_C, _mm)
    d_prime = sp.diff(_D, _zz) + sp.diff(_D, _mm) * dm_dz
    rho = sp.sqrt(_rect_rho2())
    at = {_zz: rho, _mm: _rect_m_of_theta().subs(_zz, rho)}
    dp = d_prime.subs(at)
    left = sp.simplify(-2 * _PHI.subs(at) / (theta**2 * dp))
    right = sp.simplify(-2 * (_c * _PHI + (1 - _c) / _zz).subs(at) / (theta**2 * dp))
    return left, right


def _derive_rect_value() -> sp.Expr:
    crit = _rect_critical()
    return sp.Piecewise((sp.sqrt(_rect_rho2()), theta > crit), (1 + sp.sqrt(gamma), True))


def _derive_rect_overlap(side: int) -> sp.Expr:
    """Overlap ``side`` (0 left, 1 right) from the D-transform, zero below the threshold."""
    return sp.Piecewise((sp.factor(_rect_overlaps()[side]), theta > _rect_critical()), (0, True))


_q4 = gamma ** sp.Rational(1, 4)
_th2 = theta**2

register(
    Formula(
        id="spiked_rect.threshold",
        params=(gamma,),
        domain={gamma: sp.Interval.Lopen(0, 1)},
        expr=_q4,
        reference=f"{_R_REF}; BGN Thm 2.8, Sec. 3.1",
        description="rectangular spike threshold theta_c = c^(1/4), c = gamma = n/m",
        derivation=_rect_critical,
    )
)

register(
    Formula(
        id="spiked_rect.singular_value",
        params=(theta, gamma),
        domain=_RECT,
        expr=sp.Piecewise((sp.sqrt((1 + _th2) * (gamma + _th2)) / theta, theta > _q4), (1 + sp.sqrt(gamma), True)),
        reference=f"{_R_REF}; BGN Sec. 3.1 eq. (8)",
        description="limit of the top singular value of theta u v^T + X: sqrt((1+theta^2)(c+theta^2))/theta above threshold, 1+sqrt(c) below",
        derivation=_derive_rect_value,
    )
)

register(
    Formula(
        id="spiked_rect.overlap_left",
        params=(theta, gamma),
        domain=_RECT,
        # 1 - c(1+t^2)/(t^2(t^2+c)) = (t^4 - c)/(t^2 (t^2 + c)), factored so the threshold has no cancellation
        expr=sp.Piecewise(((_th2 - sp.sqrt(gamma)) * (_th2 + sp.sqrt(gamma)) / (_th2 * (_th2 + gamma)), theta > _q4), (0, True)),
        reference=f"{_R_REF}; BGN Sec. 3.1 eq. (9)",
        description="squared overlap <u~, u>^2 of the left singular vector (dimension n, the smaller one)",
        derivation=functools.partial(_derive_rect_overlap, 0),
        printed=sp.Piecewise((1 - gamma * (1 + _th2) / (_th2 * (_th2 + gamma)), theta > _q4), (0, True)),
    )
)

register(
    Formula(
        id="spiked_rect.overlap_right",
        params=(theta, gamma),
        domain=_RECT,
        # 1 - (c+t^2)/(t^2(t^2+1)) = (t^4 - c)/(t^2 (t^2 + 1))
        expr=sp.Piecewise(((_th2 - sp.sqrt(gamma)) * (_th2 + sp.sqrt(gamma)) / (_th2 * (_th2 + 1)), theta > _q4), (0, True)),
        reference=f"{_R_REF}; BGN Sec. 3.1 eq. (10)",
        description="squared overlap <v~, v>^2 of the right singular vector (dimension m); not symmetric with the left one",
        derivation=functools.partial(_derive_rect_overlap, 1),
        printed=sp.Piecewise((1 - (gamma + _th2) / (_th2 * (_th2 + 1)), theta > _q4), (0, True)),
    )
)
