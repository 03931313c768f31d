"""Demo of the board's back office (docs/backoffice.md): the units the body tracks with their
quotas, the demo news and articles attributed to them, two items in the workflow with their
publication time limits, and the current month's royalty sheet prepared by the standing
office. Idempotent: units by (site, agency), pages by slug, the sheet by (site, month)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from congthongtin.core.bodies import body_workflow
from congthongtin.core.models import Agency
from congthongtin.editorial import royalties
from congthongtin.editorial.models import SupplyingUnit
from congthongtin.news.models import ArticlePage, NewsIndexPage, NewsPage
from congthongtin.nhuxuan_site.demo.builder import body_stream

#: (agency name, own quota or None for the body's default of 2)
UNITS = [
    ("Văn phòng HĐND và UBND xã Như Xuân", 3),
    ("Phòng Kinh tế xã Như Xuân", None),
    ("Phòng Văn hóa - Xã hội xã Như Xuân", None),
]

#: Items a collaborator sent to the board this morning (slug, title, event hours ago).
IN_WORKFLOW = [
    ("hoi-nghi-giao-ban-quy-iv-2026", "Hội nghị giao ban công tác quý IV năm 2026", 3),
    ("ra-quan-ve-sinh-moi-truong-thang-12", "Ra quân vệ sinh môi trường tháng 12", 30),
]


def load(context) -> None:
    site = context.site
    agencies = []
    for name, quota in UNITS:
        agency, _ = Agency.objects.get_or_create(name=name, defaults={"level": "other"})
        SupplyingUnit.objects.get_or_create(
            site=site, agency=agency, defaults={"monthly_quota": quota}
        )
        agencies.append(agency)
    # The demo's published news and articles, attributed in turn to the units.
    home = context.home
    for model in (NewsPage, ArticlePage):
        pages = model.objects.descendant_of(home).filter(responsible_unit=None).order_by("pk")
        for index, pk in enumerate(pages.values_list("pk", flat=True)):
            model.objects.filter(pk=pk).update(responsible_unit=agencies[index % len(agencies)])
    in_workflow = _submit_items(context)
    sheet = _prepare_royalties(site)
    if context.stdout:
        context.stdout.write(
            f"  back office: {len(UNITS)} supplying units, {in_workflow} items in the workflow, "
            f"royalty sheet of {sheet.month:%m/%Y} ({sheet.lines.count()} items)"
            if sheet
            else f"  back office: {len(UNITS)} supplying units, {in_workflow} items in the workflow"
        )


def _submit_items(context) -> int:
    """Two news drafts of the collaborator's, submitted to the board: the dashboard lists them
    by their due time."""
    user = get_user_model().objects.filter(username="ptdung").first()
    workflow = body_workflow(context.site)
    index = NewsIndexPage.objects.descendant_of(context.home).first()
    if user is None or workflow is None or index is None:
        return 0
    category = NewsPage.objects.descendant_of(index).exclude(category=None).first()
    count = 0
    now = timezone.localtime()
    for slug, title, hours_ago in IN_WORKFLOW:
        if index.get_children().filter(slug=slug).exists():
            continue
        event = now - dt.timedelta(hours=hours_ago)
        page = NewsPage(
            slug=slug,
            title=title,
            live=False,
            category=category.category if category else None,
            summary=title,
            body=body_stream([("paragraph", f"<p>{title}.</p>")]),
            event_date=event.date(),
            event_time=event.time().replace(second=0, microsecond=0),
            author_name=user.get_full_name(),
            author_address="Cộng tác viên",
            owner=user,
        )
        index.add_child(instance=page)
        page.save_revision(user=user)
        workflow.start(page, user)
        count += 1
    return count


def _prepare_royalties(site):
    """The current month's sheet, prepared by the standing office (a draft the head of the
    board then completes)."""
    preparer = get_user_model().objects.filter(username="ntlan").first()
    if preparer is None:
        return None
    month = timezone.localdate().replace(day=1)
    existing = royalties.latest_sheet(site, month)
    if existing is not None:
        return existing
    return royalties.prepare_month(preparer, site, month)
