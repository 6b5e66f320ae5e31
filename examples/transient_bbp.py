"""The transient BBP phase diagram of early-stopped gradient flow, and the outlier over training time.

Reproduces the scenario of Coeurdoux, Ferré & Bouchaud (arXiv 2604.18450) with lmech's model:

* the regimes (never / persistent / transient) over (theta, lam_minus) at alpha = 1/2,
  lam_plus = 1, sigma2 = 1, sigma2_init = 0.5, from ``numeric.transient_bbp_phase``;
* the outlier and the edge against t for one theta per regime, with the simulated top two
  eigenvalues of H(t) overlaid. The simulations are a sweep on Dask (``verify.sweep`` without
  verdict) of a check declared here through the public API, as a user would.

    python examples/transient_bbp.py [--n 600] [--grid 64] [--workers 2] [--out transient_bbp.png]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from lmech import numeric, theory, verify
from lmech.numeric import sim
from lmech.verify import Check, Choice, Real, Size, Space, decisions, scaled
from lmech.verify.checks import transient_bbp_plots as plots

LAW = {"alpha": 0.5, "lam_plus": 1.0, "lam_minus": 0.05, "sigma2": 1.0, "sigma2_init": 0.5}
MODEL = ("t", "theta", "alpha", "lam_plus", "lam_minus", "sigma2", "sigma2_init")


def simulate(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    """The top two eigenvalues of two closed-form H(t) at the point."""
    eigs, alpha = sim.transient_bbp_eigenvalues(size.n, *(point[k] for k in MODEL), rng, top=2, reps=2, backend=backend)
    return {"eigs": eigs, "args": {**{k: point[k] for k in MODEL}, "alpha": float(alpha[0])}}


def observable(obs: dict) -> tuple[dict, float]:
    """The formula's arguments and the first replicate's top eigenvalue."""
    return obs["args"], float(obs["eigs"][0, -1])


def decide(kernel, obs: dict, point: dict) -> decisions.Evidence:
    return decisions.student_t(obs["eigs"][:, -1], float(kernel(**obs["args"])))


TRAJECTORY = Check(
    theory.get("transient_bbp.outlier"),
    Space({"t": Real(0.05, 100.0, log=True), "theta": Real(0.5, 6.0), **{k: Choice(v) for k, v in LAW.items()}}),
    simulate,
    decide,
    wrong=[scaled("theta", 1.02)],
    sizes=[Size("quick", 600, 1)],
    id="example.trajectory",
    title="top eigenvalue of H(t) against the outlier formula over training time",
    observable=observable,
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=600, help="matrix dimension of the simulations")
    ap.add_argument("--grid", type=int, default=64, help="phase-diagram points per axis")
    ap.add_argument("--times", type=int, default=10, help="simulated times per theta")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default="transient_bbp.png")
    args = ap.parse_args()

    thetas = np.linspace(0.1, 4.0, args.grid)
    lam_minus = np.geomspace(0.01, 1.0, args.grid)
    fixed = {k: v for k, v in LAW.items() if k != "lam_minus"}
    t0 = time.perf_counter()
    regime, t1, t2 = numeric.transient_bbp_phase(thetas[None, :], fixed["alpha"], fixed["lam_plus"], lam_minus[:, None], fixed["sigma2"], fixed["sigma2_init"])
    took = time.perf_counter() - t0
    counts = np.bincount(regime.astype(int).ravel(), minlength=3)
    print(f"phase diagram {args.grid} x {args.grid} with both times per point: {took:.2f} s; never {counts[0]}, persistent {counts[1]}, transient {counts[2]}")

    # one theta per regime at lam_minus = 0.05
    picks = {}
    for th in np.linspace(0.2, 8.0, 80):
        r, e, a = (float(v) for v in numeric.transient_bbp_phase(th, **LAW))
        picks.setdefault(int(r), (th, e, a))
    for r, (th, e, a) in sorted(picks.items()):
        print(f"  {plots.REGIMES[r]:>10}: theta = {th:.3g}, emergence t = {e:.4g}, absorption t = {a:.4g}")

    times = list(np.geomspace(0.1, 100.0, args.times))
    chosen = [picks[r][0] for r in sorted(picks)]
    frame = verify.sweep(TRAJECTORY, {"theta": chosen, "t": times}, n=args.n, workers=args.workers, verdict=False)
    statuses = frame["status"].value_counts().to_dict()
    print(f"sweep: {len(frame)} simulations of H(t) at N = {args.n} on {frame['worker'].nunique()} workers, statuses {statuses}")

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    curve = np.geomspace(0.05, 200.0, 200)
    for colour, (r, th) in zip(("C7", "C0", "C1"), zip(sorted(picks), chosen)):
        rows = frame[frame["theta"] == th]
        simulated = {"t": rows["t"].to_numpy(), "top": rows["observed"].to_numpy(), "second": None}
        plots.time_resolved(left, {**LAW, "theta": th}, curve, None, colour=colour, label=f"{plots.REGIMES[r]} theta={th:.2g}")
        left.plot(simulated["t"], simulated["top"], "o", ms=3, color=colour)
    left.legend(fontsize=7)
    left.set_title(f"outlier (solid), edge (dashed), simulated top eigenvalue (dots, N = {args.n})", fontsize=8)
    plots.phase_diagram(right, {k: v for k, v in LAW.items()}, thetas, lam_minus)
    right.axhline(LAW["lam_minus"], color="k", lw=0.6, ls=":")
    fig.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
