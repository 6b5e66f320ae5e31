"""slt: the local-learning-coefficient sampler against a plain numpy SGLD of the same algorithm.

Reduced-rank regression with 30 parameters (d_in = d_out = 5, rank 3, true rank 1), n = 10^4,
8 chains x 10^4 steps, the issue's setting. The baseline is what a user would write without
lmech (devinterp, the reference implementation, needs torch, which lmech does not depend on):
the same localised SGLD vectorised over chains with numpy, both with the full-batch gradient
from sufficient statistics and with minibatches of 100 rows. Medians of 3, ratios printed.

    python benchmarks/bench_slt.py
"""

from __future__ import annotations

import math

import numpy as np
from _timing import timed

from lmech import numeric
from lmech.numeric import sim

N, D_IN, D_OUT, RANK, TRUE_RANK = 10_000, 5, 5, 3, 1
CHAINS, STEPS, STEP, GAMMA, BATCH = 8, 10_000, 2e-4, 1.0, 100


def numpy_sgld(x, y, w_star, rng, batch=None):
    """Localised SGLD at beta = 1/log n, chains vectorised with numpy (einsum); lambda-hat per chain."""
    n = len(x)
    nbeta = n / math.log(n)
    sxx, syx, syy = x.T @ x / n, y.T @ x / n, float(np.sum(y * y) / n)
    a0, b0 = w_star
    a = np.repeat(a0[None], CHAINS, axis=0)
    b = np.repeat(b0[None], CHAINS, axis=0)

    def loss(a, b):
        m = b @ a
        return 0.5 * (syy - 2 * np.einsum("cij,ij->c", m, syx) + np.einsum("cij,jk,cik->c", m, sxx, m))

    total = np.zeros(CHAINS)
    burn = STEPS // 10
    for s in range(STEPS):
        m = b @ a
        if batch is None:
            gm = m @ sxx - syx
        else:
            rows = rng.integers(0, n, size=(CHAINS, batch))
            xb, yb = x[rows], y[rows]
            gm = m @ np.einsum("cri,crj->cij", xb, xb) / batch - np.einsum("cri,crj->cij", yb, xb) / batch
        ga = np.swapaxes(b, 1, 2) @ gm
        gb = gm @ np.swapaxes(a, 1, 2)
        if s >= burn:
            total += loss(a, b)
        a = a - 0.5 * STEP * (nbeta * ga + GAMMA * (a - a0)) + math.sqrt(STEP) * rng.standard_normal(a.shape)
        b = b - 0.5 * STEP * (nbeta * gb + GAMMA * (b - b0)) + math.sqrt(STEP) * rng.standard_normal(b.shape)
    star = 0.5 * (syy - 2 * np.sum((b0 @ a0) * syx) + np.sum(((b0 @ a0) @ sxx) * (b0 @ a0)))
    return nbeta * (total / (STEPS - burn) - star)


def main() -> None:
    data = sim.reduced_rank_data(N, D_IN, D_OUT, TRUE_RANK, np.random.default_rng(0))
    w = sim.reduced_rank_fit(data, RANK)
    exact = float(numeric.compile("slt.rlct_reduced_rank")(D_IN, D_OUT, RANK, TRUE_RANK))
    print(f"reduced-rank regression {D_IN}x{D_OUT}, rank {RANK}, true rank {TRUE_RANK}: {RANK * (D_IN + D_OUT)} parameters, n = {N}; Aoyagi lambda = {exact:g}")
    print(f"{CHAINS} chains x {STEPS} steps, step {STEP:g}, gamma {GAMMA:g}, beta = 1/log n")
    for label, batch in (("full batch (sufficient statistics)", None), (f"minibatch of {BATCH}", BATCH)):
        t_lm, out = timed(
            lambda batch=batch: sim.llc_sgld(data.x, data.y, w, np.random.default_rng(1), chains=CHAINS, steps=STEPS, step=STEP, gamma=GAMMA, batch=batch),
            3,
            warmup=True,
        )
        t_np, base = timed(lambda batch=batch: numpy_sgld(data.x, data.y, w, np.random.default_rng(1), batch=batch), 3)
        print(
            f"{label}: lmech {t_lm:.3f} s (lambda-hat {out['llc_mean']:.3f} +- {out['llc_se']:.3f}), "
            f"numpy {t_np:.3f} s (lambda-hat {base.mean():.3f} +- {base.std(ddof=1) / math.sqrt(CHAINS):.3f}); ratio {t_np / t_lm:.1f}x"
        )


if __name__ == "__main__":
    main()
