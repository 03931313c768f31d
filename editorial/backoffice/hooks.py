"""Imports each back-office part's hooks module (one line each)."""

from . import timeliness_hooks  # noqa: F401
