"""Deep linear networks: exact learning dynamics of the modes (THEORY.md §5).

Setup (Saxe, McClelland & Ganguli, arXiv 1312.6120): y^ = W_D ... W_1 x, whitened inputs,
Sigma_yx = U S V^T, full-batch gradient flow tau dW/dt = -dL/dW on L = (1/2) E|y - y^|^2
(tau = 1/eta when t counts gradient steps). With aligned initialisation every mode alpha
evolves alone: layer strengths a, b with tau a' = b (s - ab), tau b' = a (s - ab), u = ab.

* ``mode``: balanced (a = b) two-layer solution of tau u' = 2u(s - u), by ``dsolve``.
* ``learning_time``: the time from u0 to uf, by ``solve`` on ``mode``.
* ``mode_unbalanced``: c = a0^2 - b0^2 conserved; tau u' = (s - u) sqrt(c^2 + 4u^2). t(u) is
  closed form, u(t) implicit.
* ``mode_deep``: D balanced layers, tau u' = D u^(2 - 2/D) (s - u). t(u) is closed form, printed
  by THEORY.md through 2F1(1, q; q + 1; u/s), q = 2/D - 1 (SymPy's integral gives the same
  Lerch function); the kernels use the elementary form for integer D obtained by partial
  fractions over the D-th roots of s (no special functions), and u(t) is implicit.
"""

from __future__ import annotations

import functools

import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p

from ._formula import Accuracy, Formula, ImplicitFormula
from ._registry import register
from ._symbols import POSITIVE, REALS

__all__ = ["deep_time_hypergeometric"]

t = sp.Symbol("t", nonnegative=True)
s = sp.Symbol("s", positive=True)
u0 = sp.Symbol("u0", positive=True)
uf = sp.Symbol("uf", positive=True)
tau = sp.Symbol("tau", positive=True)
c = sp.Symbol("c", real=True)
depth = sp.Symbol("depth", integer=True, positive=True)
u = sp.Symbol("u", positive=True)  # the unknown mode strength of the implicit formulas

TIME = sp.Interval(0, sp.oo)
DEPTHS = sp.Range(2, sp.oo)
_SAXE = "Saxe, McClelland & Ganguli, ICLR 2014, arXiv 1312.6120"


# ------------------------------------------------------------------------- balanced mode
def _balanced_ode() -> sp.Expr:
    """Tau u' from the per-mode equations tau a' = b(s - ab), tau b' = a(s - ab) at a = b = sqrt(u)."""
    a, b = sp.Function("a")(t), sp.Function("b")(t)
    rhs = {a.diff(t): b * (s - a * b) / tau, b.diff(t): a * (s - a * b) / tau}
    du = (a * b).diff(t).subs(rhs)  # u' = a' b + a b'
    return sp.factor(tau * du.subs({a: sp.sqrt(u), b: sp.sqrt(u)}))


def _derive_mode() -> sp.Expr:
    f = sp.Function("u")
    rate = _balanced_ode().subs(u, f(t))  # = 2 u (s - u)
    sol = sp.dsolve(sp.Eq(tau * f(t).diff(t), rate), f(t), ics={f(0): u0})
    return sp.simplify(sol.rhs)


_X = 2 * s * t / tau
# s u0 / (s e^{-x} + u0 (1 - e^{-x})), with no overflow at large t or tiny u0 (the printed form
# has e^{x} and s/u0). The denominator is s + (s - u0) expm1(-x) for x < 1 and u0 + (s - u0) e^{-x}
# beyond: each branch loses at most a factor e to cancellation and needs one transcendental.
_MODE = s * u0 / sp.Piecewise((s + (s - u0) * expm1(-_X), _X < 1), (u0 + (s - u0) * sp.exp(-_X), True))

register(
    Formula(
        id="deeplinear.mode",
        params=(t, s, u0, tau),
        domain={t: TIME, s: POSITIVE, u0: POSITIVE, tau: POSITIVE},
        expr=_MODE,
        reference=f"{_SAXE}, Eq. (6) (balanced aligned mode; the factor 2 as in THEORY.md §5.2)",
        description="mode strength u(t) of a balanced aligned two-layer linear network: s e^{2st/tau}/(e^{2st/tau} - 1 + s/u0)",
        derivation=_derive_mode,
        printed=s * sp.exp(_X) / (sp.exp(_X) - 1 + s / u0),
    )
)


def _derive_learning_time() -> sp.Expr:
    point = {s: 2, u0: sp.Rational(1, 10), uf: 1, tau: 1}
    (sol,) = [r for r in sp.solve(sp.Eq(_derive_mode(), uf), t) if sp.N(r.subs(point)).is_real]  # the other root is on a log branch
    return sp.simplify(sol)


register(
    Formula(
        id="deeplinear.learning_time",
        params=(s, u0, uf, tau),
        domain={s: POSITIVE, u0: POSITIVE, uf: POSITIVE, tau: POSITIVE},
        where=(u0 <= uf, uf < s),
        # ln(uf/u0) + ln((s - u0)/(s - uf)) as two log1p of exact differences
        expr=tau / (2 * s) * (log1p((uf - u0) / u0) + log1p((uf - u0) / (s - uf))),
        reference=f"{_SAXE}, Eq. (7); THEORY.md §5.2",
        description="time for a balanced mode to grow from u0 to uf < s: (tau/2s) ln(uf (s - u0)/(u0 (s - uf)))",
        derivation=_derive_learning_time,
        printed=tau / (2 * s) * sp.log(uf * (s - u0) / (u0 * (s - uf))),
    )
)


# ----------------------------------------------------------------------- unbalanced mode
_r = sp.sqrt(c**2 + 4 * s**2)


def _unbalanced_time_printed(x: sp.Expr) -> sp.Expr:
    """THEORY.md §5.3: t(u) = (tau/r) [ln((c^2 + 4su + r sqrt(c^2 + 4u^2))/(s - u))] from u0."""

    def g(v):
        return sp.log((c**2 + 4 * s * v + _r * sp.sqrt(c**2 + 4 * v**2)) / (s - v))

    return tau / _r * (g(x) - g(u0))


def _unbalanced_time(x: sp.Expr) -> sp.Expr:
    """The same difference of logarithms as log1p of exact differences (no cancellation near u0)."""
    s_x, s_0 = sp.sqrt(c**2 + 4 * x**2), sp.sqrt(c**2 + 4 * u0**2)
    a0 = c**2 + 4 * s * u0 + _r * s_0
    grow = 4 * (x - u0) * (s + _r * (x + u0) / (s_x + s_0))  # A(x) - A(u0), rationalised
    return tau / _r * (log1p(grow / a0) + log1p((x - u0) / (s - x)))


register(
    ImplicitFormula(
        id="deeplinear.mode_unbalanced",
        params=(t, s, u0, c, tau),
        domain={t: TIME, s: POSITIVE, u0: POSITIVE, c: REALS, tau: POSITIVE},
        where=(u0 < s,),
        expr=_unbalanced_time(u) - t,
        unknown=u,
        bracket=(u0, s),
        slope=tau / ((s - u) * sp.sqrt(c**2 + 4 * u**2)),
        reference=f"{_SAXE}; THEORY.md §5.3 (aligned, unbalanced: c = a0^2 - b0^2 is conserved)",
        description="aligned unbalanced two-layer mode u(t) with c = a0^2 - b0^2: solves t(u) = t, tau u' = (s - u) sqrt(c^2 + 4u^2)",
        accuracy=Accuracy(note="implicit: relative 1e-12 plus the condition number of u in t"),
    )
)


# ---------------------------------------------------------------------------- deep mode
def deep_time_hypergeometric(x: sp.Expr = u) -> sp.Expr:
    """THEORY.md §5.4 printed form: (tau/D)[F(x) - F(u0)], F(x) = x^q 2F1(1, q; q+1; x/s)/(q s), q = 2/D - 1."""
    qq = 2 / depth - 1

    def big_f(v):
        return v**qq * sp.hyper([1, qq], [qq + 1], v / s) / (qq * s)

    return tau / depth * (big_f(x) - big_f(u0))


@functools.cache
def deep_time_integral() -> sp.Expr:
    """SymPy's own integral of tau du/(D u^(2-2/D)(s - u)) (a Lerch transcendent), from u0 to u."""
    d = sp.Symbol("D", positive=True)
    w = sp.Symbol("w", positive=True)
    anti = sp.integrate(tau / (d * w ** (2 - 2 / d) * (s - w)), w).replace(sp.exp_polar, sp.exp)  # exp_polar(2 pi i) = 1
    return (anti.subs(w, u) - anti.subs(w, u0)).subs(d, depth)


_j = sp.Symbol("j", integer=True, nonnegative=True)


def _deep_time(x: sp.Expr) -> sp.Expr:
    """t(x) for integer D >= 2 in elementary functions.

    With v = x^(1/D): dt = (tau/s)[v^(1-D) + v/(s - v^D)] dv, and over the D-th roots
    w_j = rho e^{i phi_j} of s (rho = s^(1/D), phi_j = 2 pi j/D),
    v/(s - v^D) = -(1/(D s)) sum_j w_j^2/(v - w_j), whose real antiderivative is
    -(rho^2/(D s)) sum_j [cos(2 phi_j) ln|v - w_j| - sin(2 phi_j) arg(v - w_j)].
    """
    # D-th roots as exp(ln(.)/D): the mpmath oracle then never divides two Python ints
    rho = sp.exp(sp.log(s) / depth)
    v, v0 = sp.exp(sp.log(x) / depth), sp.exp(sp.log(u0) / depth)
    phi = 2 * sp.pi * _j / depth
    cr, sr = rho * sp.cos(phi), rho * sp.sin(phi)

    def part(w):
        return sp.cos(2 * phi) * sp.log((w - cr) ** 2 + sr**2) / 2 - sp.sin(2 * phi) * sp.atan2(-sr, w - cr)

    power = sp.Piecewise(
        ((sp.log(x) - sp.log(u0)) / 2, sp.Eq(depth, 2)),
        ((sp.exp((2 - depth) * sp.log(x) / depth) - sp.exp((2 - depth) * sp.log(u0) / depth)) / (2 - depth), True),
    )

    # j = 0 (the root rho itself) carries the log singularity at x = s: ln|v - rho| with
    # v - rho = rho expm1(ln(x/s)/D) and ln(x/s) = log1p((x - s)/s), so nothing cancels near s
    def near(w):
        return sp.log(-expm1(log1p((w - s) / s) / depth))

    roots = near(x) - near(u0) + sp.Sum(part(v) - part(v0), (_j, 1, depth - 1))
    return tau / s * (power - rho**2 / (depth * s) * roots)


register(
    ImplicitFormula(
        id="deeplinear.mode_deep",
        params=(t, s, u0, tau, depth),
        domain={t: TIME, s: POSITIVE, u0: POSITIVE, tau: POSITIVE, depth: DEPTHS},
        where=(u0 < s,),
        expr=_deep_time(u) - t,
        unknown=u,
        bracket=(u0, s),
        slope=tau / (depth * u ** (2 - 2 / depth) * (s - u)),
        reference=f"{_SAXE}, Eq. (13) (Saxe: (N_l - 1) u^(2 - 2/(N_l - 1))(s - u)); THEORY.md §5.4",
        description="balanced aligned mode of a depth-D linear network (D weight matrices): solves t(u) = t, tau u' = D u^(2-2/D)(s - u)",
        accuracy=Accuracy(note="implicit: relative 1e-12 plus the condition number of u in t"),
    )
)
