"""lmech.numeric: compiled kernels (numpy, numba, mpmath, cupy) and simulators.

numba and cupy are imported only inside this package, cupy only lazily.
"""

__version__ = "0.1.0"

from ._compile import BACKENDS, CompiledFormula, bisect_inverse, compile, numba_source  # noqa: E402

__all__ = ["BACKENDS", "CompiledFormula", "bisect_inverse", "compile", "numba_source", "__version__"]
