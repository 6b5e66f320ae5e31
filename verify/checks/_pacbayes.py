"""PAC-Bayes coverage checks.

A valid bound fails on at most a fraction delta of the datasets, so the violation count over M
independent datasets is stochastically below Binomial(M, delta): the exact one-sided binomial
p-value P(Binomial(M, delta) >= count) is the evidence, one per posterior setting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lmech import theory
from lmech.numeric import sim
from lmech.theory import Formula
from lmech.verify import Check, Choice, Kernel, Real, Size, Space, decisions, register

SETTINGS = ("threshold/gibbs", "threshold/erm", "gaussian/linear")
SWEEP_N = (50, 100, 200, 400, 800, 1600)
BOUNDS = ("mcallester", "kl_bound", "quadratic", "lambda_bound", "catoni", "gibbs_bound")


def sample_setting(setting: str, point: dict, n: int, datasets: int, rng: np.random.Generator, backend: str = "cpu") -> sim.PosteriorSample:
    if setting == "gaussian/linear":  # data and empirical risks on the device; true risks are host quadratures
        return sim.gaussian_linear(n, datasets, rng, noise=point["noise"], backend=backend)
    return sim.threshold_classifiers(n, datasets, rng, noise=point["noise"], posterior=setting.split("/")[1], beta=point["beta"], backend=backend)


def bound_values(kernel, sample: sim.PosteriorSample, point: dict) -> np.ndarray:
    """A PAC-Bayes bound (a ``Kernel`` or compiled formula) on every dataset of ``sample``."""
    values = {
        "emp_risk": sample.emp_risk,
        "kl": sample.kl,
        "n": sample.n,
        "delta": point["delta"],
        "C": point.get("C"),
        "lam": point.get("lam"),
        "free_energy": sample.free_energy,
        "beta": sample.beta,
    }
    names = kernel.formula.param_names
    missing = [p for p in names if values.get(p) is None]
    if missing:
        raise ValueError(f"{kernel.formula.id} needs {missing}, which the {sample.setting} setting does not provide")
    return np.asarray(kernel(**{p: values[p] for p in names}))


def simulate_coverage(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    samples = {s: sample_setting(s, point, size.n, size.datasets, rng, backend) for s in size.settings_judged}
    return {"samples": samples, "datasets": size.datasets, "n": size.n, "delta": point["delta"]}


def decide_coverage(kernel: Kernel, obs: dict, point: dict) -> list[decisions.Evidence]:
    out = []
    for setting, smp in obs["samples"].items():
        bound = bound_values(kernel, smp, point)
        ev = decisions.binomial_coverage(int(smp.violations(bound).sum()), obs["datasets"], point["delta"], label=setting)
        tight = float(np.mean(bound - smp.true_risk))  # mean bound - true risk
        out.append(decisions.Evidence(**{**ev.__dict__, "details": {**ev.details, "tightness": tight}}))
    return out


@dataclass(frozen=True)
class ShrunkSlack:
    """An invalid bound.

    The slack over the empirical risk divided by 10 (the kl bound: its
    complexity B/n divided by 100, the same thing to first order, i.e. n -> 100 n; the Gibbs
    bound, which has no empirical-risk argument: its free energy divided by 10). The first two
    are argument substitutions, so the runner reuses the true bound's compiled kernel.
    """

    def __call__(self, formula: Formula) -> Formula:
        if formula.implicit:
            n = formula.param("n")
            return formula.substitute({n: 100 * n}, "complexity/100")
        if "emp_risk" not in formula.param_names:
            f = formula.param("free_energy")
            return formula.substitute({f: f / 10}, "free_energy/10")
        emp = formula.param("emp_risk")
        return theory.Formula(
            id=f"{formula.id}~slack/10",
            params=formula.params,
            domain=formula.domain,
            expr=emp + (formula.expr - emp) / 10,
            reference=formula.reference,
            description=f"{formula.description} [perturbed: slack/10]",
        )

    def arguments(self, formula: Formula):
        if formula.implicit:
            return self._more_data
        if "emp_risk" not in formula.param_names:
            return self._less_free_energy
        return None

    @staticmethod
    def _more_data(values: dict) -> dict:
        return {**values, "n": 100 * np.asarray(values["n"])}

    @staticmethod
    def _less_free_energy(values: dict) -> dict:
        return {**values, "free_energy": np.asarray(values["free_energy"]) / 10}


def plot_bounds(fig, result, check) -> None:
    """Mean bound against mean true risk over n, one curve per bound.

    (Gibbs posterior on thresholds,
    200 datasets per n: one sweep per check, outside the judged draws).
    """
    ax = fig.subplots()
    point = result.worst_draw().point
    rng = np.random.default_rng(result.seed)
    names = ("mcallester", "kl_bound", "quadratic", "catoni", "gibbs_bound")
    kernels = {name: Kernel(theory.get(f"pacbayes.{name}")) for name in names}
    curves: dict[str, list] = {k: [] for k in ("true", "emp", *names)}
    for n in SWEEP_N:
        smp = sim.threshold_classifiers(n, 200, rng, noise=point["noise"], beta=point["beta"])
        curves["true"].append(float(smp.true_risk.mean()))
        curves["emp"].append(float(smp.emp_risk.mean()))
        for name in names:
            pt = dict(point, C=point["beta"]) if name == "catoni" else point  # Catoni at C = beta matches the Gibbs bound
            curves[name].append(float(bound_values(kernels[name], smp, pt).mean()))
    ax.plot(SWEEP_N, curves["true"], "k-", lw=2.0, label="true risk L(Q) (exact)")
    ax.plot(SWEEP_N, curves["emp"], "k:", lw=1.2, label="empirical risk")
    for name in names:
        ax.plot(SWEEP_N, curves[name], "-", lw=1.0, marker="o", ms=3, label=f"pacbayes.{name}")
    ax.set_xscale("log")
    ax.set_xlabel("n (Gibbs posterior over thresholds; mean over 200 datasets)")
    ax.set_ylabel("risk")
    ax.legend(fontsize=6)


SPACE = Space(
    {
        "delta": Choice(0.05, 0.1, 0.025),
        "noise": Choice(0.05, 0.15),
        "beta": Choice(0.5, 1.0, 2.0),  # Gibbs inverse temperature, fixed before the data
        "C": Choice(0.5, 1.0, 2.0, 4.0),
        "lam": Real(0.2, 1.5),
    }
)

for _name in BOUNDS:
    _settings = ("threshold/gibbs",) if _name == "gibbs_bound" else SETTINGS
    _s = {"datasets": 4000, "settings_judged": _settings}
    register(
        Check(
            theory.get(f"pacbayes.{_name}"),
            SPACE,
            simulate_coverage,
            decide_coverage,
            wrong=[ShrunkSlack()],
            sizes=(Size("quick", 200, 2, _s), Size("full", 1000, 4, dict(_s, datasets=20000))),
            title=f"Coverage of pacbayes.{_name}: violations over M datasets ({', '.join(_settings)}) vs Binomial(M, delta), exact test",
            plot=plot_bounds,
        )
    )
