"""One result through every stage: derive, export, compile, check against simulation.

Run: python examples/mp_pipeline.py [--n 100000]
"""

from __future__ import annotations

import argparse

import numpy as np

from lmech import numeric, theory, verify


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10**5)
    args = ap.parse_args()

    f = theory.get("mp.density")
    print("derived from the Stieltjes quadratic:", f.derive())
    print("LaTeX:", theory.latex(f)[:80], "...")
    print(theory.c(f).splitlines()[-1])

    density = numeric.compile(f)
    x = np.linspace(0.0, 3.0, 7)
    print("density at", x, "=", density(x, gamma=0.5, sigma2=1.0))

    # one simulation per draw judges the true formula and its wrong twin (gamma off by 2%)
    result = verify.run("mp.cdf", n=args.n, seed=0, draws=2)
    for verdict in result.verdicts:
        print(verdict.summary())


if __name__ == "__main__":
    main()
