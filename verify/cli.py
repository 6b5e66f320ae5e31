"""The ``lmech`` command line.

Errors print one line to stderr and exit with status 2. User text is never evaluated:
``eval`` parses numbers and ranges with ``float``/``complex``/``int`` only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

EXIT_USAGE = 2


class UsageError(Exception):
    """A user mistake: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors: one line, status 2
        raise UsageError(message)


def _console():
    from rich.console import Console

    return Console()


# ------------------------------------------------------------------------------ commands
def cmd_list(args) -> int:
    from rich.table import Table

    from lmech import theory

    formulas = theory.family(args.family) if args.family else [theory.get(i) for i in theory.ids()]
    table = Table(title="lmech formulas")
    for col in ("id", "parameters", "kind", "description"):
        table.add_column(col, no_wrap=col == "id")
    for f in formulas:
        kind = (
            "self-consistent"
            if isinstance(f, theory.SelfConsistentFormula)
            else "recursion"
            if isinstance(f, theory.RecursionFormula)
            else "numeric"
            if f.numeric
            else ("implicit" if f.implicit else "closed form")
        )
        table.add_row(f.id, ", ".join(f.param_names), kind, f.description)
    _console().print(table)
    return 0


def cmd_show(args) -> int:
    import sympy as sp

    from lmech import theory

    f = theory.get(args.id)
    c = _console()
    c.print(f"[bold]{f.signature()}[/bold]  {f.description}")
    c.print(sp.pretty(f.expr, use_unicode=True), highlight=False)
    c.print(f"[bold]domain[/bold]: {f.domain_text()}")
    c.print(f"[bold]reference[/bold]: {f.reference}")
    if f.derivation is None:
        status = "none (numeric or implicit definition)"
    else:
        try:
            f.derive()
            status = "derive() runs; tests compare it with the closed form to 30 digits"
        except Exception as exc:  # a failed derivation is information, not a crash
            status = f"derive() failed: {exc}"
    c.print(f"[bold]derivation[/bold]: {status}")
    if f.accuracy.note:
        c.print(f"[bold]accuracy[/bold]: {f.accuracy.note}")
    return 0


def cmd_export(args) -> int:
    from lmech import theory

    f = theory.get(args.id)
    if args.to == "latex":
        out = theory.latex(f)
    elif args.to == "python":
        out = theory.python(f, args.module)
    elif args.to == "c":
        out = theory.c(f, args.dtype)
    elif args.to == "cuda":
        from lmech import numeric

        out = numeric.cuda_source(f, args.dtype)
    else:
        out = theory.json(f)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def parse_assignment(text: str, integer: bool, complex_ok: bool):
    """``name=value`` or ``name=start:stop:num`` -> (name, array). Numbers only, never eval."""
    if "=" not in text:
        raise UsageError(f"expected name=value or name=start:stop:num, got {text!r}")
    name, _, rhs = text.partition("=")
    name = name.strip()
    conv = complex if complex_ok else float

    def num(s: str):
        s = s.strip()
        try:
            v = conv(s)
        except ValueError:
            raise UsageError(f"{name}: {s!r} is not a number") from None
        return v

    parts = rhs.split(":")
    if len(parts) == 1:
        values = np.array([num(parts[0])])
    elif len(parts) == 3:
        start, stop = num(parts[0]), num(parts[1])
        try:
            count = int(parts[2])
        except ValueError:
            raise UsageError(f"{name}: the point count {parts[2]!r} is not an integer") from None
        if count < 1:
            raise UsageError(f"{name}: the point count must be >= 1, got {count}")
        values = np.linspace(start, stop, count)
    else:
        raise UsageError(f"{name}: malformed range {rhs!r}; use start:stop:num")
    if integer:
        if np.any(np.real(values) != np.round(np.real(values))):
            raise UsageError(f"{name} must be an integer, got {rhs!r}")
        values = np.round(np.real(values)).astype(np.int64)
    return name, values


def parse_grid(text: str) -> tuple[str, list]:
    """``name=v1,v2,...`` or ``name=start:stop:num`` -> (name, values). Numbers only, never eval."""
    name, _, rhs = text.partition("=")
    if "," in rhs:
        values = [parse_assignment(f"{name}={v}", False, False)[1][0] for v in rhs.split(",")]
        return name.strip(), [float(v) for v in values]
    name, values = parse_assignment(text, False, False)
    return name, [float(v) for v in values]


def cmd_sweep(args) -> int:
    import lmech
    from lmech import verify
    from lmech.verify._sweep import DASK_HINT, local_cluster

    if args.check not in verify.check_ids():
        raise UsageError(f"unknown check {args.check!r}; `lmech checks` lists them")
    if not args.grid:
        raise UsageError("give at least one --grid name=start:stop:num (or name=v1,v2,...)")
    grid: dict[str, list] = {}
    for text in args.grid:
        name, values = parse_grid(text)
        if name in grid:
            raise UsageError(f"--grid {name} is given twice")
        grid[name] = values
    points = verify.grid_points(verify.get_check(args.check), grid)  # a bad name fails before any cluster starts
    if args.seeds < 1:
        raise UsageError(f"--seeds must be >= 1, got {args.seeds}")
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be >= 1, got {args.workers}")
    if args.resume and not args.out:
        raise UsageError("--resume needs --out, the directory of the interrupted sweep's parts")
    if args.out and not args.resume and any(Path(args.out).glob("part-*.parquet")):
        raise UsageError(f"{args.out} already holds parts: add --resume to continue that sweep, or choose another --out")
    swept = [name for name, values in grid.items() if len(set(values)) > 1]
    if args.plot and len(swept) > 2:
        raise UsageError(f"--plot draws one or two swept parameters, got {len(swept)} ({', '.join(swept)}): give the others one value")
    if not args.scheduler:
        _require_gpu(args.backend)  # a local GPU cluster needs CuPy and a device; a remote one, its workers
    try:
        import distributed
    except ImportError:
        raise UsageError(f"lmech sweep runs on dask.distributed: {DASK_HINT}") from None
    console = _console()
    if args.scheduler:
        try:
            client = distributed.Client(args.scheduler, timeout=args.timeout)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the dask scheduler at {args.scheduler}: {exc}") from None
        versions = client.run(lambda: __import__("lmech").__version__)
        other = {w: v for w, v in versions.items() if v != lmech.__version__}
        if other:
            client.close()
            raise UsageError(f"workers run another lmech version than this client's {lmech.__version__}: {other}")
        console.print(f"dask scheduler {args.scheduler}: {len(versions)} workers, lmech {lmech.__version__}")
        cluster = None
    else:
        cluster = local_cluster(distributed, args.workers, backend=args.backend)
        client = distributed.Client(cluster)
        console.print(f"local dask cluster ({type(cluster).__name__}): {len(cluster.workers)} workers; dashboard {client.dashboard_link}")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    total = len(points) * args.seeds
    seen = {"ERROR": 0, "FAIL": 0}
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn())
    try:
        t0 = time.perf_counter()
        with Progress(*columns, console=console, transient=False) as bar:
            task = bar.add_task(args.check, total=total)

            def advance(row: dict) -> None:
                if row["status"] in seen:
                    seen[row["status"]] += 1
                fails = "" if args.no_verdict else f"FAIL {seen['FAIL']}, "
                bar.update(task, advance=1, description=f"{args.check} ({fails}ERROR {seen['ERROR']})")

            frame = verify.sweep(
                args.check,
                grid,
                seeds=args.seeds,
                n=args.n,
                size=args.size,
                backend=args.backend,
                client=client,
                out=args.out,
                resume=args.resume,
                progress=advance,
                verdict=not args.no_verdict,
            )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    counts = frame["status"].value_counts().to_dict()
    console.print(
        f"{args.check}: {len(frame)} tasks ({frame.attrs['computed']} computed, {frame.attrs['reused']} reused) in {time.perf_counter() - t0:.1f} s: "
        + ", ".join(f"{k} {counts.get(k, 0)}" for k in (("DONE",) if args.no_verdict else ("PASS", "FAIL")) + ("ERROR",))
        + (f"; parts in {args.out}" if args.out else "")
    )
    if args.plot:
        for path in verify.plot_sweep(frame, args.plot, check=args.check, grid=list(grid)):
            console.print(f"wrote {path}")
    for _, row in frame[frame["status"] == "ERROR"].head(5).iterrows():
        console.print(f"ERROR at index {row['index']} seed {row['seed']}: {row['error']}", markup=False)
    return 1 if counts.get("ERROR", 0) else 0


def cmd_eval(args) -> int:
    from lmech import numeric, theory

    f = theory.get(args.id)
    given, arrays = {}, {}
    for text in args.assignments:
        name, _, _ = text.partition("=")
        try:
            p = f.param(name.strip())
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
        name = name.strip()
        if name in given or name in arrays:
            raise UsageError(f"{name} is given twice")
        decl = f.array(name) if isinstance(f, theory.SelfConsistentFormula) else None
        if decl is not None:
            arrays[name] = parse_array(text, decl.rank)
            continue
        name, values = parse_assignment(text, bool(p.is_integer), f.complex_valued and not p.is_real)
        given[name] = values
    missing = [n for n in f.param_names if n not in given and n not in arrays]
    if missing:
        usage = " ".join(f"{n}={'1,2' if n in _array_names(f) else '...'}" for n in f.param_names)
        raise UsageError(f"{f.id} needs {', '.join(missing)}; usage: lmech eval {f.id} {usage}")
    # several ranges span an outer-product grid in parameter order; arrays (atoms=1,3) stay whole
    names = [n for n in f.param_names if n in given]
    grids = np.meshgrid(*(given[n] for n in names), indexing="ij")
    kern = numeric.compile(f, args.backend)
    values = numeric.to_host(kern(**dict(zip(names, grids)), **arrays))
    if args.backend == "mpmath":
        values = values.astype(complex if f.complex_valued else float)
    columns = {n: g.ravel() for n, g in zip(names, grids)}
    columns[f.name] = np.asarray(values).ravel()
    if args.out:
        out = Path(args.out)
        if out.suffix == ".npz":
            np.savez(out, **columns)
        elif out.suffix == ".csv":
            arr = np.column_stack([np.asarray(v).astype(str) for v in columns.values()])
            np.savetxt(out, arr, fmt="%s", delimiter=",", header=",".join(columns), comments="")
        else:
            raise UsageError(f"--out must end in .npz or .csv, got {out.name!r}")
        _console().print(f"wrote {values.size} values to {out}")
        return 0
    from rich.table import Table

    table = Table(title=f.signature())
    for col in columns:
        table.add_column(col, justify="right")
    size = len(columns[f.name])
    for i in range(min(size, args.max_rows)):
        table.add_row(*(f"{columns[c][i]:.17g}" if not isinstance(columns[c][i], complex) else str(columns[c][i]) for c in columns))
    _console().print(table)
    if size > args.max_rows:
        _console().print(f"... {size - args.max_rows} more rows (use --out FILE)")
    return 0


def cmd_check(args) -> int:
    from rich.table import Table

    from lmech import verify
    from lmech.verify.report import write_report

    try:
        ids = verify.resolve(args.targets)
        for cid in ids:
            verify.get_check(cid).size(args.size, args.backend)
    except (KeyError, ValueError) as exc:
        raise UsageError(exc.args[0]) from None
    _require_gpu(args.backend)
    console = _console()
    results = []
    t0 = time.perf_counter()
    console.print(f"lmech check: {len(ids)} checks ({args.size}, {args.backend}, seed {args.seed}), family-wise alpha {verify.FAMILY_ALPHA:g} per check")
    for cid in ids:
        with console.status(f"{cid} ..."):
            r = verify.run(cid, seed=args.seed, backend=args.backend, size=args.size, catch=True)
        results.append(r)
        colour = {"PASS": "green", "FAIL": "red", "ERROR": "magenta"}[r.status]
        console.print(f"[{colour}]{r.status:5}[/{colour}] {cid} ({r.wall:.1f} s): {r.headline()}", highlight=False, soft_wrap=True)
        if args.fail_fast and r.status != "PASS":
            break
    table = Table(title=f"lmech check ({args.size}, {args.backend}, seed {args.seed})")
    for col in ("check", "result", "evidence", "worst", "wrong rejected", "n", "draws", "time (s)"):
        table.add_column(col, justify="left" if col in ("check", "result", "evidence", "worst") else "right", no_wrap=col == "check")
    for r in results:
        table.add_row(r.check_id, r.status, *_row(r), str(r.n), str(len(r.draws)), f"{r.wall:.2f}")
    console.print(table)
    if args.report:
        path = write_report(results, args.report)
        console.print(f"report: {path}")
    passed = sum(r.ok for r in results)
    console.print(f"{passed}/{len(results)} checks passed in {time.perf_counter() - t0:.1f} s")
    return 0 if passed == len(results) == len(ids) else 1


def _row(r) -> tuple[str, str, str]:
    """(evidence kind, worst evidence, wrong formulas rejected) for the result table."""
    if r.error is not None:
        return "-", r.error, "-"
    e, adj = r.verdicts[0].worst()
    if e.kind == "bound":
        worst = f"{e.statistic:.3g} {'<=' if e.holds else '>'} {e.bound:.3g}"
    else:
        worst = f"p={e.pvalue:.2g} (Holm {adj:.2g})"
    return e.kind if e.kind == "bound" else f"{r.verdicts[0].tests} p-values", worst, f"{sum(not v.ok for v in r.wrong)}/{len(r.wrong)}"


def _array_names(f) -> set[str]:
    return {a.name for a in getattr(f, "arrays", ())}


def parse_array(text: str, rank: int) -> np.ndarray:
    """``atoms=1,3,8`` (a vector) or ``S=1,0.3;0.3,2`` (a matrix, rows split by ';'); no expression is evaluated."""
    name, _, rhs = text.partition("=")
    rows = [r for r in rhs.split(";")]
    try:
        table = [[float(v) for v in r.split(",")] for r in rows]
    except ValueError:
        raise UsageError(f"{name.strip()}={rhs!r} is not a comma-separated list of numbers") from None
    if rank == 1:
        if len(table) != 1:
            raise UsageError(f"{name.strip()} is a vector: give it as {name.strip()}=1,2,3")
        return np.array(table[0])
    if len({len(r) for r in table}) != 1:
        raise UsageError(f"{name.strip()}={rhs!r}: every row of a matrix needs the same length (rows split by ';')")
    return np.array(table)


def cmd_checks(args) -> int:
    from rich.table import Table

    from lmech import verify

    table = Table(title="lmech checks")
    for col in ("check", "formula", "sizes", "wrong formulas", "title"):
        table.add_column(col, no_wrap=col == "check")
    try:
        ids = verify.resolve(args.targets)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None
    for cid in ids:
        c = verify.get_check(cid)
        sizes = ", ".join(f"{s.name}{'/' + s.backend if s.backend else ''}: n={s.n} x {s.draws}" for s in c.sizes)
        table.add_row(cid, c.formula.id, sizes, ", ".join(f.id.split("~", 1)[1] for f in c.wrong_formulas()), c.title)
    _console().print(table)
    return 0


def _require_gpu(backend: str) -> None:
    """Fail fast, in one line, when a GPU backend is asked for without CuPy or a device."""
    if backend in ("gpu", "cupy"):
        from lmech import numeric

        numeric.gpu_device()


def cmd_bench(args) -> int:
    import sympy as sp
    from rich.table import Table

    from lmech import numeric, theory

    backend = {"cpu": "numba", "gpu": "cupy"}.get(args.backend, args.backend)
    _require_gpu(backend)
    gpu = backend == "cupy"
    ids = args.ids or ["mp.density", "mp.cdf", "wigner.density"]
    baseline = "lambdify-cupy" if gpu else "lambdify-numpy"
    table = Table(title=f"lmech bench: {args.points:.0e} points, median of {args.repeat}")
    for col in ("formula", f"{baseline} (s)", f"lmech {backend} (s)", "speed-up"):
        table.add_column(col, justify="right")
    rng = np.random.default_rng(0)
    skipped = []
    for fid in ids:
        try:
            f = theory.get(fid)
        except KeyError as exc:
            raise UsageError(exc.args[0]) from None
        if f.numeric or f.complex_valued or f.expr.has(sp.Sum):
            skipped.append(fid)  # one implementation only, or a numpy baseline that loops in Python per element
            continue
        point = _bench_points(f, int(args.points), rng)
        kernels = {baseline: _baseline(f, gpu), backend: numeric.compile(f, backend)}
        if gpu:
            point = {k: numeric.gpu_device().asarray(v) for k, v in point.items()}  # time the kernels, not the transfers
        times = {}
        for name, k in kernels.items():
            call = (lambda k=k, pt=point: k(**pt, check=False)) if hasattr(k, "formula") else (lambda k=k, pt=point: k(**pt))
            times[name] = _median_time(call, args.repeat, gpu)
        table.add_row(fid, f"{times[baseline]:.4f}", f"{times[backend]:.4f}", f"{times[baseline] / times[backend]:.1f}x")
    _console().print(table)
    if skipped:
        _console().print(f"not benchmarked (numeric, complex-valued, or a finite sum whose numpy baseline is a Python loop): {', '.join(skipped)}")
    return 0


def _baseline(f, gpu: bool):
    """What users have today: ``sympy.lambdify`` onto numpy, or onto CuPy for the GPU."""
    from lmech import numeric

    if not gpu:
        return numeric.compile(f, "numpy")
    import sympy as sp

    fn = sp.lambdify(f.params, f.expr if f.printed is None else f.printed, "cupy")
    return lambda **kw: fn(*(kw[n] for n in f.param_names))


def _median_time(call, repeat: int, gpu: bool) -> float:
    from lmech import numeric

    sync = numeric.gpu_device().cuda.Device().synchronize if gpu else (lambda: None)
    call()  # compile / warm up
    sync()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        sync()
        runs.append(time.perf_counter() - t)
    return float(np.median(runs))


def _bench_points(f, size: int, rng: np.random.Generator) -> dict:
    """``size`` random points inside the formula's domain and ``where`` relations (one array per parameter)."""
    import sympy as sp

    from lmech import theory
    from lmech.numeric import DomainChecker

    def draw(dom, n):
        if isinstance(dom, sp.FiniteSet):
            return rng.choice([float(v) for v in dom], n)
        if isinstance(dom, sp.Range):
            return rng.integers(int(dom.inf), int(dom.inf) + 8, n).astype(float)
        if dom.is_subset(sp.S.Complexes) and not dom.is_subset(sp.S.Reals):  # Stieltjes transforms: the upper half-plane
            return rng.uniform(-1.0, 6.0, n) + 1j * rng.uniform(0.05, 2.0, n)
        lo = float(dom.inf) if dom.inf.is_finite else -1.0
        hi = float(dom.sup) if dom.sup.is_finite else max(lo, 0.0) + 6.0
        return rng.uniform(lo, hi, n)

    arrays = {}
    if isinstance(f, theory.SelfConsistentFormula):
        # one example of each array parameter: a two-atom spectrum, a two-block profile
        for a in f.arrays:
            arrays[a.name] = np.array([[1.0, 0.3], [0.3, 2.0]]) if a.rank == 2 else np.array([0.4, 0.6]) if a.simplex else np.array([1.0, 3.0])
        scalars = [p for p in f.params if p.name not in arrays]
        out = {p.name: draw(f.domain[p], size) if p.name != "j" else rng.integers(0, 2, size).astype(float) for p in scalars}
        return out | arrays
    values = {p.name: draw(f.domain[p], max(2 * size, 256)) for p in f.params}
    keep = DomainChecker(f).inside(values)  # drop draws on an open end or across a `where` relation
    idx = np.flatnonzero(keep)[:size]
    return {k: v[idx] for k, v in values.items()}


# --------------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="lmech", description="Derive, export, compile and simulation-test deep-learning theory formulas.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    s = sub.add_parser("list", help="catalogue of formulas")
    s.add_argument("--family")
    s.set_defaults(func=cmd_list)
    s = sub.add_parser("show", help="formula, domain, reference and derivation status")
    s.add_argument("id")
    s.set_defaults(func=cmd_show)
    s = sub.add_parser("export", help="print the formula as latex, python, c, cuda or json")
    s.add_argument("id")
    s.add_argument("--to", choices=["latex", "python", "c", "cuda", "json"], required=True)
    s.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    s.add_argument("--module", choices=["numpy", "math", "mpmath"], default="numpy", help="for --to python")
    s.set_defaults(func=cmd_export)
    s = sub.add_parser("eval", help="evaluate on values and ranges: name=value or name=start:stop:num")
    s.add_argument("id")
    s.add_argument("assignments", nargs="*")
    s.add_argument("--backend", choices=["numba", "numpy", "mpmath", "cupy"], default="numba")
    s.add_argument("--out", help="write .npz or .csv instead of printing")
    s.add_argument("--max-rows", type=int, default=50)
    s.set_defaults(func=cmd_eval)
    s = sub.add_parser("check", help="run theory-vs-simulation checks (all by default)")
    s.add_argument("targets", nargs="*", metavar="ID|FAMILY")
    s.add_argument("--size", choices=["quick", "full"], default="quick")
    s.add_argument("--backend", choices=["cpu", "gpu"], default="cpu")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--report", default="lmech-report", help="report directory ('' to skip)")
    s.add_argument("--fail-fast", action="store_true", help="stop at the first check that does not pass")
    s.set_defaults(func=cmd_check)
    s = sub.add_parser("sweep", help="map a check over a parameter grid and seeds on dask.distributed")
    s.add_argument("check")
    s.add_argument("--grid", action="append", default=[], metavar="NAME=START:STOP:NUM|NAME=V1,V2", help="one per parameter")
    s.add_argument("--n", type=int, help="the size's dimension")
    s.add_argument("--seeds", type=int, default=1)
    s.add_argument("--size", choices=["quick", "full"], default="quick")
    s.add_argument("--backend", choices=["cpu", "gpu"], default="cpu")
    s.add_argument("--workers", type=int, help="local worker processes (default: one per core)")
    s.add_argument("--scheduler", help="a running dask scheduler, tcp://HOST:PORT")
    s.add_argument("--timeout", type=float, default=10.0, help="seconds to reach the scheduler")
    s.add_argument("--out", help="directory of Parquet parts, one per finished task")
    s.add_argument("--resume", action="store_true", help="reuse the whole parts already in --out; compute the rest")
    s.add_argument("--plot", metavar="DIR", help="write heatmaps (2-D grid) or curves (1-D) as PNG files into DIR")
    s.add_argument("--no-verdict", action="store_true", help="the formula next to the simulated observable, with no decision")
    s.set_defaults(func=cmd_sweep)
    s = sub.add_parser("checks", help="list the checks (ids, formulas, sizes, wrong formulas)")
    s.add_argument("targets", nargs="*", metavar="ID|FAMILY")
    s.set_defaults(func=cmd_checks)
    s = sub.add_parser("bench", help="compiled kernels against the lambdify-numpy baseline")
    s.add_argument("ids", nargs="*")
    s.add_argument("--backend", choices=["cpu", "gpu", "numba", "cupy"], default="cpu", help="cpu = numba, gpu = cupy")
    s.add_argument("--points", type=float, default=1e7)
    s.add_argument("--repeat", type=int, default=5)
    s.set_defaults(func=cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except UsageError as exc:
        print(f"lmech: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (KeyError, ValueError, RuntimeError) as exc:
        msg = exc.args[0] if exc.args else type(exc).__name__
        print(f"lmech: error: {msg}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("lmech: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
