"""The check layer: the public API, the design of draws, Holm accounting, pickling, errors, reports.

Every registered check passing and rejecting its wrong formulas is tested by the testing kit
(tests/test_kit.py), on one simulation per draw.
"""

from __future__ import annotations

import json
import math
import pickle
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp
from hypothesis import given

from lmech import theory, verify
from lmech.verify import Check, Choice, Real, Size, Space, decisions
from lmech.verify.cli import main
from lmech.verify.report import write_report

IDS = verify.check_ids()


# ---------------------------------------------------------------------- a tiny user check
def simulate_mean(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    return {"values": rng.normal(point["mu"] * point["scale"], 1.0, size.n)}


def decide_mean(kernel, obs: dict, point: dict):
    return decisions.student_t(obs["values"], float(kernel(mu=point["mu"], scale=point["scale"])))


def simulate_broken(point, size, rng, backend):
    raise RuntimeError("simulated failure\nlast line of the message")


mu, scale = sp.symbols("mu scale", positive=True)
MEAN = theory.Formula(
    id="toy.mean",
    params=(mu, scale),
    domain={mu: sp.Interval.open(0, sp.oo), scale: sp.Interval.open(0, sp.oo)},
    expr=mu * scale,
    reference="none",
    description="a mean",
)
TOY = Check(
    MEAN, Space({"mu": Real(0.5, 2.0), "scale": Choice(1.0, 2.0)}), simulate_mean, decide_mean, wrong=[verify.scaled("mu", 1.2)], sizes=[Size("quick", 4000, 3)]
)


def test_user_check_runs_without_registration():
    r = verify.run(TOY, seed=0)
    assert r.ok and r.teeth and r.status == "PASS"
    assert [v.formula_id for v in r.verdicts] == ["toy.mean", "toy.mean~mu*1.2"]
    assert r.verdicts[0].tests == 3 and all(a is not None for row in r.verdicts[0].adjusted for a in row)
    with pytest.raises(KeyError, match="no check"):
        verify.get_check("toy.mean")


def test_registration_is_scoped():
    with verify.registered(TOY):
        assert "toy.mean" in verify.check_ids() and verify.run("toy.mean").ok
        with pytest.raises(ValueError, match="already registered"):
            verify.register(TOY)
    assert "toy.mean" not in verify.check_ids()


def test_check_declarations_are_validated():
    with pytest.raises(ValueError, match="at least one wrong formula"):
        Check(MEAN, TOY.space, simulate_mean, decide_mean, wrong=[], sizes=[Size("quick", 10, 1)])
    with pytest.raises(ValueError, match="named 'quick'"):
        Check(MEAN, TOY.space, simulate_mean, decide_mean, wrong=[verify.scaled("mu")], sizes=[Size("big", 10, 1)])
    with pytest.raises(TypeError, match="theory.Formula"):
        Check("toy.mean", TOY.space, simulate_mean, decide_mean, wrong=[verify.scaled("mu")], sizes=[Size("quick", 10, 1)])
    with pytest.raises(ValueError, match="size='full' is not a size of check toy.mean; its sizes are quick"):
        verify.run(TOY, size="full")
    with pytest.raises(AttributeError, match="no setting 'replicates'"):
        _ = Size("quick", 10, 1).replicates
    with pytest.raises(ValueError, match="draws=0"):
        Size("quick", 10, 0)


def test_run_rejects_bad_arguments():
    with pytest.raises(KeyError, match="no check"):
        verify.run("mp.nothing")
    with pytest.raises(ValueError, match="size='huge' is not a size"):
        verify.run("mp.cdf", size="huge")
    with pytest.raises(ValueError, match="n=1"):
        verify.run("mp.cdf", n=1)
    with pytest.raises(ValueError, match="backend='tpu'"):
        verify.run("mp.cdf", backend="tpu")


def test_a_crash_is_an_error_result_with_its_traceback():
    broken = Check(MEAN, TOY.space, simulate_broken, decide_mean, wrong=[verify.scaled("mu")], sizes=[Size("quick", 10, 2)], id="toy.broken")
    with pytest.raises(RuntimeError, match="simulated failure"):
        verify.run(broken)
    r = verify.run(broken, catch=True)
    assert r.status == "ERROR" and not r.ok and r.error == "RuntimeError: last line of the message"
    assert "simulate_broken" in r.traceback


def test_cli_keeps_finished_results_when_one_check_crashes(tmp_path, capsys):
    broken = Check(MEAN, TOY.space, simulate_broken, decide_mean, wrong=[verify.scaled("mu")], sizes=[Size("quick", 10, 2)], id="toy.broken")
    with verify.registered(TOY, broken):
        assert main(["check", "toy", "--report", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "ERROR" in out and "last line of the message" in out and "1/2 checks passed" in out
    data = json.loads((tmp_path / "report.json").read_text())
    assert [d["status"] for d in data] == ["ERROR", "PASS"]
    assert "simulate_broken" in (tmp_path / "report.md").read_text()


def test_cli_fail_fast_and_missing_size(tmp_path, capsys):
    broken = Check(MEAN, TOY.space, simulate_broken, decide_mean, wrong=[verify.scaled("mu")], sizes=[Size("quick", 10, 2)], id="toy.broken")
    with verify.registered(TOY, broken):
        assert main(["check", "toy", "--fail-fast", "--report", ""]) == 1
        assert "0/1 checks passed" in capsys.readouterr().out
        assert main(["check", "toy.mean", "--size", "full"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "size='full' is not a size of check toy.mean" in err


# ------------------------------------------------------------------------------ the design
def test_draws_are_a_pure_function_of_check_size_and_seed():
    c = verify.get_check("mp.cdf")
    size = c.size("quick")
    assert c.points(size, 3) == c.points(size, 3)
    assert c.points(size, 3) != c.points(size, 4)
    assert c.points(size, 3) != verify.get_check("mp.density").points(size, 3)  # the check is part of the key
    first = [c.points(size, s)[1] for s in range(6)]
    assert len({tuple(p.values()) for p in first}) == 6


@pytest.mark.parametrize("cid", IDS)
def test_seeds_0_to_19_cover_every_level_and_stay_in_the_space(cid):
    c = verify.get_check(cid)
    size = c.size("quick")
    points = [p for s in range(20) for p in c.space.points(size.draws, s, key=f"{c.id}/{size.name}")]
    for name, dim in c.space.params.items():
        if isinstance(dim, Choice):
            raw = [p[name] for p in points]
            assert set(raw) == set(dim.levels), (name, set(raw))
    if c.space.transform is None:
        for name, dim in c.space.params.items():
            if isinstance(dim, Real):
                assert all(any(a <= p[name] <= b for a, b in dim.intervals) for p in points)


def test_first_draw_is_a_corner_and_the_rest_quasi_random():
    space = Space({"a": Real(1.0, 2.0), "b": Real((0.1, 0.2), (1.0, 10.0), log=True)})
    corners = {tuple(space.points(3, s)[0].values()) for s in range(4)}
    assert corners == {(1.0, 0.1), (2.0, 0.1), (1.0, 10.0), (2.0, 10.0)}
    inner = [p for s in range(50) for p in space.points(5, s)[1:]]
    assert all(1.0 <= p["a"] <= 2.0 and (0.1 <= p["b"] <= 0.2 or 1.0 <= p["b"] <= 10.0) for p in inner)
    # the log-length of (0.1, 0.2) is log 2 of log 200: about 13% of the draws fall there
    share = np.mean([p["b"] <= 0.2 for p in inner])
    assert 0.05 < share < 0.25


def test_real_rejects_bad_intervals():
    with pytest.raises(ValueError, match="lo <= hi"):
        Real(2.0, 1.0)
    with pytest.raises(ValueError, match="positive bounds"):
        Real(0.0, 1.0, log=True)
    with pytest.raises(ValueError, match="increasing and disjoint"):
        Real((1.0, 3.0), (2.0, 4.0))


@given(point=verify.get_check("deeplinear.mode_deep").space.strategy())
def test_space_strategy_draws_inside_the_space(point):
    assert point["depth"] in (3, 4) and 1e-3 <= point["u0"] <= 0.1
    s = point["s"]
    assert s[0] > s[1] > s[2] >= 0.5 and min(s[0] - s[1], s[1] - s[2]) >= 0.25 - 1e-12  # sums of drawn gaps, rounded


def test_same_seed_is_bitwise_equal_in_a_script():
    """report.json statistics do not depend on the test runner (pytest's hypothesis profile) or the process."""
    here = [r.to_json() for r in (verify.run("mp.upper_edge", n=20000, seed=5), verify.run("mp.moment", n=2000, seed=5, draws=2))]
    code = (
        "import json; from lmech import verify; "
        "print(json.dumps([r.to_json() for r in (verify.run('mp.upper_edge', n=20000, seed=5), verify.run('mp.moment', n=2000, seed=5, draws=2))]))"
    )
    there = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    for a, b in zip(here, there):
        assert json.dumps(a["draws"]) == json.dumps(b["draws"])
        assert json.dumps(a["verdicts"]) == json.dumps(b["verdicts"])


# ------------------------------------------------------------------------- the statistics
def test_holm_matches_its_definition():
    p = np.array([0.01, 0.04, 0.03, 0.005])
    # sorted: 0.005, 0.01, 0.03, 0.04 -> 4*0.005, 3*0.01, 2*0.03, 1*0.04, running max
    np.testing.assert_allclose(verify.holm(p), [0.03, 0.06, 0.06, 0.02])
    assert verify.holm([]).size == 0


def test_decisions_report_p_values_or_labelled_bounds():
    rng = np.random.default_rng(0)
    t = decisions.student_t(rng.normal(1.0, 1.0, 100), 1.0)
    assert t.kind == "p-value" and 0 < t.pvalue <= 1
    z = decisions.clt_z(1.0 + 3.0 / math.sqrt(100), 1.0, 1.0, 100)
    assert z.pvalue == pytest.approx(0.0026997960632601965)
    ks = decisions.ks_one_sample(rng.uniform(size=200), cdf=lambda x: x)
    assert ks.pvalue > 1e-3
    b = decisions.binomial_coverage(12, 100, 0.05)
    assert b.pvalue == pytest.approx(float(__import__("scipy.stats").stats.binom.sf(11, 100, 0.05)))
    esd = decisions.esd_kolmogorov(np.array([0.1, 0.5]), np.array([0.1, 0.5004]), n_eff=10**4, size=10**4, beta=1.0)
    assert esd.kind == "bound" and esd.holds and "log-correlated" in esd.derivation
    with pytest.raises(ValueError, match="exactly one of pvalue and bound"):
        decisions.Evidence("x", 1.0, None, 0.0, 0.0)


def test_alpha_is_split_over_every_p_value():
    r = verify.run("mp.moment", n=2000, seed=0, draws=2)
    tests = r.verdicts[0].tests
    assert tests == 2 * 6  # two draws of six moments
    flat = [e.pvalue for row in r.verdicts[0].evidence for e in row]
    assert min(a for row in r.verdicts[0].adjusted for a in row) == pytest.approx(min(1.0, min(flat) * tests))


# ------------------------------------------------------------------------------- pickling
@pytest.mark.parametrize("cid", IDS)
def test_checks_and_their_formulas_pickle(cid):
    c = verify.get_check(cid)
    back = pickle.loads(pickle.dumps(c))
    assert back.id == c.id and back.formula.id == c.formula.id
    assert [f.id for f in back.wrong_formulas()] == [f.id for f in c.wrong_formulas()]
    assert back.points(back.size("quick"), 2) == c.points(c.size("quick"), 2)


def test_results_pickle():
    r = verify.run(TOY, seed=1)
    back = pickle.loads(pickle.dumps(r))
    assert back.to_json() == r.to_json()


# -------------------------------------------------------------------------------- reports
def test_report_files(tmp_path):
    # pacbayes: n is the training-set size of each of its thousands of datasets; deeplinear: the layer width
    size = {"pacbayes": 100, "deeplinear": 5, "nngp": 256}  # nngp: the hidden width
    dense = ("mp.universality", "mp.universality_t", "gmp.esd", "gmp.upper_edge", "dyson.esd", "dyson.upper_edge")  # dense matrices: small
    dense += ("transient_bbp.edge", "transient_bbp.outlier", "transient_bbp.gd", "transient_bbp.overlap")
    results = [verify.run(cid, n=size.get(cid.split(".")[0], 20000), draws=1) for cid in IDS if cid not in dense]
    results += [verify.run(cid, n=300, draws=1) for cid in dense]
    results.append(verify.run(TOY, draws=1))
    md = write_report(results, tmp_path, checks={"toy.mean": TOY})
    data = json.loads((tmp_path / "report.json").read_text())
    assert [d["check_id"] for d in data] == [r.check_id for r in results]
    for d in data:  # every check records p-values, or bounds with their derivation
        for e in (e for row in d["verdicts"][0]["evidence"] for e in row):
            assert (e["pvalue"] is not None) or (e["bound"] is not None and e["derivation"])
    text = md.read_text()
    assert "mp_moment.png" in text and "deeplinear_mode.png" in text and "toy_mean.png" in text
    for r in results:
        assert (tmp_path / f"{r.check_id.replace('.', '_')}.png").read_bytes()[:4] == b"\x89PNG"


def test_report_leaves_the_matplotlib_backend_alone(tmp_path):
    code = (
        "import matplotlib; matplotlib.use('svg'); from lmech import verify; from lmech.verify.report import write_report; "
        f"write_report([verify.run('mp.upper_edge', n=20000, draws=1)], r'{tmp_path}'); print(matplotlib.get_backend())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "svg"


# ------------------------------------------------------------------- sensitivity, further
def test_pacbayes_rejects_the_empirical_risk_as_a_bound():
    """Beyond the registered wrong formulas: no complexity term at all, on the same simulations."""
    f = theory.get("pacbayes.mcallester")
    naive = theory.Formula(
        id="pacbayes.emp_only", params=f.params, domain=f.domain, expr=f.param("emp_risk"), reference="none", description="empirical risk alone"
    )
    for cid in ("pacbayes.mcallester", "pacbayes.kl_bound"):
        r = verify.run(cid, seed=1, wrong=[naive])
        assert r.ok and not r.verdicts[-1].ok, r.verdicts[-1].summary()
        assert max(e.details["rate"] for e in r.verdicts[-1].evidence[0]) > 0.3


def test_pacbayes_check_reports_rates_and_tightness():
    r = verify.run("pacbayes.kl_bound", seed=2, draws=1)
    ev = r.verdicts[0].evidence[0]
    assert {e.label for e in ev} == {"threshold/gibbs", "threshold/erm", "gaussian/linear"}
    delta = r.draws[0].point["delta"]
    assert all(e.details["rate"] <= delta for e in ev)
    assert all(e.details["tightness"] > 0 for e in ev)  # a valid bound sits above the true risk on average


def test_resolve_families():
    assert verify.resolve(["wigner"]) == ["wigner.cdf", "wigner.density"]
    assert verify.resolve(["spiked_rect"]) == ["spiked_rect.overlap_left", "spiked_rect.overlap_right", "spiked_rect.singular_value"]
    with pytest.raises(KeyError):
        verify.resolve(["deeplinear_nope"])


@pytest.mark.slow
def test_esd_bound_is_calibrated(rng):
    """The KS bound sits well above the measured spread of the statistic: over 40 draws at
    N = 2000 the largest KS stays below 75% of the bound, for small and large beta."""
    import scipy.linalg

    from lmech import numeric
    from lmech.numeric import sim

    cdf = numeric.compile("wigner.cdf")
    for beta in (0.5, 1.0, 4.0):
        worst = 0.0
        for _ in range(40):
            t = sim.hermite(2000, beta, rng)
            ev = scipy.linalg.eigvalsh_tridiagonal(t.d, t.e)
            f = cdf(ev, 1.0)
            i = np.arange(ev.size)
            worst = max(worst, np.abs((i + 1) / ev.size - f).max(), np.abs(i / ev.size - f).max())
        assert worst < 0.75 * decisions.esd_kolmogorov_bound(2000, 2000, beta), (beta, worst)


def test_strategy_arguments_are_validated():
    from lmech.verify import strategies

    with pytest.raises(ValueError, match="min_value=2 is larger than max_value=1"):
        strategies.params(theory.get("mp.density"), min_value=2, max_value=1)
    with pytest.raises(ValueError, match="no parameter"):
        strategies.params(theory.get("mp.density"), beta=None)
    with pytest.raises(ValueError, match="0 < min_value"):
        strategies.log_uniform(min_value=0, max_value=1)


def swapped_overlap(f):
    (above, cond), _ = f.expr.args
    num, den = sp.fraction(sp.together(above))
    return sp.Piecewise((den / num, cond), (0, True))


@pytest.mark.parametrize("cid", ["bbp.overlap", "spiked_wigner.overlap", "spiked_rect.overlap_left", "spiked_rect.overlap_right"])
def test_overlap_checks_reject_swapped_formula(cid):
    """An overlap with numerator and denominator swapped is rejected at the quick size."""
    f = theory.get(cid)
    r = verify.run(cid, seed=0, wrong=[verify.substituted(swapped_overlap, "swapped")(f)])
    assert r.ok and not r.verdicts[-1].ok


def test_rectangular_checks_reject_left_right_mixup():
    """THEORY.md §3.3: the two overlap formulas are asymmetric; judging one with the other fails."""
    left, right = theory.get("spiked_rect.overlap_left"), theory.get("spiked_rect.overlap_right")
    as_right = verify.substituted(lambda f: right.expr, "right")(left)
    as_left = verify.substituted(lambda f: left.expr, "left")(right)
    assert not verify.run("spiked_rect.overlap_left", seed=0, wrong=[as_right]).verdicts[-1].ok
    assert not verify.run("spiked_rect.overlap_right", seed=0, wrong=[as_left]).verdicts[-1].ok


@pytest.mark.parametrize(
    "cid, n",
    [
        ("mp.cdf", 20000),
        ("deeplinear.mode", 5),
        ("deeplinear.mode_deep", 5),
        ("tracy_widom.cdf", 300),
        ("pacbayes.kl_bound", 100),
        ("pacbayes.gibbs_bound", 100),
    ],
)
def test_wrong_kernels_reuse_the_true_kernel_exactly(cid, n):
    """A wrong formula that substitutes an argument is judged through the true compiled kernel at
    the transformed argument; judging the wrong formula compiled in its own right, on the same
    observations, gives the same statistics."""
    c = verify.get_check(cid)
    assert all(hasattr(w, "arguments") for w in c.wrong)
    r = verify.run(c, n=n, draws=1, wrong=c.wrong_formulas())
    k = len(c.wrong)
    for reused, compiled in zip(r.verdicts[1 : 1 + k], r.verdicts[1 + k :]):
        assert reused.formula_id == compiled.formula_id
        for a, b in zip(reused.evidence[0], compiled.evidence[0]):
            assert a.statistic == pytest.approx(b.statistic, rel=1e-9, abs=1e-12), (a, b)
