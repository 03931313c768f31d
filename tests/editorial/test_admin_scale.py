"""The admin at the scale of a province: query budgets that do not grow with the number of
children of an index page, of items in moderation or of bodies (bench/province_admin.py
measures the times)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PagePermissionTester, Site, TaskState, Workflow

from congthongtin.core.bodies import body_workflow
from congthongtin.editorial.models import EditorialTask
from congthongtin.home.models import StandardPage

from .helpers import load_board, section_of

User = get_user_model()


def add_children(parent, count, start=0, **fields):
    for n in range(start, start + count):
        page = StandardPage(title=f"Trang thử {n}", slug=f"trang-thu-{n}", **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(captured.captured_queries)


class ExplorerScaleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        cls.parent = StandardPage(title="Thư viện thử", slug="thu-vien-thu")
        section_of(cls.users["ptdung"]).add_child(instance=cls.parent)

    def test_explorer__board_member__same_queries_for_10_and_50_children(self):
        self.client.force_login(self.users["ttbinh"])  # a deputy: no publish permission
        url = reverse("wagtailadmin_explore", args=[self.parent.pk])
        add_children(self.parent, 10)
        self.client.get(url)  # warm the per-process caches
        ten = queries_for(self.client, url)
        add_children(self.parent, 40, start=10)
        self.client.get(url)  # publishing bumped the content version: warm again
        fifty = queries_for(self.client, url)
        self.assertEqual(fifty, ten)

    def test_can_delete__leaf__same_answer_as_wagtail_without_a_query(self):
        add_children(self.parent, 1)
        live = self.parent.get_children().first()
        draft = StandardPage(
            title="Bản nháp", slug="ban-nhap", live=False, owner=self.users["ttbinh"]
        )
        self.parent.add_child(instance=draft)
        self.parent.refresh_from_db()
        for user in (self.users["ttbinh"], self.users["ptdung"], self.users["nvan"]):
            for page in (live, draft, self.parent):
                page.refresh_from_db()
                expected = PagePermissionTester(user, page).can_delete()
                tester = page.permissions_for_user(user)
                tester.permissions  # noqa: B018  (loaded before counting, as in a listing)
                self.assertEqual(tester.can_delete(), expected, (user, page))
                if page.is_leaf():
                    with self.assertNumQueries(0):
                        tester.can_delete()
                        tester.can_move()


class ReviewPanelScaleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        cls.section = section_of(cls.users["ptdung"])
        cls.site = Site.objects.get(is_default_site=True)
        cls.workflow = body_workflow(cls.site)

    def submit(self, count, start=0):
        add_children(self.section, count, start=start)
        for page in self.section.get_children().specific().order_by("-pk")[:count]:
            page.save_revision(user=self.users["ptdung"])  # a collaborator: step 1 waits
            self.workflow.start(page, self.users["ptdung"])

    def test_reviewable_by__same_queries_for_3_and_12_editorial_steps(self):
        self.submit(2)

        def count():
            # A fresh user object each time (the standing office acts on step 1): nothing
            # cached on it; warmed once for the per-process caches.
            list(TaskState.objects.reviewable_by(User.objects.get(username="ntlan")))
            reviewer = User.objects.get(username="ntlan")
            with CaptureQueriesContext(connection) as captured:
                list(TaskState.objects.reviewable_by(reviewer))
            return len(captured.captured_queries)

        before = count()
        group = Group.objects.create(name="Ban biên tập khác")
        other = Workflow.objects.create(name="Quy trình khác")
        for step in range(9):  # three more bodies' steps
            task = EditorialTask.objects.create(name=f"Bước {step}", step=step % 3 + 1)
            task.groups.add(group)
            other.workflow_tasks.create(task=task, sort_order=step)
        self.assertEqual(count(), before)
