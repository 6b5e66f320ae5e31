"""GPU figures of issue 6, each against its baseline in the same run (needs CuPy and a device).

Run: python benchmarks/bench_gpu.py [--points 1e8] [--pairs 1e8] [--eig-n 16384] [--repeat 5]

1. Memory-bound: ``mp.density`` at --points float64 x (scalar gamma, sigma2): 16 bytes per
   point (read x, write the density). Effective bandwidth = 16 * points / median time, as a
   fraction of the measured device-to-device copy bandwidth (cupy.copyto of the same bytes,
   which reads and writes each byte once), and the ratio against ``sympy.lambdify(..., "cupy")``.
2. ``pacbayes.kl_inverse_upper`` at --pairs (q ~ U[0, 1], c ~ Exp(0.05)): the lmech CuPy kernel
   against the lmech numba kernel on all host cores, with the largest relative difference.
3. Dense ``cupy.linalg.eigvalsh`` of an --eig-n Student-t (df = 5) Wishart matrix (gamma = 1),
   and the Kolmogorov distance of its ESD from MP against the log N / N tolerance.
4. ``sim.llc_sgld`` on reduced-rank regression with 30 parameters (n = 10^4, full batch) at
   --llc-chains chains x 10^4 steps: the CuPy batch of chains against the numba chains on all
   host cores, and the largest relative difference of lambda-hat (the same increments).
Device timings synchronise the device; medians over --repeat runs after a warm-up call.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time

import numpy as np
import sympy as sp
from _timing import median_time

from lmech import numeric, theory
from lmech.numeric import sim


def gpu_median(fn, repeat: int) -> float:
    import cupy

    return median_time(fn, repeat, warmup=True, sync=cupy.cuda.Device().synchronize)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=float, default=1e8)
    ap.add_argument("--pairs", type=float, default=1e8)
    ap.add_argument("--eig-n", type=int, default=16384)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--llc-chains", type=int, default=256)
    args = ap.parse_args()
    try:
        from lmech.numeric._cupy import device, to_host

        cupy = device()
    except RuntimeError as exc:
        print(f"bench_gpu: {exc}", file=sys.stderr)
        return 2
    props = cupy.cuda.runtime.getDeviceProperties(0)
    print(f"device: {props['name'].decode()}, host cores: {os.cpu_count()}")

    # 1. memory-bound kernel vs the copy bandwidth and vs lambdify-cupy
    n = int(args.points)
    x = cupy.random.default_rng(0).uniform(0.0, 4.0, n)
    dens = numeric.compile("mp.density", "cupy")
    f = theory.get("mp.density")
    lam = sp.lambdify(f.params, f.printed if f.printed is not None else f.expr, "cupy")
    out = cupy.empty_like(x)
    t_copy = gpu_median(lambda: cupy.copyto(out, x), args.repeat)
    t_lmech = gpu_median(lambda: dens(x, 0.5, 1.0, check=False), args.repeat)
    t_checked = gpu_median(lambda: dens(x, 0.5, 1.0), args.repeat)
    t_lambdify = gpu_median(lambda: lam(x, 0.5, 1.0), args.repeat)
    copy_bw = 2 * 8 * n / t_copy
    eff_bw = 16 * n / t_lmech
    diff = float(cupy.max(cupy.abs(dens(x, 0.5, 1.0, check=False) - cupy.nan_to_num(lam(x, 0.5, 1.0)))))
    print(f"mp.density, {n:.0e} float64 points:")
    print(f"  device copy        {t_copy * 1e3:8.2f} ms  {copy_bw / 1e9:7.1f} GB/s")
    print(f"  lmech cupy         {t_lmech * 1e3:8.2f} ms  {eff_bw / 1e9:7.1f} GB/s = {eff_bw / copy_bw:.0%} of copy")
    print(f"  lmech, domain check{t_checked * 1e3:8.2f} ms")
    print(f"  lambdify-cupy      {t_lambdify * 1e3:8.2f} ms  ratio {t_lambdify / t_lmech:.1f}x   max |diff| {diff:.2g}")

    # 2. kl-inverse: device kernel vs the numba kernel on the host
    m = int(args.pairs)
    rng = np.random.default_rng(1)
    q, c = rng.uniform(0, 1, m), rng.exponential(0.05, m)
    gpu_k, cpu_k = numeric.compile("pacbayes.kl_inverse_upper", "cupy"), numeric.compile("pacbayes.kl_inverse_upper", "numba")
    qd, cd = cupy.asarray(q), cupy.asarray(c)
    t_gpu = gpu_median(lambda: gpu_k(qd, cd, check=False), args.repeat)
    cpu_k(q[:1000], c[:1000])
    res = np.empty(m)
    runs = []
    for _ in range(max(1, args.repeat // 2)):
        t = time.perf_counter()
        cpu_k(q, c, check=False, out=res)
        runs.append(time.perf_counter() - t)
    t_cpu = float(np.median(runs))
    rel = float(np.max(np.abs(to_host(gpu_k(qd, cd)) - res) / np.maximum(res, 1e-300)))
    print(f"kl_inverse_upper, {m:.0e} pairs: cupy {t_gpu * 1e3:.1f} ms, numba ({os.cpu_count()} cores) {t_cpu * 1e3:.1f} ms")
    print(f"  ratio {t_cpu / t_gpu:.1f}x, max relative difference {rel:.2g}")

    # 3. dense eigvalsh at N = eig-n
    N = args.eig_n
    t = time.perf_counter()
    eigs = sim.wishart_eigenvalues(N, N, np.random.default_rng(2), "student_t", df=5.0, backend="gpu")
    t_total = time.perf_counter() - t
    a = cupy.random.default_rng(3).standard_normal((N, N))
    s = a @ a.T / N
    t_eig = gpu_median(lambda: cupy.linalg.eigvalsh(s), max(1, min(args.repeat, 3)))
    cdf = numeric.compile("mp.cdf")
    fa = cdf(eigs, 1.0, 1.0)
    i = np.arange(N)
    ks = float(np.max(np.maximum(np.abs((i + 1) / N - fa), np.abs(i / N - fa))))
    tol = (2 * math.sqrt(2) / math.pi * math.log(N) + 2) / N
    print(f"dense eigvalsh N={N}: {t_eig:.2f} s (median)")
    print(f"Student-t(5) Wishart N={N}, draw + product + eigvalsh: {t_total:.2f} s; KS from MP {ks:.2e} (tolerance {tol:.2e})")

    # 4. SGLD chains: the CuPy batch against numba
    data = sim.reduced_rank_data(10_000, 5, 5, 1, np.random.default_rng(4))
    w_star = sim.reduced_rank_fit(data, 3)
    runs = {}
    for backend in ("gpu", "cpu"):
        t = time.perf_counter()
        runs[backend] = sim.llc_sgld(data.x, data.y, w_star, np.random.default_rng(5), chains=args.llc_chains, step=2e-4, gamma=1.0, backend=backend)
        runs[backend + "_s"] = time.perf_counter() - t
    rel = float(np.max(np.abs(runs["gpu"]["llc"] - runs["cpu"]["llc"]) / np.abs(runs["cpu"]["llc"])))
    print(f"llc_sgld, 30 parameters, {args.llc_chains} chains x 10^4 steps: cupy {runs['gpu_s']:.2f} s, numba ({os.cpu_count()} cores) {runs['cpu_s']:.2f} s")
    print(f"  ratio {runs['cpu_s'] / runs['gpu_s']:.1f}x, max relative difference of lambda-hat {rel:.2g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
