"""Formula records: one declaration per result, read by every other layer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import sympy as sp

__all__ = ["Accuracy", "Formula", "ImplicitFormula", "NumericFormula", "domain_relation", "format_set"]


@dataclass(frozen=True)
class Accuracy:
    """Documented float64 accuracy of a compiled kernel against the mpmath oracle.

    The accepted error is ``rtol*|f| + atol + cond_ulps*eps*kappa*|f|`` where ``kappa``
    is the relative condition number of the formula at the point (sum over
    parameters of ``|p df/dp / f|``, evaluated exactly by mpmath). The last term is
    the error that *any* float64 implementation incurs, because its inputs and
    intermediate constants (an edge such as ``(1+sqrt(gamma))**2``) are rounded.
    ``note`` says why a formula departs from the default.
    """

    rtol: float = 1e-12
    atol: float = 0.0
    cond_ulps: float = 64.0
    note: str = ""


@dataclass(frozen=True, eq=False)
class Formula:
    """A closed-form result with its parameters, domain, derivation and citation.

    Attributes:
        id: dotted name, ``family.name``.
        params: SymPy symbols in positional call order.
        domain: each parameter's SymPy ``Set``.
        expr: the closed form (possibly ``Piecewise``), written in the form that is
            numerically stable; ``derive()`` recovers it from first principles and
            ``printed`` holds the literature's form for comparison.
        reference: paper, arXiv id and equation.
        description: one line.
        where: relations among several parameters that must also hold.
        derivation: callable returning the expression derived with SymPy.
        printed: the form as printed in the reference, if it differs from ``expr``.
        complex_valued: whether the value is complex.
        accuracy: documented float64 accuracy.
    """

    id: str
    params: tuple[sp.Symbol, ...]
    domain: Mapping[sp.Symbol, sp.Set]
    expr: sp.Expr
    reference: str
    description: str
    where: tuple[sp.Basic, ...] = ()
    derivation: Callable[[], sp.Expr] | None = None
    printed: sp.Expr | None = None
    complex_valued: bool = False
    accuracy: Accuracy = field(default_factory=Accuracy)

    def __post_init__(self) -> None:
        if "." not in self.id:
            raise ValueError(f"formula id {self.id!r} must be 'family.name'")
        missing = [p for p in self.params if p not in self.domain]
        if missing:
            raise ValueError(f"{self.id}: no domain for {missing}")
        free = self.expression_symbols() - set(self.params)
        if free:
            raise ValueError(f"{self.id}: expression has undeclared symbols {sorted(map(str, free))}")

    def expression_symbols(self) -> set[sp.Symbol]:
        return set(self.expr.free_symbols)

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def implicit(self) -> bool:
        return False

    @property
    def exports(self) -> bool:
        """Whether Python, C and CUDA exports exist."""
        return True

    @property
    def numeric(self) -> bool:
        """True for results computed by a numerical method rather than a closed form."""
        return False

    def derive(self) -> sp.Expr:
        """Return the expression obtained from first principles with SymPy."""
        if self.derivation is None:
            raise NotImplementedError(f"{self.id} has no derivation")
        return self.derivation()

    def param(self, name: str) -> sp.Symbol:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(f"{self.id} has no parameter {name!r}; parameters are {self.param_names}")

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def signature(self) -> str:
        return f"{self.id}({', '.join(self.param_names)})"

    def substitute(self, mapping: Mapping[sp.Symbol, sp.Expr], suffix: str) -> Formula:
        """A copy whose expression has ``mapping`` substituted (used for deliberately wrong formulas)."""
        kwargs = {f: getattr(self, f) for f in self.__dataclass_fields__}
        kwargs.update(
            id=f"{self.id}~{suffix}",
            expr=self.expr.xreplace(mapping),
            derivation=None,
            printed=None,
            description=f"{self.description} [perturbed: {suffix}]",
        )
        return type(self)(**kwargs)

    def domain_text(self) -> str:
        parts = [f"{p.name} in {format_set(self.domain[p])}" for p in self.params]
        parts += [sp.sstr(w) for w in self.where]
        return ", ".join(parts)


@dataclass(frozen=True, eq=False)
class ImplicitFormula(Formula):
    """A result defined by ``residual(unknown; params) = 0`` with no closed form.

    The solution is the generalised inverse ``inf{u in [lo, hi] : residual(u) >= 0}``
    of a residual that is non-decreasing in the unknown on the bracket. So a
    residual that is already non-negative at ``lo`` returns ``lo`` (for instance the
    quantile of an atom), and the kernel never leaves the bracket.
    ``expr`` holds the residual; ``derivative`` is ``d residual / d unknown``,
    computed by SymPy (``slope`` may give it in simplified form).
    """

    unknown: sp.Symbol = sp.Symbol("u")
    bracket: tuple[sp.Expr, sp.Expr] = (sp.S.Zero, sp.S.One)
    slope: sp.Expr | None = None

    def expression_symbols(self) -> set[sp.Symbol]:
        syms = set(self.expr.free_symbols) | set().union(*(b.free_symbols for b in self.bracket))
        return syms - {self.unknown}

    def substitute(self, mapping: Mapping[sp.Symbol, sp.Expr], suffix: str) -> ImplicitFormula:
        wrong = super().substitute(mapping, suffix)
        slope = None if self.slope is None else self.slope.xreplace(mapping)
        return replace(wrong, bracket=tuple(b.xreplace(mapping) for b in self.bracket), slope=slope)

    @property
    def implicit(self) -> bool:
        return True

    @property
    def residual(self) -> sp.Expr:
        return self.expr

    @property
    def derivative(self) -> sp.Expr:
        """D residual / d unknown: ``slope`` when given (a simplified form that the tests check against SymPy's ``diff``), else ``diff`` itself."""
        return sp.diff(self.expr, self.unknown) if self.slope is None else self.slope


@dataclass(frozen=True, eq=False)
class NumericFormula(Formula):
    """A result with no closed form, defined by a numerical method of documented accuracy.

    ``expr`` is a placeholder call ``Name(params...)`` so symbols, domains and LaTeX work as
    for closed forms; ``definition`` is the LaTeX of what is computed. ``mp`` is the
    reference implementation in mpmath (scalar arguments, returns an ``mpf``); the fast
    float64 implementation lives in ``numeric`` under the same id. ``transform`` holds one
    expression per parameter, in the parameters, applied to the arguments before
    evaluation: ``substitute`` builds a deliberately wrong variant this way. Numeric
    formulas have no C, CUDA or Python export.
    """

    mp: Callable[..., object] | None = None
    definition: str = ""
    transform: tuple[sp.Expr, ...] = ()
    base: str = ""

    @property
    def numeric(self) -> bool:
        return True

    @property
    def exports(self) -> bool:
        """Whether Python, C and CUDA exports exist (a numerical method has none; a recursion prints its loop)."""
        return False

    @property
    def base_id(self) -> str:
        return self.base or self.id

    def arguments(self) -> tuple[sp.Expr, ...]:
        """The expressions, in the parameters, at which the base method is evaluated."""
        return self.transform or tuple(self.params)

    def substitute(self, mapping: Mapping[sp.Symbol, sp.Expr], suffix: str) -> NumericFormula:
        kwargs = {f: getattr(self, f) for f in self.__dataclass_fields__}
        kwargs.update(
            id=f"{self.id}~{suffix}",
            expr=self.expr.xreplace(mapping),
            transform=tuple(a.xreplace(mapping) for a in self.arguments()),
            base=self.base_id,
            derivation=None,
            printed=None,
            description=f"{self.description} [perturbed: {suffix}]",
        )
        return type(self)(**kwargs)


def domain_relation(param: sp.Symbol, dom: sp.Set) -> tuple[sp.Basic | None, bool]:
    """``(relation, integer)`` for a real parameter's domain.

    The relation is in a plain ``Symbol(param.name)``
    without assumptions, so nothing simplifies to True: the membership test shared by the host
    domain check (``numeric._domain``) and the device one (``theory.cuda_inside``). ``relation``
    is None for all of R (finiteness is the whole test); ``integer`` asks for whole numbers.
    An integer range with an infinite end excludes that end (n = inf is not an integer).
    """
    d = sp.Symbol(param.name)
    integer = isinstance(dom, sp.Range) or bool(param.is_integer)
    if isinstance(dom, sp.Range):
        return sp.And(d >= dom.inf, d <= dom.sup if dom.sup.is_finite else d < sp.oo), integer
    if dom == sp.S.Reals:
        return None, integer
    dummy = sp.Dummy(param.name)
    return dom.as_relational(dummy).xreplace({dummy: d}), integer


def format_set(s: sp.Set) -> str:
    """Human form of a domain set: ``(0, oo)``, ``[0, 1]``, ``{1, 2, ...}``."""
    if isinstance(s, sp.Interval):
        lb = "(" if s.left_open else "["
        rb = ")" if s.right_open else "]"
        return f"{lb}{s.start}, {s.end}{rb}"
    if isinstance(s, sp.Range):
        if s.size is sp.oo or s.stop is sp.oo:
            return f"integers >= {s.start}"
        return f"integers in [{s.inf}, {s.sup}]"
    if isinstance(s, sp.FiniteSet):
        return "{" + ", ".join(map(str, s)) + "}"
    if s == sp.S.Reals:
        return "(-oo, oo)"
    if s == sp.S.Complexes:
        return "the complex plane"
    return sp.sstr(s)
