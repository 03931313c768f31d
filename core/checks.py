"""System checks of the core app."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Menus, settings, highlights and the list of restricted pages are cached per site and
    dropped on every publish (core.sitecache). With a per-process cache, the other worker
    processes would keep serving them until they expire (up to an hour)."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The default cache is per process: a publish or a new view restriction "
                "reaches the other worker processes only when their cached entries expire.",
                hint="Set REDIS_URL so that every process shares one cache.",
                id="core.W001",
            )
        ]
    return []
