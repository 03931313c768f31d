"""Periodic review of information that goes stale (R-SLA-2; S0 Đ10.2b, S2 Đ9.4): the
overdue list, "reviewed, still correct" without a new revision, intervals per body and per
page, body isolation, auditors, reminders once, the public provenance line."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext
from wagtail.models import Page, PageLogEntry, Site

from congthongtin.core import roles
from congthongtin.core.bodies import forget_memberships, role_group
from congthongtin.core.models import OutgoingEmail, PageReview
from congthongtin.editorial import reviews
from congthongtin.editorial.backoffice.reviews_hooks import ReviewedFormatter
from congthongtin.editorial.models import BoardSettings, SectionAssignment
from congthongtin.home.models import DirectoryPage
from congthongtin.news.models import SocioEconomicPage
from congthongtin.projects.models import ProjectPage
from tests.factories import make_portal
from tests.procedures.helpers import make_index, make_procedure

from .helpers import assert_denied

User = get_user_model()
LIST = reverse("editorial:reviews")


def mark_url(page):
    return reverse("editorial:review_mark", args=[page.pk])


def age(page, days: int) -> None:
    """The page was last published ``days`` days ago."""
    when = timezone.now() - dt.timedelta(days=days)
    Page.objects.filter(pk=page.pk).update(last_published_at=when, first_published_at=when)
    page.refresh_from_db()


class ReviewsTestCase(TestCase):
    """Body A (the default site) and body B, each with a procedures section."""

    @classmethod
    def setUpTestData(cls):
        cls.site_a = Site.objects.get(is_default_site=True)
        cls.home_a = cls.site_a.root_page
        cls.site_b, cls.home_b = make_portal("xab.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        cls.index_a = make_index(cls.home_a)
        cls.index_b = make_index(cls.home_b)
        people = {
            "editora": [(roles.EDITOR, cls.site_a)],
            "auditora": [(roles.AUDITOR, cls.site_a)],
            "officera": [(roles.UNIT_OFFICER, cls.site_a)],
            "officea": [(roles.STANDING_OFFICE, cls.site_a)],
            "editorb": [(roles.EDITOR, cls.site_b)],
            "officeb": [(roles.STANDING_OFFICE, cls.site_b)],
        }
        cls.users = {}
        for username, held in people.items():
            user = User.objects.create_user(username, f"{username}@thanhhoa.gov.vn", "x" * 12)
            user.groups.add(*(role_group(role, site) for role, site in held))
            cls.users[username] = user

    def setUp(self):
        for user in self.users.values():
            forget_memberships(user)

    def login(self, username):
        user = self.users[username]
        self.client.force_login(user)
        return user

    def procedure(self, index, title, days_old):
        page = make_procedure(index, title=title)
        age(page, days_old)
        return page


class OverdueListTests(ReviewsTestCase):
    def test_stale_procedure__listed__gone_after_reviewed__no_new_revision(self):
        page = self.procedure(self.index_a, "Đăng ký kết hôn", 120)
        revision = page.latest_revision_id
        revisions = page.revisions.count()
        editor = self.login("editora")
        response = self.client.get(LIST)
        self.assertContains(response, "Đăng ký kết hôn")
        self.assertContains(response, mark_url(page))

        response = self.client.post(mark_url(page), {"next": LIST})
        self.assertRedirects(response, LIST, fetch_redirect_response=False)

        self.assertNotContains(self.client.get(LIST), mark_url(page))
        page.refresh_from_db()
        self.assertEqual(page.latest_revision_id, revision)
        self.assertEqual(page.revisions.count(), revisions)
        review = PageReview.objects.get(page=page)
        self.assertEqual(review.last_reviewed_by, editor)
        self.assertEqual(review.site_id, self.site_a.pk)
        self.assertEqual(timezone.localdate(review.last_reviewed_at), timezone.localdate())
        entry = PageLogEntry.objects.get(page=page, action=reviews.REVIEWED)
        self.assertEqual(entry.user, editor)
        self.assertIsNone(entry.revision_id)
        self.assertEqual(review.history.count(), 1)
        self.assertEqual(review.history.first().history_user, editor)

    def test_reviewed__in_the_page_history_and_the_auditors_history(self):
        page = self.procedure(self.index_a, "Thủ tục có lịch sử", 120)
        reviews.mark_reviewed(self.users["editora"], page)
        self.login("editora")
        response = self.client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        self.assertContains(response, str(ReviewedFormatter().format_message(None)))
        self.login("auditora")
        response = self.client.get(reverse("editorial:audit_page_history", args=[page.pk]))
        self.assertContains(response, str(ReviewedFormatter().format_message(None)))

    def test_fresh_procedure__not_listed(self):
        self.procedure(self.index_a, "Chứng thực bản sao", 30)
        self.login("editora")
        self.assertNotContains(self.client.get(LIST), "Chứng thực bản sao")

    def test_stale_draft__not_listed(self):
        page = make_procedure(self.index_a, title="Thủ tục nháp", live=False)
        age(page, 400)
        self.assertNotIn(
            page.pk, reviews.overdue(None, timezone.localdate()).values_list("pk", flat=True)
        )

    def test_list_row__shows_kind_unit_dates_and_days_overdue(self):
        page = self.procedure(self.index_a, "Cấp giấy phép xây dựng", 100)
        today = timezone.localdate()
        rows = reviews.overdue_rows(reviews.overdue({self.site_a.pk}, today), today)
        (row,) = [row for row in rows if row["page"].pk == page.pk]
        self.assertEqual(row["kind"], "procedure")
        self.assertEqual(row["interval_days"], 90)
        self.assertEqual(row["due"], timezone.localdate(page.last_published_at) + dt.timedelta(90))
        self.assertEqual(row["days_overdue"], 10)
        self.assertIsNone(row["last_reviewed_at"])

    def test_list_queries__do_not_grow_with_rows(self):
        for n in range(3):
            self.procedure(self.index_a, f"Thủ tục cũ {n}", 200)
        self.login("editora")

        def count():
            self.client.get(LIST)  # the per-site caches, emptied by publishing, warm again
            with CaptureQueriesContext(connection) as ctx:
                response = self.client.get(LIST)
            self.assertEqual(response.status_code, 200)
            return len(ctx), response.content.decode().count("Thủ tục cũ")

        few, shown = count()
        self.assertEqual(shown, 3)
        for n in range(3, 9):
            page = self.procedure(self.index_a, f"Thủ tục cũ {n}", 200)
            reviews.set_interval(self.users["editora"], page, 30)
        many, shown = count()
        self.assertEqual(shown, 9)
        self.assertEqual(many, few)

    def test_other_kinds__directory_plan_and_project_under_way__listed(self):
        directory = DirectoryPage(title="Danh bạ", slug="danh-ba")
        self.home_a.add_child(instance=directory)
        directory.save_revision().publish()
        age(directory, 100)
        plan = SocioEconomicPage(
            title="Kế hoạch 2021–2030",
            slug="ke-hoach",
            kind="ke-hoach",
            period_type="giai-doan",
            period_year=2021,
            period_end_year=2030,
        )
        report = SocioEconomicPage(
            title="Báo cáo năm 2025",
            slug="bao-cao",
            kind="ke-hoach",
            period_type="nam",
            period_year=2025,
        )
        done = ProjectPage(
            title="Đường xong",
            slug="duong-xong",
            objective="Làm đường",
            project_type="dau-tu-cong",
            status="hoan-thanh",
        )
        under_way = ProjectPage(
            title="Đường đang làm",
            slug="duong-dang-lam",
            objective="Làm đường",
            project_type="dau-tu-cong",
            status="dang-thuc-hien",
        )
        for page in (plan, report, done, under_way):
            self.home_a.add_child(instance=page)
            page.save_revision().publish()
            age(page, 400)
        due = set(
            reviews.overdue({self.site_a.pk}, timezone.localdate()).values_list("pk", flat=True)
        )
        self.assertIn(directory.pk, due)
        self.assertIn(plan.pk, due)
        self.assertNotIn(report.pk, due)
        self.assertIn(under_way.pk, due)
        self.assertNotIn(done.pk, due)
        self.assertEqual(reviews.review_state(plan)["kind"], "policy")
        self.assertIsNone(reviews.review_state(report))


class IntervalTests(ReviewsTestCase):
    def test_per_body_intervals__b_reviews_procedures_every_30_days(self):
        BoardSettings.objects.create(site=self.site_b, review_procedure_days=30)
        page_a = self.procedure(self.index_a, "Thủ tục xã A", 40)
        page_b = self.procedure(self.index_b, "Thủ tục xã B", 40)
        due = set(reviews.overdue(None, timezone.localdate()).values_list("pk", flat=True))
        self.assertNotIn(page_a.pk, due)
        self.assertIn(page_b.pk, due)

    def test_per_page_override__due_sooner__then_back_to_the_body_interval(self):
        page = self.procedure(self.index_a, "Thủ tục hay đổi", 30)
        today = timezone.localdate()

        def due():
            return reviews.overdue({self.site_a.pk}, today).filter(pk=page.pk).exists()

        self.assertFalse(due())
        self.login("editora")
        response = self.client.post(
            reverse("editorial:review_interval", args=[page.pk]), {"interval_days": "20"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(due())
        review = PageReview.objects.get(page=page)
        self.assertEqual(review.interval_days, 20)
        self.assertEqual(review.history.count(), 1)
        entry = PageLogEntry.objects.get(page=page, action=reviews.INTERVAL_SET)
        self.assertEqual(entry.data["interval_days"], 20)

        self.client.post(
            reverse("editorial:review_interval", args=[page.pk]), {"interval_days": ""}
        )
        self.assertFalse(due())
        self.assertEqual(
            PageLogEntry.objects.filter(page=page, action=reviews.INTERVAL_SET).count(), 2
        )

    def test_interval_form__out_of_range__vietnamese_error_no_change(self):
        page = self.procedure(self.index_a, "Thủ tục", 10)
        self.login("editora")
        response = self.client.post(
            reverse("editorial:review_interval", args=[page.pk]), {"interval_days": "0"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)
        self.assertFalse(PageReview.objects.filter(page=page).exists())

    def test_reviewed__due_counts_from_the_review(self):
        page = self.procedure(self.index_a, "Thủ tục", 120)
        reviews.mark_reviewed(self.users["editora"], page)
        state = reviews.review_state(page)
        self.assertFalse(state["overdue"])
        self.assertEqual(state["due"], timezone.localdate() + dt.timedelta(days=90))


class BodiesAndRolesTests(ReviewsTestCase):
    def test_list__editor_of_a__never_sees_b_pages(self):
        self.procedure(self.index_a, "Thủ tục của A", 200)
        self.procedure(self.index_b, "Thủ tục của B", 200)
        self.login("editora")
        response = self.client.get(LIST)
        self.assertContains(response, "Thủ tục của A")
        self.assertNotContains(response, "Thủ tục của B")
        response = self.client.get(LIST, {"co_quan": self.site_b.pk})
        self.assertNotContains(response, "Thủ tục của B")

    def test_mark__editor_of_a_on_b_page__refused(self):
        page = self.procedure(self.index_b, "Thủ tục của B", 200)
        self.login("editora")
        assert_denied(self, self.client.post(mark_url(page)))
        with self.assertRaises(PermissionDenied):
            reviews.mark_reviewed(self.users["editora"], page)
        self.assertFalse(PageReview.objects.filter(page=page).exists())
        self.assertFalse(PageLogEntry.objects.filter(page=page, action=reviews.REVIEWED).exists())

    def test_interval__editor_of_a_on_b_page__refused(self):
        page = self.procedure(self.index_b, "Thủ tục của B", 200)
        self.login("editora")
        url = reverse("editorial:review_interval", args=[page.pk])
        assert_denied(self, self.client.get(url))
        assert_denied(self, self.client.post(url, {"interval_days": "5"}))
        self.assertFalse(PageReview.objects.filter(page=page).exists())

    def test_auditor__sees_the_list__cannot_mark(self):
        page = self.procedure(self.index_a, "Thủ tục kiểm tra", 200)
        self.login("auditora")
        response = self.client.get(LIST)
        self.assertContains(response, "Thủ tục kiểm tra")
        self.assertNotContains(response, mark_url(page))
        self.assertEqual(self.client.post(mark_url(page)).status_code, 403)
        with self.assertRaises(PermissionDenied):
            reviews.mark_reviewed(self.users["auditora"], page)
        self.assertFalse(PageReview.objects.filter(page=page).exists())

    def test_auditor__reads_the_review_history_of_his_body_only(self):
        page_a = self.procedure(self.index_a, "Thủ tục A", 200)
        page_b = self.procedure(self.index_b, "Thủ tục B", 200)
        reviews.mark_reviewed(self.users["editora"], page_a)
        reviews.mark_reviewed(self.users["editorb"], page_b)
        self.login("auditora")
        response = self.client.get(reverse("editorial:audit_records", args=["core.pagereview"]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["rows"]), 1)
        self.assertEqual(response.context["rows"][0]["record"].page_id, page_a.pk)

    def test_unit_officer_of_the_section__marks_from_the_editor(self):
        SectionAssignment.objects.create(user=self.users["officera"], section=self.index_a)
        page = self.procedure(self.index_a, "Thủ tục đơn vị", 200)
        forget_memberships(self.users["officera"])
        self.login("officera")
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = self.client.get(edit)
        self.assertContains(response, mark_url(page))
        response = self.client.post(mark_url(page) + f"?next={edit}")
        self.assertRedirects(response, edit, fetch_redirect_response=False)
        self.assertEqual(PageReview.objects.get(page=page).last_reviewed_by, self.users["officera"])

    def test_mark__not_live_page__refused_with_a_message(self):
        page = make_procedure(self.index_a, title="Nháp", live=False)
        self.login("editora")
        response = self.client.post(mark_url(page))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(PageReview.objects.filter(page=page).exists())

    def test_mark__next_elsewhere__back_to_the_list(self):
        page = self.procedure(self.index_a, "Thủ tục", 200)
        self.login("editora")
        response = self.client.post(mark_url(page), {"next": "https://evil.example/"})
        self.assertRedirects(response, LIST, fetch_redirect_response=False)


class ReminderTests(ReviewsTestCase):
    def emails(self):
        return OutgoingEmail.objects.filter(purpose=reviews.REMINDER_PURPOSE)

    def test_reminders__officer_of_the_section_else_standing_office__once(self):
        other = make_index(self.home_a, slug="thu-tuc-khac", title="Thủ tục khác")
        SectionAssignment.objects.create(user=self.users["officera"], section=self.index_a)
        in_section = self.procedure(self.index_a, "Thủ tục của đơn vị", 200)
        elsewhere = self.procedure(other, "Thủ tục ngoài lĩnh vực", 200)
        soon = self.procedure(self.index_a, "Thủ tục sắp đến hạn", 85)
        self.procedure(self.index_a, "Thủ tục còn mới", 10)
        in_b = self.procedure(self.index_b, "Thủ tục xã B", 200)
        now = timezone.now()

        self.assertEqual(reviews.send_reminders(now, StringIO()), 3)
        by_to = {email.to: email for email in self.emails()}
        officer = by_to["officera@thanhhoa.gov.vn"]
        self.assertIn(in_section.title, officer.body)
        self.assertIn(soon.title, officer.body)
        self.assertNotIn(elsewhere.title, officer.body)
        self.assertIn(elsewhere.title, by_to["officea@thanhhoa.gov.vn"].body)
        self.assertNotIn(in_section.title, by_to["officea@thanhhoa.gov.vn"].body)
        self.assertIn(in_b.title, by_to["officeb@thanhhoa.gov.vn"].body)
        self.assertEqual(by_to["officeb@thanhhoa.gov.vn"].site_id, self.site_b.pk)
        self.assertNotIn("Thủ tục còn mới", "".join(e.body for e in self.emails()))

        self.assertEqual(reviews.send_reminders(now + dt.timedelta(minutes=5), StringIO()), 0)
        self.assertEqual(reviews.send_reminders(now + dt.timedelta(days=1), StringIO()), 0)
        self.assertEqual(self.emails().count(), 3)
        # Reminders are bookkeeping: no history row, no log entry.
        self.assertEqual(PageReview.history.count(), 0)

    def test_reminders__after_a_review__the_next_due_date_is_reminded_again(self):
        page = self.procedure(self.index_a, "Thủ tục", 200)
        now = timezone.now()
        self.assertEqual(reviews.send_reminders(now, StringIO()), 1)
        reviews.mark_reviewed(self.users["editora"], page, now=now - dt.timedelta(days=85))
        self.assertEqual(reviews.send_reminders(now + dt.timedelta(days=1), StringIO()), 1)

    def test_board_reminders_command__runs_the_reviews(self):
        from django.core.management import call_command

        self.procedure(self.index_a, "Thủ tục", 200)
        out = StringIO()
        call_command("board_reminders", stdout=out)
        self.assertEqual(self.emails().count(), 1)


class PublicLineTests(ReviewsTestCase):
    def test_public_page__shows_last_updated_and_last_reviewed(self):
        page = self.procedure(self.index_a, "Đăng ký khai sinh", 120)
        reviewed = timezone.now() - dt.timedelta(days=3)
        reviews.mark_reviewed(self.users["editora"], page, now=reviewed)
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn(pgettext("provenance", "Last updated"), html)
        self.assertIn(pgettext("provenance", "Last reviewed"), html)
        self.assertIn(timezone.localtime(page.last_published_at).strftime("%d/%m/%Y"), html)
        self.assertIn(timezone.localtime(reviewed).strftime("%d/%m/%Y"), html)

    def test_public_page__never_reviewed__no_review_date(self):
        page = self.procedure(self.index_a, "Đăng ký khai sinh", 10)
        html = self.client.get(page.url).content.decode()
        self.assertIn(pgettext("provenance", "Last updated"), html)
        self.assertNotIn(pgettext("provenance", "Last reviewed"), html)

    def test_provenance__one_query_on_a_reviewable_page__none_on_others(self):
        page = self.procedure(self.index_a, "Đăng ký khai sinh", 10)
        page = type(page).objects.get(pk=page.pk)
        with self.assertNumQueries(1):
            page.get_provenance()
        from congthongtin.news.models import NewsIndexPage

        news = NewsIndexPage(title="Tin", slug="tin")
        self.home_a.add_child(instance=news)
        with self.assertNumQueries(0):
            self.assertFalse(getattr(news, "get_review_kind", lambda: None)())

    def test_directory_page__shows_the_review_line(self):
        directory = DirectoryPage(title="Danh bạ", slug="danh-ba")
        self.home_a.add_child(instance=directory)
        directory.save_revision().publish()
        reviews.mark_reviewed(self.users["editora"], directory)
        html = self.client.get(directory.url).content.decode()
        self.assertIn(pgettext("provenance", "Last reviewed"), html)
