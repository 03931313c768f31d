import os

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

# CI (.ci/run sets HYPOTHESIS_PROFILE=ci): the same examples on every run, so a rare input
# cannot fail one submission and pass the next; `make test` elsewhere draws new examples each
# time and keeps looking for such inputs (a case found that way becomes an @example).
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _clear_cache():
    """Menus and site lookups are cached; each test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()
