"""Online exchanges (R-FORUM-1; S4 Đ13.2f): status from the clock, the transitions and their
log, the public form, the polled JSON list and its cache headers, the board's moderation
per body, the transcript in site search, a question turned into a Q&A item, the e-mails'
erasure."""

from __future__ import annotations

import datetime
import json

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from congthongtin.consultation import exchanges
from congthongtin.consultation.models import (
    ExchangeIndexPage,
    ExchangePage,
    ExchangeQuestion,
    ExchangeQuestionState,
    ExchangeStatus,
    Question,
    QuestionEvent,
    QuestionIndexPage,
)
from congthongtin.core import roles
from congthongtin.core.bodies import forget_memberships, role_group
from congthongtin.search.models import SearchDocument
from tests.editorial.helpers import assert_denied
from tests.factories import make_portal
from tests.helpers import override_app_settings, warm_query_count

from .helpers import challenge_fields, field, home

HOUR = datetime.timedelta(hours=1)
#: A warm GET of the JSON list: Wagtail's routing to the page (2; the Site and its home page
#: come from core.site_resolution's host table), then the list (1).
QUERIES_JSON = 3


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.vn", "x" * 12)
    user.groups.add(*groups)
    forget_memberships(user)
    return user


def make_exchange(parent=None, *, starts_at, ends_at, slug="chu-de", **fields):
    if parent is None:
        parent = ExchangeIndexPage.objects.first()
        if parent is None:
            parent = home().add_child(
                instance=ExchangeIndexPage(title="Giao lưu trực tuyến", slug="giao-luu-truc-tuyen")
            )
    page = ExchangePage(
        title=fields.pop("title", "Giao lưu về nông thôn mới"),
        slug=slug,
        leader_name="Lê Văn Thắng",
        leader_position="Chủ tịch UBND xã",
        topic="Nông thôn mới",
        starts_at=starts_at,
        ends_at=ends_at,
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return ExchangePage.objects.get(pk=page.pk)


def live_exchange(**fields):
    now = timezone.now()
    return make_exchange(starts_at=now - HOUR, ends_at=now + HOUR, **fields)


def ask(page, text="Khi nào làm đường?", name="Nguyễn Văn Hùng", email="hung@example.vn"):
    return exchanges.submit(
        page, asker_name=name, asker_place="thôn Xuân Thịnh", email=email, text=text
    )


class StatusTests(TestCase):
    def test_status__from_the_clock_and_the_closed_flag(self):
        now = timezone.now()
        page = make_exchange(starts_at=now + HOUR, ends_at=now + 2 * HOUR)
        self.assertEqual(page.status_at(now), ExchangeStatus.UPCOMING)
        self.assertEqual(page.status_at(now + 90 * datetime.timedelta(minutes=1)), "dang-dien-ra")
        self.assertEqual(page.status_at(now + 3 * HOUR), ExchangeStatus.ENDED)
        page.closed = True
        self.assertEqual(page.status_at(now), ExchangeStatus.ENDED)
        self.assertFalse(page.accepts_questions)

    def test_index__lists_live_upcoming_and_past(self):
        now = timezone.now()
        live_exchange(title="Đang diễn ra")
        make_exchange(starts_at=now + HOUR, ends_at=now + 2 * HOUR, slug="b", title="Sắp tới")
        make_exchange(starts_at=now - 3 * HOUR, ends_at=now - HOUR, slug="c", title="Đã qua")
        response = self.client.get("/giao-luu-truc-tuyen/")
        groups = {
            status: [p.title for p in pages] for status, _l, pages in response.context["groups"]
        }
        self.assertEqual(groups[ExchangeStatus.LIVE], ["Đang diễn ra"])
        self.assertEqual(groups[ExchangeStatus.UPCOMING], ["Sắp tới"])
        self.assertEqual(groups[ExchangeStatus.ENDED], ["Đã qua"])

    def test_upcoming__page_and_list_cached_no_longer_than_until_the_start(self):
        now = timezone.now()
        page = make_exchange(starts_at=now + 10 * datetime.timedelta(minutes=1), ends_at=now + HOUR)
        for url in (page.url, "/giao-luu-truc-tuyen/"):
            response = self.client.get(url)
            max_age = int(response["X-Accel-Expires"])
            self.assertTrue(590 <= max_age <= 600, (url, max_age))
            self.assertIn(f"s-maxage={max_age}", response["Cache-Control"])


class TransitionTests(TestCase):
    def setUp(self):
        self.page = live_exchange()
        self.board = make_user("thuky", role_group(roles.SECRETARY))

    def test_submit_approve_answer__each_step_logged(self):
        question = ask(self.page)
        self.assertEqual(question.state, ExchangeQuestionState.PENDING)
        exchanges.approve(question, self.board)
        exchanges.answer(question, "Quý tới khởi công.", self.board)
        question.refresh_from_db()
        self.assertEqual(question.state, ExchangeQuestionState.ANSWERED)
        self.assertEqual(question.answered_by, self.board)
        self.assertIsNotNone(question.answered_at)
        actions = list(
            ModelLogEntry.objects.filter(object_id=str(question.pk))
            .order_by("pk")
            .values_list("action", flat=True)
        )
        self.assertEqual(actions, [exchanges.SUBMITTED, exchanges.APPROVED, exchanges.ANSWERED])

    def test_reject__then_no_answer(self):
        question = ask(self.page)
        exchanges.reject(question, self.board)
        with self.assertRaises(exchanges.TransitionError):
            exchanges.answer(question, "Trả lời", self.board)
        with self.assertRaises(exchanges.TransitionError):
            exchanges.reject(question, self.board)

    def test_submit__refused_after_the_end(self):
        self.page.closed = True
        with self.assertRaises(exchanges.TransitionError):
            ask(self.page)

    def test_transcript__only_after_the_end(self):
        with self.assertRaises(exchanges.TransitionError):
            exchanges.publish_transcript(self.page, self.board)


class PublicFormTests(TestCase):
    def setUp(self):
        cache.clear()
        self.page = live_exchange()
        self.url = self.page.url + "gui-cau-hoi/"

    def data(self, **overrides):
        return {
            "asker_name": "Trần Thị Mai",
            "asker_place": "thôn Tân Lập",
            "email": "mai@example.vn",
            "text": "Có nộp <b>trực tuyến</b> được không?",
            **challenge_fields(),
            **overrides,
        }

    def test_question__received_pending_and_stripped(self):
        response = self.client.post(self.url, self.data())
        self.assertRedirects(response, self.url + "?da_gui=1", fetch_redirect_response=False)
        question = ExchangeQuestion.objects.get()
        self.assertEqual(question.state, ExchangeQuestionState.PENDING)
        self.assertEqual(question.text, "Có nộp trực tuyến được không?")
        # Pending questions are not on the public page.
        self.assertNotContains(self.client.get(self.page.url), "trực tuyến được không")

    def test_honeypot_and_missing_name__refused_in_vietnamese_text_kept(self):
        with self.settings(LANGUAGE_CODE="vi"):
            response = self.client.post(self.url, self.data(extra_note="spam", asker_name=""))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ExchangeQuestion.objects.exists())
        self.assertContains(response, "trực tuyến")

    def test_rate_limit__429(self):
        with override_app_settings(
            PUBLIC_FORM_RATE_LIMITS={"exchange-question": {"accepted": (1, 600)}}
        ):
            self.client.post(self.url, self.data())
            response = self.client.post(self.url, self.data(text="Câu thứ hai"))
        self.assertEqual(response.status_code, 429)
        self.assertEqual(ExchangeQuestion.objects.count(), 1)

    def test_after_the_end__no_form_and_post_refused(self):
        ExchangePage.objects.filter(pk=self.page.pk).update(closed=True)
        response = self.client.post(self.url, self.data())
        self.assertIsNone(response.context["form"])
        self.assertFalse(ExchangeQuestion.objects.exists())
        self.assertNotContains(self.client.get(self.page.url), "gui-cau-hoi/")

    def test_exchange_page__cached_5_seconds_while_live_no_cookie_no_inline_script(self):
        response = self.client.get(self.page.url)
        self.assertEqual(response["Cache-Control"], "public, max-age=5, s-maxage=5")
        self.assertEqual(response["X-Accel-Expires"], "5")
        self.assertFalse(response.cookies)
        html = response.content.decode()
        self.assertIn("consultation/exchange.js", html)
        self.assertIn('aria-live="polite"', html)
        self.assertNotIn("<script>", html)


class JsonTests(TestCase):
    def setUp(self):
        self.page = live_exchange()
        self.board = make_user("thuky", role_group(roles.SECRETARY))
        self.url = self.page.url + "cau-hoi-json/"

    def test_json__approved_and_answered_only_never_the_email(self):
        pending = ask(self.page, "Câu chờ duyệt")
        approved = exchanges.approve(ask(self.page, "Câu đã duyệt"), self.board)
        answered = exchanges.answer(ask(self.page, "Câu đã trả lời"), "Đã trả lời", self.board)
        # Warm (the site's caches filled by any earlier reader): Wagtail's routing to the
        # page, and one query for the list.
        self.assertEqual(warm_query_count(self, self.url), QUERIES_JSON)
        response = self.client.get(self.url)
        self.assertEqual(response["Cache-Control"], "public, max-age=5, s-maxage=5")
        self.assertEqual(response["X-Accel-Expires"], "5")
        self.assertFalse(response.cookies)
        data = json.loads(response.content)
        self.assertEqual(data["status"], ExchangeStatus.LIVE)
        ids = [item["id"] for item in data["questions"]]
        self.assertEqual(ids, [approved.pk, answered.pk])
        self.assertNotIn(pending.pk, ids)
        self.assertEqual(data["questions"][1]["answer"], "Đã trả lời")
        self.assertEqual(data["questions"][0]["answer"], "")
        self.assertNotIn("hung@example.vn", response.content.decode())
        self.assertNotIn("hung@example.vn", self.client.get(self.page.url).content.decode())


class ModerationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.page = make_exchange(starts_at=now - HOUR, ends_at=now + HOUR, field=field())
        site_b, home_b = make_portal("xa-b.example.vn", "UBND xã B", "UBND xã B")
        index_b = home_b.add_child(
            instance=ExchangeIndexPage(title="Giao lưu", slug="giao-luu-truc-tuyen")
        )
        cls.page_b = make_exchange(index_b, starts_at=now - HOUR, ends_at=now + HOUR)
        cls.secretary = make_user("thuky", role_group(roles.SECRETARY))
        cls.auditor = make_user("kiemtra", role_group(roles.AUDITOR))
        cls.collaborator = make_user("ctv", role_group(roles.COLLABORATOR))
        cls.other_board = make_user("thuky_b", role_group(roles.SECRETARY, site_b))

    def setUp(self):
        self.question = ask(self.page)

    def login(self, user):
        forget_memberships(user)
        self.client.force_login(user)

    def test_board__approves_answers_from_the_screen(self):
        self.login(self.secretary)
        moderate = reverse("consultation_exchanges:moderate", args=[self.page.pk])
        self.assertContains(self.client.get(moderate), "Khi nào làm đường?")
        self.client.post(reverse("consultation_exchanges:approve", args=[self.question.pk]))
        self.client.post(
            reverse("consultation_exchanges:answer", args=[self.question.pk]),
            {"answer": "Quý tới khởi công."},
        )
        self.question.refresh_from_db()
        self.assertEqual(self.question.state, ExchangeQuestionState.ANSWERED)
        self.assertEqual(self.question.answered_by, self.secretary)

    def test_list__only_own_body(self):
        self.login(self.other_board)
        response = self.client.get(reverse("consultation_exchanges:list"))
        self.assertEqual([p.pk for p in response.context["exchanges"]], [self.page_b.pk])

    def test_other_body_auditor_collaborator__refused_nothing_changes(self):
        approve = reverse("consultation_exchanges:approve", args=[self.question.pk])
        moderate = reverse("consultation_exchanges:moderate", args=[self.page.pk])
        for user in (self.other_board, self.collaborator):
            self.login(user)
            assert_denied(self, self.client.get(moderate))
            assert_denied(self, self.client.post(approve))
        self.login(self.auditor)
        self.assertEqual(self.client.get(moderate).status_code, 200)
        self.assertEqual(self.client.post(approve).status_code, 403)  # read-only role
        self.question.refresh_from_db()
        self.assertEqual(self.question.state, ExchangeQuestionState.PENDING)

    def test_convert__creates_a_qa_question_of_the_body_once(self):
        Site.objects.get(is_default_site=True).root_page.add_child(
            instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
        )
        self.login(self.secretary)
        url = reverse("consultation_exchanges:convert", args=[self.question.pk])
        self.client.post(url, {"field": self.page.field_id})
        qa = Question.objects.get()
        self.assertEqual(qa.body, "Khi nào làm đường?")
        self.assertEqual(qa.full_name, "Nguyễn Văn Hùng")
        self.assertEqual(qa.email, "hung@example.vn")
        self.assertEqual(qa.public_place, "thôn Xuân Thịnh")
        self.assertEqual(qa.page.get_site(), Site.objects.get(is_default_site=True))
        self.assertTrue(QuestionEvent.objects.filter(question=qa, kind="received").exists())
        self.question.refresh_from_db()
        self.assertEqual(self.question.qa_question, qa)
        self.client.post(url, {"field": self.page.field_id})
        self.assertEqual(Question.objects.count(), 1)
        self.assertTrue(
            ModelLogEntry.objects.filter(
                object_id=str(self.question.pk), action=exchanges.CONVERTED
            ).exists()
        )


class TranscriptTests(TestCase):
    def setUp(self):
        self.board = make_user("thuky", role_group(roles.SECRETARY))
        now = timezone.now()
        self.page = make_exchange(starts_at=now - HOUR, ends_at=now + HOUR)
        self.questions = [ask(self.page, f"Câu hỏi số {n} về cầu treo") for n in range(3)]
        for n, question in enumerate(self.questions[:2]):
            exchanges.approve(question, self.board)
            exchanges.answer(question, f"Trả lời số {n}: xây cầu kiên cố", self.board)
        ExchangePage.objects.filter(pk=self.page.pk).update(
            ends_at=now - datetime.timedelta(minutes=1)
        )
        self.page.refresh_from_db()

    def test_ended_before_transcript__questions_hidden(self):
        response = self.client.get(self.page.url)
        self.assertNotContains(response, "xây cầu kiên cố")

    def test_transcript__on_the_page_and_in_site_search(self):
        self.client.force_login(self.board)
        self.client.post(reverse("consultation_exchanges:publish_transcript", args=[self.page.pk]))
        self.client.logout()
        page = ExchangePage.objects.get(pk=self.page.pk)
        self.assertTrue(page.transcript_published)
        response = self.client.get(page.url)
        self.assertContains(response, "Trả lời số 0: xây cầu kiên cố")
        self.assertContains(response, "Trả lời số 1: xây cầu kiên cố")
        self.assertNotContains(response, "Câu hỏi số 2")  # never approved
        rows = SearchDocument.objects.filter(page_id=page.pk)
        anchors = sorted(rows.exclude(anchor="").values_list("anchor", flat=True))
        self.assertEqual(anchors, sorted(q.anchor for q in self.questions[:2]))
        self.assertTrue(rows.filter(folded__contains="xay cau kien co").exists())
        self.assertTrue(
            PageLogEntry.objects.filter(page=page, action=exchanges.TRANSCRIPT).exists()
        )
        found = self.client.get("/tim-kiem/", {"q": "xây cầu kiên cố"})
        self.assertContains(found, page.title)


class PersonalDataTests(TestCase):
    def test_emails_erased_after_retention__names_stay(self):
        now = timezone.now()
        page = make_exchange(starts_at=now - HOUR, ends_at=now + HOUR)
        question = ask(page)
        ExchangePage.objects.filter(pk=page.pk).update(ends_at=now - datetime.timedelta(days=400))
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("purge_personal_data", stdout=out)
        question.refresh_from_db()
        self.assertEqual(question.email, "")
        self.assertEqual(question.asker_name, "Nguyễn Văn Hùng")
        self.assertIsNotNone(question.personal_data_purged_at)
        self.assertIn("exchange_questions=1", out.getvalue())
