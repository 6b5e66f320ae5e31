"""mp.density at 1e7 points: generated numba vs lambdify-numpy vs a hand-written prange kernel.

Run: python benchmarks/bench_density.py [--points 1e7] [--repeat 7]
Prints medians and ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import math
import os

import numba
import numpy as np
from _timing import median_time
from numba import njit, prange

from lmech import numeric


@njit(parallel=True, cache=True, error_model="numpy")
def hand_written(x, gamma, sigma2, out):
    a = sigma2 * (1.0 - math.sqrt(gamma)) ** 2
    b = sigma2 * (1.0 + math.sqrt(gamma)) ** 2
    c = 1.0 / (2.0 * math.pi * gamma * sigma2)
    for i in prange(x.size):
        xi = x[i]
        out[i] = math.sqrt((b - xi) * (xi - a)) * c / xi if a < xi < b else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=float, default=1e7)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    x = np.random.default_rng(0).uniform(-0.5, 3.5, int(args.points))
    gamma, sigma2 = 0.5, 1.0
    numpy_k = numeric.compile("mp.density", "numpy")
    numba_k = numeric.compile("mp.density", "numba")
    out = np.empty_like(x)
    ref = numpy_k(x, gamma, sigma2, check=False)
    hand_written(x, gamma, sigma2, out)
    assert np.allclose(numba_k(x, gamma, sigma2), ref, rtol=1e-13, atol=0) and np.allclose(out, ref, rtol=1e-13, atol=0)
    t_numpy = median_time(lambda: numpy_k(x, gamma, sigma2, check=False), args.repeat, warmup=True)
    t_numba = median_time(lambda: numba_k(x, gamma, sigma2, check=False), args.repeat, warmup=True)
    t_numba_checked = median_time(lambda: numba_k(x, gamma, sigma2), args.repeat, warmup=True)
    t_numba_out = median_time(lambda: numba_k(x, gamma, sigma2, check=False, out=out), args.repeat, warmup=True)
    t_numba_out_checked = median_time(lambda: numba_k(x, gamma, sigma2, out=out), args.repeat, warmup=True)
    t_hand = median_time(lambda: hand_written(x, gamma, sigma2, out), args.repeat, warmup=True)
    t_hand_alloc = median_time(lambda: hand_written(x, gamma, sigma2, np.empty_like(x)), args.repeat, warmup=True)
    # without the result-buffer pool every call pays the kernel's page faults on a fresh array
    os.environ["LMECH_POOL_MB"] = "0"
    t_fresh = median_time(lambda: numba_k(x, gamma, sigma2, check=False), args.repeat, warmup=True)
    t_fresh_checked = median_time(lambda: numba_k(x, gamma, sigma2), args.repeat, warmup=True)
    del os.environ["LMECH_POOL_MB"]
    print(f"mp.density, {x.size:.0e} points, {numba.get_num_threads()} threads, median of {args.repeat}")
    print(f"  lambdify-numpy                    {t_numpy * 1e3:9.2f} ms")
    print("                                     unchecked     checked   checked/unchecked  checked vs numpy")
    for label, t_u, t_c in (
        ("lmech numba (allocating, pool)", t_numba, t_numba_checked),
        ("lmech numba (allocating, fresh)", t_fresh, t_fresh_checked),
        ("lmech numba (out=buffer)", t_numba_out, t_numba_out_checked),
    ):
        print(f"  {label:32s} {t_u * 1e3:9.2f} ms {t_c * 1e3:9.2f} ms {t_c / t_u:12.2f}x {t_numpy / t_c:14.1f}x")
    print(f"  hand-written prange (buffer)      {t_hand * 1e3:9.2f} ms")
    print(f"  hand-written + np.empty           {t_hand_alloc * 1e3:9.2f} ms")
    print(f"  generated / hand-written, both into a buffer:     {t_numba_out / t_hand:5.2f}x (target <= 1.1)")
    print(f"  generated / hand-written, both allocating fresh:  {t_fresh / t_hand_alloc:5.2f}x (target <= 1.1)")
    print(f"  default checked call vs lambdify-numpy:           {t_numpy / t_numba_checked:5.1f}x (target >= 15)")


if __name__ == "__main__":
    main()
