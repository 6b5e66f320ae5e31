"""Tracy-Widom checks: the largest eigenvalue of Gaussian beta-Hermite replicates, exact KS test."""

from __future__ import annotations

import math

import numpy as np

from lmech import numeric, theory
from lmech.numeric import sim
from lmech.verify import Check, Kernel, Size, Space, decisions, register, swap_beta

from ._mp import SIGMA2S, TW_BETAS

KS_SIZES = (Size("quick", 2000, 2, {"replicates": 800}), Size("full", 10**4, 4, {"replicates": 2000}))


def decide_ks(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """Exact one-sample KS of the standardised edge draws against the judged F_beta."""
    z = np.sort(obs["z"])
    return decisions.ks_one_sample(z, kernel(x=z, beta=np.full(z.size, obs["beta"])))


def plot_ks(fig, result, check) -> None:
    """Histogram of the standardised draws against dF/dx of the law (a central difference)."""
    obs = result.worst_draw().observation
    z, b = obs["z"], obs["beta"]
    ax = fig.subplots()
    ax.hist(z, bins=40, density=True, alpha=0.45, label=f"simulation ({z.size} replicates)")
    x = np.linspace(min(z.min(), -6), max(z.max(), 4), 400)
    cdf = numeric.compile(check.formula)
    h = 1e-3
    ax.plot(x, (cdf(x + h, np.full(x.size, b)) - cdf(x - h, np.full(x.size, b))) / (2 * h), "-", lw=1.2, label=f"dF/dx of {check.formula.id}, beta={b:g}")
    ax.set_xlabel("standardised top eigenvalue")
    ax.set_ylabel("density")
    ax.legend(fontsize=7)


def simulate_hermite_edge(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    # Gaussian beta-Hermite on [-2 sigma, 2 sigma]: N^{2/3} (lambda_max/sigma - 2) -> TW_beta (THEORY.md §3.4)
    t = sim.hermite(size.n, point["beta"], rng, point["sigma2"], reps=size.replicates)
    z = size.n ** (2 / 3) * (sim.top_eigenvalue(t) / math.sqrt(point["sigma2"]) - 2.0)
    return {"z": z, "beta": point["beta"], "N": size.n, "mean_z": float(z.mean()), "var_z": float(z.var(ddof=1))}


register(
    Check(
        theory.get("tracy_widom.cdf"),
        Space({"sigma2": SIGMA2S, "beta": TW_BETAS}),
        simulate_hermite_edge,
        decide_ks,
        wrong=[swap_beta()],
        sizes=KS_SIZES,
        title="Tracy-Widom F_beta vs the largest eigenvalue of Gaussian beta-Hermite replicates (batched bisection): exact KS",
        plot=plot_ks,
    )
)
