"""Shared first-principles steps for spectral laws given by a Stieltjes quadratic.

A law whose Stieltjes transform ``m(z) = int dmu(x)/(x - z)`` solves a quadratic
``A m**2 + B m + C = 0`` is derived in three steps, each done by SymPy:

1. the edges of the support are the zeros (in ``z``) of the discriminant;
2. the root is written with the branch ``sqrt(z - a)*sqrt(z - b)`` (product of
   principal roots, cut exactly on ``[a, b]``), and the sign is fixed by
   ``m(z) ~ -1/z`` at infinity;
3. the density is ``Im m(x + i0)/pi`` on ``(a, b)``.
"""

from __future__ import annotations

import sympy as sp


def stieltjes_root(quadratic: sp.Expr, m: sp.Symbol, z: sp.Symbol) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """Solve the Stieltjes quadratic; return ``(m(z), a, b)`` on the physical branch."""
    disc = sp.discriminant(quadratic, m)
    a, b = sorted(sp.solve(disc, z), key=lambda e: float(e.subs({s: 1 for s in e.free_symbols})))
    if sp.expand(sp.Poly(disc, z).LC() * (z - a) * (z - b) - disc) != 0:
        raise ArithmeticError("discriminant does not factor over its roots")
    branch = sp.sqrt(z - a) * sp.sqrt(z - b)
    coeffs = sp.Poly(quadratic, m).all_coeffs()
    A, B = coeffs[0], coeffs[1]
    for sign in (1, -1):
        root = (-B + sign * branch) / (2 * A)
        if sp.limit(z * root, z, sp.oo) == -1:
            return root, a, b
    raise ArithmeticError("no root behaves like -1/z at infinity")


def density_from_stieltjes(m: sp.Expr, z: sp.Symbol, x: sp.Symbol, a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """``Im m(x + i0)/pi`` for ``a < x < b``, as a Piecewise that is 0 off the support."""
    t, w = sp.symbols("t w", positive=True)  # t = x - a > 0, w = b - x > 0 inside the support
    # From above the cut, sqrt(x - b) = i*sqrt(b - x); every other factor is real.
    boundary = m.xreplace({sp.sqrt(z - a): sp.sqrt(t), sp.sqrt(z - b): sp.I * sp.sqrt(w)}).subs(z, x)
    dens = sp.simplify(sp.im(boundary) / sp.pi)
    dens = dens.subs({t: x - a, w: b - x})
    return sp.Piecewise((dens, (x > a) & (x < b)), (0, True))
