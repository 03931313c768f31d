"""The leaders' weekly work schedule and the citizen-reception schedule (R-ANN-1)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from congthongtin.news.models import NoticeIndexPage, ScheduleEntry, WeeklySchedulePage
from tests.factories import OfficialFactory
from tests.news.helpers import BAD_QUERIES, add, count_queries, home_page

MONDAY = dt.date(2026, 11, 23)  # ISO week 2026-W48


class WeeklyScheduleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        notices = add(home_page(), NoticeIndexPage, title="Thông báo", slug="thong-bao")
        cls.page = add(
            notices,
            WeeklySchedulePage,
            title="Lịch công tác tuần",
            slug="lich-cong-tac-tuan",
            kind="lich-cong-tac",
            note="Lịch có thể thay đổi.",
        )
        cls.chair = OfficialFactory(full_name="Nguyễn Văn An", position="Chủ tịch UBND xã")

        def entry(day, hour, content, **fields):
            return ScheduleEntry.objects.create(
                page=cls.page,
                date=day,
                start_time=dt.time(hour, 0),
                content=content,
                place=fields.pop("place", "Trụ sở UBND xã"),
                **fields,
            )

        entry(MONDAY + dt.timedelta(days=2), 14, "Kiểm tra công trình", leader="Lãnh đạo UBND xã")
        entry(MONDAY, 14, "Làm việc với Phòng Kinh tế", official=cls.chair)
        entry(MONDAY, 7, "Giao ban đầu tuần", official=cls.chair, end_time=dt.time(9, 0))
        entry(MONDAY - dt.timedelta(days=7), 8, "Việc của tuần trước", leader="Phó Chủ tịch")
        entry(MONDAY + dt.timedelta(days=7), 8, "Việc của tuần sau", leader="Phó Chủ tịch")

    def get(self, query="?tuan=2026-W48"):
        response = self.client.get("/thong-bao/lich-cong-tac-tuan/" + query)
        self.assertEqual(response.status_code, 200)
        return response

    def test_week__grouped_by_day_in_time_order(self):
        response = self.get()
        html = response.content.decode()
        self.assertContains(response, "23/11/2026")
        self.assertContains(response, "25/11/2026")
        self.assertLess(html.index("Giao ban đầu tuần"), html.index("Làm việc với Phòng Kinh tế"))
        self.assertLess(html.index("Làm việc với Phòng Kinh tế"), html.index("Kiểm tra công trình"))
        self.assertNotContains(response, "Việc của tuần trước")
        self.assertNotContains(response, "Việc của tuần sau")
        self.assertContains(response, "07:00 – 09:00")
        self.assertContains(response, "Nguyễn Văn An – Chủ tịch UBND xã")
        self.assertContains(response, '<th scope="rowgroup"', count=2)
        days = response.context["days"]
        self.assertEqual([day["date"] for day in days], [MONDAY, MONDAY + dt.timedelta(days=2)])

    def test_week__previous_and_next_links(self):
        response = self.get()
        self.assertContains(response, 'href="?tuan=2026-W47"')
        self.assertContains(response, 'href="?tuan=2026-W49"')
        self.assertContains(self.get("?tuan=2026-W49"), "Việc của tuần sau")

    def test_week__year_boundary_links(self):
        response = self.get("?tuan=2026-W53")
        self.assertContains(response, 'href="?tuan=2027-W01"')
        self.assertContains(response, "28/12/2026")

    def test_default__current_week_in_vietnam(self):
        today = timezone.localdate()
        monday = today - dt.timedelta(days=today.weekday())
        response = self.get("")
        self.assertEqual(response.context["monday"], monday)
        self.assertTrue(response.context["is_current_week"])

    def test_empty_week__says_so(self):
        response = self.get("?tuan=2026-W10")
        self.assertEqual(response.context["days"], [])

    def test_printable__table_and_print_styles(self):
        response = self.get()
        self.assertContains(response, 'class="schedule-table stack-table"')
        self.assertContains(response, "core/listing.css")  # before news.css: news refines it
        self.assertContains(response, "news/news.css")
        html = response.content.decode()
        self.assertLess(html.index("core/listing.css"), html.index("news/news.css"))
        self.assertContains(response, "data-print hidden")
        self.assertNotContains(response, "<script>")  # no inline script (CSP)

    def test_bad_query_parameters__never_500(self):
        for query in BAD_QUERIES:
            with self.subTest(query=query):
                self.get(query)

    def test_entry__leader_required_and_end_after_start(self):
        entry = ScheduleEntry(
            page=self.page,
            date=MONDAY,
            start_time=dt.time(9),
            end_time=dt.time(8),
            content="Họp",
        )
        with self.assertRaises(ValidationError) as raised:
            entry.full_clean()
        self.assertEqual(set(raised.exception.message_dict), {"leader", "end_time"})

    def test_query_budget__constant_with_entries(self):
        self.client.get("/thong-bao/lich-cong-tac-tuan/?tuan=2026-W48")  # warm the caches
        before = count_queries(self.client, "/thong-bao/lich-cong-tac-tuan/?tuan=2026-W48")
        for n in range(12):
            official = OfficialFactory() if n % 2 else None
            ScheduleEntry.objects.create(
                page=self.page,
                date=MONDAY + dt.timedelta(days=n % 5),
                start_time=dt.time(8 + n % 8),
                content=f"Việc số {n}",
                official=official,
                leader="" if official else "Lãnh đạo",
            )
        after = count_queries(self.client, "/thong-bao/lich-cong-tac-tuan/?tuan=2026-W48")
        self.assertEqual(before, after)


class ScheduleLinksTests(TestCase):
    def test_notice_index__links_to_schedules(self):
        notices = add(home_page(), NoticeIndexPage, title="Thông báo", slug="thong-bao")
        add(
            notices,
            WeeklySchedulePage,
            title="Lịch tiếp công dân",
            slug="lich-tiep-cong-dan",
            kind="tiep-cong-dan",
        )
        response = self.client.get("/thong-bao/")
        self.assertContains(response, 'href="/thong-bao/lich-tiep-cong-dan/"')
