"""The stable parameter names (DESIGN.md), declared once with their assumptions."""

import sympy as sp

x = sp.Symbol("x", real=True)
z = sp.Symbol("z")  # complex spectral point: no assumption
q = sp.Symbol("q", real=True)
k = sp.Symbol("k", integer=True, positive=True)
gamma = sp.Symbol("gamma", positive=True)
sigma2 = sp.Symbol("sigma2", positive=True)

POSITIVE = sp.Interval.open(0, sp.oo)
REALS = sp.S.Reals
UNIT = sp.Interval(0, 1)

theta = sp.Symbol("theta", positive=True)
beta = sp.Symbol("beta", positive=True)
BETAS = sp.FiniteSet(1, 2)
