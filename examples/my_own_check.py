"""Your own result through lmech's public API: the fourth moment of the semicircle, 2 sigma^4.

Declared here, outside lmech's registry, it gets exports, compiled kernels, the mpmath-oracle
test, a simulation check with teeth (a dense GUE trace against the formula, Student t over
replicates) and a report.

    python examples/my_own_check.py [--n 200] [--replicates 200] [--report DIR]
"""

from __future__ import annotations

import argparse
import math
import tempfile

import numpy as np
import sympy as sp

from lmech import numeric, theory, verify
from lmech.verify import testing

sigma2 = sp.Symbol("sigma2", positive=True)
x = sp.Symbol("x", real=True)


def derive_fourth_moment() -> sp.Expr:
    """The integral of x^4 against the semicircle density sqrt(4 sigma2 - x^2)/(2 pi sigma2)."""
    rho = sp.sqrt(4 * sigma2 - x**2) / (2 * sp.pi * sigma2)
    return sp.simplify(sp.integrate(x**4 * rho, (x, -2 * sp.sqrt(sigma2), 2 * sp.sqrt(sigma2))))


FOURTH = theory.Formula(
    id="my.semicircle_m4",
    params=(sigma2,),
    domain={sigma2: sp.Interval.open(0, sp.oo)},
    expr=2 * sigma2**2,
    reference="Wigner, Ann. Math. 62 (1955): the Catalan number C_2 = 2 times sigma^4",
    description="fourth moment of the semicircle law of variance sigma2",
    derivation=derive_fourth_moment,
)


def simulate(point: dict, size: verify.Size, rng: np.random.Generator, backend: str) -> dict:
    """(1/N) tr W^4 of dense GUE matrices, E|W_ij|^2 = sigma2/N; its mean is sigma2^2 (2 + 1/N^2)."""
    n, values = size.n, []
    for _ in range(size.replicates):
        a = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
        w = (a + a.conj().T) * math.sqrt(point["sigma2"] / (4 * n))
        w2 = w @ w
        values.append(np.vdot(w2, w2).real / n)  # tr W^4 = |W^2|_F^2
    return {"traces": np.array(values), "N": n}


def decide(kernel: verify.Kernel, observation: dict, point: dict) -> verify.Evidence:
    return verify.decisions.student_t(observation["traces"], float(kernel(sigma2=point["sigma2"])))


CHECK = verify.Check(
    FOURTH,
    verify.Space({"sigma2": verify.Real(0.25, 4.0, log=True)}),
    simulate,
    decide,
    wrong=[verify.scaled("sigma2", 1.02)],
    sizes=[verify.Size("quick", 200, 3, {"replicates": 200})],
    title="fourth semicircle moment vs (1/N) tr W^4 of dense GUE matrices, Student t",
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--replicates", type=int, default=200)
    ap.add_argument("--report", default="")
    args = ap.parse_args()

    print("derived:", FOURTH.derive(), "| latex:", theory.latex(FOURTH))
    print(theory.c(FOURTH).strip().splitlines()[-3])
    kernel = numeric.compile(FOURTH, "numba")
    print("numba kernel at sigma2 = 0.5, 1, 2:", kernel(np.array([0.5, 1.0, 2.0])))
    testing.assert_matches_oracle(FOURTH)  # numba and numpy against 50-digit mpmath
    testing.assert_derivation(FOURTH)
    print("oracle and derivation tests: ok")

    check = verify.Check(
        **{**{f: getattr(CHECK, f) for f in CHECK.__dataclass_fields__}, "sizes": [verify.Size("quick", args.n, 3, {"replicates": args.replicates})]}
    )
    result = verify.run(check, seed=0)
    print(result.headline())
    for v in result.verdicts:
        print(" ", v.summary())
    assert result.ok and result.teeth
    with verify.registered(check):  # visible to lmech's own runner and report while the block lasts
        path = verify.report.write_report([result], args.report or tempfile.mkdtemp())
    print("report:", path)


if __name__ == "__main__":
    main()
