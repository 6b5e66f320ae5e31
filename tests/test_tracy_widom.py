"""Tracy-Widom laws: float64 kernel vs the mpmath oracle, and independent validation.

Independent of the quadrature: the Painleve II representation (Hastings-McLeod solution,
integrated as an ODE), the Baik-Buckingham-DiFranco tail asymptotics, and the published
moments (Bornemann 2010, Table 5). Table-interpolation packages are not used: their left
tails are off by ~0.5%.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import scipy.integrate
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st

from lmech import numeric, theory
from lmech.numeric import _tracy_widom as tw

# Bornemann, Math. Comp. 79:871 (2010), Table 5 (also Tracy-Widom 2009; 13 digits)
MOMENTS = {1: (-1.2065335745820, 1.607781034581), 2: (-1.7710868074116, 0.8131947928329)}


@settings(max_examples=8, deadline=None)
@given(
    x=st.one_of(st.floats(-12.5, 17.0), st.floats(-12.0, -2.0), st.sampled_from([-12.0, -11.0, -9.0, -7.5, -6.0, -2.0, 0.0, 8.5, 14.0])),
    beta=st.sampled_from([1.0, 2.0]),
)
def test_cdf_matches_the_mpmath_oracle(x, beta):
    """Relative accuracy in F, the far left tail (F_2(-12) = 1.9e-63) included."""
    got = numeric.compile("tracy_widom.cdf")(x, beta).item()
    ref = float(numeric.compile("tracy_widom.cdf", "mpmath")(x, beta).item())
    assert abs(got - ref) <= theory.get("tracy_widom.cdf").accuracy.rtol * ref
    assert 0.0 <= got <= 1.0


def test_log_cdf_table_is_the_transform_of_the_oracle():
    """The stored log-F coefficients reproduce log det_mp at points off the Chebyshev nodes, and
    their tail has converged (the last coefficients are far below float64 resolution of log F)."""
    from lmech.theory import _tracy_widom as ttw
    from lmech.theory import _tw_table

    lo, hi = theory.TW_LOG_RANGE
    for b, s in ((2, -10.3), (1, -3.7)):
        coeffs = np.array(theory.TW_LOG_CHEBYSHEV[b])
        assert np.abs(coeffs[-4:]).max() < 1e-18 * np.abs(coeffs[0])
        got = np.polynomial.chebyshev.chebval(2 * (s - lo) / (hi - lo) - 1, coeffs)
        with mpmath.workdps(40):
            assert abs(got - float(mpmath.log(ttw.det_mp(s, b)))) < 1e-13
    assert len(theory.TW_LOG_CHEBYSHEV[1]) == _tw_table.DEGREE + 1


def test_interpolant_matches_direct_quadrature(rng):
    for b in (1, 2):
        s = rng.uniform(tw.INTERP[b], tw.RIGHT[b], 200)
        assert np.abs(tw.cdf(s, b) - tw.fredholm(s, b)).max() < 1e-13


def test_cdf_is_monotone_and_finite_everywhere():
    x = np.concatenate([np.linspace(-60, 60, 20001), [-1e300, 1e300]])
    for b in (1.0, 2.0):
        f = numeric.compile("tracy_widom.cdf")(x, b)
        assert np.all(np.isfinite(f)) and f[0] == 0.0 and f[-1] == 1.0
        d = np.diff(f[:-2])
        assert np.all(d >= -2e-14), x[np.argmin(d)]  # the interpolant's documented absolute error


def test_moments_match_published_values():
    for b, (mean, var) in MOMENTS.items():
        assert abs(numeric.compile("tracy_widom.mean")(b).item() - mean) < 1e-11
        assert abs(numeric.compile("tracy_widom.variance")(b).item() - var) < 1e-11


def test_quantiles_match_literature_and_invert_the_cdf():
    qf = numeric.compile("tracy_widom.quantile")
    # THEORY.md §3.4 (4 decimals)
    assert np.allclose(qf([0.05, 0.5, 0.95, 0.99], 1.0), [-3.1804, -1.2686, 0.9793, 2.0235], atol=6e-5)
    assert np.allclose(qf([0.05, 0.95, 0.99], 2.0), [-3.1942, -0.2325, 0.4776], atol=6e-5)
    q = np.linspace(1e-6, 1 - 1e-6, 301)
    for b in (1.0, 2.0):
        s = qf(q, b)
        assert np.all(np.diff(s) > 0)
        assert np.abs(numeric.compile("tracy_widom.cdf")(s, b) - q).max() < 1e-13
    # against the oracle's CDF (one 40-digit determinant per point)
    for qq, b in ((0.3, 1.0), (0.9, 2.0)):
        assert abs(float(numeric.compile("tracy_widom.cdf", "mpmath")(qf(qq, b), b).item()) - qq) < 1e-12


def test_tail_asymptotics_are_approached():
    """F_b(-t)/asymptotic -> 1 with error O(t^{-3/2}) (BBD 2008); right tails likewise."""
    for b in (1, 2):
        ratios = [tw.fredholm(-t, b)[0] / tw._left_tail(np.array(-t), b) for t in (5.0, 7.0, 9.0)]
        errs = np.abs(np.array(ratios) - 1)
        assert errs[-1] < 0.02 and errs[0] > errs[1] > errs[2]
        right = [(1 - tw.fredholm(t, b)[0]) / tw._right_tail(np.array(t), b) for t in (3.0, 6.0)]
        assert abs(right[-1] - 1) < 0.1 and abs(right[-1] - 1) < abs(right[0] - 1)


def _painleve(s_end: float):
    """Hastings-McLeod q (q'' = s q + 2 q^3, q ~ Ai at +oo) with the integrals of q, q^2 and s q^2."""
    s0 = 6.0
    ai, aip, _, _ = scipy.special.airy(s0)

    def rhs(s, y):
        qv, dq = y[0], y[1]
        return [dq, s * qv + 2 * qv**3, -qv, -(qv**2), -s * qv**2]

    # tails beyond s0: q = Ai there to 1e-15, so int_s0^oo q = int_s0^oo Ai; the squares are ~1e-13
    y0 = [ai, aip, float(mpmath.quad(mpmath.airyai, [s0, mpmath.inf])), 0.0, 0.0]
    return scipy.integrate.solve_ivp(rhs, (s0, s_end), y0, method="DOP853", rtol=1e-13, atol=1e-16, dense_output=True)


def test_cdfs_match_the_painleve_ii_representation():
    """F2 = exp(-int (x - s) q^2), F1^2 = F2 exp(-int q) (Tracy-Widom 1994, 1996): no quadrature involved."""
    sol = _painleve(-5.0)
    s = np.linspace(-5.0, 4.0, 19)
    qv, dq, i0, i1, i2 = sol.sol(s)
    f2 = np.exp(-(i2 - s * i1))
    f1 = np.sqrt(f2 * np.exp(-i0))
    # the backward integration of the separatrix loses accuracy as s decreases: ~1e-9 here
    assert np.abs(tw.cdf(s, 2) - f2).max() < 1e-8
    assert np.abs(tw.cdf(s, 1) - f1).max() < 1e-8


def test_johnstone_constants_from_theory_md():
    c = numeric.compile("tracy_widom.wishart_center")(1000, 2000, 1).item()
    s = numeric.compile("tracy_widom.wishart_scale")(1000, 2000, 1).item()
    assert abs(c - 2.9134) < 1e-4 and abs(s - 0.01443) < 1e-5


def test_bad_input_names_parameter():
    with pytest.raises(ValueError, match="beta=3"):
        numeric.compile("tracy_widom.cdf")(0.0, 3.0)
    with pytest.raises(ValueError, match=r"q=1\.0 is outside \(0, 1\)"):
        numeric.compile("tracy_widom.quantile")(1.0, 1.0)


@pytest.mark.slow
def test_mpmath_oracle_agrees_on_the_mean():
    with mpmath.workdps(20):
        m = theory.get("tracy_widom.mean").mp(2)
    assert abs(float(m) - MOMENTS[2][0]) < 1e-9
