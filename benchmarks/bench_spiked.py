"""Spiked Wishart top eigenvalue + overlap at p = 1e7 (n = 2p), against a null-model stebz baseline.

Run: python benchmarks/bench_spiked.py [--p 1e7] [--repeat 3]
Both timings include sampling the tridiagonal model; the baseline is the plain
null-model sample plus scipy's stebz for the top eigenvalue, in the same run.
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
    ap.add_argument("--p", type=float, default=1e7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    p = int(args.p)
    rng = np.random.default_rng(0)
    theta, gamma = 2.0, 0.5
    base, ours = [], []
    sim.top_eigenvalue(sim.laguerre(1000, 2000, 1.0, rng))  # JIT warm-up outside the timings
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        t = sim.laguerre(p, 2 * p, 1.0, rng)
        scipy.linalg.eigvalsh_tridiagonal(t.d, t.e, select="i", select_range=(p - 1, p - 1), lapack_driver="stebz")
        base.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        t = sim.laguerre(p, 2 * p, 1.0, rng, spike=1.0 + theta)
        lam = sim.top_eigenvalue(t)
        ov = sim.eigenvector_first_component(t, lam, rng=rng)
        ours.append(time.perf_counter() - t0)
    tb, to = float(np.median(base)), float(np.median(ours))
    print(f"p = {p:.0e}, n = 2p, median of {args.repeat}")
    print(f"  baseline: null sample + stebz top eigenvalue       {tb:6.2f} s")
    print(f"  lmech: spiked sample + multisection + overlap (gtsv x2)   {to:6.2f} s   ratio {to / tb:.2f}")
    print(
        f"  outlier {lam:.5f} vs bbp.outlier {float(numeric.compile('bbp.outlier')(theta, gamma)):.5f}; "
        f"overlap {ov:.5f} vs bbp.overlap {float(numeric.compile('bbp.overlap')(theta, gamma)):.5f}"
    )


if __name__ == "__main__":
    main()
