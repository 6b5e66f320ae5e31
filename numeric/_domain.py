"""Vectorised domain validation for compiled callables."""

from __future__ import annotations

import numpy as np
import sympy as sp

from lmech.theory import Formula, domain_relation, format_set

from ._jit_helpers import all_finite

__all__ = ["DomainChecker", "Outside"]


class Outside(Exception):
    """A fused kernel (numba or CUDA) flagged a point outside the domain; the caller runs the ``DomainChecker`` to word the error."""


class DomainChecker:
    """Checks arguments against a formula's domain and ``where`` relations, once per call.

    Raises ``ValueError`` naming the parameter, the first offending value and the domain,
    e.g. ``gamma=-0.5 is outside (0, oo) for mp.density``.
    """

    def __init__(self, formula: Formula):
        self.formula = formula
        self._param_checks = []
        for p in formula.params:
            dom = formula.domain[p]
            if dom == sp.S.Complexes:
                self._param_checks.append((p, lambda v: np.isfinite(v), "finite complex numbers"))
                continue
            cond, integer = domain_relation(p, dom)
            d = sp.Symbol(p.name)
            fn = sp.lambdify(d, sp.And(d > -sp.oo, d < sp.oo) if cond is None else cond, "numpy")

            def check(v, fn=fn, integer=integer):
                with np.errstate(invalid="ignore"):
                    ok = np.isreal(v) & np.asarray(fn(np.real(v)), dtype=bool)
                    if integer:
                        ok &= np.real(v) == np.round(np.real(v))
                return ok

            self._param_checks.append((p, check, format_set(dom)))
        self._where = [(w, sp.lambdify(formula.params, w, "numpy")) for w in formula.where]

    def inside(self, values: dict[str, np.ndarray]) -> np.ndarray:
        """Boolean mask of the broadcast points that lie in every domain and ``where`` relation."""
        arrays = np.broadcast_arrays(*(np.asarray(values[p.name]) for p in self.formula.params))
        ok = np.ones(arrays[0].shape, dtype=bool)
        for (_, check, _), a in zip(self._param_checks, arrays):
            ok &= np.asarray(check(a), dtype=bool)
        for _, fn in self._where:
            with np.errstate(all="ignore"):
                ok &= np.asarray(fn(*arrays), dtype=bool)
        return ok

    def __call__(self, values: dict[str, np.ndarray]) -> None:
        f = self.formula
        for p, check, text in self._param_checks:
            v = values[p.name]
            if f.domain[p] in (sp.S.Reals, sp.S.Complexes) and np.ndim(v) and np.asarray(v).dtype.kind in "fc":
                if all_finite(np.asarray(v).view(np.float64) if np.asarray(v).dtype == np.complex128 else np.asarray(v)):
                    continue  # fast path: one parallel pass, no temporaries
            ok = check(v)
            if not np.all(ok):
                bad = np.asarray(v)[~np.broadcast_to(ok, np.shape(v))].ravel()[0] if np.ndim(v) else v
                raise ValueError(f"{p.name}={_fmt(bad)} is outside {text} for {f.id}")
        if not self._where:
            return
        arrays = np.broadcast_arrays(*(np.asarray(values[p.name]) for p in f.params))
        for w, fn in self._where:
            with np.errstate(all="ignore"):
                ok = np.asarray(fn(*arrays), dtype=bool)
            if not np.all(ok):
                idx = np.argwhere(~np.broadcast_to(ok, arrays[0].shape))[0] if arrays[0].ndim else ()
                point = ", ".join(f"{p.name}={_fmt(a[tuple(idx)])}" for p, a in zip(f.params, arrays))
                raise ValueError(f"({point}) violates {sp.sstr(w)} for {f.id}")


def _fmt(v) -> str:
    v = np.asarray(v).item() if np.ndim(v) == 0 else v
    return repr(float(v)) if isinstance(v, (float, np.floating)) else str(v)
