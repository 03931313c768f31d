"""The admin of every kind of request (issue 22): one viewset per kind, the action screens
(assign, accept, ask, extend, decide, refuse), who may use them, and the dashboards."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from congthongtin.consultation import lifecycle
from congthongtin.consultation.models import (
    Question,
    QuestionIndexPage,
    QuestionState,
    RefusalReason,
)
from congthongtin.core import roles
from congthongtin.core.bodies import forget_memberships, role_group
from congthongtin.core.models import Unit
from tests.editorial.helpers import assert_denied
from tests.factories import make_portal

from .helpers import field, make_question_index


def make_user(username, *groups, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.gov.vn", "x" * 12)
    user = User.objects.create_user(username, f"{username}@example.gov.vn", "x" * 12)
    user.groups.add(*groups)
    forget_memberships(user)
    return user


def received(page, kind, title="Yêu cầu thử", **fields) -> Question:
    values = {
        "full_name": "Nguyễn Văn Thử",
        "address": "Thôn Thử",
        "email": "thu@example.vn",
        "body": "Nội dung yêu cầu",
    }
    values.update(fields)
    request = Question(page=page, kind=kind, field=field(), title=title, **values)
    return lifecycle.receive(request, notify=False)


class RequestAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_question_index()
        site = Site.objects.get(is_default_site=True)
        cls.unit = Unit.objects.create(site=site, name="Thanh tra xã")
        cls.other_unit = Unit.objects.create(site=site, name="Văn phòng xã")
        cls.editor = make_user("bientap", role_group(roles.EDITOR))
        cls.handler = make_user("canbo", role_group(roles.UNIT_OFFICER))
        cls.colleague = make_user("canbokhac", role_group(roles.UNIT_OFFICER))
        cls.bodyhead = make_user("chutich", role_group(roles.BODY_HEAD))
        cls.auditor = make_user("kiemtra", role_group(roles.AUDITOR))
        cls.root = make_user("quantri", superuser=True)
        site_b, _home = make_portal("xa-b.example.vn", "UBND xã B", "UBND xã B")
        cls.editor_b = make_user("bientap_b", role_group(roles.EDITOR, site_b))
        cls.head_b = make_user("chutich_b", role_group(roles.BODY_HEAD, site_b))
        cls.page_b = site_b.root_page.add_child(
            instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
        )

    def login(self, user):
        forget_memberships(user)
        self.client.force_login(user)

    def assigned(self, kind, officer=None, **fields):
        request = received(self.index, kind, **fields)
        return lifecycle.assign(
            request,
            actor=self.editor,
            unit=self.unit,
            officer=officer or self.handler,
            deadline_class="own",
            notify=False,
        )

    def url(self, name, request):
        return reverse(f"consultation_admin:{name}", args=[request.pk])


class ViewsetPerKindTests(RequestAdminTestCase):
    def test_each_viewset_lists_its_own_kind_only(self):
        made = {
            kind: received(self.index, kind, title=f"Tiêu đề {kind}")
            for kind in ("hoi-dap", "phan-anh-kien-nghi", "khieu-nai", "to-cao")
        }
        self.login(self.editor)
        namespaces = {
            "hoi-dap": "consultation_question",
            "phan-anh-kien-nghi": "consultation_petition",
            "khieu-nai": "consultation_complaint",
            "to-cao": "consultation_denunciation",
        }
        for kind, namespace in namespaces.items():
            with self.subTest(kind):
                page = self.client.get(reverse(f"{namespace}:index")).content.decode()
                for other, request in made.items():
                    if other == kind:
                        self.assertIn(request.title, page)
                    else:
                        self.assertNotIn(request.title, page)

    def test_a_request_does_not_open_in_another_kinds_screens(self):
        denunciation = received(self.index, "to-cao")
        question = received(self.index, "hoi-dap")
        self.login(self.editor)
        for view in ("edit", "inspect", "history"):
            response = self.client.get(
                reverse(f"consultation_question:{view}", args=[denunciation.pk])
            )
            self.assertEqual(response.status_code, 404, view)
            response = self.client.get(
                reverse(f"consultation_denunciation:{view}", args=[question.pk])
            )
            self.assertEqual(response.status_code, 404, view)
        response = self.client.get(
            reverse("consultation_denunciation:edit", args=[denunciation.pk])
        )
        self.assertEqual(response.status_code, 200)

    def test_menu_lists_the_kinds(self):
        self.login(self.editor)
        page = self.client.get(reverse("wagtailadmin_home")).content.decode()
        for name in (
            "consultation_petition",
            "consultation_complaint",
            "consultation_denunciation",
        ):
            self.assertIn(reverse(f"{name}:index"), page)


class AssignTests(RequestAdminTestCase):
    def test_a_denunciation_needs_a_named_handler(self):
        request = received(self.index, "to-cao")
        self.login(self.editor)
        response = self.client.post(self.url("assign", request), {"unit": self.unit.pk})
        self.assertEqual(response.status_code, 200)
        request.refresh_from_db()
        self.assertEqual(request.state, QuestionState.RECEIVED)
        response = self.client.post(
            self.url("assign", request), {"unit": self.unit.pk, "officer": self.handler.pk}
        )
        request.refresh_from_db()
        self.assertEqual(request.state, QuestionState.ASSIGNED)
        self.assertEqual(request.officer, self.handler)
        self.assertRedirects(response, self.url("request", request), fetch_redirect_response=False)

    def test_forwarding_a_complaint_keeps_its_clock(self):
        request = self.assigned("khieu-nai")
        due = request.due_at
        self.login(self.editor)
        self.client.post(
            self.url("assign", request), {"unit": self.other_unit.pk, "officer": self.colleague.pk}
        )
        request.refresh_from_db()
        self.assertEqual(request.unit, self.other_unit)
        self.assertEqual(request.due_at, due)
        self.assertEqual(request.events.filter(kind="forwarded").count(), 1)

    def test_another_bodys_board_is_refused(self):
        request = received(self.index, "phan-anh-kien-nghi")
        self.login(self.editor_b)
        assert_denied(self, self.client.get(self.url("assign", request)))
        assert_denied(
            self,
            self.client.post(
                self.url("assign", request), {"unit": self.unit.pk, "officer": self.handler.pk}
            ),
        )


class DenunciationActionTests(RequestAdminTestCase):
    def test_only_the_handler_and_the_body_head_act(self):
        request = self.assigned("to-cao")
        for user in (self.editor, self.root, self.auditor, self.colleague, self.head_b):
            with self.subTest(user.username):
                self.login(user)
                for name in ("accept", "ask", "extend", "decide"):
                    assert_denied(self, self.client.get(self.url(name, request)))
                assert_denied(self, self.client.post(self.url("accept", request)))
                assert_denied(self, self.client.get(self.url("refuse", request)))
        request.refresh_from_db()
        self.assertIsNone(request.accepted_at)
        self.login(self.bodyhead)
        self.assertEqual(self.client.get(self.url("accept", request)).status_code, 200)
        self.login(self.handler)
        response = self.client.post(self.url("accept", request))
        self.assertRedirects(response, self.url("request", request), fetch_redirect_response=False)
        request.refresh_from_db()
        self.assertIsNotNone(request.accepted_at)
        self.assertEqual(request.events.filter(kind="accepted").count(), 1)

    def test_the_whole_settlement(self):
        request = self.assigned("to-cao")
        self.login(self.handler)
        self.client.post(self.url("accept", request))
        # Asking: the text is required, nothing changes without it.
        response = self.client.post(self.url("ask", request), {"note": "  "})
        self.assertEqual(response.status_code, 200)
        request.refresh_from_db()
        self.assertEqual(request.state, QuestionState.ASSIGNED)
        self.client.post(self.url("ask", request), {"note": "Xin bổ sung chứng cứ."})
        request.refresh_from_db()
        self.assertEqual(request.state, QuestionState.INFORMATION_REQUESTED)
        self.assertIsNone(request.paused_at)  # accepted: the settlement clock runs on
        # Extending: an ordinary case may not be; more than 30 days may not be.
        due = request.due_at
        for data in (
            {"days": 10, "complexity": "normal", "reason": "Phức tạp"},
            {"days": 31, "complexity": "complex", "reason": "Phức tạp"},
            {"days": 10, "complexity": "complex", "reason": ""},
        ):
            response = self.client.post(self.url("extend", request), data)
            self.assertEqual(response.status_code, 200, data)
        request.refresh_from_db()
        self.assertEqual(request.due_at, due)
        page = self.client.get(self.url("extend", request)).content.decode()
        self.assertIn("Điều 30", page)
        self.client.post(
            self.url("extend", request),
            {"days": 30, "complexity": "complex", "reason": "Cần xác minh nhiều nơi"},
        )
        request.refresh_from_db()
        self.assertGreater(request.due_at, due)
        self.assertEqual(request.complexity, "complex")
        # A complex case is extended once; an especially complex one twice.
        due = request.due_at
        response = self.client.post(
            self.url("extend", request),
            {"days": 5, "complexity": "complex", "reason": "Lần hai"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].non_field_errors())
        request.refresh_from_db()
        self.assertEqual(request.due_at, due)
        self.client.post(
            self.url("extend", request),
            {"days": 20, "complexity": "very-complex", "reason": "Đặc biệt phức tạp"},
        )
        request.refresh_from_db()
        self.assertGreater(request.due_at, due)
        # No third extension: the screen is refused with a message, no button.
        response = self.client.get(self.url("extend", request))
        self.assertEqual(response.status_code, 302)
        page = self.client.get(self.url("request", request)).content.decode()
        self.assertNotIn(self.url("extend", request), page)
        # Deciding: the conclusion is required.
        self.client.post(self.url("decide", request), {"note": ""})
        request.refresh_from_db()
        self.assertNotEqual(request.state, QuestionState.ANSWERED)
        self.client.post(self.url("decide", request), {"note": "Kết luận: tố cáo đúng một phần."})
        request.refresh_from_db()
        self.assertEqual(request.state, QuestionState.ANSWERED)
        self.assertTrue(request.events.filter(kind="decided").exists())

    def test_a_transition_not_possible_now_is_refused_with_a_message(self):
        request = self.assigned("to-cao")
        self.login(self.handler)
        response = self.client.get(self.url("decide", request), follow=True)
        messages = [str(m) for m in response.context["messages"]]
        self.assertTrue(any("Không thể thực hiện lúc này" in m for m in messages), messages)
        self.assertEqual(response.redirect_chain[-1][0], self.url("request", request))

    def test_buttons_shown_only_when_possible(self):
        request = self.assigned("to-cao")
        self.login(self.handler)
        page = self.client.get(self.url("request", request)).content.decode()
        self.assertIn(self.url("accept", request), page)
        self.assertNotIn(self.url("decide", request), page)
        self.assertNotIn(self.url("assign", request), page)
        self.login(self.editor)
        page = self.client.get(
            reverse("consultation_denunciation:edit", args=[request.pk])
        ).content.decode()
        self.assertIn(self.url("assign", request), page)
        self.assertNotIn(self.url("accept", request), page)


class RefuseTests(RequestAdminTestCase):
    def test_complaint_reasons_and_guidance(self):
        request = self.assigned("khieu-nai")
        self.login(self.editor)
        response = self.client.get(self.url("refuse", request))
        reasons = [value for value, _label in response.context["form"].fields["reason"].choices]
        self.assertEqual(reasons, [RefusalReason.NOT_COMPETENT, RefusalReason.NOT_ADMISSIBLE])
        response = self.client.get(self.url("refuse", request) + "?ly_do=not-admissible")
        self.assertIn("Điều 11", response.context["form"].initial["guidance"])
        response = self.client.post(
            self.url("refuse", request),
            {"reason": "out-of-scope", "guidance": "Không"},
        )
        self.assertEqual(response.status_code, 200)  # not a complaint's reason
        self.client.post(
            self.url("refuse", request),
            {"reason": "not-competent", "guidance": "Gửi UBND huyện."},
        )
        request.refresh_from_db()
        self.assertEqual(request.state, QuestionState.REFUSED)
        self.assertEqual(request.refusal_reason, "not-competent")

    def test_denunciation_guidance_cites_article_29_and_no_refusal_after_acceptance(self):
        request = self.assigned("to-cao")
        self.login(self.handler)
        response = self.client.get(self.url("refuse", request))
        self.assertIn("Điều 29", response.context["form"].initial["guidance"])
        lifecycle.accept(request, actor=self.handler, notify=False)
        response = self.client.post(
            self.url("refuse", request), {"reason": "not-competent", "guidance": "x"}
        )
        self.assertEqual(response.status_code, 302)
        request.refresh_from_db()
        self.assertEqual(request.state, QuestionState.ASSIGNED)

    def test_question_refusal_keeps_the_qas_reasons(self):
        request = received(self.index, "hoi-dap")
        self.login(self.editor)
        response = self.client.get(self.url("refuse", request))
        self.assertEqual(response.status_code, 200)
        self.assertIn("reasons", response.context)


class DashboardTests(RequestAdminTestCase):
    def make(self, n):
        now = timezone.now()
        for i in range(n):
            kind = ("hoi-dap", "phan-anh-kien-nghi", "khieu-nai", "to-cao")[i % 4]
            request = self.assigned(kind, title=f"Yêu cầu {i}")
            due = now + datetime.timedelta(days=(-2 if i % 3 == 0 else 30))
            Question.objects.filter(pk=request.pk).update(due_at=due)

    def test_tables_by_kind_unit_and_handler(self):
        now = timezone.now()
        overdue = self.assigned("to-cao", title="Quá hạn")
        soon = self.assigned("khieu-nai", title="Sắp đến hạn")
        later = self.assigned("phan-anh-kien-nghi", title="Còn lâu")
        Question.objects.filter(pk=overdue.pk).update(due_at=now - datetime.timedelta(days=1))
        Question.objects.filter(pk=soon.pk).update(due_at=now + datetime.timedelta(minutes=30))
        Question.objects.filter(pk=later.pk).update(due_at=now + datetime.timedelta(days=60))
        self.login(self.editor)
        response = self.client.get(reverse("consultation_admin:requests_dashboard"))
        kinds = {row["label"]: row for row in response.context["kinds"]}
        self.assertEqual(
            [(r["open"], r["soon"], r["overdue"]) for r in kinds.values()],
            [(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 0, 1)],
        )
        (unit_row,) = response.context["units"]
        self.assertEqual((unit_row["open"], unit_row["soon"], unit_row["overdue"]), (3, 1, 1))
        (handler_row,) = response.context["handlers"]
        self.assertEqual(handler_row["officer"], self.handler)
        self.assertEqual([q.title for q in response.context["overdue"]], ["Quá hạn"])
        self.assertEqual([q.title for q in response.context["soon"]], ["Sắp đến hạn"])
        # Another body's board sees none of them.
        self.login(self.editor_b)
        response = self.client.get(reverse("consultation_admin:requests_dashboard"))
        self.assertEqual(sum(r["open"] for r in response.context["kinds"]), 0)

    def queries(self, url):
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(captured)

    def test_query_count_does_not_grow_with_the_requests(self):
        self.login(self.editor)
        url = reverse("consultation_admin:requests_dashboard")
        self.make(4)
        few = self.queries(url)
        self.make(16)
        self.assertLessEqual(self.queries(url), few)
        self.login(self.handler)
        url = reverse("consultation_admin:my_requests")
        many = self.queries(url)
        self.make(8)
        self.assertLessEqual(self.queries(url), many)

    def test_my_requests_lists_code_kind_title_only(self):
        mine = self.assigned("to-cao", title="Tố cáo của tôi", full_name="Người Tố Cáo Riêng")
        theirs = self.assigned("khieu-nai", officer=self.colleague, title="Của người khác")
        self.login(self.handler)
        page = self.client.get(reverse("consultation_admin:my_requests")).content.decode()
        self.assertIn(mine.code, page)
        self.assertIn("Tố cáo của tôi", page)
        self.assertNotIn("Người Tố Cáo Riêng", page)
        self.assertNotIn("Nội dung yêu cầu", page)
        self.assertNotIn(theirs.code, page)
        self.assertIn(self.url("request", mine), page)
