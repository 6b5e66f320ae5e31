"""deeplinear.mode over a 10^7-point (t, s) grid: numba codegen against lambdify-numpy, and the
batched gradient-descent simulator's throughput, in the same run.

Run: python benchmarks/bench_deeplinear.py [--points 1e7] [--repeat 5]
"""

from __future__ import annotations

import argparse

import numpy as np
from _timing import median_time

from lmech import numeric
from lmech.numeric import sim


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=float, default=1e7)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    side = int(round(np.sqrt(args.points)))
    t, s = np.meshgrid(np.linspace(0.0, 20.0, side), np.linspace(0.1, 5.0, side))
    t, s = t.ravel(), s.ravel()
    fast, base = numeric.compile("deeplinear.mode", "numba"), numeric.compile("deeplinear.mode", "numpy")
    fast(t[:10], s[:10], 1e-3, 1.0)
    out = np.empty_like(t)
    t_fast = median_time(lambda: fast(t, s, 1e-3, 1.0), args.repeat)
    t_out = median_time(lambda: fast(t, s, 1e-3, 1.0, out=out), args.repeat)
    t_base = median_time(lambda: base(t, s, 1e-3, 1.0), args.repeat)
    err = np.max(np.abs(fast(t, s, 1e-3, 1.0) - base(t, s, 1e-3, 1.0)) / base(t, s, 1e-3, 1.0))
    print(f"deeplinear.mode on a {t.size:.1e}-point (t, s) grid, median of {args.repeat}")
    print(f"  lambdify-numpy          {t_base * 1e3:8.1f} ms")
    print(f"  lmech numba             {t_fast * 1e3:8.1f} ms   ratio {t_base / t_fast:6.1f}x")
    print(f"  lmech numba, out=       {t_out * 1e3:8.1f} ms   ratio {t_base / t_out:6.1f}x   (max rel. difference {err:.1e})")

    rng = np.random.default_rng(0)
    s_teacher = np.array([3.0, 2.0, 1.0])
    sim.deep_linear_gd(s_teacher, (6, 6, 6), 0.01, 0.1, rng, reps=2)  # JIT load
    for dims, reps in (((6, 6, 6), 64), ((8, 8, 8, 8), 64)):
        steps = 5000
        dt = median_time(
            lambda dims=dims, reps=reps, steps=steps: sim.deep_linear_gd(s_teacher, dims, 0.002, steps * 0.002, rng, reps=reps, record_every=0.1), 3
        )
        print(f"  gradient descent, dims {dims}, {reps} seeds x {steps} steps: {dt:.2f} s = {reps * steps / dt:,.0f} seed-steps/s")


if __name__ == "__main__":
    main()
