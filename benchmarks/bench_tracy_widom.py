"""Tracy-Widom CDF at 1e5 points spread over [-12, 14], both beta: lmech vs scikit-rmt and TracyWidom.

Run: pip install scikit-rmt TracyWidom; python benchmarks/bench_tracy_widom.py [--points 1e5] [--repeat 7]
Prints medians, ratios measured in the same run, and each method's worst relative error in F
against the 40-digit mpmath oracle at --check points (the oracle is the Fredholm determinant).
The peers are benchmark-only packages, never lmech dependencies.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from _timing import median_time

from lmech import numeric


def _peers(beta: int) -> dict:
    peers = {}
    try:
        from skrmt.ensemble.spectral_law import TracyWidomDistribution

        peers["scikit-rmt"] = TracyWidomDistribution(beta=beta).cdf
    except ImportError:
        pass
    try:
        from TracyWidom import TracyWidom

        peers["TracyWidom"] = TracyWidom(beta=beta).cdf
    except ImportError:
        pass
    return peers


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=float, default=1e5)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--check", type=int, default=24, help="oracle points for the error column")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    x = rng.uniform(-12.0, 14.0, int(args.points))
    lmech_cdf = numeric.compile("tracy_widom.cdf")
    oracle = numeric.compile("tracy_widom.cdf", "mpmath")
    probe = np.concatenate([[-12.0, -10.0, -8.0, -6.0, -4.0], rng.uniform(-12.0, 14.0, max(args.check - 5, 0))])
    print(f"Tracy-Widom CDF, {x.size:.0e} points uniform on [-12, 14], median of {args.repeat}")
    for beta in (1, 2):
        ref = np.array([float(oracle(p, beta).item()) for p in probe])
        methods = {"lmech": lambda v, b=beta: lmech_cdf(v, b)} | _peers(beta)
        times, errors = {}, {}
        for name, fn in methods.items():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fn(x[:10])  # warm-up: interpolants and tables built once
                times[name] = median_time(lambda fn=fn: fn(x), args.repeat)
                errors[name] = float(np.max(np.abs(np.asarray(fn(probe), dtype=float) - ref) / ref))
        print(f"  beta = {beta}")
        for name in methods:
            ratio = times[name] / times["lmech"]
            print(f"    {name:12s} {times[name] * 1e3:9.2f} ms   {ratio:6.2f}x lmech's time   worst relative error {errors[name]:.2e}")


if __name__ == "__main__":
    main()
