"""Rebuild the search rows of every live page, and of the other apps' searchable items that
are not pages (core.search_items), after an upgrade or an import."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from congthongtin.core.search_items import all_search_items
from congthongtin.search.indexing import index_item, reindex_page
from congthongtin.search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild SearchDocument rows for every live, public, unclassified page."

    def handle(self, *args, **options):
        SearchDocument.objects.all().delete()
        rows = 0
        for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
            rows += reindex_page(page)
        for item in all_search_items():  # what other apps have that is not a page
            index_item(item)
            rows += 1
        self.stdout.write(f"{rows} search rows")
