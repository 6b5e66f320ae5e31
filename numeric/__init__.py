"""lmech.numeric: compiled kernels (numpy, numba, mpmath, cupy) and simulators.

numba and cupy are imported only inside this package, cupy only lazily.
"""

__version__ = "0.1.0"

from ._compile import BACKENDS, MP_DIGITS, CompiledFormula, bisect_inverse, compile, numba_source  # noqa: E402
from ._cupy import available as gpu_available  # noqa: E402
from ._cupy import device as gpu_device  # noqa: E402
from ._cupy import to_host  # noqa: E402
from ._domain import DomainChecker  # noqa: E402
from ._pool import release as release_buffers  # noqa: E402
from ._pool import stats as buffer_stats  # noqa: E402

#: simulation backends (``cpu``, ``gpu``) and the kernel backend each one compiles for
SIM_BACKENDS = {"cpu": "numba", "gpu": "cupy"}


def kernel_backend(backend: str) -> str:
    """The ``compile`` backend for a simulation backend: ``cpu`` -> numba, ``gpu`` -> cupy
    (a compile backend name passes through unchanged)."""
    if backend in SIM_BACKENDS:
        return SIM_BACKENDS[backend]
    if backend in BACKENDS:
        return backend
    raise ValueError(f"backend={backend!r} is not one of {tuple(SIM_BACKENDS) + BACKENDS}")


__all__ = [
    "BACKENDS",
    "MP_DIGITS",
    "SIM_BACKENDS",
    "CompiledFormula",
    "DomainChecker",
    "bisect_inverse",
    "buffer_stats",
    "compile",
    "gpu_available",
    "gpu_device",
    "kernel_backend",
    "numba_source",
    "release_buffers",
    "to_host",
    "__version__",
]
