"""The machinery of the role x URL matrix (test_admin_matrix.py holds the policy table).

Portal admin URLs are read from the URL resolver, so a view added to a portal viewset or
to a portal app's admin URLs shows up here by itself; the test module then fails until
the table says who may use it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from congthongtin.core import roles
from congthongtin.core.bodies import role_group

#: The portal's own packages: a URL whose view or model comes from one of them is a
#: portal admin URL.
PORTAL_APPS = {
    "congthongtin.consultation",
    "congthongtin.core",
    "congthongtin.editorial",
    "congthongtin.home",
    "congthongtin.legal",
    "congthongtin.news",
    "congthongtin.procedures",
    "congthongtin.projects",
    "congthongtin.search",
    "congthongtin.stats",
    "congthongtin.subscriptions",
    "congthongtin.nhuxuan_site",
}

#: Wagtail's own account screens (users over the portal's user model, groups) are
#: reviewed with the accounts work. Set this to True to cover them here too: the
#: completeness test then asks for their rows (fixtures: a unit officer, the
#: collaborators' group).
COVER_ACCOUNT_SCREENS = True
ACCOUNT_SCREENS = ("wagtailusers_users:", "wagtailusers_groups:")

ANONYMOUS = "anonymous"
SUPERUSER = "superuser"

#: Principal → the role group it belongs to (None: no group).
ROLE_GROUPS = {
    "head": roles.HEAD,
    "deputy": roles.DEPUTY,
    "editor": roles.EDITOR,
    "secretary": roles.SECRETARY,
    "collaborator": roles.COLLABORATOR,
    "officer": roles.UNIT_OFFICER,
    "techadmin": roles.TECH_ADMIN,
    "auditor": roles.AUDITOR,
    "office": roles.STANDING_OFFICE,
    "bodyhead": roles.BODY_HEAD,
}
PRINCIPALS = [ANONYMOUS, SUPERUSER, *ROLE_GROUPS]

# Outcomes of one request.
OK = "allowed"
REFUSED = "refused"
LOGIN = "login"


@dataclass(frozen=True)
class AdminURL:
    name: str
    route: str
    callback: object
    kwargs: tuple[str, ...]

    @property
    def model(self):
        view_class = getattr(self.callback, "view_class", None)
        initkwargs = getattr(self.callback, "view_initkwargs", None) or {}
        model = initkwargs.get("model") or getattr(view_class, "model", None)
        if isinstance(model, str):
            model = apps.get_model(model)
        return model if isinstance(model, type) and issubclass(model, models.Model) else None


def _walk(patterns, namespace="", prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, prefix + str(pattern.pattern), pattern


def _is_portal(url: AdminURL) -> bool:
    if url.model is not None:
        return apps.get_app_config(url.model._meta.app_label).name in PORTAL_APPS
    view = getattr(url.callback, "view_class", None) or url.callback
    return ".".join(view.__module__.split(".")[:2]) in PORTAL_APPS


def portal_admin_urls() -> dict[str, AdminURL]:
    admin_prefix = reverse("wagtailadmin_home").lstrip("/")
    found = {}
    for name, route, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith(admin_prefix):
            continue
        url = AdminURL(name, route, pattern.callback, tuple(pattern.pattern.regex.groupindex))
        if name.startswith(ACCOUNT_SCREENS):
            if COVER_ACCOUNT_SCREENS:
                found[name] = url
        elif _is_portal(url):
            found[name] = url
    return found


# Fixtures -----------------------------------------------------------------------------
def make_users():
    User = get_user_model()
    users = {}
    for key, group_name in ROLE_GROUPS.items():
        user = User.objects.create_user(
            f"mt{key}", f"{key}@example.gov.vn", "x" * 12, first_name=key, last_name="Thử"
        )
        user.groups.add(role_group(group_name))
        users[key] = user
    users[SUPERUSER] = User.objects.create_superuser("mtroot", "root@example.gov.vn", "x" * 12)
    # Not a principal: the officer whose question and answer the others look at.
    other = User.objects.create_user("mtkhac", "khac@example.gov.vn", "x" * 12)
    other.groups.add(role_group(roles.UNIT_OFFICER))
    users["other_officer"] = other
    return users


def make_objects(users) -> dict:
    """One object of every model the portal's viewsets show, and the pages, revisions and
    workflow states their URLs need. The question and answer belong to another officer
    than the ``officer`` principal (issue 16, finding 4)."""
    from wagtail.models import Page, Site

    from congthongtin.consultation.models import (
        Answer,
        ConsultationComment,
        ConsultationSubscriber,
        ContactMessage,
        PageFeedback,
        QuestionState,
    )
    from congthongtin.core.models import Agency, Field, OutgoingEmail
    from congthongtin.editorial.models import Delegation, EditorialTask, SectionAssignment
    from congthongtin.home.models import StandardPage
    from congthongtin.legal.models import DocumentType
    from congthongtin.news.models import NewsCategory
    from tests.consultation.helpers import (
        make_consultation,
        make_consultation_index,
        make_question,
        make_question_index,
        vn,
    )
    from tests.factories import OfficialFactory, UnitFactory
    from tests.legal.factories import make_library

    home = Page.objects.get(depth=2)
    page = StandardPage(title="Trang ma trận", slug="trang-ma-tran", live=False)
    home.add_child(instance=page)
    page.save_revision(user=users["editor"])
    page.title = "Trang ma trận (sửa)"
    page.save_revision(user=users["editor"])

    library = make_library()  # the legal import screen opens only where documents may be added
    from congthongtin.news.models import NewsIndexPage

    home.add_child(instance=NewsIndexPage(title="Tin tức ma trận", slug="tin-tuc-ma-tran"))
    unit = UnitFactory(name="Phòng Ma trận")
    question = make_question(
        make_question_index(),
        Field.objects.order_by("pk").first(),
        title="Câu hỏi của cán bộ khác",
        state=QuestionState.ASSIGNED,
        unit=unit,
        officer=users["other_officer"],
        due_at=timezone.now() + datetime.timedelta(days=5),
    )
    answer = Answer.objects.create(
        question=question, body="<p>Bản nháp</p>", author_name="Cán bộ khác", live=False
    )
    answer.save_revision(user=users["other_officer"])
    answer.body = "<p>Bản nháp, sửa lần hai</p>"
    answer.save_revision(user=users["other_officer"])
    answer.get_workflow().start(answer, users["other_officer"])
    answer.refresh_from_db()

    draft = make_consultation(
        make_consultation_index(), opens_at=vn(2026, 1, 1), closes_at=vn(2027, 1, 1)
    )
    comment = ConsultationComment(
        page=draft, full_name="Trần Văn Nam", email="nam@example.vn", text="Góp ý"
    )
    comment.submitted_at = timezone.now()
    comment.attachment.save("gop-y.pdf", ContentFile(b"%PDF-1.4 ma tran"), save=False)
    comment.save()

    step3 = EditorialTask.objects.get(step=3)
    objects = {
        "page": page,
        "question": question,
        "answer": answer,
        "comment": comment,
        # Not the question's field: a superuser may delete a field nothing uses.
        Field: Field.objects.create(name="Lĩnh vực ma trận"),
        Agency: Agency.objects.create(name="Sở Ma trận"),
        type(unit): unit,
        "official": OfficialFactory(unit=unit),
        DocumentType: DocumentType.objects.order_by("pk").first(),
        NewsCategory: NewsCategory.objects.order_by("pk").first(),
        ContactMessage: ContactMessage.objects.create(
            site=home.get_site(),
            full_name="Lê Văn Hỏi",
            email="hoi@example.vn",
            subject="Hỏi",
            message="Nội dung",
        ),
        PageFeedback: PageFeedback.objects.create(page=draft, useful=True, comment="Rõ"),
        ConsultationSubscriber: ConsultationSubscriber.objects.create(
            site=home.get_site(), email="theo-doi@example.vn", consent_at=timezone.now()
        ),
        OutgoingEmail: OutgoingEmail.objects.create(
            site=Site.objects.get(is_default_site=True),
            to="nguoi-hoi@example.vn",
            subject="Thư thử",
            body="Nội dung",
            purpose="test",
        ),
        Delegation: Delegation.objects.create(
            delegator=users["head"],
            delegate=users["deputy"],
            task=step3,
            starts_at=timezone.now(),
            ends_at=timezone.now() + datetime.timedelta(days=7),
            reason="Đi công tác",
        ),
        SectionAssignment: SectionAssignment.objects.create(
            user=users["other_officer"], section=page, note="Ma trận"
        ),
    }
    from congthongtin.core.bodies import body_of
    from congthongtin.core.models import Body, TrustAnchor
    from congthongtin.core.reading.signatures import describe_certificate
    from congthongtin.legal.importer.batch import create_batch
    from congthongtin.legal.models import ImportBatch
    from tests.core.signed_pdfs import make_ca

    objects[Body] = body_of(home.get_site())
    objects[ImportBatch] = create_batch(library=library, user=users["editor"], name="lo.zip")
    facts = describe_certificate(make_ca("Chứng thư gốc ma trận").pem)
    facts.pop("self_signed")
    objects[TrustAnchor] = TrustAnchor.objects.create(
        name="Gốc ma trận", certificate=facts.pop("der"), **facts
    )
    # Royalties (R-ROY-1): a draft sheet of the default body with one line and one fee.
    from congthongtin.editorial.models import (
        BaseSalary,
        BoardFee,
        RoyaltyKind,
        RoyaltyLine,
        RoyaltySheet,
    )

    kind = RoyaltyKind.objects.filter(site=home.get_site(), code="news").first()
    sheet = RoyaltySheet.objects.create(site=home.get_site(), month=datetime.date(2024, 7, 1))
    objects["royalty_line"] = RoyaltyLine.objects.create(
        sheet=sheet, page=page, title=page.title, kind=kind, coefficient=1, base_salary=2340000
    )
    objects["royalty_fee"] = BoardFee.objects.create(
        sheet=sheet, member=users["editor"], member_name="Biên tập", proposed_amount=100000
    )
    objects[RoyaltySheet] = sheet
    objects[RoyaltyKind] = kind
    objects[BaseSalary] = BaseSalary.objects.order_by("valid_from").first()
    # Unit quotas (R-QUOTA-1): a supplying unit of the default body.
    from congthongtin.editorial.models import SupplyingUnit

    objects[SupplyingUnit] = SupplyingUnit.objects.create(
        site=home.get_site(), agency=Agency.objects.create(name="Phòng Ma trận cung cấp tin")
    )
    # Citizens' words (issue 25): an entry of the default body's search lexicon.
    from congthongtin.search.models import LexiconEntry

    objects[LexiconEntry] = LexiconEntry.objects.create(
        site=home.get_site(),
        phrase="xóm Ma trận",
        terms="thôn Ma trận",
        kind="former",
        reason="Nghị quyết sáp nhập thôn",
    )
    objects[get_user_model()] = users["other_officer"]
    objects[Group] = role_group(roles.COLLABORATOR)
    # The contributions inbox: an item sent to the default site's board, with a file.
    from congthongtin.editorial.models import Contribution, ContributionFile

    contribution = Contribution.objects.create(
        site=home.get_site(),
        title="Tin gửi ma trận",
        text="Nội dung",
        sender_name="Lê Thị Gửi",
        sender_address="Thôn Ma trận",
        sender_email="gui@example.vn",
    )
    stored = ContributionFile(contribution=contribution, original_name="anh.png", kind="png")
    stored.file.save("anh.png", ContentFile(b"\x89PNG\r\n\x1a\nma tran"), save=True)
    objects["contribution"], objects["contribution_file"] = contribution, stored
    # Content up to the parent portal (S0 Đ4.2d): the default body's parent is another body;
    # a live news item to propose, and a proposal received in the default body's inbox
    # (made by the default body itself, so that its board may also withdraw it).
    from congthongtin.core.models import Body as BodyModel
    from congthongtin.editorial.models import UpwardProposal
    from congthongtin.news.models import NewsPage
    from tests.factories import make_portal

    parent_site, _parent_home = make_portal("tinh-ma-tran.example.vn", "Tỉnh Ma trận", "UBND")
    BodyModel.objects.filter(pk=body_of(home.get_site()).pk).update(parent=body_of(parent_site))
    # A category of its own: the first one stays free for the snippet's delete row.
    upward_category = NewsCategory.objects.create(name="Tin đề xuất ma trận")
    news_item = NewsPage(title="Tin đề xuất ma trận", category=upward_category)
    NewsIndexPage.objects.get(slug="tin-tuc-ma-tran").add_child(instance=news_item)
    news_item.save_revision().publish()
    objects["upward_page"] = news_item
    upward_item = Contribution.objects.create(
        site=home.get_site(),
        channel="upward",
        title="Đề xuất ma trận",
        sender_name="Xã Ma trận",
        sender_address="Xã Ma trận",
    )
    objects["upward"] = UpwardProposal.objects.create(
        source_site=home.get_site(),
        target_site=home.get_site(),
        source_name="Xã Ma trận",
        source_url="https://xa-ma-tran.example.vn/tin/",
        source_version="1",
        title="Đề xuất ma trận",
        body_html="<p>Nội dung</p>",
        contribution=upward_item,
    )
    # An online exchange of the default body that has ended, with one pending question.
    from congthongtin.consultation.models import (
        ExchangeIndexPage,
        ExchangePage,
        ExchangeQuestion,
    )

    exchanges = home.add_child(
        instance=ExchangeIndexPage(title="Giao lưu ma trận", slug="giao-luu-ma-tran")
    )
    exchange = exchanges.add_child(
        instance=ExchangePage(
            title="Giao lưu ma trận",
            leader_name="Lê Văn Ma",
            leader_position="Chủ tịch",
            topic="Ma trận",
            starts_at=timezone.now() - datetime.timedelta(days=2),
            ends_at=timezone.now() - datetime.timedelta(days=1),
        )
    )
    objects["exchange"] = exchange
    objects["exchange_question"] = ExchangeQuestion.objects.create(
        page=exchange, asker_name="Người hỏi ma trận", text="Câu hỏi ma trận?"
    )
    from congthongtin.subscriptions.models import Subscription

    objects[Subscription] = Subscription.objects.create(
        site=home.get_site(), email="nhan-tin@example.vn", consent_at=timezone.now()
    )
    objects[type(question)] = question
    objects[type(answer)] = answer
    objects[type(comment)] = comment
    objects[type(objects["official"])] = objects["official"]
    return objects


def _guide_image() -> str:
    """The first screenshot the editor's guide shows (editorial:guide_image)."""
    from congthongtin.editorial.views import guide

    return guide.image_names(guide.GUIDE_FILE.read_text(encoding="utf-8"))[0]


def url_kwargs(url: AdminURL, objects: dict) -> dict:
    """Fill a URL's arguments from the fixtures."""
    page = objects["page"]
    if not url.kwargs:
        return {}
    if url.name == "editorial:account_detail":
        return {"pk": objects[get_user_model()].pk}
    if url.name.startswith("editorial:upward_"):
        return {
            name: {"page_id": objects["upward_page"].pk, "pk": objects["upward"].pk}[name]
            for name in url.kwargs
        }
    if url.name.startswith("editorial:inbox"):
        key = "contribution_file" if url.name == "editorial:inbox_file" else "contribution"
        return {"pk": objects[key].pk}
    if url.name.startswith("editorial:royalty_"):
        from congthongtin.editorial.models import RoyaltySheet

        values = {
            "pk": objects[RoyaltySheet].pk,
            "line_id": objects["royalty_line"].pk,
            "fee_id": objects["royalty_fee"].pk,
            "fmt": "xlsx",
        }
    elif url.name.startswith("editorial:"):
        revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))
        values = {
            "page_id": page.pk,
            "pk": page.pk,
            "revision_id_a": revisions[0],
            "revision_id_b": revisions[-1],
            "label": "core.official",
            "name": _guide_image(),
        }
    elif url.name.startswith("core_bodies:"):
        from congthongtin.core.models import Body

        values = {"pk": objects[Body].pk}
    elif url.name.startswith("legal_import_batch"):
        from congthongtin.legal.models import ImportBatch

        values = {"pk": objects[ImportBatch].pk}
    elif url.name.startswith("consultation_exchanges:"):
        on_page = url.name.endswith((":moderate", ":publish_transcript"))
        values = {"pk": objects["exchange" if on_page else "exchange_question"].pk}
    elif url.name.startswith("subscriptions_admin:"):
        from congthongtin.subscriptions.models import Subscription

        values = {"pk": objects[Subscription].pk}
    elif url.name.startswith("consultation_admin:"):
        target = objects["comment"] if "comment" in url.name else objects["question"]
        values = {"pk": target.pk}
    else:
        obj = objects[url.model]
        values = {"pk": obj.pk}
        if hasattr(obj, "revisions"):
            revisions = list(obj.revisions.order_by("pk").values_list("pk", flat=True))
            values.update(
                revision_id=revisions[-1],
                revision_id_a=str(revisions[0]),
                revision_id_b=str(revisions[-1]),
            )
        if hasattr(obj, "current_workflow_state") and obj.current_workflow_state:
            values.update(
                workflow_state_id=obj.current_workflow_state.pk,
                task_state_id=obj.current_workflow_task_state.pk,
                action_name="approve",
            )
    return {name: values[name] for name in url.kwargs}


def post_data(url: AdminURL) -> dict:
    """An empty form, with the count of each StreamField (without it Wagtail's StreamField
    widget fails on the missing key before any validation; a browser always sends it)."""
    from wagtail.fields import StreamField

    model = url.model
    if model is None:
        return {}
    return {
        f"{field.name}-count": "0"
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    }


# Outcomes ---------------------------------------------------------------------------------
def outcome(response) -> str:
    """allowed / refused / login, or the status code when it is none of them.

    Refused: 403; Wagtail's redirect to the dashboard with a "no permission" message; 405
    (the view takes no such request: nothing happens, whoever sends it)."""
    if response.status_code in (403, 405):
        return REFUSED
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if location == reverse("wagtailadmin_home"):
            return REFUSED
        return OK
    if response.status_code < 300:
        return OK
    return str(response.status_code)


#: Writes a request may make without changing the portal's data.
NOT_DATA = ("django_session", "axes_")


def data_writes(queries) -> list[str]:
    """The INSERT, UPDATE and DELETE statements among ``queries`` (CaptureQueriesContext)."""
    statements = [query["sql"] for query in queries.captured_queries]
    return [
        sql
        for sql in statements
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))
        and not any(table in sql for table in NOT_DATA)
    ]
