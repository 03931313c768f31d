"""Imports each back-office part's hooks module (one line each)."""

from . import inbox_hooks  # noqa: F401
