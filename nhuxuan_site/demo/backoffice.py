"""Demo of the board's back office (docs/backoffice.md): the units the body tracks with their
quotas, the demo news and articles attributed to them, items waiting at each step of the
workflow with their publication time limits (and one sent back with the reviewer's comment),
and the current month's royalty sheet prepared by the standing office. Idempotent: units by
(site, agency), pages by slug, the sheet by (site, month).

The items move through Wagtail's workflow API (``Workflow.start``, the step's ``on_action``
as the admin's buttons call it), so the audit log, the time limits and the four-eyes rules
are those of real work."""

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

#: Items a collaborator sent to the board (slug, title, event hours ago, what the board did
#: since: (user name, action, comment) in order). Step 1 is the editors', 2 the deputy's,
#: 3 the head's: one item waits at each, one was sent back to its writer.
IN_WORKFLOW = [
    ("hoi-nghi-giao-ban-quy-iv-2026", "Hội nghị giao ban công tác quý IV năm 2026", 3, []),
    ("ra-quan-ve-sinh-moi-truong-thang-12", "Ra quân vệ sinh môi trường tháng 12", 30, []),
    (
        "tap-huan-chuyen-doi-so-cho-to-cong-nghe-so",
        "Tập huấn chuyển đổi số cho tổ công nghệ số cộng đồng",
        20,
        [("lvcuong", "approve", "")],
    ),
    (
        "trao-qua-cho-ho-ngheo-dip-cuoi-nam",
        "Trao quà cho hộ nghèo dịp cuối năm",
        26,
        [("lvcuong", "approve", ""), ("ttbinh", "approve", "Số liệu đã đối chiếu với danh sách.")],
    ),
    (
        "ket-qua-thu-hoach-mia-vu-2026",
        "Kết quả thu hoạch mía vụ 2026",
        28,
        [
            ("lvcuong", "approve", ""),
            (
                "ttbinh",
                "reject",
                "Đề nghị ghi rõ nguồn số liệu sản lượng (báo cáo của Phòng Kinh tế) "
                "và bổ sung ảnh minh họa.",
            ),
        ],
    ),
]

#: The same for another body: Xã Xuân Bình's editor's item, verified, waits for its head.
OTHER_BODY_ITEMS = [
    (
        "qvminh",
        "hop-dan-ban-ke-hoach-lam-duong-2027",
        "Họp dân bàn kế hoạch làm đường giao thông năm 2027",
        6,
        [("ctlan", "approve", "")],
    ),
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
    """The collaborator's news drafts, submitted to the board and moved on by its members:
    the dashboards list them at their steps, by their due time."""
    return submit_news(context.site, context.home, "ptdung", IN_WORKFLOW)


def load_other_body(site) -> int:
    """Xã Xuân Bình's item at its head's step (run after that body's accounts)."""
    count = 0
    for username, slug, title, hours_ago, actions in OTHER_BODY_ITEMS:
        count += submit_news(site, site.root_page, username, [(slug, title, hours_ago, actions)])
    return count


def submit_news(site, home, username, items) -> int:
    """Each (slug, title, event hours ago, actions) not yet there: a news draft of
    ``username``'s under the body's news section, submitted to the body's workflow, then
    each (user name, "approve" or "reject", comment) taken on the step it waits at."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    workflow = body_workflow(site)
    index = NewsIndexPage.objects.descendant_of(home).first()
    if user is None or workflow is None or index is None:
        return 0
    category = NewsPage.objects.descendant_of(index).exclude(category=None).first()
    count = 0
    now = timezone.localtime()
    for slug, title, hours_ago, actions in items:
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
            author_address=site.site_name,
            owner=user,
        )
        index.add_child(instance=page)
        page.save_revision(user=user)
        state = workflow.start(page, user)
        for actor_name, action, comment in actions:
            _act(state, User.objects.get(username=actor_name), action, comment)
        count += 1
    return count


def _act(workflow_state, user, action: str, comment: str) -> None:
    """What the step's "Approve" / "Request changes" button does (Wagtail's workflow
    action view calls the task's ``on_action``): logged, with its comment."""
    workflow_state.refresh_from_db()
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


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
