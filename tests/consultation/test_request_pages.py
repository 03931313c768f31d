"""One page of each request type per parent: a petitions page or a complaints page beside
the Q&A page does not use up the Q&A page's place (Wagtail's own count includes
subclasses)."""

from __future__ import annotations

from django.test import TestCase

from congthongtin.consultation.models import (
    ComplaintIndexPage,
    PetitionIndexPage,
    QuestionIndexPage,
)

from .helpers import home


class OnePerParentTests(TestCase):
    def test_the_qa_page_beside_a_petitions_page(self):
        parent = home()
        parent.add_child(instance=PetitionIndexPage(title="Phản ánh", slug="phan-anh"))
        parent.refresh_from_db()
        self.assertTrue(QuestionIndexPage.can_create_at(parent))
        self.assertTrue(ComplaintIndexPage.can_create_at(parent))
        self.assertFalse(PetitionIndexPage.can_create_at(parent))

    def test_a_second_qa_page_is_refused(self):
        parent = home()
        parent.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))
        parent.refresh_from_db()
        self.assertFalse(QuestionIndexPage.can_create_at(parent))
        self.assertTrue(PetitionIndexPage.can_create_at(parent))

    def test_moving_keeps_one_of_each_type(self):
        parent = home()
        qa = parent.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))
        section = parent.add_child(instance=PetitionIndexPage(title="Phản ánh", slug="phan-anh"))
        parent.refresh_from_db()
        self.assertTrue(qa.can_move_to(parent))
        other = parent.add_child(instance=ComplaintIndexPage(title="Khiếu nại", slug="kn"))
        self.assertFalse(QuestionIndexPage(title="Thứ hai", slug="thu-hai").can_move_to(parent))
        self.assertTrue(section.can_move_to(parent))
        self.assertTrue(other.can_move_to(parent))
