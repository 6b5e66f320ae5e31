"""Generalised Marchenko-Pastur checks, declared through the public API only.

The dense anisotropic Wishart ESD against ``gmp.cdf``
(split supports included) and the largest eigenvalue against ``gmp.upper_edge`` on El Karoui's
Tracy-Widom scale, declared through the public API only.
"""

from __future__ import annotations

import numpy as np

from lmech import numeric, theory
from lmech.numeric import sim
from lmech.verify import Check, Choice, Kernel, Real, Size, Space, decisions, register, remapped, scaled

#: population spectra (atoms, weights); below gamma ~ 0.5 the first, second and fourth split the
#: support in two bands and the third in three (numeric.support_intervals)
SPECTRA = {
    "far_pair": ((1.0, 10.0), (0.5, 0.5)),
    "near_pair": ((1.0, 6.0), (0.3, 0.7)),
    "three": ((0.5, 2.0, 8.0), (0.2, 0.5, 0.3)),
    "light_top": ((1.0, 20.0), (0.7, 0.3)),
}


def with_spectrum(point: dict) -> dict:
    """The drawn spectrum's name turned into its atoms and weights."""
    atoms, weights = SPECTRA[point["spectrum"]]
    return {**point, "atoms": list(atoms), "weights": list(weights)}


def isotropic(values: dict) -> dict:
    """The wrong law: one atom at the mean variance sum_i w_i t_i (the MP law a user would try)."""
    t, w = np.asarray(values["atoms"], dtype=float), np.asarray(values["weights"], dtype=float)
    mean = (t * w).sum(axis=-1, keepdims=True)
    return {**values, "atoms": mean, "weights": np.ones_like(mean)}


def simulate_gmp(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    """Eigenvalues of one dense anisotropic Wishart matrix; the law at the realised p/n and weights."""
    p = size.n
    n = max(1, round(p / point["gamma"]))
    eigs, w = sim.anisotropic_wishart_eigenvalues(p, n, point["atoms"], point["weights"], rng, point["dist"], backend=backend)
    zeros = max(p - n, 0)  # the p - n exact zeros are the atom, which the CDF has too
    law = {"gamma": p / n, "atoms": np.asarray(point["atoms"], dtype=float), "weights": w}
    return {"eigs": numeric.to_host(eigs)[zeros:], "zeros": zeros, "law": law, "p": p, "n": n}


def decide_esd(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """Kolmogorov distance at every eigenvalue against the log N / N bound (real entries: beta = 1)."""
    return decisions.esd_at_eigenvalues(kernel(x=obs["eigs"], **obs["law"]), size=obs["p"], zeros=obs["zeros"], n_eff=min(obs["p"], obs["n"]))


def plot_esd(fig, result, check) -> None:
    """Histogram of the worst draw's eigenvalues under the solved density, every band shown."""
    obs = result.worst_draw().observation
    ax = fig.subplots()
    law = obs["law"]
    ax.hist(obs["eigs"], bins=120, density=True, alpha=0.4, label="dense ESD (continuous part)")
    top = float(numeric.compile("gmp.upper_edge")(**law))
    x = np.linspace(0.0, 1.05 * top, 4001)[1:]
    mass = 1.0 - max(0.0, 1.0 - 1.0 / law["gamma"])
    ax.plot(x, numeric.compile("gmp.density")(x, **law) / mass, "-", lw=1.0, label="gmp.density (solved)")
    for lo, hi in numeric.support_intervals("gmp.density", **law):
        ax.axvspan(lo, hi, color="0.9", zorder=0)
    ax.set_xlabel("eigenvalue")
    ax.set_ylabel("density")
    ax.legend(fontsize=7)


def simulate_top(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    obs = simulate_gmp(point, size, rng, backend)
    return {"lam": float(obs["eigs"][-1]), "law": obs["law"], "p": obs["p"], "n": obs["n"]}


def decide_edge(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """n^{2/3} (lambda_max - edge)/sigma ~ TW_1 (El Karoui 2007, real entries): two-sided p-value."""
    edge = float(kernel(**obs["law"]))
    scale = float(numeric.compile("gmp.edge_scale")(**obs["law"])) * obs["n"] ** (-2.0 / 3.0)
    return decisions.tracy_widom_edge(obs["lam"], edge, scale, 1.0)


_DISTS = Choice("gaussian", "rademacher")
register(
    Check(
        theory.get("gmp.cdf"),
        Space({"gamma": Real((0.3, 0.6), (1.5, 2.5), log=True), "spectrum": Choice(*SPECTRA), "dist": _DISTS}, transform=with_spectrum),
        simulate_gmp,
        decide_esd,
        wrong=[scaled("atoms", 1.02), remapped(isotropic, "isotropic MP, same mean variance")],
        sizes=(Size("quick", 2000, 3), Size("full", 4000, 4), Size("quick", 16384, 2, backend="gpu"), Size("full", 16384, 4, backend="gpu")),
        id="gmp.esd",
        title="Generalised MP: dense anisotropic Wishart ESD (Gaussian/Rademacher) vs the solved CDF, split supports included: log N/N bound",
        plot=plot_esd,
    )
)
register(
    Check(
        theory.get("gmp.upper_edge"),
        Space({"gamma": Real(0.1, 0.2, log=True), "spectrum": Choice(*SPECTRA), "dist": _DISTS}, transform=with_spectrum),
        simulate_top,
        decide_edge,
        wrong=[scaled("atoms", 1.02), remapped(isotropic, "isotropic MP, same mean variance")],
        sizes=(Size("quick", 2000, 2), Size("full", 4000, 3)),
        title="Generalised MP upper edge vs the largest eigenvalue: n^{2/3}(lambda - edge)/sigma against TW_1 (El Karoui's sigma)",
    )
)
