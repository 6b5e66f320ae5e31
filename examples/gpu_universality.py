"""Heavy-tailed universality on the GPU (or the CPU when there is none), and a CuPy kernel.

A dense Wishart matrix with Student-t (df = 5) entries has no tridiagonal model, so its
spectrum costs a dense eigvalsh: N = 16384 is a GPU job. The Marchenko-Pastur law still
holds (finite variance suffices), and the Kolmogorov distance of the ESD from ``mp.cdf``
stays inside the log N / N tolerance; the same check rejects a gamma off by 2%.

Run: python examples/gpu_universality.py [--n 16384]   (--backend cpu|gpu; default: gpu if usable)
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from lmech import numeric, verify
from lmech.numeric import sim


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=None, help="matrix size (default 16384 on a GPU, 3000 on the CPU)")
    ap.add_argument("--backend", choices=["cpu", "gpu"], default="gpu" if numeric.gpu_available() else "cpu")
    args = ap.parse_args()
    n = args.n or (16384 if args.backend == "gpu" else 3000)
    print(f"backend: {args.backend}{'' if numeric.gpu_available() else ' (no CuPy/CUDA device here: pip install lmech[gpu] on a GPU machine)'}")

    # 1. the spectrum itself
    rng = np.random.default_rng(0)
    t = time.perf_counter()
    eigs = sim.wishart_eigenvalues(n, 2 * n, rng, "student_t", df=5.0, backend=args.backend)
    print(f"Student-t(5) Wishart, p = {n}, n = {2 * n}: {eigs.size} eigenvalues in {time.perf_counter() - t:.2f} s")
    cdf = numeric.compile("mp.cdf", "cupy" if args.backend == "gpu" else "numba")
    f_at = numeric.to_host(cdf(eigs, 0.5, 1.0))
    i = np.arange(n)
    ks = float(np.max(np.maximum(np.abs((i + 1) / n - f_at), np.abs(i / n - f_at))))
    print(f"Kolmogorov distance from MP(0.5): {ks:.2e}; {ks * n / np.log(n):.2f} log N / N")

    # 2. the registered check and its teeth, at the same size
    for verdict in verify.run("mp.universality_t", n=n, draws=1, backend=args.backend).verdicts:
        print(verdict.summary())


if __name__ == "__main__":
    main()
