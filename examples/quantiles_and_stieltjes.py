"""Evaluate the MP quantile (an implicit formula) and compare the three CPU backends.

Run: python examples/semicircle_quantiles.py
"""

from __future__ import annotations

import numpy as np

from lmech import numeric


def main() -> None:
    q = np.array([0.0, 0.01, 0.5, 0.99, 1.0])
    for backend in ("numba", "numpy", "mpmath"):
        values = numeric.compile("mp.quantile", backend)(q, 2.0, 1.0)
        print(f"{backend:>6}:", np.asarray(values, dtype=float))
    m = numeric.compile("wigner.stieltjes")(np.array([0.5 + 1e-9j, 3.0 + 0j]), 1.0)
    print("semicircle density from Im m(x+i0)/pi at 0.5:", m[0].imag / np.pi)


if __name__ == "__main__":
    main()
