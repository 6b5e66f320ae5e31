"""lmech.theory: formulas as data (SymPy and mpmath only).

Public names: ``Formula``, ``ImplicitFormula``, ``NumericFormula``, ``RecursionFormula`` (a loop over
``depth`` that exports), ``Accuracy``, the registry
(``get``, ``ids``, ``family``, ``families``, ``register``) and the exports
(``latex``, ``python``, ``c``, ``cuda``, ``json``); for the compiler in ``numeric``: the
code-generation entry points (``lower``, ``python_source``, ``kernel_name``, ``CUDA_PRELUDE``)
the one safeguarded solver (``solver_source``, ``mp_solve``) and the Tracy-Widom quadrature's
truncation (``TW_NODES``, ``TW_LEFT``, ``TW_RIGHT``); the self-consistent kind
(``SelfConsistentSystem``, ``SelfConsistentFormula``, ``ArrayParam``, ``system_source``,
``solver_python``: the pointwise solver that numba compiles and the Python export runs).
"""

from . import _criticality, _deeplinear, _dyson, _gmp, _mp, _nngp, _pacbayes, _slt, _spiked, _tracy_widom, _transient_bbp, _wigner  # noqa: F401  (registers the families)
from ._codegen import kernel_name, lower, python_source
from ._criticality import single_input_integrands, tanh_edge_series
from ._export import BAD_FLAG, CUDA_PRELUDE, CudaSource, c, cuda, cuda_inside, domain_test, json, latex, python
from ._formula import Accuracy, Formula, ImplicitFormula, NumericFormula, domain_relation, format_set
from ._recursion import RecursionFormula
from ._registry import families, family, get, ids, register
from ._scexport import POINTWISE, solver_python
from ._selfconsistent import ArrayParam, SelfConsistentFormula, SelfConsistentSystem, cdf_antiderivative, critical_function, system_source
from ._solver import mp_solve, solver_source
from ._tracy_widom import LEFT as TW_LEFT
from ._tracy_widom import NODES as TW_NODES
from ._tracy_widom import RIGHT as TW_RIGHT
from ._transient_bbp import CORE_PY as TRANSIENT_BBP_CORE
from ._transient_bbp import core as transient_bbp_core
from ._tw_table import LOG_CHEBYSHEV as TW_LOG_CHEBYSHEV
from ._tw_table import LOG_RANGE as TW_LOG_RANGE

__all__ = [
    "BAD_FLAG",
    "CUDA_PRELUDE",
    "POINTWISE",
    "TRANSIENT_BBP_CORE",
    "TW_LEFT",
    "TW_LOG_CHEBYSHEV",
    "TW_LOG_RANGE",
    "TW_NODES",
    "TW_RIGHT",
    "Accuracy",
    "ArrayParam",
    "CudaSource",
    "Formula",
    "ImplicitFormula",
    "NumericFormula",
    "RecursionFormula",
    "SelfConsistentFormula",
    "SelfConsistentSystem",
    "c",
    "cdf_antiderivative",
    "critical_function",
    "cuda",
    "cuda_inside",
    "domain_relation",
    "domain_test",
    "families",
    "family",
    "format_set",
    "get",
    "ids",
    "json",
    "kernel_name",
    "latex",
    "lower",
    "mp_solve",
    "python",
    "python_source",
    "register",
    "single_input_integrands",
    "solver_python",
    "tanh_edge_series",
    "solver_source",
    "system_source",
    "transient_bbp_core",
]
