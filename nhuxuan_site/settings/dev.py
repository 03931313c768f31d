"""Local development: `make run`. SQLite and the database search backend by default."""

from . import environment as envcfg
from .base import *  # noqa: F403
from .base import ENV, VAR_DIR

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
# One connection per request, closed after it: runserver starts a thread per request and
# persistent connections piled up until PostgreSQL refused new ones (environment.py).
DATABASES = {"default": envcfg.database_config(ENV, VAR_DIR / "db.sqlite3", persistent=False)}
