"""lmech.numeric: compiled kernels (numpy, numba, mpmath, cupy) and simulators.

numba and cupy are imported only inside this package, cupy only lazily.
"""

__version__ = "0.1.0"

from . import _criticality, _gauss, _nngp, _slt, _tracy_widom, _transient_bbp  # noqa: E402, F401  (register the criticality, NNGP, SLT, Tracy-Widom and transient-BBP methods)
from ._backend import ALIASES, Backend, backend  # noqa: E402
from ._compile import BACKENDS, MP_DIGITS, CompiledFormula, compile, numba_source  # noqa: E402
from ._cupy import available as gpu_available  # noqa: E402
from ._cupy import device as gpu_device  # noqa: E402
from ._cupy import to_host  # noqa: E402
from ._domain import DomainChecker  # noqa: E402
from ._methods import DeviceCode, Method, method, register_method  # noqa: E402
from ._nngp import nngp_gram, nngp_kernels  # noqa: E402
from ._pool import release as release_buffers  # noqa: E402
from ._pool import stats as buffer_stats  # noqa: E402
from ._selfconsistent import support_intervals  # noqa: E402
from ._solve import bisect_inverse  # noqa: E402
from ._transient_bbp import phase as transient_bbp_phase  # noqa: E402
from ._transient_bbp import profile as transient_bbp_profile  # noqa: E402

#: simulation devices and the kernel backend each one compiles for (``numeric.backend`` resolves any name)
SIM_BACKENDS = dict(ALIASES)


def kernel_backend(name: str) -> str:
    """The ``compile`` backend for any backend name: ``cpu`` -> numba, ``gpu`` -> cupy."""
    return backend(name).kernel


def set_threads(count: int) -> int:
    """Run numba's parallel kernels on ``count`` threads in this process (at most the pool's size).

    A sweep's worker process is one core: its tasks call ``set_threads(1)``, so that K workers
    use K cores instead of each spreading over all of them. Returns the count now in use.

    Raises:
        ValueError: ``count`` is not an integer >= 1.
    """
    import numba

    if int(count) != count or count < 1:
        raise ValueError(f"count={count!r} must be an integer >= 1")
    numba.set_num_threads(min(int(count), numba.config.NUMBA_NUM_THREADS))
    return numba.get_num_threads()


__all__ = [
    "ALIASES",
    "Backend",
    "DeviceCode",
    "Method",
    "backend",
    "cuda_source",
    "method",
    "register_method",
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
    "nngp_gram",
    "nngp_kernels",
    "numba_source",
    "release_buffers",
    "set_threads",
    "support_intervals",
    "to_host",
    "transient_bbp_phase",
    "transient_bbp_profile",
    "__version__",
]


def cuda_source(formula, dtype: str = "float64") -> str:
    """The CUDA source a formula runs as.

    ``theory.cuda`` for a closed form; for a numeric formula its
    registered method's device code (``register_method(..., device=)``), with the
    ElementwiseKernel call it is launched by.

    Raises:
        ValueError: a numeric formula whose method has no device code, or float32 for one.
    """
    from lmech import theory

    f = theory.get(formula) if isinstance(formula, str) else formula
    if f.exports:  # closed forms, implicit formulas and recursions print their own CUDA
        return str(theory.cuda(f, dtype))
    m = method(f)
    if m.device is None:
        raise ValueError(f"{f.id}'s float64 method has no device code: on the GPU it runs on the host and is copied")
    if dtype != "float64":
        raise ValueError(f"{f.id} is a numeric formula, evaluated in float64 only (got dtype={dtype!r})")
    code = m.device()
    in_params, operation = code.kernel(len(f.params))
    call = f"// cupy.ElementwiseKernel({in_params!r}, 'float64 out', {operation!r}, name={code.function!r}, preamble=<the code above>)\n"
    return code.preamble + "\n" + call
