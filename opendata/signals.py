"""Regeneration on change: a receiver per model a dataset names in ``stale_on`` (a page:
Wagtail's page_published / page_unpublished; a draft-state snippet: published /
unpublished; a plain model: post_save / post_delete), with that model as the sender. The
receiver schedules the regeneration of the site of the object after the commit
(opendata.regeneration: the publications of a window share one)."""

from __future__ import annotations

import logging
import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from congthongtin.core.opendata import datasets_stale_on, registered_datasets

logger = logging.getLogger(__name__)

_connected: set[str] = set()


def on_change(sender, instance, **kwargs):
    label = sender._meta.label
    stale = datasets_stale_on(label)
    if not stale:
        return
    by_site: dict[int, list[str]] = {}
    for dataset in stale:
        try:
            site = dataset.site_for(instance)
        except Exception:  # an object being deleted may have lost its parent
            logger.warning("open data: no site for %s %s", label, instance.pk, exc_info=True)
            continue
        if site is not None:
            by_site.setdefault(site.pk, []).append(dataset.slug)
    if not by_site:
        return
    # One task per site and transaction, however many pages it publishes (load_demo, an
    # import): the datasets are added to the pending set, which the first callback after
    # the commit empties (the others find it empty).
    for site_id, slugs in by_site.items():
        _pending.sites.setdefault(site_id, set()).update(slugs)
    transaction.on_commit(flush)


class _Pending(threading.local):
    def __init__(self):
        self.sites: dict[int, set[str]] = {}


_pending = _Pending()


def flush() -> None:
    from .regeneration import schedule

    sites, _pending.sites = _pending.sites, {}
    for site_id, slugs in sites.items():
        schedule(site_id, slugs)


def connect_receivers() -> None:
    """Called from ``OpenDataConfig.ready()``: one receiver per ``stale_on`` model."""
    for dataset in registered_datasets().values():
        for label in dataset.stale_on:
            if label in _connected:
                continue
            try:
                model = apps.get_model(label)
            except LookupError:  # the app of that model is not installed
                continue
            if issubclass(model, Page):
                signals = (page_published, page_unpublished)
            elif issubclass(model, DraftStateMixin):
                signals = (published, unpublished)
            else:
                signals = (post_save, post_delete)
            for signal in signals:
                signal.connect(
                    on_change, sender=model, dispatch_uid=f"opendata:{label}:{id(signal)}"
                )
            _connected.add(label)
