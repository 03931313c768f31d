"""Imports each back-office part's hooks module (one line each)."""

from . import (
    inbox_hooks,  # noqa: F401  (S0 Đ5.4, S1 Đ14)
    quotas_hooks,  # noqa: F401  (R-QUOTA-1)
    reviews_hooks,  # noqa: F401  (R-SLA-2)
    royalties_hooks,  # noqa: F401  (R-ROY-1)
    timeliness_hooks,  # noqa: F401  (R-SLA-1)
    upward_hooks,  # noqa: F401  (S0 Đ4.2d)
)
