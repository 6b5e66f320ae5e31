"""Wide-network checks: the infinite-width NNGP and NTK recursions against ensembles of real finite networks.

Declared through the public check API only. Every check is a Student t of a Monte-Carlo mean over
independent initialisations (seeds) against the formula; the finite-width bias of those means is
O(depth/width) (Roberts, Yaida & Hanin, arXiv 2106.10165, Ch. 4: the leading correction to the
kernel's mean is 1/width times the four-point vertex; not yet encoded). The Monte-Carlo standard
error of S seeds at width n falls as 1/sqrt(S n) and the bias as 1/n, so the sizes keep S below n:
measured relative biases are about -1.1/width (ReLU, depth 3), -0.8/width (ReLU, depth 5) and
+0.3/width (erf, depth 5) for the NNGP, and |bias| < 1/width for the NTK, against standard errors of
0.15% (NNGP, width 4096, 2000 seeds) and 0.8% (NTK, width 256, 800 seeds).

- ``nngp.kernel`` / ``nngp.erf_kernel`` / ``nngp.tanh_kernel``: the output's conditional NNGP E[f f' | last hidden layer]
  (the same mean as f f', less variance) of networks sampled exactly in law (``sim.mlp_pair``) at
  widths n/2 and n, against ``nngp.relu_nngp`` / ``nngp.erf_nngp`` / ``nngp.tanh_nngp`` (by quadrature). Wrong: C_W x 1.02.
- ``nngp.ntk``: the empirical NTK of explicit networks (backpropagation over every weight and bias,
  ``sim.mlp_ntk``) on a pair of inputs in R^10, against ``nngp.relu_ntk``. Wrong: C_W x 1.02, and the
  NTK without its E[phi' phi'] Theta term (which is the NNGP kernel, ``nngp.relu_nngp``).
- ``nngp.criticality``: ReLU at C_b = 0, C_W in {1.8, 2, 2.2}: E q_l = (C_W/2)^(l - 1) C_W q for every
  hidden layer l (``nngp.relu_nngp`` on the diagonal at depth l - 1), one Student t per layer.
  Wrong: C_W x 1.02 (a 2% error compounds to 20% over ten layers).
- ``nngp.kurtosis``: the excess kurtosis of a hidden preactivation of leaky ReLU networks at C_b = 0,
  layers 2 to ``depth``, widths n/8 to n, against ``nngp.kurtosis_exact`` (exact at every width, so
  no bias): from the conditional variances G_l of exact-in-law forward passes, 3 (mean G^2/mean G^2 - 1)
  (E z^4 = 3 E G^2), one delta-method z per (width, layer). Wrong: the vertex coefficient c x 1.1, and the
  leading order 3 c (l - 1)/n alone (``nngp.kurtosis``), which misses the higher orders in l/n: 27% of the
  ReLU kurtosis at layer 10 of width 64, 0.4% at layer 2.
- ``nngp.tanh_correlation`` / ``nngp.erf_correlation``: networks started at their fixed point q* with
  correlation 1 - 1e-4; the per-layer contraction of 1 - c, width-extrapolated, against chi_perp(q*).
- ``nngp.erf_vertex`` / ``nngp.tanh_vertex``: n Var(G_l) of the conditional preactivation variance,
  width-extrapolated (2 [n Var]_n - [n Var]_(n/2)), against the four-point vertex V_l. Wrong: C_W x 1.05
  (V moves 4-8% under C_W x 1.02, which 20000 networks resolve only at z of about 3).
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from lmech import numeric, theory
from lmech.numeric import sim
from lmech.verify import Check, Choice, Kernel, Real, Size, Space, decisions, register, scaled, substituted

PAIR = ("q1", "q2", "q12")


def pair_point(point: dict) -> dict:
    """Inputs with q1 = 1, q2 and correlation rho drawn: q12 = rho sqrt(q1 q2)."""
    q1, q2 = 1.0, point["q2"]
    return {**point, "q1": q1, "q12": point["rho"] * math.sqrt(q1 * q2)}


def _args(point: dict) -> dict:
    return {k: point[k] for k in ("depth", "q1", "q2", "q12", "C_W", "C_b")}


def _simulate_kernel(activation: str):
    def simulate(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
        out = {}
        for width in (size.n // 2, size.n):
            r = sim.mlp_pair(point["q1"], point["q2"], point["q12"], point["depth"], width, point["C_W"], point["C_b"], activation, size.seeds, rng)
            out[width] = r["nngp"]
        return {"nngp": out, "args": _args(point)}

    simulate.__name__ = f"simulate_{activation}_kernel"
    simulate.__qualname__ = simulate.__name__
    return simulate


simulate_relu_kernel = _simulate_kernel("relu")
simulate_erf_kernel = _simulate_kernel("erf")
simulate_tanh_kernel = _simulate_kernel("tanh")


def decide_kernel(kernel: Kernel, obs: dict, point: dict) -> list[decisions.Evidence]:
    """One Student t per width of the mean conditional NNGP against the formula."""
    k = float(kernel(**obs["args"]))
    return [decisions.student_t(v, k, label=f"width {w}: mean E[f f'|h] vs K") for w, v in obs["nngp"].items()]


_KERNEL_SPACE = Space(
    {"depth": Choice(1, 2, 3, 5), "q2": Real(0.5, 2.0), "rho": Real(-0.9, 0.95), "C_W": Real(1.5, 2.5), "C_b": Real(0.0, 0.3)},
    transform=pair_point,
)
_KERNEL_SIZES = (Size("quick", 4096, 4, {"seeds": 2000}), Size("full", 8192, 8, {"seeds": 6000}))

for _simulate, _id, _name, _label in (
    (simulate_relu_kernel, "nngp.kernel", "relu", "ReLU"),
    (simulate_erf_kernel, "nngp.erf_kernel", "erf", "erf"),
    (simulate_tanh_kernel, "nngp.tanh_kernel", "tanh", "tanh (quadrature)"),
):
    register(
        Check(
            theory.get(f"nngp.{_name}_nngp"),
            _KERNEL_SPACE,
            _simulate,
            decide_kernel,
            wrong=[scaled("C_W", 1.02)],
            sizes=_KERNEL_SIZES,
            id=_id,
            title=f"Wide networks: the {_label} NNGP recursion against finite networks (exact-in-law forward passes, Student t over seeds)",
        )
    )


# ------------------------------------------------------------------------------------ NTK
def simulate_ntk(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    """A pair of inputs in R^10 with the point's correlation, and the empirical NTK of ``size.seeds`` ReLU networks of width n."""
    d = 10
    x1 = rng.standard_normal(d)
    x1 *= math.sqrt(d) / np.linalg.norm(x1)  # q1 = 1
    v = rng.standard_normal(d)
    v -= (v @ x1) / d * x1
    v *= math.sqrt(d) / np.linalg.norm(v)
    x2 = math.sqrt(point["q2"]) * (point["rho"] * x1 + math.sqrt(1 - point["rho"] ** 2) * v)
    r = sim.mlp_ntk(x1, x2, point["depth"], size.n, point["C_W"], point["C_b"], "relu", size.seeds, rng)
    args = {"depth": point["depth"], "q1": float(x1 @ x1 / d), "q2": float(x2 @ x2 / d), "q12": float(x1 @ x2 / d), "C_W": point["C_W"], "C_b": point["C_b"]}
    return {"ntk": r["ntk"], "args": args}


def decide_ntk(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """Student t of the mean empirical NTK over seeds against the formula."""
    return decisions.student_t(obs["ntk"], float(kernel(**obs["args"])), label="mean empirical Theta(x, x')")


register(
    Check(
        theory.get("nngp.relu_ntk"),
        Space({"depth": Choice(1, 2, 3), "q2": Real(0.5, 2.0), "rho": Real(-0.9, 0.95), "C_W": Real(1.5, 2.5), "C_b": Real(0.0, 0.3)}),
        simulate_ntk,
        decide_ntk,
        wrong=[scaled("C_W", 1.02), theory.get("nngp.relu_nngp")],
        sizes=(Size("quick", 256, 3, {"seeds": 800}), Size("full", 512, 6, {"seeds": 1600})),
        id="nngp.ntk",
        title="Wide networks: the ReLU NTK recursion against the empirical NTK of finite networks (backpropagation, Student t over seeds)",
    )
)


# ---------------------------------------------------------------------------- criticality
def simulate_criticality(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    """Per-seed q_l = (1/n) sum_i (z_i^l)^2 of ReLU networks at C_b = 0, every hidden layer, one input with q = 1."""
    r = sim.mlp_pair(1.0, 1.0, 1.0, size.depth, size.n, point["C_W"], 0.0, "relu", size.seeds, rng)
    return {"q": r["g11"], "C_W": point["C_W"]}


def decide_criticality(kernel: Kernel, obs: dict, point: dict) -> list[decisions.Evidence]:
    """E q_l against the diagonal NNGP at depth l - 1, layer by layer."""
    out = []
    for layer, q in enumerate(obs["q"], start=1):
        k = float(kernel(depth=layer - 1, q1=1.0, q2=1.0, q12=1.0, C_W=obs["C_W"], C_b=0.0))
        out.append(decisions.student_t(q, k, label=f"layer {layer}: E q_l vs (C_W/2)^(l-1) C_W"))
    return out


register(
    Check(
        theory.get("nngp.relu_nngp"),
        Space({"C_W": Choice(1.8, 2.0, 2.2)}),
        simulate_criticality,
        decide_criticality,
        wrong=[scaled("C_W", 1.02)],
        sizes=(Size("quick", 1000, 3, {"seeds": 2000, "depth": 10}), Size("full", 2000, 3, {"seeds": 4000, "depth": 20})),
        id="nngp.criticality",
        title="Wide networks: ReLU criticality, E q_l = (C_W/2)^(l-1) C_W q layer by layer at C_W = 1.8, 2, 2.2 (Student t over seeds)",
    )
)


# ------------------------------------------------------------------------------- kurtosis
def simulate_kurtosis(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
    """Per-seed conditional variances G_l of every hidden layer at widths n/8, n/4, n/2, n, one input with q = 1, C_b = 0."""
    out = {}
    for width in (size.n // 8, size.n // 4, size.n // 2, size.n):
        r = sim.mlp_pair(1.0, 1.0, 1.0, size.depth, width, point["C_W"], 0.0, "relu", size.seeds, rng, negative_slope=point["slope"])
        out[width] = r["c11"]
    return {"G": out, "slope": point["slope"]}


def kurtosis_of_means(m):
    """3 (E G^2/(E G)^2 - 1) from the means (E G, E G^2): the excess kurtosis of z ~ N(0, G)."""
    return 3.0 * (m[1] / m[0] ** 2 - 1.0)


def kurtosis_gradient(m):
    """Gradient of ``kurtosis_of_means``."""
    return np.array([-6.0 * m[1] / m[0] ** 3, 3.0 / m[0] ** 2])


def decide_kurtosis(kernel: Kernel, obs: dict, point: dict) -> list[decisions.Evidence]:
    """One delta-method z per (width, layer >= 2) of the kurtosis against the formula."""
    out = []
    for width, g in obs["G"].items():
        layers = np.arange(2, g.shape[0] + 1)
        predicted = np.asarray(kernel(layer=layers, width=width, slope=obs["slope"]), dtype=float)
        for layer, k in zip(layers, predicted):
            x = g[layer - 1] / g[layer - 1].mean()  # scale-free: the kurtosis is homogeneous of degree 0 in G
            out.append(decisions.delta_method(np.stack([x, x * x]), kurtosis_of_means, kurtosis_gradient, float(k), label=f"width {width}, layer {layer}"))
    return out


def vertex_coefficient_times_1_1(formula):
    """The kurtosis with the vertex coefficient c x 1.1: c enters only as c/width."""
    width = next(p for p in formula.params if p.name == "width")
    return formula.expr.xreplace({width: width / sp.Rational(11, 10)})


register(
    Check(
        theory.get("nngp.kurtosis_exact"),
        Space({"slope": Choice(0.0, 0.5), "C_W": Real(1.5, 2.5)}),
        simulate_kurtosis,
        decide_kurtosis,
        wrong=[substituted(vertex_coefficient_times_1_1, "c*1.1"), theory.get("nngp.kurtosis")],
        sizes=(Size("quick", 512, 2, {"seeds": 8000, "depth": 10}), Size("full", 1024, 4, {"seeds": 20000, "depth": 20})),
        id="nngp.kurtosis",
        title="Wide networks: the excess kurtosis of hidden preactivations at widths n/8 to n against the four-point vertex (delta method over seeds)",
    )
)


# ------------------------------------------------------------------- correlation contraction
_DELTA = 1e-4  # 1 - c at the first layer: the map's curvature term, O(1 - c) relative, stays below 1e-3 over the layers


def _fixed_point_point(activation: str, point: dict) -> dict:
    """Inputs whose first layer sits at the fixed point q* (K^1 = C_b + C_W q_in = q*) with correlation 1 - 1e-4 there."""
    q_star = float(numeric.compile(f"nngp.{activation}_fixed_point")(C_W=point["C_W"], C_b=point["C_b"]))
    q_in = (q_star - point["C_b"]) / point["C_W"]
    rho = (q_star * (1 - _DELTA) - point["C_b"]) / (point["C_W"] * q_in)
    return {**point, "q": q_star, "q_in": q_in, "q12_in": rho * q_in}


def tanh_fixed_point_point(point: dict) -> dict:
    """``_fixed_point_point`` for tanh networks (a top-level function, so the check pickles)."""
    return _fixed_point_point("tanh", point)


def erf_fixed_point_point(point: dict) -> dict:
    """``_fixed_point_point`` for erf networks."""
    return _fixed_point_point("erf", point)


def _simulate_contraction(activation: str):
    def simulate(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
        out = {}
        for width in (size.n // 2, size.n):
            r = sim.mlp_pair(point["q_in"], point["q_in"], point["q12_in"], size.depth, width, point["C_W"], point["C_b"], activation, size.seeds, rng)
            root = np.sqrt(r["c11"] * r["c22"])
            gap = (root - r["c12"]) / root  # 1 - kappa_l, the conditional correlation's distance from 1, layers 1..depth
            out[width] = (gap[1:] / gap[:-1]).mean(axis=0)  # per seed: the mean contraction per layer
        return {"ratio": out, "q": point["q"], "C_W": point["C_W"]}

    simulate.__name__ = f"simulate_{activation}_contraction"
    simulate.__qualname__ = simulate.__name__
    return simulate


simulate_tanh_contraction = _simulate_contraction("tanh")
simulate_erf_contraction = _simulate_contraction("erf")


def decide_contraction(kernel: Kernel, obs: dict, point: dict) -> decisions.Evidence:
    """Z of the width-extrapolated contraction 2 r(n) - r(n/2) (Richardson: the O(1/n) bias cancels) against chi_perp(q*)."""
    (small, r_small), (large, r_large) = sorted(obs["ratio"].items())
    estimate = 2 * r_large.mean() - r_small.mean()
    variance = 4 * r_large.var(ddof=1) / r_large.size + r_small.var(ddof=1) / r_small.size
    predicted = float(kernel(q=obs["q"], C_W=obs["C_W"]))
    return decisions.clt_z(estimate, predicted, variance, 1, label=f"(1 - c_(l+1))/(1 - c_l), widths {small} and {large} extrapolated")


for _activation, _label in (("tanh", "tanh"), ("erf", "erf")):
    register(
        Check(
            theory.get(f"nngp.{_activation}_chi_perp"),
            Space({"C_W": Real(1.0, 2.5), "C_b": Real(0.05, 0.5)}, transform=tanh_fixed_point_point if _activation == "tanh" else erf_fixed_point_point),
            simulate_tanh_contraction if _activation == "tanh" else simulate_erf_contraction,
            decide_contraction,
            wrong=[scaled("C_W", 1.02)],
            sizes=(Size("quick", 256, 2, {"seeds": 8000, "depth": 5}), Size("full", 512, 4, {"seeds": 16000, "depth": 8})),
            id=f"nngp.{_activation}_correlation",
            title=(
                f"Wide networks: a {_label} network at its fixed point q*: the correlation's distance from 1 contracts by chi_perp(q*) "
                "a layer (ordered and chaotic phases; widths extrapolated, z over seeds)"
            ),
        )
    )


# ------------------------------------------------------------------- smooth activations' vertex
def _simulate_vertex(activation: str):
    def simulate(point: dict, size: Size, rng: np.random.Generator, backend: str) -> dict:
        out = {}
        for width in (size.n // 2, size.n):
            g = sim.mlp_pair(point["q"], point["q"], point["q"], size.depth, width, point["C_W"], point["C_b"], activation, size.seeds, rng)["c11"]
            out[width] = g[1:]  # layers 2..depth: the conditional variances G_l over seeds
        return {"G": out, "q": point["q"], "C_W": point["C_W"], "C_b": point["C_b"]}

    simulate.__name__ = f"simulate_{activation}_vertex"
    simulate.__qualname__ = simulate.__name__
    return simulate


simulate_erf_vertex = _simulate_vertex("erf")
simulate_tanh_vertex = _simulate_vertex("tanh")


def decide_vertex(kernel: Kernel, obs: dict, point: dict) -> list[decisions.Evidence]:
    """Per layer, z of the width-extrapolated n Var(G_l), 2 [n Var]_n - [n Var]_(n/2), against V_l (sample-variance standard errors)."""
    (small, g_small), (large, g_large) = sorted(obs["G"].items())
    out = []
    for i in range(g_large.shape[0]):
        layer = i + 2
        parts = []
        for width, g in ((small, g_small[i]), (large, g_large[i])):
            c = g - g.mean()
            s2, m4 = float((c * c).sum() / (c.size - 1)), float((c**4).mean())
            parts.append((width * s2, width * width * max(m4 - s2 * s2, 0.0) / c.size))
        (v_small, var_small), (v_large, var_large) = parts
        predicted = float(kernel(layer=layer, q=obs["q"], C_W=obs["C_W"], C_b=obs["C_b"]))
        label = f"layer {layer}: n Var(G_l), widths {small} and {large} extrapolated"
        out.append(decisions.clt_z(2 * v_large - v_small, predicted, 4 * var_large + var_small, 1, label=label))
    return out


for _activation in ("erf", "tanh"):
    register(
        Check(
            theory.get(f"nngp.{_activation}_vertex"),
            Space({"q": Real(0.5, 2.0), "C_W": Real(1.2, 2.5), "C_b": Real(0.0, 0.5)}),
            simulate_erf_vertex if _activation == "erf" else simulate_tanh_vertex,
            decide_vertex,
            wrong=[scaled("C_W", 1.05)],
            sizes=(Size("quick", 256, 2, {"seeds": 20000, "depth": 5}), Size("full", 512, 4, {"seeds": 80000, "depth": 8})),
            id=f"nngp.{_activation}_vertex",
            title=(
                f"Wide networks: the four-point vertex of {_activation} networks, n Var(G_l) of the preactivation variance "
                "against its recursion (widths extrapolated, sample-variance z)"
            ),
        )
    )
