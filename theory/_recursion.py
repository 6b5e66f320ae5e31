"""The recursion kind: x_(l+1) = F(x_l; params) for ``count`` steps from x_1 = G(params), then an output H(x).

DESIGN.md's table of formula kinds: "recursion | x_(l+1) = F(x_l; p) over depth steps | a loop".
A ``RecursionFormula`` declares the state symbols, their initial expressions, the step map (one
expression per state component, in the state and the parameters) and the output, all SymPy. It is
a numeric formula (no closed form: its float64 method and 50-digit reference are as for any
numeric formula), but unlike one it exports: Python (math, mpmath, numpy), C and CUDA print the
same loop, with common subexpressions of the whole step map shared (``sympy.cse``) and the state
updated simultaneously.
"""

from __future__ import annotations

from dataclasses import dataclass

import mpmath
import sympy as sp

from ._codegen import CPrinter, MpmathScalarPrinter, NumbaPrinter, _cse_many, kernel_name, rewrite
from ._formula import NumericFormula

__all__ = ["MpmathLoop", "RecursionFormula", "recursion_c", "recursion_python"]


@dataclass(frozen=True, eq=False)
class RecursionFormula(NumericFormula):
    """A depth recursion: ``state`` starts at ``initial`` (in the parameters), the ``step`` map is applied ``count`` times, then ``output``.

    Attributes:
        state: the state symbols x = (x_1, ..., x_k).
        initial: one expression per state symbol, in the parameters.
        step: one expression per state symbol, in the state and the parameters (applied simultaneously).
        output: the result, in the state and the parameters.
        count: the integer parameter that counts the steps (``depth``).
    """

    state: tuple[sp.Symbol, ...] = ()
    initial: tuple[sp.Expr, ...] = ()
    step: tuple[sp.Expr, ...] = ()
    output: sp.Expr = sp.S.Zero
    count: sp.Symbol | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.mp is None:  # the 50-digit reference: the same loop in mpmath arithmetic
            object.__setattr__(self, "mp", MpmathLoop(self))
        k = len(self.state)
        if not k or len(self.initial) != k or len(self.step) != k:
            raise ValueError(f"{self.id}: state, initial and step need one entry per state symbol (got {k}, {len(self.initial)}, {len(self.step)})")
        if self.count not in self.params or not self.count.is_integer:
            raise ValueError(f"{self.id}: count={self.count!r} must be one of the integer parameters {self.param_names}")
        params = set(self.params)
        for e in self.initial:
            if not e.free_symbols <= params:
                raise ValueError(f"{self.id}: an initial expression uses {sorted(map(str, e.free_symbols - params))}, not parameters")
        allowed = params | set(self.state)
        for e in (*self.step, self.output):
            if not e.free_symbols <= allowed:
                raise ValueError(f"{self.id}: the step or output uses {sorted(map(str, e.free_symbols - allowed))}, neither state nor parameters")

    @property
    def exports(self) -> bool:
        return True


class MpmathLoop:
    """The default reference of a recursion: its mpmath export, run at the caller's precision (picklable: rebuilt on first use)."""

    def __init__(self, formula: RecursionFormula):
        self.formula = formula
        self._fn = None

    def __getstate__(self) -> dict:
        return {"formula": self.formula, "_fn": None}

    def __call__(self, *args):
        if self._fn is None:
            namespace: dict = {}
            source = "import mpmath\n" + recursion_python(self.formula, "mpmath")
            exec(compile(source, f"<{self.formula.id}:mpmath>", "exec"), namespace)  # generated, not user text
            self._fn = namespace[kernel_name(self.formula.id)]
        return self._fn(*(a if isinstance(a, int) else mpmath.mpmathify(a) for a in args))


def _parts(formula: RecursionFormula, target: str, prefix: str) -> tuple:
    """Cse'd initial assignments and values, step assignments and values, output assignments and value."""
    init_reps, init_vals = _cse_many([rewrite(e, target) for e in formula.initial], f"{prefix}i", False)
    step_reps, step_vals = _cse_many([rewrite(e, target) for e in formula.step], f"{prefix}s", False)
    out_reps, (out_val,) = _cse_many([rewrite(formula.output, target)], f"{prefix}o", False)
    return init_reps, init_vals, step_reps, step_vals, out_reps, out_val


def recursion_python(formula: RecursionFormula, module: str = "math", jit: str | None = None) -> str:
    """A scalar Python function ``lmech_<id>(*params)`` running the loop (``module``: math or mpmath), decorated ``@jit`` if given."""
    printer = NumbaPrinter() if module == "math" else MpmathScalarPrinter()
    init_reps, init_vals, step_reps, step_vals, out_reps, out_val = _parts(formula, "numba" if module == "math" else "mpmath", "t")
    names = [s.name for s in formula.state]
    lines = [f"    {s.name} = {printer.doprint(e)}" for s, e in init_reps]
    lines += [f"    {n} = {printer.doprint(v)}" for n, v in zip(names, init_vals)]
    lines.append(f"    for _ in range(int({formula.count.name})):")
    lines += [f"        {s.name} = {printer.doprint(e)}" for s, e in step_reps]
    lines.append(f"        {', '.join(names)} = {', '.join(printer.doprint(v) for v in step_vals)}")
    lines += [f"    {s.name} = {printer.doprint(e)}" for s, e in out_reps]
    lines.append(f"    return {printer.doprint(out_val)}")
    deco = f"@{jit}\n" if jit else ""
    return f"\n\n{deco}def {kernel_name(formula.id)}({', '.join(formula.param_names)}):\n" + "\n".join(lines) + "\n"


def recursion_c(formula: RecursionFormula, printer: CPrinter, qualifier: str = "", target: str = "c") -> str:
    """A C99 (or, with the CUDA printer and ``__device__``, CUDA) function ``lmech_<id>`` running the loop."""
    rt = printer.real_type
    init_reps, init_vals, step_reps, step_vals, out_reps, out_val = _parts(formula, target, "t")
    params = ", ".join(f"{rt} {p.name}" for p in formula.params)
    lines = [f"    const {rt} {s.name} = {printer.doprint(e)};" for s, e in init_reps]
    lines += [f"    {rt} {s.name} = {printer.doprint(v)};" for s, v in zip(formula.state, init_vals)]
    lines.append(f"    for (long lmech_l = 0; lmech_l < (long){formula.count.name}; ++lmech_l) {{")
    lines += [f"        const {rt} {s.name} = {printer.doprint(e)};" for s, e in step_reps]
    nexts = [f"{s.name}_next" for s in formula.state]
    lines += [f"        const {rt} {n} = {printer.doprint(v)};" for n, v in zip(nexts, step_vals)]
    lines += [f"        {s.name} = {n};" for s, n in zip(formula.state, nexts)]
    lines.append("    }")
    lines += [f"    const {rt} {s.name} = {printer.doprint(e)};" for s, e in out_reps]
    lines.append(f"    return {printer.doprint(out_val)};")
    return f"\n{qualifier}{rt} {kernel_name(formula.id)}({params}) {{\n" + "\n".join(lines) + "\n}\n"
