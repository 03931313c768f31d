"""Imports each back-office part's hooks module (one line each)."""

from . import royalties_hooks  # noqa: F401
