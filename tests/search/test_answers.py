"""Answers first (issue 25 §4): a procedure or a published Q&A answer that matches the query
strongly among the first results is shown at the top as an answer box; nothing else is,
and nothing the public may not read."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory, TestCase
from django.utils import translation
from wagtail.models import Page, Site

from congthongtin.consultation.models import Answer, QuestionState
from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage
from congthongtin.search import query as search
from congthongtin.search.answers import ANSWER_POSITIONS, answer_for, title_holds
from congthongtin.search.indexing import reindex_page
from congthongtin.search.models import SearchDocument
from congthongtin.search.query import Hit
from tests.consultation.helpers import field, make_question, make_question_index
from tests.factories import AgencyFactory, UnitFactory
from tests.news.helpers import add
from tests.procedures.helpers import make_index, make_procedure

# The new strings' Vietnamese is in /work/po-fragments/answers.po until the catalogues are
# merged: the tests compare with the active catalogue's word, whatever it is.
_ = translation.gettext

SUBMISSION = [
    (
        "channel",
        {
            "channel": "truc-tiep",
            "place": "Bộ phận Một cửa UBND xã Nhữ Xuân",
            "hours": "",
            "url": "",
        },
    ),
    (
        "channel",
        {"channel": "truc-tuyen", "place": "", "hours": "", "url": "https://dichvucong.gov.vn"},
    ),
]


def hit_of(page) -> Hit:
    """The search row of a page as the search gives it (``search.indexing``)."""
    return Hit(SearchDocument.objects.get(page=page, anchor=""))


def question_hit(question) -> Hit:
    return Hit(SearchDocument.objects.get(source=f"question:{question.pk}"))


def publish_answer(question, body="<p>Nộp tờ khai tại Ủy ban nhân dân xã.</p>") -> Answer:
    answer = Answer(
        question=question,
        body=body,
        author_name="Lê Đình Tuấn",
        author_position="Phó Chủ tịch",
        live=False,
    )
    answer.save()
    answer.save_revision().publish()
    return Answer.objects.get(pk=answer.pk)


def make_birth_registration(index, **fields):
    values = {
        "title": "Đăng ký khai sinh",
        "code": "1.001193",
        "processing_days": 1,
        "processing_time_text": "",
        "agency": AgencyFactory(name="Ủy ban nhân dân xã Nhữ Xuân"),
        "submission": SUBMISSION,
        "fees": [("fee", {"name": "Lệ phí đăng ký khai sinh", "amount": 8000, "note": ""})],
    }
    values.update(fields)
    return make_procedure(index, **values)


class ProcedureAnswerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Page.objects.get(depth=2)
        cls.index = make_index()
        cls.birth = make_birth_registration(cls.index)
        cls.free = make_procedure(
            cls.index, title="Cấp bản sao trích lục hộ tịch", fees=[], submission=[]
        )
        cls.news_index = add(cls.home, NewsIndexPage, title="Tin tức", slug="tin-tuc")
        cls.news = add(
            cls.news_index,
            NewsPage,
            title="Tuyên truyền đăng ký khai sinh",
            category=NewsCategory.objects.get(slug="kinh-te"),
        )
        reindex_page(cls.news)

    def setUp(self):
        translation.activate("vi")
        self.addCleanup(translation.deactivate)

    def test_procedure_first_and_strong__its_time_limit_fee_and_where_to_submit(self):
        answer = answer_for([hit_of(self.birth), hit_of(self.news)])
        self.assertEqual((answer.kind, answer.title), ("procedure", "Đăng ký khai sinh"))
        self.assertEqual(answer.url, self.birth.url)
        self.assertEqual(answer.category, "Thủ tục hành chính")
        facts = dict(answer.facts)
        self.assertEqual(facts["Thời hạn giải quyết"], "1 ngày làm việc")
        self.assertEqual(facts["Phí, lệ phí"], "Lệ phí đăng ký khai sinh: 8.000 đ")
        self.assertEqual(
            facts["Nơi nộp hồ sơ"], "Bộ phận Một cửa UBND xã Nhữ Xuân. Có thể nộp: trực tuyến."
        )
        self.assertEqual(facts["Cấp thực hiện"], "Cấp xã – Ủy ban nhân dân xã Nhữ Xuân")
        self.assertEqual(facts["Mã thủ tục"], "1.001193")
        self.assertEqual(answer.link_label, _("See the whole procedure"))

    def test_no_fee_and_time_as_the_law_words_it(self):
        facts = dict(answer_for([hit_of(self.free)]).facts)
        self.assertEqual(facts["Phí, lệ phí"], "Không thu phí, lệ phí")
        self.assertEqual(facts["Thời hạn giải quyết"], "Ngay trong ngày tiếp nhận hồ sơ")
        self.assertNotIn("Nơi nộp hồ sơ", facts)  # nothing said: nothing shown

    def test_zero_amounts_only__no_fee(self):
        page = make_procedure(
            self.index,
            title="Đăng ký lại khai sinh",
            fees=[("fee", {"name": "Lệ phí", "amount": 0, "note": "Miễn cho trẻ em"})],
        )
        self.assertEqual(
            dict(answer_for([hit_of(page)]).facts)["Phí, lệ phí"], "Không thu phí, lệ phí"
        )

    def test_fees__first_lines_then_an_ellipsis_and_no_single_amount_says_its_note(self):
        page = make_procedure(
            self.index,
            title="Đăng ký kết hôn có yếu tố nước ngoài",
            fees=[
                ("fee", {"name": "Lệ phí", "amount": None, "note": "Theo nghị quyết của tỉnh"}),
                ("fee", {"name": "Phí bản sao", "amount": 0, "note": ""}),
                ("fee", {"name": "Phí dịch thuật", "amount": 50000, "note": ""}),
            ],
            processing_days=15,
            processing_time_text="Kéo dài thêm 5 ngày nếu cần xác minh",
        )
        facts = dict(answer_for([hit_of(page)]).facts)
        self.assertEqual(
            facts["Phí, lệ phí"], "Lệ phí: Theo nghị quyết của tỉnh; Phí bản sao: miễn; …"
        )
        self.assertEqual(
            facts["Thời hạn giải quyết"], "15 ngày làm việc – Kéo dài thêm 5 ngày nếu cần xác minh"
        )

    def test_not_strong__no_answer(self):
        self.assertIsNone(answer_for([hit_of(self.birth)], strong=lambda hit: False))

    def test_default_strength__first_hit_only(self):
        self.assertIsNone(answer_for([hit_of(self.news), hit_of(self.birth)]))

    def test_news_first__the_strong_procedure_second_is_the_answer(self):
        hits = [hit_of(self.news), hit_of(self.birth)]
        answer = answer_for(hits, strong=lambda hit: True)
        self.assertEqual(answer.title, self.birth.title)

    def test_strength_is_asked_per_hit(self):
        hits = [hit_of(self.birth), hit_of(self.free)]
        answer = answer_for(hits, strong=lambda hit: hit.document.page_id == self.free.pk)
        self.assertEqual(answer.title, self.free.title)

    def test_title_holds__every_word_in_any_spelling(self):
        hits = [hit_of(self.news), hit_of(self.birth)]
        self.assertEqual(
            answer_for(hits, title_holds(["dang", "ky", "khai", "sinh"])).title, self.birth.title
        )
        self.assertEqual(answer_for(hits, title_holds("Đăng ký khai sinh")).title, self.birth.title)
        self.assertIsNone(answer_for(hits, title_holds(["khai", "sinh", "con"])))
        self.assertIsNone(answer_for(hits, title_holds([])))

    def test_fourth_position__ignored(self):
        others = [hit_of(self.news)] * ANSWER_POSITIONS
        self.assertIsNone(answer_for([*others, hit_of(self.birth)], strong=lambda hit: True))
        self.assertIsNotNone(answer_for([*others[:2], hit_of(self.birth)], strong=lambda h: True))

    def test_no_hits__no_answer(self):
        self.assertIsNone(answer_for([]))

    def test_a_part_of_a_page__not_an_answer(self):
        hit = hit_of(self.birth)
        hit.document.anchor = "dieu-1"
        self.assertIsNone(answer_for([hit]))

    def test_page_no_longer_live__no_answer(self):
        hit = hit_of(self.birth)  # a row read before the page was unpublished
        self.birth.unpublish()
        self.assertIsNone(answer_for([hit]))

    def test_end_to_end__the_search_for_the_procedure_answers_with_it(self):
        site = Site.objects.get(is_default_site=True)
        hits = search.run("dang ky khai sinh", site, search.Filters()).hits
        self.assertEqual(hits[0].document.page_id, self.birth.pk)
        self.assertEqual(answer_for(hits).title, "Đăng ký khai sinh")


class QuestionAnswerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_question_index()
        cls.unit = UnitFactory(name="Phòng Tư pháp")
        cls.question = make_question(
            cls.index,
            field("Hộ tịch"),
            title="Giấy tờ đăng ký khai sinh cho con",
            state=QuestionState.ASSIGNED,
            unit=cls.unit,
        )
        long_answer = "<p>Nộp <strong>tờ khai</strong> &amp; giấy chứng sinh. " + "Chi tiết. " * 60
        publish_answer(cls.question, body=long_answer + "</p>")
        cls.question.refresh_from_db()

    def setUp(self):
        translation.activate("vi")
        self.addCleanup(translation.deactivate)

    def test_published_answer__question_title_excerpt_who_and_when(self):
        answer = answer_for([question_hit(self.question)])
        self.assertEqual((answer.kind, answer.title), ("question", self.question.title))
        self.assertEqual(answer.url, self.question.get_url())
        self.assertEqual(answer.category, "Hỏi đáp")
        self.assertTrue(answer.excerpt.startswith("Nộp tờ khai & giấy chứng sinh. Chi tiết."))
        self.assertLessEqual(len(answer.excerpt), 300)
        self.assertTrue(answer.excerpt.endswith("…"))
        facts = dict(answer.facts)
        self.assertEqual(facts["Đơn vị"], "Phòng Tư pháp")
        self.assertEqual(facts["Người trả lời"], "Lê Đình Tuấn, Phó Chủ tịch")
        self.assertRegex(facts["Đã trả lời"], r"^\d\d/\d\d/\d{4}$")
        self.assertEqual(answer.link_label, _("Read the answer"))

    def test_the_askers_data__never_in_the_answer(self):
        answer = answer_for([question_hit(self.question)])
        shown = " ".join([answer.title, answer.excerpt, *(v for _, v in answer.facts)])
        for private in ("Lương Thị Mai", "ltmai@example.vn", self.question.body):
            self.assertNotIn(private, shown)

    def test_unpublished_question__never_an_answer(self):
        hit = question_hit(self.question)  # the row as a stale index may still hold it
        self.question.publish_on_portal = False
        self.question.save(update_fields=["publish_on_portal"])
        self.assertIsNone(answer_for([hit], strong=lambda hit: True))

    def test_withdrawn_answer__never_an_answer(self):
        hit = question_hit(self.question)
        self.question.answer.unpublish()
        self.assertFalse(SearchDocument.objects.filter(source=hit.document.source).exists())
        self.assertIsNone(answer_for([hit], strong=lambda hit: True))

    def test_malformed_source__no_answer_and_no_error(self):
        for source in ("question:", "question:abc", "question:١٢", "question:1 OR 1=1"):
            with self.subTest(source=source):
                hit = Hit(SearchDocument(source=source, category="hoi-dap", path="0001", url="/"))
                self.assertIsNone(answer_for([hit]))


class TemplateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.procedure = make_birth_registration(
            cls.index,
            title="Đăng ký <b>khai sinh</b>",
            processing_days=None,
            processing_time_text='Trong ngày <script>alert("x")</script>',
        )

    def render(self, answer):
        request = RequestFactory().get("/tim-kiem/", {"q": "khai sinh"})
        with translation.override("vi"):
            return render_to_string("portal_search/_answer.html", {"answer": answer}, request)

    def test_box__heading_facts_and_link(self):
        answer = answer_for([hit_of(self.procedure)])
        html = self.render(answer)
        with translation.override("vi"):
            heading, link = _("Quick answer"), _("See the whole procedure")
        self.assertInHTML(
            f'<h2 id="search-answer-label" class="search-answer__label">{heading}'
            ' <span class="search-answer__category">· Thủ tục hành chính</span></h2>',
            html,
        )
        self.assertIn('aria-labelledby="search-answer-label"', html)
        self.assertInHTML("<dt>Phí, lệ phí</dt>", html)
        self.assertInHTML("<dd>Lệ phí đăng ký khai sinh: 8.000 đ</dd>", html)
        self.assertInHTML("<dt>Nơi nộp hồ sơ</dt>", html)
        self.assertInHTML(
            f'<a class="button search-answer__link" href="{self.procedure.url}">{link}'
            '<span class="visually-hidden">: Đăng ký &lt;b&gt;khai sinh&lt;/b&gt;</span></a>',
            html,
        )

    def test_values__escaped(self):
        html = self.render(answer_for([hit_of(self.procedure)]))
        self.assertNotIn("<script>", html)
        self.assertNotIn("<b>", html)
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", html)
        self.assertIn("Đăng ký &lt;b&gt;khai sinh&lt;/b&gt;", html)

    def test_no_answer__nothing_rendered(self):
        self.assertEqual(self.render(None).strip(), "")


@pytest.mark.django_db
def test_query_count__at_most_three_for_the_answer(django_assert_max_num_queries):
    index = make_index()
    procedure = make_birth_registration(index)
    question_index = make_question_index()
    question = make_question(
        question_index, field(), state=QuestionState.ASSIGNED, unit=UnitFactory()
    )
    publish_answer(question)
    procedure_hits = [hit_of(procedure)]
    question_hits = [question_hit(question)]
    with django_assert_max_num_queries(3):
        assert answer_for(procedure_hits).kind == "procedure"
    with django_assert_max_num_queries(3):
        assert answer_for(question_hits).kind == "question"


@pytest.mark.django_db
def test_query_count__one_per_candidate_when_warm(django_assert_num_queries):
    index = make_index()
    procedure = make_birth_registration(index)
    hits = [hit_of(procedure)]
    answer_for(hits)  # the site's archives, read once per content version
    with django_assert_num_queries(1):
        assert answer_for(hits) is not None
