"""nngp: the NNGP + NTK of a ReLU MLP on all pairs of 2000 inputs, lmech against a numpy recursion.

The issue's figure for neural-tangents 0.6.5 (jitted ``kernel_fn``, float64, depth-2 ReLU stax,
2000 x 2000 pairs, NNGP + NTK) on this machine class is 0.195 s; neural-tangents needs jax 0.4.30
and TensorFlow and does not import with the current jax release, so it cannot run here, and the
baseline measured in the same run is what a user would write without it: the same recursion
vectorised over the pairs with numpy (arccos of the clipped correlation). lmech is timed twice:
``numeric.nngp_gram`` (the Gram matrix: per-input diagonals once, the upper triangle once, rows
vectorised) and ``numeric.nngp_kernels`` (one fused numba loop per pair, the method behind the
compiled formulas ``nngp.relu_nngp`` and ``nngp.relu_ntk``, on broadcast views). Medians of 5,
ratios to numpy printed; all agree to the printed relative difference.

    python benchmarks/bench_nngp.py [--n 2000] [--depths 2 10] [--neural-tangents PYTHON]

With ``--neural-tangents`` naming the interpreter of a virtual environment that has
neural-tangents 0.6.5 and jax 0.4.30 (see benchmarks/neural_tangents_reference.py), its jitted
``kernel_fn(x, None, ("nngp", "ntk"))`` is timed in a subprocess on the same inputs in the same run.
"""

from __future__ import annotations

import argparse
import subprocess

import numpy as np
from _timing import timed

from lmech import numeric


def numpy_recursion(q, depth, cw=2.0, cb=0.0):
    """K and Theta on every pair by the textbook recursion (arccos of the clipped correlation)."""
    diag = np.diag(q)
    k = cb + cw * q
    kd = cb + cw * diag
    theta = k.copy()
    for _ in range(depth):
        norm = np.sqrt(np.outer(kd, kd))
        rho = np.clip(k / norm, -1.0, 1.0)
        ang = np.arccos(rho)
        e12 = norm * (np.sin(ang) + (np.pi - ang) * rho) / (2 * np.pi)
        d12 = (np.pi - ang) / (2 * np.pi)
        k = cb + cw * e12
        kd = cb + cw * kd / 2
        theta = k + cw * d12 * theta
    return k, theta


NT_SCRIPT = """
import sys, time, numpy as np, jax
jax.config.update("jax_enable_x64", True)
from neural_tangents import stax
n, depth, repeat = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
x = jax.numpy.asarray(np.random.default_rng(0).standard_normal((n, 10)))
layers = []
for _ in range(depth):
    layers += [stax.Dense(1, W_std=np.sqrt(2.0), b_std=0.0), stax.Relu()]
kernel_fn = jax.jit(stax.serial(*layers, stax.Dense(1, W_std=np.sqrt(2.0), b_std=0.0))[2], static_argnames="get")
kernel_fn(x, None, get=("nngp", "ntk")).ntk.block_until_ready()
times = []
for _ in range(repeat):
    t = time.perf_counter()
    kernel_fn(x, None, get=("nngp", "ntk")).ntk.block_until_ready()
    times.append(time.perf_counter() - t)
print(float(np.median(times)))
"""


def neural_tangents_time(python: str, n: int, depth: int, repeat: int) -> float:
    """Median seconds of neural-tangents' jitted kernel_fn on the same inputs, in ``python``'s environment."""
    out = subprocess.run([python, "-c", NT_SCRIPT, str(n), str(depth), str(repeat)], capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--depths", type=int, nargs="+", default=[2, 10])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--neural-tangents", metavar="PYTHON", help="an interpreter with neural-tangents 0.6.5 and jax 0.4.30")
    a = ap.parse_args()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((a.n, 10))
    q = x @ x.T / 10
    d = np.diag(q).copy()
    print(f"{a.n} x {a.n} pairs, ReLU, C_W = 2, C_b = 0, NNGP + NTK together (medians of {a.repeat})")
    print(f"{'depth':>5} {'gram s':>9} {'pairs s':>9} {'numpy s':>9} {'numpy/gram':>10} {'numpy/pairs':>11} {'max rel diff':>13}")
    for depth in a.depths:
        t_g, (k_g, t_g_out) = timed(lambda depth=depth: numeric.nngp_gram("relu", depth, q, 2.0, 0.0), a.repeat, warmup=True)
        t_l, (k_l, t_l_out) = timed(lambda depth=depth: numeric.nngp_kernels("relu", depth, d[:, None], d[None, :], q, 2.0, 0.0), a.repeat, warmup=True)
        t_n, (k_n, t_n_out) = timed(lambda depth=depth: numpy_recursion(q, depth), a.repeat, warmup=True)
        diff = max(float(np.max(np.abs(k - k_n) / np.abs(k_n))) for k in (k_g, k_l))
        diff = max(diff, *(float(np.max(np.abs(t - t_n_out) / np.abs(t_n_out))) for t in (t_g_out, t_l_out)))
        print(f"{depth:>5} {t_g:>9.4f} {t_l:>9.4f} {t_n:>9.4f} {t_n / t_g:>10.1f} {t_n / t_l:>11.1f} {diff:>13.2e}")
        if a.neural_tangents:
            t_nt = neural_tangents_time(a.neural_tangents, a.n, depth, a.repeat)
            print(f"      neural-tangents 0.6.5 (jitted kernel_fn, float64): {t_nt:.4f} s, {t_nt / t_g:.1f}x the Gram's time")
    print("the issue's neural-tangents figure at depth 2: 0.195 s; goals <= 0.1 s at depth 2, <= 0.3 s at depth 10 (gram)")


if __name__ == "__main__":
    main()
