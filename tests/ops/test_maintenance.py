"""Planned-downtime notice: ≥ 7 working days' notice (NĐ 224/2026 Điều 13), shown site-wide."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.test import RequestFactory, TestCase
from django.utils import timezone
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Site

from congthongtin.core.models import MaintenanceNotice
from congthongtin.core.models.maintenance import earliest_start

VN = dt.timezone(dt.timedelta(hours=7))


def test_earliest_start__holiday_in_the_notice_period__counted_out():
    # Announced Friday 20/11/2026; Tuesday 24/11 is Ngày Văn hóa Việt Nam (a holiday):
    # working days Mon 23, Wed 25, Thu 26, Fri 27, Mon 30, Tue 1/12, Wed 2/12 → Thu 3/12.
    announced = dt.datetime(2026, 11, 20, 10, 0, tzinfo=VN)
    assert earliest_start(announced) == dt.date(2026, 12, 3)


def test_earliest_start__announced_after_hours__same_rule_by_date():
    announced = dt.datetime(2026, 11, 20, 22, 0, tzinfo=VN)
    assert earliest_start(announced) == dt.date(2026, 12, 3)


class MaintenanceNoticeFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        cls.form_class = get_edit_handler(MaintenanceNotice).get_form_class()

    def form(self, starts_at, hours=4, **extra):
        data = {
            "starts_at": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M"),
            "ends_at": timezone.localtime(starts_at + dt.timedelta(hours=hours)).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "message": "Nâng cấp máy chủ.",
            **extra,
        }
        return self.form_class(data=data, instance=MaintenanceNotice(site=self.site))

    def test_clean__thirty_days_ahead__accepted(self):
        form = self.form(timezone.now() + dt.timedelta(days=30))
        assert form.is_valid(), form.errors

    def test_clean__two_days_ahead__refused_with_the_first_allowed_date(self):
        form = self.form(timezone.now() + dt.timedelta(days=2))
        assert not form.is_valid()
        error = " ".join(form.errors["starts_at"])
        assert "Article 13" in error or "Điều 13" in error
        assert earliest_start(timezone.now()).strftime("%d/%m/%Y") in error

    def test_clean__short_notice_ticked__accepted(self):
        form = self.form(timezone.now() + dt.timedelta(days=2), short_notice="on")
        assert form.is_valid(), form.errors

    def test_clean__end_before_start__refused(self):
        form = self.form(timezone.now() + dt.timedelta(days=30), hours=-1)
        assert not form.is_valid()
        assert "ends_at" in form.errors

    def test_save__records_when_it_was_announced(self):
        form = self.form(timezone.now() + dt.timedelta(days=30))
        assert form.is_valid(), form.errors
        notice = form.save()
        assert notice.announced_at is not None
        assert timezone.now() - notice.announced_at < dt.timedelta(minutes=1)


class MaintenanceNoticeDisplayTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)

    def render(self):
        request = RequestFactory().get("/", HTTP_HOST=self.site.hostname)
        return render_to_string("core/includes/maintenance_notice.html", request=request)

    def test_notice__announced_downtime__shown_with_times(self):
        start = timezone.now() + dt.timedelta(days=20)
        MaintenanceNotice.objects.create(
            site=self.site,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            message="Nâng cấp.",
        )
        html = self.render()
        assert timezone.localtime(start).strftime("%H:%M %d/%m/%Y") in html
        assert "Nâng cấp." in html
        assert 'role="note"' in html

    def test_notice__after_the_end__hidden(self):
        start = timezone.now() - dt.timedelta(days=2)
        MaintenanceNotice.objects.create(
            site=self.site, starts_at=start, ends_at=start + dt.timedelta(hours=3)
        )
        assert "notice--maintenance" not in self.render()

    def test_notice__nothing_set__hidden(self):
        MaintenanceNotice.objects.create(site=self.site)
        assert "notice--maintenance" not in self.render()
