"""The order-to-chaos phase diagram of tanh networks, with finite networks measured on it.

Colours: chi_perp(q*) = C_W E[tanh'(sqrt(q*) z)^2] at the fixed point q* of a single input's variance
(``nngp.tanh_fixed_point``, ``nngp.tanh_chi_perp``: quadrature, no closed form), over weight variance C_W
and bias variance C_b. Below 1 (ordered) nearby inputs' correlation goes to 1 over the depth scale
xi_c = -1/log chi_perp (``nngp.depth_scale``); above 1 (chaotic) it moves away. Lines: the edge of chaos
chi_perp = 1 for tanh (``nngp.tanh_critical_bias``) and for erf (``nngp.erf_critical_bias``, closed form).
Markers: the contraction per layer of 1 - c measured in ``--seeds`` finite tanh networks at widths
n/2 and n (extrapolated in width, as the check ``nngp.tanh_correlation`` does), printed next to chi_perp.

    python examples/tanh_phase_diagram.py [--seeds 2000] [--width 256] [--out tanh_phase_diagram.png]
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from lmech import numeric
from lmech.numeric import sim

POINTS = ((1.0, 0.05), (1.5, 0.2), (2.0, 0.05), (1.2, 0.4), (2.5, 0.3), (2.8, 0.1))


def contraction(cw: float, cb: float, q_star: float, width: int, seeds: int, rng: np.random.Generator) -> tuple[float, float]:
    """2 r(n) - r(n/2) and its standard error: the mean per-layer ratio (1 - c_(l+1))/(1 - c_l) over 5 layers from 1 - c = 1e-4."""
    q_in = (q_star - cb) / cw
    rho = (q_star * (1 - 1e-4) - cb) / (cw * q_in)
    means = []
    for w in (width // 2, width):
        r = sim.mlp_pair(q_in, q_in, rho * q_in, 5, w, cw, cb, "tanh", seeds, rng)
        root = np.sqrt(r["c11"] * r["c22"])
        gap = (root - r["c12"]) / root
        ratio = (gap[1:] / gap[:-1]).mean(axis=0)
        means.append((ratio.mean(), ratio.var(ddof=1) / ratio.size))
    (m_small, v_small), (m_large, v_large) = means
    return 2 * m_large - m_small, math.sqrt(4 * v_large + v_small)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=2000)
    ap.add_argument("--width", type=int, default=256)
    ap.add_argument("--grid", type=int, default=60)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    fixed, perp, xi = (numeric.compile(f"nngp.{n}") for n in ("tanh_fixed_point", "tanh_chi_perp", "depth_scale"))
    tanh_line, erf_line = numeric.compile("nngp.tanh_critical_bias"), numeric.compile("nngp.erf_critical_bias")
    rng = np.random.default_rng(np.random.SeedSequence([17, 5]))
    print(f"tanh networks at their fixed point: contraction of 1 - c per layer, {a.seeds} networks at widths {a.width // 2} and {a.width}")
    print(f"{'C_W':>5} {'C_b':>5} {'q*':>8} {'chi_perp':>9} {'xi_c':>7} {'measured':>18} {'z':>6}")
    measured = []
    for cw, cb in POINTS:
        q = float(fixed(cw, cb))
        chi = float(perp(q, cw))
        m, se = contraction(cw, cb, q, a.width, a.seeds, rng)
        measured.append((cw, cb, chi, m, se))
        depth = f"{float(xi(chi)):7.2f}" if chi < 1 else f"{'chaos':>7}"
        print(f"{cw:>5.2f} {cb:>5.2f} {q:>8.4f} {chi:>9.4f} {depth} {m:>9.4f} ± {se:<6.4f} {(m - chi) / se:>6.2f}")
    if a.out:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.colors import TwoSlopeNorm

        cws = np.linspace(0.5, 3.0, a.grid)
        cbs = np.linspace(0.0, 0.5, a.grid)
        W, B = np.meshgrid(cws, cbs)
        Q = fixed(W, B)
        chi = perp(Q, W)
        fig, ax = plt.subplots(figsize=(6.4, 4.4), layout="constrained")
        mesh = ax.pcolormesh(W, B, np.log(chi), cmap="RdBu_r", norm=TwoSlopeNorm(0.0), shading="auto")
        fig.colorbar(mesh, ax=ax, label="log chi_perp(q*)  (ordered < 0 < chaotic)")
        line_w = np.linspace(1.0, 3.0, 200)
        ax.plot(line_w, tanh_line(line_w), "k-", lw=2, label="tanh edge of chaos (quadrature)")
        erf_w = np.linspace(math.pi / 4, 3.0, 200)
        ax.plot(erf_w, erf_line(erf_w), "k--", lw=1.2, label="erf edge of chaos (closed form)")
        for cw, cb, c, m, _se in measured:
            ax.plot(cw, cb, "o", ms=7, mfc="white", mec="k")
            ax.annotate(f"{m:.3f}\n({c:.3f})", (cw, cb), textcoords="offset points", xytext=(6, 2), fontsize=7)
        ax.set_xlim(0.5, 3.0)
        ax.set_ylim(0.0, 0.5)
        ax.set_xlabel("C_W (weight variance)")
        ax.set_ylabel("C_b (bias variance)")
        ax.legend(fontsize=7, loc="upper left")
        ax.set_title("tanh: order to chaos. Markers: contraction of 1 - c per layer, measured (theory)", fontsize=9)
        fig.savefig(a.out, dpi=110)
        print(f"saved {a.out}")


if __name__ == "__main__":
    main()
