"""The dashboard says what waits for each person (docs/backoffice.md, "The dashboard"):
the items at their step of the workflow, their items sent back with the reviewer's comment,
the requests given to them with their due times, their bodies' units' supply; each on the
demo's boards, never another body's, with a query count that does not grow with the items.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site, TaskState, WorkflowState

from congthongtin.consultation.models import Question, RequestKind
from congthongtin.nhuxuan_site.demo import backoffice, bodies, citizen_requests
from tests.shared_demo import DemoTestCase

#: The demo's items by the step they wait at (nhuxuan_site/demo/backoffice.py).
AT_EDIT = ["Hội nghị giao ban công tác quý IV năm 2026", "Ra quân vệ sinh môi trường tháng 12"]
AT_VERIFY = "Tập huấn chuyển đổi số cho tổ công nghệ số cộng đồng"
AT_APPROVE = "Trao quà cho hộ nghèo dịp cuối năm"
SENT_BACK = "Kết quả thu hoạch mía vụ 2026"
XUAN_BINH_AT_APPROVE = "Họp dân bàn kế hoạch làm đường giao thông năm 2027"
ALL_ITEMS = [*AT_EDIT, AT_VERIFY, AT_APPROVE, SENT_BACK, XUAN_BINH_AT_APPROVE]


def panel(html: bytes, panel_id: str):
    """The text and the items' titles of one dashboard panel, or None when absent."""
    found = BeautifulSoup(html, "html.parser").find(id=f"{panel_id}-section")
    if found is None:
        return None
    titles = [a.get_text(strip=True) for a in found.select(".cv-todo__title")]
    return {"text": found.get_text(" ", strip=True), "titles": titles, "node": found}


class DemoDashboardTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        User.objects.update(must_change_password=False)
        cls.users = {u.username: u for u in User.objects.all()}
        cls.xuan_binh = Site.objects.get(hostname__startswith="xuanbinh")

    def home(self, username):
        self.client.force_login(self.users[username])
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        return response.content

    def assert_waiting(self, username, expected):
        found = panel(self.home(username), "editorial-waiting")
        self.assertIsNotNone(found, username)
        self.assertEqual(sorted(found["titles"]), sorted(expected), username)

    # Waiting at each step, each body's own ----------------------------------------------
    def test_editor__the_items_at_step_1_only(self):
        self.assert_waiting("lvcuong", AT_EDIT)

    def test_standing_office__the_items_at_step_1(self):
        self.assert_waiting("ntlan", AT_EDIT)

    def test_deputy__the_item_at_step_2_only(self):
        self.assert_waiting("ttbinh", [AT_VERIFY])

    def test_head__the_item_at_step_3_with_its_due_time__not_xuan_binhs(self):
        html = self.home("nvan")
        found = panel(html, "editorial-waiting")
        self.assertEqual(found["titles"], [AT_APPROVE])
        self.assertIn("Duyệt đăng", found["text"])
        # The item has a publication time limit: its due time is shown (HH:MM dd/mm/yyyy).
        self.assertRegex(found["text"], r"\d\d:\d\d \d\d/\d\d/\d{4}")
        self.assertNotIn(XUAN_BINH_AT_APPROVE, html.decode())

    def test_other_bodys_head__his_bodys_item_only(self):
        html = self.home("lvkhanh")
        self.assertEqual(panel(html, "editorial-waiting")["titles"], [XUAN_BINH_AT_APPROVE])
        for title in ALL_ITEMS[:-1]:
            self.assertNotIn(title, html.decode())
        self.assertIsNone(panel(html, "editorial-supply"))  # Xuân Bình tracks no units

    def test_people_on_no_step__no_waiting_panel(self):
        for username in ("hvem", "vtgiang", "dvhai", "lvkhoa", "ptdung", "htnga"):
            with self.subTest(username):
                self.assertIsNone(panel(self.home(username), "editorial-waiting"))

    def test_wagtails_own_workflow_panels__replaced(self):
        html = self.home("nvan").decode()
        self.assertNotIn('id="awaiting-review-section"', html)
        self.assertNotIn('id="objects-in-workflow-section"', html)

    # My items, sent back with the comment -----------------------------------------------
    def test_writer__sent_back_item_first_with_the_reviewers_comment(self):
        found = panel(self.home("ptdung"), "editorial-my-items")
        self.assertEqual(found["titles"][0], SENT_BACK)
        self.assertEqual(sorted(found["titles"]), sorted(ALL_ITEMS[:-1]))
        first = found["node"].select_one(".cv-todo__item")
        self.assertEqual(first["data-status"], "sent_back")
        self.assertIn("Đề nghị ghi rõ nguồn số liệu sản lượng", first.get_text())
        self.assertIn("Trần Thị Bình", first.get_text())  # who sent it back

    def test_sent_back__comment_is_the_task_states(self):
        state = WorkflowState.objects.get(status=WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertEqual(state.current_task_state.status, TaskState.STATUS_REJECTED)
        self.assertEqual(state.current_task_state.finished_by.username, "ttbinh")
        self.assertTrue(state.current_task_state.comment.startswith("Đề nghị"))

    # Requests given to me ----------------------------------------------------------------
    def test_handler__his_requests_with_due_times__overdue_flagged(self):
        found = panel(self.home("dvhai"), "consultation-my-requests")
        self.assertIsNotNone(found)
        mine = Question.objects.filter(officer=self.users["dvhai"]).open()
        self.assertEqual(len(found["titles"]), min(mine.count(), 10))
        statuses = [li["data-status"] for li in found["node"].select(".cv-todo__item")]
        self.assertIn("overdue", statuses)
        self.assertEqual(statuses[0], "overdue")  # soonest due first
        kinds = set(mine.values_list("kind", flat=True))
        self.assertIn(RequestKind.DENUNCIATION, kinds)

    def test_requests_panel__no_senders_data(self):
        html = self.home("dvhai").decode()
        node = panel(html.encode(), "consultation-my-requests")["text"]
        for question in Question.objects.filter(officer=self.users["dvhai"]):
            self.assertNotIn(question.full_name, node)
            self.assertNotIn(question.email, node)

    def test_requests_panel__only_for_handlers(self):
        for username in ("nvan", "lvkhanh", "ptdung"):
            with self.subTest(username):
                self.assertIsNone(panel(self.home(username), "consultation-my-requests"))

    # Supply ------------------------------------------------------------------------------
    def test_supply__the_bodys_units_for_its_readers(self):
        for username in ("nvan", "ntlan", "hvem", "lvkhoa"):
            with self.subTest(username):
                found = panel(self.home(username), "editorial-supply")
                self.assertIsNotNone(found)
                for name, _quota in backoffice.UNITS:
                    self.assertIn(name, found["text"])
        for username in ("ptdung", "dvhai", "vtgiang"):
            with self.subTest(username):
                self.assertIsNone(panel(self.home(username), "editorial-supply"))

    # Query counts ---------------------------------------------------------------------------
    def count_queries(self, username) -> int:
        self.client.force_login(self.users[username])
        self.client.get(reverse("wagtailadmin_home"))  # caches warm
        with CaptureQueriesContext(connection) as queries:
            self.client.get(reverse("wagtailadmin_home"))
        return len(queries)

    def test_query_count__does_not_grow_with_the_items(self):
        before = {u: self.count_queries(u) for u in ("nvan", "ptdung", "dvhai", "ttbinh")}
        site = Site.objects.get(is_default_site=True)
        more = [
            (
                f"tin-them-{n}",
                f"Tin thêm số {n}",
                5,
                [("lvcuong", "approve", ""), ("ttbinh", "approve", "")],
            )
            for n in range(3)
        ] + [
            (f"tin-tra-lai-{n}", f"Tin trả lại số {n}", 5, [("lvcuong", "reject", f"Sửa {n}")])
            for n in range(3)
        ]
        self.assertEqual(backoffice.submit_news(site, site.root_page, "ptdung", more), 6)
        self.add_requests(3)
        after = {u: self.count_queries(u) for u in before}
        self.assertEqual(after, before)
        self.assertEqual(len(panel(self.home("nvan"), "editorial-waiting")["titles"]), 4)

    def add_requests(self, count):
        existing = Question.objects.filter(officer=self.users["dvhai"]).select_related("unit")
        sample = existing.first()
        now = timezone.now()
        for n in range(count):
            received = now - dt.timedelta(days=1)
            question = citizen_requests._receive(
                citizen_requests._request(
                    sample.page,
                    sample.kind,
                    "Người gửi thử",
                    "thôn Thử",
                    "Giao thông vận tải",
                    f"Yêu cầu thử số {n}",
                    "Nội dung thử.",
                    received,
                ),
                received,
            )
            citizen_requests._assign(question, sample.unit, self.users["dvhai"], received)

    # The demo ----------------------------------------------------------------------------
    def test_load_demo_twice__the_same_waiting_items(self):
        def snapshot():
            return sorted(
                (
                    str(state.content_object.title),
                    state.status,
                    state.current_task_state.task.name,
                )
                for state in WorkflowState.objects.filter(
                    status__in=[
                        WorkflowState.STATUS_IN_PROGRESS,
                        WorkflowState.STATUS_NEEDS_CHANGES,
                    ]
                )
            )

        first = snapshot()
        self.assertEqual(len(first), len(ALL_ITEMS))
        call_command("load_demo", stdout=StringIO())
        self.assertEqual(snapshot(), first)
        self.assertEqual(TaskState.objects.filter(comment__startswith="Đề nghị ghi rõ").count(), 1)

    def test_demo_log__actions_in_wagtails_audit_log(self):
        from wagtail.models import PageLogEntry

        self.assertTrue(
            PageLogEntry.objects.filter(
                action="wagtail.workflow.reject", user=self.users["ttbinh"]
            ).exists()
        )
        self.assertTrue(
            PageLogEntry.objects.filter(
                action="wagtail.workflow.approve", user=self.users["lvcuong"]
            ).exists()
        )
        self.assertEqual(bodies.XUAN_BINH["accounts"][0][0], "lvkhanh")
