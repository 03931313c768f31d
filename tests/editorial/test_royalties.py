"""Royalties (R-ROY-1; S4 Đ7.2): the monthly sheet of a body, its rules and its outputs.

Body A is the default site; body B a second portal. July 2024 in body A: twelve items from
three units (five news, four articles, a translation, two collected items), whose totals
are worked out by hand below, with the board members' share capped at 40%.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site

from congthongtin.core import roles
from congthongtin.core.bodies import forget_memberships, role_group
from congthongtin.core.models import Agency
from congthongtin.editorial import royalties
from congthongtin.editorial.models import (
    BaseSalary,
    RoyaltyKind,
    RoyaltyLine,
    RoyaltySheet,
    SheetStatus,
)
from congthongtin.editorial.royalty_exports import sheet_data, sheet_docx, sheet_xlsx
from congthongtin.home.models import StandardPage
from congthongtin.news.models import ArticlePage, NewsCategory, NewsPage
from tests.factories import make_portal
from tests.news.helpers import add, local

User = get_user_model()
JULY = dt.date(2024, 7, 1)

#: (model, title, origin, unit index, day of July 2024) of the twelve items.
ITEMS = [
    (NewsPage, "Tin 1: Hội nghị sơ kết 6 tháng", "original", 0, 1),
    (NewsPage, "Tin 2: Tiêm chủng mở rộng", "original", 0, 3),
    (NewsPage, "Tin 3: Ra quân làm đường giao thông", "original", 1, 5),
    (NewsPage, "Tin 4: Khai giảng lớp tin học", "original", 1, 8),
    (NewsPage, "Tin 5: Trao quà gia đình chính sách", "original", 2, 10),
    (ArticlePage, "Bài 1: Xây dựng nông thôn mới nâng cao", "original", 0, 12),
    (ArticlePage, "Bài 2: Chuyển đổi số ở cơ sở", "original", 1, 15),
    (ArticlePage, "Bài 3: Gìn giữ bản sắc dân tộc Thái", "original", 2, 18),
    (ArticlePage, "Bài 4: Phòng chống cháy rừng", "original", 2, 20),
    (ArticlePage, "Bài 5: Kinh nghiệm quản lý đất đai (dịch)", "translated", 0, 22),
    (NewsPage, "Tin 6: Giá lúa tuần này (sưu tầm)", "collected", 1, 25),
    (ArticlePage, "Bài 6: Cây dược liệu dưới tán rừng (sưu tầm)", "collected", 2, 31),
]
#: The head's decision on each item: a coefficient or a fee.
DECISIONS = [
    ("news", "1"),  # 1 × 234.000 = 234.000
    ("news", "1.5"),  # 351.000
    ("news", "2"),  # 468.000
    ("news", "0.5"),  # 117.000
    ("news", "0.75"),  # 175.500
    ("article", "3"),  # 702.000
    ("article", "2.5"),  # 585.000
    ("article", "5"),  # 1.170.000
    ("article", "1.25"),  # 292.500
    ("translation", "2"),  # 468.000
    ("collected", None),  # the kind's fee, 50.000
    ("collected", 80_000),  # a fee the head sets
]
AMOUNTS = [
    234_000,
    351_000,
    468_000,
    117_000,
    175_500,
    702_000,
    585_000,
    1_170_000,
    292_500,
    468_000,
    50_000,
    80_000,
]
# Items: 1.345.500 (news) + 2.749.500 (articles) + 468.000 + 130.000 = 4.693.000 đ.
ITEMS_TOTAL = 4_693_000
# Cap: 40% of 4.693.000 = 1.877.200 đ. Proposed 1.000.000 + 800.000 + 500.000 = 2.300.000,
# above the cap, so each is scaled by 1.877.200 / 2.300.000:
#   1.000.000 → 816.173,91…   800.000 → 652.939,13…   500.000 → 408.086,95…
# rounded down: 816.173 + 652.939 + 408.086 = 1.877.198; the 2 đồng left go to the two
# largest fractions (,95… then ,91…): 408.087 and 816.174. Sum 1.877.200 = the cap.
BOARD_PAID = [816_174, 652_939, 408_087]
BOARD_TOTAL = 1_877_200
TOTAL = 6_570_200
TOTAL_WORDS = "Sáu triệu năm trăm bảy mươi nghìn hai trăm đồng"


def person(username, *held, first="", last=""):
    user = User.objects.create_user(
        username, f"{username}@thanhhoa.gov.vn", "x" * 12, first_name=first, last_name=last
    )
    user.groups.add(*(role_group(role, site) for role, site in held))
    return user


class RoyaltiesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_a = Site.objects.get(is_default_site=True)
        cls.home_a = cls.site_a.root_page.specific
        cls.site_b, cls.home_b = make_portal("xab.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        a, b = cls.site_a, cls.site_b
        cls.office = person("ttban", (roles.STANDING_OFFICE, a), first="Thị Lan", last="Lê")
        cls.head = person("truongban", (roles.HEAD, a), first="Văn An", last="Nguyễn")
        cls.body_head = person("thutruong", (roles.BODY_HEAD, a), first="Văn Bình", last="Trần")
        cls.editor = person("bientap", (roles.EDITOR, a), first="Thị Cúc", last="Phạm")
        cls.deputy = person("phoban", (roles.DEPUTY, a), first="Văn Dũng", last="Hoàng")
        cls.secretary = person("thuky", (roles.SECRETARY, a), first="Thị Em", last="Vũ")
        cls.auditor = person("kiemtra", (roles.AUDITOR, a))
        cls.head_b = person("truongbanb", (roles.HEAD, b))
        cls.body_head_b = person("thutruongb", (roles.BODY_HEAD, b))
        # Head of the board and head of the body at once: may not approve his own proposal.
        cls.both = person("kiemnhiem", (roles.HEAD, a), (roles.BODY_HEAD, a))
        cls.root = User.objects.create_superuser("quantri", "root@thanhhoa.gov.vn", "x" * 12)
        cls.units = [
            Agency.objects.create(name=name)
            for name in ("Văn phòng HĐND-UBND", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế")
        ]
        cls.category = NewsCategory.objects.order_by("pk").first()
        cls.pages = [
            cls.item(model, title, origin, cls.units[unit], local(dt.date(2024, 7, day)))
            for model, title, origin, unit, day in ITEMS
        ]
        # Not on July's sheet: published in June, a page type without royalties, body B's.
        cls.june_item = cls.item(
            NewsPage, "Tin tháng 6", "original", cls.units[0], local(dt.date(2024, 6, 30), 16)
        )
        add(cls.home_a, StandardPage, title="Trang giới thiệu", published=local(JULY))
        cls.item_b = cls.item(
            NewsPage, "Tin của xã Bình Sơn", "original", None, local(JULY), parent=cls.home_b
        )

    @classmethod
    def item(cls, model, title, origin, unit, when, parent=None):
        fields = {
            "title": title,
            "origin": origin,
            "source": "Báo Thanh Hóa" if origin != "original" else "",
            "author_name": f"Tác giả {title[:5]}",
            "responsible_unit": unit,
        }
        if model is NewsPage:
            fields["category"] = cls.category
        else:
            fields.update(author_position="Chuyên viên", author_unit="UBND xã")
            if origin == "translated":
                fields.update(
                    original_title="Land management",
                    original_author="J. Smith",
                    original_publisher="World Bank",
                    original_year=2020,
                )
        return add(parent or cls.home_a, model, published=when, **fields)

    def setUp(self):
        for user in (self.office, self.head, self.body_head, self.both, self.auditor):
            forget_memberships(user)

    # Helpers --------------------------------------------------------------------------------
    def prepared(self):
        return royalties.prepare_month(self.office, self.site_a, JULY)

    def decided(self):
        """July's sheet with the head's decisions and the three members' fees."""
        sheet = self.prepared()
        kinds = {kind.code: kind for kind in RoyaltyKind.objects.filter(site=self.site_a)}
        lines = list(sheet.lines.order_by("sort_order"))
        for line, (code, value) in zip(lines, DECISIONS, strict=True):
            if kinds[code].is_fee:
                royalties.set_line(self.head, line, kinds[code], fee=value)
            else:
                royalties.set_line(self.head, line, kinds[code], coefficient=value)
        royalties.set_board_fee(self.head, sheet, self.editor, 1_000_000, "Biên tập 12 tin bài")
        royalties.set_board_fee(self.head, sheet, self.deputy, "800.000", "Xác thực")
        royalties.set_board_fee(self.head, sheet, self.secretary, 500_000, "Thư ký")
        sheet.refresh_from_db()
        return sheet

    def approved(self):
        sheet = royalties.propose(self.head, self.decided())
        return royalties.approve(self.body_head, sheet)


class MonthSheetTests(RoyaltiesTestCase):
    def test_prepare__twelve_items_of_the_month_from_three_units(self):
        sheet = self.prepared()
        lines = list(sheet.lines.select_related("kind").order_by("sort_order"))
        self.assertEqual([line.page_id for line in lines], [p.pk for p in self.pages])
        self.assertEqual(
            [line.kind.code for line in lines],
            ["news"] * 5 + ["article"] * 4 + ["translation", "collected", "collected"],
        )
        self.assertEqual({line.unit for line in lines}, {u.name for u in self.units})
        self.assertEqual(lines[0].author, "Tác giả Tin 1")
        self.assertTrue(all(line.base_salary == 2_340_000 for line in lines))
        self.assertEqual(sheet.status, SheetStatus.DRAFT)
        self.assertEqual(sheet.prepared_by, self.office)

    def test_prepare__again__adds_only_new_items_and_keeps_decisions(self):
        sheet = self.decided()
        late = self.item(NewsPage, "Tin bổ sung", "original", self.units[0], local(JULY, 20))
        again = royalties.prepare_month(self.head, self.site_a, JULY)
        self.assertEqual(again.pk, sheet.pk)
        self.assertEqual(again.lines.count(), 13)
        self.assertTrue(again.lines.filter(page=late).exists())
        self.assertEqual(again.lines.get(page=self.pages[7]).amount, 1_170_000)

    def test_totals__checked_by_hand__board_share_capped_at_40_percent(self):
        sheet = self.decided()
        amounts = list(sheet.lines.order_by("sort_order").values_list("amount", flat=True))
        self.assertEqual(amounts, AMOUNTS)
        self.assertEqual(sheet.items_total, ITEMS_TOTAL)
        self.assertEqual(sheet.board_proposed, 2_300_000)
        self.assertEqual(sheet.board_cap, 1_877_200)
        self.assertTrue(sheet.cap_exceeded)
        self.assertEqual(
            list(sheet.board_fees.order_by("pk").values_list("amount", flat=True)), BOARD_PAID
        )
        self.assertEqual(sheet.board_total, BOARD_TOTAL)
        self.assertEqual(sheet.total, TOTAL)

    def test_board_fees_within_cap__paid_as_proposed(self):
        sheet = self.decided()
        royalties.remove_board_fee(self.head, sheet.board_fees.get(member=self.editor))
        royalties.set_board_fee(self.head, sheet, self.deputy, 300_000, "Xác thực")
        sheet.refresh_from_db()
        self.assertFalse(sheet.cap_exceeded)
        self.assertEqual(sheet.board_total, 800_000)
        self.assertEqual(sheet.total, ITEMS_TOTAL + 800_000)

    def test_cap_fees__sum_equals_cap_and_no_fee_above_its_proposal(self):
        self.assertEqual(royalties.cap_fees([1_000_000, 800_000, 500_000], 1_877_200), BOARD_PAID)
        self.assertEqual(royalties.cap_fees([100, 100, 100], 100), [34, 33, 33])
        self.assertEqual(royalties.cap_fees([5, 7], 100), [5, 7])
        self.assertEqual(royalties.cap_fees([5], 0), [0])

    def test_board_fee__only_for_members_of_the_body_board(self):
        sheet = self.prepared()
        with self.assertRaises(ValidationError):
            royalties.set_board_fee(self.head, sheet, self.head_b, 100_000)
        with self.assertRaises(ValidationError):
            royalties.set_board_fee(self.head, sheet, self.editor, "-5")

    def test_xlsx__totals_and_amount_in_words(self):
        from openpyxl import load_workbook

        sheet = self.approved()
        book = load_workbook(io.BytesIO(sheet_xlsx(sheet)))
        rows = [list(row) for row in book.active.iter_rows(values_only=True)]
        texts = [str(value) for row in rows for value in row if value is not None]
        self.assertIn("07/2024", texts[1])
        by_title = {row[1]: row for row in rows if row[1] in {p.title for p in self.pages}}
        self.assertEqual(len(by_title), 12)
        self.assertEqual(by_title[self.pages[4].title][5], 0.75)
        self.assertEqual(by_title[self.pages[4].title][6], 175_500)
        self.assertEqual(by_title[self.pages[4].title][2], "Tác giả Tin 5")
        self.assertEqual(by_title[self.pages[4].title][3], self.units[2].name)
        self.assertEqual(by_title[self.pages[0].title][0], 1)
        self.assertIn(ITEMS_TOTAL, [row[6] for row in rows])
        members = {row[1]: row for row in rows if row[1] in {"Phạm Thị Cúc", "Hoàng Văn Dũng"}}
        self.assertEqual(members["Phạm Thị Cúc"][5:7], [1_000_000, 816_174])
        self.assertIn(TOTAL, [row[6] for row in rows])
        self.assertTrue(any(TOTAL_WORDS in text for text in texts))
        # The signatures with the names known.
        self.assertTrue(any("Trần Văn Bình" in text or "Văn Bình Trần" in text for text in texts))

    def test_docx__table_fees_total_in_words_and_signatures(self):
        from docx import Document

        sheet = self.approved()
        document = Document(io.BytesIO(sheet_docx(sheet)))
        items, fees, signatures = document.tables
        titles = [row.cells[1].text for row in items.rows[1:-1]]
        self.assertEqual(titles, [p.title for p in self.pages])
        self.assertEqual(items.rows[8].cells[6].text, "1.170.000")
        self.assertEqual(items.rows[8].cells[5].text, "5")
        self.assertEqual(items.rows[-1].cells[6].text, "4.693.000")
        self.assertEqual(
            [row.cells[4].text for row in fees.rows[1:-1]], ["816.174", "652.939", "408.087"]
        )
        self.assertEqual(fees.rows[-1].cells[4].text, "1.877.200")
        paragraphs = "\n".join(p.text for p in document.paragraphs)
        self.assertIn("6.570.200 đ", paragraphs)
        self.assertIn(TOTAL_WORDS, paragraphs)
        self.assertIn("07/2024", paragraphs)
        names = [cell.text for cell in signatures.rows[2].cells]
        self.assertEqual(len(names), 3)
        self.assertTrue(all(names), names)

    def test_sheet_data__keys_and_values(self):
        data = sheet_data(self.decided())
        self.assertEqual(
            set(data),
            {"month", "base_salary", "items", "board_share", "total", "total_in_words", "approved"},
        )
        self.assertEqual(
            set(data["items"][0]),
            {"page_id", "title", "author", "unit", "kind", "coefficient", "amount"},
        )
        self.assertEqual(data["base_salary"], 2_340_000)
        self.assertEqual(data["items"][4]["coefficient"], "0.75")
        self.assertIsNone(data["items"][11]["coefficient"])
        self.assertEqual(data["total_in_words"], TOTAL_WORDS)
        self.assertFalse(data["approved"])


class BaseSalaryTests(RoyaltiesTestCase):
    def test_seeded_by_the_migration__two_decrees(self):
        self.assertEqual(
            list(BaseSalary.objects.order_by("valid_from").values_list("amount", "valid_from")),
            [(1_800_000, dt.date(2023, 7, 1)), (2_340_000, dt.date(2024, 7, 1))],
        )

    def test_switch_on_1_july_2024__by_publication_date(self):
        june = royalties.prepare_month(self.office, self.site_a, dt.date(2024, 6, 1))
        line = june.lines.get()
        self.assertEqual(line.page_id, self.june_item.pk)
        self.assertEqual(line.base_salary, 1_800_000)
        news = RoyaltyKind.objects.get(site=self.site_a, code="news")
        royalties.set_line(self.head, line, news, coefficient="2")
        line.refresh_from_db()
        self.assertEqual(line.amount, 360_000)  # 2 × 10% × 1.800.000
        july = self.prepared()
        self.assertEqual(july.lines.get(page=self.pages[0]).base_salary, 2_340_000)
        self.assertEqual(sheet_data(june)["base_salary"], 1_800_000)

    def test_published_late_on_30_june_local_time__counts_in_june(self):
        # 23:30 on 30/06 in Vietnam is 16:30 UTC: the month is the local one.
        late = self.item(
            NewsPage, "Tin khuya 30/6", "original", None, local(dt.date(2024, 6, 30), 23)
        )
        june = royalties.prepare_month(self.office, self.site_a, dt.date(2024, 6, 1))
        self.assertTrue(june.lines.filter(page=late, base_salary=1_800_000).exists())
        self.assertFalse(self.prepared().lines.filter(page=late).exists())

    def test_amount_rounds_half_up_to_the_dong(self):
        self.assertEqual(royalties.royalty_amount(Decimal("0.55"), 1_490_005), 81_950)
        self.assertEqual(royalties.royalty_amount(Decimal("1"), 1_490_005), 149_001)
        self.assertEqual(royalties.royalty_amount(Decimal("0.5"), 2_340_000), 117_000)


class CoefficientTests(RoyaltiesTestCase):
    def setUp(self):
        super().setUp()
        self.sheet = self.prepared()
        self.line = self.sheet.lines.get(page=self.pages[5])
        self.kinds = {kind.code: kind for kind in RoyaltyKind.objects.filter(site=self.site_a)}

    def refused(self, value, kind="article"):
        with self.assertRaises(ValidationError) as caught:
            royalties.set_line(self.head, self.line, self.kinds[kind], coefficient=value)
        return caught.exception.messages[0]

    def test_outside_0_5_to_5__refused(self):
        self.assertIn("0,5", self.refused("0.4", "news"))  # Vietnamese decimal comma
        self.assertIn("5", self.refused("5.5"))
        self.assertIn("5", self.refused("6"))

    def test_outside_the_kind_range__refused(self):
        message = self.refused("0.75")  # articles: 1 to 5
        self.assertIn("1", message)
        self.refused("2.5", "news")  # news: 0.5 to 2

    def test_not_a_number_or_too_many_decimals__refused(self):
        self.refused("abc")
        self.refused("1.234")
        self.refused("")
        self.refused("NaN")

    def test_decimal_comma_accepted(self):
        royalties.set_line(self.head, self.line, self.kinds["article"], coefficient="2,5")
        self.line.refresh_from_db()
        self.assertEqual(self.line.coefficient, Decimal("2.5"))
        self.assertEqual(self.line.amount, 585_000)

    def test_only_the_head_sets_a_line(self):
        for user in (
            self.office,
            self.body_head,
            self.editor,
            self.auditor,
            self.head_b,
            self.root,
        ):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                royalties.set_line(user, self.line, self.kinds["article"], coefficient="2")

    def test_kind_of_another_body__refused(self):
        royalties.install_kinds(self.site_b)
        other = RoyaltyKind.objects.get(site=self.site_b, code="article")
        with self.assertRaises(ValidationError):
            royalties.set_line(self.head, self.line, other, coefficient="2")


class ApprovalTests(RoyaltiesTestCase):
    def test_propose_then_approve__by_the_body_head(self):
        sheet = royalties.propose(self.head, self.decided())
        self.assertEqual((sheet.status, sheet.proposed_by), (SheetStatus.PROPOSED, self.head))
        sheet = royalties.approve(self.body_head, sheet)
        self.assertEqual((sheet.status, sheet.approved_by), (SheetStatus.APPROVED, self.body_head))
        actions = set(ModelLogEntry.objects.for_instance(sheet).values_list("action", flat=True))
        self.assertLessEqual(
            {
                "editorial.royalty_prepared",
                "editorial.royalty_proposed",
                "editorial.royalty_approved",
                "editorial.royalty_line_changed",
                "editorial.royalty_fee_set",
            },
            actions,
        )

    def test_only_the_head_proposes(self):
        sheet = self.decided()
        for user in (self.office, self.body_head, self.head_b, self.root, self.auditor):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                royalties.propose(user, sheet)

    def test_approver_must_be_body_head_of_the_same_body(self):
        sheet = royalties.propose(self.head, self.decided())
        for user in (self.body_head_b, self.head, self.office, self.root, self.auditor):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                royalties.approve(user, sheet)
        sheet.refresh_from_db()
        self.assertEqual(sheet.status, SheetStatus.PROPOSED)

    def test_approver_never_the_proposer(self):
        sheet = royalties.propose(self.both, self.decided())
        with self.assertRaises(PermissionDenied):
            royalties.approve(self.both, sheet)
        self.assertEqual(royalties.approve(self.body_head, sheet).status, SheetStatus.APPROVED)

    def test_a_draft_cannot_be_approved(self):
        with self.assertRaises(ValidationError):
            royalties.approve(self.body_head, self.decided())

    def test_proposed_sheet__not_editable_until_returned(self):
        sheet = royalties.propose(self.head, self.decided())
        line = sheet.lines.first()
        with self.assertRaises(ValidationError):
            royalties.set_line(self.head, line, line.kind, coefficient="1")
        royalties.return_to_draft(self.body_head, sheet)
        royalties.set_line(self.head, line, line.kind, coefficient="1")

    def test_approved_sheet__every_write_refused(self):
        sheet = self.approved()
        line = sheet.lines.first()
        fee = sheet.board_fees.first()
        writes = {
            "prepare": lambda: royalties.prepare_month(self.office, self.site_a, JULY),
            "set_line": lambda: royalties.set_line(self.head, line, line.kind, coefficient="1"),
            "remove_line": lambda: royalties.remove_line(self.head, line),
            "set_fee": lambda: royalties.set_board_fee(self.head, sheet, self.editor, 1),
            "remove_fee": lambda: royalties.remove_board_fee(self.head, fee),
            "propose": lambda: royalties.propose(self.head, sheet),
            "return": lambda: royalties.return_to_draft(self.head, sheet),
            "approve": lambda: royalties.approve(self.body_head, sheet),
            "save line": lambda: line.save(),
            "save fee": lambda: fee.save(),
        }
        for name, write in writes.items():
            with self.subTest(name), self.assertRaises((ValidationError, PermissionDenied)):
                write()
        sheet.refresh_from_db()
        self.assertEqual((sheet.status, sheet.total), (SheetStatus.APPROVED, TOTAL))
        self.assertEqual(sheet.lines.count(), 12)

    def test_correction__new_draft_revision_copying_lines__audited(self):
        old = self.approved()
        new = royalties.correct(self.head, old, "Sai hệ số bài 4")
        self.assertEqual((new.revision, new.status, new.supersedes), (2, SheetStatus.DRAFT, old))
        self.assertEqual(new.total, TOTAL)
        self.assertEqual(
            list(new.lines.order_by("sort_order").values_list("page_id", "amount")),
            list(old.lines.order_by("sort_order").values_list("page_id", "amount")),
        )
        self.assertEqual(new.board_fees.count(), 3)
        for sheet in (old, new):
            self.assertTrue(
                ModelLogEntry.objects.filter(
                    object_id=str(sheet.pk), action="editorial.royalty_corrected"
                ).exists()
            )
        line = new.lines.get(page=self.pages[8])
        royalties.set_line(self.head, line, line.kind, coefficient="2")  # 468.000
        new.refresh_from_db()
        old.refresh_from_db()
        self.assertEqual(new.total - TOTAL, 468_000 - 292_500 + (new.board_total - BOARD_TOTAL))
        self.assertEqual(old.total, TOTAL)
        self.assertEqual(old.lines.get(page=self.pages[8]).amount, 292_500)
        with self.assertRaises(ValidationError):
            royalties.correct(self.head, old)  # corrected once already
        self.assertEqual(royalties.latest_sheet(self.site_a, JULY), new)

    def test_correction__only_of_an_approved_sheet_by_head_or_body_head(self):
        with self.assertRaises(ValidationError):
            royalties.correct(self.head, self.decided())
        sheet = royalties.approve(self.body_head, royalties.propose(self.head, self.decided()))
        for user in (self.office, self.head_b, self.auditor, self.root):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                royalties.correct(user, sheet)
        self.assertEqual(royalties.correct(self.body_head, sheet).revision, 2)

    def test_approval_queues_an_email_to_the_proposer(self):
        from congthongtin.core.models import OutgoingEmail

        self.approved()
        self.assertTrue(
            OutgoingEmail.objects.filter(purpose="royalty_approved", to__contains="truongban")
        )
        self.assertTrue(
            OutgoingEmail.objects.filter(purpose="royalty_proposed", to__contains="thutruong")
        )


class IsolationTests(RoyaltiesTestCase):
    def test_body_b_sheet__has_only_body_b_items(self):
        sheet = royalties.prepare_month(self.head_b, self.site_b, JULY)
        self.assertEqual(list(sheet.lines.values_list("page_id", flat=True)), [self.item_b.pk])
        self.assertFalse(self.prepared().lines.filter(page=self.item_b).exists())

    def test_preparing_another_body__refused(self):
        for user in (self.head_b, self.body_head, self.editor, self.auditor, self.root):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                royalties.prepare_month(
                    user, self.site_b if user != self.head_b else self.site_a, JULY
                )

    def test_admin__other_body_sheet_is_404(self):
        sheet = self.prepared()
        self.client.force_login(self.head_b)
        url = reverse("editorial:royalty_sheet", args=[sheet.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.get(
                reverse("editorial:royalty_download", args=[sheet.pk, "xlsx"])
            ).status_code,
            404,
        )
        response = self.client.post(reverse("editorial:royalty_propose", args=[sheet.pk]))
        self.assertEqual(response.status_code, 404)
        months = self.client.get(reverse("editorial:royalty_months"))
        self.assertNotContains(months, url)

    def test_data_history__auditor_reads_own_body_lines_only(self):
        self.prepared()
        royalties.prepare_month(self.head_b, self.site_b, JULY)
        self.client.force_login(self.auditor)
        for label in ("editorial.royaltyline", "editorial.royaltysheet", "editorial.basesalary"):
            response = self.client.get(reverse("editorial:audit_records", args=[label]))
            self.assertEqual(response.status_code, 200, label)
        response = self.client.get(
            reverse("editorial:audit_records", args=["editorial.royaltyline"])
        )
        self.assertContains(response, self.pages[0].title)
        self.assertNotContains(response, self.item_b.title)

    def test_readable_site_ids(self):
        self.assertEqual(royalties.readable_site_ids(self.auditor), {self.site_a.pk})
        self.assertEqual(royalties.readable_site_ids(self.body_head_b), {self.site_b.pk})
        self.assertIsNone(royalties.readable_site_ids(self.root))
        self.assertEqual(royalties.readable_site_ids(self.editor), set())


class AdminTests(RoyaltiesTestCase):
    def test_months__prepare_form_for_the_standing_office(self):
        self.client.force_login(self.office)
        response = self.client.get(reverse("editorial:royalty_months"))
        self.assertContains(response, reverse("editorial:royalty_prepare"))
        response = self.client.post(
            reverse("editorial:royalty_prepare"), {"site": self.site_a.pk, "month": "2024-07"}
        )
        sheet = RoyaltySheet.objects.get(site=self.site_a, month=JULY)
        self.assertRedirects(response, reverse("editorial:royalty_sheet", args=[sheet.pk]))
        self.assertEqual(sheet.lines.count(), 12)

    def test_months__bad_month__message_no_sheet(self):
        self.client.force_login(self.office)
        response = self.client.post(
            reverse("editorial:royalty_prepare"),
            {"site": self.site_a.pk, "month": "07/2024"},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(RoyaltySheet.objects.exists())

    def test_sheet__head_edits_a_line_and_sees_the_error_of_a_bad_coefficient(self):
        sheet = self.prepared()
        line = sheet.lines.get(page=self.pages[5])
        self.client.force_login(self.head)
        page = self.client.get(reverse("editorial:royalty_sheet", args=[sheet.pk]))
        self.assertContains(page, reverse("editorial:royalty_line", args=[sheet.pk, line.pk]))
        self.assertContains(page, reverse("editorial:royalty_propose", args=[sheet.pk]))
        self.assertNotContains(page, reverse("editorial:royalty_approve", args=[sheet.pk]))
        url = reverse("editorial:royalty_line", args=[sheet.pk, line.pk])
        response = self.client.post(url, {"kind": line.kind_id, "coefficient": "9"}, follow=True)
        self.assertEqual(len(list(response.context["messages"])), 1)
        line.refresh_from_db()
        self.assertEqual(line.coefficient, Decimal("1"))
        self.client.post(url, {"kind": line.kind_id, "coefficient": "4"})
        line.refresh_from_db()
        self.assertEqual(line.amount, 936_000)

    def test_sheet__body_head_sees_approve_then_correct(self):
        sheet = royalties.propose(self.head, self.decided())
        self.client.force_login(self.body_head)
        url = reverse("editorial:royalty_sheet", args=[sheet.pk])
        page = self.client.get(url)
        self.assertContains(page, reverse("editorial:royalty_approve", args=[sheet.pk]))
        self.assertNotContains(page, reverse("editorial:royalty_line", args=[sheet.pk, 0])[:-2])
        self.client.post(reverse("editorial:royalty_approve", args=[sheet.pk]))
        sheet.refresh_from_db()
        self.assertEqual(sheet.status, SheetStatus.APPROVED)
        page = self.client.get(url)
        self.assertContains(page, reverse("editorial:royalty_correct", args=[sheet.pk]))
        self.assertContains(page, TOTAL_WORDS)
        self.assertContains(page, "6.570.200 đ")

    def test_sheet__auditor_reads_history_and_changes_nothing(self):
        sheet = self.approved()
        self.client.force_login(self.auditor)
        page = self.client.get(reverse("editorial:royalty_sheet", args=[sheet.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertEqual(len(page.context["log_entries"]), 18)  # prepare, 12 lines, 3 fees…
        for name in ("royalty_correct", "royalty_approve", "royalty_propose"):
            self.assertNotContains(page, reverse(f"editorial:{name}", args=[sheet.pk]))
        response = self.client.post(reverse("editorial:royalty_correct", args=[sheet.pk]))
        self.assertIn(response.status_code, (302, 403))
        self.assertEqual(RoyaltySheet.objects.count(), 1)

    def test_downloads(self):
        sheet = self.decided()
        self.client.force_login(self.office)
        for fmt, magic in (("xlsx", b"PK"), ("docx", b"PK")):
            response = self.client.get(reverse("editorial:royalty_download", args=[sheet.pk, fmt]))
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.content.startswith(magic))
            self.assertIn("bang-ke-nhuan-but-2024-07", response["Content-Disposition"])
        response = self.client.get(reverse("editorial:royalty_download", args=[sheet.pk, "pdf"]))
        self.assertEqual(response.status_code, 404)

    def test_sheet__queries_do_not_grow_with_lines(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        sheet = self.prepared()
        self.client.force_login(self.head)
        url = reverse("editorial:royalty_sheet", args=[sheet.pk])
        self.client.get(url)
        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        for number in range(10):
            self.item(NewsPage, f"Tin thêm {number}", "original", self.units[0], local(JULY, 10))
        royalties.prepare_month(self.office, self.site_a, JULY)
        royalties.set_board_fee(self.head, sheet, self.editor, 100_000)
        self.client.get(url)
        with CaptureQueriesContext(connection) as after:
            self.client.get(url)
        self.assertEqual(RoyaltyLine.objects.filter(sheet=sheet).count(), 22)
        self.assertEqual(len(before), len(after))

    def test_months__queries_do_not_grow_with_sheets(self):
        self.client.force_login(self.auditor)
        royalties.prepare_month(self.office, self.site_a, JULY)
        url = reverse("editorial:royalty_months")
        self.client.get(url)
        first = len(self._queries(url))
        for month in (8, 9, 10):
            royalties.prepare_month(self.office, self.site_a, dt.date(2024, month, 1))
        royalties.prepare_month(self.head_b, self.site_b, JULY)
        self.assertEqual(first, len(self._queries(url)))

    def _queries(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url).status_code, 200)
        return ctx.captured_queries


class CommandTests(RoyaltiesTestCase):
    def run_command(self, *args):
        out = StringIO()
        call_command("royalty_sheet", *args, stdout=out)
        return out.getvalue()

    def test_json__keys_values_and_approval(self):
        self.approved()
        data = json.loads(self.run_command("--site", "localhost", "--month", "2024-07"))
        self.assertEqual(
            list(data),
            ["month", "base_salary", "items", "board_share", "total", "total_in_words", "approved"],
        )
        self.assertEqual(data["month"], "2024-07")
        self.assertEqual(data["base_salary"], 2_340_000)
        self.assertEqual([item["amount"] for item in data["items"]], AMOUNTS)
        self.assertEqual(data["items"][0]["page_id"], self.pages[0].pk)
        self.assertEqual(data["items"][0]["kind"], "news")
        self.assertEqual(data["items"][0]["coefficient"], "1.00")
        self.assertEqual(data["items"][0]["unit"], self.units[0].name)
        self.assertEqual(data["board_share"]["paid"], BOARD_TOTAL)
        self.assertTrue(data["board_share"]["capped"])
        self.assertEqual(data["total"], TOTAL)
        self.assertEqual(data["total_in_words"], TOTAL_WORDS)
        self.assertTrue(data["approved"])

    def test_json__latest_revision(self):
        royalties.correct(self.head, self.approved())
        data = json.loads(self.run_command("--site", "localhost", "--month", "2024-07"))
        self.assertFalse(data["approved"])

    def test_files(self):
        import tempfile
        from pathlib import Path

        self.decided()
        with tempfile.TemporaryDirectory() as folder:
            for fmt in ("xlsx", "docx"):
                path = Path(folder) / f"bang-ke.{fmt}"
                self.run_command(
                    "--site",
                    "localhost",
                    "--month",
                    "2024-07",
                    "--format",
                    fmt,
                    "--output",
                    str(path),
                )
                self.assertTrue(path.read_bytes().startswith(b"PK"))

    def test_unknown_host_bad_month_no_sheet__clear_errors(self):
        for args in (
            ("--site", "khong-co.example.vn", "--month", "2024-07"),
            ("--site", "localhost", "--month", "2024-13"),
            ("--site", "localhost", "--month", "07/2024"),
            ("--site", "localhost", "--month", "2025-01"),
        ):
            with self.subTest(args=args), self.assertRaises(CommandError):
                self.run_command(*args)


class SetupTests(TestCase):
    def test_kinds_seeded_for_every_body__idempotent(self):
        from congthongtin.core.setup import run_setup

        run_setup()
        run_setup()
        site = Site.objects.get(is_default_site=True)
        kinds = {kind.code: kind for kind in RoyaltyKind.objects.filter(site=site)}
        self.assertEqual(
            set(kinds), {"news", "article", "photo", "translation", "collected", "report"}
        )
        self.assertEqual(kinds["collected"].fixed_fee, 50_000)
        self.assertEqual(
            (kinds["article"].min_coefficient, kinds["article"].max_coefficient),
            (Decimal("1.00"), Decimal("5.00")),
        )
        self.assertEqual(RoyaltyKind.objects.filter(site=site).count(), 6)


class MenuTests(RoyaltiesTestCase):
    def menu(self, user):
        self.client.force_login(user)
        return self.client.get(reverse("wagtailadmin_home")).content.decode()

    def test_royalties_menu__for_who_reads_sheets(self):
        self.assertIn(reverse("editorial:royalty_months"), self.menu(self.body_head))
        self.assertIn(reverse("editorial:royalty_months"), self.menu(self.auditor))
        self.assertNotIn(reverse("editorial:royalty_months"), self.menu(self.editor))

    def test_base_salary_menu__superusers_only(self):
        self.assertIn(reverse("editorial_basesalary:index"), self.menu(self.root))
        self.assertNotIn(reverse("editorial_basesalary:index"), self.menu(self.head))
        self.assertIn(reverse("editorial_royaltykind:index"), self.menu(self.head))

    def test_kinds_list__own_body_only(self):
        royalties.install_kinds(self.site_b)
        self.client.force_login(self.head_b)
        response = self.client.get(reverse("editorial_royaltykind:index"))
        self.assertEqual(len(response.context["object_list"]), 6)
        mine = RoyaltyKind.objects.get(site=self.site_a, code="news")
        response = self.client.get(reverse("editorial_royaltykind:edit", args=[mine.pk]))
        self.assertIn(response.status_code, (302, 403, 404))

    def test_kind_edit__range_outside_0_5_to_5_refused(self):
        kind = RoyaltyKind.objects.get(site=self.site_a, code="news")
        self.client.force_login(self.head)
        response = self.client.post(
            reverse("editorial_royaltykind:edit", args=[kind.pk]),
            {"name": "Tin", "min_coefficient": "0.2", "max_coefficient": "6", "fixed_fee": ""},
        )
        self.assertEqual(response.status_code, 200)
        kind.refresh_from_db()
        self.assertEqual(kind.min_coefficient, Decimal("0.50"))
