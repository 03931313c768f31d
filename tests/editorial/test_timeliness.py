"""Publication time limits through the workflow (R-SLA-1): a row per run made at
submission, closed at publication on time or late, the dashboard and list by urgency,
reminders and escalation once each, body isolation, the report's figures.

Two bodies (make_portal: each Site's set-up makes its board and workflow). Monday
7/4/2025 is Giỗ Tổ Hùng Vương."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from congthongtin.core import roles
from congthongtin.core.bodies import body_workflow, forget_memberships, role_group
from congthongtin.core.models import OutgoingEmail
from congthongtin.editorial import timeliness
from congthongtin.editorial.backoffice.timeliness_hooks import add_timeliness_panel
from congthongtin.editorial.models import BoardSettings, DeadlineStatus, ItemDeadline
from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.factories import make_portal

from .helpers import assert_denied

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
User = get_user_model()


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=HCM)


#: Friday 4/4/2025: the event at 15:00, the item submitted at 16:30.
FRIDAY_EVENT = at(2025, 4, 4, 15)
FRIDAY_SUBMITTED = at(2025, 4, 4, 16, 30)


@contextmanager
def frozen(moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


class TimelinessTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_a, cls.home_a = make_portal("xa-a.example.vn", "Xã Như Xuân", "UBND xã Như Xuân")
        cls.site_b, cls.home_b = make_portal("xa-b.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        cls.news_a = cls.home_a.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
        cls.news_b = cls.home_b.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
        cls.users = {}
        people = {
            "heada": (roles.HEAD, cls.site_a),
            "deputya": (roles.DEPUTY, cls.site_a),
            "editora": (roles.EDITOR, cls.site_a),
            "auditora": (roles.AUDITOR, cls.site_a),
            "collaba": (roles.COLLABORATOR, cls.site_a),
            "headb": (roles.HEAD, cls.site_b),
            "deputyb": (roles.DEPUTY, cls.site_b),
            "editorb": (roles.EDITOR, cls.site_b),
        }
        for username, (role, site) in people.items():
            user = User.objects.create_user(
                username,
                f"{username}@thanhhoa.gov.vn",
                "x" * 12,
                first_name=username,
                last_name="Thử",
                must_change_password=False,
            )
            user.groups.add(role_group(role, site))
            cls.users[username] = user
        cls.category = NewsCategory.objects.order_by("pk").first()

    def setUp(self):
        for user in self.users.values():
            forget_memberships(user)

    def submit_news(
        self,
        title,
        *,
        index=None,
        event=FRIDAY_EVENT,
        submitted=FRIDAY_SUBMITTED,
        by="editora",
        timeliness_class="news",
    ):
        """A news item submitted to its body's workflow at ``submitted`` (a board member's
        submission: step 1 passes by itself, the item waits at step 2)."""
        index = index or self.news_a
        page = NewsPage(
            title=title,
            category=self.category,
            event_date=event.date(),
            event_time=event.time(),
            timeliness=timeliness_class,
            author_name="Phạm Thị Dung",
            live=False,
        )
        index.add_child(instance=page)
        page.save_revision(user=self.users[by])
        site = self.site_a if index.pk == self.news_a.pk else self.site_b
        with frozen(submitted):
            body_workflow(site).start(page, self.users[by])
        return page

    def deadline_of(self, page):
        return ItemDeadline.objects.get(page=page)


class SubmissionAndPublicationTests(TimelinessTestCase):
    def test_news_submitted_friday_1630__event_15h__due_tuesday_15h_after_monday_holiday(self):
        page = self.submit_news("Hội nghị tổng kết")
        deadline = self.deadline_of(page)
        self.assertEqual(deadline.kind, "news")
        self.assertEqual(deadline.clock_start, at(2025, 4, 4, 15))
        self.assertEqual(deadline.submitted_at, at(2025, 4, 4, 16, 30))
        self.assertEqual(deadline.submitted_by, self.users["editora"])
        # 2 h Friday, 4 h Tuesday morning, 2 h Tuesday afternoon.
        self.assertEqual(deadline.due_at, at(2025, 4, 8, 15))
        self.assertEqual(deadline.site, self.site_a)
        self.assertEqual(deadline.section.pk, self.news_a.pk)
        self.assertEqual(deadline.status, DeadlineStatus.OPEN)

    def test_published_later__recorded_late_by_the_working_hours_past_due(self):
        page = self.submit_news("Tin muộn")
        # Wednesday 9/4 09:30: 2 h Tuesday afternoon + 1 h 30 Wednesday morning.
        with frozen(at(2025, 4, 9, 9, 30)):
            page.get_latest_revision().publish()
        deadline = self.deadline_of(page)
        self.assertEqual(deadline.status, DeadlineStatus.LATE)
        self.assertEqual(deadline.published_at, at(2025, 4, 9, 9, 30))
        self.assertEqual(deadline.late_by, dt.timedelta(hours=3, minutes=30))

    def test_published_before_due__on_time(self):
        page = self.submit_news("Tin đúng hạn")
        with frozen(at(2025, 4, 8, 14, 59)):
            page.get_latest_revision().publish()
        deadline = self.deadline_of(page)
        self.assertEqual(deadline.status, DeadlineStatus.ON_TIME)
        self.assertIsNone(deadline.late_by)

    def test_body_settings_change_the_limit(self):
        BoardSettings.objects.create(site=self.site_b, news_hours=4)
        page_a = self.submit_news("Tin A")
        page_b = self.submit_news("Tin B", index=self.news_b, by="editorb")
        self.assertEqual(self.deadline_of(page_a).due_at, at(2025, 4, 8, 15))
        # 2 h Friday, 2 h Tuesday morning.
        self.assertEqual(self.deadline_of(page_b).due_at, at(2025, 4, 8, 10))

    def test_current_news_class_due_16h(self):
        page = self.submit_news(
            "Tin thời sự",
            event=at(2025, 4, 9, 9),
            submitted=at(2025, 4, 9, 10),
            timeliness_class="current",
        )
        self.assertEqual(self.deadline_of(page).due_at, at(2025, 4, 9, 16))

    def test_clock_fields_changed_during_the_run__due_time_recomputed(self):
        page = self.submit_news("Tin sửa ngày")
        page.event_date = dt.date(2025, 4, 9)
        page.event_time = dt.time(9, 0)
        page.save_revision(user=self.users["editora"])
        timeliness.refresh_deadline(page)
        # 3 h + 4 h on Wednesday, 1 h on Thursday morning.
        self.assertEqual(self.deadline_of(page).due_at, at(2025, 4, 10, 9))

    def test_editor_changes_the_event_in_the_admin__due_time_follows(self):
        page = self.submit_news("Tin sửa trong trang quản trị")
        self.client.force_login(self.users["deputya"])
        data = {
            "title": page.title,
            "slug": page.slug,
            "category": self.category.pk,
            "event_date": "09/04/2025",
            "event_time": "08:00",
            "timeliness": "news",
            "author_name": "Phạm Thị Dung",
            "origin": "original",
            "classification": "thuong",
            "body-count": "0",
            "gallery-count": "0",
            "related_pages-count": "0",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        }
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        deadline = ItemDeadline.objects.filter(page=page).latest("pk")
        self.assertEqual(deadline.due_at, at(2025, 4, 9, 17))

    def test_page_without_clock__no_row(self):
        page = NewsPage(title="Không ngày", category=self.category, live=False)
        self.news_a.add_child(instance=page)
        page.save_revision(user=self.users["editora"])
        body_workflow(self.site_a).start(page, self.users["editora"])
        self.assertFalse(ItemDeadline.objects.filter(page=page).exists())

    def test_new_run_gets_its_own_row(self):
        page = self.submit_news("Tin hai lần")
        page.current_workflow_state.cancel(user=self.users["editora"])
        with frozen(at(2025, 4, 9, 9)):
            body_workflow(self.site_a).start(page, self.users["editora"])
        self.assertEqual(ItemDeadline.objects.filter(page=page).count(), 2)
        # Only the open run is listed.
        listed = [d.pk for d in timeliness.open_deadlines({self.site_a.pk})]
        self.assertEqual(len(listed), 1)


class PageClockTests(TimelinessTestCase):
    def test_notice_urgent_counts_from_submission(self):
        from congthongtin.news.models import NoticeIndexPage, NoticePage

        index = self.home_a.add_child(instance=NoticeIndexPage(title="Thông báo", slug="tb"))
        notice = NoticePage(title="Cắt điện khẩn", kind="khac", urgent=True, live=False)
        index.add_child(instance=notice)
        notice.save_revision(user=self.users["editora"])
        with frozen(at(2025, 4, 9, 16, 30)):
            body_workflow(self.site_a).start(notice, self.users["editora"])
        deadline = self.deadline_of(notice)
        self.assertEqual(deadline.kind, "urgent")
        self.assertEqual(deadline.due_at, at(2025, 4, 10, 8, 30))
        notice.urgent = False
        self.assertIsNone(notice.timeliness_clock())

    def test_conference_socioeconomic_document_clocks(self):
        from congthongtin.legal.models import LegalDocumentPage
        from congthongtin.news.models import ConferencePage, SocioEconomicPage

        conference = ConferencePage(
            title="Hội nghị", kind="hoi-nghi", start_date=dt.date(2025, 4, 2)
        )
        self.assertEqual(conference.timeliness_clock(), ("event", dt.date(2025, 4, 2)))
        monthly = SocioEconomicPage(
            title="Số liệu tháng 10",
            kind="bao-cao-thong-ke",
            period_type="thang",
            period_year=2025,
            period_number=10,
        )
        self.assertEqual(monthly.timeliness_clock(), ("socioeconomic", dt.date(2025, 10, 1)))
        yearly = SocioEconomicPage(title="Năm", period_type="nam", period_year=2025)
        self.assertIsNone(yearly.timeliness_clock())
        other = LegalDocumentPage(title="Nghị định", issue_date=dt.date(2025, 4, 3))
        self.assertIsNone(other.timeliness_clock())
        own = LegalDocumentPage(
            title="Quyết định", issue_date=dt.date(2025, 4, 3), own_document=True
        )
        self.assertEqual(own.timeliness_clock(), ("document", dt.date(2025, 4, 3)))


class ReminderTests(TimelinessTestCase):
    def run_reminders(self, now):
        return timeliness.send_reminders(now, StringIO())

    def test_reminder_before_due__to_the_current_step_once(self):
        page = self.submit_news("Tin nhắc hạn")
        # Tuesday 11:00: 3 h left (more than 2): nothing yet.
        self.assertEqual(self.run_reminders(at(2025, 4, 8, 11)), 0)
        # Tuesday 13:30: 1 h 30 left: the step's people (step 2: deputies of A).
        self.assertEqual(self.run_reminders(at(2025, 4, 8, 13, 30)), 1)
        self.assertEqual(self.run_reminders(at(2025, 4, 8, 14)), 0)
        emails = OutgoingEmail.objects.filter(purpose="editorial.deadline_reminder")
        self.assertEqual(emails.count(), 1)
        email = emails.get()
        self.assertEqual(email.to, "deputya@thanhhoa.gov.vn")
        self.assertEqual(email.site_id, self.site_a.pk)
        self.assertIn("08/04/2025 15:00", email.body)
        self.assertIsNotNone(self.deadline_of(page).reminded_at)

    def test_escalation_after_due__to_the_body_head_once(self):
        self.submit_news("Tin quá hạn")
        self.assertEqual(self.run_reminders(at(2025, 4, 8, 15, 30)), 1)
        self.assertEqual(self.run_reminders(at(2025, 4, 9, 9)), 0)
        emails = OutgoingEmail.objects.filter(purpose="editorial.deadline_escalation")
        self.assertEqual([e.to for e in emails], ["heada@thanhhoa.gov.vn"])

    def test_board_reminders_command_runs_the_part(self):
        self.submit_news("Tin lệnh")
        with frozen(at(2025, 4, 8, 13, 30)):
            call_command("board_reminders", stdout=StringIO())
        self.assertEqual(
            OutgoingEmail.objects.filter(purpose="editorial.deadline_reminder").count(), 1
        )

    def test_published_items_get_no_reminder(self):
        page = self.submit_news("Tin đã đăng")
        with frozen(at(2025, 4, 8, 9)):
            page.get_latest_revision().publish()
        self.assertEqual(self.run_reminders(at(2025, 4, 8, 16)), 0)


class DashboardTests(TimelinessTestCase):
    def submit_three(self):
        # Due: Wednesday 2/4 09:00 (overdue) / Thursday 10/4 09:00 / Friday 11/4 09:00.
        later = self.submit_news(
            "Tin hạn xa", event=at(2025, 4, 10, 9), submitted=at(2025, 4, 10, 9)
        )
        overdue = self.submit_news(
            "Tin quá hạn", event=at(2025, 4, 1, 9), submitted=at(2025, 4, 1, 9)
        )
        soon = self.submit_news(
            "Tin sắp đến hạn", event=at(2025, 4, 9, 9), submitted=at(2025, 4, 9, 9)
        )
        return overdue, soon, later

    def test_items_ordered_by_urgency__overdue_on_top(self):
        overdue, soon, later = self.submit_three()
        rows = timeliness.by_urgency(
            timeliness.open_deadlines({self.site_a.pk}), at(2025, 4, 9, 10)
        )
        self.assertEqual([row[0].page_id for row in rows], [overdue.pk, soon.pk, later.pk])
        self.assertLess(rows[0][1], dt.timedelta(0))
        self.assertEqual(rows[1][1], dt.timedelta(hours=7))

    def test_dashboard_panel_shows_the_list_in_order(self):
        self.submit_three()
        self.client.force_login(self.users["deputya"])
        with frozen(at(2025, 4, 9, 10)):
            response = self.client.get(reverse("wagtailadmin_home"))
        content = response.content.decode()
        positions = [
            content.index(title) for title in ("Tin quá hạn", "Tin sắp đến hạn", "Tin hạn xa")
        ]
        self.assertEqual(positions, sorted(positions))
        self.assertIn("10/04/2025 09:00", content)

    @translation.override("en")
    def test_list_shows_due_time_and_remaining_working_time(self):
        self.submit_news("Tin sắp đến hạn", event=at(2025, 4, 9, 8), submitted=at(2025, 4, 9, 9))
        self.client.force_login(self.users["editora"])
        with frozen(at(2025, 4, 9, 13, 40)):
            response = self.client.get(reverse("editorial:deadlines"))
        self.assertContains(response, "09/04/2025 17:00")
        self.assertContains(response, "3 hours 20 minutes of working time left")

    @translation.override("en")
    def test_page_editor_shows_the_due_time(self):
        page = self.submit_news("Tin trong trình sửa", event=at(2025, 4, 9, 8))
        self.client.force_login(self.users["deputya"])
        with frozen(at(2025, 4, 9, 13, 40)):
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(
            response, "Due 09/04/2025 17:00 · 3 hours 20 minutes of working time left"
        )

    def test_filters_by_body_and_kind(self):
        self.submit_news("Tin A")
        self.submit_news("Tin thời sự A", timeliness_class="current")
        self.client.force_login(self.users["editora"])
        response = self.client.get(reverse("editorial:deadlines"), {"kind": "current"})
        self.assertContains(response, "Tin thời sự A")
        self.assertNotContains(response, ">Tin A<")

    def test_query_count_does_not_grow_with_items(self):
        """The list view and the dashboard panel (rendered alone: Wagtail's own panels are
        not ours to count)."""
        user = self.client.force_login(self.users["deputya"]) or self.users["deputya"]
        url = reverse("editorial:deadlines")

        def counts():
            self.client.get(url)  # warm the per-site caches that new pages emptied
            with CaptureQueriesContext(connection) as listing:
                self.assertEqual(self.client.get(url).status_code, 200)
            request = RequestFactory().get("/admin/")
            request.user = user
            forget_memberships(user)
            panels = []
            add_timeliness_panel(request, panels)
            panels[0].render_html({"request": request})
            with CaptureQueriesContext(connection) as panel:
                html = panels[0].render_html({"request": request})
            return len(listing), len(panel), html.count("<tr")

        self.submit_news("Tin 1")
        listing, panel, rows = counts()
        for number in range(2, 7):
            self.submit_news(f"Tin {number}")
        self.assertEqual(ItemDeadline.objects.count(), 6)
        self.assertEqual(counts(), (listing, panel, rows + 5))


class IsolationTests(TimelinessTestCase):
    def test_body_a_people_never_see_body_b_items(self):
        self.submit_news("Tin của A")
        self.submit_news("Tin của B", index=self.news_b, by="editorb")
        for username in ("editora", "heada", "auditora"):
            self.client.force_login(self.users[username])
            forget_memberships(self.users[username])
            response = self.client.get(reverse("editorial:deadlines"))
            self.assertContains(response, "Tin của A")
            self.assertNotContains(response, "Tin của B")
            home = self.client.get(reverse("wagtailadmin_home"))
            self.assertNotContains(home, "Tin của B")
        self.client.force_login(self.users["editorb"])
        response = self.client.get(reverse("editorial:deadlines"))
        self.assertContains(response, "Tin của B")
        self.assertNotContains(response, "Tin của A")

    def test_filter_by_another_body_refused(self):
        self.submit_news("Tin của B", index=self.news_b, by="editorb")
        self.client.force_login(self.users["editora"])
        response = self.client.get(reverse("editorial:deadlines"), {"body": self.site_b.pk})
        self.assertNotContains(response, "Tin của B")

    def test_reminders_of_b_go_to_b_people_only(self):
        self.submit_news("Tin của B", index=self.news_b, by="editorb")
        timeliness.send_reminders(at(2025, 4, 8, 15, 30), StringIO())
        email = OutgoingEmail.objects.get(purpose="editorial.deadline_escalation")
        self.assertEqual(email.to, "headb@thanhhoa.gov.vn")
        self.assertEqual(email.site_id, self.site_b.pk)

    def test_people_off_the_board_refused(self):
        self.client.force_login(self.users["collaba"])
        assert_denied(self, self.client.get(reverse("editorial:deadlines")))
        assert_denied(self, self.client.get(reverse("editorial:timeliness_report")))


class ReportTests(TimelinessTestCase):
    """Figures checked by hand: April 2025, body A."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from congthongtin.news.models import NoticeIndexPage

        cls.notices_a = cls.home_a.add_child(instance=NoticeIndexPage(title="Thông báo", slug="tb"))
        editor, deputy = cls.users["editora"], cls.users["deputya"]
        rows = [
            # (section, person, late hours or None, published)
            (cls.news_a, editor, None, at(2025, 4, 8, 10)),
            (cls.news_a, editor, 1, at(2025, 4, 9, 10)),
            (cls.news_a, deputy, 2, at(2025, 4, 10, 10)),
            (cls.news_a, editor, 6, at(2025, 4, 11, 10)),
            (cls.notices_a, deputy, None, at(2025, 4, 14, 10)),
            (cls.notices_a, deputy, None, at(2025, 4, 30, 23, 30)),
            # Outside the period, and another body's: never counted.
            (cls.news_a, editor, 40, at(2025, 3, 31, 16)),
            (cls.news_b, cls.users["editorb"], 50, at(2025, 4, 9, 10)),
        ]
        for number, (section, person, late, published) in enumerate(rows):
            site = cls.site_b if section.pk == cls.news_b.pk else cls.site_a
            page = section.add_child(
                instance=NewsPage(title=f"Báo cáo {number}", category=cls.category, live=False)
            )
            ItemDeadline.objects.create(
                site=site,
                page=page,
                kind="news",
                clock_start=published - dt.timedelta(days=2),
                due_at=published - dt.timedelta(days=1),
                submitted_at=published - dt.timedelta(days=2),
                submitted_by=person,
                published_at=published,
                status=DeadlineStatus.LATE if late else DeadlineStatus.ON_TIME,
                late_by=dt.timedelta(hours=late) if late else None,
                section=section,
            )

    def rows(self, grouping, site_ids=None):
        site_ids = {self.site_a.pk} if site_ids is None else site_ids
        return {
            row["label"]: (
                row["items"],
                row["on_time_percent"],
                row["median_delay"],
                row["worst_delay"],
            )
            for row in timeliness.report_rows(
                site_ids, dt.date(2025, 4, 1), dt.date(2025, 4, 30), grouping
            )
        }

    def test_by_section(self):
        self.assertEqual(
            self.rows("section"),
            {"Tin tức": (4, 25.0, 2.0, 6.0), "Thông báo": (2, 100.0, 0.0, 0.0)},
        )

    def test_by_person(self):
        # editora: on time, 1 h, 6 h → 33.3 %, median 3.5; deputya: 2 h, on time, on time.
        self.assertEqual(
            self.rows("person"),
            {"Thử editora": (3, 33.3, 3.5, 6.0), "Thử deputya": (3, 66.7, 2.0, 2.0)},
        )

    def test_view_and_csv_show_only_the_user_bodies(self):
        self.client.force_login(self.users["auditora"])
        url = reverse("editorial:timeliness_report")
        query = {"since": "01/04/2025", "until": "30/04/2025", "grouping": "section"}
        response = self.client.get(url, query)
        self.assertEqual(response.status_code, 200)
        self.assertEqual([row["items"] for row in response.context["rows"]], [4, 2])
        export = self.client.get(url, {**query, "export": "csv"})
        self.assertEqual(export["Content-Type"], "text/csv; charset=utf-8")
        lines = export.content.decode("utf-8-sig").splitlines()
        self.assertEqual(len(lines), 3)
        self.assertEqual(lines[1], "Tin tức,4,1,25.0,2.0,6.0")
        # Body B's head sees B's one item only.
        self.client.force_login(self.users["headb"])
        response = self.client.get(url, query)
        self.assertEqual([row["items"] for row in response.context["rows"]], [1])

    def test_period_end_before_start__refused_with_message(self):
        self.client.force_login(self.users["heada"])
        response = self.client.get(
            reverse("editorial:timeliness_report"), {"since": "30/04/2025", "until": "01/04/2025"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)
