"""Items that are not pages in site search (issue 17): consultation announces its published
questions through core.search_items, the search app listens and indexes them; without the
search app's receivers, publishing an answer works the same and nothing is indexed."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Site

from congthongtin.consultation.models import Answer, Question, QuestionState
from congthongtin.core.models import OutgoingEmail
from congthongtin.core.search_items import (
    SearchItem,
    all_search_items,
    search_item_changed,
    search_item_removed,
)
from congthongtin.search import query as search
from congthongtin.search import signals as search_signals
from congthongtin.search.models import SearchDocument
from tests.consultation.helpers import field, make_question, make_question_index


class PublishedQuestionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        cls.index = make_question_index()
        cls.question = make_question(
            cls.index,
            field("Hộ tịch"),
            title="Giấy tờ đăng ký khai sinh cho con",
            body="Con tôi sinh được 2 tháng, tôi cần giấy tờ gì?",
            state=QuestionState.ASSIGNED,
        )

    def publish_answer(self) -> Answer:
        answer = Answer(
            question=self.question,
            body="<p>Nộp tờ khai và giấy chứng sinh tại Ủy ban nhân dân xã.</p>",
            author_name="Lê Đình Tuấn",
            live=False,
        )
        answer.save()
        answer.save_revision().publish()
        return Answer.objects.get(pk=answer.pk)

    def rows(self):
        return SearchDocument.objects.filter(source=f"question:{self.question.pk}")

    def test_published_answer__question_found_in_site_search_without_the_askers_data(self):
        self.publish_answer()
        row = self.rows().get()
        self.assertEqual((row.page_id, row.category), (None, "hoi-dap"))
        self.assertEqual(row.path, self.index.path)
        self.assertIn("giấy chứng sinh", row.body)
        self.assertNotIn("Lương Thị Mai", f"{row.title} {row.summary} {row.body}")
        hits = search.run("chung sinh", self.site, search.Filters(category="hoi-dap")).hits
        self.assertEqual([hit.document.source for hit in hits], [row.source])

    def test_unpublished_answer__question_leaves_site_search(self):
        answer = self.publish_answer()
        answer.unpublish()
        self.assertFalse(self.rows().exists())

    def test_reindex_search__rebuilds_the_rows_of_published_questions(self):
        self.publish_answer()
        SearchDocument.objects.all().delete()
        self.assertEqual(
            [item.source for item in all_search_items()], [f"question:{self.question.pk}"]
        )
        call_command("reindex_search", stdout=StringIO())
        self.assertEqual(self.rows().get().category, "hoi-dap")

    def test_without_the_search_receivers__publishing_works_and_nothing_is_indexed(self):
        # As in a site without the search app: nobody listens to core.search_items.
        self.assertTrue(
            search_item_changed.disconnect(search_signals._item_changed, sender=SearchItem)
        )
        self.addCleanup(search_item_changed.connect, search_signals._item_changed, SearchItem)
        search_item_removed.disconnect(search_signals._item_removed, sender=SearchItem)
        self.addCleanup(search_item_removed.connect, search_signals._item_removed, SearchItem)
        with self.captureOnCommitCallbacks(execute=True):
            answer = self.publish_answer()
        self.question.refresh_from_db()
        self.assertEqual(self.question.state, QuestionState.ANSWERED)
        self.assertTrue(Question.objects.published().filter(pk=self.question.pk).exists())
        self.assertTrue(OutgoingEmail.objects.filter(purpose="question.answered").exists())
        self.assertFalse(SearchDocument.objects.filter(source__startswith="question:").exists())
        answer.unpublish()
        self.question.refresh_from_db()
        self.assertEqual(self.question.state, QuestionState.ASSIGNED)
