"""Imports each back-office part's hooks module (one line each)."""

from . import quotas_hooks  # noqa: F401
