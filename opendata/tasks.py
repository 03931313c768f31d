"""Background regeneration of open data files (django-tasks: the database backend's worker
in production; in development and tests the immediate backend runs a task when enqueued)."""

from __future__ import annotations

from django_tasks import task


@task()
def regenerate_open_data(site_id: int, slugs: list[str]) -> dict:
    """Regenerate those of ``slugs`` still pending for the site (opendata.regeneration:
    claimed before any content is read); a site deleted or without an open data page (or a
    dataset no longer registered) is skipped, so a task delivered twice does no harm. If the
    regeneration fails, the daily ``generate_open_data --all`` writes the files again."""
    from wagtail.models import Site

    from congthongtin.core.opendata import registered_datasets

    from .generation import generate, has_page
    from .regeneration import claim

    slugs = claim(site_id, slugs)
    if not slugs:
        return {"status": "skipped"}
    site = Site.objects.select_related("root_page").filter(pk=site_id).first()
    if site is None or not has_page(site):
        return {"status": "skipped"}
    known = registered_datasets()
    done = {}
    for slug in slugs:
        if slug in known:
            done[slug] = generate(site, slug)[0].rows
    return {"status": "done", "rows": done}
