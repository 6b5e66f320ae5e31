"""lmech: derive, export, compile and simulation-test deep-learning theory formulas.

``from lmech import theory, numeric, verify`` gives the three layers; the short API is here:

    lmech.get("mp.density")                 # a Formula (theory.get)
    lmech.compile("mp.density", "numba")    # a vectorised kernel (numeric.compile)
    lmech.run("mp.cdf", seed=0)             # a check against simulation (verify.run)

The repository keeps the folders ``theory/``, ``numeric/`` and ``verify/`` at its top level;
setuptools maps them to ``lmech.theory``, ``lmech.numeric`` and ``lmech.verify``.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SHORT = {
    "get": ("theory", "get"),
    "ids": ("theory", "ids"),
    "family": ("theory", "family"),
    "Formula": ("theory", "Formula"),
    "compile": ("numeric", "compile"),
    "run": ("verify", "run"),
    "Check": ("verify", "Check"),
}
__all__ = ["numeric", "theory", "verify", "__version__", *_SHORT]


def __getattr__(name: str) -> Any:
    # layers load on first use, so `import lmech` stays cheap (numba and the checks load lazily)
    if name in ("theory", "numeric", "verify"):
        return importlib.import_module(f"lmech.{name}")
    if name in _SHORT:
        layer, attr = _SHORT[name]
        return getattr(importlib.import_module(f"lmech.{layer}"), attr)
    raise AttributeError(f"module 'lmech' has no attribute {name!r}")
