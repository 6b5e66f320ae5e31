"""Wide networks (``nngp``): criticality of a single input's variance map and of the correlation map.

Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, "Deep information propagation", arXiv 1611.01232,
Eqs. (3)-(9) (equation numbers as we read them; unconfirmed); Roberts, Yaida & Hanin, arXiv
2106.10165, Ch. 5. In issue 17's conventions (NTK parameterisation) a single input's preactivation
variance obeys q_(l+1) = C_b + C_W E[phi(sqrt(q_l) z)^2], z ~ N(0, 1), with a fixed point q*.
Around it

- chi_par = d/dq (C_W E[phi(sqrt q z)^2]) = C_W E[phi'^2 + phi phi''] governs q_l -> q*, and
- chi_perp = C_W E[phi'(sqrt q z)^2] the correlation map's slope at c = 1, so 1 - c_(l+1) = chi_perp (1 - c_l)
  + O((1 - c_l)^2) for a smooth activation;

the depth scales are xi = -1/log chi (``nngp.depth_scale``). The edge of chaos is chi_perp(q*) = 1.
ReLU: chi_par = chi_perp = C_W/2, so (C_W, C_b) = (2, 0) (a finite q* needs C_b = 0 there; tested).

erf (closed forms from ``nngp.erf_expectation`` on the diagonal, E[erf(sqrt q z)^2] = (2/pi) arcsin(2q/(1 + 2q))):
``erf_fixed_point`` (implicit), ``erf_chi_perp``, ``erf_chi_parallel`` and the edge of chaos
``erf_critical_bias``, explicit because chi_perp = 1 gives q* = ((4 C_W/pi)^2 - 1)/4.

tanh has no closed form: ``tanh_*`` are numeric formulas. Every expectation is written through
sech^2 = tanh' (E tanh^2 = 1 - E sech^2, E tanh'^2 = E sech^4, chi_par = C_W E[3 sech^4 - 2 sech^2]),
integrands that vanish beyond |u| = 22 whatever q is, so a fixed set of panels covers them.
"""

from __future__ import annotations

import functools
import math

import mpmath
import sympy as sp

from ._formula import Accuracy, Formula, ImplicitFormula, NumericFormula
from ._registry import register

__all__ = [
    "derive_depth_scale",
    "derive_erf_chi_parallel",
    "derive_erf_chi_perp",
    "derive_erf_critical_bias",
    "tanh_chi_parallel_mp",
    "tanh_chi_perp_mp",
    "TANH_INTEGRANDS",
    "WidthRecursion",
    "single_input_integrands",
    "width_recursion_mp",
    "panels",
    "tanh_critical_bias_mp",
    "tanh_edge_series",
    "tanh_expectation_mp",
    "tanh_fixed_point_mp",
    "tanh_square_mp",
]

q = sp.Symbol("q", nonnegative=True)
C_W = sp.Symbol("C_W", positive=True)
C_b = sp.Symbol("C_b", nonnegative=True)
chi = sp.Symbol("chi", positive=True)
_SCHOENHOLZ = (
    "Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, arXiv 1611.01232, Eqs. (3)-(9) (equation numbers unconfirmed); "
    "Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 5"
)
_NONNEG = sp.Interval(0, sp.oo)
_POS = sp.Interval.open(0, sp.oo)


def _erf_square(v: sp.Expr) -> sp.Expr:
    """E[erf(sqrt(v) z)^2] in the stable atan2 form: (2/pi) arcsin(2v/(1 + 2v)) = (2/pi) atan2(2v, sqrt(1 + 4v))."""
    return 2 / sp.pi * sp.atan2(2 * v, sp.sqrt(1 + 4 * v))


def _erf_square_printed(v: sp.Expr) -> sp.Expr:
    return 2 / sp.pi * sp.asin(2 * v / (1 + 2 * v))


def derive_depth_scale() -> sp.Expr:
    """Xi from the linearised map: eps_(l+1) = chi eps_l (``rsolve``) is eps_0 chi^l; ``solve`` chi^l = exp(-l/xi) for xi."""
    eps, l_, xi = sp.Function("eps"), sp.Symbol("l", positive=True, integer=True), sp.Symbol("xi", positive=True)
    solution = sp.rsolve(eps(l_ + 1) - chi * eps(l_), eps(l_), {eps(0): 1})
    (found,) = sp.solve(sp.Eq(sp.log(solution), -l_ / xi), xi)
    return sp.simplify(found)


def derive_erf_chi_perp() -> sp.Expr:
    """C_W E[erf'(u)^2] at q1 = q2 = q12 = q: the Gaussian integral (4/pi) det(I + 2K)^(-1/2) of the pair (Price)."""
    from ._nngp import derive_erf_derivative

    return C_W * derive_erf_derivative().subs({sp.Symbol("q12", real=True): q}).subs({sp.Symbol("q1", positive=True): q, sp.Symbol("q2", positive=True): q})


def derive_erf_chi_parallel() -> sp.Expr:
    """``diff`` of C_W E[erf(sqrt q z)^2] (``nngp.erf_expectation``'s derivation on the diagonal) in q."""
    from ._nngp import derive_erf

    v = sp.Symbol("v", positive=True)
    diagonal = derive_erf().subs({sp.Symbol("q12", real=True): v}).subs({sp.Symbol("q1", positive=True): v, sp.Symbol("q2", positive=True): v})
    return sp.simplify(C_W * sp.diff(diagonal, v)).subs(v, q)


def derive_erf_critical_bias() -> sp.Expr:
    """``solve`` chi_perp(q) = 1 for q, then C_b = q - C_W E[erf^2] from the fixed-point equation."""
    (q_star,) = sp.solve(sp.Eq(derive_erf_chi_perp(), 1), q)
    return q_star - C_W * _erf_square_printed(q_star)


# ------------------------------------------------------------------------------------ erf
register(
    Formula(
        id="nngp.depth_scale",
        params=(chi,),
        domain={chi: sp.Interval.open(0, 1)},
        expr=-1 / sp.log(chi),
        reference=_SCHOENHOLZ + " (xi_q = -1/log chi_par, xi_c = -1/log chi_perp)",
        description=(
            "the depth scale xi = -1/log chi over which a deviation that contracts by chi per layer decays by e (xi_q from chi_par, xi_c from chi_perp)"
        ),
        derivation=derive_depth_scale,
        printed=-1 / sp.log(chi),
    )
)
register(
    Formula(
        id="nngp.erf_chi_perp",
        params=(q, C_W),
        domain={q: _NONNEG, C_W: _POS},
        expr=4 * C_W / (sp.pi * sp.sqrt(1 + 4 * q)),
        reference=_SCHOENHOLZ + "; the erf expectation: Williams, NIPS 1997",
        description="chi_perp = C_W E[erf'(sqrt(q) z)^2] = 4 C_W/(pi sqrt(1 + 4q)): the correlation map's slope at c = 1 for preactivation variance q",
        derivation=derive_erf_chi_perp,
        printed=4 * C_W / (sp.pi * sp.sqrt((1 + 2 * q) ** 2 - 4 * q**2)),
    )
)
register(
    Formula(
        id="nngp.erf_chi_parallel",
        params=(q, C_W),
        domain={q: _NONNEG, C_W: _POS},
        expr=4 * C_W / (sp.pi * (1 + 2 * q) * sp.sqrt(1 + 4 * q)),
        reference=_SCHOENHOLZ + "; the erf expectation: Williams, NIPS 1997",
        description="chi_par = d/dq (C_W E[erf(sqrt(q) z)^2]) = 4 C_W/(pi (1 + 2q) sqrt(1 + 4q)): the variance map's slope at q",
        derivation=derive_erf_chi_parallel,
        printed=C_W * sp.diff(_erf_square_printed(q), q),
    )
)
_f_erf = _erf_square(q)
register(
    ImplicitFormula(
        id="nngp.erf_fixed_point",
        params=(C_W, C_b),
        domain={C_W: _POS, C_b: _NONNEG},
        unknown=q,
        # (q - C_b)/E[erf^2] is increasing for q > C_b (E[erf^2] is concave with value 0 at 0), and tends to
        # pi/4 at q = C_b = 0 (slope 4/pi of E[erf^2] there): q* = 0 is the stable fixed point for C_W <= pi/4, C_b = 0
        expr=sp.Piecewise((sp.pi / 4 - C_W, q <= 0), ((q - C_b) / _f_erf - C_W, True)),
        bracket=(C_b, C_b + C_W),  # E[erf^2] < 1, so q* < C_b + C_W
        reference=_SCHOENHOLZ + "; the erf expectation: Williams, NIPS 1997",
        description="the stable fixed point q* = C_b + C_W E[erf(sqrt(q*) z)^2] of a single input's preactivation variance (0 when C_b = 0 and C_W <= pi/4)",
        accuracy=Accuracy(note="the safeguarded Newton root of (q - C_b)/E[erf^2] = C_W: 1e-12 relative plus the condition term"),
    )
)
_x = sp.pi * ((4 * C_W / sp.pi) ** 2 - 1) / (8 * C_W)  # pi q*/(2 C_W) on the edge of chaos
_t = sp.Symbol("t", positive=True)
# (x - atan x)/x^3 = sum_k (-1)^k t^(2k)/(2k + 3) to t^36 (1e-38 relative at t = 1/10, so the 30-digit derivation test
# holds too), Horner with 40-digit float coefficients (rationals would be merged with the powers of pi into integers
# beyond 64 bits by the code generator)
_x_minus_atan = sp.Float(0)
for _k in range(18, -1, -1):
    _x_minus_atan = _x_minus_atan * _t**2 + sp.Float((-1) ** _k, 40) / (2 * _k + 3)
register(
    Formula(
        id="nngp.erf_critical_bias",
        params=(C_W,),
        domain={C_W: sp.Interval(sp.pi / 4, sp.oo)},
        # C_b = q* - C_W (2/pi) arcsin(2 q*/(1 + 2 q*)) with sqrt(1 + 4 q*) = 4 C_W/pi is (2 C_W/pi)(x - atan x),
        # x = pi q*/(2 C_W); its series below x = 1/10 (the two terms cancel to x^3/3 there)
        expr=2 * C_W / sp.pi * sp.Piecewise((_x**3 * _x_minus_atan.subs(_t, _x), _x < sp.Rational(1, 10)), (_x - sp.atan(_x), True)),
        reference=_SCHOENHOLZ + " (the edge of chaos chi_perp(q*) = 1); the erf expectation: Williams, NIPS 1997",
        description=(
            "the edge of chaos of an erf network: the bias variance C_b at which chi_perp(q*) = 1 for weight variance C_W "
            "(q* = ((4 C_W/pi)^2 - 1)/4 there); ordered (chi_perp < 1) for larger C_b, chaotic for smaller"
        ),
        derivation=derive_erf_critical_bias,
        printed=((4 * C_W / sp.pi) ** 2 - 1) / 4 - C_W * _erf_square_printed(((4 * C_W / sp.pi) ** 2 - 1) / 4),
    )
)


# ----------------------------------------------------------------------------------- tanh
_BOX = mpmath.mpf(22)  # sech^2(22) < 4e-19: every integrand below but tanh^2 and edge carries a sech^2 factor
_UNBOUNDED = ("tanh2", "edge")


@functools.lru_cache(maxsize=1)
def tanh_edge_series() -> tuple:
    """Taylor coefficients (of u^0, u^2, ..., u^50) of g(u) = u tanh u (1 - tanh^2 u/3) - tanh^2 u = (4/45) u^6 + ...

    E[g(sqrt(q) z)] = q E sech^4 - E tanh^2 (Gaussian integration by parts: E[u h(u)] = q E h'(u) with
    h = tanh - tanh^3/3, h' = sech^4), so on the edge of chaos, where C_W E sech^4 = 1,
    C_b = q - C_W E tanh^2 = C_W E[g]: one non-negative integrand instead of a difference that cancels to
    (4/3) q^3 as q -> 0. Near u = 0 g's own terms cancel to u^6, so it is summed from this series there.
    Exact rationals from tanh' = 1 - tanh^2 (the odd coefficients t_(2k+1) = -(1/(2k+1)) sum t_i t_j).
    """
    from fractions import Fraction

    top = 52
    t = [Fraction(0)] * top
    t[1] = Fraction(1)
    for k in range(3, top, 2):  # (k) t_k = -(coefficient of u^(k-1) in tanh^2)
        t[k] = -sum(t[i] * t[k - 1 - i] for i in range(1, k - 1)) / k

    def mul(a, b):
        out = [Fraction(0)] * top
        for i, x in enumerate(a):
            if x:
                for j in range(top - i):
                    out[i + j] += x * b[j]
        return out

    t2 = mul(t, t)
    t3 = mul(t2, t)
    u_t = [Fraction(0)] + t[:-1]  # u tanh u
    u_t3 = [Fraction(0)] + t3[:-1]
    g = [a - c / 3 - b for a, b, c in zip(u_t, t2, u_t3)]
    if any(g[k] for k in range(0, 6)) or any(g[k] for k in range(1, top, 2)):
        raise ArithmeticError("the edge-of-chaos integrand's series should start at u^6 and be even")
    return tuple(g[0:top:2][:26])


def _edge_mp(u):
    if abs(u) < mpmath.mpf(1) / 4:
        u2, total = u * u, mpmath.mpf(0)
        for c in reversed(tanh_edge_series()):
            total = total * u2 + mpmath.mpf(c.numerator) / c.denominator
        return total
    th = mpmath.tanh(u)
    return u * th * (1 - th * th / 3) - th * th


#: The integrands of the tanh expectations, in u = sqrt(q) z: each is non-negative, so nothing cancels.
TANH_INTEGRANDS = {
    "edge": _edge_mp,  # q E sech^4 - E tanh^2 (not localised)
    "sech2": lambda u: mpmath.sech(u) ** 2,
    "sech4": lambda u: mpmath.sech(u) ** 4,
    "tanh2": lambda u: mpmath.tanh(u) ** 2,  # used for q <= 1 only (not localised): E tanh^2 = 1 - E sech^2 cancels there
    "u_tanh_sech2": lambda u: u * mpmath.tanh(u) * mpmath.sech(u) ** 2,  # chi_par q/C_W (Gaussian integration by parts)
    "u_tanh_sech4": lambda u: u * mpmath.tanh(u) * mpmath.sech(u) ** 4,  # -q/2 d/dq E sech^4
}


def _legendre(prec: int) -> tuple:
    """The 24-point Gauss-Legendre rule on [-1, 1] at ``prec`` bits."""
    from ._nngp import gauss_legendre

    return gauss_legendre(24, prec)


def panels(v, kind: str) -> tuple[float, int]:
    """(half, count): the integration range |u| <= half and its number of equal panels, each no wider than 1 or sqrt v.

    half = 14 sqrt v (the Gaussian's mass beyond is below 1e-44), capped at 22 for the integrands with a
    sech^2 factor (below 4e-19 beyond); 1 for v = 0 (unused).
    """
    s = mpmath.sqrt(v)
    half = 14 * s if kind in _UNBOUNDED else min(_BOX, 14 * s)
    return half, max(2, int(mpmath.ceil(2 * half / min(1, s))))


def tanh_expectation_mp(kind: str, v) -> mpmath.mpf:
    """E[g(sqrt(v) z)], z ~ N(0, 1), g = ``TANH_INTEGRANDS[kind]``, at the working precision.

    Composite 24-point Gauss-Legendre on ``panels``: each panel's half-width is at most 1/2 and the poles
    of sech and tanh lie at Im u = pi/2, so the integrand is analytic inside the Bernstein ellipse of
    parameter 6.4 around every panel (the Gaussian factor grows by at most e^1.2 there) and each panel's
    error is below 1e-37 of its size (Trefethen, Approximation Theory and Approximation Practice, Thm 19.3).
    """
    v = mpmath.mpf(v)
    g = TANH_INTEGRANDS[kind]
    if v == 0:
        return g(mpmath.mpf(0))
    half, count = panels(v, kind)
    width = 2 * half / count
    total = mpmath.mpf(0)
    for k in range(count):
        centre = -half + (k + mpmath.mpf(1) / 2) * width
        for x, w in _legendre(mpmath.mp.prec):
            u = centre + x * width / 2
            total += w * g(u) * mpmath.exp(-u * u / (2 * v))
    return total * width / 2 / mpmath.sqrt(2 * mpmath.pi * v)


def tanh_square_mp(v) -> mpmath.mpf:
    """E[tanh(sqrt(v) z)^2]: directly for v <= 1, as 1 - E sech^2 above (where nothing cancels)."""
    return tanh_expectation_mp("tanh2", v) if v <= 1 else 1 - tanh_expectation_mp("sech2", v)


def _float_square(v: float) -> float:
    return _float_expectation("tanh2", v) if v <= 1 else 1 - _float_expectation("sech2", v)


def tanh_chi_perp_mp(v, cw):
    """C_W E[sech^4(sqrt(q) z)] at 30 digits."""
    with mpmath.workdps(30):
        out = mpmath.mpf(cw) * tanh_expectation_mp("sech4", v)
    return +out


def tanh_chi_parallel_mp(v, cw):
    """C_W E[u tanh(u) sech^2(u)]/q = C_W E[3 sech^4 - 2 sech^2] (integration by parts), C_W at q = 0, at 30 digits."""
    v = mpmath.mpf(v)
    with mpmath.workdps(30):
        out = mpmath.mpf(cw) * (1 if v == 0 else tanh_expectation_mp("u_tanh_sech2", v) / v)
    return +out


_FLOAT_INTEGRANDS = {
    "sech2": lambda u: 1 / math.cosh(u) ** 2,
    "sech4": lambda u: 1 / math.cosh(u) ** 4,
    "tanh2": lambda u: math.tanh(u) ** 2,
    "edge": lambda u: float(_edge_mp(mpmath.mpf(u))),
}


def _float_expectation(kind: str, v: float) -> float:
    """``tanh_expectation_mp`` in Python floats (the same panels): the rough phase of the root finders."""
    if v <= 0:
        return _FLOAT_INTEGRANDS[kind](0.0)
    half, count = panels(mpmath.mpf(v), kind)
    half = float(half)
    width = 2 * half / count
    g = _FLOAT_INTEGRANDS[kind]
    rule = [(float(x), float(w)) for x, w in _legendre(53)]
    total = 0.0
    for k in range(count):
        centre = -half + (k + 0.5) * width
        for x, w in rule:
            u = centre + x * width / 2
            total += w * g(u) * math.exp(-u * u / (2 * v))
    return total * width / 2 / math.sqrt(2 * math.pi * v)


def _root(residual, lo: float, hi: float, newton):
    """The root of an increasing float ``residual`` on [lo, hi] (residual(lo) <= 0 <= residual(hi)).

    Bisection and the Illinois false position in floats to about 1e-13, then two Newton steps
    ``x -> newton(x)`` at the working precision (each squares the relative error).
    """
    if residual(lo) >= 0:
        return mpmath.mpf(lo)
    a, b, fa, fb = lo, hi, residual(lo), residual(hi)
    for _ in range(6):
        mid = (a + b) / 2
        fm = residual(mid)
        a, b, fa, fb = (mid, b, fm, fb) if fm < 0 else (a, mid, fa, fm)
    side = 0
    for _ in range(60):
        if b - a <= 1e-14 * max(abs(a), abs(b), 1e-300):
            break
        x = b - fb * (b - a) / (fb - fa) if fb != fa else (a + b) / 2
        x = min(max(x, a), b)
        fx = residual(x)
        if fx < 0:
            a, fa = x, fx
            fb, side = (fb / 2 if side == -1 else fb), -1
        else:
            b, fb = x, fx
            fa, side = (fa / 2 if side == 1 else fa), 1
    x = mpmath.mpf((a + b) / 2)
    for _ in range(2):
        x = newton(x)
    return x


def tanh_fixed_point_mp(cw, cb):
    """q* with (q - C_b)/E[tanh^2] = C_W (the limit 1 - C_W at q = C_b = 0) at 30 digits; Newton on q - C_b - C_W E tanh^2."""
    cw, cb = mpmath.mpf(cw), mpmath.mpf(cb)
    with mpmath.workdps(30):

        def residual(v):
            return float(1 - cw) if v <= 0 else (v - float(cb)) / _float_square(v) - float(cw)

        def newton(v):  # d/dq E tanh^2 = E[u tanh sech^2]/q
            return v - (v - cb - cw * tanh_square_mp(v)) / (1 - cw * tanh_expectation_mp("u_tanh_sech2", v) / v)

        out = _root(residual, float(cb), float(cb + cw), newton)
    return +out


def tanh_critical_bias_mp(cw):
    """The C_b with chi_perp(q*) = 1: q from C_W E[sech^4] = 1 (decreasing in q), then C_b = q - C_W E[tanh^2], at 30 digits."""
    cw = mpmath.mpf(cw)
    with mpmath.workdps(30):

        def newton(v):  # d/dq E sech^4 = -2 E[u tanh sech^4]/q
            return v - (1 - cw * tanh_expectation_mp("sech4", v)) / (2 * cw * tanh_expectation_mp("u_tanh_sech4", v) / v)

        # E sech^4(sqrt(q) z) < (4/3)/sqrt(2 pi q) (the integral of sech^4 is 4/3), so the root lies below C_W^2
        v = _root(lambda x: 1 - float(cw) * _float_expectation("sech4", x), 0.0, float(cw * cw), newton)
        # v - C_W E tanh^2 = C_W E[g] at the root: no cancellation as v -> 0 (below v = 1; above, nothing cancels)
        out = cw * tanh_expectation_mp("edge", v) if v <= 1 else v - cw * tanh_square_mp(v)
    return +out


_TANH_ACC = Accuracy(
    rtol=1e-12,
    atol=1e-300,
    cond_ulps=64.0,
    note=(
        "composite 20-point Gauss-Legendre over |u| <= min(22, 14 sqrt q) in panels no wider than 1 and sqrt q: "
        "the integrands (sech^2, sech^4 times the Gaussian) are analytic in a Bernstein ellipse of parameter >= 6 "
        "around each panel (poles at Im u = pi/2), so each panel's error is below 1e-28 of its size; 1e-12 relative "
        "plus the condition term (the roots: safeguarded Newton)"
    ),
)
for _name, _params, _domain, _mp, _text, _definition in (
    (
        "tanh_chi_perp",
        (q, C_W),
        {q: _NONNEG, C_W: _POS},
        tanh_chi_perp_mp,
        "chi_perp = C_W E[tanh'(sqrt(q) z)^2] = C_W E[sech^4]: the correlation map's slope at c = 1 for a tanh network at variance q",
        r"C_W\,\mathbb{E}_{z}\,\operatorname{sech}^4(\sqrt{q} z)",
    ),
    (
        "tanh_chi_parallel",
        (q, C_W),
        {q: _NONNEG, C_W: _POS},
        tanh_chi_parallel_mp,
        "chi_par = d/dq (C_W E[tanh(sqrt(q) z)^2]) = C_W E[3 sech^4 - 2 sech^2] = C_W E[u tanh(u) sech^2(u)]/q: the variance map's slope for a tanh network",
        r"C_W\,\mathbb{E}_{z}[3\operatorname{sech}^4 - 2\operatorname{sech}^2](\sqrt{q} z)",
    ),
    (
        "tanh_fixed_point",
        (C_W, C_b),
        {C_W: _POS, C_b: _NONNEG},
        tanh_fixed_point_mp,
        "the stable fixed point q* = C_b + C_W E[tanh(sqrt(q*) z)^2] of a tanh network's single-input variance (0 when C_b = 0 and C_W <= 1)",
        r"q^* = C_b + C_W\,\mathbb{E}_{z} \tanh^2(\sqrt{q^*} z)",
    ),
    (
        "tanh_critical_bias",
        (C_W,),
        {C_W: sp.Interval(1, sp.oo)},
        tanh_critical_bias_mp,
        "the edge of chaos of a tanh network: the C_b at which chi_perp(q*) = 1 for weight variance C_W >= 1 (ordered above it, chaotic below)",
        r"C_b:\ C_W\,\mathbb{E}\operatorname{sech}^4(\sqrt{q^*} z) = 1,\ q^* = C_b + C_W\,\mathbb{E}\tanh^2(\sqrt{q^*} z)",
    ),
):
    register(
        NumericFormula(
            id=f"nngp.{_name}",
            params=_params,
            domain=_domain,
            expr=sp.Function("".join(p.capitalize() for p in _name.split("_")))(*_params),
            reference=_SCHOENHOLZ,
            description=_text,
            mp=_mp,
            definition=_definition,
            accuracy=_TANH_ACC,
        )
    )


# ------------------------------------------------------------------ finite width, smooth activations
# Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (single input): given layer l, the n units of layer l + 1 are
# iid N(0, G_(l+1)), G_(l+1) = C_b + (C_W/n) sum_j sigma(z_j)^2, z_j ~ N(0, G_l). With f(K) = <sigma^2>_K,
# E G_l = K_l + K1_l/n and Var G_l = V_l/n to leading order:
#   K_(l+1) = C_b + C_W f(K_l),
#   V_(l+1) = C_W^2 (<sigma^4> - <sigma^2>^2)_(K_l) + (C_W f'(K_l))^2 V_l,          V_1 = 0 (the four-point vertex),
#   K1_(l+1) = C_W f'(K_l) K1_l + (C_W/2) f''(K_l) V_l,                             K1_1 = 0 (the mean's 1/n shift),
# the last from E f(G) = f(E G) + f''(K) Var(G)/2 + ...; f' = <(sigma^2)''>/2 and f'' = <(sigma^2)''''>/4
# (Gaussian integration by parts, d/dK E g(sqrt(K) z) = E g''/2). For ReLU f is linear: K1 = 0 on the diagonal.
_Z = sp.Symbol("z", real=True)
_SMOOTH = {"erf": sp.erf(_Z), "tanh": sp.tanh(_Z)}


@functools.lru_cache(maxsize=4)
def single_input_integrands(activation: str) -> tuple:
    """(sigma^2, sigma^4, (sigma^2)''/2, (sigma^2)''''/4) of ``activation`` ('erf' or 'tanh') in z, by SymPy's ``diff``."""
    if activation not in _SMOOTH:
        raise ValueError(f"activation={activation!r} is not one of {sorted(_SMOOTH)}")
    s2 = _SMOOTH[activation] ** 2
    return (s2, s2**2, sp.diff(s2, _Z, 2) / 2, sp.diff(s2, _Z, 4) / 4)


def _mp_gaussian(g, v):
    """E g(sqrt(v) x), x ~ N(0, 1), by the graded 24-point Gauss-Legendre rule of ``nngp.tanh_nngp``'s reference (anchor 0)."""
    from ._nngp import _mp_edges, gauss_legendre

    sv = mpmath.sqrt(v)
    edges = _mp_edges(0, mpmath.mpf(1) / 2 / max(1, sv), -mpmath.mpf(14), mpmath.mpf(14))
    rule, total = gauss_legendre(24, mpmath.mp.prec), mpmath.mpf(0)
    for lo, hi in zip(edges[:-1], edges[1:]):
        half, mid = (hi - lo) / 2, (hi + lo) / 2
        for node, weight in rule:
            x = mid + half * node
            total += half * weight * g(sv * x) * mpmath.exp(-x * x / 2)
    return total / mpmath.sqrt(2 * mpmath.pi)


@functools.lru_cache(maxsize=4)
def _mp_integrands(activation: str) -> tuple:
    return tuple(sp.lambdify(_Z, e, "mpmath") for e in single_input_integrands(activation))


def width_recursion_mp(activation: str, layer, v, cw, cb) -> tuple:
    """(K_l, V_l, K1_l) of hidden layer ``layer`` at 25 digits (the recursions above)."""
    gs = _mp_integrands(activation)
    with mpmath.workdps(25):
        cw, cb = mpmath.mpf(cw), mpmath.mpf(cb)
        k, vertex, shift = cb + cw * mpmath.mpf(v), mpmath.mpf(0), mpmath.mpf(0)
        for _ in range(int(layer) - 1):
            f, f4, f1, f2 = (_mp_gaussian(g, k) for g in gs)
            k, vertex, shift = cb + cw * f, cw**2 * (f4 - f * f) + (cw * f1) ** 2 * vertex, cw * f1 * shift + cw / 2 * f2 * vertex
    return +k, +vertex, +shift


class WidthRecursion:
    """The reference of one finite-width quantity (picklable): ``which`` 1 is V_l, 2 is K1_l."""

    def __init__(self, activation: str, which: int):
        self.activation, self.which = activation, which

    def __call__(self, *args):
        return width_recursion_mp(self.activation, *args)[self.which]


_layer = sp.Symbol("layer", integer=True, positive=True)
_q_in = sp.Symbol("q", positive=True)
_WIDTH_ACC = Accuracy(
    rtol=1e-11,
    atol=1e-300,
    cond_ulps=64.0,
    note=(
        "four Gaussian expectations a layer by graded 24-point Gauss-Legendre (truncation below 1e-18), "
        "summed over the layers' recursions: 1e-11 relative plus the condition term"
    ),
)
for _act in _SMOOTH:
    for _which, _name, _text in (
        (1, "vertex", "the four-point vertex V_l = n Var(G_l) to leading order: the excess kurtosis of a preactivation is 3 V_l/(n K_l^2)"),
        (2, "mean_correction", "the 1/width shift K1_l of the mean preactivation variance, E G_l = K_l + K1_l/n + O(1/n^2)"),
    ):
        register(
            NumericFormula(
                id=f"nngp.{_act}_{_name}",
                params=(_layer, _q_in, C_W, C_b),
                domain={_layer: sp.Range(1, sp.oo), _q_in: sp.Interval.open(0, sp.oo), C_W: _POS, C_b: _NONNEG},
                expr=sp.Function(f"{_act.capitalize()}{''.join(p.capitalize() for p in _name.split('_'))}")(_layer, _q_in, C_W, C_b),
                reference="Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (the single-input recursions; equation numbers unconfirmed)",
                description=f"{_text}, at hidden layer `layer` of a {_act} network on an input with q = x.x/d (NTK parameterisation)",
                mp=WidthRecursion(_act, _which),
                definition=(
                    r"V_{l+1} = C_W^2(\langle\sigma^4\rangle - \langle\sigma^2\rangle^2) + \chi_\parallel^2 V_l,\ "
                    r"K^{(1)}_{l+1} = \chi_\parallel K^{(1)}_l + \tfrac{C_W}{2} f''(K_l) V_l"
                ),
                accuracy=_WIDTH_ACC,
            )
        )
