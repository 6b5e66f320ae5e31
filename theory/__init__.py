"""lmech.theory: formulas as data (SymPy and mpmath only).

Public names: ``Formula``, ``ImplicitFormula``, ``Accuracy``, the registry
(``get``, ``ids``, ``family``, ``families``, ``register``) and the exports
(``latex``, ``python``, ``c``, ``cuda``, ``json``).
"""

from . import _deeplinear, _mp, _pacbayes, _spiked, _tracy_widom, _wigner  # noqa: F401  (registers the families)
from ._export import CudaSource, c, cuda, cuda_inside, json, latex, python
from ._formula import Accuracy, Formula, ImplicitFormula, NumericFormula, domain_relation, format_set
from ._registry import families, family, get, ids, register

__all__ = [
    "Accuracy",
    "CudaSource",
    "Formula",
    "ImplicitFormula",
    "NumericFormula",
    "c",
    "cuda",
    "cuda_inside",
    "domain_relation",
    "families",
    "family",
    "format_set",
    "get",
    "ids",
    "json",
    "latex",
    "python",
    "register",
]
