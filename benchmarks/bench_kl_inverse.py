"""kl-inverse at 10^6 (q, c) pairs: lmech's generated Newton kernel against the baselines that
published PAC-Bayes code uses, in the same run.

Run: python benchmarks/bench_kl_inverse.py [--n 1e6] [--repeat 5] [--brentq-n 1e6]

Baselines:
  * a per-element ``scipy.optimize.brentq`` loop on [q, 1 - 1e-16] (returns 1 when kl(q||1-) <= c),
  * a plain 50-step vectorised numpy bisection on [q, 1] (the common repository approach),
  * 5 fixed Newton steps from p = q + sqrt(c/2) (another common shortcut), for accuracy only.
Pairs: q ~ U[0, 1], c ~ Exp(mean 0.05) (B/n of a typical bound). Medians over ``--repeat`` runs;
the brentq loop runs once (it takes tens of seconds). Agreement is the largest relative
difference from lmech over all pairs.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
from _timing import timed
from scipy.optimize import brentq

from lmech import numeric


def kl_scalar(q: float, p: float) -> float:
    a = q * math.log(q / p) if q > 0 else 0.0
    b = (1 - q) * math.log((1 - q) / (1 - p)) if q < 1 else 0.0
    return a + b


def brentq_loop(q: np.ndarray, c: np.ndarray) -> np.ndarray:
    out = np.empty(q.size)
    top = 1 - 1e-16
    for i, (qi, ci) in enumerate(zip(q.tolist(), c.tolist())):
        if qi >= top or kl_scalar(qi, top) <= ci:
            out[i] = 1.0
        elif ci == 0:
            out[i] = qi
        else:
            out[i] = brentq(lambda p, qi=qi, ci=ci: kl_scalar(qi, p) - ci, qi, top, xtol=1e-300, rtol=4 * np.finfo(float).eps)
    return out


def kl_vec(q: np.ndarray, p: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        a = np.where(q > 0, q * np.log(q / p), 0.0)
        b = np.where(q < 1, (1 - q) * np.log((1 - q) / (1 - p)), 0.0)
    return a + b


def bisection50(q: np.ndarray, c: np.ndarray) -> np.ndarray:
    lo, hi = q.copy(), np.ones_like(q)
    for _ in range(50):
        mid = 0.5 * (lo + hi)
        over = kl_vec(q, mid) > c
        hi = np.where(over, mid, hi)
        lo = np.where(over, lo, mid)
    return 0.5 * (lo + hi)


def newton5(q: np.ndarray, c: np.ndarray) -> np.ndarray:
    p = np.minimum(q + np.sqrt(c / 2), 1 - 1e-9)
    with np.errstate(all="ignore"):
        for _ in range(5):
            p = p - (kl_vec(q, p) - c) / ((p - q) / (p * (1 - p)))
            p = np.clip(p, q, 1 - 1e-16)
    return p


def rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=float, default=1e6)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--brentq-n", type=float, default=None, help="pairs for the brentq loop (default: all)")
    args = ap.parse_args()
    n = int(args.n)
    rng = np.random.default_rng(0)
    q, c = rng.random(n), rng.exponential(0.05, n)
    kern = numeric.compile("pacbayes.kl_inverse_upper")
    kern(q[:1000], c[:1000])  # JIT load outside the timings
    t_ours, ours = timed(lambda: kern(q, c), args.repeat)
    t_bis, bis = timed(lambda: bisection50(q, c), args.repeat)
    t_newt, newt = timed(lambda: newton5(q, c), args.repeat)
    nb = n if args.brentq_n is None else int(args.brentq_n)
    t0 = time.perf_counter()
    ref = brentq_loop(q[:nb], c[:nb])
    t_brent = (time.perf_counter() - t0) * n / nb
    note = "" if nb == n else f" (timed on {nb:.0e} pairs, scaled to {n:.0e})"
    print(f"kl_inverse_upper at {n:.0e} (q, c) pairs, median of {args.repeat}")
    print(f"  lmech numba Newton kernel     {t_ours:8.3f} s")
    print(f"  scipy brentq loop             {t_brent:8.3f} s{note}   ratio {t_brent / t_ours:7.1f}x")
    print(f"  numpy 50-step bisection       {t_bis:8.3f} s   ratio {t_bis / t_ours:7.1f}x")
    print(f"  numpy 5 fixed Newton steps    {t_newt:8.3f} s   ratio {t_newt / t_ours:7.1f}x")
    print(
        f"  max relative difference from lmech: brentq {rel(ref, ours[:nb]):.2e}, 50-step bisection {rel(bis, ours):.2e}, 5 Newton steps {rel(newt, ours):.2e}"
    )
    # who is right where they disagree most: the 50-digit oracle at those 20 pairs
    worst = np.argsort(np.abs(ref - ours[:nb]) / ours[:nb])[-20:]
    exact = numeric.compile("pacbayes.kl_inverse_upper", "mpmath")(q[worst], c[worst]).astype(float)
    print(f"  at the 20 largest disagreements, error vs mpmath: lmech {rel(ours[worst], exact):.2e}, brentq {rel(ref[worst], exact):.2e}")


if __name__ == "__main__":
    main()
