"""Exports: plain functions of a formula, each built on a SymPy printer."""

from __future__ import annotations

import json as _json
from dataclasses import dataclass

import sympy as sp
from sympy.printing.numpy import NumPyPrinter
from sympy.printing.pycode import MpmathPrinter, PythonCodePrinter

from ._codegen import CPrinter, CudaPrinter, NumbaPrinter, c_source, kernel_name, lower
from ._formula import Formula, ImplicitFormula, NumericFormula, domain_relation, format_set

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
    """LaTeX of the formula as an equation, e.g. ``f(x; \\gamma, \\sigma^{2}) = ...``, in the printed
    (literature) form when the formula has one; tests check it equals the stable form."""
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


def _closed_form_only(formula: Formula, target: str) -> None:
    if formula.numeric:
        raise ValueError(
            f"{formula.id} has no closed form (it is computed by a numerical method), so there is no {target} export; "
            f"evaluate it with numeric.compile({formula.id!r}) or `lmech eval`"
        )


def _check_dtype(dtype: str) -> None:
    if dtype not in _DTYPES:
        raise ValueError(f"dtype={dtype!r} is not one of {_DTYPES}")


def python(formula: Formula, module: str = "numpy") -> str:
    """Source of a Python function for ``module`` in {'numpy', 'math', 'mpmath'}.

    Explicit formulas only: an implicit formula has no closed form to print (compile it
    instead, or export its residual with ``c``/``cuda``).
    """
    printers = {"numpy": NumPyPrinter, "math": PythonCodePrinter, "mpmath": MpmathPrinter}
    if module not in printers:
        raise ValueError(f"module={module!r} is not one of {tuple(printers)}")
    _closed_form_only(formula, "Python")
    if isinstance(formula, ImplicitFormula):
        raise ValueError(f"{formula.id} is implicit: python export prints closed forms only")
    printer = printers[module]({"fully_qualified_modules": True, "strict": True})
    reps, (value,) = sp.cse(formula.expr, symbols=sp.numbered_symbols("t"))
    lines = [f'    """{formula.description}. {formula.reference}"""']
    lines += [f"    {s} = {printer.doprint(e)}" for s, e in reps]
    lines.append(f"    return {printer.doprint(value)}")
    imports = {"numpy": "import numpy", "math": "import math", "mpmath": "import mpmath"}[module]
    return f"{imports}\n\n\ndef {kernel_name(formula.id)}({', '.join(formula.param_names)}):\n" + "\n".join(lines) + "\n"


def c(formula: Formula, dtype: str = "float64") -> str:
    """A self-contained C99 translation unit defining ``lmech_<family>_<name>``."""
    _closed_form_only(formula, "C")
    _check_dtype(dtype)
    low = lower(formula, "c")
    printer = CPrinter(dtype=dtype, complex_valued=formula.complex_valued, user_functions=[h.name for h in low.helpers])
    headers = "#include <math.h>\n" + ("#include <complex.h>\n" if formula.complex_valued else "")
    return f"/* {formula.id}: {formula.description}\n * {formula.reference} */\n{headers}" + c_source(low, printer)


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

    Raises:
        ValueError: a numeric formula (no closed form to print) or an unknown dtype.
    """
    _closed_form_only(formula, "CUDA")
    _check_dtype(dtype)
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


def cuda_inside(formula: Formula, dtype: str = "float64") -> CudaSource:
    """An ElementwiseKernel ``lmech_<id>_inside`` whose boolean output says whether each point lies
    in every parameter's domain and ``where`` relation: the device twin of the host domain check,
    so that a GPU call validates its arguments in one pass without copying them to the host.
    Numeric formulas have one too: a domain needs no closed form."""
    _check_dtype(dtype)
    test = domain_test(formula, "cuda", dtype=dtype)
    name = f"{kernel_name(formula.id)}_inside"
    in_params = _in_params(formula, dtype)
    preamble = f"// {formula.id}: domain of every parameter and the where relations\n{CUDA_PRELUDE}"
    return CudaSource(name, preamble, in_params, "bool out", f"out = {test}", dtype)


def domain_test(formula: Formula, target: str, names: list[str] | None = None, dtype: str = "float64") -> str:
    """The membership test of a point as one boolean expression for ``target`` ('numba' or
    'cuda'): every parameter finite and in its domain (whole where the domain is integer), and
    every ``where`` relation. ``names`` renames the parameters (the generated kernels' locals).

    It is the one declaration of the test that the compiled kernels fuse into their pass (numba)
    or run on the device (``cuda_inside``); ``numeric.DomainChecker`` evaluates the same
    relations on the host to word the error.

    Raises:
        ValueError: for an unknown target or a ``names`` list of the wrong length.
    """
    if target not in ("numba", "cuda"):
        raise ValueError(f"target={target!r} is not one of ('numba', 'cuda')")
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
    return _json.dumps(record, indent=2)
