"""Semicircle checks: the ESD of tridiagonal beta-Hermite matrices (Sturm counts on a Chebyshev grid)."""

from __future__ import annotations

import math

import numpy as np

from lmech import theory
from lmech.numeric import sim
from lmech.verify import Check, Size, Space, register, scaled

from ._mp import BETAS, DENSITY_SIZES, ESD_SIZES, SIGMA2S, decide_esd, esd_observation, plot_esd


def simulate_wigner_esd(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    s2 = point["sigma2"]
    t = sim.hermite(size.n, point["beta"], rng, s2)
    s = math.sqrt(s2)
    grid = 2 * s * np.cos(np.pi * (np.arange(size.points)[::-1] + 0.5) / size.points)  # denser at the edges
    return esd_observation(t, grid, {"sigma2": s2}, (-2.4 * s, 2.4 * s), 0.0, size.n, point["beta"], N=size.n)


for _fid, _sizes, _what in (("wigner.cdf", ESD_SIZES, "closed-form CDF"), ("wigner.density", DENSITY_SIZES, "the integrated density")):
    register(
        Check(
            theory.get(_fid),
            Space({"sigma2": SIGMA2S, "beta": BETAS}),
            simulate_wigner_esd,
            decide_esd,
            wrong=[scaled("sigma2", 1.02)],
            sizes=_sizes,
            title=f"Semicircle ESD vs {_what} (tridiagonal beta-Hermite, Sturm counts on a Chebyshev grid): log N/N bound",
            plot=plot_esd,
        )
    )
