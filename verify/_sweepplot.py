"""Figures of a sweep's table: heatmaps over a 2-D grid, curves over a 1-D one.

Each figure aggregates the seeds of a point: the verdict as the fraction of seeds that pass
(a point with an ERROR row is hatched), ``over_tolerance`` as its median (above 1 fails; see
``sweep_task``), ``predicted`` as the formula's value and ``observed`` as the seeds' mean (with
its standard error on curves). A check may add its own figure of a sweep (``Check.sweep_plot``,
the BBP phase diagram for ``bbp.outlier``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ._check import Check, get_check

__all__ = ["plot_sweep", "swept_names"]


def swept_names(frame: Any, check: Check, grid: Sequence[str] | None = None) -> list[str]:
    """The grid's parameters that take more than one value in ``frame``, in the grid's order."""
    names = list(grid) if grid is not None else frame.attrs.get("grid") or check.space.names
    return [n for n in names if n in frame.columns and frame[n].nunique(dropna=False) > 1]


def _aggregate(frame: Any, names: list[str]) -> Any:
    g = frame.groupby(names, sort=True)
    out = g.agg(
        predicted=("predicted", "first"),
        observed=("observed", "mean"),
        observed_sd=("observed", "std"),
        seeds=("seed", "size"),
        over_tolerance=("over_tolerance", "median"),
    )
    out["passed"] = g["status"].agg(lambda s: float((s == "PASS").mean()))
    out["errors"] = g["status"].agg(lambda s: int((s == "ERROR").sum()))
    out["observed_se"] = out["observed_sd"] / np.sqrt(out["seeds"])
    return out


def _ticks(ax: Any, axis: str, values: Sequence[float]) -> None:
    step = max(1, math.ceil(len(values) / 8))
    idx = list(range(0, len(values), step))
    setter = ax.set_xticks if axis == "x" else ax.set_yticks
    setter(idx, [f"{values[i]:.3g}" for i in idx])


def _heat(fig: Any, ax: Any, table: Any, column: str, title: str, names: list[str], **style: Any) -> None:
    from matplotlib.patches import Rectangle

    grid = table[column].unstack(names[1])
    img = ax.imshow(np.asarray(grid.values, float), origin="lower", aspect="auto", interpolation="nearest", **style)
    _ticks(ax, "x", list(grid.columns))
    _ticks(ax, "y", list(grid.index))
    ax.set_xlabel(names[1])
    ax.set_ylabel(names[0])
    ax.set_title(title, fontsize=9)
    errors = table["errors"].unstack(names[1]).values
    for i, j in zip(*np.nonzero(errors)):
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="xx", lw=0))
    fig.colorbar(img, ax=ax, shrink=0.85)


def _curves(ax: Any, table: Any, name: str, column: str, label: str, **style: Any) -> None:
    x = np.asarray(table.index, float)
    ax.plot(x, table[column].values, label=label, **style)
    ax.set_xlabel(name)


def plot_sweep(frame: Any, out_dir: str | Path, *, check: Check | str | None = None, grid: Sequence[str] | None = None, dpi: int = 120) -> list[Path]:
    """Write a sweep's figures as PNG files into ``out_dir`` and return their paths.

    Args:
        frame: the table ``verify.sweep`` returned (or read back from its Parquet parts).
        out_dir: created if missing.
        check: the swept check or its id (default: ``frame.attrs["check"]``).
        grid: the grid's parameter names in order (default: ``frame.attrs["grid"]``, else the
            check's parameters); those taking one value are held fixed.
        dpi: the figures' resolution.

    Over two swept parameters (the first on the vertical axis): ``verdict.png`` (fraction of
    seeds passing), ``over_tolerance.png`` and ``predicted_observed.png`` (predicted, observed
    and their difference); over one, the same as curves. A sweep without verdicts
    (``verdict=False``) writes only ``predicted_observed.png``. The check's ``sweep_plot``, if
    declared, adds ``<check id>.png``.

    Raises:
        ValueError: no swept parameter, more than two, or no check to read them from.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    cid = check.id if isinstance(check, Check) else (check or frame.attrs.get("check"))
    if cid is None:
        raise ValueError("plot_sweep needs check= (the frame carries no check id)")
    check = check if isinstance(check, Check) else get_check(cid)
    names = swept_names(frame, check, grid)
    if not 1 <= len(names) <= 2:
        raise ValueError(f"plots need one or two swept parameters, got {len(names)} ({', '.join(names) or 'none'}): fix the others to one value")
    verdict = "PASS" in set(frame["status"]) or "FAIL" in set(frame["status"])
    table = _aggregate(frame, names)
    table["difference"] = table["observed"] - table["predicted"]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(fig: Any, name: str) -> None:
        path = out / name
        fig.savefig(path, dpi=dpi)
        written.append(path)

    nseeds = int(table["seeds"].max())
    head = f"{check.id}: {len(frame)} tasks ({nseeds} seed{'s' if nseeds > 1 else ''} per point)"
    if len(names) == 2:
        if verdict:
            fig = Figure(figsize=(5.5, 4.2), layout="constrained")
            _heat(fig, fig.subplots(), table, "passed", f"{head}\nfraction of seeds passing (hatched: ERROR)", names, cmap="RdYlGn", vmin=0, vmax=1)
            save(fig, "verdict.png")
            fig = Figure(figsize=(5.5, 4.2), layout="constrained")
            top = float(np.nanmax([2.0, np.nanmax(np.minimum(table["over_tolerance"].values, 1e6))]))
            from matplotlib.colors import TwoSlopeNorm

            title = f"{head}\nstatistic / tolerance (median; > 1 fails)"
            _heat(fig, fig.subplots(), table, "over_tolerance", title, names, cmap="coolwarm", norm=TwoSlopeNorm(1.0, 0.0, top))
            save(fig, "over_tolerance.png")
        fig = Figure(figsize=(14, 4.2), layout="constrained")
        axes = fig.subplots(1, 3)
        lo, hi = np.nanmin(table[["predicted", "observed"]].values), np.nanmax(table[["predicted", "observed"]].values)
        _heat(fig, axes[0], table, "predicted", f"predicted ({check.formula.id})", names, cmap="viridis", vmin=lo, vmax=hi)
        _heat(fig, axes[1], table, "observed", "observed (mean over seeds)", names, cmap="viridis", vmin=lo, vmax=hi)
        span = float(np.nanmax(np.abs(table["difference"].values))) or 1.0
        _heat(fig, axes[2], table, "difference", "observed - predicted", names, cmap="RdBu_r", vmin=-span, vmax=span)
        fig.suptitle(head, fontsize=10)
        save(fig, "predicted_observed.png")
    else:
        name = names[0]
        if verdict:
            fig = Figure(figsize=(6, 4), layout="constrained")
            ax = fig.subplots()
            _curves(ax, table, name, "over_tolerance", "median statistic / tolerance", marker="o")
            ax.axhline(1.0, color="k", ls=":", lw=1, label="tolerance (> 1 fails)")
            x = np.asarray(table.index, float)
            ax.plot(x, table["passed"].values, "s--", ms=4, label="fraction of seeds passing")
            bad = table["errors"].to_numpy() > 0
            if bad.any():
                ax.plot(x[bad], np.zeros(bad.sum()), "rx", ms=8, label="ERROR rows")
            ax.set_title(head, fontsize=9)
            ax.legend(fontsize=8)
            save(fig, "verdict.png")
        fig = Figure(figsize=(6, 4), layout="constrained")
        ax = fig.subplots()
        _curves(ax, table, name, "predicted", f"predicted ({check.formula.id})", lw=1.2)
        x = np.asarray(table.index, float)
        ax.errorbar(x, table["observed"].values, yerr=np.nan_to_num(table["observed_se"].values), fmt="o", ms=4, label="observed (mean +- s.e. over seeds)")
        ax.set_title(head, fontsize=9)
        ax.legend(fontsize=8)
        save(fig, "predicted_observed.png")
    if check.sweep_plot is not None:
        fig = Figure(figsize=(10, 4.2), layout="constrained")
        check.sweep_plot(fig, frame, names)
        save(fig, f"{check.id}.png")
    return written
