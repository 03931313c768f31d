"""Pure-Python Vietnamese language helpers (no Django imports).

See ``vietnam/README.md`` for the public API.
"""
