"""Simulators. Every sampler takes a seeded ``numpy.random.Generator``."""

from ._dense import DISTRIBUTIONS, spiked_rect_top, spiked_wigner_top, spiked_wishart_top, wigner_eigenvalues, wishart_eigenvalues
from ._kernels import ecdf, sturm_count, top_eigenvalue, trace_moments
from ._tridiagonal import Tridiagonal, eigenvector_first_component, extreme_eigenvalues, hermite, laguerre, rectangular

__all__ = [
    "DISTRIBUTIONS",
    "Tridiagonal",
    "ecdf",
    "eigenvector_first_component",
    "extreme_eigenvalues",
    "hermite",
    "laguerre",
    "rectangular",
    "spiked_rect_top",
    "spiked_wigner_top",
    "spiked_wishart_top",
    "sturm_count",
    "top_eigenvalue",
    "trace_moments",
    "wigner_eigenvalues",
    "wishart_eigenvalues",
]
