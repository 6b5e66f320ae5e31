"""The transient BBP transition of early-stopped gradient flow (``transient_bbp``).

The scenario is Coeurdoux, Ferré & Bouchaud, *Random Matrix Theory of Early-Stopped Gradient
Flow: A Transient BBP Scenario*, arXiv 2604.18450 (2026): a teacher's spike in the weights of a
linear student trained by gradient flow may never separate from the noise bulk, separate and
persist, or separate only during a window of training time. Only the paper's abstract and
summaries were reachable (THEORY.md §7.1), so its equations could not be compared line by line;
the model below is lmech's definition (THEORY.md §7.2-7.3), with the conventions stated.

Model (lmech's conventions). X in R^{N x M}, C = X X^T with eigenvalues ``lam_plus`` on a
fraction ``alpha`` of the directions and ``lam_minus`` on the rest (eigenvalues of C, not
singular values of X); Y = theta v v^T X + Z, |v| = 1 generic, Z_ij ~ N(0, sigma2/N); gradient
flow on (1/2)|Y - A X|_F^2 from A(0) = W0, (W0)_ij ~ N(0, sigma2_init/N). The observed matrix is
the symmetrisation H(t) = (A + A^T)/2.

What is derived here in SymPy (``derivation()``):

- each eigen-mode of the flow (``dsolve``), hence A(t) = theta v v^T (I - e^{-tC}) +
  Z X^T C^{-1} (I - e^{-tC}) + W0 e^{-tC} and the column variance of its noise,
  v_a(t) = sigma2 d_a^2 + sigma2_init e^{-2 t lam_a}, d_a = (1 - e^{-t lam_a})/sqrt(lam_a);
  the symmetrised profile is S_ab = (v_a + v_b)/4;
- the outlier condition det(I_2 + P M(z)) = (1 + theta/2 m01)^2 - theta^2/4 m00 m11 = 0 from the
  matrix determinant lemma for the rank-two signal theta/2 (v w^T + w v^T), w_i = c_i v_i,
  c_a = 1 - e^{-t lam_a}, with m_jk = sum_a alpha_a c_a^{j+k} g_a(z);
- its late-time limit 1 + theta m(z) (rank-one BBP on the least-squares noise bulk).

The bulk is the vector Dyson equation of the ``dyson`` family with two blocks,
-1/g_a = z + sum_b alpha_b S_ab g_b (Ajanki, Erdős & Krüger, arXiv 1506.05095, eq. (1.1)).
The numbers come from one algorithm (``CORE_PY``): the real solution above the bulk by Newton,
the edge by bisection on the stability certificate (spectral radius of
diag(g^2) S diag(alpha) below 1) polished by Newton on the fold system (both Dyson equations and
det(I - B) = 0), the outlier by bisection on the determinant's sign above the edge polished the
same way, and the regime by the sign of the determinant at the edge, F(t), over a log-spaced
scan of t with the roots refined by bisection. mpmath runs it at 50 digits (the reference);
numba compiles it for float64 (``numeric``).
"""

from __future__ import annotations

import functools
import math

import mpmath
import sympy as sp

from ._formula import Accuracy, NumericFormula
from ._registry import register
from ._symbols import theta

__all__ = ["CORE_PY", "PARAMS", "core", "derive_gd_mode", "derive_mode", "derive_outlier_condition", "derive_profile"]

_REF = (
    "Coeurdoux, Ferré & Bouchaud, arXiv 2604.18450 (2026) (the scenario; lmech's model, THEORY.md §7.2-7.3); "
    "the bulk: Ajanki, Erdős & Krüger, arXiv 1506.05095, eq. (1.1)"
)

t = sp.Symbol("t", nonnegative=True)
alpha = sp.Symbol("alpha", positive=True)
lam_plus = sp.Symbol("lam_plus", positive=True)
lam_minus = sp.Symbol("lam_minus", positive=True)
sigma2 = sp.Symbol("sigma2", positive=True)
sigma2_init = sp.Symbol("sigma2_init", nonnegative=True)
eta = sp.Symbol("eta", nonnegative=True)
PARAMS = (t, theta, alpha, lam_plus, lam_minus, sigma2, sigma2_init)

_POS = sp.Interval.open(0, sp.oo)
_DOMAIN = {
    t: sp.Interval(0, sp.oo),
    theta: _POS,
    alpha: sp.Interval.open(0, 1),
    lam_plus: _POS,
    lam_minus: _POS,
    sigma2: _POS,
    sigma2_init: sp.Interval(0, sp.oo),
    eta: sp.Interval(0, sp.oo),
}
#: gradient descent's step keeps every mode contracting monotonically: eta lam_a < 1
_STABLE = (eta * lam_plus < 1, eta * lam_minus < 1)


# ----------------------------------------------------------------------------- derivations
def derive_mode() -> sp.Expr:
    """One eigen-mode of the flow: da/dt = lam (b - a), a(0) = a0, solved by ``dsolve``.

    Column i of A U (C u_i = lam_i u_i) obeys d(A u_i)/dt = Y X^T u_i - lam_i A u_i, and
    Y X^T u_i = lam_i (theta v (v.u_i) + Z X^T u_i / lam_i): a relaxation towards the
    least-squares solution b = Y X^T C^{-1} u_i at rate lam_i.
    """
    s, lam, b, a0 = sp.symbols("s lam b a0", positive=True)
    a = sp.Function("a")
    sol = sp.dsolve(sp.Eq(a(s).diff(s), lam * (b - a(s))), a(s), ics={a(0): a0})
    return sp.simplify(sol.rhs)


def derive_gd_mode() -> tuple[sp.Expr, sp.Expr]:
    """One eigen-mode of gradient descent with step eta, and its first order in eta at t = k eta.

    The step A <- A + eta (Y - A X) X^T acts on the mode as a_{k+1} = a_k + eta lam (b - a_k),
    solved by ``rsolve``: a_k = b + (a0 - b)(1 - eta lam)^k. At k = t/eta the decay factor
    (1 - eta lam)^(t/eta) has the ``series`` in eta e^{-t lam}(1 - eta t lam^2/2) + O(eta^2): gradient
    descent is gradient flow at first order, with the mode's time shifted by eta t lam / 2.

    Returns:
        ``(a_k, first)``: the solution in k, and the eta-coefficient of the decay factor at k = t/eta.
    """
    k = sp.Symbol("k", integer=True, nonnegative=True)
    lam, b, a0, eta_ = sp.symbols("lam b a0 eta", positive=True)
    a = sp.Function("a")
    sol = sp.rsolve(a(k + 1) - a(k) - eta_ * lam * (b - a(k)), a(k), {a(0): a0})
    decay = sp.simplify(sp.diff(sol, a0))  # a_k is linear in (b, a0): the coefficient of a0 decays
    series = sp.series(decay.subs(k, t / eta_), eta_, 0, 2).removeO()
    return sp.simplify(sol), sp.simplify(series.coeff(eta_, 1))


def derive_profile() -> tuple[sp.Expr, sp.Expr]:
    """(v_a(t), S_ab) from the mode: the noise variance of a column of A in C's eigenbasis.

    The mode's noise part is b = (Z X^T u_i)/lam_i, whose entries have variance
    sigma2 lam_i / lam_i^2 (X^T u_i = sqrt(lam_i) w_i with w_i a unit vector), weighted by
    (1 - e^{-t lam})^2, plus the initial condition's sigma2_init e^{-2 t lam}. Distinct columns
    are independent, and rotating the rows by U^T keeps them i.i.d.; so (U^T A U)_ij has variance
    v_j / N and H = (A + A^T)/2 has E H_ij^2 = (v_i + v_j)/(4N) off the diagonal.
    """
    lam, b, a0 = sp.symbols("lam b a0", positive=True)
    mode = derive_mode().subs(sp.Symbol("s", positive=True), t)
    weight_b = sp.diff(mode, b)  # a(t) = weight_b * b + weight_a0 * a0: linear in (b, a0)
    weight_a0 = sp.diff(mode, a0)
    v = sp.simplify(weight_b**2 * sigma2 * lam / lam**2 + weight_a0**2 * sigma2_init)
    va, vb = sp.symbols("v_a v_b", nonnegative=True)
    entry = (sp.Symbol("A_ij") + sp.Symbol("A_ji")) / 2  # independent, variances v_j, v_i
    variance = sum(sp.diff(entry, s) ** 2 * w for s, w in ((sp.Symbol("A_ij"), vb), (sp.Symbol("A_ji"), va)))
    return v, sp.factor(variance)


def derive_outlier_condition(late: bool = False) -> sp.Expr:
    """det(I_2 + P M) for the rank-two signal U_2 P U_2^T, U_2 = [v, w], P = theta/2 [[0,1],[1,0]].

    By the matrix determinant lemma, z outside the bulk is an eigenvalue of noise + U_2 P U_2^T
    iff det(I_2 + P U_2^T R(z) U_2) = 0, R = (noise - z)^{-1}; the isotropic local law replaces
    U_2^T R U_2 by M = [[m00, m01], [m01, m11]]. With ``late``, c_a -> 1 (t -> oo), where
    m00 = m01 = m11 = m and the condition factors to rank-one BBP, 1 + theta m.
    """
    m00, m01, m11 = sp.symbols("m00 m01 m11")
    P = theta / 2 * sp.Matrix([[0, 1], [1, 0]])
    det = sp.expand((sp.eye(2) + P * sp.Matrix([[m00, m01], [m01, m11]])).det())
    if late:
        m = sp.Symbol("m")
        return sp.factor(det.subs({m00: m, m01: m, m11: m}))
    return det


# ------------------------------------------------------------------------------- the core
#: The algorithm, in Python that numba compiles (``{deco}``: a decorator line and its newline) and mpmath runs.
#: Names it needs: sqrt, exp, expm1, log, log1p, fabs, INF, TOL (the final Newton polish), BTOL (Newton
#: inside a bisection's certificate), BIS (bisection in z), TTOL (roots in t).
CORE_PY = '''
{deco}def profile(mode, t, eta, alpha, lp, lm, s2, s20):
    """(S11, S12, S22, c1, c2): the two-block variance profile and the signal weights at time t.

    mode 0: time t (gradient flow at eta = 0; gradient descent with step eta > 0, whose modes
    decay by (1 - eta lam)^(t/eta) in place of e^(-t lam)); mode 1: t -> 0+ with s20 = 0, in
    units where z ~ t (v_a = s2 lam_a, c_a = lam_a); mode 2: t -> oo (v_a = s2/lam_a, c_a = 1)."""
    if mode == 1:
        v1 = s2 * lp
        v2 = s2 * lm
        c1 = lp
        c2 = lm
    elif mode == 2:
        v1 = s2 / lp
        v2 = s2 / lm
        c1 = 1.0 + 0.0 * lp
        c2 = 1.0 + 0.0 * lm
    else:
        r1 = -t * lp
        r2 = -t * lm
        if eta > 0:
            r1 = t / eta * log1p(-eta * lp)
            r2 = t / eta * log1p(-eta * lm)
        c1 = -expm1(r1)
        c2 = -expm1(r2)
        v1 = s2 * c1 * c1 / lp + s20 * exp(2 * r1)
        v2 = s2 * c2 * c2 / lm + s20 * exp(2 * r2)
    return v1 / 2, (v1 + v2) / 4, v2 / 2, c1, c2


{deco}def solve_real(z, a11, a12, a21, a22, g1, g2, tol):
    """Damped Newton on 1 + g_a (z + a_a1 g1 + a_a2 g2) = 0 from (g1, g2) < 0 to relative ``tol``; (g1, g2, certified).

    Certified: converged, g < 0, and the stability operator B_ab = g_a^2 a_ab has spectral
    radius below 1 (for a nonnegative 2 x 2 matrix: 1 - B11 > 0, 1 - B22 > 0, det(I - B) > 0)."""
    ok = False
    for it in range(24):  # from a nearby solution Newton converges in a few steps; in the bulk it never does
        p1 = z + a11 * g1 + a12 * g2
        p2 = z + a21 * g1 + a22 * g2
        e1 = 1 + g1 * p1
        e2 = 1 + g2 * p2
        j11 = p1 + g1 * a11
        j12 = g1 * a12
        j21 = g2 * a21
        j22 = p2 + g2 * a22
        det = j11 * j22 - j12 * j21
        if det == 0:
            break
        d1 = (e1 * j22 - e2 * j12) / det
        d2 = (j11 * e2 - j21 * e1) / det
        step = 1.0
        while (g1 - step * d1 >= 0 or g2 - step * d2 >= 0) and step > 1e-9:
            step = step / 2
        g1 = g1 - step * d1
        g2 = g2 - step * d2
        if step == 1.0 and fabs(d1) <= tol * fabs(g1) and fabs(d2) <= tol * fabs(g2):
            ok = True
            break
    b11 = a11 * g1 * g1
    b12 = a12 * g1 * g1
    b21 = a21 * g2 * g2
    b22 = a22 * g2 * g2
    stable = ok and g1 < 0 and g2 < 0 and b11 < 1 and b22 < 1 and (1 - b11) * (1 - b22) - b12 * b21 > 0
    return g1, g2, stable


{deco}def third(kind, g1, g2, a11, a12, a21, a22, w1, w2, c1, c2, h):
    """The third equation and its gradient in (g1, g2).

    kind 0: det(I - B) (the edge); 1: the rank-two determinant (1 + h m01)^2 - h^2 m00 m11,
    h = theta/2; 2: the rank-one condition 1 + 2 h m01 (the determinant without its h^2 term)."""
    if kind == 0:
        k = a12 * a21
        q1 = 1 - a11 * g1 * g1
        q2 = 1 - a22 * g2 * g2
        return q1 * q2 - k * g1 * g1 * g2 * g2, -2 * a11 * g1 * q2 - 2 * k * g1 * g2 * g2, -2 * a22 * g2 * q1 - 2 * k * g1 * g1 * g2
    m00 = w1 * g1 + w2 * g2
    m01 = w1 * c1 * g1 + w2 * c2 * g2
    m11 = w1 * c1 * c1 * g1 + w2 * c2 * c2 * g2
    if kind == 1:
        u = 1 + h * m01
        return (u * u - h * h * m00 * m11, 2 * u * h * w1 * c1 - h * h * (w1 * m11 + m00 * w1 * c1 * c1),
                2 * u * h * w2 * c2 - h * h * (w2 * m11 + m00 * w2 * c2 * c2))
    return 1 + 2 * h * m01, 2 * h * w1 * c1, 2 * h * w2 * c2


{deco}def polish(kind, z, g1, g2, lo, hi, a11, a12, a21, a22, w1, w2, c1, c2, h):
    """Newton on (g1, g2, z): both Dyson equations and ``third`` = 0, from a bisection's bracket.

    The fold (kind 0) and the outlier (1, 2) are regular roots of this 3 x 3 system, so Newton
    converges quadratically from the bracket; a step that leaves [lo, hi] keeps the bracket's z."""
    z0 = z
    y1 = g1
    y2 = g2
    for it in range(60):
        p1 = z + a11 * g1 + a12 * g2
        p2 = z + a21 * g1 + a22 * g2
        e1 = 1 + g1 * p1
        e2 = 1 + g2 * p2
        e3, d31, d32 = third(kind, g1, g2, a11, a12, a21, a22, w1, w2, c1, c2, h)
        j11 = p1 + g1 * a11
        j12 = g1 * a12
        j21 = g2 * a21
        j22 = p2 + g2 * a22
        # Cramer's rule on [[j11, j12, g1], [j21, j22, g2], [d31, d32, 0]] (dz) = (e1, e2, e3)
        det = j11 * (-g2 * d32) - j12 * (-g2 * d31) + g1 * (j21 * d32 - j22 * d31)
        if det == 0:
            break
        dz = (j11 * (j22 * e3 - e2 * d32) - j12 * (j21 * e3 - e2 * d31) + e1 * (j21 * d32 - j22 * d31)) / det
        dg1 = (e1 * (-g2 * d32) - j12 * (e2 * 0 - g2 * e3) + g1 * (e2 * d32 - j22 * e3)) / det
        dg2 = (j11 * (e2 * 0 - g2 * e3) - e1 * (-g2 * d31) + g1 * (j21 * e3 - e2 * d31)) / det
        g1 = g1 - dg1
        g2 = g2 - dg2
        z = z - dz
        if not (lo - (hi - lo) <= z <= hi + (hi - lo)) or not (g1 < 0 and g2 < 0):
            return z0, y1, y2
        if fabs(dz) <= TOL * fabs(z) and fabs(dg1) <= TOL * fabs(g1) and fabs(dg2) <= TOL * fabs(g2):
            return z, g1, g2
    return z0, y1, y2


{deco}def fold(a11, a12, a21, a22):
    """The top edge (normalised units: the largest row sum of a is 1) and g there."""
    hi = 2.5
    g1, g2, ok = solve_real(hi, a11, a12, a21, a22, -1 / hi, -1 / hi, BTOL)
    lo = 0.0 * hi
    while hi - lo > BIS * hi:
        mid = (lo + hi) / 2
        h1, h2, ok = solve_real(mid, a11, a12, a21, a22, g1, g2, BTOL)
        if ok:
            hi = mid
            g1 = h1
            g2 = h2
        else:
            lo = mid
    return polish(0, hi, g1, g2, lo, 2.5, a11, a12, a21, a22, 0.0, 0.0, 0.0, 0.0, 0.0)


{deco}def normalised(mode, t, eta, alpha, lp, lm, s2, s20):
    """(scale, a11, a12, a21, a22, c1, c2): a_ab = alpha_b S_ab / r, r the largest row sum (0: empty)."""
    S11, S12, S22, c1, c2 = profile(mode, t, eta, alpha, lp, lm, s2, s20)
    w2 = 1 - alpha
    r = max(alpha * S11 + w2 * S12, alpha * S12 + w2 * S22)
    if r <= 0:
        return 0.0 * r, 0.0 * r, 0.0 * r, 0.0 * r, 0.0 * r, c1, c2
    return r, alpha * S11 / r, w2 * S12 / r, alpha * S12 / r, w2 * S22 / r, c1, c2


{deco}def edge(t, alpha, lp, lm, s2, s20):
    """The top edge of the bulk of H(t) under gradient flow."""
    return edge_at(t, 0.0 * t, alpha, lp, lm, s2, s20)


{deco}def edge_at(t, eta, alpha, lp, lm, s2, s20):
    """The top edge of the bulk of H at time t (gradient descent with step eta; flow at eta = 0)."""
    r, a11, a12, a21, a22, c1, c2 = normalised(0, t, eta, alpha, lp, lm, s2, s20)
    if r == 0:
        return 0.0 * r
    z, g1, g2 = fold(a11, a12, a21, a22)
    return z * sqrt(r)


{deco}def outlier(kind, t, theta, alpha, lp, lm, s2, s20):
    """The outlier of H(t) under gradient flow where one exists, the edge otherwise."""
    return outlier_at(kind, t, 0.0 * t, theta, alpha, lp, lm, s2, s20)


{deco}def outlier_at(kind, t, eta, theta, alpha, lp, lm, s2, s20):
    """The outlier of H at time t where one exists, the edge otherwise (step eta; flow at eta = 0)."""
    found, z, g1, g2, r, a11, a12, a21, a22, c1, c2 = locate(kind, t, eta, theta, alpha, lp, lm, s2, s20)
    return z * sqrt(r)


{deco}def locate(kind, t, eta, theta, alpha, lp, lm, s2, s20):
    """(found, z, g1, g2, r, a11, a12, a21, a22, c1, c2): the outlier in normalised units (z sqrt(r) in H's) with
    the Dyson solution there and the normalised law; found = 0 (z the edge) where there is none."""
    r, a11, a12, a21, a22, c1, c2 = normalised(0, t, eta, alpha, lp, lm, s2, s20)
    if r == 0:
        return 0, 0.0 * r, 0.0 * r, 0.0 * r, r, a11, a12, a21, a22, c1, c2
    w1 = alpha
    w2 = 1 - alpha
    h = theta / (2 * sqrt(r))
    ze, e1, e2 = fold(a11, a12, a21, a22)
    if third(kind, e1, e2, a11, a12, a21, a22, w1, w2, c1, c2, h)[0] >= 0:
        return 0, ze, e1, e2, r, a11, a12, a21, a22, c1, c2
    hi = ze + 1
    g1, g2, ok = solve_real(hi, a11, a12, a21, a22, -1 / hi, -1 / hi, BTOL)
    while third(kind, g1, g2, a11, a12, a21, a22, w1, w2, c1, c2, h)[0] < 0:
        hi = 2 * hi
        g1, g2, ok = solve_real(hi, a11, a12, a21, a22, -1 / hi, -1 / hi, BTOL)
    lo = ze
    while hi - lo > BIS * hi:
        mid = (lo + hi) / 2
        h1, h2, ok = solve_real(mid, a11, a12, a21, a22, g1, g2, BTOL)
        if ok and third(kind, h1, h2, a11, a12, a21, a22, w1, w2, c1, c2, h)[0] >= 0:
            hi = mid
            g1 = h1
            g2 = h2
        else:
            lo = mid
    z, g1, g2 = polish(kind, hi, g1, g2, lo, hi, a11, a12, a21, a22, w1, w2, c1, c2, h)
    return 1, z, g1, g2, r, a11, a12, a21, a22, c1, c2


{deco}def overlap(t, theta, alpha, lp, lm, s2, s20):
    """|<u, v>|^2 for the top eigenvector u of H(t) under gradient flow: 0 where there is no outlier.

    At the outlier the null vector of I + P M is b = (h m11, -(1 + h m01)); v^T u = -(M b)_0 and
    |u|^2 = b^T M' b, M' = dM/dz with g' from (I - diag(g^2) a) g' = g^2 (the Dyson equation's
    derivative). Scale-free, so computed in normalised units."""
    found, z, g1, g2, r, a11, a12, a21, a22, c1, c2 = locate(1, t, 0.0 * t, theta, alpha, lp, lm, s2, s20)
    if found == 0:
        return 0.0 * r
    w1 = alpha
    w2 = 1 - alpha
    h = theta / (2 * sqrt(r))
    m00 = w1 * g1 + w2 * g2
    m01 = w1 * c1 * g1 + w2 * c2 * g2
    m11 = w1 * c1 * c1 * g1 + w2 * c2 * c2 * g2
    b0 = h * m11
    b1 = -(1 + h * m01)
    q1 = g1 * g1
    q2 = g2 * g2
    det = (1 - q1 * a11) * (1 - q2 * a22) - q1 * a12 * q2 * a21
    d1 = (q1 * (1 - q2 * a22) + q1 * a12 * q2) / det
    d2 = (q2 * (1 - q1 * a11) + q2 * a21 * q1) / det
    n00 = w1 * d1 + w2 * d2
    n01 = w1 * c1 * d1 + w2 * c2 * d2
    n11 = w1 * c1 * c1 * d1 + w2 * c2 * c2 * d2
    top = m00 * b0 + m01 * b1
    return top * top / (n00 * b0 * b0 + 2 * n01 * b0 * b1 + n11 * b1 * b1)


{deco}def at_edge(kind, mode, t, theta, alpha, lp, lm, s2, s20):
    """F(t): the outlier condition at the edge (< 0: an outlier exists); modes as in ``profile``."""
    r, a11, a12, a21, a22, c1, c2 = normalised(mode, t, 0.0 * t, alpha, lp, lm, s2, s20)
    if r == 0:
        return 1.0 + 0.0 * r
    ze, e1, e2 = fold(a11, a12, a21, a22)
    return third(kind, e1, e2, a11, a12, a21, a22, alpha, 1 - alpha, c1, c2, theta / (2 * sqrt(r)))[0]


{deco}def crossing(kind, lo, hi, theta, alpha, lp, lm, s2, s20):
    """The t in [lo, hi] where F changes sign: bisection to 1e-3, then the Illinois method.

    Bisection (geometric once lo > 0) brackets the root to 1e-3 relative; regula falsi with
    the Illinois modification then converges superlinearly inside the bracket, to TTOL."""
    flo = at_edge(kind, 0, lo, theta, alpha, lp, lm, s2, s20)
    fhi = at_edge(kind, 0, hi, theta, alpha, lp, lm, s2, s20)
    while hi - lo > 1e-3 * hi:
        mid = (lo + hi) / 2 if lo == 0 or hi > 4 * lo else sqrt(lo * hi)
        fm = at_edge(kind, 0, mid, theta, alpha, lp, lm, s2, s20)
        if (fm < 0) == (fhi < 0):
            hi = mid
            fhi = fm
        else:
            lo = mid
            flo = fm
    m = (lo + hi) / 2
    side = 0
    for it in range(100):
        if fhi == flo:
            break
        new = (lo * fhi - hi * flo) / (fhi - flo)
        if not (lo <= new <= hi):
            new = (lo + hi) / 2
        done = fabs(new - m) <= TTOL * new
        m = new
        fm = at_edge(kind, 0, m, theta, alpha, lp, lm, s2, s20)
        if done or fm == 0:
            break
        if (fm < 0) == (fhi < 0):
            hi = m
            fhi = fm
            if side == 1:
                flo = flo / 2
            side = 1
        else:
            lo = m
            flo = fm
            if side == -1:
                fhi = fhi / 2
            side = -1
    return m


{deco}def times(kind, theta, alpha, lp, lm, s2, s20):
    """(regime, emergence time, absorption time) from the sign of F(t) over t.

    F(0+) is 1 when s20 > 0 (H(0) is a Wigner matrix with no spike) and the scale-free t -> 0+
    limit when s20 = 0; F(oo) is the late (least-squares) limit. Between, F is scanned at 12
    points per decade of t from 1e-3/max(lam) to 40/min(lam) and each sign change refined by
    bisection: windows shorter than a scan step (a factor 10^(1/12) in t) are not resolved. The
    emergence is the first crossing into F < 0, the absorption the last crossing back."""
    lmax = max(lp, lm)
    lmin = min(lp, lm)
    t_lo = 1e-3 / lmax
    t_hi = 40 / lmin
    f0 = 1.0 + 0.0 * lp
    if s20 == 0:
        f0 = at_edge(kind, 1, 0.0 * lp, theta, alpha, lp, lm, s2, s20)
    finf = at_edge(kind, 2, 0.0 * lp, theta, alpha, lp, lm, s2, s20)
    steps = int(math.ceil(12 * math.log10(float(t_hi / t_lo))))
    emerge = INF
    if f0 < 0:
        emerge = 0.0 * lp
    seen = f0 < 0
    prev_t = 0.0 * lp
    prev_neg = f0 < 0
    back_lo = -1.0 + 0.0 * lp
    back_hi = -1.0 + 0.0 * lp
    for k in range(steps + 1):
        tk = t_lo * (t_hi / t_lo) ** (k / (1.0 * steps))
        neg = at_edge(kind, 0, tk, theta, alpha, lp, lm, s2, s20) < 0
        if neg and not prev_neg and emerge == INF:
            emerge = crossing(kind, prev_t, tk, theta, alpha, lp, lm, s2, s20)
        if prev_neg and not neg:
            back_lo = prev_t
            back_hi = tk
        seen = seen or neg
        prev_t = tk
        prev_neg = neg
    if finf < 0:
        if emerge == INF:
            emerge = t_hi
        return 1.0 + 0.0 * lp, emerge, INF
    if not seen:
        return 0.0 * lp, INF, INF
    if back_hi < 0:  # negative at the end of the scan but not in the limit: the crossing lies beyond
        back_lo = t_hi
        back_hi = 1e3 * t_hi
    absorb = crossing(kind, back_lo, back_hi, theta, alpha, lp, lm, s2, s20)
    return 2.0 + 0.0 * lp, emerge, absorb
'''


@functools.cache
def core() -> dict:
    """``CORE_PY`` run by mpmath at the working precision: a namespace of its functions.

    Tolerances: the final Newton polish to eps^(3/4) of the working precision (set when called),
    the bisections' certificates to 1e-14 (a certificate needs no more), bisection in z to 1e-6
    before the quadratic polish, roots in t to 1e-30 relative.
    """
    ns: dict = {
        "math": math,
        "sqrt": mpmath.sqrt,
        "exp": mpmath.exp,
        "expm1": mpmath.expm1,
        "log": mpmath.log,
        "log1p": mpmath.log1p,
        "fabs": abs,
        "INF": mpmath.inf,
        "BIS": 1e-6,
        "BTOL": 1e-14,
        "TTOL": 1e-30,
    }
    exec(compile(CORE_PY.format(deco=""), "<transient_bbp core>", "exec"), ns)  # noqa: S102  (lmech's own source, never user text)
    return ns


class _Reference:
    """The 50-digit reference of one formula: ``CORE_PY``'s ``name`` in mpmath.

    ``lead``: leading arguments; ``which``: an item of a returned tuple. A picklable object, so
    formulas travel to worker processes.
    """

    def __init__(self, name: str, *lead: int, which: int | None = None):
        self.name, self.lead, self.which = name, lead, which

    def __call__(self, *args):
        ns = core()
        ns["TOL"] = mpmath.mp.eps ** mpmath.mpf(0.75)
        out = ns[self.name](*self.lead, *(mpmath.mpf(a) for a in args))
        return out if self.which is None else out[self.which]


_EDGE_ARGS = (t, alpha, lam_plus, lam_minus, sigma2, sigma2_init)
_OUT_ARGS = (t, theta, alpha, lam_plus, lam_minus, sigma2, sigma2_init)
_REGIME_ARGS = (theta, alpha, lam_plus, lam_minus, sigma2, sigma2_init)
_GD_EDGE_ARGS = (t, eta, alpha, lam_plus, lam_minus, sigma2, sigma2_init)
_GD_OUT_ARGS = (t, eta, theta, alpha, lam_plus, lam_minus, sigma2, sigma2_init)
_NAMES = ("Edge", "Outlier", "OutlierRankOne", "Regime", "Emergence", "Absorption", "GDEdge", "GDOutlier", "Overlap")
_F = {name: sp.Function(f"TransientBBP{name}") for name in _NAMES}
_DYSON = (
    r"-\frac{1}{g_a} = z + \sum_b \alpha_b S_{ab}(t) g_b,\ S_{ab} = \tfrac{v_a + v_b}{4},\ "
    r"v_a = \sigma^2 d_a^2 + \sigma_0^2 e^{-2t\lambda_a},\ d_a = \tfrac{1 - e^{-t\lambda_a}}{\sqrt{\lambda_a}}"
)
_DET = (
    r"F(z, t) = \big(1 + \tfrac{\theta}{2} m_{01}\big)^2 - \tfrac{\theta^2}{4} m_{00} m_{11},\ "
    r"m_{jk} = \sum_a \alpha_a c_a^{j+k} g_a(z),\ c_a = 1 - e^{-t\lambda_a}"
)
_ACC = Accuracy(
    rtol=1e-10,
    atol=0.0,
    cond_ulps=0.0,
    note="Newton on the 3 x 3 fold/outlier system from a bisection bracket; 1e-10 relative against the same algorithm at 50 digits",
)
_TIME_ACC = Accuracy(
    rtol=1e-8,
    atol=0.0,
    cond_ulps=0.0,
    note="bisection in t to rounding on the sign of F at the edge; F's rounding (~1e-13) moves a simple root by ~1e-13/|F'(t) t|",
)


def _numeric(name: str, fn: sp.Function, params: tuple, description: str, definition: str, mp, accuracy: Accuracy = _ACC) -> NumericFormula:
    return register(
        NumericFormula(
            id=f"transient_bbp.{name}",
            params=params,
            domain={p: _DOMAIN[p] for p in params},
            where=_STABLE if eta in params else (),
            expr=fn(*params),
            reference=_REF,
            description=description,
            mp=mp,
            definition=definition,
            accuracy=accuracy,
        )
    )


_numeric(
    "edge",
    _F["Edge"],
    _EDGE_ARGS,
    "top edge of the bulk of H(t) = (A + A^T)/2 under gradient flow (two-block Dyson equation)",
    r"\sup \operatorname{supp} \rho_t,\ " + _DYSON,
    _Reference("edge"),
)
_numeric(
    "outlier",
    _F["Outlier"],
    _OUT_ARGS,
    "top eigenvalue of H(t): the root of the rank-two determinant above the bulk where one exists, the edge otherwise",
    r"\lambda_1(t) = \text{the } z > \text{edge with } F(z, t) = 0 \text{ (else the edge)},\ " + _DET,
    _Reference("outlier", 1),
)
_numeric(
    "outlier_rank_one",
    _F["OutlierRankOne"],
    _OUT_ARGS,
    "the outlier by the rank-one condition 1 + theta m01 = 0 (the determinant without its theta^2 term): wrong before t -> oo",
    r"1 + \theta m_{01}(z) = 0",
    _Reference("outlier", 2),
)
_numeric(
    "regime",
    _F["Regime"],
    _REGIME_ARGS,
    "0: the spike never emerges; 1: it emerges and persists; 2: transient (emerges, then is reabsorbed)",
    r"\text{sign pattern of } F(\text{edge}(t), t) \text{ over } t \in (0, \infty)",
    _Reference("times", 1, which=0),
    Accuracy(rtol=0.0, atol=0.0, cond_ulps=0.0, note="exact away from the regime boundaries (an integer)"),
)
_numeric(
    "emergence_time",
    _F["Emergence"],
    _REGIME_ARGS,
    "first training time at which the outlier separates from the bulk (+inf if never; 0 if present from t = 0+)",
    r"t_1 = \inf\{t : F(\text{edge}(t), t) < 0\}",
    _Reference("times", 1, which=1),
    _TIME_ACC,
)
_numeric(
    "absorption_time",
    _F["Absorption"],
    _REGIME_ARGS,
    "training time at which a transient outlier is reabsorbed by the bulk (+inf if it never emerges or persists)",
    r"t_2 = \sup\{t : F(\text{edge}(t), t) < 0\} \text{ when } F(\infty) \ge 0",
    _Reference("times", 1, which=2),
    _TIME_ACC,
)
_GD = (
    r"\text{as for gradient flow, with } e^{-t\lambda_a} \to (1 - \eta\lambda_a)^{t/\eta} "
    r"= e^{-t\lambda_a}\big(1 - \tfrac{\eta t \lambda_a^2}{2}\big) + O(\eta^2)"
)
_numeric(
    "gd_edge",
    _F["GDEdge"],
    _GD_EDGE_ARGS,
    "top edge of the bulk of H after t/eta steps of full-batch gradient descent with step eta (the flow's edge at eta = 0)",
    r"\sup \operatorname{supp} \rho_{t,\eta},\ " + _GD,
    _Reference("edge_at"),
)
_numeric(
    "gd_outlier",
    _F["GDOutlier"],
    _GD_OUT_ARGS,
    "top eigenvalue of H after t/eta steps of gradient descent with step eta: the outlier where one exists, else the edge",
    r"\lambda_1(t, \eta) = \text{the } z > \text{edge with } F_\eta(z, t) = 0,\ " + _GD,
    _Reference("outlier_at", 1),
)
_numeric(
    "overlap",
    _F["Overlap"],
    _OUT_ARGS,
    "squared overlap |<u, v>|^2 of the top eigenvector u of H(t) with the teacher's direction v (0 where there is no outlier)",
    r"|\langle u_1, v\rangle|^2 = \frac{(e_0^\top M b)^2}{b^\top M'(z) b},\ (I_2 + P M(z)) b = 0 \text{ at the outlier},\ " + _DET,
    _Reference("overlap"),
)
