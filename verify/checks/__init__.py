"""lmech's own checks, one module per family (mirroring ``theory``), each declared through ``verify``'s public check API exactly as a user's check would be."""

from . import _deeplinear, _dyson, _gmp, _mp, _nngp, _pacbayes, _slt, _spiked, _tracy_widom, _transient_bbp, _wigner  # noqa: F401  (registers the checks)
