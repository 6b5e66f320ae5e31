"""Exports and printers: strings (no GPU needed), and compiled with gcc and nvcc when present."""

from __future__ import annotations

import json
import math
import shutil
import subprocess

import pytest
import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p
from sympy.codegen.rewriting import expm1_opt, log1p_opt, optimize

from lmech import theory
from lmech.theory._codegen import CPrinter, CudaPrinter, NumbaPrinter, kernel_name

IDS = theory.ids()
CLOSED = [i for i in IDS if theory.get(i).exports]  # a numerical method has no code export (a recursion prints its loop)
#: formulas with a per-point domain test (self-consistent ones validate array constraints on the host)
SCALAR = [i for i in IDS if not isinstance(theory.get(i), theory.SelfConsistentFormula)]


def test_kernel_names_are_stable():
    assert kernel_name("mp.density") == "lmech_mp_density"
    assert theory.cuda(theory.get("mp.density")).name == "lmech_mp_density"


def test_latex_export():
    assert theory.latex(theory.get("wigner.density")).startswith(r"\operatorname{wigner.density}\left(x, \sigma^{2}\right) =")
    assert theory.latex(theory.get("mp.upper_edge")).startswith(r"\operatorname{mp.upper\_edge}")
    assert r"\inf" in theory.latex(theory.get("mp.quantile"))


@pytest.mark.parametrize("fid", IDS)
def test_json_export_roundtrips_srepr(fid):
    f = theory.get(fid)
    rec = json.loads(theory.json(f))
    assert rec["id"] == fid and rec["reference"] == f.reference
    # srepr text is our own output, not user input; expm1/log1p are sympy.codegen functions
    assert sp.sympify(rec["srepr"], locals={"expm1": expm1, "log1p": log1p}) == f.expr
    assert [p["name"] for p in rec["params"]] == list(f.param_names)


@pytest.mark.parametrize("module", ["numpy", "math", "mpmath"])
def test_python_export_runs(module):
    """A spot value; tests/test_export_run.py runs every formula's exports against the oracle."""
    src = theory.python(theory.get("mp.density"), module)
    ns: dict = {}
    exec(compile(src, "<export>", "exec"), ns)  # our generated source, not user text
    assert abs(float(ns["lmech_mp_density"](1.0, 0.5, 1.0)) - 0.42108439934779235) < 1e-14


def test_numeric_formulas_refuse_code_export_with_a_reason():
    f = theory.get("tracy_widom.cdf")
    for export in (theory.c, theory.cuda, theory.python):
        with pytest.raises(ValueError, match="no closed form"):
            export(f)
    assert r"\det" in theory.latex(f)


def test_self_consistent_formulas_export_latex_json_and_their_pointwise_solver():
    """stieltjes and density export as the solver (run in tests/test_selfconsistent.py); the
    quantities that need the host's critical-point analysis refuse with a reason."""
    f = theory.get("gmp.density")
    assert "lmech_gmp_density_newton" in theory.c(f) and "lmech_gmp_density_newton" in theory.cuda(f).preamble
    assert "def lmech_gmp_density(x, gamma, atoms, weights)" in theory.python(f)
    for fid in ("gmp.cdf", "gmp.upper_edge", "dyson.upper_edge"):
        for export in (theory.c, theory.cuda, theory.python):
            with pytest.raises(ValueError, match="critical points, computed on the host"):
                export(theory.get(fid))
    with pytest.raises(ValueError, match="module='numpy' only"):
        theory.python(f, "math")
    with pytest.raises(ValueError, match="float64 only"):
        theory.cuda(f, "float32")
    with pytest.raises(ValueError, match="array parameters"):
        theory.cuda_inside(f)
    rec = json.loads(theory.json(theory.get("dyson.density")))["self_consistent"]
    assert rec["quantity"] == "density" and [a["name"] for a in rec["arrays"]] == ["alpha", "S"]
    assert "KroneckerDelta" in rec["jacobian_srepr"] and r"\underline{m}" in theory.latex(f)


def test_python_export_of_an_implicit_formula_carries_its_solver():
    src = theory.python(theory.get("mp.quantile"), "math")
    assert "def lmech_mp_quantile_residual(" in src and "lmech_end(" in src
    with pytest.raises(ValueError, match="module"):
        theory.python(theory.get("mp.quantile"), "fortran")


def test_piecewise_prints_as_branches():
    """A top-level Piecewise becomes if/else statements, each branch with its own cse (a point
    computes only its branch); a nested one prints as a conditional expression."""
    f = theory.get("mp.density")
    c = theory.c(f)
    assert "if (" in c and "else {" in c and "if" in NumbaPrinter().doprint(f.expr)
    src = theory.c(theory.get("mp.cdf"))
    # one atan and one atan2 in each of the three gamma branches (merged by the atan2 addition rule), none hoisted
    assert src.count("atan2(") == 3 and src.count("atan(") == 3 and "?" in src


def test_complex_printing_uses_complex_functions():
    f = theory.get("mp.stieltjes")
    c = theory.c(f)
    assert "csqrt(" in c and "double complex lmech_mp_stieltjes(double complex z, double gamma, double sigma2)" in c
    cu = theory.cuda(f)
    assert "thrust::sqrt(" in cu.preamble and cu.in_params == "complex128 z, float64 gamma, float64 sigma2"
    assert cu.out_params == "complex128 out"


def test_float32_printing():
    c = theory.c(theory.get("mp.density"), "float32")
    assert "sqrtf(" in c and "float lmech_mp_density(float x" in c
    with pytest.raises(ValueError, match="dtype"):
        theory.c(theory.get("mp.density"), "float16")


def test_cuda_integer_literals_are_floating():
    # CUDA's fmin(int, double) resolves to a host-only template
    assert "fmin(1," not in theory.cuda(theory.get("mp.quantile")).preamble


def test_printers_fail_loudly_on_unsupported_nodes():
    x = sp.Symbol("x")
    for printer in (CPrinter(), CudaPrinter(), NumbaPrinter()):
        with pytest.raises(Exception):
            printer.doprint(sp.zeta(x, 2) + sp.Function("undefined_thing")(x))


def test_rewrite_rules_both_directions():
    x = sp.Symbol("x")
    assert optimize(sp.exp(x) - 1, [expm1_opt]) == expm1(x)
    assert optimize(sp.log(1 + x), [log1p_opt]) == log1p(x)
    # and back: every rewrite is an identity, also where it only partly applies
    for e, rule in ((sp.exp(x) - 2, expm1_opt), (sp.log(2 + x), log1p_opt), (sp.exp(2 * x) - 1, expm1_opt)):
        out = optimize(e, [rule])
        assert sp.simplify(out.rewrite(sp.exp).rewrite(sp.log) - e) == 0


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not installed")
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_c_export_compiles(tmp_path, dtype):
    for fid in CLOSED:
        src = tmp_path / f"{kernel_name(fid)}_{dtype}.c"
        src.write_text(theory.c(theory.get(fid), dtype))
        r = subprocess.run(["gcc", "-std=c99", "-Wall", "-Werror", "-c", str(src), "-o", str(src.with_suffix(".o"))], capture_output=True, text=True)
        assert r.returncode == 0, f"{fid}: {r.stderr}"


@pytest.mark.skipif(shutil.which("nvcc") is None, reason="nvcc not installed")
def test_cuda_export_compiles(tmp_path):
    """Every formula's device functions and its device-side domain kernel, each behind a
    __global__ wrapper shaped like CuPy's ElementwiseKernel loop, compiled for the device."""
    from cuda_host import loop_unit

    parts = ["#include <thrust/complex.h>"]
    for dtype in ("float64", "float32"):
        for fid in SCALAR:
            for cu in _kernels(theory.get(fid), dtype):
                preamble = cu.preamble.replace("#include <thrust/complex.h>", "")
                parts.append(loop_unit(f"{cu.name}_{dtype}", preamble, cu.in_params, cu.out_params, cu.operation, device=True))
    parts += _tracy_widom_units(loop_unit)
    src = tmp_path / "all.cu"
    src.write_text("\n".join(parts))
    r = subprocess.run(["nvcc", "-c", str(src), "-o", str(tmp_path / "all.o")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]


def _kernels(f, dtype: str) -> list:
    """What ``backend='cupy'`` compiles for a formula: its kernel (closed forms) and its domain kernel."""
    return ([theory.cuda(f, dtype), theory.cuda(f, dtype, checked=True)] if f.exports else []) + [theory.cuda_inside(f, dtype)]


def _tracy_widom_units(loop_unit) -> list[str]:
    """The device Tracy-Widom CDF and quantile (numeric formulas; float64 only)."""
    from lmech.numeric._tracy_widom import cuda_preamble

    pre = cuda_preamble()
    return [
        loop_unit(f"tw_{n}", pre, "float64 a, float64 beta", "float64 out", f"out = lmech_tracy_widom_{n}(a, beta)", device=True) for n in ("cdf", "quantile")
    ]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_cuda_kernels_compile_under_nvrtc(dtype):
    """What CuPy does at the first call: NVRTC, with no system headers (so no <math.h> macros).
    Every real-valued formula's kernel strings and domain kernel, as passed to ElementwiseKernel;
    complex ones need CuPy's own headers for thrust::complex and are compiled when CuPy is installed."""
    import importlib.util

    from cuda_host import loop_unit, nvrtc_compile, nvrtc_library

    from lmech.numeric._cupy import _nvrtc

    lib = nvrtc_library()
    if lib is None:
        pytest.skip("libnvrtc not found (pip install nvidia-cuda-nvrtc-cu12)")
    spec = importlib.util.find_spec("cupy")
    include = None if spec is None or spec.origin is None else __import__("pathlib").Path(spec.origin).parent / "_core" / "include"
    parts, compiled = [], []
    for fid in SCALAR:
        f = theory.get(fid)
        if f.complex_valued and include is None:
            continue
        for cu in _kernels(f, dtype):
            # CuPy spells the complex types complex<T> (cupy/complex.cuh: using thrust::complex)
            parts.append(loop_unit(cu.name, _nvrtc(cu.preamble), cu.in_params, cu.out_params, cu.operation, device=True, complex_name="complex"))
            compiled.append(cu.name)
    if dtype == "float64":
        parts += _tracy_widom_units(loop_unit)
    head = "#include <cupy/complex.cuh>\n" if include is not None else ""
    options = ["--std=c++17", "-arch=compute_70"] + ([f"-I{include}", f"-I{include}/cupy/_cuda/cuda-12"] if include is not None else [])
    status, log = nvrtc_compile(lib, head + "\n".join(parts), options)
    assert status == 0, "\n".join(line for line in log.splitlines() if "error" in line)[:3000]
    assert len(compiled) >= 3 * (len(CLOSED) - 2)


SPECIAL = {
    "tgamma": sp.gamma,
    "lgamma": sp.loggamma,
    "erf": sp.erf,
    "erfc": sp.erfc,
    "erfinv": sp.erfinv,
    "erfcinv": sp.erfcinv,
    "j0": lambda x: sp.besselj(0, x),
    "j1": lambda x: sp.besselj(1, x),
    "jn": lambda x: sp.besselj(3, x),
    "y0": lambda x: sp.bessely(0, x),
    "yn": lambda x: sp.bessely(2, x),
    "cyl_bessel_i0": lambda x: sp.besseli(0, x),
    "cyl_bessel_i1": lambda x: sp.besseli(1, x),
}


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_cuda_printer_maps_special_functions(dtype):
    """Special functions go to what the CUDA math library provides, in the dtype's spelling, and
    the result compiles with NVRTC (the library's declarations are built into it)."""
    from cuda_host import loop_unit, nvrtc_compile, nvrtc_library

    x = sp.Symbol("x", positive=True)
    printer = CudaPrinter(dtype=dtype)
    suffix = "f" if dtype == "float32" else ""
    bodies = []
    for name, fn in SPECIAL.items():
        text = printer.doprint(fn(x))
        assert text.startswith(f"{name}{suffix}("), (name, text)
        bodies.append(text)
    with pytest.raises(ValueError, match="cyl_bessel_i0 and cyl_bessel_i1 only"):
        printer.doprint(sp.besseli(2, x))
    with pytest.raises(ValueError, match="integer order"):
        printer.doprint(sp.besselj(sp.Rational(1, 2), x))
    lib = nvrtc_library()
    if lib is None:
        pytest.skip("libnvrtc not found")
    rt = "double" if dtype == "float64" else "float"
    pre = f"__device__ {rt} special({rt} x) {{\n    return {' + '.join(bodies)};\n}}\n"
    status, log = nvrtc_compile(lib, loop_unit("special", pre, f"{dtype} x", f"{dtype} out", "out = special(x)", device=True), ["-arch=compute_70"])
    assert status == 0, log


def test_one_solver_spec_serves_every_target():
    """The safeguarded solver is one spec emitted per target: the same statements in Python,
    mpmath, C and CUDA, and the mpmath variant (the oracle's) solves to the working precision."""
    import mpmath

    args = dict(name="f", params=["q"], lo="0.0", hi="2.0", residual=lambda at, lim: f"({at})**2 - q", derivative=lambda at, lim: f"2*({at})")
    py, mp_src = theory.solver_source("math", **args), theory.solver_source("mpmath", **args)
    c, cu = theory.solver_source("c", **args), theory.solver_source("cuda", **args, qualifier="__device__ ")
    assert "math.sqrt" in py and "mpmath.mp.eps" in mp_src and "double f(double q)" in c and cu.lstrip().startswith("__device__ double f(")
    assert c.count("if (") == cu.count("if (") and c.count("return") == py.count("return")
    namespace: dict = {"math": math}
    exec(py, namespace)  # noqa: S102 - the spec's own source
    assert namespace["f"](2.0) == pytest.approx(math.sqrt(2.0), rel=1e-15)
    with mpmath.workdps(50):
        root = theory.mp_solve(lambda u: u * u - 2, lambda u: 2 * u, mpmath.mpf(0), mpmath.mpf(2))
        assert abs(root - mpmath.sqrt(2)) < mpmath.mpf(10) ** -48
    with pytest.raises(ValueError, match="target='fortran'"):
        theory.solver_source("fortran", **args)
    with pytest.raises(ValueError, match="real_type='half'"):
        theory.solver_source("c", **args, real_type="half")
