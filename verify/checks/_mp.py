"""Marchenko-Pastur checks, declared through the public API.

ESD (tridiagonal Sturm counts), edges (Tracy-Widom), moments
(Student t over replicates) and dense universality, declared through the public API.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.integrate

from lmech import numeric, theory
from lmech.numeric import sim
from lmech.verify import Check, Choice, Kernel, Real, Size, Space, decisions, register, scaled

GAMMAS = Real((0.05, 0.7), (1.5, 20.0), log=True)
SIGMA2S = Real(0.25, 4.0, log=True)
BETAS = Choice(1.0, 2.0, 4.0, 0.5, 8.0)
TW_BETAS = Choice(1.0, 2.0)  # the betas whose Tracy-Widom law lmech computes


def dims(n: int, gamma: float) -> tuple[int, int]:
    """P = n rows and round(p/gamma) samples; the prediction uses the exact ratio p/n."""
    return n, max(1, round(n / gamma))


# ----------------------------------------------------------------------------- ESD (Sturm)
# One shape for four checks: the ECDF of a tridiagonal model on a grid by Sturm counts, against
# the law given as a CDF or as a density integrated numerically (plus the atom at 0).
def esd_observation(t, grid, law: dict, support: tuple[float, float], atom: float, n_eff: int, beta: float, **info) -> dict:
    return {"grid": grid, "ecdf": sim.ecdf(t, grid), "law": law, "support": support, "atom": atom, "n_eff": n_eff, "size": t.size, "beta": beta, **info}


def law_on_grid(kernel: Kernel, obs: dict) -> np.ndarray:
    """The judged law on the observation's grid: the CDF itself, or the integrated density."""
    if "cdf" in kernel.formula.name:
        return kernel(x=obs["grid"], **obs["law"])
    fine, dens = integrated_density(kernel, obs)
    return np.interp(obs["grid"], fine, obs["atom"] + dens)


def integrated_density(kernel: Kernel, obs: dict) -> tuple[np.ndarray, np.ndarray]:
    fine = np.linspace(obs["support"][0], obs["support"][1], 400001)
    # Simpson on 400001 points: error O(h^1.5) at the square-root edges, below 1e-7 here
    return fine, scipy.integrate.cumulative_simpson(kernel(x=fine, **obs["law"]), x=fine, initial=0.0)


def decide_esd(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    return decisions.esd_kolmogorov(law_on_grid(kernel, obs), obs["ecdf"], n_eff=obs["n_eff"], size=obs["size"], beta=obs["beta"])


def simulate_mp_esd(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    p, m = dims(size.n, point["gamma"])
    g, s2 = p / m, point["sigma2"]
    t = sim.laguerre(p, m, point["beta"], rng, s2)
    # the grid: quantiles of the true law (mp.quantile). Any grid is valid, so the numpy bisection
    # serves (0.1 s for 256 points, agreeing to 1e-15) and spares a cold run a 2 s solver compilation
    q = (np.arange(size.points) + 0.5) / size.points
    grid = numeric.compile("mp.quantile", "numpy")(q, g, s2)
    grid = np.unique(np.concatenate([grid, [grid[-1] * 1.001]]))
    top = 1.2 * float(numeric.compile("mp.upper_edge")(g, s2))
    atom = float(numeric.compile("mp.zero_mass")(g))
    return esd_observation(t, grid, {"gamma": g, "sigma2": s2}, (0.0, top), atom, min(p, m), point["beta"], p=p, n=m)


def plot_esd(fig, result, check) -> None:
    """Theory over the simulated ECDF (CDF checks) or over the ECDF-increment histogram (density checks)."""
    obs = result.worst_draw().observation
    kern = Kernel(check.formula)
    ax = fig.subplots()
    grid, emp = obs["grid"], obs["ecdf"]
    if "cdf" in check.formula.name:
        th = law_on_grid(kern, obs)
        ax.plot(grid, emp, ".", ms=3, label="simulation (Sturm ECDF)")
        ax.plot(grid, th, "-", lw=1.2, label=check.formula.id)
        inset = ax.inset_axes([0.58, 0.12, 0.38, 0.32])
        inset.plot(grid, emp - th, lw=0.8)
        tol = decisions.esd_kolmogorov_bound(obs["n_eff"], obs["size"], obs["beta"])
        inset.axhline(tol, color="r", lw=0.7)
        inset.axhline(-tol, color="r", lw=0.7)
        inset.set_title("ECDF - F (red: bound)", fontsize=7)
        inset.tick_params(labelsize=6)
        ax.set_ylabel("F(x)")
    else:
        fine = np.linspace(obs["support"][0], obs["support"][1], 2001)
        ax.stairs(np.diff(emp) / np.diff(grid), grid, fill=True, alpha=0.4, label="simulation (ECDF increments)")
        ax.plot(fine, kern(x=fine, **obs["law"]), "-", lw=1.2, label=check.formula.id)
        ax.set_xlim(grid[0] - 0.05 * np.ptp(grid), grid[-1] + 0.05 * np.ptp(grid))
        ax.set_ylabel("density")
    ax.set_xlabel("x")
    ax.legend(fontsize=7, loc="upper left")


ESD_SIZES = (Size("quick", 10**6, 3, {"points": 256}), Size("full", 10**7, 5, {"points": 512}))
DENSITY_SIZES = (Size("quick", 10**6, 2, {"points": 256}), Size("full", 10**7, 4, {"points": 512}))
MP_SPACE = Space({"gamma": GAMMAS, "sigma2": SIGMA2S, "beta": BETAS})

for _fid, _sizes, _what in (("mp.cdf", ESD_SIZES, "closed-form CDF"), ("mp.density", DENSITY_SIZES, "the integrated density plus the atom")):
    register(
        Check(
            theory.get(_fid),
            MP_SPACE,
            simulate_mp_esd,
            decide_esd,
            wrong=[scaled("gamma", 1.02)],
            sizes=_sizes,
            title=f"MP ESD vs {_what} (tridiagonal beta-Laguerre, Sturm counts on a quantile grid): Kolmogorov distance, log N/N bound",
            plot=plot_esd,
        )
    )


# ----------------------------------------------------------------------------------- edges
def soft_edge_scale(p: int, n: int, upper: bool) -> float:
    """N^{-2/3}-order TW scale of the extreme eigenvalues of X X^T/n.

    Johnstone 2001; Feldheim-Sodin 2010 and Ma 2012 for the smallest: (sqrt n +- sqrt p)(1/sqrt p +- 1/sqrt n)^{1/3}/n.
    """
    sn, sp_ = math.sqrt(n), math.sqrt(p)
    if upper:
        return (sn + sp_) * (1 / sn + 1 / sp_) ** (1 / 3) / n
    return abs(sn - sp_) * abs(1 / sp_ - 1 / sn) ** (1 / 3) / n


def simulate_edge(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    p, m = dims(size.n, point["gamma"])
    t = sim.laguerre(p, m, point["beta"], rng, point["sigma2"])
    upper = size.side == "upper"
    lam = float(sim.extreme_eigenvalues(t, "largest" if upper else "smallest")[0])
    return {"lam": lam, "gamma": p / m, "sigma2": point["sigma2"], "beta": point["beta"], "p": p, "n": m, "upper": upper}


def decide_edge(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """(lambda - edge)/sigma_TW ~ TW_beta (upper; mirrored for the lower edge): two-sided p-value from tracy_widom.cdf."""
    edge = float(kernel(gamma=obs["gamma"], sigma2=obs["sigma2"]))
    scale = obs["sigma2"] * soft_edge_scale(obs["p"], obs["n"], obs["upper"])
    return decisions.tracy_widom_edge(obs["lam"], edge, scale, obs["beta"], upper=obs["upper"])


for _side, _gammas, _which in (
    ("upper", GAMMAS, "largest"),
    ("lower", Real((0.05, 0.4), (2.5, 20.0), log=True), "smallest nonzero"),
):
    register(
        Check(
            theory.get(f"mp.{_side}_edge"),
            Space({"gamma": _gammas, "sigma2": SIGMA2S, "beta": TW_BETAS}),
            simulate_edge,
            decide_edge,
            wrong=[scaled("gamma", 1.02)],
            sizes=(Size("quick", 10**6, 3, {"side": _side}), Size("full", 10**7, 5, {"side": _side})),
            title=f"MP {_side} edge vs the {_which} eigenvalue (stebz): (lambda - edge)/sigma_TW against TW_beta",
        )
    )


# --------------------------------------------------------------------------------- moments
def simulate_moments(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    p, m = dims(size.n, point["gamma"])
    # beta = 2: the LUE moment expansion has only even powers of 1/n, so the finite-n bias
    # (~ k^4/n^2) is far below the Monte-Carlo standard error; beta = 1 has an O(1/n) bias.
    samples = np.array([sim.trace_moments(sim.laguerre(p, m, 2.0, rng, point["sigma2"]), size.kmax)[1:] for _ in range(size.replicates)])
    return {"samples": samples, "gamma": p / m, "sigma2": point["sigma2"], "p": p, "n": m}


def decide_moments(kernel: Kernel, obs: dict, point: dict) -> list[decisions.Evidence]:
    ks = np.arange(1, obs["samples"].shape[1] + 1)
    th = kernel(k=ks, gamma=obs["gamma"], sigma2=obs["sigma2"])
    return [decisions.student_t(obs["samples"][:, j], float(th[j]), label=f"k={k}") for j, k in enumerate(ks)]


def plot_moments(fig, result, check) -> None:
    ax = fig.subplots()
    kern = Kernel(check.formula)
    for d in result.draws:
        s = d.observation["samples"]
        ks = np.arange(1, s.shape[1] + 1)
        th = kern(k=ks, gamma=d.observation["gamma"], sigma2=d.observation["sigma2"])
        se = s.std(axis=0, ddof=1) / math.sqrt(s.shape[0])
        ax.errorbar(ks, s.mean(axis=0) / th, yerr=se / th, fmt="o", ms=3, label=f"gamma={d.observation['gamma']:.3g}")
    ax.axhline(1.0, color="k", lw=0.8)
    ax.set_xlabel("k")
    ax.set_ylabel("simulated / Narayana moment (± s.e.)")
    ax.legend(fontsize=7)


register(
    Check(
        theory.get("mp.moment"),
        Space({"gamma": GAMMAS, "sigma2": Real(0.5, 2.0, log=True)}),
        simulate_moments,
        decide_moments,
        wrong=[scaled("gamma", 1.02)],
        sizes=(Size("quick", 10**5, 3, {"kmax": 6, "replicates": 32}), Size("full", 10**6, 5, {"kmax": 8, "replicates": 64})),
        title="Narayana moments vs (1/p) tr S^k over replicates (beta = 2 tridiagonal): Student t per k",
        plot=plot_moments,
    )
)


# ------------------------------------------------------------------- dense universality
def simulate_dense(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    p, m = dims(size.n, point["gamma"])
    eigs = sim.wishart_eigenvalues(p, m, rng, size.dist, point["sigma2"], df=size.get("df", 5.0), backend=backend)
    zeros = max(p - m, 0)  # the p - n exact zeros are the atom, which F has too
    return {"eigs": numeric.to_host(eigs)[zeros:], "zeros": zeros, "gamma": p / m, "sigma2": point["sigma2"], "p": p, "n": m}


def decide_dense(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    # real non-Gaussian entries: the same log-correlated counting fluctuations as beta = 1
    # (universality); Student-t(5) entries measured KS * N / log N = 0.40-0.66 at N = 2000-3000
    # against 0.39-0.61 for Gaussian, and the bound allows 1.15-1.19
    f = kernel(x=obs["eigs"], gamma=obs["gamma"], sigma2=obs["sigma2"])
    return decisions.esd_at_eigenvalues(f, size=obs["p"], zeros=obs["zeros"], n_eff=min(obs["p"], obs["n"]))


def plot_dense(fig, result, check) -> None:
    obs = result.worst_draw().observation
    ax = fig.subplots()
    i = np.arange(obs["eigs"].size) + obs["zeros"]
    ax.plot(obs["eigs"], (i + 1) / obs["p"], ".", ms=2, label="dense ESD")
    ax.plot(obs["eigs"], Kernel(check.formula)(x=obs["eigs"], gamma=obs["gamma"], sigma2=obs["sigma2"]), "-", lw=1.0, label=check.formula.id)
    ax.set_xlabel("eigenvalue")
    ax.set_ylabel("F")
    ax.legend(fontsize=7)


DENSE_SPACE = Space({"gamma": Real((0.5, 0.9), (1.5, 3.0)), "sigma2": SIGMA2S})
_R, _T = {"dist": "rademacher"}, {"dist": "student_t", "df": 5.0}
# Heavy tails, where no tridiagonal model exists: a dense N = 16384 matrix is a GPU job
# (cupy.linalg.eigvalsh); the CPU runs the same check at N = 3000-6000.
for _cid, _sizes, _title in (
    ("mp.universality", (Size("quick", 4000, 2, _R), Size("full", 6000, 3, _R)), "dense Rademacher Wishart ESD"),
    (
        "mp.universality_t",
        (Size("quick", 3000, 2, _T), Size("full", 6000, 3, _T), Size("quick", 16384, 1, _T, backend="gpu"), Size("full", 16384, 3, _T, backend="gpu")),
        "heavy tails: dense Student-t (df = 5) Wishart ESD",
    ),
):
    register(
        Check(
            theory.get("mp.cdf"),
            DENSE_SPACE,
            simulate_dense,
            decide_dense,
            wrong=[scaled("gamma", 1.02)],
            sizes=_sizes,
            id=_cid,
            title=f"Universality, {_title} vs the MP CDF (Kolmogorov distance at every eigenvalue)",
            plot=plot_dense,
        )
    )
