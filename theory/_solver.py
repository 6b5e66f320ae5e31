"""The one safeguarded root-finder of the project, written once and emitted for every target.

``SPEC`` is the algorithm as a small Python function. ``solver_source`` turns it into Python
(``math`` for numba and plain Python, ``mpmath`` at the working precision) by rewriting its
syntax tree, and into C99 or CUDA by translating the same tree statement by statement. The
generated numba kernels, the Python and C exports, the CUDA kernels, the Tracy-Widom device
quantile and the 50-digit oracle (``mp_solve``) all run this one algorithm.

The algorithm finds the generalised inverse ``inf{u in [lo, hi] : r(u) >= 0}`` of a
non-decreasing residual ``r``: safeguarded Newton (the rtsafe rule of Press et al.,
*Numerical Recipes*, 3rd ed., section 9.4), started from the secant point of the bracket.
Invariant r(lo) < 0 <= r(hi). A Newton step that leaves the bracket, or that is not at most
half the step before last, is replaced by bisection, so the loop always terminates inside
the bracket. It stops when the Newton correction is below two ulps of the iterate (checked
before the bracket test, since a converged step rounds onto the bracket end), or when the
bracket is four ulps wide or cannot be halved (subnormal roots), returning the Newton point
inside it. A positive bracket spanning more than a factor 4 is bisected geometrically, so a
root far below the bracket's top (a kl inverse at 1e-70) costs tens of steps, not hundreds; and
after three bisections that moved the same end, the next point halves the distance to the other
end geometrically (the root hugs it: a log pole there), which the 50-digit oracle needs most.
The float cap allows bisection across the whole float64 range (a root at 1e-300 from [0, 1]).

The spec's placeholders:

- ``RESIDUAL(at, limit)``, ``DERIVATIVE(at, limit)``: the residual and its derivative at a
  point. ``limit`` is the value to use where plain Python raises at a pole (a log at p = 1);
  compiled code evaluates such a pole to +-inf itself and ignores it.
- ``EPS``: the unit roundoff of the target; ``ITERATIONS``: the iteration cap.
- ``UNCONVERGED(u)``: what the cap returns (the iterate; the mpmath oracle raises instead).
- ``isnan``, ``sqrt``, ``inf``, ``nan``, ``abs``, ``min``, ``max``: the target's math.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

__all__ = ["FLOAT_ITERATIONS", "SPEC", "mp_solve", "solver_source"]

#: Iteration cap of the float targets: bisection across all of float64 (a root at 1e-300).
FLOAT_ITERATIONS = 1100
#: Iteration cap of the mpmath target: bisection across the decades of a 50-digit working precision.
MP_ITERATIONS = 20000

SPEC = """
def SOLVE(PARAMS):
    lo = LO
    hi = HI
    if isnan(lo) or isnan(hi):
        return nan
    lo = min(lo, hi)  # ends computed by different roundings of one bound may cross by an ulp
    flo = RESIDUAL(lo, -inf)
    if flo >= 0.0:
        return lo
    fhi = RESIDUAL(hi, inf)
    if fhi < 0.0:
        return hi
    u = lo - flo * ((hi - lo) / (fhi - flo))
    if not (lo < u and u < hi):
        u = lo + 0.5 * (hi - lo)
    dx = hi - lo
    dxold = dx
    newton = False
    run = 0.0  # > 0: lo moved that many times in a row; < 0: hi did
    for it in range(ITERATIONS):
        # an iterate rounded onto a pole at an end: the limit there (the residual is non-decreasing)
        f = RESIDUAL(u, inf if u - lo > hi - u else -inf)
        if f == 0.0:
            return u
        if f > 0.0:
            hi = u
            run = min(run, 0.0) - 1.0
        else:
            lo = u
            run = max(run, 0.0) + 1.0
        d = DERIVATIVE(u, inf)
        # no Newton step on an infinite slope (subnormal roots) or on a residual without one
        step = f / d if (d > 0.0 and d < inf) else inf
        if abs(step) <= 2.0 * EPS * abs(u):
            return u
        un = u - step
        mid = lo + 0.5 * (hi - lo)
        if hi - lo <= 4.0 * EPS * max(abs(lo), abs(hi)) or mid == lo or mid == hi:
            return un if (lo <= un and un <= hi) else hi
        if not (lo < un and un < hi) or abs(step) > 0.5 * abs(dxold):
            dxold = dx
            dx = 0.5 * (hi - lo)
            un = sqrt(lo) * sqrt(hi) if (lo > 0.0 and hi > 4.0 * lo) else lo + dx
            if abs(run) >= 3.0:
                # the root hugs one end (a log pole there, say): halve the distance to it geometrically
                gap = min(sqrt((hi - lo) * 4.0 * EPS * max(abs(lo), abs(hi))), 0.5 * (hi - lo))
                un = hi - gap if run > 0.0 else lo + gap
            newton = False
        else:
            # two Newton steps in a row: the next correction is ~ step^3/previous^2 (quadratic
            # convergence); when that is below an ulp, un is the answer without another evaluation
            if newton and abs(step) * step * step <= 0.01 * EPS * abs(un) * dx * dx:
                return un
            dxold = dx
            dx = step
            newton = True
        u = un
    return UNCONVERGED(u)
"""

#: Call text of a residual or derivative: (point, pole limit) -> source.
CallText = Callable[[str, str], str]

_TARGETS = ("math", "mpmath", "c", "cuda")


def _parse(params: list[str]) -> ast.FunctionDef:
    """The spec's tree, with any local that a parameter's name would shadow renamed."""
    tree = ast.parse(SPEC).body[0]
    spec_locals = {t.id for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.For)) for t in (n.targets if isinstance(n, ast.Assign) else [n.target])}
    rename = {v: f"{v}_lmech" for v in spec_locals if v in params}
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and n.id in rename:
            n.id = rename[n.id]
    return tree


class _Substitute(ast.NodeTransformer):
    """Rewrites the spec's placeholders into target source (as parsed expressions)."""

    def __init__(self, names: dict[str, str], calls: dict[str, Callable[[list[str]], str]]):
        self.names = names
        self.calls = calls

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in self.names:
            return ast.copy_location(ast.parse(self.names[node.id], mode="eval").body, node)
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        fn = node.func.id if isinstance(node.func, ast.Name) else None
        if fn in self.calls:
            args = [ast.unparse(self.visit(a)) for a in node.args]
            return ast.copy_location(ast.parse(self.calls[fn](args), mode="eval").body, node)
        self.generic_visit(node)
        return node


def _python(name: str, params: list[str], lo: str, hi: str, residual: CallText, derivative: CallText, module: str, decorator: str) -> str:
    tree = _parse(params)
    mp = module == "mpmath"
    m = "mpmath" if mp else "math"
    names = {
        "LO": lo,
        "HI": hi,
        "EPS": "mpmath.mp.eps" if mp else "2.220446049250313e-16",
        "ITERATIONS": str(MP_ITERATIONS if mp else FLOAT_ITERATIONS),
        "inf": f"{m}.inf",
        "nan": f"{m}.nan",
    }
    calls = {
        "RESIDUAL": lambda a: residual(a[0], a[1]),
        "DERIVATIVE": lambda a: derivative(a[0], a[1]),
        "UNCONVERGED": (lambda a: f"lmech_unconverged({a[0]}, lo, hi)") if mp else (lambda a: a[0]),
        "isnan": lambda a: f"{m}.isnan({a[0]})",
        "sqrt": lambda a: f"{m}.sqrt({a[0]})",
    }
    tree = _Substitute(names, calls).visit(tree)
    tree.name = name
    tree.args = ast.arguments(posonlyargs=[], args=[ast.arg(p) for p in params], kwonlyargs=[], kw_defaults=[], defaults=[])
    src = ast.unparse(ast.fix_missing_locations(tree))
    head = f"{decorator}\n" if decorator else ""
    if mp:
        head = (
            "\ndef lmech_unconverged(u, lo, hi):\n"
            f"    raise ArithmeticError(f'the solver did not converge in {MP_ITERATIONS} steps (bracket [{{lo}}, {{hi}}])')\n\n" + head
        )
    return "\n" + head + src + "\n"


# ------------------------------------------------------------------------------- C / CUDA
_C_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_C_CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}


class _CEmitter:
    """C99 / CUDA statements for the spec's tree.

    It covers the subset it uses: assignments, if/else,
    for over a range, return; arithmetic, comparisons, and/or/not, conditional expressions).
    """

    def __init__(self, rt: str, names: dict[str, str], calls: dict[str, Callable[[list[str]], str]]):
        self.rt = rt
        self.names = names  # placeholder -> C text (not parsed: C, not Python)
        self.calls = calls
        f32 = rt == "float"
        self.fn = {"abs": "fabsf" if f32 else "fabs", "min": "fminf" if f32 else "fmin", "max": "fmaxf" if f32 else "fmax", "sqrt": "sqrtf" if f32 else "sqrt"}

    def expr(self, e: ast.expr) -> str:
        if isinstance(e, ast.Constant):
            if isinstance(e.value, bool):
                return "1" if e.value else "0"
            if isinstance(e.value, float):
                return f"({self.rt}){e.value!r}"
            return repr(e.value)
        if isinstance(e, ast.Name):
            return self.names.get(e.id, e.id)
        if isinstance(e, ast.BinOp):
            return f"({self.expr(e.left)} {_C_OPS[type(e.op)]} {self.expr(e.right)})"
        if isinstance(e, ast.UnaryOp):
            return f"({'!' if isinstance(e.op, ast.Not) else '-'}{self.expr(e.operand)})"
        if isinstance(e, ast.BoolOp):
            op = " && " if isinstance(e.op, ast.And) else " || "
            return "(" + op.join(self.expr(v) for v in e.values) + ")"
        if isinstance(e, ast.Compare):
            terms, left = [], e.left
            for op, right in zip(e.ops, e.comparators):
                terms.append(f"{self.expr(left)} {_C_CMP[type(op)]} {self.expr(right)}")
                left = right
            return "(" + " && ".join(terms) + ")"
        if isinstance(e, ast.IfExp):
            return f"({self.expr(e.test)} ? {self.expr(e.body)} : {self.expr(e.orelse)})"
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in self.calls:
            return "(" + self.calls[e.func.id]([self.expr(a) for a in e.args]) + ")"
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name):
            fn = self.fn.get(e.func.id, e.func.id)
            return f"{fn}({', '.join(self.expr(a) for a in e.args)})"
        raise TypeError(f"the C emitter has no rule for {ast.dump(e)}")

    def block(self, body: list[ast.stmt], ind: str, declared: set[str]) -> list[str]:
        out: list[str] = []
        for s in body:
            if isinstance(s, ast.Assign):
                (target,) = s.targets
                value = s.value
                if target.id in declared:
                    out.append(f"{ind}{target.id} = {self.expr(value)};")
                else:
                    declared.add(target.id)
                    ctype = "int" if isinstance(value, ast.Constant) and isinstance(value.value, bool) else self.rt
                    out.append(f"{ind}{ctype} {target.id} = {self.expr(value)};")
            elif isinstance(s, ast.Return):
                out.append(f"{ind}return {self.expr(s.value)};")
            elif isinstance(s, ast.If):
                out.append(f"{ind}if ({self.expr(s.test)}) {{")
                out += self.block(s.body, ind + "    ", declared)
                if s.orelse:
                    out.append(f"{ind}}} else {{")
                    out += self.block(s.orelse, ind + "    ", declared)
                out.append(f"{ind}}}")
            elif isinstance(s, ast.For):
                (n,) = s.iter.args
                i = s.target.id
                out.append(f"{ind}for (int {i} = 0; {i} < {self.expr(n)}; ++{i}) {{")
                out += self.block(s.body, ind + "    ", declared)
                out.append(f"{ind}}}")
            else:
                raise TypeError(f"the C emitter has no rule for {ast.dump(s)}")
        return out


def _c(name: str, params: list[str], lo: str, hi: str, residual: CallText, derivative: CallText, rt: str, qualifier: str) -> str:
    f32 = rt == "float"
    names = {
        "LO": lo,
        "HI": hi,
        "EPS": "1.1920929e-07F" if f32 else "2.220446049250313e-16",
        "ITERATIONS": str(FLOAT_ITERATIONS),
        "inf": f"({rt})INFINITY",
        "nan": f"({rt})NAN",
    }
    calls = {
        "RESIDUAL": lambda a: residual(a[0], a[1]),
        "DERIVATIVE": lambda a: derivative(a[0], a[1]),
        "UNCONVERGED": lambda a: a[0],
    }
    body = "\n".join(_CEmitter(rt, names, calls).block(_parse(params).body, "    ", set(params)))
    args = ", ".join(f"{rt} {p}" for p in params)
    return f"\n{qualifier}{rt} {name}({args}) {{\n{body}\n}}\n"


def solver_source(
    target: str,
    *,
    name: str,
    params: list[str],
    lo: str,
    hi: str,
    residual: CallText,
    derivative: CallText,
    real_type: str = "double",
    qualifier: str = "",
) -> str:
    """The spec's solver as source for ``target``.

    Args:
        target: ``math`` (Python on floats, numba-compilable), ``mpmath`` (Python at the
            working precision, tolerances in ``mpmath.mp.eps``), ``c`` or ``cuda``.
        name: the function's name; its arguments are ``params``.
        params: the parameter names (the solver's own locals must not collide with them).
        lo: source of the bracket's lower end, in terms of ``params``.
        hi: source of the bracket's upper end.
        residual: ``(point, pole_limit) -> source`` of the residual's call.
        derivative: ``(point, pole_limit) -> source`` of the derivative's call.
        real_type: ``double`` or ``float`` (C and CUDA only).
        qualifier: Python: a decorator line (``@jit``); C/CUDA: the declaration prefix
            (``static inline``, ``__device__``).

    Returns:
        The source of one function (for mpmath, with its non-convergence helper).

    Raises:
        ValueError: an unknown target or real type.
    """
    if target not in _TARGETS:
        raise ValueError(f"target={target!r} is not one of {_TARGETS}")
    if real_type not in ("double", "float"):
        raise ValueError(f"real_type={real_type!r} is not one of ('double', 'float')")
    if target in ("math", "mpmath"):
        return _python(name, params, lo, hi, residual, derivative, target, qualifier)
    return _c(name, params, lo, hi, residual, derivative, real_type, qualifier)


_MP_SOLVE: Callable | None = None


def mp_solve(residual: Callable, derivative: Callable, lo, hi):
    """``inf{u in [lo, hi] : residual(u) >= 0}`` at mpmath's working precision, by the spec.

    Args:
        residual: non-decreasing callable on mpmath numbers; it may raise ZeroDivisionError
            or ValueError at a pole on a bracket end (its limit there is then used).
        derivative: its derivative (``mpmath.inf`` or a non-positive value: no Newton step).
        lo: the bracket's lower end.
        hi: the bracket's upper end.

    Returns:
        The root as an ``mpf``.

    Raises:
        ArithmeticError: no convergence within the iteration cap.
    """
    global _MP_SOLVE
    if _MP_SOLVE is None:

        def call(fn: str) -> CallText:
            return lambda at, limit: f"lmech_end({fn}, {at}, {limit})"

        src = solver_source(
            "mpmath",
            name="lmech_solve",
            params=["residual", "derivative", "lo_", "hi_"],
            lo="lo_",
            hi="hi_",
            residual=call("residual"),
            derivative=call("derivative"),
        )
        import mpmath

        namespace: dict = {"mpmath": mpmath}
        exec(compile(PY_END + src, "<lmech solver spec: mpmath>", "exec"), namespace)  # noqa: S102 - the spec's own source
        _MP_SOLVE = namespace["lmech_solve"]
    return _MP_SOLVE(residual, derivative, lo, hi)


#: The plain-Python guard for a pole at a bracket end: compiled code gives +-inf there,
#: plain Python raises (math.log(0.0), a division by zero).
PY_END = """
def lmech_end(fn, u, limit, *args):
    # the residual at a point where it may have a pole: compiled code gives +-inf there,
    # plain Python raises (math.log(0.0), a division by zero)
    try:
        return fn(u, *args)
    except (ValueError, ZeroDivisionError):
        return limit
"""
