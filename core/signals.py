"""Keep the per-site caches (core.sitecache) in step with what editors change."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import sitecache

#: Models outside the page tree whose rows are shown on public pages through a cached
#: value (settings in the header and footer, taxonomies in the listings' filters).
WATCHED_MODELS = {
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.pageviewrestriction_groups",
    "core.portalsettings",
    "core.maintenancenotice",
    "core.body",
    "core.workcalendarsettings",
    "core.field",
    "core.agency",
    "legal.documenttype",
    "news.newscategory",
    "wagtailimages.image",
}


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def _tree_changed(sender, **kwargs):
    sitecache.invalidate()


def _is_site_setting(sender) -> bool:
    """Any app's per-site settings (``BaseSiteSetting``): pages may show them through a
    cached copy (``core.models.settings.cached_site_setting``), whatever app they belong
    to; core need not know their names."""
    from wagtail.contrib.settings.models import BaseSiteSetting

    return isinstance(sender, type) and issubclass(sender, BaseSiteSetting)


def _is_watched(sender) -> bool:
    from wagtail.models import Page

    return (
        (isinstance(sender, type) and issubclass(sender, Page))
        or sender._meta.label_lower in WATCHED_MODELS
        or _is_site_setting(sender)
    )


#: Settings rows that ``for_site`` creates, with their defaults, on the first read: that
#: creation changes nothing already shown, so it must not empty the caches. (Every site
#: setting is treated so: a row is created by its first read, then only ever changed.)
CREATED_ON_READ = {
    "core.portalsettings",
    "core.maintenancenotice",
    "core.body",
    "core.workcalendarsettings",
}


@receiver(post_save)
@receiver(post_delete)
def _row_changed(sender, **kwargs):
    # A page saved directly (scripts, importers, tests, revision bookkeeping) counts too:
    # the cost of a miss is one rebuild, the cost of a stale page is a wrong answer.
    if kwargs.get("created") and (
        sender._meta.label_lower in CREATED_ON_READ or _is_site_setting(sender)
    ):
        return
    if _is_watched(sender):
        sitecache.invalidate()


@receiver(m2m_changed)
def _relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and _is_watched(kwargs["model"]):
        sitecache.invalidate()


@receiver(post_save, sender=Site)
def _site_saved(sender, instance, raw=False, **kwargs):
    """A Site is a body: every app's set-up step runs for it (its board, its workflow on its
    home page), whether it was made by ``setup_portal --site``, the bodies' form or Wagtail's
    own Sites screen. Idempotent, so a later save (a new home page) runs it again."""
    if raw:
        return
    from .setup import run_setup

    run_setup(getattr(instance, "_setup_report", None), site=instance)
