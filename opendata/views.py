"""The open data files and the DCAT catalogue of the request's site (opendata.urls).

Addresses with a dot (``/du-lieu-mo/van-ban.csv``, ``/du-lieu-mo/catalog.json``) are not
routed by Wagtail, so they are Django views in front of it: each looks up the open data
page at the given path *on the request's site* and only that site's files; another site's
dataset, or a path that is not a live open data page, is a 404."""

from __future__ import annotations

import json

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_GET
from wagtail.models import Site

from congthongtin.core import sitecache
from congthongtin.core.opendata import FORMATS, available_formats, registered_datasets

from .catalogue import catalogue
from .generation import generate
from .models import OpenDataFile, OpenDataPage

MAX_AGE = 3600


def page_at(request, page_path: str) -> tuple[Site, OpenDataPage]:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    url_path = site.root_page.url_path + page_path
    page = (
        sitecache.public(OpenDataPage.objects.live().descendant_of(site.root_page))
        .filter(url_path=url_path)
        .first()
    )
    if page is None:
        raise Http404
    return site, page


@require_GET
def catalog(request, page_path: str):
    site, page = page_at(request, page_path)
    response = JsonResponse(
        catalogue(site, page, request),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_GET
def download(request, page_path: str, slug: str, fmt: str):
    site, _page = page_at(request, page_path)
    if fmt not in available_formats() or slug not in registered_datasets():
        raise Http404
    record = OpenDataFile.objects.filter(site=site, dataset=slug, format=fmt).first()
    if record is None or not default_storage.exists(record.file.name):
        # Not generated yet (a new page, a new dataset): generate it now, once.
        records = {r.format: r for r in generate(site, slug)}
        record = records[fmt]
    response = FileResponse(
        default_storage.open(record.file.name, "rb"),
        content_type=FORMATS[fmt][0],
        as_attachment=True,
        filename=f"{slug}.{fmt}",
    )
    response["Content-Length"] = str(record.bytes)
    response["ETag"] = json.dumps(record.sha256)
    response["Last-Modified"] = http_date(record.generated_at.timestamp())
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
