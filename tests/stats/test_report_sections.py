"""The statistics' sections of the board's report: visits with the comparison, service use
per procedure (R-PROC-4), items published by section, type and unit; one body only."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from congthongtin.core.reports import Period
from congthongtin.stats import report, report_sections

from .report_world import build_world

NOVEMBER = Period.month(2026, 11)


def table(section, caption_start):
    return next(t for t in section.tables if str(t.caption).startswith(caption_start))


class PeriodTests(TestCase):
    def test_previous_period_is_of_the_same_kind(self):
        self.assertEqual(report.previous_period(Period.month(2026, 1)), Period.month(2025, 12))
        self.assertEqual(report.previous_period(Period.quarter(2026, 1)), Period.quarter(2025, 4))
        self.assertEqual(report.previous_period(Period.year(2026)), Period.year(2025))
        week = Period("week", dt.date(2026, 11, 23), dt.date(2026, 11, 30))
        self.assertEqual(report.previous_period(week).start, dt.date(2026, 11, 16))

    def test_percent_change(self):
        self.assertEqual(report.percent_change(1000, 500), 100.0)
        self.assertEqual(report.percent_change(250, 1000), -75.0)
        self.assertIsNone(report.percent_change(10, 0))

    def test_slug_names_the_period(self):
        self.assertEqual(report.period_slug(NOVEMBER), "2026-11")
        self.assertEqual(report.period_slug(Period.quarter(2026, 4)), "2026-q4")
        self.assertEqual(report.period_slug(Period.year(2026)), "2026")


class StatsSectionsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)

    def test_visits_with_comparison_to_the_previous_month(self):
        section = report_sections.visits_section(self.site_a, NOVEMBER)
        self.assertEqual(section.order, 10)
        self.assertEqual([value for _label, value in section.figures], [1000, 500, 250])
        comparison = section.tables[0]
        self.assertEqual(comparison.rows[0][1:], [1000, 500, 100.0])
        days = section.charts[0]
        self.assertEqual(len(days.values), 30)  # every day, zeros included
        self.assertEqual(sum(days.values), 1000)
        self.assertEqual(days.kind, "line")
        by_section = table(section, str(section.charts[1].title))
        self.assertEqual(by_section.rows, [["Thủ tục hành chính", 300]])
        top = section.tables[-1]
        self.assertEqual(
            [row[1:] for row in top.rows], [["Đăng ký khai sinh", 40], ["Chứng thực bản sao", 10]]
        )

    def test_a_year_is_charted_by_month(self):
        section = report_sections.visits_section(self.site_a, Period.year(2026))
        chart = section.charts[0]
        self.assertEqual(len(chart.values), 12)
        self.assertEqual(chart.values[9:11], [500, 1000])

    def test_service_use_per_procedure_of_this_body_only(self):
        section = report_sections.service_section(self.site_a, NOVEMBER)
        self.assertEqual(section.order, 20)
        rows = {row[1]: row[3:7] for row in section.tables[0].rows}
        self.assertEqual(
            rows, {"Đăng ký khai sinh": [40, 7, 3, 0], "Chứng thực bản sao": [10, 0, 0, 0]}
        )
        figures = dict(section.figures)
        self.assertEqual(list(figures.values())[:5], [2, 0, 50, 7, 3])

    def test_items_published_by_section_type_and_unit(self):
        # The bodies' tree paths (cached), by type, by section, the sections' titles, the
        # units (one UNION), the units' names.
        with self.assertNumQueries(6):
            section = report_sections.published_section(self.site_a, NOVEMBER)
        self.assertEqual(section.figures[0][1], 3)  # the unpublished one still counts
        by_section, by_type, by_unit = section.tables
        self.assertEqual(sum(n for _t, n in by_section.rows), 3)
        self.assertEqual(by_type.rows, [[str(by_type.rows[0][0]), 3]])
        self.assertEqual(dict(by_unit.rows)["Phòng Tư pháp"], 2)
        self.assertEqual(sum(n for _u, n in by_unit.rows), 3)

    def test_the_other_body_sees_its_own_items(self):
        section = report_sections.published_section(self.site_b, NOVEMBER)
        self.assertEqual(section.figures[0][1], 1)
        visits = report_sections.visits_section(self.site_b, NOVEMBER)
        self.assertEqual(visits.figures[0][1], 999)

    def test_collect_orders_every_apps_sections(self):
        keys = [section.key for section in report.collect(self.site_a, NOVEMBER)]
        self.assertEqual(keys[:3], ["visits", "service_use", "satisfaction"])
        self.assertEqual(
            keys[3:], ["page_ratings", "published", "questions", "consultations", "contact"]
        )
        orders = [section.order for section in report.collect(self.site_a, NOVEMBER)]
        self.assertEqual(orders, sorted(orders))
