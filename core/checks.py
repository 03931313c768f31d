"""System checks of the core app."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


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


@register(Tags.security)
def private_media_outside_public_folders(app_configs, **kwargs):
    """Citizens' attachments (core.private_media) must not sit where the web server publishes
    files: inside MEDIA_ROOT or STATIC_ROOT, nginx's /media/ or /static/ would serve them
    to anyone who learns a name, without the permission check."""
    from core.private_media import private_media_root

    private = private_media_root()
    if private is None:
        return []
    private = private.resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if not public:
            continue
        public = Path(public).resolve()
        if private == public or private.is_relative_to(public) or public.is_relative_to(private):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({public}): citizens' "
                    "files would be published without a permission check.",
                    hint="Give PRIVATE_MEDIA_ROOT a folder of its own, outside MEDIA_ROOT "
                    "and STATIC_ROOT (default: var/private-media).",
                    id="core.E001",
                )
            )
    return errors
