"""Sweeps on real dask.distributed clusters: a LocalCluster of worker processes, and a
``dask scheduler`` with two ``dask worker`` processes on 127.0.0.1 reached by address, one of
them killed midway. Bitwise reproducibility across worker counts, ERROR rows, Parquet parts and
the CLI's one-line errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pandas = pytest.importorskip("pandas")

from lmech import verify  # noqa: E402
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
    assert full.attrs == {"computed": 8, "reused": 0}
    with pytest.raises(ValueError, match="already holds 8 part"):
        verify.sweep("bbp.outlier", GRID, seeds=2, n=20000, client=client, out=out)
    parts = sorted(out.glob("part-*.parquet"))
    parts[0].unlink()
    parts[1].write_bytes(parts[1].read_bytes()[:100])  # a write cut short
    parts[2].write_bytes(b"not parquet at all")
    other = verify.sweep("bbp.outlier", GRID, seeds=2, n=30000, client=client, out=tmp_path / "other")
    (tmp_path / "other" / parts[3].name).replace(parts[3])  # a part of a different sweep (n = 30000)
    resumed = verify.sweep("bbp.outlier", GRID, seeds=2, n=20000, client=client, out=out, resume=True)
    assert resumed.attrs == {"computed": 4, "reused": 4}
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
