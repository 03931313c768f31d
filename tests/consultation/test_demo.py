"""The demo content of the citizens' voice: idempotent, one draft open and one with its
result, ten answered questions citing real documents (linked to the library), three
waiting of which one overdue."""

from io import StringIO

from django.utils import timezone
from wagtail.models import Site

from congthongtin.consultation.models import (
    Answer,
    ConsultationComment,
    ConsultationPage,
    ContactPage,
    Question,
    QuestionState,
)
from congthongtin.core.models import Official
from congthongtin.nhuxuan_site.demo import consultation as demo
from congthongtin.nhuxuan_site.demo import content
from congthongtin.nhuxuan_site.demo import legal as legal_demo
from congthongtin.nhuxuan_site.management.commands.load_demo import DemoContext
from tests.shared_demo import DemoTestCase


def demo_context():
    site = Site.objects.get(is_default_site=True)
    officials = {
        person["key"]: Official.objects.get(full_name=person["full_name"], unit__name=unit["name"])
        for unit in content.UNITS
        for person in unit["officials"]
    }
    return DemoContext(
        home=site.root_page.specific,
        site=site,
        officials=officials,
        sections={slug: (title, intro) for slug, title, intro in content.SECTIONS},
        stdout=StringIO(),
    )


class DemoTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        context = demo_context()
        legal_demo.load(context)
        demo.load(context)
        cls.counts = cls.count()
        demo.load(demo_context())  # a second run adds nothing

    @staticmethod
    def count():
        return (
            ConsultationPage.objects.count(),
            ConsultationComment.objects.count(),
            # The Q&A's questions (the petitions, complaints and denunciations of the demo:
            # tests/consultation/test_request_demo.py).
            Question.objects.filter(kind="hoi-dap").count(),
            Answer.objects.filter(question__kind="hoi-dap").count(),
            ContactPage.objects.count(),
        )

    def test_idempotent(self):
        self.assertEqual(self.count(), self.counts)
        self.assertEqual(self.counts, (2, 3, 13, 10, 1))

    def test_one_open_one_with_result(self):
        statuses = sorted(p.status for p in ConsultationPage.objects.all())
        self.assertEqual(statuses, ["da-co-ket-qua", "dang-lay-y-kien"])
        for page in ConsultationPage.objects.all():
            self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_questions__ten_answered_three_waiting_one_overdue(self):
        questions = Question.objects.filter(kind="hoi-dap")
        self.assertEqual(questions.published().count(), 10)
        self.assertEqual(questions.open().count(), 3)
        now = timezone.now()
        self.assertEqual(sum(q.is_overdue(now) for q in questions.open()), 1)
        self.assertGreaterEqual(questions.published().values("field").distinct().count(), 8)

    def test_citations__linked_to_the_library_when_the_document_is_there(self):
        question = Question.objects.get(title__startswith="Trang thông tin điện tử của xã")
        response = self.client.get(question.get_url())
        self.assertContains(response, '/van-ban/nghi-dinh-224-2026-nd-cp/#dieu-9"')
        question = Question.objects.get(title="Thời hạn đăng ký khai sinh cho con")
        response = self.client.get(question.get_url())
        self.assertContains(response, "60/2014/QH13")
        self.assertContains(response, "20/11/2014")

    def test_sections__in_the_menu(self):
        response = self.client.get("/")
        for slug in ("du-thao", "hoi-dap", "lien-he"):
            self.assertContains(response, f'href="/{slug}/"')
        received = Question.objects.filter(kind="hoi-dap", state=QuestionState.RECEIVED)
        self.assertEqual(received.count(), 1)
