"""gmp.density at 1e6 points, k = 8 atoms: lmech (numba, on the real axis) vs the fixed-point
iteration at z = x + i eta that MATLAB's EigenEdge (compute_esd_fp) and most scripts use,
vectorised in numpy.

Run: python benchmarks/bench_gmp.py [--points 1e6] [--baseline-points 1e5] [--repeat 5]

The baseline iterates u <- 1/(-z + gamma sum_i w_i t_i/(1 + t_i u)) (damped by 1/2) from
u = -1/z until every point's relative change is below 1e-13 or 20000 sweeps. It is timed on
``--baseline-points`` points (its cost is linear in the points) and compared per point. Its
accuracy against lmech's axis solution (itself checked against the polyroots oracle in the tests)
is printed for eta = 1e-3, 1e-6 and 1e-9: the O(eta) (O(sqrt eta) at the edges) bias of leaving
the axis, and the sweeps it needed.
"""

from __future__ import annotations

import argparse
import time

import numba
import numpy as np
from _timing import median_time

from lmech import numeric


def fixed_point(x: np.ndarray, eta: float, gamma: float, t: np.ndarray, w: np.ndarray, tol: float = 1e-13, cap: int = 20000):
    z = x + 1j * eta
    u = -1.0 / z
    sweeps = 0
    while sweeps < cap:
        sweeps += 1
        new = 1.0 / (-z + gamma * ((w * t) / (1.0 + np.multiply.outer(u, t))).sum(axis=-1))
        new = 0.5 * (u + new)
        done = np.abs(new - u) <= tol * np.abs(new)
        u = new
        if done.all():
            break
    return u.imag / (np.pi * gamma), sweeps


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=float, default=1e6)
    ap.add_argument("--baseline-points", type=float, default=1e5)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    gamma = 0.3
    t = np.geomspace(0.5, 8.0, 8)
    w = np.full(8, 1 / 8)
    dens = numeric.compile("gmp.density")
    top = float(numeric.compile("gmp.upper_edge")(gamma, t, w))
    rng = np.random.default_rng(0)
    x = rng.uniform(0.0, 1.05 * top, int(args.points))
    start = time.perf_counter()
    dens(x[:10], gamma, t, w)
    first = time.perf_counter() - start
    print(f"gmp.density, k = 8 atoms, gamma = {gamma}, {numba.get_num_threads()} threads; first call (compile or cache load) {first:.2f} s")
    t_lmech = median_time(lambda: dens(x, gamma, t, w), args.repeat, warmup=True)
    print(f"  lmech (axis solve, certified): {x.size:.0e} points in {t_lmech:.3f} s median of {args.repeat} ({t_lmech / x.size * 1e9:.0f} ns/point)")
    xb = x[: int(args.baseline_points)]
    ref = dens(xb, gamma, t, w)
    inside = ref > 0
    for eta in (1e-3, 1e-6, 1e-9):
        start = time.perf_counter()
        base, sweeps = fixed_point(xb, eta, gamma, t, w)
        tb = time.perf_counter() - start
        err = np.abs(base - ref)
        rel = np.max(err[inside] / ref[inside])
        per_point = tb / xb.size
        print(
            f"  fixed point at eta = {eta:.0e}: {xb.size:.0e} points in {tb:.2f} s ({per_point * 1e9:.0f} ns/point, {sweeps} sweeps); "
            f"max abs error {err.max():.2e}, max rel error inside the support {rel:.2e}; lmech is {per_point / (t_lmech / x.size):.0f}x faster per point"
        )


if __name__ == "__main__":
    main()
