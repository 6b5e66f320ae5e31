"""slt: calibrate the bias of the SGLD learning coefficient that the check ``slt.llc`` allows.

For every case of ``LLC_CASES`` (all of Aoyagi & Watanabe's cases, up to 30 parameters), lambda-hat
on DATASETS reduced-rank datasets at n = 10^4 with the check's sampler settings
(``sim.llc_reduced_rank`` defaults), against the predicted lambda - (m - 1)/log t. Prints the mean
ratio, its standard error and the ratio's z against 1 per case, and the worst |ratio - 1|: the check's
allowance ``LLC_ALLOWANCE`` must exceed it.

    python benchmarks/calibrate_llc.py [datasets]
"""

from __future__ import annotations

import math
import sys
import time

import numpy as np

from lmech import numeric
from lmech.numeric import sim
from lmech.verify.checks._slt import LLC_ALLOWANCE, LLC_CASES

N = 10_000


def main(datasets: int) -> None:
    lam = numeric.compile("slt.rlct_reduced_rank")
    mult = numeric.compile("slt.multiplicity_reduced_rank")
    worst = (0.0, None)
    start = time.perf_counter()
    for k, case in enumerate(LLC_CASES):
        args = dict(zip(("d_in", "d_out", "rank", "true_rank"), case))
        rng = np.random.default_rng(np.random.SeedSequence([20261203, k]))
        out = sim.llc_reduced_rank(N, **args, datasets=datasets, rng=rng)
        pred = float(lam(**args)) - (int(mult(**args)) - 1) / math.log(out["t"])
        ratio = out["llc"] / pred
        mean, se = float(ratio.mean()), float(ratio.std(ddof=1) / math.sqrt(datasets))
        d = case[2] * (case[0] + case[1])
        print(f"{case}  params={d:2d}  predicted={pred:7.4f}  d/2={d / 2:5.1f}  lambda-hat/predicted={mean:.4f} +- {se:.4f}  z={(mean - 1) / se:+.1f}")
        if abs(mean - 1) > worst[0]:
            worst = (abs(mean - 1), case)
    print(f"worst |ratio - 1| = {worst[0]:.4f} at {worst[1]}; the check allows {LLC_ALLOWANCE}; {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 64)
