"""The pointwise solver of a self-consistent system, as source for every target.

One algorithm, the one ``numeric`` compiles with numba: continuation from ``Im z = R`` (the
declared support bound, where ``g = -1/z``) down to the point in steps of 1/8, damped Newton on
the SymPy Jacobian at each step, a last solve on the real axis itself (no hand-set eta), and a
branch certificate on every point (Im g > 0 above the axis; on the axis Im g > 0, or a real
solution whose stability operator has spectral radius below 1; within rounding of an edge,
where neither holds, the certified solution at ``x + i 4 eps |x|``). A point that fails its
certificate is NaN (C, CUDA) or an ``ArithmeticError`` (Python), never a number on the wrong
branch.

- ``SOLVER_PY``: the solver in Python (numba compiles it with a decorator; the Python export runs
  it as is). The spectral radius is ``numpy.linalg.eigvals``.
- ``solver_c``: the same solver in C99 or CUDA, with the system's pieces printed by SymPy's C
  printers. There is no LAPACK on the device, so the linear solve is Gaussian elimination with
  partial pivoting and the certificate's spectral radius is Gelfand's upper bound
  ``rho(B) <= ||B^(2^j)||^(1/2^j)`` (repeated squaring): a bound below 1 certifies, and it is
  never smaller than the true radius, so a C or CUDA certificate is never looser than the numba
  one.

The exports cover the pointwise quantities ``stieltjes`` and ``density``; the edges, the CDF and
the band structure of ``gmp`` need the critical-point analysis, which runs on the host
(``numeric.compile``).
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from ._codegen import CPrinter, CudaPrinter, kernel_name
from ._selfconsistent import SelfConsistentFormula, SelfConsistentSystem, _lower, _Lowered, _Printer, outermost_sums, system_source

__all__ = ["POINTWISE", "SOLVER_PY", "form_poles", "python_export", "solver_c", "solver_python"]

#: The quantities a self-consistent export computes point by point.
POINTWISE = ("stieltjes", "density")

#: The float solver in Python; ``{deco}`` is a decorator line (or nothing), ``{args}`` the parameters.
SOLVER_PY = '''
{deco}def norm(v):
    s = 0.0
    for a in range(v.shape[0]):
        s = max(s, abs(v[a]))
    return s


{deco}def newton(g, z, {args}, upper, maxit, F, J, Ft, Jt, gt, d):
    """Damped Newton on F(g; z) = 0 from g (in place); True when it converged."""
    L = g.shape[0]
    fj(g, z, {args}, F, J)
    r = norm(F)
    if not r < math.inf:
        return False
    for it in range(maxit):
        if r == 0.0:
            return True
        if L == 1:
            d[0] = F[0] / J[0, 0]
        else:
            d[:] = np.linalg.solve(J, F)
        dn = norm(d)
        gn = norm(g)
        if not dn < math.inf:
            return False
        if dn <= 4.0 * EPS * gn:  # the step is rounding: converged (no line search at the noise floor)
            for a in range(L):
                g[a] -= d[a]
            return True
        lam = 1.0
        accepted = False
        rt = r
        for _ in range(60):
            ok = True
            for a in range(L):
                gt[a] = g[a] - lam * d[a]
                if upper and not gt[a].imag > 0.0:
                    ok = False
            if ok:
                fj(gt, z, {args}, Ft, Jt)
                rt = norm(Ft)
                if rt < r:
                    accepted = True
                    break
            lam *= 0.5
        if not accepted:
            # no decrease left: the residual is at its rounding floor. Near a double root (an
            # edge) that floor leaves a step of eps/|F'| >> eps; |F| has no other local minima
            # with a small step (they sit where F' = 0, where the step is huge), so a small step
            # means converged to the accuracy the conditioning allows.
            return dn <= 1e-7 * gn
        for a in range(L):
            g[a] = gt[a]
            F[a] = Ft[a]
            for c in range(L):
                J[a, c] = Jt[a, c]
        r = rt
        if lam * dn <= 4.0 * EPS * max(gn, norm(g)):
            return True
    return False


{deco}def cold(g, z, {args}, R, F, J, Ft, Jt, gt, d):
    """Continuation from Im z = R (g = -1/z) down to z (Im z >= 0) in steps of 1/8."""
    x = z.real
    target = z.imag
    top = max(R, abs(x))
    zz = z if target >= top else complex(x, top)
    for a in range(g.shape[0]):
        g[a] = -1.0 / zz
    if not newton(g, zz, {args}, True, 200, F, J, Ft, Jt, gt, d):
        return False
    while zz.imag > target:
        e = 0.125 * zz.imag
        if e <= target or e < 1e-13 * max(abs(x), 1e-300):  # down to 1e-13 of the point's own scale
            break
        zz = complex(x, e)
        if not newton(g, zz, {args}, True, 200, F, J, Ft, Jt, gt, d):
            return False
    if zz.imag != target:
        return newton(g, z, {args}, target > 0.0, 400, F, J, Ft, Jt, gt, d)
    return True


{deco}def near_axis(g, z, {args}, R, F, J, Ft, Jt, gt, d):
    """The Herglotz solution at z + i 4 eps |z|, or None. Within rounding of an edge the axis
    solution is real to rounding and no certificate decides it; above the axis the Herglotz
    solution is unique (Im g > 0 certifies it), and its Poisson smoothing of width 4 ulps changes
    a square-root edge's density less than moving x by 64 ulps does (the kappa rule)."""
    zz = complex(z.real, 4.0 * EPS * max(abs(z.real), 1e-300))
    if cold(g, zz, {args}, R, F, J, Ft, Jt, gt, d) and upper_half(g):
        return zz
    return None


{deco}def radius(g, z, {args}, B):
    """Spectral radius of the stability operator at g."""
    stab(g, z, {args}, B)
    if B.shape[0] == 1:
        return abs(B[0, 0])
    return np.max(np.abs(np.linalg.eigvals(B)))


{deco}def upper_half(g):
    for a in range(g.shape[0]):
        if not g[a].imag > 0.0:
            return False
    return True


{deco}def real_or_upper(g, z, {args}, B, inside):
    """Certificate on the real axis: 1 inside (Im g > 0; unique where ``inside`` says the point is
    in the support), 0 outside (a real solution with stability radius < 1), -1 uncertified."""
    size = norm(g)
    im = 0.0
    for a in range(g.shape[0]):
        if g[a].imag < -1e-13 * size:
            return -1
        im = max(im, g[a].imag)
    if im > 1e-13 * size:
        return 1
    if inside:
        return -1
    return 0 if radius(g, z, {args}, B) < 1.0 + 1e-9 else -1
'''


def solver_python(system: SelfConsistentSystem, decorator: str = "") -> str:
    """The float solver (``SOLVER_PY``) for ``system``'s parameters, each function under ``decorator``."""
    args = ", ".join(p.name for p in system.scalars) + (", " if system.scalars else "") + ", ".join(a.name for a in system.arrays)
    return SOLVER_PY.format(deco=f"{decorator}\n" if decorator else "", args=args)


def form_poles(system: SelfConsistentSystem) -> list[sp.Expr]:
    """The real points where the Stieltjes form has a pole in ``z`` at a finite solution (SymPy ``solve``).

    ``gmp``: ``z = 0``, where the p x p transform carries the atom ``(1 - gamma)/z``; ``dyson``: none.
    There the continuous part's density is 0 (the atom is not density) and the axis solve is singular.
    """
    form = system.stieltjes
    dummies = {s: sp.Dummy() for s in form.free_symbols if s != system.z}
    den = sp.denom(sp.together(form.xreplace(dummies)))
    return [r for r in sp.solve(den, system.z) if r.is_real]


def _scale_source(system: SelfConsistentSystem, lengths: Mapping[sp.Symbol, str]) -> str:
    """Python ``scale(*params)``: the declared support bound R (nested sums as nested loops)."""
    printer = _Printer({"fully_qualified_modules": True, "standard": "python3"})
    st = _Lowered()
    src = _lower(system.scale, st, "    ", lengths, printer, "0.0")
    names = [p.name for p in system.scalars] + [a.name for a in system.arrays]
    return f"def scale({', '.join(names)}):\n" + "\n".join(st.lines) + f"\n    return {src}\n"


def python_export(formula: SelfConsistentFormula) -> str:
    """Source of a Python module (numpy) that evaluates a pointwise self-consistent quantity.

    ``lmech_<family>_<quantity>(point, *scalars, *arrays)`` broadcasts the point and the scalars;
    the arrays are one parameter row (a 1-D vector, a square matrix). A point whose branch is not
    certified raises ``ArithmeticError``; arguments are not validated (``numeric.compile`` does).
    """
    system = formula.system
    name = kernel_name(formula.id)
    lengths = {a.length: f"{a.name}.shape[0]" for a in system.arrays}
    scalars = [p.name for p in system.scalars]
    arrays = [a.name for a in system.arrays]
    args = ", ".join(scalars + arrays)
    point = formula.params[0].name
    density = formula.quantity == "density"
    count = "1" if not system.vector else f"{next(a.name for a in system.arrays if a.length == system.count)}.shape[0]"
    poles = [float(p) for p in form_poles(system)] if density else []
    loads = "".join(f"    {a.name} = numpy.ascontiguousarray({a.name}, dtype=float)\n" for a in system.arrays)
    body = f'''

def _point(z, {args}, R, work):
    g, F, J, Ft, Jt, gt, d, B = work
    below = z.imag < 0.0
    if below:
        z = z.conjugate()
    if not cold(g, z, {args}, R, F, J, Ft, Jt, gt, d):
        raise ArithmeticError(f"{formula.id}: the continuation did not converge at {{z!r}}")
    kind = (1 if upper_half(g) else -1) if z.imag > 0.0 else real_or_upper(g, z, {args}, B, False)
    if kind < 0 and z.imag == 0.0:
        zz = near_axis(g, z, {args}, R, F, J, Ft, Jt, gt, d)
        if zz is not None:
            kind, z = 1, zz
    if kind < 0:
        raise ArithmeticError(f"{formula.id}: the branch of the solution at {{z!r}} could not be certified")
    m = form(g, z, {args})
    if kind == 0:  # a certified real solution: the boundary value is real
        m = complex(m.real, 0.0)
    return m.conjugate() if below else m


def {name}({point}, {args}):
    """{formula.description}. {formula.reference}"""
{loads}    L = {count}
    vec, mat = (lambda: numpy.empty(L, complex)), (lambda: numpy.empty((L, L), complex))
    work = (vec(), vec(), mat(), vec(), mat(), vec(), vec(), mat())  # g, F, J, Ft, Jt, gt, d, B
    R = float(scale({args}))
    b = numpy.broadcast({point}, {", ".join(scalars) if scalars else "0.0"})
    out = numpy.empty(b.shape, {"float" if density else "complex"})
    for i, ({point}_i, *row) in enumerate(b):
        {"(" + ", ".join(scalars) + ",) = row" if scalars else "pass"}
'''
    if density:
        body += f"""        if {point}_i in {poles!r}:  # a pole of the form: an atom, not density
            out.flat[i] = 0.0
            continue
        m = _point(complex({point}_i, 0.0), {args}, R, work)
        out.flat[i] = max(m.imag, 0.0) / math.pi
"""
    else:
        body += f"        out.flat[i] = _point(complex({point}_i), {args}, R, work)\n"
    body += "    return out[()] if out.ndim == 0 else out\n"
    head = (
        f"# {formula.id}: generated by lmech; arguments {formula.signature()}\n"
        f"# the arrays are one parameter row; the point and the scalars broadcast\n"
        "import cmath\nimport math\n\nimport numpy\nimport numpy as np\n\nEPS = 2.220446049250313e-16\n\n"
    )
    return head + system_source(system) + "\n\n" + _scale_source(system, lengths) + solver_python(system) + body


# ---------------------------------------------------------------------------------- C / CUDA
class _SystemCPrinter(CPrinter):
    """C99 for the system's expressions: arrays as pointers (a matrix row-major), deltas as comparisons."""

    lengths: Mapping[str, str] = {}

    def _print_Indexed(self, expr):
        idx = [self._print(i) for i in expr.indices]
        if len(idx) == 1:
            return f"{expr.base.label}[{idx[0]}]"
        return f"{expr.base.label}[({idx[0]}) * {self.lengths[str(expr.base.label)]} + ({idx[1]})]"

    def _print_KroneckerDelta(self, expr):
        a, b = (self._print(x) for x in expr.args)
        return f"(({a}) == ({b}) ? 1.0 : 0.0)"

    def _print_Pow(self, expr):
        e = expr.exp
        if e.is_Integer and e != 0 and abs(int(e)) <= 4:
            b = f"({self._print(expr.base)})"
            prod = "*".join([b] * abs(int(e)))
            return f"({prod})" if e > 0 else f"(1.0/({prod}))"
        return super()._print_Pow(expr)


class _SystemCudaPrinter(_SystemCPrinter, CudaPrinter):
    """CUDA: the same, with ``thrust::complex``."""


def _c_lower(expr: sp.Expr, lines: list[str], indent: str, printer: CPrinter, ctype: str, lengths: Mapping[sp.Symbol, str], counter: list[int]) -> str:
    """Accumulator loops for the outermost sums of ``expr``; returns the expression's C text.

    Their bodies are lowered the same way, so a nested sum runs inside its outer loop.
    """
    names = {}
    for s in outermost_sums(expr):
        acc = f"acc{counter[0]}"
        counter[0] += 1
        lines.append(f"{indent}{ctype} {acc} = 0;")
        inner = indent
        for var, lo, hi in reversed(s.limits):  # SymPy lists the innermost limit first
            stop = sp.ccode((hi + 1).xreplace({k: sp.Symbol(v) for k, v in lengths.items()}))
            lines.append(f"{inner}for (long {var} = {int(lo)}; {var} < {stop}; ++{var}) {{")
            inner += "    "
        body = _c_lower(s.function, lines, inner, printer, ctype, lengths, counter)
        lines.append(f"{inner}{acc} += {body};")
        while inner != indent:
            inner = inner[:-4]
            lines.append(f"{inner}}}")
        names[s] = sp.Symbol(acc)
    return printer.doprint(expr.xreplace(names).xreplace({k: sp.Symbol(v) for k, v in lengths.items()}))


_C_SOLVER = """
{Q}double {P}_norm(const {T} *v, long L) {{
    double s = 0.0;
    for (long a = 0; a < L; ++a) s = fmax(s, {ABS}(v[a]));
    return s;
}}

/* A x = b by Gaussian elimination with partial pivoting (A and b overwritten, x in b); 0 if singular. */
{Q}int {P}_linsolve({T} *A, {T} *b, long L) {{
    for (long k = 0; k < L; ++k) {{
        long p = k;
        double best = {ABS}(A[k * L + k]);
        for (long i = k + 1; i < L; ++i) {{
            double v = {ABS}(A[i * L + k]);
            if (v > best) {{ best = v; p = i; }}
        }}
        if (!(best > 0.0)) return 0;
        if (p != k) {{
            for (long j = 0; j < L; ++j) {{ {T} s = A[k * L + j]; A[k * L + j] = A[p * L + j]; A[p * L + j] = s; }}
            {T} s = b[k]; b[k] = b[p]; b[p] = s;
        }}
        for (long i = k + 1; i < L; ++i) {{
            {T} f = A[i * L + k] / A[k * L + k];
            for (long j = k; j < L; ++j) A[i * L + j] -= f * A[k * L + j];
            b[i] -= f * b[k];
        }}
    }}
    for (long k = L - 1; k >= 0; --k) {{
        {T} s = b[k];
        for (long j = k + 1; j < L; ++j) s -= A[k * L + j] * b[j];
        b[k] = s / A[k * L + k];
    }}
    return 1;
}}

/* Damped Newton on F(g; z) = 0 from g (in place); 1 when it converged (the Python solver's twin). */
{Q}int {P}_newton({T} *g, {T} z, {PD}, int upper, int maxit, long L, {T} *F, {T} *J, {T} *Ft, {T} *Jt, {T} *gt, {T} *d) {{
    {P}_fj(g, z, {PA}, F, J);
    double r = {P}_norm(F, L);
    if (!(r < INFINITY)) return 0;
    for (int it = 0; it < maxit; ++it) {{
        if (r == 0.0) return 1;
        for (long a = 0; a < L; ++a) {{
            d[a] = F[a];
            for (long c = 0; c < L; ++c) Jt[a * L + c] = J[a * L + c];
        }}
        if (!{P}_linsolve(Jt, d, L)) return 0;
        double dn = {P}_norm(d, L);
        double gn = {P}_norm(g, L);
        if (!(dn < INFINITY)) return 0;
        if (dn <= 4.0 * LMECH_EPS * gn) {{
            for (long a = 0; a < L; ++a) g[a] -= d[a];
            return 1;
        }}
        double lam = 1.0;
        int accepted = 0;
        double rt = r;
        for (int h = 0; h < 60; ++h) {{
            int ok = 1;
            for (long a = 0; a < L; ++a) {{
                gt[a] = g[a] - lam * d[a];
                if (upper && !({IM}(gt[a]) > 0.0)) ok = 0;
            }}
            if (ok) {{
                {P}_fj(gt, z, {PA}, Ft, Jt);
                rt = {P}_norm(Ft, L);
                if (rt < r) {{ accepted = 1; break; }}
            }}
            lam *= 0.5;
        }}
        if (!accepted) return dn <= 1e-7 * gn;  /* at the residual's rounding floor: see the Python solver */
        for (long a = 0; a < L; ++a) {{
            g[a] = gt[a];
            F[a] = Ft[a];
            for (long c = 0; c < L; ++c) J[a * L + c] = Jt[a * L + c];
        }}
        r = rt;
        if (lam * dn <= 4.0 * LMECH_EPS * fmax(gn, {P}_norm(g, L))) return 1;
    }}
    return 0;
}}

/* Continuation from Im z = R (g = -1/z) down to z (Im z >= 0) in steps of 1/8, then z itself. */
{Q}int {P}_cold({T} *g, {T} z, {PD}, double R, long L, {T} *F, {T} *J, {T} *Ft, {T} *Jt, {T} *gt, {T} *d) {{
    double x = {RE}(z);
    double target = {IM}(z);
    double top = fmax(R, fabs(x));
    {T} zz = target >= top ? z : {CMPLX}(x, top);
    for (long a = 0; a < L; ++a) g[a] = -1.0 / zz;
    if (!{P}_newton(g, zz, {PA}, 1, 200, L, F, J, Ft, Jt, gt, d)) return 0;
    while ({IM}(zz) > target) {{
        double e = 0.125 * {IM}(zz);
        if (e <= target || e < 1e-13 * fmax(fabs(x), 1e-300)) break;
        zz = {CMPLX}(x, e);
        if (!{P}_newton(g, zz, {PA}, 1, 200, L, F, J, Ft, Jt, gt, d)) return 0;
    }}
    if ({IM}(zz) != target) return {P}_newton(g, z, {PA}, target > 0.0, 400, L, F, J, Ft, Jt, gt, d);
    return 1;
}}

/* The Herglotz solution at z + i 4 eps |z| (1 if certified): see the Python solver's near_axis. */
{Q}int {P}_near_axis({T} *g, {T} *z, {PD}, double R, long L, {T} *F, {T} *J, {T} *Ft, {T} *Jt, {T} *gt, {T} *d) {{
    *z = {CMPLX}({RE}(*z), 4.0 * LMECH_EPS * fmax(fabs({RE}(*z)), 1e-300));
    if (!{P}_cold(g, *z, {PA}, R, L, F, J, Ft, Jt, gt, d)) return 0;
    for (long a = 0; a < L; ++a) if (!({IM}(g[a]) > 0.0)) return 0;
    return 1;
}}

/* Gelfand's bound rho(B) <= ||B^(2^j)||_inf^(1/2^j) by repeated squaring, stopped once below 1 + 1e-9. */
{Q}double {P}_radius(const {T} *g, {T} z, {PD}, long L, {T} *B, {T} *M) {{
    {P}_stab(g, z, {PA}, B);
    if (L == 1) return {ABS}(B[0]);
    double ell = 0.0, bound = INFINITY;
    for (int j = 0; j < 48; ++j) {{
        double nrm = 0.0;
        for (long a = 0; a < L; ++a) {{
            double row = 0.0;
            for (long c = 0; c < L; ++c) row += {ABS}(B[a * L + c]);
            nrm = fmax(nrm, row);
        }}
        if (nrm == 0.0) return 0.0;  /* nilpotent */
        ell += log(nrm);
        bound = exp(ell / ldexp(1.0, j));
        if (bound < 1.0 + 1e-9) return bound;
        for (long a = 0; a < L * L; ++a) B[a] = B[a] / nrm;
        for (long a = 0; a < L; ++a)
            for (long c = 0; c < L; ++c) {{
                {T} s = 0.0;
                for (long b = 0; b < L; ++b) s += B[a * L + b] * B[b * L + c];
                M[a * L + c] = s;
            }}
        for (long a = 0; a < L * L; ++a) B[a] = M[a];
        ell *= 2.0;
    }}
    return bound;
}}

/* Certificate on the real axis: 1 (Im g > 0), 0 (a real solution with stability radius < 1), -1 uncertified. */
{Q}int {P}_certify(const {T} *g, {T} z, {PD}, long L, {T} *B, {T} *M) {{
    double size = {P}_norm(g, L), im = 0.0;
    for (long a = 0; a < L; ++a) {{
        if ({IM}(g[a]) < -1e-13 * size) return -1;
        im = fmax(im, {IM}(g[a]));
    }}
    if (im > 1e-13 * size) return 1;
    return {P}_radius(g, z, {PA}, L, B, M) < 1.0 + 1e-9 ? 0 : -1;
}}

/* The Stieltjes transform at z (z + i0 on the axis, the conjugate below it); NaN where uncertified. */
{Q}{T} {P}_solve({T} z, {PD}) {{
    const long L = {COUNT};
{WORK}    int below = {IM}(z) < 0.0;
    if (below) z = {CONJ}(z);
    const double R = {P}_scale({PA});
    if (!{P}_cold(g, z, {PA}, R, L, F, J, Ft, Jt, gt, d)) return {CMPLX}(NAN, NAN);
    int kind;
    if ({IM}(z) > 0.0) {{
        kind = 1;
        for (long a = 0; a < L; ++a) if (!({IM}(g[a]) > 0.0)) kind = -1;
    }} else {{
        kind = {P}_certify(g, z, {PA}, L, B, M);
        if (kind < 0 && {P}_near_axis(g, &z, {PA}, R, L, F, J, Ft, Jt, gt, d)) kind = 1;
    }}
    if (kind < 0) return {CMPLX}(NAN, NAN);
    {T} m = {P}_form(g, z, {PA});
    if (kind == 0) m = {CMPLX}({RE}(m), 0.0);
    return below ? {CONJ}(m) : m;
}}
"""

_C_TYPES = {
    "c": {"T": "double complex", "RE": "creal", "IM": "cimag", "ABS": "cabs", "CONJ": "conj", "CMPLX": "LMECH_CMPLX"},
    "cuda": {
        "T": "thrust::complex<double>",
        "RE": "LMECH_RE",
        "IM": "LMECH_IM",
        "ABS": "thrust::abs",
        "CONJ": "thrust::conj",
        "CMPLX": "thrust::complex<double>",
    },
}

_C_PRELUDE = {
    "c": "#ifndef LMECH_CMPLX\n/* C99 has no CMPLX: build from parts (no inf/nan parts reach it but NAN) */\n"
    "#define LMECH_CMPLX(a, b) ((double)(a) + (double)(b) * I)\n#endif\n",
    "cuda": "#ifndef LMECH_RE\n#define LMECH_RE(v) ((v).real())\n#define LMECH_IM(v) ((v).imag())\n#endif\n"
    "#ifndef LMECH_SC_MAX\n#define LMECH_SC_MAX 8  /* unknowns per point on the device (local arrays); -DLMECH_SC_MAX=n for more */\n#endif\n",
}


def c_signature(formula: SelfConsistentFormula) -> tuple[list[tuple[str, str]], list[str]]:
    """The parameters after the point as (C type, name): scalars, arrays (pointers), then each distinct length."""
    system = formula.system
    decl = [("double", p.name) for p in system.scalars] + [("const double *", a.name) for a in system.arrays]
    seen: list[str] = []
    for a in system.arrays:
        if a.length.name not in seen:
            seen.append(a.length.name)
    return decl + [("long", n) for n in seen], seen


def solver_c(formula: SelfConsistentFormula, target: str, qualifier: str, entry: str) -> str:
    """C99 (``target='c'``) or CUDA device source of a pointwise quantity: the system's pieces, the solver, the entry.

    The entry ``lmech_<family>_<quantity>(point, *scalars, *arrays, *lengths)`` returns the
    transform (complex) or the density (real); NaN where the branch is not certified.
    """
    system = formula.system
    name = kernel_name(formula.id)
    kinds = _C_TYPES[target]
    T = kinds["T"]
    params, _ = c_signature(formula)
    PD = ", ".join((f"{t}{n}" if t.endswith("*") else f"{t} {n}") for t, n in params)
    PA = ", ".join(n for _, n in params)
    lengths = {a.length: a.length.name for a in system.arrays}
    cls = _SystemCudaPrinter if target == "cuda" else _SystemCPrinter
    printer = cls(complex_valued=True)
    printer.lengths = {a.name: a.length.name for a in system.arrays if a.rank == 2}
    real_printer = cls(complex_valued=False)
    real_printer.lengths = printer.lengths
    z = sp.Symbol("z")
    swap = {system.z: z}
    counter = [0]
    out = [f"/* {formula.id}: {formula.description}\n * {formula.reference} */\n"]

    def func(head: str, lines: list[str]) -> None:
        out.append(f"\n{qualifier}{head} {{\n" + "\n".join(lines) + "\n}\n")

    # residual and Jacobian
    lines: list[str] = []
    if system.vector:
        a, c = system.index, system.column
        n = system.count.name
        lines.append(f"    for (long {a} = 0; {a} < {n}; ++{a}) {{")
        f_src = _c_lower(system.equation.xreplace(swap), lines, "        ", printer, T, lengths, counter)
        lines.append(f"        F[{a}] = {f_src};")
        lines.append(f"        for (long {c} = 0; {c} < {n}; ++{c}) {{")
        j_src = _c_lower(system.jacobian().xreplace(swap), lines, "            ", printer, T, lengths, counter)
        lines += [f"            J[{a} * {n} + {c}] = {j_src};", "        }", "    }"]
    else:
        g0 = {system.unknown: sp.Symbol("g0")}
        lines.append(f"    const {T} g0 = g[0];")
        f_src = _c_lower(system.equation.xreplace(swap).xreplace(g0), lines, "    ", printer, T, lengths, counter)
        lines.append(f"    F[0] = {f_src};")
        j_src = _c_lower(system.jacobian().xreplace(swap).xreplace(g0), lines, "    ", printer, T, lengths, counter)
        lines.append(f"    J[0] = {j_src};")
    func(f"void {name}_fj(const {T} *g, {T} z, {PD}, {T} *F, {T} *J)", lines)

    # the Stieltjes form and the stability operator
    lines = []
    form = system.stieltjes.xreplace(swap)
    if not system.vector:
        lines.append(f"    const {T} g0 = g[0];")
        form = form.xreplace({system.unknown: sp.Symbol("g0")})
    src = _c_lower(form, lines, "    ", printer, T, lengths, counter)
    func(f"{T} {name}_form(const {T} *g, {T} z, {PD})", [*lines, f"    return {src};"])
    lines = []
    if system.vector:
        a, c = system.index, system.column
        n = system.count.name
        lines.append(f"    for (long {a} = 0; {a} < {n}; ++{a}) {{")
        lines.append(f"        for (long {c} = 0; {c} < {n}; ++{c}) {{")
        b_src = _c_lower(system.stability.xreplace(swap), lines, "            ", printer, T, lengths, counter)
        lines += [f"            B[{a} * {n} + {c}] = {b_src};", "        }", "    }"]
    else:
        lines.append(f"    const {T} g0 = g[0];")
        b_src = _c_lower(system.stability.xreplace(swap).xreplace({system.unknown: sp.Symbol("g0")}), lines, "    ", printer, T, lengths, counter)
        lines.append(f"    B[0] = {b_src};")
    func(f"void {name}_stab(const {T} *g, {T} z, {PD}, {T} *B)", lines)

    # the support bound (real)
    lines = []
    src = _c_lower(system.scale, lines, "    ", real_printer, "double", lengths, counter)
    func(f"double {name}_scale({PD})", [*lines, f"    return {src};"])

    count = "1" if not system.vector else system.count.name
    if target == "cuda":
        size = "1" if not system.vector else "LMECH_SC_MAX"
        work = (
            (f"    if (L > {size}) return {kinds['CMPLX']}(NAN, NAN);  /* more unknowns than the local arrays hold */\n" if system.vector else "")
            + f"    {T} g[{size}], F[{size}], Ft[{size}], gt[{size}], d[{size}];\n"
            + f"    {T} J[{size} * {size}], Jt[{size} * {size}], B[{size} * {size}], M[{size} * {size}];\n"
        )
    else:
        work = f"    {T} g[L], F[L], Ft[L], gt[L], d[L], J[L * L], Jt[L * L], B[L * L], M[L * L];\n"
    out.append(_C_SOLVER.format(Q=qualifier, P=name, PD=PD, PA=PA, COUNT=count, WORK=work, **kinds))

    point = formula.params[0].name
    if formula.quantity == "stieltjes":
        out.append(f"\n{entry}{T} {name}({T} {point}, {PD}) {{\n    return {name}_solve({point}, {PA});\n}}\n")
    else:
        poles = " || ".join(f"{point} == {real_printer.doprint(p)}" for p in form_poles(system))
        pole_line = f"    if ({poles}) return 0.0;  /* a pole of the form: an atom, not density */\n" if poles else ""
        out.append(
            f"\n{entry}double {name}(double {point}, {PD}) {{\n{pole_line}"
            f"    const {T} m = {name}_solve({kinds['CMPLX']}({point}, 0.0), {PA});\n"
            f"    if ({kinds['RE']}(m) != {kinds['RE']}(m)) return NAN;\n"
            f"    return fmax({kinds['IM']}(m), 0.0) / 3.14159265358979323846;\n}}\n"
        )
    return "#ifndef LMECH_EPS\n#define LMECH_EPS 2.220446049250313e-16\n#endif\n" + _C_PRELUDE[target] + "".join(out)
