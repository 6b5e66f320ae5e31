"""transient_bbp: the phase diagram's cost, the kernels' cost, and the outlier's and the overlap's finite-N bias.

No peer computes this model, so there is no baseline ratio; the figures are lmech's own.

    python benchmarks/bench_transient_bbp.py            # phase diagram and kernels (medians of 3)
    python benchmarks/bench_transient_bbp.py --bias     # mean top eigenvalue - outlier, and mean overlap - overlap, against N
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from lmech import numeric
from lmech.numeric import sim


def median_time(call, repeat: int = 3) -> float:
    call()  # compile / warm
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def speed() -> None:
    thetas = np.linspace(0.1, 4.0, 64)[None, :]
    lam_minus = np.geomspace(0.01, 1.0, 64)[:, None]
    for s20 in (0.0, 0.5):
        took = median_time(lambda s20=s20: numeric.transient_bbp_phase(thetas, 0.5, 1.0, lam_minus, 1.0, s20))
        print(f"phase diagram 64 x 64 (regime, emergence and absorption times), sigma2_init={s20}: {took:.2f} s (median of 3)")
    t = np.geomspace(0.05, 100, 10_000)
    edge, out = numeric.compile("transient_bbp.edge"), numeric.compile("transient_bbp.outlier")
    te = median_time(lambda: edge(t, 0.5, 1.0, 0.05, 1.0, 0.5))
    to = median_time(lambda: out(t, 2.0, 0.5, 1.0, 0.05, 1.0, 0.5))
    print(f"edge: {te / t.size * 1e6:.1f} us/point, outlier: {to / t.size * 1e6:.1f} us/point (10^4 times, median of 3)")


def bias(reps: int) -> None:
    """Mean top eigenvalue and mean squared overlap minus the formulas at a separated outlier, against N (O(1/N) expected)."""
    model = dict(t=2.0, theta=3.0, alpha=0.5, lam_plus=1.0, lam_minus=0.05, sigma2=1.0, sigma2_init=0.5)
    rng = np.random.default_rng(0)
    for name in ("outlier", "overlap"):
        print(f"{name} {float(numeric.compile(f'transient_bbp.{name}')(**model)):.6f} at {model}")
    for n in (300, 600, 1200, 2400):
        out = sim.transient_bbp_overlap(n, *model.values(), rng, reps=reps)
        for name, key, quick in (("outlier", "top", 48), ("overlap", "overlap", 24)):
            vals = out[key]
            se = vals.std(ddof=1) / np.sqrt(vals.size)
            gap = vals.mean() - float(numeric.compile(f"transient_bbp.{name}")(**model))
            quick_se = se * np.sqrt(vals.size / quick)
            line = f"N={n:5d} {name}: mean - formula = {gap:+.5f} +- {se:.5f}  (N x bias = {n * gap:+.2f}; "
            print(line + f"{gap / quick_se:+.2f} s.e. of a quick draw's {quick} replicates)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bias", action="store_true")
    ap.add_argument("--reps", type=int, default=400)
    args = ap.parse_args()
    bias(args.reps) if args.bias else speed()


if __name__ == "__main__":
    main()
