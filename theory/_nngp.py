"""Wide networks (``nngp``): the Gaussian expectations behind the NNGP and NTK recursions, and the recursions.

Conventions (issue 17; the NTK parameterisation of neural-tangents): an MLP with ``depth`` hidden
layers, weights of variance C_W/fan_in and biases of variance C_b, inputs entering through
q1 = x.x/d, q2 = x'.x'/d and q12 = x.x'/d. The first layer's preactivations have covariance
K^1 = C_b + C_W q (per pair) and Theta^1 = K^1; then
K^(l+1) = C_b + C_W E[phi(u) phi(v)] and Theta^(l+1) = K^(l+1) + C_W E[phi'(u) phi'(v)] Theta^l,
(u, v) ~ N(0, K^l) (Jacot, Gabriel & Hongler, arXiv 1806.07572, Thm 1; Arora et al., arXiv
1904.11955, Eqs. (9)-(10); Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 and 8). The recursions
return the output layer's K^(depth+1) and Theta^(depth+1).

The expectations, for (u, v) Gaussian with variances q1, q2 and covariance q12, theta the angle
with cos theta = q12/sqrt(q1 q2), s = sqrt(q1 q2 - q12^2):

- ``relu_expectation`` E[relu(u) relu(v)] = (s + (pi - theta) q12)/(2 pi) (Cho & Saul, NIPS 2009,
  Eq. (6), the arc-cosine kernel k_1 = (1/pi) |x||y| J_1(theta), J_1 = sin theta + (pi - theta) cos theta,
  halved): ``derive_relu`` integrates it in polar coordinates.
- ``relu_derivative_expectation`` E[1{u > 0} 1{v > 0}] = (pi - theta)/(2 pi) (k_0/2, the same source).
- ``erf_expectation`` E[erf(u) erf(v)] = (2/pi) arcsin(2 q12/sqrt((1 + 2 q1)(1 + 2 q2))) (Williams,
  NIPS 1997, "Computing with infinite networks", the erf network's kernel, with the preactivation
  covariance in place of x^T Sigma x'; its equation number is unconfirmed): ``derive_erf`` gets it
  from ``erf_derivative_expectation`` by Price's theorem, integrated in q12.
- ``erf_derivative_expectation`` E[erf'(u) erf'(v)] = (4/pi)/sqrt((1 + 2 q1)(1 + 2 q2) - 4 q12^2),
  the Gaussian integral E exp(-u^2 - v^2) = det(I + 2 K)^(-1/2).

Numerical form: theta = atan2(s, q12) and pi - theta = atan2(s, -q12), so nothing is lost as
rho -> +1 (where arccos(rho) has an unbounded derivative) or rho -> -1; there
(pi - theta) cos theta + sin theta = sin e - e cos e, e = pi - theta, cancels, and its Taylor
series is used below e = 1/10. s^2 = q1 q2 - q12^2 is computed as (r - q12)(r + q12), r = sqrt(q1) sqrt(q2),
exact when q1 = q2 (the recursion's diagonal), and (1 + 2 q1)(1 + 2 q2) - 4 q12^2 as 1 + 2 q1 + 2 q2 + 4 s^2
(no cancellation beyond s^2's own, which the condition number accounts for).
"""

from __future__ import annotations

import functools

import mpmath
import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p

from ._formula import Accuracy, Formula, NumericFormula
from ._recursion import RecursionFormula
from ._registry import register

__all__ = [
    "derive_erf",
    "derive_erf_derivative",
    "derive_kurtosis",
    "derive_kurtosis_exact",
    "derive_relu",
    "derive_relu_derivative",
    "derive_vertex_coefficient",
    "erf_nngp_mp",
    "erf_ntk_mp",
    "erf_pair_mp",
    "gauss_legendre",
    "QuadratureKernel",
    "kernels_mp",
    "quadrature_kernels_mp",
    "quadrature_pair_mp",
    "relu_nngp_mp",
    "relu_ntk_mp",
    "relu_pair_mp",
]

q1 = sp.Symbol("q1", positive=True)
q2 = sp.Symbol("q2", positive=True)
q12 = sp.Symbol("q12", real=True)
C_W = sp.Symbol("C_W", positive=True)
C_b = sp.Symbol("C_b", nonnegative=True)
depth = sp.Symbol("depth", integer=True, nonnegative=True)

_CHO_SAUL = "Cho & Saul, Kernel methods for deep learning, NIPS 2009, Eq. (6) and Sec. 2.1 (arc-cosine kernels k_0, k_1)"
_WILLIAMS = "Williams, Computing with infinite networks, NIPS 1997 (the erf network's kernel; equation number unconfirmed)"
_JACOT = "Jacot, Gabriel & Hongler, arXiv 1806.07572, Thm 1; Arora et al., arXiv 1904.11955, Eqs. (9)-(10) (NTK parameterisation)"
_POS = sp.Interval.open(0, sp.oo)
_PAIR = (q1, q2, q12)
_PAIR_DOMAIN = {q1: _POS, q2: _POS, q12: sp.Reals}
_PSD = (q12**2 <= q1 * q2,)


# ---------------------------------------------------------------------------- derivations
def derive_relu() -> sp.Expr:
    """E[relu(u) relu(v)] by polar coordinates, in theta (``integrate``).

    u = sqrt(q1) r cos(phi), v = sqrt(q2) r cos(phi - theta) with (r, phi) the polar form of a standard
    Gaussian pair; both are positive for phi in (theta - pi/2, pi/2), so
    E = sqrt(q1 q2)/(2 pi) int_0^oo r^3 e^(-r^2/2) dr int cos(phi) cos(phi - theta) dphi.
    Returns the result in ``theta`` (0 <= theta <= pi) with q1, q2.
    """
    r, phi, th = sp.symbols("r phi theta", nonnegative=True)
    radial = sp.integrate(r**3 * sp.exp(-(r**2) / 2), (r, 0, sp.oo))
    angular = sp.integrate(sp.cos(phi) * sp.cos(phi - th), (phi, th - sp.pi / 2, sp.pi / 2))
    return sp.simplify(sp.sqrt(q1 * q2) / (2 * sp.pi) * radial * angular)


def derive_relu_derivative() -> sp.Expr:
    """E[1{u > 0} 1{v > 0}] = (1/2 pi) int_0^oo r e^(-r^2/2) dr times the angle of the quadrant's overlap."""
    r, phi, th = sp.symbols("r phi theta", nonnegative=True)
    radial = sp.integrate(r * sp.exp(-(r**2) / 2), (r, 0, sp.oo))
    angular = sp.integrate(sp.Integer(1), (phi, th - sp.pi / 2, sp.pi / 2))
    return sp.simplify(radial * angular / (2 * sp.pi))


def derive_erf_derivative() -> sp.Expr:
    """E[erf'(u) erf'(v)] = (4/pi) E exp(-u^2 - v^2) = (4/pi) det(I + 2 K)^(-1/2), K the pair's covariance.

    The Gaussian integral: the density's quadratic form w^T K^-1 w/2 plus w^T w has the matrix
    K^-1/2 + I = K^-1 (I + 2 K)/2, so the integral is det(K)^(-1/2) det(K^-1 (I + 2K))^(-1/2) (``det``).
    """
    k = sp.Matrix([[q1, q12], [q12, q2]])
    return sp.Rational(4) / sp.pi / sp.sqrt(sp.expand((sp.eye(2) + 2 * k).det()))


def derive_erf() -> sp.Expr:
    """E[erf(u) erf(v)] from Price's theorem: d/dq12 E[phi(u) phi(v)] = E[phi'(u) phi'(v)], and 0 at q12 = 0.

    (erf is odd, so the expectation vanishes for independent u, v.) ``integrate`` in q12 gives
    (2/pi) arcsin(2 q12/sqrt((1 + 2 q1)(1 + 2 q2))).
    """
    c = sp.Symbol("c", real=True)
    root = sp.Symbol("A", positive=True)  # sqrt((1 + 2 q1)(1 + 2 q2)): the integrand is 4/(pi sqrt(A^2 - 4 c^2))
    antiderivative = sp.integrate(derive_erf_derivative().subs(q12, c).subs(sp.expand((1 + 2 * q1) * (1 + 2 * q2)), root**2), c)
    value = antiderivative.subs(c, q12) - antiderivative.subs(c, 0)
    return value.subs(root, sp.sqrt((1 + 2 * q1) * (1 + 2 * q2)))


# -------------------------------------------------------------------- stable closed forms
def _angle_terms() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    s = sp.sqrt(_gap())
    return s, sp.atan2(s, q12), sp.atan2(s, -q12)  # s, theta, pi - theta


def _gap() -> sp.Expr:
    """Q1 q2 - q12^2 as (r - q12)(r + q12), r = sqrt(q1 q2) (q1 itself where q1 = q2: then exact by Sterbenz), clipped at 0."""
    r = sp.Piecewise((q1, sp.Eq(q1, q2)), (sp.sqrt(q1) * sp.sqrt(q2), True))  # sqrt(q)^2 may miss q by an ulp
    return sp.Max((r - q12) * (r + q12), 0)


_SMALL_ANGLE = sp.Rational(1, 10)


def _sin_minus_x_cos(x: sp.Symbol, order: int) -> sp.Expr:
    """Taylor polynomial of sin x - x cos x below x^order: sum_k (-1)^(k+1) 2k x^(2k+1)/(2k+1)! (what ``series`` gives, without its cost at import)."""
    return sp.Add(*[(-1) ** (k + 1) * 2 * k * x ** (2 * k + 1) / sp.factorial(2 * k + 1) for k in range(1, (order + 1) // 2) if 2 * k + 1 < order])


def _relu_stable() -> sp.Expr:
    s, theta, e = _angle_terms()
    x = sp.Symbol("x", positive=True)
    series = _sin_minus_x_cos(x, 16)  # sin e - e cos e to e^15: 1e-19 of it at e = 1/10
    near_minus_one = sp.sqrt(q1 * q2) * series.subs(x, e) / (2 * sp.pi)
    return sp.Piecewise((near_minus_one, e < _SMALL_ANGLE), (s / (2 * sp.pi) + e / (2 * sp.pi) * q12, True))


def _erf_det() -> sp.Expr:
    return 1 + 2 * q1 + 2 * q2 + 4 * _gap()  # (1 + 2 q1)(1 + 2 q2) - 4 q12^2 without cancellation


def _register_pair(name: str, expr: sp.Expr, reference: str, description: str, derivation, printed: sp.Expr) -> Formula:
    return register(
        Formula(
            id=f"nngp.{name}",
            params=_PAIR,
            domain=_PAIR_DOMAIN,
            expr=expr,
            reference=reference,
            description=description,
            where=_PSD,
            derivation=derivation,
            printed=printed,
        )
    )


_THETA = sp.acos(q12 / sp.sqrt(q1 * q2))
_register_pair(
    "relu_expectation",
    _relu_stable(),
    _CHO_SAUL,
    "E[relu(u) relu(v)] for a Gaussian pair with variances q1, q2 and covariance q12: (sqrt(q1 q2 - q12^2) + (pi - theta) q12)/(2 pi)",
    lambda: derive_relu().subs(sp.Symbol("theta", nonnegative=True), _THETA),
    sp.sqrt(q1 * q2) / (2 * sp.pi) * (sp.sin(_THETA) + (sp.pi - _THETA) * sp.cos(_THETA)),
)
_register_pair(
    "relu_derivative_expectation",
    _angle_terms()[2] / (2 * sp.pi),
    _CHO_SAUL,
    "E[relu'(u) relu'(v)] = P(u > 0, v > 0) = (pi - theta)/(2 pi)",
    lambda: derive_relu_derivative().subs(sp.Symbol("theta", nonnegative=True), _THETA),
    (sp.pi - _THETA) / (2 * sp.pi),
)
_register_pair(
    "erf_expectation",
    2 / sp.pi * sp.atan2(2 * q12, sp.sqrt(_erf_det())),
    _WILLIAMS,
    "E[erf(u) erf(v)] = (2/pi) arcsin(2 q12/sqrt((1 + 2 q1)(1 + 2 q2)))",
    derive_erf,
    2 / sp.pi * sp.asin(2 * q12 / sp.sqrt((1 + 2 * q1) * (1 + 2 * q2))),
)
_register_pair(
    "erf_derivative_expectation",
    4 / (sp.pi * sp.sqrt(_erf_det())),
    _WILLIAMS + "; the Gaussian integral E exp(-u^2 - v^2) = det(I + 2K)^(-1/2)",
    "E[erf'(u) erf'(v)] = (4/pi)/sqrt((1 + 2 q1)(1 + 2 q2) - 4 q12^2)",
    derive_erf_derivative,
    4 / (sp.pi * sp.sqrt((1 + 2 * q1) * (1 + 2 * q2) - 4 * q12**2)),
)


# ------------------------------------------------------------------------------ recursions
def relu_pair_mp(a, b, c):
    """(E[relu relu], E[relu' relu']) at the working precision, in the stable form."""
    with mpmath.extraprec(2 * mpmath.mp.prec):  # (s + e c) cancels to e^3 as e = pi - theta -> 0
        r = mpmath.sqrt(a) * mpmath.sqrt(b)
        s = mpmath.sqrt(max((r - c) * (r + c), 0))
        e = mpmath.atan2(s, -c)
        value, slope = (s + e * c) / (2 * mpmath.pi), e / (2 * mpmath.pi)
    return +value, +slope


def erf_pair_mp(a, b, c):
    """(E[erf erf], E[erf' erf']) at the working precision."""
    r = mpmath.sqrt(a) * mpmath.sqrt(b)
    det = 1 + 2 * a + 2 * b + 4 * max((r - c) * (r + c), 0)
    return 2 / mpmath.pi * mpmath.atan2(2 * c, mpmath.sqrt(det)), 4 / (mpmath.pi * mpmath.sqrt(det))


def kernels_mp(activation: str, depth_, q1_, q2_, q12_, cw, cb):
    """(K, Theta) of the output layer for x, x' after ``depth`` hidden layers, at the working precision."""
    pair = relu_pair_mp if activation == "relu" else erf_pair_mp
    cw, cb = mpmath.mpf(cw), mpmath.mpf(cb)
    k11, k22, k12 = (cb + cw * mpmath.mpf(v) for v in (q1_, q2_, q12_))
    theta = k12
    for _ in range(int(depth_)):
        e11, _d = pair(k11, k11, k11)
        e22, _d = pair(k22, k22, k22)
        e12, d12 = pair(k11, k22, k12)
        k11, k22, new12 = cb + cw * e11, cb + cw * e22, cb + cw * e12
        theta = new12 + cw * d12 * theta
        k12 = new12
    return k12, theta


_RECURSION_DOMAIN = {depth: sp.Range(0, sp.oo), q1: _POS, q2: _POS, q12: sp.Reals, C_W: _POS, C_b: sp.Interval(0, sp.oo)}
_RECURSION = (depth, q1, q2, q12, C_W, C_b)
_ACC_NTK = Accuracy(
    rtol=1e-11,
    atol=1e-300,
    cond_ulps=64.0,
    note=(
        "the NTK sums depth + 1 layers' terms, each carrying K's rounding, which a map of slope near 1 at its fixed point "
        "keeps for many layers: 1e-11 relative plus the condition term (measured worst 3.3e-12 at depth 100, erf, C_W = 2); "
        "results below 1e-300 (subnormal) to 1e-300 absolute"
    ),
)
_ACC = Accuracy(
    rtol=1e-12,
    atol=1e-300,
    cond_ulps=64.0,
    note=(
        "the depth loop in float64 (ReLU carries the gap sqrt(K11 K22) - K12 itself); "
        "1e-12 relative plus the condition term; results below 1e-300 (subnormal) to 1e-300 absolute"
    ),
)


def relu_nngp_mp(*args):
    """The ReLU NNGP at the working precision (module level, so formulas pickle)."""
    return kernels_mp("relu", *args)[0]


def relu_ntk_mp(*args):
    """The ReLU NTK at the working precision."""
    return kernels_mp("relu", *args)[1]


def erf_nngp_mp(*args):
    """The erf NNGP at the working precision."""
    return kernels_mp("erf", *args)[0]


def erf_ntk_mp(*args):
    """The erf NTK at the working precision."""
    return kernels_mp("erf", *args)[1]


def _root_of(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """Sqrt(a) sqrt(b), exactly a where a = b (the diagonal)."""
    return sp.Piecewise((a, sp.Eq(a, b)), (sp.sqrt(a) * sp.sqrt(b), True))


def _relu_recursion() -> dict:
    """The ReLU step map carrying the gap d = sqrt(K11 K22) - K12 as a state of its own (as ``numeric``'s loop does).

    With r = sqrt(K11 K22) and t = d/(2r) = sin^2(theta/2): theta = 2 atan2(sqrt t, sqrt(1 - t)),
    sin theta = 2 sqrt(t (1 - t)), cos theta = 1 - 2t, so the angle never comes from arccos of a rounded
    correlation. The next gap is d' = [r' - (C_b + C_W r/2)] + C_W (r/2 - E12), the first term
    (C_b C_W/2)(sqrt K11 - sqrt K22)^2/(r' + C_b + C_W r/2) and the second C_W r h/(2 pi),
    h = 2 pi t - (sin theta - theta cos theta): no difference of nearly equal numbers. E12 uses the
    series of sin e - e cos e below e = pi - theta = 1/10, as ``nngp.relu_expectation`` does.
    """
    a, b, d, c, th = sp.symbols("K11 K22 gap K12 Theta", real=True)
    r = _root_of(a, b)
    t = sp.Max(0, sp.Min(1, d / (2 * r)))
    st, ct = sp.sqrt(t), sp.sqrt(1 - t)
    theta = 2 * sp.atan2(st, ct)
    sin_t, cos_t = 2 * st * ct, 1 - 2 * t
    e = sp.pi - theta
    x = sp.Symbol("x", positive=True)
    series = _sin_minus_x_cos(x, 18)
    e12 = sp.Piecewise((r * series.subs(x, e) / (2 * sp.pi), e < _SMALL_ANGLE), ((r * sin_t + e * c) / (2 * sp.pi), True))
    h = 2 * sp.pi * t - (sin_t - theta * cos_t)
    a1, b1 = C_b + C_W * a / 2, C_b + C_W * b / 2
    r1 = _root_of(a1, b1)
    excess = sp.Piecewise((0, sp.Eq(a, b)), (C_b * C_W * (sp.sqrt(a) - sp.sqrt(b)) ** 2 / (2 * (r1 + C_b + C_W * r / 2)), True))
    c1 = C_b + C_W * e12
    step = (a1, b1, excess + C_W * r * h / (2 * sp.pi), c1, c1 + C_W * e / (2 * sp.pi) * th)
    # the first layer: K = C_b + C_W q; its gap C_W (r0 - q12) + C_b C_W (sqrt q1 - sqrt q2)^2/(r + C_b + C_W r0)
    ka, kb = C_b + C_W * q1, C_b + C_W * q2
    r0 = _root_of(q1, q2)
    gap0 = C_W * (r0 - q12) + sp.Piecewise((0, sp.Eq(q1, q2)), (C_b * C_W * (sp.sqrt(q1) - sp.sqrt(q2)) ** 2 / (_root_of(ka, kb) + C_b + C_W * r0), True))
    initial = (ka, kb, gap0, C_b + C_W * q12, C_b + C_W * q12)
    return {"state": (a, b, d, c, th), "initial": initial, "step": step, "outputs": (c, th)}


def _erf_recursion() -> dict:
    """The erf step map on (K11, K22, K12, Theta): s^2 enters the determinant linearly, so a rounded K12 costs an ulp."""
    a, b, c, th = sp.symbols("K11 K22 K12 Theta", real=True)
    r = _root_of(a, b)
    det = 1 + 2 * a + 2 * b + 4 * sp.Max((r - c) * (r + c), 0)

    def diagonal(k):
        return C_b + C_W * 2 / sp.pi * sp.atan2(2 * k, sp.sqrt(1 + 4 * k))

    c1 = C_b + C_W * 2 / sp.pi * sp.atan2(2 * c, sp.sqrt(det))
    step = (diagonal(a), diagonal(b), c1, c1 + C_W * 4 / (sp.pi * sp.sqrt(det)) * th)
    k = C_b + C_W * q12
    return {"state": (a, b, c, th), "initial": (C_b + C_W * q1, C_b + C_W * q2, k, k), "step": step, "outputs": (c, th)}


def _register_kernel(cls: type, act: str, which: int, reference: str, how: str, definition: str, **fields) -> None:
    """Register nngp.<act>_nngp (which = 0) or nngp.<act>_ntk (which = 1) as a ``cls`` formula over the recursion's parameters."""
    kind = ("nngp", "ntk")[which]
    name = f"{act}_{kind}"
    register(
        cls(
            id=f"nngp.{name}",
            params=_RECURSION,
            domain=_RECURSION_DOMAIN,
            expr=sp.Function("".join(p.capitalize() for p in name.split("_")))(*_RECURSION),
            reference=f"{_JACOT}; {reference}",
            description=(
                f"the output layer's {'NNGP kernel K' if kind == 'nngp' else 'NTK Theta'} of a {act} MLP with `depth` hidden layers "
                f"(NTK parameterisation: weights C_W/fan_in, biases C_b) on inputs with q1 = x.x/d, q2 = x'.x'/d, q12 = x.x'/d{how}"
            ),
            where=_PSD,
            definition=definition + ("K^{L+1}" if kind == "nngp" else r"\Theta^{L+1}"),
            **fields,
        )
    )


_DEFINITION = (
    r"K^{1} = C_b + C_W q,\ K^{l+1} = C_b + C_W\,\mathbb{E}[\phi(u)\phi(v)],\ "
    r"\Theta^{l+1} = K^{l+1} + C_W\,\mathbb{E}[\phi'(u)\phi'(v)]\,\Theta^{l};\ "
)
_MP = {"relu_nngp": relu_nngp_mp, "relu_ntk": relu_ntk_mp, "erf_nngp": erf_nngp_mp, "erf_ntk": erf_ntk_mp}
for _act, _ref, _maps in (("relu", _CHO_SAUL, _relu_recursion()), ("erf", _WILLIAMS, _erf_recursion())):
    for _which, _kind in enumerate(("nngp", "ntk")):
        _register_kernel(
            RecursionFormula,
            _act,
            _which,
            f"the expectations: {_ref}",
            "",
            _DEFINITION,
            mp=_MP[f"{_act}_{_kind}"],
            accuracy=_ACC if _kind == "nngp" else _ACC_NTK,
            state=_maps["state"],
            initial=_maps["initial"],
            step=_maps["step"],
            output=_maps["outputs"][_which],
            count=depth,
        )


# ------------------------------------------------------------------------------ finite width
# Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (the four-point vertex V of a single input) and
# Sec. 5.4 (the scale-invariant universality class): at width n, layer l's preactivations are, given
# layer l - 1, iid N(0, G_l) with G_l = C_b + (C_W/n) sum_j sigma(z_j^(l-1))^2, so E z^4 = 3 E G_l^2 and
# the excess kurtosis is 3 Var(G_l)/(E G_l)^2 = 3 V^(l)/(n K_l^2) + O(1/n^2), Var(G_l) = V^(l)/n.
# Leaky ReLU sigma(z) = max(z, 0) + slope min(z, 0) (ReLU at slope 0) at C_b = 0.
layer = sp.Symbol("layer", integer=True, positive=True)
width = sp.Symbol("width", integer=True, positive=True)
slope = sp.Symbol("slope", real=True)
_ROBERTS_YAIDA = (
    "Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4 (the four-point vertex) and Sec. 5.4 (scale-invariant activations; equation numbers unconfirmed)"
)


def _leaky_moments() -> tuple[sp.Expr, sp.Expr, sp.Symbol]:
    """(<sigma^2>_K, <sigma^4>_K, K) for the leaky ReLU, by ``integrate`` over the half-lines."""
    z, k = sp.Symbol("z", positive=True), sp.Symbol("K", positive=True)
    density = sp.exp(-(z**2) / (2 * k)) / sp.sqrt(2 * sp.pi * k)

    def moment(p: int) -> sp.Expr:
        return sp.simplify(sp.integrate(z**p * density, (z, 0, sp.oo)) * (1 + slope**p))  # z > 0 and z < 0 (z -> -z)

    return moment(2), moment(4), k


def derive_vertex_coefficient() -> sp.Expr:
    """The vertex coefficient c = V^(l)/(K_l^2 (l - 1)), by solving the vertex recursion (``rsolve``).

    V^(l+1) = C_W^2 (<sigma^4> - <sigma^2>^2)_(K_l) + chi_par^2 V^(l), chi_par = d(C_W <sigma^2>_K)/dK,
    V^(1) = 0 (the first layer is Gaussian), K_(l+1) = C_W <sigma^2>_(K_l) at C_b = 0. For v_l = V^(l)/K_l^2
    the recursion is v_(l+1) = v_l + c, solved as v_l = c (l - 1).
    """
    m2, m4, k = _leaky_moments()
    cw, kl = sp.Symbol("C_W", positive=True), sp.Symbol("K_l", positive=True)
    chi = sp.diff(cw * m2, k)
    v = sp.Function("v")
    step = (cw**2 * (m4 - m2**2) + chi**2 * v(layer) * k**2) / (cw * m2) ** 2
    solution = sp.rsolve(v(layer + 1) - sp.simplify(step.subs(k, kl)), v(layer), {v(1): 0})
    return sp.factor(sp.simplify(sp.diff(solution, layer)))


def derive_kurtosis() -> sp.Expr:
    """The leading-order excess kurtosis 3 V^(l)/(n K_l^2) from the solved vertex recursion."""
    return 3 * derive_vertex_coefficient() * (layer - 1) / width


def derive_kurtosis_exact() -> sp.Expr:
    """The excess kurtosis at every width: the ratio R_l = E G_l^2/(E G_l)^2 solved by ``rsolve``.

    Given layer l, the n units are iid, so E[G_(l+1)^2 | G_l] = (C_W/n)^2 (n <sigma^4> + n (n - 1) <sigma^2>^2)
    at variance G_l, and E[G_(l+1) | G_l] = C_W <sigma^2>; both moments are homogeneous in G_l (scale
    invariance, C_b = 0), so R_(l+1) = r R_l with R_1 = 1 and the kurtosis is 3 R_l - 3.
    """
    m2, m4, _k = _leaky_moments()
    cw = sp.Symbol("C_W", positive=True)
    r = sp.simplify(cw**2 * (width * m4 + width * (width - 1) * m2**2) / width**2 / (cw * m2) ** 2)
    ratio = sp.Function("R")
    solution = sp.rsolve(ratio(layer + 1) - r * ratio(layer), ratio(layer), {ratio(1): 1})
    return 3 * solution - 3


_C_VERTEX = (5 * slope**4 - 2 * slope**2 + 5) / (1 + slope**2) ** 2
_A2, _A4 = (1 + slope**2) / 2, (1 + slope**4) / 2
_FINITE_DOMAIN = {layer: sp.Range(1, sp.oo), width: sp.Range(1, sp.oo), slope: sp.Reals}
register(
    Formula(
        id="nngp.vertex_coefficient",
        params=(slope,),
        domain={slope: sp.Reals},
        expr=_C_VERTEX,
        reference=_ROBERTS_YAIDA,
        description=(
            "the growth per layer of the normalised four-point vertex V^(l)/K_l^2 of a leaky ReLU network "
            "(sigma(z) = max(z, 0) + slope min(z, 0)) at C_b = 0: 3 A_4/A_2^2 - 1, A_p = (1 + slope^p)/2; 5 for ReLU, 2 for linear"
        ),
        derivation=derive_vertex_coefficient,
        printed=3 * _A4 / _A2**2 - 1,
    )
)
register(
    Formula(
        id="nngp.kurtosis",
        params=(layer, width, slope),
        domain=_FINITE_DOMAIN,
        expr=3 * _C_VERTEX * (layer - 1) / width,
        reference=_ROBERTS_YAIDA,
        description=(
            "the excess kurtosis E z^4/(E z^2)^2 - 3 of a preactivation in hidden layer `layer` of a leaky ReLU network of hidden "
            "width `width` at C_b = 0, to leading order in 1/width: 3 V^(l)/(n K^2) = 3 c (l - 1)/n, c = nngp.vertex_coefficient"
        ),
        derivation=derive_kurtosis,
        printed=3 * (3 * _A4 / _A2**2 - 1) * (layer - 1) / width,
    )
)
_KURTOSIS_EXPONENT = (layer - 1) * log1p(_C_VERTEX / width)
register(
    Formula(
        id="nngp.kurtosis_exact",
        params=(layer, width, slope),
        domain=_FINITE_DOMAIN,
        expr=3 * expm1(_KURTOSIS_EXPONENT),
        reference=(
            _ROBERTS_YAIDA + "; at every width: the conditional-Gaussian recursion of E G_l^2 solved exactly (lmech's derivation; "
            "Hanin & Nica, arXiv 1812.05994, give the ReLU case as exp(5 sum 1/n_l) asymptotically)"
        ),
        description=(
            "the excess kurtosis of a preactivation in hidden layer `layer` of a leaky ReLU network at C_b = 0, exactly at every "
            "width: 3 ((1 + c/n)^(l - 1) - 1), which is nngp.kurtosis to first order in 1/n"
        ),
        where=((layer - 1) * sp.log(1 + _C_VERTEX / width) < 690,),  # below 1e299
        derivation=derive_kurtosis_exact,
        printed=3 * ((1 + (3 * _A4 / _A2**2 - 1) / width) ** (layer - 1) - 1),
    )
)


# ------------------------------------------------------------------- any activation: quadrature
# tanh, GELU and SiLU have no closed-form Gaussian expectations: ``numeric`` integrates them by graded
# composite Gauss-Legendre quadrature (``numeric._gauss``: u = sqrt(a) x, v = m x + s y, panels graded
# away from the line where u, v = 0, on which every one of these activations has its kink or complex
# singularities). The reference is the same rule in mpmath at 20 digits (it checks the float64 code's
# rounding; a point costs seconds); the rule's truncation is checked against the ReLU and erf closed forms
# above, which it meets to 2e-15 (tests/test_nngp.py).
def _mp_activation(name: str, z):
    if name == "relu":
        return (z if z > 0 else mpmath.mpf(0)), (mpmath.mpf(1) if z > 0 else mpmath.mpf(0))
    if name == "erf":
        return mpmath.erf(z), 2 / mpmath.sqrt(mpmath.pi) * mpmath.exp(-z * z)
    if name == "tanh":
        return mpmath.tanh(z), mpmath.sech(z) ** 2
    if name == "gelu":
        cdf = mpmath.erfc(-z / mpmath.sqrt(2)) / 2
        return z * cdf, cdf + z * mpmath.npdf(z)
    sig = 1 / (1 + mpmath.exp(-z))  # silu
    return z * sig, sig + z * sig * (1 - sig)


def _mp_edges(anchor, w0, lo, hi) -> list:
    """Panel edges on [lo, hi] graded away from ``anchor``: width min(2, max(w0, distance/3)) (as ``numeric._gauss``)."""
    left, right = [], []
    if anchor > lo:
        e = min(anchor, hi)
        left.append(e)
        while e > lo:
            e = max(lo, e - min(2, max(w0, (anchor - e) / 3)))
            left.append(e)
    if anchor < hi:
        e = max(anchor, lo)
        if not left:
            right.append(e)
        while e < hi:
            e = min(hi, e + min(2, max(w0, (e - anchor) / 3)))
            right.append(e)
    return left[::-1] + right


@functools.lru_cache(maxsize=8)
def gauss_legendre(n: int, prec: int) -> tuple:
    """The n-point Gauss-Legendre rule on [-1, 1] at ``prec`` bits: Newton on P_n from the Chebyshev-like guesses cos(pi (i - 1/4)/(n + 1/2))."""
    with mpmath.workprec(prec + 20):
        rule = []
        for i in range(1, n + 1):
            x = mpmath.cos(mpmath.pi * (i - mpmath.mpf(1) / 4) / (n + mpmath.mpf(1) / 2))
            for _ in range(100):
                p, dp = mpmath.legendre(n, x), mpmath.diff(lambda t: mpmath.legendre(n, t), x)
                step = p / dp
                x -= step
                if abs(step) < mpmath.mpf(2) ** (-prec - 10):
                    break
            dp = mpmath.diff(lambda t: mpmath.legendre(n, t), x)
            rule.append((x, 2 / ((1 - x * x) * dp * dp)))
    return tuple((+x, +w) for x, w in rule)


def quadrature_pair_mp(name: str, a, b, c) -> tuple:
    """(E[phi(u) phi(v)], E[phi'(u) phi'(v)]) by the graded rule in mpmath: 24 outer and 16 inner nodes a panel (as ``numeric._gauss``)."""
    box = mpmath.mpf(14)
    la = mpmath.sqrt(a)
    root = a if a == b else la * mpmath.sqrt(b)
    s2 = (root - c) * (root + c) / a
    s = mpmath.sqrt(s2) if s2 > 0 else mpmath.mpf(0)
    m = c / la
    w0x = mpmath.mpf(1) / 2 / max(1, la, abs(m))
    if s > 0 and m != 0:
        w0x = min(w0x, s / (2 * abs(m)))
    w0y = mpmath.mpf(1) / 2 / max(1, s)
    outer, inner_rule, outer_rule = _mp_edges(0, w0x, -box, box), gauss_legendre(16, mpmath.mp.prec), gauss_legendre(24, mpmath.mp.prec)
    norm = 1 / mpmath.sqrt(2 * mpmath.pi)
    e_pp = e_dd = mpmath.mpf(0)
    for lo_x, hi_x in zip(outer[:-1], outer[1:]):
        half, mid = (hi_x - lo_x) / 2, (hi_x + lo_x) / 2
        for node, weight in outer_rule:
            x = mid + half * node
            wx = half * weight * mpmath.exp(-x * x / 2) * norm
            fu, du = _mp_activation(name, la * x)
            if s == 0:
                fv, dv = _mp_activation(name, m * x)
            else:
                fv = dv = mpmath.mpf(0)
                edges = _mp_edges(-m * x / s, w0y, -box, box)
                for lo_y, hi_y in zip(edges[:-1], edges[1:]):
                    h2, m2 = (hi_y - lo_y) / 2, (hi_y + lo_y) / 2
                    for node_y, weight_y in inner_rule:
                        y = m2 + h2 * node_y
                        wy = h2 * weight_y * mpmath.exp(-y * y / 2) * norm
                        f, d = _mp_activation(name, m * x + s * y)
                        fv += wy * f
                        dv += wy * d
            e_pp += wx * fu * fv
            e_dd += wx * du * dv
    return e_pp, e_dd


def quadrature_kernels_mp(name: str, depth_, q1_, q2_, q12_, cw, cb):
    """(K, Theta) of the output layer with every expectation by ``quadrature_pair_mp``, at 20 digits."""
    with mpmath.workdps(20):
        cw, cb = mpmath.mpf(cw), mpmath.mpf(cb)
        a, b, c = (cb + cw * mpmath.mpf(v) for v in (q1_, q2_, q12_))
        theta = c
        for _ in range(int(depth_)):
            e11 = quadrature_pair_mp(name, a, a, a)[0]
            e22 = e11 if a == b else quadrature_pair_mp(name, b, b, b)[0]
            e12, d12 = quadrature_pair_mp(name, a, b, c)
            a, b, c = cb + cw * e11, cb + cw * e22, cb + cw * e12
            theta = c + cw * d12 * theta
    return +c, +theta


class QuadratureKernel:
    """The 20-digit reference of one quadrature kernel (a picklable callable: activation and which output)."""

    def __init__(self, name: str, which: int):
        self.name, self.which = name, which

    def __call__(self, *args):
        return quadrature_kernels_mp(self.name, *args)[self.which]


_QUADRATURE_ACC = Accuracy(
    rtol=1e-12,
    atol=1e-300,
    cond_ulps=64.0,
    note=(
        "graded composite Gauss-Legendre (24 outer, 16 inner nodes a panel; panels graded away from the line u, v = 0 "
        "where the activation's kink or complex singularities lie): each panel's truncation error is below 1e-18 of it; "
        "measured against the ReLU and erf closed forms, 2e-15 relative up to correlation 1 - 1e-12; the recursion's rounding "
        "as for the closed-form kernels: 1e-12 relative plus the condition term"
    ),
)
_SOURCES = {
    "tanh": "tanh (no closed form)",
    "gelu": "GELU z Phi(z) (Hendrycks & Gimpel, arXiv 1606.08415; no closed form for the pair here)",
    "silu": "SiLU z sigmoid(z) (Elfwing, Uchibe & Doya, arXiv 1702.03118; Ramachandran et al., arXiv 1710.05941)",
}
for _act, _source in _SOURCES.items():
    for _which in (0, 1):
        _register_kernel(
            NumericFormula,
            _act,
            _which,
            f"the activation: {_source}; the expectations by quadrature",
            "; every Gaussian expectation by graded Gauss-Legendre quadrature",
            _DEFINITION + r"\text{expectations by quadrature};\ ",
            mp=QuadratureKernel(_act, _which),
            accuracy=_QUADRATURE_ACC,
        )
