"""Imports each back-office part's hooks module (one line each)."""

from . import (
    reviews_hooks,  # noqa: F401  (R-SLA-2)
    royalties_hooks,  # noqa: F401
    timeliness_hooks,  # noqa: F401
)
