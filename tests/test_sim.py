"""Simulators: tridiagonal models against dense ones, Sturm counts against eigensolvers."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
import scipy.stats

from lmech.numeric import sim


def _dense(t):
    return scipy.linalg.eigvalsh_tridiagonal(t.d, t.e)


def test_sturm_count_matches_eigensolver(rng):
    t = sim.laguerre(300, 500, 1.0, rng)
    ev = _dense(t)
    pts = np.linspace(ev[0] - 0.1, ev[-1] + 0.1, 57)
    assert np.array_equal(sim.sturm_count(t, pts), np.searchsorted(ev, pts))


def test_ecdf_counts_zero_block(rng):
    t = sim.laguerre(300, 200, 1.0, rng)
    assert t.zeros == 100 and t.d.size == 200
    f = sim.ecdf(t, np.array([-1.0, 1e-12, 1e6]))
    assert np.allclose(f, [0.0, 1 / 3, 1.0])


def test_trace_moments_match_eigenvalues(rng):
    for p, n, beta in ((200, 400, 1.0), (300, 200, 2.0), (50, 50, 0.7)):
        t = sim.laguerre(p, n, beta, rng)
        ev = np.concatenate([_dense(t), np.zeros(t.zeros)])
        assert np.allclose(sim.trace_moments(t, 7), [np.mean(ev**k) for k in range(8)], rtol=1e-11)


def test_extreme_eigenvalues_stebz(rng):
    t = sim.hermite(400, 2.0, rng)
    ev = _dense(t)
    assert np.allclose(sim.extreme_eigenvalues(t, "largest", 2), ev[-2:])
    assert np.allclose(sim.extreme_eigenvalues(t, "smallest"), ev[:1])
    with pytest.raises(ValueError, match="which"):
        sim.extreme_eigenvalues(t, "middle")


def test_samplers_validate_arguments(rng):
    with pytest.raises(ValueError, match="beta"):
        sim.hermite(10, 0.0, rng)
    with pytest.raises(ValueError, match="p=0"):
        sim.laguerre(0, 10, 1.0, rng)
    with pytest.raises(ValueError, match="dist"):
        sim.wishart_eigenvalues(5, 5, rng, "cauchy")


def test_seeded_generators_reproduce():
    a = sim.laguerre(100, 150, 1.0, np.random.default_rng(3))
    b = sim.laguerre(100, 150, 1.0, np.random.default_rng(3))
    assert np.array_equal(a.d, b.d) and np.array_equal(a.e, b.e)


@pytest.mark.slow
def test_tridiagonal_matches_dense_in_distribution(rng):
    """Two-sample KS at moderate N: top eigenvalue of beta=1 Laguerre vs dense Gaussian Wishart,
    and of beta=1 Hermite vs dense GOE. alpha = 1e-6 per comparison."""
    p, n, reps = 40, 100, 600
    tri = [sim.extreme_eigenvalues(sim.laguerre(p, n, 1.0, rng))[0] for _ in range(reps)]
    dense = [sim.wishart_eigenvalues(p, n, rng)[-1] for _ in range(reps)]
    assert scipy.stats.ks_2samp(tri, dense).pvalue > 1e-6
    N = 60
    tri = [sim.extreme_eigenvalues(sim.hermite(N, 1.0, rng))[0] for _ in range(reps)]
    # GOE with diagonal variance 2/N: the Dumitriu-Edelman beta = 1 normalisation
    dense = []
    for _ in range(reps):
        a = rng.standard_normal((N, N))
        dense.append(np.linalg.eigvalsh((a + a.T) / np.sqrt(2 * N))[-1])
    assert scipy.stats.ks_2samp(tri, dense).pvalue > 1e-6
    # and it can fail: a 3% scale error is detected at this size
    assert scipy.stats.ks_2samp(np.array(tri) * 1.03, dense).pvalue < 1e-6


@pytest.mark.slow
def test_spiked_laguerre_matches_dense_spiked_wishart(rng):
    """Bloemendal-Virag: the spike only scales the first chi variable. Two-sample KS of the top
    eigenvalue against a dense Wishart with Sigma = diag(l, 1, ..., 1), at alpha = 1e-6."""
    p, n, ell, reps = 30, 80, 3.0, 500
    tri = [sim.extreme_eigenvalues(sim.laguerre(p, n, 1.0, rng, spike=ell))[0] for _ in range(reps)]
    dense = []
    for _ in range(reps):
        x = rng.standard_normal((p, n))
        x[0] *= np.sqrt(ell)
        dense.append(np.linalg.eigvalsh(x @ x.T / n)[-1])
    assert scipy.stats.ks_2samp(tri, dense).pvalue > 1e-6
    with pytest.raises(ValueError, match="need p <= n"):
        sim.laguerre(90, 80, 1.0, rng, spike=2.0)


@pytest.mark.slow
def test_spiked_tridiagonal_models_match_dense_samplers(rng):
    """Two-sample KS (alpha = 1e-6): tridiagonal spiked Wigner / rectangular vs dense samplers
    with a random spike direction, for the top eigenvalue (singular value) and the overlaps."""
    reps = 300
    t = sim.hermite(80, 1.0, rng, spike=2.0, reps=reps)
    lam = sim.top_eigenvalue(t)
    ov = [sim.eigenvector_first_component(t[r], lam[r]) for r in range(reps)]
    dense = np.array([sim.spiked_wigner_top(80, 2.0, rng) for _ in range(reps)])
    assert scipy.stats.ks_2samp(lam, dense[:, 0]).pvalue > 1e-6 and scipy.stats.ks_2samp(ov, dense[:, 1]).pvalue > 1e-6
    n, m, th = 60, 120, 1.5
    dense = np.array([sim.spiked_rect_top(n, m, th, rng) for _ in range(reps)])
    for side, col in (("left", 1), ("right", 2)):
        t = sim.rectangular(n, m, 1.0, rng, th, side, reps=reps)
        lam = sim.top_eigenvalue(t)
        ov = [sim.eigenvector_first_component(t[r], lam[r]) for r in range(reps)]
        assert scipy.stats.ks_2samp(np.sqrt(lam), dense[:, 0]).pvalue > 1e-6
        assert scipy.stats.ks_2samp(ov, dense[:, col]).pvalue > 1e-6
    w = np.array([sim.spiked_wishart_top(40, 80, 2.0, rng) for _ in range(reps)])
    t = sim.laguerre(40, 80, 1.0, rng, spike=3.0, reps=reps)
    assert scipy.stats.ks_2samp(sim.top_eigenvalue(t), w[:, 0]).pvalue > 1e-6


def test_top_eigenvalue_matches_stebz(rng):
    t = sim.laguerre(5000, 9000, 1.0, rng, spike=4.0)
    assert abs(sim.top_eigenvalue(t) - sim.extreme_eigenvalues(t)[0]) < 1e-13
    tb = sim.hermite(200, 2.0, rng, reps=20)
    ref = [sim.extreme_eigenvalues(tb[r])[0] for r in range(20)]
    assert np.abs(sim.top_eigenvalue(tb) - ref).max() < 1e-13


# ------------------------------------------------------------------------- PAC-Bayes simulators
def test_threshold_empirical_risks_match_brute_force(rng):
    grid = np.linspace(0.0, 1.0, 7)
    seed = np.random.default_rng(5)
    smp = sim.threshold_classifiers(30, 5, seed, noise=0.2, target=0.4, grid=grid, posterior="gibbs", beta=3.0)
    seed = np.random.default_rng(5)  # the same draws, by hand
    x = seed.random((5, 30))
    y = (x > 0.4) ^ (seed.random((5, 30)) < 0.2)
    emp = np.array([[np.mean((xi > t) != yi) for t in grid] for xi, yi in zip(x, y)])
    logw = -np.log(7) - 3.0 * 30 * emp
    q = np.exp(logw - logw.max(axis=1, keepdims=True))
    q /= q.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(smp.emp_risk, (q * emp).sum(axis=1), rtol=1e-12)
    risk = 0.2 + 0.6 * np.abs(grid - 0.4)
    np.testing.assert_allclose(smp.true_risk, q @ risk, rtol=1e-12)
    # Donsker-Varadhan: KL(Q||P) = F - beta n L^(Q) at the Gibbs posterior
    np.testing.assert_allclose(smp.kl, smp.free_energy - 3.0 * 30 * smp.emp_risk, rtol=1e-9, atol=1e-12)
    assert np.all(smp.kl >= 0)


def test_threshold_true_risk_is_exact(rng):
    # the exact risk noise + (1 - 2 noise)|t - target| against a large labelled sample
    x = rng.random(2_000_000)
    y = (x > 0.3) ^ (rng.random(x.size) < 0.1)
    for t in (0.0, 0.3, 0.45):
        mc = np.mean((x > t) != y)
        exact = 0.1 + 0.8 * abs(t - 0.3)
        assert abs(mc - exact) < 5 * np.sqrt(exact * (1 - exact) / x.size)
    erm = sim.threshold_classifiers(100, 50, rng, noise=0.1, target=0.3, grid=np.array([0.0, 0.3, 0.45]), posterior="erm")
    assert set(np.round(erm.true_risk, 12)) <= {0.1 + 0.8 * 0.3, 0.1, round(0.1 + 0.8 * 0.15, 12)}
    np.testing.assert_allclose(erm.kl, np.log(3))


def test_gaussian_linear_risks(rng):
    smp = sim.gaussian_linear(50, 3, np.random.default_rng(9), dim=6, noise=0.1, norm=2.0, sigma=0.7)
    # KL(N(mu, s^2 I) || N(0, I)) in closed form
    assert np.allclose(smp.kl, 0.5 * (6 * 0.49 + 4.0 - 6 - 6 * np.log(0.49)))
    # true risk by sampling w ~ Q for one dataset's mu: re-create mu from the same draws
    seed = np.random.default_rng(9)
    x = seed.standard_normal((3, 50, 6))
    y = np.where(x[..., 0] > 0, 1.0, -1.0) * np.where(seed.random((3, 50)) < 0.1, -1.0, 1.0)
    v = np.einsum("mn,mnd->md", y, x)
    mu = 2.0 * v / np.linalg.norm(v, axis=1, keepdims=True)
    w = mu[0] + 0.7 * rng.standard_normal((400_000, 6))
    angle = np.arccos(np.clip(w[:, 0] / np.linalg.norm(w, axis=1), -1, 1))
    mc = 0.1 + 0.8 * angle / np.pi
    assert abs(mc.mean() - smp.true_risk[0]) < 5 * mc.std() / np.sqrt(mc.size)
    # empirical risk of the stochastic classifier: the fraction of (w, x_i) pairs that err
    wx = np.einsum("kd,nd->kn", w[:20000], x[0])
    assert abs(np.mean(np.sign(wx) != y[0]) - smp.emp_risk[0]) < 5 * np.sqrt(0.25 / wx.size) + 0.01
    assert np.all(smp.true_risk_error < 1e-7)


def test_gaussian_angle_quadrature_converges():
    from lmech.numeric.sim._pacbayes import gaussian_angle_mean

    par, perp = np.array([-2.0, 0.0, 0.5, 3.0]), np.array([0.1, 1.0, 2.0, 0.0])
    for sigma in (0.05, 1.0, 3.0):
        a = gaussian_angle_mean(par, perp, sigma, 10)
        b = gaussian_angle_mean(par, perp, sigma, 10, (256, 200))
        np.testing.assert_allclose(a, b, atol=1e-8)
    # sigma -> 0: the angle of mu itself
    np.testing.assert_allclose(gaussian_angle_mean(par, perp, 1e-4, 10), np.arctan2(perp, par), atol=1e-3)


def test_pacbayes_simulators_validate_input(rng):
    with pytest.raises(ValueError, match="noise=0.5 is outside"):
        sim.threshold_classifiers(10, 2, rng, noise=0.5)
    with pytest.raises(ValueError, match="posterior='map' is not one of"):
        sim.threshold_classifiers(10, 2, rng, posterior="map")
    with pytest.raises(ValueError, match="n=0 must be an integer >= 1"):
        sim.gaussian_linear(0, 2, rng)
    with pytest.raises(ValueError, match="sigma=-1 is outside"):
        sim.gaussian_linear(10, 2, rng, sigma=-1)
    with pytest.raises(ValueError, match="prior must be 3"):
        sim.threshold_classifiers(10, 2, rng, grid=np.array([0.1, 0.2, 0.3]), prior=[1, 2])
