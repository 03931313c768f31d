"""Imports each back-office part's hooks module (one line each)."""
