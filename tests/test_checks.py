"""Every check passes on the true formula and rejects a formula off by 2%, at the same size."""

from __future__ import annotations

import json

import pytest

import theory
import verify
from verify import checks
from verify.report import write_report

IDS = checks.check_ids()


@pytest.mark.parametrize("cid", IDS)
def test_check_passes_and_has_teeth(cid):
    check = checks.CHECKS[cid]
    good = verify.run(cid, seed=1)
    assert good.ok, good.verdict
    bad = verify.run(cid, seed=1, formula=check.wrong_formula())
    assert not bad.ok, f"sensitivity: the wrong formula {bad.formula_id} was not rejected: {bad.verdict}"
    assert bad.n == good.n  # same size


def test_run_result_fields():
    r = verify.run("mp.upper_edge", n=10**5, seed=3, examples=2)
    assert r.n == 10**5 and r.seed == 3 and len(r.examples) == 2 and r.wall > 0
    assert r.verdict.startswith("PASS") and r.formula_id == "mp.upper_edge"
    assert verify.run("mp.upper_edge", n=10**5, seed=3, examples=2).examples[0].params == r.examples[0].params


def test_run_rejects_bad_arguments():
    with pytest.raises(KeyError, match="no check"):
        verify.run("mp.nothing")
    with pytest.raises(ValueError, match="size"):
        verify.run("mp.cdf", size="huge")
    with pytest.raises(ValueError, match="n=1"):
        verify.run("mp.cdf", n=1)


def test_report_files(tmp_path):
    # pacbayes checks: n is the training-set size of each of their thousands of datasets
    # deeplinear checks: n is the layer width
    size = {"pacbayes": 100, "deeplinear": 5}
    dense = ("mp.universality", "mp.universality_t")
    results = [verify.run(cid, n=size.get(cid.split(".")[0], 20000), examples=1) for cid in IDS if cid not in dense]
    results += [verify.run(cid, n=300, examples=1) for cid in dense]
    md = write_report(results, tmp_path)
    data = json.loads((tmp_path / "report.json").read_text())
    assert [d["check_id"] for d in data] == [r.check_id for r in results]
    assert "mp_moment.png" in md.read_text() and "deeplinear_mode.png" in md.read_text()
    for r in results:
        assert (tmp_path / f"{r.check_id.replace('.', '_')}.png").read_bytes()[:4] == b"\x89PNG"


def test_pacbayes_rejects_the_empirical_risk_as_a_bound():
    """Sensitivity beyond the registered wrong formulas: no complexity term at all."""
    f = theory.get("pacbayes.mcallester")
    emp = f.param("emp_risk")
    naive = theory.Formula(id="pacbayes.emp_only", params=f.params, domain=f.domain, expr=emp, reference="none", description="empirical risk alone")
    for cid in ("pacbayes.mcallester", "pacbayes.kl_bound"):
        bad = verify.run(cid, seed=1, formula=naive)
        assert not bad.ok and bad.n == verify.run(cid, seed=1).n, bad.verdict
        assert max(bad.examples[0].params["violation_rate"].values()) > 0.3


def test_pacbayes_check_reports_rates_and_tightness():
    r = verify.run("pacbayes.kl_bound", seed=2, examples=1)
    p = r.examples[0].params
    assert set(p["violation_rate"]) == set(checks.PB_SETTINGS)
    assert all(v <= p["delta"] for v in p["violation_rate"].values())
    assert all(t > 0 for t in p["tightness"].values())  # a valid bound sits above the true risk on average
    assert r.tolerance < p["datasets"] * p["delta"] * 1.5


def test_resolve_families():
    assert checks.resolve(["wigner"]) == ["wigner.cdf", "wigner.density"]
    assert checks.resolve(["spiked_rect"]) == ["spiked_rect.overlap_left", "spiked_rect.overlap_right", "spiked_rect.singular_value"]
    with pytest.raises(KeyError):
        checks.resolve(["deeplinear_nope"])


@pytest.mark.slow
def test_esd_tolerance_is_calibrated(rng):
    """The KS tolerance sits well above the measured spread of the statistic: over 40 draws
    at N = 2000 the largest KS stays below 75% of the tolerance, for small and large beta."""
    import numpy as np
    import scipy.linalg

    import numeric
    from numeric import sim
    from verify import _stats

    cdf = numeric.compile("wigner.cdf")
    for beta in (0.5, 1.0, 4.0):
        worst = 0.0
        for _ in range(40):
            t = sim.hermite(2000, beta, rng)
            ev = scipy.linalg.eigvalsh_tridiagonal(t.d, t.e)
            f = cdf(ev, 1.0)
            i = np.arange(ev.size)
            worst = max(worst, np.abs((i + 1) / ev.size - f).max(), np.abs(i / ev.size - f).max())
        assert worst < 0.75 * _stats.esd_kolmogorov_tolerance(2000, 2000, beta), (beta, worst)


def test_strategy_arguments_are_validated():
    import theory
    from verify import strategies

    with pytest.raises(ValueError, match="min_value=2 is larger than max_value=1"):
        strategies.params(theory.get("mp.density"), min_value=2, max_value=1)
    with pytest.raises(ValueError, match="no parameter"):
        strategies.params(theory.get("mp.density"), beta=None)
    with pytest.raises(ValueError, match="0 < min_value"):
        strategies.log_uniform(min_value=0, max_value=1)


def _replaced(f, expr, suffix):
    from theory import Formula

    return Formula(**{k: getattr(f, k) for k in f.__dataclass_fields__} | {"id": f"{f.id}~{suffix}", "expr": expr, "derivation": None, "printed": None})


@pytest.mark.parametrize("cid", ["bbp.overlap", "spiked_wigner.overlap", "spiked_rect.overlap_left", "spiked_rect.overlap_right"])
def test_overlap_checks_reject_swapped_formula(cid):
    """An overlap with numerator and denominator swapped is rejected at the quick size."""
    import sympy as sp

    import theory

    f = theory.get(cid)
    (above, cond), _ = f.expr.args
    num, den = sp.fraction(sp.together(above))
    assert not verify.run(cid, seed=0, formula=_replaced(f, sp.Piecewise((den / num, cond), (0, True)), "swapped")).ok


def test_rectangular_checks_reject_left_right_mixup():
    """THEORY.md §3.3: the two overlap formulas are asymmetric; judging one with the other fails."""
    import theory

    left, right = theory.get("spiked_rect.overlap_left"), theory.get("spiked_rect.overlap_right")
    assert not verify.run("spiked_rect.overlap_left", seed=0, formula=_replaced(left, right.expr, "right")).ok
    assert not verify.run("spiked_rect.overlap_right", seed=0, formula=_replaced(right, left.expr, "left")).ok
