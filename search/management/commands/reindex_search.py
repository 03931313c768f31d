"""Rebuild the search rows of every live page (after an upgrade or an import)."""

from django.core.management.base import BaseCommand
from wagtail import hooks
from wagtail.models import Page

from congthongtin.search.indexing import REINDEX_HOOK, reindex_page
from congthongtin.search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild SearchDocument rows for every live, public, unclassified page."

    def handle(self, *args, **options):
        SearchDocument.objects.all().delete()
        rows = 0
        for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
            rows += reindex_page(page)
        for reindex in hooks.get_hooks(REINDEX_HOOK):
            rows += reindex()
        self.stdout.write(f"{rows} search rows")
