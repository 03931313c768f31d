"""Search rows follow publishing, unpublishing, moves, deletion and view restrictions, and the
items that are not pages that other apps announce (core.search_items); a body's lexicon
entries bump the content version its cached lexicon is keyed on (search.lexicon)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from congthongtin.core import sitecache
from congthongtin.core.search_items import SearchItem, search_item_changed, search_item_removed

from .indexing import index_item, reindex_page, reindex_subtree, remove_item, remove_page
from .models import LexiconEntry


# Rows are written in the publishing transaction itself: they commit or roll back with it.
@receiver(page_published)
def _published(sender, instance, **kwargs):
    reindex_page(instance)


@receiver(page_unpublished)
def _unpublished(sender, instance, **kwargs):
    remove_page(instance.pk)


@receiver(post_page_move)
def _moved(sender, instance, **kwargs):
    reindex_subtree(instance)


@receiver(post_delete)
def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        remove_page(instance.pk)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        reindex_subtree(page)


# Items that are not pages (a published question): sent in the transaction that changes
# them, so their rows commit or roll back with it too.
@receiver(search_item_changed, sender=SearchItem)
def _item_changed(sender, item, **kwargs):
    index_item(item)


@receiver(search_item_removed, sender=SearchItem)
def _item_removed(sender, source, **kwargs):
    remove_item(source)


# A body's own lexicon entries: its cached lexicon (search.lexicon.lexicon_for) is rebuilt.
@receiver(post_save, sender=LexiconEntry)
@receiver(post_delete, sender=LexiconEntry)
def _lexicon_changed(sender, **kwargs):
    sitecache.invalidate()
    # Again once committed: a search between the two could have cached the old rows under
    # the new version.
    transaction.on_commit(sitecache.invalidate)
