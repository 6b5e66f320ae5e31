"""Every export of every closed-form formula is run and compared with the mpmath oracle.

Python (numpy, math, mpmath) is executed in a fresh namespace; C is compiled with gcc into one
shared library and called through ctypes; CUDA runs through the nvcc host stand-in in
tests/test_gpu.py (the kernel strings are the export's). Numeric formulas have no closed form:
the Python and C exports refuse them with a reason (tests/test_export.py), and their CUDA
export is the numeric method's device code (tests/test_gpu.py). Points are hypothesis draws
over the whole domain, edges included (verify.strategies); the tolerance is each formula's
documented accuracy.
"""

from __future__ import annotations

import ctypes
import shutil
import warnings

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings

from lmech import numeric, theory
from lmech.theory import kernel_name
from lmech.verify import strategies
from lmech.verify._accuracy import compare_point

CLOSED = [i for i in theory.ids() if theory.get(i).exports]  # closed forms, implicit formulas and recursions
TARGETS = ["numpy", "math", "mpmath", "c"]
#: formulas x targets run by this module (stated in the closing note)
RUNS = len(CLOSED) * len(TARGETS)


def _python(formula, module: str):
    ns: dict = {}
    exec(compile(theory.python(formula, module), f"<{formula.id}:{module}>", "exec"), ns)  # our generated source
    return ns[kernel_name(formula.id)]


def _scalar_args(formula, point: dict, convert):
    return [int(point[p.name]) if p.is_integer else convert(point[p.name]) for p in formula.params]


def _evaluator(formula, target: str, library):
    if target == "numpy":
        fn = _python(formula, "numpy")
        return lambda point: np.asarray(fn(*(np.asarray([point[p.name]]) for p in formula.params))).reshape(-1)[0].item()
    if target == "math":
        fn = _python(formula, "math")
        return lambda point: (
            complex(fn(*_scalar_args(formula, point, lambda v: v))) if formula.complex_valued else float(fn(*_scalar_args(formula, point, lambda v: v)))
        )

    if target == "mpmath":
        fn = _python(formula, "mpmath")

        def run(point):
            with mpmath.workdps(numeric.MP_DIGITS):
                v = fn(*_scalar_args(formula, point, mpmath.mpmathify))
            return complex(v) if formula.complex_valued else float(v)

        return run
    call = library(formula)
    return call


def _c_wrapper(formula) -> str:
    """An extern function ``<name>_call(const double* in, double* out)``: arguments as doubles (a
    complex one as two), the value into out[0] (and out[1])."""
    name = kernel_name(formula.id)
    args, j = [], 0
    for p in formula.params:
        if formula.complex_valued and not p.is_real:
            args.append(f"(in[{j}] + in[{j + 1}] * I)")
            j += 2
        else:
            args.append(f"in[{j}]")
            j += 1
    call = f"{name}({', '.join(args)})"
    if formula.complex_valued:
        body = f"double complex v = {call}; out[0] = creal(v); out[1] = cimag(v);"
    else:
        body = f"out[0] = {call};"
    return f"void {name}_call(const double* in, double* out) {{ {body} }}\n"


@pytest.fixture(scope="module")
def c_library(tmp_path_factory):
    if shutil.which("gcc") is None:
        pytest.skip("gcc not installed")
    from c_host import gcc_library

    units = {kernel_name(fid): theory.c(theory.get(fid)) + "\n" + _c_wrapper(theory.get(fid)) for fid in CLOSED}
    lib = gcc_library(tmp_path_factory.mktemp("cexport"), units, "exports")

    def function(formula):
        fn = getattr(lib, f"{kernel_name(formula.id)}_call")
        fn.argtypes = [ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double)]

        def call(point):
            values = []
            for p in formula.params:
                v = point[p.name]
                values += [complex(v).real, complex(v).imag] if (formula.complex_valued and not p.is_real) else [float(v)]
            arg = (ctypes.c_double * len(values))(*values)
            out = (ctypes.c_double * 2)()
            fn(arg, out)
            return complex(out[0], out[1]) if formula.complex_valued else out[0]

        return call

    return function


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("fid", CLOSED)
def test_export_runs_and_matches_oracle(fid, target, request):
    f = theory.get(fid)
    library = request.getfixturevalue("c_library") if target == "c" else None
    evaluate = _evaluator(f, target, library)

    @settings(max_examples=6, deadline=None)
    @given(point=strategies.params(f))
    def check(point):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no RuntimeWarning inside the domain, numpy included
            c = compare_point(f, point, evaluate=evaluate)
        if abs(c.reference) > np.finfo(np.float64).max:
            assert np.isinf(c.value), f"{fid} [{target}]: a value beyond float64 range must overflow to inf at {point}"
            return
        assert np.isfinite(c.value), f"{fid} [{target}]: non-finite {c.value} inside the domain at {point}"
        assert c.ok, f"{fid} [{target}] at {point}: |err|={c.error:.3g} > allowed {c.allowed:.3g} (kappa={c.kappa:.3g}, ref={c.reference}, got {c.value})"

    check()


def test_every_closed_formula_and_target_is_run():
    assert RUNS == len(CLOSED) * 4 and len(CLOSED) >= 40
