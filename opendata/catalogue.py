"""What the open data page and its DCAT catalogue show: every registered dataset with the
files generated for the site. Three queries whatever the number of datasets and files (the
files, the licence setting, the portal setting, the latter cached per site)."""

from __future__ import annotations

from congthongtin.core.models import PortalSettings
from congthongtin.core.models.settings import cached_site_setting
from congthongtin.core.opendata import available_formats, registered_datasets

from .models import OpenDataFile, OpenDataSettings

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
}


def download_path(page_url: str, slug: str, fmt: str) -> str:
    return f"{page_url}{slug}.{fmt}"


def _setting(cls, site, request):
    if request is not None:
        return cached_site_setting(cls, request)
    return cls.for_site(site)


def dataset_entries(site, page, request=None) -> dict:
    files: dict[str, dict[str, OpenDataFile]] = {}
    for record in OpenDataFile.objects.filter(site=site).defer("sha256"):
        files.setdefault(record.dataset, {})[record.format] = record
    portal = _setting(PortalSettings, site, request)
    licence = _setting(OpenDataSettings, site, request)
    publisher = portal.managing_body or portal.name or site.site_name or site.hostname
    page_url = page.get_url(request=request)
    formats = available_formats()
    entries = []
    for slug, dataset in registered_datasets().items():
        generated = files.get(slug, {})
        downloads = [
            {
                "format": fmt,
                "label": label,
                "media_type": media_type,
                "url": download_path(page_url, slug, fmt),
                "file": generated.get(fmt),
            }
            for fmt, (media_type, label) in formats.items()
        ]
        times = [record.generated_at for record in generated.values()]
        entries.append(
            {
                "dataset": dataset,
                "slug": slug,
                "downloads": downloads,
                "modified": max(times) if times else None,
                "rows": generated["csv"].rows if "csv" in generated else None,
                "ready": len(generated) == len(formats),
            }
        )
    return {"datasets": entries, "publisher": publisher, "licence": licence}


def catalogue(site, page, request) -> dict:
    """The DCAT catalogue (JSON-LD) of the site's open data."""
    data = dataset_entries(site, page, request)
    base = request.build_absolute_uri(page.get_url(request=request))
    publisher = {"@type": "foaf:Organization", "foaf:name": data["publisher"]}
    licence = data["licence"]
    license_ref = (
        {"@id": licence.licence_url, "dct:title": licence.licence_title}
        if licence.licence_url
        else {"dct:title": licence.licence_title, "dct:description": licence.licence_statement}
    )
    datasets = []
    for entry in data["datasets"]:
        dataset = entry["dataset"]
        distributions = [
            {
                "@type": "dcat:Distribution",
                "dct:title": f"{dataset.title} ({download['label']})",
                "dct:format": download["label"],
                "dcat:mediaType": download["media_type"].split(";")[0],
                "dcat:downloadURL": {"@id": request.build_absolute_uri(download["url"])},
                "dcat:byteSize": download["file"].bytes if download["file"] else None,
                "dct:modified": download["file"].generated_at.isoformat()
                if download["file"]
                else None,
            }
            for download in entry["downloads"]
        ]
        datasets.append(
            {
                "@id": f"{base}#{entry['slug']}",
                "@type": "dcat:Dataset",
                "dct:identifier": entry["slug"],
                "dct:title": str(dataset.title),
                "dct:description": str(dataset.description),
                "dct:modified": entry["modified"].isoformat() if entry["modified"] else None,
                "dct:license": license_ref,
                "dct:publisher": publisher,
                "dcat:keyword": [str(keyword) for keyword in dataset.keywords],
                "dcat:distribution": distributions,
            }
        )
    return {
        "@context": DCAT_CONTEXT,
        "@id": request.build_absolute_uri(),
        "@type": "dcat:Catalog",
        "dct:title": page.title,
        "dct:description": page.intro,
        "dct:publisher": publisher,
        "dct:license": license_ref,
        "foaf:homepage": {"@id": base},
        "dcat:dataset": datasets,
    }
