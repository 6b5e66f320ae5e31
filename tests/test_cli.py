"""The lmech command line: behaviour and one-line errors with exit status 2."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import numpy as np
import pytest

from lmech.verify.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "lmech.verify.cli", *args], capture_output=True, text=True)


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "mp.nope"], "unknown formula id"),
        (["eval", "mp.density", "x=1", "gamma=-1", "sigma2=1"], "gamma=-1.0 is outside (0, oo)"),
        (["eval", "mp.density", "x=1:2", "gamma=1", "sigma2=1"], "malformed range"),
        (["eval", "mp.density", "x=__import__('os')", "gamma=1", "sigma2=1"], "is not a number"),
        (["eval", "mp.density", "x=1"], "needs gamma, sigma2"),
        (["eval", "mp.moment", "k=1.5", "gamma=1", "sigma2=1"], "must be an integer"),
        (["export", "mp.density", "--to", "fortran"], "invalid choice"),
        (["check", "no_such_family"], "no check 'no_such_family'"),
        (["check", "mp.nothing"], "no check 'mp.nothing'"),
        (["checks", "mp.nothing"], "no check 'mp.nothing'"),
        (["frobnicate"], "invalid choice"),
        (["eval", "pacbayes.kl_bound", "emp_risk=0.1", "kl=5", "n=1000", "delta=1.5"], "delta=1.5 is outside (0, 1)"),
    ],
)
def test_bad_input_one_line_exit_2(args, message):
    r = run(*args)
    assert r.returncode == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_export_and_list(capsys):
    assert main(["export", "mp.upper_edge", "--to", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "mp.upper_edge"
    assert main(["export", "mp.density", "--to", "cuda"]) == 0
    assert "__device__ double lmech_mp_density" in capsys.readouterr().out
    assert main(["list", "--family", "wigner"]) == 0
    assert "wigner.cdf" in capsys.readouterr().out
    assert main(["show", "mp.cdf"]) == 0


def test_eval_grid_to_file(tmp_path):
    out = tmp_path / "g.npz"
    assert main(["eval", "mp.cdf", "x=0:4:9", "gamma=0.5:2:3", "sigma2=1", "--out", str(out)]) == 0
    data = np.load(out)
    assert data["cdf"].shape == (27,) and data["cdf"].max() <= 1.0
    csv = tmp_path / "s.csv"
    assert main(["eval", "mp.stieltjes", "z=1+0.5j", "gamma=2", "sigma2=1", "--out", str(csv)]) == 0
    assert csv.read_text().startswith("z,gamma,sigma2,stieltjes")


def test_check_subset_writes_report(tmp_path):
    r = run("check", "mp.upper_edge", "mp.lower_edge", "--report", str(tmp_path / "rep"))
    assert r.returncode == 0, r.stdout + r.stderr
    md = (tmp_path / "rep" / "report.md").read_text()
    assert "Holm-adjusted" in md and "tracy_widom" in md
    data = json.loads((tmp_path / "rep" / "report.json").read_text())
    assert all(e["pvalue"] is not None for d in data for row in d["verdicts"][0]["evidence"] for e in row)


def test_list_labels_kinds_and_checks_listing(capsys):
    assert main(["list", "--family", "tracy_widom"]) == 0
    out = capsys.readouterr().out
    assert "numeric" in out and "closed form" in out
    assert main(["checks", "bbp"]) == 0
    out = capsys.readouterr().out
    assert "bbp.subcritical" in out and "theta*1.02" in out


def test_eval_kl_inverse(capsys):
    assert main(["eval", "pacbayes.kl_bound", "emp_risk=0.1", "kl=5", "n=1000", "delta=0.05"]) == 0
    assert "0.1531096" in capsys.readouterr().out  # THEORY.md §6 worked value (b)


def test_bench_draws_points_inside_each_domain(capsys):
    assert (
        main(["bench", "deeplinear.mode", "pacbayes.kl_inverse_upper", "deeplinear.learning_time", "tracy_widom.cdf", "--points", "2000", "--repeat", "1"]) == 0
    )
    out = capsys.readouterr().out
    assert "deeplinear.mode" in out and "pacbayes.kl_inverse_upper" in out and "deeplinear.learning_time" in out
    assert "not benchmarked" in out and "tracy_widom.cdf" in out


@pytest.mark.skipif(importlib.util.find_spec("cupy") is not None, reason="CuPy is installed here")
@pytest.mark.parametrize(
    "args",
    [["check", "mp.density", "--backend", "gpu"], ["bench", "--backend", "gpu"], ["eval", "mp.density", "x=1", "gamma=0.5", "sigma2=1", "--backend", "cupy"]],
)
def test_gpu_without_cupy_is_one_line_exit_2(args):
    r = run(*args)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "pip install 'lmech[gpu]'" in r.stderr
