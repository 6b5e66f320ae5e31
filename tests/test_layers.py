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
