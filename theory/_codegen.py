"""Code generation shared by the exports and the compiled backends.

Pipeline: stability rewrites (named ``*_opt`` rules, one tuple per target) ->
lowering of finite ``Sum`` nodes into helper functions with a loop -> SymPy ``cse``
-> a printer per target. One printer design serves numba source, C99 and CUDA: a
node a printer does not support raises instead of printing something plausible.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.codegen.ast import float32, float64, real
from sympy.codegen.rewriting import expm1_opt, log1p_opt, optimize
from sympy.printing.c import C99CodePrinter
from sympy.printing.pycode import MpmathPrinter, PythonCodePrinter, _print_known_func

from ._formula import Formula, ImplicitFormula
from ._solver import PY_END, solver_source

__all__ = [
    "CPrinter",
    "CudaPrinter",
    "Lowered",
    "NumbaPrinter",
    "REWRITES",
    "kernel_name",
    "lower",
    "rewrite",
]

#: Stability rewrites per target, applied before cse (exp(x)-1 -> expm1, log(1+x) -> log1p).
REWRITES: dict[str, tuple] = {
    "numba": (expm1_opt, log1p_opt),
    "c": (expm1_opt, log1p_opt),
    "cuda": (expm1_opt, log1p_opt),
}

_BINOM = sp.Function("lmech_binom")


def kernel_name(formula_id: str) -> str:
    """Stable C identifier for a formula: ``mp.density`` -> ``lmech_mp_density``."""
    cleaned = "".join(ch if ch.isalnum() else "_" for ch in formula_id)
    return f"lmech_{cleaned}"


@dataclass(frozen=True)
class SumHelper:
    """A finite sum lowered to a function ``name(*args)`` that loops over ``index``."""

    name: str
    args: tuple[sp.Symbol, ...]
    index: sp.Symbol
    lower: sp.Expr
    upper: sp.Expr
    assignments: tuple[tuple[sp.Symbol, sp.Expr], ...]
    summand: sp.Expr


@dataclass(frozen=True)
class Block:
    """Straight-line code: cse assignments then one value, or then ``cases``.

    ``cases`` (a top-level Piecewise) is a tuple of ``(condition, Block)``: the assignments
    hold what the conditions share, and each branch has its own cse, so a point computes only
    the branch it takes (cse across the whole Piecewise would evaluate every branch's
    subexpressions at every point).
    """

    assignments: tuple[tuple[sp.Symbol, sp.Expr], ...]
    value: sp.Expr | None
    cases: tuple[tuple[sp.Basic, Block], ...] | None = None


@dataclass(frozen=True)
class Lowered:
    """A formula ready to print: helpers plus one block per entry point.

    For an explicit formula ``blocks`` has ``value``; for an implicit one it has
    ``residual``, ``derivative``, ``lo`` and ``hi``.
    """

    name: str
    params: tuple[sp.Symbol, ...]
    unknown: sp.Symbol | None
    helpers: tuple[SumHelper, ...]
    blocks: dict[str, Block]
    complex_valued: bool


def rewrite(expr: sp.Expr, target: str) -> sp.Expr:
    """The target's stability rewrites (``REWRITES``), applied only where a rule can fire."""
    rules = REWRITES.get(target, ())
    # optimize() re-canonicalises the whole tree (it would expand (b - x)*(x - a) back into
    # a cancelling polynomial), so run it only where a rule can fire.
    if not rules or not expr.has(sp.exp, sp.log):
        return expr
    return optimize(expr, rules)


def _cse_many(exprs: list, prefix: str, typed: bool) -> tuple[tuple, list]:
    reps, values = sp.cse(exprs, symbols=sp.numbered_symbols(prefix), optimizations="basic")
    if not typed:
        return tuple(reps), values
    # Give each temporary the realness SymPy can prove, so C/CUDA declare it double or complex.
    typed_reps, mapping = [], {}
    for sym, e in reps:
        e = e.xreplace(mapping)
        new = sp.Symbol(sym.name, real=True) if e.is_real else sp.Symbol(sym.name)
        mapping[sym] = new
        typed_reps.append((new, e))
    return tuple(typed_reps), [v.xreplace(mapping) for v in values]


def _cse(expr: sp.Expr, prefix: str, typed: bool) -> Block:
    reps, (value,) = _cse_many([expr], prefix, typed)
    return Block(reps, value)


def _branched(expr: sp.Expr, prefix: str, typed: bool) -> Block:
    """Cse per branch of a top-level Piecewise (recursively), shared cse of its conditions."""
    if not isinstance(expr, sp.Piecewise) or len(expr.args) < 2:
        return _cse(expr, prefix, typed)
    reps, conds = _cse_many([c for _, c in expr.args], f"{prefix}c", typed)
    known = {e: sym for sym, e in reps}  # a branch reuses what the conditions computed
    cases = tuple((c, _branched(e.xreplace(known), f"{prefix}b{i}_", typed)) for i, ((e, _), c) in enumerate(zip(expr.args, conds)))
    return Block(reps, None, cases)


def lower(formula: Formula, target: str, cse: bool = True) -> Lowered:
    """Rewrite, lower sums, and cse a formula for ``target`` ('numba', 'c', 'cuda' or 'mpmath').

    ``cse=False`` keeps each expression whole: the plain-Python exports need it, because cse
    hoists a subexpression out of the Piecewise branch that guards it (``math.sqrt`` of a
    negative number raises in Python, where compiled code returns a NaN that is never selected).
    """
    name = kernel_name(formula.id)
    helpers: list[SumHelper] = []
    typed = formula.complex_valued

    def lower_sums(expr: sp.Expr) -> sp.Expr:
        def replace(s: sp.Sum) -> sp.Expr:
            ((idx, lo, hi),) = s.limits
            args = tuple(sorted(s.free_symbols, key=lambda v: v.name))
            fname = f"{name}_sum{len(helpers)}"
            block = _cse(s.function.replace(sp.binomial, _BINOM), f"{fname}_t", False)
            helpers.append(SumHelper(fname, args, idx, lo, hi, block.assignments, block.value))
            return sp.Function(fname)(*args)

        return expr.replace(lambda e: isinstance(e, sp.Sum), replace)

    def block(expr: sp.Expr) -> Block:
        expr = lower_sums(rewrite(expr, target)).replace(sp.binomial, _BINOM)
        return _branched(expr, "t", typed) if cse else Block((), expr)

    if isinstance(formula, ImplicitFormula):
        blocks = {
            "residual": block(formula.residual),
            "derivative": block(formula.derivative.rewrite(sp.Piecewise)),
            "lo": block(formula.bracket[0]),
            "hi": block(formula.bracket[1]),
        }
        unknown = formula.unknown
    else:
        blocks = {"value": block(formula.expr)}
        unknown = None
    return Lowered(name, formula.params, unknown, tuple(helpers), blocks, formula.complex_valued)


class _ComplexDispatch:
    """Complex dispatch shared by the printers.

    A function of an argument SymPy cannot prove real (or, for
    the branch-cut functions, non-negative) is printed with its complex variant.
    """

    complex_valued = False
    _BRANCH_CUT = frozenset({"sqrt", "log", "asin", "acos"})

    def _complex_arg(self, arg: sp.Expr, func: str) -> bool:
        if not self.complex_valued:
            return False
        return not (bool(arg.is_extended_nonnegative) if func in self._BRANCH_CUT else bool(arg.is_real))


# ----------------------------------------------------------------------------- printers
class NumbaPrinter(_ComplexDispatch, PythonCodePrinter):
    """Python source for numba's nopython mode.

    ``math`` for real arguments, ``cmath``
    for arguments SymPy cannot prove real (complex formulas only); Piecewise as
    nested conditional expressions, which numba compiles into branches.
    """

    printmethod = "_numbacode"

    def __init__(self, settings: dict | None = None, complex_valued: bool = False, user_functions=()):
        settings = dict(settings or {})
        settings.setdefault("strict", True)
        settings.setdefault("fully_qualified_modules", True)
        settings["user_functions"] = {f: f for f in user_functions} | {"lmech_binom": "lmech_binom"}
        super().__init__(settings)
        self.complex_valued = complex_valued

    def _print_Pow(self, expr, rational=False):
        if expr.exp == sp.S.Half and self._complex_arg(expr.base, "sqrt"):
            return f"cmath.sqrt({self._print(expr.base)})"
        if expr.exp.is_Number and expr.exp < 0:
            # numba raises ZeroDivisionError for 0.0**-p (Python semantics); a float division
            # under error_model="numpy" gives inf like C and CUDA do
            inner = expr.base if expr.exp == -1 else sp.Pow(expr.base, -expr.exp, evaluate=False)
            return f"1.0/({self._print(inner)})"
        return super()._print_Pow(expr, rational=rational)

    def _print_complex_aware(self, expr):
        fname = expr.func.__name__
        if self._complex_arg(expr.args[0], fname):
            return f"cmath.{fname}({self._print(expr.args[0])})"
        return _print_known_func(self, expr)

    def _print_ImaginaryUnit(self, expr):
        return "1j"


class CPrinter(_ComplexDispatch, C99CodePrinter):
    """C99 source.

    Real code uses <math.h>; complex code uses <complex.h> functions (``csqrt`` ...) for arguments SymPy
    cannot prove real, and ``double complex`` temporaries.
    """

    printmethod = "_lmechccode"

    def __init__(self, settings: dict | None = None, dtype: str = "float64", complex_valued: bool = False, user_functions=()):
        settings = dict(settings or {})
        settings.setdefault("strict", True)
        settings.setdefault("math_macros", {})  # M_LN2, M_SQRT2 are POSIX, not C99: print log(2), sqrt(2)
        settings["type_aliases"] = {real: float32 if dtype == "float32" else float64}
        settings["user_functions"] = {f: f for f in user_functions} | {"lmech_binom": "lmech_binom"}
        super().__init__(settings)
        self.dtype = dtype
        self.complex_valued = complex_valued

    # --- types
    @property
    def real_type(self) -> str:
        return "float" if self.dtype == "float32" else "double"

    @property
    def complex_type(self) -> str:
        return f"{self.real_type} complex"

    def value_type(self, e: sp.Expr, complex_valued: bool) -> str:
        if complex_valued and not e.is_real:
            return self.complex_type
        return self.real_type

    # --- complex dispatch

    def _complex_call(self, func: str, arg: str) -> str:
        suffix = "f" if self.dtype == "float32" else ""
        return f"c{func}{suffix}({arg})"

    def _print_Pow(self, expr):
        if expr.exp == sp.S.Half and self._complex_arg(expr.base, "sqrt"):
            return self._complex_call("sqrt", self._print(expr.base))
        return super()._print_Pow(expr)

    def _print_complex_aware(self, expr):
        fname = expr.func.__name__
        if self._complex_arg(expr.args[0], fname):
            return self._complex_call(fname, self._print(expr.args[0]))
        return self._print_math_func(expr)

    def _print_Integer(self, expr):
        # integer literals become floating literals in complex code (int / complex is ill-typed in C++)
        if self.complex_valued:
            return self._print(sp.Float(int(expr)))
        return super()._print_Integer(expr)

    def _print_ImaginaryUnit(self, expr):
        return "I"

    def _print_Abs(self, expr):
        if self.complex_valued and not expr.args[0].is_real:
            return self._complex_abs(self._print(expr.args[0]))
        return self._print_math_func(expr)

    def _complex_abs(self, arg: str) -> str:
        return f"cabs{'f' if self.dtype == 'float32' else ''}({arg})"

    def _print_Pi(self, expr):
        # M_PI is POSIX, not C99; nvcc and -std=c99 both accept a literal
        return "3.14159265358979323846" + ("F" if self.dtype == "float32" else "")


for _printer in (NumbaPrinter, CPrinter):
    # The elementary functions dispatch on argument realness (math vs cmath, sqrt vs csqrt).
    for _fname in ("exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh"):
        setattr(_printer, f"_print_{_fname}", _printer._print_complex_aware)


class CudaPrinter(CPrinter):
    """CUDA C++: the C99 design, with ``thrust::complex`` (CuPy's ``complex<T>``) for complex code."""

    printmethod = "_lmechcudacode"

    @property
    def complex_type(self) -> str:
        return f"thrust::complex<{self.real_type}>"

    def _complex_call(self, func: str, arg: str) -> str:
        return f"thrust::{func}({self.complex_type}({arg}))"

    def _complex_abs(self, arg: str) -> str:
        return f"thrust::abs({self.complex_type}({arg}))"

    def _print_ImaginaryUnit(self, expr):
        return f"{self.complex_type}(0, 1)"

    def _print_Integer(self, expr):
        # CUDA's math overloads include host-only integer templates (fmin(int, double))
        return self._print(sp.Float(int(expr)))

    # --- special functions that the CUDA math library has beyond C99 (tgamma, lgamma, erf,
    # erfc come from the C printer): Bessel functions of integer order and the inverse error functions
    def _cuda_call(self, name: str, *args: str) -> str:
        return f"{name}{'f' if self.dtype == 'float32' else ''}({', '.join(args)})"

    def _bessel(self, expr, family: str):
        order, arg = expr.args
        if not (order.is_Integer and order >= 0):
            raise ValueError(f"CUDA provides {family}n only for a non-negative integer order, not {order}")
        if family == "cyl_bessel_i":
            if order > 1:
                raise ValueError(f"CUDA provides cyl_bessel_i0 and cyl_bessel_i1 only, not order {order}")
            return self._cuda_call(f"cyl_bessel_i{int(order)}", self._print(arg))
        if order <= 1:
            return self._cuda_call(f"{family}{int(order)}", self._print(arg))
        return self._cuda_call(f"{family}n", str(int(order)), self._print(arg))

    def _print_besselj(self, expr):
        return self._bessel(expr, "j")

    def _print_bessely(self, expr):
        return self._bessel(expr, "y")

    def _print_besseli(self, expr):
        return self._bessel(expr, "cyl_bessel_i")

    def _print_erfinv(self, expr):
        return self._cuda_call("erfinv", self._print(expr.args[0]))

    def _print_erfcinv(self, expr):
        return self._cuda_call("erfcinv", self._print(expr.args[0]))


# ------------------------------------------------------------------------------ emitters


def _uses_binom(low: Lowered) -> bool:
    """Whether a lowered sum needs the ``lmech_binom`` runtime helper."""
    return any(h.summand.has(_BINOM) or any(e.has(_BINOM) for _, e in h.assignments) for h in low.helpers)


def _helper_names(low: Lowered) -> list[str]:
    return [h.name for h in low.helpers]


class MpmathScalarPrinter(MpmathPrinter):
    """mpmath source for the exported scalar functions: lowered sums and the binomial helper are called by name, like the numba printer does."""

    def __init__(self, user_functions=()):
        super().__init__({"fully_qualified_modules": True, "strict": True, "user_functions": {f: f for f in user_functions} | {"lmech_binom": "lmech_binom"}})


_PY_MODULES = ("math", "mpmath")


def python_source(low: Lowered, jit: str | None = "jit", module: str = "math") -> str:
    """Scalar Python functions for a lowered formula, each decorated ``@{jit}`` (none if None).

    ``module`` is ``math`` (math/cmath, what numba compiles) or ``mpmath`` (the working
    precision's arithmetic, with the solver's tolerances in ``mpmath.mp.eps``). The entry point
    is ``low.name(*params)``. Integer loop bounds are cast with ``int``.
    """
    if module not in _PY_MODULES:
        raise ValueError(f"module={module!r} is not one of {tuple(_PY_MODULES)}")
    helpers = _helper_names(low)
    if module == "math":
        printer = NumbaPrinter(complex_valued=low.complex_valued, user_functions=helpers)
    else:
        printer = MpmathScalarPrinter(user_functions=helpers)
    deco = f"\n@{jit}\n" if jit else "\n\n"
    out: list[str] = []
    binom = f"""{deco}def lmech_binom(n, k):
    # exact in floating point while the result stays below 2**53, then correctly rounded per step
    k = min(k, n - k)
    if k < 0:
        return 0.0
    acc = 1.0
    for i in range(int(k)):
        acc = acc * (n - i) / (i + 1)
    return acc
"""
    if _uses_binom(low):
        out.append(binom)
    for h in low.helpers:
        body = [f"    {s.name} = {printer.doprint(e)}" for s, e in h.assignments]
        out.append(
            f"{deco}def {h.name}({', '.join(a.name for a in h.args)}):\n"
            f"    acc = 0.0\n"
            f"    for {h.index.name} in range(int({printer.doprint(h.lower)}), int({printer.doprint(h.upper)}) + 1):\n"
            + "".join(f"    {line}\n" for line in body)
            + f"        acc += {printer.doprint(h.summand)}\n    return acc\n"
        )
    pnames = [p.name for p in low.params]

    def body(blk: Block, ind: str) -> list[str]:
        lines = [f"{ind}{s.name} = {printer.doprint(e)}" for s, e in blk.assignments]
        if blk.cases is None:
            return [*lines, f"{ind}return {printer.doprint(blk.value)}"]
        for i, (cond, sub) in enumerate(blk.cases):
            head = "else:" if cond == sp.true else f"{'if' if i == 0 else 'elif'} {printer.doprint(cond)}:"
            lines += [f"{ind}{head}", *body(sub, ind + "    ")]
        if blk.cases[-1][0] != sp.true:
            lines.append(f"{ind}return {'mpmath' if module == 'mpmath' else 'math'}.nan")
        return lines

    def func(fname: str, args: list[str], blk: Block) -> str:
        return f"{deco}def {fname}({', '.join(args)}):\n" + "\n".join(body(blk, "    ")) + "\n"

    if low.unknown is None:
        out.append(func(low.name, pnames, low.blocks["value"]))
    else:
        u = low.unknown.name
        out.append(func(f"{low.name}_residual", [u, *pnames], low.blocks["residual"]))
        out.append(func(f"{low.name}_derivative", [u, *pnames], low.blocks["derivative"]))
        out.append(func(f"{low.name}_lo", pnames, low.blocks["lo"]))
        out.append(func(f"{low.name}_hi", pnames, low.blocks["hi"]))
        if not jit:  # plain Python raises at a pole that compiled code evaluates to +-inf
            out.append(PY_END)
        pargs = ", ".join(pnames)

        def call(fn: str):
            # plain Python: the residual's limit where a pole at a bracket end raises
            if jit:
                return lambda at, limit: f"{low.name}_{fn}({at}, {pargs})"
            return lambda at, limit: f"lmech_end({low.name}_{fn}, {at}, {limit}, {pargs})"

        out.append(
            solver_source(
                module,
                name=low.name,
                params=pnames,
                lo=f"{low.name}_lo({pargs})",
                hi=f"{low.name}_hi({pargs})",
                residual=call("residual"),
                derivative=call("derivative"),
                qualifier=deco.strip(),
            )
        )
    return "".join(out)


def c_source(low: Lowered, printer: CPrinter, qualifier: str = "static inline ", entry: str | None = None) -> str:
    """C99 or CUDA functions for a lowered formula; the entry point is ``low.name``, declared with ``entry`` (default: ``qualifier``, as every helper is)."""
    entry = qualifier if entry is None else entry
    rt = printer.real_type
    out: list[str] = []
    helper_binom = f"""
{qualifier}{rt} lmech_binom({rt} n, {rt} k) {{
    if (n - k < k) k = n - k;
    if (k < 0) return 0;
    {rt} acc = 1;
    for (long i = 0; i < (long)k; ++i) acc = acc * (n - i) / (i + 1);
    return acc;
}}
"""
    if _uses_binom(low):
        out.append(helper_binom)

    def decl(e: sp.Expr) -> str:
        return printer.value_type(e, low.complex_valued)

    def params_decl(syms) -> str:
        parts = []
        for s in syms:
            ctype = printer.complex_type if (low.complex_valued and not s.is_real) else rt
            parts.append(f"{ctype} {s.name}")
        return ", ".join(parts)

    for h in low.helpers:
        i = h.index.name
        body = "".join(f"        const {decl(e)} {s.name} = {printer.doprint(e)};\n" for s, e in h.assignments)
        out.append(
            f"\n{qualifier}{rt} {h.name}({params_decl(h.args)}) {{\n    {rt} acc = 0;\n"
            f"    for (long {i}_ = (long)({printer.doprint(h.lower)}); {i}_ <= (long)({printer.doprint(h.upper)}); ++{i}_) {{\n"
            # the index as a floating value: pow(double, long) is ambiguous under NVRTC
            f"        const {rt} {i} = ({rt}){i}_;\n"
            f"{body}        acc += {printer.doprint(h.summand)};\n    }}\n    return acc;\n}}\n"
        )

    def body(blk: Block, ind: str) -> str:
        lines = "".join(f"{ind}const {decl(e)} {s.name} = {printer.doprint(e)};\n" for s, e in blk.assignments)
        if blk.cases is None:
            return lines + f"{ind}return {printer.doprint(blk.value)};\n"
        for i, (cond, sub) in enumerate(blk.cases):
            head = "else" if cond == sp.true else f"{'if' if i == 0 else 'else if'} ({printer.doprint(cond)})"
            lines += f"{ind}{head} {{\n{body(sub, ind + '    ')}{ind}}}\n"
        if blk.cases[-1][0] != sp.true:
            lines += f"{ind}return NAN;\n"
        return lines

    def func(fname: str, syms, blk: Block, ret: str, qual: str = qualifier) -> str:
        return f"\n{qual}{ret} {fname}({params_decl(syms)}) {{\n{body(blk, '    ')}}}\n"

    out_type = printer.complex_type if low.complex_valued else rt
    if low.unknown is None:
        out.append(func(low.name, low.params, low.blocks["value"], out_type, entry))
    else:
        u = low.unknown
        out.append(func(f"{low.name}_residual", (u, *low.params), low.blocks["residual"], rt))
        out.append(func(f"{low.name}_derivative", (u, *low.params), low.blocks["derivative"], rt))
        out.append(func(f"{low.name}_lo", low.params, low.blocks["lo"], rt))
        out.append(func(f"{low.name}_hi", low.params, low.blocks["hi"], rt))
        pargs = ", ".join(p.name for p in low.params)

        def call(fn: str):
            return lambda at, limit: f"{low.name}_{fn}({at}, {pargs})"

        solver = solver_source(
            "c",
            name=low.name,
            params=[p.name for p in low.params],
            lo=f"{low.name}_lo({pargs})",
            hi=f"{low.name}_hi({pargs})",
            residual=call("residual"),
            derivative=call("derivative"),
            real_type=rt,
            qualifier=entry,
        )
        out.append(solver)
    return "".join(out)
