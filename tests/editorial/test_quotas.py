"""The units' monthly supply against their quota (R-QUOTA-1): what counts, the monthly
table, the yearly emulation table, the reminders, the screens per body and the audit.

The month checked by hand: November 2026 in body A (Xã Như Xuân, the default site).

======  =====  ========  ==========  =========  ====
unit    quota  supplied  shortfall   met        why
======  =====  ========  ==========  =========  ====
A       2      9         0           yes        9 items (2 of them notices), one at 00:30 on
                                                 1 Nov (17:30 UTC on 31 Oct)
B       2      1         1           no         1 item, unpublished later (still counts)
C       3      2         1           no         own quota 3 (would be met at the body's 2)
======  =====  ========  ==========  =========  ====

12 published items in all. Not counted: unit A's item of 23:30 on 31 Oct (October) and of
00:00 on 1 Dec (December); unit B's draft (never published); unit A's 3 items in body B.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO, StringIO

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site

from congthongtin.core import roles
from congthongtin.core.bodies import body_name, forget_memberships, role_group
from congthongtin.core.models import Agency, OutgoingEmail
from congthongtin.editorial import quotas
from congthongtin.editorial.models import BoardSettings, SupplyingUnit, SupplyReminder
from congthongtin.home.models import StandardPage
from congthongtin.news.models import NoticePage
from congthongtin.vietnam.workdays import VN_TZ
from tests.factories import make_portal

from .helpers import assert_denied

User = get_user_model()
QUOTAS = reverse("editorial:quotas")
YEAR_XLSX = reverse("editorial:quotas_year_xlsx")


def vn(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN_TZ)


def make_item(parent, unit, when, *, model=StandardPage, live=True, **extra):
    """A page whose first publication was at ``when`` (None: never published)."""
    make_item.counter += 1
    if model is NoticePage:
        extra.setdefault("kind", "khac")
    page = model(
        title=f"Tin số {make_item.counter}",
        slug=f"tin-so-{make_item.counter}",
        responsible_unit=unit,
        live=live,
        first_published_at=when,
        last_published_at=when,
        **extra,
    )
    parent.add_child(instance=page)
    return page


make_item.counter = 0


class QuotaTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_a = Site.objects.get(is_default_site=True)
        cls.home_a = cls.site_a.root_page
        cls.site_b, cls.home_b = make_portal("xab.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        cls.agency_a = Agency.objects.create(name="Văn phòng HĐND và UBND xã")
        cls.agency_b = Agency.objects.create(name="Phòng Kinh tế")
        cls.agency_c = Agency.objects.create(name="Phòng Văn hóa – Xã hội")
        cls.agency_d = Agency.objects.create(name="Trạm Y tế xã Bình Sơn")
        cls.unit_a = SupplyingUnit.objects.create(
            site=cls.site_a, agency=cls.agency_a, contact_emails="vanphong@nhuxuan.gov.vn"
        )
        cls.unit_b = SupplyingUnit.objects.create(
            site=cls.site_a, agency=cls.agency_b, contact_emails="kinhte@nhuxuan.gov.vn"
        )
        cls.unit_c = SupplyingUnit.objects.create(
            site=cls.site_a,
            agency=cls.agency_c,
            monthly_quota=3,
            contact_emails="vhxh@nhuxuan.gov.vn\ncanbo.vhxh@nhuxuan.gov.vn",
            note="Đơn vị được giao (S1 Đ11.2)",
        )
        # Body B tracks unit A too, and its own unit D.
        cls.unit_a_in_b = SupplyingUnit.objects.create(
            site=cls.site_b, agency=cls.agency_a, contact_emails="a@binhson.gov.vn"
        )
        cls.unit_d = SupplyingUnit.objects.create(
            site=cls.site_b, agency=cls.agency_d, contact_emails="tramyte@binhson.gov.vn"
        )
        home_a, a, b, c = cls.home_a, cls.agency_a, cls.agency_b, cls.agency_c
        # Unit A: 9 in November, two of them notices (another content type).
        make_item(home_a, a, vn(2026, 11, 1, 0, 30))  # 17:30 UTC on 31 October
        for day in (3, 5, 9, 12, 18, 24):
            make_item(home_a, a, vn(2026, 11, day, 9, 0))
        make_item(home_a, a, vn(2026, 11, 20, 10, 0), model=NoticePage)
        make_item(home_a, a, vn(2026, 11, 30, 23, 59), model=NoticePage)
        # Unit B: 1, unpublished since; and a draft that never went live.
        make_item(home_a, b, vn(2026, 11, 10, 8, 0), live=False)
        make_item(home_a, b, None, live=False)
        # Unit C: 2 (own quota 3).
        make_item(home_a, c, vn(2026, 11, 4, 14, 0))
        make_item(home_a, c, vn(2026, 11, 25, 15, 0))
        # Other months.
        make_item(home_a, a, vn(2026, 10, 31, 23, 30))
        make_item(home_a, a, vn(2026, 12, 1, 0, 0))
        make_item(home_a, b, vn(2026, 10, 15, 9, 0))
        make_item(home_a, b, vn(2026, 10, 16, 9, 0))
        # Body B: unit A's items there count for body B only.
        for day in (2, 3, 4):
            make_item(cls.home_b, a, vn(2026, 11, day, 9, 0))
        # An item of no unit.
        make_item(home_a, None, vn(2026, 11, 6, 9, 0))

        def person(username, *held):
            user = User.objects.create_user(username, f"{username}@thanhhoa.gov.vn", "x" * 12)
            user.groups.add(*(role_group(role, site) for role, site in held))
            return user

        cls.head_a = person("truongbana", (roles.HEAD, cls.site_a))
        cls.office_a = person("thuongtruca", (roles.STANDING_OFFICE, cls.site_a))
        cls.editor_a = person("bientapa", (roles.EDITOR, cls.site_a))
        cls.auditor_a = person("kiemtraa", (roles.AUDITOR, cls.site_a))
        cls.officer_a = person("daumoia", (roles.UNIT_OFFICER, cls.site_a))
        cls.head_b = person("truongbanb", (roles.HEAD, cls.site_b))
        cls.both = person("haiban", (roles.EDITOR, cls.site_a), (roles.DEPUTY, cls.site_b))
        cls.root = User.objects.create_superuser("quantri", "root@thanhhoa.gov.vn", "x" * 12)
        User.objects.update(must_change_password=False)

    def setUp(self):
        for user in (self.head_a, self.office_a, self.editor_a, self.auditor_a, self.head_b):
            forget_memberships(user)

    def edit_url(self, unit):
        return reverse("editorial_supplyingunit:edit", args=[unit.pk])

    def form(self, unit, **changes):
        data = {
            "site": unit.site_id,
            "agency": unit.agency_id,
            "monthly_quota": "" if unit.monthly_quota is None else unit.monthly_quota,
            "contact_emails": unit.contact_emails,
            "active": "on" if unit.active else "",
            "note": unit.note,
        }
        data.update(changes)
        return data

    def table(self, site, year=2026, month=11):
        return {
            row.unit.agency.name: (row.quota, row.supplied, row.shortfall, row.met)
            for row in quotas.month_table(site.pk, year, month)
        }


class CountingTests(QuotaTestCase):
    def test_month_table__figures_checked_by_hand(self):
        self.assertEqual(
            self.table(self.site_a),
            {
                "Văn phòng HĐND và UBND xã": (2, 9, 0, True),
                "Phòng Kinh tế": (2, 1, 1, False),
                "Phòng Văn hóa – Xã hội": (3, 2, 1, False),
            },
        )

    def test_twelve_items_published_in_the_month_by_the_three_units(self):
        counts = quotas.supplied_counts(self.site_a.pk, [(2026, 11)])
        tracked = [self.agency_a.pk, self.agency_b.pk, self.agency_c.pk]
        self.assertEqual(sum(counts[pk][0] for pk in tracked), 12)

    def test_own_quota_overrides_the_body_default(self):
        self.unit_c.monthly_quota = None
        self.unit_c.save()
        self.assertEqual(self.table(self.site_a)["Phòng Văn hóa – Xã hội"], (2, 2, 0, True))

    def test_body_default_quota_from_board_settings(self):
        BoardSettings.objects.update_or_create(site=self.site_a, defaults={"monthly_quota": 10})
        table = self.table(self.site_a)
        self.assertEqual(table["Văn phòng HĐND và UBND xã"], (10, 9, 1, False))
        self.assertEqual(table["Phòng Văn hóa – Xã hội"], (3, 2, 1, False))  # its own

    def test_other_body__its_own_items_only(self):
        self.assertEqual(
            self.table(self.site_b),
            {
                "Văn phòng HĐND và UBND xã": (2, 3, 0, True),
                "Trạm Y tế xã Bình Sơn": (2, 0, 2, False),
            },
        )

    def test_month_boundaries_in_local_time(self):
        self.assertEqual(self.table(self.site_a, 2026, 10)["Văn phòng HĐND và UBND xã"][1], 1)
        self.assertEqual(self.table(self.site_a, 2026, 12)["Văn phòng HĐND và UBND xã"][1], 1)

    def test_inactive_unit__not_in_the_month_table(self):
        SupplyingUnit.objects.filter(pk=self.unit_b.pk).update(active=False)
        self.assertNotIn("Phòng Kinh tế", self.table(self.site_a))

    def test_alias__not_counted_twice(self):
        original = StandardPage.objects.get(title="Tin số 2")
        original.create_alias(parent=self.home_a, update_slug="tin-so-2-ban-sao")
        self.assertEqual(self.table(self.site_a)["Văn phòng HĐND và UBND xã"][1], 9)


class YearTableTests(QuotaTestCase):
    def test_year_rows_and_ranks(self):
        rows = quotas.year_table(self.site_a.pk, 2026, today=dt.date(2026, 12, 6))
        by_name = {row.unit.agency.name: row for row in rows}
        a, b, c = (
            by_name[n]
            for n in ("Văn phòng HĐND và UBND xã", "Phòng Kinh tế", "Phòng Văn hóa – Xã hội")
        )
        self.assertEqual(a.months[9:], [1, 9, 1])
        self.assertEqual(a.months[:9], [0] * 9)
        self.assertEqual((a.months_met, a.total, a.shortfall), (1, 11, 2 * 9 + 1 + 0 + 1))
        self.assertEqual((b.months_met, b.total, b.shortfall), (1, 3, 2 * 9 + 0 + 1 + 2))
        self.assertEqual((c.months_met, c.total, c.shortfall), (0, 2, 3 * 11 + 1))
        # Months met first (A and B: 1), then total supplied (A 11 > B 3).
        self.assertEqual(
            [(row.unit.agency.name, row.rank) for row in rows],
            [
                ("Văn phòng HĐND và UBND xã", 1),
                ("Phòng Kinh tế", 2),
                ("Phòng Văn hóa – Xã hội", 3),
            ],
        )

    def test_equal_figures_share_a_rank(self):
        make_item(self.home_a, self.agency_b, vn(2026, 12, 2, 9, 0))
        for day in (3, 4, 7, 8, 9, 10, 11):
            make_item(self.home_a, self.agency_b, vn(2026, 12, day, 9, 0))
        rows = quotas.year_table(self.site_a.pk, 2026, today=dt.date(2026, 12, 20))
        ranks = {row.unit.agency.name: row.rank for row in rows}
        # A: Oct, Nov met (wait: Oct 1 < 2) → Nov only, 11 items; B: Oct, Dec met, 11 items.
        self.assertEqual(ranks["Phòng Kinh tế"], 1)
        self.assertEqual(ranks["Văn phòng HĐND và UBND xã"], 2)

    def test_months_not_begun_are_left_out(self):
        rows = quotas.year_table(self.site_a.pk, 2026, today=dt.date(2026, 11, 15))
        row = next(r for r in rows if r.unit == self.unit_c)
        self.assertEqual(row.months[11], None)
        self.assertEqual(row.shortfall, 3 * 10 + 1)

    def test_xlsx__title_headings_rows_and_ranks(self):
        from openpyxl import load_workbook

        self.client.force_login(self.head_a)
        response = self.client.get(YEAR_XLSX, {"nam": "2026"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        sheet = load_workbook(BytesIO(response.content)).active
        values = list(sheet.iter_rows(values_only=True))
        self.assertIn(body_name(self.site_a), values[0][0])
        self.assertIn("2026", values[0][0])
        headings = values[2]
        self.assertEqual(len(headings), 19)
        units = [row for row in values[3:] if isinstance(row[0], int)]
        self.assertEqual(
            [row[1] for row in units],
            [
                "Văn phòng HĐND và UBND xã",
                "Phòng Kinh tế",
                "Phòng Văn hóa – Xã hội",
            ],
        )
        a = units[0]
        self.assertEqual(a[2], 2)  # quota
        self.assertEqual(a[3 + 10], 9)  # November
        self.assertEqual(a[3 + 9], 1)  # October
        self.assertEqual(a[15:], (1, 11, 20, 1))  # months met, total, shortfall, rank
        self.assertEqual([row[18] for row in units], [1, 2, 3])
        self.assertEqual(units[2][2], 3)  # unit C's own quota

    def test_xlsx__other_body_refused(self):
        self.client.force_login(self.head_a)
        response = self.client.get(YEAR_XLSX, {"nam": "2026", "co-quan": self.site_b.pk})
        self.assertEqual(response.status_code, 404)


class DashboardTests(QuotaTestCase):
    def test_head_sees_his_body_table_with_the_rule(self):
        self.client.force_login(self.head_a)
        response = self.client.get(QUOTAS, {"thang": "2026-11"})
        self.assertEqual(response.status_code, 200)
        rows = response.context["rows"]
        self.assertEqual(
            [(r.unit.agency.name, r.quota, r.supplied, r.shortfall, r.met) for r in rows],
            [
                ("Phòng Kinh tế", 2, 1, 1, False),
                ("Phòng Văn hóa – Xã hội", 3, 2, 1, False),
                ("Văn phòng HĐND và UBND xã", 2, 9, 0, True),
            ],
        )
        self.assertContains(response, "w-overflow-x-auto")  # the table scrolls on a phone
        self.assertContains(response, "?thang=2026-10")
        self.assertContains(response, "?thang=2026-12")
        self.assertNotContains(response, "Trạm Y tế")
        self.assertEqual(response.context["rule"], quotas.COUNTING_RULE)

    def test_other_body__never_in_the_table_and_404_when_asked(self):
        self.client.force_login(self.head_b)
        response = self.client.get(QUOTAS, {"thang": "2026-11"})
        self.assertEqual(response.context["site"], self.site_b)
        self.assertContains(response, "Trạm Y tế")
        self.assertNotContains(response, "Phòng Kinh tế")
        response = self.client.get(QUOTAS, {"thang": "2026-11", "co-quan": self.site_a.pk})
        self.assertEqual(response.status_code, 404)

    def test_person_of_two_boards_chooses_the_body(self):
        self.client.force_login(self.both)
        response = self.client.get(QUOTAS, {"thang": "2026-11", "co-quan": self.site_b.pk})
        self.assertEqual(response.context["site"], self.site_b)
        self.assertEqual(len(response.context["sites"]), 2)

    def test_without_a_reading_role__refused(self):
        self.client.force_login(self.officer_a)
        assert_denied(self, self.client.get(QUOTAS))
        assert_denied(self, self.client.get(YEAR_XLSX))

    def test_auditor_reads(self):
        self.client.force_login(self.auditor_a)
        self.assertEqual(self.client.get(QUOTAS, {"thang": "2026-11"}).status_code, 200)

    def test_bad_month_falls_back_to_this_month(self):
        self.client.force_login(self.head_a)
        for value in ("2026-13", "x" * 300, "9999-99", "<b>"):
            self.assertEqual(self.client.get(QUOTAS, {"thang": value}).status_code, 200)
        self.assertEqual(self.client.get(QUOTAS, {"co-quan": "abc"}).status_code, 404)

    def test_query_count_does_not_grow_with_units_or_items(self):
        self.client.force_login(self.head_a)
        self.client.get(QUOTAS, {"thang": "2026-11"})  # warm the per-site caches
        with CaptureQueriesContext(connection) as before:
            self.client.get(QUOTAS, {"thang": "2026-11"})
        baseline = len(before)  # read now: a later request empties the connection's log
        for n in range(5):
            agency = Agency.objects.create(name=f"Đơn vị thêm {n}")
            SupplyingUnit.objects.create(site=self.site_a, agency=agency, monthly_quota=n or None)
            for day in (2, 3):
                make_item(self.home_a, agency, vn(2026, 11, day, 9, 0), model=NoticePage)
        self.client.get(QUOTAS, {"thang": "2026-11"})
        with self.assertNumQueries(baseline):
            response = self.client.get(QUOTAS, {"thang": "2026-11"})
        self.assertEqual(len(response.context["rows"]), 8)


class ReminderTests(QuotaTestCase):
    def run_at(self, moment) -> int:
        return quotas.send_reminders(moment, StringIO())

    def test_reminder_day__five_working_days_before_the_last_one(self):
        calendar = quotas.work_calendar(self.site_a)
        # 30/11/2026 is a Monday; the five working days before it are 27, 26, 25, 23 and
        # 20 (24/11 is a holiday, Ngày Văn hóa Việt Nam).
        self.assertEqual(quotas.reminder_day(calendar, 2026, 11, 5), dt.date(2026, 11, 20))
        self.assertEqual(quotas.reminder_day(calendar, 2026, 11, 0), dt.date(2026, 11, 30))
        # 31/10/2026 is a Saturday: the last working day is Friday 30.
        self.assertEqual(quotas.reminder_day(calendar, 2026, 10, 1), dt.date(2026, 10, 29))

    def test_before_the_day__nothing(self):
        self.assertEqual(self.run_at(vn(2026, 11, 19, 16, 0)), 0)
        self.assertFalse(OutgoingEmail.objects.filter(purpose=quotas.PURPOSE).exists())

    def test_on_the_day__units_below_quota_only_once(self):
        self.assertEqual(self.run_at(vn(2026, 11, 20, 8, 0)), 3)  # B, C; body B's unit D
        emails = OutgoingEmail.objects.filter(purpose=quotas.PURPOSE, site=self.site_a)
        self.assertEqual(
            sorted(e.to for e in emails),
            ["kinhte@nhuxuan.gov.vn", "vhxh@nhuxuan.gov.vn\ncanbo.vhxh@nhuxuan.gov.vn"],
        )
        to_c = emails.get(to__startswith="vhxh")
        self.assertIn("2", to_c.subject)
        self.assertIn("Tin số", to_c.body)  # what it supplied
        self.assertIn("30/11/2026", to_c.body)
        other = OutgoingEmail.objects.get(purpose=quotas.PURPOSE, site=self.site_b)
        self.assertEqual(other.to, "tramyte@binhson.gov.vn")
        self.assertEqual(SupplyReminder.objects.count(), 3)
        # Later runs the same month: nothing more.
        self.assertEqual(self.run_at(vn(2026, 11, 24, 9, 0)), 0)
        self.assertEqual(self.run_at(vn(2026, 11, 30, 16, 0)), 0)
        self.assertEqual(OutgoingEmail.objects.filter(purpose=quotas.PURPOSE).count(), 3)

    def test_unit_that_reached_its_quota_is_not_reminded(self):
        make_item(self.home_a, self.agency_b, vn(2026, 11, 19, 9, 0))
        self.run_at(vn(2026, 11, 20, 8, 0))
        self.assertFalse(SupplyReminder.objects.filter(unit=self.unit_b).exists())

    def test_unit_without_address__skipped_and_named(self):
        SupplyingUnit.objects.filter(pk=self.unit_b.pk).update(contact_emails="")
        out = StringIO()
        quotas.send_reminders(vn(2026, 11, 20, 8, 0), out)
        self.assertIn("Phòng Kinh tế", out.getvalue())
        self.assertFalse(SupplyReminder.objects.filter(unit=self.unit_b).exists())

    def test_body_setting_moves_the_day(self):
        BoardSettings.objects.update_or_create(
            site=self.site_a, defaults={"quota_reminder_days": 2}
        )
        self.run_at(vn(2026, 11, 25, 9, 0))
        self.assertFalse(SupplyReminder.objects.filter(unit__site=self.site_a).exists())
        self.run_at(vn(2026, 11, 26, 9, 0))
        self.assertEqual(SupplyReminder.objects.filter(unit__site=self.site_a).count(), 2)

    def test_board_reminders_command_runs_it_and_the_mail_goes(self):
        with self.captureOnCommitCallbacks(execute=True):
            call_command("board_reminders", stdout=StringIO())
        # The command runs at "now"; whatever today is, a second run sends nothing more.
        first = SupplyReminder.objects.count()
        call_command("board_reminders", stdout=StringIO())
        self.assertEqual(SupplyReminder.objects.count(), first)
        self.assertEqual(len(mail.outbox), first)


class SupplyingUnitScreenTests(QuotaTestCase):
    def test_quota_change__audit_log_and_history(self):
        self.client.force_login(self.office_a)
        response = self.client.post(
            self.edit_url(self.unit_b), self.form(self.unit_b, monthly_quota="3")
        )
        self.assertEqual(response.status_code, 302)
        self.unit_b.refresh_from_db()
        self.assertEqual(self.unit_b.monthly_quota, 3)
        entry = ModelLogEntry.objects.get(action="editorial.quota_changed")
        self.assertEqual(entry.user, self.office_a)
        self.assertEqual(entry.data["site_id"], self.site_a.pk)
        self.assertEqual((entry.data["old"], entry.data["new"]), (None, 3))
        self.assertEqual(entry.data["agency"], "Phòng Kinh tế")
        last = self.unit_b.history.first()
        self.assertEqual((last.monthly_quota, last.history_user), (3, self.office_a))
        # A note changed without the quota: no quota entry.
        self.client.post(self.edit_url(self.unit_b), self.form(self.unit_b, note="Ghi chú"))
        self.assertEqual(ModelLogEntry.objects.filter(action="editorial.quota_changed").count(), 1)

    def test_audit_records_show_the_unit_to_its_body_auditor(self):
        self.client.force_login(self.auditor_a)
        url = reverse("editorial:audit_records", args=["editorial.supplyingunit"])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Phòng Kinh tế")
        self.assertNotContains(response, "Trạm Y tế")

    def test_add__own_bodies_only_and_once(self):
        self.client.force_login(self.head_a)
        add = reverse("editorial_supplyingunit:add")
        agency = Agency.objects.create(name="Công an xã")
        response = self.client.post(add, self.form(SupplyingUnit(site=self.site_b, agency=agency)))
        self.assertEqual(response.status_code, 200)
        self.assertIn("site", response.context["form"].errors)
        response = self.client.post(
            add, self.form(SupplyingUnit(site=self.site_a, agency=self.agency_b))
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("agency", response.context["form"].errors)
        response = self.client.post(
            add,
            self.form(
                SupplyingUnit(site=self.site_a, agency=agency, monthly_quota=3),
                contact_emails="khong-phai-thu",
            ),
        )
        self.assertIn("contact_emails", response.context["form"].errors)
        response = self.client.post(
            add,
            self.form(
                SupplyingUnit(site=self.site_a, agency=agency, monthly_quota=3),
                contact_emails="conganxa@nhuxuan.gov.vn; truongcong.an@nhuxuan.gov.vn",
            ),
        )
        self.assertEqual(response.status_code, 302)
        unit = SupplyingUnit.objects.get(agency=agency)
        self.assertEqual(unit.contacts, ["conganxa@nhuxuan.gov.vn", "truongcong.an@nhuxuan.gov.vn"])
        self.assertTrue(
            ModelLogEntry.objects.filter(
                action="editorial.quota_changed", object_id=str(unit.pk)
            ).exists()
        )

    def test_other_body_unit__refused_everywhere(self):
        self.client.force_login(self.head_a)
        listing = self.client.get(reverse("editorial_supplyingunit:index"))
        self.assertContains(listing, "Phòng Kinh tế")
        self.assertNotContains(listing, "Trạm Y tế")
        for name in ("edit", "delete", "history"):
            response = self.client.get(
                reverse(f"editorial_supplyingunit:{name}", args=[self.unit_d.pk])
            )
            self.assertIn(response.status_code, (302, 403, 404), name)
            if response.status_code == 302:
                assert_denied(self, response)
        response = self.client.post(
            self.edit_url(self.unit_d), self.form(self.unit_d, monthly_quota="9")
        )
        if response.status_code == 302:
            assert_denied(self, response)
        self.unit_d.refresh_from_db()
        self.assertIsNone(self.unit_d.monthly_quota)

    def test_editor_reads_but_does_not_change(self):
        self.client.force_login(self.editor_a)
        self.assertEqual(self.client.get(reverse("editorial_supplyingunit:index")).status_code, 200)
        response = self.client.post(
            self.edit_url(self.unit_b), self.form(self.unit_b, monthly_quota="5")
        )
        self.assertNotEqual(response.status_code, 200)
        self.unit_b.refresh_from_db()
        self.assertIsNone(self.unit_b.monthly_quota)

    def test_menu_item_for_readers_only(self):
        self.client.force_login(self.editor_a)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), QUOTAS)
        self.client.force_login(self.officer_a)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), QUOTAS)


class ListingTests(QuotaTestCase):
    def test_listing_shows_own_quota_or_a_dash(self):
        self.client.force_login(self.head_a)
        response = self.client.get(reverse("editorial_supplyingunit:index"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Phòng Văn hóa – Xã hội")
        self.assertNotContains(response, ">None<")

    def test_tables__fixed_number_of_queries(self):
        BoardSettings.objects.get_or_create(site=self.site_a)
        quotas.month_table(self.site_a.pk, 2026, 11)  # warm the site-tree cache
        with self.assertNumQueries(3):  # rules, units, one count
            quotas.month_table(self.site_a.pk, 2026, 11)
        with self.assertNumQueries(3):
            quotas.year_table(self.site_a.pk, 2026, today=dt.date(2026, 12, 6))


class TwoBoardsTests(QuotaTestCase):
    def test_deputy_of_b_and_editor_of_a__changes_b_units_only(self):
        self.client.force_login(self.both)
        response = self.client.post(
            self.edit_url(self.unit_d), self.form(self.unit_d, monthly_quota="3")
        )
        self.assertEqual(response.status_code, 302)
        self.unit_d.refresh_from_db()
        self.assertEqual(self.unit_d.monthly_quota, 3)
        response = self.client.post(
            self.edit_url(self.unit_b), self.form(self.unit_b, monthly_quota="3")
        )
        assert_denied(self, response)
        self.unit_b.refresh_from_db()
        self.assertIsNone(self.unit_b.monthly_quota)
        # Reads both bodies' units; the form offers body B only.
        listing = self.client.get(reverse("editorial_supplyingunit:index"))
        self.assertContains(listing, "Phòng Kinh tế")
        self.assertContains(listing, "Trạm Y tế")
        form = self.client.get(reverse("editorial_supplyingunit:add")).context["form"]
        self.assertEqual(list(form.fields["site"].queryset), [self.site_b])
