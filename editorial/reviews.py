"""Periodic review of information that goes stale (R-SLA-2: "a change to organisation,
documents, procedures, policy, directory or project information is updated promptly";
S0 Đ10.2b, S2 Đ9.4).

A page type declares its kind (``review_kind`` on ``core.ReviewableMixin``); the body's board
rules give each kind an interval (``BoardSettings.review_days``), a page may have its own
(``core.PageReview.interval_days``). A page's next review falls due ``interval`` days after
the later of its last publication and its last "reviewed, still correct" mark. The mark
records who and when without a new revision: a ``PageReview`` row (with its history) and a
log entry on the page, so the page's history and the audit log show it.

One function per transition (``mark_reviewed``, ``set_interval``), the queryset of what is
due (``overdue``), one page's state (``review_state``) and the daily reminders
(``send_reminders``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import Page, PagePermissionTester, Site, get_page_models

from congthongtin.core import roles
from congthongtin.core.bodies import (
    archive_site_ids,
    body_name,
    holds,
    pages_in_sites,
    site_id_of_page,
)
from congthongtin.core.models import BoardRole, OutgoingEmail, PageReview, ReviewableMixin
from congthongtin.core.models.pages import tester_class
from congthongtin.core.outbox import queue_email
from congthongtin.core.query_params import local_midnight

from .models import BoardSettings, SectionAssignment
from .models.settings import REVIEW_KINDS

#: Log actions (registered with their labels in backoffice/reviews_hooks.py).
REVIEWED = "editorial.reviewed"
INTERVAL_SET = "editorial.review_interval_set"

#: Reminders go this many days before the due date (and once more on no other day): the
#: responsible unit has a week to review before the page shows in the overdue list.
REMIND_DAYS_BEFORE = 7

#: Who sees the overdue list of a body: its board and its auditors (who cannot mark).
LIST_ROLES = [*roles.BOARD, *roles.READ_ONLY_ROLES]
#: Who sets a page's own interval: the board of its body (a rule, not a content edit).
INTERVAL_ROLES = roles.BOARD

REMINDER_PURPOSE = "review_reminder"

KIND_LABELS = {
    "organisation": gettext_lazy("Organisation"),
    "directory": gettext_lazy("Directory"),
    "procedure": gettext_lazy("Administrative procedure"),
    "policy": gettext_lazy("Policy, strategy, plan"),
    "project": gettext_lazy("Project"),
}


# Page types --------------------------------------------------------------------------------
def reviewable_models() -> dict[str, list[type]]:
    """Kind → the page models declaring it (Wagtail's registry: no app imported)."""
    found: dict[str, list[type]] = defaultdict(list)
    for model in get_page_models():
        kind = getattr(model, "review_kind", None)
        if kind in REVIEW_KINDS and issubclass(model, ReviewableMixin):
            found[kind].append(model)
    return dict(found)


def kind_of_model(model) -> str | None:
    kind = getattr(model, "review_kind", None)
    return kind if kind in REVIEW_KINDS else None


def _kind_q(models: list[type]) -> Q:
    """Pages (wagtailcore.Page rows) of these models whose instances are reviewed: their
    content type, and the model's ``review_filter()`` as a subquery when it narrows."""
    terms = []
    for model in models:
        ct = ContentType.objects.get_for_model(model)
        condition = model.review_filter()
        term = Q(content_type=ct)
        if condition:
            term &= Q(pk__in=model.objects.filter(condition).values("pk"))
        terms.append(term)
    return reduce(or_, terms) if terms else Q(pk__in=[])


# Dates -------------------------------------------------------------------------------------
def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value else None


def due_date(
    last_published_at: dt.datetime | None, last_reviewed_at: dt.datetime | None, days: int
) -> dt.date | None:
    """The day the next review falls due: ``days`` after the later of the two (None when
    the page was neither published nor reviewed: due at once)."""
    dates = [d for d in (_local_date(last_published_at), _local_date(last_reviewed_at)) if d]
    return max(dates) + dt.timedelta(days=days) if dates else None


def _due_by(day: dt.date, days: int) -> Q:
    """Pages whose review with an interval of ``days`` falls due on or before ``day``."""
    limit = local_midnight(day - dt.timedelta(days=days - 1))
    return (Q(last_published_at__lt=limit) | Q(last_published_at__isnull=True)) & (
        Q(review__last_reviewed_at__lt=limit) | Q(review__last_reviewed_at__isnull=True)
    )


def _site_ids(site_ids) -> list[int]:
    """The active bodies among ``site_ids`` (None: every body): an archive's pages are
    frozen and not reviewed."""
    archived = archive_site_ids()
    ids = Site.objects.values_list("pk", flat=True) if site_ids is None else site_ids
    return sorted(pk for pk in ids if pk not in archived)


def _settings_of(site_ids) -> dict[int, BoardSettings]:
    saved = {s.site_id: s for s in BoardSettings.objects.filter(site_id__in=site_ids)}
    return {pk: saved.get(pk) or BoardSettings(site_id=pk) for pk in site_ids}


def overdue(site_ids, today: dt.date, *, ahead: int = 0):
    """Live reviewable pages of the bodies ``site_ids`` (None: every body) whose review
    falls due on or before ``today + ahead`` days: a Page queryset built with a few
    queries (the bodies' rules, the distinct per-page intervals), whatever the number of
    pages. Bodies with the same rules share one condition."""
    ids = _site_ids(site_ids)
    if not ids:
        return Page.objects.none()
    models = reviewable_models()
    kind_q = {kind: _kind_q(found) for kind, found in models.items()}
    if not kind_q:
        return Page.objects.none()
    day = today + dt.timedelta(days=ahead)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for pk, board in _settings_of(ids).items():
        groups[tuple(board.review_days(kind) for kind in kind_q)].append(pk)
    terms = []
    for intervals, group in groups.items():
        in_group = pages_in_sites(group)
        for kind, days in zip(kind_q, intervals, strict=True):
            terms.append(
                in_group & kind_q[kind] & Q(review__interval_days__isnull=True) & _due_by(day, days)
            )
    any_kind = reduce(or_, kind_q.values())
    own = (
        PageReview.objects.filter(site_id__in=ids, interval_days__isnull=False)
        .values_list("interval_days", flat=True)
        .distinct()
    )
    for days in own:
        terms.append(any_kind & Q(review__interval_days=days) & _due_by(day, days))
    return (
        Page.objects.live()
        .filter(pages_in_sites(ids))
        .filter(reduce(or_, terms))
        .select_related("content_type", "review__last_reviewed_by")
        .order_by("last_published_at", "pk")
    )


# One page ----------------------------------------------------------------------------------
def _review_of(page) -> PageReview | None:
    try:
        return page.review
    except PageReview.DoesNotExist:
        return None


def interval_for(page, kind: str, board: BoardSettings | None = None) -> tuple[int, bool]:
    """(days, whether the page has its own interval)."""
    review = _review_of(page)
    if review is not None and review.interval_days:
        return review.interval_days, True
    board = board or BoardSettings.for_site_id(site_id_of_page(page))
    return board.review_days(kind), False


def review_state(page, today: dt.date | None = None, *, board=None) -> dict | None:
    """A reviewable page's review: kind, interval, last update and review, due date and
    days overdue (negative: days left). None for a page that is not reviewed."""
    kind = kind_of_page(page)
    if kind is None:
        return None
    return _state(page, kind, today or timezone.localdate(), board=board)


def _state(page, kind: str, today: dt.date, *, board=None) -> dict:
    review = _review_of(page)
    days, own = interval_for(page, kind, board)
    due = due_date(page.last_published_at, review.last_reviewed_at if review else None, days)
    due = due or today
    return {
        "kind": kind,
        "kind_label": KIND_LABELS.get(kind, kind),
        "interval_days": days,
        "own_interval": own,
        "last_updated_at": page.last_published_at,
        "last_reviewed_at": review.last_reviewed_at if review else None,
        "last_reviewed_by": review.last_reviewed_by if review else None,
        "due": due,
        "days_overdue": (today - due).days,
        "overdue": due <= today,
    }


def overdue_rows(pages, today: dt.date) -> list[dict]:
    """The list's rows for ``pages`` (from ``overdue``): each page with its state, body and
    responsible unit; one query per page type for the units, none per row."""
    pages = list(pages)
    boards = _settings_of({site_id_of_page(page) for page in pages} - {None})
    units: dict[int, str] = {}
    by_model: dict[type, list[int]] = defaultdict(list)
    for page in pages:
        by_model[page.content_type.model_class()].append(page.pk)
    for model, ids in by_model.items():
        if model is not None and any(f.name == "responsible_unit" for f in model._meta.fields):
            units.update(
                model.objects.filter(pk__in=ids, responsible_unit__isnull=False).values_list(
                    "pk", "responsible_unit__name"
                )
            )
    sites = {site.pk: site for site in Site.objects.filter(pk__in=list(boards))}
    rows = []
    for page in pages:
        kind = kind_of_model(page.content_type.model_class())
        site_id = site_id_of_page(page)
        if kind is None or site_id is None:
            continue
        state = _state(page, kind, today, board=boards[site_id])
        rows.append(
            {
                "page": page,
                "site": sites.get(site_id),
                "body": body_name(sites[site_id]) if site_id in sites else "",
                "unit": units.get(page.pk, ""),
                **state,
            }
        )
    return rows


# Permissions -------------------------------------------------------------------------------
def _tester(user, page):
    """The page permission tester of the install (editorial's), for a Page or a specific
    page alike: ``page.permissions_for_user(user)`` on the specific page."""
    tester = tester_class() or PagePermissionTester
    return tester(user, page)


def can_mark(user, page) -> bool:
    """Whoever may edit the page in Wagtail, except auditors (read-only, R-ROLE-1)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.is_superuser and holds(user, roles.READ_ONLY_ROLES, site_id_of_page(page)):
        return False
    return _tester(user, page).can_edit()


def can_set_interval(user, page) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or holds(user, INTERVAL_ROLES, site_id_of_page(page))


def kind_of_page(page) -> str | None:
    specific = page.specific_deferred if type(page) is Page else page
    return specific.get_review_kind() if isinstance(specific, ReviewableMixin) else None


def _reviewable(page, *, live: bool = True):
    kind = kind_of_page(page)
    if kind is None or (live and not page.live):
        raise ValidationError(_("This page is not reviewed periodically, or it is not live."))
    site_id = site_id_of_page(page)
    if site_id is None or site_id in archive_site_ids():
        raise ValidationError(_("Pages of an archived body are not reviewed."))
    return kind, site_id


def _purge(page) -> None:
    """The public page shows the review date: leave the front cache after the commit."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from congthongtin.core.cache_headers import send_purge

    batch = PurgeBatch()
    batch.add_page(page)
    urls = sorted(batch.urls)
    if urls:
        transaction.on_commit(lambda: send_purge(urls))


# Transitions -------------------------------------------------------------------------------
def _review_for_update(page, site_id: int) -> PageReview:
    """The page's review row, locked; a new unsaved one when it has none (saved once by
    the caller: one history row per change)."""
    found = PageReview.objects.select_for_update().filter(page_id=page.pk).first()
    return found or PageReview(page_id=page.pk, site_id=site_id)


@transaction.atomic
def mark_reviewed(user, page, *, now: dt.datetime | None = None) -> PageReview:
    """ "Reviewed, still correct": who and when, without a new revision of the page."""
    if not can_mark(user, page):
        raise PermissionDenied
    kind, site_id = _reviewable(page)
    now = now or timezone.now()
    review = _review_for_update(page, site_id)
    previous = review.last_reviewed_at
    review.site_id = site_id
    review.last_reviewed_at = now
    review.last_reviewed_by = user
    review._history_user = user
    review.save()
    log(
        instance=page,
        action=REVIEWED,
        user=user,
        data={
            "kind": kind,
            "previous_review": previous.isoformat() if previous else None,
        },
    )
    _purge(page)
    return review


@transaction.atomic
def set_interval(user, page, days: int | None) -> PageReview:
    """The page's own review interval (None: the body's interval for its kind)."""
    if not can_set_interval(user, page):
        raise PermissionDenied
    kind, site_id = _reviewable(page, live=False)
    if days is not None and not 1 <= days <= 3660:
        raise ValidationError(_("The interval is between 1 and 3660 days."))
    review = _review_for_update(page, site_id)
    previous = review.interval_days
    if previous == days:
        return review
    review.site_id = site_id
    review.interval_days = days
    review._history_user = user
    review.save()
    log(
        instance=page,
        action=INTERVAL_SET,
        user=user,
        data={"kind": kind, "interval_days": days, "previous_interval_days": previous},
    )
    return review


# Reminders ---------------------------------------------------------------------------------
def _people(site_ids) -> tuple[dict, dict, dict]:
    """(officers by site, standing office by site, head by site): active people with an
    e-mail address, from two queries."""
    wanted = [roles.UNIT_OFFICER, roles.STANDING_OFFICE, roles.HEAD]
    found = {role: defaultdict(set) for role in wanted}
    board_roles = BoardRole.objects.filter(site_id__in=site_ids, role__in=wanted).prefetch_related(
        "group__user_set"
    )
    for board_role in board_roles:
        for user in board_role.group.user_set.all():
            if user.is_active and user.email:
                found[board_role.role][board_role.site_id].add(user)
    return found[roles.UNIT_OFFICER], found[roles.STANDING_OFFICE], found[roles.HEAD]


def recipients_for(rows: list[dict], site_id: int) -> dict:
    """User → the rows of ``site_id`` they are reminded of: the body's unit officers
    assigned to a section above the page (the unit that supplies it, R-SUB-2); where
    there are none, the body's standing office; where it has nobody, the board's head."""
    officers, office, heads = _people([site_id])
    by_user = {user.pk: user for user in officers.get(site_id, ())}
    assignments = list(
        SectionAssignment.objects.filter(
            pages_in_sites([site_id], "section__path"), user_id__in=list(by_user)
        ).values_list("user_id", "section__path")
    )
    fallback = office.get(site_id) or heads.get(site_id) or set()
    result: dict = defaultdict(list)
    for row in rows:
        path = row["page"].path
        responsible = {by_user[uid] for uid, section in assignments if path.startswith(section)}
        for user in responsible or fallback:
            result[user].append(row)
    return result


def send_reminders(now: dt.datetime, stdout=None) -> int:
    """REMINDERS_HOOK: pages whose review falls due within ``REMIND_DAYS_BEFORE`` days (or
    is overdue) → one e-mail a day per body to each responsible person, listing them. A
    page is reminded once per due date (``PageReview.reminded_for``); a body already
    reminded today waits until tomorrow for pages that fell due since."""
    today = timezone.localdate(now)
    rows = [
        row
        for row in overdue_rows(overdue(None, today, ahead=REMIND_DAYS_BEFORE), today)
        if (review := _review_of(row["page"])) is None or review.reminded_for != row["due"]
    ]
    if not rows:
        return 0
    prefix = f"reviews:{today.isoformat()}:"
    sent_today = {
        int(ref[len(prefix) :].split(":")[0])
        for ref in OutgoingEmail.objects.filter(
            purpose=REMINDER_PURPOSE, reference__startswith=prefix
        ).values_list("reference", flat=True)
    }
    by_site: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        if row["site"] is not None and row["site"].pk not in sent_today:
            by_site[row["site"].pk].append(row)
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    queued = 0
    for site_id, site_rows in by_site.items():
        site = site_rows[0]["site"]
        for row in site_rows:
            row["edit_url"] = base + reverse("wagtailadmin_pages:edit", args=[row["page"].pk])
        with transaction.atomic():
            for user, user_rows in recipients_for(site_rows, site_id).items():
                subject = _("Pages to review (%(body)s): %(count)d") % {
                    "body": body_name(site),
                    "count": len(user_rows),
                }
                body = render_to_string(
                    "editorial/reviews/reminder_email.txt",
                    {
                        "user": user,
                        "body": body_name(site),
                        "rows": user_rows,
                        "list_url": base + reverse("editorial:reviews"),
                    },
                )
                if queue_email(
                    user.email,
                    subject,
                    body,
                    purpose=REMINDER_PURPOSE,
                    reference=f"{prefix}{site_id}:{user.pk}",
                    site=site,
                ):
                    queued += 1
            _record_reminded(site_id, site_rows)
    if stdout is not None:
        stdout.write(f"reviews: {queued}\n")
    return queued


def _record_reminded(site_id: int, rows: list[dict]) -> None:
    """Each page's reminder for its due date is sent: one UPDATE per due date, one INSERT
    for pages without a review row (bookkeeping: no history row, ``reminded_for`` is
    excluded from it)."""
    by_due: dict[dt.date, list[int]] = defaultdict(list)
    missing = []
    for row in rows:
        if _review_of(row["page"]) is None:
            missing.append(
                PageReview(page_id=row["page"].pk, site_id=site_id, reminded_for=row["due"])
            )
        else:
            by_due[row["due"]].append(row["page"].pk)
    for due, ids in by_due.items():
        PageReview.objects.filter(page_id__in=ids).update(reminded_for=due)
    if missing:
        PageReview.objects.bulk_create(missing, ignore_conflicts=True)
