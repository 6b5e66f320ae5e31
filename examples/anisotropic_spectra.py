"""Deterministic equivalents: the generalised MP law of a two-atom population spectrum (a split
support), the vector Dyson law of a block variance profile, both against dense simulation.

    python examples/anisotropic_spectra.py [--p 1500] [--plot out.png]
"""

from __future__ import annotations

import argparse

import numpy as np

from lmech import numeric, verify
from lmech.numeric import sim


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--p", type=int, default=1500, help="dimension of the simulated matrices")
    ap.add_argument("--plot", help="write a PNG of the histograms under the solved densities")
    args = ap.parse_args()

    # Sigma has half its eigenvalues at 1 and half at 10; p/n = 0.2 splits the support in two
    law = {"gamma": 0.2, "atoms": [1.0, 10.0], "weights": [0.5, 0.5]}
    bands = numeric.support_intervals("gmp.density", **law)
    print("gmp bands:", ", ".join(f"[{lo:.6f}, {hi:.6f}]" for lo, hi in bands))
    cdf = numeric.compile("gmp.cdf")
    gap = 0.5 * (bands[0][1] + bands[1][0])
    print(f"gmp.cdf in the gap: {float(cdf(gap, **law)):.12f} (the first atom's weight: exact separation)")
    print(f"gmp.edge_scale (El Karoui's TW scale): {float(numeric.compile('gmp.edge_scale')(**law)):.10f}")

    rng = np.random.default_rng(2026)
    p = args.p
    n = round(p / law["gamma"])
    eigs, w = sim.anisotropic_wishart_eigenvalues(p, n, law["atoms"], law["weights"], rng)
    f = cdf(eigs, p / n, law["atoms"], w)
    i = np.arange(p)
    ks = np.max(np.maximum(np.abs((i + 1) / p - f), np.abs(i / p - f)))
    print(f"simulated p={p}, n={n}: Kolmogorov distance {ks:.5f} (log N/N bound {verify.decisions.esd_kolmogorov_bound(p, p, 1.0):.5f})")

    # a Wigner-type matrix whose two blocks have variances 1 and 3 (and 0.2 across)
    profile = {"alpha": [0.5, 0.5], "S": [[1.0, 0.2], [0.2, 3.0]]}
    edge = float(numeric.compile("dyson.upper_edge")(**profile))
    print(f"dyson.upper_edge: {edge:.12f}")
    h, _ = sim.block_wigner_eigenvalues(p, profile["alpha"], profile["S"], rng)
    print(f"largest simulated eigenvalue {h[-1]:.4f} (edge {edge:.4f}, TW scale ~ N^-2/3 = {p ** (-2 / 3):.4f})")

    for cid in ("gmp.esd", "dyson.esd"):
        r = verify.run(cid, seed=0, n=p)
        for v in r.verdicts:
            print(v.summary())

    if args.plot:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(9, 3.5))
        a, b = fig.subplots(1, 2)
        x = np.linspace(0.01, 1.05 * bands[-1][1], 3000)
        a.hist(eigs, bins=150, density=True, alpha=0.4)
        a.plot(x, numeric.compile("gmp.density")(x, **law), lw=1)
        a.set_title("gmp: atoms (1, 10), gamma = 0.2")
        xx = np.linspace(-1.05 * edge, 1.05 * edge, 2000)
        b.hist(h, bins=120, density=True, alpha=0.4)
        b.plot(xx, numeric.compile("dyson.density")(xx, **profile), lw=1)
        b.set_title("dyson: two blocks")
        fig.savefig(args.plot, dpi=120)
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
