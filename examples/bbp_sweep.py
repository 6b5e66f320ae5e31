"""Sweeps on Dask: the BBP phase diagram and the outlier check over a parameter grid.

Two sweeps of the ``bbp.outlier`` check on a local cluster of worker processes:

* the phase diagram, without verdict: the formula next to the simulated top eigenvalue over
  (gamma, ratio = theta / sqrt(gamma)), on both sides of the threshold theta = sqrt(gamma);
* the check itself above threshold, where its CLT decision applies: one verdict per (point, seed).

The tables are the same with any number of workers. ``--plot DIR`` writes their figures.

    python examples/bbp_sweep.py [--n 200000] [--workers 2] [--seeds 2] [--plot DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from lmech import verify


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200000, help="matrix dimension of each simulation")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--plot", help="a directory for the figures (phase/ and check/)")
    args = ap.parse_args()

    from distributed import Client, LocalCluster  # the [dask] extra; one cluster serves both sweeps

    with LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=":0") as cluster, Client(cluster) as client:
        sweeps(args, client)


def sweeps(args: argparse.Namespace, client) -> None:
    phase_grid = {"gamma": list(np.geomspace(0.05, 1.0, 8)), "ratio": list(np.linspace(0.2, 3.0, 15))}
    phase = verify.sweep("bbp.outlier", phase_grid, n=args.n, client=client, verdict=False)
    theta = phase["ratio"] * np.sqrt(phase["gamma"])
    gap = (phase["observed"] - phase["predicted"]).abs()
    print(f"phase diagram: {len(phase)} points, largest |observed - predicted| {gap.max():.3g} (below threshold {gap[phase['ratio'] < 1].max():.3g})")
    print(f"  theta from {theta.min():.3g} to {theta.max():.3g}; statuses {phase['status'].value_counts().to_dict()}")

    grid = {"gamma": [0.05, 0.1, 0.2, 0.5, 1.0], "ratio": [2.0, 2.5, 3.0, 4.0]}
    frame = verify.sweep("bbp.outlier", grid, seeds=args.seeds, n=args.n, client=client)
    table = frame.groupby(["gamma", "ratio"]).agg(predicted=("predicted", "first"), observed=("observed", "mean"), min_p=("pvalue_adjusted", "min"))
    print(table.to_string(float_format=lambda v: f"{v:.5f}"))
    counts = frame["status"].value_counts().to_dict()
    print(
        f"bbp.outlier over {len(frame)} (point, seed) tasks on {frame['worker'].nunique()} workers: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    if args.plot:
        for sub, result in (("phase", phase), ("check", frame)):
            for path in verify.plot_sweep(result, Path(args.plot) / sub):
                print(f"wrote {path}")


if __name__ == "__main__":
    main()
