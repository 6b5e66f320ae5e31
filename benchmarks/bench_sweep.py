"""Sweeps on Dask: scaling from 1 to 2 local workers, and the per-task overhead against running
the same tasks in-process (the baseline every sweep is measured against).

    python benchmarks/bench_sweep.py [--n 1e6] [--points 64] [--repeat 1]
"""

from __future__ import annotations

import argparse

import distributed
import numpy as np
from _timing import median_time

from lmech import verify
from lmech.verify._sweep import grid_points, local_cluster, sweep_task


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=float, default=1e6)
    ap.add_argument("--points", type=int, default=64, help="a square grid of about this many points")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    side = max(1, round(args.points**0.5))
    grid = {"gamma": list(np.geomspace(0.05, 1.0, side)), "ratio": list(np.linspace(2.0, 4.0, side))}
    n = int(args.n)
    times = {}
    for k in (1, 2):
        with local_cluster(distributed, k, dashboard=None) as cluster, distributed.Client(cluster) as client:
            verify.sweep("bbp.outlier", {"gamma": [0.1]}, n=1000, client=client)  # imports and compiles on the workers
            times[k] = median_time(lambda client=client: verify.sweep("bbp.outlier", grid, n=n, client=client), args.repeat)
        print(f"bbp.outlier, {side * side} points at n={n:.0e}: {k} worker(s) {times[k]:.2f} s")
    print(f"scaling 1 -> 2 workers: {times[1] / times[2]:.2f}x")

    cheap = {"gamma": [0.1, 0.2, 0.3, 0.4], "ratio": [2.0, 2.5, 3.0, 3.5]}
    points = grid_points(verify.get_check("bbp.outlier"), cheap)

    def in_process():
        for s in range(4):
            for i, p in enumerate(points):
                sweep_task("bbp.outlier", i, p, s, 2000, "quick", "cpu", 0.05)

    base = median_time(in_process, 3, warmup=True)
    with local_cluster(distributed, 1, dashboard=None) as cluster, distributed.Client(cluster) as client:
        dask_t = median_time(lambda: verify.sweep("bbp.outlier", cheap, seeds=4, n=2000, client=client), 3, warmup=True)
    print(f"64 cheap tasks (n=2000): in-process {base:.2f} s, sweep on 1 worker {dask_t:.2f} s: overhead {(dask_t - base) / 64 * 1e3:.1f} ms/task")


if __name__ == "__main__":
    main()
