"""The formula registry: every layer finds formulas here, by id or family."""

from __future__ import annotations

from ._formula import Formula

_REGISTRY: dict[str, Formula] = {}


def register(formula: Formula) -> Formula:
    """Add a formula; ids are unique."""
    if formula.id in _REGISTRY:
        raise ValueError(f"formula {formula.id!r} is already registered")
    _REGISTRY[formula.id] = formula
    return formula


def get(formula_id: str) -> Formula:
    """Return the formula with this id, or raise ``KeyError`` listing close ids."""
    try:
        return _REGISTRY[formula_id]
    except KeyError:
        import difflib

        near = difflib.get_close_matches(formula_id, _REGISTRY, n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else f"; known families: {', '.join(families())}"
        raise KeyError(f"unknown formula id {formula_id!r}{hint}") from None


def ids() -> list[str]:
    """Every registered id, sorted."""
    return sorted(_REGISTRY)


def families() -> list[str]:
    return sorted({f.family for f in _REGISTRY.values()})


def family(name: str) -> list[Formula]:
    """The formulas of one family, sorted by id."""
    found = [_REGISTRY[i] for i in ids() if _REGISTRY[i].family == name]
    if not found:
        raise KeyError(f"unknown family {name!r}; known families: {', '.join(families())}")
    return found
