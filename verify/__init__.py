"""lmech.verify: theory against simulation.

The public check API: declare a ``Check`` (a formula, a ``Space`` of parameters, a pure
simulator, a decision from ``verify.decisions``, wrong formulas and ``Size`` objects), then
``run`` it, with no registration needed. ``register``/``registered`` make a check visible to
``lmech check``. ``verify.testing`` and the pytest plugin test a user's own formulas and checks. ``sweep`` maps
a check over a parameter grid and seeds on ``dask.distributed`` (the ``[dask]`` extra), and
``plot_sweep`` draws its heatmaps.
"""

from . import decisions, strategies
from ._check import BACKENDS, Check, Kernel, Size, check_ids, get_check, register, registered, remapped, resolve, scaled, shifted, substituted, swap_beta
from ._run import FAMILY_ALPHA, Draw, Result, Verdict, holm, run
from ._space import Choice, Real, Space
from ._sweep import grid_points, sweep
from ._sweepplot import plot_sweep
from .decisions import Evidence

# isort: split
# lmech's own catalogue last: its modules import the public names above, as a user's would
from . import checks, report, testing  # noqa: E402

__all__ = [
    "BACKENDS",
    "FAMILY_ALPHA",
    "Check",
    "Choice",
    "Draw",
    "Evidence",
    "Kernel",
    "Real",
    "Result",
    "Size",
    "Space",
    "Verdict",
    "check_ids",
    "checks",
    "decisions",
    "get_check",
    "grid_points",
    "holm",
    "plot_sweep",
    "register",
    "registered",
    "remapped",
    "resolve",
    "run",
    "scaled",
    "shifted",
    "strategies",
    "substituted",
    "sweep",
    "swap_beta",
    "testing",
    "report",
]
