"""Due times of each kind of publication time limit (R-SLA-1), from the body's rules and
working calendar. Monday 7/4/2025 is Giỗ Tổ Hùng Vương (the ``holidays`` package)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase
from django.utils import translation

from congthongtin.editorial.models import BoardSettings
from congthongtin.editorial.timeliness import describe_left, due_time, format_moment
from congthongtin.vietnam.workdays import WorkCalendar

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=HCM)


class DueTimeTests(SimpleTestCase):
    def setUp(self):
        self.rules = BoardSettings()  # the regulations' defaults
        self.calendar = WorkCalendar()

    def due(self, kind, start, rules=None, calendar=None):
        return due_time(kind, start, rules or self.rules, calendar or self.calendar)

    def test_news__friday_15h__monday_holiday__due_tuesday_15h(self):
        # 2 h Friday, 4 h Tuesday morning, 2 h Tuesday afternoon.
        self.assertEqual(self.due("news", at(2025, 4, 4, 15)), at(2025, 4, 8, 15))

    def test_news__event_date_without_time__counts_from_the_morning(self):
        self.assertEqual(self.due("news", dt.date(2025, 4, 9)), at(2025, 4, 9, 17))

    def test_news__body_day_off__moves_the_due_time(self):
        calendar = WorkCalendar(extra_days_off=[dt.date(2025, 4, 14)])
        start = at(2025, 4, 11, 15)
        self.assertEqual(self.due("news", start), at(2025, 4, 14, 15))
        self.assertEqual(self.due("news", start, calendar=calendar), at(2025, 4, 15, 15))

    def test_news__body_sets_fewer_hours_and_other_periods(self):
        rules = BoardSettings(
            news_hours=4,
            morning_start=dt.time(7, 0),
            morning_end=dt.time(11, 30),
            afternoon_start=dt.time(13, 30),
            afternoon_end=dt.time(17, 0),
        )
        # 2 h Friday 15:00–17:00, then 2 h from Tuesday 07:00.
        self.assertEqual(self.due("news", at(2025, 4, 4, 15), rules), at(2025, 4, 8, 9))

    def test_current__before_16h_on_a_working_day__same_day(self):
        self.assertEqual(self.due("current", at(2025, 4, 9, 10)), at(2025, 4, 9, 16))

    def test_current__after_16h__next_working_day(self):
        self.assertEqual(self.due("current", at(2025, 4, 9, 16, 30)), at(2025, 4, 10, 16))
        # Friday evening → Tuesday (Monday is Giỗ Tổ).
        self.assertEqual(self.due("current", at(2025, 4, 4, 18)), at(2025, 4, 8, 16))

    def test_current__on_a_day_off__next_working_day(self):
        self.assertEqual(self.due("current", at(2025, 4, 12, 9)), at(2025, 4, 14, 16))

    def test_current__body_sets_its_own_time(self):
        rules = BoardSettings(current_news_time=dt.time(15, 0))
        self.assertEqual(self.due("current", at(2025, 4, 9, 15, 30), rules), at(2025, 4, 10, 15))

    def test_urgent__one_working_hour_from_submission(self):
        self.assertEqual(self.due("urgent", at(2025, 4, 9, 10, 15)), at(2025, 4, 9, 11, 15))
        self.assertEqual(self.due("urgent", at(2025, 4, 9, 16, 30)), at(2025, 4, 10, 8, 30))
        self.assertEqual(self.due("urgent", at(2025, 4, 9, 11, 30)), at(2025, 4, 9, 13, 30))

    def test_urgent__zero_hours_means_at_the_next_working_moment(self):
        rules = BoardSettings(urgent_hours=0)
        self.assertEqual(self.due("urgent", at(2025, 4, 9, 19), rules), at(2025, 4, 10, 8))

    def test_document__end_of_second_working_day_after_signing(self):
        # Signed Thursday 3/4: Friday 4/4 (1), Monday holiday, Tuesday 8/4 (2).
        self.assertEqual(self.due("document", dt.date(2025, 4, 3)), at(2025, 4, 8, 17))

    def test_document__body_sets_more_days(self):
        rules = BoardSettings(own_document_days=5)
        self.assertEqual(self.due("document", dt.date(2025, 4, 3), rules), at(2025, 4, 11, 17))

    def test_event__end_of_third_working_day(self):
        # Conference Wednesday 2/4: Thu 3, Fri 4, Tue 8.
        self.assertEqual(self.due("event", dt.date(2025, 4, 2)), at(2025, 4, 8, 17))

    def test_event__closing_time_is_the_body_afternoon_end(self):
        rules = BoardSettings(afternoon_end=dt.time(16, 30))
        self.assertEqual(self.due("event", dt.date(2025, 4, 2), rules), at(2025, 4, 8, 16, 30))

    def test_socioeconomic__by_the_30th(self):
        # Thursday 30/10/2025, a working day.
        self.assertEqual(self.due("socioeconomic", dt.date(2025, 10, 1)), at(2025, 10, 30, 17))

    def test_socioeconomic__short_month__its_last_day(self):
        self.assertEqual(self.due("socioeconomic", dt.date(2025, 2, 1)), at(2025, 2, 28, 17))

    def test_socioeconomic__day_off__next_working_day(self):
        # 30/11/2025 is a Sunday → Monday 1/12.
        self.assertEqual(self.due("socioeconomic", dt.date(2025, 11, 1)), at(2025, 12, 1, 17))

    def test_socioeconomic__body_sets_the_day(self):
        rules = BoardSettings(socioeconomic_day=20)
        self.assertEqual(
            self.due("socioeconomic", dt.date(2025, 10, 1), rules), at(2025, 10, 20, 17)
        )

    def test_unknown_kind_refused(self):
        with self.assertRaises(ValueError):
            self.due("weather", at(2025, 4, 9, 9))

    @translation.override("en")
    def test_descriptions(self):
        self.assertEqual(
            describe_left(dt.timedelta(hours=3, minutes=20)),
            "3 hours 20 minutes of working time left",
        )
        self.assertEqual(describe_left(-dt.timedelta(hours=2)), "2 hours overdue")
        self.assertEqual(format_moment(at(2025, 4, 8, 15)), "08/04/2025 15:00")
