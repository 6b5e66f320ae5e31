"""The public check API: ``Check``, ``Size``, wrong-formula helpers, kernels and the registry."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from lmech import numeric
from lmech.theory import Formula

from ._space import Space

__all__ = [
    "BACKENDS",
    "ArgumentSubstitution",
    "Check",
    "Kernel",
    "Size",
    "check_ids",
    "get_check",
    "register",
    "registered",
    "remapped",
    "resolve",
    "scaled",
    "shifted",
    "substituted",
    "swap_beta",
]

#: simulation backends: ``cpu`` (numba kernels, numpy/numba simulators) and ``gpu`` (CuPy)
BACKENDS = ("cpu", "gpu")


@dataclass(frozen=True)
class Size:
    """One size of a check: the dimension ``n``, the number of ``draws`` and its own settings.

    Settings are read as attributes (``size.replicates``). ``backend="gpu"`` makes a variant
    used only under the GPU backend (where a larger dense matrix is cheap).
    """

    name: str
    n: int
    draws: int
    settings: Mapping[str, Any] = field(default_factory=dict)
    backend: str | None = None

    def __post_init__(self) -> None:
        if int(self.n) != self.n or self.n < 1:
            raise ValueError(f"Size {self.name!r}: n={self.n!r} must be a positive integer")
        if int(self.draws) != self.draws or self.draws < 1:
            raise ValueError(f"Size {self.name!r}: draws={self.draws!r} must be a positive integer")
        if self.backend is not None and self.backend not in BACKENDS:
            raise ValueError(f"Size {self.name!r}: backend={self.backend!r} is not one of {BACKENDS} (the device a size is for)")

    def __getattr__(self, key: str):
        if key.startswith("__") or key in ("name", "n", "draws", "settings", "backend"):
            raise AttributeError(key)
        try:
            return self.settings[key]
        except KeyError:
            raise AttributeError(f"size {self.name!r} has no setting {key!r}; settings are {sorted(self.settings)}") from None

    def get(self, key: str, default=None):
        return self.settings.get(key, default)

    def with_(self, *, n: int | None = None, draws: int | None = None) -> Size:
        """A copy with ``n`` or ``draws`` replaced."""
        return Size(self.name, self.n if n is None else int(n), self.draws if draws is None else int(draws), self.settings, self.backend)


# ------------------------------------------------------------------------- wrong formulas
# A wrong-formula spec is a callable formula -> Formula. One that is the formula at a transformed
# argument (p -> g(p)) also offers ``arguments(formula)``, a map of call keywords: the runner then
# evaluates the true compiled kernel at the transformed arguments (the same function, exactly)
# instead of compiling the wrong formula again.
class ArgumentSubstitution:
    """Base of wrong formulas that substitute one parameter: ``formula`` at ``p -> g(p)``."""

    param: str

    def symbolic(self, p: sp.Symbol) -> sp.Expr:
        raise NotImplementedError

    def numeric(self, value):
        raise NotImplementedError

    @property
    def suffix(self) -> str:
        raise NotImplementedError

    def __call__(self, formula: Formula) -> Formula:
        p = formula.param(self.param)
        return formula.substitute({p: self.symbolic(p)}, self.suffix)

    def arguments(self, formula: Formula) -> Callable[[dict], dict]:
        formula.param(self.param)  # KeyError naming the parameters if it has no such one
        return self._remap

    def _remap(self, values: dict) -> dict:
        return {**values, self.param: self.numeric(values[self.param])}


@dataclass(frozen=True)
class scaled(ArgumentSubstitution):  # noqa: N801  (reads as a function: scaled("gamma", 1.02))
    """Wrong formula: parameter ``param`` multiplied by ``factor`` inside the expression."""

    param: str
    factor: float = 1.02

    def symbolic(self, p):
        return sp.Float(self.factor) * p

    def numeric(self, value):
        return self.factor * np.asarray(value)

    @property
    def suffix(self) -> str:
        return f"{self.param}*{self.factor:g}"


@dataclass(frozen=True)
class shifted(ArgumentSubstitution):  # noqa: N801
    """Wrong formula: ``offset`` added to parameter ``param`` (``depth + 1``, say)."""

    param: str
    offset: float = 1

    def symbolic(self, p):
        return p + (sp.Integer(self.offset) if float(self.offset).is_integer() else sp.Float(self.offset))

    def numeric(self, value):
        off = int(self.offset) if float(self.offset).is_integer() else self.offset
        return np.asarray(value) + off

    @property
    def suffix(self) -> str:
        return f"{self.param}{self.offset:+g}"


@dataclass(frozen=True)
class swap_beta(ArgumentSubstitution):  # noqa: N801
    """Wrong formula: beta = 1 and beta = 2 exchanged (the wrong Tracy-Widom law, say)."""

    param: str = "beta"

    def symbolic(self, p):
        return 3 - p

    def numeric(self, value):
        return 3 - np.asarray(value)

    @property
    def suffix(self) -> str:
        return "beta->3-beta"


@dataclass(frozen=True)
class substituted:  # noqa: N801
    """Wrong formula: a replacement expression for the whole ``expr``, built by ``build(formula)`` (a top-level function, so the check pickles)."""

    build: Callable[[Formula], sp.Expr]
    suffix: str

    def __call__(self, formula: Formula) -> Formula:
        kwargs = {f: getattr(formula, f) for f in formula.__dataclass_fields__}
        kwargs.update(
            id=f"{formula.id}~{self.suffix}",
            expr=self.build(formula),
            derivation=None,
            printed=None,
            description=f"{formula.description} [wrong: {self.suffix}]",
        )
        return type(formula)(**kwargs)


@dataclass(frozen=True)
class remapped:  # noqa: N801
    """Wrong formula: the true formula at arguments rewritten by ``remap(values) -> values``.

    ``remap`` is a top-level function (so the check pickles) of the whole argument dict, for a
    wrong law that changes several arguments at once: the isotropic law with the same mean
    variance replaces ``atoms`` and ``weights`` together, say. The runner evaluates the true
    compiled kernel at the rewritten arguments (no second compilation).
    """

    remap: Callable[[dict], dict]
    suffix: str

    def __call__(self, formula: Formula) -> Formula:
        return formula.substitute({}, self.suffix)

    def arguments(self, formula: Formula) -> Callable[[dict], dict]:
        return self.remap


# ------------------------------------------------------------------------------- kernels
class Kernel:
    """A formula compiled for a simulation backend; calls return host numpy arrays.

    Decisions receive one of these for the formula they judge: ``kernel(x=grid, gamma=g)``.
    ``Kernel.for_wrong(spec)`` gives the kernel of a wrong formula: the same compiled kernel at
    transformed arguments where the spec offers ``arguments`` (no second compilation), else the
    wrong formula compiled in its own right.
    """

    def __init__(self, formula: Formula, backend: str = "cpu", *, compiled=None, arguments: Callable[[dict], dict] | None = None):
        chosen = numeric.backend(backend)
        self.formula = formula
        self.backend = chosen.device
        self._compiled = compiled if compiled is not None else numeric.compile(formula, chosen.kernel)
        self._arguments = arguments

    def for_wrong(self, spec: Formula | Callable[[Formula], Formula]) -> Kernel:
        """The kernel of the wrong formula ``spec`` builds from this kernel's formula."""
        if isinstance(spec, Formula):
            return Kernel(spec, self.backend)
        wrong = spec(self.formula)
        remap = spec.arguments(self.formula) if hasattr(spec, "arguments") else None
        if remap is None:
            return Kernel(wrong, self.backend)
        return Kernel(wrong, self.backend, compiled=self._compiled, arguments=remap)

    def arguments(self, values: Mapping[str, Any]) -> dict:
        """The arguments at which this kernel evaluates its formula, given the point's ``values``.

        The identity for a true formula; a wrong formula built by an argument substitution
        (``scaled``, ``shifted``, ``swap_beta``, ``remapped``) rewrites them. A decision that
        derives more than the formula's value from the arguments (the law of a whole spectrum
        at a perturbed parameter, say) reads them here, so the wrong formula's law is perturbed
        consistently.
        """
        return dict(values) if self._arguments is None else dict(self._arguments(dict(values)))

    def __call__(self, *args, **kwargs) -> np.ndarray:
        if self._arguments is not None:
            names = self.formula.param_names
            if len(args) > len(names):
                raise TypeError(f"{self.formula.id} takes {len(names)} arguments {names}, got {len(args)}")
            kwargs = self._arguments({**dict(zip(names, args)), **kwargs})
            args = ()
        return numeric.to_host(self._compiled(*args, **kwargs))

    def __repr__(self) -> str:
        return f"<Kernel {self.formula.id} on {self.backend}>"


# --------------------------------------------------------------------------------- checks
WrongSpec = Formula | Callable[[Formula], Formula]


@dataclass(frozen=True, eq=False)
class Check:
    """A prediction of ``formula`` tested against simulation.

    Attributes:
        formula: the ``Formula`` judged (an object, not an id).
        space: the parameters drawn for each simulation.
        simulate: ``simulate(point, size, rng, backend) -> observation``. It never sees the
            formula; the observation is a mapping (arrays for the decision and the plot,
            scalars that the report records).
        decide: ``decide(kernel, observation, point) -> Evidence | list[Evidence]``, called once
            for the true formula and once for each wrong one, on the same observation.
        wrong: at least one deliberately wrong formula (a ``Formula``, or a callable such as
            ``scaled("gamma", 1.02)`` that builds one from ``formula``); the same check must
            reject it at the same size.
        sizes: ``Size`` objects, at least one named ``"quick"``.
        id: defaults to the formula's id.
        title: one line for tables and reports.
        plot: optional ``plot(figure, result)`` drawing a ``matplotlib.figure.Figure``.
        sweep_plot: optional ``sweep_plot(figure, frame, names)`` drawing a sweep's table
            (``verify.sweep``'s DataFrame, over the swept parameter ``names``); ``plot_sweep``
            writes it next to the generic heatmaps.
        observable: optional ``observable(observation) -> (arguments, observed)``: the
            formula's arguments and the simulated value it predicts, read from an observation.
            A sweep without verdict (``verify.sweep(..., verdict=False)``) evaluates the formula
            at ``arguments`` next to ``observed``, even where ``decide`` does not apply (below
            a transition, say); without it, such a sweep reports ``decide``'s first evidence.

    Every callable must be a top-level function (or a picklable object), so a check travels
    to worker processes.
    """

    formula: Formula
    space: Space
    simulate: Callable[..., Mapping]
    decide: Callable[..., Any]
    wrong: Sequence[WrongSpec]
    sizes: Sequence[Size]
    id: str = ""
    title: str = ""
    plot: Callable | None = None
    sweep_plot: Callable | None = None
    observable: Callable | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.formula, Formula):
            raise TypeError(f"Check.formula must be a theory.Formula, got {type(self.formula).__name__}")
        if not isinstance(self.space, Space):
            raise TypeError(f"Check.space must be a verify.Space, got {type(self.space).__name__}")
        object.__setattr__(self, "id", self.id or self.formula.id)
        if "." not in self.id:
            raise ValueError(f"check id {self.id!r} must be 'family.name'")
        wrong = tuple(self.wrong) if isinstance(self.wrong, list | tuple) else (self.wrong,)
        if not wrong:
            raise ValueError(f"check {self.id}: declare at least one wrong formula (wrong=[scaled('gamma', 1.02)], say)")
        object.__setattr__(self, "wrong", wrong)
        sizes = tuple(self.sizes)
        if not sizes or not all(isinstance(s, Size) for s in sizes):
            raise TypeError(f"check {self.id}: sizes must be a non-empty sequence of verify.Size")
        if "quick" not in {s.name for s in sizes}:
            raise ValueError(f"check {self.id}: one size must be named 'quick'")
        object.__setattr__(self, "sizes", sizes)
        for name in ("simulate", "decide"):
            if not callable(getattr(self, name)):
                raise TypeError(f"check {self.id}: {name} must be callable")

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    def size_names(self) -> list[str]:
        return list(dict.fromkeys(s.name for s in self.sizes))

    def size(self, name: str = "quick", backend: str = "cpu") -> Size:
        """The ``Size`` called ``name`` (its GPU variant under ``backend="gpu"`` if declared)."""
        backend = numeric.backend(backend).device
        found = {(s.name, s.backend): s for s in self.sizes}
        if backend == "gpu" and (name, "gpu") in found:
            return found[(name, "gpu")]
        if (name, None) in found:
            return found[(name, None)]
        if (name, "cpu") in found:
            return found[(name, "cpu")]
        raise ValueError(f"size={name!r} is not a size of check {self.id}; its sizes are {', '.join(self.size_names())}")

    def wrong_formulas(self) -> list[Formula]:
        """The deliberately wrong formulas, built from ``formula``."""
        return [w if isinstance(w, Formula) else w(self.formula) for w in self.wrong]

    def points(self, size: Size, seed: int) -> list[dict]:
        """The drawn points: a pure function of (check, size, seed)."""
        return self.space.points(size.draws, seed, key=f"{self.id}/{size.name}")


# ------------------------------------------------------------------------------ registry
_REGISTRY: dict[str, Check] = {}


def register(check: Check) -> Check:
    """Make ``check`` visible to ``lmech check`` and ``run(id)``; ids are unique."""
    if not isinstance(check, Check):
        raise TypeError(f"register takes a Check, got {type(check).__name__}")
    if check.id in _REGISTRY:
        raise ValueError(f"check {check.id!r} is already registered")
    _REGISTRY[check.id] = check
    return check


@contextlib.contextmanager
def registered(*checks: Check) -> Iterator[tuple[Check, ...]]:
    """Register ``checks`` for the duration of a ``with`` block, then remove them."""
    done = []
    try:
        for c in checks:
            done.append(register(c))
        yield checks
    finally:
        for c in done:
            _REGISTRY.pop(c.id, None)


def check_ids() -> list[str]:
    """Every registered check id, sorted."""
    return sorted(_REGISTRY)


def get_check(check_id: str) -> Check:
    """The registered check with this id; ``KeyError`` with the known ids otherwise."""
    try:
        return _REGISTRY[check_id]
    except KeyError:
        raise KeyError(f"no check {check_id!r}; checks are {', '.join(check_ids())}") from None


def resolve(selectors: Sequence[str] | None) -> list[str]:
    """Expand ids and family names into check ids; ``KeyError`` for an unknown one."""
    if not selectors:
        return check_ids()
    out: list[str] = []
    for s in selectors:
        if s in _REGISTRY:
            out.append(s)
        elif any(c.startswith(s + ".") for c in _REGISTRY):
            out += [c for c in check_ids() if c.startswith(s + ".")]
        else:
            fams = ", ".join(sorted({c.split(".")[0] for c in _REGISTRY}))
            raise KeyError(f"no check {s!r}; checks are {', '.join(check_ids())} (or a family: {fams})")
    return list(dict.fromkeys(out))
