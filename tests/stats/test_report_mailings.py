"""Report e-mails (R-PROC-4): each unit's leaders weekly, the People's Committee monthly,
quarterly and yearly; due or not, once only, per body, nothing of another body."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from congthongtin.core.models import OutgoingEmail
from congthongtin.editorial.models import SupplyingUnit
from congthongtin.stats import mailings
from congthongtin.stats.models import PageDay, ReportDispatch, StatsSettings

from .report_world import build_world

MONDAY = dt.date(2026, 11, 30)  # the week before: 23–29 November


class MailingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)
        PageDay.objects.create(
            site=cls.site_a, date=dt.date(2026, 11, 25), page=cls.proc_x, views=12, downloads=2
        )
        SupplyingUnit.objects.create(
            site=cls.site_a, agency=cls.unit_x, leader_emails="truongphong@nhuxuan.gov.vn"
        )
        SupplyingUnit.objects.create(site=cls.site_a, agency=cls.unit_y)  # no leader address
        SupplyingUnit.objects.create(
            site=cls.site_b, agency=cls.unit_x, leader_emails="tuphap@binhson.gov.vn"
        )

    def emails(self, to):
        return [e for e in OutgoingEmail.objects.order_by("pk") if to in e.recipients]

    def test_periods_due(self):
        self.assertEqual(mailings.previous_week(MONDAY).start, dt.date(2026, 11, 23))
        self.assertEqual(mailings.previous_week(dt.date(2026, 12, 6)).start, dt.date(2026, 11, 23))
        kinds = lambda day: [p.kind for p in mailings.due_committee_periods(day)]  # noqa: E731
        self.assertEqual(kinds(dt.date(2026, 12, 1)), ["month"])
        self.assertEqual(kinds(dt.date(2026, 12, 7)), ["month"])
        self.assertEqual(kinds(dt.date(2026, 12, 8)), [])  # past the grace days
        self.assertEqual(kinds(dt.date(2026, 10, 1)), ["month", "quarter"])
        self.assertEqual(kinds(dt.date(2027, 1, 1)), ["month", "quarter", "year"])

    def test_weekly_to_the_units_leaders_with_their_procedures_only(self):
        mailings.send_due(MONDAY)
        [email] = self.emails("truongphong@nhuxuan.gov.vn")
        self.assertIn("Đăng ký khai sinh", email.body)
        self.assertIn("12", email.body)
        self.assertNotIn("Chứng thực bản sao", email.body)  # unit Y's
        self.assertNotIn("Đăng ký kết hôn", email.body)  # body B's
        self.assertEqual(email.site_id, self.site_a.pk)
        # Body B's leader hears of body B's procedure, not of A's.
        [email_b] = self.emails("tuphap@binhson.gov.vn")
        self.assertIn("Đăng ký kết hôn", email_b.body)
        self.assertNotIn("Đăng ký khai sinh", email_b.body)
        self.assertEqual(email_b.site_id, self.site_b.pk)

    def test_monthly_to_the_committee_with_the_link(self):
        mailings.send_due(dt.date(2026, 12, 1))
        [email] = self.emails("ubnd@nhuxuan.gov.vn")
        self.assertIn("chutich@nhuxuan.gov.vn", email.recipients)
        self.assertIn("/bao-cao/?", email.body)
        self.assertIn("thang=11", email.body)
        self.assertIn(f"co-quan={self.site_a.pk}", email.body)
        self.assertIn("Đăng ký khai sinh", email.body)
        self.assertNotIn("Đăng ký kết hôn", email.body)
        dispatch = ReportDispatch.objects.get(site=self.site_a, kind="month")
        self.assertEqual(dispatch.period_start, dt.date(2026, 11, 1))
        self.assertEqual(dispatch.email, email)

    def test_not_due_sends_nothing_to_the_committee(self):
        mailings.send_due(dt.date(2026, 12, 15))
        self.assertEqual(self.emails("ubnd@nhuxuan.gov.vn"), [])

    def test_a_body_without_committee_addresses_sends_none(self):
        StatsSettings.objects.filter(site=self.site_a).update(committee_emails="")
        mailings.send_due(dt.date(2026, 12, 1))
        self.assertFalse(ReportDispatch.objects.filter(recipient_key="committee").exists())

    def test_once_only(self):
        first = mailings.send_due(dt.date(2026, 12, 1))
        self.assertGreater(first, 0)
        count = OutgoingEmail.objects.count()
        with self.assertNumQueries(self.queries_of_a_run_with_nothing_to_send()):
            self.assertEqual(mailings.send_due(dt.date(2026, 12, 2)), 0)
        self.assertEqual(OutgoingEmail.objects.count(), count)

    def queries_of_a_run_with_nothing_to_send(self) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            mailings.send_due(dt.date(2026, 12, 3))
        return len(queries)

    def test_command(self):
        out = StringIO()
        call_command("send_stats_reports", date="2026-12-01", stdout=out)
        self.assertIn("report e-mail", out.getvalue())
        call_command("send_stats_reports", date="2026-12-01", stdout=out)
        self.assertEqual(
            ReportDispatch.objects.filter(kind="month", recipient_key="committee").count(), 1
        )
