"""lmech.verify: theory against simulation, statistics, strategies, reports and the CLI."""

from . import strategies
from .checks import CHECKS, Result, check_ids, perturbed, run

__all__ = ["CHECKS", "Result", "check_ids", "perturbed", "run", "strategies"]
