"""Self-consistent formulas: a law defined by an equation system F(g; z, params) = 0.

A ``SelfConsistentSystem`` declares, once:

- the unknowns ``g``: one complex number (a scalar ``Symbol``), or one per block (an
  ``IndexedBase`` whose length is the length of an array parameter);
- the equations ``F_a(g; z, params) = 0``, written with SymPy ``Sum`` over array parameters
  (``IndexedBase``); SymPy derives the Jacobian ``dF_a/dg_c`` (``jacobian``);
- the branch condition, the Herglotz property: ``Im g > 0`` for ``Im z > 0`` and
  ``g ~ -1/z`` at infinity (``start`` is that asymptotic, where continuation begins);
- the Stieltjes transform as a form in ``g`` and ``z``; the density is ``Im`` of it at
  ``x + i0`` over pi, read off the solved ``g`` (never written by hand);
- ``scale``: a bound R with the support inside [-R, R] (continuation starts at ``Im z = R``).

A scalar system that is linear in ``z`` also has an explicit inverse ``z = x(g)`` (SymPy
``solve``): its critical points give the edges (Silverstein & Choi 1995), see ``inverse``.

A ``SelfConsistentFormula`` is one quantity of a system (``stieltjes``, ``density``, ``cdf``,
``upper_edge``, ...). Its array parameters (``atoms``, ``weights``, ``alpha``, ``S``) are
declared as ``ArrayParam``: a vector lies on the last axis of an argument and a matrix on the
last two, while scalars broadcast over the leading axes. ``numeric`` compiles the kind into a
vectorised damped Newton with branch certificates; this module holds only the mathematics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import sympy as sp
from sympy.printing.pycode import PythonCodePrinter

from ._formula import Accuracy, NumericFormula, format_set
from ._registry import register

__all__ = ["ArrayParam", "SelfConsistentFormula", "SelfConsistentSystem", "absorb_sums", "system_source"]


@dataclass(frozen=True)
class ArrayParam:
    """A vector (``rank=1``) or symmetric matrix (``rank=2``) parameter.

    Attributes:
        name: the stable parameter name (``atoms``, ``weights``, ``alpha``, ``S``).
        rank: 1 for a vector on the last axis, 2 for a matrix on the last two axes.
        length: the ``Symbol`` standing for its length in ``Sum`` limits.
        element: the domain of each entry.
        simplex: the entries sum to 1 (within 1e-12).
        symmetric: a symmetric matrix.
        row_positive: every row of the matrix has a positive entry.
    """

    name: str
    rank: int
    length: sp.Symbol
    element: sp.Set
    simplex: bool = False
    symmetric: bool = False
    row_positive: bool = False

    @property
    def base(self) -> sp.IndexedBase:
        """The ``IndexedBase`` used in the equations (``atoms[i]``, ``S[a, b]``)."""
        return sp.IndexedBase(self.name, real=True)

    @property
    def symbol(self) -> sp.Symbol:
        """The plain symbol that stands for the whole array among a formula's ``params``."""
        return sp.Symbol(self.name)

    def text(self) -> str:
        """The domain in words, for error messages: ``1-D array of entries in (0, oo) summing to 1``."""
        shape = "1-D array" if self.rank == 1 else "symmetric square matrix" if self.symmetric else "square matrix"
        extra = " summing to 1 (within 1e-12)" if self.simplex else ""
        extra += ", every row with a positive entry" if self.row_positive else ""
        return f"{shape} of entries in {format_set(self.element)}{extra}"


def absorb_sums(expr: sp.Expr) -> sp.Expr:
    """Move the factors multiplying a ``Sum`` inside it and cancel each summand.

    ``u**2 *
    Sum(t**2/(1 + t*u)**2)`` at ``u = 1/s`` becomes ``Sum(t**2/(s + t)**2)``, the form that
    stays accurate where ``u`` is huge (``s`` near 0).
    """
    out = []
    for term in sp.Add.make_args(sp.expand(expr)):
        factors = sp.Mul.make_args(term)
        sums = [f for f in factors if isinstance(f, sp.Sum)]
        if len(sums) == 1:
            s = sums[0]
            rest = sp.Mul(*[f for f in factors if f is not s])
            term = sp.Sum(sp.factor(sp.cancel(rest * s.function)), *s.limits)
        out.append(term)
    return sp.Add(*out)


@dataclass(frozen=True, eq=False)
class SelfConsistentSystem:
    """An equation system ``F(g; z, params) = 0`` on the Herglotz branch (see the module doc).

    Attributes:
        name: the family (``gmp``, ``dyson``).
        z: the complex spectral variable.
        unknown: a ``Symbol`` (one unknown) or an ``IndexedBase`` (one per block).
        equation: ``F_a``; for an indexed unknown it has the free index ``index``.
        scalars: the scalar parameters, in call order.
        arrays: the array parameters, in call order.
        stieltjes: the Stieltjes transform ``m(z) = int dmu(x)/(x - z)`` in ``g`` and ``z``.
        scale: R with the support of the law inside [-R, R].
        reference: paper, arXiv id and equation.
        index: the free index of ``equation`` for an indexed unknown.
        count: the number of unknowns (a length ``Symbol``) for an indexed unknown.
        start: the start of continuation, ``g ~ -1/z`` at large ``|z|``.
        stability: the stability operator ``B[a, c]`` (index ``index``, column ``column``): with
            ``F`` written as ``-1/g = z + Phi(g)``, B = diag(g^2) dPhi/dg. A real solution is the
            boundary value outside the support exactly where its spectral radius is below 1.
    """

    name: str
    z: sp.Symbol
    unknown: sp.Symbol | sp.IndexedBase
    equation: sp.Expr
    scalars: tuple[sp.Symbol, ...]
    arrays: tuple[ArrayParam, ...]
    stieltjes: sp.Expr
    scale: sp.Expr
    reference: str
    index: sp.Symbol | None = None
    count: sp.Symbol | None = None
    start: sp.Expr | None = None
    stability: sp.Expr | None = None

    def __post_init__(self) -> None:
        if isinstance(self.unknown, sp.IndexedBase) and (self.index is None or self.count is None):
            raise ValueError(f"system {self.name}: an indexed unknown needs its free index and count")

    @property
    def vector(self) -> bool:
        """Whether the unknown is a vector (one per block)."""
        return isinstance(self.unknown, sp.IndexedBase)

    def at(self, j) -> sp.Expr:
        """The unknown's component ``j`` (the scalar unknown itself for a scalar system)."""
        return self.unknown[j] if self.vector else self.unknown

    @property
    def column(self) -> sp.Symbol:
        """The Jacobian's column index."""
        return sp.Symbol("c_", integer=True, nonnegative=True)

    def jacobian(self) -> sp.Expr:
        """``dF_a/dg_c``, derived by SymPy.

        By ``diff``; a ``KroneckerDelta`` of two indices in range
        is kept, and the range conditions ``doit`` attaches to a summed delta are dropped,
        since every index runs over the declared length).
        """
        if not self.vector:
            return sp.diff(self.equation, self.unknown)
        d = sp.diff(self.equation, self.unknown[self.column]).doit()
        return d.replace(lambda e: isinstance(e, sp.Piecewise), lambda e: e.args[0].expr)

    def inverse(self) -> sp.Expr | None:
        """``z`` as a function of a scalar unknown (``solve``), or None (vector systems)."""
        if self.vector:
            return None
        roots = sp.solve(self.equation, self.z)
        return roots[0] if len(roots) == 1 else None

    def params(self) -> tuple[sp.Symbol, ...]:
        """The symbols of every parameter (scalars, then the arrays' plain symbols)."""
        return self.scalars + tuple(a.symbol for a in self.arrays)


@dataclass(frozen=True, eq=False)
class SelfConsistentFormula(NumericFormula):
    """One quantity of a ``SelfConsistentSystem``, computed by solving it.

    ``quantity`` is one of ``stieltjes`` (the transform at a complex ``z``; a real ``z`` means
    ``z + i0``), ``density``, ``cdf``, ``upper_edge``, ``lower_edge``, ``edge`` (the ``j``-th edge
    of the support, increasing) or ``edge_scale`` (El Karoui's Tracy-Widom scale at the upper
    edge). ``arrays`` declares the array parameters among ``params`` and the constraints
    ``numeric`` validates. ``mp`` is unused: the mpmath backend is a 50-digit solve of the same
    declaration.
    """

    system: SelfConsistentSystem | None = None
    quantity: str = ""
    arrays: tuple[ArrayParam, ...] = ()

    QUANTITIES = ("stieltjes", "density", "cdf", "upper_edge", "lower_edge", "edge", "edge_scale")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.system is None or self.quantity not in self.QUANTITIES:
            raise ValueError(f"{self.id}: a self-consistent formula needs its system and a quantity in {self.QUANTITIES}")
        if self.quantity in ("cdf", "edge", "edge_scale") and self.system.inverse() is None:
            raise ValueError(f"{self.id}: {self.quantity} needs a system with an explicit inverse z = x(g)")

    def array(self, name: str) -> ArrayParam | None:
        """The declaration of array parameter ``name``, or None for a scalar parameter."""
        return next((a for a in self.arrays if a.name == name), None)

    def substitute(self, mapping: Mapping[sp.Symbol, sp.Expr], suffix: str) -> SelfConsistentFormula:
        """A deliberately wrong variant: the same solve at transformed arguments."""
        return replace(super().substitute(mapping, suffix), system=self.system, quantity=self.quantity, arrays=self.arrays)


def quantity_formula(
    system: SelfConsistentSystem,
    quantity: str,
    *,
    leading: tuple[sp.Symbol, ...] = (),
    domain: Mapping[sp.Symbol, sp.Set],
    reference: str,
    description: str,
    definition: str,
    derivation: Callable[[], sp.Expr] | None = None,
    complex_valued: bool = False,
    accuracy: Accuracy | None = None,
    where: tuple = (),
) -> SelfConsistentFormula:
    """Declare ``system.name.quantity`` with parameters ``leading + system.params()``."""
    params = leading + system.params()
    dom = dict(domain)
    for a in system.arrays:
        dom[a.symbol] = a.element
    head = sp.Function("".join(w.capitalize() for w in f"{system.name}_{quantity}".split("_")))
    return SelfConsistentFormula(
        id=f"{system.name}.{quantity}",
        params=params,
        domain=dom,
        expr=head(*params),
        reference=reference,
        description=description,
        where=where,
        derivation=derivation,
        complex_valued=complex_valued,
        accuracy=accuracy or Accuracy(rtol=1e-10, note="a solve of the declared system: Newton to convergence, 1e-10 by the issue's bound"),
        definition=definition,
        system=system,
        quantity=quantity,
        arrays=system.arrays,
    )


def declarer(system: SelfConsistentSystem, *, reference: str, accuracy: Accuracy, domain: Mapping[sp.Symbol, sp.Set] | None = None) -> Callable:
    """``declare(quantity, leading, domain, description, definition, **kw)`` for one family.

    It registers ``system.name.quantity`` with the family's reference, accuracy and scalar domains
    (a ``reference=`` keyword overrides the family's for one quantity).
    """

    def declare(quantity: str, leading: tuple, dom: dict, description: str, definition: str, **kw) -> SelfConsistentFormula:
        return register(
            quantity_formula(
                system,
                quantity,
                leading=leading,
                domain={**(domain or {}), **dom},
                reference=kw.pop("reference", reference),
                description=description,
                definition=definition,
                accuracy=accuracy,
                **kw,
            )
        )

    return declare


# ------------------------------------------------------------------------------ printing
class _Printer(PythonCodePrinter):
    """Python (numba-compilable) for the system's expressions.

    ``Indexed`` as array subscripts,
    ``KroneckerDelta`` as a comparison; sums are lowered to loops by ``_lower`` first.
    """

    def _print_Pow(self, expr, rational=False):
        # small integer powers as products: numba lowers a complex ** int to a general pow
        if expr.exp.is_Integer and 2 <= int(expr.exp) <= 4:
            b = self.parenthesize(expr.base, sp.printing.precedence.PRECEDENCE["Pow"])
            return "(" + "*".join([b] * int(expr.exp)) + ")"
        return super()._print_Pow(expr, rational=rational)

    def _print_KroneckerDelta(self, expr):
        a, b = (self._print(x) for x in expr.args)
        return f"(1.0 if {a} == {b} else 0.0)"

    def _print_Indexed(self, expr):
        return f"{expr.base.label}[{', '.join(self._print(i) for i in expr.indices)}]"

    def _print_ImaginaryUnit(self, expr):
        return "1j"

    def _print__Phase(self, expr):
        return f"cmath.phase({self._print(expr.args[0])})"

    def _print__Imag(self, expr):
        return f"({self._print(expr.args[0])}).imag"


class _Phase(sp.Function):
    """The principal argument of a complex number (printed as ``cmath.phase``)."""


class _Imag(sp.Function):
    """The imaginary part of a complex expression (printed as ``.imag``)."""


@dataclass
class _Lowered:
    lines: list[str] = field(default_factory=list)
    counter: int = 0


def _lower(expr: sp.Expr, state: _Lowered, indent: str, lengths: Mapping[sp.Symbol, str], printer: _Printer, zero: str = "0j") -> str:
    """Emit accumulator loops for the outermost sums of ``expr`` (nested ones inside them) and return its source in terms of the accumulators."""
    names = {}
    for s in outermost_sums(expr):
        name = f"acc{state.counter}"
        state.counter += 1
        state.lines.append(f"{indent}{name} = {zero}")
        inner_indent = indent
        for var, lo, hi in reversed(s.limits):  # SymPy lists the innermost limit first
            stop = printer._print((hi + 1).xreplace({k: sp.Symbol(v) for k, v in lengths.items()}))
            state.lines.append(f"{inner_indent}for {var} in range({printer._print(lo)}, {stop}):")
            inner_indent += "    "
        # a nested sum is lowered inside its outer loop (its summand may use the outer index)
        inner = _lower(s.function, state, inner_indent, lengths, printer, zero)
        state.lines.append(f"{inner_indent}{name} += {inner}")
        names[s] = sp.Symbol(name)
    return printer.doprint(expr.xreplace(names).xreplace({k: sp.Symbol(v) for k, v in lengths.items()}))


def outermost_sums(expr: sp.Expr) -> list[sp.Sum]:
    """The sums of ``expr`` that no other sum contains, in a fixed order."""
    sums = list(expr.atoms(sp.Sum))
    return sorted((s for s in sums if not any(o is not s and o.has(s) for o in sums)), key=sp.default_sort_key)


def _lower_shared(exprs: list[sp.Expr], state: _Lowered, indent: str, lengths: Mapping[sp.Symbol, str], printer: _Printer) -> list[str]:
    """Like ``_lower`` for several expressions whose sums run over the same index and limits.

    One loop accumulates them all, with SymPy ``cse`` across the summands (the residual's and the
    Jacobian's ``1/(1 + t u)`` is computed once per term). Returns each expression's source.
    """
    sums = sorted({s for e in exprs for s in e.atoms(sp.Sum)}, key=sp.default_sort_key)
    if not sums or len({s.limits for s in sums}) != 1 or any(s.function.has(sp.Sum) for s in sums):
        return [_lower(e, state, indent, lengths, printer) for e in exprs]
    (var, lo, hi), *_ = sums[0].limits
    names = {}
    for s in sums:
        names[s] = sp.Symbol(f"acc{state.counter}")
        state.counter += 1
        state.lines.append(f"{indent}{names[s]} = 0j")
    stop = printer._print((hi + 1).xreplace({k: sp.Symbol(v) for k, v in lengths.items()}))
    state.lines.append(f"{indent}for {var} in range({printer._print(lo)}, {stop}):")
    temps, reduced = sp.cse([s.function for s in sums], symbols=sp.numbered_symbols("term"))
    for t, v in temps:
        state.lines.append(f"{indent}    {t} = {printer.doprint(v)}")
        # a temporary that only divides: one reciprocal, then products (one complex division a term)
        if (
            all(p.base != t or (p.exp.is_integer and p.exp.is_negative) for e in reduced for p in e.atoms(sp.Pow))
            and any(p.base == t for e in reduced for p in e.atoms(sp.Pow))
            and not any(t in e.free_symbols - {p.base for p in e.atoms(sp.Pow)} for e in reduced)
        ):
            r = sp.Symbol(f"inv_{t}")
            state.lines.append(f"{indent}    {r} = 1/{t}")
            reduced = [e.replace(lambda p, t=t: p.is_Pow and p.base == t, lambda p, r=r: r ** (-p.exp)) for e in reduced]
    for s, body in zip(sums, reduced):
        state.lines.append(f"{indent}    {names[s]} += {printer.doprint(body)}")
    return [printer.doprint(e.xreplace(names).xreplace({k: sp.Symbol(v) for k, v in lengths.items()})) for e in exprs]


def system_source(system: SelfConsistentSystem, decorator: str = "") -> str:
    """Python source (numba-compilable) of the system's pieces.

    Every one is generated from the declaration:

    - ``fj(g, z, *params, F, J)`` fills the residual ``F[a]`` and the Jacobian ``J[a, c]``
      (SymPy's ``jacobian``) at the complex unknowns ``g`` (a 1-D complex array);
    - ``form(g, z, *params)`` returns the Stieltjes transform at the solution;
    - ``stab(g, z, *params, B)`` fills the stability operator;
    - for a scalar system with an inverse ``z = x(u)`` and ``u = 1/s``: ``xs(s)``, the critical
      function ``h(s) = 1 - u^2 x'(u)`` (critical points where h = 1) with ``dh`` and ``d2h``,
      ``x2(u) = x''(u)`` (the edge's Tracy-Widom scale) and ``img(u)``, the imaginary part of
      the antiderivative ``G(u) = integral of u x'(u) du`` (the CDF; see ``cdf_antiderivative``).

    Array parameters are 1-D or 2-D float64 arrays; their lengths come from ``shape``.
    """
    printer = _Printer({"fully_qualified_modules": False, "standard": "python3", "allow_unknown_functions": True})
    lengths = {a.length: f"{a.name}.shape[0]" for a in system.arrays}
    pnames = [p.name for p in system.scalars] + [a.name for a in system.arrays]
    args = ", ".join(pnames)
    deco = f"{decorator}\n" if decorator else ""
    out: list[str] = []
    z = sp.Symbol("z")
    swap = {system.z: z}

    # residual and Jacobian
    st = _Lowered()
    if system.vector:
        a, c = system.index, system.column
        n = lengths[system.count]
        st.lines.append(f"    for {a} in range({n}):")
        f_src = _lower(system.equation.xreplace(swap), st, "        ", lengths, printer)
        st.lines.append(f"        F[{a}] = {f_src}")
        st.lines.append(f"        for {c} in range({n}):")
        j_src = _lower(system.jacobian().xreplace(swap), st, "            ", lengths, printer)
        st.lines.append(f"            J[{a}, {c}] = {j_src}")
    else:
        u = system.unknown
        g0 = {u: sp.Symbol("g0")}
        st.lines.append("    g0 = g[0]")
        exprs = [system.equation.xreplace(swap).xreplace(g0), system.jacobian().xreplace(swap).xreplace(g0)]
        f_src, j_src = _lower_shared(exprs, st, "    ", lengths, printer)
        st.lines.append(f"    F[0] = {f_src}")
        st.lines.append(f"    J[0, 0] = {j_src}")
    out.append(f"{deco}def fj(g, z, {args}, F, J):\n" + "\n".join(st.lines) + "\n")

    # the Stieltjes transform at the solution
    st = _Lowered()
    form = system.stieltjes.xreplace(swap)
    if not system.vector:
        form = form.xreplace({system.unknown: sp.Symbol("g0")})
        st.lines.append("    g0 = g[0]")
    src = _lower(form, st, "    ", lengths, printer)
    out.append(f"{deco}def form(g, z, {args}):\n" + "\n".join(st.lines) + f"\n    return {src}\n")

    # the stability operator (real solutions: outside the support iff its spectral radius < 1)
    st = _Lowered()
    if system.vector:
        a, c = system.index, system.column
        n = lengths[system.count]
        st.lines.append(f"    for {a} in range({n}):")
        st.lines.append(f"        for {c} in range({n}):")
        b_src = _lower(system.stability.xreplace(swap), st, "            ", lengths, printer)
        st.lines.append(f"            B[{a}, {c}] = {b_src}")
    else:
        st.lines.append("    g0 = g[0]")
        b_src = _lower(system.stability.xreplace(swap).xreplace({system.unknown: sp.Symbol("g0")}), st, "    ", lengths, printer)
        st.lines.append(f"    B[0, 0] = {b_src}")
    out.append(f"{deco}def stab(g, z, {args}, B):\n" + "\n".join(st.lines) + "\n")

    inverse = system.inverse()
    if inverse is not None:
        for name, expr, var, zero in _inverse_pieces(system, inverse):
            st = _Lowered()
            src = _lower(expr, st, "    ", lengths, printer, zero)
            out.append(f"{deco}def {name}({var}, {args}):\n" + "\n".join(st.lines) + f"\n    return {src}\n")
    return "\n\n".join(out)


_S = sp.Symbol("s", real=True)
_U = sp.Symbol("u")


def critical_function(system: SelfConsistentSystem) -> sp.Expr:
    """``h(s) = 1 - u^2 x'(u)`` at ``u = 1/s``, derived from the inverse ``x(u)``.

    x is critical
    where h = 1, increasing in u (a gap of the support) where h < 1, since x'(u) = (1 - h)/u^2.
    """
    x = system.inverse().xreplace({system.unknown: _U})
    return absorb_sums((1 - _U**2 * sp.diff(x, _U)).xreplace({_U: 1 / _S}))


def cdf_antiderivative(system: SelfConsistentSystem) -> sp.Expr:
    """``G(u) = integral of u x'(u) du`` (SymPy ``integrate``, summand by summand).

    Along the
    solution u(x), d G(u(x))/dx = u(x), so Im G tracks pi times the integrated density.
    """
    x = system.inverse().xreplace({system.unknown: _U})
    integrand = absorb_sums(_U * sp.diff(x, _U))
    out = []
    for term in sp.Add.make_args(integrand):
        if isinstance(term, sp.Sum):
            out.append(sp.Sum(_partial_fractions(sp.integrate(term.function, _U)), *term.limits))
        else:
            out.append(sp.integrate(term, _U))
    return sp.Add(*out)


def _partial_fractions(e: sp.Expr) -> sp.Expr:
    """``apart`` in ``u`` with each logarithm held as a symbol.

    ``((1 + t u) log(1 + t u) + 1)/(1 + t u)``
    becomes ``log(1 + t u) + 1/(1 + t u)``, whose imaginary part splits into an argument and a
    rational term.
    """
    logs = {lg: sp.Dummy("L") for lg in e.atoms(sp.log)}
    back = {v: k for k, v in logs.items()}
    return sp.apart(sp.together(e.xreplace(logs)), _U).xreplace(back)


def _inverse_pieces(system: SelfConsistentSystem, inverse: sp.Expr) -> list[tuple[str, sp.Expr, str, str]]:
    u_old = system.unknown
    x_u = inverse.xreplace({u_old: _U})
    h = critical_function(system)
    dh = absorb_sums(sp.diff(h, _S))
    d2h = absorb_sums(sp.diff(dh, _S))
    xs = absorb_sums(x_u.xreplace({_U: 1 / _S}))
    x2 = absorb_sums(sp.diff(x_u, _U, 2))
    g = cdf_antiderivative(system)
    img = _imaginary_part(g)
    # (name, expression, variable, the zero its sums start from: real functions of real s stay real)
    return [("xs", xs, "s", "0.0"), ("h", h, "s", "0.0"), ("dh", dh, "s", "0.0"), ("d2h", d2h, "s", "0.0"), ("x2", x2, "u", "0j"), ("img", img, "u", "0.0")]


def _imaginary_part(g: sp.Expr) -> sp.Expr:
    """``Im G`` for complex ``u``.

    Each ``log`` by its argument (principal, so continuous on the
    upper half plane and its real boundary seen from above) and each rational term by ``im``.
    """
    arg, im = _Phase, _Imag

    def part(e: sp.Expr) -> sp.Expr:
        if isinstance(e, sp.Sum):
            return sp.Sum(part(e.function), *e.limits)
        if isinstance(e, sp.Add):
            return sp.Add(*[part(a) for a in e.args])
        if isinstance(e, sp.Mul):
            coeff, rest = e.as_independent(_U)
            if rest == 1:
                return sp.S.Zero
            return coeff * part(rest) if coeff != 1 else im(e)
        if isinstance(e, sp.log):
            return arg(e.args[0])
        if not e.has(_U):
            return sp.S.Zero
        return im(e)

    return part(sp.expand(g))
