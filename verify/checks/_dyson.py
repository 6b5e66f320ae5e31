"""Vector Dyson checks, declared through the public API only.

The ESD of dense Wigner-type matrices with a block variance profile
against the integrated ``dyson.density``, and the largest eigenvalue against ``dyson.upper_edge``
on the Tracy-Widom scale read off the density's square-root edge; public API only.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.integrate

from lmech import numeric, theory
from lmech.numeric import sim
from lmech.verify import Check, Choice, Kernel, Real, Size, Space, decisions, register, remapped, scaled

#: block profiles (alpha, S): all entries positive, so the law has a bounded density and no atom
PROFILES = {
    "two_blocks": ((0.5, 0.5), ((1.0, 0.2), (0.2, 3.0))),
    "unequal": ((0.3, 0.7), ((2.0, 0.5), (0.5, 0.5))),
    "three_blocks": ((0.2, 0.3, 0.5), ((1.0, 0.5, 0.1), (0.5, 2.0, 0.3), (0.1, 0.3, 4.0))),
    "weak_diagonal": ((0.4, 0.6), ((0.05, 1.0), (1.0, 0.05))),
}


def with_profile(point: dict) -> dict:
    """The drawn profile's name turned into alpha and S (times the drawn overall scale)."""
    alpha, S = PROFILES[point["profile"]]
    return {**point, "alpha": list(alpha), "S": (np.asarray(S) * point["scale"]).tolist()}


def isotropic(values: dict) -> dict:
    """The wrong law: a constant profile with the same mean variance (the semicircle a user would try)."""
    a, S = np.asarray(values["alpha"], dtype=float), np.asarray(values["S"], dtype=float)
    mean = np.einsum("...a,...ab,...b->...", a, S, a)[..., None, None]
    return {**values, "S": np.ones_like(S) * mean}


def simulate_dyson(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    eigs, alpha = sim.block_wigner_eigenvalues(size.n, point["alpha"], point["S"], rng, point["dist"], backend=backend)
    return {"eigs": numeric.to_host(eigs), "law": {"alpha": alpha, "S": np.asarray(point["S"], dtype=float)}, "N": size.n}


def integrated_density(kernel: Kernel, law: dict) -> tuple[np.ndarray, np.ndarray]:
    """The judged density integrated on a fine grid over [-R, R].

    R = 1.05 * 2 sqrt(max row variance) bounds the support; Simpson, error O(h^{3/2}) at the square-root edges, ~1e-6.
    """
    alpha, S = law["alpha"], law["S"]
    R = 1.05 * 2.0 * math.sqrt(float(np.max(S @ alpha)))
    grid = np.linspace(-R, R, 20001)
    return grid, scipy.integrate.cumulative_simpson(kernel(x=grid, **law), x=grid, initial=0.0)


def decide_esd(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    grid, cdf = integrated_density(kernel, obs["law"])
    return decisions.esd_at_eigenvalues(np.interp(obs["eigs"], grid, cdf), size=obs["N"])


def plot_esd(fig, result, check) -> None:
    obs = result.worst_draw().observation
    ax = fig.subplots()
    ax.hist(obs["eigs"], bins=120, density=True, alpha=0.4, label="dense Wigner-type ESD")
    edge = float(numeric.compile("dyson.upper_edge")(**obs["law"]))
    x = np.linspace(-1.05 * edge, 1.05 * edge, 2001)
    ax.plot(x, numeric.compile("dyson.density")(x, **obs["law"]), "-", lw=1.0, label="dyson.density (solved)")
    ax.set_xlabel("eigenvalue")
    ax.set_ylabel("density")
    ax.legend(fontsize=7)


def simulate_top(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    obs = simulate_dyson(point, size, rng, backend)
    return {"lam": float(obs["eigs"][-1]), "law": obs["law"], "N": obs["N"]}


def edge_scale(law: dict, N: int) -> float:
    """Tracy-Widom scale of the largest eigenvalue.

    A density (c/pi) sqrt(E - x) at its edge E
    gives (c^{2/3} N^{2/3})^{-1} (the semicircle has c = 1 and scale N^{-2/3}); c is read off
    the solved density at E (1 - 1e-6), where the relative error of the square-root law is O(1e-6).
    """
    edge = float(numeric.compile("dyson.upper_edge")(**law))
    delta = 1e-6 * edge
    c = math.pi * float(numeric.compile("dyson.density")(edge - delta, **law)) / math.sqrt(delta)
    return (c * N) ** (-2.0 / 3.0)


def decide_edge(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """(lambda_max - edge)/scale ~ TW_1 (edge universality for Wigner-type matrices, real entries)."""
    edge = float(kernel(**obs["law"]))
    scale = edge_scale(obs["law"], obs["N"])
    return decisions.tracy_widom_edge(obs["lam"], edge, scale, 1.0)


_SPACE = Space({"profile": Choice(*PROFILES), "scale": Real(0.5, 2.0, log=True), "dist": Choice("gaussian", "rademacher")}, transform=with_profile)
register(
    Check(
        theory.get("dyson.density"),
        _SPACE,
        simulate_dyson,
        decide_esd,
        wrong=[scaled("S", 1.02), remapped(isotropic, "semicircle, same mean variance")],
        sizes=(Size("quick", 3000, 2), Size("full", 4000, 4), Size("quick", 16384, 2, backend="gpu"), Size("full", 16384, 4, backend="gpu")),
        id="dyson.esd",
        title="Vector Dyson: dense Wigner-type ESD with a block variance profile vs the integrated solved density: log N/N bound",
        plot=plot_esd,
    )
)
register(
    Check(
        theory.get("dyson.upper_edge"),
        _SPACE,
        simulate_top,
        decide_edge,
        # a 1.02 profile moves the edge by 1%, about 4 TW scales at N = 2000 (not rejectable there);
        # 1.05 moves it by about 9 (the ESD check rejects 1.02 at its own size)
        wrong=[scaled("S", 1.05), remapped(isotropic, "semicircle, same mean variance")],
        sizes=(Size("quick", 2000, 2), Size("full", 4000, 3)),
        title="Vector Dyson upper edge vs the largest eigenvalue: TW_1 on the scale of the density's square-root edge",
    )
)
