"""PAC-Bayes bounds: evaluate every bound, invert kl fast, and check coverage by simulation.

Run: python examples/pac_bayes_bounds.py [--datasets 2000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from lmech import numeric, theory, verify
from lmech.numeric import sim


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", type=int, default=2000)
    args = ap.parse_args()

    # 1. every bound at one point (THEORY.md §6 worked example: emp_risk 0.1, KL 5, n 1000, delta 0.05)
    point = {"emp_risk": 0.1, "kl": 5.0, "n": 1000, "delta": 0.05}
    lam = float(numeric.compile("pacbayes.lambda_opt")(**point))
    for name, extra in (("mcallester", {}), ("kl_bound", {}), ("quadratic", {}), ("lambda_bound", {"lam": lam}), ("catoni", {"C": 2.0})):
        print(f"{name:>13}: {float(numeric.compile(f'pacbayes.{name}')(**point, **extra)):.5f}")
    print(f"   lambda_opt: {lam:.4f}  (lambda_bound there equals quadratic)")

    # 2. the kl inverse on a million pairs, against the 50-digit oracle on a few
    rng = np.random.default_rng(0)
    q, c = rng.random(10**6), rng.exponential(0.05, 10**6)
    kern = numeric.compile("pacbayes.kl_inverse_upper")
    kern(q[:10], c[:10])
    t0 = time.perf_counter()
    p = kern(q, c)
    print(f"kl_inverse_upper at 1e6 pairs: {time.perf_counter() - t0:.3f} s")
    ref = numeric.compile("pacbayes.kl_inverse_upper", "mpmath")(q[:5], c[:5])
    print("max relative error vs mpmath on 5 pairs:", max(abs(float(r) - v) / float(r) for r, v in zip(ref, p[:5])))

    # 3. coverage: the Gibbs posterior over 50 threshold classifiers, many datasets at once
    smp = sim.threshold_classifiers(200, args.datasets, rng, noise=0.05, posterior="gibbs", beta=1.0)
    prm = {"delta": 0.05}
    for name in ("mcallester", "kl_bound", "quadratic"):
        bound = numeric.compile(f"pacbayes.{name}")(smp.emp_risk, smp.kl, smp.n, prm["delta"])
        print(f"{name:>13}: violation rate {smp.violations(bound).mean():.4f} (must be <= 0.05), mean bound - true risk {np.mean(bound - smp.true_risk):.4f}")
    print("empirical risk alone: violation rate", smp.violations(smp.emp_risk).mean())

    # 4. the packaged check, and its sensitivity test (the kl bound with its complexity /100)
    result = verify.run("pacbayes.kl_bound", seed=0, draws=1)  # one simulation judges both
    for verdict in result.verdicts:
        print(verdict.summary())

    # 5. exports: the kl bound's residual and solver as C, the McAllester bound as LaTeX
    print(theory.latex(theory.get("pacbayes.mcallester")))
    print(theory.c(theory.get("pacbayes.kl_bound")).splitlines()[0])


if __name__ == "__main__":
    main()
