"""Transient-BBP checks, declared through the public API only.

``transient_bbp.edge``: the ESD of H(t) (closed-form weights, a spike below the emergence
threshold, so no outlier at any time) against the two-block ``dyson`` law at the profile S(t)
(Kolmogorov, log N / N bound), and its largest eigenvalue against ``transient_bbp.edge`` on the
Tracy-Widom scale of the law's square-root edge.

``transient_bbp.outlier``: the top eigenvalue over replicates against ``transient_bbp.outlier``,
Student t on the replicate mean. Each draw places theta so that the predicted outlier sits a
drawn fraction kappa in [0.3, 0.8] above the edge at the drawn t, far outside the BBP window
(the Tracy-Widom scale is ~1% of the edge at N = 1200), where the outlier's fluctuations are
Gaussian at O(N^{-1/2}); the regime of the placed theta (persistent or transient) is recorded.
The block weights of v are fixed exactly (``sim.transient_bbp_eigenvalues``), so the
replicates' spread is the matrix noise alone. The bias of the finite-N mean is O(1/N) and below
the noise: ``python benchmarks/bench_transient_bbp.py --bias`` (200 replicates, theta = 3,
t = 2) measured mean - outlier = -0.0041 +- 0.0033 at N = 300, -0.0006 +- 0.0017 at N = 1200
and +0.0001 +- 0.0013 at N = 2400, at most 0.2 standard errors of a quick draw at its N = 1200;
so no tolerance allows for it.

``transient_bbp.gd``: real training. Full-batch gradient descent with step eta on an explicit
X = U diag(sqrt(lam)) W^T (Haar factors; M = N samples, as the flow does not depend on M) for
k = t/eta steps, next to gradient flow at the same time on the same X, Z, W0 and v
(``sim.transient_bbp_gd``). Three Student t tests over replicates: GD's top eigenvalue at eta
against ``transient_bbp.gd_outlier`` (the closed form is what training produces), and the paired
gaps gd - flow at eta and eta/2 against gd_outlier(eta) - gd_outlier(0) and
gd_outlier(eta/2) - gd_outlier(0). Per mode, (1 - eta lam)^(t/eta) = e^{-t lam}(1 - eta t lam^2/2)
+ O(eta^2) (``theory`` derives it by ``rsolve`` and ``series``), so the gap is first order in
eta and halves with eta; the paired gaps cancel the matrix noise to first order, so they resolve
the gap to ~1% of itself. The observed order log2(gap(eta)/gap(eta/2)) is reported. Wrong
formulas: gradient flow in place of descent (eta -> 0: predicts no gap), the step misread by 10%
(eta x 1.1: the gap's first-order coefficient is resolved to better than that), and the isotropic
covariance.

``transient_bbp.overlap``: the squared overlap |<u, v>|^2 of the top eigenvector with the spike,
over replicates at the outlier check's placed points, against ``transient_bbp.overlap`` (Student
t); it rejects theta x 1.1 and the isotropic covariance.

The wrong formulas: theta x 1.02; the isotropic covariance (lam_minus = lam_plus, the spiked
Wigner prediction, wrong wherever the blocks differ); the rank-one condition 1 + theta m01 = 0
(``transient_bbp.outlier_rank_one``) in place of the rank-two determinant.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from lmech import numeric, theory
from lmech.numeric import sim
from lmech.verify import Check, Choice, Kernel, Real, Size, Space, decisions, register, remapped, scaled

from ._dyson import edge_scale, integrated_density

LAW = ("t", "alpha", "lam_plus", "lam_minus", "sigma2", "sigma2_init")
MODEL = ("t", "theta", *LAW[1:])


def isotropic_covariance(values: dict) -> dict:
    """The wrong law: lam_minus = lam_plus (isotropic inputs, the spiked-Wigner prediction)."""
    return {**values, "lam_minus": values["lam_plus"]}


def _theta_where(accept, rel: float) -> float:
    """The theta in [1e-3, 1e3] where ``accept(theta)`` switches from False to True.

    Geometric bisection to ``rel`` relative.
    """
    lo, hi = 1e-3, 1e3
    while hi > lo * (1 + rel):
        mid = math.sqrt(lo * hi)
        if accept(mid):
            hi = mid
        else:
            lo = mid
    return hi


def below_threshold(point: dict) -> dict:
    """Theta = rho times the smallest theta whose spike ever emerges (regime >= 1)."""
    law = {k: point[k] for k in LAW[1:]}
    first = _theta_where(lambda th: numeric.transient_bbp_phase(th, **law)[0] >= 1, 1e-3)  # rho is a fraction: 0.1% is plenty
    return {**point, "theta": point["rho"] * first}


def place_outlier(point: dict) -> dict:
    """Theta such that the predicted outlier at the drawn t is (1 + kappa) times the edge."""
    args = {k: point[k] for k in LAW}
    edge = float(numeric.compile("transient_bbp.edge")(**args))
    out = numeric.compile("transient_bbp.outlier")
    theta = _theta_where(lambda th: float(out(theta=th, **args)) >= (1 + point["kappa"]) * edge, 1e-9)
    return {**point, "theta": theta}


def _simulate(point: dict, n: int, rng: np.random.Generator, backend: str, **kw) -> tuple[np.ndarray, dict]:
    eigs, alpha = sim.transient_bbp_eigenvalues(n, *(point[k] for k in MODEL), rng, backend=backend, **kw)
    return eigs, {**{k: point[k] for k in LAW}, "alpha": float(alpha[0])}


def simulate_bulk(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    eigs, args = _simulate(point, size.n, rng, backend)
    return {"eigs": eigs, "args": args, "theta": point["theta"], "N": size.n}


def decide_edge(kernel: Kernel, obs: dict, point: dict) -> list[decisions.Evidence]:
    """The ESD against the dyson law at the kernel's profile, and lambda_max against its edge (TW_1)."""
    law = numeric.transient_bbp_profile(**kernel.arguments(obs["args"]))
    law = {"alpha": np.asarray(law["alpha"]), "S": np.asarray(law["S"])}
    grid, cdf = integrated_density(numeric.compile("dyson.density"), law)
    esd = decisions.esd_at_eigenvalues(np.interp(obs["eigs"], grid, cdf), size=obs["N"], label="ESD")
    top = decisions.tracy_widom_edge(float(obs["eigs"][-1]), float(kernel(**obs["args"])), edge_scale(law, obs["N"]), 1.0)
    return [esd, top]


def simulate_top(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    eigs, args = _simulate(point, size.n, rng, backend, top=1, reps=size.replicates)
    regime = float(numeric.transient_bbp_phase(*(point[k] for k in MODEL[1:]))[0])
    return {"top": eigs[:, -1], "args": {**args, "theta": point["theta"]}, "regime": regime, "N": size.n}


def decide_outlier(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """Student t of the replicate mean of the top eigenvalue against the formula."""
    return decisions.student_t(obs["top"], float(kernel(**obs["args"])), label=f"regime {obs['regime']:g}")


def simulate_overlap(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    """Top eigenpair of H(t) per replicate (closed-form weights): the squared overlap with the spike."""
    out = sim.transient_bbp_overlap(size.n, *(point[k] for k in MODEL), rng, reps=size.replicates, backend=backend)
    args = {**{k: point[k] for k in MODEL}, "alpha": float(out["alpha"][0])}
    return {"overlap": out["overlap"], "top": out["top"], "args": args, "N": size.n}


def decide_overlap(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """Student t of the replicate mean of |<u, v>|^2 against the formula."""
    return decisions.student_t(obs["overlap"], float(kernel(**obs["args"])), label="squared overlap <u, v>^2")


def gradient_flow(values: dict) -> dict:
    """The wrong law for descent: gradient flow at the same time (eta -> 0)."""
    return {**values, "eta": 0.0}


def gd_point(point: dict) -> dict:
    """Set eta = eta_l / lam_plus; t rounded to k eta (k >= 2 steps, so eta/2 takes 2k); theta placed as for the outlier."""
    eta = point["eta_l"] / point["lam_plus"]
    t = max(2, round(point["t"] / eta)) * eta
    return place_outlier({**point, "eta": eta, "t": t})


def simulate_gd(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    """Top eigenvalue of H after descent at eta and eta/2, and of the flow, per replicate."""
    n, eta = size.n, point["eta"]
    runs = [
        sim.transient_bbp_gd(n, n, point["t"], [eta, eta / 2], *(point[k] for k in MODEL[1:]), rng, top=1, first_order=False, backend=backend)
        for _ in range(size.replicates)
    ]
    gd = np.array([r["gd"][:, -1] for r in runs])
    flow = np.array([r["flow"][0, -1] for r in runs])
    alpha = float(sim.multiplicities(n, [point["alpha"], 1 - point["alpha"]])[0]) / n
    args = {"t": float(runs[0]["time"][0]), "eta": eta, **{k: point[k] for k in MODEL[1:]}, "alpha": alpha}
    return {"gd": gd, "flow": flow, "args": args, "N": n}


def decide_gd(kernel: Kernel, obs: dict, point: dict) -> list[decisions.Evidence]:
    """GD's top eigenvalue at eta, and the paired gaps to the flow at eta and eta/2, each by Student t."""
    args, eta = obs["args"], obs["args"]["eta"]
    at = {h: float(kernel(**{**args, "eta": h})) for h in (eta, eta / 2, 0.0)}
    gap = obs["gd"] - obs["flow"][:, None]
    ratio = float(np.mean(gap[:, 0]) / np.mean(gap[:, 1]))
    order = {"observed_order": math.log2(ratio) if ratio > 0 else math.nan}
    return [
        decisions.student_t(obs["gd"][:, 0], at[eta], label="GD top eigenvalue at eta"),
        _with(decisions.student_t(gap[:, 0], at[eta] - at[0.0], label="gap GD - flow at eta"), order),
        decisions.student_t(gap[:, 1], at[eta / 2] - at[0.0], label="gap GD - flow at eta/2"),
    ]


def _with(evidence: decisions.Evidence, details: dict) -> decisions.Evidence:
    return dataclasses.replace(evidence, details={**evidence.details, **details})


def plot_outlier(fig, result, check) -> None:
    """The report's figure: time-resolved curves and the phase diagram.

    The outlier and the edge over t for the judged draw's model (simulated top two overlaid), and
    the regimes over (theta, lam_minus) at its alpha, lam_plus, sigma2 and sigma2_init.
    """
    from . import transient_bbp_plots

    transient_bbp_plots.draw(fig, result.worst_draw().observation["args"])


_COMMON = {"alpha": Real(0.3, 0.7), "lam_plus": Choice(1.0), "lam_minus": Real(0.03, 0.3, log=True), "sigma2_init": Choice(0.0, 0.5)}
register(
    Check(
        theory.get("transient_bbp.edge"),
        Space({"t": Real(0.1, 30.0, log=True), **_COMMON, "sigma2": Real(0.5, 2.0, log=True), "rho": Real(0.2, 0.6)}, transform=below_threshold),
        simulate_bulk,
        decide_edge,
        wrong=[scaled("sigma2", 1.05), remapped(isotropic_covariance, "isotropic covariance")],
        sizes=(Size("quick", 1500, 3), Size("full", 4000, 4)),
        title="transient BBP bulk: ESD of H(t) vs the two-block Dyson law at S(t) (log N/N) and lambda_max vs edge (TW_1)",
    )
)
register(
    Check(
        theory.get("transient_bbp.outlier"),
        Space({"t": Real(0.3, 10.0, log=True), **_COMMON, "sigma2": Choice(1.0), "kappa": Real(0.3, 0.8)}, transform=place_outlier),
        simulate_top,
        decide_outlier,
        wrong=[scaled("theta", 1.02), remapped(isotropic_covariance, "isotropic covariance"), theory.get("transient_bbp.outlier_rank_one")],
        sizes=(Size("quick", 1200, 3, {"replicates": 48}), Size("full", 4000, 4, {"replicates": 64})),
        title="transient BBP outlier vs the top eigenvalue of H(t) over replicates (closed-form weights): Student t",
        plot=plot_outlier,
    )
)
register(
    Check(
        theory.get("transient_bbp.gd_outlier"),
        Space(
            {"t": Real(0.8, 3.0, log=True), "eta_l": Real(0.15, 0.4), **_COMMON, "sigma2": Choice(1.0), "kappa": Real(0.3, 0.8)},
            transform=gd_point,
        ),
        simulate_gd,
        decide_gd,
        wrong=[remapped(gradient_flow, "gradient flow (eta -> 0)"), scaled("eta", 1.1), remapped(isotropic_covariance, "isotropic covariance")],
        sizes=(Size("quick", 256, 3, {"replicates": 16}), Size("full", 800, 4, {"replicates": 32})),
        id="transient_bbp.gd",
        title="transient BBP under real training: gradient descent's top eigenvalue and its O(eta) gap to the flow (Student t)",
    )
)
register(
    Check(
        theory.get("transient_bbp.overlap"),
        Space({"t": Real(0.3, 10.0, log=True), **_COMMON, "sigma2": Choice(1.0), "kappa": Real(0.3, 0.8)}, transform=place_outlier),
        simulate_overlap,
        decide_overlap,
        wrong=[scaled("theta", 1.1), remapped(isotropic_covariance, "isotropic covariance")],
        sizes=(Size("quick", 800, 2, {"replicates": 24}), Size("full", 2000, 4, {"replicates": 48})),
        title="transient BBP: squared overlap of H(t)'s top eigenvector with the teacher's direction, over replicates (Student t)",
    )
)
