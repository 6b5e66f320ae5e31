"""Spiked-model checks.

Outliers on the CLT scale (a variance formula), overlaps and rectangular
singular values by Student t over replicates, and the subcritical Tracy-Widom edge.

Finite-n biases are O(1/n): THEORY.md §3.1 measures ~ -5/n for the outlier, ~1e-3 standard
deviations at n >= 1e6, so no tolerance allows for them.
"""

from __future__ import annotations

import math

import numpy as np

from lmech import numeric, theory
from lmech.numeric import sim
from lmech.verify import Check, Choice, Kernel, Real, Size, Space, decisions, register, scaled, swap_beta

from ._mp import SIGMA2S, dims
from ._tracy_widom import KS_SIZES, decide_ks, plot_ks

SPIKE_BETAS = Choice(1.0, 2.0)
ABOVE = (Size("quick", 10**6, 3), Size("full", 10**7, 5))
OVERLAP = (Size("quick", 5 * 10**4, 2, {"replicates": 24}), Size("full", 10**6, 4, {"replicates": 64}))


def spiked_laguerre(point: dict, n: int, rng: np.random.Generator, reps: int | None = None) -> dict:
    """Spiked beta-Laguerre (only the first chi variable carries l = 1 + theta), theta = ratio sqrt(gamma)."""
    p, m = dims(n, point["gamma"])
    g = p / m
    theta = point["ratio"] * math.sqrt(g)
    t = sim.laguerre(p, m, point["beta"], rng, spike=1.0 + theta, reps=reps)
    return {"t": t, "theta": theta, "gamma": g, "beta": point["beta"], "p": p, "n": m}


def spiked_hermite(point: dict, n: int, rng: np.random.Generator, reps: int | None = None) -> dict:
    s2 = point["sigma2"]
    theta = point["ratio"] * math.sqrt(s2)
    t = sim.hermite(n, point["beta"], rng, s2, spike=theta, reps=reps)
    return {"t": t, "theta": theta, "sigma2": s2, "beta": point["beta"], "N": n}


def law_args(obs: dict) -> dict:
    """The arguments of the spiked formulas: (theta, gamma) or (theta, sigma2)."""
    return {k: obs[k] for k in ("theta", "gamma", "sigma2") if k in obs}


def simulate_outlier(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    obs = (spiked_laguerre if size.model == "laguerre" else spiked_hermite)(point, size.n, rng)
    obs["lam"] = float(sim.top_eigenvalue(obs.pop("t")))
    return obs


def outlier_observable(obs: dict) -> tuple[dict, float]:
    """The outlier formula's arguments and the simulated top eigenvalue (either side of threshold)."""
    return law_args(obs), obs["lam"]


def decide_outlier(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """sqrt(n)(lambda_1 - outlier) -> N(0, outlier_variance): a z test with the family's variance formula."""
    fam = kernel.formula.family
    var = float(numeric.compile(f"{fam}.outlier_variance")(**law_args(obs), beta=obs["beta"]))
    return decisions.clt_z(obs["lam"], float(kernel(**law_args(obs))), var, obs.get("n", obs.get("N")))


def plot_phase(fig, result, check) -> None:
    """The phase-diagram row of each draw's gamma.

    Simulated top eigenvalue (N = 20000, one sweep
    per check) against the formula over theta, threshold sqrt(gamma) dotted, judged draws starred.
    """
    ax = fig.subplots()
    kern = Kernel(check.formula)
    rng = np.random.default_rng(result.seed)
    ratios = np.linspace(0.2, 3.0, 15)
    for d in result.draws:
        o = d.observation
        p, m = dims(20000, o["gamma"])
        g = p / m
        lam = [float(sim.top_eigenvalue(sim.laguerre(p, m, o["beta"], rng, spike=1.0 + r * math.sqrt(g)))) for r in ratios]
        th = np.linspace(0.0, ratios[-1] * math.sqrt(g) * 1.05, 300)[1:]
        (line,) = ax.plot(th, kern(theta=th, gamma=g), "-", lw=1.1, label=f"gamma={g:.3g}")
        ax.plot(ratios * math.sqrt(g), lam, "o", ms=3, color=line.get_color())
        ax.axvline(math.sqrt(g), color=line.get_color(), ls=":", lw=0.8)
        ax.plot(o["theta"], o["lam"], "*", ms=9, color=line.get_color())
    ax.set_xlabel("theta (dotted: threshold sqrt(gamma); *: the judged draw at full n)")
    ax.set_ylabel("top eigenvalue")
    ax.legend(fontsize=7)


def sweep_phase(fig, frame, names) -> None:
    """The BBP phase diagram of a sweep over (gamma, ratio).

    The simulated top eigenvalue's excess over the bulk edge (1 + sqrt(gamma))^2 in the
    (theta, gamma) plane next to the formula's, with the threshold curve theta = sqrt(gamma)
    (``bbp.threshold``), above which an outlier separates. Over one swept parameter: the same
    excesses as curves over theta. Cells are placed at theta = ratio sqrt(gamma), so a
    rectangular (ratio, gamma) grid is a fan of quadrilaterals.
    """
    from matplotlib.colors import PowerNorm  # a square-root scale: the excess grows like (theta - sqrt(gamma))^2 at threshold

    edge, threshold = numeric.compile("mp.upper_edge"), numeric.compile("bbp.threshold")
    cols = [n for n in ("gamma", "ratio") if n in frame.columns]
    table = frame.groupby(cols, sort=True).agg(predicted=("predicted", "first"), observed=("observed", "mean")).reset_index()
    table["theta"] = table["ratio"] * np.sqrt(table["gamma"])
    bulk = edge(gamma=table["gamma"].to_numpy(), sigma2=1.0)
    table["observed_excess"] = table["observed"] - bulk
    table["predicted_excess"] = table["predicted"] - bulk
    if not {"gamma", "ratio"} <= set(names):
        ax = fig.subplots()
        for g, part in table.groupby("gamma"):
            (line,) = ax.plot(part["theta"], part["predicted_excess"], "-", lw=1.1, label=f"gamma={g:.3g}")
            ax.plot(part["theta"], part["observed_excess"], "o", ms=3, color=line.get_color())
            ax.axvline(float(threshold(gamma=g)), color=line.get_color(), ls=":", lw=0.8)
        ax.set_xlabel("theta (dotted: threshold sqrt(gamma))")
        ax.set_ylabel("top eigenvalue - bulk edge (line: formula; o: simulated)")
        ax.legend(fontsize=7)
        return
    gammas, ratios = np.sort(table["gamma"].unique()), np.sort(table["ratio"].unique())

    def cell_edges(v: np.ndarray) -> np.ndarray:
        mid = (v[1:] + v[:-1]) / 2
        return np.concatenate([[max(v[0] - (mid[0] - v[0]), v[0] / 2)], mid, [v[-1] + (v[-1] - mid[-1])]])

    g_edges, r_edges = cell_edges(gammas), cell_edges(ratios)
    theta_mesh = r_edges[None, :] * np.sqrt(g_edges[:, None])
    gamma_mesh = np.broadcast_to(g_edges[:, None], theta_mesh.shape)
    span = float(np.nanmax(np.abs(table[["observed_excess", "predicted_excess"]].to_numpy()))) or 1.0
    axes = fig.subplots(1, 2, sharey=True)
    curve_g = np.linspace(g_edges[0], g_edges[-1], 200)
    for ax, column, title in zip(axes, ("observed_excess", "predicted_excess"), ("simulated", "predicted (bbp.outlier)")):
        values = table.pivot(index="gamma", columns="ratio", values=column).reindex(index=gammas, columns=ratios).to_numpy()
        mesh = ax.pcolormesh(theta_mesh, gamma_mesh, values, cmap="magma", norm=PowerNorm(0.5, 0.0, span), shading="flat")
        ax.plot(threshold(gamma=curve_g), curve_g, "c--", lw=1.5, label="theta = sqrt(gamma)")
        ax.set_xlabel("theta")
        ax.set_title(title, fontsize=9)
        ax.legend(fontsize=8, loc="lower right")
    axes[0].set_ylabel("gamma")
    fig.colorbar(mesh, ax=list(axes), shrink=0.85, label="square-root scale")
    fig.suptitle("BBP phase diagram: top eigenvalue - bulk edge (1 + sqrt(gamma))^2", fontsize=10)


def simulate_overlap(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    obs = (spiked_laguerre if size.model == "laguerre" else spiked_hermite)(point, size.n, rng, size.replicates)
    t = obs.pop("t")
    obs["values"] = sim.eigenvector_first_component(t, sim.top_eigenvalue(t), rng=rng)  # e_1 is the spike
    return obs


def decide_mean(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """Student t of the replicate mean against the formula."""
    return decisions.student_t(obs["values"], float(kernel(**law_args(obs))))


def _sized(sizes: tuple[Size, ...], model: str) -> tuple[Size, ...]:
    return tuple(Size(s.name, s.n, s.draws, dict(s.settings, model=model)) for s in sizes)


# theta = ratio * sqrt(gamma) (or sqrt(sigma2)): far enough above threshold that the Gaussian CLT (not
# the BBP window) applies and a 2% error is visible, yet the overlap still moves with theta
for _fam, _model, _scale, _what in (
    ("bbp", "laguerre", {"gamma": Real(0.05, 1.0, log=True)}, "the O(N) spiked beta-Laguerre model"),
    ("spiked_wigner", "hermite", {"sigma2": SIGMA2S}, "beta-Hermite + theta e_1 e_1^T"),
):
    register(
        Check(
            theory.get(f"{_fam}.outlier"),
            Space({**_scale, "ratio": Real(2.0, 4.0), "beta": SPIKE_BETAS}),
            simulate_outlier,
            decide_outlier,
            wrong=[scaled("theta", 1.02)],
            sizes=_sized(ABOVE, _model),
            title=f"{_fam} outlier vs the top eigenvalue of {_what} (multisection): CLT z with outlier_variance",
            plot=plot_phase if _fam == "bbp" else None,
            sweep_plot=sweep_phase if _fam == "bbp" else None,
            observable=outlier_observable,
        )
    )
    register(
        Check(
            theory.get(f"{_fam}.overlap"),
            Space({**_scale, "ratio": Real(1.5, 2.5), "beta": SPIKE_BETAS}),
            simulate_overlap,
            decide_mean,
            wrong=[scaled("theta", 1.02)],
            sizes=_sized(OVERLAP, _model),
            title=f"{_fam} squared overlap vs the first eigenvector component of {_what} (inverse iteration): Student t",
        )
    )


def simulate_rect(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    n = size.n
    m = max(n, round(n / point["gamma"]))
    c = n / m
    theta = point["ratio"] * c**0.25
    t = sim.rectangular(n, m, 1.0, rng, theta, size.side, reps=size.replicates)
    lam = sim.top_eigenvalue(t)
    values = np.sqrt(lam) if size.what == "value" else sim.eigenvector_first_component(t, lam, rng=rng)
    return {"values": values, "theta": theta, "gamma": c, "n": n, "m": m}


for _fid, _side, _what, _title in (
    ("spiked_rect.singular_value", "left", "value", "top singular value (square root of the top eigenvalue)"),
    ("spiked_rect.overlap_left", "left", "overlap", "left squared overlap (first component, left bidiagonalisation)"),
    ("spiked_rect.overlap_right", "right", "overlap", "right squared overlap (first component, right bidiagonalisation)"),
):
    _s = {"replicates": 24, "side": _side, "what": _what}
    register(
        Check(
            theory.get(_fid),
            Space({"gamma": Real(0.1, 1.0), "ratio": Real(1.5, 2.5)}),
            simulate_rect,
            decide_mean,
            wrong=[scaled("theta", 1.02)],
            sizes=(Size("quick", 2 * 10**4, 2, _s), Size("full", 2 * 10**5, 4, dict(_s, replicates=64))),
            title=f"Rectangular spike theta u v^T + X: {_title}, O(N) bidiagonal model, Student t",
        )
    )


def simulate_subcritical(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    # below the threshold the spike leaves no outlier: Johnstone's standardisation gives TW_beta
    obs = spiked_laguerre(point, size.n, rng, size.replicates)
    p, m, b = obs["p"], obs["n"], obs["beta"]
    mu = float(numeric.compile("tracy_widom.wishart_center")(p, m, b))
    sd = float(numeric.compile("tracy_widom.wishart_scale")(p, m, b))
    z = (sim.top_eigenvalue(obs.pop("t")) - mu) / sd
    return dict(obs, z=z, mean_z=float(z.mean()), var_z=float(z.var(ddof=1)))


register(
    Check(
        theory.get("tracy_widom.cdf"),
        Space({"gamma": Real(0.1, 1.0, log=True), "ratio": Real(0.0, 0.5), "beta": SPIKE_BETAS}),
        simulate_subcritical,
        decide_ks,
        wrong=[swap_beta()],
        sizes=KS_SIZES,
        id="bbp.subcritical",
        title="Below the BBP threshold: Johnstone-standardised top eigenvalue of the spiked model vs TW_beta, exact KS",
        plot=plot_ks,
    )
)
