"""How much tighter the RLCT bound is than the parameter count's, on a singular model, over n.

The model is the 1-1-1 reduced-rank regression with bounded data at a true product 0
(``sim.bounded_gibbs_risk``): two parameters (d/2 = 1) but lambda = 1/2 and m = 2 (Aoyagi &
Watanabe's ``slt.rlct_reduced_rank``). For each n the Gibbs posterior at omega n is computed
exactly on every dataset, and three curves are drawn against n:

* the seed bound (``slt.seed_bound``) with lambda = 1/2, m = 2 and C0 the exact remainder of the
  population free energy: it is then the rigorous two-step bound (``theory.derive_gibbs_risk_bound``);
* the same formula with the parameter count, lambda = d/2 = 1, m = 1, and the same C0;
* the Gibbs posterior's excess risk: its mean and its 1 - delta quantile over datasets (what an
  exact 1 - delta bound would be).

    python examples/slt_tightness.py [--datasets 2000] [--omega 0.1] [--sigma 0.5] [--out slt_tightness.png]
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from lmech import numeric
from lmech.numeric import sim


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=int, default=2000)
    ap.add_argument("--omega", type=float, default=0.1)
    ap.add_argument("--sigma", type=float, default=0.5)
    ap.add_argument("--delta", type=float, default=0.05)
    ap.add_argument("--sizes", type=int, default=9, help="sample sizes, log-spaced over 10^2..10^4")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None, help="where to save the figure (PNG)")
    a = ap.parse_args()

    seed_bound = numeric.compile("slt.seed_bound")
    kappa = float(numeric.compile("slt.bernstein_kappa")(omega=a.omega, L=1 + 4 * a.sigma**2, b=1 + 2 * a.sigma))
    free = numeric.compile("slt.free_energy_monomial")
    lam = float(numeric.compile("slt.rlct_reduced_rank")(d_in=1, d_out=1, rank=1, true_rank=0))
    m = int(numeric.compile("slt.multiplicity_reduced_rank")(d_in=1, d_out=1, rank=1, true_rank=0))
    rng = np.random.default_rng(np.random.SeedSequence([a.seed, 18]))
    ns = np.unique(np.round(np.logspace(2, 4, a.sizes)).astype(int))
    rows = []
    print(f"lambda = {lam}, m = {m}, d/2 = 1, omega = {a.omega}, sigma = {a.sigma}, delta = {a.delta}, kappa = {kappa:.4f}")
    print(f"{'n':>6} {'RLCT bound':>11} {'d/2 bound':>11} {'ratio':>6} {'mean risk':>10} {'1-delta q':>10} {'RLCT/q':>7} {'violations':>10}")
    for n in ns:
        t = a.omega * n
        c0 = float(free(n=t * (1 + kappa) / 2, k1=1, k2=1, h1=0.0, h2=0.0)) - lam * math.log(n) + (m - 1) * math.log(math.log(n))
        common = {"n": float(n), "delta": a.delta, "omega": a.omega, "L": 2 * kappa / a.omega, "C0": c0}
        rlct = float(seed_bound(lam=lam, m=m, **common))
        regular = float(seed_bound(lam=1.0, m=1, **common))
        risk = sim.bounded_gibbs_risk(int(n), a.sigma, a.omega, a.datasets, rng)["risk"]
        q = float(np.quantile(risk, 1 - a.delta))
        rows.append((n, rlct, regular, float(risk.mean()), q))
        print(f"{n:>6} {rlct:>11.4g} {regular:>11.4g} {regular / rlct:>6.2f} {risk.mean():>10.4g} {q:>10.4g} {rlct / q:>7.1f} {int(np.sum(risk > rlct)):>10}")
    if a.out:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        r = np.array(rows)
        fig, ax = plt.subplots(figsize=(6.4, 4.4), layout="constrained")
        ax.loglog(r[:, 0], r[:, 2], "s-", label="bound with the parameter count (d/2 = 1, m = 1)")
        ax.loglog(r[:, 0], r[:, 1], "o-", label="RLCT bound (lambda = 1/2, m = 2)")
        ax.loglog(r[:, 0], r[:, 4], "^--", label=f"posterior excess risk, {1 - a.delta:g} quantile over datasets")
        ax.loglog(r[:, 0], r[:, 3], "v:", label="posterior excess risk, mean over datasets")
        ax.set_xlabel("n")
        ax.set_ylabel("excess risk of the Gibbs posterior")
        ax.set_title(f"1-1-1 reduced rank at ab = 0: omega = {a.omega}, sigma = {a.sigma}, delta = {a.delta}", fontsize=9)
        ax.legend(fontsize=8)
        fig.savefig(a.out, dpi=110)
        print(f"saved {a.out}")


if __name__ == "__main__":
    main()
