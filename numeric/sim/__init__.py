"""Simulators. Every sampler takes a seeded ``numpy.random.Generator``."""

from ._deeplinear import Trajectory, deep_linear_gd, network_function
from ._dense import (
    DISTRIBUTIONS,
    anisotropic_wishart_eigenvalues,
    block_wigner_eigenvalues,
    multiplicities,
    spiked_rect_top,
    spiked_wigner_top,
    spiked_wishart_top,
    wigner_eigenvalues,
    wishart_eigenvalues,
)
from ._gibbs import PriorGrid, gibbs_average, prior_grid
from ._kernels import ecdf, sturm_count, top_eigenvalue, trace_moments
from ._nngp import ACTIVATIONS, mlp_ntk, mlp_pair
from ._pacbayes import PosteriorSample, gaussian_linear, threshold_classifiers
from ._slt import (
    ReducedRankData,
    bounded_gibbs_risk,
    bounded_gibbs_risk_two_input,
    llc_reduced_rank,
    llc_sgld,
    reduced_rank_data,
    reduced_rank_fit,
    reduced_rank_free_energy,
    two_input_population_free_energy,
)
from ._transient_bbp import transient_bbp_eigenvalues, transient_bbp_gd, transient_bbp_overlap
from ._tridiagonal import Tridiagonal, eigenvector_first_component, extreme_eigenvalues, hermite, laguerre, rectangular

__all__ = [
    "ACTIVATIONS",
    "DISTRIBUTIONS",
    "PosteriorSample",
    "PriorGrid",
    "ReducedRankData",
    "anisotropic_wishart_eigenvalues",
    "block_wigner_eigenvalues",
    "bounded_gibbs_risk",
    "bounded_gibbs_risk_two_input",
    "multiplicities",
    "Trajectory",
    "Tridiagonal",
    "deep_linear_gd",
    "ecdf",
    "eigenvector_first_component",
    "extreme_eigenvalues",
    "gaussian_linear",
    "gibbs_average",
    "hermite",
    "laguerre",
    "llc_reduced_rank",
    "llc_sgld",
    "mlp_ntk",
    "mlp_pair",
    "network_function",
    "prior_grid",
    "rectangular",
    "reduced_rank_data",
    "reduced_rank_fit",
    "reduced_rank_free_energy",
    "two_input_population_free_energy",
    "spiked_rect_top",
    "spiked_wigner_top",
    "spiked_wishart_top",
    "threshold_classifiers",
    "transient_bbp_eigenvalues",
    "transient_bbp_gd",
    "transient_bbp_overlap",
    "sturm_count",
    "top_eigenvalue",
    "trace_moments",
    "wigner_eigenvalues",
    "wishart_eigenvalues",
]
