"""Simulators. Every sampler takes a seeded ``numpy.random.Generator``."""

from ._dense import DISTRIBUTIONS, wigner_eigenvalues, wishart_eigenvalues
from ._kernels import ecdf, sturm_count, trace_moments
from ._tridiagonal import Tridiagonal, eigenvector_first_component, extreme_eigenvalues, hermite, laguerre

__all__ = [
    "DISTRIBUTIONS",
    "Tridiagonal",
    "ecdf",
    "eigenvector_first_component",
    "extreme_eigenvalues",
    "hermite",
    "laguerre",
    "sturm_count",
    "trace_moments",
    "wigner_eigenvalues",
    "wishart_eigenvalues",
]
