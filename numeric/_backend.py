"""One backend vocabulary for ``compile``, the simulators, ``verify`` and the CLI.

A backend is named by its kernel (``numpy``, ``numba``, ``mpmath``, ``cupy``) or by its device
(``cpu`` = numba, ``gpu`` = cupy). ``backend(name)`` returns the ``Backend`` record, whose
``kernel`` is what ``compile`` builds and whose ``device`` is where the simulators draw.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ALIASES", "KERNELS", "MP_DIGITS", "NAMES", "Backend", "backend"]

KERNELS = ("numpy", "numba", "mpmath", "cupy")
ALIASES = {"cpu": "numba", "gpu": "cupy"}
NAMES = tuple(ALIASES) + KERNELS
#: working precision of the ``mpmath`` backend (the oracle), in decimal digits
MP_DIGITS = 50


@dataclass(frozen=True)
class Backend:
    """``kernel``: the compile backend; ``device``: ``gpu`` for cupy, else ``cpu``."""

    kernel: str

    @property
    def device(self) -> str:
        return "gpu" if self.kernel == "cupy" else "cpu"

    @property
    def gpu(self) -> bool:
        return self.kernel == "cupy"

    def __str__(self) -> str:
        return self.kernel


def backend(name: str | Backend) -> Backend:
    """The backend called ``name`` (any of ``NAMES``); ValueError naming the choices otherwise."""
    if isinstance(name, Backend):
        return name
    kernel = ALIASES.get(name, name) if isinstance(name, str) else None
    if kernel not in KERNELS:
        raise ValueError(f"backend={name!r} is not one of {NAMES} (cpu = numba, gpu = cupy)")
    return Backend(kernel)
