"""ESD cost: Sturm counts on the tridiagonal model at p = 1e6 vs dense eigvalsh at p = 4000.

Run: python benchmarks/bench_esd.py [--p 1e6] [--dense-p 4000] [--points 256]
Time per eigenvalue resolved: the Sturm route reports the ECDF at K points of a p x p
matrix; dense eigvalsh returns all p eigenvalues of a smaller matrix.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import scipy.linalg

from lmech import numeric
from lmech.numeric import sim


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--p", type=float, default=1e6)
    ap.add_argument("--dense-p", type=int, default=4000)
    ap.add_argument("--points", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    p = int(args.p)
    rng = np.random.default_rng(0)
    grid = numeric.compile("mp.quantile")((np.arange(args.points) + 0.5) / args.points, 0.5, 1.0)
    sim.ecdf(sim.laguerre(1000, 2000, 1.0, rng), grid)  # compile
    sturm, dense = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        t = sim.laguerre(p, 2 * p, 1.0, rng)
        sim.ecdf(t, grid)
        sturm.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        x = rng.standard_normal((args.dense_p, 2 * args.dense_p))
        scipy.linalg.eigvalsh(x @ x.T / (2 * args.dense_p), driver="evd", overwrite_a=True)
        dense.append(time.perf_counter() - t0)
    ts, td = float(np.median(sturm)), float(np.median(dense))
    print(f"ESD of MP(gamma=0.5), median of {args.repeat} (sampling included)")
    print(f"  tridiagonal + Sturm, p={p:.0e}, K={args.points}: {ts:7.3f} s  ({ts / p * 1e9:8.1f} ns per eigenvalue)")
    print(f"  dense eigvalsh,      p={args.dense_p}:            {td:7.3f} s  ({td / args.dense_p * 1e9:8.1f} ns per eigenvalue)")
    print(f"  per-eigenvalue ratio dense/Sturm: {(td / args.dense_p) / (ts / p):.0f}x; matrix {p // args.dense_p}x larger")


if __name__ == "__main__":
    main()
