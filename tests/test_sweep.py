"""Sweeps on real dask.distributed clusters: a LocalCluster of worker processes, and a
``dask scheduler`` with two ``dask worker`` processes on 127.0.0.1 reached by address, one of
them killed midway. Bitwise reproducibility across worker counts, ERROR rows, Parquet parts and
the CLI's one-line errors."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")
pandas = pytest.importorskip("pandas")

from lmech import numeric, verify  # noqa: E402
from lmech.verify.checks._mp import dims  # noqa: E402
from lmech.verify.cli import main  # noqa: E402

GRID = {"gamma": [0.1, 0.5], "ratio": [2.0, 3.0]}
VOLATILE = ["wall", "worker", "traceback"]
LMECH = Path(sys.executable).with_name("lmech")  # the only columns that may differ between runs


def _stable(frame):
    return frame.drop(columns=VOLATILE)


@pytest.fixture(scope="module")
def client():
    from lmech.verify._sweep import local_cluster

    with local_cluster(distributed, 2) as cluster, distributed.Client(cluster) as c:
        yield c


def test_sweep_is_bitwise_reproducible_across_worker_counts(client):
    """The same table from 2 worker processes and from 1, whatever the completion order."""
    two = verify.sweep("bbp.outlier", GRID, seeds=2, n=20000, client=client)
    one = verify.sweep("bbp.outlier", GRID, seeds=2, n=20000, workers=1)
    assert len(two) == 8 and two[["index", "seed"]].drop_duplicates().shape[0] == 8
    assert list(two["gamma"]) == [0.1] * 4 + [0.5] * 4 and list(two["ratio"]) == [2.0, 2.0, 3.0, 3.0] * 2
    assert (two["status"] != "ERROR").all(), two["error"].tolist()
    assert _stable(two).equals(_stable(one))
    assert two["worker"].nunique() == 2  # both workers took tasks
    assert two["pvalue"].between(0, 1).all() and (two["n"] == 20000).all()


def test_sweep_rows_error_and_parquet_parts(client, tmp_path):
    """A point the simulator refuses (gamma < 0) is an ERROR row with its message; the others
    finish; each row is a Parquet part as it arrives, and the parts read back as the table."""
    frame = verify.sweep("bbp.outlier", {"gamma": [-0.5, 0.3]}, n=20000, client=client, out=tmp_path / "parts")
    bad = frame[frame["gamma"] == -0.5].iloc[0]
    assert bad["status"] == "ERROR" and bad["error"].startswith("ValueError: ") and "Traceback" in bad["traceback"], bad["error"]
    assert frame[frame["gamma"] == 0.3].iloc[0]["status"] in ("PASS", "FAIL")
    back = pandas.read_parquet(tmp_path / "parts").sort_values(["index", "seed"]).reset_index(drop=True)
    assert _stable(back).equals(_stable(frame))


def test_grid_is_validated_before_any_task():
    check = verify.get_check("bbp.outlier")
    with pytest.raises(ValueError, match=r"'theta' is not a parameter of bbp.outlier \(its parameters: gamma, ratio, beta\)"):
        verify.grid_points(check, {"theta": [1.0]})
    with pytest.raises(ValueError, match="has no values"):
        verify.grid_points(check, {"gamma": []})
    pts = verify.grid_points(check, {"gamma": [0.1, 0.2]})
    assert [p["gamma"] for p in pts] == [0.1, 0.2] and pts[0]["ratio"] == check.space.params["ratio"].at(0.5) and pts[0]["beta"] == 1.0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["sweep", "nope.check", "--grid", "gamma=0.1"], "unknown check 'nope.check'"),
        (["sweep", "bbp.outlier"], "give at least one --grid"),
        (["sweep", "bbp.outlier", "--grid", "theta=0.1:1:3"], "'theta' is not a parameter of bbp.outlier"),
        (["sweep", "bbp.outlier", "--grid", "gamma=0.1,abc"], "'abc' is not a number"),
        (["sweep", "bbp.outlier", "--grid", "gamma=0.1", "--grid", "gamma=0.2"], "given twice"),
        (["sweep", "bbp.outlier", "--grid", "gamma=0.1", "--scheduler", "tcp://127.0.0.1:9", "--timeout", "2"], "cannot reach the dask scheduler"),
        (["sweep", "bbp.outlier", "--grid", "gamma=0.1", "--resume"], "--resume needs --out"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err, err


def _start(cmd: list[str], log: Path, logs: list) -> subprocess.Popen:
    logs.append(log.open("w"))
    return subprocess.Popen(cmd, stdout=logs[-1], stderr=subprocess.STDOUT, start_new_session=True)


def test_sweep_by_address_survives_a_killed_worker(tmp_path):
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1; ``lmech sweep
    --scheduler`` runs on them while one worker is killed by its pid after the first results:
    every (point, seed) is in the output once, equal to a local run."""
    dask = Path(sys.executable).with_name("dask")
    file = tmp_path / "scheduler.json"
    logs: list = []
    procs = [_start([str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(file)], tmp_path / "s.log", logs)]
    try:
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(file.read_text())["address"]
        for k in range(2):
            procs.append(
                _start(
                    [str(dask), "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1", "--no-nanny"],
                    tmp_path / f"w{k}.log",
                    logs,
                )
            )
        with distributed.Client(address, timeout=30) as c:
            c.wait_for_workers(2, timeout=60)
            pids = list(c.run(os.getpid).values())
        out = tmp_path / "parts"
        grid = ["--grid", "gamma=0.1,0.2,0.3,0.5", "--grid", "ratio=2,3"]
        argv = ["sweep", "bbp.outlier", *grid, "--seeds", "2", "--n", "200000", "--scheduler", address, "--out", str(out)]
        result: dict = {}
        runner = threading.Thread(target=lambda: result.setdefault("rc", main(argv)))
        runner.start()
        deadline = time.monotonic() + 120
        while (not out.exists() or len(list(out.glob("*.parquet"))) < 2) and time.monotonic() < deadline:
            time.sleep(0.05)
        at_kill = len(list(out.glob("*.parquet"))) if out.exists() else 0
        os.kill(pids[0], signal.SIGKILL)
        runner.join(timeout=300)
        assert at_kill < 16, "the worker was killed after the sweep had finished"
        assert result.get("rc") == 0, result
        remote = pandas.read_parquet(out).sort_values(["index", "seed"]).reset_index(drop=True)
        assert len(remote) == 16 and remote[["index", "seed"]].drop_duplicates().shape[0] == 16
        local = verify.sweep("bbp.outlier", {"gamma": [0.1, 0.2, 0.3, 0.5], "ratio": [2.0, 3.0]}, seeds=2, n=200000, workers=1)
        assert _stable(remote).equals(_stable(local))
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        for f in logs:
            f.close()


def test_resume_recomputes_only_missing_and_corrupt_parts(client, tmp_path):
    """A deleted part, a truncated one, a foreign one (another n) and a non-Parquet file are
    recomputed; the whole parts are reused; the table equals the uninterrupted one."""
    out = tmp_path / "parts"
    full = verify.sweep("bbp.outlier", GRID, seeds=2, n=20000, client=client, out=out)
    assert (full.attrs["computed"], full.attrs["reused"]) == (8, 0)
    with pytest.raises(ValueError, match="already holds 8 part"):
        verify.sweep("bbp.outlier", GRID, seeds=2, n=20000, client=client, out=out)
    parts = sorted(out.glob("part-*.parquet"))
    parts[0].unlink()
    parts[1].write_bytes(parts[1].read_bytes()[:100])  # a write cut short
    parts[2].write_bytes(b"not parquet at all")
    other = verify.sweep("bbp.outlier", GRID, seeds=2, n=30000, client=client, out=tmp_path / "other")
    (tmp_path / "other" / parts[3].name).replace(parts[3])  # a part of a different sweep (n = 30000)
    resumed = verify.sweep("bbp.outlier", GRID, seeds=2, n=20000, client=client, out=out, resume=True)
    assert (resumed.attrs["computed"], resumed.attrs["reused"]) == (4, 4)
    assert _stable(resumed).equals(_stable(full))
    assert not _stable(other).equals(_stable(full))


def test_killed_client_resumes_from_its_parts(tmp_path):
    """``lmech sweep`` killed (SIGKILL, its local cluster with it) after its first parts, then
    ``--resume``: only the missing points are computed, and the table equals an uninterrupted run."""
    out = tmp_path / "parts"
    argv = [
        "sweep",
        "bbp.outlier",
        "--grid",
        "gamma=0.1,0.2,0.3,0.5",
        "--grid",
        "ratio=2,3",
        "--seeds",
        "2",
        "--n",
        "200000",
        "--workers",
        "1",
        "--out",
        str(out),
    ]
    with (tmp_path / "client.log").open("w") as log:
        proc = subprocess.Popen([str(LMECH), *argv], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            while len(list(out.glob("part-*.parquet"))) < 2 and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.05)
            os.killpg(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
    before = len(list(out.glob("part-*.parquet")))
    assert 2 <= before < 16, before
    assert main([*argv, "--resume"]) == 0
    resumed = pandas.read_parquet(out).sort_values(["index", "seed"]).reset_index(drop=True)
    local = verify.sweep("bbp.outlier", {"gamma": [0.1, 0.2, 0.3, 0.5], "ratio": [2.0, 3.0]}, seeds=2, n=200000, workers=1)
    assert len(resumed) == 16 and _stable(resumed).equals(_stable(local))


def test_sweep_without_verdict_maps_the_formula_across_the_threshold(client, tmp_path):
    """``verdict=False``: the outlier formula next to the simulated top eigenvalue on both sides
    of theta = sqrt(gamma), where the CLT decision (the verdict mode) raises below threshold.
    ``predicted`` is the formula at the observation's own arguments; nothing is judged."""
    grid = {"gamma": [0.25, 0.5], "ratio": [0.5, 3.0]}
    judged = verify.sweep("bbp.outlier", grid, n=20000, client=client)
    assert list(judged["status"] == "ERROR") == [True, False, True, False]  # outlier_variance is undefined below threshold
    assert judged["error"][0].endswith("violates theta > sqrt(gamma) for bbp.outlier_variance")
    frame = verify.sweep("bbp.outlier", grid, n=20000, client=client, verdict=False)
    assert (frame["status"] == "DONE").all() and (frame["test"] == "observable").all() and (frame["wrong_total"] == 0).all()
    assert frame[["statistic", "pvalue", "over_tolerance"]].isna().all().all()
    edge = numeric.compile("mp.upper_edge")
    for _, row in frame.iterrows():
        p, m = dims(20000, row["gamma"])
        theta, g = row["ratio"] * math.sqrt(p / m), p / m
        assert row["predicted"] == float(numeric.compile("bbp.outlier")(theta=theta, gamma=g))
        if row["ratio"] < 1:
            assert row["predicted"] == pytest.approx(float(edge(gamma=g, sigma2=1.0)), rel=1e-15)
    # the observable is the verdict mode's observed value: the same draw, judged or not
    assert (frame["observed"][[1, 3]].to_numpy() == judged["observed"][[1, 3]].to_numpy()).all()
    # a check without an observable reports its decision's first evidence, unjudged
    plain = verify.sweep("mp.upper_edge", {"gamma": [0.5]}, client=client, verdict=False)
    assert plain["status"].tolist() == ["DONE"] and plain["test"][0] != "observable" and math.isfinite(plain["observed"][0])
    files = verify.plot_sweep(frame, tmp_path / "plots")
    assert sorted(f.name for f in files) == ["bbp.outlier.png", "predicted_observed.png"] and all(f.stat().st_size > 10_000 for f in files)


def test_plot_sweep_writes_heatmaps_and_curves(client, tmp_path):
    """2-D grid: verdict, statistic over tolerance, predicted/observed, and the check's phase
    diagram; 1-D: curves; three swept parameters or none: a ValueError naming them."""
    frame = verify.sweep("bbp.outlier", GRID, seeds=2, n=20000, client=client)
    assert frame["over_tolerance"].between(0, math.inf).all()
    # over_tolerance > 1 exactly where the Holm-adjusted p-value is below alpha
    assert ((frame["over_tolerance"] > 1) == (frame["pvalue_adjusted"] <= verify.FAMILY_ALPHA)).all()
    names = sorted(f.name for f in verify.plot_sweep(frame, tmp_path / "two"))
    assert names == ["bbp.outlier.png", "over_tolerance.png", "predicted_observed.png", "verdict.png"]
    one = frame[frame["gamma"] == 0.1]
    assert sorted(f.name for f in verify.plot_sweep(one, tmp_path / "one", check="bbp.outlier")) == ["bbp.outlier.png", "predicted_observed.png", "verdict.png"]
    three = verify.sweep("bbp.outlier", {"gamma": [0.1, 0.2], "ratio": [2.0, 3.0], "beta": [1.0, 2.0]}, n=2000, client=client)
    with pytest.raises(ValueError, match=r"one or two swept parameters, got 3 \(gamma, ratio, beta\)"):
        verify.plot_sweep(three, tmp_path / "three")
    with pytest.raises(ValueError, match="got 0"):
        verify.plot_sweep(frame[frame["index"] == 0], tmp_path / "zero")
    assert main(["sweep", "bbp.outlier", "--grid", "gamma=0.1,0.2", "--grid", "ratio=2,3", "--grid", "beta=1,2", "--plot", str(tmp_path)]) == 2


def test_cli_plot_and_no_verdict(tmp_path, capsys):
    """``lmech sweep --no-verdict --plot DIR``: the phase-diagram sweep of the README, small."""
    argv = ["sweep", "bbp.outlier", "--grid", "gamma=0.2,0.6", "--grid", "ratio=0.5:2.5:3", "--n", "5000", "--workers", "1", "--no-verdict"]
    assert main([*argv, "--plot", str(tmp_path / "plots")]) == 0
    out = capsys.readouterr().out.replace("\n", "")  # rich wraps long lines
    assert "DONE 6, ERROR 0" in out and "plots/bbp.outlier.png" in out
    assert (tmp_path / "plots" / "bbp.outlier.png").stat().st_size > 10_000


def test_gpu_backend_starts_a_cuda_cluster_per_device(monkeypatch):
    """``backend="gpu"`` without a client starts ``dask_cuda.LocalCUDACluster``. Without a GPU the
    path runs on the CPU stand-ins: the nvcc host build of the CUDA kernels for CuPy (as in
    test_gpu.py) and, for dask-cuda, a LocalCluster of one in-process worker (where the stand-in
    CuPy lives). Rows equal the CPU backend's: the same draws, the same formula to rounding."""
    import types

    import cuda_host

    if numeric.gpu_available():
        pytest.skip("a real GPU: the stand-ins are for machines without one")
    with pytest.raises(RuntimeError, match="needs CuPy"):
        verify.sweep("bbp.outlier", {"gamma": [0.5]}, n=2000, backend="gpu")
    assert main(["sweep", "bbp.outlier", "--grid", "gamma=0.5", "--backend", "gpu"]) == 2
    if not cuda_host.HAVE_NVCC:
        pytest.skip("nvcc not installed")
    cuda_host.install(monkeypatch)
    made = []

    def local_cuda_cluster(**kwargs):
        made.append(kwargs)
        return distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=kwargs["dashboard_address"])

    monkeypatch.setitem(sys.modules, "dask_cuda", types.SimpleNamespace(LocalCUDACluster=local_cuda_cluster))
    gpu = verify.sweep("bbp.outlier", GRID, n=20000, backend="gpu")
    cpu = verify.sweep("bbp.outlier", GRID, n=20000, workers=1)
    assert len(made) == 1 and made[0]["threads_per_worker"] == 1 and "n_workers" not in made[0]
    assert (gpu["status"] == "PASS").all(), gpu["error"].tolist()
    assert (gpu["observed"] == cpu["observed"]).all()
    np.testing.assert_allclose(gpu["predicted"], cpu["predicted"], rtol=1e-14)
    monkeypatch.setitem(sys.modules, "dask_cuda", None)  # no dask-cuda: one worker process holds the device
    from lmech.verify._sweep import local_cluster

    with local_cluster(distributed, 4, backend="gpu") as cluster:
        assert type(cluster) is distributed.LocalCluster and len(cluster.workers) == 1
