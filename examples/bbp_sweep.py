"""A sweep on Dask: the BBP outlier check mapped over a (gamma, ratio) grid and seeds on a local
cluster of worker processes; the table is the same with any number of workers.

    python examples/bbp_sweep.py [--n 200000] [--workers 2] [--seeds 2] [--plot sweep.png]
"""

from __future__ import annotations

import argparse

from lmech import verify


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200000, help="matrix dimension of each simulation")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--plot", help="write a PNG of observed / predicted outlier over the grid")
    args = ap.parse_args()

    grid = {"gamma": [0.05, 0.1, 0.2, 0.5, 1.0], "ratio": [2.0, 2.5, 3.0, 4.0]}
    frame = verify.sweep("bbp.outlier", grid, seeds=args.seeds, n=args.n, workers=args.workers)
    table = frame.groupby(["gamma", "ratio"]).agg(predicted=("predicted", "first"), observed=("observed", "mean"), min_p=("pvalue_adjusted", "min"))
    print(table.to_string(float_format=lambda v: f"{v:.5f}"))
    counts = frame["status"].value_counts().to_dict()
    print(
        f"bbp.outlier over {len(frame)} (point, seed) tasks on {frame['worker'].nunique()} workers: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        ratio = (table["observed"] / table["predicted"]).unstack("ratio")
        fig, ax = plt.subplots(figsize=(5, 4))
        im = ax.imshow(ratio.values, origin="lower", cmap="coolwarm", vmin=0.99, vmax=1.01, aspect="auto")
        ax.set_xticks(range(len(ratio.columns)), [f"{c:g}" for c in ratio.columns])
        ax.set_yticks(range(len(ratio.index)), [f"{g:g}" for g in ratio.index])
        ax.set_xlabel("ratio theta / sqrt(gamma)")
        ax.set_ylabel("gamma")
        fig.colorbar(im, label="observed / predicted outlier")
        fig.tight_layout()
        fig.savefig(args.plot, dpi=120)
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
