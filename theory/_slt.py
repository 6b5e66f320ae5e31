"""Singular learning theory (``slt``): real log canonical thresholds and the Bayes free energy.

For a realisable analytic model with average log-loss ratio K(w) >= 0 and prior phi, the Bayes
free energy (the minus log marginal likelihood, up to n times the true entropy) obeys
F_n = n L_n(w0) + lambda log n - (m - 1) log log n + O_p(1) (Watanabe, *Algebraic Geometry and
Statistical Learning Theory*, CUP 2009, Thm 6.7 and Main Formula II), where lambda is the real
log canonical threshold (RLCT) and m its multiplicity: -lambda is the largest pole of the zeta
function zeta(z) = int K(w)^z phi(w) dw, and m its order. A regular model has lambda = d/2, m = 1.

Formulas:

- ``rlct_reduced_rank``, ``multiplicity_reduced_rank``: reduced-rank regression y = B A x,
  A of size rank x d_in, B of size d_out x rank, true matrix of rank ``true_rank`` (Aoyagi &
  Watanabe, *Neural Networks* 18 (2005) 924-933, "Stochastic complexities of reduced rank
  regression in Bayesian estimation", Main Theorem; M = d_in, N = d_out, H = rank, r = true_rank):
  four cases, exact rationals.
- ``rlct_monomial``, ``multiplicity_monomial``: the normal-crossing loss K = w1^(2 k1) w2^(2 k2)
  with prior density prop. to w1^h1 w2^h2 on [0, 1]^2 (k2 = 0: the second coordinate does not
  enter K, the one-dimensional model). ``derive_zeta`` integrates zeta(z) in SymPy: it is
  prod_j (h_j + 1)/(2 k_j z + h_j + 1), so lambda = min_j (h_j + 1)/(2 k_j) and m counts the
  j that attain it (Watanabe 2009, Thm 6.1 / Example 6.2, the normal-crossing case).
- ``free_energy_asymptotic(n, lam, m)``: lambda log n - (m - 1) log log n, the model-dependent
  part of Watanabe's expansion for a realisable model (L_n(w0) = 0 in K's units).
- ``free_energy_monomial(n, k1, k2, h1, h2)``: the exact F_n = -log int exp(-n K) phi dw for the
  normal-crossing model, a ``NumericFormula`` computed at 50 digits by mpmath (the reference) and
  in float64 by quadrature (``numeric``). With u_j = w_j^(2 k_j), u_j ~ Beta(a_j, 1),
  a_j = (h_j + 1)/(2 k_j), and for a1 <= a2 (``derive_free_energy``)
  Z(n) = a1 a2 int_0^1 u^(a1 - 1) e^(-n u) (1 - u^(a2 - a1))/(a2 - a1) du, with the limit
  -log u at a1 = a2: one integral, stable as a2 -> a1.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from ._formula import Accuracy, Formula, NumericFormula
from ._registry import register

__all__ = [
    "derive_free_energy",
    "derive_free_energy_asymptotic",
    "derive_leading_free_energy",
    "derive_multiplicity_monomial",
    "derive_rlct_monomial",
    "derive_zeta",
    "free_energy_mp",
]

_WATANABE = "Watanabe, Algebraic Geometry and Statistical Learning Theory (CUP 2009), Thm 6.7 and Main Formula II"
_AOYAGI = "Aoyagi & Watanabe, Neural Networks 18 (2005) 924-933, Main Theorem (reduced rank regression)"
_NORMAL = "Watanabe (CUP 2009), Thm 6.1 and Example 6.2 (normal crossing: the zeta function of a monomial)"

d_in = sp.Symbol("d_in", integer=True, positive=True)
d_out = sp.Symbol("d_out", integer=True, positive=True)
rank = sp.Symbol("rank", integer=True, positive=True)
true_rank = sp.Symbol("true_rank", integer=True, nonnegative=True)
k1 = sp.Symbol("k1", integer=True, positive=True)
k2 = sp.Symbol("k2", integer=True, nonnegative=True)
h1 = sp.Symbol("h1", real=True)
h2 = sp.Symbol("h2", real=True)
n = sp.Symbol("n", positive=True)
lam = sp.Symbol("lam", positive=True)
m = sp.Symbol("m", integer=True, positive=True)

_COUNT = sp.Range(1, sp.oo)
_COUNT0 = sp.Range(0, sp.oo)
_PRIOR = sp.Interval.open(-1, sp.oo)  # w^h is integrable on [0, 1]


def _closed(name: str, params: tuple, domain: dict, expr: sp.Expr, reference: str, description: str, **kw) -> Formula:
    """Register the closed form ``slt.<name>`` (its domain restricted to ``params``)."""
    dom = {p: domain[p] for p in params}
    return register(Formula(id=f"slt.{name}", params=params, domain=dom, expr=expr, reference=reference, description=description, **kw))


_EXACT = Accuracy(rtol=0.0, atol=0.0, cond_ulps=0.0, note="a rational with a small denominator, or an integer: exact in float64")


# ------------------------------------------------------------------ reduced-rank regression
def _reduced_rank() -> tuple[sp.Expr, sp.Expr]:
    """(lambda, m) of Aoyagi & Watanabe's Main Theorem, M = d_in, N = d_out, H = rank, r = true_rank."""
    M, N, H, r = d_in, d_out, rank, true_rank
    odd = (1 - (-1) ** (M + N + H + r)) / 2  # 1 when M + N + H + r is odd
    central = sp.And(N + r <= M + H, M + r <= N + H, H + r <= M + N)
    lam_ = sp.Piecewise(
        ((2 * (H + r) * (M + N) - (M - N) ** 2 - (H + r) ** 2 + odd) / 8, central),  # Case 1 (a: even, b: odd)
        ((H * M - H * r + N * r) / 2, M + H < N + r),  # Case 2
        ((H * N - H * r + M * r) / 2, N + H < M + r),  # Case 3
        (M * N / 2, True),  # Case 4: M + N < H + r
    )
    mult = sp.Piecewise((1 + odd, central), (1, True))
    return lam_, mult


_RR_DOMAIN = {d_in: _COUNT, d_out: _COUNT, rank: _COUNT, true_rank: _COUNT0}
_RR_WHERE = (true_rank <= rank, true_rank <= d_in, true_rank <= d_out)
_rr_lam, _rr_m = _reduced_rank()
_RR = (d_in, d_out, rank, true_rank)
_closed(
    "rlct_reduced_rank",
    _RR,
    _RR_DOMAIN,
    _rr_lam,
    _AOYAGI,
    "RLCT of reduced-rank regression y = B A x (A: rank x d_in, B: d_out x rank) at a true matrix of rank true_rank",
    where=_RR_WHERE,
    accuracy=_EXACT,
)
_closed(
    "multiplicity_reduced_rank",
    _RR,
    _RR_DOMAIN,
    _rr_m,
    _AOYAGI,
    "multiplicity m of the RLCT of reduced-rank regression: 2 in the central case with d_in + d_out + rank + true_rank odd, else 1",
    where=_RR_WHERE,
    accuracy=_EXACT,
)


# ------------------------------------------------------------------------ normal crossing
_Z = sp.Symbol("z", positive=True)  # zeta's variable, continued analytically from z > 0


def derive_zeta(dims: int = 2) -> sp.Expr:
    """zeta(z) = int_[0,1]^dims prod_j w_j^(2 k_j z) (h_j + 1) w_j^h_j dw, integrated by SymPy.

    Each factor is int_0^1 (h + 1) w^(2 k z + h) dw = (h + 1)/(2 k z + h + 1) for Re z > -(h + 1)/(2k):
    the poles are at z = -(h_j + 1)/(2 k_j), so lambda is the smallest (h_j + 1)/(2 k_j) and m the
    number of factors that share it.
    """
    z = _Z
    w = sp.symbols(f"w1:{dims + 1}", positive=True)
    ks = sp.symbols(f"k1:{dims + 1}", positive=True)
    hs = sp.symbols(f"h1:{dims + 1}", nonnegative=True)
    out = sp.Integer(1)
    for wj, kj, hj in zip(w, ks, hs):
        out *= sp.integrate((hj + 1) * wj ** (2 * kj * z + hj), (wj, 0, 1), conds="none")
    return sp.simplify(out)


def derive_leading_free_energy(a1: sp.Expr, a2: sp.Expr | None = None) -> sp.Expr:
    """The leading terms of Z(n) = E_phi exp(-n K) from the residues of its Mellin integral.

    Z(n) = (1/2 pi i) int Gamma(s) n^(-s) E[K^(-s)] ds on 0 < Re s < min a_j, and
    E[K^(-s)] = prod_j a_j/(a_j - s) = zeta(-s); moving the contour to the right past the poles
    s = a_j leaves O(e^(-n)), so Z(n) = -sum of the residues there (SymPy's ``residue``). With
    ``a2`` None the model is one-dimensional.
    """
    s = sp.Symbol("s")
    nn = sp.Symbol("n", positive=True)
    factors = [a1] if a2 is None else [a1, a2]
    mellin = sp.Mul(*(a / (a - s) for a in factors))
    poles = set(factors)
    return sp.simplify(-sum(sp.residue(sp.gamma(s) * nn ** (-s) * mellin, s, p) for p in poles))


def _poles() -> list[sp.Expr]:
    """The poles of ``derive_zeta(2)`` in z, from ``solve`` on its denominator, per coordinate (k's positive)."""
    zeta = derive_zeta(2)
    z = _Z
    mine = {}  # derive_zeta's symbols (positive k, nonnegative h) -> the formulas' own
    for j, (kk, hh) in enumerate(((k1, h1), (k2, h2)), 1):
        mine[sp.Symbol(f"k{j}", positive=True)] = kk
        mine[sp.Symbol(f"h{j}", nonnegative=True)] = hh
    poles = []
    for factor in sp.Mul.make_args(sp.denom(sp.factor(zeta))):
        if factor.has(z):
            free = sp.Symbol("z")  # the poles lie at negative z: continue past z > 0
            (root,) = sp.solve(factor.subs(z, free), free)
            poles.append(root.xreplace(mine))
    return sorted(poles, key=lambda e: 0 if e.has(k1) else 1)  # first coordinate first


def derive_rlct_monomial() -> sp.Expr:
    """Lambda = -(the largest pole of zeta): the smaller of (h_j + 1)/(2 k_j) over the coordinates in K."""
    first, second = (-p for p in _poles())
    return sp.Piecewise((first, sp.Eq(k2, 0)), (sp.Min(first, second), True))


def derive_multiplicity_monomial() -> sp.Expr:
    """M = the order of the largest pole: 2 where both coordinates' poles coincide (``solve`` gives where), else 1."""
    first, second = _poles()
    return sp.Piecewise((1, sp.Eq(k2, 0)), (2, sp.Eq(first, second)), (1, True))


def derive_free_energy_asymptotic() -> sp.Expr:
    """-log of the leading residue c n^(-lam) (log n)^(m - 1), less its constant: lam log n - (m - 1) log log n.

    The order-m pole of Gamma(s) n^(-s) zeta(-s) at s = lam has the residue whose largest term as
    n -> oo is c n^(-lam) (log n)^(m - 1) (``derive_leading_free_energy`` computes it whole for m <= 2).
    """
    c = sp.Symbol("c", positive=True)
    minus_log = sp.expand_log(-sp.log(c * n ** (-lam) * sp.log(n) ** (m - 1)), force=True)
    constant, growing = minus_log.as_independent(n)
    return sp.expand(growing)


def _monomial() -> tuple[sp.Expr, sp.Expr]:
    a1 = (h1 + 1) / (2 * k1)
    a2 = (h2 + 1) / (2 * k2)
    lam_ = sp.Piecewise((a1, sp.Eq(k2, 0)), (sp.Min(a1, a2), True))
    mult = sp.Piecewise((1, sp.Eq(k2, 0)), (2, sp.Eq(k2 * (h1 + 1), k1 * (h2 + 1))), (1, True))
    return lam_, mult


_MONO_DOMAIN = {k1: _COUNT, k2: _COUNT0, h1: _PRIOR, h2: _PRIOR}
_mono_lam, _mono_m = _monomial()
_MONO = (k1, k2, h1, h2)
_closed(
    "rlct_monomial",
    _MONO,
    _MONO_DOMAIN,
    _mono_lam,
    _NORMAL,
    "RLCT of K = w1^(2 k1) w2^(2 k2) with prior density prop. to w1^h1 w2^h2 on [0, 1]^2 (k2 = 0: one coordinate)",
    derivation=derive_rlct_monomial,
    accuracy=Accuracy(rtol=1e-15, note="one division"),
)
_closed(
    "multiplicity_monomial",
    _MONO,
    _MONO_DOMAIN,
    _mono_m,
    _NORMAL,
    "multiplicity of the RLCT of the normal-crossing monomial: how many coordinates attain min (h_j + 1)/(2 k_j)",
    derivation=derive_multiplicity_monomial,
    accuracy=_EXACT,
)
_closed(
    "free_energy_asymptotic",
    (n, lam, m),
    {n: sp.Interval.open(1, sp.oo), lam: sp.Interval.open(0, sp.oo), m: _COUNT},
    lam * sp.log(n) - (m - 1) * sp.log(sp.log(n)),
    _WATANABE,
    "lambda log n - (m - 1) log log n: the growing part of the Bayes free energy of a realisable model",
    derivation=derive_free_energy_asymptotic,
)


# ------------------------------------------------------------------ exact free energy
def derive_free_energy() -> sp.Expr:
    """Z(n) for two coordinates as one integral over u = w1^(2 k1) w2^(2 k2), from the Beta laws.

    u_j = w_j^(2 k_j) under the prior (h_j + 1) w^h_j has P(u_j <= x) = x^a_j, a_j = (h_j + 1)/(2 k_j);
    -log u_j ~ Exp(a_j), so -log K has the hypoexponential density
    a1 a2 (e^(-a1 s) - e^(-a2 s))/(a2 - a1), integrated here by SymPy: the density of K at u is
    a1 a2 u^(a1 - 1) (1 - u^(a2 - a1))/(a2 - a1), and Z(n) = int_0^1 e^(-n u) times it.
    """
    a1, a2, s, x = sp.symbols("a1 a2 s x", positive=True)
    tail = sp.integrate(a1 * sp.exp(-a1 * s) * sp.exp(-a2 * (x - s)), (s, 0, x))  # the convolution of the two rates at x
    density = sp.simplify(a2 * tail)
    u = sp.Symbol("u", positive=True)
    return sp.simplify(density.subs(x, -sp.log(u)) / u)  # change of variable u = e^(-x)


def free_energy_mp(n_, k1_, k2_, h1_, h2_):
    """F_n at the working precision, as an integral over s = -log u1 of the one-dimensional Z.

    With a1 <= a2 (a_j = (h_j + 1)/(2 k_j)) and Z1(a; x) = a x^(-a) gamma(a, x) (one coordinate,
    exact), Z(n) = int_0^oo a1 e^(-a1 s) Z1(a2; n e^(-s)) ds: the coordinate with the smaller
    exponent integrated last, against a smooth integrand (no endpoint singularity), by tanh-sinh
    on [0, log n, oo]. The integrand is scaled by n^a1 (its size at s = log n). For k2 = 0,
    Z = Z1(a1; n).
    """
    n_ = mpmath.mpf(n_)
    a = sorted(((mpmath.mpf(h1_) + 1) / (2 * int(k1_)),) + (() if int(k2_) == 0 else ((mpmath.mpf(h2_) + 1) / (2 * int(k2_)),)))
    ln_n = mpmath.log(n_)

    def log_z1(b, log_x):  # log of b x^(-b) gamma(b, x), x = e^log_x
        x = mpmath.exp(log_x)
        return mpmath.log(b) - b * log_x + mpmath.log(mpmath.gammainc(b, 0, x))

    if len(a) == 1:
        return -log_z1(a[0], ln_n)
    a1, a2 = a
    integral = mpmath.quad(lambda s: a1 * mpmath.exp(a1 * (ln_n - s) + log_z1(a2, ln_n - s)), [0, ln_n, mpmath.inf] if ln_n > 0 else [0, mpmath.inf])
    return a1 * ln_n - mpmath.log(integral)


register(
    NumericFormula(
        id="slt.free_energy_monomial",
        params=(n, k1, k2, h1, h2),
        domain={n: sp.Interval(1, sp.oo), **_MONO_DOMAIN},
        expr=sp.Function("FreeEnergyMonomial")(n, k1, k2, h1, h2),
        reference=_WATANABE + "; the integral: " + _NORMAL,
        description="exact Bayes free energy -log int exp(-n w1^(2k1) w2^(2k2)) phi(w) dw, phi prop. to w1^h1 w2^h2 on [0, 1]^2",
        mp=free_energy_mp,
        definition=r"F_n = -\log \int_{[0,1]^2} e^{-n w_1^{2k_1} w_2^{2k_2}} \prod_j (h_j + 1) w_j^{h_j}\, dw",
        accuracy=Accuracy(rtol=1e-12, note="adaptive Gauss-Kronrod (QUADPACK) of one smooth integral in s = -log u1; 1e-12 relative"),
    )
)


# ------------------------------------------------------------------ Gibbs-posterior bounds
omega = sp.Symbol("omega", positive=True)  # the learning rate: the Gibbs posterior is prop. to pi exp(-omega n L_n)
L = sp.Symbol("L", positive=True)  # Bernstein's constant: E r^2 <= L E r for the excess loss r
b = sp.Symbol("b", positive=True)  # the excess loss's range: |r| <= b
kappa = sp.Symbol("kappa", nonnegative=True)
delta = sp.Symbol("delta", positive=True)
free_energy = sp.Symbol("free_energy", real=True)
C0 = sp.Symbol("C0", real=True)
_SEED = (
    "Wang & Yang, arXiv 2604.17219 v1 (2026), Thm 5 as summarised (the theorem's text was not reachable; "
    "the form is re-derived here by the two-step Bernstein PAC-Bayes argument, see derive_gibbs_risk_bound)"
)
_BERNSTEIN = (
    "Bernstein's moment bound e^y <= 1 + y + y^2 g(c) for y <= c, g(c) = (e^c - 1 - c)/c^2 increasing "
    "(Boucheron, Lugosi & Massart, Concentration Inequalities, OUP 2013, Sec. 2.8); PAC-Bayes for Gibbs "
    "posteriors under a Bernstein condition: Catoni arXiv 0712.0248, Ch. 1; Alquier arXiv 2110.11216, Sec. 4.3"
)
_SERIES_BELOW = sp.Rational(1, 100)  # g by its Taylor series below x = 1/100 (six terms: 3e-17 relative)


def _bernstein_g(x: sp.Expr) -> sp.Expr:
    return (sp.exp(x) - 1 - x) / x**2


def derive_bernstein_kappa() -> sp.Expr:
    """The Bernstein factor kappa = omega L g(omega b), g(x) = (e^x - 1 - x)/x^2, by its ``series`` below x = 1/100 (no cancellation).

    log E e^(-omega r) <= -omega E r + omega^2 E r^2 g(omega b) <= -omega (1 - kappa) E r when r >= -b and
    E r^2 <= L E r; the same with +omega and r <= b gives +omega (1 + kappa) E r.
    """
    x = sp.Symbol("x", positive=True)
    g = _bernstein_g(x)
    small = sp.series(g, x, 0, 6).removeO()
    from sympy.codegen.cfunctions import expm1

    g_stable = sp.Piecewise((small, x < _SERIES_BELOW), ((expm1(x) - x) / x**2, True))
    return omega * L * g_stable.subs(x, omega * b)


def derive_gibbs_risk_bound() -> sp.Expr:
    """The two-step PAC-Bayes bound on the Gibbs posterior's excess risk, solved by SymPy for E_rho R.

    Step A (probability 1 - delta/2, all rho): omega n (1 - kappa) E_rho R <= omega n E_rho r_n + KL(rho||pi)
    + log(2/delta), from E exp(omega n (1 - kappa) R - omega n r_n) <= 1 and Donsker-Varadhan; at the Gibbs
    posterior rho_hat the right side is -log int exp(-omega n r_n) dpi + log(2/delta).
    Step B (probability 1 - delta/2): omega n E_rho r_n <= omega n (1 + kappa) E_rho R + KL + log(2/delta) for all
    rho, so -log int exp(-omega n r_n) dpi <= inf_rho [omega n (1 + kappa) E_rho R + 2 KL] + log(2/delta)
    = 2 F + log(2/delta), F = -log int exp(-omega n (1 + kappa) R/2) dpi (Donsker-Varadhan again).
    Together: omega n (1 - kappa) E_rho_hat R <= 2 F + 2 log(2/delta).
    """
    risk = sp.Symbol("R", positive=True)
    (sol,) = sp.solve(sp.Eq(omega * n * (1 - kappa) * risk, 2 * free_energy + 2 * sp.log(2 / delta)), risk)
    return sol


def derive_seed_bound() -> sp.Expr:
    """The seed theorem's form: the Gibbs bound at kappa -> omega L/2 (g's ``limit`` at b -> 0) and F = lam log n - (m - 1) log log n + C0.

    The free energy's expansion is ``derive_free_energy_asymptotic``'s (Watanabe 2009, Thm 6.7); C0 holds the
    rest: log of the temperature omega (1 + kappa)/2 times lam, the constant and the o(1) remainder.
    """
    at_zero = omega * L * sp.limit(_bernstein_g(omega * b), b, 0, "+")  # g(0+) = 1/2
    f = derive_free_energy_asymptotic() + C0
    return derive_gibbs_risk_bound().subs({kappa: at_zero, free_energy: f})


_UNIT_OPEN = sp.Interval.open(0, 1)
_POS = sp.Interval.open(0, sp.oo)
_closed(
    "bernstein_kappa",
    (omega, L, b),
    {omega: sp.Interval.open(0, sp.oo), L: sp.Interval.open(0, sp.oo), b: sp.Interval.open(0, sp.oo)},
    derive_bernstein_kappa(),
    _BERNSTEIN,
    "kappa = omega L (e^(omega b) - 1 - omega b)/(omega b)^2: the Bernstein factor of the Gibbs bounds (E r^2 <= L E r, |r| <= b)",
    derivation=derive_bernstein_kappa,
    where=(sp.log(omega) + sp.log(L) + omega * b < 690,),  # kappa < omega L e^(omega b) stays below 1e300
)
_closed(
    "gibbs_risk_bound",
    (free_energy, n, delta, omega, kappa),
    {free_energy: sp.Reals, n: sp.Interval.open(0, sp.oo), delta: _UNIT_OPEN, omega: sp.Interval.open(0, sp.oo), kappa: sp.Interval.Ropen(0, 1)},
    2 * (free_energy + sp.log(2) - sp.log(delta)) / ((1 - kappa) * omega * n),
    _BERNSTEIN + "; the two-step form: " + _SEED,
    "bound on the Gibbs posterior's excess risk with probability 1 - delta: 2 (F + log(2/delta))/((1 - kappa) omega n), "
    "F = -log int exp(-omega n (1 + kappa) R/2) dpi the population free energy, kappa = slt.bernstein_kappa",
    derivation=derive_gibbs_risk_bound,
)
_closed(
    "seed_bound",
    (n, lam, m, delta, omega, L, C0),
    {n: sp.Interval.open(1, sp.oo), lam: _POS, m: _COUNT, delta: _UNIT_OPEN, omega: _POS, L: _POS, C0: sp.Reals},
    2 * (lam * sp.log(n) - (m - 1) * sp.log(sp.log(n)) + sp.log(2) - sp.log(delta) + C0) / ((1 - omega * L / 2) * omega * n),
    _SEED,
    "the RLCT bound on the Gibbs posterior's risk: 2/((1 - omega L/2) omega n) (lam log n - (m - 1) log log n + log(2/delta) + C0); "
    "lam = d/2, m = 1 is the regular model's",
    where=(omega * L < 2,),
    derivation=derive_seed_bound,
    printed=2 / ((1 - omega * L / 2) * omega * n) * (lam * sp.log(n) - (m - 1) * sp.log(sp.log(n)) + sp.log(2 / delta) + C0),
)
