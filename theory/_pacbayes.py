"""PAC-Bayes bounds (THEORY.md §6): the binary kl, its two inverses, and the common bounds.

Notation: loss in [0, 1], ``n`` i.i.d. samples, data-free prior P, any posterior Q,
``emp_risk`` = L^(Q), ``kl`` = KL(Q||P), ``delta`` the confidence, and the complexity
B = KL(Q||P) + ln(2 sqrt(n)/delta) (Maurer's constant). Every bound holds with probability
at least 1 - delta simultaneously for all Q.

* ``kl(q, p)``: the binary relative entropy, derived from the Bernoulli KL sum.
* ``kl_inverse_upper(q, c)`` / ``kl_inverse_lower(q, c)``: sup / inf {p : kl(q||p) <= c},
  implicit, solved by the generated safeguarded Newton/bisection kernel inside an
  analytic bracket: the chi-square bound kl <= (p-q)^2/(p(1-p)) on the inner side, and
  Pinsker kl >= 2(p-q)^2 with the refined kl >= (p-q)^2/(2 max(p, q)) on the outer side.
* ``mcallester``, ``kl_bound``, ``quadratic``: kl(L^||L) <= B/n relaxed by Pinsker, not at
  all, and by the refined Pinsker inequality; ``derive()`` solves those relaxations.
* ``lambda_bound(lam)`` and ``lambda_opt`` (``solve(diff(...))``), ``catoni(C)`` and the
  Gibbs-posterior bound ``gibbs_bound`` (Catoni at C = beta through Donsker-Varadhan).
"""

from __future__ import annotations

import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p

from ._formula import Accuracy, Formula, ImplicitFormula
from ._registry import register
from ._symbols import POSITIVE, UNIT, q

__all__ = ["binary_kl", "complexity"]

p = sp.Symbol("p", real=True)  # the true risk: the unknown of the kl inverses
c = sp.Symbol("c", nonnegative=True)
emp_risk = sp.Symbol("emp_risk", nonnegative=True)
kl = sp.Symbol("kl", nonnegative=True)
n = sp.Symbol("n", integer=True, positive=True)
delta = sp.Symbol("delta", positive=True)
lam = sp.Symbol("lam", positive=True)
C = sp.Symbol("C", positive=True)
beta = sp.Symbol("beta", positive=True)
free_energy = sp.Symbol("free_energy", nonnegative=True)

NONNEG = sp.Interval(0, sp.oo)
OPEN_UNIT = sp.Interval.open(0, 1)
SAMPLES = sp.Range(1, sp.oo)
_BOUND_DOMAIN = {emp_risk: UNIT, kl: NONNEG, n: SAMPLES, delta: OPEN_UNIT}

_MAURER = "Maurer, arXiv cs/0411099 (ln(2 sqrt(n)/delta)); Seeger, JMLR 3:233 (2002); Langford & Seeger (2001)"
_MCALLESTER = "McAllester, COLT 1999 and Mach. Learn. 51:5 (2003), Thm 1, with Maurer's constant (arXiv cs/0411099)"
_THIEMANN = "Thiemann, Igel, Wintenberger & Seldin, ALT 2017, arXiv 1608.05610, Thm 3 and Eq. (8)"
_RIVASPLATA = "Rivasplata et al., arXiv 1908.07380; Perez-Ortiz, Rivasplata, Shawe-Taylor & Szepesvari, JMLR 22 (2021), arXiv 2007.12911, Eq. (11)"
_CATONI = "Catoni, Pac-Bayesian supervised classification (2007), arXiv 0712.0248, Thm 1.2.6"


def complexity() -> sp.Expr:
    """B = KL(Q||P) + ln(2 sqrt(n)/delta), the complexity term of Maurer's kl bound.

    The logarithm split so that a tiny delta (2/delta overflows below 1e-308) stays finite.
    """
    return kl + sp.log(2) + sp.log(n) / 2 - sp.log(delta)


def _log_ratio(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """ln(a/b) accurate to a few ulps.

    log1p of the exact difference when a/b is in [1/2, 2]
    (Sterbenz), ln a - ln b otherwise (|ln(a/b)| >= ln 2 there, and nothing overflows for a
    subnormal b). 1/b appears once, so cse never hoists a reciprocal that could overflow.
    """
    return sp.Piecewise((log1p((a - b) / b), sp.And(a <= 2 * b, b <= 2 * a)), (sp.log(a) - sp.log(b), True))


def binary_kl(q_: sp.Expr, p_: sp.Expr) -> sp.Expr:
    """kl(q||p) in the stable form the kernels use (0 ln 0 = 0 at q = 0 and q = 1)."""
    first = sp.Piecewise((0, sp.Eq(q_, 0)), (q_ * _log_ratio(q_, p_), True))
    second = sp.Piecewise((0, sp.Eq(q_, 1)), ((1 - q_) * _log_ratio(1 - q_, 1 - p_), True))
    return first + second


def _bernoulli_kl() -> sp.Expr:
    """KL(Bernoulli(q) || Bernoulli(p)) = sum_y P(y) ln(P(y)/Q(y)) over y in {0, 1}."""
    y = sp.Symbol("y", integer=True)
    pmf_q, pmf_p = q**y * (1 - q) ** (1 - y), p**y * (1 - p) ** (1 - y)
    return sp.expand_log(sum((pmf_q * sp.log(pmf_q / pmf_p)).subs(y, v) for v in (0, 1)), force=True)


_KL_PRINTED = q * sp.log(q / p) + (1 - q) * sp.log((1 - q) / (1 - p))

register(
    Formula(
        id="pacbayes.kl",
        params=(q, p),
        domain={q: UNIT, p: OPEN_UNIT},
        expr=binary_kl(q, p),
        reference="Langford, JMLR 6:273 (2005), Def. 3.2; THEORY.md §6",
        description="binary relative entropy kl(q||p) = q ln(q/p) + (1-q) ln((1-q)/(1-p)), with 0 ln 0 = 0",
        derivation=_bernoulli_kl,
        printed=_KL_PRINTED,
        accuracy=Accuracy(note="near p = q the two terms cancel to O((p-q)^2): the error is eps times the condition number 2p/|p-q|"),
    )
)


def _xlogx(t: sp.Expr) -> sp.Expr:
    return sp.Piecewise((0, sp.Eq(t, 0)), (t * sp.log(t), True))


def _inverse_parts(q_: sp.Expr, c_: sp.Expr, upper: bool) -> dict:
    """Residual, slope and analytic bracket of sup/inf {p : kl(q||p) <= c}.

    Inner end (kl certainly <= c there): the chi-square root, (p - q)^2 = c p (1 - p) since
    kl <= chi^2, and the root of the dominant log term ((1-q) ln((1-q)/(1-p)) for the upper
    inverse, q ln(q/p) for the lower). Outer end (kl certainly >= c): Pinsker 2(p-q)^2, the
    refined Pinsker bounds (p-q)^2/(2 max(p, q)) and (p-q)^2/(2 max(1-p, 1-q)), and the log term
    plus the entropy, kl >= -H(q) - (1-q) ln(1-p) resp. -H(q) - q ln p. Each end is written so
    that it rounds without cancellation (expm1 near p = 0 and 1). Min/Max stay unevaluated: the
    pairwise comparisons SymPy would attempt decide nothing here and cost most of the import.
    """
    chi2 = sp.sqrt(c_ * (c_ + 4 * q_ * (1 - q_)))  # (p - q)^2 = c p (1 - p), roots without cancellation
    entropy = -(_xlogx(q_) + _xlogx(1 - q_))
    if upper:
        s_ = 1 - q_
        logs = c_ > s_ / 4  # the log-term bounds matter only where the root nears 1
        hi = sp.Min(
            1,
            q_ + sp.sqrt(c_ / 2),
            q_ + c_ + sp.sqrt(c_ * (c_ + 2 * q_)),
            q_ + sp.sqrt(2 * s_ * c_),
            sp.Piecewise((-expm1(-(c_ + entropy) / s_), logs), (1, True)),
            evaluate=False,
        )
        # the solver clamps lo to hi where the two roundings cross, so lo need not repeat hi
        lo = sp.Max((2 * q_ + c_ + chi2) / (2 * (1 + c_)), sp.Piecewise((q_ - s_ * expm1(-c_ / s_), logs), (0, True)), evaluate=False)
        edge = sp.Eq(q_, 1)
        return {
            "expr": binary_kl(q_, p) - c_,
            "slope": (p - q_) / (p * (1 - p)),
            "bracket": (sp.Piecewise((1, edge), (lo, True)), sp.Piecewise((1, edge), (hi, True))),
        }
    logs = c_ > q_ / 4
    lo = sp.Max(0, q_ - sp.sqrt(c_ / 2), q_ - sp.sqrt(2 * q_ * c_), sp.Piecewise((sp.exp(-(c_ + entropy) / q_), logs), (0, True)), evaluate=False)
    # the small chi-square root 2q^2/(2q + c + chi2), written so that q^2 cannot underflow
    hi = sp.Min(q_ / (1 + (c_ + chi2) / (2 * q_)), sp.Piecewise((q_ * sp.exp(-c_ / q_), logs), (1, True)), evaluate=False)
    edge = sp.Eq(q_, 0)
    return {
        "expr": c_ - binary_kl(q_, p),
        "slope": (q_ - p) / (p * (1 - p)),
        "bracket": (sp.Piecewise((0, edge), (lo, True)), sp.Piecewise((0, edge), (hi, True))),
    }


_INV_ACCURACY = Accuracy(
    atol=1e-300,
    note="relative 1e-12 (the root is well conditioned); the lower inverse underflows to 0 when ln p < -708, hence the tiny atol",
)
_INV_REF = "Seeger, JMLR 3:233 (2002); Langford, JMLR 6:273 (2005); brackets from Pinsker and the chi-square bound kl <= chi^2"

_UPPER = _inverse_parts(q, c, True)
for _name, _parts, _text in (
    ("kl_inverse_upper", _UPPER, "sup{p in [q, 1] : kl(q||p) <= c}: saturates at 1 for huge c (implicit: Newton/bisection)"),
    ("kl_inverse_lower", _inverse_parts(q, c, False), "inf{p in [0, q] : kl(q||p) <= c}: saturates at 0 for huge c (implicit: Newton/bisection)"),
    ("kl_inverse", _UPPER, "the kl inverse used by PAC-Bayes bounds: same as kl_inverse_upper (the name in DESIGN.md)"),
):
    register(
        ImplicitFormula(
            id=f"pacbayes.{_name}",
            params=(q, c),
            domain={q: UNIT, c: NONNEG},
            unknown=p,
            reference=_INV_REF,
            description=_text,
            accuracy=_INV_ACCURACY,
            **_parts,
        )
    )

register(
    ImplicitFormula(
        id="pacbayes.kl_bound",
        params=(emp_risk, kl, n, delta),
        domain=_BOUND_DOMAIN,
        unknown=p,
        reference=f"{_MAURER}; Maurer Thm 5 (valid for n >= 8)",
        description="Seeger/Maurer kl bound: L(Q) <= sup{p : kl(emp_risk||p) <= (KL + ln(2 sqrt(n)/delta))/n}",
        accuracy=_INV_ACCURACY,
        **_inverse_parts(emp_risk, complexity() / n, True),
    )
)


# ------------------------------------------------------------- relaxations of kl <= B/n
_b = sp.Symbol("b", positive=True)  # B/n while solving


def _larger_root(equation: sp.Expr) -> sp.Expr:
    """The larger solution p of ``equation(p, b) = 0`` (a quadratic in p), at b = B/n."""
    roots = sp.solve(equation, p)
    # both roots are real for b > 0; order them at a sample point
    best = max(roots, key=lambda r: float(r.subs({emp_risk: sp.Rational(1, 5), _b: sp.Rational(1, 7)})))
    return best.subs(_b, complexity() / n)


def _derive_mcallester() -> sp.Expr:
    # Pinsker: kl(q||p) >= 2 (p - q)^2, so kl(L^||L) <= B/n gives 2 (L - L^)^2 <= B/n
    return _larger_root(2 * (p - emp_risk) ** 2 - _b)


def _derive_quadratic() -> sp.Expr:
    # refined Pinsker for p >= q: kl(q||p) >= (p - q)^2/(2p), so (L - L^)^2 <= 2 L B/n
    return _larger_root((p - emp_risk) ** 2 - 2 * p * _b)


_B2N = complexity() / (2 * n)

register(
    Formula(
        id="pacbayes.mcallester",
        params=(emp_risk, kl, n, delta),
        domain=_BOUND_DOMAIN,
        expr=emp_risk + sp.sqrt(_B2N),
        reference=_MCALLESTER,
        description="McAllester's bound L(Q) <= emp_risk + sqrt((KL + ln(2 sqrt(n)/delta))/(2n))",
        derivation=_derive_mcallester,
    )
)

register(
    Formula(
        id="pacbayes.quadratic",
        params=(emp_risk, kl, n, delta),
        domain=_BOUND_DOMAIN,
        expr=(sp.sqrt(emp_risk + _B2N) + sp.sqrt(_B2N)) ** 2,
        reference=_RIVASPLATA,
        description="quadratic bound f_quad: L(Q) <= (sqrt(emp_risk + B/(2n)) + sqrt(B/(2n)))^2",
        derivation=_derive_quadratic,
    )
)

_LAMBDA_BOUND = emp_risk / (1 - lam / 2) + complexity() / (lam * (1 - lam / 2) * n)


def _derive_lambda_bound() -> sp.Expr:
    # refined Pinsker gives L - L^ <= sqrt(2 L b); AM-GM sqrt(2 L b) <= lam L/2 + b/lam; solve the linear bound for L
    (sol,) = sp.solve(sp.Eq(p - emp_risk, lam * p / 2 + _b / lam), p)
    return sol.subs(_b, complexity() / n)


register(
    Formula(
        id="pacbayes.lambda_bound",
        params=(emp_risk, kl, n, delta, lam),
        domain={**_BOUND_DOMAIN, lam: sp.Interval.open(0, 2)},
        expr=_LAMBDA_BOUND,
        reference=_THIEMANN,
        derivation=_derive_lambda_bound,
        description="Thiemann et al. lambda-bound, for all lam in (0, 2) at once: emp_risk/(1-lam/2) + B/(lam(1-lam/2)n)",
    )
)


def _derive_lambda_opt() -> sp.Expr:
    bound = _LAMBDA_BOUND.subs(complexity(), _b * n)
    roots = sp.solve(sp.diff(bound, lam), lam)
    (inside,) = [r for r in roots if 0 < float(r.subs({emp_risk: sp.Rational(1, 10), _b: sp.Rational(1, 100)})) < 2]
    return inside.subs(_b, complexity() / n)


register(
    Formula(
        id="pacbayes.lambda_opt",
        params=(emp_risk, kl, n, delta),
        domain=_BOUND_DOMAIN,
        expr=2 / (sp.sqrt(2 * n * emp_risk / complexity() + 1) + 1),
        reference=_THIEMANN,
        description="the minimiser lam* = 2/(sqrt(2 n emp_risk/B + 1) + 1) of lambda_bound; lambda_bound(lam*) = quadratic",
        derivation=_derive_lambda_opt,
    )
)

_CATONI_PRINTED = (1 - sp.exp(-C * emp_risk - (kl + sp.log(1 / delta)) / n)) / (1 - sp.exp(-C))


def _derive_catoni() -> sp.Expr:
    # Catoni Thm 1.2.6: -ln(1 - (1 - e^{-C}) L) <= C L^ + (KL + ln(1/delta))/n, solved for L
    risk = sp.Symbol("L", positive=True)
    (sol,) = sp.solve(sp.Eq(-sp.log(1 - (1 - sp.exp(-C)) * risk), C * emp_risk + (kl + sp.log(1 / delta)) / n), risk)
    return sol


register(
    Formula(
        id="pacbayes.catoni",
        params=(emp_risk, kl, n, delta, C),
        domain={**_BOUND_DOMAIN, C: POSITIVE},
        expr=expm1(-C * emp_risk - (kl - sp.log(delta)) / n) / expm1(-C),
        reference=_CATONI,
        description="Catoni's bound at a fixed C > 0 (ln(1/delta), not ln(2 sqrt(n)/delta); use delta/k for a grid of k values of C)",
        printed=_CATONI_PRINTED,
        derivation=_derive_catoni,
    )
)


def _derive_gibbs_bound() -> sp.Expr:
    # Donsker-Varadhan: the Gibbs posterior Q_beta attains beta n L^(Q) + KL(Q||P) = F_n(beta);
    # substitute KL = F - beta n L^ into Catoni at C = beta: L^ cancels.
    return sp.simplify(_CATONI_PRINTED.subs(C, beta).subs(kl, free_energy - beta * n * emp_risk))


register(
    Formula(
        id="pacbayes.gibbs_bound",
        params=(free_energy, n, delta, beta),
        domain={free_energy: NONNEG, n: SAMPLES, delta: OPEN_UNIT, beta: POSITIVE},
        expr=expm1(-(free_energy - sp.log(delta)) / n) / expm1(-beta),
        reference=f"{_CATONI} at C = beta; Donsker-Varadhan; Alquier, arXiv 2110.11216, Thm 2.1 and Sec. 2.3 (THEORY.md §6.1)",
        description=(
            "bound on the risk of the Gibbs posterior Q ~ P exp(-beta n emp_risk) from its free energy "
            "F = -ln E_P exp(-beta n emp_risk): (1 - exp(-(F + ln(1/delta))/n))/(1 - exp(-beta))"
        ),
        derivation=_derive_gibbs_bound,
        printed=(1 - sp.exp(-(free_energy + sp.log(1 / delta)) / n)) / (1 - sp.exp(-beta)),
    )
)
