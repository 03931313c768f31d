import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Menus and site lookups are cached; each test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()
