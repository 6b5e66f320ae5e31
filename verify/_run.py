"""The runner: draws, one simulation per draw, every formula judged on it, Holm over p-values."""

from __future__ import annotations

import time
import traceback
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from lmech import numeric
from lmech.theory import Formula

from ._check import Check, Kernel, get_check
from .decisions import Evidence

__all__ = ["FAMILY_ALPHA", "Draw", "Result", "Verdict", "holm", "run"]

#: family-wise false-alarm rate of one check run: the chance that a right formula is rejected
FAMILY_ALPHA = 1e-6


def holm(pvalues: Sequence[float]) -> np.ndarray:
    """Holm's step-down adjusted p-values (family-wise error control under any dependence)."""
    p = np.asarray(pvalues, dtype=float)
    m = p.size
    if m == 0:
        return p
    order = np.argsort(p, kind="stable")
    adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = adj
    return out


@dataclass
class Verdict:
    """How one formula fared on a check's observations.

    ``evidence[i]`` lists the evidence of draw ``i``; ``adjusted`` holds the Holm-adjusted
    p-value of every p-value evidence in the same order (bounds have None).
    """

    formula_id: str
    ok: bool
    evidence: list[list[Evidence]]
    adjusted: list[list[float | None]]
    alpha: float

    @property
    def tests(self) -> int:
        return sum(e.kind == "p-value" for row in self.evidence for e in row)

    def worst(self) -> tuple[Evidence, float | None]:
        """The most damning evidence: smallest adjusted p-value, else the bound most exceeded."""
        pairs = [(e, a) for row, arow in zip(self.evidence, self.adjusted) for e, a in zip(row, arow)]

        def badness(pair):
            e, a = pair
            if e.kind == "bound":
                ratio = e.statistic / e.bound if e.bound else float("inf")
                return ratio  # > 1 fails
            return (self.alpha / a) if a > 0 else float("inf")  # > 1 fails

        return max(pairs, key=badness)

    def summary(self) -> str:
        e, a = self.worst()
        if e.kind == "bound":
            rel = "<=" if e.holds else ">"
            what = f"{e.test} {e.statistic:.3g} {rel} bound {e.bound:.3g}"
        else:
            what = f"{e.test} p = {e.pvalue:.3g} (Holm-adjusted {a:.3g} {'>' if a > self.alpha else '<='} alpha {self.alpha:g} over {self.tests} tests)"
        label = f" [{e.label}]" if e.label else ""
        return f"{'PASS' if self.ok else 'FAIL'} {self.formula_id}: worst {what}{label}"


@dataclass
class Draw:
    """One drawn point, its simulation's scalar record, and its wall time."""

    index: int
    point: dict
    info: dict
    wall: float
    observation: Any = field(default=None, repr=False)


@dataclass
class Result:
    """Outcome of ``run``: the true formula's verdict first, then each wrong formula's.

    ``status`` is PASS (the true formula passes), FAIL, or ERROR (the run raised; ``error``
    holds the last line, ``traceback`` the whole). ``teeth`` says whether every wrong formula
    was rejected on the same observations.
    """

    check_id: str
    size: str
    n: int
    seed: int
    backend: str
    alpha: float
    draws: list[Draw]
    verdicts: list[Verdict]
    wall: float
    error: str | None = None
    traceback: str | None = None

    @property
    def verdict(self) -> Verdict | None:
        return self.verdicts[0] if self.verdicts else None

    @property
    def formula_id(self) -> str:
        return self.verdicts[0].formula_id if self.verdicts else ""

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.verdicts) and self.verdicts[0].ok

    @property
    def wrong(self) -> list[Verdict]:
        return self.verdicts[1:]

    @property
    def teeth(self) -> bool:
        return self.error is None and bool(self.wrong) and not any(v.ok for v in self.wrong)

    @property
    def status(self) -> str:
        return "ERROR" if self.error is not None else ("PASS" if self.ok else "FAIL")

    def headline(self) -> str:
        """One line: the true formula's verdict and what became of the wrong ones."""
        if self.error is not None:
            return f"ERROR {self.check_id}: {self.error}"
        rejected = sum(not v.ok for v in self.wrong)
        return f"{self.verdicts[0].summary()} over {len(self.draws)} draws at n={self.n}; wrong formulas rejected: {rejected}/{len(self.wrong)}"

    def worst_draw(self) -> Draw:
        """The draw holding the true formula's most damning evidence (the first draw after an error)."""
        if not self.verdicts:
            if not self.draws:
                raise ValueError(f"{self.check_id}: no draw finished")
            return self.draws[0]
        v = self.verdicts[0]
        worst, _ = v.worst()
        return self.draws[next(i for i, row in enumerate(v.evidence) if any(e is worst for e in row))]

    def min_adjusted_p(self, which: int = 0) -> float | None:
        vals = [a for row in self.verdicts[which].adjusted for a in row if a is not None] if self.verdicts else []
        return min(vals) if vals else None

    def to_json(self) -> dict:
        """Plain data for report.json: every statistic and p-value, no arrays."""
        return {
            "check_id": self.check_id,
            "status": self.status,
            "teeth": self.teeth,
            "size": self.size,
            "n": self.n,
            "seed": self.seed,
            "backend": self.backend,
            "alpha": self.alpha,
            "wall": self.wall,
            "error": self.error,
            "traceback": self.traceback,
            "draws": [{"index": d.index, "point": d.point, "info": d.info} for d in self.draws],
            "verdicts": [
                {
                    "formula_id": v.formula_id,
                    "ok": v.ok,
                    "tests": v.tests,
                    "evidence": [[dict(asdict(e), kind=e.kind, adjusted=a) for e, a in zip(row, arow)] for row, arow in zip(v.evidence, v.adjusted)],
                }
                for v in self.verdicts
            ],
        }


def _scalars(obs: Any) -> dict:
    if not isinstance(obs, Mapping):
        return {}
    out = {}
    for k, v in obs.items():
        if isinstance(v, bool | int | float | str | np.integer | np.floating | np.bool_):
            out[str(k)] = v.item() if isinstance(v, np.generic) else v
    return out


def _evidence_list(value, formula_id: str) -> list[Evidence]:
    items = [value] if isinstance(value, Evidence) else list(value)
    if not items or not all(isinstance(e, Evidence) for e in items):
        raise TypeError(f"decide for {formula_id} must return Evidence or a non-empty list of Evidence, got {value!r}")
    return items


def _judge(formula_id: str, evidence: list[list[Evidence]], alpha: float) -> Verdict:
    flat = [e.pvalue for row in evidence for e in row if e.kind == "p-value"]
    adj = iter(holm(flat).tolist())
    adjusted = [[next(adj) if e.kind == "p-value" else None for e in row] for row in evidence]
    ok = all(a > alpha for row in adjusted for a in row if a is not None) and all(e.holds for row in evidence for e in row if e.kind == "bound")
    return Verdict(formula_id, bool(ok), evidence, adjusted, alpha)


def draw_seeds(check: Check, size_name: str, seed: int, count: int) -> list[np.random.SeedSequence]:
    """One ``SeedSequence`` per draw, spawned from (seed, check, size).

    A draw's random stream
    does not depend on which process runs it or on how many draws there are.
    """
    root = np.random.SeedSequence(entropy=int(seed), spawn_key=(zlib.crc32(check.id.encode()), zlib.crc32(size_name.encode()), 1))
    return root.spawn(count)


def run(
    check: Check | str,
    n: int | None = None,
    *,
    seed: int = 0,
    backend: str = "cpu",
    size: str = "quick",
    draws: int | None = None,
    wrong: Sequence[Formula] = (),
    alpha: float = FAMILY_ALPHA,
    catch: bool = False,
    keep_observations: bool = True,
) -> Result:
    """Run a check: draw points, simulate each once, judge the true and every wrong formula.

    Args:
        check: a ``Check`` object (no registration needed) or a registered id.
        n: overrides the size's dimension.
        seed: the draws and the simulations are a pure function of (check, size, seed).
        backend: ``"cpu"`` or ``"gpu"`` (simulators and kernels), or a kernel backend name
            (``numba``, ``numpy``, ``mpmath``, ``cupy``; see ``numeric.backend``).
        size: the name of one of the check's sizes.
        draws: overrides the size's number of draws.
        wrong: further formulas to judge on the same observations (after the check's own).
            A check's own wrong formulas that substitute one argument (``scaled``, ``shifted``,
            ``swap_beta``) reuse the true formula's compiled kernel (``Kernel.for_wrong``).
        alpha: family-wise false-alarm rate, split over every p-value by Holm's procedure.
        catch: return an ERROR result instead of raising when simulation or decision fails.
        keep_observations: keep each draw's observation on the result (for plots).
    """
    if isinstance(check, str):
        check = get_check(check)
    if not isinstance(check, Check):
        raise TypeError(f"run takes a Check or a check id, got {type(check).__name__}")
    chosen = numeric.backend(backend)  # any name of the one vocabulary: cpu/gpu or a kernel backend
    backend = chosen.device
    if not (0 < alpha < 1):
        raise ValueError(f"alpha={alpha} is outside (0, 1)")
    if n is not None and (int(n) != n or n < 2):
        raise ValueError(f"n={n!r} must be an integer >= 2")
    if draws is not None and (int(draws) != draws or draws < 1):
        raise ValueError(f"draws={draws!r} must be an integer >= 1")
    sz = check.size(size, backend).with_(n=n, draws=draws)
    t0 = time.perf_counter()
    points: list[dict] = []
    done: list[Draw] = []
    try:
        true = Kernel(check.formula, chosen.kernel)
        kernels = [true, *(true.for_wrong(w) for w in check.wrong), *(Kernel(f, chosen.kernel) for f in wrong)]
        formulas = [k.formula for k in kernels]
        points = check.points(sz, seed)
        evidence: list[list[list[Evidence]]] = [[] for _ in formulas]
        for i, (pt, ss) in enumerate(zip(points, draw_seeds(check, sz.name, seed, len(points)))):
            t = time.perf_counter()
            obs = check.simulate(dict(pt), sz, np.random.default_rng(ss), backend)
            for j, k in enumerate(kernels):
                evidence[j].append(_evidence_list(check.decide(k, obs, dict(pt)), k.formula.id))
            done.append(Draw(i, dict(pt), _scalars(obs), time.perf_counter() - t, obs if keep_observations else None))
        verdicts = [_judge(f.id, ev, alpha) for f, ev in zip(formulas, evidence)]
    except Exception as exc:
        if not catch:
            raise
        lines = str(exc).strip().splitlines()
        msg = f"{type(exc).__name__}: {lines[-1] if lines else ''}".rstrip(": ")
        return Result(check.id, sz.name, sz.n, seed, backend, alpha, done, [], time.perf_counter() - t0, msg, traceback.format_exc())
    return Result(check.id, sz.name, sz.n, seed, backend, alpha, done, verdicts, time.perf_counter() - t0)
