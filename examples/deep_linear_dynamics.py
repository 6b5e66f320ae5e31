"""Deep linear networks: derive the learning curves, evaluate them, and train real networks.

Run: python examples/deep_linear_dynamics.py [--reps 8]
"""

from __future__ import annotations

import argparse

import numpy as np

from lmech import numeric, theory, verify
from lmech.numeric import sim


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=8)
    args = ap.parse_args()

    # 1. derivations: dsolve on the per-mode ODE gives Saxe's logistic; solve() gives the learning time
    mode = theory.get("deeplinear.mode")
    print("mode derived by dsolve:", mode.derive())
    print("learning_time derived by solve:", theory.get("deeplinear.learning_time").derive())
    print(theory.latex(mode))

    # 2. the curves: two layers, an unbalanced start, and depth 3 (implicit, Newton kernels)
    t = np.linspace(0.0, 4.0, 5)
    print("u(t), depth 2:      ", np.round(numeric.compile("deeplinear.mode")(t, 2.0, 0.01, 1.0), 4))
    print("u(t), a0=0.5 b0=0.02:", np.round(numeric.compile("deeplinear.mode_unbalanced")(t, 2.0, 0.01, 0.25 - 0.0004, 1.0), 4))
    print("u(t), depth 3:      ", np.round(numeric.compile("deeplinear.mode_deep")(t, 2.0, 0.01, 1.0, 3), 4))

    # 3. real training: gradient descent on weight matrices, many seeds at once
    s = np.array([3.0, 2.0, 1.0])
    tr = sim.deep_linear_gd(s, (6, 8, 6), 0.002, 14.0, np.random.default_rng(0), init="small", scale=1e-4, reps=args.reps)
    half = [float(tr.times[np.argmax(tr.modes[0, :, a] >= s[a] / 2)]) for a in range(3)]
    print("half-learning times (strongest mode first):", np.round(half, 3), " s * t_1/2:", np.round(s * half, 3))

    # 4. the checks and their sensitivity tests
    for cid in ("deeplinear.mode", "deeplinear.mode_deep"):
        for verdict in verify.run(cid, seed=0, draws=1).verdicts:  # the true formula, then the wrong one
            print(verdict.summary())


if __name__ == "__main__":
    main()
