"""Float64 methods of the ``nngp`` depth recursions: one fused numba loop over the layers per pair.

Each layer maps (K11, K22, K12, Theta12) to the next with the expectations of ``theory``'s
``nngp.*_expectation`` formulas in a stable form: for ReLU the gap sqrt(K11 K22) - K12 is carried
as a state of its own (``_relu_one``), so the angle never comes from a difference of nearly equal
numbers as the correlation approaches 1 (where every deep network with C_b > 0 goes); the series of
sin e - e cos e below e = 1/10 near correlation -1; for erf the determinant as
1 + 2 q1 + 2 q2 + 4 s^2, s^2 = (r - q12)(r + q12), r = sqrt(q1) sqrt(q2). The loop never takes
arccos of a rounded correlation and never produces NaN for a PSD input. Pairs run in
parallel (``prange``); one call evaluates the NNGP and the NTK together, and the registered
methods return the one asked for.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

from ._methods import register_method

__all__ = ["nngp_kernels"]

_TWO_PI = 2.0 * math.pi
_INV_TWO_PI = 1.0 / _TWO_PI


@njit(cache=True, error_model="numpy")
def _root(a, b):
    return a if a == b else math.sqrt(a) * math.sqrt(b)


@njit(cache=True, error_model="numpy")
def _relu_one(depth, q1, q2, q12, cw, cb):
    """The ReLU recursion carrying the gap d = sqrt(K11 K22) - K12 itself, so the angle never comes from a difference.

    With t = d/(2 r) = sin^2(theta/2): theta = 2 atan2(sqrt t, sqrt(1 - t)), cos theta = 1 - 2t and
    sin theta = 2 sqrt(t (1 - t)), one transcendental a layer. The next gap is
    d' = [r' - (cb + cw r/2)] + cw (r/2 - E12): the first term is (cb cw/2)(sqrt a - sqrt b)^2/(r' + cb + cw r/2)
    (no cancellation), the second cw r h(theta)/(2 pi) with h = 2 pi t - (sin theta - theta cos theta),
    whose first term dominates as theta -> 0. A rounded K12 next to K11 would instead put an error
    of sqrt(eps) into theta (arccos' slope is infinite at 1), and into the NTK through (pi - theta)/(2 pi).
    """
    sa, sb = math.sqrt(q1), math.sqrt(q2)
    r0 = q1 if q1 == q2 else sa * sb
    a, b, c = cb + cw * q1, cb + cw * q2, cb + cw * q12
    ra, rb = math.sqrt(a), math.sqrt(b)
    r = a if a == b else ra * rb
    d = cw * (r0 - q12) + (cb * cw * (sa - sb) ** 2 / (r + cb + cw * r0) if q1 != q2 else 0.0)
    ntk = c
    for _ in range(depth):
        t = d / (2.0 * r)
        t = 0.0 if t < 0.0 else (1.0 if t > 1.0 else t)
        st, ct = math.sqrt(t), math.sqrt(1.0 - t)
        theta = 2.0 * math.atan2(st, ct)
        sin_t, cos_t = 2.0 * st * ct, 1.0 - 2.0 * t
        e = math.pi - theta
        if e < 0.1:  # near rho = -1: r (sin e - e cos e)/(2 pi) by its series, terms (-1)^(k+1) 2k e^(2k+1)/(2k+1)!
            e2 = e * e
            term = e * e2 / 6.0
            total = 2.0 * term
            for k in range(2, 9):
                term *= -e2 / ((2 * k) * (2 * k + 1))
                total += 2.0 * k * term
            e12 = r * total * _INV_TWO_PI
        else:
            e12 = (r * sin_t + e * c) * _INV_TWO_PI
        h = _TWO_PI * t - (sin_t - theta * cos_t)
        a_next, b_next = cb + 0.5 * cw * a, cb + 0.5 * cw * b
        ra_next, rb_next = math.sqrt(a_next), math.sqrt(b_next)
        r_next = a_next if a_next == b_next else ra_next * rb_next
        excess = 0.5 * cb * cw * (ra - rb) ** 2 / (r_next + cb + 0.5 * cw * r) if a != b else 0.0
        d = excess + cw * r * h * _INV_TWO_PI
        c = cb + cw * e12
        ntk = c + cw * (e * _INV_TWO_PI) * ntk
        a, b, r, ra, rb = a_next, b_next, r_next, ra_next, rb_next
    return c, ntk


@njit(cache=True, error_model="numpy")
def _erf_pair(a, b, c):
    r = _root(a, b)
    s2 = (r - c) * (r + c)
    det = 1.0 + 2.0 * a + 2.0 * b + 4.0 * (s2 if s2 > 0.0 else 0.0)
    root = math.sqrt(det)
    return 2.0 / math.pi * math.atan2(2.0 * c, root), 4.0 / (math.pi * root)


@njit(cache=True, error_model="numpy")
def _one(relu, depth, q1, q2, q12, cw, cb):
    if relu:
        return _relu_one(depth, q1, q2, q12, cw, cb)
    k11, k22, k12 = cb + cw * q1, cb + cw * q2, cb + cw * q12
    theta = k12
    for _ in range(depth):  # erf: s^2 enters the determinant linearly, so a rounded K12 costs only an ulp
        e11 = _erf_pair(k11, k11, k11)[0]
        e22 = _erf_pair(k22, k22, k22)[0]
        e12, d12 = _erf_pair(k11, k22, k12)
        k11, k22 = cb + cw * e11, cb + cw * e22
        k12 = cb + cw * e12
        theta = k12 + cw * d12 * theta
    return k12, theta


@njit(parallel=True, cache=True, error_model="numpy")
def _loop(relu, depth, q1, q2, q12, cw, cb, k_out, t_out):
    # 2-D views, broadcast ones included (zero strides): no argument is copied to the full shape
    for i in prange(k_out.shape[0]):
        for j in range(k_out.shape[1]):
            k_out[i, j], t_out[i, j] = _one(relu, int(depth[i, j]), q1[i, j], q2[i, j], q12[i, j], cw[i, j], cb[i, j])


def nngp_kernels(activation: str, depth, q1, q2, q12, C_W, C_b) -> tuple[np.ndarray, np.ndarray]:  # noqa: N803 (the stable parameter names)
    """(NNGP K, NTK Theta) of the output layer at broadcast arrays, for ``activation`` in {"relu", "erf"}.

    No domain check here: the compiled formulas (``numeric.compile("nngp.relu_nngp")``) check first.
    Arrays of up to two dimensions are read in place through broadcast views (a Gram matrix's
    q1[:, None], q2[None, :] and q12 cost no copies); more dimensions are flattened.
    """
    if activation not in ("relu", "erf"):
        raise ValueError(f"activation={activation!r} is not one of 'relu', 'erf'")
    arrays = [np.asarray(v, dtype=float) for v in (depth, q1, q2, q12, C_W, C_b)]
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    flat = shape if len(shape) == 2 else (1, int(np.prod(shape)))
    views = [np.broadcast_to(a, shape).reshape(flat) if len(shape) != 2 else np.broadcast_to(a, shape) for a in arrays]
    for v in views:
        v.setflags(write=False)  # views of np.broadcast_arrays' output warn when numba asks whether they are writeable
    k, t = np.empty(flat), np.empty(flat)
    _loop(activation == "relu", *views, k, t)
    return k.reshape(shape), t.reshape(shape)


def _method(activation: str, which: int):
    def host(depth, q1, q2, q12, C_W, C_b) -> np.ndarray:  # noqa: N803 (the stable parameter names)
        return nngp_kernels(activation, depth, q1, q2, q12, C_W, C_b)[which]

    return host


for _act in ("relu", "erf"):
    for _which, _kind in enumerate(("nngp", "ntk")):
        register_method(f"nngp.{_act}_{_kind}", _method(_act, _which), note="a fused numba loop over the layers, pairs in parallel (prange)")
