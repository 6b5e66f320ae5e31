"""nngp: record neural-tangents' own NNGP and NTK values for tests/golden/neural_tangents_0.6.5.json.

neural-tangents 0.6.5 imports only beside jax 0.4.30 (and TensorFlow), so it cannot be one of
lmech's dependencies; this script runs in a virtual environment of its own:

    python -m venv /tmp/ntvenv && /tmp/ntvenv/bin/pip install "jax[cpu]==0.4.30" "neural-tangents==0.6.5"
    /tmp/ntvenv/bin/python benchmarks/neural_tangents_reference.py tests/golden/neural_tangents_0.6.5.json

Six inputs in R^5 (one the negative of another, one a multiple of another, one within 1e-7 of
another), stax.serial of depth x [Dense(W_std = sqrt(C_W), b_std = sqrt(C_b)), Relu() or Erf()]
and a last Dense, depths 1-10, float64 (jax_enable_x64): kernel_fn(x, x, ("nngp", "ntk")).
tests/test_nngp.py compares lmech's kernels with these values.
"""

from __future__ import annotations

import json
import sys

import numpy as np

SETTINGS = (("relu", 2.0, 0.0), ("relu", 1.7, 0.3), ("erf", 1.5, 0.2), ("erf", 2.5, 0.0))


def main(path: str) -> None:
    import jax

    jax.config.update("jax_enable_x64", True)
    import neural_tangents as nt
    from neural_tangents import stax

    rng = np.random.default_rng(20261203)
    x = rng.standard_normal((6, 5))
    x[3] = -x[0]
    x[4] = 2.5 * x[1]
    x[5] = x[2] + 1e-7 * rng.standard_normal(5)
    out = {"neural_tangents": nt.__version__, "jax": jax.__version__, "x": x.tolist(), "kernels": []}
    for act, cw, cb in SETTINGS:
        for depth in range(1, 11):
            layers = []
            for _ in range(depth):
                layers += [stax.Dense(1, W_std=np.sqrt(cw), b_std=np.sqrt(cb)), stax.Relu() if act == "relu" else stax.Erf()]
            _, _, kernel_fn = stax.serial(*layers, stax.Dense(1, W_std=np.sqrt(cw), b_std=np.sqrt(cb)))
            k = kernel_fn(x, x, ("nngp", "ntk"))
            out["kernels"].append(
                {"activation": act, "C_W": cw, "C_b": cb, "depth": depth, "nngp": np.asarray(k.nngp).tolist(), "ntk": np.asarray(k.ntk).tolist()}
            )
    with open(path, "w") as fh:
        json.dump(out, fh, indent=0)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
