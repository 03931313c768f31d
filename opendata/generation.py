"""Generation of a body's open data files: one function, ``generate(site, slug)``, used by
the daily command (``generate_open_data``), the task run on publication (opendata.tasks)
and the demo."""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override
from wagtail.models import Site

from congthongtin.core.models import PortalSettings
from congthongtin.core.opendata import WRITERS, available_formats, registered_datasets

from .models import OpenDataFile, OpenDataPage, OpenDataSettings, file_path

logger = logging.getLogger(__name__)


def publisher_name(site) -> str:
    portal = PortalSettings.for_site(site)
    return portal.managing_body or portal.name or site.site_name or site.hostname


def licence_of(site) -> dict:
    licence = OpenDataSettings.for_site(site)
    return {"title": licence.licence_title, "url": licence.licence_url}


def metadata(site, generated_at) -> dict:
    licence = licence_of(site)
    return {
        "publisher": publisher_name(site),
        "license": licence["title"],
        "license_url": licence["url"],
        "modified": generated_at.isoformat(),
    }


def sites_with_page():
    """The sites with a live open data page: the only ones whose files are generated."""
    paths = OpenDataPage.objects.live().values_list("path", flat=True)
    return [
        site
        for site in Site.objects.select_related("root_page")
        if any(path.startswith(site.root_page.path) for path in paths)
    ]


def has_page(site) -> bool:
    return OpenDataPage.objects.live().descendant_of(site.root_page).exists()


def generate(site, slug: str) -> list[OpenDataFile]:
    """Write the three files of dataset ``slug`` for ``site`` (live content of that site
    only) and record them; the previous files are replaced. Labels and the licence are in
    the portal's language, whoever triggers the generation."""
    from django.conf import settings

    dataset = registered_datasets()[slug]
    with override(settings.LANGUAGE_CODE):
        rows = list(dataset.rows(site))
        generated_at = timezone.now()
        meta = metadata(site, generated_at)
        payloads = {fmt: WRITERS[fmt](dataset, rows, meta) for fmt in available_formats()}
    files = []
    for fmt, payload in payloads.items():
        record = OpenDataFile.objects.filter(site=site, dataset=slug, format=fmt).first()
        if record is None:
            record = OpenDataFile(site=site, dataset=slug, format=fmt)
        name = file_path(record, "")
        # Same name every time: the storage would otherwise add a suffix.
        if default_storage.exists(name):
            default_storage.delete(name)
        record.file.save(name, ContentFile(payload), save=False)
        record.rows = len(rows)
        record.bytes = len(payload)
        record.sha256 = hashlib.sha256(payload).hexdigest()
        record.generated_at = generated_at
        with transaction.atomic():
            record.save()
        files.append(record)
    logger.info("open data %s generated for %s: %s rows", slug, site.hostname, len(rows))
    return files


def generate_all(site) -> dict[str, int]:
    """Every registered dataset of ``site``: {slug: rows}."""
    return {slug: generate(site, slug)[0].rows for slug in registered_datasets()}
