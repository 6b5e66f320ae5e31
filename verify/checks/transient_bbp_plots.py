"""Figures of the transient-BBP family: the phase diagram and time-resolved outlier and edge.

Public helpers (``from lmech.verify.checks import transient_bbp_plots``): ``phase_diagram`` draws
the three regimes over (theta, lam_minus) with their boundaries, ``time_resolved`` the outlier
and edge against t with simulated eigenvalues overlaid, ``draw`` the report's two-panel figure.
"""

from __future__ import annotations

import numpy as np

from lmech import numeric
from lmech.numeric import sim

REGIMES = ("never", "persistent", "transient")
COLOURS = ("#d9d9d9", "#4c72b0", "#dd8452")


def phase_diagram(ax, law: dict, thetas: np.ndarray, lam_minus: np.ndarray) -> np.ndarray:
    """Regimes over (theta, lam_minus) at the law's alpha, lam_plus, sigma2 and sigma2_init, with boundaries."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    fixed = {k: law[k] for k in ("alpha", "lam_plus", "sigma2", "sigma2_init")}
    regime, _, _ = numeric.transient_bbp_phase(thetas[None, :], fixed["alpha"], fixed["lam_plus"], lam_minus[:, None], fixed["sigma2"], fixed["sigma2_init"])
    ax.pcolormesh(thetas, lam_minus, regime, cmap=ListedColormap(COLOURS), vmin=-0.5, vmax=2.5, shading="nearest")
    ax.contour(thetas, lam_minus, regime, levels=[0.5, 1.5], colors="k", linewidths=0.8)
    ax.set_yscale("log")
    ax.set_xlabel("theta")
    ax.set_ylabel("lam_minus")
    handles = [Patch(color=c, label=r) for c, r in zip(COLOURS, REGIMES)]
    ax.legend(handles=handles, fontsize=7, loc="upper right")
    ax.set_title(
        f"regimes: alpha={fixed['alpha']:.3g}, lam+={fixed['lam_plus']:g},\nsigma2={fixed['sigma2']:g}, sigma2_init={fixed['sigma2_init']:g}", fontsize=8
    )
    return regime


def time_resolved(ax, model: dict, times: np.ndarray, simulated: dict | None = None, colour: str = "C0", label: str = "") -> None:
    """Edge (dashed) and outlier (solid) against t, with simulated top-two eigenvalues (dots) if given."""
    law = {k: model[k] for k in ("alpha", "lam_plus", "lam_minus", "sigma2", "sigma2_init")}
    edge = numeric.compile("transient_bbp.edge")(times, **law)
    out = numeric.compile("transient_bbp.outlier")(times, model["theta"], **law)
    ax.plot(times, edge, "--", color=colour, lw=0.9, label=f"{label} edge" if label else None)
    ax.plot(times, np.where(out > edge, out, np.nan), "-", color=colour, lw=1.4, label=f"{label} outlier" if label else None)
    if simulated is not None:
        ax.plot(simulated["t"], simulated["top"], "o", ms=3, color=colour, label="simulated top two" if label else None)
        ax.plot(simulated["t"], simulated["second"], ".", ms=3, color=colour, alpha=0.6)
    ax.set_xscale("log")
    ax.set_xlabel("t")
    ax.set_ylabel("eigenvalue of H(t)")


def simulate_times(model: dict, times: np.ndarray, n: int, rng: np.random.Generator) -> dict:
    """Top two eigenvalues of one closed-form H(t) per time."""
    tops = np.array(
        [
            sim.transient_bbp_eigenvalues(n, t, *(model[k] for k in ("theta", "alpha", "lam_plus", "lam_minus", "sigma2", "sigma2_init")), rng, top=2)[0]
            for t in times
        ]
    )
    return {"t": times, "top": tops[:, -1], "second": tops[:, -2]}


def draw(fig, model: dict, n: int = 400, seed: int = 0) -> None:
    """The report's figure for one model: time-resolved curves (simulated at N = ``n``) and the phase diagram."""
    left, right = fig.subplots(1, 2)
    times = np.geomspace(0.05, 200, 120)
    time_resolved(left, model, times, simulate_times(model, np.geomspace(0.1, 100, 10), n, np.random.default_rng(seed)), label=f"theta={model['theta']:.3g}")
    left.legend(fontsize=7)
    left.set_title(f"the judged draw's model, simulated at N = {n}", fontsize=8)
    phase_diagram(right, model, np.linspace(0.1, max(4.0, 1.2 * model["theta"]), 64), np.geomspace(0.01, 1.0, 64))
    right.plot([model["theta"]], [model["lam_minus"]], "k*", ms=9)
