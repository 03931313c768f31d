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
    # import): the datasets join the transaction's batch, scheduled once after its commit.
    batch = _batch_of_this_transaction()
    for site_id, slugs in by_site.items():
        batch.sites.setdefault(site_id, set()).update(slugs)
    batch.register()


class _Batch:
    """The stale datasets of one transaction: one callback after its commit schedules them
    (a rollback discards the callback, and the batch with it)."""

    def __init__(self, connection):
        self.connection = connection
        # Django replaces its list of commit callbacks on every commit and rollback (of the
        # transaction or of a savepoint) and only appends to it otherwise: while it is the
        # same list, this batch's callback is registered in it and has not run.
        self.hooks = None
        self.ran = False
        self.sites: dict[int, set[str]] = {}

    def open(self) -> bool:
        """Whether changes made now may join this batch."""
        return (
            not self.ran
            and self.hooks is not None
            and self.connection.in_atomic_block
            and getattr(self.connection, "run_on_commit", None) is self.hooks
        )

    def register(self) -> None:
        if self.hooks is None:
            # Outside a transaction, on_commit runs the batch at once.
            transaction.on_commit(self)
            self.hooks = getattr(self.connection, "run_on_commit", None)

    def __call__(self) -> None:
        from .regeneration import schedule

        self.ran = True
        for site_id, slugs in self.sites.items():
            schedule(site_id, slugs)


_current = threading.local()


def _batch_of_this_transaction() -> _Batch:
    batch = getattr(_current, "batch", None)
    if batch is None or not batch.open():
        batch = _current.batch = _Batch(transaction.get_connection())
    return batch


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
