"""The examples run (at small sizes) and say what they should."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_mp_pipeline_example():
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "mp_pipeline.py"), "--n", "20000"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "PASS mp.cdf" in r.stdout and "FAIL mp.cdf~gamma*1.02" in r.stdout


def test_quantiles_example():
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "quantiles_and_stieltjes.py")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "mpmath" in r.stdout


def test_pac_bayes_example():
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "pac_bayes_bounds.py"), "--datasets", "500"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "kl_bound: 0.15311" in r.stdout and "PASS pacbayes.kl_bound" in r.stdout and "FAIL pacbayes.kl_bound~complexity/100" in r.stdout


def test_deep_linear_example():
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "deep_linear_dynamics.py"), "--reps", "2"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "PASS deeplinear.mode" in r.stdout and "FAIL deeplinear.mode~t*1.05" in r.stdout and "FAIL deeplinear.mode_deep~depth+1" in r.stdout


def test_gpu_universality_example():
    # CI has no GPU: the example says so and runs the same check on the CPU at p = 3000
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "gpu_universality.py")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "PASS mp.cdf" in r.stdout and "FAIL mp.cdf~gamma*1.02" in r.stdout


def test_my_own_check_example(tmp_path):
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "my_own_check.py"), "--n", "120", "--replicates", "120", "--report", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert "PASS my.semicircle_m4" in r.stdout and "FAIL my.semicircle_m4~sigma2*1.02" in r.stdout and "oracle and derivation tests: ok" in r.stdout
    assert (tmp_path / "report.md").exists() and (tmp_path / "my_semicircle_m4.png").exists()


def test_anisotropic_spectra_example():
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "anisotropic_spectra.py"), "--p", "800"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "gmp.cdf in the gap: 0.500000000000" in r.stdout
    assert "PASS gmp.cdf" in r.stdout and "FAIL gmp.cdf~isotropic" in r.stdout and "PASS dyson.density" in r.stdout


def test_bbp_sweep_example(tmp_path):
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "bbp_sweep.py"), "--n", "5000", "--seeds", "1", "--plot", str(tmp_path)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert "phase diagram: 120 points" in r.stdout and "{'DONE': 120}" in r.stdout
    assert "bbp.outlier over 20 (point, seed) tasks on 2 workers" in r.stdout and "ERROR" not in r.stdout
    assert (tmp_path / "phase" / "bbp.outlier.png").stat().st_size > 10_000
    assert (tmp_path / "check" / "verdict.png").stat().st_size > 10_000


def test_transient_bbp_example(tmp_path):
    png = tmp_path / "tb.png"
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "transient_bbp.py"), "--n", "200", "--grid", "16", "--times", "4", "--out", str(png)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert "phase diagram 16 x 16" in r.stdout and "transient: theta = 1.09, emergence t = 1.467, absorption t = 3.969" in r.stdout
    assert "statuses {'DONE': 12}" in r.stdout and png.stat().st_size > 20_000


def test_slt_tightness_example(tmp_path):
    png = tmp_path / "slt.png"
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "slt_tightness.py"), "--datasets", "200", "--sizes", "3", "--out", str(png)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    lines = [ln.split() for ln in r.stdout.splitlines() if ln.strip()[:1].isdigit()]
    assert [int(row[0]) for row in lines] == [100, 1000, 10000]
    for row in lines:
        rlct, regular, q, violations = float(row[1]), float(row[2]), float(row[5]), int(row[7])
        assert q < rlct < regular and violations == 0  # valid, and tighter than the parameter count
    assert png.stat().st_size > 20_000


def test_wide_networks_example(tmp_path):
    png = tmp_path / "wide.png"
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "wide_networks.py"), "--seeds", "200", "--max-depth", "3", "--ntk-seeds", "40", "--out", str(png)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    rows = [ln.split() for ln in r.stdout.splitlines() if ln.strip()[:1].isdigit()]
    assert [int(row[0]) for row in rows] == [1, 2, 3]
    assert rows[0][1] == "1.1559" and rows[2][1] == "1.7278"  # relu_nngp at depth 1 and 3: the formula, not the simulation
    assert png.stat().st_size > 20_000


def test_kurtosis_collapse_example(tmp_path):
    png = tmp_path / "kurtosis.png"
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "kurtosis_collapse.py"), "--seeds", "2000", "--widths", "16", "32", "--max-ratio", "0.1", "--out", str(png)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    rows = [ln.split() for ln in r.stdout.splitlines() if ln.strip()[:1].isdigit()]
    assert {int(row[0]) for row in rows} == {16, 32} and png.exists()
    assert all(abs(float(row[-1])) < 5 for row in rows)  # simulated against exact, in standard errors


def test_tanh_phase_diagram_example(tmp_path):
    png = tmp_path / "phase.png"
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "tanh_phase_diagram.py"), "--seeds", "400", "--width", "64", "--grid", "12", "--out", str(png)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    rows = [ln.split() for ln in r.stdout.splitlines() if ln.strip()[:1].isdigit()]
    assert len(rows) == 6 and png.exists()
    assert all(abs(float(row[-1])) < 5 for row in rows)  # measured contraction against chi_perp, in standard errors
