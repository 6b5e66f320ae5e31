"""Simulators: tridiagonal models against dense ones, Sturm counts against eigensolvers."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
import scipy.stats

from numeric import sim


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
