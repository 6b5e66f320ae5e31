"""Reports: report.json (every statistic and p-value), report.md and one PNG per check.

Each check draws its own figure through its ``plot`` hook on a ``matplotlib.figure.Figure``
(no pyplot, so a notebook's backend is left alone); a check without a hook gets the
evidence plot: every test's Holm-adjusted p-value, or statistic over bound, per formula.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ._check import Check, get_check
from ._run import Result

__all__ = ["evidence_plot", "plot", "write_report"]


def evidence_plot(fig, result: Result, check: Check | None = None) -> None:
    """-log10 of each Holm-adjusted p-value (or 10 x statistic/bound for bounds), true and wrong formulas."""
    ax = fig.subplots()
    for j, v in enumerate(result.verdicts):
        ys = []
        for row, arow in zip(v.evidence, v.adjusted):
            for e, a in zip(row, arow):
                ys.append(-np.log10(max(a, 1e-300)) if a is not None else (e.statistic / e.bound if e.bound else np.inf))
        ax.plot(np.full(len(ys), j) + np.linspace(-0.2, 0.2, len(ys)), ys, "o", ms=4, label=("true: " if j == 0 else "wrong: ") + v.formula_id)
    if result.verdicts and any(e.kind == "p-value" for row in result.verdicts[0].evidence for e in row):
        ax.axhline(-np.log10(result.alpha), color="r", lw=0.8, label=f"alpha = {result.alpha:g}")
    else:
        ax.axhline(1.0, color="r", lw=0.8, label="bound")
    ax.set_yscale("symlog")
    ax.set_xticks(range(len(result.verdicts)))
    ax.set_xticklabels(["true"] + ["wrong"] * (len(result.verdicts) - 1))
    ax.set_ylabel("-log10 Holm-adjusted p  (bounds: statistic / bound)")
    ax.legend(fontsize=6)


def plot(result: Result, path: str | Path, check: Check | None = None) -> Path:
    """Draw ``result`` with its check's plot hook (or the evidence plot) into the PNG ``path``."""
    from matplotlib.figure import Figure

    path = Path(path)
    fig = Figure(figsize=(6.4, 4.2), dpi=110)
    if result.error is not None:
        fig.text(0.05, 0.5, f"{result.check_id}: ERROR\n{result.error}", fontsize=8, wrap=True)
    else:
        hook = check.plot if check is not None and check.plot is not None else evidence_plot
        hook(fig, result, check)
        fig.axes[0].set_title(f"{result.check_id}: {result.status}", fontsize=10)
        fig.tight_layout()
    fig.savefig(path)
    return path


def write_report(results: Sequence[Result], directory: str | Path, checks: Mapping[str, Check] | None = None) -> Path:
    """Write ``report.json``, ``report.md`` and one PNG per check into ``directory``.

    ``checks`` maps ids to ``Check`` objects for checks that are not registered (a user's own);
    registered ones are found by id.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rows = []
    for r in results:
        check = (checks or {}).get(r.check_id)
        if check is None:
            try:
                check = get_check(r.check_id)
            except KeyError:
                check = None
        png = plot(r, directory / f"{r.check_id.replace('.', '_')}.png", check)
        rows.append((r, png.name))
    (directory / "report.json").write_text(json.dumps([r.to_json() for r, _ in rows], indent=2, default=_jsonable))
    lines = [
        "# lmech check report",
        "",
        f"Family-wise false-alarm rate per check: {results[0].alpha:g} (Holm over every p-value of the check)." if results else "",
        "",
        "| check | status | worst evidence | wrong formulas rejected | n | draws | seed | wall (s) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r, _ in rows:
        worst = r.error if r.error is not None else r.verdicts[0].summary()
        rej = "-" if r.error is not None else f"{sum(not v.ok for v in r.wrong)}/{len(r.wrong)}"
        lines.append(f"| {r.check_id} | {r.status} | {worst} | {rej} | {r.n} | {len(r.draws)} | {r.seed} | {r.wall:.2f} |")
    lines.append("")
    for r, png in rows:
        lines += [f"## {r.check_id}", "", r.headline(), ""]
        if r.error is not None:
            lines += ["```", (r.traceback or "").rstrip(), "```", ""]
        else:
            lines += ["| formula | draw | test | label | statistic | p-value | Holm-adjusted | bound |", "|---|---|---|---|---|---|---|---|"]
            for v in r.verdicts:
                for i, (row, arow) in enumerate(zip(v.evidence, v.adjusted)):
                    for e, a in zip(row, arow):
                        p, adj, bound = (f"{w:.3g}" if w is not None else "" for w in (e.pvalue, a, e.bound))
                        lines.append(f"| {v.formula_id} | {i} | {e.test} | {e.label} | {e.statistic:.4g} | {p} | {adj} | {bound} |")
            derivations = {e.derivation for v in r.verdicts for row in v.evidence for e in row if e.derivation}
            lines += [""] + [f"Bound: {d}" for d in sorted(derivations)] + [""]
        lines += [f"![{r.check_id}]({png})", ""]
    path = directory / "report.md"
    path.write_text("\n".join(lines))
    return path


def _jsonable(o):
    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)
