"""Every compiled CPU kernel of every registered formula against the 50-digit mpmath oracle."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import theory
from verify import strategies
from verify._accuracy import compare_point


@pytest.mark.parametrize("fid", [i for i in theory.ids() if not theory.get(i).numeric])  # numeric ones: test_tracy_widom.py
@pytest.mark.parametrize("backend", ["numba", "numpy"])
def test_kernel_matches_mpmath(fid, backend):
    formula = theory.get(fid)

    @settings(max_examples=60 if backend == "numba" else 25)
    @given(point=strategies.params(formula))
    def check(point):
        c = compare_point(formula, point, backend)
        if abs(c.reference) > np.finfo(np.float64).max:
            assert np.isinf(c.value), "a value beyond float64 range must overflow to inf"
            return
        assert np.isfinite(c.value), f"non-finite {c.value} inside the domain at {point}"
        if backend == "numba":
            assert c.ok, f"{fid} at {point}: |err|={c.error:.3g} > allowed {c.allowed:.3g} (kappa={c.kappa:.3g}, ref={c.reference})"

    check()
