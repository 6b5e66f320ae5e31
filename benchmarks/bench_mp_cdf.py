"""mp.cdf at 1e6 points: lmech (numba, default checked call) vs scikit-rmt's MarchenkoPasturDistribution.cdf.

Run: pip install scikit-rmt; python benchmarks/bench_mp_cdf.py [--points 1e6] [--repeat 9]
Prints medians and ratios measured in the same run, and the largest difference between the two
(gamma <= 1, where both include the same mass; for gamma > 1 lmech's CDF includes the atom at 0).
scikit-rmt is a benchmark-only package, never an lmech dependency.
"""

from __future__ import annotations

import argparse
import warnings

import numba
import numpy as np
from _timing import median_time

from lmech import numeric


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=float, default=1e6)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    from skrmt.ensemble.spectral_law import MarchenkoPasturDistribution

    x = np.random.default_rng(0).uniform(-0.5, 3.5, int(args.points))
    cdf = numeric.compile("mp.cdf")
    print(f"mp.cdf, {x.size:.0e} points uniform on [-0.5, 3.5], {numba.get_num_threads()} threads, median of {args.repeat}")
    for gamma in (0.1, 0.5, 0.9, 2.0):
        peer = MarchenkoPasturDistribution(ratio=gamma, beta=1, sigma=1.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            diff = float(np.abs(peer.cdf(x) - cdf(x, gamma, 1.0)).max()) if gamma <= 1 else float("nan")
            t_peer = median_time(lambda peer=peer: peer.cdf(x), args.repeat, warmup=True)
        t_lmech = median_time(lambda gamma=gamma: cdf(x, gamma, 1.0), args.repeat, warmup=True)
        tail = f"max |diff| {diff:.1e}" if gamma <= 1 else "(lmech includes the atom at 0: no diff)"
        print(f"  gamma = {gamma}: scikit-rmt {t_peer * 1e3:8.2f} ms   lmech {t_lmech * 1e3:7.2f} ms   ratio {t_peer / t_lmech:5.2f}x   {tail}")


if __name__ == "__main__":
    main()
