"""One array namespace per backend.

numpy with the caller's Generator, or CuPy with a device
Generator seeded from it (so a seeded run stays reproducible on either).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._backend import backend as resolve_backend
from .._cupy import to_host as host  # noqa: F401  (re-exported for the simulators)


def array_backend(backend: str, rng: np.random.Generator) -> tuple[Any, Any]:
    """``(xp, generator)``: ``(numpy, rng)`` on the CPU; ``(cupy, cupy Generator)`` on the GPU, seeded by one draw from ``rng``.

    ``backend`` is any name of ``numeric.backend`` (``cpu``, ``numba`` and ``numpy`` draw on the host).
    Raises the GPU backend's install hint without CuPy.
    """
    if not resolve_backend(backend).gpu:
        return np, rng
    from .._cupy import device

    cupy = device()
    return cupy, cupy.random.default_rng(int(rng.integers(2**63 - 1)))
