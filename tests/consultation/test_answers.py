"""Answers pass the editorial workflow and cite legal documents by link (R-QA-1, R-WF-4)."""

import datetime

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowContentType

from congthongtin.consultation.models import DISCLAIMER, Answer, QuestionState
from congthongtin.core import roles
from congthongtin.core.models import Unit
from congthongtin.editorial.gate import check_page
from tests.editorial.helpers import assert_denied, load_board
from tests.legal.factories import add_document, agency, make_library

from .helpers import field, make_question, make_question_index


def citation(document=None, **typed):
    return ("citation", {"document": document, "article": typed.pop("article", ""), **typed})


class AnswerWorkflowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        cls.index = make_question_index()
        cls.field = field("Hộ tịch")
        cls.unit = Unit.objects.get(name="Phòng Kinh tế")
        cls.officer = cls.users["dvhai"]
        library = make_library()
        cls.decree = add_document(
            library,
            title="Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
            number_symbol="123/2015/NĐ-CP",
            summary="Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
            issue_date=datetime.date(2015, 11, 15),
            issuing_body=agency("Chính phủ"),
        )
        cls.question = make_question(
            cls.index,
            cls.field,
            title="Giấy tờ đăng ký khai sinh",
            state=QuestionState.ASSIGNED,
            unit=cls.unit,
            officer=cls.officer,
            due_at=timezone.now() + datetime.timedelta(days=5),
        )

    def draft_answer(self, **fields):
        values = {
            "question": self.question,
            "body": "<p>Người đi đăng ký khai sinh nộp tờ khai và giấy chứng sinh.</p>",
            "citations": [citation(self.decree, article="Điều 9")],
            "author_name": "Lê Đình Tuấn",
            "author_position": "Trưởng phòng Kinh tế",
            "live": False,
        }
        values.update(fields)
        answer = Answer(**values)
        answer.save()
        answer.save_revision(user=self.officer)
        return answer

    def approve(self, username, answer):
        self.client.force_login(self.users[username])
        answer.refresh_from_db()
        state = answer.current_workflow_task_state
        url = reverse(
            "wagtailsnippets_consultation_answer:workflow_action",
            args=[answer.pk, "approve", state.pk],
        )
        return self.client.post(url, {})

    def test_model__mixin_order_and_workflow_assigned(self):
        self.assertEqual([e for e in Answer.check() if e.id == "wagtailcore.E006"], [])
        self.assertTrue(
            WorkflowContentType.objects.filter(
                workflow__name__startswith=roles.WORKFLOW_NAME
            ).exists()
        )
        self.assertTrue(Answer.get_default_workflow().name.startswith(roles.WORKFLOW_NAME))

    def test_answer__three_steps__published_question_answered_asker_emailed(self):
        answer = self.draft_answer()
        answer.get_workflow().start(answer, self.officer)
        self.assertFalse(self.officer.has_perm("consultation.publish_answer"))
        for username in ("lvcuong", "ttbinh", "nvan"):
            with self.captureOnCommitCallbacks(execute=True):
                response = self.approve(username, answer)
            self.assertIn(response.status_code, (200, 302), response.content[:500])
        answer.refresh_from_db()
        self.assertTrue(answer.live)
        self.question.refresh_from_db()
        self.assertEqual(self.question.state, QuestionState.ANSWERED)
        self.assertIsNotNone(self.question.answered_at)
        kinds = list(self.question.events.values_list("kind", flat=True))
        self.assertIn("submitted", kinds)
        self.assertIn("answered", kinds)
        to_asker = [m for m in mail.outbox if m.to == ["ltmai@example.vn"]]
        self.assertEqual(len(to_asker), 1)
        self.assertIn(self.question.tracking_full_url(), to_asker[0].body)
        self.assertIn("123/2015/NĐ-CP", to_asker[0].body)
        self.assertIn(str(DISCLAIMER)[:40], to_asker[0].body)

        response = self.client.get(self.question.get_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, f'<a href="{self.decree.url}#dieu-9">123/2015/NĐ-CP</a>', html=True
        )
        self.assertContains(
            response, "Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch"
        )
        self.assertContains(response, "Chính phủ")
        self.assertContains(response, "15/11/2015")
        self.assertContains(response, "Lê Đình Tuấn")
        self.assertContains(response, str(DISCLAIMER)[:40])

    def test_officer__cannot_publish_directly_nor_approve(self):
        answer = self.draft_answer()
        self.client.force_login(self.officer)
        response = self.client.get(
            reverse("wagtailsnippets_consultation_answer:edit", args=[answer.pk])
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="action-publish"')
        answer.get_workflow().start(answer, self.officer)
        answer.refresh_from_db()
        state = answer.current_workflow_task_state
        response = self.client.post(
            reverse(
                "wagtailsnippets_consultation_answer:workflow_action",
                args=[answer.pk, "approve", state.pk],
            ),
            {},
        )
        answer.refresh_from_db()
        self.assertFalse(answer.live)
        self.assertEqual(answer.current_workflow_task_state.pk, state.pk)

    def test_officer__cannot_open_an_answer_given_to_someone_else(self):
        other_question = make_question(
            self.index, self.field, title="Khác", state=QuestionState.ASSIGNED
        )
        answer = Answer.objects.create(question=other_question, body="<p>x</p>", author_name="A")
        self.client.force_login(self.officer)
        assert_denied(
            self,
            self.client.get(reverse("wagtailsnippets_consultation_answer:edit", args=[answer.pk])),
        )
        listing = self.client.get(reverse("wagtailsnippets_consultation_answer:list"))
        self.assertNotContains(listing, "Khác")

    def test_citation__document_gone__typed_data_without_link(self):
        answer = self.draft_answer(
            live=True,
            citations=[
                citation(
                    None,
                    number_symbol="60/2014/QH13",
                    summary="Luật Hộ tịch",
                    issue_date=datetime.date(2014, 11, 20),
                    issuer="Quốc hội",
                    article="Điều 15",
                ),
            ],
        )
        self.question.state = QuestionState.ANSWERED
        self.question.save()
        response = self.client.get(self.question.get_url())
        self.assertContains(response, "60/2014/QH13")
        self.assertContains(response, "20/11/2014")
        # A library page deleted after the answer was written: no broken link, no error.
        Answer.objects.filter(pk=answer.pk).update(
            citations=[
                {
                    "type": "citation",
                    "value": {
                        "document": 999999,
                        "number_symbol": "1/2020/QĐ-UBND",
                        "summary": "Đã xóa",
                        "issue_date": None,
                        "issuer": "UBND",
                        "article": "",
                    },
                }
            ]
        )
        response = self.client.get(self.question.get_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "1/2020/QĐ-UBND")
        self.assertNotContains(response, "/van-ban/")

    def test_citation__neither_document_nor_typed_data__refused(self):
        from congthongtin.consultation.blocks import LegalCitationBlock

        with self.assertRaises(ValidationError):
            LegalCitationBlock().clean(
                {
                    "document": None,
                    "number_symbol": "",
                    "summary": "",
                    "issue_date": None,
                    "issuer": "",
                    "article": "",
                }
            )

    def test_citation__page_not_of_the_library__data_typed_and_page_linked(self):
        """Without the legal app the chooser offers any page (test_installed_alone): such a
        page gives no data of its own, so the citation's data is typed."""
        from wagtail.models import Page

        from congthongtin.consultation.blocks import LegalCitationBlock, citation_of

        block = LegalCitationBlock()
        page = Page.objects.get(pk=self.index.pk)
        typed = {"number_symbol": "", "summary": "", "issue_date": None, "issuer": ""}
        with self.assertRaises(ValidationError):
            block.clean({"document": page, "article": "", **typed})
        value = {
            "document": page,
            "article": "Điều 15",
            "number_symbol": "60/2014/QH13",
            "summary": "Luật Hộ tịch",
            "issue_date": datetime.date(2014, 11, 20),
            "issuer": "Quốc hội",
        }
        shown = citation_of(value)
        self.assertEqual(
            (shown.number_symbol, shown.summary, shown.page), ("60/2014/QH13", "Luật Hộ tịch", page)
        )
        # A document of the library gives its own data.
        self.assertEqual(citation_of({"document": self.decree}).number_symbol, "123/2015/NĐ-CP")

    def test_answer__classified__never_published(self):
        answer = self.draft_answer(classification="mat")
        with self.assertRaises(ValidationError):
            answer.get_latest_revision().publish()
        answer.refresh_from_db()
        self.assertFalse(answer.live)

    def test_gate__reads_author_and_classification_of_an_answer(self):
        codes = {
            p.code
            for p in check_page(Answer(question=self.question, body="<p>x</p>", author_name=""))
        }
        self.assertIn("no_author", codes)
        codes = {
            p.code
            for p in check_page(
                Answer(
                    question=self.question, body="<p>x</p>", author_name="A", classification="mat"
                )
            )
        }
        self.assertIn("classified", codes)
