"""lmech's own formulas and checks through the testing kit and its pytest plugin, as a user's
suite would run it (``lmech_modules = ["lmech"]`` in pyproject.toml):

- every formula's CPU kernels against the 50-digit mpmath oracle at hypothesis points;
- every derivation against the stored (and printed) form to 30 digits;
- every check passes, and rejects each of its wrong formulas on the same simulations.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

from lmech.verify.testing import test_check_passes_and_has_teeth, test_formula_derivation, test_formula_matches_oracle  # noqa: F401

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_plugin_runs_a_users_suite(tmp_path):
    """A user's project: the example's formula and check, the kit's tests imported, the plugin on."""
    (tmp_path / "test_mine.py").write_text(
        "from lmech.verify.testing import test_check_passes_and_has_teeth, test_formula_derivation, test_formula_matches_oracle\n"
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\nlmech_modules = my_own_check\n")
    env = {"PYTHONPATH": str(ROOT / "examples"), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "3 passed" in r.stdout, r.stdout
    off = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", "/dev/null", str(tmp_path / "test_mine.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert "3 skipped" in off.stdout, off.stdout  # without lmech_modules the plugin does nothing: empty parameter sets
