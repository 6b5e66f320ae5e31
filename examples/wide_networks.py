"""The NNGP kernel and the NTK against depth: the infinite-width recursions next to finite ReLU networks.

For one pair of inputs (q1 = q2 = 1, correlation 0.3) and C_W = 2, C_b = 0.1, prints and plots
against depth:

* ``nngp.relu_nngp`` and the mean conditional NNGP E[f f' | last hidden layer] of ``--seeds``
  networks at two widths (``sim.mlp_pair``, exact-in-law forward passes), with standard errors;
* ``nngp.relu_ntk`` and the mean empirical NTK of explicit networks (``sim.mlp_ntk``,
  backpropagation) at width ``--ntk-width``.

    python examples/wide_networks.py [--seeds 2000] [--max-depth 8] [--out wide_networks.png]
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from lmech import numeric
from lmech.numeric import sim


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=2000)
    ap.add_argument("--max-depth", type=int, default=8)
    ap.add_argument("--widths", type=int, nargs=2, default=[128, 1024])
    ap.add_argument("--ntk-width", type=int, default=128)
    ap.add_argument("--ntk-seeds", type=int, default=200)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    cw, cb, rho = 2.0, 0.1, 0.3
    rng = np.random.default_rng(np.random.SeedSequence([17, 1]))
    d = 10
    x1 = rng.standard_normal(d)
    x1 *= math.sqrt(d) / np.linalg.norm(x1)
    v = rng.standard_normal(d)
    v -= (v @ x1) / d * x1
    v *= math.sqrt(d) / np.linalg.norm(v)
    x2 = rho * x1 + math.sqrt(1 - rho * rho) * v
    q1, q2, q12 = (float(u @ w / d) for u, w in ((x1, x1), (x2, x2), (x1, x2)))
    depths = np.arange(1, a.max_depth + 1)
    k = numeric.compile("nngp.relu_nngp")(depth=depths, q1=q1, q2=q2, q12=q12, C_W=cw, C_b=cb)
    t = numeric.compile("nngp.relu_ntk")(depth=depths, q1=q1, q2=q2, q12=q12, C_W=cw, C_b=cb)
    rows = []
    print(f"ReLU, C_W = {cw}, C_b = {cb}, rho = {rho}; NNGP means over {a.seeds} networks, NTK over {a.ntk_seeds}")
    print(f"{'depth':>5} {'K':>8} " + " ".join(f"{'width ' + str(w):>16}" for w in a.widths) + f" {'Theta':>8} {'NTK width ' + str(a.ntk_width):>18}")
    for i, depth in enumerate(depths):
        sims = []
        for w in a.widths:
            s = sim.mlp_pair(q1, q2, q12, int(depth), w, cw, cb, "relu", a.seeds, rng)["nngp"]
            sims.append((s.mean(), s.std(ddof=1) / math.sqrt(s.size)))
        ntk = sim.mlp_ntk(x1, x2, int(depth), a.ntk_width, cw, cb, "relu", a.ntk_seeds, rng)["ntk"]
        nt = (ntk.mean(), ntk.std(ddof=1) / math.sqrt(ntk.size))
        rows.append((depth, k[i], sims, t[i], nt))
        cells = " ".join(f"{m:>8.4f} ± {e:<5.4f}" for m, e in sims)
        print(f"{depth:>5} {k[i]:>8.4f} {cells} {t[i]:>8.3f} {nt[0]:>9.3f} ± {nt[1]:<6.3f}")
    if a.out:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.8), layout="constrained")
        ax1.plot(depths, k, "k-", label="relu_nngp (infinite width)")
        for j, w in enumerate(a.widths):
            m = np.array([r[2][j] for r in rows])
            ax1.errorbar(depths + 0.1 * (j - 0.5), m[:, 0], yerr=2 * m[:, 1], fmt="o", ms=4, label=f"width {w}, {a.seeds} networks")
        ax1.set_xlabel("depth")
        ax1.set_ylabel("K(x, x')")
        ax1.legend(fontsize=8)
        nt = np.array([r[4] for r in rows])
        ax2.plot(depths, t, "k-", label="relu_ntk (infinite width)")
        ax2.errorbar(depths, nt[:, 0], yerr=2 * nt[:, 1], fmt="s", ms=4, label=f"empirical NTK, width {a.ntk_width}")
        ax2.set_xlabel("depth")
        ax2.set_ylabel("Theta(x, x')")
        ax2.legend(fontsize=8)
        fig.savefig(a.out, dpi=110)
        print(f"saved {a.out}")


if __name__ == "__main__":
    main()
