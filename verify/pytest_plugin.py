"""pytest plugin (entry point ``lmech``): the testing kit over a user's formulas and checks.

It does nothing until asked. Name the modules that declare your formulas and checks, on the
command line or in the ini file::

    pytest --lmech-module=mypkg.results
    # or: [tool.pytest.ini_options] lmech_modules = ["mypkg.results"]

and import the kit's tests into one of your test modules::

    from lmech.verify.testing import test_check_passes_and_has_teeth, test_formula_derivation, test_formula_matches_oracle

Each module contributes its ``LMECH_FORMULAS`` and ``LMECH_CHECKS`` lists if it defines them,
otherwise every module-level ``Formula`` and ``Check``. The name ``lmech`` stands for lmech's
own registries (every registered formula and check).
"""

from __future__ import annotations

import importlib

import pytest

OPTION = "--lmech-module"
INI = "lmech_modules"


def pytest_addoption(parser) -> None:
    group = parser.getgroup("lmech", "lmech formulas and checks")
    group.addoption(
        OPTION, action="append", default=[], metavar="MODULE", help="module declaring formulas and checks for the lmech testing kit ('lmech' for lmech's own)"
    )
    parser.addini(INI, type="linelist", default=[], help="modules declaring formulas and checks for the lmech testing kit")


def targets(config) -> tuple[list, list]:
    """(formulas, checks) named by the configuration, in declaration order, without repeats."""
    from lmech.theory import Formula
    from lmech.verify import Check

    names = list(config.getoption(OPTION) or []) + list(config.getini(INI) or [])
    formulas: dict[str, Formula] = {}
    checks: dict[str, Check] = {}
    for name in names:
        if name == "lmech":
            from lmech import theory, verify

            formulas.update({i: theory.get(i) for i in theory.ids()})
            checks.update({i: verify.get_check(i) for i in verify.check_ids()})
            continue
        try:
            mod = importlib.import_module(name)
        except ImportError as exc:
            raise pytest.UsageError(f"lmech: cannot import the module {name!r} named by {OPTION}/{INI}: {exc}") from None
        objs = list(vars(mod).values())
        fs = getattr(mod, "LMECH_FORMULAS", [o for o in objs if isinstance(o, Formula)])
        cs = getattr(mod, "LMECH_CHECKS", [o for o in objs if isinstance(o, Check)])
        formulas.update({f.id: f for f in fs})
        checks.update({c.id: c for c in cs})
    return list(formulas.values()), list(checks.values())


def pytest_generate_tests(metafunc) -> None:
    wanted = [a for a in ("lmech_formula", "lmech_check") if a in metafunc.fixturenames]
    if not wanted:
        return
    formulas, checks = targets(metafunc.config)
    for arg in wanted:
        items = formulas if arg == "lmech_formula" else checks
        metafunc.parametrize(arg, items, ids=[o.id for o in items])
