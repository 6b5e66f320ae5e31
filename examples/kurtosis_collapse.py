"""Finite width: the excess kurtosis of hidden preactivations collapses onto one curve of depth/width.

ReLU networks at criticality (C_W = 2, C_b = 0) of several widths n; for every hidden layer l the
excess kurtosis E z^4/(E z^2)^2 - 3 of a preactivation over ``--seeds`` networks (exact-in-law
forward passes, ``sim.mlp_pair``; from the conditional variances G_l, E z^4 = 3 E G_l^2, with
delta-method standard errors), against

* the four-point vertex at leading order, ``nngp.kurtosis`` = 3 V^(l)/(n K^2) = 15 (l - 1)/n, a
  straight line in the effective depth (l - 1)/n: Roberts, Yaida & Hanin's picture;
* ``nngp.kurtosis_exact`` = 3 ((1 + 5/n)^(l - 1) - 1), exact at every width, which bends away from
  the line once (l - 1)/n reaches about 0.05 (and tends to 3 (e^(5 t) - 1), t = (l - 1)/n).

Each width runs to effective depth ``--max-ratio`` (0.15): beyond it G_l is so heavy-tailed
(log G_l has variance about 5 t) that a few thousand networks no longer estimate its second moment
(the sample kurtosis falls short of the exact value by many of its delta-method standard errors).

    python examples/kurtosis_collapse.py [--seeds 10000] [--max-ratio 0.15] [--out kurtosis_collapse.png]
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from lmech import numeric
from lmech.numeric import sim


def kurtosis(g: np.ndarray) -> tuple[float, float]:
    """3 (mean G^2/mean G^2 - 1) and its delta-method standard error over the seeds."""
    x = g / g.mean()
    m1, m2 = x.mean(), (x * x).mean()
    grad = np.array([-6.0 * m2 / m1**3, 3.0 / m1**2])
    cov = np.cov(np.stack([x, x * x]))
    return 3.0 * (m2 / m1**2 - 1.0), math.sqrt(grad @ cov @ grad / x.size)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=10000)
    ap.add_argument("--max-ratio", type=float, default=0.15)
    ap.add_argument("--widths", type=int, nargs="+", default=[16, 32, 64, 128, 256])
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    rng = np.random.default_rng(np.random.SeedSequence([17, 4]))
    lead, exact = numeric.compile("nngp.kurtosis"), numeric.compile("nngp.kurtosis_exact")
    results = {}
    print(f"ReLU, C_W = 2, C_b = 0; excess kurtosis over {a.seeds} networks per width")
    print(f"{'width':>5} {'layer':>5} {'(l-1)/n':>8} {'simulated':>17} {'exact':>8} {'leading':>8} {'z exact':>8}")
    for w in a.widths:
        depth = 1 + int(a.max_ratio * w)
        layers = np.arange(1, depth + 1)
        g = sim.mlp_pair(1.0, 1.0, 1.0, depth, w, 2.0, 0.0, "relu", a.seeds, rng)["c11"]
        sims = np.array([kurtosis(g[i]) if i else (0.0, 0.0) for i in range(depth)])
        ex, le = exact(layer=layers, width=w, slope=0.0), lead(layer=layers, width=w, slope=0.0)
        results[w] = (layers, sims, ex)
        for i in sorted({1, depth // 4, depth // 2, 3 * depth // 4, depth - 1} - {0}):
            z = (sims[i, 0] - ex[i]) / sims[i, 1]
            print(f"{w:>5} {layers[i]:>5} {(layers[i] - 1) / w:>8.4f} {sims[i, 0]:>8.4f} ± {sims[i, 1]:<6.4f} {ex[i]:>8.4f} {le[i]:>8.4f} {z:>8.2f}")
    if a.out:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
        tmax = a.max_ratio
        t = np.linspace(0, tmax, 200)
        ax.plot(t, 15 * t, "k--", lw=1, label="leading order 3V/(nK²) = 15 (l-1)/n")
        ax.plot(t, 3 * np.expm1(5 * t), "k:", lw=1, label=r"width → ∞ at fixed $t = (l-1)/n$: $3(e^{5t} - 1)$")
        for w, (layers, sims, ex) in results.items():
            x = (layers - 1) / w
            line = ax.plot(x, ex, lw=1)[0]
            ax.errorbar(x[1:], sims[1:, 0], yerr=2 * sims[1:, 1], fmt="o", ms=3, color=line.get_color(), label=f"width {w}: simulated, exact")
        ax.set_xlabel("effective depth (l - 1)/n")
        ax.set_ylabel("excess kurtosis of z at layer l")
        ax.set_xlim(0, tmax)
        ax.set_ylim(0, 3 * math.expm1(5 * tmax) * 1.1)
        ax.legend(fontsize=7)
        ax.set_title("ReLU at criticality: the kurtosis collapses onto the depth/width ratio", fontsize=9)
        fig.savefig(a.out, dpi=110)
        print(f"saved {a.out}")


if __name__ == "__main__":
    main()
