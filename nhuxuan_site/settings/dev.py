"""Local development: `make run`. SQLite and the database search backend by default."""

from . import environment as envcfg
from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, ENV, VAR_DIR

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
# One connection per request, closed after it: runserver starts a thread per request and
# persistent connections piled up until PostgreSQL refused new ones (environment.py).
DATABASES = {"default": envcfg.database_config(ENV, VAR_DIR / "db.sqlite3", persistent=False)}
# The demo's other bodies are served by `make run` at xuanbinh.localhost:8000 and
# huyen-nhuxuan.localhost:8000 (load_demo): every *.localhost name resolves to this machine.
if ".localhost" not in ALLOWED_HOSTS:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost"]
