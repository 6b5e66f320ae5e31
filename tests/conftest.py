"""Shared fixtures: hypothesis profiles, a seeded Generator, markers, isolated caches."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def rng() -> np.random.Generator:
    """A fresh, seeded Generator per test: never the global numpy state."""
    return np.random.default_rng(20261122)


@pytest.fixture(autouse=True)
def _no_global_random_state():
    # Fail loudly if any code touched numpy's legacy global RNG during the test.
    before = np.random.get_state()[1].copy()
    yield
    after = np.random.get_state()[1]
    assert np.array_equal(before, after), "global numpy random state was used"


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty lmech source cache for tests that exercise the cache itself."""
    d = tmp_path / "cache"
    monkeypatch.setenv("LMECH_CACHE_DIR", str(d))
    yield d
    shutil.rmtree(d, ignore_errors=True)


def _has_gpu() -> bool:
    try:
        import cupy

        return cupy.cuda.runtime.getDeviceCount() > 0
    except Exception:
        return False


def pytest_collection_modifyitems(config, items):
    if not _has_gpu():
        skip = pytest.mark.skip(reason="needs CuPy and a CUDA device")
        for item in items:
            if "gpu" in item.keywords:
                item.add_marker(skip)


def user_numeric_formula(fid: str, mp, description: str = "a user's own numeric result"):
    """A ``NumericFormula`` of one real ``x`` in [-5, 5], as a user would declare one (its
    reference ``mp`` and no registered float64 method)."""
    import sympy as sp

    from lmech import theory

    x = sp.Symbol("x", real=True)
    return theory.NumericFormula(
        id=fid,
        params=(x,),
        domain={x: sp.Interval(-5, 5)},
        expr=sp.Function("UserNumeric")(x),
        reference="a user's own numeric result (test)",
        description=description,
        mp=mp,
    )
