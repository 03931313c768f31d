"""The citizens' voice in the board's report: satisfaction, page ratings, questions (on
time, late, open and overdue at the period's end), consultations, contact messages; each
body counts only its own rows."""

from __future__ import annotations

from django.test import TestCase
from wagtail.models import Site

from congthongtin.consultation import report_sections
from congthongtin.consultation.models import (
    ConsultationComment,
    ContactMessage,
    PageFeedback,
    QuestionState,
    ServiceRating,
)
from congthongtin.core.query_params import local_midnight
from congthongtin.core.reports import Period
from tests.factories import make_portal

from .helpers import field, make_consultation, make_question, vn

NOVEMBER = Period.month(2026, 11)
START, END = local_midnight(NOVEMBER.start), local_midnight(NOVEMBER.end)


class ReportSectionsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from congthongtin.consultation.models import ConsultationIndexPage, QuestionIndexPage

        cls.site_a = Site.objects.get(is_default_site=True)
        cls.site_b, cls.home_b = make_portal("xbs.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        home_a = cls.site_a.root_page
        qa_a = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
        home_a.add_child(instance=qa_a)
        qa_b = QuestionIndexPage(title="Hỏi đáp B", slug="hoi-dap-b")
        cls.home_b.add_child(instance=qa_b)
        f = field()
        answered = QuestionState.ANSWERED
        # Received in November: answered on time, answered late, refused, still open
        # (overdue), still open (not yet due).
        make_question(
            qa_a,
            f,
            received_at=vn(2026, 11, 2, 9),
            state=answered,
            due_at=vn(2026, 11, 10, 17),
            answered_at=vn(2026, 11, 9, 10),
        )
        make_question(
            qa_a,
            f,
            received_at=vn(2026, 11, 3, 9),
            state=answered,
            due_at=vn(2026, 11, 11, 17),
            answered_at=vn(2026, 11, 12, 10),
        )
        make_question(
            qa_a,
            f,
            received_at=vn(2026, 11, 4, 9),
            state=QuestionState.REFUSED,
            refused_at=vn(2026, 11, 4, 15),
        )
        make_question(
            qa_a,
            f,
            received_at=vn(2026, 11, 5, 9),
            state=QuestionState.ASSIGNED,
            due_at=vn(2026, 11, 20, 17),
        )
        make_question(
            qa_a,
            f,
            received_at=vn(2026, 11, 28, 9),
            state=QuestionState.ASSIGNED,
            due_at=vn(2026, 12, 8, 17),
        )
        # Received in October, answered in December: open (overdue) at November's end.
        make_question(
            qa_a,
            f,
            received_at=vn(2026, 10, 20, 9),
            state=answered,
            due_at=vn(2026, 10, 30, 17),
            answered_at=vn(2026, 12, 2, 9),
        )
        # Body B's.
        make_question(qa_b, f, received_at=vn(2026, 11, 2, 9))
        for level in (5, 4, 4, 1):
            ServiceRating.objects.create(
                page=qa_a,
                level=level,
                created_at=vn(2026, 11, 6, 9),
                comment="Tốt" if level == 5 else "",
            )
        ServiceRating.objects.create(page=qa_b, level=1, created_at=vn(2026, 11, 6, 9))
        ServiceRating.objects.create(page=qa_a, level=1, created_at=vn(2026, 12, 1, 9))
        for useful in (True, True, False):
            PageFeedback.objects.create(page=qa_a, useful=useful, created_at=vn(2026, 11, 7))
        PageFeedback.objects.create(page=qa_b, useful=False, created_at=vn(2026, 11, 7))
        index = ConsultationIndexPage(title="Lấy ý kiến dự thảo", slug="du-thao")
        home_a.add_child(instance=index)
        draft = make_consultation(index, opens_at=vn(2026, 10, 25), closes_at=vn(2026, 11, 25))
        make_consultation(index, "Dự thảo cũ", opens_at=vn(2026, 9, 1), closes_at=vn(2026, 9, 30))
        # Stored as they were sent (save() stamps "now" and checks the draft is open).
        ConsultationComment.objects.bulk_create(
            ConsultationComment(
                page=draft, full_name="A", email="a@example.vn", text="Ý kiến", submitted_at=when
            )
            for when in (vn(2026, 11, 24, 9), vn(2026, 10, 26, 9))
        )
        ContactMessage.objects.create(
            site=cls.site_a,
            full_name="A",
            email="a@example.vn",
            subject="Hỏi",
            message="…",
            received_at=vn(2026, 11, 3),
            handled=True,
        )
        ContactMessage.objects.create(
            site=cls.site_a,
            full_name="A",
            email="a@example.vn",
            subject="Hỏi",
            message="…",
            received_at=vn(2026, 11, 4),
        )
        ContactMessage.objects.create(
            site=cls.site_b,
            full_name="B",
            email="b@example.vn",
            subject="Hỏi",
            message="…",
            received_at=vn(2026, 11, 4),
        )

    def test_questions(self):
        section = report_sections.questions_section(self.site_a, START, END)
        self.assertEqual(section.order, 50)
        self.assertEqual(
            [value for _label, value in section.figures],
            [5, 2, 1, 1, 1, 3, 2],  # received, answered, on time, late, refused, open, overdue
        )

    def test_satisfaction_and_page_ratings(self):
        section = report_sections.satisfaction_section(self.site_a, START, END)
        self.assertEqual(section.figures[0][1], 4)
        self.assertEqual(section.figures[1][1], 3.5)
        self.assertEqual(section.charts[0].values, [1, 0, 0, 2, 1])
        self.assertEqual([row[3] for row in section.tables[1].rows], ["Tốt"])
        ratings = report_sections.page_ratings_section(self.site_a, START, END)
        self.assertEqual([v for _l, v in ratings.figures], [3, 2, 1, 66.7])

    def test_consultations_and_contact(self):
        section = report_sections.consultations_section(self.site_a, START, END)
        self.assertEqual([v for _l, v in section.figures], [1, 1])
        self.assertEqual(section.tables[0].rows[0][3], 1)
        contact = report_sections.contact_section(self.site_a, START, END)
        self.assertEqual([v for _l, v in contact.figures], [2, 1])

    def test_body_b_counts_its_own(self):
        found = {s.key: s for s in report_sections.sections(self.site_b, NOVEMBER)}
        self.assertEqual(found["questions"].figures[0][1], 1)
        self.assertEqual(found["satisfaction"].figures[0][1], 1)
        self.assertEqual(found["page_ratings"].figures[0][1], 1)
        self.assertEqual(found["consultations"].figures[0][1], 0)
        self.assertEqual(found["contact"].figures[0][1], 1)

    def test_aggregate_queries(self):
        report_sections.sections(self.site_a, NOVEMBER)  # warm the bodies' paths
        # Satisfaction 3, page ratings 2, questions 2, consultations 2, contact 1.
        with self.assertNumQueries(10):
            report_sections.sections(self.site_a, NOVEMBER)
