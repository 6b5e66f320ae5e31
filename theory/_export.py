"""Exports: plain functions of a formula, each built on a SymPy printer."""

from __future__ import annotations

import json as _json
from dataclasses import dataclass

import sympy as sp
from sympy.printing.numpy import NumPyPrinter

from ._codegen import CPrinter, CudaPrinter, NumbaPrinter, c_source, kernel_name, lower, python_source, rewrite
from ._formula import Formula, ImplicitFormula, NumericFormula, domain_relation, format_set
from ._recursion import RecursionFormula, recursion_c, recursion_python
from ._scexport import POINTWISE, c_signature, python_export, solver_c
from ._selfconsistent import SelfConsistentFormula

__all__ = ["BAD_FLAG", "CudaSource", "c", "cuda", "cuda_inside", "domain_test", "json", "latex", "python"]

#: NVRTC (which CuPy compiles with) has no <math.h>, so INFINITY and NAN are defined from their
#: bit patterns with CUDA's device intrinsic; nvcc and gcc keep their own definitions. (NVRTC
#: rejects the GCC builtins __builtin_huge_valf/__builtin_nanf.)
CUDA_PRELUDE = """#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif
"""

_LATEX_NAMES = {
    "gamma": r"\gamma",
    "sigma2": r"\sigma^{2}",
    "theta": r"\theta",
    "lam": r"\lambda",
    "delta": r"\delta",
    "tau": r"\tau",
    "emp_risk": r"\hat{L}",
    "kl": r"\mathrm{KL}",
    "free_energy": "F",
}
_DTYPES = ("float64", "float32")


def _symbol_names(formula: Formula) -> dict[sp.Symbol, str]:
    syms = set(formula.params) | ({formula.unknown} if isinstance(formula, ImplicitFormula) else set())
    return {s: _LATEX_NAMES[s.name] for s in syms if s.name in _LATEX_NAMES}


def latex(formula: Formula) -> str:
    r"""LaTeX of the formula as an equation.

    For example ``f(x; \gamma, \sigma^{2}) = ...``, in the printed (literature) form when the
    formula has one; tests check it equals the stable form.
    """
    names = _symbol_names(formula)
    args = ", ".join(names.get(p, sp.latex(p)) for p in formula.params)
    name = formula.id.replace("_", r"\_")  # a bare '_' would start a subscript
    head = rf"\operatorname{{{name}}}\left({args}\right)"
    if isinstance(formula, NumericFormula):
        return formula.definition
    if isinstance(formula, ImplicitFormula):
        u = names.get(formula.unknown, sp.latex(formula.unknown))
        body = sp.latex(formula.residual, symbol_names=names)
        return rf"{head} = \inf\left\{{ {u} : {body} \geq 0 \right\}}"
    # the literature's form reads better than the rewritten stable form the kernels use
    shown = formula.printed if formula.printed is not None else formula.expr
    return f"{head} = {sp.latex(shown, symbol_names=names)}"


def _self_consistent(formula: Formula, target: str) -> bool:
    """Whether ``formula`` is a self-consistent quantity the export solves point by point (else a clear error)."""
    if not isinstance(formula, SelfConsistentFormula):
        return False
    if formula.quantity not in POINTWISE:
        raise ValueError(
            f"{formula.id} needs the support's critical points, computed on the host, so there is no {target} export "
            f"(the pointwise quantities {', '.join(POINTWISE)} export; evaluate it with numeric.compile({formula.id!r}) or `lmech eval`)"
        )
    return True


def _closed_form_only(formula: Formula, target: str) -> None:
    if not formula.exports:
        raise ValueError(
            f"{formula.id} has no closed form (it is computed by a numerical method), so there is no {target} export; "
            f"evaluate it with numeric.compile({formula.id!r}) or `lmech eval`"
        )


def _check_dtype(dtype: str) -> None:
    if dtype not in _DTYPES:
        raise ValueError(f"dtype={dtype!r} is not one of {_DTYPES}")


def python(formula: Formula, module: str = "numpy") -> str:
    """Source of a self-contained Python module defining ``lmech_<family>_<name>``.

    Args:
        formula: a closed-form or implicit formula.
        module: ``math`` (scalar floats; ``cmath`` for complex values), ``mpmath`` (scalar, at
            the caller's ``mpmath.mp`` precision) or ``numpy`` (arrays, broadcast).

    The scalar modules print each expression whole (no cse, so a Piecewise branch guards what
    it computes), finite sums as loops, and an implicit formula's residual, slope and bracket
    with the project's safeguarded Newton/bisection. The numpy module vectorises the closed
    form with ``numpy.select``, which evaluates every branch: the floating-point warnings of
    the branches it discards are silenced in that function, not in the caller. Sums and
    implicit formulas become ``numpy.vectorize`` of the scalar ``math`` source, included.

    A self-consistent formula's pointwise quantities (``stieltjes``, ``density``) export to
    ``numpy``: the system's pieces printed from its declaration plus the solver that numba
    compiles, run as plain Python (the arrays are one parameter row; a point whose branch is not
    certified raises ArithmeticError).

    Raises:
        ValueError: an unknown module, or a numeric formula (no closed form to print).
    """
    modules = ("numpy", "math", "mpmath")
    if module not in modules:
        raise ValueError(f"module={module!r} is not one of {modules}")
    if _self_consistent(formula, "Python"):
        if module != "numpy":
            raise ValueError(f"{formula.id} exports to module='numpy' only: its solver uses numpy.linalg (got module={module!r})")
        return python_export(formula)
    _closed_form_only(formula, "Python")
    name = kernel_name(formula.id)
    doc = f'"""{formula.description}. {formula.reference}"""'
    head = f"# {formula.id}: generated by lmech; arguments {formula.signature()}, domain {formula.domain_text()}\n"
    if module in ("math", "mpmath"):
        imports = "import cmath\nimport math\n" if module == "math" else "import mpmath\n"
        return head + imports + _scalar_python(formula, module) + f"\n{name}.__doc__ = {doc}\n"
    otype = "complex" if formula.complex_valued else "float"
    if isinstance(formula, ImplicitFormula | RecursionFormula) or formula.expr.has(sp.Sum):
        scalar = _scalar_python(formula, "math").replace(f"def {name}(", f"def _{name}_scalar(")
        return (
            head
            + "import cmath\nimport math\n\nimport numpy\n"
            + scalar
            + f"\n\ndef _{name}_items(*args):\n    # Python numbers, not numpy scalars: a pole at a bracket end raises rather than warns\n"
            + f"    return _{name}_scalar(*(a.item() if hasattr(a, 'item') else a for a in args))\n"
            + f"\n\n_{name}_vectorized = numpy.vectorize(_{name}_items, otypes=[{otype}])\n"
            + f"\n\ndef {name}({', '.join(formula.param_names)}):\n    {doc}\n"
            + "    # a pole caught at a bracket end leaves libm's divide-by-zero flag set, which the ufunc loop would report\n"
            + f'    with numpy.errstate(divide="ignore", invalid="ignore"):\n        return _{name}_vectorized({", ".join(formula.param_names)})\n'
        )
    printer = NumPyPrinter({"fully_qualified_modules": True, "strict": True})
    reps, (value,) = sp.cse(rewrite(sp.sympify(formula.expr), "numba"), symbols=sp.numbered_symbols("t"))
    lines = [f"    {doc}", '    with numpy.errstate(divide="ignore", invalid="ignore", over="ignore"):  # discarded Piecewise branches']
    lines += [f"        {sym} = {printer.doprint(e)}" for sym, e in reps]
    lines.append(f"        return {printer.doprint(value)}")
    body = "\n".join(lines)
    imports = "import functools\n\n" if "functools." in body else ""  # NumPyPrinter folds Min/Max with functools.reduce
    return head + imports + f"import numpy\n\n\ndef {name}({', '.join(formula.param_names)}):\n" + body + "\n"


def _scalar_python(formula: Formula, module: str) -> str:
    """The scalar functions of the math or mpmath export (expressions whole: no cse; a recursion's loop)."""
    if isinstance(formula, RecursionFormula):
        return recursion_python(formula, module)
    return python_source(lower(formula, "numba" if module == "math" else "mpmath", cse=False), jit=None, module=module)


def c(formula: Formula, dtype: str = "float64") -> str:
    """A self-contained C99 translation unit defining ``lmech_<family>_<name>`` (external linkage; helpers are ``static inline``).

    Link it, or include it and call the function. A self-consistent formula's pointwise
    quantities export too: ``lmech_<family>_<quantity>(point, *scalars, *arrays, *lengths)``
    (arrays as pointers, a matrix row-major, then each distinct length as a ``long``) solves the
    system at the point and returns NaN where the branch is not certified; the arguments are not
    validated (``numeric.compile`` does that).
    """
    _check_dtype(dtype)
    if _self_consistent(formula, "C"):
        _float64_solver(formula, dtype)
        return "#include <math.h>\n#include <complex.h>\n" + solver_c(formula, "c", "static inline ", "")
    if isinstance(formula, RecursionFormula):
        printer = CPrinter(dtype=dtype, complex_valued=False)
        return f"/* {formula.id}: {formula.description}\n * {formula.reference} */\n#include <math.h>\n" + recursion_c(formula, printer)
    _closed_form_only(formula, "C")
    low = lower(formula, "c")
    printer = CPrinter(dtype=dtype, complex_valued=formula.complex_valued, user_functions=[h.name for h in low.helpers])
    headers = "#include <math.h>\n" + ("#include <complex.h>\n" if formula.complex_valued else "")
    # helpers are static; the entry point has external linkage, so the unit compiles to an object to link against
    return f"/* {formula.id}: {formula.description}\n * {formula.reference} */\n{headers}" + c_source(low, printer, entry="")


@dataclass(frozen=True)
class CudaSource:
    """A CUDA device-function preamble plus the parts of a CuPy ``ElementwiseKernel``."""

    name: str
    preamble: str
    in_params: str
    out_params: str
    operation: str
    dtype: str

    def __str__(self) -> str:
        return (
            f"{self.preamble}\n"
            f"// cupy.ElementwiseKernel(\n//     {self.in_params!r},\n//     {self.out_params!r},\n"
            f"//     {self.operation!r},\n//     name={self.name!r}, preamble=<the code above>)\n"
        )


def _in_params(formula: Formula, dtype: str) -> str:
    """ElementwiseKernel inputs: ``dtype`` per parameter, its complex twin for non-real ones."""
    ctype = "complex128" if dtype == "float64" else "complex64"
    return ", ".join(f"{ctype if (formula.complex_valued and not p.is_real) else dtype} {p.name}" for p in formula.params)


#: the flag a checked kernel raises: a one-element ``int32`` device array, zero before the launch
BAD_FLAG = "lmech_bad"


def cuda(formula: Formula, dtype: str = "float64", checked: bool = False) -> CudaSource:
    """Device functions plus an ElementwiseKernel body with the stable name ``lmech_<id>``.

    Args:
        formula: a closed-form or implicit formula.
        dtype: ``float64`` or ``float32``.
        checked: fuse the domain test into the kernel: the parameters gain a last
            ``raw int32 lmech_bad`` (``BAD_FLAG``), which every point outside the domain sets
            to 1, so one launch evaluates and validates.

    A self-consistent formula's pointwise quantities export as the device solver: the inputs
    are the point, the scalars, ``int64 lmech_row`` (the parameter row of the point), the arrays
    as ``raw float64`` of shape (rows, ...) and their lengths as ``int64``; an uncertified point
    is NaN, and ``checked`` raises the flag there.

    Raises:
        ValueError: a numeric formula (no closed form to print) or an unknown dtype.
    """
    _check_dtype(dtype)
    if _self_consistent(formula, "CUDA"):
        return _cuda_self_consistent(formula, dtype, checked)
    if isinstance(formula, RecursionFormula):
        return _cuda_recursion(formula, dtype, checked)
    _closed_form_only(formula, "CUDA")
    low = lower(formula, "cuda")
    printer = CudaPrinter(dtype=dtype, complex_valued=formula.complex_valued, user_functions=[h.name for h in low.helpers])
    headers = "#include <thrust/complex.h>\n" if formula.complex_valued else ""
    preamble = f"// {formula.id}: {formula.description}\n// {formula.reference}\n{headers}{CUDA_PRELUDE}" + c_source(low, printer, qualifier="__device__ ")
    in_params = _in_params(formula, dtype)
    ctype = "complex128" if dtype == "float64" else "complex64"
    out_params = f"{ctype if formula.complex_valued else dtype} out"
    operation = f"out = {low.name}({', '.join(formula.param_names)})"
    name = low.name
    if checked:
        in_params += f", raw int32 {BAD_FLAG}"
        operation += f"; if (!({domain_test(formula, 'cuda', dtype=dtype)})) {BAD_FLAG}[0] = 1"
        name += "_checked"
    return CudaSource(name, preamble, in_params, out_params, operation, dtype)


def _cuda_recursion(formula: RecursionFormula, dtype: str, checked: bool) -> CudaSource:
    """A recursion's loop as a ``__device__`` function and the ElementwiseKernel that calls it."""
    printer = CudaPrinter(dtype=dtype, complex_valued=False)
    name = kernel_name(formula.id)
    preamble = f"// {formula.id}: {formula.description}\n// {formula.reference}\n{CUDA_PRELUDE}" + recursion_c(formula, printer, "__device__ ", "cuda")
    in_params, operation = _in_params(formula, dtype), f"out = {name}({', '.join(formula.param_names)})"
    if checked:
        in_params += f", raw int32 {BAD_FLAG}"
        operation += f"; if (!({domain_test(formula, 'cuda', dtype=dtype)})) {BAD_FLAG}[0] = 1"
        name += "_checked"
    return CudaSource(name, preamble, in_params, f"{dtype} out", operation, dtype)


def _float64_solver(formula: SelfConsistentFormula, dtype: str) -> None:
    if dtype != "float64":
        raise ValueError(f"{formula.id} is solved in float64 only (got dtype={dtype!r})")


def _cuda_self_consistent(formula: SelfConsistentFormula, dtype: str, checked: bool) -> CudaSource:
    _float64_solver(formula, dtype)
    name = kernel_name(formula.id)
    params, lengths = c_signature(formula)
    point = formula.params[0]
    complex_point = formula.quantity == "stieltjes"
    ins = [f"{'complex128' if complex_point else 'float64'} {point.name}"] + [f"float64 {p.name}" for p in formula.system.scalars]
    ins.append("int64 lmech_row")
    ins += [f"raw float64 {a.name}" for a in formula.system.arrays] + [f"int64 {n}" for n in lengths]
    args = [point.name] + [p.name for p in formula.system.scalars]
    for a in formula.system.arrays:
        width = " * ".join([a.length.name] * a.rank)
        args.append(f"&{a.name}[lmech_row * {width}]")
    args += lengths
    operation = f"out = {name}({', '.join(args)})"
    out_params = f"{'complex128' if complex_point else 'float64'} out"
    headers = "#include <thrust/complex.h>\n"
    preamble = headers + CUDA_PRELUDE + solver_c(formula, "cuda", "__device__ ", "__device__ ")
    in_params = ", ".join(ins)
    if checked:
        in_params += f", raw int32 {BAD_FLAG}"
        real = "out.real()" if complex_point else "out"
        operation += f"; if ({real} != {real}) {BAD_FLAG}[0] = 1"
        name += "_checked"
    return CudaSource(name, preamble, in_params, out_params, operation, dtype)


def cuda_inside(formula: Formula, dtype: str = "float64") -> CudaSource:
    """The device domain check of a formula.

    An ElementwiseKernel ``lmech_<id>_inside`` whose boolean output says whether each point lies
    in every parameter's domain and ``where`` relation: the device twin of the host domain check,
    so that a GPU call validates its arguments in one pass without copying them to the host.
    Numeric formulas have one too: a domain needs no closed form.
    """
    _check_dtype(dtype)
    test = domain_test(formula, "cuda", dtype=dtype)
    name = f"{kernel_name(formula.id)}_inside"
    in_params = _in_params(formula, dtype)
    preamble = f"// {formula.id}: domain of every parameter and the where relations\n{CUDA_PRELUDE}"
    return CudaSource(name, preamble, in_params, "bool out", f"out = {test}", dtype)


def domain_test(formula: Formula, target: str, names: list[str] | None = None, dtype: str = "float64") -> str:
    """The membership test of a point as one boolean expression for ``target``.

    ``target`` is 'numba' or 'cuda'. The test: every parameter finite and in its domain (whole where the domain is integer), and
    every ``where`` relation. ``names`` renames the parameters (the generated kernels' locals).

    It is the one declaration of the test that the compiled kernels fuse into their pass (numba)
    or run on the device (``cuda_inside``); ``numeric.DomainChecker`` evaluates the same
    relations on the host to word the error.

    Raises:
        ValueError: for an unknown target or a ``names`` list of the wrong length.
    """
    if target not in ("numba", "cuda"):
        raise ValueError(f"target={target!r} is not one of ('numba', 'cuda')")
    if isinstance(formula, SelfConsistentFormula):
        raise ValueError(
            f"{formula.id} has array parameters ({', '.join(a.name for a in formula.arrays)}): their constraints "
            "(simplex, symmetry) are validated on the host by numeric.compile, not by a per-point test"
        )
    names = list(formula.param_names if names is None else names)
    if len(names) != len(formula.params):
        raise ValueError(f"names has {len(names)} entries; {formula.id} has {len(formula.params)} parameters")
    cuda_target = target == "cuda"
    printer = CudaPrinter(dtype=dtype, complex_valued=formula.complex_valued) if cuda_target else NumbaPrinter()
    conj, finite = (" && ", "isfinite") if cuda_target else (" and ", "math.isfinite")
    rename = {sp.Symbol(p.name): sp.Symbol(v) for p, v in zip(formula.params, names)}
    terms = []
    for p, v in zip(formula.params, names):
        dom = formula.domain[p]
        if dom == sp.S.Complexes:
            terms.append(f"isfinite({v}.real()) && isfinite({v}.imag())" if cuda_target else f"cmath.isfinite({v})")
            continue
        cond, integer = domain_relation(p, dom)
        parts = [f"{finite}({v})"] + ([f"({printer.doprint(cond.xreplace(rename))})"] if cond is not None else [])
        if integer:
            parts.append(f"{v} == rint({v})" if cuda_target else f"{v} == math.floor({v})")
        terms.append(conj.join(parts))
    plain = {p: rename[sp.Symbol(p.name)] for p in formula.params}
    terms += [f"({printer.doprint(w.xreplace(plain))})" for w in formula.where]
    return conj.join(f"({t})" for t in terms) if terms else ("true" if cuda_target else "True")


def json(formula: Formula) -> str:
    """A JSON record: id, parameters with assumptions and domains, srepr, LaTeX, reference."""
    params = [
        {
            "name": p.name,
            "assumptions": {k: v for k, v in sorted(p.assumptions0.items()) if v},
            "domain": format_set(formula.domain[p]),
            "domain_srepr": sp.srepr(formula.domain[p]),
        }
        for p in formula.params
    ]
    record = {
        "id": formula.id,
        "description": formula.description,
        "reference": formula.reference,
        "params": params,
        "where": [sp.sstr(w) for w in formula.where],
        "implicit": isinstance(formula, ImplicitFormula),
        "numeric": formula.numeric,
        "complex_valued": formula.complex_valued,
        "srepr": sp.srepr(formula.expr),
        "latex": latex(formula),
        "accuracy": {"rtol": formula.accuracy.rtol, "atol": formula.accuracy.atol, "note": formula.accuracy.note},
    }
    if isinstance(formula, ImplicitFormula):
        record["unknown"] = formula.unknown.name
        record["bracket_srepr"] = [sp.srepr(b) for b in formula.bracket]
    if isinstance(formula, RecursionFormula):
        record["recursion"] = {
            "count": formula.count.name,
            "state": [x.name for x in formula.state],
            "initial_srepr": [sp.srepr(e) for e in formula.initial],
            "step_srepr": [sp.srepr(e) for e in formula.step],
            "output_srepr": sp.srepr(formula.output),
        }
    if isinstance(formula, SelfConsistentFormula):
        system = formula.system
        record["self_consistent"] = {
            "quantity": formula.quantity,
            "unknown": str(system.unknown),
            "equation_srepr": sp.srepr(system.equation),
            "jacobian_srepr": sp.srepr(system.jacobian()),
            "stieltjes_srepr": sp.srepr(system.stieltjes),
            "stability_srepr": sp.srepr(system.stability),
            "equation_latex": sp.latex(system.equation),
            "arrays": [{"name": a.name, "rank": a.rank, "domain": a.text()} for a in formula.arrays],
        }
    return _json.dumps(record, indent=2)
