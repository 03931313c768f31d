"""Local development: `make run`. SQLite and the database search backend by default."""

from .base import *  # noqa: F403

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
