"""Sweeps: a check mapped over a parameter grid and seeds on a ``dask.distributed`` cluster.

Each (grid point, seed) is one task, a pure function of (check, size, n, point index, seed): its
generator is ``SeedSequence(seed)`` keyed by the check, the size and the point's index in the
grid, so the table is the same with one worker, many, or a remote cluster, in any completion
order (only ``wall`` and ``worker`` differ). A task simulates the check once at its point and
judges the true formula and every wrong one on that observation (Holm within the point); a
failure inside it is an ERROR row with its message, and the sweep goes on.

The family-wise rate of a sweep is not controlled across points: each row's p-values are that
point's own (a phase diagram wants the map, not one verdict). ``verify.run`` is the decision.

Dask, pandas and pyarrow are the ``[dask]`` extra, imported when a sweep starts.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import time
import traceback
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from lmech import numeric

from ._check import Check, Kernel, check_ids, get_check
from ._run import FAMILY_ALPHA, _evidence_list, _judge
from ._space import Real

__all__ = ["DASK_HINT", "WORKER_ENV", "grid_points", "local_cluster", "sweep", "sweep_task", "task_key"]

DASK_HINT = "pip install 'lmech[dask]'"


def _dask():
    try:
        import distributed
        import pandas
    except ImportError as exc:
        raise RuntimeError(f"sweeps run on dask.distributed with pandas and pyarrow: {DASK_HINT}") from exc
    return distributed, pandas


def grid_points(check: Check, grid: Mapping[str, Sequence[Any]]) -> list[dict]:
    """The outer product of the grid's values, in order (the last name varies fastest).

    Every name must be a parameter of the check's space. A parameter the grid does not name is
    held at its design midpoint (``Real.at(0.5)``) or its first level (``Choice``). The space's
    ``transform``, if any, maps each point as it does for drawn points.

    Raises:
        ValueError: an unknown name, an empty list of values, or a value that is not finite.
    """
    names = check.space.names
    for name, values in grid.items():
        if name not in names:
            raise ValueError(f"grid parameter {name!r} is not a parameter of {check.id} (its parameters: {', '.join(names)})")
        values = list(values)
        if not values:
            raise ValueError(f"grid parameter {name!r} has no values")
        dim = check.space.params[name]
        if isinstance(dim, Real) and not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
            raise ValueError(f"grid parameter {name!r} needs finite numbers, got {values!r}")
    fixed = {n: (d.at(0.5) if isinstance(d, Real) else d.levels[0]) for n, d in check.space.params.items() if n not in grid}
    keys = list(grid)
    out = []
    for combo in itertools.product(*(list(grid[k]) for k in keys)):
        point = {n: (combo[keys.index(n)] if n in grid else fixed[n]) for n in names}
        point = {n: (float(v) if isinstance(check.space.params[n], Real) else v) for n, v in point.items()}
        out.append(check.space.transform(point) if check.space.transform else point)
    return out


#: a local worker is one core: BLAS and OpenMP single-threaded inside it (numba: ``threads`` of the task)
WORKER_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def local_cluster(distributed: Any, workers: int | None, dashboard: str | None = ":0", backend: str = "cpu") -> Any:
    """The local cluster a sweep starts when it is given no client.

    For a CPU backend, a ``LocalCluster`` of single-threaded worker processes (default: one per
    core). For a GPU backend, CuPy and a device must answer (RuntimeError otherwise); then
    ``dask_cuda.LocalCUDACluster``, one worker process pinned to each visible GPU (``workers``
    of them if given), where dask-cuda is installed (``pip install dask-cuda``), and without it
    one worker process holding the whole device (``workers`` ignored: processes sharing one
    GPU only contend for it).
    """
    if numeric.backend(backend).gpu:
        numeric.gpu_device()
        try:
            from dask_cuda import LocalCUDACluster
        except ImportError:
            return distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=dashboard, env=WORKER_ENV)
        extra = {} if workers is None else {"n_workers": int(workers)}
        return LocalCUDACluster(threads_per_worker=1, dashboard_address=dashboard, env=WORKER_ENV, **extra)
    return distributed.LocalCluster(
        n_workers=int(workers or os.cpu_count() or 1), threads_per_worker=1, processes=True, dashboard_address=dashboard, env=WORKER_ENV
    )


def _seed_sequence(check: Check, size: str, index: int, seed: int) -> np.random.SeedSequence:
    """The generator's seed of one (point, seed): keyed by the check, the size and the point's index."""
    return np.random.SeedSequence(entropy=int(seed), spawn_key=(zlib.crc32(check.id.encode()), zlib.crc32(size.encode()), 2, int(index)))


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"local:{os.getpid()}"


def sweep_task(
    check: Check | str, index: int, point: dict, seed: int, n: int | None, size: str, backend: str, alpha: float, threads: int | None = 1, verdict: bool = True
) -> dict:
    """One row of a sweep: simulate ``check`` once at ``point`` and judge every formula there.

    Returns a flat record: the point's parameters, ``index``, ``seed``, ``n``, ``status``
    (PASS, FAIL or ERROR), the true formula's most telling evidence (``test``, ``statistic``,
    ``pvalue`` or ``bound``, ``predicted``, ``observed``, the Holm-adjusted ``pvalue_adjusted``),
    ``wrong_rejected`` out of ``wrong_total``, ``over_tolerance``, ``error``, ``wall`` and
    ``worker``. ``threads`` sets numba's thread count in the worker first (None leaves it).

    ``over_tolerance`` is the worst evidence's distance from passing, as a ratio that is above 1
    exactly when it fails: statistic / bound for a deterministic bound, and for a p-value the
    two-sided normal score of the Holm-adjusted p over that of ``alpha``,
    Phi^-1(1 - p_adj/2) / Phi^-1(1 - alpha/2) (for a z test at one point, |z| / z_crit).

    With ``verdict=False`` nothing is judged: ``status`` is DONE (or ERROR), the row carries the
    true formula's ``predicted`` next to the simulated ``observed``, and the test columns are
    NaN; the wrong formulas are not evaluated (``wrong_total`` 0). Both come from the check's
    ``observable`` where it declares one (the formula evaluated at the observation's arguments;
    ``test`` is "observable"), else from the first evidence of its ``decide``. This is the mode for maps of a formula
    against its simulated observable, on both sides of a transition, where the check's
    decision does not apply.
    """
    t0 = time.perf_counter()
    if threads is not None:
        numeric.set_threads(threads)  # a worker is its share of the machine, not all of it
    check = get_check(check) if isinstance(check, str) else check
    row: dict[str, Any] = {**point, "index": int(index), "seed": int(seed)}
    empty = {"status": "ERROR", "test": "", "statistic": math.nan, "pvalue": math.nan, "pvalue_adjusted": math.nan, "bound": math.nan}
    row.update(empty, predicted=math.nan, observed=math.nan, wrong_rejected=0, wrong_total=len(check.wrong) if verdict else 0, error="")
    row["over_tolerance"] = math.nan
    try:
        chosen = numeric.backend(backend)
        sz = check.size(size, chosen.device).with_(n=n, draws=1)
        row["n"] = int(sz.n)
        true = Kernel(check.formula, chosen.kernel)
        kernels = [true, *(true.for_wrong(w) for w in check.wrong)] if verdict else [true]
        obs = check.simulate(dict(point), sz, np.random.default_rng(_seed_sequence(check, sz.name, index, seed)), chosen.device)
        if not verdict and check.observable is not None:
            arguments, observed = check.observable(obs)
            row.update(status="DONE", test="observable", predicted=float(np.asarray(true(**arguments))), observed=float(observed))
        elif not verdict:
            first = _evidence_list(check.decide(true, obs, dict(point)), true.formula.id)[0]
            row.update(status="DONE", test=first.test, predicted=float(first.predicted), observed=float(first.observed))
        else:
            evidence = [_evidence_list(check.decide(k, obs, dict(point)), k.formula.id) for k in kernels]
            verdicts = [_judge(k.formula.id, [ev], alpha) for k, ev in zip(kernels, evidence)]
            v = verdicts[0]
            worst, adjusted = v.worst()
            row.update(
                status="PASS" if v.ok else "FAIL",
                test=worst.test,
                statistic=float(worst.statistic),
                pvalue=math.nan if worst.pvalue is None else float(worst.pvalue),
                pvalue_adjusted=math.nan if adjusted is None else float(adjusted),
                bound=math.nan if worst.bound is None else float(worst.bound),
                predicted=float(worst.predicted),
                observed=float(worst.observed),
                wrong_rejected=sum(not w.ok for w in verdicts[1:]),
                over_tolerance=_over_tolerance(worst, adjusted, alpha),
            )
    except Exception as exc:  # one failing point is an ERROR row; the sweep goes on
        lines = str(exc).strip().splitlines()
        row["error"] = f"{type(exc).__name__}: {lines[-1] if lines else ''}".rstrip(": ")
        row["traceback"] = traceback.format_exc()
    row.setdefault("n", -1 if n is None else int(n))
    row.setdefault("traceback", "")
    row["wall"] = time.perf_counter() - t0
    row["worker"] = _worker_name()
    return row


def _over_tolerance(evidence: Any, adjusted: float | None, alpha: float) -> float:
    """How far the evidence is from its tolerance: > 1 exactly when it fails (see ``sweep_task``)."""
    if evidence.kind == "bound":
        return float(evidence.statistic / evidence.bound) if evidence.bound else math.inf
    from scipy.stats import norm

    return float(norm.isf(adjusted / 2) / norm.isf(alpha / 2))


def sweep(
    check: Check | str,
    grid: Mapping[str, Sequence[Any]],
    *,
    seeds: int | Sequence[int] = 1,
    n: int | None = None,
    size: str = "quick",
    backend: str = "cpu",
    alpha: float = FAMILY_ALPHA,
    client: Any = None,
    workers: int | None = None,
    out: str | os.PathLike | None = None,
    threads: int | None = 1,
    resume: bool = False,
    progress: Callable[[dict], None] | None = None,
    verdict: bool = True,
) -> Any:
    """Map a check over the outer product of a grid and seeds on a Dask cluster.

    Args:
        check: a ``Check`` (pickled to the workers) or a registered id.
        grid: parameter name -> values (see ``grid_points``).
        seeds: a count (seeds 0, 1, ...) or the seeds themselves.
        n: overrides the size's dimension.
        size: the check's size whose settings the simulator uses.
        backend: ``cpu`` or ``gpu`` (or a kernel backend name), as for ``verify.run``.
        alpha: the level of each point's verdict (Holm within the point).
        client: a ``distributed.Client`` (a cluster by address, say); None starts a local
            cluster (``local_cluster``: single-threaded processes, or one worker per GPU for a
            GPU backend) and closes it after.
        workers: the local cluster's size (default: one per core).
        out: a directory; each finished row is written there as one Parquet part as it arrives
            (``pandas.read_parquet(out)`` reads them back).
        threads: numba threads per task (1: a worker is one core; None: the worker's default).
        resume: reuse the parts already in ``out`` that are whole and carry this sweep's key
            for their (point, seed) (``task_key``); the rest, corrupt parts included, are computed.
        progress: called with each row: the reused ones first, then each computed one as it
            arrives (the CLI's progress bar).
        verdict: False maps the formula against the simulated observable with no decision
            (``status`` DONE; see ``sweep_task``).

    Returns:
        A ``pandas.DataFrame``, one row per (point, seed), sorted by point index then seed (see
        ``sweep_task`` for the columns, plus ``key``); ``attrs`` holds how many rows were
        ``computed`` and how many ``reused`` from ``out``, the ``check`` id, the ``grid``'s names,
        ``verdict`` and ``alpha`` (what ``plot_sweep`` reads).

    Raises:
        ValueError: a bad grid, seed list or worker count, or ``out`` holding parts without ``resume``.
        RuntimeError: dask, pandas or pyarrow missing.
    """
    distributed, pandas = _dask()
    check = get_check(check) if isinstance(check, str) else check
    if not isinstance(check, Check):
        raise TypeError(f"sweep takes a Check or a check id, got {type(check).__name__}")
    seed_list = list(range(int(seeds))) if isinstance(seeds, int | np.integer) else [int(s) for s in seeds]
    if not seed_list:
        raise ValueError(f"seeds={seeds!r} gives no seed")
    if workers is not None and (int(workers) != workers or workers < 1):
        raise ValueError(f"workers={workers!r} must be an integer >= 1")
    if not (0 < alpha < 1):
        raise ValueError(f"alpha={alpha} is outside (0, 1)")
    numeric.backend(backend)  # a bad backend name fails here, not on every worker
    check.size(size)  # an unknown size too
    points = grid_points(check, grid)
    tasks = [(i, point, s) for i, point in enumerate(points) for s in seed_list]
    keys = {(i, s): task_key(check, i, point, s, n, size, backend, alpha, verdict) for i, point, s in tasks}
    target = Path(out) if out is not None else None
    rows: list[dict] = []
    if target is not None:
        target.mkdir(parents=True, exist_ok=True)
        existing = sorted(target.glob("part-*.parquet"))
        if existing and not resume:
            raise ValueError(f"{target} already holds {len(existing)} part(s): resume=True (--resume) to continue that sweep, or another directory")
        if resume:
            rows = [row for row in (_read_part(pandas, f, keys) for f in existing) if row is not None]
    done = {(r["index"], r["seed"]) for r in rows}
    reused = len(rows)
    if progress is not None:
        for row in rows:
            progress(row)
    todo = [(i, point, s) for i, point, s in tasks if (i, s) not in done]
    own = client is None and bool(todo)
    cluster = None
    if own:
        cluster = local_cluster(distributed, workers, backend=backend)
        client = distributed.Client(cluster)
    try:
        if todo:
            # a registered check travels by id (each worker imports it); a user's check is pickled once to every worker
            payload = check.id if check.id in check_ids() and get_check(check.id) is check else client.scatter(check, broadcast=True)
            args = (n, size, backend, alpha, threads, verdict)
            futures = [client.submit(sweep_task, payload, i, point, s, *args, key=f"lmech-{keys[i, s]}", pure=False) for i, point, s in todo]
            for fut in distributed.as_completed(futures):
                row = fut.result()
                row["key"] = keys[row["index"], row["seed"]]
                rows.append(row)
                if target is not None:
                    _write_part(pandas, target, row)
                if progress is not None:
                    progress(row)
    finally:
        if own:
            client.close()
            cluster.close()
    frame = pandas.DataFrame(rows).sort_values(["index", "seed"], kind="stable").reset_index(drop=True)
    frame.attrs.update(computed=len(rows) - reused, reused=reused, check=check.id, grid=list(grid), verdict=bool(verdict), alpha=float(alpha))
    return frame


def task_key(check: Check, index: int, point: dict, seed: int, n: int | None, size: str, backend: str, alpha: float, verdict: bool = True) -> str:
    """What a row was computed from, hashed: a part is reused on resume only under the same key."""
    import lmech

    text = json.dumps([lmech.__version__, check.id, size, n, backend, alpha, bool(verdict), int(index), int(seed), sorted(point.items())], default=repr)
    return f"{check.id}-{index}-{seed}-{hashlib.sha1(text.encode()).hexdigest()[:16]}"


def _part_path(target: Path, index: int, seed: int) -> Path:
    return target / f"part-{int(index):06d}-{int(seed)}.parquet"


def _write_part(pandas: Any, target: Path, row: dict) -> None:
    """One row as a Parquet part, written under a temporary name and renamed: a reader never sees half a file."""
    final = _part_path(target, row["index"], row["seed"])
    tmp = final.with_suffix(".tmp")
    pandas.DataFrame([row]).to_parquet(tmp, index=False)
    os.replace(tmp, final)


def _read_part(pandas: Any, path: Path, keys: Mapping[tuple[int, int], str]) -> dict | None:
    """A part's row if it is whole and belongs to this sweep (same key); None means recompute it."""
    try:
        frame = pandas.read_parquet(path)
    except Exception:  # unreadable: truncated, corrupt, not Parquet
        return None
    if len(frame) != 1 or not {"index", "seed", "key"} <= set(frame.columns):
        return None
    row = frame.iloc[0].to_dict()
    index, seed = int(row["index"]), int(row["seed"])
    if path.name != _part_path(path.parent, index, seed).name or keys.get((index, seed)) != row["key"]:
        return None
    row["index"], row["seed"] = index, seed
    return row
