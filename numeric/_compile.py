"""``numeric.compile``: one formula, several backends.

Backends:
    ``numpy``   SymPy ``lambdify`` onto numpy: the baseline users already have.
    ``numba``   generated source (cse -> stability rewrites -> ``NumbaPrinter``), a
                scalar ``njit`` function per formula plus a ``prange`` loop, cached on disk.
    ``mpmath``  the 50-digit reference oracle, element by element.
    ``cupy``    generated CUDA in an ``ElementwiseKernel``, validated on the device; see
                ``numeric._cupy`` (optional extra ``[gpu]``, imported only when asked for).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from lmech import theory
from lmech.theory import Formula, ImplicitFormula, NumericFormula, RecursionFormula, SelfConsistentFormula, kernel_name, lower, python_source

from . import _cache, _cupy, _pool, _selfconsistent
from ._backend import KERNELS, MP_DIGITS
from ._backend import backend as resolve_backend
from ._domain import DomainChecker, Outside
from ._methods import host_function, registered
from ._solve import bisect_inverse

__all__ = ["BACKENDS", "CompiledFormula", "compile"]

BACKENDS = KERNELS
DTYPES = ("float64", "float32")
#: bump when generated source changes shape, so stale cache entries are not reused
CODEGEN_VERSION = "7"

_LOCK = threading.Lock()
_MEMO: dict[tuple[str, str, str], CompiledFormula] = {}


class CompiledFormula:
    """A vectorised callable for one formula and backend.

    Call it with positional arguments in ``formula.params`` order or with keywords;
    arguments broadcast like numpy. The domain is validated once per call (``check=False``
    skips that on hot paths). Returns an ndarray (an object array of mpmath numbers for
    the ``mpmath`` backend, a cupy array for ``cupy``); 0-d results come back as 0-d arrays.
    """

    def __init__(
        self,
        formula: Formula,
        backend: str,
        dtype: str,
        impl: Callable,
        source: str | None = None,
        checker: Callable[[dict], None] | None = None,
        convert: Callable[[dict], dict] | None = None,
        fused: bool = False,
    ):
        self.formula = formula
        self.backend = backend
        self.dtype = dtype
        self.source = source
        self._impl = impl
        self._checker = checker or DomainChecker(formula)
        self._convert = convert or (lambda values: {k: np.asarray(v) for k, v in values.items()})
        self._fused = fused

    def __repr__(self) -> str:
        return f"<compiled {self.formula.signature()} backend={self.backend} dtype={self.dtype}>"

    def bind(self, args: tuple, kwargs: dict) -> dict[str, Any]:
        names = self.formula.param_names
        if len(args) > len(names):
            raise TypeError(f"{self.formula.id} takes {len(names)} arguments {names}, got {len(args)}")
        values = dict(zip(names, args))
        for key, v in kwargs.items():
            if key not in names:
                raise TypeError(f"{self.formula.id} has no parameter {key!r}; parameters are {names}")
            if key in values:
                raise TypeError(f"{self.formula.id} got {key!r} twice")
            values[key] = v
        missing = [n for n in names if n not in values]
        if missing:
            raise TypeError(f"{self.formula.id} is missing {missing}; call it as {self.formula.signature()}")
        return values

    def __call__(self, *args, check: bool = True, out: np.ndarray | None = None, **kwargs) -> np.ndarray:
        """Evaluate the formula at the broadcast arguments.

        Args:
            *args: arguments in ``formula.params`` order (or pass them by keyword).
            check: validate the domain (default). The generated numba kernels test each point
                during their one pass and raise afterwards; the other backends test first.
            out: (numba backend) a preallocated C-contiguous result array to fill.
            **kwargs: arguments by parameter name.

        Returns:
            The values, shaped like the broadcast arguments.

        Raises:
            ValueError: a point outside the domain; the message names the parameter, its value
                and the domain.
        """
        values = self._convert(self.bind(args, kwargs))
        if out is not None and self.backend != "numba":
            raise TypeError(f"out= is supported by the numba backend only, not {self.backend!r}")
        vals = [values[n] for n in self.formula.param_names]
        if check and self._fused:
            try:
                return self._impl(vals, out, check=True)
            except Outside:
                self._checker(values)  # words the error: the parameter, its value, the domain
                raise ValueError(f"a point is outside the domain of {self.formula.id} ({self.formula.domain_text()})") from None
        if check:
            self._checker(values)
        return self._impl(vals) if out is None else self._impl(vals, out)


def compile(formula_or_id: Formula | str, backend: str = "numba", dtype: str = "float64") -> CompiledFormula:  # noqa: A001
    """Compile a formula (or a registered id).

    Args:
        formula_or_id: a ``Formula`` or a registered id such as ``"mp.density"``.
        backend: ``numpy``, ``numba``, ``mpmath`` or ``cupy``, or the device names ``cpu``
            (numba) and ``gpu`` (cupy); see ``numeric.backend``.
        dtype: ``float64`` or ``float32`` (closed forms only).

    Returns:
        A memoised ``CompiledFormula``.

    Raises:
        ValueError: an unknown backend or dtype.
        RuntimeError: the cupy backend without CuPy or a CUDA device.
    """
    formula = theory.get(formula_or_id) if isinstance(formula_or_id, str) else formula_or_id
    backend = resolve_backend(backend).kernel
    if dtype not in DTYPES:
        raise ValueError(f"dtype={dtype!r} is not one of {DTYPES}")
    key = (_formula_key(formula), backend, dtype)
    with _LOCK:
        if key in _MEMO:
            return _MEMO[key]
    if isinstance(formula, SelfConsistentFormula):
        compiled = _build_selfconsistent(formula, backend, dtype)
        with _LOCK:
            _MEMO[key] = compiled
        return compiled
    if formula.numeric and backend != "cupy":
        compiled = _build_numeric(formula, backend, dtype)
        with _LOCK:
            _MEMO[key] = compiled
        return compiled
    builder = {"numpy": _build_numpy, "numba": _build_numba, "mpmath": _build_mpmath, "cupy": _build_cupy}[backend]
    compiled = builder(formula, dtype)
    with _LOCK:
        _MEMO[key] = compiled
    return compiled


def _lambdify(args, expr: sp.Expr, modules) -> Callable:
    """``lambdify`` with arguments renamed ``a0, a1, ...``.

    A parameter called ``gamma``
    would otherwise shadow the gamma function that the printers emit for ``binomial``.
    """
    args = tuple(args)
    safe = {a: sp.Symbol(f"a{j}", **a.assumptions0) for j, a in enumerate(args)}
    return sp.lambdify([safe[a] for a in args], sp.sympify(expr).xreplace(safe), modules)


def _formula_key(formula: Formula) -> str:
    parts = [formula.id, sp.srepr(formula.expr), repr(formula.param_names)]
    if isinstance(formula, NumericFormula):
        # the registered method is part of the key: registering one replaces the fallback
        m = registered(formula)
        parts += [sp.srepr(a) for a in formula.arguments()] + [str(id(m.host)) if m is not None else "reference"]
    if isinstance(formula, ImplicitFormula):
        parts += [sp.srepr(b) for b in formula.bracket] + [formula.unknown.name]
    if isinstance(formula, RecursionFormula):  # a user's recursion is its step map, not its placeholder expr
        parts += [sp.srepr(e) for e in (*formula.initial, *formula.step, formula.output)] + [x.name for x in formula.state]
    return _cache.digest(*parts)


def _param_dtypes(formula: Formula, dtype: str) -> list[np.dtype]:
    cplx = np.complex64 if dtype == "float32" else np.complex128
    return [np.dtype(cplx) if (formula.complex_valued and not p.is_real) else np.dtype(dtype) for p in formula.params]


def _out_dtype(formula: Formula, dtype: str) -> np.dtype:
    if formula.complex_valued:
        return np.dtype(np.complex64 if dtype == "float32" else np.complex128)
    return np.dtype(dtype)


# ----------------------------------------------------------------------------- numpy
def _build_numpy(formula: Formula, dtype: str) -> CompiledFormula:
    out_dtype = _out_dtype(formula, dtype)
    if isinstance(formula, ImplicitFormula):
        args = (formula.unknown, *formula.params)
        res = _sum_loop(args, formula.residual, float) if formula.residual.has(sp.Sum) else _lambdify(args, formula.residual, "numpy")
        lo = _lambdify(formula.params, formula.bracket[0], "numpy")
        hi = _lambdify(formula.params, formula.bracket[1], "numpy")

        def impl(vals):
            vals = np.broadcast_arrays(*vals)
            with np.errstate(all="ignore"):  # lambdify evaluates every Piecewise branch
                return bisect_inverse(lambda u: res(u, *vals), lo(*vals), hi(*vals)).astype(out_dtype)

        return CompiledFormula(formula, "numpy", dtype, impl)
    if formula.expr.has(sp.Sum):
        vec = _sum_loop(formula.params, formula.expr, out_dtype)

        def impl(vals):
            with np.errstate(all="ignore"):  # overflow to inf, as the compiled kernels do
                return np.asarray(vec(*vals))
    else:
        fn = _lambdify(formula.params, formula.expr, "numpy")

        def impl(vals):
            with np.errstate(all="ignore"):
                r = fn(*vals)
            return np.asarray(np.broadcast_to(r, np.broadcast_shapes(*(np.shape(v) for v in vals))), dtype=out_dtype)

    return CompiledFormula(formula, "numpy", dtype, impl)


def _sum_loop(args, expr: sp.Expr, otype) -> Callable:
    """Element-by-element evaluation of an expression with a finite Sum.

    lambdify prints the Sum
    as a Python generator over range(), which needs scalar integer bounds.
    """
    scalar = _lambdify(args, expr, [{"binomial": math.comb}, "math"])
    ints = [bool(a.is_integer) for a in args]
    return np.vectorize(lambda *a: scalar(*(int(v) if i else v for v, i in zip(a, ints))), otypes=[otype])


# ---------------------------------------------------------------------------- mpmath
def _build_mpmath(formula: Formula, dtype: str) -> CompiledFormula:
    ints = [bool(p.is_integer) for p in formula.params]

    def convert(v, is_int):
        if is_int:
            return int(v)
        return mpmath.mpmathify(v.item() if hasattr(v, "item") else v)

    if isinstance(formula, ImplicitFormula):
        args = (formula.unknown, *formula.params)
        res = _lambdify(args, formula.residual, "mpmath")
        lo_fn = _lambdify(formula.params, formula.bracket[0], "mpmath")
        hi_fn = _lambdify(formula.params, formula.bracket[1], "mpmath")

        der = _lambdify(args, formula.derivative, "mpmath")

        def scalar(*a):
            return theory.mp_solve(lambda u: res(u, *a), lambda u: der(u, *a), mpmath.mpf(lo_fn(*a)), mpmath.mpf(hi_fn(*a)))
    else:
        scalar = _lambdify(formula.params, formula.expr, "mpmath")

    def impl(vals):
        vals = np.broadcast_arrays(*vals)
        out = np.empty(vals[0].shape, dtype=object)
        with mpmath.workdps(MP_DIGITS):
            for idx in np.ndindex(out.shape):
                out[idx] = scalar(*(convert(v[idx], i) for v, i in zip(vals, ints)))
        return out

    return CompiledFormula(formula, "mpmath", dtype, impl)


# ----------------------------------------------------------------------------- numba
_NUMBA_TEMPLATE = '''"""Generated by lmech {version} for {fid}. Do not edit: regenerated on mismatch."""
import cmath
import math

import numpy as np
from numba import njit, prange

from lmech.numeric._jit_helpers import at

{scalar}

# Each argument is a flat array or a scalar; numba specialises per combination, so a
# broadcast scalar is loop-invariant and LLVM hoists what depends on it out of the loop.
@njit(parallel=True, cache=True, error_model="numpy")
def kernel(out, {arrays}):
    for i in prange(out.shape[0]):
        out[i] = {name}({elements})


# The same pass with the domain test fused in: it counts the points outside the domain, and
# the caller raises (naming the parameter, from numeric's DomainChecker) when that is not zero.
@njit(parallel=True, cache=True, error_model="numpy")
def kernel_checked(out, {arrays}):
    bad = 0
    for i in prange(out.shape[0]):
{loads}        if {inside}:
            out[i] = {name}({scalars})
        else:  # never evaluated outside the domain (a pole there may raise)
            out[i] = np.nan
            bad += 1
    return bad
'''


def numba_source(formula: Formula) -> str:
    """The full generated numba module for ``formula`` (what goes into the disk cache)."""
    from . import __version__

    low = lower(formula, "numba")
    scalar = python_source(low, jit='njit(cache=True, error_model="numpy")')
    n = len(formula.params)
    arrays = ", ".join(f"a{j}" for j in range(n))
    elements = ", ".join(f"at(a{j}, i)" for j in range(n))
    loads = "".join(f"        v{j} = at(a{j}, i)\n" for j in range(n))
    scalars = ", ".join(f"v{j}" for j in range(n))
    inside = theory.domain_test(formula, "numba", [f"v{j}" for j in range(n)])
    return _NUMBA_TEMPLATE.format(
        version=__version__, fid=formula.id, scalar=scalar, arrays=arrays, name=low.name, elements=elements, loads=loads, scalars=scalars, inside=inside
    )


def _build_numba(formula: Formula, dtype: str) -> CompiledFormula:
    from . import __version__

    source = numba_source(formula)
    name = f"{kernel_name(formula.id).replace('~', '_')}_{_cache.digest(source, dtype, __version__, CODEGEN_VERSION)[:16]}"
    module = _cache.load_module(name, source)
    in_dtypes = _param_dtypes(formula, dtype)
    out_dtype = _out_dtype(formula, dtype)

    def impl(vals, out=None, check=False):
        shape = np.broadcast_shapes(*(np.shape(v) for v in vals))
        size = int(np.prod(shape))
        flat = []
        for v, dt in zip(vals, in_dtypes):
            v = np.asarray(v, dtype=dt)
            if v.size == 1:
                flat.append(v.reshape(()).item())  # passed as a scalar: never copied, loop-invariant
            elif v.shape == shape:
                flat.append(np.ascontiguousarray(v).reshape(-1))
            else:
                flat.append(np.ascontiguousarray(np.broadcast_to(v, shape)).reshape(-1))
        if out is None:
            result = _pool.empty(size, out_dtype)
        else:
            if out.shape != shape or out.dtype != out_dtype or not out.flags.c_contiguous:
                raise ValueError(f"out must be a C-contiguous {out_dtype} array of shape {shape}, got {out.dtype} {out.shape}")
            result = out.reshape(-1)
        if size and check:
            if module.kernel_checked(result, *flat):
                raise Outside
        elif size:
            module.kernel(result, *flat)
        return result.reshape(shape)

    return CompiledFormula(formula, "numba", dtype, impl, source, fused=True)


# --------------------------------------------------------------------------- numeric
def _build_numeric(formula: NumericFormula, backend: str, dtype: str) -> CompiledFormula:
    """Compile a formula with no closed form.

    Its registered float64 method (``numeric.register_method``;
    vectorised numpy + LAPACK, the same code for ``numpy`` and ``numba``) or the mpmath reference.
    """
    _float64_only(formula, dtype)
    if backend == "mpmath":
        args = formula.arguments()
        identity = args == tuple(formula.params)
        mapped = [_lambdify(formula.params, a, "mpmath") for a in args]
        ints = [bool(p.is_integer) for p in formula.params]

        def impl(vals):
            vals = np.broadcast_arrays(*vals)
            out = np.empty(vals[0].shape, dtype=object)
            with mpmath.workdps(MP_DIGITS):
                for idx in np.ndindex(out.shape):
                    # an object array holds mpf already (the condition number's perturbed points)
                    point = [int(v[idx]) if i else mpmath.mpmathify(getattr(v[idx], "item", lambda x=v[idx]: x)()) for v, i in zip(vals, ints)]
                    out[idx] = mpmath.mpf(formula.mp(*(point if identity else [f(*point) for f in mapped])))
            return out

        return CompiledFormula(formula, backend, dtype, impl)
    evaluate = host_function(formula)

    def impl(vals, out=None):
        result = evaluate(vals)
        if out is None:
            return result
        out[...] = result
        return out

    return CompiledFormula(formula, backend, dtype, impl)


# -------------------------------------------------------------------- self-consistent
def _build_selfconsistent(formula: SelfConsistentFormula, backend: str, dtype: str) -> CompiledFormula:
    """Compile a self-consistent formula (``numeric._selfconsistent``).

    The float64 solver serves numpy
    and numba; cupy solves the pointwise quantities on the device (the CUDA export's solver) and
    the others on the host, copied over; mpmath is the 50-digit solve. Arguments are validated
    inside (array parameters, simplex and symmetry constraints), so no separate domain check.
    """
    _float64_only(formula, dtype)
    device = backend == "cupy" and not formula.transform  # a transformed (wrong) variant runs on the host
    solve = _selfconsistent.build(formula, "cupy" if device else "mpmath" if backend == "mpmath" else "numba")
    names = formula.param_names
    mapped = None
    if formula.transform:
        mapped = [sp.lambdify(formula.params, a, "numpy") for a in formula.transform]

    def impl(vals, out=None):
        if mapped is not None:
            vals = [f(*(_cupy.to_host(v) for v in vals)) for f in mapped]
        result = solve(dict(zip(names, vals)))
        if backend == "cupy" and not device:
            return _cupy.device().asarray(result)
        if out is not None:
            out[...] = result
            return out
        return result

    # the device path takes the point as given (a CuPy array stays on the device); the host paths want numpy
    convert = (lambda values: dict(values)) if device else (lambda values: {k: _cupy.to_host(v) for k, v in values.items()})
    return CompiledFormula(formula, backend, dtype, impl, checker=lambda values: None, convert=convert)


# ------------------------------------------------------------------------------ cupy
def _build_cupy(formula: Formula, dtype: str) -> CompiledFormula:
    if formula.numeric:
        _float64_only(formula, dtype)
    k = _cupy.build(formula, dtype)
    return CompiledFormula(formula, "cupy", dtype, k.impl, k.source, checker=k.check, convert=k.convert, fused=formula.exports)


def _float64_only(formula: Formula, dtype: str) -> None:
    if dtype != "float64":
        raise ValueError(f"{formula.id} is a numeric formula, evaluated in float64 only (got dtype={dtype!r})")
