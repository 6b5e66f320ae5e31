"""Reports: report.json, report.md and one PNG per check (theory curve over simulation)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .checks import Result

__all__ = ["plot", "write_report"]


def plot(result: Result, path: Path) -> Path:
    """Draw the worst example of ``result``: theory over the simulated ECDF, histogram,
    moments or edge statistic, with the tolerance marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ex = max(result.examples, key=lambda e: e.statistic / e.tolerance)
    data = ex.plot
    fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=110)
    kind = data.get("kind")
    if kind == "cdf":
        ax.plot(data["x"], data["empirical"], ".", ms=3, label="simulation (Sturm ECDF)")
        ax.plot(data["x"], data["theory"], "-", lw=1.2, label=f"{result.formula_id}")
        ax.set_xlabel("x")
        ax.set_ylabel("F(x)")
        inset = ax.inset_axes([0.58, 0.12, 0.38, 0.32])
        inset.plot(data["x"], data["empirical"] - data["theory"], lw=0.8)
        inset.axhline(ex.tolerance, color="r", lw=0.7)
        inset.axhline(-ex.tolerance, color="r", lw=0.7)
        inset.set_title("ECDF - F (red: tolerance)", fontsize=7)
        inset.tick_params(labelsize=6)
    elif kind == "density":
        # simulated histogram from the ECDF on the grid: (F_N(x_{j+1}) - F_N(x_j)) / dx
        grid, emp = data["x"], data["empirical"]
        ax.stairs(np.diff(emp) / np.diff(grid), grid, fill=True, alpha=0.4, label="simulation (ECDF increments)")
        ax.plot(data["x_fine"], data["density"], "-", lw=1.2, label=f"{result.formula_id}")
        ax.set_xlim(grid[0] - 0.05 * np.ptp(grid), grid[-1] + 0.05 * np.ptp(grid))
        ax.set_xlabel("x")
        ax.set_ylabel("density")
    elif kind == "moments":
        ax.errorbar(data["k"], data["mean"] / data["theory"], yerr=data["se"] / data["theory"], fmt="o", label="simulation / theory (± s.e.)")
        ax.axhline(1.0, color="k", lw=0.8)
        ax.set_xlabel("k")
        ax.set_ylabel("moment ratio")
    elif kind == "phase":
        _phase(ax, result, data)
    elif kind == "tw":
        _tw_histogram(ax, result, data)
    elif kind == "pacbayes":
        _pacbayes_curves(ax, result, data)
    elif kind == "deeplinear":
        _learning_curves(ax, result, data)
    elif kind == "edge":
        for e in result.examples:
            ax.plot(e.plot["z"], 0, "o", label=f"beta={e.plot['beta']:g}, gamma={e.params.get('gamma', 0):.3g}")
        lo, hi = data["band"]
        ax.axvspan(lo, hi, color="g", alpha=0.15, label="TW acceptance band")
        ax.set_xlabel("(lambda - edge) / sigma_TW")
        ax.set_yticks([])
    ax.set_title(f"{result.check_id}: {'PASS' if result.ok else 'FAIL'}", fontsize=10)
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def _phase(ax, result: Result, data: dict) -> None:
    """Phase diagram: simulated top eigenvalue against the formula over theta, one row per gamma,
    with the threshold theta_c = sqrt(gamma) marked: the outlier separates from the edge there."""
    import numeric

    kern = numeric.compile(data["formula"], "numba")
    for e in result.examples:
        sw = e.plot["sweep"]
        th = np.linspace(0.0, sw["theta"].max() * 1.05, 300)[1:]
        (line,) = ax.plot(th, kern(th, sw["gamma"]), "-", lw=1.1, label=f"gamma={sw['gamma']:.3g}")
        ax.plot(sw["theta"], sw["lambda"], "o", ms=3, color=line.get_color())
        ax.axvline(np.sqrt(sw["gamma"]), color=line.get_color(), ls=":", lw=0.8)
        ax.plot(e.plot["theta"], e.plot["lambda"], "*", ms=9, color=line.get_color())
    ax.set_xlabel("theta (dotted: threshold sqrt(gamma); *: the judged draw at full n)")
    ax.set_ylabel("top eigenvalue")


def _tw_histogram(ax, result: Result, data: dict) -> None:
    """Histogram of the standardised edge draws against the TW density (a central difference of F)."""
    import numeric

    z, b = data["z"], data["beta"]
    ax.hist(z, bins=40, density=True, alpha=0.45, label=f"simulation ({z.size} replicates)")
    x = np.linspace(min(z.min(), -6), max(z.max(), 4), 400)
    cdf = numeric.compile(data["formula"], "numba")
    h = 1e-3
    dens = (cdf(x + h, np.full(x.size, b)) - cdf(x - h, np.full(x.size, b))) / (2 * h)
    ax.plot(x, dens, "-", lw=1.2, label=f"dF/dx of {result.formula_id}, beta={b:g}")
    ax.set_xlabel("standardised top eigenvalue")
    ax.set_ylabel("density")


def _pacbayes_curves(ax, result: Result, data: dict) -> None:
    """Mean bound against mean true risk over n, one curve per bound (Gibbs posterior, thresholds)."""
    n, curves = data["n"], data["curves"]
    ax.plot(n, curves["true"], "k-", lw=2.0, label="true risk L(Q) (exact)")
    ax.plot(n, curves["emp"], "k:", lw=1.2, label="empirical risk")
    for name in ("mcallester", "kl_bound", "quadratic", "catoni", "gibbs_bound"):
        ax.plot(n, curves[name], "-", lw=1.0, marker="o", ms=3, label=f"pacbayes.{name}")
    if "~" in data["formula"]:  # a deliberately wrong formula: show where it sits
        ax.plot(n, curves["judged"], "r--", lw=1.2, label=data["formula"])
    ax.set_xscale("log")
    ax.set_xlabel("n (Gibbs posterior over thresholds; mean over 200 datasets)")
    ax.set_ylabel("risk")
    ex = max(result.examples, key=lambda e: e.statistic / e.tolerance)
    rates = ", ".join(f"{k}: {v:.3g}" for k, v in ex.params["violation_rate"].items())
    ax.text(0.98, 0.6, f"violation rates (delta={ex.params['delta']:g}): {rates}", transform=ax.transAxes, ha="right", va="top", fontsize=6)


def _learning_curves(ax, result: Result, data: dict) -> None:
    """Simulated mode strengths u_a(t) (gradient descent, solid) against the formula (dashed)."""
    for a, s_a in enumerate(data["s"]):
        (line,) = ax.plot(data["times"], data["sim"][:, a], "-", lw=1.4, label=f"simulated mode s={s_a:.3g}")
        if data.get("theory") is not None:
            ax.plot(data["times"], data["theory"][:, a], "--", lw=1.0, color=line.get_color())
        if "half" in data:
            ax.axvline(data["half"][a], color=line.get_color(), lw=0.6)
            ax.axvline(data["half_pred"][a], color=line.get_color(), lw=0.6, ls=":")
    ax.set_xlabel("t = steps x eta (tau = 1)")
    ax.set_ylabel("u_a(t) = u_a^T W(t) v_a")
    note = "dashed: " + data["formula"] if data.get("theory") is not None else "lines: half-learning time simulated (solid) / learning_time (dotted)"
    ax.text(0.98, 0.03, note, transform=ax.transAxes, ha="right", va="bottom", fontsize=7)


def write_report(results: list[Result], directory: str | Path) -> Path:
    """Write ``report.json``, ``report.md`` and one PNG per check into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rows = []
    for r in results:
        png = plot(r, directory / f"{r.check_id.replace('.', '_')}.png")
        rows.append((r, png.name))
    (directory / "report.json").write_text(json.dumps([r.to_json() for r, _ in rows], indent=2, default=_jsonable))
    lines = ["# lmech check report", "", "| check | verdict | statistic | tolerance | n | seed | wall (s) |", "|---|---|---|---|---|---|---|"]
    for r, _ in rows:
        lines.append(f"| {r.check_id} | {'PASS' if r.ok else 'FAIL'} | {r.statistic:.3g} | {r.tolerance:.3g} | {r.n} | {r.seed} | {r.wall:.2f} |")
    lines.append("")
    for r, png in rows:
        lines += [f"## {r.check_id}", "", r.verdict, "", f"![{r.check_id}]({png})", ""]
    path = directory / "report.md"
    path.write_text("\n".join(lines))
    return path


def _jsonable(o):
    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)
