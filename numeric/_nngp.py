"""Float64 methods of the ``nngp`` depth recursions: one fused numba loop over the layers per pair.

Each layer maps (K11, K22, K12, Theta12) to the next with the expectations of ``theory``'s
``nngp.*_expectation`` formulas in a stable form: for ReLU the gap sqrt(K11 K22) - K12 is carried
as a state of its own (``_relu_layers``), so the angle never comes from a difference of nearly equal
numbers as the correlation approaches 1 (where every deep network with C_b > 0 goes); the series of
sin e - e cos e below e = 1/10 near correlation -1; for erf the determinant as
1 + 2 q1 + 2 q2 + 4 s^2, s^2 = (r - q12)(r + q12), r = sqrt(q1) sqrt(q2). The loop never takes
arccos of a rounded correlation and never produces NaN for a PSD input. Pairs run in
parallel (``prange``); one call evaluates the NNGP and the NTK together, and the registered
methods return the one asked for. The diagonal recursions K_l(x, x) are computed once per input
(per row along ``nngp_kernels``' rows, once in all for ``nngp_gram``).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

from ._methods import register_method

__all__ = ["nngp_gram", "nngp_kernels"]

_TWO_PI = 2.0 * math.pi
_INV_TWO_PI = 1.0 / _TWO_PI


@njit(cache=True, error_model="numpy")
def _root(a, b):
    return a if a == b else math.sqrt(a) * math.sqrt(b)


@njit(cache=True, error_model="numpy")
def _sin_minus_e_cos(e):
    """The value of sin e - e cos e for e < 1/10 by its series, terms (-1)^(k+1) 2k e^(2k+1)/(2k+1)! (no cancellation)."""
    e2 = e * e
    term = e * e2 / 6.0
    total = 2.0 * term
    for k in range(2, 9):
        term *= -e2 / ((2 * k) * (2 * k + 1))
        total += 2.0 * k * term
    return total


@njit(cache=True, error_model="numpy")
def _relu_layers(depth, sa, sb, q1, q2, q12, cw, cb, diag_a, diag_b):
    """The ReLU recursion carrying the gap d = sqrt(K11 K22) - K12 itself, so the angle never comes from a difference.

    With t = d/(2 r) = sin^2(theta/2): theta = 2 atan2(sqrt t, sqrt(1 - t)), cos theta = 1 - 2t and
    sin theta = 2 sqrt(t (1 - t)), one transcendental a layer. The next gap is
    d' = [r' - (cb + cw r/2)] + cw (r/2 - E12): the first term is (cb cw/2)(sqrt a - sqrt b)^2/(r' + cb + cw r/2)
    (no cancellation), the second cw r h(theta)/(2 pi) with h = 2 pi t - (sin theta - theta cos theta),
    whose first term dominates as theta -> 0. A rounded K12 next to K11 would instead put an error
    of sqrt(eps) into theta (arccos' slope is infinite at 1), and into the NTK through (pi - theta)/(2 pi).
    The diagonal variances K11, K22 of every layer and their square roots come in ``diag_a``,
    ``diag_b`` (rows (K, sqrt K), one column per layer; ``_relu_diagonal``), shared by all pairs of a
    Gram matrix's row and column.
    """
    r0 = q1 if q1 == q2 else sa * sb
    a, b, c = diag_a[0, 0], diag_b[0, 0], cb + cw * q12
    ra, rb = diag_a[1, 0], diag_b[1, 0]
    r = a if a == b else ra * rb
    d = cw * (r0 - q12) + (cb * cw * (sa - sb) ** 2 / (r + cb + cw * r0) if q1 != q2 and cb != 0.0 else 0.0)
    ntk = c
    for layer in range(depth):
        t = d / (2.0 * r)
        t = 0.0 if t < 0.0 else (1.0 if t > 1.0 else t)
        st, ct = math.sqrt(t), math.sqrt(1.0 - t)
        theta = 2.0 * math.atan2(st, ct)
        sin_t, cos_t = 2.0 * st * ct, 1.0 - 2.0 * t
        e = math.pi - theta
        if e < 0.1:  # near rho = -1
            e12 = r * _sin_minus_e_cos(e) * _INV_TWO_PI
        else:
            e12 = (r * sin_t + e * c) * _INV_TWO_PI
        h = _TWO_PI * t - (sin_t - theta * cos_t)
        a_next, b_next = diag_a[0, layer + 1], diag_b[0, layer + 1]
        r_next = a_next if a_next == b_next else diag_a[1, layer + 1] * diag_b[1, layer + 1]
        excess = 0.5 * cb * cw * (ra - rb) ** 2 / (r_next + cb + 0.5 * cw * r) if a != b and cb != 0.0 else 0.0  # exactly 0 at cb = 0
        d = excess + cw * r * h * _INV_TWO_PI
        c = cb + cw * e12
        ntk = c + cw * (e * _INV_TWO_PI) * ntk
        a, b, r, ra, rb = a_next, b_next, r_next, diag_a[1, layer + 1], diag_b[1, layer + 1]
    return c, ntk


@njit(cache=True, error_model="numpy")
def _relu_diagonal(depth, q, cw, cb, out):
    """K_l = cb + cw q, then K_{l+1} = cb + cw K_l/2, and sqrt K_l, for l = 0..depth, into out[0], out[1]."""
    a = cb + cw * q
    for layer in range(depth + 1):
        out[0, layer], out[1, layer] = a, math.sqrt(a)
        a = cb + 0.5 * cw * a


@njit(cache=True, error_model="numpy")
def _erf_pair(a, b, c):
    r = _root(a, b)
    s2 = (r - c) * (r + c)
    det = 1.0 + 2.0 * a + 2.0 * b + 4.0 * (s2 if s2 > 0.0 else 0.0)
    root = math.sqrt(det)
    return 2.0 / math.pi * math.atan2(2.0 * c, root), 4.0 / (math.pi * root)


@njit(cache=True, error_model="numpy")
def _erf_diagonal(depth, q, cw, cb, out):
    """K_0 = cb + cw q, K_{l+1} = cb + cw E[erf erf](K_l, K_l, K_l), for l = 0..depth, into out[0]."""
    k = cb + cw * q
    for layer in range(depth + 1):
        out[0, layer] = k
        k = cb + cw * _erf_pair(k, k, k)[0]


@njit(cache=True, error_model="numpy")
def _erf_layers(depth, q12, cw, cb, diag_a, diag_b):
    k12 = cb + cw * q12
    theta = k12
    for layer in range(depth):  # erf: s^2 enters the determinant linearly, so a rounded K12 costs only an ulp
        e12, d12 = _erf_pair(diag_a[0, layer], diag_b[0, layer], k12)
        k12 = cb + cw * e12
        theta = k12 + cw * d12 * theta
    return k12, theta


@njit(cache=True, error_model="numpy")
def _diagonal(relu, depth, q, cw, cb, out):
    if relu:
        _relu_diagonal(depth, q, cw, cb, out)
    else:
        _erf_diagonal(depth, q, cw, cb, out)


@njit(parallel=True, cache=True, error_model="numpy")
def _loop(relu, depth, q1, q2, q12, cw, cb, k_out, t_out, max_depth):
    # 2-D views, broadcast ones included (zero strides): no argument is copied to the full shape.
    # A diagonal recursion is recomputed only when its (depth, q, C_W, C_b) changes along the row.
    for i in prange(k_out.shape[0]):
        diag_a, diag_b = np.empty((2, max_depth + 1)), np.empty((2, max_depth + 1))
        key_a = (-1, math.nan, math.nan, math.nan)
        key_b = (-1, math.nan, math.nan, math.nan)
        for j in range(k_out.shape[1]):
            depth_, a, b, cw_, cb_ = int(depth[i, j]), q1[i, j], q2[i, j], cw[i, j], cb[i, j]
            if (depth_, a, cw_, cb_) != key_a:
                _diagonal(relu, depth_, a, cw_, cb_, diag_a)
                key_a = (depth_, a, cw_, cb_)
            if (depth_, b, cw_, cb_) != key_b:
                _diagonal(relu, depth_, b, cw_, cb_, diag_b)
                key_b = (depth_, b, cw_, cb_)
            if relu:
                k_out[i, j], t_out[i, j] = _relu_layers(depth_, math.sqrt(a), math.sqrt(b), a, b, q12[i, j], cw_, cb_, diag_a, diag_b)
            else:
                k_out[i, j], t_out[i, j] = _erf_layers(depth_, q12[i, j], cw_, cb_, diag_a, diag_b)


@njit(cache=True, error_model="numpy")
def _relu_row(i, depth, q, roots, dk, dr, cw, cb, k_out, t_out, w):
    """Row i of the ReLU Gram matrix from column i on: ``_relu_layers`` over the columns as arrays.

    The same operations in the same order as ``_relu_layers`` (so the same bits), laid out so that LLVM
    vectorises every loop but the one calling atan2, which numba cannot vectorise; the series branch
    near correlation -1 is a scalar fix-up of the few columns that need it. ``dk[l, j]``, ``dr[l, j]``
    hold K_l(x_j, x_j) and its root; ``w`` is scratch of shape (10, n).
    """
    n = q.shape[0]
    m = n - i
    d, r, c, ntk, st, ct, theta, e12, h, e = w[0, :m], w[1, :m], w[2, :m], w[3, :m], w[4, :m], w[5, :m], w[6, :m], w[7, :m], w[8, :m], w[9, :m]
    q1, sa, a0, ra0 = q[i, i], roots[i], dk[0, i], dr[0, i]
    for jj in range(m):
        j = i + jj
        q2, q12, sb = q[j, j], q[i, j], roots[j]
        r0 = q1 if q1 == q2 else sa * sb
        b = dk[0, j]
        rr = a0 if a0 == b else ra0 * dr[0, j]
        r[jj] = rr
        c[jj] = cb + cw * q12
        ntk[jj] = c[jj]
        d[jj] = cw * (r0 - q12) + (cb * cw * (sa - sb) ** 2 / (rr + cb + cw * r0) if q1 != q2 and cb != 0.0 else 0.0)
    for layer in range(depth):
        a, ra, a_next, ra_next = dk[layer, i], dr[layer, i], dk[layer + 1, i], dr[layer + 1, i]
        for jj in range(m):
            t = d[jj] / (2.0 * r[jj])
            t = 0.0 if t < 0.0 else (1.0 if t > 1.0 else t)
            st[jj], ct[jj] = math.sqrt(t), math.sqrt(1.0 - t)
            h[jj] = t
        for jj in range(m):
            theta[jj] = 2.0 * math.atan2(st[jj], ct[jj])
        for jj in range(m):
            j = i + jj
            t, th = h[jj], theta[jj]
            sin_t, cos_t = 2.0 * st[jj] * ct[jj], 1.0 - 2.0 * t
            ee = math.pi - th
            e[jj] = ee
            e12[jj] = (r[jj] * sin_t + ee * c[jj]) * _INV_TWO_PI
            hh = _TWO_PI * t - (sin_t - th * cos_t)
            b, rb, b_next = dk[layer, j], dr[layer, j], dk[layer + 1, j]
            r_next = a_next if a_next == b_next else ra_next * dr[layer + 1, j]
            excess = 0.5 * cb * cw * (ra - rb) ** 2 / (r_next + cb + 0.5 * cw * r[jj]) if a != b and cb != 0.0 else 0.0
            d[jj] = excess + cw * r[jj] * hh * _INV_TWO_PI
            r[jj] = r_next  # the series below rebuilds the old r from the diagonals
        for jj in range(m):  # near rho = -1 (rare): the series, as in _relu_layers, with the old r
            if e[jj] < 0.1:
                j = i + jj
                b = dk[layer, j]
                r_old = a if a == b else ra * dr[layer, j]
                e12[jj] = r_old * _sin_minus_e_cos(e[jj]) * _INV_TWO_PI
        for jj in range(m):
            c[jj] = cb + cw * e12[jj]
            ntk[jj] = c[jj] + cw * (e[jj] * _INV_TWO_PI) * ntk[jj]
    for jj in range(m):
        k_out[i, i + jj], t_out[i, i + jj] = c[jj], ntk[jj]
        k_out[i + jj, i], t_out[i + jj, i] = c[jj], ntk[jj]


@njit(parallel=True, cache=True, error_model="numpy")
def _gram(relu, depth, q, cw, cb, k_out, t_out):
    """Both kernels on a symmetric Gram matrix: diagonals once per input, the upper triangle once per pair.

    Row p and row n - 1 - p share a parallel iteration, so each carries n + 1 pairs whatever p.
    """
    n = q.shape[0]
    diag = np.empty((n, 2, depth + 1))
    roots = np.empty(n)
    dk, dr = np.empty((depth + 1, n)), np.empty((depth + 1, n))
    for i in prange(n):
        roots[i] = math.sqrt(q[i, i])
        _diagonal(relu, depth, q[i, i], cw, cb, diag[i])
        for layer in range(depth + 1):
            dk[layer, i], dr[layer, i] = diag[i, 0, layer], diag[i, 1, layer]
    for p in prange((n + 1) // 2):
        first = np.int64(p)  # prange's index may be unsigned: n - 1 - p would then be a float
        w = np.empty((10, n))
        for side in range(2):
            i = first if side == 0 else n - 1 - first
            if side == 1 and i == first:
                continue
            if relu:
                _relu_row(i, depth, q, roots, dk, dr, cw, cb, k_out, t_out, w)
                continue
            for j in range(i, n):
                kk, tt = _erf_layers(depth, q[i, j], cw, cb, diag[i], diag[j])
                k_out[i, j], t_out[i, j] = kk, tt
                k_out[j, i], t_out[j, i] = kk, tt


def nngp_kernels(activation: str, depth, q1, q2, q12, C_W, C_b) -> tuple[np.ndarray, np.ndarray]:  # noqa: N803 (the stable parameter names)
    """(NNGP K, NTK Theta) of the output layer at broadcast arrays, for ``activation`` in {"relu", "erf"}.

    No domain check here: the compiled formulas (``numeric.compile("nngp.relu_nngp")``) check first.
    Arrays of up to two dimensions are read in place through broadcast views (a Gram matrix's
    q1[:, None], q2[None, :] and q12 cost no copies); more dimensions are flattened. For all pairs of
    one set of inputs ``nngp_gram`` is about twice as fast.
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
    max_depth = int(arrays[0].max()) if arrays[0].size else 0
    _loop(activation == "relu", *views, k, t, max_depth)
    return k.reshape(shape), t.reshape(shape)


def nngp_gram(activation: str, depth: int, q, C_W: float, C_b: float) -> tuple[np.ndarray, np.ndarray]:  # noqa: N803 (the stable parameter names)
    """(NNGP K, NTK Theta) on every pair of one set of inputs, from their Gram matrix q = x x^T/d.

    The same numbers as ``nngp_kernels(activation, depth, diag(q)[:, None], diag(q)[None, :], q, C_W, C_b)``
    on the upper triangle, bit for bit, at half the pairs: the per-input diagonal recursions K_l(x, x)
    run once per input and the upper triangle once per pair (neural-tangents' ``kernel_fn(x, None)``);
    the lower triangle is its mirror (for ReLU also bit for bit what the pairs give; for erf within
    an ulp or two, the determinant's terms being summed in the other order). For ReLU each row runs
    its layers over all its columns at once, in loops LLVM vectorises (atan2 alone stays scalar).
    Only q's upper triangle and diagonal are read.

    Raises:
        ValueError: an unknown activation, a q that is not square, or an argument outside the
            formulas' domain (depth a non-negative integer, q's diagonal >= 0, C_W > 0, C_b >= 0).
    """
    if activation not in ("relu", "erf"):
        raise ValueError(f"activation={activation!r} is not one of 'relu', 'erf'")
    q = np.ascontiguousarray(q, dtype=float)
    if q.ndim != 2 or q.shape[0] != q.shape[1]:
        raise ValueError(f"q has shape {q.shape}; it must be a square Gram matrix")
    if int(depth) != depth or depth < 0:
        raise ValueError(f"depth={depth!r} is outside the non-negative integers")
    if not (math.isfinite(C_W) and C_W > 0):
        raise ValueError(f"C_W={C_W!r} is outside (0, oo)")
    if not (math.isfinite(C_b) and C_b >= 0):
        raise ValueError(f"C_b={C_b!r} is outside [0, oo)")
    diag = np.diagonal(q)
    if not np.all(np.isfinite(q)) or np.any(diag < 0):
        raise ValueError("q must be finite with a non-negative diagonal (the inputs' squared norms over d)")
    k, t = np.empty_like(q), np.empty_like(q)
    _gram(activation == "relu", int(depth), q, float(C_W), float(C_b), k, t)
    return k, t


def _method(activation: str, which: int):
    def host(depth, q1, q2, q12, C_W, C_b) -> np.ndarray:  # noqa: N803 (the stable parameter names)
        return nngp_kernels(activation, depth, q1, q2, q12, C_W, C_b)[which]

    return host


for _act in ("relu", "erf"):
    for _which, _kind in enumerate(("nngp", "ntk")):
        register_method(f"nngp.{_act}_{_kind}", _method(_act, _which), note="a fused numba loop over the layers, pairs in parallel (prange)")
