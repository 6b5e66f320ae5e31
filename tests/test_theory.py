"""Registry, domains, citations and derivations of every formula."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from lmech import theory
from lmech.theory import ImplicitFormula

IDS = theory.ids()


def test_registry_lists_families():
    assert set(theory.families()) >= {"mp", "wigner"}
    assert [f.id for f in theory.family("mp")] == [i for i in IDS if i.startswith("mp.")]
    with pytest.raises(KeyError, match="did you mean mp.density"):
        theory.get("mp.densty")
    with pytest.raises(KeyError, match="unknown family"):
        theory.family("nope")


def test_minimum_catalogue_present():
    for fid in [
        "mp.density",
        "mp.cdf",
        "mp.stieltjes",
        "mp.lower_edge",
        "mp.upper_edge",
        "mp.moment",
        "mp.zero_mass",
        "wigner.density",
        "wigner.cdf",
        "wigner.stieltjes",
        "bbp.threshold",
        "bbp.outlier",
        "bbp.overlap",
        "bbp.outlier_variance",
        "spiked_wigner.outlier",
        "spiked_wigner.overlap",
        "spiked_rect.threshold",
        "spiked_rect.singular_value",
        "spiked_rect.overlap_left",
        "spiked_rect.overlap_right",
        "tracy_widom.cdf",
        "tracy_widom.quantile",
        "tracy_widom.mean",
        "tracy_widom.variance",
        "tracy_widom.wishart_center",
        "tracy_widom.wishart_scale",
    ]:
        assert fid in IDS


@pytest.mark.parametrize("fid", IDS)
def test_formula_is_documented(fid):
    f = theory.get(fid)
    assert f.reference and f.description
    assert all(p in f.domain for p in f.params)
    # numeric formulas and Johnstone's centring/scaling are definitions, not derived results; Aoyagi &
    # Watanabe's reduced-rank RLCT is proved by blowing up singularities, no SymPy computation (its cases
    # are tested against their limits and against the monomial RLCT in test_slt.py)
    cited = ("slt.rlct_reduced_rank", "slt.multiplicity_reduced_rank")
    assert f.derivation is not None or isinstance(f, ImplicitFormula) or f.numeric or fid.startswith("tracy_widom.wishart_") or fid in cited


def test_mp_edges_come_from_the_discriminant():
    g, s2 = theory.get("mp.upper_edge").params
    assert sp.simplify(theory.get("mp.upper_edge").derive() - s2 * (1 + sp.sqrt(g)) ** 2) == 0
    assert sp.simplify(theory.get("mp.lower_edge").derive() - s2 * (1 - sp.sqrt(g)) ** 2) == 0


def test_mp_moments_are_narayana():
    f = theory.get("mp.moment")
    k, g, s2 = f.params
    printed = {1: 1, 2: 1 + g, 3: 1 + 3 * g + g**2, 4: 1 + 6 * g + 6 * g**2 + g**3}
    for kv, poly in printed.items():
        assert sp.expand(f.expr.subs({k: kv, s2: 1}).doit() - poly) == 0
        assert sp.expand(f.derive().subs({k: kv, s2: 1}).doit() - poly) == 0


def test_mp_moments_match_stieltjes_expansion():
    # m(z) = -sum_k m_k / z^(k+1): the series of the derived transform at infinity
    f = theory.get("mp.stieltjes")
    z, g, s2 = f.params
    t = sp.Symbol("t", positive=True)
    series = sp.series(-theory.get("mp.stieltjes").derive().subs(z, 1 / t) / t, t, 0, 5).removeO()
    for kv in range(1, 5):
        coef = sp.simplify(series.coeff(t, kv).subs({g: sp.Rational(3, 7), s2: 2}))
        expected = theory.get("mp.moment").expr.subs({theory.get("mp.moment").params[0]: kv, g: sp.Rational(3, 7), s2: 2}).doit()
        assert sp.nsimplify(coef) == expected


def test_zero_mass_is_residue():
    f = theory.get("mp.zero_mass")
    (g,) = f.params
    for gv in (sp.Rational(1, 3), 3, 10):
        assert abs(sp.N(f.derive().subs(g, gv) - f.expr.subs(g, gv), 30)) < 1e-28


@pytest.mark.parametrize("fid", ["mp.density", "wigner.density"])
def test_density_integrates_to_continuous_mass(fid):
    f = theory.get(fid)
    with mpmath.workdps(30):
        for gv in (0.5, 2.0):
            if fid == "mp.density":
                fn = sp.lambdify(f.params, f.expr, "mpmath")
                a, b = (1 - gv**0.5) ** 2, (1 + gv**0.5) ** 2
                mass = mpmath.quad(lambda x, fn=fn, gv=gv: fn(x, gv, 1), [a, b])
                assert abs(mass - min(1, 1 / gv)) < 1e-12
            else:
                fn = sp.lambdify(f.params, f.expr, "mpmath")
                s = gv**0.5
                assert abs(mpmath.quad(lambda x, fn=fn, gv=gv: fn(x, gv), [-2 * s, 2 * s]) - 1) < 1e-12


def test_perturbed_formula_differs():
    f = theory.get("mp.density")
    g = f.param("gamma")
    bad = f.substitute({g: sp.Float(1.02) * g}, "gamma*1.02")
    assert bad.id == "mp.density~gamma*1.02" and bad.derivation is None
    assert bad.expr != f.expr


def test_formula_rejects_undeclared_symbols():
    x = sp.Symbol("x", real=True)
    with pytest.raises(ValueError, match="undeclared"):
        theory.Formula(id="t.bad", params=(x,), domain={x: sp.S.Reals}, expr=x + sp.Symbol("y"), reference="r", description="d")


def test_rectangular_overlaps_are_asymmetric_and_derived_from_the_d_transform():
    left, right = theory.get("spiked_rect.overlap_left"), theory.get("spiked_rect.overlap_right")
    th, g = left.params
    pt = {th: 1.5, g: sp.Rational(1, 2)}
    # THEORY.md §3.3: 0.7374 (left, dimension n) vs 0.6239 (right, dimension m)
    assert abs(float(left.derive().subs(pt)) - 0.7374) < 1e-4 and abs(float(right.derive().subs(pt)) - 0.6239) < 1e-4
    assert sp.simplify(left.derive().subs(g, 1) - right.derive().subs(g, 1)) == 0  # square case: symmetric
    assert theory.get("spiked_rect.singular_value").derive().subs(pt) != 0
