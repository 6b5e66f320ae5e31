"""Layer contracts, enforced by import-linter on the installed package: theory < numeric < verify,
and a layer uses only the public names of the layers below it."""

from __future__ import annotations

import pathlib
import pkgutil
import subprocess
import sys
import tomllib

import lmech

ROOT = pathlib.Path(__file__).resolve().parents[1]
CONFIG = ROOT / "pyproject.toml"


def test_import_contracts_are_kept():
    exe = pathlib.Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(exe), "--no-cache", str(CONFIG)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "broken" not in r.stdout.lower().replace("0 broken", "")


def _private_modules(package: str) -> set[str]:
    mod = __import__(package, fromlist=["_"])
    return {m.name for m in pkgutil.walk_packages(mod.__path__, package + ".") if any(part.startswith("_") for part in m.name.split(".")[2:])}


def test_contracts_list_every_private_module():
    """A new private module in theory or numeric is forbidden to the layers above it too."""
    contracts = {c["name"]: c for c in tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]["contracts"]}
    numeric_forbids = set(contracts["numeric uses only theory's public names"]["forbidden_modules"])
    verify_forbids = set(contracts["verify uses only the public names of theory and numeric"]["forbidden_modules"])
    assert _private_modules("lmech.theory") <= numeric_forbids, _private_modules("lmech.theory") - numeric_forbids
    missing = (_private_modules("lmech.theory") | _private_modules("lmech.numeric")) - verify_forbids
    assert not missing, missing
    assert lmech.__version__


def test_no_import_cycles_inside_a_layer():
    """numeric (and theory) import without cycles, function-local imports included: grimp sees
    every import statement, not only the module-level ones."""
    import grimp

    graph = grimp.build_graph("lmech")
    for layer in ("lmech.theory", "lmech.numeric"):
        modules = sorted(m for m in graph.modules if m.startswith(layer + ".") and m != layer + ".__init__")
        cycles = []
        for a in modules:
            for b in graph.find_modules_directly_imported_by(a):
                if b.startswith(layer + ".") and b != a and graph.find_shortest_chain(importer=b, imported=a):
                    cycles.append((a, b))
        assert not cycles, f"import cycles in {layer}: {cycles}"
